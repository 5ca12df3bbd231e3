/*
 * gen-options: print docs/options.md, the coverage table, from libwsp's
 * option table (spi/sockopt_table.c), so that the document cannot drift from
 * the code.  "gen-options --check FILE" compares instead and fails (exit 1)
 * when FILE is stale; the Meson test options_doc runs that.
 */
#include "wsp_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *value_type(const struct wsp_optrow *r, char *buf, size_t cap)
{
    switch (r->kind) {
    case WSP_KIND_MS:      return "DWORD ms";
    case WSP_KIND_LINGER:  return "LINGER (2 x u_short)";
    case WSP_KIND_ERRCODE: return "int (WSAE code)";
    default: break;
    }
    switch (r->len_rule) {
    case WSP_LEN_BOOL:       return r->kind == WSP_KIND_BOOL ? "BOOL" : "int";
    case WSP_LEN_BOOL1:      return "BOOLEAN (1 byte)";
    case WSP_LEN_BYTE_VALUE: return r->kind == WSP_KIND_BOOL ? "BOOL (1..4 bytes)" : "DWORD <= 255 (1..4 bytes)";
    case WSP_LEN_INT_NOLEN:  return r->kind == WSP_KIND_BOOL ? "BOOL (4 bytes)" : "DWORD";
    case WSP_LEN_BYTES:
        snprintf(buf, cap, "bytes, 0..%d", r->size);
        return buf;
    case WSP_LEN_STRUCT:
        if (r->kind == WSP_KIND_OPAQUE && r->size) {
            snprintf(buf, cap, "struct, %d bytes", r->size);
            return buf;
        }
        return "struct";
    default:
        return r->kind == WSP_KIND_BOOL ? "BOOL" : "DWORD";
    }
}

static const char *sockets(const struct wsp_optrow *r, char *buf, size_t cap)
{
    const char *fam = (r->flags & WSP_OPT_INET6) ? "IPv6"
                      : (r->flags & WSP_OPT_INET4) ? "IPv4 (+ dual-stack IPv6)" : "IPv4, IPv6";
    const char *type = "all";
    if ((r->flags & WSP_OPT_STREAM_ONLY) || r->wlevel == WS_IPPROTO_TCP)
        type = "stream";
    else if (r->flags & WSP_OPT_DGRAM_ONLY)
        type = "datagram";
    else if (r->flags & WSP_OPT_STREAM_EINVAL)
        type = "datagram, raw";
    const char *access = (r->flags & WSP_OPT_GET) && (r->flags & WSP_OPT_SET) ? "get/set"
                         : (r->flags & WSP_OPT_GET) ? "get" : "set";
    snprintf(buf, cap, "%s; %s; %s", fam, type, access);
    return buf;
}

static const char *mapping(const struct wsp_optrow *r)
{
    if (!(r->flags & (WSP_OPT_GET | WSP_OPT_SET)))
        return "**not supported** (WSAENOPROTOOPT)";
    if (r->nname < 0)
        return "emulated by libwsp";
    if (!r->set && !r->get)
        return "native";
    return "translated by libwsp";
}

static void print_row(FILE *out, const struct wsp_optrow *r)
{
    char t[64], s[96], posix[96];
    if (r->nname < 0)
        snprintf(posix, sizeof posix, "-");
    else
        snprintf(posix, sizeof posix, "%s %s (%d)%s", wsp_native_level_name(r->nlevel), r->nname_str, r->nname,
                 (r->flags & WSP_OPT_NO_POSIX) ? ", not mapped by the shim" : "");
    if (!(r->flags & (WSP_OPT_GET | WSP_OPT_SET))) {
        fprintf(out, "| %s | %s (%d) | %s | - | - | %s | - | %s |\n", wsp_level_name(r->wlevel), r->wname_str,
                r->wname, posix, mapping(r), r->linux_diff ? r->linux_diff : "");
        return;
    }
    fprintf(out, "| %s | %s (%d) | %s | %s | %s | %s | %s | %s |\n", wsp_level_name(r->wlevel), r->wname_str, r->wname,
            posix, value_type(r, t, sizeof t), sockets(r, s, sizeof s), mapping(r), r->wdefault ? r->wdefault : "",
            r->linux_diff ? r->linux_diff : "");
}

static void print_doc(FILE *out)
{
    size_t n = wsp_opt_count(), unsupported = 0;
    for (size_t i = 0; i < n; i++)
        unsupported += !(wsp_opt_at(i)->flags & (WSP_OPT_GET | WSP_OPT_SET));
    fprintf(out, "# Option coverage\n\n");
    fprintf(out, "Generated from libwsp's option table (`spi/sockopt_table.c`) by `docs/gen_options.c`; do not\n"
                 "edit. Regenerate with `ninja -C build/dev && build/dev/docs/gen-options > docs/options.md`;\n"
                 "the `options_doc` test fails while this file is stale.\n\n");
    fprintf(out, "%zu rows: %zu implemented, %zu not supported (both calls fail `WSAENOPROTOOPT`, the\n"
                 "reason in the last column). An option Windows documents that has no row here is unknown\n"
                 "to libwsp and fails `WSAENOPROTOOPT` as well; the shim passes its POSIX spelling, if any,\n"
                 "to Linux untouched.\n\n", n, n - unsupported, unsupported);
    fprintf(out, "Columns: Windows level; Windows name (value); POSIX level, name (value) the shim maps it\n"
                 "from; value type on Windows; sockets it applies to (families; types; get/set) -- others get\n"
                 "the Windows error (`WSAEINVAL` for the other IP version and for IP-layer datagram options on\n"
                 "stream sockets, `WSAENOPROTOOPT` for the wrong transport); how libwsp implements it; what a\n"
                 "fresh socket reads on Windows; how Linux differs.\n\n");
    fprintf(out, "| level | Windows | POSIX | type | sockets | libwsp | default | Linux differs |\n");
    fprintf(out, "|---|---|---|---|---|---|---|---|\n");
    for (size_t i = 0; i < n; i++)
        print_row(out, wsp_opt_at(i));
}

int main(int argc, char **argv)
{
    if (argc == 1) {
        print_doc(stdout);
        return ferror(stdout) ? 1 : 0;
    }
    if (argc != 3 || strcmp(argv[1], "--check") != 0) {
        fprintf(stderr, "usage: %s [--check docs/options.md]\n", argv[0]);
        return 2;
    }
    char *want = NULL, *have = NULL;
    size_t want_len = 0, have_len = 0;
    FILE *mem = open_memstream(&want, &want_len);
    if (!mem)
        return 2;
    print_doc(mem);
    fclose(mem);
    FILE *f = fopen(argv[2], "r");
    if (!f) {
        fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[2]);
        free(want);
        return 1;
    }
    mem = open_memstream(&have, &have_len);
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        fwrite(chunk, 1, got, mem);
    fclose(f);
    fclose(mem);
    int same = want_len == have_len && memcmp(want, have, want_len) == 0;
    if (!same)
        fprintf(stderr, "%s is stale: regenerate it with gen-options > %s\n", argv[2], argv[2]);
    free(want);
    free(have);
    return same ? 0 : 1;
}

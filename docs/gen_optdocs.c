/*
 * gen-optdocs: the option table (spi/sockopt_table.c) as documents, so that
 * neither can drift from the rules the provider applies.  One walk over the
 * rows (describe_row) and two outputs:
 *   gen-optdocs md                   docs/options.md, the coverage table
 *   gen-optdocs --check FILE         compare FILE with it; exit 1 when stale
 *                                    (the Meson test options_doc)
 *   gen-optdocs man TEMPLATE         a man page template with the line
 *                                    `.\" @OPTION_TABLE@` replaced by one entry
 *                                    per row (WSPSetSockOpt(3), man/meson.build)
 */
#include "wsp_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- one row, format-free ---------------------------------------------- */
struct row_text {
    int supported;              /* 0: a "not supported" row (no get, no set) */
    char option[96];            /* Windows name (value) */
    const char *level;
    char posix[128];            /* POSIX level, name (value) the shim maps from, or "-" */
    char type[64];              /* the value's type on Windows */
    const char *family;         /* families it applies to */
    const char *types;          /* socket types it applies to, and the error for the others */
    const char *access;         /* get/set */
    char denied[64];            /* "set fails WSAE..." for get-only rows */
    const char *mapping;        /* how libwsp implements it */
    const char *wdefault, *linux_diff, *source;
};

static void value_type(const struct wsp_optrow *r, char *buf, size_t cap)
{
    const char *t;
    switch (r->kind) {
    case WSP_KIND_MS:          t = "DWORD ms"; break;
    case WSP_KIND_LINGER:      t = "LINGER (2 x u_short)"; break;
    case WSP_KIND_ERRCODE:     t = "int (WSAE code)"; break;
    case WSP_KIND_MCAST_IF:    t = "DWORD (IN_ADDR, or 0.0.0.x = interface index)"; break;
    case WSP_KIND_MREQ:        t = "ip_mreq (8 bytes)"; break;
    case WSP_KIND_MREQ_SOURCE: t = "ip_mreq_source (12 bytes)"; break;
    case WSP_KIND_GROUP_REQ:
        snprintf(buf, cap, "%s (%d bytes)", r->size == (int)sizeof(struct WS_group_req) ? "GROUP_REQ" : "GROUP_SOURCE_REQ",
                 r->size);
        return;
    case WSP_KIND_PMTUD:       t = "DWORD (PMTUD_STATE)"; break;
    case WSP_KIND_IFINDEX_NET: t = "DWORD (interface index, host order)"; break;
    case WSP_KIND_IFINDEX_NET_GET: t = "DWORD (interface index: set network order, get host order)"; break;
    default:
        switch (r->len_rule) {
        case WSP_LEN_BOOL:       t = r->kind == WSP_KIND_BOOL ? "BOOL" : "int"; break;
        case WSP_LEN_BOOL1:      t = "BOOLEAN (1 byte)"; break;
        case WSP_LEN_BYTE_VALUE: t = r->kind == WSP_KIND_BOOL ? "BOOL (1..4 bytes)" : "DWORD <= 255 (1..4 bytes)"; break;
        case WSP_LEN_INT_NOLEN:  t = r->kind == WSP_KIND_BOOL ? "BOOL (4 bytes)" : "DWORD"; break;
        case WSP_LEN_BYTES:
            snprintf(buf, cap, "bytes, 0..%d", r->size);
            return;
        case WSP_LEN_STRUCT:
            if (r->size) {
                snprintf(buf, cap, "struct, %d bytes", r->size);
                return;
            }
            t = "struct";
            break;
        default:
            t = r->kind == WSP_KIND_BOOL ? "BOOL" : "DWORD";
            break;
        }
    }
    snprintf(buf, cap, "%s", t);
}

static const char *mapping(const struct wsp_optrow *r)
{
    if (r->nname < 0)
        return "emulated by libwsp";
    if (!r->set && !r->get)
        return "native";
    return "translated by libwsp";
}

static void describe_row(const struct wsp_optrow *r, struct row_text *t)
{
    memset(t, 0, sizeof *t);
    t->supported = (r->flags & (WSP_OPT_GET | WSP_OPT_SET)) != 0;
    snprintf(t->option, sizeof t->option, "%s (%d)", r->wname_str, r->wname);
    t->level = wsp_level_name(r->wlevel);
    if (r->nname < 0)
        snprintf(t->posix, sizeof t->posix, "-");
    else
        snprintf(t->posix, sizeof t->posix, "%s %s (%d)%s", wsp_native_level_name(r->nlevel), r->nname_str,
                 r->nname, (r->flags & WSP_OPT_NO_POSIX) ? ", not mapped by the shim" : "");
    t->linux_diff = r->linux_diff ? r->linux_diff : "";
    t->source = r->source;
    t->wdefault = r->wdefault ? r->wdefault : "";
    if (!t->supported) {
        t->mapping = "**not supported** (WSAENOPROTOOPT)";
        return;
    }
    value_type(r, t->type, sizeof t->type);
    t->family = (r->flags & WSP_OPT_INET6) ? "IPv6"
                : (r->flags & WSP_OPT_INET4) ? "IPv4 (+ dual-stack IPv6)" : "IPv4, IPv6";
    /* the type flags, as sockopt_family.c and wsp_sockopt.c apply them */
    t->types = (r->flags & WSP_OPT_STREAM_ONLY) || r->wlevel == WS_IPPROTO_TCP ? "stream"
               : (r->flags & WSP_OPT_DGRAM_ONLY)                                ? "datagram"
               : (r->flags & WSP_OPT_STREAM_EINVAL) ? "datagram, raw (stream: WSAEINVAL)"
                                                    : "all";
    int get = (r->flags & WSP_OPT_GET) != 0, set = (r->flags & WSP_OPT_SET) != 0;
    t->access = get && set ? "get/set" : get ? "get" : "set";
    if (!set && r->set_denied) {
        const char *n = wsp_wsa_name(r->set_denied);
        snprintf(t->denied, sizeof t->denied, "set fails %s", n ? n : "?");
    }
    t->mapping = mapping(r);
}

/* ---- Markdown: docs/options.md ----------------------------------------- */
static void emit_md(FILE *out, const struct row_text *t)
{
    if (!t->supported) {
        fprintf(out, "| %s | %s | %s | - | - | %s | - | %s |\n", t->level, t->option, t->posix, t->mapping,
                t->linux_diff);
        return;
    }
    fprintf(out, "| %s | %s | %s | %s | %s; %s; %s | %s | %s | %s |\n", t->level, t->option, t->posix, t->type,
            t->family, t->types, t->access, t->mapping, t->wdefault, t->linux_diff);
}

static void print_md(FILE *out)
{
    size_t n = wsp_opt_count(), unsupported = 0;
    for (size_t i = 0; i < n; i++)
        unsupported += !(wsp_opt_at(i)->flags & (WSP_OPT_GET | WSP_OPT_SET));
    fprintf(out, "# Option coverage\n\n");
    fprintf(out, "Generated from libwsp's option table (`spi/sockopt_table.c`) by `docs/gen_optdocs.c`, which\n"
                 "also writes the table of WSPSetSockOpt(3); do not edit. Regenerate with\n"
                 "`ninja -C build/dev && build/dev/docs/gen-optdocs md > docs/options.md`; the `options_doc`\n"
                 "test fails while this file is stale.\n\n");
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
    for (size_t i = 0; i < n; i++) {
        struct row_text t;
        describe_row(wsp_opt_at(i), &t);
        emit_md(out, &t);
    }
}

static int check_md(const char *prog, const char *path)
{
    char *want = NULL, *have = NULL;
    size_t want_len = 0, have_len = 0;
    FILE *mem = open_memstream(&want, &want_len);
    if (!mem)
        return 2;
    print_md(mem);
    fclose(mem);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s: cannot read %s\n", prog, path);
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
        fprintf(stderr, "%s is stale: regenerate it with gen-optdocs md > %s\n", path, path);
    free(want);
    free(have);
    return same ? 0 : 1;
}

/* ---- roff: WSPSetSockOpt(3) --------------------------------------------- */

/* A UTF-8 sequence (the sources cite "ref \u00a7N") as a roff \[uXXXX]
 * escape, since man pages are read on any locale; returns its last byte. */
static const char *roff_utf8(FILE *out, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned cp;
    int n;
    if ((u[0] & 0xe0) == 0xc0)
        cp = u[0] & 0x1f, n = 1;
    else if ((u[0] & 0xf0) == 0xe0)
        cp = u[0] & 0x0f, n = 2;
    else {
        fputc('?', out);
        return s;
    }
    for (int i = 1; i <= n; i++) {
        if ((u[i] & 0xc0) != 0x80) {
            fputc('?', out);
            return s;
        }
        cp = cp << 6 | (u[i] & 0x3f);
    }
    fprintf(out, "\\[u%04X]", cp);
    return s + n;
}

/* Escape s for roff into buf: '\\' is the escape character, '-' a hyphen. */
static void roff_escape(char *buf, size_t size, const char *s)
{
    FILE *m = fmemopen(buf, size, "w");
    if (!m) {
        snprintf(buf, size, "?");
        return;
    }
    for (; *s; s++) {
        if (*s == '\\')
            fputs("\\e", m);
        else if (*s == '-')
            fputs("\\-", m);
        else if ((unsigned char)*s >= 0x80)
            s = roff_utf8(m, s);
        else
            fputc(*s, m);
    }
    fclose(m);
}

/* Print text as roff input lines of at most 72 bytes, broken at spaces;
 * a line starting with '.' or '\'' would be a request: guard it with \&. */
static void roff_text(FILE *out, const char *s)
{
    char buf[2048];
    roff_escape(buf, sizeof buf, s);
    size_t col = 0;
    for (char *w = strtok(buf, " "); w; w = strtok(NULL, " ")) {
        size_t len = strlen(w);
        if (col && col + 1 + len > 72) {
            fputc('\n', out);
            col = 0;
        } else if (col) {
            fputc(' ', out);
            col++;
        }
        if (col == 0 && (*w == '.' || *w == '\''))
            fputs("\\&", out), col += 2;
        fputs(w, out);
        col += len;
    }
}

static void emit_man(FILE *out, const struct wsp_optrow *r, const struct row_text *t)
{
    fputs(".TP\n.BR ", out);
    roff_text(out, r->wname_str);
    fputs(" \" (", out);
    roff_text(out, t->level ? t->level : "?");
    fputs(")\"\n", out);
    char line[512];
    if (!t->supported)
        snprintf(line, sizeof line, "Not supported: get and set fail WSAENOPROTOOPT. %s.", t->linux_diff);
    else
        snprintf(line, sizeof line, "%s%s%s; %s; socket types: %s; families: %s.", t->access,
                 t->denied[0] ? ", " : "", t->denied, t->type, t->types, t->family);
    roff_text(out, line);                     /* wrapped: long texts pass 80 bytes */
    fputc('\n', out);
    if (t->supported) {
        if (r->nname >= 0 && !(r->flags & WSP_OPT_NO_POSIX))
            snprintf(line, sizeof line, "Linux counterpart: %s.", r->nname_str);
        else if (r->nname >= 0)
            snprintf(line, sizeof line, "Linux counterpart: %s (its POSIX spelling maps to another row).",
                     r->nname_str);
        else
            snprintf(line, sizeof line, "No Linux counterpart: emulated in libwsp.");
        roff_text(out, line);
        fputc('\n', out);
    }
    char source[1024];
    snprintf(source, sizeof source, "Source: %s.", t->source);
    roff_text(out, source);
    fputc('\n', out);
}

static int print_man(const char *template)
{
    FILE *in = fopen(template, "r");
    if (!in) {
        perror(template);
        return 2;
    }
    char line[1024];
    int found = 0;
    while (fgets(line, sizeof line, in)) {
        if (strcmp(line, ".\\\" @OPTION_TABLE@\n") != 0) {
            fputs(line, stdout);
            continue;
        }
        found = 1;
        for (size_t i = 0; i < wsp_opt_count(); i++) {
            struct row_text t;
            describe_row(wsp_opt_at(i), &t);
            emit_man(stdout, wsp_opt_at(i), &t);
        }
    }
    fclose(in);
    if (!found) {
        fprintf(stderr, "gen-optdocs: %s has no @OPTION_TABLE@ line\n", template);
        return 1;
    }
    return fflush(stdout) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 2 && !strcmp(argv[1], "md")) {
        print_md(stdout);
        return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
    }
    if (argc == 3 && !strcmp(argv[1], "--check"))
        return check_md(argv[0], argv[2]);
    if (argc == 3 && !strcmp(argv[1], "man"))
        return print_man(argv[2]);
    fprintf(stderr, "usage: %s md | --check docs/options.md | man TEMPLATE\n", argv[0]);
    return 2;
}

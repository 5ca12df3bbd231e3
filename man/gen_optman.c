/*
 * gen_optman TEMPLATE: copy a man page template to stdout, replacing the
 * line `.\" @OPTION_TABLE@` with one entry per row of libwsp's option table
 * (spi/sockopt_table.c), so the WSPSetSockOpt(3) page cannot drift from the
 * rules the provider applies.  Built and run by Meson (man/meson.build).
 * The row walk (describe_row) is format-free; another output format (e.g.
 * Markdown for docs/) only needs another emit function.
 */
#include "wsp_internal.h"

#include <stdio.h>
#include <string.h>

struct row_text {
    const char *option, *level, *access, *sockets, *family, *linux_name, *source;
    char denied[64];
};

static void describe_row(const struct wsp_optrow *r, struct row_text *t)
{
    memset(t, 0, sizeof *t);
    t->option = r->wname_str;
    t->level = wsp_level_name(r->wlevel);
    int get = (r->flags & WSP_OPT_GET) != 0, set = (r->flags & WSP_OPT_SET) != 0;
    t->access = get && set ? "get, set" : get ? "get only" : set ? "set only" : "neither";
    if (!set && r->set_denied) {
        const char *n = wsp_wsa_name(r->set_denied);
        snprintf(t->denied, sizeof t->denied, "set fails %s", n ? n : "?");
    }
    t->sockets = r->flags & WSP_OPT_STREAM_ONLY ? "stream sockets only"
               : r->flags & WSP_OPT_DGRAM_ONLY ? "datagram sockets only" : "any socket type";
    t->family = r->flags & WSP_OPT_INET6 ? "AF_INET6"
              : r->flags & WSP_OPT_INET4 ? "IPv4 (AF_INET, or AF_INET6 carrying IPv4)" : "any family";
    t->linux_name = r->nname < 0 ? NULL : r->nname_str;
    t->source = r->source;
}

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

static void emit_man(FILE *out, const struct row_text *t)
{
    fputs(".TP\n.BR ", out);
    roff_text(out, t->option);
    fputs(" \" (", out);
    roff_text(out, t->level ? t->level : "?");
    fputs(")\"\n", out);
    char line[256];
    snprintf(line, sizeof line, "%s%s%s; %s; %s.", t->access, t->denied[0] ? ", " : "", t->denied, t->sockets,
             t->family);
    roff_text(out, line);                     /* wrapped: long family texts pass 80 bytes */
    fputc('\n', out);
    if (t->linux_name) {
        fputs("Linux counterpart: ", out);
        roff_text(out, t->linux_name);
        fputs(".\n", out);
    } else {
        fputs("No Linux counterpart: emulated in libwsp.\n", out);
    }
    char source[1024];
    snprintf(source, sizeof source, "Source: %s.", t->source);
    roff_text(out, source);
    fputc('\n', out);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: gen_optman TEMPLATE\n", stderr);
        return 2;
    }
    FILE *in = fopen(argv[1], "r");
    if (!in) {
        perror(argv[1]);
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
            emit_man(stdout, &t);
        }
    }
    fclose(in);
    if (!found) {
        fprintf(stderr, "gen_optman: %s has no @OPTION_TABLE@ line\n", argv[1]);
        return 1;
    }
    return fflush(stdout) == 0 ? 0 : 1;
}

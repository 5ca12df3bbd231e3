/* Bounded, escaping JSON line builder (see jsonline.h). */
#include "jsonline.h"

#include <string.h>

void jl_init(struct jline *j, char *buf, size_t cap)
{
    j->buf = buf;
    j->len = 0;
    j->cap = cap;
    j->overflow = 0;
}

static void put(struct jline *j, const char *s, size_t n)
{
    if (j->overflow || n > j->cap - j->len) {
        j->overflow = 1;
        return;
    }
    memcpy(j->buf + j->len, s, n);
    j->len += n;
}

void jl_raw(struct jline *j, const char *s)
{
    put(j, s, strlen(s));
}

/* Length of the well-formed UTF-8 sequence at s (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), 0 if there is none. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0], lo = 0x80, hi = 0xbf;
    size_t len;
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        lo = c == 0xe0 ? 0xa0 : 0x80;
        hi = c == 0xed ? 0x9f : 0xbf;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        lo = c == 0xf0 ? 0x90 : 0x80;
        hi = c == 0xf4 ? 0x8f : 0xbf;
    } else {
        return 0;
    }
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xbf)
            return 0;
    return len;
}

/* One unit of input at s: *in bytes consumed, returns the bytes it takes
 * escaped. */
static size_t unit(const unsigned char *s, size_t n, size_t *in)
{
    *in = 1;
    if (*s == '"' || *s == '\\')
        return 2;
    if (*s < 0x20 || *s == 0x7f)
        return 6;
    if (*s < 0x80)
        return 1;
    size_t u = utf8_len(s, n);
    if (!u)
        return 6;                                /* a byte that is not UTF-8: \u00XX */
    *in = u;
    return u;
}

static void put_unit(struct jline *j, const unsigned char *s, size_t in, size_t out)
{
    static const char hex[] = "0123456789abcdef";
    if (out == 6) {
        char e[6] = { '\\', 'u', '0', '0', hex[*s >> 4], hex[*s & 15] };
        put(j, e, 6);
    } else if (*s == '"' || *s == '\\') {
        char e[2] = { '\\', (char)*s };
        put(j, e, 2);
    } else {
        put(j, (const char *)s, in);             /* plain ASCII or a whole UTF-8 sequence */
    }
}

/* Inputs are read up to this many bytes: a bound on the work, not only on
 * the output. */
#define MAX_INPUT 4096

void jl_str(struct jline *j, const char *str, size_t max)
{
    if (!str) {
        put(j, "null", 4);
        return;
    }
    const unsigned char *s = (const unsigned char *)str;
    size_t n = strnlen(str, MAX_INPUT), total = 0, in;
    for (size_t i = 0; i < n; i += in)
        total += unit(s + i, n - i, &in);
    size_t i = 0;
    put(j, "\"", 1);
    if (total > max) {
        /* drop units from the front until the rest and "..." fit */
        size_t keep = max > 3 ? max - 3 : 0;
        while (i < n && total > keep) {
            total -= unit(s + i, n - i, &in);
            i += in;
        }
        put(j, "...", 3);
    }
    for (; i < n; i += in) {
        size_t out = unit(s + i, n - i, &in);
        put_unit(j, s + i, in, out);
    }
    put(j, "\"", 1);
}

void jl_int(struct jline *j, long v)
{
    char d[24];
    size_t at = sizeof d;
    unsigned long u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
    do
        d[--at] = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        d[--at] = '-';
    put(j, d + at, sizeof d - at);
}

void jl_hex(struct jline *j, uintptr_t v)
{
    static const char hex[] = "0123456789abcdef";
    char d[2 + 2 * sizeof v + 2];
    size_t at = sizeof d;
    d[--at] = '"';
    do
        d[--at] = hex[v & 15];
    while (v >>= 4);
    d[--at] = 'x';
    d[--at] = '0';
    d[--at] = '"';
    put(j, d + at, sizeof d - at);
}

size_t jl_finish(struct jline *j)
{
    put(j, "\n", 1);
    return j->overflow ? 0 : j->len;
}

/*
 * names_util.c - what the name and address functions share: fault-safe
 * reads of caller strings, the family and sockaddr conversions, the
 * EAI_* -> Windows Sockets table, UTF-16 <-> UTF-8.
 */
#include "names_internal.h"
#include "../../spi/safecopy.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int ws2_read(void *dst, const void *src, size_t n)
{
    if (!src)
        return WSAEFAULT;
    return wsp_copy_in(dst, src, n) ? WSAEFAULT : 0;
}

int ws2_write(void *dst, const void *src, size_t n)
{
    if (!dst)
        return WSAEFAULT;
    return wsp_copy_out(dst, src, n) ? WSAEFAULT : 0;
}

/* Reads page by page: a chunk that ends at a page boundary never touches
 * the (possibly unmapped) page after the terminator. */
static int read_units(const void *src, void *dst, size_t cap, size_t unit)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);     /* from the aux vector: no system call */
    if (!src)
        return WSAEFAULT;
    const char *s = src;
    char *d = dst;
    size_t done = 0, limit = cap * unit;
    while (done < limit) {
        size_t to_page = page - ((uintptr_t)(s + done) & (page - 1));
        size_t n = limit - done < to_page ? limit - done : to_page;
        n = n < unit ? unit : n - n % unit;     /* a unit across two pages: both must be readable */
        if (wsp_safecopy_fast(s + done, n)) {
            /* on the caller's own stack: readable, so read up to the
             * terminator only (nothing past the caller's object) */
            for (size_t i = done; i < done + n; i += unit) {
                d[i] = s[i];
                if (unit == 2)
                    d[i + 1] = s[i + 1];
                if (d[i] == 0 && (unit == 1 || d[i + 1] == 0))
                    return 0;
            }
            done += n;
            continue;
        }
        /* elsewhere the kernel copies the whole chunk; a fault stops it */
        if (wsp_copy_in_slow(d + done, s + done, n))
            return WSAEFAULT;
        for (size_t i = done; i < done + n; i += unit) {
            if (d[i] == 0 && (unit == 1 || d[i + 1] == 0))
                return 0;
        }
        done += n;
    }
    memset(d + limit - unit, 0, unit);
    return WSAENAMETOOLONG;
}

int ws2_read_string(const char *src, char *dst, size_t cap)
{
    return read_units(src, dst, cap, 1);
}

int ws2_read_wstring(const WCHAR *src, WCHAR *dst, size_t cap)
{
    return read_units(src, dst, cap, sizeof(WCHAR));
}

int ws2_family_to_native(int win_family)
{
    switch (win_family) {
    case WS_AF_UNSPEC: return AF_UNSPEC;
    case WS_AF_INET:   return AF_INET;
    case WS_AF_INET6:  return AF_INET6;     /* 23 on Windows, 10 on Linux */
    default:           return -1;
    }
}

int ws2_family_from_native(int native_family)
{
    switch (native_family) {
    case AF_UNSPEC: return WS_AF_UNSPEC;
    case AF_INET:   return WS_AF_INET;
    case AF_INET6:  return WS_AF_INET6;
    default:        return -1;
    }
}

/* SOCKADDR_IN and SOCKADDR_IN6 have the Linux layouts apart from the
 * family value, which is all that is converted. */
_Static_assert(sizeof(SOCKADDR_IN) == sizeof(struct sockaddr_in), "sockaddr_in");
_Static_assert(sizeof(SOCKADDR_IN6) == sizeof(struct sockaddr_in6), "sockaddr_in6");
_Static_assert(offsetof(SOCKADDR_IN6, sin6_scope_id) == offsetof(struct sockaddr_in6, sin6_scope_id),
               "sin6_scope_id");

int ws2_sockaddr_to_native(const void *win, size_t len,
                           struct sockaddr_storage *out, socklen_t *outlen)
{
    ADDRESS_FAMILY fam;
    if (len < sizeof fam)
        return WSAEFAULT;
    memcpy(&fam, win, sizeof fam);
    size_t need = fam == WS_AF_INET ? sizeof(SOCKADDR_IN)
                : fam == WS_AF_INET6 ? sizeof(SOCKADDR_IN6) : 0;
    if (!need)
        return WSAEAFNOSUPPORT;
    if (len < need)
        return WSAEFAULT;
    memset(out, 0, sizeof *out);
    memcpy(out, win, need);
    out->ss_family = (sa_family_t)ws2_family_to_native(fam);
    *outlen = (socklen_t)need;
    return 0;
}

size_t ws2_sockaddr_from_native(const struct sockaddr *in, socklen_t len, void *out)
{
    size_t need = in->sa_family == AF_INET ? sizeof(struct sockaddr_in)
                : in->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6) : 0;
    if (!need || (size_t)len < need)
        return 0;
    ADDRESS_FAMILY fam = (ADDRESS_FAMILY)ws2_family_from_native(in->sa_family);
    memcpy(out, in, need);
    memcpy(out, &fam, sizeof fam);
    return need;
}

/* "getaddrinfo function" and "getnameinfo function": the EAI_* names and
 * their Windows Sockets equivalents.  glibc's extra codes go to the
 * closest documented one. */
static const struct { int eai, wsa; } eai_table[] = {
    { EAI_AGAIN,      WSATRY_AGAIN },
    { EAI_BADFLAGS,   WSAEINVAL },
    { EAI_FAIL,       WSANO_RECOVERY },
    { EAI_FAMILY,     WSAEAFNOSUPPORT },
    { EAI_MEMORY,     WSA_NOT_ENOUGH_MEMORY },
    { EAI_NONAME,     WSAHOST_NOT_FOUND },
    { EAI_SERVICE,    WSATYPE_NOT_FOUND },
    { EAI_SOCKTYPE,   WSAESOCKTNOSUPPORT },
    /* glibc only: */
    { EAI_NODATA,     WSANO_DATA },         /* name valid, no data of the type */
    { EAI_ADDRFAMILY, WSAHOST_NOT_FOUND },  /* no address in that family */
    { EAI_OVERFLOW,   WSAEFAULT },          /* getnameinfo buffer too short */
    { EAI_SYSTEM,     WSANO_RECOVERY },
};

int ws2_eai_to_wsa(int eai)
{
    if (eai == 0)
        return 0;
    for (size_t i = 0; i < sizeof eai_table / sizeof eai_table[0]; i++)
        if (eai_table[i].eai == eai)
            return eai_table[i].wsa;
    return WSANO_RECOVERY;
}

long ws2_utf16_to_utf8(const WCHAR *src, char *dst, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; src[i]; i++) {
        unsigned long c = src[i];
        if (c >= 0xd800 && c < 0xdc00) {
            if (src[i + 1] < 0xdc00 || src[i + 1] >= 0xe000)
                return -1;
            c = 0x10000 + ((c - 0xd800) << 10) + (src[++i] - 0xdc00);
        } else if (c >= 0xdc00 && c < 0xe000) {
            return -1;
        }
        char b[4];
        size_t n;
        if (c < 0x80) { b[0] = (char)c; n = 1; }
        else if (c < 0x800) { b[0] = (char)(0xc0 | c >> 6); b[1] = (char)(0x80 | (c & 0x3f)); n = 2; }
        else if (c < 0x10000) { b[0] = (char)(0xe0 | c >> 12); b[1] = (char)(0x80 | ((c >> 6) & 0x3f));
                                b[2] = (char)(0x80 | (c & 0x3f)); n = 3; }
        else { b[0] = (char)(0xf0 | c >> 18); b[1] = (char)(0x80 | ((c >> 12) & 0x3f));
               b[2] = (char)(0x80 | ((c >> 6) & 0x3f)); b[3] = (char)(0x80 | (c & 0x3f)); n = 4; }
        if (o + n + 1 > cap)
            return -1;
        memcpy(dst + o, b, n);
        o += n;
    }
    if (o + 1 > cap)
        return -1;
    dst[o] = '\0';
    return (long)o;
}

long ws2_utf8_to_utf16(const char *src, WCHAR *dst, size_t cap)
{
    const unsigned char *s = (const unsigned char *)src;
    size_t o = 0;
    while (*s) {
        unsigned long c;
        int more;
        if (*s < 0x80) { c = *s; more = 0; }
        else if ((*s & 0xe0) == 0xc0) { c = *s & 0x1f; more = 1; }
        else if ((*s & 0xf0) == 0xe0) { c = *s & 0x0f; more = 2; }
        else if ((*s & 0xf8) == 0xf0) { c = *s & 0x07; more = 3; }
        else return -1;
        s++;
        for (int k = 0; k < more; k++, s++) {
            if ((*s & 0xc0) != 0x80)
                return -1;
            c = c << 6 | (*s & 0x3f);
        }
        if (c > 0x10ffff || (c >= 0xd800 && c < 0xe000))
            return -1;
        size_t n = c >= 0x10000 ? 2 : 1;
        if (o + n + 1 > cap)
            return -1;
        if (n == 2) {
            dst[o++] = (WCHAR)(0xd800 + ((c - 0x10000) >> 10));
            dst[o++] = (WCHAR)(0xdc00 + ((c - 0x10000) & 0x3ff));
        } else {
            dst[o++] = (WCHAR)c;
        }
    }
    if (o + 1 > cap)
        return -1;
    dst[o] = 0;
    return (long)o;
}

/* n 16-bit words in hex, the longest run of two or more zero words (the
 * first such run on a tie) written as "::"; returns the length written. */
static size_t put_words(const unsigned char *b, int n, char *out, size_t cap)
{
    int best = -1, bestlen = 1;
    for (int i = 0; i < n; ) {
        int j = i;
        while (j < n && !b[2 * j] && !b[2 * j + 1])
            j++;
        if (j - i > bestlen) {
            best = i;
            bestlen = j - i;
        }
        i = j > i ? j : i + 1;
    }
    size_t o = 0;
    for (int i = 0; i < n; i++) {
        if (i == best) {
            o += (size_t)snprintf(out + o, cap - o, "::");
            i += bestlen - 1;
            continue;
        }
        o += (size_t)snprintf(out + o, cap - o, "%s%x", o && out[o - 1] != ':' ? ":" : "",
                              (unsigned)(b[2 * i] << 8 | b[2 * i + 1]));
    }
    return o;
}

void ws2_ntop6(const unsigned char b[16], char *out, size_t cap)
{
    /* An ISATAP interface identifier (0:5efe or 200:5efe before the IPv4
     * address, RFC 5214) keeps its IPv4 address dotted, as Windows writes it
     * (Wine's RtlIpv6AddressToString does); every other form is glibc's,
     * which agrees with Wine on the ones compared (names_compare.c). */
    int isatap = (b[8] == 0 || b[8] == 2) && b[9] == 0 && b[10] == 0x5e && b[11] == 0xfe;
    /* and so does an IPv4-translated address, ::ffff:0:a.b.c.d (RFC 2765) */
    static const unsigned char translated[12] = { [8] = 0xff, [9] = 0xff };
    if (!isatap && memcmp(b, translated, 12) != 0) {
        inet_ntop(AF_INET6, b, out, (socklen_t)cap);
        return;
    }
    size_t o = put_words(b, 6, out, cap);
    snprintf(out + o, cap - o, "%s%u.%u.%u.%u", out[o - 1] == ':' ? "" : ":",
             b[12], b[13], b[14], b[15]);
}

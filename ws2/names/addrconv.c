/*
 * addrconv.c - address text <-> binary and byte order: inet_pton,
 * inet_ntop, inet_addr, inet_ntoa, htons/htonl/ntohs/ntohl,
 * WSAStringToAddressA, WSAAddressToStringA, with Windows family values and
 * error codes.  The text forms themselves come from glibc (inet_pton,
 * inet_ntop, inet_aton).
 */
#include "names_internal.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An address string longer than this is not an address (the longest IPv6
 * socket-address form, "[v6%scope]:port", is 65 bytes: INET6_ADDRSTRLEN). */
#define ADDR_TEXT_MAX 127

WS2_EXPORT INT WSAAPI WS_inet_pton(INT Family, PCSTR pszAddrString, PVOID pAddrBuf)
{
    /* "inet_pton function": WSAEFAULT for NULL (or unreadable) pointers,
     * WSAEAFNOSUPPORT for a family other than AF_INET/AF_INET6; no WSAStartup */
    if (!pszAddrString || !pAddrBuf) {
        WSASetLastError(WSAEFAULT);
        return -1;
    }
    int af = Family == WS_AF_INET ? AF_INET : Family == WS_AF_INET6 ? AF_INET6 : -1;
    if (af < 0) {
        WSASetLastError(WSAEAFNOSUPPORT);
        return -1;
    }
    char text[ADDR_TEXT_MAX + 1];
    int err = ws2_read_string(pszAddrString, text, sizeof text);
    if (err == WSAENAMETOOLONG)
        return 0;               /* no address is that long */
    if (err) {
        WSASetLastError(err);
        return -1;
    }
    unsigned char bin[16];
    if (inet_pton(af, text, bin) != 1)
        return 0;
    if (ws2_write(pAddrBuf, bin, af == AF_INET ? 4 : 16)) {
        WSASetLastError(WSAEFAULT);
        return -1;
    }
    return 1;
}

WS2_EXPORT PCSTR WSAAPI WS_inet_ntop(INT Family, const VOID *pAddr, PSTR pStringBuf,
                                     size_t StringBufSize)
{
    /* "InetNtopW function": ERROR_INVALID_PARAMETER for a NULL or empty
     * buffer (checked first, as Wine's ws2_32 does), WSAEAFNOSUPPORT for
     * another family */
    if (!pStringBuf || !StringBufSize) {
        WSASetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    int af = Family == WS_AF_INET ? AF_INET : Family == WS_AF_INET6 ? AF_INET6 : -1;
    if (af < 0) {
        WSASetLastError(WSAEAFNOSUPPORT);
        return NULL;
    }
    unsigned char bin[16];
    char text[64];
    if (ws2_read(bin, pAddr, af == AF_INET ? 4 : 16)) {
        WSASetLastError(WSAEFAULT);
        return NULL;
    }
    if (af == AF_INET6)
        ws2_ntop6(bin, text, sizeof text);
    else
        inet_ntop(af, bin, text, sizeof text);
    size_t need = strlen(text) + 1;
    /* a buffer too short for the text is ERROR_INVALID_PARAMETER too */
    if (StringBufSize < need) {
        WSASetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (ws2_write(pStringBuf, text, need)) {
        WSASetLastError(WSAEFAULT);
        return NULL;
    }
    return pStringBuf;
}

WS2_EXPORT ULONG WSAAPI WS_inet_addr(const char *cp)
{
    /* "inet_addr function": the a.b.c.d, a.b.c, a.b and a forms with
     * decimal, octal or hex parts (inet_aton's grammar); INADDR_NONE for
     * anything else, NULL and unreadable strings included */
    char text[ADDR_TEXT_MAX + 1];
    struct in_addr in;
    if (!cp || ws2_read_string(cp, text, sizeof text) || !inet_aton(text, &in))
        return WS_INADDR_NONE;
    return in.s_addr;
}

WS2_EXPORT char *WSAAPI WS_inet_ntoa(struct WS_in_addr in)
{
    /* "inet_ntoa function": the string lives in memory of the calling
     * thread until its next call */
    static __thread char buf[16];
    const unsigned char *b = (const unsigned char *)&in;
    snprintf(buf, sizeof buf, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
    return buf;
}

WS2_EXPORT USHORT WSAAPI (WS_htons)(USHORT v) { return htons(v); }
WS2_EXPORT USHORT WSAAPI (WS_ntohs)(USHORT v) { return ntohs(v); }
WS2_EXPORT ULONG WSAAPI (WS_htonl)(ULONG v) { return htonl(v); }
WS2_EXPORT ULONG WSAAPI (WS_ntohl)(ULONG v) { return ntohl(v); }

/* A port 1..65535 filling the whole string, in C notation: 0x hex, a
 * leading 0 octal, else decimal (as Wine's RtlIpv4StringToAddressEx and
 * RtlIpv6StringToAddressEx read it: ":0x50" is 80, ":010" is 8, ":08" and
 * ":0" are refused). */
static int parse_port(const char *s, USHORT *port)
{
    unsigned long v = 0, base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    } else if (s[0] == '0' && s[1]) {
        base = 8;
        s++;
    }
    if (!*s)
        return 0;
    for (; *s; s++) {
        unsigned d = *s >= '0' && *s <= '9' ? (unsigned)(*s - '0')
                   : *s >= 'a' && *s <= 'f' ? (unsigned)(*s - 'a' + 10)
                   : *s >= 'A' && *s <= 'F' ? (unsigned)(*s - 'A' + 10) : 99;
        if (d >= base || (v = v * base + d) > 65535)
            return 0;
    }
    if (v == 0)
        return 0;
    *port = htons((USHORT)v);
    return 1;
}

/* "a.b.c.d[:port]" with the inet_addr grammar for the address (the
 * non-strict form RtlIpv4StringToAddressEx takes). */
static int parse_v4(char *s, SOCKADDR_IN *out)
{
    char *colon = strchr(s, ':');
    if (colon) {
        *colon = '\0';
        if (!parse_port(colon + 1, &out->sin_port))
            return 0;
    }
    /* inet_aton stops at white space; Windows does not accept trailing text */
    if (!*s || strspn(s, "0123456789abcdefABCDEFxX.") != strlen(s))
        return 0;
    struct in_addr in;
    if (!inet_aton(s, &in))
        return 0;
    memcpy(&out->sin_addr, &in, 4);
    return 1;
}

/* "addr", "addr%scope", "[addr]", "[addr%scope]" or "[...]:port". */
static int parse_v6(char *s, SOCKADDR_IN6 *out)
{
    if (*s == '[') {
        char *close = strchr(s, ']');
        if (!close)
            return 0;
        *close = '\0';
        if (close[1] && (close[1] != ':' || !parse_port(close + 2, &out->sin6_port)))
            return 0;
        s++;
    }
    char *pct = strchr(s, '%');
    if (pct) {
        *pct = '\0';
        unsigned long scope = 0;
        const char *p = pct + 1;
        if (!*p)
            return 0;
        for (; *p; p++)
            if (*p < '0' || *p > '9' || (scope = scope * 10 + (unsigned long)(*p - '0')) > 0xffffffffUL)
                return 0;
        out->sin6_scope_id = (ULONG)scope;
    }
    return inet_pton(AF_INET6, s, &out->sin6_addr) == 1;
}

static int string_to_address(LPSTR AddressString, INT AddressFamily, LPSOCKADDR lpAddress,
                             LPINT lpAddressLength)
{
    /* "WSAStringToAddressA function": WSAEINVAL for a string that does not
     * translate or a family other than AF_INET/AF_INET6, WSAEFAULT for bad
     * pointers or a buffer too small (then with the length it needs) */
    if (!AddressString)
        return WSAEINVAL;
    if (!lpAddress || !lpAddressLength)
        return WSAEFAULT;
    INT have;
    if (ws2_read(&have, lpAddressLength, sizeof have))
        return WSAEFAULT;
    INT need = AddressFamily == WS_AF_INET ? (INT)sizeof(SOCKADDR_IN)
             : AddressFamily == WS_AF_INET6 ? (INT)sizeof(SOCKADDR_IN6) : 0;
    if (!need)
        return WSAEINVAL;
    char text[ADDR_TEXT_MAX + 1];
    int err = ws2_read_string(AddressString, text, sizeof text);
    if (err)
        return err == WSAENAMETOOLONG ? WSAEINVAL : err;
    if (have < need) {
        ws2_write(lpAddressLength, &need, sizeof need);
        return WSAEFAULT;
    }
    union { SOCKADDR_IN v4; SOCKADDR_IN6 v6; } a;
    memset(&a, 0, sizeof a);
    int ok = AddressFamily == WS_AF_INET ? parse_v4(text, &a.v4) : parse_v6(text, &a.v6);
    if (!ok)
        return WSAEINVAL;
    a.v4.sin_family = (ADDRESS_FAMILY)AddressFamily;
    if (ws2_write(lpAddress, &a, (size_t)need) || ws2_write(lpAddressLength, &need, sizeof need))
        return WSAEFAULT;
    return 0;
}

WS2_EXPORT INT WSAAPI WSAStringToAddressA(LPSTR AddressString, INT AddressFamily,
                                          LPWSAPROTOCOL_INFOA lpProtocolInfo,
                                          LPSOCKADDR lpAddress, LPINT lpAddressLength)
{
    (void)lpProtocolInfo;       /* one provider: nothing to choose */
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = string_to_address(AddressString, AddressFamily, lpAddress, lpAddressLength);
    if (err) {
        WSASetLastError(err);
        return SOCKET_ERROR;
    }
    return 0;
}

/* The text for a SOCKADDR_IN/SOCKADDR_IN6 (in our memory), or a code. */
static int format_address(const void *sa, size_t len, char *out, size_t cap)
{
    ADDRESS_FAMILY fam;
    memcpy(&fam, sa, sizeof fam);
    if (fam == WS_AF_INET) {
        SOCKADDR_IN v4;
        if (len < sizeof v4)
            return WSAEFAULT;
        memcpy(&v4, sa, sizeof v4);
        const unsigned char *b = (const unsigned char *)&v4.sin_addr;
        int n = snprintf(out, cap, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
        /* the port only when there is one */
        if (v4.sin_port)
            snprintf(out + n, cap - (size_t)n, ":%u", ntohs(v4.sin_port));
        return 0;
    }
    if (fam == WS_AF_INET6) {
        SOCKADDR_IN6 v6;
        char text[64];
        if (len < sizeof v6)
            return WSAEFAULT;
        memcpy(&v6, sa, sizeof v6);
        ws2_ntop6((const unsigned char *)&v6.sin6_addr, text, sizeof text);
        /* "[addr%scope]:port" with a port, "addr%scope" without; no "%0" */
        int n = snprintf(out, cap, "%s%s", v6.sin6_port ? "[" : "", text);
        if (v6.sin6_scope_id)
            n += snprintf(out + n, cap - (size_t)n, "%%%u", (unsigned)v6.sin6_scope_id);
        if (v6.sin6_port)
            snprintf(out + n, cap - (size_t)n, "]:%u", ntohs(v6.sin6_port));
        return 0;
    }
    return WSAEINVAL;
}

static int address_to_string(LPSOCKADDR lpsaAddress, DWORD dwAddressLength,
                             LPSTR lpszAddressString, LPDWORD lpdwAddressStringLength)
{
    /* "WSAAddressToStringA function": WSAEINVAL for a NULL address, zero
     * length, NULL length pointer or an unknown family; WSAEFAULT for
     * unreadable memory or a buffer too short (with the length it needs) */
    if (!lpsaAddress || !dwAddressLength || !lpdwAddressStringLength)
        return WSAEINVAL;
    SOCKADDR_IN6 sa;
    size_t n = dwAddressLength < sizeof sa ? dwAddressLength : sizeof sa;
    if (n < sizeof(ADDRESS_FAMILY) || ws2_read(&sa, lpsaAddress, n))
        return WSAEFAULT;
    char text[96];
    int err = format_address(&sa, n, text, sizeof text);
    if (err)
        return err;
    DWORD have, need = (DWORD)strlen(text) + 1;
    if (ws2_read(&have, lpdwAddressStringLength, sizeof have))
        return WSAEFAULT;
    if (!lpszAddressString || have < need) {
        ws2_write(lpdwAddressStringLength, &need, sizeof need);
        return WSAEFAULT;
    }
    if (ws2_write(lpszAddressString, text, need) ||
        ws2_write(lpdwAddressStringLength, &need, sizeof need))
        return WSAEFAULT;
    return 0;
}

WS2_EXPORT INT WSAAPI WSAAddressToStringA(LPSOCKADDR lpsaAddress, DWORD dwAddressLength,
                                          LPWSAPROTOCOL_INFOA lpProtocolInfo,
                                          LPSTR lpszAddressString,
                                          LPDWORD lpdwAddressStringLength)
{
    (void)lpProtocolInfo;
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = address_to_string(lpsaAddress, dwAddressLength, lpszAddressString,
                                lpdwAddressStringLength);
    if (err) {
        WSASetLastError(err);
        return SOCKET_ERROR;
    }
    return 0;
}

/* The A names are macros for inet_pton/inet_ntop in the headers, as in
 * Windows'; the functions exist too for a program that looks them up. */
#undef InetPtonA
#undef InetNtopA
WS2_EXPORT INT WSAAPI InetPtonA(INT Family, PCSTR pszAddrString, PVOID pAddrBuf)
{
    return WS_inet_pton(Family, pszAddrString, pAddrBuf);
}

WS2_EXPORT PCSTR WSAAPI InetNtopA(INT Family, const VOID *pAddr, PSTR pStringBuf,
                                  size_t StringBufSize)
{
    return WS_inet_ntop(Family, pAddr, pStringBuf, StringBufSize);
}

WS2_EXPORT INT WSAAPI InetPtonW(INT Family, PCWSTR pszAddrString, PVOID pAddrBuf)
{
    if (!pszAddrString || !pAddrBuf) {
        WSASetLastError(WSAEFAULT);
        return -1;
    }
    WCHAR w[ADDR_TEXT_MAX + 1];
    char text[3 * ADDR_TEXT_MAX + 1];
    int err = ws2_read_wstring(pszAddrString, w, sizeof w / sizeof w[0]);
    if (err == WSAEFAULT) {
        WSASetLastError(err);
        return -1;
    }
    if (err || ws2_utf16_to_utf8(w, text, sizeof text) < 0)
        text[0] = '\0';         /* not an address: the 0 result below */
    int r = WS_inet_pton(Family, text, pAddrBuf);
    /* a string that is not an address: 0 with WSAEINVAL (Wine's InetPtonW,
     * modelled on what Windows answers) */
    if (r == 0)
        WSASetLastError(WSAEINVAL);
    return r;
}

WS2_EXPORT PCWSTR WSAAPI InetNtopW(INT Family, const VOID *pAddr, PWSTR pStringBuf,
                                   size_t StringBufSize)
{
    if (!pStringBuf || !StringBufSize) {
        WSASetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    char text[64];
    if (!WS_inet_ntop(Family, pAddr, text, sizeof text))
        return NULL;
    WCHAR w[64];
    long n = ws2_utf8_to_utf16(text, w, sizeof w / sizeof w[0]);
    if (n < 0 || StringBufSize < (size_t)n + 1) {
        WSASetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (ws2_write(pStringBuf, w, ((size_t)n + 1) * sizeof(WCHAR))) {
        WSASetLastError(WSAEFAULT);
        return NULL;
    }
    return pStringBuf;
}

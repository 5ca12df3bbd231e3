/*
 * wsp_ws2names.h - the host-name and address-conversion part of
 * <winsock2.h> (included from there; not meant to be included alone):
 * HOSTENT, byte-order functions, inet_addr/inet_ntoa, gethostname,
 * gethostbyname, WSAAddressToStringA/WSAStringToAddressA.  Implemented in
 * libws2_32 (ws2/addrconv.c, ws2/hostent.c) with Windows values and layouts.
 *
 * Names glibc also has (htons, inet_addr, gethostname, gethostbyname, ...)
 * are declared with WSP_WS2_SYM (<winsock2.h>): exported as wsp_ws2_<name>.  In prefix mode
 * (WSP_USE_WS_PREFIX) they are spelled WS_htons, WS_inet_addr, ... and
 * struct WS_hostent; they reach the same symbols.
 */
#ifndef WSP_WS2NAMES_H
#define WSP_WS2NAMES_H

#include "wsp_windef.h"
#include "ws2def.h"

#ifdef __cplusplus
extern "C" {
#endif

/* "hostent structure (winsock.h)": h_addrtype and h_length are short on
 * Windows (int in glibc), so h_addr_list sits at offset 24 with h_length at
 * 18.  The result of gethostbyname belongs to the calling thread. */
struct WSP_WS(hostent) {
    char  *h_name;
    char **h_aliases;
    short  h_addrtype;
    short  h_length;
    char **h_addr_list;
};
typedef struct WSP_WS(hostent) HOSTENT, *PHOSTENT, *LPHOSTENT;
#ifndef WSP_USE_WS_PREFIX
# define h_addr h_addr_list[0]
#endif

/* Byte order ("htons function (winsock.h)" and friends): no WSAStartup
 * needed.  u_short/u_long are the Windows 16/32-bit types. */
/* (The parentheses keep glibc's function-like htons() macros, if
 * <netinet/in.h> came first, off the declarations; the types are glibc's.) */
USHORT WSAAPI (WSP_WS(htons))(USHORT hostshort) WSP_WS2_SYM(htons);
USHORT WSAAPI (WSP_WS(ntohs))(USHORT netshort) WSP_WS2_SYM(ntohs);
ULONG  WSAAPI (WSP_WS(htonl))(ULONG hostlong) WSP_WS2_SYM(htonl);
ULONG  WSAAPI (WSP_WS(ntohl))(ULONG netlong) WSP_WS2_SYM(ntohl);

/* "htonll function (winsock.h)": inline in the Windows 8 SDK headers (not a
 * ws2_32 export), left out with NO_EXTRA_HTON_FUNCTIONS as there. */
#ifndef NO_EXTRA_HTON_FUNCTIONS
static inline ULONGLONG htonll(ULONGLONG v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return v;
#else
    return __builtin_bswap64(v);
#endif
}
static inline ULONGLONG ntohll(ULONGLONG v) { return htonll(v); }
#endif

/* "inet_addr function (winsock2.h)": a.b.c.d, a.b.c, a.b or a (each part
 * decimal, octal or hex) in network byte order; INADDR_NONE otherwise. */
ULONG WSAAPI WSP_WS(inet_addr)(const char *cp) WSP_WS2_SYM(inet_addr);
/* "inet_ntoa function (winsock2.h)": dotted decimal in a buffer of the
 * calling thread, valid until its next call. */
char *WSAAPI WSP_WS(inet_ntoa)(struct WSP_WS(in_addr) in) WSP_WS2_SYM(inet_ntoa);

/* "gethostname function (winsock.h)": needs WSAStartup; WSAEFAULT when
 * name is NULL or namelen does not hold the name and its terminator.
 * Windows declares namelen int; it is size_t here, glibc's type, so that a
 * program may include <unistd.h> as well (a negative int arrives above
 * INT_MAX and is refused with WSAEFAULT, as Windows refuses it). */
int WSAAPI WSP_WS(gethostname)(char *name, size_t namelen) WSP_WS2_SYM(gethostname);
/* "GetHostNameW function (winsock2.h)": the same name in UTF-16; namelen
 * counts WCHARs. */
int WSAAPI GetHostNameW(PWSTR name, int namelen);
/* "gethostbyname function (winsock2.h)": IPv4 only, needs WSAStartup; NULL
 * with WSAGetLastError() = WSAHOST_NOT_FOUND, WSANO_DATA, WSATRY_AGAIN,
 * WSANO_RECOVERY, WSAEFAULT or WSANOTINITIALISED. */
struct WSP_WS(hostent) *WSAAPI WSP_WS(gethostbyname)(const char *name)
    WSP_WS2_SYM(gethostbyname);

/* "gethostbyaddr function (winsock.h)": AF_INET with len 4 or AF_INET6
 * with len 16; the name from the hosts file or a reverse lookup. */
struct WSP_WS(hostent) *WSAAPI WSP_WS(gethostbyaddr)(const char *addr, int len, int type)
    WSP_WS2_SYM(gethostbyaddr);

/* "servent structure (winsock.h)": the Win64 order (s_proto before a short
 * s_port; 32-bit Windows and glibc have s_port, an int in glibc, first).
 * "protoent structure": p_proto is short.  Results belong to the calling
 * thread, as gethostbyname's; WSANO_DATA when there is no such entry. */
struct WSP_WS(servent) {
    char  *s_name;
    char **s_aliases;
    char  *s_proto;
    short  s_port;          /* network byte order */
};
typedef struct WSP_WS(servent) SERVENT, *PSERVENT, *LPSERVENT;
struct WSP_WS(protoent) {
    char  *p_name;
    char **p_aliases;
    short  p_proto;
};
typedef struct WSP_WS(protoent) PROTOENT, *PPROTOENT, *LPPROTOENT;
struct WSP_WS(servent) *WSAAPI WSP_WS(getservbyname)(const char *name, const char *proto)
    WSP_WS2_SYM(getservbyname);
struct WSP_WS(servent) *WSAAPI WSP_WS(getservbyport)(int port, const char *proto)
    WSP_WS2_SYM(getservbyport);
struct WSP_WS(protoent) *WSAAPI WSP_WS(getprotobyname)(const char *name)
    WSP_WS2_SYM(getprotobyname);
struct WSP_WS(protoent) *WSAAPI WSP_WS(getprotobynumber)(int number)
    WSP_WS2_SYM(getprotobynumber);

/* "WSAAddressToStringA function (winsock2.h)": "a.b.c.d[:port]",
 * "addr[%scope]" or "[addr[%scope]]:port"; WSAEFAULT with the required
 * length in *lpdwAddressStringLength when the buffer is too short. */
INT WSAAPI WSAAddressToStringA(LPSOCKADDR lpsaAddress, DWORD dwAddressLength,
                               LPWSAPROTOCOL_INFOA lpProtocolInfo,
                               LPSTR lpszAddressString,
                               LPDWORD lpdwAddressStringLength);
/* "WSAStringToAddressA function (winsock2.h)": the reverse; WSAEINVAL for a
 * string that is not an address of AddressFamily, WSAEFAULT with the
 * required length when *lpAddressLength is too small. */
INT WSAAPI WSAStringToAddressA(LPSTR AddressString, INT AddressFamily,
                               LPWSAPROTOCOL_INFOA lpProtocolInfo,
                               LPSOCKADDR lpAddress, LPINT lpAddressLength);
/* The UTF-16 forms: lengths in WCHARs, the same answers otherwise. */
INT WSAAPI WSAAddressToStringW(LPSOCKADDR lpsaAddress, DWORD dwAddressLength,
                               LPWSAPROTOCOL_INFOW lpProtocolInfo,
                               LPWSTR lpszAddressString,
                               LPDWORD lpdwAddressStringLength);
INT WSAAPI WSAStringToAddressW(LPWSTR AddressString, INT AddressFamily,
                               LPWSAPROTOCOL_INFOW lpProtocolInfo,
                               LPSOCKADDR lpAddress, LPINT lpAddressLength);
#ifdef UNICODE
# define WSAAddressToString WSAAddressToStringW
# define WSAStringToAddress WSAStringToAddressW
#else
# define WSAAddressToString WSAAddressToStringA
# define WSAStringToAddress WSAStringToAddressA
#endif

#ifdef __cplusplus
}
#endif

#endif /* WSP_WS2NAMES_H */

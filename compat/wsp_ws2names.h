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
/* "gethostbyname function (winsock2.h)": IPv4 only, needs WSAStartup; NULL
 * with WSAGetLastError() = WSAHOST_NOT_FOUND, WSANO_DATA, WSATRY_AGAIN,
 * WSANO_RECOVERY, WSAEFAULT or WSANOTINITIALISED. */
struct WSP_WS(hostent) *WSAAPI WSP_WS(gethostbyname)(const char *name)
    WSP_WS2_SYM(gethostbyname);

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
#ifndef UNICODE
# define WSAAddressToString WSAAddressToStringA
# define WSAStringToAddress WSAStringToAddressA
#endif

#ifdef __cplusplus
}
#endif

#endif /* WSP_WS2NAMES_H */

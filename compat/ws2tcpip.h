/*
 * ws2tcpip.h - Windows TCP/IP socket definitions for wspshim on Linux.
 * Pulls in winsock2.h and ws2ipdef.h and adds socklen_t and a few
 * TCP/IP constants, all with their Windows values.
 *
 * Prefix mode: with WSP_USE_WS_PREFIX defined before inclusion the names
 * below that glibc also has exist only as WS_socklen_t, WS_IP_*,
 * WS_INET_ADDRSTRLEN, WS_INET6_ADDRSTRLEN; without it both spellings exist.
 */
#ifndef WSP_WS2TCPIP_H
#define WSP_WS2TCPIP_H

#include "winsock2.h"
#include "ws2ipdef.h"

typedef int WSP_WS(socklen_t);

#define WS_IP_DEFAULT_MULTICAST_TTL     1
#define WS_IP_DEFAULT_MULTICAST_LOOP    1
#define WS_IP_MAX_MEMBERSHIPS           20

#define WS_INET_ADDRSTRLEN              22
#define WS_INET6_ADDRSTRLEN             65

/* Plain (unprefixed) spellings of the WS_ constants above; not defined
 * in prefix mode, where they would clash with glibc. */
#ifndef WSP_USE_WS_PREFIX
#define IP_DEFAULT_MULTICAST_TTL   WS_IP_DEFAULT_MULTICAST_TTL
#define IP_DEFAULT_MULTICAST_LOOP  WS_IP_DEFAULT_MULTICAST_LOOP
#define IP_MAX_MEMBERSHIPS         WS_IP_MAX_MEMBERSHIPS
#define INET_ADDRSTRLEN            WS_INET_ADDRSTRLEN
#define INET6_ADDRSTRLEN           WS_INET6_ADDRSTRLEN
#endif /* !WSP_USE_WS_PREFIX */

/* ---- Name resolution (implemented in libws2_32: ws2/resolve.c) ----
 * getaddrinfo/getnameinfo return Windows Sockets codes, which are what the
 * EAI_* names mean on Windows ("getaddrinfo function": EAI_AGAIN is
 * WSATRY_AGAIN, ...); they also set WSAGetLastError().  Families in and out
 * are Windows' (AF_INET6 = 23), addresses are SOCKADDR_IN/SOCKADDR_IN6. */
#define WS_EAI_AGAIN        WSATRY_AGAIN
#define WS_EAI_BADFLAGS     WSAEINVAL
#define WS_EAI_FAIL         WSANO_RECOVERY
#define WS_EAI_FAMILY       WSAEAFNOSUPPORT
#define WS_EAI_MEMORY       WSA_NOT_ENOUGH_MEMORY
#define WS_EAI_NONAME       WSAHOST_NOT_FOUND
#define WS_EAI_NODATA       WS_EAI_NONAME
#define WS_EAI_SERVICE      WSATYPE_NOT_FOUND
#define WS_EAI_SOCKTYPE     WSAESOCKTNOSUPPORT
#ifndef WSP_USE_WS_PREFIX
# define EAI_AGAIN          WS_EAI_AGAIN
# define EAI_BADFLAGS       WS_EAI_BADFLAGS
# define EAI_FAIL           WS_EAI_FAIL
# define EAI_FAMILY         WS_EAI_FAMILY
# define EAI_MEMORY         WS_EAI_MEMORY
# define EAI_NONAME         WS_EAI_NONAME
# define EAI_NODATA         WS_EAI_NODATA
# define EAI_SERVICE        WS_EAI_SERVICE
# define EAI_SOCKTYPE       WS_EAI_SOCKTYPE
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Needs WSAStartup (WSANOTINITIALISED).  pNodeName "[v6addr]" is accepted
 * as on Windows; "" means this host.  Free the list with freeaddrinfo. */
INT WSAAPI WSP_WS(getaddrinfo)(PCSTR pNodeName, PCSTR pServiceName,
                               const ADDRINFOA *pHints, PADDRINFOA *ppResult)
    WSP_WS2_SYM(getaddrinfo);
VOID WSAAPI WSP_WS(freeaddrinfo)(PADDRINFOA pAddrInfo) WSP_WS2_SYM(freeaddrinfo);
INT WSAAPI WSP_WS(getnameinfo)(const SOCKADDR *pSockaddr, WSP_WS(socklen_t) SockaddrLength,
                               PCHAR pNodeBuffer, DWORD NodeBufferSize,
                               PCHAR pServiceBuffer, DWORD ServiceBufferSize, INT Flags)
    WSP_WS2_SYM(getnameinfo);
/* UTF-16 forms (WCHAR is 16 bits here even where wchar_t is not). */
INT WSAAPI GetAddrInfoW(PCWSTR pNodeName, PCWSTR pServiceName,
                        const ADDRINFOW *pHints, PADDRINFOW *ppResult);
VOID WSAAPI FreeAddrInfoW(PADDRINFOW pAddrInfo);
INT WSAAPI GetNameInfoW(const SOCKADDR *pSockaddr, WSP_WS(socklen_t) SockaddrLength,
                        PWCHAR pNodeBuffer, DWORD NodeBufferSize,
                        PWCHAR pServiceBuffer, DWORD ServiceBufferSize, INT Flags);
#define GetAddrInfoA  WSP_WS(getaddrinfo)
#define FreeAddrInfoA WSP_WS(freeaddrinfo)
#define GetNameInfoA  WSP_WS(getnameinfo)
#ifdef UNICODE
# define GetAddrInfo  GetAddrInfoW
# define FreeAddrInfo FreeAddrInfoW
# define GetNameInfo  GetNameInfoW
#else
# define GetAddrInfo  GetAddrInfoA
# define FreeAddrInfo FreeAddrInfoA
# define GetNameInfo  GetNameInfoA
#endif

/* "gai_strerrorA function (ws2tcpip.h)": the system message for a Windows
 * Sockets code, formatted as FormatMessageA does with IGNORE_INSERTS and
 * MAX_WIDTH_MASK (line breaks become spaces), in a buffer of
 * GAI_STRERROR_BUFFER_SIZE + 1 bytes that the next call overwrites. */
#define GAI_STRERROR_BUFFER_SIZE 1024
char *WSAAPI gai_strerrorA(int ecode);
WCHAR *WSAAPI gai_strerrorW(int ecode);
#ifdef UNICODE
# define WSP_GAI_STRERROR gai_strerrorW
#else
# define WSP_GAI_STRERROR gai_strerrorA
#endif
#ifndef WSP_USE_WS_PREFIX
# define gai_strerror WSP_GAI_STRERROR
#else
# define WS_gai_strerror WSP_GAI_STRERROR
#endif

/* "inet_pton function (ws2tcpip.h)": 1, 0 for a string that is not an
 * address of Family, -1 with WSAEAFNOSUPPORT or WSAEFAULT.  No WSAStartup
 * needed.  InetPtonA is this function, as in the Windows headers. */
INT WSAAPI WSP_WS(inet_pton)(INT Family, PCSTR pszAddrString, PVOID pAddrBuf)
    WSP_WS2_SYM(inet_pton);
/* "InetNtopW function (ws2tcpip.h)": NULL with WSAEAFNOSUPPORT, or
 * ERROR_INVALID_PARAMETER when the buffer is NULL, empty or too short. */
PCSTR WSAAPI WSP_WS(inet_ntop)(INT Family, const VOID *pAddr, PSTR pStringBuf,
                               size_t StringBufSize) WSP_WS2_SYM(inet_ntop);
#define InetPtonA WSP_WS(inet_pton)
#define InetNtopA WSP_WS(inet_ntop)
/* UTF-16 forms: InetPtonW answers 0 with WSAEINVAL for a non-address. */
INT WSAAPI InetPtonW(INT Family, PCWSTR pszAddrString, PVOID pAddrBuf);
PCWSTR WSAAPI InetNtopW(INT Family, const VOID *pAddr, PWSTR pStringBuf, size_t StringBufSize);
#ifdef UNICODE
# define InetPton InetPtonW
# define InetNtop InetNtopW
#else
# define InetPton InetPtonA
# define InetNtop InetNtopA
#endif

#ifdef __cplusplus
}
#endif

#endif /* WSP_WS2TCPIP_H */

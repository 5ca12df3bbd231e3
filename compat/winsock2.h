/*
 * winsock2.h - Windows Sockets 2 definitions for wspshim (libwsp) on Linux:
 * SOCKET, error codes (WSAE*), linger/timeval/fd_set, WSAPROTOCOL_INFO,
 * overlapped I/O and QOS types, network-event bits, ioctl codes.
 * All constants carry their Windows values; structures have Win64 layout.
 *
 * Prefix mode: with WSP_USE_WS_PREFIX defined before inclusion, names that
 * glibc also uses are only available with a WS_ prefix: constants
 * (WS_SO_*, WS_MSG_*, WS_FD_SETSIZE, WS_FIONBIO, WS_SD_*, WS_SOMAXCONN,
 * WS_PVD_CONFIG, WS_IOC_*, WS_FD_SET(), ...), struct tags (struct WS_linger,
 * struct WS_timeval) and typedefs (WS_fd_set, WS_u_char, WS_u_short,
 * WS_u_int, WS_u_long).  Without the prefix both spellings exist.
 * Windows-only names (SOCKET, LINGER, TIMEVAL, WSA*, XP1_*, ...) are never
 * prefixed.
 */
#ifndef WSP_WINSOCK2_H
#define WSP_WINSOCK2_H
/* As on Windows: Winsock 2 replaces <winsock.h> (keep it out from here on)
 * and brings in <windows.h>, except in prefix mode, which is for Linux-side
 * code next to glibc's headers. */
#ifndef _WINSOCKAPI_
# define _WINSOCKAPI_
#endif
#define _WINSOCK2API_

#include "wsp_windef.h"
#if !defined(WSP_USE_WS_PREFIX) && !defined(_INC_WINDOWS)
# include "windows.h"
#endif
#include "ws2def.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Basic types ---- */
/*
 * Without the prefix, glibc's <sys/types.h>/<sys/select.h> may come into a
 * Windows program anyway (<stdlib.h> includes them in GNU mode) with a Unix
 * fd_set, struct timeval, FD_SET and select().  So they are included here
 * first, with their select() declared under a name nobody calls and the
 * program's FD_SETSIZE (or its absence) saved around them; then the Windows
 * fd_set and timeval are renamed over glibc's, and select() below is
 * Winsock's.
 *
 * If glibc's <sys/select.h> came first (<stdlib.h> before <winsock2.h> in
 * GNU mode), its select() is declared already and cannot be declared
 * again: `select` then becomes a macro for WS_select (the same function),
 * and FD_SETSIZE is what glibc left, 1024 -- a program's own smaller value
 * was overwritten by glibc before this header could see it.  Include
 * <winsock2.h> (or <windows.h>) first to have your FD_SETSIZE honoured.
 */
#if !defined(WSP_USE_WS_PREFIX) && defined(__has_include)
# if __has_include(<sys/select.h>)
#  if defined(_SYS_SELECT_H)
#   define WSP_GLIBC_SELECT_FIRST 1
#  else
#   pragma push_macro("FD_SETSIZE")
#   pragma push_macro("select")
#   define select wsp_glibc_select_unused
#   include <sys/types.h>
#   include <sys/select.h>
#   undef select
#   pragma pop_macro("select")
#   undef FD_SETSIZE
#   pragma pop_macro("FD_SETSIZE")
#  endif
#  define fd_set WS_fd_set
#  define timeval WS_timeval
#  undef FD_SET
#  undef FD_CLR
#  undef FD_ISSET
#  undef FD_ZERO
# endif
#endif
#if !defined(WSP_USE_WS_PREFIX) && defined(__u_char_defined)
/* glibc (with _DEFAULT_SOURCE) already declared u_char..u_long; u_long is
 * 64 bits there, so shadow it with the Windows 32-bit type from here on. */
# define u_long ULONG
#else
typedef UCHAR   WSP_WS(u_char);
typedef USHORT  WSP_WS(u_short);
typedef UINT    WSP_WS(u_int);
typedef ULONG   WSP_WS(u_long);     /* 32 bits, as on Windows */
#endif
typedef ULONGLONG u_int64;

typedef UINT_PTR SOCKET;
typedef unsigned int GROUP;

#define INVALID_SOCKET  ((SOCKET)(~0))
#define SOCKET_ERROR    (-1)

#define WINSOCK_VERSION MAKEWORD(2, 2)

/* ---- fd_set ---- */
#ifdef WSP_USE_WS_PREFIX
# ifndef WS_FD_SETSIZE
#  define WS_FD_SETSIZE 64
# endif
#else
# ifndef FD_SETSIZE
#  define FD_SETSIZE 64
# endif
# ifndef WS_FD_SETSIZE
#  define WS_FD_SETSIZE FD_SETSIZE
# endif
#endif

typedef struct WSP_WS(fd_set) {
    WSP_WS(u_int) fd_count;
    SOCKET        fd_array[WS_FD_SETSIZE];
} WSP_WS(fd_set), *PFD_SET, *LPFD_SET;
#ifndef WSP_USE_WS_PREFIX
/* Windows also names the type FD_SET (a declaration, not the FD_SET(fd, set)
 * macro, which only expands before a parenthesis) */
typedef WSP_WS(fd_set) FD_SET;
#endif

/* fd_set helpers (Windows semantics: an array of handles plus a count). */
static inline void wsp_fd_clr(SOCKET s, WSP_WS(fd_set) *set)
{
    WSP_WS(u_int) i;
    for (i = 0; i < set->fd_count; i++) {
        if (set->fd_array[i] == s) {
            for (; i + 1 < set->fd_count; i++)
                set->fd_array[i] = set->fd_array[i + 1];
            set->fd_count--;
            break;
        }
    }
}
static inline void wsp_fd_set(SOCKET s, WSP_WS(fd_set) *set)
{
    WSP_WS(u_int) i;
    for (i = 0; i < set->fd_count; i++)
        if (set->fd_array[i] == s)
            return;
    if (set->fd_count < WS_FD_SETSIZE)
        set->fd_array[set->fd_count++] = s;
}
static inline int wsp_fd_isset(SOCKET s, const WSP_WS(fd_set) *set)
{
    WSP_WS(u_int) i;
    for (i = 0; i < set->fd_count; i++)
        if (set->fd_array[i] == s)
            return 1;
    return 0;
}
#define WS_FD_CLR(fd, set)      wsp_fd_clr((SOCKET)(fd), (set))
#define WS_FD_SET(fd, set)      wsp_fd_set((SOCKET)(fd), (set))
#define WS_FD_ISSET(fd, set)    wsp_fd_isset((SOCKET)(fd), (set))
#define WS_FD_ZERO(set)         ((void)((set)->fd_count = 0))

/* ---- timeval / linger ---- */
struct WSP_WS(timeval) {
    LONG tv_sec;
    LONG tv_usec;
};
typedef struct WSP_WS(timeval) TIMEVAL, *PTIMEVAL, *LPTIMEVAL;

struct WSP_WS(linger) {
    WSP_WS(u_short) l_onoff;
    WSP_WS(u_short) l_linger;
};
typedef struct WSP_WS(linger) LINGER, *PLINGER, *LPLINGER;

/* ---- ioctl codes ---- */
#define WS_IOCPARM_MASK     0x7f
#define WS_IOC_VOID         0x20000000U
#define WS_IOC_OUT          0x40000000U
#define WS_IOC_IN           0x80000000U
#define WS_IOC_INOUT        (WS_IOC_IN | WS_IOC_OUT)

#define WS_FIONREAD         0x4004667fU     /* _IOR('f', 127, u_long) */
#define WS_FIONBIO          0x8004667eU     /* _IOW('f', 126, u_long) */
#define WS_FIOASYNC         0x8004667dU     /* _IOW('f', 125, u_long) */
#define WS_SIOCSHIWAT       0x80047300U     /* _IOW('s', 0, u_long) */
#define WS_SIOCGHIWAT       0x40047301U     /* _IOR('s', 1, u_long) */
#define WS_SIOCSLOWAT       0x80047302U     /* _IOW('s', 2, u_long) */
#define WS_SIOCGLOWAT       0x40047303U     /* _IOR('s', 3, u_long) */
#define WS_SIOCATMARK       0x40047307U     /* _IOR('s', 7, u_long) */

/* Winsock 2 ioctl classes and codes (no Linux collision: never prefixed). */
#define IOC_UNIX            0x00000000U
#define IOC_WS2             0x08000000U
#define IOC_PROTOCOL        0x10000000U
#define IOC_VENDOR          0x18000000U
#define _WSAIO(x, y)        (WS_IOC_VOID | (x) | (y))
#define _WSAIOR(x, y)       (WS_IOC_OUT | (x) | (y))
#define _WSAIOW(x, y)       (WS_IOC_IN | (x) | (y))
#define _WSAIORW(x, y)      (WS_IOC_INOUT | (x) | (y))

#define SIO_ASSOCIATE_HANDLE                _WSAIOW(IOC_WS2, 1)
#define SIO_ENABLE_CIRCULAR_QUEUEING        _WSAIO(IOC_WS2, 2)
#define SIO_FIND_ROUTE                      _WSAIOR(IOC_WS2, 3)
#define SIO_FLUSH                           _WSAIO(IOC_WS2, 4)
#define SIO_GET_BROADCAST_ADDRESS           _WSAIOR(IOC_WS2, 5)
#define SIO_GET_EXTENSION_FUNCTION_POINTER  _WSAIORW(IOC_WS2, 6)
#define SIO_GET_QOS                         _WSAIORW(IOC_WS2, 7)
#define SIO_GET_GROUP_QOS                   _WSAIORW(IOC_WS2, 8)
#define SIO_MULTIPOINT_LOOPBACK             _WSAIOW(IOC_WS2, 9)
#define SIO_MULTICAST_SCOPE                 _WSAIOW(IOC_WS2, 10)
#define SIO_SET_QOS                         _WSAIOW(IOC_WS2, 11)
#define SIO_SET_GROUP_QOS                   _WSAIOW(IOC_WS2, 12)
#define SIO_TRANSLATE_HANDLE                _WSAIORW(IOC_WS2, 13)
#define SIO_ROUTING_INTERFACE_QUERY         _WSAIORW(IOC_WS2, 20)
#define SIO_ROUTING_INTERFACE_CHANGE        _WSAIOW(IOC_WS2, 21)
#define SIO_ADDRESS_LIST_QUERY              _WSAIOR(IOC_WS2, 22)
#define SIO_ADDRESS_LIST_CHANGE             _WSAIO(IOC_WS2, 23)
#define SIO_QUERY_TARGET_PNP_HANDLE         _WSAIOR(IOC_WS2, 24)
#define SIO_ADDRESS_LIST_SORT               _WSAIORW(IOC_WS2, 25)
#define SIO_BASE_HANDLE                     _WSAIOR(IOC_WS2, 34)

/* ---- Socket options defined by winsock2.h ---- */
#define WS_SO_PROTOCOL_INFOA        0x2004
#define WS_SO_PROTOCOL_INFOW        0x2005
#define WS_SO_PROTOCOL_INFO         WS_SO_PROTOCOL_INFOW
#define WS_PVD_CONFIG               0x3001

#define WS_SOMAXCONN                0x7fffffff
#define WS_SOMAXCONN_HINT(b)        (-(b))

/* shutdown() directions */
#define WS_SD_RECEIVE               0x00
#define WS_SD_SEND                  0x01
#define WS_SD_BOTH                  0x02

#define MAXGETHOSTSTRUCT            1024

/* ---- Error codes ---- */
#define WSABASEERR                  10000
#define WSAEINTR                    (WSABASEERR + 4)
#define WSAEBADF                    (WSABASEERR + 9)
#define WSAEACCES                   (WSABASEERR + 13)
#define WSAEFAULT                   (WSABASEERR + 14)
#define WSAEINVAL                   (WSABASEERR + 22)
#define WSAEMFILE                   (WSABASEERR + 24)
#define WSAEWOULDBLOCK              (WSABASEERR + 35)
#define WSAEINPROGRESS              (WSABASEERR + 36)
#define WSAEALREADY                 (WSABASEERR + 37)
#define WSAENOTSOCK                 (WSABASEERR + 38)
#define WSAEDESTADDRREQ             (WSABASEERR + 39)
#define WSAEMSGSIZE                 (WSABASEERR + 40)
#define WSAEPROTOTYPE               (WSABASEERR + 41)
#define WSAENOPROTOOPT              (WSABASEERR + 42)
#define WSAEPROTONOSUPPORT          (WSABASEERR + 43)
#define WSAESOCKTNOSUPPORT          (WSABASEERR + 44)
#define WSAEOPNOTSUPP               (WSABASEERR + 45)
#define WSAEPFNOSUPPORT             (WSABASEERR + 46)
#define WSAEAFNOSUPPORT             (WSABASEERR + 47)
#define WSAEADDRINUSE               (WSABASEERR + 48)
#define WSAEADDRNOTAVAIL            (WSABASEERR + 49)
#define WSAENETDOWN                 (WSABASEERR + 50)
#define WSAENETUNREACH              (WSABASEERR + 51)
#define WSAENETRESET                (WSABASEERR + 52)
#define WSAECONNABORTED             (WSABASEERR + 53)
#define WSAECONNRESET               (WSABASEERR + 54)
#define WSAENOBUFS                  (WSABASEERR + 55)
#define WSAEISCONN                  (WSABASEERR + 56)
#define WSAENOTCONN                 (WSABASEERR + 57)
#define WSAESHUTDOWN                (WSABASEERR + 58)
#define WSAETOOMANYREFS             (WSABASEERR + 59)
#define WSAETIMEDOUT                (WSABASEERR + 60)
#define WSAECONNREFUSED             (WSABASEERR + 61)
#define WSAELOOP                    (WSABASEERR + 62)
#define WSAENAMETOOLONG             (WSABASEERR + 63)
#define WSAEHOSTDOWN                (WSABASEERR + 64)
#define WSAEHOSTUNREACH             (WSABASEERR + 65)
#define WSAENOTEMPTY                (WSABASEERR + 66)
#define WSAEPROCLIM                 (WSABASEERR + 67)
#define WSAEUSERS                   (WSABASEERR + 68)
#define WSAEDQUOT                   (WSABASEERR + 69)
#define WSAESTALE                   (WSABASEERR + 70)
#define WSAEREMOTE                  (WSABASEERR + 71)
#define WSASYSNOTREADY              (WSABASEERR + 91)
#define WSAVERNOTSUPPORTED          (WSABASEERR + 92)
#define WSANOTINITIALISED           (WSABASEERR + 93)
#define WSAEDISCON                  (WSABASEERR + 101)
#define WSAENOMORE                  (WSABASEERR + 102)
#define WSAECANCELLED               (WSABASEERR + 103)
#define WSAEINVALIDPROCTABLE        (WSABASEERR + 104)
#define WSAEINVALIDPROVIDER         (WSABASEERR + 105)
#define WSAEPROVIDERFAILEDINIT      (WSABASEERR + 106)
#define WSASYSCALLFAILURE           (WSABASEERR + 107)
#define WSASERVICE_NOT_FOUND        (WSABASEERR + 108)
#define WSATYPE_NOT_FOUND           (WSABASEERR + 109)
#define WSA_E_NO_MORE               (WSABASEERR + 110)
#define WSA_E_CANCELLED             (WSABASEERR + 111)
#define WSAEREFUSED                 (WSABASEERR + 112)
#define WSAHOST_NOT_FOUND           (WSABASEERR + 1001)
#define WSATRY_AGAIN                (WSABASEERR + 1002)
#define WSANO_RECOVERY              (WSABASEERR + 1003)
#define WSANO_DATA                  (WSABASEERR + 1004)
#define WSANO_ADDRESS               WSANO_DATA

/* Win32 error codes reused by Winsock 2 */
#define WSA_INVALID_HANDLE          6       /* ERROR_INVALID_HANDLE */
#define WSA_NOT_ENOUGH_MEMORY       8       /* ERROR_NOT_ENOUGH_MEMORY */
#define WSA_INVALID_PARAMETER       87      /* ERROR_INVALID_PARAMETER */
#define WSA_OPERATION_ABORTED       995     /* ERROR_OPERATION_ABORTED */
#define WSA_IO_INCOMPLETE           996     /* ERROR_IO_INCOMPLETE */
#define WSA_IO_PENDING              997     /* ERROR_IO_PENDING */

/* ---- WSAStartup data (Win64 member order) ---- */
#define WSADESCRIPTION_LEN          256
#define WSASYS_STATUS_LEN           128

typedef struct WSAData {
    WORD            wVersion;
    WORD            wHighVersion;
#if UINTPTR_MAX > 0xffffffffu
    unsigned short  iMaxSockets;
    unsigned short  iMaxUdpDg;
    char           *lpVendorInfo;
    char            szDescription[WSADESCRIPTION_LEN + 1];
    char            szSystemStatus[WSASYS_STATUS_LEN + 1];
#else
    char            szDescription[WSADESCRIPTION_LEN + 1];
    char            szSystemStatus[WSASYS_STATUS_LEN + 1];
    unsigned short  iMaxSockets;
    unsigned short  iMaxUdpDg;
    char           *lpVendorInfo;
#endif
} WSADATA, *LPWSADATA;

/* ---- Events and overlapped I/O ---- */
typedef HANDLE WSAEVENT, *LPWSAEVENT;
typedef OVERLAPPED WSAOVERLAPPED;
typedef OVERLAPPED *LPWSAOVERLAPPED;

#define WSA_INVALID_EVENT           ((WSAEVENT)NULL)
#define WSA_MAXIMUM_WAIT_EVENTS     64
#define WSA_WAIT_FAILED             0xffffffffU
#define WSA_WAIT_EVENT_0            0
#define WSA_WAIT_IO_COMPLETION      0xc0
#define WSA_WAIT_TIMEOUT            258
#define WSA_INFINITE                0xffffffffU

typedef void (CALLBACK *LPWSAOVERLAPPED_COMPLETION_ROUTINE)(
    DWORD dwError, DWORD cbTransferred, LPWSAOVERLAPPED lpOverlapped,
    DWORD dwFlags);

typedef struct _WSATHREADID {
    HANDLE    ThreadHandle;
    DWORD_PTR Reserved;
} WSATHREADID, *LPWSATHREADID;

/* ---- QOS ---- */
typedef ULONG SERVICETYPE;

typedef struct _flowspec {
    ULONG       TokenRate;
    ULONG       TokenBucketSize;
    ULONG       PeakBandwidth;
    ULONG       Latency;
    ULONG       DelayVariation;
    SERVICETYPE ServiceType;
    ULONG       MaxSduSize;
    ULONG       MinimumPolicedSize;
} FLOWSPEC, *PFLOWSPEC, *LPFLOWSPEC;

typedef struct _QualityOfService {
    FLOWSPEC SendingFlowspec;
    FLOWSPEC ReceivingFlowspec;
    WSABUF   ProviderSpecific;
} QOS, *LPQOS;

/* ---- WSAAccept condition function ---- */
#define CF_ACCEPT                   0x0000
#define CF_REJECT                   0x0001
#define CF_DEFER                    0x0002

typedef int (CALLBACK *LPCONDITIONPROC)(
    LPWSABUF lpCallerId, LPWSABUF lpCallerData, LPQOS lpSQOS, LPQOS lpGQOS,
    LPWSABUF lpCalleeId, LPWSABUF lpCalleeData, GROUP *g,
    DWORD_PTR dwCallbackData);

#define SG_UNCONSTRAINED_GROUP      0x01
#define SG_CONSTRAINED_GROUP        0x02

/* ---- Network events ---- */
#define FD_READ_BIT                     0
#define FD_READ                         (1 << FD_READ_BIT)
#define FD_WRITE_BIT                    1
#define FD_WRITE                        (1 << FD_WRITE_BIT)
#define FD_OOB_BIT                      2
#define FD_OOB                          (1 << FD_OOB_BIT)
#define FD_ACCEPT_BIT                   3
#define FD_ACCEPT                       (1 << FD_ACCEPT_BIT)
#define FD_CONNECT_BIT                  4
#define FD_CONNECT                      (1 << FD_CONNECT_BIT)
#define FD_CLOSE_BIT                    5
#define FD_CLOSE                        (1 << FD_CLOSE_BIT)
#define FD_QOS_BIT                      6
#define FD_QOS                          (1 << FD_QOS_BIT)
#define FD_GROUP_QOS_BIT                7
#define FD_GROUP_QOS                    (1 << FD_GROUP_QOS_BIT)
#define FD_ROUTING_INTERFACE_CHANGE_BIT 8
#define FD_ROUTING_INTERFACE_CHANGE     (1 << FD_ROUTING_INTERFACE_CHANGE_BIT)
#define FD_ADDRESS_LIST_CHANGE_BIT      9
#define FD_ADDRESS_LIST_CHANGE          (1 << FD_ADDRESS_LIST_CHANGE_BIT)
#define FD_MAX_EVENTS                   10
#define FD_ALL_EVENTS                   ((1 << FD_MAX_EVENTS) - 1)

typedef struct _WSANETWORKEVENTS {
    LONG lNetworkEvents;
    int  iErrorCode[FD_MAX_EVENTS];
} WSANETWORKEVENTS, *LPWSANETWORKEVENTS;

/* ---- WSASocket flags ---- */
#define WSA_FLAG_OVERLAPPED             0x01
#define WSA_FLAG_MULTIPOINT_C_ROOT      0x02
#define WSA_FLAG_MULTIPOINT_C_LEAF      0x04
#define WSA_FLAG_MULTIPOINT_D_ROOT      0x08
#define WSA_FLAG_MULTIPOINT_D_LEAF      0x10
#define WSA_FLAG_ACCESS_SYSTEM_SECURITY 0x40
#define WSA_FLAG_NO_HANDLE_INHERIT      0x80
#define WSA_FLAG_REGISTERED_IO          0x100

/* WSAJoinLeaf flags */
#define JL_SENDER_ONLY                  0x01
#define JL_RECEIVER_ONLY                0x02
#define JL_BOTH                         0x04

/* ---- Protocol information ---- */
#define MAX_PROTOCOL_CHAIN              7
#define BASE_PROTOCOL                   1
#define LAYERED_PROTOCOL                0

typedef struct _WSAPROTOCOLCHAIN {
    int   ChainLen;
    DWORD ChainEntries[MAX_PROTOCOL_CHAIN];
} WSAPROTOCOLCHAIN, *LPWSAPROTOCOLCHAIN;

#define WSAPROTOCOL_LEN                 255

typedef struct _WSAPROTOCOL_INFOA {
    DWORD            dwServiceFlags1;
    DWORD            dwServiceFlags2;
    DWORD            dwServiceFlags3;
    DWORD            dwServiceFlags4;
    DWORD            dwProviderFlags;
    GUID             ProviderId;
    DWORD            dwCatalogEntryId;
    WSAPROTOCOLCHAIN ProtocolChain;
    int              iVersion;
    int              iAddressFamily;
    int              iMaxSockAddr;
    int              iMinSockAddr;
    int              iSocketType;
    int              iProtocol;
    int              iProtocolMaxOffset;
    int              iNetworkByteOrder;
    int              iSecurityScheme;
    DWORD            dwMessageSize;
    DWORD            dwProviderReserved;
    CHAR             szProtocol[WSAPROTOCOL_LEN + 1];
} WSAPROTOCOL_INFOA, *LPWSAPROTOCOL_INFOA;

typedef struct _WSAPROTOCOL_INFOW {
    DWORD            dwServiceFlags1;
    DWORD            dwServiceFlags2;
    DWORD            dwServiceFlags3;
    DWORD            dwServiceFlags4;
    DWORD            dwProviderFlags;
    GUID             ProviderId;
    DWORD            dwCatalogEntryId;
    WSAPROTOCOLCHAIN ProtocolChain;
    int              iVersion;
    int              iAddressFamily;
    int              iMaxSockAddr;
    int              iMinSockAddr;
    int              iSocketType;
    int              iProtocol;
    int              iProtocolMaxOffset;
    int              iNetworkByteOrder;
    int              iSecurityScheme;
    DWORD            dwMessageSize;
    DWORD            dwProviderReserved;
    WCHAR            szProtocol[WSAPROTOCOL_LEN + 1];
} WSAPROTOCOL_INFOW, *LPWSAPROTOCOL_INFOW;

/* The SPI is Unicode: the unsuffixed names mean the W variants. */
typedef WSAPROTOCOL_INFOW WSAPROTOCOL_INFO;
typedef LPWSAPROTOCOL_INFOW LPWSAPROTOCOL_INFO;

/* dwServiceFlags1 bits */
#define XP1_CONNECTIONLESS              0x00000001
#define XP1_GUARANTEED_DELIVERY         0x00000002
#define XP1_GUARANTEED_ORDER            0x00000004
#define XP1_MESSAGE_ORIENTED            0x00000008
#define XP1_PSEUDO_STREAM               0x00000010
#define XP1_GRACEFUL_CLOSE              0x00000020
#define XP1_EXPEDITED_DATA              0x00000040
#define XP1_CONNECT_DATA                0x00000080
#define XP1_DISCONNECT_DATA             0x00000100
#define XP1_SUPPORT_BROADCAST           0x00000200
#define XP1_SUPPORT_MULTIPOINT          0x00000400
#define XP1_MULTIPOINT_CONTROL_PLANE    0x00000800
#define XP1_MULTIPOINT_DATA_PLANE       0x00001000
#define XP1_QOS_SUPPORTED               0x00002000
#define XP1_INTERRUPT                   0x00004000
#define XP1_UNI_SEND                    0x00008000
#define XP1_UNI_RECV                    0x00010000
#define XP1_IFS_HANDLES                 0x00020000
#define XP1_PARTIAL_MESSAGE             0x00040000
#define XP1_SAN_SUPPORT_SDP             0x00080000

/* dwProviderFlags bits */
#define PFL_MULTIPLE_PROTO_ENTRIES      0x00000001
#define PFL_RECOMMENDED_PROTO_ENTRY     0x00000002
#define PFL_HIDDEN                      0x00000004
#define PFL_MATCHES_PROTOCOL_ZERO       0x00000008
#define PFL_NETWORKDIRECT_PROVIDER      0x00000010

#define BIGENDIAN                       0x0000
#define LITTLEENDIAN                    0x0001
#define SECURITY_PROTOCOL_NONE          0x0000
#define FROM_PROTOCOL_INFO              (-1)

/* ---- WSAPoll (doc "WSAPOLLFD structure"; Windows values, not glibc's) ---- */
#define WS_POLLRDNORM       0x0100
#define WS_POLLRDBAND       0x0200
#define WS_POLLIN           (WS_POLLRDNORM | WS_POLLRDBAND)
#define WS_POLLPRI          0x0400
#define WS_POLLWRNORM       0x0010
#define WS_POLLOUT          WS_POLLWRNORM
#define WS_POLLWRBAND       0x0020
#define WS_POLLERR          0x0001
#define WS_POLLHUP          0x0002
#define WS_POLLNVAL         0x0004

/* A translation unit that included glibc's <poll.h> first keeps glibc's
 * struct pollfd and POLL* (Linux values); Winsock's are then only
 * WSAPOLLFD and WS_POLL*.  (<poll.h> after this header is a redefinition
 * error: include it first, or use WSP_USE_WS_PREFIX.) */
#if !defined(WSP_USE_WS_PREFIX) && defined(_SYS_POLL_H)
# define WSP_GLIBC_POLL_FIRST 1
# define WSP_POLLFD_TAG WS_pollfd
#else
# define WSP_POLLFD_TAG WSP_WS(pollfd)
# ifndef WSP_USE_WS_PREFIX
#  define WSP_WINSOCK_POLLFD 1      /* struct pollfd is Winsock's in this unit */
# endif
#endif
typedef struct WSP_POLLFD_TAG {
    SOCKET fd;
    SHORT  events;
    SHORT  revents;
} WSAPOLLFD, *PWSAPOLLFD, *LPWSAPOLLFD;
#undef WSP_POLLFD_TAG

/* Plain (unprefixed) spellings of the WS_ constants above; not defined
 * in prefix mode, where they would clash with glibc. */
#ifndef WSP_USE_WS_PREFIX
#define FD_CLR(fd, set)    WS_FD_CLR(fd, set)
#define FD_SET(fd, set)    WS_FD_SET(fd, set)
#define FD_ISSET(fd, set)  WS_FD_ISSET(fd, set)
#define FD_ZERO(set)       WS_FD_ZERO(set)
#define IOCPARM_MASK       WS_IOCPARM_MASK
#define IOC_VOID           WS_IOC_VOID
#define IOC_OUT            WS_IOC_OUT
#define IOC_IN             WS_IOC_IN
#define IOC_INOUT          WS_IOC_INOUT
#define FIONREAD           WS_FIONREAD
#define FIONBIO            WS_FIONBIO
#define FIOASYNC           WS_FIOASYNC
#define SIOCSHIWAT         WS_SIOCSHIWAT
#define SIOCGHIWAT         WS_SIOCGHIWAT
#define SIOCSLOWAT         WS_SIOCSLOWAT
#define SIOCGLOWAT         WS_SIOCGLOWAT
#define SIOCATMARK         WS_SIOCATMARK
#define SO_PROTOCOL_INFOA  WS_SO_PROTOCOL_INFOA
#define SO_PROTOCOL_INFOW  WS_SO_PROTOCOL_INFOW
#define SO_PROTOCOL_INFO   WS_SO_PROTOCOL_INFO
#define PVD_CONFIG         WS_PVD_CONFIG
#define SOMAXCONN          WS_SOMAXCONN
#define SOMAXCONN_HINT(b)  WS_SOMAXCONN_HINT(b)
#define SD_RECEIVE         WS_SD_RECEIVE
#define SD_SEND            WS_SD_SEND
#define SD_BOTH            WS_SD_BOTH
#if !defined(WSP_GLIBC_POLL_FIRST)
#define POLLRDNORM         WS_POLLRDNORM
#define POLLRDBAND         WS_POLLRDBAND
#define POLLIN             WS_POLLIN
#define POLLPRI            WS_POLLPRI
#define POLLWRNORM         WS_POLLWRNORM
#define POLLOUT            WS_POLLOUT
#define POLLWRBAND         WS_POLLWRBAND
#define POLLERR            WS_POLLERR
#define POLLHUP            WS_POLLHUP
#define POLLNVAL           WS_POLLNVAL
#endif
#endif /* !WSP_USE_WS_PREFIX */

/* ---- Functions (libws2_32; pkg-config ws2_32) ----
 *
 * WSP_WS2_SYM(name): the link name of a Winsock function whose name glibc
 * also has.  Such functions are declared with an asm label and exported
 * by libws2_32 as wsp_ws2_<name>, never as <name>: a program that includes
 * this header calls libws2_32's socket(), and nothing else in the process
 * (glibc itself, libcurl, ...) can bind to it by accident.  In prefix mode
 * the same functions are spelled WS_<name> (WS_socket, WS_select, ...),
 * so that one translation unit can call both glibc's socket() and
 * Winsock's WS_socket().  Windows-only names (WSA*, closesocket, ...) have
 * no label and no prefix.
 */
#define WSP_WS2_SYM(name) __asm__("wsp_ws2_" #name)

#if defined(WSP_GLIBC_SELECT_FIRST)
# define select WS_select      /* glibc's select() is declared already (see the top) */
#endif

int WSAAPI WSAStartup(WORD wVersionRequested, LPWSADATA lpWSAData);
int WSAAPI WSACleanup(void);

/* Names glibc also has: Windows prototypes, linked as wsp_ws2_<name>. */
SOCKET WSAAPI WSP_WS(socket)(int af, int type, int protocol) WSP_WS2_SYM(socket);
int WSAAPI WSP_WS(bind)(SOCKET s, const struct WSP_WS(sockaddr) *name, int namelen) WSP_WS2_SYM(bind);
int WSAAPI WSP_WS(listen)(SOCKET s, int backlog) WSP_WS2_SYM(listen);
SOCKET WSAAPI WSP_WS(accept)(SOCKET s, struct WSP_WS(sockaddr) *addr, int *addrlen) WSP_WS2_SYM(accept);
int WSAAPI WSP_WS(connect)(SOCKET s, const struct WSP_WS(sockaddr) *name, int namelen) WSP_WS2_SYM(connect);
int WSAAPI WSP_WS(send)(SOCKET s, const char *buf, int len, int flags) WSP_WS2_SYM(send);
int WSAAPI WSP_WS(recv)(SOCKET s, char *buf, int len, int flags) WSP_WS2_SYM(recv);
int WSAAPI WSP_WS(sendto)(SOCKET s, const char *buf, int len, int flags, const struct WSP_WS(sockaddr) *to,
                          int tolen) WSP_WS2_SYM(sendto);
int WSAAPI WSP_WS(recvfrom)(SOCKET s, char *buf, int len, int flags, struct WSP_WS(sockaddr) *from,
                            int *fromlen) WSP_WS2_SYM(recvfrom);
int WSAAPI WSP_WS(shutdown)(SOCKET s, int how) WSP_WS2_SYM(shutdown);
int WSAAPI WSP_WS(setsockopt)(SOCKET s, int level, int optname, const char *optval, int optlen)
    WSP_WS2_SYM(setsockopt);
int WSAAPI WSP_WS(getsockopt)(SOCKET s, int level, int optname, char *optval, int *optlen)
    WSP_WS2_SYM(getsockopt);
int WSAAPI WSP_WS(getsockname)(SOCKET s, struct WSP_WS(sockaddr) *name, int *namelen) WSP_WS2_SYM(getsockname);
int WSAAPI WSP_WS(getpeername)(SOCKET s, struct WSP_WS(sockaddr) *name, int *namelen) WSP_WS2_SYM(getpeername);
/* nfds is ignored; the sets are read up to their fd_count, whatever
 * FD_SETSIZE they were compiled with (doc "select function") */
int WSAAPI WSP_WS(select)(int nfds, WSP_WS(fd_set) *readfds, WSP_WS(fd_set) *writefds,
                          WSP_WS(fd_set) *exceptfds, const struct WSP_WS(timeval) *timeout) WSP_WS2_SYM(select);

/* Windows-only names. */
int WSAAPI closesocket(SOCKET s);
int WSAAPI ioctlsocket(SOCKET s, LONG cmd, WSP_WS(u_long) *argp);
int WSAAPI __WSAFDIsSet(SOCKET s, WSP_WS(fd_set) *set);
SOCKET WSAAPI WSASocketA(int af, int type, int protocol, LPWSAPROTOCOL_INFOA lpProtocolInfo, GROUP g,
                         DWORD dwFlags);
SOCKET WSAAPI WSASocketW(int af, int type, int protocol, LPWSAPROTOCOL_INFOW lpProtocolInfo, GROUP g,
                         DWORD dwFlags);
SOCKET WSAAPI WSAAccept(SOCKET s, struct WSP_WS(sockaddr) *addr, LPINT addrlen, LPCONDITIONPROC lpfnCondition,
                        DWORD_PTR dwCallbackData);
int WSAAPI WSAConnect(SOCKET s, const struct WSP_WS(sockaddr) *name, int namelen, LPWSABUF lpCallerData,
                      LPWSABUF lpCalleeData, LPQOS lpSQOS, LPQOS lpGQOS);
/* lpOverlapped/lpCompletionRoutine: overlapped I/O is out of scope, a
 * non-NULL one fails WSAEOPNOTSUPP */
int WSAAPI WSASend(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent, DWORD dwFlags,
                   LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
int WSAAPI WSASendTo(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent,
                     DWORD dwFlags, const struct WSP_WS(sockaddr) *lpTo, int iTolen, LPWSAOVERLAPPED lpOverlapped,
                     LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
int WSAAPI WSARecv(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesRecvd,
                   LPDWORD lpFlags, LPWSAOVERLAPPED lpOverlapped,
                   LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
int WSAAPI WSARecvFrom(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesRecvd,
                       LPDWORD lpFlags, struct WSP_WS(sockaddr) *lpFrom, LPINT lpFromlen,
                       LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
int WSAAPI WSASendDisconnect(SOCKET s, LPWSABUF lpOutboundDisconnectData);
int WSAAPI WSARecvDisconnect(SOCKET s, LPWSABUF lpInboundDisconnectData);
int WSAAPI WSAIoctl(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer, DWORD cbInBuffer, LPVOID lpvOutBuffer,
                    DWORD cbOutBuffer, LPDWORD lpcbBytesReturned, LPWSAOVERLAPPED lpOverlapped,
                    LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
int WSAAPI WSAPoll(LPWSAPOLLFD fdArray, ULONG fds, INT timeout);

/* The event model: a WSAEVENT is a Win32 event handle (<windows.h>). */
WSAEVENT WSAAPI WSACreateEvent(void);
BOOL WSAAPI WSASetEvent(WSAEVENT hEvent);
BOOL WSAAPI WSAResetEvent(WSAEVENT hEvent);
BOOL WSAAPI WSACloseEvent(WSAEVENT hEvent);
int WSAAPI WSAEventSelect(SOCKET s, WSAEVENT hEventObject, LONG lNetworkEvents);
int WSAAPI WSAEnumNetworkEvents(SOCKET s, WSAEVENT hEventObject, LPWSANETWORKEVENTS lpNetworkEvents);
DWORD WSAAPI WSAWaitForMultipleEvents(DWORD cEvents, const WSAEVENT *lphEvents, BOOL fWaitAll, DWORD dwTimeout,
                                     BOOL fAlertable);

/* Out of scope (README): each fails with the error shown. */
int WSAAPI WSAAsyncSelect(SOCKET s, HWND hWnd, WSP_WS(u_int) wMsg, LONG lEvent);   /* WSAEOPNOTSUPP */
BOOL WSAAPI WSAGetOverlappedResult(SOCKET s, LPWSAOVERLAPPED lpOverlapped, LPDWORD lpcbTransfer, BOOL fWait,
                                   LPDWORD lpdwFlags);                             /* WSAEOPNOTSUPP */
int WSAAPI WSADuplicateSocketA(SOCKET s, DWORD dwProcessId, LPWSAPROTOCOL_INFOA lpProtocolInfo); /* WSAEOPNOTSUPP */
int WSAAPI WSADuplicateSocketW(SOCKET s, DWORD dwProcessId, LPWSAPROTOCOL_INFOW lpProtocolInfo); /* WSAEOPNOTSUPP */
int WSAAPI WSACancelBlockingCall(void);   /* Winsock 1.1 only: WSAEOPNOTSUPP */
#ifdef UNICODE
# define WSASocket WSASocketW
# define WSADuplicateSocket WSADuplicateSocketW
#else
# define WSASocket WSASocketA
# define WSADuplicateSocket WSADuplicateSocketA
#endif

/* The thread-local last error: one slot with GetLastError/SetLastError,
 * as on Windows; defined in libwin32base (win32/lasterror.c). */
int WSAAPI WSAGetLastError(void);
void WSAAPI WSASetLastError(int iError);

#ifdef __cplusplus
}
#endif

/* Host names, address strings, byte order (libws2_32). */
#include "wsp_ws2names.h"

/* The Windows headers bring <stdlib.h> along (mingw-w64's: winnt.h ->
 * x86intrin.h -> mm_malloc.h -> stdlib.h), and Windows socket programs call
 * malloc()/atoi() with only <winsock2.h> included.  Here it comes last, once
 * glibc's select() and fd_set are tamed above. */
#include <stdlib.h>

#endif /* WSP_WINSOCK2_H */

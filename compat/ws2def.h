/*
 * ws2def.h - Windows socket definitions (address families, socket types,
 * SOL_SOCKET / IPPROTO_TCP / IPPROTO_UDP option names, sockaddr layouts,
 * WSABUF, WSAMSG) for wspshim on Linux.  All values are the Windows ones.
 *
 * Prefix mode: if WSP_USE_WS_PREFIX is defined before inclusion, every
 * constant that glibc also defines (or may define) exists only as WS_<name>
 * (WS_AF_INET6, WS_SOL_SOCKET, WS_SO_REUSEADDR, WS_IPPROTO_TCP, WS_TCP_NODELAY,
 * WS_MSG_PEEK, ...), and the struct tags are struct WS_sockaddr,
 * struct WS_sockaddr_in, struct WS_sockaddr_storage, struct WS_in_addr, so the
 * header can be used next to <sys/socket.h>.  Without the prefix both the
 * WS_<name> and the plain <name> spellings are defined.  Windows-only type
 * names (SOCKADDR, SOCKADDR_IN, IN_ADDR, WSABUF, WSAMSG, ...) never get the
 * prefix.
 */
#ifndef WSP_WS2DEF_H
#define WSP_WS2DEF_H

#include "wsp_windef.h"

typedef USHORT ADDRESS_FAMILY;

/* ---- Address families ---- */
#define WS_AF_UNSPEC        0
#define WS_AF_UNIX          1
#define WS_AF_INET          2
#define WS_AF_IMPLINK       3
#define WS_AF_PUP           4
#define WS_AF_CHAOS         5
#define WS_AF_NS            6
#define WS_AF_IPX           WS_AF_NS
#define WS_AF_ISO           7
#define WS_AF_OSI           WS_AF_ISO
#define WS_AF_ECMA          8
#define WS_AF_DATAKIT       9
#define WS_AF_CCITT         10
#define WS_AF_SNA           11
#define WS_AF_DECnet        12
#define WS_AF_DLI           13
#define WS_AF_LAT           14
#define WS_AF_HYLINK        15
#define WS_AF_APPLETALK     16
#define WS_AF_NETBIOS       17
#define WS_AF_VOICEVIEW     18
#define WS_AF_FIREFOX       19
#define WS_AF_UNKNOWN1      20
#define WS_AF_BAN           21
#define WS_AF_ATM           22
#define WS_AF_INET6         23
#define WS_AF_CLUSTER       24
#define WS_AF_12844         25
#define WS_AF_IRDA          26
#define WS_AF_NETDES        28
#define WS_AF_TCNPROCESS    29
#define WS_AF_TCNMESSAGE    30
#define WS_AF_ICLFXBM       31
#define WS_AF_BTH           32
#define WS_AF_LINK          33
#define WS_AF_HYPERV        34
#define WS_AF_MAX           35

/* Protocol families equal the address families. */
#define WS_PF_UNSPEC        WS_AF_UNSPEC
#define WS_PF_UNIX          WS_AF_UNIX
#define WS_PF_INET          WS_AF_INET
#define WS_PF_IMPLINK       WS_AF_IMPLINK
#define WS_PF_PUP           WS_AF_PUP
#define WS_PF_CHAOS         WS_AF_CHAOS
#define WS_PF_NS            WS_AF_NS
#define WS_PF_IPX           WS_AF_IPX
#define WS_PF_ISO           WS_AF_ISO
#define WS_PF_OSI           WS_AF_OSI
#define WS_PF_ECMA          WS_AF_ECMA
#define WS_PF_DATAKIT       WS_AF_DATAKIT
#define WS_PF_CCITT         WS_AF_CCITT
#define WS_PF_SNA           WS_AF_SNA
#define WS_PF_DECnet        WS_AF_DECnet
#define WS_PF_DLI           WS_AF_DLI
#define WS_PF_LAT           WS_AF_LAT
#define WS_PF_HYLINK        WS_AF_HYLINK
#define WS_PF_APPLETALK     WS_AF_APPLETALK
#define WS_PF_NETBIOS       WS_AF_NETBIOS
#define WS_PF_VOICEVIEW     WS_AF_VOICEVIEW
#define WS_PF_FIREFOX       WS_AF_FIREFOX
#define WS_PF_UNKNOWN1      WS_AF_UNKNOWN1
#define WS_PF_BAN           WS_AF_BAN
#define WS_PF_ATM           WS_AF_ATM
#define WS_PF_INET6         WS_AF_INET6
#define WS_PF_IRDA          WS_AF_IRDA
#define WS_PF_BTH           WS_AF_BTH
#define WS_PF_HYPERV        WS_AF_HYPERV
#define WS_PF_MAX           WS_AF_MAX

/* ---- Socket types ---- */
#define WS_SOCK_STREAM      1
#define WS_SOCK_DGRAM       2
#define WS_SOCK_RAW         3
#define WS_SOCK_RDM         4
#define WS_SOCK_SEQPACKET   5

/* ---- Levels ---- */
#define WS_SOL_SOCKET       0xffff
#define WS_SOL_IP           (WS_SOL_SOCKET - 4)   /* 0xfffb */
#define WS_SOL_IPV6         (WS_SOL_SOCKET - 5)   /* 0xfffa */

/* ---- SOL_SOCKET options ---- */
#define WS_SO_DEBUG                 0x0001
#define WS_SO_ACCEPTCONN            0x0002
#define WS_SO_REUSEADDR             0x0004
#define WS_SO_KEEPALIVE             0x0008
#define WS_SO_DONTROUTE             0x0010
#define WS_SO_BROADCAST             0x0020
#define WS_SO_USELOOPBACK           0x0040
#define WS_SO_LINGER                0x0080
#define WS_SO_OOBINLINE             0x0100
#define WS_SO_DONTLINGER            ((int)(~WS_SO_LINGER))      /* -129 */
#define WS_SO_EXCLUSIVEADDRUSE      ((int)(~WS_SO_REUSEADDR))   /* -5 */
#define WS_SO_SNDBUF                0x1001
#define WS_SO_RCVBUF                0x1002
#define WS_SO_SNDLOWAT              0x1003
#define WS_SO_RCVLOWAT              0x1004
#define WS_SO_SNDTIMEO              0x1005
#define WS_SO_RCVTIMEO              0x1006
#define WS_SO_ERROR                 0x1007
#define WS_SO_TYPE                  0x1008
#define WS_SO_BSP_STATE             0x1009
#define WS_SO_GROUP_ID              0x2001
#define WS_SO_GROUP_PRIORITY        0x2002
#define WS_SO_MAX_MSG_SIZE          0x2003
#define WS_SO_CONDITIONAL_ACCEPT    0x3002
#define WS_SO_PAUSE_ACCEPT          0x3003
#define WS_SO_COMPARTMENT_ID        0x3004
#define WS_SO_RANDOMIZE_PORT        0x3005
#define WS_SO_PORT_SCALABILITY      0x3006
#define WS_SO_REUSE_UNICASTPORT     0x3007
#define WS_SO_REUSE_MULTICASTPORT   0x3008
#define WS_SO_ORIGINAL_DST          0x300F

/* ---- IP protocols (Windows IPPROTO enumeration, as macros) ---- */
#define WS_IPPROTO_HOPOPTS      0
#define WS_IPPROTO_IP           0
#define WS_IPPROTO_ICMP         1
#define WS_IPPROTO_IGMP         2
#define WS_IPPROTO_GGP          3
#define WS_IPPROTO_IPV4         4
#define WS_IPPROTO_ST           5
#define WS_IPPROTO_TCP          6
#define WS_IPPROTO_CBT          7
#define WS_IPPROTO_EGP          8
#define WS_IPPROTO_IGP          9
#define WS_IPPROTO_PUP          12
#define WS_IPPROTO_UDP          17
#define WS_IPPROTO_IDP          22
#define WS_IPPROTO_RDP          27
#define WS_IPPROTO_IPV6         41
#define WS_IPPROTO_ROUTING      43
#define WS_IPPROTO_FRAGMENT     44
#define WS_IPPROTO_ESP          50
#define WS_IPPROTO_AH           51
#define WS_IPPROTO_ICMPV6       58
#define WS_IPPROTO_NONE         59
#define WS_IPPROTO_DSTOPTS      60
#define WS_IPPROTO_ND           77
#define WS_IPPROTO_ICLFXBM      78
#define WS_IPPROTO_PIM          103
#define WS_IPPROTO_PGM          113
#define WS_IPPROTO_RM           WS_IPPROTO_PGM
#define WS_IPPROTO_L2TP         115
#define WS_IPPROTO_SCTP         132
#define WS_IPPROTO_RAW          255
#define WS_IPPROTO_MAX          256

/* ---- IPPROTO_TCP options ---- */
#define WS_TCP_NODELAY                      1
#define WS_TCP_EXPEDITED_1122               2
#define WS_TCP_KEEPALIVE                    3
#define WS_TCP_MAXSEG                       4
#define WS_TCP_MAXRT                        5
#define WS_TCP_STDURG                       6
#define WS_TCP_NOURG                        7
#define WS_TCP_ATMARK                       8
#define WS_TCP_NOSYNRETRIES                 9
#define WS_TCP_TIMESTAMPS                   10
#define WS_TCP_OFFLOAD_PREFERENCE           11
#define WS_TCP_CONGESTION_ALGORITHM         12
#define WS_TCP_DELAY_FIN_ACK                13
#define WS_TCP_MAXRTMS                      14
#define WS_TCP_FASTOPEN                     15
#define WS_TCP_KEEPCNT                      16
#define WS_TCP_KEEPIDLE                     WS_TCP_KEEPALIVE
#define WS_TCP_KEEPINTVL                    17
#define WS_TCP_FAIL_CONNECT_ON_ICMP_ERROR   18
#define WS_TCP_ICMP_ERROR_INFO              19
#define WS_TCP_OFFLOAD_NO_PREFERENCE        0
#define WS_TCP_OFFLOAD_NOT_PREFERRED        1
#define WS_TCP_OFFLOAD_PREFERRED            2

/* ---- IPPROTO_UDP options ---- */
#define WS_UDP_NOCHECKSUM                   1
#define WS_UDP_SEND_MSG_SIZE                2
#define WS_UDP_RECV_MAX_COALESCED_SIZE      3
#define WS_UDP_COALESCED_INFO               3
#define WS_UDP_CHECKSUM_COVERAGE            20

/* ---- send/recv flags ---- */
#define WS_MSG_OOB              0x0001
#define WS_MSG_PEEK             0x0002
#define WS_MSG_DONTROUTE        0x0004
#define WS_MSG_WAITALL          0x0008
#define WS_MSG_INTERRUPT        0x0010
#define WS_MSG_PUSH_IMMEDIATE   0x0020
#define WS_MSG_TRUNC            0x0100
#define WS_MSG_CTRUNC           0x0200
#define WS_MSG_BCAST            0x0400
#define WS_MSG_MCAST            0x0800
#define WS_MSG_ERRQUEUE         0x1000
#define WS_MSG_PARTIAL          0x8000
#define WS_MSG_MAXIOVLEN        16

/* ---- IPv4 well-known addresses (host byte order) ---- */
#define WS_INADDR_ANY           0x00000000U
#define WS_INADDR_LOOPBACK      0x7f000001U
#define WS_INADDR_BROADCAST     0xffffffffU
#define WS_INADDR_NONE          0xffffffffU

/* ---- Scope ID ---- */
typedef enum _SCOPE_LEVEL {
    ScopeLevelInterface    = 1,
    ScopeLevelLink         = 2,
    ScopeLevelSubnet       = 3,
    ScopeLevelAdmin        = 4,
    ScopeLevelSite         = 5,
    ScopeLevelOrganization = 8,
    ScopeLevelGlobal       = 14,
    ScopeLevelCount        = 16
} SCOPE_LEVEL;

typedef struct _SCOPE_ID {
    ULONG Value;   /* Zone in bits 0..27, Level in bits 28..31 */
} SCOPE_ID, *PSCOPE_ID;

/* ---- Address structures ---- */
struct WSP_WS(sockaddr) {
    ADDRESS_FAMILY sa_family;
    CHAR           sa_data[14];
};
typedef struct WSP_WS(sockaddr) SOCKADDR, *PSOCKADDR, *LPSOCKADDR;

#define WSP_SS_MAXSIZE      128
#define WSP_SS_ALIGNSIZE    (sizeof(LONGLONG))
struct WSP_WS(sockaddr_storage) {
    ADDRESS_FAMILY ss_family;
    CHAR           __ss_pad1[6];
    LONGLONG       __ss_align;
    CHAR           __ss_pad2[112];
};
typedef struct WSP_WS(sockaddr_storage) SOCKADDR_STORAGE, *PSOCKADDR_STORAGE,
    *LPSOCKADDR_STORAGE;

/*
 * IPv4 address, network byte order.  The Windows S_un union is kept; with the
 * prefix the address is also reachable as the plain member s_addr (glibc's
 * member name, never a macro there); without the prefix s_addr etc. are the
 * usual Windows macros into S_un.
 */
struct WSP_WS(in_addr) {
#ifdef WSP_USE_WS_PREFIX
    WSP_ANONYMOUS union {
#endif
        union {
            struct { UCHAR s_b1, s_b2, s_b3, s_b4; } S_un_b;
            struct { USHORT s_w1, s_w2; } S_un_w;
            ULONG S_addr;
        } S_un;
#ifdef WSP_USE_WS_PREFIX
        ULONG s_addr;
    };
#endif
};
typedef struct WSP_WS(in_addr) IN_ADDR, *PIN_ADDR, *LPIN_ADDR;
#ifndef WSP_USE_WS_PREFIX
# define s_addr   S_un.S_addr
# define s_host   S_un.S_un_b.s_b2
# define s_net    S_un.S_un_b.s_b1
# define s_imp    S_un.S_un_w.s_w2
# define s_impno  S_un.S_un_b.s_b4
# define s_lh     S_un.S_un_b.s_b3
#endif

struct WSP_WS(sockaddr_in) {
    ADDRESS_FAMILY        sin_family;
    USHORT                sin_port;
    struct WSP_WS(in_addr) sin_addr;
    CHAR                  sin_zero[8];
};
typedef struct WSP_WS(sockaddr_in) SOCKADDR_IN, *PSOCKADDR_IN, *LPSOCKADDR_IN;

typedef struct _SOCKET_ADDRESS {
    LPSOCKADDR lpSockaddr;
    INT        iSockaddrLength;
} SOCKET_ADDRESS, *PSOCKET_ADDRESS, *LPSOCKET_ADDRESS;

typedef struct _SOCKET_ADDRESS_LIST {
    INT            iAddressCount;
    SOCKET_ADDRESS Address[1];
} SOCKET_ADDRESS_LIST, *PSOCKET_ADDRESS_LIST, *LPSOCKET_ADDRESS_LIST;

typedef struct _CSADDR_INFO {
    SOCKET_ADDRESS LocalAddr;
    SOCKET_ADDRESS RemoteAddr;
    INT            iSocketType;
    INT            iProtocol;
} CSADDR_INFO, *PCSADDR_INFO, *LPCSADDR_INFO;

/* ---- Buffers and messages ---- */
typedef struct _WSABUF {
    ULONG len;
    CHAR *buf;
} WSABUF, *LPWSABUF;

typedef struct _WSAMSG {
    LPSOCKADDR name;
    INT        namelen;
    LPWSABUF   lpBuffers;
    ULONG      dwBufferCount;
    WSABUF     Control;
    ULONG      dwFlags;
} WSAMSG, *PWSAMSG, *LPWSAMSG;

typedef struct _WSACMSGHDR {
    SIZE_T cmsg_len;
    INT    cmsg_level;
    INT    cmsg_type;
    /* followed by UCHAR cmsg_data[] */
} WSACMSGHDR, *PWSACMSGHDR, *LPWSACMSGHDR;

/* Control-message helpers (Win64: header and data aligned to 8 bytes). */
#define WSP_CMSG_ALIGNMENT              8
#define WSA_CMSGHDR_ALIGN(len)  \
    (((len) + WSP_CMSG_ALIGNMENT - 1) & ~(SIZE_T)(WSP_CMSG_ALIGNMENT - 1))
#define WSA_CMSGDATA_ALIGN(len) \
    (((len) + WSP_CMSG_ALIGNMENT - 1) & ~(SIZE_T)(WSP_CMSG_ALIGNMENT - 1))
#define WSA_CMSG_FIRSTHDR(msg) \
    (((msg)->Control.len >= sizeof(WSACMSGHDR)) \
        ? (LPWSACMSGHDR)(void *)(msg)->Control.buf : (LPWSACMSGHDR)NULL)
#define WSA_CMSG_NXTHDR(msg, cmsg) \
    (((cmsg) == NULL) ? WSA_CMSG_FIRSTHDR(msg) \
     : ((((PUCHAR)(cmsg) + WSA_CMSGHDR_ALIGN((cmsg)->cmsg_len) + sizeof(WSACMSGHDR)) \
         > (PUCHAR)((msg)->Control.buf) + (msg)->Control.len) \
        ? (LPWSACMSGHDR)NULL \
        : (LPWSACMSGHDR)(void *)((PUCHAR)(cmsg) + WSA_CMSGHDR_ALIGN((cmsg)->cmsg_len))))
#define WSA_CMSG_DATA(cmsg)     ((PUCHAR)(cmsg) + WSA_CMSGDATA_ALIGN(sizeof(WSACMSGHDR)))
#define WSA_CMSG_SPACE(len)     (WSA_CMSGDATA_ALIGN(sizeof(WSACMSGHDR) + WSA_CMSGHDR_ALIGN(len)))
#define WSA_CMSG_LEN(len)       (WSA_CMSGDATA_ALIGN(sizeof(WSACMSGHDR)) + (len))

/* ---- Address information (getaddrinfo, "addrinfoa structure (ws2def.h)") ----
 * Windows order: ai_canonname comes before ai_addr (glibc has them the other
 * way round); ai_addrlen is a size_t.  Win64 offsets 0,4,8,12,16,24,32,40. */
struct WSP_WS(addrinfo) {
    int                     ai_flags;
    int                     ai_family;      /* Windows AF_* (AF_INET6 = 23) */
    int                     ai_socktype;
    int                     ai_protocol;
    size_t                  ai_addrlen;
    char                   *ai_canonname;
    struct WSP_WS(sockaddr) *ai_addr;
    struct WSP_WS(addrinfo) *ai_next;
};
typedef struct WSP_WS(addrinfo) ADDRINFOA, *PADDRINFOA, ADDRINFO, *LPADDRINFO;

/* "addrinfow structure (ws2def.h)": the same with a UTF-16 canonical name. */
typedef struct addrinfoW {
    int                     ai_flags;
    int                     ai_family;
    int                     ai_socktype;
    int                     ai_protocol;
    size_t                  ai_addrlen;
    PWSTR                   ai_canonname;
    struct WSP_WS(sockaddr) *ai_addr;
    struct addrinfoW       *ai_next;
} ADDRINFOW, *PADDRINFOW;

/* ai_flags ("getaddrinfo function", ws2def.h values; glibc's differ from
 * AI_NUMERICSERV on). */
#define WS_AI_PASSIVE                   0x00000001
#define WS_AI_CANONNAME                 0x00000002
#define WS_AI_NUMERICHOST               0x00000004
#define WS_AI_NUMERICSERV               0x00000008
#define WS_AI_DNS_ONLY                  0x00000010
#define WS_AI_ALL                       0x00000100
#define WS_AI_ADDRCONFIG                0x00000400
#define WS_AI_V4MAPPED                  0x00000800
#define WS_AI_NON_AUTHORITATIVE         0x00004000
#define WS_AI_SECURE                    0x00008000
#define WS_AI_RETURN_PREFERRED_NAMES    0x00010000
#define WS_AI_FQDN                      0x00020000
#define WS_AI_FILESERVER                0x00040000
#define WS_AI_DISABLE_IDN_ENCODING      0x00080000

/* getnameinfo flags and buffer sizes ("getnameinfo function"; glibc's
 * NI_* bits are in another order). */
#define WS_NI_NOFQDN                    0x01
#define WS_NI_NUMERICHOST               0x02
#define WS_NI_NAMEREQD                  0x04
#define WS_NI_NUMERICSERV               0x08
#define WS_NI_DGRAM                     0x10
#define WS_NI_MAXHOST                   1025
#define WS_NI_MAXSERV                   32

/* Plain (unprefixed) spellings of the WS_ constants above; not defined
 * in prefix mode, where they would clash with glibc. */
#ifndef WSP_USE_WS_PREFIX
#define AF_UNSPEC                       WS_AF_UNSPEC
#define AF_UNIX                         WS_AF_UNIX
#define AF_INET                         WS_AF_INET
#define AF_IMPLINK                      WS_AF_IMPLINK
#define AF_PUP                          WS_AF_PUP
#define AF_CHAOS                        WS_AF_CHAOS
#define AF_NS                           WS_AF_NS
#define AF_IPX                          WS_AF_IPX
#define AF_ISO                          WS_AF_ISO
#define AF_OSI                          WS_AF_OSI
#define AF_ECMA                         WS_AF_ECMA
#define AF_DATAKIT                      WS_AF_DATAKIT
#define AF_CCITT                        WS_AF_CCITT
#define AF_SNA                          WS_AF_SNA
#define AF_DECnet                       WS_AF_DECnet
#define AF_DLI                          WS_AF_DLI
#define AF_LAT                          WS_AF_LAT
#define AF_HYLINK                       WS_AF_HYLINK
#define AF_APPLETALK                    WS_AF_APPLETALK
#define AF_NETBIOS                      WS_AF_NETBIOS
#define AF_VOICEVIEW                    WS_AF_VOICEVIEW
#define AF_FIREFOX                      WS_AF_FIREFOX
#define AF_UNKNOWN1                     WS_AF_UNKNOWN1
#define AF_BAN                          WS_AF_BAN
#define AF_ATM                          WS_AF_ATM
#define AF_INET6                        WS_AF_INET6
#define AF_CLUSTER                      WS_AF_CLUSTER
#define AF_12844                        WS_AF_12844
#define AF_IRDA                         WS_AF_IRDA
#define AF_NETDES                       WS_AF_NETDES
#define AF_TCNPROCESS                   WS_AF_TCNPROCESS
#define AF_TCNMESSAGE                   WS_AF_TCNMESSAGE
#define AF_ICLFXBM                      WS_AF_ICLFXBM
#define AF_BTH                          WS_AF_BTH
#define AF_LINK                         WS_AF_LINK
#define AF_HYPERV                       WS_AF_HYPERV
#define AF_MAX                          WS_AF_MAX
#define PF_UNSPEC                       WS_PF_UNSPEC
#define PF_UNIX                         WS_PF_UNIX
#define PF_INET                         WS_PF_INET
#define PF_IMPLINK                      WS_PF_IMPLINK
#define PF_PUP                          WS_PF_PUP
#define PF_CHAOS                        WS_PF_CHAOS
#define PF_NS                           WS_PF_NS
#define PF_IPX                          WS_PF_IPX
#define PF_ISO                          WS_PF_ISO
#define PF_OSI                          WS_PF_OSI
#define PF_ECMA                         WS_PF_ECMA
#define PF_DATAKIT                      WS_PF_DATAKIT
#define PF_CCITT                        WS_PF_CCITT
#define PF_SNA                          WS_PF_SNA
#define PF_DECnet                       WS_PF_DECnet
#define PF_DLI                          WS_PF_DLI
#define PF_LAT                          WS_PF_LAT
#define PF_HYLINK                       WS_PF_HYLINK
#define PF_APPLETALK                    WS_PF_APPLETALK
#define PF_NETBIOS                      WS_PF_NETBIOS
#define PF_VOICEVIEW                    WS_PF_VOICEVIEW
#define PF_FIREFOX                      WS_PF_FIREFOX
#define PF_UNKNOWN1                     WS_PF_UNKNOWN1
#define PF_BAN                          WS_PF_BAN
#define PF_ATM                          WS_PF_ATM
#define PF_INET6                        WS_PF_INET6
#define PF_IRDA                         WS_PF_IRDA
#define PF_BTH                          WS_PF_BTH
#define PF_HYPERV                       WS_PF_HYPERV
#define PF_MAX                          WS_PF_MAX
#define SOCK_STREAM                     WS_SOCK_STREAM
#define SOCK_DGRAM                      WS_SOCK_DGRAM
#define SOCK_RAW                        WS_SOCK_RAW
#define SOCK_RDM                        WS_SOCK_RDM
#define SOCK_SEQPACKET                  WS_SOCK_SEQPACKET
#define SOL_SOCKET                      WS_SOL_SOCKET
#define SOL_IP                          WS_SOL_IP
#define SOL_IPV6                        WS_SOL_IPV6
#define SO_DEBUG                        WS_SO_DEBUG
#define SO_ACCEPTCONN                   WS_SO_ACCEPTCONN
#define SO_REUSEADDR                    WS_SO_REUSEADDR
#define SO_KEEPALIVE                    WS_SO_KEEPALIVE
#define SO_DONTROUTE                    WS_SO_DONTROUTE
#define SO_BROADCAST                    WS_SO_BROADCAST
#define SO_USELOOPBACK                  WS_SO_USELOOPBACK
#define SO_LINGER                       WS_SO_LINGER
#define SO_OOBINLINE                    WS_SO_OOBINLINE
#define SO_DONTLINGER                   WS_SO_DONTLINGER
#define SO_EXCLUSIVEADDRUSE             WS_SO_EXCLUSIVEADDRUSE
#define SO_SNDBUF                       WS_SO_SNDBUF
#define SO_RCVBUF                       WS_SO_RCVBUF
#define SO_SNDLOWAT                     WS_SO_SNDLOWAT
#define SO_RCVLOWAT                     WS_SO_RCVLOWAT
#define SO_SNDTIMEO                     WS_SO_SNDTIMEO
#define SO_RCVTIMEO                     WS_SO_RCVTIMEO
#define SO_ERROR                        WS_SO_ERROR
#define SO_TYPE                         WS_SO_TYPE
#define SO_BSP_STATE                    WS_SO_BSP_STATE
#define SO_GROUP_ID                     WS_SO_GROUP_ID
#define SO_GROUP_PRIORITY               WS_SO_GROUP_PRIORITY
#define SO_MAX_MSG_SIZE                 WS_SO_MAX_MSG_SIZE
#define SO_CONDITIONAL_ACCEPT           WS_SO_CONDITIONAL_ACCEPT
#define SO_PAUSE_ACCEPT                 WS_SO_PAUSE_ACCEPT
#define SO_COMPARTMENT_ID               WS_SO_COMPARTMENT_ID
#define SO_RANDOMIZE_PORT               WS_SO_RANDOMIZE_PORT
#define SO_PORT_SCALABILITY             WS_SO_PORT_SCALABILITY
#define SO_REUSE_UNICASTPORT            WS_SO_REUSE_UNICASTPORT
#define SO_REUSE_MULTICASTPORT          WS_SO_REUSE_MULTICASTPORT
#define SO_ORIGINAL_DST                 WS_SO_ORIGINAL_DST
#define IPPROTO_HOPOPTS                 WS_IPPROTO_HOPOPTS
#define IPPROTO_IP                      WS_IPPROTO_IP
#define IPPROTO_ICMP                    WS_IPPROTO_ICMP
#define IPPROTO_IGMP                    WS_IPPROTO_IGMP
#define IPPROTO_GGP                     WS_IPPROTO_GGP
#define IPPROTO_IPV4                    WS_IPPROTO_IPV4
#define IPPROTO_ST                      WS_IPPROTO_ST
#define IPPROTO_TCP                     WS_IPPROTO_TCP
#define IPPROTO_CBT                     WS_IPPROTO_CBT
#define IPPROTO_EGP                     WS_IPPROTO_EGP
#define IPPROTO_IGP                     WS_IPPROTO_IGP
#define IPPROTO_PUP                     WS_IPPROTO_PUP
#define IPPROTO_UDP                     WS_IPPROTO_UDP
#define IPPROTO_IDP                     WS_IPPROTO_IDP
#define IPPROTO_RDP                     WS_IPPROTO_RDP
#define IPPROTO_IPV6                    WS_IPPROTO_IPV6
#define IPPROTO_ROUTING                 WS_IPPROTO_ROUTING
#define IPPROTO_FRAGMENT                WS_IPPROTO_FRAGMENT
#define IPPROTO_ESP                     WS_IPPROTO_ESP
#define IPPROTO_AH                      WS_IPPROTO_AH
#define IPPROTO_ICMPV6                  WS_IPPROTO_ICMPV6
#define IPPROTO_NONE                    WS_IPPROTO_NONE
#define IPPROTO_DSTOPTS                 WS_IPPROTO_DSTOPTS
#define IPPROTO_ND                      WS_IPPROTO_ND
#define IPPROTO_ICLFXBM                 WS_IPPROTO_ICLFXBM
#define IPPROTO_PIM                     WS_IPPROTO_PIM
#define IPPROTO_PGM                     WS_IPPROTO_PGM
#define IPPROTO_RM                      WS_IPPROTO_RM
#define IPPROTO_L2TP                    WS_IPPROTO_L2TP
#define IPPROTO_SCTP                    WS_IPPROTO_SCTP
#define IPPROTO_RAW                     WS_IPPROTO_RAW
#define IPPROTO_MAX                     WS_IPPROTO_MAX
#define TCP_NODELAY                     WS_TCP_NODELAY
#define TCP_EXPEDITED_1122              WS_TCP_EXPEDITED_1122
#define TCP_KEEPALIVE                   WS_TCP_KEEPALIVE
#define TCP_MAXSEG                      WS_TCP_MAXSEG
#define TCP_MAXRT                       WS_TCP_MAXRT
#define TCP_STDURG                      WS_TCP_STDURG
#define TCP_NOURG                       WS_TCP_NOURG
#define TCP_ATMARK                      WS_TCP_ATMARK
#define TCP_NOSYNRETRIES                WS_TCP_NOSYNRETRIES
#define TCP_TIMESTAMPS                  WS_TCP_TIMESTAMPS
#define TCP_OFFLOAD_PREFERENCE          WS_TCP_OFFLOAD_PREFERENCE
#define TCP_CONGESTION_ALGORITHM        WS_TCP_CONGESTION_ALGORITHM
#define TCP_DELAY_FIN_ACK               WS_TCP_DELAY_FIN_ACK
#define TCP_MAXRTMS                     WS_TCP_MAXRTMS
#define TCP_FASTOPEN                    WS_TCP_FASTOPEN
#define TCP_KEEPCNT                     WS_TCP_KEEPCNT
#define TCP_KEEPIDLE                    WS_TCP_KEEPIDLE
#define TCP_KEEPINTVL                   WS_TCP_KEEPINTVL
#define TCP_FAIL_CONNECT_ON_ICMP_ERROR  WS_TCP_FAIL_CONNECT_ON_ICMP_ERROR
#define TCP_ICMP_ERROR_INFO             WS_TCP_ICMP_ERROR_INFO
#define TCP_OFFLOAD_NO_PREFERENCE       WS_TCP_OFFLOAD_NO_PREFERENCE
#define TCP_OFFLOAD_NOT_PREFERRED       WS_TCP_OFFLOAD_NOT_PREFERRED
#define TCP_OFFLOAD_PREFERRED           WS_TCP_OFFLOAD_PREFERRED
#define UDP_NOCHECKSUM                  WS_UDP_NOCHECKSUM
#define UDP_SEND_MSG_SIZE               WS_UDP_SEND_MSG_SIZE
#define UDP_RECV_MAX_COALESCED_SIZE     WS_UDP_RECV_MAX_COALESCED_SIZE
#define UDP_COALESCED_INFO              WS_UDP_COALESCED_INFO
#define UDP_CHECKSUM_COVERAGE           WS_UDP_CHECKSUM_COVERAGE
#define MSG_OOB                         WS_MSG_OOB
#define MSG_PEEK                        WS_MSG_PEEK
#define MSG_DONTROUTE                   WS_MSG_DONTROUTE
#define MSG_WAITALL                     WS_MSG_WAITALL
#define MSG_INTERRUPT                   WS_MSG_INTERRUPT
#define MSG_PUSH_IMMEDIATE              WS_MSG_PUSH_IMMEDIATE
#define MSG_TRUNC                       WS_MSG_TRUNC
#define MSG_CTRUNC                      WS_MSG_CTRUNC
#define MSG_BCAST                       WS_MSG_BCAST
#define MSG_MCAST                       WS_MSG_MCAST
#define MSG_ERRQUEUE                    WS_MSG_ERRQUEUE
#define MSG_PARTIAL                     WS_MSG_PARTIAL
#define MSG_MAXIOVLEN                   WS_MSG_MAXIOVLEN
#define INADDR_ANY                      WS_INADDR_ANY
#define INADDR_LOOPBACK                 WS_INADDR_LOOPBACK
#define INADDR_BROADCAST                WS_INADDR_BROADCAST
#define INADDR_NONE                     WS_INADDR_NONE
#define AI_PASSIVE                      WS_AI_PASSIVE
#define AI_CANONNAME                    WS_AI_CANONNAME
#define AI_NUMERICHOST                  WS_AI_NUMERICHOST
#define AI_NUMERICSERV                  WS_AI_NUMERICSERV
#define AI_DNS_ONLY                     WS_AI_DNS_ONLY
#define AI_ALL                          WS_AI_ALL
#define AI_ADDRCONFIG                   WS_AI_ADDRCONFIG
#define AI_V4MAPPED                     WS_AI_V4MAPPED
#define AI_NON_AUTHORITATIVE            WS_AI_NON_AUTHORITATIVE
#define AI_SECURE                       WS_AI_SECURE
#define AI_RETURN_PREFERRED_NAMES       WS_AI_RETURN_PREFERRED_NAMES
#define AI_FQDN                         WS_AI_FQDN
#define AI_FILESERVER                   WS_AI_FILESERVER
#define AI_DISABLE_IDN_ENCODING         WS_AI_DISABLE_IDN_ENCODING
#define NI_NOFQDN                       WS_NI_NOFQDN
#define NI_NUMERICHOST                  WS_NI_NUMERICHOST
#define NI_NAMEREQD                     WS_NI_NAMEREQD
#define NI_NUMERICSERV                  WS_NI_NUMERICSERV
#define NI_DGRAM                        WS_NI_DGRAM
#define NI_MAXHOST                      WS_NI_MAXHOST
#define NI_MAXSERV                      WS_NI_MAXSERV
#endif /* !WSP_USE_WS_PREFIX */

#endif /* WSP_WS2DEF_H */

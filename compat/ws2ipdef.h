/*
 * ws2ipdef.h - Windows IPv4/IPv6 definitions for wspshim on Linux:
 * IPPROTO_IP / IPPROTO_IPV6 option names (Winsock 2 values, not the old
 * Winsock 1.1 ones), MCAST_* numbers, in6_addr, sockaddr_in6, multicast
 * request structures, packet-info structures, PMTUD_STATE.
 *
 * Prefix mode: with WSP_USE_WS_PREFIX defined before inclusion, the
 * constants exist only as WS_IP_*, WS_IPV6_*, WS_MCAST_*, and the struct tags
 * are struct WS_in6_addr, WS_sockaddr_in6, WS_ip_mreq, WS_ip_mreq_source,
 * WS_ipv6_mreq, WS_in_pktinfo, WS_in6_pktinfo, WS_group_req,
 * WS_group_source_req; no member-name macros (s6_addr, ...) are defined.
 * Without the prefix both the WS_ and the plain spellings exist.
 * Windows-only names (IN6_ADDR, SOCKADDR_IN6, IP_MREQ, IN_PKTINFO,
 * PROTECTION_LEVEL_*, ...) are never prefixed.
 */
#ifndef WSP_WS2IPDEF_H
#define WSP_WS2IPDEF_H

#include "wsp_windef.h"
#include "ws2def.h"

/* ---- IPPROTO_IP options ---- */
#define WS_IP_OPTIONS                   1
#define WS_IP_HDRINCL                   2
#define WS_IP_TOS                       3
#define WS_IP_TTL                       4
#define WS_IP_MULTICAST_IF              9
#define WS_IP_MULTICAST_TTL             10
#define WS_IP_MULTICAST_LOOP            11
#define WS_IP_ADD_MEMBERSHIP            12
#define WS_IP_DROP_MEMBERSHIP           13
#define WS_IP_DONTFRAGMENT              14
#define WS_IP_ADD_SOURCE_MEMBERSHIP     15
#define WS_IP_DROP_SOURCE_MEMBERSHIP    16
#define WS_IP_BLOCK_SOURCE              17
#define WS_IP_UNBLOCK_SOURCE            18
#define WS_IP_PKTINFO                   19
#define WS_IP_HOPLIMIT                  21
#define WS_IP_RECVTTL                   21
#define WS_IP_RECEIVE_BROADCAST         22
#define WS_IP_PROTECTION_LEVEL          23
#define WS_IP_RECVIF                    24
#define WS_IP_RECVDSTADDR               25
#define WS_IP_IFLIST                    28
#define WS_IP_ADD_IFLIST                29
#define WS_IP_DEL_IFLIST                30
#define WS_IP_UNICAST_IF                31
#define WS_IP_RTHDR                     32
#define WS_IP_GET_IFLIST                33
#define WS_IP_RECVRTHDR                 38
#define WS_IP_TCLASS                    39
#define WS_IP_RECVTCLASS                40
#define WS_IP_RECVTOS                   40
#define WS_IP_ORIGINAL_ARRIVAL_IF       47
#define WS_IP_ECN                       50
#define WS_IP_RECVECN                   50
#define WS_IP_PKTINFO_EX                51
#define WS_IP_WFP_REDIRECT_RECORDS      60
#define WS_IP_WFP_REDIRECT_CONTEXT      70
#define WS_IP_MTU_DISCOVER              71
#define WS_IP_MTU                       73
#define WS_IP_NRT_INTERFACE             74
#define WS_IP_RECVERR                   75
#define WS_IP_USER_MTU                  76

#define WS_IP_UNSPECIFIED_TYPE_OF_SERVICE   (-1)
#define WS_IP_UNSPECIFIED_USER_MTU          0xffffffffU

/* ---- IPPROTO_IPV6 options ---- */
#define WS_IPV6_HOPOPTS                 1
#define WS_IPV6_HDRINCL                 2
#define WS_IPV6_UNICAST_HOPS            4
#define WS_IPV6_MULTICAST_IF            9
#define WS_IPV6_MULTICAST_HOPS          10
#define WS_IPV6_MULTICAST_LOOP          11
#define WS_IPV6_ADD_MEMBERSHIP          12
#define WS_IPV6_JOIN_GROUP              WS_IPV6_ADD_MEMBERSHIP
#define WS_IPV6_DROP_MEMBERSHIP         13
#define WS_IPV6_LEAVE_GROUP             WS_IPV6_DROP_MEMBERSHIP
#define WS_IPV6_DONTFRAG                14
#define WS_IPV6_PKTINFO                 19
#define WS_IPV6_HOPLIMIT                21
#define WS_IPV6_PROTECTION_LEVEL        23
#define WS_IPV6_RECVIF                  24
#define WS_IPV6_RECVDSTADDR             25
#define WS_IPV6_CHECKSUM                26
#define WS_IPV6_V6ONLY                  27
#define WS_IPV6_IFLIST                  28
#define WS_IPV6_ADD_IFLIST              29
#define WS_IPV6_DEL_IFLIST              30
#define WS_IPV6_UNICAST_IF              31
#define WS_IPV6_RTHDR                   32
#define WS_IPV6_GET_IFLIST              33
#define WS_IPV6_RECVRTHDR               38
#define WS_IPV6_TCLASS                  39
#define WS_IPV6_RECVTCLASS              40
#define WS_IPV6_ECN                     50
#define WS_IPV6_RECVECN                 50
#define WS_IPV6_PKTINFO_EX              51
#define WS_IPV6_WFP_REDIRECT_RECORDS    60
#define WS_IPV6_WFP_REDIRECT_CONTEXT    70
#define WS_IPV6_MTU_DISCOVER            71
#define WS_IPV6_MTU                     72
#define WS_IPV6_NRT_INTERFACE           74
#define WS_IPV6_RECVERR                 75
#define WS_IPV6_USER_MTU                76

#define WS_IPV6_UNSPECIFIED_HOP_LIMIT   (-1)

/* ---- Protocol-independent multicast (RFC 3678), Windows numbering ---- */
#define WS_MCAST_JOIN_GROUP             41
#define WS_MCAST_LEAVE_GROUP            42
#define WS_MCAST_BLOCK_SOURCE           43
#define WS_MCAST_UNBLOCK_SOURCE         44
#define WS_MCAST_JOIN_SOURCE_GROUP      45
#define WS_MCAST_LEAVE_SOURCE_GROUP     46

typedef enum {
    WSP_WS(MCAST_INCLUDE) = 0,
    WSP_WS(MCAST_EXCLUDE)
} MULTICAST_MODE_TYPE;

/* ---- IPV6_PROTECTION_LEVEL values ---- */
#define PROTECTION_LEVEL_UNRESTRICTED       10
#define PROTECTION_LEVEL_EDGERESTRICTED     20
#define PROTECTION_LEVEL_RESTRICTED         30
#define PROTECTION_LEVEL_DEFAULT            ((UINT)-1)

/* ---- IP_MTU_DISCOVER / IPV6_MTU_DISCOVER values ---- */
typedef enum _PMTUD_STATE {
    WSP_WS(IP_PMTUDISC_NOT_SET) = 0,
    WSP_WS(IP_PMTUDISC_DO)      = 1,
    WSP_WS(IP_PMTUDISC_DONT)    = 2,
    WSP_WS(IP_PMTUDISC_PROBE)   = 3,
    WSP_WS(IP_PMTUDISC_MAX)     = 4
} PMTUD_STATE, *PPMTUD_STATE;

/* ---- IPv6 address: 16 bytes, network byte order ---- */
struct WSP_WS(in6_addr) {
    union {
        UCHAR  Byte[16];
        USHORT Word[8];
    } u;
};
typedef struct WSP_WS(in6_addr) IN6_ADDR, *PIN6_ADDR, *LPIN6_ADDR;
#ifndef WSP_USE_WS_PREFIX
# define s6_addr    u.Byte
# define s6_bytes   u.Byte
# define s6_words   u.Word
#endif

struct WSP_WS(sockaddr_in6) {
    ADDRESS_FAMILY          sin6_family;
    USHORT                  sin6_port;
    ULONG                   sin6_flowinfo;
    struct WSP_WS(in6_addr) sin6_addr;
    ULONG                   sin6_scope_id;
};
typedef struct WSP_WS(sockaddr_in6) SOCKADDR_IN6, *PSOCKADDR_IN6,
    *LPSOCKADDR_IN6;

/* Port of an IPv4 or IPv6 socket address (network byte order): sin_port and
 * sin6_port sit at the same offset (doc sockaddr, Winsock). */
#define SS_PORT(ssp) (((PSOCKADDR_IN)(ssp))->sin_port)

/* IN6ADDR_* (doc "IN6ADDR_SETANY function (ws2ipdef.h)" and its siblings):
 * fill or test a whole SOCKADDR_IN6; the SET forms zero port, flow
 * information and scope, as the Windows inline functions do. */
static inline BOOLEAN IN6ADDR_ISANY(CONST SOCKADDR_IN6 *a)
{
    int i;
    for (i = 0; i < 16; i++)
        if (a->sin6_addr.u.Byte[i] != 0)
            return FALSE;
    return a->sin6_family == WS_AF_INET6;
}
static inline BOOLEAN IN6ADDR_ISLOOPBACK(CONST SOCKADDR_IN6 *a)
{
    int i;
    for (i = 0; i < 15; i++)
        if (a->sin6_addr.u.Byte[i] != 0)
            return FALSE;
    return a->sin6_family == WS_AF_INET6 && a->sin6_addr.u.Byte[15] == 1;
}
static inline VOID IN6ADDR_SETANY(PSOCKADDR_IN6 a)
{
    int i;
    a->sin6_family = WS_AF_INET6;
    a->sin6_port = 0;
    a->sin6_flowinfo = 0;
    for (i = 0; i < 16; i++)
        a->sin6_addr.u.Byte[i] = 0;
    a->sin6_scope_id = 0;
}
static inline VOID IN6ADDR_SETLOOPBACK(PSOCKADDR_IN6 a)
{
    IN6ADDR_SETANY(a);
    a->sin6_addr.u.Byte[15] = 1;
}

/* ---- Multicast requests ---- */
struct WSP_WS(ip_mreq) {
    struct WSP_WS(in_addr) imr_multiaddr;
    struct WSP_WS(in_addr) imr_interface;
};
typedef struct WSP_WS(ip_mreq) IP_MREQ, *PIP_MREQ;

/* Windows order: multicast group, source, interface (Linux differs). */
struct WSP_WS(ip_mreq_source) {
    struct WSP_WS(in_addr) imr_multiaddr;
    struct WSP_WS(in_addr) imr_sourceaddr;
    struct WSP_WS(in_addr) imr_interface;
};
typedef struct WSP_WS(ip_mreq_source) IP_MREQ_SOURCE, *PIP_MREQ_SOURCE;

struct WSP_WS(ipv6_mreq) {
    struct WSP_WS(in6_addr) ipv6mr_multiaddr;
    ULONG                   ipv6mr_interface;
};
typedef struct WSP_WS(ipv6_mreq) IPV6_MREQ, *PIPV6_MREQ;

struct WSP_WS(group_req) {
    ULONG                           gr_interface;
    struct WSP_WS(sockaddr_storage) gr_group;
};
typedef struct WSP_WS(group_req) GROUP_REQ, *PGROUP_REQ;

struct WSP_WS(group_source_req) {
    ULONG                           gsr_interface;
    struct WSP_WS(sockaddr_storage) gsr_group;
    struct WSP_WS(sockaddr_storage) gsr_source;
};
typedef struct WSP_WS(group_source_req) GROUP_SOURCE_REQ, *PGROUP_SOURCE_REQ;

/* ---- Packet information (IP_PKTINFO / IPV6_PKTINFO control data) ---- */
struct WSP_WS(in_pktinfo) {
    IN_ADDR ipi_addr;
    ULONG   ipi_ifindex;
};
typedef struct WSP_WS(in_pktinfo) IN_PKTINFO, *PIN_PKTINFO;

struct WSP_WS(in6_pktinfo) {
    IN6_ADDR ipi6_addr;
    ULONG    ipi6_ifindex;
};
typedef struct WSP_WS(in6_pktinfo) IN6_PKTINFO, *PIN6_PKTINFO;

/* Plain (unprefixed) spellings of the WS_ constants above; not defined
 * in prefix mode, where they would clash with glibc. */
#ifndef WSP_USE_WS_PREFIX
#define IP_OPTIONS                      WS_IP_OPTIONS
#define IP_HDRINCL                      WS_IP_HDRINCL
#define IP_TOS                          WS_IP_TOS
#define IP_TTL                          WS_IP_TTL
#define IP_MULTICAST_IF                 WS_IP_MULTICAST_IF
#define IP_MULTICAST_TTL                WS_IP_MULTICAST_TTL
#define IP_MULTICAST_LOOP               WS_IP_MULTICAST_LOOP
#define IP_ADD_MEMBERSHIP               WS_IP_ADD_MEMBERSHIP
#define IP_DROP_MEMBERSHIP              WS_IP_DROP_MEMBERSHIP
#define IP_DONTFRAGMENT                 WS_IP_DONTFRAGMENT
#define IP_ADD_SOURCE_MEMBERSHIP        WS_IP_ADD_SOURCE_MEMBERSHIP
#define IP_DROP_SOURCE_MEMBERSHIP       WS_IP_DROP_SOURCE_MEMBERSHIP
#define IP_BLOCK_SOURCE                 WS_IP_BLOCK_SOURCE
#define IP_UNBLOCK_SOURCE               WS_IP_UNBLOCK_SOURCE
#define IP_PKTINFO                      WS_IP_PKTINFO
#define IP_HOPLIMIT                     WS_IP_HOPLIMIT
#define IP_RECVTTL                      WS_IP_RECVTTL
#define IP_RECEIVE_BROADCAST            WS_IP_RECEIVE_BROADCAST
#define IP_PROTECTION_LEVEL             WS_IP_PROTECTION_LEVEL
#define IP_RECVIF                       WS_IP_RECVIF
#define IP_RECVDSTADDR                  WS_IP_RECVDSTADDR
#define IP_IFLIST                       WS_IP_IFLIST
#define IP_ADD_IFLIST                   WS_IP_ADD_IFLIST
#define IP_DEL_IFLIST                   WS_IP_DEL_IFLIST
#define IP_UNICAST_IF                   WS_IP_UNICAST_IF
#define IP_RTHDR                        WS_IP_RTHDR
#define IP_GET_IFLIST                   WS_IP_GET_IFLIST
#define IP_RECVRTHDR                    WS_IP_RECVRTHDR
#define IP_TCLASS                       WS_IP_TCLASS
#define IP_RECVTCLASS                   WS_IP_RECVTCLASS
#define IP_RECVTOS                      WS_IP_RECVTOS
#define IP_ORIGINAL_ARRIVAL_IF          WS_IP_ORIGINAL_ARRIVAL_IF
#define IP_ECN                          WS_IP_ECN
#define IP_RECVECN                      WS_IP_RECVECN
#define IP_PKTINFO_EX                   WS_IP_PKTINFO_EX
#define IP_WFP_REDIRECT_RECORDS         WS_IP_WFP_REDIRECT_RECORDS
#define IP_WFP_REDIRECT_CONTEXT         WS_IP_WFP_REDIRECT_CONTEXT
#define IP_MTU_DISCOVER                 WS_IP_MTU_DISCOVER
#define IP_MTU                          WS_IP_MTU
#define IP_NRT_INTERFACE                WS_IP_NRT_INTERFACE
#define IP_RECVERR                      WS_IP_RECVERR
#define IP_USER_MTU                     WS_IP_USER_MTU
#define IP_UNSPECIFIED_TYPE_OF_SERVICE  WS_IP_UNSPECIFIED_TYPE_OF_SERVICE
#define IP_UNSPECIFIED_USER_MTU         WS_IP_UNSPECIFIED_USER_MTU
#define IPV6_HOPOPTS                    WS_IPV6_HOPOPTS
#define IPV6_HDRINCL                    WS_IPV6_HDRINCL
#define IPV6_UNICAST_HOPS               WS_IPV6_UNICAST_HOPS
#define IPV6_MULTICAST_IF               WS_IPV6_MULTICAST_IF
#define IPV6_MULTICAST_HOPS             WS_IPV6_MULTICAST_HOPS
#define IPV6_MULTICAST_LOOP             WS_IPV6_MULTICAST_LOOP
#define IPV6_ADD_MEMBERSHIP             WS_IPV6_ADD_MEMBERSHIP
#define IPV6_JOIN_GROUP                 WS_IPV6_JOIN_GROUP
#define IPV6_DROP_MEMBERSHIP            WS_IPV6_DROP_MEMBERSHIP
#define IPV6_LEAVE_GROUP                WS_IPV6_LEAVE_GROUP
#define IPV6_DONTFRAG                   WS_IPV6_DONTFRAG
#define IPV6_PKTINFO                    WS_IPV6_PKTINFO
#define IPV6_HOPLIMIT                   WS_IPV6_HOPLIMIT
#define IPV6_PROTECTION_LEVEL           WS_IPV6_PROTECTION_LEVEL
#define IPV6_RECVIF                     WS_IPV6_RECVIF
#define IPV6_RECVDSTADDR                WS_IPV6_RECVDSTADDR
#define IPV6_CHECKSUM                   WS_IPV6_CHECKSUM
#define IPV6_V6ONLY                     WS_IPV6_V6ONLY
#define IPV6_IFLIST                     WS_IPV6_IFLIST
#define IPV6_ADD_IFLIST                 WS_IPV6_ADD_IFLIST
#define IPV6_DEL_IFLIST                 WS_IPV6_DEL_IFLIST
#define IPV6_UNICAST_IF                 WS_IPV6_UNICAST_IF
#define IPV6_RTHDR                      WS_IPV6_RTHDR
#define IPV6_GET_IFLIST                 WS_IPV6_GET_IFLIST
#define IPV6_RECVRTHDR                  WS_IPV6_RECVRTHDR
#define IPV6_TCLASS                     WS_IPV6_TCLASS
#define IPV6_RECVTCLASS                 WS_IPV6_RECVTCLASS
#define IPV6_ECN                        WS_IPV6_ECN
#define IPV6_RECVECN                    WS_IPV6_RECVECN
#define IPV6_PKTINFO_EX                 WS_IPV6_PKTINFO_EX
#define IPV6_WFP_REDIRECT_RECORDS       WS_IPV6_WFP_REDIRECT_RECORDS
#define IPV6_WFP_REDIRECT_CONTEXT       WS_IPV6_WFP_REDIRECT_CONTEXT
#define IPV6_MTU_DISCOVER               WS_IPV6_MTU_DISCOVER
#define IPV6_MTU                        WS_IPV6_MTU
#define IPV6_NRT_INTERFACE              WS_IPV6_NRT_INTERFACE
#define IPV6_RECVERR                    WS_IPV6_RECVERR
#define IPV6_USER_MTU                   WS_IPV6_USER_MTU
#define IPV6_UNSPECIFIED_HOP_LIMIT      WS_IPV6_UNSPECIFIED_HOP_LIMIT
#define MCAST_JOIN_GROUP                WS_MCAST_JOIN_GROUP
#define MCAST_LEAVE_GROUP               WS_MCAST_LEAVE_GROUP
#define MCAST_BLOCK_SOURCE              WS_MCAST_BLOCK_SOURCE
#define MCAST_UNBLOCK_SOURCE            WS_MCAST_UNBLOCK_SOURCE
#define MCAST_JOIN_SOURCE_GROUP         WS_MCAST_JOIN_SOURCE_GROUP
#define MCAST_LEAVE_SOURCE_GROUP        WS_MCAST_LEAVE_SOURCE_GROUP
#endif /* !WSP_USE_WS_PREFIX */

#endif /* WSP_WS2IPDEF_H */

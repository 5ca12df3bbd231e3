/*
 * compat_headers_test.c - checks the Windows-compatible headers in compat/
 * (no prefix mode): Windows constant values, Win64 type sizes and structure
 * layouts.  Compile-time checks use _Static_assert; the runtime checks
 * count passes/failures and the exit status is non-zero on any failure.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <ws2spi.h>

#include <stddef.h>
#include <stdio.h>
#include <string.h>

static int passed;
static int failed;

#define CHECK(cond) do { \
        if (cond) { passed++; } \
        else { failed++; fprintf(stderr, "%s:%d: check failed: %s\n", \
                                 __FILE__, __LINE__, #cond); } \
    } while (0)

#define PTR ((size_t)sizeof(void *))

/* ---- Base types (Win64 sizes) ---- */
_Static_assert(sizeof(BYTE) == 1, "BYTE");
_Static_assert(sizeof(WCHAR) == 2, "WCHAR");
_Static_assert(sizeof(WORD) == 2, "WORD");
_Static_assert(sizeof(SHORT) == 2, "SHORT");
_Static_assert(sizeof(INT) == 4, "INT");
_Static_assert(sizeof(LONG) == 4, "LONG is 32-bit as on Windows");
_Static_assert(sizeof(ULONG) == 4, "ULONG is 32-bit as on Windows");
_Static_assert(sizeof(DWORD) == 4, "DWORD");
_Static_assert(sizeof(BOOL) == 4, "BOOL");
_Static_assert(sizeof(BOOLEAN) == 1, "BOOLEAN");
_Static_assert(sizeof(ULONG_PTR) == sizeof(void *), "ULONG_PTR");
_Static_assert(sizeof(DWORD_PTR) == sizeof(void *), "DWORD_PTR");
_Static_assert(sizeof(GUID) == 16, "GUID");
_Static_assert(sizeof(u_char) == 1, "u_char");
_Static_assert(sizeof(u_short) == 2, "u_short");
_Static_assert(sizeof(u_int) == 4, "u_int");
_Static_assert(sizeof(u_long) == 4, "u_long is 32-bit as on Windows");
_Static_assert(sizeof(SOCKET) == sizeof(void *), "SOCKET is UINT_PTR");
_Static_assert(sizeof(GROUP) == 4, "GROUP");

/* ---- Values usable in #if ---- */
#if SOL_SOCKET != 0xffff || AF_INET6 != 23 || SO_REUSEADDR != 4
# error "constants not usable in #if"
#endif
#if WSAENOPROTOOPT != 10042 || FD_SETSIZE != 64 || SOMAXCONN != 0x7fffffff
# error "constants not usable in #if"
#endif

/* ---- Constants ---- */
_Static_assert(SOL_SOCKET == 0xffff, "SOL_SOCKET");
_Static_assert(SO_DONTLINGER == -129, "SO_DONTLINGER");
_Static_assert(SO_EXCLUSIVEADDRUSE == -5, "SO_EXCLUSIVEADDRUSE");
_Static_assert(AF_INET6 == 23, "AF_INET6");
_Static_assert(WSAENOPROTOOPT == 10042, "WSAENOPROTOOPT");
_Static_assert(INVALID_SOCKET == (SOCKET)~(SOCKET)0, "INVALID_SOCKET");

/* ---- Layouts ---- */
_Static_assert(sizeof(struct linger) == 4, "linger");
_Static_assert(sizeof(LINGER) == 4, "LINGER");
_Static_assert(sizeof(struct timeval) == 8, "timeval");
_Static_assert(sizeof(struct sockaddr) == 16, "sockaddr");
_Static_assert(sizeof(struct sockaddr_in) == 16, "sockaddr_in");
_Static_assert(sizeof(struct sockaddr_in6) == 28, "sockaddr_in6");
_Static_assert(sizeof(struct sockaddr_storage) == 128, "sockaddr_storage");
_Static_assert(sizeof(struct in_addr) == 4, "in_addr");
_Static_assert(sizeof(struct in6_addr) == 16, "in6_addr");
_Static_assert(sizeof(WSAPROTOCOL_INFOW) == 628, "WSAPROTOCOL_INFOW (Win64)");
_Static_assert(sizeof(WSAPROTOCOL_INFOA) == 372, "WSAPROTOCOL_INFOA (Win64)");
_Static_assert(sizeof(WSPPROC_TABLE) == 30 * sizeof(void *), "WSPPROC_TABLE");
_Static_assert(offsetof(WSPPROC_TABLE, lpWSPSetSockOpt) == 26 * sizeof(void *),
               "lpWSPSetSockOpt");
_Static_assert(offsetof(WSPPROC_TABLE, lpWSPSocket) == 28 * sizeof(void *),
               "lpWSPSocket");
_Static_assert(sizeof(WSPUPCALLTABLE) == 15 * sizeof(void *), "WSPUPCALLTABLE");
_Static_assert(sizeof(WSPDATA) == 2 + 2 + 2 * 256, "WSPDATA");

int main(void)
{
    /* Base types */
    CHECK(sizeof(LONG) == 4);
    CHECK(sizeof(u_long) == 4);
    CHECK(sizeof(SOCKET) == PTR);
    CHECK(sizeof(HANDLE) == PTR);
    CHECK(MAKEWORD(2, 2) == 0x0202);
    CHECK(LOBYTE(0x1234) == 0x34 && HIBYTE(0x1234) == 0x12);
    CHECK(LOWORD(0x12345678) == 0x5678 && HIWORD(0x12345678) == 0x1234);
    CHECK(INVALID_SOCKET == (SOCKET)~(SOCKET)0);
    CHECK(SOCKET_ERROR == -1);

    /* Address families, types, levels */
    CHECK(AF_UNSPEC == 0 && AF_UNIX == 1 && AF_INET == 2 && AF_IPX == 6);
    CHECK(AF_APPLETALK == 16 && AF_NETBIOS == 17 && AF_ATM == 22);
    CHECK(AF_INET6 == 23 && AF_IRDA == 26 && AF_BTH == 32);
    CHECK(AF_HYPERV == 34 && AF_MAX == 35);
    CHECK(PF_INET6 == AF_INET6 && PF_INET == AF_INET);
    CHECK(SOCK_STREAM == 1 && SOCK_DGRAM == 2 && SOCK_RAW == 3);
    CHECK(SOCK_RDM == 4 && SOCK_SEQPACKET == 5);
    CHECK(SOL_SOCKET == 0xffff && SOL_IP == 0xfffb && SOL_IPV6 == 0xfffa);

    /* SOL_SOCKET options (reference 1.6) */
    CHECK(SO_DEBUG == 1 && SO_ACCEPTCONN == 2 && SO_REUSEADDR == 4);
    CHECK(SO_KEEPALIVE == 8 && SO_DONTROUTE == 0x10 && SO_BROADCAST == 0x20);
    CHECK(SO_USELOOPBACK == 0x40 && SO_LINGER == 0x80 && SO_OOBINLINE == 0x100);
    CHECK(SO_DONTLINGER == -129 && (unsigned)SO_DONTLINGER == 0xffffff7fu);
    CHECK(SO_EXCLUSIVEADDRUSE == -5 && (unsigned)SO_EXCLUSIVEADDRUSE == 0xfffffffbu);
    CHECK(SO_SNDBUF == 0x1001 && SO_RCVBUF == 0x1002);
    CHECK(SO_SNDLOWAT == 0x1003 && SO_RCVLOWAT == 0x1004);
    CHECK(SO_SNDTIMEO == 0x1005 && SO_RCVTIMEO == 0x1006);
    CHECK(SO_ERROR == 0x1007 && SO_TYPE == 0x1008 && SO_BSP_STATE == 0x1009);
    CHECK(SO_GROUP_ID == 0x2001 && SO_GROUP_PRIORITY == 0x2002);
    CHECK(SO_MAX_MSG_SIZE == 0x2003);
    CHECK(SO_PROTOCOL_INFOA == 0x2004 && SO_PROTOCOL_INFOW == 0x2005);
    CHECK(SO_PROTOCOL_INFO == SO_PROTOCOL_INFOW);
    CHECK(PVD_CONFIG == 0x3001 && SO_CONDITIONAL_ACCEPT == 0x3002);
    CHECK(SO_PAUSE_ACCEPT == 0x3003 && SO_COMPARTMENT_ID == 0x3004);
    CHECK(SO_RANDOMIZE_PORT == 0x3005 && SO_PORT_SCALABILITY == 0x3006);
    CHECK(SO_REUSE_UNICASTPORT == 0x3007 && SO_REUSE_MULTICASTPORT == 0x3008);
    CHECK(SO_ORIGINAL_DST == 0x300F);
    CHECK(SO_CONNDATA == 0x7000 && SO_CONNOPT == 0x7001 && SO_DISCDATA == 0x7002);
    CHECK(SO_DISCOPT == 0x7003 && SO_CONNDATALEN == 0x7004);
    CHECK(SO_CONNOPTLEN == 0x7005 && SO_DISCDATALEN == 0x7006);
    CHECK(SO_DISCOPTLEN == 0x7007 && SO_OPENTYPE == 0x7008);
    CHECK(SO_SYNCHRONOUS_ALERT == 0x10 && SO_SYNCHRONOUS_NONALERT == 0x20);
    CHECK(SO_MAXDG == 0x7009 && SO_MAXPATHDG == 0x700A);
    CHECK(SO_UPDATE_ACCEPT_CONTEXT == 0x700B && SO_CONNECT_TIME == 0x700C);
    CHECK(SO_UPDATE_CONNECT_CONTEXT == 0x7010);
    CHECK(SOMAXCONN == 0x7fffffff && SOMAXCONN_HINT(200) == -200);
    CHECK(SD_RECEIVE == 0 && SD_SEND == 1 && SD_BOTH == 2);

    /* IPPROTO values (reference 1.5) */
    CHECK(IPPROTO_IP == 0 && IPPROTO_HOPOPTS == 0 && IPPROTO_ICMP == 1);
    CHECK(IPPROTO_IGMP == 2 && IPPROTO_GGP == 3 && IPPROTO_IPV4 == 4);
    CHECK(IPPROTO_ST == 5 && IPPROTO_TCP == 6 && IPPROTO_CBT == 7);
    CHECK(IPPROTO_EGP == 8 && IPPROTO_IGP == 9 && IPPROTO_PUP == 12);
    CHECK(IPPROTO_UDP == 17 && IPPROTO_IDP == 22 && IPPROTO_RDP == 27);
    CHECK(IPPROTO_IPV6 == 41 && IPPROTO_ROUTING == 43 && IPPROTO_FRAGMENT == 44);
    CHECK(IPPROTO_ESP == 50 && IPPROTO_AH == 51 && IPPROTO_ICMPV6 == 58);
    CHECK(IPPROTO_NONE == 59 && IPPROTO_DSTOPTS == 60 && IPPROTO_ND == 77);
    CHECK(IPPROTO_ICLFXBM == 78 && IPPROTO_PIM == 103 && IPPROTO_PGM == 113);
    CHECK(IPPROTO_RM == 113 && IPPROTO_L2TP == 115 && IPPROTO_SCTP == 132);
    CHECK(IPPROTO_RAW == 255 && IPPROTO_MAX == 256);

    /* TCP / UDP options (reference 1.7, 1.8) */
    CHECK(TCP_NODELAY == 1 && TCP_EXPEDITED_1122 == 2 && TCP_KEEPALIVE == 3);
    CHECK(TCP_MAXSEG == 4 && TCP_MAXRT == 5 && TCP_STDURG == 6);
    CHECK(TCP_NOURG == 7 && TCP_ATMARK == 8 && TCP_NOSYNRETRIES == 9);
    CHECK(TCP_TIMESTAMPS == 10 && TCP_OFFLOAD_PREFERENCE == 11);
    CHECK(TCP_CONGESTION_ALGORITHM == 12 && TCP_DELAY_FIN_ACK == 13);
    CHECK(TCP_MAXRTMS == 14 && TCP_FASTOPEN == 15 && TCP_KEEPCNT == 16);
    CHECK(TCP_KEEPIDLE == 3 && TCP_KEEPINTVL == 17);
    CHECK(TCP_FAIL_CONNECT_ON_ICMP_ERROR == 18 && TCP_ICMP_ERROR_INFO == 19);
    CHECK(TCP_BSDURGENT == 0x7000);
    CHECK(UDP_NOCHECKSUM == 1 && UDP_SEND_MSG_SIZE == 2);
    CHECK(UDP_RECV_MAX_COALESCED_SIZE == 3 && UDP_CHECKSUM_COVERAGE == 20);

    /* IPPROTO_IP options (reference 1.9, Winsock 2 values) */
    CHECK(IP_OPTIONS == 1 && IP_HDRINCL == 2 && IP_TOS == 3 && IP_TTL == 4);
    CHECK(IP_MULTICAST_IF == 9 && IP_MULTICAST_TTL == 10);
    CHECK(IP_MULTICAST_LOOP == 11 && IP_ADD_MEMBERSHIP == 12);
    CHECK(IP_DROP_MEMBERSHIP == 13 && IP_DONTFRAGMENT == 14);
    CHECK(IP_ADD_SOURCE_MEMBERSHIP == 15 && IP_DROP_SOURCE_MEMBERSHIP == 16);
    CHECK(IP_BLOCK_SOURCE == 17 && IP_UNBLOCK_SOURCE == 18);
    CHECK(IP_PKTINFO == 19 && IP_HOPLIMIT == 21 && IP_RECVTTL == 21);
    CHECK(IP_RECEIVE_BROADCAST == 22 && IP_RECVIF == 24 && IP_RECVDSTADDR == 25);
    CHECK(IP_IFLIST == 28 && IP_ADD_IFLIST == 29 && IP_DEL_IFLIST == 30);
    CHECK(IP_UNICAST_IF == 31 && IP_RTHDR == 32 && IP_GET_IFLIST == 33);
    CHECK(IP_RECVRTHDR == 38 && IP_TCLASS == 39 && IP_RECVTCLASS == 40);
    CHECK(IP_RECVTOS == 40 && IP_ORIGINAL_ARRIVAL_IF == 47);
    CHECK(IP_ECN == 50 && IP_RECVECN == 50 && IP_PKTINFO_EX == 51);
    CHECK(IP_WFP_REDIRECT_RECORDS == 60 && IP_WFP_REDIRECT_CONTEXT == 70);
    CHECK(IP_MTU_DISCOVER == 71 && IP_MTU == 73 && IP_NRT_INTERFACE == 74);
    CHECK(IP_RECVERR == 75 && IP_USER_MTU == 76);
    CHECK(IP_UNSPECIFIED_TYPE_OF_SERVICE == -1);
    CHECK(IP_DEFAULT_MULTICAST_TTL == 1 && IP_DEFAULT_MULTICAST_LOOP == 1);
    CHECK(IP_MAX_MEMBERSHIPS == 20);
    CHECK(MCAST_JOIN_GROUP == 41 && MCAST_LEAVE_GROUP == 42);
    CHECK(MCAST_BLOCK_SOURCE == 43 && MCAST_UNBLOCK_SOURCE == 44);
    CHECK(MCAST_JOIN_SOURCE_GROUP == 45 && MCAST_LEAVE_SOURCE_GROUP == 46);
    CHECK(IP_PMTUDISC_NOT_SET == 0 && IP_PMTUDISC_DO == 1);
    CHECK(IP_PMTUDISC_DONT == 2 && IP_PMTUDISC_PROBE == 3 && IP_PMTUDISC_MAX == 4);

    /* IPPROTO_IPV6 options (reference 1.10) */
    CHECK(IPV6_HOPOPTS == 1 && IPV6_HDRINCL == 2 && IPV6_UNICAST_HOPS == 4);
    CHECK(IPV6_MULTICAST_IF == 9 && IPV6_MULTICAST_HOPS == 10);
    CHECK(IPV6_MULTICAST_LOOP == 11);
    CHECK(IPV6_ADD_MEMBERSHIP == 12 && IPV6_JOIN_GROUP == 12);
    CHECK(IPV6_DROP_MEMBERSHIP == 13 && IPV6_LEAVE_GROUP == 13);
    CHECK(IPV6_DONTFRAG == 14 && IPV6_PKTINFO == 19 && IPV6_HOPLIMIT == 21);
    CHECK(IPV6_PROTECTION_LEVEL == 23 && IPV6_RECVIF == 24);
    CHECK(IPV6_RECVDSTADDR == 25 && IPV6_CHECKSUM == 26 && IPV6_V6ONLY == 27);
    CHECK(IPV6_UNICAST_IF == 31 && IPV6_RTHDR == 32 && IPV6_RECVRTHDR == 38);
    CHECK(IPV6_TCLASS == 39 && IPV6_RECVTCLASS == 40);
    CHECK(IPV6_MTU_DISCOVER == 71 && IPV6_MTU == 72);
    CHECK(IPV6_RECVERR == 75 && IPV6_USER_MTU == 76);
    CHECK(PROTECTION_LEVEL_UNRESTRICTED == 10);
    CHECK(PROTECTION_LEVEL_EDGERESTRICTED == 20);
    CHECK(PROTECTION_LEVEL_RESTRICTED == 30);
    CHECK(PROTECTION_LEVEL_DEFAULT == 0xffffffffu);

    /* Flags, ioctls, addresses */
    CHECK(MSG_OOB == 1 && MSG_PEEK == 2 && MSG_DONTROUTE == 4);
    CHECK(MSG_WAITALL == 8 && MSG_PARTIAL == 0x8000 && MSG_INTERRUPT == 0x10);
    CHECK(MSG_TRUNC == 0x100 && MSG_CTRUNC == 0x200);
    CHECK(FIONREAD == 0x4004667fu && FIONBIO == 0x8004667eu);
    CHECK(SIOCATMARK == 0x40047307u);
    CHECK(SIO_GET_EXTENSION_FUNCTION_POINTER == 0xc8000006u);
    CHECK(SIO_KEEPALIVE_VALS == 0x98000004u && SIO_UDP_CONNRESET == 0x9800000cu);
    CHECK(INADDR_ANY == 0 && INADDR_LOOPBACK == 0x7f000001u);
    CHECK(INADDR_NONE == 0xffffffffu && INADDR_BROADCAST == 0xffffffffu);
    CHECK(INET_ADDRSTRLEN == 22 && INET6_ADDRSTRLEN == 65);
    CHECK(sizeof(socklen_t) == 4);

    /* Service and provider flags */
    CHECK(XP1_CONNECTIONLESS == 0x1 && XP1_GUARANTEED_DELIVERY == 0x2);
    CHECK(XP1_GUARANTEED_ORDER == 0x4 && XP1_MESSAGE_ORIENTED == 0x8);
    CHECK(XP1_PSEUDO_STREAM == 0x10 && XP1_GRACEFUL_CLOSE == 0x20);
    CHECK(XP1_EXPEDITED_DATA == 0x40 && XP1_CONNECT_DATA == 0x80);
    CHECK(XP1_DISCONNECT_DATA == 0x100 && XP1_SUPPORT_BROADCAST == 0x200);
    CHECK(XP1_SUPPORT_MULTIPOINT == 0x400 && XP1_MULTIPOINT_CONTROL_PLANE == 0x800);
    CHECK(XP1_MULTIPOINT_DATA_PLANE == 0x1000 && XP1_QOS_SUPPORTED == 0x2000);
    CHECK(XP1_INTERRUPT == 0x4000 && XP1_UNI_SEND == 0x8000);
    CHECK(XP1_UNI_RECV == 0x10000 && XP1_IFS_HANDLES == 0x20000);
    CHECK(XP1_PARTIAL_MESSAGE == 0x40000 && XP1_SAN_SUPPORT_SDP == 0x80000);
    CHECK(PFL_MULTIPLE_PROTO_ENTRIES == 1 && PFL_RECOMMENDED_PROTO_ENTRY == 2);
    CHECK(PFL_HIDDEN == 4 && PFL_MATCHES_PROTOCOL_ZERO == 8);
    CHECK(BIGENDIAN == 0 && LITTLEENDIAN == 1 && SECURITY_PROTOCOL_NONE == 0);
    CHECK(MAX_PROTOCOL_CHAIN == 7 && WSAPROTOCOL_LEN == 255);
    CHECK(FD_READ == 1 && FD_WRITE == 2 && FD_OOB == 4 && FD_ACCEPT == 8);
    CHECK(FD_CONNECT == 16 && FD_CLOSE == 32 && FD_MAX_EVENTS == 10);
    CHECK(FD_ALL_EVENTS == 0x3ff);
    CHECK(WSA_FLAG_OVERLAPPED == 1 && WSA_FLAG_NO_HANDLE_INHERIT == 0x80);
    CHECK(WSPDESCRIPTION_LEN == 255);
    CHECK(WSADESCRIPTION_LEN == 256 && WSASYS_STATUS_LEN == 128);

    /* Error codes (reference 1.11) */
    CHECK(WSABASEERR == 10000 && WSAEINTR == 10004 && WSAEBADF == 10009);
    CHECK(WSAEACCES == 10013 && WSAEFAULT == 10014 && WSAEINVAL == 10022);
    CHECK(WSAEMFILE == 10024 && WSAEWOULDBLOCK == 10035);
    CHECK(WSAEINPROGRESS == 10036 && WSAEALREADY == 10037);
    CHECK(WSAENOTSOCK == 10038 && WSAEDESTADDRREQ == 10039);
    CHECK(WSAEMSGSIZE == 10040 && WSAEPROTOTYPE == 10041);
    CHECK(WSAENOPROTOOPT == 10042 && WSAEPROTONOSUPPORT == 10043);
    CHECK(WSAESOCKTNOSUPPORT == 10044 && WSAEOPNOTSUPP == 10045);
    CHECK(WSAEPFNOSUPPORT == 10046 && WSAEAFNOSUPPORT == 10047);
    CHECK(WSAEADDRINUSE == 10048 && WSAEADDRNOTAVAIL == 10049);
    CHECK(WSAENETDOWN == 10050 && WSAENETUNREACH == 10051);
    CHECK(WSAENETRESET == 10052 && WSAECONNABORTED == 10053);
    CHECK(WSAECONNRESET == 10054 && WSAENOBUFS == 10055);
    CHECK(WSAEISCONN == 10056 && WSAENOTCONN == 10057);
    CHECK(WSAESHUTDOWN == 10058 && WSAETOOMANYREFS == 10059);
    CHECK(WSAETIMEDOUT == 10060 && WSAECONNREFUSED == 10061);
    CHECK(WSAELOOP == 10062 && WSAENAMETOOLONG == 10063);
    CHECK(WSAEHOSTDOWN == 10064 && WSAEHOSTUNREACH == 10065);
    CHECK(WSAENOTEMPTY == 10066 && WSAEPROCLIM == 10067);
    CHECK(WSAEUSERS == 10068 && WSAEDQUOT == 10069);
    CHECK(WSAESTALE == 10070 && WSAEREMOTE == 10071);
    CHECK(WSASYSNOTREADY == 10091 && WSAVERNOTSUPPORTED == 10092);
    CHECK(WSANOTINITIALISED == 10093 && WSAEDISCON == 10101);
    CHECK(WSAENOMORE == 10102 && WSAECANCELLED == 10103);
    CHECK(WSAEINVALIDPROCTABLE == 10104 && WSAEINVALIDPROVIDER == 10105);
    CHECK(WSAEPROVIDERFAILEDINIT == 10106 && WSASYSCALLFAILURE == 10107);
    CHECK(WSASERVICE_NOT_FOUND == 10108 && WSATYPE_NOT_FOUND == 10109);
    CHECK(WSA_E_NO_MORE == 10110 && WSA_E_CANCELLED == 10111);
    CHECK(WSAEREFUSED == 10112);
    CHECK(WSAHOST_NOT_FOUND == 11001 && WSATRY_AGAIN == 11002);
    CHECK(WSANO_RECOVERY == 11003 && WSANO_DATA == 11004);
    CHECK(WSANO_ADDRESS == WSANO_DATA);
    CHECK(WSA_IO_PENDING == 997 && WSA_IO_INCOMPLETE == 996);
    CHECK(WSA_INVALID_HANDLE == 6 && WSA_INVALID_PARAMETER == 87);
    CHECK(WSA_NOT_ENOUGH_MEMORY == 8 && WSA_OPERATION_ABORTED == 995);

    /* Structure layouts */
    CHECK(sizeof(struct linger) == 4);
    CHECK(offsetof(struct linger, l_linger) == 2);
    CHECK(sizeof(struct timeval) == 8);
    CHECK(sizeof(struct sockaddr_in) == 16);
    CHECK(offsetof(struct sockaddr_in, sin_port) == 2);
    CHECK(offsetof(struct sockaddr_in, sin_addr) == 4);
    CHECK(offsetof(struct sockaddr_in, sin_zero) == 8);
    CHECK(sizeof(struct sockaddr_in6) == 28);
    CHECK(offsetof(struct sockaddr_in6, sin6_flowinfo) == 4);
    CHECK(offsetof(struct sockaddr_in6, sin6_addr) == 8);
    CHECK(offsetof(struct sockaddr_in6, sin6_scope_id) == 24);
    CHECK(sizeof(struct sockaddr_storage) == 128);
    CHECK(offsetof(struct sockaddr_storage, __ss_align) == 8);
    CHECK(sizeof(struct ip_mreq) == 8);
    CHECK(sizeof(struct ip_mreq_source) == 12);
    CHECK(offsetof(struct ip_mreq_source, imr_sourceaddr) == 4);
    CHECK(offsetof(struct ip_mreq_source, imr_interface) == 8);
    CHECK(sizeof(struct ipv6_mreq) == 20);
    CHECK(sizeof(IN_PKTINFO) == 8 && offsetof(IN_PKTINFO, ipi_ifindex) == 4);
    CHECK(sizeof(IN6_PKTINFO) == 20);
    CHECK(sizeof(GROUP_REQ) == 136 && sizeof(GROUP_SOURCE_REQ) == 264);
    CHECK(sizeof(fd_set) == 8 + 64 * PTR);
    CHECK(offsetof(fd_set, fd_array) == PTR);
    CHECK(sizeof(WSABUF) == 2 * PTR);
    CHECK(offsetof(WSABUF, buf) == PTR);
    CHECK(sizeof(WSAOVERLAPPED) == 2 * PTR + 8 + PTR);
    CHECK(offsetof(WSAOVERLAPPED, Offset) == 2 * PTR);
    CHECK(offsetof(WSAOVERLAPPED, OffsetHigh) == 2 * PTR + 4);
    CHECK(offsetof(WSAOVERLAPPED, hEvent) == 2 * PTR + 8);
    CHECK(sizeof(WSATHREADID) == 2 * PTR);
    CHECK(sizeof(FLOWSPEC) == 32);
    CHECK(sizeof(QOS) == 64 + sizeof(WSABUF));
    CHECK(sizeof(WSANETWORKEVENTS) == 44);
    CHECK(sizeof(WSAPROTOCOLCHAIN) == 32);
    CHECK(sizeof(WSAPROTOCOL_INFOW) == 628);
    CHECK(sizeof(WSAPROTOCOL_INFOA) == 372);
    CHECK(offsetof(WSAPROTOCOL_INFOW, ProviderId) == 20);
    CHECK(offsetof(WSAPROTOCOL_INFOW, dwCatalogEntryId) == 36);
    CHECK(offsetof(WSAPROTOCOL_INFOW, ProtocolChain) == 40);
    CHECK(offsetof(WSAPROTOCOL_INFOW, iVersion) == 72);
    CHECK(offsetof(WSAPROTOCOL_INFOW, iSecurityScheme) == 104);
    CHECK(offsetof(WSAPROTOCOL_INFOW, dwMessageSize) == 108);
    CHECK(offsetof(WSAPROTOCOL_INFOW, szProtocol) == 116);
    CHECK(sizeof(CSADDR_INFO) == 4 * PTR + 8);
    CHECK(sizeof(SOCKET_ADDRESS) == 2 * PTR);
    CHECK(sizeof(WSACMSGHDR) == PTR + 8);
    CHECK(offsetof(WSAMSG, Control) == 4 * PTR);
    CHECK(sizeof(WSPDATA) == 516);
    CHECK(sizeof(WSPPROC_TABLE) == 30 * PTR);
    CHECK(offsetof(WSPPROC_TABLE, lpWSPAccept) == 0);
    CHECK(offsetof(WSPPROC_TABLE, lpWSPCleanup) == 5 * PTR);
    CHECK(offsetof(WSPPROC_TABLE, lpWSPGetSockOpt) == 14 * PTR);
    CHECK(offsetof(WSPPROC_TABLE, lpWSPIoctl) == 16 * PTR);
    CHECK(offsetof(WSPPROC_TABLE, lpWSPSetSockOpt) == 26 * PTR);
    CHECK(offsetof(WSPPROC_TABLE, lpWSPSocket) == 28 * PTR);
    CHECK(offsetof(WSPPROC_TABLE, lpWSPStringToAddress) == 29 * PTR);
    CHECK(sizeof(WSPUPCALLTABLE) == 15 * PTR);
    CHECK(offsetof(WSPUPCALLTABLE, lpWPUModifyIFSHandle) == 6 * PTR);
    CHECK(offsetof(WSPUPCALLTABLE, lpWPUCloseThread) == 14 * PTR);

    /* Windows in_addr / in6_addr accessors */
    {
        struct in_addr a;
        struct in6_addr a6;
        memset(&a, 0, sizeof(a));
        a.S_un.S_un_b.s_b1 = 127;
        a.S_un.S_un_b.s_b4 = 1;
        CHECK(a.s_addr == a.S_un.S_addr);
        CHECK(((const unsigned char *)&a.s_addr)[0] == 127);
        memset(&a6, 0, sizeof(a6));
        a6.s6_addr[15] = 1;
        CHECK(a6.u.Byte[15] == 1);
    }

    /* fd_set helpers */
    {
        fd_set set;
        FD_ZERO(&set);
        CHECK(set.fd_count == 0);
        FD_SET(5, &set);
        FD_SET(7, &set);
        FD_SET(5, &set);
        CHECK(set.fd_count == 2);
        CHECK(FD_ISSET(7, &set) && !FD_ISSET(6, &set));
        FD_CLR(5, &set);
        CHECK(set.fd_count == 1 && set.fd_array[0] == 7);
    }

    /* Control-message helpers */
    {
        char buf[64];
        WSAMSG msg;
        LPWSACMSGHDR c;
        memset(&msg, 0, sizeof(msg));
        msg.Control.buf = buf;
        msg.Control.len = sizeof(buf);
        c = WSA_CMSG_FIRSTHDR(&msg);
        CHECK(c == (LPWSACMSGHDR)(void *)buf);
        CHECK(WSA_CMSG_LEN(sizeof(IN_PKTINFO)) == 16 + 8);
        CHECK(WSA_CMSG_SPACE(sizeof(IN_PKTINFO)) == 24);
        CHECK(WSA_CMSG_DATA(c) == (PUCHAR)buf + 16);
    }

    printf("compat headers: %d checks passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}

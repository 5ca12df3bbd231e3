/*
 * compat_prefix_test.c - checks that the compat/ headers work in prefix mode
 * (WSP_USE_WS_PREFIX) next to glibc's socket headers: the Windows values are
 * reachable through WS_ names and struct WS_* tags while the plain names keep
 * their Linux meaning.  Exit status is non-zero on any failure.
 */
#ifndef _GNU_SOURCE
# define _GNU_SOURCE 1 /* glibc's full set of socket names */
#endif
#define WSP_USE_WS_PREFIX 1

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/ioctl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/ip.h>
#include <arpa/inet.h>
#if defined(__has_include)
# if __has_include(<netinet6/in6.h>)
#  include <netinet6/in6.h>
# endif
#endif

#include <ws2spi.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <winsock2.h>
#include <ws2def.h>
#include <ws2ipdef.h>

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

/* Plain names must not have been redefined by the compat headers. */
_Static_assert(SOL_SOCKET == 1, "Linux SOL_SOCKET");
_Static_assert(WS_SOL_SOCKET == 0xffff, "Windows SOL_SOCKET");
_Static_assert(AF_INET6 == 10 && WS_AF_INET6 == 23, "AF_INET6");
_Static_assert(sizeof(struct linger) == 8 && sizeof(struct WS_linger) == 4,
               "linger");
_Static_assert(SO_REUSEADDR == 2 && WS_SO_REUSEADDR == 4, "SO_REUSEADDR");
_Static_assert(sizeof(struct timeval) == 16 && sizeof(struct WS_timeval) == 8,
               "timeval");
_Static_assert(sizeof(WS_u_long) == 4 && sizeof(u_long) == sizeof(long),
               "u_long");
#ifdef WSP_USE_WS_PREFIX
# ifdef WSAENOPROTOOPT
_Static_assert(WSAENOPROTOOPT == 10042, "WSAE* never prefixed");
# else
#  error "WSAENOPROTOOPT must exist in prefix mode"
# endif
#endif
#if WS_SOL_SOCKET != 0xffff || WS_IPPROTO_IPV6 != 41 || WS_FD_SETSIZE != 64
# error "WS_ constants not usable in #if"
#endif

int main(void)
{
    /* Levels and families: Windows via WS_, Linux via plain names */
    CHECK(WS_SOL_SOCKET == 0xffff && SOL_SOCKET == 1);
    CHECK(WS_AF_INET6 == 23 && AF_INET6 == 10);
    CHECK(WS_AF_IPX == 6 && AF_IPX == 4);
    CHECK(WS_AF_IRDA == 26 && AF_IRDA == 23);
    CHECK(WS_PF_INET6 == 23 && PF_INET6 == 10);
    CHECK(WS_AF_INET == AF_INET && WS_SOCK_STREAM == SOCK_STREAM);
    CHECK(WS_IPPROTO_TCP == IPPROTO_TCP && WS_IPPROTO_IPV6 == IPPROTO_IPV6);

    /* SOL_SOCKET options */
    CHECK(WS_SO_REUSEADDR == 4 && SO_REUSEADDR == 2);
    CHECK(WS_SO_KEEPALIVE == 8 && SO_KEEPALIVE == 9);
    CHECK(WS_SO_LINGER == 0x80 && SO_LINGER == 13);
    CHECK(WS_SO_SNDBUF == 0x1001 && SO_SNDBUF == 7);
    CHECK(WS_SO_RCVTIMEO == 0x1006 && SO_RCVTIMEO == 20);
    CHECK(WS_SO_ERROR == 0x1007 && SO_ERROR == 4);
    CHECK(WS_SO_DONTLINGER == -129 && WS_SO_EXCLUSIVEADDRUSE == -5);
    CHECK(WS_SO_CONNECT_TIME == 0x700C && WS_SO_UPDATE_ACCEPT_CONTEXT == 0x700B);
    CHECK(WS_SO_PROTOCOL_INFOW == 0x2005 && WS_PVD_CONFIG == 0x3001);
    CHECK(WS_SOMAXCONN == 0x7fffffff && SOMAXCONN != WS_SOMAXCONN);
    CHECK(WS_SD_SEND == 1 && WS_SD_BOTH == 2);

    /* TCP / IP / IPv6 options */
    CHECK(WS_TCP_NODELAY == 1 && TCP_NODELAY == 1);
    CHECK(WS_TCP_KEEPIDLE == 3 && TCP_KEEPIDLE == 4);
    CHECK(WS_TCP_KEEPINTVL == 17 && TCP_KEEPINTVL == 5);
    CHECK(WS_TCP_KEEPCNT == 16 && TCP_KEEPCNT == 6);
    CHECK(WS_TCP_MAXSEG == 4 && TCP_MAXSEG == 2);
    CHECK(WS_TCP_FASTOPEN == 15 && TCP_FASTOPEN == 23);
    CHECK(WS_IP_TOS == 3 && IP_TOS == 1);
    CHECK(WS_IP_TTL == 4 && IP_TTL == 2);
    CHECK(WS_IP_MULTICAST_IF == 9 && IP_MULTICAST_IF == 32);
    CHECK(WS_IP_ADD_MEMBERSHIP == 12 && IP_ADD_MEMBERSHIP == 35);
    CHECK(WS_IP_PKTINFO == 19 && IP_PKTINFO == 8);
    CHECK(WS_IP_MTU_DISCOVER == 71 && IP_MTU_DISCOVER == 10);
    CHECK(WS_IP_PMTUDISC_DO == 1 && IP_PMTUDISC_DO == 2);
    CHECK(WS_IP_PMTUDISC_DONT == 2 && IP_PMTUDISC_DONT == 0);
    CHECK(WS_IPV6_V6ONLY == 27 && IPV6_V6ONLY == 26);
    CHECK(WS_IPV6_UNICAST_HOPS == 4 && IPV6_UNICAST_HOPS == 16);
    CHECK(WS_IPV6_JOIN_GROUP == 12 && IPV6_JOIN_GROUP == 20);
    CHECK(WS_MCAST_JOIN_GROUP == 41 && MCAST_JOIN_GROUP == 42);
    CHECK(WS_MCAST_LEAVE_GROUP == 42 && MCAST_LEAVE_GROUP == 45);
    CHECK(WS_MCAST_INCLUDE == 0 && MCAST_INCLUDE == 1);
    CHECK(WS_IP_DEFAULT_MULTICAST_TTL == 1 && WS_IP_MAX_MEMBERSHIPS == 20);

    /* Flags, ioctls, limits */
    CHECK(WS_MSG_WAITALL == 8 && MSG_WAITALL == 0x100);
    CHECK(WS_MSG_TRUNC == 0x100 && MSG_TRUNC == 0x20);
    CHECK(WS_MSG_PEEK == MSG_PEEK && WS_MSG_OOB == MSG_OOB);
    CHECK(WS_FIONBIO == 0x8004667eu && FIONBIO == 0x5421);
    CHECK(WS_FIONREAD == 0x4004667fu && FIONREAD == 0x541B);
    CHECK(WS_SIOCATMARK == 0x40047307u && SIOCATMARK == 0x8905);
    CHECK(WS_FD_SETSIZE == 64 && FD_SETSIZE == 1024);
    CHECK(WS_INET_ADDRSTRLEN == 22 && INET_ADDRSTRLEN == 16);
    CHECK(WS_INET6_ADDRSTRLEN == 65 && INET6_ADDRSTRLEN == 46);
    CHECK(WS_INADDR_LOOPBACK == INADDR_LOOPBACK);
    CHECK(WS_INADDR_NONE == INADDR_NONE);

    /* Windows-only names are unprefixed */
    CHECK(WSAENOPROTOOPT == 10042 && WSAEWOULDBLOCK == 10035);
    CHECK(XP1_IFS_HANDLES == 0x20000 && MAX_PROTOCOL_CHAIN == 7);
    CHECK(INVALID_SOCKET == (SOCKET)~(SOCKET)0 && SOCKET_ERROR == -1);

    /* Structures: Windows layout under WS_ tags, Linux layout unchanged */
    CHECK(sizeof(struct WS_linger) == 4 && sizeof(LINGER) == 4);
    CHECK(sizeof(struct linger) == 8);
    CHECK(sizeof(struct WS_timeval) == 8 && sizeof(TIMEVAL) == 8);
    CHECK(sizeof(struct WS_sockaddr) == 16 && sizeof(SOCKADDR) == 16);
    CHECK(sizeof(struct WS_sockaddr_in) == 16 && sizeof(struct sockaddr_in) == 16);
    CHECK(sizeof(struct WS_sockaddr_in6) == 28 && sizeof(struct sockaddr_in6) == 28);
    CHECK(sizeof(SOCKADDR_IN6) == 28);
    CHECK(sizeof(struct WS_sockaddr_storage) == 128);
    CHECK(sizeof(struct WS_in_addr) == 4 && sizeof(struct WS_in6_addr) == 16);
    CHECK(sizeof(struct WS_ip_mreq) == 8);
    CHECK(sizeof(struct WS_ip_mreq_source) == 12);
    CHECK(offsetof(struct WS_ip_mreq_source, imr_sourceaddr) == 4);
    CHECK(offsetof(struct ip_mreq_source, imr_sourceaddr) == 8);
    CHECK(sizeof(struct WS_ipv6_mreq) == 20);
    CHECK(sizeof(struct WS_in_pktinfo) == 8 && sizeof(struct in_pktinfo) == 12);
    CHECK(sizeof(WS_fd_set) == 8 + 64 * sizeof(SOCKET));
    CHECK(sizeof(WS_socklen_t) == 4 && sizeof(socklen_t) == 4);
    CHECK(sizeof(WS_u_short) == 2 && sizeof(WS_u_char) == 1);
    CHECK(sizeof(WS_u_int) == 4 && sizeof(WS_u_long) == 4);
    CHECK(sizeof(u_long) == sizeof(long));
    CHECK(sizeof(WSAPROTOCOL_INFOW) == 628);
    CHECK(sizeof(WSPPROC_TABLE) == 30 * sizeof(void *));
    CHECK(offsetof(WSPPROC_TABLE, lpWSPSetSockOpt) == 26 * sizeof(void *));
    CHECK(offsetof(WSPPROC_TABLE, lpWSPSocket) == 28 * sizeof(void *));

    /* Member access in prefix mode: plain members, glibc macros untouched */
    {
        struct WS_sockaddr_in wsin;
        struct sockaddr_in lin;
        struct WS_in6_addr w6;
        struct in6_addr l6;

        memset(&wsin, 0, sizeof(wsin));
        wsin.sin_family = WS_AF_INET;
        wsin.sin_port = htons(80);
        wsin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        CHECK(wsin.sin_addr.S_un.S_addr == htonl(0x7f000001));
        CHECK(wsin.sin_addr.S_un.S_un_b.s_b1 == 127);

        memset(&lin, 0, sizeof(lin));
        lin.sin_addr.s_addr = wsin.sin_addr.s_addr;
        CHECK(lin.sin_addr.s_addr == htonl(INADDR_LOOPBACK));

        memset(&w6, 0, sizeof(w6));
        memset(&l6, 0, sizeof(l6));
        w6.u.Byte[15] = 1;
        memcpy(l6.s6_addr, w6.u.Byte, 16);
        CHECK(IN6_IS_ADDR_LOOPBACK(&l6));
    }

    /* Function-like WS_ helpers */
    {
        WS_fd_set set;
        fd_set lset;
        WS_FD_ZERO(&set);
        WS_FD_SET(3, &set);
        CHECK(set.fd_count == 1 && WS_FD_ISSET(3, &set));
        WS_FD_CLR(3, &set);
        CHECK(set.fd_count == 0);
        FD_ZERO(&lset);
        FD_SET(3, &lset);
        CHECK(FD_ISSET(3, &lset));
    }

    printf("compat prefix: %d checks passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}

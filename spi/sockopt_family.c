/*
 * Which address family an IP-level option belongs to, and Windows' answer
 * when a program asks it of a socket of the other family.
 *
 * Windows: an option of one IP version on a socket that cannot carry that
 * version fails WSAEINVAL.  Observed on real Windows for IPPROTO_IP options
 * on AF_INET6 sockets that carry IPv6 only (Haivision/srt issue 810, Windows
 * 10 1703: IP_TTL/IP_TOS on a socket bound to ::1; SagerNet/sing issue 109:
 * IP_UNICAST_IF on an IPV6_V6ONLY socket); the other direction has no
 * Windows report, and Wine, the second opinion, answers the same WSAEINVAL
 * for every IPPROTO_IPV6 set on an AF_INET socket, with one exception it
 * attributes to Windows: IPV6_V6ONLY set on an unbound AF_INET socket
 * succeeds and changes nothing (Wine ntdll/unix/socket.c,
 * IOCTL_AFD_WINE_SET_IPV6_V6ONLY).  A dual-stack AF_INET6 socket (doc
 * "Dual-Stack Sockets for IPv6 Winsock Applications") carries IPv4 and
 * takes IPPROTO_IP options, as it does on Linux.
 *
 * Linux differs: setsockopt(AF_INET, IPPROTO_IPV6, ...) fails ENOPROTOOPT,
 * getsockopt EOPNOTSUPP, and an AF_INET6 socket takes IPPROTO_IP options
 * whatever IPV6_V6ONLY says.
 */
#include "wsp_internal.h"

#include <netinet/in.h>
#include <string.h>

static int bound_port(int fd, struct sockaddr_storage *ss)
{
    socklen_t len = sizeof *ss;
    memset(ss, 0, sizeof *ss);
    if (wsp_sys_getsockname(fd, (struct sockaddr *)ss, &len) != 0)
        return 0;
    return ss->ss_family == AF_INET6 ? ((struct sockaddr_in6 *)ss)->sin6_port
                                     : ((struct sockaddr_in *)ss)->sin_port;
}

/* An AF_INET6 socket carries IPv4 while IPV6_V6ONLY is off and it is not
 * bound to an address that only IPv6 can reach. */
static int inet6_carries_ipv4(int fd)
{
    int v6only = 1;
    socklen_t len = sizeof v6only;
    if (wsp_sys_getsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, &len) != 0 || v6only)
        return 0;
    struct sockaddr_storage ss;
    if (!bound_port(fd, &ss))
        return 1;
    const struct in6_addr *a = &((struct sockaddr_in6 *)&ss)->sin6_addr;
    return IN6_IS_ADDR_UNSPECIFIED(a) || IN6_IS_ADDR_V4MAPPED(a);
}

int wsp_opt_family_check_rows(const struct wsp_optrow *row, const struct wsp_sock *s, int fd, int setting)
{
    if ((row->flags & WSP_OPT_INET6) && s->family != AF_INET6) {
        if (setting && (row->flags & WSP_OPT_INET4_UNBOUND_SET_IGNORED) && s->family == AF_INET) {
            struct sockaddr_storage ss;
            if (!bound_port(fd, &ss))
                return WSP_FAMILY_IGNORED;
        }
        return WSAEINVAL;
    }
    if ((row->flags & WSP_OPT_INET4) && s->family != AF_INET && !(s->family == AF_INET6 && inet6_carries_ipv4(fd)))
        return WSAEINVAL;
    /* The IP layer's datagram options (multicast, packet information) on a
     * stream socket: WSAEINVAL, as Wine answers (Linux: EINVAL for most) */
    if ((row->flags & WSP_OPT_STREAM_EINVAL) && s->type == SOCK_STREAM)
        return WSAEINVAL;
    return 0;
}

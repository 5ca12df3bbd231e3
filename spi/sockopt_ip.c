/*
 * IPPROTO_IP and IPPROTO_IPV6 options whose Windows meaning is not a plain
 * kernel call.  As in sockopt_sol.c, handlers decide and apply; the shapes
 * and the family rule (sockopt_family.c) are checked before they run.  In
 * WSP_PREDICT mode a handler must reach the answer the kernel would give in
 * WSP_APPLY mode without asking it to change anything (tests/sockopt_parity).
 */
#include "sockopt_handlers.h"

#include <netinet/in.h>
#include <string.h>

/* ref §2.2 group G: TTL-like values above 255 fail WSAEINVAL; -1 means the
 * system default only for IPv6 hop limits (ref §3.3). */
SET_FN(wsp_set_byte_value)
{
    (void)optval; (void)optlen;
    int minimum = c->row->wlevel == WS_IPPROTO_IPV6 ? -1 : 0;
    if (v > 255 || v < minimum)
        return WSAEINVAL;
    return wsp_native_set_int(c, v);
}

/* ref §3.2: IP_TTL takes 1..255; 0 is no TTL a datagram can leave with
 * (Linux refuses it too). */
SET_FN(wsp_set_ttl)
{
    if (v == 0)
        return WSAEINVAL;
    return wsp_set_byte_value(c, v, optval, optlen);
}

static int is_bound(int fd)
{
    struct sockaddr_in6 sa;
    socklen_t len = sizeof sa;
    memset(&sa, 0, sizeof sa);
    return wsp_sys_getsockname(fd, (struct sockaddr *)&sa, &len) == 0 && sa.sin6_port != 0;
}

/* doc "Dual-Stack Sockets for IPv6 Winsock Applications": IPV6_V6ONLY is
 * set before the socket is bound; afterwards Linux refuses (EINVAL) and so
 * does Wine (WSAEINVAL).  Asked first so that audit predicts it. */
SET_FN(wsp_set_v6only)
{
    (void)optval; (void)optlen;
    if (is_bound(c->fd))
        return WSAEINVAL;
    return wsp_native_set_int(c, v != 0);
}

/*
 * IPPROTO_IP and IPPROTO_IPV6 options whose Windows meaning is not a plain
 * kernel call.  As in sockopt_sol.c, handlers decide and apply; the shapes
 * and the family rule (sockopt_family.c) are checked before they run.  In
 * WSP_PREDICT mode a handler must reach the answer the kernel would give in
 * WSP_APPLY mode without asking it to change anything (tests/sockopt_parity).
 */
#include "sockopt_handlers.h"

#include <errno.h>
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

/* A Windows interface given as an IPv4 address or, when the first byte is
 * 0, as an interface index in network byte order (doc "IPPROTO_IP socket
 * options", IP_MULTICAST_IF: "0.0.0.x"; ref §3.2).  Linux takes the index
 * through struct ip_mreqn. */
static void windows_interface(uint32_t net, struct ip_mreqn *m)
{
    uint32_t host = ntohl(net);
    if (host != 0 && host < 0x01000000u)
        m->imr_ifindex = (int)host;
    else
        m->imr_address.s_addr = net;
}

/* An interface that does not exist, or an address no interface has:
 * Linux says ENODEV or EADDRNOTAVAIL; Windows' answer is not documented and
 * libwsp gives Wine's, WSAEINVAL (tests/conformance). */
static int interface_answer(int wsa)
{
    return wsa == WSAEADDRNOTAVAIL || wsa == wsp_wsa_from_errno(ENODEV) ? WSAEINVAL : wsa;
}

SET_FN(wsp_set_mcast_if)
{
    (void)optval; (void)optlen;
    struct ip_mreqn m;
    memset(&m, 0, sizeof m);
    windows_interface((uint32_t)v, &m);
    return interface_answer(wsp_kernel_set(c, IPPROTO_IP, IP_MULTICAST_IF, &m, sizeof m));
}

/* IP_UNICAST_IF (index in network order, as on Linux) and IPV6_MULTICAST_IF
 * (index in host order, as on Linux): native, with Windows' answer for an
 * interface that does not exist */
SET_FN(wsp_set_interface_index)
{
    (void)optval; (void)optlen;
    return interface_answer(wsp_native_set_int(c, v));
}

/* IP_UNICAST_IF is set in network byte order but read back in host order
 * (doc "IPPROTO_IP socket options"); Linux reads back network order. */
GET_FN(wsp_get_unicast_if4)
{
    (void)buf; (void)buflen;
    int32_t net = 0;
    int wsa = wsp_kernel_get_int(c, IPPROTO_IP, IP_UNICAST_IF, &net);
    if (!wsa)
        *v = (int32_t)ntohl((uint32_t)net);
    return wsa;
}

/* IP_ADD_MEMBERSHIP / IP_DROP_MEMBERSHIP: Windows ip_mreq {group,
 * interface}, the interface possibly in index form. */
SET_FN(wsp_set_membership)
{
    (void)v; (void)optlen;
    struct WS_ip_mreq w;
    memcpy(&w, optval, sizeof w);
    struct ip_mreqn m;
    memset(&m, 0, sizeof m);
    m.imr_multiaddr.s_addr = w.imr_multiaddr.s_addr;
    windows_interface(w.imr_interface.s_addr, &m);
    int name = c->row->wname == WS_IP_ADD_MEMBERSHIP ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP;
    return wsp_kernel_set(c, IPPROTO_IP, name, &m, sizeof m);
}

/* The source-specific requests: Windows' ip_mreq_source is {group, source,
 * interface}, Linux's {group, interface, source} (ref §1.9).  An interface
 * in index form has no place in Linux's struct: the protocol-independent
 * request (group_source_req) carries the index instead. */
static const struct { int wname, native, by_index; } source_ops[] = {
    { WS_IP_ADD_SOURCE_MEMBERSHIP, IP_ADD_SOURCE_MEMBERSHIP, MCAST_JOIN_SOURCE_GROUP },
    { WS_IP_DROP_SOURCE_MEMBERSHIP, IP_DROP_SOURCE_MEMBERSHIP, MCAST_LEAVE_SOURCE_GROUP },
    { WS_IP_BLOCK_SOURCE, IP_BLOCK_SOURCE, MCAST_BLOCK_SOURCE },
    { WS_IP_UNBLOCK_SOURCE, IP_UNBLOCK_SOURCE, MCAST_UNBLOCK_SOURCE },
};

SET_FN(wsp_set_source_membership)
{
    (void)v; (void)optlen;
    size_t i = 0;
    while (i < sizeof source_ops / sizeof source_ops[0] && source_ops[i].wname != c->row->wname)
        i++;
    if (i == sizeof source_ops / sizeof source_ops[0])
        return WSAENOPROTOOPT;
    struct WS_ip_mreq_source w;
    memcpy(&w, optval, sizeof w);
    struct ip_mreqn iface;
    memset(&iface, 0, sizeof iface);
    windows_interface(w.imr_interface.s_addr, &iface);
    if (iface.imr_ifindex) {
        struct group_source_req g;
        memset(&g, 0, sizeof g);
        g.gsr_interface = (uint32_t)iface.imr_ifindex;
        struct sockaddr_in *grp = (struct sockaddr_in *)&g.gsr_group, *src = (struct sockaddr_in *)&g.gsr_source;
        grp->sin_family = src->sin_family = AF_INET;
        grp->sin_addr.s_addr = w.imr_multiaddr.s_addr;
        src->sin_addr.s_addr = w.imr_sourceaddr.s_addr;
        return wsp_kernel_set(c, IPPROTO_IP, source_ops[i].by_index, &g, sizeof g);
    }
    struct ip_mreq_source m = {
        .imr_multiaddr.s_addr = w.imr_multiaddr.s_addr,
        .imr_interface.s_addr = w.imr_interface.s_addr,
        .imr_sourceaddr.s_addr = w.imr_sourceaddr.s_addr,
    };
    return wsp_kernel_set(c, IPPROTO_IP, source_ops[i].native, &m, sizeof m);
}

/* ---- MCAST_* (RFC 3678): Windows numbers them 41..46, Linux 42..47 in
 * another order (ref §1.9); the layouts match on 64-bit (a ULONG, padding
 * to 8, SOCKADDR_STORAGEs) except the address family values inside. */
static const struct { int wname, native, with_source; } mcast_ops[] = {
    { WS_MCAST_JOIN_GROUP, MCAST_JOIN_GROUP, 0 },
    { WS_MCAST_LEAVE_GROUP, MCAST_LEAVE_GROUP, 0 },
    { WS_MCAST_BLOCK_SOURCE, MCAST_BLOCK_SOURCE, 1 },
    { WS_MCAST_UNBLOCK_SOURCE, MCAST_UNBLOCK_SOURCE, 1 },
    { WS_MCAST_JOIN_SOURCE_GROUP, MCAST_JOIN_SOURCE_GROUP, 1 },
    { WS_MCAST_LEAVE_SOURCE_GROUP, MCAST_LEAVE_SOURCE_GROUP, 1 },
};
_Static_assert(sizeof(struct WS_group_req) == sizeof(struct group_req), "group_req layouts differ");
_Static_assert(sizeof(struct WS_group_source_req) == sizeof(struct group_source_req), "group_source_req layouts differ");
_Static_assert(offsetof(struct WS_group_req, gr_group) == offsetof(struct group_req, gr_group), "gr_group offset");

/* A Windows address family inside a request: AF_INET and AF_INET6 only */
static int native_family(struct sockaddr_storage *ss)
{
    int af = wsp_af_to_native(ss->ss_family);
    if (af != AF_INET && af != AF_INET6)
        return WSAEINVAL;
    ss->ss_family = (sa_family_t)af;
    return 0;
}

SET_FN(wsp_set_mcast_group)
{
    (void)v;
    size_t i = 0;
    while (i < sizeof mcast_ops / sizeof mcast_ops[0] && mcast_ops[i].wname != c->row->wname)
        i++;
    if (i == sizeof mcast_ops / sizeof mcast_ops[0])
        return WSAENOPROTOOPT;
    int level = c->row->wlevel == WS_IPPROTO_IPV6 ? IPPROTO_IPV6 : IPPROTO_IP;
    if (mcast_ops[i].with_source) {
        if (optlen < (int)sizeof(struct group_source_req))
            return WSAEFAULT;
        struct group_source_req g;
        memcpy(&g, optval, sizeof g);
        int wsa = native_family(&g.gsr_group);
        if (!wsa)
            wsa = native_family(&g.gsr_source);
        return wsa ? wsa : wsp_kernel_set(c, level, mcast_ops[i].native, &g, sizeof g);
    }
    struct group_req g;
    memcpy(&g, optval, sizeof g);
    int wsa = native_family(&g.gr_group);
    return wsa ? wsa : wsp_kernel_set(c, level, mcast_ops[i].native, &g, sizeof g);
}

/* ---- IP_DONTFRAGMENT / IPV6_DONTFRAG ----------------------------------------
 * Windows: a BOOL, by default FALSE on datagram sockets and TRUE on stream
 * sockets (Wine's tests on Windows, ref §3.2; at IPPROTO_IPV6 too); any
 * nonzero value reads back 1.  Linux keeps path-MTU discovery modes, WANT
 * by default: TRUE is DO (never fragment), FALSE is DONT, and WANT reads as
 * Windows' default for the socket type.  IPv6 also has IPV6_DONTFRAG, which
 * a POSIX program may have set: it counts as TRUE. */
static int dontfrag_levels(const struct wsp_optctx *c, int *level, int *mtu_name)
{
    int v6 = c->s->family == AF_INET6 && c->row->wlevel == WS_IPPROTO_IPV6;
    *level = v6 ? IPPROTO_IPV6 : IPPROTO_IP;
    *mtu_name = v6 ? IPV6_MTU_DISCOVER : IP_MTU_DISCOVER;
    return v6;
}

SET_FN(wsp_set_dontfrag)
{
    (void)optval; (void)optlen;
    int level, mtu_name;
    int v6 = dontfrag_levels(c, &level, &mtu_name);
    int mode = v ? IP_PMTUDISC_DO : IP_PMTUDISC_DONT;
    int wsa = wsp_kernel_set(c, level, mtu_name, &mode, sizeof mode);
    if (!wsa && v6) {
        int on = v != 0;
        wsa = wsp_kernel_set(c, IPPROTO_IPV6, IPV6_DONTFRAG, &on, sizeof on);
    }
    return wsa;
}

GET_FN(wsp_get_dontfrag)
{
    (void)buf; (void)buflen;
    int level, mtu_name;
    int32_t mode = 0, on = 0;
    if (dontfrag_levels(c, &level, &mtu_name) && wsp_kernel_get_int(c, IPPROTO_IPV6, IPV6_DONTFRAG, &on) == 0 && on) {
        *v = 1;
        return 0;
    }
    int wsa = wsp_kernel_get_int(c, level, mtu_name, &mode);
    if (wsa)
        return wsa;
    *v = mode == IP_PMTUDISC_WANT ? c->s->type == SOCK_STREAM : mode != IP_PMTUDISC_DONT;
    return 0;
}

/* ---- IP_MTU_DISCOVER / IPV6_MTU_DISCOVER: the same four states, numbered
 * differently (Windows PMTUD_STATE: NOT_SET 0, DO 1, DONT 2, PROBE 3; Linux:
 * DONT 0, WANT 1, DO 2, PROBE 3).  Linux's INTERFACE and OMIT modes, which
 * a POSIX program may have chosen, read as DO: they never fragment either. */
static const int pmtud_native[] = { IP_PMTUDISC_WANT, IP_PMTUDISC_DO, IP_PMTUDISC_DONT, IP_PMTUDISC_PROBE };

SET_FN(wsp_set_pmtud)
{
    (void)optval; (void)optlen;
    if ((uint32_t)v >= sizeof pmtud_native / sizeof pmtud_native[0])
        return WSAEINVAL;
    int mode = pmtud_native[v];
    return wsp_kernel_set(c, c->row->nlevel, c->row->nname, &mode, sizeof mode);
}

GET_FN(wsp_get_pmtud)
{
    (void)buf; (void)buflen;
    int32_t mode = 0;
    int wsa = wsp_native_get_int(c, &mode);
    if (wsa)
        return wsa;
    switch (mode) {
    case IP_PMTUDISC_WANT:  *v = WS_IP_PMTUDISC_NOT_SET; break;
    case IP_PMTUDISC_DONT:  *v = WS_IP_PMTUDISC_DONT; break;
    case IP_PMTUDISC_PROBE: *v = WS_IP_PMTUDISC_PROBE; break;
    default:                *v = WS_IP_PMTUDISC_DO; break;
    }
    return 0;
}

/* ---- IP_HDRINCL / IPV6_HDRINCL: raw sockets only; on TCP and UDP sockets
 * both get and set fail WSAEINVAL (Vista+, Wine's tests on Windows, ref
 * §3.2). */
SET_FN(wsp_set_hdrincl)
{
    (void)optval; (void)optlen;
    if (c->s->type != SOCK_RAW)
        return WSAEINVAL;
    return wsp_native_set_int(c, v != 0);
}

GET_FN(wsp_get_hdrincl)
{
    (void)buf; (void)buflen;
    if (c->s->type != SOCK_RAW)
        return WSAEINVAL;
    int wsa = wsp_native_get_int(c, v);
    *v = *v != 0;
    return wsa;
}

/* A struct Windows and Linux lay out alike (ipv6_mreq), handed over as is. */
SET_FN(wsp_set_native_struct)
{
    (void)v; (void)optlen;
    return wsp_kernel_set(c, c->row->nlevel, c->row->nname, optval, (socklen_t)c->row->size);
}

/* IPV6_UNICAST_IF: Windows takes the index in host order (ref §1.10),
 * Linux's IPV6_UNICAST_IF in network order, as for IPv4. */
SET_FN(wsp_set_unicast_if6)
{
    (void)optval; (void)optlen;
    int net = (int)htonl((uint32_t)v);
    return interface_answer(wsp_kernel_set(c, IPPROTO_IPV6, IPV6_UNICAST_IF, &net, sizeof net));
}

GET_FN(wsp_get_unicast_if6)
{
    (void)buf; (void)buflen;
    int32_t net = 0;
    int wsa = wsp_kernel_get_int(c, IPPROTO_IPV6, IPV6_UNICAST_IF, &net);
    if (!wsa)
        *v = (int32_t)ntohl((uint32_t)net);
    return wsa;
}

/* IP_OPTIONS: the IPv4 header options, up to 40 bytes; optlen 0 clears them
 * (ref §3.2).  Linux takes and returns the same bytes. */
SET_FN(wsp_set_ip_options)
{
    (void)v;
    return wsp_kernel_set(c, IPPROTO_IP, IP_OPTIONS, optlen ? optval : NULL, (socklen_t)optlen);
}

GET_FN(wsp_get_ip_options)
{
    unsigned char opts[40];
    socklen_t len = sizeof opts;
    if (wsp_sys_getsockopt(c->fd, IPPROTO_IP, IP_OPTIONS, opts, &len) != 0)
        return wsp_wsa_from_errno(errno);
    if ((int)len > buflen)
        return WSAEFAULT;
    memcpy(buf, opts, len);
    *v = (int32_t)len;
    return 0;
}

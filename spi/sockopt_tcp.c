/*
 * IPPROTO_TCP options beyond Nagle and keep-alive (doc "IPPROTO_TCP socket
 * options"; ref §1.7, §3.1).  Handlers decide and apply, as in
 * sockopt_sol.c; in WSP_PREDICT mode they reach enforce's answer without
 * changing anything.
 */
#include "sockopt_handlers.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <unistd.h>

/* ---- TCP_MAXRT (seconds) and TCP_MAXRTMS (milliseconds): how long
 * retransmission goes on before the connection is dropped; (DWORD)-1 means
 * forever (ref §3.1).  Linux: TCP_USER_TIMEOUT in milliseconds, 0 meaning
 * the system's default, at most INT_MAX.  "Forever" becomes INT_MAX ms
 * (24.8 days) and reads back as -1; other values Linux cannot hold fail
 * WSAEINVAL. */
static int user_timeout_set(struct wsp_optctx *c, uint32_t windows, uint32_t unit_ms)
{
    int ms;
    if (windows == UINT32_MAX)
        ms = INT_MAX;
    else if (windows > (uint32_t)(INT_MAX - 1) / unit_ms)
        return WSAEINVAL;
    else
        ms = (int)(windows * unit_ms);
    return wsp_kernel_set(c, IPPROTO_TCP, TCP_USER_TIMEOUT, &ms, sizeof ms);
}

static int user_timeout_get(struct wsp_optctx *c, int32_t *v, uint32_t unit_ms)
{
    int32_t ms = 0;
    int wsa = wsp_kernel_get_int(c, IPPROTO_TCP, TCP_USER_TIMEOUT, &ms);
    if (!wsa)
        *v = ms == INT_MAX ? -1 : ms / (int32_t)unit_ms;
    return wsa;
}

SET_FN(wsp_set_maxrt) { (void)optval; (void)optlen; return user_timeout_set(c, (uint32_t)v, 1000); }
GET_FN(wsp_get_maxrt) { (void)buf; (void)buflen; return user_timeout_get(c, v, 1000); }
SET_FN(wsp_set_maxrtms) { (void)optval; (void)optlen; return user_timeout_set(c, (uint32_t)v, 1); }
GET_FN(wsp_get_maxrtms) { (void)buf; (void)buflen; return user_timeout_get(c, v, 1); }

/* ---- TCP_FASTOPEN: a client BOOL, set before connecting (doc; ref §3.1).
 * Linux's client switch is TCP_FASTOPEN_CONNECT, refused (EINVAL) once the
 * socket has left the closed state; asked first so that audit predicts it. */
static int tcp_closed(int fd)
{
    struct tcp_info ti;
    socklen_t len = sizeof ti;
    memset(&ti, 0, sizeof ti);
    return wsp_sys_getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) != 0 || ti.tcpi_state == TCP_CLOSE;
}

SET_FN(wsp_set_fastopen)
{
    (void)optval; (void)optlen;
    if (!tcp_closed(c->fd))
        return WSAEINVAL;
    return wsp_native_set_int(c, v != 0);
}

/* ---- TCP_TIMESTAMPS: Windows overrides RFC 1323 timestamps per socket;
 * Linux has only the system-wide net.ipv4.tcp_timestamps.  Get reads that
 * setting; a set fails WSAENOPROTOOPT rather than pretend (README). */
GET_FN(wsp_get_timestamps)
{
    (void)c; (void)buf; (void)buflen;
    char text[8] = { 0 };
    int fd = open("/proc/sys/net/ipv4/tcp_timestamps", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return WSAENOPROTOOPT;
    ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    *v = n > 0 && text[0] != '0';
    return 0;
}

/* ---- TCP_EXPEDITED_1122 / TCP_BSDURGENT: RFC 1122 or BSD urgent-pointer
 * semantics, BSD by default (ref §3.1).  Linux implements only BSD's: the
 * default reads as it is, and asking for RFC 1122 fails WSAENOPROTOOPT. */
GET_FN(wsp_get_expedited) { (void)c; (void)buf; (void)buflen; *v = 0; return 0; }
GET_FN(wsp_get_bsdurgent) { (void)c; (void)buf; (void)buflen; *v = 1; return 0; }
SET_FN(wsp_set_expedited) { (void)c; (void)optval; (void)optlen; return v ? WSAENOPROTOOPT : 0; }
SET_FN(wsp_set_bsdurgent) { (void)c; (void)optval; (void)optlen; return v ? 0 : WSAENOPROTOOPT; }

/* ---- TCP_FAIL_CONNECT_ON_ICMP_ERROR: a connect that meets an ICMP error
 * fails at once (WSAEHOSTUNREACH, ref §3.1) instead of retrying.  Linux
 * treats ICMP errors during the handshake as hard errors when IP_RECVERR
 * (IPV6_RECVERR) is on, failing connect with EHOSTUNREACH/ENETUNREACH. */
SET_FN(wsp_set_fail_on_icmp)
{
    (void)optval; (void)optlen;
    int on = v != 0;
    int wsa = wsp_kernel_set(c, IPPROTO_IP, IP_RECVERR, &on, sizeof on);
    if (!wsa && c->s->family == AF_INET6)
        wsa = wsp_kernel_set(c, IPPROTO_IPV6, IPV6_RECVERR, &on, sizeof on);
    return wsa;
}

GET_FN(wsp_get_fail_on_icmp)
{
    (void)buf; (void)buflen;
    int32_t on = 0;
    int wsa = wsp_kernel_get_int(c, c->s->family == AF_INET6 ? IPPROTO_IPV6 : IPPROTO_IP,
                                 c->s->family == AF_INET6 ? IPV6_RECVERR : IP_RECVERR, &on);
    *v = on != 0;
    return wsa;
}

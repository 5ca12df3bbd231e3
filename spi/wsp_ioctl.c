/*
 * WSPIoctl: one row per control code -- its buffers' minimum sizes, the
 * socket types it applies to, its handler and the source of the rule.
 * Overlapped calls are out of scope (WSAEOPNOTSUPP); a code not in the table
 * fails WSAEOPNOTSUPP (W-test test_unsupported_ioctls; Wine agrees,
 * conformance dp.*.ioctl.unknown_code).
 */
#include "wsp_internal.h"
#include "wsp_procs.h"
#include "safecopy.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>

struct ioctl_call {
    int fd;
    struct wsp_sock *s;
    SOCKET sock;
    const void *in;
    void *out;
    DWORD out_len;
    DWORD returned;
};

typedef int (*ioctl_fn)(struct ioctl_call *c);

static int fionbio(struct ioctl_call *c)
{
    WS_u_long v;
    memcpy(&v, c->in, sizeof v);
    /* ref datapath §6 (doc ioctlsocket function): while WSAEventSelect is in
     * force the socket cannot be made blocking */
    if (!v && wsp_sock_has(c->s, WSP_SF_EVENTSELECT))
        return WSAEINVAL;
    int on = v != 0;
    return wsp_sys_ioctl(c->fd, FIONBIO, &on) == 0 ? 0 : wsp_wsa_from_errno(errno);
}

static int put_ulong(struct ioctl_call *c, WS_u_long v)
{
    memcpy(c->out, &v, sizeof v);
    c->returned = sizeof v;
    return 0;
}

/* Stream: bytes queued.  Datagram: Linux and Wine give the size of the first
 * datagram (ref datapath §6 "verify"; README lists the difference from the
 * documented total). */
static int fionread(struct ioctl_call *c)
{
    int n = 0;
    if (wsp_sys_ioctl(c->fd, FIONREAD, &n) != 0)
        return wsp_wsa_from_errno(errno);
    return put_ulong(c, (WS_u_long)n);
}

/* doc ioctlsocket function (SIOCATMARK): TRUE when no out-of-band data waits
 * to be read.  Linux's SIOCATMARK answers "is the next byte the mark" instead,
 * so the provider asks whether urgent data is pending (POLLPRI). */
static int siocatmark(struct ioctl_call *c)
{
    struct pollfd p = { .fd = c->fd, .events = POLLPRI };
    int oobinline = 0;
    socklen_t len = sizeof oobinline;
    wsp_sys_getsockopt(c->fd, SOL_SOCKET, SO_OOBINLINE, &oobinline, &len);
    if (oobinline) {
        int mark = 0;
        if (wsp_sys_ioctl(c->fd, SIOCATMARK, &mark) != 0)
            return wsp_wsa_from_errno(errno);
        return put_ulong(c, !mark ? 1 : 0);
    }
    if (wsp_sys_ppoll(&p, 1, 0) < 0)
        return wsp_wsa_from_errno(errno);
    return put_ulong(c, (p.revents & POLLPRI) ? 0 : 1);
}

/* doc "Winsock IOCTLs" (SIO_UDP_CONNRESET): BOOL, FALSE stops ICMP port
 * unreachable from failing the next WSPRecvFrom with WSAECONNRESET */
static int udp_connreset(struct ioctl_call *c)
{
    BOOL on;
    memcpy(&on, c->in, sizeof on);
    /* a stream socket accepts it and nothing changes (Wine; conformance
     * dp.tcp*.ioctl.sio_udp_connreset) */
    if (c->s->type == SOCK_STREAM)
        return 0;
    return wsp_udp_connreset(c->fd, c->s, on != FALSE);
}

/* doc "SIO_KEEPALIVE_VALS control code": struct tcp_keepalive, milliseconds;
 * applied through the option table so that SO_KEEPALIVE, TCP_KEEPALIVE and
 * TCP_KEEPINTVL read back what was set (seconds, as Windows reports them). */
static int keepalive_vals(struct ioctl_call *c)
{
    struct tcp_keepalive k;
    memcpy(&k, c->in, sizeof k);
    struct wsp_verdict v;
    char onoff = k.onoff ? 1 : 0;
    int32_t idle = (int32_t)(k.keepalivetime / 1000), intvl = (int32_t)(k.keepaliveinterval / 1000);
    if (k.onoff) {
        if (wsp_setsockopt_mode(c->sock, WS_IPPROTO_TCP, WS_TCP_KEEPALIVE, (const char *)&idle, sizeof idle,
                                WSP_APPLY, &v) != 0)
            return v.wsa;
        if (wsp_setsockopt_mode(c->sock, WS_IPPROTO_TCP, WS_TCP_KEEPINTVL, (const char *)&intvl, sizeof intvl,
                                WSP_APPLY, &v) != 0)
            return v.wsa;
    }
    if (wsp_setsockopt_mode(c->sock, WS_SOL_SOCKET, WS_SO_KEEPALIVE, &onoff, 1, WSP_APPLY, &v) != 0)
        return v.wsa;
    return 0;
}

enum { ANY = 0, STREAM_ONLY = 1, DGRAM_ONLY = 2 };

static const struct ioctl_row {
    DWORD code;
    const char *name;
    DWORD in_min, out_min;
    int types;
    int wrong_type;                   /* WSAE code for the other socket types */
    ioctl_fn fn;
    const char *source;
} ioctl_table[] = {
    { WS_FIONBIO, "FIONBIO", sizeof(WS_u_long), 0, ANY, 0, fionbio, "doc ioctlsocket function" },
    { WS_FIONREAD, "FIONREAD", 0, sizeof(WS_u_long), ANY, 0, fionread, "doc ioctlsocket function" },
    { WS_SIOCATMARK, "SIOCATMARK", 0, sizeof(WS_u_long), STREAM_ONLY, WSAEINVAL, siocatmark,
      "doc ioctlsocket function (stream sockets); datagram: WSAEINVAL as Wine (conformance)" },
    { SIO_UDP_CONNRESET, "SIO_UDP_CONNRESET", sizeof(BOOL), 0, ANY, 0, udp_connreset,
      "doc Winsock IOCTLs (SIO_UDP_CONNRESET)" },
    { SIO_KEEPALIVE_VALS, "SIO_KEEPALIVE_VALS", sizeof(struct tcp_keepalive), 0, STREAM_ONLY, WSAEINVAL,
      keepalive_vals, "doc SIO_KEEPALIVE_VALS control code" },
};

static int fail(LPINT lpErrno, int wsa)
{
    if (lpErrno)
        *lpErrno = wsa;
    return SOCKET_ERROR;
}

/* WSAPoll for the ws2_32 layer (<ws2spi.h>, wsp_poll.c): no socket of its
 * own, so it is answered before the socket lookup. */
static int poll_ioctl(LPVOID in, DWORD in_len, LPVOID out, DWORD out_len, LPDWORD returned,
                      LPWSAOVERLAPPED overlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE completion, LPINT lpErrno)
{
    if (!wsp_started())
        return fail(lpErrno, WSANOTINITIALISED);
    if (overlapped || completion)
        return fail(lpErrno, WSAEOPNOTSUPP);
    WSPSHIM_POLL_ARGS args;
    if (in_len < sizeof args || out_len < sizeof(INT) || wsp_copy_in(&args, in, sizeof args) != 0)
        return fail(lpErrno, WSAEFAULT);
    INT result = 0;
    int wsa = wsp_poll(&args, &result);
    if (wsa)
        return fail(lpErrno, wsa);
    if (wsp_copy_out(out, &result, sizeof result) != 0)
        return fail(lpErrno, WSAEFAULT);
    if (returned)
        *returned = sizeof result;
    return 0;
}

int WSPAPI wsp_WSPIoctl(SOCKET s, DWORD code, LPVOID in, DWORD in_len, LPVOID out, DWORD out_len,
                        LPDWORD returned, LPWSAOVERLAPPED overlapped,
                        LPWSAOVERLAPPED_COMPLETION_ROUTINE completion, LPWSATHREADID thread, LPINT lpErrno)
{
    (void)thread;
    struct ioctl_call c = { .sock = s, .in = in, .out = out, .out_len = out_len };
    if (code == SIO_WSPSHIM_POLL)
        return poll_ioctl(in, in_len, out, out_len, returned, overlapped, completion, lpErrno);
    int wsa = wsp_socket_of(s, &c.fd, &c.s);
    if (wsa)
        return fail(lpErrno, wsa);
    if (overlapped || completion)
        return fail(lpErrno, WSAEOPNOTSUPP);       /* overlapped I/O is not implemented */
    const struct ioctl_row *row = NULL;
    for (size_t i = 0; i < sizeof ioctl_table / sizeof ioctl_table[0]; i++)
        if (ioctl_table[i].code == code)
            row = &ioctl_table[i];
    if (!row)
        return fail(lpErrno, WSAEOPNOTSUPP);
    if ((row->in_min && (!in || in_len < row->in_min)) || (row->out_min && (!out || out_len < row->out_min)))
        return fail(lpErrno, WSAEFAULT);
    /* the handlers work on copies: a buffer the process cannot reach is
     * WSAEFAULT (doc WSAIoctl), not a crash */
    union { char b[64]; uint64_t align; } in_copy, out_copy;
    _Static_assert(sizeof(struct tcp_keepalive) <= sizeof in_copy.b, "largest input");
    if (row->in_min) {
        if (wsp_user_in(in_copy.b, in, row->in_min))
            return fail(lpErrno, WSAEFAULT);
        c.in = in_copy.b;
    }
    if (row->out_min)
        c.out = out_copy.b;
    int dgram = c.s->type != SOCK_STREAM;
    if ((row->types == STREAM_ONLY && dgram) || (row->types == DGRAM_ONLY && !dgram))
        return fail(lpErrno, row->wrong_type);
    if ((wsa = row->fn(&c)) != 0)
        return fail(lpErrno, wsa);
    if (c.returned && wsp_user_out(out, out_copy.b, c.returned))
        return fail(lpErrno, WSAEFAULT);
    if (returned && wsp_user_out(returned, &c.returned, sizeof c.returned))
        return fail(lpErrno, WSAEFAULT);
    return 0;
}

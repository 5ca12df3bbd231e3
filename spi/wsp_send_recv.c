/*
 * The data calls: WSPSend, WSPSendTo, WSPRecv, WSPRecvFrom,
 * WSPSendDisconnect, WSPRecvDisconnect.  WSABUF arrays map onto one
 * sendmsg/recvmsg (scatter/gather); Windows outcomes where Linux differs are
 * decided here, one rule per check, each with its source
 * (reference/winsock-datapath.md = "ref datapath").  Overlapped I/O is out of
 * scope: a non-NULL lpOverlapped or completion routine fails WSAEOPNOTSUPP.
 */
#include "wsp_internal.h"
#include "wsp_procs.h"

#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/uio.h>
#include <time.h>

/* The kernel takes at most UIO_MAXIOV buffers per call; Windows has no
 * documented limit, the provider answers more with WSAENOBUFS (README). */
#define WSP_MAX_WSABUF 1024

enum { DIR_RECV = 1, DIR_SEND = 2 };

/* Windows MSG_* input flags (hdr values, ref datapath §4) and what Linux
 * calls them.  Other bits are ignored: no Windows source says otherwise and
 * Wine ignores them (conformance: dp.*.recv.flag_*, dp.*.send.flag_*). */
static const struct msg_flag_row {
    DWORD wflag;
    int nflag;
    int dirs;
    const char *source;
} msg_flags[] = {
    { WS_MSG_OOB, MSG_OOB, DIR_RECV | DIR_SEND, "doc recv function, send function" },
    { WS_MSG_PEEK, MSG_PEEK, DIR_RECV, "doc recv function" },
    { WS_MSG_DONTROUTE, MSG_DONTROUTE, DIR_SEND, "doc send function" },
    { WS_MSG_WAITALL, MSG_WAITALL, DIR_RECV, "doc recv function" },
    { WS_MSG_PUSH_IMMEDIATE, 0, DIR_RECV, "doc WSARecv function: a delivery hint, nothing to do on Linux" },
};

static int fail(LPINT lpErrno, int wsa)
{
    if (lpErrno)
        *lpErrno = wsa;
    return SOCKET_ERROR;
}

/* the Linux flags for the Windows ones this direction knows */
static int translate_flags(DWORD wflags, int dir, int *nflags)
{
    int out = 0;
    for (size_t i = 0; i < sizeof msg_flags / sizeof msg_flags[0]; i++)
        if ((wflags & msg_flags[i].wflag) && (msg_flags[i].dirs & dir))
            out |= msg_flags[i].nflag;
    *nflags = out;
    return 0;
}

/* The per-socket rules on flags, before any I/O. */
static int check_flags(int fd, const struct wsp_sock *s, int nflags, int dir)
{
    int dgram = s->type != SOCK_STREAM;
    /* ref datapath §4: MSG_OOB on a datagram socket -> WSAEOPNOTSUPP */
    if ((nflags & MSG_OOB) && dgram)
        return WSAEOPNOTSUPP;
    /* ref datapath §4 (doc recv function, flags): MSG_WAITALL is refused on
     * datagram and on nonblocking sockets */
    if (dir == DIR_RECV && (nflags & MSG_WAITALL) && (dgram || wsp_fd_nonblocking(fd)))
        return WSAEOPNOTSUPP;
    return 0;
}

/* doc WSARecv/WSASend (WSAEFAULT: lpBuffers or a buffer not in the user
 * address space) */
static int make_iov(LPWSABUF bufs, DWORD count, struct iovec *iov)
{
    if (count && wsp_bad_pointer(bufs))
        return WSAEFAULT;
    if (count > WSP_MAX_WSABUF)
        return WSAENOBUFS;
    for (DWORD i = 0; i < count; i++) {
        WSABUF b;
        if (wsp_user_in(&b, &bufs[i], sizeof b))
            return WSAEFAULT;
        if (b.len && wsp_bad_pointer(b.buf))
            return WSAEFAULT;
        iov[i].iov_base = b.buf;      /* the kernel checks the bytes themselves (EFAULT) */
        iov[i].iov_len = b.len;
    }
    return 0;
}

/* After a kernel "would block": Windows distinguishes a nonblocking socket
 * (WSAEWOULDBLOCK) from a blocking one whose SO_RCVTIMEO/SO_SNDTIMEO ran
 * out (WSAETIMEDOUT, ref datapath §4). */
static unsigned eagain_ctx(int fd)
{
    return wsp_fd_nonblocking(fd) ? 0 : WSP_CTX_TIMED;
}

/* IP_RECVERR queues every ICMP error; once the error has been reported (or
 * ignored) the queue is emptied so that poll stops reporting POLLERR. */
static void drain_error_queue(int fd)
{
    char buf[64], ctl[256];
    for (int i = 0; i < 64; i++) {
        struct iovec iov = { buf, sizeof buf };
        struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl };
        if (wsp_sys_recvmsg(fd, &m, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
            break;
    }
}

int wsp_udp_connreset(int fd, struct wsp_sock *s, int on)
{
    /* ref datapath §4: Linux reports ICMP port unreachable on an unconnected
     * UDP socket only with IP_RECVERR / IPV6_RECVERR */
    int v = on ? 1 : 0;
    if (wsp_sys_setsockopt(fd, IPPROTO_IP, IP_RECVERR, &v, sizeof v) != 0 && s->family == AF_INET)
        return wsp_wsa_from_errno(errno);
    if (s->family == AF_INET6 && wsp_sys_setsockopt(fd, IPPROTO_IPV6, IPV6_RECVERR, &v, sizeof v) != 0)
        return wsp_wsa_from_errno(errno);
    wsp_sock_set_flag(s, WSP_SF_NO_CONNRESET, !on);
    if (!on) {
        wsp_sock_set_flag(s, WSP_SF_CONNRESET_DUE, 0);
        drain_error_queue(fd);
    }
    return 0;
}

int wsp_datapath_socket_defaults(int fd, struct wsp_sock *s)
{
    /* doc "Winsock IOCTLs" (SIO_UDP_CONNRESET): reporting is on by default */
    if (s->type == SOCK_DGRAM)
        return wsp_udp_connreset(fd, s, 1);
    return 0;
}

/* A datagram socket met an ICMP error (ECONNREFUSED).  1: report it now. */
static int icmp_error(int fd, struct wsp_sock *s)
{
    drain_error_queue(fd);
    return !wsp_sock_has(s, WSP_SF_NO_CONNRESET);
}

/* A signal interrupted a blocking receive or send.  Windows has no signals:
 * the call goes on waiting, but only for what is left of its
 * SO_RCVTIMEO/SO_SNDTIMEO (doc "SOL_SOCKET Socket Options": the call fails
 * WSAETIMEDOUT once the timeout elapses) -- Linux would start the whole
 * timeout again on every retry, so a periodic signal (an alarm, a profiler's
 * SIGPROF) would make it never expire.  *start_ms is when the call began
 * (0: unknown, then this first interruption counts as the start).
 * 0: try the call again; EAGAIN: the timeout is over. */
static long long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int wait_rest_of_timeout(int fd, struct wsp_sock *s, int dir, long long *start_ms)
{
    int name = dir == DIR_RECV ? SO_RCVTIMEO : SO_SNDTIMEO;
    uint32_t flag = dir == DIR_RECV ? WSP_SF_RCVTIMEO_SET : WSP_SF_SNDTIMEO_SET;
    long long ms;
    if (wsp_sock_has(s, flag)) {
        ms = atomic_load_explicit(dir == DIR_RECV ? &s->rcvtimeo_ms : &s->sndtimeo_ms, memory_order_relaxed);
    } else {
        struct timeval tv = { 0, 0 };
        socklen_t len = sizeof tv;
        if (wsp_sys_getsockopt(fd, SOL_SOCKET, name, &tv, &len) != 0)
            return 0;
        ms = (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000;
    }
    if (ms == 0 || wsp_fd_nonblocking(fd))
        return 0;                     /* no timeout: just wait again */
    if (!*start_ms)
        *start_ms = mono_ms();
    long long left = *start_ms + ms - mono_ms();
    if (left <= 0)
        return EAGAIN;
    struct pollfd p = { fd, dir == DIR_RECV ? (POLLIN | POLLPRI) : POLLOUT, 0 };
    int r = wsp_sys_ppoll(&p, 1, left > INT_MAX ? INT_MAX : (int)left);
    if (r == 0)
        return EAGAIN;
    return 0;                         /* ready, woken by a close, or another signal */
}

/* when a call that may time out began; 0 if it has no timeout of its own */
static long long call_start(struct wsp_sock *s, int dir)
{
    return wsp_sock_has(s, dir == DIR_RECV ? WSP_SF_RCVTIMEO_SET : WSP_SF_SNDTIMEO_SET) ? mono_ms() : 0;
}

static int recv_common(SOCKET sock, LPWSABUF bufs, DWORD count, LPDWORD bytes, LPDWORD lpFlags,
                       struct WS_sockaddr *from, LPINT fromlen, LPWSAOVERLAPPED ov,
                       LPWSAOVERLAPPED_COMPLETION_ROUTINE cr, LPINT lpErrno)
{
    int fd, wsa, nflags = 0;
    struct wsp_sock *s;
    if ((wsa = wsp_socket_of(sock, &fd, &s)) != 0)
        return fail(lpErrno, wsa);
    if (ov || cr)
        return fail(lpErrno, WSAEOPNOTSUPP);       /* overlapped I/O: not implemented (README) */
    DWORD in_flags;
    if (wsp_user_in(&in_flags, lpFlags, sizeof in_flags))
        return fail(lpErrno, WSAEFAULT);           /* doc WSARecv: lpFlags is in/out */
    if (bytes && wsp_bad_pointer(bytes))
        return fail(lpErrno, WSAEFAULT);           /* doc WSARecv: lpNumberOfBytesRecvd */
    struct iovec iov[WSP_MAX_WSABUF];
    if ((wsa = make_iov(bufs, count, iov)) != 0)
        return fail(lpErrno, wsa);
    if ((wsa = translate_flags(in_flags, DIR_RECV, &nflags)) != 0 || (wsa = check_flags(fd, s, nflags, DIR_RECV)) != 0)
        return fail(lpErrno, wsa);
    socklen_t want = s->family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
    int from_room = 0;
    if (from && (wsp_bad_pointer(from) || wsp_user_in(&from_room, fromlen, sizeof from_room) ||
                 from_room < (int)want))
        return fail(lpErrno, WSAEFAULT);           /* doc recvfrom: fromlen too small */
    /* ref datapath §4: a receive after shutdown(SD_RECEIVE) -> WSAESHUTDOWN */
    if (wsp_sock_has(s, WSP_SF_SHUT_RECV))
        return fail(lpErrno, WSAESHUTDOWN);
    int dgram = s->type != SOCK_STREAM;
    /* an ICMP error that surfaced on an earlier send belongs to this receive */
    if (dgram && wsp_sock_has(s, WSP_SF_CONNRESET_DUE)) {
        wsp_sock_set_flag(s, WSP_SF_CONNRESET_DUE, 0);
        if (!wsp_sock_has(s, WSP_SF_NO_CONNRESET))
            return fail(lpErrno, WSAECONNRESET);
    }

    struct sockaddr_storage addr;
    struct msghdr m;
    ssize_t r;
    int err = 0;
    if ((wsa = wsp_call_enter(s)) != 0)
        return fail(lpErrno, wsa);
    long long start = call_start(s, DIR_RECV);
    for (;;) {
        memset(&m, 0, sizeof m);
        m.msg_name = &addr;
        m.msg_namelen = sizeof addr;
        m.msg_iov = iov;
        m.msg_iovlen = count;
        r = wsp_sys_recvmsg(fd, &m, nflags | MSG_CMSG_CLOEXEC);
        err = errno;
        if (r >= 0 || wsp_call_closing(s))
            break;
        if (err == EINTR && (err = wait_rest_of_timeout(fd, s, DIR_RECV, &start)) == 0)
            continue;
        /* ref datapath §4: ICMP port unreachable -> WSAECONNRESET, unless
         * SIO_UDP_CONNRESET turned it off: then the error is skipped */
        if (dgram && err == ECONNREFUSED && !icmp_error(fd, s))
            continue;
        break;
    }
    int closing = wsp_call_closing(s);
    wsp_call_leave(s);
    if (closing)
        return fail(lpErrno, WSAEINTR);            /* wsp_wake.c: closed under the call */
    if (r < 0) {
        if (err == EAGAIN && wsp_events_on(s))
            wsp_events_reenable(s, (nflags & MSG_OOB) ? FD_OOB : FD_READ);
        return fail(lpErrno, wsp_wsa_from_errno_ctx(err, (err == EAGAIN ? eagain_ctx(fd) : 0) |
                                                             (dgram ? WSP_CTX_DGRAM : 0) | WSP_CTX_RECV));
    }
    if (wsp_events_on(s))
        wsp_events_reenable(s, (nflags & MSG_OOB) ? FD_OOB : FD_READ);   /* doc WSAEventSelect: re-enabling */
    DWORD no_flags = 0;
    if (wsp_user_out(lpFlags, &no_flags, sizeof no_flags))
        return fail(lpErrno, WSAEFAULT);
    if (from && m.msg_namelen > 0 && (wsa = wsp_addr_from_native(&addr, m.msg_namelen, from, fromlen)) != 0)
        return fail(lpErrno, wsa);
    /* ref datapath §4 (doc recv function): a datagram bigger than the buffers
     * fills them with its first part, the rest is lost, the call fails; the
     * byte count is left alone, as Wine does (conformance
     * dp.udp*.recv.dgram_truncated) */
    if (dgram && (m.msg_flags & MSG_TRUNC))
        return fail(lpErrno, WSAEMSGSIZE);
    DWORD got = (DWORD)r;
    if (bytes && wsp_user_out(bytes, &got, sizeof got))
        return fail(lpErrno, WSAEFAULT);
    return 0;
}

/* A blocking stream send that took part of the data: Linux returns what it
 * copied when a signal (or SO_SNDTIMEO) ends the wait for buffer room; on
 * Windows only a nonblocking stream socket sends part (doc "send function":
 * "between 1 and the requested length" on nonblocking sockets).  Drops the
 * r bytes sent from *cur and *n; 1 if some are left to send. */
static int rest_to_send(struct iovec **cur, size_t *n, size_t r)
{
    while (*n && r >= (*cur)->iov_len) {
        r -= (*cur)->iov_len;
        (*cur)++;
        (*n)--;
    }
    if (*n) {
        (*cur)->iov_base = (char *)(*cur)->iov_base + r;
        (*cur)->iov_len -= r;
    }
    while (*n && (*cur)->iov_len == 0) {
        (*cur)++;
        (*n)--;
    }
    return *n != 0;
}

static int send_common(SOCKET sock, LPWSABUF bufs, DWORD count, LPDWORD bytes, DWORD flags,
                       const struct WS_sockaddr *to, int tolen, LPWSAOVERLAPPED ov,
                       LPWSAOVERLAPPED_COMPLETION_ROUTINE cr, LPINT lpErrno)
{
    int fd, wsa, nflags = 0;
    struct wsp_sock *s;
    if ((wsa = wsp_socket_of(sock, &fd, &s)) != 0)
        return fail(lpErrno, wsa);
    if (ov || cr)
        return fail(lpErrno, WSAEOPNOTSUPP);       /* overlapped I/O: not implemented (README) */
    if (bytes && wsp_bad_pointer(bytes))
        return fail(lpErrno, WSAEFAULT);           /* doc WSASend: lpNumberOfBytesSent */
    struct iovec iov[WSP_MAX_WSABUF];
    if ((wsa = make_iov(bufs, count, iov)) != 0)
        return fail(lpErrno, wsa);
    if ((wsa = translate_flags(flags, DIR_SEND, &nflags)) != 0 || (wsa = check_flags(fd, s, nflags, DIR_SEND)) != 0)
        return fail(lpErrno, wsa);
    int dgram = s->type != SOCK_STREAM;
    struct sockaddr_storage addr;
    socklen_t alen = 0;
    /* doc sendto function: the address is ignored on a connection-oriented socket */
    if (to && !dgram)
        to = NULL;
    if (to) {
        if ((wsa = wsp_addr_to_native(to, tolen, &addr, &alen)) != 0)
            return fail(lpErrno, wsa);
        if (addr.ss_family != s->family)
            return fail(lpErrno, WSAEAFNOSUPPORT);
    }
    /* ref datapath §5 (doc send function): after shutdown(SD_SEND) -> WSAESHUTDOWN */
    if (wsp_sock_has(s, WSP_SF_SHUT_SEND))
        return fail(lpErrno, WSAESHUTDOWN);

    struct msghdr m;
    ssize_t r;
    int err = 0;
    if ((wsa = wsp_call_enter(s)) != 0)
        return fail(lpErrno, wsa);
    long long start = call_start(s, DIR_SEND);
    struct iovec *cur = iov;
    size_t ncur = count, done = 0;
    for (;;) {
        memset(&m, 0, sizeof m);
        m.msg_name = to ? &addr : NULL;
        m.msg_namelen = to ? alen : 0;
        m.msg_iov = cur;
        m.msg_iovlen = ncur;
        /* ref datapath §5: Windows has no SIGPIPE */
        r = wsp_sys_sendmsg(fd, &m, nflags | MSG_NOSIGNAL);
        err = errno;
        if (r >= 0 && !dgram && !wsp_call_closing(s) && rest_to_send(&cur, &ncur, (size_t)r) &&
            !wsp_fd_nonblocking(fd) && wait_rest_of_timeout(fd, s, DIR_SEND, &start) == 0) {
            done += (size_t)r;        /* blocking: send the rest, as Windows does */
            continue;
        }
        if (r >= 0 || wsp_call_closing(s))
            break;
        if (err == EINTR && (err = wait_rest_of_timeout(fd, s, DIR_SEND, &start)) == 0)
            continue;
        /* An ICMP error from an earlier datagram surfaces on this send on
         * Linux; Windows reports it on the next receive (doc recvfrom
         * function) -- keep it for then and send anyway. */
        if (dgram && err == ECONNREFUSED) {
            if (icmp_error(fd, s))
                wsp_sock_set_flag(s, WSP_SF_CONNRESET_DUE, 1);
            continue;
        }
        break;
    }
    int closing = wsp_call_closing(s);
    wsp_call_leave(s);
    if (closing)
        return fail(lpErrno, WSAEINTR);
    if (r < 0) {
        /* doc WSAEventSelect: FD_WRITE is re-enabled by a send that failed WSAEWOULDBLOCK */
        if (err == EAGAIN && wsp_events_on(s))
            wsp_events_reenable(s, FD_WRITE);
        /* a stream socket that never connected: Linux says EPIPE, as for a reset one */
        unsigned unconnected = !dgram && !wsp_sock_has(s, WSP_SF_CONNECTED) ? WSP_CTX_UNCONNECTED : 0;
        return fail(lpErrno, wsp_wsa_from_errno_ctx(err, (err == EAGAIN ? eagain_ctx(fd) : 0) |
                                                             (dgram ? WSP_CTX_DGRAM : 0) | unconnected));
    }
    /* data went out: connected, whichever way the connect completed */
    if (!dgram && !wsp_sock_has(s, WSP_SF_CONNECTED))
        wsp_sock_mark_connected(s);
    DWORD sent = (DWORD)(done + (size_t)r);
    if (bytes && wsp_user_out(bytes, &sent, sizeof sent))
        return fail(lpErrno, WSAEFAULT);
    return 0;
}

int WSPAPI wsp_WSPRecv(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesRecvd,
                       LPDWORD lpFlags, LPWSAOVERLAPPED lpOverlapped,
                       LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine, LPWSATHREADID lpThreadId,
                       LPINT lpErrno)
{
    (void)lpThreadId;
    return recv_common(s, lpBuffers, dwBufferCount, lpNumberOfBytesRecvd, lpFlags, NULL, NULL, lpOverlapped,
                       lpCompletionRoutine, lpErrno);
}

int WSPAPI wsp_WSPRecvFrom(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesRecvd,
                           LPDWORD lpFlags, struct WS_sockaddr *lpFrom, LPINT lpFromlen,
                           LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                           LPWSATHREADID lpThreadId, LPINT lpErrno)
{
    (void)lpThreadId;
    return recv_common(s, lpBuffers, dwBufferCount, lpNumberOfBytesRecvd, lpFlags, lpFrom, lpFromlen,
                       lpOverlapped, lpCompletionRoutine, lpErrno);
}

int WSPAPI wsp_WSPSend(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent,
                       DWORD dwFlags, LPWSAOVERLAPPED lpOverlapped,
                       LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine, LPWSATHREADID lpThreadId,
                       LPINT lpErrno)
{
    (void)lpThreadId;
    return send_common(s, lpBuffers, dwBufferCount, lpNumberOfBytesSent, dwFlags, NULL, 0, lpOverlapped,
                       lpCompletionRoutine, lpErrno);
}

int WSPAPI wsp_WSPSendTo(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent,
                         DWORD dwFlags, const struct WS_sockaddr *lpTo, int iTolen, LPWSAOVERLAPPED lpOverlapped,
                         LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine, LPWSATHREADID lpThreadId,
                         LPINT lpErrno)
{
    (void)lpThreadId;
    return send_common(s, lpBuffers, dwBufferCount, lpNumberOfBytesSent, dwFlags, lpTo, iTolen, lpOverlapped,
                       lpCompletionRoutine, lpErrno);
}

/* doc "WSPSendDisconnect"/"WSPRecvDisconnect": a graceful half-close; TCP/IP
 * carries no disconnect data, so a non-empty buffer is refused like connect
 * data in WSPConnect. */
static int disconnect(SOCKET sock, LPWSABUF data, int how, uint32_t flag, LPINT lpErrno)
{
    int fd, wsa;
    struct wsp_sock *s;
    if ((wsa = wsp_socket_of(sock, &fd, &s)) != 0)
        return fail(lpErrno, wsa);
    /* doc "WSASendDisconnect function": WSAEFAULT for a disconnect-data
     * buffer not in the user address space -- read fault-safely */
    WSABUF b = { 0, NULL };
    if (data && wsp_user_in(&b, data, sizeof b))
        return fail(lpErrno, WSAEFAULT);
    if (b.len)
        return fail(lpErrno, WSAEOPNOTSUPP);
    if (s->type != SOCK_STREAM)
        return fail(lpErrno, WSAEOPNOTSUPP);      /* connection-oriented only */
    if (wsp_sys_shutdown(fd, how) != 0)
        return fail(lpErrno, wsp_wsa_from_errno(errno));
    wsp_sock_set_flag(s, flag, 1);
    return 0;
}

int WSPAPI wsp_WSPSendDisconnect(SOCKET s, LPWSABUF lpOutboundDisconnectData, LPINT lpErrno)
{
    return disconnect(s, lpOutboundDisconnectData, SHUT_WR, WSP_SF_SHUT_SEND, lpErrno);
}

int WSPAPI wsp_WSPRecvDisconnect(SOCKET s, LPWSABUF lpInboundDisconnectData, LPINT lpErrno)
{
    return disconnect(s, lpInboundDisconnectData, SHUT_RD, WSP_SF_SHUT_RECV, lpErrno);
}

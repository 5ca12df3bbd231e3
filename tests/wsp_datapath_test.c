/*
 * The provider's data path through its public face only: Windows-compatible
 * headers, WSPStartup and the procedure table, strict C11 (threads.h for the
 * cross-thread cases and for this file's own event objects).  Each test is
 * named for the Windows rule it checks (reference/winsock-datapath.md);
 * loop tests run on tcp4/udp4/tcp6/udp6 over loopback.  Waits are bounded:
 * a regression fails an assertion instead of hanging.
 */
#include <check.h>
#include <stdint.h>
#include <string.h>
#include <threads.h>
#include <time.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <ws2spi.h>

static WSPPROC_TABLE P;

static const struct combo {
    int af, type;
    const char *name;
} combos[] = {
    { AF_INET, SOCK_STREAM, "tcp4" },
    { AF_INET, SOCK_DGRAM, "udp4" },
    { AF_INET6, SOCK_STREAM, "tcp6" },
    { AF_INET6, SOCK_DGRAM, "udp6" },
};
#define NCOMBOS ((int)(sizeof combos / sizeof combos[0]))
#define STREAM(i) (combos[i].type == SOCK_STREAM)

/* ---- this test's event objects, signalled only through the upcalls ------- */
struct test_event {
    mtx_t m;
    cnd_t c;
    int signaled;
    int sets;                         /* how many times WPUSetEvent was called */
};

static BOOL WSPAPI up_set_event(WSAEVENT h, LPINT err)
{
    (void)err;
    struct test_event *e = h;
    mtx_lock(&e->m);
    e->signaled = 1;
    e->sets++;
    cnd_broadcast(&e->c);
    mtx_unlock(&e->m);
    return TRUE;
}

static BOOL WSPAPI up_reset_event(WSAEVENT h, LPINT err)
{
    (void)err;
    struct test_event *e = h;
    mtx_lock(&e->m);
    e->signaled = 0;
    mtx_unlock(&e->m);
    return TRUE;
}

static void event_init(struct test_event *e)
{
    mtx_init(&e->m, mtx_plain);
    cnd_init(&e->c);
    e->signaled = 0;
    e->sets = 0;
}

static struct timespec after_ms(long ms)
{
    struct timespec t;
    timespec_get(&t, TIME_UTC);
    t.tv_sec += ms / 1000;
    t.tv_nsec += (ms % 1000) * 1000000L;
    if (t.tv_nsec >= 1000000000L) {
        t.tv_sec++;
        t.tv_nsec -= 1000000000L;
    }
    return t;
}

/* 1 if the event is (or becomes) signalled within ms */
static int event_wait(struct test_event *e, long ms)
{
    struct timespec until = after_ms(ms);
    mtx_lock(&e->m);
    while (!e->signaled)
        if (cnd_timedwait(&e->c, &e->m, &until) != thrd_success)
            break;
    int s = e->signaled;
    mtx_unlock(&e->m);
    return s;
}

static void start(void)
{
    WSPDATA data;
    WSAPROTOCOL_INFOW info;
    WSPUPCALLTABLE upcalls;
    memset(&info, 0, sizeof info);
    memset(&upcalls, 0, sizeof upcalls);
    upcalls.lpWPUSetEvent = up_set_event;
    upcalls.lpWPUResetEvent = up_reset_event;
    ck_assert_int_eq(WSPStartup(MAKEWORD(2, 2), &data, &info, upcalls, &P), 0);
}

static double now_s(void)
{
    struct timespec t;
    timespec_get(&t, TIME_UTC);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static void sleep_ms(long ms)
{
    struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
    thrd_sleep(&t, NULL);
}

/* ---- socket helpers ------------------------------------------------------- */
static SOCKET make_sock(int af, int type)
{
    int err = 0;
    SOCKET s = P.lpWSPSocket(af, type, 0, NULL, 0, 0, &err);
    ck_assert_msg(s != INVALID_SOCKET, "WSPSocket failed %d", err);
    return s;
}

static void close_sock(SOCKET s)
{
    int err = 0;
    ck_assert_int_eq(P.lpWSPCloseSocket(s, &err), 0);
}

/* network byte order without ws2_32's htons */
static u_short net16(u_short v)
{
    unsigned char b[2] = { (unsigned char)(v >> 8), (unsigned char)v };
    u_short out;
    memcpy(&out, b, 2);
    return out;
}

static int loopback(int af, SOCKADDR_STORAGE *ss, u_short port)
{
    memset(ss, 0, sizeof *ss);
    if (af == AF_INET) {
        SOCKADDR_IN *a = (SOCKADDR_IN *)ss;
        a->sin_family = AF_INET;
        unsigned char *ip = (unsigned char *)&a->sin_addr;
        ip[0] = 127;
        ip[3] = 1;
        a->sin_port = net16(port);
        return sizeof *a;
    }
    SOCKADDR_IN6 *a = (SOCKADDR_IN6 *)ss;
    a->sin6_family = AF_INET6;
    a->sin6_addr.s6_addr[15] = 1;
    a->sin6_port = net16(port);
    return sizeof *a;
}

/* bind to loopback port 0; returns the address bound */
static int bind_loop(SOCKET s, int af, SOCKADDR_STORAGE *out)
{
    int err = 0, len = loopback(af, out, 0);
    ck_assert_int_eq(P.lpWSPBind(s, (struct sockaddr *)out, len, &err), 0);
    len = sizeof *out;
    ck_assert_int_eq(P.lpWSPGetSockName(s, (struct sockaddr *)out, &len, &err), 0);
    return len;
}

static void set_nonblocking(SOCKET s, int on)
{
    u_long v = (u_long)on;
    DWORD got = 0;
    int err = 0;
    ck_assert_int_eq(P.lpWSPIoctl(s, FIONBIO, &v, sizeof v, NULL, 0, &got, NULL, NULL, NULL, &err), 0);
}

/* a connected pair: *a connects, *b is the accepted (stream) or the peer
 * connected back (datagram) */
static void make_pair(int i, SOCKET *a, SOCKET *b)
{
    int err = 0;
    SOCKADDR_STORAGE sa, sb;
    int af = combos[i].af;
    if (STREAM(i)) {
        SOCKET l = make_sock(af, SOCK_STREAM);
        int len = bind_loop(l, af, &sa);
        ck_assert_int_eq(P.lpWSPListen(l, 4, &err), 0);
        *a = make_sock(af, SOCK_STREAM);
        ck_assert_int_eq(P.lpWSPConnect(*a, (struct sockaddr *)&sa, len, NULL, NULL, NULL, NULL, &err), 0);
        *b = P.lpWSPAccept(l, NULL, NULL, NULL, 0, &err);
        ck_assert_msg(*b != INVALID_SOCKET, "accept %d", err);
        close_sock(l);
        return;
    }
    *a = make_sock(af, SOCK_DGRAM);
    *b = make_sock(af, SOCK_DGRAM);
    int la = bind_loop(*a, af, &sa), lb = bind_loop(*b, af, &sb);
    ck_assert_int_eq(P.lpWSPConnect(*a, (struct sockaddr *)&sb, lb, NULL, NULL, NULL, NULL, &err), 0);
    ck_assert_int_eq(P.lpWSPConnect(*b, (struct sockaddr *)&sa, la, NULL, NULL, NULL, NULL, &err), 0);
}

static int send_bytes(SOCKET s, const char *p, ULONG n, DWORD flags, DWORD *sent)
{
    WSABUF b = { n, (char *)p };
    int err = 0;
    DWORD got = 0;
    if (P.lpWSPSend(s, &b, 1, &got, flags, NULL, NULL, NULL, &err) != 0)
        return err;
    if (sent)
        *sent = got;
    return 0;
}

/* 0 and *n bytes, or the WSAE code */
static int recv_bytes(SOCKET s, char *p, ULONG cap, DWORD flags, DWORD *n)
{
    WSABUF b = { cap, p };
    int err = 0;
    DWORD got = 0xdead, fl = flags;
    if (P.lpWSPRecv(s, &b, 1, &got, &fl, NULL, NULL, NULL, &err) != 0)
        return err;
    *n = got;
    return 0;
}

/* ---- connect ---------------------------------------------------------------- */

/* doc "connect function": a nonblocking connect fails WSAEWOULDBLOCK; once it
 * has completed, connect fails WSAEISCONN (Linux's first answer is 0).  The
 * completion is awaited with WSPGetPeerName, not WSPSelect, which records
 * the connection itself. */
START_TEST(connect_after_a_completed_nonblocking_connect_is_wsaeisconn)
{
    start();
    if (!STREAM(_i))
        return;
    int err = 0, af = combos[_i].af;
    SOCKADDR_STORAGE sa;
    SOCKET l = make_sock(af, SOCK_STREAM), c = make_sock(af, SOCK_STREAM);
    int len = bind_loop(l, af, &sa);
    ck_assert_int_eq(P.lpWSPListen(l, 4, &err), 0);
    set_nonblocking(c, 1);
    ck_assert_int_eq(P.lpWSPConnect(c, (struct sockaddr *)&sa, len, NULL, NULL, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEWOULDBLOCK);
    SOCKADDR_STORAGE peer;
    int plen = sizeof peer, waited = 0;
    while (P.lpWSPGetPeerName(c, (struct sockaddr *)&peer, &plen, &err) != 0 && waited++ < 500)
        sleep_ms(10);
    ck_assert_int_lt(waited, 500);
    for (int again = 0; again < 2; again++) {
        err = 0;
        ck_assert_int_eq(P.lpWSPConnect(c, (struct sockaddr *)&sa, len, NULL, NULL, NULL, NULL, &err),
                         SOCKET_ERROR);
        ck_assert_int_eq(err, WSAEISCONN);
    }
    set_nonblocking(c, 0);              /* blocking: the same answer */
    ck_assert_int_eq(P.lpWSPConnect(c, (struct sockaddr *)&sa, len, NULL, NULL, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEISCONN);
    close_sock(c);
    close_sock(l);
}
END_TEST

/* ---- send / recv ---------------------------------------------------------- */

START_TEST(wsabuf_scatter_gather_moves_every_byte_in_order)
{
    start();
    SOCKET a, b;
    make_pair(_i, &a, &b);
    char x[] = "scatter", y[] = "-", z[] = "gather";
    WSABUF out[3] = { { 7, x }, { 1, y }, { 6, z } };
    DWORD sent = 0, got = 0, flags = 0;
    int err = 0;
    ck_assert_int_eq(P.lpWSPSend(a, out, 3, &sent, 0, NULL, NULL, NULL, &err), 0);
    ck_assert_uint_eq(sent, 14);
    char p[5], q[20];
    memset(q, 0, sizeof q);
    WSABUF in[2] = { { 5, p }, { sizeof q, q } };
    flags = MSG_PEEK;
    ck_assert_int_eq(P.lpWSPRecv(b, in, 2, &got, &flags, NULL, NULL, NULL, &err), 0);
    ck_assert_uint_eq(got, 14);
    ck_assert_uint_eq(flags, 0);       /* lpFlags is written back */
    flags = 0;
    memset(q, 0, sizeof q);
    ck_assert_int_eq(P.lpWSPRecv(b, in, 2, &got, &flags, NULL, NULL, NULL, &err), 0);
    ck_assert_uint_eq(got, 14);
    ck_assert(memcmp(p, "scatt", 5) == 0);
    ck_assert_str_eq(q, "er-gather");
    close_sock(a);
    close_sock(b);
}
END_TEST

START_TEST(sendto_recvfrom_report_the_peer_address)
{
    start();
    int af = combos[_i].af, err = 0;
    if (STREAM(_i))
        return;
    SOCKET a = make_sock(af, SOCK_DGRAM), b = make_sock(af, SOCK_DGRAM);
    SOCKADDR_STORAGE sa, sb, from;
    bind_loop(a, af, &sa);
    int lb = bind_loop(b, af, &sb);
    char msg[] = "hello";
    WSABUF out = { 5, msg };
    DWORD n = 0, flags = 0;
    ck_assert_int_eq(P.lpWSPSendTo(a, &out, 1, &n, 0, (struct sockaddr *)&sb, lb, NULL, NULL, NULL, &err), 0);
    ck_assert_uint_eq(n, 5);
    char buf[16];
    WSABUF in = { sizeof buf, buf };
    int fromlen = 4;
    ck_assert_int_eq(P.lpWSPRecvFrom(b, &in, 1, &n, &flags, (struct sockaddr *)&from, &fromlen, NULL, NULL,
                                     NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);  /* fromlen too small (doc recvfrom function) */
    fromlen = sizeof from;
    ck_assert_int_eq(P.lpWSPRecvFrom(b, &in, 1, &n, &flags, (struct sockaddr *)&from, &fromlen, NULL, NULL,
                                     NULL, &err), 0);
    ck_assert_uint_eq(n, 5);
    ck_assert_int_eq(from.ss_family, af);
    ck_assert_int_eq(fromlen, af == AF_INET ? (int)sizeof(SOCKADDR_IN) : (int)sizeof(SOCKADDR_IN6));
    ck_assert_uint_eq(((SOCKADDR_IN *)&from)->sin_port, ((SOCKADDR_IN *)&sa)->sin_port);
    close_sock(a);
    close_sock(b);
}
END_TEST

START_TEST(overlapped_and_bad_arguments_fail_cleanly)
{
    start();
    SOCKET a, b;
    make_pair(_i, &a, &b);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    char c = 'x';
    WSABUF buf = { 1, &c };
    DWORD n = 0, flags = 0;
    int err = 0;
    ck_assert_int_eq(P.lpWSPSend(a, &buf, 1, &n, 0, &ov, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEOPNOTSUPP);
    ck_assert_int_eq(P.lpWSPRecv(b, &buf, 1, &n, &flags, &ov, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEOPNOTSUPP);
    ck_assert_int_eq(P.lpWSPSend(a, NULL, 1, &n, 0, NULL, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    ck_assert_int_eq(P.lpWSPRecv(b, &buf, 1, &n, NULL, NULL, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    WSABUF nullbuf = { 10, NULL };
    ck_assert_int_eq(P.lpWSPSend(a, &nullbuf, 1, &n, 0, NULL, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    /* flags Windows does not define for a send are ignored (as Wine does) */
    ck_assert_int_eq(P.lpWSPSend(a, &buf, 1, &n, 0x4000, NULL, NULL, NULL, &err), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(P.lpWSPSend((SOCKET)999999, &buf, 1, &n, 0, NULL, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAENOTSOCK);
    close_sock(a);
    close_sock(b);
}
END_TEST

START_TEST(nonblocking_receive_with_nothing_queued_is_wsaewouldblock)
{
    start();
    SOCKET a, b;
    make_pair(_i, &a, &b);
    set_nonblocking(b, 1);
    char buf[8];
    DWORD n;
    ck_assert_int_eq(recv_bytes(b, buf, sizeof buf, 0, &n), WSAEWOULDBLOCK);
    close_sock(a);
    close_sock(b);
}
END_TEST

START_TEST(so_rcvtimeo_expiry_is_wsaetimedout)
{
    start();
    SOCKET a, b;
    make_pair(_i, &a, &b);
    DWORD ms = 300;
    int err = 0;
    ck_assert_int_eq(P.lpWSPSetSockOpt(b, SOL_SOCKET, SO_RCVTIMEO, (const char *)&ms, sizeof ms, &err), 0);
    char buf[8];
    DWORD n;
    double t0 = now_s();
    ck_assert_int_eq(recv_bytes(b, buf, sizeof buf, 0, &n), WSAETIMEDOUT);
    double dt = now_s() - t0;
    /* a generous band: the call did wait, and did not wait forever */
    ck_assert_msg(dt >= 0.2 && dt < 10.0, "waited %.3f s", dt);
    close_sock(a);
    close_sock(b);
}
END_TEST

START_TEST(datagram_larger_than_buffer_delivers_prefix_and_fails_wsaemsgsize)
{
    start();
    if (STREAM(_i))
        return;
    SOCKET a, b;
    make_pair(_i, &a, &b);
    char big[100];
    for (int k = 0; k < 100; k++)
        big[k] = (char)('A' + k % 26);
    ck_assert_int_eq(send_bytes(a, big, 100, 0, NULL), 0);
    ck_assert_int_eq(send_bytes(a, "next", 4, 0, NULL), 0);
    char small[10];
    memset(small, 0, sizeof small);
    WSABUF in = { sizeof small, small };
    DWORD n = 12345, flags = 0;
    int err = 0;
    ck_assert_int_eq(P.lpWSPRecv(b, &in, 1, &n, &flags, NULL, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEMSGSIZE);
    ck_assert(memcmp(small, big, 10) == 0);
    ck_assert_uint_eq(n, 12345);       /* a failed call leaves the count alone (as Wine) */
    /* the rest of that datagram is gone: the next receive is the next datagram */
    char buf[16];
    ck_assert_int_eq(recv_bytes(b, buf, sizeof buf, 0, &n), 0);
    ck_assert_uint_eq(n, 4);
    ck_assert(memcmp(buf, "next", 4) == 0);
    close_sock(a);
    close_sock(b);
}
END_TEST

/* send to a loopback port nobody listens on; 0 or the code of the next receive */
static int recvfrom_after_port_unreachable(int af, int connreset_on, int *sent_err)
{
    int err = 0;
    SOCKET dead = make_sock(af, SOCK_DGRAM), s = make_sock(af, SOCK_DGRAM);
    SOCKADDR_STORAGE to, me, from;
    int tolen = bind_loop(dead, af, &to);
    close_sock(dead);
    bind_loop(s, af, &me);
    if (!connreset_on) {
        BOOL off = FALSE;
        DWORD got = 0;
        ck_assert_int_eq(P.lpWSPIoctl(s, SIO_UDP_CONNRESET, &off, sizeof off, NULL, 0, &got, NULL, NULL, NULL,
                                      &err), 0);
    }
    char c = 'x';
    WSABUF out = { 1, &c };
    DWORD n = 0;
    *sent_err = P.lpWSPSendTo(s, &out, 1, &n, 0, (struct sockaddr *)&to, tolen, NULL, NULL, NULL, &err) ? err : 0;
    sleep_ms(100);                    /* the ICMP error comes back over loopback */
    set_nonblocking(s, 1);
    char buf[8];
    WSABUF in = { sizeof buf, buf };
    DWORD flags = 0;
    int fromlen = sizeof from;
    int r = P.lpWSPRecvFrom(s, &in, 1, &n, &flags, (struct sockaddr *)&from, &fromlen, NULL, NULL, NULL, &err);
    close_sock(s);
    return r ? err : 0;
}

START_TEST(icmp_port_unreachable_fails_next_recvfrom_wsaeconnreset)
{
    start();
    if (STREAM(_i))
        return;
    int sent_err = -1;
    ck_assert_int_eq(recvfrom_after_port_unreachable(combos[_i].af, 1, &sent_err), WSAECONNRESET);
    ck_assert_int_eq(sent_err, 0);
}
END_TEST

START_TEST(sio_udp_connreset_false_ignores_icmp_port_unreachable)
{
    start();
    if (STREAM(_i))
        return;
    int sent_err = -1;
    ck_assert_int_eq(recvfrom_after_port_unreachable(combos[_i].af, 0, &sent_err), WSAEWOULDBLOCK);
    ck_assert_int_eq(sent_err, 0);
}
END_TEST

START_TEST(send_after_sd_send_is_wsaeshutdown)
{
    start();
    if (!STREAM(_i))
        return;
    SOCKET a, b;
    make_pair(_i, &a, &b);
    int err = 0;
    ck_assert_int_eq(P.lpWSPShutdown(a, SD_SEND, &err), 0);
    ck_assert_int_eq(send_bytes(a, "x", 1, 0, NULL), WSAESHUTDOWN);
    /* the peer sees a graceful close: a receive of 0 bytes */
    char buf[4];
    DWORD n = 99;
    ck_assert_int_eq(recv_bytes(b, buf, sizeof buf, 0, &n), 0);
    ck_assert_uint_eq(n, 0);
    close_sock(a);
    close_sock(b);
}
END_TEST

START_TEST(send_on_reset_connection_fails_without_sigpipe)
{
    start();
    if (!STREAM(_i))
        return;
    SOCKET a, b;
    make_pair(_i, &a, &b);
    struct linger l = { 1, 0 };
    int err = 0;
    ck_assert_int_eq(P.lpWSPSetSockOpt(b, SOL_SOCKET, SO_LINGER, (const char *)&l, sizeof l, &err), 0);
    close_sock(b);                    /* abortive: RST */
    sleep_ms(50);
    char chunk[1024];
    memset(chunk, 'z', sizeof chunk);
    int code = 0;
    for (int k = 0; k < 50 && !code; k++)
        code = send_bytes(a, chunk, sizeof chunk, 0, NULL);
    /* still alive (no SIGPIPE), and the Windows code */
    ck_assert_msg(code == WSAECONNRESET || code == WSAECONNABORTED, "send failed %d", code);
    close_sock(a);
}
END_TEST

START_TEST(flag_rules_waitall_and_oob_on_datagram_and_nonblocking)
{
    start();
    SOCKET a, b;
    make_pair(_i, &a, &b);
    char buf[8];
    DWORD n;
    if (!STREAM(_i)) {
        ck_assert_int_eq(recv_bytes(b, buf, sizeof buf, MSG_WAITALL, &n), WSAEOPNOTSUPP);
        ck_assert_int_eq(recv_bytes(b, buf, sizeof buf, MSG_OOB, &n), WSAEOPNOTSUPP);
        ck_assert_int_eq(send_bytes(a, "x", 1, MSG_OOB, NULL), WSAEOPNOTSUPP);
    } else {
        set_nonblocking(b, 1);
        ck_assert_int_eq(recv_bytes(b, buf, sizeof buf, MSG_WAITALL, &n), WSAEOPNOTSUPP);
        set_nonblocking(b, 0);
        /* blocking stream: MSG_WAITALL waits for the whole buffer */
        ck_assert_int_eq(send_bytes(a, "abcd", 4, 0, NULL), 0);
        ck_assert_int_eq(send_bytes(a, "efgh", 4, 0, NULL), 0);
        ck_assert_int_eq(recv_bytes(b, buf, 8, MSG_WAITALL, &n), 0);
        ck_assert_uint_eq(n, 8);
    }
    close_sock(a);
    close_sock(b);
}
END_TEST

START_TEST(nonblocking_connect_wouldblock_then_already)
{
    start();
    if (!STREAM(_i))
        return;
    int af = combos[_i].af, err = 0;
    /* a listener whose queue is full leaves the next SYN unanswered, so the
     * connect stays in progress */
    SOCKET l = make_sock(af, SOCK_STREAM);
    SOCKADDR_STORAGE sa;
    int len = bind_loop(l, af, &sa);
    ck_assert_int_eq(P.lpWSPListen(l, 0, &err), 0);
    SOCKET fill[2];
    for (int k = 0; k < 2; k++) {
        fill[k] = make_sock(af, SOCK_STREAM);
        set_nonblocking(fill[k], 1);
        P.lpWSPConnect(fill[k], (struct sockaddr *)&sa, len, NULL, NULL, NULL, NULL, &err);
    }
    sleep_ms(100);
    SOCKET c = make_sock(af, SOCK_STREAM);
    set_nonblocking(c, 1);
    ck_assert_int_eq(P.lpWSPConnect(c, (struct sockaddr *)&sa, len, NULL, NULL, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEWOULDBLOCK);
    ck_assert_int_eq(P.lpWSPConnect(c, (struct sockaddr *)&sa, len, NULL, NULL, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEALREADY);
    close_sock(c);
    close_sock(fill[0]);
    close_sock(fill[1]);
    close_sock(l);
}
END_TEST

START_TEST(accepted_socket_inherits_nonblocking_mode)
{
    start();
    if (!STREAM(_i))
        return;
    int af = combos[_i].af, err = 0;
    SOCKET l = make_sock(af, SOCK_STREAM);
    SOCKADDR_STORAGE sa;
    int len = bind_loop(l, af, &sa);
    ck_assert_int_eq(P.lpWSPListen(l, 4, &err), 0);
    set_nonblocking(l, 1);
    SOCKET c = make_sock(af, SOCK_STREAM);
    ck_assert_int_eq(P.lpWSPConnect(c, (struct sockaddr *)&sa, len, NULL, NULL, NULL, NULL, &err), 0);
    sleep_ms(50);
    SOCKET b = P.lpWSPAccept(l, NULL, NULL, NULL, 0, &err);
    ck_assert(b != INVALID_SOCKET);
    char buf[4];
    DWORD n;
    ck_assert_int_eq(recv_bytes(b, buf, sizeof buf, 0, &n), WSAEWOULDBLOCK);
    close_sock(b);
    close_sock(c);
    close_sock(l);
}
END_TEST

struct accept_arg {
    SOCKET l, got;
    int err, done;
    mtx_t m;
};

static int accept_thread(void *p)
{
    struct accept_arg *a = p;
    int err = 0;
    SOCKET s = P.lpWSPAccept(a->l, NULL, NULL, NULL, 0, &err);
    mtx_lock(&a->m);
    a->got = s;
    a->err = err;
    a->done = 1;
    mtx_unlock(&a->m);
    return 0;
}

START_TEST(so_rcvtimeo_does_not_end_a_blocking_accept)
{
    start();
    if (!STREAM(_i))
        return;
    int af = combos[_i].af, err = 0;
    SOCKET l = make_sock(af, SOCK_STREAM);
    SOCKADDR_STORAGE sa;
    int len = bind_loop(l, af, &sa);
    ck_assert_int_eq(P.lpWSPListen(l, 4, &err), 0);
    DWORD ms = 100;                   /* doc SOL_SOCKET Socket Options: for receive calls only */
    ck_assert_int_eq(P.lpWSPSetSockOpt(l, SOL_SOCKET, SO_RCVTIMEO, (const char *)&ms, sizeof ms, &err), 0);
    struct accept_arg a;
    memset(&a, 0, sizeof a);
    a.l = l;
    mtx_init(&a.m, mtx_plain);
    thrd_t t;
    ck_assert_int_eq(thrd_create(&t, accept_thread, &a), thrd_success);
    sleep_ms(500);
    mtx_lock(&a.m);
    int done = a.done;
    mtx_unlock(&a.m);
    ck_assert_msg(!done, "accept ended after SO_RCVTIMEO (error %d)", a.err);
    SOCKET c = make_sock(af, SOCK_STREAM);
    ck_assert_int_eq(P.lpWSPConnect(c, (struct sockaddr *)&sa, len, NULL, NULL, NULL, NULL, &err), 0);
    for (int k = 0; k < 100 && !done; k++) {
        sleep_ms(50);
        mtx_lock(&a.m);
        done = a.done;
        mtx_unlock(&a.m);
    }
    ck_assert_msg(done, "accept did not return within 5 s of the connect");
    thrd_join(t, NULL);
    ck_assert(a.got != INVALID_SOCKET);
    close_sock(a.got);
    close_sock(c);
    close_sock(l);
}
END_TEST

/* ---- WSPCloseSocket from another thread ------------------------------------ */
struct blocked {
    SOCKET s;
    int kind;                         /* 0 recv, 1 accept, 2 select */
    int result, err;
    int done;
    mtx_t m;
    cnd_t c;
};

static int blocked_thread(void *arg)
{
    struct blocked *bl = arg;
    int err = 0, r;
    if (bl->kind == 0) {
        char buf[8];
        WSABUF b = { sizeof buf, buf };
        DWORD n = 0, flags = 0;
        r = P.lpWSPRecv(bl->s, &b, 1, &n, &flags, NULL, NULL, NULL, &err);
    } else if (bl->kind == 1) {
        r = P.lpWSPAccept(bl->s, NULL, NULL, NULL, 0, &err) == INVALID_SOCKET ? SOCKET_ERROR : 0;
    } else {
        fd_set rd;
        FD_ZERO(&rd);
        FD_SET(bl->s, &rd);
        r = P.lpWSPSelect(0, &rd, NULL, NULL, NULL, &err);
    }
    mtx_lock(&bl->m);
    bl->result = r;
    bl->err = err;
    bl->done = 1;
    cnd_broadcast(&bl->c);
    mtx_unlock(&bl->m);
    return 0;
}

/* Returns 1 when the close came before the thread had made its call (the
 * call then found no socket: WSAENOTSOCK), which a loaded machine can cause
 * with a short head start; the caller tries again with a longer one. */
static int close_wakes_once(int i, int kind, int head_start_ms, int last_try)
{
    start();
    int af = combos[i].af, err = 0;
    struct blocked bl;
    memset(&bl, 0, sizeof bl);
    mtx_init(&bl.m, mtx_plain);
    cnd_init(&bl.c);
    bl.kind = kind;
    SOCKET other = INVALID_SOCKET;
    if (kind == 1) {
        SOCKADDR_STORAGE sa;
        bl.s = make_sock(af, SOCK_STREAM);
        bind_loop(bl.s, af, &sa);
        ck_assert_int_eq(P.lpWSPListen(bl.s, 4, &err), 0);
    } else {
        make_pair(i, &other, &bl.s);
    }
    thrd_t t;
    ck_assert_int_eq(thrd_create(&t, blocked_thread, &bl), thrd_success);
    sleep_ms(head_start_ms);          /* let it block */
    mtx_lock(&bl.m);
    ck_assert_int_eq(bl.done, 0);
    mtx_unlock(&bl.m);
    double t0 = now_s();
    close_sock(bl.s);
    struct timespec until = after_ms(5000);
    mtx_lock(&bl.m);
    while (!bl.done)
        if (cnd_timedwait(&bl.c, &bl.m, &until) != thrd_success)
            break;
    int done = bl.done;
    mtx_unlock(&bl.m);
    ck_assert_msg(done, "the blocked call was not woken by WSPCloseSocket within 5 s");
    ck_assert_msg(now_s() - t0 < 5.0, "close took too long");
    thrd_join(t, NULL);
    if (!last_try && bl.result == SOCKET_ERROR && bl.err == WSAENOTSOCK) {
        if (other != INVALID_SOCKET)
            close_sock(other);
        return 1;
    }
    if (kind == 2) {
        /* select returns with the closed socket reported readable */
        ck_assert_int_eq(bl.result, 1);
    } else {
        ck_assert_int_eq(bl.result, SOCKET_ERROR);
        ck_assert_int_eq(bl.err, WSAEINTR);
    }
    /* the number was not reused under the call: it names nothing now */
    char c = 'x';
    WSABUF b = { 1, &c };
    DWORD n;
    ck_assert_int_eq(P.lpWSPSend(bl.s, &b, 1, &n, 0, NULL, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAENOTSOCK);
    if (other != INVALID_SOCKET)
        close_sock(other);
    return 0;
}

static void close_wakes(int i, int kind)
{
    /* 200 ms, then 800 ms, then 3.2 s of head start; the last try must pass */
    for (int attempt = 0; attempt < 3; attempt++)
        if (!close_wakes_once(i, kind, 200 << (2 * attempt), attempt == 2))
            return;
}

START_TEST(close_from_another_thread_wakes_blocked_recv_with_wsaeintr) { close_wakes(_i, 0); }
END_TEST
START_TEST(close_from_another_thread_wakes_blocked_accept_with_wsaeintr)
{
    if (STREAM(_i))
        close_wakes(_i, 1);
}
END_TEST
START_TEST(close_from_another_thread_wakes_blocked_select) { close_wakes(_i, 2); }
END_TEST

/* ---- select ------------------------------------------------------------------ */

START_TEST(select_empty_sets_wsaeinval_non_socket_wsaenotsock)
{
    start();
    int err = 0;
    fd_set rd, wr;
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    struct timeval tv = { 0, 0 };
    ck_assert_int_eq(P.lpWSPSelect(0, NULL, NULL, NULL, &tv, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEINVAL);
    ck_assert_int_eq(P.lpWSPSelect(0, &rd, &wr, NULL, &tv, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEINVAL);
    FD_SET((SOCKET)999999, &rd);
    ck_assert_int_eq(P.lpWSPSelect(0, &rd, NULL, NULL, &tv, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAENOTSOCK);
}
END_TEST

START_TEST(select_reports_readable_writable_and_leaves_timeout_alone)
{
    start();
    SOCKET a, b;
    make_pair(_i, &a, &b);
    int err = 0;
    fd_set rd, wr;
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(b, &rd);
    FD_SET(a, &wr);
    struct timeval tv = { 0, 200000 };
    ck_assert_int_eq(P.lpWSPSelect(0, &rd, &wr, NULL, &tv, &err), 1);
    ck_assert_uint_eq(rd.fd_count, 0);
    ck_assert(FD_ISSET(a, &wr));
    ck_assert_int_eq(tv.tv_sec, 0);
    ck_assert_int_eq(tv.tv_usec, 200000);   /* never modified (doc select function) */
    ck_assert_int_eq(send_bytes(a, "x", 1, 0, NULL), 0);
    FD_ZERO(&rd);
    FD_SET(b, &rd);
    ck_assert_int_eq(P.lpWSPSelect(0, &rd, NULL, NULL, &tv, &err), 1);
    ck_assert(FD_ISSET(b, &rd));
    close_sock(a);
    close_sock(b);
}
END_TEST

START_TEST(select_reports_refused_nonblocking_connect_in_exceptfds_only)
{
    start();
    if (!STREAM(_i))
        return;
    int af = combos[_i].af, err = 0;
    SOCKET dead = make_sock(af, SOCK_STREAM);
    SOCKADDR_STORAGE sa;
    int len = bind_loop(dead, af, &sa);
    close_sock(dead);
    SOCKET c = make_sock(af, SOCK_STREAM);
    set_nonblocking(c, 1);
    int r = P.lpWSPConnect(c, (struct sockaddr *)&sa, len, NULL, NULL, NULL, NULL, &err);
    ck_assert_int_eq(r, SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEWOULDBLOCK);
    fd_set wr, ex;
    FD_ZERO(&wr);
    FD_ZERO(&ex);
    FD_SET(c, &wr);
    FD_SET(c, &ex);
    struct timeval tv = { 5, 0 };
    ck_assert_int_eq(P.lpWSPSelect(0, NULL, &wr, &ex, &tv, &err), 1);
    ck_assert_uint_eq(wr.fd_count, 0);
    ck_assert(FD_ISSET(c, &ex));
    int so_error = 0, olen = sizeof so_error;
    ck_assert_int_eq(P.lpWSPGetSockOpt(c, SOL_SOCKET, SO_ERROR, (char *)&so_error, &olen, &err), 0);
    ck_assert_int_eq(so_error, WSAECONNREFUSED);
    close_sock(c);
}
END_TEST

/* fd_set as a program compiled with a larger FD_SETSIZE sees it */
#define BIG_SETSIZE 200
struct big_fd_set {
    u_int fd_count;
    SOCKET fd_array[BIG_SETSIZE];
};

START_TEST(select_takes_fd_setsize_64_and_a_program_defined_larger_set)
{
    start();
    int af = combos[_i].af, err = 0;
    if (STREAM(_i))
        return;
    enum { N = 150 };
    SOCKET s[N];
    SOCKADDR_STORAGE addr[N];
    int len[N];
    for (int k = 0; k < N; k++) {
        s[k] = make_sock(af, SOCK_DGRAM);
        len[k] = bind_loop(s[k], af, &addr[k]);
    }
    /* FD_SETSIZE 64 (the default): all 64 writable */
    fd_set wr;
    FD_ZERO(&wr);
    for (int k = 0; k < N; k++)
        FD_SET(s[k], &wr);
    ck_assert_uint_eq(wr.fd_count, FD_SETSIZE);
    ck_assert_int_eq(FD_SETSIZE, 64);
    struct timeval tv = { 1, 0 };
    ck_assert_int_eq(P.lpWSPSelect(0, NULL, &wr, NULL, &tv, &err), 64);
    /* 150 in a larger set: only the ones that got a datagram are readable */
    struct big_fd_set rd;
    rd.fd_count = N;
    for (int k = 0; k < N; k++)
        rd.fd_array[k] = s[k];
    char c = 'x';
    WSABUF out = { 1, &c };
    DWORD n;
    for (int k = 100; k < N; k += 7)
        ck_assert_int_eq(P.lpWSPSendTo(s[0], &out, 1, &n, 0, (struct sockaddr *)&addr[k], len[k], NULL, NULL,
                                       NULL, &err), 0);
    sleep_ms(50);
    int expect = 0;
    for (int k = 100; k < N; k += 7)
        expect++;
    ck_assert_int_eq(P.lpWSPSelect(0, (fd_set *)&rd, NULL, NULL, &tv, &err), expect);
    ck_assert_uint_eq(rd.fd_count, (u_int)expect);
    for (u_int k = 0; k < rd.fd_count; k++)
        ck_assert(rd.fd_array[k] == s[100 + 7 * k]);
    for (int k = 0; k < N; k++)
        close_sock(s[k]);
}
END_TEST

/* ---- event model ---------------------------------------------------------- */

static WSANETWORKEVENTS enum_events(SOCKET s, struct test_event *e)
{
    WSANETWORKEVENTS ne;
    int err = 0;
    memset(&ne, 0xff, sizeof ne);
    ck_assert_int_eq(P.lpWSPEnumNetworkEvents(s, e, &ne, &err), 0);
    return ne;
}

static void event_select(SOCKET s, struct test_event *e, long mask)
{
    int err = 0;
    ck_assert_int_eq(P.lpWSPEventSelect(s, e, mask, &err), 0);
}

START_TEST(eventselect_makes_socket_nonblocking_and_fionbio_cannot_undo_it)
{
    start();
    SOCKET a, b;
    make_pair(_i, &a, &b);
    struct test_event e;
    event_init(&e);
    event_select(b, &e, FD_READ);
    char buf[4];
    DWORD n, got;
    ck_assert_int_eq(recv_bytes(b, buf, sizeof buf, 0, &n), WSAEWOULDBLOCK);
    u_long zero = 0;
    int err = 0;
    ck_assert_int_eq(P.lpWSPIoctl(b, FIONBIO, &zero, sizeof zero, NULL, 0, &got, NULL, NULL, NULL, &err),
                     SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEINVAL);
    /* cancelling the selection allows it again */
    ck_assert_int_eq(P.lpWSPEventSelect(b, NULL, 0, &err), 0);
    ck_assert_int_eq(P.lpWSPIoctl(b, FIONBIO, &zero, sizeof zero, NULL, 0, &got, NULL, NULL, NULL, &err), 0);
    close_sock(a);
    close_sock(b);
}
END_TEST

START_TEST(fd_read_is_recorded_once_until_a_receive_reenables_it)
{
    start();
    SOCKET a, b;
    make_pair(_i, &a, &b);
    struct test_event e;
    event_init(&e);
    event_select(b, &e, FD_READ);
    ck_assert_int_eq(send_bytes(a, "one", 3, 0, NULL), 0);
    ck_assert(event_wait(&e, 5000));
    WSANETWORKEVENTS ne = enum_events(b, &e);
    ck_assert_int_eq(ne.lNetworkEvents, FD_READ);
    ck_assert_int_eq(ne.iErrorCode[FD_READ_BIT], 0);
    ck_assert_int_eq(e.signaled, 0);   /* EnumNetworkEvents reset it through the upcall */
    /* more data, no receive in between: no new FD_READ */
    ck_assert_int_eq(send_bytes(a, "two", 3, 0, NULL), 0);
    ck_assert(!event_wait(&e, 300));
    ck_assert_int_eq(enum_events(b, &e).lNetworkEvents, 0);
    /* a receive re-enables it; data is still queued, so it comes again */
    char buf[3];
    DWORD n;
    ck_assert_int_eq(recv_bytes(b, buf, sizeof buf, 0, &n), 0);
    ck_assert(event_wait(&e, 5000));
    ck_assert_int_eq(enum_events(b, &e).lNetworkEvents, FD_READ);
    close_sock(a);
    close_sock(b);
}
END_TEST

START_TEST(fd_write_comes_once_then_only_after_wsaewouldblock)
{
    start();
    if (!STREAM(_i))
        return;
    SOCKET a, b;
    make_pair(_i, &a, &b);
    struct test_event e;
    event_init(&e);
    event_select(a, &e, FD_WRITE);
    ck_assert(event_wait(&e, 5000));
    ck_assert_int_eq(enum_events(a, &e).lNetworkEvents, FD_WRITE);
    ck_assert_int_eq(send_bytes(a, "x", 1, 0, NULL), 0);
    ck_assert(!event_wait(&e, 300));  /* a successful send does not re-enable it */
    /* fill the pipe until WSAEWOULDBLOCK, then drain it: FD_WRITE again */
    static char chunk[65536];
    int code = 0;
    for (int k = 0; k < 10000 && !code; k++)
        code = send_bytes(a, chunk, sizeof chunk, 0, NULL);
    ck_assert_int_eq(code, WSAEWOULDBLOCK);
    ck_assert(!event_wait(&e, 100));
    set_nonblocking(b, 1);
    DWORD n;
    while (recv_bytes(b, chunk, sizeof chunk, 0, &n) == 0 && n > 0)
        ;
    ck_assert(event_wait(&e, 5000));
    ck_assert_int_eq(enum_events(a, &e).lNetworkEvents, FD_WRITE);
    close_sock(a);
    close_sock(b);
}
END_TEST

START_TEST(fd_accept_reenabled_by_accept_and_inherited_by_accepted_socket)
{
    start();
    if (!STREAM(_i))
        return;
    int af = combos[_i].af, err = 0;
    SOCKET l = make_sock(af, SOCK_STREAM);
    SOCKADDR_STORAGE sa;
    int len = bind_loop(l, af, &sa);
    ck_assert_int_eq(P.lpWSPListen(l, 4, &err), 0);
    struct test_event e;
    event_init(&e);
    event_select(l, &e, FD_ACCEPT | FD_READ | FD_WRITE);
    SOCKET c1 = make_sock(af, SOCK_STREAM), c2 = make_sock(af, SOCK_STREAM);
    ck_assert_int_eq(P.lpWSPConnect(c1, (struct sockaddr *)&sa, len, NULL, NULL, NULL, NULL, &err), 0);
    ck_assert(event_wait(&e, 5000));
    ck_assert_int_eq(enum_events(l, &e).lNetworkEvents, FD_ACCEPT);
    ck_assert_int_eq(P.lpWSPConnect(c2, (struct sockaddr *)&sa, len, NULL, NULL, NULL, NULL, &err), 0);
    ck_assert(!event_wait(&e, 300)); /* not re-enabled before an accept */
    SOCKET b = P.lpWSPAccept(l, NULL, NULL, NULL, 0, &err);
    ck_assert(b != INVALID_SOCKET);
    /* the second connection is still pending: FD_ACCEPT again */
    ck_assert(event_wait(&e, 5000));
    WSANETWORKEVENTS ne = enum_events(l, &e);
    ck_assert(ne.lNetworkEvents & FD_ACCEPT);
    /* the accepted socket has the listener's selection (same event) and is nonblocking */
    char buf[4];
    DWORD n;
    ck_assert_int_eq(recv_bytes(b, buf, sizeof buf, 0, &n), WSAEWOULDBLOCK);
    ck_assert_int_eq(send_bytes(c1, "hi", 2, 0, NULL), 0);
    int saw_read = 0;
    for (int k = 0; k < 20 && !saw_read; k++) {
        if (!event_wait(&e, 500))
            continue;
        saw_read = (enum_events(b, &e).lNetworkEvents & FD_READ) != 0;
        enum_events(l, &e);
    }
    ck_assert(saw_read);
    close_sock(b);
    close_sock(c1);
    close_sock(c2);
    close_sock(l);
}
END_TEST

START_TEST(fd_connect_reports_refused_connect_with_wsaeconnrefused)
{
    start();
    if (!STREAM(_i))
        return;
    int af = combos[_i].af, err = 0;
    SOCKET dead = make_sock(af, SOCK_STREAM);
    SOCKADDR_STORAGE sa;
    int len = bind_loop(dead, af, &sa);
    close_sock(dead);
    SOCKET c = make_sock(af, SOCK_STREAM);
    struct test_event e;
    event_init(&e);
    event_select(c, &e, FD_CONNECT | FD_WRITE);
    ck_assert_int_eq(P.lpWSPConnect(c, (struct sockaddr *)&sa, len, NULL, NULL, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEWOULDBLOCK);
    ck_assert(event_wait(&e, 5000));
    WSANETWORKEVENTS ne = enum_events(c, &e);
    ck_assert_int_eq(ne.lNetworkEvents, FD_CONNECT);
    ck_assert_int_eq(ne.iErrorCode[FD_CONNECT_BIT], WSAECONNREFUSED);
    close_sock(c);
}
END_TEST

START_TEST(fd_connect_then_fd_write_on_success)
{
    start();
    if (!STREAM(_i))
        return;
    int af = combos[_i].af, err = 0;
    SOCKET l = make_sock(af, SOCK_STREAM);
    SOCKADDR_STORAGE sa;
    int len = bind_loop(l, af, &sa);
    ck_assert_int_eq(P.lpWSPListen(l, 4, &err), 0);
    SOCKET c = make_sock(af, SOCK_STREAM);
    struct test_event e;
    event_init(&e);
    event_select(c, &e, FD_CONNECT | FD_WRITE);
    int r = P.lpWSPConnect(c, (struct sockaddr *)&sa, len, NULL, NULL, NULL, NULL, &err);
    ck_assert(r == 0 || err == WSAEWOULDBLOCK);
    long seen = 0;
    for (int k = 0; k < 10 && seen != (FD_CONNECT | FD_WRITE); k++)
        if (event_wait(&e, 500)) {
            WSANETWORKEVENTS ne = enum_events(c, &e);
            if (ne.lNetworkEvents & FD_CONNECT)
                ck_assert_int_eq(ne.iErrorCode[FD_CONNECT_BIT], 0);
            seen |= ne.lNetworkEvents;
        }
    ck_assert_int_eq(seen, FD_CONNECT | FD_WRITE);
    close_sock(c);
    close_sock(l);
}
END_TEST

START_TEST(fd_close_reports_graceful_close_with_zero)
{
    start();
    if (!STREAM(_i))
        return;
    SOCKET a, b;
    make_pair(_i, &a, &b);
    struct test_event e;
    event_init(&e);
    event_select(b, &e, FD_CLOSE | FD_READ);
    close_sock(a);
    ck_assert(event_wait(&e, 5000));
    WSANETWORKEVENTS ne = enum_events(b, &e);
    ck_assert_int_eq(ne.lNetworkEvents, FD_CLOSE);
    ck_assert_int_eq(ne.iErrorCode[FD_CLOSE_BIT], 0);
    ck_assert(!event_wait(&e, 300));  /* FD_CLOSE happens once */
    close_sock(b);
}
END_TEST

START_TEST(fd_oob_reports_urgent_data_and_siocatmark_turns_false)
{
    start();
    if (!STREAM(_i))
        return;
    SOCKET a, b;
    make_pair(_i, &a, &b);
    DWORD got = 0;
    u_long mark = 0;
    int err = 0;
    ck_assert_int_eq(P.lpWSPIoctl(b, SIOCATMARK, NULL, 0, &mark, sizeof mark, &got, NULL, NULL, NULL, &err), 0);
    ck_assert_uint_eq(mark, 1);        /* doc ioctlsocket: TRUE when no OOB data waits */
    struct test_event e;
    event_init(&e);
    event_select(b, &e, FD_OOB);
    ck_assert_int_eq(send_bytes(a, "!", 1, MSG_OOB, NULL), 0);
    ck_assert(event_wait(&e, 5000));
    ck_assert_int_eq(enum_events(b, &e).lNetworkEvents, FD_OOB);
    ck_assert_int_eq(P.lpWSPIoctl(b, SIOCATMARK, NULL, 0, &mark, sizeof mark, &got, NULL, NULL, NULL, &err), 0);
    ck_assert_uint_eq(mark, 0);
    char c = 0;
    DWORD n;
    ck_assert_int_eq(recv_bytes(b, &c, 1, MSG_OOB, &n), 0);
    ck_assert_int_eq(c, '!');
    ck_assert_int_eq(P.lpWSPIoctl(b, SIOCATMARK, NULL, 0, &mark, sizeof mark, &got, NULL, NULL, NULL, &err), 0);
    ck_assert_uint_eq(mark, 1);
    close_sock(a);
    close_sock(b);
}
END_TEST

START_TEST(event_select_checks_its_arguments)
{
    start();
    SOCKET a, b;
    make_pair(_i, &a, &b);
    struct test_event e;
    event_init(&e);
    int err = 0;
    ck_assert_int_eq(P.lpWSPEnumNetworkEvents(b, &e, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    ck_assert_int_eq(P.lpWSPEventSelect((SOCKET)999999, &e, FD_READ, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAENOTSOCK);
    /* nothing selected: nothing recorded */
    ck_assert_int_eq(enum_events(b, &e).lNetworkEvents, 0);
    close_sock(a);
    close_sock(b);
}
END_TEST

START_TEST(receive_after_sd_receive_is_wsaeshutdown)
{
    start();
    SOCKET a, b;
    make_pair(_i, &a, &b);
    int err = 0;
    ck_assert_int_eq(send_bytes(a, "x", 1, 0, NULL), 0);
    ck_assert_int_eq(P.lpWSPShutdown(b, SD_RECEIVE, &err), 0);
    char buf[4];
    DWORD n;
    /* ref datapath §4; Wine agrees (conformance dp.*.recv.after_sd_receive) */
    ck_assert_int_eq(recv_bytes(b, buf, sizeof buf, 0, &n), WSAESHUTDOWN);
    close_sock(a);
    close_sock(b);
}
END_TEST

START_TEST(datagram_larger_than_the_maximum_is_wsaemsgsize)
{
    start();
    if (STREAM(_i))
        return;
    SOCKET a, b;
    make_pair(_i, &a, &b);
    static char big[70000];
    /* doc sendto function: larger than SO_MAX_MSG_SIZE -> WSAEMSGSIZE */
    ck_assert_int_eq(send_bytes(a, big, sizeof big, 0, NULL), WSAEMSGSIZE);
    close_sock(a);
    close_sock(b);
}
END_TEST

START_TEST(so_sndtimeo_expiry_is_wsaetimedout)
{
    start();
    if (!STREAM(_i))
        return;
    SOCKET a, b;
    make_pair(_i, &a, &b);
    DWORD ms = 200;
    int err = 0;
    ck_assert_int_eq(P.lpWSPSetSockOpt(a, SOL_SOCKET, SO_SNDTIMEO, (const char *)&ms, sizeof ms, &err), 0);
    static char chunk[65536];
    int code = 0;
    double t0 = now_s();
    for (int k = 0; k < 10000 && !code; k++)
        code = send_bytes(a, chunk, sizeof chunk, 0, NULL);
    ck_assert_int_eq(code, WSAETIMEDOUT);
    ck_assert_msg(now_s() - t0 < 30.0, "send kept blocking");
    close_sock(a);
    close_sock(b);
}
END_TEST

START_TEST(fd_close_reports_a_reset_with_wsaeconnreset)
{
    start();
    if (!STREAM(_i))
        return;
    SOCKET a, b;
    make_pair(_i, &a, &b);
    struct test_event e;
    event_init(&e);
    event_select(b, &e, FD_CLOSE);
    struct linger l = { 1, 0 };
    int err = 0;
    ck_assert_int_eq(P.lpWSPSetSockOpt(a, SOL_SOCKET, SO_LINGER, (const char *)&l, sizeof l, &err), 0);
    close_sock(a);                    /* abortive: RST */
    ck_assert(event_wait(&e, 5000));
    WSANETWORKEVENTS ne = enum_events(b, &e);
    ck_assert_int_eq(ne.lNetworkEvents, FD_CLOSE);
    /* doc WSAEventSelect (FD_CLOSE error codes): WSAECONNRESET for a reset */
    ck_assert_int_eq(ne.iErrorCode[FD_CLOSE_BIT], WSAECONNRESET);
    close_sock(b);
}
END_TEST

START_TEST(fd_oob_is_reenabled_by_an_oob_receive)
{
    start();
    if (!STREAM(_i))
        return;
    SOCKET a, b;
    make_pair(_i, &a, &b);
    struct test_event e;
    event_init(&e);
    event_select(b, &e, FD_OOB);
    ck_assert_int_eq(send_bytes(a, "1", 1, MSG_OOB, NULL), 0);
    ck_assert(event_wait(&e, 5000));
    ck_assert_int_eq(enum_events(b, &e).lNetworkEvents, FD_OOB);
    char c;
    DWORD n;
    ck_assert_int_eq(recv_bytes(b, &c, 1, MSG_OOB, &n), 0);
    ck_assert_int_eq(send_bytes(a, "2", 1, MSG_OOB, NULL), 0);
    ck_assert(event_wait(&e, 5000));
    ck_assert_int_eq(enum_events(b, &e).lNetworkEvents, FD_OOB);
    close_sock(a);
    close_sock(b);
}
END_TEST

/* ---- ioctls ------------------------------------------------------------------ */

START_TEST(sio_keepalive_vals_sets_what_the_option_gets_read_back)
{
    start();
    SOCKET a, b;
    make_pair(_i, &a, &b);
    struct tcp_keepalive k = { 1, 7000, 3000 };
    DWORD got = 0;
    int err = 0;
    int r = P.lpWSPIoctl(a, SIO_KEEPALIVE_VALS, &k, sizeof k, NULL, 0, &got, NULL, NULL, NULL, &err);
    if (!STREAM(_i)) {
        ck_assert_int_eq(r, SOCKET_ERROR);
        ck_assert_int_eq(err, WSAEINVAL);
    } else {
        ck_assert_int_eq(r, 0);
        int v = 0, len = sizeof v;
        ck_assert_int_eq(P.lpWSPGetSockOpt(a, SOL_SOCKET, SO_KEEPALIVE, (char *)&v, &len, &err), 0);
        ck_assert_int_eq(v & 0xff, 1);
        len = sizeof v;
        ck_assert_int_eq(P.lpWSPGetSockOpt(a, IPPROTO_TCP, TCP_KEEPALIVE, (char *)&v, &len, &err), 0);
        ck_assert_int_eq(v, 7);
        len = sizeof v;
        ck_assert_int_eq(P.lpWSPGetSockOpt(a, IPPROTO_TCP, TCP_KEEPINTVL, (char *)&v, &len, &err), 0);
        ck_assert_int_eq(v, 3);
        ck_assert_int_eq(P.lpWSPIoctl(a, SIO_KEEPALIVE_VALS, &k, 8, NULL, 0, &got, NULL, NULL, NULL, &err),
                         SOCKET_ERROR);
        ck_assert_int_eq(err, WSAEFAULT);
    }
    close_sock(a);
    close_sock(b);
}
END_TEST

START_TEST(fionread_counts_the_queued_datagram)
{
    start();
    SOCKET a, b;
    make_pair(_i, &a, &b);
    ck_assert_int_eq(send_bytes(a, "12345", 5, 0, NULL), 0);
    sleep_ms(50);
    u_long avail = 0;
    DWORD got = 0;
    int err = 0;
    ck_assert_int_eq(P.lpWSPIoctl(b, FIONREAD, NULL, 0, &avail, sizeof avail, &got, NULL, NULL, NULL, &err), 0);
    ck_assert_uint_eq(avail, 5);
    ck_assert_uint_eq(got, sizeof avail);
    close_sock(a);
    close_sock(b);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("wsp_datapath");
    TCase *t = tcase_create("send_recv");
    tcase_set_timeout(t, 30);
    tcase_add_loop_test(t, wsabuf_scatter_gather_moves_every_byte_in_order, 0, NCOMBOS);
    tcase_add_loop_test(t, sendto_recvfrom_report_the_peer_address, 0, NCOMBOS);
    tcase_add_loop_test(t, overlapped_and_bad_arguments_fail_cleanly, 0, NCOMBOS);
    tcase_add_loop_test(t, nonblocking_receive_with_nothing_queued_is_wsaewouldblock, 0, NCOMBOS);
    tcase_add_loop_test(t, so_rcvtimeo_expiry_is_wsaetimedout, 0, NCOMBOS);
    tcase_add_loop_test(t, datagram_larger_than_buffer_delivers_prefix_and_fails_wsaemsgsize, 0, NCOMBOS);
    tcase_add_loop_test(t, connect_after_a_completed_nonblocking_connect_is_wsaeisconn, 0, NCOMBOS);
    tcase_add_loop_test(t, icmp_port_unreachable_fails_next_recvfrom_wsaeconnreset, 0, NCOMBOS);
    tcase_add_loop_test(t, sio_udp_connreset_false_ignores_icmp_port_unreachable, 0, NCOMBOS);
    tcase_add_loop_test(t, send_after_sd_send_is_wsaeshutdown, 0, NCOMBOS);
    tcase_add_loop_test(t, send_on_reset_connection_fails_without_sigpipe, 0, NCOMBOS);
    tcase_add_loop_test(t, flag_rules_waitall_and_oob_on_datagram_and_nonblocking, 0, NCOMBOS);
    tcase_add_loop_test(t, nonblocking_connect_wouldblock_then_already, 0, NCOMBOS);
    tcase_add_loop_test(t, accepted_socket_inherits_nonblocking_mode, 0, NCOMBOS);
    tcase_add_loop_test(t, so_rcvtimeo_does_not_end_a_blocking_accept, 0, NCOMBOS);
    tcase_add_loop_test(t, receive_after_sd_receive_is_wsaeshutdown, 0, NCOMBOS);
    tcase_add_loop_test(t, datagram_larger_than_the_maximum_is_wsaemsgsize, 0, NCOMBOS);
    tcase_add_loop_test(t, so_sndtimeo_expiry_is_wsaetimedout, 0, NCOMBOS);
    tcase_add_loop_test(t, close_from_another_thread_wakes_blocked_recv_with_wsaeintr, 0, NCOMBOS);
    tcase_add_loop_test(t, close_from_another_thread_wakes_blocked_accept_with_wsaeintr, 0, NCOMBOS);
    suite_add_tcase(s, t);
    t = tcase_create("select");
    tcase_set_timeout(t, 30);
    tcase_add_test(t, select_empty_sets_wsaeinval_non_socket_wsaenotsock);
    tcase_add_loop_test(t, select_reports_readable_writable_and_leaves_timeout_alone, 0, NCOMBOS);
    tcase_add_loop_test(t, select_reports_refused_nonblocking_connect_in_exceptfds_only, 0, NCOMBOS);
    tcase_add_loop_test(t, select_takes_fd_setsize_64_and_a_program_defined_larger_set, 0, NCOMBOS);
    tcase_add_loop_test(t, close_from_another_thread_wakes_blocked_select, 0, NCOMBOS);
    suite_add_tcase(s, t);
    t = tcase_create("events");
    tcase_set_timeout(t, 30);
    tcase_add_loop_test(t, eventselect_makes_socket_nonblocking_and_fionbio_cannot_undo_it, 0, NCOMBOS);
    tcase_add_loop_test(t, fd_read_is_recorded_once_until_a_receive_reenables_it, 0, NCOMBOS);
    tcase_add_loop_test(t, fd_write_comes_once_then_only_after_wsaewouldblock, 0, NCOMBOS);
    tcase_add_loop_test(t, fd_accept_reenabled_by_accept_and_inherited_by_accepted_socket, 0, NCOMBOS);
    tcase_add_loop_test(t, fd_connect_reports_refused_connect_with_wsaeconnrefused, 0, NCOMBOS);
    tcase_add_loop_test(t, fd_connect_then_fd_write_on_success, 0, NCOMBOS);
    tcase_add_loop_test(t, fd_close_reports_graceful_close_with_zero, 0, NCOMBOS);
    tcase_add_loop_test(t, fd_oob_reports_urgent_data_and_siocatmark_turns_false, 0, NCOMBOS);
    tcase_add_loop_test(t, fd_oob_is_reenabled_by_an_oob_receive, 0, NCOMBOS);
    tcase_add_loop_test(t, fd_close_reports_a_reset_with_wsaeconnreset, 0, NCOMBOS);
    tcase_add_loop_test(t, event_select_checks_its_arguments, 0, NCOMBOS);
    suite_add_tcase(s, t);
    t = tcase_create("ioctl");
    tcase_add_loop_test(t, sio_keepalive_vals_sets_what_the_option_gets_read_back, 0, NCOMBOS);
    tcase_add_loop_test(t, fionread_counts_the_queued_datagram, 0, NCOMBOS);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}

/*
 * The provider's data path against a hostile caller: POSIX signals arriving
 * during blocking calls (a Windows program ported with a profiler's SIGPROF
 * or an alarm) and sockets in select sets that can never become ready.
 * Windows has no signals, so a signal must neither fail a blocking call nor
 * stretch its timeout.  Windows headers and the proc table, plus POSIX
 * signals and threads.  Waits are bounded: a regression fails, never hangs.
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <ws2spi.h>

static WSPPROC_TABLE P;

static void start(void)
{
    WSPDATA data;
    WSAPROTOCOL_INFOW info;
    WSPUPCALLTABLE upcalls;
    memset(&info, 0, sizeof info);
    memset(&upcalls, 0, sizeof upcalls);
    ck_assert_int_eq(WSPStartup(MAKEWORD(2, 2), &data, &info, upcalls, &P), 0);
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static void sleep_ms(long ms)
{
    struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&t, NULL);
}

static void on_signal(int sig) { (void)sig; }

/* a handler for SIGUSR1, with or without SA_RESTART */
static void install(int restart)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigemptyset(&sa.sa_mask);
    ck_assert_int_eq(sigaction(SIGUSR1, &sa, NULL), 0);
}

static SOCKET make_sock(int af, int type)
{
    int err = 0;
    SOCKET s = P.lpWSPSocket(af, type, 0, NULL, 0, 0, &err);
    ck_assert_msg(s != INVALID_SOCKET, "WSPSocket failed %d", err);
    return s;
}

static int loopback4(SOCKADDR_IN *a, u_short port_net)
{
    memset(a, 0, sizeof *a);
    a->sin_family = AF_INET;
    unsigned char *ip = (unsigned char *)&a->sin_addr;
    ip[0] = 127;
    ip[3] = 1;
    a->sin_port = port_net;
    return sizeof *a;
}

/* a listener on 127.0.0.1 and its address */
static SOCKET listener(SOCKADDR_IN *a, int backlog)
{
    int err = 0, len = loopback4(a, 0);
    SOCKET l = make_sock(AF_INET, SOCK_STREAM);
    ck_assert_int_eq(P.lpWSPBind(l, (struct sockaddr *)a, len, &err), 0);
    ck_assert_int_eq(P.lpWSPGetSockName(l, (struct sockaddr *)a, &len, &err), 0);
    ck_assert_int_eq(P.lpWSPListen(l, backlog, &err), 0);
    return l;
}

/* ---- a blocking call in a thread, pelted with signals --------------------- */
struct victim {
    pthread_t t;
    SOCKET s;
    const SOCKADDR_IN *to;
    int kind;                         /* 0 recv, 1 connect */
    int rc, err;
    atomic_int done;
};

static void *victim_main(void *arg)
{
    struct victim *v = arg;
    char buf[16];
    WSABUF b = { sizeof buf, buf };
    DWORD got = 0, flags = 0;
    v->err = 0;
    if (v->kind == 0)
        v->rc = P.lpWSPRecv(v->s, &b, 1, &got, &flags, NULL, NULL, NULL, &v->err);
    else
        v->rc = P.lpWSPConnect(v->s, (const struct sockaddr *)v->to, sizeof *v->to, NULL, NULL, NULL, NULL,
                               &v->err);
    atomic_store(&v->done, 1);
    return NULL;
}

/* signal the victim every 20 ms for at most secs seconds or until it returns */
static double pelt(struct victim *v, double secs)
{
    double t0 = now_s();
    while (!atomic_load(&v->done) && now_s() - t0 < secs) {
        pthread_kill(v->t, SIGUSR1);
        sleep_ms(20);
    }
    return now_s() - t0;
}

static void rcvtimeo_survives_signals(int restart)
{
    start();
    install(restart);
    SOCKADDR_IN a;
    int err = 0;
    SOCKET u = make_sock(AF_INET, SOCK_DGRAM);
    int len = loopback4(&a, 0);
    ck_assert_int_eq(P.lpWSPBind(u, (struct sockaddr *)&a, len, &err), 0);
    DWORD ms = 400;
    ck_assert_int_eq(P.lpWSPSetSockOpt(u, SOL_SOCKET, SO_RCVTIMEO, (const char *)&ms, sizeof ms, &err), 0);
    struct victim v = { .s = u, .kind = 0 };
    atomic_init(&v.done, 0);
    ck_assert_int_eq(pthread_create(&v.t, NULL, victim_main, &v), 0);
    double took = pelt(&v, 4.0);
    pthread_join(v.t, NULL);
    /* doc "SOL_SOCKET Socket Options" (SO_RCVTIMEO): the receive fails
     * WSAETIMEDOUT after the timeout -- a signal is no reason to start the
     * wait again.  A generous band: 400 ms asked, 2.5 s allowed. */
    ck_assert_int_eq(v.rc, SOCKET_ERROR);
    ck_assert_int_eq(v.err, WSAETIMEDOUT);
    ck_assert_msg(took < 2.5, "the timeout restarted with every signal: %.2f s", took);
    ck_assert_int_eq(P.lpWSPCloseSocket(u, &err), 0);
}

START_TEST(so_rcvtimeo_is_not_restarted_by_signals) { rcvtimeo_survives_signals(_i); }
END_TEST

START_TEST(blocking_connect_is_not_failed_by_a_signal)
{
    start();
    install(_i);
    SOCKADDR_IN a;
    int err = 0;
    SOCKET l = listener(&a, 0);
    /* fill the accept queue: further SYNs are dropped and a blocking
     * connect waits for a retransmission */
    SOCKET filler[8];
    int nfill = 0;
    u_long on = 1;
    DWORD got = 0;
    for (; nfill < 8; nfill++) {
        filler[nfill] = make_sock(AF_INET, SOCK_STREAM);
        P.lpWSPIoctl(filler[nfill], FIONBIO, &on, sizeof on, NULL, 0, &got, NULL, NULL, NULL, &err);
        P.lpWSPConnect(filler[nfill], (struct sockaddr *)&a, sizeof a, NULL, NULL, NULL, NULL, &err);
        sleep_ms(50);
        WS_fd_set w = { 1, { filler[nfill] } };
        struct WS_timeval tv = { 0, 200000 };
        if (P.lpWSPSelect(0, NULL, &w, NULL, &tv, &err) == 0) {
            nfill++;
            break;                    /* this one is pending: the queue is full */
        }
    }
    struct victim v = { .s = make_sock(AF_INET, SOCK_STREAM), .to = &a, .kind = 1 };
    atomic_init(&v.done, 0);
    ck_assert_int_eq(pthread_create(&v.t, NULL, victim_main, &v), 0);
    pelt(&v, 0.5);
    /* make room: the connect completes on its next SYN */
    for (int k = 0; k < 3; k++) {
        SOCKET c = P.lpWSPAccept(l, NULL, NULL, NULL, 0, &err);
        if (c != INVALID_SOCKET)
            P.lpWSPCloseSocket(c, &err);
    }
    double t0 = now_s();
    while (!atomic_load(&v.done) && now_s() - t0 < 15)
        sleep_ms(20);
    ck_assert_msg(atomic_load(&v.done), "connect never finished");
    pthread_join(v.t, NULL);
    /* Windows has no signals: a blocking connect ends with the connection's
     * outcome, never WSAEINTR (doc "connect function": WSAEINTR only for a
     * call cancelled by WSACancelBlockingCall) */
    ck_assert_msg(v.rc == 0, "connect failed %d", v.err);
    for (int k = 0; k < nfill; k++)
        P.lpWSPCloseSocket(filler[k], &err);
    P.lpWSPCloseSocket(v.s, &err);
    P.lpWSPCloseSocket(l, &err);
}
END_TEST

/* A socket that never connected is in no set (doc "select function": none of
 * the conditions holds); select must wait its timeout, not return 0 early. */
START_TEST(select_waits_its_timeout_on_a_never_connected_socket)
{
    start();
    int err = 0;
    SOCKET s = make_sock(AF_INET, SOCK_STREAM);
    WS_fd_set w = { 1, { s } }, e = { 1, { s } };
    WS_fd_set *wp = _i == 0 ? &w : NULL, *ep = _i == 1 ? &e : NULL;
    struct WS_timeval tv = { 0, 400000 };
    double t0 = now_s();
    int r = P.lpWSPSelect(0, NULL, wp, ep, &tv, &err);
    double took = now_s() - t0;
    ck_assert_int_eq(r, 0);
    ck_assert_msg(took >= 0.3, "select returned 0 after %.3f s of a 0.4 s timeout", took);
    ck_assert_int_eq(P.lpWSPCloseSocket(s, &err), 0);
}
END_TEST

/* ---- a blocking stream send interrupted after part of its data ----------- */
struct sender {
    pthread_t t;
    SOCKET s;
    char *data;
    DWORD len;
    int rc, err;
    DWORD sent;
    atomic_int done;
};

static void *sender_main(void *arg)
{
    struct sender *x = arg;
    WSABUF b = { x->len, x->data };
    x->err = 0;
    x->rc = P.lpWSPSend(x->s, &b, 1, &x->sent, 0, NULL, NULL, NULL, &x->err);
    atomic_store(&x->done, 1);
    return NULL;
}

/* doc "send function": only a nonblocking stream socket may take part of the
 * data ("between 1 and the requested length"); a blocking send waits for
 * room for all of it, and a signal is no reason to stop (Linux returns the
 * bytes copied so far when a signal interrupts the wait). */
START_TEST(blocking_stream_send_is_not_cut_short_by_signals)
{
    start();
    install(_i);
    SOCKADDR_IN a;
    int err = 0;
    SOCKET l = listener(&a, 4);
    SOCKET c = make_sock(AF_INET, SOCK_STREAM);
    ck_assert_int_eq(P.lpWSPConnect(c, (struct sockaddr *)&a, sizeof a, NULL, NULL, NULL, NULL, &err), 0);
    SOCKET d = P.lpWSPAccept(l, NULL, NULL, NULL, 0, &err);
    ck_assert(d != INVALID_SOCKET);
    static char data[8 << 20], in[1 << 16];
    for (size_t k = 0; k < sizeof data; k++)
        data[k] = (char)(k * 7);
    struct sender x = { .s = c, .data = data, .len = sizeof data };
    atomic_init(&x.done, 0);
    ck_assert_int_eq(pthread_create(&x.t, NULL, sender_main, &x), 0);
    /* the send blocks on a full buffer: signal it while the reader is idle,
     * then read slowly, signalling between reads */
    struct victim v = { .t = x.t };
    atomic_init(&v.done, 0);
    pelt(&v, 0.3);
    size_t total = 0;
    double t0 = now_s();
    while (now_s() - t0 < 30) {
        WSABUF b = { sizeof in, in };
        DWORD n = 0, flags = 0;
        if (total >= sizeof data || (atomic_load(&x.done) && total >= x.sent))
            break;
        pthread_kill(x.t, SIGUSR1);
        ck_assert_int_eq(P.lpWSPRecv(d, &b, 1, &n, &flags, NULL, NULL, NULL, &err), 0);
        ck_assert_msg(memcmp(in, data + total, n) == 0, "byte stream corrupted at %zu", total);
        total += n;
    }
    pthread_join(x.t, NULL);
    ck_assert_int_eq(x.rc, 0);
    ck_assert_msg(x.sent == sizeof data, "a blocking send returned after %lu of %zu bytes", (unsigned long)x.sent,
                  sizeof data);
    P.lpWSPCloseSocket(c, &err);
    P.lpWSPCloseSocket(d, &err);
    P.lpWSPCloseSocket(l, &err);
}
END_TEST

/* ---- a close under a select that waits on a socket it cannot report ------- */
struct selector {
    SOCKET s;
    int which;                        /* 0 writefds, 1 exceptfds */
    int rc, err;
    WS_fd_set set;
    atomic_int done;
};

static void *selector_main(void *arg)
{
    struct selector *x = arg;
    x->set.fd_count = 1;
    x->set.fd_array[0] = x->s;
    x->err = 0;
    x->rc = P.lpWSPSelect(0, NULL, x->which == 0 ? &x->set : NULL, x->which == 1 ? &x->set : NULL, NULL,
                          &x->err);
    atomic_store(&x->done, 1);
    return NULL;
}

struct closer {
    SOCKET s;
    int rc, err;
    atomic_int done;
};

static void *closer_main(void *arg)
{
    struct closer *c = arg;
    c->rc = P.lpWSPCloseSocket(c->s, &c->err);
    atomic_store(&c->done, 1);
    return NULL;
}

/* README: a close from another thread ends a select waiting on the socket,
 * whichever set holds it -- even one (never connected) poll keeps reporting
 * as not ready in that set. */
START_TEST(close_ends_an_untimed_select_on_a_never_connected_socket)
{
    start();
    struct selector x = { .s = make_sock(AF_INET, SOCK_STREAM), .which = _i };
    atomic_init(&x.done, 0);
    pthread_t ts, tc;
    ck_assert_int_eq(pthread_create(&ts, NULL, selector_main, &x), 0);
    sleep_ms(200);
    ck_assert_msg(!atomic_load(&x.done), "an untimed select returned %d (err %d) with nothing ready", x.rc, x.err);
    struct closer c = { .s = x.s };
    atomic_init(&c.done, 0);
    ck_assert_int_eq(pthread_create(&tc, NULL, closer_main, &c), 0);
    double t0 = now_s();
    while (!(atomic_load(&x.done) && atomic_load(&c.done)) && now_s() - t0 < 5)
        sleep_ms(10);
    ck_assert_msg(atomic_load(&x.done) && atomic_load(&c.done), "select or close still waiting after 5 s");
    pthread_join(ts, NULL);
    pthread_join(tc, NULL);
    ck_assert_int_eq(c.rc, 0);
    ck_assert_int_eq(x.rc, 1);         /* reported in its set: its next call fails */
    ck_assert_uint_eq(x.set.fd_count, 1);
}
END_TEST

/* ---- pointers into the never-mapped first page: WSAEFAULT, not a crash ---- */
#define WILD ((void *)1)

/* a connected UDP pair with one datagram queued for b */
static void udp_pair(SOCKET *a, SOCKET *b)
{
    SOCKADDR_IN sa, sb;
    int err = 0, la = loopback4(&sa, 0), lb = loopback4(&sb, 0);
    *a = make_sock(AF_INET, SOCK_DGRAM);
    *b = make_sock(AF_INET, SOCK_DGRAM);
    ck_assert_int_eq(P.lpWSPBind(*a, (struct sockaddr *)&sa, la, &err), 0);
    ck_assert_int_eq(P.lpWSPBind(*b, (struct sockaddr *)&sb, lb, &err), 0);
    ck_assert_int_eq(P.lpWSPGetSockName(*a, (struct sockaddr *)&sa, &la, &err), 0);
    ck_assert_int_eq(P.lpWSPGetSockName(*b, (struct sockaddr *)&sb, &lb, &err), 0);
    ck_assert_int_eq(P.lpWSPConnect(*a, (struct sockaddr *)&sb, lb, NULL, NULL, NULL, NULL, &err), 0);
    char c = 'x';
    WSABUF buf = { 1, &c };
    DWORD n = 0;
    ck_assert_int_eq(P.lpWSPSend(*a, &buf, 1, &n, 0, NULL, NULL, NULL, &err), 0);
}

/* doc "WSARecv function"/"WSASend function"/"WSARecvFrom function" (WSAEFAULT:
 * a parameter not in the user address space); the provider detects the
 * first page, as WSPSetSockOpt does (reference/winsock-options.md §2.1) */
START_TEST(data_calls_answer_first_page_pointers_with_wsaefault)
{
    start();
    SOCKET a, b;
    udp_pair(&a, &b);
    char c[4];
    WSABUF buf = { sizeof c, c }, wildbuf = { 1, WILD };
    DWORD n = 0, flags = 0;
    int err = 0, fromlen = sizeof(SOCKADDR_IN);
    SOCKADDR_IN from;
    ck_assert_int_eq(P.lpWSPRecv(b, WILD, 1, &n, &flags, NULL, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    ck_assert_int_eq(P.lpWSPSend(a, WILD, 1, &n, 0, NULL, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    ck_assert_int_eq(P.lpWSPSend(a, &wildbuf, 1, &n, 0, NULL, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    ck_assert_int_eq(P.lpWSPRecv(b, &buf, 1, &n, WILD, NULL, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    ck_assert_int_eq(P.lpWSPRecv(b, &buf, 1, WILD, &flags, NULL, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    ck_assert_int_eq(P.lpWSPRecvFrom(b, &buf, 1, &n, &flags, WILD, &fromlen, NULL, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    ck_assert_int_eq(P.lpWSPRecvFrom(b, &buf, 1, &n, &flags, (struct sockaddr *)&from, WILD, NULL, NULL, NULL, &err),
                     SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    ck_assert_int_eq(P.lpWSPSendTo(a, &buf, 1, &n, 0, WILD, sizeof from, NULL, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    ck_assert_int_eq(P.lpWSPSend(a, &buf, 1, WILD, 0, NULL, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    /* the queued datagram is still there: none of the above consumed it */
    flags = 0;
    ck_assert_int_eq(P.lpWSPRecv(b, &buf, 1, &n, &flags, NULL, NULL, NULL, &err), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(c[0], 'x');
    P.lpWSPCloseSocket(a, &err);
    P.lpWSPCloseSocket(b, &err);
}
END_TEST

/* doc "select function" (WSAEFAULT: the fd_set or timeval parameters not in
 * the user address space); doc "WSAEnumNetworkEvents function" (WSAEFAULT) */
START_TEST(select_and_enum_answer_first_page_pointers_with_wsaefault)
{
    start();
    int err = 0;
    SOCKET s = make_sock(AF_INET, SOCK_DGRAM);
    WS_fd_set r = { 1, { s } };
    struct WS_timeval tv = { 0, 1000 };
    ck_assert_int_eq(P.lpWSPSelect(0, WILD, NULL, NULL, &tv, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    ck_assert_int_eq(P.lpWSPSelect(0, &r, WILD, NULL, &tv, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    ck_assert_int_eq(P.lpWSPSelect(0, &r, NULL, WILD, &tv, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    ck_assert_int_eq(P.lpWSPSelect(0, &r, NULL, NULL, WILD, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    ck_assert_int_eq(P.lpWSPEnumNetworkEvents(s, NULL, WILD, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    P.lpWSPCloseSocket(s, &err);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("wsp_hostile");
    TCase *t = tcase_create("signals");
    tcase_set_timeout(t, 40);
    tcase_add_loop_test(t, so_rcvtimeo_is_not_restarted_by_signals, 0, 2);
    tcase_add_loop_test(t, blocking_connect_is_not_failed_by_a_signal, 0, 2);
    tcase_add_loop_test(t, blocking_stream_send_is_not_cut_short_by_signals, 0, 2);
    suite_add_tcase(s, t);
    t = tcase_create("select");
    tcase_set_timeout(t, 20);
    tcase_add_loop_test(t, select_waits_its_timeout_on_a_never_connected_socket, 0, 2);
    tcase_add_loop_test(t, close_ends_an_untimed_select_on_a_never_connected_socket, 0, 2);
    suite_add_tcase(s, t);
    t = tcase_create("pointers");
    tcase_add_test(t, data_calls_answer_first_page_pointers_with_wsaefault);
    tcase_add_test(t, select_and_enum_answer_first_page_pointers_with_wsaefault);
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

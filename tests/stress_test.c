/*
 * Concurrency, fork and signal stress of the per-socket state (issue 11,
 * defect 4): threads race setsockopt/getsockopt against dup2/close/socket on
 * the same descriptor numbers while state objects are recycled between
 * sockets, a thread forks, and a timer's signal handler runs dup/dup2/close.
 *
 *   setters   set SO_DONTROUTE, SO_LINGER {1,0}, SO_RCVBUF (it reaches the
 *             kernel before the state is written: a wide window) and
 *             SO_OOBINLINE (the kernel only) and read SO_DONTROUTE back, on
 *             numbers A..A+7; through the shim, a call that succeeds must
 *             leave errno as it was, even when it had to ask again because
 *             the number changed sockets under it (WSP_STALE);
 *   churn     closes those numbers and puts new sockets there with dup2;
 *   witness   puts fresh sockets on numbers B..B+7, which nobody sets, and
 *             checks that their state is pristine: a setter that wrote
 *             through a pointer it looked up before the object was recycled
 *             would show here (a "leak");
 *   forker    forks; the child reads an option and leaves with _exit.
 *
 * Two back ends, chosen at run time: with libwspshim.so preloaded the test
 * is an ordinary POSIX program (enforce mode); without it, it drives libwsp
 * directly and does the shim's bookkeeping itself, which lets a
 * ThreadSanitizer build see every access (scripts/test).  Run time:
 * WSP_STRESS_SECONDS (default 2).  Prints its figures; fails on any leak,
 * any failed call that must succeed, or (under TSan) any report.
 */
#include "wsp_internal.h"

#include <check.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int wspshim_active(void);

enum { SET_BASE = 200, WITNESS_BASE = 300, NUMBERS = 8 };

static WSPPROC_TABLE P;
static int via_shim;
static _Atomic int stop;
static _Atomic long set_calls, get_calls, churns, witnessed, leaks, failures, forks, alarms, errno_lost;

/* what errno holds before each call through the shim: a success must leave it */
enum { ERRNO_BEFORE = 4242 };

static int shim_answer(int r)
{
    if (r != 0)
        return errno;
    if (errno != ERRNO_BEFORE)
        errno_lost++;
    return 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- the two back ends --------------------------------------------------- */

static int new_socket(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd >= 0 && !via_shim)
        wsp_sock_adopt(fd, AF_INET, SOCK_STREAM, 0);
    return fd;
}

static void put_at(int fd, int number)
{
    if (dup2(fd, number) == number && !via_shim)
        wsp_sock_alias_fd(fd, number);
}

static void close_fd(int fd)
{
    if (!via_shim)
        wsp_sock_forget(fd);        /* forget first, as the shim does */
    close(fd);
}

/* 0, or an error (errno through the shim, WSAE code through libwsp) */
static int set_opt(int fd, int name, const void *val, int len)
{
    if (via_shim) {
        errno = ERRNO_BEFORE;
        return shim_answer(setsockopt(fd, SOL_SOCKET, name, val, (socklen_t)len));
    }
    int wname = name == SO_DONTROUTE ? WS_SO_DONTROUTE : name == SO_RCVBUF ? WS_SO_RCVBUF
              : name == SO_OOBINLINE ? WS_SO_OOBINLINE : WS_SO_LINGER;
    struct WS_linger wl = { 1, 0 };
    if (name == SO_LINGER) {
        val = &wl;
        len = sizeof wl;
    }
    int err = 0;
    return P.lpWSPSetSockOpt((SOCKET)fd, WS_SOL_SOCKET, wname, val, len, &err) == 0 ? 0 : err;
}

static int get_dontroute(int fd, int *v)
{
    *v = -1;
    if (via_shim) {
        socklen_t len = sizeof *v;
        errno = ERRNO_BEFORE;
        return shim_answer(getsockopt(fd, SOL_SOCKET, SO_DONTROUTE, v, &len));
    }
    int err = 0, len = sizeof *v;
    *v = 0;                         /* a BOOLEAN: Windows writes one byte */
    return P.lpWSPGetSockOpt((SOCKET)fd, WS_SOL_SOCKET, WS_SO_DONTROUTE, (char *)v, &len, &err) == 0 ? 0 : err;
}

static int get_linger_on(int fd, int *on)
{
    *on = -1;
    if (via_shim) {
        struct linger l = { -1, -1 };
        socklen_t len = sizeof l;
        errno = ERRNO_BEFORE;
        int r = shim_answer(getsockopt(fd, SOL_SOCKET, SO_LINGER, &l, &len));
        *on = l.l_onoff;
        return r;
    }
    struct WS_linger wl = { 7, 7 };
    int err = 0, len = sizeof wl;
    int r = P.lpWSPGetSockOpt((SOCKET)fd, WS_SOL_SOCKET, WS_SO_LINGER, (char *)&wl, &len, &err) == 0 ? 0 : err;
    *on = wl.l_onoff;
    return r;
}

static unsigned seed_parity(void *arg)
{
    return (unsigned)(uintptr_t)arg & 1u;
}

/* A call on a number another thread may have closed a moment ago may fail
 * "not a socket"; any other failure is a bug. */
static int tolerated(int err)
{
    return err == 0 || err == EBADF || err == ENOTSOCK || err == WSAENOTSOCK;
}

/* ---- the threads ----------------------------------------------------------- */

static void *setter(void *arg)
{
    unsigned seed = (unsigned)(uintptr_t)arg;
    int one = 1, buf = 8192, v;
    struct linger lg = { 1, 0 };
    while (!stop) {
        int fd = SET_BASE + (int)(rand_r(&seed) % NUMBERS);
        int e1 = set_opt(fd, SO_DONTROUTE, &one, sizeof one);
        int e2 = set_opt(fd, SO_RCVBUF, &buf, sizeof buf);
        int e3 = set_opt(fd, SO_LINGER, &lg, sizeof lg);
        int e4 = get_dontroute(fd, &v);
        int e5 = set_opt(fd, SO_OOBINLINE, &one, sizeof one);
        set_calls += 4;
        get_calls += 1;
        if (!tolerated(e1) || !tolerated(e2) || !tolerated(e3) || !tolerated(e4) || !tolerated(e5) ||
            (e4 == 0 && v != 1 && v != 0))
            failures++;
    }
    return NULL;
}

/* ThreadSanitizer itself reports two threads racing close and dup2 on one
 * descriptor number (as it should): under TSan (WSP_STRESS_SPLIT=1) each
 * churn thread keeps to half of the numbers; the setters still race both. */
static int split;

static void *churn(void *arg)
{
    unsigned seed = (unsigned)(uintptr_t)arg;
    while (!stop) {
        int number = SET_BASE + (int)(rand_r(&seed) % NUMBERS);
        if (split)
            number = (number & ~1) | (int)(seed_parity(arg));
        if (rand_r(&seed) % 3 == 0) {
            close_fd(number);
        } else {
            int fd = new_socket();
            if (fd < 0) {
                failures++;
                continue;
            }
            put_at(fd, number);
            close_fd(fd);
        }
        churns++;
    }
    return NULL;
}

static void *witness(void *arg)
{
    unsigned seed = (unsigned)(uintptr_t)arg;
    while (!stop) {
        int number = WITNESS_BASE + (int)(rand_r(&seed) % NUMBERS);
        int fd = new_socket();
        if (fd < 0) {
            failures++;
            continue;
        }
        put_at(fd, number);
        close_fd(fd);
        int dontroute, linger_on;
        if (get_dontroute(number, &dontroute) != 0 || get_linger_on(number, &linger_on) != 0)
            failures++;
        else if (dontroute != 0 || linger_on != 0)
            leaks++;                /* another socket's setting landed here */
        close_fd(number);
        witnessed++;
    }
    return NULL;
}

static void *forker(void *arg)
{
    (void)arg;
    while (!stop) {
        pid_t pid = fork();
        if (pid == 0) {
            int v;
            get_dontroute(SET_BASE, &v);
            _exit(0);
        }
        if (pid > 0)
            waitpid(pid, NULL, 0);
        forks++;
        usleep(20000);
    }
    return NULL;
}

/* async-signal-safe paths of the shim: dup, dup2 and close of a descriptor */
static void on_alarm(int sig)
{
    (void)sig;
    int saved = errno;
    int fd = dup(0);
    if (fd >= 0) {
        dup2(0, fd);
        close(fd);
    }
    alarms++;
    errno = saved;
}

START_TEST(state_survives_racing_calls_closes_forks_and_signals)
{
    via_shim = wspshim_active();
    if (!via_shim) {
        WSPDATA data;
        WSAPROTOCOL_INFOW info;
        WSPUPCALLTABLE up;
        memset(&up, 0, sizeof up);
        ck_assert_int_eq(WSPStartup(MAKEWORD(2, 2), &data, &info, up, &P), 0);
    }
    const char *env = getenv("WSP_STRESS_SECONDS");
    double seconds = env ? atof(env) : 2.0;
    if (seconds <= 0)
        seconds = 2.0;
    split = getenv("WSP_STRESS_SPLIT") != NULL;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval every = { { 0, 10000 }, { 0, 10000 } }, off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &every, NULL);

    void *(*roles[])(void *) = { setter, setter, churn, churn, witness, forker };
    enum { ROLES = sizeof roles / sizeof roles[0] };
    pthread_t t[ROLES];
    double t0 = now_s();
    for (int i = 0; i < ROLES; i++)
        ck_assert_int_eq(pthread_create(&t[i], NULL, roles[i], (void *)(uintptr_t)(i + 1)), 0);
    while (now_s() - t0 < seconds)
        usleep(50000);
    stop = 1;
    for (int i = 0; i < ROLES; i++)
        pthread_join(t[i], NULL);
    double took = now_s() - t0;
    setitimer(ITIMER_REAL, &off, NULL);
    for (int i = 0; i < NUMBERS; i++) {
        close_fd(SET_BASE + i);
        close_fd(WITNESS_BASE + i);
    }

    fprintf(stderr,
            "stress (%s): %d threads, %.1f s: %ld set + %ld get calls, %ld churns, %ld witness sockets, "
            "%ld forks, %ld signals; %ld leaks, %ld failures, %ld successes that changed errno\n",
            via_shim ? "POSIX calls through the shim" : "libwsp directly", ROLES, took, (long)set_calls,
            (long)get_calls, (long)churns, (long)witnessed, (long)forks, (long)alarms, (long)leaks, (long)failures, (long)errno_lost);
    ck_assert_int_gt(witnessed, 0);
    ck_assert_int_gt(set_calls, 0);
    ck_assert_int_eq(leaks, 0);
    ck_assert_int_eq(failures, 0);
    ck_assert_int_eq(errno_lost, 0);
    if (!via_shim)
        ck_assert_int_eq(wsp_sock_live_count(), 0);   /* every object went back to the pool */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("stress");
    TCase *t = tcase_create("stress");
    tcase_set_timeout(t, 300);
    tcase_add_test(t, state_survives_racing_calls_closes_forks_and_signals);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}

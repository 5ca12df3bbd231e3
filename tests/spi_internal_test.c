/*
 * libwsp from the inside: what reaches the kernel (and what must not), the
 * per-socket state, the tables' invariants.  Uses Linux headers next to the
 * prefixed Windows ones.
 */
#include "wsp_internal.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <unistd.h>

static WSPPROC_TABLE P;

static void start(void)
{
    WSPDATA data;
    WSAPROTOCOL_INFOW info;
    WSPUPCALLTABLE upcalls;
    memset(&upcalls, 0, sizeof upcalls);
    ck_assert_int_eq(WSPStartup(MAKEWORD(2, 2), &data, &info, upcalls, &P), 0);
}

static int wsock(int waf, int type)
{
    int err = 0;
    SOCKET s = P.lpWSPSocket(waf, type, 0, NULL, 0, 0, &err);
    ck_assert(s != INVALID_SOCKET);
    return (int)s;
}

static int wset(int fd, int level, int name, int v)
{
    int err = 0;
    return P.lpWSPSetSockOpt((SOCKET)fd, level, name, (const char *)&v, sizeof v, &err) ? err : 0;
}

static int wget(int fd, int level, int name, int *v)
{
    int err = 0, len = sizeof *v;
    return P.lpWSPGetSockOpt((SOCKET)fd, level, name, (char *)v, &len, &err) ? err : 0;
}

static int kget(int fd, int level, int name)
{
    int v = -1;
    socklen_t len = sizeof v;
    ck_assert_int_eq(getsockopt(fd, level, name, &v, &len), 0);
    return v;
}

static long read_proc_long(const char *path)
{
    FILE *f = fopen(path, "r");
    long v = -1;
    if (f) {
        if (fscanf(f, "%ld", &v) != 1)
            v = -1;
        fclose(f);
    }
    return v;
}

START_TEST(dontroute_on_inet_never_reaches_the_kernel)
{
    start();
    int fd = wsock(WS_AF_INET, WS_SOCK_DGRAM);
    ck_assert_int_eq(wset(fd, WS_SOL_SOCKET, WS_SO_DONTROUTE, 1), 0);
    ck_assert_int_eq(kget(fd, SOL_SOCKET, SO_DONTROUTE), 0);
    close(fd);
}
END_TEST

START_TEST(debug_never_reaches_the_kernel)
{
    start();
    int fd = wsock(WS_AF_INET, WS_SOCK_STREAM);
    ck_assert_int_eq(wset(fd, WS_SOL_SOCKET, WS_SO_DEBUG, 1), 0);
    ck_assert_int_eq(kget(fd, SOL_SOCKET, SO_DEBUG), 0);
    close(fd);
}
END_TEST

START_TEST(buffer_size_reported_is_half_the_kernel_bookkeeping_and_capped)
{
    start();
    int fd = wsock(WS_AF_INET, WS_SOCK_STREAM), v = 0;
    ck_assert_int_eq(wset(fd, WS_SOL_SOCKET, WS_SO_RCVBUF, 6000), 0);
    ck_assert_int_eq(kget(fd, SOL_SOCKET, SO_RCVBUF), 12000);         /* Linux doubles */
    ck_assert_int_eq(wget(fd, WS_SOL_SOCKET, WS_SO_RCVBUF, &v), 0);
    ck_assert_int_eq(v, 6000);
    long rmem_max = read_proc_long("/proc/sys/net/core/rmem_max");
    ck_assert_int_gt(rmem_max, 0);
    ck_assert_int_eq(wset(fd, WS_SOL_SOCKET, WS_SO_RCVBUF, 0x7fffffff), 0);
    ck_assert_int_eq(wget(fd, WS_SOL_SOCKET, WS_SO_RCVBUF, &v), 0);
    ck_assert_int_eq(v, rmem_max);                                    /* the capped size */
    close(fd);
}
END_TEST

START_TEST(timeouts_reach_the_kernel_as_timeval)
{
    start();
    int fd = wsock(WS_AF_INET, WS_SOCK_STREAM);
    ck_assert_int_eq(wset(fd, WS_SOL_SOCKET, WS_SO_RCVTIMEO, 2500), 0);
    struct timeval tv;
    socklen_t len = sizeof tv;
    ck_assert_int_eq(getsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, &len), 0);
    ck_assert_int_eq(tv.tv_sec, 2);
    ck_assert_int_ge(tv.tv_usec, 490000);
    ck_assert_int_le(tv.tv_usec, 510000);
    close(fd);
}
END_TEST

START_TEST(linger_reaches_the_kernel_in_linux_shape)
{
    start();
    int fd = wsock(WS_AF_INET6, WS_SOCK_STREAM);
    struct WS_linger wl = { 1, 9 };
    int err = 0;
    ck_assert_int_eq(P.lpWSPSetSockOpt((SOCKET)fd, WS_SOL_SOCKET, WS_SO_LINGER, (char *)&wl, sizeof wl, &err), 0);
    struct linger l;
    socklen_t len = sizeof l;
    ck_assert_int_eq(getsockopt(fd, SOL_SOCKET, SO_LINGER, &l, &len), 0);
    ck_assert_int_eq(l.l_onoff, 1);
    ck_assert_int_eq(l.l_linger, 9);
    ck_assert_int_eq(wset(fd, WS_SOL_SOCKET, WS_SO_DONTLINGER, 1), 0);
    ck_assert_int_eq(getsockopt(fd, SOL_SOCKET, SO_LINGER, &l, &len), 0);
    ck_assert_int_eq(l.l_onoff, 0);
    close(fd);
}
END_TEST

START_TEST(adopted_socket_starts_from_the_kernels_linger)
{
    start();
    int fd = socket(AF_INET, SOCK_STREAM, 0);            /* as if inherited across exec */
    struct linger kl = { 1, 5 };
    ck_assert_int_eq(setsockopt(fd, SOL_SOCKET, SO_LINGER, &kl, sizeof kl), 0);
    struct WS_linger off = { 0, 0 };
    int err = 0;
    ck_assert_int_eq(P.lpWSPSetSockOpt((SOCKET)fd, WS_SOL_SOCKET, WS_SO_LINGER, (char *)&off, sizeof off, &err), 0);
    socklen_t len = sizeof kl;
    ck_assert_int_eq(getsockopt(fd, SOL_SOCKET, SO_LINGER, &kl, &len), 0);
    ck_assert_int_eq(kl.l_onoff, 0);                     /* the change reached the kernel */
    wsp_sock_forget(fd);
    close(fd);
}
END_TEST

START_TEST(keepalive_gets_windows_probe_timing_unless_chosen)
{
    start();
    int fd = wsock(WS_AF_INET, WS_SOCK_STREAM), chosen = wsock(WS_AF_INET, WS_SOCK_STREAM);
    ck_assert_int_eq(wset(fd, WS_SOL_SOCKET, WS_SO_KEEPALIVE, 1), 0);
    ck_assert_int_eq(kget(fd, IPPROTO_TCP, TCP_KEEPINTVL), 1);
    ck_assert_int_eq(kget(fd, IPPROTO_TCP, TCP_KEEPCNT), 10);
    ck_assert_int_eq(wset(chosen, WS_IPPROTO_TCP, WS_TCP_KEEPINTVL, 30), 0);
    ck_assert_int_eq(wset(chosen, WS_SOL_SOCKET, WS_SO_KEEPALIVE, 1), 0);
    ck_assert_int_eq(kget(chosen, IPPROTO_TCP, TCP_KEEPINTVL), 30);        /* the application's choice stays */
    ck_assert_int_eq(wset(chosen, WS_IPPROTO_TCP, WS_TCP_KEEPALIVE, 0), 0);  /* Windows takes 0 ... */
    ck_assert_int_eq(kget(chosen, IPPROTO_TCP, TCP_KEEPIDLE), 1);          /* ... Linux gets its minimum */
    ck_assert_int_eq(wset(chosen, WS_IPPROTO_TCP, WS_TCP_KEEPINTVL, 0), 0);
    ck_assert_int_eq(kget(chosen, IPPROTO_TCP, TCP_KEEPINTVL), 1);
    ck_assert_int_eq(wset(chosen, WS_IPPROTO_TCP, WS_TCP_KEEPCNT, 0), 0);
    ck_assert_int_eq(kget(chosen, IPPROTO_TCP, TCP_KEEPCNT), 1);
    close(fd);
    close(chosen);
}
END_TEST

START_TEST(new_inet6_socket_is_v6only_in_the_kernel)
{
    start();
    int fd = wsock(WS_AF_INET6, WS_SOCK_DGRAM);
    ck_assert_int_eq(kget(fd, IPPROTO_IPV6, IPV6_V6ONLY), 1);
    close(fd);
}
END_TEST

START_TEST(predict_mode_changes_nothing)
{
    start();
    int fd = wsock(WS_AF_INET, WS_SOCK_STREAM);
    int before = kget(fd, SOL_SOCKET, SO_RCVBUF), v = 4096;
    struct wsp_verdict verdict;
    wsp_setsockopt_mode((SOCKET)fd, WS_SOL_SOCKET, WS_SO_RCVBUF, (char *)&v, 4, WSP_PREDICT, &verdict);
    ck_assert_int_eq(verdict.ret, 0);
    ck_assert_int_eq(kget(fd, SOL_SOCKET, SO_RCVBUF), before);
    struct WS_linger wl = { 1, 5 };
    wsp_setsockopt_mode((SOCKET)fd, WS_SOL_SOCKET, WS_SO_LINGER, (char *)&wl, 4, WSP_PREDICT, &verdict);
    ck_assert_int_eq(wget(fd, WS_SOL_SOCKET, WS_SO_DONTLINGER, &v), 0);
    ck_assert_int_eq(v, 1);
    v = 1;
    wsp_setsockopt_mode((SOCKET)fd, WS_SOL_SOCKET, WS_SO_DONTROUTE, (char *)&v, 4, WSP_PREDICT, &verdict);
    ck_assert_int_eq(verdict.ret, 0);
    ck_assert_int_eq(verdict.ignored, 1);                 /* Windows accepts and ignores */
    ck_assert_int_eq(wget(fd, WS_SOL_SOCKET, WS_SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 0);
    v = 0;                                                  /* a keep-alive timing of 0 */
    wsp_setsockopt_mode((SOCKET)fd, WS_IPPROTO_TCP, WS_TCP_KEEPALIVE, (char *)&v, 4, WSP_PREDICT, &verdict);
    ck_assert_int_eq(verdict.ret, 0);
    ck_assert_int_eq(wget(fd, WS_IPPROTO_TCP, WS_TCP_KEEPALIVE, &v), 0);
    ck_assert_int_eq(v, kget(fd, IPPROTO_TCP, TCP_KEEPIDLE));
    ck_assert_int_ne(v, 0);
    v = 1;                                                  /* a zero-length group-A set */
    wsp_setsockopt_mode((SOCKET)fd, WS_SOL_SOCKET, WS_SO_OOBINLINE, (char *)&v, 0, WSP_PREDICT, &verdict);
    ck_assert_int_eq(verdict.ret, 0);
    ck_assert_int_eq(verdict.ignored, 1);
    close(fd);
}
END_TEST

/* ---- per-socket state ------------------------------------------------------ */

START_TEST(state_is_shared_by_aliases_and_released_with_the_last)
{
    start();
    uint32_t live = wsp_sock_live_count();
    int fd = wsock(WS_AF_INET, WS_SOCK_STREAM);
    ck_assert_uint_eq(wsp_sock_live_count(), live + 1);
    int dupfd = dup(fd);
    wsp_sock_alias(dupfd, wsp_sock_peek(fd));
    ck_assert_ptr_eq(wsp_sock_peek(dupfd), wsp_sock_peek(fd));
    ck_assert_int_eq(wset(fd, WS_SOL_SOCKET, WS_SO_EXCLUSIVEADDRUSE, 1), 0);
    int v = 0;
    ck_assert_int_eq(wget(dupfd, WS_SOL_SOCKET, WS_SO_EXCLUSIVEADDRUSE, &v), 0);
    ck_assert_int_eq(v, 1);
    int err = 0;
    ck_assert_int_eq(P.lpWSPCloseSocket((SOCKET)fd, &err), 0);
    ck_assert_uint_eq(wsp_sock_live_count(), live + 1);     /* dupfd still holds it */
    ck_assert_int_eq(wget(dupfd, WS_SOL_SOCKET, WS_SO_EXCLUSIVEADDRUSE, &v), 0);
    ck_assert_int_eq(v, 1);
    ck_assert_int_eq(P.lpWSPCloseSocket((SOCKET)dupfd, &err), 0);
    ck_assert_uint_eq(wsp_sock_live_count(), live);
    ck_assert_uint_le(wsp_sock_state_size(), 64);
}
END_TEST

START_TEST(state_is_created_lazily_for_sockets_made_elsewhere)
{
    start();
    int fd = socket(AF_INET6, SOCK_DGRAM, 0);
    ck_assert_ptr_null(wsp_sock_peek(fd));
    int v = -1;
    ck_assert_int_eq(wget(fd, WS_SOL_SOCKET, WS_SO_TYPE, &v), 0);
    ck_assert_int_eq(v, WS_SOCK_DGRAM);
    ck_assert_ptr_nonnull(wsp_sock_peek(fd));
    ck_assert_int_eq(wset(fd, WS_SOL_SOCKET, WS_SO_DONTROUTE, 1), WSAENOPROTOOPT);   /* knows it is v6 */
    wsp_sock_forget(fd);
    close(fd);
    int pipefd[2];
    ck_assert_int_eq(pipe(pipefd), 0);
    ck_assert_int_eq(wset(pipefd[0], WS_SOL_SOCKET, WS_SO_KEEPALIVE, 1), WSAENOTSOCK);
    ck_assert_ptr_null(wsp_sock_peek(pipefd[0]));
    ck_assert_int_eq(wset(1 << 24, WS_SOL_SOCKET, WS_SO_KEEPALIVE, 1), WSAENOTSOCK);
    close(pipefd[0]);
    close(pipefd[1]);
}
END_TEST

struct hammer { int fd, rounds, failures; };

static void *hammer_thread(void *arg)
{
    struct hammer *h = arg;
    for (int i = 0; i < h->rounds; i++) {
        int v = (i & 1), got = -1;
        if (wset(h->fd, WS_SOL_SOCKET, WS_SO_DONTLINGER, v) != 0)
            h->failures++;
        if (wget(h->fd, WS_SOL_SOCKET, WS_SO_LINGER, &got) != 0)
            h->failures++;
        int own = socket(AF_INET, SOCK_STREAM, 0);
        if (wset(own, WS_SOL_SOCKET, WS_SO_RCVBUF, 4096 + i) != 0 || wget(own, WS_SOL_SOCKET, WS_SO_RCVBUF, &got) != 0 ||
            got != 4096 + i)
            h->failures++;
        int err;
        P.lpWSPCloseSocket((SOCKET)own, &err);
    }
    return NULL;
}

START_TEST(concurrent_calls_from_threads_stay_consistent)
{
    start();
    uint32_t live = wsp_sock_live_count();
    int shared = wsock(WS_AF_INET, WS_SOCK_STREAM);
    struct hammer h[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        h[i] = (struct hammer){ shared, 500, 0 };
        ck_assert_int_eq(pthread_create(&t[i], NULL, hammer_thread, &h[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        ck_assert_int_eq(h[i].failures, 0);
    }
    int err;
    P.lpWSPCloseSocket((SOCKET)shared, &err);
    ck_assert_uint_eq(wsp_sock_live_count(), live);
}
END_TEST

/* wsp_sock_hold_tracked (inline, its retries in sockstate.c): a hold on
 * the state fd names, counted in refs above the descriptors, none for an
 * untracked number. */
START_TEST(hold_tracked_holds_what_the_descriptor_names)
{
    enum { FD = 900001 };            /* a number no test opens: only the index knows it */
    uint32_t live = wsp_sock_live_count();
    ck_assert_ptr_null(wsp_sock_hold_tracked(FD));
    ck_assert_ptr_null(wsp_sock_hold_tracked(-1));
    ck_assert_ptr_null(wsp_sock_hold_tracked(INT_MIN));
    ck_assert_ptr_null(wsp_sock_hold_tracked(1 << 20));
    struct wsp_sock *s = wsp_sock_adopt(FD, AF_INET, SOCK_STREAM, 0);
    ck_assert_ptr_nonnull(s);
    ck_assert_ptr_eq(wsp_sock_hold_tracked(FD), s);
    ck_assert_ptr_eq(wsp_sock_hold_tracked(FD), s);
    ck_assert_uint_eq(atomic_load(&s->refs), 1 + 2 * WSP_REFS_HOLDER);
    wsp_sock_forget(FD);                        /* the descriptor goes, the holds keep the object */
    ck_assert_uint_eq(wsp_sock_live_count(), live + 1);
    ck_assert_ptr_null(wsp_sock_hold_tracked(FD));
    wsp_sock_put(s);
    wsp_sock_put(s);
    ck_assert_uint_eq(wsp_sock_live_count(), live);
}
END_TEST

/* A holder racing with a thread that replaces fd's state over and over:
 * what it holds is never recycled under it (the protocol the adopter wrote
 * stays), and every object goes back to the pool in the end. */
struct churn { int fd; _Atomic int stop; int rounds; int stale, held; };

static void *hold_churn_thread(void *arg)
{
    struct churn *c = arg;
    while (!atomic_load(&c->stop)) {
        struct wsp_sock *s = wsp_sock_hold_tracked(c->fd);
        if (!s)
            continue;
        c->held++;
        uint16_t proto = atomic_load(&s->protocol);
        for (int i = 0; i < 50; i++)
            if (atomic_load(&s->protocol) != proto || atomic_load(&s->refs) < WSP_REFS_HOLDER)
                c->stale++;
        wsp_sock_put(s);
    }
    return NULL;
}

START_TEST(hold_tracked_never_holds_a_recycled_object)
{
    uint32_t live = wsp_sock_live_count();
    struct churn c[2] = { { .fd = 900002, .rounds = 20000 }, { .fd = 900002 } };
    pthread_t t;
    ck_assert_ptr_nonnull(wsp_sock_adopt(c[0].fd, AF_INET, SOCK_STREAM, 1));
    ck_assert_int_eq(pthread_create(&t, NULL, hold_churn_thread, &c[0]), 0);
    for (int i = 0; i < c[0].rounds; i++) {
        ck_assert_ptr_nonnull(wsp_sock_adopt(c[0].fd, AF_INET, SOCK_STREAM, 1 + i % 60000));
        if (i % 3 == 0)
            wsp_sock_forget(c[0].fd);
    }
    atomic_store(&c[0].stop, 1);
    pthread_join(t, NULL);
    ck_assert_int_eq(c[0].stale, 0);
    ck_assert_int_gt(c[0].held, 0);
    wsp_sock_forget(c[0].fd);
    ck_assert_uint_eq(wsp_sock_live_count(), live);
}
END_TEST

/* ---- tables -------------------------------------------------------------- */

START_TEST(errmap_round_trips_and_names_every_code)
{
    for (size_t i = 0; i < wsp_errmap_size(); i++) {
        int err, wsa;
        ck_assert_int_eq(wsp_errmap_entry(i, &err, &wsa), 0);
        ck_assert_int_eq(wsp_wsa_from_errno(err), wsp_wsa_from_errno(err));
        /* errno -> WSAE -> errno lands on an errno that maps to the same code */
        ck_assert_int_eq(wsp_wsa_from_errno(wsp_errno_from_wsa(wsa)), wsa);
        ck_assert_ptr_nonnull(wsp_wsa_name(wsa));
        ck_assert_ptr_nonnull(wsp_errno_name(err));
    }
    ck_assert_int_eq(wsp_wsa_from_errno(ENOPROTOOPT), WSAENOPROTOOPT);
    ck_assert_int_eq(wsp_errno_from_wsa(WSAEFAULT), EFAULT);
    ck_assert_int_eq(wsp_wsa_from_errno(EBADF), WSAENOTSOCK);
    ck_assert_int_eq(wsp_wsa_from_errno(12345), WSAEOPNOTSUPP);
}
END_TEST

START_TEST(option_table_rows_are_unique_named_and_sourced)
{
    for (size_t i = 0; i < wsp_opt_count(); i++) {
        const struct wsp_optrow *a = wsp_opt_at(i);
        ck_assert_msg(a->source && strlen(a->source) > 10, "%s has no source", a->wname_str);
        ck_assert_ptr_nonnull(wsp_level_name(a->wlevel));
        ck_assert_ptr_eq(wsp_opt_find(a->wlevel, a->wname), a);
        /* an option that refuses early does so through its handler */
        ck_assert(!(a->flags & WSP_OPT_SET_EARLY) || a->set);
        ck_assert(!(a->flags & WSP_OPT_GET_EARLY) || a->get);
        if (a->nname >= 0 && !(a->flags & WSP_OPT_NO_POSIX))
            ck_assert_ptr_eq(wsp_opt_find_native(a->nlevel, a->nname), a);
        for (size_t j = i + 1; j < wsp_opt_count(); j++) {
            const struct wsp_optrow *b = wsp_opt_at(j);
            ck_assert(!(a->wlevel == b->wlevel && a->wname == b->wname));
            ck_assert(!(a->nname >= 0 && !(a->flags & WSP_OPT_NO_POSIX) && !(b->flags & WSP_OPT_NO_POSIX) &&
                        a->nlevel == b->nlevel && a->nname == b->nname));
        }
    }
}
END_TEST

/* The inline POSIX lookup (per-level arrays) answers every (level, name)
 * as a scan of the rows does: the first row with that spelling that a POSIX
 * program reaches, none for a negative name. */
static const struct wsp_optrow *native_by_scan(int nlevel, int nname)
{
    if (nname < 0)
        return NULL;
    for (size_t i = 0; i < wsp_opt_count(); i++) {
        const struct wsp_optrow *r = wsp_opt_at(i);
        if (r->nlevel == nlevel && r->nname == nname && !(r->flags & WSP_OPT_NO_POSIX))
            return r;
    }
    return NULL;
}

START_TEST(native_lookup_answers_as_a_scan_of_the_rows)
{
    ck_assert(wsp_opt_native_index_ready());    /* every row fits the arrays: no call falls to the scan */
    static const int odd[] = { INT_MIN, INT_MIN + 1, -65536, -4096, -129, 1023, 1024, 4096, 0xffff, 0x10000,
                               0x1001, 0x7010, 1 << 20, INT_MAX - 1, INT_MAX };
    size_t found = 0, asked = 0;
    for (int l = -5 - (int)(sizeof odd / sizeof odd[0]); l <= 300; l++) {
        int level = l >= -5 ? l : odd[-6 - l];
        for (int n = -5 - (int)(sizeof odd / sizeof odd[0]); n <= 1100; n++) {
            int name = n >= -5 ? n : odd[-6 - n];
            const struct wsp_optrow *want = native_by_scan(level, name);
            ck_assert_msg(wsp_opt_find_native(level, name) == want, "level %d name %d: %s, want %s", level, name,
                          wsp_opt_find_native(level, name) ? wsp_opt_find_native(level, name)->nname_str : "none",
                          want ? want->nname_str : "none");
            found += want != NULL;
            asked++;
        }
    }
    /* the grid covered the table: every row a POSIX spelling reaches was found */
    size_t reachable = 0;
    for (size_t i = 0; i < wsp_opt_count(); i++) {
        const struct wsp_optrow *r = wsp_opt_at(i);
        reachable += r->nname >= 0 && !(r->flags & WSP_OPT_NO_POSIX) && native_by_scan(r->nlevel, r->nname) == r;
    }
    ck_assert_uint_eq(found, reachable);
    ck_assert_uint_gt(asked, 300000);
}
END_TEST

/* ---- SO_DEBUG trace --------------------------------------------------------- */

START_TEST(debug_traces_each_call_on_the_socket_to_the_debug_file)
{
    char path[] = "/tmp/wsp-trace-XXXXXX";
    int tmp = mkstemp(path);
    ck_assert_int_ge(tmp, 0);
    setenv("WSP_DEBUG_FILE", path, 1);
    start();
    int fd = wsock(WS_AF_INET, WS_SOCK_STREAM), quiet = wsock(WS_AF_INET, WS_SOCK_STREAM);
    ck_assert_int_eq(wset(fd, WS_SOL_SOCKET, WS_SO_DEBUG, 1), 0);
    ck_assert_int_eq(wset(fd, WS_SOL_SOCKET, WS_SO_RCVBUF, 8192), 0);
    ck_assert_int_eq(wset(quiet, WS_SOL_SOCKET, WS_SO_RCVBUF, 8192), 0);
    char buf[1024] = { 0 };
    ssize_t n = pread(tmp, buf, sizeof buf - 1, 0);
    ck_assert_int_gt(n, 0);
    ck_assert_ptr_nonnull(strstr(buf, "SO_RCVBUF"));
    ck_assert_ptr_null(strstr(buf, "s=" "X"));
    int lines = 0;
    for (char *p = buf; *p; p++)
        lines += *p == '\n';
    ck_assert_int_eq(lines, 2);                               /* SO_DEBUG itself + SO_RCVBUF; none for quiet */
    unlink(path);
    close(tmp);
}
END_TEST

/* ---- keep-alive drop ------------------------------------------------------- */

static int set_lo(int up)
{
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strcpy(ifr.ifr_name, "lo");
    int r = ioctl(fd, SIOCGIFFLAGS, &ifr);
    if (r == 0) {
        ifr.ifr_flags = up ? (ifr.ifr_flags | IFF_UP) : (ifr.ifr_flags & ~IFF_UP);
        r = ioctl(fd, SIOCSIFFLAGS, &ifr);
    }
    close(fd);
    return r;
}

START_TEST(setsockopt_after_keepalive_dropped_the_connection_fails_wsaenotconn)
{
    /* A private network namespace, so that taking loopback down affects only
     * this test: keep-alive probes then go unanswered. */
    if (unshare(CLONE_NEWNET) != 0 || set_lo(1) != 0) {
        fprintf(stderr, "SKIP keep-alive drop test: no network namespace (%s)\n", strerror(errno));
        return;
    }
    start();
    int srv = wsock(WS_AF_INET, WS_SOCK_STREAM), cli = wsock(WS_AF_INET, WS_SOCK_STREAM), err = 0;
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t alen = sizeof a;
    ck_assert_int_eq(bind(srv, (struct sockaddr *)&a, sizeof a), 0);
    ck_assert_int_eq(listen(srv, 1), 0);
    ck_assert_int_eq(getsockname(srv, (struct sockaddr *)&a, &alen), 0);
    ck_assert_int_eq(connect(cli, (struct sockaddr *)&a, sizeof a), 0);
    ck_assert_int_eq(wset(cli, WS_SOL_SOCKET, WS_SO_KEEPALIVE, 1), 0);
    ck_assert_int_eq(wset(cli, WS_IPPROTO_TCP, WS_TCP_KEEPALIVE, 1), 0);
    ck_assert_int_eq(wset(cli, WS_IPPROTO_TCP, WS_TCP_KEEPINTVL, 1), 0);
    ck_assert_int_eq(wset(cli, WS_IPPROTO_TCP, WS_TCP_KEEPCNT, 1), 0);
    ck_assert_int_eq(wset(cli, WS_SOL_SOCKET, WS_SO_RCVBUF, 8192), 0);    /* alive: fine */
    ck_assert_int_eq(set_lo(0), 0);
    int dropped = 0;
    for (int i = 0; i < 100 && !dropped; i++) {                          /* up to 10 s */
        struct tcp_info ti;
        socklen_t len = sizeof ti;
        getsockopt(cli, IPPROTO_TCP, TCP_INFO, &ti, &len);
        dropped = ti.tcpi_state == TCP_CLOSE;
        if (!dropped)
            usleep(100000);
    }
    ck_assert_msg(dropped, "keep-alive did not drop the connection");
    ck_assert_int_eq(wset(cli, WS_SOL_SOCKET, WS_SO_RCVBUF, 8192), WSAENOTCONN);
    int idle = socket(AF_INET, SOCK_STREAM, 0);                         /* never connected: unaffected */
    ck_assert_int_eq(wset(idle, WS_SOL_SOCKET, WS_SO_KEEPALIVE, 1), 0);
    ck_assert_int_eq(wset(idle, WS_SOL_SOCKET, WS_SO_RCVBUF, 8192), 0);
    P.lpWSPCloseSocket((SOCKET)cli, &err);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("spi_internal");
    TCase *t = tcase_create("kernel");
    tcase_add_test(t, dontroute_on_inet_never_reaches_the_kernel);
    tcase_add_test(t, debug_never_reaches_the_kernel);
    tcase_add_test(t, buffer_size_reported_is_half_the_kernel_bookkeeping_and_capped);
    tcase_add_test(t, timeouts_reach_the_kernel_as_timeval);
    tcase_add_test(t, linger_reaches_the_kernel_in_linux_shape);
    tcase_add_test(t, new_inet6_socket_is_v6only_in_the_kernel);
    tcase_add_test(t, adopted_socket_starts_from_the_kernels_linger);
    tcase_add_test(t, keepalive_gets_windows_probe_timing_unless_chosen);
    tcase_add_test(t, predict_mode_changes_nothing);
    suite_add_tcase(s, t);
    t = tcase_create("state");
    tcase_add_test(t, state_is_shared_by_aliases_and_released_with_the_last);
    tcase_add_test(t, state_is_created_lazily_for_sockets_made_elsewhere);
    tcase_add_test(t, concurrent_calls_from_threads_stay_consistent);
    tcase_add_test(t, hold_tracked_holds_what_the_descriptor_names);
    tcase_add_test(t, hold_tracked_never_holds_a_recycled_object);
    suite_add_tcase(s, t);
    t = tcase_create("tables");
    tcase_add_test(t, errmap_round_trips_and_names_every_code);
    tcase_add_test(t, option_table_rows_are_unique_named_and_sourced);
    tcase_add_test(t, native_lookup_answers_as_a_scan_of_the_rows);
    tcase_add_test(t, debug_traces_each_call_on_the_socket_to_the_debug_file);
    suite_add_tcase(s, t);
    t = tcase_create("keepalive");
    tcase_set_timeout(t, 30);
    tcase_add_test(t, setsockopt_after_keepalive_dropped_the_connection_fails_wsaenotconn);
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

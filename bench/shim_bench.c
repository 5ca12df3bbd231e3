/*
 * shim_bench: micro-benchmarks of the calls libwspshim.so interposes.  The
 * same binary is run natively and with the shim preloaded (enforce, audit,
 * off) by bench/run_bench.py, in interleaved rounds; this program only
 * measures and prints "name value unit" lines.
 *
 *   shim_bench micro     per-call costs (ns/op)
 *   shim_bench threads   setsockopt+getsockopt throughput, 1/2/4 threads
 *   shim_bench memory    RSS growth with many open sockets (kB), and one
 *                        getsockopt's cost at 10, 1 000 and 100 000 of them
 *   shim_bench peer      the loops comparable with socket_wrapper
 *   shim_bench paired    per-call costs in one process: blocks of calls
 *                        through libc's own functions and through the
 *                        symbols the program binds to (the shim's when it
 *                        is preloaded), alternated; their ratio
 *   shim_bench count LOOP N   run one loop N times and nothing else, for
 *                        instruction counting under callgrind (LOOP: see
 *                        count_loops[])
 */
#include "safecopy.h"
#include "wsp_internal.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* median of 5 timed batches of n iterations, in ns per iteration */
#define MEASURE(name, n, body)                                        \
    do {                                                              \
        double t[5];                                                  \
        for (int rep = 0; rep < 5; rep++) {                           \
            double t0 = now_ns();                                     \
            for (long i = 0; i < (n); i++) {                          \
                body;                                                 \
            }                                                         \
            t[rep] = (now_ns() - t0) / (double)(n);                   \
        }                                                             \
        qsort(t, 5, sizeof t[0], cmp_double);                         \
        printf("%s %.1f ns\n", name, t[2]);                           \
    } while (0)

static WSPPROC_TABLE wsp;

static void micro(void)
{
    int tcp = socket(AF_INET, SOCK_STREAM, 0), udp = socket(AF_INET, SOCK_DGRAM, 0);
    int one = 1, zero = 0, v;
    socklen_t len;
    MEASURE("setsockopt_tcp_nodelay", 100000, setsockopt(tcp, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one));
    MEASURE("getsockopt_so_rcvbuf", 100000, (len = sizeof v, getsockopt(tcp, SOL_SOCKET, SO_RCVBUF, &v, &len)));
    MEASURE("setsockopt_so_dontroute_inet", 100000, setsockopt(udp, SOL_SOCKET, SO_DONTROUTE, &one, sizeof one));
    MEASURE("setsockopt_so_debug_off", 100000, setsockopt(tcp, SOL_SOCKET, SO_DEBUG, &zero, sizeof zero));
    /* the system call close() of a tracked socket adds (shim/close.c) */
    MEASURE("getpid_syscall", 100000, syscall(SYS_getpid));
    /* the same calls with the value (and length) on the heap: the shim's
     * fault-safe copies take their system-call path (spi/safecopy.c) */
    int *heap = malloc(2 * sizeof *heap);
    heap[0] = 1;
    socklen_t *hlen = malloc(sizeof *hlen);
    MEASURE("setsockopt_tcp_nodelay_heap", 100000, setsockopt(tcp, IPPROTO_TCP, TCP_NODELAY, heap, sizeof *heap));
    MEASURE("getsockopt_so_rcvbuf_heap", 100000,
            (*hlen = sizeof v, getsockopt(tcp, SOL_SOCKET, SO_RCVBUF, heap + 1, hlen)));
    MEASURE("setsockopt_so_dontroute_inet_heap", 100000, setsockopt(udp, SOL_SOCKET, SO_DONTROUTE, heap, sizeof *heap));
    /* the primitive alone */
    MEASURE("safecopy_in_stack", 1000000, wsp_copy_in(&v, &one, sizeof v));
    MEASURE("safecopy_in_heap", 100000, wsp_copy_in(&v, heap, sizeof v));
    MEASURE("safecopy_out_heap", 100000, wsp_copy_out(heap + 1, &one, sizeof one));
    free(heap);
    free(hlen);

    /* libwsp called directly: options POSIX code cannot name */
    WSPDATA data;
    WSAPROTOCOL_INFOW info;
    WSPUPCALLTABLE up;
    memset(&up, 0, sizeof up);
    WSPStartup(MAKEWORD(2, 2), &data, &info, up, &wsp);
    int err, wlen;
    SOCKET ws = wsp.lpWSPSocket(WS_AF_INET, WS_SOCK_STREAM, 0, NULL, 0, 0, &err);
    MEASURE("wsp_set_so_dontlinger", 200000,
            wsp.lpWSPSetSockOpt(ws, WS_SOL_SOCKET, WS_SO_DONTLINGER, (char *)&one, sizeof one, &err));
    MEASURE("wsp_get_so_dontlinger", 200000,
            (wlen = sizeof v, wsp.lpWSPGetSockOpt(ws, WS_SOL_SOCKET, WS_SO_DONTLINGER, (char *)&v, &wlen, &err)));
    MEASURE("wsp_set_so_debug_off", 200000,
            wsp.lpWSPSetSockOpt(ws, WS_SOL_SOCKET, WS_SO_DEBUG, (char *)&zero, sizeof zero, &err));
    wsp.lpWSPCloseSocket(ws, &err);

    int p[2];
    if (pipe(p) != 0)
        exit(1);
    MEASURE("dup_close_pipe", 100000, close(dup(p[0])));
    MEASURE("dup2_pipe", 100000, dup2(p[0], 200));
    MEASURE("fcntl_dupfd_close_pipe", 100000, close(fcntl(p[0], F_DUPFD, 0)));
    close(200);
    MEASURE("socket_close", 20000, close(socket(AF_INET, SOCK_STREAM, 0)));

    int srv = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t alen = sizeof a;
    setsockopt(srv, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(srv, (struct sockaddr *)&a, sizeof a) || listen(srv, 512) || getsockname(srv, (struct sockaddr *)&a, &alen))
        exit(1);
    struct linger abort_close = { 1, 0 };   /* RST: no TIME_WAIT pile-up */
    MEASURE("connect_accept_close", 2000, {
        int c = socket(AF_INET, SOCK_STREAM, 0);
        setsockopt(c, SOL_SOCKET, SO_LINGER, &abort_close, sizeof abort_close);
        connect(c, (struct sockaddr *)&a, sizeof a);
        int s = accept(srv, NULL, NULL);
        close(s);
        close(c);
    });
    close(srv);
    close(p[0]);
    close(p[1]);
    close(tcp);
    close(udp);
}

static _Atomic int go, stop;

static void *worker(void *arg)
{
    long *ops = arg;
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1, v;
    while (!atomic_load(&go))
        ;
    long n = 0;
    while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
        socklen_t len = sizeof v;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, &len);
        n++;
    }
    *ops = n;
    close(fd);
    return NULL;
}

static void threads(void)
{
    static const int counts[] = { 1, 2, 4 };
    for (int k = 0; k < 3; k++) {
        pthread_t t[4];
        long ops[4] = { 0 };
        atomic_store(&go, 0);
        atomic_store(&stop, 0);
        for (int i = 0; i < counts[k]; i++)
            pthread_create(&t[i], NULL, worker, &ops[i]);
        double t0 = now_ns();
        atomic_store(&go, 1);
        usleep(400000);
        atomic_store(&stop, 1);
        double secs = (now_ns() - t0) / 1e9;
        long total = 0;
        for (int i = 0; i < counts[k]; i++) {
            pthread_join(t[i], NULL);
            total += ops[i];
        }
        printf("threads_%d %.0f ops/s\n", counts[k], total / secs);
    }
}

static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "VmRSS: %ld", &kb) == 1)
            break;
    if (f)
        fclose(f);
    return kb;
}

/* ns per getsockopt(SO_RCVBUF) on fd, median of 5 batches */
static void time_getsockopt_at(int fd, const char *open_count)
{
    char name[64];
    int v;
    socklen_t len;
    snprintf(name, sizeof name, "getsockopt_at_%s", open_count);
    MEASURE(name, 50000, (len = sizeof v, getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, &len)));
}

/* The hard limit is raised as far as the kernel allows (root may go up to
 * /proc/sys/fs/nr_open); without privilege the soft limit goes up to the
 * hard one. */
static rlim_t raise_nofile(rlim_t want)
{
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_max < want) {
        struct rlimit up = { want, want };
        if (setrlimit(RLIMIT_NOFILE, &up) == 0)
            return want;
    }
    rl.rlim_cur = rl.rlim_max < want ? rl.rlim_max : want;
    setrlimit(RLIMIT_NOFILE, &rl);
    getrlimit(RLIMIT_NOFILE, &rl);
    return rl.rlim_cur;
}

#define SCALE_MAX 100000

/* RSS growth while holding many open sockets: the shim's state is created
 * lazily, one object per socket plus index pages, nothing sized up front.
 * 100 000 sockets if RLIMIT_NOFILE can be raised that far, else as many as
 * the hard limit allows.  One getsockopt is timed on the newest socket at
 * 10, 1 000 and 100 000 open: the lookup must not grow with the count. */
static void memory(void)
{
    rlim_t lim = raise_nofile(SCALE_MAX + 64);
    int limit = (int)(lim > SCALE_MAX + 64 ? SCALE_MAX + 64 : lim) - 64;
    static int fds[SCALE_MAX];
    int opened = 0;
    printf("nofile_limit %lu count\n", (unsigned long)lim);
    for (; opened < 10; opened++)
        fds[opened] = socket(AF_INET, SOCK_DGRAM, 0);
    time_getsockopt_at(fds[opened - 1], "10");
    for (; opened < 1000; opened++)
        fds[opened] = socket(AF_INET, SOCK_DGRAM, 0);
    time_getsockopt_at(fds[opened - 1], "1000");
    long before = rss_kb();
    int from = opened;
    for (; opened < limit && opened < SCALE_MAX; opened++)
        if ((fds[opened] = socket(AF_INET, SOCK_DGRAM, 0)) < 0)
            break;
    long after = rss_kb();
    time_getsockopt_at(fds[opened - 1], "max");
    printf("sockets_opened %d count\n", opened);
    printf("sockets_rss_delta %ld kB\n", after - before);
    printf("sockets_rss_counted %d count\n", opened - from);
    for (int i = 0; i < opened; i++)
        close(fds[i]);
    printf("state_bytes_per_socket %zu bytes\n", wsp_sock_state_size() + sizeof(void *));
}

/* The loops where socket_wrapper does comparable work (bench/README.md). */
static void peer(void)
{
    int tcp = socket(AF_INET, SOCK_STREAM, 0), one = 1, v;
    socklen_t len;
    MEASURE("peer_getsockopt_so_rcvbuf", 100000, (len = sizeof v, getsockopt(tcp, SOL_SOCKET, SO_RCVBUF, &v, &len)));
    int p[2];
    if (pipe(p) != 0)
        exit(1);
    MEASURE("peer_dup_close_pipe", 100000, close(dup(p[0])));
    MEASURE("peer_socket_close", 20000, close(socket(AF_INET, SOCK_STREAM, 0)));
    int srv = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t alen = sizeof a;
    setsockopt(srv, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(srv, (struct sockaddr *)&a, sizeof a) || listen(srv, 512) || getsockname(srv, (struct sockaddr *)&a, &alen))
        exit(1);
    struct linger abort_close = { 1, 0 };
    MEASURE("peer_connect_accept_close", 2000, {
        int c = socket(AF_INET, SOCK_STREAM, 0);
        setsockopt(c, SOL_SOCKET, SO_LINGER, &abort_close, sizeof abort_close);
        if (connect(c, (struct sockaddr *)&a, sizeof a) != 0)
            exit(3);
        int s = accept(srv, NULL, NULL);
        if (s < 0)
            exit(3);
        close(s);
        close(c);
    });
    close(srv);
    close(p[0]);
    close(p[1]);
    close(tcp);
}

/* One loop, N times, for callgrind: its instruction count at N minus the
 * count at 0 is N calls' worth, start-up and set-up cancelled.  The close
 * loop gets its descriptor with a raw system call, so only close() is
 * interposed, and the dup loops close theirs with one, so only the dup is;
 * socket_close runs both. */
static int count_loop_body(const char *what, long n)
{
    int tcp = socket(AF_INET, SOCK_STREAM, 0), one = 1, zero = 0, v;
    socklen_t len;
    int p[2];
    if (tcp < 0 || pipe(p) != 0)
        return 1;
    if (!strcmp(what, "get_kernel_many")) {
        /* the same getsockopt on the newest of as many sockets as the
         * descriptor limit allows (up to SCALE_MAX) */
        rlim_t lim = raise_nofile(SCALE_MAX + 64);
        for (int k = 0; k + 64 < (int)lim && k < SCALE_MAX; k++) {
            int fd = socket(AF_INET, SOCK_DGRAM, 0);
            if (fd < 0)
                break;
            tcp = fd;
        }
        what = "get_kernel";
    }
    if (!strcmp(what, "set_kernel")) {
        for (long i = 0; i < n; i++)
            setsockopt(tcp, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    } else if (!strcmp(what, "get_kernel")) {
        for (long i = 0; i < n; i++) {
            len = sizeof v;
            getsockopt(tcp, SOL_SOCKET, SO_RCVBUF, &v, &len);
        }
    } else if (!strcmp(what, "set_emulated")) {
        for (long i = 0; i < n; i++)
            setsockopt(tcp, SOL_SOCKET, SO_DEBUG, &zero, sizeof zero);
    } else if (!strcmp(what, "get_emulated")) {
        for (long i = 0; i < n; i++) {
            len = sizeof v;
            getsockopt(tcp, SOL_SOCKET, SO_DEBUG, &v, &len);
        }
    } else if (!strcmp(what, "set_kernel_heap") || !strcmp(what, "get_kernel_heap") ||
               !strcmp(what, "set_emulated_heap")) {
        /* the value and length on the heap: the shim's fault-safe copies
         * take their system-call path (spi/safecopy.c) */
        int *heap = malloc(2 * sizeof *heap);
        socklen_t *hlen = malloc(sizeof *hlen);
        if (!heap || !hlen)
            return 1;
        heap[0] = 1;
        heap[1] = 0;
        for (long i = 0; i < n; i++) {
            if (what[0] == 'g') {
                *hlen = sizeof v;
                getsockopt(tcp, SOL_SOCKET, SO_RCVBUF, heap + 1, hlen);
            } else if (what[4] == 'k') {
                setsockopt(tcp, IPPROTO_TCP, TCP_NODELAY, heap, sizeof *heap);
            } else {
                setsockopt(tcp, SOL_SOCKET, SO_DEBUG, heap + 1, sizeof *heap);   /* 0: no trace */
            }
        }
        free(heap);
        free(hlen);
    } else if (!strcmp(what, "close_nonsocket")) {
        for (long i = 0; i < n; i++)
            close((int)syscall(SYS_dup, p[0]));
    } else if (!strcmp(what, "dup_nonsocket")) {
        for (long i = 0; i < n; i++)
            syscall(SYS_close, dup(p[0]));
    } else if (!strcmp(what, "dup2_nonsocket")) {
        for (long i = 0; i < n; i++)
            dup2(p[0], p[1] + 10);
    } else if (!strcmp(what, "fcntl_dupfd_nonsocket")) {
        for (long i = 0; i < n; i++)
            syscall(SYS_close, fcntl(p[0], F_DUPFD, 0));
    } else if (!strcmp(what, "socket_close")) {
        for (long i = 0; i < n; i++)
            close(socket(AF_INET, SOCK_STREAM, 0));
    } else {
        return 2;
    }
    return 0;
}

struct count_job {
    const char *what;
    long n;
    int ret;
};

static void *count_thread(void *arg)
{
    struct count_job *j = arg;
    j->ret = count_loop_body(j->what, j->n);
    return NULL;
}

/* The loop runs on a second thread: under valgrind the main thread runs on a
 * stack valgrind made, which /proc/self/maps does not name [stack], so
 * libwsp's fault-safe copies (spi/safecopy.c) would take their system-call
 * path there and nowhere else; a thread's stack is the program's own. */
static int count_loop(const char *what, long n)
{
    struct count_job j = { what, n, 0 };
    pthread_t t;
    if (pthread_create(&t, NULL, count_thread, &j) != 0)
        return 1;
    pthread_join(t, NULL);
    return j.ret;
}

/*
 * Paired, in one process (issue 16): on a machine whose system calls vary
 * by several per cent from one process to the next, the ratio of two runs
 * moves more than the shim costs.  Here each loop alternates blocks of calls
 * through libc's own function (dlsym in libc.so.6: the shim is not on the
 * way) and through the program's symbol, ABBA, 48 blocks; the ratio of the
 * two medians is printed.  Without the shim both sides are libc, so the
 * native run shows the method's own error.
 */
struct libc_fns {
    int (*setsockopt)(int, int, int, const void *, socklen_t);
    int (*getsockopt)(int, int, int, void *, socklen_t *);
    int (*close)(int);
    int (*dup)(int);
    int (*dup2)(int, int);
    int (*fcntl)(int, int, ...);
    int (*socket)(int, int, int);
};

#define PAIRED_BLOCKS 48
#define PAIRED(name, n, libc_body, bound_body)                                            \
    do {                                                                                    \
        double a[PAIRED_BLOCKS / 2], b[PAIRED_BLOCKS / 2];                                  \
        int na = 0, nb = 0;                                                                 \
        for (int blk = 0; blk < PAIRED_BLOCKS; blk++) {                                     \
            int via_libc = (blk % 4 == 0 || blk % 4 == 3);                                  \
            double t0 = now_ns();                                                           \
            if (via_libc)                                                                   \
                for (long i = 0; i < (n); i++) {                                            \
                    libc_body;                                                              \
                }                                                                           \
            else                                                                            \
                for (long i = 0; i < (n); i++) {                                            \
                    bound_body;                                                             \
                }                                                                           \
            double per = (now_ns() - t0) / (double)(n);                                     \
            if (via_libc)                                                                   \
                a[na++] = per;                                                              \
            else                                                                            \
                b[nb++] = per;                                                              \
        }                                                                                   \
        qsort(a, (size_t)na, sizeof a[0], cmp_double);                                      \
        qsort(b, (size_t)nb, sizeof b[0], cmp_double);                                      \
        double ma = (a[na / 2 - 1] + a[na / 2]) / 2, mb = (b[nb / 2 - 1] + b[nb / 2]) / 2;  \
        printf("paired_%s_libc %.1f ns\n", name, ma);                                       \
        printf("paired_%s_bound %.1f ns\n", name, mb);                                      \
        printf("paired_%s %.4f x\n", name, mb / ma);                                        \
    } while (0)

static void paired(void)
{
    void *libc = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);
    struct libc_fns c;
    if (!libc || !(c.setsockopt = (int (*)(int, int, int, const void *, socklen_t))dlsym(libc, "setsockopt")) ||
        !(c.getsockopt = (int (*)(int, int, int, void *, socklen_t *))dlsym(libc, "getsockopt")) ||
        !(c.close = (int (*)(int))dlsym(libc, "close")) || !(c.dup = (int (*)(int))dlsym(libc, "dup")) ||
        !(c.dup2 = (int (*)(int, int))dlsym(libc, "dup2")) ||
        !(c.fcntl = (int (*)(int, int, ...))dlsym(libc, "fcntl")) ||
        !(c.socket = (int (*)(int, int, int))dlsym(libc, "socket"))) {
        fprintf(stderr, "shim_bench: libc's functions not found\n");
        exit(1);
    }
    int tcp = socket(AF_INET, SOCK_STREAM, 0), one = 1, v, p[2];
    socklen_t len;
    if (tcp < 0 || pipe(p) != 0)
        exit(1);
    PAIRED("setsockopt_tcp_nodelay", 20000, c.setsockopt(tcp, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one),
           setsockopt(tcp, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one));
    PAIRED("getsockopt_so_rcvbuf", 20000, (len = sizeof v, c.getsockopt(tcp, SOL_SOCKET, SO_RCVBUF, &v, &len)),
           (len = sizeof v, getsockopt(tcp, SOL_SOCKET, SO_RCVBUF, &v, &len)));
    PAIRED("close_pipe_dup", 20000, c.close((int)syscall(SYS_dup, p[0])), close((int)syscall(SYS_dup, p[0])));
    PAIRED("dup_pipe", 20000, syscall(SYS_close, c.dup(p[0])), syscall(SYS_close, dup(p[0])));
    PAIRED("dup2_pipe", 20000, c.dup2(p[0], 200), dup2(p[0], 200));
    PAIRED("fcntl_dupfd_pipe", 20000, syscall(SYS_close, c.fcntl(p[0], F_DUPFD, 0)),
           syscall(SYS_close, fcntl(p[0], F_DUPFD, 0)));
    PAIRED("socket_close", 5000, c.close(c.socket(AF_INET, SOCK_STREAM, 0)), close(socket(AF_INET, SOCK_STREAM, 0)));
    close(200);
    close(p[0]);
    close(p[1]);
    close(tcp);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *what = argc > 1 ? argv[1] : "micro";
    if (!strcmp(what, "micro"))
        micro();
    else if (!strcmp(what, "threads"))
        threads();
    else if (!strcmp(what, "memory"))
        memory();
    else if (!strcmp(what, "peer"))
        peer();
    else if (!strcmp(what, "paired"))
        paired();
    else if (!strcmp(what, "count") && argc == 4)
        return count_loop(argv[2], atol(argv[3]));
    else {
        fprintf(stderr, "usage: shim_bench micro|threads|memory|peer|paired|count LOOP N\n");
        return 2;
    }
    return 0;
}

/*
 * shim_bench: micro-benchmarks of the calls libwspshim.so interposes.  The
 * same binary is run natively and with the shim preloaded (enforce, audit,
 * off) by bench/run_bench.py, in interleaved rounds; this program only
 * measures and prints "name value unit" lines.
 *
 *   shim_bench micro     per-call costs (ns/op)
 *   shim_bench threads   setsockopt+getsockopt throughput, 1/2/4 threads
 *   shim_bench memory    RSS growth with many open sockets (kB)
 */
#include "wsp_internal.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
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
    MEASURE("setsockopt_tcp_nodelay", 200000, setsockopt(tcp, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one));
    MEASURE("getsockopt_so_rcvbuf", 200000, (len = sizeof v, getsockopt(tcp, SOL_SOCKET, SO_RCVBUF, &v, &len)));
    MEASURE("setsockopt_so_dontroute_inet", 200000, setsockopt(udp, SOL_SOCKET, SO_DONTROUTE, &one, sizeof one));
    MEASURE("setsockopt_so_debug_off", 200000, setsockopt(tcp, SOL_SOCKET, SO_DEBUG, &zero, sizeof zero));

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
    MEASURE("dup_close_pipe", 200000, close(dup(p[0])));
    MEASURE("dup2_pipe", 200000, dup2(p[0], 200));
    close(200);
    MEASURE("socket_close", 50000, close(socket(AF_INET, SOCK_STREAM, 0)));

    int srv = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t alen = sizeof a;
    setsockopt(srv, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(srv, (struct sockaddr *)&a, sizeof a) || listen(srv, 512) || getsockname(srv, (struct sockaddr *)&a, &alen))
        exit(1);
    struct linger abort_close = { 1, 0 };   /* RST: no TIME_WAIT pile-up */
    MEASURE("connect_accept_close", 3000, {
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

/* RSS growth while holding many open sockets: the shim's state is created
 * lazily, one object per socket plus index pages, nothing sized up front.
 * 100 000 sockets if RLIMIT_NOFILE allows, else as many as the hard limit. */
static void memory(void)
{
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    rlim_t want = 100064;
    if (rl.rlim_max < want) {
        rl.rlim_cur = rl.rlim_max;
    } else {
        rl.rlim_cur = want;
    }
    setrlimit(RLIMIT_NOFILE, &rl);
    int limit = (int)(rl.rlim_cur > 100064 ? 100064 : rl.rlim_cur) - 64;
    static int fds[100000];
    long before = rss_kb();
    int opened = 0;
    for (; opened < limit && opened < 100000; opened++)
        if ((fds[opened] = socket(AF_INET, SOCK_DGRAM, 0)) < 0)
            break;
    long after = rss_kb();
    printf("sockets_opened %d count\n", opened);
    printf("sockets_rss_delta %ld kB\n", after - before);
    for (int i = 0; i < opened; i++)
        close(fds[i]);
    printf("state_bytes_per_socket %zu bytes\n", wsp_sock_state_size() + sizeof(void *));
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
    else {
        fprintf(stderr, "usage: shim_bench micro|threads|memory\n");
        return 2;
    }
    return 0;
}

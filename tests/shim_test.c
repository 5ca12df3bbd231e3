/*
 * libwspshim under LD_PRELOAD: an ordinary POSIX program (Linux headers only)
 * run by Meson once per mode (WSP_MODE=enforce|audit|off, WSP_REPORT set for
 * audit).  Expectations depend on the mode the test was started in.  Every
 * test first proves that the shim really is interposed (wspshim_active()
 * comes from the preloaded library, not from the linked no-op stub).
 * Kernel state is read with raw system calls, which the shim cannot see.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int wspshim_active(void);

enum { ENFORCE, AUDIT, OFF } mode;
static const char *report;

static void preload_check(void)
{
    ck_assert_msg(wspshim_active() == 1, "libwspshim.so is not preloaded");
}

static int kernel_get(int fd, int level, int name)
{
    int v = -1;
    socklen_t len = sizeof v;
    ck_assert_int_eq(syscall(SYS_getsockopt, fd, level, name, &v, &len), 0);
    return v;
}

static int get_int(int fd, int level, int name, int *v)
{
    socklen_t len = sizeof *v;
    return getsockopt(fd, level, name, v, &len);
}

static int set_int(int fd, int level, int name, int v)
{
    return setsockopt(fd, level, name, &v, sizeof v);
}

static int count_fds(void)
{
    int n = 0;
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    while ((e = readdir(d)))
        n += e->d_name[0] != '.';
    closedir(d);
    return n - 1;   /* the DIR's own descriptor */
}

static int report_has(const char *a, const char *b, const char *c)
{
    FILE *f = fopen(report, "r");
    if (!f)
        return 0;
    char line[4096];
    int found = 0;
    while (!found && fgets(line, sizeof line, f))
        found = strstr(line, a) && strstr(line, b) && (!c || strstr(line, c));
    fclose(f);
    return found;
}

START_TEST(dontroute_on_inet6_fails_enoprotoopt_only_in_enforce)
{
    preload_check();
    int fd = socket(AF_INET6, SOCK_STREAM, 0);
    errno = 0;
    int r = set_int(fd, SOL_SOCKET, SO_DONTROUTE, 1);
    if (mode == ENFORCE) {
        ck_assert_int_eq(r, -1);
        ck_assert_int_eq(errno, ENOPROTOOPT);
    } else {
        ck_assert_int_eq(r, 0);
    }
    if (mode == AUDIT)
        ck_assert_msg(report_has("\"SO_DONTROUTE\"", "AF_INET6", "WSAENOPROTOOPT"), "no report line");
    close(fd);
}
END_TEST

START_TEST(dontroute_on_inet_succeeds_and_reaches_the_kernel_only_natively)
{
    preload_check();
    int fd = socket(AF_INET, SOCK_DGRAM, 0), v = -1;
    ck_assert_int_eq(set_int(fd, SOL_SOCKET, SO_DONTROUTE, 1), 0);
    ck_assert_int_eq(kernel_get(fd, SOL_SOCKET, SO_DONTROUTE), mode == ENFORCE ? 0 : 1);
    ck_assert_int_eq(get_int(fd, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 1);
    if (mode == AUDIT)
        ck_assert(report_has("\"SO_DONTROUTE\"", "ignores it", NULL));
    close(fd);
}
END_TEST

START_TEST(linger_round_trips_and_udp_linger_fails_in_enforce)
{
    preload_check();
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct linger l = { 1, 7 }, got = { 0, 0 };
    socklen_t len = sizeof got;
    ck_assert_int_eq(setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l), 0);
    ck_assert_int_eq(getsockopt(fd, SOL_SOCKET, SO_LINGER, &got, &len), 0);
    ck_assert_int_eq(len, sizeof got);
    ck_assert_int_ne(got.l_onoff, 0);
    ck_assert_int_eq(got.l_linger, 7);
    struct linger kl;
    socklen_t klen = sizeof kl;
    ck_assert_int_eq(syscall(SYS_getsockopt, fd, SOL_SOCKET, SO_LINGER, &kl, &klen), 0);
    ck_assert_int_eq(kl.l_linger, 7);                         /* reached the kernel in every mode */
    struct linger too_long = { 1, 70000 };
    errno = 0;
    int r = setsockopt(fd, SOL_SOCKET, SO_LINGER, &too_long, sizeof too_long);
    ck_assert_int_eq(r, mode == ENFORCE ? -1 : 0);             /* no u_short can hold it */
    close(fd);
    int udp = socket(AF_INET, SOCK_DGRAM, 0);
    errno = 0;
    r = setsockopt(udp, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    if (mode == ENFORCE) {
        ck_assert_int_eq(r, -1);
        ck_assert_int_eq(errno, ENOPROTOOPT);
    } else {
        ck_assert_int_eq(r, 0);
    }
    close(udp);
}
END_TEST

START_TEST(buffer_size_reads_back_as_set_in_enforce_doubled_natively)
{
    preload_check();
    int fd = socket(AF_INET, SOCK_STREAM, 0), v = 0;
    ck_assert_int_eq(set_int(fd, SOL_SOCKET, SO_RCVBUF, 4096), 0);
    ck_assert_int_eq(get_int(fd, SOL_SOCKET, SO_RCVBUF, &v), 0);
    ck_assert_int_eq(v, mode == ENFORCE ? 4096 : 8192);
    if (mode == AUDIT)
        ck_assert(report_has("\"SO_RCVBUF\"", "\"value\":\"8192\"", "\"value\":\"4096\""));
    close(fd);
}
END_TEST

START_TEST(timeouts_translate_between_timeval_and_milliseconds)
{
    preload_check();
    int fd = socket(AF_INET6, SOCK_DGRAM, 0);
    struct timeval tv = { 1, 500000 }, got = { 0, 0 };
    socklen_t len = sizeof got;
    ck_assert_int_eq(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv), 0);
    ck_assert_int_eq(getsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &got, &len), 0);
    ck_assert_int_eq(got.tv_sec, 1);
    ck_assert_int_eq(got.tv_usec, 500000);
    struct timeval tiny = { 0, 1 };
    ck_assert_int_eq(setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tiny, sizeof tiny), 0);
    len = sizeof got;
    ck_assert_int_eq(getsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &got, &len), 0);
    if (mode == ENFORCE)
        ck_assert_int_eq(got.tv_usec, 1000);                  /* 1 us -> 1 ms, never "forever" */
    else
        ck_assert_int_gt(got.tv_usec, 0);
    struct timeval bad = { 0, 2000000 };
    errno = 0;
    ck_assert_int_eq(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &bad, sizeof bad), -1);
    ck_assert_int_eq(errno, EDOM);                            /* same answer as Linux */
    close(fd);
}
END_TEST

START_TEST(errno_is_preserved_on_success)
{
    preload_check();
    int fd = socket(AF_INET, SOCK_STREAM, 0), v;
    errno = 1234;
    ck_assert_int_eq(set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 1), 0);
    ck_assert_int_eq(errno, 1234);
    ck_assert_int_eq(get_int(fd, SOL_SOCKET, SO_KEEPALIVE, &v), 0);
    ck_assert_int_eq(errno, 1234);
    int d = dup(fd);
    ck_assert_int_eq(errno, 1234);
    ck_assert_int_eq(close(d), 0);
    ck_assert_int_eq(close(fd), 0);
    ck_assert_int_eq(errno, 1234);
}
END_TEST

/* A call whose first try met another socket (the number was closed or
 * dup2'ed over under it: WSP_STALE) is asked again; a kernel call of the
 * first try that failed must not leave its errno behind when the second
 * succeeds.  The lane and the general order both had that window (a success
 * with errno EBADF, ENOTSOCK or ENOPROTOOPT, a few per 100 000 calls). */
enum { STALE_NUMBER = 700 };
static _Atomic int stale_stop;

static void *stale_churn(void *arg)
{
    const int *fds = arg;                  /* TCP, UDP, a pipe end */
    for (unsigned i = 0; !stale_stop; i++) {
        if (i % 4 == 3)
            close(STALE_NUMBER);
        else
            dup2(fds[i % 4], STALE_NUMBER);
    }
    return NULL;
}

static int stale_tolerated(int err)
{
    return err == EBADF || err == ENOTSOCK || err == ENOPROTOOPT || err == EOPNOTSUPP;
}

START_TEST(errno_is_preserved_when_the_number_changes_sockets_mid_call)
{
    preload_check();
    int p[2], fds[3] = { socket(AF_INET, SOCK_STREAM, 0), socket(AF_INET, SOCK_DGRAM, 0), -1 };
    ck_assert_int_eq(pipe(p), 0);
    fds[2] = p[0];
    ck_assert_int_ge(fds[0], 0);
    ck_assert_int_ge(fds[1], 0);
    stale_stop = 0;
    pthread_t t;
    ck_assert_int_eq(pthread_create(&t, NULL, stale_churn, fds), 0);
    long calls = 0, ok = 0, lost = 0, odd = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    do {
        for (int k = 0; k < 1000; k++, calls += 4) {
            int v = 1, r[4];
            socklen_t len = sizeof v;
            errno = 4242;
            r[0] = setsockopt(STALE_NUMBER, IPPROTO_TCP, TCP_NODELAY, &v, sizeof v);   /* lane: the kernel */
            r[0] = r[0] ? errno : errno == 4242 ? 0 : -1;
            errno = 4242;
            r[1] = getsockopt(STALE_NUMBER, IPPROTO_TCP, TCP_NODELAY, &v, &len);
            r[1] = r[1] ? errno : errno == 4242 ? 0 : -1;
            errno = 4242;
            r[2] = set_int(STALE_NUMBER, SOL_SOCKET, SO_RCVBUF, 8192);                   /* lane: a handler */
            r[2] = r[2] ? errno : errno == 4242 ? 0 : -1;
            struct linger lg = { 0, 0 };
            errno = 4242;
            r[3] = setsockopt(STALE_NUMBER, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);     /* the general order */
            r[3] = r[3] ? errno : errno == 4242 ? 0 : -1;
            for (int i = 0; i < 4; i++) {
                ok += r[i] == 0;
                lost += r[i] == -1;
                odd += r[i] > 0 && !stale_tolerated(r[i]);
            }
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
    } while ((t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9 < 2.0);
    stale_stop = 1;
    pthread_join(t, NULL);
    close(STALE_NUMBER);
    close(fds[0]);
    close(fds[1]);
    close(p[0]);
    close(p[1]);
    fprintf(stderr, "stale retry: %ld calls, %ld succeeded, %ld of them changed errno, %ld unexpected errors\n",
            calls, ok + lost, lost, odd);
    ck_assert_int_gt(ok, 0);
    ck_assert_int_eq(lost, 0);
    ck_assert_int_eq(odd, 0);
}
END_TEST

START_TEST(non_sockets_and_unknown_options_pass_through_untouched)
{
    preload_check();
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    errno = 0;
    ck_assert_int_eq(set_int(p[0], SOL_SOCKET, SO_RCVBUF, 4096), -1);
    ck_assert_int_eq(errno, ENOTSOCK);
    errno = 0;
    ck_assert_int_eq(set_int(999, SOL_SOCKET, SO_RCVBUF, 4096), -1);
    ck_assert_int_eq(errno, EBADF);
    close(p[0]);
    close(p[1]);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_eq(set_int(fd, SOL_SOCKET, SO_REUSEPORT, 1), 0);  /* no Windows counterpart */
    ck_assert_int_eq(kernel_get(fd, SOL_SOCKET, SO_REUSEPORT), 1);
    if (mode == AUDIT)
        ck_assert(report_has("\"SO_REUSEPORT\"", "no Windows equivalent", NULL));
    int unix_fd = socket(AF_UNIX, SOCK_STREAM, 0);               /* not AF_INET*: native rules */
    ck_assert_int_eq(set_int(unix_fd, SOL_SOCKET, SO_RCVBUF, 4096), 0);
    int v = 0;
    ck_assert_int_eq(get_int(unix_fd, SOL_SOCKET, SO_RCVBUF, &v), 0);
    ck_assert_int_eq(v, 8192);
    close(unix_fd);
    close(fd);
}
END_TEST

START_TEST(state_follows_dup_dup2_dup3_and_fcntl_and_dies_with_last_close)
{
    preload_check();
    if (mode != ENFORCE)
        return;                                /* the shared state is only visible when emulating */
    int fd = socket(AF_INET, SOCK_STREAM, 0), v;
    ck_assert_int_eq(set_int(fd, SOL_SOCKET, SO_DONTROUTE, 1), 0);
    int a = dup(fd), b = dup2(fd, 40), c = dup3(fd, 41, O_CLOEXEC), d = fcntl(fd, F_DUPFD_CLOEXEC, 50);
    ck_assert_int_eq(b, 40);
    ck_assert_int_eq(c, 41);
    ck_assert_int_ge(d, 50);
    int fds[] = { a, b, c, d };
    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(get_int(fds[i], SOL_SOCKET, SO_DONTROUTE, &v), 0);
        ck_assert_int_eq(v, 1);
    }
    ck_assert_int_eq(set_int(b, SOL_SOCKET, SO_DONTROUTE, 0), 0);    /* one socket, one state */
    ck_assert_int_eq(get_int(d, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 0);
    ck_assert_int_eq(set_int(c, SOL_SOCKET, SO_DONTROUTE, 1), 0);
    ck_assert_int_eq(dup2(fd, fd), fd);                              /* same fd: no change */
    close(fd);
    close(a);
    close(b);
    close(c);
    ck_assert_int_eq(get_int(d, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 1);                                          /* d still holds it */
    close(d);
    int again = socket(AF_INET, SOCK_STREAM, 0);                     /* likely the same number */
    ck_assert_int_eq(get_int(again, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 0);
    int over = socket(AF_INET, SOCK_DGRAM, 0);                       /* dup2 over a tracked socket */
    ck_assert_int_eq(set_int(again, SOL_SOCKET, SO_DONTROUTE, 1), 0);
    ck_assert_int_eq(dup2(again, over), over);
    ck_assert_int_eq(get_int(over, SOL_SOCKET, SO_TYPE, &v), 0);
    ck_assert_int_eq(v, SOCK_STREAM);
    close(over);
    close(again);
}
END_TEST

START_TEST(state_follows_fork_and_close_range_forgets)
{
    preload_check();
    if (mode != ENFORCE)
        return;
    int fd = socket(AF_INET, SOCK_STREAM, 0), v;
    ck_assert_int_eq(set_int(fd, SOL_SOCKET, SO_DONTROUTE, 1), 0);
    pid_t pid = fork();
    if (pid == 0) {
        int cv = -1;
        _exit(get_int(fd, SOL_SOCKET, SO_DONTROUTE, &cv) == 0 && cv == 1 ? 0 : 1);
    }
    int status;
    waitpid(pid, &status, 0);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ck_assert_int_eq(close_range((unsigned)fd, (unsigned)fd, 0), 0);
    int again = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_eq(again, fd);
    ck_assert_int_eq(get_int(again, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 0);
    close(again);
}
END_TEST

/* A program under RLIMIT_FSIZE (ulimit -f) never writes the report itself:
 * the shim's write must not raise the SIGXFSZ that would kill it once the
 * report has reached the limit. */
START_TEST(report_at_the_file_size_limit_does_not_kill_the_program)
{
    preload_check();
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int a = socket(AF_INET, SOCK_STREAM, 0), b = socket(AF_INET6, SOCK_STREAM, 0);
        set_int(a, SOL_SOCKET, SO_DONTROUTE, 1);        /* audit: a line, so the file is not empty */
        /* stderr a non-empty file too: the shim's note that the report
         * cannot be written must not cross the limit either */
        FILE *err = tmpfile();
        if (!err || fputs("x\n", err) < 0 || fflush(err) != 0 || dup2(fileno(err), 2) != 2)
            _exit(3);
        struct rlimit lim = { 1, 1 };
        if (setrlimit(RLIMIT_FSIZE, &lim) != 0)
            _exit(2);
        set_int(b, SOL_SOCKET, SO_DONTROUTE, 1);        /* another line, past the limit */
        set_int(a, SOL_SOCKET, SO_RCVBUF, 4096);
        _exit(0);
    }
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(WIFEXITED(status), "killed by signal %d", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    ck_assert_int_eq(WEXITSTATUS(status), 0);
}
END_TEST

static void on_alarm(int sig)
{
    (void)sig;
    int fd = dup(0);
    dup2(0, fd);
    close(fd);                                 /* async-signal-safe paths */
}

START_TEST(no_descriptor_is_leaked_and_close_is_usable_from_a_signal_handler)
{
    preload_check();
    int before = count_fds();
    signal(SIGALRM, on_alarm);
    for (int i = 0; i < 200; i++) {
        int fd = socket(i & 1 ? AF_INET6 : AF_INET, i & 2 ? SOCK_DGRAM : SOCK_STREAM, 0);
        set_int(fd, SOL_SOCKET, SO_DONTROUTE, 1);     /* a divergence in audit: report writes */
        int d = dup(fd);
        struct linger l = { 1, 0 };
        setsockopt(d, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        if (i % 50 == 0)
            raise(SIGALRM);
        close(fd);
        close(d);
    }
    ck_assert_int_eq(count_fds(), before);
}
END_TEST

START_TEST(audit_report_names_the_caller_and_counts_repeats)
{
    preload_check();
    if (mode != AUDIT)
        return;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct linger l = { 1, 3 };
    for (int i = 0; i < 4; i++)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);   /* one call site, 4 times */
    close(fd);
    ck_assert(report_has("\"SO_LINGER\"", "shim_test", "\"count\":4"));
    ck_assert(report_has("\"SO_LINGER\"", "\"pid\"", "\"linux\":{\"ret\":0"));
}
END_TEST

START_TEST(bad_pointers_and_lengths_get_errors_not_crashes)
{
    preload_check();
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    errno = 0;
    ck_assert_int_eq(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, (void *)1, 4), -1);
    ck_assert_int_eq(errno, EFAULT);
    errno = 0;
    ck_assert_int_eq(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, (void *)8, 16), -1);
    ck_assert_int_eq(errno, EFAULT);
    socklen_t len = 4;
    errno = 0;
    void *bad = (void *)1;
    ck_assert_int_eq(getsockopt(fd, SOL_SOCKET, SO_RCVBUF, bad, &len), -1);
    ck_assert_int_eq(errno, EFAULT);
    int v;
    errno = 0;
    socklen_t *bad_len = (socklen_t *)8;
    ck_assert_int_eq(getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, bad_len), -1);
    ck_assert_int_eq(errno, EFAULT);
    errno = 0;
    ck_assert_int_eq(setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, NULL, 4), -1);
    ck_assert_int_eq(errno, EFAULT);
    /* a "negative" length: Windows says WSAENOBUFS for one-byte BOOLs, Linux EINVAL */
    errno = 0;
    ck_assert_int_eq(setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, (socklen_t)-1), -1);
    ck_assert_int_eq(errno, mode == ENFORCE ? ENOBUFS : EINVAL);
    len = (socklen_t)-1;
    errno = 0;
    ck_assert_int_eq(getsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &v, &len), -1);
    ck_assert_int_eq(errno, mode == ENFORCE ? EFAULT : EINVAL);
    close(fd);
}
END_TEST

/* ---- hostile pointers: a page the caller cannot read or write ------------
 * Each call runs in a forked child (a fault kills the child, not the suite);
 * its outcome is compared with the kernel's own answer to the same call on a
 * fresh socket of the same kind, made with raw system calls the shim cannot
 * see.  Off and audit must give exactly that answer; enforce answers EFAULT
 * (Windows: WSAEFAULT) and never faults. */
#include <sys/mman.h>

enum ptr_kind { P_PROT_NONE, P_UNMAPPED, P_READ_ONLY, P_STRADDLE };
struct hostile {
    const char *what;
    char call;                      /* 's'etsockopt, 'g'etsockopt, 'b'ind */
    int family, type, level, name;
    enum ptr_kind val_kind;         /* where optval (or the address) points */
    int len_kind;                   /* getsockopt: -1 *optlen is a good local, else where optlen points */
    socklen_t len;
};
struct outcome {
    int ret, err;
    socklen_t len_after;
    unsigned char val_after[16];
};

static char *hostile_ptr(enum ptr_kind k, size_t n)
{
    size_t pg = (size_t)sysconf(_SC_PAGESIZE);
    char *p = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ck_assert_ptr_ne(p, MAP_FAILED);
    memset(p, 0x5a, 2 * pg);
    switch (k) {
    case P_PROT_NONE:
        mprotect(p + pg, pg, PROT_NONE);
        return p + pg;
    case P_UNMAPPED:
        munmap(p + pg, pg);
        return p + pg;
    case P_READ_ONLY:
        mprotect(p + pg, pg, PROT_READ);
        return p + pg;
    case P_STRADDLE:
        mprotect(p + pg, pg, PROT_NONE);
        return p + pg - (n > 1 ? n / 2 : 1);   /* the first bytes readable, the rest in the guard */
    }
    return p;
}

static struct outcome hostile_call(const struct hostile *h, int raw)
{
    struct outcome o;
    memset(&o, 0, sizeof o);
    int fd = raw ? (int)syscall(SYS_socket, h->family, h->type, 0) : socket(h->family, h->type, 0);
    ck_assert_int_ge(fd, 0);
    char *val = hostile_ptr(h->val_kind, h->len);
    errno = 0;
    if (h->call == 's') {
        o.ret = raw ? (int)syscall(SYS_setsockopt, fd, h->level, h->name, val, h->len)
                    : setsockopt(fd, h->level, h->name, val, h->len);
    } else if (h->call == 'b') {
        o.ret = raw ? (int)syscall(SYS_bind, fd, val, h->len) : bind(fd, (struct sockaddr *)val, h->len);
    } else {
        socklen_t local = h->len, *lenp = &local;
        char *buf = val;
        if (h->len_kind >= 0) {
            lenp = (socklen_t *)(void *)hostile_ptr((enum ptr_kind)h->len_kind, sizeof *lenp);
            buf = (char *)&o.val_after;
        }
        o.ret = raw ? (int)syscall(SYS_getsockopt, fd, h->level, h->name, buf, lenp)
                    : getsockopt(fd, h->level, h->name, buf, lenp);
        o.err = errno;
        if (lenp == &local)
            o.len_after = local;
        else if (h->len_kind == P_READ_ONLY)
            o.len_after = *lenp;
    }
    if (h->call != 'g')
        o.err = errno;
    if (o.ret == 0)
        o.err = 0;
    return o;
}

START_TEST(hostile_pointers_answer_efault_never_crash)
{
    preload_check();
    static const struct hostile cases[] = {
        { "set SO_RCVTIMEO, PROT_NONE", 's', AF_INET, SOCK_STREAM, SOL_SOCKET, SO_RCVTIMEO, P_PROT_NONE, -1, 16 },
        { "set SO_LINGER, unmapped", 's', AF_INET, SOCK_STREAM, SOL_SOCKET, SO_LINGER, P_UNMAPPED, -1, 8 },
        { "set TCP_NODELAY, straddling", 's', AF_INET, SOCK_STREAM, IPPROTO_TCP, TCP_NODELAY, P_STRADDLE, -1, 4 },
        { "set SO_ERROR, PROT_NONE", 's', AF_INET, SOCK_STREAM, SOL_SOCKET, SO_ERROR, P_PROT_NONE, -1, 4 },
        { "set SO_DONTROUTE (emulated), unmapped", 's', AF_INET, SOCK_DGRAM, SOL_SOCKET, SO_DONTROUTE, P_UNMAPPED, -1, 4 },
        { "set SO_RCVBUF, straddling", 's', AF_INET6, SOCK_STREAM, SOL_SOCKET, SO_RCVBUF, P_STRADDLE, -1, 4 },
        { "get SO_RCVBUF into PROT_NONE", 'g', AF_INET, SOCK_STREAM, SOL_SOCKET, SO_RCVBUF, P_PROT_NONE, -1, 4 },
        { "get SO_RCVTIMEO into read-only", 'g', AF_INET, SOCK_STREAM, SOL_SOCKET, SO_RCVTIMEO, P_READ_ONLY, -1, 16 },
        { "get SO_LINGER into straddling", 'g', AF_INET, SOCK_STREAM, SOL_SOCKET, SO_LINGER, P_STRADDLE, -1, 8 },
        { "get SO_LINGER, optlen PROT_NONE", 'g', AF_INET, SOCK_STREAM, SOL_SOCKET, SO_LINGER, P_PROT_NONE, P_PROT_NONE, 8 },
        { "get SO_RCVBUF, optlen read-only", 'g', AF_INET, SOCK_STREAM, SOL_SOCKET, SO_RCVBUF, P_PROT_NONE, P_READ_ONLY, 4 },
        { "get SO_KEEPALIVE, optlen unmapped", 'g', AF_INET6, SOCK_STREAM, SOL_SOCKET, SO_KEEPALIVE, P_PROT_NONE, P_UNMAPPED, 4 },
        { "bind AF_INET, PROT_NONE", 'b', AF_INET, SOCK_STREAM, 0, 0, P_PROT_NONE, -1, sizeof(struct sockaddr_in) },
        { "bind AF_INET6, straddling", 'b', AF_INET6, SOCK_DGRAM, 0, 0, P_STRADDLE, -1, sizeof(struct sockaddr_in6) },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct hostile *h = &cases[i];
        int p[2];
        ck_assert_int_eq(pipe(p), 0);
        pid_t pid = fork();
        if (pid == 0) {
            struct outcome o = hostile_call(h, 0);
            _exit(write(p[1], &o, sizeof o) == (ssize_t)sizeof o ? 0 : 3);
        }
        close(p[1]);
        struct outcome shim = { 0 };
        ssize_t got = read(p[0], &shim, sizeof shim);
        close(p[0]);
        int status = 0;
        waitpid(pid, &status, 0);
        ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0 && got == (ssize_t)sizeof shim,
                      "%s: the call crashed (%s %d)", h->what, WIFSIGNALED(status) ? "signal" : "status",
                      WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
        struct outcome native = hostile_call(h, 1);
        if (mode == ENFORCE) {
            ck_assert_msg(shim.ret == -1 && shim.err == EFAULT, "%s: enforce gave %d/%s, Windows says WSAEFAULT",
                          h->what, shim.ret, strerror(shim.err));
        } else {
            ck_assert_msg(shim.ret == native.ret && shim.err == native.err && shim.len_after == native.len_after &&
                          !memcmp(shim.val_after, native.val_after, sizeof shim.val_after),
                          "%s: %d/%s under the shim, %d/%s natively", h->what, shim.ret, strerror(shim.err),
                          native.ret, strerror(native.err));
        }
    }
}
END_TEST

START_TEST(sockets_made_behind_the_shims_back_and_stale_numbers)
{
    preload_check();
    /* a socket the shim never saw created: errno untouched on success */
    int raw = (int)syscall(SYS_socket, AF_INET, SOCK_STREAM, 0);
    errno = 0;
    ck_assert_int_eq(set_int(raw, SOL_SOCKET, SO_REUSEPORT, 1), 0);
    ck_assert_int_eq(errno, 0);
    int v = -1;
    ck_assert_int_eq(get_int(raw, SOL_SOCKET, SO_KEEPALIVE, &v), 0);
    ck_assert_int_eq(errno, 0);
    syscall(SYS_close, raw);
    /* closed inside libc (fclose of an fdopen'ed socket), number reused by fopen */
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_eq(set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 1), 0);
    FILE *f = fdopen(fd, "r+");
    fclose(f);
    FILE *file = fopen("/proc/self/status", "r");
    ck_assert_int_eq(fileno(file), fd);
    errno = 0;
    ck_assert_int_eq(get_int(fd, SOL_SOCKET, SO_TYPE, &v), -1);       /* not a socket any more */
    ck_assert_int_eq(errno, ENOTSOCK);
    fclose(file);
}
END_TEST

static unsigned port_of(int fd)
{
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    return ntohs(a.sin_port);
}

START_TEST(ordinary_binds_keep_linux_rules_between_processes)
{
    preload_check();
    /* ephemeral ports stay unique */
    static int fds[200];
    static unsigned seen[65536 / 32];
    memset(seen, 0, sizeof seen);
    struct sockaddr_in any = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    for (int i = 0; i < 200; i++) {
        fds[i] = socket(AF_INET, SOCK_DGRAM, 0);
        ck_assert_int_eq(bind(fds[i], (struct sockaddr *)&any, sizeof any), 0);
        unsigned p = port_of(fds[i]);
        ck_assert_msg(!(seen[p / 32] & (1u << (p % 32))), "port %u handed out twice", p);
        seen[p / 32] |= 1u << (p % 32);
    }
    for (int i = 0; i < 200; i++)
        close(fds[i]);
    /* a second process of the same program cannot take a port in use */
    int srv = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_eq(bind(srv, (struct sockaddr *)&any, sizeof any), 0);
    ck_assert_int_eq(listen(srv, 1), 0);
    struct sockaddr_in same = any;
    same.sin_port = htons(port_of(srv));
    pid_t pid = fork();
    if (pid == 0) {
        int other = (int)syscall(SYS_socket, AF_INET, SOCK_STREAM, 0);   /* not tracked: another program */
        _exit(bind(other, (struct sockaddr *)&same, sizeof same) == -1 && errno == EADDRINUSE ? 0 : 1);
    }
    int status;
    waitpid(pid, &status, 0);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    close(srv);
}
END_TEST

START_TEST(programs_using_so_reuseport_keep_linux_semantics)
{
    preload_check();
    int a = socket(AF_INET, SOCK_DGRAM, 0), b = socket(AF_INET, SOCK_DGRAM, 0);
    ck_assert_int_eq(set_int(a, SOL_SOCKET, SO_REUSEPORT, 1), 0);
    ck_assert_int_eq(set_int(b, SOL_SOCKET, SO_REUSEPORT, 1), 0);
    struct sockaddr_in lo = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    ck_assert_int_eq(bind(a, (struct sockaddr *)&lo, sizeof lo), 0);
    lo.sin_port = htons(port_of(a));
    ck_assert_int_eq(bind(b, (struct sockaddr *)&lo, sizeof lo), 0);
    close(a);
    close(b);
}
END_TEST

START_TEST(reuse_options_count_at_bind_time_only)
{
    preload_check();
    if (mode != ENFORCE)
        return;
    int a = socket(AF_INET, SOCK_STREAM, 0), b = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in lo = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    ck_assert_int_eq(bind(a, (struct sockaddr *)&lo, sizeof lo), 0);
    ck_assert_int_eq(listen(a, 1), 0);
    ck_assert_int_eq(set_int(a, SOL_SOCKET, SO_REUSEADDR, 1), 0);      /* too late: bound as default */
    ck_assert_int_eq(set_int(b, SOL_SOCKET, SO_REUSEADDR, 1), 0);
    lo.sin_port = htons(port_of(a));
    errno = 0;
    ck_assert_int_eq(bind(b, (struct sockaddr *)&lo, sizeof lo), -1);  /* §5.2 DS then RS: WSAEACCES */
    ck_assert_int_eq(errno, EACCES);
    close(a);
    close(b);
}
END_TEST

START_TEST(lingering_close_of_a_socket_shared_with_a_child_does_not_wait)
{
    preload_check();
    int lis = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in lo = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    ck_assert_int_eq(bind(lis, (struct sockaddr *)&lo, sizeof lo), 0);
    ck_assert_int_eq(listen(lis, 1), 0);
    lo.sin_port = htons(port_of(lis));
    int c = socket(AF_INET, SOCK_STREAM, 0), small = 4096;
    setsockopt(c, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
    ck_assert_int_eq(connect(c, (struct sockaddr *)&lo, sizeof lo), 0);
    int server = accept(lis, NULL, NULL);
    struct linger l = { 1, 3 };
    ck_assert_int_eq(setsockopt(c, SOL_SOCKET, SO_LINGER, &l, sizeof l), 0);
    static char chunk[4096];
    fcntl(c, F_SETFL, O_NONBLOCK);
    while (send(c, chunk, sizeof chunk, MSG_NOSIGNAL) > 0)
        ;
    pid_t pid = fork();
    if (pid == 0) {
        sleep(5);                       /* the child keeps its copy open */
        _exit(0);
    }
    fcntl(c, F_SETFL, 0);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ck_assert_int_eq(close(c), 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ck_assert_double_lt((t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9, 0.5);   /* not the linger time */
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    close(server);
    close(lis);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("shim");
    TCase *t = tcase_create("shim");
    tcase_add_test(t, dontroute_on_inet6_fails_enoprotoopt_only_in_enforce);
    tcase_add_test(t, dontroute_on_inet_succeeds_and_reaches_the_kernel_only_natively);
    tcase_add_test(t, linger_round_trips_and_udp_linger_fails_in_enforce);
    tcase_add_test(t, buffer_size_reads_back_as_set_in_enforce_doubled_natively);
    tcase_add_test(t, timeouts_translate_between_timeval_and_milliseconds);
    tcase_add_test(t, errno_is_preserved_on_success);
    tcase_add_test(t, errno_is_preserved_when_the_number_changes_sockets_mid_call);
    tcase_add_test(t, non_sockets_and_unknown_options_pass_through_untouched);
    tcase_add_test(t, state_follows_dup_dup2_dup3_and_fcntl_and_dies_with_last_close);
    tcase_add_test(t, state_follows_fork_and_close_range_forgets);
    tcase_add_test(t, no_descriptor_is_leaked_and_close_is_usable_from_a_signal_handler);
    tcase_add_test(t, audit_report_names_the_caller_and_counts_repeats);
    tcase_add_test(t, bad_pointers_and_lengths_get_errors_not_crashes);
    tcase_add_test(t, hostile_pointers_answer_efault_never_crash);
    tcase_add_test(t, sockets_made_behind_the_shims_back_and_stale_numbers);
    tcase_add_test(t, ordinary_binds_keep_linux_rules_between_processes);
    tcase_add_test(t, programs_using_so_reuseport_keep_linux_semantics);
    tcase_add_test(t, reuse_options_count_at_bind_time_only);
    tcase_add_test(t, lingering_close_of_a_socket_shared_with_a_child_does_not_wait);
    tcase_add_test(t, report_at_the_file_size_limit_does_not_kill_the_program);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    const char *m = getenv("WSP_MODE");
    mode = m && !strcmp(m, "audit") ? AUDIT : m && !strcmp(m, "off") ? OFF : ENFORCE;
    report = getenv("WSP_REPORT");
    if (mode == AUDIT && report)
        unlink(report);
    SRunner *r = srunner_create(suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}

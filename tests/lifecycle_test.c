/*
 * Descriptor lifecycle under libwspshim (LD_PRELOAD, enforce): what the shim
 * remembers about a socket must follow what the kernel really did with the
 * descriptor -- a close_range that failed, a number reused inside libc.
 * Issue 11, defects 3 and 5.  Kernel state is read with raw system calls,
 * which the shim cannot see.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

int wspshim_active(void);

static void preload_check(void)
{
    ck_assert_msg(wspshim_active() == 1, "libwspshim.so is not preloaded");
}

static int get_int(int fd, int level, int name, int *v)
{
    socklen_t len = sizeof *v;
    *v = -1;
    return getsockopt(fd, level, name, v, &len);
}

static int set_int(int fd, int level, int name, int v)
{
    return setsockopt(fd, level, name, &v, sizeof v);
}

/* SO_DONTROUTE on AF_INET is answered from the shim's state in enforce mode
 * (Windows accepts and ignores it; Linux would act on it): a value that
 * survives tells the state survived. */
START_TEST(failed_close_range_keeps_the_state_of_open_sockets)
{
    preload_check();
    int fd = socket(AF_INET, SOCK_STREAM, 0), v;
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(set_int(fd, SOL_SOCKET, SO_DONTROUTE, 1), 0);

    errno = 0;
    ck_assert_int_eq(close_range((unsigned)fd, (unsigned)fd, 0x80), -1);   /* unknown flag */
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(get_int(fd, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 1);

    errno = 0;
    ck_assert_int_eq(close_range((unsigned)fd + 1, (unsigned)fd, 0), -1);  /* first > last */
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(get_int(fd, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 1);

    /* CLOSE_RANGE_CLOEXEC closes nothing either */
    ck_assert_int_eq(close_range((unsigned)fd, (unsigned)fd, CLOSE_RANGE_CLOEXEC), 0);
    ck_assert_int_eq(get_int(fd, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 1);

    /* a close_range that does close forgets, and the number starts afresh */
    ck_assert_int_eq(close_range((unsigned)fd, (unsigned)fd, 0), 0);
    int again = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_eq(again, fd);
    ck_assert_int_eq(get_int(again, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 0);
    close(again);
}
END_TEST

/* libc closes the socket itself (fclose of an fdopen'ed socket) and hands
 * the number to a file (fopen): the shim saw neither.  Linux and Windows
 * both refuse socket options on a file; the state must not answer for it. */
START_TEST(state_of_a_socket_closed_inside_libc_does_not_answer_for_a_file)
{
    preload_check();
    int fd = socket(AF_INET, SOCK_STREAM, 0), v;
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(set_int(fd, SOL_SOCKET, SO_DONTROUTE, 1), 0);
    ck_assert_int_eq(get_int(fd, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 1);
    FILE *sf = fdopen(fd, "r+");
    ck_assert_ptr_nonnull(sf);
    fclose(sf);
    FILE *f = fopen("/proc/self/stat", "r");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fileno(f), fd);           /* the same number, now a file */

    errno = 0;
    ck_assert_int_eq(set_int(fd, SOL_SOCKET, SO_DONTROUTE, 1), -1);
    ck_assert_int_eq(errno, ENOTSOCK);
    errno = 0;
    ck_assert_int_eq(get_int(fd, SOL_SOCKET, SO_DONTROUTE, &v), -1);
    ck_assert_int_eq(errno, ENOTSOCK);
    struct linger l = { 1, 5 };
    socklen_t len = sizeof l;
    ck_assert_int_eq(getsockopt(fd, SOL_SOCKET, SO_LINGER, &l, &len), -1);
    ck_assert_int_eq(errno, ENOTSOCK);
    fclose(f);
}
END_TEST

/* The same with another socket taking the number behind the shim's back
 * (raw system calls): the answer is the new socket's, not the old state's. */
START_TEST(state_of_a_socket_replaced_behind_the_shims_back_is_not_the_new_sockets)
{
    preload_check();
    int fd = socket(AF_INET, SOCK_STREAM, 0), v;
    ck_assert_int_eq(set_int(fd, SOL_SOCKET, SO_DONTROUTE, 1), 0);
    ck_assert_int_eq(syscall(SYS_close, fd), 0);
    int again = (int)syscall(SYS_socket, AF_INET, SOCK_STREAM, 0);
    ck_assert_int_eq(again, fd);
    ck_assert_int_eq(get_int(again, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 0);
    ck_assert_int_eq(set_int(again, SOL_SOCKET, SO_DONTROUTE, 1), 0);
    ck_assert_int_eq(get_int(again, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 1);
    close(again);
}
END_TEST

/* ---- a lingering close and other processes (defect 8) ---------------------- */

struct conn { int client, server; };

static struct conn connect_pair(void)
{
    int lis = socket(AF_INET, SOCK_STREAM, 0), small = 4096;
    setsockopt(lis, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t alen = sizeof a;
    ck_assert_int_eq(bind(lis, (struct sockaddr *)&a, sizeof a), 0);
    ck_assert_int_eq(listen(lis, 1), 0);
    ck_assert_int_eq(getsockname(lis, (struct sockaddr *)&a, &alen), 0);
    struct conn c;
    c.client = socket(AF_INET, SOCK_STREAM, 0);
    setsockopt(c.client, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
    ck_assert_int_eq(connect(c.client, (struct sockaddr *)&a, sizeof a), 0);
    c.server = accept(lis, NULL, NULL);
    ck_assert_int_ge(c.server, 0);
    close(lis);
    return c;
}

static long fill(int fd)
{
    static char chunk[4096];
    int flags = fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    long total = 0;
    ssize_t n;
    while ((n = send(fd, chunk, sizeof chunk, MSG_NOSIGNAL)) > 0)
        total += n;
    fcntl(fd, F_SETFL, flags);
    return total;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Read until EOF or error: 1 if the connection was reset. */
static int drained_with_reset(int fd, long *got)
{
    char buf[65536];
    for (;;) {
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n > 0) {
            *got += n;
            continue;
        }
        return n < 0 && errno == ECONNRESET;
    }
}

/* A child that shared the socket and has exited no longer counts: the
 * parent's close is the last one, and Windows' rule applies (linger {1, 1},
 * the peer never reads: wait 1 s, then reset).  Linux's rule would instead
 * keep delivering in the background. */
START_TEST(lingering_close_after_the_forked_child_exited_follows_windows)
{
    preload_check();
    struct conn c = connect_pair();
    struct linger l = { 1, 1 };
    ck_assert_int_eq(setsockopt(c.client, SOL_SOCKET, SO_LINGER, &l, sizeof l), 0);
    fill(c.client);
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    ck_assert_int_eq(waitpid(pid, NULL, 0), pid);
    double t0 = now_s();
    ck_assert_int_eq(close(c.client), 0);
    double took = now_s() - t0;
    ck_assert_double_ge(took, 0.9);
    ck_assert_double_lt(took, 3.0);
    long got = 0;
    ck_assert_int_eq(drained_with_reset(c.server, &got), 1);
    close(c.server);
}
END_TEST

/* A child made by posix_spawn (or by popen, inside libc) still holds the
 * socket: the parent's close is not the last one, so it must neither wait
 * for the linger time nor leave the kernel set to reset -- when the child
 * leaves, the peer gets every byte and EOF, as natively. */
static void spawned_child_keeps_the_connection(int use_popen)
{
    preload_check();
    struct conn c = connect_pair();
    struct linger l = { 1, 3 };
    ck_assert_int_eq(setsockopt(c.client, SOL_SOCKET, SO_LINGER, &l, sizeof l), 0);
    long sent = fill(c.client);
    pid_t pid = -1;
    FILE *p = NULL;
    if (use_popen) {
        p = popen("exec sleep 1", "r");
        ck_assert_ptr_nonnull(p);
    } else {
        char *argv[] = { "sleep", "1", NULL };
        ck_assert_int_eq(posix_spawnp(&pid, "sleep", NULL, NULL, argv, environ), 0);
    }
    usleep(100000);                             /* the child is running */
    double t0 = now_s();
    ck_assert_int_eq(close(c.client), 0);
    ck_assert_double_lt(now_s() - t0, 0.5);     /* not the linger time: the connection lives on */
    if (use_popen)
        pclose(p);
    else
        waitpid(pid, NULL, 0);
    long got = 0;
    ck_assert_int_eq(drained_with_reset(c.server, &got), 0);
    ck_assert_int_eq(got, sent);
    close(c.server);
}

START_TEST(lingering_close_leaves_a_posix_spawn_child_its_connection)
{
    spawned_child_keeps_the_connection(0);
}
END_TEST

START_TEST(lingering_close_leaves_a_popen_child_its_connection)
{
    spawned_child_keeps_the_connection(1);
}
END_TEST

/* ---- descriptor numbers at the top of the state index and beyond ---------
 * The index covers 0..1048575 (spi/sockstate.c).  RLIMIT_NOFILE is raised as
 * far as the machine allows (root: up to fs.nr_open); sockets are put at the
 * highest numbers allowed.  Inside the index Windows' rules apply (an
 * AF_INET6 socket refuses SO_DONTROUTE); beyond it the shim steps aside and
 * Linux answers.  Nothing may crash or leak. */
enum { INDEX_TOP = 1048575 };

static rlim_t raise_nofile(void)
{
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    rlim_t want = rl.rlim_max;
    FILE *f = fopen("/proc/sys/fs/nr_open", "r");
    unsigned long nr_open = 0;
    if (f) {
        if (fscanf(f, "%lu", &nr_open) == 1 && nr_open > want)
            want = nr_open;
        fclose(f);
    }
    struct rlimit up = { want, want };
    if (setrlimit(RLIMIT_NOFILE, &up) != 0) {
        up.rlim_cur = up.rlim_max = rl.rlim_max;   /* not root: the hard limit */
        setrlimit(RLIMIT_NOFILE, &up);
    }
    getrlimit(RLIMIT_NOFILE, &up);
    fprintf(stderr, "RLIMIT_NOFILE raised from %lu/%lu to %lu (fs.nr_open %lu): highest descriptor %lu, "
            "index top %d\n", (unsigned long)rl.rlim_cur, (unsigned long)rl.rlim_max, (unsigned long)up.rlim_cur,
            nr_open, (unsigned long)up.rlim_cur - 1, INDEX_TOP);
    return up.rlim_cur;
}

static void check_number(int n)
{
    int s = socket(AF_INET6, SOCK_STREAM, 0), v;
    ck_assert_int_ge(s, 0);
    ck_assert_int_eq(dup2(s, n), n);
    ck_assert_int_eq(close(s), 0);
    int tracked = n <= INDEX_TOP;
    errno = 0;
    int r = set_int(n, SOL_SOCKET, SO_DONTROUTE, 1);
    if (tracked)
        ck_assert_msg(r == -1 && errno == ENOPROTOOPT, "fd %d: set %d errno %d", n, r, errno);
    else
        ck_assert_msg(r == 0, "fd %d beyond the index: set %d errno %d", n, r, errno);
    ck_assert_int_eq(get_int(n, SOL_SOCKET, SO_TYPE, &v), 0);
    ck_assert_int_eq(v, SOCK_STREAM);
    /* the state follows a dup2 down to n - 1, and a close at the top */
    ck_assert_int_eq(dup2(n, n - 1), n - 1);
    errno = 0;
    r = set_int(n - 1, SOL_SOCKET, SO_DONTROUTE, 1);
    ck_assert_int_eq(r == 0, n - 1 > INDEX_TOP);
    struct linger l = { 1, 0 };
    ck_assert_int_eq(setsockopt(n, SOL_SOCKET, SO_LINGER, &l, sizeof l), 0);
    ck_assert_int_eq(close(n), 0);
    ck_assert_int_eq(close(n - 1), 0);
    /* a plain AF_INET socket put at the same number starts afresh */
    s = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_eq(dup2(s, n), n);
    close(s);
    ck_assert_int_eq(get_int(n, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 0);
    ck_assert_int_eq(close_range((unsigned)n, ~0u, 0), 0);
    errno = 0;
    ck_assert_int_eq(fcntl(n, F_GETFD), -1);
    ck_assert_int_eq(errno, EBADF);
}

START_TEST(descriptors_at_the_top_of_the_index_and_beyond)
{
    preload_check();
    rlim_t limit = raise_nofile();
    ck_assert_uint_ge(limit, 64);
    long candidates[] = { (long)limit - 1, (long)limit - 3, INDEX_TOP, INDEX_TOP - 2, INDEX_TOP + 2L,
                          INDEX_TOP + 3L, 1023, 1024, 1025 };
    int tested = 0, beyond = 0;
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        long n = candidates[i];
        if (n < 2 || n >= (long)limit || n > 0x7fffffffL)
            continue;
        check_number((int)n);
        tested++;
        beyond += n - 1 > INDEX_TOP;
    }
    fprintf(stderr, "descriptor numbers tested: %d (%d beyond the index)\n", tested, beyond);
    ck_assert_int_ge(tested, 4);
}
END_TEST

/* A vfork child shares the parent's memory, so the shim's table too, but not
 * its descriptors: its close_range before exec (CPython's subprocess does
 * exactly this) closes only its own copies, and must not make the parent
 * forget its sockets' state. */
START_TEST(close_range_in_a_vfork_child_keeps_the_parents_state)
{
    preload_check();
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_ge(fd, 3);
    int v;
    ck_assert_int_eq(set_int(fd, SOL_SOCKET, SO_DONTROUTE, 1), 0);
    pid_t pid = vfork();
    if (pid == 0) {
        close_range(3, ~0u, 0);
        closefrom(3);
        _exit(0);
    }
    ck_assert_int_gt(pid, 0);
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_int_eq(get_int(fd, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 1);

    /* nor may its close() of a lingering socket decide the parent's close:
     * the kernel's linger setting is the parent's, untouched */
    struct linger l = { 1, 5 }, k = { -1, -1 };
    ck_assert_int_eq(setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l), 0);
    pid = vfork();
    if (pid == 0) {
        close(fd);
        _exit(0);
    }
    ck_assert_int_gt(pid, 0);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    socklen_t klen = sizeof k;
    ck_assert_int_eq(syscall(SYS_getsockopt, fd, SOL_SOCKET, SO_LINGER, &k, &klen), 0);
    ck_assert_int_eq(k.l_onoff, 1);
    ck_assert_int_eq(k.l_linger, 5);
    ck_assert_int_eq(get_int(fd, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 1);
    close(fd);
}
END_TEST

/* close() is async-signal-safe, so a handler may call it on a sigaltstack
 * sized for the signal frame plus a little: the lingering close's check for
 * other holders (a /proc walk, run while the process has a child) must not
 * need more stack than that. */
static int altstack_fd = -1;
static volatile sig_atomic_t altstack_rc = 99;

static void close_on_altstack(int sig)
{
    (void)sig;
    altstack_rc = close(altstack_fd);
}

START_TEST(lingering_close_in_a_handler_on_a_small_sigaltstack)
{
    preload_check();
    pid_t runner = fork();
    ck_assert_int_ge(runner, 0);
    if (runner == 0) {
        size_t size = (size_t)sysconf(_SC_MINSIGSTKSZ) + 8192, page = (size_t)sysconf(_SC_PAGESIZE);
        size_t mapped = (size + page - 1) / page * page;
        char *m = mmap(NULL, mapped + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m == MAP_FAILED || mprotect(m, page, PROT_NONE) != 0)   /* guard page: overflow faults */
            _exit(2);
        stack_t ss = { .ss_sp = m + page + mapped - size, .ss_size = size, .ss_flags = 0 };
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = close_on_altstack;
        sa.sa_flags = SA_ONSTACK;
        if (sigaltstack(&ss, NULL) != 0 || sigaction(SIGUSR1, &sa, NULL) != 0)
            _exit(3);
        int l = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
        socklen_t alen = sizeof a;
        if (bind(l, (struct sockaddr *)&a, sizeof a) != 0 || listen(l, 1) != 0 ||
            getsockname(l, (struct sockaddr *)&a, &alen) != 0)
            _exit(4);
        altstack_fd = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(altstack_fd, (struct sockaddr *)&a, sizeof a) != 0 || accept(l, NULL, NULL) < 0)
            _exit(5);
        struct linger lg = { 1, 5 };
        if (setsockopt(altstack_fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg) != 0)
            _exit(6);
        pid_t kid = fork();              /* a live child: the close walks /proc */
        if (kid == 0) {
            syscall(SYS_close, altstack_fd);
            pause();
            _exit(0);
        }
        raise(SIGUSR1);
        kill(kid, SIGKILL);
        waitpid(kid, NULL, 0);
        _exit(altstack_rc == 0 ? 0 : 7);
    }
    int status;
    ck_assert_int_eq(waitpid(runner, &status, 0), runner);
    ck_assert_msg(WIFEXITED(status), "killed by signal %d", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    ck_assert_int_eq(WEXITSTATUS(status), 0);
}
END_TEST

static int unshare_fd = -1;

static void *close_range_unshared(void *arg)
{
    (void)arg;
    return (void *)(long)close_range((unsigned)unshare_fd, (unsigned)unshare_fd, CLOSE_RANGE_UNSHARE);
}

/* CLOSE_RANGE_UNSHARE in one thread closes that thread's private copy of
 * the table: the others still have the socket, and its state. */
START_TEST(close_range_unshare_in_a_thread_keeps_the_others_state)
{
    preload_check();
    unshare_fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_ge(unshare_fd, 0);
    int v;
    ck_assert_int_eq(set_int(unshare_fd, SOL_SOCKET, SO_DONTROUTE, 1), 0);
    pthread_t t;
    void *ret;
    ck_assert_int_eq(pthread_create(&t, NULL, close_range_unshared, NULL), 0);
    ck_assert_int_eq(pthread_join(t, &ret), 0);
    ck_assert_int_eq((long)ret, 0);
    ck_assert_int_eq(get_int(unshare_fd, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 1);

    /* a lone thread's CLOSE_RANGE_UNSHARE does close the socket: forgotten */
    ck_assert_int_eq(close_range((unsigned)unshare_fd, (unsigned)unshare_fd, CLOSE_RANGE_UNSHARE), 0);
    int again = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_eq(again, unshare_fd);
    ck_assert_int_eq(get_int(again, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 0);
    close(again);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("lifecycle");
    TCase *t = tcase_create("lifecycle");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, failed_close_range_keeps_the_state_of_open_sockets);
    tcase_add_test(t, state_of_a_socket_closed_inside_libc_does_not_answer_for_a_file);
    tcase_add_test(t, state_of_a_socket_replaced_behind_the_shims_back_is_not_the_new_sockets);
    tcase_add_test(t, lingering_close_after_the_forked_child_exited_follows_windows);
    tcase_add_test(t, lingering_close_leaves_a_posix_spawn_child_its_connection);
    tcase_add_test(t, lingering_close_leaves_a_popen_child_its_connection);
    tcase_add_test(t, descriptors_at_the_top_of_the_index_and_beyond);
    tcase_add_test(t, close_range_in_a_vfork_child_keeps_the_parents_state);
    tcase_add_test(t, lingering_close_in_a_handler_on_a_small_sigaltstack);
    tcase_add_test(t, close_range_unshare_in_a_thread_keeps_the_others_state);
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

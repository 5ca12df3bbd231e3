/*
 * The interposed symbols, and nothing else: each is a thin shell over the
 * real function plus the shim's bookkeeping (lifecycle.c) or translation
 * (sockopt.c).  The version script (libwspshim.map) exports exactly these.
 *
 * Until set-up has finished (a dependency's constructor may run first, or
 * another thread may be initialising) a call goes straight to the kernel.
 * close() and dup2()/dup3() never initialise: they must stay
 * async-signal-safe, and dlsym is not.
 */
#include "shim.h"
#include "wrapped_decls.h"

#include <errno.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/syscall.h>

/* Linux values, spelled out because <fcntl.h> may not be included here. */
#define SHIM_F_DUPFD 0
#define SHIM_F_DUPFD_CLOEXEC 1030
#define SHIM_O_CREAT 0100
#define SHIM_O_TMPFILE 020200000
#define SHIM_CLOSE_RANGE_UNSHARE 2u
#define SHIM_CLOSE_RANGE_CLOEXEC 4u

static int active(void)
{
    if (!shim_ready())
        shim_init();
    return shim_ready() && shim_cfg.mode != SHIM_OFF;
}

/* A mutating call: skip the bookkeeping if not set up, or mode off. */
static int tracking(void)
{
    return shim_ready() && shim_cfg.mode != SHIM_OFF;
}

/* A descriptor the kernel just handed out: any state under its number is stale. */
static int new_fd(int r)
{
    if (r >= 0 && tracking())
        shim_fd_created(r);
    return r;
}

static int new_pair(int r, const int fds[2])
{
    if (r == 0 && tracking()) {
        shim_fd_created(fds[0]);
        shim_fd_created(fds[1]);
    }
    return r;
}

WSPSHIM_EXPORT int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
    return shim_setsockopt(fd, level, name, val, len, __builtin_return_address(0));
}

WSPSHIM_EXPORT int getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
    return shim_getsockopt(fd, level, name, val, len, __builtin_return_address(0));
}

WSPSHIM_EXPORT int socket(int domain, int type, int protocol)
{
    if (!active())
        return shim_real.socket ? shim_real.socket(domain, type, protocol)
                                : (int)syscall(SYS_socket, domain, type, protocol);
    int fd = shim_real.socket(domain, type, protocol);
    int saved = errno;
    shim_socket_created(fd, domain, type, protocol, __builtin_return_address(0));
    errno = saved;
    return fd;
}

WSPSHIM_EXPORT int socketpair(int domain, int type, int protocol, int sv[2])
{
    if (!active())
        return shim_real.socketpair ? shim_real.socketpair(domain, type, protocol, sv)
                                    : (int)syscall(SYS_socketpair, domain, type, protocol, sv);
    return new_pair(shim_real.socketpair(domain, type, protocol, sv), sv);
}

WSPSHIM_EXPORT int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
    if (!active())
        return shim_real.accept ? shim_real.accept(fd, addr, len) : (int)syscall(SYS_accept4, fd, addr, len, 0);
    int r = shim_real.accept(fd, addr, len);
    int saved = errno;
    shim_fd_accepted(fd, r);
    errno = saved;
    return r;
}

WSPSHIM_EXPORT int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
    if (!active())
        return shim_real.accept4 ? shim_real.accept4(fd, addr, len, flags)
                                 : (int)syscall(SYS_accept4, fd, addr, len, flags);
    int r = shim_real.accept4(fd, addr, len, flags);
    int saved = errno;
    shim_fd_accepted(fd, r);
    errno = saved;
    return r;
}

WSPSHIM_EXPORT int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
    if (!active())
        return shim_real.connect ? shim_real.connect(fd, addr, len) : (int)syscall(SYS_connect, fd, addr, len);
    int r = shim_real.connect(fd, addr, len);
    if (r == 0) {
        struct wsp_sock *s = wsp_sock_peek(fd);
        if (s)
            wsp_sock_mark_connected(s);   /* SO_CONNECT_TIME */
    }
    return r;
}

WSPSHIM_EXPORT int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
    if (!active())
        return shim_real.bind ? shim_real.bind(fd, addr, len) : (int)syscall(SYS_bind, fd, addr, len);
    return shim_bind(fd, addr, len, __builtin_return_address(0));
}

WSPSHIM_EXPORT int close(int fd)
{
    /* a descriptor the shim does not track costs one lookup, inline */
    if (tracking() && wsp_sock_peek(fd))
        return shim_close(fd, __builtin_return_address(0));
    return shim_real.close ? shim_real.close(fd) : (int)syscall(SYS_close, fd);
}

/* dup is async-signal-safe too: like dup2, it never initialises. */
WSPSHIM_EXPORT int dup(int oldfd)
{
    int r = shim_real.dup ? shim_real.dup(oldfd) : (int)syscall(SYS_dup, oldfd);
    if (r >= 0 && tracking())
        shim_fd_duplicated(oldfd, r);
    return r;
}

WSPSHIM_EXPORT int dup2(int oldfd, int newfd)
{
    if (!shim_real.dup2)
        return oldfd == newfd ? (int)syscall(SYS_fcntl, oldfd, 1 /* F_GETFD */) < 0 ? -1 : oldfd
                              : (int)syscall(SYS_dup3, oldfd, newfd, 0);
    int r = shim_real.dup2(oldfd, newfd);
    if (r >= 0 && tracking())
        shim_fd_duplicated(oldfd, r);
    return r;
}

WSPSHIM_EXPORT int dup3(int oldfd, int newfd, int flags)
{
    int r = shim_real.dup3 ? shim_real.dup3(oldfd, newfd, flags) : (int)syscall(SYS_dup3, oldfd, newfd, flags);
    if (r >= 0 && tracking())
        shim_fd_duplicated(oldfd, r);
    return r;
}

/* The third argument is read pointer-sized, as musl does: every fcntl
 * command takes either nothing, an int or a pointer. */
static int fcntl_common(int (*real)(int, int, ...), long sysno, int fd, int cmd, void *arg)
{
    int r = real ? real(fd, cmd, arg) : (int)syscall(sysno, fd, cmd, arg);
    if (r >= 0 && (cmd == SHIM_F_DUPFD || cmd == SHIM_F_DUPFD_CLOEXEC) && tracking())
        shim_fd_duplicated(fd, r);
    return r;
}

WSPSHIM_EXPORT int fcntl(int fd, int cmd, ...)
{
    va_list ap;
    va_start(ap, cmd);
    void *arg = va_arg(ap, void *);
    va_end(ap);
    return fcntl_common(shim_real.fcntl, SYS_fcntl, fd, cmd, arg);
}

/* -D_FILE_OFFSET_BITS=64 programs call fcntl64 (glibc >= 2.28), not fcntl. */
WSPSHIM_EXPORT int fcntl64(int fd, int cmd, ...)
{
    va_list ap;
    va_start(ap, cmd);
    void *arg = va_arg(ap, void *);
    va_end(ap);
    return fcntl_common(shim_real.fcntl64 ? shim_real.fcntl64 : shim_real.fcntl, SYS_fcntl, fd, cmd, arg);
}

/* CLOSE_RANGE_UNSHARE: a thread that shares its descriptor table is first
 * given a copy of its own and closes in that, so the other threads keep the
 * sockets and their state.  Only a lone thread (/proc/self/task: ".", ".."
 * and one entry) closes the table the state describes; without /proc the
 * state is kept (a number handed out again drops it). */
static int closes_our_table(unsigned flags)
{
    struct stat st;
    return !(flags & SHIM_CLOSE_RANGE_UNSHARE) ||
           (syscall(SYS_newfstatat, -100 /* AT_FDCWD */, "/proc/self/task", &st, 0) == 0 && st.st_nlink == 3);
}

WSPSHIM_EXPORT int close_range(unsigned int first, unsigned int last, int flags)
{
    active();
    /* Forget before the call (once closed, a number may go at once to another
     * thread's socket()), but only when the kernel will close: an unknown
     * flag or first > last fails EINVAL and closes nothing.  With
     * CLOSE_RANGE_CLOEXEC nothing is closed yet; exec drops our state. */
    unsigned known = SHIM_CLOSE_RANGE_UNSHARE | SHIM_CLOSE_RANGE_CLOEXEC;
    if (tracking() && !((unsigned)flags & ~known) && !((unsigned)flags & SHIM_CLOSE_RANGE_CLOEXEC) &&
        first <= last && shim_own_memory() && closes_our_table((unsigned)flags))
        wsp_sock_forget_range(first, last);
    if (shim_real.close_range)
        return shim_real.close_range(first, last, flags);
    return (int)syscall(SYS_close_range, first, last, flags);   /* ENOSYS on kernels before 5.9 */
}

WSPSHIM_EXPORT void closefrom(int lowfd)
{
    active();
    if (tracking() && lowfd >= 0 && shim_own_memory())
        wsp_sock_forget_range((unsigned)lowfd, ~0u);
    if (shim_real.closefrom)
        shim_real.closefrom(lowfd);
    else
        syscall(SYS_close_range, (unsigned)lowfd, ~0u, 0);
}

WSPSHIM_EXPORT pid_t fork(void)
{
    active();
    pid_t pid = shim_real.fork ? shim_real.fork() : (pid_t)syscall(SYS_fork);
    if (pid >= 0 && tracking()) {
        int saved = errno;
        wsp_sock_mark_forked();       /* both sides now share every socket */
        if (pid == 0)
            shim_report_after_fork();
        errno = saved;
    }
    return pid;
}

#define OPEN_MODE(flags, ap) (((flags) & SHIM_O_CREAT) || ((flags) & SHIM_O_TMPFILE) == SHIM_O_TMPFILE \
                              ? va_arg(ap, unsigned) : 0u)

WSPSHIM_EXPORT int open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    unsigned mode = OPEN_MODE(flags, ap);
    va_end(ap);
    active();
    return new_fd(shim_real.open ? shim_real.open(path, flags, mode) : (int)syscall(SYS_open, path, flags, mode));
}

WSPSHIM_EXPORT int open64(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    unsigned mode = OPEN_MODE(flags, ap);
    va_end(ap);
    active();
    int (*real)(const char *, int, ...) = shim_real.open64 ? shim_real.open64 : shim_real.open;
    return new_fd(real ? real(path, flags, mode) : (int)syscall(SYS_open, path, flags, mode));
}

WSPSHIM_EXPORT int openat(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    unsigned mode = OPEN_MODE(flags, ap);
    va_end(ap);
    active();
    return new_fd(shim_real.openat ? shim_real.openat(dirfd, path, flags, mode)
                                   : (int)syscall(SYS_openat, dirfd, path, flags, mode));
}

WSPSHIM_EXPORT int openat64(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    unsigned mode = OPEN_MODE(flags, ap);
    va_end(ap);
    active();
    int (*real)(int, const char *, int, ...) = shim_real.openat64 ? shim_real.openat64 : shim_real.openat;
    return new_fd(real ? real(dirfd, path, flags, mode) : (int)syscall(SYS_openat, dirfd, path, flags, mode));
}

WSPSHIM_EXPORT int pipe(int fds[2])
{
    active();
    return new_pair(shim_real.pipe ? shim_real.pipe(fds) : (int)syscall(SYS_pipe2, fds, 0), fds);
}

WSPSHIM_EXPORT int pipe2(int fds[2], int flags)
{
    active();
    return new_pair(shim_real.pipe2 ? shim_real.pipe2(fds, flags) : (int)syscall(SYS_pipe2, fds, flags), fds);
}

/* Tests link a stub returning 0; the preloaded shim answers 1 (proof that
 * interposition happened). */
WSPSHIM_EXPORT int wspshim_active(void)
{
    return 1;
}

/* A process that leaves through _exit (forked children usually do) skips
 * our destructor: the report's last counts are written here.  libc's own
 * internal calls to _exit (exit, quick_exit, abort paths) do not come here. */
WSPSHIM_EXPORT void _exit(int status)
{
    if (tracking())
        shim_report_before_exit();
    if (shim_real._exit)
        shim_real._exit(status);
    for (;;)
        syscall(SYS_exit_group, status);
}

WSPSHIM_EXPORT void _Exit(int status)
{
    _exit(status);
}

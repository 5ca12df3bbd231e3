/*
 * Kernel calls made by the provider.  Raw system calls rather than the libc
 * symbols: when libwsp lives inside libwspshim.so, "setsockopt" and "close"
 * resolve to the shim's own wrappers, and calling them would recurse.
 */
#include "wsp_internal.h"

#include <errno.h>
#include <poll.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

__thread unsigned wsp_socket_proofs;

/* A socket call the kernel accepted proves the descriptor is a socket now
 * (wsp_sock_confirm need not ask again). */
static int proof(int r)
{
    if (r >= 0)
        wsp_socket_proofs++;
    return r;
}

int wsp_sys_socket(int af, int type, int protocol)
{
    return (int)syscall(SYS_socket, af, type, protocol);
}

int wsp_sys_close(int fd)
{
    return (int)syscall(SYS_close, fd);
}

/* The option calls are on every kernel-reaching set/getsockopt: made inline
 * (wsp_internal.h) rather than through libc's syscall(), which costs a call
 * and its argument shuffle (bench/README.md). */
int wsp_sys_setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
#if defined(__x86_64__)
    return wsp_sys_sockopt_inline(SYS_setsockopt, fd, level, name, (void *)val, len);
#else
    return proof((int)syscall(SYS_setsockopt, fd, level, name, val, len));
#endif
}

int wsp_sys_getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
#if defined(__x86_64__)
    return wsp_sys_sockopt_inline(SYS_getsockopt, fd, level, name, val, (long)len);
#else
    return proof((int)syscall(SYS_getsockopt, fd, level, name, val, len));
#endif
}

int wsp_sys_bind(int fd, const struct sockaddr *sa, socklen_t len)
{
    return proof((int)syscall(SYS_bind, fd, sa, len));
}

int wsp_sys_listen(int fd, int backlog)
{
    return proof((int)syscall(SYS_listen, fd, backlog));
}

int wsp_sys_connect(int fd, const struct sockaddr *sa, socklen_t len)
{
    return proof((int)syscall(SYS_connect, fd, sa, len));
}

int wsp_sys_accept4(int fd, struct sockaddr *sa, socklen_t *len, int flags)
{
    return proof((int)syscall(SYS_accept4, fd, sa, len, flags));
}

int wsp_sys_getsockname(int fd, struct sockaddr *sa, socklen_t *len)
{
    return proof((int)syscall(SYS_getsockname, fd, sa, len));
}

int wsp_sys_getpeername(int fd, struct sockaddr *sa, socklen_t *len)
{
    return proof((int)syscall(SYS_getpeername, fd, sa, len));
}

int wsp_sys_shutdown(int fd, int how)
{
    return proof((int)syscall(SYS_shutdown, fd, how));
}

int wsp_sys_ioctl(int fd, unsigned long req, void *arg)
{
    return (int)syscall(SYS_ioctl, fd, req, arg);
}

int wsp_sys_fcntl(int fd, int cmd, long arg)
{
    return (int)syscall(SYS_fcntl, fd, cmd, arg);
}

/* data path */
ssize_t wsp_sys_recvmsg(int fd, struct msghdr *msg, int flags)
{
    return (ssize_t)syscall(SYS_recvmsg, fd, msg, flags);
}

ssize_t wsp_sys_sendmsg(int fd, const struct msghdr *msg, int flags)
{
    return (ssize_t)syscall(SYS_sendmsg, fd, msg, flags);
}

int wsp_sys_ppoll(struct pollfd *fds, unsigned long n, int timeout_ms)
{
    struct timespec ts, *tp = NULL;
    if (timeout_ms >= 0) {
        ts.tv_sec = timeout_ms / 1000;
        ts.tv_nsec = (long)(timeout_ms % 1000) * 1000000L;
        tp = &ts;
    }
    return (int)syscall(SYS_ppoll, fds, n, tp, NULL, (size_t)8);
}


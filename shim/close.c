/*
 * close() of a socket the shim tracks.  Enforce mode applies Windows'
 * closesocket rules (libwsp's wsp_close.c) when the last descriptor of a
 * lingering TCP socket goes; audit mode reports where Windows would have
 * refused.  A POSIX program does not expect close() to fail and keep the
 * descriptor, so the one Windows outcome that does that -- a nonblocking
 * socket lingering with data still queued, WSAEWOULDBLOCK -- is applied only
 * with WSP_CLOSE=windows; otherwise the socket is closed as Windows closes a
 * blocking one (wait up to the linger time, then reset).
 * Enforce and off modes take no lock and allocate nothing, so close() stays
 * async-signal-safe there; audit mode's report (dladdr) is not.
 */
#include "shim.h"

#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int real_close(int fd)
{
    return shim_real.close ? shim_real.close(fd) : (int)syscall(SYS_close, fd);
}

static void audit_close(int fd, const struct wsp_sock *s, void *caller)
{
    struct shim_divergence d;
    memset(&d, 0, sizeof d);
    shim_divergence_at(&d, "close", fd, s, SOL_SOCKET, SO_LINGER, wsp_opt_find_native(SOL_SOCKET, SO_LINGER),
                       caller);
    d.windows_side.ret = -1;
    d.windows_side.err = EWOULDBLOCK;
    d.windows_side.wsa = WSAEWOULDBLOCK;
    d.note = "nonblocking socket lingering with unsent data: closesocket fails and the socket stays open";
    shim_report(&d);
}

int shim_close(int fd, void *caller)
{
    struct wsp_sock *s = wsp_sock_peek(fd);
    /* A vfork child closes its own copy; the socket and the state stay its
     * parent's, and so does the decision how the connection ends. */
    if (s && !shim_own_memory())
        return real_close(fd);
    if (s && s->type == SOCK_STREAM && wsp_sock_last_fd(s) &&
        (atomic_load_explicit(&s->linger, memory_order_relaxed) >> 16) != 0) {
        int saved = errno;
        enum wsp_close_plan plan = wsp_close_plan(fd, s);
        if (shim_cfg.mode == SHIM_AUDIT) {
            if (plan == WSP_CLOSE_WOULDBLOCK)
                audit_close(fd, s, caller);
        } else if (shim_cfg.mode == SHIM_ENFORCE) {
            if (plan == WSP_CLOSE_WOULDBLOCK && shim_cfg.close_windows) {
                errno = EWOULDBLOCK;
                return -1;
            }
            wsp_close_prepare(fd, s, plan == WSP_CLOSE_WOULDBLOCK ? WSP_CLOSE_LINGER : plan);
        }
        errno = saved;
    }
    /* Forget first: once closed, the number may go to another thread's
     * socket().  Linux releases the descriptor even when close fails. */
    if (s)
        wsp_sock_forget(fd);
    return real_close(fd);
}

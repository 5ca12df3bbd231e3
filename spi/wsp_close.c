/*
 * Closing a socket the Windows way (reference/winsock-options.md §4, after
 * "closesocket function (winsock.h)" and LPWSPCloseSocket):
 *
 *   l_onoff = 0              return at once, graceful close in the background
 *   l_onoff = 1, l_linger 0  abortive: RST, queued data discarded
 *   l_onoff = 1, l_linger N  blocking socket: wait up to N s for the queued
 *                            data to be delivered; graceful if it was,
 *                            abortive (RST) if the time ran out
 *                            nonblocking socket: if the close cannot finish
 *                            at once, fail WSAEWOULDBLOCK and leave the
 *                            socket open, no disconnect started
 *
 * Linux differs in the last two rows: its lingering close blocks even on a
 * nonblocking socket, and when the time runs out it keeps delivering in the
 * background instead of resetting.  The provider therefore waits itself
 * (SIOCOUTQ: bytes sent but not yet acknowledged) and tells the kernel only
 * the final outcome: linger off (graceful) or {1, 0} (reset).
 * Only system calls, no lock and no allocation: the shim's close() uses
 * this and close() must stay async-signal-safe.
 */
#include "wsp_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <time.h>

static int unsent_bytes(int fd)
{
    int n = 0;
    return wsp_sys_ioctl(fd, SIOCOUTQ, &n) == 0 ? n : 0;
}

static int kernel_linger(int fd, int onoff, int secs)
{
    struct linger l = { .l_onoff = onoff, .l_linger = secs };
    return wsp_sys_setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

enum wsp_close_plan wsp_close_plan(int fd, const struct wsp_sock *s)
{
    uint32_t linger = atomic_load_explicit(&((struct wsp_sock *)s)->linger, memory_order_relaxed);
    if (s->type != SOCK_STREAM || (linger >> 16) == 0)
        return WSP_CLOSE_GRACEFUL;
    /* Still open in another process: this close does not end the connection,
     * so it must neither wait nor decide the kernel's outcome.  Decided now,
     * not at fork time: a child that has exited no longer counts, and one
     * made by posix_spawn, vfork or system does (sharing.c). */
    int shared = wsp_socket_shared(fd);
    if (shared > 0 || (shared < 0 && wsp_sock_has((struct wsp_sock *)s, WSP_SF_FORKED)))
        return WSP_CLOSE_NATIVE;
    if ((linger & 0xffffu) == 0)
        return WSP_CLOSE_ABORTIVE;
    int flags = wsp_sys_fcntl(fd, F_GETFL, 0);
    int nonblocking = flags >= 0 && (flags & O_NONBLOCK);
    if (unsent_bytes(fd) == 0)
        return WSP_CLOSE_GRACEFUL;
    return nonblocking ? WSP_CLOSE_WOULDBLOCK : WSP_CLOSE_LINGER;
}

int wsp_close_prepare(int fd, const struct wsp_sock *s, enum wsp_close_plan plan)
{
    switch (plan) {
    case WSP_CLOSE_NATIVE:
        return 0;
    case WSP_CLOSE_WOULDBLOCK:
        return WSAEWOULDBLOCK;
    case WSP_CLOSE_ABORTIVE:
        return kernel_linger(fd, 1, 0) == 0 ? 0 : wsp_wsa_from_errno(errno);
    case WSP_CLOSE_LINGER: {
        uint32_t secs = atomic_load_explicit(&((struct wsp_sock *)s)->linger, memory_order_relaxed) & 0xffffu;
        /* A signal does not shorten the wait: neither Windows nor Linux
         * loses queued data because a handler ran.  The deadline is absolute,
         * so an interrupted nap just goes round again for the time left.
         * Polling SIOCOUTQ every 5 ms costs at most 200 ioctls a second, only
         * while a lingering close is actually waiting; the kernel offers no
         * "send queue empty" wake-up to wait on instead. */
        double deadline = now_s() + secs;
        int saved = errno;
        while (unsent_bytes(fd) > 0 && now_s() < deadline) {
            struct timespec nap = { 0, 5 * 1000 * 1000 };
            nanosleep(&nap, NULL);
        }
        errno = saved;
        int drained = unsent_bytes(fd) == 0;
        /* delivered: close gracefully; time out: reset, as Windows does */
        return kernel_linger(fd, drained ? 0 : 1, 0) == 0 ? 0 : wsp_wsa_from_errno(errno);
    }
    case WSP_CLOSE_GRACEFUL:
    default:
        /* An empty send queue closes at once on Windows; Linux with linger
         * on would still block for the FIN's acknowledgement. */
        if (s->type == SOCK_STREAM && (atomic_load_explicit(&((struct wsp_sock *)s)->linger,
                                                            memory_order_relaxed) >> 16) != 0)
            kernel_linger(fd, 0, 0);
        return 0;
    }
}

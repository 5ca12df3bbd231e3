/*
 * WSAPoll's rules, for the ws2_32 layer: WSPPROC_TABLE has no poll entry,
 * so the provider offers it as the control code SIO_WSPSHIM_POLL
 * (<ws2spi.h>), answered before any socket is looked up.
 *
 * doc "WSAPoll function" and "WSAPOLLFD structure":
 *   - events may only combine POLLRDNORM, POLLRDBAND and POLLWRNORM;
 *     anything else (POLLPRI: "not supported by the Microsoft Winsock
 *     provider"; POLLERR/POLLHUP/POLLNVAL, which are results) fails the
 *     whole call WSAEINVAL;
 *   - a NULL fdarray, or no entry naming a valid socket, is WSAEINVAL; an
 *     fdarray the process cannot read or write is WSAEFAULT;
 *   - an entry whose fd is negative is ignored (revents 0);
 *   - an invalid socket reports POLLNVAL; POLLERR and POLLHUP are reported
 *     whether asked for or not; a TCP connect that failed reports
 *     POLLHUP | POLLERR | POLLWRNORM (Windows 10 2004 and later);
 *   - the result is the number of entries with a nonzero revents;
 *     timeout < 0 waits forever, 0 returns at once.
 */
#include "wsp_internal.h"
#include "wsp_procs.h"
#include "safecopy.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ALLOWED_EVENTS (WS_POLLRDNORM | WS_POLLRDBAND | WS_POLLWRNORM)

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Linux revents -> Windows revents for what the entry asked. */
static SHORT to_windows(SHORT asked, short rev, struct wsp_sock *s)
{
    int stream = s->type == SOCK_STREAM;
    if (rev & POLLNVAL)
        return WS_POLLNVAL;
    /* a stream socket that never connected and reports an error: its
     * connect failed */
    if (stream && (rev & POLLERR) && !wsp_sock_has(s, WSP_SF_CONNECTED))
        return (SHORT)(WS_POLLHUP | WS_POLLERR | (asked & WS_POLLWRNORM));
    SHORT out = 0;
    if (rev & POLLERR)
        out |= WS_POLLERR;
    /* the peer closed or reset the connection */
    if (stream && (rev & (POLLHUP | POLLRDHUP)))
        out |= WS_POLLHUP;
    if ((asked & WS_POLLRDNORM) && (rev & (POLLIN | POLLHUP | POLLRDHUP)))
        out |= WS_POLLRDNORM;
    if ((asked & WS_POLLRDBAND) && (rev & POLLPRI))
        out |= WS_POLLRDBAND;
    if ((asked & WS_POLLWRNORM) && (rev & POLLOUT))
        out |= WS_POLLWRNORM;
    return out;
}

static int poll_entries(WSAPOLLFD *e, ULONG n, INT timeout, INT *result)
{
    struct pollfd *p = calloc(n, sizeof *p);
    struct wsp_sock **st = calloc(n, sizeof *st);
    if (!p || !st) {
        free(p);
        free(st);
        return WSAENOBUFS;                        /* doc WSAPoll: WSAENOBUFS */
    }
    ULONG valid = 0;
    for (ULONG i = 0; i < n; i++) {
        e[i].revents = 0;
        p[i].fd = -1;
        if ((INT_PTR)e[i].fd < 0)
            continue;                             /* ignored */
        int fd, wsa = wsp_socket_of(e[i].fd, &fd, &st[i]);
        /* doc "closesocket function": a close by another thread cancels the
         * wait, so the wait is registered (wsp_wake.c); one being closed
         * already is not a socket any more */
        if (!wsa && (wsa = wsp_call_enter(st[i])) == WSAENOBUFS) {
            for (ULONG k = 0; k < i; k++)
                if (st[k])
                    wsp_call_leave(st[k]);
            free(p);
            free(st);
            return WSAENOBUFS;
        }
        if (wsa) {
            st[i] = NULL;
            e[i].revents = WS_POLLNVAL;
            continue;
        }
        valid++;
        p[i].fd = fd;
        p[i].events = POLLRDHUP;
        if (e[i].events & WS_POLLRDNORM)
            p[i].events |= POLLIN;
        if (e[i].events & WS_POLLRDBAND)
            p[i].events |= POLLPRI;
        if (e[i].events & WS_POLLWRNORM)
            p[i].events |= POLLOUT;
    }
    if (!valid) {
        free(p);           /* nothing entered: every st[] is NULL */
        free(st);
        return WSAEINVAL;                         /* doc WSAPoll: no valid socket */
    }
    long long deadline = timeout < 0 ? -1 : now_ms() + timeout;
    int r;
    for (;;) {
        int left = -1;
        if (deadline >= 0) {
            long long d = deadline - now_ms();
            left = d < 0 ? 0 : d > INT_MAX ? INT_MAX : (int)d;
        }
        r = wsp_sys_ppoll(p, n, left);
        if (r >= 0 || errno != EINTR)
            break;                                /* Windows has no signals to end the wait */
    }
    int wsa = 0;
    if (r < 0) {
        wsa = wsp_wsa_from_errno(errno);
    } else {
        INT count = 0;
        for (ULONG i = 0; i < n; i++) {
            /* closed during the wait (doc WSAPoll: POLLNVAL, the socket is invalid) */
            if (st[i])
                e[i].revents = wsp_call_closing(st[i]) ? WS_POLLNVAL
                                                       : to_windows(e[i].events, p[i].revents, st[i]);
            if (e[i].revents)
                count++;
        }
        *result = count;
    }
    for (ULONG i = 0; i < n; i++)
        if (st[i])
            wsp_call_leave(st[i]);
    free(p);
    free(st);
    return wsa;
}

int wsp_poll(const WSPSHIM_POLL_ARGS *args, INT *result)
{
    if (!args->fdArray)
        return WSAEINVAL;                         /* doc WSAPoll: "fdarray ... a NULL pointer" */
    if (args->fds == 0)
        return WSAEINVAL;                         /* no entry, so no valid socket */
    if (args->fds > (ULONG)(SIZE_MAX / sizeof(WSAPOLLFD)) / 2)
        return WSAENOBUFS;
    size_t bytes = (size_t)args->fds * sizeof(WSAPOLLFD);
    WSAPOLLFD *e = malloc(bytes);
    if (!e)
        return WSAENOBUFS;
    int wsa = wsp_copy_in(e, args->fdArray, bytes) ? WSAEFAULT : 0;
    for (ULONG i = 0; !wsa && i < args->fds; i++)
        if ((INT_PTR)e[i].fd >= 0 && (e[i].events & ~ALLOWED_EVENTS))
            wsa = WSAEINVAL;                      /* doc WSAPoll: invalid flags in events */
    if (!wsa)
        wsa = poll_entries(e, args->fds, args->timeout, result);
    /* the results go back through a fault-safe copy: the array may have
     * been unmapped by another thread during the wait */
    if (!wsa && wsp_copy_out(args->fdArray, e, bytes))
        wsa = WSAEFAULT;
    free(e);
    return wsa;
}

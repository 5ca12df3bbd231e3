/*
 * WSPSelect over poll(2): Windows fd_set (a count and an array of SOCKETs, any
 * FD_SETSIZE the caller compiled with), no 1024 limit on descriptor numbers,
 * the Windows readiness rules (ref datapath §3, doc "select function"):
 *   readfds   data, a pending connection, the peer closed or reset
 *   writefds  a connect that succeeded, room to send
 *   exceptfds a connect that failed (not writefds), OOB data pending
 * All sets NULL or empty -> WSAEINVAL; a non-socket -> WSAENOTSOCK; the
 * timeout is only read.  A socket closed by another thread during the wait
 * wakes the wait (wsp_wake.c) and is reported in every set it is in (readable
 * if it was asked for there), as its next call fails.
 */
#include "wsp_internal.h"
#include "wsp_procs.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { SET_READ, SET_WRITE, SET_EXCEPT, NSETS };

struct sel_entry {
    struct wsp_sock *s;
    int fd;
    int set;
};

static int fail(LPINT lpErrno, int wsa)
{
    if (lpErrno)
        *lpErrno = wsa;
    return SOCKET_ERROR;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Does revents put this socket into the given Windows set? */
static int ready_in(int set, struct sel_entry *e, short revents)
{
    struct wsp_sock *s = e->s;
    int stream = s->type == SOCK_STREAM;
    /* a stream socket that never connected and reports an error: its
     * nonblocking connect failed -> exceptfds only (doc select function) */
    int failed_connect = stream && (revents & POLLERR) && !wsp_sock_has(s, WSP_SF_CONNECTED);
    if (wsp_call_closing(s))
        return 1;                     /* its next call fails at once: in every set it is in */
    switch (set) {
    case SET_READ:
        return !failed_connect && (revents & (POLLIN | POLLHUP | POLLERR | POLLRDHUP));
    case SET_WRITE:
        if (failed_connect || !(revents & POLLOUT))
            return 0;
        /* a stream socket that never connected is not writable */
        if (stream && !wsp_sock_has(s, WSP_SF_CONNECTED) && (revents & POLLHUP))
            return 0;
        /* a nonblocking connect has completed: the socket is connected now */
        if (stream && !wsp_sock_has(s, WSP_SF_CONNECTED))
            wsp_sock_mark_connected(s);
        return 1;
    default:
        return failed_connect || (revents & POLLPRI);
    }
}

static short events_for(int set)
{
    switch (set) {
    case SET_READ: return POLLIN | POLLRDHUP;
    case SET_WRITE: return POLLOUT;
    default: return POLLPRI;
    }
}

int WSPAPI wsp_WSPSelect(int nfds, WS_fd_set *readfds, WS_fd_set *writefds, WS_fd_set *exceptfds,
                         const struct WS_timeval *timeout, LPINT lpErrno)
{
    (void)nfds;                       /* doc select function: ignored */
    if (!wsp_started())
        return fail(lpErrno, WSANOTINITIALISED);
    WS_fd_set *sets[NSETS] = { readfds, writefds, exceptfds };
    size_t total = 0;
    /* doc select function: WSAEFAULT for a set or timeout outside the
     * address space (the first page: wsp_internal.h) */
    /* everything of the caller's is read (and later written) fault-safely */
    WS_u_int counts[NSETS] = { 0, 0, 0 };
    for (int k = 0; k < NSETS; k++)
        if (sets[k] && wsp_user_in(&counts[k], &sets[k]->fd_count, sizeof counts[k]))
            return fail(lpErrno, WSAEFAULT);
    struct WS_timeval tv;
    if (timeout) {
        if (wsp_user_in(&tv, timeout, sizeof tv))
            return fail(lpErrno, WSAEFAULT);
        timeout = &tv;
    }
    for (int k = 0; k < NSETS; k++)
        total += counts[k];
    if (total == 0)
        return fail(lpErrno, WSAEINVAL);
    if (total > (size_t)INT_MAX / 2)
        return fail(lpErrno, WSAEINVAL);
    int timeout_ms = -1;
    if (timeout) {
        if (timeout->tv_sec < 0 || timeout->tv_usec < 0)
            return fail(lpErrno, WSAEINVAL);
        long long ms = (long long)timeout->tv_sec * 1000 + (timeout->tv_usec + 999) / 1000;
        timeout_ms = ms > INT_MAX ? INT_MAX : (int)ms;
    }

    struct pollfd stack_pfd[64];
    struct sel_entry stack_ent[64];
    SOCKET stack_handles[64];
    struct pollfd *pfd = stack_pfd;
    struct sel_entry *ent = stack_ent;
    SOCKET *handles = stack_handles;
    if (total > 64) {
        pfd = malloc(total * sizeof *pfd);
        ent = malloc(total * sizeof *ent);
        handles = malloc(total * sizeof *handles);
        if (!pfd || !ent || !handles) {
            free(pfd);
            free(ent);
            free(handles);
            return fail(lpErrno, WSAENOBUFS);
        }
    }
    int wsa = 0;
    size_t n = 0, entered = 0, off = 0;
    for (int k = 0; k < NSETS && !wsa; k++) {
        if (counts[k] && wsp_user_in(&handles[off], sets[k]->fd_array, counts[k] * sizeof(SOCKET)))
            wsa = WSAEFAULT;
        off += counts[k];
    }
    off = 0;
    for (int k = 0; k < NSETS && !wsa; k++) {
        if (!sets[k])
            continue;
        for (WS_u_int i = 0; i < counts[k]; i++) {
            struct sel_entry *e = &ent[n];
            if ((wsa = wsp_socket_of(handles[off + i], &e->fd, &e->s)) != 0)
                break;
            if ((wsa = wsp_call_enter(e->s)) != 0)
                break;
            entered++;
            e->set = k;
            pfd[n].fd = e->fd;
            pfd[n].events = events_for(k);
            pfd[n].revents = 0;
            n++;
        }
        off += counts[k];
    }
    int r = 0;
    if (!wsa) {
        /* poll reports some states the Windows sets do not count (POLLHUP on
         * a socket that never connected, POLLERR on a failed connect asked
         * for in readfds) and reports them at once, every time.  Such
         * entries are left out of the next poll and looked at again after
         * at most MUTE_MS, so the wait still ends at the timeout -- never
         * early with 0 -- and a close still wakes it. */
        enum { MUTE_MS = 50 };
        long long deadline = timeout_ms >= 0 ? now_ms() + timeout_ms : 0;
        int muted = 0;
        for (;;) {
            int left = timeout_ms;
            if (timeout_ms >= 0) {
                long long d = deadline - now_ms();
                left = d < 0 ? 0 : (int)d;
            }
            if (muted && (left < 0 || left > MUTE_MS))
                left = MUTE_MS;
            r = wsp_sys_ppoll(pfd, n, left);
            if (r < 0) {
                if (errno == EINTR)
                    continue;
                break;
            }
            int ready = 0;
            for (size_t i = 0; i < n && !ready; i++)
                ready = pfd[i].fd >= 0 && pfd[i].revents && ready_in(ent[i].set, &ent[i], pfd[i].revents);
            if (ready || (timeout_ms >= 0 && now_ms() >= deadline))
                break;
            muted = 0;
            for (size_t i = 0; i < n; i++) {
                if (pfd[i].fd < 0) {
                    pfd[i].fd = ent[i].fd;
                } else if (pfd[i].revents) {
                    pfd[i].fd = -1;
                    muted = 1;
                }
                pfd[i].revents = 0;
            }
        }
        if (r < 0)
            wsa = wsp_wsa_from_errno(errno);
    }
    int count = 0;
    if (!wsa) {
        WS_u_int kept[NSETS] = { 0, 0, 0 };
        for (size_t i = 0; i < n; i++) {
            struct sel_entry *e = &ent[i];
            if (r > 0 && pfd[i].fd >= 0 && pfd[i].revents && ready_in(e->set, e, pfd[i].revents)) {
                SOCKET h = (SOCKET)e->fd;
                if (wsp_user_out(&sets[e->set]->fd_array[kept[e->set]++], &h, sizeof h))
                    wsa = WSAEFAULT;
                count++;
            }
        }
        for (int k = 0; k < NSETS; k++)
            if (sets[k] && wsp_user_out(&sets[k]->fd_count, &kept[k], sizeof kept[k]))
                wsa = WSAEFAULT;
    }
    for (size_t i = 0; i < entered; i++)
        wsp_call_leave(ent[i].s);
    if (pfd != stack_pfd) {
        free(pfd);
        free(ent);
        free(handles);
    }
    return wsa ? fail(lpErrno, wsa) : count;
}

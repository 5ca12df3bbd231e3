/*
 * Waking calls blocked on a socket that another thread closes.
 *
 * Windows: closesocket cancels the calls pending on the socket (doc
 * "closesocket function"; a cancelled blocking call ends with WSAEINTR, doc
 * "LPWSPCancelBlockingCall").  Linux close() leaves a thread blocked in
 * recv/accept/poll asleep, and the descriptor number may be handed out again
 * while that thread still uses it.
 *
 * Design: every provider call that can wait brackets the wait with
 * wsp_call_enter/leave (a counter in the socket's state).  WSPCloseSocket,
 * finding the counter non-zero, marks the socket closing, shuts it down in
 * both directions -- which wakes every kernel wait on it (recv, send, accept,
 * connect, poll) -- and waits until the counter is back to zero before the
 * real close.  A woken call sees the mark and fails WSAEINTR; the number
 * stays allocated until no call uses it.  The common case (nobody waiting)
 * costs the closer one atomic load.
 */
#include "wsp_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <time.h>

int wsp_call_enter(struct wsp_sock *s)
{
    /* seq_cst pairs with wsp_wake_blocked: either the closer sees this call
     * counted, or this call sees the closing mark. */
    atomic_fetch_add(&s->busy, 1);
    if (atomic_load(&s->flags) & WSP_SF_CLOSING) {
        atomic_fetch_sub(&s->busy, 1);
        return WSAEINTR;
    }
    return 0;
}

void wsp_call_leave(struct wsp_sock *s)
{
    atomic_fetch_sub(&s->busy, 1);
}

void wsp_wake_blocked(int fd, struct wsp_sock *s)
{
    atomic_fetch_or(&s->flags, WSP_SF_CLOSING);
    if (atomic_load(&s->busy) == 0)
        return;
    /* Shutting down is what the close is about to do anyway; it is the one
     * Linux operation that wakes every sleeper on the socket at once. */
    wsp_sys_shutdown(fd, SHUT_RDWR);
    while (atomic_load(&s->busy) != 0) {
        struct timespec nap = { 0, 1000 * 1000 };
        nanosleep(&nap, NULL);
    }
}

int wsp_fd_nonblocking(int fd)
{
    int fl = wsp_sys_fcntl(fd, F_GETFL, 0);
    return fl >= 0 && (fl & O_NONBLOCK);
}

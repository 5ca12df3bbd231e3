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
 * wsp_call_enter/leave, which count the calls in progress per socket.
 * WSPCloseSocket, finding the count non-zero, marks the socket closing,
 * shuts it down in both directions -- which wakes every kernel wait on it
 * (recv, send, accept, connect, poll) -- and waits until the count is back
 * to zero before the real close.  A woken call sees the mark and fails
 * WSAEINTR; the number stays allocated until no call uses it.  The common
 * case (nobody waiting) costs the closer one atomic load.
 *
 * The counts live in a side table indexed like the state pool (pool_index),
 * mapped in chunks on the first data call of a chunk, never unmapped: the
 * per-socket object does not grow, and sockets that never see a provider
 * data call -- every socket the shim tracks for a POSIX program -- cost
 * nothing here.  A count is zero whenever its object is freed (the closer
 * waited for it), so a recycled object starts clean.
 */
#include "wsp_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <time.h>

#define COUNT_CHUNK 1024u
#define COUNT_CHUNKS 4096u                  /* as many as the state pool has objects */

typedef _Atomic uint32_t count_t;
static _Atomic(count_t *) count_chunks[COUNT_CHUNKS];

/* the count for s; NULL only if memory for a new chunk cannot be had */
static count_t *busy_of(const struct wsp_sock *s, int create)
{
    uint32_t i = s->pool_index;
    if (i / COUNT_CHUNK >= COUNT_CHUNKS)
        return NULL;
    _Atomic(count_t *) *slot = &count_chunks[i / COUNT_CHUNK];
    count_t *chunk = atomic_load_explicit(slot, memory_order_acquire);
    if (!chunk) {
        if (!create)
            return NULL;
        void *p = mmap(NULL, COUNT_CHUNK * sizeof(count_t), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                       -1, 0);
        if (p == MAP_FAILED)
            return NULL;
        count_t *expected = NULL;
        if (atomic_compare_exchange_strong_explicit(slot, &expected, (count_t *)p, memory_order_acq_rel,
                                                    memory_order_acquire)) {
            chunk = p;
        } else {
            munmap(p, COUNT_CHUNK * sizeof(count_t));
            chunk = expected;
        }
    }
    return &chunk[i % COUNT_CHUNK];
}

int wsp_call_enter(struct wsp_sock *s)
{
    count_t *busy = busy_of(s, 1);
    if (!busy)
        return WSAENOBUFS;
    /* seq_cst pairs with wsp_wake_blocked: either the closer sees this call
     * counted, or this call sees the closing mark. */
    atomic_fetch_add(busy, 1);
    if (atomic_load(&s->flags) & WSP_SF_CLOSING) {
        atomic_fetch_sub(busy, 1);
        return WSAEINTR;
    }
    return 0;
}

void wsp_call_leave(struct wsp_sock *s)
{
    atomic_fetch_sub(busy_of(s, 0), 1);
}

void wsp_wake_blocked(int fd, struct wsp_sock *s)
{
    atomic_fetch_or(&s->flags, WSP_SF_CLOSING);
    count_t *busy = busy_of(s, 0);
    if (!busy || atomic_load(busy) == 0)
        return;
    /* Shutting down is what the close is about to do anyway; it is the one
     * Linux operation that wakes every sleeper on the socket at once. */
    wsp_sys_shutdown(fd, SHUT_RDWR);
    while (atomic_load(busy) != 0) {
        struct timespec nap = { 0, 1000 * 1000 };
        nanosleep(&nap, NULL);
    }
}

int wsp_fd_nonblocking(int fd)
{
    int fl = wsp_sys_fcntl(fd, F_GETFL, 0);
    return fl >= 0 && (fl & O_NONBLOCK);
}

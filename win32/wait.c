/*
 * wait.c - WaitForSingleObject(Ex), WaitForMultipleObjects(Ex) and the
 * internal w32_wait_with_fds: one poll()-based wait for every object type.
 *
 * Wait-any returns the lowest signalled index ("WaitForMultipleObjects
 * function": the smallest index of all signalled objects); an auto-reset
 * event counts only if this waiter wins the non-blocking read of its
 * eventfd, so exactly one waiter is released per signal.  Wait-all polls
 * the objects not yet signalled until all are, then takes every auto-reset
 * event at once under the take lock (handle.c), or none if one was taken
 * meanwhile, and waits again.
 * bAlertable is accepted; there are no APCs, so WAIT_IO_COMPLETION never
 * happens.  A signal interrupting poll() does not end the wait.
 */
#include "w32_object.h"
#include "win32base.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <time.h>

static struct timespec deadline_after(DWORD ms)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    t.tv_sec += ms / 1000;
    t.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (t.tv_nsec >= 1000000000L) {
        t.tv_sec++;
        t.tv_nsec -= 1000000000L;
    }
    return t;
}

/* poll() timeout for what is left of the wait: -1 for INFINITE, rounded up
 * so the wait never ends early, clamped to INT_MAX (the loop goes on). */
static int remaining_ms(DWORD ms, const struct timespec *deadline)
{
    if (ms == INFINITE)
        return -1;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long long ns = (long long)(deadline->tv_sec - now.tv_sec) * 1000000000LL
                   + (deadline->tv_nsec - now.tv_nsec);
    if (ns <= 0)
        return 0;
    long long left = (ns + 999999) / 1000000;
    return left > INT_MAX ? INT_MAX : (int)left;
}

static BOOL fds_ready(struct pollfd *dst, const struct pollfd *src, nfds_t n)
{
    BOOL any = FALSE;
    for (nfds_t i = 0; i < n; i++) {
        dst[i].revents = src[i].revents;
        if (src[i].revents)
            any = TRUE;
    }
    return any;
}

static DWORD wait_any(DWORD n, struct w32_object **objs, DWORD ms, struct pollfd *pfd,
                      struct pollfd *fds, nfds_t nfds)
{
    struct timespec deadline = deadline_after(ms == INFINITE ? 0 : ms);
    for (;;) {
        int timeout = remaining_ms(ms, &deadline);
        for (DWORD i = 0; i < n; i++)
            pfd[i] = (struct pollfd){ .fd = objs[i]->fd, .events = POLLIN };
        for (nfds_t i = 0; i < nfds; i++)
            pfd[n + i] = (struct pollfd){ .fd = fds[i].fd, .events = fds[i].events };
        int r = poll(pfd, n + nfds, timeout);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return WAIT_FAILED;
        }
        for (DWORD i = 0; i < n; i++) {
            if (!(pfd[i].revents & POLLIN))
                continue;
            if (objs[i]->manual_reset) {
                w32_object_acquire(objs[i]);
                return WAIT_OBJECT_0 + i;
            }
            if (w32_object_consume(objs[i]))
                return WAIT_OBJECT_0 + i;
        }
        if (nfds && fds_ready(fds, pfd + n, nfds))
            return W32_WAIT_FD_READY;
        if (timeout == 0)
            return WAIT_TIMEOUT;
    }
}

static DWORD wait_all(DWORD n, struct w32_object **objs, DWORD ms, struct pollfd *pfd,
                      struct pollfd *fds, nfds_t nfds)
{
    struct timespec deadline = deadline_after(ms == INFINITE ? 0 : ms);
    for (;;) {
        for (DWORD i = 0; i < n; i++)
            pfd[i] = (struct pollfd){ .fd = objs[i]->fd, .events = POLLIN };
        if (poll(pfd, n, 0) < 0 && errno != EINTR) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return WAIT_FAILED;
        }
        /* Keep only the objects still unsignalled, then the caller's fds. */
        nfds_t k = 0;
        for (DWORD i = 0; i < n; i++)
            if (!(pfd[i].revents & POLLIN))
                pfd[k++] = (struct pollfd){ .fd = objs[i]->fd, .events = POLLIN };
        if (k == 0) {
            if (w32_object_take_all(n, objs, pfd))
                return WAIT_OBJECT_0;
            if (remaining_ms(ms, &deadline) == 0)
                return WAIT_TIMEOUT;
            continue;
        }
        for (nfds_t i = 0; i < nfds; i++)
            pfd[k + i] = (struct pollfd){ .fd = fds[i].fd, .events = fds[i].events };
        int timeout = remaining_ms(ms, &deadline);
        int r = poll(pfd, k + nfds, timeout);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return WAIT_FAILED;
        }
        if (nfds && fds_ready(fds, pfd + k, nfds))
            return W32_WAIT_FD_READY;
        if (r == 0 && timeout == 0)
            return WAIT_TIMEOUT;
    }
}

W32_EXPORT DWORD w32_wait_with_fds(DWORD nCount, const HANDLE *handles, BOOL wait_all_flag,
                        DWORD ms, struct pollfd *fds, nfds_t nfds)
{
    /* "WaitForMultipleObjects function": nCount cannot be zero and is at
     * most MAXIMUM_WAIT_OBJECTS; the array may not hold a handle twice
     * (refused for wait-all, where it could never be satisfied). */
    if ((nCount == 0 && nfds == 0) || nCount > MAXIMUM_WAIT_OBJECTS || (nfds && !fds)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return WAIT_FAILED;
    }
    if (nCount && !handles) {
        SetLastError(ERROR_NOACCESS);
        return WAIT_FAILED;
    }
    struct w32_object *objs[MAXIMUM_WAIT_OBJECTS];
    for (DWORD i = 0; i < nCount; i++) {
        if (wait_all_flag) {
            for (DWORD j = 0; j < i; j++) {
                if (handles[j] == handles[i]) {
                    while (i-- > 0)
                        w32_object_unref(objs[i]);
                    SetLastError(ERROR_INVALID_PARAMETER);
                    return WAIT_FAILED;
                }
            }
        }
        objs[i] = w32_handle_lookup(handles[i], W32_ANY);
        if (!objs[i]) {
            while (i-- > 0)
                w32_object_unref(objs[i]);
            return WAIT_FAILED;     /* ERROR_INVALID_HANDLE */
        }
    }
    struct pollfd stack_pfd[MAXIMUM_WAIT_OBJECTS + 8];
    struct pollfd *pfd = stack_pfd;
    if (nCount + nfds > sizeof stack_pfd / sizeof stack_pfd[0]) {
        pfd = calloc(nCount + nfds, sizeof *pfd);
        if (!pfd) {
            for (DWORD i = 0; i < nCount; i++)
                w32_object_unref(objs[i]);
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return WAIT_FAILED;
        }
    }
    DWORD r = wait_all_flag && nCount ? wait_all(nCount, objs, ms, pfd, fds, nfds)
                                      : wait_any(nCount, objs, ms, pfd, fds, nfds);
    if (pfd != stack_pfd)
        free(pfd);
    for (DWORD i = 0; i < nCount; i++)
        w32_object_unref(objs[i]);
    return r;
}

W32_EXPORT DWORD WINAPI WaitForMultipleObjectsEx(DWORD nCount, const HANDLE *lpHandles,
                                                 BOOL bWaitAll, DWORD dwMilliseconds, BOOL bAlertable)
{
    (void)bAlertable;
    if (nCount == 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return WAIT_FAILED;
    }
    return w32_wait_with_fds(nCount, lpHandles, bWaitAll, dwMilliseconds, NULL, 0);
}

W32_EXPORT DWORD WINAPI WaitForMultipleObjects(DWORD nCount, const HANDLE *lpHandles,
                                               BOOL bWaitAll, DWORD dwMilliseconds)
{
    return WaitForMultipleObjectsEx(nCount, lpHandles, bWaitAll, dwMilliseconds, FALSE);
}

W32_EXPORT DWORD WINAPI WaitForSingleObjectEx(HANDLE hHandle, DWORD dwMilliseconds, BOOL bAlertable)
{
    return WaitForMultipleObjectsEx(1, &hHandle, FALSE, dwMilliseconds, bAlertable);
}

W32_EXPORT DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds)
{
    return WaitForMultipleObjectsEx(1, &hHandle, FALSE, dwMilliseconds, FALSE);
}

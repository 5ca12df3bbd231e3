/*
 * time.c - Sleep, SleepEx, GetTickCount(64), QueryPerformanceCounter and
 * QueryPerformanceFrequency.
 *
 * The tick count counts from boot including suspend (CLOCK_BOOTTIME), like
 * Windows' "milliseconds since the system was started"; GetTickCount wraps
 * after 49.7 days as documented.  The performance counter is
 * CLOCK_MONOTONIC in 100 ns units: the frequency is fixed (the docs: "fixed
 * at system boot"), 10 MHz.
 */
#include "w32_object.h"

#include <errno.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>

#define W32_QPC_FREQUENCY 10000000LL

static ULONGLONG clock_ms(clockid_t id)
{
    struct timespec t;
    clock_gettime(id, &t);
    return (ULONGLONG)t.tv_sec * 1000u + (ULONGLONG)t.tv_nsec / 1000000u;
}

W32_EXPORT DWORD WINAPI GetTickCount(void) { return (DWORD)clock_ms(CLOCK_BOOTTIME); }
W32_EXPORT ULONGLONG WINAPI GetTickCount64(void) { return clock_ms(CLOCK_BOOTTIME); }

W32_EXPORT BOOL WINAPI QueryPerformanceFrequency(LARGE_INTEGER *f)
{
    if (!f) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    f->QuadPart = W32_QPC_FREQUENCY;
    return TRUE;
}

W32_EXPORT BOOL WINAPI QueryPerformanceCounter(LARGE_INTEGER *c)
{
    if (!c) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    c->QuadPart = (LONGLONG)t.tv_sec * W32_QPC_FREQUENCY + t.tv_nsec / 100;
    return TRUE;
}

/* "Sleep function": 0 gives up the rest of the time slice; INFINITE never
 * returns.  A signal handler does not shorten the sleep. */
W32_EXPORT void WINAPI Sleep(DWORD dwMilliseconds)
{
    if (dwMilliseconds == 0) {
        sched_yield();
        return;
    }
    if (dwMilliseconds == INFINITE) {
        for (;;)
            pause();
    }
    struct timespec left = { dwMilliseconds / 1000, (long)(dwMilliseconds % 1000) * 1000000L };
    while (nanosleep(&left, &left) < 0 && errno == EINTR)
        ;
}

/* No APCs exist, so an alertable sleep always runs to the end and returns 0. */
W32_EXPORT DWORD WINAPI SleepEx(DWORD dwMilliseconds, BOOL bAlertable)
{
    (void)bAlertable;
    Sleep(dwMilliseconds);
    return 0;
}

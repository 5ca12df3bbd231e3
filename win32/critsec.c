/*
 * critsec.c - critical sections: recursive, process-private locks that fit
 * in Windows' 40-byte CRITICAL_SECTION, so no allocation is needed and
 * InitializeCriticalSection cannot fail (it returns void on Windows).
 *
 * LockCount is a futex word (0 free, 1 held, 2 held with waiters);
 * OwningThread holds the owner's thread id and RecursionCount its depth.
 * Only the owner writes its own id, so a relaxed read of OwningThread tells
 * a thread whether it already holds the lock.
 */
#include "w32_object.h"

#include <linux/futex.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

static void futex_wait(LONG *addr, LONG val)
{
    syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static void futex_wake_one(LONG *addr)
{
    syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static HANDLE owner_value(void) { return (HANDLE)(uintptr_t)GetCurrentThreadId(); }

W32_EXPORT void WINAPI InitializeCriticalSection(LPCRITICAL_SECTION cs)
{
    memset(cs, 0, sizeof *cs);
}

W32_EXPORT BOOL WINAPI InitializeCriticalSectionAndSpinCount(LPCRITICAL_SECTION cs, DWORD spin)
{
    InitializeCriticalSection(cs);
    cs->SpinCount = spin;
    return TRUE;
}

W32_EXPORT void WINAPI DeleteCriticalSection(LPCRITICAL_SECTION cs)
{
    memset(cs, 0, sizeof *cs);
}

static BOOL owned_by_me(LPCRITICAL_SECTION cs)
{
    return __atomic_load_n(&cs->OwningThread, __ATOMIC_RELAXED) == owner_value();
}

static void became_owner(LPCRITICAL_SECTION cs)
{
    __atomic_store_n(&cs->OwningThread, owner_value(), __ATOMIC_RELAXED);
    cs->RecursionCount = 1;
}

W32_EXPORT void WINAPI EnterCriticalSection(LPCRITICAL_SECTION cs)
{
    if (owned_by_me(cs)) {
        cs->RecursionCount++;
        return;
    }
    LONG c = 0;
    if (!__atomic_compare_exchange_n(&cs->LockCount, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
        if (c != 2)
            c = __atomic_exchange_n(&cs->LockCount, 2, __ATOMIC_ACQUIRE);
        while (c != 0) {
            futex_wait(&cs->LockCount, 2);
            c = __atomic_exchange_n(&cs->LockCount, 2, __ATOMIC_ACQUIRE);
        }
    }
    became_owner(cs);
}

W32_EXPORT BOOL WINAPI TryEnterCriticalSection(LPCRITICAL_SECTION cs)
{
    if (owned_by_me(cs)) {
        cs->RecursionCount++;
        return TRUE;
    }
    LONG c = 0;
    if (!__atomic_compare_exchange_n(&cs->LockCount, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return FALSE;
    became_owner(cs);
    return TRUE;
}

/* Leaving a section this thread does not own is an error on Windows too;
 * here it is ignored rather than corrupting the owner's lock. */
W32_EXPORT void WINAPI LeaveCriticalSection(LPCRITICAL_SECTION cs)
{
    if (!owned_by_me(cs) || --cs->RecursionCount > 0)
        return;
    __atomic_store_n(&cs->OwningThread, (HANDLE)0, __ATOMIC_RELAXED);
    if (__atomic_exchange_n(&cs->LockCount, 0, __ATOMIC_RELEASE) == 2)
        futex_wake_one(&cs->LockCount);
}

/*
 * WSAStartup / WSACleanup: version negotiation, WSADATA and the reference
 * count.  The first successful WSAStartup starts the provider (WSPStartup,
 * with the upcall table of upcalls.c); the WSACleanup that matches the last
 * WSAStartup calls WSPCleanup.
 *
 * Negotiation (doc "WSAStartup function", and ReactOS' apitest
 * ws2_32/WSAStartup.c, which records what Windows answers): a major version
 * of 0 is WSAVERNOTSUPPORTED; 1.0 and 1.1 are granted as asked, 1.2 and up
 * become 1.1; 2.0-2.2 as asked, anything higher becomes 2.2.  wHighVersion
 * is 2.2; iMaxSockets/iMaxUdpDg are 0 for 2.x and 32767/65467 for 1.x;
 * lpVendorInfo is not touched.  A NULL lpWSAData is WSAEFAULT.  The result
 * is returned, not stored in the last error; a success sets it to 0.
 */
#include "ws2_internal.h"
#include "safecopy.h"

#include <errno.h>
#include <stdatomic.h>
#include <string.h>

WSPPROC_TABLE ws2_proc;

static atomic_int startup_count;
/* the provider is started under this lock, so that concurrent first calls
 * start it once and nobody uses ws2_proc before it is filled */
static CRITICAL_SECTION startup_lock;
static atomic_int lock_ready;
static int provider_started;
static int table_filled;

WSPUPCALLTABLE ws2_upcall_table(void);

int ws2_started(void)
{
    if (atomic_load_explicit(&startup_count, memory_order_acquire) > 0)
        return 1;
    WSASetLastError(WSANOTINITIALISED);
    return 0;
}

static void lock(void)
{
    /* CRITICAL_SECTION has no static initializer: the first caller sets it
     * up; later ones spin until it is (only ever at the first startup) */
    int expect = 0;
    if (atomic_compare_exchange_strong(&lock_ready, &expect, 1)) {
        InitializeCriticalSection(&startup_lock);
        atomic_store(&lock_ready, 2);
    }
    while (atomic_load(&lock_ready) != 2)
        Sleep(0);
    EnterCriticalSection(&startup_lock);
}

static WORD negotiate(WORD requested)
{
    BYTE major = LOBYTE(requested), minor = HIBYTE(requested);
    if (major == 1)
        return minor > 1 ? MAKEWORD(1, 1) : requested;
    if (major == 2 && minor <= 2)
        return requested;
    return MAKEWORD(2, 2);
}

static void fill(LPWSADATA d, WORD version)
{
    d->wVersion = version;
    d->wHighVersion = MAKEWORD(2, 2);
    /* what Windows reports; a program may print it */
    strcpy(d->szDescription, "WinSock 2.0");
    strcpy(d->szSystemStatus, "Running");
    d->iMaxSockets = LOBYTE(version) >= 2 ? 0 : 32767;
    d->iMaxUdpDg = LOBYTE(version) >= 2 ? 0 : 65467;
}

/* Fill the caller's WSADATA fault-safely: read it whole first (so that
 * lpVendorInfo goes back as it was), fill the copy, write it back.  0, or
 * EFAULT for a structure the process cannot read or write (doc "WSAStartup
 * function": WSAEFAULT, lpWSAData is not a valid pointer) -- not a crash. */
static int fill_user(LPWSADATA user, WORD version)
{
    WSADATA d;
    if ((uintptr_t)user < 4096)
        return EFAULT;
    int r = wsp_copy_in(&d, user, sizeof d);
    if (r == 0) {
        fill(&d, version);
        r = wsp_copy_out(user, &d, sizeof d);
    }
    if (r == ENOSYS) {          /* no way to check (seccomp): trusted, as libc would */
        fill(user, version);
        r = 0;
    }
    return r;
}

WS2_EXPORT int WSAAPI WSAStartup(WORD wVersionRequested, LPWSADATA lpWSAData)
{
    if (LOBYTE(wVersionRequested) == 0) {
        if (lpWSAData)
            (void)fill_user(lpWSAData, MAKEWORD(2, 2));
        return WSAVERNOTSUPPORTED;
    }
    /* checked before the provider starts: a failed call leaves Winsock as it was */
    if (!lpWSAData || fill_user(lpWSAData, negotiate(wVersionRequested)) != 0)
        return WSAEFAULT;
    lock();
    if (!provider_started) {
        WSPDATA data;
        WSAPROTOCOL_INFOW info;
        memset(&info, 0, sizeof info);
        WSPPROC_TABLE table;
        int r = WSPStartup(MAKEWORD(2, 2), &data, &info, ws2_upcall_table(), &table);
        if (r != 0) {
            LeaveCriticalSection(&startup_lock);
            return WSASYSNOTREADY;  /* doc WSAStartup: the network subsystem is not ready */
        }
        if (!table_filled) {        /* the provider's table is constant: fill ours once */
            ws2_proc = table;
            table_filled = 1;
        }
        provider_started = 1;
    }
    atomic_fetch_add_explicit(&startup_count, 1, memory_order_release);
    LeaveCriticalSection(&startup_lock);
    WSASetLastError(0);
    return 0;
}

WS2_EXPORT int WSAAPI WSACleanup(void)
{
    lock();
    int n = atomic_load(&startup_count);
    if (n <= 0) {
        LeaveCriticalSection(&startup_lock);
        WSASetLastError(WSANOTINITIALISED);     /* doc WSACleanup */
        return SOCKET_ERROR;
    }
    atomic_store(&startup_count, n - 1);
    if (n == 1 && provider_started) {
        int err = 0;
        /* the provider keeps its own count: one WSPStartup, one WSPCleanup */
        ws2_proc.lpWSPCleanup(&err);
        provider_started = 0;
    }
    LeaveCriticalSection(&startup_lock);
    return 0;
}

/*
 * win32_test.c - libwin32base through <windows.h>, <strsafe.h> and
 * <winsock2.h>, as a ported program sees it, plus the internal wait API of
 * win32base.h.  Every blocking call has a bounded timeout (and Check kills a
 * test after CK_DEFAULT_TIMEOUT), so a regression fails instead of hanging.
 */
/* win32base.h first: it needs glibc's struct pollfd and POLL*, which
 * <winsock2.h> leaves alone only when <poll.h> came before it */
#include <win32base.h>
#include <windows.h>
#include <winsock2.h>
#include <strsafe.h>

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define BOUND 5000      /* ms: the longest any wait in here may take */

static HANDLE new_event(BOOL manual, BOOL initial)
{
    HANDLE h = CreateEventA(NULL, manual, initial, NULL);
    ck_assert_ptr_nonnull(h);
    return h;
}

static ULONGLONG elapsed_ms(LARGE_INTEGER since)
{
    LARGE_INTEGER now, f;
    QueryPerformanceCounter(&now);
    QueryPerformanceFrequency(&f);
    return (ULONGLONG)(now.QuadPart - since.QuadPart) * 1000u / (ULONGLONG)f.QuadPart;
}

/* ---- last error ---------------------------------------------------------- */

static DWORD WINAPI last_error_worker(LPVOID arg)
{
    DWORD mine = (DWORD)(uintptr_t)arg;
    for (int i = 0; i < 20000; i++) {
        SetLastError(mine + (DWORD)i);
        if (WSAGetLastError() != (int)(mine + (DWORD)i))
            return 1;
        WSASetLastError((int)mine);
        if (GetLastError() != mine)
            return 2;
    }
    return 0;
}

START_TEST(last_error_is_one_slot_with_wsa)
{
    SetLastError(WSAECONNREFUSED);
    ck_assert_int_eq(WSAGetLastError(), WSAECONNREFUSED);
    WSASetLastError(WSAECONNRESET);
    ck_assert_uint_eq(GetLastError(), WSAECONNRESET);
    /* a failing Win32 call writes the slot WSAGetLastError reads */
    ck_assert(!CloseHandle((HANDLE)(uintptr_t)0x7ffc));
    ck_assert_int_eq(WSAGetLastError(), WSA_INVALID_HANDLE);
    ck_assert_uint_eq(GetLastError(), ERROR_INVALID_HANDLE);
}
END_TEST

START_TEST(last_error_is_per_thread)
{
    HANDLE t[4];
    SetLastError(12345);
    for (int i = 0; i < 4; i++) {
        t[i] = CreateThread(NULL, 0, last_error_worker, (LPVOID)(uintptr_t)(1000000 * (i + 1)), 0, NULL);
        ck_assert_ptr_nonnull(t[i]);
    }
    ck_assert_uint_eq(WaitForMultipleObjects(4, t, TRUE, BOUND), WAIT_OBJECT_0);
    for (int i = 0; i < 4; i++) {
        DWORD code = 99;
        ck_assert(GetExitCodeThread(t[i], &code));
        ck_assert_uint_eq(code, 0);
        ck_assert(CloseHandle(t[i]));
    }
    ck_assert_uint_eq(GetLastError(), 12345);
}
END_TEST

/* ---- events -------------------------------------------------------------- */

START_TEST(manual_reset_event_stays_signalled)
{
    HANDLE e = new_event(TRUE, FALSE);
    ck_assert_uint_eq(WaitForSingleObject(e, 0), WAIT_TIMEOUT);
    ck_assert(SetEvent(e));
    ck_assert_uint_eq(WaitForSingleObject(e, 0), WAIT_OBJECT_0);
    ck_assert_uint_eq(WaitForSingleObject(e, INFINITE), WAIT_OBJECT_0);
    ck_assert(ResetEvent(e));
    ck_assert_uint_eq(WaitForSingleObject(e, 0), WAIT_TIMEOUT);
    ck_assert(ResetEvent(e));       /* resetting an unsignalled event is fine */
    ck_assert(CloseHandle(e));
}
END_TEST

START_TEST(auto_reset_event_is_consumed_by_a_wait)
{
    HANDLE e = new_event(FALSE, TRUE);
    ck_assert_uint_eq(WaitForSingleObject(e, 0), WAIT_OBJECT_0);
    ck_assert_uint_eq(WaitForSingleObject(e, 0), WAIT_TIMEOUT);
    /* setting a signalled event changes nothing: one wait, not three */
    ck_assert(SetEvent(e));
    ck_assert(SetEvent(e));
    ck_assert(SetEvent(e));
    ck_assert_uint_eq(WaitForSingleObject(e, 0), WAIT_OBJECT_0);
    ck_assert_uint_eq(WaitForSingleObject(e, 0), WAIT_TIMEOUT);
    ck_assert(SetEvent(e));
    ck_assert(ResetEvent(e));
    ck_assert_uint_eq(WaitForSingleObject(e, 0), WAIT_TIMEOUT);
    ck_assert(CloseHandle(e));
}
END_TEST

static HANDLE race_event;
static LONG race_wins, race_timeouts;

static DWORD WINAPI race_waiter(LPVOID arg)
{
    (void)arg;
    DWORD r = WaitForSingleObject(race_event, BOUND);
    if (r == WAIT_OBJECT_0)
        InterlockedIncrement(&race_wins);
    else
        InterlockedIncrement(&race_timeouts);
    return r;
}

static void wait_for_wins(LONG n)
{
    for (int i = 0; i < BOUND / 5 && InterlockedCompareExchange(&race_wins, 0, 0) < n; i++)
        Sleep(5);
}

START_TEST(auto_reset_releases_exactly_one_of_many_waiters)
{
    enum { N = 8 };
    HANDLE t[N];
    race_event = new_event(FALSE, FALSE);
    race_wins = race_timeouts = 0;
    for (int i = 0; i < N; i++)
        ck_assert_ptr_nonnull(t[i] = CreateThread(NULL, 0, race_waiter, NULL, 0, NULL));
    Sleep(100);                         /* let them block */
    for (LONG k = 1; k <= N; k++) {
        ck_assert(SetEvent(race_event));
        wait_for_wins(k);
        Sleep(30);                      /* time for a wrong second wake-up */
        ck_assert_int_eq(InterlockedCompareExchange(&race_wins, 0, 0), k);
    }
    ck_assert_uint_eq(WaitForMultipleObjects(N, t, TRUE, BOUND), WAIT_OBJECT_0);
    ck_assert_int_eq(race_timeouts, 0);
    ck_assert_uint_eq(WaitForSingleObject(race_event, 0), WAIT_TIMEOUT);
    for (int i = 0; i < N; i++)
        ck_assert(CloseHandle(t[i]));
    ck_assert(CloseHandle(race_event));
}
END_TEST

START_TEST(bad_event_handles_fail_cleanly)
{
    ck_assert(!SetEvent(NULL));
    ck_assert_uint_eq(GetLastError(), ERROR_INVALID_HANDLE);
    ck_assert(!ResetEvent(INVALID_HANDLE_VALUE));
    ck_assert_uint_eq(GetLastError(), ERROR_INVALID_HANDLE);
    ck_assert(!SetEvent((HANDLE)(uintptr_t)0x123457));
    HANDLE e = new_event(TRUE, FALSE);
    ck_assert(CloseHandle(e));
    SetLastError(0);
    ck_assert(!CloseHandle(e));
    ck_assert_uint_eq(GetLastError(), ERROR_INVALID_HANDLE);
    ck_assert(!SetEvent(e));
    ck_assert_uint_eq(WaitForSingleObject(e, 0), WAIT_FAILED);
    ck_assert_uint_eq(GetLastError(), ERROR_INVALID_HANDLE);
    SetLastError(0);
    ck_assert_ptr_null(CreateEventA(NULL, TRUE, FALSE, "Global\\named"));
    ck_assert_uint_eq(GetLastError(), ERROR_NOT_SUPPORTED);
    ck_assert(CloseHandle(GetCurrentProcess()));    /* pseudo-handles */
}
END_TEST

/* ---- waits --------------------------------------------------------------- */

START_TEST(wait_any_returns_lowest_signalled_index)
{
    HANDLE e[4];
    for (int i = 0; i < 4; i++)
        e[i] = new_event(TRUE, FALSE);
    ck_assert_uint_eq(WaitForMultipleObjects(4, e, FALSE, 0), WAIT_TIMEOUT);
    SetEvent(e[3]);
    SetEvent(e[2]);
    ck_assert_uint_eq(WaitForMultipleObjects(4, e, FALSE, 0), WAIT_OBJECT_0 + 2);
    ck_assert_uint_eq(WaitForMultipleObjectsEx(4, e, FALSE, INFINITE, TRUE), WAIT_OBJECT_0 + 2);
    ResetEvent(e[2]);
    ck_assert_uint_eq(WaitForMultipleObjects(4, e, FALSE, 0), WAIT_OBJECT_0 + 3);
    for (int i = 0; i < 4; i++)
        CloseHandle(e[i]);
}
END_TEST

START_TEST(wait_all_takes_autoreset_events_only_when_all_are_set)
{
    HANDLE e[3] = { new_event(FALSE, TRUE), new_event(TRUE, TRUE), new_event(FALSE, FALSE) };
    ck_assert_uint_eq(WaitForMultipleObjects(3, e, TRUE, 50), WAIT_TIMEOUT);
    /* the failed wait-all consumed nothing */
    ck_assert_uint_eq(WaitForSingleObject(e[0], 0), WAIT_OBJECT_0);
    SetEvent(e[0]);
    SetEvent(e[2]);
    ck_assert_uint_eq(WaitForMultipleObjects(3, e, TRUE, 0), WAIT_OBJECT_0);
    /* the satisfied one took both auto-reset events, not the manual one */
    ck_assert_uint_eq(WaitForSingleObject(e[0], 0), WAIT_TIMEOUT);
    ck_assert_uint_eq(WaitForSingleObject(e[2], 0), WAIT_TIMEOUT);
    ck_assert_uint_eq(WaitForSingleObject(e[1], 0), WAIT_OBJECT_0);
    for (int i = 0; i < 3; i++)
        CloseHandle(e[i]);
}
END_TEST

struct delayed_set {
    HANDLE event;
    DWORD delay;
};

static DWORD WINAPI set_later(LPVOID arg)
{
    struct delayed_set *d = arg;
    Sleep(d->delay);
    return SetEvent(d->event) ? 0 : 1;
}

START_TEST(wait_all_completes_when_another_thread_sets_the_last)
{
    HANDLE e[2] = { new_event(TRUE, TRUE), new_event(FALSE, FALSE) };
    struct delayed_set d = { e[1], 100 };
    HANDLE t = CreateThread(NULL, 0, set_later, &d, 0, NULL);
    ck_assert_uint_eq(WaitForMultipleObjects(2, e, TRUE, BOUND), WAIT_OBJECT_0);
    ck_assert_uint_eq(WaitForSingleObject(t, BOUND), WAIT_OBJECT_0);
    CloseHandle(t);
    CloseHandle(e[0]);
    CloseHandle(e[1]);
}
END_TEST

START_TEST(wait_times_out_no_earlier_than_asked)
{
    HANDLE e = new_event(TRUE, FALSE);
    LARGE_INTEGER t0;
    QueryPerformanceCounter(&t0);
    ck_assert_uint_eq(WaitForSingleObject(e, 120), WAIT_TIMEOUT);
    ck_assert_uint_ge(elapsed_ms(t0), 119);
    QueryPerformanceCounter(&t0);
    ck_assert_uint_eq(WaitForMultipleObjects(1, &e, TRUE, 60), WAIT_TIMEOUT);
    ck_assert_uint_ge(elapsed_ms(t0), 59);
    CloseHandle(e);
}
END_TEST

START_TEST(wait_handles_maximum_wait_objects)
{
    HANDLE e[MAXIMUM_WAIT_OBJECTS + 1];
    for (int i = 0; i <= MAXIMUM_WAIT_OBJECTS; i++)
        e[i] = new_event(TRUE, FALSE);
    SetEvent(e[MAXIMUM_WAIT_OBJECTS - 1]);
    ck_assert_uint_eq(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, e, FALSE, BOUND),
                      WAIT_OBJECT_0 + MAXIMUM_WAIT_OBJECTS - 1);
    ck_assert_uint_eq(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, e, TRUE, 10), WAIT_TIMEOUT);
    for (int i = 0; i < MAXIMUM_WAIT_OBJECTS; i++)
        SetEvent(e[i]);
    ck_assert_uint_eq(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, e, TRUE, BOUND), WAIT_OBJECT_0);
    SetLastError(0);
    ck_assert_uint_eq(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS + 1, e, FALSE, 0), WAIT_FAILED);
    ck_assert_uint_eq(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0);
    ck_assert_uint_eq(WaitForMultipleObjects(0, e, FALSE, 0), WAIT_FAILED);
    ck_assert_uint_eq(GetLastError(), ERROR_INVALID_PARAMETER);
    ck_assert_uint_eq(WSA_MAXIMUM_WAIT_EVENTS, MAXIMUM_WAIT_OBJECTS);
    for (int i = 0; i <= MAXIMUM_WAIT_OBJECTS; i++)
        CloseHandle(e[i]);
}
END_TEST

START_TEST(wait_refuses_bad_arrays)
{
    HANDLE e = new_event(TRUE, TRUE);
    HANDLE bad[2] = { e, (HANDLE)(uintptr_t)0x5550 };
    SetLastError(0);
    ck_assert_uint_eq(WaitForMultipleObjects(2, bad, FALSE, 0), WAIT_FAILED);
    ck_assert_uint_eq(GetLastError(), ERROR_INVALID_HANDLE);
    HANDLE dup[2] = { e, e };
    SetLastError(0);
    ck_assert_uint_eq(WaitForMultipleObjects(2, dup, TRUE, 0), WAIT_FAILED);
    ck_assert_uint_eq(GetLastError(), ERROR_INVALID_PARAMETER);
    ck_assert_uint_eq(WaitForMultipleObjects(1, NULL, FALSE, 0), WAIT_FAILED);
    ck_assert_uint_eq(GetLastError(), ERROR_NOACCESS);
    CloseHandle(e);
}
END_TEST

START_TEST(wait_on_threads_and_events_together)
{
    HANDLE go = new_event(TRUE, FALSE);
    struct delayed_set d = { go, 50 };
    HANDLE t = CreateThread(NULL, 0, set_later, &d, 0, NULL);
    HANDLE both[2] = { t, go };
    /* go is set before the thread ends: index 1 first, then both */
    DWORD r = WaitForMultipleObjects(2, both, FALSE, BOUND);
    ck_assert(r == WAIT_OBJECT_0 + 1 || r == WAIT_OBJECT_0);
    ck_assert_uint_eq(WaitForMultipleObjects(2, both, TRUE, BOUND), WAIT_OBJECT_0);
    ck_assert(!SetEvent(t));            /* a thread is not an event */
    ck_assert_uint_eq(GetLastError(), ERROR_INVALID_HANDLE);
    CloseHandle(t);
    CloseHandle(go);
}
END_TEST

struct closer {
    HANDLE event;
    DWORD result;
};

static DWORD WINAPI wait_briefly(LPVOID arg)
{
    struct closer *c = arg;
    c->result = WaitForSingleObject(c->event, 300);
    return 0;
}

START_TEST(closing_a_handle_during_a_wait_is_safe)
{
    struct closer c = { new_event(TRUE, FALSE), 0 };
    HANDLE t = CreateThread(NULL, 0, wait_briefly, &c, 0, NULL);
    Sleep(50);
    ck_assert(CloseHandle(c.event));    /* undefined on Windows; must not crash here */
    ck_assert_uint_eq(WaitForSingleObject(t, BOUND), WAIT_OBJECT_0);
    ck_assert_uint_eq(c.result, WAIT_TIMEOUT);
    CloseHandle(t);
}
END_TEST

START_TEST(internal_wait_with_fds)
{
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    HANDLE e = new_event(FALSE, FALSE);
    struct pollfd fd = { .fd = p[0], .events = POLLIN };
    ck_assert_uint_eq(w32_wait_with_fds(1, &e, FALSE, 20, &fd, 1), WAIT_TIMEOUT);
    ck_assert_int_eq(write(p[1], "x", 1), 1);
    ck_assert_uint_eq(w32_wait_with_fds(1, &e, FALSE, BOUND, &fd, 1), W32_WAIT_FD_READY);
    ck_assert(fd.revents & POLLIN);
    ck_assert_uint_eq(w32_wait_with_fds(1, &e, TRUE, BOUND, &fd, 1), W32_WAIT_FD_READY);
    ck_assert_uint_eq(w32_wait_with_fds(0, NULL, FALSE, BOUND, &fd, 1), W32_WAIT_FD_READY);
    SetEvent(e);
    ck_assert_uint_eq(w32_wait_with_fds(1, &e, FALSE, BOUND, &fd, 1), WAIT_OBJECT_0);
    /* the event fd is what a wait polls: readable exactly while signalled */
    int efd = w32_handle_fd(e);
    ck_assert_int_ge(efd, 0);
    struct pollfd ep = { .fd = efd, .events = POLLIN };
    ck_assert_int_eq(poll(&ep, 1, 0), 0);
    SetEvent(e);
    ck_assert_int_eq(poll(&ep, 1, 0), 1);
    ck_assert_int_eq(w32_handle_fd((HANDLE)(uintptr_t)0x4444), -1);
    CloseHandle(e);
    close(p[0]);
    close(p[1]);
}
END_TEST

/* ---- threads ------------------------------------------------------------- */

static DWORD WINAPI return_arg(LPVOID arg) { return (DWORD)(uintptr_t)arg; }

static void exit_deep(DWORD code) { ExitThread(code); }

static DWORD WINAPI exit_thread_early(LPVOID arg)
{
    exit_deep((DWORD)(uintptr_t)arg);
    return 1;   /* not reached */
}

struct gated {
    HANDLE gate;
    DWORD seen_id;
    LONG ran;
};

static DWORD WINAPI gated_thread(LPVOID arg)
{
    struct gated *g = arg;
    g->seen_id = GetCurrentThreadId();
    InterlockedExchange(&g->ran, 1);
    return WaitForSingleObject(g->gate, BOUND) == WAIT_OBJECT_0 ? 77 : 78;
}

START_TEST(thread_exit_codes)
{
    HANDLE a = CreateThread(NULL, 0, return_arg, (LPVOID)(uintptr_t)42, 0, NULL);
    HANDLE b = CreateThread(NULL, 64 * 1024, exit_thread_early, (LPVOID)(uintptr_t)7, 0, NULL);
    HANDLE both[2] = { a, b };
    ck_assert_uint_eq(WaitForMultipleObjects(2, both, TRUE, BOUND), WAIT_OBJECT_0);
    DWORD code = 0;
    ck_assert(GetExitCodeThread(a, &code));
    ck_assert_uint_eq(code, 42);
    ck_assert(GetExitCodeThread(b, &code));
    ck_assert_uint_eq(code, 7);
    /* a finished thread stays signalled */
    ck_assert_uint_eq(WaitForSingleObject(a, 0), WAIT_OBJECT_0);
    CloseHandle(a);
    CloseHandle(b);
}
END_TEST

START_TEST(thread_still_active_then_exit_code_and_ids)
{
    struct gated g = { new_event(TRUE, FALSE), 0, 0 };
    DWORD tid = 0, code = 0;
    HANDLE t = CreateThread(NULL, 0, gated_thread, &g, 0, &tid);
    ck_assert_ptr_nonnull(t);
    ck_assert_uint_ne(tid, 0);
    ck_assert_uint_ne(tid, GetCurrentThreadId());
    ck_assert_uint_eq(GetThreadId(t), tid);
    ck_assert(GetExitCodeThread(t, &code));
    ck_assert_uint_eq(code, STILL_ACTIVE);
    ck_assert_uint_eq(WaitForSingleObject(t, 20), WAIT_TIMEOUT);
    SetEvent(g.gate);
    ck_assert_uint_eq(WaitForSingleObject(t, BOUND), WAIT_OBJECT_0);
    ck_assert_uint_eq(g.seen_id, tid);
    ck_assert(GetExitCodeThread(t, &code));
    ck_assert_uint_eq(code, 77);
    ck_assert(!GetExitCodeThread(g.gate, &code));
    ck_assert_uint_eq(GetLastError(), ERROR_INVALID_HANDLE);
    CloseHandle(t);
    CloseHandle(g.gate);
}
END_TEST

START_TEST(thread_created_suspended_runs_after_resume)
{
    struct gated g = { new_event(TRUE, TRUE), 0, 0 };
    HANDLE t = CreateThread(NULL, 0, gated_thread, &g, CREATE_SUSPENDED, NULL);
    ck_assert_ptr_nonnull(t);
    Sleep(50);
    ck_assert_int_eq(InterlockedCompareExchange(&g.ran, 0, 0), 0);
    ck_assert_uint_eq(ResumeThread(t), 1);
    ck_assert_uint_eq(WaitForSingleObject(t, BOUND), WAIT_OBJECT_0);
    ck_assert_int_eq(g.ran, 1);
    ck_assert_uint_eq(ResumeThread(t), 0);
    CloseHandle(t);
    CloseHandle(g.gate);
}
END_TEST

START_TEST(thread_handle_closed_while_running)
{
    struct gated g = { new_event(TRUE, FALSE), 0, 0 };
    HANDLE t = CreateThread(NULL, 0, gated_thread, &g, 0, NULL);
    ck_assert(CloseHandle(t));
    SetEvent(g.gate);
    for (int i = 0; i < BOUND / 5 && !InterlockedCompareExchange(&g.ran, 0, 0); i++)
        Sleep(5);
    ck_assert_int_eq(g.ran, 1);
    Sleep(20);
    CloseHandle(g.gate);
    SetLastError(0);
    ck_assert_ptr_null(CreateThread(NULL, 0, NULL, NULL, 0, NULL));
    ck_assert_uint_eq(GetLastError(), ERROR_INVALID_PARAMETER);
}
END_TEST

/* ---- critical sections and interlocked ---------------------------------- */

static CRITICAL_SECTION counter_cs;
static long plain_counter;
static LONG atomic_counter;

static DWORD WINAPI count_up(LPVOID arg)
{
    (void)arg;
    for (int i = 0; i < 100000; i++) {
        EnterCriticalSection(&counter_cs);
        EnterCriticalSection(&counter_cs);      /* recursive */
        plain_counter++;
        LeaveCriticalSection(&counter_cs);
        LeaveCriticalSection(&counter_cs);
        InterlockedIncrement(&atomic_counter);
    }
    return 0;
}

static DWORD WINAPI try_enter(LPVOID arg)
{
    return TryEnterCriticalSection(arg) ? (LeaveCriticalSection(arg), 1) : 0;
}

START_TEST(critical_section_excludes_and_recurses)
{
    _Static_assert(sizeof(CRITICAL_SECTION) == 40, "Win64 CRITICAL_SECTION size");
    InitializeCriticalSection(&counter_cs);
    plain_counter = 0;
    atomic_counter = 0;
    HANDLE t[4];
    for (int i = 0; i < 4; i++)
        t[i] = CreateThread(NULL, 0, count_up, NULL, 0, NULL);
    ck_assert_uint_eq(WaitForMultipleObjects(4, t, TRUE, 60000), WAIT_OBJECT_0);
    ck_assert_int_eq(plain_counter, 400000);
    ck_assert_int_eq(atomic_counter, 400000);
    for (int i = 0; i < 4; i++)
        CloseHandle(t[i]);

    DWORD code = 9;
    EnterCriticalSection(&counter_cs);
    ck_assert(TryEnterCriticalSection(&counter_cs));
    LeaveCriticalSection(&counter_cs);
    HANDLE other = CreateThread(NULL, 0, try_enter, &counter_cs, 0, NULL);
    WaitForSingleObject(other, BOUND);
    GetExitCodeThread(other, &code);
    ck_assert_uint_eq(code, 0);         /* still held once */
    CloseHandle(other);
    LeaveCriticalSection(&counter_cs);
    other = CreateThread(NULL, 0, try_enter, &counter_cs, 0, NULL);
    WaitForSingleObject(other, BOUND);
    GetExitCodeThread(other, &code);
    ck_assert_uint_eq(code, 1);
    CloseHandle(other);
    DeleteCriticalSection(&counter_cs);
}
END_TEST

START_TEST(interlocked_return_values)
{
    LONG v = 5;
    ck_assert_int_eq(InterlockedIncrement(&v), 6);
    ck_assert_int_eq(InterlockedDecrement(&v), 5);
    ck_assert_int_eq(InterlockedExchange(&v, 10), 5);
    ck_assert_int_eq(InterlockedExchangeAdd(&v, 3), 10);
    ck_assert_int_eq(InterlockedCompareExchange(&v, 1, 99), 13);   /* no match */
    ck_assert_int_eq(v, 13);
    ck_assert_int_eq(InterlockedCompareExchange(&v, 1, 13), 13);
    ck_assert_int_eq(v, 1);
    LONG64 w = 1LL << 40;
    ck_assert(InterlockedIncrement64(&w) == (1LL << 40) + 1);
    PVOID p = NULL;
    ck_assert_ptr_null(InterlockedCompareExchangePointer(&p, &v, NULL));
    ck_assert_ptr_eq(p, &v);
    ck_assert_ptr_eq(InterlockedExchangePointer(&p, NULL), &v);
}
END_TEST

/* ---- time ---------------------------------------------------------------- */

START_TEST(clocks_advance_across_sleep)
{
    LARGE_INTEGER f, c0, c1;
    ck_assert(QueryPerformanceFrequency(&f));
    ck_assert_int_eq(f.QuadPart, 10000000);
    ck_assert(QueryPerformanceCounter(&c0));
    ULONGLONG t0 = GetTickCount64();
    Sleep(60);
    ck_assert(QueryPerformanceCounter(&c1));
    ck_assert_int_ge((c1.QuadPart - c0.QuadPart) * 1000 / f.QuadPart, 59);
    ck_assert_uint_ge(GetTickCount64() - t0, 59);
    ck_assert_uint_le((DWORD)(GetTickCount() - (DWORD)GetTickCount64()), 1000);
    Sleep(0);
    ck_assert_uint_eq(SleepEx(1, TRUE), 0);
    ck_assert(!QueryPerformanceCounter(NULL));
}
END_TEST

/* ---- heap ---------------------------------------------------------------- */

START_TEST(heap_zeroes_and_reallocates)
{
    HANDLE heap = GetProcessHeap();
    ck_assert_ptr_nonnull(heap);
    unsigned char *dirty = HeapAlloc(heap, 0, 4096);
    memset(dirty, 0xA5, 4096);
    HeapFree(heap, 0, dirty);
    unsigned char *z = HeapAlloc(heap, HEAP_ZERO_MEMORY, 4096);
    ck_assert_ptr_nonnull(z);
    ck_assert_uint_eq((uintptr_t)z % 16, 0);
    for (int i = 0; i < 4096; i++)
        ck_assert_uint_eq(z[i], 0);
    memset(z, 0xAB, 100);
    ck_assert_uint_eq(HeapSize(heap, 0, z), 4096);
    unsigned char *small = HeapReAlloc(heap, HEAP_ZERO_MEMORY, z, 100);
    ck_assert_ptr_nonnull(small);
    unsigned char *big = HeapReAlloc(heap, HEAP_ZERO_MEMORY, small, 8000);
    ck_assert_ptr_nonnull(big);
    ck_assert_uint_eq(HeapSize(heap, 0, big), 8000);
    for (int i = 0; i < 100; i++)
        ck_assert_uint_eq(big[i], 0xAB);
    for (int i = 100; i < 8000; i++)   /* beyond the old size: zero, even where 4096 held 0 */
        ck_assert_uint_eq(big[i], 0);
    ck_assert_ptr_null(HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, big, 9000));
    ck_assert_uint_eq(big[0], 0xAB);
    ck_assert(HeapFree(heap, 0, big));
    ck_assert(HeapFree(heap, 0, NULL));
    void *empty = HeapAlloc(heap, 0, 0);
    ck_assert_ptr_nonnull(empty);
    ck_assert(HeapFree(heap, 0, empty));
    ck_assert_ptr_null(HeapAlloc((HANDLE)(uintptr_t)0x1234, 0, 16));
}
END_TEST

static struct {
    _Alignas(16) unsigned char before[16];
    unsigned char data[32];
} not_a_block;

START_TEST(local_and_global_memory)
{
    unsigned char *l = LocalAlloc(LPTR, 256);
    ck_assert_ptr_nonnull(l);
    for (int i = 0; i < 256; i++)
        ck_assert_uint_eq(l[i], 0);
    ck_assert_ptr_eq(LocalLock(l), l);
    ck_assert_ptr_null(LocalFree(l));
    unsigned char *g = GlobalAlloc(GPTR, 64);
    ck_assert_ptr_nonnull(g);
    ck_assert_uint_eq(g[63], 0);
    ck_assert_ptr_null(GlobalFree(g));
    ck_assert_ptr_null(LocalFree(NULL));
    /* not a block from these allocators: refused, never freed */
    SetLastError(0);
    ck_assert_ptr_eq(LocalFree(not_a_block.data), not_a_block.data);
    ck_assert_uint_eq(GetLastError(), ERROR_INVALID_HANDLE);
    ck_assert(!HeapFree(GetProcessHeap(), 0, not_a_block.data));
    ck_assert_uint_eq(GetLastError(), ERROR_INVALID_PARAMETER);
}
END_TEST

START_TEST(memory_macros)
{
    char b[8];
    FillMemory(b, sizeof b, 'x');
    ck_assert_int_eq(b[7], 'x');
    ZeroMemory(b, 4);
    ck_assert_int_eq(b[3], 0);
    ck_assert_int_eq(b[4], 'x');
    CopyMemory(b, "abc", 3);
    ck_assert_int_eq(memcmp(b, "abc\0x", 5), 0);
    SecureZeroMemory(b, sizeof b);
    ck_assert_int_eq(b[7], 0);
}
END_TEST

/* ---- ExitProcess ---------------------------------------------------------- */

START_TEST(exit_process_flushes_and_sets_status)
{
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(p[1], 1);
        printf("unflushed");
        ExitProcess(3);
    }
    close(p[1]);
    char buf[32] = { 0 };
    ssize_t n = read(p[0], buf, sizeof buf - 1);
    int status = 0;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 3);
    ck_assert_int_eq(n, 9);
    ck_assert_str_eq(buf, "unflushed");
    close(p[0]);
}
END_TEST

/* ---- strings --------------------------------------------------------------- */

START_TEST(lstr_functions)
{
    char b[16];
    ck_assert_int_eq(lstrlenA(NULL), 0);
    ck_assert_int_eq(lstrlen("abc"), 3);
    ck_assert_ptr_eq(lstrcpyA(b, "Hello"), b);
    ck_assert_str_eq(lstrcatA(b, "!"), "Hello!");
    ck_assert_ptr_null(lstrcpyA(NULL, "x"));
    ck_assert_str_eq(lstrcpynA(b, "abcdef", 4), "abc");
    ck_assert_int_eq(lstrcmpiA("ABC", "abc"), 0);
    ck_assert_int_eq(lstrcmpiA("a", "B"), -1);
    ck_assert_int_eq(lstrcmpA("a", "B"), -1);      /* alphabetical, not byte order */
    ck_assert_int_eq(lstrcmpA("a", "A"), -1);      /* then lower before upper */
    ck_assert_int_eq(lstrcmpA("abc", "abc"), 0);
    ck_assert_int_eq(lstrcmpA(NULL, "a"), -1);
    ck_assert_int_eq(lstrcmpiA("a", NULL), 1);
}
END_TEST

START_TEST(msvc_crt_functions)
{
    ck_assert_int_eq(_stricmp("Hello", "hELLO"), 0);
    ck_assert_int_gt(_stricmp("A", "_"), 0);        /* folds to lower case */
    ck_assert_int_lt(_stricmp("abc", "abd"), 0);
    ck_assert_int_eq(_strnicmp("HELLOx", "helloY", 5), 0);
    ck_assert_int_ne(_strnicmp("HELLOx", "helloY", 6), 0);
    errno = 0;
    ck_assert_int_eq(_stricmp(NULL, "a"), _NLSCMPERROR);
    ck_assert_int_eq(errno, EINVAL);

    char b[8];
    memset(b, 'X', sizeof b);
    ck_assert_int_eq(_snprintf(b, sizeof b, "%s", "abc"), 3);
    ck_assert_str_eq(b, "abc");
    memset(b, 'X', sizeof b);
    ck_assert_int_eq(_snprintf(b, 3, "%d", 123), 3);       /* fits exactly: unterminated */
    ck_assert_int_eq(memcmp(b, "123X", 4), 0);
    memset(b, 'X', sizeof b);
    ck_assert_int_eq(_snprintf(b, 2, "%s", "abc"), -1);    /* truncated: unterminated, -1 */
    ck_assert_int_eq(memcmp(b, "abX", 3), 0);
    ck_assert_int_eq(_snprintf(NULL, 0, "%s", "abcd"), 4);
    char *d = _strdup("dup");
    ck_assert_str_eq(d, "dup");
    free(d);
}
END_TEST

START_TEST(strsafe_copy_and_truncation)
{
    char b[8];
    ck_assert_int_eq(StringCchCopyA(b, sizeof b, "1234567"), S_OK);
    ck_assert_str_eq(b, "1234567");
    ck_assert_int_eq(StringCchCopyA(b, sizeof b, "12345678"), STRSAFE_E_INSUFFICIENT_BUFFER);
    ck_assert_str_eq(b, "1234567");
    ck_assert_int_eq(StringCchCopy(b, 1, "x"), STRSAFE_E_INSUFFICIENT_BUFFER);
    ck_assert_str_eq(b, "");
    ck_assert_int_eq(StringCchCopyA(b, 0, "x"), STRSAFE_E_INVALID_PARAMETER);
    strcpy(b, "keep");
    ck_assert_int_eq(StringCchCopyA(b, (size_t)STRSAFE_MAX_CCH + 1, "x"), STRSAFE_E_INVALID_PARAMETER);
    ck_assert_str_eq(b, "");
    ck_assert_int_eq(StringCchCopyA(b, sizeof b, NULL), STRSAFE_E_INVALID_PARAMETER);
    ck_assert_int_eq(StringCchCopyNA(b, sizeof b, "abcdef", 3), S_OK);
    ck_assert_str_eq(b, "abc");
    ck_assert_int_eq(StringCchCopyNA(b, 4, "abcdef", 5), STRSAFE_E_INSUFFICIENT_BUFFER);
    ck_assert_str_eq(b, "abc");
    ck_assert_int_eq(StringCbCopyA(b, sizeof b, "bytes"), S_OK);
    ck_assert_str_eq(b, "bytes");
    ck_assert(SUCCEEDED(StringCbCopyNA(b, sizeof b, "xy", 10)));
    ck_assert(FAILED(STRSAFE_E_INSUFFICIENT_BUFFER));
}
END_TEST

START_TEST(strsafe_cat_printf_length)
{
    char b[8];
    strcpy(b, "abc");
    ck_assert_int_eq(StringCchCatA(b, sizeof b, "defgh"), STRSAFE_E_INSUFFICIENT_BUFFER);
    ck_assert_str_eq(b, "abcdefg");
    strcpy(b, "ab");
    ck_assert_int_eq(StringCchCat(b, sizeof b, "cd"), S_OK);
    ck_assert_str_eq(b, "abcd");
    ck_assert_int_eq(StringCchCatNA(b, sizeof b, "xyz", 1), S_OK);
    ck_assert_str_eq(b, "abcdx");
    ck_assert_int_eq(StringCbCatA(b, sizeof b, "!"), S_OK);
    memset(b, 'z', sizeof b);           /* not terminated within cchDest */
    ck_assert_int_eq(StringCchCatA(b, sizeof b, "a"), STRSAFE_E_INVALID_PARAMETER);

    ck_assert_int_eq(StringCchPrintfA(b, sizeof b, "%d-%s", 12, "abcd"), S_OK);   /* 7 chars fit */
    ck_assert_str_eq(b, "12-abcd");
    ck_assert_int_eq(StringCchPrintf(b, sizeof b, "%d-%s", 123, "abcd"), STRSAFE_E_INSUFFICIENT_BUFFER);
    ck_assert_str_eq(b, "123-abc");
    ck_assert_int_eq(StringCbPrintfA(b, 4, "%s", "hello"), STRSAFE_E_INSUFFICIENT_BUFFER);
    ck_assert_str_eq(b, "hel");
    ck_assert_int_eq(StringCchPrintfA(b, 0, "x"), STRSAFE_E_INVALID_PARAMETER);

    size_t n = 99;
    ck_assert_int_eq(StringCchLengthA("abc", 4, &n), S_OK);
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(StringCchLengthA("abc", 3, &n), STRSAFE_E_INVALID_PARAMETER);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(StringCchLength(NULL, 3, &n), STRSAFE_E_INVALID_PARAMETER);
    ck_assert_int_eq(StringCchLengthA("abc", (size_t)STRSAFE_MAX_CCH + 1, &n), STRSAFE_E_INVALID_PARAMETER);
    ck_assert_int_eq(StringCbLengthA("abcd", 8, NULL), S_OK);
}
END_TEST

/* ---- FormatMessageA -------------------------------------------------------- */

static const DWORD winsock_codes[] = {
    WSAEINTR, WSAEBADF, WSAEACCES, WSAEFAULT, WSAEINVAL, WSAEMFILE, WSAEWOULDBLOCK,
    WSAEINPROGRESS, WSAEALREADY, WSAENOTSOCK, WSAEDESTADDRREQ, WSAEMSGSIZE, WSAEPROTOTYPE,
    WSAENOPROTOOPT, WSAEPROTONOSUPPORT, WSAESOCKTNOSUPPORT, WSAEOPNOTSUPP, WSAEPFNOSUPPORT,
    WSAEAFNOSUPPORT, WSAEADDRINUSE, WSAEADDRNOTAVAIL, WSAENETDOWN, WSAENETUNREACH,
    WSAENETRESET, WSAECONNABORTED, WSAECONNRESET, WSAENOBUFS, WSAEISCONN, WSAENOTCONN,
    WSAESHUTDOWN, WSAETOOMANYREFS, WSAETIMEDOUT, WSAECONNREFUSED, WSAELOOP, WSAENAMETOOLONG,
    WSAEHOSTDOWN, WSAEHOSTUNREACH, WSAENOTEMPTY, WSAEPROCLIM, WSAEUSERS, WSAEDQUOT, WSAESTALE,
    WSAEREMOTE, WSASYSNOTREADY, WSAVERNOTSUPPORTED, WSANOTINITIALISED, WSAEDISCON, WSAENOMORE,
    WSAECANCELLED, WSAEINVALIDPROCTABLE, WSAEINVALIDPROVIDER, WSAEPROVIDERFAILEDINIT,
    WSASYSCALLFAILURE, WSASERVICE_NOT_FOUND, WSATYPE_NOT_FOUND, WSA_E_NO_MORE, WSA_E_CANCELLED,
    WSAEREFUSED, WSAHOST_NOT_FOUND, WSATRY_AGAIN, WSANO_RECOVERY, WSANO_DATA,
    WSA_INVALID_HANDLE, WSA_NOT_ENOUGH_MEMORY, WSA_INVALID_PARAMETER, WSA_OPERATION_ABORTED,
    WSA_IO_INCOMPLETE, WSA_IO_PENDING, ERROR_SUCCESS, WAIT_TIMEOUT, ERROR_INSUFFICIENT_BUFFER,
};

#define SYS_FLAGS (FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS)

START_TEST(format_message_wsaeconnrefused)
{
    LPSTR text = NULL;
    DWORD n = FormatMessageA(SYS_FLAGS | FORMAT_MESSAGE_ALLOCATE_BUFFER, NULL, WSAECONNREFUSED,
                             MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT), (LPSTR)&text, 0, NULL);
    ck_assert_uint_gt(n, 2);
    ck_assert_ptr_nonnull(text);
    ck_assert_uint_eq(strlen(text), n);
    ck_assert_ptr_nonnull(strstr(text, "refused"));
    ck_assert_str_eq(text + n - 2, "\r\n");         /* system messages end with CRLF */
    ck_assert_ptr_null(LocalFree(text));

    char buf[256];
    DWORD m = FormatMessageA(SYS_FLAGS, NULL, WSAECONNREFUSED, 0, buf, sizeof buf, NULL);
    ck_assert_uint_eq(m, n);
    SetLastError(0);
    ck_assert_uint_eq(FormatMessageA(SYS_FLAGS, NULL, WSAECONNREFUSED, 0, buf, 10, NULL), 0);
    ck_assert_uint_eq(GetLastError(), ERROR_INSUFFICIENT_BUFFER);

    /* a width limit turns the message's line break into a space */
    m = FormatMessageA(SYS_FLAGS | FORMAT_MESSAGE_MAX_WIDTH_MASK, NULL, WSAECONNREFUSED, 0,
                       buf, sizeof buf, NULL);
    ck_assert_uint_eq(m, n - 1);
    ck_assert_int_eq(buf[m - 1], ' ');
    ck_assert_ptr_null(strchr(buf, '\r'));
}
END_TEST

START_TEST(format_message_every_winsock_code_and_unknown)
{
    char buf[512];
    for (size_t i = 0; i < sizeof winsock_codes / sizeof winsock_codes[0]; i++) {
        DWORD n = FormatMessageA(SYS_FLAGS, NULL, winsock_codes[i], 0, buf, sizeof buf, NULL);
        ck_assert_msg(n > 2 && buf[n - 1] == '\n', "no message for %u", winsock_codes[i]);
    }
    LPSTR text = (LPSTR)"untouched";
    SetLastError(0);
    ck_assert_uint_eq(FormatMessageA(SYS_FLAGS | FORMAT_MESSAGE_ALLOCATE_BUFFER, NULL, 0x12345678,
                                     0, (LPSTR)&text, 0, NULL), 0);
    ck_assert_uint_eq(GetLastError(), ERROR_MR_MID_NOT_FOUND);
    ck_assert_ptr_null(text);
    /* a NULL buffer the text does not fit (Wine's format_msg.c tests) */
    ck_assert_uint_eq(FormatMessageA(SYS_FLAGS, NULL, WSAEINTR, 0, NULL, 0, NULL), 0);
    ck_assert_uint_eq(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    ck_assert_uint_eq(FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "a%nb%%%0tail", 0, 0, buf,
                                     sizeof buf, NULL), 5);
    ck_assert_str_eq(buf, "a\r\nb%");
    ck_assert_uint_eq(FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "x %1", 0, 0, buf, sizeof buf, NULL), 0);
    ck_assert_uint_eq(GetLastError(), ERROR_NOT_SUPPORTED);
    ck_assert_uint_eq(FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_IGNORE_INSERTS, "x %1",
                                     0, 0, buf, sizeof buf, NULL), 4);
    ck_assert_str_eq(buf, "x %1");
}
END_TEST

static Suite *win32_suite(void)
{
    Suite *s = suite_create("win32base");
    struct { const char *name; const TTest *tests[12]; } groups[] = {
        { "last_error", { last_error_is_one_slot_with_wsa, last_error_is_per_thread } },
        { "events", { manual_reset_event_stays_signalled, auto_reset_event_is_consumed_by_a_wait,
                      auto_reset_releases_exactly_one_of_many_waiters, bad_event_handles_fail_cleanly } },
        { "waits", { wait_any_returns_lowest_signalled_index,
                     wait_all_takes_autoreset_events_only_when_all_are_set,
                     wait_all_completes_when_another_thread_sets_the_last,
                     wait_times_out_no_earlier_than_asked, wait_handles_maximum_wait_objects,
                     wait_refuses_bad_arrays, wait_on_threads_and_events_together,
                     closing_a_handle_during_a_wait_is_safe, internal_wait_with_fds } },
        { "threads", { thread_exit_codes, thread_still_active_then_exit_code_and_ids,
                       thread_created_suspended_runs_after_resume, thread_handle_closed_while_running } },
        { "sync", { critical_section_excludes_and_recurses, interlocked_return_values } },
        { "time", { clocks_advance_across_sleep } },
        { "memory", { heap_zeroes_and_reallocates, local_and_global_memory, memory_macros } },
        { "process", { exit_process_flushes_and_sets_status } },
        { "strings", { lstr_functions, msvc_crt_functions, strsafe_copy_and_truncation,
                       strsafe_cat_printf_length } },
        { "messages", { format_message_wsaeconnrefused, format_message_every_winsock_code_and_unknown } },
    };
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        TCase *tc = tcase_create(groups[g].name);
        tcase_set_timeout(tc, 30);
        for (size_t i = 0; i < 12 && groups[g].tests[i]; i++)
            tcase_add_test(tc, groups[g].tests[i]);
        suite_add_tcase(s, tc);
    }
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(win32_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

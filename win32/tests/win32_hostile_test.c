/*
 * win32_hostile_test.c - libwin32base used the way a careless or hostile
 * program uses it: stale handles, fork, racing waiters.  Each test is the
 * regression test of a defect found by the review of issue 13; the comment
 * above it says what went wrong before.
 */
/* win32base.h first: it needs glibc's struct pollfd (see win32base.h) */
#include <win32base.h>
#include <windows.h>

#include <check.h>
#include <dlfcn.h>
#include <semaphore.h>
#include <stdint.h>
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

/* Was: a closed slot was reused with the same handle value at once, so
 * SetEvent or CloseHandle through a stale handle hit the next object. */
START_TEST(stale_handle_does_not_name_the_next_object)
{
    HANDLE old = new_event(TRUE, FALSE);
    ck_assert(CloseHandle(old));
    HANDLE fresh = new_event(TRUE, FALSE);
    ck_assert_ptr_ne(old, fresh);
    SetLastError(0);
    ck_assert(!SetEvent(old));
    ck_assert_uint_eq(GetLastError(), ERROR_INVALID_HANDLE);
    ck_assert_uint_eq(WaitForSingleObject(fresh, 0), WAIT_TIMEOUT);
    SetLastError(0);
    ck_assert(!CloseHandle(old));       /* the double close of a careless program */
    ck_assert_uint_eq(GetLastError(), ERROR_INVALID_HANDLE);
    ck_assert(SetEvent(fresh));         /* still open */
    ck_assert_uint_eq(WaitForSingleObject(fresh, 0), WAIT_OBJECT_0);
    /* handles keep Windows' shape: multiples of 4 that fit in 31 bits */
    for (int i = 0; i < 2000; i++) {
        HANDLE h = new_event(FALSE, FALSE);
        ck_assert_uint_eq((uintptr_t)h & 3, 0);
        ck_assert_uint_lt((uintptr_t)h, (uintptr_t)1 << 31);
        ck_assert(CloseHandle(h));
        ck_assert(!CloseHandle(h));
    }
    ck_assert(CloseHandle(fresh));
}
END_TEST

static DWORD WINAPI return_five(LPVOID arg)
{
    (void)arg;
    return 5;
}

/* Was: a forked child's objects shared their eventfd with the parent's, so
 * the child setting an event set the parent's, and the child's auto-reset
 * wait took the parent's signal. */
START_TEST(fork_child_has_its_own_objects)
{
    HANDLE manual = new_event(TRUE, FALSE);
    HANDLE autoreset = new_event(FALSE, TRUE);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int bad = 0;
        /* the child sees the state at fork() ... */
        bad |= WaitForSingleObject(manual, 0) != WAIT_TIMEOUT;
        bad |= (WaitForSingleObject(autoreset, 0) != WAIT_OBJECT_0) << 1;
        /* ... changes it for itself only ... */
        bad |= !SetEvent(manual) << 2;
        /* ... and can make new objects and threads */
        HANDLE e = CreateEventA(NULL, FALSE, TRUE, NULL);
        HANDLE t = CreateThread(NULL, 0, return_five, NULL, 0, NULL);
        DWORD code = 0;
        bad |= (!e || WaitForSingleObject(e, 0) != WAIT_OBJECT_0) << 3;
        bad |= (!t || WaitForSingleObject(t, BOUND) != WAIT_OBJECT_0) << 4;
        bad |= (!GetExitCodeThread(t, &code) || code != 5) << 5;
        _exit(bad);
    }
    int status = 0;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 0);
    /* the parent's objects are as the parent left them */
    ck_assert_uint_eq(WaitForSingleObject(manual, 0), WAIT_TIMEOUT);
    ck_assert_uint_eq(WaitForSingleObject(autoreset, 0), WAIT_OBJECT_0);
    CloseHandle(manual);
    CloseHandle(autoreset);
}
END_TEST

/* read() seen by libwin32base: the next successful read of pause_fd by the
 * thread that armed it stops there until the test lets it go on, so a
 * wait-all can be held after taking its first event. */
static int pause_fd = -1;
static __thread int pause_armed;
static sem_t paused, resume;

__attribute__((visibility("default"))) ssize_t read(int fd, void *buf, size_t n)
{
    static ssize_t (*real_read)(int, void *, size_t);
    if (!real_read)
        real_read = (ssize_t (*)(int, void *, size_t))dlsym(RTLD_NEXT, "read");
    ssize_t r = real_read(fd, buf, n);
    if (pause_armed && fd == pause_fd && r > 0) {
        pause_armed = 0;
        sem_post(&paused);
        while (sem_wait(&resume) < 0)
            ;
    }
    return r;
}

struct wait_all_arg {
    HANDLE both[2];
    DWORD result;
};

static DWORD WINAPI wait_all_paused(LPVOID p)
{
    struct wait_all_arg *a = p;
    pause_armed = 1;
    a->result = WaitForMultipleObjects(2, a->both, TRUE, 300);
    return 0;
}

struct take_arg {
    HANDLE event;
    DWORD result;
};

static DWORD WINAPI take_once(LPVOID p)
{
    struct take_arg *a = p;
    a->result = WaitForSingleObject(a->event, 0);
    return 0;
}

/* Was: wait-all took its auto-reset events one by one and handed back what
 * it had if another waiter took a later one first.  A third thread could
 * see the first event taken although in the end nobody had taken it: not
 * what Windows' all-at-once wait allows.  Now, once a wait-all has begun
 * taking, it gets all its events. */
START_TEST(wait_all_takes_all_or_none_atomically)
{
    HANDLE a = new_event(FALSE, TRUE), b = new_event(FALSE, TRUE);
    sem_init(&paused, 0, 0);
    sem_init(&resume, 0, 0);
    pause_fd = w32_handle_fd(a);
    ck_assert_int_ge(pause_fd, 0);
    struct wait_all_arg w = { { a, b }, 0xdead };
    HANDLE tw = CreateThread(NULL, 0, wait_all_paused, &w, 0, NULL);
    ck_assert_ptr_nonnull(tw);
    ck_assert_int_eq(sem_wait(&paused), 0);      /* the wait-all has taken a */
    ck_assert_uint_eq(WaitForSingleObject(a, 0), WAIT_TIMEOUT);
    struct take_arg s = { b, 0xdead };           /* a rival for b */
    HANDLE ts = CreateThread(NULL, 0, take_once, &s, 0, NULL);
    ck_assert_ptr_nonnull(ts);
    Sleep(100);
    sem_post(&resume);
    ck_assert_uint_eq(WaitForSingleObject(tw, BOUND), WAIT_OBJECT_0);
    ck_assert_uint_eq(WaitForSingleObject(ts, BOUND), WAIT_OBJECT_0);
    /* a was seen taken, so the wait-all must have won b as well */
    ck_assert_uint_eq(w.result, WAIT_OBJECT_0);
    ck_assert_uint_eq(s.result, WAIT_TIMEOUT);
    ck_assert_uint_eq(WaitForSingleObject(a, 0), WAIT_TIMEOUT);
    ck_assert_uint_eq(WaitForSingleObject(b, 0), WAIT_TIMEOUT);
    pause_fd = -1;
    CloseHandle(tw);
    CloseHandle(ts);
    CloseHandle(a);
    CloseHandle(b);
}
END_TEST

/* ResetEvent takes a signal too: it must not slip in between a wait-all's
 * check and its take (the wait-all would then return with an event it
 * did not get).  Many rounds; each must end consistently.  (A guard for
 * the take lock's coverage of ResetEvent; the old code passed it too.) */
static HANDLE reset_target;
static volatile LONG stop_resetting;

static DWORD WINAPI reset_repeatedly(LPVOID p)
{
    (void)p;
    while (!InterlockedCompareExchange(&stop_resetting, 0, 0))
        ResetEvent(reset_target);
    return 0;
}

START_TEST(wait_all_and_reset_event_race_consistently)
{
    HANDLE a = new_event(FALSE, FALSE), b = new_event(FALSE, FALSE);
    HANDLE both[2] = { a, b };
    reset_target = b;
    stop_resetting = 0;
    HANDLE t = CreateThread(NULL, 0, reset_repeatedly, NULL, 0, NULL);
    for (int i = 0; i < 2000; i++) {
        SetEvent(a);
        SetEvent(b);
        DWORD r = WaitForMultipleObjects(2, both, TRUE, 0);
        ck_assert(r == WAIT_OBJECT_0 || r == WAIT_TIMEOUT);
        /* success took both; a timeout took nothing, so a is still set */
        ck_assert_uint_eq(WaitForSingleObject(a, 0), r == WAIT_OBJECT_0 ? WAIT_TIMEOUT : WAIT_OBJECT_0);
    }
    InterlockedExchange(&stop_resetting, 1);
    ck_assert_uint_eq(WaitForSingleObject(t, BOUND), WAIT_OBJECT_0);
    CloseHandle(t);
    CloseHandle(a);
    CloseHandle(b);
}
END_TEST

/* Was: a stack size near SIZE_MAX wrapped to 0 when rounded up, the
 * pthread attribute refused it unnoticed and the thread ran on the default
 * stack; the call now fails as one whose stack cannot be reserved. */
START_TEST(create_thread_with_impossible_stack_fails)
{
    SetLastError(0);
    ck_assert_ptr_null(CreateThread(NULL, (SIZE_T)-1, return_five, NULL, 0, NULL));
    ck_assert_uint_eq(GetLastError(), ERROR_NOT_ENOUGH_MEMORY);
    SetLastError(0);
    ck_assert_ptr_null(CreateThread(NULL, (SIZE_T)-1 - 4096, return_five, NULL,
                                    STACK_SIZE_PARAM_IS_A_RESERVATION, NULL));
    ck_assert_uint_eq(GetLastError(), ERROR_NOT_ENOUGH_MEMORY);
    /* a small odd size is rounded up and works */
    HANDLE t = CreateThread(NULL, 1000, return_five, NULL, 0, NULL);
    ck_assert_ptr_nonnull(t);
    DWORD code = 0;
    ck_assert_uint_eq(WaitForSingleObject(t, BOUND), WAIT_OBJECT_0);
    ck_assert(GetExitCodeThread(t, &code));
    ck_assert_uint_eq(code, 5);
    CloseHandle(t);
}
END_TEST

/* Was: an empty result with ALLOCATE_BUFFER returned 0 (failure) yet left
 * a LocalAlloc'ed buffer in *lpBuffer that no caller frees, and set no
 * error; a NULL lpBuffer was ERROR_INVALID_PARAMETER in every case.
 * Windows' answers are those of Wine's format_msg.c tests. */
START_TEST(format_message_empty_result_and_null_buffer)
{
    char *p = (char *)&p;
    SetLastError(0);
    ck_assert_uint_eq(FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ALLOCATE_BUFFER,
                                     "", 0, 0, (LPSTR)&p, 0, NULL), 0);
    ck_assert_ptr_null(p);
    ck_assert_uint_eq(GetLastError(), ERROR_NO_WORK_DONE);
    char buf[8] = "xxxxxxx";
    SetLastError(0);
    ck_assert_uint_eq(FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "%0tail", 0, 0, buf, sizeof buf, NULL), 0);
    ck_assert_uint_eq(GetLastError(), ERROR_NO_WORK_DONE);
    ck_assert_str_eq(buf, "xxxxxxx");
    SetLastError(0);
    ck_assert_uint_eq(FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, ERROR_SUCCESS, 0, NULL, 0, NULL), 0);
    ck_assert_uint_eq(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    SetLastError(0);
    ck_assert_uint_eq(FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ALLOCATE_BUFFER,
                                     NULL, ERROR_SUCCESS, 0, NULL, 0, NULL), 0);
    ck_assert_uint_eq(GetLastError(), ERROR_NOT_ENOUGH_MEMORY);
    /* Windows writes through the NULL pointer here; this refuses */
    SetLastError(0);
    ck_assert_uint_eq(FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, ERROR_SUCCESS, 0, NULL, 256, NULL), 0);
    ck_assert_uint_eq(GetLastError(), ERROR_INVALID_PARAMETER);
}
END_TEST

static Suite *hostile_suite(void)
{
    Suite *s = suite_create("win32base_hostile");
    TCase *tc = tcase_create("hostile");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, stale_handle_does_not_name_the_next_object);
    tcase_add_test(tc, fork_child_has_its_own_objects);
    tcase_add_test(tc, wait_all_takes_all_or_none_atomically);
    tcase_add_test(tc, wait_all_and_reset_event_race_consistently);
    tcase_add_test(tc, create_thread_with_impossible_stack_fails);
    tcase_add_test(tc, format_message_empty_result_and_null_buffer);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(hostile_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/*
 * win32_hostile_test.c - libwin32base used the way a careless or hostile
 * program uses it: stale handles, fork, racing waiters.  Each test is the
 * regression test of a defect found by the review of issue 13; the comment
 * above it says what went wrong before.
 */
#include <windows.h>

#include <check.h>
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

static Suite *hostile_suite(void)
{
    Suite *s = suite_create("win32base_hostile");
    TCase *tc = tcase_create("hostile");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, stale_handle_does_not_name_the_next_object);
    tcase_add_test(tc, fork_child_has_its_own_objects);
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

/*
 * startup_test.c - WSAStartup/WSACleanup (version negotiation, WSADATA,
 * reference counting, WSANOTINITIALISED) and the thread-local last error
 * shared with GetLastError.  Expected values: doc "WSAStartup function",
 * "WSACleanup function", "WSAGetLastError function", and the answers
 * Windows gives in ReactOS' apitest ws2_32/WSAStartup.c.
 */
#include <winsock2.h>
#include <windows.h>

#include "posix_helpers.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

START_TEST(cleanup_before_startup_is_not_initialised)
{
    WSASetLastError(0);
    ck_assert_int_eq(WSACleanup(), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSANOTINITIALISED);
}
END_TEST

static const struct {
    WORD asked;
    int ok;
    WORD granted;
} versions[] = {
    { 0x0000, 0, 0x0202 }, { 0x0900, 0, 0x0202 },   /* 0.0, 0.9 */
    { 0x0001, 1, 0x0001 }, { 0x0101, 1, 0x0101 },   /* 1.0, 1.1 */
    { 0x0201, 1, 0x0101 }, { 0xff01, 1, 0x0101 },   /* 1.2, 1.255 -> 1.1 */
    { 0x0002, 1, 0x0002 }, { 0x0102, 1, 0x0102 }, { 0x0202, 1, 0x0202 },
    { 0x0302, 1, 0x0202 }, { 0xff02, 1, 0x0202 },   /* 2.3, 2.255 -> 2.2 */
    { 0x0003, 1, 0x0202 }, { 0xffff, 1, 0x0202 },   /* 3.0, 255.255 -> 2.2 */
};

START_TEST(version_negotiation)
{
    WSADATA d;
    memset(&d, 0x55, sizeof d);
    int r = WSAStartup(versions[_i].asked, &d);
    ck_assert_int_eq(r, versions[_i].ok ? 0 : WSAVERNOTSUPPORTED);
    ck_assert_uint_eq(d.wVersion, versions[_i].granted);
    ck_assert_uint_eq(d.wHighVersion, 0x0202);
    ck_assert_str_eq(d.szDescription, "WinSock 2.0");
    ck_assert_str_eq(d.szSystemStatus, "Running");
    ck_assert_ptr_eq(d.lpVendorInfo, (char *)(uintptr_t)0x5555555555555555ULL);   /* untouched */
    if (versions[_i].ok) {
        ck_assert_int_eq(WSAGetLastError(), 0);
        ck_assert_uint_eq(d.iMaxSockets, LOBYTE(d.wVersion) >= 2 ? 0 : 32767);
        ck_assert_uint_eq(d.iMaxUdpDg, LOBYTE(d.wVersion) >= 2 ? 0 : 65467);
        ck_assert_int_eq(WSACleanup(), 0);
    }
    /* a refused startup leaves Winsock uninitialised */
    ck_assert_int_eq(WSACleanup(), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSANOTINITIALISED);
}
END_TEST

START_TEST(null_wsadata_is_efault)
{
    ck_assert_int_eq(WSAStartup(MAKEWORD(2, 2), NULL), WSAEFAULT);
    ck_assert_int_eq(WSAStartup(0, NULL), WSAVERNOTSUPPORTED);   /* the version is checked first */
    ck_assert_int_eq(WSACleanup(), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSANOTINITIALISED);
}
END_TEST

/* doc "WSAStartup function": WSAEFAULT, lpWSAData is not a valid pointer --
 * an answer, not a crash, and Winsock stays not initialised */
START_TEST(bad_wsadata_pointer_is_efault)
{
    LPWSADATA bad[] = { (LPWSADATA)1, (LPWSADATA)posix_unmapped_page(), (LPWSADATA)posix_protnone_page() };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(WSAStartup(MAKEWORD(2, 2), bad[i]), WSAEFAULT);
        ck_assert_int_eq(WSAStartup(MAKEWORD(1, 1), bad[i]), WSAEFAULT);
        ck_assert_int_eq(WSAStartup(0, bad[i]), WSAVERNOTSUPPORTED);
    }
    ck_assert_int_eq(WSACleanup(), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSANOTINITIALISED);
    /* a good structure still gets everything, lpVendorInfo left alone */
    WSADATA d;
    memset(&d, 0x55, sizeof d);
    ck_assert_int_eq(WSAStartup(MAKEWORD(2, 2), &d), 0);
    ck_assert_int_eq(d.wVersion, MAKEWORD(2, 2));
    ck_assert_str_eq(d.szDescription, "WinSock 2.0");
    ck_assert(d.lpVendorInfo == (char *)(uintptr_t)0x5555555555555555ULL);
    ck_assert_int_eq(WSACleanup(), 0);
}
END_TEST

START_TEST(reference_counted)
{
    WSADATA d;
    ck_assert_int_eq(WSAStartup(MAKEWORD(2, 2), &d), 0);
    ck_assert_int_eq(WSAStartup(MAKEWORD(1, 1), &d), 0);
    ck_assert_uint_eq(d.wVersion, 0x0101);      /* each call negotiates for itself */
    ck_assert_int_eq(WSAStartup(MAKEWORD(2, 2), &d), 0);
    ck_assert_int_eq(WSACleanup(), 0);
    ck_assert_int_eq(WSACleanup(), 0);
    ck_assert_int_eq(WSACleanup(), 0);
    ck_assert_int_eq(WSACleanup(), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSANOTINITIALISED);
    /* and it starts again */
    ck_assert_int_eq(WSAStartup(MAKEWORD(2, 2), &d), 0);
    ck_assert_int_eq(WSACleanup(), 0);
}
END_TEST

START_TEST(last_error_is_getlasterror_slot)
{
    WSASetLastError(WSAECONNRESET);
    ck_assert_uint_eq(GetLastError(), WSAECONNRESET);
    SetLastError(WSAEWOULDBLOCK);
    ck_assert_int_eq(WSAGetLastError(), WSAEWOULDBLOCK);
}
END_TEST

/* 4 threads each set their own code and read it back many times while the
 * others write theirs: a shared slot would show another thread's value. */
static volatile LONG go;
static DWORD WINAPI error_worker(LPVOID arg)
{
    int mine = WSABASEERR + (int)(INT_PTR)arg;
    while (!go)
        Sleep(0);
    for (int i = 0; i < 200000; i++) {
        WSASetLastError(mine + (i & 1) * 100);
        if (WSAGetLastError() != mine + (i & 1) * 100 || (int)GetLastError() != mine + (i & 1) * 100)
            return 1;
    }
    return 0;
}

START_TEST(last_error_thread_local_4_threads)
{
    HANDLE t[4];
    WSASetLastError(WSAEINVAL);
    for (int i = 0; i < 4; i++) {
        t[i] = CreateThread(NULL, 0, error_worker, (LPVOID)(INT_PTR)(i + 1), 0, NULL);
        ck_assert_ptr_nonnull(t[i]);
    }
    InterlockedExchange(&go, 1);
    ck_assert_uint_eq(WaitForMultipleObjects(4, t, TRUE, 30000), WAIT_OBJECT_0);
    for (int i = 0; i < 4; i++) {
        DWORD code = 99;
        ck_assert(GetExitCodeThread(t[i], &code));
        ck_assert_uint_eq(code, 0);
        CloseHandle(t[i]);
    }
    ck_assert_int_eq(WSAGetLastError(), WSAEINVAL);    /* this thread's value untouched */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ws2_startup");
    TCase *tc = tcase_create("startup");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, cleanup_before_startup_is_not_initialised);
    tcase_add_loop_test(tc, version_negotiation, 0, (int)(sizeof versions / sizeof versions[0]));
    tcase_add_test(tc, null_wsadata_is_efault);
    tcase_add_test(tc, bad_wsadata_pointer_is_efault);
    tcase_add_test(tc, reference_counted);
    tcase_add_test(tc, last_error_is_getlasterror_slot);
    tcase_add_test(tc, last_error_thread_local_4_threads);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

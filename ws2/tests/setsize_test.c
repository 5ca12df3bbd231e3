/*
 * setsize_test.c - a program's own FD_SETSIZE is honoured, as on Windows
 * (doc "select function": "the default value of FD_SETSIZE is 64, which
 * can be modified by defining FD_SETSIZE to another value before including
 * Winsock2.h"), and select() is Winsock's whatever glibc headers the
 * program also includes (setsize_gnu_*.c, built in GNU mode).
 */
#define FD_SETSIZE 256
#include <winsock2.h>
#include <windows.h>

#include <check.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

int gnu_after_setsize(void);
size_t gnu_after_fd_set_size(void);
int gnu_after_select_empty(void);
int gnu_first_setsize(void);
int gnu_first_select_empty(void);

_Static_assert(FD_SETSIZE == 256, "the program's FD_SETSIZE");
_Static_assert(sizeof(fd_set) == offsetof(fd_set, fd_array) + 256 * sizeof(SOCKET), "fd_set holds 256");

START_TEST(select_reads_every_entry_of_a_256_set)
{
    WSADATA d;
    ck_assert_int_eq(WSAStartup(MAKEWORD(2, 2), &d), 0);
    enum { N = 100 };               /* more than Windows' default 64 */
    SOCKET s[N];
    fd_set w;
    FD_ZERO(&w);
    for (int i = 0; i < N; i++) {
        s[i] = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
        ck_assert(s[i] != INVALID_SOCKET);
        FD_SET(s[i], &w);
    }
    ck_assert_uint_eq(w.fd_count, N);
    TIMEVAL tv = { 5, 0 };
    ck_assert_int_eq(select(0, NULL, &w, NULL, &tv), N);   /* every UDP socket is writable */
    for (int i = 0; i < N; i++) {
        ck_assert(FD_ISSET(s[i], &w));
        ck_assert_int_eq(closesocket(s[i]), 0);
    }
    ck_assert_int_eq(WSACleanup(), 0);
}
END_TEST

START_TEST(glibc_headers_in_gnu_mode)
{
    /* <winsock2.h> first, <stdlib.h>/<sys/time.h> after: the program's 256 */
    ck_assert_int_eq(gnu_after_setsize(), 256);
    ck_assert_uint_eq(gnu_after_fd_set_size(), sizeof(fd_set));
    /* <stdlib.h> first (it pulls glibc's <sys/select.h> in): glibc's value
     * is all that is left, 1024 (README) */
    ck_assert_int_eq(gnu_first_setsize(), 1024);
    WSADATA d;
    ck_assert_int_eq(WSAStartup(MAKEWORD(2, 2), &d), 0);
    /* in both, select() is Winsock's: empty sets are WSAEINVAL, where
     * glibc's select would have returned 0 */
    ck_assert_int_eq(gnu_after_select_empty(), WSAEINVAL);
    ck_assert_int_eq(gnu_first_select_empty(), WSAEINVAL);
    ck_assert_int_eq(WSACleanup(), 0);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("ws2_setsize");
    TCase *tc = tcase_create("fd_set");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, select_reads_every_entry_of_a_256_set);
    tcase_add_test(tc, glibc_headers_in_gnu_mode);
    suite_add_tcase(su, tc);
    SRunner *sr = srunner_create(su);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

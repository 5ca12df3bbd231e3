/*
 * hygiene_test.c - symbol hygiene in both directions, in one process:
 * this Windows translation unit's socket()/getsockopt() are libws2_32's
 * (Windows constants answered with Windows rules), while glibc's socket()
 * called from a POSIX translation unit (posix_helpers.c) is still glibc's;
 * the global names socket/send/select resolve to libc, Winsock's live
 * under wsp_ws2_*.  It also calls printf, malloc and pthread_create: a
 * Windows program using a few POSIX functions links.
 */
#include <winsock2.h>
#include <windows.h>

#include "posix_helpers.h"

#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

START_TEST(winsock_calls_bind_to_ws2_32)
{
    WSADATA d;
    ck_assert_int_eq(WSAStartup(MAKEWORD(2, 2), &d), 0);
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    ck_assert(s != INVALID_SOCKET);
    /* SOL_SOCKET is 0xffff and SO_TYPE 0x1008 on Windows: Linux's
     * getsockopt would fail on that level */
    int type = 0, len = sizeof type;
    ck_assert_int_eq(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &len), 0);
    ck_assert_int_eq(type, SOCK_DGRAM);
    ck_assert_int_eq(closesocket(s), 0);
    ck_assert_int_eq(WSACleanup(), 0);
}
END_TEST

START_TEST(glibc_calls_stay_glibc)
{
    /* no WSAStartup: glibc's socket works regardless, with Linux values */
    ck_assert_int_eq(posix_glibc_socket_type(), 2);
}
END_TEST

int prefix_mixed_both(void);

/* the documented mixed translation unit (WSP_USE_WS_PREFIX): glibc's
 * socket() and Winsock's WS_socket() side by side */
START_TEST(prefix_mode_translation_unit_has_both)
{
    ck_assert_int_eq(prefix_mixed_both(), 0);
}
END_TEST

static const char *const glibc_names[] = {
    "socket", "bind", "listen", "accept", "connect", "send", "recv", "sendto", "recvfrom",
    "shutdown", "setsockopt", "getsockopt", "select", "getsockname", "getpeername",
};

START_TEST(global_names_resolve_to_libc)
{
    char obj[256];
    const char *name = glibc_names[_i];
    ck_assert_int_eq(posix_symbol_object(name, obj, sizeof obj), 0);
    /* libc's, or in a sanitizer build the runtime's interceptor in front of it */
    ck_assert_msg(strncmp(obj, "libc.so", 7) == 0 || strstr(obj, "san.so") != NULL, "%s resolves to %s", name,
                  obj);
    char ours[64];
    snprintf(ours, sizeof ours, "wsp_ws2_%s", name);
    ck_assert_int_eq(posix_symbol_object(ours, obj, sizeof obj), 0);
    ck_assert_msg(strncmp(obj, "libws2_32.so", 12) == 0, "%s resolves to %s", ours, obj);
}
END_TEST

static void *thread_main(void *arg)
{
    return arg;
}

START_TEST(posix_functions_link)
{
    char *p = malloc(16);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(snprintf(p, 16, "%d", 42), 2);
    pthread_t t;
    void *ret = NULL;
    ck_assert_int_eq(pthread_create(&t, NULL, thread_main, p), 0);
    ck_assert_int_eq(pthread_join(t, &ret), 0);
    ck_assert_ptr_eq(ret, p);
    free(p);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("ws2_hygiene");
    TCase *tc = tcase_create("symbols");
    tcase_add_test(tc, winsock_calls_bind_to_ws2_32);
    tcase_add_test(tc, glibc_calls_stay_glibc);
    tcase_add_test(tc, prefix_mode_translation_unit_has_both);
    tcase_add_loop_test(tc, global_names_resolve_to_libc, 0, (int)(sizeof glibc_names / sizeof glibc_names[0]));
    tcase_add_test(tc, posix_functions_link);
    suite_add_tcase(su, tc);
    SRunner *sr = srunner_create(su);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

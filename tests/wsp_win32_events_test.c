/*
 * wsp_win32_events_test.c - one handle table, one wait: libwsp's event
 * model signals libwin32base event objects through the upcall table, the
 * way ws2_32 will wire them (WSACreateEvent = CreateEventA manual reset,
 * WPUSetEvent/WPUResetEvent = SetEvent/ResetEvent, WSAWaitForMultipleEvents
 * = WaitForMultipleObjectsEx).  Loopback TCP only; every wait is bounded.
 */
#include <ws2spi.h>
#include <windows.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>

#define BOUND 5000

static WSPPROC_TABLE P;

static BOOL WSPAPI wpu_set_event(WSAEVENT h, LPINT err)
{
    if (SetEvent(h))
        return TRUE;
    *err = (int)GetLastError();     /* WSA_INVALID_HANDLE == ERROR_INVALID_HANDLE */
    return FALSE;
}

static BOOL WSPAPI wpu_reset_event(WSAEVENT h, LPINT err)
{
    if (ResetEvent(h))
        return TRUE;
    *err = (int)GetLastError();
    return FALSE;
}

static void start(void)
{
    WSPDATA data;
    WSAPROTOCOL_INFOW info;
    WSPUPCALLTABLE up;
    memset(&info, 0, sizeof info);
    memset(&up, 0, sizeof up);
    up.lpWPUSetEvent = wpu_set_event;
    up.lpWPUResetEvent = wpu_reset_event;
    ck_assert_int_eq(WSPStartup(MAKEWORD(2, 2), &data, &info, up, &P), 0);
}

/* a connected TCP pair over 127.0.0.1 */
static void tcp_pair(SOCKET *a, SOCKET *b)
{
    int err = 0;
    SOCKADDR_IN sin;
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    ((unsigned char *)&sin.sin_addr)[0] = 127;
    ((unsigned char *)&sin.sin_addr)[3] = 1;
    SOCKET l = P.lpWSPSocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, 0, &err);
    ck_assert(l != INVALID_SOCKET);
    ck_assert_int_eq(P.lpWSPBind(l, (struct sockaddr *)&sin, sizeof sin, &err), 0);
    int len = sizeof sin;
    ck_assert_int_eq(P.lpWSPGetSockName(l, (struct sockaddr *)&sin, &len, &err), 0);
    ck_assert_int_eq(P.lpWSPListen(l, 1, &err), 0);
    *a = P.lpWSPSocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, 0, &err);
    ck_assert_int_eq(P.lpWSPConnect(*a, (struct sockaddr *)&sin, sizeof sin, NULL, NULL, NULL, NULL, &err), 0);
    *b = P.lpWSPAccept(l, NULL, NULL, NULL, 0, &err);
    ck_assert(*b != INVALID_SOCKET);
    ck_assert_int_eq(P.lpWSPCloseSocket(l, &err), 0);
}

static void send_byte(SOCKET s)
{
    int err = 0;
    char c = 'x';
    WSABUF buf = { 1, &c };
    DWORD sent = 0;
    ck_assert_int_eq(P.lpWSPSend(s, &buf, 1, &sent, 0, NULL, NULL, NULL, &err), 0);
    ck_assert_uint_eq(sent, 1);
}

START_TEST(provider_signals_win32_events_through_upcalls)
{
    start();
    int err = 0;
    SOCKET a1, b1, a2, b2;
    tcp_pair(&a1, &b1);
    tcp_pair(&a2, &b2);
    HANDLE ev[2] = { CreateEventA(NULL, TRUE, FALSE, NULL), CreateEventA(NULL, TRUE, FALSE, NULL) };
    ck_assert_int_eq(P.lpWSPEventSelect(b1, ev[0], FD_READ | FD_CLOSE, &err), 0);
    ck_assert_int_eq(P.lpWSPEventSelect(b2, ev[1], FD_READ | FD_CLOSE, &err), 0);
    ck_assert_uint_eq(WaitForMultipleObjects(2, ev, FALSE, 50), WAIT_TIMEOUT);

    send_byte(a2);      /* data on the second socket wakes the wait at index 1 */
    ck_assert_uint_eq(WaitForMultipleObjectsEx(2, ev, FALSE, BOUND, FALSE), WAIT_OBJECT_0 + 1);
    WSANETWORKEVENTS ne;
    memset(&ne, 0, sizeof ne);
    ck_assert_int_eq(P.lpWSPEnumNetworkEvents(b2, ev[1], &ne, &err), 0);
    ck_assert(ne.lNetworkEvents & FD_READ);
    ck_assert_uint_eq(WaitForSingleObject(ev[1], 0), WAIT_TIMEOUT);   /* reset via WPUResetEvent */

    send_byte(a1);
    ck_assert_int_eq(P.lpWSPCloseSocket(a2, &err), 0);
    ck_assert_uint_eq(WaitForMultipleObjects(2, ev, TRUE, BOUND), WAIT_OBJECT_0);

    ck_assert_int_eq(P.lpWSPEventSelect(b1, NULL, 0, &err), 0);
    ck_assert_int_eq(P.lpWSPEventSelect(b2, NULL, 0, &err), 0);
    ck_assert(CloseHandle(ev[0]) && CloseHandle(ev[1]));
    SOCKET all[3] = { a1, b1, b2 };
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(P.lpWSPCloseSocket(all[i], &err), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("wsp_win32_events");
    TCase *tc = tcase_create("upcalls");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, provider_signals_win32_events_through_upcalls);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

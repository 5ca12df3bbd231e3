/*
 * events_test.c - readiness through libws2_32: the event model end to end
 * on loopback (WSACreateEvent, WSAEventSelect, WSAWaitForMultipleEvents,
 * WSAEnumNetworkEvents, WSAResetEvent/WSASetEvent/WSACloseEvent), select
 * and __WSAFDIsSet, and WSAPoll with Windows' POLL* values and rules.
 * Every wait is bounded.  Expected values: doc "WSAEventSelect function",
 * "WSAEnumNetworkEvents function", "WSAWaitForMultipleEvents function",
 * "select function", "WSAPoll function".
 */
#include <winsock2.h>
#include <windows.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>

#define BOUND 5000

static void start(void)
{
    WSADATA d;
    ck_assert_int_eq(WSAStartup(MAKEWORD(2, 2), &d), 0);
}

static SOCKET listener(SOCKADDR_IN *a)
{
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(a, 0, sizeof *a);
    a->sin_family = AF_INET;
    ((unsigned char *)&a->sin_addr)[0] = 127;
    ((unsigned char *)&a->sin_addr)[3] = 1;
    ck_assert_int_eq(bind(l, (struct sockaddr *)a, sizeof *a), 0);
    int len = sizeof *a;
    ck_assert_int_eq(getsockname(l, (struct sockaddr *)a, &len), 0);
    ck_assert_int_eq(listen(l, 4), 0);
    return l;
}

START_TEST(event_model_end_to_end)
{
    start();
    SOCKADDR_IN a;
    SOCKET l = listener(&a);
    WSAEVENT ev[2] = { WSACreateEvent(), WSACreateEvent() };
    ck_assert_ptr_ne(ev[0], WSA_INVALID_EVENT);
    ck_assert_int_eq(WSAEventSelect(l, ev[0], FD_ACCEPT), 0);
    /* doc WSAEventSelect: the socket is nonblocking from now on */
    ck_assert_uint_eq(WSAWaitForMultipleEvents(1, ev, FALSE, 50, FALSE), WSA_WAIT_TIMEOUT);

    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ck_assert_int_eq(WSAEventSelect(c, ev[1], FD_CONNECT | FD_WRITE | FD_READ | FD_CLOSE), 0);
    WSASetLastError(0);
    ck_assert_int_eq(connect(c, (struct sockaddr *)&a, sizeof a), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEWOULDBLOCK);

    /* FD_ACCEPT on the listener (index 0) */
    ck_assert_uint_eq(WSAWaitForMultipleEvents(1, &ev[0], FALSE, BOUND, FALSE), WSA_WAIT_EVENT_0);
    WSANETWORKEVENTS ne;
    ck_assert_int_eq(WSAEnumNetworkEvents(l, ev[0], &ne), 0);
    ck_assert(ne.lNetworkEvents & FD_ACCEPT);
    ck_assert_int_eq(ne.iErrorCode[FD_ACCEPT_BIT], 0);
    ck_assert_uint_eq(WSAWaitForMultipleEvents(1, &ev[0], FALSE, 0, FALSE), WSA_WAIT_TIMEOUT);  /* reset */
    SOCKET s = accept(l, NULL, NULL);
    ck_assert(s != INVALID_SOCKET);

    /* FD_CONNECT and FD_WRITE on the client (index 1 of the pair) */
    ck_assert_uint_eq(WSAWaitForMultipleEvents(2, ev, FALSE, BOUND, FALSE), WSA_WAIT_EVENT_0 + 1);
    memset(&ne, 0, sizeof ne);
    ck_assert_int_eq(WSAEnumNetworkEvents(c, ev[1], &ne), 0);
    ck_assert(ne.lNetworkEvents & FD_CONNECT);
    ck_assert_int_eq(ne.iErrorCode[FD_CONNECT_BIT], 0);

    /* FD_READ when the server sends */
    ck_assert_int_eq(send(s, "hi", 2, 0), 2);
    ck_assert_uint_eq(WSAWaitForMultipleEvents(1, &ev[1], TRUE, BOUND, FALSE), WSA_WAIT_EVENT_0);
    memset(&ne, 0, sizeof ne);
    ck_assert_int_eq(WSAEnumNetworkEvents(c, ev[1], &ne), 0);
    ck_assert(ne.lNetworkEvents & FD_READ);
    char buf[8];
    ck_assert_int_eq(recv(c, buf, sizeof buf, 0), 2);

    /* FD_CLOSE when the server closes */
    ck_assert_int_eq(closesocket(s), 0);
    DWORD deadline = GetTickCount() + BOUND;
    LONG seen = 0;
    while (!(seen & FD_CLOSE) && GetTickCount() < deadline) {
        if (WSAWaitForMultipleEvents(1, &ev[1], FALSE, 100, FALSE) == WSA_WAIT_EVENT_0) {
            memset(&ne, 0, sizeof ne);
            ck_assert_int_eq(WSAEnumNetworkEvents(c, ev[1], &ne), 0);
            seen |= ne.lNetworkEvents;
        }
    }
    ck_assert(seen & FD_CLOSE);

    /* the event objects themselves */
    ck_assert(WSASetEvent(ev[0]));
    ck_assert_uint_eq(WSAWaitForMultipleEvents(2, ev, FALSE, 0, FALSE), WSA_WAIT_EVENT_0);
    ck_assert(WSAResetEvent(ev[0]));
    ck_assert_uint_eq(WSAWaitForMultipleEvents(1, ev, FALSE, 0, FALSE), WSA_WAIT_TIMEOUT);
    ck_assert_int_eq(WSAEventSelect(c, NULL, 0), 0);
    ck_assert_int_eq(WSAEventSelect(l, NULL, 0), 0);
    ck_assert(WSACloseEvent(ev[0]) && WSACloseEvent(ev[1]));
    /* doc WSACloseEvent: a closed handle is WSA_INVALID_HANDLE */
    ck_assert(!WSACloseEvent(ev[0]));
    ck_assert_int_eq(WSAGetLastError(), WSA_INVALID_HANDLE);
    ck_assert(!WSASetEvent(ev[1]));
    ck_assert_int_eq(WSAGetLastError(), WSA_INVALID_HANDLE);
    /* doc WSAWaitForMultipleEvents: no events is WSA_INVALID_PARAMETER */
    ck_assert_uint_eq(WSAWaitForMultipleEvents(0, ev, FALSE, 0, FALSE), WSA_WAIT_FAILED);
    ck_assert_int_eq(WSAGetLastError(), WSA_INVALID_PARAMETER);
    closesocket(c);
    closesocket(l);
    ck_assert_int_eq(WSACleanup(), 0);
}
END_TEST

START_TEST(select_and_fd_isset)
{
    start();
    SOCKADDR_IN a;
    SOCKET l = listener(&a);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ck_assert_int_eq(connect(c, (struct sockaddr *)&a, sizeof a), 0);
    fd_set r, w;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(l, &r);
    FD_SET(c, &r);
    FD_SET(c, &w);
    TIMEVAL tv = { 5, 0 };
    /* the listener is readable (a pending connection), the client writable */
    ck_assert_int_eq(select(0, &r, &w, NULL, &tv), 2);
    ck_assert(FD_ISSET(l, &r) && __WSAFDIsSet(l, &r));
    ck_assert(!FD_ISSET(c, &r) && !__WSAFDIsSet(c, &r));
    ck_assert(FD_ISSET(c, &w) && __WSAFDIsSet(c, &w));
    ck_assert_uint_eq(r.fd_count, 1);
    /* doc select: all sets empty is WSAEINVAL (glibc's select would wait) */
    FD_ZERO(&r);
    tv.tv_sec = 0;
    WSASetLastError(0);
    ck_assert_int_eq(select(0, &r, NULL, NULL, &tv), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEINVAL);
    closesocket(c);
    closesocket(l);
    ck_assert_int_eq(WSACleanup(), 0);
}
END_TEST

START_TEST(wsapoll_windows_values_and_rules)
{
    /* doc WSAPOLLFD: the Windows values, not glibc's */
    ck_assert_int_eq(POLLRDNORM, 0x0100);
    ck_assert_int_eq(POLLIN, 0x0300);
    ck_assert_int_eq(POLLOUT, 0x0010);
    ck_assert_int_eq(POLLHUP, 0x0002);
    ck_assert_int_eq(POLLNVAL, 0x0004);
    ck_assert_uint_eq(sizeof(WSAPOLLFD), 16);
    start();
    SOCKADDR_IN a;
    SOCKET l = listener(&a);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ck_assert_int_eq(connect(c, (struct sockaddr *)&a, sizeof a), 0);
    SOCKET s = accept(l, NULL, NULL);

    WSAPOLLFD p[4];
    memset(p, 0, sizeof p);
    p[0].fd = c;
    p[0].events = POLLRDNORM;
    p[1].fd = c;
    p[1].events = POLLWRNORM;
    p[2].fd = (SOCKET)-5;           /* negative: ignored */
    p[2].events = POLLRDNORM;
    p[3].fd = (SOCKET)0x7ffe1234;   /* not a socket: POLLNVAL */
    p[3].events = POLLRDNORM;
    p[2].revents = p[3].revents = 0x7777;
    ck_assert_int_eq(WSAPoll(p, 4, 1000), 2);
    ck_assert_int_eq(p[0].revents, 0);
    ck_assert_int_eq(p[1].revents, POLLWRNORM);
    ck_assert_int_eq(p[2].revents, 0);
    ck_assert_int_eq(p[3].revents, POLLNVAL);

    ck_assert_int_eq(send(s, "x", 1, 0), 1);
    ck_assert_int_eq(WSAPoll(p, 1, BOUND), 1);
    ck_assert_int_eq(p[0].revents, POLLRDNORM);
    /* the peer closes: POLLHUP, reported without being asked for */
    char b;
    ck_assert_int_eq(recv(c, &b, 1, 0), 1);
    ck_assert_int_eq(closesocket(s), 0);
    p[0].events = 0;
    ck_assert_int_eq(WSAPoll(p, 1, BOUND), 1);
    ck_assert(p[0].revents & POLLHUP);
    /* timeout 0 with nothing ready */
    p[0].fd = l;
    p[0].events = POLLRDNORM;
    ck_assert_int_eq(WSAPoll(p, 1, 0), 0);

    /* doc WSAPoll: events other than POLLRDNORM|POLLRDBAND|POLLWRNORM (POLLPRI
     * with the Microsoft provider, or the result bits) are WSAEINVAL */
    short bad[] = { POLLPRI, POLLERR, POLLHUP, POLLRDNORM | POLLWRBAND };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        p[0].fd = c;
        p[0].events = bad[i];
        WSASetLastError(0);
        ck_assert_int_eq(WSAPoll(p, 1, 0), SOCKET_ERROR);
        ck_assert_int_eq(WSAGetLastError(), WSAEINVAL);
    }
    /* no valid socket at all: WSAEINVAL */
    p[0].fd = (SOCKET)0x7ffe1234;
    p[0].events = POLLRDNORM;
    WSASetLastError(0);
    ck_assert_int_eq(WSAPoll(p, 1, 0), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEINVAL);
    closesocket(c);
    closesocket(l);
    ck_assert_int_eq(WSACleanup(), 0);
}
END_TEST

static DWORD WINAPI close_later(LPVOID arg)
{
    Sleep(200);
    closesocket(*(SOCKET *)arg);
    return 0;
}

/* doc "closesocket function": a close by another thread cancels the calls
 * waiting on the socket -- an infinite WSAPoll ends and reports the entry
 * POLLNVAL (doc WSAPoll: the socket is invalid), as select already ends.
 * It waited for ever; the wait here is bounded by the test's timeout. */
START_TEST(wsapoll_ends_when_another_thread_closes)
{
    start();
    SOCKADDR_IN a;
    SOCKET l = listener(&a);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ck_assert_int_eq(connect(c, (struct sockaddr *)&a, sizeof a), 0);
    SOCKET s = accept(l, NULL, NULL);
    HANDLE t = CreateThread(NULL, 0, close_later, &c, 0, NULL);
    ck_assert(t != NULL);
    WSAPOLLFD p = { c, POLLRDNORM, 0 };
    ck_assert_int_eq(WSAPoll(&p, 1, -1), 1);
    ck_assert_int_eq(p.revents, POLLNVAL);
    ck_assert_uint_eq(WaitForSingleObject(t, BOUND), WAIT_OBJECT_0);
    CloseHandle(t);
    closesocket(s);
    closesocket(l);
    ck_assert_int_eq(WSACleanup(), 0);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("ws2_events");
    TCase *tc = tcase_create("readiness");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, event_model_end_to_end);
    tcase_add_test(tc, select_and_fd_isset);
    tcase_add_test(tc, wsapoll_windows_values_and_rules);
    tcase_add_test(tc, wsapoll_ends_when_another_thread_closes);
    suite_add_tcase(su, tc);
    SRunner *sr = srunner_create(su);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

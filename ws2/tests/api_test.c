/*
 * api_test.c - the Winsock API of libws2_32, as a Windows program calls it:
 * per function the Windows error codes from WSAGetLastError --
 * WSANOTINITIALISED before WSAStartup, WSAENOTSOCK for a closed or random
 * handle, WSAEFAULT for NULL and unmapped pointers -- and loopback
 * TCP/UDP traffic through every data call, options through the provider's
 * rules, ioctlsocket, overlapped requests refused.  Expected values: the
 * functions' doc pages (named per test) and the provider's cited rules.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include "posix_helpers.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static void start(void)
{
    WSADATA d;
    ck_assert_int_eq(WSAStartup(MAKEWORD(2, 2), &d), 0);
}

static SOCKADDR_IN loopback(USHORT port_be)
{
    SOCKADDR_IN a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = port_be;
    ((unsigned char *)&a.sin_addr)[0] = 127;
    ((unsigned char *)&a.sin_addr)[3] = 1;
    return a;
}

/* a listening TCP socket on 127.0.0.1 and its address */
static SOCKET listener(SOCKADDR_IN *addr)
{
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ck_assert(l != INVALID_SOCKET);
    *addr = loopback(0);
    ck_assert_int_eq(bind(l, (struct sockaddr *)addr, sizeof *addr), 0);
    int len = sizeof *addr;
    ck_assert_int_eq(getsockname(l, (struct sockaddr *)addr, &len), 0);
    ck_assert_int_eq(listen(l, 4), 0);
    return l;
}

#define EXPECT_FAIL(call, code)                                            \
    do {                                                                   \
        WSASetLastError(0);                                                \
        ck_assert_int_eq((int)(call), SOCKET_ERROR);                       \
        ck_assert_int_eq(WSAGetLastError(), (code));                       \
    } while (0)
#define EXPECT_INVALID(call, code)                                         \
    do {                                                                   \
        WSASetLastError(0);                                                \
        ck_assert((call) == INVALID_SOCKET);                               \
        ck_assert_int_eq(WSAGetLastError(), (code));                       \
    } while (0)

/* ---- WSANOTINITIALISED: every socket call before WSAStartup ---------- */
START_TEST(every_call_needs_startup)
{
    SOCKADDR_IN a = loopback(0);
    int len = sizeof a, optval = 1;
    char buf[4];
    WSABUF wb = { sizeof buf, buf };
    DWORD n = 0, fl = 0;
    u_long arg = 1;
    fd_set set;
    FD_ZERO(&set);
    FD_SET((SOCKET)3, &set);
    WSAPOLLFD pfd = { 3, POLLRDNORM, 0 };
    WSANETWORKEVENTS ne;
    SOCKET s = (SOCKET)3;
    for (int round = 0; round < 2; round++) {
        EXPECT_INVALID(socket(AF_INET, SOCK_STREAM, 0), WSANOTINITIALISED);
        EXPECT_INVALID(WSASocketA(AF_INET, SOCK_STREAM, 0, NULL, 0, 0), WSANOTINITIALISED);
        EXPECT_INVALID(WSASocketW(AF_INET, SOCK_STREAM, 0, NULL, 0, 0), WSANOTINITIALISED);
        EXPECT_INVALID(accept(s, NULL, NULL), WSANOTINITIALISED);
        EXPECT_INVALID(WSAAccept(s, NULL, NULL, NULL, 0), WSANOTINITIALISED);
        EXPECT_FAIL(bind(s, (struct sockaddr *)&a, sizeof a), WSANOTINITIALISED);
        EXPECT_FAIL(listen(s, 1), WSANOTINITIALISED);
        EXPECT_FAIL(connect(s, (struct sockaddr *)&a, sizeof a), WSANOTINITIALISED);
        EXPECT_FAIL(WSAConnect(s, (struct sockaddr *)&a, sizeof a, NULL, NULL, NULL, NULL), WSANOTINITIALISED);
        EXPECT_FAIL(send(s, buf, 1, 0), WSANOTINITIALISED);
        EXPECT_FAIL(recv(s, buf, 1, 0), WSANOTINITIALISED);
        EXPECT_FAIL(sendto(s, buf, 1, 0, (struct sockaddr *)&a, sizeof a), WSANOTINITIALISED);
        EXPECT_FAIL(recvfrom(s, buf, 1, 0, (struct sockaddr *)&a, &len), WSANOTINITIALISED);
        EXPECT_FAIL(WSASend(s, &wb, 1, &n, 0, NULL, NULL), WSANOTINITIALISED);
        EXPECT_FAIL(WSARecv(s, &wb, 1, &n, &fl, NULL, NULL), WSANOTINITIALISED);
        EXPECT_FAIL(WSASendTo(s, &wb, 1, &n, 0, (struct sockaddr *)&a, sizeof a, NULL, NULL), WSANOTINITIALISED);
        EXPECT_FAIL(WSARecvFrom(s, &wb, 1, &n, &fl, (struct sockaddr *)&a, &len, NULL, NULL), WSANOTINITIALISED);
        EXPECT_FAIL(shutdown(s, SD_BOTH), WSANOTINITIALISED);
        EXPECT_FAIL(closesocket(s), WSANOTINITIALISED);
        EXPECT_FAIL(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)&optval, sizeof optval), WSANOTINITIALISED);
        EXPECT_FAIL(getsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)&optval, &len), WSANOTINITIALISED);
        EXPECT_FAIL(ioctlsocket(s, FIONBIO, &arg), WSANOTINITIALISED);
        EXPECT_FAIL(WSAIoctl(s, FIONBIO, &arg, sizeof arg, NULL, 0, &n, NULL, NULL), WSANOTINITIALISED);
        EXPECT_FAIL(select(0, &set, NULL, NULL, NULL), WSANOTINITIALISED);
        EXPECT_FAIL(WSAPoll(&pfd, 1, 0), WSANOTINITIALISED);
        EXPECT_FAIL(getsockname(s, (struct sockaddr *)&a, &len), WSANOTINITIALISED);
        EXPECT_FAIL(getpeername(s, (struct sockaddr *)&a, &len), WSANOTINITIALISED);
        EXPECT_FAIL(WSAEventSelect(s, NULL, 0), WSANOTINITIALISED);
        EXPECT_FAIL(WSAEnumNetworkEvents(s, NULL, &ne), WSANOTINITIALISED);
        EXPECT_FAIL(WSAAsyncSelect(s, NULL, 0, 0), WSANOTINITIALISED);
        if (round == 0) {       /* and again after a startup/cleanup pair */
            start();
            ck_assert_int_eq(WSACleanup(), 0);
        }
    }
}
END_TEST

/* ---- WSAENOTSOCK: a closed handle and a handle never issued ------------ */
static void expect_notsock(SOCKET s)
{
    SOCKADDR_IN a = loopback(0);
    int len = sizeof a, optval = 1;
    char buf[4] = { 0 };
    WSABUF wb = { sizeof buf, buf };
    DWORD n = 0, fl = 0;
    u_long arg = 1;
    WSANETWORKEVENTS ne;
    WSAEVENT ev = WSACreateEvent();
    EXPECT_FAIL(bind(s, (struct sockaddr *)&a, sizeof a), WSAENOTSOCK);
    EXPECT_FAIL(listen(s, 1), WSAENOTSOCK);
    EXPECT_INVALID(accept(s, NULL, NULL), WSAENOTSOCK);
    EXPECT_INVALID(WSAAccept(s, NULL, NULL, NULL, 0), WSAENOTSOCK);
    EXPECT_FAIL(connect(s, (struct sockaddr *)&a, sizeof a), WSAENOTSOCK);
    EXPECT_FAIL(send(s, buf, 1, 0), WSAENOTSOCK);
    EXPECT_FAIL(recv(s, buf, 1, 0), WSAENOTSOCK);
    EXPECT_FAIL(sendto(s, buf, 1, 0, (struct sockaddr *)&a, sizeof a), WSAENOTSOCK);
    EXPECT_FAIL(recvfrom(s, buf, 1, 0, (struct sockaddr *)&a, &len), WSAENOTSOCK);
    EXPECT_FAIL(WSASend(s, &wb, 1, &n, 0, NULL, NULL), WSAENOTSOCK);
    EXPECT_FAIL(WSARecv(s, &wb, 1, &n, &fl, NULL, NULL), WSAENOTSOCK);
    EXPECT_FAIL(shutdown(s, SD_BOTH), WSAENOTSOCK);
    EXPECT_FAIL(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)&optval, sizeof optval), WSAENOTSOCK);
    len = sizeof optval;
    EXPECT_FAIL(getsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)&optval, &len), WSAENOTSOCK);
    EXPECT_FAIL(ioctlsocket(s, FIONBIO, &arg), WSAENOTSOCK);
    len = sizeof a;
    EXPECT_FAIL(getsockname(s, (struct sockaddr *)&a, &len), WSAENOTSOCK);
    EXPECT_FAIL(getpeername(s, (struct sockaddr *)&a, &len), WSAENOTSOCK);
    EXPECT_FAIL(WSAEventSelect(s, ev, FD_READ), WSAENOTSOCK);
    EXPECT_FAIL(WSAEnumNetworkEvents(s, ev, &ne), WSAENOTSOCK);
    fd_set set;
    FD_ZERO(&set);
    FD_SET(s, &set);
    TIMEVAL tv = { 0, 0 };
    EXPECT_FAIL(select(0, &set, NULL, NULL, &tv), WSAENOTSOCK);
    EXPECT_FAIL(closesocket(s), WSAENOTSOCK);
    ck_assert(WSACloseEvent(ev));
}

START_TEST(closed_handle_is_not_a_socket)
{
    start();
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ck_assert(s != INVALID_SOCKET);
    ck_assert_int_eq(closesocket(s), 0);
    expect_notsock(s);
    ck_assert_int_eq(WSACleanup(), 0);
}
END_TEST

START_TEST(random_handle_is_not_a_socket)
{
    start();
    expect_notsock((SOCKET)0x7ffe1234);
    expect_notsock(INVALID_SOCKET);
    ck_assert_int_eq(WSACleanup(), 0);
}
END_TEST

/* ---- WSAEFAULT: NULL, the first page, unmapped and PROT_NONE pointers --- */
static void *bad_pointer(int kind)
{
    switch (kind) {
    case 0: return NULL;
    case 1: return (void *)(uintptr_t)16;
    case 2: return posix_unmapped_page();
    default: return posix_protnone_page();
    }
}

START_TEST(bad_pointers_are_efault)
{
    start();
    void *bad = bad_pointer(_i);
    int badlen_ok = sizeof(SOCKADDR_IN);
    SOCKADDR_IN a;
    SOCKET l = listener(&a);
    SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    SOCKADDR_IN ua = loopback(0);
    ck_assert_int_eq(bind(u, (struct sockaddr *)&ua, sizeof ua), 0);
    int len = sizeof ua;
    ck_assert_int_eq(getsockname(u, (struct sockaddr *)&ua, &len), 0);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

    /* doc bind / connect / sendto: name not in the user address space */
    EXPECT_FAIL(bind(c, (struct sockaddr *)bad, sizeof a), WSAEFAULT);
    EXPECT_FAIL(connect(c, (struct sockaddr *)bad, sizeof a), WSAEFAULT);
    char byte = 'x';
    if (_i > 0)           /* a NULL address on a datagram socket is a send without one */
        EXPECT_FAIL(sendto(u, &byte, 1, 0, (struct sockaddr *)bad, sizeof a), WSAEFAULT);
    /* doc getsockname / getpeername: name or namelen */
    len = sizeof a;
    EXPECT_FAIL(getsockname(l, (struct sockaddr *)bad, &len), WSAEFAULT);
    EXPECT_FAIL(getsockname(l, (struct sockaddr *)&a, (int *)bad), WSAEFAULT);
    /* doc setsockopt / getsockopt: optval or optlen */
    EXPECT_FAIL(setsockopt(u, SOL_SOCKET, SO_RCVBUF, (const char *)bad, sizeof(int)), WSAEFAULT);
    len = sizeof(int);
    EXPECT_FAIL(getsockopt(u, SOL_SOCKET, SO_RCVBUF, (char *)bad, &len), WSAEFAULT);
    EXPECT_FAIL(getsockopt(u, SOL_SOCKET, SO_RCVBUF, (char *)&byte, (int *)bad), WSAEFAULT);
    /* doc ioctlsocket: argp */
    EXPECT_FAIL(ioctlsocket(u, FIONBIO, (u_long *)bad), WSAEFAULT);
    EXPECT_FAIL(ioctlsocket(u, FIONREAD, (u_long *)bad), WSAEFAULT);
    /* doc send / recv: buf not wholly in the user address space */
    EXPECT_FAIL(sendto(u, (const char *)bad, 1, 0, (struct sockaddr *)&ua, sizeof ua), WSAEFAULT);
    /* doc WSASend / WSARecv: lpBuffers; WSARecv: lpFlags */
    DWORD n = 0, fl = 0;
    EXPECT_FAIL(WSASend(u, (LPWSABUF)bad, 1, &n, 0, NULL, NULL), WSAEFAULT);
    char b[4];
    WSABUF wb = { sizeof b, b };
    EXPECT_FAIL(WSARecv(u, &wb, 1, &n, (LPDWORD)bad, NULL, NULL), WSAEFAULT);
    (void)fl;
    /* doc recvfrom: fromlen */
    ck_assert_int_eq(sendto(u, "x", 1, 0, (struct sockaddr *)&ua, sizeof ua), 1);
    EXPECT_FAIL(recvfrom(u, b, sizeof b, 0, (struct sockaddr *)&a, (int *)bad), WSAEFAULT);
    /* doc accept: addrlen */
    ck_assert_int_eq(connect(c, (struct sockaddr *)&a, sizeof a), 0);
    EXPECT_INVALID(accept(l, (struct sockaddr *)&a, (int *)bad), WSAEFAULT);
    /* doc select: a set or the timeout */
    fd_set set;
    FD_ZERO(&set);
    FD_SET(u, &set);
    if (_i > 0)           /* a NULL timeout is valid: wait forever */
        EXPECT_FAIL(select(0, &set, NULL, NULL, (const TIMEVAL *)bad), WSAEFAULT);
    /* doc WSAEnumNetworkEvents: lpNetworkEvents */
    WSAEVENT ev = WSACreateEvent();
    ck_assert_int_eq(WSAEventSelect(u, ev, FD_READ), 0);
    EXPECT_FAIL(WSAEnumNetworkEvents(u, ev, (LPWSANETWORKEVENTS)bad), WSAEFAULT);
    /* doc WSAPoll: NULL fdarray is WSAEINVAL, an unreadable one WSAEFAULT */
    EXPECT_FAIL(WSAPoll((LPWSAPOLLFD)bad, 1, 0), _i == 0 ? WSAEINVAL : WSAEFAULT);
    /* doc WSASocket: lpProtocolInfo */
    if (_i > 0)
        EXPECT_INVALID(WSASocketA(AF_INET, SOCK_STREAM, 0, (LPWSAPROTOCOL_INFOA)bad, 0, 0), WSAEFAULT);
    /* doc WSAConnect: connect data; doc WSASendDisconnect/WSARecvDisconnect:
     * disconnect data (NULL is valid: no data) -- these crashed */
    if (_i > 0) {
        SOCKET c2 = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        EXPECT_FAIL(WSAConnect(c2, (struct sockaddr *)&a, sizeof a, (LPWSABUF)bad, NULL, NULL, NULL), WSAEFAULT);
        EXPECT_FAIL(WSAConnect(c2, (struct sockaddr *)&a, sizeof a, NULL, (LPWSABUF)bad, NULL, NULL), WSAEFAULT);
        closesocket(c2);
        EXPECT_FAIL(WSASendDisconnect(c, (LPWSABUF)bad), WSAEFAULT);
        EXPECT_FAIL(WSARecvDisconnect(c, (LPWSABUF)bad), WSAEFAULT);
    }
    (void)badlen_ok;
    closesocket(u);
    closesocket(c);
    closesocket(l);
    WSACloseEvent(ev);
    ck_assert_int_eq(WSACleanup(), 0);
}
END_TEST

/* ---- traffic on loopback through every data call ---------------------- */
START_TEST(tcp_echo_through_every_call)
{
    start();
    SOCKADDR_IN a;
    SOCKET l = listener(&a);
    SOCKET c = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, 0);
    ck_assert(c != INVALID_SOCKET);
    ck_assert_int_eq(WSAConnect(c, (struct sockaddr *)&a, sizeof a, NULL, NULL, NULL, NULL), 0);
    SOCKADDR_IN peer;
    int plen = sizeof peer;
    SOCKET s = WSAAccept(l, (struct sockaddr *)&peer, &plen, NULL, 0);
    ck_assert(s != INVALID_SOCKET);
    ck_assert_int_eq(plen, sizeof(SOCKADDR_IN));
    ck_assert_uint_eq(peer.sin_family, AF_INET);

    SOCKADDR_IN me, them;
    int mlen = sizeof me, tlen = sizeof them;
    ck_assert_int_eq(getsockname(c, (struct sockaddr *)&me, &mlen), 0);
    ck_assert_int_eq(getpeername(s, (struct sockaddr *)&them, &tlen), 0);
    ck_assert_uint_eq(me.sin_port, them.sin_port);

    ck_assert_int_eq(send(c, "hello", 5, 0), 5);
    char buf[16];
    ck_assert_int_eq(recv(s, buf, sizeof buf, 0), 5);
    ck_assert(memcmp(buf, "hello", 5) == 0);

    char p1[] = "ab", p2[] = "cde";
    WSABUF two[2] = { { 2, p1 }, { 3, p2 } };
    DWORD sent = 0, got = 0, flags = 0;
    ck_assert_int_eq(WSASend(s, two, 2, &sent, 0, NULL, NULL), 0);
    ck_assert_uint_eq(sent, 5);
    WSABUF in = { sizeof buf, buf };
    ck_assert_int_eq(WSARecv(c, &in, 1, &got, &flags, NULL, NULL), 0);
    ck_assert_uint_eq(got, 5);
    ck_assert(memcmp(buf, "abcde", 5) == 0);

    /* ioctlsocket: FIONREAD counts, FIONBIO makes recv WSAEWOULDBLOCK */
    ck_assert_int_eq(send(s, "xyz", 3, 0), 3);
    u_long avail = 0;
    for (int i = 0; i < 100 && avail < 3; i++) {
        ck_assert_int_eq(ioctlsocket(c, FIONREAD, &avail), 0);
        if (avail < 3)
            Sleep(10);
    }
    ck_assert_uint_eq(avail, 3);
    ck_assert_int_eq(recv(c, buf, sizeof buf, 0), 3);
    u_long on = 1;
    ck_assert_int_eq(ioctlsocket(c, FIONBIO, &on), 0);
    EXPECT_FAIL(recv(c, buf, sizeof buf, 0), WSAEWOULDBLOCK);

    /* shutdown(SD_SEND): the peer reads 0; a send after it is WSAESHUTDOWN */
    ck_assert_int_eq(shutdown(s, SD_SEND), 0);
    ck_assert_int_eq(ioctlsocket(c, FIONBIO, (on = 0, &on)), 0);
    ck_assert_int_eq(recv(c, buf, sizeof buf, 0), 0);
    EXPECT_FAIL(send(s, "x", 1, 0), WSAESHUTDOWN);

    ck_assert_int_eq(closesocket(c), 0);
    ck_assert_int_eq(closesocket(s), 0);
    ck_assert_int_eq(closesocket(l), 0);
    ck_assert_int_eq(WSACleanup(), 0);
}
END_TEST

START_TEST(udp_through_every_call)
{
    start();
    SOCKET a = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP), b = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    SOCKADDR_IN aa = loopback(0), ba = loopback(0);
    ck_assert_int_eq(bind(a, (struct sockaddr *)&aa, sizeof aa), 0);
    ck_assert_int_eq(bind(b, (struct sockaddr *)&ba, sizeof ba), 0);
    int len = sizeof aa;
    ck_assert_int_eq(getsockname(a, (struct sockaddr *)&aa, &len), 0);
    len = sizeof ba;
    ck_assert_int_eq(getsockname(b, (struct sockaddr *)&ba, &len), 0);

    ck_assert_int_eq(sendto(a, "ping", 4, 0, (struct sockaddr *)&ba, sizeof ba), 4);
    char buf[16];
    SOCKADDR_IN from;
    int flen = sizeof from;
    ck_assert_int_eq(recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen), 4);
    ck_assert_uint_eq(from.sin_port, aa.sin_port);

    char msg[] = "pong";
    WSABUF wb = { 4, msg };
    DWORD n = 0, flags = 0;
    ck_assert_int_eq(WSASendTo(b, &wb, 1, &n, 0, (struct sockaddr *)&aa, sizeof aa, NULL, NULL), 0);
    ck_assert_uint_eq(n, 4);
    WSABUF rb = { 2, buf };     /* too small: doc WSARecvFrom, WSAEMSGSIZE and the datagram's head */
    flen = sizeof from;
    EXPECT_FAIL(WSARecvFrom(a, &rb, 1, &n, &flags, (struct sockaddr *)&from, &flen, NULL, NULL), WSAEMSGSIZE);
    ck_assert(memcmp(buf, "po", 2) == 0);

    /* overlapped requests are out of scope: refused, never half-done */
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    EXPECT_FAIL(WSASendTo(b, &wb, 1, &n, 0, (struct sockaddr *)&aa, sizeof aa, &ov, NULL), WSAEOPNOTSUPP);
    EXPECT_FAIL(WSARecv(a, &rb, 1, &n, &flags, &ov, NULL), WSAEOPNOTSUPP);
    ck_assert(!WSAGetOverlappedResult(a, &ov, &n, FALSE, &flags));
    ck_assert_int_eq(WSAGetLastError(), WSAEOPNOTSUPP);
    EXPECT_FAIL(WSAAsyncSelect(a, NULL, 0x400, FD_READ), WSAEOPNOTSUPP);
    /* AcceptEx & co. are not offered: SIO_GET_EXTENSION_FUNCTION_POINTER refused */
    GUID g;
    memset(&g, 0, sizeof g);
    void *fn = NULL;
    EXPECT_FAIL(WSAIoctl(a, SIO_GET_EXTENSION_FUNCTION_POINTER, &g, sizeof g, &fn, sizeof fn, &n, NULL, NULL),
                WSAEOPNOTSUPP);
    ck_assert_int_eq(closesocket(a), 0);
    ck_assert_int_eq(closesocket(b), 0);
    ck_assert_int_eq(WSACleanup(), 0);
}
END_TEST

/* setsockopt/getsockopt reach the provider's option table: its rules apply */
START_TEST(options_follow_the_provider_rules)
{
    start();
    SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP), t = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    LINGER lg = { 1, 5 };
    /* doc SOL_SOCKET socket options: SO_LINGER is for stream sockets */
    EXPECT_FAIL(setsockopt(u, SOL_SOCKET, SO_LINGER, (char *)&lg, sizeof lg), WSAENOPROTOOPT);
    ck_assert_int_eq(setsockopt(t, SOL_SOCKET, SO_LINGER, (char *)&lg, sizeof lg), 0);
    LINGER back;
    int len = sizeof back;
    ck_assert_int_eq(getsockopt(t, SOL_SOCKET, SO_LINGER, (char *)&back, &len), 0);
    ck_assert_int_eq(len, sizeof(LINGER));
    ck_assert_uint_eq(back.l_onoff, 1);
    ck_assert_uint_eq(back.l_linger, 5);
    /* Windows keeps the SO_RCVBUF asked for (Linux doubles it) */
    int v = 4096;
    ck_assert_int_eq(setsockopt(t, SOL_SOCKET, SO_RCVBUF, (char *)&v, sizeof v), 0);
    v = 0;
    len = sizeof v;
    ck_assert_int_eq(getsockopt(t, SOL_SOCKET, SO_RCVBUF, (char *)&v, &len), 0);
    ck_assert_int_eq(v, 4096);
    /* SO_RCVTIMEO in milliseconds: a blocking recv times out WSAETIMEDOUT */
    DWORD ms = 100;
    ck_assert_int_eq(setsockopt(u, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, sizeof ms), 0);
    SOCKADDR_IN ua = loopback(0);
    ck_assert_int_eq(bind(u, (struct sockaddr *)&ua, sizeof ua), 0);
    char b[4];
    EXPECT_FAIL(recv(u, b, sizeof b, 0), WSAETIMEDOUT);
    /* an unknown level */
    EXPECT_FAIL(setsockopt(t, 0x4242, 1, (char *)&v, sizeof v), WSAEINVAL);
    closesocket(u);
    closesocket(t);
    ck_assert_int_eq(WSACleanup(), 0);
}
END_TEST

/* the A form: the structure is read and widened */
START_TEST(wsasocketa_takes_protocol_info)
{
    start();
    WSAPROTOCOL_INFOA info;
    memset(&info, 0, sizeof info);
    info.iAddressFamily = AF_INET;
    info.iSocketType = SOCK_DGRAM;
    info.iProtocol = IPPROTO_UDP;
    strcpy(info.szProtocol, "udp");
    SOCKET s = WSASocketA(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0);
    ck_assert(s != INVALID_SOCKET);
    int type = 0, len = sizeof type;
    ck_assert_int_eq(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &len), 0);
    ck_assert_int_eq(type, SOCK_DGRAM);
    ck_assert_int_eq(closesocket(s), 0);
    ck_assert_int_eq(WSACleanup(), 0);
}
END_TEST

/* WSAStartup twice, one cleanup: sockets still work; the last cleanup ends it */
START_TEST(sockets_live_while_any_startup_is_open)
{
    WSADATA d;
    ck_assert_int_eq(WSAStartup(MAKEWORD(2, 2), &d), 0);
    ck_assert_int_eq(WSAStartup(MAKEWORD(2, 0), &d), 0);
    ck_assert_int_eq(WSACleanup(), 0);
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert(s != INVALID_SOCKET);
    ck_assert_int_eq(closesocket(s), 0);
    ck_assert_int_eq(WSACleanup(), 0);
    EXPECT_INVALID(socket(AF_INET, SOCK_STREAM, 0), WSANOTINITIALISED);
}
END_TEST

/* doc "send function": WSAENOTCONN on a stream socket that is not
 * connected (Linux answers EPIPE, which meant WSAECONNRESET here); a
 * connection the peer then resets still fails WSAECONNRESET, no SIGPIPE */
START_TEST(send_on_unconnected_stream_is_notconn)
{
    start();
    SOCKET t = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    EXPECT_FAIL(send(t, "x", 1, 0), WSAENOTCONN);
    char b[1] = { 'x' };
    WSABUF wb = { 1, b };
    DWORD n = 0;
    EXPECT_FAIL(WSASend(t, &wb, 1, &n, 0, NULL, NULL), WSAENOTCONN);
    SOCKADDR_IN a;
    SOCKET l = listener(&a);
    ck_assert_int_eq(connect(t, (struct sockaddr *)&a, sizeof a), 0);
    SOCKET p = accept(l, NULL, NULL);
    ck_assert(p != INVALID_SOCKET);
    LINGER lg = { 1, 0 };                   /* closes with a reset */
    ck_assert_int_eq(setsockopt(p, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof lg), 0);
    ck_assert_int_eq(closesocket(p), 0);
    Sleep(50);
    int r = send(t, "x", 1, 0), code = WSAGetLastError();
    if (r == 1)                             /* the reset may arrive after one send */
        r = send(t, "x", 1, 0), code = WSAGetLastError();
    ck_assert_int_eq(r, SOCKET_ERROR);
    ck_assert_int_eq(code, WSAECONNRESET);
    closesocket(t);
    closesocket(l);
    ck_assert_int_eq(WSACleanup(), 0);
}
END_TEST

/* Windows programs write `FD_SET set;` (the type) next to FD_SET(s, &set)
 * (the macro); WSACancelBlockingCall links and answers as for a 2.x caller
 * (doc "WSACancelBlockingCall function": removed in Winsock 2) */
START_TEST(fd_set_type_name_and_cancel_blocking_call)
{
    ck_assert_int_eq(WSACancelBlockingCall(), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSANOTINITIALISED);
    start();
    SOCKET t = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    FD_SET set;
    FD_ZERO(&set);
    FD_SET(t, &set);
    ck_assert_uint_eq(set.fd_count, 1);
    ck_assert(FD_ISSET(t, &set));
    ck_assert_int_eq(WSACancelBlockingCall(), SOCKET_ERROR);
    ck_assert_int_eq(WSAGetLastError(), WSAEOPNOTSUPP);
    closesocket(t);
    ck_assert_int_eq(WSACleanup(), 0);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("ws2_api");
    TCase *tc = tcase_create("api");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, every_call_needs_startup);
    tcase_add_test(tc, fd_set_type_name_and_cancel_blocking_call);
    tcase_add_test(tc, closed_handle_is_not_a_socket);
    tcase_add_test(tc, random_handle_is_not_a_socket);
    tcase_add_loop_test(tc, bad_pointers_are_efault, 0, 4);
    tcase_add_test(tc, tcp_echo_through_every_call);
    tcase_add_test(tc, udp_through_every_call);
    tcase_add_test(tc, options_follow_the_provider_rules);
    tcase_add_test(tc, wsasocketa_takes_protocol_info);
    tcase_add_test(tc, sockets_live_while_any_startup_is_open);
    tcase_add_test(tc, send_on_unconnected_stream_is_notconn);
    suite_add_tcase(su, tc);
    SRunner *sr = srunner_create(su);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

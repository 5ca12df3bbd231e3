// cxx_test.cc - libws2_32 from C++: the Winsock declarations have C linkage
// (a missing extern "C" fails to link), the fd_set and poll helpers are
// valid C++, and a program's own FD_SETSIZE is honoured here too.
#define FD_SETSIZE 128
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include <cstdio>
#include <cstring>

static_assert(FD_SETSIZE == 128, "the program's FD_SETSIZE");
static_assert(sizeof(fd_set) == sizeof(SOCKET) + 128 * sizeof(SOCKET), "fd_set holds 128");

int main()
{
    int failed = 0;
#define CHECK(c) do { if (!(c)) { std::printf("FAIL: %s\n", #c); failed++; } } while (0)
    WSADATA d;
    CHECK(WSAStartup(MAKEWORD(2, 2), &d) == 0);
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    SOCKADDR_IN a;
    std::memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    reinterpret_cast<unsigned char *>(&a.sin_addr)[0] = 127;
    reinterpret_cast<unsigned char *>(&a.sin_addr)[3] = 1;
    int len = sizeof a;
    CHECK(bind(l, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0);
    CHECK(getsockname(l, reinterpret_cast<sockaddr *>(&a), &len) == 0);
    CHECK(listen(l, SOMAXCONN) == 0);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    CHECK(connect(c, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0);
    SOCKET s = accept(l, NULL, NULL);
    CHECK(s != INVALID_SOCKET);
    CHECK(send(c, "c++", 3, 0) == 3);
    fd_set r;
    FD_ZERO(&r);
    FD_SET(s, &r);
    TIMEVAL tv = { 5, 0 };
    CHECK(select(0, &r, NULL, NULL, &tv) == 1 && FD_ISSET(s, &r));
    WSAPOLLFD p = { s, POLLRDNORM, 0 };
    CHECK(WSAPoll(&p, 1, 5000) == 1 && p.revents == POLLRDNORM);
    char buf[8];
    CHECK(recv(s, buf, sizeof buf, 0) == 3);
    WSAEVENT ev = WSACreateEvent();
    CHECK(WSAEventSelect(s, ev, FD_READ) == 0);
    CHECK(send(c, "x", 1, 0) == 1);
    CHECK(WSAWaitForMultipleEvents(1, &ev, FALSE, 5000, FALSE) == WSA_WAIT_EVENT_0);
    WSANETWORKEVENTS ne;
    CHECK(WSAEnumNetworkEvents(s, ev, &ne) == 0 && (ne.lNetworkEvents & FD_READ));
    CHECK(WSACloseEvent(ev));
    CHECK(closesocket(s) == 0 && closesocket(c) == 0 && closesocket(l) == 0);
    CHECK(closesocket(l) == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK);
    CHECK(WSACleanup() == 0);
    std::printf("ws2 C++: %d failure(s)\n", failed);
    return failed != 0;
}

/*
 * udp_connreset.c - the Windows UDP quirk every ported server meets: a
 * datagram sent to a loopback port nobody listens on draws an ICMP port
 * unreachable, and the sending socket's next recvfrom fails WSAECONNRESET
 * (doc "recvfrom function").  WSAIoctl(SIO_UDP_CONNRESET, FALSE) turns that
 * off (doc "Winsock IOCTLs"), which is what UDP servers do on Windows.
 *
 * For IPv4 and IPv6: an unconnected socket meets the reset, then the
 * datagram queued behind it, then turns the reports off; a connected socket
 * meets it on recv.  Prints byte counts and error names only.  "ok"/"FAIL"
 * says whether a result is the one Windows documents; the exit status is 1
 * if a step could not be done.
 *
 *   cc udp_connreset.c $(pkg-config --cflags --libs ws2_32)
 *   x86_64-w64-mingw32-gcc udp_connreset.c -o udp_connreset.exe -lws2_32
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>

#ifndef SIO_UDP_CONNRESET       /* <mstcpip.h> in the current SDK, <mswsock.h> in older ones */
#define SIO_UDP_CONNRESET _WSAIOW(IOC_VENDOR, 12)
#endif

static const char *wsa_name(int err)
{
    static const struct { int code; const char *name; } names[] = {
        { 0, "0" },
        { WSAEFAULT, "WSAEFAULT" },
        { WSAEINVAL, "WSAEINVAL" },
        { WSAEWOULDBLOCK, "WSAEWOULDBLOCK" },
        { WSAENOTSOCK, "WSAENOTSOCK" },
        { WSAEMSGSIZE, "WSAEMSGSIZE" },
        { WSAEOPNOTSUPP, "WSAEOPNOTSUPP" },
        { WSAEAFNOSUPPORT, "WSAEAFNOSUPPORT" },
        { WSAEADDRINUSE, "WSAEADDRINUSE" },
        { WSAENETRESET, "WSAENETRESET" },
        { WSAECONNRESET, "WSAECONNRESET" },
        { WSAENOTCONN, "WSAENOTCONN" },
        { WSAETIMEDOUT, "WSAETIMEDOUT" },
        { WSAECONNREFUSED, "WSAECONNREFUSED" },
    };
    static char other[32];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].code == err)
            return names[i].name;
    _snprintf(other, sizeof other, "error %d", err);
    return other;
}

static void check(int ok, const char *what, const char *result)
{
    printf("%s: %s: %s\n", ok ? "ok" : "FAIL", what, result);
}

/* a byte count for a successful call, otherwise the Winsock error by name */
static const char *outcome(int rc)
{
    static char text[32];
    if (rc == SOCKET_ERROR)
        return wsa_name(WSAGetLastError());
    _snprintf(text, sizeof text, "%d", rc);
    return text;
}

/* A UDP socket bound to the loopback address on a port the system picks. */
static SOCKET bound_socket(int family, struct sockaddr_storage *addr, int *addrlen)
{
    struct addrinfo hints, *res;
    ZeroMemory(&hints, sizeof hints);
    hints.ai_family = family;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_protocol = IPPROTO_UDP;
    hints.ai_flags = AI_NUMERICHOST | AI_PASSIVE;
    if (getaddrinfo(family == AF_INET6 ? "::1" : "127.0.0.1", "0", &hints, &res) != 0)
        return INVALID_SOCKET;
    SOCKET s = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
    if (s != INVALID_SOCKET && bind(s, res->ai_addr, (int)res->ai_addrlen) != 0) {
        closesocket(s);
        s = INVALID_SOCKET;
    }
    freeaddrinfo(res);
    *addrlen = sizeof *addr;
    if (s != INVALID_SOCKET && getsockname(s, (struct sockaddr *)addr, addrlen) != 0) {
        closesocket(s);
        s = INVALID_SOCKET;
    }
    return s;
}

static void set_timeout(SOCKET s, DWORD ms)
{
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&ms, sizeof ms);
}

/* recvfrom one datagram: its size, or the error by name */
static const char *receive(SOCKET s, int *rc_out)
{
    char buf[64];
    struct sockaddr_storage from;
    int fromlen = sizeof from;
    int rc = recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen);
    *rc_out = rc;
    return outcome(rc);
}

static int run_family(int family)
{
    struct sockaddr_storage closed, self, peer;
    int closedlen, selflen, peerlen, rc;
    char text[64];
    printf("-- %s\n", family == AF_INET6 ? "IPv6" : "IPv4");

    /* a port that was just in use and is closed now */
    SOCKET gone = bound_socket(family, &closed, &closedlen);
    SOCKET s = bound_socket(family, &self, &selflen);
    SOCKET p = bound_socket(family, &peer, &peerlen);
    if (gone == INVALID_SOCKET || s == INVALID_SOCKET || p == INVALID_SOCKET) {
        printf("socket/bind failed with error: %s\n", wsa_name(WSAGetLastError()));
        return 1;
    }
    closesocket(gone);
    set_timeout(s, 300);     /* what is queued is there at once; Wine times out here (see known-differences) */
    set_timeout(p, 2000);

    rc = sendto(s, "hello", 5, 0, (struct sockaddr *)&closed, closedlen);
    check(rc == 5, "sendto a closed loopback port", outcome(rc));
    rc = sendto(p, "from peer", 9, 0, (struct sockaddr *)&self, selflen);
    check(rc == 9, "the peer sends a datagram", outcome(rc));
    receive(s, &rc);
    check(rc == SOCKET_ERROR && WSAGetLastError() == WSAECONNRESET,
          "recvfrom after the port unreachable", outcome(rc));
    receive(s, &rc);
    check(rc == 9, "recvfrom again: the peer's datagram", outcome(rc));

    BOOL report = FALSE;
    DWORD bytes = 12345;
    rc = WSAIoctl(s, SIO_UDP_CONNRESET, &report, sizeof report, NULL, 0, &bytes, NULL, NULL);
    _snprintf(text, sizeof text, "%s, bytes returned %u", rc == 0 ? "0" : wsa_name(WSAGetLastError()),
              (unsigned)bytes);
    check(rc == 0 && bytes == 0, "WSAIoctl(SIO_UDP_CONNRESET, FALSE)", text);
    rc = sendto(s, "hello", 5, 0, (struct sockaddr *)&closed, closedlen);
    check(rc == 5, "sendto the closed port again", outcome(rc));
    rc = sendto(p, "from peer", 9, 0, (struct sockaddr *)&self, selflen);
    check(rc == 9, "the peer sends a datagram", outcome(rc));
    receive(s, &rc);
    check(rc == 9, "recvfrom with the reports off: the peer's datagram", outcome(rc));

    /* the socket still works both ways */
    rc = sendto(s, "still here", 10, 0, (struct sockaddr *)&peer, peerlen);
    check(rc == 10, "sendto the peer", outcome(rc));
    receive(p, &rc);
    check(rc == 10, "the peer receives it", outcome(rc));

    /* a connected UDP socket meets the reset on recv too */
    SOCKET c = socket(family, SOCK_DGRAM, IPPROTO_UDP);
    set_timeout(c, 300);
    rc = connect(c, (struct sockaddr *)&closed, closedlen);
    check(rc == 0, "connect a UDP socket to the closed port", rc == 0 ? "0" : outcome(rc));
    rc = send(c, "hello", 5, 0);
    check(rc == 5, "send", outcome(rc));
    char buf[16];
    rc = recv(c, buf, sizeof buf, 0);
    check(rc == SOCKET_ERROR && WSAGetLastError() == WSAECONNRESET, "recv on the connected socket",
          outcome(rc));

    closesocket(c);
    closesocket(s);
    closesocket(p);
    return 0;
}

int main(void)
{
    WSADATA wsa;
    int rc = WSAStartup(MAKEWORD(2, 2), &wsa);
    if (rc != 0) {
        printf("WSAStartup failed with error: %d\n", rc);
        return 1;
    }
    int broken = run_family(AF_INET);
    broken |= run_family(AF_INET6);
    WSACleanup();
    return broken;
}

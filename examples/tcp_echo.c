/*
 * tcp_echo.c - a TCP echo server and its client in one process, over IPv4
 * and IPv6, written as a Windows program: getaddrinfo, SO_EXCLUSIVEADDRUSE,
 * SO_LINGER, SO_RCVTIMEO in milliseconds, ioctlsocket(FIONBIO) and select.
 *
 * For each family the server thread takes two connections.  The first is
 * echoed and closed gracefully after the client's receive timed out; the
 * second is connected without blocking (WSAEWOULDBLOCK, then select for
 * writing) and closed abortively (SO_LINGER {1, 0}), which the server sees
 * as WSAECONNRESET.  Only the main thread prints, and only what Windows
 * makes the same on every run: byte counts, return values and error names,
 * never ports or addresses.  "ok"/"FAIL" says whether a result is the one
 * Windows documents; the exit status is 1 if a step could not be done.
 *
 *   cc tcp_echo.c $(pkg-config --cflags --libs ws2_32)
 *   x86_64-w64-mingw32-gcc tcp_echo.c -o tcp_echo.exe -lws2_32
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>

#define MESSAGES 5
#define MSGLEN 1000

struct server {
    SOCKET listener;
    HANDLE probed;          /* set once the server has polled an idle connection */
    char log[1024];         /* the server thread's lines, printed by main */
};

static const char *wsa_name(int err)
{
    static const struct { int code; const char *name; } names[] = {
        { 0, "0" },
        { WSAEINTR, "WSAEINTR" },
        { WSAEACCES, "WSAEACCES" },
        { WSAEFAULT, "WSAEFAULT" },
        { WSAEINVAL, "WSAEINVAL" },
        { WSAEWOULDBLOCK, "WSAEWOULDBLOCK" },
        { WSAEINPROGRESS, "WSAEINPROGRESS" },
        { WSAEALREADY, "WSAEALREADY" },
        { WSAENOTSOCK, "WSAENOTSOCK" },
        { WSAENOPROTOOPT, "WSAENOPROTOOPT" },
        { WSAEAFNOSUPPORT, "WSAEAFNOSUPPORT" },
        { WSAEADDRINUSE, "WSAEADDRINUSE" },
        { WSAEADDRNOTAVAIL, "WSAEADDRNOTAVAIL" },
        { WSAECONNABORTED, "WSAECONNABORTED" },
        { WSAECONNRESET, "WSAECONNRESET" },
        { WSAEISCONN, "WSAEISCONN" },
        { WSAENOTCONN, "WSAENOTCONN" },
        { WSAESHUTDOWN, "WSAESHUTDOWN" },
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

/* "0" for success, otherwise the Winsock error by name */
static const char *outcome(int rc)
{
    return rc == SOCKET_ERROR ? wsa_name(WSAGetLastError()) : "0";
}

static void server_say(struct server *sv, const char *fmt, int ok, const char *result)
{
    size_t used = strlen(sv->log);
    _snprintf(sv->log + used, sizeof sv->log - used, fmt, ok ? "ok" : "FAIL", result);
    sv->log[sizeof sv->log - 1] = '\0';
}

/* Echo one connection without blocking: select for reading, recv, send back. */
static int echo_connection(struct server *sv, SOCKET s, int *reset)
{
    char buf[4096];
    int total = 0;
    *reset = 0;
    for (;;) {
        fd_set readable;
        struct timeval tv = { 10, 0 };
        FD_ZERO(&readable);
        FD_SET(s, &readable);
        if (select(0, &readable, NULL, NULL, &tv) != 1 || !FD_ISSET(s, &readable)) {
            server_say(sv, "%s: server select: %s\n", 0, "no readable socket within 10 s");
            return total;
        }
        int n = recv(s, buf, sizeof buf, 0);
        if (n == 0)
            return total;
        if (n == SOCKET_ERROR) {
            int err = WSAGetLastError();
            if (err == WSAEWOULDBLOCK)
                continue;
            *reset = err;
            return total;
        }
        for (int sent = 0; sent < n;) {
            int m = send(s, buf + sent, n - sent, 0);
            if (m == SOCKET_ERROR) {
                if (WSAGetLastError() == WSAEWOULDBLOCK) {
                    Sleep(1);
                    continue;
                }
                *reset = WSAGetLastError();
                return total;
            }
            sent += m;
        }
        total += n;
    }
}

static DWORD WINAPI server_thread(LPVOID arg)
{
    struct server *sv = (struct server *)arg;
    char text[64];
    for (int conn = 1; conn <= 2; conn++) {
        SOCKET s = accept(sv->listener, NULL, NULL);
        if (s == INVALID_SOCKET) {
            server_say(sv, "%s: server accept: %s\n", 0, wsa_name(WSAGetLastError()));
            SetEvent(sv->probed);
            return 1;
        }
        u_long on = 1;
        int rc = ioctlsocket(s, FIONBIO, &on);
        server_say(sv, "%s: server ioctlsocket(FIONBIO, 1): %s\n", rc == 0, outcome(rc));
        if (conn == 1) {
            /* nothing sent yet: a nonblocking recv would block, select times out */
            char c;
            rc = recv(s, &c, 1, 0);
            server_say(sv, "%s: server recv on an idle nonblocking socket: %s\n",
                       rc == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, outcome(rc));
            fd_set readable;
            struct timeval zero = { 0, 0 };
            FD_ZERO(&readable);
            FD_SET(s, &readable);
            rc = select(0, &readable, NULL, NULL, &zero);
            _snprintf(text, sizeof text, "%d, FD_ISSET %d", rc, FD_ISSET(s, &readable) != 0);
            server_say(sv, "%s: server select with a zero timeout: %s\n", rc == 0, text);
            SetEvent(sv->probed);
        }
        int reset;
        int total = echo_connection(sv, s, &reset);
        _snprintf(text, sizeof text, "%d bytes echoed, then %s", total,
                  reset ? wsa_name(reset) : "the peer's FIN (recv 0)");
        server_say(sv, conn == 1 ? "%s: server connection 1 (graceful close): %s\n"
                                 : "%s: server connection 2 (abortive close): %s\n",
                   total == MESSAGES * MSGLEN && reset == (conn == 1 ? 0 : WSAECONNRESET), text);
        closesocket(s);
    }
    return 0;
}

static int send_all(SOCKET s, const char *p, int len)
{
    for (int done = 0; done < len;) {
        int n = send(s, p + done, len - done, 0);
        if (n == SOCKET_ERROR)
            return SOCKET_ERROR;
        done += n;
    }
    return len;
}

/* Send MESSAGES messages and read their echo back; returns the bytes that came back intact. */
static int exchange(SOCKET s)
{
    char out[MSGLEN], in[MSGLEN];
    int good = 0;
    for (int m = 0; m < MESSAGES; m++) {
        for (int i = 0; i < MSGLEN; i++)
            out[i] = (char)('a' + (m * 7 + i) % 26);
        if (send_all(s, out, MSGLEN) == SOCKET_ERROR)
            return good;
        int got = 0;
        while (got < MSGLEN) {
            int n = recv(s, in + got, MSGLEN - got, 0);
            if (n <= 0)
                return good;
            got += n;
        }
        if (memcmp(in, out, MSGLEN) == 0)
            good += MSGLEN;
    }
    return good;
}

static struct addrinfo *resolve(int family, const char *host, const char *port, int passive)
{
    struct addrinfo hints, *res = NULL;
    ZeroMemory(&hints, sizeof hints);
    hints.ai_family = family;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    hints.ai_flags = AI_NUMERICHOST | (passive ? AI_PASSIVE : 0);
    int rc = getaddrinfo(host, port, &hints, &res);
    check(rc == 0 && res && res->ai_family == family, passive ? "getaddrinfo for the server"
                                                              : "getaddrinfo for the client",
          rc == 0 ? (res->ai_family == AF_INET6 ? "AF_INET6" : "AF_INET") : wsa_name(rc));
    return rc == 0 ? res : NULL;
}

static int run_family(int family, const char *host)
{
    char text[96], port[16];
    BOOL yes = TRUE;
    printf("-- %s (%s)\n", family == AF_INET6 ? "IPv6" : "IPv4", host);

    struct addrinfo *srv = resolve(family, host, "0", 1);
    if (!srv)
        return 1;
    SOCKET listener = socket(srv->ai_family, srv->ai_socktype, srv->ai_protocol);
    if (listener == INVALID_SOCKET) {
        printf("socket failed with error: %s\n", wsa_name(WSAGetLastError()));
        freeaddrinfo(srv);
        return 1;
    }
    int rc = setsockopt(listener, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (const char *)&yes, sizeof yes);
    check(rc == 0, "setsockopt(SO_EXCLUSIVEADDRUSE, TRUE)", outcome(rc));
    rc = bind(listener, srv->ai_addr, (int)srv->ai_addrlen);
    check(rc == 0, "bind the listener", outcome(rc));
    freeaddrinfo(srv);
    if (rc != 0 || listen(listener, SOMAXCONN) != 0) {
        printf("bind/listen failed with error: %s\n", wsa_name(WSAGetLastError()));
        closesocket(listener);
        return 1;
    }
    struct sockaddr_storage name;
    int namelen = sizeof name;
    getsockname(listener, (struct sockaddr *)&name, &namelen);
    _snprintf(port, sizeof port, "%u", (unsigned)ntohs(family == AF_INET6
        ? ((struct sockaddr_in6 *)&name)->sin6_port : ((struct sockaddr_in *)&name)->sin_port));

    /* Doc "Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE": the port is taken;
     * even SO_REUSEADDR cannot share it with an exclusive socket. */
    struct addrinfo *same = resolve(family, host, port, 1);
    if (!same) {
        closesocket(listener);
        return 1;
    }
    for (int reuse = 0; reuse <= 1; reuse++) {
        SOCKET other = socket(family, SOCK_STREAM, IPPROTO_TCP);
        if (reuse)
            setsockopt(other, SOL_SOCKET, SO_REUSEADDR, (const char *)&yes, sizeof yes);
        rc = bind(other, same->ai_addr, (int)same->ai_addrlen);
        int err = rc == SOCKET_ERROR ? WSAGetLastError() : 0;
        check(err == (reuse ? WSAEACCES : WSAEADDRINUSE),
              reuse ? "a second bind to the exclusive port with SO_REUSEADDR"
                    : "a second bind to the exclusive port", wsa_name(err));
        closesocket(other);
    }
    freeaddrinfo(same);

    struct server sv;
    ZeroMemory(&sv, sizeof sv);
    sv.listener = listener;
    sv.probed = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE thread = CreateThread(NULL, 0, server_thread, &sv, 0, NULL);
    if (!sv.probed || !thread) {
        printf("CreateEvent/CreateThread failed with error %u\n", (unsigned)GetLastError());
        closesocket(listener);
        return 1;
    }

    /* connection 1: blocking, a receive timeout in milliseconds, a lingering close */
    struct addrinfo *peer = resolve(family, host, port, 0);
    if (!peer) {
        closesocket(listener);
        return 1;
    }
    SOCKET c = socket(peer->ai_family, peer->ai_socktype, peer->ai_protocol);
    rc = connect(c, peer->ai_addr, (int)peer->ai_addrlen);
    check(rc == 0, "connect (blocking)", outcome(rc));
    DWORD timeout = 300;            /* milliseconds, a DWORD: not a struct timeval */
    rc = setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof timeout);
    check(rc == 0, "setsockopt(SO_RCVTIMEO, 300 ms)", outcome(rc));
    DWORD readback = 0;
    int len = sizeof readback;
    rc = getsockopt(c, SOL_SOCKET, SO_RCVTIMEO, (char *)&readback, &len);
    _snprintf(text, sizeof text, "%d, %u ms, optlen %d", rc, (unsigned)readback, len);
    check(rc == 0 && readback == 300 && len == 4, "getsockopt(SO_RCVTIMEO)", text);
    struct linger lg = { 1, 5 };
    rc = setsockopt(c, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof lg);
    check(rc == 0, "setsockopt(SO_LINGER, {1, 5})", outcome(rc));
    ZeroMemory(&lg, sizeof lg);
    len = sizeof lg;
    rc = getsockopt(c, SOL_SOCKET, SO_LINGER, (char *)&lg, &len);
    _snprintf(text, sizeof text, "%d, {%u, %u}, optlen %d", rc, (unsigned)lg.l_onoff,
              (unsigned)lg.l_linger, len);
    check(rc == 0 && lg.l_onoff == 1 && lg.l_linger == 5 && len == (int)sizeof lg,
          "getsockopt(SO_LINGER)", text);
    WaitForSingleObject(sv.probed, 10000);
    int echoed = exchange(c);
    _snprintf(text, sizeof text, "%d of %d bytes", echoed, MESSAGES * MSGLEN);
    check(echoed == MESSAGES * MSGLEN, "client echo round trips", text);
    char byte;
    rc = recv(c, &byte, 1, 0);
    check(rc == SOCKET_ERROR && WSAGetLastError() == WSAETIMEDOUT,
          "recv with nothing to read after SO_RCVTIMEO", outcome(rc));
    rc = closesocket(c);
    check(rc == 0, "closesocket (lingering, nothing unsent)", outcome(rc));

    /* connection 2: connect without blocking, then an abortive close */
    c = socket(peer->ai_family, peer->ai_socktype, peer->ai_protocol);
    u_long on = 1;
    rc = ioctlsocket(c, FIONBIO, &on);
    check(rc == 0, "ioctlsocket(FIONBIO, 1) on the client", outcome(rc));
    rc = connect(c, peer->ai_addr, (int)peer->ai_addrlen);
    check(rc == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "connect (nonblocking)",
          outcome(rc));
    fd_set writable, failed;
    FD_ZERO(&writable);
    FD_ZERO(&failed);
    FD_SET(c, &writable);
    FD_SET(c, &failed);
    struct timeval tv = { 10, 0 };
    rc = select(0, NULL, &writable, &failed, &tv);
    _snprintf(text, sizeof text, "%d, writable %d, failed %d", rc, FD_ISSET(c, &writable) != 0,
              FD_ISSET(c, &failed) != 0);
    check(rc == 1 && FD_ISSET(c, &writable), "select for the connect to complete", text);
    rc = connect(c, peer->ai_addr, (int)peer->ai_addrlen);
    check(rc == SOCKET_ERROR && WSAGetLastError() == WSAEISCONN, "connect again", outcome(rc));
    u_long off = 0;
    rc = ioctlsocket(c, FIONBIO, &off);
    check(rc == 0, "ioctlsocket(FIONBIO, 0)", outcome(rc));
    echoed = exchange(c);
    _snprintf(text, sizeof text, "%d of %d bytes", echoed, MESSAGES * MSGLEN);
    check(echoed == MESSAGES * MSGLEN, "client echo round trips", text);
    lg.l_onoff = 1;
    lg.l_linger = 0;
    rc = setsockopt(c, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof lg);
    check(rc == 0, "setsockopt(SO_LINGER, {1, 0})", outcome(rc));
    rc = closesocket(c);
    check(rc == 0, "closesocket (abortive)", outcome(rc));
    freeaddrinfo(peer);

    DWORD w = WaitForSingleObject(thread, 20000);
    DWORD code = 99;
    GetExitCodeThread(thread, &code);
    _snprintf(text, sizeof text, "wait %u, exit code %u", (unsigned)w, (unsigned)code);
    check(w == WAIT_OBJECT_0 && code == 0, "server thread finished", text);
    fputs(sv.log, stdout);
    CloseHandle(thread);
    CloseHandle(sv.probed);
    closesocket(listener);
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
    int broken = run_family(AF_INET, "127.0.0.1");
    broken |= run_family(AF_INET6, "::1");
    WSACleanup();
    return broken;
}

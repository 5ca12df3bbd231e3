/*
 * event_select.c - a WSAEventSelect server, the Windows way to serve many
 * sockets from one thread without window messages: one event per socket,
 * WSAWaitForMultipleEvents on all of them, WSAEnumNetworkEvents to learn
 * what happened (FD_ACCEPT, FD_READ, FD_WRITE, FD_CLOSE).  A client thread
 * connects, sends three blocks, shuts down its sending side and reads the
 * server's reply.
 *
 * The server reads at most 100 bytes per FD_READ, so it relies on Windows'
 * re-enabling rule (a recv that leaves data posts FD_READ again; doc
 * "WSAEventSelect function").  How many FD_READs arrive depends on timing,
 * so only totals and the set of events seen are printed.  Only the main
 * thread prints.  "ok"/"FAIL" says whether a result is the one Windows
 * documents; the exit status is 1 if a step could not be done.
 *
 *   cc event_select.c $(pkg-config --cflags --libs ws2_32)
 *   x86_64-w64-mingw32-gcc event_select.c -o event_select.exe -lws2_32
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>

#define BLOCK 1000
#define BLOCKS 3

struct client {
    struct sockaddr_storage server;
    int serverlen;
    int sent;
    int connect_error;
    char reply[64];
};

static const char *wsa_name(int err)
{
    static const struct { int code; const char *name; } names[] = {
        { 0, "0" },
        { WSAEFAULT, "WSAEFAULT" },
        { WSAEINVAL, "WSAEINVAL" },
        { WSAEWOULDBLOCK, "WSAEWOULDBLOCK" },
        { WSAENOTSOCK, "WSAENOTSOCK" },
        { WSAECONNABORTED, "WSAECONNABORTED" },
        { WSAECONNRESET, "WSAECONNRESET" },
        { WSAENOTCONN, "WSAENOTCONN" },
        { WSAESHUTDOWN, "WSAESHUTDOWN" },
        { WSAETIMEDOUT, "WSAETIMEDOUT" },
        { WSAECONNREFUSED, "WSAECONNREFUSED" },
        { WSA_INVALID_HANDLE, "WSA_INVALID_HANDLE" },
        { WSA_INVALID_PARAMETER, "WSA_INVALID_PARAMETER" },
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

static const char *outcome(int rc)
{
    return rc == SOCKET_ERROR ? wsa_name(WSAGetLastError()) : "0";
}

static DWORD WINAPI client_thread(LPVOID arg)
{
    struct client *cl = (struct client *)arg;
    char block[BLOCK];
    SOCKET s = socket(cl->server.ss_family, SOCK_STREAM, IPPROTO_TCP);
    if (connect(s, (struct sockaddr *)&cl->server, cl->serverlen) == SOCKET_ERROR) {
        cl->connect_error = WSAGetLastError();
        closesocket(s);
        return 1;
    }
    for (int b = 0; b < BLOCKS; b++) {
        FillMemory(block, sizeof block, 'A' + b);
        int n = send(s, block, sizeof block, 0);
        if (n > 0)
            cl->sent += n;
        Sleep(10);
    }
    shutdown(s, SD_SEND);
    int got = 0;
    for (;;) {
        int n = recv(s, cl->reply + got, (int)sizeof cl->reply - 1 - got, 0);
        if (n <= 0)
            break;
        got += n;
    }
    cl->reply[got] = '\0';
    closesocket(s);
    return 0;
}

static void name_events(char *out, size_t size, long seen)
{
    static const struct { long bit; const char *name; } events[] = {
        { FD_READ, "FD_READ" }, { FD_WRITE, "FD_WRITE" }, { FD_OOB, "FD_OOB" },
        { FD_ACCEPT, "FD_ACCEPT" }, { FD_CONNECT, "FD_CONNECT" }, { FD_CLOSE, "FD_CLOSE" },
    };
    out[0] = '\0';
    for (size_t i = 0; i < sizeof events / sizeof events[0]; i++)
        if (seen & events[i].bit) {
            if (out[0])
                strncat(out, " ", size - strlen(out) - 1);
            strncat(out, events[i].name, size - strlen(out) - 1);
        }
}

int main(void)
{
    WSADATA wsa;
    char text[128];
    int rc = WSAStartup(MAKEWORD(2, 2), &wsa);
    if (rc != 0) {
        printf("WSAStartup failed with error: %d\n", rc);
        return 1;
    }

    struct addrinfo hints, *res;
    ZeroMemory(&hints, sizeof hints);
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST;
    rc = getaddrinfo("127.0.0.1", "0", &hints, &res);
    if (rc != 0) {
        printf("getaddrinfo failed with error: %d\n", rc);
        WSACleanup();
        return 1;
    }
    SOCKET listener = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
    if (listener == INVALID_SOCKET || bind(listener, res->ai_addr, (int)res->ai_addrlen) == SOCKET_ERROR ||
        listen(listener, SOMAXCONN) == SOCKET_ERROR) {
        printf("socket/bind/listen failed with error: %s\n", wsa_name(WSAGetLastError()));
        freeaddrinfo(res);
        WSACleanup();
        return 1;
    }
    freeaddrinfo(res);

    SOCKET socks[2] = { listener, INVALID_SOCKET };
    WSAEVENT events[2] = { WSACreateEvent(), WSA_INVALID_EVENT };
    DWORD count = 1;
    rc = WSAEventSelect(listener, events[0], FD_ACCEPT | FD_CLOSE);
    check(events[0] != WSA_INVALID_EVENT && rc == 0, "WSAEventSelect(listener, FD_ACCEPT | FD_CLOSE)",
          outcome(rc));
    u_long off = 0;
    rc = ioctlsocket(listener, FIONBIO, &off);
    check(rc == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL,
          "ioctlsocket(FIONBIO, 0) on an event-selected socket", outcome(rc));
    DWORD w = WSAWaitForMultipleEvents(count, events, FALSE, 0, FALSE);
    _snprintf(text, sizeof text, "%u", (unsigned)w);
    check(w == WSA_WAIT_TIMEOUT, "WSAWaitForMultipleEvents before any client (WSA_WAIT_TIMEOUT 258)", text);

    struct client cl;
    ZeroMemory(&cl, sizeof cl);
    cl.serverlen = sizeof cl.server;
    getsockname(listener, (struct sockaddr *)&cl.server, &cl.serverlen);
    HANDLE thread = CreateThread(NULL, 0, client_thread, &cl, 0, NULL);

    int accepts = 0, received = 0, closed = 0, close_error = -1, waits_failed = 0;
    long seen_listener = 0, seen_conn = 0;
    char buf[100];
    while (!closed) {
        w = WSAWaitForMultipleEvents(count, events, FALSE, 10000, FALSE);
        if (w == WSA_WAIT_FAILED || w == WSA_WAIT_TIMEOUT) {
            waits_failed++;
            break;
        }
        DWORD i = w - WSA_WAIT_EVENT_0;
        WSANETWORKEVENTS ne;
        if (WSAEnumNetworkEvents(socks[i], events[i], &ne) == SOCKET_ERROR) {
            printf("WSAEnumNetworkEvents failed with error: %s\n", wsa_name(WSAGetLastError()));
            break;
        }
        if (i == 0) {
            seen_listener |= ne.lNetworkEvents;
            if (ne.lNetworkEvents & FD_ACCEPT) {
                SOCKET a = accept(listener, NULL, NULL);
                if (a == INVALID_SOCKET)
                    continue;
                accepts++;
                socks[1] = a;
                events[1] = WSACreateEvent();
                count = 2;
                rc = WSAEventSelect(a, events[1], FD_READ | FD_WRITE | FD_CLOSE);
                check(rc == 0, "WSAEventSelect(accepted, FD_READ | FD_WRITE | FD_CLOSE)", outcome(rc));
                /* the enumeration reset the listener's event and no other client waits */
                w = WSAWaitForMultipleEvents(1, &events[0], FALSE, 0, FALSE);
                _snprintf(text, sizeof text, "%u", (unsigned)w);
                check(w == WSA_WAIT_TIMEOUT, "the listener's event after WSAEnumNetworkEvents", text);
            }
            continue;
        }
        seen_conn |= ne.lNetworkEvents;
        if (ne.lNetworkEvents & FD_READ) {
            int n = recv(socks[1], buf, sizeof buf, 0);
            if (n > 0)
                received += n;
        }
        if (ne.lNetworkEvents & FD_CLOSE) {
            close_error = ne.iErrorCode[FD_CLOSE_BIT];
            int n;
            while ((n = recv(socks[1], buf, sizeof buf, 0)) > 0)   /* whatever is left */
                received += n;
            closed = 1;
        }
    }

    _snprintf(text, sizeof text, "%d", accepts);
    check(accepts == 1 && seen_listener == FD_ACCEPT, "connections accepted on FD_ACCEPT", text);
    name_events(text, sizeof text, seen_conn);
    check(seen_conn == (FD_READ | FD_WRITE | FD_CLOSE), "events seen on the connection", text);
    _snprintf(text, sizeof text, "%d bytes", received);
    check(received == BLOCK * BLOCKS, "received through FD_READ, 100 bytes per recv", text);
    check(close_error == 0, "FD_CLOSE error code (graceful)", wsa_name(close_error));
    check(waits_failed == 0, "no wait timed out or failed", waits_failed ? "a wait failed" : "0");

    if (socks[1] != INVALID_SOCKET) {
        /* back to blocking: cancel the selection first (doc "WSAEventSelect function") */
        rc = WSAEventSelect(socks[1], NULL, 0);
        check(rc == 0, "WSAEventSelect(accepted, NULL, 0)", outcome(rc));
        rc = ioctlsocket(socks[1], FIONBIO, &off);
        check(rc == 0, "ioctlsocket(FIONBIO, 0) after cancelling the selection", outcome(rc));
        char reply[32];
        int len = _snprintf(reply, sizeof reply, "got %d", received);
        rc = send(socks[1], reply, len, 0);
        check(rc == len, "reply sent", rc == len ? "0" : outcome(rc));
        closesocket(socks[1]);
        WSACloseEvent(events[1]);
    }
    w = WaitForSingleObject(thread, 10000);
    check(w == WAIT_OBJECT_0 && cl.connect_error == 0, "client thread finished", wsa_name(cl.connect_error));
    _snprintf(text, sizeof text, "%d bytes sent, reply \"%s\"", cl.sent, cl.reply);
    check(cl.sent == BLOCK * BLOCKS && strcmp(cl.reply, "got 3000") == 0, "client", text);
    CloseHandle(thread);

    BOOL closed_ok = WSACloseEvent(events[0]);
    check(closed_ok, "WSACloseEvent", closed_ok ? "TRUE" : wsa_name(WSAGetLastError()));
    closed_ok = WSACloseEvent(events[0]);
    check(!closed_ok && WSAGetLastError() == WSA_INVALID_HANDLE, "WSACloseEvent again",
          closed_ok ? "TRUE" : wsa_name(WSAGetLastError()));
    closesocket(listener);
    WSACleanup();
    return 0;
}

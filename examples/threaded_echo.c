/*
 * threaded_echo.c - the shape of a Visual C++ network sample: a threaded
 * TCP/UDP echo server over IPv4 and IPv6 and its client, using the Win32
 * base around Winsock.  One thread per listening socket (CreateThread), the
 * contexts on the process heap (HeapAlloc/HeapFree), strsafe for every
 * string, _strnicmp for the "QUIT" command, WaitForMultipleObjects on the
 * server threads, their exit codes as the count of messages echoed,
 * GetLastError (the same slot as WSAGetLastError), ExitProcess.
 *
 * Each server thread prints nothing; main prints after the threads ended,
 * so the output is the same on every run.  "ok"/"FAIL" says whether a
 * result is the one Windows documents; the exit status is 1 if a step
 * could not be done.
 *
 *   cc threaded_echo.c $(pkg-config --cflags --libs ws2_32)
 *   x86_64-w64-mingw32-gcc threaded_echo.c -o threaded_echo.exe -lws2_32
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <wspiapi.h>
#include <stdio.h>
#include <strsafe.h>    /* last: it deprecates the unsafe string functions other headers use */

#define MAX_LISTENERS 4
#define MESSAGES 3
#define BUFSIZE 512

typedef struct _SERVER_CONTEXT {
    SOCKET sock;
    int socktype;
    char name[32];              /* "TCP/IPv4" ... */
    char error[64];             /* the first failure, for main to print */
} SERVER_CONTEXT, *PSERVER_CONTEXT;

static const char *wsa_name(int err)
{
    static const struct { int code; const char *name; } names[] = {
        { 0, "0" },
        { WSAEINTR, "WSAEINTR" },
        { WSAEFAULT, "WSAEFAULT" },
        { WSAEINVAL, "WSAEINVAL" },
        { WSAEWOULDBLOCK, "WSAEWOULDBLOCK" },
        { WSAENOTSOCK, "WSAENOTSOCK" },
        { WSAEADDRINUSE, "WSAEADDRINUSE" },
        { WSAECONNRESET, "WSAECONNRESET" },
        { WSAENOTCONN, "WSAENOTCONN" },
        { WSAETIMEDOUT, "WSAETIMEDOUT" },
        { WSAECONNREFUSED, "WSAECONNREFUSED" },
        { ERROR_INVALID_HANDLE, "ERROR_INVALID_HANDLE" },
        { ERROR_INVALID_PARAMETER, "ERROR_INVALID_PARAMETER" },
    };
    static char other[32];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].code == err)
            return names[i].name;
    StringCchPrintf(other, sizeof other, "error %d", err);
    return other;
}

static void check(BOOL ok, const char *what, const char *result)
{
    printf("%s: %s: %s\n", ok ? "ok" : "FAIL", what, result);
}

static void note_error(PSERVER_CONTEXT ctx, const char *call)
{
    if (ctx->error[0] == '\0')
        StringCchPrintf(ctx->error, sizeof ctx->error, "%s failed with error %s", call,
                        wsa_name(WSAGetLastError()));
}

/* Echo each message back; a message starting with "quit" (any case) ends the thread.
 * The exit code is the number of messages echoed. */
static DWORD WINAPI ServerThread(LPVOID lpParam)
{
    PSERVER_CONTEXT ctx = (PSERVER_CONTEXT)lpParam;
    char *buf = (char *)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, BUFSIZE);
    DWORD echoed = 0;
    BOOL quit = FALSE;
    if (buf == NULL)
        return (DWORD)-1;
    while (!quit) {
        SOCKET conn = ctx->sock;
        struct sockaddr_storage from;
        int fromlen = sizeof from;
        if (ctx->socktype == SOCK_STREAM) {
            conn = accept(ctx->sock, NULL, NULL);
            if (conn == INVALID_SOCKET) {
                note_error(ctx, "accept");
                break;
            }
        }
        for (;;) {
            int n = ctx->socktype == SOCK_STREAM
                ? recv(conn, buf, BUFSIZE - 1, 0)
                : recvfrom(conn, buf, BUFSIZE - 1, 0, (struct sockaddr *)&from, &fromlen);
            if (n == SOCKET_ERROR) {
                note_error(ctx, "recv");
                quit = TRUE;
                break;
            }
            if (n == 0)
                break;                          /* this client is done */
            buf[n] = '\0';
            if (_strnicmp(buf, "quit", 4) == 0) {
                quit = TRUE;
                break;
            }
            int m = ctx->socktype == SOCK_STREAM
                ? send(conn, buf, n, 0)
                : sendto(conn, buf, n, 0, (struct sockaddr *)&from, fromlen);
            if (m == SOCKET_ERROR) {
                note_error(ctx, "send");
                quit = TRUE;
                break;
            }
            echoed++;
            if (ctx->socktype == SOCK_DGRAM)
                fromlen = sizeof from;
        }
        if (ctx->socktype == SOCK_STREAM)
            closesocket(conn);
    }
    HeapFree(GetProcessHeap(), 0, buf);
    return echoed;
}

/* One client run against one server: MESSAGES messages echoed back, then QUIT.
 * Returns how many echoes came back equal to what was sent. */
static int RunClient(int family, int socktype, const struct sockaddr *addr, int addrlen, int *connections)
{
    char msg[BUFSIZE], reply[BUFSIZE];
    int good = 0;
    SOCKET s = INVALID_SOCKET;
    DWORD timeout = 5000;
    for (int i = 0; i < MESSAGES; i++) {
        if (s == INVALID_SOCKET) {      /* TCP: a new connection for the second half */
            s = socket(family, socktype, 0);
            setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof timeout);
            if (connect(s, addr, addrlen) == SOCKET_ERROR)
                return good;
            ++*connections;
        }
        StringCchPrintf(msg, BUFSIZE, "message %d of %d over %s", i + 1, MESSAGES,
                        socktype == SOCK_STREAM ? "TCP" : "UDP");
        int len = lstrlen(msg);
        if (send(s, msg, len, 0) != len)
            break;
        int got = 0;
        while (got < len) {
            int n = recv(s, reply + got, BUFSIZE - got, 0);
            if (n <= 0)
                break;
            got += n;
        }
        if (got == len && memcmp(reply, msg, len) == 0)
            good++;
        if (socktype == SOCK_STREAM && i == 0) {
            closesocket(s);
            s = INVALID_SOCKET;
            Sleep(10);
        }
    }
    if (s == INVALID_SOCKET) {
        s = socket(family, socktype, 0);
        if (connect(s, addr, addrlen) == SOCKET_ERROR)
            return good;
    }
    send(s, "QUIT", 4, 0);
    closesocket(s);
    return good;
}

int main(void)
{
    static const struct { const char *host; int socktype; const char *name; } servers[MAX_LISTENERS] = {
        { "127.0.0.1", SOCK_STREAM, "TCP/IPv4" },
        { "::1", SOCK_STREAM, "TCP/IPv6" },
        { "127.0.0.1", SOCK_DGRAM, "UDP/IPv4" },
        { "::1", SOCK_DGRAM, "UDP/IPv6" },
    };
    WSADATA wsaData;
    PSERVER_CONTEXT ctx[MAX_LISTENERS];
    HANDLE threads[MAX_LISTENERS];
    struct sockaddr_storage addrs[MAX_LISTENERS];
    int addrlens[MAX_LISTENERS];
    char text[128];
    int rc;

    rc = WSAStartup(MAKEWORD(2, 2), &wsaData);
    if (rc != 0) {
        printf("WSAStartup failed with error: %d\n", rc);
        ExitProcess(1);
    }
    StringCchPrintf(text, sizeof text, "%d.%d", LOBYTE(wsaData.wVersion), HIBYTE(wsaData.wVersion));
    check(wsaData.wVersion == MAKEWORD(2, 2), "WSAStartup version", text);

    for (int i = 0; i < MAX_LISTENERS; i++) {
        struct addrinfo hints, *res = NULL;
        ZeroMemory(&hints, sizeof hints);
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = servers[i].socktype;
        hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST;
        rc = getaddrinfo(servers[i].host, "0", &hints, &res);
        if (rc != 0) {
            printf("getaddrinfo failed with error: %d\n", rc);
            ExitProcess(1);
        }
        ctx[i] = (PSERVER_CONTEXT)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(SERVER_CONTEXT));
        if (ctx[i] == NULL) {
            printf("HeapAlloc failed with error: %u\n", (unsigned)GetLastError());
            ExitProcess(1);
        }
        ctx[i]->socktype = servers[i].socktype;
        StringCchCopy(ctx[i]->name, sizeof ctx[i]->name, servers[i].name);
        ctx[i]->sock = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
        if (ctx[i]->sock == INVALID_SOCKET ||
            bind(ctx[i]->sock, res->ai_addr, (int)res->ai_addrlen) == SOCKET_ERROR ||
            (servers[i].socktype == SOCK_STREAM && listen(ctx[i]->sock, SOMAXCONN) == SOCKET_ERROR)) {
            printf("socket/bind/listen for %s failed with error: %s\n", ctx[i]->name,
                   wsa_name(WSAGetLastError()));
            ExitProcess(1);
        }
        freeaddrinfo(res);
        addrlens[i] = sizeof addrs[i];
        getsockname(ctx[i]->sock, (struct sockaddr *)&addrs[i], &addrlens[i]);
        threads[i] = CreateThread(NULL, 0, ServerThread, ctx[i], 0, NULL);
        if (threads[i] == NULL) {
            printf("CreateThread failed with error: %u\n", (unsigned)GetLastError());
            ExitProcess(1);
        }
    }
    DWORD w = WaitForMultipleObjects(MAX_LISTENERS, threads, FALSE, 100);
    StringCchPrintf(text, sizeof text, "%u", (unsigned)w);
    check(w == WAIT_TIMEOUT, "no server thread ends before its client (WAIT_TIMEOUT 258)", text);

    for (int i = 0; i < MAX_LISTENERS; i++) {
        int connections = 0;
        int good = RunClient(addrs[i].ss_family, servers[i].socktype, (struct sockaddr *)&addrs[i],
                             addrlens[i], &connections);
        StringCchPrintf(text, sizeof text, "%d of %d echoes intact, %d connect call%s", good, MESSAGES,
                        connections, connections == 1 ? "" : "s");
        check(good == MESSAGES && connections == (servers[i].socktype == SOCK_STREAM ? 2 : 1),
              servers[i].name, text);
    }

    w = WaitForMultipleObjects(MAX_LISTENERS, threads, TRUE, 10000);
    StringCchPrintf(text, sizeof text, "%u", (unsigned)w);
    check(w == WAIT_OBJECT_0, "all server threads ended (WAIT_OBJECT_0)", text);
    for (int i = 0; i < MAX_LISTENERS; i++) {
        DWORD code = 0;
        GetExitCodeThread(threads[i], &code);
        StringCchPrintf(text, sizeof text, "exit code %u (messages echoed)%s%s", (unsigned)code,
                        ctx[i]->error[0] ? ", " : "", ctx[i]->error);
        check(code == MESSAGES && ctx[i]->error[0] == '\0', ctx[i]->name, text);
        CloseHandle(threads[i]);
        closesocket(ctx[i]->sock);
    }

    /* Win32 and Winsock share one last-error slot (doc "WSAGetLastError function") */
    rc = send(ctx[0]->sock, "x", 1, 0);
    StringCchPrintf(text, sizeof text, "WSAGetLastError %d, GetLastError %u", WSAGetLastError(),
                    (unsigned)GetLastError());
    check(rc == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK && GetLastError() == WSAENOTSOCK,
          "send on a closed socket", text);
    SetLastError(ERROR_INVALID_PARAMETER);
    StringCchPrintf(text, sizeof text, "%s", wsa_name(WSAGetLastError()));
    check(WSAGetLastError() == ERROR_INVALID_PARAMETER, "WSAGetLastError after SetLastError", text);
    w = WaitForSingleObject(threads[0], 0);      /* closed above */
    StringCchPrintf(text, sizeof text, "%s, %s", w == WAIT_FAILED ? "WAIT_FAILED" : "not WAIT_FAILED",
                    wsa_name((int)GetLastError()));
    check(w == WAIT_FAILED && GetLastError() == ERROR_INVALID_HANDLE, "wait on a closed thread handle", text);

    for (int i = 0; i < MAX_LISTENERS; i++)
        HeapFree(GetProcessHeap(), 0, ctx[i]);
    WSACleanup();
    fflush(stdout);
    ExitProcess(0);
}

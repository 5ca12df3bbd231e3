/*
 * decls_test.c - every Winsock function of libws2_32's core is declared by
 * <winsock2.h> with its Windows prototype: this translation unit is built
 * as strict C11 with -Werror (an implicit declaration or a prototype that
 * does not match the pointer type below fails the build) and each pointer
 * must resolve at link time to libws2_32, not glibc.
 */
#include <winsock2.h>
#include <ws2tcpip.h>

#include <stdio.h>
#include <string.h>

#include "posix_helpers.h"

#define ENTRY(name, type) { #name, (void (*)(void))(type)&name }
static const struct {
    const char *name;
    void (*fn)(void);
} decls[] = {
    ENTRY(WSAStartup, int (WSAAPI *)(WORD, LPWSADATA)),
    ENTRY(WSACleanup, int (WSAAPI *)(void)),
    ENTRY(WSAGetLastError, int (WSAAPI *)(void)),
    ENTRY(WSASetLastError, void (WSAAPI *)(int)),
    ENTRY(socket, SOCKET (WSAAPI *)(int, int, int)),
    ENTRY(WSASocketA, SOCKET (WSAAPI *)(int, int, int, LPWSAPROTOCOL_INFOA, GROUP, DWORD)),
    ENTRY(WSASocketW, SOCKET (WSAAPI *)(int, int, int, LPWSAPROTOCOL_INFOW, GROUP, DWORD)),
    ENTRY(bind, int (WSAAPI *)(SOCKET, const struct sockaddr *, int)),
    ENTRY(listen, int (WSAAPI *)(SOCKET, int)),
    ENTRY(accept, SOCKET (WSAAPI *)(SOCKET, struct sockaddr *, int *)),
    ENTRY(WSAAccept, SOCKET (WSAAPI *)(SOCKET, struct sockaddr *, LPINT, LPCONDITIONPROC, DWORD_PTR)),
    ENTRY(connect, int (WSAAPI *)(SOCKET, const struct sockaddr *, int)),
    ENTRY(WSAConnect, int (WSAAPI *)(SOCKET, const struct sockaddr *, int, LPWSABUF, LPWSABUF, LPQOS, LPQOS)),
    ENTRY(send, int (WSAAPI *)(SOCKET, const char *, int, int)),
    ENTRY(recv, int (WSAAPI *)(SOCKET, char *, int, int)),
    ENTRY(sendto, int (WSAAPI *)(SOCKET, const char *, int, int, const struct sockaddr *, int)),
    ENTRY(recvfrom, int (WSAAPI *)(SOCKET, char *, int, int, struct sockaddr *, int *)),
    ENTRY(WSASend, int (WSAAPI *)(SOCKET, LPWSABUF, DWORD, LPDWORD, DWORD, LPWSAOVERLAPPED,
                                  LPWSAOVERLAPPED_COMPLETION_ROUTINE)),
    ENTRY(WSARecv, int (WSAAPI *)(SOCKET, LPWSABUF, DWORD, LPDWORD, LPDWORD, LPWSAOVERLAPPED,
                                  LPWSAOVERLAPPED_COMPLETION_ROUTINE)),
    ENTRY(WSASendTo, int (WSAAPI *)(SOCKET, LPWSABUF, DWORD, LPDWORD, DWORD, const struct sockaddr *, int,
                                    LPWSAOVERLAPPED, LPWSAOVERLAPPED_COMPLETION_ROUTINE)),
    ENTRY(WSARecvFrom, int (WSAAPI *)(SOCKET, LPWSABUF, DWORD, LPDWORD, LPDWORD, struct sockaddr *, LPINT,
                                      LPWSAOVERLAPPED, LPWSAOVERLAPPED_COMPLETION_ROUTINE)),
    ENTRY(WSASendDisconnect, int (WSAAPI *)(SOCKET, LPWSABUF)),
    ENTRY(WSARecvDisconnect, int (WSAAPI *)(SOCKET, LPWSABUF)),
    ENTRY(closesocket, int (WSAAPI *)(SOCKET)),
    ENTRY(shutdown, int (WSAAPI *)(SOCKET, int)),
    ENTRY(setsockopt, int (WSAAPI *)(SOCKET, int, int, const char *, int)),
    ENTRY(getsockopt, int (WSAAPI *)(SOCKET, int, int, char *, int *)),
    ENTRY(ioctlsocket, int (WSAAPI *)(SOCKET, LONG, u_long *)),
    ENTRY(WSAIoctl, int (WSAAPI *)(SOCKET, DWORD, LPVOID, DWORD, LPVOID, DWORD, LPDWORD, LPWSAOVERLAPPED,
                                   LPWSAOVERLAPPED_COMPLETION_ROUTINE)),
    ENTRY(select, int (WSAAPI *)(int, fd_set *, fd_set *, fd_set *, const struct timeval *)),
    ENTRY(__WSAFDIsSet, int (WSAAPI *)(SOCKET, fd_set *)),
    ENTRY(WSAPoll, int (WSAAPI *)(LPWSAPOLLFD, ULONG, INT)),
    ENTRY(getsockname, int (WSAAPI *)(SOCKET, struct sockaddr *, int *)),
    ENTRY(getpeername, int (WSAAPI *)(SOCKET, struct sockaddr *, int *)),
    ENTRY(WSACreateEvent, WSAEVENT (WSAAPI *)(void)),
    ENTRY(WSASetEvent, BOOL (WSAAPI *)(WSAEVENT)),
    ENTRY(WSAResetEvent, BOOL (WSAAPI *)(WSAEVENT)),
    ENTRY(WSACloseEvent, BOOL (WSAAPI *)(WSAEVENT)),
    ENTRY(WSAEventSelect, int (WSAAPI *)(SOCKET, WSAEVENT, LONG)),
    ENTRY(WSAEnumNetworkEvents, int (WSAAPI *)(SOCKET, WSAEVENT, LPWSANETWORKEVENTS)),
    ENTRY(WSAWaitForMultipleEvents, DWORD (WSAAPI *)(DWORD, const WSAEVENT *, BOOL, DWORD, BOOL)),
    ENTRY(WSAAsyncSelect, int (WSAAPI *)(SOCKET, HWND, u_int, LONG)),
    ENTRY(WSAGetOverlappedResult, BOOL (WSAAPI *)(SOCKET, LPWSAOVERLAPPED, LPDWORD, BOOL, LPDWORD)),
    ENTRY(WSADuplicateSocketA, int (WSAAPI *)(SOCKET, DWORD, LPWSAPROTOCOL_INFOA)),
    ENTRY(WSADuplicateSocketW, int (WSAAPI *)(SOCKET, DWORD, LPWSAPROTOCOL_INFOW)),
};

int main(void)
{
    int failed = 0;
    for (size_t i = 0; i < sizeof decls / sizeof decls[0]; i++) {
        char obj[256];
        /* the address the program uses must be inside libws2_32 or libwin32base */
        if (posix_function_object(decls[i].fn, obj, sizeof obj) != 0 ||
            (strncmp(obj, "libws2_32.so", 12) != 0 && strncmp(obj, "libwin32base.so", 15) != 0)) {
            printf("FAIL: %s resolves to %s\n", decls[i].name, obj);
            failed++;
        }
    }
    printf("decls_test: %zu functions, %d outside libws2_32/libwin32base\n", sizeof decls / sizeof decls[0], failed);
    return failed != 0;
}

/* A Windows provider client: only <ws2spi.h> and `pkg-config wsp`.
 * Creates a TCP socket, sets SO_LINGER, toggles SO_DONTLINGER, reads both. */
#include <stdio.h>
#include <ws2spi.h>

int main(void)
{
    WSPDATA data;
    WSAPROTOCOL_INFOW info;
    WSPUPCALLTABLE upcalls = { 0 };
    WSPPROC_TABLE wsp;
    int err = 0;
    if (WSPStartup(MAKEWORD(2, 2), &data, &info, upcalls, &wsp) != 0)
        return 1;
    SOCKET s = wsp.lpWSPSocket(AF_INET6, SOCK_STREAM, IPPROTO_TCP, NULL, 0, 0, &err);
    if (s == INVALID_SOCKET)
        return 2;
    struct linger l = { 1, 30 };
    BOOL dont = TRUE, back = FALSE;
    int len = sizeof back;
    if (wsp.lpWSPSetSockOpt(s, SOL_SOCKET, SO_LINGER, (char *)&l, sizeof l, &err) ||
        wsp.lpWSPSetSockOpt(s, SOL_SOCKET, SO_DONTLINGER, (char *)&dont, sizeof dont, &err) ||
        wsp.lpWSPGetSockOpt(s, SOL_SOCKET, SO_DONTLINGER, (char *)&back, &len, &err))
        return 3;
    BOOL one = TRUE;
    int r = wsp.lpWSPSetSockOpt(s, SOL_SOCKET, SO_DONTROUTE, (char *)&one, sizeof one, &err);
    printf("SO_DONTLINGER=%d, SO_DONTROUTE on AF_INET6: %s (%d)\n", back, r ? "SOCKET_ERROR" : "ok", r ? err : 0);
    wsp.lpWSPCloseSocket(s, &err);
    return back == TRUE && r == SOCKET_ERROR && err == WSAENOPROTOOPT ? 0 : 4;
}

/*
 * Options and control codes: setsockopt, getsockopt, ioctlsocket, WSAIoctl.
 * Options go through WSPSetSockOpt/WSPGetSockOpt so that every row of the
 * provider's option table applies (spi/sockopt_table.c); ioctlsocket is
 * WSPIoctl with the u_long argument as both buffers, as on Windows.
 */
#include "ws2_internal.h"

WS2_EXPORT int WSAAPI setsockopt(SOCKET s, int level, int optname, const char *optval, int optlen)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = 0;
    return ws2_result(ws2_proc.lpWSPSetSockOpt(s, level, optname, optval, optlen, &err), &err);
}

WS2_EXPORT int WSAAPI getsockopt(SOCKET s, int level, int optname, char *optval, int *optlen)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = 0;
    return ws2_result(ws2_proc.lpWSPGetSockOpt(s, level, optname, optval, optlen, &err), &err);
}

WS2_EXPORT int WSAAPI WSAIoctl(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer, DWORD cbInBuffer,
                               LPVOID lpvOutBuffer, DWORD cbOutBuffer, LPDWORD lpcbBytesReturned,
                               LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = 0;
    return ws2_result(ws2_proc.lpWSPIoctl(s, dwIoControlCode, lpvInBuffer, cbInBuffer, lpvOutBuffer, cbOutBuffer,
                                          lpcbBytesReturned, lpOverlapped, lpCompletionRoutine, NULL, &err), &err);
}

/* doc "ioctlsocket function": argp is in (FIONBIO) or out (FIONREAD,
 * SIOCATMARK); the provider's table knows which. */
WS2_EXPORT int WSAAPI ioctlsocket(SOCKET s, LONG cmd, u_long *argp)
{
    DWORD returned = 0;
    return WSAIoctl(s, (DWORD)cmd, argp, sizeof *argp, argp, sizeof *argp, &returned, NULL, NULL);
}

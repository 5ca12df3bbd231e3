/*
 * Winsock calls that are out of scope (README, "Porting Windows code"):
 * declared so that a program compiles, answered with an error Windows
 * itself documents for the call, never silently ignored.
 */
#include "ws2_internal.h"

/* Window messages do not exist here: the provider's WSPAsyncSelect fails
 * WSAEOPNOTSUPP (spi/startup.c). */
WS2_EXPORT int WSAAPI WSAAsyncSelect(SOCKET s, HWND hWnd, u_int wMsg, LONG lEvent)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = 0;
    return ws2_result(ws2_proc.lpWSPAsyncSelect(s, hWnd, wMsg, lEvent, &err), &err);
}

/* No overlapped operation can have been started (every one is refused), so
 * there is no result to get: the provider's answer, WSAEOPNOTSUPP. */
WS2_EXPORT BOOL WSAAPI WSAGetOverlappedResult(SOCKET s, LPWSAOVERLAPPED lpOverlapped, LPDWORD lpcbTransfer,
                                              BOOL fWait, LPDWORD lpdwFlags)
{
    if (!ws2_started())
        return FALSE;
    int err = 0;
    if (ws2_proc.lpWSPGetOverlappedResult(s, lpOverlapped, lpcbTransfer, fWait, lpdwFlags, &err))
        return TRUE;
    WSASetLastError(err);
    return FALSE;
}

/* Winsock 1.1 blocking hooks were removed in Winsock 2: doc
 * "WSACancelBlockingCall function" -- WSAEOPNOTSUPP for a 2.x caller (what
 * Windows answers, ReactOS apitest ws2_32/WSAStartup.c). */
WS2_EXPORT int WSAAPI WSACancelBlockingCall(void)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    WSASetLastError(WSAEOPNOTSUPP);
    return SOCKET_ERROR;
}

WS2_EXPORT int WSAAPI WSADuplicateSocketW(SOCKET s, DWORD dwProcessId, LPWSAPROTOCOL_INFOW lpProtocolInfo)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = 0;
    return ws2_result(ws2_proc.lpWSPDuplicateSocket(s, dwProcessId, lpProtocolInfo, &err), &err);
}

WS2_EXPORT int WSAAPI WSADuplicateSocketA(SOCKET s, DWORD dwProcessId, LPWSAPROTOCOL_INFOA lpProtocolInfo)
{
    (void)lpProtocolInfo;
    /* the provider refuses every duplication before it writes the structure */
    return WSADuplicateSocketW(s, dwProcessId, NULL);
}

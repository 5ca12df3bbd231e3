/*
 * The event model: WSACreateEvent, WSASetEvent, WSAResetEvent,
 * WSACloseEvent, WSAEventSelect, WSAEnumNetworkEvents,
 * WSAWaitForMultipleEvents.  A WSAEVENT is a libwin32base event handle
 * (manual reset, doc "WSACreateEvent function"); the provider signals it
 * through the upcall table (upcalls.c) and a wait on it is
 * WaitForMultipleObjectsEx (doc "WSAWaitForMultipleEvents function": the
 * same return values).  Failures leave the Win32 code in the one
 * last-error slot: WSA_INVALID_HANDLE and WSA_INVALID_PARAMETER are
 * ERROR_INVALID_HANDLE and ERROR_INVALID_PARAMETER.
 */
#include "ws2_internal.h"

/* The four event-object calls are the kernel32 calls under another name
 * and need no WSAStartup (Wine's and ReactOS' ws2_32 implement them so,
 * without a startup check). */
WS2_EXPORT WSAEVENT WSAAPI WSACreateEvent(void)
{
    return CreateEventA(NULL, TRUE, FALSE, NULL);
}

WS2_EXPORT BOOL WSAAPI WSASetEvent(WSAEVENT hEvent)
{
    return SetEvent(hEvent);
}

WS2_EXPORT BOOL WSAAPI WSAResetEvent(WSAEVENT hEvent)
{
    return ResetEvent(hEvent);
}

WS2_EXPORT BOOL WSAAPI WSACloseEvent(WSAEVENT hEvent)
{
    return CloseHandle(hEvent);
}

WS2_EXPORT DWORD WSAAPI WSAWaitForMultipleEvents(DWORD cEvents, const WSAEVENT *lphEvents, BOOL fWaitAll,
                                                 DWORD dwTimeout, BOOL fAlertable)
{
    return WaitForMultipleObjectsEx(cEvents, lphEvents, fWaitAll, dwTimeout, fAlertable);
}

WS2_EXPORT int WSAAPI WSAEventSelect(SOCKET s, WSAEVENT hEventObject, LONG lNetworkEvents)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = 0;
    return ws2_result(ws2_proc.lpWSPEventSelect(s, hEventObject, lNetworkEvents, &err), &err);
}

WS2_EXPORT int WSAAPI WSAEnumNetworkEvents(SOCKET s, WSAEVENT hEventObject, LPWSANETWORKEVENTS lpNetworkEvents)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = 0;
    return ws2_result(ws2_proc.lpWSPEnumNetworkEvents(s, hEventObject, lpNetworkEvents, &err), &err);
}

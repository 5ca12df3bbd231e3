/*
 * Data transfer: send, recv, sendto, recvfrom and their WSA forms,
 * WSASendDisconnect, WSARecvDisconnect.  The plain calls are the WSA calls
 * with one WSABUF (doc "send function": "len ... the length of the data in
 * buf"), which is how Windows' ws2_32 reaches WSPSend/WSPRecv.  Overlapped
 * requests go to the provider as they are: it refuses them (WSAEOPNOTSUPP,
 * spi/wsp_send_recv.c; README lists overlapped I/O as out of scope).
 */
#include "ws2_internal.h"

WS2_EXPORT int WSAAPI WSASend(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent,
                              DWORD dwFlags, LPWSAOVERLAPPED lpOverlapped,
                              LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = 0;
    return ws2_result(ws2_proc.lpWSPSend(s, lpBuffers, dwBufferCount, lpNumberOfBytesSent, dwFlags, lpOverlapped,
                                         lpCompletionRoutine, NULL, &err), &err);
}

WS2_EXPORT int WSAAPI WSASendTo(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent,
                                DWORD dwFlags, const struct sockaddr *lpTo, int iTolen,
                                LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = 0;
    return ws2_result(ws2_proc.lpWSPSendTo(s, lpBuffers, dwBufferCount, lpNumberOfBytesSent, dwFlags, lpTo, iTolen,
                                           lpOverlapped, lpCompletionRoutine, NULL, &err), &err);
}

WS2_EXPORT int WSAAPI WSARecv(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesRecvd,
                              LPDWORD lpFlags, LPWSAOVERLAPPED lpOverlapped,
                              LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = 0;
    return ws2_result(ws2_proc.lpWSPRecv(s, lpBuffers, dwBufferCount, lpNumberOfBytesRecvd, lpFlags, lpOverlapped,
                                         lpCompletionRoutine, NULL, &err), &err);
}

WS2_EXPORT int WSAAPI WSARecvFrom(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesRecvd,
                                  LPDWORD lpFlags, struct sockaddr *lpFrom, LPINT lpFromlen,
                                  LPWSAOVERLAPPED lpOverlapped,
                                  LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = 0;
    return ws2_result(ws2_proc.lpWSPRecvFrom(s, lpBuffers, dwBufferCount, lpNumberOfBytesRecvd, lpFlags, lpFrom,
                                             lpFromlen, lpOverlapped, lpCompletionRoutine, NULL, &err), &err);
}

WS2_EXPORT int WSAAPI send(SOCKET s, const char *buf, int len, int flags)
{
    return sendto(s, buf, len, flags, NULL, 0);
}

/* len is the WSABUF's ULONG length as the program passed it; the byte
 * count comes back as the return value (it never exceeds len). */
WS2_EXPORT int WSAAPI sendto(SOCKET s, const char *buf, int len, int flags, const struct sockaddr *to, int tolen)
{
    WSABUF b = { (ULONG)len, (char *)buf };
    DWORD sent = 0;
    int r = to ? WSASendTo(s, &b, 1, &sent, (DWORD)flags, to, tolen, NULL, NULL)
               : WSASend(s, &b, 1, &sent, (DWORD)flags, NULL, NULL);
    return r == SOCKET_ERROR ? SOCKET_ERROR : (int)sent;
}

WS2_EXPORT int WSAAPI recv(SOCKET s, char *buf, int len, int flags)
{
    return recvfrom(s, buf, len, flags, NULL, NULL);
}

WS2_EXPORT int WSAAPI recvfrom(SOCKET s, char *buf, int len, int flags, struct sockaddr *from, int *fromlen)
{
    WSABUF b = { (ULONG)len, buf };
    DWORD got = 0, fl = (DWORD)flags;
    int r = from || fromlen ? WSARecvFrom(s, &b, 1, &got, &fl, from, fromlen, NULL, NULL)
                            : WSARecv(s, &b, 1, &got, &fl, NULL, NULL);
    return r == SOCKET_ERROR ? SOCKET_ERROR : (int)got;
}

WS2_EXPORT int WSAAPI WSASendDisconnect(SOCKET s, LPWSABUF lpOutboundDisconnectData)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = 0;
    return ws2_result(ws2_proc.lpWSPSendDisconnect(s, lpOutboundDisconnectData, &err), &err);
}

WS2_EXPORT int WSAAPI WSARecvDisconnect(SOCKET s, LPWSABUF lpInboundDisconnectData)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = 0;
    return ws2_result(ws2_proc.lpWSPRecvDisconnect(s, lpInboundDisconnectData, &err), &err);
}

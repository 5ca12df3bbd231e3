/*
 * Socket creation, addressing and connection: socket, WSASocketA/W,
 * closesocket, bind, listen, accept, WSAAccept, connect, WSAConnect,
 * shutdown, getsockname, getpeername.  Each is the provider call of the
 * same name with the Winsock argument shape; every rule is the provider's.
 */
#include "ws2_internal.h"
#include "safecopy.h"

#include <string.h>

/* doc "socket function": a socket made by socket() has the overlapped
 * attribute, as WSASocket(..., WSA_FLAG_OVERLAPPED) would give it */
WS2_EXPORT SOCKET WSAAPI socket(int af, int type, int protocol)
{
    return WSASocketW(af, type, protocol, NULL, 0, WSA_FLAG_OVERLAPPED);
}

WS2_EXPORT SOCKET WSAAPI WSASocketW(int af, int type, int protocol, LPWSAPROTOCOL_INFOW lpProtocolInfo, GROUP g,
                                    DWORD dwFlags)
{
    if (!ws2_started())
        return INVALID_SOCKET;
    int err = 0;
    SOCKET s = ws2_proc.lpWSPSocket(af, type, protocol, lpProtocolInfo, g, dwFlags, &err);
    if (s == INVALID_SOCKET)
        WSASetLastError(err);
    return s;
}

/* The provider's interface is Unicode: the A structure is copied (fault-
 * safe: a bad pointer is WSAEFAULT, doc WSASocketA) and its protocol name
 * widened byte by byte. */
WS2_EXPORT SOCKET WSAAPI WSASocketA(int af, int type, int protocol, LPWSAPROTOCOL_INFOA lpProtocolInfo, GROUP g,
                                    DWORD dwFlags)
{
    if (!lpProtocolInfo)
        return WSASocketW(af, type, protocol, NULL, g, dwFlags);
    if (!ws2_started())
        return INVALID_SOCKET;
    WSAPROTOCOL_INFOA a;
    if (wsp_copy_in(&a, lpProtocolInfo, sizeof a) != 0) {
        WSASetLastError(WSAEFAULT);
        return INVALID_SOCKET;
    }
    WSAPROTOCOL_INFOW w;
    memcpy(&w, &a, offsetof(WSAPROTOCOL_INFOA, szProtocol));
    for (size_t i = 0; i <= WSAPROTOCOL_LEN; i++)
        w.szProtocol[i] = (WCHAR)(unsigned char)a.szProtocol[i];
    w.szProtocol[WSAPROTOCOL_LEN] = 0;
    return WSASocketW(af, type, protocol, &w, g, dwFlags);
}

WS2_EXPORT int WSAAPI closesocket(SOCKET s)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = 0;
    return ws2_result(ws2_proc.lpWSPCloseSocket(s, &err), &err);
}

WS2_EXPORT int WSAAPI bind(SOCKET s, const struct sockaddr *name, int namelen)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = 0;
    return ws2_result(ws2_proc.lpWSPBind(s, name, namelen, &err), &err);
}

WS2_EXPORT int WSAAPI listen(SOCKET s, int backlog)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = 0;
    return ws2_result(ws2_proc.lpWSPListen(s, backlog, &err), &err);
}

WS2_EXPORT SOCKET WSAAPI WSAAccept(SOCKET s, struct sockaddr *addr, LPINT addrlen, LPCONDITIONPROC lpfnCondition,
                                   DWORD_PTR dwCallbackData)
{
    if (!ws2_started())
        return INVALID_SOCKET;
    int err = 0;
    SOCKET r = ws2_proc.lpWSPAccept(s, addr, addrlen, lpfnCondition, dwCallbackData, &err);
    if (r == INVALID_SOCKET)
        WSASetLastError(err);
    return r;
}

WS2_EXPORT SOCKET WSAAPI accept(SOCKET s, struct sockaddr *addr, int *addrlen)
{
    return WSAAccept(s, addr, addrlen, NULL, 0);
}

WS2_EXPORT int WSAAPI WSAConnect(SOCKET s, const struct sockaddr *name, int namelen, LPWSABUF lpCallerData,
                                 LPWSABUF lpCalleeData, LPQOS lpSQOS, LPQOS lpGQOS)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = 0;
    return ws2_result(ws2_proc.lpWSPConnect(s, name, namelen, lpCallerData, lpCalleeData, lpSQOS, lpGQOS, &err),
                      &err);
}

WS2_EXPORT int WSAAPI connect(SOCKET s, const struct sockaddr *name, int namelen)
{
    return WSAConnect(s, name, namelen, NULL, NULL, NULL, NULL);
}

WS2_EXPORT int WSAAPI shutdown(SOCKET s, int how)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = 0;
    return ws2_result(ws2_proc.lpWSPShutdown(s, how, &err), &err);
}

WS2_EXPORT int WSAAPI getsockname(SOCKET s, struct sockaddr *name, int *namelen)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = 0;
    return ws2_result(ws2_proc.lpWSPGetSockName(s, name, namelen, &err), &err);
}

WS2_EXPORT int WSAAPI getpeername(SOCKET s, struct sockaddr *name, int *namelen)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = 0;
    return ws2_result(ws2_proc.lpWSPGetPeerName(s, name, namelen, &err), &err);
}

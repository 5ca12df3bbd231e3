/* The provider's entry points as they are placed in WSPPROC_TABLE (startup.c). */
#ifndef WSP_PROCS_H
#define WSP_PROCS_H

#include "wsp_internal.h"

SOCKET WSPAPI wsp_WSPSocket(int af, int type, int protocol, LPWSAPROTOCOL_INFOW lpProtocolInfo, GROUP g,
                            DWORD dwFlags, LPINT lpErrno);
int WSPAPI wsp_WSPCloseSocket(SOCKET s, LPINT lpErrno);
int WSPAPI wsp_WSPBind(SOCKET s, const struct WS_sockaddr *name, int namelen, LPINT lpErrno);
int WSPAPI wsp_WSPListen(SOCKET s, int backlog, LPINT lpErrno);
int WSPAPI wsp_WSPConnect(SOCKET s, const struct WS_sockaddr *name, int namelen, LPWSABUF lpCallerData,
                          LPWSABUF lpCalleeData, LPQOS lpSQOS, LPQOS lpGQOS, LPINT lpErrno);
SOCKET WSPAPI wsp_WSPAccept(SOCKET s, struct WS_sockaddr *addr, LPINT addrlen, LPCONDITIONPROC lpfnCondition,
                            DWORD_PTR dwCallbackData, LPINT lpErrno);
int WSPAPI wsp_WSPGetSockName(SOCKET s, struct WS_sockaddr *name, LPINT namelen, LPINT lpErrno);
int WSPAPI wsp_WSPGetPeerName(SOCKET s, struct WS_sockaddr *name, LPINT namelen, LPINT lpErrno);
int WSPAPI wsp_WSPShutdown(SOCKET s, int how, LPINT lpErrno);
int WSPAPI wsp_WSPIoctl(SOCKET s, DWORD code, LPVOID in, DWORD in_len, LPVOID out, DWORD out_len,
                        LPDWORD returned, LPWSAOVERLAPPED overlapped,
                        LPWSAOVERLAPPED_COMPLETION_ROUTINE completion, LPWSATHREADID thread, LPINT lpErrno);

/* data path */
int WSPAPI wsp_WSPSend(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent,
                       DWORD dwFlags, LPWSAOVERLAPPED lpOverlapped,
                       LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine, LPWSATHREADID lpThreadId,
                       LPINT lpErrno);
int WSPAPI wsp_WSPSendTo(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent,
                         DWORD dwFlags, const struct WS_sockaddr *lpTo, int iTolen, LPWSAOVERLAPPED lpOverlapped,
                         LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine, LPWSATHREADID lpThreadId,
                         LPINT lpErrno);
int WSPAPI wsp_WSPRecv(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesRecvd,
                       LPDWORD lpFlags, LPWSAOVERLAPPED lpOverlapped,
                       LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine, LPWSATHREADID lpThreadId,
                       LPINT lpErrno);
int WSPAPI wsp_WSPRecvFrom(SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount, LPDWORD lpNumberOfBytesRecvd,
                           LPDWORD lpFlags, struct WS_sockaddr *lpFrom, LPINT lpFromlen,
                           LPWSAOVERLAPPED lpOverlapped, LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
                           LPWSATHREADID lpThreadId, LPINT lpErrno);
int WSPAPI wsp_WSPSendDisconnect(SOCKET s, LPWSABUF lpOutboundDisconnectData, LPINT lpErrno);
int WSPAPI wsp_WSPRecvDisconnect(SOCKET s, LPWSABUF lpInboundDisconnectData, LPINT lpErrno);
int WSPAPI wsp_WSPSelect(int nfds, WS_fd_set *readfds, WS_fd_set *writefds, WS_fd_set *exceptfds,
                         const struct WS_timeval *timeout, LPINT lpErrno);
int WSPAPI wsp_WSPEventSelect(SOCKET s, WSAEVENT hEventObject, LONG lNetworkEvents, LPINT lpErrno);
int WSPAPI wsp_WSPEnumNetworkEvents(SOCKET s, WSAEVENT hEventObject, LPWSANETWORKEVENTS lpNetworkEvents,
                                    LPINT lpErrno);

#endif

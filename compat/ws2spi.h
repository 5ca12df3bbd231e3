/*
 * ws2spi.h - Winsock 2 Service Provider Interface for wspshim (libwsp) on
 * Linux: WSPDATA, the upcall table (WSPUPCALLTABLE, LPWPU* types), every
 * provider entry point type (LPWSP*), WSPPROC_TABLE and WSPStartup, with
 * the Windows member order and signatures.  WSPAPI is empty on Linux.
 *
 * Prefix mode: this header adds no names that collide with glibc.  It uses
 * struct WS_sockaddr / WS_fd_set / struct WS_timeval in the signatures when
 * WSP_USE_WS_PREFIX is defined (via winsock2.h), so it can be included next
 * to <sys/socket.h> in prefix mode.
 */
#ifndef WSP_WS2SPI_H
#define WSP_WS2SPI_H

#include "winsock2.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WSPDESCRIPTION_LEN          255
#define WSS_OPERATION_IN_PROGRESS   0x00000103L

typedef struct WSPData {
    WORD  wVersion;
    WORD  wHighVersion;
    WCHAR szDescription[WSPDESCRIPTION_LEN + 1];
} WSPDATA, *LPWSPDATA;

typedef BOOL (CALLBACK *LPBLOCKINGCALLBACK)(DWORD_PTR dwContext);
typedef void (CALLBACK *LPWSAUSERAPC)(DWORD_PTR dwContext);

/* ---- Provider entry points (in WSPPROC_TABLE order) ---- */
typedef SOCKET (WSPAPI *LPWSPACCEPT)(
    SOCKET s, struct WSP_WS(sockaddr) *addr, LPINT addrlen,
    LPCONDITIONPROC lpfnCondition, DWORD_PTR dwCallbackData, LPINT lpErrno);
typedef INT (WSPAPI *LPWSPADDRESSTOSTRING)(
    LPSOCKADDR lpsaAddress, DWORD dwAddressLength,
    LPWSAPROTOCOL_INFOW lpProtocolInfo, LPWSTR lpszAddressString,
    LPDWORD lpdwAddressStringLength, LPINT lpErrno);
typedef int (WSPAPI *LPWSPASYNCSELECT)(
    SOCKET s, HWND hWnd, unsigned int wMsg, LONG lEvent, LPINT lpErrno);
typedef int (WSPAPI *LPWSPBIND)(
    SOCKET s, const struct WSP_WS(sockaddr) *name, int namelen,
    LPINT lpErrno);
typedef int (WSPAPI *LPWSPCANCELBLOCKINGCALL)(LPINT lpErrno);
typedef int (WSPAPI *LPWSPCLEANUP)(LPINT lpErrno);
typedef int (WSPAPI *LPWSPCLOSESOCKET)(SOCKET s, LPINT lpErrno);
typedef int (WSPAPI *LPWSPCONNECT)(
    SOCKET s, const struct WSP_WS(sockaddr) *name, int namelen,
    LPWSABUF lpCallerData, LPWSABUF lpCalleeData, LPQOS lpSQOS,
    LPQOS lpGQOS, LPINT lpErrno);
typedef int (WSPAPI *LPWSPDUPLICATESOCKET)(
    SOCKET s, DWORD dwProcessId, LPWSAPROTOCOL_INFOW lpProtocolInfo,
    LPINT lpErrno);
typedef int (WSPAPI *LPWSPENUMNETWORKEVENTS)(
    SOCKET s, WSAEVENT hEventObject, LPWSANETWORKEVENTS lpNetworkEvents,
    LPINT lpErrno);
typedef int (WSPAPI *LPWSPEVENTSELECT)(
    SOCKET s, WSAEVENT hEventObject, LONG lNetworkEvents, LPINT lpErrno);
typedef BOOL (WSPAPI *LPWSPGETOVERLAPPEDRESULT)(
    SOCKET s, LPWSAOVERLAPPED lpOverlapped, LPDWORD lpcbTransfer,
    BOOL fWait, LPDWORD lpdwFlags, LPINT lpErrno);
typedef int (WSPAPI *LPWSPGETPEERNAME)(
    SOCKET s, struct WSP_WS(sockaddr) *name, LPINT namelen, LPINT lpErrno);
typedef int (WSPAPI *LPWSPGETSOCKNAME)(
    SOCKET s, struct WSP_WS(sockaddr) *name, LPINT namelen, LPINT lpErrno);
typedef int (WSPAPI *LPWSPGETSOCKOPT)(
    SOCKET s, int level, int optname, char *optval, LPINT optlen,
    LPINT lpErrno);
typedef BOOL (WSPAPI *LPWSPGETQOSBYNAME)(
    SOCKET s, LPWSABUF lpQOSName, LPQOS lpQOS, LPINT lpErrno);
typedef int (WSPAPI *LPWSPIOCTL)(
    SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer, DWORD cbInBuffer,
    LPVOID lpvOutBuffer, DWORD cbOutBuffer, LPDWORD lpcbBytesReturned,
    LPWSAOVERLAPPED lpOverlapped,
    LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
    LPWSATHREADID lpThreadId, LPINT lpErrno);
typedef SOCKET (WSPAPI *LPWSPJOINLEAF)(
    SOCKET s, const struct WSP_WS(sockaddr) *name, int namelen,
    LPWSABUF lpCallerData, LPWSABUF lpCalleeData, LPQOS lpSQOS,
    LPQOS lpGQOS, DWORD dwFlags, LPINT lpErrno);
typedef int (WSPAPI *LPWSPLISTEN)(SOCKET s, int backlog, LPINT lpErrno);
typedef int (WSPAPI *LPWSPRECV)(
    SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
    LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags,
    LPWSAOVERLAPPED lpOverlapped,
    LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
    LPWSATHREADID lpThreadId, LPINT lpErrno);
typedef int (WSPAPI *LPWSPRECVDISCONNECT)(
    SOCKET s, LPWSABUF lpInboundDisconnectData, LPINT lpErrno);
typedef int (WSPAPI *LPWSPRECVFROM)(
    SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
    LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags,
    struct WSP_WS(sockaddr) *lpFrom, LPINT lpFromlen,
    LPWSAOVERLAPPED lpOverlapped,
    LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
    LPWSATHREADID lpThreadId, LPINT lpErrno);
typedef int (WSPAPI *LPWSPSELECT)(
    int nfds, WSP_WS(fd_set) *readfds, WSP_WS(fd_set) *writefds,
    WSP_WS(fd_set) *exceptfds, const struct WSP_WS(timeval) *timeout,
    LPINT lpErrno);
typedef int (WSPAPI *LPWSPSEND)(
    SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
    LPDWORD lpNumberOfBytesSent, DWORD dwFlags,
    LPWSAOVERLAPPED lpOverlapped,
    LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
    LPWSATHREADID lpThreadId, LPINT lpErrno);
typedef int (WSPAPI *LPWSPSENDDISCONNECT)(
    SOCKET s, LPWSABUF lpOutboundDisconnectData, LPINT lpErrno);
typedef int (WSPAPI *LPWSPSENDTO)(
    SOCKET s, LPWSABUF lpBuffers, DWORD dwBufferCount,
    LPDWORD lpNumberOfBytesSent, DWORD dwFlags,
    const struct WSP_WS(sockaddr) *lpTo, int iTolen,
    LPWSAOVERLAPPED lpOverlapped,
    LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine,
    LPWSATHREADID lpThreadId, LPINT lpErrno);
typedef int (WSPAPI *LPWSPSETSOCKOPT)(
    SOCKET s, int level, int optname, const char *optval, int optlen,
    LPINT lpErrno);
typedef int (WSPAPI *LPWSPSHUTDOWN)(SOCKET s, int how, LPINT lpErrno);
typedef SOCKET (WSPAPI *LPWSPSOCKET)(
    int af, int type, int protocol, LPWSAPROTOCOL_INFOW lpProtocolInfo,
    GROUP g, DWORD dwFlags, LPINT lpErrno);
typedef INT (WSPAPI *LPWSPSTRINGTOADDRESS)(
    LPWSTR AddressString, INT AddressFamily,
    LPWSAPROTOCOL_INFOW lpProtocolInfo, LPSOCKADDR lpAddress,
    LPINT lpAddressLength, LPINT lpErrno);

/* The 30 provider entry points, in the order Ws2_32 expects them. */
typedef struct _WSPPROC_TABLE {
    LPWSPACCEPT                 lpWSPAccept;
    LPWSPADDRESSTOSTRING        lpWSPAddressToString;
    LPWSPASYNCSELECT            lpWSPAsyncSelect;
    LPWSPBIND                   lpWSPBind;
    LPWSPCANCELBLOCKINGCALL     lpWSPCancelBlockingCall;
    LPWSPCLEANUP                lpWSPCleanup;
    LPWSPCLOSESOCKET            lpWSPCloseSocket;
    LPWSPCONNECT                lpWSPConnect;
    LPWSPDUPLICATESOCKET        lpWSPDuplicateSocket;
    LPWSPENUMNETWORKEVENTS      lpWSPEnumNetworkEvents;
    LPWSPEVENTSELECT            lpWSPEventSelect;
    LPWSPGETOVERLAPPEDRESULT    lpWSPGetOverlappedResult;
    LPWSPGETPEERNAME            lpWSPGetPeerName;
    LPWSPGETSOCKNAME            lpWSPGetSockName;
    LPWSPGETSOCKOPT             lpWSPGetSockOpt;
    LPWSPGETQOSBYNAME           lpWSPGetQOSByName;
    LPWSPIOCTL                  lpWSPIoctl;
    LPWSPJOINLEAF               lpWSPJoinLeaf;
    LPWSPLISTEN                 lpWSPListen;
    LPWSPRECV                   lpWSPRecv;
    LPWSPRECVDISCONNECT         lpWSPRecvDisconnect;
    LPWSPRECVFROM               lpWSPRecvFrom;
    LPWSPSELECT                 lpWSPSelect;
    LPWSPSEND                   lpWSPSend;
    LPWSPSENDDISCONNECT         lpWSPSendDisconnect;
    LPWSPSENDTO                 lpWSPSendTo;
    LPWSPSETSOCKOPT             lpWSPSetSockOpt;
    LPWSPSHUTDOWN               lpWSPShutdown;
    LPWSPSOCKET                 lpWSPSocket;
    LPWSPSTRINGTOADDRESS        lpWSPStringToAddress;
} WSPPROC_TABLE, *LPWSPPROC_TABLE;

/* ---- Upcalls (services Ws2_32 offers to the provider) ---- */
typedef BOOL (WSPAPI *LPWPUCLOSEEVENT)(WSAEVENT hEvent, LPINT lpErrno);
typedef int (WSPAPI *LPWPUCLOSESOCKETHANDLE)(SOCKET s, LPINT lpErrno);
typedef WSAEVENT (WSPAPI *LPWPUCREATEEVENT)(LPINT lpErrno);
typedef SOCKET (WSPAPI *LPWPUCREATESOCKETHANDLE)(
    DWORD dwCatalogEntryId, DWORD_PTR dwContext, LPINT lpErrno);
typedef int (WSPAPI *LPWPUFDISSET)(SOCKET s, WSP_WS(fd_set) *fdset);
typedef int (WSPAPI *LPWPUGETPROVIDERPATH)(
    LPGUID lpProviderId, WCHAR *lpszProviderDllPath,
    LPINT lpProviderDllPathLen, LPINT lpErrno);
typedef SOCKET (WSPAPI *LPWPUMODIFYIFSHANDLE)(
    DWORD dwCatalogEntryId, SOCKET ProposedHandle, LPINT lpErrno);
typedef BOOL (WSPAPI *LPWPUPOSTMESSAGE)(
    HWND hWnd, UINT Msg, WPARAM wParam, LPARAM lParam);
typedef int (WSPAPI *LPWPUQUERYBLOCKINGCALLBACK)(
    DWORD dwCatalogEntryId, LPBLOCKINGCALLBACK *lplpfnCallback,
    PDWORD_PTR lpdwContext, LPINT lpErrno);
typedef int (WSPAPI *LPWPUQUERYSOCKETHANDLECONTEXT)(
    SOCKET s, PDWORD_PTR lpContext, LPINT lpErrno);
typedef int (WSPAPI *LPWPUQUEUEAPC)(
    LPWSATHREADID lpThreadId, LPWSAUSERAPC lpfnUserApc,
    DWORD_PTR dwContext, LPINT lpErrno);
typedef BOOL (WSPAPI *LPWPURESETEVENT)(WSAEVENT hEvent, LPINT lpErrno);
typedef BOOL (WSPAPI *LPWPUSETEVENT)(WSAEVENT hEvent, LPINT lpErrno);
typedef int (WSPAPI *LPWPUOPENCURRENTTHREAD)(
    LPWSATHREADID lpThreadId, LPINT lpErrno);
typedef int (WSPAPI *LPWPUCLOSETHREAD)(LPWSATHREADID lpThreadId,
    LPINT lpErrno);
/* Not part of WSPUPCALLTABLE (exported by Ws2_32 on Windows). */
typedef int (WSPAPI *LPWPUCOMPLETEOVERLAPPEDREQUEST)(
    SOCKET s, LPWSAOVERLAPPED lpOverlapped, DWORD dwError,
    DWORD cbTransferred, LPINT lpErrno);

typedef struct _WSPUPCALLTABLE {
    LPWPUCLOSEEVENT                 lpWPUCloseEvent;
    LPWPUCLOSESOCKETHANDLE          lpWPUCloseSocketHandle;
    LPWPUCREATEEVENT                lpWPUCreateEvent;
    LPWPUCREATESOCKETHANDLE         lpWPUCreateSocketHandle;
    LPWPUFDISSET                    lpWPUFDIsSet;
    LPWPUGETPROVIDERPATH            lpWPUGetProviderPath;
    LPWPUMODIFYIFSHANDLE            lpWPUModifyIFSHandle;
    LPWPUPOSTMESSAGE                lpWPUPostMessage;
    LPWPUQUERYBLOCKINGCALLBACK      lpWPUQueryBlockingCallback;
    LPWPUQUERYSOCKETHANDLECONTEXT   lpWPUQuerySocketHandleContext;
    LPWPUQUEUEAPC                   lpWPUQueueApc;
    LPWPURESETEVENT                 lpWPUResetEvent;
    LPWPUSETEVENT                   lpWPUSetEvent;
    LPWPUOPENCURRENTTHREAD          lpWPUOpenCurrentThread;
    LPWPUCLOSETHREAD                lpWPUCloseThread;
} WSPUPCALLTABLE, *LPWSPUPCALLTABLE;

/* ---- wspshim extension: WSAPoll through WSPIoctl ----
 * WSPPROC_TABLE has no poll entry (on Windows ws2_32 reaches the base
 * provider's poll privately).  libwsp answers WSAPoll as this vendor
 * control code: lpvInBuffer points to a WSPSHIM_POLL_ARGS, lpvOutBuffer to
 * an INT that receives WSAPoll's result; the socket argument is ignored
 * (the sockets are in the array).  Errors are WSAPoll's. */
#define SIO_WSPSHIM_POLL    _WSAIORW(IOC_VENDOR, 0x5750)
typedef struct _WSPSHIM_POLL_ARGS {
    LPWSAPOLLFD fdArray;
    ULONG       fds;
    INT         timeout;
} WSPSHIM_POLL_ARGS;

/* ---- Provider initialisation (the only function libwsp exports) ---- */
typedef int (WSPAPI *LPWSPSTARTUP)(
    WORD wVersionRequested, LPWSPDATA lpWSPData,
    LPWSAPROTOCOL_INFOW lpProtocolInfo, WSPUPCALLTABLE UpcallTable,
    LPWSPPROC_TABLE lpProcTable);

int WSPAPI WSPStartup(WORD wVersionRequested, LPWSPDATA lpWSPData,
                      LPWSAPROTOCOL_INFOW lpProtocolInfo,
                      WSPUPCALLTABLE UpcallTable,
                      LPWSPPROC_TABLE lpProcTable);

#ifdef __cplusplus
}
#endif

#endif /* WSP_WS2SPI_H */

/*
 * WSPStartup / WSPCleanup and the procedure table.  Every member of
 * WSPPROC_TABLE is filled: entry points this provider does not implement
 * yet fail with WSAEOPNOTSUPP (BOOL ones return FALSE, SOCKET ones
 * INVALID_SOCKET), so a caller never jumps through NULL.
 */
#include "wsp_internal.h"
#include "wsp_procs.h"

#include <string.h>

#define WSP_EXPORT __attribute__((visibility("default")))

_Atomic int wsp_startup_count;
#define startup_count wsp_startup_count

static int unsupported(LPINT lpErrno)
{
    if (lpErrno)
        *lpErrno = WSAEOPNOTSUPP;
    return SOCKET_ERROR;
}

static INT WSPAPI no_address_to_string(LPSOCKADDR a, DWORD l, LPWSAPROTOCOL_INFOW p, LPWSTR s, LPDWORD n, LPINT e)
{ (void)a; (void)l; (void)p; (void)s; (void)n; return unsupported(e); }
static int WSPAPI no_async_select(SOCKET s, HWND h, unsigned int m, LONG ev, LPINT e)
{ (void)s; (void)h; (void)m; (void)ev; return unsupported(e); }
static int WSPAPI no_cancel_blocking_call(LPINT e) { return unsupported(e); }
static int WSPAPI no_duplicate_socket(SOCKET s, DWORD pid, LPWSAPROTOCOL_INFOW p, LPINT e)
{ (void)s; (void)pid; (void)p; return unsupported(e); }
static BOOL WSPAPI no_get_overlapped_result(SOCKET s, LPWSAOVERLAPPED o, LPDWORD t, BOOL w, LPDWORD f, LPINT e)
{ (void)s; (void)o; (void)t; (void)w; (void)f; unsupported(e); return FALSE; }
static BOOL WSPAPI no_get_qos_by_name(SOCKET s, LPWSABUF n, LPQOS q, LPINT e)
{ (void)s; (void)n; (void)q; unsupported(e); return FALSE; }
static SOCKET WSPAPI no_join_leaf(SOCKET s, const struct WS_sockaddr *n, int l, LPWSABUF a, LPWSABUF b, LPQOS q,
                                 LPQOS g, DWORD f, LPINT e)
{ (void)s; (void)n; (void)l; (void)a; (void)b; (void)q; (void)g; (void)f; unsupported(e); return INVALID_SOCKET; }
static INT WSPAPI no_string_to_address(LPWSTR s, INT af, LPWSAPROTOCOL_INFOW p, LPSOCKADDR a, LPINT l, LPINT e)
{ (void)s; (void)af; (void)p; (void)a; (void)l; return unsupported(e); }

static int WSPAPI wsp_WSPCleanup(LPINT lpErrno)
{
    int n = atomic_load(&startup_count);
    do {
        if (n <= 0) {
            if (lpErrno)
                *lpErrno = WSANOTINITIALISED;
            return SOCKET_ERROR;
        }
    } while (!atomic_compare_exchange_weak(&startup_count, &n, n - 1));
    return 0;
}

static const WSPPROC_TABLE proc_table = {
    .lpWSPAccept = wsp_WSPAccept,
    .lpWSPAddressToString = no_address_to_string,
    .lpWSPAsyncSelect = no_async_select,
    .lpWSPBind = wsp_WSPBind,
    .lpWSPCancelBlockingCall = no_cancel_blocking_call,
    .lpWSPCleanup = wsp_WSPCleanup,
    .lpWSPCloseSocket = wsp_WSPCloseSocket,
    .lpWSPConnect = wsp_WSPConnect,
    .lpWSPDuplicateSocket = no_duplicate_socket,
    .lpWSPEnumNetworkEvents = wsp_WSPEnumNetworkEvents,
    .lpWSPEventSelect = wsp_WSPEventSelect,
    .lpWSPGetOverlappedResult = no_get_overlapped_result,
    .lpWSPGetPeerName = wsp_WSPGetPeerName,
    .lpWSPGetSockName = wsp_WSPGetSockName,
    .lpWSPGetSockOpt = wsp_WSPGetSockOpt,
    .lpWSPGetQOSByName = no_get_qos_by_name,
    .lpWSPIoctl = wsp_WSPIoctl,
    .lpWSPJoinLeaf = no_join_leaf,
    .lpWSPListen = wsp_WSPListen,
    .lpWSPRecv = wsp_WSPRecv,
    .lpWSPRecvDisconnect = wsp_WSPRecvDisconnect,
    .lpWSPRecvFrom = wsp_WSPRecvFrom,
    .lpWSPSelect = wsp_WSPSelect,
    .lpWSPSend = wsp_WSPSend,
    .lpWSPSendDisconnect = wsp_WSPSendDisconnect,
    .lpWSPSendTo = wsp_WSPSendTo,
    .lpWSPSetSockOpt = wsp_WSPSetSockOpt,
    .lpWSPShutdown = wsp_WSPShutdown,
    .lpWSPSocket = wsp_WSPSocket,
    .lpWSPStringToAddress = no_string_to_address,
};

/* Of the upcall table only lpWPUSetEvent / lpWPUResetEvent are used (the
 * event model, wsp_events.c); the provider does its own handle management
 * (a SOCKET is the Linux descriptor). */
WSP_EXPORT int WSPAPI WSPStartup(WORD wVersionRequested, LPWSPDATA lpWSPData, LPWSAPROTOCOL_INFOW lpProtocolInfo,
                                 WSPUPCALLTABLE UpcallTable, LPWSPPROC_TABLE lpProcTable)
{
    (void)lpProtocolInfo;
    if (!lpWSPData || !lpProcTable)
        return WSAEFAULT;
    /* WSPStartup: version 2.2 is the highest supported; below 2.0 refused. */
    if (LOBYTE(wVersionRequested) < 2)
        return WSAVERNOTSUPPORTED;
    WORD highest = MAKEWORD(2, 2);
    lpWSPData->wHighVersion = highest;
    lpWSPData->wVersion = (LOBYTE(wVersionRequested) == 2 && HIBYTE(wVersionRequested) < 2) ? wVersionRequested
                                                                                              : highest;
    static const char description[] = "wspshim TCP/IP provider on Linux";
    size_t i = 0;
    for (; description[i] && i < WSPDESCRIPTION_LEN; i++)
        lpWSPData->szDescription[i] = (WCHAR)description[i];
    lpWSPData->szDescription[i] = 0;
    *lpProcTable = proc_table;
    wsp_upcalls_set(&UpcallTable);
    wsp_trace_configure();
    atomic_fetch_add(&startup_count, 1);
    return 0;
}

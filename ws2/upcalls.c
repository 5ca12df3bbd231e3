/*
 * The upcall table handed to the provider (doc "WSPUPCALLTABLE
 * structure"): its event upcalls act on libwin32base's event objects, so a
 * WSAEVENT is a Win32 event handle and WSAWaitForMultipleEvents is
 * WaitForMultipleObjectsEx -- one handle table, one wait (win32base.h).
 * The remaining upcalls serve parts this provider does not use (it makes
 * its own socket handles, posts no window messages, queues no APCs:
 * spi/startup.c), so they stay NULL.
 */
#include "ws2_internal.h"

#include <string.h>

static BOOL WSPAPI wpu_set_event(WSAEVENT h, LPINT lpErrno)
{
    if (SetEvent(h))
        return TRUE;
    if (lpErrno)
        *lpErrno = (int)GetLastError();   /* ERROR_INVALID_HANDLE == WSA_INVALID_HANDLE */
    return FALSE;
}

static BOOL WSPAPI wpu_reset_event(WSAEVENT h, LPINT lpErrno)
{
    if (ResetEvent(h))
        return TRUE;
    if (lpErrno)
        *lpErrno = (int)GetLastError();
    return FALSE;
}

static BOOL WSPAPI wpu_close_event(WSAEVENT h, LPINT lpErrno)
{
    if (CloseHandle(h))
        return TRUE;
    if (lpErrno)
        *lpErrno = (int)GetLastError();
    return FALSE;
}

static WSAEVENT WSPAPI wpu_create_event(LPINT lpErrno)
{
    HANDLE h = CreateEventA(NULL, TRUE, FALSE, NULL);   /* doc WPUCreateEvent: manual reset, nonsignaled */
    if (!h && lpErrno)
        *lpErrno = (int)GetLastError();
    return h;
}

static int WSPAPI wpu_fd_is_set(SOCKET s, WSP_WS(fd_set) *set)
{
    return wsp_fd_isset(s, set);
}

WSPUPCALLTABLE ws2_upcall_table(void)
{
    WSPUPCALLTABLE t;
    memset(&t, 0, sizeof t);
    t.lpWPUSetEvent = wpu_set_event;
    t.lpWPUResetEvent = wpu_reset_event;
    t.lpWPUCloseEvent = wpu_close_event;
    t.lpWPUCreateEvent = wpu_create_event;
    t.lpWPUFDIsSet = wpu_fd_is_set;
    return t;
}

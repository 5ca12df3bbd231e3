/*
 * event.c - event objects: CreateEventA, SetEvent, ResetEvent.  An event is
 * signalled exactly while its eventfd counter is non-zero (w32_object.h).
 */
#include "w32_object.h"

/* Named events are shared between processes on Windows; the Win32 base has
 * no cross-process object namespace (README), so a name is refused. */
W32_EXPORT HANDLE WINAPI CreateEventA(LPSECURITY_ATTRIBUTES lpEventAttributes,
                                      BOOL bManualReset, BOOL bInitialState, LPCSTR lpName)
{
    (void)lpEventAttributes;
    if (lpName && *lpName) {
        SetLastError(ERROR_NOT_SUPPORTED);
        return NULL;
    }
    struct w32_object *obj = w32_object_new(W32_EVENT, bManualReset != FALSE, bInitialState);
    if (!obj)
        return NULL;
    HANDLE h = w32_handle_insert(obj);
    if (!h)
        w32_object_unref(obj);
    return h;
}

W32_EXPORT BOOL WINAPI SetEvent(HANDLE hEvent)
{
    struct w32_object *obj = w32_handle_lookup(hEvent, W32_EVENT);
    if (!obj)
        return FALSE;
    w32_object_signal(obj);
    w32_object_unref(obj);
    return TRUE;
}

W32_EXPORT BOOL WINAPI ResetEvent(HANDLE hEvent)
{
    struct w32_object *obj = w32_handle_lookup(hEvent, W32_EVENT);
    if (!obj)
        return FALSE;
    w32_object_unsignal(obj);
    w32_object_unref(obj);
    return TRUE;
}

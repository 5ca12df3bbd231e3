/* <windows.h> first, then <winsock2.h> (Windows allows both orders). */
#include <windows.h>
#include <winsock2.h>
#include <ws2tcpip.h>

#ifndef _INC_WINDOWS
# error "windows.h"
#endif
_Static_assert(sizeof(SOCKET) == sizeof(void *), "SOCKET");
_Static_assert(sizeof(DWORD) == 4 && sizeof(LONG) == 4, "LLP64 types");
_Static_assert(INFINITE == 0xFFFFFFFFu && WAIT_TIMEOUT == 258 && WAIT_FAILED == 0xFFFFFFFFu, "waits");
_Static_assert(WAIT_TIMEOUT == WSA_WAIT_TIMEOUT && WAIT_OBJECT_0 == WSA_WAIT_EVENT_0, "WSA waits");

int order_a(void)
{
    WSAEVENT e = CreateEventA(NULL, TRUE, TRUE, NULL);
    int ok = e && WaitForSingleObject(e, 0) == WAIT_OBJECT_0;
    CloseHandle(e);
    return ok;
}

/* <winsock2.h> alone brings in <windows.h>, as on Windows; <winsock.h> and
 * <windows.h> after it add nothing and break nothing. */
#include <winsock2.h>
#include <winsock.h>
#include <windows.h>
#include <wspiapi.h>

#ifndef _INC_WINDOWS
# error "winsock2.h should have included windows.h"
#endif

int order_b(void)
{
    SetLastError(ERROR_INVALID_PARAMETER);
    return WSAGetLastError() == WSA_INVALID_PARAMETER && FD_SETSIZE == 64;
}

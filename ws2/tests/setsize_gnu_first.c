/* GNU mode, <stdlib.h> (and with it glibc's <sys/select.h>) before
 * <winsock2.h>: select() is still Winsock's. */
#include <stdlib.h>
#include <winsock2.h>

int gnu_first_setsize(void) { return FD_SETSIZE; }

int gnu_first_select_empty(void)
{
    fd_set r;
    FD_ZERO(&r);
    TIMEVAL tv = { 0, 0 };
    WSASetLastError(0);
    return select(0, &r, NULL, NULL, &tv) == SOCKET_ERROR ? WSAGetLastError() : 0;
}

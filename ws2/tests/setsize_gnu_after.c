/* GNU mode, <winsock2.h> before glibc's headers: the program's FD_SETSIZE
 * survives glibc's <sys/select.h>, and select() is Winsock's. */
#define FD_SETSIZE 256
#include <winsock2.h>
#include <stdlib.h>
#include <sys/time.h>

int gnu_after_setsize(void) { return FD_SETSIZE; }
size_t gnu_after_fd_set_size(void) { return sizeof(fd_set); }

int gnu_after_select_empty(void)
{
    fd_set r;
    FD_ZERO(&r);
    TIMEVAL tv = { 0, 0 };
    WSASetLastError(0);
    return select(0, &r, NULL, NULL, &tv) == SOCKET_ERROR ? WSAGetLastError() : 0;
}

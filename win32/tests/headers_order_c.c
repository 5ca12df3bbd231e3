/* <windows.h> without WIN32_LEAN_AND_MEAN includes Winsock (as <winsock.h>);
 * then <winsock2.h> is a no-op, and winsock.h first works too. */
#include <winsock.h>
#include <windows.h>
#include <winsock2.h>

#ifndef _WINSOCKAPI_
# error "_WINSOCKAPI_"
#endif

int order_c(void)
{
    fd_set s;
    FD_ZERO(&s);
    FD_SET((SOCKET)5, &s);
    return FD_ISSET((SOCKET)5, &s) && s.fd_count == 1;
}

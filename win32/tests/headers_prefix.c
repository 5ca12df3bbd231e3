/* Prefix mode next to glibc's socket headers: <windows.h> adds the Win32
 * names; the Winsock names that clash with glibc stay WS_-prefixed. */
#define WSP_USE_WS_PREFIX 1
#include <sys/socket.h>
#include <sys/select.h>
#include <netinet/in.h>
#include <windows.h>
#include <winsock2.h>

_Static_assert(sizeof(struct timeval) != sizeof(struct WS_timeval), "glibc timeval kept");
_Static_assert(WS_FD_SETSIZE == 64, "WS_FD_SETSIZE");
_Static_assert(SOL_SOCKET == 1, "SOL_SOCKET keeps its Linux value");

int prefix(void) { return GetProcessHeap() != NULL && sizeof(fd_set) != sizeof(WS_fd_set); }

/*
 * prefix_mixed.c - one translation unit that needs both glibc's socket
 * headers and Winsock, the documented way: WSP_USE_WS_PREFIX before
 * <winsock2.h>.  glibc's socket()/getsockopt() keep their names and Linux
 * constants; Winsock's are WS_socket(), WS_getsockopt(), WS_SOL_SOCKET, ...
 */
#ifndef _GNU_SOURCE
# define _GNU_SOURCE
#endif
#define WSP_USE_WS_PREFIX 1
#include <sys/socket.h>
#include <sys/select.h>
#include <netinet/in.h>
#include <unistd.h>
#include <winsock2.h>

#include "posix_helpers.h"

int prefix_mixed_both(void)
{
    /* glibc: Linux's SOL_SOCKET (1) and SO_TYPE (3) */
    int fd = socket(AF_INET, SOCK_DGRAM, 0), type = 0;
    socklen_t len = sizeof type;
    if (fd < 0 || getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0 || type != SOCK_DGRAM)
        return 1;
    close(fd);
    /* Winsock: WS_SOL_SOCKET (0xffff) and WS_SO_TYPE (0x1008) */
    WSADATA d;
    if (WSAStartup(MAKEWORD(2, 2), &d) != 0)
        return 2;
    SOCKET s = WS_socket(WS_AF_INET, WS_SOCK_DGRAM, 0);
    int wtype = 0, wlen = sizeof wtype;
    int r = s == INVALID_SOCKET ? 3
            : WS_getsockopt(s, WS_SOL_SOCKET, WS_SO_TYPE, (char *)&wtype, &wlen) != 0 ? 4
            : wtype != WS_SOCK_DGRAM ? 5 : 0;
    fd_set linux_set;           /* glibc's fd_set and WS_fd_set side by side */
    WS_fd_set win_set;
    FD_ZERO(&linux_set);
    WS_FD_ZERO(&win_set);
    WS_FD_SET(s, &win_set);
    struct WS_timeval tv = { 0, 0 };
    if (!r && WS_select(0, NULL, &win_set, NULL, &tv) != 1)
        r = 6;
    closesocket(s);
    WSACleanup();
    return r;
}

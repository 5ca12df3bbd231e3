/*
 * select, __WSAFDIsSet and WSAPoll.  select hands the program's fd_sets to
 * WSPSelect as they are: Windows' select reads fd_count entries whatever
 * FD_SETSIZE the program compiled with (doc "select function"), and so does
 * the provider.  WSAPoll has no WSPPROC_TABLE entry; the provider offers it
 * as the control code SIO_WSPSHIM_POLL (<ws2spi.h>, spi/wsp_poll.c), the
 * role the base provider's poll plays under Windows' ws2_32.
 */
#include "ws2_internal.h"

WS2_EXPORT int WSAAPI select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
                             const struct timeval *timeout)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    int err = 0;
    return ws2_result(ws2_proc.lpWSPSelect(nfds, readfds, writefds, exceptfds, timeout, &err), &err);
}

/* FD_ISSET's function (doc "FD_ISSET macro"): nonzero if s is in the set. */
WS2_EXPORT int WSAAPI __WSAFDIsSet(SOCKET s, fd_set *set)
{
    for (u_int i = 0; i < set->fd_count; i++)
        if (set->fd_array[i] == s)
            return 1;
    return 0;
}

WS2_EXPORT int WSAAPI WSAPoll(LPWSAPOLLFD fdArray, ULONG fds, INT timeout)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    WSPSHIM_POLL_ARGS args = { fdArray, fds, timeout };
    INT result = 0;
    DWORD returned = 0;
    int err = 0;
    if (ws2_proc.lpWSPIoctl(INVALID_SOCKET, SIO_WSPSHIM_POLL, &args, sizeof args, &result, sizeof result, &returned,
                            NULL, NULL, NULL, &err) == SOCKET_ERROR) {
        WSASetLastError(err);
        return SOCKET_ERROR;
    }
    return result;
}

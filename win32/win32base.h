/*
 * win32base.h - libwin32base's small internal API for the ws2_32 layer
 * (ws2/), beyond the public Win32 functions of <windows.h>.
 *
 * How Winsock events map onto the Win32 base:
 *   WSACreateEvent()              CreateEventA(NULL, TRUE, FALSE, NULL)
 *   WSASetEvent / WSAResetEvent   SetEvent / ResetEvent
 *   WSACloseEvent                 CloseHandle
 *   WSAWaitForMultipleEvents      WaitForMultipleObjectsEx (same return
 *                                 values; WSA_WAIT_* == WAIT_*, and the
 *                                 error codes WSA_INVALID_HANDLE and
 *                                 WSA_INVALID_PARAMETER are the Win32 ones)
 *   upcalls WPUSetEvent/WPUResetEvent/WPUCloseEvent/WPUCreateEvent
 *                                 the same four calls, with *lpErrno set
 *                                 from GetLastError() on failure
 *   WSAGetLastError/WSASetLastError  defined here (lasterror.c): the one
 *                                 thread-local slot GetLastError reads.
 *                                 ws2_32 must not define its own.
 * A WSAEVENT is a HANDLE of the one handle table; the provider signals it
 * from any thread.
 *
 * For waits that must also watch descriptors (a provider that learns of
 * network events only by polling its sockets), w32_wait_with_fds() is
 * WaitForMultipleObjectsEx that also returns when one of the caller's
 * descriptors becomes ready; the caller then records the network events,
 * sets the events and waits again.
 */
#ifndef WIN32BASE_H
#define WIN32BASE_H

/* glibc's <poll.h> first: struct pollfd and POLL* below are Linux's
 * (<winsock2.h>, which <windows.h> may include, then leaves them alone).
 * After <winsock2.h> they would be Winsock's (WSAPOLLFD): include this
 * header before <windows.h>/<winsock2.h>. */
#if defined(WSP_WINSOCK_POLLFD)
# error "win32base.h needs glibc's struct pollfd: include it before <windows.h> and <winsock2.h>"
#endif
#include <poll.h>
#include <windows.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Returned by w32_wait_with_fds when a descriptor, not a handle, woke the
 * wait (outside every WAIT_* value). */
#define W32_WAIT_FD_READY 0x00000200U

/* WaitForMultipleObjectsEx(nCount, handles, wait_all, ms, FALSE), and also
 * poll()s fds[0..nfds-1] (their revents are filled in): returns
 * W32_WAIT_FD_READY as soon as any of them has revents, before the handle
 * condition is met.  nCount may be 0 when nfds > 0. */
DWORD w32_wait_with_fds(DWORD nCount, const HANDLE *handles, BOOL wait_all,
                        DWORD ms, struct pollfd *fds, nfds_t nfds);

/* The eventfd behind an event or thread handle (readable while signalled),
 * for a caller that polls it itself; -1 with ERROR_INVALID_HANDLE.  Valid
 * until the handle is closed; never read or write it (use SetEvent,
 * ResetEvent, or a wait to consume an auto-reset event). */
int w32_handle_fd(HANDLE h);

#ifdef __cplusplus
}
#endif

#endif /* WIN32BASE_H */

/*
 * ws2_internal.h - private to libws2_32: the provider table, startup state
 * and the helpers every Winsock entry point of ws2/ uses.
 *
 * ws2/ is argument shapes, the thread-local error and startup state: every
 * Windows rule about sockets lives in spi/ (libwsp), reached only through
 * the WSPPROC_TABLE that WSPStartup filled, as Windows' ws2_32 reaches its
 * provider.  The last error is libwin32base's one slot (WSASetLastError is
 * defined there); this library defines no error slot of its own.
 *
 * Symbols: every function compat/ declares under a name glibc also has
 * (socket, send, select, getaddrinfo, ...) carries an asm label, so its
 * definition here is exported as wsp_ws2_<name> (WSP_WS2_SYM in
 * <winsock2.h>); ws2_32.map exports those and the Windows-only names.
 */
#ifndef WS2_INTERNAL_H
#define WS2_INTERNAL_H

#include <winsock2.h>
#include <ws2spi.h>

#define WS2_EXPORT __attribute__((visibility("default")))

/* The provider's procedures: filled by the first successful WSAStartup and
 * never cleared (a call racing the last WSACleanup still jumps through a
 * valid pointer; the provider answers WSANOTINITIALISED). */
extern WSPPROC_TABLE ws2_proc;

/* 1 while at least one WSAStartup is not matched by a WSACleanup; else
 * WSASetLastError(WSANOTINITIALISED) and 0 ("WSANOTINITIALISED: A successful
 * WSAStartup call must occur before using this function", every Winsock
 * function's doc page). */
int ws2_started(void);

/* Map a provider result: r == SOCKET_ERROR -> WSASetLastError(*err).  A
 * pointer, because the call that fills err is this function's other
 * argument (their evaluation order is unspecified). */
static inline int ws2_result(int r, const int *err)
{
    if (r == SOCKET_ERROR)
        WSASetLastError(*err);
    return r;
}

#endif /* WS2_INTERNAL_H */

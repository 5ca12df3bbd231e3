/*
 * windows.h - the Win32 base for ported network programs (libwin32base,
 * pkg-config win32base; ws2_32 brings it in).  Includes windef.h, winnt.h,
 * winerror.h, winbase.h and the MSVC runtime names of wsp_crt.h.
 *
 * As with the Windows SDK, without WIN32_LEAN_AND_MEAN this also includes
 * <winsock.h> (here: the Winsock 2 definitions, see winsock.h), unless the
 * program defined _WINSOCKAPI_ first to keep it out or included glibc's
 * <sys/socket.h> before (see below).  <winsock2.h> and
 * <winsock.h> may come before or after this header.
 *
 * The socket and Win32 names here never clash with glibc's (the socket
 * headers' prefix mode, WSP_USE_WS_PREFIX, applies to the included Winsock
 * definitions as usual).
 */
#ifndef _INC_WINDOWS
#define _INC_WINDOWS

#include "windef.h"
#include "winnt.h"
#include "winerror.h"
#include "winbase.h"
#include "wsp_crt.h"

/* A translation unit that already has glibc's socket API (<sys/socket.h>,
 * also through <netinet/in.h> or <netdb.h>) gets the Win32 base without
 * Winsock, whose struct sockaddr, linger, ... would collide with glibc's;
 * WSP_USE_WS_PREFIX gives it both. */
#if !defined(WIN32_LEAN_AND_MEAN) && (defined(WSP_USE_WS_PREFIX) || !defined(_SYS_SOCKET_H))
# include "winsock.h"
#endif

#endif /* _INC_WINDOWS */

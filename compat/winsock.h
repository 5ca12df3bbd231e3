/*
 * winsock.h - Windows Sockets 1.1.  Every Winsock 1.1 name is also in
 * Winsock 2 with the same value and layout, so this header provides the
 * Winsock 2 definitions (winsock2.h); that lets a program include
 * <winsock.h>, <winsock2.h> and <windows.h> in any order.
 *
 * A program that defines _WINSOCKAPI_ before <windows.h> to keep Winsock
 * out of it gets nothing from here, as with the Windows SDK.
 */
#ifndef _WINSOCKAPI_
# include "winsock2.h"
#endif

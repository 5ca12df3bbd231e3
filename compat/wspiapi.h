/*
 * wspiapi.h - on Windows XP and later getaddrinfo, freeaddrinfo and
 * getnameinfo are in ws2_32 itself and this header only matters for
 * programs targeting older systems; here it is <ws2tcpip.h> and nothing
 * more.
 */
#ifndef WSP_WSPIAPI_H
#define WSP_WSPIAPI_H

#include "ws2tcpip.h"

#endif /* WSP_WSPIAPI_H */

/*
 * ws2tcpip.h - Windows TCP/IP socket definitions for wspshim on Linux.
 * Pulls in winsock2.h and ws2ipdef.h and adds socklen_t and a few
 * TCP/IP constants, all with their Windows values.
 *
 * Prefix mode: with WSP_USE_WS_PREFIX defined before inclusion the names
 * below that glibc also has exist only as WS_socklen_t, WS_IP_*,
 * WS_INET_ADDRSTRLEN, WS_INET6_ADDRSTRLEN; without it both spellings exist.
 */
#ifndef WSP_WS2TCPIP_H
#define WSP_WS2TCPIP_H

#include "winsock2.h"
#include "ws2ipdef.h"

typedef int WSP_WS(socklen_t);

#define WS_IP_DEFAULT_MULTICAST_TTL     1
#define WS_IP_DEFAULT_MULTICAST_LOOP    1
#define WS_IP_MAX_MEMBERSHIPS           20

#define WS_INET_ADDRSTRLEN              22
#define WS_INET6_ADDRSTRLEN             65

/* Plain (unprefixed) spellings of the WS_ constants above; not defined
 * in prefix mode, where they would clash with glibc. */
#ifndef WSP_USE_WS_PREFIX
#define IP_DEFAULT_MULTICAST_TTL   WS_IP_DEFAULT_MULTICAST_TTL
#define IP_DEFAULT_MULTICAST_LOOP  WS_IP_DEFAULT_MULTICAST_LOOP
#define IP_MAX_MEMBERSHIPS         WS_IP_MAX_MEMBERSHIPS
#define INET_ADDRSTRLEN            WS_INET_ADDRSTRLEN
#define INET6_ADDRSTRLEN           WS_INET6_ADDRSTRLEN
#endif /* !WSP_USE_WS_PREFIX */

#endif /* WSP_WS2TCPIP_H */

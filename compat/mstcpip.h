/*
 * mstcpip.h - Microsoft TCP/IP extensions for wspshim on Linux: the
 * address-family-independent INETADDR_* and IPv4 IN4ADDR_* inline helpers
 * (doc "mstcpip.h header", e.g. "IN4ADDR_SETLOOPBACK function"), and the
 * vendor ioctls ported programs look for here (SIO_KEEPALIVE_VALS with
 * struct tcp_keepalive, SIO_UDP_CONNRESET: declared in <mswsock.h>, which
 * this header includes).
 *
 * The SET helpers fill a whole socket address and zero its port, as the
 * Windows ones do; INETADDR_* dispatch on sa_family (AF_INET6, else IPv4).
 */
#ifndef WSP_MSTCPIP_H
#define WSP_MSTCPIP_H

#include "winsock2.h"
#include "ws2ipdef.h"
#include "mswsock.h"

static inline BOOLEAN IN4ADDR_ISANY(CONST SOCKADDR_IN *a)
{
    return a->sin_addr.S_un.S_addr == 0;
}
/* 127.0.0.0/8, the whole loopback net */
static inline BOOLEAN IN4ADDR_ISLOOPBACK(CONST SOCKADDR_IN *a)
{
    return a->sin_addr.S_un.S_un_b.s_b1 == 127;
}
static inline VOID IN4ADDR_SETANY(PSOCKADDR_IN a)
{
    int i;
    a->sin_family = WS_AF_INET;
    a->sin_port = 0;
    a->sin_addr.S_un.S_addr = 0;
    for (i = 0; i < 8; i++)
        a->sin_zero[i] = 0;
}
static inline VOID IN4ADDR_SETLOOPBACK(PSOCKADDR_IN a)
{
    IN4ADDR_SETANY(a);
    a->sin_addr.S_un.S_un_b.s_b1 = 127;     /* 127.0.0.1, network order */
    a->sin_addr.S_un.S_un_b.s_b4 = 1;
}

static inline BOOLEAN INETADDR_ISANY(CONST SOCKADDR *a)
{
    if (a->sa_family == WS_AF_INET6)
        return IN6ADDR_ISANY((CONST SOCKADDR_IN6 *)a);
    return IN4ADDR_ISANY((CONST SOCKADDR_IN *)a);
}
static inline BOOLEAN INETADDR_ISLOOPBACK(CONST SOCKADDR *a)
{
    if (a->sa_family == WS_AF_INET6)
        return IN6ADDR_ISLOOPBACK((CONST SOCKADDR_IN6 *)a);
    return IN4ADDR_ISLOOPBACK((CONST SOCKADDR_IN *)a);
}
static inline VOID INETADDR_SETANY(PSOCKADDR a)
{
    if (a->sa_family == WS_AF_INET6)
        IN6ADDR_SETANY((PSOCKADDR_IN6)a);
    else
        IN4ADDR_SETANY((PSOCKADDR_IN)a);
}
static inline VOID INETADDR_SETLOOPBACK(PSOCKADDR a)
{
    if (a->sa_family == WS_AF_INET6)
        IN6ADDR_SETLOOPBACK((PSOCKADDR_IN6)a);
    else
        IN4ADDR_SETLOOPBACK((PSOCKADDR_IN)a);
}
/* network byte order, as stored */
static inline USHORT INETADDR_PORT(CONST SOCKADDR *a)
{
    if (a->sa_family == WS_AF_INET6)
        return ((CONST SOCKADDR_IN6 *)a)->sin6_port;
    return ((CONST SOCKADDR_IN *)a)->sin_port;
}
static inline PUCHAR INETADDR_ADDRESS(CONST SOCKADDR *a)
{
    if (a->sa_family == WS_AF_INET6)
        return (PUCHAR)((CONST SOCKADDR_IN6 *)a)->sin6_addr.u.Byte;
    return (PUCHAR)&((CONST SOCKADDR_IN *)a)->sin_addr;
}

#endif /* WSP_MSTCPIP_H */

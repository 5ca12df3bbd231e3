/*
 * mswsock.h - Microsoft-specific Winsock extension constants for wspshim on
 * Linux: the 0x7000-range SOL_SOCKET options, SO_OPENTYPE values,
 * TCP_BSDURGENT and a few vendor ioctl codes.  Windows values.
 *
 * Prefix mode: with WSP_USE_WS_PREFIX defined before inclusion the SO_* and
 * TCP_* names exist only as WS_SO_* / WS_TCP_*; without it both spellings
 * exist.  SIO_* codes are never prefixed.
 */
#ifndef WSP_MSWSOCK_H
#define WSP_MSWSOCK_H

#include "winsock2.h"

/* SOL_SOCKET options (mostly for non-TCP/IP transports and AcceptEx/ConnectEx) */
#define WS_SO_CONNDATA                  0x7000
#define WS_SO_CONNOPT                   0x7001
#define WS_SO_DISCDATA                  0x7002
#define WS_SO_DISCOPT                   0x7003
#define WS_SO_CONNDATALEN               0x7004
#define WS_SO_CONNOPTLEN                0x7005
#define WS_SO_DISCDATALEN               0x7006
#define WS_SO_DISCOPTLEN                0x7007
#define WS_SO_OPENTYPE                  0x7008
#define WS_SO_SYNCHRONOUS_ALERT         0x10
#define WS_SO_SYNCHRONOUS_NONALERT      0x20
#define WS_SO_MAXDG                     0x7009
#define WS_SO_MAXPATHDG                 0x700A
#define WS_SO_UPDATE_ACCEPT_CONTEXT     0x700B
#define WS_SO_CONNECT_TIME              0x700C
#define WS_SO_UPDATE_CONNECT_CONTEXT    0x7010

/* IPPROTO_TCP option */
#define WS_TCP_BSDURGENT                0x7000

/* Vendor ioctls */
#define SIO_UDP_CONNRESET               _WSAIOW(IOC_VENDOR, 12)
#define SIO_KEEPALIVE_VALS              _WSAIOW(IOC_VENDOR, 4)

/* SIO_KEEPALIVE_VALS input (mstcpip.h on Windows): times in milliseconds */
struct tcp_keepalive {
    ULONG onoff;
    ULONG keepalivetime;
    ULONG keepaliveinterval;
};

/* Plain (unprefixed) spellings of the WS_ constants above; not defined
 * in prefix mode, where they would clash with glibc. */
#ifndef WSP_USE_WS_PREFIX
#define SO_CONNDATA                WS_SO_CONNDATA
#define SO_CONNOPT                 WS_SO_CONNOPT
#define SO_DISCDATA                WS_SO_DISCDATA
#define SO_DISCOPT                 WS_SO_DISCOPT
#define SO_CONNDATALEN             WS_SO_CONNDATALEN
#define SO_CONNOPTLEN              WS_SO_CONNOPTLEN
#define SO_DISCDATALEN             WS_SO_DISCDATALEN
#define SO_DISCOPTLEN              WS_SO_DISCOPTLEN
#define SO_OPENTYPE                WS_SO_OPENTYPE
#define SO_SYNCHRONOUS_ALERT       WS_SO_SYNCHRONOUS_ALERT
#define SO_SYNCHRONOUS_NONALERT    WS_SO_SYNCHRONOUS_NONALERT
#define SO_MAXDG                   WS_SO_MAXDG
#define SO_MAXPATHDG               WS_SO_MAXPATHDG
#define SO_UPDATE_ACCEPT_CONTEXT   WS_SO_UPDATE_ACCEPT_CONTEXT
#define SO_CONNECT_TIME            WS_SO_CONNECT_TIME
#define SO_UPDATE_CONNECT_CONTEXT  WS_SO_UPDATE_CONNECT_CONTEXT
#define TCP_BSDURGENT              WS_TCP_BSDURGENT
#endif /* !WSP_USE_WS_PREFIX */

/* Extension functions (doc "AcceptEx function", "GetAcceptExSockaddrs
 * function", "LPFN_CONNECTEX callback function", "LPFN_DISCONNECTEX callback
 * function"): a program asks for them with WSAIoctl(SIO_GET_EXTENSION_
 * FUNCTION_POINTER, &guid, ...).  They are overlapped-I/O functions, out of
 * scope here: that WSAIoctl fails WSAEOPNOTSUPP (README), and the names
 * exist so such a program compiles and meets that error. */
typedef BOOL (WSAAPI *LPFN_ACCEPTEX)(SOCKET sListenSocket, SOCKET sAcceptSocket,
    PVOID lpOutputBuffer, DWORD dwReceiveDataLength, DWORD dwLocalAddressLength,
    DWORD dwRemoteAddressLength, LPDWORD lpdwBytesReceived, LPOVERLAPPED lpOverlapped);
typedef VOID (WSAAPI *LPFN_GETACCEPTEXSOCKADDRS)(PVOID lpOutputBuffer,
    DWORD dwReceiveDataLength, DWORD dwLocalAddressLength, DWORD dwRemoteAddressLength,
    SOCKADDR **LocalSockaddr, LPINT LocalSockaddrLength,
    SOCKADDR **RemoteSockaddr, LPINT RemoteSockaddrLength);
typedef BOOL (WSAAPI *LPFN_CONNECTEX)(SOCKET s, const SOCKADDR *name, int namelen,
    PVOID lpSendBuffer, DWORD dwSendDataLength, LPDWORD lpdwBytesSent,
    LPOVERLAPPED lpOverlapped);
typedef BOOL (WSAAPI *LPFN_DISCONNECTEX)(SOCKET s, LPOVERLAPPED lpOverlapped,
    DWORD dwFlags, DWORD dwReserved);

#define WSAID_ACCEPTEX \
    { 0xb5367df1, 0xcbac, 0x11cf, { 0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } }
#define WSAID_GETACCEPTEXSOCKADDRS \
    { 0xb5367df2, 0xcbac, 0x11cf, { 0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } }
#define WSAID_CONNECTEX \
    { 0x25a207b9, 0xddf3, 0x4660, { 0x8e, 0xe9, 0x76, 0xe5, 0x8c, 0x74, 0x06, 0x3e } }
#define WSAID_DISCONNECTEX \
    { 0x7fda2e11, 0x8630, 0x436f, { 0xa0, 0x31, 0xf5, 0x36, 0xa6, 0xee, 0xc1, 0x57 } }

#endif /* WSP_MSWSOCK_H */

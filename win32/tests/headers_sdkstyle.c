/* A program written against the Windows SDK the way Microsoft's Winsock
 * samples are: <winsock2.h>, <ws2tcpip.h> and <mstcpip.h> only, with
 * tolower()/isdigit() from <ctype.h>, which the SDK's winnt.h includes
 * (so does mingw-w64's), malloc()/atoi() from <stdlib.h>, which Winsock's
 * headers bring along, `_cdecl`, and the INETADDR_* / IN6ADDR_* / SS_PORT helpers
 * filling and reading socket addresses of both families; the extension
 * function GUIDs and pointer types of <mswsock.h> (overlap sample). */
#define WIN32_LEAN_AND_MEAN
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
#include <mswsock.h>

static int bytes_are(const void *p, const unsigned char *want, size_t n)
{
    return memcmp(p, want, n) == 0;
}

static int _cdecl parse_port(const char *s)
{
    char *copy = (char *)malloc(strlen(s) + 1);
    int port;
    if (copy == NULL)
        return -1;
    strcpy(copy, s);
    port = atoi(copy);
    free(copy);
    return port;
}

int sdkstyle(void)
{
    static const unsigned char lo4[4] = { 127, 0, 0, 1 };
    static const unsigned char lo6[16] = { 0,0,0,0, 0,0,0,0, 0,0,0,0, 0,0,0,1 };
    static const unsigned char any6[16] = { 0 };
    static const unsigned char port_5001[2] = { 0x13, 0x89 };
    SOCKADDR_STORAGE ss;
    SOCKADDR_IN *in4 = (SOCKADDR_IN *)&ss;
    SOCKADDR_IN6 *in6 = (SOCKADDR_IN6 *)&ss;
    USHORT port;

    if (tolower('T') != 't' || !isdigit('7') || parse_port("5001") != 5001)
        return 0;

    {   /* the documented GUIDs, byte for byte */
        GUID acc = WSAID_ACCEPTEX, sa = WSAID_GETACCEPTEXSOCKADDRS;
        GUID con = WSAID_CONNECTEX, dis = WSAID_DISCONNECTEX;
        static const unsigned char acc4[8] = { 0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 };
        LPFN_ACCEPTEX fn_acc = NULL;
        LPFN_CONNECTEX fn_con = NULL;
        if (acc.Data1 != 0xb5367df1 || acc.Data2 != 0xcbac || acc.Data3 != 0x11cf
            || !bytes_are(acc.Data4, acc4, 8) || sa.Data1 != 0xb5367df2
            || !bytes_are(sa.Data4, acc4, 8) || con.Data1 != 0x25a207b9 || con.Data4[7] != 0x3e
            || dis.Data1 != 0x7fda2e11 || dis.Data4[7] != 0x57 || fn_acc != NULL || fn_con != NULL)
            return 0;
    }

    /* IPv4: SETLOOPBACK fills family and address and zeroes the port. */
    memset(&ss, 0xA5, sizeof ss);
    ss.ss_family = AF_INET;
    INETADDR_SETLOOPBACK((SOCKADDR *)&ss);
    if (in4->sin_family != AF_INET || in4->sin_port != 0
        || !bytes_are(&in4->sin_addr, lo4, 4) || in4->sin_zero[7] != 0)
        return 0;
    if (!INETADDR_ISLOOPBACK((SOCKADDR *)&ss) || INETADDR_ISANY((SOCKADDR *)&ss))
        return 0;
    memcpy(&SS_PORT(&ss), port_5001, 2);        /* network order, as htons(5001) */
    port = INETADDR_PORT((SOCKADDR *)&ss);
    if (!bytes_are(&port, port_5001, 2) || !bytes_are(&in4->sin_port, port_5001, 2))
        return 0;
    if (INETADDR_ADDRESS((SOCKADDR *)&ss) != (PUCHAR)&in4->sin_addr)
        return 0;
    INETADDR_SETANY((SOCKADDR *)&ss);
    if (in4->sin_addr.s_addr != 0 || in4->sin_port != 0 || !INETADDR_ISANY((SOCKADDR *)&ss))
        return 0;

    /* IPv6: the same through the family field, port/flow/scope zeroed. */
    memset(&ss, 0xA5, sizeof ss);
    ss.ss_family = AF_INET6;
    INETADDR_SETLOOPBACK((SOCKADDR *)&ss);
    if (in6->sin6_family != AF_INET6 || in6->sin6_port != 0 || in6->sin6_flowinfo != 0
        || in6->sin6_scope_id != 0 || !bytes_are(&in6->sin6_addr, lo6, 16))
        return 0;
    if (!IN6ADDR_ISLOOPBACK(in6) || IN6ADDR_ISANY(in6) || !INETADDR_ISLOOPBACK((SOCKADDR *)&ss))
        return 0;
    memcpy(&SS_PORT(&ss), port_5001, 2);        /* sin6_port: same offset */
    port = INETADDR_PORT((SOCKADDR *)&ss);
    if (!bytes_are(&port, port_5001, 2) || !bytes_are(&in6->sin6_port, port_5001, 2))
        return 0;
    if (INETADDR_ADDRESS((SOCKADDR *)&ss) != (PUCHAR)&in6->sin6_addr)
        return 0;
    INETADDR_SETANY((SOCKADDR *)&ss);
    if (!bytes_are(&in6->sin6_addr, any6, 16) || in6->sin6_port != 0 || !IN6ADDR_ISANY(in6))
        return 0;
    IN6ADDR_SETLOOPBACK(in6);
    IN4ADDR_SETLOOPBACK(in4);                   /* overwrites the family too */
    return in4->sin_family == AF_INET && IN4ADDR_ISLOOPBACK(in4) && !IN4ADDR_ISANY(in4);
}

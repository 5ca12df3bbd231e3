/*
 * headers_c99.c - every compat/ Win32 and Winsock header as strict C99
 * (-std=c99 -pedantic -Werror, see meson.build).  Was: the anonymous
 * structs and unions of LARGE_INTEGER, OVERLAPPED and in_addr were
 * pedantic errors in C99 (and in C++ with -pedantic).
 */
#include <windows.h>
#include <winsock2.h>
#include <ws2tcpip.h>
#include <wspiapi.h>
#include <strsafe.h>
#include <tchar.h>

int c99_headers(void);

int c99_headers(void)
{
    LARGE_INTEGER li;
    OVERLAPPED ov;
    IN_ADDR a;
    li.QuadPart = 0;
    li.HighPart = 1;
    ov.Offset = 2;
    a.s_addr = 0;
    char buf[4];
    return li.QuadPart == ((LONGLONG)1 << 32) && ov.Offset == 2 && a.S_un.S_addr == 0
           && StringCchCopyA(buf, sizeof buf, "abc") == S_OK;
}

/*
 * headers_glibc_first.c - a Linux program that already has glibc's socket
 * API and adds <windows.h> (without WIN32_LEAN_AND_MEAN) for threads and
 * events.  Was: windows.h pulled Winsock in over <sys/socket.h> and the
 * unit failed with redefinitions of struct sockaddr, linger, in_addr, ...
 */
#include <stdio.h>
#include <pthread.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netdb.h>
#include <windows.h>
#include <strsafe.h>

int glibc_first(void);

int glibc_first(void)
{
    struct sockaddr_in sin;
    sin.sin_family = AF_INET;
    HANDLE e = CreateEventA(NULL, TRUE, TRUE, NULL);
    int ok = e && WaitForSingleObject(e, 0) == WAIT_OBJECT_0 && sin.sin_family == AF_INET
             && sizeof(struct linger) == 8;
    CloseHandle(e);
    return ok;
}

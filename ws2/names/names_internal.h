/*
 * names_internal.h - private to libws2_32's name-resolution and
 * address-conversion files (resolve.c, resolve_w.c, addrconv.c, hostent.c,
 * names_util.c), all in ws2/names/.  These files are compiled in prefix mode
 * (WSP_USE_WS_PREFIX), so glibc's <netdb.h> and the Windows types of
 * compat/ are both visible: WS_AF_INET6 is 23, AF_INET6 is 10.
 */
#ifndef WS2_NAMES_INTERNAL_H
#define WS2_NAMES_INTERNAL_H

#ifndef WSP_USE_WS_PREFIX
# define WSP_USE_WS_PREFIX
#endif
#include <sys/socket.h>
#include <netinet/in.h>
#include <netdb.h>
#include <stddef.h>

#include <windows.h>
#include <winsock2.h>
#include <ws2tcpip.h>

#define WS2_EXPORT __attribute__((visibility("default")))

/* Longest host or service name read from the caller (NI_MAXHOST less the
 * terminator); a longer one resolves to nothing (WSAHOST_NOT_FOUND). */
#define WS2_NAME_MAX (WS_NI_MAXHOST - 1)

/* ws2_started() (startup.c): 1 after WSAStartup, else 0 with
 * WSANOTINITIALISED as the last error. */
#include "ws2_internal.h"

/* Fault-safe reads of a caller's string of unknown length into dst (cap
 * units including the terminator): 0, WSAEFAULT (NULL or unreadable), or
 * WSAENAMETOOLONG (no terminator within cap - 1 units). */
int ws2_read_string(const char *src, char *dst, size_t cap);
int ws2_read_wstring(const WCHAR *src, WCHAR *dst, size_t cap);
/* Fault-safe copies of fixed-size caller memory: 0 or WSAEFAULT. */
int ws2_read(void *dst, const void *src, size_t n);
int ws2_write(void *dst, const void *src, size_t n);

/* Address families: Windows <-> Linux, -1 for a family neither side of
 * ws2_32 converts (only AF_UNSPEC, AF_INET and AF_INET6 travel). */
int ws2_family_to_native(int win_family);
int ws2_family_from_native(int native_family);

/* A Windows SOCKADDR_IN/SOCKADDR_IN6 (already in our memory, len bytes)
 * to the Linux form: 0, WSAEFAULT (len too short for its family) or
 * WSAEAFNOSUPPORT. */
int ws2_sockaddr_to_native(const void *win, size_t len,
                           struct sockaddr_storage *out, socklen_t *outlen);
/* The Linux form to the Windows one in out (room for SOCKADDR_IN6); its
 * length, or 0 for a family Windows callers cannot be given. */
size_t ws2_sockaddr_from_native(const struct sockaddr *in, socklen_t len, void *out);

/* glibc's EAI_* result to the Windows Sockets code getaddrinfo and
 * getnameinfo return (table in names_util.c). */
int ws2_eai_to_wsa(int eai);

/* UTF-16 <-> UTF-8 (the multibyte form glibc's resolver takes).  Return
 * the length written without terminator, or -1 for an unpaired surrogate
 * or invalid UTF-8; the output always has room when cap >= 3 * units + 1
 * (to UTF-8) or units + 1 (to UTF-16). */
long ws2_utf16_to_utf8(const WCHAR *src, char *dst, size_t cap);
long ws2_utf8_to_utf16(const char *src, WCHAR *dst, size_t cap);

/* getaddrinfo on names already in our memory (node/serv NULL or
 * terminated, hints NULL or a copy): 0 with *out, or a Windows Sockets code
 * with *out NULL.  Does not touch the last error. */
int ws2_getaddrinfo_core(const char *node, const char *serv, const ADDRINFOA *hints,
                         ADDRINFOA **out);

/* getaddrinfo on names already in our memory (node/serv NULL or
 * terminated, hints NULL or a copy): 0 with *out, or a Windows Sockets code
 * with *out NULL.  Does not touch the last error. */
int ws2_getaddrinfo_core(const char *node, const char *serv, const ADDRINFOA *hints,
                         ADDRINFOA **out);

/* The calling thread's result block of a kind (HOSTENT, SERVENT,
 * PROTOENT: "allocated by Windows Sockets", one per thread), size bytes
 * zeroed; the thread's previous block of that kind is freed.  NULL when out
 * of memory. */
enum { WS2_BLOCK_HOSTENT, WS2_BLOCK_SERVENT, WS2_BLOCK_PROTOENT, WS2_BLOCK_KINDS };
void *ws2_thread_block(int kind, size_t size);

/* IPv6 text as Windows writes it (glibc's, except ISATAP addresses keep
 * their IPv4 part dotted); cap >= INET6_ADDRSTRLEN. */
void ws2_ntop6(const unsigned char b[16], char *out, size_t cap);

#endif

/*
 * hostent.c - gethostname and gethostbyname.  gethostbyname answers from
 * glibc's getaddrinfo (IPv4 only, as on Windows) in a HOSTENT of the
 * calling thread ("gethostbyname function": the structure is allocated by
 * Windows Sockets, one per thread, and reused by the thread's next call).
 */
#include "names_internal.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

WS2_EXPORT int WSAAPI WS_gethostname(char *name, size_t namelen)
{
    /* "gethostname function": WSANOTINITIALISED before WSAStartup; WSAEFAULT
     * when name is NULL or namelen is too small for the name */
    if (!ws2_started())
        return SOCKET_ERROR;
    char buf[256];
    if (gethostname(buf, sizeof buf)) {
        WSASetLastError(WSAENETDOWN);
        return SOCKET_ERROR;
    }
    buf[sizeof buf - 1] = '\0';
    size_t need = strlen(buf) + 1;
    /* a negative int namelen arrives as more than INT_MAX */
    if (!name || namelen > INT_MAX || namelen < need || ws2_write(name, buf, need)) {
        WSASetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    return 0;
}

/* "GetHostNameW function": gethostname in UTF-16, namelen in WCHARs. */
WS2_EXPORT int WSAAPI GetHostNameW(PWSTR name, int namelen)
{
    if (!ws2_started())
        return SOCKET_ERROR;
    char buf[256];
    WCHAR w[256];
    if (gethostname(buf, sizeof buf)) {
        WSASetLastError(WSAENETDOWN);
        return SOCKET_ERROR;
    }
    buf[sizeof buf - 1] = '\0';
    long n = ws2_utf8_to_utf16(buf, w, sizeof w / sizeof w[0]);
    if (n < 0) {
        WSASetLastError(WSANO_RECOVERY);
        return SOCKET_ERROR;
    }
    if (!name || namelen <= n || ws2_write(name, w, ((size_t)n + 1) * sizeof(WCHAR))) {
        WSASetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    return 0;
}

static pthread_key_t block_key[WS2_BLOCK_KINDS];
static pthread_once_t block_once = PTHREAD_ONCE_INIT;
static void make_keys(void)
{
    for (int i = 0; i < WS2_BLOCK_KINDS; i++)
        pthread_key_create(&block_key[i], free);
}

void *ws2_thread_block(int kind, size_t size)
{
    pthread_once(&block_once, make_keys);
    free(pthread_getspecific(block_key[kind]));
    void *p = calloc(1, size);
    pthread_setspecific(block_key[kind], p);
    return p;
}

static int lookup(const char *name, struct WS_hostent **out)
{
    struct addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_CANONNAME }, *res;
    int eai = getaddrinfo(name, NULL, &hints, &res);
    if (eai)
        return eai == EAI_ADDRFAMILY ? WSANO_DATA : ws2_eai_to_wsa(eai);
    size_t count = 0;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next)
        count++;
    const char *canon = res->ai_canonname ? res->ai_canonname : name;
    size_t namelen = strlen(canon) + 1;
    /* one block: the HOSTENT, an empty alias list, the address list, the
     * addresses, the name */
    size_t size = sizeof(struct WS_hostent) + sizeof(char *) + (count + 1) * sizeof(char *) +
                  count * 4 + namelen;
    char *p = ws2_thread_block(WS2_BLOCK_HOSTENT, size);
    if (!p) {
        freeaddrinfo(res);
        return WSA_NOT_ENOUGH_MEMORY;
    }
    struct WS_hostent *h = (struct WS_hostent *)p;
    h->h_aliases = (char **)(h + 1);
    h->h_addr_list = h->h_aliases + 1;
    char *addr = (char *)(h->h_addr_list + count + 1);
    size_t n = 0;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        memcpy(addr + 4 * n, &((struct sockaddr_in *)ai->ai_addr)->sin_addr, 4);
        h->h_addr_list[n] = addr + 4 * n;
        n++;
    }
    h->h_name = addr + 4 * count;
    memcpy(h->h_name, canon, namelen);
    h->h_addrtype = WS_AF_INET;
    h->h_length = 4;
    freeaddrinfo(res);
    *out = h;
    return 0;
}

WS2_EXPORT struct WS_hostent *WSAAPI WS_gethostbyname(const char *name)
{
    if (!ws2_started())
        return NULL;
    char buf[WS2_NAME_MAX + 1];
    int err = 0;
    if (name) {
        err = ws2_read_string(name, buf, sizeof buf);
        if (err == WSAENAMETOOLONG)
            err = WSAHOST_NOT_FOUND;
    }
    /* NULL or "": the local host, named as gethostname names it */
    if (!err && (!name || !buf[0]) && gethostname(buf, sizeof buf))
        err = WSANO_RECOVERY;
    buf[sizeof buf - 1] = '\0';
    struct WS_hostent *h = NULL;
    if (!err)
        err = lookup(buf, &h);
    if (err) {
        WSASetLastError(err);
        return NULL;
    }
    return h;
}

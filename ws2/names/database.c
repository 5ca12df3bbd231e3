/*
 * database.c - the Winsock 1.1 database calls getservbyname,
 * getservbyport, getprotobyname, getprotobynumber and gethostbyaddr, with
 * Windows' SERVENT/PROTOENT/HOSTENT layouts in a per-thread block, answered
 * from the system's services/protocols files and resolver (glibc's *_r
 * functions, getnameinfo).
 */
#include "names_internal.h"

#include <stdlib.h>
#include <string.h>

/* Copies a NULL-terminated alias list into p; the bytes it needs. */
static size_t alias_size(char **list, size_t *count)
{
    size_t n = 0, bytes = 0;
    for (; list && list[n]; n++)
        bytes += strlen(list[n]) + 1;
    *count = n;
    return bytes + (n + 1) * sizeof(char *);
}

static char *put_aliases(char **src, size_t count, char **dst, char *strings)
{
    for (size_t i = 0; i < count; i++) {
        size_t l = strlen(src[i]) + 1;
        memcpy(strings, src[i], l);
        dst[i] = strings;
        strings += l;
    }
    dst[count] = NULL;
    return strings;
}

static struct WS_servent *to_servent(const struct servent *se)
{
    size_t na, abytes = alias_size(se->s_aliases, &na);
    size_t name = strlen(se->s_name) + 1, proto = strlen(se->s_proto) + 1;
    char *p = ws2_thread_block(WS2_BLOCK_SERVENT, sizeof(struct WS_servent) + abytes + name + proto);
    if (!p) {
        WSASetLastError(WSA_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    struct WS_servent *out = (struct WS_servent *)p;
    out->s_aliases = (char **)(out + 1);
    char *strings = put_aliases(se->s_aliases, na, out->s_aliases, (char *)(out->s_aliases + na + 1));
    out->s_name = strings;
    memcpy(strings, se->s_name, name);
    out->s_proto = strings + name;
    memcpy(out->s_proto, se->s_proto, proto);
    out->s_port = (short)se->s_port;        /* network byte order on both sides */
    return out;
}

static struct WS_protoent *to_protoent(const struct protoent *pe)
{
    size_t na, abytes = alias_size(pe->p_aliases, &na);
    size_t name = strlen(pe->p_name) + 1;
    char *p = ws2_thread_block(WS2_BLOCK_PROTOENT, sizeof(struct WS_protoent) + abytes + name);
    if (!p) {
        WSASetLastError(WSA_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    struct WS_protoent *out = (struct WS_protoent *)p;
    out->p_aliases = (char **)(out + 1);
    char *strings = put_aliases(pe->p_aliases, na, out->p_aliases, (char *)(out->p_aliases + na + 1));
    out->p_name = strings;
    memcpy(strings, pe->p_name, name);
    out->p_proto = (short)pe->p_proto;
    return out;
}

/* A caller's optional name into buf: 0, or the error to report. */
static int read_name(const char *src, char *buf, size_t cap)
{
    int err = ws2_read_string(src, buf, cap);
    return err == WSAENAMETOOLONG ? WSANO_DATA : err;     /* no such entry is that long */
}

/* "getservbyname function": WSANO_DATA when the service is not in the
 * database; proto NULL matches any protocol. */
WS2_EXPORT struct WS_servent *WSAAPI WS_getservbyname(const char *name, const char *proto)
{
    if (!ws2_started())
        return NULL;
    char n[256], pr[64];
    int err = name ? read_name(name, n, sizeof n) : WSAEFAULT;
    if (!err && proto)
        err = read_name(proto, pr, sizeof pr);
    struct servent se, *r = NULL;
    char buf[4096];
    if (!err && (getservbyname_r(n, proto && pr[0] ? pr : NULL, &se, buf, sizeof buf, &r) || !r))
        err = WSANO_DATA;
    if (err) {
        WSASetLastError(err);
        return NULL;
    }
    return to_servent(r);
}

/* "getservbyport function": port in network byte order. */
WS2_EXPORT struct WS_servent *WSAAPI WS_getservbyport(int port, const char *proto)
{
    if (!ws2_started())
        return NULL;
    char pr[64];
    int err = proto ? read_name(proto, pr, sizeof pr) : 0;
    struct servent se, *r = NULL;
    char buf[4096];
    if (!err && (getservbyport_r(port, proto && pr[0] ? pr : NULL, &se, buf, sizeof buf, &r) || !r))
        err = WSANO_DATA;
    if (err) {
        WSASetLastError(err);
        return NULL;
    }
    return to_servent(r);
}

/* "getprotobyname function": WSANO_DATA when the protocol is unknown. */
WS2_EXPORT struct WS_protoent *WSAAPI WS_getprotobyname(const char *name)
{
    if (!ws2_started())
        return NULL;
    char n[256];
    int err = name ? read_name(name, n, sizeof n) : WSAEFAULT;
    struct protoent pe, *r = NULL;
    char buf[4096];
    if (!err && (getprotobyname_r(n, &pe, buf, sizeof buf, &r) || !r))
        err = WSANO_DATA;
    if (err) {
        WSASetLastError(err);
        return NULL;
    }
    return to_protoent(r);
}

WS2_EXPORT struct WS_protoent *WSAAPI WS_getprotobynumber(int number)
{
    if (!ws2_started())
        return NULL;
    struct protoent pe, *r = NULL;
    char buf[4096];
    if (getprotobynumber_r(number, &pe, buf, sizeof buf, &r) || !r) {
        WSASetLastError(WSANO_DATA);
        return NULL;
    }
    return to_protoent(r);
}

/* "gethostbyaddr function": type AF_INET (len 4) or AF_INET6 (len 16);
 * WSAEFAULT for a bad address or a short len, WSAEAFNOSUPPORT for another
 * type, WSAHOST_NOT_FOUND when no name is known. */
WS2_EXPORT struct WS_hostent *WSAAPI WS_gethostbyaddr(const char *addr, int len, int type)
{
    if (!ws2_started())
        return NULL;
    int alen = type == WS_AF_INET ? 4 : type == WS_AF_INET6 ? 16 : 0;
    unsigned char bin[16];
    int err = 0;
    if (!alen)
        err = WSAEAFNOSUPPORT;
    else if (!addr || len < alen || ws2_read(bin, addr, (size_t)alen))
        err = WSAEFAULT;
    char host[WS_NI_MAXHOST];
    if (!err) {
        struct sockaddr_storage ss = { 0 };
        socklen_t sl;
        if (alen == 4) {
            struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
            sin->sin_family = AF_INET;
            memcpy(&sin->sin_addr, bin, 4);
            sl = sizeof *sin;
        } else {
            struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
            s6->sin6_family = AF_INET6;
            memcpy(&s6->sin6_addr, bin, 16);
            sl = sizeof *s6;
        }
        int eai = getnameinfo((struct sockaddr *)&ss, sl, host, sizeof host, NULL, 0, NI_NAMEREQD);
        if (eai)
            err = eai == EAI_NONAME ? WSAHOST_NOT_FOUND : ws2_eai_to_wsa(eai);
    }
    if (err) {
        WSASetLastError(err);
        return NULL;
    }
    size_t name = strlen(host) + 1;
    char *p = ws2_thread_block(WS2_BLOCK_HOSTENT,
                               sizeof(struct WS_hostent) + 3 * sizeof(char *) + 16 + name);
    if (!p) {
        WSASetLastError(WSA_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    /* one block: the HOSTENT, no aliases, one address, the name */
    struct WS_hostent *h = (struct WS_hostent *)p;
    h->h_aliases = (char **)(h + 1);
    h->h_addr_list = h->h_aliases + 1;
    char *a = (char *)(h->h_addr_list + 2);
    memcpy(a, bin, (size_t)alen);
    h->h_addr_list[0] = a;
    h->h_name = a + 16;
    memcpy(h->h_name, host, name);
    h->h_addrtype = (short)type;
    h->h_length = (short)alen;
    return h;
}

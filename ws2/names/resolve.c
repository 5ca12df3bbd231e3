/*
 * resolve.c - getaddrinfo, freeaddrinfo, getnameinfo, gai_strerrorA with
 * Windows shapes over glibc's resolver: Windows flag bits, families and
 * sockaddrs are converted on the way in and out, glibc's EAI_* codes become
 * Windows Sockets codes (names_util.c), and the result list has the
 * ADDRINFOA layout (ai_canonname before ai_addr).
 */
#include "names_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ai_flags: Windows bit -> glibc bit ("getaddrinfo function", ai_flags
 * table).  AI_FQDN asks for the fully qualified name in ai_canonname, which
 * is what glibc's AI_CANONNAME gives. */
static const struct { int win, native; } ai_flag_table[] = {
    { WS_AI_PASSIVE,      AI_PASSIVE },
    { WS_AI_CANONNAME,    AI_CANONNAME },
    { WS_AI_NUMERICHOST,  AI_NUMERICHOST },
    { WS_AI_NUMERICSERV,  AI_NUMERICSERV },
    { WS_AI_ALL,          AI_ALL },
    { WS_AI_ADDRCONFIG,   AI_ADDRCONFIG },
    { WS_AI_V4MAPPED,     AI_V4MAPPED },
    { WS_AI_FQDN,         AI_CANONNAME },
    /* Hints for NS_EMAIL or the DNS client that have no glibc meaning:
     * AI_NON_AUTHORITATIVE, AI_SECURE, AI_RETURN_PREFERRED_NAMES,
     * AI_FILESERVER, AI_DNS_ONLY; other bits are ignored as well. */
};

static int native_flags(int win)
{
    int n = 0;
    for (size_t i = 0; i < sizeof ai_flag_table / sizeof ai_flag_table[0]; i++)
        if (win & ai_flag_table[i].win)
            n |= ai_flag_table[i].native;
    return n;
}

/* "getaddrinfo function": the rules Windows applies before resolving. */
static int check_hints(const char *node, const ADDRINFOA *h)
{
    /* ai_addrlen, ai_canonname, ai_addr and ai_next "must be zero or NULL";
     * the page names a failure for GetAddrInfoEx only, and Wine's
     * getaddrinfo ignores them: they are ignored here too */
    if (!h)
        return 0;
    if (ws2_family_to_native(h->ai_family) < 0)
        return WSAEAFNOSUPPORT;
    /* only one of AI_FQDN and AI_CANONNAME: EAI_BADFLAGS */
    if ((h->ai_flags & WS_AI_FQDN) && (h->ai_flags & WS_AI_CANONNAME))
        return WSAEINVAL;
    /* AI_CANONNAME (or AI_FQDN) without a node name: WSANO_RECOVERY */
    if ((h->ai_flags & (WS_AI_CANONNAME | WS_AI_FQDN)) && !node)
        return WSANO_RECOVERY;
    /* AI_NUMERICHOST needs a numeric node: without one, EAI_NONAME */
    if ((h->ai_flags & WS_AI_NUMERICHOST) && !node)
        return WSAHOST_NOT_FOUND;
    return 0;
}

static ADDRINFOA *new_entry(const struct addrinfo *ai, int win_flags, int protocol)
{
    SOCKADDR_IN6 sa;
    size_t salen = ws2_sockaddr_from_native(ai->ai_addr, ai->ai_addrlen, &sa);
    if (!salen)
        return NULL;
    size_t canon = ai->ai_canonname ? strlen(ai->ai_canonname) + 1 : 0;
    /* one block: the entry, its address, its canonical name */
    ADDRINFOA *e = calloc(1, sizeof *e + sizeof(SOCKADDR_IN6) + canon);
    if (!e)
        return NULL;
    e->ai_flags = win_flags;
    e->ai_family = ws2_family_from_native(ai->ai_family);
    e->ai_socktype = ai->ai_socktype;       /* SOCK_* and IPPROTO_* numbers agree */
    /* the protocol asked for, 0 when none was: glibc fills in IPPROTO_TCP/UDP,
     * Wine's getaddrinfo answers 0 as given (socket() takes either) */
    e->ai_protocol = protocol;
    e->ai_addrlen = salen;
    e->ai_addr = (struct WS_sockaddr *)(e + 1);
    memcpy(e->ai_addr, &sa, salen);
    if (canon) {
        e->ai_canonname = (char *)(e + 1) + sizeof(SOCKADDR_IN6);
        memcpy(e->ai_canonname, ai->ai_canonname, canon);
    }
    return e;
}

/* glibc with "multi on" (Debian's /etc/host.conf) lists 127.0.0.1 twice for
 * an AF_INET "localhost" when /etc/hosts also names ::1 localhost; Windows'
 * resolver (and Wine's getaddrinfo over the same glibc) lists it once, so an
 * entry equal to an earlier one in family, type and address is dropped. */
static int already_listed(const ADDRINFOA *head, const ADDRINFOA *e)
{
    for (const ADDRINFOA *p = head; p; p = p->ai_next)
        if (p->ai_family == e->ai_family && p->ai_socktype == e->ai_socktype &&
            p->ai_addrlen == e->ai_addrlen && !memcmp(p->ai_addr, e->ai_addr, e->ai_addrlen))
            return 1;
    return 0;
}

int ws2_getaddrinfo_core(const char *node, const char *serv, const ADDRINFOA *hints,
                         ADDRINFOA **out)
{
    *out = NULL;
    /* "getaddrinfo function": neither a node nor a service: WSAHOST_NOT_FOUND */
    if (!node && !serv)
        return WSAHOST_NOT_FOUND;
    int err = check_hints(node, hints);
    if (err)
        return err;

    struct addrinfo nh = { 0 };
    int win_flags = 0;
    if (hints) {
        win_flags = hints->ai_flags;
        nh.ai_flags = native_flags(win_flags);
        nh.ai_family = ws2_family_to_native(hints->ai_family);
        nh.ai_socktype = hints->ai_socktype;
        nh.ai_protocol = hints->ai_protocol;
    }

    char host[WS2_NAME_MAX + 1];
    if (node && !node[0]) {
        /* "" means the local computer's own addresses */
        if (gethostname(host, sizeof host))
            return WSANO_RECOVERY;
        host[sizeof host - 1] = '\0';
        node = host;
    } else if (node && node[0] == '[' && (nh.ai_family == AF_UNSPEC || nh.ai_family == AF_INET6)) {
        /* "[v6addr]" as Windows accepts it (Wine ws2_32 protocol.c notes the same) */
        const char *close = strchr(node + 1, ']');
        if (close && !close[1] && (size_t)(close - node - 1) < sizeof host) {
            memcpy(host, node + 1, (size_t)(close - node - 1));
            host[close - node - 1] = '\0';
            node = host;
        }
    }
    /* Non-ASCII names are IDN-encoded by Windows 8 and later unless
     * AI_DISABLE_IDN_ENCODING; glibc does the same with AI_IDN. */
    if (node && !(win_flags & (WS_AI_DISABLE_IDN_ENCODING | WS_AI_NUMERICHOST)))
        for (const unsigned char *p = (const unsigned char *)node; *p; p++)
            if (*p >= 0x80) {
                nh.ai_flags |= AI_IDN;
                break;
            }

    struct addrinfo *res = NULL;
    int eai = getaddrinfo(node, serv, hints ? &nh : NULL, &res);
    if (eai)
        return ws2_eai_to_wsa(eai);

    ADDRINFOA *head = NULL, **tail = &head;
    for (const struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        if (ws2_family_from_native(ai->ai_family) <= 0)
            continue;           /* nothing else is asked for; never hand it out */
        ADDRINFOA *e = new_entry(ai, win_flags, nh.ai_protocol);
        if (!e) {
            freeaddrinfo(res);
            WS_freeaddrinfo(head);
            return WSA_NOT_ENOUGH_MEMORY;
        }
        if (already_listed(head, e)) {
            free(e);
            continue;
        }
        *tail = e;
        tail = &e->ai_next;
    }
    freeaddrinfo(res);
    if (!head)
        return WSAHOST_NOT_FOUND;
    *out = head;
    return 0;
}

WS2_EXPORT INT WSAAPI WS_getaddrinfo(PCSTR pNodeName, PCSTR pServiceName,
                                     const ADDRINFOA *pHints, PADDRINFOA *ppResult)
{
    /* "getaddrinfo function": WSANOTINITIALISED before WSAStartup */
    if (!ws2_started())
        return WSANOTINITIALISED;
    char node[WS2_NAME_MAX + 1], serv[WS2_NAME_MAX + 1];
    ADDRINFOA hints, *res = NULL;
    int err = 0;
    if (pNodeName)
        err = ws2_read_string(pNodeName, node, sizeof node);
    if (!err && pServiceName)
        err = ws2_read_string(pServiceName, serv, sizeof serv);
    if (err == WSAENAMETOOLONG)
        err = WSAHOST_NOT_FOUND;        /* longer than any name that resolves */
    if (!err && pHints)
        err = ws2_read(&hints, pHints, sizeof hints);
    if (!err && !ppResult)
        err = WSAEFAULT;
    if (!err)
        err = ws2_getaddrinfo_core(pNodeName ? node : NULL, pServiceName ? serv : NULL,
                                   pHints ? &hints : NULL, &res);
    if (ppResult && ws2_write(ppResult, &res, sizeof res)) {
        WS_freeaddrinfo(res);
        err = WSAEFAULT;
    }
    /* the last error is the result, 0 included (Wine's getaddrinfo does
     * the same; its tests check WSAGetLastError() after a success) */
    WSASetLastError(err);
    return err;
}

WS2_EXPORT VOID WSAAPI WS_freeaddrinfo(PADDRINFOA pAddrInfo)
{
    while (pAddrInfo) {
        ADDRINFOA *next = pAddrInfo->ai_next;
        free(pAddrInfo);
        pAddrInfo = next;
    }
}

/* getnameinfo flags: Windows bit -> glibc bit ("getnameinfo function"). */
static const struct { int win, native; } ni_flag_table[] = {
    { WS_NI_NOFQDN,      NI_NOFQDN },
    { WS_NI_NUMERICHOST, NI_NUMERICHOST },
    { WS_NI_NAMEREQD,    NI_NAMEREQD },
    { WS_NI_NUMERICSERV, NI_NUMERICSERV },
    { WS_NI_DGRAM,       NI_DGRAM },
};

static int getnameinfo_impl(const SOCKADDR *sa, WS_socklen_t salen, PCHAR host, DWORD hostlen,
                            PCHAR serv, DWORD servlen, INT flags)
{
    /* "getnameinfo function": WSAEFAULT for a NULL address or a length
     * short of its family's structure; WSAEAFNOSUPPORT for another family */
    SOCKADDR_IN6 win;
    if (!sa || salen < (WS_socklen_t)sizeof(ADDRESS_FAMILY))
        return WSAEFAULT;
    size_t n = (size_t)salen < sizeof win ? (size_t)salen : sizeof win;
    if (ws2_read(&win, sa, n))
        return WSAEFAULT;
    struct sockaddr_storage ss;
    socklen_t sslen;
    int err = ws2_sockaddr_to_native(&win, n, &ss, &sslen);
    if (err)
        return err;
    /* both outputs NULL: EAI_NONAME; one asked for with length 0: EAI_BADFLAGS */
    if (!host && !serv)
        return WSAHOST_NOT_FOUND;
    if ((host && !hostlen) || (serv && !servlen))
        return WSAEINVAL;

    int nf = 0;
    for (size_t i = 0; i < sizeof ni_flag_table / sizeof ni_flag_table[0]; i++)
        if (flags & ni_flag_table[i].win)
            nf |= ni_flag_table[i].native;
    char h[WS_NI_MAXHOST], s[WS_NI_MAXHOST];
    socklen_t hl = host ? (hostlen < sizeof h ? hostlen : sizeof h) : 0;
    socklen_t sl = serv ? (servlen < sizeof s ? servlen : sizeof s) : 0;
    int eai = getnameinfo((struct sockaddr *)&ss, sslen, host ? h : NULL, hl,
                          serv ? s : NULL, sl, nf);
    if (eai)
        return ws2_eai_to_wsa(eai);
    if (host && ws2_write(host, h, strlen(h) + 1))
        return WSAEFAULT;
    if (serv && ws2_write(serv, s, strlen(s) + 1))
        return WSAEFAULT;
    return 0;
}

WS2_EXPORT INT WSAAPI WS_getnameinfo(const SOCKADDR *pSockaddr, WS_socklen_t SockaddrLength,
                                     PCHAR pNodeBuffer, DWORD NodeBufferSize,
                                     PCHAR pServiceBuffer, DWORD ServiceBufferSize, INT Flags)
{
    int err = getnameinfo_impl(pSockaddr, SockaddrLength, pNodeBuffer, NodeBufferSize,
                               pServiceBuffer, ServiceBufferSize, Flags);
    /* "getnameinfo function": a failure's code is also in WSAGetLastError();
     * a success leaves it alone (as Wine's does) */
    if (err)
        WSASetLastError(err);
    return err;
}

WS2_EXPORT char *WSAAPI gai_strerrorA(int ecode)
{
    /* one buffer per thread rather than Windows' one per process: the same
     * text, without the race the "getaddrinfo function" page warns about */
    static __thread char buf[GAI_STRERROR_BUFFER_SIZE + 1];
    DWORD saved = GetLastError();
    if (!FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS |
                        FORMAT_MESSAGE_MAX_WIDTH_MASK,
                        NULL, (DWORD)ecode, 0, buf, GAI_STRERROR_BUFFER_SIZE, NULL))
        buf[0] = '\0';
    SetLastError(saved);
    return buf;
}

WS2_EXPORT WCHAR *WSAAPI gai_strerrorW(int ecode)
{
    /* the same text as gai_strerrorA, in UTF-16 (the system messages are
     * ASCII) */
    static __thread WCHAR wbuf[GAI_STRERROR_BUFFER_SIZE + 1];
    const char *a = gai_strerrorA(ecode);
    size_t i = 0;
    for (; a[i] && i < GAI_STRERROR_BUFFER_SIZE; i++)
        wbuf[i] = (unsigned char)a[i];
    wbuf[i] = 0;
    return wbuf;
}

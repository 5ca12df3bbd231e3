/*
 * resolve_w.c - GetAddrInfoW and FreeAddrInfoW: the UTF-16 names become
 * UTF-8 for glibc's resolver, the ADDRINFOA result is copied into ADDRINFOW
 * entries whose canonical name is UTF-16 again.
 */
#include "names_internal.h"

#include <stdlib.h>
#include <string.h>

/* UTF-16 from the caller to UTF-8 in dst: 0 or a Windows Sockets code. */
static int name_to_utf8(PCWSTR src, char *dst, size_t cap)
{
    WCHAR w[WS2_NAME_MAX + 1];
    int err = ws2_read_wstring(src, w, sizeof w / sizeof w[0]);
    if (err == WSAENAMETOOLONG)
        return WSAHOST_NOT_FOUND;       /* as getaddrinfo: no such name resolves */
    if (err)
        return err;
    /* An unpaired surrogate has no multibyte form; Windows fails such a
     * name in its IDN conversion (EAI_FAIL in Wine's GetAddrInfoW). */
    return ws2_utf16_to_utf8(w, dst, cap) < 0 ? WSANO_RECOVERY : 0;
}

static ADDRINFOW *entry_to_w(const ADDRINFOA *a)
{
    size_t canon = 0;
    if (a->ai_canonname)
        canon = strlen(a->ai_canonname) + 1;  /* UTF-16 never needs more units than UTF-8 bytes */
    ADDRINFOW *w = calloc(1, sizeof *w + sizeof(SOCKADDR_IN6) + canon * sizeof(WCHAR));
    if (!w)
        return NULL;
    w->ai_flags = a->ai_flags;
    w->ai_family = a->ai_family;
    w->ai_socktype = a->ai_socktype;
    w->ai_protocol = a->ai_protocol;
    w->ai_addrlen = a->ai_addrlen;
    w->ai_addr = (struct WS_sockaddr *)(w + 1);
    memcpy(w->ai_addr, a->ai_addr, a->ai_addrlen);
    if (canon) {
        w->ai_canonname = (PWSTR)((char *)(w + 1) + sizeof(SOCKADDR_IN6));
        if (ws2_utf8_to_utf16(a->ai_canonname, w->ai_canonname, canon) < 0)
            w->ai_canonname = NULL;     /* not UTF-8: no name rather than a wrong one */
    }
    return w;
}

static int getaddrinfow_impl(PCWSTR pNodeName, PCWSTR pServiceName, const ADDRINFOW *pHints,
                             ADDRINFOW **out)
{
    char node[3 * WS2_NAME_MAX + 1], serv[3 * WS2_NAME_MAX + 1];
    int err = 0;
    if (pNodeName && (err = name_to_utf8(pNodeName, node, sizeof node)))
        return err;
    if (pServiceName && (err = name_to_utf8(pServiceName, serv, sizeof serv)))
        return err;
    ADDRINFOW hw;
    ADDRINFOA ha;
    if (pHints) {
        if (ws2_read(&hw, pHints, sizeof hw))
            return WSAEFAULT;
        /* the two hint structures differ only in ai_canonname's type */
        ha.ai_flags = hw.ai_flags;
        ha.ai_family = hw.ai_family;
        ha.ai_socktype = hw.ai_socktype;
        ha.ai_protocol = hw.ai_protocol;
        ha.ai_addrlen = hw.ai_addrlen;
        ha.ai_canonname = (char *)hw.ai_canonname;
        ha.ai_addr = hw.ai_addr;
        ha.ai_next = (ADDRINFOA *)hw.ai_next;
    }
    ADDRINFOA *res;
    err = ws2_getaddrinfo_core(pNodeName ? node : NULL, pServiceName ? serv : NULL,
                               pHints ? &ha : NULL, &res);
    if (err)
        return err;
    ADDRINFOW *head = NULL, **tail = &head;
    for (const ADDRINFOA *a = res; a; a = a->ai_next) {
        ADDRINFOW *w = entry_to_w(a);
        if (!w) {
            FreeAddrInfoW(head);
            WS_freeaddrinfo(res);
            return WSA_NOT_ENOUGH_MEMORY;
        }
        *tail = w;
        tail = &w->ai_next;
    }
    WS_freeaddrinfo(res);
    *out = head;
    return 0;
}

WS2_EXPORT INT WSAAPI GetAddrInfoW(PCWSTR pNodeName, PCWSTR pServiceName,
                                   const ADDRINFOW *pHints, PADDRINFOW *ppResult)
{
    /* "GetAddrInfoW function": WSANOTINITIALISED before WSAStartup */
    if (!ws2_started())
        return WSANOTINITIALISED;
    ADDRINFOW *res = NULL;
    int err = ppResult ? getaddrinfow_impl(pNodeName, pServiceName, pHints, &res) : WSAEFAULT;
    if (ppResult && ws2_write(ppResult, &res, sizeof res)) {
        FreeAddrInfoW(res);
        err = WSAEFAULT;
    }
    WSASetLastError(err);
    return err;
}

WS2_EXPORT VOID WSAAPI FreeAddrInfoW(PADDRINFOW pAddrInfo)
{
    while (pAddrInfo) {
        ADDRINFOW *next = pAddrInfo->ai_next;
        free(pAddrInfo);
        pAddrInfo = next;
    }
}

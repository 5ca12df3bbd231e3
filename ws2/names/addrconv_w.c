/*
 * addrconv_w.c - the UTF-16 forms GetNameInfoW, WSAAddressToStringW and
 * WSAStringToAddressW: each converts and calls its ANSI twin, so both give
 * the same answers and errors (lengths counted in WCHARs, "The length is
 * represented in bytes for ANSI strings, and in WCHARs for Unicode
 * strings": "WSAAddressToStringA function").
 */
#include "names_internal.h"

#include <string.h>

/* UTF-8 text in our memory to the caller's UTF-16 buffer of cap units:
 * 0, or WSAEFAULT when it does not fit or cannot be written. */
static int put_wide(const char *text, PWCHAR dst, DWORD cap)
{
    WCHAR w[WS_NI_MAXHOST];
    long n = ws2_utf8_to_utf16(text, w, sizeof w / sizeof w[0]);
    if (n < 0 || (DWORD)n + 1 > cap)
        return WSAEFAULT;
    return ws2_write(dst, w, ((size_t)n + 1) * sizeof(WCHAR));
}

WS2_EXPORT INT WSAAPI GetNameInfoW(const SOCKADDR *pSockaddr, WS_socklen_t SockaddrLength,
                                   PWCHAR pNodeBuffer, DWORD NodeBufferSize,
                                   PWCHAR pServiceBuffer, DWORD ServiceBufferSize, INT Flags)
{
    char host[WS_NI_MAXHOST], serv[WS_NI_MAXHOST];
    DWORD hl = NodeBufferSize < sizeof host ? NodeBufferSize : sizeof host;
    DWORD sl = ServiceBufferSize < sizeof serv ? ServiceBufferSize : sizeof serv;
    /* the ANSI call checks everything but the output buffers themselves */
    int err = WS_getnameinfo(pSockaddr, SockaddrLength, pNodeBuffer ? host : NULL, hl,
                             pServiceBuffer ? serv : NULL, sl, Flags);
    if (!err && pNodeBuffer)
        err = put_wide(host, pNodeBuffer, NodeBufferSize);
    if (!err && pServiceBuffer)
        err = put_wide(serv, pServiceBuffer, ServiceBufferSize);
    if (err)
        WSASetLastError(err);
    return err;
}

WS2_EXPORT INT WSAAPI WSAAddressToStringW(LPSOCKADDR lpsaAddress, DWORD dwAddressLength,
                                          LPWSAPROTOCOL_INFOW lpProtocolInfo,
                                          LPWSTR lpszAddressString,
                                          LPDWORD lpdwAddressStringLength)
{
    (void)lpProtocolInfo;
    if (!lpdwAddressStringLength) {
        if (ws2_started())
            WSASetLastError(WSAEINVAL);
        return SOCKET_ERROR;
    }
    char text[128];
    DWORD len = sizeof text;     /* always enough: the longest form is 54 bytes */
    if (WSAAddressToStringA(lpsaAddress, dwAddressLength, NULL, text, &len))
        return SOCKET_ERROR;
    DWORD have;
    if (ws2_read(&have, lpdwAddressStringLength, sizeof have)) {
        WSASetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    /* the address text is ASCII: as many WCHARs as bytes */
    if (!lpszAddressString || have < len || put_wide(text, lpszAddressString, have)) {
        ws2_write(lpdwAddressStringLength, &len, sizeof len);
        WSASetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    if (ws2_write(lpdwAddressStringLength, &len, sizeof len)) {
        WSASetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    return 0;
}

WS2_EXPORT INT WSAAPI WSAStringToAddressW(LPWSTR AddressString, INT AddressFamily,
                                          LPWSAPROTOCOL_INFOW lpProtocolInfo,
                                          LPSOCKADDR lpAddress, LPINT lpAddressLength)
{
    (void)lpProtocolInfo;
    if (!AddressString)
        return WSAStringToAddressA(NULL, AddressFamily, NULL, lpAddress, lpAddressLength);
    WCHAR w[128];
    char text[3 * 128];
    int err = ws2_read_wstring(AddressString, w, sizeof w / sizeof w[0]);
    if (err == WSAEFAULT) {
        if (ws2_started())
            WSASetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    /* too long or not convertible: not an address, as the ANSI call says */
    if (err || ws2_utf16_to_utf8(w, text, sizeof text) < 0)
        strcpy(text, "?");
    return WSAStringToAddressA(text, AddressFamily, NULL, lpAddress, lpAddressLength);
}

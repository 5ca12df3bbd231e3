/*
 * SO_PROTOCOL_INFOW: the WSAPROTOCOL_INFOW of Microsoft's TCP/IP provider
 * ("MSAFD Tcpip") for the socket's family and type.  Values as Windows'
 * catalog reports them (`netsh winsock show catalog`; msafd's own table):
 * TCP service flags 0x20066, UDP 0x20609, PFL_MATCHES_PROTOCOL_ZERO,
 * version 2, big-endian, no security, UDP message size 0xFFBB.
 */
#include "wsp_internal.h"

#include <netinet/in.h>
#include <string.h>

static const GUID provider_ipv4 = { 0xe70f1aa0, 0xab8b, 0x11cf, { 0x8c, 0xa3, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } };
static const GUID provider_ipv6 = { 0xf9eab0c0, 0x26d4, 0x11d0, { 0xbb, 0xbf, 0x00, 0xaa, 0x00, 0x6c, 0x34, 0xe4 } };

static void wide_copy(WCHAR *dst, size_t cap, const char *src)
{
    size_t i = 0;
    for (; src[i] && i + 1 < cap; i++)
        dst[i] = (WCHAR)(unsigned char)src[i];
    dst[i] = 0;
}

int wsp_protocol_info(const struct wsp_sock *s, WSAPROTOCOL_INFOW *out)
{
    int v6 = s->family == AF_INET6;
    int stream = s->type == SOCK_STREAM;
    if ((s->family != AF_INET && !v6) || (s->type != SOCK_STREAM && s->type != SOCK_DGRAM))
        return WSAENOPROTOOPT;

    memset(out, 0, sizeof *out);
    out->dwServiceFlags1 = stream
        ? XP1_IFS_HANDLES | XP1_EXPEDITED_DATA | XP1_GRACEFUL_CLOSE | XP1_GUARANTEED_ORDER | XP1_GUARANTEED_DELIVERY
        : XP1_IFS_HANDLES | XP1_SUPPORT_MULTIPOINT | XP1_SUPPORT_BROADCAST | XP1_MESSAGE_ORIENTED | XP1_CONNECTIONLESS;
    out->dwProviderFlags = PFL_MATCHES_PROTOCOL_ZERO;
    out->ProviderId = v6 ? provider_ipv6 : provider_ipv4;
    out->dwCatalogEntryId = 1001 + (v6 ? 3 : 0) + (stream ? 0 : 1);
    out->ProtocolChain.ChainLen = BASE_PROTOCOL;
    out->iVersion = 2;
    out->iAddressFamily = v6 ? WS_AF_INET6 : WS_AF_INET;
    out->iMaxSockAddr = out->iMinSockAddr = v6 ? (int)sizeof(struct WS_sockaddr_in6) : (int)sizeof(struct WS_sockaddr_in);
    out->iSocketType = stream ? WS_SOCK_STREAM : WS_SOCK_DGRAM;
    out->iProtocol = stream ? WS_IPPROTO_TCP : WS_IPPROTO_UDP;
    out->iProtocolMaxOffset = 0;
    out->iNetworkByteOrder = BIGENDIAN;
    out->iSecurityScheme = SECURITY_PROTOCOL_NONE;
    out->dwMessageSize = stream ? 0 : 0xFFBB;
    static const char *const names[2][2] = {
        { "MSAFD Tcpip [UDP/IP]", "MSAFD Tcpip [TCP/IP]" },
        { "MSAFD Tcpip [UDP/IPv6]", "MSAFD Tcpip [TCP/IPv6]" },
    };
    wide_copy(out->szProtocol, sizeof out->szProtocol / sizeof out->szProtocol[0], names[v6][stream]);
    return 0;
}

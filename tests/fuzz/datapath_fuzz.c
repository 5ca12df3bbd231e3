/*
 * libFuzzer target: WSPSend/WSPSendTo/WSPRecv/WSPRecvFrom argument shapes on
 * real, connected, nonblocking loopback sockets of all four kinds -- NULL and
 * huge WSABUF counts and lengths, NULL buffers, arbitrary flags, NULL
 * lpFlags / byte counts, a non-NULL lpOverlapped, odd address lengths.  The
 * provider must answer every input with 0 or a known WSAE code, never crash,
 * never report more bytes than the buffers hold.
 * Build and run: tests/fuzz/run.sh [SECONDS] (runs both targets)
 */
#include "wsp_internal.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static WSPPROC_TABLE P;
static SOCKET tx[4], rx[4];
#define ARENA (1u << 20)
static char arena[ARENA];
#define MAXBUFS 2048
static WSABUF bufs[MAXBUFS];

static void nonblocking(SOCKET s)
{
    WS_u_long on = 1;
    DWORD got;
    int err;
    if (P.lpWSPIoctl(s, WS_FIONBIO, &on, sizeof on, NULL, 0, &got, NULL, NULL, NULL, &err) != 0)
        abort();
}

static int loop_addr(int af, struct sockaddr_storage *ss)
{
    memset(ss, 0, sizeof *ss);
    if (af == WS_AF_INET) {
        struct sockaddr_in *a = (struct sockaddr_in *)ss;
        a->sin_family = WS_AF_INET;
        a->sin_addr.s_addr = htonl(0x7f000001);
        return sizeof *a;
    }
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
    a->sin6_family = WS_AF_INET6;
    a->sin6_addr.s6_addr[15] = 1;
    return sizeof *a;
}

static void setup(void)
{
    WSPDATA data;
    WSAPROTOCOL_INFOW info;
    WSPUPCALLTABLE up;
    memset(&up, 0, sizeof up);
    if (WSPStartup(MAKEWORD(2, 2), &data, &info, up, &P) != 0)
        abort();
    static const int kinds[4][2] = { { WS_AF_INET, WS_SOCK_STREAM }, { WS_AF_INET, WS_SOCK_DGRAM },
                                     { WS_AF_INET6, WS_SOCK_STREAM }, { WS_AF_INET6, WS_SOCK_DGRAM } };
    for (int i = 0; i < 4; i++) {
        int err, af = kinds[i][0], type = kinds[i][1];
        struct sockaddr_storage a, b;
        int len = loop_addr(af, &a);
        SOCKET l = P.lpWSPSocket(af, type, 0, NULL, 0, 0, &err);
        if (l == INVALID_SOCKET || P.lpWSPBind(l, (struct WS_sockaddr *)&a, len, &err))
            abort();
        int alen = sizeof a;
        P.lpWSPGetSockName(l, (struct WS_sockaddr *)&a, &alen, &err);
        tx[i] = P.lpWSPSocket(af, type, 0, NULL, 0, 0, &err);
        if (type == WS_SOCK_STREAM) {
            P.lpWSPListen(l, 1, &err);
            if (P.lpWSPConnect(tx[i], (struct WS_sockaddr *)&a, alen, NULL, NULL, NULL, NULL, &err))
                abort();
            rx[i] = P.lpWSPAccept(l, NULL, NULL, NULL, 0, &err);
            P.lpWSPCloseSocket(l, &err);
        } else {
            rx[i] = l;
            loop_addr(af, &b);
            if (P.lpWSPBind(tx[i], (struct WS_sockaddr *)&b, len, &err))
                abort();
            int blen = sizeof b;
            P.lpWSPGetSockName(tx[i], (struct WS_sockaddr *)&b, &blen, &err);
            P.lpWSPConnect(tx[i], (struct WS_sockaddr *)&a, alen, NULL, NULL, NULL, NULL, &err);
            P.lpWSPConnect(rx[i], (struct WS_sockaddr *)&b, blen, NULL, NULL, NULL, NULL, &err);
        }
        if (rx[i] == INVALID_SOCKET)
            abort();
        nonblocking(tx[i]);
        nonblocking(rx[i]);
    }
}

static uint32_t rd32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t size)
{
    static int ready;
    if (!ready) {
        setup();
        ready = 1;
    }
    if (size < 16)
        return 0;
    int kind = d[0] & 3, op = (d[0] >> 2) & 3, shape = d[1];
    uint32_t count = rd32(d + 2), flags = rd32(d + 6);
    int addrlen = (int)(int16_t)(d[10] | d[11] << 8);
    const uint8_t *lens = d + 12;
    size_t nlens = (size - 12) / 4;
    /* count: mostly small, sometimes 0, the kernel's limit +-1, or huge */
    switch (shape & 7) {
    case 0: count = 0; break;
    case 1: count = 1024 + (count & 1); break;
    case 2: count = 0xffffffffu; break;
    default: count %= 9; break;
    }
    LPWSABUF b = (shape & 0x80) ? NULL : bufs;
    size_t total = 0;
    uint32_t fill = count < MAXBUFS ? count : MAXBUFS;
    size_t slice = fill ? ARENA / fill : ARENA;
    for (uint32_t i = 0; i < fill; i++) {
        uint32_t len = nlens ? rd32(lens + 4 * (i % nlens)) : 0;
        bufs[i].buf = arena + i * slice;
        if ((len & 0xf0000000u) == 0xf0000000u) {
            bufs[i].buf = NULL;          /* huge length, no buffer: WSAEFAULT */
        } else {
            len %= (uint32_t)slice + 1;
            total += len;
        }
        bufs[i].len = len;
    }
    DWORD n = 0xdeadbeef, fl = flags;
    LPDWORD pn = (shape & 0x40) ? NULL : &n;
    LPDWORD pfl = (shape & 0x20) ? NULL : &fl;
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    LPWSAOVERLAPPED pov = (shape & 0x18) == 0x18 ? &ov : NULL;
    struct sockaddr_storage addr;
    int alen = sizeof addr;
    memset(&addr, 0, sizeof addr);
    int err = 0, r;
    switch (op) {
    case 0:
        r = P.lpWSPSend(tx[kind], b, count, pn, flags, pov, NULL, NULL, &err);
        break;
    case 1:
        r = P.lpWSPRecv(rx[kind], b, count, pn, pfl, pov, NULL, NULL, &err);
        break;
    case 2: {
        /* sendto: to the receiver's own address family, any length */
        loop_addr(kind & 2 ? WS_AF_INET6 : WS_AF_INET, &addr);
        r = P.lpWSPSendTo(tx[kind], b, count, pn, flags, (struct WS_sockaddr *)&addr, addrlen, pov, NULL, NULL,
                          &err);
        break;
    }
    default:
        alen = addrlen;
        r = P.lpWSPRecvFrom(rx[kind], b, count, pn, pfl, (shape & 0x04) ? NULL : (struct WS_sockaddr *)&addr,
                            &alen, pov, NULL, NULL, &err);
        break;
    }
    if (r != 0 && r != SOCKET_ERROR)
        abort();
    if (r == SOCKET_ERROR && !wsp_wsa_name(err))
        abort();                         /* an answer outside the Windows codes */
    if (r == 0 && pn && b && n > total)
        abort();                         /* more bytes than the buffers hold */
    return 0;
}

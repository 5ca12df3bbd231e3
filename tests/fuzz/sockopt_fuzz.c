/*
 * libFuzzer target: arbitrary level, option, length and bytes through
 * WSPSetSockOpt and WSPGetSockOpt on real sockets of all four kinds.  The
 * provider must answer every input with 0 or a WSAE code, never crash, and
 * never write past the length it was given.
 * Build and run: tests/fuzz/run.sh [SECONDS]
 */
#include "wsp_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static WSPPROC_TABLE P;
static SOCKET socks[4];

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
        int err;
        socks[i] = P.lpWSPSocket(kinds[i][0], kinds[i][1], 0, NULL, 0, 0, &err);
        if (socks[i] == INVALID_SOCKET)
            abort();
    }
}

/* Options worth hitting often: the table's own, plus the unknown. */
static void pick(const uint8_t *d, int *level, int *name)
{
    size_t n = wsp_opt_count();
    if (d[0] < 224) {
        const struct wsp_optrow *row = wsp_opt_at(d[0] % n);
        *level = row->wlevel;
        *name = row->wname;
    } else {
        memcpy(level, d + 1, 4);
        memcpy(name, d + 5, 4);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        setup();
        ready = 1;
    }
    if (size < 12)
        return 0;
    int level, name, len, err = 0;
    pick(data, &level, &name);
    memcpy(&len, data + 9, 2);
    len = (int16_t)len;                        /* negative lengths too */
    SOCKET s = socks[data[11] & 3];
    const uint8_t *val = data + 12;
    size_t avail = size - 12;
    /* The value lives in an exactly-sized heap copy so ASan sees overreads.
     * A negative length means "large" to Windows for SOL_SOCKET ints (it
     * reads the 4-byte value): give those 4 bytes, as a caller must. */
    size_t copy = len > 0 ? (size_t)len : 0;
    if (copy > avail)
        copy = avail, len = (int)avail;
    size_t size_alloc = len < 0 ? 4 : (copy ? copy : 1);
    char *buf = calloc(1, size_alloc);
    memcpy(buf, val, copy < size_alloc ? copy : size_alloc);
    int r = P.lpWSPSetSockOpt(s, level, name, (data[11] & 4) ? NULL : buf, len, &err);
    if (r != 0 && r != SOCKET_ERROR)
        abort();
    int glen = len;
    r = P.lpWSPGetSockOpt(s, level, name, buf, &glen, &err);
    if (r != 0 && r != SOCKET_ERROR)
        abort();
    if (r == 0 && (glen < 0 || (len > 0 && glen > len && name != WS_SO_PROTOCOL_INFOW)))
        abort();                               /* wrote past what it was given */
    free(buf);
    return 0;
}

/*
 * POSIX value shapes <-> Winsock value shapes, per the option table's value
 * kind.  Shape only: whether a value is acceptable is libwsp's decision.
 * A POSIX value that has no Winsock form (a short struct timeval, a linger
 * time above 65535 s) is refused with Linux's own errno instead.
 */
#include "translate.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

/* How many bytes of the caller's value the option reads: the whole POSIX
 * struct for the shapes the shim converts, otherwise what libwsp's decoder
 * reads (4, or the row's struct or byte-string size; a "negative" length
 * counts as large). */
static size_t value_bytes(const struct wsp_optrow *row, socklen_t len)
{
    size_t need;
    switch (row->kind) {
    case WSP_KIND_MS:
        need = sizeof(struct timeval);
        break;
    case WSP_KIND_LINGER:
        need = sizeof(struct linger);
        break;
    default:
        need = row->len_rule == WSP_LEN_STRUCT || row->len_rule == WSP_LEN_BYTES ? (size_t)row->size : 4;
        break;
    }
    if (need > SHIM_VALUE_MAX)
        need = SHIM_VALUE_MAX;
    return (int)len < 0 || len > need ? need : len;
}

int shim_to_windows(const struct wsp_optrow *row, const void *val, socklen_t len, struct shim_winval *w,
                    enum shim_trust trust)
{
    w->ptr = val;
    w->len = (int)len;                         /* a "negative" length stays negative: libwsp judges it */
    w->copied = 0;
    if (len == 4 && (row->kind == WSP_KIND_BOOL || row->kind == WSP_KIND_INT) &&
        row->len_rule != WSP_LEN_STRUCT && wsp_on_home_stack(val, 4)) {
        memcpy(w->posix, val, 4);              /* the common case: an int on the caller's stack */
        w->copied = 4;
        w->ptr = w->posix;
        return 0;
    }
    if (!val || (uintptr_t)val < 4096)
        return 0;                              /* libwsp answers NULL and the first page without reading */
    if ((row->kind == WSP_KIND_MS || row->kind == WSP_KIND_LINGER) && w->len > 0 &&
        len < value_bytes(row, (socklen_t)-1))
        return EINVAL;                         /* a short struct: no Winsock form (as Linux) */
    size_t n = value_bytes(row, len);
    int r = shim_copy_in(w->posix, val, n, trust);
    if (r == ENOSYS)
        return -1;
    if (r) {
        w->ptr = SHIM_UNREADABLE;
        w->copied = -1;
        return 0;
    }
    w->copied = (int)n;
    w->ptr = w->posix;                         /* int and BOOL: same bytes, same length */
    if (w->len <= 0)
        return 0;
    switch (row->kind) {
    case WSP_KIND_MS: {
        struct timeval tv;
        memcpy(&tv, w->posix, sizeof tv);
        if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
            return EDOM;                       /* as Linux */
        if (tv.tv_sec < 0)
            return EINVAL;
        /* round up: {0, 1us} must not become 0, which means "forever" */
        uint64_t ms = (uint64_t)tv.tv_sec * 1000 + ((uint64_t)tv.tv_usec + 999) / 1000;
        uint32_t dw = ms > UINT32_MAX ? UINT32_MAX : (uint32_t)ms;
        memcpy(w->buf, &dw, 4);
        break;
    }
    case WSP_KIND_LINGER: {
        struct linger pl;
        memcpy(&pl, w->posix, sizeof pl);
        if (pl.l_linger < 0 || pl.l_linger > 0xffff)
            return EINVAL;                     /* Windows' l_linger is a u_short */
        struct WS_linger wl = {
            .l_onoff = (WS_u_short)(pl.l_onoff == 0 ? 0 : (pl.l_onoff > 0 && pl.l_onoff <= 0xffff) ? pl.l_onoff : 1),
            .l_linger = (WS_u_short)pl.l_linger,
        };
        memcpy(w->buf, &wl, sizeof wl);
        break;
    }
    case WSP_KIND_ERRCODE: {
        if (len < 4)
            return 0;                          /* let libwsp judge the length */
        int err;
        memcpy(&err, w->posix, 4);
        int32_t wsa = err ? wsp_wsa_from_errno(err) : 0;
        memcpy(w->buf, &wsa, 4);
        break;
    }
    default:
        return 0;
    }
    w->ptr = w->buf;
    w->len = 4;
    return 0;
}

int shim_get_winlen(const struct wsp_optrow *row, socklen_t have)
{
    if ((int)have <= 0)
        return (int)have;                      /* libwsp answers 0 and negative lengths */
    if (row->kind == WSP_KIND_MS || row->kind == WSP_KIND_LINGER)
        return 4;                              /* truncated POSIX-style afterwards */
    return have > 4 ? 4 : (int)have;           /* short buffers meet Windows' rules */
}

int shim_to_posix(const struct wsp_optrow *row, const char *win, int winlen, void *val, socklen_t *len,
                  socklen_t have, enum shim_trust trust)
{
    unsigned char out[sizeof(struct timeval)];
    size_t size = 4;
    int32_t v = 0;
    if (winlen == 1)
        v = (unsigned char)win[0];
    else
        memcpy(&v, win, 4);
    switch (row->kind) {
    case WSP_KIND_MS: {
        uint32_t ms = (uint32_t)v;
        struct timeval tv = { .tv_sec = ms / 1000, .tv_usec = (ms % 1000) * 1000 };
        memcpy(out, &tv, sizeof tv);
        size = sizeof tv;
        break;
    }
    case WSP_KIND_LINGER: {
        struct WS_linger wl;
        memcpy(&wl, win, sizeof wl);
        struct linger pl = { .l_onoff = wl.l_onoff, .l_linger = wl.l_linger };
        memcpy(out, &pl, sizeof pl);
        size = sizeof pl;
        break;
    }
    case WSP_KIND_ERRCODE:
        v = v ? wsp_errno_from_wsa(v) : 0;
        memcpy(out, &v, 4);
        break;
    default:
        memcpy(out, &v, 4);
        break;
    }
    if (size > have)
        size = have;                           /* Linux truncates a short buffer */
    socklen_t n = (socklen_t)size;
    if (shim_copy_out(val, out, size, trust) || shim_copy_out(len, &n, sizeof n, trust))
        return EFAULT;
    return 0;
}

void shim_render_posix(const struct wsp_optrow *row, int level, int name, const void *val, socklen_t len,
                       char *out, size_t cap)
{
    (void)level;
    if (!val) {
        snprintf(out, cap, "NULL");
        return;
    }
    if (row && row->kind == WSP_KIND_MS && len >= sizeof(struct timeval)) {
        struct timeval tv;
        memcpy(&tv, val, sizeof tv);
        snprintf(out, cap, "{%lds,%ldus}", (long)tv.tv_sec, (long)tv.tv_usec);
    } else if (row && row->kind == WSP_KIND_LINGER && len >= sizeof(struct linger)) {
        struct linger l;
        memcpy(&l, val, sizeof l);
        snprintf(out, cap, "{l_onoff=%d,l_linger=%d}", l.l_onoff, l.l_linger);
    } else if (len >= 4) {
        int v;
        memcpy(&v, val, 4);
        snprintf(out, cap, "%d", v);
    } else if (len >= 1) {
        snprintf(out, cap, "%u (%u-byte)", *(const unsigned char *)val, (unsigned)len);
    } else {
        snprintf(out, cap, "(empty)");
    }
    (void)name;
}

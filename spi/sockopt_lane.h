/*
 * The option lane (issue 16): the part of WSPSetSockOpt/WSPGetSockOpt that
 * answers a call on a plain row (enum wsp_lane in wsp_internal.h) without
 * walking the general order in wsp_sockopt.c, inline so that the shim's
 * enforce path and libwsp's own entries run the same code with no call in
 * between.  A call the lane does not take (WSP_LANE_MISS) gets the general
 * order, which answers it the same way: tests/entry_parity.sh runs every
 * case of the conformance probe with the lane and without it (WSP_NO_LANE)
 * and compares the answers.
 */
#ifndef WSP_SOCKOPT_LANE_H
#define WSP_SOCKOPT_LANE_H

#include "wsp_internal.h"

#define WSP_LANE_MISS (-2)

#ifdef WSP_LANE_COUNT
extern unsigned long wsp_lane_taken[2];        /* sets, gets (tests/entry_parity.c) */
#define WSP_LANE_TAKEN(i) (wsp_lane_taken[i]++)
#else
#define WSP_LANE_TAKEN(i) ((void)0)
#endif

/* n bytes of the caller's optval, fault-safely (safecopy.c): a pointer the
 * process cannot read is WSAEFAULT, as on Windows, not a crash.  Where
 * seccomp leaves no way to check, the pointer is trusted as libc would. */
static inline __attribute__((always_inline)) int wsp_read_optval(void *dst, const char *optval, size_t n)
{
    int r = wsp_copy_in(dst, optval, n);
    if (r == ENOSYS) {
        memcpy(dst, optval, n);
        r = 0;
    }
    return r ? WSAEFAULT : 0;
}

/* The call fits the lane: a plain row in APPLY mode on a socket of the row's
 * type, not traced (WSP_SF_DEBUG) and without keep-alive on (the
 * dropped-connection check of a set asks the kernel for TCP_INFO). */
static inline __attribute__((always_inline)) int wsp_lane_fits(const struct wsp_sock *s,
                                                               const struct wsp_optrow *row, unsigned lane,
                                                               enum wsp_mode mode)
{
#ifdef WSP_NO_LANE
    (void)s; (void)row; (void)lane; (void)mode;
    return 0;
#else
    return (row->lane & lane) && mode == WSP_APPLY &&
           (!row->lane_type || atomic_load_explicit(&s->type, memory_order_relaxed) == row->lane_type) &&
           !(atomic_load_explicit(&s->flags, memory_order_relaxed) & (WSP_SF_KEEPALIVE | WSP_SF_DEBUG));
#endif
}

/* SO_DEBUG's trace of a set (wsp_sockopt.c) */
void wsp_trace_set(int fd, struct wsp_sock *s, const struct wsp_optrow *row, int32_t value, int optlen, int wsa);

/* A set with at least 4 bytes of value at a pointer outside the first page:
 * decode_set's reading of the value, then the row's handler or the kernel,
 * and the trace if the handler turned SO_DEBUG on.  What Windows ignores
 * (c.ignored) is not reported: the callers with a verdict to fill do not
 * take the lane.  0, a WSAE code, or WSP_LANE_MISS; errno is left as the
 * caller had it whatever the answer (a caller that asks again after
 * WSP_STALE must still find it: tests/stress_test.c). */
static inline __attribute__((always_inline)) int wsp_set_lane(int fd, struct wsp_sock *s,
                                                              const struct wsp_optrow *row, const char *optval,
                                                              int optlen, enum wsp_mode mode)
{
    if (!wsp_lane_fits(s, row, WSP_LANE_SET, mode) || optlen < 4 || wsp_bad_pointer(optval))
        return WSP_LANE_MISS;
    WSP_LANE_TAKEN(0);
    uint32_t u;
    if (wsp_read_optval(&u, optval, 4))
        return WSAEFAULT;
    int32_t value = (int32_t)u;
    if (row->len_rule == WSP_LEN_BOOL1) {      /* group B: only the byte at optval counts */
        unsigned char low;
        memcpy(&low, &u, 1);
        value = low != 0;
    } else if (row->len_rule == WSP_LEN_BOOL) {
        value = value != 0;
    }
    if (row->set) {
        struct wsp_optctx c = { .row = row, .s = s, .fd = fd, .mode = mode, .ignored = 0, .known = NULL };
        int saved = errno;                     /* a handler's kernel calls may fail, the call succeed or not */
        int wsa = row->set(&c, value, optval, optlen);
        errno = saved;
        if (__builtin_expect(wsp_sock_has(s, WSP_SF_DEBUG), 0))
            wsp_trace_set(fd, s, row, value, optlen, wsa);
        return wsa;
    }
    if (row->kind == WSP_KIND_BOOL)
        value = value != 0;
    int err = wsp_sys_sockopt_raw(SYS_setsockopt, fd, row->nlevel, row->nname, &value, sizeof value);
    return err ? wsp_wsa_from_errno(err) : 0;
}

/* A get with *optlen >= 4 and both pointers outside the first page: the
 * row's handler or the kernel, then encode_get's shape for a full buffer.
 * 0, a WSAE code, or WSP_LANE_MISS; errno untouched, as for a set. */
static inline __attribute__((always_inline)) int wsp_get_lane(int fd, struct wsp_sock *s,
                                                              const struct wsp_optrow *row, char *optval,
                                                              int *optlen, enum wsp_mode mode,
                                                              const struct wsp_known *known)
{
    if (!wsp_lane_fits(s, row, WSP_LANE_GET, mode) || wsp_bad_pointer(optlen) || *optlen < 4 ||
        wsp_bad_pointer(optval) || known)
        return WSP_LANE_MISS;
    WSP_LANE_TAKEN(1);
    int32_t value = 0;
    int wsa;
    if (row->get) {
        struct wsp_optctx c = { .row = row, .s = s, .fd = fd, .mode = mode, .ignored = 0, .known = NULL };
        int saved = errno;
        wsa = row->get(&c, &value, optval, *optlen);
        errno = saved;
    } else {
        socklen_t len = sizeof value;
        int err = wsp_sys_sockopt_raw(SYS_getsockopt, fd, row->nlevel, row->nname, &value, (long)&len);
        wsa = err ? wsp_wsa_from_errno(err) : 0;
        if (row->kind == WSP_KIND_BOOL)
            value = value != 0;
    }
    if (wsa)
        return wsa;
    if (row->len_rule == WSP_LEN_BOOL1) {      /* group B: always one byte */
        optval[0] = (char)(value != 0);
        *optlen = 1;
    } else {
        memcpy(optval, &value, 4);
        *optlen = 4;
    }
    return 0;
}

/* Fill the caller's verdict, if it asked for one; returns wsa. */
static inline int wsp_verdict(struct wsp_verdict *v, int wsa, int ignored)
{
    if (v) {
        v->ret = wsa ? SOCKET_ERROR : 0;
        v->wsa = wsa;
        v->ignored = ignored;
    }
    return wsa;
}

/* An answer is about fd's socket only if the state still is (issue 11,
 * defect 5): wsa as it is; WSAENOTSOCK; or WSP_STALE (state dropped: hold
 * again and ask again).  A call the kernel accepted since mark is proof. */
static inline int wsp_confirmed(int fd, struct wsp_sock *s, unsigned mark, int wsa, struct wsp_verdict *v)
{
    int stale = wsp_sock_confirm(fd, s, mark);
    if (__builtin_expect(stale == 0, 1))
        return wsa;
    return stale > 0 ? wsp_verdict(v, stale, 0) : WSP_STALE;
}

/* The shim's enforce path (shim/sockopt.c): the lane with the state check
 * wsp_setsockopt_row/wsp_getsockopt_row make after it.  s is held. */
static inline __attribute__((always_inline)) int wsp_setsockopt_lane(int fd, struct wsp_sock *s,
                                                                     const struct wsp_optrow *row,
                                                                     const char *optval, int optlen)
{
    unsigned mark = wsp_socket_proofs;
    int wsa = wsp_set_lane(fd, s, row, optval, optlen, WSP_APPLY);
    return wsa == WSP_LANE_MISS ? wsa : wsp_confirmed(fd, s, mark, wsa, NULL);
}

static inline __attribute__((always_inline)) int wsp_getsockopt_lane(int fd, struct wsp_sock *s,
                                                                     const struct wsp_optrow *row, char *optval,
                                                                     int *optlen)
{
    unsigned mark = wsp_socket_proofs;
    int wsa = wsp_get_lane(fd, s, row, optval, optlen, WSP_APPLY, NULL);
    return wsa == WSP_LANE_MISS ? wsa : wsp_confirmed(fd, s, mark, wsa, NULL);
}

#endif

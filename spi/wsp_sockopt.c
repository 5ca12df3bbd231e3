/*
 * WSPSetSockOpt / WSPGetSockOpt: the validation order and the optval/optlen
 * shapes, written once for every row of the option table.
 *
 * Order (ref §2.1; where Windows evidence says nothing, the order of Wine,
 * the second implementation tests/conformance compares against: generic
 * checks first, the socket type last):
 *   set: socket -> optval pointer -> level -> option -> settable
 *        -> refusing handler -> family -> optlen -> socket type -> keep-alive drop
 *        -> handler (not for a zero-length group-A set, which changes nothing)
 *   get: socket -> optlen pointer, *optlen < 1 -> level -> option -> gettable
 *        -> refusing handler -> optval pointer -> family -> short *optlen -> socket type
 *        -> handler
 */
#include "wsp_internal.h"
#include "safecopy.h"
#include "sockopt_lane.h"

#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>

/* (char *)1 and the rest of the first page are WSAEFAULT, not a crash
 * (wsp_internal.h).  Other unreadable optvals of a set are WSAEFAULT too
 * (read_optval).  A get works on copies of the caller's optval/optlen
 * (getsockopt_copied, the entry point ws2_32 and the shim call). */
#define bad_pointer wsp_bad_pointer     /* wsp_internal.h */

#ifdef WSP_LANE_COUNT
unsigned long wsp_lane_taken[2];
#endif

static int fd_of(SOCKET s)
{
    return s > (SOCKET)INT_MAX ? -1 : (int)s;
}

static int type_allows(const struct wsp_optrow *row, const struct wsp_sock *s)
{
    if ((row->flags & WSP_OPT_STREAM_ONLY) && s->type != SOCK_STREAM)
        return 0;
    if ((row->flags & WSP_OPT_DGRAM_ONLY) && s->type != SOCK_DGRAM)
        return 0;
    if (row->wlevel == WS_IPPROTO_TCP && s->type != SOCK_STREAM)
        return 0;
    return 1;
}

/* spec: "If a connection is dropped as the result of keep-alive ... any
 * subsequent calls will fail with WSAENOTCONN".  Linux leaves the socket in
 * TCP_CLOSE with the unanswered probe count still set; only sockets with
 * keep-alive on pay for the TCP_INFO look. */
static int keepalive_dropped(const struct wsp_sock *s, int fd)
{
    if (s->type != SOCK_STREAM || !wsp_sock_has((struct wsp_sock *)s, WSP_SF_KEEPALIVE))
        return 0;
    struct tcp_info ti;
    socklen_t len = sizeof ti;
    memset(&ti, 0, sizeof ti);
    if (wsp_sys_getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) != 0)
        return 0;
    return ti.tcpi_state == TCP_CLOSE && ti.tcpi_probes > 0;
}

/* Read the value a set call carries, per the row's length rule.  Returns 0,
 * or a WSAE code. */
static inline __attribute__((always_inline)) int decode_set(const struct wsp_optrow *row, const char *optval, int optlen, int32_t *value)
{
    int negative_is_large = optlen < 0 && (row->flags & WSP_OPT_SOL_SOCKET) && row->len_rule != WSP_LEN_BOOL1;
    if (optlen < 0 && !negative_is_large)
        return WSAENOBUFS;            /* ref §2.1: Win10 21H1+ */
    uint32_t u = 0;
    switch (row->len_rule) {
    case WSP_LEN_BOOL:                /* ref §2.2 group A: set(1)/set(2) read 1/2 bytes (W-test) */
        if (optlen == 0 && !(row->flags & WSP_OPT_SOL_SOCKET))
            return WSAEFAULT;         /* W-test: set(0) succeeds for SOL_SOCKET BOOLs only */
        if (wsp_read_optval(&u, optval, optlen >= 4 || negative_is_large ? 4 : (size_t)optlen))
            return WSAEFAULT;
        *value = u != 0;
        return 0;
    case WSP_LEN_BOOL1:               /* group B: only the low byte counts */
        if (optlen == 0)
            return WSAEFAULT;
    {
        /* but the buffer is checked as far as the others' (up to 4 bytes):
         * a value straddling a guard page is WSAEFAULT, as the shim has
         * always answered it (tests/shim_test.c) */
        unsigned char low;
        if (wsp_read_optval(&u, optval, optlen >= 4 ? 4 : (size_t)optlen))
            return WSAEFAULT;
        memcpy(&low, &u, 1);          /* the byte at optval */
        *value = low != 0;
        return 0;
    }
    case WSP_LEN_BYTE_VALUE:          /* group G: 1..3 bytes give that many low bytes */
        if (optlen == 0)
            return WSAEFAULT;
        if (wsp_read_optval(&u, optval, optlen >= 4 ? 4 : (size_t)optlen))
            return WSAEFAULT;
        *value = (int32_t)u;
        return 0;
    case WSP_LEN_STRUCT:
        if (!negative_is_large && optlen < row->size)
            return WSAEFAULT;
        *value = 0;
        return 0;
    case WSP_LEN_BYTES:               /* any length up to the row's size, 0 included */
        if (optlen > row->size)
            return WSAEINVAL;
        *value = optlen;
        return 0;
    default:                          /* groups C, D, E: a full int */
        if (!negative_is_large && optlen < 4)
            return WSAEFAULT;
        return wsp_read_optval(value, optval, 4);
    }
}

#define verdict wsp_verdict          /* sockopt_lane.h */

/* SO_DEBUG's trace of a set (spec: providers are encouraged to output debug
 * information); the lane calls it too when its handler turned SO_DEBUG on. */
void wsp_trace_set(int fd, struct wsp_sock *s, const struct wsp_optrow *row, int32_t value, int optlen, int wsa)
{
    wsp_trace(s, "WSPSetSockOpt(s=%d, %s, %s, value=%d, optlen=%d) = %s", fd, wsp_level_name(row->wlevel),
              row->wname_str, (int)value, optlen, wsa ? wsp_wsa_name(wsa) : "0");
}

/* The general order, for every call the lane (sockopt_lane.h) does not take. */
static inline __attribute__((always_inline)) int setsockopt_general_body(int fd, struct wsp_sock *s,
                                                                         const struct wsp_optrow *row,
                                                                         const char *optval, int optlen,
                                                                         enum wsp_mode mode, struct wsp_verdict *v)
{
    int wsa = 0;
    if (bad_pointer(optval))
        return verdict(v, WSAEFAULT, 0);
    if (!(row->flags & WSP_OPT_SET))
        return verdict(v, row->set_denied ? row->set_denied : WSAENOPROTOOPT, 0);
    struct wsp_optctx c = { .row = row, .s = s, .fd = fd, .mode = mode, .ignored = 0 };
    int32_t value = 0;
    if (row->flags & WSP_OPT_SET_EARLY) {
        wsa = row->set(&c, 0, NULL, optlen);
        goto done;
    }
    if ((wsa = wsp_opt_family_check(row, s, fd, 1)) == WSP_FAMILY_IGNORED) {
        wsa = 0;
        c.ignored = 1;
        goto done;
    }
    if (wsa)
        return verdict(v, wsa, 0);
    if ((wsa = decode_set(row, optval, optlen, &value)) != 0)
        return verdict(v, wsa, 0);
    if (!type_allows(row, s))
        return verdict(v, WSAENOPROTOOPT, 0);
    if (keepalive_dropped(s, fd))
        return verdict(v, WSAENOTCONN, 0);
    /* SOL_SOCKET group A: set(0) succeeds (W-test) and, reading no byte,
     * changes nothing (Wine) */
    if (optlen == 0 && row->len_rule == WSP_LEN_BOOL && (row->flags & WSP_OPT_SOL_SOCKET))
        c.ignored = 1;
    else if (row->set && (row->len_rule == WSP_LEN_STRUCT || row->len_rule == WSP_LEN_BYTES)) {
        /* A structure's handler reads the value itself: give it a fault-safe
         * copy, so a bad pointer through the procedure table is WSAEFAULT
         * (as on Windows) and never a fault inside the provider. */
        char copy[512] __attribute__((aligned(8)));
        size_t n = optlen < 0 || optlen > row->size ? (size_t)row->size : (size_t)optlen;
        if (n > sizeof copy)
            return verdict(v, WSAEINVAL, 0);
        if (n && wsp_read_optval(copy, optval, n))
            return verdict(v, WSAEFAULT, 0);
        wsa = row->set(&c, value, n ? copy : optval, optlen);
    } else if (row->set)
        wsa = row->set(&c, value, optval, optlen);
    else
        wsa = wsp_native_set_int(&c, row->kind == WSP_KIND_BOOL ? value != 0 : value);
done:
    if (mode == WSP_APPLY && wsp_sock_has(s, WSP_SF_DEBUG))
        wsp_trace_set(fd, s, row, value, optlen, wsa);
    return verdict(v, wsa, c.ignored);
}

/* Write a value back in the row's Windows shape; returns 0 or a WSAE code. */
static int encode_get(const struct wsp_optrow *row, int32_t value, char *optval, int *optlen)
{
    int n = *optlen;
    switch (row->len_rule) {
    case WSP_LEN_BOOL:                /* group A: get(2) writes 01 00, *optlen = 1 (W-test) */
        if (n < 4) {
            memset(optval, 0, (size_t)n);
            optval[0] = (char)value;
            *optlen = 1;
            return 0;
        }
        break;
    case WSP_LEN_BYTE_VALUE:          /* group G: one byte, *optlen = 1 below 4 */
        if (n < 4) {
            optval[0] = (char)value;
            *optlen = 1;
            return 0;
        }
        break;
    case WSP_LEN_BOOL1:               /* group B: always one byte */
        optval[0] = (char)(value != 0);
        *optlen = 1;
        return 0;
    default:
        break;
    }
    memcpy(optval, &value, 4);
    *optlen = 4;
    return 0;
}

/* The short-buffer answer of each length rule (ref §2.2, columns get(1)/get(2)). */
static int short_get(const struct wsp_optrow *row, char *optval, int *optlen)
{
    int n = *optlen;
    switch (row->len_rule) {
    case WSP_LEN_INT_ZERO:
        memset(optval, 0, (size_t)n);
        return WSAEFAULT;
    case WSP_LEN_INT:
        return WSAEFAULT;
    case WSP_LEN_INT_NOLEN:
        *optlen = 0;
        return WSAEFAULT;
    case WSP_LEN_STRUCT:
        *optlen = row->size;
        return WSAEFAULT;
    default:
        return 0;                     /* BOOL kinds write one byte */
    }
}

static inline __attribute__((always_inline)) int getsockopt_general_body(int fd, struct wsp_sock *s,
                                                                         const struct wsp_optrow *row, char *optval,
                                                                         int *optlen, enum wsp_mode mode,
                                                                         const struct wsp_known *known,
                                                                         struct wsp_verdict *v)
{
    int wsa = 0;
    if (bad_pointer(optlen) || *optlen < 1)
        return verdict(v, WSAEFAULT, 0);
    if (!(row->flags & WSP_OPT_GET))
        return verdict(v, WSAENOPROTOOPT, 0);
    struct wsp_optctx c = { .row = row, .s = s, .fd = fd, .mode = mode, .ignored = 0, .known = known };
    int32_t value = 0;
    if (row->flags & WSP_OPT_GET_EARLY) {
        wsa = row->get(&c, &value, NULL, 0);
        goto done;
    }
    if (bad_pointer(optval)) {
        /* a NULL buffer is a buffer too short: structs report their size (Wine; ref §2.2) */
        if (row->len_rule == WSP_LEN_STRUCT)
            *optlen = row->size;
        return verdict(v, WSAEFAULT, 0);
    }
    if ((wsa = wsp_opt_family_check(row, s, fd, 0)) != 0)
        return verdict(v, wsa, 0);
    int need = row->len_rule == WSP_LEN_STRUCT ? row->size : row->len_rule == WSP_LEN_BYTES ? 0 : 4;
    if (*optlen < need && (wsa = short_get(row, optval, optlen)) != 0)
        return verdict(v, wsa, 0);
    if (!type_allows(row, s))
        return verdict(v, WSAENOPROTOOPT, 0);

    if (row->get)
        wsa = row->get(&c, &value, optval, *optlen);
    else
        wsa = wsp_native_get_int(&c, &value);
    if (!wsa && row->kind == WSP_KIND_BOOL && !row->get)
        value = value != 0;
    if (!wsa && row->len_rule == WSP_LEN_BYTES)
        *optlen = value;              /* the handler wrote that many bytes */
    else if (!wsa && row->len_rule != WSP_LEN_STRUCT)
        wsa = encode_get(row, value, optval, optlen);
done:
    if (mode == WSP_APPLY && wsp_sock_has(s, WSP_SF_DEBUG))
        wsp_trace(s, "WSPGetSockOpt(s=%d, %s, %s) = %s, value=%d", fd, wsp_level_name(row->wlevel), row->wname_str,
                  wsa ? wsp_wsa_name(wsa) : "0", (int)value);
    return verdict(v, wsa, 0);
}

/* Out of line: the lane's callers keep few registers. */
static __attribute__((noinline)) int setsockopt_general(int fd, struct wsp_sock *s, const struct wsp_optrow *row,
                                                        const char *optval, int optlen, enum wsp_mode mode,
                                                        struct wsp_verdict *v)
{
    return setsockopt_general_body(fd, s, row, optval, optlen, mode, v);
}

static __attribute__((noinline)) int getsockopt_general(int fd, struct wsp_sock *s, const struct wsp_optrow *row,
                                                        char *optval, int *optlen, enum wsp_mode mode,
                                                        const struct wsp_known *known, struct wsp_verdict *v)
{
    return getsockopt_general_body(fd, s, row, optval, optlen, mode, known, v);
}

/* Everything after "option": the row is known (found by Windows level and
 * name here, or by the POSIX ones in the shim), s is held.  Both entries,
 * the procedure table's and the shim's, answer from here: the lane if the
 * call fits it, else the general order. */
static inline __attribute__((always_inline)) int setsockopt_row_held(int fd, struct wsp_sock *s,
                                                                     const struct wsp_optrow *row,
                                                                     const char *optval, int optlen,
                                                                     enum wsp_mode mode, struct wsp_verdict *v)
{
    int wsa = v ? WSP_LANE_MISS : wsp_set_lane(fd, s, row, optval, optlen, mode);
    if (__builtin_expect(wsa != WSP_LANE_MISS, 1))
        return wsa;
    return setsockopt_general(fd, s, row, optval, optlen, mode, v);
}

static inline __attribute__((always_inline)) int getsockopt_row_held(int fd, struct wsp_sock *s,
                                                                     const struct wsp_optrow *row, char *optval,
                                                                     int *optlen, enum wsp_mode mode,
                                                                     const struct wsp_known *known,
                                                                     struct wsp_verdict *v)
{
    int wsa = wsp_get_lane(fd, s, row, optval, optlen, mode, known);
    if (__builtin_expect(wsa != WSP_LANE_MISS, 1))
        return verdict(v, wsa, 0);
    return getsockopt_general(fd, s, row, optval, optlen, mode, known, v);
}

/* The procedure table's order up to "option" (the header's list): the
 * checks the shim's entry has no need of, having found the row itself. */
static int setsockopt_held(int fd, struct wsp_sock *s, int level, int name, const char *optval, int optlen,
                           enum wsp_mode mode, struct wsp_verdict *v)
{
    if (bad_pointer(optval))
        return verdict(v, WSAEFAULT, 0);
    if (!wsp_level_known(level))
        return verdict(v, WSAEINVAL, 0);
    const struct wsp_optrow *row = wsp_opt_find(level, name);
    if (!row)
        return verdict(v, WSAENOPROTOOPT, 0);
    return setsockopt_row_held(fd, s, row, optval, optlen, mode, v);
}

static int getsockopt_held(int fd, struct wsp_sock *s, int level, int name, char *optval, int *optlen,
                           enum wsp_mode mode, struct wsp_verdict *v)
{
    if (bad_pointer(optlen) || *optlen < 1)
        return verdict(v, WSAEFAULT, 0);
    if (!wsp_level_known(level))
        return verdict(v, WSAEINVAL, 0);
    const struct wsp_optrow *row = wsp_opt_find(level, name);
    if (!row)
        return verdict(v, WSAENOPROTOOPT, 0);
    return getsockopt_row_held(fd, s, row, optval, optlen, mode, NULL, v);
}

/* Audit's predictions and shadows never fit the lane: straight to the
 * general order, in one function. */
static __attribute__((noinline)) int setsockopt_row_predicting(int fd, struct wsp_sock *s,
                                                               const struct wsp_optrow *row, const char *optval,
                                                               int optlen, enum wsp_mode mode, int proven,
                                                               struct wsp_verdict *v)
{
    unsigned mark = wsp_socket_proofs;
    int wsa = setsockopt_general_body(fd, s, row, optval, optlen, mode, v);
    return proven ? wsa : wsp_confirmed(fd, s, mark, wsa, v);
}

static __attribute__((noinline)) int getsockopt_row_predicting(int fd, struct wsp_sock *s,
                                                               const struct wsp_optrow *row, char *optval,
                                                               int *optlen, enum wsp_mode mode, int proven,
                                                               const struct wsp_known *known, struct wsp_verdict *v)
{
    unsigned mark = wsp_socket_proofs;
    int wsa = getsockopt_general_body(fd, s, row, optval, optlen, mode, known, v);
    return proven ? wsa : wsp_confirmed(fd, s, mark, wsa, v);
}

int wsp_setsockopt_row(int fd, struct wsp_sock *s, const struct wsp_optrow *row, const char *optval, int optlen,
                       enum wsp_mode mode, int proven, struct wsp_verdict *v)
{
    if (mode != WSP_APPLY)
        return setsockopt_row_predicting(fd, s, row, optval, optlen, mode, proven, v);
    unsigned mark = wsp_socket_proofs;
    int wsa = setsockopt_row_held(fd, s, row, optval, optlen, mode, v);
    return proven ? wsa : wsp_confirmed(fd, s, mark, wsa, v);
}

int wsp_getsockopt_row(int fd, struct wsp_sock *s, const struct wsp_optrow *row, char *optval, int *optlen,
                       enum wsp_mode mode, int proven, const struct wsp_known *known, struct wsp_verdict *v)
{
    if (mode != WSP_APPLY)
        return getsockopt_row_predicting(fd, s, row, optval, optlen, mode, proven, known, v);
    unsigned mark = wsp_socket_proofs;
    int wsa = getsockopt_row_held(fd, s, row, optval, optlen, mode, known, v);
    return proven ? wsa : wsp_confirmed(fd, s, mark, wsa, v);
}

/* The state is held for the whole call: a concurrent close of the descriptor
 * cannot hand it to another socket before this call is done with it.  An
 * answer the kernel took no part in is checked against the socket the state
 * belongs to (stale state: ENOTSOCK, or asked again of the new socket). */
int wsp_setsockopt_mode(SOCKET sock, int level, int name, const char *optval, int optlen,
                        enum wsp_mode mode, struct wsp_verdict *v)
{
    int fd = fd_of(sock), wsa = 0;
    for (;;) {
        struct wsp_sock *s = fd < 0 ? NULL : wsp_sock_hold(fd, &wsa);
        if (!s)
            return verdict(v, fd < 0 ? WSAENOTSOCK : wsa, 0);
        unsigned mark = wsp_socket_proofs;
        wsa = wsp_confirmed(fd, s, mark, setsockopt_held(fd, s, level, name, optval, optlen, mode, v), v);
        wsp_sock_put(s);
        if (wsa != WSP_STALE)
            return wsa;
    }
}

int wsp_getsockopt_mode(SOCKET sock, int level, int name, char *optval, int *optlen,
                        enum wsp_mode mode, struct wsp_verdict *v)
{
    int fd = fd_of(sock), wsa = 0;
    for (;;) {
        struct wsp_sock *s = fd < 0 ? NULL : wsp_sock_hold(fd, &wsa);
        if (!s)
            return verdict(v, fd < 0 ? WSAENOTSOCK : wsa, 0);
        unsigned mark = wsp_socket_proofs;
        wsa = wsp_confirmed(fd, s, mark, getsockopt_held(fd, s, level, name, optval, optlen, mode, v), v);
        wsp_sock_put(s);
        if (wsa != WSP_STALE)
            return wsa;
    }
}
int WSPAPI wsp_WSPSetSockOpt(SOCKET s, int level, int optname, const char *optval, int optlen, LPINT lpErrno)
{
    int wsa = wsp_started() ? wsp_setsockopt_mode(s, level, optname, optval, optlen, WSP_APPLY, NULL)
                            : WSANOTINITIALISED;
    if (!wsa)
        return 0;
    if (lpErrno)
        *lpErrno = wsa;
    return SOCKET_ERROR;
}

/* The caller's optval and optlen are worked on as copies (safecopy.c): a
 * result buffer or length the process cannot write is WSAEFAULT (doc
 * getsockopt function), not a crash.  The copy is initialised from the
 * caller's bytes and all of it goes back, so the rules' partial writes
 * (a short buffer zeroed, ref §2.2) reach the caller unchanged; a length
 * the rules did not touch is not written. */
static int getsockopt_copied(SOCKET s, int level, int optname, char *optval, LPINT optlen)
{
    int len;
    if (wsp_user_in(&len, optlen, sizeof len))
        return WSAEFAULT;
    union { char b[1024]; uint64_t align; } copy;    /* the largest value: WSAPROTOCOL_INFOW, 628 bytes */
    size_t n = len <= 0 ? 0 : (size_t)len < sizeof copy.b ? (size_t)len : sizeof copy.b;
    int passed = len <= 0 ? len : (int)n, now = passed;
    int readable = optval && n && wsp_user_in(copy.b, optval, n) == 0;
    if (optval && n && !readable)
        memset(copy.b, 0, n);
    int wsa = wsp_getsockopt_mode(s, level, optname, optval ? copy.b : NULL, &now, WSP_APPLY, NULL);
    /* the rules may write more bytes than the length they report (group A
     * BOOLs, ref §2.2): the whole copy goes back */
    if (optval && n) {
        int out = readable ? wsp_user_out(optval, copy.b, n) : WSAEFAULT;
        if (out && wsa == 0)
            return WSAEFAULT;
    }
    if (now != passed && wsp_user_out(optlen, &now, sizeof now))
        return WSAEFAULT;
    return wsa;
}

int WSPAPI wsp_WSPGetSockOpt(SOCKET s, int level, int optname, char *optval, LPINT optlen, LPINT lpErrno)
{
    int wsa = wsp_started() ? getsockopt_copied(s, level, optname, optval, optlen) : WSANOTINITIALISED;
    if (!wsa)
        return 0;
    if (lpErrno)
        *lpErrno = wsa;
    return SOCKET_ERROR;
}

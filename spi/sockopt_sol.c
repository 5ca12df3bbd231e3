/*
 * SOL_SOCKET options whose Windows meaning is not a plain kernel call.
 * Each handler only decides and applies; validation and the optval/optlen
 * shapes are done once in wsp_sockopt.c.  In WSP_PREDICT mode nothing is
 * changed; in WSP_SHADOW mode (the shim's audit mode, where the kernel was
 * already driven by the program) only the provider's state is.
 */
#include "sockopt_handlers.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#define APPLYING(c) ((c)->mode == WSP_APPLY)
#define CHANGING(c) ((c)->mode != WSP_PREDICT)

static int kernel_get_int(struct wsp_optctx *c, int level, int name, int32_t *v);

/* Audit must predict what enforce will do.  Where only the kernel can judge
 * a value (does this interface exist? is this a multicast group?) the
 * prediction asks a scratch socket of the same kind, which is closed at
 * once: the program's socket is never touched.  What depends on the
 * socket's own history (a group joined twice) is not seen by the scratch
 * socket; README lists that limit. */
static int probe_set(struct wsp_optctx *c, int level, int name, const void *val, socklen_t len)
{
    int fd = wsp_sys_socket(c->s->family, c->s->type | SOCK_CLOEXEC, c->s->protocol);
    if (fd < 0)
        return 0;                     /* no socket to spare: assume the kernel agrees */
    int saved = errno;
    int wsa = wsp_sys_setsockopt(fd, level, name, val, len) == 0 ? 0 : wsp_wsa_from_errno(errno);
    wsp_sys_close(fd);
    errno = saved;
    return wsa;
}

int wsp_kernel_set(struct wsp_optctx *c, int level, int name, const void *val, socklen_t len)
{
    if (!APPLYING(c))
        return c->mode == WSP_PREDICT && (c->row->flags & WSP_OPT_PREDICT_PROBE) ? probe_set(c, level, name, val, len)
                                                                                 : 0;
    return wsp_sys_sockopt_inline(SYS_setsockopt, c->fd, level, name, (void *)val, len) == 0 ? 0 : wsp_wsa_from_errno(errno);
}

static int kernel_set(struct wsp_optctx *c, int level, int name, const void *val, socklen_t len)
{
    return wsp_kernel_set(c, level, name, val, len);
}

int wsp_kernel_get_int(struct wsp_optctx *c, int level, int name, int32_t *v)
{
    return kernel_get_int(c, level, name, v);
}

static int kernel_get_int(struct wsp_optctx *c, int level, int name, int32_t *v)
{
    const struct wsp_known *k = c->known;
    if (k && k->level == level && k->name == name) {
        *v = k->value;
        return 0;
    }
    int val = 0;
    socklen_t len = sizeof val;
    if (wsp_sys_sockopt_inline(SYS_getsockopt, c->fd, level, name, &val, (long)&len) != 0)
        return wsp_wsa_from_errno(errno);
    *v = val;
    return 0;
}

int wsp_native_set_int(struct wsp_optctx *c, int32_t v)
{
    int val = v;
    return kernel_set(c, c->row->nlevel, c->row->nname, &val, sizeof val);
}

int wsp_native_get_int(struct wsp_optctx *c, int32_t *v)
{
    return kernel_get_int(c, c->row->nlevel, c->row->nname, v);
}

static int flag_get(struct wsp_optctx *c, uint32_t flag, int32_t *v)
{
    *v = wsp_sock_has(c->s, flag);
    return 0;
}

static int flag_set(struct wsp_optctx *c, uint32_t flag, int32_t v)
{
    if (CHANGING(c))
        wsp_sock_set_flag(c->s, flag, v != 0);
    return 0;
}

/* Set flag unless conflict is set, atomically: SO_REUSEADDR and
 * SO_EXCLUSIVEADDRUSE exclude each other (ref §5.1, W-test). */
static int flag_set_exclusive_of(struct wsp_optctx *c, uint32_t flag, uint32_t conflict, int32_t v)
{
    if (!v)
        return flag_set(c, flag, 0);
    uint32_t cur = atomic_load_explicit(&c->s->flags, memory_order_relaxed);
    do {
        if (cur & conflict)
            return WSAEINVAL;
        if (!CHANGING(c))
            return 0;
    } while (!atomic_compare_exchange_weak_explicit(&c->s->flags, &cur, cur | flag,
                                                    memory_order_relaxed, memory_order_relaxed));
    return 0;
}

/* SO_DEBUG: Linux wants CAP_NET_ADMIN for its own SO_DEBUG; Windows stores a
 * BOOL.  The provider stores it and traces calls on the socket (trace.c). */
SET_FN(wsp_set_debug) { (void)optval; (void)optlen; return flag_set(c, WSP_SF_DEBUG, v); }
GET_FN(wsp_get_debug) { (void)buf; (void)buflen; return flag_get(c, WSP_SF_DEBUG, v); }

/* SO_REUSEADDR is interpreted at bind time (spec); the kernel gets Linux's
 * SO_REUSEADDR too so that a restarted server can bind over TIME_WAIT as it
 * can on Windows.  The Windows sharing rules at bind are issue #6. */
SET_FN(wsp_set_reuseaddr)
{
    (void)optval; (void)optlen;
    int wsa = flag_set_exclusive_of(c, WSP_SF_REUSEADDR, WSP_SF_EXCLUSIVE, v);
    if (wsa)
        return wsa;
    int on = v != 0;
    wsa = kernel_set(c, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (wsa && CHANGING(c))
        wsp_sock_set_flag(c->s, WSP_SF_REUSEADDR, !on);
    return wsa;
}
GET_FN(wsp_get_reuseaddr) { (void)buf; (void)buflen; return flag_get(c, WSP_SF_REUSEADDR, v); }

SET_FN(wsp_set_exclusive)
{
    (void)optval; (void)optlen;
    return flag_set_exclusive_of(c, WSP_SF_EXCLUSIVE, WSP_SF_REUSEADDR, v);
}
GET_FN(wsp_get_exclusive) { (void)buf; (void)buflen; return flag_get(c, WSP_SF_EXCLUSIVE, v); }

/* Windows' keep-alive timing unless the application chose its own (ref
 * §2.3 SO_KEEPALIVE, §6: probes every 1 s, 10 of them; Linux: 75 s, 9). */
enum { WINDOWS_KEEPINTVL = 1, WINDOWS_KEEPCNT = 10 };

/* SO_KEEPALIVE goes to the kernel; the flag lets a later set detect a
 * connection that keep-alive has dropped (spec: WSAENOTCONN afterwards). */
SET_FN(wsp_set_keepalive)
{
    (void)optval; (void)optlen;
    int wsa = wsp_native_set_int(c, v != 0);
    if (wsa)
        return wsa;
    flag_set(c, WSP_SF_KEEPALIVE, v);
    if (v && !wsp_sock_has(c->s, WSP_SF_KEEPINTVL_SET)) {
        int secs = WINDOWS_KEEPINTVL;
        kernel_set(c, IPPROTO_TCP, TCP_KEEPINTVL, &secs, sizeof secs);
    }
    if (v && !wsp_sock_has(c->s, WSP_SF_KEEPCNT_SET)) {
        int count = WINDOWS_KEEPCNT;
        kernel_set(c, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
    }
    return 0;
}

/* Windows documents no lower limit for the keep-alive timings (doc "IPPROTO_TCP
 * socket options" limits only TCP_KEEPCNT, to 255; that 0 reads back is an
 * inference); Linux refuses 0.  A 0 reaches the kernel as 1 and is
 * remembered, so that get reads back 0.  Two threads setting the same timing
 * at once may leave the flag and the kernel from different calls, as for
 * any two unsynchronised writers of one option. */
static int keepalive_timing_set(struct wsp_optctx *c, int32_t v, uint32_t zero_flag)
{
    /* Linux holds at most 32767 s (tcp(7): MAX_TCP_KEEPIDLE/KEEPINTVL); the
     * kernel would refuse more in enforce, so audit must predict that too */
    if ((uint32_t)v > 32767)
        return WSAEINVAL;
    int wsa = wsp_native_set_int(c, v == 0 ? 1 : v);
    if (!wsa)
        flag_set(c, zero_flag, v == 0);
    return wsa;
}

static int keepalive_timing_get(struct wsp_optctx *c, int32_t *v, uint32_t zero_flag)
{
    if (wsp_sock_has(c->s, zero_flag)) {
        *v = 0;
        return 0;
    }
    return wsp_native_get_int(c, v);
}

SET_FN(wsp_set_keepidle) { (void)optval; (void)optlen; return keepalive_timing_set(c, v, WSP_SF_KEEPIDLE_ZERO); }
GET_FN(wsp_get_keepidle) { (void)buf; (void)buflen; return keepalive_timing_get(c, v, WSP_SF_KEEPIDLE_ZERO); }

SET_FN(wsp_set_keepintvl)
{
    (void)optval; (void)optlen;
    int wsa = keepalive_timing_set(c, v, WSP_SF_KEEPINTVL_ZERO);
    if (!wsa)
        flag_set(c, WSP_SF_KEEPINTVL_SET, 1);
    return wsa;
}

GET_FN(wsp_get_keepintvl)
{
    (void)buf; (void)buflen;
    if (!wsp_sock_has(c->s, WSP_SF_KEEPINTVL_SET) && !wsp_sock_has(c->s, WSP_SF_KEEPALIVE)) {
        *v = WINDOWS_KEEPINTVL;
        return 0;
    }
    return keepalive_timing_get(c, v, WSP_SF_KEEPINTVL_ZERO);
}

GET_FN(wsp_get_keepcnt)
{
    (void)buf; (void)buflen;
    if (!wsp_sock_has(c->s, WSP_SF_KEEPCNT_SET) && !wsp_sock_has(c->s, WSP_SF_KEEPALIVE)) {
        *v = WINDOWS_KEEPCNT;
        return 0;
    }
    return keepalive_timing_get(c, v, WSP_SF_KEEPCNT_ZERO);
}

/* spec: "succeeds but is ignored on AF_INET sockets; fails on AF_INET6
 * sockets with WSAENOPROTOOPT".  Never reaches the kernel. */
SET_FN(wsp_set_dontroute)
{
    (void)optval; (void)optlen;
    if (c->s->family == AF_INET6)
        return WSAENOPROTOOPT;
    c->ignored = 1;
    return flag_set(c, WSP_SF_DONTROUTE, v);
}
GET_FN(wsp_get_dontroute) { (void)buf; (void)buflen; return flag_get(c, WSP_SF_DONTROUTE, v); }

/* ---- SO_LINGER / SO_DONTLINGER: one piece of state ------------------------
 * The state keeps Windows' own view (l_onoff verbatim: ref §2.2 reads 0x100
 * back as 0x100) plus the last l_linger set through SO_LINGER, which
 * SO_DONTLINGER = FALSE reinstates (spec: "this time-out value should be
 * reinstated by the service provider"). */
static uint32_t linger_pack(unsigned onoff, unsigned secs) { return (onoff & 0xffffu) << 16 | (secs & 0xffffu); }

static int linger_apply(struct wsp_optctx *c, unsigned onoff, unsigned secs)
{
    /* The kernel only needs to hear of a change in what it acts on. */
    uint32_t before = atomic_load_explicit(&c->s->linger, memory_order_relaxed);
    int kernel_same = ((before >> 16) != 0) == (onoff != 0) && (before & 0xffffu) == secs;
    struct linger native = { .l_onoff = onoff != 0, .l_linger = (int)secs };
    int wsa = kernel_same ? 0 : kernel_set(c, SOL_SOCKET, SO_LINGER, &native, sizeof native);
    if (!wsa && CHANGING(c))
        atomic_store_explicit(&c->s->linger, linger_pack(onoff, secs), memory_order_relaxed);
    return wsa;
}

SET_FN(wsp_set_linger)
{
    (void)v; (void)optlen;
    struct WS_linger wl;
    memcpy(&wl, optval, sizeof wl);
    int wsa = linger_apply(c, wl.l_onoff, wl.l_linger);
    if (!wsa && CHANGING(c))
        atomic_store_explicit(&c->s->linger_memory, wl.l_linger, memory_order_relaxed);
    return wsa;
}

GET_FN(wsp_get_linger)
{
    (void)buflen;
    uint32_t packed = atomic_load_explicit(&c->s->linger, memory_order_relaxed);
    struct WS_linger wl = { .l_onoff = (WS_u_short)(packed >> 16), .l_linger = (WS_u_short)packed };
    memcpy(buf, &wl, sizeof wl);
    memcpy(v, &wl, sizeof wl);
    return 0;
}

SET_FN(wsp_set_dontlinger)
{
    (void)optval; (void)optlen;
    unsigned secs = atomic_load_explicit(&c->s->linger_memory, memory_order_relaxed);
    return linger_apply(c, v ? 0 : 1, secs);
}

GET_FN(wsp_get_dontlinger)
{
    (void)buf; (void)buflen;
    *v = (atomic_load_explicit(&c->s->linger, memory_order_relaxed) >> 16) == 0;
    return 0;
}

/* ---- SO_SNDBUF / SO_RCVBUF -------------------------------------------------
 * Linux doubles a requested size for its bookkeeping and reports the doubled
 * figure; Windows reports what was provided (ref §2.3: 4096 -> 4096, 0 -> 0).
 * Half the kernel's figure is what Linux provides for data, so the provider
 * reports min(requested, kernel / 2): the request itself unless the kernel
 * capped it (net.core.rmem_max / wmem_max). */
static int buf_set(struct wsp_optctx *c, int name, _Atomic int32_t *store, uint32_t flag, int32_t v)
{
    if (c->mode == WSP_PREDICT)
        return 0;
    int want = v;
    int wsa = kernel_set(c, SOL_SOCKET, name, &want, sizeof want);
    if (wsa)
        return wsa;
    int32_t kernel = 0;
    wsa = kernel_get_int(c, SOL_SOCKET, name, &kernel);
    if (wsa)
        return wsa;
    int32_t provided = (uint32_t)v <= (uint32_t)(kernel / 2) ? v : kernel / 2;
    atomic_store_explicit(store, provided, memory_order_relaxed);
    wsp_sock_set_flag(c->s, flag, 1);
    return 0;
}

static int buf_get(struct wsp_optctx *c, int name, _Atomic int32_t *store, uint32_t flag, int32_t *v)
{
    if (wsp_sock_has(c->s, flag)) {
        *v = atomic_load_explicit(store, memory_order_relaxed);
        return 0;
    }
    int32_t kernel = 0;
    int wsa = kernel_get_int(c, SOL_SOCKET, name, &kernel);
    *v = kernel / 2;
    return wsa;
}

SET_FN(wsp_set_sndbuf) { (void)optval; (void)optlen; return buf_set(c, SO_SNDBUF, &c->s->sndbuf, WSP_SF_SNDBUF_SET, v); }
SET_FN(wsp_set_rcvbuf) { (void)optval; (void)optlen; return buf_set(c, SO_RCVBUF, &c->s->rcvbuf, WSP_SF_RCVBUF_SET, v); }
GET_FN(wsp_get_sndbuf) { (void)buf; (void)buflen; return buf_get(c, SO_SNDBUF, &c->s->sndbuf, WSP_SF_SNDBUF_SET, v); }
GET_FN(wsp_get_rcvbuf) { (void)buf; (void)buflen; return buf_get(c, SO_RCVBUF, &c->s->rcvbuf, WSP_SF_RCVBUF_SET, v); }

/* ---- SO_SNDTIMEO / SO_RCVTIMEO ---------------------------------------------
 * Windows: DWORD milliseconds, read back exactly (ref §2.3).  Linux keeps a
 * struct timeval rounded to jiffies, so the provider remembers the value. */
static int timeo_set(struct wsp_optctx *c, int name, _Atomic uint32_t *store, uint32_t flag, int32_t v)
{
    uint32_t ms = (uint32_t)v;
    struct timeval tv = { .tv_sec = ms / 1000, .tv_usec = (ms % 1000) * 1000 };
    int wsa = kernel_set(c, SOL_SOCKET, name, &tv, sizeof tv);
    if (!wsa && CHANGING(c)) {
        atomic_store_explicit(store, ms, memory_order_relaxed);
        wsp_sock_set_flag(c->s, flag, 1);
    }
    return wsa;
}

static int timeo_get(struct wsp_optctx *c, int name, _Atomic uint32_t *store, uint32_t flag, int32_t *v)
{
    if (wsp_sock_has(c->s, flag)) {
        *v = (int32_t)atomic_load_explicit(store, memory_order_relaxed);
        return 0;
    }
    struct timeval tv = { 0, 0 };
    socklen_t len = sizeof tv;
    if (wsp_sys_getsockopt(c->fd, SOL_SOCKET, name, &tv, &len) != 0)
        return wsp_wsa_from_errno(errno);
    *v = (int32_t)(uint32_t)(tv.tv_sec * 1000 + tv.tv_usec / 1000);
    return 0;
}

SET_FN(wsp_set_sndtimeo) { (void)optval; (void)optlen; return timeo_set(c, SO_SNDTIMEO, &c->s->sndtimeo_ms, WSP_SF_SNDTIMEO_SET, v); }
SET_FN(wsp_set_rcvtimeo) { (void)optval; (void)optlen; return timeo_set(c, SO_RCVTIMEO, &c->s->rcvtimeo_ms, WSP_SF_RCVTIMEO_SET, v); }
GET_FN(wsp_get_sndtimeo) { (void)buf; (void)buflen; return timeo_get(c, SO_SNDTIMEO, &c->s->sndtimeo_ms, WSP_SF_SNDTIMEO_SET, v); }
GET_FN(wsp_get_rcvtimeo) { (void)buf; (void)buflen; return timeo_get(c, SO_RCVTIMEO, &c->s->rcvtimeo_ms, WSP_SF_RCVTIMEO_SET, v); }

/* ---- SO_ERROR: a WSAE code; get clears it; Windows also accepts a set and
 * returns the stored value from the next get (ref §2.2, §7). */
SET_FN(wsp_set_error)
{
    (void)optval; (void)optlen;
    if (CHANGING(c)) {
        atomic_store_explicit(&c->s->error_override, v, memory_order_relaxed);
        wsp_sock_set_flag(c->s, WSP_SF_ERROR_SET, 1);
    }
    return 0;
}

GET_FN(wsp_get_error)
{
    (void)buf; (void)buflen;
    if (wsp_sock_has(c->s, WSP_SF_ERROR_SET)) {
        *v = atomic_load_explicit(&c->s->error_override, memory_order_relaxed);
        if (CHANGING(c))
            wsp_sock_set_flag(c->s, WSP_SF_ERROR_SET, 0);
        return 0;
    }
    int32_t err = 0;
    int wsa = kernel_get_int(c, SOL_SOCKET, SO_ERROR, &err);
    *v = err ? wsp_wsa_from_errno(err) : 0;
    return wsa;
}

/* SO_TYPE is read-only; the error for a set depends on the socket type. */
SET_FN(wsp_set_type)
{
    (void)v; (void)optval; (void)optlen;
    return c->s->type == SOCK_STREAM ? WSAENOPROTOOPT : WSAEINVAL;
}
/* Asked of the kernel, not of the state: programs use SO_TYPE to ask "is
 * this descriptor a socket?", and a stale entry must not answer yes. */
GET_FN(wsp_get_type) { (void)buf; (void)buflen; return kernel_get_int(c, SOL_SOCKET, SO_TYPE, v); }

GET_FN(wsp_get_group_id) { (void)c; (void)buf; (void)buflen; *v = 0; return 0; }

SET_FN(wsp_set_group_priority)
{
    (void)optval; (void)optlen;
    if (CHANGING(c))
        atomic_store_explicit(&c->s->group_priority, v, memory_order_relaxed);
    return 0;
}
GET_FN(wsp_get_group_priority)
{
    (void)buf; (void)buflen;
    *v = atomic_load_explicit(&c->s->group_priority, memory_order_relaxed);
    return 0;
}

/* 65507 on UDP/IPv4 (W-test test_extendedSocketOptions).  Nothing says what
 * Windows answers elsewhere ("no meaning for stream-oriented sockets", doc
 * SOL_SOCKET Socket Options); Wine answers 65507 for every socket, and so
 * does libwsp rather than invent a second number. */
GET_FN(wsp_get_max_msg_size)
{
    (void)c; (void)buf; (void)buflen;
    *v = 65507;
    return 0;
}

GET_FN(wsp_get_protocol_info)
{
    (void)v;
    if (buflen < (int)sizeof(WSAPROTOCOL_INFOW))
        return WSAEFAULT;
    WSAPROTOCOL_INFOW info;
    int wsa = wsp_protocol_info(c->s, &info);
    if (!wsa)
        memcpy(buf, &info, sizeof info);
    return wsa;
}

/* SO_CONNECT_TIME: seconds since the connection was established,
 * 0xFFFFFFFF while not connected (ref §2.3).  A connection the provider did
 * not see being made is timed from when it was first seen. */
GET_FN(wsp_get_connect_time)
{
    (void)buf; (void)buflen;
    if (!wsp_sock_has(c->s, WSP_SF_CONNECTED)) {
        struct sockaddr_storage peer;
        socklen_t len = sizeof peer;
        if (wsp_sys_getpeername(c->fd, (struct sockaddr *)&peer, &len) != 0) {
            *v = (int32_t)0xFFFFFFFFu;
            return 0;
        }
        wsp_sock_mark_connected(c->s);
    }
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    *v = (int32_t)((uint32_t)now.tv_sec - atomic_load_explicit(&c->s->connect_time, memory_order_relaxed));
    return 0;
}

SET_FN(wsp_set_invalid) { (void)c; (void)v; (void)optval; (void)optlen; return WSAEINVAL; }
GET_FN(wsp_get_invalid) { (void)c; (void)v; (void)buf; (void)buflen; return WSAEINVAL; }

/* ref §2.2 group E: TCP_KEEPCNT above 255 fails WSAEINVAL.  Linux stops at
 * 127, so 128..255 are accepted and clamped (a documented difference). */
SET_FN(wsp_set_keepcnt)
{
    (void)optval; (void)optlen;
    if ((uint32_t)v > 255)
        return WSAEINVAL;
    int wsa = keepalive_timing_set(c, v > 127 ? 127 : v, WSP_SF_KEEPCNT_ZERO);
    if (!wsa)
        flag_set(c, WSP_SF_KEEPCNT_SET, 1);
    return wsa;
}

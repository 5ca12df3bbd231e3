/*
 * setsockopt / getsockopt: POSIX call in, Winsock call through libwsp's
 * procedure table, POSIX result out.  Modes:
 *   enforce  the program gets libwsp's (Windows') answer;
 *   audit    the program gets Linux's answer; libwsp predicts Windows' answer
 *            without side effects and every difference is reported;
 *   off      never gets here.
 * A call on a descriptor that is not an AF_INET/AF_INET6 socket, or for an
 * option the option table has no Windows counterpart for, goes to libc
 * untouched.
 */
#include "translate.h"
#include "sockopt_lane.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

/* The socket's state, held for this call, if the shim serves it (AF_INET or
 * AF_INET6).  Creating state for a socket made behind our back asks the
 * kernel a few questions; whatever errno they leave is not the caller's. */
static inline struct wsp_sock *inet_only(struct wsp_sock *s)
{
    uint8_t family = atomic_load_explicit(&s->family, memory_order_relaxed);
    if (family == AF_INET || family == AF_INET6)
        return s;
    wsp_sock_put(s);
    return NULL;
}

static struct wsp_sock *served(int fd)
{
    struct wsp_sock *s = wsp_sock_hold_tracked(fd);
    if (__builtin_expect(!s, 0)) {
        int wsa, saved = errno;
        s = wsp_sock_hold(fd, &wsa);
        errno = saved;
        if (!s)
            return NULL;
    }
    return inet_only(s);
}

/* A Winsock failure leaves as errno.  A "not a socket" answer has been
 * through wsp_sock_confirm, which dropped the stale state only if the number
 * still named it: forgetting the number here as well could drop the state of
 * a socket another thread has made on it since. */
static int fail(int wsa)
{
    errno = wsp_errno_from_wsa(wsa);
    return -1;
}

static void outcome_native(struct shim_outcome *o, int ret, int err)
{
    memset(o, 0, sizeof *o);
    o->ret = ret;
    o->err = ret ? err : 0;
}

static void outcome_windows(struct shim_outcome *o, const struct wsp_verdict *v, int shape_err)
{
    memset(o, 0, sizeof *o);
    if (shape_err) {
        o->ret = -1;
        o->err = shape_err;
        return;
    }
    o->ret = v->ret ? -1 : 0;
    o->wsa = v->ret ? v->wsa : 0;
    o->err = v->ret ? wsp_errno_from_wsa(v->wsa) : 0;
}

static void report_unmapped(const char *call, int fd, const struct wsp_sock *s, int level, int name, int ret,
                            int err, void *caller)
{
    struct shim_divergence d;
    memset(&d, 0, sizeof d);
    shim_divergence_at(&d, call, fd, s, level, name, NULL, caller);
    outcome_native(&d.linux_side, ret, err);
    d.windows_side.ret = 1;   /* unknown */
    d.note = "no Windows equivalent";
    shim_report(&d);
}

/* The result of a call passed to libc for want of a Winsock counterpart:
 * returned untouched, recorded in audit mode. */
static int unmapped_result(const char *call, int fd, const struct wsp_sock *s, int level, int name, int r,
                           void *caller)
{
    if (shim_cfg.mode == SHIM_AUDIT) {
        int err = errno;
        report_unmapped(call, fd, s, level, name, r, err, caller);
        errno = err;
    }
    return r;
}

enum route {
    ROUTE_LIBC,          /* not ours: libc, untouched */
    ROUTE_UNMAPPED,      /* libc, but recorded: no Winsock counterpart */
    ROUTE_WINSOCK,       /* translated and answered by libwsp */
};

/* Who answers a set/getsockopt: the one pass that finds the option's row
 * and holds the socket's state (put by the caller) for libwsp's row entry
 * (wsp_setsockopt_row/wsp_getsockopt_row), which does not look them up
 * again.  Leaves errno as it found it.  Caller pointers are not looked at
 * here.  Inlined by force: GCC stopped doing it on its own when the state's
 * family became atomic (issue 11), at ~40 instructions a call. */
static inline __attribute__((always_inline)) enum route
route(int fd, int level, int name, const struct wsp_optrow **row, struct wsp_sock **s)
{
    if (!shim_ready())
        shim_init();
    if (!shim_ready() || shim_cfg.mode == SHIM_OFF)
        return ROUTE_LIBC;
    *row = wsp_opt_find_native(level, name);
    if (!*row && shim_cfg.mode == SHIM_ENFORCE)
        return ROUTE_LIBC;                     /* nothing to record: no state needed */
    *s = served(fd);
    if (!*s)
        return ROUTE_LIBC;
    return *row ? ROUTE_WINSOCK : ROUTE_UNMAPPED;
}

/* Options whose value libwsp reads only through its own fault-safe copy
 * (wsp_sockopt.c read_optval: an int or BOOL, whose handlers never touch
 * optval), of as many bytes as the shim would copy (min(optlen, 4)), and
 * the shim does not reshape: in enforce mode the caller's pointer goes to
 * libwsp as it is, and that copy is the only one. */
static inline int libwsp_reads_it(const struct wsp_optrow *row)
{
    return (row->kind == WSP_KIND_BOOL || row->kind == WSP_KIND_INT) && row->len_rule != WSP_LEN_STRUCT &&
           row->len_rule != WSP_LEN_BYTES;
}

/* libc's function, or the kernel's while set-up is still under way */
static int libc_setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
    return shim_real.setsockopt ? shim_real.setsockopt(fd, level, name, val, len)
                                : wsp_sys_setsockopt(fd, level, name, val, len);
}

static int libc_getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
    return shim_real.getsockopt ? shim_real.getsockopt(fd, level, name, val, len)
                                : wsp_sys_getsockopt(fd, level, name, val, len);
}

/* audit mode's set (out of line: enforce's path stays small).  s is held;
 * put here. */
static __attribute__((noinline)) int audit_set(int fd, struct wsp_sock *s, const struct wsp_optrow *row, int level,
                                               int name, const void *val, socklen_t len, void *caller)
{
    int saved = errno;
    struct shim_winval w;
    /* audit: Linux answers first, with the caller's pointer untouched by us;
     * then the value is copied fault-safely and libwsp predicts Windows'
     * answer from that copy (an unreadable value predicts WSAEFAULT).  A
     * call Linux accepted proves fd is a socket: no fstat to confirm it. */
    int r = libc_setsockopt(fd, level, name, val, len);
    int err = errno;
    /* A one-byte BOOLEAN (ref §2.2 group B): Windows reads only the byte at
     * optval, so an int Linux takes as TRUE whose low byte is 0 is FALSE on
     * Windows, though both accept it. */
    int low_byte_false = 0;
    if (r == 0 && row->len_rule == WSP_LEN_BOOL1 && (int)len >= 4) {
        uint32_t u = 0;
        unsigned char low = 1;
        if (shim_copy_in(&u, val, sizeof u, SHIM_VERIFIED_ONLY) == 0)
            memcpy(&low, &u, 1);
        low_byte_false = u != 0 && low == 0;
    }
    /* Linux accepted a full-size value for a plain row with no handler of
     * its own on a socket the lane would serve: enforce would give the
     * kernel the value Windows reads (a BOOL as 0/1, which the kernel takes
     * as it takes any other; a one-byte BOOLEAN's low byte, handled above),
     * so Windows' answer is this one and its shadow changes no state:
     * nothing to predict or report (issue 16). */
    if (r == 0 && !low_byte_false && !row->set && !(row->flags & WSP_OPT_MEANING_DIFFERS) && (int)len >= 4 &&
        wsp_lane_fits(s, row, WSP_LANE_SET, WSP_APPLY)) {
        wsp_sock_put(s);
        errno = saved;
        return 0;
    }
    int shape_err = shim_to_windows(row, val, len, &w, SHIM_VERIFIED_ONLY);
    struct wsp_verdict v = { 0, 0, 0 };
    if (shape_err < 0)                         /* cannot read it safely: nothing to predict from */
        goto out;
    if (!shape_err) {
        while (wsp_setsockopt_row(fd, s, row, w.ptr, w.len, WSP_PREDICT, r == 0, &v) == WSP_STALE) {
            wsp_sock_put(s);
            if (!(s = served(fd)))
                goto out_unheld;               /* no socket of ours now: nothing to compare */
        }
        if (r == 0 && v.ret == 0)
            wsp_setsockopt_row(fd, s, row, w.ptr, w.len, WSP_SHADOW, 1, NULL);
    }
    int wret = shape_err || v.ret ? -1 : 0;
    int werr = shape_err ? shape_err : v.ret ? wsp_errno_from_wsa(v.wsa) : 0;
    /* an option both accept but apply differently (IP_MULTICAST_LOOP) is
     * reported on every successful set: the row says how they differ */
    int meaning = r == 0 && wret == 0 && (row->flags & WSP_OPT_MEANING_DIFFERS);
    low_byte_false = low_byte_false && wret == 0;
    if ((r != wret || (r != 0 && err != werr) || (r == 0 && !shape_err && v.ignored) || meaning ||
         low_byte_false) &&
        !shim_report_again("setsockopt", level, name, caller)) {
        struct shim_divergence d;
        memset(&d, 0, sizeof d);
        outcome_native(&d.linux_side, r, err);
        outcome_windows(&d.windows_side, &v, shape_err);
        shim_divergence_at(&d, "setsockopt", fd, s, level, name, row, caller);
        d.note = shape_err && w.why     ? w.why
                 : v.ignored && r == 0 ? "Windows accepts this value and ignores it; Linux acts on it"
                 : meaning             ? row->linux_diff
                 : low_byte_false      ? "Windows reads only the first byte of this BOOLEAN: FALSE there, TRUE on Linux"
                                       : NULL;
        if (w.copied < 0)
            snprintf(d.passed, sizeof d.passed, "(unreadable %p)", val);
        else
            shim_render_posix(row, level, name, val ? w.posix : NULL, (socklen_t)w.copied, d.passed,
                              sizeof d.passed);
        shim_report(&d);
    }
out:
    wsp_sock_put(s);
out_unheld:
    errno = r ? err : saved;
    return r;
}

/* audit mode's get (out of line, as audit_set). */
static __attribute__((noinline)) int audit_get(int fd, struct wsp_sock *s, const struct wsp_optrow *row, int level,
                                               int name, void *val, socklen_t *len, void *caller)
{
    int saved = errno;
    char win[SHIM_GET_MAX];
    memset(win, 0, 8);                         /* an int's answer; IP_OPTIONS' bytes are written by libwsp */
    socklen_t have = 0;
    /* audit: Linux answers first; then libwsp predicts from provider state
     * and, where it needs the kernel's value of this very option, from what
     * Linux has just answered (struct wsp_known) instead of asking again.
     * It never reads the caller's memory: *optlen as the caller passed it
     * comes through a fault-safe copy made before the call, the answer goes
     * into win. */
    int predicted = !(row->flags & WSP_OPT_NO_PREDICT) && val && len;
    int have_err = 0;
    if (predicted) {
        have_err = shim_copy_in(&have, len, sizeof have, SHIM_VERIFIED_ONLY);
        predicted = have_err != ENOSYS;
    }
    int r = libc_getsockopt(fd, level, name, val, len);
    int err = errno;
    if (!predicted)
        goto out;
    /* what Linux wrote, read back fault-safely (the kernel has just written
     * it, but another thread may unmap it) */
    unsigned char lin[SHIM_GET_MAX];
    socklen_t after = 0;
    int lin_ok = r == 0 && shim_copy_in(&after, len, sizeof after, SHIM_VERIFIED_ONLY) == 0 &&
                 shim_copy_in(lin, val, after < sizeof lin ? after : sizeof lin, SHIM_VERIFIED_ONLY) == 0;
    struct wsp_known known, *kp = NULL;
    if (lin_ok && after == 4 && (row->kind == WSP_KIND_BOOL || row->kind == WSP_KIND_INT)) {
        known.level = level;
        known.name = name;
        memcpy(&known.value, lin, 4);
        kp = &known;
    }
    struct wsp_verdict v = { 0, 0, 0 };
    int winlen;
    do {
        winlen = have_err ? 0 : shim_get_winlen(row, have);
        if (wsp_getsockopt_row(fd, s, row, win, &winlen, WSP_PREDICT, r == 0, kp, &v) != WSP_STALE)
            break;
        wsp_sock_put(s);
        if (!(s = served(fd)))
            goto out_unheld;                   /* no socket of ours now: nothing to compare */
    } while (1);
    int wret = v.ret ? -1 : 0;
    int differs = r != wret || (r != 0 && err != wsp_errno_from_wsa(v.wsa));
    char lv[sizeof ((struct shim_outcome *)0)->value], wv[sizeof lv];
    int rendered = 0;
    if (!differs && lin_ok) {
        unsigned char posix[SHIM_GET_MAX];
        socklen_t plen = after < sizeof posix ? after : (socklen_t)sizeof posix;
        shim_to_posix(row, win, winlen, posix, &plen, plen, SHIM_VERIFIED_ONLY);
        /* the same bytes render the same, and an int renders its first four
         * bytes: only what that does not settle is rendered to compare */
        if ((row->kind == WSP_KIND_BOOL || row->kind == WSP_KIND_INT) && after >= 4 && plen >= 4) {
            differs = memcmp(lin, posix, 4) != 0;
        } else if (plen != after || memcmp(lin, posix, plen) != 0) {
            shim_render_posix(row, level, name, lin, after < sizeof lin ? after : sizeof lin, lv, sizeof lv);
            shim_render_posix(row, level, name, posix, plen, wv, sizeof wv);
            differs = rendered = strcmp(lv, wv) != 0;
        }
    }
    if (differs && !shim_report_again("getsockopt", level, name, caller)) {
        if (!rendered && wret == 0 && lin_ok) {
            unsigned char posix[SHIM_GET_MAX];
            socklen_t plen = after < sizeof posix ? after : (socklen_t)sizeof posix;
            shim_to_posix(row, win, winlen, posix, &plen, plen, SHIM_VERIFIED_ONLY);
            shim_render_posix(row, level, name, lin, after < sizeof lin ? after : sizeof lin, lv, sizeof lv);
            shim_render_posix(row, level, name, posix, plen, wv, sizeof wv);
            rendered = 1;
        }
        struct shim_divergence d;
        memset(&d, 0, sizeof d);
        outcome_native(&d.linux_side, r, err);
        outcome_windows(&d.windows_side, &v, 0);
        if (rendered) {
            memcpy(d.linux_side.value, lv, sizeof lv);
            memcpy(d.windows_side.value, wv, sizeof wv);
            d.linux_side.has_value = d.windows_side.has_value = 1;
        }
        shim_divergence_at(&d, "getsockopt", fd, s, level, name, row, caller);
        shim_report(&d);
    }
out:
    wsp_sock_put(s);
out_unheld:
    errno = r ? err : saved;
    return r;
}

/* Everything enforce's lane does not answer: audit, calls to pass to libc,
 * and the general order.  Out of line, so that the lane below keeps few
 * registers. */
static __attribute__((noinline)) int setsockopt_routed(int fd, int level, int name, const void *val, socklen_t len,
                                                       void *caller)
{
    const struct wsp_optrow *row = NULL;
    struct wsp_sock *s = NULL;
again:
    switch (route(fd, level, name, &row, &s)) {
    case ROUTE_LIBC:
        return libc_setsockopt(fd, level, name, val, len);
    case ROUTE_UNMAPPED: {
        int r = unmapped_result("setsockopt", fd, s, level, name, libc_setsockopt(fd, level, name, val, len),
                                caller);
        wsp_sock_put(s);
        return r;
    }
    case ROUTE_WINSOCK:
        break;
    }
    if (shim_cfg.mode != SHIM_ENFORCE)
        return audit_set(fd, s, row, level, name, val, len, caller);
    /* enforce: the program gets libwsp's answer */
    int saved = errno;
    struct shim_winval w;
    const void *p = val;
    int plen = (int)len;
    if (!libwsp_reads_it(row)) {
        /* libwsp only ever sees the shim's copy of the value */
        int shape_err = shim_to_windows(row, val, len, &w, SHIM_TRUST_UNVERIFIED);
        if (shape_err) {
            wsp_sock_put(s);
            errno = shape_err;
            return -1;
        }
        p = w.ptr;
        plen = w.len;
    }
    int wsa = wsp_setsockopt_row(fd, s, row, p, plen, WSP_APPLY, 0, NULL);
    wsp_sock_put(s);
    if (__builtin_expect(wsa != 0, 0)) {
        if (wsa == WSP_STALE) {
            errno = saved;             /* the stale try's failed kernel call is not the caller's errno */
            goto again;
        }
        return fail(wsa);
    }
    errno = saved;
    return 0;
}

static __attribute__((noinline)) int getsockopt_routed(int fd, int level, int name, void *val, socklen_t *len,
                                                       void *caller)
{
    const struct wsp_optrow *row = NULL;
    struct wsp_sock *s = NULL;
again:
    switch (route(fd, level, name, &row, &s)) {
    case ROUTE_LIBC:
        return libc_getsockopt(fd, level, name, val, len);
    case ROUTE_UNMAPPED: {
        int r = unmapped_result("getsockopt", fd, s, level, name, libc_getsockopt(fd, level, name, val, len),
                                caller);
        wsp_sock_put(s);
        return r;
    }
    case ROUTE_WINSOCK:
        break;
    }
    if (shim_cfg.mode != SHIM_ENFORCE)
        return audit_get(fd, s, row, level, name, val, len, caller);
    /* enforce: the program gets libwsp's answer */
    int saved = errno;
    char win[SHIM_GET_MAX];
    memset(win, 0, 8);                         /* an int's answer; IP_OPTIONS' bytes are written by libwsp */
    socklen_t have = 0;
    /* An unreadable *optlen is a length libwsp refuses (WSAEFAULT), as a
     * zero one is; the result goes back through fault-safe copies. */
    int winlen = len && shim_copy_in(&have, len, sizeof have, SHIM_TRUST_UNVERIFIED) == 0
                     ? shim_get_winlen(row, have) : 0;
    int wsa = wsp_getsockopt_row(fd, s, row, val && len ? win : NULL, &winlen, WSP_APPLY, 0, NULL, NULL);
    wsp_sock_put(s);
    if (__builtin_expect(wsa != 0, 0)) {
        if (wsa == WSP_STALE) {
            errno = saved;             /* as for a set */
            goto again;
        }
        return fail(wsa);
    }
    if (shim_to_posix(row, win, winlen, val, len, have, SHIM_TRUST_UNVERIFIED) != 0) {
        errno = EFAULT;                    /* WSAEFAULT: the buffer is not writable */
        return -1;
    }
    errno = saved;
    return 0;
}

/* Enforce's lane (issue 16): a plain option (enum wsp_lane) on an AF_INET or
 * AF_INET6 socket the shim already tracks goes to libwsp's lane
 * (spi/sockopt_lane.h) with the row and state found here once, and nothing
 * else runs.  The lane leaves errno alone (a failure's errno is set by
 * fail() from the WSAE code), so there is no errno to save.  Anything the lane does not take goes the routed way,
 * which answers it the same (the lane is part of libwsp's order). */
static inline __attribute__((always_inline)) struct wsp_sock *lane_state(int fd, const struct wsp_optrow *row,
                                                                          unsigned lane)
{
    if (!row || !(row->lane & lane))
        return NULL;
    struct wsp_sock *s = wsp_sock_hold_tracked(fd);
    return s ? inet_only(s) : NULL;
}

static __attribute__((noinline)) int setsockopt_enforce(int fd, int level, int name, const void *val,
                                                        socklen_t len, void *caller)
{
    const struct wsp_optrow *row = wsp_opt_find_native(level, name);
    struct wsp_sock *s = lane_state(fd, row, WSP_LANE_SET);
    if (s) {
        int wsa = wsp_setsockopt_lane(fd, s, row, val, (int)len);
        wsp_sock_put(s);
        if (__builtin_expect(wsa == 0, 1))
            return 0;
        if (wsa != WSP_LANE_MISS && wsa != WSP_STALE)
            return fail(wsa);
    }
    return setsockopt_routed(fd, level, name, val, len, caller);
}

/* The same for a get with room for an int: the answer goes out as
 * shim_to_posix writes an int (the value, then a length of 4), fault-safely. */
static __attribute__((noinline)) int getsockopt_enforce(int fd, int level, int name, void *val, socklen_t *len,
                                                        void *caller)
{
    const struct wsp_optrow *row = wsp_opt_find_native(level, name);
    struct wsp_sock *s = lane_state(fd, row, WSP_LANE_GET);
    if (s) {
        /* both on the caller's stack (the usual case): read and written
         * in place, each range checked once (spi/safecopy.h) */
        int on_stack = wsp_on_home_stack2(len, sizeof *len, val, 4);
        socklen_t have = 0;
        int wsa = WSP_LANE_MISS;
        char win[4] __attribute__((aligned(4)));
        int winlen = 4;
        if (on_stack)
            memcpy(&have, len, sizeof have);
        if ((on_stack || (val && len && shim_copy_in(&have, len, sizeof have, SHIM_TRUST_UNVERIFIED) == 0)) &&
            (int)have >= 4)
            wsa = wsp_getsockopt_lane(fd, s, row, win, &winlen);
        wsp_sock_put(s);
        if (__builtin_expect(wsa == 0, 1)) {
            int32_t v = 0;
            if (winlen == 1)
                v = (unsigned char)win[0];
            else
                memcpy(&v, win, 4);
            socklen_t n = sizeof v;
            if (on_stack) {
                memcpy(val, &v, sizeof v);
                memcpy(len, &n, sizeof n);
            } else if (shim_copy_out(val, &v, sizeof v, SHIM_TRUST_UNVERIFIED) ||
                       shim_copy_out(len, &n, sizeof n, SHIM_TRUST_UNVERIFIED)) {
                errno = EFAULT;            /* WSAEFAULT: the buffer is not writable */
                return -1;
            }
            return 0;
        }
        if (wsa != WSP_LANE_MISS && wsa != WSP_STALE)
            return fail(wsa);
    }
    return getsockopt_routed(fd, level, name, val, len, caller);
}

/* Enforce's lane and everything else apart, so that audit and off do not
 * pay for the lane's registers and stack (a tail call each way). */
int shim_setsockopt(int fd, int level, int name, const void *val, socklen_t len, void *caller)
{
    if (__builtin_expect(shim_ready(), 1)) {
        if (__builtin_expect(shim_cfg.mode == SHIM_ENFORCE, 1))
            return setsockopt_enforce(fd, level, name, val, len, caller);
        if (shim_cfg.mode == SHIM_OFF)
            return libc_setsockopt(fd, level, name, val, len);
    }
    return setsockopt_routed(fd, level, name, val, len, caller);
}

int shim_getsockopt(int fd, int level, int name, void *val, socklen_t *len, void *caller)
{
    if (__builtin_expect(shim_ready(), 1)) {
        if (__builtin_expect(shim_cfg.mode == SHIM_ENFORCE, 1))
            return getsockopt_enforce(fd, level, name, val, len, caller);
        if (shim_cfg.mode == SHIM_OFF)
            return libc_getsockopt(fd, level, name, val, len);
    }
    return getsockopt_routed(fd, level, name, val, len, caller);
}

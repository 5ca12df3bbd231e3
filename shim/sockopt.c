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

#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

/* The socket's state if the shim serves it (AF_INET or AF_INET6).  Creating
 * state for a socket made behind our back asks the kernel a few questions;
 * whatever errno they leave is not the caller's. */
static struct wsp_sock *served(int fd)
{
    struct wsp_sock *s = wsp_sock_peek(fd);
    if (!s) {
        int wsa, saved = errno;
        s = wsp_sock_get(fd, &wsa);
        errno = saved;
        if (!s)
            return NULL;
    }
    return (s->family == AF_INET || s->family == AF_INET6) ? s : NULL;
}

/* A Winsock failure leaves as errno; "not a socket" also means the state we
 * held for this number was stale (closed inside libc, number reused). */
static int fail(int fd, int wsa)
{
    if (wsa == WSAENOTSOCK)
        wsp_sock_forget(fd);
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

/* Who answers a set/getsockopt.  Leaves errno as it found it.  Caller
 * pointers are not looked at here: every read and write of caller memory
 * after this point is a fault-safe copy (translate.c, spi/safecopy.c).
 * Inlined by force: GCC stopped doing it on its own when the state's family
 * became atomic (issue 11), at ~40 instructions a call (bench/README.md). */
static inline __attribute__((always_inline)) enum route
route(int fd, int level, int name, const struct wsp_optrow **row, struct wsp_sock **s)
{
    if (!shim_ready())
        shim_init();
    if (!shim_ready() || shim_cfg.mode == SHIM_OFF)
        return ROUTE_LIBC;
    *row = wsp_opt_find_native(level, name);
    *s = served(fd);
    if (!*s)
        return ROUTE_LIBC;
    return *row ? ROUTE_WINSOCK : ROUTE_UNMAPPED;
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

int shim_setsockopt(int fd, int level, int name, const void *val, socklen_t len, void *caller)
{
    const struct wsp_optrow *row = NULL;
    struct wsp_sock *s = NULL;
    switch (route(fd, level, name, &row, &s)) {
    case ROUTE_LIBC:
        return libc_setsockopt(fd, level, name, val, len);
    case ROUTE_UNMAPPED:
        return unmapped_result("setsockopt", fd, s, level, name, libc_setsockopt(fd, level, name, val, len),
                               caller);
    case ROUTE_WINSOCK:
        break;
    }
    int saved = errno;
    struct shim_winval w;
    if (shim_cfg.mode == SHIM_ENFORCE) {
        /* libwsp only ever sees the shim's copy of the value */
        int shape_err = shim_to_windows(row, val, len, &w, SHIM_TRUST_UNVERIFIED);
        if (shape_err) {
            errno = shape_err;
            return -1;
        }
        int wsa = 0;
        if (shim_wsp.lpWSPSetSockOpt((SOCKET)fd, row->wlevel, row->wname, w.ptr, w.len, &wsa) != 0)
            return fail(fd, wsa);
        errno = saved;
        return 0;
    }

    /* audit: Linux answers first, with the caller's pointer untouched by us;
     * then the value is copied fault-safely and libwsp predicts Windows'
     * answer from that copy (an unreadable value predicts WSAEFAULT). */
    int r = libc_setsockopt(fd, level, name, val, len);
    int err = errno;
    int shape_err = shim_to_windows(row, val, len, &w, SHIM_VERIFIED_ONLY);
    if (shape_err < 0) {                       /* cannot read it safely: nothing to predict from */
        errno = r ? err : saved;
        return r;
    }
    struct wsp_verdict v = { 0, 0, 0 };
    if (!shape_err)
        wsp_setsockopt_mode((SOCKET)fd, row->wlevel, row->wname, w.ptr, w.len, WSP_PREDICT, &v);
    if (r == 0 && !shape_err && v.ret == 0)
        wsp_setsockopt_mode((SOCKET)fd, row->wlevel, row->wname, w.ptr, w.len, WSP_SHADOW, NULL);
    struct shim_divergence d;
    memset(&d, 0, sizeof d);
    outcome_native(&d.linux_side, r, err);
    outcome_windows(&d.windows_side, &v, shape_err);
    /* an option both accept but apply differently (IP_MULTICAST_LOOP) is
     * reported on every successful set: the row says how they differ */
    int meaning = r == 0 && v.ret == 0 && (row->flags & WSP_OPT_MEANING_DIFFERS);
    int differs = d.linux_side.ret != d.windows_side.ret ||
                  (r != 0 && d.linux_side.err != d.windows_side.err) || (r == 0 && v.ignored) || meaning;
    if (differs) {
        shim_divergence_at(&d, "setsockopt", fd, s, level, name, row, caller);
        d.note = shape_err && w.why     ? w.why
                 : v.ignored && r == 0 ? "Windows accepts this value and ignores it; Linux acts on it"
                 : meaning             ? row->linux_diff
                                       : NULL;
        if (w.copied < 0)
            snprintf(d.passed, sizeof d.passed, "(unreadable %p)", val);
        else
            shim_render_posix(row, level, name, val ? w.posix : NULL, (socklen_t)w.copied, d.passed,
                              sizeof d.passed);
        shim_report(&d);
    }
    errno = r ? err : saved;
    return r;
}

int shim_getsockopt(int fd, int level, int name, void *val, socklen_t *len, void *caller)
{
    const struct wsp_optrow *row = NULL;
    struct wsp_sock *s = NULL;
    switch (route(fd, level, name, &row, &s)) {
    case ROUTE_LIBC:
        return libc_getsockopt(fd, level, name, val, len);
    case ROUTE_UNMAPPED:
        return unmapped_result("getsockopt", fd, s, level, name, libc_getsockopt(fd, level, name, val, len),
                               caller);
    case ROUTE_WINSOCK:
        break;
    }
    int saved = errno;
    char win[SHIM_GET_MAX];
    memset(win, 0, 8);                         /* an int's answer; IP_OPTIONS' bytes are written by libwsp */
    socklen_t have = 0;
    if (shim_cfg.mode == SHIM_ENFORCE) {
        /* An unreadable *optlen is a length libwsp refuses (WSAEFAULT), as a
         * zero one is; the result goes back through fault-safe copies. */
        int winlen = len && shim_copy_in(&have, len, sizeof have, SHIM_TRUST_UNVERIFIED) == 0
                         ? shim_get_winlen(row, have) : 0;
        int wsa = 0;
        if (shim_wsp.lpWSPGetSockOpt((SOCKET)fd, row->wlevel, row->wname, val && len ? win : NULL, &winlen,
                                     &wsa) != 0)
            return fail(fd, wsa);
        if (shim_to_posix(row, win, winlen, val, len, have, SHIM_TRUST_UNVERIFIED) != 0) {
            errno = EFAULT;                    /* WSAEFAULT: the buffer is not writable */
            return -1;
        }
        errno = saved;
        return 0;
    }

    /* audit: predict first (reads provider state and the kernel, never the
     * caller's memory: *optlen comes through a fault-safe copy, the answer
     * goes into win), then let Linux answer */
    struct wsp_verdict v = { 0, 0, 0 };
    int winlen = 0;
    int predicted = !(row->flags & WSP_OPT_NO_PREDICT) && val && len;
    if (predicted) {
        int c = shim_copy_in(&have, len, sizeof have, SHIM_VERIFIED_ONLY);
        predicted = c != ENOSYS;
        winlen = c ? 0 : shim_get_winlen(row, have);
        if (predicted)
            wsp_getsockopt_mode((SOCKET)fd, row->wlevel, row->wname, win, &winlen, WSP_PREDICT, &v);
    }
    int r = libc_getsockopt(fd, level, name, val, len);
    int err = errno;
    if (!predicted) {
        errno = r ? err : saved;
        return r;
    }
    struct shim_divergence d;
    memset(&d, 0, sizeof d);
    outcome_native(&d.linux_side, r, err);
    outcome_windows(&d.windows_side, &v, 0);
    int differs = d.linux_side.ret != d.windows_side.ret || (r != 0 && d.linux_side.err != d.windows_side.err);
    if (!differs && r == 0) {
        /* r == 0: the kernel has just written *len and that many bytes of
         * val, so reading them back cannot fault */
        unsigned char posix[SHIM_GET_MAX];
        socklen_t plen = *len < sizeof posix ? *len : (socklen_t)sizeof posix;
        shim_to_posix(row, win, winlen, posix, &plen, plen, SHIM_VERIFIED_ONLY);
        shim_render_posix(row, level, name, val, *len, d.linux_side.value, sizeof d.linux_side.value);
        shim_render_posix(row, level, name, posix, plen, d.windows_side.value, sizeof d.windows_side.value);
        d.linux_side.has_value = d.windows_side.has_value = 1;
        differs = strcmp(d.linux_side.value, d.windows_side.value) != 0;
    }
    if (differs) {
        shim_divergence_at(&d, "getsockopt", fd, s, level, name, row, caller);
        shim_report(&d);
    }
    errno = r ? err : saved;
    return r;
}

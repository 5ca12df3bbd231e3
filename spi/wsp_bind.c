/*
 * Windows' address-sharing rules at bind ("Using SO_REUSEADDR and
 * SO_EXCLUSIVEADDRUSE", Windows Server 2003 and later, same user; summarised
 * in reference/winsock-options.md §5.2, with the pairs Wine's test_reuseaddr
 * asserts on real Windows in §5.5).
 *
 * Every socket of this process that the provider tracks remembers its
 * footprint at bind: the port, and which IPv4/IPv6 addresses it holds
 * (wildcard, one address, or both stacks for a dual-stack "::").  A new bind
 * is checked against every tracked socket of the same type and protocol on
 * the same port.  When Windows allows the bind next to a socket Linux would
 * refuse it beside, both get SO_REUSEPORT, so the provider's table, not
 * Linux's rules, decides within the process.  Sockets of other processes
 * are not in the table: there Linux's own rules apply, unchanged.
 */
#include "wsp_internal.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>

enum { OK = 0, INUSE = WSAEADDRINUSE, ACCES = WSAEACCES };
enum cls { DEFAULT_W, DEFAULT_S, REUSE_W, REUSE_S, EXCL_W, EXCL_S };

/* §5.2, rows: the socket already bound; columns: the one binding now. */
static const int sharing[6][6] = {
    /*               DW     DS     RW     RS     EW     ES   */
    /* DW */      { INUSE, OK,    ACCES, OK,    INUSE, OK    },
    /* DS */      { OK,    INUSE, OK,    ACCES, INUSE, INUSE },
    /* RW */      { INUSE, OK,    OK,    OK,    INUSE, OK    },
    /* RS */      { OK,    INUSE, OK,    OK,    INUSE, INUSE },
    /* EW */      { INUSE, ACCES, ACCES, ACCES, INUSE, ACCES },
    /* ES */      { OK,    INUSE, OK,    ACCES, INUSE, INUSE },
};

struct footprint {
    uint32_t fp;          /* WSP_SF_FP_* bits */
    uint32_t key;
    uint16_t port;
};

static uint32_t hash16(const unsigned char *b)
{
    uint32_t h = 2166136261u;
    for (int i = 0; i < 16; i++)
        h = (h ^ b[i]) * 16777619u;
    return h;
}

static int footprint_of(int fd, const struct wsp_sock *s, const struct sockaddr *addr, socklen_t len,
                        struct footprint *f)
{
    memset(f, 0, sizeof *f);
    if (addr->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *a = (const struct sockaddr_in *)addr;
        f->port = ntohs(a->sin_port);
        f->key = a->sin_addr.s_addr;
        f->fp = WSP_SF_FP_V4 | (a->sin_addr.s_addr == htonl(INADDR_ANY) ? WSP_SF_FP_V4_WILD : 0);
        return 0;
    }
    if (addr->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
        const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)addr;
        f->port = ntohs(a->sin6_port);
        if (IN6_IS_ADDR_V4MAPPED(&a->sin6_addr)) {       /* ::ffff:a.b.c.d holds a.b.c.d */
            memcpy(&f->key, &a->sin6_addr.s6_addr[12], 4);
            f->fp = WSP_SF_FP_V4 | (f->key == htonl(INADDR_ANY) ? WSP_SF_FP_V4_WILD : 0);
            return 0;
        }
        if (IN6_IS_ADDR_UNSPECIFIED(&a->sin6_addr)) {
            int v6only = 1;
            socklen_t olen = sizeof v6only;
            wsp_sys_getsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, &olen);
            f->fp = WSP_SF_FP_V6 | WSP_SF_FP_V6_WILD;
            if (!v6only)                                 /* dual stack: "::" holds both */
                f->fp |= WSP_SF_FP_V4 | WSP_SF_FP_V4_WILD | WSP_SF_FP_DUAL;
            return 0;
        }
        f->key = hash16(a->sin6_addr.s6_addr);
        f->fp = WSP_SF_FP_V6;
        return 0;
    }
    (void)s;
    return WSAEFAULT;
}

/* The class a bound socket had at bind time (§5.1: the options are read
 * only then), or the one the socket binding now has. */
static enum cls class_of(uint32_t flags, uint32_t excl, uint32_t reuse, int wildcard)
{
    if (flags & excl)
        return wildcard ? EXCL_W : EXCL_S;
    if (flags & reuse)
        return wildcard ? REUSE_W : REUSE_S;
    return wildcard ? DEFAULT_W : DEFAULT_S;
}

#define MAX_PARTNERS 32

struct scan {
    int fd;
    const struct wsp_sock *self;
    const struct footprint *f;
    int verdict;
    int partners[MAX_PARTNERS];      /* overlapping sockets Windows lets us share with */
    int npartners;
};

static int overlap(uint32_t efp, uint32_t ekey, const struct footprint *n, uint32_t stack, uint32_t wild)
{
    if (!(efp & stack) || !(n->fp & stack))
        return 0;
    return (efp & wild) || (n->fp & wild) || ekey == n->key;
}

static int bound_to_device(int fd)
{
    int ifindex = 0;
    socklen_t len = sizeof ifindex;
    return wsp_sys_getsockopt(fd, SOL_SOCKET, SO_BINDTOIFINDEX, &ifindex, &len) == 0 && ifindex != 0;
}

/* Is fd still the socket bound to port, as recorded?  A socket closed
 * behind our back (fclose of an fdopen'ed stream) leaves a stale entry. */
static int still_bound_to(int fd, uint16_t port)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (wsp_sys_getsockname(fd, (struct sockaddr *)&ss, &len) != 0)
        return 0;
    uint16_t p = ss.ss_family == AF_INET ? ((struct sockaddr_in *)&ss)->sin_port
                                         : ((struct sockaddr_in6 *)&ss)->sin6_port;
    return ntohs(p) == port;
}

static void check_one(int efd, struct wsp_sock *e, void *ctx)
{
    struct scan *sc = ctx;
    uint32_t efp = atomic_load_explicit(&e->flags, memory_order_acquire);
    if (e == sc->self || efd == sc->fd || !(efp & WSP_SF_BOUND) || e->bound_port != sc->f->port ||
        e->type != sc->self->type || e->protocol != sc->self->protocol)
        return;
    const struct footprint *n = sc->f;
    int v4 = overlap(efp, e->bound_key, n, WSP_SF_FP_V4, WSP_SF_FP_V4_WILD);
    int v6 = overlap(efp, e->bound_key, n, WSP_SF_FP_V6, WSP_SF_FP_V6_WILD);
    if ((!v4 && !v6) || !still_bound_to(efd, e->bound_port) || bound_to_device(efd))
        return;                         /* no overlap, stale, or Linux's device scoping rules */
    uint32_t nflags = atomic_load_explicit(&((struct wsp_sock *)sc->self)->flags, memory_order_acquire);
    int verdict;
    int n_v4_wild_only = (n->fp & WSP_SF_FP_V4_WILD) && !(n->fp & WSP_SF_FP_V6);
    if ((efp & WSP_SF_FP_DUAL) && !v6 && n_v4_wild_only) {
        /* §5.5 #11, #12, #15: a dual-stack "::" and a later IPv4 0.0.0.0 do not
         * conflict, unless the dual-stack one is exclusive (then WSAEACCES). */
        verdict = (efp & WSP_SF_BOUND_EXCL) && !(nflags & WSP_SF_EXCLUSIVE) ? ACCES : OK;
    } else {
        int e_wild = v6 ? (efp & WSP_SF_FP_V6_WILD) != 0 : (efp & WSP_SF_FP_V4_WILD) != 0;
        int n_wild = v6 ? (n->fp & WSP_SF_FP_V6_WILD) != 0 : (n->fp & WSP_SF_FP_V4_WILD) != 0;
        verdict = sharing[class_of(efp, WSP_SF_BOUND_EXCL, WSP_SF_BOUND_REUSE, e_wild)]
                         [class_of(nflags, WSP_SF_EXCLUSIVE, WSP_SF_REUSEADDR, n_wild)];
    }
    if (verdict == OK && sc->npartners < MAX_PARTNERS)
        sc->partners[sc->npartners++] = efd;
    if (verdict == ACCES || (verdict == INUSE && sc->verdict == OK))
        sc->verdict = verdict;
}

/* Binds the Windows rules do not judge: Linux decides.  A port of 0 (an
 * ephemeral port is never shared), raw sockets (no ports), sockets scoped to
 * a device, and programs that asked for Linux's own SO_REUSEPORT. */
static int linux_decides(int fd, const struct wsp_sock *s, const struct footprint *f)
{
    if (f->port == 0 || s->type == SOCK_RAW || bound_to_device(fd))
        return 1;
    int reuseport = 0;
    socklen_t len = sizeof reuseport;
    return wsp_sys_getsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &reuseport, &len) == 0 && reuseport;
}

/* A multicast group is not an address of this machine: Windows refuses it
 * as a local address with WSAEADDRNOTAVAIL where Linux binds (observed for
 * IPv4: audreyt/network-multicast#12, Windows 7; nannou-org/citp#6;
 * cesanta/mongoose#3125; IPv6 by the same rule, inference). */
static int is_multicast(const struct sockaddr *addr)
{
    if (addr->sa_family == AF_INET)
        return IN_MULTICAST(ntohl(((const struct sockaddr_in *)addr)->sin_addr.s_addr));
    return addr->sa_family == AF_INET6 && IN6_IS_ADDR_MULTICAST(&((const struct sockaddr_in6 *)addr)->sin6_addr);
}

static int scan_bind(int fd, struct wsp_sock *s, const struct sockaddr *addr, socklen_t len, struct scan *sc,
                     struct footprint *f)
{
    int wsa = footprint_of(fd, s, addr, len, f);
    if (wsa)
        return wsa;
    if (wsp_sock_has(s, WSP_SF_BOUND))
        return WSAEINVAL;               /* bind of a bound socket */
    if (is_multicast(addr))
        return WSAEADDRNOTAVAIL;
    sc->fd = fd;
    sc->self = s;
    sc->f = f;
    sc->verdict = OK;
    sc->npartners = 0;
    if (linux_decides(fd, s, f))
        return OK;
    wsp_sock_foreach(check_one, sc);
    return sc->verdict;
}

int wsp_bind_verdict(int fd, struct wsp_sock *s, const struct sockaddr *addr, socklen_t len)
{
    struct scan sc;
    struct footprint f;
    return scan_bind(fd, s, addr, len, &sc, &f);
}

int wsp_bind_apply(int fd, struct wsp_sock *s, const struct sockaddr *addr, socklen_t len)
{
    struct scan sc;
    struct footprint f;
    int wsa = scan_bind(fd, s, addr, len, &sc, &f);
    if (wsa)
        return wsa;
    /* Windows lets this socket share the port with sockets of this process
     * that Linux would refuse it next to: SO_REUSEPORT on all of them (Linux
     * reads the bound ones' flag when it checks the new bind).  Nothing else
     * gets it, so other processes still meet Linux's rules. */
    if (sc.npartners) {
        int on = 1;
        wsp_sys_setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on);
        for (int i = 0; i < sc.npartners; i++)
            wsp_sys_setsockopt(sc.partners[i], SOL_SOCKET, SO_REUSEPORT, &on, sizeof on);
    }
    if (wsp_sys_bind(fd, addr, len) != 0)
        return wsp_wsa_from_errno(errno);
    wsp_bind_record(fd, s);
    return 0;
}

void wsp_bind_record(int fd, struct wsp_sock *s)
{
    struct sockaddr_storage bound;
    socklen_t blen = sizeof bound;
    if (wsp_sys_getsockname(fd, (struct sockaddr *)&bound, &blen) == 0) {
        struct footprint f;
        if (footprint_of(fd, s, (struct sockaddr *)&bound, blen, &f) == 0) {
            s->bound_key = f.key;
            s->bound_port = f.port;
            uint32_t at_bind = (wsp_sock_has(s, WSP_SF_REUSEADDR) ? WSP_SF_BOUND_REUSE : 0) |
                               (wsp_sock_has(s, WSP_SF_EXCLUSIVE) ? WSP_SF_BOUND_EXCL : 0);
            wsp_sock_set_flag(s, f.fp | at_bind | WSP_SF_BOUND, 1);
        }
    }
}

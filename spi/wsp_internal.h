/*
 * libwsp internals: shared by the provider's own files and by the shim, which
 * links libwsp statically.  Windows constants carry the WS_ prefix here so that
 * they can sit next to glibc's <sys/socket.h> without clashing.
 */
#ifndef WSP_INTERNAL_H
#define WSP_INTERNAL_H

#define WSP_USE_WS_PREFIX 1
#include <ws2spi.h>
#include <ws2tcpip.h>
#include <mswsock.h>

#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include "safecopy.h"

#define WSP_HIDDEN __attribute__((visibility("hidden")))

/* ---- errno <-> WSAE (errmap.c) ---------------------------------------- */
int wsp_wsa_from_errno(int err);          /* unknown errno -> WSAEOPNOTSUPP */
int wsp_errno_from_wsa(int wsa);          /* unknown code  -> EINVAL */
const char *wsp_wsa_name(int wsa);        /* "WSAEFAULT", or NULL */
const char *wsp_errno_name(int err);      /* "EFAULT", or NULL */
size_t wsp_errmap_size(void);
int wsp_errmap_entry(size_t i, int *err, int *wsa);

/* ---- raw kernel calls (native.c) ---------------------------------------
 * The provider talks to the kernel through these, never through the libc
 * symbols: inside libwspshim.so those symbols are the shim's own wrappers. */
int wsp_sys_socket(int af, int type, int protocol);
int wsp_sys_close(int fd);
int wsp_sys_setsockopt(int fd, int level, int name, const void *val, socklen_t len);
int wsp_sys_getsockopt(int fd, int level, int name, void *val, socklen_t *len);
int wsp_sys_bind(int fd, const struct sockaddr *sa, socklen_t len);
int wsp_sys_listen(int fd, int backlog);
int wsp_sys_connect(int fd, const struct sockaddr *sa, socklen_t len);
int wsp_sys_accept4(int fd, struct sockaddr *sa, socklen_t *len, int flags);
int wsp_sys_getsockname(int fd, struct sockaddr *sa, socklen_t *len);
int wsp_sys_getpeername(int fd, struct sockaddr *sa, socklen_t *len);
int wsp_sys_shutdown(int fd, int how);
int wsp_sys_ioctl(int fd, unsigned long req, void *arg);
int wsp_sys_fcntl(int fd, int cmd, long arg);
struct pollfd;
ssize_t wsp_sys_recvmsg(int fd, struct msghdr *msg, int flags);
ssize_t wsp_sys_sendmsg(int fd, const struct msghdr *msg, int flags);
int wsp_sys_ppoll(struct pollfd *fds, unsigned long n, int timeout_ms);   /* timeout < 0: none */
/* Socket calls (set/getsockopt, bind, connect, ...) the kernel accepted on
 * this thread: a thread-local count, one add per call. */
extern __thread unsigned wsp_socket_proofs __attribute__((tls_model("initial-exec")));

/* wsp_sys_setsockopt/wsp_sys_getsockopt inline, for the option lane
 * (sockopt_lane.h) and the option handlers: on x86-64 the system call is
 * made in place, without libc's syscall() and its argument shuffle; a call
 * the kernel accepted counts as a proof.  The _raw form returns 0 or the
 * kernel's errno value and leaves errno alone: the lane answers with a WSAE
 * code, and a caller that asks again after a stale answer (WSP_STALE) must
 * still find the errno its caller had. */
static inline int wsp_sys_sockopt_raw(long nr, int fd, int level, int name, void *val, long len)
{
#if defined(__x86_64__)
    long ret;
    register long r10 __asm__("r10") = (long)val;
    register long r8 __asm__("r8") = len;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(nr), "D"((long)fd), "S"((long)level), "d"((long)name), "r"(r10), "r"(r8)
                     : "rcx", "r11", "memory");
    if (__builtin_expect((unsigned long)ret > -4096UL, 0))
        return (int)-ret;
    wsp_socket_proofs++;
    return 0;
#else
    int saved = errno;
    long ret = nr == SYS_setsockopt ? wsp_sys_setsockopt(fd, level, name, val, (socklen_t)len)
                                    : wsp_sys_getsockopt(fd, level, name, val, (socklen_t *)len);
    int err = ret ? errno : 0;
    errno = saved;
    return err;
#endif
}

static inline int wsp_sys_sockopt_inline(long nr, int fd, int level, int name, void *val, long len)
{
    int err = wsp_sys_sockopt_raw(nr, fd, level, name, val, len);
    if (__builtin_expect(err != 0, 0)) {
        errno = err;
        return -1;
    }
    return 0;
}

/* ---- per-socket state (sockstate.c) -------------------------------------
 * One object per open socket (open file description), shared by every
 * descriptor that refers to it.  Fields are atomics so that concurrent
 * setsockopt/getsockopt from several threads need no lock. */
enum wsp_sock_flag {
    WSP_SF_REUSEADDR     = 1u << 0,
    WSP_SF_EXCLUSIVE     = 1u << 1,
    WSP_SF_DEBUG         = 1u << 2,
    WSP_SF_DONTROUTE     = 1u << 3,
    WSP_SF_KEEPALIVE     = 1u << 4,
    WSP_SF_ERROR_SET     = 1u << 5,   /* error_override holds a set SO_ERROR */
    WSP_SF_RCVTIMEO_SET  = 1u << 6,
    WSP_SF_SNDTIMEO_SET  = 1u << 7,
    WSP_SF_RCVBUF_SET    = 1u << 8,
    WSP_SF_SNDBUF_SET    = 1u << 9,
    WSP_SF_CONNECTED     = 1u << 10,  /* connect_time is valid */
    /* where the socket is bound (wsp_bind.c): its footprint on each stack */
    WSP_SF_BOUND         = 1u << 11,
    WSP_SF_FP_V4         = 1u << 12,  /* holds an IPv4 address (bound_key) ... */
    WSP_SF_FP_V4_WILD    = 1u << 13,  /* ... or every IPv4 address */
    WSP_SF_FP_V6         = 1u << 14,  /* holds an IPv6 address (hash in bound_key) ... */
    WSP_SF_FP_V6_WILD    = 1u << 15,  /* ... or every IPv6 address */
    WSP_SF_FP_DUAL       = 1u << 16,  /* "::" with IPV6_V6ONLY off: both stacks */
    WSP_SF_KEEPINTVL_SET = 1u << 17,  /* the application chose TCP_KEEPINTVL */
    WSP_SF_KEEPCNT_SET   = 1u << 18,  /* the application chose TCP_KEEPCNT */
    WSP_SF_FORKED        = 1u << 19,  /* was open when the process forked (used only where /proc cannot tell) */
    WSP_SF_BOUND_REUSE   = 1u << 20,  /* SO_REUSEADDR was on at bind time */
    WSP_SF_BOUND_EXCL    = 1u << 21,  /* SO_EXCLUSIVEADDRUSE was on at bind time */
    WSP_SF_KEEPIDLE_ZERO = 1u << 22,  /* TCP_KEEPALIVE set to 0 (Linux holds 1) */
    WSP_SF_KEEPINTVL_ZERO = 1u << 23, /* TCP_KEEPINTVL set to 0 (Linux holds 1) */
    WSP_SF_KEEPCNT_ZERO  = 1u << 24,  /* TCP_KEEPCNT set to 0 (Linux holds 1) */
    /* data path (wsp_send_recv.c, wsp_wake.c, wsp_events.c, wsp_ioctl.c) */
    WSP_SF_SHUT_SEND     = 1u << 25,  /* shutdown(SD_SEND): sends fail WSAESHUTDOWN */
    WSP_SF_SHUT_RECV     = 1u << 26,  /* shutdown(SD_RECEIVE): receives fail WSAESHUTDOWN */
    WSP_SF_NO_CONNRESET  = 1u << 27,  /* SIO_UDP_CONNRESET FALSE: ICMP errors ignored */
    WSP_SF_CONNRESET_DUE = 1u << 28,  /* an ICMP error surfaced on a send: the next receive reports it */
    WSP_SF_EVENTSELECT   = 1u << 29,  /* WSPEventSelect active (a record in wsp_events.c): FIONBIO cannot make it blocking */
    WSP_SF_CLOSING       = 1u << 30,  /* WSPCloseSocket is waking the calls blocked on it */
};

/* refs: descriptors pointing at the object in the low 24 bits (the index
 * holds at most 2^20), provider calls holding it (wsp_sock_hold) above. */
#define WSP_REFS_FDS 0x00ffffffu
#define WSP_REFS_HOLDER 0x01000000u

struct wsp_sock {
    _Atomic uint32_t refs;            /* descriptors + holders (WSP_REFS_*); recycled at 0 */
    uint32_t pool_index;              /* own place in the pool, set once */
    /* Every field a recycled object gets anew is atomic: a racing reader that
     * still has the pointer (wsp_sock_peek) reads old or new, never a torn value. */
    _Atomic uint8_t family;           /* Linux AF_INET / AF_INET6 / ... */
    _Atomic uint8_t type;             /* Linux SOCK_STREAM / SOCK_DGRAM / ... */
    _Atomic uint16_t protocol;
    _Atomic uint32_t flags;           /* enum wsp_sock_flag */
    _Atomic uint32_t linger;          /* Windows view: l_onoff << 16 | l_linger */
    _Atomic int32_t group_priority;
    _Atomic int32_t error_override;   /* WSAE code stored by setsockopt(SO_ERROR) */
    _Atomic uint32_t rcvtimeo_ms, sndtimeo_ms;
    _Atomic int32_t rcvbuf, sndbuf;   /* size provided, Windows view */
    _Atomic uint32_t connect_time;    /* CLOCK_MONOTONIC seconds */
    union {
        _Atomic uint32_t bound_key;   /* in use: IPv4 address, or hash of the IPv6 one */
        _Atomic uint32_t next_free;   /* in the pool's free list: next index + 1 */
    };
    _Atomic uint16_t linger_memory;   /* last l_linger set through SO_LINGER */
    _Atomic uint16_t bound_port;      /* host order; valid with WSP_SF_BOUND */
    _Atomic uint32_t ino;             /* the socket's inode (sockfs numbers are 32-bit), 0: unknown */
    /* The data path keeps its per-socket state out of this object (flags
     * above aside): blocked-call counts in wsp_wake.c's side table, event
     * selections in wsp_events.c's, so that sockets the shim tracks for
     * POSIX programs, which never use the provider's data path, pay nothing. */
};

/* The descriptor -> state index (sockstate.c): pages of slots, mapped on
 * first use and never unmapped. */
#define WSP_INDEX_PAGE_SLOTS 1024u
#define WSP_INDEX_TOP_PAGES 1024u            /* descriptors 0 .. 1048575 */
typedef _Atomic(struct wsp_sock *) wsp_slot_t;
extern _Atomic(wsp_slot_t *) wsp_index_pages[WSP_INDEX_TOP_PAGES] __attribute__((visibility("hidden")));
/* Lookup only: two loads, no call, no syscall.  NULL if untracked.  Inline:
 * close() of every descriptor asks it (issue 16). */
static inline struct wsp_sock *wsp_sock_peek(int fd)
{
    if ((unsigned)fd >= WSP_INDEX_PAGE_SLOTS * WSP_INDEX_TOP_PAGES)
        return NULL;                        /* negative ones too */
    wsp_slot_t *page =
        atomic_load_explicit(&wsp_index_pages[(unsigned)fd / WSP_INDEX_PAGE_SLOTS], memory_order_acquire);
    return page ? atomic_load_explicit(&page[(unsigned)fd % WSP_INDEX_PAGE_SLOTS], memory_order_acquire) : NULL;
}
/* Lookup, creating state from the kernel's view of fd on first need.
 * Returns NULL with *wsa set (WSAENOTSOCK, WSAENOBUFS) on failure. */
struct wsp_sock *wsp_sock_get(int fd, int *wsa);
/* Lookup for the length of one provider call: like wsp_sock_get, but the
 * object cannot be recycled for another socket until wsp_sock_put.  What the
 * call writes lands in the state of the socket fd named when it was looked up
 * (issue 11, defect 4).  Two atomic read-modify-writes per call. */
struct wsp_sock *wsp_sock_hold(int fd, int *wsa);
/* The same for state that exists already: NULL (and no system call) if fd is
 * not tracked.  Inline for every set/getsockopt the shim serves (issue 16):
 * the common case -- a live object, the first compare-and-swap taking the
 * hold, the slot still naming it -- here; every other case starts over in
 * sockstate.c (hold_in, whose comments give the race rules this keeps). */
struct wsp_sock *wsp_sock_hold_retry(wsp_slot_t *slot, struct wsp_sock *held);
static inline struct wsp_sock *wsp_sock_hold_tracked(int fd)
{
    if ((unsigned)fd >= WSP_INDEX_PAGE_SLOTS * WSP_INDEX_TOP_PAGES)
        return NULL;                        /* negative ones too */
    wsp_slot_t *page =
        atomic_load_explicit(&wsp_index_pages[(unsigned)fd / WSP_INDEX_PAGE_SLOTS], memory_order_acquire);
    if (!page)
        return NULL;
    wsp_slot_t *slot = &page[(unsigned)fd % WSP_INDEX_PAGE_SLOTS];
    struct wsp_sock *s = atomic_load_explicit(slot, memory_order_acquire);
    if (!s)
        return NULL;
    /* a hold only while a descriptor still points at s, and below the
     * holder limit (sockstate.c sock_try_ref) */
    uint32_t refs = atomic_load_explicit(&s->refs, memory_order_acquire);
    if (__builtin_expect((refs & WSP_REFS_FDS) == 0 || refs >= ~WSP_REFS_FDS, 0) ||
        __builtin_expect(!atomic_compare_exchange_strong_explicit(&s->refs, &refs, refs + WSP_REFS_HOLDER,
                                                                  memory_order_acq_rel, memory_order_acquire), 0))
        return wsp_sock_hold_retry(slot, NULL);
    /* the slot still names s: s was live and fd's the whole time between */
    if (__builtin_expect(atomic_load_explicit(slot, memory_order_acquire) == s, 1))
        return s;
    return wsp_sock_hold_retry(slot, s);
}
/* End a hold.  Inline: one atomic subtraction; the object goes back to the
 * pool here only if every descriptor went meanwhile. */
void wsp_sock_put_last(struct wsp_sock *s);
static inline void wsp_sock_put(struct wsp_sock *s)
{
    if (atomic_fetch_sub_explicit(&s->refs, WSP_REFS_HOLDER, memory_order_acq_rel) == WSP_REFS_HOLDER)
        wsp_sock_put_last(s);
}
/* An answer made from the state alone (no socket call of the kernel's since
 * mark = wsp_socket_proofs) must be about the socket the state belongs to:
 * libc may have closed it and reused the number (fclose of an fdopen'ed
 * socket, then fopen).  One fstat, only then.  0: it is; WSAENOTSOCK: fd is
 * no socket now; -1: another socket now -- the stale state was dropped, ask
 * again (issue 11, defect 5). */
int wsp_sock_confirm_slow(int fd, struct wsp_sock *s);
static inline int wsp_sock_confirm(int fd, struct wsp_sock *s, unsigned mark)
{
    return wsp_socket_proofs != mark ? 0 : wsp_sock_confirm_slow(fd, s);
}
/* Is s the state of fd's last descriptor (the close that ends the socket)? */
static inline int wsp_sock_last_fd(struct wsp_sock *s)
{
    return (atomic_load_explicit(&s->refs, memory_order_acquire) & WSP_REFS_FDS) == 1;
}
/* A new socket the provider or shim just created: replaces any stale entry. */
struct wsp_sock *wsp_sock_adopt(int fd, int family, int type, int protocol);
/* fd_new now refers to the same socket as the state s (dup, dup2, F_DUPFD). */
void wsp_sock_alias(int fd_new, struct wsp_sock *s);
/* newfd now refers to what oldfd refers to (dup family), race-safe against
 * a concurrent close of oldfd. */
void wsp_sock_alias_fd(int oldfd, int newfd);
/* fd no longer refers to its socket (close, or fd number reused). */
void wsp_sock_forget(int fd);
/* close_range / closefrom: forget every tracked descriptor in [first, last]. */
void wsp_sock_forget_range(unsigned first, unsigned last);
/* Copy what an accepted socket inherits from its listener (Windows rule). */
void wsp_sock_inherit(struct wsp_sock *dst, const struct wsp_sock *src);
/* Call fn for every tracked descriptor's state (an object reached through
 * several descriptors is seen several times). */
void wsp_sock_foreach(void (*fn)(int fd, struct wsp_sock *s, void *ctx), void *ctx);
/* After fork: every socket tracked so far is open in two processes now. */
void wsp_sock_mark_forked(void);
/* Number of live state objects (tests, bench). */
uint32_t wsp_sock_live_count(void);
size_t wsp_sock_state_size(void);

/* NULL or in the never-mapped first page, e.g. (char *)1: the provider
 * answers WSAEFAULT instead of crashing (reference/winsock-options.md §2.1,
 * W-test).  Other wild pointers are the caller's undefined behaviour, as for
 * any function that reads memory. */
static inline int wsp_bad_pointer(const void *p)
{
    return (uintptr_t)p < 4096;
}

/* One caller value read or written fault-safely (safecopy.c): a pointer
 * the process cannot reach is WSAEFAULT, as on Windows, not a crash.
 * Where seccomp leaves no way to check, the pointer is trusted as libc
 * would (the same choice as the option values, wsp_sockopt.c). */
static inline int wsp_user_in(void *dst, const void *src, size_t n)
{
    if (wsp_bad_pointer(src))
        return WSAEFAULT;
    int r = wsp_copy_in(dst, src, n);
    if (r == ENOSYS) {
        memcpy(dst, src, n);
        r = 0;
    }
    return r ? WSAEFAULT : 0;
}

static inline int wsp_user_out(void *dst, const void *src, size_t n)
{
    if (wsp_bad_pointer(dst))
        return WSAEFAULT;
    int r = wsp_copy_out(dst, src, n);
    if (r == ENOSYS) {
        memcpy(dst, src, n);
        r = 0;
    }
    return r ? WSAEFAULT : 0;
}

static inline int wsp_sock_has(struct wsp_sock *s, uint32_t flag)
{
    return (atomic_load_explicit(&s->flags, memory_order_relaxed) & flag) != 0;
}
static inline void wsp_sock_set_flag(struct wsp_sock *s, uint32_t flag, int on)
{
    if (on)
        atomic_fetch_or_explicit(&s->flags, flag, memory_order_relaxed);
    else
        atomic_fetch_and_explicit(&s->flags, ~flag, memory_order_relaxed);
}

/* ---- option table (sockopt_table.c) ------------------------------------ */

/* How an option's optval/optlen are read and written: Windows' per-option
 * length quirks, grouped as in reference/winsock-options.md §2.2. */
enum wsp_len_rule {
    WSP_LEN_BOOL,        /* A: set reads the first min(optlen, 4) bytes (none: FALSE); get(<4) writes 1 byte, *optlen=1 */
    WSP_LEN_BOOL1,       /* B: one-byte BOOLEAN: set reads the low byte; get writes 1 byte */
    WSP_LEN_INT_ZERO,    /* C: int; get(<4) fails WSAEFAULT after zeroing the n bytes */
    WSP_LEN_INT,         /* D: int; short get fails WSAEFAULT, buffer untouched */
    WSP_LEN_INT_NOLEN,   /* E: int; short get fails WSAEFAULT and sets *optlen=0 */
    WSP_LEN_BYTE_VALUE,  /* G: int <= 255; 1..3-byte optlen uses that many low bytes */
    WSP_LEN_STRUCT,      /* fixed-size struct (row.size); short get -> WSAEFAULT, *optlen = size */
    WSP_LEN_BYTES,       /* 0..row.size bytes (IP_OPTIONS); the handler's value is the length read back */
};

/* How the value is represented (what the shim converts to a POSIX shape). */
enum wsp_value_kind {
    WSP_KIND_BOOL,       /* POSIX int */
    WSP_KIND_INT,        /* POSIX int */
    WSP_KIND_MS,         /* Windows DWORD milliseconds <-> POSIX struct timeval */
    WSP_KIND_LINGER,     /* Windows 2 x u_short <-> POSIX 2 x int */
    WSP_KIND_ERRCODE,    /* Windows WSAE code <-> POSIX errno value */
    WSP_KIND_OPAQUE,     /* no POSIX shape */
    /* POSIX shapes the shim reshapes (shim/translate.c) */
    WSP_KIND_MCAST_IF,   /* POSIX in_addr, ip_mreq or ip_mreqn <-> Windows DWORD address or 0.0.0.x index */
    WSP_KIND_MREQ,       /* POSIX ip_mreq or ip_mreqn -> Windows ip_mreq (interface possibly 0.0.0.x) */
    WSP_KIND_MREQ_SOURCE,/* POSIX ip_mreq_source {group, interface, source} -> Windows {group, source, interface} */
    WSP_KIND_GROUP_REQ,  /* group_req / group_source_req (row.size): the address families inside */
    WSP_KIND_PMTUD,      /* Linux IP_PMTUDISC_* <-> Windows PMTUD_STATE */
    WSP_KIND_IFINDEX_NET,/* POSIX interface index in network order <-> Windows host order */
    WSP_KIND_IFINDEX_NET_GET, /* set: network order on both; get: POSIX network order <- Windows host order */
    WSP_KIND_BYTES,      /* a byte string (IP_OPTIONS), the same bytes both ways */
};

enum wsp_opt_flag {
    WSP_OPT_GET          = 1u << 0,
    WSP_OPT_SET          = 1u << 1,
    WSP_OPT_STREAM_ONLY  = 1u << 2,   /* other types: WSAENOPROTOOPT */
    WSP_OPT_SOL_SOCKET   = 1u << 3,   /* negative set optlen is read as "large" */
    WSP_OPT_NO_PREDICT   = 1u << 4,   /* reading it has side effects (SO_ERROR) */
    WSP_OPT_DGRAM_ONLY   = 1u << 5,   /* other types: WSAENOPROTOOPT */
    WSP_OPT_SET_EARLY    = 1u << 6,   /* the set handler refuses without reading optval: it answers before optlen is checked */
    WSP_OPT_GET_EARLY    = 1u << 7,   /* the get handler refuses without a buffer: it answers before optval/optlen are checked */
    /* families (sockopt_family.c): no flag = every family */
    WSP_OPT_INET4        = 1u << 8,   /* an IPv4 option: AF_INET, or AF_INET6 while it can carry IPv4 */
    WSP_OPT_INET6        = 1u << 9,   /* an IPv6 option: AF_INET6 only */
    WSP_OPT_INET4_UNBOUND_SET_IGNORED = 1u << 10, /* set on an unbound AF_INET socket: accepted, ignored */
    WSP_OPT_STREAM_EINVAL = 1u << 11, /* an IP-layer datagram option: a stream socket gets WSAEINVAL */
    WSP_OPT_PREDICT_PROBE = 1u << 12, /* the kernel judges the value (an interface, a group): audit asks a scratch socket */
    WSP_OPT_NO_POSIX     = 1u << 13,  /* no POSIX spelling reaches this row (another row owns the native name) */
    WSP_OPT_MEANING_DIFFERS = 1u << 14, /* both accept it but act differently: audit reports every set (linux_diff) */
};

/* mode of a set/get: act for real, or answer "what would Windows do" */
enum wsp_mode {
    WSP_APPLY,           /* kernel + state */
    WSP_PREDICT,         /* no side effect at all */
    WSP_SHADOW,          /* state only: the kernel was already driven natively */
};

struct wsp_optrow;
struct wsp_optctx {
    const struct wsp_optrow *row;
    struct wsp_sock *s;
    int fd;
    enum wsp_mode mode;
    int ignored;         /* out: Windows accepts the value and ignores it */
    const struct wsp_known *known;   /* NULL, or a kernel answer already read */
};

/* What the kernel answered a getsockopt(level, name) of an int that was just
 * made for the program (the shim's audit mode): a prediction needing the
 * same answer takes it from here instead of asking the kernel again. */
struct wsp_known {
    int level, name;
    int32_t value;
};

/* set: value already decoded per the row's length rule; returns 0 or WSAE code */
typedef int (*wsp_set_fn)(struct wsp_optctx *c, int32_t value, const char *optval, int optlen);
/* get: fills *value (or buf for structs); returns 0 or WSAE code */
typedef int (*wsp_get_fn)(struct wsp_optctx *c, int32_t *value, char *buf, int buflen);

struct wsp_optrow {
    int wlevel, wname;               /* Windows level / option */
    int nlevel, nname;               /* Linux counterpart, nname < 0: none */
    const char *wname_str, *nname_str;
    uint8_t len_rule;                /* enum wsp_len_rule */
    uint8_t kind;                    /* enum wsp_value_kind */
    uint16_t flags;                  /* enum wsp_opt_flag */
    int size;                        /* value size on Windows */
    wsp_set_fn set;                  /* NULL: generic native set (nlevel/nname) */
    wsp_get_fn get;                  /* NULL: generic native get */
    int set_denied;                  /* WSAE code when WSP_OPT_SET is absent */
    const char *source;              /* where the Windows rule comes from */
    const char *wdefault;            /* what a fresh socket reads on Windows (docs/options.md) */
    const char *linux_diff;          /* how Linux differs, in one line (docs/options.md) */
    uint8_t lane;                    /* enum wsp_lane, from the fields above (sockopt_table.c) */
    uint8_t lane_type;               /* the lane's socket type: 0 any, SOCK_STREAM, SOCK_DGRAM */
};

/* Rows whose rules, for a call with a full-size value on a socket of the
 * right type, all pass before the kernel is asked: an int or BOOL of every
 * family (no INET4/INET6/STREAM_EINVAL flag), no EARLY handler, no
 * structure.  wsp_sockopt.c answers such a call without walking the general
 * order (issue 16); tests/entry_parity.sh proves both answer alike. */
enum wsp_lane {
    WSP_LANE_SET = 1u << 0,
    WSP_LANE_GET = 1u << 1,
};

/* 0: level unknown (WSAEINVAL); 1: known */
int wsp_level_known(int wlevel);
const struct wsp_optrow *wsp_opt_find(int wlevel, int wname);
/* Row for a POSIX (level, name): the first row naming it that a POSIX
 * spelling reaches (not WSP_OPT_NO_POSIX), NULL if none or nname < 0.  It
 * sits on every set/getsockopt the shim sees (issue 16): inline, one array
 * per native level indexed by the name, filled once at load time
 * (sockopt_table.c's constructor, which also checks every row fits).  A
 * name with no entry -- unknown, out of range, negative, or asked before
 * the constructor ran -- takes the call below. */
#define WSP_NATIVE_NAMES_SOL 80           /* sizes: the largest nname a row uses, plus room for new rows */
#define WSP_NATIVE_NAMES_IP 64
#define WSP_NATIVE_NAMES_IPV6 96
#define WSP_NATIVE_NAMES_TCP 48
#define WSP_NATIVE_NAMES_UDP 128
typedef _Atomic(const struct wsp_optrow *) wsp_optrow_ref;
extern wsp_optrow_ref wsp_opt_native_sol[WSP_NATIVE_NAMES_SOL] WSP_HIDDEN,
    wsp_opt_native_ip[WSP_NATIVE_NAMES_IP] WSP_HIDDEN, wsp_opt_native_ipv6[WSP_NATIVE_NAMES_IPV6] WSP_HIDDEN,
    wsp_opt_native_tcp[WSP_NATIVE_NAMES_TCP] WSP_HIDDEN, wsp_opt_native_udp[WSP_NATIVE_NAMES_UDP] WSP_HIDDEN;
const struct wsp_optrow *wsp_opt_find_native_slow(int nlevel, int nname);
/* 1 once the arrays hold every row (tests: a row outside them would leave
 * every lookup on the slow scan) */
int wsp_opt_native_index_ready(void);
static inline const struct wsp_optrow *wsp_opt_find_native(int nlevel, int nname)
{
    wsp_optrow_ref *names;
    unsigned size;
    switch (nlevel) {
    case SOL_SOCKET: names = wsp_opt_native_sol; size = WSP_NATIVE_NAMES_SOL; break;
    case IPPROTO_IP: names = wsp_opt_native_ip; size = WSP_NATIVE_NAMES_IP; break;
    case IPPROTO_IPV6: names = wsp_opt_native_ipv6; size = WSP_NATIVE_NAMES_IPV6; break;
    case IPPROTO_TCP: names = wsp_opt_native_tcp; size = WSP_NATIVE_NAMES_TCP; break;
    case IPPROTO_UDP: names = wsp_opt_native_udp; size = WSP_NATIVE_NAMES_UDP; break;
    default: return wsp_opt_find_native_slow(nlevel, nname);
    }
    /* relaxed: an entry is written once, with its final row, and rows are
     * constant data */
    const struct wsp_optrow *row =
        (unsigned)nname < size ? atomic_load_explicit(&names[(unsigned)nname], memory_order_relaxed) : NULL;
    return __builtin_expect(row != NULL, 1) ? row : wsp_opt_find_native_slow(nlevel, nname);
}
size_t wsp_opt_count(void);
const struct wsp_optrow *wsp_opt_at(size_t i);
const char *wsp_level_name(int wlevel);
const char *wsp_native_level_name(int nlevel);

/* Does the row's option apply to this socket's family?  0: yes; a WSAE
 * code: no; WSP_FAMILY_IGNORED: a set is accepted and ignored.  May ask the
 * kernel (read only) about AF_INET6 sockets and IPv4 options. */
#define WSP_FAMILY_IGNORED (-1)
int wsp_opt_family_check_rows(const struct wsp_optrow *row, const struct wsp_sock *s, int fd, int setting);
static inline int wsp_opt_family_check(const struct wsp_optrow *row, const struct wsp_sock *s, int fd, int setting)
{
    /* most rows apply to every family: no call for them */
    if (!(row->flags & (WSP_OPT_INET6 | WSP_OPT_INET4 | WSP_OPT_STREAM_EINVAL)))
        return 0;
    return wsp_opt_family_check_rows(row, s, fd, setting);
}

/* generic handlers and the special ones (sockopt_*.c) */
int wsp_native_set_int(struct wsp_optctx *c, int32_t v);
/* set an option on the kernel in WSP_APPLY mode; in WSP_PREDICT mode ask a
 * scratch socket if the row says so (WSP_OPT_PREDICT_PROBE), else assume
 * success; 0 or a WSAE code */
int wsp_kernel_set(struct wsp_optctx *c, int level, int name, const void *val, socklen_t len);
int wsp_kernel_get_int(struct wsp_optctx *c, int level, int name, int32_t *v);
int wsp_native_get_int(struct wsp_optctx *c, int32_t *v);

/* ---- set/get entry points (wsp_sockopt.c) ------------------------------ */
struct wsp_verdict {
    int ret;             /* 0 or SOCKET_ERROR */
    int wsa;             /* WSAE code when ret == SOCKET_ERROR */
    int ignored;         /* success, but Windows ignores the value */
};
int wsp_setsockopt_mode(SOCKET s, int level, int name, const char *optval, int optlen,
                        enum wsp_mode mode, struct wsp_verdict *v);
int wsp_getsockopt_mode(SOCKET s, int level, int name, char *optval, int *optlen,
                        enum wsp_mode mode, struct wsp_verdict *v);
/* The shim's entry points (not exported, not in the procedure table), below
 * the point where the option's row and the socket's state are known: the
 * caller found row (wsp_opt_find_native) and holds s (wsp_sock_hold on fd)
 * for the call, and the code from there on is the procedure table's.  The
 * row stands for level and name, so the order starts at the optval (set) or
 * optlen (get) pointer check.  Returns 0, a WSAE code, or WSP_STALE: s was
 * not fd's state any more and was dropped; put it, hold again, ask again.
 * proven: the kernel has accepted a socket call on fd while s was held (the
 * program's own call, in audit mode), which proves what wsp_sock_confirm
 * would otherwise ask fstat.  known: see struct wsp_known (NULL: none). */
#define WSP_STALE (-1)
int wsp_setsockopt_row(int fd, struct wsp_sock *s, const struct wsp_optrow *row, const char *optval, int optlen,
                       enum wsp_mode mode, int proven, struct wsp_verdict *v);
int wsp_getsockopt_row(int fd, struct wsp_sock *s, const struct wsp_optrow *row, char *optval, int *optlen,
                       enum wsp_mode mode, int proven, const struct wsp_known *known, struct wsp_verdict *v);

/* ---- closing (wsp_close.c) --------------------------------------------- */
enum wsp_close_plan {
    WSP_CLOSE_GRACEFUL,      /* linger off, or nothing left to send */
    WSP_CLOSE_ABORTIVE,      /* linger on, timeout 0: RST */
    WSP_CLOSE_LINGER,        /* blocking, linger on, data queued: wait, then RST */
    WSP_CLOSE_WOULDBLOCK,    /* nonblocking, linger on, data queued: WSAEWOULDBLOCK */
    WSP_CLOSE_NATIVE,        /* open in another process too: only its last close counts */
};
/* Is the socket fd names open in another process (a live descendant)?
 * 1 yes (or cannot be read), 0 no, -1 cannot tell (no /proc children
 * files).  Async-signal-safe (sharing.c). */
int wsp_socket_shared(int fd);
/* What Windows does when this, the socket's last handle, is closed now. */
enum wsp_close_plan wsp_close_plan(int fd, const struct wsp_sock *s);
/* Carry the plan out up to the close itself (waiting, telling the kernel the
 * outcome).  0, or the WSAE code to fail with (the socket stays open). */
int wsp_close_prepare(int fd, const struct wsp_sock *s, enum wsp_close_plan plan);

/* ---- binding (wsp_bind.c) ---------------------------------------------- */
/* Windows' address-sharing verdict for binding s (fd) to addr: 0,
 * WSAEADDRINUSE or WSAEACCES.  No side effect. */
int wsp_bind_verdict(int fd, struct wsp_sock *s, const struct sockaddr *addr, socklen_t len);
/* Bind the Windows way: verdict, then let Linux share the port as far as
 * Windows allows, bind, remember the footprint.  0 or a WSAE code. */
int wsp_bind_apply(int fd, struct wsp_sock *s, const struct sockaddr *addr, socklen_t len);
/* Remember where fd is bound (after a bind the provider did not make). */
void wsp_bind_record(int fd, struct wsp_sock *s);

/* ---- sockets (wsp_socket.c) -------------------------------------------- */
/* The descriptor and state behind a SOCKET: 0, or WSANOTINITIALISED / WSAENOTSOCK. */
int wsp_socket_of(SOCKET s, int *fd, struct wsp_sock **state);
/* Windows <-> Linux socket addresses: 0 or WSAEFAULT / WSAEAFNOSUPPORT. */
int wsp_addr_to_native(const struct WS_sockaddr *a, int len, struct sockaddr_storage *out, socklen_t *outlen);
int wsp_addr_from_native(const struct sockaddr_storage *in, socklen_t inlen, struct WS_sockaddr *out, LPINT outlen);
/* Apply Windows' defaults to a socket created outside WSPSocket (the shim). */
int wsp_socket_apply_defaults(int fd, struct wsp_sock *s);
void wsp_sock_mark_connected(struct wsp_sock *s);
int wsp_af_to_native(int waf);
int wsp_af_from_native(int af);

/* ---- data path ---------------------------------------------------------
 * Context-dependent errno -> WSAE (errmap.c): the same errno means another
 * Windows code depending on what the call was doing. */
enum wsp_err_ctx {
    WSP_CTX_TIMED        = 1u << 0,   /* a blocking call whose timeout ran out */
    WSP_CTX_SHUT_SEND    = 1u << 1,   /* a send after shutdown(SD_SEND) */
    WSP_CTX_DGRAM        = 1u << 2,   /* a datagram socket */
    WSP_CTX_RECV         = 1u << 3,   /* a receive */
    WSP_CTX_UNCONNECTED  = 1u << 4,   /* a stream socket that never connected */
};
int wsp_wsa_from_errno_ctx(int err, unsigned ctx);

/* Calls that may block (wsp_wake.c).  Every provider call that can wait on a
 * socket brackets the wait with enter/leave; WSPCloseSocket wakes the waiters
 * and keeps the descriptor number until they have left.  enter returns 0,
 * WSAEINTR when the socket is being closed, or WSAENOBUFS (no memory for
 * the side table); leave only after a successful enter. */
int wsp_call_enter(struct wsp_sock *s);
void wsp_call_leave(struct wsp_sock *s);
static inline int wsp_call_closing(struct wsp_sock *s)
{
    return wsp_sock_has(s, WSP_SF_CLOSING);
}
/* WSPCloseSocket, before the last close: wake every blocked call, wait for it. */
void wsp_wake_blocked(int fd, struct wsp_sock *s);
/* 1 if fd is in nonblocking mode */
int wsp_fd_nonblocking(int fd);

/* Event model (wsp_events.c) */
void wsp_upcalls_set(const WSPUPCALLTABLE *upcalls);
/* WSAPoll's rules (wsp_poll.c): 0 and *result, or a WSAE* code */
int wsp_poll(const WSPSHIM_POLL_ARGS *args, INT *result);
void wsp_events_reenable(struct wsp_sock *s, long events);   /* FD_* re-enabled by a call */
void wsp_events_connect_started(struct wsp_sock *s);
void wsp_events_inherit(int nfd, struct wsp_sock *dst, const struct wsp_sock *listener);
void wsp_events_forget(struct wsp_sock *s);
static inline int wsp_events_on(struct wsp_sock *s)
{
    return wsp_sock_has(s, WSP_SF_EVENTSELECT);
}

/* Datagram sockets made by WSPSocket report ICMP errors (wsp_send_recv.c). */
int wsp_datapath_socket_defaults(int fd, struct wsp_sock *s);
/* Turn ICMP error reporting on or off (SIO_UDP_CONNRESET) */
int wsp_udp_connreset(int fd, struct wsp_sock *s, int on);

/* ---- SO_PROTOCOL_INFOW (protoinfo.c) ----------------------------------- */
int wsp_protocol_info(const struct wsp_sock *s, WSAPROTOCOL_INFOW *out);

/* ---- SO_DEBUG trace (trace.c) ------------------------------------------ */
void wsp_trace(struct wsp_sock *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* WSP_DEBUG_FILE read (secure_getenv) and made absolute: once, by WSPStartup. */
void wsp_trace_configure(void);
/* "who[pid]: message\n" into line (truncated to fit); returns its length.
 * One line, one write(2): shared with the shim's WSP_LOG notes. */
size_t wsp_format_line(char *line, size_t cap, const char *who, const char *fmt, va_list ap);

/* ---- files written for the user: WSP_REPORT, WSP_DEBUG_FILE (wsp_outfile.c) */
/* VALUE made absolute against the current directory into OUT; -1 if it is
 * empty, too long or the directory is unknown. */
int wsp_outfile_path(const char *value, char *out, size_t cap);
/* Whether N more bytes fit in FD (a regular file) under RLIMIT_FSIZE: a
 * write that starts at the limit raises SIGXFSZ, which kills the program. */
int wsp_outfile_fits(int fd, size_t n);
/* Open absolute PATH to append one line: no symbolic link, a regular file,
 * owned by the effective user when in a sticky world-writable directory,
 * created 0600.  Returns the descriptor (O_CLOEXEC) or -1 with errno set;
 * errno is untouched on success. */
int wsp_outfile_open(const char *path);

/* ---- provider start-up state (startup.c) ------------------------------- */
extern _Atomic int wsp_startup_count;
static inline int wsp_started(void)
{
    return atomic_load_explicit(&wsp_startup_count, memory_order_relaxed) > 0;
}
int WSPAPI wsp_WSPSetSockOpt(SOCKET s, int level, int optname, const char *optval, int optlen, LPINT lpErrno);
int WSPAPI wsp_WSPGetSockOpt(SOCKET s, int level, int optname, char *optval, LPINT optlen, LPINT lpErrno);

#endif

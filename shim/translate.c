/*
 * POSIX value shapes <-> Winsock value shapes, per the option table's value
 * kind.  Shape only: whether a value is acceptable is libwsp's decision.
 * A POSIX value that has no Winsock form (a short struct timeval, a linger
 * time above 65535 s) is refused with Linux's own errno instead; one Linux
 * accepts but Windows cannot express (an interface index beyond 24 bits, a
 * Linux-only path MTU mode) with EINVAL and a reason for the audit report.
 */
#include "translate.h"

#include <errno.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

/* The size of the whole POSIX value of a shape the shim reshapes; for the
 * others what libwsp's decoder reads (4, or the row's struct or byte-string
 * size). */
static size_t posix_size(const struct wsp_optrow *row)
{
    switch (row->kind) {
    case WSP_KIND_MS:
        return sizeof(struct timeval);
    case WSP_KIND_LINGER:
        return sizeof(struct linger);
    case WSP_KIND_MCAST_IF:
    case WSP_KIND_MREQ:
        return sizeof(struct ip_mreqn);        /* the longest shape Linux takes */
    case WSP_KIND_MREQ_SOURCE:
        return sizeof(struct ip_mreq_source);
    default:
        return row->len_rule == WSP_LEN_STRUCT || row->len_rule == WSP_LEN_BYTES ? (size_t)row->size : 4;
    }
}

/* How many bytes of the caller's value the option reads (a "negative"
 * length counts as large). */
static size_t value_bytes(const struct wsp_optrow *row, socklen_t len)
{
    size_t need = posix_size(row);
    if (need > SHIM_VALUE_MAX)
        need = SHIM_VALUE_MAX;
    return (int)len < 0 || len > need ? need : len;
}

/* ---- IPv4 interfaces and multicast requests --------------------------------
 * Windows names an IPv4 interface by address, or by index written as an
 * address in the 0.x.x.x block other than 0.0.0.0, in network byte order
 * (doc "IPPROTO_IP socket options", IP_MULTICAST_IF and IP_UNICAST_IF: "an
 * interface index is a 24-bit number"; ref §3.2).  Linux names it by address
 * (in_addr, ip_mreq) or by index in struct ip_mreqn, and an address in
 * 0.x.x.x is an address there. */
static int index_form(uint32_t net)
{
    uint32_t host = ntohl(net);
    return host != 0 && host < 0x01000000u;
}

static int no_form(struct shim_winval *w, const char *why)
{
    w->why = why;
    return EINVAL;
}

/* The Windows DWORD for a POSIX interface (an address, or a nonzero index,
 * which wins as on Linux); 0 or EINVAL */
static int windows_interface(struct shim_winval *w, uint32_t addr, int32_t ifindex, uint32_t *out)
{
    if (ifindex) {
        if ((uint32_t)ifindex >= 0x01000000u)
            return no_form(w, "interface index beyond 24 bits: Windows' 0.x.x.x index form cannot carry it");
        *out = htonl((uint32_t)ifindex);
        return 0;
    }
    if (index_form(addr))
        return no_form(w, "interface address in 0.x.x.x: Windows reads it as an interface index");
    *out = addr;
    return 0;
}

/* IP_MULTICAST_IF: Linux reads an ip_mreqn, an ip_mreq (its second address)
 * or an in_addr, by optlen (ip(7)); Windows a DWORD */
static int shape_mcast_if(struct shim_winval *w)
{
    if (w->len < 4)
        return 0;                              /* libwsp answers a short value */
    uint32_t addr;
    int32_t ifindex = 0;
    if (w->len >= (int)sizeof(struct ip_mreqn)) {
        struct ip_mreqn m;
        memcpy(&m, w->posix, sizeof m);
        addr = m.imr_address.s_addr;
        ifindex = m.imr_ifindex;
    } else if (w->len >= (int)sizeof(struct ip_mreq)) {
        struct ip_mreq m;
        memcpy(&m, w->posix, sizeof m);
        addr = m.imr_interface.s_addr;
    } else {
        memcpy(&addr, w->posix, 4);
    }
    uint32_t dw;
    int e = windows_interface(w, addr, ifindex, &dw);
    if (e)
        return e;
    memcpy(w->buf, &dw, 4);
    w->len = 4;
    w->ptr = w->buf;
    return 0;
}

/* IP_ADD/DROP_MEMBERSHIP: Linux takes an ip_mreqn (12 bytes or more) or an
 * ip_mreq (8..11); Windows an ip_mreq (doc "IPPROTO_IP socket options") */
static int shape_mreq(struct shim_winval *w)
{
    if (w->len < (int)sizeof(struct ip_mreq))
        return 0;                              /* libwsp: a short struct is WSAEFAULT */
    struct ip_mreqn m;
    memset(&m, 0, sizeof m);
    memcpy(&m, w->posix, w->len >= (int)sizeof m ? sizeof m : sizeof(struct ip_mreq));
    struct WS_ip_mreq wm;
    uint32_t iface;
    int e = windows_interface(w, m.imr_address.s_addr, m.imr_ifindex, &iface);
    if (e)
        return e;
    wm.imr_multiaddr.s_addr = m.imr_multiaddr.s_addr;
    wm.imr_interface.s_addr = iface;
    memcpy(w->buf, &wm, sizeof wm);
    w->len = (int)sizeof wm;
    w->ptr = w->buf;
    return 0;
}

/* the source-specific requests: Linux ip_mreq_source {group, interface,
 * source}, Windows {group, source, interface} (ref §1.9; doc ip_mreq_source) */
static int shape_mreq_source(struct shim_winval *w)
{
    if (w->len < (int)sizeof(struct ip_mreq_source))
        return 0;
    struct ip_mreq_source m;
    memcpy(&m, w->posix, sizeof m);
    if (index_form(m.imr_interface.s_addr))
        return no_form(w, "interface address in 0.x.x.x: Windows reads it as an interface index");
    struct WS_ip_mreq_source wm;
    wm.imr_multiaddr.s_addr = m.imr_multiaddr.s_addr;
    wm.imr_sourceaddr.s_addr = m.imr_sourceaddr.s_addr;
    wm.imr_interface.s_addr = m.imr_interface.s_addr;
    memcpy(w->buf, &wm, sizeof wm);
    w->len = (int)sizeof wm;
    w->ptr = w->buf;
    return 0;
}

/* group_req / group_source_req: on 64-bit Linux and Windows the same
 * layout (a 32-bit index, padding to 8, sockaddr_storages; sockopt_ip.c
 * asserts it), but the address family numbers inside differ (AF_INET6: 10
 * vs 23, ref §1.9) */
_Static_assert(sizeof(struct group_req) == sizeof(struct WS_group_req), "group_req layouts differ");
_Static_assert(offsetof(struct group_source_req, gsr_source) == offsetof(struct WS_group_source_req, gsr_source),
               "gsr_source offset");

static int windows_family(struct shim_winval *w, size_t at)
{
    sa_family_t af;
    memcpy(&af, w->buf + at, sizeof af);
    if (af != AF_INET && af != AF_INET6)
        return no_form(w, "a group request for a family other than AF_INET/AF_INET6");
    uint16_t waf = (uint16_t)wsp_af_from_native(af);
    memcpy(w->buf + at, &waf, sizeof waf);
    return 0;
}

static int shape_group_req(const struct wsp_optrow *row, struct shim_winval *w)
{
    if (w->len < row->size)
        return 0;                              /* libwsp: a short struct is WSAEFAULT */
    memcpy(w->buf, w->posix, (size_t)row->size);
    memset(w->buf + 4, 0, offsetof(struct group_req, gr_group) - 4);    /* padding */
    int e = windows_family(w, offsetof(struct group_req, gr_group));
    if (!e && row->size == (int)sizeof(struct group_source_req))
        e = windows_family(w, offsetof(struct group_source_req, gsr_source));
    if (e)
        return e;
    w->len = row->size;
    w->ptr = w->buf;
    return 0;
}

/* ---- IP_MTU_DISCOVER / IPV6_MTU_DISCOVER ----------------------------------
 * Linux IP_PMTUDISC_DONT 0, WANT 1, DO 2, PROBE 3, INTERFACE 4, OMIT 5;
 * Windows PMTUD_STATE NOT_SET 0, DO 1, DONT 2, PROBE 3 (doc "IPPROTO_IP
 * socket options", IP_MTU_DISCOVER; ref §1.9).  Linux's default WANT is
 * Windows' NOT_SET (both: discover on stream sockets).  Values outside both
 * ranges pass unchanged: both refuse them. */
static const int32_t pmtud_to_windows[] = { WS_IP_PMTUDISC_DONT, WS_IP_PMTUDISC_NOT_SET, WS_IP_PMTUDISC_DO,
                                            WS_IP_PMTUDISC_PROBE };
static const int32_t pmtud_to_posix[] = { IP_PMTUDISC_WANT, IP_PMTUDISC_DO, IP_PMTUDISC_DONT, IP_PMTUDISC_PROBE };

static int shape_pmtud(struct shim_winval *w)
{
    if (w->len < 4)
        return 0;                              /* libwsp: a short int is WSAEFAULT */
    int32_t v;
    memcpy(&v, w->posix, 4);
    if (v == IP_PMTUDISC_INTERFACE || v == IP_PMTUDISC_OMIT)
        return no_form(w, "Linux-only path MTU mode (INTERFACE/OMIT): Windows' PMTUD_STATE has no such state");
    if (v >= 0 && v < 4)
        v = pmtud_to_windows[v];
    memcpy(w->buf, &v, 4);
    w->len = 4;
    w->ptr = w->buf;
    return 0;
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
    w->why = NULL;                             /* off the int fast path: only a shape error reads it */
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
    case WSP_KIND_MCAST_IF:
        return shape_mcast_if(w);
    case WSP_KIND_MREQ:
        return shape_mreq(w);
    case WSP_KIND_MREQ_SOURCE:
        return shape_mreq_source(w);
    case WSP_KIND_GROUP_REQ:
        return shape_group_req(row, w);
    case WSP_KIND_PMTUD:
        return shape_pmtud(w);
    case WSP_KIND_IFINDEX_NET: {
        /* IPV6_UNICAST_IF: Linux's index in network byte order (ipv6(7)),
         * Windows' in host byte order (doc "IPPROTO_IPV6 socket options") */
        if (w->len < 4)
            return 0;
        uint32_t net;
        memcpy(&net, w->posix, 4);
        uint32_t host = ntohl(net);
        memcpy(w->buf, &host, 4);
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
    if (row->kind == WSP_KIND_BYTES)           /* IP_OPTIONS: Windows fails a buffer shorter than the options */
        return have > (socklen_t)row->size ? row->size : (int)have;
    return have > 4 ? 4 : (int)have;           /* short buffers meet Windows' rules */
}

int shim_to_posix(const struct wsp_optrow *row, const char *win, int winlen, void *val, socklen_t *len,
                  socklen_t have, enum shim_trust trust)
{
    unsigned char out[SHIM_GET_MAX];
    size_t size = 4;
    int32_t v = 0;
    if (winlen == 1)
        v = (unsigned char)win[0];
    else
        memcpy(&v, win, 4);
    switch (row->kind) {
    case WSP_KIND_BYTES:
        size = winlen < 0 ? 0 : winlen > SHIM_GET_MAX ? SHIM_GET_MAX : (size_t)winlen;
        memcpy(out, win, size);
        break;
    case WSP_KIND_PMTUD:
        if (v >= 0 && v < 4)
            v = pmtud_to_posix[v];
        memcpy(out, &v, 4);
        break;
    case WSP_KIND_IFINDEX_NET:
    case WSP_KIND_IFINDEX_NET_GET:             /* Windows reads IP_UNICAST_IF back in host order */
        v = (int32_t)htonl((uint32_t)v);
        memcpy(out, &v, 4);
        break;
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
    if (size == 0 && have > 0) {
        /* nothing to write (no IP options): Windows still refuses a buffer
         * outside the address space; its first byte, read and put back */
        unsigned char first;
        if (shim_copy_in(&first, val, 1, trust) || shim_copy_out(val, &first, 1, trust))
            return EFAULT;
    }
    socklen_t n = (socklen_t)size;
    if (shim_copy_out(val, out, size, trust) || shim_copy_out(len, &n, sizeof n, trust))
        return EFAULT;
    return 0;
}

static void render_addr(const void *at, char *out, size_t cap)
{
    unsigned char b[4];
    memcpy(b, at, 4);
    snprintf(out, cap, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
}

/* The shapes with addresses in them, and IP_OPTIONS' bytes; 0 if the value
 * is too short for the shape (then it renders as an int or bytes). */
static int render_shape(const struct wsp_optrow *row, const void *val, socklen_t len, char *out, size_t cap)
{
    char a[16], b[16], c[16];
    const unsigned char *p = val;
    switch (row->kind) {
    case WSP_KIND_MREQ:
    case WSP_KIND_MCAST_IF:
        if (row->kind == WSP_KIND_MCAST_IF && len >= 4 && len < sizeof(struct ip_mreq)) {
            render_addr(p, out, cap);          /* an in_addr */
            return 1;
        }
        if (len < sizeof(struct ip_mreq))
            return 0;
        render_addr(p, a, sizeof a);
        render_addr(p + 4, b, sizeof b);
        if (len >= sizeof(struct ip_mreqn)) {
            int ifindex;
            memcpy(&ifindex, p + 8, sizeof ifindex);
            snprintf(out, cap, "{%s,%s,if#%d}", a, b, ifindex);
        } else {
            snprintf(out, cap, "{%s,%s}", a, b);
        }
        return 1;
    case WSP_KIND_MREQ_SOURCE:
        if (len < sizeof(struct ip_mreq_source))
            return 0;
        render_addr(p, a, sizeof a);
        render_addr(p + 4, b, sizeof b);
        render_addr(p + 8, c, sizeof c);
        snprintf(out, cap, "{%s,if %s,src %s}", a, b, c);
        return 1;
    case WSP_KIND_GROUP_REQ: {
        if (len < (socklen_t)row->size)
            return 0;
        uint32_t ifindex;
        sa_family_t af;
        memcpy(&ifindex, p, sizeof ifindex);
        memcpy(&af, p + offsetof(struct group_req, gr_group), sizeof af);
        if (af == AF_INET)
            render_addr(p + offsetof(struct group_req, gr_group) + offsetof(struct sockaddr_in, sin_addr), a,
                        sizeof a);
        else
            snprintf(a, sizeof a, "family %u", (unsigned)af);
        snprintf(out, cap, "{if#%u,%s}", (unsigned)ifindex, a);
        return 1;
    }
    case WSP_KIND_BYTES: {
        int n = snprintf(out, cap, "%u bytes", (unsigned)len);
        for (socklen_t i = 0; i < len && n > 0 && (size_t)n + 3 < cap; i++)
            n += snprintf(out + n, cap - (size_t)n, "%s%02x", i ? "" : " ", p[i]);
        return 1;
    }
    default:
        return 0;
    }
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
    } else if (row && render_shape(row, val, len, out, cap)) {
        /* a multicast request or a byte string */
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

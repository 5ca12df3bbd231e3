/*
 * The option table: one row per (Windows level, option).  Both
 * WSPSetSockOpt and WSPGetSockOpt are driven by it, the shim maps POSIX
 * options through it, and the README's coverage list and the tests walk it.
 *
 * Sources cited in the last column:
 *   spec    = LPWSPSetSockOpt (ws2spi.h), the founding spec in shared/seed
 *   getspec = LPWSPGetSockOpt (ws2spi.h)
 *   ref §N  = shared/reference/winsock-options.md, section N (observed Windows)
 *   doc     = a Microsoft documentation page, by title
 *   observed = a call traced on real Windows in a public bug report (the
 *             reports are listed in tests/conformance/known-differences.md)
 *   Wine    = where no Windows evidence exists, the answer of Wine, the
 *             independent implementation tests/conformance compares against
 */
#include "sockopt_handlers.h"

#include <netinet/in.h>
#include <netinet/tcp.h>

#define SOL  WS_SOL_SOCKET
#define GS   (WSP_OPT_GET | WSP_OPT_SET)
#define G    WSP_OPT_GET
#define SO_  WSP_OPT_SOL_SOCKET
#define STR  WSP_OPT_STREAM_ONLY
#define DGR  WSP_OPT_DGRAM_ONLY
#define EARLY_SET WSP_OPT_SET_EARLY
#define EARLY     (WSP_OPT_SET_EARLY | WSP_OPT_GET_EARLY)
#define V4   WSP_OPT_INET4
#define V6   WSP_OPT_INET6
#define NONE (-1)

#define ROW(wl, wn, nl, nn, rule, kind, flags, size, set, get, denied, src) \
    { wl, wn, nl, nn, #wn + 3 /* drop "WS_" */, #nn, rule, kind, flags, size, set, get, denied, src }

static const struct wsp_optrow rows[] = {
    /* ---- SOL_SOCKET ---------------------------------------------------- */
    ROW(SOL, WS_SO_DEBUG, SOL_SOCKET, SO_DEBUG, WSP_LEN_BOOL, WSP_KIND_BOOL, GS | SO_, 4,
        wsp_set_debug, wsp_get_debug, 0,
        "spec: SO_DEBUG (providers encouraged to trace); ref §6: accepted unprivileged; doc getsockopt: TRUE if debugging is enabled"),
    ROW(SOL, WS_SO_ACCEPTCONN, SOL_SOCKET, SO_ACCEPTCONN, WSP_LEN_INT, WSP_KIND_BOOL, G | SO_ | STR, 4,
        NULL, NULL, WSAENOPROTOOPT,
        "ref §2.3: read-only, set fails WSAENOPROTOOPT (W-test); doc SOL_SOCKET Socket Options: connection-oriented only"),
    ROW(SOL, WS_SO_REUSEADDR, SOL_SOCKET, SO_REUSEADDR, WSP_LEN_BOOL, WSP_KIND_BOOL, GS | SO_, 4,
        wsp_set_reuseaddr, wsp_get_reuseaddr, 0,
        "spec: SO_REUSEADDR; ref §5.1: TRUE while SO_EXCLUSIVEADDRUSE is TRUE fails WSAEINVAL"),
    ROW(SOL, WS_SO_EXCLUSIVEADDRUSE, SOL_SOCKET, NONE, WSP_LEN_BOOL, WSP_KIND_BOOL, GS | SO_, 4,
        wsp_set_exclusive, wsp_get_exclusive, 0,
        "ref §2.3, §5.1: TRUE while SO_REUSEADDR is TRUE fails WSAEINVAL"),
    ROW(SOL, WS_SO_KEEPALIVE, SOL_SOCKET, SO_KEEPALIVE, WSP_LEN_BOOL1, WSP_KIND_BOOL, GS | SO_ | STR, 4,
        wsp_set_keepalive, NULL, 0,
        "spec: SO_KEEPALIVE; ref §2.2 group B: one-byte BOOLEAN; doc: connection-oriented only (UDP set: WSAENOPROTOOPT, observed)"),
    ROW(SOL, WS_SO_DONTROUTE, SOL_SOCKET, SO_DONTROUTE, WSP_LEN_BOOL1, WSP_KIND_BOOL, GS | SO_, 4,
        wsp_set_dontroute, wsp_get_dontroute, 0,
        "spec: SO_DONTROUTE ignored on AF_INET, WSAENOPROTOOPT on AF_INET6; ref §2.2 group B"),
    ROW(SOL, WS_SO_BROADCAST, SOL_SOCKET, SO_BROADCAST, WSP_LEN_BOOL, WSP_KIND_BOOL, GS | SO_ | DGR, 4,
        NULL, NULL, 0,
        "spec: SO_BROADCAST; ref §2.2 group A; doc SOL_SOCKET Socket Options: only protocols that support broadcasting"),
    ROW(SOL, WS_SO_LINGER, SOL_SOCKET, SO_LINGER, WSP_LEN_INT_ZERO, WSP_KIND_LINGER, GS | SO_ | STR, 4,
        wsp_set_linger, wsp_get_linger, 0,
        "spec: SO_LINGER (u_short pair); ref §2.3: UDP get fails WSAENOPROTOOPT (W-test; set observed); ref §2.2 group C"),
    ROW(SOL, WS_SO_OOBINLINE, SOL_SOCKET, SO_OOBINLINE, WSP_LEN_BOOL, WSP_KIND_BOOL, GS | SO_ | STR, 4,
        NULL, NULL, 0,
        "spec: SO_OOBINLINE; ref §2.2 group A; doc SOL_SOCKET Socket Options: connection-oriented only"),
    ROW(SOL, WS_SO_DONTLINGER, SOL_SOCKET, NONE, WSP_LEN_BOOL, WSP_KIND_BOOL, GS | SO_ | STR, 4,
        wsp_set_dontlinger, wsp_get_dontlinger, 0,
        "spec: SO_LINGER/SO_DONTLINGER (reinstate the last timeout); ref §2.3: get = !l_onoff; doc: connection-oriented only"),
    ROW(SOL, WS_SO_SNDBUF, SOL_SOCKET, SO_SNDBUF, WSP_LEN_INT_ZERO, WSP_KIND_INT, GS | SO_, 4,
        wsp_set_sndbuf, wsp_get_sndbuf, 0,
        "spec: SO_SNDBUF (get reports what was provided); ref §2.3: 4096 -> 4096, 0 -> 0"),
    ROW(SOL, WS_SO_RCVBUF, SOL_SOCKET, SO_RCVBUF, WSP_LEN_INT_ZERO, WSP_KIND_INT, GS | SO_, 4,
        wsp_set_rcvbuf, wsp_get_rcvbuf, 0,
        "spec: SO_RCVBUF (get reports what was provided); ref §2.3: 4096 -> 4096, 0 -> 0"),
    ROW(SOL, WS_SO_SNDLOWAT, SOL_SOCKET, SO_SNDLOWAT, WSP_LEN_INT, WSP_KIND_INT, GS | SO_ | EARLY, 4,
        wsp_set_invalid, wsp_get_invalid, 0,
        "ref §2.3: not supported by the TCP/IP provider, Vista+ get and set fail WSAEINVAL"),
    ROW(SOL, WS_SO_RCVLOWAT, SOL_SOCKET, SO_RCVLOWAT, WSP_LEN_INT, WSP_KIND_INT, GS | SO_ | EARLY, 4,
        wsp_set_invalid, wsp_get_invalid, 0,
        "ref §2.3: not supported by the TCP/IP provider, Vista+ get and set fail WSAEINVAL"),
    ROW(SOL, WS_SO_SNDTIMEO, SOL_SOCKET, SO_SNDTIMEO, WSP_LEN_INT, WSP_KIND_MS, GS | SO_, 4,
        wsp_set_sndtimeo, wsp_get_sndtimeo, 0,
        "ref §2.3: DWORD milliseconds, 0 = forever, read back exactly; ref §2.2 group D"),
    ROW(SOL, WS_SO_RCVTIMEO, SOL_SOCKET, SO_RCVTIMEO, WSP_LEN_INT, WSP_KIND_MS, GS | SO_, 4,
        wsp_set_rcvtimeo, wsp_get_rcvtimeo, 0,
        "ref §2.3: DWORD milliseconds, 0 = forever, read back exactly; ref §2.2 group D"),
    ROW(SOL, WS_SO_ERROR, SOL_SOCKET, SO_ERROR, WSP_LEN_INT, WSP_KIND_ERRCODE,
        GS | SO_ | WSP_OPT_NO_PREDICT, 4, wsp_set_error, wsp_get_error, 0,
        "ref §2.2, §2.3: WSAE code, get clears it; set is accepted and read back once"),
    ROW(SOL, WS_SO_TYPE, SOL_SOCKET, SO_TYPE, WSP_LEN_INT, WSP_KIND_INT, GS | SO_ | EARLY_SET, 4,
        wsp_set_type, wsp_get_type, 0,
        "ref §2.3: set fails WSAENOPROTOOPT on TCP, WSAEINVAL on UDP (W-test)"),
    ROW(SOL, WS_SO_GROUP_ID, SOL_SOCKET, NONE, WSP_LEN_INT, WSP_KIND_INT, G | SO_, 4,
        NULL, wsp_get_group_id, WSAENOPROTOOPT,
        "ref §2.3: reserved, read-only, value 0"),
    ROW(SOL, WS_SO_GROUP_PRIORITY, SOL_SOCKET, NONE, WSP_LEN_INT, WSP_KIND_INT, GS | SO_, 4,
        wsp_set_group_priority, wsp_get_group_priority, 0,
        "spec: reserved; ref §2.3: int, default 0, stored"),
    ROW(SOL, WS_SO_MAX_MSG_SIZE, SOL_SOCKET, NONE, WSP_LEN_INT, WSP_KIND_INT, G | SO_, 4,
        NULL, wsp_get_max_msg_size, WSAENOPROTOOPT,
        "ref §2.3: UDP/IPv4 65507 (W-test); other sockets: Wine's 65507 (no Windows evidence); set not allowed"),
    ROW(SOL, WS_SO_PROTOCOL_INFOW, SOL_SOCKET, NONE, WSP_LEN_STRUCT, WSP_KIND_OPAQUE, G | SO_,
        (int)sizeof(WSAPROTOCOL_INFOW), NULL, wsp_get_protocol_info, WSAENOPROTOOPT,
        "ref §2.2: short buffer fails WSAEFAULT and reports the size needed"),
    ROW(SOL, WS_SO_CONNECT_TIME, SOL_SOCKET, NONE, WSP_LEN_INT, WSP_KIND_INT, G | SO_, 4,
        NULL, wsp_get_connect_time, WSAENOPROTOOPT,
        "ref §2.3: seconds connected, 0xFFFFFFFF when not connected"),
    ROW(SOL, WS_PVD_CONFIG, SOL_SOCKET, NONE, WSP_LEN_INT, WSP_KIND_OPAQUE, 0, 0,
        NULL, NULL, WSAENOPROTOOPT,
        "ref §2.3: the Microsoft TCP/IP provider does not implement it: WSAENOPROTOOPT"),
    ROW(SOL, WS_SO_USELOOPBACK, SOL_SOCKET, NONE, WSP_LEN_INT, WSP_KIND_BOOL, GS | SO_ | EARLY, 4,
        wsp_set_invalid, wsp_get_invalid, 0,
        "ref §2.3: not supported, Vista+ get and set fail WSAEINVAL"),

    /* ---- IPPROTO_TCP: the options POSIX programs use most ---------------- */
    ROW(WS_IPPROTO_TCP, WS_TCP_NODELAY, IPPROTO_TCP, TCP_NODELAY, WSP_LEN_BOOL1, WSP_KIND_BOOL, GS | STR, 4,
        NULL, NULL, 0,
        "ref §2.2 group B, §3.1: only the low byte is read, get returns 1 byte"),
    ROW(WS_IPPROTO_TCP, WS_TCP_KEEPALIVE, IPPROTO_TCP, TCP_KEEPIDLE, WSP_LEN_INT_NOLEN, WSP_KIND_INT, GS | STR, 4,
        wsp_set_keepidle, wsp_get_keepidle, 0,
        "ref §3.1: seconds; ref §2.2 group E; doc IPPROTO_TCP socket options: no lower limit (0 read back)"),
    ROW(WS_IPPROTO_TCP, WS_TCP_KEEPINTVL, IPPROTO_TCP, TCP_KEEPINTVL, WSP_LEN_INT_NOLEN, WSP_KIND_INT, GS | STR, 4,
        wsp_set_keepintvl, wsp_get_keepintvl, 0,
        "ref §3.1: seconds, default 1 (Linux: 75); ref §2.2 group E; 0 read back (doc: no lower limit)"),
    ROW(WS_IPPROTO_TCP, WS_TCP_KEEPCNT, IPPROTO_TCP, TCP_KEEPCNT, WSP_LEN_INT_NOLEN, WSP_KIND_INT, GS | STR, 4,
        wsp_set_keepcnt, wsp_get_keepcnt, 0,
        "ref §2.2 group E, §3.1: at most 255, else WSAEINVAL; default 10 (Linux: 9)"),

    /* ---- IPPROTO_IP / IPPROTO_IPV6 ---------------------------------------- */
    ROW(WS_IPPROTO_IP, WS_IP_TTL, IPPROTO_IP, IP_TTL, WSP_LEN_BYTE_VALUE, WSP_KIND_INT, GS | V4, 4,
        wsp_set_ttl, NULL, 0,
        "ref §2.2 group G: 1-byte optlen accepted, > 255 fails WSAEINVAL; ref §3.2: 1..255; IPv4 only (sockopt_family.c)"),
    ROW(WS_IPPROTO_IP, WS_IP_TOS, IPPROTO_IP, IP_TOS, WSP_LEN_BYTE_VALUE, WSP_KIND_INT, GS | V4, 4,
        wsp_set_byte_value, NULL, 0,
        "ref §2.2 group G: 1-byte optlen accepted, > 255 fails WSAEINVAL; IPv4 only (sockopt_family.c)"),
    ROW(WS_IPPROTO_IPV6, WS_IPV6_V6ONLY, IPPROTO_IPV6, IPV6_V6ONLY, WSP_LEN_BOOL1, WSP_KIND_BOOL,
        GS | V6 | WSP_OPT_INET4_UNBOUND_SET_IGNORED, 4, wsp_set_v6only, NULL, 0,
        "ref §2.2 group B, §3.3: one-byte BOOLEAN, TRUE by default; AF_INET: WSAEINVAL, set unbound ignored (Wine)"),
    ROW(WS_IPPROTO_IPV6, WS_IPV6_UNICAST_HOPS, IPPROTO_IPV6, IPV6_UNICAST_HOPS, WSP_LEN_BYTE_VALUE, WSP_KIND_INT, GS | V6, 4,
        wsp_set_byte_value, NULL, 0,
        "ref §2.2 group G, §3.3: -1 = default, > 255 fails WSAEINVAL; AF_INET: WSAEINVAL (sockopt_family.c)"),
};
#undef ROW

static const struct { int wlevel, nlevel; const char *wname, *nname; } levels[] = {
    { WS_SOL_SOCKET, SOL_SOCKET, "SOL_SOCKET", "SOL_SOCKET" },
    { WS_IPPROTO_TCP, IPPROTO_TCP, "IPPROTO_TCP", "IPPROTO_TCP" },
    { WS_IPPROTO_IP, IPPROTO_IP, "IPPROTO_IP", "IPPROTO_IP" },
    { WS_IPPROTO_IPV6, IPPROTO_IPV6, "IPPROTO_IPV6", "IPPROTO_IPV6" },
    { WS_IPPROTO_UDP, IPPROTO_UDP, "IPPROTO_UDP", "IPPROTO_UDP" },
};

int wsp_level_known(int wlevel)
{
    return wlevel == WS_SOL_SOCKET || wlevel == WS_IPPROTO_TCP || wlevel == WS_IPPROTO_IP ||
           wlevel == WS_IPPROTO_IPV6 || wlevel == WS_IPPROTO_UDP;
}

const char *wsp_level_name(int wlevel)
{
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
        if (levels[i].wlevel == wlevel)
            return levels[i].wname;
    return NULL;
}

const char *wsp_native_level_name(int nlevel)
{
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
        if (levels[i].nlevel == nlevel)
            return levels[i].nname;
    return NULL;
}

/* Both lookups sit on the setsockopt/getsockopt hot path: an open-addressing
 * index (row number + 1 per slot) built once at load time.  Until it is
 * built -- a constructor that runs before ours may already call
 * setsockopt -- the table is scanned. */
#define NROWS (sizeof rows / sizeof rows[0])
#define INDEX_SLOTS 256u
_Static_assert(NROWS < INDEX_SLOTS / 2 && NROWS < 255, "option index too small");

static uint8_t by_windows[INDEX_SLOTS], by_native[INDEX_SLOTS];
static _Atomic int index_built;

static unsigned slot_of(int level, int name)
{
    return ((unsigned)level * 2654435761u ^ (unsigned)name * 40503u) % INDEX_SLOTS;
}

__attribute__((constructor)) static void build_index(void)
{
    for (size_t i = 0; i < NROWS; i++) {
        unsigned at = slot_of(rows[i].wlevel, rows[i].wname);
        while (by_windows[at])
            at = (at + 1) % INDEX_SLOTS;
        by_windows[at] = (uint8_t)(i + 1);
        if (rows[i].nname < 0)
            continue;
        at = slot_of(rows[i].nlevel, rows[i].nname);
        while (by_native[at])
            at = (at + 1) % INDEX_SLOTS;
        by_native[at] = (uint8_t)(i + 1);
    }
    atomic_store_explicit(&index_built, 1, memory_order_release);
}

const struct wsp_optrow *wsp_opt_find(int wlevel, int wname)
{
    if (atomic_load_explicit(&index_built, memory_order_acquire)) {
        for (unsigned at = slot_of(wlevel, wname); by_windows[at]; at = (at + 1) % INDEX_SLOTS) {
            const struct wsp_optrow *r = &rows[by_windows[at] - 1];
            if (r->wname == wname && r->wlevel == wlevel)
                return r;
        }
        return NULL;
    }
    for (size_t i = 0; i < NROWS; i++)
        if (rows[i].wname == wname && rows[i].wlevel == wlevel)
            return &rows[i];
    return NULL;
}

const struct wsp_optrow *wsp_opt_find_native(int nlevel, int nname)
{
    if (nname < 0)
        return NULL;
    if (atomic_load_explicit(&index_built, memory_order_acquire)) {
        for (unsigned at = slot_of(nlevel, nname); by_native[at]; at = (at + 1) % INDEX_SLOTS) {
            const struct wsp_optrow *r = &rows[by_native[at] - 1];
            if (r->nname == nname && r->nlevel == nlevel)
                return r;
        }
        return NULL;
    }
    for (size_t i = 0; i < NROWS; i++)
        if (rows[i].nname == nname && rows[i].nlevel == nlevel)
            return &rows[i];
    return NULL;
}

size_t wsp_opt_count(void)
{
    return sizeof rows / sizeof rows[0];
}

const struct wsp_optrow *wsp_opt_at(size_t i)
{
    return i < wsp_opt_count() ? &rows[i] : NULL;
}

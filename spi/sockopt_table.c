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
 *
 * Each row also says what a fresh socket reads on Windows and how Linux
 * differs, in one line each: docs/gen_optdocs.c prints the table into
 * docs/options.md and WSPSetSockOpt(3) from these rows.  "not supported"
 * rows (no G, no S) name an option Microsoft documents that libwsp does not
 * implement: both calls fail WSAENOPROTOOPT, and the reason is in the row.
 */
#include "sockopt_handlers.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#ifndef SO_NO_CHECK
#define SO_NO_CHECK 11
#endif
#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif

#define SOL  WS_SOL_SOCKET
#define GS   (WSP_OPT_GET | WSP_OPT_SET)
#define G    WSP_OPT_GET
#define S    WSP_OPT_SET
#define SO_  WSP_OPT_SOL_SOCKET
#define STR  WSP_OPT_STREAM_ONLY
#define DGR  WSP_OPT_DGRAM_ONLY
#define EARLY_SET WSP_OPT_SET_EARLY
#define EARLY     (WSP_OPT_SET_EARLY | WSP_OPT_GET_EARLY)
#define V4   WSP_OPT_INET4
#define V6   WSP_OPT_INET6
#define EIN  WSP_OPT_STREAM_EINVAL
#define PRB  WSP_OPT_PREDICT_PROBE
#define NOPX WSP_OPT_NO_POSIX
#define IP   WS_IPPROTO_IP
#define IP6  WS_IPPROTO_IPV6
#define TCP  WS_IPPROTO_TCP
#define UDP  WS_IPPROTO_UDP
#define NONE (-1)

/* The lane (enum wsp_lane) follows from the row's own fields: an int or
 * BOOL value, every family, no EARLY handler, a type rule that can hold. */
#define LANE_VALUE(rule, kind) ((rule) != WSP_LEN_STRUCT && (rule) != WSP_LEN_BYTES && \
                                ((kind) == WSP_KIND_BOOL || (kind) == WSP_KIND_INT))
#define LANE_FAMILY(flags) (!((flags) & (V4 | V6 | EIN | WSP_OPT_INET4_UNBOUND_SET_IGNORED)))
#define LANE_TYPE(wl, flags) (((flags) & STR) || (wl) == TCP ? SOCK_STREAM : ((flags) & DGR) ? SOCK_DGRAM : 0)
#define LANE_TYPE_OK(wl, flags) (!(((flags) & DGR) && (((flags) & STR) || (wl) == TCP)))
#define LANE(wl, rule, kind, flags) \
    (LANE_VALUE(rule, kind) && LANE_FAMILY(flags) && LANE_TYPE_OK(wl, flags) \
         ? (((flags) & (S | WSP_OPT_SET_EARLY)) == S ? WSP_LANE_SET : 0) | \
               (((flags) & (G | WSP_OPT_GET_EARLY)) == G ? WSP_LANE_GET : 0) \
         : 0)
#define ROW_(wl, wn, wstr, nl, nn, nstr, rule, kind, flags, size, set, get, denied, dflt, diff, src) \
    { wl, wn, nl, nn, wstr, nstr, rule, kind, flags, size, set, get, denied, src, dflt, diff, \
      LANE(wl, rule, kind, flags), LANE_TYPE(wl, flags) }
#define ROW(wl, wn, nl, nn, rule, kind, flags, size, set, get, denied, dflt, diff, src) \
    ROW_(wl, wn, #wn + 3 /* drop "WS_" */, nl, nn, #nn, rule, kind, flags, size, set, get, denied, dflt, diff, src)
/* an option Microsoft documents that libwsp does not implement */
#define NOSUP(wl, wn, nl, why) \
    ROW_(wl, wn, #wn + 3, nl, NONE, "NONE", WSP_LEN_INT, WSP_KIND_OPAQUE, 0, 0, NULL, NULL, WSAENOPROTOOPT, "-", \
         why, "not supported: get and set fail WSAENOPROTOOPT (README, docs/options.md)")

static const struct wsp_optrow rows[] = {
    /* ---- SOL_SOCKET ---------------------------------------------------- */
    ROW(SOL, WS_SO_DEBUG, SOL_SOCKET, SO_DEBUG, WSP_LEN_BOOL, WSP_KIND_BOOL, GS | SO_, 4,
        wsp_set_debug, wsp_get_debug, 0, "0",
        "Linux needs CAP_NET_ADMIN; libwsp stores it and traces the socket's calls",
        "spec: SO_DEBUG (providers encouraged to trace); ref §6: accepted unprivileged; doc getsockopt: TRUE if debugging is enabled"),
    ROW(SOL, WS_SO_ACCEPTCONN, SOL_SOCKET, SO_ACCEPTCONN, WSP_LEN_INT, WSP_KIND_BOOL, G | SO_ | STR, 4,
        NULL, NULL, WSAENOPROTOOPT, "0", "Linux answers on UDP sockets too",
        "ref §2.3: read-only, set fails WSAENOPROTOOPT (W-test); doc SOL_SOCKET Socket Options: connection-oriented only"),
    ROW(SOL, WS_SO_REUSEADDR, SOL_SOCKET, SO_REUSEADDR, WSP_LEN_BOOL, WSP_KIND_BOOL, GS | SO_, 4,
        wsp_set_reuseaddr, wsp_get_reuseaddr, 0, "0",
        "Windows lets a second socket share a port in use; Linux only reuses TIME_WAIT ports (bind emulates)",
        "spec: SO_REUSEADDR; ref §5.1: TRUE while SO_EXCLUSIVEADDRUSE is TRUE fails WSAEINVAL"),
    ROW(SOL, WS_SO_EXCLUSIVEADDRUSE, SOL_SOCKET, NONE, WSP_LEN_BOOL, WSP_KIND_BOOL, GS | SO_, 4,
        wsp_set_exclusive, wsp_get_exclusive, 0, "0", "no Linux equivalent; enforced at bind by libwsp",
        "ref §2.3, §5.1: TRUE while SO_REUSEADDR is TRUE fails WSAEINVAL"),
    ROW(SOL, WS_SO_KEEPALIVE, SOL_SOCKET, SO_KEEPALIVE, WSP_LEN_BOOL1, WSP_KIND_BOOL, GS | SO_ | STR, 4,
        wsp_set_keepalive, NULL, 0, "0", "Linux probes every 75 s, 9 times; Windows every 1 s, 10 times (libwsp sets them)",
        "spec: SO_KEEPALIVE; ref §2.2 group B: one-byte BOOLEAN; doc: connection-oriented only (UDP set: WSAENOPROTOOPT, observed)"),
    ROW(SOL, WS_SO_DONTROUTE, SOL_SOCKET, SO_DONTROUTE, WSP_LEN_BOOL1, WSP_KIND_BOOL, GS | SO_, 4,
        wsp_set_dontroute, wsp_get_dontroute, 0, "0", "Windows ignores it on IPv4 and refuses it on IPv6; Linux bypasses routing",
        "spec: SO_DONTROUTE ignored on AF_INET, WSAENOPROTOOPT on AF_INET6; ref §2.2 group B"),
    ROW(SOL, WS_SO_BROADCAST, SOL_SOCKET, SO_BROADCAST, WSP_LEN_BOOL, WSP_KIND_BOOL, GS | SO_ | DGR, 4,
        NULL, NULL, 0, "0", "Linux accepts it on stream sockets",
        "spec: SO_BROADCAST; ref §2.2 group A; doc SOL_SOCKET Socket Options: only protocols that support broadcasting"),
    ROW(SOL, WS_SO_LINGER, SOL_SOCKET, SO_LINGER, WSP_LEN_INT_ZERO, WSP_KIND_LINGER, GS | SO_ | STR, 4,
        wsp_set_linger, wsp_get_linger, 0, "{0,0}", "Windows: two u_shorts, stream only; Linux: two ints, any socket",
        "spec: SO_LINGER (u_short pair); ref §2.3: UDP get fails WSAENOPROTOOPT (W-test; set observed); ref §2.2 group C"),
    ROW(SOL, WS_SO_OOBINLINE, SOL_SOCKET, SO_OOBINLINE, WSP_LEN_BOOL, WSP_KIND_BOOL, GS | SO_ | STR, 4,
        NULL, NULL, 0, "0", "Linux accepts it on datagram sockets",
        "spec: SO_OOBINLINE; ref §2.2 group A; doc SOL_SOCKET Socket Options: connection-oriented only"),
    ROW(SOL, WS_SO_DONTLINGER, SOL_SOCKET, NONE, WSP_LEN_BOOL, WSP_KIND_BOOL, GS | SO_ | STR, 4,
        wsp_set_dontlinger, wsp_get_dontlinger, 0, "1", "no Linux equivalent (SO_LINGER's l_onoff, inverted)",
        "spec: SO_LINGER/SO_DONTLINGER (reinstate the last timeout); ref §2.3: get = !l_onoff; doc: connection-oriented only"),
    ROW(SOL, WS_SO_SNDBUF, SOL_SOCKET, SO_SNDBUF, WSP_LEN_INT_ZERO, WSP_KIND_INT, GS | SO_, 4,
        wsp_set_sndbuf, wsp_get_sndbuf, 0, "commonly 65536", "Linux doubles the size and reads the double back",
        "spec: SO_SNDBUF (get reports what was provided); ref §2.3: 4096 -> 4096, 0 -> 0"),
    ROW(SOL, WS_SO_RCVBUF, SOL_SOCKET, SO_RCVBUF, WSP_LEN_INT_ZERO, WSP_KIND_INT, GS | SO_, 4,
        wsp_set_rcvbuf, wsp_get_rcvbuf, 0, "commonly 65536", "Linux doubles the size and reads the double back",
        "spec: SO_RCVBUF (get reports what was provided); ref §2.3: 4096 -> 4096, 0 -> 0"),
    ROW(SOL, WS_SO_SNDLOWAT, SOL_SOCKET, SO_SNDLOWAT, WSP_LEN_INT, WSP_KIND_INT, GS | SO_ | EARLY, 4,
        wsp_set_invalid, wsp_get_invalid, 0, "- (WSAEINVAL)", "Linux reads 1 and refuses a set (ENOPROTOOPT)",
        "ref §2.3: not supported by the TCP/IP provider, Vista+ get and set fail WSAEINVAL"),
    ROW(SOL, WS_SO_RCVLOWAT, SOL_SOCKET, SO_RCVLOWAT, WSP_LEN_INT, WSP_KIND_INT, GS | SO_ | EARLY, 4,
        wsp_set_invalid, wsp_get_invalid, 0, "- (WSAEINVAL)", "Linux implements it (default 1)",
        "ref §2.3: not supported by the TCP/IP provider, Vista+ get and set fail WSAEINVAL"),
    ROW(SOL, WS_SO_SNDTIMEO, SOL_SOCKET, SO_SNDTIMEO, WSP_LEN_INT, WSP_KIND_MS, GS | SO_, 4,
        wsp_set_sndtimeo, wsp_get_sndtimeo, 0, "0 (forever)", "Windows: DWORD ms read back exactly; Linux: struct timeval rounded to jiffies",
        "ref §2.3: DWORD milliseconds, 0 = forever, read back exactly; ref §2.2 group D"),
    ROW(SOL, WS_SO_RCVTIMEO, SOL_SOCKET, SO_RCVTIMEO, WSP_LEN_INT, WSP_KIND_MS, GS | SO_, 4,
        wsp_set_rcvtimeo, wsp_get_rcvtimeo, 0, "0 (forever)", "Windows: DWORD ms read back exactly; Linux: struct timeval rounded to jiffies",
        "ref §2.3: DWORD milliseconds, 0 = forever, read back exactly; ref §2.2 group D"),
    ROW(SOL, WS_SO_ERROR, SOL_SOCKET, SO_ERROR, WSP_LEN_INT, WSP_KIND_ERRCODE,
        GS | SO_ | WSP_OPT_NO_PREDICT, 4, wsp_set_error, wsp_get_error, 0, "0",
        "Windows: WSAE codes, a set is stored; Linux: errno values, read-only",
        "ref §2.2, §2.3: WSAE code, get clears it; set is accepted and read back once"),
    ROW(SOL, WS_SO_TYPE, SOL_SOCKET, SO_TYPE, WSP_LEN_INT, WSP_KIND_INT, GS | SO_ | EARLY_SET, 4,
        wsp_set_type, wsp_get_type, 0, "the socket's type", "Linux refuses a set with ENOPROTOOPT on every socket",
        "ref §2.3: set fails WSAENOPROTOOPT on TCP, WSAEINVAL on UDP (W-test)"),
    ROW(SOL, WS_SO_GROUP_ID, SOL_SOCKET, NONE, WSP_LEN_INT, WSP_KIND_INT, G | SO_, 4,
        NULL, wsp_get_group_id, WSAENOPROTOOPT, "0", "no Linux equivalent",
        "ref §2.3: reserved, read-only, value 0"),
    ROW(SOL, WS_SO_GROUP_PRIORITY, SOL_SOCKET, NONE, WSP_LEN_INT, WSP_KIND_INT, GS | SO_, 4,
        wsp_set_group_priority, wsp_get_group_priority, 0, "0", "no Linux equivalent (stored)",
        "spec: reserved; ref §2.3: int, default 0, stored"),
    ROW(SOL, WS_SO_MAX_MSG_SIZE, SOL_SOCKET, NONE, WSP_LEN_INT, WSP_KIND_INT, G | SO_, 4,
        NULL, wsp_get_max_msg_size, WSAENOPROTOOPT, "65507", "no Linux equivalent",
        "ref §2.3: UDP/IPv4 65507 (W-test); other sockets: Wine's 65507 (no Windows evidence); set not allowed"),
    ROW(SOL, WS_SO_PROTOCOL_INFOW, SOL_SOCKET, NONE, WSP_LEN_STRUCT, WSP_KIND_OPAQUE, G | SO_,
        (int)sizeof(WSAPROTOCOL_INFOW), NULL, wsp_get_protocol_info, WSAENOPROTOOPT, "the socket's WSAPROTOCOL_INFOW",
        "no Linux equivalent",
        "ref §2.2: short buffer fails WSAEFAULT and reports the size needed"),
    ROW(SOL, WS_SO_CONNECT_TIME, SOL_SOCKET, NONE, WSP_LEN_INT, WSP_KIND_INT, G | SO_, 4,
        NULL, wsp_get_connect_time, WSAENOPROTOOPT, "0xFFFFFFFF (not connected)", "no Linux equivalent",
        "ref §2.3: seconds connected, 0xFFFFFFFF when not connected"),
    ROW(SOL, WS_PVD_CONFIG, SOL_SOCKET, NONE, WSP_LEN_INT, WSP_KIND_OPAQUE, 0, 0,
        NULL, NULL, WSAENOPROTOOPT, "- (WSAENOPROTOOPT)", "no Linux equivalent",
        "ref §2.3: the Microsoft TCP/IP provider does not implement it: WSAENOPROTOOPT"),
    ROW(SOL, WS_SO_USELOOPBACK, SOL_SOCKET, NONE, WSP_LEN_INT, WSP_KIND_BOOL, GS | SO_ | EARLY, 4,
        wsp_set_invalid, wsp_get_invalid, 0, "- (WSAEINVAL)", "no Linux equivalent",
        "ref §2.3: not supported, Vista+ get and set fail WSAEINVAL"),

    /* ---- IPPROTO_TCP (TCP sockets only: others get WSAENOPROTOOPT) ------- */
    ROW(TCP, WS_TCP_NODELAY, IPPROTO_TCP, TCP_NODELAY, WSP_LEN_BOOL1, WSP_KIND_BOOL, GS | STR, 4,
        NULL, NULL, 0, "0", "Windows reads only the low byte; same meaning",
        "ref §2.2 group B, §3.1: only the low byte is read, get returns 1 byte"),
    ROW(TCP, WS_TCP_KEEPALIVE, IPPROTO_TCP, TCP_KEEPIDLE, WSP_LEN_INT_NOLEN, WSP_KIND_INT, GS | STR, 4,
        wsp_set_keepidle, wsp_get_keepidle, 0, "7200", "Linux refuses 0 (libwsp keeps 1 and reads 0 back) and holds at most 32767",
        "ref §3.1: seconds (also spelled TCP_KEEPIDLE); ref §2.2 group E; doc IPPROTO_TCP socket options: no lower limit (0 read back)"),
    ROW(TCP, WS_TCP_KEEPINTVL, IPPROTO_TCP, TCP_KEEPINTVL, WSP_LEN_INT_NOLEN, WSP_KIND_INT, GS | STR, 4,
        wsp_set_keepintvl, wsp_get_keepintvl, 0, "1", "Linux default 75; Linux refuses 0 and holds at most 32767",
        "ref §3.1: seconds, default 1 (Linux: 75); ref §2.2 group E; 0 read back (doc: no lower limit)"),
    ROW(TCP, WS_TCP_KEEPCNT, IPPROTO_TCP, TCP_KEEPCNT, WSP_LEN_INT_NOLEN, WSP_KIND_INT, GS | STR, 4,
        wsp_set_keepcnt, wsp_get_keepcnt, 0, "10", "Linux default 9, at most 127 (128..255 are clamped)",
        "ref §2.2 group E, §3.1: at most 255, else WSAEINVAL; default 10 (Linux: 9)"),
    ROW(TCP, WS_TCP_MAXSEG, IPPROTO_TCP, TCP_MAXSEG, WSP_LEN_INT, WSP_KIND_INT, G | STR, 4,
        NULL, NULL, WSAENOPROTOOPT, "the kernel's MSS", "Linux also lets a program set it",
        "ref §3.1: get only (Windows 10+); doc IPPROTO_TCP socket options"),
    ROW(TCP, WS_TCP_MAXRT, IPPROTO_TCP, TCP_USER_TIMEOUT, WSP_LEN_INT, WSP_KIND_INT, GS | STR | NOPX, 4,
        wsp_set_maxrt, wsp_get_maxrt, 0, "0 (system default)",
        "Linux TCP_USER_TIMEOUT in ms (= s x 1000); -1 (forever) becomes INT_MAX ms, 24.8 days",
        "ref §3.1: DWORD seconds, (DWORD)-1 = retransmit forever; ref §6: TCP_USER_TIMEOUT"),
    ROW(TCP, WS_TCP_MAXRTMS, IPPROTO_TCP, TCP_USER_TIMEOUT, WSP_LEN_INT, WSP_KIND_INT, GS | STR, 4,
        wsp_set_maxrtms, wsp_get_maxrtms, 0, "0 (system default)",
        "same unit as TCP_USER_TIMEOUT; -1 (forever) becomes INT_MAX ms",
        "ref §1.7, §3.1: DWORD milliseconds; ref §6: TCP_USER_TIMEOUT"),
    ROW(TCP, WS_TCP_FASTOPEN, IPPROTO_TCP, TCP_FASTOPEN_CONNECT, WSP_LEN_INT, WSP_KIND_BOOL, GS | STR, 4,
        wsp_set_fastopen, NULL, 0, "0",
        "Linux's client switch is TCP_FASTOPEN_CONNECT (TCP_FASTOPEN is the server queue); needs net.ipv4.tcp_fastopen",
        "ref §3.1: BOOL, Win10 1607+, set before connecting; ref §6: TCP_FASTOPEN_CONNECT for clients"),
    ROW(TCP, WS_TCP_TIMESTAMPS, IPPROTO_TCP, NONE, WSP_LEN_INT, WSP_KIND_BOOL, G | STR, 4,
        NULL, wsp_get_timestamps, WSAENOPROTOOPT, "the system setting",
        "Linux has only net.ipv4.tcp_timestamps: get reads it, a set fails WSAENOPROTOOPT",
        "ref §3.1: per-socket override of the global setting; no per-socket switch on Linux (ref §1.7)"),
    ROW(TCP, WS_TCP_EXPEDITED_1122, IPPROTO_TCP, NONE, WSP_LEN_INT, WSP_KIND_BOOL, GS | STR, 4,
        wsp_set_expedited, wsp_get_expedited, 0, "0",
        "Linux has BSD urgent data only: TRUE fails WSAENOPROTOOPT",
        "ref §3.1: BOOL, default FALSE (BSD semantics); no Linux equivalent (ref §1.7)"),
    ROW(TCP, WS_TCP_BSDURGENT, IPPROTO_TCP, NONE, WSP_LEN_INT, WSP_KIND_BOOL, GS | STR, 4,
        wsp_set_bsdurgent, wsp_get_bsdurgent, 0, "1",
        "Linux has BSD urgent data only: FALSE fails WSAENOPROTOOPT",
        "ref §1.6, §3.1: BOOL, default TRUE, the inverse of TCP_EXPEDITED_1122"),
    ROW(TCP, WS_TCP_FAIL_CONNECT_ON_ICMP_ERROR, IPPROTO_TCP, NONE, WSP_LEN_INT, WSP_KIND_BOOL, GS | STR, 4,
        wsp_set_fail_on_icmp, wsp_get_fail_on_icmp, 0, "0",
        "emulated with IP_RECVERR/IPV6_RECVERR, which make Linux fail connect on an ICMP error",
        "ref §3.1: connect fails WSAEHOSTUNREACH on an ICMP error; ref §1.7: emulate via IP_RECVERR"),
    NOSUP(TCP, WS_TCP_ICMP_ERROR_INFO, IPPROTO_TCP,
          "Linux keeps no per-connection ICMP error record for TCP"),
    NOSUP(TCP, WS_TCP_STDURG, IPPROTO_TCP, "not documented for Winsock 2; Linux has no switch"),
    NOSUP(TCP, WS_TCP_NOURG, IPPROTO_TCP, "not documented for Winsock 2; Linux has no switch"),
    NOSUP(TCP, WS_TCP_ATMARK, IPPROTO_TCP, "not documented for Winsock 2 (ioctlsocket SIOCATMARK answers it)"),
    NOSUP(TCP, WS_TCP_NOSYNRETRIES, IPPROTO_TCP, "Linux has a SYN count (TCP_SYNCNT), not a switch"),
    NOSUP(TCP, WS_TCP_OFFLOAD_PREFERENCE, IPPROTO_TCP, "no TCP offload (chimney) on Linux"),
    NOSUP(TCP, WS_TCP_CONGESTION_ALGORITHM, IPPROTO_TCP, "Windows numbers algorithms; Linux names them (TCP_CONGESTION)"),
    NOSUP(TCP, WS_TCP_DELAY_FIN_ACK, IPPROTO_TCP, "no Linux equivalent"),

    /* ---- IPPROTO_IP (AF_INET, or a dual-stack AF_INET6 socket) ---------- */
    ROW(IP, WS_IP_TTL, IPPROTO_IP, IP_TTL, WSP_LEN_BYTE_VALUE, WSP_KIND_INT, GS | V4, 4,
        wsp_set_ttl, NULL, 0, "128 on Windows; libwsp keeps Linux's 64", "Linux default 64; Linux takes -1 for the default",
        "ref §2.2 group G: 1-byte optlen accepted, > 255 fails WSAEINVAL; ref §3.2: 1..255; IPv4 only (sockopt_family.c)"),
    ROW(IP, WS_IP_TOS, IPPROTO_IP, IP_TOS, WSP_LEN_BYTE_VALUE, WSP_KIND_INT, GS | V4, 4,
        wsp_set_byte_value, NULL, 0, "0", "same meaning",
        "ref §2.2 group G: 1-byte optlen accepted, > 255 fails WSAEINVAL; IPv4 only (sockopt_family.c)"),
    ROW(IP, WS_IP_OPTIONS, IPPROTO_IP, IP_OPTIONS, WSP_LEN_BYTES, WSP_KIND_BYTES, GS | V4 | PRB, 40,
        wsp_set_ip_options, wsp_get_ip_options, 0, "none (0 bytes)",
        "same bytes; a get into a buffer shorter than the options fails on Windows, Linux truncates",
        "ref §1.9, §3.2: up to 40 option bytes, optlen 0 clears; Wine passes them through"),
    ROW(IP, WS_IP_HDRINCL, IPPROTO_IP, IP_HDRINCL, WSP_LEN_INT, WSP_KIND_BOOL, GS | V4, 4,
        wsp_set_hdrincl, wsp_get_hdrincl, 0, "- (raw sockets only: 0)", "Linux: ENOPROTOOPT on TCP and UDP sockets",
        "ref §3.2: SOCK_RAW only; on TCP/UDP sockets get and set fail WSAEINVAL (W-test, Vista+)"),
    ROW(IP, WS_IP_MULTICAST_IF, IPPROTO_IP, IP_MULTICAST_IF, WSP_LEN_INT, WSP_KIND_MCAST_IF, GS | V4 | EIN | PRB, 4,
        wsp_set_mcast_if, NULL, 0, "0 (INADDR_ANY)",
        "Windows: an address or 0.0.0.x = an interface index; Linux: in_addr or ip_mreqn",
        "ref §3.2: IN_ADDR or interface index in 0.0.0.x form; doc IPPROTO_IP socket options (IP_MULTICAST_IF: any 0.x.x.x but 0.0.0.0 is an index)"),
    ROW(IP, WS_IP_MULTICAST_TTL, IPPROTO_IP, IP_MULTICAST_TTL, WSP_LEN_BYTE_VALUE, WSP_KIND_INT, GS | V4 | EIN, 4,
        wsp_set_byte_value, NULL, 0, "1", "Linux also takes -1 (default)",
        "ref §2.2 group G, §3.2: <= 255, 1..3-byte optlen uses that many bytes (W-test); stream: WSAEINVAL (Wine)"),
    ROW(IP, WS_IP_MULTICAST_LOOP, IPPROTO_IP, IP_MULTICAST_LOOP, WSP_LEN_BYTE_VALUE, WSP_KIND_BOOL,
        GS | V4 | EIN | WSP_OPT_MEANING_DIFFERS, 4,
        NULL, NULL, 0, "1",
        "Windows applies it to the receiving socket, Linux to the sending one (not emulated: README; audit reports every set)",
        "ref §2.2 group F, §3.2: BOOL, default TRUE, receive-path semantics; doc IPPROTO_IP socket options"),
    ROW(IP, WS_IP_ADD_MEMBERSHIP, IPPROTO_IP, IP_ADD_MEMBERSHIP, WSP_LEN_STRUCT, WSP_KIND_MREQ,
        S | V4 | EIN | PRB, (int)sizeof(struct WS_ip_mreq), wsp_set_membership, NULL, WSAENOPROTOOPT, "-",
        "Windows ip_mreq may name the interface by index (0.0.0.x); Linux: ip_mreq or ip_mreqn",
        "ref §1.9, §3.2: ip_mreq (8 bytes), set only, datagram sockets"),
    ROW(IP, WS_IP_DROP_MEMBERSHIP, IPPROTO_IP, IP_DROP_MEMBERSHIP, WSP_LEN_STRUCT, WSP_KIND_MREQ,
        S | V4 | EIN | PRB, (int)sizeof(struct WS_ip_mreq), wsp_set_membership, NULL, WSAENOPROTOOPT, "-",
        "as IP_ADD_MEMBERSHIP",
        "ref §1.9, §3.2: ip_mreq (8 bytes), set only, datagram sockets"),
    ROW(IP, WS_IP_ADD_SOURCE_MEMBERSHIP, IPPROTO_IP, IP_ADD_SOURCE_MEMBERSHIP, WSP_LEN_STRUCT, WSP_KIND_MREQ_SOURCE,
        S | V4 | EIN | PRB, (int)sizeof(struct WS_ip_mreq_source), wsp_set_source_membership, NULL,
        WSAENOPROTOOPT, "-", "ip_mreq_source fields in another order (Windows: group, source, interface)",
        "ref §1.9: ip_mreq_source, Windows order multiaddr, sourceaddr, interface; set only"),
    ROW(IP, WS_IP_DROP_SOURCE_MEMBERSHIP, IPPROTO_IP, IP_DROP_SOURCE_MEMBERSHIP, WSP_LEN_STRUCT, WSP_KIND_MREQ_SOURCE,
        S | V4 | EIN | PRB, (int)sizeof(struct WS_ip_mreq_source), wsp_set_source_membership, NULL,
        WSAENOPROTOOPT, "-", "ip_mreq_source fields in another order",
        "ref §1.9: ip_mreq_source, Windows order; set only"),
    ROW(IP, WS_IP_BLOCK_SOURCE, IPPROTO_IP, IP_BLOCK_SOURCE, WSP_LEN_STRUCT, WSP_KIND_MREQ_SOURCE,
        S | V4 | EIN | PRB, (int)sizeof(struct WS_ip_mreq_source), wsp_set_source_membership, NULL,
        WSAENOPROTOOPT, "-", "ip_mreq_source fields in another order",
        "ref §1.9: ip_mreq_source, Windows order; set only"),
    ROW(IP, WS_IP_UNBLOCK_SOURCE, IPPROTO_IP, IP_UNBLOCK_SOURCE, WSP_LEN_STRUCT, WSP_KIND_MREQ_SOURCE,
        S | V4 | EIN | PRB, (int)sizeof(struct WS_ip_mreq_source), wsp_set_source_membership, NULL,
        WSAENOPROTOOPT, "-", "ip_mreq_source fields in another order",
        "ref §1.9: ip_mreq_source, Windows order; set only"),
    ROW(IP, WS_MCAST_JOIN_GROUP, IPPROTO_IP, MCAST_JOIN_GROUP, WSP_LEN_STRUCT, WSP_KIND_GROUP_REQ,
        S | V4 | EIN | PRB, (int)sizeof(struct WS_group_req), wsp_set_mcast_group, NULL, WSAENOPROTOOPT, "-",
        "Windows numbers MCAST_* 41..46, Linux 42..47 in another order; families inside differ (AF_INET6 23 vs 10)",
        "ref §1.9: GROUP_REQ; Windows MCAST_JOIN_GROUP 41"),
    ROW(IP, WS_MCAST_LEAVE_GROUP, IPPROTO_IP, MCAST_LEAVE_GROUP, WSP_LEN_STRUCT, WSP_KIND_GROUP_REQ,
        S | V4 | EIN | PRB, (int)sizeof(struct WS_group_req), wsp_set_mcast_group, NULL, WSAENOPROTOOPT, "-",
        "numbered differently (Windows 42 is Linux's MCAST_JOIN_GROUP)", "ref §1.9: GROUP_REQ; Windows MCAST_LEAVE_GROUP 42"),
    ROW(IP, WS_MCAST_BLOCK_SOURCE, IPPROTO_IP, MCAST_BLOCK_SOURCE, WSP_LEN_STRUCT, WSP_KIND_GROUP_REQ,
        S | V4 | EIN | PRB, (int)sizeof(struct WS_group_source_req), wsp_set_mcast_group, NULL, WSAENOPROTOOPT,
        "-", "families inside differ", "ref §1.9: GROUP_SOURCE_REQ; Windows MCAST_BLOCK_SOURCE 43"),
    ROW(IP, WS_MCAST_UNBLOCK_SOURCE, IPPROTO_IP, MCAST_UNBLOCK_SOURCE, WSP_LEN_STRUCT, WSP_KIND_GROUP_REQ,
        S | V4 | EIN | PRB, (int)sizeof(struct WS_group_source_req), wsp_set_mcast_group, NULL, WSAENOPROTOOPT,
        "-", "families inside differ", "ref §1.9: GROUP_SOURCE_REQ; Windows MCAST_UNBLOCK_SOURCE 44"),
    ROW(IP, WS_MCAST_JOIN_SOURCE_GROUP, IPPROTO_IP, MCAST_JOIN_SOURCE_GROUP, WSP_LEN_STRUCT, WSP_KIND_GROUP_REQ,
        S | V4 | EIN | PRB, (int)sizeof(struct WS_group_source_req), wsp_set_mcast_group, NULL, WSAENOPROTOOPT,
        "-", "numbered differently (Windows 45, Linux 46)", "ref §1.9: GROUP_SOURCE_REQ; Windows MCAST_JOIN_SOURCE_GROUP 45"),
    ROW(IP, WS_MCAST_LEAVE_SOURCE_GROUP, IPPROTO_IP, MCAST_LEAVE_SOURCE_GROUP, WSP_LEN_STRUCT, WSP_KIND_GROUP_REQ,
        S | V4 | EIN | PRB, (int)sizeof(struct WS_group_source_req), wsp_set_mcast_group, NULL, WSAENOPROTOOPT,
        "-", "numbered differently (Windows 46, Linux 47)", "ref §1.9: GROUP_SOURCE_REQ; Windows MCAST_LEAVE_SOURCE_GROUP 46"),
    ROW(IP, WS_IP_DONTFRAGMENT, IPPROTO_IP, IP_MTU_DISCOVER, WSP_LEN_BYTE_VALUE, WSP_KIND_BOOL, GS | V4 | NOPX, 4,
        wsp_set_dontfrag, wsp_get_dontfrag, 0, "UDP 0, TCP 1",
        "Linux: IP_MTU_DISCOVER (TRUE = DO, FALSE = DONT); Linux's default WANT also sets DF on UDP",
        "ref §3.2: BOOL, default UDP 0 / TCP 1 (W-test), nonzero reads back 1; ref §6: IP_MTU_DISCOVER"),
    ROW(IP, WS_IP_PKTINFO, IPPROTO_IP, IP_PKTINFO, WSP_LEN_INT_NOLEN, WSP_KIND_BOOL, GS | V4 | EIN, 4,
        NULL, NULL, 0, "0", "Linux's in_pktinfo control data has another layout (12 bytes; Windows IN_PKTINFO 8)",
        "ref §2.2 group H, §3.2: BOOL, 4-byte optlen; stream: WSAEINVAL (Wine)"),
    ROW(IP, WS_IP_RECVTTL, IPPROTO_IP, IP_RECVTTL, WSP_LEN_INT_NOLEN, WSP_KIND_BOOL, GS | V4 | EIN, 4,
        NULL, NULL, 0, "0", "same meaning (Windows also spells it IP_HOPLIMIT)",
        "ref §2.2 group H, §3.2: BOOL; stream: WSAEINVAL (Wine)"),
    ROW(IP, WS_IP_RECVTOS, IPPROTO_IP, IP_RECVTOS, WSP_LEN_INT_NOLEN, WSP_KIND_BOOL, GS | V4 | EIN, 4,
        NULL, NULL, 0, "0", "Linux's IP_TOS control data is 1 byte, Windows' an int",
        "ref §2.2 group H, §3.2: BOOL (also IP_RECVTCLASS); stream: WSAEINVAL (Wine)"),
    ROW(IP, WS_IP_UNICAST_IF, IPPROTO_IP, IP_UNICAST_IF, WSP_LEN_INT, WSP_KIND_IFINDEX_NET_GET, GS | V4 | PRB, 4,
        wsp_set_interface_index, wsp_get_unicast_if4, 0, "0",
        "set: the same network-order index; get: Windows answers in host order, Linux in network order",
        "doc IPPROTO_IP socket options (IP_UNICAST_IF): set in network byte order, get returns host byte order; ref §3.2"),
    ROW(IP, WS_IP_MTU_DISCOVER, IPPROTO_IP, IP_MTU_DISCOVER, WSP_LEN_INT, WSP_KIND_PMTUD, GS | V4, 4,
        wsp_set_pmtud, wsp_get_pmtud, 0, "0 (IP_PMTUDISC_NOT_SET)",
        "numbered differently: Windows NOT_SET 0, DO 1, DONT 2, PROBE 3; Linux DONT 0, WANT 1, DO 2, PROBE 3",
        "ref §1.9, §3.2: PMTUD_STATE; ref §6: renumbering"),
    ROW(IP, WS_IP_MTU, IPPROTO_IP, IP_MTU, WSP_LEN_INT, WSP_KIND_INT, G | V4, 4,
        NULL, NULL, WSAENOPROTOOPT, "- (connected sockets only)", "same meaning; unconnected: WSAENOTCONN",
        "ref §3.2: DWORD, get only, connected sockets only"),
    /* Windows' switch only adds control data to WSARecvMsg; Linux's IP_RECVERR
     * is also what makes SIO_UDP_CONNRESET and TCP_FAIL_CONNECT_ON_ICMP_ERROR
     * work (wsp_send_recv.c, sockopt_tcp.c), so Windows' FALSE could not be
     * passed on, and the error queue's sock_extended_err would need turning into
     * Windows' control data in a WSARecvMsg libwsp does not have. */
    NOSUP(IP, WS_IP_RECVERR, IPPROTO_IP,
          "its errors arrive as WSARecvMsg control data libwsp does not produce; Linux's IP_RECVERR is already the provider's own switch for SIO_UDP_CONNRESET and TCP_FAIL_CONNECT_ON_ICMP_ERROR"),
    NOSUP(IP, WS_IP_PROTECTION_LEVEL, IPPROTO_IP,
          "as IPV6_PROTECTION_LEVEL: a stored but unenforced level would claim a restriction that is not applied"),
    NOSUP(IP, WS_IP_RECEIVE_BROADCAST, IPPROTO_IP, "Linux always delivers broadcasts to a socket bound to the port"),
    NOSUP(IP, WS_IP_RECVIF, IPPROTO_IP, "control data with no Linux counterpart (IP_PKTINFO carries the index)"),
    NOSUP(IP, WS_IP_RECVDSTADDR, IPPROTO_IP, "control data with no Linux counterpart (IP_PKTINFO carries the address)"),
    NOSUP(IP, WS_IP_IFLIST, IPPROTO_IP, "interface lists: no Linux equivalent"),
    NOSUP(IP, WS_IP_ADD_IFLIST, IPPROTO_IP, "interface lists: no Linux equivalent"),
    NOSUP(IP, WS_IP_DEL_IFLIST, IPPROTO_IP, "interface lists: no Linux equivalent"),
    NOSUP(IP, WS_IP_GET_IFLIST, IPPROTO_IP, "interface lists: no Linux equivalent"),
    NOSUP(IP, WS_IP_RTHDR, IPPROTO_IP, "IPv4 has no routing header"),
    NOSUP(IP, WS_IP_RECVRTHDR, IPPROTO_IP, "IPv4 has no routing header"),
    NOSUP(IP, WS_IP_TCLASS, IPPROTO_IP, "IPv4 has no traffic class (IP_TOS)"),
    NOSUP(IP, WS_IP_ORIGINAL_ARRIVAL_IF, IPPROTO_IP, "control data with no Linux counterpart"),
    NOSUP(IP, WS_IP_RECVECN, IPPROTO_IP, "Windows ECN control data: not implemented"),
    NOSUP(IP, WS_IP_PKTINFO_EX, IPPROTO_IP, "control data with no Linux counterpart"),
    NOSUP(IP, WS_IP_WFP_REDIRECT_RECORDS, IPPROTO_IP, "Windows Filtering Platform: no Linux equivalent"),
    NOSUP(IP, WS_IP_WFP_REDIRECT_CONTEXT, IPPROTO_IP, "Windows Filtering Platform: no Linux equivalent"),
    NOSUP(IP, WS_IP_NRT_INTERFACE, IPPROTO_IP, "no Linux equivalent"),
    NOSUP(IP, WS_IP_USER_MTU, IPPROTO_IP, "no per-socket MTU cap on Linux"),

    /* ---- IPPROTO_IPV6 (AF_INET6 only: AF_INET gets WSAEINVAL) ----------- */
    ROW(IP6, WS_IPV6_V6ONLY, IPPROTO_IPV6, IPV6_V6ONLY, WSP_LEN_BOOL1, WSP_KIND_BOOL,
        GS | V6 | WSP_OPT_INET4_UNBOUND_SET_IGNORED, 4, wsp_set_v6only, NULL, 0, "1",
        "Linux default 0 (net.ipv6.bindv6only); libwsp makes new sockets v6-only",
        "ref §2.2 group B, §3.3: one-byte BOOLEAN, TRUE by default; AF_INET: WSAEINVAL, set unbound ignored (Wine)"),
    ROW(IP6, WS_IPV6_UNICAST_HOPS, IPPROTO_IPV6, IPV6_UNICAST_HOPS, WSP_LEN_BYTE_VALUE, WSP_KIND_INT, GS | V6, 4,
        wsp_set_byte_value, NULL, 0, "128 on Windows; libwsp keeps Linux's 64", "Linux default 64",
        "ref §2.2 group G, §3.3: -1 = default, > 255 fails WSAEINVAL; AF_INET: WSAEINVAL (sockopt_family.c)"),
    ROW(IP6, WS_IPV6_MULTICAST_IF, IPPROTO_IPV6, IPV6_MULTICAST_IF, WSP_LEN_INT, WSP_KIND_INT, GS | V6 | EIN | PRB, 4,
        wsp_set_interface_index, NULL, 0, "0", "same (interface index, host order)",
        "ref §1.10, §3.3: DWORD interface index, host order"),
    ROW(IP6, WS_IPV6_MULTICAST_HOPS, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, WSP_LEN_BYTE_VALUE, WSP_KIND_INT,
        GS | V6 | EIN, 4, wsp_set_byte_value, NULL, 0, "1", "same",
        "ref §2.2 group G, §3.3: <= 255; stream: WSAEINVAL (Wine)"),
    ROW(IP6, WS_IPV6_MULTICAST_LOOP, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, WSP_LEN_BYTE_VALUE, WSP_KIND_BOOL,
        GS | V6 | EIN | WSP_OPT_MEANING_DIFFERS, 4, NULL, NULL, 0, "1",
        "Windows applies it to the receiving socket, Linux to the sending one (not emulated: README; audit reports every set)",
        "ref §2.2 group F, §3.3: BOOL, default TRUE"),
    ROW(IP6, WS_IPV6_ADD_MEMBERSHIP, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, WSP_LEN_STRUCT, WSP_KIND_OPAQUE,
        S | V6 | EIN | PRB, (int)sizeof(struct WS_ipv6_mreq), wsp_set_native_struct, NULL, WSAENOPROTOOPT, "-",
        "same ipv6_mreq layout (also spelled IPV6_JOIN_GROUP on both)",
        "ref §1.10, §3.3: ipv6_mreq (20 bytes), set only, datagram sockets"),
    ROW(IP6, WS_IPV6_DROP_MEMBERSHIP, IPPROTO_IPV6, IPV6_DROP_MEMBERSHIP, WSP_LEN_STRUCT, WSP_KIND_OPAQUE,
        S | V6 | EIN | PRB, (int)sizeof(struct WS_ipv6_mreq), wsp_set_native_struct, NULL, WSAENOPROTOOPT, "-",
        "same ipv6_mreq layout (also spelled IPV6_LEAVE_GROUP on both)",
        "ref §1.10, §3.3: ipv6_mreq (20 bytes), set only, datagram sockets"),
    ROW(IP6, WS_MCAST_JOIN_GROUP, IPPROTO_IPV6, MCAST_JOIN_GROUP, WSP_LEN_STRUCT, WSP_KIND_GROUP_REQ,
        S | V6 | EIN | PRB, (int)sizeof(struct WS_group_req), wsp_set_mcast_group, NULL, WSAENOPROTOOPT, "-",
        "numbered differently; families inside differ (AF_INET6 23 vs 10)", "ref §1.9: GROUP_REQ at IPPROTO_IPV6"),
    ROW(IP6, WS_MCAST_LEAVE_GROUP, IPPROTO_IPV6, MCAST_LEAVE_GROUP, WSP_LEN_STRUCT, WSP_KIND_GROUP_REQ,
        S | V6 | EIN | PRB, (int)sizeof(struct WS_group_req), wsp_set_mcast_group, NULL, WSAENOPROTOOPT, "-",
        "numbered differently", "ref §1.9: GROUP_REQ at IPPROTO_IPV6"),
    ROW(IP6, WS_MCAST_BLOCK_SOURCE, IPPROTO_IPV6, MCAST_BLOCK_SOURCE, WSP_LEN_STRUCT, WSP_KIND_GROUP_REQ,
        S | V6 | EIN | PRB, (int)sizeof(struct WS_group_source_req), wsp_set_mcast_group, NULL,
        WSAENOPROTOOPT, "-", "families inside differ", "ref §1.9: GROUP_SOURCE_REQ at IPPROTO_IPV6"),
    ROW(IP6, WS_MCAST_UNBLOCK_SOURCE, IPPROTO_IPV6, MCAST_UNBLOCK_SOURCE, WSP_LEN_STRUCT, WSP_KIND_GROUP_REQ,
        S | V6 | EIN | PRB, (int)sizeof(struct WS_group_source_req), wsp_set_mcast_group, NULL,
        WSAENOPROTOOPT, "-", "families inside differ", "ref §1.9: GROUP_SOURCE_REQ at IPPROTO_IPV6"),
    ROW(IP6, WS_MCAST_JOIN_SOURCE_GROUP, IPPROTO_IPV6, MCAST_JOIN_SOURCE_GROUP, WSP_LEN_STRUCT, WSP_KIND_GROUP_REQ,
        S | V6 | EIN | PRB, (int)sizeof(struct WS_group_source_req), wsp_set_mcast_group, NULL,
        WSAENOPROTOOPT, "-", "numbered differently", "ref §1.9: GROUP_SOURCE_REQ at IPPROTO_IPV6"),
    ROW(IP6, WS_MCAST_LEAVE_SOURCE_GROUP, IPPROTO_IPV6, MCAST_LEAVE_SOURCE_GROUP, WSP_LEN_STRUCT, WSP_KIND_GROUP_REQ,
        S | V6 | EIN | PRB, (int)sizeof(struct WS_group_source_req), wsp_set_mcast_group, NULL,
        WSAENOPROTOOPT, "-", "numbered differently", "ref §1.9: GROUP_SOURCE_REQ at IPPROTO_IPV6"),
    ROW(IP6, WS_IPV6_DONTFRAG, IPPROTO_IPV6, IPV6_DONTFRAG, WSP_LEN_BYTE_VALUE, WSP_KIND_BOOL, GS | V6, 4,
        wsp_set_dontfrag, wsp_get_dontfrag, 0, "UDP 0, TCP 1",
        "Linux default 0 on TCP too; libwsp also sets IPV6_MTU_DISCOVER (DO/DONT)",
        "ref §2.2 group F, §3.3: default 0 for UDP, 1 for TCP (W-test with IP_DONTFRAGMENT at IPPROTO_IPV6)"),
    ROW(IP6, WS_IPV6_PKTINFO, IPPROTO_IPV6, IPV6_RECVPKTINFO, WSP_LEN_INT_NOLEN, WSP_KIND_BOOL, GS | V6 | EIN, 4,
        NULL, NULL, 0, "0", "Linux spells the switch IPV6_RECVPKTINFO (its IPV6_PKTINFO sets a sticky address)",
        "ref §2.2 group H, §3.3, §6: BOOL -> IPV6_RECVPKTINFO"),
    ROW(IP6, WS_IPV6_HOPLIMIT, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, WSP_LEN_INT_NOLEN, WSP_KIND_BOOL, GS | V6 | EIN, 4,
        NULL, NULL, 0, "0", "Linux spells the switch IPV6_RECVHOPLIMIT",
        "ref §2.2 group H, §3.3, §6: BOOL -> IPV6_RECVHOPLIMIT"),
    ROW(IP6, WS_IPV6_RECVTCLASS, IPPROTO_IPV6, IPV6_RECVTCLASS, WSP_LEN_INT_NOLEN, WSP_KIND_BOOL, GS | V6 | EIN, 4,
        NULL, NULL, 0, "0", "same meaning",
        "ref §2.2 group H, §3.3: BOOL"),
    ROW(IP6, WS_IPV6_TCLASS, IPPROTO_IPV6, IPV6_TCLASS, WSP_LEN_BYTE_VALUE, WSP_KIND_INT, GS | V6, 4,
        wsp_set_byte_value, NULL, 0, "0", "same meaning (-1 = default)",
        "ref §1.10, §6: int traffic class, the IPv6 IP_TOS"),
    ROW(IP6, WS_IPV6_UNICAST_IF, IPPROTO_IPV6, IPV6_UNICAST_IF, WSP_LEN_INT, WSP_KIND_IFINDEX_NET, GS | V6 | PRB, 4,
        wsp_set_unicast_if6, wsp_get_unicast_if6, 0, "0",
        "Windows: interface index in host order; Linux's IPV6_UNICAST_IF takes network order",
        "ref §1.10, §3.3; doc IPPROTO_IPV6 socket options (IPV6_UNICAST_IF): DWORD interface index in host byte order, set and get"),
    ROW(IP6, WS_IPV6_MTU_DISCOVER, IPPROTO_IPV6, IPV6_MTU_DISCOVER, WSP_LEN_INT, WSP_KIND_PMTUD, GS | V6, 4,
        wsp_set_pmtud, wsp_get_pmtud, 0, "0 (IP_PMTUDISC_NOT_SET)",
        "numbered differently: Windows NOT_SET 0, DO 1, DONT 2, PROBE 3; Linux DONT 0, WANT 1, DO 2, PROBE 3",
        "ref §1.10, §3.3: PMTUD_STATE as IP_MTU_DISCOVER"),
    ROW(IP6, WS_IPV6_MTU, IPPROTO_IPV6, IPV6_MTU, WSP_LEN_INT, WSP_KIND_INT, G | V6, 4,
        NULL, NULL, WSAENOPROTOOPT, "- (connected sockets only)", "Linux also lets a program set it",
        "ref §1.10, §3.3: DWORD, get only"),
    NOSUP(IP6, WS_IPV6_RECVERR, IPPROTO_IPV6,
          "as IP_RECVERR: WSARecvMsg control data libwsp does not produce; IPV6_RECVERR is the provider's own switch"),
    ROW(IP6, WS_IPV6_HDRINCL, IPPROTO_IPV6, IPV6_HDRINCL, WSP_LEN_INT, WSP_KIND_BOOL, GS | V6, 4,
        wsp_set_hdrincl, wsp_get_hdrincl, 0, "- (raw sockets only: 0)", "Linux: ENOPROTOOPT on TCP and UDP sockets",
        "ref §1.10, §3.3: BOOL, raw sockets; TCP/UDP: WSAEINVAL as IP_HDRINCL (inference)"),
    /* doc IPV6_PROTECTION_LEVEL: PROTECTION_LEVEL_RESTRICTED limits a socket to
     * intranet peers.  Storing the level without enforcing it would tell a
     * program it is restricted when it is not, and the per-socket state has
     * one free flag bit (the level needs two). */
    NOSUP(IP6, WS_IPV6_PROTECTION_LEVEL, IPPROTO_IPV6,
          "PROTECTION_LEVEL_RESTRICTED (intranet peers only) and edge traversal (Teredo) have no Linux counterpart: a stored but unenforced level would claim a restriction that is not applied"),
    NOSUP(IP6, WS_IPV6_HOPOPTS, IPPROTO_IPV6, "IPv6 extension headers: not implemented"),
    NOSUP(IP6, WS_IPV6_RECVIF, IPPROTO_IPV6, "control data with no Linux counterpart (IPV6_PKTINFO carries the index)"),
    NOSUP(IP6, WS_IPV6_RECVDSTADDR, IPPROTO_IPV6, "control data with no Linux counterpart (IPV6_PKTINFO carries the address)"),
    NOSUP(IP6, WS_IPV6_CHECKSUM, IPPROTO_IPV6, "raw sockets only, which libwsp does not create"),
    NOSUP(IP6, WS_IPV6_IFLIST, IPPROTO_IPV6, "interface lists: no Linux equivalent"),
    NOSUP(IP6, WS_IPV6_ADD_IFLIST, IPPROTO_IPV6, "interface lists: no Linux equivalent"),
    NOSUP(IP6, WS_IPV6_DEL_IFLIST, IPPROTO_IPV6, "interface lists: no Linux equivalent"),
    NOSUP(IP6, WS_IPV6_GET_IFLIST, IPPROTO_IPV6, "interface lists: no Linux equivalent"),
    NOSUP(IP6, WS_IPV6_RTHDR, IPPROTO_IPV6, "IPv6 extension headers: not implemented"),
    NOSUP(IP6, WS_IPV6_RECVRTHDR, IPPROTO_IPV6, "IPv6 extension headers: not implemented"),
    NOSUP(IP6, WS_IPV6_RECVECN, IPPROTO_IPV6, "Windows ECN control data: not implemented"),
    NOSUP(IP6, WS_IPV6_PKTINFO_EX, IPPROTO_IPV6, "control data with no Linux counterpart"),
    NOSUP(IP6, WS_IPV6_WFP_REDIRECT_RECORDS, IPPROTO_IPV6, "Windows Filtering Platform: no Linux equivalent"),
    NOSUP(IP6, WS_IPV6_WFP_REDIRECT_CONTEXT, IPPROTO_IPV6, "Windows Filtering Platform: no Linux equivalent"),
    NOSUP(IP6, WS_IPV6_NRT_INTERFACE, IPPROTO_IPV6, "no Linux equivalent"),
    NOSUP(IP6, WS_IPV6_USER_MTU, IPPROTO_IPV6, "no per-socket MTU cap on Linux"),

    /* ---- IPPROTO_UDP (UDP sockets only: others get WSAENOPROTOOPT) ------- */
    ROW(UDP, WS_UDP_NOCHECKSUM, SOL_SOCKET, SO_NO_CHECK, WSP_LEN_BOOL, WSP_KIND_BOOL, GS | DGR, 4,
        NULL, NULL, 0, "0", "Linux: SO_NO_CHECK at SOL_SOCKET, IPv4 datagrams only",
        "ref §1.8, §3.4: BOOL, send with checksum 0 (IPv4); ref §6: SO_NO_CHECK"),
    ROW(UDP, WS_UDP_SEND_MSG_SIZE, IPPROTO_UDP, UDP_SEGMENT, WSP_LEN_INT, WSP_KIND_INT, GS | DGR, 4,
        wsp_set_send_msg_size, NULL, 0, "0 (off)", "Linux UDP_SEGMENT (GSO), at most 65535",
        "ref §1.8, §3.4: DWORD, send offload segment size; ref §6: UDP_SEGMENT"),
    NOSUP(UDP, WS_UDP_RECV_MAX_COALESCED_SIZE, IPPROTO_UDP,
          "Linux's UDP_GRO is a switch and its coalesced datagrams need control data libwsp does not translate"),
    /* doc "IPPROTO_UDP socket options" calls it a BOOL ("sent with a checksum"),
     * ws2tcpip.h a UDP-Lite checksum coverage: either way no Linux UDP socket
     * has it (UDPLITE_SEND_CSCOV needs an IPPROTO_UDPLITE socket, chosen at
     * socket()). */
    NOSUP(UDP, WS_UDP_CHECKSUM_COVERAGE, IPPROTO_UDP,
          "UDP-Lite coverage: Linux sets it only on IPPROTO_UDPLITE sockets (UDPLITE_SEND_CSCOV), which a UDP socket cannot become"),
};
#undef ROW
#undef ROW_
#undef NOSUP

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

/* Both lookups sit on the setsockopt/getsockopt hot path, and both indexes
 * are built once at load time.  Until they are -- a constructor that runs
 * before ours may already call setsockopt -- the table is scanned.
 *
 * Windows names: an open-addressing index (row number + 1 per slot); they
 * are too sparse for arrays (0x1001, 0x7010, ~SO_LINGER).  POSIX names are
 * small integers: one array per native level indexed by the name, read by
 * the inline wsp_opt_find_native (wsp_internal.h). */
#define NROWS (sizeof rows / sizeof rows[0])
#define INDEX_SLOTS 512u
_Static_assert(NROWS < INDEX_SLOTS / 2 && NROWS < 255, "option index too small");

static uint8_t by_windows[INDEX_SLOTS];   /* row + 1 */
static _Atomic int index_built, native_built;

wsp_optrow_ref wsp_opt_native_sol[WSP_NATIVE_NAMES_SOL], wsp_opt_native_ip[WSP_NATIVE_NAMES_IP],
    wsp_opt_native_ipv6[WSP_NATIVE_NAMES_IPV6], wsp_opt_native_tcp[WSP_NATIVE_NAMES_TCP],
    wsp_opt_native_udp[WSP_NATIVE_NAMES_UDP];

static unsigned slot_of(int level, int name)
{
    return ((unsigned)level * 2654435761u ^ (unsigned)name * 40503u) % INDEX_SLOTS;
}

/* The array entry for a row's POSIX (level, name), NULL if it has none */
static wsp_optrow_ref *native_entry(int nlevel, int nname)
{
    static const struct { int level; wsp_optrow_ref *names; unsigned size; } arrays[] = {
        { SOL_SOCKET, wsp_opt_native_sol, WSP_NATIVE_NAMES_SOL },
        { IPPROTO_IP, wsp_opt_native_ip, WSP_NATIVE_NAMES_IP },
        { IPPROTO_IPV6, wsp_opt_native_ipv6, WSP_NATIVE_NAMES_IPV6 },
        { IPPROTO_TCP, wsp_opt_native_tcp, WSP_NATIVE_NAMES_TCP },
        { IPPROTO_UDP, wsp_opt_native_udp, WSP_NATIVE_NAMES_UDP },
    };
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++)
        if (arrays[i].level == nlevel)
            return nname >= 0 && (unsigned)nname < arrays[i].size ? &arrays[i].names[nname] : NULL;
    return NULL;
}

__attribute__((constructor)) static void build_index(void)
{
    int native_fits = 1;
    for (size_t i = 0; i < NROWS; i++) {
        unsigned at = slot_of(rows[i].wlevel, rows[i].wname);
        while (by_windows[at])
            at = (at + 1) % INDEX_SLOTS;
        by_windows[at] = (uint8_t)(i + 1);
        if (rows[i].nname < 0 || (rows[i].flags & WSP_OPT_NO_POSIX))
            continue;
        /* the first row naming it wins, as in the scan; an entry, once
         * set, never changes (the inline lookup reads it without a lock) */
        wsp_optrow_ref *entry = native_entry(rows[i].nlevel, rows[i].nname);
        if (!entry)
            native_fits = 0;          /* a level or name the arrays lack: scan for ever (a test fails) */
        else if (!atomic_load_explicit(entry, memory_order_relaxed))
            atomic_store_explicit(entry, &rows[i], memory_order_relaxed);
    }
    atomic_store_explicit(&index_built, 1, memory_order_release);
    atomic_store_explicit(&native_built, native_fits, memory_order_release);
}

int wsp_opt_native_index_ready(void)
{
    return atomic_load_explicit(&native_built, memory_order_acquire);
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

/* wsp_opt_find_native found no entry: once the arrays hold every row, no
 * row has that (level, name); before (or if a row did not fit), scan. */
const struct wsp_optrow *wsp_opt_find_native_slow(int nlevel, int nname)
{
    if (nname < 0 || atomic_load_explicit(&native_built, memory_order_acquire))
        return NULL;
    for (size_t i = 0; i < NROWS; i++)
        if (rows[i].nname == nname && rows[i].nlevel == nlevel && !(rows[i].flags & WSP_OPT_NO_POSIX))
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

/*
 * Names of POSIX socket options for the report.  A name comes from the
 * option table first (spi/sockopt_table.c: a row's nname_str), so an option
 * given a row is named by it automatically.  The list below names the Linux
 * options of the levels a served socket can be asked about, whether or not
 * a row exists for them: it is every option <linux/in.h>, <linux/in6.h>,
 * <linux/tcp.h>, <linux/udp.h> and <asm-generic/socket.h> define (value
 * constants such as IP_PMTUDISC_DO excluded), checked against those headers
 * by tests/optname_test.py.  Anything else is named "LEVEL:NUMBER" and
 * flagged as unnamed.
 */
#include "shim.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <string.h>
#include <sys/socket.h>

/* In the kernel's headers but not (yet) in glibc's; the numbers are the
 * kernel's ABI. */
#ifndef IP_LOCAL_PORT_RANGE
#define IP_LOCAL_PORT_RANGE 51
#endif
#ifndef IP_PROTOCOL
#define IP_PROTOCOL 52
#endif
#ifndef IPV6_FLOWINFO
#define IPV6_FLOWINFO 11
#endif
#ifndef IPV6_FLOWLABEL_MGR
#define IPV6_FLOWLABEL_MGR 32
#endif
#ifndef IPV6_FLOWINFO_SEND
#define IPV6_FLOWINFO_SEND 33
#endif
#ifndef IPV6_USE_MIN_MTU
#define IPV6_USE_MIN_MTU 63
#endif

static const struct optname { int level, name; const char *str; } names[] = {
#define S(n)   { SOL_SOCKET, n, #n }
#define IP(n)  { IPPROTO_IP, n, #n }
#define V6(n)  { IPPROTO_IPV6, n, #n }
#define TCP(n) { IPPROTO_TCP, n, #n }
#define UDP(n) { IPPROTO_UDP, n, #n }
    /* SOL_SOCKET */
    S(SO_DEBUG), S(SO_REUSEADDR), S(SO_TYPE), S(SO_ERROR),
    S(SO_DONTROUTE), S(SO_BROADCAST), S(SO_SNDBUF), S(SO_RCVBUF),
    S(SO_KEEPALIVE), S(SO_OOBINLINE), S(SO_NO_CHECK),
    S(SO_PRIORITY), S(SO_LINGER), S(SO_BSDCOMPAT), S(SO_REUSEPORT),
    S(SO_PASSCRED), S(SO_PEERCRED), S(SO_RCVLOWAT), S(SO_SNDLOWAT),
    S(SO_RCVTIMEO), S(SO_SNDTIMEO), S(SO_SECURITY_AUTHENTICATION),
    S(SO_SECURITY_ENCRYPTION_TRANSPORT), S(SO_SECURITY_ENCRYPTION_NETWORK),
    S(SO_BINDTODEVICE), S(SO_ATTACH_FILTER), S(SO_DETACH_FILTER),
    S(SO_PEERNAME), S(SO_TIMESTAMP), S(SO_ACCEPTCONN),
    S(SO_PEERSEC), S(SO_SNDBUFFORCE), S(SO_RCVBUFFORCE),
    S(SO_PASSSEC), S(SO_TIMESTAMPNS), S(SO_MARK),
    S(SO_TIMESTAMPING), S(SO_PROTOCOL), S(SO_DOMAIN),
    S(SO_RXQ_OVFL), S(SO_WIFI_STATUS), S(SO_PEEK_OFF), S(SO_NOFCS),
    S(SO_LOCK_FILTER), S(SO_SELECT_ERR_QUEUE), S(SO_BUSY_POLL),
    S(SO_MAX_PACING_RATE), S(SO_BPF_EXTENSIONS), S(SO_INCOMING_CPU),
    S(SO_ATTACH_BPF), S(SO_ATTACH_REUSEPORT_CBPF), S(SO_ATTACH_REUSEPORT_EBPF),
    S(SO_CNX_ADVICE), S(SO_MEMINFO), S(SO_INCOMING_NAPI_ID),
    S(SO_COOKIE), S(SO_PEERGROUPS), S(SO_ZEROCOPY), S(SO_TXTIME),
    S(SO_BINDTOIFINDEX), S(SO_TIMESTAMP_NEW), S(SO_TIMESTAMPNS_NEW),
    S(SO_TIMESTAMPING_NEW), S(SO_RCVTIMEO_NEW), S(SO_SNDTIMEO_NEW),
    S(SO_DETACH_REUSEPORT_BPF), S(SO_PREFER_BUSY_POLL), S(SO_BUSY_POLL_BUDGET),
    S(SO_NETNS_COOKIE), S(SO_BUF_LOCK), S(SO_RESERVE_MEM),
    S(SO_TXREHASH), S(SO_RCVMARK),
    /* IPPROTO_IP */
    IP(IP_TOS), IP(IP_TTL), IP(IP_HDRINCL), IP(IP_OPTIONS),
    IP(IP_ROUTER_ALERT), IP(IP_RECVOPTS), IP(IP_RETOPTS),
    IP(IP_PKTINFO), IP(IP_PKTOPTIONS), IP(IP_MTU_DISCOVER),
    IP(IP_RECVERR), IP(IP_RECVTTL), IP(IP_RECVTOS), IP(IP_MTU),
    IP(IP_FREEBIND), IP(IP_IPSEC_POLICY), IP(IP_XFRM_POLICY),
    IP(IP_PASSSEC), IP(IP_TRANSPARENT), IP(IP_ORIGDSTADDR),
    IP(IP_MINTTL), IP(IP_NODEFRAG), IP(IP_CHECKSUM),
    IP(IP_BIND_ADDRESS_NO_PORT), IP(IP_RECVFRAGSIZE), IP(IP_RECVERR_RFC4884),
    IP(IP_MULTICAST_IF), IP(IP_MULTICAST_TTL), IP(IP_MULTICAST_LOOP),
    IP(IP_ADD_MEMBERSHIP), IP(IP_DROP_MEMBERSHIP), IP(IP_UNBLOCK_SOURCE),
    IP(IP_BLOCK_SOURCE), IP(IP_ADD_SOURCE_MEMBERSHIP),
    IP(IP_DROP_SOURCE_MEMBERSHIP), IP(IP_MSFILTER), IP(MCAST_JOIN_GROUP),
    IP(MCAST_BLOCK_SOURCE), IP(MCAST_UNBLOCK_SOURCE), IP(MCAST_LEAVE_GROUP),
    IP(MCAST_JOIN_SOURCE_GROUP), IP(MCAST_LEAVE_SOURCE_GROUP), IP(MCAST_MSFILTER),
    IP(IP_MULTICAST_ALL), IP(IP_UNICAST_IF), IP(IP_LOCAL_PORT_RANGE),
    IP(IP_PROTOCOL),
    /* IPPROTO_IPV6 */
    V6(IPV6_ADDRFORM), V6(IPV6_2292PKTINFO), V6(IPV6_2292HOPOPTS),
    V6(IPV6_2292DSTOPTS), V6(IPV6_2292RTHDR), V6(IPV6_2292PKTOPTIONS),
    V6(IPV6_CHECKSUM), V6(IPV6_2292HOPLIMIT), V6(IPV6_NEXTHOP),
    V6(IPV6_AUTHHDR), V6(IPV6_FLOWINFO), V6(IPV6_UNICAST_HOPS),
    V6(IPV6_MULTICAST_IF), V6(IPV6_MULTICAST_HOPS), V6(IPV6_MULTICAST_LOOP),
    V6(IPV6_ADD_MEMBERSHIP), V6(IPV6_DROP_MEMBERSHIP), V6(IPV6_ROUTER_ALERT),
    V6(IPV6_MTU_DISCOVER), V6(IPV6_MTU), V6(IPV6_RECVERR),
    V6(IPV6_V6ONLY), V6(IPV6_JOIN_ANYCAST), V6(IPV6_LEAVE_ANYCAST),
    V6(IPV6_MULTICAST_ALL), V6(IPV6_ROUTER_ALERT_ISOLATE),
    V6(IPV6_RECVERR_RFC4884), V6(IPV6_FLOWLABEL_MGR), V6(IPV6_FLOWINFO_SEND),
    V6(IPV6_IPSEC_POLICY), V6(IPV6_XFRM_POLICY), V6(IPV6_HDRINCL),
    V6(IPV6_RECVPKTINFO), V6(IPV6_PKTINFO), V6(IPV6_RECVHOPLIMIT),
    V6(IPV6_HOPLIMIT), V6(IPV6_RECVHOPOPTS), V6(IPV6_HOPOPTS),
    V6(IPV6_RTHDRDSTOPTS), V6(IPV6_RECVRTHDR), V6(IPV6_RTHDR),
    V6(IPV6_RECVDSTOPTS), V6(IPV6_DSTOPTS), V6(IPV6_RECVPATHMTU),
    V6(IPV6_PATHMTU), V6(IPV6_DONTFRAG), V6(IPV6_USE_MIN_MTU),
    V6(IPV6_RECVTCLASS), V6(IPV6_TCLASS), V6(IPV6_AUTOFLOWLABEL),
    V6(IPV6_ADDR_PREFERENCES), V6(IPV6_MINHOPCOUNT), V6(IPV6_ORIGDSTADDR),
    V6(IPV6_TRANSPARENT), V6(IPV6_UNICAST_IF), V6(IPV6_RECVFRAGSIZE),
    V6(IPV6_FREEBIND),
    /* IPPROTO_TCP */
    TCP(TCP_NODELAY), TCP(TCP_MAXSEG), TCP(TCP_CORK), TCP(TCP_KEEPIDLE),
    TCP(TCP_KEEPINTVL), TCP(TCP_KEEPCNT), TCP(TCP_SYNCNT),
    TCP(TCP_LINGER2), TCP(TCP_DEFER_ACCEPT), TCP(TCP_WINDOW_CLAMP),
    TCP(TCP_INFO), TCP(TCP_QUICKACK), TCP(TCP_CONGESTION),
    TCP(TCP_MD5SIG), TCP(TCP_THIN_LINEAR_TIMEOUTS), TCP(TCP_THIN_DUPACK),
    TCP(TCP_USER_TIMEOUT), TCP(TCP_REPAIR), TCP(TCP_REPAIR_QUEUE),
    TCP(TCP_QUEUE_SEQ), TCP(TCP_REPAIR_OPTIONS), TCP(TCP_FASTOPEN),
    TCP(TCP_TIMESTAMP), TCP(TCP_NOTSENT_LOWAT), TCP(TCP_CC_INFO),
    TCP(TCP_SAVE_SYN), TCP(TCP_SAVED_SYN), TCP(TCP_REPAIR_WINDOW),
    TCP(TCP_FASTOPEN_CONNECT), TCP(TCP_ULP), TCP(TCP_MD5SIG_EXT),
    TCP(TCP_FASTOPEN_KEY), TCP(TCP_FASTOPEN_NO_COOKIE), TCP(TCP_ZEROCOPY_RECEIVE),
    TCP(TCP_INQ), TCP(TCP_TX_DELAY),
    /* IPPROTO_UDP */
    UDP(UDP_CORK), UDP(UDP_ENCAP), UDP(UDP_NO_CHECK6_TX),
    UDP(UDP_NO_CHECK6_RX), UDP(UDP_SEGMENT), UDP(UDP_GRO),
    /* newer than the headers this list was checked against: named when the build's headers have them */
#ifdef SO_PASSPIDFD
    S(SO_PASSPIDFD),
#endif
#ifdef SO_PEERPIDFD
    S(SO_PEERPIDFD),
#endif
#ifdef SO_RCVPRIORITY
    S(SO_RCVPRIORITY),
#endif
#ifdef SO_PASSRIGHTS
    S(SO_PASSRIGHTS),
#endif
#ifdef TCP_AO_ADD_KEY
    TCP(TCP_AO_ADD_KEY), TCP(TCP_AO_DEL_KEY), TCP(TCP_AO_INFO), TCP(TCP_AO_GET_KEYS), TCP(TCP_AO_REPAIR),
#endif
#ifdef TCP_IS_MPTCP
    TCP(TCP_IS_MPTCP),
#endif
#ifdef TCP_RTO_MAX_MS
    TCP(TCP_RTO_MAX_MS),
#endif
#ifdef TCP_RTO_MIN_US
    TCP(TCP_RTO_MIN_US),
#endif
#ifdef TCP_DELACK_MAX_US
    TCP(TCP_DELACK_MAX_US),
#endif
#undef S
#undef IP
#undef V6
#undef TCP
#undef UDP
};

/* Levels other than the option table's that a program may name on an
 * AF_INET/AF_INET6 socket. */
static const struct { int level; const char *str; } levels[] = {
    { IPPROTO_ICMPV6, "IPPROTO_ICMPV6" }, { IPPROTO_RAW, "SOL_RAW" },  { IPPROTO_UDPLITE, "IPPROTO_UDPLITE" },
    { IPPROTO_SCTP, "IPPROTO_SCTP" },     { 282, "SOL_TLS" },           { 284, "SOL_MPTCP" },
};

static size_t put_int(char *buf, size_t cap, int v)
{
    char d[12];
    size_t n = 0, at = 0;
    unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
    do
        d[n++] = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0 && at + 1 < cap)
        buf[at++] = '-';
    while (n && at + 1 < cap)
        buf[at++] = d[--n];
    buf[at] = '\0';
    return at;
}

const char *shim_level_name(int level, char *buf, size_t cap)
{
    const char *n = wsp_native_level_name(level);
    if (n)
        return n;
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
        if (levels[i].level == level)
            return levels[i].str;
    put_int(buf, cap, level);
    return buf;
}

const char *shim_option_name(int level, int name, const struct wsp_optrow *row, char *buf, size_t cap,
                             int *named)
{
    *named = 1;
    if (!row || row->nlevel != level || row->nname != name)
        row = wsp_opt_find_native(level, name);
    if (row && row->nname_str)
        return row->nname_str;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].level == level && names[i].name == name)
            return names[i].str;
    *named = 0;
    char lbuf[16];
    const char *l = shim_level_name(level, lbuf, sizeof lbuf);
    size_t n = strlen(l);
    if (n + 2 > cap)
        n = cap > 2 ? cap - 2 : 0;
    memcpy(buf, l, n);
    buf[n++] = ':';
    put_int(buf + n, cap - n, name);
    return buf;
}

size_t shim_optname_count(void)
{
    return sizeof names / sizeof names[0];
}

void shim_optname_at(size_t i, int *level, int *name, const char **str)
{
    *level = names[i].level;
    *name = names[i].name;
    *str = names[i].str;
}

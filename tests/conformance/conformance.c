/*
 * Differential Winsock conformance probe (GitHub issue #5).
 *
 * One program, written against the Windows API only, built two ways:
 *
 *   Windows (run under Wine):
 *     x86_64-w64-mingw32-gcc -O1 -o conformance.exe conformance.c -lws2_32
 *   Linux, against libwsp (the adapter below maps the Winsock calls onto
 *   WSPStartup and the WSPPROC_TABLE):
 *     cc -std=c11 -DWSP_LIBWSP -I<src>/compat conformance.c -L<build>/spi -lwsp
 *
 * stdout: one line per case and nothing else,
 *
 *     case_id                                                   ret   err  len value
 *
 * ret = the call's return value (0 / -1), err = WSAGetLastError() right after
 * the call (preset to 0 before it), len = *optlen after a get ("-" for a
 * set), value = for a get, the 8-byte buffer (pre-filled 0xdeadbeefdeadbeef)
 * as 16 hex digits in memory order ("-" for a set).
 *
 * Normalisation: values that legitimately differ between any two machines
 * are printed in a normalised form so that the comparison means something:
 *   - defaults of SO_RCVBUF, SO_SNDBUF, IP_TTL, IPV6_UNICAST_HOPS and
 *     TCP_KEEPCNT (system/stack/version dependent): the bytes the call wrote
 *     (the first min(len,4)) are replaced by "nz"/"00" markers per the value
 *     being nonzero or zero, e.g. "nonzero:........efbeadde"; the untouched
 *     tail stays visible;
 *   - SO_PROTOCOL_INFOW: only iAddressFamily, iSocketType and iProtocol are
 *     printed (the rest -- provider GUID, catalog id, description -- differs
 *     between any two machines);
 *   - SO_CONNECT_TIME is only read on unconnected sockets (0xFFFFFFFF), where
 *     it is deterministic; a connected socket's value is elapsed time.
 * Everything else is printed raw.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef WSP_LIBWSP
/* ---- adapter: Winsock API names on top of libwsp's WSPPROC_TABLE ---- */
# include <winsock2.h>
# include <ws2tcpip.h>
# include <mswsock.h>
# include <ws2spi.h>

static WSPPROC_TABLE cf_wsp;
static int cf_last_error;

static int cf_WSAStartup(WORD version, WSADATA *data)
{
    WSPDATA wspdata;
    WSAPROTOCOL_INFOW info;
    WSPUPCALLTABLE upcalls;
    (void)data;
    memset(&info, 0, sizeof info);
    memset(&upcalls, 0, sizeof upcalls);
    return WSPStartup(version, &wspdata, &info, upcalls, &cf_wsp);
}
static int cf_WSAGetLastError(void) { return cf_last_error; }
static void cf_WSASetLastError(int e) { cf_last_error = e; }
static int cf_WSACleanup(void) { return 0; }
static SOCKET cf_socket(int af, int type, int protocol)
{
    int err = 0;
    SOCKET s = cf_wsp.lpWSPSocket(af, type, protocol, NULL, 0, 0, &err);
    if (s == INVALID_SOCKET)
        cf_last_error = err;
    return s;
}
static int cf_closesocket(SOCKET s)
{
    int err = 0, r = cf_wsp.lpWSPCloseSocket(s, &err);
    if (r)
        cf_last_error = err;
    return r;
}
# ifdef WSP_ENTRY_PARITY
/* tests/entry_parity.c: the same calls through the procedure table or
 * through libwsp's internal row entry, as WSP_PARITY_ENTRY says */
int wsp_parity_setsockopt(WSPPROC_TABLE *t, SOCKET s, int level, int name, const char *val, int len, int *err);
int wsp_parity_getsockopt(WSPPROC_TABLE *t, SOCKET s, int level, int name, char *val, int *len, int *err);
#  define CF_SET(s, level, name, val, len, err) wsp_parity_setsockopt(&cf_wsp, s, level, name, val, len, err)
#  define CF_GET(s, level, name, val, len, err) wsp_parity_getsockopt(&cf_wsp, s, level, name, val, len, err)
# else
#  define CF_SET(s, level, name, val, len, err) cf_wsp.lpWSPSetSockOpt(s, level, name, val, len, err)
#  define CF_GET(s, level, name, val, len, err) cf_wsp.lpWSPGetSockOpt(s, level, name, val, len, err)
# endif
static int cf_setsockopt(SOCKET s, int level, int name, const char *val, int len)
{
    int err = 0, r = CF_SET(s, level, name, val, len, &err);
    if (r)
        cf_last_error = err;
    return r;
}
static int cf_getsockopt(SOCKET s, int level, int name, char *val, int *len)
{
    int err = 0, r = CF_GET(s, level, name, val, len, &err);
    if (r)
        cf_last_error = err;
    return r;
}
static int cf_bind(SOCKET s, const struct sockaddr *a, int len)
{
    int err = 0, r = cf_wsp.lpWSPBind(s, a, len, &err);
    if (r)
        cf_last_error = err;
    return r;
}
static int cf_listen(SOCKET s, int backlog)
{
    int err = 0, r = cf_wsp.lpWSPListen(s, backlog, &err);
    if (r)
        cf_last_error = err;
    return r;
}
# define WSAStartup cf_WSAStartup
# define WSACleanup cf_WSACleanup
# define WSAGetLastError cf_WSAGetLastError
# define WSASetLastError cf_WSASetLastError
# define socket cf_socket
# define closesocket cf_closesocket
# define setsockopt cf_setsockopt
# define getsockopt cf_getsockopt
# define bind cf_bind
# define listen cf_listen
#else
/* ---- Windows: the real ws2_32 ---- */
# include <winsock2.h>
# include <ws2tcpip.h>
# include <mswsock.h>
# include <fcntl.h>
# include <io.h>
#endif

#ifndef SO_CONNECT_TIME
# define SO_CONNECT_TIME 0x700C
#endif
#ifndef TCP_KEEPALIVE
# define TCP_KEEPALIVE 3
#endif
#ifndef TCP_KEEPCNT
# define TCP_KEEPCNT 16
#endif
#ifndef TCP_KEEPINTVL
# define TCP_KEEPINTVL 17
#endif
/* Windows values of the protocol-level options mingw-w64's headers may lack
 * (ws2def.h / ws2ipdef.h / mswsock.h; ref §1.7-1.10) */
#ifndef TCP_MAXSEG
# define TCP_MAXSEG 4
#endif
#ifndef TCP_MAXRT
# define TCP_MAXRT 5
#endif
#ifndef TCP_TIMESTAMPS
# define TCP_TIMESTAMPS 10
#endif
#ifndef TCP_MAXRTMS
# define TCP_MAXRTMS 14
#endif
#ifndef TCP_FASTOPEN
# define TCP_FASTOPEN 15
#endif
#ifndef TCP_FAIL_CONNECT_ON_ICMP_ERROR
# define TCP_FAIL_CONNECT_ON_ICMP_ERROR 18
#endif
#ifndef TCP_ICMP_ERROR_INFO
# define TCP_ICMP_ERROR_INFO 19
#endif
#ifndef TCP_BSDURGENT
# define TCP_BSDURGENT 0x7000
#endif
#ifndef IP_RECVTOS
# define IP_RECVTOS 40
#endif
#ifndef IP_MTU_DISCOVER
# define IP_MTU_DISCOVER 71
#endif
#ifndef IP_MTU
# define IP_MTU 73
#endif
#ifndef IP_RECVERR
# define IP_RECVERR 75
#endif
#ifndef IPV6_TCLASS
# define IPV6_TCLASS 39
#endif
#ifndef IPV6_RECVTCLASS
# define IPV6_RECVTCLASS 40
#endif
#ifndef IPV6_MTU_DISCOVER
# define IPV6_MTU_DISCOVER 71
#endif
#ifndef IPV6_MTU
# define IPV6_MTU 72
#endif
#ifndef IPV6_RECVERR
# define IPV6_RECVERR 75
#endif
#ifndef UDP_NOCHECKSUM
# define UDP_NOCHECKSUM 1
#endif
#ifndef UDP_SEND_MSG_SIZE
# define UDP_SEND_MSG_SIZE 2
#endif
#ifndef UDP_RECV_MAX_COALESCED_SIZE
# define UDP_RECV_MAX_COALESCED_SIZE 3
#endif
#ifndef UDP_CHECKSUM_COVERAGE
# define UDP_CHECKSUM_COVERAGE 20
#endif

/* ------------------------------------------------------------------------ */

static const struct kind {
    const char *name;
    int af, type;
} kinds[] = {
    { "tcp4", AF_INET, SOCK_STREAM },
    { "udp4", AF_INET, SOCK_DGRAM },
    { "tcp6", AF_INET6, SOCK_STREAM },
    { "udp6", AF_INET6, SOCK_DGRAM },
};
#define NKINDS ((int)(sizeof kinds / sizeof kinds[0]))

enum { V_RAW = 0, V_VOLATILE = 1, V_PROTOINFO = 2 };

/* The options of spi/sockopt_table.c (same order; the "not supported" rows
 * are represented by a few of them). */
static const struct opt {
    const char *level_name, *name;
    int level, opt;
    int vol;      /* V_VOLATILE: default is machine-dependent; V_PROTOINFO */
    int only_af;  /* 0 = any family, else AF_INET / AF_INET6 */
    int timeout;  /* DWORD ms: also round-trips 63000 */
    int light;    /* the protocol-level rows of issue 15: fewer cases, every kind of socket */
} opts[] = {
#define S(n, v) { "SOL_SOCKET", #n, SOL_SOCKET, n, v, 0, 0 }
    S(SO_DEBUG, V_RAW), S(SO_ACCEPTCONN, V_RAW), S(SO_REUSEADDR, V_RAW),
    S(SO_EXCLUSIVEADDRUSE, V_RAW), S(SO_KEEPALIVE, V_RAW), S(SO_DONTROUTE, V_RAW),
    S(SO_BROADCAST, V_RAW), S(SO_LINGER, V_RAW), S(SO_OOBINLINE, V_RAW),
    S(SO_DONTLINGER, V_RAW), S(SO_SNDBUF, V_VOLATILE), S(SO_RCVBUF, V_VOLATILE),
    S(SO_SNDLOWAT, V_RAW), S(SO_RCVLOWAT, V_RAW),
    { "SOL_SOCKET", "SO_SNDTIMEO", SOL_SOCKET, SO_SNDTIMEO, V_RAW, 0, 1 },
    { "SOL_SOCKET", "SO_RCVTIMEO", SOL_SOCKET, SO_RCVTIMEO, V_RAW, 0, 1 },
    S(SO_ERROR, V_RAW), S(SO_TYPE, V_RAW), S(SO_GROUP_ID, V_RAW),
    S(SO_GROUP_PRIORITY, V_RAW), S(SO_MAX_MSG_SIZE, V_RAW),
    S(SO_PROTOCOL_INFOW, V_PROTOINFO), S(SO_CONNECT_TIME, V_RAW), S(PVD_CONFIG, V_RAW),
    S(SO_USELOOPBACK, V_RAW),
#undef S
    { "IPPROTO_TCP", "TCP_NODELAY", IPPROTO_TCP, TCP_NODELAY, V_RAW, 0, 0 },
    { "IPPROTO_TCP", "TCP_KEEPALIVE", IPPROTO_TCP, TCP_KEEPALIVE, V_RAW, 0, 0 },
    { "IPPROTO_TCP", "TCP_KEEPINTVL", IPPROTO_TCP, TCP_KEEPINTVL, V_RAW, 0, 0 },
    { "IPPROTO_TCP", "TCP_KEEPCNT", IPPROTO_TCP, TCP_KEEPCNT, V_VOLATILE, 0, 0 },
    { "IPPROTO_IP", "IP_TTL", IPPROTO_IP, IP_TTL, V_VOLATILE, AF_INET, 0 },
    { "IPPROTO_IP", "IP_TOS", IPPROTO_IP, IP_TOS, V_RAW, AF_INET, 0 },
    { "IPPROTO_IPV6", "IPV6_V6ONLY", IPPROTO_IPV6, IPV6_V6ONLY, V_RAW, AF_INET6, 0 },
    { "IPPROTO_IPV6", "IPV6_UNICAST_HOPS", IPPROTO_IPV6, IPV6_UNICAST_HOPS, V_VOLATILE, AF_INET6, 0 },
#define L(lv, n, v) { #lv, #n, lv, n, v, 0, 0, 1 }
    L(IPPROTO_TCP, TCP_MAXSEG, V_VOLATILE), L(IPPROTO_TCP, TCP_MAXRT, V_RAW), L(IPPROTO_TCP, TCP_MAXRTMS, V_RAW),
    L(IPPROTO_TCP, TCP_FASTOPEN, V_RAW), L(IPPROTO_TCP, TCP_TIMESTAMPS, V_VOLATILE),
    L(IPPROTO_TCP, TCP_EXPEDITED_1122, V_RAW), L(IPPROTO_TCP, TCP_BSDURGENT, V_RAW),
    L(IPPROTO_TCP, TCP_FAIL_CONNECT_ON_ICMP_ERROR, V_RAW), L(IPPROTO_TCP, TCP_ICMP_ERROR_INFO, V_RAW),
    L(IPPROTO_IP, IP_OPTIONS, V_RAW), L(IPPROTO_IP, IP_HDRINCL, V_RAW), L(IPPROTO_IP, IP_MULTICAST_IF, V_RAW),
    L(IPPROTO_IP, IP_MULTICAST_TTL, V_RAW), L(IPPROTO_IP, IP_MULTICAST_LOOP, V_RAW),
    L(IPPROTO_IP, IP_ADD_MEMBERSHIP, V_RAW), L(IPPROTO_IP, IP_DONTFRAGMENT, V_RAW), L(IPPROTO_IP, IP_PKTINFO, V_RAW),
    L(IPPROTO_IP, IP_RECVTTL, V_RAW), L(IPPROTO_IP, IP_RECVTOS, V_RAW), L(IPPROTO_IP, IP_UNICAST_IF, V_RAW),
    L(IPPROTO_IP, IP_MTU_DISCOVER, V_RAW), L(IPPROTO_IP, IP_MTU, V_RAW), L(IPPROTO_IP, IP_RECVERR, V_RAW),
    L(IPPROTO_IP, IP_RECVIF, V_RAW),
    L(IPPROTO_IPV6, IPV6_MULTICAST_IF, V_RAW), L(IPPROTO_IPV6, IPV6_MULTICAST_HOPS, V_RAW),
    L(IPPROTO_IPV6, IPV6_MULTICAST_LOOP, V_RAW), L(IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, V_RAW),
    L(IPPROTO_IPV6, IPV6_DONTFRAG, V_RAW), L(IPPROTO_IPV6, IPV6_PKTINFO, V_RAW), L(IPPROTO_IPV6, IPV6_HOPLIMIT, V_RAW),
    L(IPPROTO_IPV6, IPV6_RECVTCLASS, V_RAW), L(IPPROTO_IPV6, IPV6_TCLASS, V_RAW),
    L(IPPROTO_IPV6, IPV6_UNICAST_IF, V_RAW), L(IPPROTO_IPV6, IPV6_MTU_DISCOVER, V_RAW),
    L(IPPROTO_IPV6, IPV6_MTU, V_RAW), L(IPPROTO_IPV6, IPV6_RECVERR, V_RAW), L(IPPROTO_IPV6, IPV6_HDRINCL, V_RAW),
    L(IPPROTO_IPV6, IPV6_PROTECTION_LEVEL, V_RAW),
    L(IPPROTO_UDP, UDP_NOCHECKSUM, V_RAW), L(IPPROTO_UDP, UDP_SEND_MSG_SIZE, V_RAW),
    L(IPPROTO_UDP, UDP_RECV_MAX_COALESCED_SIZE, V_RAW), L(IPPROTO_UDP, UDP_CHECKSUM_COVERAGE, V_RAW),
#undef L
};
#define NOPTS ((int)(sizeof opts / sizeof opts[0]))

static const unsigned char FILL[8] = { 0xef, 0xbe, 0xad, 0xde, 0xef, 0xbe, 0xad, 0xde };

/* Wine (8.0) dereferences a NULL optval instead of failing WSAEFAULT; on the
 * Windows build a first-chance access violation inside a guarded call is
 * caught by a vectored handler and reported as ret -99 "fault" so the run
 * goes on.  The libwsp build needs no guard (GUARD_CALL just runs the call). */
#ifndef WSP_LIBWSP
static void *guard_jb[5];
static volatile LONG guard_on;
static LONG CALLBACK guard_veh(EXCEPTION_POINTERS *ep)
{
    if (guard_on && ep->ExceptionRecord->ExceptionCode == EXCEPTION_ACCESS_VIOLATION) {
        guard_on = 0;
        __builtin_longjmp(guard_jb, 1);
    }
    return EXCEPTION_CONTINUE_SEARCH;
}
# define GUARD_CALL(r, call)                                                   \
    do {                                                                       \
        if (__builtin_setjmp(guard_jb) == 0) {                                 \
            guard_on = 1;                                                      \
            (r) = (call);                                                      \
            guard_on = 0;                                                      \
        } else {                                                               \
            (r) = -99;                                                         \
        }                                                                      \
    } while (0)
#else
# define GUARD_CALL(r, call) ((r) = (call))
#endif

static void emit(const char *id, int ret, int err, const char *len, const char *val)
{
    printf("%-64s %3d %5d %4s %s\n", id, ret, err, len, val);
}

static void hex8(char *out, const unsigned char *b)
{
    for (int i = 0; i < 8; i++)
        sprintf(out + 2 * i, "%02x", b[i]);
}

static SOCKET mk(const struct kind *k)
{
    SOCKET s = socket(k->af, k->type, 0);
    if (s == INVALID_SOCKET) {
        fprintf(stderr, "conformance: socket(%s) failed: %d\n", k->name, WSAGetLastError());
        exit(2);
    }
    return s;
}

/* set: optval points to an 8-byte buffer holding value (int) then 0xffffffff */
static int do_set(const char *id, SOCKET s, const struct opt *o, int value, int optlen, int null_val)
{
    unsigned char buf[64];
    memset(buf, 0, sizeof buf);
    memcpy(buf, &value, 4);
    memset(buf + 4, 0xff, 4);
    WSASetLastError(0);
    int r;
    GUARD_CALL(r, setsockopt(s, o->level, o->opt, null_val ? NULL : (const char *)buf, optlen));
    int e = r == -99 ? 0 : WSAGetLastError();
    emit(id, r, e, "-", "-");
    return r;
}

/* get with *optlen = optlen (buffer large enough for SO_PROTOCOL_INFOW) */
static void do_get(const char *id, SOCKET s, const struct opt *o, int optlen, int volatile_value, int null_val)
{
    union {
        unsigned char b[8];
        WSAPROTOCOL_INFOW pi;
    } u;
    char val[80];
    int len = optlen;
    for (size_t i = 0; i < sizeof u; i++)
        u.b[i] = FILL[i % 8];
    WSASetLastError(0);
    int r;
    GUARD_CALL(r, getsockopt(s, o->level, o->opt, null_val ? NULL : (char *)u.b, &len));
    int e = r == -99 ? 0 : WSAGetLastError();
    char lenbuf[16];
    snprintf(lenbuf, sizeof lenbuf, "%d", len);
    hex8(val, u.b);
    if (r == -99)
        strcpy(val, "fault");
    else if (r == 0 && o->vol == V_PROTOINFO && len >= (int)sizeof(WSAPROTOCOL_INFOW)) {
        snprintf(val, sizeof val, "af=%d,type=%d,proto=%d", u.pi.iAddressFamily, u.pi.iSocketType,
                 u.pi.iProtocol);
    } else if (r == 0 && volatile_value && o->vol == V_VOLATILE && !null_val) {
        int n = len < 0 ? 0 : len > 4 ? 4 : len;
        int nz = 0;
        for (int i = 0; i < n; i++)
            nz |= u.b[i];
        strcpy(val, nz ? "nonzero:" : "zero:");
        char *p = val + strlen(val);
        hex8(p, u.b);
        for (int i = 0; i < n; i++)
            p[2 * i] = p[2 * i + 1] = '.';
    }
    emit(id, r, e, lenbuf, val);
}

static int full_len(const struct opt *o)
{
    return o->vol == V_PROTOINFO ? (int)sizeof(WSAPROTOCOL_INFOW) : 4;
}

static void option_cases(const struct kind *k, const struct opt *o, int matrix)
{
    char base[96], id[160];
    snprintf(base, sizeof base, "%s.%s.%s", k->name, o->level_name, o->name);
    SOCKET s;

    /* default on a fresh socket */
    s = mk(k);
    snprintf(id, sizeof id, "%s.get.default", base);
    do_get(id, s, o, full_len(o), 1, 0);
    closesocket(s);

    /* set-then-get round trips, one fresh socket per value */
    static const int values[] = { 0, 1, 0x100, 4096, 63000 };
    for (int i = 0; i < 5; i++) {
        if (values[i] == 63000 && !o->timeout)
            continue;
        s = mk(k);
        snprintf(id, sizeof id, "%s.set.v%d", base, values[i]);
        int r = do_set(id, s, o, values[i], 4, 0);
        snprintf(id, sizeof id, "%s.set.v%d.get", base, values[i]);
        do_get(id, s, o, full_len(o), r != 0, 0);
        closesocket(s);
    }

    /* NULL optval */
    s = mk(k);
    snprintf(id, sizeof id, "%s.set.null", base);
    do_set(id, s, o, 0, 4, 1);
    snprintf(id, sizeof id, "%s.get.null", base);
    do_get(id, s, o, 4, 1, 1);
    closesocket(s);

    if (!matrix)
        return;
    /* optlen matrix: set TRUE/1 with optlen n (8-byte buffer 01 00 00 00 ff ff ff ff,
     * in a larger zeroed one for n = 42), then get; n = -1 is "negative" */
    static const int setlens[] = { -1, 0, 1, 2, 3, 4, 8, 42 };
    for (int i = 0; i < 8; i++) {
        s = mk(k);
        snprintf(id, sizeof id, "%s.setlen.%s%d", base, setlens[i] < 0 ? "m" : "", abs(setlens[i]));
        int r = do_set(id, s, o, 1, setlens[i], 0);
        snprintf(id, sizeof id, "%s.setlen.%s%d.get", base, setlens[i] < 0 ? "m" : "", abs(setlens[i]));
        do_get(id, s, o, full_len(o), r != 0, 0);
        closesocket(s);
    }
    static const int getlens[] = { -1, 0, 1, 2, 4, 8, 42 };
    for (int i = 0; i < 7; i++) {
        s = mk(k);
        snprintf(id, sizeof id, "%s.getlen.%s%d", base, getlens[i] < 0 ? "m" : "", abs(getlens[i]));
        do_get(id, s, o, getlens[i], 1, 0);
        closesocket(s);
    }
}

/* The protocol-level rows (and the family-bound ones on the other family):
 * default, a few round trips and the one-byte lengths, on every kind of
 * socket, so that the family and type rules are compared too. */
static void light_cases(const struct kind *k, const struct opt *o)
{
    char base[96], id[160];
    snprintf(base, sizeof base, "%s.%s.%s", k->name, o->level_name, o->name);
    SOCKET s = mk(k);
    snprintf(id, sizeof id, "%s.get.default", base);
    do_get(id, s, o, 4, 1, 0);
    closesocket(s);
    static const int values[] = { 0, 1, 0x100 };
    for (int i = 0; i < 3; i++) {
        s = mk(k);
        snprintf(id, sizeof id, "%s.set.v%d", base, values[i]);
        int r = do_set(id, s, o, values[i], 4, 0);
        snprintf(id, sizeof id, "%s.set.v%d.get", base, values[i]);
        do_get(id, s, o, 4, r != 0, 0);
        closesocket(s);
    }
    s = mk(k);
    snprintf(id, sizeof id, "%s.setlen.1", base);
    int r = do_set(id, s, o, 1, 1, 0);
    snprintf(id, sizeof id, "%s.setlen.1.get", base);
    do_get(id, s, o, 4, r != 0, 0);
    snprintf(id, sizeof id, "%s.getlen.1", base);
    do_get(id, s, o, 1, 1, 0);
    closesocket(s);
}

static const struct opt *find(const char *name)
{
    for (int i = 0; i < NOPTS; i++)
        if (!strcmp(opts[i].name, name))
            return &opts[i];
    return NULL;
}

static void seq_set(const char *base, int step, const char *what, SOCKET s, const char *name, int v)
{
    char id[160];
    snprintf(id, sizeof id, "%s.%02d.set.%s", base, step, what);
    do_set(id, s, find(name), v, 4, 0);
}

static void seq_get(const char *base, int step, SOCKET s, const char *name)
{
    char id[160];
    snprintf(id, sizeof id, "%s.%02d.get.%s", base, step, name);
    do_get(id, s, find(name), 4, 0, 0);
}

static void seq_set_bool(const char *base, int step, SOCKET s, const char *name, int v)
{
    char what[64];
    snprintf(what, sizeof what, "%s_%s", name, v ? "TRUE" : "FALSE");
    seq_set(base, step, what, s, name, v);
}

/* first TRUE, then second TRUE (refused on Windows); first FALSE, then
 * second TRUE again; both options read back after each pair */
static void seq_reuse_exclusive(const struct kind *k, const char *seq, const char *first, const char *second)
{
    char base[96];
    snprintf(base, sizeof base, "%s.seq.%s", k->name, seq);
    SOCKET s = mk(k);
    seq_set_bool(base, 1, s, first, 1);
    seq_set_bool(base, 2, s, second, 1);
    seq_get(base, 3, s, "SO_REUSEADDR");
    seq_get(base, 4, s, "SO_EXCLUSIVEADDRUSE");
    seq_set_bool(base, 5, s, first, 0);
    seq_set_bool(base, 6, s, second, 1);
    seq_get(base, 7, s, "SO_REUSEADDR");
    seq_get(base, 8, s, "SO_EXCLUSIVEADDRUSE");
    closesocket(s);
}

static void special_cases(const struct kind *k)
{
    char base[96], id[160];
    SOCKET s;
    struct opt unk;

    /* unknown level (0x1234) and unknown option (0x7777) at SOL_SOCKET */
    s = mk(k);
    unk = (struct opt){ "0x1234", "SO_RCVBUF", 0x1234, SO_RCVBUF, V_RAW, 0, 0 };
    snprintf(id, sizeof id, "%s.unknown_level.set", k->name);
    do_set(id, s, &unk, 1, 4, 0);
    snprintf(id, sizeof id, "%s.unknown_level.get", k->name);
    do_get(id, s, &unk, 4, 0, 0);
    unk = (struct opt){ "SOL_SOCKET", "0x7777", SOL_SOCKET, 0x7777, V_RAW, 0, 0 };
    snprintf(id, sizeof id, "%s.unknown_option.set", k->name);
    do_set(id, s, &unk, 1, 4, 0);
    snprintf(id, sizeof id, "%s.unknown_option.get", k->name);
    do_get(id, s, &unk, 4, 0, 0);
    closesocket(s);

    /* a closed socket */
    s = mk(k);
    closesocket(s);
    snprintf(id, sizeof id, "%s.closed.set.SO_RCVBUF", k->name);
    do_set(id, s, find("SO_RCVBUF"), 4096, 4, 0);
    snprintf(id, sizeof id, "%s.closed.get.SO_RCVBUF", k->name);
    do_get(id, s, find("SO_RCVBUF"), 4, 0, 0);
    snprintf(id, sizeof id, "%s.closed.get.SO_TYPE", k->name);
    do_get(id, s, find("SO_TYPE"), 4, 0, 0);
    snprintf(id, sizeof id, "%s.closed.set.unknown_level", k->name);
    unk = (struct opt){ "0x1234", "SO_RCVBUF", 0x1234, SO_RCVBUF, V_RAW, 0, 0 };
    do_set(id, s, &unk, 1, 4, 0);

    /* INVALID_SOCKET, and a pointer into the never-mapped first page */
    snprintf(id, sizeof id, "%s.invalid_socket.set.SO_RCVBUF", k->name);
    do_set(id, INVALID_SOCKET, find("SO_RCVBUF"), 4096, 4, 0);
    snprintf(id, sizeof id, "%s.invalid_socket.get.SO_RCVBUF", k->name);
    do_get(id, INVALID_SOCKET, find("SO_RCVBUF"), 4, 0, 0);
    s = mk(k);
    {
        static const char *const wild[] = { "SO_DONTROUTE", "SO_RCVBUF", "SO_LINGER" };
        for (int i = 0; i < 3; i++) {
            const struct opt *o = find(wild[i]);
            int r;
            snprintf(id, sizeof id, "%s.wild_pointer.set.%s", k->name, wild[i]);
            WSASetLastError(0);
            GUARD_CALL(r, setsockopt(s, o->level, o->opt, (const char *)1, 4));
            emit(id, r, r == -99 ? 0 : WSAGetLastError(), "-", "-");
        }
    }
    closesocket(s);

    /* SO_LINGER / SO_DONTLINGER sequence */
    snprintf(base, sizeof base, "%s.seq.linger", k->name);
    s = mk(k);
    {
        char lb[8];
        struct linger l;
        l.l_onoff = 1;
        l.l_linger = 7;
        memcpy(lb, &l, sizeof l);
        int v;
        memcpy(&v, lb, 4);
        seq_set(base, 1, "SO_LINGER_1_7", s, "SO_LINGER", v);
    }
    seq_get(base, 2, s, "SO_LINGER");
    seq_get(base, 3, s, "SO_DONTLINGER");
    seq_set(base, 4, "SO_DONTLINGER_TRUE", s, "SO_DONTLINGER", 1);
    seq_get(base, 5, s, "SO_DONTLINGER");
    seq_get(base, 6, s, "SO_LINGER");
    seq_set(base, 7, "SO_DONTLINGER_FALSE", s, "SO_DONTLINGER", 0);
    seq_get(base, 8, s, "SO_DONTLINGER");
    seq_get(base, 9, s, "SO_LINGER");
    closesocket(s);

    /* SO_REUSEADDR then SO_EXCLUSIVEADDRUSE, and the reverse */
    seq_reuse_exclusive(k, "reuse_then_excl", "SO_REUSEADDR", "SO_EXCLUSIVEADDRUSE");
    seq_reuse_exclusive(k, "excl_then_reuse", "SO_EXCLUSIVEADDRUSE", "SO_REUSEADDR");

    /* read-only options on a bound (and, for TCP, listening) loopback socket */
    snprintf(base, sizeof base, "%s.seq.bound", k->name);
    s = mk(k);
    {
        union {
            struct sockaddr sa;
            struct sockaddr_in in4;
            struct sockaddr_in6 in6;
        } a;
        int alen;
        memset(&a, 0, sizeof a);
        if (k->af == AF_INET) {
            unsigned char lo[4] = { 127, 0, 0, 1 };
            a.in4.sin_family = AF_INET;
            memcpy(&a.in4.sin_addr, lo, 4);
            alen = sizeof a.in4;
        } else {
            a.in6.sin6_family = AF_INET6;
            a.in6.sin6_addr.s6_addr[15] = 1;
            alen = sizeof a.in6;
        }
        WSASetLastError(0);
        int r = bind(s, &a.sa, alen);
        int e = WSAGetLastError();
        snprintf(id, sizeof id, "%s.01.bind", base);
        emit(id, r, e, "-", "-");
        if (k->type == SOCK_STREAM) {
            WSASetLastError(0);
            r = listen(s, 5);
            e = WSAGetLastError();
            snprintf(id, sizeof id, "%s.02.listen", base);
            emit(id, r, e, "-", "-");
        }
    }
    static const char *const ro[] = { "SO_ACCEPTCONN", "SO_TYPE", "SO_MAX_MSG_SIZE",
                                       "SO_CONNECT_TIME", "SO_GROUP_ID", "SO_PROTOCOL_INFOW" };
    for (int i = 0; i < 6; i++) {
        const struct opt *o = find(ro[i]);
        snprintf(id, sizeof id, "%s.%02d.get.%s", base, 10 + 3 * i, ro[i]);
        do_get(id, s, o, full_len(o), 0, 0);
        snprintf(id, sizeof id, "%s.%02d.set.%s_TRUE", base, 11 + 3 * i, ro[i]);
        do_set(id, s, o, 1, 4, 0);
        snprintf(id, sizeof id, "%s.%02d.set.%s_FALSE", base, 12 + 3 * i, ro[i]);
        do_set(id, s, o, 0, 4, 0);
    }
    closesocket(s);
}

int main(void)
{
    WSADATA wsa;
#ifndef WSP_LIBWSP
    _setmode(_fileno(stdout), _O_BINARY); /* "\n", not "\r\n" */
    AddVectoredExceptionHandler(1, guard_veh);
#endif
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) {
        fprintf(stderr, "conformance: WSAStartup failed\n");
        return 2;
    }
    for (int k = 0; k < NKINDS; k++) {
        /* the optlen matrix runs on tcp4 and udp4 for family-independent
         * options, on tcp6/udp6 for IPPROTO_IPV6 ones (keeps the output to
         * a couple of thousand lines) */
        for (int i = 0; i < NOPTS; i++) {
            if (opts[i].light || (opts[i].only_af && opts[i].only_af != kinds[k].af)) {
                light_cases(&kinds[k], &opts[i]);
                continue;
            }
            int matrix = opts[i].only_af ? 1 : kinds[k].af == AF_INET;
            option_cases(&kinds[k], &opts[i], matrix);
        }
        special_cases(&kinds[k]);
    }
    fflush(stdout);
    WSACleanup();
    return 0;
}

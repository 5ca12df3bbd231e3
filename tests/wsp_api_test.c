/*
 * libwsp through its public face only: this file includes nothing but the
 * Windows-compatible headers (and Check), calls WSPStartup and then the
 * procedure table, exactly as Windows provider-client code would.
 * Each test is named for the Windows rule it checks; loop tests run on
 * AF_INET/AF_INET6 x SOCK_STREAM/SOCK_DGRAM.
 */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <ws2spi.h>

static WSPPROC_TABLE P;

static const struct combo {
    int af, type;
    const char *name;
} combos[] = {
    { AF_INET, SOCK_STREAM, "tcp4" },
    { AF_INET, SOCK_DGRAM, "udp4" },
    { AF_INET6, SOCK_STREAM, "tcp6" },
    { AF_INET6, SOCK_DGRAM, "udp6" },
};
#define NCOMBOS ((int)(sizeof combos / sizeof combos[0]))
#define STREAM(i) (combos[i].type == SOCK_STREAM)
#define V6(i) (combos[i].af == AF_INET6)

static void start(void)
{
    WSPDATA data;
    WSAPROTOCOL_INFOW info;
    WSPUPCALLTABLE upcalls;
    memset(&info, 0, sizeof info);
    memset(&upcalls, 0, sizeof upcalls);
    ck_assert_int_eq(WSPStartup(MAKEWORD(2, 2), &data, &info, upcalls, &P), 0);
}

static SOCKET make(int i)
{
    int err = 0;
    SOCKET s = P.lpWSPSocket(combos[i].af, combos[i].type, 0, NULL, 0, 0, &err);
    ck_assert_msg(s != INVALID_SOCKET, "%s: WSPSocket failed %d", combos[i].name, err);
    return s;
}

static void close_sock(SOCKET s)
{
    int err = 0;
    ck_assert_int_eq(P.lpWSPCloseSocket(s, &err), 0);
}

/* set an int with a given optlen; returns the WSAE code or 0 */
static int set_len(SOCKET s, int level, int name, int value, int len)
{
    int err = 0xbad;
    char buf[8];
    memset(buf, 0, sizeof buf);
    memcpy(buf, &value, sizeof value);
    int r = P.lpWSPSetSockOpt(s, level, name, buf, len, &err);
    if (r == 0) {
        ck_assert_int_eq(err, 0xbad); /* *lpErrno is written only on failure */
        return 0;
    }
    ck_assert_int_eq(r, SOCKET_ERROR);
    return err;
}

static int set_int(SOCKET s, int level, int name, int value)
{
    return set_len(s, level, name, value, (int)sizeof value);
}

/* get into a buffer pre-filled with 0xdeadbeef; returns the WSAE code or 0 */
static int get_buf(SOCKET s, int level, int name, uint32_t *buf, int *len)
{
    int err = 0xbad;
    buf[0] = buf[1] = 0xdeadbeefu;
    int r = P.lpWSPGetSockOpt(s, level, name, (char *)buf, len, &err);
    if (r == 0) {
        ck_assert_int_eq(err, 0xbad);
        return 0;
    }
    ck_assert_int_eq(r, SOCKET_ERROR);
    return err;
}

static int get_int(SOCKET s, int level, int name, int *value)
{
    uint32_t buf[2];
    int len = 4;
    int err = get_buf(s, level, name, buf, &len);
    if (!err)
        *value = len == 1 ? (int)(buf[0] & 0xff) : (int)buf[0];
    return err;
}

static struct linger get_linger(SOCKET s)
{
    struct linger l;
    int len = sizeof l, err = 0;
    ck_assert_int_eq(P.lpWSPGetSockOpt(s, SOL_SOCKET, SO_LINGER, (char *)&l, &len, &err), 0);
    ck_assert_int_eq(len, 4);
    return l;
}

static int set_linger(SOCKET s, u_short onoff, u_short secs)
{
    struct linger l = { onoff, secs };
    int err = 0;
    return P.lpWSPSetSockOpt(s, SOL_SOCKET, SO_LINGER, (const char *)&l, sizeof l, &err) ? err : 0;
}

/* ---- WSPStartup ----------------------------------------------------------- */

START_TEST(startup_negotiates_2_2_and_fills_every_table_member)
{
    WSPDATA data;
    WSAPROTOCOL_INFOW info;
    WSPUPCALLTABLE upcalls;
    WSPPROC_TABLE table;
    memset(&upcalls, 0, sizeof upcalls);
    memset(&table, 0, sizeof table);
    ck_assert_int_eq(WSPStartup(MAKEWORD(2, 2), &data, &info, upcalls, &table), 0);
    ck_assert_uint_eq(data.wVersion, MAKEWORD(2, 2));
    ck_assert_uint_eq(data.wHighVersion, MAKEWORD(2, 2));
    ck_assert_uint_ne(data.szDescription[0], 0);
    void **slot = (void **)&table;
    for (size_t i = 0; i < sizeof table / sizeof(void *); i++)
        ck_assert_msg(slot[i] != NULL, "WSPPROC_TABLE member %zu is NULL", i);
    ck_assert_int_eq(WSPStartup(MAKEWORD(1, 1), &data, &info, upcalls, &table), WSAVERNOTSUPPORTED);
    ck_assert_int_eq(WSPStartup(MAKEWORD(2, 2), NULL, &info, upcalls, &table), WSAEFAULT);
    ck_assert_int_eq(WSPStartup(MAKEWORD(2, 2), &data, &info, upcalls, NULL), WSAEFAULT);
    ck_assert_int_eq(WSPStartup(MAKEWORD(2, 1), &data, &info, upcalls, &table), 0);
    ck_assert_uint_eq(data.wVersion, MAKEWORD(2, 1));
}
END_TEST

START_TEST(unimplemented_entry_points_fail_wsaeopnotsupp)
{
    start();
    int err = 0;
    DWORD sent = 0;
    char byte = 'x';
    WSABUF b = { 1, &byte };
    SOCKET s = make(0);
    WSAOVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    /* overlapped I/O is out of scope (README) */
    ck_assert_int_eq(P.lpWSPSend(s, &b, 1, &sent, 0, &ov, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEOPNOTSUPP);
    err = 0;
    ck_assert_int_eq(P.lpWSPGetOverlappedResult(s, NULL, NULL, FALSE, NULL, &err), FALSE);
    ck_assert_int_eq(err, WSAEOPNOTSUPP);
    close_sock(s);
}
END_TEST

START_TEST(cleanup_balances_startup_then_calls_fail_wsanotinitialised)
{
    start();
    int err = 0;
    SOCKET s = make(0);
    ck_assert_int_eq(P.lpWSPCleanup(&err), 0);
    ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_KEEPALIVE, 1), WSANOTINITIALISED);
    ck_assert_int_eq(P.lpWSPCleanup(&err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSANOTINITIALISED);
}
END_TEST

/* ---- SO_DONTROUTE --------------------------------------------------------- */

START_TEST(dontroute_succeeds_ignored_on_inet_fails_noprotoopt_on_inet6)
{
    start();
    SOCKET s = make(_i);
    int v = -1;
    if (V6(_i)) {
        ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_DONTROUTE, 1), WSAENOPROTOOPT);
    } else {
        ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_DONTROUTE, 1), 0);
        ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_DONTROUTE, &v), 0);
        ck_assert_int_eq(v, 1);
    }
    close_sock(s);
}
END_TEST

/* ---- SO_LINGER / SO_DONTLINGER -------------------------------------------- */

START_TEST(linger_and_dontlinger_are_one_state_and_timeout_is_remembered)
{
    start();
    SOCKET s = make(_i);
    int v = -1;
    if (!STREAM(_i)) {
        /* ref §2.3: SO_LINGER on UDP fails WSAENOPROTOOPT; doc: SO_DONTLINGER too (connection-oriented only) */
        ck_assert_int_eq(set_linger(s, 1, 5), WSAENOPROTOOPT);
        ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_LINGER, &v), WSAENOPROTOOPT);
        ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_DONTLINGER, 1), WSAENOPROTOOPT);
        ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_DONTLINGER, &v), WSAENOPROTOOPT);
        close_sock(s);
        return;
    }
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_DONTLINGER, &v), 0);
    ck_assert_int_eq(v, 1);                                 /* default: linger off */
    ck_assert_int_eq(set_linger(s, 1, 7), 0);
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_DONTLINGER, &v), 0);
    ck_assert_int_eq(v, 0);                                 /* enabling one disables the other */
    for (int round = 0; round < 3; round++) {
        ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_DONTLINGER, 1), 0);
        struct linger l = get_linger(s);
        ck_assert_uint_eq(l.l_onoff, 0);
        ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_DONTLINGER, 0), 0);
        l = get_linger(s);
        ck_assert_uint_ne(l.l_onoff, 0);
        ck_assert_uint_eq(l.l_linger, 7);                   /* reinstated, every time */
    }
    ck_assert_int_eq(set_linger(s, 0x100, 0), 0);           /* ref §2.2: read back verbatim */
    ck_assert_uint_eq(get_linger(s).l_onoff, 0x100);
    ck_assert_int_eq(set_linger(s, 0, 73), 0);
    ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_DONTLINGER, 0), 0);
    ck_assert_uint_eq(get_linger(s).l_linger, 73);
    close_sock(s);
}
END_TEST

START_TEST(linger_short_optlen_fails_wsaefault)
{
    start();
    SOCKET s = make(0);
    struct linger l = { 1, 2 };
    int err = 0;
    ck_assert_int_eq(P.lpWSPSetSockOpt(s, SOL_SOCKET, SO_LINGER, (const char *)&l, 3, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    close_sock(s);
}
END_TEST

/* ---- SO_RCVBUF / SO_SNDBUF ------------------------------------------------ */

START_TEST(buffer_sizes_read_back_as_provided_not_doubled)
{
    start();
    SOCKET s = make(_i);
    static const int names[] = { SO_RCVBUF, SO_SNDBUF };
    for (int k = 0; k < 2; k++) {
        int v = -1;
        ck_assert_int_eq(get_int(s, SOL_SOCKET, names[k], &v), 0);
        ck_assert_int_gt(v, 0);
        ck_assert_int_eq(set_int(s, SOL_SOCKET, names[k], 4096), 0);
        ck_assert_int_eq(get_int(s, SOL_SOCKET, names[k], &v), 0);
        ck_assert_int_eq(v, 4096);
        ck_assert_int_eq(set_int(s, SOL_SOCKET, names[k], 0), 0);     /* ref §2.3: 0 -> 0 */
        ck_assert_int_eq(get_int(s, SOL_SOCKET, names[k], &v), 0);
        ck_assert_int_eq(v, 0);
        ck_assert_int_eq(set_int(s, SOL_SOCKET, names[k], 0x7fffffff), 0);
        ck_assert_int_eq(get_int(s, SOL_SOCKET, names[k], &v), 0);
        ck_assert_int_gt(v, 0);
        ck_assert_int_lt(v, 0x7fffffff);                            /* the capped size */
        ck_assert_int_eq(set_len(s, SOL_SOCKET, names[k], 4096, 2), WSAEFAULT);
    }
    close_sock(s);
}
END_TEST

/* ---- SO_RCVTIMEO / SO_SNDTIMEO -------------------------------------------- */

START_TEST(timeouts_are_dword_milliseconds_read_back_exactly)
{
    start();
    SOCKET s = make(_i);
    static const int names[] = { SO_RCVTIMEO, SO_SNDTIMEO };
    static const int values[] = { 63000, 1, 1001, 0, (int)0xffffffffu };
    for (int k = 0; k < 2; k++) {
        for (size_t j = 0; j < sizeof values / sizeof values[0]; j++) {
            int v = -1;
            ck_assert_int_eq(set_int(s, SOL_SOCKET, names[k], values[j]), 0);
            ck_assert_int_eq(get_int(s, SOL_SOCKET, names[k], &v), 0);
            ck_assert_int_eq(v, values[j]);
        }
        ck_assert_int_eq(set_len(s, SOL_SOCKET, names[k], 5, 3), WSAEFAULT);
        uint32_t buf[2];
        int len = 2;
        ck_assert_int_eq(get_buf(s, SOL_SOCKET, names[k], buf, &len), WSAEFAULT);
        ck_assert_uint_eq(buf[0], 0xdeadbeefu);                       /* group D: untouched */
    }
    close_sock(s);
}
END_TEST

/* ---- SO_REUSEADDR / SO_EXCLUSIVEADDRUSE ------------------------------------ */

START_TEST(reuseaddr_and_exclusiveaddruse_exclude_each_other)
{
    start();
    SOCKET s = make(_i);
    int v = -1;
    ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_REUSEADDR, 1), 0);
    ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, 1), WSAEINVAL);
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, &v), 0);
    ck_assert_int_eq(v, 0);
    ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, 0), 0); /* FALSE is never a conflict */
    ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_REUSEADDR, 0), 0);
    ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, 1), 0);
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, &v), 0);
    ck_assert_int_eq(v, 1);
    ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_REUSEADDR, 1), WSAEINVAL);
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_REUSEADDR, &v), 0);
    ck_assert_int_eq(v, 0);
    close_sock(s);
}
END_TEST

/* ---- SO_DEBUG, SO_KEEPALIVE, SO_BROADCAST, SO_OOBINLINE by socket type ----- */

START_TEST(debug_is_accepted_and_stored_on_every_socket)
{
    start();
    SOCKET s = make(_i);
    int v = -1;
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_DEBUG, &v), 0);
    ck_assert_int_eq(v, 0);
    ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_DEBUG, 1), 0);
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_DEBUG, &v), 0);
    ck_assert_int_eq(v, 1);
    ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_DEBUG, 0), 0);
    close_sock(s);
}
END_TEST

START_TEST(stream_only_and_datagram_only_options_fail_noprotoopt_elsewhere)
{
    start();
    SOCKET s = make(_i);
    int v = -1;
    int stream = STREAM(_i);
    ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_KEEPALIVE, 1), stream ? 0 : WSAENOPROTOOPT);
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_KEEPALIVE, &v), stream ? 0 : WSAENOPROTOOPT);
    if (stream)
        ck_assert_int_eq(v, 1);
    ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_OOBINLINE, 1), stream ? 0 : WSAENOPROTOOPT);
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_ACCEPTCONN, &v), stream ? 0 : WSAENOPROTOOPT);
    ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_BROADCAST, 1), stream ? WSAENOPROTOOPT : 0);
    ck_assert_int_eq(set_int(s, IPPROTO_TCP, TCP_NODELAY, 1), stream ? 0 : WSAENOPROTOOPT);
    close_sock(s);
}
END_TEST

/* ---- read-only and reserved options ---------------------------------------- */

START_TEST(read_only_options_refuse_set_with_windows_codes)
{
    start();
    SOCKET s = make(_i);
    ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_TYPE, SOCK_DGRAM), STREAM(_i) ? WSAENOPROTOOPT : WSAEINVAL);
    ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_ACCEPTCONN, 1), WSAENOPROTOOPT);
    ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_MAX_MSG_SIZE, 100), WSAENOPROTOOPT);
    ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_PROTOCOL_INFOW, 0), WSAENOPROTOOPT);
    ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_CONNECT_TIME, 0), WSAENOPROTOOPT);
    ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_GROUP_ID, 0), WSAENOPROTOOPT);
    ck_assert_int_eq(set_int(s, SOL_SOCKET, PVD_CONFIG, 0), WSAENOPROTOOPT);
    int v = -1;
    ck_assert_int_eq(get_int(s, SOL_SOCKET, PVD_CONFIG, &v), WSAENOPROTOOPT);
    close_sock(s);
}
END_TEST

START_TEST(read_only_options_report_windows_values)
{
    start();
    SOCKET s = make(_i);
    int v = -1;
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_TYPE, &v), 0);
    ck_assert_int_eq(v, combos[_i].type);
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_MAX_MSG_SIZE, &v), 0);
    ck_assert_int_eq(v, 65507);                             /* W-test (UDP/IPv4); Wine's value elsewhere */
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_GROUP_ID, &v), 0);
    ck_assert_int_eq(v, 0);
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_CONNECT_TIME, &v), 0);
    ck_assert_int_eq(v, (int)0xffffffffu);                  /* not connected */
    ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_GROUP_PRIORITY, 5), 0);
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_GROUP_PRIORITY, &v), 0);
    ck_assert_int_eq(v, 5);
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_ERROR, &v), 0);
    ck_assert_int_eq(v, 0);
    ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_ERROR, 1234), 0);  /* ref §2.2: stored */
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_ERROR, &v), 0);
    ck_assert_int_eq(v, 1234);
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_ERROR, &v), 0);
    ck_assert_int_eq(v, 0);                                 /* get clears it */
    if (V6(_i)) {
        ck_assert_int_eq(get_int(s, IPPROTO_IPV6, IPV6_V6ONLY, &v), 0);
        ck_assert_int_eq(v, 1);                             /* Windows default */
    }
    close_sock(s);
}
END_TEST

START_TEST(protocol_info_describes_the_socket_and_reports_needed_size)
{
    start();
    SOCKET s = make(_i);
    WSAPROTOCOL_INFOW info;
    int len = sizeof info, err = 0;
    ck_assert_int_eq(P.lpWSPGetSockOpt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&info, &len, &err), 0);
    ck_assert_int_eq(len, (int)sizeof info);
    ck_assert_int_eq(info.iAddressFamily, combos[_i].af);
    ck_assert_int_eq(info.iSocketType, combos[_i].type);
    ck_assert_int_eq(info.iProtocol, STREAM(_i) ? IPPROTO_TCP : IPPROTO_UDP);
    ck_assert_uint_eq(info.dwServiceFlags1 & XP1_CONNECTIONLESS, STREAM(_i) ? 0 : XP1_CONNECTIONLESS);
    ck_assert_uint_ne(info.szProtocol[0], 0);
    len = 10;
    ck_assert_int_eq(P.lpWSPGetSockOpt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&info, &len, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    ck_assert_int_eq(len, (int)sizeof info);
    close_sock(s);
}
END_TEST

/* ---- error paths -------------------------------------------------------- */

START_TEST(error_order_socket_pointer_level_option)
{
    start();
    SOCKET s = make(_i);
    int err = 0, one = 1, len = 4;
    ck_assert_int_eq(P.lpWSPSetSockOpt(s, SOL_SOCKET, SO_KEEPALIVE, NULL, 4, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    ck_assert_int_eq(P.lpWSPSetSockOpt(s, SOL_SOCKET, SO_DONTLINGER, NULL, 0, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    ck_assert_int_eq(P.lpWSPGetSockOpt(s, SOL_SOCKET, SO_RCVBUF, NULL, &len, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    ck_assert_int_eq(P.lpWSPGetSockOpt(s, SOL_SOCKET, SO_RCVBUF, (char *)&one, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    static const int bad_levels[] = { (int)0xffffffff, 0x8000, 0x800, 0x1234ffff, (int)0x8000ffff };
    for (size_t i = 0; i < sizeof bad_levels / sizeof bad_levels[0]; i++) {
        int v;
        ck_assert_int_eq(set_int(s, bad_levels[i], SO_KEEPALIVE, 1), WSAEINVAL);
        ck_assert_int_eq(get_int(s, bad_levels[i], SO_KEEPALIVE, &v), WSAEINVAL);
    }
    ck_assert_int_eq(P.lpWSPSetSockOpt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)1, 4, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);                          /* ref §2.1: (char *)1 */
    len = 4;
    ck_assert_int_eq(P.lpWSPGetSockOpt(s, SOL_SOCKET, SO_RCVBUF, (char *)1, &len, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    int v;
    ck_assert_int_eq(set_int(s, SOL_SOCKET, 0x7777, 1), WSAENOPROTOOPT);
    ck_assert_int_eq(get_int(s, SOL_SOCKET, 0x7777, &v), WSAENOPROTOOPT);
    ck_assert_int_eq(set_int(s, IPPROTO_TCP, 0x7777, 1), STREAM(_i) ? WSAENOPROTOOPT : WSAENOPROTOOPT);
    close_sock(s);
    /* a closed handle, and one that was never a socket */
    ck_assert_int_eq(set_int(s, SOL_SOCKET, SO_KEEPALIVE, 1), WSAENOTSOCK);
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_KEEPALIVE, &v), WSAENOTSOCK);
    ck_assert_int_eq(set_int(INVALID_SOCKET, SOL_SOCKET, SO_KEEPALIVE, 1), WSAENOTSOCK);
    ck_assert_int_eq(set_int((SOCKET)0, SOL_SOCKET, SO_RCVBUF, 1), WSAENOTSOCK);   /* stdin */
    ck_assert_int_eq(P.lpWSPCloseSocket(s, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAENOTSOCK);
    ck_assert_int_eq(P.lpWSPCloseSocket((SOCKET)0, &err), SOCKET_ERROR);        /* never closes a non-socket */
    ck_assert_int_eq(err, WSAENOTSOCK);
}
END_TEST

/* Where no Windows evidence orders two checks, libwsp takes Wine's order
 * (tests/conformance): refusing options refuse before the length is looked
 * at, generic length checks come before the socket-type check. */
START_TEST(validation_order_where_windows_is_silent)
{
    start();
    SOCKET s = make(_i);
    int err = 0, len = 4;
    uint32_t buf[2];
    ck_assert_int_eq(set_len(s, SOL_SOCKET, SO_SNDLOWAT, 1, 1), WSAEINVAL);
    ck_assert_int_eq(P.lpWSPGetSockOpt(s, SOL_SOCKET, SO_RCVLOWAT, NULL, &len, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEINVAL);
    ck_assert_int_eq(set_len(s, SOL_SOCKET, SO_TYPE, 1, 0), STREAM(_i) ? WSAENOPROTOOPT : WSAEINVAL);
    len = 4;
    ck_assert_int_eq(P.lpWSPGetSockOpt(s, SOL_SOCKET, SO_PROTOCOL_INFOW, NULL, &len, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    ck_assert_int_eq(len, (int)sizeof(WSAPROTOCOL_INFOW));  /* a NULL buffer learns the size */
    len = 2;
    ck_assert_int_eq(get_buf(s, SOL_SOCKET, SO_ERROR, buf, &len), WSAEFAULT);
    ck_assert_uint_eq(buf[0], 0xdeadbeefu);
    len = 0;                                                /* *optlen <= 0 before level and option */
    ck_assert_int_eq(get_buf(s, 0x1234, SO_RCVBUF, buf, &len), WSAEFAULT);
    len = -1;
    ck_assert_int_eq(get_buf(s, SOL_SOCKET, 0x7777, buf, &len), WSAEFAULT);
    ck_assert_int_eq(len, -1);
    /* a zero-length BOOL set changes nothing, but not on the wrong socket type */
    ck_assert_int_eq(set_len(s, SOL_SOCKET, STREAM(_i) ? SO_BROADCAST : SO_OOBINLINE, 1, 0), WSAENOPROTOOPT);
    if (STREAM(_i)) {
        len = 1;
        ck_assert_int_eq(get_buf(s, SOL_SOCKET, SO_ACCEPTCONN, buf, &len), WSAEFAULT);
        ck_assert_uint_eq(buf[0], 0xdeadbeefu);
    } else {
        ck_assert_int_eq(set_len(s, SOL_SOCKET, SO_KEEPALIVE, 1, 0), WSAEFAULT);
        ck_assert_int_eq(set_len(s, SOL_SOCKET, SO_KEEPALIVE, 1, 1), WSAENOPROTOOPT);
        ck_assert_int_eq(set_len(s, SOL_SOCKET, SO_LINGER, 0, 2), WSAEFAULT);
        ck_assert_int_eq(set_len(s, SOL_SOCKET, SO_LINGER, 0, 4), WSAENOPROTOOPT);
    }
    close_sock(s);
}
END_TEST

START_TEST(negative_optlen_follows_windows)
{
    start();
    SOCKET s = make(0);
    int v = -1;
    /* ref §2.1: SOL_SOCKET 4-byte options accept -1; one-byte BOOLs and
     * non-SOL_SOCKET options fail WSAENOBUFS (Win10 21H1+). */
    ck_assert_int_eq(set_len(s, SOL_SOCKET, SO_RCVBUF, 8192, -1), 0);
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_RCVBUF, &v), 0);
    ck_assert_int_eq(v, 8192);
    ck_assert_int_eq(set_len(s, SOL_SOCKET, SO_KEEPALIVE, 1, -1), WSAENOBUFS);
    ck_assert_int_eq(set_len(s, IPPROTO_TCP, TCP_NODELAY, 1, -1), WSAENOBUFS);
    uint32_t buf[2];
    int len = -1;
    ck_assert_int_eq(get_buf(s, SOL_SOCKET, SO_RCVBUF, buf, &len), WSAEFAULT);
    ck_assert_int_eq(len, -1);
    len = 0;
    ck_assert_int_eq(get_buf(s, SOL_SOCKET, SO_RCVBUF, buf, &len), WSAEFAULT);
    close_sock(s);
}
END_TEST

/* ---- optlen matrix (ref §2.2) -------------------------------------------- */

START_TEST(optlen_group_a_bool_reads_optlen_bytes_and_reports_one_byte)
{
    start();
    SOCKET s = make(0);                                     /* TCP/IPv4 */
    uint32_t buf[2];
    int len;
    ck_assert_int_eq(set_len(s, SOL_SOCKET, SO_REUSEADDR, 1, 1), 0);
    len = 1;
    ck_assert_int_eq(get_buf(s, SOL_SOCKET, SO_REUSEADDR, buf, &len), 0);
    ck_assert_int_eq(len, 1);
    ck_assert_uint_eq(buf[0], 0xdeadbe01u);
    len = 2;
    ck_assert_int_eq(get_buf(s, SOL_SOCKET, SO_REUSEADDR, buf, &len), 0);
    ck_assert_int_eq(len, 1);
    ck_assert_uint_eq(buf[0], 0xdead0001u);
    len = 8;
    ck_assert_int_eq(get_buf(s, SOL_SOCKET, SO_REUSEADDR, buf, &len), 0);
    ck_assert_int_eq(len, 4);
    ck_assert_uint_eq(buf[0], 1);
    ck_assert_uint_eq(buf[1], 0xdeadbeefu);                 /* the high dword is left alone */
    ck_assert_int_eq(set_len(s, SOL_SOCKET, SO_OOBINLINE, 0x100, 4), 0);  /* nonzero int: TRUE */
    int v = -1;
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_OOBINLINE, &v), 0);
    ck_assert_int_eq(v, 1);
    ck_assert_int_eq(set_len(s, SOL_SOCKET, SO_OOBINLINE, 0, 4), 0);
    ck_assert_int_eq(set_len(s, SOL_SOCKET, SO_OOBINLINE, 0x100, 2), 0);  /* two bytes read: TRUE */
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_OOBINLINE, &v), 0);
    ck_assert_int_eq(v, 1);
    ck_assert_int_eq(set_len(s, SOL_SOCKET, SO_OOBINLINE, 0, 0), 0);      /* set(0) succeeds ... */
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_OOBINLINE, &v), 0);
    ck_assert_int_eq(v, 1);                                               /* ... and changes nothing */
    ck_assert_int_eq(set_len(s, SOL_SOCKET, SO_DONTLINGER, 0, 0), 0);
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_DONTLINGER, &v), 0);
    ck_assert_int_eq(v, 1);
    ck_assert_int_eq(set_len(s, SOL_SOCKET, SO_OOBINLINE, 0, 4), 0);      /* and from FALSE */
    ck_assert_int_eq(set_len(s, SOL_SOCKET, SO_OOBINLINE, 1, 0), 0);
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_OOBINLINE, &v), 0);
    ck_assert_int_eq(v, 0);
    close_sock(s);
}
END_TEST

START_TEST(optlen_group_b_boolean_uses_low_byte_and_returns_one_byte)
{
    start();
    SOCKET s = make(0);
    uint32_t buf[2];
    int len = 4;
    ck_assert_int_eq(set_len(s, IPPROTO_TCP, TCP_NODELAY, 1, 42), 0);
    ck_assert_int_eq(get_buf(s, IPPROTO_TCP, TCP_NODELAY, buf, &len), 0);
    ck_assert_int_eq(len, 1);
    ck_assert_uint_eq(buf[0], 0xdeadbe01u);
    ck_assert_int_eq(set_len(s, IPPROTO_TCP, TCP_NODELAY, 0x100, 4), 0);  /* low byte 0: FALSE */
    int v = -1;
    ck_assert_int_eq(get_int(s, IPPROTO_TCP, TCP_NODELAY, &v), 0);
    ck_assert_int_eq(v, 0);
    ck_assert_int_eq(set_len(s, SOL_SOCKET, SO_KEEPALIVE, 1, 0), WSAEFAULT);
    ck_assert_int_eq(set_len(s, SOL_SOCKET, SO_KEEPALIVE, 1, 1), 0);
    close_sock(s);
}
END_TEST

START_TEST(optlen_group_c_short_get_zeroes_and_faults)
{
    start();
    SOCKET s = make(0);
    uint32_t buf[2];
    int len = 1;
    ck_assert_int_eq(get_buf(s, SOL_SOCKET, SO_RCVBUF, buf, &len), WSAEFAULT);
    ck_assert_int_eq(len, 1);
    ck_assert_uint_eq(buf[0], 0xdeadbe00u);
    len = 2;
    ck_assert_int_eq(get_buf(s, SOL_SOCKET, SO_LINGER, buf, &len), WSAEFAULT);
    ck_assert_uint_eq(buf[0], 0xdead0000u);
    len = 8;
    ck_assert_int_eq(get_buf(s, SOL_SOCKET, SO_SNDBUF, buf, &len), 0);
    ck_assert_int_eq(len, 4);
    ck_assert_uint_eq(buf[1], 0xdeadbeefu);                 /* bytes past the value are left alone */
    close_sock(s);
}
END_TEST

START_TEST(optlen_group_e_tcp_keepalive_times_and_keepcnt_limit)
{
    start();
    SOCKET s = make(0);
    uint32_t buf[2];
    int len = 2, v = -1;
    ck_assert_int_eq(get_buf(s, IPPROTO_TCP, TCP_KEEPALIVE, buf, &len), WSAEFAULT);
    ck_assert_int_eq(len, 0);
    ck_assert_uint_eq(buf[0], 0xdeadbeefu);
    ck_assert_int_eq(set_int(s, IPPROTO_TCP, TCP_KEEPALIVE, 3600), 0);
    ck_assert_int_eq(get_int(s, IPPROTO_TCP, TCP_KEEPALIVE, &v), 0);
    ck_assert_int_eq(v, 3600);
    ck_assert_int_eq(get_int(s, IPPROTO_TCP, TCP_KEEPINTVL, &v), 0);
    ck_assert_int_eq(v, 1);                                 /* Windows' default, not Linux's 75 */
    ck_assert_int_eq(get_int(s, IPPROTO_TCP, TCP_KEEPCNT, &v), 0);
    ck_assert_int_eq(v, 10);
    ck_assert_int_eq(set_int(s, IPPROTO_TCP, TCP_KEEPCNT, 0x100), WSAEINVAL);
    ck_assert_int_eq(set_int(s, IPPROTO_TCP, TCP_KEEPCNT, 10), 0);
    ck_assert_int_eq(set_len(s, IPPROTO_TCP, TCP_KEEPINTVL, 1, 2), WSAEFAULT);
    /* 0 is a value Windows takes and Linux refuses: the kernel gets 1, get reads 0 */
    static const int timings[] = { TCP_KEEPALIVE, TCP_KEEPINTVL, TCP_KEEPCNT };
    for (size_t i = 0; i < sizeof timings / sizeof timings[0]; i++) {
        ck_assert_int_eq(set_int(s, IPPROTO_TCP, timings[i], 0), 0);
        ck_assert_int_eq(get_int(s, IPPROTO_TCP, timings[i], &v), 0);
        ck_assert_int_eq(v, 0);
        ck_assert_int_eq(set_int(s, IPPROTO_TCP, timings[i], 7), 0);
        ck_assert_int_eq(get_int(s, IPPROTO_TCP, timings[i], &v), 0);
        ck_assert_int_eq(v, 7);
    }
    close_sock(s);
}
END_TEST

START_TEST(optlen_group_g_byte_values_and_limit)
{
    start();
    SOCKET s = make(1);                                     /* UDP/IPv4 */
    int v = -1;
    ck_assert_int_eq(set_len(s, IPPROTO_IP, IP_TTL, (int)0xffffff0a, 1), 0);
    ck_assert_int_eq(get_int(s, IPPROTO_IP, IP_TTL, &v), 0);
    ck_assert_int_eq(v, 10);
    ck_assert_int_eq(set_int(s, IPPROTO_IP, IP_TTL, 256), WSAEINVAL);
    ck_assert_int_eq(set_int(s, IPPROTO_IP, IP_TOS, 0x100), WSAEINVAL);
    ck_assert_int_eq(set_int(s, IPPROTO_IP, IP_TTL, -1), WSAEINVAL);    /* no "default" for IPv4 TTL */
    close_sock(s);
    s = make(3);                                            /* UDP/IPv6 */
    ck_assert_int_eq(set_int(s, IPPROTO_IPV6, IPV6_UNICAST_HOPS, -1), 0);   /* -1 = system default */
    ck_assert_int_eq(set_int(s, IPPROTO_IPV6, IPV6_UNICAST_HOPS, 256), WSAEINVAL);
    close_sock(s);
}
END_TEST

/* ---- sockets: bind, listen, connect, accept, names, ioctl ------------------ */

static void loopback(int i, struct sockaddr_storage *ss, int *len)
{
    memset(ss, 0, sizeof *ss);
    if (V6(i)) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
        a->sin6_family = AF_INET6;
        a->sin6_addr.u.Byte[15] = 1;
        *len = sizeof *a;
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)ss;
        a->sin_family = AF_INET;
        unsigned char lo[4] = { 127, 0, 0, 1 };
        memcpy(&a->sin_addr, lo, 4);
        *len = sizeof *a;
    }
}

START_TEST(bind_listen_connect_accept_and_connect_time_over_loopback)
{
    start();
    if (!STREAM(_i))
        return;
    int err = 0, len, v = -1;
    SOCKET srv = make(_i), cli = make(_i);
    struct sockaddr_storage addr;
    loopback(_i, &addr, &len);
    ck_assert_int_eq(P.lpWSPGetSockName(srv, (struct sockaddr *)&addr, &len, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEINVAL);                       /* unbound */
    loopback(_i, &addr, &len);
    /* keep-alive timings of 0 are inherited by the accepted socket as 0
     * (Linux holds 1 for them), like the other options of ref §2.3's list */
    static const int timings[] = { TCP_KEEPALIVE, TCP_KEEPINTVL, TCP_KEEPCNT };
    for (size_t i = 0; i < 3; i++)
        ck_assert_int_eq(set_int(srv, IPPROTO_TCP, timings[i], 0), 0);
    ck_assert_int_eq(P.lpWSPBind(srv, (struct sockaddr *)&addr, len, &err), 0);
    ck_assert_int_eq(P.lpWSPBind(srv, NULL, len, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    ck_assert_int_eq(P.lpWSPListen(srv, SOMAXCONN, &err), 0);
    ck_assert_int_eq(get_int(srv, SOL_SOCKET, SO_ACCEPTCONN, &v), 0);
    ck_assert_int_eq(v, 1);
    len = sizeof addr;
    ck_assert_int_eq(P.lpWSPGetSockName(srv, (struct sockaddr *)&addr, &len, &err), 0);
    ck_assert_int_eq(addr.ss_family, combos[_i].af);
    ck_assert_int_eq(P.lpWSPConnect(cli, (struct sockaddr *)&addr, len, NULL, NULL, NULL, NULL, &err), 0);
    ck_assert_int_eq(get_int(cli, SOL_SOCKET, SO_CONNECT_TIME, &v), 0);
    ck_assert_int_ge(v, 0);
    ck_assert_int_lt(v, 5);
    struct sockaddr_storage peer;
    int plen = sizeof peer;
    SOCKET acc = P.lpWSPAccept(srv, (struct sockaddr *)&peer, &plen, NULL, 0, &err);
    ck_assert(acc != INVALID_SOCKET);
    ck_assert_int_eq(peer.ss_family, combos[_i].af);
    ck_assert_int_eq(get_int(acc, SOL_SOCKET, SO_CONNECT_TIME, &v), 0);
    ck_assert_int_lt(v, 5);
    for (size_t i = 0; i < 3; i++) {
        v = -1;
        ck_assert_int_eq(get_int(acc, IPPROTO_TCP, timings[i], &v), 0);
        ck_assert_int_eq(v, 0);
    }
    ck_assert_int_eq(P.lpWSPShutdown(acc, SD_SEND, &err), 0);
    ck_assert_int_eq(P.lpWSPShutdown(acc, 7, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEINVAL);
    close_sock(acc);
    close_sock(cli);
    close_sock(srv);
}
END_TEST

START_TEST(ioctl_fionbio_fionread_and_unknown_code)
{
    start();
    SOCKET s = make(_i);
    int err = 0;
    u_long on = 1, avail = 99;
    DWORD got = 0;
    ck_assert_int_eq(P.lpWSPIoctl(s, FIONBIO, &on, sizeof on, NULL, 0, &got, NULL, NULL, NULL, &err), 0);
    ck_assert_int_eq(P.lpWSPIoctl(s, FIONREAD, NULL, 0, &avail, sizeof avail, &got, NULL, NULL, NULL, &err), 0);
    ck_assert_uint_eq(avail, 0);
    ck_assert_uint_eq(got, sizeof avail);
    ck_assert_int_eq(P.lpWSPIoctl(s, FIONREAD, NULL, 0, &avail, 2, &got, NULL, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEFAULT);
    ck_assert_int_eq(P.lpWSPIoctl(s, 0x12345678, NULL, 0, NULL, 0, &got, NULL, NULL, NULL, &err), SOCKET_ERROR);
    ck_assert_int_eq(err, WSAEOPNOTSUPP);  /* W-test test_unsupported_ioctls */
    close_sock(s);
}
END_TEST

START_TEST(socket_rejects_unsupported_family_and_type)
{
    start();
    int err = 0;
    ck_assert(P.lpWSPSocket(AF_IPX, SOCK_STREAM, 0, NULL, 0, 0, &err) == INVALID_SOCKET);
    ck_assert_int_eq(err, WSAEAFNOSUPPORT);
    ck_assert(P.lpWSPSocket(AF_INET, 99, 0, NULL, 0, 0, &err) == INVALID_SOCKET);
    ck_assert_int_eq(err, WSAESOCKTNOSUPPORT);
    WSAPROTOCOL_INFOW info;
    memset(&info, 0, sizeof info);
    info.iAddressFamily = AF_INET6;
    info.iSocketType = SOCK_DGRAM;
    info.iProtocol = IPPROTO_UDP;
    SOCKET s = P.lpWSPSocket(FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, FROM_PROTOCOL_INFO, &info, 0, 0, &err);
    ck_assert(s != INVALID_SOCKET);
    int v = -1;
    ck_assert_int_eq(get_int(s, SOL_SOCKET, SO_TYPE, &v), 0);
    ck_assert_int_eq(v, SOCK_DGRAM);
    close_sock(s);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("wsp_api");
    TCase *t = tcase_create("startup");
    tcase_add_test(t, startup_negotiates_2_2_and_fills_every_table_member);
    tcase_add_test(t, unimplemented_entry_points_fail_wsaeopnotsupp);
    tcase_add_test(t, cleanup_balances_startup_then_calls_fail_wsanotinitialised);
    suite_add_tcase(s, t);

    t = tcase_create("rules");
    tcase_add_loop_test(t, dontroute_succeeds_ignored_on_inet_fails_noprotoopt_on_inet6, 0, NCOMBOS);
    tcase_add_loop_test(t, linger_and_dontlinger_are_one_state_and_timeout_is_remembered, 0, NCOMBOS);
    tcase_add_test(t, linger_short_optlen_fails_wsaefault);
    tcase_add_loop_test(t, buffer_sizes_read_back_as_provided_not_doubled, 0, NCOMBOS);
    tcase_add_loop_test(t, timeouts_are_dword_milliseconds_read_back_exactly, 0, NCOMBOS);
    tcase_add_loop_test(t, reuseaddr_and_exclusiveaddruse_exclude_each_other, 0, NCOMBOS);
    tcase_add_loop_test(t, debug_is_accepted_and_stored_on_every_socket, 0, NCOMBOS);
    tcase_add_loop_test(t, stream_only_and_datagram_only_options_fail_noprotoopt_elsewhere, 0, NCOMBOS);
    tcase_add_loop_test(t, read_only_options_refuse_set_with_windows_codes, 0, NCOMBOS);
    tcase_add_loop_test(t, read_only_options_report_windows_values, 0, NCOMBOS);
    tcase_add_loop_test(t, protocol_info_describes_the_socket_and_reports_needed_size, 0, NCOMBOS);
    suite_add_tcase(s, t);

    t = tcase_create("errors");
    tcase_add_loop_test(t, error_order_socket_pointer_level_option, 0, NCOMBOS);
    tcase_add_loop_test(t, validation_order_where_windows_is_silent, 0, NCOMBOS);
    tcase_add_test(t, negative_optlen_follows_windows);
    tcase_add_test(t, optlen_group_a_bool_reads_optlen_bytes_and_reports_one_byte);
    tcase_add_test(t, optlen_group_b_boolean_uses_low_byte_and_returns_one_byte);
    tcase_add_test(t, optlen_group_c_short_get_zeroes_and_faults);
    tcase_add_test(t, optlen_group_e_tcp_keepalive_times_and_keepcnt_limit);
    tcase_add_test(t, optlen_group_g_byte_values_and_limit);
    suite_add_tcase(s, t);

    t = tcase_create("sockets");
    tcase_add_loop_test(t, bind_listen_connect_accept_and_connect_time_over_loopback, 0, NCOMBOS);
    tcase_add_loop_test(t, ioctl_fionbio_fionread_and_unknown_code, 0, NCOMBOS);
    tcase_add_test(t, socket_rejects_unsupported_family_and_type);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}

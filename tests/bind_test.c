/*
 * Windows' address-sharing rules: two TCP sockets on the same port, every
 * combination of SO_REUSEADDR / SO_EXCLUSIVEADDRUSE / neither and of
 * wildcard / specific address, with Windows' answer written beside each row.
 * Sources: "Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE" (Windows Server 2003
 * and later, same user) = reference/winsock-options.md §5.2; the dual-stack
 * pairs are the ones Wine's test_reuseaddr asserts on real Windows (§5.5 #N).
 * Run twice by Meson: through WSPBind, and through the shim's bind() (POSIX
 * has no SO_EXCLUSIVEADDRUSE, so the shim run skips the rows that need it).
 */
#include "wsp_internal.h"

#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int wspshim_active(void);

enum opt { D, R, E };        /* default, SO_REUSEADDR, SO_EXCLUSIVEADDRUSE */
enum { OK = 0, INUSE = WSAEADDRINUSE, ACCES = WSAEACCES };

static const struct row {
    const char *source;
    const char *addr1; enum opt opt1; int dual1;   /* dual: an AF_INET6 socket with IPV6_V6ONLY off */
    const char *addr2; enum opt opt2; int dual2;
    int windows;
} rows[] = {
    /* §5.2, IPv4: first \ second, W = 0.0.0.0, S = 127.0.0.1 */
    { "§5.2 DW/DW", "0.0.0.0", D, 0, "0.0.0.0", D, 0, INUSE },
    { "§5.2 DW/DS", "0.0.0.0", D, 0, "127.0.0.1", D, 0, OK },
    { "§5.2 DW/RW", "0.0.0.0", D, 0, "0.0.0.0", R, 0, ACCES },
    { "§5.2 DW/RS", "0.0.0.0", D, 0, "127.0.0.1", R, 0, OK },
    { "§5.2 DW/EW", "0.0.0.0", D, 0, "0.0.0.0", E, 0, INUSE },
    { "§5.2 DW/ES", "0.0.0.0", D, 0, "127.0.0.1", E, 0, OK },
    { "§5.2 DS/DW", "127.0.0.1", D, 0, "0.0.0.0", D, 0, OK },
    { "§5.2 DS/DS", "127.0.0.1", D, 0, "127.0.0.1", D, 0, INUSE },
    { "§5.2 DS/RW", "127.0.0.1", D, 0, "0.0.0.0", R, 0, OK },
    { "§5.2 DS/RS", "127.0.0.1", D, 0, "127.0.0.1", R, 0, ACCES },
    { "§5.2 DS/EW", "127.0.0.1", D, 0, "0.0.0.0", E, 0, INUSE },
    { "§5.2 DS/ES", "127.0.0.1", D, 0, "127.0.0.1", E, 0, INUSE },
    { "§5.2 RW/DW", "0.0.0.0", R, 0, "0.0.0.0", D, 0, INUSE },
    { "§5.2 RW/DS", "0.0.0.0", R, 0, "127.0.0.1", D, 0, OK },
    { "§5.2 RW/RW", "0.0.0.0", R, 0, "0.0.0.0", R, 0, OK },
    { "§5.2 RW/RS", "0.0.0.0", R, 0, "127.0.0.1", R, 0, OK },
    { "§5.2 RW/EW", "0.0.0.0", R, 0, "0.0.0.0", E, 0, INUSE },
    { "§5.2 RW/ES", "0.0.0.0", R, 0, "127.0.0.1", E, 0, OK },
    { "§5.2 RS/DW", "127.0.0.1", R, 0, "0.0.0.0", D, 0, OK },
    { "§5.2 RS/DS", "127.0.0.1", R, 0, "127.0.0.1", D, 0, INUSE },
    { "§5.2 RS/RW", "127.0.0.1", R, 0, "0.0.0.0", R, 0, OK },
    { "§5.2 RS/RS", "127.0.0.1", R, 0, "127.0.0.1", R, 0, OK },
    { "§5.2 RS/EW", "127.0.0.1", R, 0, "0.0.0.0", E, 0, INUSE },
    { "§5.2 RS/ES", "127.0.0.1", R, 0, "127.0.0.1", E, 0, INUSE },
    { "§5.2 EW/DW", "0.0.0.0", E, 0, "0.0.0.0", D, 0, INUSE },
    { "§5.2 EW/DS", "0.0.0.0", E, 0, "127.0.0.1", D, 0, ACCES },
    { "§5.2 EW/RW", "0.0.0.0", E, 0, "0.0.0.0", R, 0, ACCES },
    { "§5.2 EW/RS", "0.0.0.0", E, 0, "127.0.0.1", R, 0, ACCES },
    { "§5.2 EW/EW", "0.0.0.0", E, 0, "0.0.0.0", E, 0, INUSE },
    { "§5.2 EW/ES", "0.0.0.0", E, 0, "127.0.0.1", E, 0, ACCES },
    { "§5.2 ES/DW", "127.0.0.1", E, 0, "0.0.0.0", D, 0, OK },
    { "§5.2 ES/DS", "127.0.0.1", E, 0, "127.0.0.1", D, 0, INUSE },
    { "§5.2 ES/RW", "127.0.0.1", E, 0, "0.0.0.0", R, 0, OK },
    { "§5.2 ES/RS", "127.0.0.1", E, 0, "127.0.0.1", R, 0, ACCES },
    { "§5.2 ES/EW", "127.0.0.1", E, 0, "0.0.0.0", E, 0, INUSE },
    { "§5.2 ES/ES", "127.0.0.1", E, 0, "127.0.0.1", E, 0, INUSE },
    /* §5.5, Wine test_reuseaddr on real Windows, across the two stacks; its
     * IPv6 sockets all had IPV6_V6ONLY off (dual = 1) */
    { "§5.5 #2", "::", E, 1, "127.0.0.1", D, 0, ACCES },
    { "§5.5 #7", "127.0.0.1", D, 0, "::", E, 1, INUSE },
    { "§5.5 #8", "::1", D, 1, "0.0.0.0", E, 0, OK },
    { "§5.5 #9", "::1", E, 1, "127.0.0.1", E, 0, OK },
    { "§5.5 #10", "::ffff:127.0.0.1", D, 1, "0.0.0.0", E, 0, INUSE },
    { "§5.5 #11", "::", E, 1, "0.0.0.0", D, 0, ACCES },
    { "§5.5 #12", "::", D, 1, "0.0.0.0", E, 0, OK },
    { "§5.5 #15", "::", D, 1, "0.0.0.0", D, 0, OK },
    { "§5.5 #16", "::ffff:0.0.0.0", D, 1, "0.0.0.0", D, 0, INUSE },
    { "§5.5 #17", "::ffff:127.0.0.1", D, 1, "127.0.0.1", D, 0, INUSE },
    { "§5.5 #18", "127.0.0.1", D, 0, "::ffff:127.0.0.1", D, 1, INUSE },
};

static WSPPROC_TABLE P;
static int via_shim;

static int family_of(const char *addr)
{
    return strchr(addr, ':') ? AF_INET6 : AF_INET;
}

static socklen_t make_addr(const char *text, unsigned port, struct sockaddr_storage *ss)
{
    memset(ss, 0, sizeof *ss);
    if (family_of(text) == AF_INET6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(port);
        ck_assert_int_eq(inet_pton(AF_INET6, text, &a->sin6_addr), 1);
        return sizeof *a;
    }
    struct sockaddr_in *a = (struct sockaddr_in *)ss;
    a->sin_family = AF_INET;
    a->sin_port = htons(port);
    ck_assert_int_eq(inet_pton(AF_INET, text, &a->sin_addr), 1);
    return sizeof *a;
}

static int make_socket(const char *addr, enum opt opt, int dual)
{
    int af = family_of(addr), fd, err = 0, one = 1, v6only = dual ? 0 : 1;
    if (via_shim) {
        fd = socket(af, SOCK_STREAM, 0);
        if (opt == R)
            ck_assert_int_eq(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one), 0);
        if (af == AF_INET6)
            ck_assert_int_eq(setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof v6only), 0);
        return fd;
    }
    fd = (int)P.lpWSPSocket(af == AF_INET6 ? WS_AF_INET6 : WS_AF_INET, WS_SOCK_STREAM, 0, NULL, 0, 0, &err);
    ck_assert_int_ge(fd, 0);
    if (opt != D)
        ck_assert_int_eq(P.lpWSPSetSockOpt((SOCKET)fd, WS_SOL_SOCKET, opt == R ? WS_SO_REUSEADDR : WS_SO_EXCLUSIVEADDRUSE,
                                           (char *)&one, sizeof one, &err), 0);
    if (af == AF_INET6)
        ck_assert_int_eq(P.lpWSPSetSockOpt((SOCKET)fd, WS_IPPROTO_IPV6, WS_IPV6_V6ONLY, (char *)&v6only,
                                           sizeof v6only, &err), 0);
    return fd;
}

/* 0, or the WSAE code of a failed bind (translated from errno via the shim) */
static int bind_under_test(int fd, const struct sockaddr_storage *ss, socklen_t len)
{
    if (via_shim)
        return bind(fd, (const struct sockaddr *)ss, len) == 0 ? 0 : wsp_wsa_from_errno(errno);
    struct sockaddr_storage win = *ss;
    ((struct WS_sockaddr *)&win)->sa_family = (ADDRESS_FAMILY)wsp_af_from_native(ss->ss_family);
    int err = 0;
    return P.lpWSPBind((SOCKET)fd, (struct WS_sockaddr *)&win, (int)len, &err) == 0 ? 0 : err;
}

static unsigned bound_port(int fd)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&ss, &len), 0);
    return ss.ss_family == AF_INET ? ntohs(((struct sockaddr_in *)&ss)->sin_port)
                                   : ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
}

/* A port free on every address of both stacks right now: an ephemeral port
 * picked for one address may be busy on another (other programs' sockets),
 * which would make Linux refuse the second bind for reasons of its own. */
static unsigned free_port_everywhere(void)
{
    for (int attempt = 0; attempt < 50; attempt++) {
        int probe = (int)syscall(SYS_socket, AF_INET6, SOCK_STREAM, 0), off = 0;
        setsockopt(probe, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
        struct sockaddr_in6 any = { .sin6_family = AF_INET6 };
        socklen_t len = sizeof any;
        int ok = syscall(SYS_bind, probe, &any, sizeof any) == 0 &&
                 getsockname(probe, (struct sockaddr *)&any, &len) == 0;
        syscall(SYS_close, probe);
        if (ok)
            return ntohs(any.sin6_port);
    }
    return 0;
}

START_TEST(two_sockets_on_one_port_get_windows_answer)
{
    const struct row *r = &rows[_i];
    via_shim = wspshim_active();
    if (via_shim && (r->opt1 == E || r->opt2 == E))
        return;                                 /* POSIX cannot ask for SO_EXCLUSIVEADDRUSE */
    WSPDATA data;
    WSAPROTOCOL_INFOW info;
    WSPUPCALLTABLE up;
    memset(&up, 0, sizeof up);
    ck_assert_int_eq(WSPStartup(MAKEWORD(2, 2), &data, &info, up, &P), 0);

    int first = make_socket(r->addr1, r->opt1, r->dual1);
    struct sockaddr_storage ss;
    socklen_t len = make_addr(r->addr1, free_port_everywhere(), &ss);
    ck_assert_int_eq(bind_under_test(first, &ss, len), 0);
    unsigned port = bound_port(first);
    ck_assert_int_eq(listen(first, 4), 0);
    int second = make_socket(r->addr2, r->opt2, r->dual2);
    len = make_addr(r->addr2, port, &ss);
    int got = bind_under_test(second, &ss, len);
    ck_assert_msg(got == r->windows, "%s: %s %c then %s %c: got %s, Windows %s", r->source, r->addr1,
                  "DRE"[r->opt1], r->addr2, "DRE"[r->opt2], got ? wsp_wsa_name(got) : "OK",
                  r->windows ? wsp_wsa_name(r->windows) : "OK");
    close(second);
    close(first);
}
END_TEST

START_TEST(exclusive_port_refuses_a_default_socket_but_not_after_it_closes)
{
    via_shim = wspshim_active();
    if (via_shim)
        return;
    WSPDATA data;
    WSAPROTOCOL_INFOW info;
    WSPUPCALLTABLE up;
    memset(&up, 0, sizeof up);
    WSPStartup(MAKEWORD(2, 2), &data, &info, up, &P);
    int first = make_socket("127.0.0.1", E, 0);
    struct sockaddr_storage ss;
    socklen_t len = make_addr("127.0.0.1", 0, &ss);
    ck_assert_int_eq(bind_under_test(first, &ss, len), 0);
    unsigned port = bound_port(first);
    int second = make_socket("127.0.0.1", R, 0);
    len = make_addr("127.0.0.1", port, &ss);
    ck_assert_int_eq(bind_under_test(second, &ss, len), ACCES);
    int err;
    P.lpWSPCloseSocket((SOCKET)first, &err);
    ck_assert_int_eq(bind_under_test(second, &ss, len), 0);       /* the table forgets closed sockets */
    P.lpWSPCloseSocket((SOCKET)second, &err);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("bind");
    TCase *t = tcase_create("address sharing");
    tcase_add_loop_test(t, two_sockets_on_one_port_get_windows_answer, 0, (int)(sizeof rows / sizeof rows[0]));
    tcase_add_test(t, exclusive_port_refuses_a_default_socket_but_not_after_it_closes);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}

/*
 * Audit and enforce must give one answer: for every row of the option table,
 * every socket kind and a representative set of values, the prediction
 * audit reports (WSP_PREDICT) equals what enforce does (WSP_APPLY) on the
 * same fresh socket.  The rows are walked, never listed, so a row added
 * later is covered the day it is added.
 */
#include "wsp_internal.h"

#include <check.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static WSPPROC_TABLE P;

static void start(void)
{
    WSPDATA data;
    WSAPROTOCOL_INFOW info;
    WSPUPCALLTABLE upcalls;
    memset(&upcalls, 0, sizeof upcalls);
    ck_assert_int_eq(WSPStartup(MAKEWORD(2, 2), &data, &info, upcalls, &P), 0);
}

static const struct kind {
    const char *name;
    int waf, wtype;
    int bind;            /* bound to loopback before the call */
} kinds[] = {
    { "tcp4", WS_AF_INET, WS_SOCK_STREAM, 0 },
    { "udp4", WS_AF_INET, WS_SOCK_DGRAM, 0 },
    { "tcp6", WS_AF_INET6, WS_SOCK_STREAM, 0 },
    { "udp6", WS_AF_INET6, WS_SOCK_DGRAM, 0 },
    { "tcp4-bound", WS_AF_INET, WS_SOCK_STREAM, 1 },
    { "udp6-bound", WS_AF_INET6, WS_SOCK_DGRAM, 1 },
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

/* values a program passes: off, on, the byte limit, one past it, all ones */
static const int32_t values[] = { 0, 1, 255, 256, -1 };
#define NVALUES (sizeof values / sizeof values[0])
/* optlens: the full int, one byte, none */
static const int lens[] = { 4, 1, 0 };
#define NLENS (sizeof lens / sizeof lens[0])

static int fresh(const struct kind *k)
{
    int err = 0;
    SOCKET s = P.lpWSPSocket(k->waf, k->wtype, 0, NULL, 0, 0, &err);
    ck_assert_msg(s != INVALID_SOCKET, "WSPSocket(%s): %d", k->name, err);
    int fd = (int)s;
    if (k->bind) {
        struct sockaddr_storage ss;
        memset(&ss, 0, sizeof ss);
        socklen_t len;
        if (k->waf == WS_AF_INET) {
            struct sockaddr_in *a = (struct sockaddr_in *)&ss;
            a->sin_family = AF_INET;
            a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            len = sizeof *a;
        } else {
            struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
            a->sin6_family = AF_INET6;
            a->sin6_addr = in6addr_loopback;
            len = sizeof *a;
        }
        ck_assert_int_eq(bind(fd, (struct sockaddr *)&ss, len), 0);
    }
    return fd;
}

static void closefd(int fd)
{
    int err = 0;
    P.lpWSPCloseSocket((SOCKET)fd, &err);
}

START_TEST(set_prediction_equals_enforcement)
{
    start();
    int cases = 0, mismatches = 0;
    for (size_t i = 0; i < wsp_opt_count(); i++) {
        const struct wsp_optrow *row = wsp_opt_at(i);
        if (row->flags & WSP_OPT_NO_PREDICT)
            continue;
        for (size_t k = 0; k < NKINDS; k++)
            for (size_t vi = 0; vi < NVALUES; vi++)
                for (size_t li = 0; li < NLENS; li++) {
                    char buf[sizeof(WSAPROTOCOL_INFOW)];
                    memset(buf, 0, sizeof buf);
                    memcpy(buf, &values[vi], sizeof values[vi]);
                    int optlen = row->len_rule == WSP_LEN_STRUCT && lens[li] == 4 ? row->size : lens[li];
                    int fd = fresh(&kinds[k]);
                    struct wsp_verdict p = { 0, 0, 0 }, a = { 0, 0, 0 };
                    wsp_setsockopt_mode((SOCKET)fd, row->wlevel, row->wname, buf, optlen, WSP_PREDICT, &p);
                    wsp_setsockopt_mode((SOCKET)fd, row->wlevel, row->wname, buf, optlen, WSP_APPLY, &a);
                    closefd(fd);
                    cases++;
                    if (p.ret != a.ret || p.wsa != a.wsa || p.ignored != a.ignored) {
                        mismatches++;
                        fprintf(stderr, "set %s.%s value %d optlen %d: audit predicts %d/%s%s, enforce gives %d/%s%s\n",
                                kinds[k].name, row->wname_str, (int)values[vi], optlen, p.ret,
                                p.wsa ? wsp_wsa_name(p.wsa) : "0", p.ignored ? " (ignored)" : "", a.ret,
                                a.wsa ? wsp_wsa_name(a.wsa) : "0", a.ignored ? " (ignored)" : "");
                    }
                }
    }
    fprintf(stderr, "set parity: %d cases, %d mismatches\n", cases, mismatches);
    ck_assert_int_gt(cases, 0);
    ck_assert_int_eq(mismatches, 0);
}
END_TEST

START_TEST(get_prediction_equals_enforcement)
{
    start();
    int cases = 0, mismatches = 0;
    for (size_t i = 0; i < wsp_opt_count(); i++) {
        const struct wsp_optrow *row = wsp_opt_at(i);
        if (row->flags & WSP_OPT_NO_PREDICT)
            continue;
        for (size_t k = 0; k < NKINDS; k++)
            for (size_t li = 0; li < NLENS; li++) {
                int want = row->len_rule == WSP_LEN_STRUCT && lens[li] == 4 ? row->size : lens[li];
                char pb[sizeof(WSAPROTOCOL_INFOW)], ab[sizeof(WSAPROTOCOL_INFOW)];
                memset(pb, 0xa5, sizeof pb);
                memset(ab, 0xa5, sizeof ab);
                int plen = want, alen = want;
                int fd = fresh(&kinds[k]);
                struct wsp_verdict p = { 0, 0, 0 }, a = { 0, 0, 0 };
                wsp_getsockopt_mode((SOCKET)fd, row->wlevel, row->wname, pb, &plen, WSP_PREDICT, &p);
                wsp_getsockopt_mode((SOCKET)fd, row->wlevel, row->wname, ab, &alen, WSP_APPLY, &a);
                closefd(fd);
                cases++;
                /* SO_CONNECT_TIME and the like may tick between the calls: values
                 * are compared for the rows whose value cannot move by itself */
                int same_value = plen != alen || memcmp(pb, ab, sizeof pb) == 0 || row->wname == WS_SO_CONNECT_TIME;
                if (p.ret != a.ret || p.wsa != a.wsa || plen != alen || !same_value) {
                    mismatches++;
                    fprintf(stderr, "get %s.%s optlen %d: audit predicts %d/%s len %d, enforce gives %d/%s len %d%s\n",
                            kinds[k].name, row->wname_str, want, p.ret, p.wsa ? wsp_wsa_name(p.wsa) : "0", plen,
                            a.ret, a.wsa ? wsp_wsa_name(a.wsa) : "0", alen, same_value ? "" : " (values differ)");
                }
            }
    }
    fprintf(stderr, "get parity: %d cases, %d mismatches\n", cases, mismatches);
    ck_assert_int_gt(cases, 0);
    ck_assert_int_eq(mismatches, 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sockopt_parity");
    TCase *tc = tcase_create("parity");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, set_prediction_equals_enforcement);
    tcase_add_test(tc, get_prediction_equals_enforcement);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}

/*
 * The two ways into libwsp's option code (issue 16): the procedure table's
 * WSPSetSockOpt/WSPGetSockOpt, and the internal row entry the shim uses
 * (wsp_setsockopt_row/wsp_getsockopt_row: row found and state held by the
 * caller).  The conformance probe (tests/conformance/conformance.c) is built
 * with these in place of its calls, and tests/entry_parity.sh runs it once
 * each way and compares every case.
 *
 * WSP_PARITY_ENTRY=row: every call whose level and option have a row goes
 * through the row entry, found and held as the shim does (the rest, an
 * unknown level or option, never reaches the row entry: the shim sends those
 * to libc); anything else: the procedure table.  At exit the row run says on
 * stderr how many calls took the row entry.
 */
#include "wsp_internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long row_sets, row_gets;

static void say_counts(void)
{
    fprintf(stderr, "entry_parity: row entry: %lu sets, %lu gets\n", row_sets, row_gets);
}

static int use_row(void)
{
    static int decided = -1;
    if (decided < 0) {
        const char *e = getenv("WSP_PARITY_ENTRY");
        decided = e && !strcmp(e, "row");
        if (decided)
            atexit(say_counts);
    }
    return decided;
}

static const struct wsp_optrow *row_of(SOCKET s, int level, int name)
{
    return use_row() && s <= (SOCKET)INT_MAX && wsp_level_known(level) ? wsp_opt_find(level, name) : NULL;
}

static int answer(int wsa, int *err)
{
    if (!wsa)
        return 0;
    *err = wsa;
    return SOCKET_ERROR;
}

int wsp_parity_setsockopt(WSPPROC_TABLE *t, SOCKET s, int level, int name, const char *val, int len, int *err);
int wsp_parity_getsockopt(WSPPROC_TABLE *t, SOCKET s, int level, int name, char *val, int *len, int *err);

int wsp_parity_setsockopt(WSPPROC_TABLE *t, SOCKET s, int level, int name, const char *val, int len, int *err)
{
    const struct wsp_optrow *row = row_of(s, level, name);
    if (!row)
        return t->lpWSPSetSockOpt(s, level, name, val, len, err);
    row_sets++;
    int fd = (int)s, wsa;
    for (;;) {
        struct wsp_sock *st = wsp_sock_hold(fd, &wsa);
        if (!st)
            return answer(wsa, err);
        wsa = wsp_setsockopt_row(fd, st, row, val, len, WSP_APPLY, 0, NULL);
        wsp_sock_put(st);
        if (wsa != WSP_STALE)
            return answer(wsa, err);
    }
}

int wsp_parity_getsockopt(WSPPROC_TABLE *t, SOCKET s, int level, int name, char *val, int *len, int *err)
{
    const struct wsp_optrow *row = row_of(s, level, name);
    if (!row)
        return t->lpWSPGetSockOpt(s, level, name, val, len, err);
    row_gets++;
    int fd = (int)s, wsa;
    for (;;) {
        struct wsp_sock *st = wsp_sock_hold(fd, &wsa);
        if (!st)
            return answer(wsa, err);
        wsa = wsp_getsockopt_row(fd, st, row, val, len, WSP_APPLY, 0, NULL, NULL);
        wsp_sock_put(st);
        if (wsa != WSP_STALE)
            return answer(wsa, err);
    }
}

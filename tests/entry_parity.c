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
#include "sockopt_lane.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

static unsigned long row_sets, row_gets;

static void say_counts(void)
{
    fprintf(stderr, "entry_parity: row entry: %lu sets, %lu gets\n", row_sets, row_gets);
#ifdef WSP_LANE_COUNT
    fprintf(stderr, "entry_parity: lane: %lu sets, %lu gets\n", wsp_lane_taken[0], wsp_lane_taken[1]);
#endif
}

/* 0: the procedure table; 1: the row entry; 2: the shim's enforce entry
 * (sockopt_lane.h's wsp_setsockopt_lane/wsp_getsockopt_lane first, the row
 * entry for what the lane does not take) */
static int use_row(void)
{
    static int decided = -1;
    if (decided < 0) {
        const char *e = getenv("WSP_PARITY_ENTRY");
        decided = !e ? 0 : !strcmp(e, "row") ? 1 : !strcmp(e, "lane") ? 2 : 0;
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

/*
 * The probe only tries NULL and the first page as bad pointers.  At exit,
 * every row is also set and got through the same entry with an unmapped page,
 * a PROT_NONE page and a value whose first byte is readable but whose rest
 * lies on a PROT_NONE page, at lengths 0, 1, 2, 4, 8 and -1, on the four
 * socket kinds; the lines join the output the two runs compare.  Sets go
 * through the entry under test (the shim hands libwsp a caller's int value
 * uncopied); gets through the procedure table in both runs.
 */
static WSPPROC_TABLE *sweep_table;

static void pointer_sweep(void)
{
    long page = sysconf(_SC_PAGESIZE);
    char *map = mmap(NULL, 3 * (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED || munmap(map + 2 * page, (size_t)page) || mprotect(map + page, (size_t)page, PROT_NONE)) {
        printf("pointer sweep: no test pages\n");
        return;
    }
    memset(map, 0, (size_t)page);
    struct { const char *name; char *p; } ptrs[] = {
        {"unmapped", map + 2 * page}, {"prot_none", map + page}, {"straddling", map + page - 1},
    };
    static const int lens[] = {0, 1, 2, 4, 8, -1};
    static const int kinds[][2] = {{AF_INET, SOCK_STREAM}, {AF_INET, SOCK_DGRAM}, {AF_INET6, SOCK_STREAM}, {AF_INET6, SOCK_DGRAM}};
    unsigned long lines = 0;
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        int fd = socket(kinds[k][0], kinds[k][1], 0);
        if (fd < 0) {
            printf("pointer sweep: no socket %d/%d\n", kinds[k][0], kinds[k][1]);
            continue;
        }
        for (size_t i = 0; i < wsp_opt_count(); i++) {
            const struct wsp_optrow *row = wsp_opt_at(i);
            for (size_t p = 0; p < sizeof ptrs / sizeof ptrs[0]; p++)
                for (size_t l = 0; l < sizeof lens / sizeof lens[0]; l++) {
                    int err = 0, rc, glen = lens[l];
                    rc = wsp_parity_setsockopt(sweep_table, (SOCKET)fd, row->wlevel, row->wname, ptrs[p].p, lens[l], &err);
                    printf("sweep %d/%d set %s %s len %d -> %d %d\n", kinds[k][0], kinds[k][1], row->wname_str,
                           ptrs[p].name, lens[l], rc, rc ? err : 0);
                    err = 0;
                    /* gets: the row entry writes into memory its caller
                     * owns (the shim's buffer), so only the procedure table
                     * meets a caller's bad pointer; it must answer, not fault */
                    rc = sweep_table->lpWSPGetSockOpt((SOCKET)fd, row->wlevel, row->wname, ptrs[p].p, &glen, &err);
                    printf("sweep %d/%d get %s %s len %d -> %d %d len %d\n", kinds[k][0], kinds[k][1], row->wname_str,
                           ptrs[p].name, lens[l], rc, rc ? err : 0, glen);
                    lines += 2;
                }
        }
        close(fd);
    }
    fprintf(stderr, "entry_parity: pointer sweep: %lu cases\n", lines);
}

/*
 * The probe's own cases are mostly the edges (short lengths, bad pointers),
 * which the lane leaves to the general order.  At exit every row is also
 * set to a range of values with lengths 4 and 8 and read back with room for
 * 4 and 8 bytes, through the entry under test, on the four socket kinds:
 * first as they come, then with keep-alive and SO_DEBUG on (the lane
 * steps aside for both), so the calls the lane takes and the ones it
 * leaves meet the same rows.
 */
static void value_sweep(void)
{
    static const int values[] = {1, 2, -1, 3, 255, 256, 4096, 65536, 0x7fffffff, 0};   /* 0 last: SO_DEBUG and SO_KEEPALIVE end off */
    static const int lens[] = {4, 8};
    static const int kinds[][2] = {{AF_INET, SOCK_STREAM}, {AF_INET, SOCK_DGRAM}, {AF_INET6, SOCK_STREAM}, {AF_INET6, SOCK_DGRAM}};
    unsigned long lines = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
            int fd = socket(kinds[k][0], kinds[k][1], 0);
            if (fd < 0) {
                printf("value sweep: no socket %d/%d\n", kinds[k][0], kinds[k][1]);
                continue;
            }
            int err = 0, on = 1;
            if (pass == 1) {
                wsp_parity_setsockopt(sweep_table, (SOCKET)fd, WS_SOL_SOCKET, WS_SO_KEEPALIVE, (char *)&on, 4, &err);
                wsp_parity_setsockopt(sweep_table, (SOCKET)fd, WS_SOL_SOCKET, WS_SO_DEBUG, (char *)&on, 4, &err);
            }
            for (size_t i = 0; i < wsp_opt_count(); i++) {
                const struct wsp_optrow *row = wsp_opt_at(i);
                for (size_t v = 0; v < sizeof values / sizeof values[0]; v++)
                    for (size_t l = 0; l < sizeof lens / sizeof lens[0]; l++) {
                        int val[2] = {values[v], values[v]}, rc;
                        err = 0;
                        rc = wsp_parity_setsockopt(sweep_table, (SOCKET)fd, row->wlevel, row->wname, (char *)val,
                                                   lens[l], &err);
                        printf("values %d/%d pass %d set %s %d len %d -> %d %d\n", kinds[k][0], kinds[k][1], pass,
                               row->wname_str, values[v], lens[l], rc, rc ? err : 0);
                        unsigned char out[8];
                        memset(out, 0xa5, sizeof out);
                        int glen = lens[l];
                        err = 0;
                        rc = wsp_parity_getsockopt(sweep_table, (SOCKET)fd, row->wlevel, row->wname, (char *)out,
                                                   &glen, &err);
                        printf("values %d/%d pass %d get %s len %d -> %d %d len %d %02x%02x%02x%02x%02x%02x%02x%02x\n",
                               kinds[k][0], kinds[k][1], pass, row->wname_str, lens[l], rc, rc ? err : 0, glen,
                               out[0], out[1], out[2], out[3], out[4], out[5], out[6], out[7]);
                        lines += 2;
                    }
            }
            close(fd);
        }
    fprintf(stderr, "entry_parity: value sweep: %lu cases\n", lines);
}

static void remember_table(WSPPROC_TABLE *t)
{
    if (!sweep_table && t) {
        use_row();               /* its count is said after the sweeps */
        sweep_table = t;
        atexit(pointer_sweep);
        atexit(value_sweep);     /* runs first */
    }
}

int wsp_parity_setsockopt(WSPPROC_TABLE *t, SOCKET s, int level, int name, const char *val, int len, int *err)
{
    remember_table(t);
    const struct wsp_optrow *row = row_of(s, level, name);
    if (!row)
        return t->lpWSPSetSockOpt(s, level, name, val, len, err);
    row_sets++;
    int fd = (int)s, wsa;
    for (;;) {
        struct wsp_sock *st = wsp_sock_hold(fd, &wsa);
        if (!st)
            return answer(wsa, err);
        wsa = use_row() == 2 ? wsp_setsockopt_lane(fd, st, row, val, len) : WSP_LANE_MISS;
        if (wsa == WSP_LANE_MISS)
            wsa = wsp_setsockopt_row(fd, st, row, val, len, WSP_APPLY, 0, NULL);
        wsp_sock_put(st);
        if (wsa != WSP_STALE)
            return answer(wsa, err);
    }
}

int wsp_parity_getsockopt(WSPPROC_TABLE *t, SOCKET s, int level, int name, char *val, int *len, int *err)
{
    remember_table(t);
    const struct wsp_optrow *row = row_of(s, level, name);
    if (!row)
        return t->lpWSPGetSockOpt(s, level, name, val, len, err);
    row_gets++;
    int fd = (int)s, wsa;
    for (;;) {
        struct wsp_sock *st = wsp_sock_hold(fd, &wsa);
        if (!st)
            return answer(wsa, err);
        wsa = use_row() == 2 ? wsp_getsockopt_lane(fd, st, row, val, len) : WSP_LANE_MISS;
        if (wsa == WSP_LANE_MISS)
            wsa = wsp_getsockopt_row(fd, st, row, val, len, WSP_APPLY, 0, NULL, NULL);
        wsp_sock_put(st);
        if (wsa != WSP_STALE)
            return answer(wsa, err);
    }
}

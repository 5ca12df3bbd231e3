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
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

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

static void remember_table(WSPPROC_TABLE *t)
{
    if (!sweep_table && t) {
        sweep_table = t;
        atexit(pointer_sweep);
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
        wsa = wsp_getsockopt_row(fd, st, row, val, len, WSP_APPLY, 0, NULL, NULL);
        wsp_sock_put(st);
        if (wsa != WSP_STALE)
            return answer(wsa, err);
    }
}

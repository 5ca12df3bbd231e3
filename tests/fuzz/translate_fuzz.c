/*
 * libFuzzer target: the shim's translation layer (shim/translate.c), POSIX
 * shapes in.  An option of the table (by its POSIX level/name), a length
 * (negative and huge too), value bytes, and where the value lives: an
 * exactly-sized stack buffer (the syscall-free copy path; ASan sees any
 * overread), the heap (the process_vm_* path), NULL, (void *)1, a PROT_NONE
 * page, or a value running into a guard page.  Then:
 *   shim_to_windows   never crashes; answers 0, EINVAL or EDOM; hands libwsp
 *                     NULL, the first page or its own copy, never the caller's
 *                     pointer; copies no byte past len;
 *   libwsp's predict  answers the copy with 0 or a WSAE code;
 *   shim_render_posix renders only the bytes copied, NUL-terminated;
 *   shim_get_winlen / shim_to_posix  write no byte past the caller's *optlen,
 *                     set *optlen <= it, answer EFAULT for an unwritable buffer.
 * Build and run: tests/fuzz/run.sh [SECONDS] translate_fuzz
 */
#include "../../shim/translate.c"

#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static int socks[4];
static unsigned char *guard_page;   /* a PROT_NONE page, a read-write page before it */
static size_t page;

static void setup(void)
{
    WSPDATA data;
    WSAPROTOCOL_INFOW info;
    WSPUPCALLTABLE up;
    WSPPROC_TABLE P;
    memset(&up, 0, sizeof up);
    if (WSPStartup(MAKEWORD(2, 2), &data, &info, up, &P) != 0)
        abort();
    static const int kinds[4][2] = { { AF_INET, SOCK_STREAM }, { AF_INET, SOCK_DGRAM }, { AF_INET6, SOCK_STREAM },
                                     { AF_INET6, SOCK_DGRAM } };
    for (int i = 0; i < 4; i++)
        if ((socks[i] = wsp_sys_socket(kinds[i][0], kinds[i][1], 0)) < 0)
            abort();
    page = (size_t)sysconf(_SC_PAGESIZE);
    unsigned char *p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED || mprotect(p + page, page, PROT_NONE) != 0)
        abort();
    guard_page = p + page;
}

/* POSIX-named rows mostly; now and then an arbitrary one (its Windows
 * numbers as POSIX ones: the translation must still hold). */
static const struct wsp_optrow *pick(uint8_t b)
{
    size_t n = wsp_opt_count();
    return wsp_opt_at(b % n);
}

static socklen_t pick_len(const uint8_t *d)
{
    static const socklen_t classes[] = { 0, 1, 2, 3, 4, 8, 12, 16, 40, 42, 135, 136, 263, 264, (socklen_t)-1,
                                         0x10000000u, 0x80000000u };   /* 136, 264: group_req, group_source_req */
    if (d[0] < 160)
        return d[1] % 48;
    if (d[0] < 240)
        return classes[d[1] % (sizeof classes / sizeof classes[0])];
    socklen_t l;
    memcpy(&l, d + 2, sizeof l);
    return l;
}

static void check_set(const struct wsp_optrow *row, int fd, const void *val, socklen_t len, size_t readable,
                      enum shim_trust trust)
{
    struct shim_winval w;
    memset(&w, 0xee, sizeof w);
    int r = shim_to_windows(row, val, len, &w, trust);
    if (r != 0 && r != EINVAL && r != EDOM && r != -1)
        abort();
    if (r == EINVAL && w.why && !memchr(w.why, '\0', 200))
        abort();
    if (r == -1 && trust == SHIM_TRUST_UNVERIFIED)
        abort();                    /* enforce never gives up on a value */
    if (r != 0)
        return;
    int own = w.ptr == (const void *)w.posix || w.ptr == (const void *)w.buf;
    if (!own && w.ptr != NULL && w.ptr != SHIM_UNREADABLE && !(w.ptr == val && (uintptr_t)val < 4096))
        abort();                    /* libwsp must never get the caller's memory */
    if (w.copied > 0 && ((size_t)w.copied > readable || ((int)len >= 0 && (size_t)w.copied > len)))
        abort();                    /* copied more than the caller gave */
    if (w.copied < 0 && readable >= ((int)len < 0 ? SHIM_VALUE_MAX : len) && readable > 0)
        abort();                    /* called a readable value unreadable */
    int shaped = row->kind == WSP_KIND_MREQ || row->kind == WSP_KIND_MREQ_SOURCE || row->kind == WSP_KIND_GROUP_REQ;
    if (w.len != (int)len && w.len != 4 && !(shaped && w.len == row->size))
        abort();                    /* the POSIX length, or the Windows shape's */
    if (w.ptr == (const void *)w.buf && (w.len < 0 || (size_t)w.len > sizeof w.buf))
        abort();
    /* libwsp's prediction from the shim's copy */
    struct wsp_verdict v = { 0, 0, 0 };
    wsp_setsockopt_mode((SOCKET)fd, row->wlevel, row->wname, w.ptr, w.len, WSP_PREDICT, &v);
    if (v.ret != 0 && (v.ret != SOCKET_ERROR || v.wsa <= 0))
        abort();
    /* the report's rendering reads only the bytes copied */
    if (w.copied > 0) {
        unsigned char *exact = malloc((size_t)w.copied);
        memcpy(exact, w.posix, (size_t)w.copied);
        char out[48];
        memset(out, 'x', sizeof out);
        shim_render_posix(row, row->nlevel, row->nname, exact, (socklen_t)w.copied, out, sizeof out);
        if (!memchr(out, '\0', sizeof out))
            abort();
        free(exact);
    }
}

static void check_get(const struct wsp_optrow *row, const uint8_t *win_bytes, size_t win_avail, socklen_t have,
                      int where)
{
    char win[SHIM_GET_MAX];
    memset(win, 0, sizeof win);
    memcpy(win, win_bytes, win_avail < sizeof win ? win_avail : sizeof win);
    int winlen = shim_get_winlen(row, have);
    int most = row->kind == WSP_KIND_BYTES ? row->size : 4;
    if ((int)have > 0 && (winlen < 1 || winlen > most || winlen > SHIM_GET_MAX))
        abort();
    if ((int)have <= 0) {
        if (winlen != (int)have)
            abort();
        return;                     /* libwsp refuses it; nothing is written back */
    }
    if (winlen > 1 && win_bytes[8] & 1)
        winlen = 1;                 /* a one-byte BOOL answer */
    size_t cap = have < 64 ? have : 64;
    if (where == 2) {               /* exactly-sized stack buffer: ASan sees any overwrite */
        unsigned char vla[cap];
        socklen_t len = have;
        if (shim_to_posix(row, win, winlen, vla, &len, have, SHIM_VERIFIED_ONLY) != 0 || len > have)
            abort();
    } else if (where == 0) {        /* exactly-sized heap buffer with a canary after it */
        unsigned char *val = malloc(cap + 16);
        memset(val + cap, 0xcd, 16);
        socklen_t len = have;
        int r = shim_to_posix(row, win, winlen, val, &len, have, SHIM_VERIFIED_ONLY);
        if (r != 0 || len > have)
            abort();
        for (int i = 0; i < 16; i++)
            if (val[cap + i] != 0xcd)
                abort();            /* wrote past *optlen */
        free(val);
    } else {                        /* the buffer runs into the guard page */
        size_t good = win_bytes[9] % 24;
        socklen_t len = have;
        int r = shim_to_posix(row, win, winlen, guard_page - good, &len, have, SHIM_VERIFIED_ONLY);
        size_t want = row->kind == WSP_KIND_MS ? sizeof(struct timeval)
                    : row->kind == WSP_KIND_LINGER ? sizeof(struct linger)
                    : row->kind == WSP_KIND_BYTES ? (size_t)winlen : 4;
        if (want > have)
            want = have;
        if (want == 0 && have > 0)
            want = 1;               /* nothing to write: the first byte is still checked */
        if ((r == 0) != (want <= good) || (r != 0 && r != EFAULT))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        setup();
        ready = 1;
    }
    if (size < 16)
        return 0;
    const struct wsp_optrow *row = pick(data[0]);
    socklen_t len = pick_len(data + 1);
    int fd = socks[data[6] & 3];
    int where = data[7] % 6;
    enum shim_trust trust = data[6] & 4 ? SHIM_TRUST_UNVERIFIED : SHIM_VERIFIED_ONLY;
    const uint8_t *bytes = data + 16;
    size_t avail = size - 16;

    switch (where) {
    case 0: {                       /* on the stack, exactly the len bytes the caller promises (ASan: overreads) */
        size_t n = (int)len < 0 || len > SHIM_VALUE_MAX ? SHIM_VALUE_MAX : len;
        unsigned char vla[n ? n : 1];
        memset(vla, 0, sizeof vla);
        memcpy(vla, bytes, avail < n ? avail : n);
        check_set(row, fd, vla, len, n, trust);
        break;
    }
    case 1: {                       /* the heap: the process_vm_readv path */
        size_t n = (int)len < 0 || len > SHIM_VALUE_MAX ? SHIM_VALUE_MAX : len;
        unsigned char *h = calloc(1, n ? n : 1);
        memcpy(h, bytes, avail < n ? avail : n);
        check_set(row, fd, h, len, n, trust);
        free(h);
        break;
    }
    case 2:
        check_set(row, fd, NULL, len, 0, trust);
        break;
    case 3:
        check_set(row, fd, (const void *)1, len, 0, trust);
        break;
    case 4:
        check_set(row, fd, guard_page, len, 0, trust);
        break;
    default: {                      /* the last k bytes before the guard page */
        size_t k = avail < 32 ? avail : 32;
        memcpy(guard_page - k, bytes, k);
        check_set(row, fd, guard_page - k, len, k, trust);
        break;
    }
    }
    socklen_t have;
    memcpy(&have, data + 8, sizeof have);
    if (data[12] & 1)
        have %= 64;
    check_get(row, data + 3, size - 3, have, data[13] % 3);
    return 0;
}

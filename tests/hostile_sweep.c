/*
 * The hostile-pointer sweep (issue 11): every option of the table that a
 * POSIX program can name x every pointer kind x every length class, for
 * setsockopt (optval), getsockopt (optval, then optlen) and bind (the
 * address), each case in a forked child; run natively and under the shim in
 * off, audit and enforce, and compared.
 *
 *   hostile_sweep SHIM_PRELOAD     the driver: runs the four variants, compares
 *   hostile_sweep run              one variant (environment decides): one line per case
 *
 * Passes when off and audit equal native exactly (return value, errno, bytes
 * written, *optlen), and enforce never crashes and answers EFAULT (Windows:
 * WSAEFAULT) where the same call with a good pointer succeeds and the pointer
 * is unusable (NULL, (void *)1, PROT_NONE, unmapped); with a pointer that is
 * partly usable (guard-page straddling, read-only) enforce gives the good
 * pointer's answer or EFAULT.  Prints the case and crash counts.
 */
#include "wsp_internal.h"

#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stddef.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum kind { K_NULL, K_ONE, K_PROT_NONE, K_UNMAPPED, K_READ_ONLY, K_STRADDLE, K_HEAP, K_STACK, K_COUNT };
static const char *const kind_name[K_COUNT] = { "NULL", "(void*)1", "PROT_NONE", "unmapped", "read-only",
                                                "straddling", "valid", "stack" };
#define STRADDLE_GOOD 2     /* readable bytes before the guard page */

/* FULL and FULL - 1 stand for the row's whole POSIX value and one byte
 * less (struct timeval, ip_mreqn, group_source_req, IP_OPTIONS' 40 bytes...) */
#define FULL ((socklen_t)-2)
#define FULL_LESS_1 ((socklen_t)-3)
static const socklen_t lens[] = { 0, 1, 2, 3, 4, 8, FULL, FULL_LESS_1, 42, (socklen_t)-1, 0x10000000u };
#define NLENS (sizeof lens / sizeof lens[0])
#define BUF 320                      /* more than the largest POSIX value (group_source_req, 264) */

static socklen_t posix_size(const struct wsp_optrow *row)
{
    switch (row->kind) {
    case WSP_KIND_MS:          return sizeof(struct timeval);
    case WSP_KIND_LINGER:      return sizeof(struct linger);
    case WSP_KIND_MCAST_IF:
    case WSP_KIND_MREQ:        return sizeof(struct ip_mreqn);
    case WSP_KIND_MREQ_SOURCE: return sizeof(struct ip_mreq_source);
    case WSP_KIND_GROUP_REQ:
    case WSP_KIND_BYTES:       return (socklen_t)row->size;
    default:                   return 4;
    }
}

static socklen_t len_of(const struct wsp_optrow *row, socklen_t l)
{
    return l == FULL ? posix_size(row) : l == FULL_LESS_1 ? posix_size(row) - 1 : l;
}

enum call { C_SET, C_GET_VAL, C_GET_LEN, C_BIND };
struct sweep_case {
    enum call call;
    const struct wsp_optrow *row;    /* NULL for bind */
    int family, type;
    enum kind kind;
    socklen_t len;
};

struct result {
    int crashed;                     /* signal number, 0 if none */
    int ret, err;
    int len_known;
    socklen_t len_after;
    int nbytes;
    unsigned char bytes[64];         /* the caller's buffer after the call, where readable */
};

/* ---- the cases, in a fixed order -------------------------------------- */
static struct sweep_case *cases;
static size_t ncases;

static void add(struct sweep_case c)
{
    static size_t cap;
    if (ncases == cap) {
        cap = cap ? 2 * cap : 4096;
        cases = realloc(cases, cap * sizeof *cases);
        if (!cases)
            abort();
    }
    cases[ncases++] = c;
}

/* The socket a row applies to (its own level's family, its socket type:
 * datagram for the IP-layer datagram options, which stream sockets refuse). */
static void socket_for(const struct wsp_optrow *row, int *family, int *type)
{
    *family = row->nlevel == IPPROTO_IPV6 ? AF_INET6 : AF_INET;
    *type = (row->flags & (WSP_OPT_DGRAM_ONLY | WSP_OPT_STREAM_EINVAL)) ? SOCK_DGRAM : SOCK_STREAM;
}

/* A value the option accepts with a good pointer, so that enforce must
 * answer EFAULT for the same call with an unusable one: groups joined on lo,
 * lo named by address or index. */
static void fill_for(const struct wsp_optrow *row, unsigned char *fill)
{
    static const unsigned char lo4[4] = { 127, 0, 0, 1 }, group4[4] = { 239, 255, 0, 9 },
                               ssm4[4] = { 232, 1, 1, 9 }, src4[4] = { 10, 1, 2, 3 };
    static const unsigned char group6[16] = { 0xff, 0x02, [13] = 1, [15] = 9 };
    uint32_t lo = if_nametoindex("lo"), lo_net = htonl(lo);
    switch (row->kind) {
    case WSP_KIND_MCAST_IF:                 /* in_addr, ip_mreq or ip_mreqn: lo's address in both places */
        memcpy(fill, lo4, 4);
        memcpy(fill + 4, lo4, 4);
        break;
    case WSP_KIND_MREQ:                     /* {group, lo, ifindex 0} */
        memcpy(fill, group4, 4);
        memcpy(fill + 4, lo4, 4);
        break;
    case WSP_KIND_MREQ_SOURCE:              /* Linux order: {group, interface, source} */
        memcpy(fill, ssm4, 4);
        memcpy(fill + 4, lo4, 4);
        memcpy(fill + 8, src4, 4);
        break;
    case WSP_KIND_GROUP_REQ: {
        memcpy(fill, &lo, 4);
        size_t at[2] = { offsetof(struct group_source_req, gsr_group), offsetof(struct group_source_req, gsr_source) };
        for (int i = 0; i < (row->size == (int)sizeof(struct group_source_req) ? 2 : 1); i++) {
            if (row->nlevel == IPPROTO_IPV6) {
                struct sockaddr_in6 a = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
                if (!i)
                    memcpy(&a.sin6_addr, group6, 16);     /* the group; the source is ::1 */
                memcpy(fill + at[i], &a, sizeof a);
            } else {
                struct sockaddr_in a = { .sin_family = AF_INET };
                memcpy(&a.sin_addr, i ? src4 : (row->size == (int)sizeof(struct group_req) ? group4 : ssm4), 4);
                memcpy(fill + at[i], &a, sizeof a);
            }
        }
        break;
    }
    case WSP_KIND_IFINDEX_NET:
    case WSP_KIND_IFINDEX_NET_GET:          /* IPV6_UNICAST_IF, IP_UNICAST_IF: lo, network order */
        memcpy(fill, &lo_net, 4);
        break;
    default:
        fill[0] = 1;                         /* int 1, BOOL TRUE, timeval {1 s}, linger {on, 0 s} */
        break;
    }
}

static void make_cases(void)
{
    for (size_t i = 0; i < wsp_opt_count(); i++) {
        const struct wsp_optrow *row = wsp_opt_at(i);
        if (row->nname < 0 || (row->flags & WSP_OPT_NO_POSIX))
            continue;                /* no POSIX spelling reaches it: the shim never sees it */
        int family, type;
        socket_for(row, &family, &type);
        for (enum call c = C_SET; c <= C_GET_LEN; c++)
            for (int k = 0; k < K_COUNT; k++)
                for (size_t l = 0; l < NLENS; l++)
                    add((struct sweep_case){ c, row, family, type, (enum kind)k, len_of(row, lens[l]) });
    }
    static const socklen_t bind_lens[] = { 0, 1, 2, 4, 8, 16, 24, 28, 42, 128, 200, (socklen_t)-1 };
    for (int f = 0; f < 2; f++)
        for (int k = 0; k < K_COUNT; k++)
            for (size_t l = 0; l < sizeof bind_lens / sizeof bind_lens[0]; l++)
                add((struct sweep_case){ C_BIND, NULL, f ? AF_INET6 : AF_INET, SOCK_DGRAM, (enum kind)k,
                                         bind_lens[l] });
}

/* ---- one case, in a child --------------------------------------------- */
static size_t page;
static unsigned char *maps[2];        /* this case's pages, released after it */
static int nmaps;

/* The buffer for a pointer kind; *good is how many bytes from it are usable. */
static unsigned char *buffer(enum kind k, unsigned char *stack, const unsigned char *fill, size_t fill_len,
                             size_t *good)
{
    *good = 0;
    if (k == K_NULL)
        return NULL;
    if (k == K_ONE)
        return (unsigned char *)1;
    if (k == K_STACK) {
        memcpy(stack, fill, fill_len);
        *good = BUF;
        return stack;
    }
    unsigned char *p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        _exit(90);
    maps[nmaps++] = p;
    switch (k) {
    case K_HEAP:
        memcpy(p, fill, fill_len);
        *good = BUF;
        return p;
    case K_PROT_NONE:
        mprotect(p + page, page, PROT_NONE);
        return p + page;
    case K_UNMAPPED:
        munmap(p + page, page);
        return p + page;
    case K_READ_ONLY:
        memcpy(p + page, fill, fill_len);
        mprotect(p + page, page, PROT_READ);
        *good = BUF;
        return p + page;
    default: /* K_STRADDLE */
        memcpy(p + page - STRADDLE_GOOD, fill, STRADDLE_GOOD);
        mprotect(p + page, page, PROT_NONE);
        *good = STRADDLE_GOOD;
        return p + page - STRADDLE_GOOD;
    }
}

static void run_case(const struct sweep_case *c, struct result *r)
{
    unsigned char stack_buf[BUF], stack_len[16];
    unsigned char fill[BUF];
    memset(fill, 0, sizeof fill);
    if (c->row)
        fill_for(c->row, fill);
    int fd = socket(c->family, c->type, 0);
    if (fd < 0)
        _exit(91);
    size_t good_val = 0, good_len = 0;
    errno = 0;
    if (c->call == C_BIND) {
        struct sockaddr_storage ss;
        memset(&ss, 0, sizeof ss);
        if (c->family == AF_INET) {
            struct sockaddr_in *a = (struct sockaddr_in *)&ss;
            a->sin_family = AF_INET;
            a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        } else {
            struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
            a->sin6_family = AF_INET6;
            a->sin6_addr = in6addr_loopback;
        }
        memcpy(fill, &ss, sizeof ss);
        unsigned char *p = buffer(c->kind, stack_buf, fill, sizeof ss, &good_val);
        r->ret = bind(fd, (struct sockaddr *)p, c->len);
        r->err = errno;
    } else if (c->call == C_SET) {
        unsigned char *p = buffer(c->kind, stack_buf, fill, sizeof fill, &good_val);
        r->ret = setsockopt(fd, c->row->nlevel, c->row->nname, p, c->len);
        r->err = errno;
    } else {
        unsigned char pattern[BUF];
        memset(pattern, 0xa5, sizeof pattern);
        unsigned char *val;
        socklen_t *lenp;
        if (c->call == C_GET_VAL) {
            val = buffer(c->kind, stack_buf, pattern, sizeof pattern, &good_val);
            memcpy(stack_len, &c->len, sizeof c->len);
            lenp = (socklen_t *)(void *)stack_len;
            good_len = sizeof(socklen_t);
        } else {
            memcpy(stack_buf, pattern, sizeof pattern);
            val = stack_buf;
            good_val = BUF;
            lenp = (socklen_t *)(void *)buffer(c->kind, stack_len, (const unsigned char *)&c->len,
                                               sizeof c->len, &good_len);
        }
        r->ret = getsockopt(fd, c->row->nlevel, c->row->nname, val, lenp);
        r->err = errno;
        if (good_len >= sizeof(socklen_t)) {
            r->len_known = 1;
            memcpy(&r->len_after, lenp, sizeof r->len_after);
        }
        r->nbytes = (int)(good_val < sizeof r->bytes ? good_val : sizeof r->bytes);
        if (r->nbytes)
            memcpy(r->bytes, val, (size_t)r->nbytes);
    }
    if (r->ret == 0)
        r->err = 0;
    close(fd);
    while (nmaps > 0)
        munmap(maps[--nmaps], 2 * page);
}

/* Cases run in forked children, a batch of up to BATCH consecutive cases per
 * child, each case with its own socket and pages (released after it): a
 * fault ends the child, is recorded for the case it hit, and the next case
 * starts in a new child.  (One fork per case costs ~3 ms of CPU on the 2-core
 * CI machine: 100 s for the four runs.) */
#define BATCH 64

static void run_all(FILE *out)
{
    struct result *res = calloc(ncases, sizeof *res);
    if (!res)
        exit(2);
    size_t i = 0;
    while (i < ncases) {
        size_t end = i + BATCH < ncases ? i + BATCH : ncases;
        int p[2];
        if (pipe(p) != 0)
            exit(2);
        pid_t pid = fork();
        if (pid < 0)
            exit(2);
        if (pid == 0) {
            close(p[0]);
            for (size_t j = i; j < end; j++) {
                struct result r;
                memset(&r, 0, sizeof r);
                run_case(&cases[j], &r);
                if (write(p[1], &r, sizeof r) != (ssize_t)sizeof r)
                    _exit(92);
            }
            _exit(0);
        }
        close(p[1]);
        size_t j = i;
        while (j < end && read(p[0], &res[j], sizeof res[j]) == (ssize_t)sizeof res[j])
            j++;
        close(p[0]);
        int status = 0;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
        if (j < end) {                 /* case j did not finish */
            memset(&res[j], 0, sizeof res[j]);
            res[j].crashed = WIFSIGNALED(status) ? WTERMSIG(status) : 1000 + WEXITSTATUS(status);
            j++;
        }
        i = j;
    }
    for (i = 0; i < ncases; i++) {
        const struct result *r = &res[i];
        fprintf(out, "%zu %d %d %d %d %u %d ", i, r->crashed, r->ret, r->err, r->len_known,
                (unsigned)r->len_after, r->nbytes);
        for (int b = 0; b < r->nbytes; b++)
            fprintf(out, "%02x", r->bytes[b]);
        fputc('\n', out);
    }
    free(res);
}

/* ---- the driver --------------------------------------------------------- */
static const char *const variant[] = { "native", "off", "audit", "enforce" };

static struct result *run_variant(int v, const char *self, const char *preload)
{
    int p[2];
    if (pipe(p) != 0)
        exit(2);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        unsetenv("WSP_REPORT");
        unsetenv("WSP_LOG");
        setenv("WSP_DEBUG_FILE", "/dev/null", 1);   /* SO_DEBUG cases trace every call */
        if (v == 0) {
            unsetenv("LD_PRELOAD");
            unsetenv("WSP_MODE");
        } else {
            setenv("LD_PRELOAD", preload, 1);
            setenv("WSP_MODE", variant[v], 1);
        }
        execl(self, self, "run", (char *)NULL);
        _exit(127);
    }
    close(p[1]);
    FILE *in = fdopen(p[0], "r");
    struct result *res = calloc(ncases, sizeof *res);
    char line[512];
    size_t seen = 0;
    while (fgets(line, sizeof line, in)) {
        size_t i;
        int n = 0;
        struct result r;
        memset(&r, 0, sizeof r);
        unsigned len_after;
        if (sscanf(line, "%zu %d %d %d %d %u %d %n", &i, &r.crashed, &r.ret, &r.err, &r.len_known, &len_after,
                   &r.nbytes, &n) < 7 || i >= ncases)
            continue;
        r.len_after = len_after;
        for (int b = 0; b < r.nbytes; b++) {
            unsigned x;
            sscanf(line + n + 2 * b, "%2x", &x);
            r.bytes[b] = (unsigned char)x;
        }
        res[i] = r;
        seen++;
    }
    fclose(in);
    int status;
    waitpid(pid, &status, 0);
    if (seen != ncases || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "hostile_sweep: the %s run reported %zu of %zu cases (status %d)\n", variant[v], seen,
                ncases, status);
        exit(1);
    }
    return res;
}

static void describe(const struct sweep_case *c, char *out, size_t cap)
{
    const char *call = c->call == C_SET ? "setsockopt" : c->call == C_BIND ? "bind" : "getsockopt";
    const char *which = c->call == C_GET_LEN ? "optlen" : c->call == C_BIND ? "addr" : "optval";
    snprintf(out, cap, "%s(%s %s, %s, %s=%s, len=%d)", call, c->family == AF_INET6 ? "AF_INET6" : "AF_INET",
             c->type == SOCK_DGRAM ? "DGRAM" : "STREAM", c->row ? c->row->nname_str : "-", which,
             kind_name[c->kind], (int)c->len);
}

static int same(const struct result *a, const struct result *b)
{
    return a->crashed == b->crashed && a->ret == b->ret && a->err == b->err && a->len_known == b->len_known &&
           a->len_after == b->len_after && a->nbytes == b->nbytes && !memcmp(a->bytes, b->bytes, (size_t)a->nbytes);
}

/* the case with the same call, option and length but a good stack pointer */
static size_t reference(size_t i)
{
    return i + (size_t)(K_STACK - cases[i].kind) * (cases[i].call == C_BIND ? 12 : NLENS);
}

int main(int argc, char **argv)
{
    page = (size_t)sysconf(_SC_PAGESIZE);
    make_cases();
    if (argc == 2 && !strcmp(argv[1], "run")) {
        setvbuf(stdout, NULL, _IOFBF, 1 << 16);
        run_all(stdout);
        return 0;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: hostile_sweep SHIM_PRELOAD | hostile_sweep run\n");
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return 2;
    self[n] = '\0';
    struct result *res[4];
    for (int v = 0; v < 4; v++)
        res[v] = run_variant(v, self, argv[1]);
    int failures = 0;
    size_t crashes[4] = { 0 }, efault_expected = 0;
    for (size_t i = 0; i < ncases; i++) {
        char what[160];
        describe(&cases[i], what, sizeof what);
        for (int v = 0; v < 4; v++)
            crashes[v] += res[v][i].crashed != 0;
        for (int v = 1; v <= 2; v++) {
            if (!same(&res[v][i], &res[0][i]) && failures++ < 40)
                printf("FAIL %s: %s gives %d/%s%s, native %d/%s%s\n", what, variant[v], res[v][i].ret,
                       strerror(res[v][i].err), res[v][i].crashed ? " (crashed)" : "", res[0][i].ret,
                       strerror(res[0][i].err), res[0][i].crashed ? " (crashed)" : "");
        }
        const struct result *e = &res[3][i], *good = &res[3][reference(i)];
        if (e->crashed) {
            if (failures++ < 40)
                printf("FAIL %s: enforce crashed (signal %d)\n", what, e->crashed);
            continue;
        }
        enum kind k = cases[i].kind;
        int unusable = k == K_NULL || k == K_ONE || k == K_PROT_NONE || k == K_UNMAPPED;
        int partly = k == K_STRADDLE || k == K_READ_ONLY;
        int efault = e->ret == -1 && e->err == EFAULT;
        int nothing_read = cases[i].len == 0 && k != K_NULL && k != K_ONE;
        if (unusable && !good->crashed && good->ret == 0 && !nothing_read) {
            efault_expected++;
            if (!efault && failures++ < 40)
                printf("FAIL %s: enforce gives %d/%s, Windows says WSAEFAULT\n", what, e->ret, strerror(e->err));
        } else if ((unusable || partly) && !efault && (e->ret != good->ret || e->err != good->err) &&
                   failures++ < 40) {
            printf("FAIL %s: enforce gives %d/%s; with a good pointer %d/%s; expected that or EFAULT\n", what,
                   e->ret, strerror(e->err), good->ret, strerror(good->err));
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("hostile_sweep: %zu cases x 4 runs (native, off, audit, enforce) in %.1f s; "
           "crashes: native %zu, off %zu, audit %zu, enforce %zu; %zu enforce cases must be EFAULT; %d failure(s)\n",
           ncases, (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9, crashes[0], crashes[1],
           crashes[2], crashes[3], efault_expected, failures);
    return failures ? 1 : 0;
}

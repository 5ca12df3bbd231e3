/*
 * Audit-mode divergence report (WSP_REPORT=FILE): one JSON object per line.
 * Divergences are deduplicated per process by (call site, call, level,
 * option) in a fixed lock-free table; a line is written when a divergence is
 * first seen, again at counts 2, 4, 8, ... so that long-lived programs flush
 * as they go, and a last time when the process leaves through exit() (our
 * destructor) or _exit()/_Exit() (exports.c).  Readers keep the largest
 * count per (pid, site, call, option).  A process that ends any other way
 * -- killed by a signal, abort(), execve() replacing it, quick_exit(), the
 * exit system call made directly -- loses only the repeats since its last
 * line: each of its divergences is in the report with a count of at least
 * half the true one (the largest power of two not above it).
 *
 * Each line is built without allocation in one stack buffer, every string
 * escaped and bounded (jsonline.c), and written with one O_APPEND write of a
 * freshly opened descriptor (wsp_outfile.c: no symbolic link, a file of our
 * own), so processes sharing the file never interleave lines and the
 * program's own descriptors are never touched.  The path was made absolute
 * when the process started.
 */
#include "jsonline.h"
#include "shim.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_ENTRIES 256

struct entry {
    _Atomic uint64_t key;       /* 0: free */
    _Atomic uint32_t ready;
    _Atomic uint32_t count;
    _Atomic uint32_t written;   /* count in the last line written */
    struct shim_divergence d;
};

static struct entry entries[MAX_ENTRIES];
static _Atomic uint32_t dropped;

static uint64_t key_parts(void *caller, const char *call, int level, int name)
{
    uint64_t h = 1469598103934665603ull;
    uint64_t parts[4] = { (uint64_t)(uintptr_t)caller, (uint64_t)(uintptr_t)call, (uint64_t)(uint32_t)level,
                          (uint64_t)(uint32_t)name };
    for (int i = 0; i < 4; i++)
        h = (h ^ parts[i]) * 1099511628211ull;
    return h | 1;
}

static uint64_t key_of(const struct shim_divergence *d)
{
    return key_parts(d->caller, d->call, d->level, d->name);
}

static const char *family_name(int af)
{
    return af == AF_INET ? "AF_INET" : af == AF_INET6 ? "AF_INET6" : "other";
}

static const char *type_name(int type)
{
    return type == SOCK_STREAM ? "SOCK_STREAM" : type == SOCK_DGRAM ? "SOCK_DGRAM" : type == SOCK_RAW ? "SOCK_RAW"
                                                                                                      : "other";
}

/* The program's own path, learnt once at start: for the main program
 * dladdr answers argv[0], which daemons rewrite into a process title. */
static char exe_path[4096];
/* The process whose table this is: a vfork child shares it and must not
 * write it under its own pid. */
static pid_t owner;

static void learn_exe_path(void)
{
    long n = syscall(SYS_readlinkat, AT_FDCWD, "/proc/self/exe", exe_path, sizeof exe_path - 1);
    if (n > 0) {
        exe_path[n] = '\0';
        return;
    }
    /* no /proc: the name the kernel executed, made absolute */
    const char *fn = (const char *)getauxval(AT_EXECFN);
    if (!fn || wsp_outfile_path(fn, exe_path, sizeof exe_path) != 0)
        exe_path[0] = '\0';
}

int shim_report_configure(const char *value)
{
    shim_cfg.report[0] = '\0';
    if (!value || !*value)
        return 0;
    if (wsp_outfile_path(value, shim_cfg.report, sizeof shim_cfg.report) != 0) {
        shim_cfg.report[0] = '\0';
        static const char msg[] = "libwspshim: WSP_REPORT cannot be made an absolute path; no report\n";
        ssize_t ignored = write(2, msg, sizeof msg - 1);
        (void)ignored;
        return -1;
    }
    owner = (pid_t)syscall(SYS_getpid);
    learn_exe_path();
    return 0;
}

/* An errno's name: the errno<->WSAE table's, or glibc's for the errnos
 * Winsock has no code for (ENODEV: a multicast join on no such interface). */
static const char *errno_name(int err)
{
    const char *name = wsp_errno_name(err);
    return name ? name : strerrorname_np(err);
}

/* Said once per process (and so once per family of forked children): a
 * report that was asked for and cannot be written is not silent. */
static void cannot_write(int err)
{
    static _Atomic int said;
    if (atomic_exchange(&said, 1))
        return;
    char msg[512];
    const char *name = wsp_errno_name(err);
    int n = snprintf(msg, sizeof msg, "libwspshim: report %.300s not written (%s%s); divergences are lost\n",
                     shim_cfg.report, name ? name : "error",
                     err == ELOOP ? ": a symbolic link" : err == EACCES ? ": not ours, or not allowed" :
                     err == EINVAL ? ": not a regular file" : err == EFBIG ? ": the file size limit (ulimit -f)" : "");
    if (n > 0 && wsp_outfile_fits(2, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1)) {
        ssize_t ignored = write(2, msg, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1);
        (void)ignored;
    }
}

/* Field bounds (bytes between the quotes): with every string at its bound
 * the line still fits, so a line is never cut.  Eleven name-like strings
 * (call, family, type, level, option, win_level, win_option, two errno
 * names, wsa, and slack), three values, a note, a module, and under 600
 * bytes of keys, punctuation and numbers. */
#define LINE_MAX_BYTES 4096
#define NAME_MAX_OUT   96
#define VALUE_MAX_OUT  (6 * 48)
#define NOTE_MAX_OUT   256
#define MODULE_MAX_OUT 1024
_Static_assert(600 + 11 * (NAME_MAX_OUT + 2) + 3 * (VALUE_MAX_OUT + 2) + NOTE_MAX_OUT + 2 + MODULE_MAX_OUT + 2
               <= LINE_MAX_BYTES, "a report line at its bounds must fit the buffer");

static void json_outcome(struct jline *j, const struct shim_outcome *o, int windows)
{
    if (windows && o->ret == 1) {
        jl_raw(j, "{\"ret\":null,\"errno\":null,\"wsa\":null,\"value\":null}");
        return;
    }
    jl_raw(j, "{\"ret\":");
    jl_int(j, o->ret);
    jl_raw(j, ",\"errno\":");
    jl_str(j, o->ret ? errno_name(o->err) : NULL, NAME_MAX_OUT);
    if (windows) {
        jl_raw(j, ",\"wsa\":");
        jl_str(j, o->wsa ? wsp_wsa_name(o->wsa) : NULL, NAME_MAX_OUT);
    }
    jl_raw(j, ",\"value\":");
    jl_str(j, o->has_value ? o->value : NULL, VALUE_MAX_OUT);
    jl_raw(j, "}");
}

/* The module holding addr and its load address; NULL if none. */
static const char *module_of(void *addr, uintptr_t *base)
{
    Dl_info info;
    struct link_map *lm = NULL;
    if (!addr || !dladdr1(addr, &info, (void **)&lm, RTLD_DL_LINKMAP))
        return NULL;
    *base = (uintptr_t)info.dli_fbase;
    if (lm && lm->l_name && lm->l_name[0])
        return lm->l_name;
    /* the main program (its link map has no name) */
    return exe_path[0] ? exe_path : info.dli_fname;
}

size_t shim_report_format(char *line, size_t cap, const struct shim_divergence *d, uint32_t count, int pid)
{
    struct jline j;
    char lbuf[16], nbuf[40];
    int named;
    jl_init(&j, line, cap);
    jl_raw(&j, "{\"pid\":");
    jl_int(&j, pid);
    jl_raw(&j, ",\"call\":");
    jl_str(&j, d->call, NAME_MAX_OUT);
    jl_raw(&j, ",\"fd\":");
    jl_int(&j, d->fd);
    jl_raw(&j, ",\"family\":");
    jl_str(&j, family_name(d->family), NAME_MAX_OUT);
    jl_raw(&j, ",\"type\":");
    jl_str(&j, type_name(d->type), NAME_MAX_OUT);
    jl_raw(&j, ",\"level\":");
    jl_str(&j, shim_level_name(d->level, lbuf, sizeof lbuf), NAME_MAX_OUT);
    jl_raw(&j, ",\"option\":");
    jl_str(&j, shim_option_name(d->level, d->name, d->row, nbuf, sizeof nbuf, &named), NAME_MAX_OUT);
    jl_raw(&j, named ? ",\"option_named\":true" : ",\"option_named\":false");
    jl_raw(&j, ",\"win_level\":");
    jl_str(&j, d->row ? wsp_level_name(d->row->wlevel) : NULL, NAME_MAX_OUT);
    jl_raw(&j, ",\"win_option\":");
    jl_str(&j, d->row ? d->row->wname_str : NULL, NAME_MAX_OUT);
    jl_raw(&j, ",\"value\":");
    jl_str(&j, d->passed[0] ? d->passed : NULL, VALUE_MAX_OUT);
    jl_raw(&j, ",\"linux\":");
    json_outcome(&j, &d->linux_side, 0);
    jl_raw(&j, ",\"windows\":");
    json_outcome(&j, &d->windows_side, 1);
    jl_raw(&j, ",\"note\":");
    jl_str(&j, d->note, NOTE_MAX_OUT);
    uintptr_t base = 0;
    const char *module = module_of(d->caller, &base);
    jl_raw(&j, ",\"caller\":{\"module\":");
    jl_str(&j, module, MODULE_MAX_OUT);
    jl_raw(&j, ",\"offset\":");
    jl_hex(&j, (uintptr_t)d->caller - base);
    jl_raw(&j, "},\"count\":");
    jl_int(&j, (long)count);
    jl_raw(&j, "}");
    return jl_finish(&j);
}

static void write_line(const struct entry *e, uint32_t count)
{
    char line[LINE_MAX_BYTES];
    size_t n = shim_report_format(line, sizeof line, &e->d, count, (int)syscall(SYS_getpid));
    if (!n)
        return;                                  /* cannot happen: the bounds fit the buffer */
    int fd = wsp_outfile_open(shim_cfg.report);
    if (fd < 0) {
        cannot_write(errno);
        return;
    }
    if (!wsp_outfile_fits(fd, n)) {               /* a line that would cross RLIMIT_FSIZE */
        syscall(SYS_close, fd);
        cannot_write(EFBIG);
        return;
    }
    ssize_t ignored = write(fd, line, n);
    (void)ignored;
    syscall(SYS_close, fd);
}

static void maybe_write(struct entry *e, uint32_t count)
{
    /* first sight, then powers of two */
    if (count & (count - 1))
        return;
    atomic_store_explicit(&e->written, count, memory_order_relaxed);
    write_line(e, count);
}

void shim_divergence_at(struct shim_divergence *d, const char *call, int fd, const struct wsp_sock *s,
                        int level, int name, const struct wsp_optrow *row, void *caller)
{
    d->call = call;
    d->fd = fd;
    d->family = s->family;
    d->type = s->type;
    d->level = level;
    d->name = name;
    d->row = row;
    d->caller = caller;
}

void shim_report(const struct shim_divergence *d)
{
    if (shim_cfg.log)
        shim_log("divergence: %s level %d option %d: Linux ret %d errno %d, Windows ret %d wsa %d%s%s", d->call,
                 d->level, d->name, d->linux_side.ret, d->linux_side.err, d->windows_side.ret, d->windows_side.wsa,
                 d->note ? ": " : "", d->note ? d->note : "");
    if (!shim_cfg.report[0])
        return;
    int saved = errno;
    uint64_t key = key_of(d);
    for (uint32_t i = 0, at = (uint32_t)(key % MAX_ENTRIES); i < MAX_ENTRIES; i++, at = (at + 1) % MAX_ENTRIES) {
        struct entry *e = &entries[at];
        uint64_t k = atomic_load_explicit(&e->key, memory_order_acquire);
        if (k == 0) {
            uint64_t expected = 0;
            if (!atomic_compare_exchange_strong_explicit(&e->key, &expected, key, memory_order_acq_rel,
                                                         memory_order_acquire)) {
                k = expected;
            } else {
                e->d = *d;
                atomic_store_explicit(&e->ready, 1, memory_order_release);
                maybe_write(e, atomic_fetch_add_explicit(&e->count, 1, memory_order_relaxed) + 1);
                errno = saved;
                return;
            }
        }
        if (k == key) {
            uint32_t count = atomic_fetch_add_explicit(&e->count, 1, memory_order_relaxed) + 1;
            if (atomic_load_explicit(&e->ready, memory_order_acquire))
                maybe_write(e, count);
            errno = saved;
            return;
        }
    }
    atomic_fetch_add_explicit(&dropped, 1, memory_order_relaxed);
    errno = saved;
}

int shim_report_again(const char *call, int level, int name, void *caller)
{
    if (shim_cfg.log)
        return 0;                     /* the log line needs the whole divergence */
    if (!shim_cfg.report[0])
        return 1;                     /* nowhere to report: nothing to build */
    uint64_t key = key_parts(caller, call, level, name);
    for (uint32_t i = 0, at = (uint32_t)(key % MAX_ENTRIES); i < MAX_ENTRIES; i++, at = (at + 1) % MAX_ENTRIES) {
        struct entry *e = &entries[at];
        uint64_t k = atomic_load_explicit(&e->key, memory_order_acquire);
        if (k == 0)
            return 0;
        if (k == key) {
            if (!atomic_load_explicit(&e->ready, memory_order_acquire))
                return 0;
            int saved = errno;
            maybe_write(e, atomic_fetch_add_explicit(&e->count, 1, memory_order_relaxed) + 1);
            errno = saved;
            return 1;
        }
    }
    return 0;
}

void shim_report_flush(void)
{
    if (!shim_cfg.report[0])
        return;
    int saved = errno;
    for (int i = 0; i < MAX_ENTRIES; i++) {
        struct entry *e = &entries[i];
        if (!atomic_load_explicit(&e->ready, memory_order_acquire))
            continue;
        uint32_t count = atomic_load_explicit(&e->count, memory_order_relaxed);
        if (count != atomic_load_explicit(&e->written, memory_order_relaxed)) {
            atomic_store_explicit(&e->written, count, memory_order_relaxed);
            write_line(e, count);
        }
    }
    if (atomic_load_explicit(&dropped, memory_order_relaxed))
        shim_log("report: %u divergences not recorded (table full)", atomic_load(&dropped));
    errno = saved;
}

/* The child's lines carry its own pid and its own counts. */
void shim_report_after_fork(void)
{
    memset(entries, 0, sizeof entries);
    atomic_store(&dropped, 0);
    owner = (pid_t)syscall(SYS_getpid);
}

void shim_report_before_exit(void)
{
    if (shim_cfg.report[0] && owner == (pid_t)syscall(SYS_getpid))
        shim_report_flush();
}

/*
 * Audit-mode divergence report (WSP_REPORT=FILE): one JSON object per line.
 * Divergences are deduplicated per process by (call site, call, level,
 * option) in a fixed lock-free table; a line is written when a divergence is
 * first seen, again at counts 2, 4, 8, ... so that long-lived programs flush
 * as they go, and a last time at exit.  Readers keep the largest count per
 * (pid, site, call, option).  Each line is one O_APPEND write of a freshly
 * opened descriptor, so processes sharing the file never interleave lines
 * and the program's own descriptors are never touched.
 */
#include "shim.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
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

static uint64_t key_of(const struct shim_divergence *d)
{
    uint64_t h = 1469598103934665603ull;
    uint64_t parts[4] = { (uint64_t)(uintptr_t)d->caller, (uint64_t)(uintptr_t)d->call, (uint64_t)(uint32_t)d->level,
                          (uint64_t)(uint32_t)d->name };
    for (int i = 0; i < 4; i++)
        h = (h ^ parts[i]) * 1099511628211ull;
    return h | 1;
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

/* Names of common POSIX options that have no Windows counterpart. */
static const struct { int level, name; const char *str; } posix_names[] = {
    { SOL_SOCKET, SO_REUSEPORT, "SO_REUSEPORT" },     { SOL_SOCKET, SO_PASSCRED, "SO_PASSCRED" },
    { SOL_SOCKET, SO_BINDTODEVICE, "SO_BINDTODEVICE" }, { SOL_SOCKET, SO_PRIORITY, "SO_PRIORITY" },
    { SOL_SOCKET, SO_TIMESTAMP, "SO_TIMESTAMP" },     { SOL_SOCKET, SO_MARK, "SO_MARK" },
    { SOL_SOCKET, SO_DOMAIN, "SO_DOMAIN" },           { SOL_SOCKET, SO_PROTOCOL, "SO_PROTOCOL" },
    { SOL_SOCKET, SO_PEERCRED, "SO_PEERCRED" },       { SOL_SOCKET, SO_ZEROCOPY, "SO_ZEROCOPY" },
    { SOL_SOCKET, SO_BUSY_POLL, "SO_BUSY_POLL" },     { SOL_SOCKET, SO_INCOMING_CPU, "SO_INCOMING_CPU" },
    { IPPROTO_TCP, TCP_CONGESTION, "TCP_CONGESTION" }, { IPPROTO_TCP, TCP_INFO, "TCP_INFO" },
    { IPPROTO_TCP, TCP_CORK, "TCP_CORK" },            { IPPROTO_TCP, TCP_QUICKACK, "TCP_QUICKACK" },
    { IPPROTO_TCP, TCP_USER_TIMEOUT, "TCP_USER_TIMEOUT" }, { IPPROTO_TCP, TCP_MAXSEG, "TCP_MAXSEG" },
    { IPPROTO_TCP, TCP_DEFER_ACCEPT, "TCP_DEFER_ACCEPT" }, { IPPROTO_TCP, TCP_FASTOPEN, "TCP_FASTOPEN" },
    { IPPROTO_TCP, TCP_NOTSENT_LOWAT, "TCP_NOTSENT_LOWAT" }, { IPPROTO_IP, IP_RECVERR, "IP_RECVERR" },
    { IPPROTO_IP, IP_MTU_DISCOVER, "IP_MTU_DISCOVER" }, { IPPROTO_IP, IP_PKTINFO, "IP_PKTINFO" },
    { IPPROTO_IP, IP_FREEBIND, "IP_FREEBIND" },       { IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, "IP_BIND_ADDRESS_NO_PORT" },
    { IPPROTO_IPV6, IPV6_RECVERR, "IPV6_RECVERR" },   { IPPROTO_IPV6, IPV6_RECVPKTINFO, "IPV6_RECVPKTINFO" },
    { IPPROTO_IPV6, IPV6_MTU_DISCOVER, "IPV6_MTU_DISCOVER" }, { IPPROTO_IPV6, IPV6_RECVHOPLIMIT, "IPV6_RECVHOPLIMIT" },
    { IPPROTO_IPV6, IPV6_RECVTCLASS, "IPV6_RECVTCLASS" }, { IPPROTO_IPV6, IPV6_TCLASS, "IPV6_TCLASS" },
    { IPPROTO_IP, IP_RECVTOS, "IP_RECVTOS" }, { IPPROTO_IP, IP_RECVTTL, "IP_RECVTTL" },
    { IPPROTO_IP, IP_MULTICAST_TTL, "IP_MULTICAST_TTL" }, { IPPROTO_IP, IP_MULTICAST_LOOP, "IP_MULTICAST_LOOP" },
    { IPPROTO_IP, IP_ADD_MEMBERSHIP, "IP_ADD_MEMBERSHIP" }, { SOL_SOCKET, SO_RCVBUFFORCE, "SO_RCVBUFFORCE" },
};

static const char *posix_level_name(int level, char *buf, size_t cap)
{
    const char *n = wsp_native_level_name(level);
    if (n)
        return n;
    snprintf(buf, cap, "%d", level);
    return buf;
}

static const char *posix_option_name(const struct shim_divergence *d, char *buf, size_t cap)
{
    if (d->row && d->row->nname_str)
        return d->row->nname_str;
    for (size_t i = 0; i < sizeof posix_names / sizeof posix_names[0]; i++)
        if (posix_names[i].level == d->level && posix_names[i].name == d->name)
            return posix_names[i].str;
    snprintf(buf, cap, "%d", d->name);
    return buf;
}

static int json_outcome(char *out, size_t cap, const struct shim_outcome *o, int windows)
{
    if (windows && o->ret == 1)
        return snprintf(out, cap, "{\"ret\":null,\"errno\":null,\"wsa\":null,\"value\":null}");
    const char *en = o->ret ? wsp_errno_name(o->err) : NULL;
    const char *wn = o->wsa ? wsp_wsa_name(o->wsa) : NULL;
    char value[64];
    if (o->has_value)
        snprintf(value, sizeof value, "\"%s\"", o->value);
    else
        strcpy(value, "null");
    if (windows)
        return snprintf(out, cap, "{\"ret\":%d,\"errno\":%s%s%s,\"wsa\":%s%s%s,\"value\":%s}", o->ret,
                        en ? "\"" : "", en ? en : "null", en ? "\"" : "", wn ? "\"" : "", wn ? wn : "null",
                        wn ? "\"" : "", value);
    return snprintf(out, cap, "{\"ret\":%d,\"errno\":%s%s%s,\"value\":%s}", o->ret, en ? "\"" : "",
                    en ? en : "null", en ? "\"" : "", value);
}

static void write_line(const struct entry *e, uint32_t count)
{
    const struct shim_divergence *d = &e->d;
    char line[1536], lbuf[16], nbuf[16], lin[256], win[256], caller[512];
    Dl_info info;
    if (d->caller && dladdr(d->caller, &info) && info.dli_fname)
        snprintf(caller, sizeof caller, "{\"module\":\"%s\",\"offset\":\"0x%lx\"}", info.dli_fname,
                 (unsigned long)((uintptr_t)d->caller - (uintptr_t)info.dli_fbase));
    else
        snprintf(caller, sizeof caller, "{\"module\":null,\"offset\":\"%p\"}", d->caller);
    json_outcome(lin, sizeof lin, &d->linux_side, 0);
    json_outcome(win, sizeof win, &d->windows_side, 1);
    const char *wlevel = d->row ? wsp_level_name(d->row->wlevel) : NULL;
    int n = snprintf(line, sizeof line,
                     "{\"pid\":%d,\"call\":\"%s\",\"fd\":%d,\"family\":\"%s\",\"type\":\"%s\","
                     "\"level\":\"%s\",\"option\":\"%s\",\"win_level\":%s%s%s,\"win_option\":%s%s%s,"
                     "\"value\":%s%s%s,\"linux\":%s,\"windows\":%s,\"note\":%s%s%s,\"caller\":%s,\"count\":%u}\n",
                     (int)getpid(), d->call, d->fd, family_name(d->family), type_name(d->type),
                     posix_level_name(d->level, lbuf, sizeof lbuf), posix_option_name(d, nbuf, sizeof nbuf),
                     wlevel ? "\"" : "", wlevel ? wlevel : "null", wlevel ? "\"" : "",
                     d->row ? "\"" : "", d->row ? d->row->wname_str : "null", d->row ? "\"" : "",
                     d->passed[0] ? "\"" : "", d->passed[0] ? d->passed : "null", d->passed[0] ? "\"" : "",
                     lin, win, d->note ? "\"" : "", d->note ? d->note : "null", d->note ? "\"" : "", caller, count);
    if (n <= 0)
        return;
    if (n >= (int)sizeof line)
        n = (int)sizeof line - 1;
    int fd = (int)syscall(SYS_openat, AT_FDCWD, shim_cfg.report, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    ssize_t ignored = write(fd, line, (size_t)n);
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
        shim_log("report table full: %u divergences not recorded", atomic_load(&dropped));
    errno = saved;
}

/* The child's lines carry its own pid and its own counts. */
void shim_report_after_fork(void)
{
    memset(entries, 0, sizeof entries);
    atomic_store(&dropped, 0);
}

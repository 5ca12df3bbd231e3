/*
 * Fault-safe copies of caller memory.
 *
 * Why not a SIGSEGV handler: we are a guest in the host program, which owns
 * its signal dispositions (and may itself rely on SIGSEGV).  Why not always a
 * system call: set/getsockopt values are almost always locals of the caller,
 * and an emulated option must stay far cheaper than one system call
 * (bench/RESULTS.md).  So two paths:
 *
 * Fast, no system call: the whole range lies in the calling thread's own
 * stack, between the current stack pointer and the top of that stack.  That
 * memory is mapped and writable by construction (the thread's live frames and,
 * above them, its start-up data), so a plain memcpy cannot fault.  The stack
 * is found once per thread from /proc/thread-self/maps (raw system calls, no
 * malloc, async-signal-safe) and cached in initial-exec TLS:
 *   - the main thread: the mapping that holds __libc_stack_end (the stack
 *     pointer at process entry, above every frame), trusted up to that
 *     address (not the "[stack]" label: valgrind builds its own stack);
 *   - any other thread: the mapping that holds this thread's static TLS,
 *     which glibc places at the top of the thread's stack; the trusted top is
 *     our TLS variable itself, so an unrelated mapping the kernel merged above
 *     the stack is never trusted.
 * The path is taken only while the current stack pointer is inside that
 * mapping: on a sigaltstack or a fiber/ucontext stack elsewhere the slow path
 * answers.  A mapping the caller itself unmaps or mprotects between its stack
 * pointer and its stack top (its own live frames) is not detected.
 *
 * Slow: process_vm_readv/process_vm_writev on our own pid.  The kernel copies
 * with its fault-safe user-copy routines and stops at the first unreadable
 * (unmapped, PROT_NONE) or, for writes, non-writable page, which we answer
 * with EFAULT.  A process whose seccomp filter refuses these calls (ENOSYS,
 * EPERM) gets ENOSYS from here: the callers decide what an unverifiable copy
 * means (see shim/translate.c).
 */
#include "safecopy.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

enum { HOME_UNKNOWN, HOME_READY, HOME_NONE };   /* wsp_home.state, as safecopy.h tests it */

__thread struct wsp_home_stack wsp_home __attribute__((tls_model("initial-exec")));
#define home wsp_home
static __thread int force_slow __attribute__((tls_model("initial-exec")));
static _Atomic int slow_refused;     /* process_vm_* refused once: never again */

static long sys(long nr, long a, long b, long c, long d, long e, long f)
{
    return syscall(nr, a, b, c, d, e, f);
}

static uintptr_t hexval(const char **p)
{
    uintptr_t v = 0;
    for (;; (*p)++) {
        char ch = **p;
        unsigned d = ch >= '0' && ch <= '9' ? (unsigned)(ch - '0')
                   : ch >= 'a' && ch <= 'f' ? (unsigned)(ch - 'a' + 10) : 16u;
        if (d == 16)
            return v;
        v = v << 4 | d;
    }
}

/* One maps line: "lo-hi perms offset dev inode   path".  Fills the home
 * stack if the line is it; returns 1 when found. */
extern void *__libc_stack_end;       /* glibc (ld.so): the stack pointer at process entry */

static int home_line(const char *line, int main_thread, uintptr_t tls, struct wsp_home_stack *h)
{
    const char *p = line;
    uintptr_t lo = hexval(&p);
    if (*p++ != '-')
        return 0;
    uintptr_t hi = hexval(&p);
    if (*p++ != ' ' || p[0] != 'r' || p[1] != 'w')
        return 0;
    uintptr_t top = main_thread ? (uintptr_t)__libc_stack_end : tls;
    if (top < lo || top >= hi)
        return 0;
    h->lo = lo;
    h->hi = top;
    return 1;
}

static void home_compute(void)
{
    int saved = errno;
    struct wsp_home_stack h = { 0, 0, HOME_NONE, home.retries, 0 };
    int main_thread = sys(SYS_gettid, 0, 0, 0, 0, 0, 0) == sys(SYS_getpid, 0, 0, 0, 0, 0, 0);
    long fd = sys(SYS_openat, AT_FDCWD, (long)"/proc/thread-self/maps", O_RDONLY | O_CLOEXEC, 0, 0, 0);
    if (fd < 0)
        fd = sys(SYS_openat, AT_FDCWD, (long)"/proc/self/maps", O_RDONLY | O_CLOEXEC, 0, 0, 0);
    if (fd >= 0) {
        char buf[2048];
        size_t have = 0;
        int found = 0;
        while (!found) {
            long r = sys(SYS_read, fd, (long)(buf + have), (long)(sizeof buf - 1 - have), 0, 0, 0);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                break;
            have += (size_t)r;
            buf[have] = '\0';
            char *line = buf, *nl;
            while (!found && (nl = strchr(line, '\n'))) {
                *nl = '\0';
                found = home_line(line, main_thread, (uintptr_t)&home, &h);
                line = nl + 1;
            }
            have -= (size_t)(line - buf);
            memmove(buf, line, have);
            if (have == sizeof buf - 1)
                have = 0;            /* a line longer than the buffer: its path, not its addresses */
        }
        sys(SYS_close, fd, 0, 0, 0, 0, 0);
        if (found && h.lo < h.hi)
            h.state = HOME_READY;
    }
    /* Fields first, state last: a signal handler running between them
     * recomputes the same answer. */
    home.lo = h.lo;
    home.hi = h.hi;
    home.is_main = main_thread;
    atomic_signal_fence(memory_order_seq_cst);
    home.state = h.state;
    errno = saved;
}

/* [p, p+n) inside [sp, top of this thread's stack), sp on that stack. */
static int fast_ok(uintptr_t sp, const void *p, size_t n)
{
    if (force_slow)
        return 0;
    if (home.state == HOME_UNKNOWN)
        home_compute();
    if (home.state != HOME_READY)
        return 0;
    if (home.is_main && sp < home.lo && sp + (64u << 20) > home.lo && home.retries < 8) {
        /* the main stack grew below what we saw: look once more */
        home.retries++;
        home.state = HOME_UNKNOWN;
        home_compute();
        if (home.state != HOME_READY)
            return 0;
    }
    uintptr_t a = (uintptr_t)p;
    return sp >= home.lo && sp < home.hi && a >= sp && a <= home.hi && n <= home.hi - a;
}

static int slow_copy(void *local, const void *remote, size_t n, int write)
{
    if (atomic_load_explicit(&slow_refused, memory_order_relaxed))
        return ENOSYS;
    struct iovec l = { local, n }, r = { (void *)remote, n };
    int saved = errno;
    long pid = sys(SYS_getpid, 0, 0, 0, 0, 0, 0);   /* not cached: a forked child is another process */
    long got = sys(write ? SYS_process_vm_writev : SYS_process_vm_readv, pid, (long)&l, 1, (long)&r, 1, 0);
    int err = got < 0 ? errno : 0;
    errno = saved;
    if (got == (long)n)
        return 0;
    if (got < 0 && (err == ENOSYS || err == EPERM)) {
        atomic_store_explicit(&slow_refused, 1, memory_order_relaxed);
        return ENOSYS;
    }
    return EFAULT;                   /* a short copy stopped at a bad page */
}

/* The first page is never mapped; a range that wraps is never valid. */
static int hopeless(const void *p, size_t n)
{
    return (uintptr_t)p < 4096 || (uintptr_t)p + n < (uintptr_t)p;
}

__attribute__((noinline)) int wsp_copy_in_slow(void *dst, const void *src, size_t n)
{
    if (n == 0)
        return 0;
    if (hopeless(src, n))
        return EFAULT;
    if (fast_ok((uintptr_t)__builtin_frame_address(0), src, n)) {
        memcpy(dst, src, n);
        return 0;
    }
    return slow_copy(dst, src, n, 0);
}

__attribute__((noinline)) int wsp_copy_out_slow(void *dst, const void *src, size_t n)
{
    if (n == 0)
        return 0;
    if (hopeless(dst, n))
        return EFAULT;
    if (fast_ok((uintptr_t)__builtin_frame_address(0), dst, n)) {
        memcpy(dst, src, n);
        return 0;
    }
    return slow_copy((void *)src, dst, n, 1);
}

void wsp_safecopy_force_slow(int on)
{
    force_slow = on != 0;
    if (home.state == HOME_READY && on)
        home.state = HOME_UNKNOWN;     /* the inline test in safecopy.h sees "not ready" */
}

__attribute__((noinline)) int wsp_safecopy_fast(const void *p, size_t n)
{
    return !hopeless(p, n) && fast_ok((uintptr_t)__builtin_frame_address(0), p, n);
}

/*
 * Fault-safe copies of caller memory (safecopy.c).  The provider and the
 * shim run inside other people's processes and are handed pointers they
 * cannot trust; these copies answer a bad one with EFAULT instead of SIGSEGV,
 * without signal handlers.
 */
#ifndef WSP_SAFECOPY_H
#define WSP_SAFECOPY_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Out of line: every check, the stack discovery and the system-call path. */
int wsp_copy_in_slow(void *dst, const void *src, size_t n);
int wsp_copy_out_slow(void *dst, const void *src, size_t n);

/* The calling thread's home stack, trusted as [stack pointer, hi) while the
 * stack pointer is at or above lo (safecopy.c explains how it is found). */
struct wsp_home_stack {
    uintptr_t lo, hi;
    int state;                  /* 0 unknown, 1 ready, 2 none (always the system call) */
    int retries;
    int is_main;
};
extern __thread struct wsp_home_stack wsp_home
    __attribute__((tls_model("initial-exec"), visibility("hidden")));

/* The calling thread's stack pointer; UINTPTR_MAX where it cannot be read
 * (then every copy takes the out-of-line path). */
static inline uintptr_t wsp_stack_pointer(void)
{
    uintptr_t sp;
#if defined(__x86_64__)
    __asm__ volatile("mov %%rsp, %0" : "=r"(sp));
#elif defined(__aarch64__)
    __asm__ volatile("mov %0, sp" : "=r"(sp));
#else
    sp = UINTPTR_MAX;
#endif
    return sp;
}

/* [p, p+n) lies between the stack pointer sp and the top of the stack h */
static inline int wsp_above_sp(const struct wsp_home_stack *h, uintptr_t sp, const void *p, size_t n)
{
    uintptr_t a = (uintptr_t)p;
    return a >= sp && a <= h->hi && n <= h->hi - a;
}

/* The inline part is the common case only: a range on the caller's own
 * stack above its stack pointer, copied with no call at all. */
static inline int wsp_on_home_stack(const void *p, size_t n)
{
    uintptr_t sp = wsp_stack_pointer();
    const struct wsp_home_stack *h = &wsp_home;
    return h->state == 1 && sp >= h->lo && wsp_above_sp(h, sp, p, n);
}

/* Two ranges at once (the shim's getsockopt: the value and its length),
 * the stack bounds read once. */
static inline int wsp_on_home_stack2(const void *p, size_t n, const void *q, size_t m)
{
    uintptr_t sp = wsp_stack_pointer();
    const struct wsp_home_stack *h = &wsp_home;
    return h->state == 1 && sp >= h->lo && wsp_above_sp(h, sp, p, n) && wsp_above_sp(h, sp, q, m);
}

static inline void wsp_small_copy(void *dst, const void *src, size_t n)
{
    switch (n) {                          /* constant sizes become plain moves */
    case 4: memcpy(dst, src, 4); break;
    case 1: memcpy(dst, src, 1); break;
    case 2: memcpy(dst, src, 2); break;
    case 8: memcpy(dst, src, 8); break;
    case 16: memcpy(dst, src, 16); break;
    default: memcpy(dst, src, n); break;
    }
}

/* Copy n bytes from the caller's src into our dst.  0, or EFAULT when any
 * byte of src is unreadable (NULL, the first page, unmapped, PROT_NONE), or
 * ENOSYS when it cannot be checked (the fault-safe system call is refused,
 * e.g. by seccomp) and nothing was copied.  Never faults. */
static inline int wsp_copy_in(void *dst, const void *src, size_t n)
{
    if (wsp_on_home_stack(src, n)) {
        wsp_small_copy(dst, src, n);
        return 0;
    }
    return wsp_copy_in_slow(dst, src, n);
}

/* Copy n bytes from our src into the caller's dst.  0, EFAULT (some byte of
 * dst is not writable: read-only, PROT_NONE, unmapped; bytes before it may
 * have been written, as the kernel's own copies do), or ENOSYS as above.
 * Never faults. */
static inline int wsp_copy_out(void *dst, const void *src, size_t n)
{
    if (wsp_on_home_stack(dst, n)) {
        wsp_small_copy(dst, src, n);
        return 0;
    }
    return wsp_copy_out_slow(dst, src, n);
}

/* Testing and benchmarks: force the system-call path for the calling thread
 * (1) or go back to the normal choice (0); report whether [p, p+n) would
 * take the syscall-free path now. */
void wsp_safecopy_force_slow(int on);
int wsp_safecopy_fast(const void *p, size_t n);

#endif

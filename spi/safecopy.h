/*
 * Fault-safe copies of caller memory (safecopy.c).  The provider and the
 * shim run inside other people's processes and are handed pointers they
 * cannot trust; these copies answer a bad one with EFAULT instead of SIGSEGV,
 * without signal handlers.
 */
#ifndef WSP_SAFECOPY_H
#define WSP_SAFECOPY_H

#include <stddef.h>

/* Copy n bytes from the caller's src into our dst.  0, or EFAULT when any
 * byte of src is unreadable (NULL, the first page, unmapped, PROT_NONE), or
 * ENOSYS when it cannot be checked (the fault-safe system call is refused,
 * e.g. by seccomp) and nothing was copied.  Never faults. */
int wsp_copy_in(void *dst, const void *src, size_t n);

/* Copy n bytes from our src into the caller's dst.  0, EFAULT (some byte of
 * dst is not writable: read-only, PROT_NONE, unmapped; bytes before it may
 * have been written, as the kernel's own copies do), or ENOSYS as above.
 * Never faults. */
int wsp_copy_out(void *dst, const void *src, size_t n);

/* Testing and benchmarks: force the slow path (1) or the normal choice (0);
 * report whether [p, p+n) would take the syscall-free path now. */
void wsp_safecopy_force_slow(int on);
int wsp_safecopy_fast(const void *p, size_t n);

#endif

/* POSIX <-> Winsock value shapes (translate.c). */
#ifndef WSPSHIM_TRANSLATE_H
#define WSPSHIM_TRANSLATE_H

#include "shim.h"
#include "safecopy.h"

#include <errno.h>
#include <string.h>

/* The largest option value the shim copies in (a row's POSIX value or its
 * Windows struct); tests/shim_test.c checks every row of the table fits. */
#define SHIM_VALUE_MAX 272      /* struct group_source_req: 264 */

/* What libwsp gets instead of a caller pointer it could not read: a pointer
 * into the first page, which libwsp answers with WSAEFAULT at the point of its
 * validation order where Windows checks the buffer, without reading it. */
#define SHIM_UNREADABLE ((const void *)1)

/* A caller value copied into shim-owned memory and shaped for Winsock. */
struct shim_winval {
    const void *ptr;            /* for WSPSetSockOpt: NULL, SHIM_UNREADABLE, or inside this struct */
    int len;
    int copied;                 /* bytes of posix[] copied from the caller; -1: unreadable */
    union {
        unsigned char posix[SHIM_VALUE_MAX];  /* the caller's bytes, as far as the option reads them */
        int64_t align_;
    };
    union {                     /* the Windows shape, when it differs */
        char buf[SHIM_VALUE_MAX];
        int64_t buf_align_;
    };
    const char *why;            /* with a shape errno: why Windows has no form for the value (the report's note) */
};

/* How to treat a copy that cannot be checked (the fault-safe system call
 * refused, safecopy.h's ENOSYS): enforce trusts the pointer as libc would;
 * audit, which must never change what a program sees, does not read it. */
enum shim_trust { SHIM_TRUST_UNVERIFIED = 1, SHIM_VERIFIED_ONLY = 0 };

/* The largest Windows value a getsockopt through the shim reads back
 * (IP_OPTIONS: 40 bytes; every other row with a POSIX spelling: 4). */
#define SHIM_GET_MAX 40

/* Copy and shape a setsockopt value.  0; or the errno for a POSIX value with
 * no Winsock form (w->why says why); or -1 (SHIM_VERIFIED_ONLY) when the value could not be
 * read safely and nothing should be predicted from it.  Never faults. */
int shim_to_windows(const struct wsp_optrow *row, const void *val, socklen_t len, struct shim_winval *w,
                    enum shim_trust trust);
/* the Windows buffer length to ask WSPGetSockOpt for, given the caller's
 * *optlen (already copied in) */
int shim_get_winlen(const struct wsp_optrow *row, socklen_t have);
/* Write a WSPGetSockOpt result back in POSIX shape into the caller's val and
 * *len, truncated to have (the caller's *optlen) as Linux does.  0 or EFAULT;
 * never faults. */
int shim_to_posix(const struct wsp_optrow *row, const char *win, int winlen, void *val, socklen_t *len,
                  socklen_t have, enum shim_trust trust);
/* Render a POSIX value the shim owns (or the kernel just wrote) for the report:
 * never reads past len, always NUL-terminates out. */
void shim_render_posix(const struct wsp_optrow *row, int level, int name, const void *val, socklen_t len,
                       char *out, size_t cap);
/* wsp_copy_in/out, where trust decides what an unverifiable copy means:
 * 0 or EFAULT, or ENOSYS under SHIM_VERIFIED_ONLY.  Inline: on the common
 * path (the caller's own stack) they cost a few instructions. */
static inline int shim_copy_in(void *dst, const void *src, size_t n, enum shim_trust trust)
{
    int r = wsp_copy_in(dst, src, n);
    if (r == ENOSYS && trust == SHIM_TRUST_UNVERIFIED) {
        memcpy(dst, src, n);                   /* seccomp left no way to check: as libc would */
        return 0;
    }
    return r;
}

static inline int shim_copy_out(void *dst, const void *src, size_t n, enum shim_trust trust)
{
    int r = wsp_copy_out(dst, src, n);
    if (r == ENOSYS && trust == SHIM_TRUST_UNVERIFIED) {
        memcpy(dst, src, n);
        return 0;
    }
    return r;
}

#endif

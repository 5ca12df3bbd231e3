/*
 * SO_DEBUG trace.  spec: "service providers are encouraged ... to supply
 * output debug information if the SO_DEBUG option is set"; the format is
 * ours: one line per call on a socket that has SO_DEBUG on.
 * Stream: stderr, or the file named by WSP_DEBUG_FILE (ignored in
 * secure-exec processes).  One write(2) per line, so lines from several
 * threads or processes do not interleave.
 */
#include "wsp_internal.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static _Atomic int trace_fd = -1;

static int trace_stream(void)
{
    int fd = atomic_load_explicit(&trace_fd, memory_order_acquire);
    if (fd >= 0)
        return fd;
    const char *path = secure_getenv("WSP_DEBUG_FILE");
    fd = 2;
    if (path && *path) {
        int opened = (int)syscall(SYS_openat, AT_FDCWD, path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
        if (opened >= 0)
            fd = opened;
    }
    int expected = -1;
    if (!atomic_compare_exchange_strong(&trace_fd, &expected, fd)) {
        if (fd != 2)
            wsp_sys_close(fd);
        fd = expected;
    }
    return fd;
}

void wsp_trace(struct wsp_sock *s, const char *fmt, ...)
{
    (void)s;
    char line[256];
    int n = snprintf(line, sizeof line, "wsp[%d]: ", (int)getpid());
    va_list ap;
    va_start(ap, fmt);
    n += vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof line - 2)
        n = (int)sizeof line - 2;
    line[n++] = '\n';
    ssize_t ignored = write(trace_stream(), line, (size_t)n);
    (void)ignored;
}

/*
 * SO_DEBUG trace.  spec: "service providers are encouraged ... to supply
 * output debug information if the SO_DEBUG option is set"; the format is
 * ours: one line per call on a socket that has SO_DEBUG on.
 * Stream: stderr, or the file named by WSP_DEBUG_FILE (ignored in
 * secure-exec processes).  One O_APPEND write(2) per line, so lines from
 * several threads or processes do not interleave.
 */
#include "wsp_internal.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Opened for each line and closed again: a cached descriptor could be
 * closed by the program (closefrom) and its number reused for one of its own
 * files. */
static int trace_open(void)
{
    const char *path = secure_getenv("WSP_DEBUG_FILE");
    if (!path || !*path)
        return 2;
    int fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    return fd >= 0 ? fd : 2;
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
    int fd = trace_open();
    ssize_t ignored = write(fd, line, (size_t)n);
    (void)ignored;
    if (fd != 2)
        wsp_sys_close(fd);
}

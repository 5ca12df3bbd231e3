/*
 * SO_DEBUG trace.  spec: "service providers are encouraged ... to supply
 * output debug information if the SO_DEBUG option is set"; the format is
 * ours: one line per call on a socket that has SO_DEBUG on.
 * Stream: stderr, or the file named by WSP_DEBUG_FILE (read with
 * secure_getenv: ignored in secure-exec processes).  One O_APPEND write(2)
 * per line, so lines from several threads or processes do not interleave;
 * the caller's errno is left as it was.
 */
#include "wsp_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

/* WSP_DEBUG_FILE, read and made absolute once, by the first WSPStartup (a
 * program that changes directory keeps its trace in one place); "" for
 * stderr.  Opened for each line and closed again: a cached descriptor could
 * be closed by the program (closefrom) and its number reused for one of its
 * own files.  The open follows the rule of every file written for the user
 * (wsp_outfile.c); a file that breaks it is not written, the line goes to
 * stderr. */
static char trace_path[4096];
static _Atomic int trace_state;          /* 0 unread, 1 being read, 2 read */

void wsp_trace_configure(void)
{
    int expected = 0;
    if (!atomic_compare_exchange_strong(&trace_state, &expected, 1))
        return;
    if (wsp_outfile_path(secure_getenv("WSP_DEBUG_FILE"), trace_path, sizeof trace_path) != 0)
        trace_path[0] = '\0';
    atomic_store_explicit(&trace_state, 2, memory_order_release);
}

static int trace_open(void)
{
    if (atomic_load_explicit(&trace_state, memory_order_acquire) != 2 || !trace_path[0])
        return 2;
    int fd = wsp_outfile_open(trace_path);
    return fd >= 0 ? fd : 2;
}

size_t wsp_format_line(char *line, size_t cap, const char *who, const char *fmt, va_list ap)
{
    int n = snprintf(line, cap, "%s[%d]: ", who, (int)getpid());
    n += vsnprintf(line + n, cap - (size_t)n - 1, fmt, ap);
    if (n > (int)cap - 2)
        n = (int)cap - 2;                     /* truncated: keep room for the newline */
    line[n++] = '\n';
    return (size_t)n;
}

void wsp_trace(struct wsp_sock *s, const char *fmt, ...)
{
    (void)s;
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    size_t n = wsp_format_line(line, sizeof line, "wsp", fmt, ap);
    va_end(ap);
    int saved = errno;
    int fd = trace_open();
    if (wsp_outfile_fits(fd, n)) {
        ssize_t ignored = write(fd, line, n);
        (void)ignored;
    }
    if (fd != 2)
        wsp_sys_close(fd);
    errno = saved;
}

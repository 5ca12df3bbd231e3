/* WSP_LOG notes: one write(2) to stderr per line, never stdio. */
#include "shim.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

void shim_log(const char *fmt, ...)
{
    if (!shim_cfg.log)
        return;
    int saved = errno;
    char line[512];
    int n = snprintf(line, sizeof line, "libwspshim[%d]: ", (int)getpid());
    va_list ap;
    va_start(ap, fmt);
    n += vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof line - 2)
        n = (int)sizeof line - 2;
    line[n++] = '\n';
    ssize_t ignored = write(2, line, (size_t)n);
    (void)ignored;
    errno = saved;
}

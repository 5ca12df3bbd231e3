/* WSP_LOG notes: one write(2) to stderr per line, never stdio. */
#include "shim.h"

#include <errno.h>
#include <stdarg.h>
#include <unistd.h>

void shim_log(const char *fmt, ...)
{
    if (!shim_cfg.log)
        return;
    int saved = errno;
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    size_t n = wsp_format_line(line, sizeof line, "libwspshim", fmt, ap);
    va_end(ap);
    ssize_t ignored = write(2, line, n);
    (void)ignored;
    errno = saved;
}

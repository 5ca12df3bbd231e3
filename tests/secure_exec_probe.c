/*
 * For tests/secure_exec_test.sh, which compiles it against a copy of
 * libwspshim.so (linked, with an absolute run path: the dynamic loader
 * ignores LD_PRELOAD paths in a secure-exec process, a DT_NEEDED library it
 * loads, ahead of libc, so the shim interposes as it would when preloaded).
 * Prints "active=A secure=S dontroute=R errno=E":
 *   A  wspshim_active(): the shim is in place
 *   S  getauxval(AT_SECURE): 1 in a setuid or file-capability process
 *   R  setsockopt(AF_INET6, SO_DONTROUTE): -1 ENOPROTOOPT in enforce mode
 *      (the default), 0 in audit mode (WSP_MODE=audit honoured)
 * Then SO_DEBUG on and one more call: a trace line for WSP_DEBUG_FILE.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/auxv.h>
#include <sys/socket.h>

int wspshim_active(void);

int main(void)
{
    int fd = socket(AF_INET6, SOCK_STREAM, 0), one = 1, v = 0;
    errno = 0;
    int r = setsockopt(fd, SOL_SOCKET, SO_DONTROUTE, &one, sizeof one);
    printf("active=%d secure=%lu dontroute=%d errno=%d\n", wspshim_active(), getauxval(AT_SECURE), r,
           r ? errno : 0);
    socklen_t len = sizeof v;
    setsockopt(fd, SOL_SOCKET, SO_DEBUG, &one, sizeof one);
    getsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &v, &len);
    return 0;
}

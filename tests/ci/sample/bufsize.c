/* The sample project's test: a socket option round trip that passes on
 * Linux (the test checks Linux's own answer). */
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

static int buffer_round_trip(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int want = 4096, got = 0;
    socklen_t len = sizeof got;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &want, sizeof want) != 0)
        return 1;
    if (getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &got, &len) != 0)
        return 1;
    close(fd);
    return got < want;
}

static int udp_keepalive(void)
{
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    int on = 1;
    int rc = fd < 0 ? 1 : setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
    if (fd >= 0)
        close(fd);
    return rc != 0;
}

int main(void)
{
    int failed = buffer_round_trip() + udp_keepalive();
    printf("bufsize: %s\n", failed ? "FAIL" : "ok");
    return failed != 0;
}

/*
 * wsp-demo: a small, ordinary POSIX client and server over loopback -- the
 * kind of code the shim is for.  It knows nothing of Windows; run it plainly
 * and under `scripts/wsp-run` to see what Windows would have answered.
 * Prints one line per socket-option call: what the call returned.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static void show(const char *who, const char *what, int r)
{
    if (r == 0)
        printf("%-7s %-44s -> 0\n", who, what);
    else
        printf("%-7s %-44s -> -1 (%s)\n", who, what, strerror(errno));
}

static int client(struct sockaddr_in addr)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    socklen_t len;

    int rcvbuf = 4096, got = 0;
    show("client", "setsockopt(SO_RCVBUF, 4096)", setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf));
    len = sizeof got;
    getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &got, &len);
    printf("client  getsockopt(SO_RCVBUF)                         = %d\n", got);

    struct timeval tv = { 1, 500000 }, tv_got = { 0, 0 };
    show("client", "setsockopt(SO_RCVTIMEO, 1.5 s)", setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
    len = sizeof tv_got;
    getsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv_got, &len);
    printf("client  getsockopt(SO_RCVTIMEO)                       = %ld.%06ld s\n", (long)tv_got.tv_sec,
           (long)tv_got.tv_usec);

    struct linger lg = { 1, 5 }, lg_got = { 0, 0 };
    show("client", "setsockopt(SO_LINGER, {1, 5})", setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
    len = sizeof lg_got;
    getsockopt(fd, SOL_SOCKET, SO_LINGER, &lg_got, &len);
    printf("client  getsockopt(SO_LINGER)                         = {%d, %d}\n", lg_got.l_onoff, lg_got.l_linger);

    int fd6 = socket(AF_INET6, SOCK_STREAM, 0);
    show("client", "setsockopt(AF_INET6 socket, SO_DONTROUTE, 1)",
         setsockopt(fd6, SOL_SOCKET, SO_DONTROUTE, &one, sizeof one));
    int v6only = -1;
    len = sizeof v6only;
    getsockopt(fd6, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, &len);
    printf("client  getsockopt(AF_INET6 socket, IPV6_V6ONLY)      = %d\n", v6only);
    close(fd6);

    int udp = socket(AF_INET, SOCK_DGRAM, 0);
    show("client", "setsockopt(UDP socket, SO_LINGER, {1, 5})", setsockopt(udp, SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
    close(udp);

    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        perror("client connect");
        return 1;
    }
    const char msg[] = "hello over loopback";
    if (write(fd, msg, sizeof msg) != (ssize_t)sizeof msg)
        return 1;
    char reply[64] = { 0 };
    ssize_t n = read(fd, reply, sizeof reply - 1);
    printf("client  echo from server: \"%s\" (%zd bytes)\n", n > 0 ? reply : "", n);
    close(fd);
    return n == (ssize_t)sizeof msg ? 0 : 1;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    int srv = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    show("server", "setsockopt(SO_REUSEADDR, 1)", setsockopt(srv, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t alen = sizeof addr;
    if (bind(srv, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(srv, 4) != 0 ||
        getsockname(srv, (struct sockaddr *)&addr, &alen) != 0) {
        perror("server");
        return 1;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(srv);
        _exit(client(addr));
    }
    int conn = accept(srv, NULL, NULL);
    char buf[64];
    ssize_t n = conn >= 0 ? read(conn, buf, sizeof buf) : -1;
    if (n > 0 && write(conn, buf, (size_t)n) != n)
        n = -1;
    int status = 1;
    waitpid(pid, &status, 0);
    if (conn >= 0)
        close(conn);
    close(srv);
    return n > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

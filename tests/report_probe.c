/*
 * A program for tests/report_test.sh to run under the shim in audit mode:
 * each command makes divergences the report must record, in the way a real
 * program would reach them.
 *   title TEXT      overwrite argv[0] in place (a daemon's process title)
 *   chdir DIR       change directory before the divergences
 *   repeat N        the same divergent call N times from one call site
 *   leave HOW       end with exit | _exit | _Exit | exit_group (raw system call)
 *   vfork           a vfork child that leaves at once with _exit
 *   unmapped        IP_FREEBIND (no Windows row) and an option number no header defines
 *   debug           SO_DEBUG on, then one more call (a WSP_DEBUG_FILE line)
 * Prints nothing; exit status 0 unless a call misbehaved.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void diverge(int fd)
{
    int one = 1;
    /* AF_INET6 SO_DONTROUTE: Linux accepts, Windows fails WSAENOPROTOOPT */
    setsockopt(fd, SOL_SOCKET, SO_DONTROUTE, &one, sizeof one);
}

/* vfork in a function of its own: main's variables stay out of its way */
static void vfork_and_leave(int fd)
{
    for (int k = 0; k < 3; k++)
        diverge(fd);                             /* count 3: the last line written said 2 */
    pid_t pid = vfork();
    if (pid == 0)
        _exit(0);                                /* shares our table: must write nothing */
    int st;
    waitpid(pid, &st, 0);
    printf("%d\n", (int)pid);
}

int main(int argc, char **argv)
{
    int fd = socket(AF_INET6, SOCK_STREAM, 0);
    if (fd < 0)
        return 2;
    const char *leave = "exit";
    int repeat = 1;
    for (int i = 1; i < argc; i++) {
        const char *next = i + 1 < argc ? argv[i + 1] : "";
        if (!strcmp(argv[i], "title")) {
            /* the title may only use argv[0]'s own bytes */
            size_t room = strlen(argv[0]);
            char title[4096];
            snprintf(title, sizeof title, "%s", next);
            i++;
            memset(argv[0], 0, room);
            memcpy(argv[0], title, strlen(title) < room ? strlen(title) : room);
        } else if (!strcmp(argv[i], "chdir")) {
            if (chdir(next) != 0)
                return 3;
            i++;
        } else if (!strcmp(argv[i], "repeat")) {
            repeat = atoi(next);
            i++;
        } else if (!strcmp(argv[i], "leave")) {
            leave = next;
            i++;
        } else if (!strcmp(argv[i], "vfork")) {
            vfork_and_leave(fd);
        } else if (!strcmp(argv[i], "unmapped")) {
            int v4 = socket(AF_INET, SOCK_DGRAM, 0), v = 0, one = 1;
            setsockopt(v4, IPPROTO_IP, IP_FREEBIND, &one, sizeof one);
            socklen_t len = sizeof v;
            getsockopt(v4, IPPROTO_IP, 4242, &v, &len);
            close(v4);
        } else if (!strcmp(argv[i], "debug")) {
            int one = 1, v = 0;
            socklen_t len = sizeof v;
            setsockopt(fd, SOL_SOCKET, SO_DEBUG, &one, sizeof one);
            getsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &v, &len);
        }
    }
    for (int k = 0; k < repeat; k++)
        diverge(fd);
    fflush(stdout);
    if (!strcmp(leave, "_exit"))
        _exit(0);
    if (!strcmp(leave, "_Exit"))
        _Exit(0);
    if (!strcmp(leave, "exit_group"))
        syscall(SYS_exit_group, 0);
    exit(0);
}

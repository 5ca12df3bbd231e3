/*
 * Is a socket still open in another process?  Asked at a lingering close:
 * Windows' closesocket outcome (wait, then reset) is only this close's to
 * decide when it ends the connection, i.e. when no other process holds the
 * socket (issue 11, defect 8).
 *
 * The processes that can hold it without our knowing are our descendants:
 * fork, vfork, posix_spawn, system and popen children, and theirs.  The
 * answer is read from /proc at the moment of the close: a child that exited
 * no longer counts, and a child made by a path the shim cannot interpose
 * (glibc's system and popen spawn internally) is seen all the same.
 *   - no child at all (waitid: ECHILD): one system call, not shared;
 *   - else walk /proc/PID/task/TID/children from ourselves down, and look
 *     for "socket:[INODE]" among each descendant's /proc/PID/fd links.
 * A descendant whose descriptors cannot be read (another user's setuid
 * program) or a tree larger than the walk's fixed budget counts as holding
 * the socket: the close is then left to Linux, never a reset under someone.
 * Not seen: a process that received the socket over a UNIX socket
 * (SCM_RIGHTS), and a grandchild whose parent exited (re-parented away).
 *
 * Raw system calls only, no allocation or lock: close() must stay
 * async-signal-safe.  The walk's buffers (~7 KB) are mapped for the walk, not
 * put on the stack: close() may run in a signal handler on a small
 * sigaltstack, where they would overflow it.
 */
#include "wsp_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

enum { MAX_PROCS = 256, DIRBUF = 4096, LISTBUF = 512 };

struct walk {
    long queue[MAX_PROCS];
    char dir[DIRBUF] __attribute__((aligned(8)));
    char list[LISTBUF];
};

struct linux_dirent64 {
    uint64_t d_ino;
    int64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

/* "/proc/" + a + "/" + b + c (a, b may be NULL) */
static char *path_of(char *out, const char *a, long b, const char *c)
{
    char *p = out;
    for (const char *s = "/proc/"; *s; s++)
        *p++ = *s;
    for (const char *s = a; s && *s; s++)
        *p++ = *s;
    if (b >= 0) {
        char digits[24];
        int n = 0;
        do
            digits[n++] = (char)('0' + b % 10);
        while ((b /= 10) > 0);
        while (n)
            *p++ = digits[--n];
    }
    for (const char *s = c; s && *s; s++)
        *p++ = *s;
    *p = 0;
    return out;
}

static int open_dir(const char *path)
{
    return (int)syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

static int is_number(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

static long number_of(const char *s)
{
    long n = 0;
    for (; *s >= '0' && *s <= '9'; s++)
        n = n * 10 + (*s - '0');
    return n;
}

/* Does process pid (its /proc directory: base) hold socket ino?
 * 1 yes, 0 no, -1 cannot tell. */
static int holds(struct walk *w, const char *base, long pid, uint64_t ino)
{
    char path[64], link[64], want[32];
    int dir = open_dir(path_of(path, base, pid, "/fd"));
    if (dir < 0)
        return errno == ENOENT ? 0 : -1;          /* gone meanwhile: holds nothing */
    /* "socket:[INODE]" */
    int n = 0;
    const char *prefix = "socket:[";
    for (const char *s = prefix; *s; s++)
        want[n++] = *s;
    char digits[24];
    int d = 0;
    uint64_t v = ino;
    do
        digits[d++] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    while (d)
        want[n++] = digits[--d];
    want[n++] = ']';
    int found = 0;
    char *buf = w->dir;
    long got;
    while (!found && (got = syscall(SYS_getdents64, dir, buf, DIRBUF)) > 0) {
        for (long off = 0; off < got && !found;) {
            struct linux_dirent64 *e = (struct linux_dirent64 *)(buf + off);
            off += e->d_reclen;
            if (!is_number(e->d_name))
                continue;
            long len = syscall(SYS_readlinkat, dir, e->d_name, link, sizeof link);
            found = len == n && !__builtin_memcmp(link, want, (size_t)n);
        }
    }
    syscall(SYS_close, dir);
    return found;
}

/* Append pid's children (every thread's) to the queue; -1 if it overflows or
 * the kernel has no children files. */
static int add_children(struct walk *w, const char *base, long pid, int *count)
{
    char path[64];
    int dir = open_dir(path_of(path, base, pid, "/task"));
    if (dir < 0)
        return errno == ENOENT ? 0 : -1;
    char *buf = w->dir, *list = w->list;
    long *queue = w->queue;
    long got;
    int status = 0;
    while (status == 0 && (got = syscall(SYS_getdents64, dir, buf, DIRBUF)) > 0) {
        for (long off = 0; off < got && status == 0;) {
            struct linux_dirent64 *e = (struct linux_dirent64 *)(buf + off);
            off += e->d_reclen;
            if (!is_number(e->d_name))
                continue;
            char file[96];
            char *p = path_of(file, base, pid, "/task/");
            while (*p)
                p++;
            for (const char *s = e->d_name; *s; s++)
                *p++ = *s;
            for (const char *s = "/children"; *s; s++)
                *p++ = *s;
            *p = 0;
            int cf = (int)syscall(SYS_openat, AT_FDCWD, file, O_RDONLY | O_CLOEXEC);
            if (cf < 0) {
                if (errno != ENOENT && errno != ESRCH)
                    status = -1;
                continue;                        /* the thread ended meanwhile */
            }
            long len = syscall(SYS_read, cf, list, LISTBUF - 1);
            syscall(SYS_close, cf);
            if (len < 0 || len == LISTBUF - 1) {
                status = -1;                     /* unreadable, or more than fits */
                break;
            }
            list[len] = 0;
            for (char *s = list; *s;) {
                while (*s == ' ' || *s == '\n')
                    s++;
                if (!*s)
                    break;
                if (*count == MAX_PROCS) {
                    status = -1;
                    break;
                }
                queue[(*count)++] = number_of(s);
                while (*s >= '0' && *s <= '9')
                    s++;
            }
        }
    }
    syscall(SYS_close, dir);
    return status;
}

int wsp_socket_shared(int fd)
{
    siginfo_t si;
    si.si_pid = 0;
    if (syscall(SYS_waitid, P_ALL, 0, &si, WEXITED | WSTOPPED | WCONTINUED | WNOHANG | WNOWAIT, NULL) != 0)
        return errno == ECHILD ? 0 : -1;
    struct stat st;
    char path[64];
    if (syscall(SYS_fstat, fd, &st) != 0 || !S_ISSOCK(st.st_mode))
        return -1;
    /* kernels without CONFIG_PROC_CHILDREN cannot answer */
    if (syscall(SYS_faccessat, AT_FDCWD, path_of(path, "self/task/", (long)syscall(SYS_gettid), "/children"),
                R_OK) != 0)
        return -1;
    /* libc's mmap/munmap (plain system calls, async-signal-safe in effect):
     * ThreadSanitizer sees those, and so knows the mapping is fresh */
    struct walk *w = mmap(NULL, sizeof *w, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (w == MAP_FAILED)
        return -1;
    int count = 0, shared = 0;
    if (add_children(w, "self", -1, &count) != 0)
        shared = -1;
    for (int i = 0; shared == 0 && i < count; i++) {
        if (holds(w, NULL, w->queue[i], (uint64_t)st.st_ino) != 0 ||
            add_children(w, NULL, w->queue[i], &count) != 0)
            shared = 1;                           /* holds it, or cannot tell: shared */
    }
    munmap(w, sizeof *w);
    return shared;
}

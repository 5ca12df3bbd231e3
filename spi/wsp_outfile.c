/*
 * The files this library writes for the user: the shim's report
 * (WSP_REPORT) and the provider's SO_DEBUG trace (WSP_DEBUG_FILE).  Both are
 * written from inside other people's processes, often root's, to paths that
 * may sit in shared directories such as /tmp, so both follow one rule:
 *   - the path is made absolute once, when the variable is read, so that a
 *     program that changes directory keeps writing to the same file;
 *   - the last component is never a symbolic link (O_NOFOLLOW) and the file
 *     must be a regular file: nobody can point the write at another file, a
 *     FIFO or a device;
 *   - in a sticky, world-writable directory (/tmp) the file must belong to
 *     the process's effective user, as the kernel's protected_regular rule
 *     demands of O_CREAT opens: another user cannot plant a file there and
 *     collect what is written;
 *   - a new file is created 0600 (it names programs and call sites).
 * Raw system calls throughout: the shim wraps open/openat, and none of this
 * may allocate or be seen by the host program.
 */
#include "wsp_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int wsp_outfile_path(const char *value, char *out, size_t cap)
{
    if (!value || !*value || cap == 0)
        return -1;
    size_t n = strlen(value);
    if (value[0] == '/') {
        if (n >= cap)
            return -1;
        memcpy(out, value, n + 1);
        return 0;
    }
    /* getcwd(2) itself: the libc wrapper may allocate */
    long got = syscall(SYS_getcwd, out, cap);
    if (got <= 0 || out[0] != '/')
        return -1;                               /* no cwd, or "(unreachable)" */
    size_t dlen = strlen(out);
    if (dlen + 1 + n >= cap)
        return -1;
    if (out[dlen - 1] != '/')
        out[dlen++] = '/';
    memcpy(out + dlen, value, n + 1);
    return 0;
}

int wsp_outfile_open(const char *path)
{
    int saved = errno;
    const char *slash = strrchr(path, '/');
    if (!slash || !slash[1]) {
        errno = EINVAL;                          /* not absolute, or names a directory */
        return -1;
    }
    char dir[4096];
    size_t dlen = slash == path ? 1 : (size_t)(slash - path);
    if (dlen >= sizeof dir) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(dir, path, dlen);
    dir[dlen] = '\0';
    /* The directory is pinned first: its mode and the file are then checked
     * on the same objects the write will use. */
    int dfd = (int)syscall(SYS_openat, AT_FDCWD, dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return -1;
    struct stat dst, st;
    int fd = -1, err = 0;
    if (syscall(SYS_fstat, dfd, &dst) != 0) {
        err = errno;
    } else {
        fd = (int)syscall(SYS_openat, dfd, slash + 1,
                          O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY, 0600);
        if (fd < 0)
            err = errno;                         /* ELOOP: a symbolic link */
        else if (syscall(SYS_fstat, fd, &st) != 0)
            err = errno;
        else if (!S_ISREG(st.st_mode))
            err = EINVAL;
        else if ((dst.st_mode & S_ISVTX) && (dst.st_mode & S_IWOTH) && st.st_uid != geteuid())
            err = EACCES;
    }
    syscall(SYS_close, dfd);
    if (err) {
        if (fd >= 0)
            syscall(SYS_close, fd);
        errno = err;
        return -1;
    }
    errno = saved;
    return fd;
}

/* Under RLIMIT_FSIZE a write that starts at the limit raises SIGXFSZ, which
 * kills a program that never wrote there itself (and blocking it here would
 * not do: the signal goes to the whole process).  A line that would cross
 * the limit is not written; only appenders racing at the limit itself can
 * still meet it. */
int wsp_outfile_fits(int fd, size_t n)
{
    struct rlimit lim;
    struct stat st;
    if (syscall(SYS_prlimit64, 0, RLIMIT_FSIZE, NULL, &lim) != 0 || lim.rlim_cur == RLIM_INFINITY)
        return 1;
    if (syscall(SYS_fstat, fd, &st) != 0)
        return 0;
    return !S_ISREG(st.st_mode) || (rlim_t)st.st_size + n <= lim.rlim_cur;
}

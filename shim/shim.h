/* libwspshim internals: shared by the shim's files, never exported. */
#ifndef WSPSHIM_H
#define WSPSHIM_H

#include "wsp_internal.h"

#include <stdint.h>
#include <sys/types.h>

#define WSPSHIM_EXPORT __attribute__((visibility("default")))

enum shim_mode { SHIM_ENFORCE, SHIM_AUDIT, SHIM_OFF };

struct shim_config {
    enum shim_mode mode;
    int log;                    /* WSP_LOG: 0 quiet, 1 notes on stderr */
    int close_windows;          /* WSP_CLOSE=windows: close() may fail EWOULDBLOCK, fd left open */
    char report[4096];          /* WSP_REPORT: "" for none */
};

extern struct shim_config shim_cfg;
extern WSPPROC_TABLE shim_wsp;

/* init.c: lazy, idempotent; safe before our constructor ran. */
enum { INIT_NONE, INIT_RUNNING, INIT_DONE };
extern _Atomic int shim_init_state;
void shim_init(void);
/* symbols resolved and configuration read (one load: on every wrapped call) */
static inline int shim_ready(void)
{
    return atomic_load_explicit(&shim_init_state, memory_order_acquire) == INIT_DONE;
}
/* Does this process own the shim's memory, or is it a vfork child (or a
 * clone(CLONE_VM)) borrowing its parent's?  Such a child has descriptors of
 * its own but writes the parent's table: it must leave the table alone.
 * One getpid; asked only before forgetting a tracked socket. */
int shim_own_memory(void);

/* real.c: the next definitions of the wrapped functions (libc's). */
struct shim_real {
    int (*setsockopt)(int, int, int, const void *, socklen_t);
    int (*getsockopt)(int, int, int, void *, socklen_t *);
    int (*socket)(int, int, int);
    int (*socketpair)(int, int, int, int[2]);
    int (*accept)(int, struct sockaddr *, socklen_t *);
    int (*accept4)(int, struct sockaddr *, socklen_t *, int);
    int (*connect)(int, const struct sockaddr *, socklen_t);
    int (*bind)(int, const struct sockaddr *, socklen_t);
    int (*close)(int);
    int (*dup)(int);
    int (*dup2)(int, int);
    int (*dup3)(int, int, int);
    int (*fcntl)(int, int, ...);
    int (*fcntl64)(int, int, ...);
    int (*close_range)(unsigned, unsigned, int);
    void (*closefrom)(int);
    pid_t (*fork)(void);
    int (*open)(const char *, int, ...);
    int (*open64)(const char *, int, ...);
    int (*openat)(int, const char *, int, ...);
    int (*openat64)(int, const char *, int, ...);
    int (*pipe)(int[2]);
    int (*pipe2)(int[2], int);
    void (*_exit)(int);
};
extern struct shim_real shim_real;
void shim_resolve(void);

/* lifecycle.c: descriptor bookkeeping */
void shim_fd_created(int fd);                 /* any new fd: drop a stale entry */
void shim_socket_created(int fd, int domain, int type, int protocol, void *caller);
void shim_fd_duplicated_tracked(int oldfd, int newfd);
/* dup/dup2/dup3/F_DUPFD made newfd refer to what oldfd does.  Inline: when
 * neither number is tracked (a pipe, a file) there is nothing to do, and
 * every dup in the process asks (issue 16). */
static inline void shim_fd_duplicated(int oldfd, int newfd)
{
    if (newfd >= 0 && newfd != oldfd && (wsp_sock_peek(oldfd) || wsp_sock_peek(newfd)))
        shim_fd_duplicated_tracked(oldfd, newfd);
}
void shim_fd_accepted(int listener, int fd);

/* bind.c */
int shim_bind(int fd, const struct sockaddr *addr, socklen_t len, void *caller);

/* close.c: close() of a tracked socket; returns what close() returns */
int shim_close(int fd, void *caller);

/* sockopt.c */
int shim_setsockopt(int fd, int level, int name, const void *val, socklen_t len, void *caller);
int shim_getsockopt(int fd, int level, int name, void *val, socklen_t *len, void *caller);

/* report.c: audit-mode divergences */
struct shim_outcome {
    int ret;                    /* 0 or -1 */
    int err;                    /* errno when ret == -1 */
    int wsa;                    /* WSAE code (Windows side), 0 if none */
    int has_value;
    char value[48];             /* rendered value, POSIX shape */
};
struct shim_divergence {
    const char *call;           /* "setsockopt", "getsockopt", "socket" */
    int fd, family, type;
    int level, name;            /* POSIX */
    const struct wsp_optrow *row;  /* NULL: no Windows equivalent */
    char passed[48];            /* value passed, rendered */
    struct shim_outcome linux_side, windows_side;
    const char *note;
    void *caller;
};
/* Fill in where a divergence happened (everything but the outcomes, the
 * value passed and the note). */
void shim_divergence_at(struct shim_divergence *d, const char *call, int fd, const struct wsp_sock *s,
                        int level, int name, const struct wsp_optrow *row, void *caller);
void shim_report(const struct shim_divergence *d);
/* A divergence of a kind already recorded (same call, option and caller):
 * counted as shim_report would count it, without the divergence being
 * built and rendered.  1: done (also when there is nowhere to report);
 * 0: build it and call shim_report. */
int shim_report_again(const char *call, int level, int name, void *caller);
void shim_report_flush(void);
void shim_report_after_fork(void);
/* WSP_REPORT's value, made absolute against the current directory; the
 * program's real path is learnt at the same time.  Returns 0, or -1 (after
 * one note on stderr) when the path is unusable: no report then. */
int shim_report_configure(const char *value);
/* _exit/_Exit: write the counts not yet written (not in a vfork child). */
void shim_report_before_exit(void);
/* One report line into LINE (newline included); its length, 0 if it could
 * not fit (never a partial line). */
size_t shim_report_format(char *line, size_t cap, const struct shim_divergence *d, uint32_t count, int pid);

/* optname.c: POSIX names for the report.  *named = 0 and "LEVEL:NUMBER" in
 * buf for an option nobody named. */
const char *shim_level_name(int level, char *buf, size_t cap);
const char *shim_option_name(int level, int name, const struct wsp_optrow *row, char *buf, size_t cap,
                             int *named);
size_t shim_optname_count(void);
void shim_optname_at(size_t i, int *level, int *name, const char **str);

/* log.c */
void shim_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

/*
 * One-time set-up: resolve the real functions, read the configuration, start
 * the provider.  Runs from the constructor and, lazily, from the first
 * wrapper called -- a dependency's constructor may call socket() or close()
 * before ours ran (preload-notes §7).  A wrapper that finds set-up under way
 * in another thread (or re-entered) passes its call straight to the kernel
 * rather than waiting.
 */
#include "shim.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

struct shim_config shim_cfg = { .mode = SHIM_ENFORCE };
WSPPROC_TABLE shim_wsp;

_Atomic int shim_init_state;
#define init_state shim_init_state

/* The process whose memory this is: set at start and in every fork child
 * (the atfork handler also covers glibc's own forks, e.g. daemon()).  A vfork
 * child runs no handler, so it sees its parent's pid here. */
static _Atomic pid_t owner_pid;

static void owner_after_fork(void)
{
    atomic_store_explicit(&owner_pid, (pid_t)syscall(SYS_getpid), memory_order_relaxed);
}

int shim_own_memory(void)
{
    return (pid_t)syscall(SYS_getpid) == atomic_load_explicit(&owner_pid, memory_order_relaxed);
}

static void read_config(void)
{
    /* secure_getenv: nothing is read in setuid/setgid/capability processes */
    const char *mode = secure_getenv("WSP_MODE");
    const char *log = secure_getenv("WSP_LOG");
    const char *report = secure_getenv("WSP_REPORT");
    const char *close = secure_getenv("WSP_CLOSE");
    shim_cfg.close_windows = close && !strcasecmp(close, "windows");
    shim_cfg.log = log && *log && strcmp(log, "0") != 0;
    if (mode && *mode) {
        if (!strcasecmp(mode, "enforce"))
            shim_cfg.mode = SHIM_ENFORCE;
        else if (!strcasecmp(mode, "audit"))
            shim_cfg.mode = SHIM_AUDIT;
        else if (!strcasecmp(mode, "off"))
            shim_cfg.mode = SHIM_OFF;
        else {
            /* a wrong value was asked for explicitly: say so once, keep the default */
            static const char msg[] = "libwspshim: WSP_MODE must be enforce, audit or off; using enforce\n";
            ssize_t ignored = write(2, msg, sizeof msg - 1);
            (void)ignored;
        }
    }
    shim_report_configure(report);
}

void shim_init(void)
{
    int expected = INIT_NONE;
    if (!atomic_compare_exchange_strong_explicit(&init_state, &expected, INIT_RUNNING, memory_order_acq_rel,
                                                 memory_order_acquire))
        return;
    int saved = errno;
    owner_after_fork();
    pthread_atfork(NULL, NULL, owner_after_fork);
    shim_resolve();
    read_config();
    WSPDATA data;
    WSAPROTOCOL_INFOW info;
    WSPUPCALLTABLE upcalls;
    memset(&upcalls, 0, sizeof upcalls);
    if (WSPStartup(MAKEWORD(2, 2), &data, &info, upcalls, &shim_wsp) != 0)
        shim_cfg.mode = SHIM_OFF;
    atomic_store_explicit(&init_state, INIT_DONE, memory_order_release);
    if (shim_cfg.log)
        shim_log("loaded, mode %s%s%s", shim_cfg.mode == SHIM_ENFORCE ? "enforce"
                                          : shim_cfg.mode == SHIM_AUDIT ? "audit" : "off",
                 shim_cfg.report[0] ? ", report " : "", shim_cfg.report);
    errno = saved;
}

__attribute__((constructor)) static void shim_constructor(void)
{
    shim_init();
}

__attribute__((destructor)) static void shim_destructor(void)
{
    if (shim_ready())
        shim_report_flush();
}

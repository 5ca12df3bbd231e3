/*
 * thread.c - CreateThread, ExitThread, GetExitCodeThread, ResumeThread,
 * thread ids and the pseudo-handles, over detached pthreads.
 *
 * A thread object is signalled (its eventfd written, never read) when the
 * thread ends, by returning or by ExitThread; its exit code is valid from
 * then on ("GetExitCodeThread function": STILL_ACTIVE before).  The thread
 * holds its own reference, so closing the handle of a running thread is
 * fine, as on Windows.  Thread ids are the kernel's (gettid), so they match
 * what debuggers and /proc show.
 */
#include "w32_object.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

static __thread DWORD cached_tid;
static __thread struct w32_object *self;

static void forget_tid(void) { cached_tid = 0; }

__attribute__((constructor)) static void thread_init(void)
{
    pthread_atfork(NULL, NULL, forget_tid);     /* the child has a new tid */
}

W32_EXPORT DWORD WINAPI GetCurrentThreadId(void)
{
    if (!cached_tid)
        cached_tid = (DWORD)syscall(SYS_gettid);
    return cached_tid;
}

W32_EXPORT HANDLE WINAPI GetCurrentThread(void) { return (HANDLE)(LONG_PTR)-2; }
W32_EXPORT HANDLE WINAPI GetCurrentProcess(void) { return (HANDLE)(LONG_PTR)-1; }
W32_EXPORT DWORD WINAPI GetCurrentProcessId(void) { return (DWORD)getpid(); }

static void thread_finished(void *p)
{
    struct w32_object *obj = p;
    atomic_store_explicit(&obj->thread.finished, 1, memory_order_release);
    w32_object_signal(obj);
    self = NULL;
    w32_object_unref(obj);
}

static void *thread_main(void *p)
{
    struct w32_object *obj = p;
    self = obj;
    obj->thread.tid = GetCurrentThreadId();
    sem_post(&obj->thread.started);
    if (atomic_load(&obj->thread.suspended))
        while (sem_wait(&obj->thread.resume) < 0 && errno == EINTR)
            ;
    pthread_cleanup_push(thread_finished, obj);
    obj->thread.exit_code = obj->thread.start(obj->thread.arg);
    pthread_cleanup_pop(1);
    return NULL;
}

W32_EXPORT HANDLE WINAPI CreateThread(LPSECURITY_ATTRIBUTES lpThreadAttributes, SIZE_T dwStackSize,
                                      LPTHREAD_START_ROUTINE lpStartAddress, LPVOID lpParameter,
                                      DWORD dwCreationFlags, LPDWORD lpThreadId)
{
    (void)lpThreadAttributes;
    if (!lpStartAddress || (dwCreationFlags & ~(DWORD)(CREATE_SUSPENDED | STACK_SIZE_PARAM_IS_A_RESERVATION))) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    /* A stack that cannot be reserved fails the call ("CreateThread
     * function": threads are limited by the available virtual memory);
     * rounding a size near SIZE_MAX up wrapped to 0 and the thread got the
     * default stack instead. */
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (dwStackSize) {
        /* Windows rounds the size up; so does this, to the pthread minimum. */
        size_t size = dwStackSize < (size_t)PTHREAD_STACK_MIN ? (size_t)PTHREAD_STACK_MIN : dwStackSize;
        if (size > SIZE_MAX - 65535 || pthread_attr_setstacksize(&attr, (size + 65535) & ~(size_t)65535)) {
            pthread_attr_destroy(&attr);
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
    }
    struct w32_object *obj = w32_object_new(W32_THREAD, TRUE, FALSE);
    if (!obj) {
        pthread_attr_destroy(&attr);
        return NULL;
    }
    struct w32_thread *t = &obj->thread;
    t->start = lpStartAddress;
    t->arg = lpParameter;
    t->exit_code = STILL_ACTIVE;
    atomic_init(&t->finished, 0);
    atomic_init(&t->suspended, (dwCreationFlags & CREATE_SUSPENDED) ? 1 : 0);
    sem_init(&t->started, 0, 0);
    sem_init(&t->resume, 0, 0);

    HANDLE h = w32_handle_insert(obj);
    if (!h) {
        pthread_attr_destroy(&attr);
        w32_object_unref(obj);
        return NULL;
    }
    w32_object_ref(obj);                        /* the thread's own reference */
    pthread_t pt;
    int err = pthread_create(&pt, &attr, thread_main, obj);
    pthread_attr_destroy(&attr);
    if (err) {
        w32_object_unref(obj);
        CloseHandle(h);
        SetLastError(err == EAGAIN ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_PARAMETER);
        return NULL;
    }
    while (sem_wait(&t->started) < 0 && errno == EINTR)
        ;
    if (lpThreadId)
        *lpThreadId = t->tid;
    return h;
}

W32_EXPORT void WINAPI ExitThread(DWORD dwExitCode)
{
    if (self)
        self->thread.exit_code = dwExitCode;
    pthread_exit(NULL);     /* runs thread_finished for a CreateThread thread */
}

W32_EXPORT BOOL WINAPI GetExitCodeThread(HANDLE hThread, LPDWORD lpExitCode)
{
    if (!lpExitCode) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    struct w32_object *obj = w32_handle_lookup(hThread, W32_THREAD);
    if (!obj)
        return FALSE;
    *lpExitCode = atomic_load_explicit(&obj->thread.finished, memory_order_acquire)
                      ? obj->thread.exit_code : STILL_ACTIVE;
    w32_object_unref(obj);
    return TRUE;
}

W32_EXPORT DWORD WINAPI GetThreadId(HANDLE Thread)
{
    struct w32_object *obj = w32_handle_lookup(Thread, W32_THREAD);
    if (!obj)
        return 0;
    DWORD tid = obj->thread.tid;
    w32_object_unref(obj);
    return tid;
}

/* "ResumeThread function": returns the previous suspend count (1 for a
 * thread created suspended, 0 otherwise), (DWORD)-1 on failure.
 * SuspendThread is not provided (README). */
W32_EXPORT DWORD WINAPI ResumeThread(HANDLE hThread)
{
    struct w32_object *obj = w32_handle_lookup(hThread, W32_THREAD);
    if (!obj)
        return (DWORD)-1;
    DWORD prev = 0;
    if (atomic_exchange(&obj->thread.suspended, 0)) {
        prev = 1;
        sem_post(&obj->thread.resume);
    }
    w32_object_unref(obj);
    return prev;
}

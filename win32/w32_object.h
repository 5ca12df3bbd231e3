/*
 * w32_object.h - private to libwin32base: the kernel objects behind
 * handles and the one handle table.
 *
 * Every waitable object (event, thread) owns an eventfd that is readable
 * exactly while the object is signalled, so that one poll()-based wait
 * serves every object type and can include other descriptors (sockets) in
 * the same poll.  Auto-reset events are consumed by a successful
 * non-blocking read of their eventfd, which only one waiter can win.
 */
#ifndef W32_OBJECT_H
#define W32_OBJECT_H

#include <windows.h>

#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>

#define W32_EXPORT __attribute__((visibility("default")))

enum w32_kind {
    W32_ANY = 0,
    W32_EVENT = 1,
    W32_THREAD = 2,
};

struct w32_thread {
    LPTHREAD_START_ROUTINE start;
    LPVOID arg;
    sem_t started;          /* posted by the new thread once tid is known */
    sem_t resume;           /* CREATE_SUSPENDED: posted by ResumeThread */
    atomic_int suspended;
    DWORD tid;
    DWORD exit_code;
    atomic_int finished;    /* exit_code valid once set (release) */
};

struct w32_object {
    enum w32_kind kind;
    int fd;                 /* eventfd, EFD_NONBLOCK | EFD_CLOEXEC */
    BOOL manual_reset;      /* threads: TRUE (signalled for good at exit) */
    atomic_int refs;
    atomic_uint signals;    /* bumped (release) before every signal */
    struct w32_thread thread;   /* W32_THREAD only */
};

/* A new object with one reference and a fresh eventfd, or NULL with the
 * last error set. */
struct w32_object *w32_object_new(enum w32_kind kind, BOOL manual_reset, BOOL initial);
void w32_object_ref(struct w32_object *obj);
void w32_object_unref(struct w32_object *obj);

/* Enters obj in the handle table (the table takes over the caller's
 * reference).  NULL with ERROR_NO_SYSTEM_RESOURCES when the table is full. */
HANDLE w32_handle_insert(struct w32_object *obj);
/* The object behind h with a new reference, or NULL with
 * ERROR_INVALID_HANDLE (unknown handle, or not of the kind asked for). */
struct w32_object *w32_handle_lookup(HANDLE h, enum w32_kind kind);

/* Signal / unsignal an object's eventfd. */
void w32_object_signal(struct w32_object *obj);
void w32_object_unsignal(struct w32_object *obj);
/* A waiter that saw obj signalled (by poll alone, as for a manual-reset
 * event or a thread) sees everything the signalling thread did before
 * ("Synchronization and Multiprocessor Issues": wait functions and SetEvent
 * are memory barriers).  The kernel orders it in practice; this acquire
 * makes it a C11 happens-before that ThreadSanitizer sees too. */
void w32_object_acquire(struct w32_object *obj);
/* Auto-reset consumption: TRUE if this caller took the signal. */
BOOL w32_object_consume(struct w32_object *obj);
/* Wait-all: if all n objects are signalled, takes every auto-reset one at
 * once and returns TRUE; otherwise takes nothing.  pfd has room for n. */
BOOL w32_object_take_all(DWORD n, struct w32_object *const *objs, struct pollfd *pfd);

#endif /* W32_OBJECT_H */

/*
 * handle.c - the one handle table for every kernel object (threads and
 * events), object lifetime, and CloseHandle.
 *
 * Handles are multiples of 4 below 2^31, as on Windows ("Interprocess
 * Communication Between 32-bit and 64-bit Applications": only the lower 32
 * bits of a handle are significant), so NULL and INVALID_HANDLE_VALUE are
 * never valid and a random value is refused (ERROR_INVALID_HANDLE) instead
 * of crashing.  Bits 22-30 hold the slot's generation, advanced by every
 * close, so a stale handle (closed twice, or used after CloseHandle) does
 * not name the next object put in its slot: it fails like any closed
 * handle, for 511 reuses of the slot.  Windows may hand the value out again
 * at once; no program can rely on that.
 * Objects are reference counted: a handle holds one reference, a running
 * thread one, every wait in progress one, so CloseHandle during a wait
 * never frees what the wait polls.
 */
#include "w32_object.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

#define W32_INDEX_BITS  20
#define W32_GEN_BITS    9       /* 2 + 20 + 9 = 31 bits: handles stay positive */
#define W32_MAX_HANDLES ((1u << W32_INDEX_BITS) - 1)    /* index + 1 must fit */
#define W32_GEN_MASK    ((1u << W32_GEN_BITS) - 1)

struct slot {
    struct w32_object *obj;
    uint32_t gen;
};

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
/* Held by everything that takes a signal away (an auto-reset wait, a
 * wait-all, ResetEvent), so a wait-all that saw all its objects signalled
 * takes them all before anyone else can take one ("WaitForMultipleObjects
 * function": with bWaitAll the states of all objects change together). */
static pthread_mutex_t take_lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot *slots;
static uint32_t nslots;
static uint32_t first_free;     /* no free slot below this index */

static void table_lock_prepare(void)
{
    pthread_mutex_lock(&table_lock);
    pthread_mutex_lock(&take_lock);
}

static void table_lock_release(void)
{
    pthread_mutex_unlock(&take_lock);
    pthread_mutex_unlock(&table_lock);
}

/* The child of fork() gets a copy of every object, in the state it had,
 * behind the same descriptor number: an inherited eventfd would still be
 * the parent's, so the child's SetEvent, ResetEvent or auto-reset wait
 * would change the parent's object (and the parent's the child's). */
static void give_child_own_copy(struct w32_object *obj)
{
    struct pollfd p = { .fd = obj->fd, .events = POLLIN };
    BOOL signalled = poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
    int fd = eventfd(signalled ? 1 : 0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (fd < 0)
        return;     /* no descriptor left: the object stays shared (README) */
    if (dup2(fd, obj->fd) >= 0)
        fcntl(obj->fd, F_SETFD, FD_CLOEXEC);
    close(fd);
}

static void table_fork_child(void)
{
    for (uint32_t i = 0; i < nslots; i++)
        if (slots[i].obj)
            give_child_own_copy(slots[i].obj);
    table_lock_release();
}

/* fork(): the child must not inherit a table lock held by another thread. */
__attribute__((constructor)) static void handle_table_init(void)
{
    pthread_atfork(table_lock_prepare, table_lock_release, table_fork_child);
}

struct w32_object *w32_object_new(enum w32_kind kind, BOOL manual_reset, BOOL initial)
{
    struct w32_object *obj = calloc(1, sizeof *obj);
    if (!obj) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    obj->fd = eventfd(initial ? 1 : 0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (obj->fd < 0) {
        SetLastError(errno == EMFILE || errno == ENFILE ? ERROR_TOO_MANY_OPEN_FILES
                                                        : ERROR_NO_SYSTEM_RESOURCES);
        free(obj);
        return NULL;
    }
    obj->kind = kind;
    obj->manual_reset = manual_reset;
    atomic_init(&obj->refs, 1);
    atomic_init(&obj->signals, 0);
    return obj;
}

void w32_object_ref(struct w32_object *obj)
{
    atomic_fetch_add_explicit(&obj->refs, 1, memory_order_relaxed);
}

void w32_object_unref(struct w32_object *obj)
{
    if (atomic_fetch_sub_explicit(&obj->refs, 1, memory_order_acq_rel) != 1)
        return;
    close(obj->fd);
    if (obj->kind == W32_THREAD) {
        sem_destroy(&obj->thread.started);
        sem_destroy(&obj->thread.resume);
    }
    free(obj);
}

static HANDLE index_to_handle(uint32_t i, uint32_t gen)
{
    return (HANDLE)(uintptr_t)(((uintptr_t)gen << (W32_INDEX_BITS + 2)) | ((uintptr_t)(i + 1) << 2));
}

/* The slot a handle names, if it is open with the handle's generation;
 * call with table_lock held. */
static struct slot *slot_of(HANDLE h)
{
    uintptr_t v = (uintptr_t)h;
    if ((v & 3) || v >> (W32_INDEX_BITS + W32_GEN_BITS + 2))
        return NULL;
    uint32_t i1 = (uint32_t)(v >> 2) & ((1u << W32_INDEX_BITS) - 1);
    uint32_t gen = (uint32_t)(v >> (W32_INDEX_BITS + 2));
    if (i1 == 0 || i1 > nslots || !slots[i1 - 1].obj || slots[i1 - 1].gen != gen)
        return NULL;
    return &slots[i1 - 1];
}

HANDLE w32_handle_insert(struct w32_object *obj)
{
    HANDLE h = NULL;
    pthread_mutex_lock(&table_lock);
    uint32_t i = first_free;
    while (i < nslots && slots[i].obj)
        i++;
    if (i == nslots && nslots < W32_MAX_HANDLES) {
        uint32_t n = nslots ? nslots * 2 : 64;
        if (n > W32_MAX_HANDLES)
            n = W32_MAX_HANDLES;
        struct slot *grown = realloc(slots, n * sizeof *slots);
        if (grown) {
            for (uint32_t k = nslots; k < n; k++)
                grown[k] = (struct slot){ NULL, 0 };
            slots = grown;
            nslots = n;
        }
    }
    if (i < nslots) {
        slots[i].obj = obj;
        first_free = i + 1;
        h = index_to_handle(i, slots[i].gen);
    }
    pthread_mutex_unlock(&table_lock);
    if (!h)
        SetLastError(ERROR_NO_SYSTEM_RESOURCES);
    return h;
}

struct w32_object *w32_handle_lookup(HANDLE h, enum w32_kind kind)
{
    struct w32_object *obj = NULL;
    pthread_mutex_lock(&table_lock);
    struct slot *s = slot_of(h);
    if (s && (kind == W32_ANY || s->obj->kind == kind)) {
        obj = s->obj;
        w32_object_ref(obj);
    }
    pthread_mutex_unlock(&table_lock);
    if (!obj)
        SetLastError(ERROR_INVALID_HANDLE);
    return obj;
}

/* "CloseHandle function": FALSE and ERROR_INVALID_HANDLE for a handle that
 * is not open; the pseudo-handles of GetCurrentProcess/GetCurrentThread
 * need no closing and closing them succeeds. */
W32_EXPORT BOOL WINAPI CloseHandle(HANDLE hObject)
{
    struct w32_object *obj = NULL;
    if (hObject == GetCurrentProcess() || hObject == GetCurrentThread())
        return TRUE;
    pthread_mutex_lock(&table_lock);
    struct slot *s = slot_of(hObject);
    if (s) {
        uint32_t i = (uint32_t)(s - slots);
        obj = s->obj;
        s->obj = NULL;
        s->gen = (s->gen + 1) & W32_GEN_MASK;
        if (i < first_free)
            first_free = i;
    }
    pthread_mutex_unlock(&table_lock);
    if (!obj) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    w32_object_unref(obj);
    return TRUE;
}

void w32_object_acquire(struct w32_object *obj)
{
    (void)atomic_load_explicit(&obj->signals, memory_order_acquire);
}

void w32_object_signal(struct w32_object *obj)
{
    uint64_t one = 1;
    atomic_fetch_add_explicit(&obj->signals, 1, memory_order_release);
    /* The counter only grows past 1 when an already signalled object is
     * set again, which Windows treats as no change; a read takes it all. */
    while (write(obj->fd, &one, sizeof one) < 0 && errno == EINTR)
        ;
}

static BOOL take_locked(struct w32_object *obj)
{
    uint64_t v;
    ssize_t n;
    do
        n = read(obj->fd, &v, sizeof v);
    while (n < 0 && errno == EINTR);
    return n == (ssize_t)sizeof v;
}

void w32_object_unsignal(struct w32_object *obj)
{
    pthread_mutex_lock(&take_lock);
    take_locked(obj);
    pthread_mutex_unlock(&take_lock);
}

BOOL w32_object_consume(struct w32_object *obj)
{
    pthread_mutex_lock(&take_lock);
    BOOL took = take_locked(obj);
    pthread_mutex_unlock(&take_lock);
    if (took)
        w32_object_acquire(obj);
    return took;
}

BOOL w32_object_take_all(DWORD n, struct w32_object *const *objs, struct pollfd *pfd)
{
    BOOL all = TRUE;
    pthread_mutex_lock(&take_lock);
    for (DWORD i = 0; i < n; i++)
        pfd[i] = (struct pollfd){ .fd = objs[i]->fd, .events = POLLIN };
    if (poll(pfd, n, 0) != (int)n)
        all = FALSE;
    for (DWORD i = 0; all && i < n; i++)
        if (!(pfd[i].revents & POLLIN))
            all = FALSE;
    /* Nobody else can take a signal now: every read below succeeds. */
    for (DWORD i = 0; all && i < n; i++) {
        w32_object_acquire(objs[i]);
        if (!objs[i]->manual_reset)
            take_locked(objs[i]);
    }
    pthread_mutex_unlock(&take_lock);
    return all;
}

W32_EXPORT int w32_handle_fd(HANDLE h)
{
    struct w32_object *obj = w32_handle_lookup(h, W32_ANY);
    if (!obj)
        return -1;
    int fd = obj->fd;   /* stays open while the handle's reference exists */
    w32_object_unref(obj);
    return fd;
}

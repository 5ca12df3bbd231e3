/*
 * handle.c - the one handle table for every kernel object (threads and
 * events), object lifetime, and CloseHandle.
 *
 * Handles are small multiples of 4, as on Windows, so NULL and
 * INVALID_HANDLE_VALUE are never valid and a stale or random value is
 * recognised and refused (ERROR_INVALID_HANDLE) instead of crashing.
 * Objects are reference counted: a handle holds one reference, a running
 * thread one, every wait in progress one, so CloseHandle during a wait
 * never frees what the wait polls.
 */
#include "w32_object.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

#define W32_MAX_HANDLES (1u << 20)

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static struct w32_object **slots;
static uint32_t nslots;
static uint32_t first_free;     /* no free slot below this index */

static void table_lock_prepare(void) { pthread_mutex_lock(&table_lock); }
static void table_lock_release(void) { pthread_mutex_unlock(&table_lock); }

/* fork(): the child must not inherit a table lock held by another thread. */
__attribute__((constructor)) static void handle_table_init(void)
{
    pthread_atfork(table_lock_prepare, table_lock_release, table_lock_release);
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

static HANDLE index_to_handle(uint32_t i) { return (HANDLE)(uintptr_t)((i + 1) * 4); }

static int handle_to_index(HANDLE h, uint32_t *i)
{
    uintptr_t v = (uintptr_t)h;
    if (v == 0 || (v & 3) || v / 4 > W32_MAX_HANDLES)
        return 0;
    *i = (uint32_t)(v / 4 - 1);
    return 1;
}

HANDLE w32_handle_insert(struct w32_object *obj)
{
    HANDLE h = NULL;
    pthread_mutex_lock(&table_lock);
    uint32_t i = first_free;
    while (i < nslots && slots[i])
        i++;
    if (i == nslots && nslots < W32_MAX_HANDLES) {
        uint32_t n = nslots ? nslots * 2 : 64;
        struct w32_object **grown = realloc(slots, n * sizeof *slots);
        if (grown) {
            for (uint32_t k = nslots; k < n; k++)
                grown[k] = NULL;
            slots = grown;
            nslots = n;
        }
    }
    if (i < nslots) {
        slots[i] = obj;
        first_free = i + 1;
        h = index_to_handle(i);
    }
    pthread_mutex_unlock(&table_lock);
    if (!h)
        SetLastError(ERROR_NO_SYSTEM_RESOURCES);
    return h;
}

struct w32_object *w32_handle_lookup(HANDLE h, enum w32_kind kind)
{
    struct w32_object *obj = NULL;
    uint32_t i;
    if (handle_to_index(h, &i)) {
        pthread_mutex_lock(&table_lock);
        if (i < nslots && slots[i] && (kind == W32_ANY || slots[i]->kind == kind)) {
            obj = slots[i];
            w32_object_ref(obj);
        }
        pthread_mutex_unlock(&table_lock);
    }
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
    uint32_t i;
    if (hObject == GetCurrentProcess() || hObject == GetCurrentThread())
        return TRUE;
    if (handle_to_index(hObject, &i)) {
        pthread_mutex_lock(&table_lock);
        if (i < nslots && slots[i]) {
            obj = slots[i];
            slots[i] = NULL;
            if (i < first_free)
                first_free = i;
        }
        pthread_mutex_unlock(&table_lock);
    }
    if (!obj) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    w32_object_unref(obj);
    return TRUE;
}

void w32_object_signal(struct w32_object *obj)
{
    uint64_t one = 1;
    /* The counter only grows past 1 when an already signalled object is
     * set again, which Windows treats as no change; a read takes it all. */
    while (write(obj->fd, &one, sizeof one) < 0 && errno == EINTR)
        ;
}

void w32_object_unsignal(struct w32_object *obj)
{
    uint64_t v;
    while (read(obj->fd, &v, sizeof v) < 0 && errno == EINTR)
        ;
}

BOOL w32_object_consume(struct w32_object *obj)
{
    uint64_t v;
    ssize_t n;
    do
        n = read(obj->fd, &v, sizeof v);
    while (n < 0 && errno == EINTR);
    return n == (ssize_t)sizeof v;
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

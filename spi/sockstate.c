/*
 * Per-socket state and the descriptor -> state index.
 *
 * Index: two levels, a fixed top array of page pointers and pages of 1024
 * atomic slots, mapped on first use and never unmapped.  A lookup is two
 * relaxed loads; an untracked descriptor costs the same and finds NULL.
 * Nothing is sized to RLIMIT_NOFILE up front, so a fork copies only the pages
 * that were touched.
 *
 * Objects: a type-stable pool (chunks mapped with mmap, never returned), so a
 * reader racing with the last close of the same socket reads a recycled
 * object rather than freed memory.  The free list is a Treiber stack whose
 * head carries a generation tag against ABA.  No mutex and no malloc: close()
 * and dup2() stay async-signal-safe.
 *
 * Lifetime: refs counts the descriptors (low 24 bits) and the provider calls
 * holding the object (wsp_sock_hold, high 8 bits); it returns to the pool
 * only when both are zero.  A call
 * that looked up fd X therefore writes into X's socket's state even if X is
 * closed meanwhile and its object would otherwise have gone to a new socket.
 */
#include "wsp_internal.h"

#include <errno.h>
#include <string.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <time.h>

#define PAGE_SLOTS WSP_INDEX_PAGE_SLOTS
#define TOP_PAGES WSP_INDEX_TOP_PAGES
#define CHUNK_OBJS 1024u
#define MAX_CHUNKS 4096u                    /* 4 Mi live sockets */

typedef wsp_slot_t slot_t;

/* declared in wsp_internal.h (the inline wsp_sock_peek); GCC forms a composite
 * type of the two declarations that atomic_load/CAS see without the inner
 * _Atomic: the two casts below put it back */
_Atomic(slot_t *) wsp_index_pages[TOP_PAGES];
#define index_pages wsp_index_pages
static _Atomic(struct wsp_sock *) pool_chunks[MAX_CHUNKS];
static _Atomic uint32_t pool_next_unused;
static _Atomic uint64_t pool_free_head;     /* generation << 32 | (index + 1) */
static _Atomic uint32_t pool_live;

static void *map_zeroed(size_t bytes)
{
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

static slot_t *index_slot(int fd, int create)
{
    if (fd < 0 || (unsigned)fd >= PAGE_SLOTS * TOP_PAGES)
        return NULL;
    unsigned top = (unsigned)fd / PAGE_SLOTS;
    slot_t *page = (slot_t *)atomic_load_explicit(&index_pages[top], memory_order_acquire);
    if (!page) {
        if (!create)
            return NULL;
        slot_t *fresh = map_zeroed(PAGE_SLOTS * sizeof(slot_t));
        if (!fresh)
            return NULL;
        slot_t *expected = NULL;
        if (atomic_compare_exchange_strong_explicit((_Atomic(slot_t *) *)&index_pages[top], &expected, fresh,
                                                    memory_order_acq_rel, memory_order_acquire)) {
            page = fresh;
        } else {
            munmap(fresh, PAGE_SLOTS * sizeof(slot_t));
            page = expected;
        }
    }
    return &page[(unsigned)fd % PAGE_SLOTS];
}

static struct wsp_sock *pool_obj(uint32_t idx)
{
    struct wsp_sock *chunk = atomic_load_explicit(&pool_chunks[idx / CHUNK_OBJS], memory_order_acquire);
    return chunk ? &chunk[idx % CHUNK_OBJS] : NULL;
}

static struct wsp_sock *pool_alloc(void)
{
    uint64_t head = atomic_load_explicit(&pool_free_head, memory_order_acquire);
    while ((uint32_t)head != 0) {
        struct wsp_sock *s = pool_obj((uint32_t)head - 1);
        /* s may be popped and reused by another thread meanwhile: the read is
         * atomic, and the generation tag makes the CAS fail if it was */
        uint64_t next = ((head >> 32) + 1) << 32 | atomic_load_explicit(&s->next_free, memory_order_relaxed);
        if (atomic_compare_exchange_weak_explicit(&pool_free_head, &head, next,
                                                  memory_order_acq_rel, memory_order_acquire))
            return s;
    }
    uint32_t idx = atomic_fetch_add_explicit(&pool_next_unused, 1, memory_order_relaxed);
    if (idx >= CHUNK_OBJS * MAX_CHUNKS)
        return NULL;
    _Atomic(struct wsp_sock *) *chunk_slot = &pool_chunks[idx / CHUNK_OBJS];
    struct wsp_sock *chunk = atomic_load_explicit(chunk_slot, memory_order_acquire);
    if (!chunk) {
        struct wsp_sock *fresh = map_zeroed(CHUNK_OBJS * sizeof(struct wsp_sock));
        if (!fresh)
            return NULL;
        struct wsp_sock *expected = NULL;
        if (atomic_compare_exchange_strong_explicit(chunk_slot, &expected, fresh,
                                                    memory_order_acq_rel, memory_order_acquire)) {
            chunk = fresh;
        } else {
            munmap(fresh, CHUNK_OBJS * sizeof(struct wsp_sock));
            chunk = expected;
        }
    }
    struct wsp_sock *s = &chunk[idx % CHUNK_OBJS];
    s->pool_index = idx;
    return s;
}

static void pool_free(struct wsp_sock *s)
{
    uint32_t idx = s->pool_index;
    uint64_t head = atomic_load_explicit(&pool_free_head, memory_order_acquire);
    uint64_t next;
    do {
        atomic_store_explicit(&s->next_free, (uint32_t)head, memory_order_relaxed);
        next = ((head >> 32) + 1) << 32 | (idx + 1);
    } while (!atomic_compare_exchange_weak_explicit(&pool_free_head, &head, next,
                                                    memory_order_acq_rel, memory_order_acquire));
}

/* Drop count from refs; the one that brings it to zero returns s to the pool. */
static void sock_unref(struct wsp_sock *s, uint32_t count)
{
    if (atomic_fetch_sub_explicit(&s->refs, count, memory_order_acq_rel) == count)
        wsp_sock_put_last(s);
}

/* A descriptor stops pointing at s. */
static void sock_release(struct wsp_sock *s)
{
    sock_unref(s, 1);
}

/* Add count to refs, only while a descriptor still points at s: with none
 * it is in (or on its way to) the free list and must not come back.  At the
 * holder limit (255 calls at once on one socket) wait for one to finish. */
static int sock_try_ref(struct wsp_sock *s, uint32_t count)
{
    uint32_t refs = atomic_load_explicit(&s->refs, memory_order_acquire);
    do {
        if ((refs & WSP_REFS_FDS) == 0)
            return 0;
        if (count == WSP_REFS_HOLDER && refs >= ~WSP_REFS_FDS) {
            sched_yield();
            refs = atomic_load_explicit(&s->refs, memory_order_acquire);
            continue;
        }
        if (atomic_compare_exchange_weak_explicit(&s->refs, &refs, refs + count, memory_order_acq_rel,
                                                  memory_order_acquire))
            return 1;
    } while (1);
}

static uint32_t inode_of(int fd)
{
    struct stat st;
    return syscall(SYS_fstat, fd, &st) == 0 && S_ISSOCK(st.st_mode) ? (uint32_t)st.st_ino : 0;
}

static struct wsp_sock *sock_new(int fd, int family, int type, int protocol)
{
    struct wsp_sock *s = pool_alloc();
    if (!s)
        return NULL;
    /* refs is 0: no other thread can take a reference until the release below */
    atomic_store_explicit(&s->family, (uint8_t)family, memory_order_relaxed);
    atomic_store_explicit(&s->type, (uint8_t)type, memory_order_relaxed);
    atomic_store_explicit(&s->protocol, (uint16_t)protocol, memory_order_relaxed);
    atomic_store_explicit(&s->flags, 0, memory_order_relaxed);
    atomic_store_explicit(&s->linger, 0, memory_order_relaxed);
    atomic_store_explicit(&s->linger_memory, 0, memory_order_relaxed);
    atomic_store_explicit(&s->group_priority, 0, memory_order_relaxed);
    atomic_store_explicit(&s->error_override, 0, memory_order_relaxed);
    atomic_store_explicit(&s->rcvtimeo_ms, 0, memory_order_relaxed);
    atomic_store_explicit(&s->sndtimeo_ms, 0, memory_order_relaxed);
    atomic_store_explicit(&s->rcvbuf, 0, memory_order_relaxed);
    atomic_store_explicit(&s->sndbuf, 0, memory_order_relaxed);
    atomic_store_explicit(&s->connect_time, 0, memory_order_relaxed);
    atomic_store_explicit(&s->bound_key, 0, memory_order_relaxed);   /* also clears the free-list link */
    atomic_store_explicit(&s->bound_port, 0, memory_order_relaxed);
    atomic_store_explicit(&s->ino, inode_of(fd), memory_order_relaxed);
    atomic_store_explicit(&s->refs, 1, memory_order_release);   /* one descriptor */
    atomic_fetch_add_explicit(&pool_live, 1, memory_order_relaxed);
    return s;
}

static void slot_replace(slot_t *slot, struct wsp_sock *s)
{
    struct wsp_sock *old = atomic_exchange_explicit(slot, s, memory_order_acq_rel);
    if (old)
        sock_release(old);
}

struct wsp_sock *wsp_sock_adopt(int fd, int family, int type, int protocol)
{
    slot_t *slot = index_slot(fd, 1);
    if (!slot)
        return NULL;
    struct wsp_sock *s = sock_new(fd, family, type, protocol);
    if (!s)
        return NULL;
    slot_replace(slot, s);
    return s;
}

struct wsp_sock *wsp_sock_get(int fd, int *wsa)
{
    struct wsp_sock *s = wsp_sock_peek(fd);
    if (s)
        return s;
    int family = 0, type = 0, protocol = 0;
    socklen_t len = sizeof family;
    if (wsp_sys_getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &family, &len) != 0) {
        *wsa = WSAENOTSOCK;     /* EBADF and ENOTSOCK alike */
        return NULL;
    }
    /* closed by another thread between the questions: not a socket now */
    len = sizeof type;
    if (wsp_sys_getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0) {
        *wsa = WSAENOTSOCK;
        return NULL;
    }
    len = sizeof protocol;
    if (wsp_sys_getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &protocol, &len) != 0) {
        *wsa = WSAENOTSOCK;
        return NULL;
    }

    slot_t *slot = index_slot(fd, 1);
    struct wsp_sock *fresh = slot ? sock_new(fd, family, type, protocol) : NULL;
    if (!fresh) {
        *wsa = WSAENOBUFS;
        return NULL;
    }
    /* A socket we did not see created (inherited across exec, received over
     * a UNIX socket, made inside libc): it may already be connected, and
     * lingering -- start from the kernel's view. */
    if (type == SOCK_STREAM) {
        struct sockaddr_storage peer;
        socklen_t plen = sizeof peer;
        if (wsp_sys_getpeername(fd, (struct sockaddr *)&peer, &plen) == 0)
            wsp_sock_mark_connected(fresh);
        struct linger l = { 0, 0 };
        socklen_t llen = sizeof l;
        if (wsp_sys_getsockopt(fd, SOL_SOCKET, SO_LINGER, &l, &llen) == 0) {
            uint32_t secs = (uint32_t)l.l_linger & 0xffffu;
            atomic_store_explicit(&fresh->linger, (l.l_onoff ? 1u << 16 : 0u) | secs, memory_order_relaxed);
            atomic_store_explicit(&fresh->linger_memory, secs, memory_order_relaxed);
        }
    }
    struct wsp_sock *expected = NULL;
    if (!atomic_compare_exchange_strong_explicit(slot, &expected, fresh,
                                                 memory_order_acq_rel, memory_order_acquire)) {
        sock_release(fresh);          /* another thread got there first */
        return expected;
    }
    return fresh;
}

void wsp_sock_alias(int fd_new, struct wsp_sock *s)
{
    slot_t *slot = index_slot(fd_new, s != NULL);
    if (!slot)
        return;
    if (s)
        atomic_fetch_add_explicit(&s->refs, 1, memory_order_acq_rel);
    slot_replace(slot, s);
}

/* dup racing with the last close of oldfd: take a reference only while the
 * object is still live (count not zero) and still what oldfd names, so a
 * freed object is never brought back (preload-notes §4). */
void wsp_sock_alias_fd(int oldfd, int newfd)
{
    for (;;) {
        struct wsp_sock *s = wsp_sock_peek(oldfd);
        if (!s) {
            wsp_sock_forget(newfd);
            return;
        }
        if (!sock_try_ref(s, 1))
            continue;                 /* being released: oldfd's slot is changing */
        if (wsp_sock_peek(oldfd) != s) {
            sock_release(s);
            continue;
        }
        slot_t *slot = index_slot(newfd, 1);
        if (slot)
            slot_replace(slot, s);
        else
            sock_release(s);
        return;
    }
}

/* The reference is taken, then the slot read again: if fd still names s, s
 * was live and fd's the whole time in between, so s is fd's state now.  The
 * slot's address is worked out once: its page is never unmapped. */
static struct wsp_sock *hold_in(slot_t *slot)
{
    for (;;) {
        struct wsp_sock *s = atomic_load_explicit(slot, memory_order_acquire);
        if (!s)
            return NULL;
        if (!sock_try_ref(s, WSP_REFS_HOLDER))
            continue;
        if (__builtin_expect(atomic_load_explicit(slot, memory_order_acquire) == s, 1))
            return s;
        sock_unref(s, WSP_REFS_HOLDER);
    }
}

/* The inline wsp_sock_hold_tracked's first try failed: drop the hold it
 * took on an object fd no longer names, if any, and start over. */
struct wsp_sock *wsp_sock_hold_retry(slot_t *slot, struct wsp_sock *held)
{
    if (held)
        sock_unref(held, WSP_REFS_HOLDER);
    return hold_in(slot);
}

struct wsp_sock *wsp_sock_hold(int fd, int *wsa)
{
    for (;;) {
        struct wsp_sock *s = wsp_sock_hold_tracked(fd);
        if (s)
            return s;
        if (!wsp_sock_get(fd, wsa))
            return NULL;
        /* created (or found) now; a racing close may empty the slot again */
    }
}

/* wsp_sock_confirm found no kernel answer since the mark: ask fstat */
int wsp_sock_confirm_slow(int fd, struct wsp_sock *s)
{
    uint32_t ino = inode_of(fd), mine = atomic_load_explicit(&s->ino, memory_order_relaxed);
    if (ino && (ino == mine || !mine))
        return 0;
    /* stale: drop it, if fd still names it (a racing close may have already) */
    slot_t *slot = index_slot(fd, 0);
    struct wsp_sock *expected = s;
    if (slot && atomic_compare_exchange_strong_explicit(slot, &expected, NULL, memory_order_acq_rel,
                                                        memory_order_acquire))
        sock_release(s);
    return ino ? -1 : WSAENOTSOCK;
}

void wsp_sock_put_last(struct wsp_sock *s)
{
    atomic_fetch_sub_explicit(&pool_live, 1, memory_order_relaxed);
    pool_free(s);
}

void wsp_sock_forget(int fd)
{
    slot_t *slot = index_slot(fd, 0);
    if (slot && atomic_load_explicit(slot, memory_order_relaxed))
        slot_replace(slot, NULL);
}

uint32_t wsp_sock_live_count(void)
{
    return atomic_load_explicit(&pool_live, memory_order_relaxed);
}

size_t wsp_sock_state_size(void)
{
    return sizeof(struct wsp_sock);
}

void wsp_sock_mark_connected(struct wsp_sock *s)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    atomic_store_explicit(&s->connect_time, (uint32_t)ts.tv_sec, memory_order_relaxed);
    wsp_sock_set_flag(s, WSP_SF_CONNECTED, 1);
}

void wsp_sock_forget_range(unsigned first, unsigned last)
{
    if (first >= PAGE_SLOTS * TOP_PAGES)
        return;
    if (last >= PAGE_SLOTS * TOP_PAGES)
        last = PAGE_SLOTS * TOP_PAGES - 1;
    for (unsigned top = first / PAGE_SLOTS; top <= last / PAGE_SLOTS; top++) {
        slot_t *page = (slot_t *)atomic_load_explicit(&index_pages[top], memory_order_acquire);
        if (!page)
            continue;
        unsigned lo = top == first / PAGE_SLOTS ? first % PAGE_SLOTS : 0;
        unsigned hi = top == last / PAGE_SLOTS ? last % PAGE_SLOTS : PAGE_SLOTS - 1;
        for (unsigned i = lo; i <= hi; i++)
            if (atomic_load_explicit(&page[i], memory_order_relaxed))
                slot_replace(&page[i], NULL);
    }
}

/* ref §2.3 (W-test test_accept_inheritance): an accepted socket inherits the
 * listener's SO_REUSEADDR, SO_KEEPALIVE, SO_OOBINLINE, buffer sizes,
 * timeouts, TCP_NODELAY and SO_LINGER.  The kernel-side ones Linux inherits
 * by itself; this copies the provider's own view of them. */
void wsp_sock_inherit(struct wsp_sock *dst, const struct wsp_sock *src)
{
    const uint32_t inherited = WSP_SF_REUSEADDR | WSP_SF_EXCLUSIVE | WSP_SF_DEBUG | WSP_SF_DONTROUTE |
                               WSP_SF_KEEPALIVE | WSP_SF_RCVTIMEO_SET | WSP_SF_SNDTIMEO_SET | WSP_SF_RCVBUF_SET |
                               WSP_SF_SNDBUF_SET | WSP_SF_KEEPINTVL_SET | WSP_SF_KEEPCNT_SET |
                               WSP_SF_KEEPIDLE_ZERO | WSP_SF_KEEPINTVL_ZERO | WSP_SF_KEEPCNT_ZERO;
    atomic_store_explicit(&dst->flags, atomic_load_explicit(&src->flags, memory_order_relaxed) & inherited,
                          memory_order_relaxed);
#define COPY(field) atomic_store_explicit(&dst->field, atomic_load_explicit(&src->field, memory_order_relaxed), \
                                          memory_order_relaxed)
    COPY(linger);
    COPY(linger_memory);
    COPY(group_priority);
    COPY(rcvtimeo_ms);
    COPY(sndtimeo_ms);
    COPY(rcvbuf);
    COPY(sndbuf);
#undef COPY
}

void wsp_sock_foreach(void (*fn)(int fd, struct wsp_sock *s, void *ctx), void *ctx)
{
    for (unsigned top = 0; top < TOP_PAGES; top++) {
        slot_t *page = (slot_t *)atomic_load_explicit(&index_pages[top], memory_order_acquire);
        if (!page)
            continue;
        for (unsigned i = 0; i < PAGE_SLOTS; i++) {
            struct wsp_sock *s = atomic_load_explicit(&page[i], memory_order_acquire);
            if (s)
                fn((int)(top * PAGE_SLOTS + i), s, ctx);
        }
    }
}

static void mark_forked(int fd, struct wsp_sock *s, void *ctx)
{
    (void)fd;
    (void)ctx;
    wsp_sock_set_flag(s, WSP_SF_FORKED, 1);
}

void wsp_sock_mark_forked(void)
{
    wsp_sock_foreach(mark_forked, NULL);
}

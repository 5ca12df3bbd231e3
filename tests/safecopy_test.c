/*
 * spi/safecopy.c: copies of caller memory answer EFAULT instead of faulting,
 * on the syscall-free stack path and on the process_vm_* path alike.  Check
 * runs each test in a forked child, so a fault fails the test, not the suite.
 */
#include "safecopy.h"
#include "wsp_internal.h"
#include "../shim/translate.h"

#include <check.h>
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static size_t page;

/* an address the compiler cannot see through (no warnings about dead copies) */
static void *addr(uintptr_t a)
{
    void *volatile p = (void *)a;
    return p;
}

/* two pages: the first read-write, the second with prot2 */
static char *two_pages(int prot2)
{
    char *p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ck_assert_ptr_ne(p, MAP_FAILED);
    if (prot2 >= 0)
        ck_assert_int_eq(mprotect(p + page, page, prot2), 0);
    else
        ck_assert_int_eq(munmap(p + page, page), 0);
    return p;
}

START_TEST(null_and_first_page)
{
    char buf[8];
    ck_assert_int_eq(wsp_copy_in(buf, addr(0), 4), EFAULT);
    ck_assert_int_eq(wsp_copy_in(buf, addr(1), 4), EFAULT);
    ck_assert_int_eq(wsp_copy_out(addr(0), buf, 4), EFAULT);
    ck_assert_int_eq(wsp_copy_out(addr(1), buf, 1), EFAULT);
    ck_assert_int_eq(wsp_copy_in(buf, addr(4095), 1), EFAULT);
    /* nothing to copy: nothing to fault on */
    ck_assert_int_eq(wsp_copy_in(buf, addr(0), 0), 0);
    /* a range that wraps around the address space */
    ck_assert_int_eq(wsp_copy_in(buf, addr(UINTPTR_MAX - 2), 8), EFAULT);
}
END_TEST

START_TEST(prot_none_and_unmapped)
{
    char buf[8] = "abcdefg";
    for (int unmapped = 0; unmapped < 2; unmapped++) {
        char *p = two_pages(unmapped ? -1 : PROT_NONE);
        char *bad = p + page;
        ck_assert_int_eq(wsp_copy_in(buf, bad, 4), EFAULT);
        ck_assert_int_eq(wsp_copy_out(bad, buf, 4), EFAULT);
        ck_assert_int_eq(wsp_copy_in(buf, bad + 100, 1), EFAULT);
        munmap(p, page);
        if (!unmapped)
            munmap(bad, page);
    }
}
END_TEST

START_TEST(guard_page_straddling)
{
    char *p = two_pages(PROT_NONE);
    char *edge = p + page - 2;          /* two good bytes, then the guard */
    memcpy(edge, "xy", 2);
    char buf[8] = { 0 };
    ck_assert_int_eq(wsp_copy_in(buf, edge, 4), EFAULT);
    ck_assert_int_eq(wsp_copy_in(buf, edge, 2), 0);
    ck_assert_mem_eq(buf, "xy", 2);
    ck_assert_int_eq(wsp_copy_out(edge, "1234", 4), EFAULT);
    ck_assert_int_eq(wsp_copy_out(edge, "12", 2), 0);
    ck_assert_mem_eq(edge, "12", 2);
    munmap(p, 2 * page);
}
END_TEST

START_TEST(read_only_is_readable_not_writable)
{
    char *p = two_pages(PROT_READ);
    char *ro = p + page;
    char buf[4] = { 1, 2, 3, 4 };
    ck_assert_int_eq(wsp_copy_in(buf, ro, 4), 0);
    ck_assert_int_eq(buf[0] | buf[1] | buf[2] | buf[3], 0);
    ck_assert_int_eq(wsp_copy_out(ro, "abcd", 4), EFAULT);
    ck_assert_int_eq(ro[0], 0);
    munmap(p, 2 * page);
}
END_TEST

START_TEST(heap_and_static_memory_copy_both_ways)
{
    static int statik = 7;
    int *heap = malloc(sizeof *heap);
    ck_assert_ptr_nonnull(heap);
    int v = 0, w = 42;
    ck_assert_int_eq(wsp_copy_in(&v, &statik, sizeof v), 0);
    ck_assert_int_eq(v, 7);
    ck_assert_int_eq(wsp_copy_out(heap, &w, sizeof w), 0);
    ck_assert_int_eq(*heap, 42);
    ck_assert(!wsp_safecopy_fast(heap, sizeof *heap));   /* not the stack: the system call */
    free(heap);
}
END_TEST

/* The caller's own locals take the syscall-free path, in the main thread
 * and in others; forcing the slow path gives the same bytes. */
static void *own_stack(void *arg)
{
    (void)arg;
    int local = 5, out = 0;
    if (!wsp_safecopy_fast(&local, sizeof local))
        return (void *)1;
    if (wsp_copy_in(&out, &local, sizeof out) != 0 || out != 5)
        return (void *)2;
    return NULL;
}

START_TEST(own_stack_is_fast)
{
    int local = 9, out = 0;
    ck_assert(wsp_safecopy_fast(&local, sizeof local));
    ck_assert_int_eq(wsp_copy_in(&out, &local, sizeof out), 0);
    ck_assert_int_eq(out, 9);
    wsp_safecopy_force_slow(1);
    out = 0;
    ck_assert(!wsp_safecopy_fast(&local, sizeof local));
    ck_assert_int_eq(wsp_copy_in(&out, &local, sizeof out), 0);
    ck_assert_int_eq(out, 9);
    ck_assert_int_eq(wsp_copy_out(&local, &(int){ 3 }, sizeof local), 0);
    ck_assert_int_eq(local, 3);
    wsp_safecopy_force_slow(0);
    pthread_t t;
    void *r = (void *)-1;
    ck_assert_int_eq(pthread_create(&t, NULL, own_stack, NULL), 0);
    pthread_join(t, &r);
    ck_assert_ptr_null(r);
}
END_TEST

/* A pointer into another thread's stack: valid while that thread lives (the
 * slow path copies it), EFAULT once the stack is gone. */
struct other {
    pthread_mutex_t m;
    pthread_cond_t c;
    int *where;
    int done;
};

static void *publish_local(void *arg)
{
    struct other *o = arg;
    int local = 77;
    pthread_mutex_lock(&o->m);
    o->where = &local;
    pthread_cond_broadcast(&o->c);
    while (!o->done)
        pthread_cond_wait(&o->c, &o->m);
    pthread_mutex_unlock(&o->m);
    return NULL;
}

START_TEST(another_threads_stack)
{
    size_t size = 256 * 1024;
    char *stack = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ck_assert_ptr_ne(stack, MAP_FAILED);
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setstack(&a, stack, size);
    struct other o = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, 0 };
    pthread_t t;
    ck_assert_int_eq(pthread_create(&t, &a, publish_local, &o), 0);
    pthread_mutex_lock(&o.m);
    while (!o.where)
        pthread_cond_wait(&o.c, &o.m);
    int *theirs = o.where;
    int v = 0;
    ck_assert(!wsp_safecopy_fast(theirs, sizeof v));
    ck_assert_int_eq(wsp_copy_in(&v, theirs, sizeof v), 0);
    ck_assert_int_eq(v, 77);
    ck_assert_int_eq(wsp_copy_out(theirs, &(int){ 78 }, sizeof v), 0);
    ck_assert_int_eq(*theirs, 78);
    o.done = 1;
    pthread_cond_broadcast(&o.c);
    pthread_mutex_unlock(&o.m);
    pthread_join(t, NULL);
    munmap(stack, size);
    ck_assert_int_eq(wsp_copy_in(&v, theirs, sizeof v), EFAULT);
    ck_assert_int_eq(wsp_copy_out(theirs, &v, sizeof v), EFAULT);
}
END_TEST

/* On a sigaltstack the syscall-free path is not trusted (the stack pointer
 * is not on the thread's home stack), yet every copy still works. */
static volatile int alt_result = -1;
static int *main_local;

static void on_alt(int sig)
{
    (void)sig;
    int local = 11, out = 0;
    int ok = !wsp_safecopy_fast(&local, sizeof local) && !wsp_safecopy_fast(main_local, sizeof *main_local) &&
             wsp_copy_in(&out, &local, sizeof out) == 0 && out == 11 &&
             wsp_copy_in(&out, main_local, sizeof out) == 0 && out == 12 &&
             wsp_copy_in(&out, addr(1), sizeof out) == EFAULT;
    alt_result = ok;
}

START_TEST(on_a_sigaltstack)
{
    int local = 12, dummy = 0;
    main_local = &local;
    ck_assert_int_eq(wsp_copy_in(&dummy, &local, sizeof dummy), 0);   /* home stack known first */
    stack_t ss = { .ss_sp = mmap(NULL, 64 * 1024, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                   .ss_size = 64 * 1024, .ss_flags = 0 };
    ck_assert_ptr_ne(ss.ss_sp, MAP_FAILED);
    ck_assert_int_eq(sigaltstack(&ss, NULL), 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alt;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    ck_assert_int_eq(alt_result, 1);
}
END_TEST

/* seccomp refusing process_vm_readv/writev: stack copies still work, other
 * copies say ENOSYS (cannot tell) rather than guessing or faulting. */
static int deny_process_vm(void)
{
    struct sock_filter f[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_process_vm_readv, 2, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_process_vm_writev, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
    };
    struct sock_fprog prog = { sizeof f / sizeof f[0], f };
    return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
}

START_TEST(slow_path_refused_by_seccomp)
{
    ck_assert_int_eq(deny_process_vm(), 0);
    int local = 3, out = 0;
    static int statik = 4;
    ck_assert_int_eq(wsp_copy_in(&out, &local, sizeof out), 0);
    ck_assert_int_eq(out, 3);
    ck_assert_int_eq(wsp_copy_in(&out, &statik, sizeof out), ENOSYS);
    ck_assert_int_eq(wsp_copy_out(&statik, &out, sizeof out), ENOSYS);
    ck_assert_int_eq(statik, 4);
    ck_assert_int_eq(wsp_copy_in(&out, addr(0), sizeof out), EFAULT);
}
END_TEST

START_TEST(errno_preserved)
{
    static int statik = 1;
    int v;
    errno = 1234;
    wsp_copy_in(&v, &statik, sizeof v);
    wsp_copy_in(&v, addr(8192), sizeof v);
    ck_assert_int_eq(errno, 1234);
}
END_TEST

/* The shim copies each option value into SHIM_VALUE_MAX bytes of its own
 * before libwsp sees it: a row with a larger value must raise the limit. */
START_TEST(every_row_value_fits_the_shims_copy)
{
    for (size_t i = 0; i < wsp_opt_count(); i++) {
        const struct wsp_optrow *row = wsp_opt_at(i);
        if (row->nname >= 0 && !(row->flags & WSP_OPT_NO_POSIX))   /* reachable through the shim */
            ck_assert_msg(row->size <= SHIM_VALUE_MAX, "%s: %d bytes > SHIM_VALUE_MAX", row->wname_str, row->size);
    }
    ck_assert_int_ge(SHIM_VALUE_MAX, (int)sizeof(struct timeval));
}
END_TEST

int main(void)
{
    page = (size_t)sysconf(_SC_PAGESIZE);
    Suite *s = suite_create("safecopy");
    TCase *tc = tcase_create("copies");
    tcase_add_test(tc, null_and_first_page);
    tcase_add_test(tc, prot_none_and_unmapped);
    tcase_add_test(tc, guard_page_straddling);
    tcase_add_test(tc, read_only_is_readable_not_writable);
    tcase_add_test(tc, heap_and_static_memory_copy_both_ways);
    tcase_add_test(tc, own_stack_is_fast);
    tcase_add_test(tc, another_threads_stack);
    tcase_add_test(tc, on_a_sigaltstack);
    tcase_add_test(tc, slow_path_refused_by_seccomp);
    tcase_add_test(tc, errno_preserved);
    tcase_add_test(tc, every_row_value_fits_the_shims_copy);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

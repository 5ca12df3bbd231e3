/*
 * Descriptor lifecycle under libwspshim (LD_PRELOAD, enforce): what the shim
 * remembers about a socket must follow what the kernel really did with the
 * descriptor -- a close_range that failed, a number reused inside libc.
 * Issue 11, defects 3 and 5.  Kernel state is read with raw system calls,
 * which the shim cannot see.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

int wspshim_active(void);

static void preload_check(void)
{
    ck_assert_msg(wspshim_active() == 1, "libwspshim.so is not preloaded");
}

static int get_int(int fd, int level, int name, int *v)
{
    socklen_t len = sizeof *v;
    *v = -1;
    return getsockopt(fd, level, name, v, &len);
}

static int set_int(int fd, int level, int name, int v)
{
    return setsockopt(fd, level, name, &v, sizeof v);
}

/* SO_DONTROUTE on AF_INET is answered from the shim's state in enforce mode
 * (Windows accepts and ignores it; Linux would act on it): a value that
 * survives tells the state survived. */
START_TEST(failed_close_range_keeps_the_state_of_open_sockets)
{
    preload_check();
    int fd = socket(AF_INET, SOCK_STREAM, 0), v;
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(set_int(fd, SOL_SOCKET, SO_DONTROUTE, 1), 0);

    errno = 0;
    ck_assert_int_eq(close_range((unsigned)fd, (unsigned)fd, 0x80), -1);   /* unknown flag */
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(get_int(fd, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 1);

    errno = 0;
    ck_assert_int_eq(close_range((unsigned)fd + 1, (unsigned)fd, 0), -1);  /* first > last */
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(get_int(fd, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 1);

    /* CLOSE_RANGE_CLOEXEC closes nothing either */
    ck_assert_int_eq(close_range((unsigned)fd, (unsigned)fd, CLOSE_RANGE_CLOEXEC), 0);
    ck_assert_int_eq(get_int(fd, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 1);

    /* a close_range that does close forgets, and the number starts afresh */
    ck_assert_int_eq(close_range((unsigned)fd, (unsigned)fd, 0), 0);
    int again = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_eq(again, fd);
    ck_assert_int_eq(get_int(again, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 0);
    close(again);
}
END_TEST

/* libc closes the socket itself (fclose of an fdopen'ed socket) and hands
 * the number to a file (fopen): the shim saw neither.  Linux and Windows
 * both refuse socket options on a file; the state must not answer for it. */
START_TEST(state_of_a_socket_closed_inside_libc_does_not_answer_for_a_file)
{
    preload_check();
    int fd = socket(AF_INET, SOCK_STREAM, 0), v;
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(set_int(fd, SOL_SOCKET, SO_DONTROUTE, 1), 0);
    ck_assert_int_eq(get_int(fd, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 1);
    FILE *sf = fdopen(fd, "r+");
    ck_assert_ptr_nonnull(sf);
    fclose(sf);
    FILE *f = fopen("/proc/self/stat", "r");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fileno(f), fd);           /* the same number, now a file */

    errno = 0;
    ck_assert_int_eq(set_int(fd, SOL_SOCKET, SO_DONTROUTE, 1), -1);
    ck_assert_int_eq(errno, ENOTSOCK);
    errno = 0;
    ck_assert_int_eq(get_int(fd, SOL_SOCKET, SO_DONTROUTE, &v), -1);
    ck_assert_int_eq(errno, ENOTSOCK);
    struct linger l = { 1, 5 };
    socklen_t len = sizeof l;
    ck_assert_int_eq(getsockopt(fd, SOL_SOCKET, SO_LINGER, &l, &len), -1);
    ck_assert_int_eq(errno, ENOTSOCK);
    fclose(f);
}
END_TEST

/* The same with another socket taking the number behind the shim's back
 * (raw system calls): the answer is the new socket's, not the old state's. */
START_TEST(state_of_a_socket_replaced_behind_the_shims_back_is_not_the_new_sockets)
{
    preload_check();
    int fd = socket(AF_INET, SOCK_STREAM, 0), v;
    ck_assert_int_eq(set_int(fd, SOL_SOCKET, SO_DONTROUTE, 1), 0);
    ck_assert_int_eq(syscall(SYS_close, fd), 0);
    int again = (int)syscall(SYS_socket, AF_INET, SOCK_STREAM, 0);
    ck_assert_int_eq(again, fd);
    ck_assert_int_eq(get_int(again, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 0);
    ck_assert_int_eq(set_int(again, SOL_SOCKET, SO_DONTROUTE, 1), 0);
    ck_assert_int_eq(get_int(again, SOL_SOCKET, SO_DONTROUTE, &v), 0);
    ck_assert_int_eq(v, 1);
    close(again);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("lifecycle");
    TCase *t = tcase_create("lifecycle");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, failed_close_range_keeps_the_state_of_open_sockets);
    tcase_add_test(t, state_of_a_socket_closed_inside_libc_does_not_answer_for_a_file);
    tcase_add_test(t, state_of_a_socket_replaced_behind_the_shims_back_is_not_the_new_sockets);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}

/*
 * The descriptor -> state index at its edges (spi/sockstate.c covers
 * descriptors 0..1048575), without needing that many open descriptors: the
 * index takes any number, and a number beyond it is simply not tracked.
 * lifecycle_test.c does the same with real descriptors as high as
 * RLIMIT_NOFILE allows on the machine.
 */
#include "wsp_internal.h"

#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { INDEX_TOP = 1048575 };

START_TEST(index_tracks_up_to_its_top_and_ignores_numbers_beyond)
{
    uint32_t live = wsp_sock_live_count();
    struct wsp_sock *s = wsp_sock_adopt(INDEX_TOP, AF_INET, SOCK_STREAM, 0);
    ck_assert_ptr_nonnull(s);
    ck_assert_ptr_eq(wsp_sock_peek(INDEX_TOP), s);
    ck_assert_ptr_null(wsp_sock_adopt(INDEX_TOP + 1, AF_INET, SOCK_STREAM, 0));
    ck_assert_ptr_null(wsp_sock_adopt(INT_MAX, AF_INET, SOCK_STREAM, 0));
    ck_assert_ptr_null(wsp_sock_adopt(-1, AF_INET, SOCK_STREAM, 0));
    ck_assert_ptr_null(wsp_sock_peek(INDEX_TOP + 1));
    ck_assert_ptr_null(wsp_sock_peek(INT_MIN));

    /* aliases across the edge: to a number below it works, beyond is ignored */
    wsp_sock_alias_fd(INDEX_TOP, INDEX_TOP - 1);
    ck_assert_ptr_eq(wsp_sock_peek(INDEX_TOP - 1), s);
    wsp_sock_alias_fd(INDEX_TOP, INDEX_TOP + 1);
    ck_assert_ptr_null(wsp_sock_peek(INDEX_TOP + 1));
    wsp_sock_alias_fd(INDEX_TOP + 5, INDEX_TOP);      /* untracked source: the target is forgotten */
    ck_assert_ptr_null(wsp_sock_peek(INDEX_TOP));
    ck_assert_ptr_eq(wsp_sock_peek(INDEX_TOP - 1), s);

    /* a closefrom-style range to the end of the number space */
    wsp_sock_alias_fd(INDEX_TOP - 1, INDEX_TOP);
    wsp_sock_forget_range(INDEX_TOP - 1, UINT_MAX);
    ck_assert_ptr_null(wsp_sock_peek(INDEX_TOP - 1));
    ck_assert_ptr_null(wsp_sock_peek(INDEX_TOP));
    wsp_sock_forget_range(UINT_MAX - 1, UINT_MAX);
    wsp_sock_forget(INDEX_TOP + 1);
    ck_assert_uint_eq(wsp_sock_live_count(), live);

    /* a lookup for a number beyond the index is an error, not a crash */
    int wsa = 0;
    ck_assert_ptr_null(wsp_sock_get(INDEX_TOP + 1, &wsa));
    ck_assert_int_ne(wsa, 0);
    wsa = 0;
    ck_assert_ptr_null(wsp_sock_hold(INDEX_TOP + 1, &wsa));
    ck_assert_int_ne(wsa, 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sockstate");
    TCase *t = tcase_create("index");
    tcase_add_test(t, index_tracks_up_to_its_top_and_ignores_numbers_beyond);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}

/*
 * The report's line builder (shim/jsonline.c) and option names
 * (shim/optname.c), linked in directly.  With --dump, prints the names list
 * ("LEVEL NUMBER NAME" per line) for tests/optname_headers_test.py.
 */
#include "jsonline.h"
#include "shim.h"

#include <check.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

static const char *str(const char *s, size_t max, char *buf, size_t cap)
{
    struct jline j;
    jl_init(&j, buf, cap);
    jl_str(&j, s, max);
    size_t n = jl_finish(&j);
    ck_assert_uint_gt(n, 0);
    buf[n - 1] = '\0';          /* drop the newline */
    return buf;
}

START_TEST(strings_are_escaped)
{
    char b[256];
    ck_assert_str_eq(str("a\"b\\c", 100, b, sizeof b), "\"a\\\"b\\\\c\"");
    ck_assert_str_eq(str("\n\x01\x1f\x7f", 100, b, sizeof b), "\"\\u000a\\u0001\\u001f\\u007f\"");
    ck_assert_str_eq(str(NULL, 100, b, sizeof b), "null");
    ck_assert_str_eq(str("", 100, b, sizeof b), "\"\"");
}
END_TEST

START_TEST(utf8_is_kept_and_other_bytes_become_code_points)
{
    char b[256];
    ck_assert_str_eq(str("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 100, b, sizeof b),
                     "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
    /* a lone byte, a cut sequence, an overlong form, a surrogate, beyond U+10FFFF */
    ck_assert_str_eq(str("\xff", 100, b, sizeof b), "\"\\u00ff\"");
    ck_assert_str_eq(str("\xe2\x82", 100, b, sizeof b), "\"\\u00e2\\u0082\"");
    ck_assert_str_eq(str("\xc0\xaf", 100, b, sizeof b), "\"\\u00c0\\u00af\"");
    ck_assert_str_eq(str("\xed\xa0\x80", 100, b, sizeof b), "\"\\u00ed\\u00a0\\u0080\"");
    ck_assert_str_eq(str("\xf4\x90\x80\x80", 100, b, sizeof b), "\"\\u00f4\\u0090\\u0080\\u0080\"");
}
END_TEST

START_TEST(long_strings_keep_their_end_within_the_bound)
{
    char in[600], b[2048];
    memset(in, 'a', sizeof in);
    memcpy(in + sizeof in - 8, "/tail\xc3\xa9", 7);
    in[sizeof in - 1] = '\0';
    for (size_t max = 5; max < 700; max += 37) {
        const char *out = str(in, max, b, sizeof b);
        size_t n = strlen(out);
        ck_assert_uint_le(n, max + 2);                      /* the quotes are outside the bound */
        if (max < sizeof in)
            ck_assert(!strncmp(out, "\"...", 4));
        if (max >= 10)
            ck_assert(!strcmp(out + n - 8, "/tail\xc3\xa9\""));   /* never cut inside a sequence */
    }
    /* every byte escaped to 6: the cut falls between escapes */
    memset(in, '\x01', sizeof in - 1);
    const char *out = str(in, 100, b, sizeof b);
    ck_assert_uint_le(strlen(out), 102);
    ck_assert(!strncmp(out, "\"...\\u0001", 10));
}
END_TEST

START_TEST(a_line_that_does_not_fit_is_refused_whole)
{
    char b[16];
    struct jline j;
    jl_init(&j, b, sizeof b);
    jl_raw(&j, "{\"k\":");
    jl_str(&j, "0123456789", 100);
    jl_raw(&j, "}");
    ck_assert_uint_eq(jl_finish(&j), 0);
    jl_init(&j, b, sizeof b);
    jl_raw(&j, "{\"k\":");
    jl_int(&j, -2147483647 - 1);
    ck_assert_uint_eq(jl_finish(&j), 0);      /* 5 + 11 + 1 > 16 */
    jl_init(&j, b, sizeof b);
    jl_int(&j, -42);
    jl_hex(&j, 0xbeef);
    ck_assert_uint_eq(jl_finish(&j), 12);
    ck_assert(!memcmp(b, "-42\"0xbeef\"\n", 12));
}
END_TEST

START_TEST(options_are_named_by_their_row_first)
{
    char buf[40];
    int named;
    for (size_t i = 0; i < wsp_opt_count(); i++) {
        const struct wsp_optrow *r = wsp_opt_at(i);
        if (r->nname < 0 || (r->flags & WSP_OPT_NO_POSIX))
            continue;                                       /* not reached from a POSIX call */
        /* with the row or without it, a row's option is named by the row */
        ck_assert_ptr_eq(shim_option_name(r->nlevel, r->nname, r, buf, sizeof buf, &named), r->nname_str);
        ck_assert_ptr_eq(shim_option_name(r->nlevel, r->nname, NULL, buf, sizeof buf, &named), r->nname_str);
        ck_assert_int_eq(named, 1);
    }
}
END_TEST

START_TEST(options_without_a_row_are_named_and_unknown_ones_flagged)
{
    char buf[40], lbuf[16];
    int named;
    ck_assert_str_eq(shim_option_name(IPPROTO_IP, IP_OPTIONS, NULL, buf, sizeof buf, &named), "IP_OPTIONS");
    ck_assert_int_eq(named, 1);
    ck_assert_str_eq(shim_option_name(IPPROTO_TCP, 13 /* TCP_CONGESTION */, NULL, buf, sizeof buf, &named),
                     "TCP_CONGESTION");
    ck_assert_str_eq(shim_option_name(IPPROTO_IP, 4242, NULL, buf, sizeof buf, &named), "IPPROTO_IP:4242");
    ck_assert_int_eq(named, 0);
    ck_assert_str_eq(shim_option_name(7777, -3, NULL, buf, sizeof buf, &named), "7777:-3");
    ck_assert_int_eq(named, 0);
    ck_assert_str_eq(shim_level_name(IPPROTO_RAW, lbuf, sizeof lbuf), "SOL_RAW");
}
END_TEST

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--dump")) {
        for (size_t i = 0; i < shim_optname_count(); i++) {
            int level, name;
            const char *s;
            shim_optname_at(i, &level, &name, &s);
            printf("%d %d %s\n", level, name, s);
        }
        return 0;
    }
    Suite *s = suite_create("report_format");
    TCase *t = tcase_create("report_format");
    tcase_add_test(t, strings_are_escaped);
    tcase_add_test(t, utf8_is_kept_and_other_bytes_become_code_points);
    tcase_add_test(t, long_strings_keep_their_end_within_the_bound);
    tcase_add_test(t, a_line_that_does_not_fit_is_refused_whole);
    tcase_add_test(t, options_are_named_by_their_row_first);
    tcase_add_test(t, options_without_a_row_are_named_and_unknown_ones_flagged);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}

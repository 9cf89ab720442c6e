/*
 * frozen: what tools/freeze_matchers.c froze into the library at build
 * time (frozen.h) must be what a run would otherwise build — each shipped
 * pattern — and must be refused when damaged.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "framelint/framelint.h"
#include "frozen.h"
#include "ruleset.h"

static void *dup_mem(const void *p, size_t n)
{
    void *q = malloc(n ? n : 1);
    ck_assert_ptr_nonnull(q);
    memcpy(q, p, n);
    return q;
}

/* Every frozen pattern is, byte for byte, what PCRE2 compiles from its
 * pattern and options here; the rules that use one decode it. */
START_TEST(frozen_patterns_equal_compiled_ones)
{
    ck_assert_uint_gt(fl__frozen.npatterns, 20);
    for (size_t i = 0; i < fl__frozen.npatterns; i++) {
        const fl_frozen_pattern *p = &fl__frozen.patterns[i];
        int code = 0;
        PCRE2_SIZE where = 0;
        pcre2_code *re = pcre2_compile((PCRE2_SPTR)p->pattern, PCRE2_ZERO_TERMINATED,
                                       p->options, &code, &where, NULL);
        ck_assert_ptr_nonnull(re);
        const pcre2_code *codes[1] = {re};
        uint8_t *bytes = NULL;
        PCRE2_SIZE size = 0;
        ck_assert_int_eq(pcre2_serialize_encode(codes, 1, &bytes, &size, NULL), 1);
        ck_assert_uint_eq(size, p->len);
        ck_assert_mem_eq(bytes, p->code, size);
        ck_assert_uint_eq(fl__frozen_sum(0, p->code, p->len), p->sum);
        pcre2_serialize_free(bytes);
        pcre2_code_free(re);
        if (i) { /* sorted, as the library searches them */
            const fl_frozen_pattern *q = &fl__frozen.patterns[i - 1];
            int c = strcmp(q->pattern, p->pattern);
            ck_assert(c < 0 || (c == 0 && q->options < p->options));
        }
    }
}
END_TEST

/* A damaged pattern is FL_ESYNTAX when the rules are loaded. */
START_TEST(frozen_pattern_damage_is_an_error)
{
    size_t n = fl__frozen.npatterns;
    fl_frozen_pattern *patterns = dup_mem(fl__frozen.patterns, n * sizeof *patterns);
    unsigned char **bytes = calloc(n, sizeof *bytes);
    ck_assert_ptr_nonnull(bytes);
    for (size_t i = 0; i < n; i++) {
        bytes[i] = dup_mem(patterns[i].code, patterns[i].len);
        bytes[i][patterns[i].len - 1] ^= 0x40;
        patterns[i].code = bytes[i];
    }
    fl_frozen set = {patterns, n};
    fl_ruleset *rs = NULL;
    fl_error err = FL_ERROR_INIT;
    ck_assert_int_eq(fl_ruleset_new(&rs, NULL, NULL), FL_OK);
    rs->frozen = &set;
    ck_assert_int_eq(fl_ruleset_add_default_language(rs, "en", &err), FL_ESYNTAX);
    char msg[512];
    fl_error_format(&err, msg, sizeof msg);
    ck_assert_msg(strstr(msg, "pattern of rule") && strstr(msg, "is damaged"), "%s", msg);
    fl_ruleset_free(rs);
    for (size_t i = 0; i < n; i++)
        free(bytes[i]);
    free(bytes);
    free(patterns);
}
END_TEST

Suite *suite_frozen(void)
{
    Suite *s = suite_create("frozen");
    TCase *tc = tcase_create("patterns");
    tcase_add_test(tc, frozen_patterns_equal_compiled_ones);
    tcase_add_test(tc, frozen_pattern_damage_is_an_error);
    suite_add_tcase(s, tc);
    return s;
}

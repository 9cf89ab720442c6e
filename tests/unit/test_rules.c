/*
 * rules: every shipped rule proves itself. Each rule's `examples.flag` texts
 * must get a finding of that rule and its `examples.pass` texts must not; a
 * rule without at least three of each fails too (issue #3's bar). All
 * failures are listed at once, so one run shows everything to fix.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "framelint/framelint.h"

static int flags_rule(const fl_ruleset *rs, const fl_rule *rule, const char *text)
{
    fl_document *doc = NULL;
    fl_findings *f = NULL;
    fl_lint_options opts = FL_LINT_OPTIONS_INIT;
    opts.language = fl_rule_language(rule);
    ck_assert_int_eq(fl_document_new(&doc, NULL, "example.md", text, strlen(text),
                                     FL_FORMAT_MARKDOWN, NULL), FL_OK);
    ck_assert_int_eq(fl_lint(&f, rs, doc, &opts, NULL), FL_OK);
    int found = 0;
    for (size_t i = 0; i < fl_findings_count(f); i++)
        found |= fl_finding_rule(fl_findings_at(f, i)) == rule;
    fl_findings_free(f);
    fl_document_free(doc);
    return found;
}

static void report(char *out, size_t size, size_t *used, const char *id,
                   const char *what, const char *text)
{
    if (*used < size)
        *used += (size_t)snprintf(out + *used, size - *used, "\n  %s: %s%s", id,
                                  what, text);
}

START_TEST(every_default_rule_passes_its_own_examples)
{
    fl_ruleset *rs = NULL;
    fl_error err = FL_ERROR_INIT;
    ck_assert_int_eq(fl_ruleset_new(&rs, NULL, &err), FL_OK);
    char msg[512];
    int error = fl_ruleset_add_defaults(rs, &err);
    if (error == 0)
        error = fl_ruleset_compile(rs, &err);
    fl_error_format(&err, msg, sizeof msg);
    ck_assert_msg(error == FL_OK, "%s", msg);
    ck_assert_uint_gt(fl_ruleset_count(rs), 0);
    static char failures[65536];
    size_t used = 0, nfail = 0;
    failures[0] = '\0';
    for (size_t i = 0; i < fl_ruleset_count(rs); i++) {
        const fl_rule *r = fl_ruleset_at(rs, i);
        for (int flag = 0; flag <= 1; flag++) {
            if (fl_rule_example_count(r, flag) < 3) {
                report(failures, sizeof failures, &used, fl_rule_id(r),
                       flag ? "fewer than three flag examples" : "fewer than three pass examples",
                       "");
                nfail++;
            }
            for (size_t k = 0; k < fl_rule_example_count(r, flag); k++) {
                const char *text = fl_rule_example(r, flag, k);
                if (flags_rule(rs, r, text) != flag) {
                    report(failures, sizeof failures, &used, fl_rule_id(r),
                           flag ? "not flagged: " : "flagged: ", text);
                    nfail++;
                }
            }
        }
    }
    fl_ruleset_free(rs);
    ck_assert_msg(nfail == 0, "%zu rule example(s) fail:%s", nfail, failures);
}
END_TEST

Suite *suite_rules(void)
{
    Suite *s = suite_create("rules");
    TCase *tc = tcase_create("examples");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, every_default_rule_passes_its_own_examples);
    suite_add_tcase(s, tc);
    return s;
}

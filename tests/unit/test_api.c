/*
 * api: the status codes framelint.h promises, provoked. Each case calls an
 * exported function so that it fails, checks the code it returns, that the
 * same code comes back without an fl_error, and that the function's comment
 * in framelint.h names that code: a code a function returns but does not
 * document fails here (tests/api/error_docs.py checks the other way, that
 * every fallible function documents its codes at all).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "framelint/framelint.h"
#include "helpers.h"

/* --- the header's comments -------------------------------------------------------- */

static char *header;

static void load_header(void)
{
    size_t len;
    header = read_test_file(FL_SOURCE_DIR "/include/framelint/framelint.h", &len);
    ck_assert_ptr_nonnull(header);
}

static void free_header(void)
{
    free(header);
    header = NULL;
}

static const char *code_name(int code)
{
    switch (code) {
    case FL_ERROR: return "FL_ERROR";
    case FL_ENOMEM: return "FL_ENOMEM";
    case FL_EIO: return "FL_EIO";
    case FL_EINVAL: return "FL_EINVAL";
    case FL_EUTF8: return "FL_EUTF8";
    case FL_ESYNTAX: return "FL_ESYNTAX";
    case FL_ESCHEMA: return "FL_ESCHEMA";
    case FL_EREGEX: return "FL_EREGEX";
    case FL_ELIMIT: return "FL_ELIMIT";
    default: return "?";
    }
}

/* Nonzero if the comment right above `fn`'s declaration names `code`. */
static int documented(const char *fn, int code)
{
    char decl[96];
    snprintf(decl, sizeof decl, "%s(", fn);
    /* The declaration: the line that starts with FL_EXPORT and names it
     * (comments mention functions too, "calling fl_lint()"). */
    const char *line = NULL;
    for (const char *at = strstr(header, decl); at && !line; at = strstr(at + 1, decl)) {
        const char *l = at;
        while (l > header && l[-1] != '\n')
            l--;
        if (!strncmp(l, "FL_EXPORT ", 10) && (at[-1] == ' ' || at[-1] == '*'))
            line = l;
    }
    ck_assert_msg(line != NULL, "%s is not declared in framelint.h", fn);
    const char *end = line;
    while (end > header && (end[-1] == '\n' || end[-1] == ' '))
        end--;
    ck_assert_msg(end - header >= 2 && end[-1] == '/' && end[-2] == '*',
                  "%s has no comment right above it", fn);
    const char *start = end - 2;
    while (start > header && !(start[0] == '/' && start[1] == '*'))
        start--;
    const char *name = code_name(code);
    size_t n = strlen(name);
    for (const char *p = start; p + n <= end; p++) {
        char next = p[n];
        if (!memcmp(p, name, n) && !(next == '_' || (next >= 'A' && next <= 'Z')))
            return 1;
    }
    return 0;
}

/* `call` returns `code`, and `fn`'s comment says it may. */
#define EXPECT(fn, code, call)                                                  \
    do {                                                                        \
        int got_ = (call);                                                      \
        ck_assert_msg(got_ == (code), "%s returned %s (%d), expected %s", fn,   \
                      code_name(got_), got_, code_name(code));                  \
        ck_assert_msg(documented(fn, code), "%s returns %s, which its comment " \
                      "in framelint.h does not list", fn, code_name(code));     \
    } while (0)

static const char rules[] = "ruleset: t\nlanguage: en\nguidance: terminology\nrules:\n"
                            "  - id: r\n    kind: term\n    category: c\n"
                            "    severity: warning\n    message: m\n"
                            "    explain: A rule for tests.\n"
                            "    terms:\n      - match: swarm\n        suggest: [crowd]\n";

static fl_ruleset *compiled(void)
{
    fl_ruleset *rs = NULL;
    ck_assert_int_eq(fl_ruleset_new(&rs, NULL, NULL), FL_OK);
    ck_assert_int_eq(fl_ruleset_add_buffer(rs, "t.yml", rules, strlen(rules), NULL), FL_OK);
    ck_assert_int_eq(fl_ruleset_compile(rs, NULL), FL_OK);
    return rs;
}

static int failing_write(void *payload, const char *data, size_t len)
{
    return FL_EIO;
}

static int ok_write(void *payload, const char *data, size_t len)
{
    return FL_OK;
}

/* --- rules ------------------------------------------------------------------------ */

START_TEST(ruleset_codes_are_documented)
{
    fl_error err = FL_ERROR_INIT;
    EXPECT("fl_ruleset_new", FL_EINVAL, fl_ruleset_new(NULL, NULL, &err));
    fl_ruleset *rs = NULL;
    ck_assert_int_eq(fl_ruleset_new(&rs, NULL, NULL), FL_OK);
    EXPECT("fl_ruleset_add_default_language", FL_EINVAL,
           fl_ruleset_add_default_language(rs, "", NULL));
    EXPECT("fl_ruleset_add_buffer", FL_EINVAL, fl_ruleset_add_buffer(rs, "x", NULL, 3, NULL));
    EXPECT("fl_ruleset_add_buffer", FL_ESYNTAX,
           fl_ruleset_add_buffer(rs, "x", "a: [", 4, NULL));
    EXPECT("fl_ruleset_add_buffer", FL_ESYNTAX,
           fl_ruleset_add_buffer(rs, "x", "a: \xff\n", 5, NULL));
    EXPECT("fl_ruleset_add_buffer", FL_ESCHEMA,
           fl_ruleset_add_buffer(rs, "x", "bogus: 1\n", 9, NULL));
    EXPECT("fl_ruleset_add_buffer", FL_ELIMIT,
           fl_ruleset_add_buffer(rs, "x", "a: &x 1\nb: *x\n", 14, NULL));
    EXPECT("fl_ruleset_add_path", FL_EIO, fl_ruleset_add_path(rs, NULL, NULL));
    EXPECT("fl_ruleset_add_path", FL_EIO,
           fl_ruleset_add_path(rs, FL_SOURCE_DIR "/no/such/rules.yml", NULL));
    ck_assert_int_eq(fl_ruleset_add_default_language(rs, "en", NULL), FL_OK);
    EXPECT("fl_ruleset_add_default_language", FL_ESCHEMA,
           fl_ruleset_add_default_language(rs, "en", NULL));
    EXPECT("fl_ruleset_add_defaults", FL_ESCHEMA, fl_ruleset_add_defaults(rs, NULL));
    EXPECT("fl_ruleset_set_severity", FL_EINVAL,
           fl_ruleset_set_severity(rs, "", FL_SEVERITY_ERROR, NULL));
    EXPECT("fl_ruleset_set_severity", FL_EINVAL,
           fl_ruleset_set_severity(rs, "no-such-rule", FL_SEVERITY_ERROR, NULL));
    EXPECT("fl_ruleset_set_severity", FL_EINVAL,
           fl_ruleset_set_severity(rs, "*", (fl_severity)9, NULL));
    EXPECT("fl_ruleset_allow", FL_EINVAL, fl_ruleset_allow(rs, "", NULL));
    EXPECT("fl_ruleset_add_name", FL_EINVAL, fl_ruleset_add_name(NULL, "x", NULL));
    EXPECT("fl_ruleset_compile", FL_EINVAL, fl_ruleset_compile(NULL, NULL));
    ck_assert_int_eq(fl_ruleset_compile(rs, NULL), FL_OK);
    EXPECT("fl_ruleset_compile", FL_EINVAL, fl_ruleset_compile(rs, NULL));
    EXPECT("fl_ruleset_add_defaults", FL_EINVAL, fl_ruleset_add_defaults(rs, NULL));
    EXPECT("fl_ruleset_add_buffer", FL_EINVAL,
           fl_ruleset_add_buffer(rs, "t.yml", rules, strlen(rules), NULL));
    EXPECT("fl_ruleset_allow", FL_EINVAL, fl_ruleset_allow(rs, "crowd", NULL));
    fl_ruleset_free(rs);

    const char unknown_list[] = "ruleset: u\nlanguage: en\nguidance: terminology\nrules:\n"
                                "  - id: r\n    kind: proximity\n    category: c\n"
                                "    severity: warning\n    message: m\n"
                                "    explain: A rule for tests.\n"
                                "    near: [nowhere, nothing]\n    within: 3\n";
    ck_assert_int_eq(fl_ruleset_new(&rs, NULL, NULL), FL_OK);
    ck_assert_int_eq(fl_ruleset_add_buffer(rs, "u.yml", unknown_list, strlen(unknown_list),
                                           NULL), FL_OK);
    EXPECT("fl_ruleset_compile", FL_ESCHEMA, fl_ruleset_compile(rs, NULL));
    fl_ruleset_free(rs);
}
END_TEST

/* Allowed words and names are copied: an allocation that fails is
 * FL_ENOMEM, and the ruleset stays usable. */
START_TEST(ruleset_copies_fail_with_enomem)
{
    const char *fns[] = {"fl_ruleset_allow", "fl_ruleset_add_name"};
    for (int k = 0; k < 2; k++) {
        fail_alloc probe;
        fail_alloc_init(&probe, 0);
        fl_ruleset *rs = NULL;
        ck_assert_int_eq(fl_ruleset_new(&rs, &probe.base, NULL), FL_OK);
        size_t made = probe.calls;
        fl_ruleset_free(rs);
        fail_alloc fa;
        fail_alloc_init(&fa, made + 1);
        ck_assert_int_eq(fl_ruleset_new(&rs, &fa.base, NULL), FL_OK);
        fl_error err = FL_ERROR_INIT;
        EXPECT(fns[k], FL_ENOMEM, k ? fl_ruleset_add_name(rs, "Invasion Day", &err)
                                    : fl_ruleset_allow(rs, "influx", &err));
        ck_assert_int_eq(err.code, FL_ENOMEM);
        ck_assert_int_eq(k ? fl_ruleset_add_name(rs, "Invasion Day", NULL)
                           : fl_ruleset_allow(rs, "influx", NULL), FL_OK);
        fl_ruleset_free(rs);
        ck_assert_int_eq(fa.live, 0);
    }
}
END_TEST

/* --- documents, linting, fixing ------------------------------------------------ */

START_TEST(document_and_lint_codes_are_documented)
{
    fl_document *doc = NULL;
    EXPECT("fl_document_new", FL_EINVAL,
           fl_document_new(NULL, NULL, "a.txt", "abc", 3, FL_FORMAT_AUTO, NULL));
    EXPECT("fl_document_new", FL_EINVAL,
           fl_document_new(&doc, NULL, "a.txt", NULL, 3, FL_FORMAT_AUTO, NULL));
    EXPECT("fl_document_new", FL_EINVAL,
           fl_document_new(&doc, NULL, "a.txt", "abc", 3, (fl_format)42, NULL));
    EXPECT("fl_document_new", FL_ELIMIT,
           fl_document_new(&doc, NULL, "a.txt", "abc", FL_MAX_DOCUMENT_BYTES + 1,
                           FL_FORMAT_AUTO, NULL));
    EXPECT("fl_document_new", FL_ESYNTAX,
           fl_document_new(&doc, NULL, "a.docx", "not a zip", 9, FL_FORMAT_AUTO, NULL));
    EXPECT("fl_document_adopt", FL_EINVAL,
           fl_document_adopt(NULL, NULL, "a.txt", NULL, 0, FL_FORMAT_AUTO, NULL));
    ck_assert_ptr_null(doc);

    fl_ruleset *rs = compiled(), *raw = NULL;
    ck_assert_int_eq(fl_document_new(&doc, NULL, "a.txt", "A swarm.", 8, FL_FORMAT_AUTO, NULL),
                     FL_OK);
    fl_findings *f = NULL;
    EXPECT("fl_lint", FL_EINVAL, fl_lint(NULL, rs, doc, NULL, NULL));
    ck_assert_int_eq(fl_ruleset_new(&raw, NULL, NULL), FL_OK);
    EXPECT("fl_lint", FL_EINVAL, fl_lint(&f, raw, doc, NULL, NULL));
    fl_lint_options bad = FL_LINT_OPTIONS_INIT;
    bad.version = 99;
    EXPECT("fl_lint", FL_EINVAL, fl_lint(&f, rs, doc, &bad, NULL));
    fl_place pl;
    EXPECT("fl_document_place", FL_EINVAL, fl_document_place(NULL, doc, 0, 1));
    EXPECT("fl_document_place", FL_EINVAL, fl_document_place(&pl, NULL, 0, 1));
    fl_position pos;
    EXPECT("fl_document_position", FL_EINVAL, fl_document_position(&pos, NULL, 0));
    EXPECT("fl_document_index", FL_EINVAL, fl_document_index(NULL, NULL));

    ck_assert_int_eq(fl_lint(&f, rs, doc, NULL, NULL), FL_OK);
    ck_assert_uint_eq(fl_findings_count(f), 1);
    fl_sink bad_sink = {failing_write, NULL}, no_sink = {NULL, NULL};
    fl_error err = FL_ERROR_INIT;
    EXPECT("fl_fix", FL_EIO, fl_fix(NULL, doc, f, bad_sink, &err));
    EXPECT("fl_fix", FL_EIO, fl_fix(NULL, doc, f, bad_sink, NULL));
    EXPECT("fl_fix", FL_EINVAL, fl_fix(NULL, NULL, f, bad_sink, NULL));
    EXPECT("fl_fix", FL_EINVAL, fl_fix(NULL, doc, f, no_sink, NULL));
    EXPECT("fl_fix_diff", FL_EIO, fl_fix_diff(NULL, doc, f, "a.txt", bad_sink, NULL));
    EXPECT("fl_fix_diff", FL_EINVAL, fl_fix_diff(NULL, doc, NULL, "a.txt", bad_sink, NULL));
    EXPECT("fl_fix_finding", FL_EIO, fl_fix_finding(NULL, doc, f, 0, 0, bad_sink, NULL));
    EXPECT("fl_fix_finding", FL_EINVAL, fl_fix_finding(NULL, doc, f, 1, 0, bad_sink, NULL));
    EXPECT("fl_fix_finding", FL_EINVAL, fl_fix_finding(NULL, doc, f, 0, 5, bad_sink, NULL));
    fl_findings_free(f);
    fl_document_free(doc);
    fl_ruleset_free(raw);
    fl_ruleset_free(rs);
}
END_TEST

/* --- reporting ---------------------------------------------------------------- */

START_TEST(reporter_codes_are_documented)
{
    fl_report_format fmt;
    EXPECT("fl_report_format_parse", FL_EINVAL, fl_report_format_parse(&fmt, "pdf"));
    EXPECT("fl_report_format_parse", FL_EINVAL, fl_report_format_parse(&fmt, NULL));
    EXPECT("fl_report_format_parse", FL_EINVAL, fl_report_format_parse(NULL, "text"));
    fl_sink bad_sink = {failing_write, NULL}, good = {ok_write, NULL};
    fl_reporter *r = NULL;
    EXPECT("fl_reporter_new", FL_EINVAL,
           fl_reporter_new(&r, NULL, (fl_report_format)0, 0, good, NULL));
    EXPECT("fl_reporter_new", FL_EINVAL,
           fl_reporter_new(&r, NULL, FL_REPORT_GNU, 0, (fl_sink){NULL, NULL}, NULL));
    EXPECT("fl_reporter_finish", FL_EINVAL, fl_reporter_finish(NULL, NULL));

    fl_ruleset *rs = compiled();
    fl_document *doc = NULL;
    fl_findings *f = NULL;
    ck_assert_int_eq(fl_document_new(&doc, NULL, "a.txt", "A swarm.", 8, FL_FORMAT_AUTO, NULL),
                     FL_OK);
    ck_assert_int_eq(fl_lint(&f, rs, doc, NULL, NULL), FL_OK);
    ck_assert_int_eq(fl_reporter_new(&r, NULL, FL_REPORT_JSON, 0, bad_sink, NULL), FL_OK);
    EXPECT("fl_reporter_add", FL_EINVAL, fl_reporter_add(r, NULL, f, NULL, NULL));
    EXPECT("fl_reporter_add_record", FL_EINVAL,
           fl_reporter_add_record(r, doc, NULL, NULL, "7", NULL));
    EXPECT("fl_reporter_add", FL_EIO, fl_reporter_add(r, doc, f, NULL, NULL));
    EXPECT("fl_reporter_add_record", FL_EIO, fl_reporter_add_record(r, doc, f, NULL, "7", NULL));
    EXPECT("fl_reporter_finish", FL_EIO, fl_reporter_finish(r, NULL));
    fl_reporter_free(r);
    fl_findings_free(f);
    fl_document_free(doc);
    fl_ruleset_free(rs);
}
END_TEST

/* --- configuration -------------------------------------------------------------- */

START_TEST(config_codes_are_documented)
{
    fl_config *cfg = NULL;
    EXPECT("fl_config_parse", FL_EINVAL, fl_config_parse(NULL, NULL, "c.yml", "", 0, NULL));
    EXPECT("fl_config_parse", FL_EINVAL, fl_config_parse(&cfg, NULL, "c.yml", NULL, 3, NULL));
    EXPECT("fl_config_parse", FL_ESYNTAX, fl_config_parse(&cfg, NULL, "c.yml", "a: [", 4, NULL));
    EXPECT("fl_config_parse", FL_ESCHEMA,
           fl_config_parse(&cfg, NULL, "c.yml", "colour: red\n", 12, NULL));
    EXPECT("fl_config_parse", FL_ELIMIT,
           fl_config_parse(&cfg, NULL, "c.yml", "a: &x 1\nb: *x\n", 14, NULL));
    EXPECT("fl_config_load", FL_EIO,
           fl_config_load(&cfg, NULL, FL_SOURCE_DIR "/no/such/.framelint.yml", NULL));
    EXPECT("fl_config_load", FL_EIO, fl_config_load(&cfg, NULL, NULL, NULL));

    const char text[] = "rules:\n  no-such-rule: off\n";
    ck_assert_int_eq(fl_config_parse(&cfg, NULL, "c.yml", text, sizeof text - 1, NULL), FL_OK);
    fl_ruleset *rs = NULL;
    ck_assert_int_eq(fl_ruleset_new(&rs, NULL, NULL), FL_OK);
    EXPECT("fl_config_apply", FL_EINVAL, fl_config_apply(NULL, rs, NULL));
    EXPECT("fl_config_apply", FL_EINVAL, fl_config_apply(cfg, NULL, NULL));
    EXPECT("fl_config_apply", FL_EINVAL, fl_config_apply(cfg, rs, NULL));
    fl_config_free(cfg);
    const char missing[] = "rule-files: [no/such/rules.yml]\n";
    ck_assert_int_eq(fl_config_parse(&cfg, NULL, "c.yml", missing, sizeof missing - 1, NULL),
                     FL_OK);
    EXPECT("fl_config_apply", FL_EIO, fl_config_apply(cfg, rs, NULL));
    fl_config_free(cfg);
    fl_ruleset_free(rs);
}
END_TEST

/* The check itself: a code the comment does not name is caught. */
START_TEST(documented_tells_listed_codes_from_others)
{
    ck_assert(documented("fl_ruleset_allow", FL_ENOMEM));
    ck_assert(!documented("fl_ruleset_allow", FL_EIO));
    ck_assert(!documented("fl_ruleset_set_severity", FL_ENOMEM));
    ck_assert(documented("fl_document_position", FL_EINVAL));
    ck_assert(!documented("fl_document_position", FL_ERROR)); /* FL_ERROR_INIT is not it */
}
END_TEST

Suite *suite_api(void)
{
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("status codes");
    tcase_add_unchecked_fixture(tc, load_header, free_header);
    tcase_add_test(tc, documented_tells_listed_codes_from_others);
    tcase_add_test(tc, ruleset_codes_are_documented);
    tcase_add_test(tc, ruleset_copies_fail_with_enomem);
    tcase_add_test(tc, document_and_lint_codes_are_documented);
    tcase_add_test(tc, reporter_codes_are_documented);
    tcase_add_test(tc, config_codes_are_documented);
    suite_add_tcase(s, tc);
    return s;
}

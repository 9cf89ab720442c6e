/*
 * suppress: inline directives in Markdown, HTML and plain text, through
 * fl_lint. Two small rulesets with three rules in two categories let each
 * test say exactly which findings survive, and on which line.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "framelint/framelint.h"

#define TERM_RULE(id, category, word)                                          \
    "  - id: " id "\n    kind: term\n    category: " category "\n"             \
    "    message: A test finding.\n    explain: A rule for tests.\n"           \
    "    terms:\n      - match: [" word "]\n"

/* a.one (cat-x) flags "alpha", a.two (cat-y) "beta", b.three (cat-x) "gamma". */
static const char rules_a[] = "ruleset: a\nlanguage: en\nguidance: terminology\nrules:\n"
    TERM_RULE("one", "cat-x", "alpha") TERM_RULE("two", "cat-y", "beta");
static const char rules_b[] = "ruleset: b\nlanguage: en\nguidance: terminology\nrules:\n"
    TERM_RULE("three", "cat-x", "gamma");

static fl_ruleset *rules(void)
{
    fl_ruleset *rs = NULL;
    ck_assert_int_eq(fl_ruleset_new(&rs, NULL, NULL), FL_OK);
    ck_assert_int_eq(fl_ruleset_add_buffer(rs, "a.yml", rules_a, strlen(rules_a), NULL),
                     FL_OK);
    ck_assert_int_eq(fl_ruleset_add_buffer(rs, "b.yml", rules_b, strlen(rules_b), NULL),
                     FL_OK);
    ck_assert_int_eq(fl_ruleset_compile(rs, NULL), FL_OK);
    return rs;
}

/* `text` linted with rules(), its format from `path`. */
typedef struct linted {
    fl_ruleset *rs;
    fl_document *doc;
    fl_findings *f;
} linted;

static linted lint_of(const char *path, const char *text)
{
    linted l = {rules(), NULL, NULL};
    ck_assert_int_eq(fl_document_new(&l.doc, NULL, path, text, strlen(text),
                                     FL_FORMAT_AUTO, NULL), FL_OK);
    ck_assert_int_eq(fl_lint(&l.f, l.rs, l.doc, NULL, NULL), FL_OK);
    return l;
}

static void linted_free(linted *l)
{
    fl_findings_free(l->f);
    fl_document_free(l->doc);
    fl_ruleset_free(l->rs);
}

/* The findings of `text` (format from `path`) as "rule:line …". */
static const char *found(const char *path, const char *text, char *buf, size_t size)
{
    linted l = lint_of(path, text);
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < fl_findings_count(l.f) && used < size; i++) {
        const fl_finding *x = fl_findings_at(l.f, i);
        fl_position p;
        ck_assert_int_eq(fl_document_position(&p, l.doc, fl_finding_offset(x)), FL_OK);
        used += (size_t)snprintf(buf + used, size - used, "%s%s:%u", i ? " " : "",
                                 fl_rule_id(fl_finding_rule(x)), p.line);
    }
    linted_free(&l);
    return buf;
}

#define ASSERT_FOUND(path, text, expected)                                     \
    do {                                                                       \
        char buf_[1024];                                                       \
        ck_assert_str_eq(found((path), (text), buf_, sizeof buf_), (expected)); \
    } while (0)

/* --- the three directives, in each format --------------------------------------- */

START_TEST(markdown_disable_until_enable)
{
    ASSERT_FOUND("d.md",
                 "alpha beta\n\n"
                 "<!-- framelint-disable a.one -->\n\n"
                 "alpha beta\n\n"
                 "<!-- framelint-enable -->\n\n"
                 "alpha beta\n",
                 "a.one:1 a.two:1 a.two:5 a.one:9 a.two:9");
}
END_TEST

START_TEST(markdown_disable_without_enable_runs_to_the_end)
{
    ASSERT_FOUND("d.md", "alpha\n\n<!-- framelint-disable -->\n\nalpha beta\n\ngamma\n",
                 "a.one:1");
}
END_TEST

START_TEST(next_line_covers_only_the_next_line)
{
    ASSERT_FOUND("d.md",
                 "<!-- framelint-disable-next-line a.two -->\n"
                 "alpha beta\n"
                 "alpha beta\n",
                 "a.one:2 a.one:3 a.two:3");
}
END_TEST

START_TEST(inline_comment_in_a_paragraph_is_a_directive)
{
    ASSERT_FOUND("d.md", "alpha <!-- framelint-disable --> beta\n\ngamma\n", "a.one:1");
}
END_TEST

START_TEST(html_comments_are_directives)
{
    ASSERT_FOUND("d.html",
                 "<p>alpha beta</p>\n"
                 "<!-- framelint-disable a.two -->\n"
                 "<p>alpha beta</p>\n"
                 "<!--framelint-enable-->\n"
                 "<!-- framelint-disable-next-line -->\n"
                 "<p>gamma</p>\n"
                 "<p>beta</p>\n",
                 "a.one:1 a.two:1 a.one:3 a.two:7");
}
END_TEST

START_TEST(plain_text_directive_lines)
{
    ASSERT_FOUND("d.txt",
                 "alpha beta\n"
                 "framelint-disable a.one\n"
                 "alpha beta\n"
                 "# framelint-enable\n"
                 "// framelint-disable-next-line a.two\n"
                 "alpha beta\n"
                 "<!-- framelint-disable-next-line -->\n"
                 "gamma\n"
                 "gamma\n",
                 "a.one:1 a.two:1 a.two:3 a.one:6 b.three:9");
}
END_TEST

/* A line that only mentions a keyword is text: it is linted, not obeyed. */
START_TEST(plain_text_keyword_inside_a_sentence_is_text)
{
    ASSERT_FOUND("d.txt", "Write framelint-disable to mute alpha.\nbeta\n",
                 "a.one:1 a.two:2");
    ASSERT_FOUND("d.txt", "framelint-disabled alpha\nbeta\n", "a.one:1 a.two:2");
}
END_TEST

/* --- selectors ------------------------------------------------------------------ */

START_TEST(selector_full_rule_id)
{
    ASSERT_FOUND("d.md", "<!-- framelint-disable b.three -->\n\nalpha beta gamma\n",
                 "a.one:3 a.two:3");
}
END_TEST

START_TEST(selector_ruleset_name)
{
    ASSERT_FOUND("d.md", "<!-- framelint-disable a -->\n\nalpha beta gamma\n",
                 "b.three:3");
}
END_TEST

START_TEST(selector_category)
{
    ASSERT_FOUND("d.md", "<!-- framelint-disable cat-x -->\n\nalpha beta gamma\n",
                 "a.two:3");
}
END_TEST

START_TEST(several_selectors_with_commas_and_spaces)
{
    ASSERT_FOUND("d.md", "<!-- framelint-disable a.one, b.three -->\n\nalpha beta gamma\n",
                 "a.two:3");
    ASSERT_FOUND("d.md", "<!-- framelint-disable a.one,a.two -->\n\nalpha beta gamma\n",
                 "b.three:3");
    ASSERT_FOUND("d.md", "<!-- framelint-disable a.two  b.three -->\n\nalpha beta gamma\n",
                 "a.one:3");
}
END_TEST

START_TEST(no_selector_means_every_rule)
{
    ASSERT_FOUND("d.md", "<!-- framelint-disable -->\n\nalpha beta gamma\n", "");
}
END_TEST

START_TEST(unknown_selector_matches_nothing)
{
    ASSERT_FOUND("d.md", "<!-- framelint-disable no.such-rule -->\n\nalpha beta gamma\n",
                 "a.one:3 a.two:3 b.three:3");
}
END_TEST

/* --- enable inside a wider disable --------------------------------------------- */

START_TEST(enable_one_rule_inside_a_disable_of_all)
{
    ASSERT_FOUND("d.md",
                 "<!-- framelint-disable -->\n\n"
                 "alpha beta gamma\n\n"
                 "<!-- framelint-enable a.two -->\n\n"
                 "alpha beta gamma\n\n"
                 "<!-- framelint-enable -->\n\n"
                 "gamma\n",
                 "a.two:7 b.three:11");
}
END_TEST

START_TEST(enable_one_rule_inside_a_disable_of_its_ruleset)
{
    ASSERT_FOUND("d.md",
                 "<!-- framelint-disable a -->\n\n"
                 "alpha beta\n\n"
                 "<!-- framelint-enable a.one -->\n\n"
                 "alpha beta\n\n"
                 "<!-- framelint-disable a.one -->\n\n"
                 "alpha beta\n",
                 "a.one:7");
}
END_TEST

START_TEST(enable_by_name_undoes_the_same_disable)
{
    ASSERT_FOUND("d.md",
                 "<!-- framelint-disable a.one b.three -->\n\n"
                 "alpha gamma\n\n"
                 "<!-- framelint-enable a.one -->\n\n"
                 "alpha gamma\n",
                 "a.one:7");
}
END_TEST

/* --- what is not a directive ----------------------------------------------------- */

START_TEST(directive_in_a_code_block_is_not_a_directive)
{
    ASSERT_FOUND("d.md",
                 "```html\n<!-- framelint-disable -->\n```\n\nalpha\n\n"
                 "    <!-- framelint-disable -->\n\nbeta\n",
                 "a.one:5 a.two:9");
}
END_TEST

START_TEST(directive_in_inline_code_is_not_a_directive)
{
    ASSERT_FOUND("d.md", "Write `<!-- framelint-disable -->` to mute alpha.\n\nbeta\n",
                 "a.one:1 a.two:3");
}
END_TEST

/* --- directives that cannot do what they say (issue 8, item 13) ------------------ */

/* The notices of `text` (format from `path`) as "line:col: message", one per
 * line. */
static const char *noticed(const char *path, const char *text, char *buf, size_t size)
{
    linted l = lint_of(path, text);
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < fl_findings_notice_count(l.f) && used < size; i++) {
        size_t off = 0;
        const char *msg = fl_findings_notice(l.f, i, &off);
        fl_position p;
        ck_assert_int_eq(fl_document_position(&p, l.doc, off), FL_OK);
        used += (size_t)snprintf(buf + used, size - used, "%u:%u: %s\n", p.line, p.column,
                                 msg);
    }
    linted_free(&l);
    return buf;
}

#define UNCLOSED "this comment is never closed with '-->', so the text after it was not checked\n"

START_TEST(unclosed_comment_is_a_notice)
{
    char buf[1024];
    const char *text = "alpha\n\n<!-- framelint-disable\n\nalpha beta\n";
    ck_assert_str_eq(noticed("d.md", text, buf, sizeof buf), "3:1: " UNCLOSED);
    ck_assert_str_eq(noticed("d.html", text, buf, sizeof buf), "3:1: " UNCLOSED);
    ck_assert_str_eq(noticed("d.md", "alpha\n\n<!-- a note -->\n", buf, sizeof buf), "");
}
END_TEST

START_TEST(name_that_selects_nothing_is_a_notice_with_the_nearest)
{
    char buf[1024];
    ck_assert_str_eq(noticed("d.md", "<!-- framelint-disable a.onee, one zzz * cat-x -->\n\n"
                             "alpha\n\n<!-- framelint-enable a.onee -->\n", buf, sizeof buf),
                     "1:24: 'a.onee' names no rule, ruleset or category, so this directive "
                     "does nothing for it (did you mean 'a.one'?)\n"
                     "1:32: 'one' names no rule, ruleset or category, so this directive "
                     "does nothing for it (did you mean 'a.one'?)\n"
                     "1:36: 'zzz' names no rule, ruleset or category, so this directive "
                     "does nothing for it\n");
    ck_assert_str_eq(noticed("d.txt", "framelint-disable-next-line cat-z\nalpha\n", buf,
                             sizeof buf),
                     "1:29: 'cat-z' names no rule, ruleset or category, so this directive "
                     "does nothing for it (did you mean 'cat-x'?)\n");
}
END_TEST

/* Only 64 names were kept in force: the 65th and later were dropped, and
 * with them a later enable. */
START_TEST(enable_after_many_disabled_names_still_applies)
{
    char text[2048];
    size_t n = (size_t)snprintf(text, sizeof text, "<!-- framelint-disable a.one");
    for (int i = 0; i < 80; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, " n%d", i);
    snprintf(text + n, sizeof text - n, " b.three -->\n\nalpha gamma\n\n"
             "<!-- framelint-enable a.one b.three -->\n\nalpha gamma\n");
    ASSERT_FOUND("d.md", text, "a.one:7 b.three:7");
}
END_TEST

Suite *suite_suppress(void)
{
    Suite *s = suite_create("suppress");
    TCase *tc = tcase_create("directive");
    tcase_add_test(tc, markdown_disable_until_enable);
    tcase_add_test(tc, markdown_disable_without_enable_runs_to_the_end);
    tcase_add_test(tc, next_line_covers_only_the_next_line);
    tcase_add_test(tc, inline_comment_in_a_paragraph_is_a_directive);
    tcase_add_test(tc, html_comments_are_directives);
    tcase_add_test(tc, plain_text_directive_lines);
    tcase_add_test(tc, plain_text_keyword_inside_a_sentence_is_text);
    suite_add_tcase(s, tc);

    tc = tcase_create("selector");
    tcase_add_test(tc, selector_full_rule_id);
    tcase_add_test(tc, selector_ruleset_name);
    tcase_add_test(tc, selector_category);
    tcase_add_test(tc, several_selectors_with_commas_and_spaces);
    tcase_add_test(tc, no_selector_means_every_rule);
    tcase_add_test(tc, unknown_selector_matches_nothing);
    suite_add_tcase(s, tc);

    tc = tcase_create("enable");
    tcase_add_test(tc, enable_one_rule_inside_a_disable_of_all);
    tcase_add_test(tc, enable_one_rule_inside_a_disable_of_its_ruleset);
    tcase_add_test(tc, enable_by_name_undoes_the_same_disable);
    suite_add_tcase(s, tc);

    tc = tcase_create("notices");
    tcase_add_test(tc, unclosed_comment_is_a_notice);
    tcase_add_test(tc, name_that_selects_nothing_is_a_notice_with_the_nearest);
    tcase_add_test(tc, enable_after_many_disabled_names_still_applies);
    suite_add_tcase(s, tc);

    tc = tcase_create("not-a-directive");
    tcase_add_test(tc, directive_in_a_code_block_is_not_a_directive);
    tcase_add_test(tc, directive_in_inline_code_is_not_a_directive);
    suite_add_tcase(s, tc);
    return s;
}

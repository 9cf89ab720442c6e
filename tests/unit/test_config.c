/*
 * config: `.framelint.yml` — every key read and applied, every error with the
 * config's path, line and column, and the ignore globs, hostile ones included.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "framelint/framelint.h"
#include "helpers.h"

#define TERM_RULE(id, category, word)                                          \
    "  - id: " id "\n    kind: term\n    category: " category "\n"             \
    "    message: A test finding.\n    explain: A rule for tests.\n"           \
    "    terms:\n      - match: [" word "]\n"

/* a.one (cat-x) flags "alpha", a.two (cat-y) "beta", b.three (cat-x) "gamma". */
static const char rules_a[] = "ruleset: a\nlanguage: en\nguidance: terminology\nrules:\n"
    TERM_RULE("one", "cat-x", "alpha") TERM_RULE("two", "cat-y", "beta");
static const char rules_b[] = "ruleset: b\nlanguage: en\nguidance: terminology\nrules:\n"
    TERM_RULE("three", "cat-x", "gamma");

static fl_config *parse_ok(const char *path, const char *yaml)
{
    fl_config *cfg = NULL;
    fl_error err = FL_ERROR_INIT;
    int error = fl_config_parse(&cfg, NULL, path, yaml, strlen(yaml), &err);
    ck_assert_msg(error == FL_OK, "%s", err.message);
    return cfg;
}

/* The formatted error of parsing `yaml`, which must fail with `code`. */
static const char *parse_error(const char *yaml, int code, char *buf, size_t size)
{
    fl_config *cfg = NULL;
    fl_error err = FL_ERROR_INIT;
    ck_assert_int_eq(fl_config_parse(&cfg, NULL, "team/.framelint.yml", yaml,
                                     strlen(yaml), &err), code);
    ck_assert_ptr_null(cfg);
    fl_error_format(&err, buf, size);
    return buf;
}

static fl_ruleset *rules_ab(void)
{
    fl_ruleset *rs = NULL;
    ck_assert_int_eq(fl_ruleset_new(&rs, NULL, NULL), FL_OK);
    ck_assert_int_eq(fl_ruleset_add_buffer(rs, "a.yml", rules_a, strlen(rules_a), NULL),
                     FL_OK);
    ck_assert_int_eq(fl_ruleset_add_buffer(rs, "b.yml", rules_b, strlen(rules_b), NULL),
                     FL_OK);
    return rs;
}

/* The formatted error of applying `yaml` (read as `path`) to rules a and b. */
static const char *apply_error(const char *path, const char *yaml, int code, char *buf,
                               size_t size)
{
    fl_config *cfg = parse_ok(path, yaml);
    fl_ruleset *rs = rules_ab();
    fl_error err = FL_ERROR_INIT;
    ck_assert_int_eq(fl_config_apply(cfg, rs, &err), code);
    fl_error_format(&err, buf, size);
    fl_ruleset_free(rs);
    fl_config_free(cfg);
    return buf;
}

/* A scratch folder; what the test writes or makes in it is removed, newest
 * first, by scratch_free. */
typedef struct scratch {
    char dir[64];
    char made[8][256];
    size_t nmade;
} scratch;

static void scratch_new(scratch *s)
{
    memset(s, 0, sizeof *s);
    snprintf(s->dir, sizeof s->dir, "/tmp/fl-config-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(s->dir));
}

static const char *scratch_path(scratch *s, const char *name)
{
    ck_assert_uint_lt(s->nmade, 8);
    char *path = s->made[s->nmade++];
    char built[256]; /* built apart: gcc cannot see that path and dir differ */
    snprintf(built, sizeof built, "%s/%s", s->dir, name);
    memcpy(path, built, sizeof built);
    return path;
}

static const char *scratch_mkdir(scratch *s, const char *name)
{
    const char *path = scratch_path(s, name);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    return path;
}

static const char *scratch_write(scratch *s, const char *name, const char *text)
{
    const char *path = scratch_path(s, name);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(text, 1, strlen(text), f), strlen(text));
    ck_assert_int_eq(fclose(f), 0);
    return path;
}

static void scratch_free(scratch *s)
{
    while (s->nmade > 0)
        ck_assert_int_eq(remove(s->made[--s->nmade]), 0);
    ck_assert_int_eq(rmdir(s->dir), 0);
}

/* --- keys ------------------------------------------------------------------------ */

START_TEST(empty_config_has_the_defaults)
{
    fl_config *cfg = parse_ok(".framelint.yml", "");
    ck_assert_str_eq(fl_config_language(cfg), "");
    ck_assert_int_eq(fl_config_fail_on(cfg), FL_SEVERITY_OFF);
    ck_assert_int_ne(fl_config_default_rules(cfg), 0);
    ck_assert_str_eq(fl_config_dir(cfg), ".");
    ck_assert_int_eq(fl_config_ignores(cfg, "draft.md"), 0);
    fl_config_free(cfg);
}
END_TEST

START_TEST(scalar_keys_are_read)
{
    fl_config *cfg = parse_ok("team/sub/.framelint.yml",
                              "language: fr\nfail-on: warning\ndefault-rules: false\n");
    ck_assert_str_eq(fl_config_language(cfg), "fr");
    ck_assert_int_eq(fl_config_fail_on(cfg), FL_SEVERITY_WARNING);
    ck_assert_int_eq(fl_config_default_rules(cfg), 0);
    ck_assert_str_eq(fl_config_dir(cfg), "team/sub");
    fl_config_free(cfg);
    cfg = parse_ok("/.framelint.yml", "fail-on: suggestion\ndefault-rules: true\n");
    ck_assert_int_eq(fl_config_fail_on(cfg), FL_SEVERITY_SUGGESTION);
    ck_assert_int_ne(fl_config_default_rules(cfg), 0);
    ck_assert_str_eq(fl_config_dir(cfg), "/");
    fl_config_free(cfg);
}
END_TEST

START_TEST(rules_set_severities_in_file_order)
{
    fl_config *cfg = parse_ok(".framelint.yml",
                              "rules:\n  a: error\n  a.two: off\n  cat-x: suggestion\n");
    fl_ruleset *rs = rules_ab();
    ck_assert_int_eq(fl_config_apply(cfg, rs, NULL), FL_OK);
    ck_assert_int_eq(fl_rule_severity(fl_ruleset_find(rs, "a.one")), FL_SEVERITY_SUGGESTION);
    ck_assert_int_eq(fl_rule_severity(fl_ruleset_find(rs, "a.two")), FL_SEVERITY_OFF);
    ck_assert_int_eq(fl_rule_severity(fl_ruleset_find(rs, "b.three")), FL_SEVERITY_SUGGESTION);
    fl_ruleset_free(rs);
    fl_config_free(cfg);
}
END_TEST

START_TEST(allowed_words_silence_term_rules)
{
    fl_config *cfg = parse_ok(".framelint.yml", "allow: [alpha]\nrules:\n  b: off\n");
    fl_ruleset *rs = rules_ab();
    ck_assert_int_eq(fl_config_apply(cfg, rs, NULL), FL_OK);
    ck_assert_int_eq(fl_ruleset_compile(rs, NULL), FL_OK);
    fl_document *doc = NULL;
    fl_findings *f = NULL;
    const char *text = "Alpha, beta and gamma.";
    ck_assert_int_eq(fl_document_new(&doc, NULL, "d.txt", text, strlen(text),
                                     FL_FORMAT_AUTO, NULL), FL_OK);
    ck_assert_int_eq(fl_lint(&f, rs, doc, NULL, NULL), FL_OK);
    ck_assert_uint_eq(fl_findings_count(f), 1);
    ck_assert_str_eq(fl_rule_id(fl_finding_rule(fl_findings_at(f, 0))), "a.two");
    fl_findings_free(f);
    fl_document_free(doc);
    fl_ruleset_free(rs);
    fl_config_free(cfg);
}
END_TEST

START_TEST(rule_files_resolve_against_the_config_folder)
{
    scratch s;
    scratch_new(&s);
    const char *team = scratch_mkdir(&s, "team");
    scratch_write(&s, "team/b.yml", rules_b);
    const char *a = scratch_write(&s, "a.yml", rules_a);
    char yaml[256];
    snprintf(yaml, sizeof yaml, "rule-files:\n  - b.yml\n  - %s\n", a);
    const char *cfg_path = scratch_write(&s, "team/.framelint.yml", yaml);

    fl_config *cfg = NULL;
    ck_assert_int_eq(fl_config_load(&cfg, NULL, cfg_path, NULL), FL_OK);
    ck_assert_str_eq(fl_config_dir(cfg), team);
    fl_ruleset *rs = NULL;
    ck_assert_int_eq(fl_ruleset_new(&rs, NULL, NULL), FL_OK);
    ck_assert_int_eq(fl_config_apply(cfg, rs, NULL), FL_OK);
    ck_assert_uint_eq(fl_ruleset_count(rs), 3);
    ck_assert_ptr_nonnull(fl_ruleset_find(rs, "b.three"));
    ck_assert_ptr_nonnull(fl_ruleset_find(rs, "a.one"));
    fl_ruleset_free(rs);
    fl_config_free(cfg);
    scratch_free(&s);
}
END_TEST

/* --- errors ------------------------------------------------------------------------ */

START_TEST(unknown_key_names_the_closest_one)
{
    char buf[512];
    ck_assert_str_eq(parse_error("language: en\nlangauge: fr\n", FL_ESCHEMA, buf, sizeof buf),
                     "team/.framelint.yml:2:1: unknown key 'langauge' in a "
                     ".framelint.yml file (did you mean 'language'?)");
    ck_assert_str_eq(parse_error("ignores: [x]\n", FL_ESCHEMA, buf, sizeof buf),
                     "team/.framelint.yml:1:1: unknown key 'ignores' in a "
                     ".framelint.yml file (did you mean 'ignore'?)");
}
END_TEST

START_TEST(bad_severity_values_are_pointed_at)
{
    char buf[512];
    ck_assert_str_eq(parse_error("rules:\n  a.one: loud\n", FL_ESCHEMA, buf, sizeof buf),
                     "team/.framelint.yml:2:10: 'a.one' is 'loud'; expected one of: "
                     "off, suggestion, warning, error");
    ck_assert_str_eq(parse_error("fail-on: off\n", FL_ESCHEMA, buf, sizeof buf),
                     "team/.framelint.yml:1:10: 'fail-on' is 'off'; expected one of: "
                     "suggestion, warning, error");
    ck_assert_str_eq(parse_error("default-rules: no\n", FL_ESCHEMA, buf, sizeof buf),
                     "team/.framelint.yml:1:16: 'default-rules' is 'no'; expected one "
                     "of: false, true");
}
END_TEST

/* Issue 8, item 16: a value where the schema says a list was taken as a
 * list of one. */
START_TEST(list_keys_refuse_a_single_value)
{
    char buf[512];
    ck_assert_str_eq(parse_error("ignore: 5\n", FL_ESCHEMA, buf, sizeof buf),
                     "team/.framelint.yml:1:9: 'ignore' must be a list, such as [5] or "
                     "one '- ' line per entry");
    ck_assert_str_eq(parse_error("allow: influx\n", FL_ESCHEMA, buf, sizeof buf),
                     "team/.framelint.yml:1:8: 'allow' must be a list, such as [influx] "
                     "or one '- ' line per entry");
    ck_assert_str_eq(parse_error("rule-files:\n  a: b\n", FL_ESCHEMA, buf, sizeof buf),
                     "team/.framelint.yml:2:3: 'rule-files' must be a list, such as [...] "
                     "or one '- ' line per entry");
    ck_assert_str_eq(parse_error("allow: [influx, [x]]\n", FL_ESCHEMA, buf, sizeof buf),
                     "team/.framelint.yml:1:17: 'allow' must be a single value, not a list");
}
END_TEST

START_TEST(yaml_syntax_error_has_a_position)
{
    char buf[512];
    parse_error("rules: [a\n", FL_ESYNTAX, buf, sizeof buf);
    ck_assert_msg(!strncmp(buf, "team/.framelint.yml:", 20) && strchr(buf + 20, ':'),
                  "%s", buf);
}
END_TEST

/* The selector's own line in the config, even when rule files were loaded
 * before it from another file. */
START_TEST(selector_that_matches_nothing_points_at_its_key)
{
    scratch s;
    scratch_new(&s);
    scratch_write(&s, "extra.yml", "ruleset: c\nlanguage: en\nguidance: terminology\n"
                  "rules:\n" TERM_RULE("four", "cat-z", "delta"));
    char path[128], buf[512], expected[512];
    snprintf(path, sizeof path, "%s/.framelint.yml", s.dir); /* never written */
    apply_error(path, "rule-files: [extra.yml]\nrules:\n  c: warning\n  c.fuor: off\n",
                FL_EINVAL, buf, sizeof buf);
    snprintf(expected, sizeof expected, "%s:4:3: no rule, ruleset or category is named "
             "'c.fuor' (see framelint --list-rules)", path);
    ck_assert_str_eq(buf, expected);
    scratch_free(&s);
}
END_TEST

START_TEST(unreadable_rule_file_points_at_its_entry)
{
    char buf[512];
    ck_assert_str_eq(apply_error("/nonexistent/.framelint.yml",
                                 "language: en\nrule-files:\n  - extra.yml\n", FL_EIO,
                                 buf, sizeof buf),
                     "/nonexistent/.framelint.yml:3:5: cannot read the rule file "
                     "'extra.yml' (looked for /nonexistent/extra.yml): no such rule "
                     "file or folder");
}
END_TEST

/* Issue 8, item 1: an error inside a rule file named a path that
 * fl_config_apply (a file) or add_dir (a folder) had freed. The scribbling
 * allocator overwrites freed blocks, so a dangling path shows here. */
static void expect_rule_file_error(const char *entry, const char *file)
{
    scratch s;
    scratch_new(&s);
    scratch_mkdir(&s, "team");
    const char *bad = scratch_write(&s, file, "ruleset: c\nlanguage: en\n"
                                    "guidance: terminology\nrules:\n"
                                    TERM_RULE("four", "cat-z", "delta") "    patern: x\n");
    char yaml[128];
    snprintf(yaml, sizeof yaml, "rule-files: [%s]\n", entry);
    const char *cfg_path = scratch_write(&s, ".framelint.yml", yaml);
    scribble_alloc sa;
    scribble_alloc_init(&sa);
    fl_config *cfg = NULL;
    fl_ruleset *rs = NULL;
    fl_error err = FL_ERROR_INIT;
    ck_assert_int_eq(fl_config_load(&cfg, &sa.base, cfg_path, NULL), FL_OK);
    ck_assert_int_eq(fl_ruleset_new(&rs, &sa.base, NULL), FL_OK);
    ck_assert_int_eq(fl_config_apply(cfg, rs, &err), FL_ESCHEMA);
    ck_assert_str_eq(err.path, bad);
    ck_assert_uint_eq(err.line, 12);
    fl_ruleset_free(rs);
    fl_config_free(cfg);
    scribble_alloc_release(&sa);
    scratch_free(&s);
}

START_TEST(error_in_a_rule_file_names_it_after_apply_returns)
{
    expect_rule_file_error("team/", "team/bad.yml");
    expect_rule_file_error("bad.yml", "bad.yml");
}
END_TEST

START_TEST(overlong_ignore_pattern_is_refused_with_its_limit)
{
    char yaml[1200], buf[512];
    memset(yaml, 'a', sizeof yaml);
    memcpy(yaml, "ignore:\n  - ", 12);
    strcpy(yaml + 12 + 1025, "\n");
    ck_assert_str_eq(parse_error(yaml, FL_ELIMIT, buf, sizeof buf),
                     "team/.framelint.yml:2:5: ignore pattern is longer than 1024 bytes "
                     "(MAX_GLOB_BYTES)");
    yaml[12 + 1024] = '\n';
    yaml[12 + 1025] = '\0';
    fl_config_free(parse_ok(".framelint.yml", yaml));
}
END_TEST

START_TEST(missing_config_file_is_an_io_error)
{
    fl_config *cfg = NULL;
    fl_error err = FL_ERROR_INIT;
    ck_assert_int_eq(fl_config_load(&cfg, NULL, "/nonexistent/.framelint.yml", &err),
                     FL_EIO);
    ck_assert_ptr_null(cfg);
    ck_assert_str_eq(err.path, "/nonexistent/.framelint.yml");
}
END_TEST

/* --- ignore globs -------------------------------------------------------------------- */

static int ignores(const char *pattern, const char *path)
{
    char yaml[256];
    snprintf(yaml, sizeof yaml, "ignore:\n  - '%s'\n", pattern);
    fl_config *cfg = parse_ok(".framelint.yml", yaml);
    int r = fl_config_ignores(cfg, path);
    fl_config_free(cfg);
    return r;
}

START_TEST(ignore_star_stays_in_one_segment)
{
    ck_assert(ignores("*.min.html", "page.min.html"));
    ck_assert(ignores("*.min.html", "site/js/page.min.html")); /* basename */
    ck_assert(!ignores("*.min.html", "page.html"));
    ck_assert(ignores("drafts/*.md", "drafts/a.md"));
    ck_assert(!ignores("drafts/*.md", "old/drafts/a.md")); /* anchored */
    ck_assert(ignores("/notes.md", "notes.md"));
    ck_assert(!ignores("/notes.md", "x/notes.md"));
}
END_TEST

START_TEST(ignore_double_star_crosses_segments)
{
    ck_assert(ignores("archive/**", "archive/2019/a.md"));
    ck_assert(!ignores("archive/**", "archives/a.md"));
    ck_assert(ignores("**/tmp/*.md", "tmp/a.md"));
    ck_assert(ignores("**/tmp/*.md", "x/y/tmp/a.md"));
    ck_assert(!ignores("**/tmp/*.md", "x/tmp/y/a.md"));
    ck_assert(ignores("a/**/b.md", "a/b.md"));
    ck_assert(ignores("a/**/b.md", "a/x/y/b.md"));
}
END_TEST

/* "**" + "/" stands for whole folders: "notmp" is not a folder named "tmp". */
START_TEST(ignore_double_star_slash_starts_at_a_folder)
{
    ck_assert(!ignores("**/tmp/*.md", "notmp/a.md"));
    ck_assert(!ignores("**/tmp/*.md", "x/notmp/a.md"));
    ck_assert(!ignores("a/**/b.md", "a/xb.md"));
}
END_TEST

START_TEST(ignore_folder_ignores_everything_below_it)
{
    ck_assert(ignores("drafts/old", "drafts/old"));
    ck_assert(ignores("drafts/old", "drafts/old/a.md"));
    ck_assert(ignores("drafts/old", "drafts/old/2019/a.md"));
    ck_assert(!ignores("drafts/old", "drafts/older/a.md"));
    ck_assert(ignores("drafts/*", "drafts/old/a.md"));
    ck_assert(ignores("drafts/", "drafts/a.md"));
    ck_assert(!ignores("drafts/", "drafts"));  /* only a folder */
}
END_TEST

START_TEST(ignore_pattern_without_slash_matches_any_name)
{
    ck_assert(ignores("tmp", "tmp"));
    ck_assert(ignores("tmp", "x/tmp"));
    ck_assert(ignores("tmp", "x/tmp/a.md")); /* a folder named tmp */
    ck_assert(!ignores("tmp", "x/tmpl/a.md"));
    ck_assert(!ignores("tmp", "x/a.tmp"));
    ck_assert(ignores("draft-?.md", "x/draft-1.md"));
    ck_assert(!ignores("draft-?.md", "x/draft-10.md"));
    ck_assert(!ignores("a?b", "a/b"));
}
END_TEST

/* A path of `len` bytes: 'a's with a '/' every `every` bytes (0: none). */
static char *long_path(size_t len, size_t every)
{
    char *p = malloc(len + 1);
    ck_assert_ptr_nonnull(p);
    memset(p, 'a', len);
    for (size_t i = every; every && i < len; i += every)
        p[i] = '/';
    p[len] = '\0';
    return p;
}

/* Backtracking matchers take exponential or quadratic time here; these run
 * under the test's timeout as a hang guard. */
START_TEST(hostile_globs_finish)
{
    char *flat = long_path(1 << 20, 0), *deep = long_path(1 << 20, 2);
    char *halves = long_path(1 << 20, 1 << 19);
    ck_assert(!ignores("**a**a**a**a**b", flat));
    ck_assert(!ignores("**a**a**a**a**b", deep));
    ck_assert(!ignores("*a*a*a*a*a*a*b", flat));
    ck_assert(!ignores("**/*a*a*b", halves));
    ck_assert(!ignores("**a*a*b", halves));
    ck_assert(ignores("**a**a**a**a**", deep));
    free(flat);
    free(deep);
    free(halves);
}
END_TEST

Suite *suite_config(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("keys");
    tcase_add_test(tc, empty_config_has_the_defaults);
    tcase_add_test(tc, scalar_keys_are_read);
    tcase_add_test(tc, rules_set_severities_in_file_order);
    tcase_add_test(tc, allowed_words_silence_term_rules);
    tcase_add_test(tc, rule_files_resolve_against_the_config_folder);
    suite_add_tcase(s, tc);

    tc = tcase_create("errors");
    tcase_add_test(tc, unknown_key_names_the_closest_one);
    tcase_add_test(tc, bad_severity_values_are_pointed_at);
    tcase_add_test(tc, yaml_syntax_error_has_a_position);
    tcase_add_test(tc, selector_that_matches_nothing_points_at_its_key);
    tcase_add_test(tc, unreadable_rule_file_points_at_its_entry);
    tcase_add_test(tc, list_keys_refuse_a_single_value);
    tcase_add_test(tc, error_in_a_rule_file_names_it_after_apply_returns);
    tcase_add_test(tc, overlong_ignore_pattern_is_refused_with_its_limit);
    tcase_add_test(tc, missing_config_file_is_an_io_error);
    suite_add_tcase(s, tc);

    tc = tcase_create("ignore");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, ignore_star_stays_in_one_segment);
    tcase_add_test(tc, ignore_double_star_crosses_segments);
    tcase_add_test(tc, ignore_double_star_slash_starts_at_a_folder);
    tcase_add_test(tc, ignore_folder_ignores_everything_below_it);
    tcase_add_test(tc, ignore_pattern_without_slash_matches_any_name);
    tcase_add_test(tc, hostile_globs_finish);
    suite_add_tcase(s, tc);
    return s;
}

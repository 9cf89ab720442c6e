/*
 * fix: fl_fix and fl_fix_diff through the public API — bytes outside the
 * rewritten spans survive byte for byte, overlaps follow the documented
 * rules (the outer span wins, crossing spans are left unless they join),
 * what may not be rewritten is left alone and says why, rounds go on until
 * a second fix changes nothing, and the diff is exact and applies back to
 * the fixed text.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "framelint/framelint.h"
#include "helpers.h"

/* --- helpers -------------------------------------------------------------------- */

#define RULES_HEAD "ruleset: t\nlanguage: en\nguidance: terminology\nrules:\n"

/* One term rule matching `words` as written, rewriting to `rewrite`. */
/* Each rule has a category of its own (its id), so that rules on one span
 * stay separate findings and the fixer's own overlap order is what is
 * tested (within one category the linter reports a span once). */
#define TERM_RULE(id, severity, words, rewrite)                                \
    "  - id: " id "\n    kind: term\n    category: " id "\n"                   \
    "    severity: " severity "\n    message: \"m\"\n"                         \
    "    explain: A rule for tests.\n    terms:\n"                             \
    "      - match: [" words "]\n        as: phrase\n"                         \
    "        suggest: [" rewrite "]\n"

static const char swarm_rules[] = RULES_HEAD TERM_RULE("swarm", "warning", "swarm", "group")
    TERM_RULE("swarm-of", "warning", "swarm of", "group of");

static const char swarm_of_rules[] = RULES_HEAD
    TERM_RULE("swarm-of", "warning", "swarm of", "group of");

typedef struct text {
    char *data;
    size_t len, cap;
} text;

static int collect(void *payload, const char *data, size_t len)
{
    text *t = payload;
    if (t->len + len + 1 > t->cap) {
        t->cap = (t->len + len + 1) * 2;
        t->data = realloc(t->data, t->cap);
        ck_assert_ptr_nonnull(t->data);
    }
    memcpy(t->data + t->len, data, len);
    t->len += len;
    t->data[t->len] = '\0';
    return FL_OK;
}

static fl_ruleset *compile(const char *yaml)
{
    fl_ruleset *rs = NULL;
    fl_error err = FL_ERROR_INIT;
    char msg[512];
    ck_assert_int_eq(fl_ruleset_new(&rs, NULL, &err), FL_OK);
    int error = yaml ? fl_ruleset_add_buffer(rs, "t.yml", yaml, strlen(yaml), &err)
                     : fl_ruleset_add_defaults(rs, &err);
    if (error == 0)
        error = fl_ruleset_compile(rs, &err);
    fl_error_format(&err, msg, sizeof msg);
    ck_assert_msg(error == FL_OK, "%s", msg);
    return rs;
}

typedef struct linted {
    fl_document *doc;
    fl_findings *f;
} linted;

static void lint(linted *l, const fl_ruleset *rs, const char *path, const char *data,
                 size_t len)
{
    memset(l, 0, sizeof *l);
    ck_assert_int_eq(fl_document_new(&l->doc, NULL, path, data, len, FL_FORMAT_AUTO, NULL),
                     FL_OK);
    ck_assert_int_eq(fl_lint(&l->f, rs, l->doc, NULL, NULL), FL_OK);
}

static void unlint(linted *l)
{
    fl_findings_free(l->f);
    fl_document_free(l->doc);
}

/* The fixed text (caller frees .data) and the number of rewrites. */
static text fixed(const linted *l, size_t *applied)
{
    text t = {NULL, 0, 0};
    fl_sink sink = {collect, &t};
    ck_assert_int_eq(fl_fix(applied, l->doc, l->f, sink, NULL), FL_OK);
    collect(&t, "", 0);
    return t;
}

static text diffed(const linted *l, const char *path, size_t *applied)
{
    text t = {NULL, 0, 0};
    fl_sink sink = {collect, &t};
    ck_assert_int_eq(fl_fix_diff(applied, l->doc, l->f, path, sink, NULL), FL_OK);
    collect(&t, "", 0);
    return t;
}

/* Lints `data` (as `path`) with `rs`, fixes it, and returns the result. */
static text fix_text(const fl_ruleset *rs, const char *path, const char *data, size_t len,
                     size_t *applied)
{
    linted l;
    lint(&l, rs, path, data, len);
    text t = fixed(&l, applied);
    unlint(&l);
    return t;
}

/* --- bytes outside the spans ------------------------------------------------------ */

/* Fixing `len` bytes of `data` must replace exactly one "swarm" at `off` with
 * "group" and leave every other byte — prefix and suffix — as it was. */
static void assert_only_span_changes(const char *path, const char *data, size_t len,
                                     size_t off)
{
    fl_ruleset *rs = compile(swarm_rules);
    ck_assert_mem_eq(data + off, "swarm", 5);
    size_t applied = 0;
    text t = fix_text(rs, path, data, len, &applied);
    ck_assert_uint_eq(applied, 1);
    ck_assert_uint_eq(t.len, len);
    ck_assert_mem_eq(t.data, data, off);
    ck_assert_mem_eq(t.data + off, "group", 5);
    ck_assert_mem_eq(t.data + off + 5, data + off + 5, len - off - 5);
    free(t.data);
    fl_ruleset_free(rs);
}

#define ASSERT_ONLY_SPAN(path, literal, off)                                   \
    assert_only_span_changes(path, literal, sizeof literal - 1, off)

START_TEST(fix_keeps_crlf_line_endings)
{
    ASSERT_ONLY_SPAN("d.txt", "First line\r\nThe swarm left.\r\nLast line\r\n", 16);
    ASSERT_ONLY_SPAN("d.md", "# Title\r\n\r\nThe swarm left.\r\n\r\n- item\r\n", 15);
}
END_TEST

/* Issue 8, item 7: lone CRs are line breaks to the readers, and stay CRs. */
START_TEST(fix_keeps_cr_only_line_endings)
{
    ASSERT_ONLY_SPAN("d.txt", "First line\rThe swarm left.\rLast line\r", 15);
    ASSERT_ONLY_SPAN("d.md", "# Title\r\rThe swarm left.\r\r- item\r", 13);
}
END_TEST

START_TEST(fix_keeps_a_utf8_byte_order_mark)
{
    ASSERT_ONLY_SPAN("d.txt", "\xEF\xBB\xBFThe swarm left.\n", 7);
    ASSERT_ONLY_SPAN("d.md", "\xEF\xBB\xBF# The swarm\r\n", 9);
}
END_TEST

START_TEST(fix_keeps_a_missing_final_newline)
{
    ASSERT_ONLY_SPAN("d.txt", "Line one\nThe swarm left.", 13);
    ASSERT_ONLY_SPAN("d.txt", "Line one\nThe swarm", 13);
}
END_TEST

START_TEST(fix_keeps_invalid_utf8_elsewhere)
{
    ASSERT_ONLY_SPAN("d.txt", "Bad \xff\xfe bytes\nThe swarm left \xc3( here.\n\xed\xa0\x80\n", 17);
}
END_TEST

START_TEST(fix_keeps_control_bytes_elsewhere)
{
    ASSERT_ONLY_SPAN("d.txt", "\x01\x02\x1b[0m\x7f The swarm left.\x0b\x0c\n\x1f", 12);
}
END_TEST

/* Issue 8, item 5: a NUL is not text, so no rewrite holds one: "swarm\0 of"
 * is no "swarm of" (whose rewrite would delete the NUL), and the NUL stays. */
START_TEST(fix_never_deletes_a_nul_byte)
{
    ASSERT_ONLY_SPAN("d.txt", "A swarm\0 of bees left.\n", 2);
    ASSERT_ONLY_SPAN("d.md", "# Bees\n\nThe swarm\0\0 left.\n", 12);
    fl_ruleset *rs = compile(swarm_of_rules);
    static const char data[] = "A swarm\0 of bees.\n";
    size_t applied = 9;
    text t = fix_text(rs, "d.txt", data, sizeof data - 1, &applied);
    ck_assert_uint_eq(applied, 0);
    ck_assert_uint_eq(t.len, sizeof data - 1);
    ck_assert_mem_eq(t.data, data, t.len);
    free(t.data);
    fl_ruleset_free(rs);
}
END_TEST

START_TEST(fix_of_nothing_writes_the_text_unchanged)
{
    fl_ruleset *rs = compile(swarm_rules);
    static const char data[] = "\xEF\xBB\xBFNo finding here.\r\n\xff";
    size_t applied = 7;
    text t = fix_text(rs, "d.txt", data, sizeof data - 1, &applied);
    ck_assert_uint_eq(applied, 0);
    ck_assert_uint_eq(t.len, sizeof data - 1);
    ck_assert_mem_eq(t.data, data, sizeof data - 1);
    free(t.data);
    fl_ruleset_free(rs);
}
END_TEST

static size_t assert_idempotent(const fl_ruleset *rs, const char *path, fl_format fmt,
                                const char *language, const char *data, size_t len);

/* --- the overlap order -------------------------------------------------------------- */

/* Three rules that overlap on "alpha beta gamma", loaded so that load order
 * and severity would each pick a different winner than the start does. */
static const char overlap_rules[] = RULES_HEAD
    TERM_RULE("one", "warning", "beta gamma", "one")
    TERM_RULE("two", "suggestion", "alpha beta", "two")
    TERM_RULE("three", "error", "beta", "three")
    TERM_RULE("four", "warning", "delta", "four")
    TERM_RULE("five", "error", "delta", "five")
    TERM_RULE("six", "warning", "epsilon", "six")
    TERM_RULE("seven", "warning", "epsilon", "seven");

static void assert_fixes_to(const char *rules, const char *before, const char *after,
                            size_t findings)
{
    fl_ruleset *rs = compile(rules);
    linted l;
    lint(&l, rs, "d.txt", before, strlen(before));
    ck_assert_uint_eq(fl_findings_count(l.f), findings);
    size_t applied = 0;
    text t = fixed(&l, &applied);
    ck_assert_str_eq(t.data, after);
    ck_assert_uint_eq(applied, 1);
    free(t.data);
    unlint(&l);
    fl_ruleset_free(rs);
}

START_TEST(overlap_crossing_spans_are_all_left)
{
    /* "alpha beta" and "beta gamma" cross on "beta": either rewrite would
     * leave the other's words half changed, so neither is applied, and
     * "beta" inside them goes with them. */
    fl_ruleset *rs = compile(overlap_rules);
    linted l;
    lint(&l, rs, "d.txt", "x alpha beta gamma y", 20);
    ck_assert_uint_eq(fl_findings_count(l.f), 3);
    for (size_t i = 0; i < 3; i++) {
        const fl_finding *x = fl_findings_at(l.f, i);
        ck_assert_int_eq(fl_finding_can_fix(x), 0);
        ck_assert_str_eq(fl_finding_fix_note(x),
                         "it overlaps another finding; rewrite the two together");
    }
    size_t applied = 9;
    text t = fixed(&l, &applied);
    ck_assert_str_eq(t.data, "x alpha beta gamma y");
    ck_assert_uint_eq(applied, 0);
    free(t.data);
    unlint(&l);
    fl_ruleset_free(rs);
}
END_TEST

START_TEST(overlap_same_start_longer_span_wins)
{
    /* one is longer than three, though three is more severe */
    assert_fixes_to(overlap_rules, "x beta gamma y", "x one y", 2);
}
END_TEST

START_TEST(overlap_same_span_more_severe_wins)
{
    /* five is an error, four a warning loaded first */
    assert_fixes_to(overlap_rules, "x delta y", "x five y", 2);
}
END_TEST

START_TEST(overlap_same_span_and_severity_earlier_rule_wins)
{
    assert_fixes_to(overlap_rules, "x epsilon y", "x six y", 2);
}
END_TEST

START_TEST(overlap_inner_finding_says_the_outer_rewrite_replaces_it)
{
    fl_ruleset *rs = compile(overlap_rules);
    linted l;
    lint(&l, rs, "d.txt", "x beta gamma y", 14);
    const fl_finding *inner = fl_findings_at(l.f, 1);
    ck_assert_uint_eq(fl_finding_length(inner), 4);
    ck_assert_int_eq(fl_finding_can_fix(inner), 0);
    ck_assert_str_eq(fl_finding_fix_note(inner), "a finding around it is rewritten");
    ck_assert_str_eq(fl_finding_fix_note(fl_findings_at(l.f, 0)), "");
    unlint(&l);
    fl_ruleset_free(rs);
}
END_TEST

START_TEST(overlap_leaves_later_disjoint_findings_fixable)
{
    fl_ruleset *rs = compile(overlap_rules);
    size_t applied = 0;
    /* (not "gamma, beta gamma": once that is "gamma, one", the crossing
     * "beta gamma" before it would rewrite to "one one", which is refused) */
    text t = fix_text(rs, "d.txt", "alpha beta gamma, so beta gamma, delta", 38, &applied);
    ck_assert_str_eq(t.data, "alpha beta gamma, so one, five");
    ck_assert_uint_eq(applied, 2);
    free(t.data);
    fl_ruleset_free(rs);
}
END_TEST

/* Two rules whose spans cross on a word both rewrites keep, and two whose
 * rewrites change it. */
static const char edge_rules[] = RULES_HEAD
    TERM_RULE("wave", "warning", "wave of", "arrival of")
    TERM_RULE("aliens", "error", "of aliens", "of non-citizens")
    TERM_RULE("tide", "warning", "tide of", "rise in")
    TERM_RULE("invaders", "error", "of invaders", "of newcomers");

START_TEST(overlap_on_a_shared_edge_word_is_one_rewrite)
{
    /* "wave of" and "of aliens" share "of", which ends one rewrite and
     * starts the other: both apply, as "arrival of non-citizens". */
    fl_ruleset *rs = compile(edge_rules);
    size_t applied = 0;
    text t = fix_text(rs, "d.txt", "A wave of aliens came.", 22, &applied);
    ck_assert_str_eq(t.data, "An arrival of non-citizens came.");
    ck_assert_uint_eq(applied, 2);
    free(t.data);
    /* "rise in" does not end in "of": the two are left. */
    t = fix_text(rs, "d.txt", "A tide of invaders came.", 24, &applied);
    ck_assert_str_eq(t.data, "A tide of invaders came.");
    ck_assert_uint_eq(applied, 0);
    free(t.data);
    fl_ruleset_free(rs);
}
END_TEST

static const char possessive_rules[] = RULES_HEAD
    TERM_RULE("alien", "error", "illegal alien", "undocumented migrant")
    "  - id: plural\n    kind: term\n    category: plural\n    message: \"m\"\n"
    "    explain: A rule for tests.\n"
    "    terms:\n      - match: [illegle]\n        as: phrase\n"
    "        forms: [\"illegle's\"]\n        suggest: [undocumented people]\n";

START_TEST(fix_keeps_a_possessive_ending)
{
    /* "alien's" is matched as "alien", so the rewrite carries the ending
     * over, with the writer's apostrophe; a form listed as written is not
     * a possessive ("illegle's", a misspelt plural). */
    fl_ruleset *rs = compile(possessive_rules);
    size_t applied = 0;
    text t = fix_text(rs, "d.txt", "The illegal alien's lawyer and the illegal alien\xE2\x80\x99s son.",
                      sizeof "The illegal alien's lawyer and the illegal alien\xE2\x80\x99s son." - 1,
                      &applied);
    ck_assert_str_eq(t.data, "The undocumented migrant's lawyer and the undocumented "
                             "migrant\xE2\x80\x99s son.");
    ck_assert_uint_eq(applied, 2);
    free(t.data);
    t = fix_text(rs, "d.txt", "The illegle's came.", 19, &applied);
    ck_assert_str_eq(t.data, "The undocumented people came.");
    free(t.data);
    fl_ruleset_free(rs);
}
END_TEST

/* "wave" is flagged only with people after it, and "aliens" becomes
 * "people": the first rewrite shows the second finding. */
static const char round_rules[] = RULES_HEAD
    TERM_RULE("aliens", "error", "aliens", "people")
    "  - id: wave\n    kind: term\n    category: wave\n    message: \"m\"\n"
    "    explain: A rule for tests.\n    context: { near: [people], after: 2 }\n"
    "    terms:\n      - match: [wave of]\n        as: phrase\n"
    "        suggest: [group of]\n";

START_TEST(fix_rewrites_what_its_own_rewrite_shows)
{
    fl_ruleset *rs = compile(round_rules);
    size_t applied = 0;
    text t = fix_text(rs, "d.txt", "A wave of aliens came.", 22, &applied);
    ck_assert_str_eq(t.data, "A group of people came.");
    ck_assert_uint_eq(applied, 2);
    free(t.data);
    ck_assert_uint_eq(assert_idempotent(rs, "d.txt", FL_FORMAT_PLAIN, NULL,
                                        "A wave of aliens came.", 22), 2);
    fl_ruleset_free(rs);
}
END_TEST

START_TEST(diff_shows_every_round)
{
    fl_ruleset *rs = compile(round_rules);
    linted l;
    lint(&l, rs, "d.txt", "A wave of aliens came.\n", 23);
    ck_assert_uint_eq(fl_findings_count(l.f), 1);
    size_t applied = 0;
    text d = diffed(&l, NULL, &applied);
    ck_assert_str_eq(d.data, "--- a/d.txt\n+++ b/d.txt\n@@ -1,1 +1,1 @@\n"
                             "-A wave of aliens came.\n+A group of people came.\n");
    ck_assert_uint_eq(applied, 2);
    free(d.data);
    unlint(&l);
    fl_ruleset_free(rs);
}
END_TEST

/* --- what is reported but not rewritten --------------------------------------------- */

/* `data` has exactly one finding, which must not be fixable; fixing leaves
 * every byte alone. */
static void assert_reported_not_rewritten(const char *path, const char *data)
{
    fl_ruleset *rs = compile(swarm_of_rules);
    linted l;
    lint(&l, rs, path, data, strlen(data));
    ck_assert_uint_eq(fl_findings_count(l.f), 1);
    ck_assert_int_eq(fl_finding_can_fix(fl_findings_at(l.f, 0)), 0);
    size_t applied = 9;
    text t = fixed(&l, &applied);
    ck_assert_uint_eq(applied, 0);
    ck_assert_str_eq(t.data, data);
    text d = diffed(&l, NULL, &applied);
    ck_assert_uint_eq(d.len, 0);
    free(d.data);
    free(t.data);
    unlint(&l);
    fl_ruleset_free(rs);
}

START_TEST(match_across_a_line_break_is_not_rewritten)
{
    assert_reported_not_rewritten("d.txt", "They saw the swarm\nof people.\n");
    assert_reported_not_rewritten("d.txt", "They saw the swarm\r\nof people.\r\n");
}
END_TEST

START_TEST(match_across_a_block_quote_continuation_is_not_rewritten)
{
    assert_reported_not_rewritten("d.md", "> They saw the swarm\n> of people.\n");
    assert_reported_not_rewritten("d.md", "> > They saw the swarm\n> > of people.\n");
}
END_TEST

START_TEST(match_inside_a_block_quote_line_keeps_its_markers)
{
    fl_ruleset *rs = compile(swarm_rules);
    static const char data[] = "> They came.\n> The swarm left.\n>\n> > A swarm.\n";
    size_t applied = 0;
    text t = fix_text(rs, "d.md", data, sizeof data - 1, &applied);
    ck_assert_str_eq(t.data, "> They came.\n> The group left.\n>\n> > A group.\n");
    ck_assert_uint_eq(applied, 2);
    free(t.data);
    fl_ruleset_free(rs);
}
END_TEST

START_TEST(finding_inside_a_quotation_is_not_rewritten)
{
    assert_reported_not_rewritten("d.txt",
                                  "She said \"the swarm of people left at dawn\" yesterday.\n");
    assert_reported_not_rewritten("d.md", "He wrote: “a swarm of them came over the hill”.\n");
    assert_reported_not_rewritten("d.md", "Il a dit « a swarm of them came » hier.\n");
    assert_reported_not_rewritten("d.md", "Er schrieb „a swarm of them came“ gestern.\n");
    assert_reported_not_rewritten("d.md", "He wrote ‘a swarm of them came’ then.\n");
    assert_reported_not_rewritten("d.md", "He wrote 'a swarm of them came' then.\n");
    assert_reported_not_rewritten("d.md", "Er schrieb »a swarm of them came« gestern.\n");
}
END_TEST

/* A lone quotation mark or bracket inside the match, which opens no
 * quotation the tokenizer follows (a stray closer): a rewrite would leave
 * its partner, so the finding is kept as it is, for every mark. */
START_TEST(match_holding_a_lone_mark_is_not_rewritten)
{
    static const char *const drafts[] = {
        "They saw the swarm\xe2\x80\x9d of people.\n", "They saw the swarm\xc2\xbb of people.\n",
        "They saw the swarm\xe2\x80\xba of people.\n", "They saw the swarm) of people.\n",
        "They saw the swarm] of people.\n"};
    fl_ruleset *rs = compile(swarm_of_rules);
    for (size_t i = 0; i < sizeof drafts / sizeof *drafts; i++) {
        linted l;
        lint(&l, rs, "d.txt", drafts[i], strlen(drafts[i]));
        ck_assert_uint_eq(fl_findings_count(l.f), 1);
        const fl_finding *x = fl_findings_at(l.f, 0);
        ck_assert_msg(!fl_finding_can_fix(x), "%s", drafts[i]);
        unlint(&l);
    }
    fl_ruleset_free(rs);
}
END_TEST

/* A scare quote or a quoted word inside the match: the writer's sentence,
 * reported at its severity, never rewritten (the quotation would be cut). */
START_TEST(match_partly_in_quotation_marks_is_reported_not_rewritten)
{
    static const char *const drafts[] = {
        "They saw the 'swarm' of people.\n", "They saw the “swarm” of people.\n",
        "They saw the ‘swarm’ of people.\n", "They saw the «swarm» of people.\n",
        "They saw the „swarm“ of people.\n", "They saw the \"swarm\" of people.\n"};
    fl_ruleset *rs = compile(swarm_of_rules);
    for (size_t i = 0; i < sizeof drafts / sizeof *drafts; i++) {
        linted l;
        lint(&l, rs, "d.txt", drafts[i], strlen(drafts[i]));
        ck_assert_uint_eq(fl_findings_count(l.f), 1);
        const fl_finding *x = fl_findings_at(l.f, 0);
        ck_assert_int_eq(fl_finding_severity(x), FL_SEVERITY_WARNING);
        ck_assert_int_eq(fl_finding_can_fix(x), 0);
        ck_assert_str_eq(fl_finding_fix_note(x), "it is in quotation marks");
        text t = fixed(&l, NULL);
        ck_assert_str_eq(t.data, drafts[i]);
        free(t.data);
        unlint(&l);
    }
    fl_ruleset_free(rs);
}
END_TEST

/* --- idempotence ---------------------------------------------------------------------- */

/* Fixing the fixed text again applies nothing and changes no byte. Returns
 * the number of rewrites the first fix made. */
static size_t assert_idempotent(const fl_ruleset *rs, const char *path, fl_format fmt,
                                const char *language, const char *data, size_t len)
{
    fl_lint_options opts = FL_LINT_OPTIONS_INIT;
    opts.language = language;
    text pass[2] = {{NULL, 0, 0}, {NULL, 0, 0}};
    size_t applied[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        fl_document *doc = NULL;
        fl_findings *f = NULL;
        fl_sink sink = {collect, &pass[k]};
        ck_assert_int_eq(fl_document_new(&doc, NULL, path, k ? pass[0].data : data,
                                         k ? pass[0].len : len, fmt, NULL), FL_OK);
        ck_assert_int_eq(fl_lint(&f, rs, doc, &opts, NULL), FL_OK);
        ck_assert_int_eq(fl_fix(&applied[k], doc, f, sink, NULL), FL_OK);
        collect(&pass[k], "", 0);
        fl_findings_free(f);
        fl_document_free(doc);
    }
    ck_assert_msg(applied[1] == 0, "%s: a second fix rewrote %zu more span(s):\n%s", path,
                  applied[1], pass[0].data);
    ck_assert_uint_eq(pass[1].len, pass[0].len);
    ck_assert_mem_eq(pass[1].data, pass[0].data, pass[0].len);
    free(pass[0].data);
    free(pass[1].data);
    return applied[0];
}

START_TEST(fix_is_idempotent_on_every_sample_draft)
{
    fl_ruleset *rs = compile(NULL);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/corpora/drafts", FL_SOURCE_DIR);
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    size_t drafts = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len = 0;
        char *data = read_test_file(path, &len);
        ck_assert_ptr_nonnull(data);
        size_t applied = assert_idempotent(rs, path, FL_FORMAT_AUTO, NULL, data, len);
        ck_assert_msg(applied > 0, "%s: the sample draft has nothing to fix", path);
        free(data);
        drafts++;
    }
    closedir(d);
    ck_assert_uint_ge(drafts, 3);
    fl_ruleset_free(rs);
}
END_TEST

START_TEST(fix_is_idempotent_on_every_flag_example_of_every_default_rule)
{
    fl_ruleset *rs = compile(NULL);
    size_t examples = 0, fixable = 0, applied = 0;
    for (size_t i = 0; i < fl_ruleset_count(rs); i++) {
        const fl_rule *r = fl_ruleset_at(rs, i);
        for (size_t k = 0; k < fl_rule_example_count(r, 1); k++) {
            const char *ex = fl_rule_example(r, 1, k);
            applied += assert_idempotent(rs, fl_rule_id(r), FL_FORMAT_MARKDOWN,
                                         fl_rule_language(r), ex, strlen(ex));
            examples++;
            fixable += fl_rule_can_fix(r) != 0;
        }
    }
    ck_assert_uint_gt(examples, 50);
    /* Not vacuous: most examples of rules that rewrite really were rewritten. */
    ck_assert_uint_gt(applied, fixable / 2);
    fl_ruleset_free(rs);
}
END_TEST

/* --- the diff ------------------------------------------------------------------------- */

static text diff_of(const char *path, const char *data, const char *shown, size_t *applied)
{
    fl_ruleset *rs = compile(swarm_rules);
    linted l;
    lint(&l, rs, path, data, strlen(data));
    text t = diffed(&l, shown, applied);
    unlint(&l);
    fl_ruleset_free(rs);
    return t;
}

START_TEST(diff_is_exact_for_a_small_case)
{
    size_t applied = 0;
    text t = diff_of("notes/d.txt", "one\ntwo\nthree\nthe swarm left\nfive\nsix\nseven\neight\n",
                     NULL, &applied);
    ck_assert_str_eq(t.data, "--- a/notes/d.txt\n"
                             "+++ b/notes/d.txt\n"
                             "@@ -1,7 +1,7 @@\n"
                             " one\n"
                             " two\n"
                             " three\n"
                             "-the swarm left\n"
                             "+the group left\n"
                             " five\n"
                             " six\n"
                             " seven\n");
    ck_assert_uint_eq(applied, 1);
    free(t.data);
}
END_TEST

/* Issue 8, item 7: a diff of a CR-only file is by lines, each shown with
 * its CR and a newline, not as one line with no newline at its end. */
START_TEST(diff_of_a_cr_only_file_is_by_lines)
{
    size_t applied = 0;
    text t = diff_of("d.txt", "one\rthe swarm left\rthree\r", NULL, &applied);
    ck_assert_str_eq(t.data, "--- a/d.txt\n"
                             "+++ b/d.txt\n"
                             "@@ -1,3 +1,3 @@\n"
                             " one\r\n"
                             "-the swarm left\r\n"
                             "+the group left\r\n"
                             " three\r\n");
    ck_assert_uint_eq(applied, 1);
    free(t.data);
}
END_TEST

START_TEST(diff_names_an_absolute_path_bare_and_prefers_the_shown_name)
{
    size_t applied = 0;
    text t = diff_of("/tmp/d.txt", "the swarm\n", NULL, &applied);
    ck_assert_str_eq(t.data, "--- /tmp/d.txt\n+++ /tmp/d.txt\n@@ -1,1 +1,1 @@\n"
                             "-the swarm\n+the group\n");
    free(t.data);
    t = diff_of("/tmp/d.txt", "the swarm\n", "shown.txt", &applied);
    ck_assert_str_eq(t.data, "--- a/shown.txt\n+++ b/shown.txt\n@@ -1,1 +1,1 @@\n"
                             "-the swarm\n+the group\n");
    free(t.data);
}
END_TEST

START_TEST(diff_marks_a_missing_final_newline)
{
    size_t applied = 0;
    text t = diff_of("d.txt", "one\nthe swarm", NULL, &applied);
    ck_assert_str_eq(t.data, "--- a/d.txt\n+++ b/d.txt\n@@ -1,2 +1,2 @@\n"
                             " one\n"
                             "-the swarm\n\\ No newline at end of file\n"
                             "+the group\n\\ No newline at end of file\n");
    free(t.data);
    t = diff_of("d.txt", "the swarm\ntwo", NULL, &applied);
    ck_assert_str_eq(t.data, "--- a/d.txt\n+++ b/d.txt\n@@ -1,2 +1,2 @@\n"
                             "-the swarm\n+the group\n"
                             " two\n\\ No newline at end of file\n");
    free(t.data);
}
END_TEST

START_TEST(diff_of_nothing_to_fix_is_empty)
{
    size_t applied = 5;
    text t = diff_of("d.txt", "No finding.\n", NULL, &applied);
    ck_assert_uint_eq(t.len, 0);
    ck_assert_uint_eq(applied, 0);
    free(t.data);
}
END_TEST

static size_t count_hunks(const char *diff)
{
    size_t n = 0;
    for (const char *p = diff; (p = strstr(p, "\n@@ ")) != NULL; p++)
        n++;
    return n;
}

/* A draft with "the swarm" on line 1 and on line 2 + gap, other lines plain. */
static text diff_with_gap(size_t gap)
{
    char data[512] = "the swarm\n";
    for (size_t i = 0; i < gap; i++)
        strcat(data, "plain\n");
    strcat(data, "the swarm\nplain\nplain\nplain\nplain\n");
    size_t applied = 0;
    text t = diff_of("d.txt", data, NULL, &applied);
    ck_assert_uint_eq(applied, 2);
    return t;
}

START_TEST(diff_merges_hunks_whose_changes_are_six_lines_apart_or_closer)
{
    /* As GNU diff -u does: 3 lines of context on each side cover a gap of up
     * to six unchanged lines, so those changes share one hunk. */
    for (size_t gap = 0; gap <= 6; gap++) {
        text t = diff_with_gap(gap);
        ck_assert_msg(count_hunks(t.data) == 1, "gap %zu:\n%s", gap, t.data);
        free(t.data);
    }
    text t = diff_with_gap(6);
    ck_assert_str_eq(t.data, "--- a/d.txt\n+++ b/d.txt\n@@ -1,11 +1,11 @@\n"
                             "-the swarm\n+the group\n"
                             " plain\n plain\n plain\n plain\n plain\n plain\n"
                             "-the swarm\n+the group\n"
                             " plain\n plain\n plain\n");
    free(t.data);
}
END_TEST

START_TEST(diff_splits_hunks_whose_changes_are_seven_lines_apart)
{
    text t = diff_with_gap(7);
    ck_assert_str_eq(t.data, "--- a/d.txt\n+++ b/d.txt\n@@ -1,4 +1,4 @@\n"
                             "-the swarm\n+the group\n"
                             " plain\n plain\n plain\n"
                             "@@ -6,7 +6,7 @@\n"
                             " plain\n plain\n plain\n"
                             "-the swarm\n+the group\n"
                             " plain\n plain\n plain\n");
    free(t.data);
}
END_TEST

/* --- applying the diff ------------------------------------------------------------------ */

typedef struct cursor {
    const char *p, *end;
} cursor;

/* The next line of `c`, with its "\n" (if any); len 0 at the end. */
static size_t next_line(cursor *c, const char **line)
{
    const char *nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
    size_t len = nl ? (size_t)(nl - c->p) + 1 : (size_t)(c->end - c->p);
    *line = c->p;
    c->p += len;
    return len;
}

/* Copies the old text's lines until `*at` reaches line `upto` (1-based). */
static void copy_lines(text *out, cursor *old, size_t *at, size_t upto)
{
    const char *line;
    size_t len;
    while (*at < upto && (len = next_line(old, &line)) > 0) {
        collect(out, line, len);
        (*at)++;
    }
}

/* Applies one hunk's body, checking that its '-' and ' ' lines are the old
 * text's. A "\ No newline" line takes back the "\n" the diff added. */
static void apply_hunk(text *out, cursor *old, size_t *at, cursor *diff)
{
    const char *line, *was;
    size_t len;
    char last = 0;
    while (diff->p < diff->end && *diff->p != '@' && (len = next_line(diff, &line)) > 0) {
        if (line[0] == '\\') {
            ck_assert_int_ne(last, 0);
            if (last != '-')
                out->data[--out->len] = '\0';
            continue;
        }
        last = line[0];
        if (last == ' ' || last == '-') {
            size_t had = next_line(old, &was);
            (*at)++;
            ck_assert_msg(had >= len - 2 && !memcmp(was, line + 1, len - 2),
                          "diff line does not match the old text: %.*s", (int)len, line);
        }
        if (last == ' ' || last == '+')
            collect(out, line + 1, len - 1);
    }
}

static text apply_diff(const char *old_data, size_t old_len, const text *diff)
{
    text out = {NULL, 0, 0};
    cursor old = {old_data, old_data + old_len}, d = {diff->data, diff->data + diff->len};
    const char *line;
    size_t at = 1;
    next_line(&d, &line); /* --- */
    next_line(&d, &line); /* +++ */
    while (d.p < d.end) {
        size_t len = next_line(&d, &line);
        unsigned long first = 0;
        ck_assert_msg(len > 4 && sscanf(line, "@@ -%lu,", &first) == 1, "not a hunk: %.*s",
                      (int)len, line);
        copy_lines(&out, &old, &at, first);
        apply_hunk(&out, &old, &at, &d);
    }
    copy_lines(&out, &old, &at, (size_t)-1);
    collect(&out, "", 0);
    return out;
}

static void assert_diff_applies(const fl_ruleset *rs, const char *path, const char *data,
                                size_t len)
{
    linted l;
    lint(&l, rs, path, data, len);
    size_t n_fix = 0, n_diff = 0;
    text fix = fixed(&l, &n_fix), diff = diffed(&l, NULL, &n_diff);
    ck_assert_uint_eq(n_fix, n_diff);
    text applied = apply_diff(data, len, &diff);
    ck_assert_msg(applied.len == fix.len && !memcmp(applied.data, fix.data, fix.len),
                  "%s: applying the diff gives\n%s\nbut fl_fix gives\n%s", path,
                  applied.data, fix.data);
    free(applied.data);
    free(diff.data);
    free(fix.data);
    unlint(&l);
}

START_TEST(diff_applied_reproduces_the_fix_on_every_sample_draft)
{
    fl_ruleset *rs = compile(NULL);
    static const char *const drafts[] = {"campaign-page.html", "press-release.md",
                                         "social-posts.txt"};
    for (size_t i = 0; i < sizeof drafts / sizeof *drafts; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/corpora/drafts/%s", FL_SOURCE_DIR, drafts[i]);
        size_t len = 0;
        char *data = read_test_file(path, &len);
        ck_assert_ptr_nonnull(data);
        assert_diff_applies(rs, path, data, len);
        free(data);
    }
    fl_ruleset_free(rs);
}
END_TEST

START_TEST(diff_applied_reproduces_the_fix_with_crlf_and_no_final_newline)
{
    fl_ruleset *rs = compile(swarm_rules);
    static const char data[] = "\xEF\xBB\xBFthe swarm\r\na\r\nb\r\nc\r\nd\r\ne\r\nf\r\ng\r\n"
                               "h\r\nthe swarm of them\r\ni\r\nthe swarm";
    assert_diff_applies(rs, "d.txt", data, sizeof data - 1);
    fl_ruleset_free(rs);
}
END_TEST

/* --- rewrites that read as English -------------------------------------------------- */

/* One term rule (`as: noun`, so forms are generated) rewriting `words`. */
#define NOUN_RULE(id, words, rewrite)                                          \
    "  - id: " id "\n    kind: term\n    category: loaded-term\n"              \
    "    message: \"m\"\n    explain: A rule for tests.\n    terms:\n"          \
    "      - match: [" words "]\n        suggest: [" rewrite "]\n"

static void assert_english(const char *rules, const char *before, const char *after)
{
    fl_ruleset *rs = compile(rules);
    size_t applied = 0;
    text t = fix_text(rs, "d.txt", before, strlen(before), &applied);
    ck_assert_str_eq(t.data, after);
    free(t.data);
    fl_ruleset_free(rs);
}

/* A rewrite that would repeat the word before or after what it replaces
 * is refused, and the next one is taken: "openly undocumented illegal
 * immigrant" must not become "undocumented undocumented migrant" (a real
 * item of en-heldout37 did), and "thousands of people" no "many of of". */
START_TEST(fix_never_doubles_a_word_beside_the_rewrite)
{
    assert_english(RULES_HEAD NOUN_RULE("a", "illegal immigrant", "undocumented migrant, irregular migrant"),
                   "He was an openly undocumented illegal immigrant at the time.",
                   "He was an openly undocumented irregular migrant at the time.");
    assert_english(RULES_HEAD NOUN_RULE("a", "illegal immigrant", "undocumented migrant"),
                   "An undocumented illegal immigrant spoke.",
                   "An undocumented illegal immigrant spoke.");
    assert_english(RULES_HEAD TERM_RULE("b", "warning", "thousands", "many of"),
                   "We saw thousands of people.", "We saw thousands of people.");
    /* an article is no word to double: the rewrite's own "an" replaces it */
    assert_english(RULES_HEAD NOUN_RULE("a", "illegal immigrant", "undocumented migrant"),
                   "He met an illegal immigrant.", "He met an undocumented migrant.");
}
END_TEST


START_TEST(fix_writes_a_before_an_initialism_read_as_you)
{
    static const char rules[] = RULES_HEAD
        NOUN_RULE("anchor", "anchor baby", "US-born child of immigrant parents")
        NOUN_RULE("alien", "alien", "NHS nurse");
    assert_english(rules, "They call him an anchor baby.",
                   "They call him a US-born child of immigrant parents.");
    assert_english(rules, "She is a alien.", "She is an NHS nurse.");
}
END_TEST

START_TEST(fix_makes_an_article_led_rewrite_plural_without_its_article)
{
    static const char rules[] = RULES_HEAD NOUN_RULE("horde", "horde of", "a group of");
    assert_english(rules, "Hordes of refugees are on their way.",
                   "Groups of refugees are on their way.");
    assert_english(rules, "A horde of refugees is on its way.",
                   "A group of refugees is on its way.");
    static const char boats[] = RULES_HEAD NOUN_RULE("load", "boatload of", "a boat carrying");
    assert_english(boats, "Boatloads of migrants landed.", "Boats carrying migrants landed.");
    assert_english(boats, "A boatload of migrants landed.", "A boat carrying migrants landed.");
}
END_TEST

START_TEST(fix_inflects_the_noun_before_the_rewrites_preposition)
{
    static const char rules[] = RULES_HEAD
        NOUN_RULE("anchor", "anchor baby", "US-born child of immigrant parents");
    assert_english(rules, "Anchor babies are a myth.",
                   "US-born children of immigrant parents are a myth.");
}
END_TEST

START_TEST(fix_leaves_a_participle_in_a_plural_rewrite_alone)
{
    static const char rules[] = RULES_HEAD NOUN_RULE("surge", "surge", "people arriving");
    assert_english(rules, "Surges were reported.", "People arriving were reported.");
}
END_TEST

START_TEST(fix_moves_a_rewrites_article_in_front_of_a_modifier)
{
    static const char rules[] = RULES_HEAD
        NOUN_RULE("influx", "influx of", "the arrival of")
        NOUN_RULE("swarm", "swarm of", "a group of")
        NOUN_RULE("flood", "flood of", "a rise in the number of")
        NOUN_RULE("invasion", "invasion", "arrival");
    assert_english(rules, "Officials feared a sudden influx of asylum seekers.",
                   "Officials feared the sudden arrival of asylum seekers.");
    assert_english(rules, "A new swarm of migrants arrived.",
                   "A new group of migrants arrived.");
    assert_english(rules, "They saw a unexpected flood of migrants.",
                   "They saw an unexpected rise in the number of migrants.");
    assert_english(rules, "A massive invasion of migrants.", "A massive arrival of migrants.");
}
END_TEST

START_TEST(fix_puts_a_quantifier_before_a_modifier_or_drops_the_modifier)
{
    static const char rules[] = RULES_HEAD NOUN_RULE("wave", "wave of", "many")
        NOUN_RULE("tide", "tide", "arrivals");
    assert_english(rules, "The town braced for a new wave of refugees.",
                   "The town braced for many new refugees.");
    /* "many huge refugees" would describe the people, not their number */
    assert_english(rules, "The town braced for a huge wave of refugees.",
                   "The town braced for many refugees.");
    assert_english(rules, "The town braced for a new tide.", "The town braced for new arrivals.");
    assert_english(rules, "The town braced for the new tide.",
                   "The town braced for the new arrivals.");
}
END_TEST

/* --- failures --------------------------------------------------------------------------- */

static int failing_sink(void *payload, const char *data, size_t len)
{
    (void)payload;
    (void)data;
    (void)len;
    return FL_EIO;
}

START_TEST(fix_passes_on_the_sinks_error_and_refuses_bad_arguments)
{
    fl_ruleset *rs = compile(swarm_rules);
    linted l;
    lint(&l, rs, "d.txt", "the swarm\n", 10);
    fl_sink bad = {failing_sink, NULL}, none = {NULL, NULL};
    fl_error err = FL_ERROR_INIT;
    ck_assert_int_eq(fl_fix(NULL, l.doc, l.f, bad, &err), FL_EIO);
    ck_assert_int_eq(err.code, FL_EIO);
    ck_assert_int_eq(fl_fix_diff(NULL, l.doc, l.f, NULL, bad, NULL), FL_EIO);
    ck_assert_int_eq(fl_fix(NULL, l.doc, l.f, none, NULL), FL_EINVAL);
    ck_assert_int_eq(fl_fix(NULL, NULL, l.f, bad, NULL), FL_EINVAL);
    ck_assert_int_eq(fl_fix_diff(NULL, l.doc, NULL, NULL, bad, NULL), FL_EINVAL);
    unlint(&l);
    fl_ruleset_free(rs);
}
END_TEST

/* --- one finding (fl_fix_finding) ---------------------------------------------------- */

static const char two_rewrites_rules[] = RULES_HEAD
    TERM_RULE("swarm", "warning", "swarm", "group, crowd");

/* fl_fix_finding's text for finding `i`, rewrite `k`. */
static text fixed_one(const linted *l, size_t i, size_t k, size_t *applied)
{
    text t = {NULL, 0, 0};
    fl_sink sink = {collect, &t};
    ck_assert_int_eq(fl_fix_finding(applied, l->doc, l->f, i, k, sink, NULL), FL_OK);
    collect(&t, "", 0);
    return t;
}

START_TEST(fix_finding_rewrites_that_finding_only)
{
    fl_ruleset *rs = compile(two_rewrites_rules);
    static const char data[] = "The swarm left.\r\nA swarm came.\r\n";
    linted l;
    lint(&l, rs, "d.txt", data, sizeof data - 1);
    ck_assert_uint_eq(fl_findings_count(l.f), 2);
    size_t applied = 0;
    text first = fixed_one(&l, 0, 0, &applied);
    ck_assert_uint_eq(applied, 1);
    ck_assert_str_eq(first.data, "The group left.\r\nA swarm came.\r\n");
    text second = fixed_one(&l, 1, 1, &applied);
    ck_assert_uint_eq(applied, 1);
    ck_assert_str_eq(second.data, "The swarm left.\r\nA crowd came.\r\n");
    free(first.data);
    free(second.data);
    unlint(&l);
    fl_ruleset_free(rs);
}
END_TEST

START_TEST(fix_finding_pieces_make_up_what_fix_writes)
{
    /* Each finding's rewrite 0, cut out of fl_fix_finding's text and put
     * between the untouched bytes, gives fl_fix's text exactly. */
    fl_ruleset *rs = compile(NULL);
    static const char data[] = "# A flood of migrants\n\nThey call them illegal aliens.\n";
    const size_t len = sizeof data - 1;
    linted l;
    lint(&l, rs, "d.md", data, len);
    size_t all = 0, at = 0;
    text whole = fixed(&l, &all), joined = {NULL, 0, 0};
    ck_assert_uint_eq(all, fl_findings_count(l.f));
    ck_assert_uint_ge(all, 2);
    for (size_t i = 0; i < fl_findings_count(l.f); i++) {
        const fl_finding *x = fl_findings_at(l.f, i);
        size_t applied = 9, off = fl_finding_offset(x), end = off + fl_finding_length(x);
        text one = fixed_one(&l, i, 0, &applied);
        ck_assert_uint_eq(applied, 1);
        ck_assert_mem_eq(one.data, data, off);
        ck_assert_mem_eq(one.data + one.len - (len - end), data + end, len - end);
        collect(&joined, data + at, off - at);
        collect(&joined, one.data + off, one.len - (len - end) - off);
        at = end;
        free(one.data);
    }
    collect(&joined, data + at, len - at);
    ck_assert_str_eq(joined.data, whole.data);
    free(joined.data);
    free(whole.data);
    unlint(&l);
    fl_ruleset_free(rs);
}
END_TEST

START_TEST(fix_finding_leaves_what_fix_leaves_alone)
{
    /* A match across a line break keeps its rewrites but is not fixable. */
    fl_ruleset *rs = compile(swarm_of_rules);
    static const char data[] = "They saw the swarm\nof people.\n";
    linted l;
    lint(&l, rs, "d.txt", data, sizeof data - 1);
    ck_assert_uint_eq(fl_findings_count(l.f), 1);
    ck_assert_uint_eq(fl_finding_suggestion_count(fl_findings_at(l.f, 0)), 1);
    size_t applied = 9;
    text t = fixed_one(&l, 0, 0, &applied);
    ck_assert_uint_eq(applied, 0);
    ck_assert_str_eq(t.data, data);
    free(t.data);
    unlint(&l);
    fl_ruleset_free(rs);
}
END_TEST

START_TEST(fix_finding_refuses_an_index_or_rewrite_out_of_range)
{
    fl_ruleset *rs = compile(swarm_of_rules);
    static const char data[] = "A swarm of them.\n";
    linted l;
    lint(&l, rs, "d.txt", data, sizeof data - 1);
    ck_assert_uint_eq(fl_findings_count(l.f), 1);
    text t = {NULL, 0, 0};
    fl_sink sink = {collect, &t};
    fl_error err = FL_ERROR_INIT;
    ck_assert_int_eq(fl_fix_finding(NULL, l.doc, l.f, 1, 0, sink, &err), FL_EINVAL);
    ck_assert_int_eq(fl_fix_finding(NULL, l.doc, l.f, 0, 1, sink, &err), FL_EINVAL);
    ck_assert_int_eq(fl_fix_finding(NULL, NULL, l.f, 0, 0, sink, &err), FL_EINVAL);
    ck_assert_ptr_null(t.data);
    unlint(&l);
    fl_ruleset_free(rs);
}
END_TEST

Suite *suite_fix(void)
{
    Suite *s = suite_create("fix");
    TCase *tc = tcase_create("bytes");
    tcase_add_test(tc, fix_keeps_crlf_line_endings);
    tcase_add_test(tc, fix_keeps_cr_only_line_endings);
    tcase_add_test(tc, fix_keeps_a_utf8_byte_order_mark);
    tcase_add_test(tc, fix_keeps_a_missing_final_newline);
    tcase_add_test(tc, fix_keeps_invalid_utf8_elsewhere);
    tcase_add_test(tc, fix_keeps_control_bytes_elsewhere);
    tcase_add_test(tc, fix_never_deletes_a_nul_byte);
    tcase_add_test(tc, fix_of_nothing_writes_the_text_unchanged);
    suite_add_tcase(s, tc);
    tc = tcase_create("overlaps");
    tcase_add_test(tc, overlap_crossing_spans_are_all_left);
    tcase_add_test(tc, overlap_inner_finding_says_the_outer_rewrite_replaces_it);
    tcase_add_test(tc, overlap_on_a_shared_edge_word_is_one_rewrite);
    tcase_add_test(tc, fix_rewrites_what_its_own_rewrite_shows);
    tcase_add_test(tc, fix_keeps_a_possessive_ending);
    tcase_add_test(tc, diff_shows_every_round);
    tcase_add_test(tc, overlap_same_start_longer_span_wins);
    tcase_add_test(tc, overlap_same_span_more_severe_wins);
    tcase_add_test(tc, overlap_same_span_and_severity_earlier_rule_wins);
    tcase_add_test(tc, overlap_leaves_later_disjoint_findings_fixable);
    suite_add_tcase(s, tc);
    tc = tcase_create("not rewritten");
    tcase_add_test(tc, match_across_a_line_break_is_not_rewritten);
    tcase_add_test(tc, match_across_a_block_quote_continuation_is_not_rewritten);
    tcase_add_test(tc, match_inside_a_block_quote_line_keeps_its_markers);
    tcase_add_test(tc, finding_inside_a_quotation_is_not_rewritten);
    tcase_add_test(tc, match_partly_in_quotation_marks_is_reported_not_rewritten);
    tcase_add_test(tc, match_holding_a_lone_mark_is_not_rewritten);
    suite_add_tcase(s, tc);
    tc = tcase_create("idempotence");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, fix_is_idempotent_on_every_sample_draft);
    tcase_add_test(tc, fix_is_idempotent_on_every_flag_example_of_every_default_rule);
    suite_add_tcase(s, tc);
    tc = tcase_create("diff");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, diff_is_exact_for_a_small_case);
    tcase_add_test(tc, diff_of_a_cr_only_file_is_by_lines);
    tcase_add_test(tc, diff_names_an_absolute_path_bare_and_prefers_the_shown_name);
    tcase_add_test(tc, diff_marks_a_missing_final_newline);
    tcase_add_test(tc, diff_of_nothing_to_fix_is_empty);
    tcase_add_test(tc, diff_merges_hunks_whose_changes_are_six_lines_apart_or_closer);
    tcase_add_test(tc, diff_splits_hunks_whose_changes_are_seven_lines_apart);
    tcase_add_test(tc, diff_applied_reproduces_the_fix_on_every_sample_draft);
    tcase_add_test(tc, diff_applied_reproduces_the_fix_with_crlf_and_no_final_newline);
    suite_add_tcase(s, tc);
    tc = tcase_create("english");
    tcase_add_test(tc, fix_writes_a_before_an_initialism_read_as_you);
    tcase_add_test(tc, fix_makes_an_article_led_rewrite_plural_without_its_article);
    tcase_add_test(tc, fix_inflects_the_noun_before_the_rewrites_preposition);
    tcase_add_test(tc, fix_leaves_a_participle_in_a_plural_rewrite_alone);
    tcase_add_test(tc, fix_moves_a_rewrites_article_in_front_of_a_modifier);
    tcase_add_test(tc, fix_puts_a_quantifier_before_a_modifier_or_drops_the_modifier);
    tcase_add_test(tc, fix_never_doubles_a_word_beside_the_rewrite);
    suite_add_tcase(s, tc);
    tc = tcase_create("failures");
    tcase_add_test(tc, fix_passes_on_the_sinks_error_and_refuses_bad_arguments);
    suite_add_tcase(s, tc);
    tc = tcase_create("one finding");
    tcase_add_test(tc, fix_finding_rewrites_that_finding_only);
    tcase_add_test(tc, fix_finding_pieces_make_up_what_fix_writes);
    tcase_add_test(tc, fix_finding_leaves_what_fix_leaves_alone);
    tcase_add_test(tc, fix_finding_refuses_an_index_or_rewrite_out_of_range);
    suite_add_tcase(s, tc);
    return s;
}

/*
 * lint: fl_lint and fl_document as a caller sees them — odd input (empty,
 * invalid UTF-8, NUL bytes, too large), language choice, options, positions,
 * many threads on one ruleset, and out-of-memory at every allocation.
 */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "framelint/framelint.h"
#include "helpers.h"

#define EN "ruleset: t\nlanguage: en\nguidance: g\nrules:\n"
#define TERM_IN(category, id, severity)                                        \
    "  - id: " id "\n    kind: term\n    category: " category "\n    severity: "  \
    severity "\n    message: \"{match}\"\n    explain: e\n"
#define TERM(id, severity) TERM_IN("c", id, severity)
#define FLOOD "    terms:\n      - match: flood\n"
#define FR_AFFLUX                                                              \
    "ruleset: f\nlanguage: fr\nguidance: g\nrules:\n" TERM("r", "warning")     \
    "    terms:\n      - match: afflux\n"

static fl_ruleset *compile_rules(const fl_allocator *alloc, const char *a, const char *b)
{
    fl_ruleset *rs = NULL;
    fl_error err = FL_ERROR_INIT;
    char msg[512];
    ck_assert_int_eq(fl_ruleset_new(&rs, alloc, &err), FL_OK);
    int rc = fl_ruleset_add_buffer(rs, "a.yml", a, strlen(a), &err);
    if (rc == FL_OK && b)
        rc = fl_ruleset_add_buffer(rs, "b.yml", b, strlen(b), &err);
    if (rc == FL_OK)
        rc = fl_ruleset_compile(rs, &err);
    fl_error_format(&err, msg, sizeof msg);
    ck_assert_msg(rc == FL_OK, "%s", msg);
    return rs;
}

static fl_document *new_doc(const char *path, const char *text, size_t len)
{
    fl_document *doc = NULL;
    ck_assert_int_eq(fl_document_new(&doc, NULL, path, text, len, FL_FORMAT_AUTO, NULL),
                     FL_OK);
    return doc;
}

static fl_findings *lint(const fl_ruleset *rs, const fl_document *doc,
                         const fl_lint_options *opts)
{
    fl_findings *f = NULL;
    fl_error err = FL_ERROR_INIT;
    ck_assert_int_eq(fl_lint(&f, rs, doc, opts, &err), FL_OK);
    ck_assert_ptr_nonnull(f);
    return f;
}

/* Findings as "offset+length rule message [suggestions]" lines. */
static char *describe(const fl_findings *f)
{
    size_t cap = 65536, used = 0;
    char *out = malloc(cap);
    ck_assert_ptr_nonnull(out);
    out[0] = '\0';
    for (size_t i = 0; i < fl_findings_count(f) && used < cap; i++) {
        const fl_finding *x = fl_findings_at(f, i);
        used += (size_t)snprintf(out + used, cap - used, "%zu+%zu %s %d %s [",
                                 fl_finding_offset(x), fl_finding_length(x),
                                 fl_rule_id(fl_finding_rule(x)), fl_finding_severity(x),
                                 fl_finding_message(x));
        for (size_t k = 0; k < fl_finding_suggestion_count(x) && used < cap; k++)
            used += (size_t)snprintf(out + used, cap - used, "%s;", fl_finding_suggestion(x, k));
        if (used < cap)
            used += (size_t)snprintf(out + used, cap - used, "]\n");
    }
    for (size_t i = 0; i < fl_findings_notice_count(f) && used < cap; i++) {
        size_t off;
        const char *n = fl_findings_notice(f, i, &off);
        used += (size_t)snprintf(out + used, cap - used, "notice %zu %s\n", off, n);
    }
    return out;
}

/* --- input ---------------------------------------------------------------------- */

START_TEST(lint_empty_document_has_nothing)
{
    fl_ruleset *rs = compile_rules(NULL, EN TERM("r", "warning") FLOOD, NULL);
    fl_document *docs[2] = {new_doc("e.txt", "", 0), new_doc(NULL, NULL, 0)};
    for (size_t i = 0; i < 2; i++) {
        fl_findings *f = lint(rs, docs[i], NULL);
        ck_assert_uint_eq(fl_findings_count(f), 0);
        ck_assert_uint_eq(fl_findings_notice_count(f), 0);
        ck_assert_str_eq(fl_findings_language(f), "en");
        fl_findings_free(f);
        fl_document_free(docs[i]);
    }
    fl_ruleset_free(rs);
}
END_TEST

START_TEST(lint_invalid_utf8_gives_one_notice_and_lints_around)
{
    fl_ruleset *rs = compile_rules(NULL, EN TERM("r", "warning") FLOOD, NULL);
    const char text[] = "A flood here.\xff\xfe A flood \xc3 there. Another flood.";
    fl_document *doc = new_doc("bad.txt", text, sizeof text - 1);
    fl_findings *f = lint(rs, doc, NULL);
    ck_assert_uint_eq(fl_findings_count(f), 3);
    ck_assert_uint_eq(fl_finding_offset(fl_findings_at(f, 1)), 18);
    ck_assert_uint_eq(fl_finding_offset(fl_findings_at(f, 2)), 41);
    ck_assert_uint_eq(fl_findings_notice_count(f), 1);
    size_t off = 0;
    const char *notice = fl_findings_notice(f, 0, &off);
    ck_assert_uint_eq(off, 13);
    ck_assert_msg(strstr(notice, "invalid UTF-8 at byte 13") != NULL, "%s", notice);
    fl_findings_free(f);
    fl_document_free(doc);
    fl_ruleset_free(rs);
}
END_TEST

START_TEST(lint_nul_bytes_do_not_end_the_text)
{
    fl_ruleset *rs = compile_rules(NULL, EN TERM("r", "warning") FLOOD, NULL);
    const char text[] = "A flood\0here.\0\0 A flood.";
    fl_document *doc = new_doc("nul.txt", text, sizeof text - 1);
    size_t len;
    ck_assert_ptr_nonnull(fl_document_data(doc, &len));
    ck_assert_uint_eq(len, sizeof text - 1);
    fl_findings *f = lint(rs, doc, NULL);
    ck_assert_uint_eq(fl_findings_count(f), 2);
    ck_assert_uint_eq(fl_finding_offset(fl_findings_at(f, 1)), 18);
    ck_assert_uint_eq(fl_findings_notice_count(f), 1);
    size_t off = 0;
    const char *notice = fl_findings_notice(f, 0, &off);
    ck_assert_uint_eq(off, 7);
    ck_assert_str_eq(notice, "NUL byte at byte 7: not text; it ends the sentence it is "
                     "in and no rewrite removes it");
    fl_findings_free(f);
    fl_document_free(doc);
    fl_ruleset_free(rs);
}
END_TEST

/* Issue 8, item 5: a NUL is not text. A phrase does not reach across one
 * (so its rewrite cannot delete it), a pattern's sentence ends at it, and
 * a message that quotes a span holding one (a density rule's, across
 * sentences) shows U+FFFD instead of stopping there. */
START_TEST(lint_nul_byte_ends_the_sentence_and_no_message)
{
    fl_ruleset *rs = compile_rules(NULL, EN TERM("r", "warning")
        "    terms:\n      - match: flood of\n"
        "  - id: p\n    kind: pattern\n    category: p\n    message: \"{match}\"\n"
        "    explain: e\n    pattern: 'people\\W+came'\n"
        "  - id: d\n    kind: density\n    category: d\n    message: \"{match}\"\n"
        "    explain: e\n    count: [number]\n    unit: paragraph\n    min: 3\n", NULL);
    const char text[] = "A flood\0 of people\0came. A flood of 3, 4\0 and 5 people.";
    fl_document *doc = new_doc("nul.txt", text, sizeof text - 1);
    fl_findings *f = lint(rs, doc, NULL);
    char *got = describe(f);
    ck_assert_str_eq(got, "27+8 t.r 2 flood of []\n"
                     "36+11 t.d 2 3, 4\xEF\xBF\xBD and 5 []\n"
                     "notice 7 NUL byte at byte 7: not text; it ends the sentence it "
                     "is in and no rewrite removes it\n");
    free(got);
    fl_findings_free(f);
    fl_document_free(doc);
    fl_ruleset_free(rs);
}
END_TEST

START_TEST(lint_refuses_document_over_limit)
{
    /* Address space only: the pages are never touched unless the library
     * copies them, which it must not do past the limit. */
    size_t len = FL_MAX_DOCUMENT_BYTES + 1;
    void *big = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                     -1, 0);
    if (big == MAP_FAILED)
        return; /* no address space for the check on this machine */
    fl_document *doc = NULL;
    fl_error err = FL_ERROR_INIT;
    ck_assert_int_eq(fl_document_new(&doc, NULL, "big.txt", big, len, FL_FORMAT_PLAIN, &err),
                     FL_ELIMIT);
    ck_assert_ptr_null(doc);
    char msg[256];
    fl_error_format(&err, msg, sizeof msg);
    ck_assert_str_eq(msg, "big.txt: file is larger than 1 GiB (limit FL_MAX_DOCUMENT_BYTES)");
    munmap(big, len);
}
END_TEST

/* --- languages and options --------------------------------------------------------- */

static char *lint_text(const fl_ruleset *rs, const char *path, const char *text,
                       const char *language, const char **lang_out)
{
    static char lang[16];
    fl_document *doc = new_doc(path, text, strlen(text));
    fl_lint_options opts = FL_LINT_OPTIONS_INIT;
    opts.language = language;
    fl_findings *f = lint(rs, doc, &opts);
    char *out = describe(f);
    snprintf(lang, sizeof lang, "%s", fl_findings_language(f));
    *lang_out = lang;
    fl_findings_free(f);
    fl_document_free(doc);
    return out;
}

static void expect_language(const fl_ruleset *rs, const char *path, const char *text,
                            const char *option, const char *want_lang, const char *want)
{
    const char *lang;
    char *got = lint_text(rs, path, text, option, &lang);
    ck_assert_str_eq(lang, want_lang);
    ck_assert_str_eq(got, want);
    free(got);
}

START_TEST(lint_language_option_beats_document_beats_english)
{
    fl_ruleset *rs = compile_rules(NULL, EN TERM("r", "warning") FLOOD, FR_AFFLUX);
    const char *plain = "Un afflux, a flood.";
    expect_language(rs, "a.txt", plain, NULL, "en", "13+5 t.r 2 flood []\n");
    expect_language(rs, "a.txt", plain, "fr", "fr", "3+6 f.r 2 afflux []\n");
    const char *html = "<html lang=\"fr-BE\"><body><p>Un afflux, a flood.</p></body></html>";
    expect_language(rs, "a.html", html, NULL, "fr", "31+6 f.r 2 afflux []\n");
    expect_language(rs, "a.html", html, "en", "en", "41+5 t.r 2 flood []\n");
    const char *md = "---\nlang: fr\n---\nUn afflux, a flood.\n";
    expect_language(rs, "a.md", md, NULL, "fr", "20+6 f.r 2 afflux []\n");
    fl_ruleset_free(rs);
}
END_TEST

START_TEST(lint_notices_language_without_rules)
{
    fl_ruleset *rs = compile_rules(NULL, EN TERM("r", "warning") FLOOD, NULL);
    expect_language(rs, "a.txt", "Eine Flut, a flood.", "de", "de",
                    "notice 0 no rules for language 'de'; nothing was checked\n");
    fl_ruleset_free(rs);
}
END_TEST

START_TEST(lint_options_init_has_documented_defaults)
{
    fl_lint_options opts = FL_LINT_OPTIONS_INIT;
    ck_assert_uint_eq(opts.version, FL_LINT_OPTIONS_VERSION);
    ck_assert_ptr_null(opts.language);
    ck_assert_int_eq(opts.min_severity, FL_SEVERITY_SUGGESTION);
    ck_assert_ptr_null(opts.regex_budget);
    /* NULL options behave like the defaults. */
    fl_ruleset *rs = compile_rules(NULL, EN TERM("s", "suggestion") FLOOD, NULL);
    fl_document *doc = new_doc("a.txt", "A flood.", 8);
    fl_findings *a = lint(rs, doc, &opts), *b = lint(rs, doc, NULL);
    char *da = describe(a), *db = describe(b);
    ck_assert_str_eq(da, "2+5 t.s 1 flood []\n");
    ck_assert_str_eq(da, db);
    free(da);
    free(db);
    fl_findings_free(a);
    fl_findings_free(b);
    fl_document_free(doc);
    fl_ruleset_free(rs);
}
END_TEST

START_TEST(lint_refuses_bad_arguments)
{
    fl_ruleset *rs = compile_rules(NULL, EN TERM("r", "warning") FLOOD, NULL);
    fl_document *doc = new_doc("a.txt", "A flood.", 8);
    fl_findings *f = (fl_findings *)&f; /* must be reset to NULL */
    fl_error err = FL_ERROR_INIT;
    fl_lint_options opts = FL_LINT_OPTIONS_INIT;
    opts.version = FL_LINT_OPTIONS_VERSION + 1;
    ck_assert_int_eq(fl_lint(&f, rs, doc, &opts, &err), FL_EINVAL);
    ck_assert_ptr_null(f);
    ck_assert_str_eq(err.message, "unknown fl_lint_options version 3");
    ck_assert_int_eq(fl_lint(&f, NULL, doc, NULL, &err), FL_EINVAL);
    ck_assert_int_eq(fl_lint(&f, rs, NULL, NULL, &err), FL_EINVAL);
    ck_assert_int_eq(fl_lint(NULL, rs, doc, NULL, &err), FL_EINVAL);
    fl_ruleset *raw = NULL;
    ck_assert_int_eq(fl_ruleset_new(&raw, NULL, &err), FL_OK);
    f = (fl_findings *)&f;
    ck_assert_int_eq(fl_lint(&f, raw, doc, NULL, &err), FL_EINVAL);
    ck_assert_ptr_null(f);
    ck_assert_str_eq(err.message, "the ruleset is not compiled; call fl_ruleset_compile first");
    fl_ruleset_free(raw);
    fl_document_free(doc);
    fl_ruleset_free(rs);
}
END_TEST

/* Issue 8, item 15: one stray opening mark made every later finding in the
 * paragraph "quoted", one level lower, so an error passed --fail-on error. */
START_TEST(lint_stray_opening_quote_does_not_lower_later_sentences)
{
    fl_ruleset *rs = compile_rules(NULL, EN TERM("r", "error") FLOOD, NULL);
    const char text[] = "He said \xe2\x80\x9cwe came. A flood followed. "
                        "\xe2\x80\x9c" "A flood came. It rose,\xe2\x80\x9d she said.";
    fl_document *doc = new_doc("q.txt", text, sizeof text - 1);
    fl_findings *f = lint(rs, doc, NULL);
    ck_assert_uint_eq(fl_findings_count(f), 2);
    ck_assert_int_eq(fl_finding_severity(fl_findings_at(f, 0)), FL_SEVERITY_ERROR);
    /* a quotation that closes still reports what someone said */
    ck_assert_int_eq(fl_finding_severity(fl_findings_at(f, 1)), FL_SEVERITY_WARNING);
    fl_findings_free(f);
    fl_document_free(doc);
    fl_ruleset_free(rs);
}
END_TEST

static size_t count_notices(const fl_findings *f, const char *part, size_t *first_off)
{
    size_t n = 0;
    for (size_t i = 0; i < fl_findings_notice_count(f); i++) {
        size_t off;
        const char *msg = fl_findings_notice(f, i, &off);
        if (strstr(msg, part) && !n++ && first_off)
            *first_off = off;
    }
    return n;
}

/* --- bounded memory (issue 8, item 9) -------------------------------------------- */

/* An allocator that knows how much is live and the most that ever was. */
typedef struct peak_alloc {
    size_t live, peak;
} peak_alloc;

static void *peak_malloc(void *payload, size_t size)
{
    peak_alloc *p = payload;
    size_t *block = malloc(sizeof(size_t) * 2 + size);
    if (!block)
        return NULL;
    block[0] = size;
    p->live += size;
    p->peak = p->live > p->peak ? p->live : p->peak;
    return block + 2;
}

static void peak_free(void *payload, void *ptr)
{
    peak_alloc *p = payload;
    if (!ptr)
        return;
    size_t *block = (size_t *)ptr - 2;
    p->live -= block[0];
    free(block);
}

static void *peak_realloc(void *payload, void *ptr, size_t size)
{
    void *fresh = peak_malloc(payload, size);
    if (fresh && ptr) {
        size_t old = ((size_t *)ptr)[-2];
        memcpy(fresh, ptr, old < size ? old : size);
        peak_free(payload, ptr);
    }
    return fresh;
}

/* One 8 MiB paragraph cost 14 times its size to lint (tokens, indexes);
 * now it is linted in 1 MiB parts, so what linting adds to the document
 * stays bounded, and what is on either side of a cut is still found. */
START_TEST(lint_memory_for_one_huge_paragraph_is_bounded)
{
    peak_alloc p = {0, 0};
    fl_allocator a = {peak_malloc, peak_realloc, peak_free, &p};
    fl_ruleset *rs = compile_rules(&a, EN TERM("r", "warning") FLOOD, NULL);
    static const char filler[] = "Some people came here. ";
    size_t n = 8 * (FL_MAX_BLOCK_BYTES / (sizeof filler - 1)), len = 0;
    char *text = malloc(n * (sizeof filler - 1) + 64);
    ck_assert_ptr_nonnull(text);
    len += (size_t)sprintf(text, "A flood. ");
    for (size_t i = 0; i < n; i++, len += sizeof filler - 1)
        memcpy(text + len, filler, sizeof filler - 1);
    len += (size_t)sprintf(text + len, "A flood.");
    fl_document *doc = NULL;
    ck_assert_int_eq(fl_document_new(&doc, &a, "big.txt", text, len, FL_FORMAT_AUTO, NULL),
                     FL_OK);
    size_t before = p.live;
    p.peak = p.live;
    fl_findings *f = lint(rs, doc, NULL);
    ck_assert_uint_eq(fl_findings_count(f), 2);
    ck_assert_uint_eq(fl_finding_offset(fl_findings_at(f, 1)), len - 6);
    size_t off = 0;
    ck_assert_uint_eq(count_notices(f, "FL_MAX_BLOCK_BYTES (1 MiB): it was linted in parts",
                                    &off), 1);
    ck_assert_uint_le(off, FL_MAX_BLOCK_BYTES);
    ck_assert_msg(p.peak - before < 24 * FL_MAX_BLOCK_BYTES, "linting took %zu MiB",
                  (p.peak - before) >> 20);
    fl_findings_free(f);
    fl_document_free(doc);
    free(text);
    fl_ruleset_free(rs);
}
END_TEST

/* --- regular expression budgets (issue 8, item 8) -------------------------------- */

#define SLOW_PATTERN                                                           \
    "  - id: slow\n    kind: pattern\n    category: p\n    message: m\n"         \
    "    explain: e\n    pattern: '(\\w+\\s?)*$'\n"

/* `n` sentences on which SLOW_PATTERN backtracks: each needs more than the
 * free first attempt but stays under the per-sentence limit, so only a
 * budget over all of them stops the pattern. */
static char *slow_sentences(size_t n, size_t *len)
{
    static const char one[] = "People came here. ";
    char *text = malloc(n * (sizeof one - 1) + 1);
    ck_assert_ptr_nonnull(text);
    for (size_t i = 0; i < n; i++)
        memcpy(text + i * (sizeof one - 1), one, sizeof one - 1);
    *len = n * (sizeof one - 1);
    text[*len] = '\0';
    return text;
}

/* Before, each sentence got its own FL_REGEX_MATCH_LIMIT and no sentence
 * reached it, so a long draft ran for minutes in silence. */
START_TEST(lint_regex_budget_per_document_stops_a_backtracking_pattern)
{
    fl_ruleset *rs = compile_rules(NULL, EN SLOW_PATTERN, NULL);
    size_t len, off = 0;
    char *text = slow_sentences(3000, &len);
    fl_document *doc = new_doc("slow.txt", text, len);
    fl_findings *f = lint(rs, doc, NULL);
    ck_assert_uint_eq(count_notices(f, "this document's (FL_REGEX_DOCUMENT_STEPS) regular "
                                    "expression budget is spent", &off), 1);
    ck_assert_uint_gt(off, 0);
    ck_assert_uint_lt(off, len);
    ck_assert_uint_eq(count_notices(f, "match limit", NULL), 0);
    fl_findings_free(f);
    fl_document_free(doc);
    free(text);
    fl_ruleset_free(rs);
}
END_TEST

/* A run budget is shared by the documents given it: the second finds it
 * spent at its first costly sentence. Options of version 1, without the
 * field, are still accepted. */
START_TEST(lint_regex_budget_per_run_is_shared_by_documents)
{
    fl_ruleset *rs = compile_rules(NULL, EN SLOW_PATTERN, NULL);
    size_t len, off = 99;
    char *text = slow_sentences(200, &len);
    fl_document *doc = new_doc("slow.txt", text, len);
    unsigned long long budget = 500000;
    fl_lint_options opts = FL_LINT_OPTIONS_INIT;
    opts.regex_budget = &budget;
    fl_findings *a = lint(rs, doc, &opts);
    ck_assert_uint_eq(count_notices(a, "the run's regular expression budget is spent", NULL), 1);
    ck_assert_uint_lt(budget, 500000);
    fl_findings *b = lint(rs, doc, &opts);
    ck_assert_uint_eq(count_notices(b, "the run's regular expression budget is spent", &off), 1);
    ck_assert_uint_eq(off, 0);
    opts.version = 1;
    fl_findings *c = lint(rs, doc, &opts);
    ck_assert_uint_eq(count_notices(c, "budget is spent", NULL), 0);
    fl_findings_free(a);
    fl_findings_free(b);
    fl_findings_free(c);
    fl_document_free(doc);
    free(text);
    fl_ruleset_free(rs);
}
END_TEST

/* Three categories, so that one span is three problems (within a category
 * the most severe finding on a span stands for the others). */
START_TEST(lint_min_severity_drops_lower_findings)
{
    fl_ruleset *rs = compile_rules(NULL, EN TERM_IN("c1", "s", "suggestion") FLOOD
                                   TERM_IN("c2", "w", "warning") FLOOD
                                   TERM_IN("c3", "e", "error") FLOOD, NULL);
    fl_document *doc = new_doc("a.txt", "A flood.", 8);
    fl_lint_options opts = FL_LINT_OPTIONS_INIT;
    const char *want[] = {"", "2+5 t.s 1 flood []\n2+5 t.w 2 flood []\n2+5 t.e 3 flood []\n",
                          "2+5 t.w 2 flood []\n2+5 t.e 3 flood []\n", "2+5 t.e 3 flood []\n"};
    for (int s = FL_SEVERITY_SUGGESTION; s <= FL_SEVERITY_ERROR; s++) {
        opts.min_severity = (fl_severity)s;
        fl_findings *f = lint(rs, doc, &opts);
        char *got = describe(f);
        ck_assert_str_eq(got, want[s]);
        free(got);
        fl_findings_free(f);
    }
    fl_document_free(doc);
    fl_ruleset_free(rs);
}
END_TEST

/* --- documents ------------------------------------------------------------------ */

static fl_position position(const fl_document *doc, size_t off)
{
    fl_position p;
    memset(&p, 0xff, sizeof p);
    ck_assert_int_eq(fl_document_position(&p, doc, off), FL_OK);
    return p;
}

#define ASSERT_POS(doc, off, l, c, lo, ll)                                     \
    do {                                                                       \
        fl_position p_ = position((doc), (off));                               \
        ck_assert_uint_eq(p_.line, (l));                                       \
        ck_assert_uint_eq(p_.column, (c));                                     \
        ck_assert_uint_eq(p_.line_offset, (lo));                               \
        ck_assert_uint_eq(p_.line_length, (ll));                               \
    } while (0)

START_TEST(lint_document_position_counts_lines_and_code_points)
{
    const char text[] = "ab\r\n\tx\r\n\xc3\xa9 \xe2\x80\x93 y\n\xff" "z\ncd";
    fl_document *doc = new_doc("p.txt", text, sizeof text - 1);
    ASSERT_POS(doc, 0, 1, 1, 0, 2);
    ASSERT_POS(doc, 2, 1, 3, 0, 2);  /* the CR is past the line's content */
    ASSERT_POS(doc, 5, 2, 2, 4, 2);  /* a tab is one column */
    ASSERT_POS(doc, 15, 3, 5, 8, 8); /* é and – are one column each */
    ASSERT_POS(doc, 18, 4, 2, 17, 2); /* an invalid byte is one column */
    ASSERT_POS(doc, 20, 5, 1, 20, 2);
    ASSERT_POS(doc, 22, 5, 3, 20, 2); /* the end */
    ASSERT_POS(doc, 500, 5, 3, 20, 2);
    ASSERT_POS(doc, 4, 2, 1, 4, 2);  /* going back after a later lookup */
    fl_document_free(doc);
}
END_TEST

/* Issue 8, item 7: a lone CR ends a line, as it did in old Mac files and as
 * editors and the LSP count it, and a UTF-8 BOM is no column: Vim's column
 * 1 is the first character after it. */
START_TEST(lint_document_position_ends_lines_at_a_lone_cr_and_skips_a_bom)
{
    const char text[] = "ab\rcd\r\nef\n\rgh\r";
    fl_document *doc = new_doc("p.txt", text, sizeof text - 1);
    ASSERT_POS(doc, 1, 1, 2, 0, 2);
    ASSERT_POS(doc, 3, 2, 1, 3, 2);   /* after the lone CR */
    ASSERT_POS(doc, 7, 3, 1, 7, 2);   /* after the CRLF */
    ASSERT_POS(doc, 10, 4, 1, 10, 0); /* an empty line between LF and CR */
    ASSERT_POS(doc, 11, 5, 1, 11, 2);
    ASSERT_POS(doc, 14, 6, 1, 14, 0); /* after a final lone CR, an empty line */
    fl_document_free(doc);
    const char bom[] = "\xEF\xBB\xBF" "ab\ncd";
    doc = new_doc("p.txt", bom, sizeof bom - 1);
    ASSERT_POS(doc, 3, 1, 1, 3, 2);
    ASSERT_POS(doc, 4, 1, 2, 3, 2);
    ASSERT_POS(doc, 0, 1, 1, 3, 2); /* inside the mark: where the text starts */
    ASSERT_POS(doc, 6, 2, 1, 6, 2);
    fl_document_free(doc);
}
END_TEST

/* Issue 8, item 7: a CR-only Markdown file has the structure it would have
 * with LF: an indented code block is code (not linted), a list is a list,
 * and each finding is on its own line. */
START_TEST(lint_reads_cr_only_markdown_by_its_lines)
{
    fl_ruleset *rs = compile_rules(NULL, EN TERM("r", "warning")
                                   "    terms:\n      - match: swarm\n", NULL);
    const char text[] = "# Swarm\r\rThe swarm left.\r\r    a swarm in code\r\r- swarm\r";
    fl_document *doc = new_doc("cr.md", text, sizeof text - 1);
    fl_findings *f = lint(rs, doc, NULL);
    ck_assert_uint_eq(fl_findings_count(f), 3);
    ck_assert_uint_eq(fl_finding_offset(fl_findings_at(f, 0)), 2);
    ck_assert_uint_eq(fl_finding_offset(fl_findings_at(f, 1)), 13);
    ck_assert_uint_eq(fl_finding_offset(fl_findings_at(f, 2)), 49);
    ASSERT_POS(doc, 49, 7, 3, 47, 7);
    size_t len;
    ck_assert_mem_eq(fl_document_data(doc, &len), text, sizeof text - 1); /* kept */
    fl_findings_free(f);
    fl_document_free(doc);
    fl_ruleset_free(rs);
}
END_TEST

/* Issue 8, item 9: a caller that read the draft into its own buffer hands
 * it over instead of holding it twice; on failure it is still the
 * caller's. (ASan and valgrind check that each is freed exactly once.) */
START_TEST(lint_document_adopt_takes_the_buffer_without_a_copy)
{
    char *buf = malloc(32);
    ck_assert_ptr_nonnull(buf);
    memcpy(buf, "A flood.xxxx", 12);
    fl_document *doc = NULL;
    ck_assert_int_eq(fl_document_adopt(&doc, NULL, "a.txt", buf, 8, FL_FORMAT_AUTO, NULL),
                     FL_OK);
    size_t len = 0;
    ck_assert_ptr_eq(fl_document_data(doc, &len), buf);
    ck_assert_uint_eq(len, 8);
    ck_assert_str_eq(buf, "A flood."); /* NUL-terminated in place */
    fl_document_free(doc);
    buf = malloc(4);
    ck_assert_ptr_nonnull(buf);
    doc = NULL;
    ck_assert_int_eq(fl_document_adopt(&doc, NULL, "a.txt", buf, 3, (fl_format)99, NULL),
                     FL_EINVAL);
    ck_assert_ptr_null(doc);
    free(buf);
    /* CR-only text gets its reading copy; the buffer is still the data */
    buf = malloc(8);
    ck_assert_ptr_nonnull(buf);
    memcpy(buf, "a\rb", 3);
    ck_assert_int_eq(fl_document_adopt(&doc, NULL, "a.txt", buf, 3, FL_FORMAT_AUTO, NULL),
                     FL_OK);
    ck_assert_ptr_eq(fl_document_data(doc, NULL), buf);
    ck_assert_uint_eq(position(doc, 2).line, 2);
    fl_document_free(doc);
}
END_TEST

START_TEST(lint_format_comes_from_extension)
{
    ck_assert_int_eq(fl_format_from_path("a/b.md"), FL_FORMAT_MARKDOWN);
    ck_assert_int_eq(fl_format_from_path("B.MARKDOWN"), FL_FORMAT_MARKDOWN);
    ck_assert_int_eq(fl_format_from_path("x.html"), FL_FORMAT_HTML);
    ck_assert_int_eq(fl_format_from_path("x.HTM"), FL_FORMAT_HTML);
    ck_assert_int_eq(fl_format_from_path("x.txt"), FL_FORMAT_PLAIN);
    ck_assert_int_eq(fl_format_from_path("md"), FL_FORMAT_PLAIN);
    ck_assert_int_eq(fl_format_from_path("x.md.bak"), FL_FORMAT_PLAIN);
    ck_assert_int_eq(fl_format_from_path(NULL), FL_FORMAT_PLAIN);
    fl_document *doc = new_doc("page.HTML", "<p>x</p>", 8);
    ck_assert_int_eq(fl_document_format(doc), FL_FORMAT_HTML);
    ck_assert_str_eq(fl_format_name(fl_document_format(doc)), "html");
    ck_assert_str_eq(fl_document_path(doc), "page.HTML");
    fl_document_free(doc);
    doc = NULL;
    ck_assert_int_eq(fl_document_new(&doc, NULL, "page.html", "# x", 3, FL_FORMAT_MARKDOWN,
                                     NULL), FL_OK);
    ck_assert_int_eq(fl_document_format(doc), FL_FORMAT_MARKDOWN);
    fl_document_free(doc);
    doc = NULL;
    ck_assert_int_eq(fl_document_new(&doc, NULL, NULL, "x", 1, FL_FORMAT_AUTO, NULL), FL_OK);
    ck_assert_int_eq(fl_document_format(doc), FL_FORMAT_PLAIN);
    ck_assert_str_eq(fl_document_path(doc), "");
    fl_document_free(doc);
}
END_TEST

/* --- threads ---------------------------------------------------------------------- */

typedef struct shared {
    const fl_ruleset *rs;
    const fl_document *doc;
    const char *want;
    int mismatches;
} shared;

static void *lint_repeatedly(void *arg)
{
    shared *s = arg;
    for (int i = 0; i < 25; i++) {
        fl_findings *f = NULL;
        if (fl_lint(&f, s->rs, s->doc, NULL, NULL) != FL_OK) {
            s->mismatches++;
            continue;
        }
        char *got = describe(f);
        s->mismatches += strcmp(got, s->want) != 0;
        free(got);
        fl_findings_free(f);
    }
    return NULL;
}

START_TEST(lint_shares_ruleset_and_document_between_threads)
{
    fl_ruleset *rs = NULL;
    ck_assert_int_eq(fl_ruleset_new(&rs, NULL, NULL), FL_OK);
    ck_assert_int_eq(fl_ruleset_add_defaults(rs, NULL), FL_OK);
    ck_assert_int_eq(fl_ruleset_compile(rs, NULL), FL_OK);
    size_t len;
    char *text = read_test_file(FL_SOURCE_DIR "/corpora/drafts/press-release.md", &len);
    ck_assert_ptr_nonnull(text);
    fl_document *doc = new_doc("press-release.md", text, len);
    fl_findings *f = lint(rs, doc, NULL);
    ck_assert_uint_gt(fl_findings_count(f), 5);
    char *want = describe(f);
    fl_findings_free(f);
    shared s[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        s[i] = (shared){rs, doc, want, 0};
        ck_assert_int_eq(pthread_create(&t[i], NULL, lint_repeatedly, &s[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(pthread_join(t[i], NULL), 0);
        ck_assert_int_eq(s[i].mismatches, 0);
    }
    free(want);
    free(text);
    fl_document_free(doc);
    fl_ruleset_free(rs);
}
END_TEST

/* Patterns are JIT-compiled when they first run: threads that start on a
 * ruleset nobody has used yet race to the first match of each pattern, and
 * every one must see the findings a single thread sees. */
START_TEST(lint_threads_share_a_ruleset_that_has_never_run)
{
    size_t len;
    char *text = read_test_file(FL_SOURCE_DIR "/corpora/drafts/press-release.md", &len);
    ck_assert_ptr_nonnull(text);
    fl_document *doc = new_doc("press-release.md", text, len);
    fl_ruleset *first = NULL, *fresh = NULL;
    ck_assert_int_eq(fl_ruleset_new(&first, NULL, NULL), FL_OK);
    ck_assert_int_eq(fl_ruleset_add_defaults(first, NULL), FL_OK);
    ck_assert_int_eq(fl_ruleset_compile(first, NULL), FL_OK);
    fl_findings *f = lint(first, doc, NULL);
    char *want = describe(f);
    fl_findings_free(f);
    fl_ruleset_free(first);
    ck_assert_int_eq(fl_ruleset_new(&fresh, NULL, NULL), FL_OK);
    ck_assert_int_eq(fl_ruleset_add_defaults(fresh, NULL), FL_OK);
    ck_assert_int_eq(fl_ruleset_compile(fresh, NULL), FL_OK);
    shared s[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        s[i] = (shared){fresh, doc, want, 0};
        ck_assert_int_eq(pthread_create(&t[i], NULL, lint_repeatedly, &s[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(pthread_join(t[i], NULL), 0);
        ck_assert_int_eq(s[i].mismatches, 0);
    }
    free(want);
    free(text);
    fl_document_free(doc);
    fl_ruleset_free(fresh);
}
END_TEST

/* --- out of memory ---------------------------------------------------------------- */

/* Every rule kind, lists, gates (a group, a named gate, a document and a
 * passage gate), stems, exceptions and a regex with groups, so each
 * allocation site of loading, compiling and linting is reached. */
static const char oom_rules[] =
    "ruleset: t\nlanguage: en\nguidance: g\n"
    "lists:\n  topic: [migrants, asylum seekers]\n  we: [we, our]\n"
    "gates:\n  about: { any: [{ near: topic, in: passage }, { near: topic, in: document }] }\n"
    "rules:\n"
    TERM_IN("water", "water", "warning")
    "    context:\n      - { near: topic, after: 4 }\n"
    "    unless: {near: [rain], within: 5}\n    except: [flood plain]\n"
    "    examples:\n      flag: [A flood of migrants.]\n      pass: [The flood.]\n"
    "    terms:\n      - match: [flood of, wave of]\n        suggest: [many, large numbers of]\n"
    "      - match: pour in\n        as: verb\n        forms: [poured]\n"
    "        suggest: arrive\n"
    "      - match: ['*flut', 'asyl*']\n        as: phrase\n"
    TERM_IN("label", "label", "error")
    "    context: about\n"
    "    terms:\n      - match: illegal immigrant\n        suggest: [undocumented migrant]\n"
    "  - id: myth\n    kind: pattern\n    category: c\n    message: \"{match}\"\n"
    "    explain: e\n    pattern: '^(myth)\\s*:'\n    trigger: {near: [myth]}\n"
    "    suggest: ['Fact about $1:']\n"
    "  - id: us\n    kind: proximity\n    category: c\n    message: m\n    explain: e\n"
    "    near: [we, topic]\n    within: 6\n"
    "  - id: figures\n    kind: density\n    category: c\n    message: \"{count}\"\n"
    "    explain: e\n    count: [number, percent, money]\n    min: 3\n";

static const char oom_text[] =
    "# A flood of migrants\n\n"
    "Myth: our town cannot cope with migrants. A flood of migrants poured in, "
    "we said, and \"illegal immigrants\" came; \"the illegal immigrants are here\".\n\n"
    "![A wave of asylum seekers](x.png)\n\n"
    "In 2019, 45 per cent, \xe2\x82\xac" "2bn and 12,400 people. Bad byte: \xff.\n\n"
    "<!-- framelint-disable-next-line t.label -->\n"
    "The illegal immigrant and the Asylantenflut #StopTheFloodOfMigrants.\n";

typedef int (*build_step)(fl_ruleset *rs, fl_error *err);

static int add_oom_rules(fl_ruleset *rs, fl_error *err)
{
    return fl_ruleset_add_buffer(rs, "oom.yml", oom_rules, sizeof oom_rules - 1, err);
}

static int allow_flood_plain(fl_ruleset *rs, fl_error *err)
{
    return fl_ruleset_allow(rs, "flood plain", err);
}

/* Runs one step of building a ruleset. When it runs out of memory it must
 * say so and leave the ruleset as it was, so that the same step succeeds
 * once memory is back (`retry`). */
static int build_step_failing(fail_alloc *fa, fl_ruleset *rs, build_step step,
                              int retry, size_t n)
{
    fl_error err = FL_ERROR_INIT;
    size_t count = fl_ruleset_count(rs);
    int rc = step(rs, &err);
    ck_assert_msg(rc == FL_OK || rc == FL_ENOMEM, "allocation %zu: status %d (%s)", n,
                  rc, err.message);
    if (rc == FL_OK)
        return FL_OK;
    ck_assert_msg(fa->failed, "allocation %zu: out of memory without a failure", n);
    ck_assert_str_eq(err.message, "out of memory");
    if (!retry)
        return rc;
    ck_assert_uint_eq(fl_ruleset_count(rs), count);
    fa->fail_at = 0;
    rc = step(rs, &err);
    ck_assert_msg(rc == FL_OK, "allocation %zu: retry after out of memory: %s", n,
                  err.message);
    return rc;
}

/* Builds a ruleset with allocation `n` failing; steps that ran out of memory
 * are retried where the API promises that is possible. */
static int build_failing(fail_alloc *fa, size_t n, int defaults, fl_ruleset **out)
{
    fail_alloc_init(fa, n);
    *out = NULL;
    int rc = fl_ruleset_new(out, &fa->base, NULL);
    ck_assert_msg(rc == FL_OK || rc == FL_ENOMEM, "allocation %zu: status %d", n, rc);
    if (rc == FL_OK && defaults)
        rc = build_step_failing(fa, *out, fl_ruleset_add_defaults, 0, n);
    if (rc == FL_OK && !defaults)
        rc = build_step_failing(fa, *out, add_oom_rules, 1, n);
    if (rc == FL_OK && !defaults)
        rc = build_step_failing(fa, *out, allow_flood_plain, 1, n);
    if (rc == FL_OK)
        rc = build_step_failing(fa, *out, fl_ruleset_compile, 1, n);
    return rc;
}

/* Lints `text` with a ruleset built with the default allocator: what every
 * ruleset that reports success must find. */
static char *expected(int defaults, const char *path, const char *text, size_t len)
{
    fail_alloc fa;
    fl_ruleset *rs;
    ck_assert_int_eq(build_failing(&fa, 0, defaults, &rs), FL_OK);
    fl_document *doc = new_doc(path, text, len);
    fl_findings *f = lint(rs, doc, NULL);
    ck_assert_uint_gt(fl_findings_count(f), 2);
    char *want = describe(f);
    fl_findings_free(f);
    fl_document_free(doc);
    fl_ruleset_free(rs);
    return want;
}

/* How many allocations building the ruleset makes, with none failing. */
static size_t build_allocations(int defaults)
{
    fail_alloc fa;
    fl_ruleset *rs;
    ck_assert_int_eq(build_failing(&fa, 0, defaults, &rs), FL_OK);
    fl_ruleset_free(rs);
    return fa.calls;
}

/* Out of `total` allocations, failing the first `first` one by one and the
 * rest with this step keeps a run near 2.5 x `first` failures; 1 when
 * FL_OOM_EVERY=1 asks for every one. */
static size_t sampling_step(size_t total, size_t first)
{
    const char *every = getenv("FL_OOM_EVERY");
    if (total <= first * 5 / 2 || (every && !strcmp(every, "1")))
        return 1;
    return (total - first) / (first * 3 / 2) + 1;
}

/* Fails allocation 1, 2, 3... of building the ruleset, each in a fresh
 * build. The small test ruleset reaches every allocation site; the default
 * rules repeat the same sites for thousands of rules, and a fresh build per
 * allocation is quadratic in their number, so there the first 100 fail
 * one by one and the rest in steps that keep the run near 250 builds
 * (FL_OOM_EVERY=1 tries every one). */
static void ruleset_every_failure(int defaults)
{
    char *want = expected(defaults, "oom.md", oom_text, sizeof oom_text - 1);
    size_t step = defaults ? sampling_step(build_allocations(defaults), 100) : 1;
    for (size_t n = 1;; n += n < 100 ? 1 : step) {
        fail_alloc fa;
        fl_ruleset *rs;
        int rc = build_failing(&fa, n, defaults, &rs);
        if (rc == FL_OK) {
            fa.fail_at = 0;
            fl_document *doc = new_doc("oom.md", oom_text, sizeof oom_text - 1);
            fl_findings *f = lint(rs, doc, NULL);
            char *got = describe(f);
            ck_assert_msg(!strcmp(got, want), "allocation %zu failed, then:\n%s", n, got);
            free(got);
            fl_findings_free(f);
            fl_document_free(doc);
        }
        fl_ruleset_free(rs);
        ck_assert_msg(fa.live == 0, "allocation %zu failed: %ld blocks leaked", n, fa.live);
        if (!fa.failed)
            break;
    }
    free(want);
}

START_TEST(lint_ruleset_survives_every_failed_allocation)
{
    ruleset_every_failure(0);
}
END_TEST

START_TEST(lint_default_ruleset_survives_every_failed_allocation)
{
    ruleset_every_failure(1);
}
END_TEST

static void lint_once_failing(fail_alloc *fa, const fl_ruleset *rs, size_t n,
                              const char *path, const char *text, size_t len,
                              const char *want)
{
    fl_document *doc = NULL;
    fl_findings *f = NULL;
    fl_error err = FL_ERROR_INIT;
    long live = fa->live;
    fa->fail_at = fa->calls + n;
    fa->failed = 0;
    int rc = fl_document_new(&doc, &fa->base, path, text, len, FL_FORMAT_AUTO, &err);
    if (rc == FL_OK)
        rc = fl_lint(&f, rs, doc, NULL, &err);
    ck_assert_msg(rc == FL_OK || rc == FL_ENOMEM, "allocation %zu: status %d", n, rc);
    ck_assert_msg(rc == FL_OK || fa->failed, "allocation %zu: ENOMEM without a failure", n);
    if (rc == FL_ENOMEM) {
        ck_assert_ptr_null(f);
        ck_assert_str_eq(err.message, "out of memory");
    } else {
        char *got = describe(f);
        ck_assert_msg(!strcmp(got, want), "allocation %zu failed but lint said OK with:\n%s",
                      n, got);
        free(got);
    }
    fl_findings_free(f);
    fl_document_free(doc);
    ck_assert_msg(fa->live == live, "allocation %zu failed: %ld blocks leaked", n,
                  fa->live - live);
}

static void lint_every_failure(int defaults, const char *path, const char *text, size_t len)
{
    char *want = expected(defaults, path, text, len);
    fail_alloc fa;
    fl_ruleset *rs;
    ck_assert_int_eq(build_failing(&fa, 0, defaults, &rs), FL_OK);
    /* The first lint JIT-compiles the patterns it runs, into memory the
     * ruleset owns: warm it, so each failing lint below is measured alone.
     * As for the ruleset, every allocation of a long draft in a fresh lint
     * is quadratic: past the first 200 they fail in steps (its count is
     * the warm lint's, a little over a lint's own). */
    size_t before = fa.calls;
    fl_document *warm = new_doc(path, text, len);
    fl_findings_free(lint(rs, warm, NULL));
    fl_document_free(warm);
    size_t step = sampling_step(fa.calls - before, 200);
    for (size_t n = 1;; n += n < 200 ? 1 : step) {
        lint_once_failing(&fa, rs, n, path, text, len, want);
        if (!fa.failed)
            break;
    }
    fl_ruleset_free(rs);
    ck_assert_int_eq(fa.live, 0);
    free(want);
}

START_TEST(lint_survives_every_failed_allocation)
{
    const char *paths[] = {"oom.md", "oom.txt", "oom.html"};
    for (size_t p = 0; p < 3; p++)
        lint_every_failure(0, paths[p], oom_text, sizeof oom_text - 1);
    const char *drafts[] = {"campaign-page.html", "press-release.md", "social-posts.txt"};
    for (size_t p = 0; p < 3; p++) {
        char path[512];
        size_t len;
        snprintf(path, sizeof path, "%s/corpora/drafts/%s", FL_SOURCE_DIR, drafts[p]);
        char *text = read_test_file(path, &len);
        ck_assert_ptr_nonnull(text);
        lint_every_failure(1, drafts[p], text, len);
        free(text);
    }
}
END_TEST

Suite *suite_lint(void)
{
    Suite *s = suite_create("lint");
    TCase *tc = tcase_create("input");
    tcase_add_test(tc, lint_empty_document_has_nothing);
    tcase_add_test(tc, lint_invalid_utf8_gives_one_notice_and_lints_around);
    tcase_add_test(tc, lint_nul_byte_ends_the_sentence_and_no_message);
    tcase_add_test(tc, lint_nul_bytes_do_not_end_the_text);
    tcase_add_test(tc, lint_refuses_document_over_limit);
    tcase_add_test(tc, lint_memory_for_one_huge_paragraph_is_bounded);
    suite_add_tcase(s, tc);
    tc = tcase_create("options");
    tcase_add_test(tc, lint_language_option_beats_document_beats_english);
    tcase_add_test(tc, lint_notices_language_without_rules);
    tcase_add_test(tc, lint_options_init_has_documented_defaults);
    tcase_add_test(tc, lint_refuses_bad_arguments);
    tcase_add_test(tc, lint_min_severity_drops_lower_findings);
    tcase_add_test(tc, lint_stray_opening_quote_does_not_lower_later_sentences);
    tcase_add_test(tc, lint_regex_budget_per_document_stops_a_backtracking_pattern);
    tcase_add_test(tc, lint_regex_budget_per_run_is_shared_by_documents);
    suite_add_tcase(s, tc);
    tc = tcase_create("documents");
    tcase_add_test(tc, lint_document_position_counts_lines_and_code_points);
    tcase_add_test(tc, lint_document_position_ends_lines_at_a_lone_cr_and_skips_a_bom);
    tcase_add_test(tc, lint_reads_cr_only_markdown_by_its_lines);
    tcase_add_test(tc, lint_format_comes_from_extension);
    tcase_add_test(tc, lint_document_adopt_takes_the_buffer_without_a_copy);
    suite_add_tcase(s, tc);
    tc = tcase_create("threads");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, lint_shares_ruleset_and_document_between_threads);
    tcase_add_test(tc, lint_threads_share_a_ruleset_that_has_never_run);
    suite_add_tcase(s, tc);
    tc = tcase_create("memory");
    tcase_set_timeout(tc, 280);
    /* thousands of runs, each failing one allocation: ASan's job, and too
     * slow under valgrind (scripts/valgrind leaves out the "oom" tag) */
    tcase_set_tags(tc, "oom");
    tcase_add_test(tc, lint_ruleset_survives_every_failed_allocation);
    tcase_add_test(tc, lint_default_ruleset_survives_every_failed_allocation);
    tcase_add_test(tc, lint_survives_every_failed_allocation);
    suite_add_tcase(s, tc);
    return s;
}

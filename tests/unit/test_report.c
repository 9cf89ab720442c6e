/*
 * report: every format through fl_reporter_new/add/finish into a buffer —
 * exact gnu and JSON output, JSON that stays valid whatever the draft holds
 * (checked by a small strict parser below), and the text format's excerpt,
 * caret, window, sanitising, colour and summary.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "framelint/framelint.h"
#include "report.h"

/* --- a strict JSON checker: RFC 8259 grammar, valid UTF-8, no lone surrogates */

typedef struct json_in {
    const unsigned char *s;
    size_t len, i;
    int depth;
} json_in;

static int j_value(json_in *j);

static void j_ws(json_in *j)
{
    while (j->i < j->len && strchr(" \t\r\n", j->s[j->i]) && j->s[j->i])
        j->i++;
}

static int j_lit(json_in *j, const char *w)
{
    size_t n = strlen(w);
    if (j->len - j->i < n || memcmp(j->s + j->i, w, n))
        return 0;
    j->i += n;
    return 1;
}

/* One UTF-8 character of the raw text: shortest form, no surrogates. */
static int j_utf8(json_in *j)
{
    unsigned char c = j->s[j->i];
    size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
             : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (!n || j->len - j->i < n)
        return 0;
    unsigned long cp = n == 1 ? c : c & (0x7F >> n);
    for (size_t k = 1; k < n; k++) {
        if ((j->s[j->i + k] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (j->s[j->i + k] & 0x3F);
    }
    static const unsigned long least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    j->i += n;
    return 1;
}

static long j_hex4(json_in *j)
{
    long v = 0;
    for (int k = 0; k < 4; k++, j->i++) {
        if (j->i >= j->len || !strchr("0123456789abcdefABCDEF", j->s[j->i]) || !j->s[j->i])
            return -1;
        unsigned char c = j->s[j->i];
        v = v * 16 + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
}

static int j_escape(json_in *j)
{
    unsigned char c = j->s[j->i++];
    if (c && strchr("\"\\/bfnrt", c))
        return 1;
    if (c != 'u')
        return 0;
    long u = j_hex4(j);
    if (u < 0xD800 || u > 0xDFFF)
        return u >= 0;
    if (u > 0xDBFF || !j_lit(j, "\\u")) /* a high surrogate needs its low one */
        return 0;
    long lo = j_hex4(j);
    return lo >= 0xDC00 && lo <= 0xDFFF;
}

static int j_string(json_in *j)
{
    if (!j_lit(j, "\""))
        return 0;
    while (j->i < j->len) {
        unsigned char c = j->s[j->i];
        if (c == '"') {
            j->i++;
            return 1;
        }
        if (c < 0x20)
            return 0;
        if (c == '\\') {
            j->i++;
            if (j->i >= j->len || !j_escape(j))
                return 0;
        } else if (!j_utf8(j)) {
            return 0;
        }
    }
    return 0;
}

static size_t j_digits(json_in *j)
{
    size_t start = j->i;
    while (j->i < j->len && j->s[j->i] >= '0' && j->s[j->i] <= '9')
        j->i++;
    return j->i - start;
}

static int j_number(json_in *j)
{
    j_lit(j, "-");
    if (j_lit(j, "0")) {
        /* no leading zeros */
    } else if (!j_digits(j)) {
        return 0;
    }
    if (j_lit(j, ".") && !j_digits(j))
        return 0;
    if (j->i < j->len && (j->s[j->i] | 0x20) == 'e') {
        j->i++;
        if (!j_lit(j, "+"))
            j_lit(j, "-");
        return j_digits(j) > 0;
    }
    return 1;
}

/* `open`, members or items separated by commas, `close`. */
static int j_seq(json_in *j, char close, int members)
{
    j_ws(j);
    if (j->i < j->len && j->s[j->i] == (unsigned char)close) {
        j->i++;
        return 1;
    }
    for (;;) {
        j_ws(j);
        if (members && (!j_string(j) || (j_ws(j), !j_lit(j, ":"))))
            return 0;
        if (!j_value(j))
            return 0;
        j_ws(j);
        if (j->i < j->len && j->s[j->i] == (unsigned char)close) {
            j->i++;
            return 1;
        }
        if (!j_lit(j, ","))
            return 0;
    }
}

static int j_value(json_in *j)
{
    j_ws(j);
    if (j->i >= j->len || ++j->depth > 64)
        return 0;
    unsigned char c = j->s[j->i];
    int ok = c == '{'   ? (j->i++, j_seq(j, '}', 1))
             : c == '[' ? (j->i++, j_seq(j, ']', 0))
             : c == '"' ? j_string(j)
             : c == 't' ? j_lit(j, "true")
             : c == 'f' ? j_lit(j, "false")
             : c == 'n' ? j_lit(j, "null")
                        : j_number(j);
    j->depth--;
    return ok;
}

/* Whether s[0..len) is exactly one JSON value, with only whitespace around. */
static int json_valid(const char *s, size_t len)
{
    json_in j = {(const unsigned char *)s, len, 0, 0};
    if (!j_value(&j))
        return 0;
    j_ws(&j);
    return j.i == len;
}

START_TEST(json_checker_accepts_and_rejects)
{
    static const char *const good[] = {
        "{}", "[]", "0", "-1.5e+3", "\"a\\u00e9\\ud83d\\ude00\\n\"", "\"\xc3\xa9\"",
        "{\"a\": [1, true, false, null, {\"b\": \"c\"}]}", " [ ] \n"};
    static const char *const bad[] = {
        "", "{", "[1,]", "{\"a\" 1}", "01", "1.", "\"\x01\"", "\"\\x\"",
        "\"\\ud800\"", "\"\\udc00\"", "\"\xff\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"",
        "\"abc", "tru", "[1] [2]", "{\"a\": 1,}"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        ck_assert_msg(json_valid(good[i], strlen(good[i])), "rejected %s", good[i]);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        ck_assert_msg(!json_valid(bad[i], strlen(bad[i])), "accepted %s", bad[i]);
}
END_TEST

/* --- reporting into a buffer --------------------------------------------------- */

typedef struct collect {
    char *buf;
    size_t len, cap;
    int fail; /* nonzero: every write fails with this status */
} collect;

static int collect_write(void *payload, const char *data, size_t len)
{
    collect *c = payload;
    if (c->fail)
        return c->fail;
    if (c->len + len + 1 > c->cap) {
        c->cap = (c->len + len + 1) * 2;
        c->buf = realloc(c->buf, c->cap);
        ck_assert_ptr_nonnull(c->buf);
    }
    memcpy(c->buf + c->len, data, len);
    c->len += len;
    c->buf[c->len] = '\0';
    return 0;
}

#define TERM_RULE(id, category, severity, message, word, suggest)             \
    "  - id: " id "\n    kind: term\n    category: " category "\n"             \
    "    severity: " severity "\n    message: \"" message "\"\n"              \
    "    explain: A rule for tests.\n"                                        \
    "    terms:\n      - match: [" word "]\n" suggest

static const char rules_yaml[] =
    "ruleset: t\nlanguage: en\nguidance: terminology\nrules:\n"
    TERM_RULE("w", "loaded-term", "error", "“{match}” is loaded; try {suggestion}.",
              "beta", "        suggest: [gamma, delta]\n")
    TERM_RULE("s", "c2", "suggestion", "spans {match}", "alpha omega", "")
    TERM_RULE("n", "c3", "warning", "line one\\nline two", "zeta", "");

typedef struct run {
    fl_ruleset *rs;
    fl_reporter *r;
    collect out;
} run;

static void run_start(run *x, fl_report_format fmt, unsigned flags)
{
    memset(x, 0, sizeof *x);
    ck_assert_int_eq(fl_ruleset_new(&x->rs, NULL, NULL), FL_OK);
    ck_assert_int_eq(fl_ruleset_add_buffer(x->rs, "t.yml", rules_yaml, strlen(rules_yaml),
                                           NULL), FL_OK);
    ck_assert_int_eq(fl_ruleset_compile(x->rs, NULL), FL_OK);
    fl_sink sink = {collect_write, &x->out};
    ck_assert_int_eq(fl_reporter_new(&x->r, NULL, fmt, flags, sink, NULL), FL_OK);
}

/* Lints `len` bytes of `text` and reports them; returns fl_reporter_add's status. */
static int run_add_len(run *x, const char *path, const char *shown, const char *text,
                       size_t len, fl_error *err)
{
    fl_document *doc = NULL;
    fl_findings *f = NULL;
    ck_assert_int_eq(fl_document_new(&doc, NULL, path, text, len, FL_FORMAT_AUTO, NULL),
                     FL_OK);
    ck_assert_int_eq(fl_lint(&f, x->rs, doc, NULL, NULL), FL_OK);
    int error = fl_reporter_add(x->r, doc, f, shown, err);
    fl_findings_free(f);
    fl_document_free(doc);
    return error;
}

static void run_add(run *x, const char *path, const char *shown, const char *text)
{
    ck_assert_int_eq(run_add_len(x, path, shown, text, strlen(text), NULL), FL_OK);
}

/* Finishes the report and returns its text (owned by `x` until run_free). */
static const char *run_finish(run *x)
{
    ck_assert_int_eq(fl_reporter_finish(x->r, NULL), FL_OK);
    return x->out.buf ? x->out.buf : "";
}

static void run_free(run *x)
{
    fl_reporter_free(x->r);
    fl_ruleset_free(x->rs);
    free(x->out.buf);
}

/* Two findings: "beta" after wide characters, "alpha omega" across a line. */
static const char doc_two[] = "Caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac beta.\nalpha\nomega ok\n";

/* --- gnu --------------------------------------------------------------------------- */

START_TEST(gnu_prints_one_exact_line_per_finding)
{
    run x;
    run_start(&x, FL_REPORT_GNU, 0);
    run_add(&x, "d.txt", "-", doc_two);
    run_add(&x, "clean.txt", NULL, "Nothing here.");
    run_add(&x, "d.md", NULL, "A zeta.");
    ck_assert_str_eq(run_finish(&x),
                     "-:1:9: error: “beta” is loaded; try gamma. [t.w]\n"
                     "-:2:1: suggestion: spans alpha omega [t.s]\n"
                     "d.md:1:3: warning: line one line two [t.n]\n");
    run_free(&x);
}
END_TEST

/* --- json and jsonl ----------------------------------------------------------------- */

START_TEST(json_has_exact_fields_for_each_file)
{
    run x;
    run_start(&x, FL_REPORT_JSON, 0);
    run_add(&x, "d.txt", "-", doc_two);
    run_add(&x, "clean.txt", NULL, "Nothing here.");
    const char *out = run_finish(&x);
    ck_assert_str_eq(out,
        "{\"version\": 1, \"files\": [\n"
        "    {\"path\": \"-\", \"findings\": [\n"
        "      {\"rule\": \"t.w\", \"category\": \"loaded-term\", \"severity\": \"error\", "
        "\"line\": 1, \"column\": 9, \"end_line\": 1, \"end_column\": 13, "
        "\"offset\": 13, \"length\": 4, \"match\": \"beta\", "
        "\"message\": \"“beta” is loaded; try gamma.\", "
        "\"suggestions\": [\"gamma\", \"delta\"]},\n"
        "      {\"rule\": \"t.s\", \"category\": \"c2\", \"severity\": \"suggestion\", "
        "\"line\": 2, \"column\": 1, \"end_line\": 3, \"end_column\": 6, "
        "\"offset\": 19, \"length\": 11, \"match\": \"alpha\\nomega\", "
        "\"message\": \"spans alpha omega\", \"suggestions\": []}\n"
        "    ]},\n"
        "    {\"path\": \"clean.txt\", \"findings\": []}\n"
        "]}\n");
    ck_assert(json_valid(out, strlen(out)));
    run_free(&x);
}
END_TEST

START_TEST(json_without_files_is_still_a_document)
{
    run x;
    run_start(&x, FL_REPORT_JSON, 0);
    ck_assert_str_eq(run_finish(&x), "{\"version\": 1, \"files\": []}\n");
    run_free(&x);
}
END_TEST

START_TEST(jsonl_has_one_object_per_finding)
{
    run x;
    run_start(&x, FL_REPORT_JSONL, 0);
    run_add(&x, "d.txt", "-", doc_two);
    run_add(&x, "clean.txt", NULL, "Nothing here.");
    const char *out = run_finish(&x);
    ck_assert_str_eq(out,
        "{\"path\": \"-\", \"rule\": \"t.w\", \"category\": \"loaded-term\", "
        "\"severity\": \"error\", \"line\": 1, \"column\": 9, \"end_line\": 1, "
        "\"end_column\": 13, \"offset\": 13, \"length\": 4, \"match\": \"beta\", "
        "\"message\": \"“beta” is loaded; try gamma.\", "
        "\"suggestions\": [\"gamma\", \"delta\"]}\n"
        "{\"path\": \"-\", \"rule\": \"t.s\", \"category\": \"c2\", "
        "\"severity\": \"suggestion\", \"line\": 2, \"column\": 1, \"end_line\": 3, "
        "\"end_column\": 6, \"offset\": 19, \"length\": 11, "
        "\"match\": \"alpha\\nomega\", \"message\": \"spans alpha omega\", "
        "\"suggestions\": []}\n");
    run_free(&x);
}
END_TEST

/* Whether JSON escaping leaves `s` as it is, between quotes. */
static int json_plain(const char *s)
{
    fl_buf out = FL_BUF_INIT(fl__default_allocator());
    ck_assert_int_eq(fl__json_string(&out, s, strlen(s)), FL_OK);
    int plain = out.len == strlen(s) + 2 && !memcmp(out.ptr + 1, s, strlen(s));
    fl__buf_free(&out);
    return plain;
}

static void assert_rules_json_plain(const fl_ruleset *rs)
{
    for (size_t i = 0; i < fl_ruleset_count(rs); i++) {
        const fl_rule *r = fl_ruleset_at(rs, i);
        ck_assert_msg(json_plain(fl_rule_id(r)), "id %s", fl_rule_id(r));
        ck_assert_msg(json_plain(fl_rule_category(r)), "category %s", fl_rule_category(r));
    }
}

/* json and jsonl write a rule's id and category without the escaper
 * (report_json.c, put_ident): only the rule reader's check of identifiers
 * keeps them plain. Every byte, in the ruleset's name, a rule's name or
 * its category, is refused or needs no escaping; so do the shipped rules'. */
START_TEST(rule_ids_and_categories_need_no_json_escaping)
{
    /* the file up to the quoted name, and after it */
    static const char *const shape[][2] = {
        {"ruleset: \"t", "\"\nlanguage: en\nguidance: g\nrules:\n  - id: r\n"
                          "    kind: term\n    category: c\n"},
        {"ruleset: t\nlanguage: en\nguidance: g\nrules:\n  - id: \"r",
         "\"\n    kind: term\n    category: c\n"},
        {"ruleset: t\nlanguage: en\nguidance: g\nrules:\n  - id: r\n"
         "    kind: term\n    category: \"c",
         "\"\n"},
    };
    size_t accepted = 0;
    for (size_t k = 0; k < sizeof shape / sizeof *shape; k++) {
        for (unsigned b = 1; b < 256; b++) {
            char yaml[512];
            /* the byte as a YAML escape: every one can be written */
            snprintf(yaml, sizeof yaml, "%s\\x%02x%s    message: m\n    explain: e\n"
                     "    terms:\n      - match: flood\n", shape[k][0], b, shape[k][1]);
            fl_ruleset *rs = NULL;
            ck_assert_int_eq(fl_ruleset_new(&rs, NULL, NULL), FL_OK);
            if (fl_ruleset_add_buffer(rs, "t.yml", yaml, strlen(yaml), NULL) == FL_OK) {
                accepted++;
                assert_rules_json_plain(rs);
            }
            fl_ruleset_free(rs);
        }
    }
    ck_assert_uint_eq(accepted, 3 * 37); /* a-z, 0-9 and '-' in each */
    fl_ruleset *rs = NULL;
    ck_assert_int_eq(fl_ruleset_new(&rs, NULL, NULL), FL_OK);
    ck_assert_int_eq(fl_ruleset_add_defaults(rs, NULL), FL_OK);
    ck_assert_uint_gt(fl_ruleset_count(rs), 0);
    assert_rules_json_plain(rs);
    fl_ruleset_free(rs);
}
END_TEST

static void assert_json_lines_valid(const char *out);

/* A record of a stream: json and jsonl give its id beside the path (escaped),
 * gnu puts it in the path; an add without one leaves no trace of it. */
static void add_record(run *x, const char *record, const char *text)
{
    fl_document *doc = NULL;
    fl_findings *f = NULL;
    ck_assert_int_eq(fl_document_new(&doc, NULL, "s.jsonl", text, strlen(text),
                                     FL_FORMAT_PLAIN, NULL), FL_OK);
    ck_assert_int_eq(fl_lint(&f, x->rs, doc, NULL, NULL), FL_OK);
    ck_assert_int_eq(fl_reporter_add_record(x->r, doc, f, NULL, record, NULL), FL_OK);
    fl_findings_free(f);
    fl_document_free(doc);
}

START_TEST(records_carry_their_id)
{
    run x;
    run_start(&x, FL_REPORT_JSONL, 0);
    add_record(&x, "r\"1", "A zeta.");
    run_add(&x, "d.md", NULL, "A zeta.");
    const char *out = run_finish(&x);
    ck_assert_ptr_nonnull(strstr(out, "{\"path\": \"s.jsonl\", \"record\": \"r\\\"1\", "
                                      "\"rule\": \"t.n\""));
    ck_assert_ptr_nonnull(strstr(out, "{\"path\": \"d.md\", \"rule\""));
    ck_assert_ptr_null(strstr(strchr(out, '\n'), "record"));
    assert_json_lines_valid(out);
    run_free(&x);

    run_start(&x, FL_REPORT_JSON, 0);
    add_record(&x, "42", "Nothing here.");
    out = run_finish(&x);
    ck_assert_ptr_nonnull(strstr(out, "{\"path\": \"s.jsonl\", \"record\": \"42\", "
                                      "\"findings\": []}"));
    run_free(&x);

    run_start(&x, FL_REPORT_GNU, 0);
    add_record(&x, "42", "A zeta.");
    ck_assert_str_eq(run_finish(&x), "s.jsonl#42:1:3: warning: line one line two [t.n]\n");
    run_free(&x);

    run_start(&x, FL_REPORT_SARIF, 0);
    add_record(&x, "42", "A beta.");
    out = run_finish(&x);
    ck_assert_ptr_nonnull(strstr(out, "\"properties\": {\"record\": \"42\"}"));
    ck_assert_ptr_null(strstr(out, "\"fixes\""));
    ck_assert(json_valid(out, strlen(out)));
    run_free(&x);
}
END_TEST

/* Matches that hold quotes, backslashes, control characters, invalid UTF-8
 * and U+2028, in a file whose name has spaces, quotes and a colon. */
static const char hostile[] =
    "alpha \"\\\" omega. alpha\x01\x1b[ omega. alpha \xff\xfe\xc3 omega. "
    "alpha\xe2\x80\xa8omega. alpha\t\x7f omega. beta\x1b[2J\x08\n";
static const char hostile_path[] = "my \"draft\": v2\\x.md";

static void assert_json_lines_valid(const char *out)
{
    for (const char *line = out; *line;) {
        const char *nl = strchr(line, '\n');
        ck_assert_ptr_nonnull(nl);
        ck_assert_msg(json_valid(line, (size_t)(nl - line)), "invalid: %.*s",
                      (int)(nl - line), line);
        line = nl + 1;
    }
}

START_TEST(json_stays_valid_for_hostile_text_and_paths)
{
    run x;
    run_start(&x, FL_REPORT_JSON, 0);
    run_add(&x, "d.txt", hostile_path, hostile);
    run_add(&x, "d.txt", "bad \xff path", hostile);
    const char *out = run_finish(&x);
    ck_assert_msg(json_valid(out, strlen(out)), "invalid JSON:\n%s", out);
    ck_assert_ptr_null(strstr(out, "\xe2\x80\xa8")); /* breaks JavaScript */
    ck_assert_ptr_nonnull(strstr(out, "\"path\": \"my \\\"draft\\\": v2\\\\x.md\""));
    ck_assert_ptr_nonnull(strstr(out, "\"match\": \"alpha\\u0001\\u001b[ omega\""));
    ck_assert_ptr_nonnull(strstr(out, "\"match\": \"alpha \\ufffd\\ufffd\\ufffd omega\""));
    ck_assert_ptr_nonnull(strstr(out, "\"match\": \"alpha\\u2028omega\""));
    run_free(&x);

    run_start(&x, FL_REPORT_JSONL, 0);
    run_add(&x, "d.txt", hostile_path, hostile);
    out = run_finish(&x);
    ck_assert_ptr_nonnull(strstr(out, "\"match\": \"alpha \\\"\\\\\\\" omega\""));
    assert_json_lines_valid(out);
    run_free(&x);
}
END_TEST

/* --- text ------------------------------------------------------------------------------ */

START_TEST(text_caret_aligns_after_tab_and_wide_characters)
{
    run x;
    run_start(&x, FL_REPORT_TEXT, 0);
    run_add(&x, "d.txt", NULL, "\tCaf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac beta ok\n");
    ck_assert_str_eq(run_finish(&x),
                     "d.txt:1:10: error: “beta” is loaded; try gamma. [t.w]\n"
                     "    1 |     Caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac beta ok\n"
                     "      |               ^~~~\n"
                     "      = rewrite: \xe2\x80\x9cgamma\xe2\x80\x9d or \xe2\x80\x9c" "delta\xe2\x80\x9d\n"
                     "\n"
                     "1 error in 1 of 1 file\n");
    run_free(&x);
}
END_TEST

/* Display columns of a UTF-8 string whose characters are all one column wide. */
static size_t columns(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

START_TEST(text_long_line_is_shown_as_a_window)
{
    size_t words = 1000000, len = 5 * words + 4 + 5 * 40;
    char *text = malloc(len + 1);
    ck_assert_ptr_nonnull(text);
    for (size_t i = 0; i < words; i++)
        memcpy(text + 5 * i, "word ", 5);
    memcpy(text + 5 * words, "beta", 4);
    for (size_t i = 0; i < 40; i++)
        memcpy(text + 5 * words + 4 + 5 * i, " word", 5);
    text[len] = '\0';
    run x;
    run_start(&x, FL_REPORT_TEXT, 0);
    ck_assert_int_eq(run_add_len(&x, "d.txt", NULL, text, len, NULL), FL_OK);
    const char *out = run_finish(&x);
    ck_assert_uint_lt(strlen(out), 1000);
    const char *excerpt = strstr(out, "    1 | \xe2\x80\xa6");
    ck_assert_ptr_nonnull(excerpt);
    const char *end = strchr(excerpt, '\n'), *caret = strchr(end + 1, '^');
    ck_assert(end - excerpt > 3 && !memcmp(end - 3, "\xe2\x80\xa6", 3)); /* … */
    const char *span = strstr(excerpt, "beta");
    ck_assert_ptr_nonnull(span);
    ck_assert_uint_eq(columns(end + 1, (size_t)(caret - end - 1)),
                      columns(excerpt, (size_t)(span - excerpt)));
    ck_assert(!strncmp(caret, "^~~~\n", 5));
    run_free(&x);
    free(text);
}
END_TEST

START_TEST(text_never_passes_terminal_escapes_through)
{
    run x;
    run_start(&x, FL_REPORT_TEXT, 0);
    run_add(&x, "d.txt", NULL, "alpha\x1b]\x07 omega and beta\x1b[2J\n");
    run_add(&x, "d.txt", "evil\x1b[31m.md", "beta\n");
    const char *out = run_finish(&x);
    ck_assert_ptr_null(strchr(out, '\x1b'));
    ck_assert_ptr_null(strchr(out, '\x07'));
    ck_assert_ptr_nonnull(strstr(out, "spans alpha?]? omega"));
    ck_assert_ptr_nonnull(strstr(out, "beta?[2J\n"));
    ck_assert_ptr_nonnull(strstr(out, "evil?[31m.md:1:1:"));
    run_free(&x);
}
END_TEST

START_TEST(gnu_never_passes_terminal_escapes_through)
{
    run x;
    run_start(&x, FL_REPORT_GNU, 0);
    run_add(&x, "d.txt", NULL, "alpha\x1b]\x07 omega and beta\n");
    run_add(&x, "d.txt", "evil\x1b[31m.md", "beta\n");
    const char *out = run_finish(&x);
    ck_assert_ptr_null(strchr(out, '\x1b'));
    ck_assert_ptr_null(strchr(out, '\x07'));
    ck_assert_str_eq(out, "d.txt:1:1: suggestion: spans alpha?]? omega [t.s]\n"
                          "d.txt:1:20: error: “beta” is loaded; try gamma. [t.w]\n"
                          "evil?[31m.md:1:1: error: “beta” is loaded; try gamma. [t.w]\n");
    run_free(&x);
}
END_TEST

START_TEST(text_colours_only_when_asked)
{
    run x;
    run_start(&x, FL_REPORT_TEXT, 0);
    run_add(&x, "d.txt", NULL, "beta\n");
    ck_assert_ptr_null(strchr(run_finish(&x), '\x1b'));
    run_free(&x);
    run_start(&x, FL_REPORT_TEXT, FL_REPORT_COLOR);
    run_add(&x, "d.txt", NULL, "beta\n");
    const char *out = run_finish(&x);
    ck_assert_ptr_nonnull(strstr(out, "\x1b[1;31merror:\x1b[0m"));
    ck_assert_ptr_nonnull(strstr(out, "\x1b[1;32m^~~~\x1b[0m"));
    run_free(&x);
}
END_TEST

START_TEST(text_summary_counts_findings_and_files)
{
    run x;
    run_start(&x, FL_REPORT_TEXT, 0);
    run_add(&x, "a.txt", NULL, "beta and zeta.\nalpha omega.\n");
    run_add(&x, "b.txt", NULL, "Nothing here.\n");
    run_add(&x, "c.txt", NULL, "zeta\n");
    const char *out = run_finish(&x);
    const char *last = strrchr(out, '\n');
    ck_assert_ptr_nonnull(last);
    while (last > out && last[-1] != '\n')
        last--;
    ck_assert_str_eq(last, "1 error, 2 warnings, 1 suggestion in 2 of 3 files\n");
    run_free(&x);
    run_start(&x, FL_REPORT_TEXT, 0);
    run_add(&x, "b.txt", NULL, "Nothing here.\n");
    ck_assert_str_eq(run_finish(&x), "");
    run_free(&x);
}
END_TEST

/* --- sinks ---------------------------------------------------------------------------- */

START_TEST(failing_sink_error_is_returned)
{
    static const fl_report_format formats[] = {FL_REPORT_TEXT, FL_REPORT_GNU,
                                               FL_REPORT_JSON, FL_REPORT_JSONL};
    for (size_t i = 0; i < 4; i++) {
        run x;
        run_start(&x, formats[i], 0);
        x.out.fail = FL_EIO;
        fl_error err = FL_ERROR_INIT;
        ck_assert_int_eq(run_add_len(&x, "d.txt", NULL, "beta", 4, &err), FL_EIO);
        ck_assert_int_eq(err.code, FL_EIO);
        ck_assert_str_eq(err.message, "cannot write the report");
        x.out.fail = FL_ERROR;
        ck_assert_int_eq(run_add_len(&x, "d.txt", NULL, "beta", 4, NULL), FL_ERROR);
        run_free(&x);
    }
}
END_TEST

START_TEST(failing_sink_error_is_returned_by_finish)
{
    run x;
    run_start(&x, FL_REPORT_JSON, 0);
    x.out.fail = FL_EIO;
    fl_error err = FL_ERROR_INIT;
    ck_assert_int_eq(fl_reporter_finish(x.r, &err), FL_EIO);
    ck_assert_int_eq(err.code, FL_EIO);
    run_free(&x);
}
END_TEST

/* --- one long line ------------------------------------------------------------ */

/* Two rules of two categories whose findings overlap ("flood of migrants"
 * and the "migrants" inside it), so each finding starts before the last
 * one ended: the order a cursor over sorted offsets handles worst. */
static const char overlap_yaml[] =
    "ruleset: t\nlanguage: en\nguidance: terminology\nrules:\n"
    TERM_RULE("flood", "c1", "warning", "flood", "flood of migrants", "")
    TERM_RULE("people", "c2", "suggestion", "people", "migrants", "");

/* A 2 MB draft of one line with 100,000 findings (the cap), in every
 * format: finishing at all is the test. Placing each finding by counting
 * from the line's start is quadratic here (hours); the line map's column
 * marks keep every format linear (seconds, sanitizers included). The last
 * gnu line checks the column is still right: on an ASCII line it is the
 * byte offset plus one. */
START_TEST(every_format_is_linear_on_one_long_line)
{
    static const char unit[] = "a flood of migrants ";
    size_t n = 2000000 / (sizeof unit - 1), len = n * (sizeof unit - 1);
    char *text = malloc(len + 1);
    ck_assert_ptr_nonnull(text);
    for (size_t i = 0; i < n; i++)
        memcpy(text + i * (sizeof unit - 1), unit, sizeof unit - 1);
    text[len] = '\0';
    fl_ruleset *rs = NULL;
    ck_assert_int_eq(fl_ruleset_new(&rs, NULL, NULL), FL_OK);
    ck_assert_int_eq(fl_ruleset_add_buffer(rs, "t.yml", overlap_yaml, strlen(overlap_yaml),
                                           NULL), FL_OK);
    ck_assert_int_eq(fl_ruleset_compile(rs, NULL), FL_OK);
    fl_document *doc = NULL;
    fl_findings *f = NULL;
    ck_assert_int_eq(fl_document_new(&doc, NULL, "long.txt", text, len, FL_FORMAT_AUTO, NULL),
                     FL_OK);
    ck_assert_int_eq(fl_lint(&f, rs, doc, NULL, NULL), FL_OK);
    ck_assert_uint_eq(fl_findings_count(f), FL_MAX_FINDINGS);
    ck_assert_uint_lt(fl_finding_offset(fl_findings_at(f, 1)),
                      fl_finding_offset(fl_findings_at(f, 0)) +
                          fl_finding_length(fl_findings_at(f, 0)));
    for (fl_report_format fmt = FL_REPORT_TEXT; fmt <= FL_REPORT_HTML; fmt++) {
        collect out = {0};
        fl_reporter *r = NULL;
        fl_sink sink = {collect_write, &out};
        ck_assert_int_eq(fl_reporter_new(&r, NULL, fmt, 0, sink, NULL), FL_OK);
        ck_assert_int_eq(fl_reporter_add(r, doc, f, NULL, NULL), FL_OK);
        ck_assert_int_eq(fl_reporter_finish(r, NULL), FL_OK);
        ck_assert_uint_gt(out.len, FL_MAX_FINDINGS);
        if (fmt == FL_REPORT_GNU) {
            const fl_finding *last = fl_findings_at(f, FL_MAX_FINDINGS - 1);
            char want[64];
            snprintf(want, sizeof want, "long.txt:1:%zu: ", fl_finding_offset(last) + 1);
            const char *line = out.buf + out.len - 1;
            while (line > out.buf && line[-1] != '\n')
                line--;
            ck_assert_msg(!strncmp(line, want, strlen(want)), "last line: %.60s", line);
        }
        fl_reporter_free(r);
        free(out.buf);
    }
    fl_findings_free(f);
    fl_document_free(doc);
    fl_ruleset_free(rs);
    free(text);
}
END_TEST

Suite *suite_report(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("json");
    tcase_add_test(tc, json_checker_accepts_and_rejects);
    tcase_add_test(tc, json_has_exact_fields_for_each_file);
    tcase_add_test(tc, json_without_files_is_still_a_document);
    tcase_add_test(tc, jsonl_has_one_object_per_finding);
    tcase_add_test(tc, rule_ids_and_categories_need_no_json_escaping);
    tcase_add_test(tc, json_stays_valid_for_hostile_text_and_paths);
    tcase_add_test(tc, records_carry_their_id);
    suite_add_tcase(s, tc);

    tc = tcase_create("gnu");
    tcase_add_test(tc, gnu_prints_one_exact_line_per_finding);
    tcase_add_test(tc, gnu_never_passes_terminal_escapes_through);
    suite_add_tcase(s, tc);

    tc = tcase_create("text");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, text_caret_aligns_after_tab_and_wide_characters);
    tcase_add_test(tc, text_long_line_is_shown_as_a_window);
    tcase_add_test(tc, text_never_passes_terminal_escapes_through);
    tcase_add_test(tc, text_colours_only_when_asked);
    tcase_add_test(tc, text_summary_counts_findings_and_files);
    suite_add_tcase(s, tc);

    tc = tcase_create("long line");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, every_format_is_linear_on_one_long_line);
    suite_add_tcase(s, tc);

    tc = tcase_create("sink");
    tcase_add_test(tc, failing_sink_error_is_returned);
    tcase_add_test(tc, failing_sink_error_is_returned_by_finish);
    suite_add_tcase(s, tc);
    return s;
}

/*
 * fuzz_lint: lints the input with the default ruleset and reports it in
 * every format. Checks the findings (sorted, inside the document, with a
 * message), that the json and jsonl outputs are valid JSON, and that the
 * fixer and its diff agree and change nothing when nothing is fixable.
 *
 * Input: byte 0 picks the options (as in cmark-fuzz.c); the rest is the
 * document.
 *   bits 0-1  format: plain, Markdown, HTML, or auto from the path
 *   bits 2-4  language: from the document, en, fr, de, es, "", xx
 *   bits 5-6  minimum severity: off, suggestion, warning, error
 *   bit 7     colour in the text reporter, and an awkward display path
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fuzz.h"

static const struct {
    fl_format asked;
    const char *path;
    fl_format resolved;
} formats[] = {{FL_FORMAT_PLAIN, "draft.txt", FL_FORMAT_PLAIN},
               {FL_FORMAT_MARKDOWN, "draft.md", FL_FORMAT_MARKDOWN},
               {FL_FORMAT_HTML, "draft.html", FL_FORMAT_HTML},
               {FL_FORMAT_AUTO, "notes/draft.markdown", FL_FORMAT_MARKDOWN}};
static const char *const languages[] = {NULL, "en", "fr", "de", "es", "", "xx", "EN"};
/* Quotes, a backslash, a control character and a byte that is not UTF-8:
 * every reporter must still write well-formed output. */
static const char awkward_path[] = "a \"b\"\\c\x01\xff.md";

/* Compiled once and kept for the whole run: building the embedded rules
 * takes far longer than linting one input. Only a fuzz target may do this. */
static const fl_ruleset *default_rules(void)
{
    static fl_ruleset *rs;
    if (!rs) {
        fl_error err = FL_ERROR_INIT;
        fuzz_check(fl_ruleset_new(&rs, NULL, &err) == FL_OK);
        fuzz_check(fl_ruleset_add_defaults(rs, &err) == FL_OK);
        fuzz_check(fl_ruleset_compile(rs, &err) == FL_OK);
    }
    return rs;
}

static int to_buf(void *payload, const char *data, size_t len)
{
    return fl__buf_put(payload, data, len);
}

/* Each line of jsonl output is one JSON object. */
static void check_jsonl(const fl_buf *out)
{
    size_t start = 0;
    while (start < out->len) {
        const char *nl = memchr(out->ptr + start, '\n', out->len - start);
        size_t end = nl ? (size_t)(nl - out->ptr) : out->len;
        fuzz_check(end > start && out->ptr[start] == '{');
        fuzz_check(fuzz_json_valid(out->ptr + start, end - start));
        start = end + 1;
    }
}

static void report(fl_document *doc, const fl_findings *f, fl_report_format fmt,
                   unsigned opt)
{
    fl_buf out = FL_BUF_INIT(fl__default_allocator());
    fl_sink sink = {to_buf, &out};
    fl_reporter *r = NULL;
    fl_error err = FL_ERROR_INIT;
    unsigned flags = (opt & 0x80) ? FL_REPORT_COLOR : 0;
    const char *display = (opt & 0x80) ? awkward_path : NULL;
    fuzz_check(fl_reporter_new(&r, NULL, fmt, flags, sink, &err) == FL_OK);
    fuzz_check(fl_reporter_add(r, doc, f, display, &err) == FL_OK);
    /* A second file exercises the separators between documents. */
    fuzz_check(fl_reporter_add(r, doc, f, "second.txt", &err) == FL_OK);
    fuzz_check(fl_reporter_finish(r, &err) == FL_OK);
    if (fmt == FL_REPORT_JSON)
        fuzz_check(fuzz_json_valid(out.ptr, out.len));
    if (fmt == FL_REPORT_JSONL)
        check_jsonl(&out);
    fl_reporter_free(r);
    fl__buf_free(&out);
}

static void fix(const fl_document *doc, const fl_findings *f)
{
    fl_buf fixed = FL_BUF_INIT(fl__default_allocator());
    fl_buf diff = FL_BUF_INIT(fl__default_allocator());
    size_t applied = 0, diffed = 0, fixable = 0;
    fl_error err = FL_ERROR_INIT;
    for (size_t i = 0; i < fl_findings_count(f); i++)
        fixable += fl_finding_can_fix(fl_findings_at(f, i)) != 0;
    fuzz_check(fl_fix(&applied, doc, f, (fl_sink){to_buf, &fixed}, &err) == FL_OK);
    fuzz_check(fl_fix_diff(&diffed, doc, f, "draft", (fl_sink){to_buf, &diff},
                           &err) == FL_OK);
    /* --fix lints its result again and rewrites what that shows (up to
     * FL_FIX_ROUNDS rounds), so it may apply more rewrites than the first
     * lint offered; with nothing to rewrite at first there is no second
     * round. --diff shows exactly what --fix writes. */
    fuzz_check(applied == diffed);
    fuzz_check(fixable > 0 || applied == 0);
    size_t len = 0;
    const char *data = fl_document_data(doc, &len);
    if (applied == 0) {
        fuzz_check(fixed.len == len && (len == 0 || memcmp(fixed.ptr, data, len) == 0));
        fuzz_check(diff.len == 0);
    } else {
        fuzz_check(diff.len > 0);
    }
    fl__buf_free(&fixed);
    fl__buf_free(&diff);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned opt = data[0];
    const fl_ruleset *rs = default_rules();
    fl_error err = FL_ERROR_INIT;
    fl_document *doc = NULL;
    fl_findings *f = NULL;
    fl_lint_options lo = FL_LINT_OPTIONS_INIT;
    lo.language = languages[(opt >> 2) & 7];
    lo.min_severity = (fl_severity)((opt >> 5) & 3);
    fuzz_check(fl_document_new(&doc, NULL, formats[opt & 3].path,
                               (const char *)data + 1, size - 1,
                               formats[opt & 3].asked, &err) == FL_OK);
    fuzz_check(fl_document_format(doc) == formats[opt & 3].resolved);
    int status = fl_lint(&f, rs, doc, &lo, &err);
    fuzz_check_status(status, &err);
    fuzz_check(status == FL_OK);
    fuzz_check_findings(doc, f);
    for (size_t i = 0; i < fl_findings_count(f); i++)
        fuzz_check(fl_finding_severity(fl_findings_at(f, i)) >= lo.min_severity);
    for (int fmt = FL_REPORT_TEXT; fmt <= FL_REPORT_JSONL; fmt++)
        report(doc, f, (fl_report_format)fmt, opt);
    fix(doc, f);
    fl_findings_free(f);
    fl_document_free(doc);
    return 0;
}

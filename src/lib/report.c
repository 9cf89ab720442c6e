/*
 * report: the fl_reporter object. Output is built per document in a buffer
 * and written to the sink in one call, so a slow terminal sees whole lines.
 */
#include <string.h>

#include "report.h"
#include "ruleset.h"

int fl_report_format_parse(fl_report_format *out, const char *name)
{
    /* In enum order: the index + 1 is the value. */
    static const char *const names[] = {"text", "gnu", "json", "jsonl", "sarif",
                                        "checkstyle", "github", "html", NULL};
    for (int i = 0; name && names[i]; i++) {
        if (!strcmp(names[i], name)) {
            *out = (fl_report_format)(i + 1);
            return FL_OK;
        }
    }
    return FL_EINVAL;
}

int fl_reporter_new(fl_reporter **out, const fl_allocator *alloc,
                    fl_report_format fmt, unsigned flags, fl_sink sink,
                    fl_error *err)
{
    if (!out || !sink.write || fmt < FL_REPORT_TEXT || fmt > FL_REPORT_HTML)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "bad reporter arguments");
    const fl_allocator *a = fl__allocator_or_default(alloc);
    fl_reporter *r = fl__calloc(a, 1, sizeof *r);
    if (!r)
        return fl__error_nomem(err);
    r->allocator = *a;
    r->alloc = &r->allocator;
    r->format = fmt;
    r->flags = flags;
    r->sink = sink;
    r->out = (fl_buf)FL_BUF_INIT(r->alloc);
    *out = r;
    return FL_OK;
}

void fl_reporter_free(fl_reporter *r)
{
    if (!r)
        return;
    fl__buf_free(&r->out);
    fl__report_sarif_free(r);
    fl__report_html_free(r);
    fl_allocator a = r->allocator;
    fl__free(&a, r);
}

static int flush(fl_reporter *r, fl_error *err)
{
    if (!r->out.len)
        return FL_OK;
    int error = r->sink.write(r->sink.payload, r->out.ptr, r->out.len);
    fl__buf_clear(&r->out);
    if (error < 0)
        return fl__error_set(err, error, NULL, 0, 0, 0, "cannot write the report");
    return FL_OK;
}

int fl_reporter_add(fl_reporter *r, fl_document *doc, const fl_findings *f,
                    const char *display_path, fl_error *err)
{
    if (!r || !doc || !f)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "bad reporter arguments");
    const char *path = display_path ? display_path : fl_document_path(doc);
    int error = fl_document_index(doc, err);
    if (error < 0)
        return error;
    switch (r->format) {
    case FL_REPORT_TEXT: error = fl__report_text(r, doc, f, path); break;
    case FL_REPORT_GNU: error = fl__report_gnu(r, doc, f, path); break;
    case FL_REPORT_JSON: error = fl__report_json(r, doc, f, path); break;
    case FL_REPORT_JSONL: error = fl__report_jsonl(r, doc, f, path); break;
    case FL_REPORT_SARIF: error = fl__report_sarif(r, doc, f, path); break;
    case FL_REPORT_CHECKSTYLE: error = fl__report_checkstyle(r, doc, f, path); break;
    case FL_REPORT_GITHUB: error = fl__report_github(r, doc, f, path); break;
    case FL_REPORT_HTML: error = fl__report_html(r, doc, f, path); break;
    }
    r->files++;
    r->files_with_findings += fl_findings_count(f) > 0;
    for (size_t i = 0; i < fl_findings_count(f); i++)
        r->by_severity[fl_findings_at(f, i)->severity]++;
    if (error < 0)
        return error == FL_ENOMEM ? fl__error_nomem(err) : error;
    return flush(r, err);
}

void fl_reporter_skipped(fl_reporter *r, size_t n)
{
    if (r)
        r->skipped += n;
}

int fl_reporter_finish(fl_reporter *r, fl_error *err)
{
    if (!r)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "no reporter");
    int error = FL_OK;
    if (r->format == FL_REPORT_TEXT)
        error = fl__report_text_finish(r);
    else if (r->format == FL_REPORT_JSON)
        error = fl__report_json_finish(r);
    else if (r->format == FL_REPORT_SARIF)
        error = fl__report_sarif_finish(r);
    else if (r->format == FL_REPORT_CHECKSTYLE)
        error = fl__report_checkstyle_finish(r);
    else if (r->format == FL_REPORT_HTML)
        error = fl__report_html_finish(r);
    if (error < 0)
        return fl__error_nomem(err);
    return flush(r, err);
}

int fl__report_span(fl_document *doc, const fl_finding *x, fl_span_pos *out)
{
    int error = fl_document_position(doc, x->off, &out->start);
    if (error == 0)
        error = fl_document_position(doc, x->off + x->len, &out->end);
    return error;
}

int fl__report_message(fl_buf *out, const fl_finding *x)
{
    int error = fl__buf_puts(out, x->message);
    /* Each rewrite quoted, as in the text format: "a large number of or
     * many" reads as one phrase. */
    for (size_t i = 0; i < x->nsuggestions && error == 0; i++) {
        error = fl__buf_puts(out, i ? " or \xe2\x80\x9c" : " Rewrite: \xe2\x80\x9c");
        if (error == 0)
            error = fl__buf_puts(out, x->suggestions[i]);
        if (error == 0)
            error = fl__buf_puts(out, "\xe2\x80\x9d");
    }
    return error;
}

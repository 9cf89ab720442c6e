/*
 * report: the fl_reporter object. Output is built per document in a buffer
 * and written to the sink in one call, so a slow terminal sees whole lines.
 */
#include <string.h>

#include "report.h"
#include "ruleset.h"

/* What each format does, indexed by fl_report_format - 1 (the enum counts
 * from 1 in this order): the one place that knows every format, so that
 * report.c calls the reporters and they never call back into it (their
 * shared helpers are in report_common.c). */
typedef struct format_ops {
    int (*add)(fl_reporter *r, const fl_document *doc, const fl_findings *f, const char *path);
    int (*finish)(fl_reporter *r); /* NULL: nothing to close at the end */
    int record_field;              /* carries a record's id in a field of its own */
} format_ops;

static const format_ops formats[] = {
    {fl__report_text, fl__report_text_finish, 0},
    {fl__report_gnu, NULL, 0},
    {fl__report_json, fl__report_json_finish, 1},
    {fl__report_jsonl, NULL, 1},
    {fl__report_sarif, fl__report_sarif_finish, 1},
    {fl__report_checkstyle, fl__report_checkstyle_finish, 0},
    {fl__report_github, NULL, 0},
    {fl__report_html, fl__report_html_finish, 0},
};
_Static_assert(sizeof formats / sizeof formats[0] == FL_REPORT_HTML, "one row per format");

int fl_report_format_parse(fl_report_format *out, const char *name)
{
    /* In enum order: the index + 1 is the value. */
    static const char *const names[] = {"text", "gnu", "json", "jsonl", "sarif",
                                        "checkstyle", "github", "html", NULL};
    for (int i = 0; out && name && names[i]; i++) {
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

int fl_reporter_add(fl_reporter *r, const fl_document *doc, const fl_findings *f,
                    const char *display_path, fl_error *err)
{
    return fl_reporter_add_record(r, doc, f, display_path, NULL, err);
}


int fl_reporter_add_record(fl_reporter *r, const fl_document *doc, const fl_findings *f,
                           const char *display_path, const char *record, fl_error *err)
{
    if (!r || !doc || !f)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "bad reporter arguments");
    const char *path = display_path ? display_path : fl_document_path(doc);
    /* Built here, once, so that a failure comes with its message and the
     * formats' lookups after it cannot fail. */
    int error = fl_document_index(doc, err);
    if (error < 0)
        return error;
    fl_buf joined = FL_BUF_INIT(r->alloc);
    /* Formats with no field for a record id show it in the path, so that a
     * finding still says which record it is in. */
    if (record && !formats[r->format - 1].record_field) {
        error = fl__buf_printf(&joined, "%s#%s", path, record);
        if (error < 0)
            return fl__error_nomem(err);
        path = fl__buf_cstr(&joined);
        record = NULL;
    }
    r->record = record;
    error = formats[r->format - 1].add(r, doc, f, path);
    r->files++;
    r->files_with_findings += fl_findings_count(f) > 0;
    for (size_t i = 0; i < fl_findings_count(f); i++)
        r->by_severity[fl_findings_at(f, i)->severity]++;
    r->record = NULL;
    fl__buf_free(&joined);
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
    int (*finish)(fl_reporter *) = formats[r->format - 1].finish;
    int error = finish ? finish(r) : FL_OK;
    if (error < 0)
        return fl__error_nomem(err);
    return flush(r, err);
}

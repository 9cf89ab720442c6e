/*
 * report_json: `json` (one document for the run) and `jsonl` (one object per
 * finding). Lines and columns are 1-based, columns in code points, end_column
 * one past the last character; offset and length are bytes.
 */
#include <string.h>

#include "report.h"
#include "ruleset.h"

/* A .docx or .odt: what a writer searching their word processor needs —
 * the part, the heading above, the words around the finding. */
static int put_place(fl_buf *out, const fl_document *doc, const fl_finding *x)
{
    fl_place pl;
    fl_document_place(&pl, doc, x->off, x->len);
    int error = fl__buf_printf(out, ", \"part\": \"%s\"", pl.part);
    if (error == 0 && pl.heading_length)
        error = fl__buf_puts(out, ", \"heading\": ");
    if (error == 0 && pl.heading_length)
        error = fl__json_string(out, doc->data + pl.heading_offset, pl.heading_length);
    if (error == 0)
        error = fl__buf_puts(out, ", \"excerpt\": ");
    if (error == 0)
        error = fl__json_string(out, doc->data + pl.excerpt_offset, pl.excerpt_length);
    return error;
}

/* A rule's id or category in quotes. Both passed fl__schema_ident when the
 * rule was read (lower-case letters, digits and '-', and the '.' between
 * ruleset and name): nothing in them needs escaping, and each finding
 * wrote them through the escaper's loop for nothing. */
static int put_ident(fl_buf *out, const char *s)
{
    int error = fl__buf_putc(out, '"');
    if (error == 0)
        error = fl__buf_puts(out, s);
    return error == 0 ? fl__buf_putc(out, '"') : error;
}

static int put_finding(fl_buf *out, const fl_document *doc, const fl_finding *x)
{
    fl_span_pos s;
    int error = fl__report_span(doc, x, &s);
    if (error == 0)
        error = fl__buf_puts(out, "\"rule\": ");
    if (error == 0)
        error = put_ident(out, x->rule->id);
    if (error == 0)
        error = fl__buf_puts(out, ", \"category\": ");
    if (error == 0)
        error = put_ident(out, x->rule->category);
    /* Numbers without printf: this runs for every finding of a corpus. */
    const char *keys[] = {"\", \"line\": ", ", \"column\": ", ", \"end_line\": ",
                          ", \"end_column\": ", ", \"offset\": ", ", \"length\": "};
    size_t values[] = {s.start.line, s.start.column, s.end.line, s.end.column, x->off, x->len};
    if (error == 0)
        error = fl__buf_puts(out, ", \"severity\": \"");
    if (error == 0)
        error = fl__buf_puts(out, fl_severity_name(x->severity));
    for (size_t i = 0; i < sizeof values / sizeof *values && error == 0; i++) {
        error = fl__buf_puts(out, keys[i]);
        if (error == 0)
            error = fl__buf_put_uint(out, values[i]);
    }
    if (error == 0)
        error = fl__buf_puts(out, ", \"match\": ");
    if (error == 0)
        error = fl__json_string(out, doc->data + x->off, x->len);
    if (error == 0)
        error = fl__buf_puts(out, ", \"message\": ");
    if (error == 0)
        error = fl__json_string(out, x->message, strlen(x->message));
    if (error == 0)
        error = fl__buf_puts(out, ", \"suggestions\": [");
    for (size_t i = 0; i < x->nsuggestions && error == 0; i++) {
        if (i)
            error = fl__buf_puts(out, ", ");
        if (error == 0)
            error = fl__json_string(out, x->suggestions[i], strlen(x->suggestions[i]));
    }
    if (error == 0)
        error = fl__buf_puts(out, "]");
    const char *note = fl_finding_fix_note(x);
    if (error == 0 && *note)
        error = fl__buf_puts(out, ", \"not_rewritten\": ");
    if (error == 0 && *note)
        error = fl__json_string(out, note, strlen(note));
    return error < 0 || !doc->pkg ? error : put_place(out, doc, x);
}

/* Notices (invalid UTF-8, a regex limit, dropped findings) belong with the
 * file they concern, so a researcher reading only the JSON learns of them. */
static int put_notices(fl_buf *out, const fl_document *doc, const fl_findings *f)
{
    int error = fl__buf_puts(out, ", \"notices\": [");
    for (size_t i = 0; i < fl_findings_notice_count(f) && error == 0; i++) {
        size_t off = 0;
        const char *msg = fl_findings_notice(f, i, &off);
        fl_position p;
        error = fl_document_position(&p, doc, off);
        if (error == 0)
            error = fl__buf_printf(out, "%s{\"line\": %u, \"column\": %u, \"offset\": %zu, "
                                   "\"message\": ", i ? ", " : "", p.line, p.column, off);
        if (error == 0)
            error = fl__json_string(out, msg, strlen(msg));
        if (error == 0)
            error = fl__buf_putc(out, '}');
    }
    return error < 0 ? error : fl__buf_putc(out, ']');
}

/* A record's id, after the path, when the document is a record of a stream. */
static int put_record(fl_buf *out, const char *record)
{
    if (!record)
        return FL_OK;
    int error = fl__buf_puts(out, ", \"record\": ");
    return error < 0 ? error : fl__json_string(out, record, strlen(record));
}

int fl__report_json(fl_reporter *r, const fl_document *doc, const fl_findings *f,
                    const char *path)
{
    int error = fl__buf_puts(&r->out, r->files ? ",\n    {\"path\": "
                                               : "{\"version\": 1, \"files\": [\n    {\"path\": ");
    if (error == 0)
        error = fl__json_string(&r->out, path, strlen(path));
    if (error == 0)
        error = put_record(&r->out, r->record);
    if (error == 0)
        error = fl__buf_puts(&r->out, ", \"findings\": [");
    for (size_t i = 0; i < fl_findings_count(f) && error == 0; i++) {
        error = fl__buf_puts(&r->out, i ? ",\n      {" : "\n      {");
        if (error == 0)
            error = put_finding(&r->out, doc, fl_findings_at(f, i));
        if (error == 0)
            error = fl__buf_putc(&r->out, '}');
    }
    if (error == 0)
        error = fl__buf_puts(&r->out, fl_findings_count(f) ? "\n    ]" : "]");
    if (error == 0 && fl_findings_notice_count(f))
        error = put_notices(&r->out, doc, f);
    return error < 0 ? error : fl__buf_putc(&r->out, '}');
}

int fl__report_json_finish(fl_reporter *r)
{
    return fl__buf_puts(&r->out, r->files ? "\n]}\n" : "{\"version\": 1, \"files\": []}\n");
}

int fl__report_jsonl(fl_reporter *r, const fl_document *doc, const fl_findings *f,
                     const char *path)
{
    for (size_t i = 0; i < fl_findings_count(f); i++) {
        int error = fl__buf_puts(&r->out, "{\"path\": ");
        if (error == 0)
            error = fl__json_string(&r->out, path, strlen(path));
        if (error == 0)
            error = put_record(&r->out, r->record);
        if (error == 0)
            error = fl__buf_puts(&r->out, ", ");
        if (error == 0)
            error = put_finding(&r->out, doc, fl_findings_at(f, i));
        if (error == 0)
            error = fl__buf_puts(&r->out, "}\n");
        if (error < 0)
            return error;
    }
    return FL_OK;
}

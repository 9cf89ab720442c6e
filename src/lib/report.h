/*
 * report: writers for the output formats. Each takes one document's findings
 * and appends its text to the reporter's buffer; report.c flushes it to the
 * caller's sink. Reporters only read findings; they never match or lint.
 */
#ifndef FL_REPORT_H
#define FL_REPORT_H

#include "buf.h"
#include "document.h"
#include "findings.h"

struct fl_reporter {
    fl_allocator allocator;
    const fl_allocator *alloc; /* &allocator */
    fl_report_format format;
    unsigned flags;
    fl_sink sink;
    fl_buf out;
    size_t files;              /* documents added */
    size_t files_with_findings;
    size_t by_severity[4];     /* findings per fl_severity */
};

/** Where a finding starts and ends, for every format. */
typedef struct fl_span_pos {
    fl_position start, end;    /* end.column is one past the last character */
} fl_span_pos;

int fl__report_span(fl_document *doc, const fl_finding *x, fl_span_pos *out);

int fl__report_text(fl_reporter *r, fl_document *doc, const fl_findings *f,
                    const char *path);
int fl__report_gnu(fl_reporter *r, fl_document *doc, const fl_findings *f,
                   const char *path);
int fl__report_json(fl_reporter *r, fl_document *doc, const fl_findings *f,
                    const char *path);
int fl__report_jsonl(fl_reporter *r, fl_document *doc, const fl_findings *f,
                     const char *path);

/** End of run: the text summary line, JSON's closing brackets. */
int fl__report_text_finish(fl_reporter *r);
int fl__report_json_finish(fl_reporter *r);

/** Appends `s` (len bytes) as a JSON string literal, quotes included.
 *  Invalid UTF-8 becomes U+FFFD, so the output is always valid JSON. */
int fl__json_string(fl_buf *out, const char *s, size_t len);

#endif

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
    const char *record;        /* the record being added, or NULL (fl_reporter_add_record) */
    size_t files;              /* documents added */
    size_t files_with_findings;
    size_t by_severity[4];     /* findings per fl_severity */
    size_t skipped;            /* files the caller passed over */
    struct fl_sarif_rules *sarif; /* rules seen so far (sarif only) */
    struct fl_html_rules *html;   /* rules seen so far (html only) */
};

/** Where a finding starts and ends, for every format. */
typedef struct fl_span_pos {
    fl_position start, end;    /* end.column is one past the last character */
} fl_span_pos;

int fl__report_span(const fl_document *doc, const fl_finding *x, fl_span_pos *out);

int fl__report_text(fl_reporter *r, const fl_document *doc, const fl_findings *f,
                    const char *path);
int fl__report_gnu(fl_reporter *r, const fl_document *doc, const fl_findings *f,
                   const char *path);
int fl__report_json(fl_reporter *r, const fl_document *doc, const fl_findings *f,
                    const char *path);
int fl__report_jsonl(fl_reporter *r, const fl_document *doc, const fl_findings *f,
                     const char *path);
int fl__report_sarif(fl_reporter *r, const fl_document *doc, const fl_findings *f,
                     const char *path);
int fl__report_checkstyle(fl_reporter *r, const fl_document *doc, const fl_findings *f,
                          const char *path);
int fl__report_github(fl_reporter *r, const fl_document *doc, const fl_findings *f,
                      const char *path);
int fl__report_html(fl_reporter *r, const fl_document *doc, const fl_findings *f,
                    const char *path);
int fl__report_html_finish(fl_reporter *r);
void fl__report_html_free(fl_reporter *r);

/** End of run: the text summary line, JSON's closing brackets. */
int fl__report_text_finish(fl_reporter *r);
int fl__report_json_finish(fl_reporter *r);
int fl__report_sarif_finish(fl_reporter *r);
int fl__report_checkstyle_finish(fl_reporter *r);

/** Frees the sarif reporter's table of rules seen. */
void fl__report_sarif_free(fl_reporter *r);

/** Appends the finding's message followed, when it has rewrites, by
 *  " Rewrite: “A” or “B”" — for formats whose readers see only one string. */
int fl__report_message(fl_buf *out, const fl_finding *x);

/** Appends `s` (len bytes) as a JSON string literal, quotes included.
 *  Invalid UTF-8 becomes U+FFFD, so the output is always valid JSON. */
int fl__json_string(fl_buf *out, const char *s, size_t len);

/** Appends `s` (len bytes) escaped for an XML 1.0 attribute value (the
 *  caller writes the quotes): the five markup characters become entities;
 *  tab, newline and carriage return become character references (so
 *  attribute-value normalisation keeps them); characters XML 1.0 forbids
 *  (other C0 controls, U+FFFE, U+FFFF) and invalid UTF-8 become U+FFFD. */
int fl__xml_escape(fl_buf *out, const char *s, size_t len);

#endif

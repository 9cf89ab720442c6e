/*
 * report_text: output for people, modelled on clang and rustc — location,
 * severity, message and rule id, then the source line with the span
 * underlined and the rewrite. Text from the draft is sanitised (no terminal
 * escapes get through) and long lines are shown as a window around the span.
 */
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "report.h"
#include "ruleset.h"

#define WINDOW_BEFORE 40  /* display columns shown before a span */
#define WINDOW_WIDTH 110  /* display columns shown in all */

typedef struct style {
    const char *bold, *severity, *caret, *dim, *reset;
} style;

static style style_for(const fl_reporter *r, fl_severity s)
{
    if (!(r->flags & FL_REPORT_COLOR))
        return (style){"", "", "", "", ""};
    const char *sev = s == FL_SEVERITY_ERROR     ? "\033[1;31m"
                      : s == FL_SEVERITY_WARNING ? "\033[1;35m"
                                                 : "\033[1;36m";
    return (style){"\033[1m", sev, "\033[1;32m", "\033[2m", "\033[0m"};
}

/* One character of the draft as shown: its bytes (or a stand-in) and width. */
typedef struct glyph {
    size_t bytes;
    int width;
    const char *show; /* NULL: the bytes themselves */
} glyph;

static glyph glyph_at(const char *s, size_t len)
{
    /* Most of an excerpt is printable ASCII: one byte, one column, no
     * decoding or table look-up (this was 8% of a run with many findings). */
    unsigned char c = (unsigned char)s[0];
    if (c >= 0x20 && c < 0x7F)
        return (glyph){1, 1, NULL};
    int32_t cp;
    size_t n = fl__utf8_decode((const unsigned char *)s, len, &cp);
    if (cp < 0)
        return (glyph){n, 1, "\xef\xbf\xbd"};
    if (cp == '\t')
        return (glyph){n, 4, "    "};
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
        return (glyph){n, 1, "?"};
    int w = utf8proc_charwidth(cp);
    return (glyph){n, w < 0 ? 1 : w, NULL};
}

/* Walks back from `off` over at most `cols` display columns, not before
 * `lo`; returns the byte where the window starts. */
static size_t back_columns(const char *s, size_t lo, size_t off, int cols)
{
    while (off > lo && cols > 0) {
        size_t p = off - 1;
        while (p > lo && ((unsigned char)s[p] & 0xC0) == 0x80 && off - p < 4)
            p--;
        cols -= glyph_at(s + p, off - p).width;
        off = p;
    }
    return off;
}

/* Whether a line fits the window whole; only short lines are measured, so a
 * 50 MB line costs nothing here. */
static int fits(const char *s, size_t lo, size_t hi)
{
    if (hi - lo > 4 * WINDOW_WIDTH)
        return 0;
    int cols = 0;
    for (size_t i = lo; i < hi && cols <= WINDOW_WIDTH;) {
        glyph g = glyph_at(s + i, hi - i);
        cols += g.width;
        i += g.bytes;
    }
    return cols <= WINDOW_WIDTH;
}

/* Writes the draft's line window and, into `marks`, the underline. */
static int put_excerpt(fl_buf *out, fl_buf *marks, const char *s, size_t from,
                       size_t to, size_t span_lo, size_t span_hi)
{
    int cols = 0, error = 0, caret = 0;
    size_t i = from;
    while (i < to && cols < WINDOW_WIDTH && error == 0) {
        glyph g = glyph_at(s + i, to - i);
        error = g.show ? fl__buf_puts(out, g.show) : fl__buf_put(out, s + i, g.bytes);
        char mark = i < span_lo ? ' ' : i == span_lo ? '^' : i < span_hi ? '~' : 0;
        caret |= mark == '^';
        for (int k = 0; mark && k < g.width && error == 0; k++)
            error = fl__buf_putc(marks, k && mark == '^' ? '~' : mark);
        cols += g.width;
        i += g.bytes;
    }
    if (error == 0 && i < to)
        error = fl__buf_puts(out, "\xe2\x80\xa6"); /* … */
    if (error == 0 && !caret) /* the span starts at the end of the line */
        error = fl__buf_putc(marks, '^');
    return error;
}

static int put_sanitised(fl_buf *out, const char *s)
{
    size_t len = strlen(s), i = 0;
    while (i < len) {
        glyph g = glyph_at(s + i, len - i);
        int error = g.show && g.width != 4 ? fl__buf_puts(out, g.show)
                                           : fl__buf_put(out, s + i, g.bytes);
        if (error < 0)
            return error;
        i += g.bytes;
    }
    return FL_OK;
}

static int put_source(fl_reporter *r, const fl_document *doc, const fl_finding *x,
                      const fl_span_pos *sp, const style *st)
{
    const fl_position *p = &sp->start;
    size_t line_end = p->line_offset + p->line_length;
    size_t span_hi = x->off + x->len < line_end ? x->off + x->len : line_end;
    size_t from = fits(doc->data, p->line_offset, line_end)
                      ? p->line_offset
                      : back_columns(doc->data, p->line_offset, x->off, WINDOW_BEFORE);
    char gutter[16];
    int width = snprintf(gutter, sizeof gutter, "%u", p->line);
    fl_buf marks = FL_BUF_INIT(r->alloc);
    int error = fl__buf_printf(&r->out, "%s%5s |%s ", st->dim, gutter, st->reset);
    if (error == 0 && from > p->line_offset)
        error = fl__buf_puts(&r->out, "\xe2\x80\xa6");
    if (error == 0)
        error = put_excerpt(&r->out, &marks, doc->data, from, line_end, x->off, span_hi);
    if (error == 0)
        error = fl__buf_printf(&r->out, "\n%s%*s |%s %s%s%s%s\n", st->dim,
                               width > 5 ? width : 5, "", st->reset,
                               from > p->line_offset ? " " : "", st->caret,
                               fl__buf_cstr(&marks), st->reset);
    fl__buf_free(&marks);
    return error;
}

/* Each rewrite in quotation marks, so that two alternatives never read as
 * one phrase ("“a large number of” or “many”"); then, when --fix leaves
 * the finding, why. */
static int put_rewrites(fl_reporter *r, const fl_finding *x, const style *st)
{
    int error = 0;
    for (size_t i = 0; i < x->nsuggestions && error == 0; i++) {
        error = i ? fl__buf_puts(&r->out, " or ")
                  : fl__buf_printf(&r->out, "%6s%s=%s rewrite: ", "", st->dim, st->reset);
        if (error == 0)
            error = fl__buf_printf(&r->out, "\xe2\x80\x9c%s", st->bold);
        if (error == 0)
            error = put_sanitised(&r->out, x->suggestions[i]);
        if (error == 0)
            error = fl__buf_printf(&r->out, "%s\xe2\x80\x9d", st->reset);
    }
    if (error == 0 && x->nsuggestions)
        error = fl__buf_putc(&r->out, '\n');
    const char *note = fl_finding_fix_note(x);
    if (error == 0 && *note)
        error = fl__buf_printf(&r->out, "%6s%s=%s not rewritten by --fix: %s\n", "", st->dim,
                               st->reset, note);
    return error;
}

static int put_finding(fl_reporter *r, const fl_document *doc, const fl_finding *x,
                       const char *path)
{
    style st = style_for(r, x->severity);
    fl_span_pos sp;
    int error = fl__report_span(doc, x, &sp);
    if (error == 0)
        error = fl__buf_puts(&r->out, st.bold);
    if (error == 0) /* a file name can hold any byte, ESC included */
        error = put_sanitised(&r->out, path);
    if (error == 0)
        error = fl__buf_printf(&r->out, ":%u:%u:%s %s%s:%s ", sp.start.line,
                               sp.start.column, st.reset, st.severity,
                               fl_severity_name(x->severity), st.reset);
    if (error == 0)
        error = put_sanitised(&r->out, x->message);
    if (error == 0)
        error = fl__buf_printf(&r->out, " %s[%s]%s\n", st.dim, x->rule->id, st.reset);
    if (error == 0)
        error = put_source(r, doc, x, &sp, &st);
    if (error == 0)
        error = put_rewrites(r, x, &st);
    return error;
}

int fl__report_text(fl_reporter *r, const fl_document *doc, const fl_findings *f,
                    const char *path)
{
    for (size_t i = 0; i < fl_findings_count(f); i++) {
        int error = put_finding(r, doc, fl_findings_at(f, i), path);
        if (error == 0)
            error = fl__buf_putc(&r->out, '\n');
        if (error < 0)
            return error;
    }
    return FL_OK;
}

static int put_count(fl_buf *out, size_t n, const char *one, const char *many,
                     int *first)
{
    if (!n)
        return FL_OK;
    int error = fl__buf_printf(out, "%s%zu %s", *first ? "" : ", ", n,
                               n == 1 ? one : many);
    *first = 0;
    return error;
}

/* A clean run prints nothing, unless files were passed over: then the
 * writer who expected them checked hears that they were not. */
int fl__report_text_finish(fl_reporter *r)
{
    size_t total = r->by_severity[1] + r->by_severity[2] + r->by_severity[3];
    if (!total && !r->skipped)
        return FL_OK;
    style st = style_for(r, FL_SEVERITY_WARNING);
    int first = 1;
    int error = fl__buf_puts(&r->out, st.bold);
    if (error == 0 && !total)
        error = r->files ? fl__buf_printf(&r->out, "no findings in %zu file%s", r->files,
                                          r->files == 1 ? "" : "s")
                         : fl__buf_puts(&r->out, "no file checked");
    if (error == 0)
        error = put_count(&r->out, r->by_severity[3], "error", "errors", &first);
    if (error == 0)
        error = put_count(&r->out, r->by_severity[2], "warning", "warnings", &first);
    if (error == 0)
        error = put_count(&r->out, r->by_severity[1], "suggestion", "suggestions", &first);
    if (error == 0 && total)
        error = fl__buf_printf(&r->out, " in %zu of %zu file%s", r->files_with_findings,
                               r->files, r->files == 1 ? "" : "s");
    if (error == 0 && r->skipped)
        error = fl__buf_printf(&r->out, "; %zu %sfile%s skipped (not a draft framelint reads)",
                               r->skipped, r->files ? "other " : "",
                               r->skipped == 1 ? "" : "s");
    if (error == 0)
        error = fl__buf_printf(&r->out, "%s\n", st.reset);
    return error;
}

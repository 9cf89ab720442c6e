/*
 * fix: applies the first rewrite of each fixable finding, and renders the
 * same change as a unified diff. Only the bytes inside chosen spans change;
 * everything else is copied through untouched, so line endings, BOMs and
 * odd bytes survive a fix.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "document.h"
#include "findings.h"
#include "package.h"
#include "ruleset.h"
#include "text.h"

/* An error fix_package already described in `err`. */
#define FL_EREPORTED (-1000)

/* The documented order: earlier start, then longer span, then more severe,
 * then the rule loaded first. */
static int compare_priority(const void *x, const void *y)
{
    const fl_finding *a = *(const fl_finding *const *)x;
    const fl_finding *b = *(const fl_finding *const *)y;
    if (a->off != b->off)
        return a->off < b->off ? -1 : 1;
    if (a->len != b->len)
        return a->len > b->len ? -1 : 1;
    if (a->severity != b->severity)
        return a->severity > b->severity ? -1 : 1;
    return (a->rule->index > b->rule->index) - (a->rule->index < b->rule->index);
}

/* The findings to apply, in document order, none overlapping. The caller
 * frees *out with the findings' allocator. */
static int choose(const fl_findings *f, const fl_finding ***out, size_t *n)
{
    const fl_finding **v = fl__reallocarray(f->alloc, NULL, f->items.len + 1, sizeof *v);
    if (!v)
        return FL_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < f->items.len; i++) {
        if (fl_finding_can_fix(&f->items.ptr[i]))
            v[k++] = &f->items.ptr[i];
    }
    if (k > 1)
        qsort(v, k, sizeof *v, compare_priority);
    size_t w = 0;
    for (size_t i = 0; i < k; i++) {
        if (w && v[i]->off < v[w - 1]->off + v[w - 1]->len)
            continue; /* overlaps one already chosen */
        v[w++] = v[i];
    }
    *out = v;
    *n = w;
    return FL_OK;
}

/* Appends doc[from..to) with the chosen rewrites that fall inside it. */
static int render(fl_buf *out, const fl_document *doc, const fl_finding *const *v,
                  size_t n, size_t *next, size_t from, size_t to)
{
    size_t at = from;
    int error = 0;
    while (error == 0 && *next < n && v[*next]->off + v[*next]->len <= to) {
        const fl_finding *x = v[(*next)++];
        error = fl__buf_put(out, doc->data + at, x->off - at);
        if (error == 0)
            error = fl__buf_puts(out, x->suggestions[0]);
        at = x->off + x->len;
    }
    return error < 0 ? error : fl__buf_put(out, doc->data + at, to - at);
}

/* A Word file: the same chosen rewrites, written as tracked changes into
 * its package (fix_docx.c). `*n` becomes the number written. */
static int fix_package(fl_buf *out, const fl_document *doc, const fl_finding *const *v,
                       size_t *n, fl_error *err)
{
    fl_pkg_edit *edits = fl__reallocarray(doc->alloc, NULL, *n + 1, sizeof *edits);
    if (!edits)
        return FL_ENOMEM;
    for (size_t i = 0; i < *n; i++)
        edits[i] = (fl_pkg_edit){v[i]->off, v[i]->len, v[i]->suggestions[0]};
    size_t applied = 0;
    int error = *n ? fl__docx_fix(doc->pkg, edits, *n, (long long)time(NULL), out,
                                  &applied, err)
                   : fl__buf_put(out, doc->pkg->bytes, doc->pkg->nbytes);
    fl__free(doc->alloc, edits);
    *n = applied;
    return error == FL_ESYNTAX ? FL_EREPORTED : error;
}

static int sink_error(fl_error *err, int code)
{
    if (code == FL_EREPORTED)
        return FL_ESYNTAX;
    if (code == FL_ENOMEM)
        return fl__error_nomem(err);
    return fl__error_set(err, code, NULL, 0, 0, 0, "cannot write the fixed text");
}

static int odt_refused(const fl_document *doc, fl_error *err)
{
    return fl__error_set(err, FL_EINVAL, doc->path, 0, 0, 0, "--fix does not support "
                         ".odt files yet: nothing was written; run without --fix to see "
                         "the findings, or save it as .docx to get rewrites as tracked "
                         "changes");
}

int fl_fix(const fl_document *doc, const fl_findings *f, fl_sink sink,
           size_t *applied, fl_error *err)
{
    if (!doc || !f || !sink.write)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "bad fix arguments");
    if (doc->format == FL_FORMAT_ODT)
        return odt_refused(doc, err);
    const fl_finding **v = NULL;
    size_t n = 0, next = 0;
    if (choose(f, &v, &n) < 0)
        return fl__error_nomem(err);
    fl_buf out = FL_BUF_INIT(f->alloc);
    int error = doc->pkg ? fix_package(&out, doc, v, &n, err)
                         : render(&out, doc, v, n, &next, 0, doc->len);
    if (error == 0 && out.len)
        error = sink.write(sink.payload, out.ptr, out.len);
    fl__buf_free(&out);
    fl__free(f->alloc, v);
    if (error < 0)
        return sink_error(err, error);
    if (applied)
        *applied = n;
    return FL_OK;
}

/* --- unified diff --------------------------------------------------------- */

#define CONTEXT 3

typedef struct line_range {
    size_t first, count; /* lines (0-based) */
} line_range;

typedef struct diff {
    const fl_document *doc;
    fl_linemap lines;
    const fl_finding *const *v;
    size_t n;
    fl_buf *out;
} diff;

static size_t line_of(const diff *d, size_t off)
{
    return fl__linemap_line(&d->lines, off);
}

/* Lines that hold text: the empty line after a final newline is no line
 * of the diff. */
static size_t line_count(const diff *d)
{
    size_t n = d->lines.count;
    return n > 1 && d->lines.starts[n - 1] == d->doc->len ? n - 1 : n;
}

/* Byte range of 0-based line `l`, its newline included. */
static size_t line_start(const diff *d, size_t l)
{
    return l < d->lines.count ? d->lines.starts[l] : d->doc->len;
}

/* Lines [first, last) prefixed with `mark`; with `next`, the chosen
 * rewrites are applied to them. */
static int put_lines(const diff *d, char mark, size_t first, size_t last,
                     size_t *next)
{
    int error = 0;
    for (size_t l = first; l < last && error == 0; l++) {
        size_t lo = line_start(d, l), hi = line_start(d, l + 1);
        error = fl__buf_putc(d->out, mark);
        if (error == 0 && next)
            error = render(d->out, d->doc, d->v, d->n, next, lo, hi);
        else if (error == 0)
            error = fl__buf_put(d->out, d->doc->data + lo, hi - lo);
        /* A line ended by a lone CR is shown with a "\n" after it, as a
         * CRLF line is: a diff is read a line at a time. */
        if (error == 0 && hi > lo && d->doc->data[hi - 1] == '\r')
            error = fl__buf_putc(d->out, '\n');
        else if (error == 0 && (hi == lo || d->doc->data[hi - 1] != '\n'))
            error = fl__buf_puts(d->out, "\n\\ No newline at end of file\n");
    }
    return error;
}

/* One hunk: each changed line as its old and new version, the rest as
 * context. Fixes never add or remove line breaks, so both sides have the
 * same number of lines. */
static int hunk(const diff *d, line_range shown, size_t *next)
{
    int error = fl__buf_printf(d->out, "@@ -%zu,%zu +%zu,%zu @@\n", shown.first + 1,
                               shown.count, shown.first + 1, shown.count);
    for (size_t l = shown.first; l < shown.first + shown.count && error == 0; l++) {
        if (*next < d->n && line_of(d, d->v[*next]->off) == l) {
            error = put_lines(d, '-', l, l + 1, NULL);
            if (error == 0)
                error = put_lines(d, '+', l, l + 1, next);
        } else {
            error = put_lines(d, ' ', l, l + 1, NULL);
        }
    }
    return error;
}

/* Groups changed lines into hunks as diff -u does: two changes share a hunk
 * when no more than 2 * CONTEXT unchanged lines lie between them, so their
 * contexts would touch or overlap. */
static int hunks(const diff *d)
{
    size_t i = 0, next = 0;
    int error = 0;
    while (i < d->n && error == 0) {
        size_t first = line_of(d, d->v[i]->off), last = first;
        while (i < d->n && line_of(d, d->v[i]->off) <= last + 2 * CONTEXT + 1)
            last = line_of(d, d->v[i++]->off);
        size_t lo = first > CONTEXT ? first - CONTEXT : 0;
        size_t count = line_count(d);
        size_t hi = last + 1 + CONTEXT < count ? last + 1 + CONTEXT : count;
        error = hunk(d, (line_range){lo, hi - lo}, &next);
    }
    return error;
}

int fl_fix_diff(const fl_document *doc, const fl_findings *f, const char *path,
                fl_sink sink, size_t *applied, fl_error *err)
{
    if (!doc || !f || !sink.write)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "bad diff arguments");
    const fl_finding **v = NULL;
    size_t n = 0;
    fl_buf out = FL_BUF_INIT(f->alloc);
    diff d = {doc, {NULL, 0, 0, 0, 0, 0}, NULL, 0, &out};
    int error = choose(f, &v, &n);
    if (error == 0 && n)
        error = fl__linemap_build(&d.lines, f->alloc, doc->data, doc->len);
    if (error == 0 && n) {
        const char *name = path ? path : doc->path;
        d.v = v;
        d.n = n;
        const char *a = name[0] == '/' ? "" : "a/", *b = name[0] == '/' ? "" : "b/";
        error = fl__buf_printf(&out, "--- %s%s\n+++ %s%s\n", a, name, b, name);
        if (error == 0)
            error = hunks(&d);
    }
    if (error == 0 && out.len)
        error = sink.write(sink.payload, out.ptr, out.len);
    fl__buf_free(&out);
    fl__linemap_free(&d.lines, f->alloc);
    fl__free(f->alloc, v);
    if (error < 0)
        return sink_error(err, error);
    if (applied)
        *applied = n;
    return FL_OK;
}

/* --- one finding ---------------------------------------------------------- */

int fl_fix_finding(const fl_document *doc, const fl_findings *f, size_t index,
                   size_t rewrite, fl_sink sink, size_t *applied, fl_error *err)
{
    if (!doc || !f || !sink.write || index >= f->items.len ||
        rewrite >= f->items.ptr[index].nsuggestions)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "bad fix arguments");
    /* The same renderer as fl_fix, given a copy of the finding whose first
     * rewrite is the one asked for. */
    fl_finding one = f->items.ptr[index];
    one.suggestions += rewrite;
    one.nsuggestions -= rewrite;
    const fl_finding *v[1] = {&one};
    size_t n = fl_finding_can_fix(&f->items.ptr[index]) ? 1 : 0, next = 0;
    if (doc->format == FL_FORMAT_ODT)
        return odt_refused(doc, err);
    fl_buf out = FL_BUF_INIT(f->alloc);
    int error = doc->pkg ? fix_package(&out, doc, v, &n, err)
                         : render(&out, doc, v, n, &next, 0, doc->len);
    if (error == 0 && out.len)
        error = sink.write(sink.payload, out.ptr, out.len);
    fl__buf_free(&out);
    if (error < 0)
        return sink_error(err, error);
    if (applied)
        *applied = n;
    return FL_OK;
}

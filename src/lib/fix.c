/*
 * fix: applies the rewrites lint settled on (fl_finding_can_fix), lints the
 * result again and applies what that shows, until nothing is left to
 * rewrite; renders the same change as a unified diff. Only the bytes inside
 * rewritten spans change: line endings, BOMs and odd bytes survive a fix.
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

/* An error already described in `err`. */
#define FL_EREPORTED (-1000)

/* One rewrite: bytes [off, off + len) of the text become texts[at, at + n),
 * which is NUL-terminated. */
typedef struct edit {
    size_t off, len, at, n;
} edit;

/* The rewrites of one round, in document order, none overlapping. */
typedef struct plan {
    edit *v;
    size_t n, findings; /* edits; findings they apply (a joined pair is one edit) */
    fl_buf texts;
} plan;

static void plan_free(plan *p, const fl_allocator *a)
{
    fl__free(a, p->v);
    fl__buf_free(&p->texts);
}

/* Adds rewrite `w` of a finding at [off, off + len); one that joins the
 * previous edit (fl__findings_settle_rewrites) extends it, dropping the
 * words the two share. */
static int plan_add(plan *p, size_t off, size_t len, const char *w, int joins)
{
    edit *e = p->n ? &p->v[p->n - 1] : NULL;
    size_t shared = e && joins && e->off + e->len > off ? e->off + e->len - off : 0;
    size_t wl = strlen(w);
    if (shared && shared < wl) {
        p->texts.len--; /* the previous text's NUL */
        e->len = off + len - e->off;
        e->n += wl - shared;
        return fl__buf_put(&p->texts, w + shared, wl - shared + 1);
    }
    p->v[p->n++] = (edit){off, len, p->texts.len, wl};
    return fl__buf_put(&p->texts, w, wl + 1);
}

/* The round's plan: every finding fl_finding_can_fix allows, its first
 * rewrite (findings are in document order). */
static int plan_fixes(plan *p, const fl_findings *f)
{
    *p = (plan){fl__reallocarray(f->alloc, NULL, f->items.len + 1, sizeof *p->v), 0, 0,
                FL_BUF_INIT(f->alloc)};
    if (!p->v)
        return FL_ENOMEM;
    int error = 0;
    for (size_t i = 0; i < f->items.len && error == 0; i++) {
        const fl_finding *x = &f->items.ptr[i];
        if (!fl_finding_can_fix(x))
            continue;
        error = plan_add(p, x->off, x->len, x->suggestions[0], x->joins);
        p->findings++;
    }
    return error;
}

/* Appends data[from..to) with the plan's edits that fall inside it. */
static int render(fl_buf *out, const char *data, const plan *p, size_t *next, size_t from,
                  size_t to)
{
    size_t at = from;
    int error = 0;
    while (error == 0 && *next < p->n && p->v[*next].off + p->v[*next].len <= to) {
        const edit *e = &p->v[(*next)++];
        error = fl__buf_put(out, data + at, e->off - at);
        if (error == 0)
            error = fl__buf_put(out, p->texts.ptr + e->at, e->n);
        at = e->off + e->len;
    }
    return error < 0 ? error : fl__buf_put(out, data + at, to - at);
}

/* One round: `data` with the plan of `f` applied, into `out`. */
static int fix_round(fl_buf *out, const char *data, size_t len, const fl_findings *f,
                     size_t *applied)
{
    plan p;
    size_t next = 0;
    int error = plan_fixes(&p, f);
    fl__buf_clear(out);
    if (error == 0)
        error = render(out, data, &p, &next, 0, len);
    *applied = p.findings;
    plan_free(&p, f->alloc);
    return error;
}

/* Lints `text` as `doc` was linted (its path, format, language, rules and
 * minimum severity); `*d` and `*g` belong to the caller. */
static int relint(fl_document **d, fl_findings **g, const fl_document *doc,
                  const fl_findings *f, const fl_buf *text, fl_error *err)
{
    fl_lint_options opts = FL_LINT_OPTIONS_INIT;
    opts.language = f->language;
    opts.min_severity = f->min_severity;
    int error = fl_document_new(d, doc->alloc, doc->path, text->ptr, text->len,
                                doc->format, err);
    return error < 0 ? error : fl_lint(g, f->rs, *d, &opts, err);
}

/* The text of `doc` fixed: a round of rewrites, then the result linted
 * again and what it shows rewritten, until a round has nothing to do. A
 * rewrite can complete the context another rule waits for ("illegal-alien
 * invasion army" → "undocumented migrant invasion army"), and the writer
 * who runs --fix twice must get nothing new. At most FL_FIX_ROUNDS rounds:
 * rewrites that made findings forever would be a rule's bug, and this
 * bounds it. */
static int fix_text(fl_buf *out, const fl_document *doc, const fl_findings *f,
                    size_t *applied, fl_error *err)
{
    size_t n = 0;
    int error = fix_round(out, doc->data, doc->len, f, &n);
    *applied = n;
    fl_buf next = FL_BUF_INIT(f->alloc);
    for (unsigned round = 1; error == 0 && n && !doc->pkg && round < FL_FIX_ROUNDS; round++) {
        fl_document *d = NULL;
        fl_findings *g = NULL;
        error = relint(&d, &g, doc, f, out, err);
        if (error == 0)
            error = fix_round(&next, d->data, d->len, g, &n);
        if (error == 0 && n) {
            fl_buf swap = *out;
            *out = next;
            next = swap;
            *applied += n;
        }
        fl_findings_free(g);
        fl_document_free(d);
        if (error < 0 && error != FL_ENOMEM)
            error = FL_EREPORTED;
    }
    fl__buf_free(&next);
    return error;
}

/* A Word file: the plan written as tracked changes into its package
 * (fix_docx.c); one round, since the next would rewrite tracked changes.
 * `*applied` becomes the number written. */
static int fix_package(fl_buf *out, const fl_document *doc, const plan *p, size_t *applied,
                       fl_error *err)
{
    fl_pkg_edit *edits = fl__reallocarray(doc->alloc, NULL, p->n + 1, sizeof *edits);
    if (!edits)
        return FL_ENOMEM;
    for (size_t i = 0; i < p->n; i++)
        edits[i] = (fl_pkg_edit){p->v[i].off, p->v[i].len, p->texts.ptr + p->v[i].at};
    *applied = 0;
    int error = p->n ? fl__docx_fix(doc->pkg, edits, p->n, (long long)time(NULL), out,
                                    applied, err)
                     : fl__buf_put(out, doc->pkg->bytes, doc->pkg->nbytes);
    fl__free(doc->alloc, edits);
    return error == FL_ESYNTAX ? FL_EREPORTED : error;
}

/* `err` is never NULL here: each entry point passes one of its own when
 * the caller gave none, so that an error described where it was found
 * (FL_EREPORTED) keeps its code either way. */
static int fail(fl_error *err, int code)
{
    if (code == FL_EREPORTED)
        return err->code ? err->code : FL_ERROR;
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

/* Writes `out` to the sink, frees it, and returns the first error. */
static int deliver(fl_buf *out, int error, fl_sink sink, fl_error *err)
{
    if (error == 0 && out->len)
        error = sink.write(sink.payload, out->ptr, out->len);
    fl__buf_free(out);
    return error < 0 ? fail(err, error) : FL_OK;
}

int fl_fix(size_t *applied, const fl_document *doc, const fl_findings *f, fl_sink sink,
           fl_error *err)
{
    fl_error mine = FL_ERROR_INIT;
    err = err ? err : &mine; /* see fail() */
    if (!doc || !f || !sink.write)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "bad fix arguments");
    if (doc->format == FL_FORMAT_ODT)
        return odt_refused(doc, err);
    fl_buf out = FL_BUF_INIT(f->alloc);
    size_t n = 0;
    int error;
    if (doc->pkg) {
        plan p;
        error = plan_fixes(&p, f);
        if (error == 0)
            error = fix_package(&out, doc, &p, &n, err);
        plan_free(&p, f->alloc);
    } else {
        error = fix_text(&out, doc, f, &n, err);
    }
    error = deliver(&out, error, sink, err);
    if (error == 0 && applied)
        *applied = n;
    return error;
}

/* --- unified diff --------------------------------------------------------- */

#define CONTEXT 3

/* The old text and the new, line by line: rewrites never add or remove a
 * line break, so line i of one is line i of the other. */
typedef struct diff {
    const char *old, *new;
    size_t old_len, new_len;
    fl_linemap a, b;
    size_t lines; /* that hold text: the empty one after a final newline is none */
    fl_buf *out;
} diff;

static size_t line_start(const fl_linemap *m, size_t len, size_t l)
{
    return l < m->count ? m->starts[l] : len;
}

static int changed(const diff *d, size_t l)
{
    size_t a0 = line_start(&d->a, d->old_len, l), a1 = line_start(&d->a, d->old_len, l + 1);
    size_t b0 = line_start(&d->b, d->new_len, l), b1 = line_start(&d->b, d->new_len, l + 1);
    return a1 - a0 != b1 - b0 || memcmp(d->old + a0, d->new + b0, a1 - a0);
}

/* Line `l` of the old text, or with `new` of the new one, after `mark`. */
static int put_line(const diff *d, char mark, int new, size_t l)
{
    const char *text = new ? d->new : d->old;
    const fl_linemap *m = new ? &d->b : &d->a;
    size_t len = new ? d->new_len : d->old_len;
    size_t lo = line_start(m, len, l), hi = line_start(m, len, l + 1);
    int error = fl__buf_putc(d->out, mark);
    if (error == 0)
        error = fl__buf_put(d->out, text + lo, hi - lo);
    /* A line ended by a lone CR is shown with a "\n" after it, as a CRLF
     * line is: a diff is read a line at a time. */
    if (error == 0 && hi > lo && text[hi - 1] == '\r')
        error = fl__buf_putc(d->out, '\n');
    else if (error == 0 && (hi == lo || text[hi - 1] != '\n'))
        error = fl__buf_puts(d->out, "\n\\ No newline at end of file\n");
    return error;
}

/* One hunk over lines [first, first + count): each changed line as its old
 * and new version, the rest as context. */
static int hunk(const diff *d, size_t first, size_t count)
{
    int error = fl__buf_printf(d->out, "@@ -%zu,%zu +%zu,%zu @@\n", first + 1, count,
                               first + 1, count);
    for (size_t l = first; l < first + count && error == 0; l++) {
        if (!changed(d, l)) {
            error = put_line(d, ' ', 0, l);
            continue;
        }
        error = put_line(d, '-', 0, l);
        if (error == 0)
            error = put_line(d, '+', 1, l);
    }
    return error;
}

/* Groups changed lines into hunks as diff -u does: two changes share a hunk
 * when no more than 2 * CONTEXT unchanged lines lie between them. */
static int hunks(const diff *d)
{
    int error = 0;
    for (size_t l = 0; l < d->lines && error == 0;) {
        if (!changed(d, l)) {
            l++;
            continue;
        }
        size_t first = l, last = l;
        for (l++; l < d->lines && l <= last + 2 * CONTEXT + 1; l++)
            last = changed(d, l) ? l : last;
        size_t lo = first > CONTEXT ? first - CONTEXT : 0;
        size_t hi = last + 1 + CONTEXT < d->lines ? last + 1 + CONTEXT : d->lines;
        error = hunk(d, lo, hi - lo);
        l = last + 1;
    }
    return error;
}

static int diff_texts(fl_buf *out, const fl_allocator *a, const char *old, size_t old_len,
                      const fl_buf *new, const char *name)
{
    diff d = {old, new->ptr, old_len, new->len, {0}, {0}, 0, out};
    int error = fl__linemap_build(&d.a, a, old, old_len);
    if (error == 0)
        error = fl__linemap_build(&d.b, a, new->ptr, new->len);
    if (error == 0 && d.a.count != d.b.count)
        error = FL_ERROR; /* a rewrite with a line break: the loader refuses those */
    d.lines = d.a.count > 1 && d.a.starts[d.a.count - 1] == old_len ? d.a.count - 1 : d.a.count;
    /* git and patch read "a/" and "b/" before a relative path */
    const char *pa = name[0] == '/' ? "" : "a/", *pb = name[0] == '/' ? "" : "b/";
    if (error == 0)
        error = fl__buf_printf(out, "--- %s%s\n+++ %s%s\n", pa, name, pb, name);
    if (error == 0)
        error = hunks(&d);
    fl__linemap_free(&d.a, a);
    fl__linemap_free(&d.b, a);
    return error;
}

int fl_fix_diff(size_t *applied, const fl_document *doc, const fl_findings *f,
                const char *path, fl_sink sink, fl_error *err)
{
    fl_error mine = FL_ERROR_INIT;
    err = err ? err : &mine; /* see fail() */
    if (!doc || !f || !sink.write)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "bad diff arguments");
    fl_buf fixed = FL_BUF_INIT(f->alloc), out = FL_BUF_INIT(f->alloc);
    size_t n = 0;
    /* A Word file's diff is of its text, the rewrites of one round: what
     * --fix writes into it as tracked changes. */
    int error = doc->pkg ? fix_round(&fixed, doc->data, doc->len, f, &n)
                         : fix_text(&fixed, doc, f, &n, err);
    if (error == 0 && n)
        error = diff_texts(&out, f->alloc, doc->data, doc->len, &fixed, path ? path : doc->path);
    fl__buf_free(&fixed);
    error = deliver(&out, error, sink, err);
    if (error == 0 && applied)
        *applied = n;
    return error;
}

/* --- one finding ---------------------------------------------------------- */

int fl_fix_finding(size_t *applied, const fl_document *doc, const fl_findings *f,
                   size_t index, size_t rewrite, fl_sink sink, fl_error *err)
{
    fl_error mine = FL_ERROR_INIT;
    err = err ? err : &mine; /* see fail() */
    if (!doc || !f || !sink.write || index >= f->items.len ||
        rewrite >= f->items.ptr[index].nsuggestions)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "bad fix arguments");
    if (doc->format == FL_FORMAT_ODT)
        return odt_refused(doc, err);
    /* The same renderer as fl_fix, with a plan of that one rewrite. */
    const fl_finding *x = &f->items.ptr[index];
    plan p = {fl__reallocarray(f->alloc, NULL, 1, sizeof *p.v), 0, 0, FL_BUF_INIT(f->alloc)};
    fl_buf out = FL_BUF_INIT(f->alloc);
    size_t n = 0, next = 0;
    int error = p.v ? 0 : FL_ENOMEM;
    if (error == 0 && fl_finding_can_fix(x))
        error = plan_add(&p, x->off, x->len, x->suggestions[rewrite], 0);
    if (error == 0)
        error = doc->pkg ? fix_package(&out, doc, &p, &n, err)
                         : render(&out, doc->data, &p, &next, 0, doc->len);
    if (error == 0 && !doc->pkg)
        n = p.n;
    plan_free(&p, f->alloc);
    error = deliver(&out, error, sink, err);
    if (error == 0 && applied)
        *applied = n;
    return error;
}

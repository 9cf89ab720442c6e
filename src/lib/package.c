/*
 * package: the text model of a .docx or .odt (see package.h) — building it
 * from a reader's calls, putting paragraphs in reading order, and streaming
 * it to the linter as segments. Never parses: markup_docx.c and
 * markup_odt.c do.
 */
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "package.h"

const char *fl__part_kind_name(fl_part_kind kind)
{
    static const char *const names[] = {"body", "footnote", "endnote", "header", "footer"};
    return kind < FL_PART_KINDS ? names[kind] : "body";
}

int fl__pkg_name_has(const char *name, const char *lower)
{
    size_t n = strlen(lower), len = strlen(name);
    for (size_t i = 0; i + n <= len; i++) {
        if (fl__markup_ci_equal(name + i, lower, n))
            return 1;
    }
    return 0;
}

/* --- building ------------------------------------------------------------------- */

void fl__pkg_builder_init(fl_pkg_builder *b, fl_package *pkg)
{
    memset(b, 0, sizeof *b);
    b->pkg = pkg;
    b->done = (fl_buf)FL_BUF_INIT(pkg->alloc);
    for (size_t i = 0; i < FL_PKG_MAX_OPEN; i++)
        b->open[i].text = (fl_buf)FL_BUF_INIT(pkg->alloc);
}

void fl__pkg_builder_free(fl_pkg_builder *b)
{
    const fl_allocator *a = b->pkg->alloc;
    for (size_t i = 0; i < FL_PKG_MAX_OPEN; i++) {
        fl__buf_free(&b->open[i].text);
        FL_VEC_FREE(a, &b->open[i].segs);
        FL_VEC_FREE(a, &b->open[i].pieces);
    }
    fl__buf_free(&b->done);
    FL_VEC_FREE(a, &b->paras);
    FL_VEC_FREE(a, &b->pieces);
    FL_VEC_FREE(a, &b->segs);
}

static int fail(fl_pkg_builder *b, int code)
{
    if (b->status == 0)
        b->status = code;
    return code;
}

static fl_pkg_open *top(fl_pkg_builder *b)
{
    return b->status == 0 && b->depth ? &b->open[b->depth - 1] : NULL;
}

int fl__pkg_para_begin(fl_pkg_builder *b, unsigned scope, fl_part_kind kind)
{
    if (b->status)
        return b->status;
    if (b->depth == FL_PKG_MAX_OPEN)
        return fail(b, FL_ELIMIT);
    fl_pkg_open *o = &b->open[b->depth++];
    fl__buf_clear(&o->text);
    o->segs.len = o->pieces.len = 0;
    o->scope = scope;
    o->kind = kind;
    o->seq = b->seq++;
    o->seg_open = 0;
    return FL_OK;
}

void fl__pkg_para_scope(fl_pkg_builder *b, unsigned scope)
{
    fl_pkg_open *o = top(b);
    if (o)
        o->scope = scope;
}

static fl_pkg_seg *current_seg(fl_pkg_builder *b, fl_pkg_open *o)
{
    if (!o->seg_open) {
        fl_pkg_seg s = {o->text.len, 0, 0};
        if (FL_VEC_PUSH(b->pkg->alloc, &o->segs, s) < 0) {
            fail(b, FL_ENOMEM);
            return NULL;
        }
        o->seg_open = 1;
    }
    return &o->segs.ptr[o->segs.len - 1];
}

int fl__pkg_text(fl_pkg_builder *b, const char *s, size_t len, const fl_pkg_piece *piece)
{
    fl_pkg_open *o = top(b);
    if (!o || len == 0)
        return b->status;
    fl_pkg_seg *seg = current_seg(b, o);
    if (!seg)
        return b->status;
    size_t at = o->text.len;
    if (fl__buf_put(&o->text, s, len) < 0)
        return fail(b, FL_ENOMEM);
    /* A paragraph is one line: a line feed inside a text element would
     * split it, so it reads as a space and the segment cannot be written
     * back byte for byte. */
    for (size_t i = at; i < o->text.len; i++) {
        if (o->text.ptr[i] == '\n' || o->text.ptr[i] == '\r') {
            o->text.ptr[i] = ' ';
            seg->no_rewrite = 1;
        }
    }
    seg->len = o->text.len - seg->off;
    if (!piece) {
        seg->no_rewrite = 1;
        return FL_OK;
    }
    fl_pkg_piece p = *piece;
    p.off = at;
    p.len = len;
    if (FL_VEC_PUSH(b->pkg->alloc, &o->pieces, p) < 0)
        return fail(b, FL_ENOMEM);
    return FL_OK;
}

int fl__pkg_break(fl_pkg_builder *b, const char *ws)
{
    fl_pkg_open *o = top(b);
    if (!o)
        return b->status;
    o->seg_open = 0;
    if (fl__buf_puts(&o->text, ws) < 0)
        return fail(b, FL_ENOMEM);
    return FL_OK;
}

void fl__pkg_taint(fl_pkg_builder *b)
{
    fl_pkg_open *o = top(b);
    fl_pkg_seg *seg = o ? current_seg(b, o) : NULL;
    if (seg)
        seg->no_rewrite = 1;
}

/* Moves a finished paragraph to the done list: text, segments and pieces
 * keep offsets relative to the paragraph until fl__pkg_build. */
static int finish(fl_pkg_builder *b, fl_pkg_open *o)
{
    const fl_allocator *a = b->pkg->alloc;
    fl_pkg_done d;
    memset(&d, 0, sizeof d);
    d.para.off = b->done.len;
    d.para.len = o->text.len;
    d.para.scope = o->scope;
    d.para.kind = o->kind;
    d.para.nsegs = o->segs.len;
    d.seq = o->seq;
    d.seg_first = b->segs.len;
    d.piece_first = b->pieces.len;
    d.npieces = o->pieces.len;
    int error = fl__buf_put(&b->done, o->text.ptr ? o->text.ptr : "", o->text.len);
    for (size_t i = 0; i < o->segs.len && error == 0; i++)
        error = FL_VEC_PUSH(a, &b->segs, o->segs.ptr[i]);
    for (size_t i = 0; i < o->pieces.len && error == 0; i++)
        error = FL_VEC_PUSH(a, &b->pieces, o->pieces.ptr[i]);
    if (error == 0)
        error = FL_VEC_PUSH(a, &b->paras, d);
    return error < 0 ? fail(b, FL_ENOMEM) : FL_OK;
}

int fl__pkg_para_end(fl_pkg_builder *b)
{
    fl_pkg_open *o = top(b);
    if (!o)
        return b->status;
    int error = finish(b, o);
    /* One huge paragraph must not keep its copy for the rest of the file. */
    if (o->text.cap > ((size_t)1 << 20))
        fl__buf_free(&o->text);
    b->depth--;
    return error;
}

int fl__pkg_caption(fl_pkg_builder *b, const char *s, size_t len, fl_part_kind kind)
{
    int error = fl__pkg_para_begin(b, FL_SCOPE_CAPTION, kind);
    if (error == 0)
        error = fl__pkg_text(b, s, len, NULL);
    if (error == 0)
        error = fl__pkg_para_end(b);
    return error;
}

/* --- reading order ---------------------------------------------------------------- */

static int compare_done(const void *x, const void *y)
{
    const fl_pkg_done *a = x, *b = y;
    if (a->para.kind != b->para.kind)
        return a->para.kind < b->para.kind ? -1 : 1;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

/* Appends one finished paragraph, with its segments and pieces, to the
 * package at the end of its text. */
static int place(fl_package *pkg, const fl_pkg_builder *b, const fl_pkg_done *d,
                 size_t *last_heading)
{
    const fl_allocator *a = pkg->alloc;
    size_t base = pkg->text.len;
    fl_pkg_para para = d->para;
    para.off = base;
    para.seg_first = pkg->segs.len;
    para.heading = last_heading[para.kind];
    if (para.scope == FL_SCOPE_HEADING)
        last_heading[para.kind] = pkg->paras.len;
    int error = fl__buf_put(&pkg->text, b->done.ptr + d->para.off, d->para.len);
    if (error == 0)
        error = fl__buf_putc(&pkg->text, '\n');
    for (size_t i = 0; i < d->para.nsegs && error == 0; i++) {
        fl_pkg_seg s = b->segs.ptr[d->seg_first + i];
        s.off += base;
        error = FL_VEC_PUSH(a, &pkg->segs, s);
    }
    for (size_t i = 0; i < d->npieces && error == 0; i++) {
        fl_pkg_piece p = b->pieces.ptr[d->piece_first + i];
        p.off += base;
        error = FL_VEC_PUSH(a, &pkg->pieces, p);
    }
    if (error == 0)
        error = FL_VEC_PUSH(a, &pkg->paras, para);
    return error;
}

int fl__pkg_build(fl_pkg_builder *b)
{
    if (b->status)
        return b->status;
    if (b->paras.len > 1)
        qsort(b->paras.ptr, b->paras.len, sizeof *b->paras.ptr, compare_done);
    if (b->done.len + b->paras.len > FL_MAX_DOCUMENT_BYTES)
        return FL_ELIMIT;
    size_t last_heading[FL_PART_KINDS];
    for (size_t i = 0; i < FL_PART_KINDS; i++)
        last_heading[i] = SIZE_MAX;
    int error = fl__buf_grow(&b->pkg->text, b->done.len + b->paras.len);
    for (size_t i = 0; i < b->paras.len && error == 0; i++)
        error = place(b->pkg, b, &b->paras.ptr[i], last_heading);
    return error;
}

/* --- the package --------------------------------------------------------------- */

void fl__package_free(fl_package *pkg)
{
    if (!pkg)
        return;
    const fl_allocator *a = pkg->alloc;
    for (size_t i = 0; i < pkg->parts.len; i++)
        fl__free(a, pkg->parts.ptr[i].name);
    FL_VEC_FREE(a, &pkg->parts);
    FL_VEC_FREE(a, &pkg->paras);
    FL_VEC_FREE(a, &pkg->segs);
    FL_VEC_FREE(a, &pkg->pieces);
    fl__buf_free(&pkg->text);
    fl__free(a, pkg->bytes);
    fl__free(a, pkg);
}

static int read_parts(fl_package *pkg, const char *path, fl_error *err)
{
    fl_zip *z = NULL;
    fl_pkg_builder b;
    int error = fl__zip_open(&z, pkg->alloc, path, pkg->bytes, pkg->nbytes, err);
    if (error < 0)
        return error;
    fl__pkg_builder_init(&b, pkg);
    error = pkg->format == FL_FORMAT_ODT ? fl__odt_read(&b, z, path, err)
                                         : fl__docx_read(&b, z, path, err);
    if (error == 0 && b.depth)
        error = b.status ? b.status : FL_ERROR; /* a reader left one open */
    if (error == 0)
        error = fl__pkg_build(&b);
    if (error == FL_ENOMEM)
        fl__error_nomem(err);
    else if (error == FL_ELIMIT && err && err->code != FL_ELIMIT)
        fl__error_set(err, FL_ELIMIT, path, 0, 0, 0, "text boxes or notes nest deeper "
                      "than %d (limit FL_PKG_MAX_OPEN), or the text is past 1 GiB",
                      FL_PKG_MAX_OPEN);
    fl__pkg_builder_free(&b);
    fl__zip_free(z);
    return error;
}

int fl__package_load(fl_package **out, const fl_allocator *a, const char *path,
                     const char *data, size_t len, fl_format fmt, fl_error *err)
{
    *out = NULL;
    fl_package *pkg = fl__calloc(a, 1, sizeof *pkg);
    if (!pkg)
        return fl__error_nomem(err);
    pkg->alloc = a;
    pkg->format = fmt;
    pkg->text = (fl_buf)FL_BUF_INIT(a);
    pkg->bytes = fl__malloc(a, len ? len : 1);
    if (!pkg->bytes) {
        fl__package_free(pkg);
        return fl__error_nomem(err);
    }
    if (len)
        memcpy(pkg->bytes, data, len);
    pkg->nbytes = len;
    int error = read_parts(pkg, path, err);
    if (error < 0) {
        fl__package_free(pkg);
        return error;
    }
    *out = pkg;
    return FL_OK;
}

/* --- reading it back --------------------------------------------------------------- */

int fl__package_read(const fl_package *pkg, const fl_markup_sink *sink)
{
    fl_markup_out out;
    fl__markup_out_init(&out, pkg->text.ptr, sink, 0, 0);
    for (size_t i = 0; i < pkg->paras.len && out.status == 0; i++) {
        const fl_pkg_para *p = &pkg->paras.ptr[i];
        fl__markup_block(&out, p->scope);
        for (size_t k = 0; k < p->nsegs && out.status == 0; k++) {
            const fl_pkg_seg *s = &pkg->segs.ptr[p->seg_first + k];
            out.flags = s->no_rewrite ? FL_SEG_NO_REWRITE : 0;
            fl__markup_text(&out, s->off, s->off + s->len);
        }
    }
    return fl__markup_finish(&out);
}

const fl_pkg_para *fl__package_para_at(const fl_package *pkg, size_t off)
{
    size_t lo = 0, hi = pkg->paras.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pkg->paras.ptr[mid].off <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? &pkg->paras.ptr[lo - 1] : NULL;
}

/* --- where a finding lies ------------------------------------------------------ */

/* Code points an excerpt shows on each side of a finding. */
#define EXCERPT_CONTEXT 40

static int continuation(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

static size_t back(const char *s, size_t at, size_t lo, int cps)
{
    while (cps-- > 0 && at > lo) {
        at--;
        while (at > lo && continuation(s[at]))
            at--;
    }
    return at;
}

static size_t forward(const char *s, size_t at, size_t hi, int cps)
{
    while (cps-- > 0 && at < hi) {
        at++;
        while (at < hi && continuation(s[at]))
            at++;
    }
    return at;
}

int fl_document_place(fl_place *out, const fl_document *doc, size_t offset, size_t length)
{
    if (!doc || !out)
        return FL_EINVAL;
    memset(out, 0, sizeof *out);
    out->part = "";
    size_t lo = 0, hi = doc->len;
    if (offset > hi)
        offset = hi;
    if (length > hi - offset)
        length = hi - offset;
    const fl_pkg_para *p = doc->pkg ? fl__package_para_at(doc->pkg, offset) : NULL;
    if (p) {
        out->part = fl__part_kind_name(p->kind);
        lo = p->off;
        hi = p->off + p->len;
        if (p->heading != SIZE_MAX) {
            out->heading_offset = doc->pkg->paras.ptr[p->heading].off;
            out->heading_length = doc->pkg->paras.ptr[p->heading].len;
        }
    } else {
        while (lo < offset && offset - lo > 0 && doc->data[offset - lo - 1] != '\n')
            lo++;
        lo = offset - lo;
        const char *nl = memchr(doc->data + offset, '\n', doc->len - offset);
        hi = nl ? (size_t)(nl - doc->data) : doc->len;
    }
    size_t end = offset + length < hi ? offset + length : hi;
    size_t from = back(doc->data, offset, lo, EXCERPT_CONTEXT);
    size_t to = forward(doc->data, end, hi, EXCERPT_CONTEXT);
    while (from < offset && (doc->data[from] == ' ' || doc->data[from] == '\t'))
        from++;
    while (to > end && (doc->data[to - 1] == ' ' || doc->data[to - 1] == '\t'))
        to--;
    out->excerpt_offset = from;
    out->excerpt_length = to - from;
    return FL_OK;
}

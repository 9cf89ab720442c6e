/*
 * fix_docx: writes rewrites into a Word file as tracked changes, so the
 * writer accepts or rejects each one in Word or LibreOffice. Each text
 * element a rewrite touches is split where the rewrite starts and ends; the
 * old words go into <w:del>, the new into <w:ins>, both in runs with the
 * original run's properties. Every other byte of every part, and every
 * other entry of the zip, is copied through (libzip copies untouched
 * entries without inflating them).
 */
#include <stdlib.h>
#include <string.h>
#include "package.h"
#include "ziplib.h"

typedef struct cut {
    size_t a, b;          /* deleted text, relative to the piece */
    const char *insert;   /* the rewrite, after the last piece it deletes from */
    const fl_pkg_piece *first; /* whose run properties the insertion takes */
} cut;

typedef struct writer {
    const fl_package *pkg;
    const fl_pkg_part *part;
    const char *xml;      /* the part's bytes */
    fl_buf *out;
    unsigned long id;
    char date[32];
} writer;

/* 1970-01-01 + days, proleptic Gregorian (Howard Hinnant's days_from_civil,
 * inverted): no gmtime, so no shared static buffer. */
static void iso_date(long long t, char *out, size_t size)
{
    long long days = t / 86400, secs = t % 86400;
    if (secs < 0) {
        secs += 86400;
        days--;
    }
    long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1), m = (int)(mp < 10 ? mp + 3 : mp - 9);
    int y = (int)(yoe + era * 400 + (m <= 2)) % 10000;
    snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, (int)(secs / 3600),
             (int)(secs / 60 % 60), (int)(secs % 60));
}

static int put_escaped(fl_buf *out, const char *s, size_t len)
{
    int error = 0;
    size_t from = 0;
    for (size_t i = 0; i < len && error == 0; i++) {
        const char *rep = s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;" : NULL;
        if (!rep)
            continue;
        error = fl__buf_put(out, s + from, i - from);
        if (error == 0)
            error = fl__buf_puts(out, rep);
        from = i + 1;
    }
    return error < 0 ? error : fl__buf_put(out, s + from, len - from);
}

/* <w:r>…rPr…<w:t or delText>text</…></w:r>, the run dressed like `p`'s. */
static int put_run(writer *w, const fl_pkg_piece *p, const char *elem, const char *s,
                   size_t len)
{
    const char *x = w->part->prefix;
    int error = fl__buf_printf(w->out, "<%s:r>", x);
    if (error == 0)
        error = fl__buf_put(w->out, w->xml + p->rpr_start, p->rpr_len);
    if (error == 0)
        error = fl__buf_printf(w->out, "<%s:%s xml:space=\"preserve\">", x, elem);
    if (error == 0)
        error = put_escaped(w->out, s, len);
    if (error == 0)
        error = fl__buf_printf(w->out, "</%s:%s></%s:r>", x, elem, x);
    return error;
}

static int put_change(writer *w, const char *kind, const fl_pkg_piece *p, const char *elem,
                      const char *s, size_t len)
{
    const char *x = w->part->prefix;
    int error = fl__buf_printf(w->out, "<%s:%s %s:id=\"%lu\" %s:author=\"framelint\" "
                               "%s:date=\"%s\">", x, kind, x, ++w->id, x, x, w->date);
    if (error == 0)
        error = put_run(w, p, elem, s, len);
    if (error == 0)
        error = fl__buf_printf(w->out, "</%s:%s>", x, kind);
    return error;
}

static int put_text(writer *w, const char *s, size_t len)
{
    const char *x = w->part->prefix;
    int error = fl__buf_printf(w->out, "<%s:t xml:space=\"preserve\">", x);
    if (error == 0)
        error = put_escaped(w->out, s, len);
    return error < 0 ? error : fl__buf_printf(w->out, "</%s:t>", x);
}

/* The replacement for one w:t element: its text cut where rewrites start
 * and end. The element sits inside its original run, so each change closes
 * that run and reopens an identical one after it. */
static int rewrite_piece(writer *w, const fl_pkg_piece *p, const cut *cuts, size_t n)
{
    const char *text = w->pkg->text.ptr + p->off;
    size_t at = 0;
    int error = 0;
    for (size_t i = 0; i < n && error == 0; i++) {
        const cut *c = &cuts[i];
        if (c->a > at)
            error = put_text(w, text + at, c->a - at);
        if (error == 0)
            error = fl__buf_printf(w->out, "</%s:r>", w->part->prefix);
        if (error == 0 && c->b > c->a)
            error = put_change(w, "del", p, "delText", text + c->a, c->b - c->a);
        if (error == 0 && c->insert && c->insert[0])
            error = put_change(w, "ins", c->first, "t", c->insert, strlen(c->insert));
        if (error == 0)
            error = fl__buf_put(w->out, w->xml + p->run_start, p->run_len);
        if (error == 0)
            error = fl__buf_put(w->out, w->xml + p->rpr_start, p->rpr_len);
        at = c->b;
    }
    if (error == 0 && at < p->len)
        error = put_text(w, text + at, p->len - at);
    return error;
}

/* The first piece that ends after `off`. */
static size_t piece_at(const fl_package *pkg, size_t off)
{
    size_t lo = 0, hi = pkg->pieces.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pkg->pieces.ptr[mid].off + pkg->pieces.ptr[mid].len <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Whether pieces from `i` on cover [off, end) without a gap, in one part. */
static int covered(const fl_package *pkg, size_t i, size_t off, size_t end)
{
    size_t at = off;
    uint32_t part = i < pkg->pieces.len ? pkg->pieces.ptr[i].part : 0;
    for (; i < pkg->pieces.len && at < end; i++) {
        const fl_pkg_piece *p = &pkg->pieces.ptr[i];
        if (p->off > at || p->part != part)
            return 0;
        at = p->off + p->len;
    }
    return at >= end && pkg->parts.ptr[part].writable;
}

/* One piece's cuts, from every edit that touches it. */
typedef FL_VEC(cut) cut_vec;

static int collect_cuts(const fl_package *pkg, const fl_pkg_edit *e, size_t n, size_t *next,
                        size_t i, cut_vec *cuts)
{
    const fl_pkg_piece *p = &pkg->pieces.ptr[i];
    size_t end = p->off + p->len;
    cuts->len = 0;
    for (size_t k = *next; k < n && e[k].off < end; k++) {
        size_t lo = e[k].off > p->off ? e[k].off : p->off;
        size_t hi = e[k].off + e[k].len < end ? e[k].off + e[k].len : end;
        if (hi <= lo)
            continue;
        cut c = {lo - p->off, hi - p->off, e[k].off + e[k].len <= end ? e[k].text : NULL,
                 &pkg->pieces.ptr[piece_at(pkg, e[k].off)]};
        if (FL_VEC_PUSH(pkg->alloc, cuts, c) < 0)
            return FL_ENOMEM;
    }
    while (*next < n && e[*next].off + e[*next].len <= end)
        (*next)++;
    return FL_OK;
}

/* The part's new bytes: its XML with every touched w:t replaced. */
static int rewrite_part(writer *w, uint32_t part, const fl_pkg_edit *e, size_t n,
                        size_t xml_len)
{
    const fl_package *pkg = w->pkg;
    cut_vec cuts = {NULL, 0, 0};
    size_t copied = 0, next = 0;
    int error = 0;
    for (size_t i = 0; i < pkg->pieces.len && error == 0 && next < n; i++) {
        const fl_pkg_piece *p = &pkg->pieces.ptr[i];
        if (p->part != part || p->t_end > xml_len)
            continue;
        error = collect_cuts(pkg, e, n, &next, i, &cuts);
        if (error < 0 || cuts.len == 0)
            continue;
        error = fl__buf_put(w->out, w->xml + copied, p->t_start - copied);
        if (error == 0)
            error = rewrite_piece(w, p, cuts.ptr, cuts.len);
        copied = p->t_end;
    }
    if (error == 0)
        error = fl__buf_put(w->out, w->xml + copied, xml_len - copied);
    FL_VEC_FREE(pkg->alloc, &cuts);
    return error;
}

/* The edits that land in `part`, in order; the rest are left for their own
 * part. Edits that no piece covers are counted out. */
typedef FL_VEC(fl_pkg_edit) edit_vec;

static int edits_in(const fl_package *pkg, uint32_t part, const fl_pkg_edit *edits, size_t n,
                    edit_vec *mine)
{
    mine->len = 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = piece_at(pkg, edits[k].off);
        if (i >= pkg->pieces.len || pkg->pieces.ptr[i].part != part ||
            !covered(pkg, i, edits[k].off, edits[k].off + edits[k].len))
            continue;
        if (FL_VEC_PUSH(pkg->alloc, mine, edits[k]) < 0)
            return FL_ENOMEM;
    }
    return FL_OK;
}

typedef struct zip_out {
    const fl_ziplib *lib;  /* borrowed from the package's fl_zip */
    zip_source_t *src;
    zip_t *za;
    FL_VEC(fl_buf) parts;  /* new part bytes, alive until the zip is closed */
} zip_out;

static int zip_fail(const fl_ziplib *lib, fl_error *err, zip_error_t *ze)
{
    return fl__error_set(err, FL_ESYNTAX, NULL, 0, 0, 0, "cannot rewrite the zip "
                         "package: %s", lib->zip_error_strerror(ze));
}

static int replace_entry(zip_out *zo, const char *name, fl_buf *bytes, fl_error *err)
{
    zip_int64_t idx = zo->lib->zip_name_locate(zo->za, name, ZIP_FL_NOCASE);
    zip_source_t *s = idx < 0 ? NULL : zo->lib->zip_source_buffer(zo->za, bytes->ptr, bytes->len, 0);
    if (!s || zo->lib->zip_file_replace(zo->za, (zip_uint64_t)idx, s, 0) < 0) {
        zo->lib->zip_source_free(s);
        return zip_fail(zo->lib, err, zo->lib->zip_get_error(zo->za));
    }
    return FL_OK;
}

/* Closes the archive into its source and copies the result to `out`. */
static int finish_zip(zip_out *zo, fl_buf *out, fl_error *err)
{
    if (zo->lib->zip_close(zo->za) < 0)
        return zip_fail(zo->lib, err, zo->lib->zip_get_error(zo->za));
    zo->za = NULL;
    if (zo->lib->zip_source_open(zo->src) < 0)
        return zip_fail(zo->lib, err, zo->lib->zip_source_error(zo->src));
    char chunk[65536];
    zip_int64_t got;
    int error = 0;
    while (error == 0 && (got = zo->lib->zip_source_read(zo->src, chunk, sizeof chunk)) > 0)
        error = fl__buf_put(out, chunk, (size_t)got);
    zo->lib->zip_source_close(zo->src);
    return error < 0 ? fl__error_nomem(err) : FL_OK;
}

static int fix_parts(const fl_package *pkg, fl_zip *z, zip_out *zo, writer *w,
                     const fl_pkg_edit *edits, size_t n, size_t *applied, fl_error *err)
{
    edit_vec mine = {NULL, 0, 0};
    fl_buf xml = FL_BUF_INIT(pkg->alloc);
    int error = 0;
    for (uint32_t part = 0; part < pkg->parts.len && error == 0; part++) {
        error = edits_in(pkg, part, edits, n, &mine);
        if (error < 0 || mine.len == 0)
            continue;
        fl__buf_clear(&xml);
        error = fl__zip_read(z, pkg->parts.ptr[part].name, &xml, err);
        fl_buf fresh = FL_BUF_INIT(pkg->alloc);
        if (error == 0)
            error = FL_VEC_PUSH(pkg->alloc, &zo->parts, fresh);
        if (error < 0)
            break;
        w->part = &pkg->parts.ptr[part];
        w->xml = xml.ptr;
        w->out = &zo->parts.ptr[zo->parts.len - 1];
        error = rewrite_part(w, part, mine.ptr, mine.len, xml.len);
        if (error == 0)
            error = replace_entry(zo, pkg->parts.ptr[part].name, w->out, err);
        *applied += mine.len;
    }
    FL_VEC_FREE(pkg->alloc, &mine);
    fl__buf_free(&xml);
    return error == FL_ENOMEM ? fl__error_nomem(err) : error;
}

int fl__docx_fix(const fl_package *pkg, const fl_pkg_edit *edits, size_t n, long long now,
                 fl_buf *out, size_t *applied, fl_error *err)
{
    fl_zip *z = NULL;
    zip_out zo = {NULL, NULL, NULL, {NULL, 0, 0}};
    writer w = {pkg, NULL, NULL, NULL, pkg->max_id, ""};
    iso_date(now, w.date, sizeof w.date);
    *applied = 0;
    int error = fl__zip_open(&z, pkg->alloc, NULL, pkg->bytes, pkg->nbytes, err);
    if (error < 0)
        return error;
    const fl_ziplib *lib = zo.lib = fl__zip_lib(z);
    zip_error_t ze;
    lib->zip_error_init(&ze);
    /* libzip's buffer source, once written to, frees fragments it shares
     * with the input (libzip 1.7): it gets a malloc'd copy of its own. */
    char *copy = malloc(pkg->nbytes ? pkg->nbytes : 1);
    if (!copy)
        error = fl__error_nomem(err);
    else
        memcpy(copy, pkg->bytes, pkg->nbytes);
    if (error == 0 && !(zo.src = lib->zip_source_buffer_create(copy, pkg->nbytes, 1, &ze)))
        error = zip_fail(lib, err, &ze);
    if (!zo.src)
        free(copy);
    if (error == 0 && !(zo.za = lib->zip_open_from_source(zo.src, 0, &ze)))
        error = zip_fail(lib, err, &ze);
    else if (error == 0)
        lib->zip_source_keep(zo.src); /* zip_close must not free it: we read it after */
    if (error == 0)
        error = fix_parts(pkg, z, &zo, &w, edits, n, applied, err);
    if (error == 0)
        error = finish_zip(&zo, out, err);
    if (zo.za)
        lib->zip_discard(zo.za);
    lib->zip_source_free(zo.src);
    for (size_t i = 0; i < zo.parts.len; i++)
        fl__buf_free(&zo.parts.ptr[i]);
    FL_VEC_FREE(pkg->alloc, &zo.parts);
    lib->zip_error_fini(&ze);
    fl__zip_free(z);
    return error;
}

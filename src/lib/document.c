/*
 * document: one input, copied once; every offset the library reports points
 * into this copy. Also the line index reporters use to turn offsets into
 * line:column, built on first use and shared by every thread after.
 */
#include <stdio.h>
#include <string.h>

#include "document.h"
#include "markup.h"
#include "package.h"

/* A .docx or .odt: the document's text is what its reader made of it,
 * and its language the one its default style declares. */
static int read_package(fl_document *doc, const char *path, const char *data, size_t len,
                        fl_error *err)
{
    /* errors borrow the caller's path: the document's copy dies with it */
    int error = fl__package_load(&doc->pkg, doc->alloc, path, data ? data : "", len,
                                 doc->format, err);
    if (error < 0)
        return error;
    /* The document borrows the package's text: a second copy of a large
     * file's text would double its cost for nothing. */
    if (fl__buf_grow(&doc->pkg->text, 0) < 0)
        return fl__error_nomem(err);
    doc->len = doc->pkg->text.len;
    doc->data = doc->pkg->text.ptr;
    doc->data[doc->len] = '\0';
    size_t k = 0;
    const char *lang = doc->pkg->language;
    while (k + 1 < sizeof doc->language &&
           ((lang[k] | 0x20) >= 'a' && (lang[k] | 0x20) <= 'z')) {
        doc->language[k] = (char)(lang[k] | 0x20);
        k++;
    }
    doc->language[k] = '\0';
    return FL_OK;
}

/* fl_document_new, and with `owned` fl_document_adopt: `owned` is `data`,
 * which the document takes instead of copying. */
static int create(fl_document **out, const fl_allocator *alloc, const char *path,
                  const char *data, size_t len, fl_format fmt, char *owned, fl_error *err)
{
    if (!out || (!data && len) || fmt > FL_FORMAT_ODT)
        return fl__error_set(err, FL_EINVAL, path, 0, 0, 0, "bad document arguments");
    *out = NULL;
    if (len > FL_MAX_DOCUMENT_BYTES)
        return fl__error_set(err, FL_ELIMIT, path, 0, 0, 0,
                             "file is larger than 1 GiB (limit FL_MAX_DOCUMENT_BYTES)");
    const fl_allocator *a = fl__allocator_or_default(alloc);
    fl_document *doc = fl__calloc(a, 1, sizeof *doc);
    if (!doc)
        return fl__error_nomem(err);
    doc->allocator = *a;
    doc->alloc = &doc->allocator;
    doc->path = fl__strndup(doc->alloc, path ? path : "", path ? strlen(path) : 0);
    doc->format = fmt == FL_FORMAT_AUTO ? fl_format_from_path(doc->path) : fmt;
    int error = doc->path ? FL_OK : fl__error_nomem(err);
    if (error == 0 && (doc->format == FL_FORMAT_DOCX || doc->format == FL_FORMAT_ODT)) {
        error = read_package(doc, path, data, len, err);
    } else if (error == 0 && owned) {
        doc->data = owned;
        doc->data[len] = '\0';
    } else if (error == 0 && !(doc->data = fl__strndup(doc->alloc, data ? data : "", len))) {
        error = fl__error_nomem(err);
    }
    if (error < 0) {
        fl_document_free(doc);
        return error;
    }
    if (!doc->pkg)
        doc->len = len;
    doc->text = doc->data;
    size_t cr = fl__lone_cr(doc->data, doc->len);
    if (cr < doc->len) {
        /* Every reader splits lines at LF; a CR-only file read as it is
         * would be one line, its Markdown structure lost. */
        doc->text_copy = fl__strndup(doc->alloc, doc->data, doc->len);
        if (!doc->text_copy) {
            if (doc->data == owned)
                doc->data = NULL; /* still the caller's, on failure */
            fl_document_free(doc);
            return fl__error_nomem(err);
        }
        for (size_t i = cr; i < doc->len; i++)
            if (doc->text_copy[i] == '\r' && doc->text_copy[i + 1] != '\n')
                doc->text_copy[i] = '\n';
        doc->text = doc->text_copy;
    }
    if (!doc->pkg)
        fl__markup_language(doc->format, doc->text, doc->len, doc->language,
                            sizeof doc->language);
    *out = doc;
    return FL_OK;
}

int fl_document_new(fl_document **out, const fl_allocator *alloc,
                    const char *path, const char *data, size_t len,
                    fl_format fmt, fl_error *err)
{
    return create(out, alloc, path, data, len, fmt, NULL, err);
}

int fl_document_adopt(fl_document **out, const fl_allocator *alloc, const char *path,
                      char *data, size_t len, fl_format fmt, fl_error *err)
{
    if (!data)
        return fl_document_new(out, alloc, path, data, len, fmt, err);
    int error = create(out, alloc, path, data, len, fmt, data, err);
    /* A package's text was read out of the bytes: they are not kept. */
    if (error == 0 && (*out)->pkg)
        fl__free(fl__allocator_or_default(alloc), data);
    return error;
}

void fl_document_free(fl_document *doc)
{
    if (!doc)
        return;
    fl_linemap *lines = atomic_load_explicit(&doc->lines, memory_order_acquire);
    if (lines) {
        fl__linemap_free(lines, doc->alloc);
        fl__free(doc->alloc, lines);
    }
    if (!doc->pkg)
        fl__free(doc->alloc, doc->data);
    fl__free(doc->alloc, doc->text_copy);
    fl__package_free(doc->pkg);
    fl__free(doc->alloc, doc->path);
    fl_allocator a = doc->allocator;
    fl__free(&a, doc);
}

const char *fl_document_data(const fl_document *doc, size_t *len)
{
    if (len)
        *len = doc->len;
    return doc->data;
}

const char *fl_document_path(const fl_document *doc)
{
    return doc->path;
}

fl_format fl_document_format(const fl_document *doc)
{
    return doc->format;
}

const char *fl_document_language(const fl_document *doc)
{
    return doc->language;
}

/* The index, built if no thread has yet. The document is const to its
 * readers, but it is the library's own heap object, never defined const:
 * publishing the index into it is the one write a reader makes. */
static const fl_linemap *line_index(const fl_document *doc)
{
    fl_document *d = (fl_document *)doc;
    fl_linemap *lines = atomic_load_explicit(&d->lines, memory_order_acquire);
    if (lines)
        return lines;
    lines = fl__calloc(doc->alloc, 1, sizeof *lines);
    if (!lines)
        return NULL;
    if (fl__linemap_build(lines, doc->alloc, doc->data, doc->len) < 0 ||
        fl__linemap_mark_columns(lines, doc->alloc, doc->data, doc->len) < 0) {
        fl__linemap_free(lines, doc->alloc);
        fl__free(doc->alloc, lines);
        return NULL;
    }
    fl_linemap *none = NULL;
    if (!atomic_compare_exchange_strong_explicit(&d->lines, &none, lines,
                                                 memory_order_acq_rel,
                                                 memory_order_acquire)) {
        /* Another thread published first: use its index, drop ours. */
        fl__linemap_free(lines, doc->alloc);
        fl__free(doc->alloc, lines);
        return none;
    }
    return lines;
}

int fl_document_index(const fl_document *doc, fl_error *err)
{
    if (!doc)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "no document");
    return line_index(doc) ? FL_OK : fl__error_nomem(err);
}

int fl_document_position(fl_position *out, const fl_document *doc, size_t offset)
{
    if (!out || !doc)
        return FL_EINVAL;
    const fl_linemap *lines = line_index(doc);
    if (!lines)
        return FL_ENOMEM;
    fl__linemap_lookup(lines, doc->data, doc->len, offset, &out->line, &out->column,
                       &out->line_offset, &out->line_length);
    return FL_OK;
}

static int ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++) {
        char c = s[n - k + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != suffix[i])
            return 0;
    }
    return 1;
}

fl_format fl_format_from_path(const char *path)
{
    if (!path)
        return FL_FORMAT_PLAIN;
    if (ends_with_ci(path, ".md") || ends_with_ci(path, ".markdown"))
        return FL_FORMAT_MARKDOWN;
    if (ends_with_ci(path, ".html") || ends_with_ci(path, ".htm"))
        return FL_FORMAT_HTML;
    if (ends_with_ci(path, ".docx") || ends_with_ci(path, ".docm"))
        return FL_FORMAT_DOCX;
    if (ends_with_ci(path, ".odt"))
        return FL_FORMAT_ODT;
    return FL_FORMAT_PLAIN;
}

const char *fl_format_name(fl_format fmt)
{
    switch (fmt) {
    case FL_FORMAT_MARKDOWN: return "markdown";
    case FL_FORMAT_HTML: return "html";
    case FL_FORMAT_PLAIN: return "plain";
    case FL_FORMAT_DOCX: return "docx";
    case FL_FORMAT_ODT: return "odt";
    default: return "auto";
    }
}

/*
 * What the .docx and .odt fuzz targets share. Raw bytes rarely make a zip a
 * mutator can get past, so byte 0 picks the shape: bit 0 clear wraps the
 * rest as the package's main XML part (word/document.xml or content.xml),
 * with a styles part and relationships beside it; set, the rest is the
 * whole file. Then: the document loads or fails with a known status and a
 * message; its text is one paragraph per line and its segments lie inside
 * it; linting with the default rules gives sane findings; and fl_fix on a
 * .docx writes a file that loads again with as many paragraphs.
 */
#ifndef FL_FUZZ_PACKAGE_HARNESS_H
#define FL_FUZZ_PACKAGE_HARNESS_H

#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "buf.h"
#include "document.h"
#include "fuzz.h"
#include "package.h"

static const char harness_rels[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
    "package/2006/relationships\"><Relationship Id=\"r1\" Type=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"r2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/footnotes\" Target=\"document.xml\"/></Relationships>";
static const char harness_styles[] =
    "<?xml version=\"1.0\"?><w:styles xmlns:w=\"http://schemas.openxmlformats.org/"
    "wordprocessingml/2006/main\"><w:style w:type=\"paragraph\" w:styleId=\"Heading1\">"
    "<w:name w:val=\"heading 1\"/></w:style><w:style w:type=\"paragraph\" "
    "w:styleId=\"Caption\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"Heading1\"/>"
    "</w:style></w:styles>";

/* Compiled once for the whole run, as in fuzz_lint.c. */
static const fl_ruleset *harness_rules(void)
{
    static fl_ruleset *rs;
    if (!rs) {
        fl_error err = FL_ERROR_INIT;
        fuzz_check(fl_ruleset_new(&rs, NULL, &err) == FL_OK);
        fuzz_check(fl_ruleset_add_default_language(rs, "en", &err) == FL_OK);
        fuzz_check(fl_ruleset_compile(rs, &err) == FL_OK);
    }
    return rs;
}

static int harness_collect(void *payload, const char *data, size_t len)
{
    return fl__buf_put(payload, data, len);
}

/* A zip holding `xml` as the main part (and, for .docx, styles and
 * relationships; the main part doubles as the footnotes part). */
static void harness_wrap(fl_format fmt, const uint8_t *xml, size_t len, fl_buf *out)
{
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, NULL);
    zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, NULL) : NULL;
    fuzz_check(za != NULL);
    zip_source_keep(src);
    const char *main = fmt == FL_FORMAT_ODT ? "content.xml" : "word/document.xml";
    fuzz_check(zip_file_add(za, main, zip_source_buffer(za, xml, len, 0), 0) >= 0);
    if (fmt == FL_FORMAT_DOCX) {
        zip_file_add(za, "word/_rels/document.xml.rels",
                     zip_source_buffer(za, harness_rels, sizeof harness_rels - 1, 0), 0);
        zip_file_add(za, "word/styles.xml",
                     zip_source_buffer(za, harness_styles, sizeof harness_styles - 1, 0), 0);
    }
    fuzz_check(zip_close(za) == 0);
    fuzz_check(zip_source_open(src) == 0);
    char chunk[4096];
    zip_int64_t n;
    while ((n = zip_source_read(src, chunk, sizeof chunk)) > 0)
        fuzz_check(fl__buf_put(out, chunk, (size_t)n) == FL_OK);
    zip_source_close(src);
    zip_source_free(src);
}

/* One line per paragraph, segments inside their paragraph. */
static void harness_check_model(const fl_document *doc)
{
    const fl_package *pkg = doc->pkg;
    size_t lines = 0;
    for (size_t i = 0; i < doc->len; i++)
        lines += doc->data[i] == '\n';
    fuzz_check(lines == pkg->paras.len);
    for (size_t i = 0; i < pkg->paras.len; i++) {
        const fl_pkg_para *p = &pkg->paras.ptr[i];
        fuzz_check(p->off + p->len < doc->len + 1 && doc->data[p->off + p->len] == '\n');
        fuzz_check(!memchr(doc->data + p->off, '\n', p->len));
        for (size_t k = 0; k < p->nsegs; k++) {
            const fl_pkg_seg *s = &pkg->segs.ptr[p->seg_first + k];
            fuzz_check(s->off >= p->off && s->off + s->len <= p->off + p->len);
        }
    }
    for (size_t i = 1; i < pkg->pieces.len; i++)
        fuzz_check(pkg->pieces.ptr[i].off >= pkg->pieces.ptr[i - 1].off);
}

static fl_findings *harness_lint(const fl_document *doc)
{
    fl_findings *f = NULL;
    fl_error err = FL_ERROR_INIT;
    fl_lint_options lo = FL_LINT_OPTIONS_INIT;
    lo.language = "en";
    fuzz_check(fl_lint(&f, harness_rules(), doc, &lo, &err) == FL_OK);
    fuzz_check_findings(doc, f);
    return f;
}

/* What --fix wrote loads again, and a second fix has nothing to do. */
static void harness_fix(const fl_document *doc, const fl_findings *f)
{
    fl_buf out = FL_BUF_INIT(fl__default_allocator());
    fl_sink sink = {harness_collect, &out};
    fl_error err = FL_ERROR_INIT;
    size_t applied = 0;
    int status = fl_fix(&applied, doc, f, sink, &err);
    fuzz_check_status(status, &err);
    if (status == FL_OK && applied) {
        fl_document *again = NULL;
        fuzz_check(fl_document_new(&again, NULL, "fixed.docx", out.ptr, out.len,
                                   FL_FORMAT_DOCX, &err) == FL_OK);
        /* rewrites never add or remove a paragraph */
        fuzz_check(again->pkg->paras.len == doc->pkg->paras.len);
        harness_check_model(again);
        fl_findings_free(harness_lint(again));
        fl_document_free(again);
    }
    fl__buf_free(&out);
}

static void harness_run(fl_format fmt, const uint8_t *data, size_t size)
{
    if (size == 0)
        return;
    fl_buf file = FL_BUF_INIT(fl__default_allocator());
    if (data[0] & 1)
        fuzz_check(fl__buf_put(&file, (const char *)data + 1, size - 1) == FL_OK);
    else
        harness_wrap(fmt, data + 1, size - 1, &file);
    fl_document *doc = NULL;
    fl_error err = FL_ERROR_INIT;
    int status = fl_document_new(&doc, NULL, fmt == FL_FORMAT_ODT ? "f.odt" : "f.docx",
                                 file.ptr ? file.ptr : "", file.len, fmt, &err);
    fuzz_check_status(status, &err);
    if (status == FL_OK) {
        harness_check_model(doc);
        fl_findings *f = harness_lint(doc);
        harness_fix(doc, f);
        fl_findings_free(f);
    }
    fl_document_free(doc);
    fl__buf_free(&file);
}

#endif

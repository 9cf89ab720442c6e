/*
 * package: .docx and .odt files, built here byte by byte with libzip so each
 * case shows exactly the XML a producer writes — what is text and where it
 * goes, scopes from styles, what cannot be rewritten, bad input, and the
 * tracked changes fl_fix writes back.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "document.h"
#include "framelint/framelint.h"
#include "helpers.h"
#include "package.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOC_OPEN                                                                       \
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"                   \
    "<w:document xmlns:w=\"" W_NS "\" "                                                 \
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" " \
    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "       \
    "xmlns:v=\"urn:schemas-microsoft-com:vml\"><w:body>"
#define DOC(body) DOC_OPEN body "</w:body></w:document>"
#define P(text) "<w:p><w:r><w:t>" text "</w:t></w:r></w:p>"

#define RELS                                                                           \
    "<?xml version=\"1.0\"?><Relationships "                                          \
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"          \
    "<Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/" \
    "2006/relationships/styles\" Target=\"styles.xml\"/>"                              \
    "<Relationship Id=\"r2\" Type=\"http://schemas.openxmlformats.org/officeDocument/" \
    "2006/relationships/footnotes\" Target=\"footnotes.xml\"/>"                        \
    "<Relationship Id=\"r3\" Type=\"http://schemas.openxmlformats.org/officeDocument/" \
    "2006/relationships/header\" Target=\"header1.xml\"/>"                             \
    "<Relationship Id=\"r4\" Type=\"http://schemas.openxmlformats.org/officeDocument/" \
    "2006/relationships/hyperlink\" Target=\"http://example.org/\" TargetMode=\"External\"/>" \
    "</Relationships>"

#define STYLE(id, name, extra)                                                         \
    "<w:style w:type=\"paragraph\" w:styleId=\"" id "\"><w:name w:val=\"" name "\"/>" extra \
    "</w:style>"
#define STYLES                                                                         \
    "<?xml version=\"1.0\"?><w:styles xmlns:w=\"" W_NS "\">"                            \
    "<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val=\"fr-FR\"/></w:rPr>"            \
    "</w:rPrDefault></w:docDefaults>"                                                  \
    STYLE("Heading1", "heading 1", "") STYLE("Caption", "caption", "")                  \
    STYLE("MyCaption", "Photo line", "<w:basedOn w:val=\"Caption\"/>")                 \
    STYLE("Quote", "Quote", "") STYLE("Outline", "Custom", "<w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr>") \
    "</w:styles>"

static const char swarm_rules[] =
    "ruleset: t\nlanguage: en\nguidance: terminology\nrules:\n"
    "  - id: swarm\n    kind: term\n    category: loaded-term\n    severity: warning\n"
    "    message: \"m\"\n    explain: A rule for tests.\n    terms:\n"
    "      - match: [swarm of, illegals]\n        as: phrase\n        suggest: [group of]\n";

/* --- building packages ------------------------------------------------------------ */

typedef struct blob {
    char *data;
    size_t len;
} blob;

/* A zip of the given (name, content) pairs, NULL-terminated. */
static blob make_zip(const char *const *files)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    ck_assert_ptr_nonnull(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    ck_assert_ptr_nonnull(za);
    zip_source_keep(src);
    for (size_t i = 0; files[i]; i += 2) {
        zip_source_t *s = zip_source_buffer(za, files[i + 1], strlen(files[i + 1]), 0);
        ck_assert_int_ge(zip_file_add(za, files[i], s, 0), 0);
    }
    ck_assert_int_eq(zip_close(za), 0);
    blob b = {NULL, 0};
    ck_assert_int_eq(zip_source_open(src), 0);
    char chunk[4096];
    zip_int64_t n;
    while ((n = zip_source_read(src, chunk, sizeof chunk)) > 0) {
        b.data = realloc(b.data, b.len + (size_t)n);
        memcpy(b.data + b.len, chunk, (size_t)n);
        b.len += (size_t)n;
    }
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    return b;
}

/* One entry of a zip held in memory, NUL-terminated; NULL if absent. */
static char *zip_entry(const blob *b, const char *name)
{
    zip_source_t *src = zip_source_buffer_create(b->data, b->len, 0, NULL);
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY, NULL);
    ck_assert_ptr_nonnull(za);
    zip_file_t *f = zip_fopen(za, name, 0);
    char *out = NULL;
    size_t len = 0;
    zip_int64_t n;
    char chunk[4096];
    while (f && (n = zip_fread(f, chunk, sizeof chunk)) > 0) {
        out = realloc(out, len + (size_t)n + 1);
        memcpy(out + len, chunk, (size_t)n);
        len += (size_t)n;
        out[len] = '\0';
    }
    if (f)
        zip_fclose(f);
    zip_discard(za);
    return out;
}

static fl_document *open_blob(const char *path, const blob *b, int expect, fl_error *err)
{
    fl_document *doc = NULL;
    ck_assert_int_eq(fl_document_new(&doc, NULL, path, b->data, b->len, FL_FORMAT_AUTO, err),
                     expect);
    return doc;
}

static fl_document *docx(const char *body, const char *footnotes, const char *header)
{
    const char *files[] = {"word/document.xml", body, "word/_rels/document.xml.rels", RELS,
                           "word/styles.xml", STYLES,
                           footnotes ? "word/footnotes.xml" : NULL, footnotes,
                           header ? "word/header1.xml" : NULL, header, NULL};
    if (!footnotes) {
        files[6] = header ? "word/header1.xml" : NULL;
        files[7] = header;
        files[8] = NULL;
    }
    blob b = make_zip(files);
    fl_error err = FL_ERROR_INIT;
    fl_document *doc = open_blob("t.docx", &b, FL_OK, &err);
    free(b.data);
    return doc;
}

static const char *text_of(const fl_document *doc)
{
    return fl_document_data(doc, NULL);
}

static fl_ruleset *rules(void)
{
    fl_ruleset *rs = NULL;
    fl_error err = FL_ERROR_INIT;
    ck_assert_int_eq(fl_ruleset_new(&rs, NULL, &err), FL_OK);
    ck_assert_int_eq(fl_ruleset_add_buffer(rs, "t.yml", swarm_rules, strlen(swarm_rules), &err),
                     FL_OK);
    ck_assert_int_eq(fl_ruleset_compile(rs, &err), FL_OK);
    return rs;
}

static fl_findings *lint(const fl_ruleset *rs, const fl_document *doc)
{
    fl_findings *f = NULL;
    fl_error err = FL_ERROR_INIT;
    fl_lint_options o = FL_LINT_OPTIONS_INIT;
    o.language = "en";
    ck_assert_int_eq(fl_lint(&f, rs, doc, &o, &err), FL_OK);
    return f;
}

/* --- what is text ---------------------------------------------------------------- */

START_TEST(docx_paragraph_per_line_body_then_notes_then_headers)
{
    fl_document *doc = docx(DOC(P("One.") P("Two.")),
        "<w:footnotes xmlns:w=\"" W_NS "\"><w:footnote w:type=\"separator\" w:id=\"-1\">"
        "<w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id=\"1\">" P("Note.")
        "</w:footnote></w:footnotes>",
        "<w:hdr xmlns:w=\"" W_NS "\">" P("Header.") "</w:hdr>");
    ck_assert_str_eq(text_of(doc), "One.\nTwo.\nNote.\nHeader.\n");
    ck_assert_int_eq(fl_document_format(doc), FL_FORMAT_DOCX);
    ck_assert_str_eq(fl_document_language(doc), "fr");
    fl_place pl;
    ck_assert_int_eq(fl_document_place(&pl, doc, 11, 4), FL_OK);
    ck_assert_str_eq(pl.part, "footnote");
    ck_assert_int_eq(fl_document_place(&pl, doc, 17, 3), FL_OK);
    ck_assert_str_eq(pl.part, "header");
    fl_document_free(doc);
}
END_TEST

START_TEST(docx_word_split_across_runs_is_one_word)
{
    fl_document *doc = docx(DOC("<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>The ille</w:t></w:r>"
        "<w:proofErr w:type=\"spellStart\"/><w:bookmarkStart w:id=\"7\" w:name=\"b\"/>"
        "<w:r><w:t>gals</w:t></w:r><w:bookmarkEnd w:id=\"7\"/><w:r><w:t xml:space=\"preserve\">"
        " came.</w:t></w:r></w:p>"), NULL, NULL);
    ck_assert_str_eq(text_of(doc), "The illegals came.\n");
    fl_ruleset *rs = rules();
    fl_findings *f = lint(rs, doc);
    ck_assert_int_eq(fl_findings_count(f), 1);
    ck_assert_int_eq(fl_finding_offset(fl_findings_at(f, 0)), 4);
    ck_assert_int_eq(fl_finding_length(fl_findings_at(f, 0)), 8);
    ck_assert(fl_finding_can_fix(fl_findings_at(f, 0)));
    fl_findings_free(f);
    fl_ruleset_free(rs);
    fl_document_free(doc);
}
END_TEST

START_TEST(docx_tracked_deletions_and_comments_are_not_text)
{
    fl_document *doc = docx(DOC("<w:p><w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>"
        "a swarm of old words </w:delText></w:r></w:del><w:commentRangeStart w:id=\"2\"/>"
        "<w:ins w:id=\"3\" w:author=\"A\"><w:r><w:t>A swarm of</w:t></w:r></w:ins>"
        "<w:r><w:t xml:space=\"preserve\"> people.</w:t></w:r><w:commentRangeEnd w:id=\"2\"/>"
        "<w:r><w:commentReference w:id=\"2\"/></w:r></w:p>"), NULL, NULL);
    ck_assert_str_eq(text_of(doc), "A swarm of people.\n");
    fl_ruleset *rs = rules();
    fl_findings *f = lint(rs, doc);
    ck_assert_int_eq(fl_findings_count(f), 1);
    /* someone else's tracked insertion is read, but not rewritten over */
    ck_assert(!fl_finding_can_fix(fl_findings_at(f, 0)));
    fl_findings_free(f);
    fl_ruleset_free(rs);
    fl_document_free(doc);
}
END_TEST

START_TEST(docx_fields_show_their_result_only)
{
    fl_document *doc = docx(DOC("<w:p><w:r><w:t xml:space=\"preserve\">See </w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>HYPERLINK "
        "\"illegals\"</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
        "<w:r><w:t>a swarm of links</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        "<w:fldSimple w:instr=\"TITLE\"><w:r><w:t xml:space=\"preserve\"> and titles</w:t>"
        "</w:r></w:fldSimple></w:p>"), NULL, NULL);
    ck_assert_str_eq(text_of(doc), "See a swarm of links and titles\n");
    fl_ruleset *rs = rules();
    fl_findings *f = lint(rs, doc);
    ck_assert_int_eq(fl_findings_count(f), 1);
    ck_assert(!fl_finding_can_fix(fl_findings_at(f, 0))); /* Word recomputes results */
    fl_findings_free(f);
    fl_ruleset_free(rs);
    fl_document_free(doc);
}
END_TEST

static unsigned scope_of_line(const fl_document *doc, size_t line)
{
    ck_assert_uint_lt(line, doc->pkg->paras.len);
    return doc->pkg->paras.ptr[line].scope;
}

START_TEST(docx_scopes_come_from_paragraph_styles)
{
    fl_document *doc = docx(DOC(
        "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Title</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"MyCaption\"/></w:pPr><w:r><w:t>Photo</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"Quote\"/></w:pPr><w:r><w:t>Said</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>Item</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc>" P("Cell") "</w:tc></w:tr></w:tbl>"
        "<w:p><w:pPr><w:pStyle w:val=\"Outline\"/><w:pPrChange><w:pPr><w:pStyle w:val=\"Quote\"/>"
        "</w:pPr></w:pPrChange></w:pPr><w:r><w:t>Level</w:t></w:r></w:p>" P("Body")),
        NULL, NULL);
    ck_assert_str_eq(text_of(doc), "Title\nPhoto\nSaid\nItem\nCell\nLevel\nBody\n");
    unsigned want[] = {FL_SCOPE_HEADING, FL_SCOPE_CAPTION, FL_SCOPE_QUOTE, FL_SCOPE_LIST,
                       FL_SCOPE_TABLE, FL_SCOPE_HEADING, FL_SCOPE_PROSE};
    for (size_t i = 0; i < 7; i++)
        ck_assert_uint_eq(scope_of_line(doc, i), want[i]);
    fl_place pl;
    fl_document_place(&pl, doc, 37, 4); /* "Body": under "Level" */
    ck_assert_uint_eq(pl.heading_length, 5);
    ck_assert_int_eq(strncmp(text_of(doc) + pl.heading_offset, "Level", 5), 0);
    fl_document_free(doc);
}
END_TEST

START_TEST(docx_alt_text_is_caption_and_fallbacks_are_read_once)
{
    fl_document *doc = docx(DOC("<w:p><w:r><w:t xml:space=\"preserve\">Before </w:t></w:r>"
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:inline>"
        "<wp:docPr id=\"1\" name=\"P\" descr=\"A swarm of people\" title=\"Crowd\"/>"
        "<w:txbxContent>" P("Box text") "</w:txbxContent></wp:inline></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:textbox><w:txbxContent>" P("Box text")
        "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        "<w:r><w:t>after.</w:t></w:r></w:p>"), NULL, NULL);
    ck_assert_str_eq(text_of(doc), "Before after.\nA swarm of people\nCrowd\nBox text\n");
    ck_assert_uint_eq(scope_of_line(doc, 1), FL_SCOPE_CAPTION);
    ck_assert_uint_eq(scope_of_line(doc, 3), FL_SCOPE_PROSE);
    fl_ruleset *rs = rules();
    fl_findings *f = lint(rs, doc);
    ck_assert_int_eq(fl_findings_count(f), 1);
    ck_assert(!fl_finding_can_fix(fl_findings_at(f, 0))); /* an attribute, not a run */
    fl_findings_free(f);
    fl_ruleset_free(rs);
    fl_document_free(doc);
}
END_TEST

START_TEST(docx_tabs_and_breaks_separate_words)
{
    fl_document *doc = docx(DOC("<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/>"
        "<w:t>c&amp;d</w:t></w:r></w:p>"), NULL, NULL);
    ck_assert_str_eq(text_of(doc), "a\tb c&d\n");
    fl_document_free(doc);
}
END_TEST

/* --- bad input ---------------------------------------------------------------- */

static void expect_error(const char *path, const blob *b, int code, const char *words)
{
    fl_error err = FL_ERROR_INIT;
    fl_document *doc = open_blob(path, b, code, &err);
    ck_assert_ptr_null(doc);
    ck_assert_ptr_nonnull(strstr(err.message, words));
    ck_assert_str_eq(err.path, path);
}

START_TEST(docx_bad_input_is_a_clear_error)
{
    const char *good[] = {"word/document.xml", DOC(P("x")), NULL};
    blob b = make_zip(good);
    blob cut = {b.data, b.len / 2};
    expect_error("cut.docx", &cut, FL_ESYNTAX, "damaged or cut short");
    blob cfb = {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and more", 18};
    expect_error("locked.docx", &cfb, FL_ESYNTAX, "password-protected");
    free(b.data);

    const char *not_word[] = {"readme.txt", "hello", NULL};
    b = make_zip(not_word);
    expect_error("other.docx", &b, FL_ESYNTAX, "not a Word document");
    free(b.data);

    const char *dtd[] = {"word/document.xml", "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a "
        "\"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><w:document xmlns:w=\"" W_NS "\">"
        "<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>", NULL};
    b = make_zip(dtd);
    expect_error("dtd.docx", &b, FL_ESYNTAX, "DTD");
    free(b.data);

    const char *broken[] = {"word/document.xml", DOC_OPEN "<w:p></w:body>", NULL};
    b = make_zip(broken);
    expect_error("broken.docx", &b, FL_ESYNTAX, "not well-formed");
    free(b.data);
}
END_TEST

START_TEST(docx_deep_nesting_stops_at_the_limit)
{
    size_t depth = FL_MAX_XML_DEPTH + 10, n = 0;
    char *xml = malloc(depth * 20 + 400);
    n += (size_t)sprintf(xml, "%s", DOC_OPEN);
    for (size_t i = 0; i < depth; i++)
        n += (size_t)sprintf(xml + n, "<w:tbl>");
    for (size_t i = 0; i < depth; i++)
        n += (size_t)sprintf(xml + n, "</w:tbl>");
    sprintf(xml + n, "</w:body></w:document>");
    const char *files[] = {"word/document.xml", xml, NULL};
    blob b = make_zip(files);
    expect_error("deep.docx", &b, FL_ELIMIT, "FL_MAX_XML_DEPTH");
    free(b.data);
    free(xml);
}
END_TEST

START_TEST(docx_text_boxes_nested_past_the_limit_are_an_error)
{
    char xml[8192];
    size_t n = (size_t)sprintf(xml, "%s", DOC_OPEN);
    for (int i = 0; i <= FL_PKG_MAX_OPEN; i++)
        n += (size_t)sprintf(xml + n, "<w:p><w:r><w:drawing><w:txbxContent>");
    for (int i = 0; i <= FL_PKG_MAX_OPEN; i++)
        n += (size_t)sprintf(xml + n, "</w:txbxContent></w:drawing></w:r></w:p>");
    sprintf(xml + n, "</w:body></w:document>");
    const char *files[] = {"word/document.xml", xml, NULL};
    blob b = make_zip(files);
    expect_error("boxes.docx", &b, FL_ELIMIT, "FL_PKG_MAX_OPEN");
    free(b.data);
}
END_TEST

START_TEST(docx_load_fails_cleanly_when_memory_runs_out)
{
    const char *files[] = {"word/document.xml", DOC(P("One swarm of.") P("Two.")),
                           "word/_rels/document.xml.rels", RELS, "word/styles.xml", STYLES,
                           NULL};
    blob b = make_zip(files);
    int done = 0;
    for (size_t n = 1; !done && n < 500; n++) {
        fail_alloc fa;
        fail_alloc_init(&fa, n);
        fl_document *doc = NULL;
        fl_error err = FL_ERROR_INIT;
        int rc = fl_document_new(&doc, &fa.base, "t.docx", b.data, b.len, FL_FORMAT_AUTO, &err);
        if (rc == FL_OK) {
            done = !fa.failed;
            fl_document_free(doc);
        } else {
            ck_assert_int_eq(rc, FL_ENOMEM);
        }
        ck_assert_int_eq(fa.live, 0);
    }
    ck_assert(done);
    free(b.data);
}
END_TEST

/* --- fixing -------------------------------------------------------------------- */

static int collect(void *payload, const char *data, size_t len)
{
    blob *b = payload;
    b->data = realloc(b->data, b->len + len);
    memcpy(b->data + b->len, data, len);
    b->len += len;
    return FL_OK;
}

static blob fix(const fl_ruleset *rs, fl_document *doc, size_t *applied)
{
    fl_findings *f = lint(rs, doc);
    blob out = {NULL, 0};
    fl_error err = FL_ERROR_INIT;
    fl_sink sink = {collect, &out};
    ck_assert_int_eq(fl_fix(applied, doc, f, sink, &err), FL_OK);
    fl_findings_free(f);
    return out;
}

START_TEST(docx_fix_writes_tracked_changes_that_keep_formatting)
{
    fl_document *doc = docx(DOC("<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>The ille</w:t></w:r>"
        "<w:r><w:t xml:space=\"preserve\">gals and a swarm of &lt;birds&gt;.</w:t></w:r></w:p>"),
        NULL, NULL);
    fl_ruleset *rs = rules();
    size_t applied = 0;
    blob out = fix(rs, doc, &applied);
    ck_assert_uint_eq(applied, 2);
    char *xml = zip_entry(&out, "word/document.xml");
    ck_assert_ptr_nonnull(xml);
    /* the deleted half-word keeps its bold run properties */
    ck_assert_ptr_nonnull(strstr(xml, "<w:del w:id=\"1\" w:author=\"framelint\" w:date=\""));
    ck_assert_ptr_nonnull(strstr(xml, "<w:r><w:rPr><w:b/></w:rPr><w:delText "
                                      "xml:space=\"preserve\">ille</w:delText></w:r></w:del>"));
    ck_assert_ptr_nonnull(strstr(xml, "<w:delText xml:space=\"preserve\">gals</w:delText>"));
    /* the insertion takes the formatting of the run where the words began */
    ck_assert_ptr_nonnull(strstr(xml, "<w:ins w:id=\"3\" w:author=\"framelint\""));
    ck_assert_ptr_nonnull(strstr(xml, "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">"
                                      "group of</w:t></w:r></w:ins>"));
    ck_assert_ptr_nonnull(strstr(xml, "&lt;birds&gt;."));
    char *styles = zip_entry(&out, "word/styles.xml");
    ck_assert_str_eq(styles, STYLES); /* other parts are copied through */

    /* read back, the file says what the fix meant; a second fix changes nothing */
    fl_error err = FL_ERROR_INIT;
    fl_document *again = open_blob("t.docx", &out, FL_OK, &err);
    ck_assert_str_eq(text_of(again), "The group of and a group of <birds>.\n");
    blob twice = fix(rs, again, &applied);
    ck_assert_uint_eq(applied, 0);
    free(twice.data);
    fl_document_free(again);
    free(styles);
    free(xml);
    free(out.data);
    fl_ruleset_free(rs);
    fl_document_free(doc);
}
END_TEST

/* An editor's quick fix on a .docx: the whole file back, that one rewrite a
 * tracked change, nothing else changed. */
START_TEST(docx_fix_finding_writes_one_tracked_change)
{
    fl_document *doc = docx(DOC(P("A swarm of birds and a swarm of people.")), NULL, NULL);
    fl_ruleset *rs = rules();
    fl_findings *f = lint(rs, doc);
    ck_assert_uint_eq(fl_findings_count(f), 2);
    blob out = {NULL, 0};
    fl_sink sink = {collect, &out};
    size_t applied = 0;
    fl_error err = FL_ERROR_INIT;
    ck_assert_int_eq(fl_fix_finding(&applied, doc, f, 1, 0, sink, &err), FL_OK);
    ck_assert_uint_eq(applied, 1);
    fl_document *again = open_blob("t.docx", &out, FL_OK, &err);
    ck_assert_str_eq(text_of(again), "A swarm of birds and a group of people.\n");
    fl_document_free(again);
    free(out.data);
    fl_findings_free(f);
    fl_ruleset_free(rs);
    fl_document_free(doc);
}
END_TEST

/* --- OpenDocument ------------------------------------------------------------------ */

#define ODT_NS                                                                         \
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "               \
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "                   \
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "                 \
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "                 \
    "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" "                \
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "                                   \
    "xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\""

static const char odt_content[] =
    "<?xml version=\"1.0\"?><office:document-content " ODT_NS ">"
    "<office:automatic-styles><style:style style:name=\"P1\" style:family=\"paragraph\" "
    "style:parent-style-name=\"Caption\"/></office:automatic-styles><office:body><office:text>"
    "<text:tracked-changes><text:changed-region text:id=\"c1\"><text:deletion><text:p>"
    "gone</text:p></text:deletion></text:changed-region></text:tracked-changes>"
    "<text:h text:outline-level=\"1\">A swarm of people</text:h>"
    "<text:p>Body<text:s text:c=\"2\"/>text<text:change text:change-id=\"c1\"/>"
    "<office:annotation><dc:creator>A</dc:creator><text:p>a comment</text:p></office:annotation>"
    "<text:note text:note-class=\"footnote\"><text:note-citation>1</text:note-citation>"
    "<text:note-body><text:p>Note text</text:p></text:note-body></text:note> ends.</text:p>"
    "<text:p text:style-name=\"P1\">Photo line</text:p>"
    "<text:list><text:list-item><text:p>Item</text:p></text:list-item></text:list>"
    "<draw:frame><draw:image/><svg:title>Alt title</svg:title></draw:frame>"
    "</office:text></office:body></office:document-content>";

START_TEST(odt_reads_body_then_notes_and_refuses_to_fix)
{
    const char *files[] = {"mimetype", "application/vnd.oasis.opendocument.text",
                           "content.xml", odt_content, NULL};
    blob b = make_zip(files);
    fl_error err = FL_ERROR_INIT;
    fl_document *doc = open_blob("t.odt", &b, FL_OK, &err);
    ck_assert_str_eq(text_of(doc), "A swarm of people\nBody  text ends.\nPhoto line\nItem\n"
                                   "Alt title\nNote text\n");
    unsigned want[] = {FL_SCOPE_HEADING, FL_SCOPE_PROSE, FL_SCOPE_CAPTION, FL_SCOPE_LIST,
                       FL_SCOPE_CAPTION, FL_SCOPE_PROSE};
    for (size_t i = 0; i < 6; i++)
        ck_assert_uint_eq(scope_of_line(doc, i), want[i]);
    fl_place pl;
    fl_document_place(&pl, doc, strlen(text_of(doc)) - 3, 1);
    ck_assert_str_eq(pl.part, "footnote");

    fl_ruleset *rs = rules();
    fl_findings *f = lint(rs, doc);
    ck_assert_int_eq(fl_findings_count(f), 1);
    ck_assert(!fl_finding_can_fix(fl_findings_at(f, 0)));
    blob out = {NULL, 0};
    fl_sink sink = {collect, &out};
    ck_assert_int_eq(fl_fix(NULL, doc, f, sink, &err), FL_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "not support .odt"));
    ck_assert_int_eq(fl_fix_finding(NULL, doc, f, 0, 0, sink, &err), FL_EINVAL);
    ck_assert_uint_eq(out.len, 0);
    fl_findings_free(f);
    fl_ruleset_free(rs);
    fl_document_free(doc);
    free(b.data);
}
END_TEST

START_TEST(odt_bad_input_is_a_clear_error)
{
    const char *encrypted[] = {"mimetype", "application/vnd.oasis.opendocument.text",
        "META-INF/manifest.xml", "<manifest:manifest><manifest:file-entry>"
        "<manifest:encryption-data/></manifest:file-entry></manifest:manifest>",
        "content.xml", "x", NULL};
    blob b = make_zip(encrypted);
    expect_error("locked.odt", &b, FL_ESYNTAX, "password-protected");
    free(b.data);
    const char *sheet[] = {"mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                           "content.xml", "x", NULL};
    b = make_zip(sheet);
    expect_error("sheet.odt", &b, FL_ESYNTAX, "not a text document");
    free(b.data);
}
END_TEST

Suite *suite_package(void)
{
    Suite *s = suite_create("package");
    TCase *t = tcase_create("docx_text");
    tcase_add_test(t, docx_paragraph_per_line_body_then_notes_then_headers);
    tcase_add_test(t, docx_word_split_across_runs_is_one_word);
    tcase_add_test(t, docx_tracked_deletions_and_comments_are_not_text);
    tcase_add_test(t, docx_fields_show_their_result_only);
    tcase_add_test(t, docx_scopes_come_from_paragraph_styles);
    tcase_add_test(t, docx_alt_text_is_caption_and_fallbacks_are_read_once);
    tcase_add_test(t, docx_tabs_and_breaks_separate_words);
    suite_add_tcase(s, t);
    t = tcase_create("bad_input");
    tcase_add_test(t, docx_bad_input_is_a_clear_error);
    tcase_add_test(t, docx_deep_nesting_stops_at_the_limit);
    tcase_add_test(t, docx_text_boxes_nested_past_the_limit_are_an_error);
    tcase_add_test(t, docx_load_fails_cleanly_when_memory_runs_out);
    tcase_add_test(t, odt_bad_input_is_a_clear_error);
    suite_add_tcase(s, t);
    t = tcase_create("fix");
    tcase_add_test(t, docx_fix_writes_tracked_changes_that_keep_formatting);
    tcase_add_test(t, docx_fix_finding_writes_one_tracked_change);
    suite_add_tcase(s, t);
    t = tcase_create("odt");
    tcase_add_test(t, odt_reads_body_then_notes_and_refuses_to_fix);
    suite_add_tcase(s, t);
    return s;
}

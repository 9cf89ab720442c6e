/*
 * markup_odt: reads an OpenDocument text file (.odt) into the package text
 * model: content.xml's body, its notes after the body, and the headers and
 * footers of styles.xml's master pages. Tracked deletions (kept apart in
 * text:tracked-changes), annotations and note citations are not text.
 * Rewrites are not written back to .odt yet, so every segment is marked
 * as one that cannot be.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "package.h"

#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_SVG "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define NS_FO "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"

/* Spaces one <text:s text:c="N"/> may stand for. */
#define MAX_SPACES 1024
#define MAX_STYLE_CHAIN 16

typedef struct ostyle {
    const char *name, *parent;
    unsigned scope; /* from its own name or outline level; 0: ask the parent */
} ostyle;

typedef struct odt {
    fl_pkg_builder *b;
    fl_zip *z;
    fl_arena *arena;
    FL_VEC(ostyle) styles;
    fl_part_kind kind;      /* of the part or note being read */
    fl_part_kind part_kind; /* of the part */
    int in_body;            /* office:text, or a master page's header/footer */
    size_t skip;
    size_t table, list;
    int in_caption;         /* svg:title or svg:desc */
    fl_buf caption;
    char language[16];
} odt;

/* LibreOffice's caption styles are named for what they caption. */
static unsigned scope_of_name(const char *nm)
{
    static const char *const caption[] = {"caption", "illustration", "figure", "table",
                                          "drawing", NULL};
    if (fl__pkg_name_has(nm, "heading") || !strcmp(nm, "Title") || !strcmp(nm, "Subtitle"))
        return FL_SCOPE_HEADING;
    for (size_t i = 0; caption[i]; i++) {
        if (fl__pkg_name_has(nm, caption[i]) && (i == 0 || strlen(nm) == strlen(caption[i])))
            return FL_SCOPE_CAPTION;
    }
    if (fl__pkg_name_has(nm, "quot"))
        return FL_SCOPE_QUOTE;
    if (strlen(nm) >= 4 && fl__markup_ci_equal(nm, "list", 4))
        return FL_SCOPE_LIST;
    return 0;
}

static void add_style(odt *o, const char **attrs)
{
    const char *name = fl__xml_attr(attrs, NS_STYLE, "name");
    const char *shown = fl__xml_attr(attrs, NS_STYLE, "display-name");
    const char *parent = fl__xml_attr(attrs, NS_STYLE, "parent-style-name");
    const char *level = fl__xml_attr(attrs, NS_STYLE, "default-outline-level");
    if (!name)
        return;
    ostyle s = {fl__arena_strdup(o->arena, name),
                parent ? fl__arena_strdup(o->arena, parent) : "", 0};
    s.scope = scope_of_name(shown ? shown : name);
    if (!s.scope && level && atoi(level) > 0)
        s.scope = FL_SCOPE_HEADING;
    if (!s.name || !s.parent || FL_VEC_PUSH(o->b->pkg->alloc, &o->styles, s) < 0)
        fl__xml_stop(o->z, FL_ENOMEM);
}

static unsigned style_scope(const odt *o, const char *name)
{
    for (int depth = 0; name && name[0] && depth < MAX_STYLE_CHAIN; depth++) {
        const ostyle *st = NULL;
        for (size_t i = o->styles.len; i-- > 0 && !st;) {
            if (!strcmp(o->styles.ptr[i].name, name))
                st = &o->styles.ptr[i];
        }
        if (!st) /* undeclared: LibreOffice's own names still say what it is */
            return scope_of_name(name);
        if (st->scope)
            return st->scope;
        name = st->parent;
    }
    return 0;
}

/* Content that is never text: tracked deletions, comments, note numbers,
 * ruby guides, index templates, declarations. */
static int starts_skip(const char *name)
{
    static const char *const text_skipped[] = {"tracked-changes", "note-citation",
        "ruby-text", "table-of-content-source", "sequence-decls", "variable-decls",
        "user-field-decls", NULL};
    if (fl__xml_is(name, NS_OFFICE, "annotation"))
        return 1;
    for (size_t i = 0; text_skipped[i]; i++) {
        if (fl__xml_is(name, NS_TEXT, text_skipped[i]))
            return 1;
    }
    return 0;
}

static void begin_para(odt *o, const char *name, const char **attrs)
{
    unsigned scope = o->table ? FL_SCOPE_TABLE : o->list ? FL_SCOPE_LIST : FL_SCOPE_PROSE;
    unsigned styled = style_scope(o, fl__xml_attr(attrs, NS_TEXT, "style-name"));
    if (fl__xml_is(name, NS_TEXT, "h"))
        scope = FL_SCOPE_HEADING;
    else if (styled)
        scope = styled;
    if (fl__pkg_para_begin(o->b, scope, o->kind) < 0)
        fl__xml_stop(o->z, o->b->status);
}

static void spaces(odt *o, const char **attrs)
{
    const char *c = fl__xml_attr(attrs, NS_TEXT, "c");
    long n = c ? strtol(c, NULL, 10) : 1;
    for (long i = 0; i < n && i < MAX_SPACES; i++)
        fl__pkg_text(o->b, " ", 1, NULL);
}

static void text_start(odt *o, const char *name, const char **attrs)
{
    const char *local = fl__xml_local(name);
    if (fl__xml_local_eq(local, "p") || fl__xml_local_eq(local, "h")) {
        begin_para(o, name, attrs);
    } else if (fl__xml_local_eq(local, "list-item") || fl__xml_local_eq(local, "list-header")) {
        o->list++;
    } else if (fl__xml_local_eq(local, "s")) {
        spaces(o, attrs);
    } else if (fl__xml_local_eq(local, "tab")) {
        fl__pkg_break(o->b, "\t");
    } else if (fl__xml_local_eq(local, "line-break")) {
        fl__pkg_break(o->b, " ");
    } else if (fl__xml_local_eq(local, "note")) {
        const char *cls = fl__xml_attr(attrs, NS_TEXT, "note-class");
        o->kind = cls && !strcmp(cls, "endnote") ? FL_PART_ENDNOTE : FL_PART_FOOTNOTE;
        fl__pkg_break(o->b, "");
    } else if (fl__xml_local_eq(local, "bookmark-ref") || fl__xml_local_eq(local, "soft-page-break")) {
        /* inside a sentence: nothing to add */
    }
}

static void on_start(void *payload, const char *name, const char **attrs, size_t at,
                     size_t n)
{
    odt *o = payload;
    if (o->skip || starts_skip(name)) {
        o->skip++;
        return;
    }
    if (fl__xml_is(name, NS_STYLE, "style")) {
        add_style(o, attrs);
    } else if (fl__xml_is(name, NS_STYLE, "text-properties") && !o->language[0] &&
               fl__xml_attr(attrs, NS_FO, "language")) {
        snprintf(o->language, sizeof o->language, "%s", fl__xml_attr(attrs, NS_FO, "language"));
    } else if (fl__xml_is(name, NS_OFFICE, "text")) {
        o->in_body = 1;
    } else if (fl__xml_in(name, NS_STYLE) && (fl__xml_local_eq(fl__xml_local(name), "header") ||
               fl__xml_local_eq(fl__xml_local(name), "header-left") ||
               fl__xml_local_eq(fl__xml_local(name), "header-first"))) {
        o->in_body = 1;
        o->kind = o->part_kind = FL_PART_HEADER;
    } else if (fl__xml_in(name, NS_STYLE) && !strncmp(fl__xml_local(name), "footer", 6)) {
        o->in_body = 1;
        o->kind = o->part_kind = FL_PART_FOOTER;
    } else if (o->in_body && fl__xml_is(name, NS_TABLE, "table-cell")) {
        o->table++;
    } else if (o->in_body && fl__xml_in(name, NS_TEXT)) {
        text_start(o, name, attrs);
    } else if (o->in_body && (fl__xml_is(name, NS_SVG, "title") || fl__xml_is(name, NS_SVG, "desc"))) {
        o->in_caption = 1;
        fl__buf_clear(&o->caption);
    }
}

static void on_end(void *payload, const char *name, size_t at, size_t n)
{
    odt *o = payload;
    if (o->skip) {
        o->skip--;
        return;
    }
    const char *local = fl__xml_local(name);
    if (fl__xml_is(name, NS_OFFICE, "text") ||
        (fl__xml_in(name, NS_STYLE) && (!strncmp(local, "header", 6) || !strncmp(local, "footer", 6)))) {
        o->in_body = 0;
        o->kind = o->part_kind = FL_PART_BODY;
    } else if (fl__xml_is(name, NS_TABLE, "table-cell") && o->table) {
        o->table--;
    } else if (fl__xml_in(name, NS_TEXT) && (fl__xml_local_eq(local, "p") || fl__xml_local_eq(local, "h"))) {
        if (fl__pkg_para_end(o->b) < 0)
            fl__xml_stop(o->z, o->b->status);
    } else if (fl__xml_in(name, NS_TEXT) && (fl__xml_local_eq(local, "list-item") ||
                                              fl__xml_local_eq(local, "list-header")) && o->list) {
        o->list--;
    } else if (fl__xml_is(name, NS_TEXT, "note")) {
        o->kind = o->part_kind;
    } else if (o->in_caption && fl__xml_in(name, NS_SVG)) {
        o->in_caption = 0;
        if (o->caption.len && fl__pkg_caption(o->b, o->caption.ptr, o->caption.len, o->kind) < 0)
            fl__xml_stop(o->z, o->b->status);
    }
}

static void on_text(void *payload, const char *s, size_t len)
{
    odt *o = payload;
    if (o->skip || !o->in_body)
        return;
    if (o->in_caption) {
        if (fl__buf_put(&o->caption, s, len) < 0)
            fl__xml_stop(o->z, FL_ENOMEM);
        return;
    }
    if (o->b->depth && fl__pkg_text(o->b, s, len, NULL) < 0)
        fl__xml_stop(o->z, o->b->status);
}

static int check_package(fl_zip *z, const char *path, const fl_allocator *a, fl_error *err)
{
    fl_buf buf = FL_BUF_INIT(a);
    int error = 0;
    if (fl__zip_has(z, "mimetype")) {
        error = fl__zip_read(z, "mimetype", &buf, err);
        const char *want = "application/vnd.oasis.opendocument.text";
        if (error == 0 && (buf.len < strlen(want) || memcmp(buf.ptr, want, strlen(want))))
            error = fl__error_set(err, FL_ESYNTAX, path, 0, 0, 0, "is an OpenDocument file "
                                  "but not a text document (mimetype %.60s)", fl__buf_cstr(&buf));
    }
    fl__buf_clear(&buf);
    if (error == 0 && fl__zip_has(z, "META-INF/manifest.xml")) {
        error = fl__zip_read(z, "META-INF/manifest.xml", &buf, err);
        if (error == 0 && fl__markup_find(buf.ptr, 0, buf.len, "encryption-data", 15) != (size_t)-1)
            error = fl__error_set(err, FL_ESYNTAX, path, 0, 0, 0, "is password-protected: "
                                  "save a copy without the password");
    }
    if (error == 0 && !fl__zip_has(z, "content.xml"))
        error = fl__error_set(err, FL_ESYNTAX, path, 0, 0, 0, "is not an OpenDocument text "
                              "file: the zip has no content.xml");
    fl__buf_free(&buf);
    return error;
}

int fl__odt_read(fl_pkg_builder *b, fl_zip *z, const char *path, fl_error *err)
{
    const fl_allocator *a = b->pkg->alloc;
    fl_arena ar = FL_ARENA_INIT(a);
    odt o;
    memset(&o, 0, sizeof o);
    o.b = b;
    o.z = z;
    o.arena = &ar;
    o.caption = (fl_buf)FL_BUF_INIT(a);
    fl_xml_handler h = {on_start, on_end, on_text, &o};
    int error = check_package(z, path, a, err);
    if (error == 0 && fl__zip_has(z, "styles.xml"))
        error = fl__xml_parse(z, "styles.xml", &h, NULL, err);
    o.in_body = 0;
    o.kind = o.part_kind = FL_PART_BODY;
    if (error == 0)
        error = fl__xml_parse(z, "content.xml", &h, NULL, err);
    while (b->depth && b->status == 0)
        fl__pkg_para_end(b);
    snprintf(b->pkg->language, sizeof b->pkg->language, "%s", o.language);
    FL_VEC_FREE(a, &o.styles);
    fl__buf_free(&o.caption);
    fl__arena_free(&ar);
    return error;
}

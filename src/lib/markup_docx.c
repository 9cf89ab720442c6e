/*
 * markup_docx: reads a Word file (WordprocessingML in a zip, transitional or
 * strict) into the package text model: the main part found through its
 * relationships, then footnotes, endnotes, headers and footers. Only w:t
 * elements are text; deleted and moved-away runs, field instructions,
 * comments and VML fallbacks are not. Never runs, loads or follows
 * anything outside the zip.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "package.h"

static const char *const W_NS[] = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main", NULL};
static const char *const WP_NS[] = {
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing", NULL};
static const char MC_NS[] = "http://schemas.openxmlformats.org/markup-compatibility/2006";
static const char REL_NS[] = "http://schemas.openxmlformats.org/package/2006/relationships";

/* Styles an ancestor chain may climb before we call it a loop. */
#define MAX_STYLE_CHAIN 16
/* Nested complex fields tracked; deeper ones are read as plain text. */
#define MAX_FIELDS 64

static const char *ns_of(const char *name, const char *const *uris)
{
    for (size_t i = 0; uris[i]; i++) {
        if (fl__xml_in(name, uris[i]))
            return uris[i];
    }
    return NULL;
}

/* The local name if `name` is in WordprocessingML, else NULL. */
static const char *w_local(const char *name)
{
    return ns_of(name, W_NS) ? fl__xml_local(name) : NULL;
}

static const char *w_attr(const char **attrs, const char *local)
{
    for (size_t i = 0; W_NS[i]; i++) {
        const char *v = fl__xml_attr(attrs, W_NS[i], local);
        if (v)
            return v;
    }
    return NULL;
}

/* --- relationships -------------------------------------------------------------- */

typedef struct rel {
    const char *type; /* the last path segment of the Type URI */
    const char *target;
} rel;

typedef struct rels {
    fl_arena *arena;
    FL_VEC(rel) items;
    const fl_allocator *alloc;
    fl_zip *z;
} rels;

static void rel_start(void *payload, const char *name, const char **attrs, size_t at,
                      size_t n)
{
    rels *r = payload;
    if (!fl__xml_is(name, REL_NS, "Relationship"))
        return;
    const char *type = fl__xml_attr(attrs, NULL, "Type");
    const char *target = fl__xml_attr(attrs, NULL, "Target");
    const char *mode = fl__xml_attr(attrs, NULL, "TargetMode");
    if (!type || !target || (mode && !strcmp(mode, "External")))
        return;
    const char *slash = strrchr(type, '/');
    rel x = {fl__arena_strdup(r->arena, slash ? slash + 1 : type),
             fl__arena_strdup(r->arena, target)};
    if (!x.type || !x.target || FL_VEC_PUSH(r->alloc, &r->items, x) < 0)
        fl__xml_stop(r->z, FL_ENOMEM);
}

/* Reads a .rels part if it exists; an absent one has no relationships. */
static int read_rels(rels *r, const char *name, fl_error *err)
{
    if (!fl__zip_has(r->z, name))
        return FL_OK;
    fl_xml_handler h = {rel_start, NULL, NULL, r};
    return fl__xml_parse(r->z, name, &h, NULL, err);
}

/* A relationship's target as a zip entry name, relative to `dir` (ending
 * in '/', or ""), or absolute from the package root. */
static char *resolve(fl_arena *ar, const char *dir, const char *target)
{
    if (target[0] == '/')
        return fl__arena_strdup(ar, target + 1);
    size_t a = strlen(dir), b = strlen(target);
    char *s = fl__arena_alloc(ar, a + b + 1);
    if (s) {
        memcpy(s, dir, a);
        memcpy(s + a, target, b + 1);
    }
    return s;
}

/* --- styles ------------------------------------------------------------------- */

typedef struct style {
    const char *id, *name, *based_on;
    int outline;   /* 0-8: a heading level; -1 none */
    int numbered;
} style;

typedef struct styles {
    fl_arena *arena;
    const fl_allocator *alloc;
    fl_zip *z;
    FL_VEC(style) items;
    int in_style, in_ppr, in_defaults;
    char *language;
} styles;

static void style_start(void *payload, const char *name, const char **attrs, size_t at,
                        size_t n)
{
    styles *s = payload;
    const char *local = w_local(name);
    if (!local)
        return;
    style *cur = s->in_style ? &s->items.ptr[s->items.len - 1] : NULL;
    const char *val = w_attr(attrs, "val");
    if (fl__xml_local_eq(local, "style")) {
        const char *type = w_attr(attrs, "type"), *id = w_attr(attrs, "styleId");
        if (!id || (type && strcmp(type, "paragraph")))
            return;
        style x = {fl__arena_strdup(s->arena, id), "", "", -1, 0};
        if (!x.id || FL_VEC_PUSH(s->alloc, &s->items, x) < 0)
            fl__xml_stop(s->z, FL_ENOMEM);
        s->in_style = 1;
    } else if (fl__xml_local_eq(local, "docDefaults")) {
        s->in_defaults = 1;
    } else if (s->in_defaults && fl__xml_local_eq(local, "lang") && val && !s->language[0]) {
        snprintf(s->language, 16, "%s", val);
    } else if (cur && val && fl__xml_local_eq(local, "name")) {
        if (!(cur->name = fl__arena_strdup(s->arena, val)))
            fl__xml_stop(s->z, FL_ENOMEM);
    } else if (cur && val && fl__xml_local_eq(local, "basedOn")) {
        if (!(cur->based_on = fl__arena_strdup(s->arena, val)))
            fl__xml_stop(s->z, FL_ENOMEM);
    } else if (cur && val && fl__xml_local_eq(local, "outlineLvl")) {
        cur->outline = atoi(val);
    } else if (cur && fl__xml_local_eq(local, "numPr")) {
        cur->numbered = 1;
    }
}

static void style_end(void *payload, const char *name, size_t at, size_t n)
{
    styles *s = payload;
    const char *local = w_local(name);
    if (local && fl__xml_local_eq(local, "style"))
        s->in_style = 0;
    else if (local && fl__xml_local_eq(local, "docDefaults"))
        s->in_defaults = 0;
}

static const style *find_style(const styles *s, const char *id)
{
    for (size_t i = 0; id && id[0] && i < s->items.len; i++) {
        if (!strcmp(s->items.ptr[i].id, id))
            return &s->items.ptr[i];
    }
    return NULL;
}

static int name_is(const char *name, const char *lower)
{
    size_t n = strlen(lower);
    return strlen(name) == n && fl__markup_ci_equal(name, lower, n);
}

/* What a style's own name or settings say, or 0 to ask its parent. Word's
 * built-in names are the same in every UI language ("heading 1"). */
static unsigned style_says(const style *st)
{
    const char *nm = st->name[0] ? st->name : st->id;
    if (fl__pkg_name_has(nm, "heading") || name_is(nm, "title") || name_is(nm, "subtitle") ||
        (st->outline >= 0 && st->outline < 9))
        return FL_SCOPE_HEADING;
    if (fl__pkg_name_has(nm, "caption"))
        return FL_SCOPE_CAPTION;
    if (fl__pkg_name_has(nm, "quote") || name_is(nm, "block text"))
        return FL_SCOPE_QUOTE;
    if (st->numbered || (strlen(nm) >= 4 && fl__markup_ci_equal(nm, "list", 4)))
        return FL_SCOPE_LIST;
    return 0;
}

static unsigned style_scope(const styles *s, const char *id)
{
    const style *st = find_style(s, id);
    for (int i = 0; st && i < MAX_STYLE_CHAIN; i++) {
        unsigned scope = style_says(st);
        if (scope)
            return scope;
        st = find_style(s, st->based_on);
    }
    return 0;
}

/* --- the text parts -------------------------------------------------------------- */

/* What each open paragraph knows about itself and its current run. */
typedef struct level {
    unsigned style_scope;
    int numbered, outline;
    int in_ppr, in_run, in_rpr;
    size_t run_start, run_len, rpr_start, rpr_len;
} level;

typedef struct docx {
    fl_pkg_builder *b;
    fl_zip *z;
    const styles *st;
    fl_part_kind kind;
    uint32_t part;
    size_t skip;        /* open elements whose content is not text */
    size_t tracked;     /* open w:ins, w:moveTo, w:fldSimple: text, not writable */
    size_t table;       /* open table cells */
    level lv[FL_PKG_MAX_OPEN];
    size_t nlv;
    uint64_t fields;    /* complex fields, one bit each: 1 = showing the result */
    size_t nfields, fields_over;
    int in_t;
    size_t t_start, t_tag;
    fl_buf t;
    char prefix[16];
    int prefix_mixed;
} docx;

static level *cur(docx *d)
{
    return d->nlv ? &d->lv[d->nlv - 1] : NULL;
}

static int in_instruction(const docx *d)
{
    size_t n = d->nfields < MAX_FIELDS ? d->nfields : MAX_FIELDS;
    uint64_t mask = n == 64 ? ~(uint64_t)0 : (((uint64_t)1 << n) - 1);
    return (d->fields & mask) != mask;
}

static void field_char(docx *d, const char *type)
{
    if (!type)
        return;
    if (!strcmp(type, "begin")) {
        if (d->nfields < MAX_FIELDS)
            d->fields &= ~((uint64_t)1 << d->nfields++);
        else
            d->fields_over++;
    } else if (!strcmp(type, "separate") && d->nfields && !d->fields_over) {
        d->fields |= (uint64_t)1 << (d->nfields - 1);
    } else if (!strcmp(type, "end")) {
        if (d->fields_over)
            d->fields_over--;
        else if (d->nfields)
            d->nfields--;
    }
}

/* Elements whose whole content is not text: deletions, moved-away text,
 * formatting revisions, ruby guides, VML fallbacks, the separator notes. */
static int starts_skip(const char *name, const char *local, const char **attrs)
{
    if (fl__xml_is(name, MC_NS, "Fallback"))
        return 1;
    if (!local)
        return 0;
    static const char *const skipped[] = {"del", "moveFrom", "rt", "instrText",
                                          "delText", "delInstrText", NULL};
    for (size_t i = 0; skipped[i]; i++) {
        if (fl__xml_local_eq(local, skipped[i]))
            return 1;
    }
    size_t n = strcspn(local, "\x01");
    if (n > 6 && !strncmp(local + n - 6, "Change", 6))
        return 1; /* pPrChange, rPrChange…: the formatting before a revision */
    return (fl__xml_local_eq(local, "footnote") || fl__xml_local_eq(local, "endnote")) &&
           w_attr(attrs, "type") && strcmp(w_attr(attrs, "type"), "normal");
}

static void note_id(docx *d, const char **attrs)
{
    const char *id = w_attr(attrs, "id");
    if (!id)
        return;
    char *end;
    unsigned long v = strtoul(id, &end, 10);
    if (*end == '\0' && v > d->b->pkg->max_id && v < 0x7fffffffUL)
        d->b->pkg->max_id = v;
}

static void check_prefix(docx *d, const char *name)
{
    const char *sep = strchr(fl__xml_local(name), '\x01');
    const char *prefix = sep ? sep + 1 : "";
    if (!d->prefix[0] && !d->prefix_mixed && strlen(prefix) < sizeof d->prefix && prefix[0])
        snprintf(d->prefix, sizeof d->prefix, "%s", prefix);
    else if (strcmp(prefix, d->prefix))
        d->prefix_mixed = 1;
}

static void begin_para(docx *d)
{
    unsigned scope = d->table ? FL_SCOPE_TABLE : FL_SCOPE_PROSE;
    if (fl__pkg_para_begin(d->b, scope, d->kind) < 0 || d->nlv == FL_PKG_MAX_OPEN) {
        fl__xml_stop(d->z, d->b->status ? d->b->status : FL_ELIMIT);
        return;
    }
    memset(&d->lv[d->nlv++], 0, sizeof d->lv[0]);
    d->lv[d->nlv - 1].outline = -1;
}

/* Once the paragraph's properties are read: style first, then direct
 * settings; a heading wins over a list, a list over a table cell. */
static void settle_scope(docx *d, level *l)
{
    unsigned scope = l->style_scope;
    if (l->outline >= 0 && l->outline < 9)
        scope = FL_SCOPE_HEADING;
    if (!scope && l->numbered)
        scope = FL_SCOPE_LIST;
    if (scope)
        fl__pkg_para_scope(d->b, scope);
}

static void alt_text(docx *d, const char **attrs)
{
    static const char *const keys[] = {"descr", "title"};
    const char *seen = NULL;
    for (size_t i = 0; i < 2; i++) {
        const char *v = fl__xml_attr(attrs, NULL, keys[i]);
        if (v && v[0] && (!seen || strcmp(v, seen)) &&
            fl__pkg_caption(d->b, v, strlen(v), d->kind) < 0)
            fl__xml_stop(d->z, d->b->status);
        seen = v ? v : seen;
    }
}

/* Inline elements that are not text but sit between words. */
static void inline_start(docx *d, level *l, const char *local, const char **attrs, size_t at,
                         size_t n)
{
    if (fl__xml_local_eq(local, "r")) {
        l->in_run = 1;
        l->run_start = at;
        l->run_len = n;
        l->rpr_len = 0;
    } else if (fl__xml_local_eq(local, "rPr") && l->in_run && !l->in_ppr) {
        l->in_rpr = 1;
        l->rpr_start = at;
    } else if (fl__xml_local_eq(local, "t") && l->in_run && !l->in_rpr) {
        d->in_t = 1;
        d->t_start = at;
        d->t_tag = n;
        fl__buf_clear(&d->t);
    } else if (fl__xml_local_eq(local, "tab") || fl__xml_local_eq(local, "ptab")) {
        if (!l->in_ppr)
            fl__pkg_break(d->b, "\t");
    } else if (fl__xml_local_eq(local, "br") || fl__xml_local_eq(local, "cr")) {
        fl__pkg_break(d->b, " ");
    } else if (fl__xml_local_eq(local, "noBreakHyphen")) {
        fl__pkg_text(d->b, "\xe2\x80\x91", 3, NULL);
    } else if (fl__xml_local_eq(local, "softHyphen")) {
        fl__pkg_taint(d->b); /* a word with one stays one word, unrewritten */
    } else if (fl__xml_local_eq(local, "fldChar")) {
        field_char(d, w_attr(attrs, "fldCharType"));
    } else if (fl__xml_local_eq(local, "sym") || fl__xml_local_eq(local, "drawing") ||
               fl__xml_local_eq(local, "pict") || fl__xml_local_eq(local, "object") ||
               fl__xml_local_eq(local, "footnoteReference") ||
               fl__xml_local_eq(local, "endnoteReference") ||
               fl__xml_local_eq(local, "commentReference")) {
        fl__pkg_break(d->b, "");
    }
}

static void para_start(docx *d, level *l, const char *local, const char **attrs)
{
    const char *val = w_attr(attrs, "val");
    if (fl__xml_local_eq(local, "pPr")) {
        l->in_ppr = 1;
    } else if (l->in_ppr && !l->in_rpr && fl__xml_local_eq(local, "pStyle")) {
        l->style_scope = style_scope(d->st, val);
    } else if (l->in_ppr && fl__xml_local_eq(local, "numPr")) {
        l->numbered = 1;
    } else if (l->in_ppr && val && fl__xml_local_eq(local, "outlineLvl")) {
        l->outline = atoi(val);
    }
}

static void on_start(void *payload, const char *name, const char **attrs, size_t at,
                     size_t n)
{
    docx *d = payload;
    const char *local = w_local(name);
    if (d->skip || starts_skip(name, local, attrs)) {
        d->skip++;
        return;
    }
    if (local)
        note_id(d, attrs);
    if (!local) {
        if (ns_of(name, WP_NS) && fl__xml_local_eq(fl__xml_local(name), "docPr"))
            alt_text(d, attrs);
        return;
    }
    if (fl__xml_local_eq(local, "p")) {
        begin_para(d);
        return;
    }
    if (fl__xml_local_eq(local, "tc"))
        d->table++;
    else if (fl__xml_local_eq(local, "ins") || fl__xml_local_eq(local, "moveTo") ||
             fl__xml_local_eq(local, "fldSimple"))
        d->tracked++;
    level *l = cur(d);
    if (!l)
        return;
    if (fl__xml_local_eq(local, "r"))
        check_prefix(d, name);
    para_start(d, l, local, attrs);
    inline_start(d, l, local, attrs, at, n);
}

/* A w:t ends: its text goes to the paragraph, with where it came from
 * unless it cannot be written back. */
static void text_element(docx *d, level *l, size_t end)
{
    d->in_t = 0;
    if (d->nfields && in_instruction(d))
        return;
    fl_pkg_piece p;
    memset(&p, 0, sizeof p);
    p.part = d->part;
    p.t_start = d->t_start;
    p.t_end = end;
    p.run_start = l->run_start;
    p.run_len = l->run_len;
    p.rpr_start = l->rpr_start;
    p.rpr_len = l->rpr_len;
    int writable = !d->tracked && !(d->nfields || d->fields_over) && fl__xml_utf8(d->z) &&
                   d->prefix[0] && !d->prefix_mixed;
    if (fl__pkg_text(d->b, d->t.ptr, d->t.len, writable ? &p : NULL) < 0)
        fl__xml_stop(d->z, d->b->status);
}

static void on_end(void *payload, const char *name, size_t at, size_t n)
{
    docx *d = payload;
    if (d->skip) {
        d->skip--;
        return;
    }
    const char *local = w_local(name);
    level *l = cur(d);
    if (!local)
        return;
    if (fl__xml_local_eq(local, "tc") && d->table)
        d->table--;
    else if ((fl__xml_local_eq(local, "ins") || fl__xml_local_eq(local, "moveTo") ||
              fl__xml_local_eq(local, "fldSimple")) && d->tracked)
        d->tracked--;
    if (!l)
        return;
    if (fl__xml_local_eq(local, "p")) {
        if (fl__pkg_para_end(d->b) < 0)
            fl__xml_stop(d->z, d->b->status);
        d->nlv--;
    } else if (fl__xml_local_eq(local, "pPr")) {
        l->in_ppr = 0;
        settle_scope(d, l);
    } else if (fl__xml_local_eq(local, "rPr") && l->in_rpr) {
        l->in_rpr = 0;
        l->rpr_len = at + n - l->rpr_start;
    } else if (fl__xml_local_eq(local, "r")) {
        l->in_run = 0;
    } else if (fl__xml_local_eq(local, "t") && d->in_t) {
        size_t end = at + n > d->t_start + d->t_tag ? at + n : d->t_start + d->t_tag;
        text_element(d, l, end);
    }
}

static void on_text(void *payload, const char *s, size_t len)
{
    docx *d = payload;
    if (d->in_t && !d->skip && fl__buf_put(&d->t, s, len) < 0)
        fl__xml_stop(d->z, FL_ENOMEM);
}

static int add_part(fl_package *pkg, const char *name, fl_part_kind kind)
{
    fl_pkg_part p;
    memset(&p, 0, sizeof p);
    p.name = fl__strndup(pkg->alloc, name, strlen(name));
    p.kind = kind;
    if (!p.name || FL_VEC_PUSH(pkg->alloc, &pkg->parts, p) < 0) {
        fl__free(pkg->alloc, p.name);
        return FL_ENOMEM;
    }
    return FL_OK;
}

static int read_text_part(fl_pkg_builder *b, fl_zip *z, const styles *st, const char *name,
                          fl_part_kind kind, fl_error *err)
{
    fl_package *pkg = b->pkg;
    if (add_part(pkg, name, kind) < 0)
        return fl__error_nomem(err);
    docx d;
    memset(&d, 0, sizeof d);
    d.b = b;
    d.z = z;
    d.st = st;
    d.kind = kind;
    d.part = (uint32_t)(pkg->parts.len - 1);
    d.t = (fl_buf)FL_BUF_INIT(pkg->alloc);
    fl_xml_handler h = {on_start, on_end, on_text, &d};
    int utf8 = 1;
    int error = fl__xml_parse(z, name, &h, &utf8, err);
    fl_pkg_part *part = &pkg->parts.ptr[d.part];
    snprintf(part->prefix, sizeof part->prefix, "%s", d.prefix);
    part->writable = utf8 && d.prefix[0] && !d.prefix_mixed;
    fl__buf_free(&d.t);
    while (error == 0 && d.nlv) { /* cannot happen in well-formed XML */
        fl__pkg_para_end(b);
        d.nlv--;
    }
    return error;
}

/* --- the package --------------------------------------------------------------- */

static const struct {
    const char *type;
    fl_part_kind kind;
} text_parts[] = {
    {"footnotes", FL_PART_FOOTNOTE}, {"endnotes", FL_PART_ENDNOTE},
    {"header", FL_PART_HEADER}, {"footer", FL_PART_FOOTER},
};

/* The main part: where _rels/.rels points, or where every producer puts it. */
static const char *main_part(const rels *root)
{
    for (size_t i = 0; i < root->items.len; i++) {
        if (!strcmp(root->items.ptr[i].type, "officeDocument"))
            return root->items.ptr[i].target[0] == '/' ? root->items.ptr[i].target + 1
                                                        : root->items.ptr[i].target;
    }
    return "word/document.xml";
}

/* The .rels part that belongs to `part`: "word/_rels/document.xml.rels". */
static char *rels_name(fl_arena *ar, const char *part, char **dir)
{
    const char *slash = strrchr(part, '/');
    size_t d = slash ? (size_t)(slash - part) + 1 : 0;
    *dir = fl__arena_strndup(ar, part, d);
    size_t n = strlen(part) + 12;
    char *s = fl__arena_alloc(ar, n);
    if (s && *dir)
        snprintf(s, n, "%s_rels/%s.rels", *dir, part + d);
    return *dir ? s : NULL;
}

static int read_related(fl_pkg_builder *b, fl_zip *z, const styles *st, const rels *mr,
                        const char *dir, fl_arena *ar, fl_error *err)
{
    int error = 0;
    for (size_t k = 0; k < sizeof text_parts / sizeof *text_parts && error == 0; k++) {
        for (size_t i = 0; i < mr->items.len && error == 0; i++) {
            if (strcmp(mr->items.ptr[i].type, text_parts[k].type))
                continue;
            char *name = resolve(ar, dir, mr->items.ptr[i].target);
            if (!name)
                return fl__error_nomem(err);
            if (fl__zip_has(z, name))
                error = read_text_part(b, z, st, name, text_parts[k].kind, err);
        }
    }
    return error;
}

int fl__docx_read(fl_pkg_builder *b, fl_zip *z, const char *path, fl_error *err)
{
    const fl_allocator *a = b->pkg->alloc;
    fl_arena ar = FL_ARENA_INIT(a);
    rels root = {&ar, {NULL, 0, 0}, a, z}, mr = {&ar, {NULL, 0, 0}, a, z};
    char language[16] = "";
    styles st = {&ar, a, z, {NULL, 0, 0}, 0, 0, 0, language};
    char *dir = NULL, *main_rels = NULL;
    int error = read_rels(&root, "_rels/.rels", err);
    const char *main = error == 0 ? main_part(&root) : NULL;
    if (error == 0 && !fl__zip_has(z, main))
        error = fl__error_set(err, FL_ESYNTAX, path, 0, 0, 0, "is not a Word document: "
                              "the zip has no %s", main);
    if (error == 0 && !(main_rels = rels_name(&ar, main, &dir)))
        error = fl__error_nomem(err);
    if (error == 0)
        error = read_rels(&mr, main_rels, err);
    for (size_t i = 0; error == 0 && i < mr.items.len; i++) {
        char *name = strcmp(mr.items.ptr[i].type, "styles") ? NULL
                     : resolve(&ar, dir, mr.items.ptr[i].target);
        if (name && fl__zip_has(z, name)) {
            fl_xml_handler h = {style_start, style_end, NULL, &st};
            error = fl__xml_parse(z, name, &h, NULL, err);
        }
    }
    if (error == 0)
        error = read_text_part(b, z, &st, main, FL_PART_BODY, err);
    if (error == 0)
        error = read_related(b, z, &st, &mr, dir, &ar, err);
    snprintf(b->pkg->language, sizeof b->pkg->language, "%s", language);
    FL_VEC_FREE(a, &root.items);
    FL_VEC_FREE(a, &mr.items);
    FL_VEC_FREE(a, &st.items);
    fl__arena_free(&ar);
    return error;
}

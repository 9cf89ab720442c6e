/*
 * markup_html: a tolerant, streaming HTML tokenizer (no DOM). It emits the
 * text a reader sees plus alt= and title= values, scoped by a bounded stack
 * of the open elements that matter. Never emits tags, comments, scripts,
 * styles or code; never recurses; never allocates.
 */
#include "markup.h"

#include <string.h>

enum { SKIP_NONE, SKIP_HEAD, SKIP_ALL }; /* how much of an element is hidden */
enum { RAW_NONE, RAW_DROP, RAW_TEXT, RAW_TITLE }; /* content is not markup */
enum { G_NONE, G_LI, G_CELL, G_ROW, G_HEADING, G_HEAD }; /* implicit closes */
enum {
    K_BLOCK = 1u << 0, /* starts a new block where it opens and closes */
    K_VOID = 1u << 1,  /* never has content */
    K_TRACK = 1u << 2  /* kept on the stack: it sets scope, hides, or holds */
};

typedef struct kind {
    const char *name;
    unsigned char flags, scope, skip, raw, group;
} kind;

#define Q FL_SCOPE_QUOTE
#define C FL_SCOPE_CAPTION
#define H FL_SCOPE_HEADING
#define L FL_SCOPE_LIST
#define T FL_SCOPE_TABLE
#define B K_BLOCK
#define V K_VOID
#define K K_TRACK
/* Sorted by name (strcmp). Elements not listed are inline. */
static const kind kinds[] = {
    {"address", B, 0, 0, 0, 0},           {"area", V, 0, 0, 0, 0},
    {"article", B, 0, 0, 0, 0},           {"aside", B, 0, 0, 0, 0},
    {"base", V, 0, 0, 0, 0},              {"blockquote", B | K, Q, 0, 0, 0},
    {"body", B, 0, 0, 0, 0},              {"br", B | V, 0, 0, 0, 0},
    {"caption", B | K, C, 0, 0, 0},       {"code", K, 0, SKIP_ALL, 0, 0},
    {"col", V, 0, 0, 0, 0},               {"dd", B, 0, 0, 0, 0},
    {"details", B, 0, 0, 0, 0},           {"div", B, 0, 0, 0, 0},
    {"dl", B, 0, 0, 0, 0},                {"dt", B, 0, 0, 0, 0},
    {"embed", V, 0, 0, 0, 0},             {"fieldset", B, 0, 0, 0, 0},
    {"figcaption", B | K, C, 0, 0, 0},    {"figure", B, 0, 0, 0, 0},
    {"footer", B, 0, 0, 0, 0},            {"form", B, 0, 0, 0, 0},
    {"h1", B | K, H, 0, 0, G_HEADING},    {"h2", B | K, H, 0, 0, G_HEADING},
    {"h3", B | K, H, 0, 0, G_HEADING},    {"h4", B | K, H, 0, 0, G_HEADING},
    {"h5", B | K, H, 0, 0, G_HEADING},    {"h6", B | K, H, 0, 0, G_HEADING},
    {"head", B | K, 0, SKIP_HEAD, 0, G_HEAD}, {"header", B, 0, 0, 0, 0},
    {"hr", B | V, 0, 0, 0, 0},            {"html", B, 0, 0, 0, 0},
    /* an iframe's content is fallback for old browsers, never shown */
    {"iframe", 0, 0, 0, RAW_DROP, 0},     {"img", V, 0, 0, 0, 0},
    {"input", V, 0, 0, 0, 0},             {"kbd", K, 0, SKIP_ALL, 0, 0},
    {"legend", B, 0, 0, 0, 0},            {"li", B | K, L, 0, 0, G_LI},
    {"link", V, 0, 0, 0, 0},              {"main", B, 0, 0, 0, 0},
    {"math", K, 0, SKIP_ALL, 0, 0},       {"meta", V, 0, 0, 0, 0},
    {"nav", B, 0, 0, 0, 0},               {"noscript", K, 0, SKIP_ALL, 0, 0},
    {"ol", B | K, 0, 0, 0, 0},            {"p", B, 0, 0, 0, 0},
    {"param", V, 0, 0, 0, 0},             {"pre", B | K, 0, SKIP_ALL, 0, 0},
    {"samp", K, 0, SKIP_ALL, 0, 0},       {"script", 0, 0, 0, RAW_DROP, 0},
    {"section", B, 0, 0, 0, 0},
    {"source", V, 0, 0, 0, 0},            {"style", 0, 0, 0, RAW_DROP, 0},
    {"summary", B, 0, 0, 0, 0},           {"svg", K, 0, SKIP_ALL, 0, 0},
    {"table", B | K, 0, 0, 0, 0},         {"tbody", B, 0, 0, 0, 0},
    {"td", B | K, T, 0, 0, G_CELL},       {"template", K, 0, SKIP_ALL, 0, 0},
    {"textarea", 0, 0, 0, RAW_TEXT, 0},   {"tfoot", B, 0, 0, 0, 0},
    {"th", B | K, T, 0, 0, G_CELL},       {"thead", B, 0, 0, 0, 0},
    {"title", B, 0, 0, RAW_TITLE, 0},     {"tr", B | K, 0, 0, 0, G_ROW},
    {"track", V, 0, 0, 0, 0},             {"ul", B | K, 0, 0, 0, 0},
    {"wbr", V, 0, 0, 0, 0},
};
#undef Q
#undef C
#undef H
#undef L
#undef T
#undef B
#undef V
#undef K

#define NKINDS (sizeof kinds / sizeof *kinds)
#define NOT_FOUND ((size_t)-1) /* what fl__markup_find returns */

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static int is_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static const kind *lookup(const char *name, size_t len)
{
    char low[12];
    if (len == 0 || len >= sizeof low)
        return NULL;
    for (size_t i = 0; i < len; i++)
        low[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] | 0x20 : name[i]);
    low[len] = '\0';
    size_t lo = 0, hi = NKINDS;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(low, kinds[mid].name);
        if (cmp == 0)
            return &kinds[mid];
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

int fl__markup_html_block_name(const char *name, size_t len)
{
    const kind *k = lookup(name, len);
    return k && (k->flags & K_BLOCK);
}

/* ---- tags ------------------------------------------------------------------ */

enum { A_ALT = 1, A_TITLE = 2, A_LANG = 4 };

typedef struct tag {
    size_t name, name_len, end; /* end: just past '>' */
    int closing, self_closing;
    unsigned found; /* A_* */
    size_t alt, alt_end, title, title_end, lang, lang_end;
} tag;

static void note_attr(const char *s, tag *t, size_t name, size_t name_end,
                      size_t val, size_t val_end)
{
    size_t n = name_end - name;
    if (n == 3 && fl__markup_ci_equal(s + name, "alt", 3) && !(t->found & A_ALT)) {
        t->found |= A_ALT;
        t->alt = val;
        t->alt_end = val_end;
    } else if (n == 5 && fl__markup_ci_equal(s + name, "title", 5) && !(t->found & A_TITLE)) {
        t->found |= A_TITLE;
        t->title = val;
        t->title_end = val_end;
    } else if (n == 4 && fl__markup_ci_equal(s + name, "lang", 4) && !(t->found & A_LANG)) {
        t->found |= A_LANG;
        t->lang = val;
        t->lang_end = val_end;
    }
}

static size_t skip_ws(const char *s, size_t i, size_t end)
{
    while (i < end && is_ws((unsigned char)s[i]))
        i++;
    return i;
}

/* One attribute at s[i], as browsers read it: any name, then optionally '='
 * and a quoted or unquoted value. Returns where the next one may start. */
static size_t scan_attr(const char *s, size_t i, size_t end, tag *t)
{
    size_t name = i++;
    while (i < end && !is_ws((unsigned char)s[i]) && s[i] != '/' && s[i] != '>' &&
           s[i] != '=')
        i++;
    size_t name_end = i, j = skip_ws(s, i, end);
    if (j >= end || s[j] != '=')
        return i;
    j = skip_ws(s, j + 1, end);
    if (j >= end)
        return end;
    size_t val = j, val_end;
    if (s[j] == '"' || s[j] == '\'') {
        const char *q = memchr(s + j + 1, s[j], end - j - 1);
        if (!q)
            return end;
        val = j + 1;
        val_end = (size_t)(q - s);
        i = val_end + 1;
    } else {
        while (j < end && !is_ws((unsigned char)s[j]) && s[j] != '>')
            j++;
        val_end = i = j;
    }
    note_attr(s, t, name, name_end, val, val_end);
    return i;
}

/* A start or end tag at s[lt] == '<'. Returns 0 if `end` comes before its
 * closing '>'. */
static int scan_tag(const char *s, size_t lt, size_t end, tag *t)
{
    size_t i = lt + 1;
    memset(t, 0, sizeof *t);
    if (i < end && s[i] == '/') {
        t->closing = 1;
        i++;
    }
    t->name = i;
    while (i < end && !is_ws((unsigned char)s[i]) && s[i] != '/' && s[i] != '>')
        i++;
    t->name_len = i - t->name;
    while (i < end) {
        if (s[i] == '>') {
            t->end = i + 1;
            return 1;
        }
        if (is_ws((unsigned char)s[i])) {
            i++;
        } else if (s[i] == '/') {
            t->self_closing = i + 1 < end && s[i + 1] == '>';
            i++;
        } else {
            i = scan_attr(s, i, end, t);
        }
    }
    return 0;
}

/* Where the end tag of raw-text element `name` (lower-case) starts, or
 * `end`. */
static size_t find_end_tag(const char *s, size_t from, size_t end, const char *name)
{
    size_t n = strlen(name);
    for (;;) {
        size_t lt = fl__markup_find(s, from, end, "</", 2);
        if (lt == NOT_FOUND)
            return end;
        size_t after = lt + 2 + n;
        if (after <= end && fl__markup_ci_equal(s + lt + 2, name, n) &&
            (after == end || is_ws((unsigned char)s[after]) || s[after] == '/' ||
             s[after] == '>'))
            return lt;
        from = lt + 2;
    }
}

/* Just past the '>' that closes the end tag at `lt`, or `end`. */
static size_t past_gt(const char *s, size_t lt, size_t end)
{
    const char *gt = lt < end ? memchr(s + lt, '>', end - lt) : NULL;
    return gt ? (size_t)(gt - s) + 1 : end;
}

/* ---- comments and other markup that is not a tag ------------------------------ */

enum { M_TEXT, M_COMMENT, M_CDATA, M_DECL, M_TAG };

static int classify(const char *s, size_t lt, size_t end)
{
    size_t n = end - lt;
    if (n < 2)
        return M_TEXT;
    unsigned char c = (unsigned char)s[lt + 1];
    if (is_alpha(c))
        return M_TAG;
    if (c == '/')
        return n > 2 && is_alpha((unsigned char)s[lt + 2]) ? M_TAG : M_DECL;
    if (c == '?')
        return M_DECL;
    if (c != '!')
        return M_TEXT;
    if (n >= 4 && s[lt + 2] == '-' && s[lt + 3] == '-')
        return M_COMMENT;
    if (n >= 9 && memcmp(s + lt + 2, "[CDATA[", 7) == 0)
        return M_CDATA;
    return M_DECL;
}

/* Just past a comment, CDATA section or declaration at `lt`, or 0 if `end`
 * comes first. For a comment, *body_end is where its closing "-->" starts. */
static size_t construct_end(const char *s, int m, size_t lt, size_t end,
                            size_t *body_end)
{
    size_t b = lt + 4, at;
    switch (m) {
    case M_COMMENT:
        /* "<!-->" and "<!--->" are whole (empty) comments to a browser. */
        if (b < end && s[b] == '>')
            return *body_end = b, b + 1;
        if (b + 1 < end && s[b] == '-' && s[b + 1] == '>')
            return *body_end = b, b + 2;
        at = fl__markup_find(s, b, end, "-->", 3);
        return at == NOT_FOUND ? 0 : (*body_end = at, at + 3);
    case M_CDATA:
        at = fl__markup_find(s, lt + 9, end, "]]>", 3);
        return at == NOT_FOUND ? 0 : at + 3;
    default:
        at = fl__markup_find(s, lt + 2, end, ">", 1);
        return at == NOT_FOUND ? 0 : at + 1;
    }
}

/* ---- the reader ----------------------------------------------------------- */

typedef struct elem {
    unsigned char kind, scope, skip;
} elem;

typedef struct html {
    fl_markup_out *out;
    const char *s;
    size_t end;
    unsigned base_scope;
    int need_block;  /* a block-level tag came since the last text */
    size_t depth;    /* elements on the stack */
    size_t overflow; /* tracked elements opened past FL_MARKUP_MAX_NESTING */
    elem stack[FL_MARKUP_MAX_NESTING];
    unsigned short open[NKINDS]; /* how many of each kind are on the stack */
} html;

static unsigned cur_scope(const html *h)
{
    return h->depth ? h->stack[h->depth - 1].scope : h->base_scope;
}

static unsigned cur_skip(const html *h)
{
    return h->depth ? h->stack[h->depth - 1].skip : SKIP_NONE;
}

static void push(html *h, const kind *k)
{
    if (h->depth == FL_MARKUP_MAX_NESTING) {
        h->overflow++;
        return;
    }
    unsigned scope = cur_scope(h), skip = cur_skip(h);
    /* Captions win over everything; otherwise the innermost element decides. */
    if (scope != FL_SCOPE_CAPTION && k->scope)
        scope = k->scope;
    if (k->skip > skip)
        skip = k->skip;
    elem e = {(unsigned char)(k - kinds), (unsigned char)scope, (unsigned char)skip};
    h->stack[h->depth++] = e;
    h->open[k - kinds]++;
}

static void pop(html *h)
{
    h->open[h->stack[--h->depth].kind]--;
}

/* An end tag closes the innermost open element of its kind and all opened
 * inside it; one with nothing to close is ignored. Past the limit, the
 * innermost elements are the untracked ones, so they close first. */
static void pop_to(html *h, const kind *k)
{
    size_t idx = (size_t)(k - kinds);
    if (h->overflow) {
        h->overflow--;
        return;
    }
    if (!h->open[idx])
        return;
    while (h->stack[h->depth - 1].kind != idx)
        pop(h);
    pop(h);
}

/* What browsers do unasked: a new <li> closes the open one, a cell the open
 * cell, a row the open cell and row, a heading the open heading, and any
 * block the <head>. Only the innermost element is considered. */
static int closes(const kind *k, const kind *top)
{
    switch (top->group) {
    case G_LI:
        return k->group == G_LI;
    case G_CELL:
        return k->group == G_CELL || k->group == G_ROW;
    case G_ROW:
        return k->group == G_ROW;
    case G_HEADING:
        return k->group == G_HEADING;
    case G_HEAD:
        return (k->flags & K_BLOCK) != 0;
    default:
        return 0;
    }
}

static void implicit_close(html *h, const kind *k)
{
    while (!h->overflow && h->depth && closes(k, &kinds[h->stack[h->depth - 1].kind]))
        pop(h);
}

static void flush_text(html *h, size_t a, size_t b)
{
    if (a >= b || cur_skip(h) != SKIP_NONE)
        return;
    unsigned scope = cur_scope(h);
    if (h->need_block || scope != h->out->block_scope) {
        fl__markup_block(h->out, scope);
        h->need_block = 0;
    }
    fl__markup_text(h->out, a, b);
}

static void report_captions(fl_markup_out *out, const tag *t)
{
    if (t->found & A_ALT)
        fl__markup_caption(out, t->alt, t->alt_end);
    if (t->found & A_TITLE)
        fl__markup_caption(out, t->title, t->title_end);
}

static void attr_captions(html *h, const tag *t)
{
    if (!(t->found & (A_ALT | A_TITLE)) || cur_skip(h) != SKIP_NONE)
        return;
    if (h->need_block) {
        fl__markup_block(h->out, cur_scope(h));
        h->need_block = 0;
    }
    report_captions(h->out, t);
}

/* The content of script, style, textarea and title is text, not markup. */
static size_t raw_element(html *h, const kind *k, size_t from)
{
    size_t stop = find_end_tag(h->s, from, h->end, k->name);
    if (k->raw == RAW_TEXT) {
        flush_text(h, from, stop);
    } else if (k->raw == RAW_TITLE && cur_skip(h) != SKIP_ALL) {
        fl__markup_block(h->out, FL_SCOPE_HEADING);
        fl__markup_text(h->out, from, stop);
        h->need_block = 1;
    }
    return past_gt(h->s, stop, h->end);
}

/* Inline markup a word may run through: not a block, not hiding content,
 * not an object of its own (an image, an input), except <wbr>, which only
 * says where the word may break. */
static int word_inside(const kind *k)
{
    if (!k)
        return 1;
    if (k->flags & K_VOID)
        return !strcmp(k->name, "wbr");
    return !(k->flags & K_BLOCK) && k->skip == SKIP_NONE && !k->raw;
}

static size_t open_tag(html *h, const tag *t, size_t lt)
{
    const kind *k = lookup(h->s + t->name, t->name_len);
    if (k && (k->flags & K_BLOCK))
        h->need_block = 1;
    attr_captions(h, t);
    if (word_inside(k) && !(t->found & (A_ALT | A_TITLE)))
        fl__markup_inline_gap(h->out, lt, t->end);
    if (!k || t->self_closing)
        return t->end;
    if (k->raw)
        return raw_element(h, k, t->end);
    implicit_close(h, k);
    if (k->flags & K_TRACK)
        push(h, k);
    return t->end;
}

static void close_tag(html *h, const tag *t, size_t lt)
{
    const kind *k = lookup(h->s + t->name, t->name_len);
    if (word_inside(k))
        fl__markup_inline_gap(h->out, lt, t->end);
    if (!k)
        return;
    if (k->flags & K_BLOCK)
        h->need_block = 1;
    if (k->flags & K_TRACK)
        pop_to(h, k);
}

/* Reads the markup at `lt`; returns where text resumes. Markup that `end`
 * cuts short hides the rest, as it does in a browser. */
static size_t markup(html *h, int m, size_t lt)
{
    size_t body_end = 0, e;
    tag t;
    if (m != M_TAG) {
        e = construct_end(h->s, m, lt, h->end, &body_end);
        if (!e && m == M_COMMENT)
            fl__markup_unclosed_comment(h->out, lt, h->end);
        if (!e)
            return h->end;
        if (m == M_COMMENT)
            fl__markup_comment(h->out, lt, e, lt + 4, body_end);
        return e;
    }
    if (!scan_tag(h->s, lt, h->end, &t))
        return h->end;
    if (t.closing) {
        close_tag(h, &t, lt);
        return t.end;
    }
    return open_tag(h, &t, lt);
}

void fl__markup_html_range(fl_markup_out *out, const char *data, size_t start,
                           size_t end, unsigned scope)
{
    html h;
    h.out = out;
    h.s = data;
    h.end = end;
    h.base_scope = scope;
    h.need_block = 1;
    h.depth = h.overflow = 0;
    memset(h.open, 0, sizeof h.open);
    size_t i = start, text = start;
    while (i < end && out->status == 0) {
        const char *lt = memchr(data + i, '<', end - i);
        if (!lt)
            break;
        i = (size_t)(lt - data);
        int m = classify(data, i, end);
        if (m == M_TEXT) {
            i++;
            continue;
        }
        flush_text(&h, text, i);
        i = text = markup(&h, m, i);
    }
    flush_text(&h, text, end);
}

size_t fl__markup_html_inline(fl_markup_out *out, const char *data, size_t lt,
                              size_t end)
{
    int m = classify(data, lt, end);
    size_t body_end = 0, e;
    tag t;
    if (m == M_TEXT)
        return 0;
    if (m != M_TAG) {
        e = construct_end(data, m, lt, end, &body_end);
        if (e && m == M_COMMENT)
            fl__markup_comment(out, lt, e, lt + 4, body_end);
        return e;
    }
    if (!scan_tag(data, lt, end, &t))
        return 0;
    if (t.closing)
        return t.end;
    report_captions(out, &t);
    const kind *k = lookup(data + t.name, t.name_len);
    if (!k || t.self_closing || (k->skip != SKIP_ALL && k->raw != RAW_DROP))
        return t.end;
    return past_gt(data, find_end_tag(data, t.end, end, k->name), end);
}

void fl__markup_html_lang(const char *data, size_t len, size_t *off,
                          size_t *val_len)
{
    size_t i = 0, body_end;
    tag t;
    *off = *val_len = 0;
    while (i < len) {
        const char *lt = memchr(data + i, '<', len - i);
        if (!lt)
            return;
        i = (size_t)(lt - data);
        int m = classify(data, i, len);
        if (m == M_TEXT) {
            i++;
        } else if (m != M_TAG) {
            if (!(i = construct_end(data, m, i, len, &body_end)))
                return;
        } else {
            if (!scan_tag(data, i, len, &t))
                return;
            if (!t.closing && (t.found & A_LANG)) {
                *off = t.lang;
                *val_len = t.lang_end - t.lang;
                return;
            }
            const kind *k = lookup(data + t.name, t.name_len);
            i = t.end;
            if (k && k->raw && !t.closing && !t.self_closing)
                i = past_gt(data, find_end_tag(data, i, len, k->name), len);
        }
    }
}

int fl__markup_html(const char *data, size_t len, const fl_markup_sink *sink,
                    const fl_allocator *a)
{
    fl_markup_out out;
    fl__markup_out_init(&out, data, sink, FL_SEG_ENTITIES, 0);
    (void)a; /* readers never allocate */
    fl__markup_html_range(&out, data, 0, len, FL_SCOPE_PROSE);
    return fl__markup_finish(&out);
}

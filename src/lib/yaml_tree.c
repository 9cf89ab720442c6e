/*
 * yaml_tree: libyaml events to a tree, with an explicit stack (never
 * recursion over the user's nesting) and no libyaml global settings.
 * libyaml returns 1 on success, the opposite of our convention.
 */
#include "yaml_tree.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "vec.h"

typedef FL_VEC(fl_ynode *) node_vec;

typedef struct builder {
    fl_arena *arena;
    const char *path;
    fl_error *err;
    node_vec stack[FL_YAML_MAX_DEPTH + 1]; /* children being collected */
    fl_ynode *open[FL_YAML_MAX_DEPTH + 1];  /* the collection each belongs to */
    size_t depth;
    size_t nodes;
    fl_ynode *root;
    const fl_allocator *alloc;
} builder;

static int fail(builder *b, int code, const yaml_mark_t *m, const char *what)
{
    return fl__error_set(b->err, code, b->path, (unsigned)m->line + 1,
                         (unsigned)m->column + 1, m->index, "%s", what);
}

static fl_ynode *new_node(builder *b, fl_ynode_kind kind, const yaml_mark_t *m)
{
    fl_ynode *n = fl__arena_alloc(b->arena, sizeof *n);
    if (!n)
        return NULL;
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->line = (unsigned)m->line + 1;
    n->column = (unsigned)m->column + 1;
    return n;
}

/* Hands a finished node to its parent collection, or makes it the root. */
static int attach(builder *b, fl_ynode *n)
{
    if (b->depth == 0) {
        b->root = n;
        return FL_OK;
    }
    if (FL_VEC_PUSH(b->alloc, &b->stack[b->depth], n) < 0)
        return fl__error_nomem(b->err);
    return FL_OK;
}

static int compare_keys(const void *x, const void *y)
{
    const fl_ynode *a = *(fl_ynode *const *)x, *b = *(fl_ynode *const *)y;
    int c = strcmp(a->str, b->str);
    return c ? c : (a->line > b->line) - (a->line < b->line);
}

/* Keys must be scalars and unique. Sorting a copy keeps a hostile mapping
 * with many keys at O(n log n). */
static int check_keys(builder *b, fl_ynode **kv, size_t pairs)
{
    if (pairs == 0)
        return FL_OK;
    fl_ynode **keys = fl__reallocarray(b->alloc, NULL, pairs, sizeof *keys);
    if (!keys)
        return fl__error_nomem(b->err);
    int error = 0;
    for (size_t i = 0; i < pairs && error == 0; i++) {
        keys[i] = kv[2 * i];
        if (keys[i]->kind != FL_YNODE_SCALAR)
            error = fl__error_set(b->err, FL_ESCHEMA, b->path, keys[i]->line,
                                  keys[i]->column, 0,
                                  "mapping keys must be plain words");
    }
    if (error == 0)
        qsort(keys, pairs, sizeof *keys, compare_keys);
    for (size_t i = 1; i < pairs && error == 0; i++) {
        if (!strcmp(keys[i - 1]->str, keys[i]->str))
            error = fl__error_set(b->err, FL_ESCHEMA, b->path, keys[i]->line,
                                  keys[i]->column, 0,
                                  "duplicate key '%s' (first at line %u)",
                                  keys[i]->str, keys[i - 1]->line);
    }
    fl__free(b->alloc, keys);
    return error;
}

static int close_collection(builder *b)
{
    fl_ynode *n = b->open[b->depth];
    node_vec *kids = &b->stack[b->depth];
    if (n->kind == FL_YNODE_MAP) {
        int error = check_keys(b, kids->ptr, kids->len / 2);
        if (error < 0)
            return error;
    }
    if (kids->len) {
        n->items = fl__arena_alloc(b->arena, kids->len * sizeof *n->items);
        if (!n->items)
            return fl__error_nomem(b->err);
        memcpy(n->items, kids->ptr, kids->len * sizeof *n->items);
    }
    n->count = n->kind == FL_YNODE_MAP ? kids->len / 2 : kids->len;
    kids->len = 0;
    b->depth--;
    return attach(b, n);
}

static int open_collection(builder *b, fl_ynode_kind kind, const yaml_event_t *ev)
{
    if (b->depth >= FL_YAML_MAX_DEPTH)
        return fail(b, FL_ELIMIT, &ev->start_mark,
                    "nesting deeper than 32 levels (limit FL_YAML_MAX_DEPTH)");
    fl_ynode *n = new_node(b, kind, &ev->start_mark);
    if (!n)
        return fl__error_nomem(b->err);
    b->depth++;
    b->open[b->depth] = n;
    b->stack[b->depth].len = 0;
    return FL_OK;
}

static int scalar(builder *b, const yaml_event_t *ev)
{
    fl_ynode *n = new_node(b, FL_YNODE_SCALAR, &ev->start_mark);
    if (!n)
        return fl__error_nomem(b->err);
    n->str = fl__arena_strndup(b->arena, (const char *)ev->data.scalar.value,
                               ev->data.scalar.length);
    if (!n->str)
        return fl__error_nomem(b->err);
    n->len = ev->data.scalar.length;
    n->quoted = ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
                ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    switch (ev->data.scalar.style) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: n->style = '\''; break;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: n->style = '"'; break;
    case YAML_LITERAL_SCALAR_STYLE: n->style = '|'; break;
    case YAML_FOLDED_SCALAR_STYLE: n->style = '>'; break;
    default: n->style = 0; break;
    }
    return attach(b, n);
}

static const yaml_char_t *anchor_of(const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_SCALAR_EVENT: return ev->data.scalar.anchor;
    case YAML_SEQUENCE_START_EVENT: return ev->data.sequence_start.anchor;
    case YAML_MAPPING_START_EVENT: return ev->data.mapping_start.anchor;
    default: return NULL;
    }
}

static const yaml_char_t *tag_of(const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        return ev->data.scalar.plain_implicit || ev->data.scalar.quoted_implicit
                   ? NULL : ev->data.scalar.tag;
    case YAML_SEQUENCE_START_EVENT:
        return ev->data.sequence_start.implicit ? NULL : ev->data.sequence_start.tag;
    case YAML_MAPPING_START_EVENT:
        return ev->data.mapping_start.implicit ? NULL : ev->data.mapping_start.tag;
    default:
        return NULL;
    }
}

/* Rule files are plain data: anything that makes YAML a language is out. */
static int refuse_features(builder *b, const yaml_event_t *ev, int *documents)
{
    if (ev->type == YAML_ALIAS_EVENT || anchor_of(ev))
        return fail(b, FL_ELIMIT, &ev->start_mark,
                    "anchors and aliases are not allowed in framelint files");
    if (tag_of(ev))
        return fail(b, FL_ESCHEMA, &ev->start_mark,
                    "YAML tags are not allowed in framelint files");
    if (ev->type == YAML_DOCUMENT_START_EVENT && ++*documents > 1)
        return fail(b, FL_ESCHEMA, &ev->start_mark,
                    "only one YAML document per file is allowed");
    if (++b->nodes > FL_YAML_MAX_NODES)
        return fail(b, FL_ELIMIT, &ev->start_mark,
                    "more than 1000000 nodes (limit FL_YAML_MAX_NODES)");
    return FL_OK;
}

static int handle(builder *b, const yaml_event_t *ev, int *documents)
{
    int error = refuse_features(b, ev, documents);
    if (error < 0)
        return error;
    switch (ev->type) {
    case YAML_SCALAR_EVENT: return scalar(b, ev);
    case YAML_SEQUENCE_START_EVENT: return open_collection(b, FL_YNODE_SEQ, ev);
    case YAML_MAPPING_START_EVENT: return open_collection(b, FL_YNODE_MAP, ev);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: return close_collection(b);
    default: return FL_OK;
    }
}

/* libyaml's wording, plus what usually causes it in a hand-written file. */
static const char *hint_for(const char *problem)
{
    if (!strcmp(problem, "mapping values are not allowed in this context"))
        return " (a value that contains ': ' must be quoted)";
    if (!strcmp(problem, "found character that cannot start any token"))
        return " (indent with spaces, not tabs; quote values that start with @ or `)";
    if (!strcmp(problem, "did not find expected key") ||
        !strcmp(problem, "did not find expected '-' indicator"))
        return " (check the indentation of this line against the one above)";
    return "";
}

/* libyaml's reader stops at bytes that are not UTF-8 and gives only a byte
 * offset, no mark; the line and column are counted here so the user is
 * sent to the right place like for every other error. */
static int encoding_error(builder *b, const yaml_parser_t *p, const char *data, size_t len)
{
    size_t offset = p->problem_offset < len ? p->problem_offset : len;
    unsigned line = 1, column = 1;
    for (size_t i = 0; i < offset; i++) {
        if (data[i] == '\n') {
            line++;
            column = 1;
        } else if (((unsigned char)data[i] & 0xC0) != 0x80) {
            column++;
        }
    }
    if (p->problem_value >= 0)
        return fl__error_set(b->err, FL_ESYNTAX, b->path, line, column, offset,
                             "%s (byte 0x%02X); save the file as UTF-8", p->problem,
                             (unsigned)p->problem_value);
    return fl__error_set(b->err, FL_ESYNTAX, b->path, line, column, offset,
                         "%s; save the file as UTF-8", p->problem);
}

static int syntax_error(builder *b, const yaml_parser_t *p, const char *data, size_t len)
{
    const char *problem = p->problem ? p->problem : "malformed YAML";
    const yaml_mark_t *m = &p->problem_mark;
    if (p->error == YAML_MEMORY_ERROR)
        return fl__error_nomem(b->err);
    if (p->error == YAML_READER_ERROR && p->problem)
        return encoding_error(b, p, data, len);
    return fl__error_set(b->err, FL_ESYNTAX, b->path, (unsigned)m->line + 1,
                         (unsigned)m->column + 1, m->index, "%s%s%s%s", problem,
                         p->context ? " " : "", p->context ? p->context : "",
                         hint_for(problem));
}

int fl__yaml_parse(fl_ynode **out, fl_arena *arena, const char *path,
                   const char *data, size_t len, fl_error *err)
{
    *out = NULL;
    if (len > FL_YAML_MAX_BYTES)
        return fl__error_set(err, FL_ELIMIT, path, 0, 0, 0,
                             "file is larger than 16 MiB (limit FL_YAML_MAX_BYTES)");
    builder b;
    memset(&b, 0, sizeof b);
    b.arena = arena;
    b.path = path;
    b.err = err;
    b.alloc = arena->alloc;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return fl__error_nomem(err);
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    int error = 0, documents = 0, done = 0;
    while (!done && error == 0) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            error = syntax_error(&b, &parser, data, len);
            break;
        }
        error = handle(&b, &ev, &documents);
        done = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    for (size_t i = 0; i <= FL_YAML_MAX_DEPTH; i++)
        FL_VEC_FREE(b.alloc, &b.stack[i]);
    if (error == 0)
        *out = b.root;
    return error;
}

const fl_ynode *fl__ynode_get(const fl_ynode *map, const char *key)
{
    if (!map || map->kind != FL_YNODE_MAP)
        return NULL;
    for (size_t i = 0; i < map->count; i++) {
        if (fl__ynode_key_is(map->items[2 * i]->str, key))
            return map->items[2 * i + 1];
    }
    return NULL;
}

/* --- frozen trees ------------------------------------------------------------- */

typedef struct thaw {
    fl_arena *arena;
    const unsigned char *p, *end;
    const char *path;
    fl_error *err;
    int nomem;
} thaw;

static int read_u32(thaw *t, size_t *out)
{
    if ((size_t)(t->end - t->p) < 4)
        return -1;
    *out = (size_t)t->p[0] | (size_t)t->p[1] << 8 | (size_t)t->p[2] << 16 |
           (size_t)t->p[3] << 24;
    t->p += 4;
    return 0;
}

/* Depth is bounded as for parsed YAML, so recursion is bounded too. */
static fl_ynode *thaw_node(thaw *t, size_t depth)
{
    size_t line, column, n;
    if (depth > FL_YAML_MAX_DEPTH || t->end - t->p < 4)
        return NULL;
    fl_ynode *node = fl__arena_alloc(t->arena, sizeof *node);
    if (!node) {
        t->nomem = 1;
        return NULL;
    }
    memset(node, 0, sizeof *node);
    node->kind = (fl_ynode_kind)t->p[0];
    node->style = (char)t->p[1];
    node->quoted = t->p[2];
    t->p += 4;
    if (read_u32(t, &line) < 0 || read_u32(t, &column) < 0 || read_u32(t, &n) < 0)
        return NULL;
    node->line = (unsigned)line;
    node->column = (unsigned)column;
    if (node->kind == FL_YNODE_SCALAR) {
        if ((size_t)(t->end - t->p) < n + 1 || t->p[n] != 0)
            return NULL;
        node->str = (const char *)t->p;
        node->len = n;
        t->p += n + 1;
        return node;
    }
    if (node->kind != FL_YNODE_SEQ && node->kind != FL_YNODE_MAP)
        return NULL;
    size_t items = node->kind == FL_YNODE_MAP ? 2 * n : n;
    /* Every node takes at least 16 bytes: a count larger than the rest of
     * the blob is corrupt, not an allocation to try. */
    if (items > (size_t)(t->end - t->p) / 16)
        return NULL;
    node->count = n;
    if (items) {
        node->items = fl__arena_alloc(t->arena, items * sizeof *node->items);
        if (!node->items) {
            t->nomem = 1;
            return NULL;
        }
        for (size_t i = 0; i < items; i++)
            if (!(node->items[i] = thaw_node(t, depth + 1)))
                return NULL;
    }
    return node;
}

int fl__yaml_thaw(fl_ynode **out, fl_arena *arena, const char *path,
                  const unsigned char *blob, size_t len, fl_error *err)
{
    *out = NULL;
    if (len == 0)
        return FL_OK;
    thaw t = {arena, blob, blob + len, path, err, 0};
    /* On failure what was built stays in the arena, freed with it. */
    fl_ynode *root = thaw_node(&t, 0);
    if (!root || t.p != t.end) {
        if (t.nomem)
            return fl__error_nomem(err);
        return fl__error_set(err, FL_ESYNTAX, path, 0, 0, 0,
                             "the built-in rules are damaged (a frozen tree cut short)");
    }
    *out = root;
    return FL_OK;
}

/*
 * yaml_tree: libyaml events to a tree, with an explicit stack (never
 * recursion over the user's nesting) and no libyaml global settings.
 * libyaml returns 1 on success, the opposite of our convention.
 */
#include "yaml_tree.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "buf.h"

/* The tree is written into one buffer as the events come: a sequence or
 * mapping gets its header when it opens, and its count and size when it
 * closes. Open collections are remembered by offset, since the buffer moves
 * as it grows. */
typedef struct builder {
    fl_buf out;
    const char *path;
    fl_error *err;
    size_t open[FL_YAML_MAX_DEPTH + 1]; /* offset of each open collection */
    size_t kids[FL_YAML_MAX_DEPTH + 1]; /* nodes it holds so far */
    size_t depth;
    size_t nodes;
    const fl_allocator *alloc;
} builder;

static int fail(builder *b, int code, const yaml_mark_t *m, const char *what)
{
    return fl__error_set(b->err, code, b->path, (unsigned)m->line + 1,
                         (unsigned)m->column + 1, m->index, "%s", what);
}

static fl_ynode *node_at(const builder *b, size_t offset)
{
    return (fl_ynode *)(void *)(b->out.ptr + offset);
}

static size_t padded(size_t n)
{
    return (n + 3) & ~(size_t)3;
}

/* Appends a header (and room for `extra` bytes after it, zeroed) at an
 * offset that stays a multiple of 4. */
static int new_node(builder *b, fl_ynode_kind kind, const yaml_mark_t *m, size_t extra,
                    size_t *offset)
{
    size_t need = sizeof(fl_ynode) + padded(extra);
    if (fl__buf_grow(&b->out, need) < 0)
        return fl__error_nomem(b->err);
    *offset = b->out.len;
    memset(b->out.ptr + b->out.len, 0, need);
    b->out.len += need;
    fl_ynode *n = node_at(b, *offset);
    n->kind = (uint8_t)kind;
    n->line = (uint32_t)m->line + 1;
    n->column = (uint32_t)m->column + 1;
    n->size = (uint32_t)need;
    return FL_OK;
}

static int compare_keys(const void *x, const void *y)
{
    const fl_ynode *a = *(const fl_ynode *const *)x, *b = *(const fl_ynode *const *)y;
    int c = strcmp(a->str, b->str);
    return c ? c : (a->line > b->line) - (a->line < b->line);
}

/* Keys must be scalars and unique. Sorting a copy keeps a hostile mapping
 * with many keys at O(n log n). */
static int check_keys(builder *b, const fl_ynode *map, size_t pairs)
{
    if (pairs == 0)
        return FL_OK;
    const fl_ynode **keys = fl__reallocarray(b->alloc, NULL, pairs, sizeof *keys);
    if (!keys)
        return fl__error_nomem(b->err);
    int error = 0;
    const fl_ynode *k = fl__ynode_first(map);
    for (size_t i = 0; i < pairs && error == 0; i++) {
        keys[i] = k;
        if (k->kind != FL_YNODE_SCALAR)
            error = fl__error_set(b->err, FL_ESCHEMA, b->path, k->line, k->column, 0,
                                  "mapping keys must be plain words");
        k = fl__ynode_next(fl__ynode_next(k));
    }
    if (error == 0)
        qsort(keys, pairs, sizeof *keys, compare_keys);
    for (size_t i = 1; i < pairs && error == 0; i++) {
        if (!strcmp(keys[i - 1]->str, keys[i]->str))
            error = fl__error_set(b->err, FL_ESCHEMA, b->path, keys[i]->line,
                                  keys[i]->column, 0,
                                  "duplicate key '%s' (first at line %u)",
                                  keys[i]->str, (unsigned)keys[i - 1]->line);
    }
    fl__free(b->alloc, keys);
    return error;
}

static int close_collection(builder *b)
{
    fl_ynode *n = node_at(b, b->open[b->depth]);
    size_t kids = b->kids[b->depth];
    n->count = (uint32_t)(n->kind == FL_YNODE_MAP ? kids / 2 : kids);
    n->size = (uint32_t)(b->out.len - b->open[b->depth]);
    if (n->kind == FL_YNODE_MAP) {
        int error = check_keys(b, n, kids / 2);
        if (error < 0)
            return error;
    }
    b->depth--;
    b->kids[b->depth]++;
    return FL_OK;
}

static int open_collection(builder *b, fl_ynode_kind kind, const yaml_event_t *ev)
{
    if (b->depth >= FL_YAML_MAX_DEPTH)
        return fail(b, FL_ELIMIT, &ev->start_mark,
                    "nesting deeper than 32 levels (limit FL_YAML_MAX_DEPTH)");
    size_t at = 0;
    int error = new_node(b, kind, &ev->start_mark, 0, &at);
    if (error < 0)
        return error;
    b->depth++;
    b->open[b->depth] = at;
    b->kids[b->depth] = 0;
    return FL_OK;
}

static int scalar(builder *b, const yaml_event_t *ev)
{
    size_t len = ev->data.scalar.length, at = 0;
    int error = new_node(b, FL_YNODE_SCALAR, &ev->start_mark, len + 1, &at);
    if (error < 0)
        return error;
    fl_ynode *n = node_at(b, at);
    if (len)
        memcpy(n->str, ev->data.scalar.value, len);
    n->len = (uint32_t)len;
    n->quoted = ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
                ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    switch (ev->data.scalar.style) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: n->style = '\''; break;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: n->style = '"'; break;
    case YAML_LITERAL_SCALAR_STYLE: n->style = '|'; break;
    case YAML_FOLDED_SCALAR_STYLE: n->style = '>'; break;
    default: n->style = 0; break;
    }
    b->kids[b->depth]++;
    return FL_OK;
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

int fl__yaml_parse(const fl_ynode **out, fl_arena *arena, const char *path,
                   const char *data, size_t len, fl_error *err)
{
    *out = NULL;
    if (len > FL_YAML_MAX_BYTES)
        return fl__error_set(err, FL_ELIMIT, path, 0, 0, 0,
                             "file is larger than 16 MiB (limit FL_YAML_MAX_BYTES)");
    builder b;
    memset(&b, 0, sizeof b);
    b.path = path;
    b.err = err;
    b.alloc = arena->alloc;
    b.out.alloc = arena->alloc;
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
    /* The tree moves into the arena, where it lives as long as any tree. */
    if (error == 0 && b.out.len) {
        void *tree = fl__arena_alloc(arena, b.out.len);
        if (tree) {
            memcpy(tree, b.out.ptr, b.out.len);
            *out = tree;
        } else {
            error = fl__error_nomem(err);
        }
    }
    fl__buf_free(&b.out);
    return error;
}

const fl_ynode *fl__ynode_get(const fl_ynode *map, const char *key)
{
    if (!map || map->kind != FL_YNODE_MAP)
        return NULL;
    const fl_ynode *k = fl__ynode_first(map);
    for (size_t i = 0; i < map->count; i++) {
        const fl_ynode *value = fl__ynode_next(k);
        if (fl__ynode_key_is(k->str, key))
            return value;
        k = fl__ynode_next(value);
    }
    return NULL;
}

const fl_ynode *fl__ynode_item(const fl_ynode *seq, size_t i)
{
    const fl_ynode *n = fl__ynode_first(seq);
    while (i--)
        n = fl__ynode_next(n);
    return n;
}

/* --- frozen trees ------------------------------------------------------------- */

/* The bytes of a node at `p`, with `room` bytes left in its parent, all
 * checked: 0 when they are not a node. Depth is bounded as for parsed
 * YAML, so recursion is bounded too. */
static size_t check_node(const unsigned char *p, size_t room, size_t depth)
{
    if (depth > FL_YAML_MAX_DEPTH || room < sizeof(fl_ynode))
        return 0;
    const fl_ynode *n = (const fl_ynode *)(const void *)p;
    size_t size = n->size;
    if (size < sizeof *n || size > room || size % 4)
        return 0;
    if (n->kind == FL_YNODE_SCALAR) {
        size_t len = n->len;
        if (n->count || len >= size - sizeof *n || size != sizeof *n + padded(len + 1) ||
            n->str[len] != '\0')
            return 0;
        return size;
    }
    if ((n->kind != FL_YNODE_SEQ && n->kind != FL_YNODE_MAP) || n->len)
        return 0;
    size_t want = n->kind == FL_YNODE_MAP ? 2 * (size_t)n->count : n->count;
    size_t at = sizeof *n, items = 0;
    while (at < size) {
        const unsigned char *item = p + at;
        if (n->kind == FL_YNODE_MAP && items % 2 == 0 && item[0] != FL_YNODE_SCALAR)
            return 0;
        size_t used = check_node(item, size - at, depth + 1);
        if (!used || ++items > want)
            return 0;
        at += used;
    }
    return items == want ? size : 0;
}

int fl__yaml_tree_check(const unsigned char *blob, size_t len)
{
    return (uintptr_t)blob % 4 == 0 && len && check_node(blob, len, 0) == len;
}

int fl__yaml_thaw(const fl_ynode **out, const char *path, const unsigned char *blob,
                  size_t len, fl_error *err)
{
    *out = NULL;
    if (len == 0)
        return FL_OK;
    const fl_ynode *root = (const fl_ynode *)(const void *)blob;
    if ((uintptr_t)blob % 4 || len < sizeof *root || root->size != len ||
        root->kind < FL_YNODE_SCALAR || root->kind > FL_YNODE_MAP)
        return fl__error_set(err, FL_ESYNTAX, path, 0, 0, 0,
                             "the built-in rules are damaged (a frozen tree that does not "
                             "add up); rebuild framelint");
    *out = root;
    return FL_OK;
}

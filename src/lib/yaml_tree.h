/*
 * yaml_tree: reads a YAML file (rules or config) into a small tree of
 * scalars, sequences and mappings that remembers each node's line and column,
 * so schema errors can say `file:line:column: …`. Rule files are data, not
 * programs: anchors, aliases, tags and multiple documents are refused, and
 * nesting, size and node count are bounded.
 */
#ifndef FL_YAML_TREE_H
#define FL_YAML_TREE_H

#include <stddef.h>
#include <string.h>

#include "arena.h"
#include "error.h"

typedef enum fl_ynode_kind {
    FL_YNODE_SCALAR = 1,
    FL_YNODE_SEQ = 2,
    FL_YNODE_MAP = 3
} fl_ynode_kind;

typedef struct fl_ynode fl_ynode;

struct fl_ynode {
    fl_ynode_kind kind;
    unsigned line, column; /* 1-based, in characters (libyaml marks + 1) */
    const char *str;       /* scalars: NUL-terminated value */
    size_t len;
    int quoted;            /* scalars: written in quotes */
    char style;            /* scalars: 0 plain, '\'' or '"' quoted, '|' or '>' block */
    fl_ynode **items;      /* seq: items; map: key, value, key, value, … */
    size_t count;          /* seq: items; map: pairs */
};

/* Limits, each named in the error it causes. */
#define FL_YAML_MAX_BYTES ((size_t)16 << 20)
#define FL_YAML_MAX_DEPTH 32
#define FL_YAML_MAX_NODES 1000000

/**
 * Parses `len` bytes of `data` into a tree allocated in `arena` (freed with
 * it). An empty document gives *out == NULL. Fails with FL_ESYNTAX (libyaml's
 * problem and position), FL_ELIMIT (size, depth, node count, anchors and
 * aliases), FL_ESCHEMA (a tag, a non-scalar or duplicate key), FL_ENOMEM;
 * `err` names `path` (borrowed).
 */
int fl__yaml_parse(fl_ynode **out, fl_arena *arena, const char *path,
                   const char *data, size_t len, fl_error *err);

/*
 * A parsed tree can be frozen into bytes at build time (tools/freeze_rules.c)
 * and thawed at run time without libyaml: the shipped rules then cost no
 * parsing when the command starts. The format, every number a little-endian
 * u32 after the first four bytes of a node, nodes in document order:
 *
 *   kind, style, quoted, 0 (one byte each), line, column,
 *   then for a scalar: length, the bytes, a NUL;
 *   for a sequence: item count, the items; for a mapping: pair count, then
 *   key, value, key, value, ...
 */

/**
 * Builds the tree frozen in `len` bytes of `blob` in `arena`; scalars point
 * into `blob`, which must outlive the tree. Fails with FL_ESYNTAX when the
 * bytes are not a frozen tree (cut short, too deep), FL_ENOMEM.
 */
int fl__yaml_thaw(fl_ynode **out, fl_arena *arena, const char *path,
                  const unsigned char *blob, size_t len, fl_error *err);

/** Do two keys read the same? Their first bytes decide most comparisons,
 *  without a call: loading a rule file asks for hundreds of keys. */
static inline int fl__ynode_key_is(const char *a, const char *b)
{
    return a[0] == b[0] && !strcmp(a, b);
}

/** The value under `key` in a mapping, or NULL. */
const fl_ynode *fl__ynode_get(const fl_ynode *map, const char *key);

#endif

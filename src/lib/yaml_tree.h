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
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "error.h"

typedef enum fl_ynode_kind {
    FL_YNODE_SCALAR = 1,
    FL_YNODE_SEQ = 2,
    FL_YNODE_MAP = 3
} fl_ynode_kind;

typedef struct fl_ynode fl_ynode;

/*
 * A tree is one block of bytes, nodes in document order, each node its
 * header followed by what it holds: a scalar its value (NUL-terminated,
 * padded to 4 bytes), a sequence its items, a mapping key, value, key,
 * value, ... A node's `size` covers everything in it, so the next sibling
 * is `size` bytes on. The block has no pointers: the same bytes are what
 * fl__yaml_parse makes from a file now and what tools/freeze_rules.c froze
 * into the program at build time, which the built-in rules then read in
 * place. Building a tree of pointers out of the frozen bytes was a third
 * of starting the command (the allocations and the pages they touched).
 */
struct fl_ynode {
    uint8_t kind;      /* fl_ynode_kind */
    char style;        /* scalars: 0 plain, '\'' or '"' quoted, '|' or '>' block */
    uint8_t quoted;    /* scalars: written in quotes */
    uint8_t unused;
    uint32_t line, column; /* 1-based, in characters (libyaml marks + 1) */
    uint32_t count;    /* seq: items; map: pairs; scalar: 0 */
    uint32_t len;      /* scalar: bytes of str, without the NUL */
    uint32_t size;     /* bytes of the node and all it holds, a multiple of 4 */
    char str[];        /* scalar: the value; seq and map: the first item */
};

/** The first item of a sequence, or key of a mapping (count > 0). */
static inline const fl_ynode *fl__ynode_first(const fl_ynode *n)
{
    return (const fl_ynode *)(const void *)n->str;
}

/** The node after `n` in its sequence or mapping. */
static inline const fl_ynode *fl__ynode_next(const fl_ynode *n)
{
    return (const fl_ynode *)(const void *)((const char *)n + n->size);
}

/** Item `i` of a sequence (i < count): a walk over the ones before it. */
const fl_ynode *fl__ynode_item(const fl_ynode *seq, size_t i);

/* Limits, each named in the error it causes. */
#define FL_YAML_MAX_BYTES ((size_t)16 << 20)
#define FL_YAML_MAX_DEPTH 32
#define FL_YAML_MAX_NODES 1000000

/**
 * Parses `len` bytes of `data` into a tree allocated in `arena` (freed with
 * it; fl__ynode_bytes(*out) long). An empty document gives *out == NULL. Fails with FL_ESYNTAX (libyaml's
 * problem and position), FL_ELIMIT (size, depth, node count, anchors and
 * aliases), FL_ESCHEMA (a tag, a non-scalar or duplicate key), FL_ENOMEM;
 * `err` names `path` (borrowed).
 */
int fl__yaml_parse(const fl_ynode **out, fl_arena *arena, const char *path,
                   const char *data, size_t len, fl_error *err);

/** The bytes of a tree: what tools/freeze_rules.c writes into the program. */
static inline size_t fl__ynode_bytes(const fl_ynode *root)
{
    return root ? root->size : 0;
}

/**
 * Whether `len` bytes of `blob` (4-byte aligned, in this machine's byte
 * order) are one whole tree: nothing cut short, sizes and counts that add
 * up, every scalar NUL-terminated, every mapping key a scalar, no deeper
 * than FL_YAML_MAX_DEPTH. tools/freeze_rules.c refuses to write a tree
 * into the program that fails it, and unit.ruleset checks the program's
 * trees again: they are then part of the program, like its code, and a run
 * does not walk them again (that walk was 7% of start-up).
 */
int fl__yaml_tree_check(const unsigned char *blob, size_t len);

/**
 * The tree frozen in `len` bytes of `blob`, one that passed
 * fl__yaml_tree_check when it was built, used in place: *out points into
 * `blob`, which must outlive it. Only the root is looked at (its kind, and
 * a size that is `len`): FL_ESYNTAX, "rebuild framelint", when it does not
 * match, as when a program was linked with another build's rules.
 */
int fl__yaml_thaw(const fl_ynode **out, const char *path, const unsigned char *blob,
                  size_t len, fl_error *err);

/** Do two keys read the same? Their first bytes decide most comparisons,
 *  without a call: loading a rule file asks for hundreds of keys. */
static inline int fl__ynode_key_is(const char *a, const char *b)
{
    return a[0] == b[0] && !strcmp(a, b);
}

/** The value under `key` in a mapping, or NULL. */
const fl_ynode *fl__ynode_get(const fl_ynode *map, const char *key);

#endif

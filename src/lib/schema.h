/*
 * schema: validation helpers shared by the rule-file and config loaders. Each
 * check reports at the offending node's own line and column, names the key
 * and says what was expected, so a writer can fix the file from the message
 * alone.
 */
#ifndef FL_SCHEMA_H
#define FL_SCHEMA_H

#include "ruleset.h"
#include "yaml_tree.h"

typedef struct fl_schema {
    const char *path;
    fl_error *err;
    fl_arena *arena; /* where values that outlive the tree are copied */
    int keep;        /* the tree's scalars outlive the values (a tree frozen
                        into the program): they are used in place */
} fl_schema;

/** Fails with FL_ESCHEMA at node `n`. */
int fl__schema_fail(const fl_schema *s, const fl_ynode *n, const char *fmt, ...)
    FL_PRINTF(3, 4);

/** `n` must be a mapping whose keys are all in `allowed` (NULL-terminated);
 *  an unknown key is reported with the closest allowed one. */
int fl__schema_keys(const fl_schema *s, const fl_ynode *n, const char *what,
                    const char *const *allowed);

/** The value of a required key, or FL_ESCHEMA naming `what` and the key. */
int fl__schema_required(const fl_schema *s, const fl_ynode *map,
                        const char *what, const char *key, const fl_ynode **out);

/** A non-empty scalar, copied into the schema's arena (the tree is
 *  temporary), or the scalar itself when `keep` says it lasts. */
int fl__schema_string(const fl_schema *s, const fl_ynode *n, const char *key,
                      const char **out);

/** Prose for a reader (messages, explanations): like fl__schema_string,
 *  without the trailing newline a folded scalar (`>`) ends in, so every
 *  consumer lays the text out the same way. Blank text is an error. */
int fl__schema_text(const fl_schema *s, const fl_ynode *n, const char *key,
                    const char **out);

/** A scalar or a sequence of scalars, each non-empty. */
int fl__schema_strlist(const fl_schema *s, const fl_ynode *n, const char *key,
                       fl_strlist *out);

/** A whole number in [min, max]. */
int fl__schema_uint(const fl_schema *s, const fl_ynode *n, const char *key,
                    unsigned min, unsigned max, unsigned *out);

/** One of `names` (NULL-terminated); *out receives its index. */
int fl__schema_enum(const fl_schema *s, const fl_ynode *n, const char *key,
                    const char *const *names, int *out);

/** Edit distance between two short strings (64 or more: "far apart"). */
size_t fl__edit_distance(const char *a, const char *b);

/** A lower-case identifier: [a-z0-9] then [a-z0-9-], at most 64 bytes. */
int fl__schema_ident(const fl_schema *s, const fl_ynode *n, const char *key,
                     const char **out);

#endif

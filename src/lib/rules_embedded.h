/*
 * rules_embedded: the project's rules/ folder, compiled into the library by
 * tools/freeze_rules.c so that a bare binary has its default ruleset. Each
 * file is there as written (for tools that want the YAML) and as its parsed
 * tree, frozen (yaml_tree.h), which is what the library loads.
 */
#ifndef FL_RULES_EMBEDDED_H
#define FL_RULES_EMBEDDED_H

#include <stddef.h>

typedef struct fl_embedded_file {
    const char *name; /* "rules/en/terminology.yml" */
    const char *data; /* not NUL-terminated; `len` bytes */
    size_t len;
    const unsigned char *frozen; /* the parsed tree, `frozen_len` bytes */
    size_t frozen_len;
} fl_embedded_file;

/* Terminated by an entry whose name is NULL. */
extern const fl_embedded_file fl__embedded_rules[];
extern const size_t fl__embedded_rules_count;

#endif

/*
 * rules_embedded: the project's rules/ folder, compiled into the library by
 * cmake/embed_rules.cmake so that a bare binary has its default ruleset.
 */
#ifndef FL_RULES_EMBEDDED_H
#define FL_RULES_EMBEDDED_H

#include <stddef.h>

typedef struct fl_embedded_file {
    const char *name; /* "rules/en/terminology.yml" */
    const char *data; /* not NUL-terminated; `len` bytes */
    size_t len;
} fl_embedded_file;

/* Terminated by an entry whose name is NULL. */
extern const fl_embedded_file fl__embedded_rules[];
extern const size_t fl__embedded_rules_count;

#endif

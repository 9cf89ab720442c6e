/*
 * arena: a bump allocator for things that live and die together (a ruleset's
 * strings, a lint run's messages). Freed in one call; individual frees do not
 * exist.
 */
#ifndef FL_ARENA_H
#define FL_ARENA_H

#include <stddef.h>

#include "alloc.h"

typedef struct fl_arena_chunk fl_arena_chunk;

typedef struct fl_arena {
    const fl_allocator *alloc;
    fl_arena_chunk *head;
} fl_arena;

#define FL_ARENA_INIT(a) {(a), NULL}

/** `size` bytes aligned for any type; NULL on failure. */
void *fl__arena_alloc(fl_arena *ar, size_t size);
/** A NUL-terminated copy of `len` bytes; NULL on failure. */
char *fl__arena_strndup(fl_arena *ar, const char *s, size_t len);
char *fl__arena_strdup(fl_arena *ar, const char *s);
void fl__arena_free(fl_arena *ar);

#endif

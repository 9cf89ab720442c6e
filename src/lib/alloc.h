/*
 * alloc: every allocation in the library goes through these wrappers, so a
 * caller's fl_allocator (or a failing one in tests) sees all of them.
 * Sizes are checked for overflow here, once, instead of at each call site.
 */
#ifndef FL_ALLOC_H
#define FL_ALLOC_H

#include <stddef.h>

#include "framelint/framelint.h"

/** The C library allocator, used when a caller passes NULL. */
const fl_allocator *fl__default_allocator(void);

/** Returns `a`, or the default allocator when `a` is NULL. */
const fl_allocator *fl__allocator_or_default(const fl_allocator *a);

void *fl__malloc(const fl_allocator *a, size_t size);
/** Zeroed array of n * size bytes; NULL on overflow or failure. */
void *fl__calloc(const fl_allocator *a, size_t n, size_t size);
/** Resize to n * size bytes; NULL on overflow or failure (ptr untouched). */
void *fl__reallocarray(const fl_allocator *a, void *ptr, size_t n, size_t size);
void fl__free(const fl_allocator *a, void *ptr);

/** Copies `len` bytes of `s` and adds a NUL. NULL on failure. */
char *fl__strndup(const fl_allocator *a, const char *s, size_t len);

#endif

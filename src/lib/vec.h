/*
 * vec: typed growable arrays built on one untyped grow function.
 *
 *     FL_VEC(fl_token) toks = {0};
 *     if (FL_VEC_PUSH(alloc, &toks, tok) < 0) ...;
 *     FL_VEC_FREE(alloc, &toks);
 */
#ifndef FL_VEC_H
#define FL_VEC_H

#include <stddef.h>

#include "alloc.h"

#define FL_VEC(type)                                                           \
    struct {                                                                   \
        type *ptr;                                                             \
        size_t len;                                                            \
        size_t cap;                                                            \
    }

/** Makes room for `need` elements of `elem` bytes. FL_ENOMEM on failure. */
int fl__vec_reserve(const fl_allocator *a, void **ptr, size_t *cap,
                    size_t need, size_t elem);

/* The capacity check is inline: pushing onto a vector is on hot paths. */
#define FL_VEC_RESERVE(a, v, n)                                                \
    ((n) <= (v)->cap ? 0                                                       \
                     : fl__vec_reserve((a), (void **)&(v)->ptr, &(v)->cap, (n), \
                                       sizeof *(v)->ptr))

/* Evaluates to 0 or FL_ENOMEM. `val` is evaluated once, after growing. */
#define FL_VEC_PUSH(a, v, val)                                                 \
    (FL_VEC_RESERVE((a), (v), (v)->len + 1) < 0                                \
         ? FL_ENOMEM                                                           \
         : ((v)->ptr[(v)->len++] = (val), 0))

#define FL_VEC_FREE(a, v)                                                      \
    do {                                                                       \
        fl__free((a), (v)->ptr);                                               \
        (v)->ptr = NULL;                                                       \
        (v)->len = (v)->cap = 0;                                               \
    } while (0)

#endif

/*
 * strmap: a hash map from NUL-terminated strings to pointers (open
 * addressing, linear probing, at most half full), so that looking a name up
 * costs the same however many there are. Keys are borrowed: they must live
 * as long as the map. There is no removal; fl__strmap_clear empties it.
 */
#ifndef FL_STRMAP_H
#define FL_STRMAP_H

#include <stddef.h>

#include "alloc.h"

typedef struct fl_strmap_slot fl_strmap_slot;

typedef struct fl_strmap {
    const fl_allocator *alloc;
    fl_strmap_slot *slots; /* NULL until the first put */
    size_t mask;
    size_t len;
} fl_strmap;

#define FL_STRMAP_INIT(a) {(a), NULL, 0, 0}

/** Maps `key` (borrowed) to `value` (not NULL), replacing what it mapped
 *  to. FL_ENOMEM on failure, with the map unchanged. */
int fl__strmap_put(fl_strmap *m, const char *key, void *value);

/** What `key` maps to, or NULL. Read-only: safe from many threads. */
void *fl__strmap_get(const fl_strmap *m, const char *key);

/** Forgets every key, keeping the memory. */
void fl__strmap_clear(fl_strmap *m);

/** Gives the memory back; the map can be reused afterwards. */
void fl__strmap_free(fl_strmap *m);

#endif

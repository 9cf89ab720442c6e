/*
 * arena: chunked bump allocation; chunks grow geometrically so a ruleset with
 * thousands of strings makes only a few calls to the allocator.
 */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <string.h>

struct fl_arena_chunk {
    fl_arena_chunk *next;
    size_t used;
    size_t cap;
    alignas(max_align_t) unsigned char data[];
};

void *fl__arena_alloc(fl_arena *ar, size_t size)
{
    const size_t align = alignof(max_align_t);
    if (size > SIZE_MAX - align)
        return NULL;
    size = (size + align - 1) & ~(align - 1);
    fl_arena_chunk *c = ar->head;
    if (!c || c->cap - c->used < size) {
        size_t cap = c ? c->cap * 2 : 4096;
        if (cap > ((size_t)1 << 24))
            cap = (size_t)1 << 24;
        if (cap < size)
            cap = size;
        if (cap > SIZE_MAX - sizeof *c)
            return NULL;
        fl_arena_chunk *n = fl__malloc(ar->alloc, sizeof *n + cap);
        if (!n)
            return NULL;
        n->next = c;
        n->used = 0;
        n->cap = cap;
        ar->head = c = n;
    }
    void *p = c->data + c->used;
    c->used += size;
    return p;
}

char *fl__arena_strndup(fl_arena *ar, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return NULL;
    char *p = fl__arena_alloc(ar, len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *fl__arena_strdup(fl_arena *ar, const char *s)
{
    return fl__arena_strndup(ar, s, strlen(s));
}

void fl__arena_free(fl_arena *ar)
{
    fl_arena_chunk *c = ar->head;
    while (c) {
        fl_arena_chunk *next = c->next;
        fl__free(ar->alloc, c);
        c = next;
    }
    ar->head = NULL;
}

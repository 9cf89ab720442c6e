/*
 * alloc: thin wrappers over the caller's allocator, with overflow checks.
 * Never aborts: a failed allocation is reported as NULL to the caller.
 */
#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void *libc_malloc(void *payload, size_t size)
{
    (void)payload;
    return malloc(size ? size : 1);
}

static void *libc_realloc(void *payload, void *ptr, size_t size)
{
    (void)payload;
    return realloc(ptr, size ? size : 1);
}

static void libc_free(void *payload, void *ptr)
{
    (void)payload;
    free(ptr);
}

static const fl_allocator libc_allocator = {libc_malloc, libc_realloc,
                                            libc_free, NULL};

const fl_allocator *fl__default_allocator(void)
{
    return &libc_allocator;
}

const fl_allocator *fl__allocator_or_default(const fl_allocator *a)
{
    return a ? a : &libc_allocator;
}

void *fl__malloc(const fl_allocator *a, size_t size)
{
    return a->malloc(a->payload, size);
}

void *fl__calloc(const fl_allocator *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *p = a->malloc(a->payload, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void *fl__reallocarray(const fl_allocator *a, void *ptr, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return a->realloc(a->payload, ptr, n * size);
}

void fl__free(const fl_allocator *a, void *ptr)
{
    if (ptr)
        a->free(a->payload, ptr);
}

char *fl__strndup(const fl_allocator *a, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return NULL;
    char *p = a->malloc(a->payload, len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

/*
 * Shared test helpers (see helpers.h).
 */
#include "helpers.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each block carries its size in front so realloc can keep the count right. */
static void *fa_malloc(void *payload, size_t size)
{
    fail_alloc *fa = payload;
    fa->calls++;
    if (fa->fail_at && fa->calls == fa->fail_at) {
        fa->failed = 1;
        return NULL;
    }
    void *p = malloc(size ? size : 1);
    if (p)
        fa->live++;
    return p;
}

static void *fa_realloc(void *payload, void *ptr, size_t size)
{
    fail_alloc *fa = payload;
    fa->calls++;
    if (fa->fail_at && fa->calls == fa->fail_at) {
        fa->failed = 1;
        return NULL;
    }
    void *p = realloc(ptr, size ? size : 1);
    if (p && !ptr)
        fa->live++;
    return p;
}

static void fa_free(void *payload, void *ptr)
{
    fail_alloc *fa = payload;
    if (ptr)
        fa->live--;
    free(ptr);
}

void fail_alloc_init(fail_alloc *fa, size_t fail_at)
{
    memset(fa, 0, sizeof *fa);
    fa->base.malloc = fa_malloc;
    fa->base.realloc = fa_realloc;
    fa->base.free = fa_free;
    fa->base.payload = fa;
    fa->fail_at = fail_at;
}

/* A header in front of each block: its size, so free knows how much to
 * overwrite, and the link of the held-back list. */
typedef union scribble_header {
    struct {
        size_t size;
        void *next;
    } h;
    max_align_t align;
} scribble_header;

static void *sc_malloc(void *payload, size_t size)
{
    (void)payload;
    scribble_header *h = malloc(sizeof *h + size);
    if (!h)
        return NULL;
    h->h.size = size;
    h->h.next = NULL;
    return h + 1;
}

static void sc_free(void *payload, void *ptr)
{
    scribble_alloc *sa = payload;
    if (!ptr)
        return;
    scribble_header *h = (scribble_header *)ptr - 1;
    memset(ptr, 0xA5, h->h.size);
    h->h.next = sa->freed;
    sa->freed = h;
}

static void *sc_realloc(void *payload, void *ptr, size_t size)
{
    void *p = sc_malloc(payload, size);
    if (p && ptr) {
        size_t old = ((scribble_header *)ptr - 1)->h.size;
        memcpy(p, ptr, old < size ? old : size);
        sc_free(payload, ptr);
    }
    return p;
}

void scribble_alloc_init(scribble_alloc *sa)
{
    sa->base.malloc = sc_malloc;
    sa->base.realloc = sc_realloc;
    sa->base.free = sc_free;
    sa->base.payload = sa;
    sa->freed = NULL;
}

void scribble_alloc_release(scribble_alloc *sa)
{
    while (sa->freed) {
        scribble_header *h = sa->freed;
        sa->freed = h->h.next;
        free(h);
    }
}

char *read_test_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        if (len)
            *len = n;
    }
    return buf;
}

/*
 * Shared test helpers (see helpers.h).
 */
#include "helpers.h"

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

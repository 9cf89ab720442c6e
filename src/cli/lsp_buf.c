/*
 * lsp_buf: append-only buffer; capacity doubles so appends are amortised
 * constant time whatever the pieces' sizes.
 */
#include "lsp_buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "framelint/framelint.h"

void *lsp_grow(void *ptr, size_t *cap, size_t want, size_t size)
{
    if (ptr && want <= *cap)
        return ptr;
    size_t n = *cap ? *cap : 16;
    while (n < want)
        n *= 2;
    void *grown = n <= SIZE_MAX / size ? realloc(ptr, n * size) : NULL;
    if (grown)
        *cap = n;
    return grown;
}

int lsp_buf_put(lsp_buf *b, const char *data, size_t len)
{
    char *grown = lsp_grow(b->data, &b->cap, b->len + len + 1, 1);
    if (!grown)
        return -1;
    b->data = grown;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int lsp_buf_puts(lsp_buf *b, const char *s)
{
    return lsp_buf_put(b, s, strlen(s));
}

int lsp_buf_sink(void *payload, const char *data, size_t len)
{
    return lsp_buf_put(payload, data, len) == 0 ? FL_OK : FL_ENOMEM;
}

int lsp_buf_dump(const char *data, size_t len, void *payload)
{
    return lsp_buf_put(payload, data, len);
}

void lsp_buf_free(lsp_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/*
 * buf: the one growable byte buffer. All string building in the library goes
 * through it (no strcat, no fixed line buffers on input paths). The contents
 * are always NUL-terminated once anything was added.
 */
#ifndef FL_BUF_H
#define FL_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "alloc.h"
#include "error.h"

typedef struct fl_buf {
    char *ptr;
    size_t len;
    size_t cap;
    const fl_allocator *alloc;
} fl_buf;

#define FL_BUF_INIT(a) {NULL, 0, 0, (a)}

/** Ensures room for `extra` more bytes plus a NUL. FL_ENOMEM on failure. */
int fl__buf_grow(fl_buf *b, size_t extra);
/** fl__buf_put's way when the bytes and a NUL do not fit as they are. */
int fl__buf_put_slow(fl_buf *b, const char *data, size_t len);

/* Inline, with the room test first: the reporters append a few dozen short
 * pieces for every finding, and the calls around each (put, then grow)
 * cost more than its copy. */
static inline int fl__buf_put(fl_buf *b, const char *data, size_t len)
{
    /* room for len bytes and the NUL? (cap 0: never). Nothing to copy goes
     * the slow way too: `data` may then be NULL, which memcpy may not see. */
    if (len >= b->cap - b->len || len == 0)
        return fl__buf_put_slow(b, data, len);
    memcpy(b->ptr + b->len, data, len);
    b->len += len;
    b->ptr[b->len] = '\0';
    return FL_OK;
}

static inline int fl__buf_puts(fl_buf *b, const char *s)
{
    return fl__buf_put(b, s, strlen(s));
}

static inline int fl__buf_putc(fl_buf *b, char c)
{
    return fl__buf_put(b, &c, 1);
}

int fl__buf_printf(fl_buf *b, const char *fmt, ...) FL_PRINTF(2, 3);
/** Appends n in decimal: what "%zu" prints, without a format to parse
 *  (the reporters write several numbers for every finding). */
int fl__buf_put_uint(fl_buf *b, size_t n);
/** Forgets the contents but keeps the memory. */
void fl__buf_clear(fl_buf *b);
/** Gives the memory back; the buffer can be reused afterwards. */
void fl__buf_free(fl_buf *b);
/** The contents as a C string ("" when empty); borrowed. */
const char *fl__buf_cstr(const fl_buf *b);

#endif

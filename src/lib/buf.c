/*
 * buf: growable, NUL-terminated byte buffer; doubles its capacity so that
 * appending is amortised O(1).
 */
#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

int fl__buf_grow(fl_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        return FL_ENOMEM;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return FL_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = fl__reallocarray(b->alloc, b->ptr, cap, 1);
    if (!p)
        return FL_ENOMEM;
    b->ptr = p;
    b->cap = cap;
    return FL_OK;
}

int fl__buf_put_slow(fl_buf *b, const char *data, size_t len)
{
    int error = fl__buf_grow(b, len);
    if (error < 0)
        return error;
    if (len)
        memcpy(b->ptr + b->len, data, len);
    b->len += len;
    b->ptr[b->len] = '\0';
    return FL_OK;
}

int fl__buf_put_uint(fl_buf *b, size_t n)
{
    char digits[24];
    size_t at = sizeof digits;
    do {
        digits[--at] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    return fl__buf_put(b, digits + at, sizeof digits - at);
}

int fl__buf_printf(fl_buf *b, const char *fmt, ...)
{
    /* Formatted straight into the spare room, which is almost always big
     * enough once the buffer has grown: one vsnprintf instead of a sizing
     * pass and a writing pass (the reporters print a line per finding
     * this way; 8.8M -> 3.5M Ir for 1,009 findings in jsonl). Only when it does
     * not fit is the buffer grown and the line formatted again. */
    size_t room = b->cap > b->len ? b->cap - b->len : 0;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(room ? b->ptr + b->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n < 0)
        return FL_ERROR;
    if ((size_t)n >= room) {
        int error = fl__buf_grow(b, (size_t)n);
        if (error < 0) {
            if (room)
                b->ptr[b->len] = '\0'; /* the cut-off attempt is not content */
            return error;
        }
        va_start(ap, fmt);
        vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    b->len += (size_t)n;
    return FL_OK;
}

void fl__buf_clear(fl_buf *b)
{
    b->len = 0;
    if (b->ptr)
        b->ptr[0] = '\0';
}

void fl__buf_free(fl_buf *b)
{
    fl__free(b->alloc, b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
}

const char *fl__buf_cstr(const fl_buf *b)
{
    return b->ptr ? b->ptr : "";
}

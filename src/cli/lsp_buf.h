/*
 * lsp_buf: one growable byte buffer for the language server — messages
 * dumped by jansson, fixed text written by the library, hover text built
 * piece by piece. Functions fail with -1 only when memory runs out, and then
 * leave the buffer as it was.
 */
#ifndef FL_LSP_BUF_H
#define FL_LSP_BUF_H

#include <stddef.h>

typedef struct lsp_buf {
    char *data; /* NUL-terminated after any successful put, or NULL */
    size_t len, cap;
} lsp_buf;

#define LSP_BUF_INIT {NULL, 0, 0}

/** Appends data[0..len). 0 or -1. */
int lsp_buf_put(lsp_buf *b, const char *data, size_t len);

/** Appends a NUL-terminated string. 0 or -1. */
int lsp_buf_puts(lsp_buf *b, const char *s);

/** An fl_sink write function over an lsp_buf payload: FL_OK or FL_ENOMEM. */
int lsp_buf_sink(void *payload, const char *data, size_t len);

/** A json_dump_callback over an lsp_buf payload: 0 or -1. */
int lsp_buf_dump(const char *data, size_t len, void *payload);

/** Frees the bytes and zeroes the buffer. */
void lsp_buf_free(lsp_buf *b);

/**
 * Room for at least `want` elements of `size` bytes in the array `ptr` of
 * *cap elements: `ptr` itself when it has room, else the array reallocated
 * to twice its capacity (or more), with *cap updated. NULL when out of
 * memory, and then `ptr` and *cap are unchanged. Every growable array of
 * the server grows through here, so growth is amortised constant time.
 */
void *lsp_grow(void *ptr, size_t *cap, size_t want, size_t size);

#endif

/*
 * lsp_frame: the base protocol's framing. A message is a header block
 * (`Content-Length: N`, optionally other `Name: value` lines, each ended by
 * "\r\n", then an empty line) and N bytes of JSON. The reader takes input in
 * pieces of any size and hands out whole bodies; after a malformed header it
 * says why and skips to the next `Content-Length:`, so one bad frame costs
 * one error, not the session. Nothing here does I/O or parses JSON.
 */
#ifndef FL_LSP_FRAME_H
#define FL_LSP_FRAME_H

#include <stddef.h>

/** The largest message body accepted; a larger one is skipped unread,
 *  with an error naming this limit. A 10 MB draft as JSON fits easily. */
#define LSP_MAX_MESSAGE_BYTES ((size_t)64 << 20)

/** The longest header block accepted, in bytes. */
#define LSP_MAX_HEADER_BYTES ((size_t)8192)

/** What lsp_reader_next found. */
typedef enum lsp_frame_status {
    LSP_FRAME_NONE = 0, /**< no whole message yet: feed more input */
    LSP_FRAME_BODY = 1, /**< a message body */
    LSP_FRAME_BAD = 2   /**< a malformed or oversized frame, already skipped */
} lsp_frame_status;

/** Reader state. Zero it (or use LSP_READER_INIT) before the first feed. */
typedef struct lsp_reader {
    char *buf;
    size_t start, len, cap; /* unread input is buf[start..len) */
    size_t skip;            /* body bytes of an oversized message still to drop */
    int resync;             /* dropping input until a `Content-Length:` */
} lsp_reader;

#define LSP_READER_INIT {NULL, 0, 0, 0, 0, 0}

/** Adds input. 0, or -1 when out of memory (the input is not taken). */
int lsp_reader_feed(lsp_reader *r, const char *data, size_t len);

/**
 * The next message in the input so far. On LSP_FRAME_BODY, `*body` and
 * `*len` give the JSON bytes, borrowed until the next call to any lsp_reader
 * function. On LSP_FRAME_BAD, `why` holds the reason ("no Content-Length
 * header"), NUL-terminated and truncated to `why_size`.
 */
lsp_frame_status lsp_reader_next(lsp_reader *r, const char **body, size_t *len, char *why,
                                 size_t why_size);

/** Nonzero when part of a message has arrived but not all of it: at the
 *  end of the input, a truncated message. */
int lsp_reader_partial(const lsp_reader *r);

/** Frees the reader's buffer. */
void lsp_reader_free(lsp_reader *r);

/**
 * Writes the header for a body of `body_len` bytes into `out` (at least 64
 * bytes) and returns its length.
 */
size_t lsp_frame_header(char *out, size_t size, size_t body_len);

#endif

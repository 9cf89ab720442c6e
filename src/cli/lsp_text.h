/*
 * lsp_text: a document's text as the language server sees it — its bytes,
 * an index of where LSP's lines start, conversion between byte offsets and
 * LSP positions, and the in-place edits of incremental sync.
 *
 * LSP ends a line at "\n", "\r\n" or a lone "\r", and counts a position's
 * `character` in the units the client and server agreed on: UTF-8 bytes,
 * UTF-16 code units (a character beyond U+FFFF counts 2) or UTF-32 code
 * points. Offsets here are bytes. Text from a client is valid UTF-8 (JSON
 * strings are); other bytes are counted as one character each.
 * Nothing here does I/O; nothing is thread-safe on one object.
 */
#ifndef FL_LSP_TEXT_H
#define FL_LSP_TEXT_H

#include <stddef.h>

/** The unit of a position's `character`: the values are bytes per unit. */
typedef enum lsp_encoding { LSP_UTF8 = 1, LSP_UTF16 = 2, LSP_UTF32 = 4 } lsp_encoding;

/** An LSP position: 0-based line, and `character` in the agreed units. */
typedef struct lsp_position {
    size_t line;
    size_t character;
} lsp_position;

/** Where LSP's lines start in some bytes: starts[0] is 0, `count` >= 1. */
typedef struct lsp_lines {
    size_t *starts;
    size_t count, cap;
} lsp_lines;

/**
 * Indexes the lines of data[0..len) into `l` (which must be zeroed or
 * previously built; its old index is replaced). Returns 0, or -1 when out of
 * memory (then `l` is unchanged).
 */
int lsp_lines_build(lsp_lines *l, const char *data, size_t len);

/** Frees the index; a zeroed `l` is a no-op. */
void lsp_lines_free(lsp_lines *l);

/**
 * The byte offset of position `p`. A `character` past the end of its line
 * means the line's end (before its line break), a line past the last means
 * the end of the text, and a position inside a character (half of a UTF-16
 * surrogate pair, the middle of a UTF-8 sequence) means that character's
 * start. Never fails.
 */
size_t lsp_lines_offset(const lsp_lines *l, const char *data, size_t len, lsp_position p,
                        lsp_encoding enc);

/**
 * Remembers the last conversion so that offsets visited in increasing order
 * on one long line cost only the bytes between them. Zero it before use;
 * it stays valid only for the text and index it was used with.
 */
typedef struct lsp_cursor {
    size_t line, off, character;
    int valid;
} lsp_cursor;

/**
 * The position of byte offset `off` (clamped to the text's end). An offset
 * inside a line break ("\r|\n") maps to the end of its line. `cur` may be
 * NULL. Never fails.
 */
lsp_position lsp_lines_position(const lsp_lines *l, const char *data, size_t len, size_t off,
                                lsp_encoding enc, lsp_cursor *cur);

/** An open document's text: bytes it owns, and their line index. */
typedef struct lsp_text {
    char *data; /* not NUL-terminated */
    size_t len, cap;
    lsp_lines lines;
} lsp_text;

/** Replaces the whole text with a copy of data[0..len). 0, or -1 out of
 *  memory (the old text is kept). */
int lsp_text_set(lsp_text *t, const char *data, size_t len);

/**
 * Replaces bytes [off, end) with data[0..len) and updates the line index
 * without rescanning the rest of the text: only the lines around the edit are
 * scanned again, and later line starts are shifted. `off` <= `end` <= t->len.
 * 0, or -1 out of memory (the text is unchanged).
 */
int lsp_text_replace(lsp_text *t, size_t off, size_t end, const char *data, size_t len);

/** Frees the text; a zeroed `t` is a no-op. */
void lsp_text_free(lsp_text *t);

#endif

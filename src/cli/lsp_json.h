/*
 * lsp_json: small helpers over jansson for the language server — reading
 * typed fields out of params, building strings that are always valid UTF-8,
 * positions and ranges, and JSON-RPC messages. Nothing here does I/O.
 *
 * Ownership follows jansson: a function returning json_t * returns a new
 * reference (NULL when out of memory); "borrowed" results live as long as
 * the object they were read from.
 */
#ifndef FL_LSP_JSON_H
#define FL_LSP_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "lsp_text.h"

/** JSON-RPC and LSP error codes the server answers with. */
enum {
    LSP_PARSE_ERROR = -32700,
    LSP_INVALID_REQUEST = -32600,
    LSP_METHOD_NOT_FOUND = -32601,
    LSP_INVALID_PARAMS = -32602,
    LSP_INTERNAL_ERROR = -32603,
    LSP_SERVER_NOT_INITIALIZED = -32002,
    LSP_REQUEST_CANCELLED = -32800,
    LSP_CONTENT_MODIFIED = -32801
};

/** The member `key` of object `o` when it is an object itself, else NULL
 *  (also when `o` is NULL or not an object). Borrowed. */
json_t *lsp_obj(const json_t *o, const char *key);

/** A string member's value (borrowed), its length through `len` (may be
 *  NULL); NULL when absent or not a string. */
const char *lsp_str(const json_t *o, const char *key, size_t *len);

/** A non-negative integer member: 0 and *out set, or -1. */
int lsp_uint(const json_t *o, const char *key, size_t *out);

/** Whether a boolean member is present and true. */
int lsp_true(const json_t *o, const char *key);

/** Whether the array member `key` holds the string `value`. */
int lsp_has_string(const json_t *o, const char *key, const char *value);

/** A JSON string of s[0..len), with each invalid UTF-8 byte replaced by
 *  U+FFFD (jansson refuses invalid UTF-8). */
json_t *lsp_string(const char *s, size_t len);

/** lsp_string of a NUL-terminated string. */
json_t *lsp_cstring(const char *s);

/** Reads {"line": n, "character": n}; 0, or -1 when malformed. */
int lsp_read_position(const json_t *o, lsp_position *out);

/** Reads {"start": position, "end": position}; 0, or -1 when malformed. */
int lsp_read_range(const json_t *o, lsp_position *start, lsp_position *end);

/** {"start": …, "end": …}. */
json_t *lsp_range(lsp_position start, lsp_position end);

/** {"jsonrpc": "2.0", "id": id, "result": result}; steals `result`
 *  (json_null() when NULL). `id` is copied. */
json_t *lsp_response(const json_t *id, json_t *result);

/** {"jsonrpc": "2.0", "id": id or null, "error": {"code", "message"}}. */
json_t *lsp_error_response(const json_t *id, int code, const char *message);

/** {"jsonrpc": "2.0", "method": method, "params": params}, with "id" too
 *  when `id` is not NULL (a request from the server). Steals `params`. */
json_t *lsp_message(const char *method, const char *id, json_t *params);

/**
 * Sets o[key] = value, stealing `value`. Returns 0, or -1 (value released)
 * when `o` or `value` is NULL or memory runs out: calls can be chained and
 * checked once, since every later set on a NULL object fails too.
 */
int lsp_set(json_t *o, const char *key, json_t *value);

/** Appends `value` to array `a`, stealing it; 0 or -1 as lsp_set. */
int lsp_append(json_t *a, json_t *value);

#endif

/*
 * lsp_frame: splits the input stream into message bodies. It buffers at most
 * one message (bodies over LSP_MAX_MESSAGE_BYTES are dropped as they arrive)
 * and never trusts a header further than the limits it names.
 */
#include "lsp_frame.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp_buf.h"

static const char key[] = "content-length:";
#define KEY_LEN (sizeof key - 1)

/* Moves unread input to the front once it is less than half the buffer, so
 * a long session does not grow the buffer. */
static void compact(lsp_reader *r)
{
    if (r->start == 0 || r->start < r->len / 2)
        return;
    memmove(r->buf, r->buf + r->start, r->len - r->start);
    r->len -= r->start;
    r->start = 0;
}

int lsp_reader_feed(lsp_reader *r, const char *data, size_t len)
{
    size_t drop = r->skip < len ? r->skip : len;
    r->skip -= drop;
    if (drop) /* data may be NULL with len 0: no offset may be applied to it */
        data += drop;
    len -= drop;
    compact(r);
    char *grown = lsp_grow(r->buf, &r->cap, r->len + len + 1, 1);
    if (!grown)
        return -1;
    r->buf = grown;
    if (len)
        memcpy(r->buf + r->len, data, len);
    r->len += len;
    return 0;
}

/* The first `content-length:`, in any case, in s[0..n); n if none. */
static size_t find_key(const char *s, size_t n)
{
    for (size_t i = 0; i + KEY_LEN <= n; i++) {
        size_t k = 0;
        while (k < KEY_LEN && tolower((unsigned char)s[i + k]) == key[k])
            k++;
        if (k == KEY_LEN)
            return i;
    }
    return n;
}

/* Drops input up to the next header that could start a frame. Keeps a
 * tail that may be the start of one split across two reads. */
static int resync(lsp_reader *r)
{
    size_t n = r->len - r->start, at = find_key(r->buf + r->start, n);
    if (at < n) {
        r->start += at;
        r->resync = 0;
        return 1;
    }
    if (n >= KEY_LEN)
        r->start = r->len - (KEY_LEN - 1);
    return 0;
}

/* The end of the header block: the offset just past its empty line, or 0. */
static size_t header_end(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != '\n')
            continue;
        if (s[i + 1] == '\n')
            return i + 2;
        if (s[i + 1] == '\r' && i + 2 < n && s[i + 2] == '\n')
            return i + 3;
    }
    return 0;
}

static int bad(lsp_reader *r, char *why, size_t why_size, const char *msg)
{
    snprintf(why, why_size, "%s", msg);
    r->resync = 1;
    return -1;
}

/* The value of one Content-Length line, digits only (spaces around them
 * allowed), at most 19 of them so it cannot overflow. */
static int parse_length(const char *v, size_t n, size_t *out)
{
    size_t i = 0, value = 0, digits = 0;
    while (i < n && (v[i] == ' ' || v[i] == '\t'))
        i++;
    while (i < n && isdigit((unsigned char)v[i]) && digits < 20) {
        value = value * 10 + (size_t)(v[i++] - '0');
        digits++;
    }
    while (i < n && (v[i] == ' ' || v[i] == '\t' || v[i] == '\r'))
        i++;
    if (digits == 0 || digits > 19 || i != n)
        return -1;
    *out = value;
    return 0;
}

/* Reads the header lines of s[0..n) (the block without its empty line).
 * Returns the body length, or -1 with `why` filled. */
static int parse_header(lsp_reader *r, const char *s, size_t n, size_t *body_len, char *why,
                        size_t why_size)
{
    int have = 0;
    size_t at = 0;
    while (at < n) {
        const char *nl = memchr(s + at, '\n', n - at);
        size_t end = nl ? (size_t)(nl - s) : n, colon = at;
        while (colon < end && s[colon] != ':')
            colon++;
        if (colon == end)
            return bad(r, why, why_size, "bad header line: expected 'Name: value'");
        size_t len = 0;
        if (colon - at + 1 == KEY_LEN && find_key(s + at, KEY_LEN) == 0) {
            if (parse_length(s + colon + 1, end - colon - 1, &len) < 0)
                return bad(r, why, why_size, "bad Content-Length: expected a byte count");
            if (have && len != *body_len)
                return bad(r, why, why_size, "two different Content-Length headers");
            *body_len = len;
            have = 1;
        }
        at = end + 1;
    }
    if (!have)
        return bad(r, why, why_size, "no Content-Length header");
    return 0;
}

/* A header block in full: parses it and consumes it. 1 if a body of
 * *body_len bytes follows, 0 if more input is needed, -1 if it is bad. */
static int take_header(lsp_reader *r, size_t *body_len, char *why, size_t why_size)
{
    const char *s = r->buf + r->start;
    size_t n = r->len - r->start, end = header_end(s, n);
    if (end == 0 && n > LSP_MAX_HEADER_BYTES) {
        r->start++; /* so the search for the next header moves on */
        return bad(r, why, why_size, "header block longer than 8192 bytes");
    }
    if (end == 0)
        return 0;
    size_t text = end - (s[end - 2] == '\r' ? 3 : 2) + 1; /* keep the last line's "\n"'s */
    r->start += end;
    if (parse_header(r, s, text, body_len, why, why_size) < 0)
        return -1;
    if (*body_len > LSP_MAX_MESSAGE_BYTES) {
        size_t have = r->len - r->start < *body_len ? r->len - r->start : *body_len;
        r->start += have;
        r->skip = *body_len - have;
        snprintf(why, why_size, "message of %zu bytes is over the limit of %zu bytes (64 MiB)",
                 *body_len, LSP_MAX_MESSAGE_BYTES);
        return -1;
    }
    return 1;
}

lsp_frame_status lsp_reader_next(lsp_reader *r, const char **body, size_t *len, char *why,
                                 size_t why_size)
{
    if (r->resync && !resync(r))
        return LSP_FRAME_NONE;
    /* The header is parsed again when its body is incomplete: cheap, and it
     * keeps the reader's state to "where unread input starts". */
    size_t mark = r->start, body_len = 0;
    int got = take_header(r, &body_len, why, why_size);
    if (got < 0)
        return LSP_FRAME_BAD;
    if (got == 0 || r->len - r->start < body_len) {
        r->start = mark;
        return LSP_FRAME_NONE;
    }
    *body = r->buf + r->start;
    *len = body_len;
    r->start += body_len;
    return LSP_FRAME_BODY;
}

int lsp_reader_partial(const lsp_reader *r)
{
    return r->skip > 0 || (!r->resync && r->len > r->start);
}

void lsp_reader_free(lsp_reader *r)
{
    free(r->buf);
    memset(r, 0, sizeof *r);
}

size_t lsp_frame_header(char *out, size_t size, size_t body_len)
{
    int n = snprintf(out, size, "Content-Length: %zu\r\n\r\n", body_len);
    return n < 0 ? 0 : (size_t)n;
}

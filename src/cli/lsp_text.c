/*
 * lsp_text: line index, position conversion and edits for the language
 * server. Positions are only ever counted from a line's start (or a cursor
 * on that line), so a conversion never walks the whole text.
 */
#include "lsp_text.h"

#include <stdlib.h>
#include <string.h>

#include "lsp_buf.h"

/* Is p (0 < p <= len) the start of a line? A "\r" followed by "\n" is one
 * line break, ended by the "\n". */
static int starts_line(const char *d, size_t len, size_t p)
{
    char c = d[p - 1];
    return c == '\n' || (c == '\r' && (p == len || d[p] != '\n'));
}

/* Line starts p with from < p < to, written to out (if not NULL); returns
 * how many. `to` may be len + 1, to include a start at the very end. */
static size_t scan(const char *d, size_t len, size_t from, size_t to, size_t *out)
{
    size_t n = 0;
    for (size_t p = from + 1; p < to; p++) {
        if (starts_line(d, len, p)) {
            if (out)
                out[n] = p;
            n++;
        }
    }
    return n;
}

static int reserve_lines(lsp_lines *l, size_t want)
{
    size_t *grown = lsp_grow(l->starts, &l->cap, want, sizeof *grown);
    if (!grown)
        return -1;
    l->starts = grown;
    return 0;
}

int lsp_lines_build(lsp_lines *l, const char *data, size_t len)
{
    size_t n = 1 + scan(data, len, 0, len + 1, NULL);
    if (reserve_lines(l, n) < 0)
        return -1;
    l->starts[0] = 0;
    scan(data, len, 0, len + 1, l->starts + 1);
    l->count = n;
    return 0;
}

void lsp_lines_free(lsp_lines *l)
{
    free(l->starts);
    memset(l, 0, sizeof *l);
}

/* The last line whose start is <= off. */
static size_t line_of(const lsp_lines *l, size_t off)
{
    size_t lo = 0, hi = l->count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Where line i's text ends, before its line break. */
static size_t line_end(const lsp_lines *l, const char *d, size_t len, size_t i)
{
    if (i + 1 >= l->count)
        return len;
    size_t e = l->starts[i + 1];
    if (d[e - 1] == '\n')
        e--;
    if (e > l->starts[i] && d[e - 1] == '\r')
        e--;
    return e;
}

/* Bytes in the character at d[at] (at < end): a well-formed UTF-8 sequence,
 * or 1 for a byte that does not start one. */
static size_t char_len(const char *d, size_t at, size_t end)
{
    unsigned char c = (unsigned char)d[at];
    size_t n = c < 0x80 ? 1 : c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
    if (n <= 1 || at + n > end)
        return 1;
    for (size_t i = 1; i < n; i++) {
        if (((unsigned char)d[at + i] & 0xC0) != 0x80)
            return 1;
    }
    return n;
}

/* Units of one character of `n` bytes: UTF-16 needs a surrogate pair for
 * the 4-byte sequences, which are exactly the characters beyond U+FFFF. */
static size_t units(size_t n, lsp_encoding enc)
{
    if (enc == LSP_UTF8)
        return n;
    if (enc == LSP_UTF16)
        return n == 4 ? 2 : 1;
    return 1;
}

size_t lsp_lines_offset(const lsp_lines *l, const char *data, size_t len, lsp_position p,
                        lsp_encoding enc)
{
    if (p.line >= l->count)
        return len;
    size_t at = l->starts[p.line], end = line_end(l, data, len, p.line), counted = 0;
    while (at < end) {
        size_t n = char_len(data, at, end), u = units(n, enc);
        if (counted + u > p.character)
            break;
        counted += u;
        at += n;
    }
    return at;
}

lsp_position lsp_lines_position(const lsp_lines *l, const char *data, size_t len, size_t off,
                                lsp_encoding enc, lsp_cursor *cur)
{
    if (off > len)
        off = len;
    size_t line = line_of(l, off), end = line_end(l, data, len, line);
    if (off > end)
        off = end;
    size_t at = l->starts[line], counted = 0;
    if (cur && cur->valid && cur->line == line && cur->off <= off) {
        at = cur->off;
        counted = cur->character;
    }
    while (at < off) {
        size_t n = char_len(data, at, end);
        if (at + n > off)
            break; /* off is inside this character: its start */
        counted += units(n, enc);
        at += n;
    }
    if (cur)
        *cur = (lsp_cursor){line, at, counted, 1};
    return (lsp_position){line, counted};
}

static int reserve_text(lsp_text *t, size_t want)
{
    char *grown = lsp_grow(t->data, &t->cap, want, 1);
    if (!grown)
        return -1;
    t->data = grown;
    return 0;
}

int lsp_text_set(lsp_text *t, const char *data, size_t len)
{
    lsp_lines lines = {NULL, 0, 0};
    if (reserve_text(t, len + 1) < 0 || lsp_lines_build(&lines, data, len) < 0)
        return -1;
    if (len)
        memmove(t->data, data, len);
    t->len = len;
    lsp_lines_free(&t->lines);
    t->lines = lines;
    return 0;
}

/* At most how many line starts inserting data[0..len) can add: one per
 * line-break byte, plus one where a "\r" at the edit's edge stops pairing
 * with a "\n" on the other side. */
static size_t max_new_lines(const char *data, size_t len)
{
    size_t n = 1;
    for (size_t i = 0; i < len; i++)
        n += data[i] == '\n' || data[i] == '\r';
    return n;
}

int lsp_text_replace(lsp_text *t, size_t off, size_t end, const char *data, size_t len)
{
    lsp_lines *l = &t->lines;
    size_t new_len = t->len - (end - off) + len;
    if (reserve_text(t, new_len + 1) < 0 ||
        reserve_lines(l, l->count + max_new_lines(data, len)) < 0)
        return -1;
    /* Lines from the one before the edit (its "\r" may meet a "\n" at `off`)
     * up to the first that starts two bytes past the edit are scanned again;
     * the ones after are only shifted. */
    size_t first = line_of(l, off);
    first -= first > 0;
    size_t kept = line_of(l, end + 1) + 1;
    memmove(t->data + off + len, t->data + end, t->len - end);
    if (len)
        memcpy(t->data + off, data, len);
    t->len = new_len;
    for (size_t i = kept; i < l->count; i++)
        l->starts[i] = l->starts[i] - (end - off) + len;
    size_t to = kept < l->count ? l->starts[kept] : new_len + 1;
    size_t n = scan(t->data, new_len, l->starts[first], to, NULL);
    memmove(l->starts + first + 1 + n, l->starts + kept, (l->count - kept) * sizeof *l->starts);
    scan(t->data, new_len, l->starts[first], to, l->starts + first + 1);
    l->count = first + 1 + n + (l->count - kept);
    return 0;
}

void lsp_text_free(lsp_text *t)
{
    free(t->data);
    lsp_lines_free(&t->lines);
    memset(t, 0, sizeof *t);
}

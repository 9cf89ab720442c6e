/*
 * json_out: JSON string literals from arbitrary bytes. Drafts can contain
 * invalid UTF-8 and control characters; the output must still parse.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "report.h"
#include "text.h"

static int put_escape(fl_buf *out, int32_t cp)
{
    switch (cp) {
    case '"': return fl__buf_puts(out, "\\\"");
    case '\\': return fl__buf_puts(out, "\\\\");
    case '\n': return fl__buf_puts(out, "\\n");
    case '\r': return fl__buf_puts(out, "\\r");
    case '\t': return fl__buf_puts(out, "\\t");
    case '\b': return fl__buf_puts(out, "\\b");
    case '\f': return fl__buf_puts(out, "\\f");
    default: return fl__buf_printf(out, "\\u%04x", (unsigned)cp);
    }
}

#define BYTES(b) (0x0101010101010101ull * (b))

/* Nonzero if a byte of the chunk may need escaping or decoding: a control
 * character, '"', '\\' or a byte from 0x80. Each test may also flag a byte
 * above one that is truly flagged (a borrow), never miss one, so a chunk it
 * passes is plain; the byte loop then decides exactly. */
static uint64_t maybe_special(uint64_t x)
{
    uint64_t quote = x ^ BYTES('"'), backslash = x ^ BYTES('\\');
    return (x | ((x - BYTES(0x20)) & ~x) | ((quote - BYTES(1)) & ~quote) |
            ((backslash - BYTES(1)) & ~backslash)) &
           BYTES(0x80);
}

#if defined(__SSE2__)
/* A bit per byte of the sixteen at p that needs escaping or decoding (a
 * signed compare with 0x20 finds both the control bytes and those from
 * 0x80). */
static unsigned special_bytes16(const unsigned char *p)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i special = _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
                                   _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
                                                _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))));
    return (unsigned)_mm_movemask_epi8(special);
}
#endif

/* Where the plain bytes from `run` on end, by whole chunks; a string's
 * last few bytes are tested in one load that ends where it ends and
 * overlaps bytes already passed, which the byte loop after took one at a
 * time. The caller's byte loop decides where the chunks could not. */
static size_t skip_plain_chunks(const unsigned char *u, size_t run, size_t len)
{
#if defined(__SSE2__)
    while (len - run >= 16) {
        unsigned mask = special_bytes16(u + run);
        if (mask)
            return run + (size_t)__builtin_ctz(mask);
        run += 16;
    }
    if (run < len && len >= 16) {
        /* the bits of bytes before `run` shifted out: they may be an
         * escape already written */
        unsigned mask = special_bytes16(u + len - 16) >> (16 - (len - run));
        return mask ? run + (size_t)__builtin_ctz(mask) : len;
    }
#endif
    uint64_t chunk;
    while (len - run >= 8 && (memcpy(&chunk, u + run, 8), !maybe_special(chunk)))
        run += 8;
    /* a flag in the overlapped bytes (or a borrow above one) leaves the
     * bytes to the byte loop */
    if (run < len && len - run < 8 && len >= 8 &&
        (memcpy(&chunk, u + len - 8, 8), !maybe_special(chunk)))
        return len;
    return run;
}

int fl__json_string(fl_buf *out, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    int error = fl__buf_putc(out, '"');
    size_t i = 0;
    while (i < len && error == 0) {
        /* Most of a message or an excerpt is plain: sixteen bytes at a time
         * with SSE2, then eight. */
        size_t run = skip_plain_chunks(u, i, len);
        while (run < len && u[run] >= 0x20 && u[run] < 0x80 && u[run] != '"' &&
               u[run] != '\\')
            run++;
        if (run > i) {
            error = fl__buf_put(out, s + i, run - i);
            i = run;
            continue;
        }
        int32_t cp;
        size_t n = fl__utf8_decode(u + i, len - i, &cp);
        if (cp < 0)
            error = fl__buf_puts(out, "\\ufffd");
        else if (cp < 0x20 || cp == '"' || cp == '\\' || cp == 0x2028 || cp == 0x2029)
            error = put_escape(out, cp);
        else
            error = fl__buf_put(out, s + i, n);
        i += n;
    }
    return error < 0 ? error : fl__buf_putc(out, '"');
}

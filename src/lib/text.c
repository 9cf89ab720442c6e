/*
 * text: UTF-8 and Unicode helpers on top of utf8proc. Folding writes into a
 * caller's fixed buffer (utf8proc_decompose_char), never into a malloc'd
 * string, because the tokenizer folds every word of every input.
 */
#include "text.h"

#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "vec.h"

size_t fl__utf8_decode(const unsigned char *s, size_t len, int32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    size_t n;
    int32_t v;
    int32_t min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4; v = c & 0x07; min = 0x10000;
    } else {
        *cp = -1;
        return 1;
    }
    if (len < n) {
        *cp = -1;
        return 1;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = -1;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = -1;
        return 1;
    }
    *cp = v;
    return n;
}

/* How many bytes from u[0] are ASCII: 64 (SSE2), 32, then 8, at a time,
 * since drafts are mostly ASCII and both callers below run over every byte
 * of a line or a draft (a test per eight bytes was 1.6 instructions a byte,
 * per 32 bytes 0.7; the slice's 2 MB hold 3,380 non-ASCII characters). */
static inline size_t ascii_run(const unsigned char *u, size_t len)
{
    size_t i = 0;
#if defined(__SSE2__)
    while (len - i >= 64) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 16));
        __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 32));
        __m128i d = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 48));
        if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d))))
            break;
        i += 64;
    }
#endif
    for (;;) {
        uint64_t c[4];
        if (len - i >= 32 && (memcpy(c, u + i, 32),
                              !((c[0] | c[1] | c[2] | c[3]) & 0x8080808080808080ull))) {
            i += 32;
            continue;
        }
        if (len - i >= 8 && (memcpy(c, u + i, 8), !(c[0] & 0x8080808080808080ull))) {
            i += 8;
            continue;
        }
        while (i < len && u[i] < 0x80)
            i++;
        return i;
    }
}

size_t fl__utf8_first_invalid(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while ((i += ascii_run(u + i, len - i)) < len) {
        int32_t cp;
        size_t n = fl__utf8_decode(u + i, len - i, &cp);
        if (cp < 0)
            return i;
        i += n;
    }
    return len;
}

size_t fl__utf8_char_start(const char *s, size_t len, size_t off)
{
    const unsigned char *u = (const unsigned char *)s;
    if (off >= len || (u[off] & 0xC0) != 0x80)
        return off;
    /* A continuation byte: its lead is at most three bytes back, and counts
     * only if the sequence it starts is valid and reaches `off`. */
    for (size_t back = 1; back <= 3 && back <= off; back++) {
        if ((u[off - back] & 0xC0) == 0x80)
            continue;
        int32_t cp;
        size_t n = fl__utf8_decode(u + off - back, len - (off - back), &cp);
        return cp >= 0 && n > back ? off - back : off;
    }
    return off;
}

size_t fl__utf8_char_end(const char *s, size_t len, size_t off)
{
    if (off == 0 || off >= len)
        return off > len ? len : off;
    size_t start = fl__utf8_char_start(s, len, off - 1);
    int32_t cp;
    size_t n = fl__utf8_decode((const unsigned char *)s + start, len - start, &cp);
    return cp >= 0 && start + n > off ? start + n : off;
}

size_t fl__utf8_encode(int32_t cp, char *out)
{
    utf8proc_ssize_t n = utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
    return n > 0 ? (size_t)n : 0;
}

/* Typographic variants that writers use interchangeably with ASCII. */
static int32_t fold_punct(int32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x02BC: case 0x2032: case 0xFF07:
        return '\'';
    case 0x2010: case 0x2011:
        return '-';
    default:
        return cp;
    }
}

size_t fl__fold_cp(int32_t cp, char *out, size_t cap)
{
    if (cp < 0x80) {
        if (cap < 1)
            return SIZE_MAX;
        out[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
        return 1;
    }
    cp = fold_punct(cp);
    if (cp < 0x80) {
        if (cap < 1)
            return SIZE_MAX;
        out[0] = (char)cp;
        return 1;
    }
    utf8proc_int32_t tmp[32];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(
        cp, tmp, 32,
        UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
            UTF8PROC_STRIPMARK | UTF8PROC_IGNORE,
        &last);
    if (n < 0 || n > 32) {
        tmp[0] = cp;
        n = 1;
    }
    size_t w = 0;
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        char enc[4];
        size_t k = fl__utf8_encode(tmp[i], enc);
        if (w + k > cap)
            return SIZE_MAX;
        memcpy(out + w, enc, k);
        w += k;
    }
    return w;
}

int fl__fold(fl_buf *out, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        size_t n = fl__utf8_decode(u + i, len - i, &cp);
        char tmp[128];
        size_t w = cp < 0 ? SIZE_MAX : fl__fold_cp(cp, tmp, sizeof tmp);
        int error = w == SIZE_MAX ? fl__buf_put(out, s + i, n)
                                  : fl__buf_put(out, tmp, w);
        if (error < 0)
            return error;
        i += n;
    }
    return FL_OK;
}

static utf8proc_category_t category(int32_t cp)
{
    return utf8proc_category(cp);
}

int fl__cp_is_letter_table(int32_t cp)
{
    switch (category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return 1;
    default:
        return 0;
    }
}

int fl__cp_is_digit_table(int32_t cp)
{
    return category(cp) == UTF8PROC_CATEGORY_ND;
}

int fl__cp_is_space_table(int32_t cp)
{
    switch (category(cp)) {
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return 1;
    default:
        return cp == 0x85;
    }
}

int fl__cp_is_upper_table(int32_t cp)
{
    utf8proc_category_t c = category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int fl__cp_is_currency_table(int32_t cp)
{
    return category(cp) == UTF8PROC_CATEGORY_SC;
}

int32_t fl__cp_toupper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z' ? cp - 32 : cp;
    return utf8proc_toupper(cp);
}

int32_t fl__cp_tolower(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    return utf8proc_tolower(cp);
}

int fl__linemap_build(fl_linemap *lm, const fl_allocator *a, const char *s,
                      size_t len)
{
    FL_VEC(size_t) starts = {0};
    if (FL_VEC_PUSH(a, &starts, 0) < 0)
        return FL_ENOMEM;
    const char *p = s, *end = s + len;
    size_t cr = fl__lone_cr(s, len);
    /* The marks a line may get, summed here as each line ends, so that
     * fl__linemap_mark_columns need not read every line's length again
     * to size its vector, nor at all when no line is long. */
    size_t first = len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    size_t line = first, most = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (cr < len && (!nl || s + cr < nl)) {
            nl = s + cr; /* a lone CR ends a line too */
            cr = (size_t)(nl - s) + 1;
            cr += fl__lone_cr(s + cr, len - cr);
        }
        if (!nl)
            break;
        p = nl + 1;
        /* After a final newline comes an empty last line, as editors count. */
        if (FL_VEC_PUSH(a, &starts, (size_t)(p - s)) < 0) {
            FL_VEC_FREE(a, &starts);
            return FL_ENOMEM;
        }
        most += (size_t)(p - s) > line ? ((size_t)(p - s) - line) / FL_LINEMAP_STRIDE : 0;
        line = (size_t)(p - s);
    }
    most += len > line ? (len - line) / FL_LINEMAP_STRIDE : 0;
    lm->starts = starts.ptr;
    lm->count = starts.len;
    lm->first = first;
    lm->marks = NULL;
    lm->nmarks = 0;
    lm->most_marks = most;
    return FL_OK;
}

/* One pass over each long line, stepping exactly as fl__utf8_count does, so
 * that counting from a mark gives what counting from the line's start
 * would: a mark is only ever placed where a step begins. */
int fl__linemap_mark_columns(fl_linemap *lm, const fl_allocator *a, const char *s,
                             size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    FL_VEC(fl_linemark) marks = {0};
    /* Marks are at least a stride apart: reserve that many, not double.
     * None: no line is longer than a stride. */
    size_t most = lm->most_marks;
    if (!most)
        return FL_OK;
    if (FL_VEC_RESERVE(a, &marks, most) < 0)
        return FL_ENOMEM;
    for (size_t l = 0; l < lm->count; l++) {
        size_t start = l == 0 ? lm->first : lm->starts[l];
        size_t end = l + 1 < lm->count ? lm->starts[l + 1] : len;
        if (end <= start || end - start <= FL_LINEMAP_STRIDE)
            continue;
        size_t column = 0, next = start + FL_LINEMAP_STRIDE;
        for (size_t i = start; i < end; column++) {
            if (i >= next) {
                marks.ptr[marks.len++] = (fl_linemark){i, column};
                next = i + FL_LINEMAP_STRIDE;
            }
            int32_t cp;
            i += u[i] < 0x80 ? 1 : fl__utf8_decode(u + i, end - i, &cp);
        }
    }
    lm->marks = marks.ptr;
    lm->nmarks = marks.len;
    return FL_OK;
}

void fl__linemap_free(fl_linemap *lm, const fl_allocator *a)
{
    fl__free(a, lm->starts);
    fl__free(a, lm->marks);
    lm->starts = NULL;
    lm->count = 0;
    lm->marks = NULL;
    lm->nmarks = 0;
}

size_t fl__lone_cr(const char *s, size_t len)
{
    const char *p = s, *end = s + len;
    while ((p = memchr(p, '\r', (size_t)(end - p))) != NULL) {
        if (p + 1 == end || p[1] != '\n')
            return (size_t)(p - s);
        p += 2;
    }
    return len;
}

size_t fl__utf8_count(const char *s, size_t len)
{
    /* A finding's column is counted from its line's start or mark, often
     * hundreds of bytes of prose away: the ASCII runs count as many
     * characters as bytes. */
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, n = 0;
    for (;;) {
        size_t run = ascii_run(u + i, len - i);
        i += run;
        n += run;
        if (i >= len)
            return n;
        int32_t cp;
        i += fl__utf8_decode(u + i, len - i, &cp);
        n++;
    }
}

size_t fl__linemap_line(const fl_linemap *lm, size_t off)
{
    size_t lo = 0, hi = lm->count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (lm->starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

size_t fl__linemap_anchor(const fl_linemap *lm, size_t line, size_t off, size_t *column)
{
    size_t start = line == 0 ? lm->first : lm->starts[line];
    *column = 0;
    /* The last mark at or before `off`; it counts only on this line. */
    size_t lo = 0, hi = lm->nmarks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (lm->marks[mid].off <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || lm->marks[lo - 1].off < start)
        return start;
    *column = lm->marks[lo - 1].column;
    return lm->marks[lo - 1].off;
}

void fl__linemap_lookup(const fl_linemap *lm, const char *s, size_t len, size_t off,
                        unsigned *line, unsigned *col, size_t *line_off,
                        size_t *line_len)
{
    if (off > len)
        off = len;
    size_t lo = fl__linemap_line(lm, off);
    size_t start = lo == 0 ? lm->first : lm->starts[lo];
    if (off < start)
        off = start;
    size_t end = len;
    if (lo + 1 < lm->count) {
        end = lm->starts[lo + 1] - 1; /* the "\n" or lone "\r" that ends it */
        if (end > start && s[end] == '\n' && s[end - 1] == '\r')
            end--;
    }
    size_t column;
    size_t from = fl__linemap_anchor(lm, lo, off, &column);
    column += 1 + fl__utf8_count(s + from, off - from);
    *line = (unsigned)(lo + 1);
    *col = (unsigned)column;
    *line_off = start;
    *line_len = end > start ? end - start : 0;
}

int fl__has_prefix_ci(const char *s, size_t n, const char *lower)
{
    size_t k = 0;
    for (; lower[k]; k++) {
        if (k == n || ((unsigned char)s[k] | 0x20) != (unsigned char)lower[k])
            return 0;
    }
    return 1;
}

int fl__starts_link(const char *s, size_t n)
{
    return fl__has_prefix_ci(s, n, "http://") || fl__has_prefix_ci(s, n, "https://");
}

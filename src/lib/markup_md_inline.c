/*
 * markup_md_inline: the inlines of one Markdown block. Cuts code spans,
 * autolinks, bare URLs, link destinations, reference labels, footnote
 * references and inline HTML out of the text; image alt text and link
 * titles become captions. Linear in the block's length; never allocates.
 *
 * Deliberately not CommonMark: alt text ends at its first bracket, and link
 * text needs no matching '[' — "](" followed by a destination is cut.
 */
#include "markup.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define MAX_BACKTICKS 32   /* longer backtick runs never open a code span */
#define MAX_LINK_PARENS 32 /* parentheses nested in a link destination */
#define NOT_FOUND ((size_t)-1)

static int is_sp(char c)
{
    return c == ' ' || c == '\t';
}

static int is_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int is_alnum(unsigned char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

static int is_punct(unsigned char c)
{
    return c > ' ' && c < 0x7F && !is_alnum(c);
}

/* Bytes where an inline construct may start; all others are plain text. */
static const unsigned char inline_special[256] = {
    ['\\'] = 1, ['`'] = 1, ['!'] = 1, ['['] = 1,
    [']'] = 1,  ['<'] = 1, [':'] = 1, ['.'] = 1,
};

/* The first byte at or after i that may start an inline, or end. Sixteen
 * bytes a step where SSE2 is there (every x86-64), else four: this loop is
 * most of the reader's time on prose, at 3.3 instructions a byte with the
 * table alone. */
static size_t next_special(const unsigned char *u, size_t i, size_t end)
{
#if defined(__SSE2__)
    /* The bytes of inline_special, each compared across all sixteen. */
#define IS(c) _mm_cmpeq_epi8(x, _mm_set1_epi8(c))
    while (end - i >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        /* '[', '\\' and ']' are 0x5B to 0x5D: one range test ((x + bias) <
         * limit as signed bytes is "x - 0x5B < 3" unsigned) for three */
        __m128i brackets = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - '['))),
                                          _mm_set1_epi8((char)(0x80 + 3)));
        __m128i any = _mm_or_si128(_mm_or_si128(brackets, _mm_or_si128(IS('`'), IS('!'))),
                                   _mm_or_si128(IS('<'), _mm_or_si128(IS(':'), IS('.'))));
        unsigned mask = (unsigned)_mm_movemask_epi8(any);
        if (mask)
            return i + (size_t)__builtin_ctz(mask);
        i += 16;
    }
#undef IS
#endif
    while (end - i >= 4 && !(inline_special[u[i]] | inline_special[u[i + 1]] |
                             inline_special[u[i + 2]] | inline_special[u[i + 3]]))
        i += 4;
    while (i < end && !inline_special[u[i]])
        i++;
    return i;
}

typedef struct inl {
    fl_markup_out *out;
    const char *s;
    size_t end;
    size_t run;        /* start of the text not emitted yet */
    size_t gt;         /* the first '>' after the last '<' looked at, or end */
    int no_html;       /* markup the block cut short was seen: '<' is text now */
    int ticks_ready;   /* tick[] is initialised */
    int ticks_scanned; /* tick[] has seen every backtick run up to end */
    size_t tick[MAX_BACKTICKS + 1]; /* start of the last run of each length */
} inl;

/* Emits the text before `from` and resumes after `to`. */
static void cut(inl *in, size_t from, size_t to)
{
    if (from > in->run)
        fl__markup_text(in->out, in->run, from);
    in->run = to;
}

static size_t run_length(const char *s, size_t i, size_t end, char c)
{
    size_t j = i;
    while (j < end && s[j] == c)
        j++;
    return j - i;
}

/* The closing backtick run of length n at or after `from`, or NOT_FOUND.
 * Runs passed on the way are remembered (cmark's trick), so once the block
 * has been scanned to its end an opener without a closer costs O(1). */
static size_t closing_ticks(inl *in, size_t from, size_t n)
{
    if (!in->ticks_ready) {
        memset(in->tick, 0, sizeof in->tick);
        in->ticks_ready = 1;
    }
    if (in->ticks_scanned && in->tick[n] < from)
        return NOT_FOUND;
    for (size_t j = from; j < in->end;) {
        const char *p = memchr(in->s + j, '`', in->end - j);
        if (!p)
            break;
        j = (size_t)(p - in->s);
        size_t k = run_length(in->s, j, in->end, '`');
        if (k == n)
            return j;
        if (k <= MAX_BACKTICKS && j > in->tick[k])
            in->tick[k] = j;
        j += k;
    }
    in->ticks_scanned = 1;
    return NOT_FOUND;
}

static size_t code_span(inl *in, size_t i)
{
    size_t n = run_length(in->s, i, in->end, '`');
    size_t close = n <= MAX_BACKTICKS ? closing_ticks(in, i + n, n) : NOT_FOUND;
    if (close == NOT_FOUND)
        return i + n;
    cut(in, i, close + n);
    return close + n;
}

static size_t find_unescaped(const char *s, size_t j, size_t end, char c)
{
    for (; j < end; j++) {
        if (s[j] == '\\')
            j++;
        else if (s[j] == c)
            return j;
    }
    return NOT_FOUND;
}

static size_t skip_ws(const char *s, size_t j, size_t end)
{
    while (j < end && (is_sp(s[j]) || s[j] == '\n' || s[j] == '\r'))
        j++;
    return j;
}

/* A destination without angle brackets: no spaces or controls, balanced
 * parentheses. Returns where it ends, or NOT_FOUND. */
static size_t bare_destination(const char *s, size_t j, size_t end)
{
    size_t depth = 0;
    for (; j < end; j++) {
        unsigned char c = (unsigned char)s[j];
        if (c == '\\' && j + 1 < end) {
            j++;
        } else if (c == '(') {
            if (++depth > MAX_LINK_PARENS)
                return NOT_FOUND;
        } else if (c == ')') {
            if (depth == 0)
                break;
            depth--;
        } else if (c <= ' ') {
            break;
        }
    }
    return depth == 0 ? j : NOT_FOUND;
}

/* `(destination "title")` at s[p]: returns the offset past ')' and sets the
 * title's range (empty if none), or returns p. */
static size_t inline_destination(const inl *in, size_t p, size_t *title,
                                 size_t *title_end)
{
    const char *s = in->s;
    size_t end = in->end, j = skip_ws(s, p + 1, end), t, close;
    if (j < end && s[j] == '<') {
        while (++j < end && s[j] != '>' && s[j] != '<' && s[j] != '\n')
            j += s[j] == '\\';
        if (j >= end || s[j] != '>')
            return p;
        j++;
    } else if ((j = bare_destination(s, j, end)) == NOT_FOUND) {
        return p;
    }
    t = skip_ws(s, j, end);
    if (t > j && t < end && (s[t] == '"' || s[t] == '\'' || s[t] == '(')) {
        close = find_unescaped(s, t + 1, end, s[t] == '(' ? ')' : s[t]);
        if (close == NOT_FOUND)
            return p;
        *title = t + 1;
        *title_end = close;
        t = skip_ws(s, close + 1, end);
    }
    return t < end && s[t] == ')' ? t + 1 : p;
}

/* What may follow the ']' at p - 1 of a link or image: a destination in
 * parentheses or a reference label. Returns the offset past it, or p. */
static size_t link_tail(const inl *in, size_t p, size_t *title, size_t *title_end)
{
    const char *s = in->s;
    size_t q = p + 1;
    if (p >= in->end)
        return p;
    if (s[p] == '(')
        return inline_destination(in, p, title, title_end);
    if (s[p] != '[')
        return p;
    while (q < in->end && s[q] != ']' && s[q] != '[')
        q += s[q] == '\\' && q + 1 < in->end ? 2 : 1;
    return q < in->end && s[q] == ']' ? q + 1 : p;
}

static size_t close_bracket(inl *in, size_t i)
{
    size_t title = 0, title_end = 0;
    size_t after = link_tail(in, i + 1, &title, &title_end);
    if (after == i + 1)
        return after;
    cut(in, i + 1, after);
    if (title_end > title)
        fl__markup_caption(in->out, title, title_end);
    return after;
}

/* `![alt](src "title")`: alt and title are captions. The alt text ends at
 * the first bracket: nested brackets are rare there, and stopping keeps a
 * run of "![![![" linear. */
static size_t image(inl *in, size_t i)
{
    const char *s = in->s;
    size_t j = i + 2, title = 0, title_end = 0, after;
    while (j < in->end && s[j] != '[' && s[j] != ']')
        j += s[j] == '\\' && j + 1 < in->end ? 2 : 1;
    if (j >= in->end || s[j] == '[')
        return i + 2;
    after = link_tail(in, j + 1, &title, &title_end);
    cut(in, i, after);
    fl__markup_image(in->out, i + 2, j);
    if (title_end > title)
        fl__markup_caption(in->out, title, title_end);
    return after;
}

/* `[^label]`: a footnote reference, cut. */
static size_t open_bracket(inl *in, size_t i)
{
    const char *s = in->s;
    size_t j = i + 2;
    if (j >= in->end || s[i + 1] != '^')
        return i + 1;
    while (j < in->end && s[j] != ']' && s[j] != '[' && (unsigned char)s[j] > ' ')
        j++;
    if (j == i + 2 || j >= in->end || s[j] != ']')
        return i + 1;
    cut(in, i, j + 1);
    return j + 1;
}

/* s[j..k) is `scheme:…` with a scheme of 2 to 32 characters. */
static int has_scheme(const char *s, size_t j, size_t k)
{
    size_t q = j + 1;
    if (!is_alpha((unsigned char)s[j]))
        return 0;
    while (q < k && q - j < 32 &&
           (is_alnum((unsigned char)s[q]) || s[q] == '+' || s[q] == '.' || s[q] == '-'))
        q++;
    return q - j >= 2 && q < k && s[q] == ':';
}

/* `<https://…>` or `<name@example.org>`: returns the offset past '>', or 0. */
static size_t autolink_end(const char *s, size_t i, size_t end)
{
    size_t k = i + 1;
    int at = 0;
    while (k < end && (unsigned char)s[k] > ' ' && s[k] != '<' && s[k] != '>')
        at |= s[k++] == '@';
    if (k >= end || s[k] != '>')
        return 0;
    return at || has_scheme(s, i + 1, k) ? k + 1 : 0;
}

static size_t angle(inl *in, size_t i)
{
    const char *s = in->s;
    size_t e = autolink_end(s, i, in->end);
    if (e) {
        cut(in, i, e);
        return e;
    }
    if (in->no_html || i + 1 >= in->end ||
        !(is_alpha((unsigned char)s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!' ||
          s[i + 1] == '?'))
        return i + 1;
    if (in->gt <= i) {
        const char *gt = memchr(s + i, '>', in->end - i);
        in->gt = gt ? (size_t)(gt - s) : in->end;
    }
    /* Markup the block cuts short (all of it ends with '>'): read every
     * later '<' as text, so a block full of them costs one scan, not one
     * each. */
    if (in->gt == in->end) {
        in->no_html = 1;
        return i + 1;
    }
    cut(in, i, i); /* text before the markup goes out before its captions */
    e = fl__markup_html_inline(in->out, s, i, in->end);
    if (!e) {
        in->no_html = 1;
        return i + 1;
    }
    in->run = e;
    return e;
}

/* A bare URL from `start`, whose scheme or "www." ends at `rest`, runs to
 * whitespace; sentence punctuation after it is not part of it. */
static size_t bare_url(inl *in, size_t start, size_t rest)
{
    const char *s = in->s;
    size_t e = rest;
    if (start > in->run && is_alnum((unsigned char)s[start - 1]))
        return rest;
    while (e < in->end && (unsigned char)s[e] > ' ' && s[e] != '<')
        e++;
    while (e > rest && s[e - 1] && memchr(".,;:!?)", s[e - 1], 7))
        e--;
    cut(in, start, e);
    return e;
}

static size_t scheme_url(inl *in, size_t i) /* at ':' */
{
    const char *s = in->s;
    if (i + 2 >= in->end || s[i + 1] != '/' || s[i + 2] != '/')
        return i + 1;
    if (i >= in->run + 5 && fl__markup_ci_equal(s + i - 5, "https", 5))
        return bare_url(in, i - 5, i + 3);
    if (i >= in->run + 4 && fl__markup_ci_equal(s + i - 4, "http", 4))
        return bare_url(in, i - 4, i + 3);
    return i + 1;
}

static size_t www_url(inl *in, size_t i) /* at '.' */
{
    const char *s = in->s;
    /* most full stops end a sentence: a byte before them that is no 'w'
     * says so without the call */
    if (i < in->run + 3 || (s[i - 1] | 0x20) != 'w' ||
        !fl__markup_ci_equal(s + i - 3, "www", 3) ||
        i + 1 >= in->end || !is_alnum((unsigned char)s[i + 1]))
        return i + 1;
    return bare_url(in, i - 3, i + 1);
}

static size_t inline_at(inl *in, size_t i)
{
    const char *s = in->s;
    switch (s[i]) {
    case '\\': /* an escaped character is text, and stays in place */
        return i + 1 < in->end && is_punct((unsigned char)s[i + 1]) ? i + 2 : i + 1;
    case '`':
        return code_span(in, i);
    case '!':
        return i + 1 < in->end && s[i + 1] == '[' ? image(in, i) : i + 1;
    case '[':
        return open_bracket(in, i);
    case ']':
        return close_bracket(in, i);
    case '<':
        return angle(in, i);
    case ':':
        return scheme_url(in, i);
    default:
        return www_url(in, i);
    }
}

void fl__markup_md_inline(fl_markup_out *out, const char *data, size_t off,
                          size_t end)
{
    inl in;
    size_t i = off;
    in.out = out;
    in.s = data;
    in.end = end;
    in.run = off;
    in.gt = 0;
    in.no_html = in.ticks_ready = in.ticks_scanned = 0;
    while (i < end && out->status == 0) {
        i = next_special((const unsigned char *)data, i, end);
        if (i < end)
            i = inline_at(&in, i);
    }
    cut(&in, end, end);
}

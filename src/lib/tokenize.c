/*
 * tokenize: the hot loop. One pass over each segment's bytes, an ASCII fast
 * path, one vocabulary lookup per word, no allocation per token. Sentence
 * ends are decided one token late (a '.' ends a sentence only if what follows
 * looks like a sentence start), which is how "Mr." and "U.S." stay inside.
 */
#include "tokenize.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "text.h"

typedef struct cursor {
    const unsigned char *s;
    size_t end;
    int entities;
} cursor;

/* A word under construction: its folded bytes. Bytes from fold[len] to
 * fold[FL_VOCAB_INLINE) are zero whenever a word is looked up, as
 * fl__vocab_probe_padded needs (word_reset and plain_ascii_word clear them;
 * words only grow after). */
typedef struct word {
    char fold[FL_MAX_WORD_BYTES];
    size_t len;
    int overflow;
} word;

_Static_assert(FL_MAX_WORD_BYTES >= FL_VOCAB_INLINE, "fold holds a padded slot's bytes");

/* peek's rare cases, out of line: '&' (maybe a reference) and UTF-8. */
static size_t peek_slow(const cursor *c, size_t pos, int32_t *cp)
{
    unsigned char b = c->s[pos];
    if (b < 0x80) {
        if (b == '&' && c->entities) {
            size_t n = fl__html_entity((const char *)c->s + pos, c->end - pos, cp);
            if (n)
                return n;
        }
        *cp = b;
        return 1;
    }
    return fl__utf8_decode(c->s + pos, c->end - pos, cp);
}

/* Decodes the character at `pos`: ASCII, UTF-8, or an HTML reference.
 * Inline for plain ASCII, which is nearly every call (a number's tail, the
 * byte after a word), where the call cost more than the work. */
static FL_ALWAYS_INLINE size_t peek(const cursor *c, size_t pos, int32_t *cp)
{
    unsigned char b = c->s[pos];
    if (b < 0x80 && b != '&') {
        *cp = b;
        return 1;
    }
    return peek_slow(c, pos, cp);
}

/* The character at `pos`, or -1 past the end; inline, as peek is: it is
 * asked of the byte after every number and of every sentence's first
 * letter. */
static FL_ALWAYS_INLINE int32_t peek_cp(const cursor *c, size_t pos)
{
    int32_t cp = -1;
    if (pos < c->end)
        peek(c, pos, &cp);
    return cp;
}

static int is_word_cp(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= '0' && cp <= '9');
    return fl__cp_is_letter(cp) || fl__cp_is_digit(cp);
}

static int is_digit_cp(int32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static int is_apostrophe(int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

static int is_hyphen(int32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

static int has_prefix_ci(const cursor *c, size_t pos, const char *p)
{
    return fl__has_prefix_ci((const char *)c->s + pos, c->end - pos, p);
}

static int url_start_slow(const cursor *c, size_t pos)
{
    unsigned char b = c->s[pos] | 0x20;
    unsigned char b2 = pos + 1 < c->end ? c->s[pos + 1] | 0x20 : 0;
    if (b == 'h' && b2 == 't')
        return fl__starts_link((const char *)c->s + pos, c->end - pos);
    if (b == 'w' && b2 == 'w')
        return has_prefix_ci(c, pos, "www.");
    return b == 'm' && b2 == 'a' && has_prefix_ci(c, pos, "mailto:");
}

/* Asked of every number and of every word before a ':' or '.': inline, the
 * first letter answers for nearly all of them without a call. */
static FL_ALWAYS_INLINE int is_url_start(const cursor *c, size_t pos)
{
    unsigned char b = c->s[pos] | 0x20;
    return (b == 'h' || b == 'w' || b == 'm') && url_start_slow(c, pos);
}

/* Where "http://" or "https://" starts inside the word [start, end) that
 * ends at ':', or `end` if it does not: tweets lose the space before a link
 * ("did not accept illegal immigrantshttps://t.co/…"), and the word before
 * it is language again. */
static size_t glued_url_at(const cursor *c, size_t start, size_t end)
{
    for (size_t n = 5; n >= 4; n--) {
        if (end - start > n && fl__starts_link((const char *)c->s + end - n, c->end - (end - n)))
            return end - n;
    }
    return end;
}

/* URLs, e-mail addresses and @handles are never language. Skips from `pos`
 * to the next space, then gives back trailing punctuation (but never moves
 * before `start`). */
static size_t skip_nonspace(const cursor *c, size_t start, size_t pos)
{
    while (pos < c->end) {
        unsigned char b = c->s[pos];
        if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '<' ||
            b == '>' || b == '"')
            break;
        pos++;
    }
    while (pos > start && c->s[pos - 1] && strchr(".,;:!?)]'", c->s[pos - 1]))
        pos--;
    return pos;
}

/* A mention is skipped like a URL, up to the next space, except that a
 * hashtag glued to it is read: tweets lose the space in "@SenateGOP#BuildTheWall". */
static size_t skip_mention(const cursor *c, size_t start, size_t pos)
{
    size_t end = skip_nonspace(c, start, pos);
    for (size_t p = pos; p + 1 < end; p++)
        if (c->s[p] == '#' && fl__cp_is_letter(peek_cp(c, p + 1)))
            return p;
    return end;
}

static inline int is_ascii_alnum(unsigned char b)
{
    return (unsigned)((b | 0x20) - 'a') < 26 || (unsigned)(b - '0') < 10;
}

static inline int is_ascii_letter(unsigned char b)
{
    return (unsigned)((b | 0x20) - 'a') < 26;
}

/* Twitter's short links are 10 letters or digits after "t.co/"; text
 * copied from tweets often glues the next hashtag or word to them
 * ("https://t.co/7SwCAAakK5#BuildTheWall"), and that is language again. */
static size_t skip_url(const cursor *c, size_t start)
{
    static const char *const shorteners[] = {"https://t.co/", "http://t.co/"};
    for (size_t i = 0; i < 2; i++) {
        size_t n = strlen(shorteners[i]);
        if (!has_prefix_ci(c, start, shorteners[i]))
            continue;
        size_t pos = start + n, id = 0;
        while (pos < c->end && id < 10 && is_ascii_alnum(c->s[pos])) {
            pos++;
            id++;
        }
        if (id == 10)
            return pos;
    }
    return skip_nonspace(c, start, start);
}

static void word_reset(word *w)
{
    memset(w->fold, 0, FL_VOCAB_INLINE);
    w->len = 0;
    w->overflow = 0;
}

static inline void word_put(word *w, char byte)
{
    if (w->len < sizeof w->fold)
        w->fold[w->len++] = byte;
    else
        w->overflow = 1;
}


/* ASCII, the common case: no tables, no calls. */
static inline void word_add_ascii(word *w, unsigned char b)
{
    word_put(w, (char)((unsigned)(b - 'A') < 26 ? b + 32 : b));
}

static void word_add(word *w, int32_t cp)
{
    if (cp < 0x80) {
        word_add_ascii(w, (unsigned char)cp);
        return;
    }
    if (w->overflow)
        return;
    size_t n = fl__fold_cp(cp, w->fold + w->len, sizeof w->fold - w->len);
    if (n == SIZE_MAX) {
        w->overflow = 1;
        return;
    }
    w->len += n;
}

/* "migrant's" is a form of "migrant" for every rule. */
static uint32_t possessive(const fl_tokenizer *t, const word *w)
{
    size_t len = w->len;
    if (len > 2 && w->fold[len - 2] == '\'' && w->fold[len - 1] == 's')
        return fl__vocab_find(t->vocab, w->fold, len - 2, fl__vocab_hash(w->fold, len - 2));
    return 0;
}

/* The id of a word of at least one byte in t's vocabulary, whose table is
 * `table` (t->table, which a caller may keep in registers). */
static FL_ALWAYS_INLINE uint32_t probe_in(const fl_tokenizer *t, fl_vocab_view table,
                                          const word *w)
{
    uint32_t id = fl__vocab_probe_padded(table, w->fold, w->len)->id;
    /* Most words no rule mentions do not end in 's: asked here, not in a call. */
    if (id || w->len <= 2 || w->fold[w->len - 1] != 's')
        return id;
    return possessive(t, w);
}

/* The id of a word of at least one byte, with a vocabulary to look in. */
static FL_ALWAYS_INLINE uint32_t probe(const fl_tokenizer *t, const word *w)
{
    return probe_in(t, t->table, w);
}

/* Inline in every emit: it runs for every word, and the call around it
 * cost more instructions (4.5M of 256M on 2 MB of drafts) than it was
 * worth. */
static FL_ALWAYS_INLINE uint32_t lookup(const fl_tokenizer *t, const word *w)
{
    if (!t->vocab || !w->len)
        return 0;
    return probe(t, w);
}

static int starts_sentence(const fl_tokenizer *t, const cursor *c, uint32_t off)
{
    if (t->toks.len == 0 || (t->pending & FL_PENDING_HARD))
        return 1;
    if (!(t->pending & FL_PENDING_SENTENCE))
        return 0;
    int32_t cp = peek_cp(c, off);
    return fl__cp_is_upper(cp) || fl__cp_is_digit(cp) || !fl__cp_is_letter(cp);
}

/* The flags of a token inside the open quotations (0 outside any). */
static unsigned quote_flags(const fl_tokenizer *t)
{
    if (!t->quote_depth)
        return 0;
    return FL_TOKF_QUOTED | (t->quote_depth < 15 ? t->quote_depth : 15u) << FL_TOKF_DEPTH_SHIFT;
}

/* The flags the tokenizer's state gives the token at `off`: for a token
 * with something pending, inside a quotation, or first in its block. */
static unsigned state_flags(const fl_tokenizer *t, const cursor *c, uint32_t off)
{
    unsigned flags = quote_flags(t);
    if (t->pending & FL_PENDING_HYPHEN)
        flags |= FL_TOKF_HYPHEN;
    if (starts_sentence(t, c, off))
        flags |= FL_TOKF_SENT_START;
    if (t->pending & FL_PENDING_QUOTE)
        flags |= FL_TOKF_QUOTE_OPEN;
    return flags;
}

/* state_flags for the token about to be appended, noting it in t->starts
 * when it starts a sentence (t->nomem when that fails); out of line, as
 * few tokens have anything pending. */
static FL_NOINLINE unsigned pending_flags(fl_tokenizer *t, const cursor *c, uint32_t off)
{
    unsigned f = state_flags(t, c, off);
    if ((f & FL_TOKF_SENT_START) &&
        FL_VEC_PUSH(t->alloc, &t->starts, (uint32_t)t->toks.len) < 0)
        t->nomem = 1;
    return f;
}

/* Appends a token whose word ids are known. */
static FL_ALWAYS_INLINE int push_token(fl_tokenizer *t, const cursor *c, size_t start,
                                       size_t end, fl_tok_class cls, unsigned flags,
                                       uint32_t id, uint32_t affix)
{
    fl_token tok;
    tok.off = (uint32_t)start;
    tok.len = (uint32_t)(end - start);
    tok.cls = (uint16_t)cls;
    tok.word = id;
    tok.affix = affix;
    /* a block's first token has HARD pending, so it always starts one */
    if (t->pending | t->quote_depth) {
        flags |= pending_flags(t, c, tok.off);
        t->pending = 0; /* (most tokens have nothing pending to clear) */
    }
    if (cls != FL_TOK_WORD && FL_VEC_PUSH(t->alloc, &t->numbers, (uint32_t)t->toks.len) < 0)
        return FL_ENOMEM;
    tok.flags = (uint16_t)flags;
    return FL_VEC_PUSH(t->alloc, &t->toks, tok);
}

static FL_ALWAYS_INLINE int emit(fl_tokenizer *t, const cursor *c, size_t start,
                                 size_t end, fl_tok_class cls, unsigned flags,
                                 const word *w)
{
    uint32_t id = 0, affix = 0;
    if (cls == FL_TOK_WORD && w && !w->overflow && w->len) {
        if (t->intern) {
            if (fl__vocab_intern(t->intern, w->fold, w->len, &id) < 0)
                return FL_ENOMEM;
        } else {
            id = lookup(t, w);
            if (t->affixes)
                affix = fl__vocab_affix(t->vocab, w->fold, w->len);
        }
    }
    return push_token(t, c, start, end, cls, flags, id, affix);
}

/* Nonzero if the innermost open quotation closes with `closer`. */
static int quote_top(const fl_tokenizer *t, int32_t closer)
{
    size_t cap = sizeof t->quote_close / sizeof *t->quote_close;
    return t->quote_depth && t->quote_depth <= cap &&
           t->quote_close[t->quote_depth - 1] == closer;
}

/* A single quotation glued to the next sentence, as tweets run together
 * ("…surge in arrivals'Very disappointed"): an apostrophe between a
 * lower-case letter and a capital, while a quotation opened with that mark
 * is open, closes it. A contraction never continues with a capital
 * ("don't", "it's"), and a name that does ("O'Brien") starts with one. */
static int closes_glued_quote(const fl_tokenizer *t, const cursor *c, size_t pos,
                              int32_t cp, int32_t next)
{
    return is_apostrophe(cp) && pos > 0 && c->s[pos - 1] >= 'a' && c->s[pos - 1] <= 'z' &&
           fl__cp_is_upper(next) && quote_top(t, cp == 0x2019 ? 0x2019 : '\'');
}

/* French and Italian elision: "l'afflux" is "l'" + "afflux", so the noun can
 * start a phrase. */
static int is_elision(const word *w)
{
    static const char *const prefixes[] = {"l", "d", "j", "m", "n", "s", "t",
                                           "c", "qu", "jusqu", "lorsqu",
                                           "puisqu", "quoiqu", NULL};
    for (const char *const *p = prefixes; *p; p++) {
        size_t k = 0; /* strlen and memcmp in one pass */
        while (k < w->len && (*p)[k] && (*p)[k] == w->fold[k])
            k++;
        if (k == w->len && !(*p)[k])
            return 1;
    }
    return 0;
}

/* Text pasted from tweets and headlines loses its line breaks: "Illegal
 * AliensThe report", "Keep Pouring InThe". A capital after a whole
 * lower-case word of three letters or more ("Aliens", "pouring") starts a
 * new word, so the phrase before it still matches. Shorter or mixed stems
 * stay one word (McDonald, iPhone, PhD, DeSantis), and so does German's
 * inclusive "MigrantInnen" / "MigrantIn". */
static int glued_word_ends(const unsigned char *s, size_t start, size_t upper,
                           size_t end)
{
    if (upper - start < 3 || upper + 1 >= end || !is_ascii_letter(s[upper + 1]))
        return 0;
    for (size_t i = start + 1; i < upper; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return 0;
    if (s[upper] == 'I' && s[upper + 1] == 'n') {
        size_t q = upper + 2;
        if (q + 3 <= end && memcmp(s + q, "nen", 3) == 0)
            q += 3;
        if (q >= end || !is_ascii_letter(s[q]))
            return 0;
    }
    return 1;
}

/* ASCII letters and digits folded to lower case; 0 for every other byte
 * (bytes from 0x80 are 0 too: non-ASCII words take the full scan). */
static const unsigned char ascii_fold[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 0, 0, 0, 0, 0, 0,
    0, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 0, 0, 0, 0, 0,
    0, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 0, 0, 0, 0, 0,
};

/* ascii_fold with bit 8 set for a capital, so the plain word loop learns
 * both from one load. */
static const uint16_t fold_caps[256] = {
    0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000,
    0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000,
    0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000,
    0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000,
    0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000,
    0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000,
    0x030, 0x031, 0x032, 0x033, 0x034, 0x035, 0x036, 0x037,
    0x038, 0x039, 0x000, 0x000, 0x000, 0x000, 0x000, 0x000,
    0x000, 0x161, 0x162, 0x163, 0x164, 0x165, 0x166, 0x167,
    0x168, 0x169, 0x16a, 0x16b, 0x16c, 0x16d, 0x16e, 0x16f,
    0x170, 0x171, 0x172, 0x173, 0x174, 0x175, 0x176, 0x177,
    0x178, 0x179, 0x17a, 0x000, 0x000, 0x000, 0x000, 0x000,
    0x000, 0x061, 0x062, 0x063, 0x064, 0x065, 0x066, 0x067,
    0x068, 0x069, 0x06a, 0x06b, 0x06c, 0x06d, 0x06e, 0x06f,
    0x070, 0x071, 0x072, 0x073, 0x074, 0x075, 0x076, 0x077,
    0x078, 0x079, 0x07a, 0x000, 0x000, 0x000, 0x000, 0x000,
};

/* Bytes that, right after a plain ASCII word, may make it something else
 * (word_goes_on asks which): '&', '\'', '-', '.', ':', '@' and every byte
 * from 0x80. Most words end at a space or a comma, which one look-up
 * clears. */
#define ONES16 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
static const unsigned char word_may_go_on[256] = {
    ['&'] = 1, ['\''] = 1, ['-'] = 1, ['.'] = 1, [':'] = 1, ['@'] = 1,
    [0x80] = ONES16, ONES16, ONES16, ONES16, ONES16, ONES16, ONES16, ONES16,
};
#undef ONES16

#if defined(__SSE2__)
/* Most words are shorter than 16 bytes and sit at least 16 bytes before
 * their segment's end: one load finds where such a word ends, folds it and
 * finds its first inner capital, instead of a table load and a branch per
 * byte (3% of instructions and a tenth of the mispredicted branches on the
 * shared benchmark corpus). Sets w->fold's first
 * FL_VOCAB_INLINE bytes (zero from the word's end on) and returns the
 * word's length, with *upper the offset of its first capital after the
 * first byte or 0; returns 0 when the word is 16 bytes or longer. */
static size_t fold_short_word(const unsigned char *s, word *w, size_t *upper)
{
    static const unsigned char keep[32] = {
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    /* (x + bias) < limit as signed bytes is "x - base < width" unsigned */
    const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
    const __m128i is_letter = _mm_cmplt_epi8(_mm_add_epi8(lower, _mm_set1_epi8((char)(0x80 - 'a'))),
                                             _mm_set1_epi8((char)(0x80 + 26)));
    const __m128i is_digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - '0'))),
                                            _mm_set1_epi8((char)(0x80 + 10)));
    unsigned letters = (unsigned)_mm_movemask_epi8(is_letter);
    unsigned word_bytes = letters | (unsigned)_mm_movemask_epi8(is_digit);
    if (word_bytes == 0xffffu)
        return 0;
    size_t len = (size_t)__builtin_ctz(~word_bytes);
    /* Digits have the 0x20 bit already, so one OR folds the whole word;
     * a capital is a letter without it (bit 5 shifted up to each byte's
     * top bit, which is all movemask reads). */
    __m128i folded = _mm_and_si128(lower, _mm_loadu_si128((const __m128i *)(const void *)(keep + 16 - len)));
    _mm_storeu_si128((__m128i *)(void *)w->fold, folded);
    unsigned small = (unsigned)_mm_movemask_epi8(_mm_slli_epi16(v, 2));
    unsigned inner_caps = letters & ~small & ((1u << len) - 2u);
    *upper = inner_caps ? (size_t)__builtin_ctz(inner_caps) : 0;
    return len;
}
#endif

/* What plain_ascii_word makes of the byte at p, right after the word at
 * pos, when word_may_go_on marks it: 0 when the word needs the full scan,
 * else the word's end, which a link glued on after ':' moves back ("did
 * not accept illegal immigrantshttps://t.co/…"). A URL's first word ends
 * at ':' or '.' ("https:", "www."), so only those words ask about URLs. */
static size_t word_goes_on(const cursor *c, size_t pos, size_t p, word *w)
{
    const unsigned char *s = c->s;
    unsigned char b = s[p];
    unsigned char next = p + 1 < c->end ? s[p + 1] : 0;
    if (b >= 0x80 || b == '@' || b == '\'' || (b == '&' && c->entities) ||
        (b == '-' && ascii_fold[next]) || (b == '.' && p - pos == 1))
        return 0;
    if ((b == ':' || b == '.') && is_url_start(c, pos))
        return 0;
    if (b == ':') {
        size_t cut = glued_url_at(c, pos, p);
        if (cut < p) {
            memset(w->fold + (cut - pos), 0, sizeof w->fold - (cut - pos));
            return cut;
        }
    }
    return p;
}

/* The common case: a word of ASCII letters and digits that ends in a space
 * or plain punctuation, folded in the same pass that finds its end. Returns
 * the end, or 0 when the word needs the full scan (apostrophe or dot
 * inside, a hyphen, an entity, e-mail, a URL, non-ASCII, too long). Such a
 * word never overflows; w->overflow is left for emit's callers to clear
 * (the plain word loop, which calls no emit, would store it for nothing). */
static FL_ALWAYS_INLINE size_t plain_ascii_word(const cursor *c, size_t pos, word *w)
{
    const unsigned char *s = c->s;
    size_t p, upper = 0;
#if defined(__SSE2__)
    /* A short word with 16 bytes to read: it ends before the segment
     * does and before FL_MAX_WORD_BYTES, so only the byte after it is
     * asked about. */
    if (c->end - pos >= 16 && (p = fold_short_word(s + pos, w, &upper)) != 0) {
        p += pos;
        if (upper && glued_word_ends(s, pos, pos + upper, c->end)) {
            memset(w->fold + upper, 0, sizeof w->fold - upper);
            p = pos + upper;
        } else if (word_may_go_on[s[p]] && !(s[p] == '.' && p - pos > 1 && p - pos != 3) &&
                   !(p = word_goes_on(c, pos, p, w))) {
            /* (a word before a full stop, most often a sentence's last,
             * goes on only as "www.": word_goes_on asks for nothing else
             * of a word of two letters or more) */
            return 0;
        }
        w->len = p - pos;
        return p;
    }
#endif
    size_t limit = c->end - pos < sizeof w->fold ? c->end : pos + sizeof w->fold;
    {
        memset(w->fold, 0, FL_VOCAB_INLINE);
        /* The first byte is a letter (the caller checked), so the loop below
         * starts after it and only ORs together its bytes' capital bits:
         * capitals inside a word are rare, and the first one is looked for
         * again only when there is one, once the end is known. */
        w->fold[0] = (char)ascii_fold[s[pos]];
        unsigned caps = 0;
        for (p = pos + 1; p < limit; p++) {
            unsigned f = fold_caps[s[p]];
            if (!f)
                break;
            caps |= f;
            w->fold[p - pos] = (char)f;
        }
        if (caps & 0x100)
            for (upper = pos + 1; ascii_fold[s[upper]] == s[upper]; upper++)
                ;
    }
    if (upper && glued_word_ends(s, pos, upper, c->end)) {
        memset(w->fold + (upper - pos), 0, sizeof w->fold - (upper - pos));
        p = upper;
    } else if (p == limit && p < c->end && ascii_fold[s[p]]) {
        return 0; /* longer than a rule word can be */
    }
    if (p < c->end && word_may_go_on[s[p]] && !(p = word_goes_on(c, pos, p, w)))
        return 0;
    w->len = p - pos;
    return p;
}

/* Scans one word starting at `pos`; may emit an elided prefix and the
 * parts of a hyphenated word as tokens of their own. Returns the end. */
static size_t scan_word(fl_tokenizer *t, const cursor *c, size_t pos,
                        unsigned flags, int *error)
{
    word w;
    word_reset(&w);
    size_t start = pos;
    unsigned since_dot = 0; /* letters since the start or the last '.' */
    unsigned dots = 0;
    while (pos < c->end) {
        if (is_ascii_alnum(c->s[pos])) {
            word_add_ascii(&w, c->s[pos++]);
            since_dot++;
            continue;
        }
        int32_t cp;
        size_t n = peek(c, pos, &cp);
        if (is_word_cp(cp)) {
            word_add(&w, cp);
            since_dot++;
            pos += n;
            continue;
        }
        int32_t next = peek_cp(c, pos + n);
        if (cp == 0xAD && is_word_cp(next) && w.len) {
            pos += n; /* a soft hyphen only says where the word may break */
            continue;
        }
        if (closes_glued_quote(t, c, pos, cp, next))
            break;
        if (is_apostrophe(cp) && is_word_cp(next) && !fl__cp_is_digit(next)) {
            if (is_elision(&w)) {
                word_put(&w, '\'');
                if ((*error = emit(t, c, start, pos + n, FL_TOK_WORD,
                                   flags | FL_TOKF_ELIDED, &w)) < 0)
                    return c->end;
                word_reset(&w);
                start = pos + n;
            } else {
                word_put(&w, '\'');
            }
            pos += n;
            continue;
        }
        if (is_apostrophe(cp) && !is_word_cp(next) && is_elision(&w) &&
            !quote_top(t, cp == 0x2019 ? 0x2019 : '\'')) {
            /* A rule phrase may end in an elided word ("vague d'"): keep the
             * apostrophe, so it matches the "d'" of "d'immigrés". Unless it
             * closes a quotation ("rock 'n' roll"). */
            word_put(&w, '\'');
            pos += n;
            flags |= FL_TOKF_ELIDED;
            break;
        }
        if (cp == '.' && since_dot == 1 && fl__cp_is_letter(next)) {
            /* U.S., e.g., i.e.: an abbreviation, not a sentence end. */
            word_put(&w, '.');
            dots++;
            since_dot = 0;
            pos += n;
            continue;
        }
        break;
    }
    if (dots && pos < c->end && c->s[pos] == '.' && since_dot == 1) {
        pos++;
        flags |= FL_TOKF_ACRONYM;
    }
    if (pos + 1 < c->end && c->s[pos] == '@' && is_word_cp(c->s[pos + 1]))
        return skip_nonspace(c, start, pos); /* an e-mail address */
    if ((*error = emit(t, c, start, pos, FL_TOK_WORD, flags, &w)) < 0)
        return c->end;
    int32_t cp;
    size_t n = pos < c->end ? peek(c, pos, &cp) : 0;
    if (n && is_hyphen(cp) && is_word_cp(peek_cp(c, pos + n)))
        t->pending |= FL_PENDING_HYPHEN;
    return pos;
}

/* "12 500", "1 250 000": French and German group thousands with a space
 * (often a no-break or thin one). A space separates groups only between a
 * group of one to three digits and exactly three more, so "in 2019 500
 * people" stays two numbers. Returns the space's length, or 0. */
static FL_NOINLINE size_t group_space(const cursor *c, size_t pos, unsigned group)
{
    int32_t cp;
    size_t n = peek(c, pos, &cp);
    if (group < 1 || group > 3 || !(cp == ' ' || cp == 0xA0 || cp == 0x202F || cp == 0x2009))
        return 0;
    size_t d = pos + n;
    for (int i = 0; i < 3; i++, d++) {
        if (d >= c->end || !is_digit_cp(c->s[d]))
            return 0;
    }
    return d < c->end && (is_digit_cp(c->s[d]) || fl__cp_is_letter(peek_cp(c, d))) ? 0 : n;
}

static FL_ALWAYS_INLINE size_t scan_digits(const cursor *c, size_t pos, unsigned *digits,
                          unsigned *seps, unsigned long *value)
{
    /* Counts in locals: a store through `value` (an unsigned long, as
     * c->end is) would make the compiler reload the cursor each digit. */
    const unsigned char *s = c->s;
    const size_t end = c->end;
    unsigned group = 0; /* digits since the number's start or last separator */
    unsigned nd = *digits, ns = *seps;
    unsigned long v = *value;
    size_t n;
    while (pos < end) {
        unsigned char b = s[pos];
        if (b >= '0' && b <= '9') {
            nd++;
            group++;
            if (v < 100000000ul)
                v = v * 10 + (unsigned long)(b - '0');
            pos++;
            continue;
        }
        if ((b == ',' || b == '.') && pos + 1 < end && is_digit_cp(s[pos + 1])) {
            ns++;
            pos++;
        } else if (((b == ' ' && group - 1 < 3 && pos + 1 < end && is_digit_cp(s[pos + 1])) ||
                    b >= 0x80) &&
                   (n = group_space(c, pos, group))) {
            /* every space group_space takes is ' ' or starts with a byte >=
             * 0x80, and comes after one to three digits and before one: most
             * numbers end at a space before a word, which is left at once
             * (out of line, group_space cost the loop its registers) */
            ns++;
            pos += n;
        } else {
            break;
        }
        group = 0;
    }
    *digits = nd;
    *seps = ns;
    *value = v;
    return pos;
}

static size_t scan_letters(const cursor *c, size_t pos, char *out, size_t cap,
                           size_t *n)
{
    *n = 0;
    while (pos < c->end) {
        unsigned char b = c->s[pos];
        if (!((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')))
            break;
        if (*n < cap)
            out[*n] = (char)(b | 0x20);
        (*n)++;
        pos++;
    }
    return pos;
}

/* "45 per cent", "45 pour cent", "45 por ciento", "45 Prozent": the words
 * belong to the quantity. Returns the end, or 0. */
static size_t percent_words(const cursor *c, size_t pos)
{
    static const char *const words[] = {"per cent", "percent", "pour cent",
                                        "por ciento", "prozent", NULL};
    /* They all start with a p; most numbers are followed by other words. */
    if (pos >= c->end || (c->s[pos] | 0x20) != 'p')
        return 0;
    for (const char *const *w = words; *w; w++) {
        if (!has_prefix_ci(c, pos, *w))
            continue;
        size_t end = pos + strlen(*w);
        if (!is_word_cp(peek_cp(c, end)))
            return end;
    }
    return 0;
}

/* What follows a number decides its class: %, a currency sign, a suffix
 * (st/nd/rd/th, s after a year, units), a range, a date or a time. */
static FL_NOINLINE size_t number_tail_slow(const cursor *c, size_t pos, fl_tok_class *cls)
{
    int32_t cp;
    size_t n = pos < c->end ? peek(c, pos, &cp) : 0;
    if (!n)
        return pos;
    if (cp == '%')
        return *cls = FL_TOK_PERCENT, pos + n;
    if (cp == ' ' || cp == 0xA0 || cp == 0x202F) {
        int32_t after;
        size_t m = pos + n < c->end ? peek(c, pos + n, &after) : 0;
        if (m && after == '%')
            return *cls = FL_TOK_PERCENT, pos + n + 1;
        if (m && fl__cp_is_currency(after)) /* French and German "4 200 €" */
            return *cls = FL_TOK_MONEY, pos + n + m;
        size_t end = percent_words(c, pos + n);
        if (end)
            return *cls = FL_TOK_PERCENT, end;
    }
    if (fl__cp_is_currency(cp))
        return *cls = FL_TOK_MONEY, pos + n;
    if (cp < 0x80 && fl__cp_is_letter(cp)) {
        char suf[4];
        size_t len;
        size_t end = scan_letters(c, pos, suf, sizeof suf, &len);
        if (is_word_cp(peek_cp(c, end)))
            return pos; /* "3D1x": not a unit, leave as is */
        int year_plural = *cls == FL_TOK_YEAR && len == 1 && suf[0] == 's';
        if (len == 2 && (!memcmp(suf, "st", 2) || !memcmp(suf, "nd", 2) ||
                         !memcmp(suf, "rd", 2) || !memcmp(suf, "th", 2)))
            *cls = FL_TOK_ORDINAL;
        else if (!year_plural)
            *cls = FL_TOK_NUMBER; /* a unit or scale: 10km, 2bn */
        return end;
    }
    if ((cp == '/' || cp == ':') && is_digit_cp(peek_cp(c, pos + 1))) {
        unsigned d = 0, s = 0;
        unsigned long v = 0;
        size_t end = scan_digits(c, pos + 1, &d, &s, &v);
        if (cp == '/' && *cls == FL_TOK_YEAR && d == 2 && s == 0)
            return end; /* fiscal year 2023/24 */
        *cls = FL_TOK_DATE;
        if (end < c->end && c->s[end] == '/' && is_digit_cp(peek_cp(c, end + 1))) {
            d = s = 0;
            end = scan_digits(c, end + 1, &d, &s, &v);
        }
        return end;
    }
    return pos;
}

static FL_ALWAYS_INLINE size_t number_tail(const cursor *c, size_t pos, fl_tok_class *cls)
{
    /* Most numbers end at punctuation, or at a space before a word: such
     * ASCII starts none of the tails read below (a sign, a suffix, a date's
     * '/' or ':', "per cent", or a reference, '&', that may decode to one).
     * Inline, with the rest out of line: the call cost more than the test. */
    if (pos < c->end) {
        unsigned char b = c->s[pos];
        if (b == ' ' && pos + 1 < c->end) {
            unsigned char a = c->s[pos + 1];
            if (a < 0x80 && a != '&' && a != '%' && a != '$' && (a | 0x20) != 'p')
                return pos;
        } else if (b < 0x80 && b != ' ' && b != '&' && b != '%' && b != '$' && b != '/' &&
                   b != ':' && !is_ascii_letter(b)) {
            return pos;
        }
    }
    return number_tail_slow(c, pos, cls);
}

/* Is the word s[0..len), with ASCII capitals folded, in `list`? The lists
 * below are short, sorted byte-wise (a unit test checks), and asked about
 * every number and full stop, so a binary search replaces a scan. Most
 * words asked about ("people", "of", "million") are in no list, so each
 * list also has, per first letter, a bit per length its words have (bit n:
 * a word of n bytes starts with that letter; a unit test checks these too),
 * and a word whose letter and length no entry shares is not searched. */
static FL_NOINLINE int listed_search(const char *const *list, size_t n, const char *s,
                                      size_t len)
{
    char low[16];
    for (size_t i = 0; i < len; i++)
        low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    low[len] = '\0';
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *entry = list[mid];
        int d = (unsigned char)entry[0] - (unsigned char)low[0];
        if (d == 0) { /* strcmp's order, without the call: the words are short */
            size_t k = 1;
            while (entry[k] && entry[k] == low[k])
                k++;
            d = (unsigned char)entry[k] - (unsigned char)low[k];
        }
        if (d == 0)
            return 1;
        if (d < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* The index of a word's second byte in a list's `seconds` table: its
 * letter in either case, or 26 for any other byte. */
static FL_ALWAYS_INLINE unsigned second_byte_bit(unsigned char b)
{
    unsigned k = (b | 0x20u) - 'a'; /* below 26 for A-Z and a-z only */
    return k < 26 ? k : 26;
}

/* The letter, length and second-byte tests inline: most words fail them
 * ("than", "with" and "the" before a number share a label word's first
 * letter and length but not its second letter), and a search cost ~200
 * instructions (5,000 asks on the 2 MB slice, 27,000 tests). */
static FL_ALWAYS_INLINE int listed(const char *const *list, size_t n, const uint16_t lengths[26],
                                   const uint32_t seconds[26], const char *s, size_t len)
{
    if (len == 0 || len >= 16)
        return 0;
    unsigned letter = ((unsigned char)s[0] | 0x20u) - 'a'; /* every entry starts a-z */
    if (letter >= 26 || !(lengths[letter] >> len & 1))
        return 0;
    if (len >= 2 && !(seconds[letter] >> second_byte_bit((unsigned char)s[1]) & 1))
        return 0;
    return listed_search(list, n, s, len);
}

#define LISTED(list, s, len) \
    listed(list, sizeof list / sizeof *list, list##_lengths, list##_seconds, s, len)

/* Month names in the four languages the rules ship, lower-case, as written. */
static const char *const months[] = {
    "abril", "agosto", "ao\303\273t", "apr", "april", "aug", "august", "avril", "dec",
    "december", "dezember", "diciembre", "d\303\251cembre", "enero", "feb", "febrero",
    "februar", "february", "f\303\251vrier", "jan", "januar", "january", "janvier",
    "juillet", "juin", "jul", "juli", "julio", "july", "jun", "june", "juni", "junio",
    "mai", "mar", "march", "mars", "marzo", "may", "mayo", "m\303\244rz", "nov",
    "november", "novembre", "noviembre", "oct", "october", "octobre", "octubre", "oktober",
    "sep", "sept", "september", "septembre", "septiembre", "setiembre"};
/* listed()'s lengths per first letter, a to z. */
static const uint16_t months_lengths[26] = {
    0x0068, 0x0000, 0x0000, 0x0308, 0x0020, 0x0188, 0x0000, 0x0000,
    0x0000, 0x00f8, 0x0000, 0x0000, 0x0038, 0x0308, 0x0088, 0x0000,
    0x0000, 0x0000, 0x0618, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    0x0000, 0x0000,
};
/* listed()'s second bytes per first letter, a to z: bit k for a word
 * whose second byte is the letter 'a' + k in either case, bit 26 for any
 * other byte. */
static const uint32_t months_seconds[26] = {
    0x030c042, 0x0000000, 0x0000000, 0x4000110, 0x0002000, 0x4000010,
    0x0000000, 0x0000000, 0x0000000, 0x0100001, 0x0000000, 0x0000000,
    0x4000001, 0x0004000, 0x0000404, 0x0000000, 0x0000000, 0x0000000,
    0x0000010, 0x0000000, 0x0000000, 0x0000000, 0x0000000, 0x0000000,
    0x0000000, 0x0000000,
};

/* Inline in the number path, which asks about the words on both sides of
 * nearly every number (15,000 calls on the 2 MB slice). */
static FL_ALWAYS_INLINE int is_month(const char *s, size_t len)
{
    return len >= 3 && LISTED(months, s, len);
}

int fl__tok_is_month(const char *s, size_t len)
{
    return is_month(s, len);
}

/* The letters of the word that starts at or after `pos` (past spaces and,
 * when `dot`, one full stop); sets *len. */
static size_t next_word(const cursor *c, size_t pos, int dot, size_t *len)
{
    if (dot && pos < c->end && c->s[pos] == '.')
        pos++;
    while (pos < c->end && (c->s[pos] == ' ' || c->s[pos] == '\t'))
        pos++;
    size_t end = pos;
    while (end < c->end && (c->s[end] >= 0x80 || is_ascii_letter(c->s[end])))
        end++;
    *len = end - pos;
    return pos;
}

/* English's abbreviated months, which a full stop follows ("May", "June"
 * and "July" are written out, so a stop after them ends a sentence). */
static int is_month_abbreviation(const char *s, size_t len)
{
    static const char *const abbreviations[] = {"apr", "aug", "dec", "feb", "jan", "jun",
                                                "jul", "mar", "nov", "oct", "sep", "sept"};
    char folded[4];
    if (len < 3 || len > sizeof folded)
        return 0;
    for (size_t i = 0; i < len; i++)
        folded[i] = (char)ascii_fold[(unsigned char)s[i]];
    for (size_t i = 0; i < sizeof abbreviations / sizeof *abbreviations; i++)
        if (strlen(abbreviations[i]) == len && !memcmp(folded, abbreviations[i], len))
            return 1;
    return 0;
}

/* The word token right before `start`, with at most a full stop ("Aug. 8",
 * "p. 12"; *dotted says so) and spaces between, or NULL. */
static const fl_token *word_just_before(const fl_tokenizer *t, const cursor *c, size_t start,
                                        int *dotted)
{
    if (!t->toks.len)
        return NULL;
    const fl_token *prev = &t->toks.ptr[t->toks.len - 1];
    size_t gap = (size_t)prev->off + prev->len;
    *dotted = gap < start && c->s[gap] == '.';
    gap += (size_t)*dotted;
    while (gap < start && (c->s[gap] == ' ' || c->s[gap] == '\t'))
        gap++;
    return gap == start && prev->cls == FL_TOK_WORD ? prev : NULL;
}

/* "4 July", "July 4", "12 mars", "3. Oktober", "18 de mayo": a day beside
 * its month is a date, which the density rules do not count as a figure. */
static int beside_month(const fl_tokenizer *t, const cursor *c, size_t start, size_t end)
{
    size_t len;
    size_t at = next_word(c, end, 1, &len);
    if (is_month((const char *)c->s + at, len))
        return 1;
    if ((len == 2 && !memcmp(c->s + at, "de", 2)) ||
        (len == 3 && !memcmp(c->s + at, "del", 3))) {
        at = next_word(c, at + len, 0, &len);
        if (is_month((const char *)c->s + at, len))
            return 1;
    }
    /* After a full stop only an abbreviation ("Aug. 8", "Sept. 3") makes a
     * date: "on 27 December. 120 people came" is a sentence's end. */
    int dotted;
    const fl_token *prev = word_just_before(t, c, start, &dotted);
    return prev && is_month(t->doc + prev->off, prev->len) &&
           (!dotted || is_month_abbreviation(t->doc + prev->off, prev->len));
}

/* Is the word at `s` (`len` bytes, ASCII letters folded) one of `words`? */
static int folded_is_one_of(const char *s, size_t len, const char *const *words, size_t n)
{
    char folded[16];
    if (len == 0 || len > sizeof folded)
        return 0;
    for (size_t i = 0; i < len; i++)
        folded[i] = (char)ascii_fold[(unsigned char)s[i]];
    for (size_t i = 0; i < n; i++) {
        /* strlen and memcmp in one pass, without their calls */
        size_t k = 0;
        while (k < len && words[i][k] && words[i][k] == folded[k])
            k++;
        if (k == len && !words[i][len])
            return 1;
    }
    return 0;
}

/* "2107 asylum seekers were detained, 29 more than the capacity of 2078
 * people": a four-digit count written without a separator looks like a
 * year, but the people it counts say it is none, unless a word of time
 * comes before it ("in 2019 people fled", "since 2015 migrants have"). */
static int counts_people(const fl_tokenizer *t, const cursor *c, size_t start, size_t end)
{
    static const char *const counted[] = {
        "people", "persons", "migrants", "refugees", "immigrants", "asylum", "children",
        "families", "adults", "men", "women", "applicants", "arrivals", "personnes",
        "menschen", "personas", "migrantes", "refugiados"};
    static const char *const of_time[] = {
        "in", "since", "by", "from", "until", "till", "to", "during", "before", "after",
        "around", "circa", "early", "late", "mid", "year", "spring", "summer", "autumn",
        "fall", "winter", "en", "depuis", "seit", "im", "bis", "desde", "hasta"};
    size_t len;
    size_t at = next_word(c, end, 0, &len);
    if (at == end || !folded_is_one_of((const char *)c->s + at, len, counted,
                                       sizeof counted / sizeof *counted))
        return 0;
    int dotted;
    const fl_token *prev = word_just_before(t, c, start, &dotted);
    return !prev || dotted ||
           !folded_is_one_of(t->doc + prev->off, prev->len, of_time,
                             sizeof of_time / sizeof *of_time);
}

/* Words a number after which is a label: "Figure 1", "Table 2", "Title 42",
 * "Article 8", "p. 12", "Nr. 3", in the four languages the rules ship, and
 * bills as US statehouses number them ("SB 35", "HB 1234", "Bill 21": a
 * tweet listing the bills a governor had not signed, en-heldout136), and
 * the numbered parts of a city, a school system or a network: school
 * "districts 2, 3, 10, 14, 24 and 30" (a New York report on newcomer
 * students, blind set 330), wards, zones, grades, routes, platforms. */
static const char *const label_words[] = {
    "abb", "abbildung", "abs", "absatz", "anexo", "anhang", "annex", "annexe", "annexes",
    "appendix", "art", "article", "articles", "artikel", "art\303\255culo", "bill", "bills",
    "box", "cap\303\255tulo", "carte", "chapitre", "chapter", "chapters", "chart", "clause",
    "clauses", "district", "districts", "exhibit", "fig", "figura", "figure", "figures",
    "footnote", "grade", "grades", "grafik", "graph", "graphique", "gr\303\241fico", "hb",
    "issue", "item", "kapitel", "level", "levels", "map", "no", "nos", "note", "nr", "number",
    "n\302\260", "p", "page", "pages", "para", "paragraph", "paragraphs", "part", "partie",
    "parts", "phase", "phases", "platform", "platforms", "pp", "protocol", "p\303\241gina",
    "resolution", "round", "route", "routes", "s", "sb", "schedule", "sec", "section",
    "sections", "seite", "stage", "stages", "tab", "tabelle", "tabla", "table", "tableau",
    "tables", "teil", "terminal", "terminals", "tier", "tiers", "title", "titre",
    "t\303\255tulo", "version", "vol", "volume", "ward", "wards", "week", "ziffer", "zone",
    "zones"};
/* listed()'s lengths per first letter, a to z. */
static const uint16_t label_words_lengths[26] = {
    0x03e8, 0x0038, 0x03e0, 0x0300, 0x0080, 0x01c8, 0x0360, 0x0004,
    0x0030, 0x0000, 0x0080, 0x0060, 0x0008, 0x005c, 0x0000, 0x07f6,
    0x0000, 0x0460, 0x01ee, 0x03f8, 0x0000, 0x00c8, 0x0030, 0x0000,
    0x0000, 0x0070,
};
/* listed()'s second bytes per first letter, a to z. */
static const uint32_t label_words_seconds[26] = {
    0x002a002, 0x0004100, 0x0000881, 0x0000100, 0x0800000, 0x0004100,
    0x0020000, 0x0000002, 0x00c0000, 0x0000000, 0x0000001, 0x0000010,
    0x0000001, 0x4124000, 0x0000000, 0x4028881, 0x0000000, 0x0004010,
    0x0080016, 0x4000111, 0x0000000, 0x0004010, 0x0000011, 0x0000000,
    0x0000000, 0x0004100,
};

static int is_label_word(const char *s, size_t len)
{
    return LISTED(label_words, s, len);
}

/* Does the number at `start` go on a list of labels: "Key Stages 1, 3 and
 * 4", "Articles 3 and 8", "Tiers 1, 2 or 5"? Only commas, slashes, "&",
 * "and" or "or" lie between it and the label number before it, and the
 * list was opened by a plural label word: after "Table 2, 300 people" the
 * 300 people are a figure. */
static int continues_labels(const fl_tokenizer *t, const cursor *c, size_t start)
{
    size_t n = t->toks.len, end = start;
    const fl_token *toks = t->toks.ptr;
    if (!n)
        return 0;
    const char *w = t->doc + toks[n - 1].off;
    int joined = 0; /* "and" and "or" are tokens of their own */
    if (toks[n - 1].cls == FL_TOK_WORD && n >= 2 &&
        (size_t)toks[n - 1].off + toks[n - 1].len + 1 == start &&
        ((toks[n - 1].len == 3 && !memcmp(w, "and", 3)) ||
         (toks[n - 1].len == 2 && !memcmp(w, "or", 2)))) {
        end = toks[--n].off;
        joined = 1;
    }
    const fl_token *prev = &toks[n - 1];
    size_t at = (size_t)prev->off + prev->len;
    if (prev->cls != FL_TOK_NUMBER || !(prev->flags & FL_TOKF_LABEL) || end < at ||
        end - at > 3)
        return 0;
    for (size_t i = at; i < end; i++) {
        if (!c->s[i] || !strchr(" ,/&", c->s[i]))
            return 0;
        joined |= c->s[i] != ' ';
    }
    /* back over the list to the word that opened it, within 64 tokens so
     * that a list of a million numbers stays linear */
    size_t k = n - 1, stop = n > 64 ? n - 64 : 0;
    while (k > stop && (toks[k].cls != FL_TOK_WORD || toks[k].len <= 3))
        k--;
    return joined && toks[k].cls == FL_TOK_WORD && toks[k].len > 3 &&
           (t->doc[toks[k].off + toks[k].len - 1] | 0x20) == 's' &&
           is_label_word(t->doc + toks[k].off, toks[k].len);
}

/* Is the number at `start` a label: after a label word (past spaces and a
 * full stop, "Fig. 3"), or on a list of them ("Articles 3 and 8")? */
static int is_label_number(const fl_tokenizer *t, const cursor *c, size_t start)
{
    int dotted;
    const fl_token *prev = word_just_before(t, c, start, &dotted);
    return (prev && is_label_word(t->doc + prev->off, prev->len)) ||
           continues_labels(t, c, start);
}

/* A reference marker is no figure: one glued to the word before it
 * ("applicants[1]", "applicants[1,2]"); "[1] [2] [3]" after a sentence; and
 * the superscript digits of a page copied as text, glued to the word and
 * stop before them ("their lives.2 In addition", "alone.3"). The last two
 * were seen in web excerpts (en-heldout39, en-heldout40) where they tipped
 * a sentence of three figures over the density rules' line. */
static int is_reference_marker(const cursor *c, size_t start, size_t end, unsigned digits,
                               unsigned seps)
{
    /* A subsection glued to the section before it: "Section 212(d)(5)",
     * "Article 8(2)" (a US statute cited in a parole explainer, blind set
     * 281). */
    if (start >= 2 && c->s[start - 1] == '(' &&
        (c->s[start - 2] == ')' || is_ascii_letter(c->s[start - 2]) ||
         is_digit_cp(c->s[start - 2])))
        return !seps && digits <= 3 && end < c->end && c->s[end] == ')';
    if (start >= 1 && c->s[start - 1] == '[') {
        if (start >= 2 && c->s[start - 2] != ' ' && c->s[start - 2] != '\n' &&
            c->s[start - 2] != '\t')
            return 1;
        return !seps && digits <= 3 && end < c->end && c->s[end] == ']';
    }
    if (seps || digits > 2 || start < 2 ||
        !(is_ascii_letter(c->s[start - 2]) || c->s[start - 2] == ')'))
        return 0;
    unsigned char stop = c->s[start - 1];
    return (stop == '.' || stop == ',' || stop == ';' || stop == ':' || stop == ')') &&
           (end == c->end || c->s[end] == ' ' || c->s[end] == '\n' || c->s[end] == '\t' ||
            c->s[end] == '\r');
}

/* In text-speak a lone 2 or 4 is "to" or "for": "refers 2 the …", "vote 4
 * their woman", "hav 2 play-out" (HatEval tweets in three real sets, where
 * such sentences counted as dense with figures). Only before a word no
 * quantity goes with: a pronoun, a determiner, "be" or a common verb;
 * "2 people", "4 years" and "2 a day" stay figures. */
static const char *const text_speak_words[] = {
    "be", "become", "bring", "come", "conquer", "destroy", "did", "didn", "didnt", "do",
    "don", "dont", "eat", "fight", "find", "get", "give", "go", "help", "her", "him", "his",
    "it", "its", "keep", "kill", "know", "leave", "let", "live", "make", "me", "my", "our",
    "pay", "play", "protect", "put", "save", "say", "see", "simplify", "solve", "speak",
    "stop", "take", "tell", "that", "the", "their", "them", "these", "think", "this",
    "those", "u", "ur", "us", "vote", "win", "work", "you", "your"};
/* listed()'s lengths per first letter, a to z. */
static const uint16_t text_speak_words_lengths[26] = {
    0x0000, 0x0064, 0x0090, 0x00bc, 0x0008, 0x0030, 0x001c, 0x0018,
    0x000c, 0x0000, 0x0010, 0x0038, 0x0014, 0x0000, 0x0008, 0x0098,
    0x0000, 0x0000, 0x0138, 0x0038, 0x0006, 0x0010, 0x0018, 0x0000,
    0x0018, 0x0000,
};
/* listed()'s second bytes per first letter, a to z. */
static const uint32_t text_speak_words_seconds[26] = {
    0x0000000, 0x0020010, 0x0004000, 0x0004110, 0x0000001, 0x0000100,
    0x0004110, 0x0000110, 0x0080000, 0x0000000, 0x0002110, 0x0000110,
    0x1000011, 0x0000000, 0x0100000, 0x0120801, 0x0000000, 0x0000000,
    0x008c111, 0x0000091, 0x0060000, 0x0004000, 0x0004100, 0x0000000,
    0x0004000, 0x0000000,
};

static int is_text_speak(const cursor *c, size_t start, size_t end)
{
    if (end != start + 1 || (c->s[start] != '2' && c->s[start] != '4') ||
        (start > 0 && c->s[start - 1] != ' ' && c->s[start - 1] != '\t' &&
         c->s[start - 1] != '\n') ||
        end + 1 >= c->end || c->s[end] != ' ')
        return 0;
    size_t len;
    size_t at = next_word(c, end, 0, &len);
    /* "didn't" and "don't" are read up to the apostrophe */
    return at == end + 1 && LISTED(text_speak_words, (const char *)c->s + at, len);
}

/* "1- Firang hatred…", "fact.2) Any…": a small number opening a sentence
 * with a list mark after it numbers a point; it counts nothing. So does
 * "2)" after a comma, in a list run into one line ("1) #BuildTheWall,
 * 2) #NoAmnesty"), and a number in brackets in the same places ("(1) rents
 * are high, (2) wages are low"): set 30's op-ed. A bracketed figure after a
 * word ("Syria (45), Iraq (12)", "arrivals (120) rose") still counts. */
static int is_list_marker(const cursor *c, size_t start, size_t end, unsigned long value)
{
    if (value > 99 || end + 1 >= c->end || !strchr(")-.", c->s[end]) ||
        (c->s[end + 1] != ' ' && c->s[end + 1] != '\t'))
        return 0;
    if (c->s[end] == '.') {
        /* "is: 1. nationalism … state 2. refugees are …" (a HatEval post,
         * en-heldout73): a sentence never goes on in lower case after a
         * figure that ends it, so the full stop numbers a point. With a
         * capital after it, only where a sentence starts ("simple:1.
         * Refugees", "?2. Who"), as for the other marks. */
        if (end + 2 >= c->end || !fl__cp_is_letter(peek_cp(c, end + 2)))
            return 0;
        if (!fl__cp_is_upper(peek_cp(c, end + 2)))
            return 1;
    }
    size_t p = start;
    if (p > 0 && c->s[p - 1] == '(') {
        if (c->s[end] != ')')
            return 0;
        p--;
    }
    while (p > 0 && (c->s[p - 1] == ' ' || c->s[p - 1] == '\t'))
        p--;
    return p == 0 || strchr(".!?:;\n\r", c->s[p - 1]) != NULL ||
           (c->s[end] == ')' && c->s[p - 1] == ',');
}

/* "Kenteris, 31, won gold": a small number between commas right after a
 * capitalised word is a person's age in news style, not a statistic. A
 * number in a list after a name ("Spain, 31, 45 and 60") is followed by
 * another number, not a word, and counts. */
static int is_age_apposition(const fl_tokenizer *t, const cursor *c, size_t start,
                             size_t end, unsigned long value)
{
    if (value > 120 || end + 2 >= c->end || c->s[end] != ',' || c->s[end + 1] != ' ' ||
        !t->toks.len)
        return 0;
    if (fl__cp_is_digit(peek_cp(c, end + 2)))
        return 0;
    const fl_token *prev = &t->toks.ptr[t->toks.len - 1];
    size_t gap = (size_t)prev->off + prev->len;
    if (prev->cls != FL_TOK_WORD || gap + 2 != start || c->s[gap] != ',' ||
        c->s[gap + 1] != ' ')
        return 0;
    return fl__cp_is_upper(peek_cp(c, prev->off));
}

/* "0845 8 505 505", "0800 555 111": a number written with a leading zero
 * and at least three digits is a telephone or reference number, which
 * names, and so are the groups after it; quantities drop the zero ("0.5"
 * has a point after it). */
static int is_dialling_code(const fl_tokenizer *t, const cursor *c, size_t start,
                            size_t digits_at, unsigned digits)
{
    if (digits >= 3 && digits_at + 1 < c->end && c->s[digits_at] == '0' &&
        c->s[digits_at + 1] >= '0' && c->s[digits_at + 1] <= '9')
        return 1;
    /* the groups that follow it, one space apart: "0845 8 505 505" */
    if (!t->toks.len)
        return 0;
    const fl_token *prev = &t->toks.ptr[t->toks.len - 1];
    return prev->cls == FL_TOK_NUMBER && (prev->flags & FL_TOKF_LABEL) &&
           (size_t)prev->off + prev->len + 1 == start && c->s[start - 1] == ' ';
}

/* Whether exactly n ASCII digits start at pos (no more): at most n + 1
 * bytes read, where counting the whole run read every digit of a long
 * number for each number's telephone test. */
static int digits_exactly(const cursor *c, size_t pos, size_t n)
{
    size_t k = 0;
    while (k <= n && pos + k < c->end && c->s[pos + k] >= '0' && c->s[pos + k] <= '9')
        k++;
    return k == n;
}

/* The end of a North American line number's last seven digits at `pos`
 * ("225-2915", "225.2915"), or 0. */
static size_t local_line_end(const cursor *c, size_t pos)
{
    if (!digits_exactly(c, pos, 3) || pos + 3 >= c->end ||
        (c->s[pos + 3] != '-' && c->s[pos + 3] != '.') || !digits_exactly(c, pos + 4, 4))
        return 0;
    return pos + 8;
}

/* The end of "202-456-1111" or "202.456.1111" at `pos`, or 0: one token,
 * which the range reading would otherwise split into "202-456" and 1111. */
static size_t phone_number_end(const cursor *c, size_t pos)
{
    if (!digits_exactly(c, pos, 3) || pos + 3 >= c->end)
        return 0;
    unsigned char sep = c->s[pos + 3];
    size_t end = local_line_end(c, pos + 4);
    return end && c->s[pos + 7] == sep ? end : 0;
}

/* A telephone number counts nothing: a HatEval post listing "(202)
 * 225-2915 @SpeakerRyan (202) 225-3031" read as a sentence dense with
 * statistics (blind set 169). The area code in brackets is a label when a
 * line number follows it, and so is the line number right after such an
 * area code. */
static int is_phone_part(const fl_tokenizer *t, const cursor *c, size_t start)
{
    const unsigned char *s = c->s;
    if (start > 0 && s[start - 1] == '(' && digits_exactly(c, start, 3) && start + 3 < c->end &&
        s[start + 3] == ')') {
        size_t at = start + 4 < c->end && s[start + 4] == ' ' ? start + 5 : start + 4;
        return local_line_end(c, at) != 0;
    }
    if (!t->toks.len)
        return 0;
    const fl_token *prev = &t->toks.ptr[t->toks.len - 1];
    size_t after = (size_t)prev->off + prev->len;
    return prev->cls == FL_TOK_NUMBER && (prev->flags & FL_TOKF_LABEL) && prev->len == 3 &&
           s[after] == ')' && (start == after + 1 || (start == after + 2 && s[after + 1] == ' ')) &&
           local_line_end(c, start) != 0;
}

/* A time of day is no figure: "from 12 to 2 pm Kyiv, 10 am - 12 pm UTC" (a
 * campaign post in en-heldout167) read as four statistics in a sentence.
 * The hour before "am" or "pm" ("10 am", "10am", "2 p.m.") is a time, as
 * "10:30" already is (number_tail). */
static int is_clock_time(const cursor *c, size_t start, size_t end)
{
    const unsigned char *s = c->s;
    /* "9am": the unit went into the number */
    if (end - start >= 3 && (s[end - 1] | 0x20) == 'm' &&
        ((s[end - 2] | 0x20) == 'a' || (s[end - 2] | 0x20) == 'p') && s[end - 3] >= '0' &&
        s[end - 3] <= '9')
        return 1;
    size_t at = end < c->end && s[end] == ' ' ? end + 1 : end;
    if (at + 1 >= c->end || ((s[at] | 0x20) != 'a' && (s[at] | 0x20) != 'p'))
        return 0;
    size_t m = at + 1 < c->end && s[at + 1] == '.' ? at + 2 : at + 1;
    if (m >= c->end || (s[m] | 0x20) != 'm')
        return 0;
    return m + 1 == c->end || !is_ascii_letter(s[m + 1]);
}

static size_t scan_number(fl_tokenizer *t, const cursor *c, size_t start,
                          size_t digits_at, int currency, int *error)
{
    size_t phone = currency ? 0 : phone_number_end(c, start);
    if (phone) {
        *error = emit(t, c, start, phone, FL_TOK_NUMBER, FL_TOKF_LABEL, NULL);
        return phone;
    }
    unsigned digits = 0, seps = 0;
    unsigned long value = 0;
    size_t pos = scan_digits(c, digits_at, &digits, &seps, &value);
    fl_tok_class cls = FL_TOK_NUMBER;
    if (!currency && !seps && digits == 4 && value >= 1500 && value <= 2100 &&
        !counts_people(t, c, start, pos))
        cls = FL_TOK_YEAR;
    pos = number_tail(c, pos, &cls);
    /* A range (500-900, 2019–2020) is one quantity. */
    int32_t cp;
    size_t n = pos < c->end ? peek(c, pos, &cp) : 0;
    if (n && (cp == '-' || cp == 0x2013) && is_digit_cp(peek_cp(c, pos + n))) {
        fl_tok_class second = cls;
        unsigned d2 = 0, s2 = 0;
        unsigned long v2 = 0;
        pos = number_tail(c, scan_digits(c, pos + n, &d2, &s2, &v2), &second);
        if (second == FL_TOK_PERCENT)
            cls = second;
    }
    if (currency && cls != FL_TOK_PERCENT)
        cls = FL_TOK_MONEY;
    unsigned flags = cls == FL_TOK_NUMBER && (beside_month(t, c, start, pos) ||
                                              is_clock_time(c, start, pos))
                         ? FL_TOKF_DATE
                         : 0;
    if (cls == FL_TOK_NUMBER && !flags &&
        (is_label_number(t, c, start) || is_reference_marker(c, start, pos, digits, seps) ||
         is_dialling_code(t, c, start, digits_at, digits) || is_phone_part(t, c, start) ||
         (!currency && is_text_speak(c, start, pos)) ||
         (!seps && (is_list_marker(c, start, pos, value) ||
                    is_age_apposition(t, c, start, pos, value)))))
        flags = FL_TOKF_LABEL;
    *error = emit(t, c, start, pos, cls, flags, NULL);
    /* "19-year-old": the word that follows is joined to the number, which
     * tells the density rules that this number is not a statistic. */
    n = pos < c->end ? peek(c, pos, &cp) : 0;
    if (n && is_hyphen(cp) && is_word_cp(peek_cp(c, pos + n)))
        t->pending |= FL_PENDING_HYPHEN;
    return pos;
}

/* A tag starts with a letter, or with digits and then a letter ("#1A",
 * "#911Day": a run of such tags read as figures made a HatEval post dense
 * with numbers, en-heldout69); "#2" alone is a number's sign. */
static int starts_hashtag(const cursor *c, size_t pos)
{
    while (pos < c->end && c->s[pos] >= '0' && c->s[pos] <= '9')
        pos++;
    return pos < c->end && fl__cp_is_letter(peek_cp(c, pos));
}

/* #StopTheInvasion, #send_them_back: one token per word of the tag, so the
 * words can match rules; the lint step widens a finding to the whole tag. */
static size_t scan_hashtag(fl_tokenizer *t, const cursor *c, size_t pos,
                           int *error)
{
    word w;
    word_reset(&w);
    size_t start = pos;
    int32_t prev = 0;
    t->hashtags = 1;
    while (pos < c->end) {
        /* "#MuslimInvasionhttps://t.co/…": the link glued on is no part */
        if (pos > start && fl__starts_link((const char *)c->s + pos, c->end - pos))
            break;
        int32_t cp;
        size_t n = peek(c, pos, &cp);
        int boundary = cp == '_' || !is_word_cp(cp) ||
                       (w.len && fl__cp_is_upper(cp) && !fl__cp_is_upper(prev)) ||
                       (w.len && fl__cp_is_upper(prev) && fl__cp_is_upper(cp) &&
                        fl__cp_is_letter(peek_cp(c, pos + n)) &&
                        !fl__cp_is_upper(peek_cp(c, pos + n)));
        if (boundary && w.len) {
            if ((*error = emit(t, c, start, pos, FL_TOK_WORD, FL_TOKF_HASHTAG, &w)) < 0)
                return c->end;
            word_reset(&w);
        }
        if (cp != '_' && !is_word_cp(cp))
            break;
        if (cp != '_') {
            if (!w.len)
                start = pos;
            word_add(&w, cp);
        }
        prev = cp;
        pos += n;
    }
    if (w.len)
        *error = emit(t, c, start, pos, FL_TOK_WORD, FL_TOKF_HASHTAG, &w);
    return pos;
}

/* "am 3. Oktober": the full stop after a day (a number marked as a date,
 * see beside_month) is no sentence end. */
static int day_before_month(const fl_tokenizer *t, size_t dot)
{
    const fl_token *last = &t->toks.ptr[t->toks.len - 1];
    return (last->flags & FL_TOKF_DATE) && (size_t)last->off + last->len == dot;
}

/* Sorted byte-wise for listed(); with the month abbreviations that wire
 * captions use ("Friday, Oct. 4, 2013"). */
static const char *const abbreviations[] = {
    "abs", "approx", "apr", "aprox", "art", "aug", "bzw", "ca", "capt", "cf", "ch", "col",
    "dec", "dept", "dr", "dra", "env", "etc", "evtl", "feb", "fig", "ft", "gen", "ggf",
    "gov", "hon", "inkl", "jan", "jr", "jul", "jun", "lt", "mar", "mds", "mio", "mlle",
    "mln", "mme", "mr", "mrd", "mrs", "ms", "mt", "no", "nos", "nov", "nr", "num", "oct",
    "pag", "para", "pp", "prof", "rep", "rev", "sec", "sen", "sep", "sept", "sgt", "sr",
    "sra", "st", "str", "tsd", "usw", "vgl", "vol", "vs"};
/* listed()'s lengths per first letter, a to z. */
static const uint16_t abbreviations_lengths[26] = {
    0x0068, 0x0008, 0x001c, 0x001c, 0x0018, 0x000c, 0x0008, 0x0008,
    0x0010, 0x000c, 0x0000, 0x0004, 0x001c, 0x000c, 0x0008, 0x001c,
    0x0000, 0x0008, 0x001c, 0x0008, 0x0008, 0x000c, 0x0000, 0x0000,
    0x0000, 0x0000,
};
/* listed()'s second bytes per first letter, a to z. */
static const uint32_t abbreviations_seconds[26] = {
    0x0128002, 0x2000000, 0x00040a1, 0x0020010, 0x0282000, 0x0080110,
    0x0004050, 0x0004000, 0x0002000, 0x0120001, 0x0000000, 0x0080000,
    0x00e1909, 0x0124000, 0x0000004, 0x0028001, 0x0000000, 0x0000010,
    0x00a0050, 0x0040000, 0x0040000, 0x0044040, 0x0000000, 0x0000000,
    0x0000000, 0x0000000,
};

/* "Mr." and "Dr." never end a sentence; neither does an initial ("J."). */
static int is_abbreviation(const fl_tokenizer *t, size_t dot)
{
    if (!t->toks.len)
        return 0;
    if (day_before_month(t, dot))
        return 1;
    const fl_token *last = &t->toks.ptr[t->toks.len - 1];
    if ((size_t)last->off + last->len != dot || last->cls != FL_TOK_WORD)
        return 0;
    if (last->flags & FL_TOKF_ACRONYM)
        return 1;
    if (last->len == 1)
        return 1;
    const char *text = t->doc + last->off;
    /* "etc." ends a sentence when a capital follows; keep it pending. */
    return last->len < 7 && LISTED(abbreviations, text, last->len) &&
           !(last->len == 3 && (text[0] | 0x20) == 'e' && (text[1] | 0x20) == 't' &&
             (text[2] | 0x20) == 'c');
}

static void quote_push(fl_tokenizer *t, int32_t closer)
{
    t->pending |= FL_PENDING_QUOTE;
    if (t->quote_depth < sizeof t->quote_close / sizeof *t->quote_close) {
        t->quote_close[t->quote_depth] = closer;
        t->quote_from[t->quote_depth] = (uint32_t)t->toks.len;
    }
    t->quote_depth++;
}


/* Quotation marks as writers of English, French, Spanish and German use
 * them: “…”, „…“, «…», »…«, ‘…’ and straight quotes. */
static void quote_mark(fl_tokenizer *t, const cursor *c, size_t pos, size_t n,
                       int32_t cp)
{
    const fl_token *last = t->toks.len ? &t->toks.ptr[t->toks.len - 1] : NULL;
    int after_word = pos > 0 && last && (size_t)last->off + last->len == pos;
    switch (cp) {
    case '"':
        if (quote_top(t, '"'))
            t->quote_depth--;
        else
            quote_push(t, '"');
        break;
    case 0x201C:
        if (quote_top(t, 0x201C))
            t->quote_depth--;
        else
            quote_push(t, 0x201D);
        break;
    case 0x201E:
        quote_push(t, 0x201C);
        break;
    case 0xAB:
        if (quote_top(t, 0xAB))
            t->quote_depth--;
        else
            quote_push(t, 0xBB);
        break;
    case 0xBB:
        if (quote_top(t, 0xBB))
            t->quote_depth--;
        else
            quote_push(t, 0xAB);
        break;
    case 0x2018:
        quote_push(t, 0x2019);
        break;
    case 0x2039:
        quote_push(t, 0x203A);
        break;
    case '\'':
        if (quote_top(t, '\'') && (!is_word_cp(peek_cp(c, pos + n)) ||
                                   closes_glued_quote(t, c, pos, cp, peek_cp(c, pos + n))))
            t->quote_depth--;
        else if (!after_word && is_word_cp(peek_cp(c, pos + n)))
            quote_push(t, '\'');
        break;
    default: /* the closers ” ’ › */
        if (quote_top(t, cp))
            t->quote_depth--;
        break;
    }
}

static int is_quote_mark(int32_t cp)
{
    switch (cp) {
    case '"': case '\'': case 0x201C: case 0x201D: case 0x201E: case 0xAB:
    case 0xBB: case 0x2018: case 0x2019: case 0x2039: case 0x203A:
        return 1;
    default:
        return 0;
    }
}

static void punctuation(fl_tokenizer *t, const cursor *c, size_t pos, size_t n,
                        int32_t cp)
{
    if (cp == 0) {
        /* A NUL byte is not text (framelint.h, fl_document_new): it ends the
         * sentence and any quotation, so no phrase, pattern or rewrite
         * reaches across it. */
        t->pending = (t->pending | FL_PENDING_HARD) & ~FL_PENDING_HYPHEN;
        t->quote_depth = 0;
        return;
    }
    if (cp == '!' || cp == '?' || cp == 0x203C || cp == 0xBF || cp == 0xA1) {
        /* ¿ and ¡ open a Spanish sentence; ! and ? close one. */
        if (cp == '!' || cp == '?' || cp == 0x203C)
            t->pending |= FL_PENDING_HARD;
    } else if (cp == '.' || cp == 0x2026) {
        if (cp == 0x2026 || !is_abbreviation(t, pos))
            t->pending |= FL_PENDING_SENTENCE;
    } else if (is_quote_mark(cp)) {
        quote_mark(t, c, pos, n, cp);
    } else if (cp == ';' || cp == ':' || cp == ',' || (cp >= 0x80 && fl__cp_is_space(cp))) {
        t->pending &= ~FL_PENDING_HYPHEN;
    }
}

/* Folds the bytes of a word token again, for glue(). */
static void refold(word *w, const cursor *c, size_t pos)
{
    while (pos < c->end) {
        int32_t cp;
        size_t n = peek(c, pos, &cp);
        if (is_word_cp(cp))
            word_add(w, cp);
        else if (is_apostrophe(cp))
            word_put(w, '\'');
        else if (cp > 0 && cp < 0x80)
            word_put(w, (char)cp); /* the dots of U.S. */
        pos += n;
    }
}

/* Token `gone` was taken out of the block: the notes of the tokens after it
 * move down one. Only the current segment's tokens can be past it, so the
 * walk from the end stops soon. */
static void unnote(fl_tok_index_vec *v, uint32_t gone)
{
    size_t i = v->len;
    while (i > 0 && v->ptr[i - 1] > gone)
        v->ptr[--i]--;
    if (i > 0 && v->ptr[i - 1] == gone) {
        memmove(v->ptr + i - 1, v->ptr + i, (v->len - i) * sizeof *v->ptr);
        v->len--;
    }
}

/* A segment that goes on with the previous one's last word across inline
 * markup (FL_SEG_GLUED, "ille<b>gals</b>"): its first token and that word
 * become one token, which spans the markup, so no rewrite can eat it. */
static int glue(fl_tokenizer *t, size_t first, const fl_segment *seg)
{
    fl_token *a = &t->toks.ptr[first - 1], *b = &t->toks.ptr[first];
    if (a->cls != FL_TOK_WORD || b->cls != FL_TOK_WORD || (a->flags & FL_TOKF_ELIDED) ||
        a->off + a->len != t->seg_end || b->off != seg->off)
        return FL_OK;
    int entities = (seg->flags & FL_SEG_ENTITIES) != 0;
    cursor ca = {(const unsigned char *)t->doc, a->off + a->len, entities};
    cursor cb = {(const unsigned char *)t->doc, b->off + b->len, entities};
    word w;
    word_reset(&w);
    refold(&w, &ca, a->off);
    refold(&w, &cb, b->off);
    a->len = b->off + b->len - a->off;
    a->word = a->affix = 0;
    if (!w.overflow && t->intern && fl__vocab_intern(t->intern, w.fold, w.len, &a->word) < 0)
        return FL_ENOMEM;
    if (!w.overflow && !t->intern) {
        a->word = lookup(t, &w);
        if (t->affixes)
            a->affix = fl__vocab_affix(t->vocab, w.fold, w.len);
    }
    memmove(b, b + 1, (t->toks.len - first - 1) * sizeof *b);
    t->toks.len--;
    unnote(&t->starts, (uint32_t)first);
    unnote(&t->numbers, (uint32_t)first);
    return FL_OK;
}

#if defined(__SSE2__)
typedef fl_word_window word_window;

/* Only words that start in a window's first 56 bytes are read from it:
 * later, most words and their space and letter would not fit (window_word
 * then leaves them to the full scan, correct but slow), and earlier costs
 * more windows (48: +0.12M instructions on the 2 MB slice, 60: +0.19M). */
#define WINDOW_SERVES 56

/* Bytes of the document a window reads from its base: its own 64, and
 * the 16 of a word's fold from the last byte it serves. */
#define WINDOW_READS (WINDOW_SERVES + 16)

/* Bytes base to base + 64 of s (all inside the document), of which those
 * from `end` on (the segment's end) count as none of the three. */
static FL_ALWAYS_INLINE void window_fill(word_window *win, const unsigned char *s, size_t base,
                                         size_t end)
{
    uint64_t letters = 0, small = 0, spaces = 0;
    for (unsigned k = 0; k < 4; k++) {
        const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + base + 16 * k));
        const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
        const __m128i is_letter =
            _mm_cmplt_epi8(_mm_add_epi8(lower, _mm_set1_epi8((char)(0x80 - 'a'))),
                           _mm_set1_epi8((char)(0x80 + 26)));
        letters |= (uint64_t)(unsigned)_mm_movemask_epi8(is_letter) << (16 * k);
        small |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_slli_epi16(v, 2)) << (16 * k);
        spaces |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')))
                  << (16 * k);
    }
    uint64_t in = end - base >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << (end - base)) - 1;
    letters &= in;
    win->base = base;
    win->end = end;
    /* a capital after a letter is no word's byte: the word before it
     * then ends in a byte that is not a space, which window_word leaves
     * to the full scan ("AliensThe" may be two words) */
    uint64_t inner_caps = letters & ~small & (letters << 1);
    win->word = letters & ~inner_caps & ~((uint64_t)1 << 63);
    win->spaced = spaces & in & (letters >> 1);
}

/* A window at pos for the segment ending at `end`; one that would read
 * past the document's end (WINDOW_READS) has no bits, so every word in it
 * takes the full scan. */
static FL_ALWAYS_INLINE void window_make(word_window *win, const unsigned char *s, size_t pos,
                                         size_t end, size_t doc_len)
{
    *win = (word_window){pos, end, 0, 0};
    if (pos + WINDOW_READS <= doc_len)
        window_fill(win, s, pos, end);
}

/* The length of the plain word at pos (a letter) when the window shows
 * all of it and what follows: 1 to 15 ASCII letters, no capital after the
 * first, then one space and a letter, so plain_ascii_word would end it
 * there with nothing more to ask. 0 for any other word. */
static FL_ALWAYS_INLINE size_t window_word(const word_window *win, size_t pos)
{
    size_t off = pos - win->base;
    /* bit 63 is never a word's: the word ends inside the window */
    uint64_t rest = win->word >> off;
    /* the word's bits and the one after it, whose space ends it */
    uint64_t span = rest ^ (rest + 1);
    uint64_t after = (win->spaced >> off) & span;
    if (!after || (span >> 16))
        return 0;
    return (size_t)__builtin_ctzll(after);
}

/* At most this many words start in the bytes a window serves (a letter
 * and a space each): the room window_run needs for one window. */
#define WINDOW_WORDS (WINDOW_SERVES / 2)

/* The words window_word takes, in a row from pos (the first is one), from
 * as many windows as they fill (each made as the plain word loop would make
 * it), and the word after them when the byte after it ends it at once: each
 * appended as push_token would append it with nothing pending (none starts
 * a sentence, none is numeric, the same `flags` for all: the open
 * quotations'; the caller gives the first what was pending), through a
 * pointer into room the caller made for WINDOW_WORDS tokens, and folded,
 * hashed and probed in registers; ", " between two words is read as the
 * plain word loop reads it. Called out of line (window_run_plain,
 * window_run_quoted): inlined into the plain word loop, the run shared its
 * registers and spilled. Returns the end of the last word it took, or the
 * first letter of one it left to the full scan (also where a new window
 * has less room than WINDOW_WORDS left in t->toks). */
static FL_ALWAYS_INLINE size_t window_run(fl_tokenizer *t, const unsigned char *s, size_t pos,
                                          size_t seg_end, const unsigned flags)
{
    static const unsigned char keep[32] = {
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    const fl_vocab_view table = t->table;
    size_t base = t->window.base, off = pos - base;
    uint64_t rest = t->window.word >> off, spaced = t->window.spaced >> off;
    fl_token *tok = t->toks.ptr + t->toks.len;
    uint64_t span;
    for (;;) {
        span = rest ^ (rest + 1);
        if (span >> 16)
            goto stop;
        uint64_t after = spaced & span;
        unsigned gap = 1;
        if (!after) {
            /* "word, word": the bit of the byte after the word, if a space
             * and a letter follow it, and that byte a comma (scan_plain_words
             * reads the comma and space so, and leaves nothing pending) */
            after = (spaced >> 1) & span;
            if (!after || s[base + off + (unsigned)__builtin_ctzll(after)] != ',')
                break;
            gap = 2;
        }
        unsigned len = (unsigned)__builtin_ctzll(after);
        const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + base + off));
        const __m128i mask = _mm_loadu_si128((const __m128i *)(const void *)(keep + 16 - len));
        const __m128i folded = _mm_and_si128(_mm_or_si128(v, _mm_set1_epi8(0x20)), mask);
        uint32_t id = fl__vocab_probe_folded(table, folded, len);
        *tok++ = (fl_token){(uint32_t)(base + off), len, id, 0, FL_TOK_WORD, (uint16_t)flags};
        off += len + gap;
        rest >>= len + gap;
        spaced >>= len + gap;
        if (off >= WINDOW_SERVES) {
            base += off;
            window_make(&t->window, s, base, seg_end, t->doc_len);
            off = 0;
            rest = t->window.word;
            spaced = t->window.spaced;
            if (t->toks.cap - (size_t)(tok - t->toks.ptr) < WINDOW_WORDS)
                goto stop;
        }
    }
    {
        /* The word the run stops at, if the byte after it (span's last
         * bit) ends it as plain_ascii_word would at once: the segment's
         * end, a byte no word goes on with (a space before no letter, ',',
         * ';', ')', a quotation mark...) or a full stop after two letters
         * or more but three ("www."). The caller reads what follows. */
        unsigned len = (unsigned)__builtin_ctzll(span ^ (span >> 1));
        size_t end = base + off + len;
        unsigned char b = end < seg_end ? s[end] : 0;
        if (end == seg_end || (!ascii_fold[b] && !word_may_go_on[b]) ||
            (b == '.' && len > 1 && len != 3)) {
            const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + base + off));
            const __m128i mask =
                _mm_loadu_si128((const __m128i *)(const void *)(keep + 16 - len));
            const __m128i folded = _mm_and_si128(_mm_or_si128(v, _mm_set1_epi8(0x20)), mask);
            uint32_t id = fl__vocab_probe_folded(table, folded, len);
            *tok++ = (fl_token){(uint32_t)(base + off), len, id, 0, FL_TOK_WORD, (uint16_t)flags};
            off += len;
        }
    }
stop:
    t->toks.len = (size_t)(tok - t->toks.ptr);
    return base + off;
}

/* window_run outside quotations (most words), and inside them. */
static FL_NOINLINE size_t window_run_plain(fl_tokenizer *t, const unsigned char *s, size_t pos,
                                           size_t seg_end)
{
    return window_run(t, s, pos, seg_end, 0);
}

static FL_NOINLINE size_t window_run_quoted(fl_tokenizer *t, const unsigned char *s, size_t pos,
                                            size_t seg_end, unsigned flags)
{
    return window_run(t, s, pos, seg_end, flags);
}
#endif

/* Plain ASCII words and the single spaces after them, most of any draft,
 * in a loop of their own from the letter at `pos`, when a plain word's
 * only id is its vocabulary entry. In scan_segment, with every other kind
 * of token inlined around it, the loop kept neither the tokenizer nor the
 * segment's end in a register. Returns where it stopped: the segment's
 * end, a byte that is not a letter, or (*stuck set) a word that needs
 * the full scan; `pos` itself when that is the first word. */
static FL_NOINLINE size_t scan_plain_words(fl_tokenizer *t, const cursor *segment, size_t pos,
                                           int *stuck, int *error)
{
    /* Copies, which no store to the tokenizer can be taken to change. */
    const cursor copy = *segment, *c = &copy;
    const unsigned char *s = c->s;
    const size_t seg_end = c->end;
    const fl_vocab_view table = t->table;
#if defined(__SSE2__)
    /* The last call's window serves while it is this segment's and covers
     * pos: most calls resume a few bytes after the last (past a number, a
     * quotation mark). */
    const size_t doc_len = t->doc_len;
    word_window *win = &t->window;
    if (win->end != seg_end)
        window_make(win, s, pos, seg_end, doc_len);
#endif
    *stuck = 0;
    do {
        word w;
        size_t end;
#if defined(__SSE2__)
        if (pos - win->base >= WINDOW_SERVES) /* wraps for pos before it */
            window_make(win, s, pos, seg_end, doc_len);
        size_t len = window_word(win, pos);
        if (len) {
            /* a run of such words, each pushed alike; the first is given
             * what is pending, as push_token would give it */
            size_t first = t->toks.len;
            unsigned flags = quote_flags(t), pending = flags;
            if (t->pending == FL_PENDING_SENTENCE && !t->quote_depth && first) {
                /* after ". " (most runs with something pending): the word,
                 * an ASCII letter, starts a sentence if a capital, as
                 * pending_flags would say without its call */
                if ((unsigned)(s[pos] - 'A') < 26) {
                    pending = FL_TOKF_SENT_START;
                    if (FL_VEC_PUSH(t->alloc, &t->starts, (uint32_t)first) < 0)
                        t->nomem = 1;
                }
                t->pending = 0;
            } else if (t->pending | t->quote_depth) {
                pending = pending_flags(t, c, (uint32_t)pos);
                t->pending = 0;
            }
            if (FL_VEC_RESERVE(t->alloc, &t->toks, t->toks.len + WINDOW_WORDS) < 0) {
                *error = FL_ENOMEM;
                break;
            }
            end = flags ? window_run_quoted(t, s, pos, seg_end, flags)
                        : window_run_plain(t, s, pos, seg_end);
            t->toks.ptr[first].flags = (uint16_t)pending;
            /* a word it left (a letter) for the full scan, or the end of
             * the last word it took */
            pos = end;
            if (end < seg_end && (unsigned)((s[end] | 0x20) - 'a') < 26)
                continue;
        } else
#endif
        {
            end = plain_ascii_word(c, pos, &w);
            if (!end) {
                *stuck = 1;
                break;
            }
            int e = push_token(t, c, pos, end, FL_TOK_WORD, 0, probe_in(t, table, &w), 0);
            if (e < 0) {
                *error = e;
                pos = end;
                break;
            }
        }
        /* The token left nothing pending for the space to clear. */
        pos = end < seg_end && s[end] == ' ' ? end + 1 : end;
        if (pos < seg_end && (unsigned)((s[pos] | 0x20) - 'a') < 26)
            continue;
        /* ". " or ", " and a word: the mark read here as punctuation()
         * reads it (a comma clears a hyphen, and none is pending), instead
         * of a return to scan_segment and a new call for the next word. */
        if (end + 2 < seg_end && (s[end] == '.' || s[end] == ',') && s[end + 1] == ' ' &&
            (unsigned)((s[end + 2] | 0x20) - 'a') < 26) {
            if (s[end] == '.' && !is_abbreviation(t, end))
                t->pending |= FL_PENDING_SENTENCE;
            pos = end + 2;
            continue;
        }
        break;
    } while (1);
    return pos;
}

static int scan_segment(fl_tokenizer *t, const fl_segment *seg);

int fl__tok_segment(fl_tokenizer *t, const fl_segment *seg)
{
    size_t first = t->toks.len;
    int error = scan_segment(t, seg);
    if (t->nomem)
        error = FL_ENOMEM;
    if (error == 0 && (seg->flags & FL_SEG_GLUED) && first > 0 && first < t->toks.len)
        error = glue(t, first, seg);
    t->seg_end = (uint32_t)(seg->off + seg->len);
    return error;
}

static int scan_segment(fl_tokenizer *t, const fl_segment *seg)
{
    cursor c = {(const unsigned char *)t->doc, seg->off + seg->len,
                (seg->flags & FL_SEG_ENTITIES) != 0};
    size_t pos = seg->off, end;
    int error = 0;
    /* Whether a plain word's only id is its vocabulary entry: asked once
     * here, not of every word (no stems, not compiling rule phrases). */
    const int probe_only = t->vocab && !t->intern && !t->affixes;
    while (pos < c.end && error == 0) {
        unsigned char b = c.s[pos];
        /* Spaces and plain ASCII words are most of any draft: no decoding. */
        if (b == ' ' || b == '\n' || b == '\t' || b == '\r') {
            t->pending &= ~FL_PENDING_HYPHEN;
            pos++;
            continue;
        }
        word w;
        if ((unsigned)((b | 0x20) - 'a') < 26) {
            if (probe_only) {
                int stuck;
                size_t next = scan_plain_words(t, &c, pos, &stuck, &error);
                if (!stuck || error) {
                    pos = next;
                    continue;
                }
                pos = next; /* a letter: the full scan's */
            } else if ((end = plain_ascii_word(&c, pos, &w))) {
                w.overflow = 0;
                error = emit(t, &c, pos, end, FL_TOK_WORD, 0, &w);
                pos = end;
                continue;
            }
        }
        int32_t cp;
        size_t n = peek(&c, pos, &cp);
        if (cp < 0) {
            pos += n;
        } else if (is_word_cp(cp)) {
            /* scan_number reads digits as bytes: a digit written as a
             * reference (&#50;) is read as a word, or it would never end. */
            if (is_url_start(&c, pos))
                pos = skip_url(&c, pos);
            else if (is_digit_cp(cp) && n == 1)
                pos = scan_number(t, &c, pos, pos, 0, &error);
            else
                pos = scan_word(t, &c, pos, 0, &error);
        } else if (/* '$' is ASCII's only currency sign: punctuation makes no call */
                   (cp < 0x80 ? cp == '$' : fl__cp_is_currency(cp)) && pos + n < c.end &&
                   is_digit_cp(c.s[pos + n])) {
            pos = scan_number(t, &c, pos, pos + n, 1, &error);
        } else if (cp == '#' && starts_hashtag(&c, pos + n)) {
            pos = scan_hashtag(t, &c, pos + n, &error);
        } else if (cp == '@' && is_word_cp(peek_cp(&c, pos + n))) {
            pos = skip_mention(&c, pos, pos + n);
        } else {
            punctuation(t, &c, pos, n, cp);
            pos += n;
        }
    }
    return error;
}

void fl__tok_init(fl_tokenizer *t, const fl_allocator *a, const fl_vocab *v,
                  const char *doc, size_t doc_len)
{
    memset(t, 0, sizeof *t);
    t->alloc = a;
    t->vocab = v;
    t->affixes = v && fl__vocab_has_affixes(v);
    if (v)
        t->table = fl__vocab_view(v);
    t->doc = doc;
    t->doc_len = doc_len;
    t->pending = FL_PENDING_HARD;
}

void fl__tok_free(fl_tokenizer *t)
{
    FL_VEC_FREE(t->alloc, &t->toks);
    FL_VEC_FREE(t->alloc, &t->starts);
    FL_VEC_FREE(t->alloc, &t->numbers);
}

void fl__tok_begin_block(fl_tokenizer *t)
{
    t->toks.len = 0;
    t->starts.len = 0;
    t->numbers.len = 0;
    t->nomem = 0;
    t->hashtags = 0;
    /* The first token starts a sentence, as after '!': so emit needs no
     * test of its own for it. */
    t->pending = FL_PENDING_HARD;
    t->quote_depth = 0;
    t->seg_end = 0;
}

void fl__tok_end_block(fl_tokenizer *t)
{
    /* One stray opening mark used to leave the rest of the paragraph
     * "quoted", which lowers findings there, so an error could pass
     * --fail-on error. A quotation that closes keeps its whole extent, even
     * across sentences ("We fled. We stayed," she said). */
    size_t cap = sizeof t->quote_close / sizeof *t->quote_close;
    size_t open = t->quote_depth < cap ? t->quote_depth : cap;
    if (!open)
        return;
    /* The stack now holds the quotations that never closed, outermost first
     * and opened in that order; a token with depth d is held only by them
     * when its d quotations are all among those opened before it. */
    uint32_t opened_in[8];
    size_t q = 0, sentence = 0;
    for (size_t i = t->quote_from[0]; i < t->toks.len; i++) {
        fl_token *tok = &t->toks.ptr[i];
        if (i > t->quote_from[0] && (tok->flags & FL_TOKF_SENT_START))
            sentence++;
        while (q < open && t->quote_from[q] <= i)
            opened_in[q++] = (uint32_t)sentence;
        unsigned d = tok->flags >> FL_TOKF_DEPTH_SHIFT;
        if (d && d <= q && sentence != opened_in[d - 1])
            tok->flags &= (uint16_t)~FL_TOKF_QUOTED;
    }
}

static int sorted(const char *const *list, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (strcmp(list[i - 1], list[i]) >= 0)
            return 0;
    return 1;
}

int fl__tok_lists_sorted(void)
{
    return sorted(months, sizeof months / sizeof *months) &&
           sorted(label_words, sizeof label_words / sizeof *label_words) &&
           sorted(abbreviations, sizeof abbreviations / sizeof *abbreviations) &&
           sorted(text_speak_words, sizeof text_speak_words / sizeof *text_speak_words);
}

/* Are `lengths` exactly the first letters and lengths of list's words? */
static int lengths_match(const char *const *list, size_t n, const uint16_t lengths[26])
{
    uint16_t want[26] = {0};
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(list[i]);
        unsigned letter = (unsigned char)list[i][0] - 'a';
        if (letter >= 26 || len == 0 || len >= 16)
            return 0;
        want[letter] |= (uint16_t)(1u << len);
    }
    return memcmp(want, lengths, sizeof want) == 0;
}

/* Are `seconds` exactly the first letters and second bytes of list's words
 * of two bytes or more? */
static int seconds_match(const char *const *list, size_t n, const uint32_t seconds[26])
{
    uint32_t want[26] = {0};
    for (size_t i = 0; i < n; i++) {
        unsigned letter = (unsigned char)list[i][0] - 'a';
        if (letter >= 26)
            return 0;
        if (list[i][1])
            want[letter] |= 1u << second_byte_bit((unsigned char)list[i][1]);
    }
    return memcmp(want, seconds, sizeof want) == 0;
}

#define LENGTHS_MATCH(list)                                              \
    (lengths_match(list, sizeof list / sizeof *list, list##_lengths) && \
     seconds_match(list, sizeof list / sizeof *list, list##_seconds))

int fl__tok_lists_indexed(void)
{
    return LENGTHS_MATCH(months) && LENGTHS_MATCH(label_words) &&
           LENGTHS_MATCH(abbreviations) && LENGTHS_MATCH(text_speak_words);
}

int fl__tok_fold_table_ok(void)
{
    for (unsigned b = 0; b < 256; b++) {
        unsigned capital = b >= 'A' && b <= 'Z' ? 0x100u : 0;
        if (fold_caps[b] != (ascii_fold[b] | capital))
            return 0;
    }
    return 1;
}

int fl__tok_is_numeric(const fl_token *tok)
{
    return tok->cls != FL_TOK_WORD;
}

/*
 * vocab: the set of folded words that any rule of one language mentions,
 * each with a dense id (1, 2, …; 0 means "not a rule word"). The tokenizer
 * looks every input word up once; everything after works on ids, so the cost
 * per input word is one hash lookup whatever the number of rules.
 */
#ifndef FL_VOCAB_H
#define FL_VOCAB_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "alloc.h"

typedef struct fl_vocab fl_vocab;
typedef struct fl_vocab_slot fl_vocab_slot; /* below */

int fl__vocab_new(fl_vocab **out, const fl_allocator *a);
void fl__vocab_free(fl_vocab *v);

/* Words of up to this many bytes are kept in their table slot (see
 * fl_vocab_slot) and hashed as two 8-byte halves; fl__vocab_probe_padded
 * compares them as two 8-byte loads. */
#define FL_VOCAB_INLINE 16

/* FNV-1a over bytes, then a final mix: fed byte by byte, for the hashtag
 * table (hashtag.c), which hashes every prefix of a tag's body. */
#define FL_HASH_INIT 0xcbf29ce484222325ull

static inline uint64_t fl__hash_step(uint64_t h, unsigned char byte)
{
    return (h ^ byte) * 0x100000001b3ull;
}

static inline uint64_t fl__hash_finish(uint64_t h)
{
    return h ^ (h >> 29);
}

static inline uint64_t fl__fnv_hash(const char *w, size_t len)
{
    uint64_t h = FL_HASH_INIT;
    for (size_t i = 0; i < len; i++)
        h = fl__hash_step(h, (unsigned char)w[i]);
    return fl__hash_finish(h);
}

/* The vocabulary's hash of a word of at most FL_VOCAB_INLINE bytes, from
 * its two NUL-padded 8-byte halves: one wide multiply whose halves are
 * folded together, so every byte reaches the low bits the table uses. FNV
 * took a multiply per byte in a chain, and the tokenizer waited for the
 * whole chain before it could read the word's slot. */
static inline uint64_t fl__vocab_hash16(uint64_t w0, uint64_t w1)
{
    uint64_t a = w0 ^ 0xa0761d6478bd642full, b = w1 ^ 0xe7037ed1a0b428dbull;
#ifdef __SIZEOF_INT128__
    __extension__ typedef unsigned __int128 u128;
    /* the low half as a 64-bit product: GCC kept the 128-bit one in memory
     * (a store and a load for every word) in the tokenizer's word runs */
    return (a * b) ^ (uint64_t)(((u128)a * b) >> 64);
#else /* the same product from 32-bit halves */
    uint64_t ha = a >> 32, hb = b >> 32, la = (uint32_t)a, lb = (uint32_t)b;
    uint64_t hh = ha * hb, hl = ha * lb, lh = la * hb, ll = la * lb;
    uint64_t t = ll + (hl << 32), carry = t < ll;
    uint64_t lo = t + (lh << 32);
    carry += lo < t;
    return lo ^ (hh + (hl >> 32) + (lh >> 32) + carry);
#endif
}

/* The hash of a short word from FL_VOCAB_INLINE bytes, zero after it. */
static inline uint64_t fl__vocab_hash_padded(const char *pad)
{
    uint64_t w0, w1;
    memcpy(&w0, pad, 8);
    memcpy(&w1, pad + 8, 8);
    return fl__vocab_hash16(w0, w1);
}

/* The words longer than that (few) keep FNV. */
static inline uint64_t fl__vocab_hash(const char *w, size_t len)
{
    if (len > FL_VOCAB_INLINE)
        return fl__fnv_hash(w, len);
    char pad[FL_VOCAB_INLINE] = {0};
    memcpy(pad, w, len);
    return fl__vocab_hash_padded(pad);
}

/** Adds a folded word if missing; *id receives its id. FL_ENOMEM. */
int fl__vocab_intern(fl_vocab *v, const char *w, size_t len, uint32_t *id);

/**
 * Makes `slots` (nslots of them, a power of two) the table of an empty
 * vocabulary without copying it: the hash table a build left, frozen into
 * the program (match_frozen.c), so a start neither zeroes nor fills 192 KB.
 * The table holds `n` words, ids 1 to n, which fl__vocab_name then names,
 * each before a look-up that could meet it: a start reads the words in id
 * order and does not look them up again, since the build placed them
 * (fl__matcher_frozen_check made sure). A word it does not hold makes the
 * vocabulary copy the table before adding it, so `slots` is never written.
 * `slots` must outlive the vocabulary. FL_EINVAL when the vocabulary has
 * words, nslots is not a power of two or `n` fills more than half of it;
 * FL_ENOMEM.
 */
int fl__vocab_borrow(fl_vocab *v, const fl_vocab_slot *slots, size_t nslots, uint32_t n);

/** Names word `id` (1 to the `n` of fl__vocab_borrow) `w`, a NUL-terminated
 *  string kept where it is: it must outlive the vocabulary. */
void fl__vocab_name(fl_vocab *v, uint32_t id, const char *w);

/** The id of a folded word, or 0. `hash` is fl__vocab_hash(w, len). */
uint32_t fl__vocab_find(const fl_vocab *v, const char *w, size_t len,
                        uint64_t hash);

/* The table itself, for the one caller that looks up every word of every
 * draft: the tokenizer probes it inline, without a call. Valid until the
 * vocabulary changes (it never does once its ruleset is compiled).
 *
 * A word of at most FL_VOCAB_INLINE bytes is kept in its slot, so finding
 * it reads the slot and nothing else: 61% of a draft's tokens are rule
 * words, and a word kept elsewhere cost each of them a second cache miss.
 * A short slot needs no hash: its length and first byte tell most words
 * apart before the rest is read. A longer word (few are) keeps its hash,
 * compared first; its text is the vocabulary's word of that id. So a slot
 * holds no pointer, and a table frozen into the program needs no
 * relocation at load, which would write to (and fault in) every page of it.
 * The slot stays 24 bytes. */

struct fl_vocab_slot {
    uint32_t id; /* 0: empty */
    uint32_t len;
    union {
        char text[FL_VOCAB_INLINE]; /* len <= FL_VOCAB_INLINE: the word, NUL padded */
        struct {
            uint64_t hash;
        } far;                      /* longer: its hash (the text: by id) */
    } u;
};

typedef struct fl_vocab_view {
    const fl_vocab_slot *slots;
    size_t mask;
    const char *const *words; /* by id: a longer word's text, NULL until known */
    size_t nwords;            /* the length of `words` (ids beyond it: damage) */
} fl_vocab_view;

fl_vocab_view fl__vocab_view(const fl_vocab *v);

/** The slot of a folded word: its own, or the empty one where it would go. */
static inline const fl_vocab_slot *fl__vocab_probe(fl_vocab_view v, const char *w,
                                                   size_t len, uint64_t hash)
{
    for (size_t i = (size_t)hash & v.mask;; i = (i + 1) & v.mask) {
        const fl_vocab_slot *s = &v.slots[i];
        if (!s->id)
            return s;
        if (s->len != len)
            continue;
        const char *text = s->u.text;
        if (len > FL_VOCAB_INLINE) {
            if (s->u.far.hash != hash || s->id >= v.nwords)
                continue;
            /* a borrowed table's word not named yet is known by its hash
             * (fl__vocab_borrow) */
            if (!(text = v.words[s->id]))
                return s;
        }
        size_t k = 0; /* words are short: a byte loop beats memcmp */
        while (k < len && text[k] == w[k])
            k++;
        if (k == len)
            return s;
    }
}

/* The probe the tokenizer makes for every word is inlined into it even
 * where GCC thinks it too large: a call per word cost more than the probe. */
#if defined(__GNUC__) || defined(__clang__)
#define FL_VOCAB_HOT static inline __attribute__((always_inline))
#else
#define FL_VOCAB_HOT static inline
#endif

#if defined(__SSE2__)
/** The id (0 if none) of a word of 1 to FL_VOCAB_INLINE bytes given as
 *  its NUL-padded text in a register, as a caller that folded it there has
 *  it: hashed from its two halves as fl__vocab_hash_padded would, and
 *  compared with a slot's text in one compare. */
FL_VOCAB_HOT uint32_t fl__vocab_probe_folded(fl_vocab_view v, __m128i folded, size_t len)
{
    uint64_t w0 = (uint64_t)_mm_cvtsi128_si64(folded);
    uint64_t w1 = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(folded, folded));
    for (size_t i = (size_t)fl__vocab_hash16(w0, w1) & v.mask;; i = (i + 1) & v.mask) {
        const fl_vocab_slot *s = &v.slots[i];
        if (!s->id)
            return 0;
        if (s->len != len)
            continue;
        const __m128i text = _mm_loadu_si128((const __m128i *)(const void *)s->u.text);
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(text, folded)) == 0xffff)
            return s->id;
    }
}
#endif

/** fl__vocab_probe for a word at the start of at least FL_VOCAB_INLINE
 *  readable bytes that are zero from w[len] on (the tokenizer keeps its
 *  word buffer so). A word kept in its slot is then compared as two 8-byte
 *  loads against the slot's NUL-padded text instead of byte by byte.
 *  `hash` is fl__vocab_hash(w, len); fl__vocab_probe_padded works it out
 *  from the same two loads. */
FL_VOCAB_HOT const fl_vocab_slot *fl__vocab_probe_padded_hashed(fl_vocab_view v,
                                                               const char *w, size_t len,
                                                               uint64_t hash)
{
    if (len > FL_VOCAB_INLINE)
        return fl__vocab_probe(v, w, len, hash);
    uint64_t w0, w1;
    memcpy(&w0, w, 8);
    memcpy(&w1, w + 8, 8);
    for (size_t i = (size_t)hash & v.mask;; i = (i + 1) & v.mask) {
        const fl_vocab_slot *s = &v.slots[i];
        if (!s->id)
            return s;
        if (s->len != len)
            continue;
        uint64_t s0, s1;
        memcpy(&s0, s->u.text, 8);
        memcpy(&s1, s->u.text + 8, 8);
        if (((s0 ^ w0) | (s1 ^ w1)) == 0)
            return s;
    }
}

FL_VOCAB_HOT const fl_vocab_slot *fl__vocab_probe_padded(fl_vocab_view v, const char *w,
                                                        size_t len)
{
    if (len > FL_VOCAB_INLINE)
        return fl__vocab_probe(v, w, len, fl__fnv_hash(w, len));
    return fl__vocab_probe_padded_hashed(v, w, len, fl__vocab_hash_padded(w));
}

/** The folded text a slot of `v` holds (not NUL-terminated: s->len
 *  bytes), or NULL for a longer word a borrowed table has not named yet. */
static inline const char *fl__vocab_slot_text(fl_vocab_view v, const fl_vocab_slot *s)
{
    return s->len <= FL_VOCAB_INLINE ? s->u.text : s->id < v.nwords ? v.words[s->id] : NULL;
}

/** Number of words (the largest id). */
uint32_t fl__vocab_count(const fl_vocab *v);

/** The folded text of an id (borrowed, NUL-terminated). */
const char *fl__vocab_word(const fl_vocab *v, uint32_t id);

/**
 * Word beginnings and endings, for compounds: a rule's `asyl*` or `*flut`
 * becomes a stem with its own id, and any word that starts (or ends) with the
 * stem is given that id as its "affix". `suffix` is nonzero for `*stem`.
 * FL_ENOMEM on failure.
 */
int fl__vocab_add_affix(fl_vocab *v, const char *stem, size_t len, int suffix,
                        uint32_t id);

/** Nonzero if any affix was added (the tokenizer skips the walk otherwise). */
int fl__vocab_has_affixes(const fl_vocab *v);

/**
 * The id of the longest stem that begins or ends the folded word, or 0. Cost
 * is one short walk from each end of the word, whatever the number of stems.
 */
uint32_t fl__vocab_affix(const fl_vocab *v, const char *w, size_t len);

#endif

/*
 * tokenize: splits the segments of one block into tokens — words, numbers,
 * percentages, sums of money, years — and marks where sentences start. Each
 * word is folded (case, accents, ligatures) and looked up in the vocabulary
 * once; matchers then compare ids, never text.
 *
 * The tokenizer streams: feed it a block's segments in order, read its
 * tokens, start the next block. It never allocates per token (one growing
 * array, reused across blocks).
 */
#ifndef FL_TOKENIZE_H
#define FL_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

#include "markup.h"
#include "vec.h"
#include "vocab.h"

/* Inlining hints for the per-token hot paths (tokenizer and matcher): emit
 * kept inline avoids a call with seven arguments for every word, and a rare
 * branch kept out of line leaves its caller's loop its registers. */
#if defined(__GNUC__) || defined(__clang__)
#define FL_ALWAYS_INLINE inline __attribute__((always_inline))
#define FL_NOINLINE __attribute__((noinline))
#else
#define FL_ALWAYS_INLINE inline
#define FL_NOINLINE
#endif

/** Token classes. Numbers are classified for the density rules. */
typedef enum fl_tok_class {
    FL_TOK_WORD = 1,
    FL_TOK_NUMBER,  /* 12, 1,200, 3.5, 500-900, 10km, 2bn */
    FL_TOK_PERCENT, /* 45%, 3.5 % */
    FL_TOK_MONEY,   /* €2bn, $3,400, £12 */
    FL_TOK_YEAR,    /* 2019, 1990s, 2023/24 */
    FL_TOK_ORDINAL, /* 1st, 22nd */
    FL_TOK_DATE     /* 04/07/2019, 10:30 */
} fl_tok_class;

/** Token flags. */
enum {
    FL_TOKF_SENT_START = 1u << 0, /* first token of a sentence */
    FL_TOKF_QUOTED = 1u << 1,     /* inside quotation marks */
    FL_TOKF_HYPHEN = 1u << 2,     /* joined to the previous token by '-' */
    FL_TOKF_HASHTAG = 1u << 3,    /* part of a #hashtag */
    FL_TOKF_ELIDED = 1u << 4,     /* ends in an elision apostrophe (l', d') */
    FL_TOKF_ACRONYM = 1u << 5,    /* dotted abbreviation (U.S., e.g.) */
    FL_TOKF_QUOTE_OPEN = 1u << 6, /* first token after an opening quotation mark */
    FL_TOKF_DATE = 1u << 7,       /* a day beside a month name, or a time of day: not a figure */
    FL_TOKF_LABEL = 1u << 8,      /* a number that names, not counts: "Table 2",
                                     "Article 8", a footnote marker "[1]", an
                                     age after a name ("Nadia, 42,") */
    /* bits 12-15: how many quotations hold the token (at most 15), for
     * fl__tok_end_block; not a flag */
    FL_TOKF_DEPTH_SHIFT = 12
};

/* Offsets are 32-bit: documents are capped at FL_MAX_DOCUMENT_BYTES (1 GiB). */
typedef struct fl_token {
    uint32_t off;   /* byte offset in the document */
    uint32_t len;   /* bytes in the document (entities count as written) */
    uint32_t word;  /* vocabulary id; 0 if no rule mentions this word */
    uint32_t affix; /* id of a rule stem the word begins or ends with, or 0 */
    uint16_t cls;   /* fl_tok_class */
    uint16_t flags; /* FL_TOKF_* */
} fl_token;

typedef FL_VEC(fl_token) fl_token_vec;
typedef FL_VEC(uint32_t) fl_tok_index_vec; /* token indices */

/* Longest word, in folded bytes, that is looked up; longer ones get id 0. */
#define FL_MAX_WORD_BYTES 96

/* The tokenizer's state between tokens, one bit each, so that a token
 * after nothing but a space (most of them) costs one test. */
enum {
    FL_PENDING_SENTENCE = 1u << 0, /* '.' seen: next capitalised token starts one */
    FL_PENDING_HARD = 1u << 1,     /* '!', '?' or the block's start: next token starts one */
    FL_PENDING_HYPHEN = 1u << 2,   /* '-' directly between two words */
    FL_PENDING_QUOTE = 1u << 3     /* a quotation mark opened since the last token */
};

/* What the plain word loop (tokenize.c) knows of 64 bytes of the document
 * at once, one bit a byte: a word's end, and whether it has an inner
 * capital and a single space and a letter follow it, are then shifts and
 * masks of these, not a load and compares for each word. */
typedef struct fl_word_window {
    size_t base;     /* the document offset of bit 0 */
    size_t end;      /* the segment's end it was made for: no bit from there */
    uint64_t word;   /* ASCII letters but capitals after a letter (never bit 63) */
    uint64_t spaced; /* ' ' followed by an ASCII letter */
} fl_word_window;

typedef struct fl_tokenizer {
    const fl_allocator *alloc;
    const fl_vocab *vocab; /* may be NULL: every word gets id 0 */
    fl_vocab *intern;      /* when set, words are added to it instead (used
                              to compile rule phrases with the same rules) */
    int affixes;           /* the vocabulary has stems (compound matching) */
    fl_vocab_view table;   /* the vocabulary, probed inline for every word */
    const char *doc;
    size_t doc_len;
    fl_token_vec toks;     /* the current block's tokens */
    /* The indices of the block's tokens that start a sentence and of its
     * numeric ones, in order: noted as the tokens are made (both are few),
     * so that the lint step finds them without reading every token again. */
    fl_tok_index_vec starts;
    fl_tok_index_vec numbers;
    int nomem;             /* noting a sentence's start ran out of memory */
    int hashtags;          /* the block has a hashtag's tokens */
    /* what the marks since the last token tell the next one: FL_PENDING_* */
    unsigned pending;
    /* quotation marks: a small stack of the closers we expect */
    unsigned char quote_depth;
    int32_t quote_close[8];
    uint32_t quote_from[8];         /* the first token inside each of them */
    uint32_t seg_end;               /* end offset of the previous segment */
    /* the plain word loop's last window, kept between its calls (zero:
     * none; it is made for one segment's end, so never outlives it) */
    fl_word_window window;
} fl_tokenizer;

void fl__tok_init(fl_tokenizer *t, const fl_allocator *a, const fl_vocab *v,
                  const char *doc, size_t doc_len);
void fl__tok_free(fl_tokenizer *t);

/** Forgets the previous block's tokens and state. */
void fl__tok_begin_block(fl_tokenizer *t);

/** Tokenizes one segment of the current block, appending to t->toks.
 *  FL_ENOMEM on failure. */
int fl__tok_segment(fl_tokenizer *t, const fl_segment *seg);

/** After the block's last segment: a quotation still open at the end of
 *  the block was a stray mark, so it holds only the rest of the sentence it
 *  opened in; later tokens lose FL_TOKF_QUOTED (unless another quotation,
 *  one that closes, holds them). */
void fl__tok_end_block(fl_tokenizer *t);

/** True if s[0..len) is a month name in English, French, Spanish or
 *  German (any case): a number next to one is a date, not a figure. */
int fl__tok_is_month(const char *s, size_t len);

/** True if the tokenizer's word lists (months, label words such as
 *  "Table", abbreviations such as "Mr") are sorted byte-wise, as its
 *  binary search needs; for the unit tests. */
int fl__tok_lists_sorted(void);

/** True if each word list's table of first letters and lengths, which
 *  spares most words the search, is exactly what its words give; for the
 *  unit tests. */
int fl__tok_lists_indexed(void);

/** True if the plain word loop's byte table folds every byte as the
 *  tokenizer's ASCII fold does and marks exactly the capitals A to Z; for
 *  the unit tests. */
int fl__tok_fold_table_ok(void);

/** True for a number-like class (everything but words). */
int fl__tok_is_numeric(const fl_token *tok);

#endif

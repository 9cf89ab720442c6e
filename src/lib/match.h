/*
 * match: the compiled form of a ruleset for one language, and the matchers
 * that run on a block of tokens.
 *
 * Every phrase any rule mentions — term forms, list entries, exceptions,
 * allowed words — becomes a path in one trie over vocabulary ids. Scanning a
 * sentence costs one array lookup per token, plus a walk only where a phrase
 * begins; the number of rules does not enter. Matches of lists ("hits") are
 * then indexed per list, so a context gate is a binary search, not a scan.
 *
 * The matchers (term, proximity, density, pattern) only find candidates and
 * hand them to the lint step through an fl_match_sink, which writes messages and
 * rewrites. Matchers never format output.
 */
#ifndef FL_MATCH_H
#define FL_MATCH_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "hashtag.h"
#include "inflect.h"
#include "ruleset.h"
#include "tokenize.h"
#include "vocab.h"

typedef enum fl_entry_kind {
    FL_ENTRY_TERM = 1, /* a form of a term: target = rule index, term = term */
    FL_ENTRY_LIST = 2  /* a list phrase: target = list id */
} fl_entry_kind;

typedef struct fl_entry {
    uint8_t kind;   /* fl_entry_kind */
    uint8_t form;   /* fl_form of a term entry */
    uint16_t words; /* phrase length in tokens */
    uint32_t target;
    uint32_t term;
} fl_entry;

/* Tables of a matcher that point into the program (frozen.h) rather than
 * into memory it owns, and are not freed with it. */
enum {
    FL_BORROWED_TRIE = 1u << 0,   /* root, edge_keys, edge_values, node_entries */
    FL_BORROWED_ENTRIES = 1u << 1 /* entries */
};

/* m->root_scan: the word's first node has entries the scan records */
#define FL_ROOT_KEPT (1u << 16)

struct fl_matcher {
    const fl_allocator *alloc;
    const fl_ruleset *rs;
    char language[16];
    fl_vocab *vocab;
    const uint32_t *root;    /* word id → first trie node, 0 if none */
    uint32_t nroot;
    const uint64_t *edge_keys; /* (parent << 32 | word) → child; 0 key = empty */
    const uint32_t *edge_values;
    size_t edge_mask;
    const uint32_t *node_entries; /* entries of node n: [node_entries[n], node_entries[n+1]) */
    fl_joined *joined;       /* every phrase with its spaces removed, for hashtags */
    const fl_entry *entries;
    unsigned borrowed;       /* FL_BORROWED_* */
    uint32_t nnodes;
    fl_list **lists;         /* by list id */
    uint32_t nlists;
    uint32_t allowed;        /* id of the allowed-words list: nlists */
    uint32_t names;          /* id of the declared-names list: nlists + 1 */
    uint32_t name_heads;     /* id of the list `name-heads`, or UINT32_MAX */
    uint32_t speech_verbs;   /* id of the list `speech-verbs`, or UINT32_MAX */
    uint32_t mention_cues;   /* id of the list `mention-cues`, or UINT32_MAX */
    uint32_t claim_cues;     /* id of the list `claim-cues`, or UINT32_MAX */
    uint16_t *list_words;    /* longest phrase of each list, in tokens */
    const fl_rule **proximity, **density, **pattern; /* this language's rules */
    size_t nproximity, ndensity, npattern;
    /* Pattern rules by trigger list: list l triggers pattern[trigger_rules[k]]
     * for k in [trigger_first[l], trigger_first[l+1]). After them, from
     * trigger_rules[untriggered], the patterns without a trigger, in order:
     * those read every sentence, and the rest need no look per block. */
    uint32_t *trigger_first;
    uint32_t *trigger_rules;
    uint32_t untriggered;
    /* Beside trigger_rules, the rule's second trigger list, which must
     * have a hit in the sentence too, or UINT32_MAX: "immigration" wakes a
     * verdict pattern only where a verdict word is also there. */
    uint32_t *trigger_also;
    /* Lists that document gates name ("in: document"): their hits are
     * counted over the whole document (lint.c settles those gates). */
    uint32_t *topics;
    size_t ntopics;
    /* Lists that passage gates name, and whether a density rule counts
     * passages: what lint.c must remember of the sentences it has read. */
    uint32_t *passage_lists;
    size_t npassage_lists;
    /* Lists the scan leaves to the gates, a bit per list id
     * (fl__lazy_lists), and the id of `number-words` or UINT32_MAX. */
    const uint64_t *lazy;
    /* The entries of each word's first trie node that the scan records, in
     * the node's order: all but those of lazy lists. Word w's are
     * root_kept[root_first[w] .. root_first[w + 1]). Without them the scan
     * read every entry of a common word's node ("the" is in many gate
     * lists) only to skip it. Worked out from `lazy` with it, not frozen
     * with the trie: which lists are lazy depends on every rule of the
     * language (pattern triggers, proximity words), which the frozen key
     * does not cover. */
    uint32_t *root_first;    /* nroot + 1 */
    uint32_t *root_kept;
    /* For each trie node, a bit (word & 15) for the word of each of its
     * children: 0 for a node without one. Most words a scan meets end
     * every phrase they start ("the", "of"), and most next words are no
     * child of the node before, so the mask spares most of those a probe
     * of the edge table. Worked out with root_kept, from the edge table. */
    uint16_t *child_words;
    /* What the scan asks of each word's first node, in one load: the
     * node's child_words in the low 16 bits, and FL_ROOT_KEPT when it has
     * kept entries (root_first); 0 for a word that starts nothing the scan
     * records, which is then passed at once. Worked out with root_kept. */
    uint32_t *root_scan;
    /* The lazy lists that gates without a reach read (a whole sentence or
     * paragraph) have a bit each, at most 64 of them (fl__lazy_lists; the
     * rest keep their hits): sum_bit[list] is its bit, or FL_NO_SUM_BIT,
     * per list id. lazy_words[w] holds the bits of those lists that word
     * w is a one-word phrase of, so a sentence's summary (fl_lazy_sums)
     * is the OR of its words'. Worked out with root_kept. */
    uint8_t *sum_bit;
    uint64_t *lazy_words;
    /* Per word, a bit (list & 63) for every lazy list that word w is a
     * one-word phrase of: a clear bit tells a bounded gate's look that the
     * word is not in the list, without a walk over the entries of the
     * word's trie node ("the" has dozens). A set bit may be another list's
     * of the same bit; the walk then decides. Worked out with root_kept. */
    uint64_t *lazy_any;
    uint32_t number_words;
    /* `head-count-numbers` before `head-count-people` ("five women", "two
     * teenage girls") is a figure too; UINT32_MAX when a language has none */
    uint32_t head_count_numbers, head_count_people;
    int passage_figures;
};

/* Besides the rule files' lists: allowed words and declared names. */
#define FL_EXTRA_LISTS 2

/** Builds the matcher of one language from a loaded ruleset. Fails with
 *  FL_ESCHEMA (a gate names a list that does not exist) or FL_ENOMEM. */
int fl__matcher_build(fl_matcher **out, const fl_ruleset *rs,
                      const char *language, fl_error *err);
void fl__matcher_free(fl_matcher *m);
const char *fl__matcher_language(const fl_matcher *m);

/** The matcher for a language in a compiled ruleset, or NULL if no rule has
 *  that language. */
const fl_matcher *fl__ruleset_matcher(const fl_ruleset *rs, const char *language);

/** The slot of an edge key in the matcher's open-addressing table. The
 *  home slot is taken from bits 32 and up of the product, where both the
 *  parent node (key >> 32, times the odd multiplier) and the word are
 *  mixed in; the bits below hold the word nearly alone, so the many
 *  parents of one common child word ("of", "the") would share one run of
 *  slots and a look-up would walk several. */
static inline size_t fl__edge_slot(const fl_matcher *m, uint64_t key)
{
    size_t s = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 32) & m->edge_mask;
    while (m->edge_keys[s] && m->edge_keys[s] != key)
        s = (s + 1) & m->edge_mask;
    return s;
}

/** The trie node reached from `node` by `word`, or 0. */
static inline uint32_t fl__matcher_child(const fl_matcher *m, uint32_t node,
                                         uint32_t word)
{
    return m->edge_values[fl__edge_slot(m, (uint64_t)node << 32 | word)];
}

/** A phrase found in a block: tokens [start, end) and the trie entry. */
typedef struct fl_hit {
    uint32_t start, end;
    uint32_t entry;
} fl_hit;

typedef FL_VEC(fl_hit) fl_hit_vec;

/** A hit of a list, as the list index keeps it: sorted by (list, start). */
typedef struct fl_lhit {
    uint32_t list, start, end;
} fl_lhit;

typedef FL_VEC(fl_lhit) fl_lhit_vec;
typedef FL_VEC(uint64_t) fl_u64_vec;

#define FL_NO_SUM_BIT 0xFF

/* What gates without a reach ask of a lazy list: is a word of it anywhere
 * in this sentence (or paragraph)? Read word by word, a long paragraph
 * would be read again at every match in it. The first such ask in a block
 * sums up each sentence instead: the OR of its words' m->lazy_words, a bit
 * per list that has one (m->sum_bit), so every ask after it is a look at a
 * sentence's bits. */
typedef struct fl_lazy_sums {
    int summed;     /* `sums` holds the current block's summaries */
    uint64_t *sums; /* per sentence, room for the block's (lint.c reserves it) */
} fl_lazy_sums;

/* Sentences before the current block that passage gates and passage
 * density rules read: the document's last two, as long as no heading or
 * table came between (captions, read apart from the text, neither count
 * nor interrupt). */
#define FL_PASSAGE_BACK 2

typedef struct fl_past_sentence {
    uint64_t *lists;      /* a bit per list id: the sentence has a hit of it */
    unsigned figures[3];  /* numbers, percentages, sums of money (fl__figure_class) */
    size_t first, end;    /* bytes from its first figure to the end of its last */
    uint64_t consumed;    /* density rules (by index, the first 64) that reported it */
} fl_past_sentence;

typedef struct fl_passage {
    fl_past_sentence back[FL_PASSAGE_BACK]; /* [0] is the sentence just before */
    size_t n;
    uint64_t *consumed;   /* per sentence of the current block, as above */
} fl_passage;

/** A sentence's figures by class (number, percent, money: FL_COUNT_*'s bit
 *  order), counted once per block for every density rule. */
typedef struct fl_sentence_figures {
    uint32_t words;
    uint32_t count[3];
    uint32_t first[3], last[3]; /* token index of the first and last of each class */
} fl_sentence_figures;

/** A block being linted, with what the matchers share about it. */
typedef struct fl_block {
    const fl_matcher *m;
    const char *doc;
    size_t doc_len;
    const fl_token *toks;
    size_t ntoks;
    const uint32_t *sentences; /* token index where each sentence starts */
    size_t nsentences;
    const uint32_t *sentence_of; /* sentence number of each token */
    const uint32_t *figures;     /* numeric tokens in each sentence */
    const fl_sentence_figures *sfigures; /* statistics in each sentence */
    const fl_segment *segs;
    size_t nsegs;
    unsigned scope;
    const fl_hit *hits;        /* term hits (the list hits are lhits), by start token */
    size_t nhits;
    const fl_lhit *lhits;      /* list hits, by (list, start) */
    size_t nlhits;
    const uint64_t *lazy;      /* lists read on demand (fl__lazy_lists); their
                                  word-by-word hits are not in lhits */
    fl_passage *passage;       /* what came before; density rules mark it */
    const uint32_t *list_at;   /* per list id: where its hits start in lhits,
                                  valid only where that entry is the list's
                                  (stale for a list without hits); may be NULL */
    fl_lazy_sums *lazy_sums;   /* for gates without a reach on lazy lists; may be NULL */
} fl_block;

/** Does rule r apply at token `tok` of block b: a scope of the block, or
 *  (scope `picture`) the first sentence of a caption. */
static inline int fl__in_scope(const fl_block *b, const fl_rule *r, uint32_t tok)
{
    if (r->scopes & b->scope)
        return 1;
    return (r->scopes & FL_SCOPE_PICTURE) && b->scope == FL_SCOPE_CAPTION &&
           b->sentence_of[tok] == 0;
}

/** The FL_COUNT_* class of token i of toks[0..n) as a statistic, or 0:
 *  years, dates, ordinals, numbers joined to a word ("19-year-old") and the
 *  base of a rate ("1 in 7", one figure) are not
 *  figures. `text` is the document the tokens point into. */
unsigned fl__figure_class(const char *text, const fl_token *toks, size_t n, size_t i);

/* What fl__matcher_scan_block's caller knows the tokens may hold: a scan told
 * that none has an affix, or that none is a hashtag's, spares every token
 * the test. */
enum {
    FL_SCAN_AFFIXES = 1u << 0,  /* some token may have an affix (a stem) */
    FL_SCAN_HASHTAGS = 1u << 1  /* some token may be part of a hashtag */
};

/** Appends every trie hit in each sentence of a block of the document
 *  `doc`: sentence s is tokens [sentences[s], sentences[s + 1]), the last
 *  one ending at ntoks, and no phrase runs from one into the next. Hits
 *  come sentence by sentence, in order of start: phrases word by word, and
 *  phrases written without spaces inside hashtags (hashtag.h). Word by
 *  word, the hits of m->lazy's lists are left out (fl__lazy_lists). `may`
 *  is FL_SCAN_*: with a bit clear, tokens of that kind are not looked for.
 *  One sentence: sentences = {first token}, nsentences 1. */
int fl__matcher_scan_block(const fl_matcher *m, const char *doc, const fl_token *toks,
                           size_t ntoks, const uint32_t *sentences, size_t nsentences,
                           unsigned may, fl_hit_vec *out, const fl_allocator *alloc);

/** Marks in `lazy` (a bit per list id, zeroed by the caller; the matcher
 *  build calls it once and keeps the result in m->lazy) the lists
 *  whose hits are read only by sentence or paragraph gates: with a reach
 *  (`within`, `before`, `after`), so that a gate's look costs a few words
 *  however long the paragraph, or without one, for at most 64 lists, each
 *  given its bit in `sum_bit` (per list id, FL_NO_SUM_BIT for the others,
 *  as the caller sets them all), so that the look costs a sentence's
 *  summary (fl_lazy_sums): no stems, never a topic, passage list, trigger, proximity word, exception,
 *  name, allowed word, m->number_words or the head-count lists (set
 *  before the call). A gate
 *  asks about such a list's one-word phrases by looking at the few words
 *  within its reach, so the scan need not record a hit for every "the" and
 *  "of" of a draft (fl__matcher_scan_block skips them); its phrases of two words
 *  or more are recorded as any list's are. */
void fl__lazy_lists(const fl_matcher *m, uint64_t *lazy, uint8_t *sum_bit);

/** The tables the scan reads beside the trie: fills m->root_first and
 *  m->root_kept from m->root, m->node_entries, m->entries and m->lazy (set
 *  before the call), m->lazy_words from them and m->sum_bit, m->lazy_any,
 *  m->child_words from the edge table and m->root_scan from both. FL_ENOMEM. */
int fl__scan_tables(fl_matcher *m);

/** The id of the named list `name` of this language, or UINT32_MAX. */
uint32_t fl__matcher_list_id(const fl_matcher *m, const char *name);

/** What gates say about a match. A document gate cannot be settled until
 *  the whole document has been read, so its answer is "if the document is
 *  about the rule's topic"; a rule's gates name at most one topic list
 *  (ruleset_yaml.c checks it), so three values combine exactly. */
typedef enum fl_verdict {
    FL_VERDICT_NO = 0,
    FL_VERDICT_YES = 1,
    FL_VERDICT_IF_TOPIC = 2
} fl_verdict;

/** The gate's verdict for tokens [start, end) of block `b`. */
fl_verdict fl__gate_verdict(const fl_block *b, const fl_gate *g, uint32_t start,
                            uint32_t end);

/** Does the gate hold for tokens [start, end) of block `b`? (For gates that
 *  never read the whole document: triggers, unless, proximity.) */
int fl__gate_holds(const fl_block *b, const fl_gate *g, uint32_t start,
                   uint32_t end);

/** Where to look around tokens [start, end): the whole sentence or
 *  paragraph, or at most `before` tokens before and `after` tokens after. */
typedef struct fl_reach {
    int bounded;
    unsigned before, after;
    fl_unit unit;
} fl_reach;

/** A hit of list `list` within reach of tokens [start, end) — the nearest
 *  one when the reach is bounded, any one otherwise — or NULL if none. */
const fl_lhit *fl__list_near(const fl_block *b, uint32_t list, uint32_t start,
                             uint32_t end, fl_reach reach);

/** Index of the first hit of `list` whose start is >= `from` in b->lhits
 *  (b->nlhits, or a hit of a later list, if none). */
size_t fl__list_first(const fl_block *b, uint32_t list, uint32_t from);

/** Context gates all hold, no unless-gate holds, and no exception or
 *  allowed phrase overlaps tokens [start, end): YES, NO, or IF_TOPIC when
 *  the rule's document gates decide. */
fl_verdict fl__rule_passes_gates(const fl_block *b, const fl_rule *r, uint32_t start,
                                 uint32_t end);

/** Does any hit of `list` overlap tokens [start, end)? */
int fl__list_overlaps(const fl_block *b, uint32_t list, uint32_t start,
                      uint32_t end);

/* Byte span of tokens [start, end). */
static inline size_t fl__tok_span_off(const fl_block *b, uint32_t start)
{
    return b->toks[start].off;
}

static inline size_t fl__tok_span_len(const fl_block *b, uint32_t start,
                                      uint32_t end)
{
    return (size_t)b->toks[end - 1].off + b->toks[end - 1].len - b->toks[start].off;
}

/** What a matcher found, handed to the lint step. */
typedef struct fl_candidate {
    const fl_rule *rule;
    fl_severity severity;
    uint32_t tok_start, tok_end; /* tokens of the match (for rewrites) */
    size_t off, len;             /* bytes of the finding */
    const char *message;         /* template */
    const fl_strlist *suggest;   /* rewrite templates; may be NULL */
    fl_form form;                /* of the matched text, for rewrites */
    unsigned count;              /* density: figures counted ({count}) */
    const size_t *groups;        /* pattern: ovector pairs for $1…$9, or NULL */
    size_t ngroups;
    int if_topic;                /* kept only if the document is about the
                                    rule's topic list (FL_VERDICT_IF_TOPIC) */
} fl_candidate;

/** A candidate for rule `r` over tokens [start, end): the rule's severity
 *  and message, the tokens' byte span, no rewrites; matchers adjust the rest. */
static inline fl_candidate fl__candidate(const fl_block *b, const fl_rule *r,
                                         uint32_t start, uint32_t end)
{
    fl_candidate c = {r, r->severity, start, end, fl__tok_span_off(b, start),
                      fl__tok_span_len(b, start, end), r->message, NULL,
                      FL_FORM_LITERAL, 0, NULL, 0, 0};
    return c;
}

/* Where matchers report what they find. lint.c fills it in (emit turns a
 * candidate into a finding; notice records an input problem or a limit
 * hit) and calls the matchers; matchers only call through it, so the calls
 * go one way, lint.c to the matchers. */
typedef struct fl_match_sink {
    int (*emit)(void *ctx, const fl_block *b, const fl_candidate *c);
    int (*notice)(void *ctx, size_t off, const char *fmt, va_list ap) FL_PRINTF(3, 0);
    void *ctx;
} fl_match_sink;

static inline int fl__match_emit(const fl_match_sink *s, const fl_block *b,
                                 const fl_candidate *c)
{
    return s->emit(s->ctx, b, c);
}

static inline int fl__match_notice(const fl_match_sink *s, size_t off, const char *fmt, ...)
    FL_PRINTF(3, 4);
static inline int fl__match_notice(const fl_match_sink *s, size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int error = s->notice(s->ctx, off, fmt, ap);
    va_end(ap);
    return error;
}

/* The matchers, one per rule kind, each over one block. */
int fl__match_terms(const fl_match_sink *sink, const fl_block *b);
int fl__match_proximity(const fl_match_sink *sink, const fl_block *b);
int fl__match_density(const fl_match_sink *sink, const fl_block *b);
/* What a pattern rule has done in one document. */
typedef struct fl_pattern_count {
    unsigned runs;           /* sentences it ran on; the first
                                FL_REGEX_INTERPRETED are not JIT-run */
    unsigned limit_hits;     /* sentences that hit FL_REGEX_MATCH_LIMIT (or
                                depth, heap); at FL_REGEX_LIMIT_HITS the rule
                                stops */
} fl_pattern_count;

/* A pattern's first runs in a document are interpreted: a JIT compilation
 * costs what some hundred interpreted sentences do, and the triggers leave
 * a 5 KB draft about ten runs in all (start-up and a 5 KB draft: 7.66M ->
 * 6.01M instructions without any JIT). Counted per document, so which runs
 * are JIT-run depends on the document alone, whatever other threads did. */
#define FL_REGEX_INTERPRETED 64

/* What the pattern rules may still spend in one fl_lint call. A match is
 * first tried within FL_REGEX_CHEAP_STEPS, which ordinary rules on ordinary
 * sentences never exceed and which is free; only the retries with a larger
 * limit (up to FL_REGEX_MATCH_LIMIT) are charged, to the document and to the
 * caller's run budget. A sentence alone can only cost FL_REGEX_MATCH_LIMIT,
 * but thousands that each stay just under it once took 101 s for 210 KB. */
typedef struct fl_regex_state {
    void *match_data;        /* pcre2_match_data * */
    void *match_context;     /* pcre2_match_context *: this call's own copy,
                                whose match limit changes per attempt */
    fl_pattern_count *counts; /* per pattern rule, in this document */
    uint64_t document_left;  /* steps the retries may still spend */
    unsigned long long *run_left; /* the caller's run budget; NULL: none */
    int spent;               /* the notice that a budget is spent was given */
} fl_regex_state;

int fl__match_patterns(const fl_match_sink *sink, const fl_block *b, fl_regex_state *rx,
                       fl_u64_vec *scratch);

#endif

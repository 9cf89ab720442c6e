/*
 * lint: the pipeline for one document. The markup reader streams segments;
 * each block (paragraph, heading, caption…) is tokenized, scanned against
 * the language's trie, indexed, and handed to the four matchers; candidates
 * come back here to be worded. Memory is bounded by the largest block, not
 * the document. lint never prints and never decides exit codes.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "buf.h"
#include "document.h"
#include "findings.h"
#include "match.h"
#include "package.h"
#include "suggest.h"
#include "suppress.h"
#include "text.h"

/* Notices per document; past this a single line says more were dropped. */
#define MAX_NOTICES 50

/* A document is about a topic list ("in: document" gates) when its title
 * holds a word of the list, or when the list's words are at least one in
 * this many of its words (a heading's hit counts three times). A news story
 * about asylum passes easily; a markets report that mentions immigration
 * twice in 800 words does not. */
#define TOPIC_WORDS_PER_HIT 150
#define TOPIC_HEADING_WEIGHT 3

typedef struct fl_lint_run fl_lint_run;

/* One fl_lint call: what the matchers and directives report into. */
struct fl_lint_run {
    fl_match_sink sink;          /* how matchers and directives report: to this run */
    const fl_ruleset *rs;
    const fl_matcher *m;
    const fl_document *doc;
    const fl_allocator *alloc;
    fl_findings *f;
    fl_severity min_severity;
    const char *language;
    fl_tokenizer tok;
    FL_VEC(fl_segment) segs;
    FL_VEC(fl_directive) dirs;
    fl_hit_vec hits;
    fl_lhit_vec lhits;
    FL_VEC(uint32_t) sentences;
    FL_VEC(uint32_t) sentence_of;
    FL_VEC(uint32_t) figures;
    FL_VEC(fl_sentence_figures) sfigures;
    fl_buf text, scratch;
    fl_regex_state regex;        /* see fl__match_patterns */
    uint32_t *list_count;        /* per list: scratch for index_lists, kept at 0 */
    uint32_t *list_at;           /* per list: the block's fl_block.list_at */
    uint32_t *list_cursor;       /* per list: scratch for index_lists */
    fl_u64_vec pairs;            /* scratch for fl__match_patterns */
    size_t notices;
    size_t block_bytes;          /* bytes in run->segs, at most FL_MAX_BLOCK_BYTES */
    int block_cut;               /* the notice that a block was cut was given */
    /* What document gates are settled on, per topic list (m->topics). */
    uint64_t words;              /* tokens read in the whole document */
    uint64_t *topic_hits;        /* weighted hits per topic list */
    uint32_t *topic_block;       /* hits per topic list in the block (index_lists) */
    unsigned char *topic_title;  /* a hit in the document's first heading */
    int title_seen;              /* the first heading block has gone by */
    int deferred;                /* some finding waits on a topic */
    fl_passage passage;          /* the sentences before the current block */
    size_t list_words;           /* uint64_t words in a list bitset */
    uint64_t *touched_bits;      /* scratch for index_lists, kept at 0 */
    uint64_t *passage_mask;      /* a bit per list that passages remember */
    /* 2 × list_words: the passage lists with a hit in the block's last
     * sentence, then in the one before it (index_lists), which is what
     * remember_passage keeps of them */
    uint64_t *tail_lists;
    FL_VEC(uint64_t) consumed;   /* storage for passage.consumed */
    int quiet;                   /* index_block: the block has no hit and no number */
    fl_lazy_sums lazy_sums;      /* for gates without a reach on lazy lists */
    FL_VEC(uint64_t) sums;       /* storage for lazy_sums.sums */
};

/* --- candidates to findings ------------------------------------------------------- */

/* The finding's rewrites, inflected for where they land. One that would
 * not read right before the next word ("arriving to Europe") is left out:
 * `*unfit` counts those. */
static int add_suggestions(fl_lint_run *run, const fl_block *b,
                           const fl_candidate *c, fl_finding *x, size_t *unfit)
{
    size_t off, len, article;
    int error = fl__suggest_span(b, c, run->language, &run->scratch, &off, &len,
                                 &article);
    if (error < 0)
        return error;
    x->off = off;
    x->len = len;
    x->suggestions = fl__arena_alloc(&run->f->arena,
                                     c->suggest->count * sizeof *x->suggestions);
    if (!x->suggestions)
        return FL_ENOMEM;
    for (size_t i = 0; i < c->suggest->count; i++) {
        fl__buf_clear(&run->text);
        error = fl__suggest_rewrite(&run->text, b, c, run->language, i, off, len,
                                    article, &run->scratch);
        if (error < 0)
            return error;
        /* A rewrite is written into the draft: never one that is not text
         * (no shipped template makes one; a capture of broken input might). */
        if (fl__utf8_first_invalid(run->text.ptr, run->text.len) != run->text.len ||
            memchr(run->text.ptr, '\0', run->text.len))
            continue;
        if (!fl__suggest_fits_around(b, c, run->language, fl__buf_cstr(&run->text), off, len)) {
            ++*unfit;
            continue;
        }
        const char *s = fl__arena_strndup(&run->f->arena, run->text.ptr, run->text.len);
        if (!s)
            return FL_ENOMEM;
        /* Two templates can land on the same text once inflected. */
        size_t k = 0;
        while (k < x->nsuggestions && strcmp(x->suggestions[k], s))
            k++;
        if (k == x->nsuggestions)
            x->suggestions[x->nsuggestions++] = s;
    }
    return FL_OK;
}

typedef enum quoting { NOT_QUOTED, MENTIONED, QUOTED, PARTLY_QUOTED } quoting;

/* Token i is `word` (lower case), in any case. */
static int is_word(const fl_block *b, uint32_t i, const char *word)
{
    const fl_token *t = &b->toks[i];
    size_t n = strlen(word);
    if (t->len != n)
        return 0;
    for (size_t k = 0; k < n; k++) {
        char ch = b->doc[t->off + k];
        if ((ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch) != word[k])
            return 0;
    }
    return 1;
}

/* Quoted use is not use. A quotation that holds only the matched words
 * discusses them (the term "illegal immigrant"); a longer one reports what
 * someone else said, which the writer may need to quote. */
static quoting quoted(const fl_block *b, const fl_candidate *c)
{
    if (c->tok_end <= c->tok_start)
        return NOT_QUOTED;
    uint32_t inside = 0;
    for (uint32_t i = c->tok_start; i < c->tok_end; i++)
        inside += (b->toks[i].flags & FL_TOKF_QUOTED) != 0;
    /* Part of the match in quotation marks ("the 'tide' of migrants"): the
     * writer's sentence with a scare quote or a quoted word in it, reported
     * as it stands but never rewritten, which would cut the quotation. */
    if (inside == 0)
        return NOT_QUOTED;
    if (inside < c->tok_end - c->tok_start)
        return PARTLY_QUOTED;
    uint32_t lo = c->tok_start, hi = c->tok_end;
    while (lo > 0 && (b->toks[lo - 1].flags & FL_TOKF_QUOTED) &&
           !(b->toks[lo].flags & FL_TOKF_QUOTE_OPEN))
        lo--;
    while (hi < b->ntoks && (b->toks[hi].flags & FL_TOKF_QUOTED) &&
           !(b->toks[hi].flags & FL_TOKF_QUOTE_OPEN))
        hi++;
    /* A word or two in quotation marks is a word under discussion ("an
     * 'invasion'"); a longer phrase is someone's claim ("poisoning the blood
     * of our country"), and so is a chant or a slogan (quote: speech). So
     * is a quoted word the sentence goes on to use: "an “invasion” of
     * migrants" names who invades (over the real sets, such a quoted word
     * with "of" after it was expected 5 times, gray 10, never unmarked). */
    if (lo == c->tok_start && hi == c->tok_end && hi - lo <= 2 && !c->rule->quote_is_speech &&
        !(hi < b->ntoks && b->sentence_of[hi] == b->sentence_of[lo] && is_word(b, hi, "of")))
        return MENTIONED;
    return QUOTED;
}

/* A token that starts with a capital letter. */
static int capitalised(const fl_block *b, uint32_t i)
{
    int32_t cp = -1;
    const fl_token *t = &b->toks[i];
    fl__utf8_decode((const unsigned char *)b->doc + t->off, t->len, &cp);
    return cp >= 0 && fl__cp_is_upper(cp);
}

/* The small words a name may hold between its capitals ("Safety of
 * Rwanda", "Migration and Asylum Pact", "Pacto de Migración"). */
static int connector(const fl_block *b, uint32_t i)
{
    static const char *const words[] = {"of", "and", "for", "the", "on", "to", "in",
                                        "de", "du", "des", "la", "le", "et", "y", "del",
                                        "und", "für", "der", "die", "das", "zur", "zum",
                                        NULL};
    const fl_token *t = &b->toks[i];
    for (const char *const *w = words; *w; w++) {
        if (strlen(*w) == t->len && !memcmp(b->doc + t->off, *w, t->len))
            return 1;
    }
    return 0;
}

/* Is the match part of a name: a phrase the writer declared (`names:`), or
 * a run of capitalised words, the match among them, that ends in a word of
 * the language's `name-heads` list ("the Illegal Migration Bill", "the
 * Migration and Asylum Pact")? A headline in title case ("Illegal
 * Immigration Crisis Deepens") has no such word and is no name. */
static int in_name(const fl_block *b, const fl_candidate *c)
{
    const fl_matcher *m = b->m;
    if (c->tok_end <= c->tok_start)
        return 0;
    if (fl__list_overlaps(b, m->names, c->tok_start, c->tok_end))
        return 1;
    if (m->name_heads == UINT32_MAX || !capitalised(b, c->tok_start))
        return 0;
    uint32_t s = b->sentence_of[c->tok_start];
    for (uint32_t i = c->tok_start; i < b->ntoks && i < c->tok_end + 8; i++) {
        if (b->sentence_of[i] != s)
            return 0;
        if (capitalised(b, i)) {
            if (i + 1 >= c->tok_end && fl__list_overlaps(b, m->name_heads, i, i + 1))
                return 1;
        } else if (!connector(b, i)) {
            return 0;
        }
    }
    return 0;
}

/* The length of the apostrophe (' or U+2019) at doc[k], or 0. */
static size_t apostrophe_at(const char *doc, size_t k, size_t end)
{
    if (doc[k] == '\'')
        return 1;
    return k + 3 <= end && !memcmp(doc + k, "\xe2\x80\x99", 3) ? 3 : 0;
}

/* A quotation mark or a bracket in [off, off + len): a rewrite would leave
 * its partner alone. An apostrophe between two letters of the span
 * ("people's", "l'afflux") is neither; one at a word's edge may close a
 * quotation ("the 'tide' of"). */
static int holds_marks(const fl_block *b, size_t off, size_t len)
{
    static const char *const marks[] = {"\"", "\xe2\x80\x9c", "\xe2\x80\x9d",
                                        "\xe2\x80\x9e", "\xe2\x80\x98", "\xc2\xab",
                                        "\xc2\xbb", "\xe2\x80\xb9", "\xe2\x80\xba",
                                        "(", ")", "[", "]", NULL};
    size_t end = off + len;
    for (size_t k = off; k < end; k++) {
        size_t n = apostrophe_at(b->doc, k, end);
        if (n) {
            if (k == off || k + n >= end || b->doc[k - 1] == ' ' || b->doc[k + n] == ' ')
                return 1;
            k += n - 1;
            continue;
        }
        /* every mark starts with one of these bytes; most bytes of a
         * span are letters, which no mark starts with */
        unsigned char ch = (unsigned char)b->doc[k];
        if (ch != '"' && ch != '(' && ch != ')' && ch != '[' && ch != ']' && ch != 0xE2 &&
            ch != 0xC2)
            continue;
        for (const char *const *m = marks; *m; m++) {
            size_t ml = strlen(*m);
            if (ml <= end - k && !memcmp(b->doc + k, *m, ml))
                return 1;
        }
    }
    return 0;
}

/* Whether fl_fix may rewrite [off, off + len), and if not why. A rewrite may
 * only replace text the reader handed over in one piece and on one line:
 * between segments lie markup and container prefixes ("> ", list
 * indentation) that a rewrite must never eat; the reader must be able to
 * write that piece back (FL_SEG_NO_REWRITE); a quotation mark or bracket
 * inside would lose its partner; and bytes that are not UTF-8 (the tokenizer
 * reads them as spaces, so "flood\xff into" matches) would be dropped by the
 * rewrite, which must leave every byte it does not reword. */
static fl_kept rewritable(const fl_block *b, size_t off, size_t len)
{
    if (memchr(b->doc + off, '\n', len) || holds_marks(b, off, len))
        return FL_KEPT_SPAN;
    if (fl__utf8_first_invalid(b->doc + off, len) < len)
        return FL_KEPT_BYTES;
    /* Segments come in document order: the last one starting at or before
     * `off` is the only one that can hold the span. */
    size_t lo = 0, hi = b->nsegs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->segs[mid].off <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    const fl_segment *s = lo ? &b->segs[lo - 1] : NULL;
    if (!s || off + len > s->off + s->len)
        return FL_KEPT_SPAN;
    return s->flags & FL_SEG_NO_REWRITE ? FL_KEPT_READONLY : FL_KEPT_NOT;
}

/* Does the match stand in a sentence that reports what someone said,
 * without quotation marks ("the minister said migrants were flooding in",
 * "…, the MP told the rally")? A word of the language's `speech-verbs` list
 * elsewhere in its sentence says so. The words are the writer's, so they are
 * reported as they are; but a rewrite would put other words in the
 * speaker's mouth. */
static int reported_speech(const fl_block *b, const fl_candidate *c)
{
    uint32_t list = b->m->speech_verbs;
    if (list == UINT32_MAX || c->tok_end <= c->tok_start)
        return 0;
    uint32_t s = b->sentence_of[c->tok_start];
    uint32_t lo = b->sentences[s], hi = s + 1 < b->nsentences ? b->sentences[s + 1] : b->ntoks;
    return (lo < c->tok_start && fl__list_overlaps(b, list, lo, c->tok_start)) ||
           (c->tok_end < hi && fl__list_overlaps(b, list, c->tok_end, hi));
}

/* Are the matched words named rather than used: a word of the language's
 * `mention-cues` list ("the term", "words like") ends at most two words
 * before the match? "I will keep using the term illegal aliens" is still the
 * writer's choice of words, and reported; rewritten, it would say that the
 * writer keeps using another term. */
static int named_not_used(const fl_block *b, const fl_candidate *c)
{
    uint32_t list = b->m->mention_cues;
    if (list == UINT32_MAX || c->tok_start == 0)
        return 0;
    uint32_t s = b->sentence_of[c->tok_start];
    uint32_t lo = c->tok_start >= 2 ? c->tok_start - 2 : 0;
    if (lo < b->sentences[s])
        lo = b->sentences[s];
    return lo < c->tok_start && fl__list_overlaps(b, list, lo, c->tok_start);
}

/* A word or two in quotation marks after a word of the language's
 * `speech-verbs` or `claim-cues` list in its sentence ("Meloni called the
 * arrivals an “invasion”", "Farage warned an "invasion" is underway") is the
 * speaker's word, presented as their claim: reported as a quotation, not
 * passed over as a mention, unless a mention cue names it ("the so-called
 * ‘swarm’"). Annotators of real text expected a quoted loaded word 17
 * times, left it gray 44 times and clean 3 times, never after a claim word. */
static int claimed_not_named(const fl_block *b, const fl_candidate *c)
{
    uint32_t s = b->sentence_of[c->tok_start], lo = b->sentences[s];
    if (lo >= c->tok_start || named_not_used(b, c))
        return 0;
    uint32_t lists[] = {b->m->speech_verbs, b->m->claim_cues};
    for (size_t k = 0; k < sizeof lists / sizeof *lists; k++)
        if (lists[k] != UINT32_MAX && fl__list_overlaps(b, lists[k], lo, c->tok_start))
            return 1;
    return 0;
}

/* fl_match_sink.emit: a matcher's candidate becomes a finding. */
static int lint_emit(void *ctx, const fl_block *b, const fl_candidate *c)
{
    fl_lint_run *run = ctx;
    fl_candidate lowered;
    quoting q = quoted(b, c);
    if (q == MENTIONED) {
        if (!claimed_not_named(b, c))
            return FL_OK;
        q = QUOTED;
    }
    int name = q == NOT_QUOTED && in_name(b, c);
    /* A rewritten hashtag is a different campaign. */
    int hashtag = c->tok_end > c->tok_start && (b->toks[c->tok_start].flags & FL_TOKF_HASHTAG);
    fl_kept kept = q == QUOTED || q == PARTLY_QUOTED ? FL_KEPT_QUOTED
                   : name                     ? FL_KEPT_NAME
                   : hashtag                  ? FL_KEPT_HASHTAG
                   : c->suggest && reported_speech(b, c) ? FL_KEPT_REPORTED
                   : c->suggest && named_not_used(b, c)  ? FL_KEPT_NAMED
                                                         : FL_KEPT_NOT;
    if (kept != FL_KEPT_NOT) {
        lowered = *c;
        if (name)
            lowered.severity = FL_SEVERITY_SUGGESTION; /* at most: it is a name */
        else if (q == QUOTED && lowered.severity > FL_SEVERITY_SUGGESTION)
            lowered.severity--;
        if (!c->suggest)
            kept = FL_KEPT_NOT; /* nothing to leave: no note */
        lowered.suggest = NULL; /* nobody rewrites someone else's words or a name */
        c = &lowered;
    }
    if (c->severity < run->min_severity || c->severity == FL_SEVERITY_OFF)
        return FL_OK;
    fl_finding x;
    memset(&x, 0, sizeof x);
    x.if_topic = c->if_topic;
    run->deferred |= c->if_topic;
    x.rule = c->rule;
    x.severity = c->severity;
    x.off = c->off;
    x.len = c->len;
    if (run->f->full)
        return fl__findings_add(run->f, &x); /* only where it starts counts */
    size_t unfit = 0;
    int error = c->suggest ? add_suggestions(run, b, c, &x, &unfit) : FL_OK;
    if (error < 0)
        return error;
    /* Findings start and end on characters, whatever a pattern matched:
     * an editor cannot place a cursor inside one, and a rewrite must not
     * leave half of one behind (a widened span keeps no rewrite). */
    size_t lo = fl__utf8_char_start(b->doc, b->doc_len, x.off);
    size_t hi = fl__utf8_char_end(b->doc, b->doc_len, x.off + x.len);
    int whole = lo == x.off && hi == x.off + x.len;
    x.off = lo;
    x.len = hi - lo;
    fl__buf_clear(&run->text);
    if (q == QUOTED)
        error = fl__buf_puts(&run->text, "In a quotation: ");
    else if (name)
        error = fl__buf_puts(&run->text, "In a name: ");
    if (error == 0)
        error = fl__suggest_message(&run->text, b, c, x.off, x.len,
                                    x.nsuggestions ? x.suggestions[0] : NULL);
    if (error < 0)
        return error;
    /* A span widened to whole characters keeps no rewrite (item 6). */
    x.kept = kept != FL_KEPT_NOT ? kept
             : x.nsuggestions    ? (whole ? rewritable(b, x.off, x.len) : FL_KEPT_SPAN)
             : unfit             ? FL_KEPT_GRAMMAR
                                 : FL_KEPT_NOT;
    /* A message is one C string: a NUL the span holds (a density rule's
     * span may cross sentences) is shown as U+FFFD, never cut at. */
    if (run->text.len && memchr(run->text.ptr, '\0', run->text.len)) {
        fl__buf_clear(&run->scratch);
        for (size_t i = 0; i < run->text.len && error == 0; i++)
            error = run->text.ptr[i] ? fl__buf_putc(&run->scratch, run->text.ptr[i])
                                     : fl__buf_puts(&run->scratch, "\xEF\xBF\xBD");
        fl_buf shown = run->scratch;
        run->scratch = run->text;
        run->text = shown;
        if (error < 0)
            return error;
    }
    x.message = fl__arena_strndup(&run->f->arena, fl__buf_cstr(&run->text), run->text.len);
    if (!x.message)
        return FL_ENOMEM;
    return fl__findings_add(run->f, &x);
}

/* fl_match_sink.notice: an input problem or a limit hit, kept with the
 * findings; past MAX_NOTICES one last notice says the rest were dropped. */
static FL_PRINTF(3, 0) int lint_vnotice(void *ctx, size_t off, const char *fmt, va_list ap)
{
    fl_lint_run *run = ctx;
    if (++run->notices > MAX_NOTICES) {
        if (run->notices != MAX_NOTICES + 1)
            return FL_OK;
        fmt = "more than 50 notices; the rest are not shown";
    }
    return fl__findings_vnotice(run->f, off, fmt, ap);
}

static FL_PRINTF(3, 4) int lint_notice(fl_lint_run *run, size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int error = lint_vnotice(run, off, fmt, ap);
    va_end(ap);
    return error;
}

/* --- one block ------------------------------------------------------------------- */

/* The index of the lowest set bit of a nonzero word. */
static unsigned lowest_bit(uint64_t w)
{
#if defined(__GNUC__) || defined(__clang__)
    return (unsigned)__builtin_ctzll(w);
#else
    unsigned n = 0;
    while (!(w & 1)) {
        w >>= 1;
        n++;
    }
    return n;
#endif
}

/* The list index: hits grouped by list, in position order within a list
 * (the scan already yields them by position). A counting sort over only the
 * lists this block touched, found in id order from a bitmap, so it is
 * linear in the hits whatever the number of lists the rules define. The
 * bitmap is walked twice (the lists' starts, then their counts back to 0)
 * rather than copied into a vector of lists: most lists a block touches
 * have one hit, and the copy cost as much as the rest. run->hits keeps only
 * the term hits after it, in order: nearly every hit is a list's, and
 * fl__match_terms, their only other reader, skipped each of them again. */
static int index_lists(fl_lint_run *run)
{
    uint32_t *count = run->list_count;
    uint64_t *bits = run->touched_bits;
    const fl_entry *entries = run->m->entries;
    fl_hit *hits = run->hits.ptr;
    size_t nhits = run->hits.len, words = run->list_words, n = 0;
    /* The passage lists of the block's last two sentences are noted here,
     * from the hits as they come, where a look per list and sentence in
     * the index (after it was built) cost a search each for every block.
     * Hits from `tail` on start in one of the two; those from `last` on in
     * the last. No passage list: no hit is past UINT32_MAX. */
    const uint32_t *sentences = run->sentences.ptr;
    size_t nsent = run->sentences.len;
    uint32_t last = nsent ? sentences[nsent - 1] : 0;
    uint32_t tail = nsent > 1 ? sentences[nsent - 2] : last;
    if (!run->m->npassage_lists)
        tail = UINT32_MAX;
    uint64_t *tail_lists = run->tail_lists;
    memset(tail_lists, 0, 2 * words * sizeof *tail_lists);
    for (size_t i = 0; i < nhits; i++) {
        const fl_entry *e = &entries[hits[i].entry];
        if (e->kind != FL_ENTRY_LIST)
            continue;
        n++;
        uint32_t list = e->target;
        uint64_t bit = (uint64_t)1 << (list & 63);
        if (count[list]++ == 0)
            bits[list >> 6] |= bit;
        if (hits[i].start >= tail)
            tail_lists[(hits[i].start < last) * words + (list >> 6)] |=
                run->passage_mask[list >> 6] & bit;
    }
    /* count_topics' figures, while the counts are there */
    for (size_t k = 0; k < run->m->ntopics; k++)
        run->topic_block[k] = count[run->m->topics[k]];
    /* The counts and the bitmap go back to 0 as they are read: the copy
     * goes by cursors of its own, so no third walk of the bitmap clears
     * them after it. */
    uint32_t at = 0, *cursor = run->list_cursor;
    for (size_t w = 0; w < words; w++) {
        for (uint64_t left = bits[w]; left; left &= left - 1) {
            uint32_t list = (uint32_t)(w * 64 + lowest_bit(left)), c = count[list];
            cursor[list] = run->list_at[list] = at;
            count[list] = 0;
            at += c;
        }
        bits[w] = 0;
    }
    int error = FL_VEC_RESERVE(run->alloc, &run->lhits, n);
    if (error == 0) {
        fl_lhit *lhits = run->lhits.ptr;
        size_t terms = 0;
        run->lhits.len = n;
        for (size_t i = 0; i < nhits; i++) {
            const fl_hit *h = &hits[i];
            const fl_entry *e = &entries[h->entry];
            if (e->kind == FL_ENTRY_LIST)
                lhits[cursor[e->target]++] = (fl_lhit){e->target, h->start, h->end};
            else
                hits[terms++] = *h; /* terms <= i: read already */
        }
        run->hits.len = terms;
    }
    return error;
}

/* Figures written as words: "two thirds of", "drei Millionen", "once
 * mujeres", and head counts, "five women", "two teenage girls": a small
 * cardinal (`head-count-numbers`) counts only right before a word for
 * people or a span of time (`head-count-people`), where "ten countries"
 * does not. Each run of such hits in a row is one figure of its sentence,
 * counted like a number token; a word right after a number ("3 million")
 * is that number's, and one joined to the next word by a hyphen
 * ("two-year-old") is a compound, as with digits. */

/* Only spaces or a hyphen between tokens a and b: "three hundred",
 * "twenty-five", not "three, four". */
static int words_touch(const fl_lint_run *run, size_t a, size_t b)
{
    const fl_token *t = run->tok.toks.ptr;
    for (size_t k = (size_t)t[a].off + t[a].len; k < t[b].off; k++) {
        char c = run->doc->text[k];
        if (c != ' ' && c != '-' && c != '\t')
            return 0;
    }
    return 1;
}

/* The hits of one list, from where index_lists put them (list_at). */
typedef struct list_walk {
    const fl_lhit *at, *end;
} list_walk;

static list_walk walk_list(const fl_lint_run *run, uint32_t list)
{
    const fl_lhit *h = run->lhits.ptr;
    if (!h) /* no hits yet in this run: no vector to point into */
        return (list_walk){NULL, NULL};
    const fl_lhit *end = h + run->lhits.len;
    /* list_at is stale for a list without hits in this block: then its
     * entry belongs to another list */
    if (list == UINT32_MAX || run->list_at[list] >= run->lhits.len ||
        h[run->list_at[list]].list != list)
        return (list_walk){end, end};
    const fl_lhit *first = h + run->list_at[list], *last = first;
    while (last < end && last->list == list)
        last++;
    return (list_walk){first, last};
}

/* Moves `counts` to its next hit that is a head count, a cardinal whose
 * next word starts a `head-count-people` hit, and writes the span both
 * cover to *out; 0 when none is left. The hit itself is not taken. */
static int next_head_count(const fl_lint_run *run, list_walk *counts, list_walk *people,
                           fl_lhit *out)
{
    for (; counts->at < counts->end; counts->at++) {
        while (people->at < people->end && people->at->start < counts->at->end)
            people->at++;
        if (people->at < people->end && people->at->start == counts->at->end &&
            words_touch(run, counts->at->end - 1, people->at->start)) {
            *out = (fl_lhit){counts->at->list, counts->at->start, people->at->end};
            return 1;
        }
    }
    return 0;
}

/* The next hit that is a figure, of `number-words` or a head count, in
 * order of start; NULL when none is left. A head count is written to
 * *made, which the caller reads before the next call. */
static const fl_lhit *next_figure(const fl_lint_run *run, list_walk *words, list_walk *counts,
                                  list_walk *people, fl_lhit *made)
{
    int words_left = words->at < words->end;
    if (next_head_count(run, counts, people, made) &&
        !(words_left && words->at->start <= made->start)) {
        counts->at++;
        return made;
    }
    return words_left ? words->at++ : NULL;
}

static void count_number_words(fl_lint_run *run)
{
    const fl_token *t = run->tok.toks.ptr;
    const uint32_t *sentence_of = run->sentence_of.ptr;
    size_t n = run->tok.toks.len;
    const fl_matcher *m = run->m;
    list_walk words = walk_list(run, m->number_words);
    list_walk counts = walk_list(run, m->head_count_numbers);
    list_walk people = walk_list(run, m->head_count_people);
    fl_lhit made;
    const fl_lhit *h = next_figure(run, &words, &counts, &people, &made);
    while (h) {
        /* the run: hits that start inside or right after it, in its sentence */
        uint32_t start = h->start, end = h->end, s = sentence_of[start];
        for (h = next_figure(run, &words, &counts, &people, &made);
             h && h->start <= end && sentence_of[h->start] == s &&
             (h->start < end || words_touch(run, end - 1, h->start));
             h = next_figure(run, &words, &counts, &people, &made))
            end = h->end > end ? h->end : end;
        if (start > 0 && fl__tok_is_numeric(&t[start - 1]) &&
            (size_t)t[start - 1].off + t[start - 1].len + 1 >= t[start].off)
            continue;
        if (end < n && (t[end].flags & FL_TOKF_HYPHEN))
            continue;
        fl_sentence_figures *f = &run->sfigures.ptr[s];
        if (!f->count[0] || start < f->first[0])
            f->first[0] = start;
        if (!f->count[0] || end - 1 > f->last[0])
            f->last[0] = end - 1;
        f->count[0]++;
        run->figures.ptr[s]++;
    }
}

/* Sentences, trie hits and the list index for the block's tokens. */
static int index_block(fl_lint_run *run)
{
    const fl_token_vec *t = &run->tok.toks;
    run->sentences.len = run->sentence_of.len = 0;
    run->hits.len = run->lhits.len = 0;
    const size_t ntoks = t->len;
    /* The tokenizer noted where sentences start and which tokens are
     * numeric: a block is read sentence by sentence and number by number,
     * not token by token. Its first token starts a sentence whether or not
     * it was noted; a block without tokens has no sentence, as when
     * sentences were found token by token. */
    const fl_tok_index_vec *starts = &run->tok.starts, *nums = &run->tok.numbers;
    size_t nsent = ntoks ? starts->len + (!starts->len || starts->ptr[0] != 0) : 0;
    int error = FL_VEC_RESERVE(run->alloc, &run->sentence_of, ntoks);
    if (error == 0)
        error = FL_VEC_RESERVE(run->alloc, &run->sentences, nsent);
    if (error == 0)
        error = FL_VEC_RESERVE(run->alloc, &run->figures, nsent);
    if (error == 0)
        error = FL_VEC_RESERVE(run->alloc, &run->sfigures, nsent);
    if (error == 0)
        error = FL_VEC_RESERVE(run->alloc, &run->sums, nsent);
    run->figures.len = 0;
    run->sfigures.len = 0;
    if (error < 0)
        return error;
    uint32_t *sentences = run->sentences.ptr, *figures = run->figures.ptr;
    fl_sentence_figures *sfigures = run->sfigures.ptr;
    uint32_t *sentence_of = run->sentence_of.ptr;
    if (nsent) {
        sentences[0] = 0;
        memcpy(sentences + (nsent - starts->len), starts->ptr, starts->len * sizeof *sentences);
    }
    for (size_t s = 0; s < nsent; s++) {
        uint32_t lo = sentences[s], hi = s + 1 < nsent ? sentences[s + 1] : (uint32_t)ntoks;
        for (uint32_t i = lo; i < hi; i++)
            sentence_of[i] = (uint32_t)s;
        figures[s] = 0;
        sfigures[s] = (fl_sentence_figures){0, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
    }
    run->sentences.len = run->figures.len = run->sfigures.len = nsent;
    size_t numbers = nums->len;
    for (size_t n = 0; n < numbers; n++) {
        uint32_t i = nums->ptr[n], sentence = sentence_of[i];
        fl_sentence_figures *f = &sfigures[sentence];
        figures[sentence]++;
        unsigned cls = fl__figure_class(run->doc->text, t->ptr, ntoks, i);
        unsigned k = cls == FL_COUNT_NUMBER ? 0 : cls == FL_COUNT_PERCENT ? 1 : 2;
        if (!cls)
            continue;
        if (!f->count[k]++)
            f->first[k] = i;
        f->last[k] = i;
    }
    /* A sentence's words are its tokens but its numeric ones. */
    for (size_t s = 0; s < nsent; s++) {
        uint32_t hi = s + 1 < nsent ? sentences[s + 1] : (uint32_t)ntoks;
        sfigures[s].words = hi - sentences[s] - figures[s];
    }
    run->f->words += t->len - numbers;
    unsigned may = (run->tok.affixes ? FL_SCAN_AFFIXES : 0u) |
                   (run->tok.hashtags ? FL_SCAN_HASHTAGS : 0u);
    error = fl__matcher_scan_block(run->m, run->doc->text, t->ptr, t->len, run->sentences.ptr,
                                   run->sentences.len, may, &run->hits, run->alloc);
    if (error == 0 && !run->hits.len && !numbers && run->m->untriggered == run->m->npattern) {
        /* No hit and no number (a heading, a short list item): no matcher
         * has anything to read, and the passage keeps only the block's
         * sentences, with no list and no figure (lint_quiet_block). */
        run->quiet = 1;
        return FL_OK;
    }
    run->quiet = 0;
    if (error == 0)
        error = index_lists(run);
    if (error == 0)
        count_number_words(run);
    return error;
}

/* The block's share of what decides document gates. A quiet block
 * (index_block) has no topic hit: its topic_block counts are zero. */
static FL_ALWAYS_INLINE void count_topics(fl_lint_run *run, unsigned scope, size_t ntoks)
{
    const fl_matcher *m = run->m;
    int heading = scope == FL_SCOPE_HEADING;
    run->words += ntoks;
    for (size_t k = 0; k < m->ntopics; k++) {
        uint32_t hits = run->topic_block[k]; /* counted by index_lists */
        run->topic_hits[k] += (uint64_t)hits * (heading ? TOPIC_HEADING_WEIGHT : 1);
        if (hits && heading && !run->title_seen)
            run->topic_title[k] = 1;
    }
    if (heading)
        run->title_seen = 1;
}

/* Keeps the block's last sentences for the passage gates and rules of the
 * blocks that follow. A heading or a table ends a passage; a caption, read
 * apart from the text around it, leaves it as it was. */
/* Only what passage gates and passage rules read is kept: the hits of the
 * lists they name, and figures if a rule counts them. */
static void remember_sentence(fl_lint_run *run, const fl_block *b, size_t j,
                              fl_past_sentence *out)
{
    /* index_lists noted the passage lists of the last two sentences, the
     * only ones asked about */
    const uint64_t *lists = run->tail_lists + (b->nsentences - 1 - j) * run->list_words;
    memcpy(out->lists, lists, run->list_words * sizeof *out->lists);
    const fl_sentence_figures *f = &b->sfigures[j];
    uint32_t first = UINT32_MAX, last = 0;
    out->first = out->end = 0;
    out->consumed = run->passage.consumed[j];
    for (unsigned k = 0; k < 3; k++) {
        out->figures[k] = f->count[k];
        if (f->count[k] && f->first[k] < first)
            first = f->first[k];
        if (f->count[k] && f->last[k] >= last)
            last = f->last[k];
    }
    if (first != UINT32_MAX) {
        out->first = b->toks[first].off;
        out->end = (size_t)b->toks[last].off + b->toks[last].len;
    }
}

/* A quiet block's sentence: no list, no figure. */
static void forget_sentence(const fl_lint_run *run, fl_past_sentence *out)
{
    memset(out->lists, 0, run->list_words * sizeof *out->lists);
    out->figures[0] = out->figures[1] = out->figures[2] = 0;
    out->first = out->end = 0;
    out->consumed = 0;
}

/* b is NULL for a quiet block (index_block), whose sentences are kept
 * with nothing in them. */
/* Inlined at both calls, so each is made for a quiet block or not. */
static FL_ALWAYS_INLINE void remember_passage(fl_lint_run *run, unsigned scope,
                                              size_t nsentences, const fl_block *b)
{
    fl_passage *p = &run->passage;
    if (scope == FL_SCOPE_CAPTION || !nsentences ||
        (!run->m->npassage_lists && !run->m->passage_figures))
        return;
    if (scope == FL_SCOPE_HEADING || scope == FL_SCOPE_TABLE) {
        p->n = 0;
        return;
    }
    if (nsentences == 1) {
        fl_past_sentence older = p->back[0];
        p->back[0] = p->back[1];
        p->back[1] = older;
        if (b)
            remember_sentence(run, b, 0, &p->back[0]);
        else
            forget_sentence(run, &p->back[0]);
        p->n = p->n < FL_PASSAGE_BACK ? p->n + 1 : FL_PASSAGE_BACK;
        return;
    }
    for (size_t k = 0; k < 2; k++) {
        if (b)
            remember_sentence(run, b, nsentences - 1 - k, &p->back[k]);
        else
            forget_sentence(run, &p->back[k]);
    }
    p->n = FL_PASSAGE_BACK;
}

static int topic_holds(const fl_lint_run *run, const fl_list *topic)
{
    const fl_matcher *m = run->m;
    for (size_t k = 0; k < m->ntopics; k++) {
        if (m->topics[k] == topic->id)
            return run->topic_title[k] ||
                   (run->topic_hits[k] &&
                    run->topic_hits[k] * TOPIC_WORDS_PER_HIT >= run->words);
    }
    return 0;
}

/* Findings that waited for the end of the document are kept or dropped,
 * and so are those past the limit: a draft not about the topic lost none,
 * and one about it lost them from where the first was cut. */
static void settle_topics(fl_lint_run *run)
{
    fl_findings *f = run->f;
    size_t w = 0;
    for (size_t i = 0; i < f->items.len; i++) {
        fl_finding *x = &f->items.ptr[i];
        if (x->if_topic && !topic_holds(run, x->rule->topic))
            continue;
        x->if_topic = 0;
        f->items.ptr[w++] = *x;
    }
    f->items.len = w;
    for (size_t k = 0; k < sizeof f->lost_if_topic / sizeof *f->lost_if_topic; k++) {
        if (f->lost_if_topic[k].topic && topic_holds(run, f->lost_if_topic[k].topic) &&
            f->lost_if_topic[k].lost_at < f->lost_at)
            f->lost_at = f->lost_if_topic[k].lost_at;
    }
}

/* A caption rule reads pictures: it applies to captions (or their first
 * sentence) and headings only. */
static int reads_pictures(const fl_rule *r)
{
    return !(r->scopes & (FL_SCOPE_PROSE | FL_SCOPE_QUOTE | FL_SCOPE_LIST | FL_SCOPE_TABLE));
}

static uint32_t sentence_at(const fl_block *b, size_t off)
{
    size_t lo = 0, hi = b->ntoks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((size_t)b->toks[mid].off + b->toks[mid].len <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return b->sentence_of[lo < b->ntoks ? lo : b->ntoks - 1];
}

/* One picture, one finding: in a caption, what the caption rules of one
 * category found in one sentence ("coffins", "a shipwreck", "riot police"
 * and "tear gas") describes one picture, so it is reported once, over the
 * words from the first to the last, with the most severe rule's message. */
static void merge_picture_findings(fl_lint_run *run, const fl_block *b, size_t first)
{
    fl_findings *f = run->f;
    size_t w = first;
    for (size_t i = first; i < f->items.len; i++) {
        fl_finding x = f->items.ptr[i];
        size_t k = first;
        if (reads_pictures(x.rule)) {
            uint32_t s = sentence_at(b, x.off);
            for (; k < w; k++) {
                fl_finding *y = &f->items.ptr[k];
                if (reads_pictures(y->rule) && !strcmp(y->rule->category, x.rule->category) &&
                    sentence_at(b, y->off) == s && y->if_topic == x.if_topic)
                    break;
            }
        } else {
            k = w;
        }
        if (k == w) {
            f->items.ptr[w++] = x;
            continue;
        }
        fl_finding *y = &f->items.ptr[k];
        size_t end = x.off + x.len > y->off + y->len ? x.off + x.len : y->off + y->len;
        size_t off = x.off < y->off ? x.off : y->off;
        if (x.severity > y->severity)
            *y = x;
        y->off = off;
        y->len = end - off;
        y->kept = FL_KEPT_NOT; /* one picture has no one rewrite */
        y->nsuggestions = 0;
    }
    f->items.len = w;
}

/* What lint_block does with a quiet block (index_block): the matchers
 * would find nothing (no term or list hit, no figure, every pattern has a
 * trigger), so only the document's counts and the passage move on. */
static void lint_quiet_block(fl_lint_run *run)
{
    unsigned scope = run->segs.ptr[0].scope;
    if (run->m->ntopics) {
        memset(run->topic_block, 0, run->m->ntopics * sizeof *run->topic_block);
        count_topics(run, scope, run->tok.toks.len);
    }
    remember_passage(run, scope, run->sentences.len, NULL);
}

static int lint_block(fl_lint_run *run)
{
    fl__tok_begin_block(&run->tok);
    int error = 0;
    for (size_t i = 0; i < run->segs.len && error == 0; i++)
        error = fl__tok_segment(&run->tok, &run->segs.ptr[i]);
    fl__tok_end_block(&run->tok);
    if (error == 0 && run->tok.toks.len)
        error = index_block(run);
    if (error < 0 || !run->tok.toks.len)
        return error;
    if (run->quiet) {
        lint_quiet_block(run);
        return FL_OK;
    }
    if (FL_VEC_RESERVE(run->alloc, &run->consumed, run->sentences.len) < 0)
        return FL_ENOMEM;
    memset(run->consumed.ptr, 0, run->sentences.len * sizeof *run->consumed.ptr);
    run->passage.consumed = run->consumed.ptr;
    size_t first_finding = run->f->items.len;
    fl_block b = {run->m, run->doc->text, run->doc->len, run->tok.toks.ptr,
                  run->tok.toks.len, run->sentences.ptr, run->sentences.len,
                  run->sentence_of.ptr, run->figures.ptr, run->sfigures.ptr,
                  run->segs.ptr, run->segs.len,
                  run->segs.ptr[0].scope, run->hits.ptr, run->hits.len,
                  run->lhits.ptr, run->lhits.len, run->m->lazy, &run->passage,
                  run->list_at, &run->lazy_sums};
    run->lazy_sums.summed = 0; /* made at the block's first ask */
    run->lazy_sums.sums = run->sums.ptr;
    if (run->m->ntopics)
        count_topics(run, b.scope, b.ntoks);
    if (run->hits.len)
        error = fl__match_terms(&run->sink, &b);
    if (error == 0 && run->lhits.len && run->m->nproximity)
        error = fl__match_proximity(&run->sink, &b);
    if (error == 0 && run->m->ndensity)
        error = fl__match_density(&run->sink, &b);
    if (error == 0 && run->m->npattern)
        error = fl__match_patterns(&run->sink, &b, &run->regex, &run->pairs);
    if (error == 0 && b.scope == FL_SCOPE_CAPTION)
        merge_picture_findings(run, &b, first_finding);
    if (error == 0)
        remember_passage(run, b.scope, b.nsentences, &b);
    if (error == 0)
        error = fl__findings_keep_within_limit(run->f);
    return error;
}

/* --- the reader's callbacks ------------------------------------------------------- */

static int flush_block(fl_lint_run *run)
{
    int error = run->segs.len ? lint_block(run) : FL_OK;
    run->segs.len = 0;
    run->block_bytes = 0;
    return error;
}

/* Where to end a part of at most `room` bytes of s: after the last line
 * break, else after the last space or tab, else (a megabyte without
 * either) at the last character boundary. 0 when nothing fits. */
static size_t part_end(const char *s, size_t room)
{
    for (size_t i = room; i > room / 2; i--)
        if (s[i - 1] == '\n')
            return i;
    for (size_t i = room; i > 0; i--)
        if (s[i - 1] == ' ' || s[i - 1] == '\t')
            return i;
    size_t i = room;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static int on_segment(void *payload, const fl_segment *seg)
{
    fl_lint_run *run = payload;
    int error = FL_OK;
    if ((seg->flags & FL_SEG_BLOCK_START) && (error = flush_block(run)) < 0)
        return error;
    if (seg->off > run->doc->len || seg->len > run->doc->len - seg->off)
        return FL_ERROR; /* a reader bug, never the user's input */
    /* A block past FL_MAX_BLOCK_BYTES is linted in parts (framelint.h):
     * memory for its tokens and indexes stays bounded. */
    fl_segment rest = *seg;
    while (run->block_bytes + rest.len > FL_MAX_BLOCK_BYTES) {
        size_t room = FL_MAX_BLOCK_BYTES - run->block_bytes;
        size_t cut = part_end(run->doc->text + rest.off, room);
        if (cut == 0 && run->block_bytes == 0)
            cut = room; /* a megabyte of stray continuation bytes */
        if (cut > 0) {
            fl_segment part = rest;
            part.len = cut;
            if (FL_VEC_PUSH(run->alloc, &run->segs, part) < 0)
                return FL_ENOMEM;
            rest.off += cut;
            rest.len -= cut;
            rest.flags &= ~(unsigned)(FL_SEG_GLUED | FL_SEG_BLOCK_START);
        }
        if (!run->block_cut) {
            run->block_cut = 1;
            error = lint_notice(run, rest.off, "a block is longer than "
                                    "FL_MAX_BLOCK_BYTES (1 MiB): it was linted in parts, "
                                    "the first cut at byte %zu; a phrase across two parts "
                                    "is not seen", rest.off);
        }
        if (error < 0 || (error = flush_block(run)) < 0)
            return error;
    }
    run->block_bytes += rest.len;
    return FL_VEC_PUSH(run->alloc, &run->segs, rest);
}

static int on_directive(void *payload, const fl_directive *dir)
{
    fl_lint_run *run = payload;
    return FL_VEC_PUSH(run->alloc, &run->dirs, *dir);
}

/* --- the document ----------------------------------------------------------------- */

static int compare_directives(const void *x, const void *y)
{
    const fl_directive *a = x, *b = y;
    return (a->off > b->off) - (a->off < b->off);
}

static int check_input(fl_lint_run *run)
{
    const char *nul = memchr(run->doc->data, '\0', run->doc->len);
    int error = 0;
    if (nul) {
        size_t at = (size_t)(nul - run->doc->data);
        error = lint_notice(run, at, "NUL byte at byte %zu: not text; it ends the "
                                "sentence it is in and no rewrite removes it", at);
    }
    size_t bad = fl__utf8_first_invalid(run->doc->data, run->doc->len);
    if (error < 0 || bad == run->doc->len)
        return error;
    return lint_notice(run, bad, "invalid UTF-8 at byte %zu; the text around it "
                           "was linted, the invalid bytes were skipped", bad);
}

static int run_document(fl_lint_run *run)
{
    int error = check_input(run);
    if (error < 0 || !run->m)
        return error;
    fl_markup_sink sink = {on_segment, on_directive, run};
    error = run->doc->pkg ? fl__package_read(run->doc->pkg, &sink)
                          : fl__markup_read(run->doc->format, run->doc->text,
                                            run->doc->len, &sink, run->alloc);
    if (error == 0 && run->segs.len)
        error = lint_block(run);
    if (error < 0)
        return error;
    if (run->deferred)
        settle_topics(run);
    fl__findings_sort(run->f);
    if ((error = fl__findings_drop_contained(run->f)) < 0)
        return error;
    if (run->dirs.len > 1)
        qsort(run->dirs.ptr, run->dirs.len, sizeof *run->dirs.ptr, compare_directives);
    error = fl__suppress(run->f, run->rs, run->dirs.ptr, run->dirs.len, run->doc->text,
                         run->doc->len, &run->sink);
    if (error == 0)
        error = fl__findings_settle_rewrites(run->f, run->doc->data);
    if (error == 0 && run->f->lost_at != SIZE_MAX)
        error = lint_notice(run, run->f->lost_at, "the document has more findings than "
                                "the limit (FL_MAX_FINDINGS = 100000 per document): from "
                                "here on, not all of them were kept");
    return error;
}

static void run_free(fl_lint_run *run)
{
    fl__tok_free(&run->tok);
    FL_VEC_FREE(run->alloc, &run->segs);
    FL_VEC_FREE(run->alloc, &run->dirs);
    FL_VEC_FREE(run->alloc, &run->hits);
    FL_VEC_FREE(run->alloc, &run->lhits);
    FL_VEC_FREE(run->alloc, &run->sentences);
    FL_VEC_FREE(run->alloc, &run->sentence_of);
    FL_VEC_FREE(run->alloc, &run->figures);
    FL_VEC_FREE(run->alloc, &run->sfigures);
    fl__buf_free(&run->text);
    fl__buf_free(&run->scratch);
    pcre2_match_data_free(run->regex.match_data);
    fl__free(run->alloc, run->regex.counts);
    pcre2_match_context_free(run->regex.match_context);
    fl__free(run->alloc, run->list_count);
    fl__free(run->alloc, run->list_at);
    fl__free(run->alloc, run->list_cursor);
    fl__free(run->alloc, run->topic_hits);
    fl__free(run->alloc, run->topic_block);
    fl__free(run->alloc, run->touched_bits);
    fl__free(run->alloc, run->passage_mask);
    fl__free(run->alloc, run->tail_lists);
    FL_VEC_FREE(run->alloc, &run->sums);
    fl__free(run->alloc, run->topic_title);
    for (size_t i = 0; i < FL_PASSAGE_BACK; i++)
        fl__free(run->alloc, run->passage.back[i].lists);
    FL_VEC_FREE(run->alloc, &run->consumed);
    FL_VEC_FREE(run->alloc, &run->pairs);
}

static const char *pick_language(const fl_document *doc, const fl_lint_options *opts)
{
    if (opts && opts->language && *opts->language)
        return opts->language;
    if (doc->language[0])
        return doc->language;
    return "en";
}

static int setup(fl_lint_run *run, const fl_ruleset *rs, const fl_document *doc,
                 const fl_lint_options *opts)
{
    memset(run, 0, sizeof *run);
    run->sink = (fl_match_sink){lint_emit, lint_vnotice, run};
    run->rs = rs;
    run->doc = doc;
    run->alloc = rs->alloc;
    run->language = pick_language(doc, opts);
    run->m = fl__ruleset_matcher(rs, run->language);
    run->min_severity = opts ? opts->min_severity : FL_SEVERITY_SUGGESTION;
    run->text = (fl_buf)FL_BUF_INIT(run->alloc);
    run->scratch = (fl_buf)FL_BUF_INIT(run->alloc);
    fl__tok_init(&run->tok, run->alloc, run->m ? run->m->vocab : NULL, doc->text,
                 doc->len);
    if (fl__findings_new(&run->f, run->alloc) < 0)
        return FL_ENOMEM;
    snprintf(run->f->language, sizeof run->f->language, "%s", run->language);
    run->regex.document_left = FL_REGEX_DOCUMENT_STEPS;
    run->regex.run_left = opts && opts->version >= 2 ? opts->regex_budget : NULL;
    run->f->rs = rs;
    run->f->min_severity = run->min_severity;
    if (run->m && run->m->npattern &&
        (!(run->regex.match_data = pcre2_match_data_create(10, rs->pcre_general)) ||
         !(run->regex.match_context = pcre2_match_context_copy(rs->pcre_match)) ||
         !(run->regex.counts = fl__calloc(run->alloc, run->m->npattern,
                                          sizeof *run->regex.counts))))
        return FL_ENOMEM;
    if (!run->m)
        return lint_notice(run, 0, "no rules for language '%s'; nothing was "
                               "checked", run->language);
    /* one slot per list, and for the allowed words and declared names */
    if (!(run->list_count = fl__calloc(run->alloc, (size_t)run->m->nlists + FL_EXTRA_LISTS,
                                       sizeof *run->list_count)) ||
        !(run->list_at = fl__calloc(run->alloc, (size_t)run->m->nlists + FL_EXTRA_LISTS,
                                    sizeof *run->list_at)) ||
        !(run->list_cursor = fl__calloc(run->alloc, (size_t)run->m->nlists + FL_EXTRA_LISTS,
                                        sizeof *run->list_cursor)))
        return FL_ENOMEM;
    if (run->m->ntopics &&
        (!(run->topic_hits = fl__calloc(run->alloc, run->m->ntopics,
                                        sizeof *run->topic_hits)) ||
         !(run->topic_title = fl__calloc(run->alloc, run->m->ntopics, 1)) ||
         !(run->topic_block = fl__calloc(run->alloc, run->m->ntopics,
                                         sizeof *run->topic_block))))
        return FL_ENOMEM;
    run->list_words = ((size_t)run->m->nlists + FL_EXTRA_LISTS + 63) / 64;
    if (!(run->touched_bits = fl__calloc(run->alloc, run->list_words,
                                         sizeof *run->touched_bits)) ||
        !(run->passage_mask = fl__calloc(run->alloc, run->list_words,
                                         sizeof *run->passage_mask)) ||
        !(run->tail_lists = fl__calloc(run->alloc, 2 * run->list_words,
                                       sizeof *run->tail_lists)))
        return FL_ENOMEM;
    for (size_t k = 0; k < run->m->npassage_lists; k++) {
        uint32_t list = run->m->passage_lists[k];
        run->passage_mask[list >> 6] |= (uint64_t)1 << (list & 63);
    }
    for (size_t i = 0; i < FL_PASSAGE_BACK; i++) {
        run->passage.back[i].lists = fl__calloc(run->alloc, run->list_words,
                                                sizeof *run->passage.back[i].lists);
        if (!run->passage.back[i].lists)
            return FL_ENOMEM;
    }
    return FL_OK;
}

int fl_lint(fl_findings **out, const fl_ruleset *rs, const fl_document *doc,
            const fl_lint_options *opts, fl_error *err)
{
    if (!out || !rs || !doc)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "fl_lint needs a "
                             "ruleset and a document");
    *out = NULL;
    if (!rs->compiled)
        return fl__error_set(err, FL_EINVAL, doc->path, 0, 0, 0, "the ruleset is not "
                             "compiled; call fl_ruleset_compile first");
    if (opts && opts->version != 1 && opts->version != FL_LINT_OPTIONS_VERSION)
        return fl__error_set(err, FL_EINVAL, doc->path, 0, 0, 0, "unknown "
                             "fl_lint_options version %u", opts->version);
    fl_lint_run run;
    int error = setup(&run, rs, doc, opts);
    if (error == 0)
        error = run_document(&run);
    run_free(&run);
    if (error < 0) {
        fl_findings_free(run.f);
        if (error == FL_ENOMEM)
            return fl__error_nomem(err);
        return fl__error_set(err, error, doc->path, 0, 0, 0, "linting failed: %s",
                             fl_status_name(error));
    }
    *out = run.f;
    return FL_OK;
}

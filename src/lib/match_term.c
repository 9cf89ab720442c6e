/*
 * match_term: walks the trie over a sentence's tokens, answers "is there a
 * word of list L near here" for every kind of rule, and turns term hits into
 * candidates. Context gates, exceptions and allowed words are checked here;
 * wording is left to the lint step.
 */
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "text.h"

typedef struct joined_hits {
    const fl_matcher *m;
    fl_hit_vec *out;
    const fl_allocator *alloc;
} joined_hits;

static int add_joined(void *payload, uint32_t start, uint32_t end, uint32_t node)
{
    joined_hits *j = payload;
    for (uint32_t e = j->m->node_entries[node]; e < j->m->node_entries[node + 1]; e++) {
        fl_hit h = {start, end, e};
        if (FL_VEC_PUSH(j->alloc, j->out, h) < 0)
            return FL_ENOMEM;
    }
    return FL_OK;
}

/* Whether hashtag token b goes on the tag of hashtag token a = b - 1: the
 * tokenizer splits a tag where its case changes, and a tag ends where a byte
 * other than '_' lies between two of its tokens. */
static int same_hashtag(const char *doc, const fl_token *a, const fl_token *b)
{
    size_t gap = (size_t)a->off + a->len;
    while (gap < b->off && doc[gap] == '_')
        gap++;
    return (b->flags & FL_TOKF_HASHTAG) && gap == b->off;
}

/* The hashtag whose first token is toks[i]. Folds the tag's letters into
 * `body`, noting each byte's token, and returns the index past its last
 * token. */
static size_t hashtag_body(const char *doc, const fl_token *toks, size_t i, size_t to,
                           char *body, uint32_t *owner, size_t *len)
{
    *len = 0;
    size_t k = i;
    for (; k < to && (toks[k].flags & FL_TOKF_HASHTAG); k++) {
        if (k > i && !same_hashtag(doc, &toks[k - 1], &toks[k]))
            break;
        const unsigned char *s = (const unsigned char *)doc + toks[k].off;
        size_t n = toks[k].len;
        for (size_t p = 0; p < n;) {
            int32_t cp;
            size_t step = fl__utf8_decode(s + p, n - p, &cp);
            p += step ? step : 1;
            if (cp < 0 || !(fl__cp_is_letter(cp) || fl__cp_is_digit(cp)))
                continue;
            char folded[16];
            size_t m = fl__fold_cp(cp, folded, sizeof folded);
            if (m == SIZE_MAX || *len + m > FL_HASHTAG_MAX_BODY)
                continue;
            for (size_t b = 0; b < m; b++) {
                owner[*len] = (uint32_t)k;
                body[(*len)++] = folded[b];
            }
        }
    }
    return k;
}

static int compare_hits(const void *x, const void *y)
{
    const fl_hit *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    return (a->entry > b->entry) - (a->entry < b->entry);
}

/* Insertion sort: one pass over hits already in order, a step back per
 * hit that is out of it. */
static void sort_nearly_sorted(fl_hit *h, size_t n)
{
    for (size_t k = 1; k < n; k++) {
        fl_hit x = h[k];
        size_t at = k;
        for (; at > 0 && compare_hits(&h[at - 1], &x) > 0; at--)
            h[at] = h[at - 1];
        h[at] = x;
    }
}

/* Phrases written without spaces in the sentence's hashtags; hits that the
 * word-by-word scan already found are dropped, and the sentence's hits are
 * put back in order of start. */
static int scan_hashtags(const fl_matcher *m, const char *doc, const fl_token *toks,
                         size_t from, size_t to, size_t first_hit, fl_hit_vec *out,
                         const fl_allocator *alloc)
{
    size_t before = out->len;
    joined_hits j = {m, out, alloc};
    for (size_t i = from; i < to;) {
        if (!(toks[i].flags & FL_TOKF_HASHTAG)) {
            i++;
            continue;
        }
        char body[FL_HASHTAG_MAX_BODY];
        uint32_t owner[FL_HASHTAG_MAX_BODY];
        size_t len;
        size_t next = hashtag_body(doc, toks, i, to, body, owner, &len);
        int error = fl__joined_scan(m->joined, body, owner, len, add_joined, &j);
        if (error < 0)
            return error;
        i = next;
    }
    if (out->len == before)
        return FL_OK;
    /* The word scan's hits are in order of start and end already, out of
     * entry order only among one word's stem and word entries, so an
     * insertion sort puts them right in about one pass. The two sorted
     * runs are then merged into room past the end (a sentence's hits,
     * never the document's, so the room is small). */
    size_t words = before - first_hit, tags = out->len - before;
    if (FL_VEC_RESERVE(alloc, out, out->len + words + tags) < 0)
        return FL_ENOMEM;
    fl_hit *h = out->ptr + first_hit, *tag = out->ptr + before, *merged = out->ptr + out->len;
    sort_nearly_sorted(h, words);
    /* A tag's hits come by start byte, so nearly in order too; a long
     * tag's many are sorted in full, to keep the time bounded. */
    if (tags <= 256)
        sort_nearly_sorted(tag, tags);
    else
        qsort(tag, tags, sizeof *tag, compare_hits);
    size_t a = 0, b = 0, w = 0;
    while (a < words || b < tags) {
        const fl_hit *next =
            b == tags || (a < words && compare_hits(&h[a], &tag[b]) <= 0) ? &h[a++] : &tag[b++];
        if (w && !compare_hits(&merged[w - 1], next))
            continue;
        merged[w++] = *next;
    }
    memmove(h, merged, w * sizeof *h);
    out->len = first_hit + w;
    return FL_OK;
}

static int is_lazy(const uint64_t *lazy, uint32_t list)
{
    return lazy && (lazy[list >> 6] >> (list & 63)) & 1;
}

/* The phrases that start at token i and go on with token i + 1, which
 * leads to trie node `node`: a call of its own, made only for the few
 * first words whose next word is a child, so the loop over every token
 * keeps its few values in registers. */
static FL_NOINLINE int scan_phrases(const fl_matcher *m, const char *doc, const fl_token *toks, size_t i,
                        size_t to, uint32_t node, fl_hit_vec *out, const fl_allocator *alloc)
{
    for (size_t j = i + 1;;) {
        /* A phrase may run from the text into a one-word tag ("real
         * #Americans"), not into the first word of a longer one: "the
         * real #AmericanHeroes" holds no "real Americans". */
        if ((toks[j].flags & FL_TOKF_HASHTAG) && !(toks[j - 1].flags & FL_TOKF_HASHTAG) &&
            j + 1 < to && same_hashtag(doc, &toks[j], &toks[j + 1]))
            break;
        for (uint32_t e = m->node_entries[node]; e < m->node_entries[node + 1]; e++) {
            fl_hit h = {(uint32_t)i, (uint32_t)j + 1, e};
            if (FL_VEC_PUSH(alloc, out, h) < 0)
                return FL_ENOMEM;
        }
        if (++j >= to || !toks[j].word || !((m->child_words[node] >> (toks[j].word & 15)) & 1) ||
            !(node = fl__matcher_child(m, node, toks[j].word)))
            break;
    }
    return FL_OK;
}

/* The word-by-word scan; `affixes` is a constant in each of its two
 * copies, so a language without stems tests no token for one. */
static FL_ALWAYS_INLINE int scan_words(const fl_matcher *m, const char *doc,
                                       const fl_token *toks, size_t from, size_t to,
                                       const int affixes, fl_hit_vec *out,
                                       const fl_allocator *alloc)
{
    for (size_t i = from; i < to; i++) {
        uint32_t a = affixes ? toks[i].affix : 0;
        if (a && a < m->nroot && m->root[a]) {
            /* a stem (asyl*, *flut) matches one word, never a phrase */
            uint32_t node = m->root[a];
            for (uint32_t e = m->node_entries[node]; e < m->node_entries[node + 1]; e++) {
                fl_hit h = {(uint32_t)i, (uint32_t)i + 1, e};
                if (FL_VEC_PUSH(alloc, out, h) < 0)
                    return FL_ENOMEM;
            }
        }
        uint32_t w = toks[i].word;
        /* Most words start nothing the scan records (no node, or only lazy
         * lists' entries and no child): one load says so. */
        uint32_t scan = w < m->nroot ? m->root_scan[w] : 0;
        if (!scan)
            continue;
        /* The first node's entries but the lazy lists' (a lazy list's
         * single words; its longer phrases are recorded by scan_phrases). */
        if (scan & FL_ROOT_KEPT) {
            uint32_t k = m->root_first[w], kept = m->root_first[w + 1] - k;
            /* room for them all first: the copy then checks no capacity */
            size_t len = out->len;
            if (FL_VEC_RESERVE(alloc, out, len + kept) < 0)
                return FL_ENOMEM;
            const uint32_t *entry = m->root_kept + k;
            fl_hit *h = out->ptr + len;
            out->len = len + kept;
            /* Most first words keep one entry: GCC vectorised a loop from
             * 0 behind a set-up that cost more than such a copy. */
            h[0] = (fl_hit){(uint32_t)i, (uint32_t)i + 1, entry[0]};
            for (uint32_t x = 1; x < kept; x++)
                h[x] = (fl_hit){(uint32_t)i, (uint32_t)i + 1, entry[x]};
        }
        /* Most first words have no child in the next word: that is asked
         * here, and only a phrase that goes on is followed in a call. */
        uint32_t next = i + 1 < to ? toks[i + 1].word : 0, node;
        if (next && ((scan >> (next & 15)) & 1) &&
            (node = fl__matcher_child(m, m->root[w], next)) &&
            scan_phrases(m, doc, toks, i, to, node, out, alloc) < 0)
            return FL_ENOMEM;
    }
    return FL_OK;
}

static FL_ALWAYS_INLINE int scan_sentence(const fl_matcher *m, const char *doc,
                                          const fl_token *toks, size_t from, size_t to,
                                          unsigned may, fl_hit_vec *out,
                                          const fl_allocator *alloc)
{
    size_t first_hit = out->len;
    int error = (may & FL_SCAN_AFFIXES) ? scan_words(m, doc, toks, from, to, 1, out, alloc)
                                        : scan_words(m, doc, toks, from, to, 0, out, alloc);
    if (error < 0 || !(may & FL_SCAN_HASHTAGS))
        return error;
    /* scan_hashtags adds nothing to a sentence without a tag */
    return scan_hashtags(m, doc, toks, from, to, first_hit, out, alloc);
}

int fl__matcher_scan_block(const fl_matcher *m, const char *doc, const fl_token *toks,
                           size_t ntoks, const uint32_t *sentences, size_t nsentences,
                           unsigned may, fl_hit_vec *out, const fl_allocator *alloc)
{
    for (size_t s = 0; s < nsentences; s++) {
        size_t to = s + 1 < nsentences ? sentences[s + 1] : ntoks;
        int error = scan_sentence(m, doc, toks, sentences[s], to, may, out, alloc);
        if (error < 0)
            return error;
    }
    return FL_OK;
}

/* --- list queries -------------------------------------------------------------- */

typedef struct window {
    uint32_t lo, hi; /* tokens [lo, hi) */
} window;

static window unit_bounds(const fl_block *b, uint32_t tok, fl_unit unit)
{
    if (unit == FL_UNIT_PARAGRAPH || !b->nsentences)
        return (window){0, (uint32_t)b->ntoks};
    uint32_t s = b->sentence_of[tok];
    uint32_t hi = s + 1 < b->nsentences ? b->sentences[s + 1] : (uint32_t)b->ntoks;
    return (window){b->sentences[s], hi};
}

size_t fl__list_first(const fl_block *b, uint32_t list, uint32_t from)
{
    size_t lo = 0, hi = b->nlhits;
    if (b->list_at) {
        /* The list's first hit is known: most queries ask from there, and
         * the rest search only from it. A list without hits has no entry
         * of its own (list_at is stale), and the end says so. */
        lo = b->list_at[list];
        if (lo >= hi || b->lhits[lo].list != list)
            return hi;
        if (b->lhits[lo].start >= from)
            return lo;
    }
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const fl_lhit *h = &b->lhits[mid];
        if (h->list < list || (h->list == list && h->start < from))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Whether `list` may have a hit in the block. Most lists a gate names
 * have none (a lazy list seldom has one recorded, and the allowed words
 * and exceptions asked about at every match are rare): list_at says so
 * before a window is worked out or a search set up. */
static inline int has_hits(const fl_block *b, uint32_t list)
{
    return !b->list_at ||
           (b->list_at[list] < b->nlhits && b->lhits[b->list_at[list]].list == list);
}

static uint32_t gap(const fl_lhit *h, uint32_t start, uint32_t end)
{
    if (h->end <= start)
        return start - h->end;
    if (h->start >= end)
        return h->start - end;
    return 0;
}

/* Where a gate on tokens [start, end) looks: the words within its reach,
 * inside its unit (*unit), which a match that runs on past its sentence
 * keeps. */
static window reach_window(const fl_block *b, uint32_t start, uint32_t end,
                           fl_reach reach, window *unit)
{
    window u = unit_bounds(b, start, reach.unit);
    if (reach.unit == FL_UNIT_SENTENCE && end > u.hi)
        u.hi = (uint32_t)b->ntoks;
    window w = u;
    if (reach.bounded) {
        w.lo = start > u.lo + reach.before ? start - reach.before : u.lo;
        w.hi = end + reach.after < u.hi ? end + reach.after : u.hi;
    }
    *unit = u;
    return w;
}

const fl_lhit *fl__list_near(const fl_block *b, uint32_t list, uint32_t start,
                             uint32_t end, fl_reach reach)
{
    if (!has_hits(b, list))
        return NULL;
    window u;
    window w = reach_window(b, start, end, reach, &u);
    uint32_t longest = b->m->list_words[list];
    uint32_t from = w.lo > longest ? w.lo - longest : 0;
    const fl_lhit *best = NULL;
    for (size_t i = fl__list_first(b, list, from); i < b->nlhits; i++) {
        const fl_lhit *h = &b->lhits[i];
        if (h->list != list || h->start >= w.hi)
            break;
        if (h->end <= w.lo || h->start < u.lo || h->end > u.hi)
            continue;
        /* "within 3 words" means other words: a bounded gate looks
         * outside the match, an unbounded one anywhere in the unit. */
        if (reach.bounded && h->end > start && h->start < end)
            continue;
        /* Anywhere in the unit will do: the first hit answers, which keeps a
         * long paragraph full of matches linear. */
        if (!reach.bounded)
            return h;
        if (!best || gap(h, start, end) < gap(best, start, end))
            best = h;
    }
    return best;
}

int fl__list_overlaps(const fl_block *b, uint32_t list, uint32_t start,
                      uint32_t end)
{
    if (!has_hits(b, list))
        return 0;
    uint32_t longest = b->m->list_words[list];
    uint32_t from = start > longest ? start - longest : 0;
    for (size_t i = fl__list_first(b, list, from); i < b->nlhits; i++) {
        const fl_lhit *h = &b->lhits[i];
        if (h->list != list || h->start >= end)
            break;
        if (h->end > start)
            return 1;
    }
    return 0;
}

/* Is token i a one-word phrase of the lazy list `list`? Those are the
 * list's entries on the word's own trie node; its longer phrases sit on
 * deeper nodes, whose hits the scan records as for any list. */
static int lazy_member(const fl_block *b, uint32_t list, uint32_t i)
{
    const fl_matcher *m = b->m;
    uint32_t w = b->toks[i].word;
    if (!w || w >= m->nroot || !((m->lazy_any[w] >> (list & 63)) & 1))
        return 0;
    uint32_t node = m->root[w];
    for (uint32_t e = m->node_entries[node]; e < m->node_entries[node + 1]; e++) {
        if (m->entries[e].kind == FL_ENTRY_LIST && m->entries[e].target == list)
            return 1;
    }
    return 0;
}

/* A one-word phrase of the list with summary bit `bit` in window w, which
 * is whole sentences (a gate without a reach reads a paragraph, a sentence,
 * or one from a sentence's start to the block's end): exact, as no other
 * list has the bit. The summaries are made at the block's first ask. */
static int lazy_in_sentences(const fl_block *b, uint8_t bit, window w)
{
    fl_lazy_sums *ls = b->lazy_sums;
    const fl_matcher *m = b->m;
    if (!ls->summed) {
        for (size_t s = 0; s < b->nsentences; s++) {
            uint32_t hi = s + 1 < b->nsentences ? b->sentences[s + 1] : (uint32_t)b->ntoks;
            uint64_t sum = 0;
            for (uint32_t i = b->sentences[s]; i < hi; i++) {
                uint32_t word = b->toks[i].word;
                sum |= word < m->nroot ? m->lazy_words[word] : 0;
            }
            ls->sums[s] = sum;
        }
        ls->summed = 1;
    }
    uint64_t sum = 0;
    for (size_t s = b->sentence_of[w.lo]; s < b->nsentences && b->sentences[s] < w.hi; s++)
        sum |= ls->sums[s];
    return (sum >> bit) & 1;
}

/* fl__list_near's answer for the one-word hits a lazy list does not
 * record: a word of it within reach (fl__list_near then looks among its
 * recorded hits, its phrases of two words or more). (Its hits inside hashtags are still
 * recorded, and fl__list_near finds those.) */
static int lazy_near(const fl_block *b, uint32_t list, uint32_t start, uint32_t end,
                     fl_reach reach)
{
    window u;
    window w = reach_window(b, start, end, reach, &u);
    uint8_t bit = b->m->sum_bit[list];
    if (!reach.bounded && bit != FL_NO_SUM_BIT && b->lazy_sums && w.lo < w.hi)
        return lazy_in_sentences(b, bit, w);
    for (uint32_t i = w.lo; i < w.hi; i++) {
        if (reach.bounded && i + 1 > start && i < end)
            continue;
        if (lazy_member(b, list, i))
            return 1;
    }
    return 0;
}

/* A hit of `list` before the match in its sentence, or in the two
 * sentences before that, in this block or, past its start, in the blocks
 * before: what a phrase like "these people" can point back to. */
static int in_passage(const fl_block *b, uint32_t list, uint32_t start)
{
    fl_reach before = {1, UINT16_MAX, 0, FL_UNIT_SENTENCE};
    fl_reach sentence = {0, 0, 0, FL_UNIT_SENTENCE};
    uint32_t s = b->sentence_of[start];
    if (fl__list_near(b, list, start, start + 1, before))
        return 1;
    for (uint32_t k = 1; k <= FL_PASSAGE_BACK; k++) {
        if (k <= s) {
            if (fl__list_near(b, list, b->sentences[s - k], b->sentences[s - k] + 1, sentence))
                return 1;
            continue;
        }
        const fl_passage *p = b->passage;
        size_t h = k - s - 1;
        if (!p || h >= p->n)
            return 0;
        if ((p->back[h].lists[list >> 6] >> (list & 63)) & 1)
            return 1;
    }
    return 0;
}

fl_verdict fl__gate_verdict(const fl_block *b, const fl_gate *g, uint32_t start,
                            uint32_t end)
{
    fl_verdict v;
    switch (g->kind) {
    case FL_GATE_ANY:
        v = FL_VERDICT_NO;
        for (size_t i = 0; i < g->nparts && v != FL_VERDICT_YES; i++) {
            fl_verdict p = fl__gate_verdict(b, &g->parts[i], start, end);
            if (p != FL_VERDICT_NO)
                v = p;
        }
        return v;
    case FL_GATE_ALL:
        v = FL_VERDICT_YES;
        for (size_t i = 0; i < g->nparts && v != FL_VERDICT_NO; i++) {
            fl_verdict p = fl__gate_verdict(b, &g->parts[i], start, end);
            if (p != FL_VERDICT_YES)
                v = p;
        }
        return v;
    case FL_GATE_NONE:
        /* compile refuses document gates here, so no part says "if the
         * document's topic": that would have no negation to return */
        for (size_t i = 0; i < g->nparts; i++) {
            if (fl__gate_verdict(b, &g->parts[i], start, end) != FL_VERDICT_NO)
                return FL_VERDICT_NO;
        }
        return FL_VERDICT_YES;
    case FL_GATE_NAMED:
        return fl__gate_verdict(b, g->named, start, end);
    case FL_GATE_LIST:
        break;
    }
    if (g->unit == FL_UNIT_DOCUMENT)
        return FL_VERDICT_IF_TOPIC;
    if (g->unit == FL_UNIT_PASSAGE)
        return in_passage(b, g->list->id, start) ? FL_VERDICT_YES : FL_VERDICT_NO;
    fl_reach reach = {g->bounded, g->before, g->after, g->unit};
    uint32_t list = g->list->id;
    if (is_lazy(b->lazy, list) && lazy_near(b, list, start, end, reach))
        return FL_VERDICT_YES;
    /* has_hits again, inline: fl__list_near checks it too, but most lists
     * a gate names have no hit in the block and the call is dearer than
     * the test (0.7M of the 2 MB slice's 147.5M instructions) */
    return has_hits(b, list) && fl__list_near(b, list, start, end, reach) ? FL_VERDICT_YES
                                                                         : FL_VERDICT_NO;
}

int fl__gate_holds(const fl_block *b, const fl_gate *g, uint32_t start,
                   uint32_t end)
{
    return fl__gate_verdict(b, g, start, end) == FL_VERDICT_YES;
}

/* --- term rules ----------------------------------------------------------------- */

fl_verdict fl__rule_passes_gates(const fl_block *b, const fl_rule *r, uint32_t start,
                                 uint32_t end)
{
    fl_verdict v = FL_VERDICT_YES;
    for (size_t i = 0; i < r->ncontext && v != FL_VERDICT_NO; i++) {
        fl_verdict p = fl__gate_verdict(b, &r->context[i], start, end);
        if (p != FL_VERDICT_YES)
            v = p;
    }
    if (v == FL_VERDICT_NO)
        return v;
    for (size_t i = 0; i < r->nunless; i++) {
        if (fl__gate_holds(b, &r->unless[i], start, end))
            return FL_VERDICT_NO;
    }
    if (r->except && fl__list_overlaps(b, r->except->id, start, end))
        return FL_VERDICT_NO;
    return fl__list_overlaps(b, b->m->allowed, start, end) ? FL_VERDICT_NO : v;
}

typedef struct accepted {
    const fl_hit *hit;
    const fl_rule *rule;
    fl_verdict verdict;
} accepted;

/* Earlier first, then longer first, so the walk below keeps the longest
 * match where one rule's matches overlap ("flood of" over "flood"). */
static int compare_accepted(const void *x, const void *y)
{
    const accepted *a = x, *b = y;
    if (a->rule->index != b->rule->index)
        return a->rule->index < b->rule->index ? -1 : 1;
    if (a->hit->start != b->hit->start)
        return a->hit->start < b->hit->start ? -1 : 1;
    return (a->hit->end < b->hit->end) - (a->hit->end > b->hit->end);
}

/* A hashtag is one unit for the reader: report the whole tag. */
static void widen_to_hashtag(const fl_block *b, fl_candidate *c)
{
    const unsigned char *d = (const unsigned char *)b->doc;
    size_t lo = c->off, hi = c->off + c->len;
    while (lo > 0 && d[lo - 1] != '#' && d[lo - 1] > ' ')
        lo--;
    if (lo > 0 && d[lo - 1] == '#')
        lo--;
    while (hi < b->doc_len && (d[hi] >= 0x80 || d[hi] == '_' ||
                               (d[hi] >= '0' && d[hi] <= '9') ||
                               ((d[hi] | 0x20) >= 'a' && (d[hi] | 0x20) <= 'z')) &&
           /* a link glued on ("#MuslimInvasionhttps://t.co/…") is no part */
           !fl__starts_link(b->doc + hi, b->doc_len - hi))
        hi++;
    c->off = lo;
    c->len = hi - lo; /* lint leaves it unrewritten, and says why */
}

static int emit_term(const fl_match_sink *sink, const fl_block *b, const accepted *a)
{
    const fl_entry *e = &b->m->entries[a->hit->entry];
    const fl_term *t = &a->rule->terms[e->term];
    fl_candidate c = fl__candidate(b, a->rule, a->hit->start, a->hit->end);
    if (t->severity)
        c.severity = t->severity;
    if (t->message)
        c.message = t->message;
    c.suggest = t->suggest.count ? &t->suggest : NULL;
    c.form = (fl_form)e->form;
    c.if_topic = a->verdict == FL_VERDICT_IF_TOPIC;
    if (b->toks[c.tok_start].flags & FL_TOKF_HASHTAG)
        widen_to_hashtag(b, &c);
    return fl__match_emit(sink, b, &c);
}

/* A verb never opens a compound adjective: "flood-prone", "swamp-like" and
 * "pour-over" are no flooding, swamping or pouring. */
static int verb_in_compound(const fl_block *b, const fl_rule *r, const fl_entry *e,
                            const fl_hit *h)
{
    unsigned as = r->terms[e->term].as;
    return (as & FL_AS_VERB) && !(as & FL_AS_NOUN) && h->end < b->ntoks &&
           (b->toks[h->end].flags & FL_TOKF_HYPHEN);
}

int fl__match_terms(const fl_match_sink *sink, const fl_block *b)
{
    const fl_matcher *m = b->m;
    FL_VEC(accepted) acc = {0};
    int error = 0;
    for (size_t i = 0; i < b->nhits && error == 0; i++) {
        const fl_hit *h = &b->hits[i];
        const fl_entry *e = &m->entries[h->entry];
        if (e->kind != FL_ENTRY_TERM)
            continue;
        const fl_rule *r = m->rs->rules.ptr[e->target];
        if (!fl__in_scope(b, r, h->start) || verb_in_compound(b, r, e, h))
            continue;
        fl_verdict v = fl__rule_passes_gates(b, r, h->start, h->end);
        if (v == FL_VERDICT_NO)
            continue;
        accepted a = {h, r, v};
        error = FL_VEC_PUSH(m->alloc, &acc, a);
    }
    if (acc.len)
        qsort(acc.ptr, acc.len, sizeof *acc.ptr, compare_accepted);
    for (size_t i = 0; i < acc.len && error == 0; i++) {
        if (i > 0 && acc.ptr[i - 1].rule == acc.ptr[i].rule &&
            acc.ptr[i].hit->start < acc.ptr[i - 1].hit->end) {
            acc.ptr[i].hit = acc.ptr[i - 1].hit; /* swallowed: keep the span */
            continue;
        }
        error = emit_term(sink, b, &acc.ptr[i]);
    }
    FL_VEC_FREE(m->alloc, &acc);
    return error;
}

/* --- lists read on demand --------------------------------------------------------- */

static void keep_list(uint64_t *lazy, uint32_t list)
{
    lazy[list >> 6] &= ~((uint64_t)1 << (list & 63));
}

/* Marks a list that a gate without a reach reads: it may stay lazy only
 * with a summary bit (fl__lazy_lists hands them out at the end). */
#define NEEDS_SUM_BIT 0xFE

/* Lists a gate reads through the passage or the document need recorded
 * hits; so do lists it names under a group. */
static void keep_gate_lists(const fl_gate *g, uint64_t *lazy, uint8_t *sum_bit)
{
    switch (g->kind) {
    case FL_GATE_ANY:
    case FL_GATE_ALL:
    case FL_GATE_NONE:
        for (size_t i = 0; i < g->nparts; i++)
            keep_gate_lists(&g->parts[i], lazy, sum_bit);
        return;
    case FL_GATE_NAMED:
        keep_gate_lists(g->named, lazy, sum_bit);
        return;
    case FL_GATE_LIST:
        /* A lazy list is looked for word by word within the gate's reach:
         * cheap for "the word before", but a gate that reads a whole
         * sentence or paragraph would read it once per match, quadratic in
         * a long paragraph ("birds" anywhere in a 50 MB line, asked at
         * every "invasion"): such a list stays lazy only with a summary
         * bit (fl_lazy_sums). Passages and documents reach past the block:
         * those lists keep their hits. */
        if (g->unit == FL_UNIT_PASSAGE || g->unit == FL_UNIT_DOCUMENT)
            keep_list(lazy, g->list->id);
        else if (!g->bounded)
            sum_bit[g->list->id] = NEEDS_SUM_BIT;
        return;
    }
}

static void keep_all_gate_lists(const fl_gate *g, uint64_t *lazy)
{
    if (g->kind == FL_GATE_LIST) {
        keep_list(lazy, g->list->id);
        return;
    }
    if (g->kind == FL_GATE_NAMED) {
        keep_all_gate_lists(g->named, lazy);
        return;
    }
    for (size_t i = 0; i < g->nparts; i++)
        keep_all_gate_lists(&g->parts[i], lazy);
}

uint32_t fl__matcher_list_id(const fl_matcher *m, const char *name)
{
    for (uint32_t l = 0; l < m->nlists; l++)
        if (m->lists[l]->name && !strcmp(m->lists[l]->name, name))
            return l;
    return UINT32_MAX;
}

void fl__lazy_lists(const fl_matcher *m, uint64_t *lazy, uint8_t *sum_bit)
{
    /* A list of phrases as well as words ("in", "for christmas", "to the
     * beach" beside "early") is lazy too: only its one-word hits are left
     * to the gates, and those are most of its hits ("in", "on", "up" in
     * every paragraph); its phrases are rare and still recorded, by
     * scan_phrases, which reads every entry of a deeper node. */
    for (uint32_t l = 0; l < m->nlists; l++) {
        int plain = 1;
        for (size_t k = 0; plain && k < m->lists[l]->phrases.count; k++)
            plain = !strchr(m->lists[l]->phrases.items[k], '*');
        if (plain && m->trigger_first[l] == m->trigger_first[l + 1])
            lazy[l >> 6] |= (uint64_t)1 << (l & 63);
    }
    uint32_t special[] = {m->name_heads, m->speech_verbs, m->mention_cues, m->claim_cues,
                          m->number_words, m->head_count_numbers, m->head_count_people};
    for (size_t k = 0; k < sizeof special / sizeof *special; k++)
        if (special[k] < m->nlists)
            keep_list(lazy, special[k]);
    for (size_t k = 0; k < m->ntopics; k++)
        keep_list(lazy, m->topics[k]);
    for (size_t k = 0; k < m->npassage_lists; k++)
        keep_list(lazy, m->passage_lists[k]);
    const fl_ruleset *rs = m->rs;
    for (size_t i = 0; i < rs->rules.len; i++) {
        const fl_rule *r = rs->rules.ptr[i];
        if (strcmp(r->language, m->language))
            continue;
        if (r->except)
            keep_list(lazy, r->except->id);
        for (size_t k = 0; r->trigger && k < r->ntrigger; k++)
            keep_all_gate_lists(&r->trigger[k], lazy);
        for (size_t k = 0; k < r->nnear; k++)
            keep_all_gate_lists(&r->near[k], lazy);
        for (size_t k = 0; k < r->ncontext; k++)
            keep_gate_lists(&r->context[k], lazy, sum_bit);
        for (size_t k = 0; k < r->nunless; k++)
            keep_gate_lists(&r->unless[k], lazy, sum_bit);
    }
    /* The bits, in list order, to the lazy lists that need one; the rest
     * of those keep their hits. */
    unsigned next = 0;
    for (uint32_t l = 0; l < m->nlists + FL_EXTRA_LISTS; l++) {
        if (sum_bit[l] != NEEDS_SUM_BIT)
            continue;
        if (is_lazy(lazy, l) && next < 64) {
            sum_bit[l] = (uint8_t)next++;
        } else {
            sum_bit[l] = FL_NO_SUM_BIT;
            keep_list(lazy, l);
        }
    }
}

int fl__scan_tables(fl_matcher *m)
{
    size_t kept = 0;
    for (uint32_t w = 1; w < m->nroot; w++) {
        uint32_t node = m->root[w];
        if (node)
            kept += m->node_entries[node + 1] - m->node_entries[node];
    }
    m->root_first = fl__calloc(m->alloc, (size_t)m->nroot + 1, sizeof *m->root_first);
    m->root_kept = fl__calloc(m->alloc, kept ? kept : 1, sizeof *m->root_kept);
    m->child_words = fl__calloc(m->alloc, (size_t)m->nnodes + 1, sizeof *m->child_words);
    m->lazy_words = fl__calloc(m->alloc, (size_t)m->nroot + 1, sizeof *m->lazy_words);
    m->lazy_any = fl__calloc(m->alloc, (size_t)m->nroot + 1, sizeof *m->lazy_any);
    m->root_scan = fl__calloc(m->alloc, (size_t)m->nroot + 1, sizeof *m->root_scan);
    if (!m->root_first || !m->root_kept || !m->child_words || !m->lazy_words || !m->lazy_any ||
        !m->root_scan)
        return FL_ENOMEM;
    for (size_t s = 0; s <= m->edge_mask; s++) {
        uint64_t key = m->edge_keys[s];
        if (key)
            m->child_words[key >> 32] |= (uint16_t)(1u << (key & 15));
    }
    uint32_t n = 0;
    for (uint32_t w = 0; w < m->nroot; w++) {
        m->root_first[w] = n;
        uint32_t node = w ? m->root[w] : 0;
        if (!node)
            continue;
        for (uint32_t e = m->node_entries[node]; e < m->node_entries[node + 1]; e++) {
            const fl_entry *x = &m->entries[e];
            if (!(x->kind == FL_ENTRY_LIST && is_lazy(m->lazy, x->target))) {
                m->root_kept[n++] = e;
                continue;
            }
            m->lazy_any[w] |= (uint64_t)1 << (x->target & 63);
            if (m->sum_bit[x->target] != FL_NO_SUM_BIT)
                m->lazy_words[w] |= (uint64_t)1 << m->sum_bit[x->target];
        }
        m->root_scan[w] = m->child_words[node] | (n > m->root_first[w] ? FL_ROOT_KEPT : 0u);
    }
    m->root_first[m->nroot] = n;
    return FL_OK;
}

/*
 * match_density: counts figures per sentence or paragraph against a rule's
 * thresholds (data overload). What counts as a figure is decided by the
 * tokenizer's classes; years, dates, ordinals, labels ("Table 2", a
 * footnote marker) and numbers that are part of a compound ("19-year-old",
 * "EU-27") never count, because they are not statistics.
 */
#include <string.h>

#include "match.h"

/* Whether token w is the word `word` (lower case, ASCII) in any case. */
static int is_word(const char *text, const fl_token *w, const char *word)
{
    size_t n = strlen(word);
    if (w->cls != FL_TOK_WORD || w->len != n)
        return 0;
    for (size_t k = 0; k < n; k++)
        if ((text[w->off + k] | 0x20) != word[k])
            return 0;
    return 1;
}

/* Whether token t is a whole number of at most 100, written in digits. */
static int small_whole_number(const char *text, const fl_token *t)
{
    unsigned value = 0;
    if (t->len == 0 || t->len > 3)
        return 0;
    for (size_t k = 0; k < t->len; k++) {
        char c = text[t->off + k];
        if (c < '0' || c > '9')
            return 0;
        value = value * 10 + (unsigned)(c - '0');
    }
    return value <= 100;
}

/* Whether number i is the base of a rate, "1 in 7": the pair is one
 * statistic, as "14%" is (a housing think tank's "1 in 7 people employed
 * in construction", blind set 291). A large base makes two counts, and so
 * does "out of": "13 out of 659" MPs, "44 out of 87" start-ups, each
 * counted twice by annotators (sets 59, 186 and 301). */
static int ratio_base(const char *text, const fl_token *toks, size_t i)
{
    if (!small_whole_number(text, &toks[i]))
        return 0;
    return i >= 2 && is_word(text, &toks[i - 1], "in") && toks[i - 2].cls == FL_TOK_NUMBER;
}

unsigned fl__figure_class(const char *text, const fl_token *toks, size_t n, size_t i)
{
    const fl_token *t = &toks[i];
    unsigned cls = 0;
    switch (t->cls) {
    case FL_TOK_NUMBER: cls = FL_COUNT_NUMBER; break;
    case FL_TOK_PERCENT: cls = FL_COUNT_PERCENT; break;
    case FL_TOK_MONEY: cls = FL_COUNT_MONEY; break;
    default: return 0;
    }
    if (i + 1 < n && (toks[i + 1].flags & FL_TOKF_HYPHEN))
        return 0;
    /* "EU-27", "COVID-19", "G-20": a number joined to the word before is
     * part of a name */
    if ((t->flags & FL_TOKF_HYPHEN) && i > 0 && toks[i - 1].cls == FL_TOK_WORD)
        return 0;
    /* "2makeWAY", "5G", "3D": a number glued to the word after it is
     * text-speak or a name (units such as "10km" are part of the number) */
    if (i + 1 < n && toks[i + 1].off == t->off + t->len && toks[i + 1].cls == FL_TOK_WORD)
        return 0;
    if (t->flags & (FL_TOKF_DATE | FL_TOKF_LABEL))
        return 0; /* "4 July", "3. Oktober": a date; "Table 2", "[1]": a label */
    if (cls == FL_COUNT_NUMBER && ratio_base(text, toks, i))
        return 0;
    return cls;
}

typedef struct tally {
    unsigned figures, words;
    uint32_t first, last; /* first and last counted figure */
} tally;

/* Sentence s as rule r counts it, from the block's per-sentence figures. */
static tally sentence_tally(const fl_rule *r, const fl_block *b, size_t s)
{
    const fl_sentence_figures *f = &b->sfigures[s];
    tally t = {0, f->words, 0, 0};
    for (unsigned k = 0; k < 3; k++) {
        if (!(r->count & (1u << k)) || !f->count[k])
            continue;
        if (!t.figures || f->first[k] < t.first)
            t.first = f->first[k];
        if (!t.figures || f->last[k] > t.last)
            t.last = f->last[k];
        t.figures += f->count[k];
    }
    return t;
}

/* The whole block (a paragraph) as rule r counts it. */
static tally block_tally(const fl_rule *r, const fl_block *b)
{
    tally t = {0, 0, 0, 0};
    for (size_t s = 0; s < b->nsentences; s++) {
        /* Most sentences have no figure: only their words are read. */
        t.words += b->sfigures[s].words;
        if (!b->figures[s])
            continue;
        tally u = sentence_tally(r, b, s);
        if (!u.figures)
            continue;
        if (!t.figures)
            t.first = u.first;
        t.last = u.last;
        t.figures += u.figures;
    }
    return t;
}

static int over(const fl_rule *r, const tally *t)
{
    if (!t->figures)
        return 0;
    if (r->min && t->figures >= r->min)
        return 1;
    return r->per_100_words && t->words >= r->min_words && t->words &&
           t->figures * 100 >= r->per_100_words * (t->words + t->figures);
}

static int emit(const fl_match_sink *sink, const fl_block *b, const fl_rule *r,
                const tally *t, unsigned count, fl_verdict v)
{
    fl_candidate c = fl__candidate(b, r, t->first, t->last + 1);
    c.count = count;
    c.if_topic = v == FL_VERDICT_IF_TOPIC;
    return fl__match_emit(sink, b, &c);
}

static int check_tally(const fl_match_sink *sink, const fl_block *b, const fl_rule *r, tally t)
{
    if (!over(r, &t))
        return FL_OK;
    fl_verdict v = fl__rule_passes_gates(b, r, t.first, t.last + 1);
    return v == FL_VERDICT_NO ? FL_OK : emit(sink, b, r, &t, t.figures, v);
}

/* Sentences in a row that each carry `min` figures: one finding per run,
 * covering it, with {count} the number of sentences. */
static int check_runs(const fl_match_sink *sink, const fl_block *b, const fl_rule *r)
{
    tally span = {0, 0, 0, 0};
    unsigned length = 0;
    for (size_t s = 0; s <= b->nsentences; s++) {
        tally t = {0, 0, 0, 0};
        if (s < b->nsentences && b->figures[s])
            t = sentence_tally(r, b, s);
        if (s < b->nsentences && t.figures >= r->min) {
            if (!length++)
                span.first = t.first;
            span.last = t.last;
            continue;
        }
        fl_verdict v = length >= r->run
                           ? fl__rule_passes_gates(b, r, span.first, span.last + 1)
                           : FL_VERDICT_NO;
        if (v != FL_VERDICT_NO) {
            int error = emit(sink, b, r, &span, length, v);
            if (error < 0)
                return error;
        }
        length = 0;
    }
    return FL_OK;
}

/* A past sentence's figures of the classes rule r counts. */
static unsigned past_figures(const fl_rule *r, const fl_past_sentence *p)
{
    return ((r->count & FL_COUNT_NUMBER) ? p->figures[0] : 0) +
           ((r->count & FL_COUNT_PERCENT) ? p->figures[1] : 0) +
           ((r->count & FL_COUNT_MONEY) ? p->figures[2] : 0);
}

/* Passages: up to three consecutive sentences, reaching back across
 * paragraph breaks, that together carry `min` figures, in at least two
 * sentences and none over `sentence-max` (a sentence with more is the
 * sentence rules' finding). Sentences a finding covered are not counted
 * again by the same rule. Each sentence is counted once: the two before
 * the current one roll along with it. */
static int check_passages(const fl_match_sink *sink, const fl_block *b, const fl_rule *r,
                          size_t rule_index)
{
    fl_passage *p = b->passage;
    uint64_t bit = rule_index < 64 ? (uint64_t)1 << rule_index : 0;
    tally back[2] = {{0, 0, 0, 0}, {0, 0, 0, 0}}; /* sentences s-1 and s-2 */
    for (size_t s = 0; s < b->nsentences; s++) {
        tally here = {0, 0, 0, 0};
        if (b->figures[s])
            here = sentence_tally(r, b, s);
        if (here.figures && !(p->consumed[s] & bit)) {
            unsigned total = here.figures, sentences = 1;
            int too_many = r->sentence_max && here.figures > r->sentence_max;
            uint32_t first_tok = here.first;
            size_t first_off = b->toks[here.first].off;
            int from_history = 0;
            for (size_t k = 1; k < 3; k++) {
                unsigned n;
                if (k <= s) {
                    if (p->consumed[s - k] & bit)
                        break;
                    n = back[k - 1].figures;
                    if (n) {
                        first_tok = back[k - 1].first;
                        first_off = b->toks[first_tok].off;
                    }
                } else {
                    size_t h = k - s - 1;
                    if (h >= p->n || (p->back[h].consumed & bit))
                        break;
                    n = past_figures(r, &p->back[h]);
                    if (n) {
                        first_off = p->back[h].first;
                        from_history = (int)h + 1;
                    }
                }
                too_many |= r->sentence_max && n > r->sentence_max;
                total += n;
                sentences += n > 0;
            }
            fl_verdict v = too_many || sentences < 2 || total < r->min
                               ? FL_VERDICT_NO
                               : fl__rule_passes_gates(b, r, first_tok, here.last + 1);
            if (v != FL_VERDICT_NO) {
                fl_candidate c = fl__candidate(b, r, first_tok, here.last + 1);
                c.count = total;
                c.if_topic = v == FL_VERDICT_IF_TOPIC;
                c.off = first_off;
                c.len = (size_t)b->toks[here.last].off + b->toks[here.last].len - first_off;
                int error = fl__match_emit(sink, b, &c);
                if (error < 0)
                    return error;
                for (size_t k = 0; k < 3 && k <= s; k++)
                    p->consumed[s - k] |= bit;
                for (int h = 0; h < from_history; h++)
                    p->back[h].consumed |= bit;
            }
        }
        back[1] = back[0];
        back[0] = here;
    }
    return FL_OK;
}

/* What a block's figures can reach, every class counted: the most in one
 * sentence, the sum over the block, and the sum over the passage's
 * sentences before it. A rule's tally counts some of the classes, so it
 * is never more. */
typedef struct reach {
    unsigned most, block, past;
    uint64_t words; /* the block's words, as a paragraph tally counts them */
} reach;

/* Whether rule r cannot fire on a block whose figures reach no further
 * than `at`: each unit it counts holds fewer figures than its `min`, and,
 * for a share of a paragraph's words (per_100_words), even all the
 * block's figures are too few a share of its words. A share of a
 * sentence's words is not bounded here (a short sentence with one figure
 * may pass). Most blocks with a figure hold one or two, which no rule can
 * report; they are then not tallied sentence by sentence for nothing. */
static int out_of_reach(const fl_rule *r, const reach *at)
{
    if (r->per_100_words && r->unit == FL_UNIT_PARAGRAPH && !r->run) {
        /* over(): at most at->block figures among exactly at->words words;
         * 100 x >= p (words + x) grows with x when p < 100, so the most
         * figures is the best chance */
        uint64_t p = r->per_100_words, x = at->block, w = at->words;
        int by_share = w >= r->min_words && w && p < 100 && x * 100 >= p * (w + x);
        return !by_share && (!r->min || at->block < r->min);
    }
    if (r->per_100_words || !r->min)
        return 0;
    if (r->run || r->unit == FL_UNIT_SENTENCE)
        return at->most < r->min;
    if (r->unit == FL_UNIT_PASSAGE)
        return at->block + at->past < r->min;
    if (r->unit == FL_UNIT_PARAGRAPH)
        return at->block < r->min;
    return 0;
}

int fl__match_density(const fl_match_sink *sink, const fl_block *b)
{
    size_t any = 0;
    reach at = {0, 0, 0, 0};
    for (size_t s = 0; s < b->nsentences; s++) {
        at.words += b->sfigures[s].words;
        if (!b->figures[s])
            continue;
        any = 1;
        const unsigned *n = b->sfigures[s].count;
        unsigned here = n[0] + n[1] + n[2];
        at.most = here > at.most ? here : at.most;
        at.block += here;
    }
    if (!any)
        return FL_OK;
    const fl_passage *p = b->passage;
    for (size_t h = 0; p && h < p->n && h < FL_PASSAGE_BACK; h++)
        at.past += p->back[h].figures[0] + p->back[h].figures[1] + p->back[h].figures[2];
    for (size_t k = 0; k < b->m->ndensity; k++) {
        const fl_rule *r = b->m->density[k];
        if (!fl__in_scope(b, r, 0) || out_of_reach(r, &at))
            continue;
        int error = 0;
        if (r->run) {
            error = check_runs(sink, b, r);
        } else if (r->unit == FL_UNIT_PASSAGE) {
            error = check_passages(sink, b, r, k);
        } else if (r->unit == FL_UNIT_PARAGRAPH) {
            error = check_tally(sink, b, r, block_tally(r, b));
        } else {
            /* Most sentences have no figure at all: skip them unread. */
            for (size_t s = 0; s < b->nsentences && error == 0; s++) {
                if (b->figures[s])
                    error = check_tally(sink, b, r, sentence_tally(r, b, s));
            }
        }
        if (error < 0)
            return error;
    }
    return FL_OK;
}

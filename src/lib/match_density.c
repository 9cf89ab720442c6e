/*
 * match_density: counts figures per sentence or paragraph against a rule's
 * thresholds (data overload). What counts as a figure is decided by the
 * tokenizer's classes; years, dates, ordinals and numbers that are part of
 * a compound ("19-year-old") never count, because they are not statistics.
 */
#include <string.h>

#include "match.h"

unsigned fl__figure_class(const fl_block *b, uint32_t i)
{
    const fl_token *t = &b->toks[i];
    unsigned cls = 0;
    switch (t->cls) {
    case FL_TOK_NUMBER: cls = FL_COUNT_NUMBER; break;
    case FL_TOK_PERCENT: cls = FL_COUNT_PERCENT; break;
    case FL_TOK_MONEY: cls = FL_COUNT_MONEY; break;
    default: return 0;
    }
    if (i + 1 < b->ntoks && (b->toks[i + 1].flags & FL_TOKF_HYPHEN))
        return 0;
    if (t->flags & FL_TOKF_DATE)
        return 0; /* "4 July", "July 4", "3. Oktober": a date */
    return cls;
}

static int counts(const fl_rule *r, const fl_block *b, uint32_t i)
{
    return (r->count & fl__figure_class(b, i)) != 0;
}

typedef struct tally {
    unsigned figures, words;
    uint32_t first, last; /* first and last counted figure */
} tally;

static tally count_range(const fl_rule *r, const fl_block *b, uint32_t lo,
                         uint32_t hi)
{
    tally t = {0, 0, 0, 0};
    for (uint32_t i = lo; i < hi; i++) {
        if (b->toks[i].cls == FL_TOK_WORD) {
            t.words++;
        } else if (counts(r, b, i)) {
            if (!t.figures)
                t.first = i;
            t.last = i;
            t.figures++;
        }
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

static int emit(fl_lint_run *run, const fl_block *b, const fl_rule *r,
                const tally *t, unsigned count, fl_verdict v)
{
    fl_candidate c = fl__candidate(b, r, t->first, t->last + 1);
    c.count = count;
    c.if_topic = v == FL_VERDICT_IF_TOPIC;
    return fl__lint_emit(run, b, &c);
}

static int check_range(fl_lint_run *run, const fl_block *b, const fl_rule *r,
                       uint32_t lo, uint32_t hi)
{
    tally t = count_range(r, b, lo, hi);
    if (!over(r, &t))
        return FL_OK;
    fl_verdict v = fl__rule_passes_gates(b, r, t.first, t.last + 1);
    return v == FL_VERDICT_NO ? FL_OK : emit(run, b, r, &t, t.figures, v);
}

static uint32_t sentence_end(const fl_block *b, size_t s)
{
    return s + 1 < b->nsentences ? b->sentences[s + 1] : (uint32_t)b->ntoks;
}

/* Sentences in a row that each carry `min` figures: one finding per run,
 * covering it, with {count} the number of sentences. */
static int check_runs(fl_lint_run *run, const fl_block *b, const fl_rule *r)
{
    tally span = {0, 0, 0, 0};
    unsigned length = 0;
    for (size_t s = 0; s <= b->nsentences; s++) {
        tally t = {0, 0, 0, 0};
        if (s < b->nsentences && b->figures[s])
            t = count_range(r, b, b->sentences[s], sentence_end(b, s));
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
            int error = emit(run, b, r, &span, length, v);
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
 * again by the same rule. */
static int check_passages(fl_lint_run *run, const fl_block *b, const fl_rule *r,
                          size_t rule_index)
{
    fl_passage *p = b->passage;
    uint64_t bit = rule_index < 64 ? (uint64_t)1 << rule_index : 0;
    for (size_t s = 0; s < b->nsentences; s++) {
        if (!b->figures[s] || (p->consumed[s] & bit))
            continue;
        tally here = count_range(r, b, b->sentences[s], sentence_end(b, s));
        if (!here.figures)
            continue;
        unsigned total = 0, sentences = 0, too_many = 0;
        size_t first_off = 0;
        tally t = here; /* the current block's part: its tokens anchor the finding */
        int back_from_history = 0;
        for (size_t k = 0; k < 3; k++) {
            unsigned n;
            size_t off;
            if (k <= s) {
                size_t j = s - k;
                if (p->consumed[j] & bit)
                    break;
                tally u = k ? count_range(r, b, b->sentences[j], sentence_end(b, j)) : here;
                n = u.figures;
                off = n ? b->toks[u.first].off : 0;
                if (n && k) {
                    t.first = u.first;
                }
            } else {
                size_t h = k - s - 1;
                if (h >= p->n || (p->back[h].consumed & bit))
                    break;
                n = past_figures(r, &p->back[h]);
                off = p->back[h].first;
                back_from_history = n ? (int)h + 1 : back_from_history;
            }
            if (r->sentence_max && n > r->sentence_max)
                too_many = 1;
            if (n) {
                total += n;
                sentences++;
                first_off = off;
            }
        }
        if (too_many || sentences < 2 || total < r->min)
            continue;
        fl_verdict v = fl__rule_passes_gates(b, r, t.first, here.last + 1);
        if (v == FL_VERDICT_NO)
            continue;
        fl_candidate c = fl__candidate(b, r, t.first, here.last + 1);
        c.count = total;
        c.if_topic = v == FL_VERDICT_IF_TOPIC;
        size_t end = (size_t)b->toks[here.last].off + b->toks[here.last].len;
        c.off = first_off;
        c.len = end - first_off;
        int error = fl__lint_emit(run, b, &c);
        if (error < 0)
            return error;
        for (size_t k = 0; k < 3 && k <= s; k++)
            p->consumed[s - k] |= bit;
        for (int h = 0; h < back_from_history; h++)
            p->back[h].consumed |= bit;
    }
    return FL_OK;
}

int fl__match_density(fl_lint_run *run, const fl_block *b)
{
    size_t any = 0;
    for (size_t s = 0; s < b->nsentences && !any; s++)
        any = b->figures[s];
    if (!any)
        return FL_OK;
    for (size_t k = 0; k < b->m->ndensity; k++) {
        const fl_rule *r = b->m->density[k];
        if (!fl__in_scope(b, r, 0))
            continue;
        int error = 0;
        if (r->run) {
            error = check_runs(run, b, r);
        } else if (r->unit == FL_UNIT_PASSAGE) {
            error = check_passages(run, b, r, k);
        } else if (r->unit == FL_UNIT_PARAGRAPH) {
            error = check_range(run, b, r, 0, (uint32_t)b->ntoks);
        } else {
            /* Most sentences have no figure at all: skip them unread. */
            for (size_t s = 0; s < b->nsentences && error == 0; s++) {
                if (b->figures[s])
                    error = check_range(run, b, r, b->sentences[s], sentence_end(b, s));
            }
        }
        if (error < 0)
            return error;
    }
    return FL_OK;
}

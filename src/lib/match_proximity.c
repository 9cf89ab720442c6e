/*
 * match_proximity: rules whose word sets must meet in one sentence, within a
 * window ("we … our … these people" around a migration word). At most one
 * finding per rule per sentence: the frame is the sentence's, not a word's.
 */
#include <string.h>

#include "match.h"

/* Every other list has a hit near `first`; widens [*start, *end) to cover
 * all of them. */
static int all_meet(const fl_block *b, const fl_rule *r, const fl_lhit *first,
                    uint32_t *start, uint32_t *end)
{
    *start = first->start;
    *end = first->end;
    for (size_t k = 1; k < r->nnear; k++) {
        fl_reach reach = {1, r->window, r->window, FL_UNIT_SENTENCE};
        const fl_lhit *h = fl__list_near(b, r->near[k].list->id, first->start,
                                         first->end, reach);
        if (!h)
            return 0;
        if (h->start < *start)
            *start = h->start;
        if (h->end > *end)
            *end = h->end;
    }
    return 1;
}

static int match_rule(const fl_match_sink *sink, const fl_block *b, const fl_rule *r)
{
    uint32_t list = r->near[0].list->id;
    uint32_t last_sentence = UINT32_MAX;
    for (size_t i = fl__list_first(b, list, 0); i < b->nlhits; i++) {
        const fl_lhit *first = &b->lhits[i];
        if (first->list != list)
            break;
        uint32_t sentence = b->sentence_of[first->start];
        uint32_t start, end;
        if (sentence == last_sentence || !all_meet(b, r, first, &start, &end) ||
            !fl__in_scope(b, r, start))
            continue;
        fl_verdict v = fl__rule_passes_gates(b, r, start, end);
        if (v == FL_VERDICT_NO)
            continue;
        fl_candidate c = fl__candidate(b, r, start, end);
        c.if_topic = v == FL_VERDICT_IF_TOPIC;
        int error = fl__match_emit(sink, b, &c);
        if (error < 0)
            return error;
        last_sentence = sentence;
    }
    return FL_OK;
}

int fl__match_proximity(const fl_match_sink *sink, const fl_block *b)
{
    for (size_t i = 0; i < b->m->nproximity; i++) {
        const fl_rule *r = b->m->proximity[i];
        if (!(r->scopes & b->scope) &&
            !((r->scopes & FL_SCOPE_PICTURE) && b->scope == FL_SCOPE_CAPTION))
            continue;
        int error = match_rule(sink, b, r);
        if (error < 0)
            return error;
    }
    return FL_OK;
}

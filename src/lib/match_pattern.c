/*
 * match_pattern: PCRE2 rules, run sentence by sentence on the writer's own
 * bytes. A trigger list keeps a regex off sentences that cannot match, which
 * keeps the cost per word flat as rules are added. A match that starts or
 * ends in text the reader cut out (code, a URL) is not a finding.
 */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "match.h"

/* A sentence stopped by a limit: noticed, counted, then the run goes on. */
#define RULE_LIMIT_HIT 1
/* A sentence skipped because a budget is spent: one notice for them all. */
#define BUDGET_SPENT 2
/* budgeted_match's code for it: no pcre2_match code is this low. */
#define RC_BUDGET_SPENT INT_MIN

static uint64_t budget_left(const fl_regex_state *rx)
{
    uint64_t left = rx->document_left;
    return rx->run_left && *rx->run_left < left ? *rx->run_left : left;
}

static void charge(fl_regex_state *rx, unsigned long long steps)
{
    rx->document_left -= steps < rx->document_left ? steps : rx->document_left;
    if (rx->run_left)
        *rx->run_left -= steps < *rx->run_left ? steps : *rx->run_left;
}

/* pcre2_match within the budgets: first FL_REGEX_CHEAP_STEPS, free; then,
 * while the match limit is what stopped it, 4 times the limit, each
 * attempt charged in full (PCRE2 does not say how much of a limit a match
 * used, and the limit is an upper bound). Step counts are deterministic,
 * so the same input skips the same sentences on every run. Returns
 * pcre2_match's code, or RC_BUDGET_SPENT when the next attempt does not fit. */
static int budgeted_match(fl_regex_state *rx, const fl_rule *r, int jit,
                          const unsigned char *subject, size_t len, size_t at)
{
    pcre2_match_context *mc = rx->match_context;
    uint32_t limit = FL_REGEX_CHEAP_STEPS;
    for (;;) {
        pcre2_set_match_limit(mc, limit);
        int rc = pcre2_match(r->code, subject, len, at, jit ? 0 : PCRE2_NO_JIT,
                             rx->match_data, mc);
        if (limit > FL_REGEX_CHEAP_STEPS)
            charge(rx, limit);
        if (rc != PCRE2_ERROR_MATCHLIMIT || limit == FL_REGEX_MATCH_LIMIT)
            return rc;
        limit = limit > FL_REGEX_MATCH_LIMIT / 4 ? FL_REGEX_MATCH_LIMIT : limit * 4;
        if (budget_left(rx) < limit)
            return RC_BUDGET_SPENT;
    }
}

/* Is byte `off` inside one of the block's segments? */
static int in_segments(const fl_block *b, size_t off, int at_end)
{
    for (size_t i = 0; i < b->nsegs; i++) {
        const fl_segment *s = &b->segs[i];
        if (at_end ? (off > s->off && off <= s->off + s->len)
                   : (off >= s->off && off < s->off + s->len))
            return 1;
    }
    return 0;
}

/* Tokens covering bytes [lo, hi): the first that ends after lo, through the
 * last that starts before hi. */
static int tokens_of(const fl_block *b, uint32_t from, uint32_t to, size_t lo,
                     size_t hi, uint32_t *start, uint32_t *end)
{
    uint32_t s = from;
    while (s < to && (size_t)b->toks[s].off + b->toks[s].len <= lo)
        s++;
    uint32_t e = s;
    while (e < to && b->toks[e].off < hi)
        e++;
    *start = s;
    *end = e;
    return e > s;
}

static int report(const fl_match_sink *sink, const fl_block *b, const fl_rule *r,
                  const size_t *ov, uint32_t count, uint32_t from, uint32_t to)
{
    uint32_t start, end;
    /* A zero-width match (`x*`, a lookahead) has nothing to show or rewrite. */
    if (ov[1] == ov[0] || !in_segments(b, ov[0], 0) || !in_segments(b, ov[1], 1) ||
        !tokens_of(b, from, to, ov[0], ov[1], &start, &end))
        return FL_OK;
    fl_verdict v = fl__rule_passes_gates(b, r, start, end);
    if (v == FL_VERDICT_NO)
        return FL_OK;
    fl_candidate c = fl__candidate(b, r, start, end);
    c.if_topic = v == FL_VERDICT_IF_TOPIC;
    /* A rewrite replaces exactly what the regex matched; without one, the
     * finding is the words it covers, not the quotation mark or the stop a
     * pattern may consume to say where a phrase ends. */
    if (r->suggest.count) {
        c.off = ov[0];
        c.len = ov[1] - ov[0];
    }
    c.suggest = r->suggest.count ? &r->suggest : NULL;
    c.groups = ov;
    c.ngroups = count;
    return fl__match_emit(sink, b, &c);
}

/* Where sentence [from, to) ends: past its last token, through the
 * punctuation attached to it ("come?", "ends.", "said."), but never into the
 * next token or past the segment. */
static size_t sentence_end(const fl_block *b, uint32_t to)
{
    const fl_token *last = &b->toks[to - 1];
    size_t end = (size_t)last->off + last->len;
    size_t limit = to < b->ntoks ? b->toks[to].off : b->doc_len;
    size_t lo = 0, hi = b->nsegs; /* a block's segments are in document order */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->segs[mid].off <= last->off)
            lo = mid;
        else
            hi = mid;
    }
    if (b->nsegs && b->segs[lo].off + b->segs[lo].len < limit)
        limit = b->segs[lo].off + b->segs[lo].len;
    while (end < limit && !strchr(" \t\r\n\f\v", b->doc[end]))
        end++;
    return end;
}

/* Patterns are JIT-compiled the first time one is JIT-run (after
 * FL_REGEX_INTERPRETED interpreted runs in one document), not when the
 * rules are compiled: a short draft wakes few of them, and compiling every
 * one was a quarter of start-up. Threads linting with one ruleset share the
 * code, so the first compiles it under the ruleset's lock and any other
 * waits there until it is done; no match ever runs on code being compiled.
 * Without JIT support the interpreter runs the same pattern. */
static void prepare_pattern(const fl_ruleset *rs, const fl_rule *r)
{
    /* Both are the library's own heap objects, never defined const. */
    fl_rule *rule = (fl_rule *)r;
    if (atomic_load_explicit(&rule->jitted, memory_order_acquire))
        return;
    pthread_mutex_t *lock = &((fl_ruleset *)rs)->jit_lock;
    pthread_mutex_lock(lock);
    if (!atomic_load_explicit(&rule->jitted, memory_order_relaxed)) {
        pcre2_jit_compile(rule->code, PCRE2_JIT_COMPLETE);
        atomic_store_explicit(&rule->jitted, 1, memory_order_release);
    }
    pthread_mutex_unlock(lock);
}

/* The subject is the sentence alone, so ^ and $ mean its start and end; a
 * sentence that opens with a hashtag keeps its '#', which patterns may
 * need ("#IllegalAliens go home"). */
static int match_sentence(const fl_match_sink *sink, const fl_block *b, const fl_rule *r,
                          fl_regex_state *rx, int jit, uint32_t from, uint32_t to)
{
    size_t lo = b->toks[from].off;
    if ((b->toks[from].flags & FL_TOKF_HASHTAG) && lo > 0 && b->doc[lo - 1] == '#')
        lo--;
    size_t hi = sentence_end(b, to);
    const unsigned char *subject = (const unsigned char *)b->doc + lo;
    size_t at = 0;
    unsigned matches = 0;
    if (jit)
        prepare_pattern(b->m->rs, r);
    while (at <= hi - lo) {
        if (matches++ == FL_REGEX_SENTENCE_MATCHES)
            return fl__match_notice(sink, lo + at, "rule %s matched %u times in the sentence "
                                    "at byte %zu; the rest of it was not read for that rule",
                                    r->id, FL_REGEX_SENTENCE_MATCHES, lo) < 0
                       ? FL_ENOMEM
                       : FL_OK;
        int rc = budgeted_match(rx, r, jit, subject, hi - lo, at);
        if (rc == PCRE2_ERROR_NOMATCH)
            return FL_OK;
        if (rc == RC_BUDGET_SPENT)
            return BUDGET_SPENT;
        /* The interpreter takes its backtracking frames from the heap */
        if (rc == PCRE2_ERROR_NOMEMORY)
            return FL_ENOMEM;
        if (rc < 0) {
            char msg[120];
            pcre2_get_error_message(rc, (PCRE2_UCHAR *)msg, sizeof msg);
            return fl__match_notice(sink, lo, "rule %s skipped the sentence at byte %zu: %s",
                                   r->id, lo, msg) < 0 ? FL_ENOMEM : RULE_LIMIT_HIT;
        }
        const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(rx->match_data);
        size_t groups[20];
        uint32_t n = rc > 10 ? 10 : (uint32_t)rc;
        for (uint32_t i = 0; i < 2 * n; i++)
            groups[i] = ov[i] == PCRE2_UNSET ? SIZE_MAX : ov[i] + lo;
        int error = report(sink, b, r, groups, n, from, to);
        if (error < 0)
            return error;
        at = ov[1];
        if (ov[1] == ov[0]) { /* an empty match: step over one character */
            at++;
            while (at < hi - lo && (subject[at] & 0xC0) == 0x80)
                at++;
        }
    }
    return FL_OK;
}

static uint32_t sentence_stop(const fl_block *b, size_t s)
{
    return s + 1 < b->nsentences ? b->sentences[s + 1] : (uint32_t)b->ntoks;
}

/* One sentence for one rule, within the rule's per-document limit hits and
 * the budgets. */
static int run_sentence(const fl_match_sink *sink, const fl_block *b, size_t rule,
                        fl_regex_state *rx, size_t s)
{
    const fl_rule *r = b->m->pattern[rule];
    fl_pattern_count *count = &rx->counts[rule];
    unsigned *limit_hits = &count->limit_hits;
    if (!fl__in_scope(b, r, b->sentences[s]) || *limit_hits >= FL_REGEX_LIMIT_HITS)
        return FL_OK;
    uint32_t from = b->sentences[s];
    size_t off = b->toks[from].off;
    int jit = count->runs >= FL_REGEX_INTERPRETED;
    count->runs += !jit;
    int error = match_sentence(sink, b, r, rx, jit, from, sentence_stop(b, s));
    if (error == RULE_LIMIT_HIT && ++*limit_hits == FL_REGEX_LIMIT_HITS)
        error = fl__match_notice(sink, off, "rule %s hit a regular expression limit %u "
                                "times; it is off for the rest of this document", r->id,
                                FL_REGEX_LIMIT_HITS);
    if (error == BUDGET_SPENT && !rx->spent) {
        rx->spent = 1;
        int whole_run = rx->run_left && *rx->run_left < rx->document_left;
        error = fl__match_notice(sink, off, "rule %s skipped the sentence at byte %zu: %s "
                                "regular expression budget is spent; from here on a "
                                "pattern that needs more than %u steps on a sentence "
                                "is skipped", r->id, off,
                                whole_run ? "the run's" : "this document's "
                                "(FL_REGEX_DOCUMENT_STEPS)", FL_REGEX_CHEAP_STEPS);
    }
    return error < 0 ? error : FL_OK;
}

static int compare_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

/* (rule, sentence) pairs from the block's trigger hits: a pattern runs only
 * on sentences where one of its trigger words occurs, and its second
 * trigger list's too if it has one. */
static int triggered(const fl_block *b, fl_u64_vec *pairs, const fl_allocator *a)
{
    const fl_matcher *m = b->m;
    pairs->len = 0;
    for (size_t i = 0; i < b->nlhits; i++) {
        const fl_lhit *h = &b->lhits[i];
        for (uint32_t k = m->trigger_first[h->list]; k < m->trigger_first[h->list + 1]; k++) {
            uint32_t s = b->sentence_of[h->start], also = m->trigger_also[k];
            if (also != UINT32_MAX &&
                !fl__list_overlaps(b, also, b->sentences[s], sentence_stop(b, s)))
                continue;
            uint64_t pair = (uint64_t)m->trigger_rules[k] << 32 | s;
            if (FL_VEC_PUSH(a, pairs, pair) < 0)
                return FL_ENOMEM;
        }
    }
    /* A block's pairs are few (one or two trigger hits, most often): an
     * insertion sort makes no call per comparison, as qsort does (250
     * instructions a block that has any); many are left to qsort, so a
     * long block stays n log n. Equal pairs are equal numbers, so either
     * sort gives the same order. */
    uint64_t *p = pairs->ptr;
    if (pairs->len > 16) {
        qsort(p, pairs->len, sizeof *p, compare_u64);
    } else {
        for (size_t k = 1; k < pairs->len; k++) {
            uint64_t x = p[k];
            size_t at = k;
            for (; at > 0 && p[at - 1] > x; at--)
                p[at] = p[at - 1];
            p[at] = x;
        }
    }
    return FL_OK;
}

int fl__match_patterns(const fl_match_sink *sink, const fl_block *b, fl_regex_state *rx,
                       fl_u64_vec *scratch)
{
    const fl_matcher *m = b->m;
    int error = 0;
    /* Patterns without a trigger read every sentence (the cost docs/rules.md
     * warns about). */
    for (size_t k = m->untriggered; k < m->npattern && error == 0; k++) {
        for (size_t s = 0; s < b->nsentences && error == 0; s++)
            error = run_sentence(sink, b, m->trigger_rules[k], rx, s);
    }
    if (error == 0)
        error = triggered(b, scratch, m->alloc);
    for (size_t k = 0; k < scratch->len && error == 0; k++) {
        if (k && scratch->ptr[k] == scratch->ptr[k - 1])
            continue;
        uint32_t p = (uint32_t)(scratch->ptr[k] >> 32), s = (uint32_t)scratch->ptr[k];
        error = run_sentence(sink, b, p, rx, s);
    }
    return error;
}

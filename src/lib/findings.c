/*
 * findings: storage and accessors for lint results. Sorting is stable in
 * effect (offset, rule order, length) so output does not depend on the order
 * the matchers ran in.
 */
#include "findings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ruleset.h"

int fl__findings_new(fl_findings **out, const fl_allocator *a)
{
    fl_findings *f = fl__calloc(a, 1, sizeof *f);
    if (!f)
        return FL_ENOMEM;
    f->allocator = *a;
    f->alloc = &f->allocator;
    f->compact_at = FL_MAX_FINDINGS;
    f->lost_at = SIZE_MAX;
    for (size_t k = 0; k < sizeof f->lost_if_topic / sizeof *f->lost_if_topic; k++)
        f->lost_if_topic[k].lost_at = SIZE_MAX;
    f->arena = (fl_arena)FL_ARENA_INIT(f->alloc);
    *out = f;
    return FL_OK;
}

void fl_findings_free(fl_findings *f)
{
    if (!f)
        return;
    fl__arena_free(&f->arena);
    FL_VEC_FREE(f->alloc, &f->items);
    FL_VEC_FREE(f->alloc, &f->notices);
    fl_allocator a = f->allocator;
    fl__free(&a, f);
}

static void lose(fl_findings *f, const fl_finding *x)
{
    size_t *at = &f->lost_at;
    if (x->if_topic) {
        size_t k = 0, slots = sizeof f->lost_if_topic / sizeof *f->lost_if_topic;
        while (k < slots && f->lost_if_topic[k].topic &&
               f->lost_if_topic[k].topic != x->rule->topic)
            k++;
        if (k < slots) {
            f->lost_if_topic[k].topic = x->rule->topic;
            at = &f->lost_if_topic[k].lost_at;
        }
    }
    if (x->off < *at)
        *at = x->off;
}

int fl__findings_add(fl_findings *f, const fl_finding *x)
{
    if (f->full) {
        lose(f, x);
        return FL_OK;
    }
    return FL_VEC_PUSH(f->alloc, &f->items, *x);
}

int fl__findings_keep_within_limit(fl_findings *f)
{
    if (f->full || f->items.len <= f->compact_at)
        return FL_OK;
    fl__findings_sort(f);
    int error = fl__findings_drop_contained(f);
    if (error < 0)
        return error;
    if (f->items.len <= FL_MAX_FINDINGS) {
        f->compact_at = f->items.len + FL_MAX_FINDINGS / 4;
        return FL_OK;
    }
    for (size_t i = FL_MAX_FINDINGS; i < f->items.len; i++)
        lose(f, &f->items.ptr[i]);
    f->items.len = FL_MAX_FINDINGS;
    f->full = 1;
    return FL_OK;
}

int fl__findings_vnotice(fl_findings *f, size_t off, const char *fmt, va_list ap)
{
    char msg[320];
    vsnprintf(msg, sizeof msg, fmt, ap);
    fl_notice n = {fl__arena_strdup(&f->arena, msg), off};
    if (!n.message)
        return FL_ENOMEM;
    return FL_VEC_PUSH(f->alloc, &f->notices, n);
}

static int compare(const void *x, const void *y)
{
    const fl_finding *a = x, *b = y;
    if (a->off != b->off)
        return a->off < b->off ? -1 : 1;
    if (a->rule->index != b->rule->index)
        return a->rule->index < b->rule->index ? -1 : 1;
    return (a->len > b->len) - (a->len < b->len);
}

void fl__findings_sort(fl_findings *f)
{
    if (f->items.len < 2)
        return;
    qsort(f->items.ptr, f->items.len, sizeof *f->items.ptr, compare);
    size_t w = 1;
    for (size_t i = 1; i < f->items.len; i++) {
        const fl_finding *prev = &f->items.ptr[w - 1], *x = &f->items.ptr[i];
        if (x->rule == prev->rule && x->off == prev->off && x->len == prev->len)
            continue;
        f->items.ptr[w++] = *x;
    }
    f->items.len = w;
}

size_t fl_findings_count(const fl_findings *f)
{
    return f ? f->items.len : 0;
}

const fl_finding *fl_findings_at(const fl_findings *f, size_t i)
{
    return f && i < f->items.len ? &f->items.ptr[i] : NULL;
}

uint64_t fl_findings_word_count(const fl_findings *f)
{
    return f ? f->words : 0;
}

const char *fl_findings_language(const fl_findings *f)
{
    return f->language;
}

size_t fl_findings_notice_count(const fl_findings *f)
{
    return f ? f->notices.len : 0;
}

const char *fl_findings_notice(const fl_findings *f, size_t i, size_t *offset)
{
    if (!f || i >= f->notices.len)
        return NULL;
    if (offset)
        *offset = f->notices.ptr[i].off;
    return f->notices.ptr[i].message;
}

const fl_rule *fl_finding_rule(const fl_finding *x) { return x->rule; }
fl_severity fl_finding_severity(const fl_finding *x) { return x->severity; }
size_t fl_finding_offset(const fl_finding *x) { return x->off; }
size_t fl_finding_length(const fl_finding *x) { return x->len; }
const char *fl_finding_message(const fl_finding *x) { return x->message; }
size_t fl_finding_suggestion_count(const fl_finding *x) { return x->nsuggestions; }
int fl_finding_can_fix(const fl_finding *x) { return x->kept == FL_KEPT_NOT && x->nsuggestions; }

const char *fl__kept_note(fl_kept kept)
{
    switch (kept) {
    case FL_KEPT_QUOTED:
        return "it is in quotation marks";
    case FL_KEPT_NAME:
        return "it is in a name";
    case FL_KEPT_HASHTAG:
        return "it is a hashtag (another tag would be another campaign)";
    case FL_KEPT_REPORTED:
        return "it reports what someone said (a rewrite would change their words)";
    case FL_KEPT_NAMED:
        return "it names the words rather than using them (\"the term ...\")";
    case FL_KEPT_SPAN:
        return "it crosses a line break, markup or a quotation mark";
    case FL_KEPT_READONLY:
        return "this part of the file cannot be written back";
    case FL_KEPT_INSIDE:
        return "a finding around it is rewritten";
    case FL_KEPT_OVERLAP:
        return "it overlaps another finding; rewrite the two together";
    case FL_KEPT_GRAMMAR:
        return "no rewrite fits the word after it; reword the sentence";
    case FL_KEPT_BYTES:
        return "it holds bytes that are not UTF-8; fix the file's encoding first";
    default:
        return "";
    }
}

const char *fl_finding_fix_note(const fl_finding *x)
{
    return x->kept == FL_KEPT_NOT ? "" : fl__kept_note(x->kept);
}

const char *fl_finding_suggestion(const fl_finding *x, size_t i)
{
    return i < x->nsuggestions ? x->suggestions[i] : NULL;
}

/* Containment, per category, among findings on words (term and pattern
 * rules; a density or proximity finding covers a whole sentence for a
 * different reason than the words inside it): visiting findings by (category, start, end descending,
 * severity descending, rule order), a finding is inside an earlier one when
 * that one reaches at least as far; the farthest reach is kept per severity,
 * so a weaker container never hides a stronger finding. */
static int compare_nesting(const void *x, const void *y)
{
    const fl_finding *a = *(const fl_finding *const *)x, *b = *(const fl_finding *const *)y;
    int c = strcmp(a->rule->category, b->rule->category);
    if (c)
        return c;
    if (a->off != b->off)
        return a->off < b->off ? -1 : 1;
    size_t ae = a->off + a->len, be = b->off + b->len;
    if (ae != be)
        return ae > be ? -1 : 1;
    if (a->severity != b->severity)
        return a->severity > b->severity ? -1 : 1;
    return (a->rule->index > b->rule->index) - (a->rule->index < b->rule->index);
}

int fl__findings_drop_contained(fl_findings *f)
{
    size_t n = f->items.len;
    if (n < 2)
        return FL_OK;
    fl_finding **order = fl__reallocarray(f->alloc, NULL, n, sizeof *order);
    if (!order)
        return FL_ENOMEM;
    size_t terms = 0;
    for (size_t i = 0; i < n; i++) {
        fl_rule_kind kind = f->items.ptr[i].rule->kind;
        if (kind == FL_RULE_TERM || kind == FL_RULE_PATTERN)
            order[terms++] = &f->items.ptr[i];
    }
    n = terms;
    qsort(order, n, sizeof *order, compare_nesting);
    size_t reach[FL_SEVERITY_ERROR + 1] = {0};
    int any[FL_SEVERITY_ERROR + 1] = {0};
    const char *category = NULL;
    for (size_t i = 0; i < n; i++) {
        fl_finding *x = order[i];
        if (!category || strcmp(category, x->rule->category)) {
            category = x->rule->category;
            memset(any, 0, sizeof any);
        }
        size_t end = x->off + x->len;
        int inside = 0;
        for (int s = x->severity; s <= FL_SEVERITY_ERROR && !inside; s++)
            inside = any[s] && reach[s] >= end;
        if (inside) {
            x->rule = NULL; /* marked; compacted below */
            continue;
        }
        if (x->if_topic)
            continue; /* it may yet go, and what it holds must stay */
        if (!any[x->severity] || end > reach[x->severity])
            reach[x->severity] = end;
        any[x->severity] = 1;
    }
    fl__free(f->alloc, order);
    size_t w = 0;
    for (size_t i = 0; i < f->items.len; i++) {
        if (f->items.ptr[i].rule)
            f->items.ptr[w++] = f->items.ptr[i];
    }
    f->items.len = w;
    return FL_OK;
}

/* --- which rewrites fl_fix applies ---------------------------------------- */

/* The order fl_fix documents: earlier start, longer span, more severe, rule
 * loaded first. */
static int compare_priority(const void *x, const void *y)
{
    const fl_finding *a = *(const fl_finding *const *)x;
    const fl_finding *b = *(const fl_finding *const *)y;
    if (a->off != b->off)
        return a->off < b->off ? -1 : 1;
    if (a->len != b->len)
        return a->len > b->len ? -1 : 1;
    if (a->severity != b->severity)
        return a->severity > b->severity ? -1 : 1;
    return (a->rule->index > b->rule->index) - (a->rule->index < b->rule->index);
}

/* Nonzero if `b` starts inside `a` on whole words that end a's rewrite and
 * start b's unchanged: "oleada de" → "llegada de" and "de ilegales" → "de
 * personas en situación irregular" make "llegada de personas en situación
 * irregular". */
static int shares_edge(const char *doc, const fl_finding *a, const fl_finding *b)
{
    size_t shared = a->off + a->len - b->off;
    const char *ra = a->suggestions[0], *rb = b->suggestions[0];
    size_t la = strlen(ra), lb = strlen(rb);
    return shared < la && shared < lb && ra[la - shared - 1] == ' ' && rb[shared] == ' ' &&
           !memcmp(ra + la - shared, doc + b->off, shared) &&
           !memcmp(rb, doc + b->off, shared);
}

/* One group of overlapping rewrites, in priority order: all inside the
 * first, a chain that joins, or neither. */
static void settle_group(const char *doc, fl_finding **v, size_t n)
{
    size_t outer_end = v[0]->off + v[0]->len;
    int nested = 1, chain = 1;
    for (size_t i = 1; i < n; i++) {
        const fl_finding *p = v[i - 1], *x = v[i];
        nested &= x->off + x->len <= outer_end;
        chain &= x->off > p->off && x->off + x->len > p->off + p->len &&
                 (i < 2 || x->off >= v[i - 2]->off + v[i - 2]->len) && shares_edge(doc, p, x);
    }
    for (size_t i = nested || chain; i < n; i++) {
        if (nested)
            v[i]->kept = FL_KEPT_INSIDE;
        else if (chain)
            v[i]->joins = 1;
        else
            v[i]->kept = FL_KEPT_OVERLAP;
    }
}

int fl__findings_settle_rewrites(fl_findings *f, const char *doc)
{
    fl_finding **v = fl__reallocarray(f->alloc, NULL, f->items.len + 1, sizeof *v);
    if (!v)
        return FL_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < f->items.len; i++) {
        if (fl_finding_can_fix(&f->items.ptr[i]))
            v[k++] = &f->items.ptr[i];
    }
    if (k > 1)
        qsort(v, k, sizeof *v, compare_priority);
    for (size_t i = 0, j; i < k; i = j) {
        size_t end = v[i]->off + v[i]->len;
        for (j = i + 1; j < k && v[j]->off < end; j++)
            end = v[j]->off + v[j]->len > end ? v[j]->off + v[j]->len : end;
        if (j - i > 1)
            settle_group(doc, v + i, j - i);
    }
    fl__free(f->alloc, v);
    return FL_OK;
}

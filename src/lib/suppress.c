/*
 * suppress: one sweep over findings and directives together, both sorted by
 * offset, so a document with many directives stays linear.
 */
#include "suppress.h"

#include <string.h>

#include "ruleset.h"

/* The most selectors kept in force at once; more are ignored (a document
 * that needs 64 different directives needs a config file). */
#define MAX_ACTIVE 64

/* A selector a directive switched off (or back on). */
typedef struct selector {
    const char *s;
    size_t len;
    int off;
} selector;

/* The selectors in force, oldest first: the latest one that names a rule
 * decides, so "enable a.one" inside "disable a" brings a.one back. */
typedef struct state {
    selector sel[MAX_ACTIVE];
    size_t n;
} state;

static int is_sep(char c)
{
    return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Calls `fn` for each selector in a directive's argument text. */
static void each_selector(const char *args, size_t len, state *st,
                          void (*fn)(state *, const char *, size_t))
{
    size_t i = 0;
    while (i < len) {
        while (i < len && is_sep(args[i]))
            i++;
        size_t start = i;
        while (i < len && !is_sep(args[i]))
            i++;
        if (i > start)
            fn(st, args + start, i - start);
    }
}

static void push(state *st, const char *s, size_t len, int off)
{
    for (size_t i = 0; i < st->n; i++) {
        if (st->sel[i].len == len && !memcmp(st->sel[i].s, s, len)) {
            memmove(&st->sel[i], &st->sel[i + 1], (st->n - i - 1) * sizeof *st->sel);
            st->n--;
            break;
        }
    }
    if (st->n < MAX_ACTIVE)
        st->sel[st->n++] = (selector){s, len, off};
}

static void disable_one(state *st, const char *s, size_t len)
{
    push(st, s, len, 1);
}

static void enable_one(state *st, const char *s, size_t len)
{
    if (st->n) /* with nothing switched off, there is nothing to switch on */
        push(st, s, len, 0);
}

static int blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (!is_sep(s[i]))
            return 0;
    }
    return 1;
}

static void apply(state *st, const fl_directive *d, const char *doc)
{
    const char *args = doc + d->args_off;
    int none = blank(args, d->args_len);
    if (d->kind == FL_DIRECTIVE_DISABLE && none) {
        st->n = 0;
        push(st, "*", 1, 1);
    } else if (d->kind == FL_DIRECTIVE_DISABLE) {
        each_selector(args, d->args_len, st, disable_one);
    } else if (d->kind == FL_DIRECTIVE_ENABLE && none) {
        st->n = 0;
    } else if (d->kind == FL_DIRECTIVE_ENABLE) {
        each_selector(args, d->args_len, st, enable_one);
    }
}

static int matches(const state *st, const fl_rule *r)
{
    for (size_t i = st->n; i-- > 0;) {
        if (fl__rule_selected(r, st->sel[i].s, st->sel[i].len))
            return st->sel[i].off;
    }
    return 0;
}

/* The line after the one a directive ends on: [*lo, *hi). */
static void next_line(const fl_directive *d, const char *doc, size_t doc_len,
                      size_t *lo, size_t *hi)
{
    const char *nl = memchr(doc + d->end, '\n', doc_len - d->end);
    *lo = nl ? (size_t)(nl - doc) + 1 : doc_len;
    nl = *lo < doc_len ? memchr(doc + *lo, '\n', doc_len - *lo) : NULL;
    *hi = nl ? (size_t)(nl - doc) : doc_len;
}

/* Does a disable-next-line directive switch off rule `r`? */
static int next_line_selects(const fl_directive *d, const fl_rule *r, const char *doc)
{
    state st;
    memset(&st, 0, sizeof st);
    fl_directive as_disable = *d;
    as_disable.kind = FL_DIRECTIVE_DISABLE;
    apply(&st, &as_disable, doc);
    return matches(&st, r);
}

int fl__suppress(fl_findings *f, const fl_directive *dirs, size_t ndirs,
                 const char *doc, size_t doc_len)
{
    state st;
    memset(&st, 0, sizeof st);
    size_t d = 0, w = 0;
    /* The latest next-line directive and the line it covers; findings are
     * sorted, so an earlier one can no longer apply. */
    const fl_directive *pending = NULL;
    size_t lo = 0, hi = 0;
    for (size_t i = 0; i < f->items.len; i++) {
        const fl_finding *x = &f->items.ptr[i];
        while (d < ndirs && dirs[d].off <= x->off) {
            if (dirs[d].kind == FL_DIRECTIVE_DISABLE_NEXT_LINE) {
                pending = &dirs[d];
                next_line(pending, doc, doc_len, &lo, &hi);
            } else {
                apply(&st, &dirs[d], doc);
            }
            d++;
        }
        if (matches(&st, x->rule) ||
            (pending && x->off >= lo && x->off <= hi &&
             next_line_selects(pending, x->rule, doc)))
            continue;
        f->items.ptr[w++] = *x;
    }
    f->items.len = w;
    return FL_OK;
}

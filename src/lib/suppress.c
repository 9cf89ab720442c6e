/*
 * suppress: one sweep over findings and directives together, both sorted by
 * offset, so a document with many directives stays linear. A directive that
 * cannot do what it says (a name no rule answers to, a comment never closed)
 * is reported as a notice, never passed over in silence.
 */
#include "suppress.h"

#include <string.h>

#include "match.h"
#include "ruleset.h"
#include "schema.h"
#include "strmap.h"

/* A selector a directive switched off (or back on). */
typedef struct selector {
    const char *s;
    size_t len;
    int off;
} selector;

/* The selectors in force, oldest first: the latest one that names a rule
 * decides, so "enable a.one" inside "disable a" brings a.one back. Each
 * distinct name is in it at most once, so it grows only with the names the
 * document uses: no fixed limit for a later enable to fall off. */
typedef struct state {
    FL_VEC(selector) sel;
    const fl_allocator *alloc;
} state;

/* What a sweep needs besides the state: where notices go, and which names
 * were already checked against the ruleset (NUL-terminated copies). */
typedef struct checker {
    const fl_ruleset *rs;
    fl_lint_run *run;
    const char *doc;
    fl_arena names;
    fl_strmap seen;
} checker;

static int is_sep(char c)
{
    return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int push(state *st, const char *s, size_t len, int off)
{
    for (size_t i = 0; i < st->sel.len; i++) {
        selector *x = &st->sel.ptr[i];
        if (x->len == len && !memcmp(x->s, s, len)) {
            memmove(x, x + 1, (st->sel.len - i - 1) * sizeof *x);
            st->sel.len--;
            break;
        }
    }
    selector x = {s, len, off};
    return FL_VEC_PUSH(st->alloc, &st->sel, x);
}

static int blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (!is_sep(s[i]))
            return 0;
    }
    return 1;
}

static int apply(state *st, const fl_directive *d, const char *doc)
{
    const char *args = doc + d->args_off;
    size_t i = 0, len = d->args_len;
    int none = blank(args, len), error = 0;
    if (d->kind != FL_DIRECTIVE_DISABLE && d->kind != FL_DIRECTIVE_ENABLE)
        return FL_OK;
    if (none) {
        st->sel.len = 0;
        return d->kind == FL_DIRECTIVE_DISABLE ? push(st, "*", 1, 1) : FL_OK;
    }
    while (i < len && error == 0) {
        while (i < len && is_sep(args[i]))
            i++;
        size_t start = i;
        while (i < len && !is_sep(args[i]))
            i++;
        /* with nothing switched off, there is nothing to switch on */
        if (i > start && (d->kind == FL_DIRECTIVE_DISABLE || st->sel.len))
            error = push(st, args + start, i - start, d->kind == FL_DIRECTIVE_DISABLE);
    }
    return error;
}

static int matches(const state *st, const fl_rule *r)
{
    for (size_t i = st->sel.len; i-- > 0;) {
        if (fl__rule_selected(r, st->sel.ptr[i].s, st->sel.ptr[i].len))
            return st->sel.ptr[i].off;
    }
    return 0;
}

/* --- checking names ----------------------------------------------------------- */

/* The nearest of a rule's names to a misspelt one, by edit distance; a bare
 * rule name ("water-metaphor") suggests the full id. */
static void consider(const char *name, const char *candidate, const char *shown,
                     const char **best, size_t *best_d)
{
    size_t a = strlen(name), b = strlen(candidate);
    if ((a > b ? a - b : b - a) >= *best_d)
        return; /* cheap: most names differ in length by more than a typo */
    size_t d = fl__edit_distance(name, candidate);
    if (d < *best_d) {
        *best_d = d;
        *best = shown;
    }
}

static const char *closest(const fl_ruleset *rs, const char *name)
{
    const char *best = NULL;
    size_t best_d = 3; /* more than two edits is not a typo */
    for (size_t i = 0; i < rs->rules.len; i++) {
        const fl_rule *r = rs->rules.ptr[i];
        const char *dot = strchr(r->id, '.');
        consider(name, r->id, r->id, &best, &best_d);
        consider(name, dot ? dot + 1 : r->id, r->id, &best, &best_d);
        consider(name, r->ruleset, r->ruleset, &best, &best_d);
        consider(name, r->category, r->category, &best, &best_d);
    }
    if (best)
        return best;
    /* "terminolgy.typo": the rule is far from any, but its ruleset is a
     * typo away from one. Naming the ruleset is the nearest directive that
     * does something, and points the writer at where the rule lives. */
    const char *dot = strchr(name, '.');
    if (!dot || dot == name || dot - name > 64)
        return NULL;
    char prefix[65];
    memcpy(prefix, name, (size_t)(dot - name));
    prefix[dot - name] = '\0';
    best_d = 3;
    for (size_t i = 0; i < rs->rules.len; i++)
        consider(prefix, rs->rules.ptr[i]->ruleset, rs->rules.ptr[i]->ruleset, &best, &best_d);
    return best;
}

static int selects_any(const fl_ruleset *rs, const char *s, size_t len)
{
    for (size_t i = 0; i < rs->rules.len; i++) {
        if (fl__rule_selected(rs->rules.ptr[i], s, len))
            return 1;
    }
    return 0;
}

/* A name that selects no rule: a typo that would otherwise leave findings
 * on (or off) without a word. Each distinct name is checked once. */
static int check_name(checker *c, const char *s, size_t len, size_t off)
{
    if (len > 256)
        return fl__lint_notice(c->run, off, "a directive names a rule with more than 256 "
                               "characters; no rule, ruleset or category is that long");
    char *name = fl__arena_strndup(&c->names, s, len);
    if (!name)
        return FL_ENOMEM;
    if (fl__strmap_get(&c->seen, name))
        return FL_OK;
    if (fl__strmap_put(&c->seen, name, name) < 0)
        return FL_ENOMEM;
    if (selects_any(c->rs, s, len))
        return FL_OK;
    const char *hint = closest(c->rs, name);
    return fl__lint_notice(c->run, off, "'%s' names no rule, ruleset or category, so "
                           "this directive does nothing for it%s%s%s", name,
                           hint ? " (did you mean '" : "", hint ? hint : "",
                           hint ? "'?)" : "");
}

static int check(checker *c, const fl_directive *d)
{
    if (d->kind == FL_DIRECTIVE_UNCLOSED_COMMENT)
        return fl__lint_notice(c->run, d->off, "this comment is never closed with '-->', "
                               "so the text after it was not checked");
    const char *args = c->doc + d->args_off;
    size_t i = 0;
    int error = 0;
    while (i < d->args_len && error == 0) {
        while (i < d->args_len && is_sep(args[i]))
            i++;
        size_t start = i;
        while (i < d->args_len && !is_sep(args[i]))
            i++;
        if (i > start && !(i - start == 1 && args[start] == '*'))
            error = check_name(c, args + start, i - start, d->args_off + start);
    }
    return error;
}

/* --- the sweep ------------------------------------------------------------------ */

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
static int next_line_selects(const fl_directive *d, const fl_rule *r, const char *doc,
                             state *scratch, int *error)
{
    fl_directive as_disable = *d;
    as_disable.kind = FL_DIRECTIVE_DISABLE;
    scratch->sel.len = 0;
    *error = apply(scratch, &as_disable, doc);
    return *error == 0 && matches(scratch, r);
}

/* Keeps the findings that no directive switches off. */
static int sweep(fl_findings *f, const fl_directive *dirs, size_t ndirs, const char *doc,
                 size_t doc_len, state *st, state *scratch)
{
    size_t d = 0, w = 0;
    int error = 0;
    /* The latest next-line directive and the line it covers; findings are
     * sorted, so an earlier one can no longer apply. */
    const fl_directive *pending = NULL;
    size_t lo = 0, hi = 0;
    for (size_t i = 0; i < f->items.len && error == 0; i++) {
        const fl_finding *x = &f->items.ptr[i];
        while (d < ndirs && dirs[d].off <= x->off && error == 0) {
            if (dirs[d].kind == FL_DIRECTIVE_DISABLE_NEXT_LINE) {
                pending = &dirs[d];
                next_line(pending, doc, doc_len, &lo, &hi);
            } else {
                error = apply(st, &dirs[d], doc);
            }
            d++;
        }
        if (error == 0 &&
            (matches(st, x->rule) ||
             (pending && x->off >= lo && x->off <= hi &&
              next_line_selects(pending, x->rule, doc, scratch, &error))))
            continue;
        f->items.ptr[w++] = *x;
    }
    if (error == 0)
        f->items.len = w;
    return error;
}

int fl__suppress(fl_findings *f, const fl_ruleset *rs, const fl_directive *dirs,
                 size_t ndirs, const char *doc, size_t doc_len, fl_lint_run *run)
{
    state st = {{0}, f->alloc}, scratch = {{0}, f->alloc};
    checker c = {rs, run, doc, FL_ARENA_INIT(f->alloc), FL_STRMAP_INIT(f->alloc)};
    int error = 0;
    for (size_t i = 0; i < ndirs && error == 0; i++)
        error = check(&c, &dirs[i]);
    if (error == 0)
        error = sweep(f, dirs, ndirs, doc, doc_len, &st, &scratch);
    FL_VEC_FREE(f->alloc, &st.sel);
    FL_VEC_FREE(f->alloc, &scratch.sel);
    fl__strmap_free(&c.seen);
    fl__arena_free(&c.names);
    return error;
}

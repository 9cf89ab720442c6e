/*
 * fl_fix_property: checks what --fix promises on every text it is given,
 * through the public API only, as a property rather than as examples. For
 * each text x, fl_fix is done again by hand as framelint.h documents it:
 * rounds of (lint, apply the first rewrite of every finding
 * fl_finding_can_fix allows) until a round has nothing to do. Each round,
 * and each alternative rewrite of each fixable finding (fl_fix_finding: an
 * editor's quick fixes), is held to:
 *
 *   lossless    the result is the text with each span replaced by its
 *               rewrite, and no other byte changed; no two rewritten spans
 *               cross unless they share words both rewrites keep; fl_fix's
 *               output is what the rounds give
 *   marks       quotation marks, brackets and line breaks are as many after
 *   doubled     no word stands twice in a row where a rewrite landed (the
 *               library refuses such rewrites, as it does misfit
 *               prepositions; unit.fix shows that guard failing)
 *   article     "a"/"an" agrees with the word after it where a rewrite landed
 *   preposition a rewrite's last word reads right before the text's next
 *               one: no "arrived to", no "arrive in into" (the library
 *               refuses such rewrites, so no rule file can break this; the
 *               unit test of that guard shows it failing)
 *   case        ALL CAPS stays all caps, a capital stays a capital, a small
 *               letter stays small, and a Title Case line gets Title Case
 *   refires     no rewritten span holds a finding of the rule that rewrote it
 *   creates     nor one of another rule on its own words, which the replaced
 *               words did not have (a rewrite that is itself loaded)
 *   idempotent  fix(fix(x)) == fix(x), within FL_FIX_ROUNDS rounds
 *
 *   fl_fix_property [--rules FILE]... [--examples] [--min-texts N] [-v] PATH...
 *
 * A PATH is a real-text set (*.jsonl: each item's `text`, a `caption` as a
 * Markdown image's alt text, linted in its `lang`), a corpus folder
 * (items.tsv and drafts; a two-letter folder name is the language) or a
 * draft. --examples adds every rule's examples; --rules adds a rule file
 * to the defaults. Exits 0 when every check held on at least N texts, 1
 * when one failed, 2 on bad input.
 */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "framelint/framelint.h"

enum check {
    LOSSLESS, MARKS, DOUBLED, ARTICLE, PREPOSITION, CASE, REFIRES, CREATES, IDEMPOTENT, NCHECKS
};
static const char *const check_names[NCHECKS] = {
    "lossless", "marks",   "doubled", "article",   "preposition",
    "case",     "refires", "creates", "idempotent"};

/* Failures printed per check; the rest are counted. */
#define SHOWN_PER_CHECK 12

typedef struct text {
    char *data;
    size_t len, cap;
} text;

/* One rewrite: the bytes [off, off + len) of the original become `with`;
 * `at` is where it lands in the fixed text. */
typedef struct edit {
    size_t off, len, at;
    const char *with;
    const fl_finding *x;
} edit;

typedef struct run {
    fl_ruleset *rs;
    int verbose;
    unsigned texts, applied, alternatives, failed[NCHECKS];
} run;

typedef struct item {
    const char *name, *lang;
    fl_format fmt;
    const char *data;
    size_t len;
} item;

static int append(void *payload, const char *data, size_t len)
{
    text *t = payload;
    if (t->len + len + 1 > t->cap) {
        size_t cap = (t->len + len + 1) * 2;
        char *grown = realloc(t->data, cap);
        if (!grown)
            return FL_ENOMEM;
        t->data = grown;
        t->cap = cap;
    }
    if (len)
        memcpy(t->data + t->len, data, len);
    t->len += len;
    t->data[t->len] = '\0';
    return FL_OK;
}

static void die(const char *what, const fl_error *err)
{
    char msg[512];
    fl_error_format(err, msg, sizeof msg);
    fprintf(stderr, "fl_fix_property: %s: %s\n", what, msg);
    exit(2);
}

/* --- reporting ------------------------------------------------------------- */

/* Prints up to 60 bytes of `t` around [off, off + len), newlines shown. */
static void show(const char *label, const char *t, size_t n, size_t off, size_t len)
{
    size_t lo = off > 30 ? off - 30 : 0, hi = off + len + 30 < n ? off + len + 30 : n;
    fprintf(stderr, "    %s «", label);
    for (size_t k = lo; k < hi; k++)
        fputs(t[k] == '\n' ? "⏎" : (char[2]){t[k], 0}, stderr);
    fprintf(stderr, "»\n");
}

/* Counts a failure; nonzero when it is to be shown (then with the details
 * the caller prints next). */
static int fail(run *r, enum check c, const item *it, const char *why)
{
    if (++r->failed[c] > SHOWN_PER_CHECK && !r->verbose)
        return 0;
    fprintf(stderr, "FAIL %s: %s: %s\n", check_names[c], it->name, why);
    return 1;
}

/* --- text scanning ---------------------------------------------------------- */

static int is_word_byte(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch >= 0x80 || ch == '\'';
}

/* The next word at or after *pos, before `end`: its start and length, and
 * whether only spaces lie between it and the word before. 0 at the end. */
static int next_word(const char *t, size_t end, size_t *pos, size_t *start, size_t *len,
                     int *spaced)
{
    size_t k = *pos;
    *spaced = 1;
    while (k < end && !is_word_byte((unsigned char)t[k])) {
        if (t[k] != ' ')
            *spaced = 0;
        k++;
    }
    if (k >= end)
        return 0;
    *start = k;
    while (k < end && is_word_byte((unsigned char)t[k]))
        k++;
    *len = k - *start;
    *pos = k;
    return 1;
}

static int same_word(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen != blen)
        return 0;
    for (size_t k = 0; k < alen; k++) {
        char x = a[k], y = b[k];
        if ((x >= 'A' && x <= 'Z' ? x | 0x20 : x) != (y >= 'A' && y <= 'Z' ? y | 0x20 : y))
            return 0;
    }
    return 1;
}

static int starts_with(const char *w, size_t n, const char *prefix)
{
    size_t p = strlen(prefix);
    return n >= p && same_word(w, p, prefix, p);
}

/* Whether English wants "an" before this word (by its spelling: close
 * enough for the words rewrites bring). -1 when it cannot tell. */
static int wants_an(const char *w, size_t n)
{
    char c = (char)(w[0] | 0x20);
    if (!(c >= 'a' && c <= 'z'))
        return -1;
    static const char *const a_vowels[] = {"uni", "use", "usu", "uti", "ura", "eu", "one",
                                           "once", "u.", NULL};
    static const char *const an_h[] = {"hour", "honest", "honour", "heir", NULL};
    for (const char *const *p = a_vowels; *p; p++)
        if (starts_with(w, n, *p))
            return 0;
    for (const char *const *p = an_h; *p; p++)
        if (starts_with(w, n, *p))
            return 1;
    return strchr("aeiou", c) != NULL;
}

static int one_of(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++) {
        if (same_word(w, n, *list, strlen(*list)))
            return 1;
    }
    return 0;
}

/* Whether `last`, a rewrite's last word, and `next`, the text's word after
 * it, make a verb or preposition no writer would: "arrived to", "arrive in
 * into", "crowded around through". */
static int bad_preposition(const char *last, size_t ll, const char *next, size_t nl)
{
    static const char *const arrive[] = {"arrive", "arrives", "arrived", "arriving", NULL};
    static const char *const to[] = {"to", "into", "onto", NULL};
    static const char *const preps[] = {"in", "into", "to", "onto", "on", "at", "around",
                                        "across", "through", "over", NULL};
    return (one_of(last, ll, arrive) && one_of(next, nl, to)) ||
           (one_of(last, ll, preps) && one_of(next, nl, preps));
}

/* Doubled words and a/an disagreement in the words around and inside
 * [at, at + len) of `t`. */
static void check_words(run *r, const item *it, const char *lang, const char *t, size_t n,
                        size_t at, size_t len)
{
    size_t pos = at > 48 ? at - 48 : 0, end = at + len + 48 < n ? at + len + 48 : n;
    size_t ps = 0, pl = 0, s, l;
    int spaced, have = 0;
    while (next_word(t, end, &pos, &s, &l, &spaced)) {
        int touches = have && ps < at + len && s + l > at;
        if (touches && spaced && same_word(t + ps, pl, t + s, l)) {
            if (fail(r, DOUBLED, it, "a word stands twice where a rewrite landed"))
                show("after ", t, n, at, len);
        }
        if (touches && spaced && !strcmp(lang, "en") &&
            (same_word(t + ps, pl, "a", 1) || same_word(t + ps, pl, "an", 2))) {
            int an = wants_an(t + s, l);
            if (an >= 0 && an != (pl == 2)) {
                if (fail(r, ARTICLE, it, "a/an does not agree where a rewrite landed"))
                    show("after ", t, n, at, len);
            }
        }
        /* the rewrite's last word, then the text's first after it */
        if (have && spaced && !strcmp(lang, "en") && ps < at + len && ps + pl <= at + len &&
            ps + pl > at && s >= at + len && bad_preposition(t + ps, pl, t + s, l)) {
            if (fail(r, PREPOSITION, it, "a preposition does not fit where a rewrite landed"))
                show("after ", t, n, at, len);
        }
        ps = s, pl = l, have = 1;
    }
}

/* Quotation marks, brackets and line breaks, each kind counted apart. An
 * apostrophe between two letters ("l'accueil", "people's") is no quotation
 * mark, and a rewrite may bring one. */
static void count_marks(const char *t, size_t n, unsigned counts[16])
{
    static const char *const marks[] = {"\"", "'", "’", "“", "”", "„", "‘", "«", "»",
                                        "‹", "›", "(", ")", "[", "]", "\n"};
    memset(counts, 0, 16 * sizeof *counts);
    for (size_t k = 0; k < n; k++) {
        for (size_t m = 0; m < 16; m++) {
            size_t ml = strlen(marks[m]);
            if (k + ml > n || memcmp(t + k, marks[m], ml))
                continue;
            int inside_word = m <= 2 && k > 0 && k + ml < n &&
                              is_word_byte((unsigned char)t[k - 1]) &&
                              is_word_byte((unsigned char)t[k + ml]) && t[k + ml] != '\'';
            counts[m] += !inside_word;
            break;
        }
    }
}

/* --- case ------------------------------------------------------------------- */

static int upper(char c) { return c >= 'A' && c <= 'Z'; }
static int lower(char c) { return c >= 'a' && c <= 'z'; }

/* Whether the line around [off, off + len) of the original is in Title
 * Case: after its first word, at least three words of five letters or more,
 * every one capitalised (but not all in capitals). */
static int title_case_line(const char *t, size_t n, size_t off, size_t len)
{
    size_t lo = off, hi = off + len;
    while (lo > 0 && t[lo - 1] != '\n')
        lo--;
    while (hi < n && t[hi] != '\n')
        hi++;
    unsigned words = 0;
    size_t pos = lo, s, l;
    int spaced, caps_only = 1, first = 1;
    while (next_word(t, hi, &pos, &s, &l, &spaced)) {
        if (first || l < 5) {
            first = 0;
            continue;
        }
        for (size_t k = 0; k < l; k++) {
            if (!(lower(t[s + k]) || upper(t[s + k])))
                goto next; /* not a plain word */
        }
        if (!upper(t[s]))
            return 0;
        for (size_t k = 1; k < l; k++)
            caps_only &= !lower(t[s + k]);
        words++;
    next:;
    }
    return words >= 3 && !caps_only;
}

static void check_case(run *r, const item *it, const char *x, size_t n, const edit *e)
{
    const char *o = x + e->off, *w = e->with;
    size_t ol = e->len, wl = strlen(w), letters = 0, uppers = 0, k = 0;
    for (size_t j = 0; j < ol; j++) {
        letters += upper(o[j]) || lower(o[j]);
        uppers += upper(o[j]);
    }
    while (k < ol && !upper(o[k]) && !lower(o[k]))
        k++;
    size_t m = 0;
    while (m < wl && !upper(w[m]) && !lower(w[m]))
        m++;
    const char *why = NULL;
    if (letters >= 2 && uppers == letters) {
        for (size_t j = 0; j < wl && !why; j++)
            if (lower(w[j]))
                why = "ALL CAPS became lower case";
    } else if (k < ol && m < wl && upper(o[k]) && !upper(w[m])) {
        why = "a capital became a small letter";
    } else if (k < ol && m < wl && lower(o[k]) && upper(w[m]) && !(m + 1 < wl && upper(w[m + 1]))) {
        why = "a small letter became a capital";
    } else if (title_case_line(x, n, e->off, e->len)) {
        size_t pos = 0, s, l;
        int spaced;
        while (!why && next_word(w, wl, &pos, &s, &l, &spaced))
            if (l >= 5 && lower(w[s]))
                why = "a Title Case line got a word in small letters";
    }
    if (why && fail(r, CASE, it, why)) {
        show("before", x, n, e->off, e->len);
        fprintf(stderr, "    rewrite «%s»\n", w);
    }
}

/* --- linting and fixing ----------------------------------------------------- */

typedef struct linted {
    fl_document *doc;
    fl_findings *f;
} linted;

static void lint(const run *r, const item *it, const char *data, size_t len, linted *out)
{
    fl_error err = FL_ERROR_INIT;
    fl_lint_options opts = FL_LINT_OPTIONS_INIT;
    opts.language = it->lang;
    out->doc = NULL;
    out->f = NULL;
    if (fl_document_new(&out->doc, NULL, it->name, data, len, it->fmt, &err) < 0 ||
        fl_lint(&out->f, r->rs, out->doc, &opts, &err) < 0)
        die(it->name, &err);
}

static void unlint(linted *l)
{
    fl_findings_free(l->f);
    fl_document_free(l->doc);
}

static void fix(const linted *l, text *out)
{
    fl_error err = FL_ERROR_INIT;
    out->len = 0;
    if (fl_fix(NULL, l->doc, l->f, (fl_sink){append, out}, &err) < 0 || append(out, "", 0) < 0)
        die("fl_fix", &err);
}

/* A fixable finding that starts inside the previous one must share with it
 * only words that end the previous rewrite and start its own, unchanged
 * (framelint.h, fl_fix); the two are then one edit. 0 if they may not join. */
static int join(text *texts, edit *e, const char *x, const fl_finding *f)
{
    size_t off = fl_finding_offset(f), shared = e->off + e->len - off;
    const char *w = fl_finding_suggestion(f, 0);
    size_t wl = strlen(w), el = strlen(texts->data + e->at);
    if (shared >= wl || shared >= el || memcmp(w, x + off, shared) ||
        memcmp(texts->data + e->at + el - shared, x + off, shared))
        return 0;
    texts->len--; /* the NUL */
    append(texts, w + shared, wl - shared);
    append(texts, "", 1);
    e->len = off + fl_finding_length(f) - e->off;
    return 1;
}

/* The rewrites fl_fix makes in one round, as the header documents them:
 * every finding fl_finding_can_fix allows, its first rewrite, none crossing
 * another unless they join. Texts live in `texts`, each NUL-terminated. */
static size_t plan(run *r, const item *it, const fl_findings *f, const char *x, edit *v,
                   text *texts)
{
    size_t k = 0;
    texts->len = 0;
    for (size_t i = 0; i < fl_findings_count(f); i++) {
        const fl_finding *z = fl_findings_at(f, i);
        if (!fl_finding_can_fix(z))
            continue;
        size_t off = fl_finding_offset(z);
        if (k && off < v[k - 1].off + v[k - 1].len) {
            if (!join(texts, &v[k - 1], x, z) &&
                fail(r, LOSSLESS, it, "two rewritten spans cross without sharing an edge"))
                fprintf(stderr, "    %s and %s\n", fl_rule_id(fl_finding_rule(v[k - 1].x)),
                        fl_rule_id(fl_finding_rule(z)));
            continue;
        }
        const char *w = fl_finding_suggestion(z, 0);
        v[k++] = (edit){off, fl_finding_length(z), texts->len, NULL, z};
        append(texts, w, strlen(w) + 1);
    }
    for (size_t i = 0; i < k; i++)
        v[i].with = texts->data + v[i].at;
    return k;
}

/* `x` with the edits applied; sets each edit's `at`. */
static void splice(text *out, const char *x, size_t n, edit *v, size_t k)
{
    size_t from = 0;
    out->len = 0;
    for (size_t i = 0; i < k; i++) {
        append(out, x + from, v[i].off - from);
        v[i].at = out->len;
        append(out, v[i].with, strlen(v[i].with));
        from = v[i].off + v[i].len;
    }
    append(out, x + from, n - from);
}

static int same_text(const char *a, size_t an, const char *b, size_t bn, size_t *first_diff)
{
    size_t d = 0;
    while (d < an && d < bn && a[d] == b[d])
        d++;
    *first_diff = d;
    return an == bn && d == an;
}

/* Nonzero if `f` holds a finding of `rule` over [lo, hi). */
static int has_finding(const fl_findings *f, const fl_rule *rule, size_t lo, size_t hi)
{
    for (size_t j = 0; j < fl_findings_count(f); j++) {
        const fl_finding *z = fl_findings_at(f, j);
        size_t zo = fl_finding_offset(z), ze = zo + fl_finding_length(z);
        if (fl_finding_rule(z) == rule && zo < hi && ze > lo)
            return 1;
    }
    return 0;
}

/* What a rewrite leaves where it landed: no finding of its own rule (it
 * would be rewritten again), and no finding of another rule on the
 * rewrite's own words that the words it replaced did not have (a rewrite
 * that is itself loaded). A new finding that reaches past the rewrite is
 * context the rewrite completed ("Illegal aliens are illegal" → "Undocumented
 * migrants are illegal"): a finding about the writer's other words, which
 * the next round rewrites if it can. */
static void check_landing(run *r, const item *it, const linted *before, const linted *after,
                          const char *y, size_t yn, const edit *e)
{
    size_t lo = e->at, hi = lo + strlen(e->with);
    for (size_t j = 0; j < fl_findings_count(after->f); j++) {
        const fl_finding *z = fl_findings_at(after->f, j);
        const fl_rule *rule = fl_finding_rule(z);
        size_t zo = fl_finding_offset(z), ze = zo + fl_finding_length(z);
        if (zo >= hi || ze <= lo)
            continue;
        if (rule == fl_finding_rule(e->x)) {
            if (fail(r, REFIRES, it, fl_rule_id(rule)))
                show("after ", y, yn, lo, hi - lo);
        } else if (zo >= lo && ze <= hi && !has_finding(before->f, rule, e->off,
                                                         e->off + e->len)) {
            if (fail(r, CREATES, it, fl_rule_id(rule)))
                show("after ", y, yn, lo, hi - lo);
        }
    }
}

/* The checks every rewrite is held to, whether fl_fix or an editor's quick
 * fix made it: `y` is `x` with the edits `v` applied. */
static void check_edits(run *r, const item *it, const linted *lx, const text *y,
                        const edit *v, size_t k)
{
    const char *lang = it->lang ? it->lang : "en";
    size_t n;
    const char *x = fl_document_data(lx->doc, &n);
    unsigned before[16], after[16];
    count_marks(x, n, before);
    count_marks(y->data, y->len, after);
    linted ly;
    lint(r, it, y->data, y->len, &ly);
    for (size_t i = 0; i < k; i++) {
        if (memcmp(before, after, sizeof before) &&
            fail(r, MARKS, it, "quotation marks, brackets or line breaks changed in number")) {
            show("before", x, n, v[i].off, v[i].len);
            fprintf(stderr, "    rewrite «%s»\n", v[i].with);
        }
        check_words(r, it, lang, y->data, y->len, v[i].at, strlen(v[i].with));
        if (!strcmp(lang, "en"))
            check_case(r, it, x, n, &v[i]);
        check_landing(r, it, lx, &ly, y->data, y->len, &v[i]);
    }
    unlint(&ly);
}

/* Every alternative rewrite of every fixable finding, as fl_fix_finding
 * writes it: exactly that span replaced, and held to every check. */
static void check_alternatives(run *r, const item *it, const linted *l)
{
    size_t n, d;
    const char *x = fl_document_data(l->doc, &n);
    text y = {0}, want = {0};
    for (size_t i = 0; i < fl_findings_count(l->f); i++) {
        const fl_finding *f = fl_findings_at(l->f, i);
        for (size_t a = 0; fl_finding_can_fix(f) && a < fl_finding_suggestion_count(f); a++) {
            fl_error err = FL_ERROR_INIT;
            edit e = {fl_finding_offset(f), fl_finding_length(f), 0,
                      fl_finding_suggestion(f, a), f};
            y.len = 0;
            if (fl_fix_finding(NULL, l->doc, l->f, i, a, (fl_sink){append, &y}, &err) < 0 ||
                append(&y, "", 0) < 0)
                die("fl_fix_finding", &err);
            splice(&want, x, n, &e, 1);
            if (!same_text(y.data, y.len, want.data, want.len, &d)) {
                if (fail(r, LOSSLESS, it, "a quick fix changed bytes outside its span"))
                    show("got   ", y.data, y.len, d, 0);
                continue;
            }
            check_edits(r, it, l, &y, &e, 1);
            r->alternatives++;
        }
    }
    free(y.data);
    free(want.data);
}

/* fl_fix must give what its rounds give, done by hand (plan, splice,
 * lint again), and must give it again when run on its own result. */
static void check_text(run *r, const item *it)
{
    linted l, lf;
    text cur = {0}, y = {0}, got = {0}, again = {0}, texts = {0};
    size_t d, n;
    lint(r, it, it->data, it->len, &l);
    fix(&l, &got);
    check_alternatives(r, it, &l);
    const char *x = fl_document_data(l.doc, &n);
    append(&cur, x, n);
    edit *v = calloc(fl_findings_count(l.f) + 1, sizeof *v);
    for (unsigned round = 0; v; round++) {
        size_t k = plan(r, it, l.f, cur.data, v, &texts);
        if (k && round == FL_FIX_ROUNDS && fail(r, IDEMPOTENT, it, "still rewriting after "
                                                "FL_FIX_ROUNDS rounds"))
            show("now   ", cur.data, cur.len, v[0].off, v[0].len);
        if (!k || round == FL_FIX_ROUNDS)
            break;
        splice(&y, cur.data, cur.len, v, k);
        check_edits(r, it, &l, &y, v, k);
        r->applied += (unsigned)k;
        unlint(&l);
        lint(r, it, y.data, y.len, &l);
        text swap = cur;
        cur = y;
        y = swap;
        free(v);
        v = calloc(fl_findings_count(l.f) + 1, sizeof *v);
    }
    if (!v)
        exit(2);
    if (!same_text(got.data, got.len, cur.data, cur.len, &d) &&
        fail(r, LOSSLESS, it, "fl_fix wrote something other than its rewrites")) {
        show("got   ", got.data, got.len, d, 0);
        show("wanted", cur.data, cur.len, d, 0);
    }
    lint(r, it, got.data, got.len, &lf);
    fix(&lf, &again);
    if (!same_text(again.data, again.len, got.data, got.len, &d) &&
        fail(r, IDEMPOTENT, it, "a second fix changed the text again")) {
        show("once  ", got.data, got.len, d, 0);
        show("twice ", again.data, again.len, d, 0);
    }
    r->texts++;
    unlint(&lf);
    unlint(&l);
    free(v);
    free(cur.data);
    free(y.data);
    free(got.data);
    free(again.data);
    free(texts.data);
}

/* --- inputs ----------------------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    text t = {0};
    char buf[65536];
    size_t got;
    if (!fp) {
        perror(path);
        exit(2);
    }
    while ((got = fread(buf, 1, sizeof buf, fp)) > 0)
        if (append(&t, buf, got) < 0)
            exit(2);
    if (ferror(fp) || fclose(fp) != 0 || append(&t, "", 0) < 0) {
        perror(path);
        exit(2);
    }
    *len = t.len;
    return t.data;
}

/* One real-text item: its text, a caption as a Markdown image's alt text
 * (brackets, which would end it, as parentheses), as realtext.py lints it. */
static void check_real_item(run *r, const char *path, unsigned line, json_t *o)
{
    const char *id = json_string_value(json_object_get(o, "id"));
    const char *body = json_string_value(json_object_get(o, "text"));
    const char *fmt = json_string_value(json_object_get(o, "format"));
    const char *lang = json_string_value(json_object_get(o, "lang"));
    if (!body) {
        fprintf(stderr, "%s:%u: an item without text\n", path, line);
        exit(2);
    }
    text t = {0};
    char name[256];
    int caption = fmt && !strcmp(fmt, "caption");
    if (caption) {
        append(&t, "![", 2);
        for (const char *p = body; *p; p++)
            append(&t, *p == '[' ? "(" : *p == ']' ? ")" : p, 1);
        append(&t, "](photo.jpg)\n", 13);
    } else {
        append(&t, body, strlen(body));
        append(&t, "\n", 1);
    }
    snprintf(name, sizeof name, "%s#%s", path, id ? id : "?");
    item it = {name, lang ? lang : "en", caption ? FL_FORMAT_MARKDOWN : FL_FORMAT_PLAIN,
               t.data, t.len};
    check_text(r, &it);
    free(t.data);
}

static void check_jsonl(run *r, const char *path)
{
    size_t len;
    char *all = slurp(path, &len), *save = NULL;
    unsigned line = 0;
    for (char *s = strtok_r(all, "\n", &save); s; s = strtok_r(NULL, "\n", &save)) {
        json_error_t jerr;
        json_t *o = json_loads(s, 0, &jerr);
        line++;
        if (!json_is_object(o)) {
            fprintf(stderr, "%s:%u: not a JSON object: %s\n", path, line, jerr.text);
            exit(2);
        }
        check_real_item(r, path, line, o);
        json_decref(o);
    }
    free(all);
}

/* items.tsv: LABELS <tab> md|txt|html <tab> TEXT, with \n \t \\ escaped. */
static void check_tsv(run *r, const char *path, const char *lang)
{
    size_t len;
    char *all = slurp(path, &len), *save = NULL;
    unsigned line = 0;
    for (char *s = strtok_r(all, "\n", &save); s; s = strtok_r(NULL, "\n", &save)) {
        char *f1 = strchr(s, '\t'), *f2 = f1 ? strchr(f1 + 1, '\t') : NULL, name[4200];
        line++;
        if (s[0] == '#' || !f2)
            continue;
        text t = {0};
        for (char *p = f2 + 1; *p; p++) {
            if (p[0] == '\\' && p[1]) {
                p++;
                append(&t, *p == 'n' ? "\n" : *p == 't' ? "\t" : p, 1);
            } else {
                append(&t, p, 1);
            }
        }
        fl_format fmt = !strncmp(f1 + 1, "md", 2)     ? FL_FORMAT_MARKDOWN
                        : !strncmp(f1 + 1, "html", 4) ? FL_FORMAT_HTML
                                                      : FL_FORMAT_PLAIN;
        snprintf(name, sizeof name, "%s:%u", path, line);
        item it = {name, lang, fmt, t.data ? t.data : "", t.len};
        check_text(r, &it);
        free(t.data);
    }
    free(all);
}

static void check_draft(run *r, const char *path, const char *lang)
{
    size_t len;
    char *data = slurp(path, &len);
    item it = {path, lang, FL_FORMAT_AUTO, data, len};
    check_text(r, &it);
    free(data);
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* A folder: its items.tsv and its drafts, in the folder's language when its
 * name is one ("corpora/fr"), else each draft's own. */
static void check_folder(run *r, const char *dir)
{
    struct dirent **names;
    const char *base = strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir;
    char lang[3];
    const char *l = strlen(base) == 2 ? memcpy(lang, base, 3) : NULL;
    int n = scandir(dir, &names, NULL, by_name);
    if (n < 0) {
        perror(dir);
        exit(2);
    }
    for (int i = 0; i < n; i++) {
        char path[4096];
        const char *e = names[i]->d_name;
        snprintf(path, sizeof path, "%s/%s", dir, e);
        if (!strcmp(e, "items.tsv"))
            check_tsv(r, path, l);
        else if (e[0] != '.' && (has_suffix(e, ".md") || has_suffix(e, ".txt") ||
                                 has_suffix(e, ".html")))
            check_draft(r, path, l);
        free(names[i]);
    }
    free(names);
}

static void check_examples(run *r)
{
    for (size_t i = 0; i < fl_ruleset_count(r->rs); i++) {
        const fl_rule *rule = fl_ruleset_at(r->rs, i);
        for (int flag = 0; flag <= 1; flag++) {
            for (size_t e = 0; e < fl_rule_example_count(rule, flag); e++) {
                const char *s = fl_rule_example(rule, flag, e);
                item it = {fl_rule_id(rule), fl_rule_language(rule), FL_FORMAT_MARKDOWN, s,
                           strlen(s)};
                check_text(r, &it);
            }
        }
    }
}

static void check_path(run *r, const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        closedir(d);
        check_folder(r, path);
    } else if (has_suffix(path, ".jsonl")) {
        check_jsonl(r, path);
    } else {
        check_draft(r, path, NULL);
    }
}

int main(int argc, char **argv)
{
    run r = {0};
    fl_error err = FL_ERROR_INIT;
    unsigned min_texts = 1, failures = 0;
    int examples = 0, first = 1;
    clock_t start = clock();
    if (fl_ruleset_new(&r.rs, NULL, &err) < 0 || fl_ruleset_add_defaults(r.rs, &err) < 0)
        die("default rules", &err);
    for (; first < argc && argv[first][0] == '-'; first++) {
        if (!strcmp(argv[first], "--rules") && first + 1 < argc) {
            if (fl_ruleset_add_path(r.rs, argv[++first], &err) < 0)
                die(argv[first], &err);
        } else if (!strcmp(argv[first], "--min-texts") && first + 1 < argc) {
            min_texts = (unsigned)strtoul(argv[++first], NULL, 10);
        } else if (!strcmp(argv[first], "--examples")) {
            examples = 1;
        } else if (!strcmp(argv[first], "-v")) {
            r.verbose = 1;
        } else {
            fprintf(stderr, "usage: fl_fix_property [--rules FILE]... [--examples] "
                            "[--min-texts N] [-v] PATH...\n");
            return 2;
        }
    }
    if (fl_ruleset_compile(r.rs, &err) < 0)
        die("rules", &err);
    if (examples)
        check_examples(&r);
    for (int i = first; i < argc; i++)
        check_path(&r, argv[i]);
    for (int c = 0; c < NCHECKS; c++) {
        if (r.failed[c])
            fprintf(stderr, "%s: %u failures\n", check_names[c], r.failed[c]);
        failures += r.failed[c];
    }
    printf("%u texts, %u rewrites applied, %u alternatives checked, %u failures, %.1fs\n",
           r.texts, r.applied, r.alternatives, failures,
           (double)(clock() - start) / CLOCKS_PER_SEC);
    fl_ruleset_free(r.rs);
    if (r.texts < min_texts) {
        fprintf(stderr, "fl_fix_property: only %u texts, fewer than %u\n", r.texts, min_texts);
        return 1;
    }
    return failures ? 1 : 0;
}

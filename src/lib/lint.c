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

/* Notices per document; past this a single line says more were dropped. */
#define MAX_NOTICES 50

struct fl_lint_run {
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
    fl_buf text, scratch;
    pcre2_match_data *match_data;
    unsigned *limit_hits;        /* per pattern rule: see fl__match_patterns */
    uint32_t *list_count;        /* per list: scratch for index_lists, kept at 0 */
    FL_VEC(uint32_t) touched;    /* the lists a block's hits touch */
    fl_u64_vec pairs;            /* scratch for fl__match_patterns */
    size_t notices;
};

/* --- candidates to findings ------------------------------------------------------- */

static int add_suggestions(fl_lint_run *run, const fl_block *b,
                           const fl_candidate *c, fl_finding *x)
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

typedef enum quoting { NOT_QUOTED, MENTIONED, QUOTED } quoting;

/* Quoted use is not use. A quotation that holds only the matched words
 * discusses them (the term "illegal immigrant"); a longer one reports what
 * someone else said, which the writer may need to quote. */
static quoting quoted(const fl_block *b, const fl_candidate *c)
{
    if (c->tok_end <= c->tok_start)
        return NOT_QUOTED;
    for (uint32_t i = c->tok_start; i < c->tok_end; i++) {
        if (!(b->toks[i].flags & FL_TOKF_QUOTED))
            return NOT_QUOTED;
    }
    uint32_t lo = c->tok_start, hi = c->tok_end;
    while (lo > 0 && (b->toks[lo - 1].flags & FL_TOKF_QUOTED) &&
           !(b->toks[lo].flags & FL_TOKF_QUOTE_OPEN))
        lo--;
    while (hi < b->ntoks && (b->toks[hi].flags & FL_TOKF_QUOTED) &&
           !(b->toks[hi].flags & FL_TOKF_QUOTE_OPEN))
        hi++;
    return lo == c->tok_start && hi == c->tok_end ? MENTIONED : QUOTED;
}

/* A rewrite may only replace text the reader handed over in one piece and on
 * one line: between segments lie markup and container prefixes ("> ", list
 * indentation) that a rewrite must never eat. And the reader must be able to
 * write that piece back (FL_SEG_NO_REWRITE). */
static int in_one_segment(const fl_block *b, size_t off, size_t len)
{
    if (memchr(b->doc + off, '\n', len))
        return 0;
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
    return s && off + len <= s->off + s->len && !(s->flags & FL_SEG_NO_REWRITE);
}

int fl__lint_emit(fl_lint_run *run, const fl_block *b, const fl_candidate *c)
{
    fl_candidate lowered;
    quoting q = quoted(b, c);
    if (q == MENTIONED)
        return FL_OK;
    if (q == QUOTED) {
        lowered = *c;
        if (lowered.severity > FL_SEVERITY_SUGGESTION)
            lowered.severity--;
        lowered.suggest = NULL; /* nobody rewrites someone else's words */
        c = &lowered;
    }
    if (c->severity < run->min_severity || c->severity == FL_SEVERITY_OFF)
        return FL_OK;
    fl_finding x;
    memset(&x, 0, sizeof x);
    x.rule = c->rule;
    x.severity = c->severity;
    x.off = c->off;
    x.len = c->len;
    int error = c->suggest ? add_suggestions(run, b, c, &x) : FL_OK;
    if (error < 0)
        return error;
    fl__buf_clear(&run->text);
    if (q == QUOTED)
        error = fl__buf_puts(&run->text, "In a quotation: ");
    if (error == 0)
        error = fl__suggest_message(&run->text, b, c, x.off, x.len,
                                    x.nsuggestions ? x.suggestions[0] : NULL);
    if (error < 0)
        return error;
    x.fixable = in_one_segment(b, x.off, x.len);
    x.message = fl__arena_strndup(&run->f->arena, fl__buf_cstr(&run->text), run->text.len);
    if (!x.message)
        return FL_ENOMEM;
    return fl__findings_add(run->f, &x);
}

int fl__lint_notice(fl_lint_run *run, size_t off, const char *fmt, ...)
{
    if (++run->notices > MAX_NOTICES) {
        if (run->notices != MAX_NOTICES + 1)
            return FL_OK;
        fmt = "more than 50 notices; the rest are not shown";
    }
    va_list ap;
    va_start(ap, fmt);
    int error = fl__findings_vnotice(run->f, off, fmt, ap);
    va_end(ap);
    return error;
}

/* --- one block ------------------------------------------------------------------- */

static int compare_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

/* A block touches a dozen lists or so: insertion sort, qsort past that. */
static void sort_u32(uint32_t *v, size_t n)
{
    if (n > 32) {
        qsort(v, n, sizeof *v, compare_u32);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        uint32_t x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* The list index: hits grouped by list, in position order within a list
 * (the scan already yields them by position). A counting sort over only the
 * lists this block touched, so it is linear in the hits whatever the number
 * of lists the rules define. */
static int index_lists(fl_lint_run *run)
{
    uint32_t *count = run->list_count;
    size_t n = 0;
    run->touched.len = 0;
    for (size_t i = 0; i < run->hits.len; i++) {
        const fl_entry *e = &run->m->entries[run->hits.ptr[i].entry];
        if (e->kind != FL_ENTRY_LIST)
            continue;
        n++;
        if (count[e->target]++ == 0 && FL_VEC_PUSH(run->alloc, &run->touched, e->target) < 0)
            return FL_ENOMEM;
    }
    sort_u32(run->touched.ptr, run->touched.len);
    uint32_t at = 0;
    for (size_t i = 0; i < run->touched.len; i++) {
        uint32_t list = run->touched.ptr[i], c = count[list];
        count[list] = at;
        at += c;
    }
    if (FL_VEC_RESERVE(run->alloc, &run->lhits, n) < 0)
        return FL_ENOMEM;
    run->lhits.len = n;
    for (size_t i = 0; i < run->hits.len; i++) {
        const fl_hit *h = &run->hits.ptr[i];
        const fl_entry *e = &run->m->entries[h->entry];
        if (e->kind == FL_ENTRY_LIST)
            run->lhits.ptr[count[e->target]++] = (fl_lhit){e->target, h->start, h->end};
    }
    for (size_t i = 0; i < run->touched.len; i++)
        count[run->touched.ptr[i]] = 0;
    return FL_OK;
}

/* Sentences, trie hits and the list index for the block's tokens. */
static int index_block(fl_lint_run *run)
{
    const fl_token_vec *t = &run->tok.toks;
    run->sentences.len = run->sentence_of.len = 0;
    run->hits.len = run->lhits.len = 0;
    int error = FL_VEC_RESERVE(run->alloc, &run->sentence_of, t->len);
    run->figures.len = 0;
    for (size_t i = 0; i < t->len && error == 0; i++) {
        if (i == 0 || (t->ptr[i].flags & FL_TOKF_SENT_START)) {
            error = FL_VEC_PUSH(run->alloc, &run->sentences, (uint32_t)i);
            if (error == 0)
                error = FL_VEC_PUSH(run->alloc, &run->figures, 0);
        }
        run->sentence_of.ptr[i] = (uint32_t)run->sentences.len - 1;
        if (error == 0 && t->ptr[i].cls != FL_TOK_WORD)
            run->figures.ptr[run->figures.len - 1]++;
    }
    for (size_t s = 0; s < run->sentences.len && error == 0; s++) {
        size_t hi = s + 1 < run->sentences.len ? run->sentences.ptr[s + 1] : t->len;
        error = fl__matcher_scan(run->m, t->ptr, run->sentences.ptr[s], hi,
                                 &run->hits, run->alloc);
    }
    return error < 0 ? error : index_lists(run);
}

static int lint_block(fl_lint_run *run)
{
    fl__tok_begin_block(&run->tok);
    int error = 0;
    for (size_t i = 0; i < run->segs.len && error == 0; i++)
        error = fl__tok_segment(&run->tok, &run->segs.ptr[i]);
    if (error == 0 && run->tok.toks.len)
        error = index_block(run);
    if (error < 0 || !run->tok.toks.len)
        return error;
    fl_block b = {run->m, run->doc->data, run->doc->len, run->tok.toks.ptr,
                  run->tok.toks.len, run->sentences.ptr, run->sentences.len,
                  run->sentence_of.ptr, run->figures.ptr, run->segs.ptr, run->segs.len,
                  run->segs.ptr[0].scope, run->hits.ptr, run->hits.len,
                  run->lhits.ptr, run->lhits.len};
    if (run->hits.len)
        error = fl__match_terms(run, &b);
    if (error == 0 && run->lhits.len && run->m->nproximity)
        error = fl__match_proximity(run, &b);
    if (error == 0 && run->m->ndensity)
        error = fl__match_density(run, &b);
    if (error == 0 && run->m->npattern)
        error = fl__match_patterns(run, &b, run->match_data, run->limit_hits, &run->pairs);
    return error;
}

/* --- the reader's callbacks ------------------------------------------------------- */

static int on_segment(void *payload, const fl_segment *seg)
{
    fl_lint_run *run = payload;
    if ((seg->flags & FL_SEG_BLOCK_START) && run->segs.len) {
        int error = lint_block(run);
        run->segs.len = 0;
        if (error < 0)
            return error;
    }
    if (seg->off > run->doc->len || seg->len > run->doc->len - seg->off)
        return FL_ERROR; /* a reader bug, never the user's input */
    return FL_VEC_PUSH(run->alloc, &run->segs, *seg);
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
    size_t bad = fl__utf8_first_invalid(run->doc->data, run->doc->len);
    if (bad == run->doc->len)
        return FL_OK;
    return fl__lint_notice(run, bad, "invalid UTF-8 at byte %zu; the text around it "
                           "was linted, the invalid bytes were skipped", bad);
}

static int run_document(fl_lint_run *run)
{
    int error = check_input(run);
    if (error < 0 || !run->m)
        return error;
    fl_markup_sink sink = {on_segment, on_directive, run};
    error = run->doc->pkg ? fl__package_read(run->doc->pkg, &sink)
                          : fl__markup_read(run->doc->format, run->doc->data,
                                            run->doc->len, &sink, run->alloc);
    if (error == 0 && run->segs.len)
        error = lint_block(run);
    if (error < 0)
        return error;
    fl__findings_sort(run->f);
    if (run->dirs.len > 1)
        qsort(run->dirs.ptr, run->dirs.len, sizeof *run->dirs.ptr, compare_directives);
    error = fl__suppress(run->f, run->dirs.ptr, run->dirs.len, run->doc->data,
                         run->doc->len);
    if (error == 0 && run->f->dropped)
        error = fl__lint_notice(run, run->doc->len, "%zu more findings were not "
                                "kept (limit FL_MAX_FINDINGS = 100000 per document)",
                                run->f->dropped);
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
    fl__buf_free(&run->text);
    fl__buf_free(&run->scratch);
    pcre2_match_data_free(run->match_data);
    fl__free(run->alloc, run->limit_hits);
    fl__free(run->alloc, run->list_count);
    FL_VEC_FREE(run->alloc, &run->touched);
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
    run->rs = rs;
    run->doc = doc;
    run->alloc = rs->alloc;
    run->language = pick_language(doc, opts);
    run->m = fl__ruleset_matcher(rs, run->language);
    run->min_severity = opts ? opts->min_severity : FL_SEVERITY_SUGGESTION;
    run->text = (fl_buf)FL_BUF_INIT(run->alloc);
    run->scratch = (fl_buf)FL_BUF_INIT(run->alloc);
    fl__tok_init(&run->tok, run->alloc, run->m ? run->m->vocab : NULL, doc->data,
                 doc->len);
    if (fl__findings_new(&run->f, run->alloc) < 0)
        return FL_ENOMEM;
    snprintf(run->f->language, sizeof run->f->language, "%s", run->language);
    if (run->m && run->m->npattern &&
        (!(run->match_data = pcre2_match_data_create(10, rs->pcre_general)) ||
         !(run->limit_hits = fl__calloc(run->alloc, run->m->npattern,
                                        sizeof *run->limit_hits))))
        return FL_ENOMEM;
    if (!run->m)
        return fl__lint_notice(run, 0, "no rules for language '%s'; nothing was "
                               "checked", run->language);
    /* one slot per list, and one for the allowed words */
    if (!(run->list_count = fl__calloc(run->alloc, (size_t)run->m->nlists + 1,
                                       sizeof *run->list_count)))
        return FL_ENOMEM;
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
    if (opts && opts->version != FL_LINT_OPTIONS_VERSION)
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

/*
 * suggest: rewrites that read as English where they land. The article rules
 * are the ones that matter in practice: "a flood of migrants" must not turn
 * into "a many migrants", and "a influx" must not survive a rewrite.
 */
#include "suggest.h"

#include <stdio.h>
#include <string.h>

/* Copies a rewrite template, replacing $1…$9 with a pattern's groups. */
static int expand_groups(fl_buf *out, const fl_block *b, const fl_candidate *c,
                         const char *tmpl)
{
    for (const char *p = tmpl; *p; p++) {
        if (p[0] == '$' && p[1] >= '1' && p[1] <= '9' && c->groups) {
            size_t g = (size_t)(p[1] - '0');
            p++;
            if (g < c->ngroups && c->groups[2 * g] != SIZE_MAX) {
                int error = fl__buf_put(out, b->doc + c->groups[2 * g],
                                        c->groups[2 * g + 1] - c->groups[2 * g]);
                if (error < 0)
                    return error;
            }
            continue;
        }
        int error = fl__buf_putc(out, *p);
        if (error < 0)
            return error;
    }
    return FL_OK;
}

/* The base rewrite: groups expanded, inflected like the matched text. */
static int base_rewrite(fl_buf *out, const fl_block *b, const fl_candidate *c,
                        const char *language, size_t i, fl_buf *scratch)
{
    const char *tmpl = c->suggest->items[i];
    if (strcmp(language, "en") || c->form == FL_FORM_BASE || c->form == FL_FORM_LITERAL)
        return expand_groups(out, b, c, tmpl);
    fl__buf_clear(scratch);
    int error = expand_groups(scratch, b, c, tmpl);
    return error < 0 ? error : fl__inflect_rewrite(out, fl__buf_cstr(scratch), c->form);
}

/* The article right before the match, if only spaces separate them. */
static size_t preceding_article(const fl_block *b, const fl_candidate *c,
                                char *which, size_t size)
{
    uint32_t t = c->tok_start;
    if (t == 0 || (b->toks[t].flags & FL_TOKF_SENT_START) || c->off != b->toks[t].off)
        return 0;
    const fl_token *p = &b->toks[t - 1];
    if (p->cls != FL_TOK_WORD || p->len > 3 || p->len >= size)
        return 0;
    for (size_t k = p->off + p->len; k < c->off; k++) {
        if (b->doc[k] != ' ' && b->doc[k] != '\n' && b->doc[k] != '\t')
            return 0;
    }
    for (size_t k = 0; k < p->len; k++)
        which[k] = (char)(b->doc[p->off + k] | 0x20);
    which[p->len] = '\0';
    if (strcmp(which, "a") && strcmp(which, "an") && strcmp(which, "the"))
        return 0;
    return c->off - p->off;
}

static size_t first_word_len(const char *s)
{
    size_t n = 0;
    while (s[n] && s[n] != ' ')
        n++;
    return n;
}

/* What the article should become before `rewrite`: "" to drop it. A plural
 * rewrite keeps "the" but takes no "a": never "a arrivals". */
static const char *article_for(const char *article, const char *rewrite)
{
    if (fl__inflect_is_determiner(rewrite, first_word_len(rewrite)))
        return "";
    if (!strcmp(article, "the"))
        return "the";
    return fl__inflect_is_plural(rewrite) ? "" : fl__inflect_article(rewrite);
}

/* The first segment of the block that ends after `off` (segments are in
 * document order within a block). */
static size_t first_segment_after(const fl_block *b, size_t off)
{
    size_t lo = 0, hi = b->nsegs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->segs[mid].off + b->segs[mid].len <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Bytes [off, off+len) as the writer reads them: only what lies inside the
 * block's segments, so a quote marker, an emphasis marker or a tag between
 * two words never shows. Whitespace runs and the gaps between segments
 * become one space. */
static int put_visible(fl_buf *out, const fl_block *b, size_t off, size_t len)
{
    size_t end = off + len, start = out->len;
    int space = 0;
    for (size_t s = first_segment_after(b, off); s < b->nsegs; s++) {
        const fl_segment *g = &b->segs[s];
        if (g->off >= end)
            break;
        size_t k = g->off > off ? g->off : off;
        size_t hi = g->off + g->len < end ? g->off + g->len : end;
        for (space |= out->len > start; k < hi; k++) {
            char ch = b->doc[k];
            if (ch == '\n' || ch == '\r' || ch == '\t' || ch == ' ') {
                space = 1;
                continue;
            }
            if ((space && fl__buf_putc(out, ' ') < 0) || fl__buf_putc(out, ch) < 0)
                return FL_ENOMEM;
            space = 0;
        }
    }
    return FL_OK;
}

int fl__suggest_span(const fl_block *b, const fl_candidate *c, const char *language,
                     fl_buf *scratch, size_t *off, size_t *len, size_t *article_len)
{
    *off = c->off;
    *len = c->len;
    *article_len = 0;
    char article[4];
    size_t n = c->suggest && !strcmp(language, "en")
                   ? preceding_article(b, c, article, sizeof article) : 0;
    if (!n)
        return FL_OK;
    for (size_t i = 0; i < c->suggest->count; i++) {
        fl__buf_clear(scratch);
        fl_buf tmp = FL_BUF_INIT(scratch->alloc);
        int error = base_rewrite(scratch, b, c, language, i, &tmp);
        fl__buf_free(&tmp);
        if (error < 0)
            return error;
        if (strcmp(article_for(article, fl__buf_cstr(scratch)), article)) {
            *off = c->off - n;
            *len = c->len + n;
            *article_len = n;
            return FL_OK;
        }
    }
    return FL_OK;
}

int fl__suggest_rewrite(fl_buf *out, const fl_block *b, const fl_candidate *c,
                        const char *language, size_t i, size_t off, size_t len,
                        size_t article_len, fl_buf *scratch)
{
    fl_buf text = FL_BUF_INIT(out->alloc);
    int error = base_rewrite(&text, b, c, language, i, scratch);
    if (error == 0 && article_len) {
        char article[4];
        preceding_article(b, c, article, sizeof article);
        const char *a = article_for(article, fl__buf_cstr(&text));
        fl__buf_clear(scratch);
        if (*a)
            error = fl__buf_printf(scratch, "%s %s", a, fl__buf_cstr(&text));
        else
            error = fl__buf_puts(scratch, fl__buf_cstr(&text));
        if (error == 0) {
            fl__buf_clear(&text);
            error = fl__buf_put(&text, scratch->ptr, scratch->len);
        }
    }
    if (error == 0) {
        fl__buf_clear(scratch);
        error = put_visible(scratch, b, off, len);
    }
    if (error == 0)
        error = fl__inflect_case(out, fl__buf_cstr(&text), text.len,
                                 fl__buf_cstr(scratch), scratch->len);
    fl__buf_free(&text);
    return error;
}

int fl__suggest_message(fl_buf *out, const fl_block *b, const fl_candidate *c,
                        size_t off, size_t len, const char *first)
{
    for (const char *p = c->message; *p; p++) {
        int error;
        if (!strncmp(p, "{match}", 7)) {
            error = put_visible(out, b, off, len);
            p += 6;
        } else if (!strncmp(p, "{suggestion}", 12)) {
            error = fl__buf_puts(out, first ? first : "");
            p += 11;
        } else if (!strncmp(p, "{count}", 7)) {
            error = fl__buf_printf(out, "%u", c->count);
            p += 6;
        } else {
            error = fl__buf_putc(out, *p);
        }
        if (error < 0)
            return error;
    }
    return FL_OK;
}

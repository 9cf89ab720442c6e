/*
 * suggest: rewrites that read as English where they land. The article rules
 * are the ones that matter in practice: "a flood of migrants" must not turn
 * into "a many migrants", and "a influx" must not survive a rewrite.
 */
#include "suggest.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

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

/* What stands before a match and may need to change with its rewrite: an
 * article, alone ("a flood of") or with one modifier between it and the
 * match ("a new wave of"). */
typedef struct lead {
    char article[4];        /* "a", "an" or "the", lower-case */
    size_t len;             /* bytes from the article to the match; 0: none */
    size_t mod_off, mod_len; /* the modifier; mod_len 0 when there is none */
} lead;

/* Nonzero if only spaces lie between token `t` and byte `to`. */
static int spaces_between(const fl_block *b, const fl_token *t, size_t to)
{
    for (size_t k = t->off + t->len; k < to; k++) {
        if (b->doc[k] != ' ' && b->doc[k] != '\n' && b->doc[k] != '\t')
            return 0;
    }
    return 1;
}

static int is_article_token(const fl_block *b, const fl_token *p, char *which)
{
    if (p->cls != FL_TOK_WORD || p->len > 3)
        return 0;
    for (size_t k = 0; k < p->len; k++)
        which[k] = (char)(b->doc[p->off + k] | 0x20);
    which[p->len] = '\0';
    return !strcmp(which, "a") || !strcmp(which, "an") || !strcmp(which, "the");
}

static int is_plain_word(const fl_block *b, const fl_token *p)
{
    if (p->cls != FL_TOK_WORD || p->flags & (FL_TOKF_HYPHEN | FL_TOKF_HASHTAG))
        return 0;
    for (size_t k = 0; k < p->len; k++) {
        char ch = b->doc[p->off + k];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')))
            return 0;
    }
    return 1;
}

static void find_lead(const fl_block *b, const fl_candidate *c, lead *out)
{
    memset(out, 0, sizeof *out);
    uint32_t t = c->tok_start;
    if (t == 0 || (b->toks[t].flags & FL_TOKF_SENT_START) || c->off != b->toks[t].off)
        return;
    /* An article goes with a noun: before "of aliens" stands the end of
     * another phrase ("a wave of aliens"), nothing of this one. */
    if (fl__inflect_is_particle(b->doc + b->toks[t].off, b->toks[t].len))
        return;
    const fl_token *p = &b->toks[t - 1];
    if (!spaces_between(b, p, c->off))
        return;
    if (is_article_token(b, p, out->article)) {
        out->len = c->off - p->off;
        return;
    }
    /* Only a noun has a modifier here: in "a migrant pours in" the word
     * before the verb is its subject. And a count word keeps its own
     * article: "half a million illegal aliens" must not lose the "a" (a
     * headline in en-heldout163). */
    int verb = c->form == FL_FORM_THIRD || c->form == FL_FORM_PAST ||
               c->form == FL_FORM_PARTICIPLE || c->form == FL_FORM_GERUND;
    const fl_token *a = t >= 2 ? &b->toks[t - 2] : NULL;
    if (!a || verb || (p->flags & FL_TOKF_SENT_START) || !is_plain_word(b, p) ||
        fl__inflect_is_count_word(b->doc + p->off, p->len) || !spaces_between(b, a, p->off) ||
        !is_article_token(b, a, out->article))
        return;
    out->len = c->off - a->off;
    out->mod_off = p->off;
    out->mod_len = p->len;
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

/* Whether "ARTICLE MODIFIER match" must change for `rewrite`: a rewrite led
 * by a determiner brings its own ("a new wave of" must not become "a new
 * many"), and a plural one takes no "a". */
static int modifier_needs_change(const lead *l, const char *rewrite)
{
    return fl__inflect_is_determiner(rewrite, first_word_len(rewrite)) ||
           (strcmp(l->article, "the") && fl__inflect_is_plural(rewrite));
}

/* Nonzero if the first `n` bytes of `a` and `b` agree, ignoring ASCII case. */
static int same_folded(const char *a, const char *b, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if ((a[k] | 0x20) != (b[k] | 0x20) || !a[k])
            return 0;
    }
    return 1;
}

/* Modifiers that still describe the people once a quantifier replaces the
 * noun they modified ("a new wave of refugees" → "many new refugees"). Any
 * other ("a huge wave of") is dropped: "many huge refugees" would say
 * something else. */
static int modifier_survives_quantifier(const char *mod, size_t len)
{
    static const char *const kept[] = {"new", "fresh", "further", "additional",
                                       "recent", "latest", NULL};
    for (const char *const *k = kept; *k; k++) {
        if (strlen(*k) == len && same_folded(mod, *k, len))
            return 1;
    }
    return 0;
}

/* The text that replaces "ARTICLE MODIFIER match", `rewrite` standing for the
 * match: the rewrite's own article moves in front of the modifier ("the
 * sudden arrival of"), a quantifier leads ("many new"), a plural drops "a"
 * ("new arrivals"), and a/an agrees with the modifier. */
static int rewrite_after_modifier(fl_buf *out, const fl_block *b, const lead *l,
                                  const char *rewrite)
{
    const char *mod = b->doc + l->mod_off;
    int mlen = (int)l->mod_len;
    size_t w0 = first_word_len(rewrite);
    const char *rest = rewrite[w0] ? rewrite + w0 + 1 : "";
    int own_article = (w0 == 1 && (rewrite[0] | 0x20) == 'a') ||
                      (w0 == 2 && same_folded(rewrite, "an", 2)) ||
                      (w0 == 3 && same_folded(rewrite, "the", 3));
    if (own_article)
        return fl__buf_printf(out, "%s %.*s %s", w0 == 3 ? "the" : fl__inflect_article(mod),
                              mlen, mod, rest);
    if (fl__inflect_is_determiner(rewrite, w0))
        return modifier_survives_quantifier(mod, l->mod_len)
                   ? fl__buf_printf(out, "%s %.*s", rewrite, mlen, mod)
                   : fl__buf_puts(out, rewrite);
    const char *article = !strcmp(l->article, "the")       ? "the "
                          : fl__inflect_is_plural(rewrite) ? ""
                          : !strcmp(fl__inflect_article(mod), "an") ? "an " : "a ";
    return fl__buf_printf(out, "%s%.*s %s", article, mlen, mod, rewrite);
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
 * become one space, except before a segment glued to the word before it. */
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
        for (space |= out->len > start && !(g->flags & FL_SEG_GLUED); k < hi; k++) {
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

/* Whether rewrite `i` needs the words before the match changed. */
static int lead_needs_change(const lead *l, const char *rewrite)
{
    if (l->mod_len)
        return modifier_needs_change(l, rewrite);
    return strcmp(article_for(l->article, rewrite), l->article) != 0;
}

int fl__suggest_span(const fl_block *b, const fl_candidate *c, const char *language,
                     fl_buf *scratch, size_t *off, size_t *len, size_t *article_len)
{
    *off = c->off;
    *len = c->len;
    *article_len = 0;
    lead l;
    if (!c->suggest || strcmp(language, "en"))
        return FL_OK;
    find_lead(b, c, &l);
    for (size_t i = 0; l.len && i < c->suggest->count; i++) {
        fl__buf_clear(scratch);
        fl_buf tmp = FL_BUF_INIT(scratch->alloc);
        int error = base_rewrite(scratch, b, c, language, i, &tmp);
        fl__buf_free(&tmp);
        if (error < 0)
            return error;
        if (lead_needs_change(&l, fl__buf_cstr(scratch))) {
            *off = c->off - l.len;
            *len = c->len + l.len;
            *article_len = l.len;
            return FL_OK;
        }
    }
    return FL_OK;
}

/* `text` with the words before the match (taken into the span) rewritten to
 * agree with it, built in `scratch`. */
static int agree_with_lead(fl_buf *scratch, const fl_block *b, const fl_candidate *c,
                           const char *text)
{
    lead l;
    find_lead(b, c, &l);
    fl__buf_clear(scratch);
    if (l.mod_len)
        return rewrite_after_modifier(scratch, b, &l, text);
    const char *a = article_for(l.article, text);
    return *a ? fl__buf_printf(scratch, "%s %s", a, text) : fl__buf_puts(scratch, text);
}

/* A token that starts with a capital letter. */
static int capitalised(const fl_block *b, const fl_token *t)
{
    int32_t cp = -1;
    fl__utf8_decode((const unsigned char *)b->doc + t->off, t->len, &cp);
    return cp >= 0 && fl__cp_is_upper(cp);
}

/* The small words a headline keeps small ("Rise in Arrivals"), unless its
 * writer capitalises every word ("A Flood Of Migrants"). */
static const char *const small_words[] = {"a", "an", "the", "and", "or", "nor", "but", "of",
                                          "in", "on", "at", "to", "by", "for", "from",
                                          "with", "as", "per", "via", "into", "onto", "than",
                                          NULL};

static int is_small_word(const char *w, size_t n)
{
    for (const char *const *p = small_words; *p; p++) {
        size_t k = 0;
        while (k < n && (*p)[k] && (*p)[k] == (char)tolower((unsigned char)w[k]))
            k++;
        if (k == n && !(*p)[k])
            return 1;
    }
    return 0;
}

/* The sentence's case style, for a rewrite to follow. */
typedef enum title_style {
    NOT_TITLE,   /* sentence case, or not English */
    TITLE_SMALL, /* Title Case, small words small ("Rise in Arrivals") */
    TITLE_ALL    /* every word capitalised ("Rise In Arrivals") */
} title_style;

/* Whether the match stands in a sentence set in Title Case, as headlines
 * and many posts are: after the sentence's first word, every word of five
 * letters or more starts with a capital, and there are at least two (style
 * guides keep "from", "with" and "into" small). Then, whether the small
 * words after the first are capitalised too: one capital among them is the
 * writer's style. Only English has the convention. Only the match's line of
 * the sentence is read: a headline without a full stop runs into the text
 * under it as one sentence, and "Storm of Illicit Migrants Engulfs Dover"
 * became "Storm of Undocumented migrants" (a property test on en-heldout81's
 * British press). */
/* A line break between tokens a and a + 1 of the block. */
static int break_after(const fl_block *b, size_t a)
{
    size_t from = b->toks[a].off + b->toks[a].len, to = b->toks[a + 1].off;
    return to > from && memchr(b->doc + from, '\n', to - from) != NULL;
}

/* One token's part in title_case_place: -1 when it shows the line is not
 * Title Case (a long word in small letters), else adds to the counts. */
static int title_token(const fl_block *b, const fl_token *t, unsigned *words,
                       unsigned *small_capitals)
{
    if (t->cls != FL_TOK_WORD || (t->flags & FL_TOKF_HASHTAG))
        return 0;
    if (t->len < 5) {
        *small_capitals += is_small_word(b->doc + t->off, t->len) && capitalised(b, t);
        return 0;
    }
    if (!capitalised(b, t))
        return -1;
    (*words)++;
    return 0;
}

/* A headline is short: past this many tokens on either side of the match
 * without reaching the line's end, the line is prose, and reading no
 * further keeps a finding's cost flat in the length of the line (a line
 * of 40,000 findings took 24 s when every one read it whole). */
enum { TITLE_REACH = 64 };

static title_style title_case_place(const fl_block *b, const fl_candidate *c,
                                    const char *language)
{
    if (strcmp(language, "en") || c->tok_end <= c->tok_start)
        return NOT_TITLE;
    uint32_t s = b->sentence_of[c->tok_start];
    size_t lo = b->sentences[s], hi = s + 1 < b->nsentences ? b->sentences[s + 1] : b->ntoks;
    unsigned words = 0, small_capitals = 0;
    /* the match's own tokens, then outwards to the line's ends, skipping
     * the sentence's first word as a headline's capital proves nothing */
    for (size_t i = c->tok_start; i < c->tok_end; i++)
        if (i > lo && title_token(b, &b->toks[i], &words, &small_capitals) < 0)
            return NOT_TITLE;
    size_t i = c->tok_start;
    for (unsigned n = 0; i > lo + 1 && !break_after(b, i - 1); n++) {
        if (n == TITLE_REACH)
            return NOT_TITLE;
        if (title_token(b, &b->toks[--i], &words, &small_capitals) < 0)
            return NOT_TITLE;
    }
    i = c->tok_end;
    for (unsigned n = 0; i < hi && !break_after(b, i - 1); n++, i++) {
        if (n == TITLE_REACH)
            return NOT_TITLE;
        if (title_token(b, &b->toks[i], &words, &small_capitals) < 0)
            return NOT_TITLE;
    }
    return words < 2 ? NOT_TITLE : small_capitals ? TITLE_ALL : TITLE_SMALL;
}

/* Title Case for the rewrite at out[from..]: each word's first letter a
 * capital, but for the small words when the style keeps them small. The
 * first word keeps the case the replaced words' first letter gave it
 * (fl__inflect_case): a headline keeps its articles small, and "In
 * Northern Ireland, a Wave of Immigrants…" must not become "…, A Large
 * Number of…" (a property test on en-heldout122's Irish press). Each part
 * of a hyphenated word is a word, as in headline style ("Family-Based
 * Immigration"); a property test caught "Family-based" in a Title Case
 * tweet (en-heldout13). Rewrites are ASCII where it matters. */
static void title_case(fl_buf *out, size_t from, title_style style)
{
    for (size_t k = from; k < out->len;) {
        size_t n = 0;
        while (k + n < out->len && out->ptr[k + n] != ' ' && out->ptr[k + n] != '-')
            n++;
        int keep = k == from || (style == TITLE_SMALL && is_small_word(out->ptr + k, n));
        if (!keep && out->ptr[k] >= 'a' && out->ptr[k] <= 'z')
            out->ptr[k] = (char)(out->ptr[k] - 'a' + 'A');
        k += n + 1;
    }
}

/* Nonzero if the word at w (n bytes, any case) is one of `list`. */
static int word_in(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++) {
        size_t k = 0;
        while (k < n && (*list)[k] && (*list)[k] == (char)tolower((unsigned char)w[k]))
            k++;
        if (k == n && !(*list)[k])
            return 1;
    }
    return 0;
}

/* Nonzero if the token at i is a word of the same sentence as token
 * `beside` and reads (any case) as the n bytes at w; articles never count,
 * since a rewrite that brings its own "a" or "an" replaces the text's. */
static int same_word_at(const fl_block *b, size_t i, size_t beside, const char *w, size_t n)
{
    static const char *const articles[] = {"a", "an", "the", NULL};
    if (i >= b->ntoks || b->toks[i].cls != FL_TOK_WORD || b->toks[i].len != n ||
        b->sentence_of[i] != b->sentence_of[beside] || word_in(w, n, articles))
        return 0;
    const char *t = b->doc + b->toks[i].off;
    for (size_t k = 0; k < n; k++)
        if (tolower((unsigned char)t[k]) != tolower((unsigned char)w[k]))
            return 0;
    return 1;
}

/* Nonzero if the rewrite's first word is the word before the bytes it
 * replaces, or its last word the word after them. The span may reach past
 * the match ("a new tide" for "tide"), so the words are found from it. */
static int doubles_a_word(const fl_block *b, const fl_candidate *c, const char *rewrite,
                          size_t off, size_t len)
{
    if (c->tok_end <= c->tok_start)
        return 0;
    size_t before = c->tok_start, after = c->tok_end;
    while (before > 0 && b->toks[before - 1].off + b->toks[before - 1].len > off)
        before--;
    while (after < b->ntoks && b->toks[after].off < off + len)
        after++;
    size_t first = strcspn(rewrite, " ");
    const char *last = strrchr(rewrite, ' ');
    last = last ? last + 1 : rewrite;
    return (before > 0 && same_word_at(b, before - 1, c->tok_start, rewrite, first)) ||
           same_word_at(b, after, c->tok_end - 1, last, strlen(last));
}

int fl__suggest_fits_around(const fl_block *b, const fl_candidate *c, const char *language,
                            const char *rewrite, size_t off, size_t len)
{
    if (doubles_a_word(b, c, rewrite, off, len))
        return 0;
    /* Verbs of arriving take "in" or "at", never "to". */
    static const char *const arrive[] = {"arrive", "arrives", "arrived", "arriving", NULL};
    static const char *const to[] = {"to", "into", "onto", "unto", NULL};
    /* The prepositions a place or a route takes after a verb of movement. */
    static const char *const place[] = {"to", "into", "onto", "in", "on", "at", "through",
                                        "across", "over", "around", "towards", "toward",
                                        NULL};
    if (strcmp(language, "en") || c->tok_end >= b->ntoks || c->tok_end <= c->tok_start)
        return 1;
    const fl_token *next = &b->toks[c->tok_end];
    if (next->cls != FL_TOK_WORD ||
        b->sentence_of[c->tok_end] != b->sentence_of[c->tok_end - 1])
        return 1;
    const char *nw = b->doc + next->off;
    const char *last = strrchr(rewrite, ' ');
    last = last ? last + 1 : rewrite;
    size_t ll = strlen(last);
    if (word_in(last, ll, arrive) && word_in(nw, next->len, to))
        return 0;
    if (fl__inflect_is_particle(last, ll) && word_in(nw, next->len, place))
        return 0;
    /* "the invasion of our southern coast": a noun with "of" and a place
     * after it names what was invaded, and "the arrival of our southern
     * coast" is not what was said; "invasion of migrants" keeps its
     * rewrite. A possessive or demonstrative after "of" marks the place. */
    static const char *const of[] = {"of", NULL};
    static const char *const owner[] = {"our", "my", "your", "their", "his", "her", "its",
                                        "this", "that", NULL};
    size_t after = c->tok_end + 1;
    if (word_in(nw, next->len, of) && after < b->ntoks &&
        b->sentence_of[after] == b->sentence_of[c->tok_end] &&
        b->toks[after].cls == FL_TOK_WORD &&
        word_in(b->doc + b->toks[after].off, b->toks[after].len, owner))
        return 0;
    return 1;
}

/* Bytes of a possessive ending ("'s", "’s") at the end of s[0, len), or 0.
 * A word's possessive is matched as the word ("the illegal immigrant's
 * lawyer"), so the rewrite must carry the ending over, or --fix would
 * write "the undocumented migrant lawyer". */
static size_t possessive_len(const char *s, size_t len)
{
    if (len >= 2 && s[len - 2] == '\'' && (s[len - 1] | 0x20) == 's')
        return 2;
    if (len >= 4 && !memcmp(s + len - 4, "\xE2\x80\x99", 3) && (s[len - 1] | 0x20) == 's')
        return 4;
    return 0;
}

int fl__suggest_rewrite(fl_buf *out, const fl_block *b, const fl_candidate *c,
                        const char *language, size_t i, size_t off, size_t len,
                        size_t article_len, fl_buf *scratch)
{
    fl_buf text = FL_BUF_INIT(out->alloc);
    int error = base_rewrite(&text, b, c, language, i, scratch);
    if (error == 0 && article_len) {
        error = agree_with_lead(scratch, b, c, fl__buf_cstr(&text));
        if (error == 0) {
            fl__buf_clear(&text);
            error = fl__buf_put(&text, scratch->ptr, scratch->len);
        }
    }
    if (error == 0) {
        fl__buf_clear(scratch);
        error = put_visible(scratch, b, off, len);
    }
    size_t from = out->len;
    if (error == 0)
        error = fl__inflect_case(out, fl__buf_cstr(&text), text.len,
                                 fl__buf_cstr(scratch), scratch->len);
    title_style style = error == 0 ? title_case_place(b, c, language) : NOT_TITLE;
    if (style != NOT_TITLE)
        title_case(out, from, style);
    /* a form listed as written ("illegal's" for illegals) is no possessive */
    size_t keep = error == 0 && !strcmp(language, "en") && c->form != FL_FORM_LITERAL
                      ? possessive_len(b->doc + off, len)
                      : 0;
    if (keep && possessive_len(fl__buf_cstr(&text), text.len) == 0)
        error = fl__buf_put(out, b->doc + off + len - keep, keep);
    fl__buf_free(&text);
    return error;
}

int fl__suggest_message(fl_buf *out, const fl_block *b, const fl_candidate *c,
                        size_t off, size_t len, const char *first)
{
    for (const char *p = c->message; *p; p++) {
        int error;
        if (*p != '{') {
            /* copy the plain run up to the next placeholder in one go */
            size_t n = strcspn(p, "{");
            if ((error = fl__buf_put(out, p, n)) < 0)
                return error;
            p += n - 1;
            continue;
        }
        if (!strncmp(p, "{match}", 7)) {
            error = put_visible(out, b, off, len);
            p += 6;
        } else if (!strncmp(p, "{suggestion}", 12)) {
            error = fl__buf_puts(out, first ? first : "");
            p += 11;
        } else if (!strncmp(p, "{count}", 7)) {
            /* not printf: the density rules' messages carry a count, and
             * vsnprintf cost 650 instructions for one (a sixth of a
             * finding's jsonl line) */
            error = fl__buf_put_uint(out, c->count);
            p += 6;
        } else {
            error = fl__buf_putc(out, *p);
        }
        if (error < 0)
            return error;
    }
    return FL_OK;
}

/*
 * match_frozen: the key a trie is built from, and a built trie frozen for
 * the program and put back (match_frozen.h). The tables (edges, roots,
 * entries, joined phrases) are frozen.h's C arrays, used where they lie;
 * the rest is bytes, after the magic "FLT1", in frozen.h's numbers and
 * strings:
 *
 *   the key (a string);
 *   the vocabulary: word count, then each word by id (as a C string: the
 *     vocabulary points to it rather than copying it).
 *
 * Before anything is used, every id in the tables is checked against what
 * it indexes, so a damaged table is an error and never a read out of
 * bounds, here or later while scanning (damage within bounds: frozen.h).
 */
#include "match_frozen.h"

#include <string.h>

#include <utf8proc.h>

#define MAGIC "FLT1"

/* --- the key --------------------------------------------------------------------- */

/* Where a key goes: appended to `out` when freezing; when looking for a
 * frozen trie, compared as it is made with the frozen key [p, end), so no
 * copy of it is made and the first difference ends the comparison. */
typedef struct key_sink {
    fl_buf *out;
    const unsigned char *p, *end;
    int differs;     /* comparing: it is not the frozen key */
    int nomem;       /* appending failed */
} key_sink;

static void key_bytes(key_sink *k, const void *data, size_t len)
{
    if (k->out) {
        k->nomem |= fl__buf_put(k->out, data, len) < 0;
    } else if (!k->differs) {
        k->differs = (size_t)(k->end - k->p) < len || memcmp(k->p, data, len);
        k->p += k->differs ? 0 : len;
    }
}

static void key_u32(key_sink *k, size_t v)
{
    unsigned char le[4] = {(unsigned char)(v & 0xff), (unsigned char)(v >> 8 & 0xff),
                           (unsigned char)(v >> 16 & 0xff), (unsigned char)(v >> 24 & 0xff)};
    k->nomem |= v > UINT32_MAX;
    key_bytes(k, le, 4);
}

/* A C string: its length, then its bytes. Compared in one pass, without
 * strlen or memcmp: the key is thousands of short phrases. */
static void key_string(key_sink *k, const char *s)
{
    if (k->out || k->differs || k->end - k->p < 4) {
        size_t len = strlen(s);
        key_u32(k, len);
        key_bytes(k, s, len);
        return;
    }
    const unsigned char *p = k->p;
    size_t len = (size_t)p[0] | (size_t)p[1] << 8 | (size_t)p[2] << 16 | (size_t)p[3] << 24;
    if (len > (size_t)(k->end - p) - 4) {
        k->differs = 1;
        return;
    }
    p += 4;
    size_t i = 0;
    while (i < len && s[i] && (unsigned char)s[i] == p[i])
        i++;
    k->differs = i < len || s[len] != 0;
    k->p = p + len;
}

static void key_strings(key_sink *k, const char *const *items, size_t n)
{
    key_u32(k, n);
    for (size_t i = 0; i < n && !k->differs; i++)
        key_string(k, items[i]);
}

/* A term rule the trie holds: one of the language's, not switched off. */
static int in_trie(const fl_rule *r, const char *language)
{
    return !strcmp(r->language, language) && r->kind == FL_RULE_TERM &&
           r->severity != FL_SEVERITY_OFF;
}

/* What the words were folded with, and the language: where every key
 * starts. */
static void key_head(key_sink *k, const char *language)
{
    const char *version = utf8proc_version();
    key_bytes(k, MAGIC, 4);
    key_strings(k, &version, 1);
    key_strings(k, &language, 1);
}

/* The term rules the trie holds, in order: what its entries are numbered
 * by. FL_ENOMEM. */
static int trie_terms(fl_term_rules *terms, const fl_ruleset *rs, const char *language)
{
    for (size_t i = 0; i < rs->rules.len; i++) {
        if (in_trie(rs->rules.ptr[i], language) &&
            FL_VEC_PUSH(rs->alloc, terms, (uint32_t)rs->rules.ptr[i]->index) < 0)
            return FL_ENOMEM;
    }
    return FL_OK;
}

/* Every input of the insertions fl__matcher_build makes, in its order
 * (match_compile.c's build(): the language's lists, then each term rule
 * that is not off, then allowed words and declared names), and what the
 * words were folded with. Each section starts with a tag, so inputs that
 * move from one section to another change the key. FL_ENOMEM. */
static int make_key(key_sink *k, const fl_ruleset *rs, const char *language)
{
    key_head(k, language);
    for (size_t i = 0; i < rs->lists.len && !k->differs; i++) {
        const fl_list *l = rs->lists.ptr[i];
        if (strcmp(l->language, language))
            continue;
        key_u32(k, 'L');
        key_strings(k, l->phrases.items, l->phrases.count);
    }
    for (size_t i = 0; i < rs->rules.len && !k->differs; i++) {
        const fl_rule *r = rs->rules.ptr[i];
        if (!in_trie(r, language))
            continue;
        key_u32(k, 'T');
        key_u32(k, r->nterms);
        for (size_t t = 0; t < r->nterms && !k->differs; t++) {
            const fl_term *term = &r->terms[t];
            key_u32(k, term->as);
            key_strings(k, term->match.items, term->match.count);
            key_strings(k, term->forms.items, term->forms.count);
        }
    }
    key_u32(k, 'A');
    key_strings(k, rs->allowed.ptr, rs->allowed.len);
    key_u32(k, 'N');
    key_strings(k, rs->names.ptr, rs->names.len);
    return k->nomem ? FL_ENOMEM : FL_OK;
}

static int damaged(fl_error *err, const char *language)
{
    return fl__error_set(err, FL_ESYNTAX, NULL, 0, 0, 0,
                         "the built-in matcher of language '%s' is damaged (a frozen "
                         "table that does not read back); rebuild framelint", language);
}

/* The key `f` was frozen with, or NULL if it has none that can be read. */
static const unsigned char *frozen_key(const fl_frozen_matcher *f, size_t *len)
{
    fl_frozen_in in = {f->data, f->data + f->len, 0};
    const unsigned char *magic = fl__frozen_bytes(&in, 4);
    if (!magic || memcmp(magic, MAGIC, 4))
        return NULL;
    *len = fl__frozen_u32(&in);
    const unsigned char *key = fl__frozen_bytes(&in, *len);
    return in.bad ? NULL : key;
}

int fl__matcher_frozen_find(const fl_frozen_matcher **out, fl_term_rules *terms,
                            const fl_frozen *set, const fl_ruleset *rs,
                            const char *language, fl_error *err)
{
    *out = NULL;
    const fl_frozen_matcher *f = NULL;
    for (size_t i = 0; set && i < set->nmatchers && !f; i++) {
        if (!strcmp(set->matchers[i].language, language))
            f = &set->matchers[i];
    }
    if (!f)
        return FL_OK;
    size_t len = 0;
    const unsigned char *want = frozen_key(f, &len);
    if (!want)
        return damaged(err, language);
    if (trie_terms(terms, rs, language) < 0)
        return fl__error_nomem(err);
    key_sink k = {NULL, want, want + len, 0, 0};
    /* Only the embedded rules are the ones the table was frozen from
     * (ruleset.h): the key's head still says whether this utf8proc folds
     * words as the build's did. Comparing the rest, thousands of phrases,
     * was 12% of a start-up's instructions. */
    int embedded_only = !rs->changed && rs->default_calls == 1;
    if (embedded_only)
        key_head(&k, language);
    else if (make_key(&k, rs, language) < 0)
        return fl__error_nomem(err);
    if (k.differs || (!embedded_only && k.p != k.end))
        return FL_OK;
    *out = f;
    return FL_OK;
}

/* --- freezing (build time) ------------------------------------------------------- */

int fl__matcher_freeze(fl_buf *out, fl_term_rules *terms, const fl_matcher *m)
{
    fl_buf key = FL_BUF_INIT(m->alloc);
    key_sink k = {&key, NULL, NULL, 0, 0};
    int error = trie_terms(terms, m->rs, m->language) < 0 ? FL_ENOMEM
                                                           : make_key(&k, m->rs, m->language);
    uint32_t n = fl__vocab_count(m->vocab);
    if (error == 0)
        error = fl__buf_put(out, MAGIC, 4);
    if (error == 0)
        error = fl__frozen_put_str(out, key.ptr, key.len);
    if (error == 0)
        error = fl__frozen_put_u32(out, n);
    for (uint32_t id = 1; id <= n && error == 0; id++) {
        const char *w = fl__vocab_word(m->vocab, id);
        error = fl__frozen_put_cstr(out, w, strlen(w));
    }
    fl__buf_free(&key);
    return error < 0 ? FL_ENOMEM : FL_OK;
}

/* --- thawing (start-up) ---------------------------------------------------------- */

/* Words by id. A stem ("*flut", "asyl*": match_compile.c's insert_stem) is
 * a word with a star at one end, which no input word has; its affix is
 * added again as the build added it, right after the word. The hash table
 * the build left is used in place, its words found where they are: each
 * must be found with its id, or the table is damaged. */
static int thaw_words(fl_matcher *m, const fl_frozen_matcher *f, fl_frozen_in *in)
{
    uint32_t n = fl__frozen_count(in, 4);
    if (in->bad || fl__vocab_borrow(m->vocab, f->vocab_slots, f->vocab_nslots) < 0 ||
        (size_t)n > f->vocab_nslots / 2)
        return FL_ESYNTAX;
    if (fl__vocab_reserve(m->vocab, n) < 0)
        return FL_ENOMEM;
    for (uint32_t want = 1; want <= n; want++) {
        size_t len = 0;
        uint32_t id = 0;
        const char *w = fl__frozen_cstr(in, &len);
        if (!w || !len)
            return FL_ESYNTAX;
        /* The table is part of the program: its words are kept in place. */
        if (fl__vocab_intern_kept(m->vocab, w, len, &id) < 0)
            return FL_ENOMEM;
        if (id != want) /* a word twice */
            return FL_ESYNTAX;
        int suffix = w[0] == '*';
        if (!suffix && w[len - 1] != '*')
            continue;
        if (len < 2 || memchr(w + suffix, '*', len - 1))
            return FL_ESYNTAX;
        if (fl__vocab_add_affix(m->vocab, w + suffix, len - 1, suffix, id) < 0)
            return FL_ENOMEM;
    }
    m->nroot = n + 1;
    return FL_OK;
}

/* The edge table, roots and node_entries in place, once every node they
 * name exists and every probe ends at an empty slot. */
static int use_trie(fl_matcher *m, const fl_frozen_matcher *f)
{
    size_t slots = f->edge_slots, empty = 0;
    if (slots < 2 || slots & (slots - 1) || f->nroot != m->nroot ||
        f->node_entries[0] != 0 || f->node_entries[f->nnodes + 1] != f->nentries)
        return FL_ESYNTAX;
    for (size_t s = 0; s < slots; s++) {
        empty += !f->edge_keys[s];
        if (f->edge_values[s] > f->nnodes || !f->edge_keys[s] != !f->edge_values[s] ||
            f->edge_keys[s] >> 32 > f->nnodes) /* the parent node (m->child_words) */
            return FL_ESYNTAX;
    }
    for (size_t w = 0; w < f->nroot; w++) {
        if (f->root[w] > f->nnodes)
            return FL_ESYNTAX;
    }
    for (uint32_t node = 0; node <= f->nnodes; node++) {
        if (f->node_entries[node + 1] < f->node_entries[node])
            return FL_ESYNTAX;
    }
    if (!empty)
        return FL_ESYNTAX;
    m->edge_keys = f->edge_keys;
    m->edge_values = f->edge_values;
    m->edge_mask = slots - 1;
    m->root = f->root;
    m->node_entries = f->node_entries;
    m->nnodes = f->nnodes;
    m->borrowed |= FL_BORROWED_TRIE;
    return FL_OK;
}

/* The place of rule `index` among the frozen term rules (sorted). */
static int term_place(const fl_frozen_matcher *f, uint32_t index, size_t *place)
{
    size_t lo = 0, hi = f->nterm_rules;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->term_rules[mid] < index)
            lo = mid + 1;
        else
            hi = mid;
    }
    *place = lo;
    return lo < f->nterm_rules && f->term_rules[lo] == index ? FL_OK : FL_ESYNTAX;
}

/* An entry checked against what it names, with its rule as this ruleset
 * numbers it in *rule (a term entry) and the list's longest phrase noted. */
static int check_entry(fl_matcher *m, const fl_frozen_matcher *f, const fl_term_rules *terms,
                       const fl_entry *e, uint32_t *rule)
{
    size_t place = 0;
    *rule = e->target;
    if (e->words < 1 || e->words > 16 || e->form > FL_FORM_LITERAL)
        return FL_ESYNTAX;
    if (e->kind == FL_ENTRY_LIST) {
        if (e->target >= m->nlists + FL_EXTRA_LISTS)
            return FL_ESYNTAX;
        if (e->words > m->list_words[e->target])
            m->list_words[e->target] = e->words;
        return FL_OK;
    }
    if (e->kind != FL_ENTRY_TERM || term_place(f, e->target, &place) < 0)
        return FL_ESYNTAX;
    *rule = terms->ptr[place];
    return e->term < m->rs->rules.ptr[*rule]->nterms ? FL_OK : FL_ESYNTAX;
}

/* The entries in place when this ruleset numbers the term rules as the
 * build's did (the language's rules loaded first, as the command does);
 * else a copy with each term entry's rule renumbered. */
static int use_entries(fl_matcher *m, const fl_frozen_matcher *f, const fl_term_rules *terms)
{
    int same = terms->len == f->nterm_rules &&
               (!terms->len || !memcmp(terms->ptr, f->term_rules, terms->len * sizeof *terms->ptr));
    if (terms->len != f->nterm_rules)
        return FL_ESYNTAX;
    fl_entry *copy = same ? NULL : fl__calloc(m->alloc, f->nentries + 1, sizeof *copy);
    if (!same && !copy)
        return FL_ENOMEM;
    m->entries = copy ? copy : f->entries;
    m->borrowed |= copy ? 0 : FL_BORROWED_ENTRIES;
    for (size_t i = 0; i < f->nentries; i++) {
        uint32_t rule;
        if (check_entry(m, f, terms, &f->entries[i], &rule) < 0)
            return FL_ESYNTAX;
        if (copy) {
            copy[i] = f->entries[i];
            copy[i].target = rule;
        }
    }
    return FL_OK;
}

int fl__matcher_thaw(fl_matcher *m, const fl_frozen_matcher *f, const fl_term_rules *terms,
                     fl_error *err)
{
    fl_frozen_in in = {f->data, f->data + f->len, 0};
    size_t key_len = 0;
    int error = frozen_key(f, &key_len) ? FL_OK : FL_ESYNTAX;
    if (error == 0) {
        fl__frozen_bytes(&in, 8 + key_len); /* magic, key length, key */
        error = thaw_words(m, f, &in);
    }
    if (error == 0 && in.p != in.end)
        error = FL_ESYNTAX;
    if (error == 0)
        error = use_trie(m, f);
    if (error == 0)
        error = use_entries(m, f, terms);
    if (error == 0)
        error = fl__joined_use(m->joined, f->joined, m->nnodes);
    if (error == FL_ENOMEM)
        return fl__error_nomem(err);
    return error < 0 ? damaged(err, m->language) : FL_OK;
}

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
 * The generator checks every id in the tables against what it indexes
 * (fl__matcher_frozen_check) before it writes them; a run trusts them as
 * it trusts its code, and reads back only the bytes, whose reader cannot
 * leave them (frozen.h).
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

/* A stem ("*flut", "asyl*": match_compile.c's insert_stem) is a word with a
 * star at one end, which no input word has; its affix is added again as the
 * build added it, right after the word. Returns whether `w` is one. */
static int is_stem(const char *w, size_t len, int *suffix)
{
    *suffix = w[0] == '*';
    return *suffix || w[len - 1] == '*';
}

/* Words by id, named where they lie; the hash table the build left is used
 * in place. */
static int thaw_words(fl_matcher *m, const fl_frozen_matcher *f, fl_frozen_in *in)
{
    uint32_t n = fl__frozen_count(in, 4);
    if (in->bad)
        return FL_ESYNTAX;
    int error = fl__vocab_borrow(m->vocab, f->vocab_slots, f->vocab_nslots, n);
    if (error < 0)
        return error == FL_ENOMEM ? FL_ENOMEM : FL_ESYNTAX;
    for (uint32_t id = 1; id <= n; id++) {
        size_t len = 0;
        int suffix;
        const char *w = fl__frozen_cstr(in, &len);
        if (!w || !len)
            return FL_ESYNTAX;
        fl__vocab_name(m->vocab, id, w);
        if (is_stem(w, len, &suffix) &&
            fl__vocab_add_affix(m->vocab, w + suffix, len - 1, suffix, id) < 0)
            return FL_ENOMEM;
    }
    m->nroot = n + 1;
    return FL_OK;
}

/* The edge table, roots and node_entries in place. */
static int use_trie(fl_matcher *m, const fl_frozen_matcher *f)
{
    size_t slots = f->edge_slots;
    if (slots < 2 || slots & (slots - 1) || f->nroot != m->nroot)
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

/* The entries in place when this ruleset numbers the term rules as the
 * build's did (the language's rules loaded first, as the command does);
 * else a copy with each term entry's rule renumbered. */
static int use_entries(fl_matcher *m, const fl_frozen_matcher *f, const fl_term_rules *terms)
{
    if (terms->len != f->nterm_rules || f->nlist_words != (size_t)m->nlists + FL_EXTRA_LISTS)
        return FL_ESYNTAX;
    memcpy(m->list_words, f->list_words, f->nlist_words * sizeof *m->list_words);
    if (!terms->len || !memcmp(terms->ptr, f->term_rules, terms->len * sizeof *terms->ptr)) {
        m->entries = f->entries;
        m->borrowed |= FL_BORROWED_ENTRIES;
        return FL_OK;
    }
    fl_entry *copy = fl__calloc(m->alloc, f->nentries + 1, sizeof *copy);
    if (!copy)
        return FL_ENOMEM;
    m->entries = copy;
    for (size_t i = 0; i < f->nentries; i++) {
        size_t place = 0;
        copy[i] = f->entries[i];
        if (copy[i].kind != FL_ENTRY_TERM)
            continue;
        if (term_place(f, copy[i].target, &place) < 0)
            return FL_ESYNTAX;
        copy[i].target = terms->ptr[place];
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
        fl__joined_use(m->joined, f->joined);
    if (error == FL_ENOMEM)
        return fl__error_nomem(err);
    return error < 0 ? damaged(err, m->language) : FL_OK;
}

/* --- checking (build time and tests) --------------------------------------------- */

/* Every word found in the hash table under its id, and every stem with one
 * star, at one end. */
static int check_words(const fl_frozen_matcher *f, fl_frozen_in *in, const fl_allocator *a,
                       uint32_t *nwords)
{
    fl_vocab *v = NULL;
    if (fl__vocab_new(&v, a) < 0)
        return FL_ENOMEM;
    uint32_t n = fl__frozen_count(in, 4);
    const fl_frozen_in words = *in;
    int error = in->bad ? FL_ESYNTAX : fl__vocab_borrow(v, f->vocab_slots, f->vocab_nslots, n);
    for (int pass = 0; pass < 2 && error == 0; pass++) {
        *in = words;
        for (uint32_t id = 1; id <= n && error == 0; id++) {
            size_t len = 0;
            int suffix;
            const char *w = fl__frozen_cstr(in, &len);
            if (!w || !len)
                error = FL_ESYNTAX;
            else if (pass == 0) /* all named first: a longer word is compared by its text */
                fl__vocab_name(v, id, w);
            else if (fl__vocab_find(v, w, len, fl__vocab_hash(w, len)) != id)
                error = FL_ESYNTAX;
            else if (is_stem(w, len, &suffix) && (len < 2 || memchr(w + suffix, '*', len - 1)))
                error = FL_ESYNTAX;
        }
    }
    fl__vocab_free(v);
    *nwords = n;
    return error == FL_ENOMEM ? FL_ENOMEM : error < 0 ? FL_ESYNTAX : FL_OK;
}

/* Every node an edge, root or node_entries names exists, and every probe of
 * the edge table ends at an empty slot. */
static int check_trie(const fl_frozen_matcher *f, uint32_t nwords)
{
    size_t slots = f->edge_slots, empty = 0;
    if (slots < 2 || slots & (slots - 1) || f->nroot != (size_t)nwords + 1 ||
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
    return empty ? FL_OK : FL_ESYNTAX;
}

/* Every entry names a list or a term rule's term that exists, and each
 * list's longest phrase is what its entries say. */
static int check_entries(const fl_frozen_matcher *f, const fl_ruleset *rs, const fl_allocator *a)
{
    if (!f->nlist_words || f->nterm_rules > rs->rules.len)
        return FL_ESYNTAX;
    uint16_t *longest = fl__calloc(a, f->nlist_words, sizeof *longest);
    if (!longest)
        return FL_ENOMEM;
    int error = FL_OK;
    for (size_t i = 0; i < f->nentries && error == 0; i++) {
        const fl_entry *e = &f->entries[i];
        size_t place = 0;
        if (e->words < 1 || e->words > 16 || e->form > FL_FORM_LITERAL)
            error = FL_ESYNTAX;
        else if (e->kind == FL_ENTRY_LIST && e->target < f->nlist_words)
            longest[e->target] = e->words > longest[e->target] ? e->words : longest[e->target];
        else if (e->kind != FL_ENTRY_TERM || term_place(f, e->target, &place) < 0 ||
                 f->term_rules[place] >= rs->rules.len ||
                 e->term >= rs->rules.ptr[f->term_rules[place]]->nterms)
            error = FL_ESYNTAX;
    }
    if (error == 0 && memcmp(longest, f->list_words, f->nlist_words * sizeof *longest))
        error = FL_ESYNTAX;
    fl__free(a, longest);
    return error;
}

int fl__matcher_frozen_check(const fl_frozen_matcher *f, const fl_ruleset *rs, fl_error *err)
{
    fl_frozen_in in = {f->data, f->data + f->len, 0};
    size_t key_len = 0;
    uint32_t nwords = 0;
    int error = frozen_key(f, &key_len) ? FL_OK : FL_ESYNTAX;
    if (error == 0) {
        fl__frozen_bytes(&in, 8 + key_len);
        error = check_words(f, &in, rs->alloc, &nwords);
    }
    if (error == 0 && in.p != in.end)
        error = FL_ESYNTAX;
    if (error == 0)
        error = check_trie(f, nwords);
    if (error == 0)
        error = check_entries(f, rs, rs->alloc);
    if (error == 0)
        error = fl__joined_check(f->joined, f->nnodes);
    if (error == FL_ENOMEM)
        return fl__error_nomem(err);
    return error < 0 ? damaged(err, f->language) : FL_OK;
}

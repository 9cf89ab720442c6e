/*
 * match_compile: builds each language's trie from the loaded rules (or
 * thaws the one frozen at build time, when the rules are the same:
 * match_frozen.h), resolves list names, and prepares the regex match
 * context. Runs once per ruleset; its output is read-only, so any number of
 * threads can lint with it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "buf.h"
#include "match.h"
#include "match_frozen.h"
#include "schema.h"
#include "text.h"

/* A phrase waiting to be inserted, and what it means. */
typedef struct pending {
    uint32_t node;
    fl_entry entry;
} pending;

typedef struct builder {
    fl_matcher *m;
    fl_ruleset *rs;
    fl_error *err;
    fl_tokenizer tok;
    FL_VEC(pending) entries;
    uint64_t *edge_keys;    /* the matcher's edge table, writable while built */
    uint32_t *edge_values;
    size_t edges;
    /* The trie frozen for exactly these rules, or NULL: then the phrases
     * are inserted one by one. Either way the lists, gates and rules are
     * resolved here, in the same order, so errors come out the same. */
    const fl_frozen_matcher *frozen;
    fl_term_rules terms;
} builder;

/* --- the edge table: (parent, word) → child ------------------------------- */

/* A table of `cap` slots, empty, replacing the matcher's (which the caller
 * still holds). */
static int edges_alloc(builder *b, size_t cap)
{
    fl_matcher *m = b->m;
    uint64_t *keys = fl__calloc(m->alloc, cap, sizeof *keys);
    uint32_t *values = fl__calloc(m->alloc, cap, sizeof *values);
    if (!keys || !values) {
        fl__free(m->alloc, keys);
        fl__free(m->alloc, values);
        return FL_ENOMEM;
    }
    m->edge_keys = b->edge_keys = keys;
    m->edge_values = b->edge_values = values;
    m->edge_mask = cap - 1;
    return FL_OK;
}

static int edges_grow(builder *b)
{
    fl_matcher *m = b->m;
    size_t old_cap = m->edge_mask + 1;
    uint64_t *old_keys = b->edge_keys, *keys;
    uint32_t *old_values = b->edge_values, *values;
    if (edges_alloc(b, old_cap * 2) < 0)
        return FL_ENOMEM;
    keys = b->edge_keys;
    values = b->edge_values;
    for (size_t i = 0; i < old_cap; i++) {
        if (old_keys[i]) {
            size_t s = fl__edge_slot(m, old_keys[i]);
            keys[s] = old_keys[i];
            values[s] = old_values[i];
        }
    }
    fl__free(m->alloc, old_keys);
    fl__free(m->alloc, old_values);
    return FL_OK;
}

/* Follows or creates the edge; the root is node 0 (so keys are never 0,
 * because word ids start at 1). */
static int edge_put(builder *b, uint32_t parent, uint32_t word, uint32_t *child)
{
    fl_matcher *m = b->m;
    uint64_t key = (uint64_t)parent << 32 | word;
    size_t s = fl__edge_slot(m, key);
    if (m->edge_keys[s]) {
        *child = m->edge_values[s];
        return FL_OK;
    }
    if ((b->edges + 1) * 2 > m->edge_mask + 1) {
        if (edges_grow(b) < 0)
            return FL_ENOMEM;
        s = fl__edge_slot(m, key);
    }
    b->edge_keys[s] = key;
    b->edge_values[s] = *child = ++m->nnodes;
    b->edges++;
    return FL_OK;
}

/* --- phrases ------------------------------------------------------------- */

static int bad_phrase(builder *b, const char *file, unsigned line,
                      unsigned column, const char *phrase, const char *why)
{
    return fl__error_set(b->err, FL_ESCHEMA, file, line, column, 0,
                         "the phrase '%s' %s", phrase, why);
}

/* `*flut` or `asyl*`: a stem that matches inside compounds. The stem gets a
 * vocabulary id of its own (its text is "*flut" or "asyl*", which no input
 * word can be), so the trie treats it as one more word. */
static int insert_stem(builder *b, const char *phrase, fl_entry entry,
                       const char *file, unsigned line, unsigned column)
{
    size_t len = strlen(phrase);
    int suffix = phrase[0] == '*';
    const char *stem = suffix ? phrase + 1 : phrase;
    size_t stem_len = len - 1;
    int ok = stem_len >= 3;
    for (size_t i = 0; ok && i < stem_len; i++)
        ok = !strchr("* -'", stem[i]);
    if (!ok)
        return bad_phrase(b, file, line, column, phrase,
                          "is not a stem: write one word of at least three letters "
                          "with a single '*' at its start or its end");
    fl_buf folded = FL_BUF_INIT(b->m->alloc), key = FL_BUF_INIT(b->m->alloc);
    uint32_t id = 0, node = 0;
    int error = fl__fold(&folded, stem, stem_len);
    if (error == 0)
        error = suffix ? fl__buf_printf(&key, "*%s", fl__buf_cstr(&folded))
                       : fl__buf_printf(&key, "%s*", fl__buf_cstr(&folded));
    if (error == 0)
        error = fl__vocab_intern(b->m->vocab, key.ptr, key.len, &id);
    if (error == 0)
        error = fl__vocab_add_affix(b->m->vocab, folded.ptr, folded.len, suffix, id);
    if (error == 0)
        error = edge_put(b, 0, id, &node);
    fl__buf_free(&folded);
    fl__buf_free(&key);
    entry.words = 1;
    pending p = {node, entry};
    if (error < 0 || FL_VEC_PUSH(b->m->alloc, &b->entries, p) < 0)
        return fl__error_nomem(b->err);
    return FL_OK;
}

/* Tokenizes `phrase` exactly as input text is tokenized, so both sides agree
 * on words, hyphens and apostrophes, and walks it into the trie. */
static int insert(builder *b, const char *phrase, fl_entry entry,
                  const char *file, unsigned line, unsigned column)
{
    size_t plen = strlen(phrase);
    if (plen && (phrase[0] == '*' || phrase[plen - 1] == '*'))
        return insert_stem(b, phrase, entry, file, line, column);
    fl_segment seg = {0, strlen(phrase), FL_SCOPE_PROSE, FL_SEG_BLOCK_START};
    b->tok.doc = phrase;
    b->tok.doc_len = seg.len;
    fl__tok_begin_block(&b->tok);
    if (fl__tok_segment(&b->tok, &seg) < 0)
        return fl__error_nomem(b->err);
    const fl_token_vec *t = &b->tok.toks;
    if (!t->len)
        return bad_phrase(b, file, line, column, phrase, "has no words");
    if (t->len > 16)
        return bad_phrase(b, file, line, column, phrase,
                          "is longer than 16 words (limit)");
    uint32_t node = 0;
    const char *words[16];
    for (size_t i = 0; i < t->len; i++) {
        if (t->ptr[i].cls != FL_TOK_WORD || !t->ptr[i].word)
            return bad_phrase(b, file, line, column, phrase,
                              "contains a number or symbol; phrases match words only");
        if (edge_put(b, node, t->ptr[i].word, &node) < 0)
            return fl__error_nomem(b->err);
        words[i] = fl__vocab_word(b->m->vocab, t->ptr[i].word);
    }
    if (fl__joined_add(b->m->joined, words, t->len, node) < 0)
        return fl__error_nomem(b->err);
    entry.words = (uint16_t)t->len;
    pending p = {node, entry};
    if (FL_VEC_PUSH(b->m->alloc, &b->entries, p) < 0)
        return fl__error_nomem(b->err);
    return FL_OK;
}

static int insert_list(builder *b, const fl_list *l)
{
    fl_entry e = {FL_ENTRY_LIST, FL_FORM_BASE, 0, l->id, 0};
    for (size_t i = 0; i < l->phrases.count; i++) {
        int error = insert(b, l->phrases.items[i], e, l->file, l->line, l->column);
        if (error < 0)
            return error;
    }
    return FL_OK;
}

/* A term phrase in every form its `as` asks for. */
static int insert_forms(builder *b, const fl_rule *r, uint32_t term,
                        const char *phrase)
{
    static const fl_form noun_forms[] = {FL_FORM_PLURAL};
    static const fl_form verb_forms[] = {FL_FORM_THIRD, FL_FORM_PAST,
                                         FL_FORM_PARTICIPLE, FL_FORM_GERUND};
    const fl_term *t = &r->terms[term];
    fl_entry e = {FL_ENTRY_TERM, FL_FORM_BASE, 0, (uint32_t)r->index, term};
    int error = insert(b, phrase, e, r->file, r->line, r->column);
    fl_buf form = FL_BUF_INIT(b->m->alloc);
    for (int pass = 0; pass < 2 && error == 0; pass++) {
        const fl_form *forms = pass ? verb_forms : noun_forms;
        size_t n = pass ? 4 : 1;
        if (!(t->as & (pass ? FL_AS_VERB : FL_AS_NOUN)))
            continue;
        for (size_t i = 0; i < n && error == 0; i++) {
            fl__buf_clear(&form);
            int wrote = fl__inflect_phrase(&form, phrase, forms[i],
                                           pass ? FL_HEAD_VERB : FL_HEAD_NOUN);
            e.form = (uint8_t)forms[i];
            if (wrote < 0)
                error = fl__error_nomem(b->err);
            else if (wrote > 0)
                error = insert(b, fl__buf_cstr(&form), e, r->file, r->line, r->column);
        }
    }
    fl__buf_free(&form);
    return error;
}

static int insert_term_rule(builder *b, const fl_rule *r)
{
    for (uint32_t t = 0; t < r->nterms; t++) {
        const fl_term *term = &r->terms[t];
        for (size_t i = 0; i < term->match.count; i++) {
            int error = insert_forms(b, r, t, term->match.items[i]);
            if (error < 0)
                return error;
        }
        fl_entry e = {FL_ENTRY_TERM, FL_FORM_LITERAL, 0, (uint32_t)r->index, t};
        for (size_t i = 0; i < term->forms.count; i++) {
            int error = insert(b, term->forms.items[i], e, r->file, r->line, r->column);
            if (error < 0)
                return error;
        }
    }
    return FL_OK;
}

/* --- lists and rules of the language ------------------------------------------ */

/* The named list of the rule's language closest to a misspelt name. */
static const char *closest_list(const fl_ruleset *rs, const char *name,
                                const char *language)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; i < rs->lists.len; i++) {
        const fl_list *l = rs->lists.ptr[i];
        if (!l->name || strcmp(l->language, language))
            continue;
        size_t d = fl__edit_distance(name, l->name);
        if (d < best_d) {
            best_d = d;
            best = l->name;
        }
    }
    return best;
}

static int resolve_name(builder *b, const fl_rule *r, const char *name,
                        unsigned line, unsigned column, fl_list **out)
{
    *out = fl__ruleset_find_list(b->rs, name, r->language);
    if (*out)
        return FL_OK;
    const char *hint = closest_list(b->rs, name, r->language);
    return fl__error_set(b->err, FL_ESCHEMA, r->file, line, column, 0,
                         "rule '%s' uses the list '%s', which no rule file of "
                         "language '%s' defines%s%s%s", r->id, name, r->language,
                         hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
}

static int resolve(builder *b, const fl_rule *r, fl_gate *g);

/* A bare name that is no list may be a named gate; its body is resolved once,
 * and a gate that leads back to itself is an error, not an endless loop. */
static int resolve_named(builder *b, const fl_rule *r, fl_gate *g, fl_named_gate *n)
{
    if (n->state == 1)
        return fl__error_set(b->err, FL_ESCHEMA, n->file, n->gate.line, n->gate.column, 0,
                             "the gate '%s' refers to itself through other gates", n->name);
    g->kind = FL_GATE_NAMED;
    g->named = &n->gate;
    if (n->state == 2)
        return FL_OK;
    n->state = 1;
    int error = resolve(b, r, &n->gate);
    n->state = 2;
    return error;
}

static int resolve(builder *b, const fl_rule *r, fl_gate *g)
{
    const char *any_list = NULL;
    switch (g->kind) {
    case FL_GATE_ANY:
    case FL_GATE_ALL:
    case FL_GATE_NONE:
        for (size_t i = 0; i < g->nparts; i++) {
            int error = resolve(b, r, &g->parts[i]);
            if (error < 0)
                return error;
        }
        if (g->kind == FL_GATE_NONE && fl__gates_document(g->parts, g->nparts, &any_list))
            return fl__error_set(b->err, FL_ESCHEMA, r->file, g->line, g->column, 0,
                                 "rule '%s': 'none' cannot hold a gate 'in: document' "
                                 "(whether the document is about a topic is settled "
                                 "only after it is read)", r->id);
        return FL_OK;
    case FL_GATE_NAMED:
        return FL_OK;
    case FL_GATE_LIST:
        break;
    }
    if (g->list)
        return FL_OK;
    fl_named_gate *n = g->by_name ? fl__ruleset_find_gate(b->rs, g->list_name, r->language)
                                  : NULL;
    if (n)
        return resolve_named(b, r, g, n);
    return resolve_name(b, r, g->list_name, g->line, g->column, &g->list);
}

/* A list that a document gate names is counted over the whole document; the
 * rule's gates (through named gates too) must name one such list, and none
 * in `unless`. */
static int add_topic(builder *b, fl_rule *r)
{
    const char *name = NULL;
    if (fl__gates_document(r->unless, r->nunless, &name))
        return fl__error_set(b->err, FL_ESCHEMA, r->file, r->line, r->column, 0,
                             "rule '%s': 'in: document' works in 'context' only, and a "
                             "gate in its 'unless' uses one", r->id);
    const fl_gate *g = fl__gates_document(r->context, r->ncontext, &name);
    if (!g)
        return FL_OK;
    name = g->list_name;
    if ((g = fl__gates_document(r->context, r->ncontext, &name)))
        return fl__error_set(b->err, FL_ESCHEMA, r->file, r->line, r->column, 0,
                             "rule '%s': its document gates must name one list (they "
                             "name '%s' and '%s')", r->id, name, g->list_name);
    int error = resolve_name(b, r, name, r->line, r->column, &r->topic);
    if (error < 0 || r->severity == FL_SEVERITY_OFF)
        return error;
    fl_matcher *m = b->m;
    for (size_t i = 0; i < m->ntopics; i++) {
        if (m->topics[i] == r->topic->id)
            return FL_OK;
    }
    uint32_t *grown = fl__reallocarray(m->alloc, m->topics, m->ntopics + 1, sizeof *grown);
    if (!grown)
        return fl__error_nomem(b->err);
    grown[m->ntopics++] = r->topic->id;
    m->topics = grown;
    return FL_OK;
}

static int add_passage_list(builder *b, uint32_t id)
{
    fl_matcher *m = b->m;
    for (size_t i = 0; i < m->npassage_lists; i++) {
        if (m->passage_lists[i] == id)
            return FL_OK;
    }
    uint32_t *grown = fl__reallocarray(m->alloc, m->passage_lists, m->npassage_lists + 1,
                                       sizeof *grown);
    if (!grown)
        return fl__error_nomem(b->err);
    grown[m->npassage_lists++] = id;
    m->passage_lists = grown;
    return FL_OK;
}

/* The lists that passage gates name, through groups and named gates. */
static int add_passage_lists(builder *b, const fl_gate *g, size_t n, unsigned depth)
{
    for (size_t i = 0; i < n; i++) {
        int error = FL_OK;
        switch (g[i].kind) {
        case FL_GATE_ANY:
        case FL_GATE_ALL:
        case FL_GATE_NONE:
            error = add_passage_lists(b, g[i].parts, g[i].nparts, depth + 1);
            break;
        case FL_GATE_NAMED:
            /* resolve() has ruled out loops; the depth bound is a backstop */
            error = depth < 64 ? add_passage_lists(b, g[i].named, 1, depth + 1) : FL_OK;
            break;
        case FL_GATE_LIST:
            if (g[i].unit == FL_UNIT_PASSAGE)
                error = add_passage_list(b, g[i].list->id);
            break;
        }
        if (error < 0)
            return error;
    }
    return FL_OK;
}

/* Triggers and proximity lists index hits directly: they must be lists. */
static int resolve_list_only(builder *b, const fl_rule *r, fl_gate *g, const char *what)
{
    int error = resolve(b, r, g);
    if (error == 0 && g->kind != FL_GATE_LIST)
        error = fl__error_set(b->err, FL_ESCHEMA, r->file, g->line, g->column, 0,
                              "rule '%s': '%s' takes lists, and '%s' is a gate",
                              r->id, what, g->list_name);
    return error;
}

static int resolve_rule(builder *b, fl_rule *r)
{
    int error = 0;
    for (size_t i = 0; i < r->ncontext && error == 0; i++)
        error = resolve(b, r, &r->context[i]);
    for (size_t i = 0; i < r->nunless && error == 0; i++)
        error = resolve(b, r, &r->unless[i]);
    for (size_t i = 0; i < r->nnear && error == 0; i++)
        error = resolve_list_only(b, r, &r->near[i], "near");
    for (size_t i = 0; r->trigger && i < r->ntrigger && error == 0; i++)
        error = resolve_list_only(b, r, &r->trigger[i], "trigger");
    if (error == 0)
        error = add_topic(b, r);
    if (error == 0 && r->severity != FL_SEVERITY_OFF) {
        error = add_passage_lists(b, r->context, r->ncontext, 0);
        if (error == 0)
            error = add_passage_lists(b, r->unless, r->nunless, 0);
        if (r->kind == FL_RULE_DENSITY && r->unit == FL_UNIT_PASSAGE)
            b->m->passage_figures = 1;
    }
    return error;
}

static int add_rule(builder *b, fl_rule *r)
{
    fl_matcher *m = b->m;
    const fl_rule ***v = NULL;
    size_t *n = NULL;
    switch (r->kind) {
    case FL_RULE_TERM: return b->frozen ? FL_OK : insert_term_rule(b, r);
    case FL_RULE_PROXIMITY: v = &m->proximity; n = &m->nproximity; break;
    case FL_RULE_DENSITY: v = &m->density; n = &m->ndensity; break;
    case FL_RULE_PATTERN: v = &m->pattern; n = &m->npattern; break;
    }
    const fl_rule **grown = fl__reallocarray(m->alloc, *v, *n + 1, sizeof **v);
    if (!grown)
        return fl__error_nomem(b->err);
    grown[(*n)++] = r;
    *v = grown;
    return FL_OK;
}

static int add_lists(builder *b)
{
    fl_matcher *m = b->m;
    fl_ruleset *rs = b->rs;
    for (size_t i = 0; i < rs->lists.len; i++)
        m->nlists += !strcmp(rs->lists.ptr[i]->language, m->language);
    m->lists = fl__calloc(m->alloc, m->nlists + FL_EXTRA_LISTS, sizeof *m->lists);
    m->list_words = fl__calloc(m->alloc, m->nlists + FL_EXTRA_LISTS, sizeof *m->list_words);
    m->allowed = m->nlists;
    m->names = m->nlists + 1;
    m->name_heads = UINT32_MAX;
    m->speech_verbs = UINT32_MAX;
    m->mention_cues = UINT32_MAX;
    m->claim_cues = UINT32_MAX;
    if (!m->lists || !m->list_words)
        return fl__error_nomem(b->err);
    uint32_t id = 0;
    for (size_t i = 0; i < rs->lists.len; i++) {
        fl_list *l = rs->lists.ptr[i];
        if (strcmp(l->language, m->language))
            continue;
        l->id = id;
        if (l->name && !strcmp(l->name, "name-heads"))
            m->name_heads = id;
        if (l->name && !strcmp(l->name, "speech-verbs"))
            m->speech_verbs = id;
        if (l->name && !strcmp(l->name, "mention-cues"))
            m->mention_cues = id;
        if (l->name && !strcmp(l->name, "claim-cues"))
            m->claim_cues = id;
        m->lists[id++] = l;
        int error = b->frozen ? FL_OK : insert_list(b, l);
        if (error < 0)
            return error;
    }
    return FL_OK;
}

/* Allowed words and declared names form two more lists, after the
 * language's own. */
static int add_allowed(builder *b)
{
    fl_entry e = {FL_ENTRY_LIST, FL_FORM_BASE, 0, b->m->allowed, 0};
    for (size_t i = 0; i < b->rs->allowed.len; i++) {
        int error = insert(b, b->rs->allowed.ptr[i], e, "allowed words", 0, 0);
        if (error < 0)
            return error;
    }
    e.target = b->m->names;
    for (size_t i = 0; i < b->rs->names.len; i++) {
        int error = insert(b, b->rs->names.ptr[i], e, "names", 0, 0);
        if (error < 0)
            return error;
    }
    return FL_OK;
}

/* --- finishing: entries by node, roots, list lengths ------------------------- */

static int compare_pending(const void *x, const void *y)
{
    const pending *a = x, *b = y;
    return (a->node > b->node) - (a->node < b->node);
}

static int finish(builder *b)
{
    fl_matcher *m = b->m;
    if (b->entries.len)
        qsort(b->entries.ptr, b->entries.len, sizeof *b->entries.ptr, compare_pending);
    uint32_t *node_entries = fl__calloc(m->alloc, (size_t)m->nnodes + 2, sizeof *node_entries);
    fl_entry *entries = fl__calloc(m->alloc, b->entries.len + 1, sizeof *entries);
    m->nroot = fl__vocab_count(m->vocab) + 1;
    uint32_t *root = fl__calloc(m->alloc, m->nroot, sizeof *root);
    m->node_entries = node_entries;
    m->entries = entries;
    m->root = root;
    if (!node_entries || !entries || !root)
        return fl__error_nomem(b->err);
    size_t e = 0;
    for (uint32_t node = 0; node <= m->nnodes; node++) {
        node_entries[node] = (uint32_t)e;
        while (e < b->entries.len && b->entries.ptr[e].node == node) {
            entries[e] = b->entries.ptr[e].entry;
            const fl_entry *x = &entries[e];
            if (x->kind == FL_ENTRY_LIST && x->words > m->list_words[x->target])
                m->list_words[x->target] = x->words;
            e++;
        }
    }
    node_entries[m->nnodes + 1] = (uint32_t)e;
    for (uint32_t w = 1; w < m->nroot; w++)
        root[w] = fl__matcher_child(m, 0, w);
    return fl__joined_finish(m->joined) < 0 ? fl__error_nomem(b->err) : FL_OK;
}

/* Which pattern rules each list triggers, so a block runs a pattern only
 * where its trigger occurs, at a cost that follows the hits, not the rules. */
static int index_triggers(builder *b)
{
    fl_matcher *m = b->m;
    size_t slots = (size_t)m->nlists + FL_EXTRA_LISTS + 1;
    m->trigger_first = fl__calloc(m->alloc, slots, sizeof *m->trigger_first);
    m->trigger_rules = fl__calloc(m->alloc, m->npattern + 1, sizeof *m->trigger_rules);
    m->trigger_also = fl__calloc(m->alloc, m->npattern + 1, sizeof *m->trigger_also);
    uint32_t *fill = fl__calloc(m->alloc, slots, sizeof *fill);
    if (!m->trigger_first || !m->trigger_rules || !m->trigger_also || !fill) {
        fl__free(m->alloc, fill);
        return fl__error_nomem(b->err);
    }
    for (size_t i = 0; i < m->npattern; i++) {
        if (m->pattern[i]->trigger)
            m->trigger_first[m->pattern[i]->trigger->list->id + 1]++;
    }
    for (size_t l = 0; l + 1 < slots; l++)
        fill[l + 1] = m->trigger_first[l + 1] += m->trigger_first[l];
    m->untriggered = m->trigger_first[slots - 1];
    uint32_t next = m->untriggered;
    for (size_t i = 0; i < m->npattern; i++) {
        const fl_rule *r = m->pattern[i];
        uint32_t k = r->trigger ? fill[r->trigger->list->id]++ : next++;
        m->trigger_rules[k] = (uint32_t)i;
        m->trigger_also[k] = r->trigger && r->ntrigger == 2 ? r->trigger[1].list->id
                                                            : UINT32_MAX;
    }
    fl__free(m->alloc, fill);
    return FL_OK;
}

/* Which lists the scan leaves to the gates (fl__lazy_lists), and where
 * the number words are: once per matcher, not per document. */
static int mark_lazy_lists(builder *b)
{
    fl_matcher *m = b->m;
    size_t words = ((size_t)m->nlists + FL_EXTRA_LISTS + 63) / 64;
    uint64_t *lazy = fl__calloc(m->alloc, words, sizeof *lazy);
    uint8_t *sum_bit = fl__calloc(m->alloc, (size_t)m->nlists + FL_EXTRA_LISTS, 1);
    if (!lazy || !sum_bit) {
        fl__free(m->alloc, lazy);
        fl__free(m->alloc, sum_bit);
        return fl__error_nomem(b->err);
    }
    memset(sum_bit, FL_NO_SUM_BIT, (size_t)m->nlists + FL_EXTRA_LISTS);
    m->number_words = fl__matcher_list_id(m, "number-words");
    m->head_count_numbers = fl__matcher_list_id(m, "head-count-numbers");
    m->head_count_people = fl__matcher_list_id(m, "head-count-people");
    fl__lazy_lists(m, lazy, sum_bit);
    m->lazy = lazy;
    m->sum_bit = sum_bit;
    return fl__scan_tables(m) < 0 ? fl__error_nomem(b->err) : FL_OK;
}

static int build(builder *b)
{
    fl_matcher *m = b->m;
    int error = add_lists(b);
    for (size_t i = 0; i < b->rs->rules.len && error == 0; i++) {
        fl_rule *r = b->rs->rules.ptr[i];
        if (strcmp(r->language, m->language))
            continue;
        error = resolve_rule(b, r);
        if (error == 0 && r->severity != FL_SEVERITY_OFF)
            error = add_rule(b, r);
    }
    if (error == 0 && b->frozen)
        error = fl__matcher_thaw(m, b->frozen, &b->terms, b->err);
    if (error == 0 && !b->frozen)
        error = add_allowed(b);
    if (error == 0 && !b->frozen)
        error = finish(b);
    if (error == 0)
        error = index_triggers(b);
    if (error == 0)
        error = mark_lazy_lists(b);
    return error;
}

int fl__matcher_build(fl_matcher **out, const fl_ruleset *crs,
                      const char *language, fl_error *err)
{
    fl_ruleset *rs = (fl_ruleset *)crs; /* list ids are assigned here */
    fl_matcher *m = fl__calloc(rs->alloc, 1, sizeof *m);
    if (!m)
        return fl__error_nomem(err);
    m->alloc = rs->alloc;
    m->rs = rs;
    snprintf(m->language, sizeof m->language, "%s", language);
    int error = 0;
    if (fl__vocab_new(&m->vocab, m->alloc) < 0 || fl__joined_new(&m->joined, m->alloc) < 0)
        error = fl__error_nomem(err);
    builder b;
    memset(&b, 0, sizeof b);
    b.m = m;
    b.rs = rs;
    b.err = err;
    fl__tok_init(&b.tok, m->alloc, NULL, "", 0);
    b.tok.intern = m->vocab;
    if (error == 0)
        error = fl__matcher_frozen_find(&b.frozen, &b.terms, rs->frozen, rs, language, err);
    if (error == 0 && !b.frozen && edges_alloc(&b, 256) < 0)
        error = fl__error_nomem(err);
    if (error == 0)
        error = build(&b);
    fl__tok_free(&b.tok);
    FL_VEC_FREE(m->alloc, &b.entries);
    FL_VEC_FREE(m->alloc, &b.terms);
    if (error < 0) {
        fl__matcher_free(m);
        return error;
    }
    *out = m;
    return FL_OK;
}

void fl__matcher_free(fl_matcher *m)
{
    if (!m)
        return;
    const fl_allocator *a = m->alloc;
    fl__vocab_free(m->vocab);
    fl__joined_free(m->joined);
    /* Freeing what was allocated here, which is not const. */
    if (!(m->borrowed & FL_BORROWED_TRIE)) {
        fl__free(a, (void *)m->root);
        fl__free(a, (void *)m->edge_keys);
        fl__free(a, (void *)m->edge_values);
        fl__free(a, (void *)m->node_entries);
    }
    if (!(m->borrowed & FL_BORROWED_ENTRIES))
        fl__free(a, (void *)m->entries);
    fl__free(a, m->lists);
    fl__free(a, m->list_words);
    fl__free(a, m->proximity);
    fl__free(a, m->density);
    fl__free(a, m->pattern);
    fl__free(a, m->trigger_first);
    fl__free(a, m->trigger_rules);
    fl__free(a, m->trigger_also);
    fl__free(a, m->topics);
    fl__free(a, m->passage_lists);
    fl__free(a, (void *)m->lazy);
    fl__free(a, m->root_first);
    fl__free(a, m->root_kept);
    fl__free(a, m->child_words);
    fl__free(a, m->root_scan);
    fl__free(a, m->lazy_words);
    fl__free(a, m->lazy_any);
    fl__free(a, m->sum_bit);
    fl__free(a, m);
}

const char *fl__matcher_language(const fl_matcher *m)
{
    return m->language;
}

const fl_matcher *fl__ruleset_matcher(const fl_ruleset *rs, const char *language)
{
    for (size_t i = 0; i < rs->nmatchers; i++) {
        if (!strcmp(rs->matchers[i]->language, language))
            return rs->matchers[i];
    }
    return NULL;
}

static void free_matchers(fl_ruleset *rs)
{
    for (size_t i = 0; i < rs->nmatchers; i++)
        fl__matcher_free(rs->matchers[i]);
    fl__free(rs->alloc, rs->matchers);
    rs->matchers = NULL;
    rs->nmatchers = 0;
}

/* --- fl_ruleset_compile ------------------------------------------------------- */

static int has_language(const fl_ruleset *rs, const char *language)
{
    for (size_t i = 0; i < rs->nmatchers; i++) {
        if (!strcmp(rs->matchers[i]->language, language))
            return 1;
    }
    return 0;
}

static int build_matchers(fl_ruleset *rs, fl_error *err)
{
    for (size_t i = 0; i < rs->rules.len; i++) {
        const char *lang = rs->rules.ptr[i]->language;
        if (has_language(rs, lang))
            continue;
        fl_matcher **grown = fl__reallocarray(rs->alloc, rs->matchers,
                                              rs->nmatchers + 1, sizeof *grown);
        if (!grown)
            return fl__error_nomem(err);
        rs->matchers = grown;
        int error = fl__matcher_build(&rs->matchers[rs->nmatchers], rs, lang, err);
        if (error < 0)
            return error;
        rs->nmatchers++;
    }
    return FL_OK;
}

static int prepare_regexes(fl_ruleset *rs, fl_error *err)
{
    rs->pcre_match = pcre2_match_context_create(rs->pcre_general);
    if (!rs->pcre_match)
        return fl__error_nomem(err);
    /* Bounds that stop a catastrophic user regex instead of hanging. */
    pcre2_set_match_limit(rs->pcre_match, FL_REGEX_MATCH_LIMIT);
    pcre2_set_depth_limit(rs->pcre_match, FL_REGEX_DEPTH_LIMIT);
    pcre2_set_heap_limit(rs->pcre_match, FL_REGEX_HEAP_LIMIT_KIB);
    /* Patterns are JIT-compiled when they first run (match_pattern.c). */
    return FL_OK;
}

int fl_ruleset_compile(fl_ruleset *rs, fl_error *err)
{
    if (!rs)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "no ruleset");
    if (rs->compiled)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "already compiled");
    rs->free_matchers = free_matchers;
    int error = build_matchers(rs, err);
    if (error == 0)
        error = prepare_regexes(rs, err);
    if (error < 0) {
        free_matchers(rs);
        pcre2_match_context_free(rs->pcre_match);
        rs->pcre_match = NULL;
        return error;
    }
    rs->compiled = 1;
    return FL_OK;
}

/*
 * frozen: what tools/freeze_matchers.c froze into the library at build
 * time (frozen.h) must be what a run would otherwise build — each
 * language's matcher, each shipped pattern — must be used only for the
 * rules it was built from, and must be refused, never read out of bounds,
 * when damaged.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "framelint/framelint.h"
#include "frozen.h"
#include "hashtag.h"
#include "match.h"
#include "match_frozen.h"
#include "ruleset.h"
#include "rules_embedded.h"

/* The built-in rules of `language` (NULL: every language), compiled with
 * the frozen tables or (`frozen` = 0) without them. */
static fl_ruleset *defaults(const char *language, const fl_frozen *frozen)
{
    fl_ruleset *rs = NULL;
    fl_error err = FL_ERROR_INIT;
    ck_assert_int_eq(fl_ruleset_new(&rs, NULL, NULL), FL_OK);
    rs->frozen = frozen;
    int rc = language ? fl_ruleset_add_default_language(rs, language, &err)
                      : fl_ruleset_add_defaults(rs, &err);
    ck_assert_int_eq(rc, FL_OK);
    return rs;
}

static void compile_ok(fl_ruleset *rs)
{
    fl_error err = FL_ERROR_INIT;
    char msg[512];
    int rc = fl_ruleset_compile(rs, &err);
    fl_error_format(&err, msg, sizeof msg);
    ck_assert_msg(rc == FL_OK, "%s", msg);
}

static const fl_matcher *matcher(const fl_ruleset *rs, const char *language)
{
    const fl_matcher *m = fl__ruleset_matcher(rs, language);
    ck_assert_ptr_nonnull(m);
    return m;
}

static void same_joined(const fl_joined_table *a, const fl_joined_table *b)
{
    ck_assert_uint_eq(a->mask, b->mask);
    ck_assert_uint_eq(a->count, b->count);
    ck_assert_uint_eq(a->text_len, b->text_len);
    ck_assert_uint_eq(a->npairs, b->npairs);
    ck_assert_mem_eq(a->slots, b->slots, ((size_t)a->mask + 1) * sizeof *a->slots);
    ck_assert_mem_eq(a->offsets, b->offsets, ((size_t)a->count + 1) * sizeof *a->offsets);
    ck_assert_mem_eq(a->text, b->text, a->text_len);
    ck_assert_mem_eq(a->first, b->first, ((size_t)a->count + 2) * sizeof *a->first);
    ck_assert_mem_eq(a->nodes, b->nodes, a->npairs * sizeof *a->nodes);
}

static int lazy_list(const fl_matcher *m, uint32_t list)
{
    return (m->lazy[list >> 6] >> (list & 63)) & 1;
}

/* What the scan records of each word's first node (m->root_kept): every
 * entry of the node but the lazy lists', in the node's order. Returns how
 * many were left out. */
static size_t root_split_ok(const fl_matcher *m)
{
    size_t k = 0, dropped = 0;
    ck_assert_uint_eq(m->root_first[0], 0);
    for (uint32_t w = 1; w < m->nroot; w++) {
        ck_assert_uint_eq(m->root_first[w], k);
        uint32_t node = m->root[w];
        for (uint32_t e = node ? m->node_entries[node] : 0; node && e < m->node_entries[node + 1];
             e++) {
            if (m->entries[e].kind == FL_ENTRY_LIST && lazy_list(m, m->entries[e].target))
                dropped++;
            else
                ck_assert_uint_eq(m->root_kept[k++], e);
        }
    }
    ck_assert_uint_eq(m->root_first[m->nroot], k);
    return dropped;
}

/* m->child_words has, for each node, the bit (word & 15) of each of its
 * children's words, and no other. */
static void child_words_ok(const fl_matcher *m)
{
    uint16_t *want = calloc((size_t)m->nnodes + 1, sizeof *want);
    ck_assert_ptr_nonnull(want);
    for (size_t s = 0; s <= m->edge_mask; s++) {
        uint64_t key = m->edge_keys[s];
        if (key)
            want[key >> 32] |= (uint16_t)(1u << (key & 15));
    }
    ck_assert_mem_eq(m->child_words, want, ((size_t)m->nnodes + 1) * sizeof *want);
    free(want);
}

/* m->lazy_any has, for each word, the bit (list & 63) of every lazy list
 * the word is a one-word phrase of, and no other: a bit missing would
 * make a bounded gate miss the word. */
static void lazy_any_ok(const fl_matcher *m)
{
    uint64_t *want = calloc((size_t)m->nroot + 1, sizeof *want);
    ck_assert_ptr_nonnull(want);
    for (uint32_t w = 1; w < m->nroot; w++) {
        uint32_t node = m->root[w];
        for (uint32_t e = node ? m->node_entries[node] : 0; node && e < m->node_entries[node + 1];
             e++) {
            if (m->entries[e].kind == FL_ENTRY_LIST && lazy_list(m, m->entries[e].target))
                want[w] |= (uint64_t)1 << (m->entries[e].target & 63);
        }
    }
    ck_assert_mem_eq(m->lazy_any, want, ((size_t)m->nroot + 1) * sizeof *want);
    free(want);
}

/* Field by field, every table a scan reads. */
static void same_matcher(const fl_matcher *a, const fl_matcher *b)
{
    ck_assert_uint_eq(fl__vocab_count(a->vocab), fl__vocab_count(b->vocab));
    for (uint32_t id = 1; id <= fl__vocab_count(a->vocab); id++) {
        const char *w = fl__vocab_word(a->vocab, id);
        ck_assert_str_eq(w, fl__vocab_word(b->vocab, id));
        ck_assert_uint_eq(fl__vocab_find(b->vocab, w, strlen(w), fl__vocab_hash(w, strlen(w))), id);
        ck_assert_uint_eq(fl__vocab_affix(a->vocab, w, strlen(w)),
                          fl__vocab_affix(b->vocab, w, strlen(w)));
    }
    ck_assert_int_eq(fl__vocab_has_affixes(a->vocab), fl__vocab_has_affixes(b->vocab));
    ck_assert_uint_eq(a->nnodes, b->nnodes);
    ck_assert_uint_eq(a->nroot, b->nroot);
    ck_assert_uint_eq(a->edge_mask, b->edge_mask);
    ck_assert_mem_eq(a->edge_keys, b->edge_keys, (a->edge_mask + 1) * sizeof *a->edge_keys);
    ck_assert_mem_eq(a->edge_values, b->edge_values, (a->edge_mask + 1) * sizeof *a->edge_values);
    ck_assert_mem_eq(a->root, b->root, a->nroot * sizeof *a->root);
    ck_assert_mem_eq(a->node_entries, b->node_entries, ((size_t)a->nnodes + 2) * sizeof *a->node_entries);
    for (uint32_t i = 0; i < a->node_entries[a->nnodes + 1]; i++) {
        ck_assert_uint_eq(a->entries[i].kind, b->entries[i].kind);
        ck_assert_uint_eq(a->entries[i].form, b->entries[i].form);
        ck_assert_uint_eq(a->entries[i].words, b->entries[i].words);
        ck_assert_uint_eq(a->entries[i].target, b->entries[i].target);
        ck_assert_uint_eq(a->entries[i].term, b->entries[i].term);
    }
    ck_assert_uint_eq(a->nlists, b->nlists);
    ck_assert_mem_eq(a->list_words, b->list_words, (a->nlists + FL_EXTRA_LISTS) * sizeof *a->list_words);
    same_joined(fl__joined_table(a->joined), fl__joined_table(b->joined));
    ck_assert_mem_eq(a->lazy, b->lazy, (a->nlists + FL_EXTRA_LISTS + 63) / 64 * sizeof *a->lazy);
    root_split_ok(a);
    root_split_ok(b);
    child_words_ok(a);
    child_words_ok(b);
    lazy_any_ok(a);
    lazy_any_ok(b);
    ck_assert_mem_eq(a->root_first, b->root_first, ((size_t)a->nroot + 1) * sizeof *a->root_first);
    ck_assert_mem_eq(a->root_kept, b->root_kept, a->root_first[a->nroot] * sizeof *a->root_kept);
}

/* The built-in rules of `language` read from their YAML text, as a user
 * who copied rules/ would load them, and compiled without frozen tables. */
static fl_ruleset *from_yaml(const char *language)
{
    fl_ruleset *rs = NULL;
    fl_error err = FL_ERROR_INIT;
    char dir[64];
    snprintf(dir, sizeof dir, "rules/%s/", language);
    ck_assert_int_eq(fl_ruleset_new(&rs, NULL, NULL), FL_OK);
    rs->frozen = NULL;
    for (const fl_embedded_file *f = fl__embedded_rules; f->name; f++)
        if (!strncmp(f->name, dir, strlen(dir)))
            ck_assert_int_eq(fl_ruleset_add_buffer(rs, f->name, f->data, f->len, &err), FL_OK);
    return rs;
}

/* The frozen matcher of every language equals the one built from its
 * rules' YAML, whether the language is loaded alone (the tables used in
 * place) or after others (term entries renumbered), and passes the check a
 * run trusts it to have passed. */
START_TEST(frozen_matchers_equal_the_built_ones)
{
    ck_assert_uint_ge(fl__frozen.nmatchers, 4);
    for (size_t i = 0; i < fl__frozen.nmatchers; i++) {
        const char *lang = fl__frozen.matchers[i].language;
        fl_ruleset *thawed = defaults(lang, &fl__frozen), *built = from_yaml(lang);
        compile_ok(thawed);
        compile_ok(built);
        ck_assert_uint_eq(matcher(thawed, lang)->borrowed,
                          FL_BORROWED_TRIE | FL_BORROWED_ENTRIES);
        ck_assert_uint_eq(matcher(built, lang)->borrowed, 0);
        same_matcher(matcher(thawed, lang), matcher(built, lang));
        fl_error err = FL_ERROR_INIT;
        ck_assert_int_eq(fl__matcher_frozen_check(&fl__frozen.matchers[i], built, &err), FL_OK);
        /* English gate lists hold "the, a, of": the split leaves them out */
        if (!strcmp(lang, "en"))
            ck_assert_uint_gt(root_split_ok(matcher(thawed, lang)), 100);
        fl_ruleset_free(thawed);
        fl_ruleset_free(built);
    }
    fl_ruleset *thawed = defaults(NULL, &fl__frozen), *built = defaults(NULL, NULL);
    compile_ok(thawed);
    compile_ok(built);
    for (size_t i = 0; i < fl__frozen.nmatchers; i++) {
        const char *lang = fl__frozen.matchers[i].language;
        ck_assert_uint_ne(matcher(thawed, lang)->borrowed & FL_BORROWED_TRIE, 0);
        same_matcher(matcher(thawed, lang), matcher(built, lang));
    }
    fl_ruleset_free(thawed);
    fl_ruleset_free(built);
}
END_TEST

/* The first term rule of the language, to change. */
static fl_rule *first_term(fl_ruleset *rs)
{
    for (size_t i = 0; i < rs->rules.len; i++)
        if (rs->rules.ptr[i]->kind == FL_RULE_TERM && rs->rules.ptr[i]->nterms)
            return rs->rules.ptr[i];
    ck_abort_msg("no term rule");
    return NULL;
}

/* The first named list of the language. */
static fl_list *first_list(fl_ruleset *rs)
{
    for (size_t i = 0; i < rs->lists.len; i++)
        if (rs->lists.ptr[i]->name && rs->lists.ptr[i]->phrases.count)
            return rs->lists.ptr[i];
    ck_abort_msg("no list");
    return NULL;
}

enum {
    ALLOW, NAME, SWITCH_OFF, AS, PHRASE, FORM, LIST_PHRASE, USER_LIST, USER_TERM,
    OTHER_LANGUAGE, WARNING_TO_ERROR, TRIGGER_LAZY, TRIGGER_SECOND_LAZY, CHANGES
};

/* The name of a list the English scan leaves to the gates (fl__lazy_lists)
 * with the built-in rules, into buf. */
static void lazy_list_name(char *buf, size_t size)
{
    fl_ruleset *rs = defaults("en", &fl__frozen);
    compile_ok(rs);
    const fl_matcher *m = matcher(rs, "en");
    buf[0] = '\0';
    for (uint32_t l = 0; l < m->nlists && !buf[0]; l++)
        if (lazy_list(m, l) && m->lists[l]->name)
            snprintf(buf, size, "%s", m->lists[l]->name);
    ck_assert_str_ne(buf, "");
    fl_ruleset_free(rs);
}

static const char *const user_list =
    "ruleset: u\nlanguage: en\nguidance: g\nlists:\n  extra-words: [quokka]\n";
static const char *const user_term =
    "ruleset: u\nlanguage: en\nguidance: g\nrules:\n  - id: q\n    kind: term\n"
    "    category: c\n    message: m\n    explain: e\n    terms:\n      - match: quokka\n";
static const char *const other_language =
    "ruleset: u\nlanguage: xx\nguidance: g\nrules:\n  - id: q\n    kind: term\n"
    "    category: c\n    message: m\n    explain: e\n    terms:\n      - match: quokka\n";

/* Applies change `c` to the English built-in rules: one input of the trie
 * each (what the key must hold), then two that leave the trie as it is. */
static void change(fl_ruleset *rs, int c)
{
    static const char *quokka[] = {"quokka"};
    fl_error err = FL_ERROR_INIT;
    fl_rule *r = first_term(rs);
    switch (c) {
    case ALLOW: ck_assert_int_eq(fl_ruleset_allow(rs, "quokka", &err), FL_OK); break;
    case NAME: ck_assert_int_eq(fl_ruleset_add_name(rs, "Quokka Act", &err), FL_OK); break;
    case SWITCH_OFF:
        ck_assert_int_eq(fl_ruleset_set_severity(rs, r->id, FL_SEVERITY_OFF, &err), FL_OK);
        break;
    /* A rule changed in place stands for one a rule file redefines, which
     * marks the ruleset changed (ruleset.h); the key then catches it. */
    case AS:
        r->terms[0].as ^= FL_AS_VERB;
        rs->changed = 1;
        break;
    case PHRASE:
        r->terms[0].match.items = quokka;
        r->terms[0].match.count = 1;
        rs->changed = 1;
        break;
    case FORM:
        r->terms[0].forms.items = quokka;
        r->terms[0].forms.count = 1;
        rs->changed = 1;
        break;
    case LIST_PHRASE:
        first_list(rs)->phrases.items = quokka;
        first_list(rs)->phrases.count = 1;
        rs->changed = 1;
        break;
    case USER_LIST:
        ck_assert_int_eq(fl_ruleset_add_buffer(rs, "u.yml", user_list, strlen(user_list), &err),
                         FL_OK);
        break;
    case USER_TERM:
        ck_assert_int_eq(fl_ruleset_add_buffer(rs, "u.yml", user_term, strlen(user_term), &err),
                         FL_OK);
        break;
    case OTHER_LANGUAGE:
        ck_assert_int_eq(fl_ruleset_add_buffer(rs, "u.yml", other_language,
                                               strlen(other_language), &err), FL_OK);
        break;
    case WARNING_TO_ERROR:
        ck_assert_int_eq(fl_ruleset_set_severity(rs, r->id, FL_SEVERITY_ERROR, &err), FL_OK);
        break;
    case TRIGGER_LAZY:
    case TRIGGER_SECOND_LAZY: {
        /* A pattern rule leaves the trie as it is, but one triggered by a
         * lazy list makes the scan record that list's hits again; so does a
         * lazy list as a trigger's second list, which is looked up among
         * the recorded hits. */
        char name[128], yaml[512];
        lazy_list_name(name, sizeof name);
        snprintf(yaml, sizeof yaml,
                 "ruleset: u\nlanguage: en\nguidance: g\nrules:\n  - id: q\n"
                 "    kind: pattern\n    category: c\n    message: m\n    explain: e\n"
                 "    trigger: %s%s%s\n    pattern: 'quokka'\n",
                 c == TRIGGER_LAZY ? "" : "[migration-topic, ", name,
                 c == TRIGGER_LAZY ? "" : "]");
        ck_assert_int_eq(fl_ruleset_add_buffer(rs, "u.yml", yaml, strlen(yaml), &err), FL_OK);
        break;
    }
    }
}

/* Any change to what the English trie is built from builds it again, as
 * it was built before there was a frozen one; a change elsewhere keeps the
 * frozen one. Either way the matcher equals one built from scratch. */
START_TEST(frozen_matcher_is_used_only_for_the_same_rules)
{
    for (int c = 0; c < CHANGES; c++) {
        fl_ruleset *thawed = defaults("en", &fl__frozen), *built = defaults("en", NULL);
        change(thawed, c);
        change(built, c);
        compile_ok(thawed);
        compile_ok(built);
        unsigned used = matcher(thawed, "en")->borrowed & FL_BORROWED_TRIE;
        ck_assert_msg(c >= OTHER_LANGUAGE ? used != 0 : used == 0, "change %d", c);
        same_matcher(matcher(thawed, "en"), matcher(built, "en"));
        if (c == TRIGGER_LAZY || c == TRIGGER_SECOND_LAZY) {
            char name[128];
            lazy_list_name(name, sizeof name);
            const fl_matcher *m = matcher(thawed, "en");
            uint32_t id = fl__matcher_list_id(m, name);
            ck_assert(!lazy_list(m, id));
            int second = 0;
            for (size_t k = 0; k < m->npattern; k++)
                second |= m->trigger_also[k] == id;
            ck_assert_int_eq(second, c == TRIGGER_SECOND_LAZY);
        }
        fl_ruleset_free(thawed);
        fl_ruleset_free(built);
    }
}
END_TEST

/* A list gates read word by word (lazy) is one they read within a reach,
 * or anywhere in a sentence or a paragraph with a summary bit of its own
 * (fl_lazy_sums), or a long paragraph would be read once per match: 64 such
 * lists get one, in list order, and the rest keep their hits. */
START_TEST(lazy_lists_are_those_gates_read_within_a_reach)
{
    static const char *const yml =
        "ruleset: u\nlanguage: en\nguidance: g\nlists:\n"
        "  near-words: [quokka]\n  paragraph-words: [wombat]\n  sentence-words: [numbat]\n"
        "rules:\n  - id: q\n    kind: term\n    category: c\n    message: m\n"
        "    explain: e\n    context:\n      - { near: near-words, within: 3 }\n"
        "    unless:\n      - { near: paragraph-words, in: paragraph }\n"
        "      - { near: sentence-words }\n    terms:\n      - match: bilby\n";
    fl_ruleset *rs = NULL;
    fl_error err = FL_ERROR_INIT;
    ck_assert_int_eq(fl_ruleset_new(&rs, NULL, NULL), FL_OK);
    ck_assert_int_eq(fl_ruleset_add_buffer(rs, "u.yml", yml, strlen(yml), &err), FL_OK);
    compile_ok(rs);
    const fl_matcher *m = matcher(rs, "en");
    uint32_t near = fl__matcher_list_id(m, "near-words");
    uint32_t paragraph = fl__matcher_list_id(m, "paragraph-words");
    uint32_t sentence = fl__matcher_list_id(m, "sentence-words");
    ck_assert(lazy_list(m, near) && m->sum_bit[near] == FL_NO_SUM_BIT);
    ck_assert(lazy_list(m, paragraph) && m->sum_bit[paragraph] != FL_NO_SUM_BIT);
    ck_assert(lazy_list(m, sentence) && m->sum_bit[sentence] != FL_NO_SUM_BIT);
    ck_assert_uint_ne(m->sum_bit[paragraph], m->sum_bit[sentence]);
    fl_ruleset_free(rs);

    /* 65 lists read anywhere in the sentence: the last keeps its hits */
    char yml65[8192];
    size_t n = (size_t)snprintf(yml65, sizeof yml65,
                                "ruleset: u\nlanguage: en\nguidance: g\nlists:\n");
    for (int k = 0; k < 65; k++)
        n += (size_t)snprintf(yml65 + n, sizeof yml65 - n, "  summed-%02d: [wombat%c%c]\n", k,
                              'a' + k / 26, 'a' + k % 26);
    n += (size_t)snprintf(yml65 + n, sizeof yml65 - n,
                          "rules:\n  - id: q\n    kind: term\n    category: c\n"
                          "    message: m\n    explain: e\n    unless:\n");
    for (int k = 0; k < 65; k++)
        n += (size_t)snprintf(yml65 + n, sizeof yml65 - n, "      - { near: summed-%02d }\n", k);
    n += (size_t)snprintf(yml65 + n, sizeof yml65 - n, "    terms:\n      - match: bilby\n");
    ck_assert_uint_lt(n, sizeof yml65);
    ck_assert_int_eq(fl_ruleset_new(&rs, NULL, NULL), FL_OK);
    ck_assert_int_eq(fl_ruleset_add_buffer(rs, "u.yml", yml65, n, &err), FL_OK);
    compile_ok(rs);
    m = matcher(rs, "en");
    uint64_t bits = 0;
    for (int k = 0; k < 65; k++) {
        char name[16];
        snprintf(name, sizeof name, "summed-%02d", k);
        uint32_t id = fl__matcher_list_id(m, name);
        ck_assert_int_eq(lazy_list(m, id), k < 64);
        ck_assert_int_eq(m->sum_bit[id] != FL_NO_SUM_BIT, k < 64);
        if (k < 64)
            bits |= (uint64_t)1 << m->sum_bit[id];
    }
    ck_assert(bits == UINT64_MAX); /* 64 lists, 64 bits, none shared */
    fl_ruleset_free(rs);
}
END_TEST

/* A writable copy of a frozen matcher, to damage. */
typedef struct copy {
    fl_frozen_matcher f;
    fl_joined_table j;
    fl_frozen set;
    unsigned char *data;
    uint32_t *values, *root, *node_entries, *slots, *offsets;
    uint64_t *keys;
    uint16_t *list_words;
    fl_entry *entries;
    fl_vocab_slot *vocab;
} copy;

static void *dup_mem(const void *p, size_t n)
{
    void *q = malloc(n ? n : 1);
    ck_assert_ptr_nonnull(q);
    memcpy(q, p, n);
    return q;
}

static void copy_init(copy *c, const fl_frozen_matcher *f)
{
    c->f = *f;
    c->j = *f->joined;
    c->f.data = c->data = dup_mem(f->data, f->len);
    c->f.edge_values = c->values = dup_mem(f->edge_values, f->edge_slots * 4);
    c->f.edge_keys = c->keys = dup_mem(f->edge_keys, f->edge_slots * 8);
    c->f.root = c->root = dup_mem(f->root, f->nroot * 4);
    c->f.node_entries = c->node_entries = dup_mem(f->node_entries, ((size_t)f->nnodes + 2) * 4);
    c->f.entries = c->entries = dup_mem(f->entries, f->nentries * sizeof *f->entries);
    c->f.list_words = c->list_words = dup_mem(f->list_words, f->nlist_words * 2);
    c->f.vocab_slots = c->vocab = dup_mem(f->vocab_slots, f->vocab_nslots * sizeof *c->vocab);
    c->j.slots = c->slots = dup_mem(c->j.slots, ((size_t)c->j.mask + 1) * 4);
    c->j.offsets = c->offsets = dup_mem(c->j.offsets, ((size_t)c->j.count + 1) * 4);
    c->f.joined = &c->j;
    c->set = (fl_frozen){&c->f, 1, NULL, 0};
}

static void copy_free(copy *c)
{
    free(c->data);
    free(c->values);
    free(c->keys);
    free(c->root);
    free(c->node_entries);
    free(c->entries);
    free(c->list_words);
    free(c->vocab);
    free(c->slots);
    free(c->offsets);
}

/* `rc`, after checking that a damaged table's error says so. */
static int damage_reported(int rc, const fl_error *err)
{
    if (rc == FL_ESYNTAX) {
        char msg[512];
        fl_error_format(err, msg, sizeof msg);
        ck_assert_msg(strstr(msg, "matcher of language 'en' is damaged"), "%s", msg);
    }
    return rc;
}

/* Compiling English with the copy: FL_OK, or the error. */
static int compile_with(copy *c)
{
    fl_ruleset *rs = defaults("en", &c->set);
    fl_error err = FL_ERROR_INIT;
    int rc = damage_reported(fl_ruleset_compile(rs, &err), &err);
    fl_ruleset_free(rs);
    return rc;
}

/* The build's check of the copy, against the English rules: FL_OK, or the
 * error. */
static int check_copy(copy *c)
{
    fl_ruleset *rs = defaults("en", NULL);
    fl_error err = FL_ERROR_INIT;
    int rc = damage_reported(fl__matcher_frozen_check(&c->f, rs, &err), &err);
    fl_ruleset_free(rs);
    return rc;
}

/* The English table the program was built with. */
static const fl_frozen_matcher *frozen_english(void)
{
    const fl_frozen_matcher *en = NULL;
    for (size_t i = 0; i < fl__frozen.nmatchers; i++)
        if (!strcmp(fl__frozen.matchers[i].language, "en"))
            en = &fl__frozen.matchers[i];
    ck_assert_ptr_nonnull(en);
    return en;
}

enum { CUT, EDGE, EDGE_PARENT, ROOT, NODE_ENTRIES, ENTRY_TARGET, ENTRY_TERM, ENTRY_WORDS,
       LIST_WORDS, WORD_SLOT, JOINED_SLOT, JOINED_OFFSET, NO_EMPTY_SLOT, DAMAGES };

/* Each kind of damage that would send a reader out of bounds, on a copy of
 * the English matcher, fails the check the build makes before it writes a
 * table (a run trusts the tables it was built with: frozen.h); the copy
 * undamaged passes it and is used. Run under ASan this also shows that the
 * check reads nothing out of bounds. The bytes cut short are refused by a
 * run too: it reads them with a reader that cannot leave them. A key that
 * no longer reads as the rules' is a table for other rules: unused.
 * (Damage within bounds of the embedded tables is
 * frozen_matchers_equal_the_built_ones' to find.) */
START_TEST(frozen_matcher_damage_is_an_error)
{
    const fl_frozen_matcher *en = frozen_english();
    copy c;
    copy_init(&c, en);
    ck_assert_int_eq(check_copy(&c), FL_OK);
    ck_assert_int_eq(compile_with(&c), FL_OK);
    copy_free(&c);
    for (int d = 0; d < DAMAGES; d++) {
        copy_init(&c, en);
        switch (d) {
        case CUT: c.f.len -= 3; break;
        case EDGE:
            for (size_t s = 0; s < c.f.edge_slots; s++)
                if (c.values[s]) {
                    c.values[s] = c.f.nnodes + 1;
                    break;
                }
            break;
        case EDGE_PARENT: /* a key's parent node past the last node */
            for (size_t s = 0; s < c.f.edge_slots; s++)
                if (c.keys[s]) {
                    c.keys[s] = (uint64_t)(c.f.nnodes + 1) << 32 | (c.keys[s] & 0xffffffffu);
                    break;
                }
            break;
        case ROOT: c.root[1] = c.f.nnodes + 7; break;
        case NODE_ENTRIES: c.node_entries[c.f.nnodes / 2] = (uint32_t)c.f.nentries + 1; break;
        case ENTRY_TARGET: c.entries[0].target = 1u << 30; break;
        case ENTRY_TERM:
            for (size_t i = 0; i < c.f.nentries; i++)
                if (c.entries[i].kind == FL_ENTRY_TERM) {
                    c.entries[i].term = 999;
                    break;
                }
            break;
        case ENTRY_WORDS: c.entries[c.f.nentries - 1].words = 17; break;
        case LIST_WORDS: c.list_words[0] += 1; break;
        case WORD_SLOT: /* a word's slot names another id */
            for (size_t s = 0; s < c.f.vocab_nslots; s++)
                if (c.vocab[s].id) {
                    c.vocab[s].id = c.vocab[s].id == 1 ? 2 : 1;
                    break;
                }
            break;
        case JOINED_SLOT: c.slots[c.j.mask / 2] = c.j.count + 1; break;
        case JOINED_OFFSET: c.offsets[c.j.count / 2] += 1; break;
        case NO_EMPTY_SLOT:
            for (size_t s = 0; s <= c.j.mask; s++)
                c.slots[s] = c.slots[s] ? c.slots[s] : 1;
            break;
        }
        ck_assert_msg(check_copy(&c) == FL_ESYNTAX, "damage %d", d);
        copy_free(&c);
    }
    copy_init(&c, en);
    c.data[40] ^= 1;
    ck_assert_int_eq(compile_with(&c), FL_OK);
    copy_free(&c);
    /* The bytes (key and words) cut anywhere. */
    for (size_t cut = 0; cut < en->len; cut += 1 + cut / 4) {
        copy_init(&c, en);
        c.f.len = cut;
        ck_assert_msg(compile_with(&c) == FL_ESYNTAX, "cut at %zu", cut);
        ck_assert_msg(check_copy(&c) == FL_ESYNTAX, "cut at %zu", cut);
        copy_free(&c);
    }
}
END_TEST

/* The English table with one byte of its key changed, compiled for the
 * embedded rules alone: whether the table was used. */
static int used_with_key_byte_changed(size_t at, int changed)
{
    const fl_frozen_matcher *en = frozen_english();
    copy c;
    copy_init(&c, en);
    c.data[at] ^= 0x20;
    fl_ruleset *rs = defaults("en", &c.set);
    rs->changed = changed;
    compile_ok(rs);
    int used = (matcher(rs, "en")->borrowed & FL_BORROWED_TRIE) != 0;
    fl_ruleset_free(rs);
    copy_free(&c);
    return used;
}

/* Rules that are only the embedded ones are the ones the table was frozen
 * from, so the key's phrases are not compared (ruleset.h): a phrase of the
 * key changed goes unseen, where a changed ruleset compares them and builds
 * its own trie. The key's head (the utf8proc version the words were folded
 * with) is read either way. The version's first byte comes after "FLT1",
 * the key's length, the key's own "FLT1", its count of strings (one) and
 * the version's length. */
START_TEST(embedded_rules_alone_skip_the_key_phrases)
{
    size_t version = 4 + 4 + 4 + 4 + 4, phrase = 200;
    ck_assert(used_with_key_byte_changed(phrase, 0));
    ck_assert(!used_with_key_byte_changed(phrase, 1));
    ck_assert(!used_with_key_byte_changed(version, 0));
    /* two calls that add embedded rules are not known to be the build's */
    fl_ruleset *rs = defaults("en", &fl__frozen);
    fl_error err = FL_ERROR_INIT;
    ck_assert_int_eq(fl_ruleset_add_default_language(rs, "fr", &err), FL_OK);
    ck_assert_uint_eq(rs->default_calls, 2);
    compile_ok(rs);
    ck_assert(matcher(rs, "en")->borrowed & FL_BORROWED_TRIE);
    fl_ruleset_free(rs);
}
END_TEST

/* Every frozen pattern is, byte for byte, what PCRE2 compiles from its
 * pattern and options here; the rules that use one decode it. */
START_TEST(frozen_patterns_equal_compiled_ones)
{
    ck_assert_uint_gt(fl__frozen.npatterns, 20);
    for (size_t i = 0; i < fl__frozen.npatterns; i++) {
        const fl_frozen_pattern *p = &fl__frozen.patterns[i];
        int code = 0;
        PCRE2_SIZE where = 0;
        pcre2_code *re = pcre2_compile((PCRE2_SPTR)p->pattern, PCRE2_ZERO_TERMINATED,
                                       p->options, &code, &where, NULL);
        ck_assert_ptr_nonnull(re);
        const pcre2_code *codes[1] = {re};
        uint8_t *bytes = NULL;
        PCRE2_SIZE size = 0;
        ck_assert_int_eq(pcre2_serialize_encode(codes, 1, &bytes, &size, NULL), 1);
        ck_assert_uint_eq(size, p->len);
        ck_assert_mem_eq(bytes, p->code, size);
        ck_assert_uint_eq(fl__frozen_sum(0, p->code, p->len), p->sum);
        pcre2_serialize_free(bytes);
        pcre2_code_free(re);
        if (i) { /* sorted, as the library searches them */
            const fl_frozen_pattern *q = &fl__frozen.patterns[i - 1];
            int c = strcmp(q->pattern, p->pattern);
            ck_assert(c < 0 || (c == 0 && q->options < p->options));
        }
    }
}
END_TEST

/* A damaged pattern is FL_ESYNTAX when the rules are loaded. */
START_TEST(frozen_pattern_damage_is_an_error)
{
    size_t n = fl__frozen.npatterns;
    fl_frozen_pattern *patterns = dup_mem(fl__frozen.patterns, n * sizeof *patterns);
    unsigned char **bytes = calloc(n, sizeof *bytes);
    ck_assert_ptr_nonnull(bytes);
    for (size_t i = 0; i < n; i++) {
        bytes[i] = dup_mem(patterns[i].code, patterns[i].len);
        bytes[i][patterns[i].len - 1] ^= 0x40;
        patterns[i].code = bytes[i];
    }
    fl_frozen set = {NULL, 0, patterns, n};
    fl_ruleset *rs = NULL;
    fl_error err = FL_ERROR_INIT;
    ck_assert_int_eq(fl_ruleset_new(&rs, NULL, NULL), FL_OK);
    rs->frozen = &set;
    ck_assert_int_eq(fl_ruleset_add_default_language(rs, "en", &err), FL_ESYNTAX);
    char msg[512];
    fl_error_format(&err, msg, sizeof msg);
    ck_assert_msg(strstr(msg, "pattern of rule") && strstr(msg, "is damaged"), "%s", msg);
    fl_ruleset_free(rs);
    for (size_t i = 0; i < n; i++)
        free(bytes[i]);
    free(bytes);
    free(patterns);
}
END_TEST

static fl_findings *lint(const fl_ruleset *rs, fl_document *doc)
{
    fl_findings *f = NULL;
    ck_assert_int_eq(fl_lint(&f, rs, doc, NULL, NULL), FL_OK);
    return f;
}

/* Linting with what was frozen finds what linting without it finds: term
 * forms, lists behind gates, a hashtag written in one case, a stem in a
 * compound, patterns. */
START_TEST(frozen_tables_lint_as_built_ones)
{
    static const char *const texts[][2] = {
        {"en.md", "# A flood of migrants\n\nA swarm of illegals is flooding the border, "
                  "#sendthemback. Migrants are flooding in, a tide of asylum seekers.\n"},
        {"de.md", "---\nlang: de\n---\nDie Asylantenflut und die Flüchtlingswelle "
                  "überrollen das Land.\n"},
        {"fr.md", "---\nlang: fr\n---\nUne vague de migrants et des clandestins.\n"},
    };
    fl_ruleset *thawed = defaults(NULL, &fl__frozen), *built = defaults(NULL, NULL);
    compile_ok(thawed);
    compile_ok(built);
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        fl_document *doc = NULL;
        ck_assert_int_eq(fl_document_new(&doc, NULL, texts[i][0], texts[i][1],
                                         strlen(texts[i][1]), FL_FORMAT_AUTO, NULL), FL_OK);
        fl_findings *a = lint(thawed, doc), *b = lint(built, doc);
        ck_assert_msg(fl_findings_count(a) > 0, "no finding in %s", texts[i][0]);
        ck_assert_uint_eq(fl_findings_count(a), fl_findings_count(b));
        for (size_t k = 0; k < fl_findings_count(a); k++) {
            const fl_finding *x = fl_findings_at(a, k), *y = fl_findings_at(b, k);
            ck_assert_str_eq(fl_rule_id(fl_finding_rule(x)), fl_rule_id(fl_finding_rule(y)));
            ck_assert_uint_eq(fl_finding_offset(x), fl_finding_offset(y));
            ck_assert_uint_eq(fl_finding_length(x), fl_finding_length(y));
            ck_assert_str_eq(fl_finding_message(x), fl_finding_message(y));
        }
        fl_findings_free(a);
        fl_findings_free(b);
        fl_document_free(doc);
    }
    fl_ruleset_free(thawed);
    fl_ruleset_free(built);
}
END_TEST

Suite *suite_frozen(void)
{
    Suite *s = suite_create("frozen");
    TCase *tc = tcase_create("matchers");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, frozen_matchers_equal_the_built_ones);
    tcase_add_test(tc, frozen_matcher_is_used_only_for_the_same_rules);
    tcase_add_test(tc, embedded_rules_alone_skip_the_key_phrases);
    tcase_add_test(tc, lazy_lists_are_those_gates_read_within_a_reach);
    tcase_add_test(tc, frozen_matcher_damage_is_an_error);
    tcase_add_test(tc, frozen_tables_lint_as_built_ones);
    suite_add_tcase(s, tc);
    tc = tcase_create("patterns");
    tcase_add_test(tc, frozen_patterns_equal_compiled_ones);
    tcase_add_test(tc, frozen_pattern_damage_is_an_error);
    suite_add_tcase(s, tc);
    return s;
}

/*
 * vocab: open-addressing hash table (linear probing, power-of-two size, at
 * most half full) from folded words to ids. Built once per ruleset, then only
 * read, so lookups need no locking.
 */
#include "vocab.h"

#include <string.h>

#include "arena.h"

typedef fl_vocab_slot slot;

/* A byte trie over stems, read forwards (prefixes) or backwards (suffixes).
 * Children sit in one sorted run per node, so a walk is a few compares per
 * byte. */
typedef struct affix_node {
    uint32_t first_child; /* index in `nodes`, 0 if none */
    uint32_t next;        /* next sibling, 0 if none */
    uint32_t id;          /* stem id ending here, 0 if none */
    unsigned char byte;
} affix_node;

typedef struct affix_trie {
    affix_node *nodes;    /* nodes[0] is the root */
    size_t len, cap;
} affix_trie;

struct fl_vocab {
    const fl_allocator *alloc;
    affix_trie prefixes, suffixes;
    fl_arena strings;
    slot *slots;        /* borrowed: the program's frozen table, never written */
    size_t mask;
    int borrowed;
    const char **words; /* by id; words[0] unused */
    uint32_t count;
    size_t words_cap;
};

int fl__vocab_new(fl_vocab **out, const fl_allocator *a)
{
    fl_vocab *v = fl__calloc(a, 1, sizeof *v);
    if (!v)
        return FL_ENOMEM;
    v->alloc = a;
    v->strings = (fl_arena)FL_ARENA_INIT(a);
    v->mask = 255;
    v->slots = fl__calloc(a, v->mask + 1, sizeof *v->slots);
    if (!v->slots) {
        fl__free(a, v);
        return FL_ENOMEM;
    }
    *out = v;
    return FL_OK;
}

void fl__vocab_free(fl_vocab *v)
{
    if (!v)
        return;
    fl__arena_free(&v->strings);
    fl__free(v->alloc, v->prefixes.nodes);
    fl__free(v->alloc, v->suffixes.nodes);
    if (!v->borrowed)
        fl__free(v->alloc, v->slots);
    fl__free(v->alloc, v->words);
    fl__free(v->alloc, v);
}

static slot *probe(const fl_vocab *v, const char *w, size_t len, uint64_t hash)
{
    return (slot *)fl__vocab_probe(fl__vocab_view(v), w, len, hash);
}

/* Rehashes into a table of mask + 1 slots. The words are distinct, so each
 * goes to the first empty slot from its hash: no word is compared, and a
 * longer word's stored hash serves. */
static int rehash(fl_vocab *v, size_t mask)
{
    slot *slots = fl__calloc(v->alloc, mask + 1, sizeof *slots);
    if (!slots)
        return FL_ENOMEM;
    for (size_t i = 0; i <= v->mask; i++) {
        const slot *s = &v->slots[i];
        if (!s->id)
            continue;
        uint64_t hash = s->len > FL_VOCAB_INLINE ? s->u.far.hash
                                                 : fl__vocab_hash_padded(s->u.text);
        size_t at = (size_t)hash & mask;
        while (slots[at].id)
            at = (at + 1) & mask;
        slots[at] = *s;
    }
    if (!v->borrowed)
        fl__free(v->alloc, v->slots);
    v->slots = slots;
    v->mask = mask;
    v->borrowed = 0;
    return FL_OK;
}

static int grow(fl_vocab *v)
{
    return rehash(v, v->mask * 2 + 1);
}

static int reserve_words(fl_vocab *v, size_t n)
{
    if (n + 1 <= v->words_cap)
        return FL_OK;
    size_t cap = v->words_cap ? v->words_cap : 256;
    while (cap < n + 1)
        cap *= 2;
    const char **words = fl__reallocarray(v->alloc, v->words, cap, sizeof *words);
    if (!words)
        return FL_ENOMEM;
    /* a borrowed table's longer words are looked up by id before all are
     * named: an unnamed one reads NULL */
    memset(words + v->words_cap, 0, (cap - v->words_cap) * sizeof *words);
    v->words = words;
    v->words_cap = cap;
    return FL_OK;
}

int fl__vocab_intern(fl_vocab *v, const char *w, size_t len, uint32_t *id)
{
    uint64_t hash = fl__vocab_hash(w, len);
    slot *s = probe(v, w, len, hash);
    if (s->id) {
        *id = s->id;
        return FL_OK;
    }
    /* A new word: a borrowed table is copied before it is written. */
    if (v->borrowed) {
        if (rehash(v, v->mask) < 0)
            return FL_ENOMEM;
        s = probe(v, w, len, hash);
    }
    if ((size_t)v->count + 1 > (v->mask + 1) / 2) {
        if (grow(v) < 0)
            return FL_ENOMEM;
        s = probe(v, w, len, hash);
    }
    if (reserve_words(v, (size_t)v->count + 1) < 0)
        return FL_ENOMEM;
    const char *kept = fl__arena_strndup(&v->strings, w, len);
    if (!kept)
        return FL_ENOMEM;
    *s = (slot){0};
    s->len = (uint32_t)len;
    if (len <= FL_VOCAB_INLINE) {
        memcpy(s->u.text, w, len);
    } else {
        s->u.far.hash = hash;
    }
    s->id = ++v->count;
    v->words[s->id] = kept;
    *id = s->id;
    return FL_OK;
}

int fl__vocab_borrow(fl_vocab *v, const fl_vocab_slot *slots, size_t nslots, uint32_t n)
{
    if (v->count || nslots < 2 || nslots & (nslots - 1) || n > nslots / 2)
        return FL_EINVAL;
    if (reserve_words(v, n) < 0)
        return FL_ENOMEM;
    if (!v->borrowed)
        fl__free(v->alloc, v->slots);
    v->slots = (slot *)(uintptr_t)slots; /* read only until rehash copies it */
    v->mask = nslots - 1;
    v->borrowed = 1;
    v->count = n;
    return FL_OK;
}

void fl__vocab_name(fl_vocab *v, uint32_t id, const char *w)
{
    if (id && id <= v->count)
        v->words[id] = w;
}

uint32_t fl__vocab_find(const fl_vocab *v, const char *w, size_t len,
                        uint64_t hash)
{
    return probe(v, w, len, hash)->id;
}

fl_vocab_view fl__vocab_view(const fl_vocab *v)
{
    fl_vocab_view view = {v->slots, v->mask, v->words, v->words ? v->words_cap : 0};
    return view;
}

uint32_t fl__vocab_count(const fl_vocab *v)
{
    return v->count;
}

const char *fl__vocab_word(const fl_vocab *v, uint32_t id)
{
    return id && id <= v->count && v->words[id] ? v->words[id] : "";
}

static uint32_t child(const affix_trie *t, uint32_t node, unsigned char byte)
{
    for (uint32_t c = t->nodes[node].first_child; c; c = t->nodes[c].next) {
        if (t->nodes[c].byte == byte)
            return c;
    }
    return 0;
}

static int add_node(const fl_allocator *a, affix_trie *t, uint32_t parent,
                    unsigned char byte, uint32_t *out)
{
    if (t->len == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        affix_node *nodes = fl__reallocarray(a, t->nodes, cap, sizeof *nodes);
        if (!nodes)
            return FL_ENOMEM;
        t->nodes = nodes;
        t->cap = cap;
    }
    uint32_t n = (uint32_t)t->len++;
    t->nodes[n] = (affix_node){0, 0, 0, byte};
    if (n) { /* node 0 is the root and nobody's child */
        t->nodes[n].next = t->nodes[parent].first_child;
        t->nodes[parent].first_child = n;
    }
    *out = n;
    return FL_OK;
}

int fl__vocab_add_affix(fl_vocab *v, const char *stem, size_t len, int suffix,
                        uint32_t id)
{
    affix_trie *t = suffix ? &v->suffixes : &v->prefixes;
    uint32_t node = 0;
    if (!t->len && add_node(v->alloc, t, 0, 0, &node) < 0)
        return FL_ENOMEM;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)stem[suffix ? len - 1 - i : i];
        uint32_t next = child(t, node, b);
        if (!next && add_node(v->alloc, t, node, b, &next) < 0)
            return FL_ENOMEM;
        node = next;
    }
    t->nodes[node].id = id;
    return FL_OK;
}

int fl__vocab_has_affixes(const fl_vocab *v)
{
    return v->prefixes.len > 1 || v->suffixes.len > 1;
}

/* The deepest stem on the walk, with its length. */
static uint32_t walk(const affix_trie *t, const char *w, size_t len, int backwards,
                     size_t *depth)
{
    uint32_t node = 0, best = 0;
    *depth = 0;
    for (size_t i = 0; t->len > 1 && i < len; i++) {
        node = child(t, node, (unsigned char)w[backwards ? len - 1 - i : i]);
        if (!node)
            break;
        if (t->nodes[node].id) {
            best = t->nodes[node].id;
            *depth = i + 1;
        }
    }
    return best;
}

uint32_t fl__vocab_affix(const fl_vocab *v, const char *w, size_t len)
{
    size_t dp, ds;
    uint32_t p = walk(&v->prefixes, w, len, 0, &dp);
    uint32_t s = walk(&v->suffixes, w, len, 1, &ds);
    return ds > dp ? s : p;
}

/*
 * vocab: open-addressing hash table (linear probing, power-of-two size, at
 * most half full) from folded words to ids. Built once per ruleset, then only
 * read, so lookups need no locking.
 */
#include "vocab.h"

#include <string.h>

#include "arena.h"

typedef struct slot {
    uint64_t hash;
    uint32_t id;  /* 0: empty */
    uint32_t len;
    const char *word;
} slot;

struct fl_vocab {
    const fl_allocator *alloc;
    fl_arena strings;
    slot *slots;
    size_t mask;
    const char **words; /* by id; words[0] unused */
    uint32_t count;
    size_t words_cap;
};

uint64_t fl__vocab_hash(const char *w, size_t len)
{
    /* FNV-1a: words are short, so a byte loop beats block hashes here. */
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)w[i];
        h *= 0x100000001b3ull;
    }
    return h ^ (h >> 29);
}

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
    fl__free(v->alloc, v->slots);
    fl__free(v->alloc, v->words);
    fl__free(v->alloc, v);
}

static slot *probe(slot *slots, size_t mask, const char *w, size_t len,
                   uint64_t hash)
{
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        slot *s = &slots[i];
        if (!s->id || (s->hash == hash && s->len == len &&
                       memcmp(s->word, w, len) == 0))
            return s;
    }
}

static int grow(fl_vocab *v)
{
    size_t mask = v->mask * 2 + 1;
    slot *slots = fl__calloc(v->alloc, mask + 1, sizeof *slots);
    if (!slots)
        return FL_ENOMEM;
    for (size_t i = 0; i <= v->mask; i++) {
        if (v->slots[i].id)
            *probe(slots, mask, v->slots[i].word, v->slots[i].len,
                   v->slots[i].hash) = v->slots[i];
    }
    fl__free(v->alloc, v->slots);
    v->slots = slots;
    v->mask = mask;
    return FL_OK;
}

int fl__vocab_intern(fl_vocab *v, const char *w, size_t len, uint32_t *id)
{
    uint64_t hash = fl__vocab_hash(w, len);
    slot *s = probe(v->slots, v->mask, w, len, hash);
    if (s->id) {
        *id = s->id;
        return FL_OK;
    }
    if ((size_t)v->count + 1 > (v->mask + 1) / 2) {
        if (grow(v) < 0)
            return FL_ENOMEM;
        s = probe(v->slots, v->mask, w, len, hash);
    }
    if (v->count + 2 > v->words_cap) {
        size_t cap = v->words_cap ? v->words_cap * 2 : 256;
        const char **words = fl__reallocarray(v->alloc, v->words, cap,
                                              sizeof *words);
        if (!words)
            return FL_ENOMEM;
        v->words = words;
        v->words_cap = cap;
    }
    char *copy = fl__arena_strndup(&v->strings, w, len);
    if (!copy)
        return FL_ENOMEM;
    s->hash = hash;
    s->len = (uint32_t)len;
    s->word = copy;
    s->id = ++v->count;
    v->words[s->id] = copy;
    *id = s->id;
    return FL_OK;
}

uint32_t fl__vocab_find(const fl_vocab *v, const char *w, size_t len,
                        uint64_t hash)
{
    return probe(v->slots, v->mask, w, len, hash)->id;
}

uint32_t fl__vocab_count(const fl_vocab *v)
{
    return v->count;
}

const char *fl__vocab_word(const fl_vocab *v, uint32_t id)
{
    return id && id <= v->count ? v->words[id] : "";
}

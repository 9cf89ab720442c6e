/*
 * hashtag: joined phrases, each with the trie nodes that spell it. While
 * phrases are added they are interned in a vocabulary (vocab.c, reused: it
 * already maps folded strings to dense ids); finishing turns that into a
 * table without pointers (fl_joined_table: ids in an open-addressing table,
 * strings in one block, nodes grouped by id), which the build can freeze
 * into the program and a run then uses in place. Searching a tag is a hash
 * step per byte and a lookup per length from FL_JOINED_MIN to FL_JOINED_MAX
 * at each position: a few hundred lookups for a typical tag, and tags are
 * rare.
 */
#include "hashtag.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "vocab.h"

typedef struct pair {
    uint32_t id, node;
} pair;

struct fl_joined {
    const fl_allocator *alloc;
    fl_vocab *strings;    /* while adding; NULL once finished */
    FL_VEC(pair) pairs;   /* while adding */
    fl_joined_table t;    /* once finished: in `owned`, or frozen */
    void *owned;          /* the table's arrays, when built here */
};

int fl__joined_new(fl_joined **out, const fl_allocator *a)
{
    fl_joined *j = fl__calloc(a, 1, sizeof *j);
    if (!j || fl__vocab_new(&j->strings, a) < 0) {
        fl__free(a, j);
        return FL_ENOMEM;
    }
    j->alloc = a;
    *out = j;
    return FL_OK;
}

void fl__joined_free(fl_joined *j)
{
    if (!j)
        return;
    fl__vocab_free(j->strings);
    FL_VEC_FREE(j->alloc, &j->pairs);
    fl__free(j->alloc, j->owned);
    fl__free(j->alloc, j);
}

/* Letters and digits only: a hashtag has no apostrophes, dots or hyphens. */
static int joinable(unsigned char b)
{
    return b >= 0x80 || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9');
}

int fl__joined_add(fl_joined *j, const char *const *words, size_t n, uint32_t node)
{
    char s[FL_JOINED_MAX];
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        for (const unsigned char *p = (const unsigned char *)words[i]; *p; p++) {
            if (!joinable(*p))
                continue;
            if (len == sizeof s)
                return FL_OK;
            s[len++] = (char)*p;
        }
    }
    if (len < FL_JOINED_MIN)
        return FL_OK;
    pair p = {0, node};
    if (fl__vocab_intern(j->strings, s, len, &p.id) < 0)
        return FL_ENOMEM;
    return FL_VEC_PUSH(j->alloc, &j->pairs, p);
}

static int compare_pairs(const void *x, const void *y)
{
    const pair *a = x, *b = y;
    if (a->id != b->id)
        return a->id < b->id ? -1 : 1;
    return (a->node > b->node) - (a->node < b->node);
}

/* The slot of `s` in t's table, or the empty one where it would go. */
static size_t slot_of(const fl_joined_table *t, const char *s, size_t len, uint64_t hash)
{
    size_t i = (size_t)hash & t->mask;
    for (;; i = (i + 1) & t->mask) {
        uint32_t id = t->slots[i];
        if (!id)
            return i;
        uint32_t at = t->offsets[id - 1];
        if (t->offsets[id] - at - 1 == len && !memcmp(t->text + at, s, len))
            return i;
    }
}

/* The arrays of the table, in one block: slots, offsets, first and nodes
 * (numbers), then the text. */
int fl__joined_finish(fl_joined *j)
{
    fl_joined_table *t = &j->t;
    t->count = fl__vocab_count(j->strings);
    t->npairs = (uint32_t)j->pairs.len;
    size_t slots = 16, text = 0;
    while (slots < 2 * (size_t)t->count)
        slots *= 2;
    for (uint32_t id = 1; id <= t->count; id++)
        text += strlen(fl__vocab_word(j->strings, id)) + 1;
    size_t numbers = slots + (t->count + 1) + (t->count + 2) + t->npairs;
    uint32_t *block = fl__calloc(j->alloc, numbers * sizeof *block + text, 1);
    if (!block)
        return FL_ENOMEM;
    if (j->pairs.len)
        qsort(j->pairs.ptr, j->pairs.len, sizeof *j->pairs.ptr, compare_pairs);
    uint32_t *slot = block, *offsets = slot + slots, *first = offsets + t->count + 1;
    uint32_t *nodes = first + t->count + 2;
    char *chars = (char *)(nodes + t->npairs);
    t->slots = slot;
    t->mask = (uint32_t)(slots - 1);
    t->offsets = offsets;
    t->text = chars;
    t->text_len = (uint32_t)text;
    t->first = first;
    t->nodes = nodes;
    size_t at = 0;
    for (uint32_t id = 1; id <= t->count; id++) {
        const char *w = fl__vocab_word(j->strings, id);
        size_t len = strlen(w);
        memcpy(chars + at, w, len + 1);
        offsets[id] = (uint32_t)(at += len + 1);
        slot[slot_of(t, w, len, fl__fnv_hash(w, len))] = id;
    }
    /* first[id] is the first pair of that id or a later one. */
    size_t k = 0;
    for (uint32_t id = 0; id <= t->count + 1; id++) {
        while (k < j->pairs.len && j->pairs.ptr[k].id < id)
            k++;
        first[id] = (uint32_t)k;
    }
    for (size_t i = 0; i < j->pairs.len; i++)
        nodes[i] = j->pairs.ptr[i].node;
    j->owned = block;
    fl__vocab_free(j->strings);
    j->strings = NULL;
    FL_VEC_FREE(j->alloc, &j->pairs);
    return FL_OK;
}

const fl_joined_table *fl__joined_table(const fl_joined *j)
{
    return &j->t;
}

int fl__joined_check(const fl_joined_table *t, uint32_t nnodes)
{
    size_t slots = (size_t)t->mask + 1, empty = 0;
    if (slots & t->mask || slots < 2 * (size_t)t->count || t->offsets[0] != 0 ||
        t->offsets[t->count] != t->text_len || t->first[0] != 0 ||
        t->first[t->count + 1] != t->npairs)
        return FL_ESYNTAX;
    for (size_t i = 0; i < slots; i++) {
        empty += !t->slots[i];
        if (t->slots[i] > t->count)
            return FL_ESYNTAX;
    }
    for (uint32_t id = 1; id <= t->count; id++) {
        if (t->offsets[id] <= t->offsets[id - 1] || t->text[t->offsets[id] - 1] != 0 ||
            t->first[id] < t->first[id - 1])
            return FL_ESYNTAX;
    }
    if (t->first[t->count + 1] < t->first[t->count])
        return FL_ESYNTAX;
    for (uint32_t k = 0; k < t->npairs; k++) {
        if (t->nodes[k] > nnodes)
            return FL_ESYNTAX;
    }
    return empty ? FL_OK : FL_ESYNTAX;
}

void fl__joined_use(fl_joined *j, const fl_joined_table *t)
{
    fl__vocab_free(j->strings);
    j->strings = NULL;
    FL_VEC_FREE(j->alloc, &j->pairs);
    j->t = *t;
}

int fl__joined_scan(const fl_joined *j, const char *body, const uint32_t *owner,
                    size_t len,
                    int (*found)(void *payload, uint32_t start, uint32_t end,
                                 uint32_t node),
                    void *payload)
{
    const fl_joined_table *t = &j->t;
    if (!t->count)
        return FL_OK;
    for (size_t p = 0; p + FL_JOINED_MIN <= len; p++) {
        uint64_t h = FL_HASH_INIT;
        size_t stop = len - p < FL_JOINED_MAX ? len : p + FL_JOINED_MAX;
        for (size_t q = p; q < stop; q++) {
            h = fl__hash_step(h, (unsigned char)body[q]);
            if (q + 1 - p < FL_JOINED_MIN)
                continue;
            uint32_t id = t->slots[slot_of(t, body + p, q + 1 - p, fl__hash_finish(h))];
            for (uint32_t k = id ? t->first[id] : 0; id && k < t->first[id + 1]; k++) {
                int error = found(payload, owner[p], owner[q] + 1, t->nodes[k]);
                if (error < 0)
                    return error;
            }
        }
    }
    return FL_OK;
}

/*
 * hashtag: joined phrases in a hash table (vocab.c, reused: it already maps
 * folded strings to dense ids), each id with the trie nodes that spell it.
 * Searching a tag is a hash step per byte and a lookup per length from
 * FL_JOINED_MIN to FL_JOINED_MAX at each position: a few hundred lookups for
 * a typical tag, and tags are rare.
 */
#include "hashtag.h"

#include <stdlib.h>

#include "error.h"
#include "vocab.h"

typedef struct pair {
    uint32_t id, node;
} pair;

struct fl_joined {
    const fl_allocator *alloc;
    fl_vocab *strings;
    FL_VEC(pair) pairs;   /* sorted by id after finish */
    uint32_t *first;      /* id → first index in pairs; first[count + 1] = end */
    uint32_t count;
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
    fl__free(j->alloc, j->first);
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

int fl__joined_finish(fl_joined *j)
{
    j->count = fl__vocab_count(j->strings);
    j->first = fl__calloc(j->alloc, (size_t)j->count + 2, sizeof *j->first);
    if (!j->first)
        return FL_ENOMEM;
    if (j->pairs.len)
        qsort(j->pairs.ptr, j->pairs.len, sizeof *j->pairs.ptr, compare_pairs);
    size_t k = 0;
    for (uint32_t id = 0; id <= j->count + 1; id++) {
        while (k < j->pairs.len && j->pairs.ptr[k].id < id)
            k++;
        j->first[id] = (uint32_t)k;
    }
    return FL_OK;
}

int fl__joined_scan(const fl_joined *j, const char *body, const uint32_t *owner,
                    size_t len,
                    int (*found)(void *payload, uint32_t start, uint32_t end,
                                 uint32_t node),
                    void *payload)
{
    if (!j->count)
        return FL_OK;
    for (size_t p = 0; p + FL_JOINED_MIN <= len; p++) {
        uint64_t h = FL_HASH_INIT;
        size_t stop = len - p < FL_JOINED_MAX ? len : p + FL_JOINED_MAX;
        for (size_t q = p; q < stop; q++) {
            h = fl__hash_step(h, (unsigned char)body[q]);
            if (q + 1 - p < FL_JOINED_MIN)
                continue;
            uint32_t id = fl__vocab_find(j->strings, body + p, q + 1 - p,
                                         fl__hash_finish(h));
            for (uint32_t k = id ? j->first[id] : 0; id && k < j->first[id + 1]; k++) {
                int error = found(payload, owner[p], owner[q] + 1, j->pairs.ptr[k].node);
                if (error < 0)
                    return error;
            }
        }
    }
    return FL_OK;
}

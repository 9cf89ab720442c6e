/*
 * strmap: string-keyed hash map (see strmap.h). Grows by doubling before it
 * is half full, so a probe run stays short.
 */
#include "strmap.h"

#include <stdint.h>
#include <string.h>

struct fl_strmap_slot {
    uint64_t hash;
    const char *key; /* NULL: empty */
    void *value;
};

static uint64_t hash_of(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    return h ^ (h >> 29);
}

static fl_strmap_slot *probe(fl_strmap_slot *slots, size_t mask, const char *key,
                             uint64_t hash)
{
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        fl_strmap_slot *s = &slots[i];
        if (!s->key || (s->hash == hash && !strcmp(s->key, key)))
            return s;
    }
}

static int grow(fl_strmap *m)
{
    size_t mask = m->slots ? m->mask * 2 + 1 : 63;
    fl_strmap_slot *slots = fl__calloc(m->alloc, mask + 1, sizeof *slots);
    if (!slots)
        return FL_ENOMEM;
    for (size_t i = 0; m->slots && i <= m->mask; i++) {
        if (m->slots[i].key)
            *probe(slots, mask, m->slots[i].key, m->slots[i].hash) = m->slots[i];
    }
    fl__free(m->alloc, m->slots);
    m->slots = slots;
    m->mask = mask;
    return FL_OK;
}

int fl__strmap_put(fl_strmap *m, const char *key, void *value)
{
    if ((!m->slots || 2 * (m->len + 1) > m->mask + 1) && grow(m) < 0)
        return FL_ENOMEM;
    uint64_t hash = hash_of(key);
    fl_strmap_slot *s = probe(m->slots, m->mask, key, hash);
    if (!s->key)
        m->len++;
    s->hash = hash;
    s->key = key;
    s->value = value;
    return FL_OK;
}

void *fl__strmap_get(const fl_strmap *m, const char *key)
{
    if (!m->slots || !key)
        return NULL;
    return probe(m->slots, m->mask, key, hash_of(key))->value;
}

void fl__strmap_clear(fl_strmap *m)
{
    if (m->slots)
        memset(m->slots, 0, (m->mask + 1) * sizeof *m->slots);
    m->len = 0;
}

void fl__strmap_free(fl_strmap *m)
{
    fl__free(m->alloc, m->slots);
    m->slots = NULL;
    m->mask = m->len = 0;
}

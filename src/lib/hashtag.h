/*
 * hashtag: rule phrases written without spaces inside a hashtag
 * (#sendthemback, #SENDTHEMBACK, #refugeesNOTwelcome, #StopTheInVasion).
 *
 * The tokenizer splits a hashtag where its case changes, which reads
 * #StopTheInvasion but not a tag typed in one case or with odd capitals. So
 * every rule phrase (a term form or a list entry) is also kept with its
 * spaces removed, and the folded body of each hashtag is searched for those
 * strings at every position: no dictionary of English is needed, only the
 * rules' own words. A phrase shorter than FL_JOINED_MIN letters is not
 * searched for ("they" inside "#theyliveamongus" would be noise), and a
 * joined match is a hit on the tokens of the tag it covers, so gates,
 * quotation and the hashtag's widening to the whole tag work as for any hit.
 *
 * Built once per matcher, read-only afterwards.
 */
#ifndef FL_HASHTAG_H
#define FL_HASHTAG_H

#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "vec.h"

/* Letters in the shortest and the longest joined phrase searched for; a
 * hashtag's body is read up to FL_HASHTAG_MAX_BODY bytes. */
#define FL_JOINED_MIN 5
#define FL_JOINED_MAX 48
#define FL_HASHTAG_MAX_BODY 96

typedef struct fl_joined fl_joined;

int fl__joined_new(fl_joined **out, const fl_allocator *a);
void fl__joined_free(fl_joined *j);

/** Records that the phrase whose folded words are `words[0..n)` ends at trie
 *  node `node`. Phrases shorter than FL_JOINED_MIN or longer than
 *  FL_JOINED_MAX letters are ignored. FL_ENOMEM. */
int fl__joined_add(fl_joined *j, const char *const *words, size_t n, uint32_t node);

/** Builds the table (fl_joined_table) from what was added; call once,
 *  after the last add. FL_ENOMEM. */
int fl__joined_finish(fl_joined *j);

/**
 * The finished table, which has no pointers into the heap: fl__joined_finish
 * builds one, the build freezes it into the program (frozen.h) and a run
 * uses that in place (fl__joined_use). String ids run from 1 to `count`.
 */
typedef struct fl_joined_table {
    const uint32_t *slots;   /* mask + 1 string ids (0: empty), placed by
                                fl__fnv_hash with linear probing, at most
                                half full */
    uint32_t mask;
    const uint32_t *offsets; /* count + 1: string id occupies text[offsets[id
                                - 1], offsets[id]), its NUL included */
    const char *text;
    uint32_t text_len;
    uint32_t count;
    const uint32_t *first;   /* count + 2: string id's nodes are
                                nodes[first[id], first[id + 1]) */
    const uint32_t *nodes;   /* npairs trie nodes, by string, increasing */
    uint32_t npairs;
} fl_joined_table;

/** The table fl__joined_finish built (borrowed from `j`). */
const fl_joined_table *fl__joined_table(const fl_joined *j);

/** Makes `t`, frozen into the program (borrowed: it must outlive `j`), the
 *  table of `j`, new and empty, instead of adding phrases and finishing.
 *  `t` is trusted as the program's code is: the build checked it with
 *  fl__joined_check before building it in. */
void fl__joined_use(fl_joined *j, const fl_joined_table *t);

/** FL_OK when no look-up in `t` can leave its arrays: every id, offset and
 *  node in range (nodes up to `nnodes`), every string NUL-terminated, an
 *  empty slot to end each probe; else FL_ESYNTAX. */
int fl__joined_check(const fl_joined_table *t, uint32_t nnodes);

/**
 * Calls `found(payload, start, end, node)` for every recorded phrase inside
 * the hashtag whose body is `body[0..len)` (folded letters and digits only),
 * where body byte k belongs to token `owner[k]`: the hit covers tokens
 * [owner[start byte], owner[last byte] + 1). Returns the first negative
 * value `found` returns, or FL_OK.
 */
int fl__joined_scan(const fl_joined *j, const char *body, const uint32_t *owner,
                    size_t len,
                    int (*found)(void *payload, uint32_t start, uint32_t end,
                                 uint32_t node),
                    void *payload);

#endif

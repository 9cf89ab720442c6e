/*
 * vocab: the set of folded words that any rule of one language mentions,
 * each with a dense id (1, 2, …; 0 means "not a rule word"). The tokenizer
 * looks every input word up once; everything after works on ids, so the cost
 * per input word is one hash lookup whatever the number of rules.
 */
#ifndef FL_VOCAB_H
#define FL_VOCAB_H

#include <stddef.h>
#include <stdint.h>

#include "alloc.h"

typedef struct fl_vocab fl_vocab;

int fl__vocab_new(fl_vocab **out, const fl_allocator *a);
void fl__vocab_free(fl_vocab *v);

/** The hash the table uses; the tokenizer computes it once per word. */
uint64_t fl__vocab_hash(const char *w, size_t len);

/** Adds a folded word if missing; *id receives its id. FL_ENOMEM. */
int fl__vocab_intern(fl_vocab *v, const char *w, size_t len, uint32_t *id);

/** The id of a folded word, or 0. `hash` is fl__vocab_hash(w, len). */
uint32_t fl__vocab_find(const fl_vocab *v, const char *w, size_t len,
                        uint64_t hash);

/** Number of words (the largest id). */
uint32_t fl__vocab_count(const fl_vocab *v);

/** The folded text of an id (borrowed, NUL-terminated). */
const char *fl__vocab_word(const fl_vocab *v, uint32_t id);

#endif

/*
 * suggest: turns a rule's message and rewrite templates into the text a
 * writer sees for one match — {match}, {suggestion}, {count} filled in,
 * rewrites inflected to the matched form, articles agreeing with what
 * follows them, and the writer's capitalisation kept.
 */
#ifndef FL_SUGGEST_H
#define FL_SUGGEST_H

#include "match.h"

/**
 * Decides the finding's span for rewrites: when the match follows "a", "an"
 * or "the" and some rewrite needs that article changed or dropped, the span
 * grows to take the article in. Writes the (possibly widened) span to `off`
 * and `len`, and sets `article_len` to the bytes taken in (0 if none).
 */
int fl__suggest_span(const fl_block *b, const fl_candidate *c, const char *language,
                     fl_buf *scratch, size_t *off, size_t *len, size_t *article_len);

/** Appends rewrite `i` of the candidate, for the span fl__suggest_span chose. */
int fl__suggest_rewrite(fl_buf *out, const fl_block *b, const fl_candidate *c,
                        const char *language, size_t i, size_t off, size_t len,
                        size_t article_len, fl_buf *scratch);

/** Nonzero if `rewrite`, written over the bytes [off, off+len) that
 *  fl__suggest_span chose, reads right between the words around them.
 *  In any language it must not repeat the word before it or the word after
 *  it ("the first openly undocumented illegal immigrant" would become
 *  "undocumented undocumented migrant"). In English, a verb that takes no
 *  "to" ("arrived") before "to", "into" or "onto", or a rewrite ending in a
 *  preposition ("arrive in", "crowd around") before another one ("into",
 *  "through"), would not read ("arriving to Europe", "crowded around
 *  through the tunnel"). */
int fl__suggest_fits_around(const fl_block *b, const fl_candidate *c, const char *language,
                            const char *rewrite, size_t off, size_t len);

/** Appends the message with {match} (the text at [off, off+len): the
 *  finding's span, so message and underline agree), {suggestion} and
 *  {count} filled in. `first` is the first rewrite, or NULL. */
int fl__suggest_message(fl_buf *out, const fl_block *b, const fl_candidate *c,
                        size_t off, size_t len, const char *first);

#endif

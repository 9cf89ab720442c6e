/*
 * match_frozen: a language's trie, built at build time and thawed at
 * start-up. Building the English matcher from the rules (tokenizing every
 * phrase, inflecting every term, sorting the entries) was two thirds of
 * starting the command; reading back what the build made is a few per cent
 * of it.
 *
 * What is frozen is what fl__matcher_build inserts and finishes: the
 * vocabulary (with its stems), the trie's edges, the entries of each node
 * and the joined phrases for hashtags. Everything else in a matcher (list
 * ids, resolved gates, the rules of each kind, trigger and topic indexes)
 * is cheap and is always built from the ruleset at hand.
 *
 * A frozen trie is used only when the ruleset would build the same one: it
 * carries a key, the exact inputs of the insertions in the order the build
 * makes them (the language's lists and their phrases, each term rule that
 * is not off with its terms and `as`, allowed words, declared names, and
 * the utf8proc version the words were folded with). A user's list, term
 * rule, allowed word or switched-off rule in that language changes the key,
 * and the matcher is built as before. Term entries name their rule by its
 * place among those term rules, so the trie fits whatever else the ruleset
 * holds before or after them (all languages, user rules of another).
 */
#ifndef FL_MATCH_FROZEN_H
#define FL_MATCH_FROZEN_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "frozen.h"
#include "hashtag.h"
#include "match.h"

/** Term rules of a language in the order the build inserts them: rule
 *  indexes, increasing. */
typedef FL_VEC(uint32_t) fl_term_rules;

/**
 * The frozen trie in `set` whose key is that of `rs` and `language`, or
 * NULL (none, or the key differs: build it). `*terms` receives the term
 * rules the key lists, which fl__matcher_thaw needs; the caller frees it.
 * FL_ENOMEM, or FL_ESYNTAX when the language's table is damaged (its key
 * cannot be read).
 */
int fl__matcher_frozen_find(const fl_frozen_matcher **out, fl_term_rules *terms,
                            const fl_frozen *set, const fl_ruleset *rs,
                            const char *language, fl_error *err);

/**
 * Puts the trie of `f`, which fl__matcher_frozen_find chose, into `m`:
 * the vocabulary's hash table borrowed and its words named by id; the edge
 * table, roots, node_entries and (when this ruleset numbers the
 * term rules as the build's did) the entries used in place, marked in
 * m->borrowed; the list_words; the joined phrases. `m` holds a new, empty
 * vocab and joined table, its lists (nlists, allowed, names set) and no
 * edge table. The tables' ids are not checked again (frozen.h): the build
 * did. FL_ENOMEM, or FL_ESYNTAX when what is read at no cost does not fit
 * (the bytes cut short or with bytes left over, a count that differs from
 * the ruleset's); `m` is then only fit to be freed.
 */
int fl__matcher_thaw(fl_matcher *m, const fl_frozen_matcher *f, const fl_term_rules *terms,
                     fl_error *err);

/**
 * FL_OK when no look-up in the tables of `f` can leave them, as a run
 * trusts: every word found in the vocabulary's table under its id, every
 * edge, root, node and entry id in range, each list's longest phrase as its
 * entries say, the joined phrases' table whole. `rs` holds the rules of the
 * language of `f` alone, the ruleset it was built from (term entries name
 * their terms in it). What tools/freeze_matchers.c runs on each table
 * before it writes it, and the unit tests on damaged copies. FL_ESYNTAX,
 * with a message in `err`, or FL_ENOMEM.
 */
int fl__matcher_frozen_check(const fl_frozen_matcher *f, const fl_ruleset *rs, fl_error *err);

/** The bytes of the frozen form of `m`, which fl__matcher_build made from
 *  its ruleset (key and words), appended to `out`, and the rule of each
 *  term entry by place in *terms (the caller frees it): with m's own
 *  tables, what tools/freeze_matchers.c embeds. FL_ENOMEM. */
int fl__matcher_freeze(fl_buf *out, fl_term_rules *terms, const fl_matcher *m);

#endif

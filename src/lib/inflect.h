/*
 * inflect: English word forms, so a rule lists "flood" once and matches
 * floods, flooded and flooding, and a rewrite comes back in the form of the
 * text it replaces ("floods" → "arrivals", "flooding in" → "arriving").
 * Also the grammar a rewrite needs where it lands: a/an, articles that a
 * quantifier replaces, and the writer's capitalisation.
 */
#ifndef FL_INFLECT_H
#define FL_INFLECT_H

#include "buf.h"

/** The form of a matched phrase, recorded so its rewrite can follow suit. */
typedef enum fl_form {
    FL_FORM_BASE = 0,
    FL_FORM_PLURAL,     /* nouns: head noun plural */
    FL_FORM_THIRD,      /* verbs: -s */
    FL_FORM_PAST,       /* verbs: -ed or irregular past */
    FL_FORM_PARTICIPLE, /* verbs: irregular past participle (overrun, taken) */
    FL_FORM_GERUND,     /* verbs: -ing */
    FL_FORM_LITERAL     /* written out by the rule: rewrites are used as is */
} fl_form;

/** Phrase word that carries a noun phrase's inflection: the last word that
 *  is not a trailing particle or preposition ("flood of" → "flood"). */
enum { FL_HEAD_NOUN = 1, FL_HEAD_VERB = 2 };

/**
 * Appends `phrase` with its head word in `form` to `out`. `head` is
 * FL_HEAD_NOUN (plural) or FL_HEAD_VERB (first word takes -s/-ed/-ing).
 * When the form does not exist for the head (an irregular verb has no
 * separate participle), appends nothing and returns 0; returns 1 when it
 * appended, or FL_ENOMEM.
 */
int fl__inflect_phrase(fl_buf *out, const char *phrase, fl_form form, int head);

/**
 * Inflects a rewrite to match the form of the text it replaces. Unlike
 * fl__inflect_phrase, a rewrite already in the right form is left alone
 * ("large numbers of" stays plural). Appends to `out`.
 */
int fl__inflect_rewrite(fl_buf *out, const char *rewrite, fl_form form);

/** Nonzero if `word` (len bytes, ASCII case-insensitive) is a determiner or
 *  quantifier that replaces a preceding article ("many", "more", "the"). */
int fl__inflect_is_determiner(const char *word, size_t len);

/** Nonzero if `word` (len bytes, ASCII case-insensitive) is a count word
 *  that takes an article of its own ("a million", "half a dozen"): an
 *  article before it is not the next noun's. */
int fl__inflect_is_count_word(const char *word, size_t len);

/** Nonzero if `word` (len bytes, ASCII case-insensitive) is a preposition
 *  or particle ("of", "into", "back"): no article stands before it. */
int fl__inflect_is_particle(const char *word, size_t len);

/** Nonzero if the noun phrase `phrase` is plural ("arrivals of", "undocumented
 *  migrants", "people arriving"), so it takes no "a" or "an". */
int fl__inflect_is_plural(const char *phrase);

/** "an" if `word` sounds like it starts with a vowel, else "a". */
const char *fl__inflect_article(const char *word);

/**
 * Writes `text` into `out` in the case of `model` (the matched text): all
 * capitals if the model is (two or more letters), a capital first letter if
 * the model has one, else as written.
 */
int fl__inflect_case(fl_buf *out, const char *text, size_t len,
                     const char *model, size_t model_len);

#endif

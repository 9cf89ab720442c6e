/*
 * suggest: rewrites and messages as a writer sees them, through fl_lint with
 * small inline rule files — the exact span each rewrite replaces, articles
 * taken in or changed, forms and case kept, templates filled in.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "framelint/framelint.h"

/* One term rule; `terms` is the YAML under `terms:` (indented 6). */
#define RULE_HEAD                                                              \
    "ruleset: t\nlanguage: en\nguidance: terminology\nrules:\n"                \
    "  - id: r\n    kind: term\n    category: loaded-term\n"                   \
    "    explain: A rule for tests.\n"

typedef struct linted {
    fl_ruleset *rs;
    fl_document *doc;
    fl_findings *f;
} linted;

static void lint_yaml(linted *l, const char *yaml, const char *path, const char *text)
{
    fl_error err = FL_ERROR_INIT;
    char msg[512];
    memset(l, 0, sizeof *l);
    ck_assert_int_eq(fl_ruleset_new(&l->rs, NULL, &err), FL_OK);
    int error = fl_ruleset_add_buffer(l->rs, "t.yml", yaml, strlen(yaml), &err);
    if (error == 0)
        error = fl_ruleset_compile(l->rs, &err);
    fl_error_format(&err, msg, sizeof msg);
    ck_assert_msg(error == FL_OK, "%s", msg);
    ck_assert_int_eq(fl_document_new(&l->doc, NULL, path, text, strlen(text),
                                     FL_FORMAT_AUTO, &err), FL_OK);
    ck_assert_int_eq(fl_lint(&l->f, l->rs, l->doc, NULL, &err), FL_OK);
}

/* Lints plain `text` with one term rule whose message is `message`. */
static void lint_terms(linted *l, const char *message, const char *terms,
                       const char *path, const char *text)
{
    char yaml[2048];
    snprintf(yaml, sizeof yaml, RULE_HEAD "    message: \"%s\"\n    terms:\n%s",
             message, terms);
    lint_yaml(l, yaml, path, text);
}

static void done(linted *l)
{
    fl_findings_free(l->f);
    fl_document_free(l->doc);
    fl_ruleset_free(l->rs);
}

/* The only finding, which must span bytes [off, off+len). */
static const fl_finding *only(const linted *l, size_t off, size_t len)
{
    ck_assert_uint_eq(fl_findings_count(l->f), 1);
    const fl_finding *x = fl_findings_at(l->f, 0);
    ck_assert_uint_eq(fl_finding_offset(x), off);
    ck_assert_uint_eq(fl_finding_length(x), len);
    return x;
}

/* The rewrites joined with " | ", for one exact comparison. */
static const char *rewrites(const fl_finding *x, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < fl_finding_suggestion_count(x) && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? " | " : "",
                                 fl_finding_suggestion(x, i));
    return buf;
}

#define ASSERT_REWRITES(x, expected)                                           \
    do {                                                                       \
        char buf_[512];                                                        \
        ck_assert_str_eq(rewrites((x), buf_, sizeof buf_), (expected));        \
    } while (0)

static const char flood_terms[] = "      - match: [flood of]\n"
                                  "        suggest: [many]\n";

/* --- articles ---------------------------------------------------------------- */

START_TEST(quantifier_rewrite_takes_in_the_article)
{
    linted l;
    lint_terms(&l, "m", flood_terms, "d.txt", "A flood of migrants arrived.");
    const fl_finding *x = only(&l, 0, 10); /* "A flood of" */
    ASSERT_REWRITES(x, "Many");
    done(&l);
}
END_TEST

START_TEST(article_a_becomes_an_before_a_vowel)
{
    linted l;
    lint_terms(&l, "m", "      - match: [flood of]\n        suggest: [arrival of]\n",
               "d.txt", "They saw a flood of migrants.");
    const fl_finding *x = only(&l, 9, 10); /* "a flood of" */
    ASSERT_REWRITES(x, "an arrival of");
    done(&l);
}
END_TEST

START_TEST(article_an_is_replaced_by_the_rewrites_own)
{
    linted l;
    lint_terms(&l, "m", "      - match: [influx of]\n        suggest: [the arrival of]\n",
               "d.txt", "They feared an influx of refugees.");
    const fl_finding *x = only(&l, 12, 12); /* "an influx of" */
    ASSERT_REWRITES(x, "the arrival of");
    done(&l);
}
END_TEST

START_TEST(article_the_is_dropped_before_a_quantifier)
{
    linted l;
    lint_terms(&l, "m", "      - match: [influx]\n        suggest: [many]\n",
               "d.txt", "Refugees: the influx.");
    const fl_finding *x = only(&l, 10, 10); /* "the influx" */
    ASSERT_REWRITES(x, "many");
    done(&l);
}
END_TEST

START_TEST(span_is_not_widened_when_the_article_fits)
{
    linted l;
    lint_terms(&l, "m", "      - match: [influx]\n        suggest: [arrival]\n",
               "d.txt", "Refugees: the influx.");
    const fl_finding *x = only(&l, 14, 6); /* "influx" */
    ASSERT_REWRITES(x, "arrival");
    done(&l);
    lint_terms(&l, "m", "      - match: [flood of]\n        suggest: [wave of]\n",
               "d.txt", "They saw a flood of migrants.");
    x = only(&l, 11, 8); /* "flood of" */
    ASSERT_REWRITES(x, "wave of");
    done(&l);
}
END_TEST

/* When one rewrite needs the article changed, every rewrite is given for the
 * wider span, each with the article it needs. */
START_TEST(every_rewrite_carries_its_own_article)
{
    linted l;
    lint_terms(&l, "m",
               "      - match: [influx of]\n"
               "        suggest: [many, arrival of, rise in]\n",
               "d.txt", "An influx of refugees came.");
    const fl_finding *x = only(&l, 0, 12);
    ASSERT_REWRITES(x, "Many | An arrival of | A rise in");
    done(&l);
}
END_TEST

/* The rule from the issue: a plural rewrite after "a" must not leave
 * "a arrivals" (or "an arrivals") behind. */
START_TEST(plural_rewrite_never_follows_a_or_an)
{
    linted l;
    lint_terms(&l, "m", "      - match: [flood of]\n        suggest: [arrivals of, many]\n",
               "d.txt", "a flood of migrants arrived");
    const fl_finding *x = only(&l, 0, 10);
    ASSERT_REWRITES(x, "arrivals of | many");
    done(&l);
    lint_terms(&l, "m", "      - match: [flood of migrants]\n        suggest: [arrivals]\n",
               "d.txt", "a flood of migrants arrived");
    x = only(&l, 0, 19);
    ASSERT_REWRITES(x, "arrivals");
    done(&l);
    lint_terms(&l, "m", "      - match: [illegal immigrant]\n"
               "        suggest: [undocumented migrant, people without papers]\n",
               "d.txt", "He is an illegal immigrant.");
    x = only(&l, 6, 20);
    ASSERT_REWRITES(x, "an undocumented migrant | people without papers");
    done(&l);
}
END_TEST

/* "Half a million illegal aliens": the "a" is the million's, not a lead
 * the plural rewrite may drop ("half million undocumented migrants" said
 * something else, in a headline of en-heldout163). */
START_TEST(article_of_a_count_word_stays)
{
    linted l;
    lint_terms(&l, "m", "      - match: [illegal alien]\n        suggest: [undocumented migrant]\n",
               "d.txt", "Half a million illegal aliens were counted.");
    const fl_finding *x = only(&l, 15, 14); /* "illegal aliens" alone */
    ASSERT_REWRITES(x, "undocumented migrants");
    done(&l);
}
END_TEST

/* --- forms and case ------------------------------------------------------------ */

START_TEST(noun_rewrite_keeps_plural_and_capital)
{
    linted l;
    lint_terms(&l, "m", "      - match: [illegal immigrant]\n"
               "        suggest: [undocumented migrant]\n",
               "d.txt", "Illegal immigrants work here.");
    const fl_finding *x = only(&l, 0, 18);
    ASSERT_REWRITES(x, "Undocumented migrants");
    done(&l);
}
END_TEST

START_TEST(noun_rewrite_keeps_all_caps)
{
    linted l;
    lint_terms(&l, "m", "      - match: [illegal immigrant]\n"
               "        suggest: [undocumented migrant]\n",
               "d.txt", "STOP ILLEGAL IMMIGRANTS NOW");
    const fl_finding *x = only(&l, 5, 18);
    ASSERT_REWRITES(x, "UNDOCUMENTED MIGRANTS");
    done(&l);
}
END_TEST

static const char pour_terms[] = "      - match: [pour in]\n"
                                 "        as: verb\n"
                                 "        suggest: [arrive]\n";

START_TEST(verb_rewrite_follows_past_gerund_and_third_person)
{
    linted l;
    lint_terms(&l, "m", pour_terms, "d.txt", "Migrants poured in.");
    ASSERT_REWRITES(only(&l, 9, 9), "arrived");
    done(&l);
    lint_terms(&l, "m", pour_terms, "d.txt", "Migrants are pouring in.");
    ASSERT_REWRITES(only(&l, 13, 10), "arriving");
    done(&l);
    lint_terms(&l, "m", pour_terms, "d.txt", "Each day he pours in.");
    ASSERT_REWRITES(only(&l, 12, 8), "arrives");
    done(&l);
    lint_terms(&l, "m", pour_terms, "d.txt", "They pour in.");
    ASSERT_REWRITES(only(&l, 5, 7), "arrive");
    done(&l);
}
END_TEST

START_TEST(rewrites_that_land_on_the_same_text_collapse)
{
    linted l;
    lint_terms(&l, "m", "      - match: [flood]\n"
               "        suggest: [arrival, arrivals, arrival, many]\n",
               "d.txt", "Floods came.");
    ASSERT_REWRITES(only(&l, 0, 6), "Arrivals | Many");
    done(&l);
}
END_TEST

/* Issue 9: a headline in Title Case gets its rewrite in Title Case, small
 * words kept small unless the headline capitalises them; the same words in a sentence stay in sentence case, and
 * a capital at the start of a sentence stays one. */
START_TEST(rewrite_in_a_title_case_headline_takes_title_case)
{
    static const char terms[] = "      - match: [migrant crisis]\n"
                                "        suggest: [rise in arrivals]\n";
    linted l;
    lint_terms(&l, "m", terms, "d.md", "# Ministers Promise Action on Migrant Crisis\n");
    ASSERT_REWRITES(only(&l, 30, 14), "Rise in Arrivals");
    done(&l);
    /* a writer who capitalises the small words too gets them capitalised */
    lint_terms(&l, "m", terms, "d.md", "# Ministers Promise Action On Migrant Crisis\n");
    ASSERT_REWRITES(only(&l, 30, 14), "Rise In Arrivals");
    done(&l);
    lint_terms(&l, "m", terms, "d.md", "# Ministers promise action on the migrant crisis\n");
    ASSERT_REWRITES(only(&l, 34, 14), "rise in arrivals");
    done(&l);
    lint_terms(&l, "m", terms, "d.txt", "Migrant crisis talks began on Monday.");
    ASSERT_REWRITES(only(&l, 0, 14), "Rise in arrivals");
    done(&l);
    /* each part of a hyphenated rewrite is a word of the headline */
    static const char hyphen[] = "      - match: [chain migration]\n"
                                 "        suggest: [family-based immigration]\n";
    lint_terms(&l, "m", hyphen, "d.md", "# Senators Debate Chain Migration Reform\n");
    ASSERT_REWRITES(only(&l, 18, 15), "Family-Based Immigration");
    done(&l);
    /* a headline line with no full stop runs into the text under it as one
     * sentence: only the match's line says the case (en-heldout81) */
    lint_terms(&l, "m", terms, "d.txt",
               "Ministers Promise Action on Migrant Crisis\nThe minister spoke today.");
    ASSERT_REWRITES(only(&l, 28, 14), "Rise in Arrivals");
    done(&l);
    lint_terms(&l, "m", terms, "d.txt",
               "Ministers Promise Action Today\nthe minister spoke of the migrant crisis.");
    ASSERT_REWRITES(only(&l, 57, 14), "rise in arrivals");
    done(&l);
    /* the headline's small article stays small: no small letter becomes a
     * capital (en-heldout122) */
    static const char wave[] = "      - match: [a wave of]\n        as: phrase\n"
                               "        suggest: [a large number of, many]\n";
    lint_terms(&l, "m", wave, "d.txt", "In Dublin, a Wave of Arrivals Meets Protest\n");
    ASSERT_REWRITES(only(&l, 11, 9), "a Large Number of | many");
    done(&l);
}
END_TEST

/* A finding --fix leaves alone, and the note it gives for that. */
static void assert_kept(const fl_finding *x, const char *note)
{
    ck_assert(!fl_finding_can_fix(x));
    ck_assert_str_eq(fl_finding_fix_note(x), note);
}

/* Issue 9: a verb rewrite keeps the preposition after it grammatical.
 * "flooding into" is matched whole and becomes "arriving in"; "poured in"
 * before "to" would make "arrived to", so no rewrite is offered and --fix
 * says why; before "from" it fits. */
START_TEST(verb_rewrite_is_not_offered_before_a_preposition_it_does_not_take)
{
    static const char terms[] = "      - match: [pour in]\n        as: verb\n"
                                "        suggest: [arrive]\n"
                                "      - match: [flood into]\n        as: verb\n"
                                "        suggest: [arrive in]\n"
                                "      - match: [swarm]\n        as: verb\n"
                                "        suggest: [crowd around]\n";
    linted l;
    lint_terms(&l, "m", terms, "d.txt", "People are flooding into Europe.");
    ASSERT_REWRITES(only(&l, 11, 13), "arriving in");
    done(&l);
    lint_terms(&l, "m", terms, "d.txt", "Migrants poured in to the UK.");
    const fl_finding *x = only(&l, 9, 9);
    ck_assert_uint_eq(fl_finding_suggestion_count(x), 0);
    assert_kept(x, "no rewrite fits the word after it; reword the sentence");
    done(&l);
    lint_terms(&l, "m", terms, "d.txt", "They swarmed through the tunnel.");
    ck_assert_uint_eq(fl_finding_suggestion_count(only(&l, 5, 7)), 0);
    done(&l);
    lint_terms(&l, "m", terms, "d.txt", "Migrants poured in from France.");
    ASSERT_REWRITES(only(&l, 9, 9), "arrived");
    done(&l);
    lint_terms(&l, "m", terms, "d.txt", "They swarmed the minister.");
    ASSERT_REWRITES(only(&l, 5, 7), "crowded around");
    done(&l);
}
END_TEST

/* A noun with "of" and a place after it: "the invasion of our southern
 * coast" names what was invaded, and "the arrival of our southern coast"
 * says something else, so no rewrite is offered; with the people after
 * "of" the rewrite stands. */
START_TEST(noun_rewrite_is_not_offered_before_of_and_a_place)
{
    static const char terms[] = "      - match: [invasion]\n        suggest: [arrival]\n";
    linted l;
    lint_terms(&l, "m", terms, "d.txt", "We will stop the invasion of our coast.");
    assert_kept(only(&l, 17, 8), "no rewrite fits the word after it; reword the sentence");
    done(&l);
    lint_terms(&l, "m", terms, "d.txt", "It is an invasion of migrants.");
    ASSERT_REWRITES(only(&l, 9, 8), "arrival");
    done(&l);
    lint_terms(&l, "m", terms, "d.txt", "The invasion goes on.");
    ASSERT_REWRITES(only(&l, 4, 8), "arrival");
    done(&l);
}
END_TEST

/* Issue 9: a minister's words reported without quotation marks are still
 * theirs. The finding stands at full severity, with no rewrite and a note;
 * the same words as the writer's own sentence are rewritten. */
START_TEST(reported_speech_is_reported_not_rewritten)
{
    static const char yaml[] =
        "ruleset: t\nlanguage: en\nguidance: terminology\n"
        "lists:\n  speech-verbs: [said, told]\nrules:\n"
        "  - id: r\n    kind: term\n    category: loaded-term\n    severity: warning\n"
        "    explain: A rule for tests.\n    message: m\n    terms:\n"
        "      - match: [flood into]\n        as: verb\n        suggest: [arrive in]\n";
    linted l;
    lint_yaml(&l, yaml, "d.txt", "The minister said migrants were flooding into Britain.");
    const fl_finding *x = only(&l, 32, 13);
    ck_assert_int_eq(fl_finding_severity(x), FL_SEVERITY_WARNING);
    ck_assert_uint_eq(fl_finding_suggestion_count(x), 0);
    assert_kept(x, "it reports what someone said (a rewrite would change their words)");
    done(&l);
    lint_yaml(&l, yaml, "d.txt", "They were flooding into Britain, the MP told the rally.");
    ck_assert_uint_eq(fl_finding_suggestion_count(only(&l, 10, 13)), 0);
    done(&l);
    lint_yaml(&l, yaml, "d.txt", "Migrants were flooding into Britain.");
    ASSERT_REWRITES(only(&l, 14, 13), "arriving in");
    done(&l);
}
END_TEST

/* Words named rather than used ("the term illegal aliens") are the
 * writer's choice and reported, but a rewrite would make the writer name
 * another term. Two words before the match at most, and in its sentence. */
START_TEST(named_words_are_reported_not_rewritten)
{
    static const char yaml[] =
        "ruleset: t\nlanguage: en\nguidance: terminology\n"
        "lists:\n  mention-cues: [the term, words like]\nrules:\n"
        "  - id: r\n    kind: term\n    category: loaded-term\n    severity: error\n"
        "    explain: A rule for tests.\n    message: m\n    terms:\n"
        "      - match: [illegal alien]\n        suggest: [undocumented migrant]\n";
    linted l;
    lint_yaml(&l, yaml, "d.txt", "I will keep using the term illegal aliens.");
    const fl_finding *x = only(&l, 27, 14);
    ck_assert_int_eq(fl_finding_severity(x), FL_SEVERITY_ERROR);
    assert_kept(x, "it names the words rather than using them (\"the term ...\")");
    done(&l);
    lint_yaml(&l, yaml, "d.txt", "Avoid words like illegal alien in a headline.");
    ck_assert(!fl_finding_can_fix(only(&l, 17, 13)));
    done(&l);
    /* three words away, or across a sentence end, the cue names nothing */
    lint_yaml(&l, yaml, "d.txt", "The term is old. Illegal aliens crossed.");
    ASSERT_REWRITES(only(&l, 17, 14), "Undocumented migrants");
    done(&l);
    lint_yaml(&l, yaml, "d.txt", "The term for it: illegal aliens crossed.");
    ASSERT_REWRITES(only(&l, 17, 14), "undocumented migrants");
    done(&l);
}
END_TEST

/* --- messages ------------------------------------------------------------------- */

START_TEST(message_fills_match_and_suggestion)
{
    linted l;
    lint_terms(&l, "“{match}” is loaded; try “{suggestion}”.", flood_terms, "d.txt",
               "A flood of migrants arrived.");
    ck_assert_str_eq(fl_finding_message(only(&l, 0, 10)),
                     "“A flood of” is loaded; try “Many”.");
    done(&l);
}
END_TEST

START_TEST(message_suggestion_is_empty_without_rewrites)
{
    linted l;
    lint_terms(&l, "[{suggestion}] {match}", "      - match: [flood of]\n",
               "d.txt", "A flood of migrants arrived.");
    const fl_finding *x = only(&l, 2, 8);
    ck_assert_str_eq(fl_finding_message(x), "[] flood of");
    ck_assert_uint_eq(fl_finding_suggestion_count(x), 0);
    done(&l);
}
END_TEST

START_TEST(message_count_is_the_density_count)
{
    static const char yaml[] =
        "ruleset: t\nlanguage: en\nguidance: data-overload\nrules:\n"
        "  - id: figures\n    kind: density\n    category: data-overload\n"
        "    explain: A rule for tests.\n"
        "    message: \"{count} figures in one sentence ({match}).\"\n"
        "    count: [number, percent]\n    min: 3\n";
    linted l;
    const char *text = "Of 1,200 people, 45% stayed and 300 left.";
    lint_yaml(&l, yaml, "d.txt", text);
    const fl_finding *x = only(&l, 3, 32); /* "1,200 … 300" */
    ck_assert_str_eq(fl_finding_message(x),
                     "3 figures in one sentence (1,200 people, 45% stayed and 300).");
    done(&l);
}
END_TEST

START_TEST(message_match_across_a_line_break_has_one_space)
{
    linted l;
    lint_terms(&l, "<{match}>", "      - match: [illegal immigrant]\n", "d.txt",
               "They called them illegal\r\n   immigrants.");
    ck_assert_str_eq(fl_finding_message(only(&l, 17, 22)), "<illegal immigrants>");
    done(&l);
}
END_TEST

/* Markup between the matched words (a quote marker on the next line, a tag)
 * is not part of what the writer reads. */
START_TEST(message_match_leaves_out_markup)
{
    static const char terms[] = "      - match: [illegal immigrant]\n";
    linted l;
    lint_terms(&l, "<{match}>", terms, "d.md", "> They are illegal\n> immigrants.\n");
    ck_assert_str_eq(fl_finding_message(only(&l, 11, 20)), "<illegal immigrants>");
    done(&l);
    lint_terms(&l, "<{match}>", terms, "d.md", "- They are illegal\n  immigrants.\n");
    ck_assert_str_eq(fl_finding_message(only(&l, 11, 20)), "<illegal immigrants>");
    done(&l);
    lint_terms(&l, "<{match}>", terms, "d.html",
               "<p>They are <em>illegal</em>\nimmigrants.</p>");
    ck_assert_str_eq(fl_finding_message(only(&l, 16, 23)), "<illegal immigrants>");
    done(&l);
}
END_TEST

START_TEST(case_follows_the_words_not_the_markup)
{
    linted l;
    lint_terms(&l, "m", "      - match: [illegal immigrant]\n"
               "        suggest: [undocumented migrant]\n",
               "d.html", "<p>STOP <b>ILLEGAL</b> IMMIGRANTS</p>");
    ASSERT_REWRITES(only(&l, 11, 22), "UNDOCUMENTED MIGRANTS");
    done(&l);
}
END_TEST

Suite *suite_suggest(void)
{
    Suite *s = suite_create("suggest");
    TCase *tc = tcase_create("article");
    tcase_add_test(tc, quantifier_rewrite_takes_in_the_article);
    tcase_add_test(tc, article_a_becomes_an_before_a_vowel);
    tcase_add_test(tc, article_an_is_replaced_by_the_rewrites_own);
    tcase_add_test(tc, article_the_is_dropped_before_a_quantifier);
    tcase_add_test(tc, span_is_not_widened_when_the_article_fits);
    tcase_add_test(tc, every_rewrite_carries_its_own_article);
    tcase_add_test(tc, plural_rewrite_never_follows_a_or_an);
    tcase_add_test(tc, article_of_a_count_word_stays);
    suite_add_tcase(s, tc);

    tc = tcase_create("form");
    tcase_add_test(tc, noun_rewrite_keeps_plural_and_capital);
    tcase_add_test(tc, noun_rewrite_keeps_all_caps);
    tcase_add_test(tc, verb_rewrite_follows_past_gerund_and_third_person);
    tcase_add_test(tc, rewrites_that_land_on_the_same_text_collapse);
    tcase_add_test(tc, case_follows_the_words_not_the_markup);
    tcase_add_test(tc, rewrite_in_a_title_case_headline_takes_title_case);
    tcase_add_test(tc, verb_rewrite_is_not_offered_before_a_preposition_it_does_not_take);
    tcase_add_test(tc, noun_rewrite_is_not_offered_before_of_and_a_place);
    tcase_add_test(tc, reported_speech_is_reported_not_rewritten);
    tcase_add_test(tc, named_words_are_reported_not_rewritten);
    suite_add_tcase(s, tc);

    tc = tcase_create("message");
    tcase_add_test(tc, message_fills_match_and_suggestion);
    tcase_add_test(tc, message_suggestion_is_empty_without_rewrites);
    tcase_add_test(tc, message_count_is_the_density_count);
    tcase_add_test(tc, message_match_across_a_line_break_has_one_space);
    tcase_add_test(tc, message_match_leaves_out_markup);
    suite_add_tcase(s, tc);
    return s;
}

/*
 * match: what the four kinds of rule find, seen through the public API —
 * small inline rule files linted over small drafts — covering folding,
 * inflections, phrases, gates, scopes, stems, quoted use and ordering.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "framelint/framelint.h"
#include "match.h"

#define EN "ruleset: t\nlanguage: en\nguidance: g\nrules:\n"
#define DE "ruleset: t\nlanguage: de\nguidance: g\nrules:\n"
#define TERM_IN(category, id)                                                  \
    "  - id: " id "\n    kind: term\n    category: " category "\n"             \
    "    message: \"{match}\"\n    explain: e\n"
#define TERM(id) TERM_IN("c", id)
#define FLOOD "    terms:\n      - match: flood\n        as: phrase\n"
#define PATTERN(id)                                                            \
    "  - id: " id "\n    kind: pattern\n    category: c\n"                     \
    "    message: \"{match}\"\n    explain: e\n"
#define PROXIMITY(id)                                                          \
    "  - id: " id "\n    kind: proximity\n    category: c\n"                   \
    "    message: m\n    explain: e\n"
#define DENSITY(id)                                                            \
    "  - id: " id "\n    kind: density\n    category: c\n"                     \
    "    message: \"{count} figures\"\n    explain: e\n"

typedef struct run {
    fl_ruleset *rs;
    fl_document *doc;
    fl_findings *f;
} run;

static fl_ruleset *compile_rules(const char *rules, const char *allowed)
{
    fl_ruleset *rs = NULL;
    fl_error err = FL_ERROR_INIT;
    char msg[512];
    ck_assert_int_eq(fl_ruleset_new(&rs, NULL, &err), FL_OK);
    int rc = fl_ruleset_add_buffer(rs, "t.yml", rules, strlen(rules), &err);
    if (rc == FL_OK && allowed)
        rc = fl_ruleset_allow(rs, allowed, &err);
    if (rc == FL_OK)
        rc = fl_ruleset_compile(rs, &err);
    fl_error_format(&err, msg, sizeof msg);
    ck_assert_msg(rc == FL_OK, "%s", msg);
    return rs;
}

static void lint_full(run *x, const char *rules, const char *allowed,
                      const char *text, fl_format fmt, const char *language)
{
    memset(x, 0, sizeof *x);
    x->rs = compile_rules(rules, allowed);
    ck_assert_int_eq(fl_document_new(&x->doc, NULL, "draft", text, strlen(text), fmt,
                                     NULL), FL_OK);
    fl_lint_options opts = FL_LINT_OPTIONS_INIT;
    opts.language = language;
    ck_assert_int_eq(fl_lint(&x->f, x->rs, x->doc, &opts, NULL), FL_OK);
}

static void lint(run *x, const char *rules, const char *text)
{
    lint_full(x, rules, NULL, text, FL_FORMAT_PLAIN, NULL);
}

static void done(run *x)
{
    fl_findings_free(x->f);
    fl_document_free(x->doc);
    fl_ruleset_free(x->rs);
}

static const fl_finding *at(const run *x, size_t i)
{
    ck_assert_uint_lt(i, fl_findings_count(x->f));
    return fl_findings_at(x->f, i);
}

/* The findings as "text|text|…", or "id:text|…" with `tagged`. */
static const char *describe(const run *x, int tagged)
{
    static char out[4096];
    size_t used = 0, len;
    const char *data = fl_document_data(x->doc, &len);
    out[0] = '\0';
    for (size_t i = 0; i < fl_findings_count(x->f) && used < sizeof out; i++) {
        const fl_finding *y = fl_findings_at(x->f, i);
        used += (size_t)snprintf(out + used, sizeof out - used, "%s%s%s%.*s",
                                 i ? "|" : "", tagged ? fl_rule_id(fl_finding_rule(y)) : "",
                                 tagged ? ":" : "", (int)fl_finding_length(y),
                                 data + fl_finding_offset(y));
    }
    return out;
}

/* Lints plain `text` with `rules` and returns the spans found. */
static const char *found(const char *rules, const char *text)
{
    static char out[4096];
    run x;
    lint(&x, rules, text);
    snprintf(out, sizeof out, "%s", describe(&x, 0));
    done(&x);
    return out;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* --- words ------------------------------------------------------------------ */

START_TEST(match_folds_case_ligatures_and_accents)
{
    const char *rules = EN TERM("r") "    terms:\n      - match: [flood, réfugié]\n"
                        "        as: phrase\n";
    ck_assert_str_eq(found(rules, "Flood, FLOOD and \xef\xac\x82ood; refugie and R\xc3\x89"
                                  "FUGI\xc3\x89."),
                     "Flood|FLOOD|\xef\xac\x82ood|refugie|R\xc3\x89" "FUGI\xc3\x89");
}
END_TEST

START_TEST(match_generates_noun_plural)
{
    const char *rules = EN TERM("r") "    terms:\n      - match: flood of\n";
    ck_assert_str_eq(found(rules, "Floods of people and a flood of rain."),
                     "Floods of|flood of");
}
END_TEST

START_TEST(match_generates_verb_forms)
{
    const char *rules = EN TERM("r") "    terms:\n      - match: [pour in, overrun, stem]\n"
                        "        as: verb\n";
    ck_assert_str_eq(found(rules, "It pours in. They poured in, pouring in."),
                     "pours in|poured in|pouring in");
    ck_assert_str_eq(found(rules, "They overran the town and overrun it."), "overran|overrun");
    ck_assert_str_eq(found(rules, "It stemmed from fear; stemming it stems it."),
                     "stemmed|stemming|stems");
}
END_TEST

START_TEST(match_phrase_generates_nothing_and_forms_are_literal)
{
    const char *rules = EN TERM("r") "    terms:\n      - match: swarm\n        as: phrase\n"
                        "        forms: [hordes]\n";
    ck_assert_str_eq(found(rules, "A swarm, swarms, swarmed; hordes and a horde."),
                     "swarm|hordes");
}
END_TEST

START_TEST(match_phrase_crosses_line_break_not_sentence_or_paragraph)
{
    const char *rules = EN TERM("r") "    terms:\n      - match: flood of\n        as: phrase\n";
    ck_assert_str_eq(found(rules, "A flood\nof people came."), "flood\nof");
    ck_assert_str_eq(found(rules, "It was a flood. Of course it was."), "");
    ck_assert_str_eq(found(rules, "It was a flood!\nof course."), "");
    ck_assert_str_eq(found(rules, "A flood\n\nof people came."), "");
}
END_TEST

START_TEST(match_hyphen_joins_words_both_ways)
{
    const char *text = "A queue-jumper, a queue jumper and a queuejumper.";
    ck_assert_str_eq(found(EN TERM("r") "    terms:\n      - match: queue-jumper\n", text),
                     "queue-jumper|queue jumper");
    ck_assert_str_eq(found(EN TERM("r") "    terms:\n      - match: queue jumper\n", text),
                     "queue-jumper|queue jumper");
}
END_TEST

/* --- gates ------------------------------------------------------------------ */

START_TEST(match_within_gate_looks_both_sides)
{
    const char *rules = EN TERM("r") FLOOD "    context: {near: [migrants], within: 2}\n";
    ck_assert_str_eq(found(rules, "A flood of migrants."), "flood");
    ck_assert_str_eq(found(rules, "Migrants, a flood."), "flood");
    ck_assert_str_eq(found(rules, "A flood came to the town of migrants."), "");
    ck_assert_str_eq(found(rules, "Migrants saw the big flood."), "");
}
END_TEST

START_TEST(match_before_and_after_gates_are_directional)
{
    const char *before = EN TERM("r") FLOOD "    context: {near: [migrants], before: 3}\n";
    ck_assert_str_eq(found(before, "Migrants in a flood."), "flood");
    ck_assert_str_eq(found(before, "A flood of migrants."), "");
    ck_assert_str_eq(found(before, "Migrants came in a flood."), "");
    const char *after = EN TERM("r") FLOOD "    context: {near: [migrants], after: 3}\n";
    ck_assert_str_eq(found(after, "A flood of migrants."), "flood");
    ck_assert_str_eq(found(after, "Migrants in a flood."), "");
}
END_TEST

START_TEST(match_bounded_gate_ignores_words_inside_match)
{
    const char *term = EN TERM("r") "    terms:\n      - match: migrant flood\n"
                       "        as: phrase\n";
    char rules[1024];
    snprintf(rules, sizeof rules, "%s    context: {near: [migrant], within: 3}\n", term);
    ck_assert_str_eq(found(rules, "The migrant flood came."), "");
    ck_assert_str_eq(found(rules, "The migrant flood of a migrant."), "migrant flood");
    snprintf(rules, sizeof rules, "%s    context: {near: [migrant]}\n", term);
    ck_assert_str_eq(found(rules, "The migrant flood came."), "migrant flood");
}
END_TEST

/* The scan passes at once a word whose first trie node has no entry it
 * records and no child (m->root_scan): a word that only starts phrases
 * ("flood" of "flood of"), one that is only a word ("wave"), one that is
 * both, and a lazy list's words, one alone and one starting a phrase. */
START_TEST(match_scan_reads_words_that_start_phrases_words_or_both)
{
    const char *rules = EN TERM("r") "    terms:\n      - match: flood of\n        as: phrase\n"
                        "      - match: wave\n        as: phrase\n"
                        "      - match: wave of migrants\n        as: phrase\n"
                        "    context: {near: [migrants, asylum seekers, water], within: 3}\n";
    ck_assert_str_eq(found(rules, "A flood of water."), "flood of");
    ck_assert_str_eq(found(rules, "A flood came over the water."), "");
    ck_assert_str_eq(found(rules, "A wave of water."), "wave");
    ck_assert_str_eq(found(rules, "A wave of migrants."), "wave"); /* the gate's word inside */
    ck_assert_str_eq(found(rules, "Asylum seekers: a wave."), "wave");
    ck_assert_str_eq(found(rules, "Asylum rules: a wave."), "");
    ck_assert_str_eq(found(rules, "Migrants: wave, wave."), "wave|wave");
    const char *both = EN TERM("r") "    terms:\n      - match: wave\n        as: phrase\n"
                       "      - match: wave of migrants\n        as: phrase\n";
    ck_assert_str_eq(found(both, "A wave of migrants wave."), "wave of migrants|wave");
    ck_assert_str_eq(found(both, "A wave of water."), "wave");
    /* words after "flood" that are not "of", whatever their ids, some of
     * which share the child mask's bit with it */
    ck_assert_str_eq(found(rules, "Water: flood a flood an flood in flood on flood off flood "
                                  "up flood at flood to flood by flood as flood or flood if "
                                  "flood is flood it flood so flood we flood me flood my "
                                  "flood us flood no."),
                     "");
}
END_TEST

/* A list that only gates read is looked up word by word when a gate asks
 * (fl__lazy_lists); inside a hashtag written in one case its words are
 * still found, and the same list read as a trigger elsewhere keeps its hits. */
START_TEST(match_gate_lists_read_on_demand_answer_as_recorded_ones)
{
    const char *rules = EN TERM("r") FLOOD "    context: {near: [migrants, refugees], within: 2}\n";
    ck_assert_str_eq(found(rules, "A flood #migrantswelcome"), "flood");
    ck_assert_str_eq(found(rules, "A flood #refugeeswelcome today."), "flood");
    ck_assert_str_eq(found(rules, "A flood came here #migrantswelcome"), "");
    ck_assert_str_eq(found(rules, "Refugees: a flood."), "flood");
    const char *shared = "ruleset: t\nlanguage: en\nguidance: g\nlists:\n"
                         "  movers: [migrants]\nrules:\n" TERM("r") FLOOD
                         "    context: {near: movers, within: 2}\n" PATTERN("p")
                         "    trigger: {near: movers}\n    pattern: 'came'\n";
    ck_assert_str_eq(found(shared, "A flood of migrants came."), "flood|came");
    ck_assert_str_eq(found(shared, "A flood came."), "");
    /* anywhere in the sentence (a summary per sentence): its one-word
     * phrases, its longer ones, which are recorded, and in a hashtag */
    const char *sentence = EN TERM("r") FLOOD "    context: {near: [migrants, asylum seekers]}\n";
    ck_assert_str_eq(found(sentence, "Migrants say a flood came."), "flood");
    ck_assert_str_eq(found(sentence, "A flood came, said asylum seekers."), "flood");
    ck_assert_str_eq(found(sentence, "A flood came. Migrants left. Asylum seekers too."), "");
    ck_assert_str_eq(found(sentence, "Asylum went. A flood came. Seekers left."), "");
    ck_assert_str_eq(found(sentence, "A flood #migrantswelcome"), "flood");
    ck_assert_str_eq(found(sentence, "Then a flood came. It was big, migrants said."), "");
    ck_assert_str_eq(found(sentence, "It was big. Then a flood came, migrants said."), "flood");
}
END_TEST

START_TEST(match_paragraph_gate_spans_sentences_not_paragraphs)
{
    const char *para = EN TERM("r") FLOOD "    context: {near: [refugees], in: paragraph}\n";
    const char *sent = EN TERM("r") FLOOD "    context: {near: [refugees]}\n";
    ck_assert_str_eq(found(para, "The flood came. Refugees left."), "flood");
    ck_assert_str_eq(found(sent, "The flood came. Refugees left."), "");
    ck_assert_str_eq(found(para, "The flood came.\n\nRefugees left."), "");
}
END_TEST

/* A group says "people on the move after it, or plain people and a crossing
 * place near it": class 1 of issue 7 in one rule. */
START_TEST(match_gate_groups_combine_any_and_all)
{
    const char *rules = EN TERM("r") "    context:\n"
                        "      - any:\n"
                        "          - { near: [migrants], after: 3 }\n"
                        "          - all: [{ near: [people], after: 3 }, { near: [border, port] }]\n"
                        "    terms:\n      - match: flood of\n        as: phrase\n";
    ck_assert_str_eq(found(rules, "A flood of migrants came."), "flood of");
    ck_assert_str_eq(found(rules, "A flood of people reached the port."), "flood of");
    ck_assert_str_eq(found(rules, "A flood of people filled the stadium."), "");
    ck_assert_str_eq(found(rules, "A flood of water reached the port."), "");
}
END_TEST

/* `none` holds when not one of its gates does: "school" vetoes, unless the
 * sentence is about migrants. */
START_TEST(match_none_gate_holds_when_no_part_does)
{
    const char *rules = EN TERM("r") "    unless:\n"
                        "      - all:\n"
                        "          - { near: [school] }\n"
                        "          - none: [{ near: [migrants] }, { near: [refugees] }]\n"
                        "    terms:\n      - match: send them back\n        as: phrase\n";
    ck_assert_str_eq(found(rules, "Holidays are over, send them back to school."), "");
    ck_assert_str_eq(found(rules, "Migrants at school? Send them back."), "Send them back");
    ck_assert_str_eq(found(rules, "Send them back."), "Send them back");
}
END_TEST

/* A named gate is written once and used by name, like a list; it may name
 * other gates. */
START_TEST(match_named_gates_are_used_by_name)
{
    const char *rules = "ruleset: t\nlanguage: en\nguidance: g\n"
                        "lists:\n  movers: [migrants, refugees]\n"
                        "gates:\n"
                        "  crossing: { any: [{ near: [border, port] }, { near: [boats] }] }\n"
                        "  about-movers:\n"
                        "    any:\n      - { near: movers, after: 3 }\n"
                        "      - all: [{ near: [people], after: 3 }, crossing]\n"
                        "rules:\n" TERM("r") "    context: about-movers\n"
                        "    terms:\n      - match: flood of\n        as: phrase\n"
                        TERM("s") "    context: [movers]\n"
                        "    terms:\n      - match: swarm of\n        as: phrase\n";
    ck_assert_str_eq(found(rules, "A flood of refugees came."), "flood of");
    ck_assert_str_eq(found(rules, "A flood of people reached the port."), "flood of");
    ck_assert_str_eq(found(rules, "A flood of people filled the hall."), "");
    ck_assert_str_eq(found(rules, "A swarm of migrants. A swarm of bees."), "swarm of");
}
END_TEST

static const char *found_md(const char *rules, const char *text)
{
    static char out[4096];
    run x;
    lint_full(&x, rules, NULL, text, FL_FORMAT_MARKDOWN, NULL);
    snprintf(out, sizeof out, "%s", describe(&x, 0));
    done(&x);
    return out;
}

/* Class 4 and 7 of issue 7: what "these people" points back to, and
 * figures spread over one-sentence paragraphs, read across paragraph
 * breaks; a heading ends the passage and a caption does not. */
START_TEST(match_passage_gate_reads_two_sentences_back)
{
    const char *rules = EN TERM("r") "    context: { near: [migrants], in: passage }\n"
                        "    terms:\n      - match: these people\n        as: phrase\n";
    ck_assert_str_eq(found_md(rules, "Migrants came.\n\nWe saw these people.\n"),
                     "these people");
    ck_assert_str_eq(found_md(rules, "Migrants came.\n\nIt rained.\n\nWe saw these people.\n"),
                     "these people");
    ck_assert_str_eq(found_md(rules, "Migrants came. It rained. It was cold.\n\n"
                                     "We saw these people.\n"), "");
    ck_assert_str_eq(found_md(rules, "We saw these people and migrants.\n"), "");
    ck_assert_str_eq(found_md(rules, "Migrants came.\n\n# Weather\n\nWe saw these people.\n"),
                     "");
    ck_assert_str_eq(found_md(rules, "Migrants came.\n\n![A photo](x.jpg)\n\n"
                                     "We saw these people.\n"), "these people");
}
END_TEST

START_TEST(match_density_passage_counts_across_paragraphs_once)
{
    const char *rules = EN DENSITY("p") "    count: [number]\n    unit: passage\n"
                        "    min: 5\n    sentence-max: 3\n";
    run x;
    lint_full(&x, rules, NULL, "We had 10 and 20.\n\nThen 30.\n\nThen 40 and 50.\n",
              FL_FORMAT_MARKDOWN, NULL);
    ck_assert_str_eq(describe(&x, 0), "10 and 20.\n\nThen 30.\n\nThen 40 and 50");
    done(&x);
    /* the same figures, reported once, not again for the next window */
    ck_assert_str_eq(found_md(rules, "A 1, 2. B 3. C 4, 5. D 6.\n"), "1, 2. B 3. C 4, 5");
    /* one sentence is not a passage, and one over sentence-max is the
     * sentence rule's */
    ck_assert_str_eq(found_md(rules, "We had 1, 2, 3, 4 and 5.\n"), "");
    ck_assert_str_eq(found_md(rules, "We had 1, 2, 3 and 4. Then 5.\n"), "");
    ck_assert_str_eq(found_md(rules, "We had 1 and 2.\n\n# Then\n\n3, 4 and 5.\n"), "");
}
END_TEST

/* Figures written as words count through the language's `number-words`
 * list: a run of them is one figure, a word after a number is the
 * number's, and a hyphen compound is not a statistic. */
START_TEST(match_density_counts_number_words_once_per_run)
{
    const char *rules = "ruleset: t\nlanguage: en\nguidance: g\nlists:\n"
                        "  number-words: [two, three, hundred, thousand, million, two thirds of]\n"
                        "rules:\n" DENSITY("d") "    count: [number]\n    unit: sentence\n"
                        "    min: 3\n";
    ck_assert_str_eq(found(rules, "Two thirds of them, three hundred thousand, 40 more."),
                     "Two thirds of them, three hundred thousand, 40");
    ck_assert_str_eq(found(rules, "We saw 3 million, three hundred and 40 more."),
                     "3 million, three hundred and 40");
    /* "3 million" is one figure, a two-year-old is none */
    ck_assert_str_eq(found(rules, "We saw 3 million and a two-year-old, and 40."), "");
    ck_assert_str_eq(found(rules, "Three hundred. Two thousand. 40."), "");
    /* without the list, words are words */
    const char *plain = EN DENSITY("d") "    count: [number]\n    unit: sentence\n    min: 3\n";
    ck_assert_str_eq(found(plain, "Two thirds of them, three hundred thousand, 40 more."), "");
}
END_TEST

/* A small cardinal is a figure only as a head count: right before a
 * `head-count-people` entry, with only a space or a hyphen between. A
 * compound cardinal that ends in one ("twenty-two women") stays one
 * figure, whichever list's hit starts first. */
START_TEST(match_density_counts_head_counts)
{
    const char *rules = "ruleset: t\nlanguage: en\nguidance: g\nlists:\n"
                        "  number-words: [hundred, twenty two]\n"
                        "  head-count-numbers: [two, five, twenty]\n"
                        "  head-count-people: [women, teenage, asylum seekers]\n"
                        "rules:\n" DENSITY("d") "    count: [number]\n    unit: sentence\n"
                        "    min: 3\n";
    ck_assert_str_eq(found(rules, "Five women, two teenage girls and 40 men came."),
                     "Five women, two teenage girls and 40");
    ck_assert_str_eq(found(rules, "Five asylum seekers, two women and 40 more."),
                     "Five asylum seekers, two women and 40");
    /* not before people, or not right before them: no figure */
    ck_assert_str_eq(found(rules, "Five countries, two years and 40 men."), "");
    ck_assert_str_eq(found(rules, "Five, women said, two and 40 men."), "");
    /* "twenty two women" is one figure, not two (the compound's hit and
     * the head count overlap) */
    ck_assert_str_eq(found(rules, "Twenty two women and 40 men."), "");
    ck_assert_str_eq(found(rules, "Twenty two women, 40 men and 3 boys."),
                     "Twenty two women, 40 men and 3");
}
END_TEST

/* Class 6 of issue 7: a caption's first sentence is the picture, the rest
 * is background; what the picture sentence shows is one finding. */
START_TEST(match_picture_scope_reads_the_first_caption_sentence)
{
    const char *rules = EN TERM("boat") "    scope: [picture]\n"
                        "    terms:\n      - match: small boats\n        as: phrase\n"
                        TERM("gas") "    scope: [picture]\n"
                        "    terms:\n      - match: tear gas\n        as: phrase\n"
                        TERM_IN("d", "dead") "    scope: [caption]\n"
                        "    terms:\n      - match: capsized\n        as: phrase\n";
    /* background: the second sentence */
    ck_assert_str_eq(found_md(rules, "![A family in Dover. They came in small boats.](x.jpg)\n"),
                     "");
    ck_assert_str_eq(found_md(rules, "![Small boats in Dover. Wind rose.](x.jpg)\n"),
                     "Small boats");
    /* a caption-wide rule still reads the background */
    ck_assert_str_eq(found_md(rules, "![A vigil. The boat capsized.](x.jpg)\n"), "capsized");
    /* body text is not a picture */
    ck_assert_str_eq(found_md(rules, "They came in small boats.\n"), "");
    /* one picture sentence, one category: one finding over both */
    run x;
    lint_full(&x, rules, NULL, "![Small boats and tear gas at the port. Small boats.](x.jpg)\n",
              FL_FORMAT_MARKDOWN, NULL);
    ck_assert_str_eq(describe(&x, 0), "Small boats and tear gas");
    done(&x);
}
END_TEST

/* Class 9 of issue 7: the name of a law or a body is a name, reported at
 * most as a suggestion and never rewritten; a title-case headline is not
 * a name. */
START_TEST(match_names_are_suggestions_without_rewrites)
{
    const char *rules = "ruleset: t\nlanguage: en\nguidance: g\n"
                        "lists:\n  name-heads: [Bill, Act]\nrules:\n"
                        TERM("r") "    severity: error\n"
                        "    terms:\n      - match: illegal migration\n"
                        "        suggest: [irregular migration]\n";
    run x;
    lint(&x, rules, "The Illegal Migration Bill passed. Illegal Migration Rises Again.");
    ck_assert_uint_eq(fl_findings_count(x.f), 2);
    ck_assert_int_eq(fl_finding_severity(at(&x, 0)), FL_SEVERITY_SUGGESTION);
    ck_assert_uint_eq(fl_finding_suggestion_count(at(&x, 0)), 0);
    ck_assert_str_eq(fl_finding_message(at(&x, 0)), "In a name: Illegal Migration");
    ck_assert_int_eq(fl_finding_severity(at(&x, 1)), FL_SEVERITY_ERROR);
    ck_assert_uint_eq(fl_finding_suggestion_count(at(&x, 1)), 1);
    done(&x);
    /* a declared name, in any case */
    fl_ruleset *rs = NULL;
    fl_error err = FL_ERROR_INIT;
    ck_assert_int_eq(fl_ruleset_new(&rs, NULL, &err), FL_OK);
    ck_assert_int_eq(fl_ruleset_add_buffer(rs, "t.yml", rules, strlen(rules), &err), FL_OK);
    ck_assert_int_eq(fl_ruleset_add_name(rs, "Stop Illegal Migration campaign", &err), FL_OK);
    ck_assert_int_eq(fl_ruleset_add_name(rs, "", &err), FL_EINVAL);
    ck_assert_int_eq(fl_ruleset_compile(rs, &err), FL_OK);
    ck_assert_int_eq(fl_ruleset_add_name(rs, "late", &err), FL_EINVAL);
    fl_document *doc = NULL;
    const char *text = "They joined the stop illegal migration campaign.";
    ck_assert_int_eq(fl_document_new(&doc, NULL, "a.txt", text, strlen(text),
                                     FL_FORMAT_PLAIN, &err), FL_OK);
    fl_findings *f = NULL;
    ck_assert_int_eq(fl_lint(&f, rs, doc, NULL, &err), FL_OK);
    ck_assert_uint_eq(fl_findings_count(f), 1);
    ck_assert_int_eq(fl_finding_severity(fl_findings_at(f, 0)), FL_SEVERITY_SUGGESTION);
    fl_findings_free(f);
    fl_document_free(doc);
    fl_ruleset_free(rs);
}
END_TEST

#define TOPIC_RULE                                                             \
    EN TERM("r") "    context:\n      - { near: topic, in: document }\n"       \
    "    terms:\n      - match: flood of\n        as: phrase\n"                \
    "lists:\n  topic: [asylum, migrants, refugees]\n"


/* A block with no hit and no number (lint.c's quiet block) is not given
 * to the matchers, but it still counts: its words toward the document's
 * topic share, its heading as the title, its sentences in the passage
 * (one pushes the older sentence back, two push it out). */
START_TEST(match_quiet_blocks_count_and_move_the_passage)
{
    const char *passage = EN TERM("r") "    context: { near: [migrants], in: passage }\n"
                          "    terms:\n      - match: these people\n        as: phrase\n";
    ck_assert_str_eq(found_md(passage, "Migrants came.\n\nIt rained.\n\nWe saw these people.\n"),
                     "these people");
    ck_assert_str_eq(found_md(passage, "Migrants came.\n\nIt rained. It was cold.\n\n"
                                       "We saw these people.\n"), "");
    ck_assert_str_eq(found_md(passage, "Migrants came.\n\nIt rained.\n\nIt was cold.\n\n"
                                       "We saw these people.\n"), "");
    ck_assert_str_eq(found_md(passage, "Migrants came.\n\nOk.\n\nIt rained. It was cold.\n\n"
                                       "We saw these people.\n"), "");
    ck_assert_str_eq(found_md(passage, "Migrants came.\n\n# Rain\n\nWe saw these people.\n"), "");
    /* one topic hit licenses 150 words: 108 here, 158 with a third
     * paragraph of filler */
    char doc[8192] = "Migrants landed today.\n\n";
    for (int p = 0; p < 3; p++) {
        for (int i = 0; i < 10; i++)
            strcat(doc, "Shares rose and bonds fell. ");
        strcat(doc, "\n\n");
        if (p == 1) {
            /* room for all of doc and the sentence: the sanitizer build's
             * -Wformat-truncation cannot know doc holds 1.6 KB */
            char two[sizeof doc + 32];
            snprintf(two, sizeof two, "%sA flood of them, again.\n", doc);
            ck_assert_str_eq(found_md(TOPIC_RULE, two), "flood of");
        }
    }
    strcat(doc, "A flood of them, again.\n");
    ck_assert_str_eq(found_md(TOPIC_RULE, doc), "");
    /* the first heading is the title, even one with no hit */
    char titled[8192] = "# The weather\n\n# Asylum news\n\n";
    for (int i = 0; i < 110; i++)
        strcat(titled, "Shares rose and bonds fell. ");
    strcat(titled, "\n\nA flood of them, again.\n");
    ck_assert_str_eq(found_md(TOPIC_RULE, titled), "");
    ck_assert_str_eq(found_md(TOPIC_RULE, titled + 15), "flood of");
}
END_TEST

/* Class 2 of issue 7: the document's topic licenses a metaphor in a
 * sentence that does not repeat the migration word, and only then. */
START_TEST(match_document_gate_reads_title_and_density)
{
    /* the title is about asylum */
    ck_assert_str_eq(found_md(TOPIC_RULE, "# Asylum in our town\n\nThe council met.\n\n"
                                          "A flood of families came.\n"), "flood of");
    /* a short post whose other paragraph names migrants */
    ck_assert_str_eq(found_md(TOPIC_RULE, "Migrants landed today.\n\n"
                                          "A flood of them, again.\n"), "flood of");
    /* a long markets report that names refugees once in passing */
    char report[8192] = "# Markets this week\n\n";
    for (int i = 0; i < 40; i++)
        strcat(report, "Shares rose and bonds fell as traders sold. ");
    strcat(report, "\n\nA flood of orders came. Refugees were not mentioned.\n");
    ck_assert_str_eq(found_md(TOPIC_RULE, report), "");
    /* the same report about asylum in its title */
    memcpy(report, "# Asylum this week", 18);
    ck_assert_str_eq(found_md(TOPIC_RULE, report), "flood of");
}
END_TEST

/* `n` paragraphs of `unit`, linted with `rules`: the findings kept, and
 * where a notice says not all were kept (SIZE_MAX: no such notice). */
static size_t findings_past_the_limit(const char *rules, const char *unit, size_t n,
                                      size_t *lost_at)
{
    size_t len = strlen(unit);
    char *text = malloc(n * len + 1);
    ck_assert_ptr_nonnull(text);
    for (size_t i = 0; i < n; i++)
        memcpy(text + i * len, unit, len);
    text[n * len] = '\0';
    run x;
    lint(&x, rules, text);
    size_t kept = fl_findings_count(x.f);
    *lost_at = SIZE_MAX;
    for (size_t i = 0; i < fl_findings_notice_count(x.f); i++) {
        size_t off;
        if (strstr(fl_findings_notice(x.f, i, &off), "more findings than the limit"))
            *lost_at = off;
    }
    done(&x);
    free(text);
    return kept;
}

/* Past FL_MAX_FINDINGS, findings that wait on the document's topic are
 * lost only if the topic holds: a long draft about orders lost nothing,
 * though its candidates filled the list before the topic was settled (it
 * once said "… more findings were not kept" and printed none). */
START_TEST(match_findings_past_the_limit_that_wait_on_a_topic)
{
    size_t lost;
    ck_assert_uint_eq(findings_past_the_limit(TOPIC_RULE, "A flood of orders.\n\n",
                                              FL_MAX_FINDINGS + 10, &lost), 0);
    ck_assert_uint_eq(lost, SIZE_MAX);
    ck_assert_uint_eq(findings_past_the_limit(TOPIC_RULE, "A flood of asylum.\n\n",
                                              FL_MAX_FINDINGS + 10, &lost), FL_MAX_FINDINGS);
    ck_assert_uint_eq(lost, FL_MAX_FINDINGS * strlen("A flood of asylum.\n\n") + 2);
}
END_TEST

/* The limit counts findings, not candidates: a span inside another of its
 * category is one finding, so a draft with two candidates a sentence
 * keeps FL_MAX_FINDINGS findings, the first ones, and says where the
 * first was lost (it once kept half as many and said twice as many were
 * lost). */
START_TEST(match_findings_limit_counts_what_is_reported)
{
    const char *rules = EN TERM("outer") "    terms:\n      - match: flood of migrants\n"
                        "        as: phrase\n" TERM("inner") FLOOD;
    const char *unit = "A flood of migrants.\n\n";
    size_t lost;
    ck_assert_uint_eq(findings_past_the_limit(rules, unit, FL_MAX_FINDINGS + 10, &lost),
                      FL_MAX_FINDINGS);
    ck_assert_uint_eq(lost, FL_MAX_FINDINGS * strlen(unit) + 2);
    ck_assert_uint_eq(findings_past_the_limit(rules, unit, FL_MAX_FINDINGS, &lost),
                      FL_MAX_FINDINGS);
    ck_assert_uint_eq(lost, SIZE_MAX);
}
END_TEST

/* Making room past the limit takes out nothing that a finding still
 * waiting on its topic holds: here the topic never holds, so the plain
 * "flood" inside each "flood of" is what the draft has. */
START_TEST(match_findings_limit_keeps_what_a_waiting_finding_holds)
{
    const char *rules = EN TERM("outer") "    context:\n      - { near: topic, in: document }\n"
                        "    terms:\n      - match: flood of\n        as: phrase\n"
                        TERM("inner") FLOOD "lists:\n  topic: [asylum]\n";
    size_t lost;
    size_t kept = findings_past_the_limit(rules, "A flood of orders.\n\n", FL_MAX_FINDINGS + 10,
                                          &lost);
    ck_assert_uint_ge(kept, FL_MAX_FINDINGS / 2);
    ck_assert_uint_ne(lost, SIZE_MAX);
}
END_TEST

/* A document gate inside a group decides only when the rest of the group
 * does not: here a word in the sentence settles it at once. */
START_TEST(match_document_gate_in_a_group)
{
    const char *rules = EN TERM("r") "    context:\n"
                        "      - any: [{ near: [migrants] }, { near: topic, in: document }]\n"
                        "    terms:\n      - match: flood of\n        as: phrase\n"
                        "lists:\n  topic: [asylum]\n";
    ck_assert_str_eq(found(rules, "Shares fell. A flood of migrants came."), "flood of");
    ck_assert_str_eq(found(rules, "Shares fell. A flood of orders came."), "");
    ck_assert_str_eq(found(rules, "Asylum claims fell. A flood of orders came."), "flood of");
}
END_TEST

START_TEST(match_unless_gate_vetoes)
{
    const char *rules = EN TERM("r") FLOOD "    unless: {near: [rain, river], within: 5}\n";
    ck_assert_str_eq(found(rules, "A flood of rain."), "");
    ck_assert_str_eq(found(rules, "The river saw a flood."), "");
    ck_assert_str_eq(found(rules, "A flood of people."), "flood");
}
END_TEST

START_TEST(match_except_vetoes_only_overlapping_match)
{
    const char *rules = EN TERM("r") "    terms:\n      - match: wave\n        as: phrase\n"
                        "    except: [heat wave]\n";
    run x;
    const char *text = "A heat wave and a wave of refugees.";
    lint(&x, rules, text);
    ck_assert_uint_eq(fl_findings_count(x.f), 1);
    ck_assert_uint_eq(fl_finding_offset(at(&x, 0)), (size_t)(strstr(text, "a wave") + 2 - text));
    done(&x);
}
END_TEST

START_TEST(match_allowed_words_veto_overlapping_terms)
{
    run x;
    const char *text = "The flood plain and the flood.";
    lint_full(&x, EN TERM("r") FLOOD, "Flood Plain", text, FL_FORMAT_PLAIN, NULL);
    ck_assert_uint_eq(fl_findings_count(x.f), 1);
    ck_assert_uint_eq(fl_finding_offset(at(&x, 0)), (size_t)(strrchr(text, 'f') - text));
    done(&x);
}
END_TEST

/* --- one rule, many matches -------------------------------------------------- */

START_TEST(match_longest_match_wins_within_rule)
{
    const char *rules = EN TERM("r") "    terms:\n      - match: [flood, flood of]\n"
                        "        as: phrase\n";
    ck_assert_str_eq(found(rules, "A flood of people and a flood."), "flood of|flood");
}
END_TEST

START_TEST(match_two_categories_on_one_span_give_two_findings)
{
    run x;
    lint(&x, EN TERM("a") FLOOD TERM_IN("d", "b") FLOOD, "A flood.");
    ck_assert_str_eq(describe(&x, 1), "t.a:flood|t.b:flood");
    done(&x);
}
END_TEST

/* Class 8 of issue 7: "illegal aliens" was reported by two rules, and
 * "aliens" once more; inside one category a span is one problem. */
START_TEST(match_one_category_reports_a_span_once)
{
    const char *rules = EN TERM("outer") "    terms:\n      - match: illegal aliens\n"
                        "        as: phrase\n"
                        TERM("inner") "    terms:\n      - match: aliens\n"
                        "        as: phrase\n"
                        TERM("same") "    terms:\n      - match: illegal aliens\n"
                        "        as: phrase\n";
    ck_assert_str_eq(found(rules, "They are illegal aliens. Aliens landed."),
                     "illegal aliens|Aliens");
    run x;
    lint(&x, rules, "They are illegal aliens.");
    ck_assert_str_eq(describe(&x, 1), "t.outer:illegal aliens");
    done(&x);
}
END_TEST

/* A weaker finding around a stronger one hides nothing. */
START_TEST(match_a_weaker_container_keeps_the_stronger_finding)
{
    const char *rules = EN TERM("outer") "    severity: suggestion\n"
                        "    terms:\n      - match: illegal aliens\n        as: phrase\n"
                        TERM("inner") "    severity: error\n"
                        "    terms:\n      - match: aliens\n        as: phrase\n";
    ck_assert_str_eq(found(rules, "They are illegal aliens."), "illegal aliens|aliens");
}
END_TEST

START_TEST(match_one_finding_per_span_per_rule)
{
    const char *rules = EN TERM("r") "    terms:\n      - match: [flood, Flood, FLOOD]\n"
                        "        forms: [floods]\n      - match: floods\n";
    ck_assert_str_eq(found(rules, "A flood and floods."), "flood|floods");
}
END_TEST

START_TEST(match_findings_are_sorted_by_offset)
{
    run x;
    const char *rules = EN TERM("a") "    terms:\n      - match: wave\n" TERM("b") FLOOD;
    lint(&x, rules, "A flood and a wave and a flood.");
    ck_assert_str_eq(describe(&x, 1), "t.b:flood|t.a:wave|t.b:flood");
    for (size_t i = 1; i < fl_findings_count(x.f); i++)
        ck_assert_uint_lt(fl_finding_offset(at(&x, i - 1)), fl_finding_offset(at(&x, i)));
    done(&x);
}
END_TEST

/* --- scopes and stems ----------------------------------------------------------- */

START_TEST(match_caption_rule_sees_alt_text_and_caption_lines_only)
{
    const char *rules = EN TERM("r") "    scope: [caption]\n"
                        "    terms:\n      - match: crowded boat\n";
    const char *text = "A crowded boat in prose.\n\n"
                       "![A crowded boat at sea](boat.png)\n\n"
                       "Caption: A crowded boat.\n";
    run x;
    lint_full(&x, rules, NULL, text, FL_FORMAT_MARKDOWN, NULL);
    ck_assert_uint_eq(fl_findings_count(x.f), 2);
    ck_assert_uint_eq(fl_finding_offset(at(&x, 0)), (size_t)(strstr(text, "![A") + 4 - text));
    ck_assert_uint_eq(fl_finding_offset(at(&x, 1)),
                      (size_t)(strstr(text, "Caption: A") + 11 - text));
    done(&x);
}
END_TEST

START_TEST(match_stems_match_compounds_longest_first)
{
    const char *rules = DE TERM("flut") "    terms:\n      - match: '*flut'\n"
                        TERM("anten") "    terms:\n      - match: '*antenflut'\n"
                        TERM("asyl") "    terms:\n      - match: 'asyl*'\n";
    run x;
    lint_full(&x, rules, NULL, "Die Flüchtlingsflut, die Asylantenflut, der Asylantrag "
              "und die Flut.", FL_FORMAT_PLAIN, "de");
    ck_assert_str_eq(describe(&x, 1), "t.flut:Flüchtlingsflut|t.anten:Asylantenflut|"
                     "t.asyl:Asylantrag|t.flut:Flut");
    done(&x);
}
END_TEST

/* --- proximity ------------------------------------------------------------------ */

#define US_THEM PROXIMITY("p") "    near: [[we, our], [migrants]]\n    within: 4\n"

START_TEST(match_proximity_fires_once_per_sentence)
{
    ck_assert_str_eq(found(EN US_THEM, "We and our migrants."), "We and our migrants");
    ck_assert_str_eq(found(EN US_THEM, "We and our migrants. Our migrants."),
                     "We and our migrants|Our migrants");
    ck_assert_str_eq(found(EN US_THEM, "We had a long, slow, dull day with migrants."), "");
}
END_TEST

START_TEST(match_proximity_needs_every_list)
{
    const char *rules = EN PROXIMITY("p") "    near: [[we], [migrants], [jobs]]\n";
    ck_assert_str_eq(found(rules, "We see migrants."), "");
    ck_assert_str_eq(found(rules, "We see migrants take jobs."), "We see migrants take jobs");
    ck_assert_str_eq(found(rules, "We see migrants. They take jobs."), "");
}
END_TEST

START_TEST(match_proximity_respects_context_and_unless)
{
    const char *rules = EN US_THEM "    context: {near: [border]}\n"
                        "    unless: {near: [welcome]}\n";
    ck_assert_str_eq(found(rules, "We see migrants."), "");
    ck_assert_str_eq(found(rules, "We see migrants at the border."), "We see migrants");
    ck_assert_str_eq(found(rules, "We welcome migrants at the border."), "");
}
END_TEST

/* --- density -------------------------------------------------------------------- */

static const char *messages(const char *rules, const char *text)
{
    static char out[1024];
    run x;
    lint(&x, rules, text);
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < fl_findings_count(x.f) && used < sizeof out; i++)
        used += (size_t)snprintf(out + used, sizeof out - used, "%s%s", i ? "|" : "",
                                 fl_finding_message(at(&x, i)));
    done(&x);
    return out;
}

/* Numbers that name rather than count: references, footnote markers, names
 * with a number, text-speak. */
START_TEST(match_density_ignores_labels_and_names_with_numbers)
{
    const char *rules = EN DENSITY("d") "    count: [number, percent, money]\n    min: 3\n";
    const char *labels = "1) Applicants[1] in the EU-27 rose (Figure 1, Table 2, p. 12) under "
                         "Title 42 and Article 8, with 5G and COVID-19 rules, says Abb. 3. "
                         "2- That is all.";
    ck_assert_str_eq(found(rules, labels), "");
    /* a numbered list run into one line */
    ck_assert_str_eq(found(rules, "We ask for 1) beds, 2) meals, 3) coats, 4) staff."), "");
    const char *counts = "Applicants[1] rose to 171 300 (Table 2), with 900 refused and 40 "
                         "appeals.";
    ck_assert_str_eq(messages(rules, counts), "3 figures");
}
END_TEST

START_TEST(match_density_ignores_years_dates_ordinals_and_compounds)
{
    const char *rules = EN DENSITY("d") "    count: [number, percent, money]\n    min: 3\n";
    const char *two = "In 2019, on 04/07/2019 at 10:30, the 21st group of 19-year-old "
                      "recruits got 5 beds and 6 meals.";
    ck_assert_str_eq(found(rules, two), "");
    const char *three = "In 2019, on 04/07/2019 at 10:30, the 21st group of 19-year-old "
                        "recruits got 5 beds, 6 meals and 7 coats.";
    ck_assert_str_eq(found(rules, three), "5 beds, 6 meals and 7");
    ck_assert_str_eq(messages(rules, three), "3 figures");
}
END_TEST

START_TEST(match_density_ignores_dates_with_month_names_and_groups_spaced_thousands)
{
    const char *rules = EN DENSITY("d") "    count: [number]\n    min: 2\n";
    /* a day next to its month is a date, in any of the four languages */
    ck_assert_str_eq(found(rules, "On 4 July and July 14 we met; on 12 mars, am 3. Oktober."), "");
    /* a wire caption's abbreviated month with its full stop */
    ck_assert_str_eq(found(rules, "Taken Tuesday, Aug. 8, 2023, and on Sept. 3."), "");
    /* …but a month written out ends its sentence at the stop */
    ck_assert_str_eq(found(rules, "It met on 27 December. 120 came and 51 left."), "120 came and 51");
    ck_assert_str_eq(found(rules, "It met in May. 120 came and 51 left."), "120 came and 51");
    /* a month with a comma before the figure is not a date */
    ck_assert_str_eq(found(rules, "In March, 4,200 came and 5,100 left."), "4,200 came and 5,100");
    /* "12 500" is one figure; "in 2019 500" is a year and a figure */
    ck_assert_str_eq(found(rules, "Il y a eu 12 500 demandes."), "");
    ck_assert_str_eq(found(rules, "Il y a eu 12\xc2\xa0" "500 et 1 250 000 demandes."),
                     "12\xc2\xa0" "500 et 1 250 000");
    ck_assert_str_eq(found(rules, "In 2019 500 people came."), "");
}
END_TEST

START_TEST(match_density_classifies_percent_and_money)
{
    const char *percent = EN DENSITY("d") "    count: [percent]\n    min: 1\n";
    const char *number = EN DENSITY("d") "    count: [number]\n    min: 1\n";
    const char *money = EN DENSITY("d") "    count: [money]\n    min: 1\n";
    ck_assert_str_eq(found(percent, "Some 45 per cent of people agree."), "45 per cent");
    ck_assert_str_eq(found(number, "Some 45 per cent of people agree."), "");
    ck_assert_str_eq(found(money, "It cost \xe2\x82\xac" "2bn last year."), "\xe2\x82\xac" "2bn");
    ck_assert_str_eq(found(money, "Il a co\xc3\xbbt\xc3\xa9 4 200 \xe2\x82\xac."), "4 200 \xe2\x82\xac");
    ck_assert_str_eq(found(number, "It cost \xe2\x82\xac" "2bn last year."), "");
}
END_TEST

START_TEST(match_density_counts_per_paragraph)
{
    const char *text = "We had 4 beds and 5 cots. We had 6 tents.";
    ck_assert_str_eq(found(EN DENSITY("d") "    count: number\n    min: 3\n"
                           "    unit: paragraph\n", text), "4 beds and 5 cots. We had 6");
    ck_assert_str_eq(found(EN DENSITY("d") "    count: number\n    min: 3\n", text), "");
}
END_TEST

/* fl__match_density passes over a rule whose every unit holds fewer
 * figures than its `min`, or too few for its share of a paragraph's words
 * (out_of_reach): each kind of unit still fires when it holds exactly
 * `min` (or exactly the share, with exactly min-words), counted as the
 * rule counts them, in a block where no smaller unit reaches it, and not
 * at one fewer. */
START_TEST(match_density_fires_at_exactly_min_in_every_unit)
{
    const char *sentence = EN DENSITY("d") "    count: [percent]\n    min: 2\n";
    ck_assert_str_eq(found(sentence, "We had 1 and 2. Up 3% and 4%. Then 5."), "3% and 4%");
    ck_assert_str_eq(found(sentence, "We had 1 and 2. Up 3% and 4. Then 5."), "");
    const char *paragraph = EN DENSITY("d") "    count: [number]\n    min: 3\n"
                            "    unit: paragraph\n";
    ck_assert_str_eq(found(paragraph, "We had 4 beds. Then 5 cots. And 6 tents."),
                     "4 beds. Then 5 cots. And 6");
    ck_assert_str_eq(found(paragraph, "We had 4 beds. Then 5 cots. And tents."), "");
    /* a share of the paragraph's words: 3 figures among 7 words is 30 in 100 */
    const char *share = EN DENSITY("d") "    count: [number]\n    per-100-words: 30\n"
                        "    min-words: 7\n    unit: paragraph\n";
    const char *share31 = EN DENSITY("d") "    count: [number]\n    per-100-words: 31\n"
                          "    min-words: 7\n    unit: paragraph\n";
    const char *longer = EN DENSITY("d") "    count: [number]\n    per-100-words: 30\n"
                         "    min-words: 8\n    unit: paragraph\n";
    ck_assert_str_eq(found(share, "We had 4 beds. Then 5 cots. And 6 tents."),
                     "4 beds. Then 5 cots. And 6");
    ck_assert_str_eq(found(share31, "We had 4 beds. Then 5 cots. And 6 tents."), "");
    ck_assert_str_eq(found(longer, "We had 4 beds. Then 5 cots. And 6 tents."), "");
    const char *runs = EN DENSITY("d") "    count: [number]\n    min: 2\n    run: 2\n";
    ck_assert_str_eq(found(runs, "We had 1 and 2. Then 3 and 4."), "1 and 2. Then 3 and 4");
    ck_assert_str_eq(found(runs, "We had 1 and 2. Then 3 and four."), "");
    /* a passage's figures before the block count toward its min */
    const char *passage = EN DENSITY("p") "    count: [number]\n    unit: passage\n"
                          "    min: 4\n    sentence-max: 3\n";
    ck_assert_str_eq(found_md(passage, "We had 10 and 20.\n\nThen 30.\n\nThen 40.\n"),
                     "10 and 20.\n\nThen 30.\n\nThen 40");
    ck_assert_str_eq(found_md(passage, "We had 10 and 20.\n\nThen 30.\n\nThen forty.\n"), "");
    ck_assert_str_eq(found_md(passage, "We had 10 and 20.\n\nThen 30 and 40.\n"),
                     "10 and 20.\n\nThen 30 and 40");
}
END_TEST

START_TEST(match_density_per_100_words_needs_min_words)
{
    const char *rules = EN DENSITY("d") "    count: number\n    per-100-words: 20\n"
                        "    min-words: 10\n";
    ck_assert_str_eq(found(rules, "We had 4 beds, 5 cots and 6 tents in the old town hall."),
                     "4 beds, 5 cots and 6");
    ck_assert_str_eq(found(rules, "Got 4, 5 and 6."), "");
    ck_assert_str_eq(found(rules, "We had 4 beds in the old town hall for the people who "
                                  "came to stay with us over the long cold winter."), "");
}
END_TEST

/* --- patterns ------------------------------------------------------------------- */

START_TEST(match_pattern_trigger_skips_sentences_without_it)
{
    const char *rules = EN PATTERN("p") "    pattern: 'boats?'\n"
                        "    trigger: {near: [crowded]}\n";
    const char *text = "A crowded boat. A boat. Boats, crowded ones.";
    run x;
    lint(&x, rules, text);
    ck_assert_str_eq(describe(&x, 0), "boat|Boats");
    ck_assert_uint_eq(fl_finding_offset(at(&x, 0)), 10);
    done(&x);
}
END_TEST

/* A pattern's first FL_REGEX_INTERPRETED runs in a document are
 * interpreted and later ones JIT-run: a short draft compiles nothing, a
 * long one compiles the pattern once it has run that often, and both find
 * every match. */
START_TEST(match_pattern_is_compiled_only_after_many_runs_in_a_document)
{
    const char *rules = EN PATTERN("p") "    pattern: 'boats?'\n";
    char text[8192] = "";
    for (int i = 0; i < FL_REGEX_INTERPRETED + 10; i++)
        strcat(text, "A boat. ");
    size_t short_len = 8 * 10, long_len = strlen(text);
    fl_ruleset *rs = compile_rules(rules, NULL);
    const fl_rule *r = fl_ruleset_find(rs, "t.p");
    ck_assert_ptr_nonnull(r);
    size_t lens[2] = {short_len, long_len};
    for (int k = 0; k < 2; k++) {
        fl_document *doc = NULL;
        fl_findings *f = NULL;
        ck_assert_int_eq(fl_document_new(&doc, NULL, "d.txt", text, lens[k], FL_FORMAT_PLAIN,
                                         NULL), FL_OK);
        ck_assert_int_eq(fl_lint(&f, rs, doc, NULL, NULL), FL_OK);
        ck_assert_uint_eq(fl_findings_count(f), lens[k] / 8);
        ck_assert_int_eq(atomic_load(&r->jitted), k);
        fl_findings_free(f);
        fl_document_free(doc);
    }
    fl_ruleset_free(rs);
}
END_TEST

/* With two trigger lists a pattern runs only on a sentence that has a hit
 * of each, in either order; a hit of the second in the sentence before or
 * after does not count. The second list is read only by the trigger here
 * and by a gate with a reach, which alone would leave it to be looked up
 * word by word (fl__lazy_lists): the trigger needs its hits recorded. */
START_TEST(match_pattern_two_trigger_lists_both_in_the_sentence)
{
    const char *rules = "ruleset: t\nlanguage: en\nguidance: g\nlists:\n"
                        "  little: [small, tiny]\nrules:\n" TERM("r") FLOOD
                        "    context: {near: little, within: 2}\n" PATTERN("p")
                        "    pattern: 'boats?'\n"
                        "    trigger: [{near: [crowded]}, little]\n";
    const char *text = "A crowded boat. Small. A small crowded boat. Tiny boats, crowded "
                       "ones. A crowded boat. A small boat.";
    run x;
    lint(&x, rules, text);
    ck_assert_str_eq(describe(&x, 0), "boat|boats");
    ck_assert_uint_eq(fl_finding_offset(at(&x, 0)), (size_t)(strstr(text, "boat. Tiny") - text));
    done(&x);
    /* The second list written inline, and as a list of gates */
    const char *inline_words = EN PATTERN("p") "    pattern: 'boats?'\n"
                               "    trigger: [{near: [crowded]}, {near: [small]}]\n";
    ck_assert_str_eq(found(inline_words, "A crowded boat. A small crowded boat."), "boat");
    ck_assert_str_eq(found(inline_words, "Small. A crowded boat."), "");
    ck_assert_str_eq(found(inline_words, "A crowded boat. Small."), "");
}
END_TEST

START_TEST(match_pattern_caret_is_sentence_start)
{
    const char *rules = EN PATTERN("p") "    pattern: '^myth'\n";
    const char *text = "Myth one. This is a myth. Myth two.";
    run x;
    lint(&x, rules, text);
    ck_assert_uint_eq(fl_findings_count(x.f), 2);
    ck_assert_uint_eq(fl_finding_offset(at(&x, 0)), 0);
    ck_assert_uint_eq(fl_finding_offset(at(&x, 1)), (size_t)(strstr(text, "Myth two") - text));
    done(&x);
}
END_TEST

START_TEST(match_pattern_fills_groups_in_suggestions)
{
    const char *rules = EN PATTERN("p") "    pattern: '(\\w+) hordes'\n"
                        "    suggest: ['$1 groups']\n";
    run x;
    lint(&x, rules, "They said huge hordes came.");
    ck_assert_str_eq(describe(&x, 0), "huge hordes");
    ck_assert_uint_eq(fl_finding_suggestion_count(at(&x, 0)), 1);
    ck_assert_str_eq(fl_finding_suggestion(at(&x, 0), 0), "huge groups");
    done(&x);
}
END_TEST

START_TEST(match_pattern_dollar_is_sentence_end_after_its_punctuation)
{
    /* With a rewrite the finding is the regex's own span, punctuation and
     * all; without one it is the words the match covers. */
    const char *rules = EN PATTERN("p") "    pattern: '\\w+[.?]$'\n    suggest: [x]\n";
    ck_assert_str_eq(found(rules, "It ends. Why come? He said \"no.\" Last one"),
                     "ends.|come?");
    rules = EN PATTERN("p") "    pattern: '\\w+[.?]$'\n";
    ck_assert_str_eq(found(rules, "It ends. Why come? He said \"no.\" Last one"),
                     "ends|come");
}
END_TEST

START_TEST(match_pattern_ignores_zero_width_matches)
{
    ck_assert_str_eq(found(EN PATTERN("p") "    pattern: 'x*'\n", "ab xx and x."), "xx|x");
    ck_assert_str_eq(found(EN PATTERN("p") "    pattern: '(?=they)'\n", "So they came."), "");
}
END_TEST

/* A backtracking bomb must end in a notice, not a hang. */
static void expect_match_limit(const char *pattern, char fill, char last)
{
    char rules[512];
    snprintf(rules, sizeof rules, EN PATTERN("p") "    pattern: '%s'\n", pattern);
    size_t len = 30000;
    char *text = malloc(len + 1);
    ck_assert_ptr_nonnull(text);
    memset(text, fill, len);
    text[len - 1] = last;
    text[len] = '\0';
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    run x;
    lint(&x, rules, text);
    double took = seconds_since(&t0);
    ck_assert_uint_eq(fl_findings_count(x.f), 0);
    ck_assert_uint_eq(fl_findings_notice_count(x.f), 1);
    const char *notice = fl_findings_notice(x.f, 0, NULL);
    ck_assert_msg(strstr(notice, "match limit") != NULL, "notice: %s", notice);
    ck_assert_msg(took < 3.0, "%s took %.2f s", pattern, took);
    done(&x);
    free(text);
}

START_TEST(match_pattern_catastrophic_regex_gives_notice_promptly)
{
    expect_match_limit("(a+)+$", 'a', 'b');
    /* "(x+x+)+y" itself fails fast: PCRE2 first looks for the required 'y'. */
    expect_match_limit("(x+x+)+[yz]", 'x', 'x');
}
END_TEST

/* --- hashtags and quotations --------------------------------------------------------- */

START_TEST(match_hashtag_is_reported_whole_without_rewrite)
{
    const char *rules = EN TERM("r") "    terms:\n      - match: invasion\n"
                        "        suggest: [arrival]\n";
    run x;
    lint(&x, rules, "Join #StopTheInvasion today, not the invasion.");
    ck_assert_str_eq(describe(&x, 0), "#StopTheInvasion|invasion");
    ck_assert_uint_eq(fl_finding_suggestion_count(at(&x, 0)), 0);
    ck_assert_uint_eq(fl_finding_suggestion_count(at(&x, 1)), 1);
    done(&x);
    /* a link glued to the tag is no part of it */
    lint(&x, rules, "Watch #MuslimInvasionhttps://t.co/AbCdEfGhIj now");
    ck_assert_str_eq(describe(&x, 0), "#MuslimInvasion");
    done(&x);
}
END_TEST

/* Class 5 of issue 7: a hashtag in any case style — one case throughout, or
 * capitals that do not fall on word boundaries — holds rule phrases written
 * without spaces. */
START_TEST(match_hashtag_finds_phrases_written_without_spaces)
{
    const char *rules = EN TERM("send") "    terms:\n      - match: send them back\n"
                        "        as: phrase\n"
                        TERM("welcome") "    context: { near: [refugees, migrants] }\n"
                        "    terms:\n      - match: not welcome\n        as: phrase\n"
                        TERM("invasion") "    terms:\n      - match: invasion\n";
    ck_assert_str_eq(found(rules, "Again. #sendthemback"), "#sendthemback");
    ck_assert_str_eq(found(rules, "Again. #SENDTHEMBACK!"), "#SENDTHEMBACK");
    ck_assert_str_eq(found(rules, "Again. #Send_them_back"), "#Send_them_back");
    /* the list word sits in the tag too, and satisfies the gate */
    ck_assert_str_eq(found(rules, "Read this #refugeesNOTwelcome"), "#refugeesNOTwelcome");
    ck_assert_str_eq(found(rules, "#StopTheInVasion #stoptheinvasion"),
                     "#StopTheInVasion|#stoptheinvasion");
    /* two tags written together are two tags */
    ck_assert_str_eq(found(rules, "#sendthem#backtoschool"), "");
}
END_TEST

/* A phrase may run from the text into a tag of one word, but not into the
 * first word of a longer tag, which is a word of its own. */
START_TEST(match_phrase_stops_at_a_longer_hashtag)
{
    const char *rules = EN TERM("real") "    terms:\n      - match: real Americans\n"
                        "        as: phrase\n";
    ck_assert_str_eq(found(rules, "Only real Americans vote."), "real Americans");
    ck_assert_str_eq(found(rules, "Only real #Americans vote."), "real #Americans");
    ck_assert_str_eq(found(rules, "The real #AmericansFirst vote."), "");
    ck_assert_str_eq(found(rules, "The real #Americans_United vote."), "");
    ck_assert_str_eq(found(rules, "#RealAmericansFirst"), "#RealAmericansFirst");
}
END_TEST

/* The scan's hits for a sentence with tags come in order of start, end and
 * entry, each once: the tag's joined hits merged into the word scan's, and a
 * word the tag splits off ("Invasion" of #StopTheInvasion) found by both is
 * kept once. */
START_TEST(match_hashtag_hits_are_merged_in_order_once)
{
    const char *rules = EN TERM("inv") "    terms:\n      - match: invasion\n"
                        TERM("stop") "    terms:\n      - match: stop the invasion\n"
                        "        as: phrase\n"
                        TERM("refugees") "    terms:\n      - match: refugees\n";
    fl_ruleset *rs = compile_rules(rules, NULL);
    const fl_matcher *m = fl__ruleset_matcher(rs, "en");
    ck_assert_ptr_nonnull(m);
    const char *text = "Invasion, they said: #StopTheInvasion #refugeesinvasion invasion.";
    const fl_allocator *a = fl__default_allocator();
    fl_tokenizer t;
    fl__tok_init(&t, a, m->vocab, text, strlen(text));
    fl__tok_begin_block(&t);
    fl_segment seg = {0, strlen(text), FL_SCOPE_PROSE, FL_SEG_BLOCK_START};
    ck_assert_int_eq(fl__tok_segment(&t, &seg), FL_OK);
    fl__tok_end_block(&t);
    fl_hit_vec hits = {0};
    const uint32_t one_sentence = 0;
    ck_assert_int_eq(fl__matcher_scan_block(m, text, t.toks.ptr, t.toks.len, &one_sentence, 1,
                                            FL_SCAN_AFFIXES | FL_SCAN_HASHTAGS, &hits, a),
                     FL_OK);
    /* invasion x4 (the word, the tag's word, the joined tag, the last
     * word), stop the invasion (the tag), refugees (joined) */
    ck_assert_uint_ge(hits.len, 6);
    for (size_t i = 1; i < hits.len; i++) {
        const fl_hit *p = &hits.ptr[i - 1], *h = &hits.ptr[i];
        int before = p->start != h->start ? p->start < h->start
                     : p->end != h->end   ? p->end < h->end
                                          : p->entry < h->entry;
        ck_assert_msg(before, "hit %zu (%u-%u, entry %u) is not after hit %zu (%u-%u, %u)", i,
                      h->start, h->end, h->entry, i - 1, p->start, p->end, p->entry);
    }
    FL_VEC_FREE(a, &hits);
    fl__tok_free(&t);
    fl_ruleset_free(rs);
}
END_TEST

/* lint scans a block's sentences in one call (fl__matcher_scan_block): the
 * hits are those of a scan per sentence, in a row, and no phrase runs on
 * over a sentence's end ("a flood. Of"). */
START_TEST(match_block_scan_is_the_sentence_scans_in_a_row)
{
    const char *rules = EN TERM("flood") "    terms:\n      - match: flood of\n"
                        "        as: phrase\n"
                        TERM("stop") "    terms:\n      - match: stop the invasion\n"
                        "        as: phrase\n"
                        TERM("inv") "    terms:\n      - match: invasion\n";
    fl_ruleset *rs = compile_rules(rules, NULL);
    const fl_matcher *m = fl__ruleset_matcher(rs, "en");
    ck_assert_ptr_nonnull(m);
    const char *text = "It was a flood. Of water, they said! Stop the invasion. "
                       "#StopTheInvasion now? A flood of refugees came. Stop the";
    const fl_allocator *a = fl__default_allocator();
    fl_tokenizer t;
    fl__tok_init(&t, a, m->vocab, text, strlen(text));
    fl__tok_begin_block(&t);
    fl_segment seg = {0, strlen(text), FL_SCOPE_PROSE, FL_SEG_BLOCK_START};
    ck_assert_int_eq(fl__tok_segment(&t, &seg), FL_OK);
    fl__tok_end_block(&t);
    /* the sentences as lint reads them: the first token starts one */
    uint32_t sentences[16];
    size_t n = 0;
    if (!t.starts.len || t.starts.ptr[0] != 0)
        sentences[n++] = 0;
    for (size_t i = 0; i < t.starts.len && n < 16; i++)
        sentences[n++] = t.starts.ptr[i];
    ck_assert_uint_eq(n, 6);
    unsigned may = FL_SCAN_AFFIXES | FL_SCAN_HASHTAGS;
    fl_hit_vec block = {0}, each = {0};
    ck_assert_int_eq(fl__matcher_scan_block(m, text, t.toks.ptr, t.toks.len, sentences, n,
                                            may, &block, a), FL_OK);
    for (size_t s = 0; s < n; s++) {
        size_t to = s + 1 < n ? sentences[s + 1] : t.toks.len;
        ck_assert_int_eq(fl__matcher_scan_block(m, text, t.toks.ptr, to, &sentences[s], 1, may,
                                                &each, a),
                         FL_OK);
    }
    ck_assert_uint_ge(each.len, 5);
    ck_assert_uint_eq(block.len, each.len);
    ck_assert_mem_eq(block.ptr, each.ptr, each.len * sizeof *each.ptr);
    FL_VEC_FREE(a, &block);
    FL_VEC_FREE(a, &each);
    fl__tok_free(&t);
    fl_ruleset_free(rs);
    ck_assert_str_eq(found(rules, "It was a flood. Of water, they said."), "");
    ck_assert_str_eq(found(rules, "Stop the. Invasion came."), "Invasion");
}
END_TEST

/* Only the rules' own phrases are looked for, and none shorter than
 * FL_JOINED_MIN letters, so tags that merely contain a short word, or a
 * word that is not a rule phrase on its own, stay clean. */
START_TEST(match_hashtag_search_needs_a_whole_phrase)
{
    const char *rules = EN TERM("swamp") "    terms:\n      - match: swamped by\n"
                        "        as: phrase\n"
                        TERM("wave") "    terms:\n      - match: wave of\n        as: phrase\n"
                        TERM("they") "    terms:\n      - match: they\n        as: phrase\n";
    ck_assert_str_eq(found(rules, "#DrainTheSwamp #heatwave #theyliveamongus"), "");
    ck_assert_str_eq(found(rules, "#swampedby and a #waveof"), "#swampedby|#waveof");
}
END_TEST

#define ILLEGAL EN TERM("r") "    severity: error\n    terms:\n"                 \
    "      - match: illegal immigrant\n        suggest: [undocumented migrant]\n"

START_TEST(match_quotation_of_term_alone_is_a_mention)
{
    ck_assert_str_eq(found(ILLEGAL, "Experts avoid the term \"illegal immigrants\"."), "");
    ck_assert_str_eq(found(ILLEGAL, "So-called \xe2\x80\x9cillegal immigrants\xe2\x80\x9d "
                                    "arrived."), "");
}
END_TEST

/* Where `text` first starts in the linted document. */
static size_t place(const run *x, const char *text)
{
    size_t len;
    const char *data = fl_document_data(x->doc, &len);
    const char *at_text = strstr(data, text);
    ck_assert_ptr_nonnull(at_text);
    return (size_t)(at_text - data);
}

/* The first `n` findings of `x` are the error rule's "invasion" reported
 * as a quotation: a severity lower, with no rewrite. */
static void reported_as_quotations(run *x, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ck_assert_int_eq(fl_finding_severity(at(x, i)), FL_SEVERITY_WARNING);
        ck_assert_uint_eq(fl_finding_suggestion_count(at(x, i)), 0);
        ck_assert_str_eq(fl_finding_message(at(x, i)), "In a quotation: invasion");
    }
}

/* A quoted word after a claim ("called them an 'invasion'") is the
 * speaker's claim, reported as a quotation; a mention cue before it, or no
 * claim word in its sentence, leaves it a mention. */
START_TEST(match_quoted_term_after_a_claim_is_reported)
{
    const char *rules = "ruleset: t\nlanguage: en\nguidance: g\n"
                        "lists:\n  claim-cues: [called, warned of]\n"
                        "  mention-cues: [so-called]\n  speech-verbs: [said]\nrules:\n"
                        TERM("r") "    severity: error\n"
                        "    terms:\n      - match: invasion\n        suggest: [arrival]\n";
    run x;
    lint(&x, rules, "She called the crossings an \xe2\x80\x9cinvasion\xe2\x80\x9d. "
                    "He said it was an 'invasion'. Few warned of an \"invasion\" then. "
                    "They mocked the \"invasion\". She called it a so-called \"invasion\".");
    ck_assert_str_eq(describe(&x, 0), "invasion|invasion|invasion");
    ck_assert_uint_lt(fl_finding_offset(at(&x, 2)), place(&x, "They"));
    reported_as_quotations(&x, 3);
    done(&x);
}
END_TEST

/* A quoted word the sentence goes on to use ("an 'invasion' of migrants")
 * is reported as a quotation, not passed over as a mention; "of" in the
 * next sentence, or none, leaves it a mention. */
START_TEST(match_quoted_term_used_with_of_is_reported)
{
    const char *rules = EN TERM("r") "    severity: error\n"
                        "    terms:\n      - match: invasion\n        suggest: [arrival]\n";
    run x;
    lint(&x, rules, "They feared an \xe2\x80\x9cinvasion\xe2\x80\x9d of migrants. "
                    "They mocked the \"invasion\". Of course they did. "
                    "The 'invasion' OF boats.");
    ck_assert_str_eq(describe(&x, 0), "invasion|invasion");
    ck_assert_uint_lt(fl_finding_offset(at(&x, 0)), place(&x, "They mocked"));
    ck_assert_uint_gt(fl_finding_offset(at(&x, 1)), place(&x, "Of course"));
    reported_as_quotations(&x, 2);
    done(&x);
}
END_TEST

START_TEST(match_longer_quotation_is_one_severity_lower)
{
    run x;
    lint(&x, ILLEGAL, "He said \"the illegal immigrants are here\" on Monday. "
                      "The illegal immigrants left.");
    ck_assert_str_eq(describe(&x, 0), "illegal immigrants|illegal immigrants");
    ck_assert_int_eq(fl_finding_severity(at(&x, 0)), FL_SEVERITY_WARNING);
    ck_assert_str_eq(fl_finding_message(at(&x, 0)), "In a quotation: illegal immigrants");
    ck_assert_int_eq(fl_finding_severity(at(&x, 1)), FL_SEVERITY_ERROR);
    ck_assert_str_eq(fl_finding_message(at(&x, 1)), "illegal immigrants");
    done(&x);
}
END_TEST

/* fl__list_first with the block's per-list start (list_at) answers as the
 * search over all list hits does: the same hit where the list has one at
 * or after `from`, and no hit of the list where it has none, even where
 * list_at is stale (a list without hits in this block). */
START_TEST(list_first_with_list_starts_agrees_with_the_search)
{
    static const fl_lhit lhits[] = {{1, 0, 1}, {1, 3, 4}, {1, 7, 9}, {4, 2, 3},
                                    {9, 1, 2}, {9, 5, 6}, {9, 6, 7}, {9, 8, 9}};
    size_t n = sizeof lhits / sizeof *lhits;
    uint32_t list_at[12];
    for (size_t i = 0; i < 12; i++)
        list_at[i] = (uint32_t)(i * 5 % 11); /* stale: anywhere, even past the end */
    list_at[1] = 0;
    list_at[4] = 3;
    list_at[9] = 4;
    fl_block plain = {0}, indexed = {0};
    plain.lhits = indexed.lhits = lhits;
    plain.nlhits = indexed.nlhits = n;
    indexed.list_at = list_at;
    for (uint32_t list = 0; list < 12; list++) {
        for (uint32_t from = 0; from < 11; from++) {
            size_t want = fl__list_first(&plain, list, from);
            size_t got = fl__list_first(&indexed, list, from);
            if (want < n && lhits[want].list == list)
                ck_assert_uint_eq(got, want);
            else
                ck_assert(got >= n || lhits[got].list != list);
        }
    }
}
END_TEST

Suite *suite_match(void)
{
    Suite *s = suite_create("match");
    TCase *tc = tcase_create("words");
    tcase_add_test(tc, list_first_with_list_starts_agrees_with_the_search);
    tcase_add_test(tc, match_folds_case_ligatures_and_accents);
    tcase_add_test(tc, match_phrase_stops_at_a_longer_hashtag);
    tcase_add_test(tc, match_generates_noun_plural);
    tcase_add_test(tc, match_generates_verb_forms);
    tcase_add_test(tc, match_phrase_generates_nothing_and_forms_are_literal);
    tcase_add_test(tc, match_phrase_crosses_line_break_not_sentence_or_paragraph);
    tcase_add_test(tc, match_hyphen_joins_words_both_ways);
    suite_add_tcase(s, tc);
    tc = tcase_create("gates");
    tcase_add_test(tc, match_within_gate_looks_both_sides);
    tcase_add_test(tc, match_before_and_after_gates_are_directional);
    tcase_add_test(tc, match_bounded_gate_ignores_words_inside_match);
    tcase_add_test(tc, match_paragraph_gate_spans_sentences_not_paragraphs);
    tcase_add_test(tc, match_gate_lists_read_on_demand_answer_as_recorded_ones);
    tcase_add_test(tc, match_scan_reads_words_that_start_phrases_words_or_both);
    tcase_add_test(tc, match_gate_groups_combine_any_and_all);
    tcase_add_test(tc, match_none_gate_holds_when_no_part_does);
    tcase_add_test(tc, match_named_gates_are_used_by_name);
    tcase_add_test(tc, match_passage_gate_reads_two_sentences_back);
    tcase_add_test(tc, match_names_are_suggestions_without_rewrites);
    tcase_add_test(tc, match_picture_scope_reads_the_first_caption_sentence);
    tcase_add_test(tc, match_density_passage_counts_across_paragraphs_once);
    tcase_add_test(tc, match_quiet_blocks_count_and_move_the_passage);
    tcase_add_test(tc, match_density_counts_number_words_once_per_run);
    tcase_add_test(tc, match_density_counts_head_counts);
    tcase_add_test(tc, match_document_gate_reads_title_and_density);
    tcase_add_test(tc, match_document_gate_in_a_group);
    tcase_add_test(tc, match_unless_gate_vetoes);
    tcase_add_test(tc, match_except_vetoes_only_overlapping_match);
    tcase_add_test(tc, match_allowed_words_veto_overlapping_terms);
    suite_add_tcase(s, tc);
    /* Each lints FL_MAX_FINDINGS paragraphs and more: seconds under the
     * sanitizers on a loaded machine, past Check's 4 s default. */
    tc = tcase_create("limits");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, match_findings_past_the_limit_that_wait_on_a_topic);
    tcase_add_test(tc, match_findings_limit_counts_what_is_reported);
    tcase_add_test(tc, match_findings_limit_keeps_what_a_waiting_finding_holds);
    suite_add_tcase(s, tc);
    tc = tcase_create("overlaps");
    tcase_add_test(tc, match_longest_match_wins_within_rule);
    tcase_add_test(tc, match_two_categories_on_one_span_give_two_findings);
    tcase_add_test(tc, match_one_category_reports_a_span_once);
    tcase_add_test(tc, match_a_weaker_container_keeps_the_stronger_finding);
    tcase_add_test(tc, match_one_finding_per_span_per_rule);
    tcase_add_test(tc, match_findings_are_sorted_by_offset);
    suite_add_tcase(s, tc);
    tc = tcase_create("scopes");
    tcase_add_test(tc, match_caption_rule_sees_alt_text_and_caption_lines_only);
    tcase_add_test(tc, match_stems_match_compounds_longest_first);
    suite_add_tcase(s, tc);
    tc = tcase_create("proximity");
    tcase_add_test(tc, match_proximity_fires_once_per_sentence);
    tcase_add_test(tc, match_proximity_needs_every_list);
    tcase_add_test(tc, match_proximity_respects_context_and_unless);
    suite_add_tcase(s, tc);
    tc = tcase_create("density");
    tcase_add_test(tc, match_density_ignores_years_dates_ordinals_and_compounds);
    tcase_add_test(tc, match_density_ignores_labels_and_names_with_numbers);
    tcase_add_test(tc, match_density_classifies_percent_and_money);
    tcase_add_test(tc, match_density_ignores_dates_with_month_names_and_groups_spaced_thousands);
    tcase_add_test(tc, match_density_counts_per_paragraph);
    tcase_add_test(tc, match_density_per_100_words_needs_min_words);
    tcase_add_test(tc, match_density_fires_at_exactly_min_in_every_unit);
    suite_add_tcase(s, tc);
    tc = tcase_create("patterns");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, match_pattern_trigger_skips_sentences_without_it);
    tcase_add_test(tc, match_pattern_is_compiled_only_after_many_runs_in_a_document);
    tcase_add_test(tc, match_pattern_two_trigger_lists_both_in_the_sentence);
    tcase_add_test(tc, match_pattern_caret_is_sentence_start);
    tcase_add_test(tc, match_pattern_fills_groups_in_suggestions);
    tcase_add_test(tc, match_pattern_dollar_is_sentence_end_after_its_punctuation);
    tcase_add_test(tc, match_pattern_ignores_zero_width_matches);
    tcase_add_test(tc, match_pattern_catastrophic_regex_gives_notice_promptly);
    suite_add_tcase(s, tc);
    tc = tcase_create("quotes");
    tcase_add_test(tc, match_hashtag_is_reported_whole_without_rewrite);
    tcase_add_test(tc, match_hashtag_finds_phrases_written_without_spaces);
    tcase_add_test(tc, match_hashtag_search_needs_a_whole_phrase);
    tcase_add_test(tc, match_hashtag_hits_are_merged_in_order_once);
    tcase_add_test(tc, match_block_scan_is_the_sentence_scans_in_a_row);
    tcase_add_test(tc, match_quotation_of_term_alone_is_a_mention);
    tcase_add_test(tc, match_quoted_term_after_a_claim_is_reported);
    tcase_add_test(tc, match_quoted_term_used_with_of_is_reported);
    tcase_add_test(tc, match_longer_quotation_is_one_severity_lower);
    suite_add_tcase(s, tc);
    return s;
}

/*
 * inflect: English forms straight from src/lib/inflect.h — plurals, verb
 * forms, which word of a phrase inflects, rewrites left alone when already
 * in form, a/an, and carrying the writer's case over to a rewrite.
 */
#include <check.h>
#include <string.h>

#include "buf.h"
#include "inflect.h"

/* Each test owns one buffer; the helpers clear it and return its text. */
static fl_buf out = FL_BUF_INIT(NULL);

static void setup(void)
{
    out = (fl_buf)FL_BUF_INIT(fl__default_allocator());
}

static void teardown(void)
{
    fl__buf_free(&out);
}

static const char *noun(const char *phrase, fl_form form)
{
    fl__buf_clear(&out);
    ck_assert_int_eq(fl__inflect_phrase(&out, phrase, form, FL_HEAD_NOUN), 1);
    return fl__buf_cstr(&out);
}

static const char *verb(const char *phrase, fl_form form)
{
    fl__buf_clear(&out);
    ck_assert_int_eq(fl__inflect_phrase(&out, phrase, form, FL_HEAD_VERB), 1);
    return fl__buf_cstr(&out);
}

static const char *rewrite(const char *text, fl_form form)
{
    fl__buf_clear(&out);
    ck_assert_int_eq(fl__inflect_rewrite(&out, text, form), FL_OK);
    return fl__buf_cstr(&out);
}

static const char *cased(const char *text, const char *model)
{
    fl__buf_clear(&out);
    ck_assert_int_eq(fl__inflect_case(&out, text, strlen(text), model, strlen(model)),
                     FL_OK);
    return fl__buf_cstr(&out);
}

/* --- plurals ---------------------------------------------------------------- */

START_TEST(plural_regular_es_and_ies)
{
    ck_assert_str_eq(noun("migrant", FL_FORM_PLURAL), "migrants");
    ck_assert_str_eq(noun("arrival", FL_FORM_PLURAL), "arrivals");
    ck_assert_str_eq(noun("crash", FL_FORM_PLURAL), "crashes");
    ck_assert_str_eq(noun("box", FL_FORM_PLURAL), "boxes");
    ck_assert_str_eq(noun("church", FL_FORM_PLURAL), "churches");
    ck_assert_str_eq(noun("bus", FL_FORM_PLURAL), "buses");
    ck_assert_str_eq(noun("city", FL_FORM_PLURAL), "cities");
    ck_assert_str_eq(noun("day", FL_FORM_PLURAL), "days"); /* vowel before y */
}
END_TEST

START_TEST(plural_irregular_nouns)
{
    ck_assert_str_eq(noun("person", FL_FORM_PLURAL), "people");
    ck_assert_str_eq(noun("child", FL_FORM_PLURAL), "children");
    ck_assert_str_eq(noun("crisis", FL_FORM_PLURAL), "crises");
    ck_assert_str_eq(noun("woman", FL_FORM_PLURAL), "women");
    ck_assert_str_eq(noun("staff", FL_FORM_PLURAL), "staff");
}
END_TEST

/* --- verbs ------------------------------------------------------------------ */

START_TEST(verb_third_person)
{
    ck_assert_str_eq(verb("arrive", FL_FORM_THIRD), "arrives");
    ck_assert_str_eq(verb("cross", FL_FORM_THIRD), "crosses");
    ck_assert_str_eq(verb("carry", FL_FORM_THIRD), "carries");
    ck_assert_str_eq(verb("go", FL_FORM_THIRD), "goes");
    ck_assert_str_eq(verb("stay", FL_FORM_THIRD), "stays");
}
END_TEST

START_TEST(verb_past_with_e_y_and_doubling)
{
    ck_assert_str_eq(verb("arrive", FL_FORM_PAST), "arrived");
    ck_assert_str_eq(verb("carry", FL_FORM_PAST), "carried");
    ck_assert_str_eq(verb("stay", FL_FORM_PAST), "stayed");
    ck_assert_str_eq(verb("stem", FL_FORM_PAST), "stemmed");
    ck_assert_str_eq(verb("visit", FL_FORM_PAST), "visited"); /* stress not final */
    ck_assert_str_eq(verb("flood", FL_FORM_PAST), "flooded"); /* two vowels */
    ck_assert_str_eq(verb("fix", FL_FORM_PAST), "fixed");
}
END_TEST

START_TEST(verb_irregular_past_and_participle)
{
    ck_assert_str_eq(verb("overrun", FL_FORM_PAST), "overran");
    ck_assert_str_eq(verb("overrun", FL_FORM_PARTICIPLE), "overrun");
    ck_assert_str_eq(verb("take", FL_FORM_PAST), "took");
    ck_assert_str_eq(verb("take", FL_FORM_PARTICIPLE), "taken");
    ck_assert_str_eq(verb("flee", FL_FORM_PAST), "fled");
}
END_TEST

START_TEST(verb_without_separate_participle_appends_nothing)
{
    fl__buf_clear(&out);
    ck_assert_int_eq(fl__inflect_phrase(&out, "pour in", FL_FORM_PARTICIPLE,
                                        FL_HEAD_VERB), 0);
    ck_assert_uint_eq(out.len, 0);
    ck_assert_int_eq(fl__inflect_phrase(&out, "send", FL_FORM_PARTICIPLE,
                                        FL_HEAD_VERB), 0); /* sent = sent */
    ck_assert_uint_eq(out.len, 0);
}
END_TEST

START_TEST(verb_gerund)
{
    ck_assert_str_eq(verb("arrive", FL_FORM_GERUND), "arriving");
    ck_assert_str_eq(verb("lie", FL_FORM_GERUND), "lying");
    ck_assert_str_eq(verb("flee", FL_FORM_GERUND), "fleeing");
    ck_assert_str_eq(verb("stem", FL_FORM_GERUND), "stemming");
    ck_assert_str_eq(verb("visit", FL_FORM_GERUND), "visiting");
    ck_assert_str_eq(verb("pour", FL_FORM_GERUND), "pouring");
}
END_TEST

/* --- which word inflects ---------------------------------------------------- */

START_TEST(noun_head_skips_trailing_prepositions)
{
    ck_assert_str_eq(noun("flood of", FL_FORM_PLURAL), "floods of");
    ck_assert_str_eq(noun("illegal immigrant", FL_FORM_PLURAL), "illegal immigrants");
    ck_assert_str_eq(noun("wave of", FL_FORM_PLURAL), "waves of");
}
END_TEST

START_TEST(verb_head_is_the_first_word)
{
    ck_assert_str_eq(verb("pour in", FL_FORM_PAST), "poured in");
    ck_assert_str_eq(verb("pour in", FL_FORM_THIRD), "pours in");
    ck_assert_str_eq(verb("pour in", FL_FORM_GERUND), "pouring in");
    ck_assert_str_eq(verb("flood across", FL_FORM_PAST), "flooded across");
}
END_TEST

START_TEST(non_ascii_head_is_not_inflected)
{
    fl__buf_clear(&out);
    ck_assert_int_eq(fl__inflect_phrase(&out, "r\xc3\xa9" "fugi\xc3\xa9",
                                        FL_FORM_PLURAL, FL_HEAD_NOUN), 0);
    ck_assert_uint_eq(out.len, 0);
}
END_TEST

/* --- rewrites --------------------------------------------------------------- */

START_TEST(rewrite_follows_the_matched_form)
{
    ck_assert_str_eq(rewrite("arrival", FL_FORM_PLURAL), "arrivals");
    ck_assert_str_eq(rewrite("undocumented migrant", FL_FORM_PLURAL),
                     "undocumented migrants");
    ck_assert_str_eq(rewrite("arrive", FL_FORM_PAST), "arrived");
    ck_assert_str_eq(rewrite("arrive", FL_FORM_GERUND), "arriving");
    ck_assert_str_eq(rewrite("arrive in", FL_FORM_THIRD), "arrives in");
    ck_assert_str_eq(rewrite("arrive", FL_FORM_BASE), "arrive");
}
END_TEST

START_TEST(rewrite_already_plural_or_determiner_led_is_kept)
{
    ck_assert_str_eq(rewrite("large numbers of", FL_FORM_PLURAL), "large numbers of");
    ck_assert_str_eq(rewrite("many", FL_FORM_PLURAL), "many");
    ck_assert_str_eq(rewrite("arrivals", FL_FORM_PLURAL), "arrivals");
    ck_assert_str_eq(rewrite("people", FL_FORM_PLURAL), "people");
    ck_assert_str_eq(rewrite("the arrival of", FL_FORM_PLURAL), "the arrival of");
}
END_TEST

START_TEST(rewrite_participle_falls_back_to_past)
{
    ck_assert_str_eq(rewrite("take over", FL_FORM_PARTICIPLE), "taken over");
    ck_assert_str_eq(rewrite("arrive", FL_FORM_PARTICIPLE), "arrived");
    ck_assert_str_eq(rewrite("send", FL_FORM_PARTICIPLE), "sent");
}
END_TEST

START_TEST(rewrite_literal_form_is_used_as_written)
{
    ck_assert_str_eq(rewrite("arrival", FL_FORM_LITERAL), "arrival");
}
END_TEST

/* --- articles and determiners ----------------------------------------------- */

START_TEST(article_follows_the_sound)
{
    ck_assert_str_eq(fl__inflect_article("arrival"), "an");
    ck_assert_str_eq(fl__inflect_article("rise"), "a");
    ck_assert_str_eq(fl__inflect_article("university"), "a");
    ck_assert_str_eq(fl__inflect_article("hour"), "an");
    ck_assert_str_eq(fl__inflect_article("honest mistake"), "an");
    ck_assert_str_eq(fl__inflect_article("one-off"), "a");
    ck_assert_str_eq(fl__inflect_article("euro"), "a");
    ck_assert_str_eq(fl__inflect_article("increase"), "an");
}
END_TEST

START_TEST(plural_phrases_take_no_indefinite_article)
{
    ck_assert(fl__inflect_is_plural("arrivals"));
    ck_assert(fl__inflect_is_plural("arrivals of"));
    ck_assert(fl__inflect_is_plural("undocumented migrants"));
    ck_assert(fl__inflect_is_plural("people arriving"));
    ck_assert(!fl__inflect_is_plural("arrival of"));
    ck_assert(!fl__inflect_is_plural("rise in arrivals"));
    ck_assert(!fl__inflect_is_plural("series of arrivals"));
    ck_assert(!fl__inflect_is_plural("bus"));
    ck_assert(!fl__inflect_is_plural(""));
}
END_TEST

START_TEST(determiners_replace_an_article)
{
    ck_assert(fl__inflect_is_determiner("many", 4));
    ck_assert(fl__inflect_is_determiner("Many", 4));
    ck_assert(fl__inflect_is_determiner("the", 3));
    ck_assert(fl__inflect_is_determiner("large", 5));
    ck_assert(!fl__inflect_is_determiner("arrival", 7));
    ck_assert(!fl__inflect_is_determiner("manyfold", 4 + 4));
    ck_assert(!fl__inflect_is_determiner("averyveryverylongword", 21));
}
END_TEST

/* --- case ------------------------------------------------------------------- */

START_TEST(case_capital_first_letter)
{
    ck_assert_str_eq(cased("many", "Flood of"), "Many");
    ck_assert_str_eq(cased("undocumented migrants", "Illegal immigrants"),
                     "Undocumented migrants");
    ck_assert_str_eq(cased("many", "flood of"), "many");
}
END_TEST

START_TEST(case_all_caps_needs_two_letters)
{
    ck_assert_str_eq(cased("arrivals", "FLOODS"), "ARRIVALS");
    ck_assert_str_eq(cased("large numbers of", "FLOOD OF"), "LARGE NUMBERS OF");
    /* One capital letter is a sentence start, not shouting. */
    ck_assert_str_eq(cased("many migrants", "A"), "Many migrants");
}
END_TEST

START_TEST(case_non_ascii_letters)
{
    ck_assert_str_eq(cased("\xc3\xa4rger", "\xc3\x84rger"), "\xc3\x84rger"); /* Ä */
    ck_assert_str_eq(cased("\xc3\xa9lan", "\xc3\x84RGER"), "\xc3\x89LAN");
    ck_assert_str_eq(cased("arrivals", "\xc3\x84"), "Arrivals");
}
END_TEST

START_TEST(case_model_with_leading_punctuation)
{
    ck_assert_str_eq(cased("many", "\xe2\x80\x9c" "Flood of"), "Many");
    ck_assert_str_eq(cased("many", "\"FLOOD\""), "MANY");
    ck_assert_str_eq(cased("many", "(flood"), "many");
}
END_TEST

Suite *suite_inflect(void)
{
    Suite *s = suite_create("inflect");
    TCase *tc = tcase_create("plural");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, plural_regular_es_and_ies);
    tcase_add_test(tc, plural_irregular_nouns);
    suite_add_tcase(s, tc);

    tc = tcase_create("verb");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, verb_third_person);
    tcase_add_test(tc, verb_past_with_e_y_and_doubling);
    tcase_add_test(tc, verb_irregular_past_and_participle);
    tcase_add_test(tc, verb_without_separate_participle_appends_nothing);
    tcase_add_test(tc, verb_gerund);
    suite_add_tcase(s, tc);

    tc = tcase_create("head");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, noun_head_skips_trailing_prepositions);
    tcase_add_test(tc, verb_head_is_the_first_word);
    tcase_add_test(tc, non_ascii_head_is_not_inflected);
    suite_add_tcase(s, tc);

    tc = tcase_create("rewrite");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, rewrite_follows_the_matched_form);
    tcase_add_test(tc, rewrite_already_plural_or_determiner_led_is_kept);
    tcase_add_test(tc, rewrite_participle_falls_back_to_past);
    tcase_add_test(tc, rewrite_literal_form_is_used_as_written);
    suite_add_tcase(s, tc);

    tc = tcase_create("article");
    tcase_add_test(tc, article_follows_the_sound);
    tcase_add_test(tc, plural_phrases_take_no_indefinite_article);
    tcase_add_test(tc, determiners_replace_an_article);
    suite_add_tcase(s, tc);

    tc = tcase_create("case");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, case_capital_first_letter);
    tcase_add_test(tc, case_all_caps_needs_two_letters);
    tcase_add_test(tc, case_non_ascii_letters);
    tcase_add_test(tc, case_model_with_leading_punctuation);
    suite_add_tcase(s, tc);
    return s;
}

/*
 * tokenize: words, numbers and sentences in real prose.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tokenize.h"

typedef struct toks {
    fl_tokenizer t;
    fl_vocab *v;
    const char *text;
} toks;

static void run(toks *k, const char *text, unsigned seg_flags)
{
    const fl_allocator *a = fl__default_allocator();
    ck_assert_int_eq(fl__vocab_new(&k->v, a), FL_OK);
    const char *words[] = {"flood", "migrant", "l'", "afflux", "don't", "stop",
                           "the", "invasion", "send", "them", "back", "refugie",
                           "asylum", "seeker", NULL};
    for (const char **w = words; *w; w++) {
        uint32_t id;
        ck_assert_int_eq(fl__vocab_intern(k->v, *w, strlen(*w), &id), FL_OK);
    }
    k->text = text;
    fl__tok_init(&k->t, a, k->v, text, strlen(text));
    fl__tok_begin_block(&k->t);
    fl_segment seg = {0, strlen(text), FL_SCOPE_PROSE, FL_SEG_BLOCK_START | seg_flags};
    ck_assert_int_eq(fl__tok_segment(&k->t, &seg), FL_OK);
    fl__tok_end_block(&k->t);
}

static void done(toks *k)
{
    fl__tok_free(&k->t);
    fl__vocab_free(k->v);
}

/* "text|cls" for token i, for readable assertions. */
static const char *tok(toks *k, size_t i)
{
    static char out[128];
    ck_assert_uint_lt(i, k->t.toks.len);
    const fl_token *t = &k->t.toks.ptr[i];
    snprintf(out, sizeof out, "%.*s", (int)t->len, k->text + t->off);
    return out;
}

static const char *word_of(toks *k, size_t i)
{
    return fl__vocab_word(k->v, k->t.toks.ptr[i].word);
}

static unsigned flags(toks *k, size_t i)
{
    return k->t.toks.ptr[i].flags;
}

static int cls(toks *k, size_t i)
{
    return k->t.toks.ptr[i].cls;
}

START_TEST(tokenize_matches_folded_words_in_vocab)
{
    toks k;
    run(&k, "A FLOOD of Migrants", 0);
    ck_assert_uint_eq(k.t.toks.len, 4);
    ck_assert_str_eq(tok(&k, 1), "FLOOD");
    ck_assert_str_eq(word_of(&k, 1), "flood");
    ck_assert_str_eq(word_of(&k, 3), "");  /* plural is a rule form, not a fold */
    ck_assert(flags(&k, 0) & FL_TOKF_SENT_START);
    done(&k);
}
END_TEST

START_TEST(tokenize_keeps_curly_apostrophe_in_word)
{
    toks k;
    run(&k, "We don\xe2\x80\x99t and the migrant\xe2\x80\x99s case", 0);
    ck_assert_str_eq(tok(&k, 1), "don\xe2\x80\x99t");
    ck_assert_str_eq(word_of(&k, 1), "don't");
    ck_assert_str_eq(word_of(&k, 4), "migrant"); /* possessive */
    done(&k);
}
END_TEST

/* Issue 10: a soft hyphen, raw or as &shy;, marks where a word may break
 * at a line end; the word is still one word. */
START_TEST(tokenize_soft_hyphen_keeps_one_word)
{
    toks k;
    run(&k, "ille\xc2\xadgals and flo&shy;od", FL_SEG_ENTITIES);
    ck_assert_uint_eq(k.t.toks.len, 3);
    ck_assert_str_eq(tok(&k, 0), "ille\xc2\xadgals");
    ck_assert_str_eq(tok(&k, 2), "flo&shy;od");
    ck_assert_str_eq(word_of(&k, 2), "flood");
    done(&k);
}
END_TEST

/* Issue 10: segments glued across inline markup make one word, which
 * spans the markup; an elision or a number is never glued. */
START_TEST(tokenize_glued_segments_make_one_word)
{
    toks k;
    run(&k, "The flo<b>od</b> l'<i>afflux</i>", 0);
    fl_segment rest[] = {{10, 2, FL_SCOPE_PROSE, FL_SEG_GLUED},
                         {17, 2, FL_SCOPE_PROSE, 0},
                         {22, 6, FL_SCOPE_PROSE, FL_SEG_GLUED}};
    k.t.toks.len = 0; /* again, in pieces: "The flo", "od", " l'", "afflux" */
    fl__tok_begin_block(&k.t);
    fl_segment head = {0, 7, FL_SCOPE_PROSE, FL_SEG_BLOCK_START};
    ck_assert_int_eq(fl__tok_segment(&k.t, &head), FL_OK);
    for (size_t i = 0; i < 3; i++)
        ck_assert_int_eq(fl__tok_segment(&k.t, &rest[i]), FL_OK);
    ck_assert_uint_eq(k.t.toks.len, 4);
    ck_assert_str_eq(tok(&k, 1), "flo<b>od");
    ck_assert_str_eq(word_of(&k, 1), "flood");
    ck_assert_str_eq(word_of(&k, 2), "l'");
    ck_assert_str_eq(word_of(&k, 3), "afflux");
    done(&k);
}
END_TEST

START_TEST(tokenize_splits_french_elision)
{
    toks k;
    run(&k, "L\xe2\x80\x99" "afflux de r\xc3\xa9" "fugi\xc3\xa9s", 0);
    ck_assert_str_eq(word_of(&k, 0), "l'");
    ck_assert(flags(&k, 0) & FL_TOKF_ELIDED);
    ck_assert_str_eq(tok(&k, 1), "afflux");
    ck_assert_str_eq(word_of(&k, 1), "afflux");
    done(&k);
    /* the whole word before the apostrophe is an elision, not its start:
     * "puis" begins "puisqu" and is none */
    run(&k, "jusqu'ici puis'il", 0);
    ck_assert_str_eq(tok(&k, 0), "jusqu'");
    ck_assert(flags(&k, 0) & FL_TOKF_ELIDED);
    ck_assert_str_eq(tok(&k, 1), "ici");
    ck_assert_str_eq(tok(&k, 2), "puis'il");
    ck_assert(!(flags(&k, 2) & FL_TOKF_ELIDED));
    done(&k);
}
END_TEST

START_TEST(tokenize_splits_hyphenated_words_and_marks_join)
{
    toks k;
    run(&k, "asylum-seeker well - known", 0);
    ck_assert_str_eq(tok(&k, 0), "asylum");
    ck_assert_str_eq(tok(&k, 1), "seeker");
    ck_assert(flags(&k, 1) & FL_TOKF_HYPHEN);
    ck_assert(!(flags(&k, 3) & FL_TOKF_HYPHEN)); /* spaced dash */
    done(&k);
}
END_TEST

START_TEST(tokenize_classifies_numbers_with_separators_and_units)
{
    toks k;
    run(&k, "1,200 people, 3.5% and 45 per cent, \xe2\x82\xac" "2bn, $3,400, in 2019, "
            "the 1990s, 2023/24, 21st, 04/07/2019, 10km, 500-900", 0);
    const char *want[][2] = {{"1,200", "n"}, {"3.5%", "%"}, {"45 per cent", "%"},
                             {"\xe2\x82\xac" "2bn", "$"}, {"$3,400", "$"},
                             {"2019", "y"}, {"1990s", "y"}, {"2023/24", "y"},
                             {"21st", "o"}, {"04/07/2019", "d"}, {"10km", "n"},
                             {"500-900", "n"}};
    size_t found = 0;
    for (size_t i = 0; i < k.t.toks.len; i++) {
        if (cls(&k, i) == FL_TOK_WORD)
            continue;
        ck_assert_uint_lt(found, sizeof want / sizeof *want);
        ck_assert_str_eq(tok(&k, i), want[found][0]);
        const char *c = want[found][1];
        int expect = *c == 'n' ? FL_TOK_NUMBER : *c == '%' ? FL_TOK_PERCENT
                   : *c == '$' ? FL_TOK_MONEY : *c == 'y' ? FL_TOK_YEAR
                   : *c == 'o' ? FL_TOK_ORDINAL : FL_TOK_DATE;
        ck_assert_int_eq(cls(&k, i), expect);
        found++;
    }
    ck_assert_uint_eq(found, sizeof want / sizeof *want);
    done(&k);
}
END_TEST

/* What follows a number's digits decides its class; number_tail lets
 * ASCII that starts no tail go at once, so each byte that may start one is
 * here: '%', '$', a letter, '/', ':', a space before '%', '$' or "per
 * cent", and a reference ('&') that decodes to '%' or to a space. */
START_TEST(tokenize_reads_every_kind_of_number_tail)
{
    toks k;
    run(&k, "a 12 % b 7 $ c 45 Per cent d 10:30 e 3&#37; f 5&#32;% g 2/3 h 9th i 8, "
            "j 6. k 4 people", FL_SEG_ENTITIES);
    const char *want[][2] = {{"12 %", "%"}, {"7 $", "$"}, {"45 Per cent", "%"},
                             {"10:30", "d"}, {"3&#37;", "%"}, {"5&#32;%", "%"},
                             {"2/3", "d"}, {"9th", "o"}, {"8", "n"}, {"6", "n"},
                             {"4", "n"}};
    size_t found = 0;
    for (size_t i = 0; i < k.t.toks.len; i++) {
        if (cls(&k, i) == FL_TOK_WORD)
            continue;
        ck_assert_uint_lt(found, sizeof want / sizeof *want);
        ck_assert_str_eq(tok(&k, i), want[found][0]);
        const char *c = want[found][1];
        int expect = *c == 'n' ? FL_TOK_NUMBER : *c == '%' ? FL_TOK_PERCENT
                   : *c == '$' ? FL_TOK_MONEY : *c == 'o' ? FL_TOK_ORDINAL : FL_TOK_DATE;
        ck_assert_int_eq(cls(&k, i), expect);
        found++;
    }
    ck_assert_uint_eq(found, sizeof want / sizeof *want);
    done(&k);
}
END_TEST

/* A four-digit count without a separator is a year only when no people
 * follow it, or a word of time comes before it. */
START_TEST(tokenize_reads_four_digit_counts_of_people_as_numbers)
{
    toks k;
    /* whole words only: "adult" is not "adults", "i" is not "in" */
    run(&k, "That 2078 asylum seekers, 1990 People. In 2019 people fled; since 2015 "
            "refugees; 2020 ended; the capacity of 2090 persons, 2040 adult, i 1995 people.",
        0);
    const int want[] = {FL_TOK_NUMBER, FL_TOK_NUMBER, FL_TOK_YEAR, FL_TOK_YEAR,
                        FL_TOK_YEAR, FL_TOK_NUMBER, FL_TOK_YEAR, FL_TOK_NUMBER};
    size_t found = 0;
    for (size_t i = 0; i < k.t.toks.len; i++) {
        if (cls(&k, i) == FL_TOK_WORD)
            continue;
        ck_assert_uint_lt(found, sizeof want / sizeof *want);
        ck_assert_msg(cls(&k, i) == want[found], "%s: class %d", tok(&k, i), (int)cls(&k, i));
        found++;
    }
    ck_assert_uint_eq(found, sizeof want / sizeof *want);
    done(&k);
}
END_TEST

static size_t sentences(toks *k)
{
    size_t n = 0;
    for (size_t i = 0; i < k->t.toks.len; i++)
        n += (flags(k, i) & FL_TOKF_SENT_START) != 0;
    return n;
}

START_TEST(tokenize_sentence_ends_skip_abbreviations)
{
    toks k;
    run(&k, "Mr. Smith met Dr. Jones in the U.S. last week. It rose 3.5 points. "
            "They met, e.g. at work! Then J. Doe left? Yes.", 0);
    ck_assert_uint_eq(sentences(&k), 5);
    done(&k);
}
END_TEST

START_TEST(tokenize_word_lists_are_sorted_and_found_in_any_case)
{
    ck_assert(fl__tok_lists_sorted());
    ck_assert(fl__tok_lists_indexed());
    ck_assert(fl__tok_fold_table_ok());
    ck_assert(fl__tok_is_month("March", 5));
    ck_assert(fl__tok_is_month("DEZEMBER", 8));
    ck_assert(fl__tok_is_month("ao\xc3\xbbt", 5));
    ck_assert(fl__tok_is_month("abril", 5));     /* the first entry */
    ck_assert(fl__tok_is_month("setiembre", 9)); /* the last */
    ck_assert(!fl__tok_is_month("Marc", 4));
    ck_assert(!fl__tok_is_month("ma", 2));
    toks k;
    /* "Etc." keeps its sentence pending like "etc."; "Prof." never ends one. */
    run(&k, "Tents, beds, ETC. Then PROF. Ngozi spoke. Table 3 and ziffer 2 are labels.", 0);
    ck_assert_uint_eq(sentences(&k), 3);
    size_t labels = 0;
    for (size_t i = 0; i < k.t.toks.len; i++)
        labels += fl__tok_is_numeric(&k.t.toks.ptr[i]) && (flags(&k, i) & FL_TOKF_LABEL);
    ck_assert_uint_eq(labels, 2);
    done(&k);
}
END_TEST

/* The number tokens of k, in order, are want[i][0], and have `flag` set
 * where want[i][1] is "y". */
static void check_numbers(toks *k, const char *const want[][2], size_t n, unsigned flag)
{
    size_t found = 0;
    for (size_t i = 0; i < k->t.toks.len; i++) {
        if (cls(k, i) != FL_TOK_NUMBER)
            continue;
        ck_assert_uint_lt(found, n);
        ck_assert_str_eq(tok(k, i), want[found][0]);
        ck_assert_int_eq((flags(k, i) & flag) != 0, *want[found][1] == 'y');
        found++;
    }
    ck_assert_uint_eq(found, n);
}

/* "12 500": a space between a group of one to three digits and exactly
 * three more groups thousands, whichever of the four spaces it is; a digit
 * run of any other length after it, or a letter glued on, is a new token.
 * scan_digits asks group_space only at ' ' or a byte from 0x80, so each
 * of the four is here. */
START_TEST(tokenize_groups_thousands_with_any_of_four_spaces)
{
    toks k;
    run(&k, "12 500 a 7\xc2\xa0" "250 b 1\xe2\x80\xaf" "000\xe2\x80\xaf" "000 c 3\xe2\x80\x89"
            "400 d 2019 500 e 12 3456 f 12 500x g 12\t500 h 125 000 i 2 500 000", 0);
    const char *want[][2] = {{"12 500", "n"},
                             {"7\xc2\xa0" "250", "n"},
                             {"1\xe2\x80\xaf" "000\xe2\x80\xaf" "000", "n"},
                             {"3\xe2\x80\x89" "400", "n"},
                             {"500", "n"}, /* 2019 is a year */
                             {"12", "n"}, {"3456", "n"},
                             {"12", "n"}, {"500x", "n"},
                             {"12", "n"}, {"500", "n"},
                             {"125 000", "n"}, {"2 500 000", "n"}};
    check_numbers(&k, want, sizeof want / sizeof *want, 0);
    done(&k);
}
END_TEST

START_TEST(tokenize_marks_ages_after_names_as_labels)
{
    toks k;
    /* "Nadia, 42, from Morocco": an age after a name names, it does not
     * count; a list after a name ("Spain, 31, 45"), a number after a
     * lower-case word, one without its closing comma and one over 120 do. */
    run(&k, "Nadia, 42, from Morocco met Sofian, 24, today. In Spain, 31, 45 and "
            "60 came; ages, 31, vary; Omar, 19 and Ali, 140, too.", 0);
    const char *want[][2] = {{"42", "y"}, {"24", "y"}, {"31", "n"}, {"45", "n"},
                             {"60", "n"}, {"31", "n"}, {"19", "n"}, {"140", "n"}};
    check_numbers(&k, want, sizeof want / sizeof *want, FL_TOKF_LABEL);
    done(&k);
}
END_TEST

START_TEST(tokenize_marks_bracketed_list_numbers_as_labels)
{
    toks k;
    /* "(1) rents are high, (2) wages": a bracketed number that opens the
     * text, a sentence or a point after a comma numbers the point; one after
     * a word ("Syria (45)"), one followed by a comma, one over 99 and one
     * without its closing bracket are figures. */
    run(&k, "(1) rents rise, (2) wages fall. (3) Fewer stay. Syria (45), Iraq (12) "
            "left, (120) more; (7- came.", 0);
    const char *want[][2] = {{"1", "y"},  {"2", "y"},   {"3", "y"}, {"45", "n"},
                             {"12", "n"}, {"120", "n"}, {"7", "n"}};
    check_numbers(&k, want, sizeof want / sizeof *want, FL_TOKF_LABEL);
    done(&k);
}
END_TEST

/* "is: 1. nationalism … state 2. refugees": a small number whose full stop
 * is followed by a lower-case word numbers a point wherever it stands; with
 * a capital after it, only where a sentence starts ("simple:1. Refugees").
 * A figure that ends a sentence ("rose to 12. Officials"), one over 99 and
 * a decimal stay figures. */
START_TEST(tokenize_marks_numbers_with_a_full_stop_as_list_labels)
{
    toks k;
    run(&k, "The problem is: 1. rents, as every state 2. refugees are few. It was "
            "simple:3. Refugees wait. It rose to 12. Officials said 140. more and 2.5 less.",
        0);
    const char *want[][2] = {{"1", "y"},  {"2", "y"},   {"3", "y"},
                             {"12", "n"}, {"140", "n"}, {"2.5", "n"}};
    check_numbers(&k, want, sizeof want / sizeof *want, FL_TOKF_LABEL);
    done(&k);
}
END_TEST

/* "Key Stages 1, 3 and 4", "Articles 3 and 8": a plural label word opens
 * a list of labels joined by commas, slashes, "and" or "or" (a BBC report
 * on school targets, set 31); after a singular one the next number is a
 * figure ("Table 2, 300 people"), and so is one after other words. */
START_TEST(tokenize_marks_lists_of_labels)
{
    toks k;
    run(&k, "For Key Stages 1, 3 and 4, Articles 3 & 8 or 9; in Table 2, 300 people "
            "and 40 more; Stage 5 and 60 left; Tiers 2, then 70. SB 35, HB 3103 and "
            "Bills 9 and 12 passed 80 to 20.", 0);
    const char *want[][2] = {{"1", "y"}, {"3", "y"},   {"4", "y"},  {"3", "y"},
                             {"8", "y"}, {"9", "y"},   {"2", "y"},  {"300", "n"},
                             {"40", "n"}, {"5", "y"},  {"60", "n"}, {"2", "y"},
                             {"70", "n"}, {"35", "y"}, {"3103", "y"}, {"9", "y"},
                             {"12", "y"}, {"80", "n"}, {"20", "n"}};
    check_numbers(&k, want, sizeof want / sizeof *want, FL_TOKF_LABEL);
    done(&k);
}
END_TEST

/* Text-speak: a lone 2 or 4 before a pronoun, a determiner, "be" or a
 * common verb is "to" or "for" and counts nothing; before a noun, "a", or
 * as part of a longer number it is a figure. */
START_TEST(tokenize_reads_text_speak_digits_as_words)
{
    toks k;
    run(&k, "It refers 2 the plan; vote 4 their man; hav 2 play; we 2 didn't; 2 people "
            "came 4 years ago, 2 a day, 12 them, 42 the, x2 be.", 0);
    const char *want[][2] = {{"2", "y"}, {"4", "y"},  {"2", "y"},  {"2", "y"}, {"2", "n"},
                             {"4", "n"}, {"2", "n"},  {"12", "n"}, {"42", "n"}};
    check_numbers(&k, want, sizeof want / sizeof *want, FL_TOKF_LABEL);
    done(&k);
}
END_TEST

/* "Call 0845 8 505 505": a leading zero makes a telephone number, which
 * names; "0.5" and a lone "0" count. */
START_TEST(tokenize_marks_numbers_with_a_leading_zero_as_labels)
{
    toks k;
    run(&k, "Call 0845 8 505 or 0800 555; 0.5 and 0 and 05 and 845 count.", 0);
    const char *want[][2] = {{"0845", "y"}, {"8 505", "y"}, {"0800", "y"},
                             {"555", "y"}, {"0.5", "n"}, {"0", "n"}, {"05", "n"},
                             {"845", "n"}};
    check_numbers(&k, want, sizeof want / sizeof *want, FL_TOKF_LABEL);
    done(&k);
}
END_TEST

START_TEST(tokenize_marks_reference_markers_as_labels)
{
    toks k;
    run(&k, "Costs rose[5] [1] [2] [1200] [3, 4] and lives.2 In May, 22 came,3 then 12.5 or "
            "U.S.7 and 41 (x).2 or arrived.123 and 7.", 0);
    const char *want[][2] = {{"5", "y"},   {"1", "y"},   {"2", "y"},  {"1200", "n"}, {"3", "n"},
                             {"4", "n"},   {"2", "y"},  {"22", "n"},   {"3", "y"},
                             {"12.5", "n"}, {"7", "y"}, {"41", "n"},   {"2", "y"},
                             {"123", "n"}, {"7", "n"}};
    check_numbers(&k, want, sizeof want / sizeof *want, FL_TOKF_LABEL);
    done(&k);
}
END_TEST

START_TEST(tokenize_day_and_month_stay_in_one_sentence)
{
    toks k;
    run(&k, "Er kam am 3. Oktober nach Berlin. Dann ging er.", 0);
    ck_assert_uint_eq(sentences(&k), 2);
    done(&k);
}
END_TEST

START_TEST(tokenize_marks_days_beside_their_month_as_dates)
{
    toks k;
    /* "18 de mayo" and "1 del mes de abril" style dates are dates; "18 de
     * ellos" (18 of them) is a count. */
    run(&k, "El 18 de mayo llegaron 40 personas; 18 de ellos eran menores. 4 July, July 4", 0);
    const char *want[][2] = {{"18", "y"}, {"40", "n"}, {"18", "n"}, {"4", "y"}, {"4", "y"}};
    check_numbers(&k, want, sizeof want / sizeof *want, FL_TOKF_DATE);
    done(&k);
}
END_TEST

/* A time of day is no statistic (a campaign post's times, noon to 2 pm in
 * Kyiv and the same in UTC, read as four figures, en-heldout167); "10 amendments"
 * and "5 apples" stay counts. */
START_TEST(tokenize_marks_times_of_day_as_dates)
{
    toks k;
    run(&k, "From 12 to 2 pm, 10 am - 12 p.m. UTC; then 9am and 18:30. "
            "MPs filed 10 amendments about 5 apples.", 0);
    const char *want[][2] = {{"12", "n"},  {"2", "y"},  {"10", "y"}, {"12", "y"},
                             {"9am", "y"}, {"10", "n"}, {"5", "n"}};
    check_numbers(&k, want, sizeof want / sizeof *want, FL_TOKF_DATE);
    done(&k);
}
END_TEST

START_TEST(tokenize_marks_telephone_numbers_as_labels)
{
    toks k;
    run(&k,
        "Call (202) 225-2915 or 202-456-1111 today; 300-1500 people came, "
        "and (202) more.",
        0);
    const char *want[][2] = {
        {"202", "y"}, {"225-2915", "y"}, {"202-456-1111", "y"}, {"300-1500", "n"}, {"202", "n"}};
    check_numbers(&k, want, sizeof want / sizeof *want, FL_TOKF_LABEL);
    done(&k);
}
END_TEST

/* A telephone number is read by its groups' exact digit counts (3, 3, 4,
 * or "(3) 3-4"): one digit more or less anywhere, and it is no number. */
START_TEST(tokenize_reads_telephone_groups_by_their_exact_digit_counts)
{
    toks k;
    run(&k,
        "Call 202-456-1111 or 2020-456-1111 or 202-4567-1111 or 202-456-11112 or "
        "20-456-1111 or 202.45.1111 or (202) 225-2915 or (2020) 225-2915 or "
        "(202) 2255-2915 or (202) 225-29150 or (20) 225-2915 today.",
        0);
    /* (2020-456 and 2020 are years) */
    const char *want[][2] = {
        {"202-456-1111", "y"}, {"1111", "n"},     {"202-4567", "n"},    {"1111", "n"},
        {"202-456", "n"},      {"11112", "n"},    {"20-456", "n"},      {"1111", "n"},
        {"202.45.1111", "n"},  {"202", "y"},      {"225-2915", "y"},    {"225-2915", "n"},
        {"202", "n"},          {"2255-2915", "n"}, {"202", "n"},        {"225-29150", "n"},
        {"20", "n"},           {"225-2915", "n"}};
    check_numbers(&k, want, sizeof want / sizeof *want, FL_TOKF_LABEL);
    done(&k);
}
END_TEST

START_TEST(tokenize_ends_a_short_link_before_a_glued_hashtag)
{
    toks k;
    /* scraped tweets glue the next hashtag to Twitter's 10-character link;
     * other URLs keep their fragment */
    run(&k, "see https://t.co/7SwCAAakK5#StopTheInvasion and https://x.org/a#Part2 ok", 0);
    ck_assert_str_eq(tok(&k, 0), "see");
    ck_assert_str_eq(word_of(&k, 1), "stop");
    ck_assert(flags(&k, 1) & FL_TOKF_HASHTAG);
    ck_assert_str_eq(word_of(&k, 3), "invasion");
    ck_assert_str_eq(tok(&k, 4), "and");
    ck_assert_str_eq(tok(&k, 5), "ok");
    ck_assert_uint_eq(k.t.toks.len, 6);
    done(&k);
}
END_TEST

START_TEST(tokenize_ends_a_word_or_tag_before_a_glued_link)
{
    toks k;
    /* tweets lose the space before a link: the word and the tag before it
     * are language, the link is not; "http" alone and "https:" starting a
     * word stay as they were */
    run(&k, "we did not accept immigrantshttps://t.co/x and #MuslimInvasionhttp://t.co/y http", 0);
    ck_assert_str_eq(tok(&k, 4), "immigrants");
    ck_assert_str_eq(tok(&k, 5), "and");
    ck_assert_str_eq(tok(&k, 6), "Muslim");
    ck_assert_str_eq(tok(&k, 7), "Invasion");
    ck_assert(flags(&k, 7) & FL_TOKF_HASHTAG);
    ck_assert_str_eq(tok(&k, 8), "http");
    ck_assert_uint_eq(k.t.toks.len, 9);
    done(&k);
    run(&k, "see https://t.co/x now", 0);
    ck_assert_uint_eq(k.t.toks.len, 2);
    done(&k);
}
END_TEST

START_TEST(tokenize_keeps_the_apostrophe_of_a_final_elided_word)
{
    toks k;
    run(&k, "vague d'", 0);
    ck_assert_uint_eq(k.t.toks.len, 2);
    ck_assert_str_eq(tok(&k, 1), "d'");
    ck_assert(flags(&k, 1) & FL_TOKF_ELIDED);
    done(&k);
}
END_TEST

START_TEST(tokenize_marks_quoted_tokens)
{
    toks k;
    run(&k, "the word \xe2\x80\x9c" "flood\xe2\x80\x9d and \"invasion\" but not migrants' rights", 0);
    ck_assert(flags(&k, 2) & FL_TOKF_QUOTED);
    ck_assert(!(flags(&k, 3) & FL_TOKF_QUOTED));
    ck_assert(flags(&k, 4) & FL_TOKF_QUOTED);
    ck_assert(!(flags(&k, 7) & FL_TOKF_QUOTED));
    ck_assert(!(flags(&k, 8) & FL_TOKF_QUOTED));
    done(&k);
}
END_TEST

/* Issue 8, item 15: a stray opening mark that never closes holds only the
 * rest of its sentence, not the rest of the paragraph; a quotation that
 * closes keeps its whole extent, across sentences and inside the stray. */
START_TEST(tokenize_stray_opening_quote_ends_with_its_sentence)
{
    toks k;
    run(&k, "He said \xe2\x80\x9cwe. A flood came. \xe2\x80\x9cWe left. A flood came,"
            "\xe2\x80\x9d she said. Then \"a flood.", 0);
    static const int quoted[] = {0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1};
    ck_assert_uint_eq(k.t.toks.len, sizeof quoted / sizeof *quoted);
    for (size_t i = 0; i < k.t.toks.len; i++)
        ck_assert_msg(!(flags(&k, i) & FL_TOKF_QUOTED) == !quoted[i], "token %zu (%s)",
                      i, tok(&k, i));
    done(&k);
}
END_TEST

/* Tweets run sentences together: "'…surge in arrivals'Very sad" closes the
 * quotation at the apostrophe, so "arrivals" and "Very" are words of their
 * own; with no quotation open, or before a lower-case letter, the apostrophe
 * stays inside the word ("O'Brien", "don't"). */
START_TEST(tokenize_closes_a_single_quotation_glued_to_the_next_word)
{
    toks k;
    run(&k, "'a surge in arrivals'Very sad", 0);
    ck_assert_uint_eq(k.t.toks.len, 6);
    ck_assert_str_eq(tok(&k, 3), "arrivals");
    ck_assert(flags(&k, 3) & FL_TOKF_QUOTED);
    ck_assert_str_eq(tok(&k, 4), "Very");
    ck_assert(!(flags(&k, 4) & FL_TOKF_QUOTED));
    done(&k);
    run(&k, "\xe2\x80\x98" "a surge in arrivals\xe2\x80\x99" "Very sad", 0);
    ck_assert_uint_eq(k.t.toks.len, 6);
    ck_assert(!(flags(&k, 4) & FL_TOKF_QUOTED));
    done(&k);
    run(&k, "the arrivals'Very sad", 0); /* nothing open to close */
    ck_assert_uint_eq(k.t.toks.len, 3);
    done(&k);
    run(&k, "'ask O'Brien' and don't", 0);
    ck_assert_str_eq(tok(&k, 1), "O'Brien");
    ck_assert_str_eq(tok(&k, 3), "don't");
    ck_assert(!(flags(&k, 3) & FL_TOKF_QUOTED));
    done(&k);
}
END_TEST

/* Issue 9: "'n'" and "'c'" end in what looks like a French elision ("n'",
 * "c'"); the apostrophe closes the quotation all the same, or everything
 * after it would read as quoted. */
START_TEST(tokenize_closes_a_single_quotation_after_a_one_letter_word)
{
    static const char *const texts[] = {"rock 'n' roll and a flood of people",
                                        "rock \xe2\x80\x98n\xe2\x80\x99 roll and a flood of people",
                                        "item 'c' and a flood of people"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        toks k;
        run(&k, texts[i], 0);
        ck_assert(flags(&k, 1) & FL_TOKF_QUOTED);
        for (size_t j = 2; j < k.t.toks.len; j++)
            ck_assert_msg(!(flags(&k, j) & FL_TOKF_QUOTED), "%s: token %zu quoted", texts[i], j);
        done(&k);
    }
    toks k;
    run(&k, "la vague d' immigrés", 0); /* no quotation open: still an elision */
    ck_assert_str_eq(tok(&k, 2), "d'");
    done(&k);
}
END_TEST

/* Tweets and headlines pasted without their line breaks glue a word to the
 * next: "AliensThe". A capital after a whole lower-case word of three
 * letters or more starts a new token; brand-like and German inclusive forms
 * stay whole. */
START_TEST(tokenize_splits_words_glued_at_a_lost_line_break)
{
    toks k;
    run(&k, "Illegal AliensThe report", 0);
    ck_assert_uint_eq(k.t.toks.len, 4);
    ck_assert_str_eq(tok(&k, 1), "Aliens");
    ck_assert_str_eq(tok(&k, 2), "The");
    done(&k);
    static const char *const whole[] = {"McDonald", "iPhone", "PhD", "DeSantis",
                                        "MigrantInnen", "MigrantIn", "AliensT"};
    for (size_t i = 0; i < sizeof whole / sizeof *whole; i++) {
        run(&k, whole[i], 0);
        ck_assert_msg(k.t.toks.len == 1, "%s split", whole[i]);
        done(&k);
    }
}
END_TEST

START_TEST(tokenize_splits_hashtags_and_skips_handles_and_urls)
{
    toks k;
    run(&k, "#StopTheInvasion @home_office see https://x.org/a?b=c. #send_them_back", 0);
    ck_assert_uint_eq(k.t.toks.len, 7);
    ck_assert_str_eq(word_of(&k, 0), "stop");
    ck_assert_str_eq(word_of(&k, 2), "invasion");
    ck_assert(flags(&k, 0) & FL_TOKF_HASHTAG);
    ck_assert_str_eq(tok(&k, 3), "see");
    ck_assert_str_eq(word_of(&k, 4), "send");
    ck_assert_str_eq(word_of(&k, 6), "back");
    done(&k);
    /* a tag may start with digits ("#1A", "#911Day"); "#2" is a number */
    run(&k, "#1A #911Day #2", 0);
    ck_assert_uint_eq(k.t.toks.len, 5);
    ck_assert_int_eq(cls(&k, 0), FL_TOK_WORD);
    ck_assert(flags(&k, 0) & FL_TOKF_HASHTAG);
    ck_assert_str_eq(tok(&k, 3), "Day");
    ck_assert_int_eq(cls(&k, 4), FL_TOK_NUMBER);
    done(&k);
    /* a hashtag glued to a handle is read; the handle is not */
    run(&k, "@SenateGOP#BuildTheWall @realDonaldTrump's", 0);
    ck_assert_uint_eq(k.t.toks.len, 3);
    ck_assert_str_eq(tok(&k, 0), "Build");
    ck_assert(flags(&k, 0) & FL_TOKF_HASHTAG);
    done(&k);
}
END_TEST

/* A plain ASCII word is taken whole unless the byte after it says it goes
 * on: an e-mail address is skipped, an initial with a dot is an
 * abbreviation, and a word that ends in a space, a comma or a full stop
 * is a word. */
START_TEST(tokenize_words_end_where_the_next_byte_says)
{
    toks k;
    run(&k, "write to jane@example.org, U.S. flood. Stop,send", 0);
    ck_assert_uint_eq(k.t.toks.len, 6);
    ck_assert_str_eq(tok(&k, 1), "to");
    ck_assert_str_eq(tok(&k, 2), "U.S.");
    ck_assert(flags(&k, 2) & FL_TOKF_ACRONYM);
    ck_assert_str_eq(word_of(&k, 3), "flood");
    ck_assert_str_eq(word_of(&k, 4), "stop");
    ck_assert_str_eq(word_of(&k, 5), "send");
    ck_assert(flags(&k, 4) & FL_TOKF_SENT_START);
    done(&k);
    /* "www." starts a link, in any case; other words before a dot end */
    run(&k, "see www.example.org now and WWW.x.org then wwwx.org ab.", 0);
    ck_assert_uint_eq(k.t.toks.len, 7);
    ck_assert_str_eq(tok(&k, 1), "now");
    ck_assert_str_eq(tok(&k, 3), "then");
    ck_assert_str_eq(tok(&k, 4), "wwwx");
    ck_assert_str_eq(tok(&k, 6), "ab");
    done(&k);
}
END_TEST

/* A word is read the same whether 16 bytes or fewer follow it (the byte
 * loop) or more do (one 16-byte load): its length, its fold, its id and
 * where a glued capital splits it. */
START_TEST(tokenize_reads_a_word_alike_near_and_far_from_the_end)
{
    static const char *const texts[] = {
        "FLOOD", "Migrants", "AliensThe", "McDonald", "asylum-seeker", "don't",
        "flood2", "abcdefghijklmno", "abcdefghijklmnop", "abcdefghijklmnopq",
        "StopTheInvasion", "sendThem", "Invasion.", "U.S.", "x@y.org", "refugie",
        "aB", "Abcdefghijklmn7", "migrantInnen", "THEM,back", "www.example.org",
        "WWW.x.org", "ab. cd", "abcd.efg", "wwwx.org"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        char far[64];
        snprintf(far, sizeof far, "%s and then some more words", texts[i]);
        toks near, wide;
        run(&near, texts[i], 0);
        run(&wide, far, 0);
        ck_assert_uint_le(near.t.toks.len, wide.t.toks.len);
        for (size_t j = 0; j < near.t.toks.len; j++) {
            const fl_token *a = &near.t.toks.ptr[j], *b = &wide.t.toks.ptr[j];
            ck_assert_msg(a->off == b->off && a->len == b->len && a->word == b->word &&
                              a->cls == b->cls && a->flags == b->flags,
                          "%s: token %zu differs", texts[i], j);
        }
        done(&near);
        done(&wide);
    }
}
END_TEST

/* Tokens of text[0..len) cut into segments of at most `cut` bytes, by the
 * plain word loop and its 64-byte windows (full == 0) or by the full scan
 * alone, which a tokenizer asked for stems takes for every word. */
static void tokenize_cut(fl_tokenizer *t, fl_vocab *v, const char *text, size_t len,
                         size_t cut, int full)
{
    fl__tok_init(t, fl__default_allocator(), v, text, len);
    if (full)
        t->affixes = 1; /* the vocabulary has no stems: every affix stays 0 */
    fl__tok_begin_block(t);
    for (size_t off = 0; off < len; off += cut) {
        size_t n = len - off < cut ? len - off : cut;
        fl_segment seg = {off, n, FL_SCOPE_PROSE, off ? 0u : FL_SEG_BLOCK_START};
        ck_assert_int_eq(fl__tok_segment(t, &seg), FL_OK);
    }
    fl__tok_end_block(t);
}

START_TEST(tokenize_window_reads_words_as_the_full_scan_does)
{
    /* every kind of word the window passes on or takes, at every offset
     * of a window (the padding), with segments that end inside one */
    static const char body[] =
        "the Flood of MIGRANTS, asylum seekers. Dr. Smith said a flood abcdefghijklmno "
        "abcdefghijklmnop abcdefghijklmnopqrstu then McDonald and migrantInnen AliensThe "
        "floodThem x y z a. b. U.S. "
        "send them back www.example.org don't stop 12 people the invasion, refugie. Them Stop "
        "THE seeker";
    toks k;
    run(&k, "", 0); /* for its vocabulary, and words of 15, 16 and 21 letters */
    fl__tok_free(&k.t);
    static const char *const longer[] = {"abcdefghijklmno", "abcdefghijklmnop",
                                         "abcdefghijklmnopqrstu"};
    for (size_t i = 0; i < sizeof longer / sizeof *longer; i++) {
        uint32_t id;
        ck_assert_int_eq(fl__vocab_intern(k.v, longer[i], strlen(longer[i]), &id), FL_OK);
    }
    static const size_t cuts[] = {4096, 64, 37, 16, 7};
    for (size_t pad = 0; pad < 70; pad++) {
        /* exactly the text's bytes, so that AddressSanitizer sees a read
         * past the document's end */
        size_t len = pad + sizeof body - 1;
        char *text = malloc(len);
        ck_assert_ptr_nonnull(text);
        for (size_t i = 0; i < pad; i++)
            text[i] = i % 3 ? 'q' : ' ';
        memcpy(text + pad, body, len - pad);
        for (size_t c = 0; c < sizeof cuts / sizeof *cuts; c++) {
            fl_tokenizer fast, full;
            tokenize_cut(&fast, k.v, text, len, cuts[c], 0);
            tokenize_cut(&full, k.v, text, len, cuts[c], 1);
            ck_assert_msg(fast.toks.len == full.toks.len, "pad %zu cut %zu: %zu tokens, not %zu",
                          pad, cuts[c], fast.toks.len, full.toks.len);
            for (size_t j = 0; j < full.toks.len; j++) {
                const fl_token *a = &fast.toks.ptr[j], *b = &full.toks.ptr[j];
                ck_assert_msg(a->off == b->off && a->len == b->len && a->word == b->word &&
                                  a->cls == b->cls && a->flags == b->flags,
                              "pad %zu cut %zu: token %zu (%.*s) differs", pad, cuts[c], j,
                              (int)b->len, text + b->off);
            }
            ck_assert_uint_eq(fast.starts.len, full.starts.len);
            ck_assert(!memcmp(fast.starts.ptr, full.starts.ptr,
                              full.starts.len * sizeof *full.starts.ptr));
            fl__tok_free(&fast);
            fl__tok_free(&full);
        }
        /* a window lives no longer than its segment: a block read after
         * one that went on past its end (a caption, alt text) starts
         * inside the last window and ends before it does */
        fl_tokenizer fast, full;
        fl__tok_init(&fast, fl__default_allocator(), k.v, text, len);
        fl__tok_init(&full, fl__default_allocator(), k.v, text, len);
        full.affixes = 1;
        fl_segment inner = {pad + 4, 26, FL_SCOPE_CAPTION, FL_SEG_BLOCK_START};
        fl__tok_begin_block(&fast);
        fl__tok_begin_block(&full);
        ck_assert_int_eq(fl__tok_segment(&fast, &(fl_segment){pad, 40, FL_SCOPE_PROSE, 0}), FL_OK);
        ck_assert_int_eq(fl__tok_segment(&full, &(fl_segment){pad, 40, FL_SCOPE_PROSE, 0}), FL_OK);
        fl__tok_begin_block(&fast);
        fl__tok_begin_block(&full);
        ck_assert_int_eq(fl__tok_segment(&fast, &inner), FL_OK);
        ck_assert_int_eq(fl__tok_segment(&full, &inner), FL_OK);
        ck_assert_msg(fast.toks.len == full.toks.len,
                      "pad %zu: %zu tokens in the inner block, not %zu", pad, fast.toks.len,
                      full.toks.len);
        fl__tok_free(&fast);
        fl__tok_free(&full);
        free(text);
    }
    fl__vocab_free(k.v);
}
END_TEST

/* Runs of plain words (window_run): outside and inside quotations of
 * every depth, with commas, full stops and other marks between them, over
 * many windows in a row and past the token vector's room, as the full scan
 * reads them: the same tokens, flags and sentence starts. */
START_TEST(tokenize_word_runs_read_as_the_full_scan_does)
{
    static const char *const parts[] = {
        "the flood of them and the invasion, send them back, stop it now. ",
        "They said \"send them back and stop the flood, now\" and left ",
        "\xe2\x80\x9cone \xe2\x80\x98two \xe2\x80\x9cthree deep words here\xe2\x80\x9d two"
        "\xe2\x80\x99 one\xe2\x80\x9d out ",
        "a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e ",
        "and then the long run of plain words went on and on past every window the run "
        "made for it one after another with no mark at all between them so that the room "
        "made for a window is asked for again and again as the words go on and on and on "
        "for as long as a paragraph of plain words can go before it meets a mark or a "
        "number or the end of its segment which it does here ",
        "word; word: word) word, ,word word ,  word,word word. Word word! word ",
        "Mr. Smith and Dr. Who met, then left. abcdefghijklmno abcdefghijklmnop ",
        "see http://example.org/path and me@example.org or www.example.org now ",
        "it's the don't-stop seekers' flood; U.S. a. b. of. then. AliensThe end. ",
        "in 2019 and (them) or [send] them 12 back \xe2\x80\x9cquoted\xe2\x80\x9d "
        "flood\xe2\x80\x99s end ",
        "\"open quotes and never a close for these words in a row "};
    toks k;
    run(&k, "", 0); /* for its vocabulary */
    fl__tok_free(&k.t);
    size_t cap = 0;
    for (size_t i = 0; i < 240; i++)
        cap += strlen(parts[i % (sizeof parts / sizeof *parts)]);
    char *all = malloc(cap + 1);
    ck_assert_ptr_nonnull(all);
    all[0] = 0;
    static const size_t lengths[] = {7, 60, 240};
    for (size_t n = 0; n < sizeof lengths / sizeof *lengths; n++) {
        size_t len = 0;
        for (size_t i = 0; i < lengths[n]; i++) {
            const char *p = parts[(i * 5 + n) % (sizeof parts / sizeof *parts)];
            memcpy(all + len, p, strlen(p));
            len += strlen(p);
        }
        /* exactly the text's bytes, for AddressSanitizer */
        char *text = malloc(len);
        ck_assert_ptr_nonnull(text);
        memcpy(text, all, len);
        static const size_t cuts[] = {1u << 20, 300, 41};
        for (size_t c = 0; c < sizeof cuts / sizeof *cuts; c++) {
            fl_tokenizer fast, full;
            tokenize_cut(&fast, k.v, text, len, cuts[c], 0);
            tokenize_cut(&full, k.v, text, len, cuts[c], 1);
            ck_assert_msg(fast.toks.len == full.toks.len, "%zu parts, cut %zu: %zu tokens, not %zu",
                          lengths[n], cuts[c], fast.toks.len, full.toks.len);
            for (size_t j = 0; j < full.toks.len; j++) {
                const fl_token *a = &fast.toks.ptr[j], *b = &full.toks.ptr[j];
                ck_assert_msg(a->off == b->off && a->len == b->len && a->word == b->word &&
                                  a->cls == b->cls && a->flags == b->flags,
                              "%zu parts, cut %zu: token %zu (%.*s) differs", lengths[n],
                              cuts[c], j, (int)b->len, text + b->off);
            }
            ck_assert_uint_eq(fast.starts.len, full.starts.len);
            ck_assert(!memcmp(fast.starts.ptr, full.starts.ptr,
                              full.starts.len * sizeof *full.starts.ptr));
            fl__tok_free(&fast);
            fl__tok_free(&full);
        }
        free(text);
    }
    free(all);
    fl__vocab_free(k.v);
}
END_TEST

START_TEST(tokenize_decodes_entities_when_asked)
{
    toks k;
    run(&k, "r&eacute;fugi&eacute; don&rsquo;t", FL_SEG_ENTITIES);
    ck_assert_uint_eq(k.t.toks.len, 2);
    ck_assert_str_eq(word_of(&k, 0), "refugie");
    ck_assert_str_eq(word_of(&k, 1), "don't");
    done(&k);
}
END_TEST

START_TEST(tokenize_survives_invalid_bytes_and_nul)
{
    static const char text[] = "flood\xff\xfe migrant\0flood";
    const fl_allocator *a = fl__default_allocator();
    fl_tokenizer t;
    fl_vocab *v;
    ck_assert_int_eq(fl__vocab_new(&v, a), FL_OK);
    fl__tok_init(&t, a, v, text, sizeof text - 1);
    fl__tok_begin_block(&t);
    fl_segment seg = {0, sizeof text - 1, FL_SCOPE_PROSE, FL_SEG_BLOCK_START};
    ck_assert_int_eq(fl__tok_segment(&t, &seg), FL_OK);
    ck_assert_uint_eq(t.toks.len, 3);
    fl__tok_free(&t);
    fl__vocab_free(v);
}
END_TEST

Suite *suite_tokenize(void)
{
    Suite *s = suite_create("tokenize");
    TCase *tc = tcase_create("words");
    tcase_add_test(tc, tokenize_matches_folded_words_in_vocab);
    tcase_add_test(tc, tokenize_keeps_curly_apostrophe_in_word);
    tcase_add_test(tc, tokenize_soft_hyphen_keeps_one_word);
    tcase_add_test(tc, tokenize_splits_words_glued_at_a_lost_line_break);
    tcase_add_test(tc, tokenize_glued_segments_make_one_word);
    tcase_add_test(tc, tokenize_splits_french_elision);
    tcase_add_test(tc, tokenize_splits_hyphenated_words_and_marks_join);
    tcase_add_test(tc, tokenize_splits_hashtags_and_skips_handles_and_urls);
    tcase_add_test(tc, tokenize_decodes_entities_when_asked);
    tcase_add_test(tc, tokenize_words_end_where_the_next_byte_says);
    tcase_add_test(tc, tokenize_reads_a_word_alike_near_and_far_from_the_end);
    tcase_add_test(tc, tokenize_window_reads_words_as_the_full_scan_does);
    tcase_add_test(tc, tokenize_word_runs_read_as_the_full_scan_does);
    tcase_add_test(tc, tokenize_survives_invalid_bytes_and_nul);
    suite_add_tcase(s, tc);
    tc = tcase_create("numbers");
    tcase_add_test(tc, tokenize_classifies_numbers_with_separators_and_units);
    tcase_add_test(tc, tokenize_reads_four_digit_counts_of_people_as_numbers);
    suite_add_tcase(s, tc);
    tc = tcase_create("sentences");
    tcase_add_test(tc, tokenize_sentence_ends_skip_abbreviations);
    tcase_add_test(tc, tokenize_word_lists_are_sorted_and_found_in_any_case);
    tcase_add_test(tc, tokenize_marks_quoted_tokens);
    tcase_add_test(tc, tokenize_stray_opening_quote_ends_with_its_sentence);
    tcase_add_test(tc, tokenize_closes_a_single_quotation_glued_to_the_next_word);
    tcase_add_test(tc, tokenize_closes_a_single_quotation_after_a_one_letter_word);
    tcase_add_test(tc, tokenize_groups_thousands_with_any_of_four_spaces);
    tcase_add_test(tc, tokenize_reads_every_kind_of_number_tail);
    tcase_add_test(tc, tokenize_marks_ages_after_names_as_labels);
    tcase_add_test(tc, tokenize_marks_bracketed_list_numbers_as_labels);
    tcase_add_test(tc, tokenize_marks_numbers_with_a_full_stop_as_list_labels);
    tcase_add_test(tc, tokenize_marks_lists_of_labels);
    tcase_add_test(tc, tokenize_reads_text_speak_digits_as_words);
    tcase_add_test(tc, tokenize_marks_numbers_with_a_leading_zero_as_labels);
    tcase_add_test(tc, tokenize_marks_reference_markers_as_labels);
    tcase_add_test(tc, tokenize_day_and_month_stay_in_one_sentence);
    tcase_add_test(tc, tokenize_marks_days_beside_their_month_as_dates);
    tcase_add_test(tc, tokenize_marks_times_of_day_as_dates);
    tcase_add_test(tc, tokenize_marks_telephone_numbers_as_labels);
    tcase_add_test(tc, tokenize_reads_telephone_groups_by_their_exact_digit_counts);
    tcase_add_test(tc, tokenize_ends_a_short_link_before_a_glued_hashtag);
    tcase_add_test(tc, tokenize_ends_a_word_or_tag_before_a_glued_link);
    tcase_add_test(tc, tokenize_keeps_the_apostrophe_of_a_final_elided_word);
    suite_add_tcase(s, tc);
    return s;
}

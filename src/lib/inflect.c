/*
 * inflect: regular English morphology plus the irregular words migration
 * copy actually uses. Works on ASCII words; a word with other letters is
 * left as written, which is safe (it simply produces no extra forms).
 */
#include "inflect.h"

#include <ctype.h>
#include <string.h>

#include "text.h"

typedef struct irregular_verb {
    const char *base, *past, *participle;
} irregular_verb;

static const irregular_verb verbs[] = {
    {"become", "became", "become"}, {"begin", "began", "begun"},
    {"break", "broke", "broken"},   {"bring", "brought", "brought"},
    {"build", "built", "built"},    {"buy", "bought", "bought"},
    {"catch", "caught", "caught"},  {"choose", "chose", "chosen"},
    {"come", "came", "come"},       {"cut", "cut", "cut"},
    {"drive", "drove", "driven"},   {"fall", "fell", "fallen"},
    {"feel", "felt", "felt"},       {"fight", "fought", "fought"},
    {"find", "found", "found"},     {"flee", "fled", "fled"},
    {"get", "got", "got"},          {"give", "gave", "given"},
    {"go", "went", "gone"},         {"grow", "grew", "grown"},
    {"hold", "held", "held"},       {"keep", "kept", "kept"},
    {"leave", "left", "left"},      {"let", "let", "let"},
    {"lose", "lost", "lost"},       {"make", "made", "made"},
    {"meet", "met", "met"},         {"overrun", "overran", "overrun"},
    {"pay", "paid", "paid"},        {"put", "put", "put"},
    {"rise", "rose", "risen"},      {"run", "ran", "run"},
    {"say", "said", "said"},        {"see", "saw", "seen"},
    {"seek", "sought", "sought"},   {"sell", "sold", "sold"},
    {"send", "sent", "sent"},       {"set", "set", "set"},
    {"shut", "shut", "shut"},       {"sink", "sank", "sunk"},
    {"spend", "spent", "spent"},    {"spread", "spread", "spread"},
    {"stand", "stood", "stood"},    {"steal", "stole", "stolen"},
    {"sweep", "swept", "swept"},    {"swim", "swam", "swum"},
    {"take", "took", "taken"},      {"teach", "taught", "taught"},
    {"tell", "told", "told"},       {"think", "thought", "thought"},
    {"win", "won", "won"},          {NULL, NULL, NULL}};

typedef struct irregular_noun {
    const char *singular, *plural;
} irregular_noun;

static const irregular_noun nouns[] = {
    {"man", "men"},       {"woman", "women"},   {"person", "people"},
    {"child", "children"}, {"foot", "feet"},    {"mouse", "mice"},
    {"louse", "lice"},    {"goose", "geese"},   {"tooth", "teeth"},
    {"leaf", "leaves"},   {"wolf", "wolves"},   {"half", "halves"},
    {"thief", "thieves"}, {"life", "lives"},    {"wife", "wives"},
    {"knife", "knives"},  {"self", "selves"},   {"shelf", "shelves"},
    {"hero", "heroes"},   {"echo", "echoes"},   {"veto", "vetoes"},
    {"sheep", "sheep"},   {"fish", "fish"},     {"series", "series"},
    {"staff", "staff"},   {"police", "police"}, {"crisis", "crises"},
    {NULL, NULL}};

/* Words after a noun head that do not inflect: "flood of", "pour in". */
static const char *const particles[] = {
    "of", "in", "into", "to", "on", "onto", "at", "for", "with", "across",
    "over", "from", "by", "up", "out", "off", "down", "back", "around",
    "through", "about", "against", "upon", NULL};

static int in_list(const char *const *list, const char *w, size_t len)
{
    for (; *list; list++) {
        if (strlen(*list) == len && !memcmp(*list, w, len))
            return 1;
    }
    return 0;
}

/* in_list for a word as the writer cased it; the lists are lower case and
 * hold no word of 16 bytes or more. */
static int in_list_any_case(const char *const *list, const char *word, size_t len)
{
    char low[16];
    if (len >= sizeof low)
        return 0;
    for (size_t i = 0; i < len; i++)
        low[i] = (char)tolower((unsigned char)word[i]);
    return in_list(list, low, len);
}

static int is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static int ends_with(const char *w, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && !memcmp(w + len - n, suffix, n);
}

static int is_ascii_word(const char *w, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (!((w[i] >= 'a' && w[i] <= 'z') || (w[i] >= 'A' && w[i] <= 'Z')))
            return 0;
    }
    return len > 0;
}

/* "stem" → "stemm-": a stressed final consonant-vowel-consonant doubles.
 * One vowel group is our proxy for one syllable. */
static int doubles_final(const char *w, size_t len)
{
    if (len < 3)
        return 0;
    char a = w[len - 3], b = w[len - 2], c = w[len - 1];
    if (is_vowel(a) || !is_vowel(b) || is_vowel(c) || c == 'w' || c == 'x' || c == 'y')
        return 0;
    size_t groups = 0;
    for (size_t i = 0; i < len; i++)
        groups += is_vowel(w[i]) && (i == 0 || !is_vowel(w[i - 1]));
    return groups == 1;
}

static int put_s_form(fl_buf *out, const char *w, size_t len)
{
    int go_do = len == 2 && (!memcmp(w, "go", 2) || !memcmp(w, "do", 2));
    if (ends_with(w, len, "s") || ends_with(w, len, "x") || ends_with(w, len, "z") ||
        ends_with(w, len, "ch") || ends_with(w, len, "sh") || go_do) {
        int error = fl__buf_put(out, w, len);
        return error < 0 ? error : fl__buf_puts(out, "es");
    }
    if (len > 1 && w[len - 1] == 'y' && !is_vowel(w[len - 2])) {
        int error = fl__buf_put(out, w, len - 1);
        return error < 0 ? error : fl__buf_puts(out, "ies");
    }
    int error = fl__buf_put(out, w, len);
    return error < 0 ? error : fl__buf_putc(out, 's');
}

static int put_plural(fl_buf *out, const char *w, size_t len)
{
    for (const irregular_noun *n = nouns; n->singular; n++) {
        if (strlen(n->singular) == len && !memcmp(n->singular, w, len))
            return fl__buf_puts(out, n->plural);
    }
    return put_s_form(out, w, len);
}

static const irregular_verb *find_verb(const char *w, size_t len)
{
    for (const irregular_verb *v = verbs; v->base; v++) {
        if (strlen(v->base) == len && !memcmp(v->base, w, len))
            return v;
    }
    return NULL;
}

static int put_suffixed(fl_buf *out, const char *w, size_t len, const char *suffix)
{
    int error = fl__buf_put(out, w, len);
    return error < 0 ? error : fl__buf_puts(out, suffix);
}

static int put_past(fl_buf *out, const char *w, size_t len)
{
    if (w[len - 1] == 'e')
        return put_suffixed(out, w, len, "d");
    if (len > 1 && w[len - 1] == 'y' && !is_vowel(w[len - 2]))
        return put_suffixed(out, w, len - 1, "ied");
    if (doubles_final(w, len)) {
        int error = fl__buf_put(out, w, len);
        return error < 0 ? error : put_suffixed(out, w + len - 1, 1, "ed");
    }
    return put_suffixed(out, w, len, "ed");
}

static int put_gerund(fl_buf *out, const char *w, size_t len)
{
    if (ends_with(w, len, "ie"))
        return put_suffixed(out, w, len - 2, "ying");
    if (w[len - 1] == 'e' && len > 2 && !ends_with(w, len, "ee") &&
        !ends_with(w, len, "ye") && !ends_with(w, len, "oe"))
        return put_suffixed(out, w, len - 1, "ing");
    if (doubles_final(w, len)) {
        int error = fl__buf_put(out, w, len);
        return error < 0 ? error : put_suffixed(out, w + len - 1, 1, "ing");
    }
    return put_suffixed(out, w, len, "ing");
}

/* Writes one word in `form`; 0 if the form does not apply, 1 if written. */
static int put_word(fl_buf *out, const char *w, size_t len, fl_form form)
{
    const irregular_verb *v = find_verb(w, len);
    int error;
    switch (form) {
    case FL_FORM_PLURAL: error = put_plural(out, w, len); break;
    case FL_FORM_THIRD: error = put_s_form(out, w, len); break;
    case FL_FORM_PAST:
        error = v ? fl__buf_puts(out, v->past) : put_past(out, w, len);
        break;
    case FL_FORM_PARTICIPLE:
        if (!v || !strcmp(v->past, v->participle))
            return 0;
        error = fl__buf_puts(out, v->participle);
        break;
    case FL_FORM_GERUND: error = put_gerund(out, w, len); break;
    default: error = fl__buf_put(out, w, len); break;
    }
    return error < 0 ? error : 1;
}

typedef struct span {
    size_t off, len;
} span;

/* Splits on spaces and hyphens; returns the number of words (at most max). */
static size_t split_words(const char *s, span *words, size_t max)
{
    size_t n = 0, i = 0, len = strlen(s);
    while (i < len && n < max) {
        while (i < len && (s[i] == ' ' || s[i] == '-'))
            i++;
        size_t start = i;
        while (i < len && s[i] != ' ' && s[i] != '-')
            i++;
        if (i > start)
            words[n++] = (span){start, i - start};
    }
    return n;
}

static size_t head_index(const char *s, const span *words, size_t n, int head)
{
    if (head == FL_HEAD_VERB)
        return 0;
    size_t h = n - 1;
    while (h > 0 && in_list(particles, s + words[h].off, words[h].len))
        h--;
    return h;
}

static int inflect_at(fl_buf *out, const char *s, size_t head_at, size_t head_len,
                      fl_form form)
{
    size_t len = strlen(s);
    int error = fl__buf_put(out, s, head_at);
    if (error < 0)
        return error;
    int wrote = put_word(out, s + head_at, head_len, form);
    if (wrote <= 0)
        return wrote;
    error = fl__buf_put(out, s + head_at + head_len, len - head_at - head_len);
    return error < 0 ? error : 1;
}

int fl__inflect_phrase(fl_buf *out, const char *phrase, fl_form form, int head)
{
    span words[16];
    size_t n = split_words(phrase, words, 16);
    if (!n)
        return 0;
    size_t h = head_index(phrase, words, n, head);
    if (!is_ascii_word(phrase + words[h].off, words[h].len))
        return 0;
    return inflect_at(out, phrase, words[h].off, words[h].len, form);
}

/* 1 for "people", 0 for "person" and for nouns like "series" and "staff"
 * that are both (so "a series of" keeps its article), -1 if not listed. */
static int irregular_plural(const char *w, size_t len)
{
    for (const irregular_noun *n = nouns; n->singular; n++) {
        if (strlen(n->plural) == len && !memcmp(n->plural, w, len))
            return strcmp(n->singular, n->plural) != 0;
        if (strlen(n->singular) == len && !memcmp(n->singular, w, len))
            return 0;
    }
    return -1;
}

static int looks_plural(const char *w, size_t len)
{
    int irregular = irregular_plural(w, len);
    if (irregular >= 0)
        return irregular;
    return len > 2 && w[len - 1] == 's' && !ends_with(w, len, "ss") &&
           !ends_with(w, len, "us") && !ends_with(w, len, "is");
}

/* The head of a noun-phrase rewrite: the last word before the first
 * preposition ("child of immigrant parents", "rise in arrivals"), else the
 * last word. */
static size_t noun_head(const char *s, const span *words, size_t n)
{
    size_t h = 0;
    while (h + 1 < n && !in_list(particles, s + words[h + 1].off, words[h + 1].len))
        h++;
    return h;
}

static int is_article(const char *w, size_t len)
{
    return (len == 1 && (w[0] == 'a' || w[0] == 'A')) ||
           (len == 2 && (w[0] == 'a' || w[0] == 'A') && (w[1] == 'n' || w[1] == 'N'));
}

/* "a group of" matched as "hordes of" becomes "groups of": a plural takes
 * no "a". Returns 1 if written, 0 to leave the rewrite as it is. */
static int plural_without_article(fl_buf *out, const char *rewrite, const span *words,
                                  size_t n)
{
    if (n < 2 || !is_article(rewrite + words[0].off, words[0].len))
        return 0;
    const char *rest = rewrite + words[1].off;
    size_t h = noun_head(rewrite, words, n);
    /* "a boat carrying": the participle follows the noun it describes */
    if (h > 1 && ends_with(rewrite + words[h].off, words[h].len, "ing"))
        h--;
    const char *w = rewrite + words[h].off;
    if (h == 0 || !is_ascii_word(w, words[h].len) || ends_with(w, words[h].len, "ing") ||
        looks_plural(w, words[h].len))
        return 0;
    int wrote = inflect_at(out, rest, words[h].off - words[1].off, words[h].len,
                           FL_FORM_PLURAL);
    return wrote < 0 ? wrote : 1;
}

int fl__inflect_rewrite(fl_buf *out, const char *rewrite, fl_form form)
{
    span words[16];
    size_t n = split_words(rewrite, words, 16);
    int noun = form == FL_FORM_PLURAL;
    int verb = form == FL_FORM_THIRD || form == FL_FORM_PAST ||
               form == FL_FORM_PARTICIPLE || form == FL_FORM_GERUND;
    if (n && noun) {
        int wrote = plural_without_article(out, rewrite, words, n);
        if (wrote != 0)
            return wrote < 0 ? wrote : FL_OK;
    }
    if (!n || (!noun && !verb) ||
        fl__inflect_is_determiner(rewrite + words[0].off, words[0].len))
        return fl__buf_puts(out, rewrite);
    size_t h = noun ? noun_head(rewrite, words, n) : 0;
    const char *w = rewrite + words[h].off;
    /* an -ing head ("people arriving") is a participle, not the noun */
    if (!is_ascii_word(w, words[h].len) ||
        (noun && (looks_plural(w, words[h].len) || ends_with(w, words[h].len, "ing"))))
        return fl__buf_puts(out, rewrite);
    if (form == FL_FORM_PARTICIPLE && !find_verb(w, words[h].len))
        form = FL_FORM_PAST;
    int wrote = inflect_at(out, rewrite, words[h].off, words[h].len, form);
    if (wrote == 0) /* a verb whose participle is its past: "sent" */
        wrote = inflect_at(out, rewrite, words[h].off, words[h].len, FL_FORM_PAST);
    return wrote < 0 ? wrote : FL_OK;
}

int fl__inflect_is_plural(const char *phrase)
{
    span words[16];
    size_t n = split_words(phrase, words, 16);
    if (!n)
        return 0;
    /* "rise in arrivals" is one rise, "arrivals of" many. A phrase led by
     * "people" is plural too. */
    size_t h = noun_head(phrase, words, n);
    return looks_plural(phrase + words[h].off, words[h].len) ||
           irregular_plural(phrase + words[0].off, words[0].len) == 1;
}

int fl__inflect_is_particle(const char *word, size_t len)
{
    return in_list_any_case(particles, word, len);
}

int fl__inflect_is_determiner(const char *word, size_t len)
{
    static const char *const determiners[] = {
        "a", "an", "the", "this", "that", "these", "those", "many", "more",
        "most", "some", "several", "few", "fewer", "large", "growing", "rising",
        "numbers", "hundreds", "thousands", "millions", "dozens", "tens", "all",
        "every", "each", "no", "one", "two", "three", "four", "five", "six",
        "seven", "eight", "nine", "ten", "record", NULL};
    return in_list_any_case(determiners, word, len);
}

int fl__inflect_is_count_word(const char *word, size_t len)
{
    static const char *const counts[] = {"hundred", "thousand", "million", "billion",
                                         "trillion", "dozen", "couple", "few", "lot",
                                         "score", "half", "third", "quarter", NULL};
    return in_list_any_case(counts, word, len);
}

static int is_upper_ascii(char c)
{
    return c >= 'A' && c <= 'Z';
}

/* A two- or three-letter initialism is read letter by letter: "a US-born
 * child", "an NHS nurse". Longer capitals are usually said as a word (NATO,
 * UNICEF) and follow the ordinary rule. */
static const char *initialism_article(const char *word)
{
    size_t n = 0;
    while (is_upper_ascii(word[n]))
        n++;
    if (n < 2 || n > 3 || isalpha((unsigned char)word[n]))
        return NULL;
    return strchr("AEFHILMNORSX", word[0]) ? "an" : "a";
}

const char *fl__inflect_article(const char *word)
{
    /* Spelling stands in for sound: "a union", "an hour", "an unidentified". */
    static const char *const consonant_sound[] = {"unio", "unit", "univ", "uniq",
                                                  "unif", "use", "usu", "uto", "eu",
                                                  "one", "once", "ewe", NULL};
    static const char *const vowel_sound[] = {"hour", "honest", "honour", "honor",
                                              "heir", NULL};
    const char *initialism = initialism_article(word);
    if (initialism)
        return initialism;
    char low[8];
    size_t n = 0;
    while (n < sizeof low - 1 && word[n]) {
        low[n] = (char)tolower((unsigned char)word[n]);
        n++;
    }
    low[n] = '\0';
    for (const char *const *p = consonant_sound; *p; p++) {
        if (!strncmp(low, *p, strlen(*p)))
            return "a";
    }
    for (const char *const *p = vowel_sound; *p; p++) {
        if (!strncmp(low, *p, strlen(*p)))
            return "an";
    }
    return is_vowel(low[0]) ? "an" : "a";
}

int fl__inflect_case(fl_buf *out, const char *text, size_t len,
                     const char *model, size_t model_len)
{
    unsigned letters = 0, uppers = 0;
    int first_upper = -1;
    size_t i = 0;
    while (i < model_len) {
        int32_t cp;
        i += fl__utf8_decode((const unsigned char *)model + i, model_len - i, &cp);
        if (cp < 0 || !fl__cp_is_letter(cp))
            continue;
        int up = fl__cp_is_upper(cp);
        if (first_upper < 0)
            first_upper = up;
        letters++;
        uppers += (unsigned)up;
    }
    int all = letters >= 2 && uppers == letters;
    size_t start = out->len;
    i = 0;
    while (i < len) {
        int32_t cp;
        size_t n = fl__utf8_decode((const unsigned char *)text + i, len - i, &cp);
        int upper = cp >= 0 && (all || (first_upper > 0 && out->len == start));
        char enc[4];
        size_t k = upper ? fl__utf8_encode(fl__cp_toupper(cp), enc) : 0;
        int error = k ? fl__buf_put(out, enc, k) : fl__buf_put(out, text + i, n);
        if (error < 0)
            return error;
        i += n;
    }
    return FL_OK;
}

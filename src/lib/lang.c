/*
 * lang: declared language names and codes to the two-letter codes of the
 * rules (see lang.h). A fixed table, searched once per document.
 */
#include "lang.h"

#include <string.h>

/* Each row: the code, then its ISO 639-2 codes (bibliographic and
 * terminology, when they differ) and names, lower-case, space-separated.
 * The languages with rules come first; the others are the ones most often
 * met in writing about migration, so that their notice names the language
 * rather than a word. */
static const char *const table[][2] = {
    {"en", "eng english anglais inglés ingles englisch"},
    {"fr", "fre fra french français francais französisch franzosisch francés frances"},
    {"es", "spa spanish español espanol castellano castilian espagnol spanisch"},
    {"de", "ger deu german deutsch allemand alemán aleman"},
    {"it", "ita italian italiano"},
    {"pt", "por portuguese português portugues"},
    {"nl", "dut nld dutch nederlands flemish"},
    {"ar", "ara arabic"},
    {"fa", "per fas persian farsi dari"},
    {"ps", "pus pashto pushto"},
    {"ti", "tir tigrinya"},
    {"so", "som somali"},
    {"uk", "ukr ukrainian"},
    {"ru", "rus russian"},
    {"tr", "tur turkish"},
    {"pl", "pol polish polski"},
};

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c;
}

/* Whether the lower-case `word` (n bytes) is one of the space-separated
 * entries of `list`. */
static int listed(const char *list, const char *word, size_t n)
{
    for (const char *p = list; *p;) {
        size_t k = strcspn(p, " ");
        if (k == n && !memcmp(p, word, n))
            return 1;
        p += k + (p[k] == ' ');
    }
    return 0;
}

void fl__lang_code(const char *s, size_t len, char *out, size_t size)
{
    char word[32];
    size_t n = 0;
    if (size == 0)
        return;
    /* The first subtag: "fr" of "fr-BE", "de" of "de_DE", "english" of
     * "english (uk)". */
    while (n < len && n < sizeof word && s[n] != '-' && s[n] != '_' && s[n] != ' ' &&
           s[n] != '(')
        word[n] = lower(s[n]), n++;
    for (size_t i = 0; n > 2 && i < sizeof table / sizeof *table; i++) {
        if (listed(table[i][1], word, n)) {
            memcpy(word, table[i][0], 2);
            n = 2;
        }
    }
    /* Letters only: what comes out is shown in messages, and a name cut
     * short must not end inside a UTF-8 character. */
    size_t k = 0;
    while (k < n && k + 1 < size && word[k] >= 'a' && word[k] <= 'z')
        out[k] = word[k], k++;
    out[k] = '\0';
}

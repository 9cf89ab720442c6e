/*
 * entity: HTML character references, so "r&eacute;fugi&eacute;" and
 * "don&rsquo;t" read as the words they are. Only references real drafts use;
 * an unknown name is left as text rather than guessed.
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"

typedef struct entity {
    const char *name;
    int32_t cp;
} entity;

/* Sorted by name (strcmp) for bsearch. */
static const entity entities[] = {
    {"AElig", 0xC6},   {"Aacute", 0xC1}, {"Acirc", 0xC2},  {"Agrave", 0xC0},
    {"Aring", 0xC5},   {"Atilde", 0xC3}, {"Auml", 0xC4},   {"Ccedil", 0xC7},
    {"Eacute", 0xC9},  {"Ecirc", 0xCA},  {"Egrave", 0xC8}, {"Euml", 0xCB},
    {"Iacute", 0xCD},  {"Icirc", 0xCE},  {"Igrave", 0xCC}, {"Iuml", 0xCF},
    {"Ntilde", 0xD1},  {"OElig", 0x152}, {"Oacute", 0xD3}, {"Ocirc", 0xD4},
    {"Ograve", 0xD2},  {"Oslash", 0xD8}, {"Otilde", 0xD5}, {"Ouml", 0xD6},
    {"Uacute", 0xDA},  {"Ucirc", 0xDB},  {"Ugrave", 0xD9}, {"Uuml", 0xDC},
    {"Yacute", 0xDD},  {"aacute", 0xE1}, {"acirc", 0xE2},  {"aelig", 0xE6},
    {"agrave", 0xE0},  {"amp", '&'},     {"apos", '\''},   {"aring", 0xE5},
    {"atilde", 0xE3},  {"auml", 0xE4},   {"bdquo", 0x201E}, {"bull", 0x2022},
    {"ccedil", 0xE7},  {"cent", 0xA2},   {"copy", 0xA9},   {"deg", 0xB0},
    {"eacute", 0xE9},  {"ecirc", 0xEA},  {"egrave", 0xE8}, {"emsp", 0x2003},
    {"ensp", 0x2002},  {"euml", 0xEB},   {"euro", 0x20AC}, {"gt", '>'},
    {"hellip", 0x2026}, {"iacute", 0xED}, {"icirc", 0xEE},  {"iexcl", 0xA1},
    {"igrave", 0xEC},  {"iquest", 0xBF}, {"iuml", 0xEF},   {"laquo", 0xAB},
    {"ldquo", 0x201C}, {"lsaquo", 0x2039}, {"lsquo", 0x2018}, {"lt", '<'},
    {"mdash", 0x2014}, {"middot", 0xB7}, {"nbsp", 0xA0},   {"ndash", 0x2013},
    {"ntilde", 0xF1},  {"oacute", 0xF3}, {"ocirc", 0xF4},  {"oelig", 0x153},
    {"ograve", 0xF2},  {"ordf", 0xAA},   {"ordm", 0xBA},   {"oslash", 0xF8},
    {"otilde", 0xF5},  {"ouml", 0xF6},   {"percnt", '%'},  {"pound", 0xA3},
    {"quot", '"'},     {"raquo", 0xBB},  {"rdquo", 0x201D}, {"reg", 0xAE},
    {"rsaquo", 0x203A}, {"rsquo", 0x2019}, {"sbquo", 0x201A}, {"shy", 0xAD},
    {"szlig", 0xDF},   {"thinsp", 0x2009}, {"uacute", 0xFA}, {"ucirc", 0xFB},
    {"ugrave", 0xF9},  {"uuml", 0xFC},   {"yacute", 0xFD}, {"yen", 0xA5},
    {"yuml", 0xFF},    {"zwj", 0x200D},  {"zwnj", 0x200C},
};

static int compare_name(const void *key, const void *elem)
{
    return strcmp(key, ((const entity *)elem)->name);
}

static size_t numeric(const char *s, size_t len, int32_t *cp)
{
    size_t i = 2; /* past "&#" */
    int hex = i < len && (s[i] == 'x' || s[i] == 'X');
    if (hex)
        i++;
    int32_t v = 0;
    size_t digits = 0;
    for (; i < len && digits < 8; i++, digits++) {
        char c = s[i];
        int d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (hex && c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (hex && c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            break;
        v = v * (hex ? 16 : 10) + d;
    }
    if (!digits || i >= len || s[i] != ';' || v <= 0 || v > 0x10FFFF ||
        (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return i + 1;
}

size_t fl__html_entity(const char *s, size_t len, int32_t *cp)
{
    if (len < 3 || s[0] != '&')
        return 0;
    if (s[1] == '#')
        return numeric(s, len, cp);
    char name[12];
    size_t i = 1;
    while (i < len && i - 1 < sizeof name - 1 &&
           ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) {
        name[i - 1] = s[i];
        i++;
    }
    if (i >= len || s[i] != ';' || i == 1)
        return 0;
    name[i - 1] = '\0';
    const entity *e = bsearch(name, entities, sizeof entities / sizeof *entities,
                              sizeof *entities, compare_name);
    if (!e)
        return 0;
    *cp = e->cp;
    return i + 1;
}

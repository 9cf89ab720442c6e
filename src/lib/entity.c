/*
 * entity: HTML character references, so "r&eacute;fugi&eacute;" and
 * "don&rsquo;t" read as the words they are. Every name HTML defines, with
 * its semicolon; an unknown name is left as text rather than guessed.
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* The name is kept in the entry, not pointed to: 2,125 pointers were
 * 2,125 relocations that the dynamic loader wrote into nine pages at every
 * start, HTML or not. tools/entities.c leaves out any name that would not
 * fit with its NUL (the longest HTML defines has 31 bytes). */
typedef struct entity {
    char name[32];
    int32_t cp;
} entity;

/* Every named reference of HTML, sorted by name (strcmp) for bsearch:
 * generated at build time by tools/entities.c from the WHATWG's list. */
static const entity entities[] = {
#include "entity_table.inc"
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
    int64_t v = 0; /* eight hex digits overflow 32 bits; the range check below refuses them */
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
    *cp = (int32_t)v;
    return i + 1;
}

size_t fl__html_entity(const char *s, size_t len, int32_t *cp)
{
    if (len < 3 || s[0] != '&')
        return 0;
    if (s[1] == '#')
        return numeric(s, len, cp);
    char name[40]; /* the longest name, CounterClockwiseContourIntegral, has 31 */
    size_t i = 1;
    while (i < len && i - 1 < sizeof name - 1 &&
           ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
            (i > 1 && s[i] >= '0' && s[i] <= '9'))) {
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

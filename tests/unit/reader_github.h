/*
 * A parser for GitHub Actions workflow-command lines, for the tests:
 * `::(error|warning|notice) key=value,…::data`, with GitHub's escapes
 * decoded and every unescaped separator rejected.
 */
#ifndef FL_TEST_READER_GITHUB_H
#define FL_TEST_READER_GITHUB_H

#include "reader_utf8.h"

/* --- GitHub workflow commands ---------------------------------------------- */

#define GH_MAX_PROPS 8

typedef struct gh_command {
    char name[16];
    char keys[GH_MAX_PROPS][16];
    char *values[GH_MAX_PROPS]; /* decoded */
    size_t nprops;
    char *data; /* decoded */
    size_t data_len;
} gh_command;

static void gh_free(gh_command *c)
{
    for (size_t i = 0; i < c->nprops; i++)
        free(c->values[i]);
    free(c->data);
    memset(c, 0, sizeof *c);
}

/* Decodes GitHub's escapes in s[0..len): %25 %0D %0A always, %3A %2C in
 * properties. Any other '%', and in properties any raw ':' or ',', is an
 * error, since the writer escapes every one. */
static char *gh_decode(const char *s, size_t len, int property, size_t *out_len, char *err,
                       size_t errsize)
{
    static const char *const codes[] = {"%25", "%0D", "%0A", "%3A", "%2C"};
    static const char plain[] = "%\r\n:,";
    char *out = malloc(len + 1);
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        int k = -1;
        for (int c = 0; c < (property ? 5 : 3) && s[i] == '%'; c++) {
            if (len - i >= 3 && !memcmp(s + i, codes[c], 3))
                k = c;
        }
        if (s[i] == '%' && k < 0) {
            free(out);
            chk_fail(err, errsize, "stray '%%' at %zu", i);
            return NULL;
        }
        if (property && (s[i] == ':' || s[i] == ',')) {
            free(out);
            chk_fail(err, errsize, "raw '%c' in a property at %zu", s[i], i);
            return NULL;
        }
        out[o++] = k >= 0 ? plain[k] : s[i];
        i += k >= 0 ? 2 : 0;
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

static int gh_props(const char *s, size_t len, gh_command *c, char *err, size_t errsize)
{
    size_t i = 0;
    while (i < len) {
        size_t k = 0, v;
        if (c->nprops == GH_MAX_PROPS)
            return chk_fail(err, errsize, "too many properties");
        while (i < len && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')) && k < 15)
            c->keys[c->nprops][k++] = s[i++];
        c->keys[c->nprops][k] = '\0';
        if (!k || i >= len || s[i] != '=')
            return chk_fail(err, errsize, "bad property at %zu", i);
        for (v = ++i; i < len && s[i] != ','; i++)
            ;
        size_t n;
        c->values[c->nprops] = gh_decode(s + v, i - v, 1, &n, err, errsize);
        if (!c->values[c->nprops])
            return -1;
        c->nprops++;
        if (i < len && ++i == len)
            return chk_fail(err, errsize, "trailing ',' in properties");
    }
    return 0;
}

/* One line, without its "\n":
 * `::(error|warning|notice)( key=value(,key=value)*)?::data`. */
static int gh_parse(const char *s, size_t len, gh_command *c, char *err, size_t errsize)
{
    memset(c, 0, sizeof *c);
    if (memchr(s, '\r', len) || memchr(s, '\n', len))
        return chk_fail(err, errsize, "raw line break inside a command");
    if (chk_chars(s, len, 0, err, errsize) < 0)
        return -1;
    if (len < 2 || memcmp(s, "::", 2))
        return chk_fail(err, errsize, "does not start with '::'");
    size_t i = 2, n = 0;
    while (i < len && s[i] >= 'a' && s[i] <= 'z' && n < 15)
        c->name[n++] = s[i++];
    if (strcmp(c->name, "error") && strcmp(c->name, "warning") && strcmp(c->name, "notice"))
        return chk_fail(err, errsize, "unknown command '%s'", c->name);
    const char *end = NULL;
    for (size_t k = i; k + 1 < len && !end; k++)
        end = s[k] == ':' && s[k + 1] == ':' ? s + k : NULL;
    if (!end)
        return chk_fail(err, errsize, "no '::' before the message");
    if ((size_t)(end - s) > i) {
        if (s[i] != ' ')
            return chk_fail(err, errsize, "expected ' ' after the command");
        if (gh_props(s + i + 1, (size_t)(end - s) - i - 1, c, err, errsize) < 0)
            return -1;
    }
    size_t off = (size_t)(end - s) + 2;
    c->data = gh_decode(s + off, len - off, 0, &c->data_len, err, errsize);
    return c->data ? 0 : -1;
}

static const char *gh_prop(const gh_command *c, const char *key)
{
    for (size_t i = 0; i < c->nprops; i++) {
        if (!strcmp(c->keys[i], key))
            return c->values[i];
    }
    return NULL;
}

#endif

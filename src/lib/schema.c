/*
 * schema: typed access to YAML nodes with errors that point at the node. The
 * "did you mean" hint uses edit distance over the allowed keys, because most
 * unknown keys are typos.
 */
#include "schema.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int fl__schema_fail(const fl_schema *s, const fl_ynode *n, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return fl__error_set(s->err, FL_ESCHEMA, s->path, n ? n->line : 0,
                         n ? n->column : 0, 0, "%s", msg);
}

/* Levenshtein distance, capped: keys are short, so a row of 64 suffices. */
size_t fl__edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 64;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

static const char *closest(const char *key, const char *const *allowed)
{
    const char *best = NULL;
    size_t best_d = 3; /* more than two edits is not a typo */
    for (const char *const *a = allowed; *a; a++) {
        size_t d = fl__edit_distance(key, *a);
        if (d < best_d) {
            best_d = d;
            best = *a;
        }
    }
    return best;
}

int fl__schema_keys(const fl_schema *s, const fl_ynode *n, const char *what,
                    const char *const *allowed)
{
    if (!n || n->kind != FL_YNODE_MAP)
        return fl__schema_fail(s, n, "%s must be a mapping of keys to values", what);
    const fl_ynode *k = fl__ynode_first(n);
    for (size_t i = 0; i < n->count; i++, k = fl__ynode_next(fl__ynode_next(k))) {
        const char *const *a = allowed;
        while (*a && !fl__ynode_key_is(*a, k->str))
            a++;
        if (*a)
            continue;
        const char *hint = closest(k->str, allowed);
        if (hint)
            return fl__schema_fail(s, k, "unknown key '%s' in %s (did you mean '%s'?)",
                                   k->str, what, hint);
        return fl__schema_fail(s, k, "unknown key '%s' in %s", k->str, what);
    }
    return FL_OK;
}

int fl__schema_required(const fl_schema *s, const fl_ynode *map,
                        const char *what, const char *key, const fl_ynode **out)
{
    *out = fl__ynode_get(map, key);
    if (!*out)
        return fl__schema_fail(s, map, "%s is missing the required key '%s'", what, key);
    return FL_OK;
}

int fl__schema_string(const fl_schema *s, const fl_ynode *n, const char *key,
                      const char **out)
{
    if (n->kind != FL_YNODE_SCALAR)
        return fl__schema_fail(s, n, "'%s' must be a single value, not a %s", key,
                               n->kind == FL_YNODE_SEQ ? "list" : "mapping");
    if (!n->len)
        return fl__schema_fail(s, n, "'%s' must not be empty", key);
    *out = s->keep ? n->str : fl__arena_strndup(s->arena, n->str, n->len);
    return *out ? FL_OK : fl__error_nomem(s->err);
}

int fl__schema_text(const fl_schema *s, const fl_ynode *n, const char *key,
                    const char **out)
{
    if (n->kind != FL_YNODE_SCALAR)
        return fl__schema_string(s, n, key, out);
    size_t len = n->len;
    while (len && (n->str[len - 1] == '\n' || n->str[len - 1] == '\r' ||
                   n->str[len - 1] == ' ' || n->str[len - 1] == '\t'))
        len--;
    if (!len)
        return fl__schema_fail(s, n, "'%s' must not be empty", key);
    /* Only the whole scalar is a C string in place. */
    *out = s->keep && len == n->len ? n->str : fl__arena_strndup(s->arena, n->str, len);
    return *out ? FL_OK : fl__error_nomem(s->err);
}

int fl__schema_strlist(const fl_schema *s, const fl_ynode *n, const char *key,
                       fl_strlist *out)
{
    if (n->kind == FL_YNODE_SCALAR) {
        const char **items = fl__arena_alloc(s->arena, sizeof *items);
        if (!items)
            return fl__error_nomem(s->err);
        int error = fl__schema_string(s, n, key, &items[0]);
        if (error < 0)
            return error;
        out->items = items;
        out->count = 1;
        return FL_OK;
    }
    if (n->kind != FL_YNODE_SEQ)
        return fl__schema_fail(s, n, "'%s' must be a value or a list of values", key);
    const char **items = fl__arena_alloc(s->arena, (n->count + 1) * sizeof *items);
    if (!items)
        return fl__error_nomem(s->err);
    const fl_ynode *item = fl__ynode_first(n);
    for (size_t i = 0; i < n->count; i++, item = fl__ynode_next(item)) {
        int error = fl__schema_string(s, item, key, &items[i]);
        if (error < 0)
            return error;
    }
    out->items = items;
    out->count = n->count;
    return FL_OK;
}

int fl__schema_uint(const fl_schema *s, const fl_ynode *n, const char *key,
                    unsigned min, unsigned max, unsigned *out)
{
    if (n->kind != FL_YNODE_SCALAR || n->quoted || !n->len || n->len > 9)
        return fl__schema_fail(s, n, "'%s' must be a whole number from %u to %u",
                               key, min, max);
    unsigned v = 0;
    for (size_t i = 0; i < n->len; i++) {
        if (n->str[i] < '0' || n->str[i] > '9')
            return fl__schema_fail(s, n, "'%s' must be a whole number from %u to %u",
                                   key, min, max);
        v = v * 10 + (unsigned)(n->str[i] - '0');
    }
    if (v < min || v > max)
        return fl__schema_fail(s, n, "'%s' is %u; it must be from %u to %u", key,
                               v, min, max);
    *out = v;
    return FL_OK;
}

int fl__schema_enum(const fl_schema *s, const fl_ynode *n, const char *key,
                    const char *const *names, int *out)
{
    const char *v;
    int error = fl__schema_string(s, n, key, &v);
    if (error < 0)
        return error;
    for (int i = 0; names[i]; i++) {
        if (!strcmp(names[i], v)) {
            *out = i;
            return FL_OK;
        }
    }
    char choices[160] = "";
    size_t used = 0;
    for (int i = 0; names[i] && used < sizeof choices; i++)
        used += (size_t)snprintf(choices + used, sizeof choices - used, "%s%s",
                                 i ? ", " : "", names[i]);
    return fl__schema_fail(s, n, "'%s' is '%s'; expected one of: %s", key, v, choices);
}

int fl__schema_ident(const fl_schema *s, const fl_ynode *n, const char *key,
                     const char **out)
{
    const char *v;
    int error = fl__schema_string(s, n, key, &v);
    if (error < 0)
        return error;
    int ok = n->len <= 64 && ((v[0] >= 'a' && v[0] <= 'z') || (v[0] >= '0' && v[0] <= '9'));
    for (size_t i = 1; ok && i < n->len; i++)
        ok = (v[i] >= 'a' && v[i] <= 'z') || (v[i] >= '0' && v[i] <= '9') || v[i] == '-';
    if (!ok)
        return fl__schema_fail(s, n, "'%s' is '%s'; use lower-case letters, digits "
                               "and '-' (at most 64)", key, v);
    *out = v;
    return FL_OK;
}

/*
 * A strict JSON reader for the tests (RFC 8259: no trailing commas, no
 * leading zeros, valid escapes and UTF-8, no duplicate keys) that builds a
 * small tree, and a check of the SARIF 2.1.0 structure framelint emits, as
 * the schema defines it (required members, no unknown properties, positive
 * positions, ruleIndex pointing at its rule).
 */
#ifndef FL_TEST_READER_JSON_H
#define FL_TEST_READER_JSON_H

#include "reader_utf8.h"

/* --- JSON ------------------------------------------------------------------ */

typedef enum jtype { J_NULL, J_BOOL, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT } jtype;

typedef struct jnode {
    jtype type;
    char *str; /* J_STRING: decoded, NUL-terminated */
    size_t len;
    int is_int; /* J_NUMBER without fraction or exponent */
    long long ival;
    int boolean;
    struct jnode **items; /* J_ARRAY items; J_OBJECT values */
    char **keys;          /* J_OBJECT keys (decoded) */
    size_t n;
} jnode;

typedef struct jparser {
    const char *s;
    size_t len, pos;
    int depth;
    char err[160];
} jparser;

static void json_free(jnode *j)
{
    if (!j)
        return;
    for (size_t i = 0; i < j->n; i++) {
        json_free(j->items[i]);
        if (j->keys)
            free(j->keys[i]);
    }
    free(j->items);
    free(j->keys);
    free(j->str);
    free(j);
}

static void j_ws(jparser *p)
{
    while (p->pos < p->len && strchr(" \t\n\r", p->s[p->pos]) && p->s[p->pos])
        p->pos++;
}

static int j_hex4(jparser *p, uint32_t *out)
{
    *out = 0;
    for (int i = 0; i < 4; i++, p->pos++) {
        char c = p->pos < p->len ? p->s[p->pos] : 0;
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return chk_fail(p->err, sizeof p->err, "bad \\u escape at %zu", p->pos);
        *out = *out * 16 + (uint32_t)d;
    }
    return 0;
}

static int j_escape(jparser *p, char *out, size_t *o)
{
    char c = p->pos < p->len ? p->s[p->pos++] : 0;
    const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
    const char *k = c ? strchr(from, c) : NULL;
    if (k) {
        out[(*o)++] = to[k - from];
        return 0;
    }
    uint32_t cp, lo;
    if (c != 'u' || j_hex4(p, &cp) < 0)
        return chk_fail(p->err, sizeof p->err, "bad escape before %zu", p->pos);
    if (cp >= 0xDC00 && cp <= 0xDFFF)
        return chk_fail(p->err, sizeof p->err, "lone low surrogate at %zu", p->pos);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (p->pos + 2 > p->len || p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u')
            return chk_fail(p->err, sizeof p->err, "lone high surrogate at %zu", p->pos);
        p->pos += 2;
        if (j_hex4(p, &lo) < 0 || lo < 0xDC00 || lo > 0xDFFF)
            return chk_fail(p->err, sizeof p->err, "bad surrogate pair at %zu", p->pos);
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    *o += chk_put_utf8(out + *o, cp);
    return 0;
}

/* A string literal at p->pos (the opening quote), decoded into malloc'd
 * memory. Raw control characters and invalid UTF-8 are errors. */
static char *j_string(jparser *p, size_t *len)
{
    size_t start = ++p->pos, o = 0;
    char *out = malloc(p->len - start + 1);
    for (;;) {
        if (p->pos >= p->len) {
            chk_fail(p->err, sizeof p->err, "unterminated string from %zu", start);
            break;
        }
        unsigned char c = (unsigned char)p->s[p->pos];
        uint32_t cp;
        size_t n;
        if (c == '"') {
            p->pos++;
            out[o] = '\0';
            *len = o;
            return out;
        }
        if (c == '\\') {
            p->pos++;
            if (j_escape(p, out, &o) < 0)
                break;
        } else if (c < 0x20) {
            chk_fail(p->err, sizeof p->err, "raw control character 0x%02x at %zu", c, p->pos);
            break;
        } else if (!(n = chk_utf8((const unsigned char *)p->s + p->pos, p->len - p->pos, &cp))) {
            chk_fail(p->err, sizeof p->err, "invalid UTF-8 at %zu", p->pos);
            break;
        } else {
            memcpy(out + o, p->s + p->pos, n);
            o += n;
            p->pos += n;
        }
    }
    free(out);
    return NULL;
}

static size_t j_digits(jparser *p)
{
    size_t n = 0;
    while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
        p->pos++, n++;
    return n;
}

/* RFC 8259's number grammar: no leading zeros, no bare '.', no '+'. */
static int j_number(jparser *p, jnode *j)
{
    size_t start = p->pos;
    if (p->pos < p->len && p->s[p->pos] == '-')
        p->pos++;
    size_t first = p->pos, n = j_digits(p);
    if (!n || (n > 1 && p->s[first] == '0'))
        return chk_fail(p->err, sizeof p->err, "bad number at %zu", start);
    j->is_int = 1;
    if (p->pos < p->len && p->s[p->pos] == '.') {
        p->pos++;
        j->is_int = 0;
        if (!j_digits(p))
            return chk_fail(p->err, sizeof p->err, "bad fraction at %zu", start);
    }
    if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
        p->pos++;
        j->is_int = 0;
        if (p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
            p->pos++;
        if (!j_digits(p))
            return chk_fail(p->err, sizeof p->err, "bad exponent at %zu", start);
    }
    j->type = J_NUMBER;
    j->ival = strtoll(p->s + start, NULL, 10);
    return 0;
}

static jnode *j_value(jparser *p);

static int j_push(jnode *j, jnode *item, char *key)
{
    j->items = realloc(j->items, (j->n + 1) * sizeof *j->items);
    if (j->type == J_OBJECT)
        j->keys = realloc(j->keys, (j->n + 1) * sizeof *j->keys);
    j->items[j->n] = item;
    if (j->type == J_OBJECT)
        j->keys[j->n] = key;
    j->n++;
    return 0;
}

static int j_member_key(jparser *p, jnode *j, char **key)
{
    size_t klen;
    j_ws(p);
    if (p->pos >= p->len || p->s[p->pos] != '"')
        return chk_fail(p->err, sizeof p->err, "expected a key at %zu", p->pos);
    if (!(*key = j_string(p, &klen)))
        return -1;
    for (size_t i = 0; i < j->n; i++) {
        if (!strcmp(j->keys[i], *key)) {
            chk_fail(p->err, sizeof p->err, "duplicate key \"%s\" before %zu", *key, p->pos);
            free(*key);
            return -1;
        }
    }
    j_ws(p);
    if (p->pos >= p->len || p->s[p->pos] != ':') {
        free(*key);
        return chk_fail(p->err, sizeof p->err, "expected ':' at %zu", p->pos);
    }
    p->pos++;
    return 0;
}

/* Arrays and objects: items separated by ',', no trailing comma. */
static int j_container(jparser *p, jnode *j, char close)
{
    p->pos++;
    j_ws(p);
    if (p->pos < p->len && p->s[p->pos] == close) {
        p->pos++;
        return 0;
    }
    for (;;) {
        char *key = NULL;
        if (j->type == J_OBJECT && j_member_key(p, j, &key) < 0)
            return -1;
        jnode *item = j_value(p);
        if (!item) {
            free(key);
            return -1;
        }
        j_push(j, item, key);
        j_ws(p);
        char c = p->pos < p->len ? p->s[p->pos++] : 0;
        if (c == close)
            return 0;
        if (c != ',')
            return chk_fail(p->err, sizeof p->err, "expected ',' or '%c' at %zu", close,
                            p->pos - 1);
    }
}

static int j_literal(jparser *p, jnode *j)
{
    static const char *const words[] = {"null", "true", "false"};
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(words[i]);
        if (p->len - p->pos >= n && !memcmp(p->s + p->pos, words[i], n)) {
            p->pos += n;
            j->type = i ? J_BOOL : J_NULL;
            j->boolean = i == 1;
            return 0;
        }
    }
    return chk_fail(p->err, sizeof p->err, "unexpected character at %zu", p->pos);
}

static jnode *j_value(jparser *p)
{
    jnode *j = calloc(1, sizeof *j);
    int error = 0;
    j_ws(p);
    char c = p->pos < p->len ? p->s[p->pos] : 0;
    if (++p->depth > 64)
        error = chk_fail(p->err, sizeof p->err, "nested too deep at %zu", p->pos);
    else if (c == '{' || c == '[') {
        j->type = c == '{' ? J_OBJECT : J_ARRAY;
        error = j_container(p, j, c == '{' ? '}' : ']');
    } else if (c == '"') {
        j->type = J_STRING;
        error = (j->str = j_string(p, &j->len)) ? 0 : -1;
    } else if (c == '-' || (c >= '0' && c <= '9'))
        error = j_number(p, j);
    else
        error = j_literal(p, j);
    p->depth--;
    if (error < 0) {
        json_free(j);
        return NULL;
    }
    return j;
}

static jnode *json_parse(const char *s, size_t len, char *err, size_t errsize)
{
    jparser p = {s, len, 0, 0, {0}};
    jnode *j = j_value(&p);
    if (j) {
        j_ws(&p);
        if (p.pos != len) {
            chk_fail(p.err, sizeof p.err, "text after the document at %zu", p.pos);
            json_free(j);
            j = NULL;
        }
    }
    if (!j)
        snprintf(err, errsize, "%s", p.err);
    return j;
}

/* Member `key` of an object, or NULL (also when `j` is not an object). */
static const jnode *jget(const jnode *j, const char *key)
{
    for (size_t i = 0; j && j->type == J_OBJECT && i < j->n; i++) {
        if (!strcmp(j->keys[i], key))
            return j->items[i];
    }
    return NULL;
}

static const jnode *jat(const jnode *j, size_t i)
{
    return j && j->type == J_ARRAY && i < j->n ? j->items[i] : NULL;
}

/* Nonzero if every key of object `j` is in the comma-separated `allowed`
 * (SARIF objects allow no other properties); names the first stranger. */
static int jonly(const jnode *j, const char *allowed, const char *what, char *err, size_t size)
{
    for (size_t i = 0; j && i < j->n; i++) {
        const char *k = j->keys[i];
        const char *at = strstr(allowed, k);
        size_t n = strlen(k);
        while (at && !((at == allowed || at[-1] == ',') && (at[n] == ',' || !at[n])))
            at = strstr(at + 1, k);
        if (!at) {
            snprintf(err, size, "%s: unexpected property \"%s\"", what, k);
            return 0;
        }
    }
    return 1;
}

/* --- SARIF ----------------------------------------------------------------- */

/* In the checks below: fail with a message, or on an unexpected property. */

#define REQUIRE(cond, ...)                                                                         \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            snprintf(err, errsize, __VA_ARGS__);                                                   \
            return 0;                                                                              \
        }                                                                                          \
    } while (0)

#define REQUIRE_ONLY(node, keys, what)                                                             \
    do {                                                                                           \
        if (!jonly(node, keys, what, err, errsize))                                                \
            return 0;                                                                              \
    } while (0)

static int is_text(const jnode *msg)
{
    return msg && msg->type == J_OBJECT && jget(msg, "text") && jget(msg, "text")->type == J_STRING;
}

static int is_pos_int(const jnode *j)
{
    return j && j->type == J_NUMBER && j->is_int && j->ival >= 1;
}

static int is_level(const jnode *j)
{
    return j && j->type == J_STRING &&
           (!strcmp(j->str, "error") || !strcmp(j->str, "warning") || !strcmp(j->str, "note"));
}

/* A URI reference as we write it: unreserved characters, '/', ':' only in
 * "file://", and well-formed %HH. */
static int is_uri(const jnode *j)
{
    if (!j || j->type != J_STRING)
        return 0;
    const char *s = j->str;
    if (!strncmp(s, "file:///", 8))
        s += 7;
    for (; *s; s++) {
        if (*s == '%' && strchr("0123456789ABCDEF", s[1]) && s[1] &&
            strchr("0123456789ABCDEF", s[2]) && s[2])
            s += 2;
        else if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/", *s))
            return 0;
    }
    return 1;
}

static int check_region(const jnode *reg, int deleted, char *err, size_t errsize)
{
    const jnode *off = jget(reg, "byteOffset"), *len = jget(reg, "byteLength");
    REQUIRE_ONLY(reg, "startLine,startColumn,endLine,endColumn,byteOffset,byteLength", "region");
    REQUIRE(off && off->is_int && off->ival >= 0 && len && len->is_int && len->ival >= 0,
            "region without byteOffset/byteLength");
    if (deleted)
        return 1;
    const jnode *sl = jget(reg, "startLine"), *sc = jget(reg, "startColumn");
    const jnode *el = jget(reg, "endLine"), *ec = jget(reg, "endColumn");
    REQUIRE(is_pos_int(sl) && is_pos_int(sc) && is_pos_int(el) && is_pos_int(ec),
            "region lines and columns must be positive integers");
    REQUIRE(el->ival > sl->ival || (el->ival == sl->ival && ec->ival > sc->ival),
            "region ends before it starts");
    return 1;
}

static int check_fix(const jnode *fix, char *err, size_t errsize)
{
    const jnode *changes = jget(fix, "artifactChanges");
    REQUIRE_ONLY(fix, "description,artifactChanges", "fix");
    REQUIRE(is_text(jget(fix, "description")), "fix without description.text");
    REQUIRE(changes && changes->type == J_ARRAY && changes->n >= 1, "fix without changes");
    for (size_t i = 0; i < changes->n; i++) {
        const jnode *c = jat(changes, i), *reps = jget(c, "replacements");
        REQUIRE(is_uri(jget(jget(c, "artifactLocation"), "uri")), "change without a URI");
        REQUIRE(reps && reps->type == J_ARRAY && reps->n >= 1, "change without replacements");
        for (size_t k = 0; k < reps->n; k++) {
            const jnode *rep = jat(reps, k);
            REQUIRE_ONLY(rep, "deletedRegion,insertedContent", "replacement");
            REQUIRE(is_text(jget(rep, "insertedContent")), "no insertedContent.text");
            if (!check_region(jget(rep, "deletedRegion"), 1, err, errsize))
                return 0;
        }
    }
    return 1;
}

static int check_result(const jnode *res, const jnode *rules, char *err, size_t errsize)
{
    const jnode *id = jget(res, "ruleId"), *index = jget(res, "ruleIndex");
    const jnode *loc = jat(jget(res, "locations"), 0), *fixes = jget(res, "fixes");
    REQUIRE_ONLY(res, "ruleId,ruleIndex,level,message,locations,fixes", "result");
    REQUIRE(is_text(jget(res, "message")), "result without message.text");
    REQUIRE(is_level(jget(res, "level")), "result with a bad level");
    REQUIRE(id && id->type == J_STRING && index && index->is_int && index->ival >= 0 &&
                (size_t)index->ival < rules->n,
            "result without ruleId or with ruleIndex out of range");
    REQUIRE(!strcmp(jget(jat(rules, (size_t)index->ival), "id")->str, id->str),
            "driver.rules[ruleIndex].id is not ruleId %s", id->str);
    const jnode *phys = jget(loc, "physicalLocation");
    REQUIRE(is_uri(jget(jget(phys, "artifactLocation"), "uri")), "result without a good URI");
    if (!check_region(jget(phys, "region"), 0, err, errsize))
        return 0;
    for (size_t i = 0; fixes && i < fixes->n; i++) {
        if (!check_fix(jat(fixes, i), err, errsize))
            return 0;
    }
    return 1;
}

/* The parts of SARIF 2.1.0's schema that apply to what we emit. */
static int check_sarif(const jnode *root, char *err, size_t errsize)
{
    const jnode *run = jat(jget(root, "runs"), 0);
    const jnode *driver = jget(jget(run, "tool"), "driver");
    const jnode *rules = jget(driver, "rules"), *results = jget(run, "results");
    REQUIRE_ONLY(root, "$schema,version,runs", "log");
    REQUIRE(jget(root, "version") && !strcmp(jget(root, "version")->str, "2.1.0"), "version");
    REQUIRE(jget(root, "runs")->n == 1, "one run expected");
    REQUIRE_ONLY(run, "columnKind,results,tool", "run");
    REQUIRE(jget(run, "columnKind") && !strcmp(jget(run, "columnKind")->str, "unicodeCodePoints"),
            "columnKind");
    REQUIRE(jget(driver, "name") && !strcmp(jget(driver, "name")->str, "framelint"), "name");
    REQUIRE(rules && rules->type == J_ARRAY && results && results->type == J_ARRAY, "arrays");
    for (size_t i = 0; i < rules->n; i++) {
        const jnode *d = jat(rules, i);
        REQUIRE_ONLY(d, "id,shortDescription,fullDescription,help,defaultConfiguration,properties",
                     "rule");
        REQUIRE(is_level(jget(jget(d, "defaultConfiguration"), "level")), "rule level");
        for (size_t k = 0; k < i; k++)
            REQUIRE(strcmp(jget(d, "id")->str, jget(jat(rules, k), "id")->str),
                    "rule listed twice");
    }
    for (size_t i = 0; i < results->n; i++) {
        if (!check_result(jat(results, i), rules, err, errsize))
            return 0;
    }
    return 1;
}

#endif

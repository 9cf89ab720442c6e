/*
 * checks: invariants every fuzz target asserts — statuses, findings — and a
 * strict JSON validator for the reporters' output. Aborts on a violation;
 * never allocates.
 */
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "findings.h"
#include "fuzz.h"
#include "ruleset.h"

void fuzz_check(int ok)
{
    if (!ok)
        abort();
}

void fuzz_check_status(int status, const fl_error *err)
{
    fuzz_check(status <= FL_OK && status >= FL_ELIMIT);
    if (status < 0) {
        fuzz_check(err->code == status);
        fuzz_check(err->message[0] != '\0');
        fuzz_check(memchr(err->message, '\0', sizeof err->message) != NULL);
    }
}

/* One UTF-8 sequence at p[0], strictly: no overlongs, surrogates or code
 * points past U+10FFFF. Returns its length, or 0. */
static size_t utf8_seq(const unsigned char *p, size_t left)
{
    size_t n = p[0] < 0x80 ? 1 : p[0] >= 0xC2 && p[0] <= 0xDF ? 2
             : (p[0] & 0xF0) == 0xE0 ? 3 : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : 0;
    if (n == 0 || n > left)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    }
    if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] > 0x9F) ||
        (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] > 0x8F))
        return 0;
    return n;
}

static int utf8_valid(const char *s, size_t len)
{
    for (size_t i = 0, n; i < len; i += n) {
        if (!(n = utf8_seq((const unsigned char *)s + i, len - i)))
            return 0;
    }
    return 1;
}

/* In valid UTF-8, a span starts and ends on a character boundary. */
static int on_boundary(const fl_document *doc, size_t off)
{
    return off == doc->len || ((unsigned char)doc->data[off] & 0xC0) != 0x80;
}

static void check_finding(const fl_document *doc, const fl_finding *x, int utf8)
{
    fuzz_check(x != NULL && fl_finding_rule(x) != NULL);
    size_t off = fl_finding_offset(x), len = fl_finding_length(x);
    fuzz_check(off <= doc->len && len > 0 && len <= doc->len - off);
    fuzz_check(fl_finding_severity(x) >= FL_SEVERITY_SUGGESTION &&
               fl_finding_severity(x) <= FL_SEVERITY_ERROR);
    if (utf8)
        fuzz_check(on_boundary(doc, off) && on_boundary(doc, off + len));
    const char *msg = fl_finding_message(x);
    fuzz_check(msg != NULL && msg[0] != '\0');
    for (size_t i = 0; i < fl_finding_suggestion_count(x); i++)
        fuzz_check(fl_finding_suggestion(x, i) != NULL);
}

void fuzz_check_findings(const fl_document *doc, const fl_findings *f)
{
    const fl_finding *prev = NULL;
    int utf8 = utf8_valid(doc->data, doc->len);
    for (size_t i = 0; i < fl_findings_count(f); i++) {
        const fl_finding *x = fl_findings_at(f, i);
        check_finding(doc, x, utf8);
        if (prev) {
            /* sorted by offset, then rule order; one per span per rule */
            fuzz_check(prev->off < x->off ||
                       (prev->off == x->off && prev->rule->index <= x->rule->index));
            fuzz_check(!(prev->off == x->off && prev->len == x->len &&
                         prev->rule == x->rule));
        }
        prev = x;
    }
    fuzz_check(fl_findings_at(f, fl_findings_count(f)) == NULL);
    for (size_t i = 0; i < fl_findings_notice_count(f); i++) {
        size_t off = 0;
        const char *msg = fl_findings_notice(f, i, &off);
        fuzz_check(msg != NULL && msg[0] != '\0' && off <= doc->len);
    }
    fuzz_check(fl_findings_language(f) != NULL);
}

/* ---- JSON ---------------------------------------------------------------- */

typedef struct json {
    const unsigned char *s;
    size_t pos, len;
    unsigned depth;
} json;

#define JSON_MAX_DEPTH 64

static int value(json *j);

static void skip_space(json *j)
{
    while (j->pos < j->len && strchr(" \t\r\n", j->s[j->pos]) && j->s[j->pos])
        j->pos++;
}

static int eat(json *j, char c)
{
    skip_space(j);
    if (j->pos < j->len && j->s[j->pos] == (unsigned char)c) {
        j->pos++;
        return 1;
    }
    return 0;
}

static int literal(json *j, const char *word)
{
    size_t n = strlen(word);
    if (j->len - j->pos < n || memcmp(j->s + j->pos, word, n) != 0)
        return 0;
    j->pos += n;
    return 1;
}

static size_t digits(json *j)
{
    size_t start = j->pos;
    while (j->pos < j->len && j->s[j->pos] >= '0' && j->s[j->pos] <= '9')
        j->pos++;
    return j->pos - start;
}

static int number(json *j)
{
    if (j->pos < j->len && j->s[j->pos] == '-')
        j->pos++;
    size_t start = j->pos;
    size_t n = digits(j);
    if (n == 0 || (n > 1 && j->s[start] == '0'))
        return 0;
    if (j->pos < j->len && j->s[j->pos] == '.') {
        j->pos++;
        if (digits(j) == 0)
            return 0;
    }
    if (j->pos < j->len && (j->s[j->pos] | 0x20) == 'e') {
        j->pos++;
        if (j->pos < j->len && (j->s[j->pos] == '+' || j->s[j->pos] == '-'))
            j->pos++;
        if (digits(j) == 0)
            return 0;
    }
    return 1;
}

static int escape(json *j)
{
    if (j->pos >= j->len)
        return 0;
    unsigned char c = j->s[j->pos++];
    if (c != 'u')
        return strchr("\"\\/bfnrt", c) != NULL && c != '\0';
    for (int i = 0; i < 4; i++, j->pos++) {
        if (j->pos >= j->len || !strchr("0123456789abcdefABCDEF", j->s[j->pos]) ||
            j->s[j->pos] == '\0')
            return 0;
    }
    return 1;
}

static int string(json *j)
{
    j->pos++; /* the opening quote */
    while (j->pos < j->len) {
        unsigned char c = j->s[j->pos];
        if (c == '"') {
            j->pos++;
            return 1;
        }
        if (c < 0x20)
            return 0;
        if (c == '\\') {
            j->pos++;
            if (!escape(j))
                return 0;
            continue;
        }
        size_t n = utf8_seq(j->s + j->pos, j->len - j->pos);
        if (n == 0)
            return 0;
        j->pos += n;
    }
    return 0;
}

/* Members or elements up to `close`; `object` wants "key": before each. */
static int items(json *j, char close, int object)
{
    if (eat(j, close))
        return 1;
    do {
        if (object) {
            skip_space(j);
            if (j->pos >= j->len || j->s[j->pos] != '"' || !string(j) || !eat(j, ':'))
                return 0;
        }
        if (!value(j))
            return 0;
    } while (eat(j, ','));
    return eat(j, close);
}

static int value(json *j)
{
    skip_space(j);
    if (j->pos >= j->len)
        return 0;
    unsigned char c = j->s[j->pos];
    if (c == '"')
        return string(j);
    if (c == '{' || c == '[') {
        if (++j->depth > JSON_MAX_DEPTH)
            return 0;
        j->pos++;
        int ok = items(j, c == '{' ? '}' : ']', c == '{');
        j->depth--;
        return ok;
    }
    if (c == '-' || (c >= '0' && c <= '9'))
        return number(j);
    return literal(j, "true") || literal(j, "false") || literal(j, "null");
}

int fuzz_json_valid(const char *s, size_t len)
{
    json j = {(const unsigned char *)s, 0, len, 0};
    if (!value(&j))
        return 0;
    skip_space(&j);
    return j.pos == j.len;
}

/*
 * spec_test: the CommonMark spec's examples through the Markdown reader, in
 * the spirit of cmark's spec tests. For each example the words the reader
 * hands to the linter must be the words a reader of the rendered HTML sees:
 * prose (every text outside code) and captions (alt= and title= values).
 * Code, link targets and markup must not come out. Words are runs of ASCII
 * letters, compared as multisets, so escapes, entities and punctuation do
 * not matter. known-exceptions.txt lists the examples where the reader
 * differs on purpose or falls short, each with its reason; an example that
 * fails unlisted, or passes while listed, fails the test, so the list stays
 * true. Usage: spec_test SPEC-EXAMPLES.txt KNOWN-EXCEPTIONS.txt [-v]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "text.h"

#define FENCE "````````````````````````````````"
#define MAX_WORDS 4096

typedef struct words {
    char *w[MAX_WORDS];
    size_t n;
} words;

static void add_word(words *ws, const char *s, size_t n)
{
    if (ws->n < MAX_WORDS && (ws->w[ws->n] = malloc(n + 1))) {
        memcpy(ws->w[ws->n], s, n);
        ws->w[ws->n++][n] = '\0';
    }
}

static void free_words(words *ws)
{
    for (size_t i = 0; i < ws->n; i++)
        free(ws->w[i]);
    ws->n = 0;
}

static int is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The letter runs of s[0..len), character references decoded (a reference
 * to a non-letter separates words, as the character itself would). */
static void split(words *ws, const char *s, size_t len)
{
    char word[256];
    size_t n = 0;
    for (size_t i = 0; i <= len; i++) {
        int32_t cp = 0;
        size_t ref = i < len && s[i] == '&' ? fl__html_entity(s + i, len - i, &cp) : 0;
        char c = ref ? (cp < 128 && is_letter((char)cp) ? (char)cp : ' ') : i < len ? s[i] : ' ';
        if (is_letter(c) && n < sizeof word) {
            word[n++] = c;
        } else if (n) {
            add_word(ws, word, n);
            n = 0;
        }
        if (ref)
            i += ref - 1;
    }
}

static int compare_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int same(words *a, words *b)
{
    if (a->n != b->n)
        return 0;
    qsort(a->w, a->n, sizeof *a->w, compare_str);
    qsort(b->w, b->n, sizeof *b->w, compare_str);
    for (size_t i = 0; i < a->n; i++) {
        if (strcmp(a->w[i], b->w[i]))
            return 0;
    }
    return 1;
}

/* --- what the reader emits ------------------------------------------------------- */

typedef struct got {
    const char *doc;
    words prose, captions;
} got;

static int on_segment(void *payload, const fl_segment *seg)
{
    got *g = payload;
    split(seg->scope == FL_SCOPE_CAPTION ? &g->captions : &g->prose, g->doc + seg->off, seg->len);
    return FL_OK;
}

/* --- what the HTML shows ----------------------------------------------------------- */

static int name_is(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && fl__markup_ci_equal(s, w, n);
}

/* Reads the tag at s[i] == '<'; adds alt= and title= values to captions;
 * returns where it ends and sets *code to +1 (opens code), -1 (closes), 0. */
static size_t tag(const char *s, size_t i, size_t len, words *captions, int *code)
{
    static const char *const hidden[] = {"code", "pre", "script", "style", NULL};
    size_t p = i + 1, closing = p < len && s[p] == '/';
    p += closing;
    size_t name = p;
    while (p < len && (is_letter(s[p]) || (s[p] >= '0' && s[p] <= '9')))
        p++;
    *code = 0;
    for (size_t k = 0; hidden[k] && p > name; k++) {
        if (name_is(s + name, p - name, hidden[k]))
            *code = closing ? -1 : 1;
    }
    while (p < len && s[p] != '>') {
        size_t a = p;
        while (p < len && s[p] != '=' && s[p] != '>' && s[p] != ' ' && s[p] != '\n')
            p++;
        size_t alen = p - a;
        if (p < len && s[p] == '=' && p + 1 < len && (s[p + 1] == '"' || s[p + 1] == '\'')) {
            char q = s[p + 1];
            const char *end = memchr(s + p + 2, q, len - p - 2);
            size_t v = p + 2, vend = end ? (size_t)(end - s) : len;
            if (name_is(s + a, alen, "alt") || name_is(s + a, alen, "title"))
                split(captions, s + v, vend - v);
            p = vend + 1;
        } else if (p < len && s[p] != '>') {
            p++;
        }
    }
    return p < len ? p + 1 : len;
}

static void expected(const char *s, size_t len, words *prose, words *captions)
{
    int in_code = 0;
    size_t text = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] != '<' || i + 1 >= len || !(is_letter(s[i + 1]) || s[i + 1] == '/' ||
                                             s[i + 1] == '!' || s[i + 1] == '?')) {
            i++;
            continue;
        }
        if (!in_code)
            split(prose, s + text, i - text);
        if (s[i + 1] == '!' || s[i + 1] == '?') { /* comment, declaration, PI */
            const char *end = strstr(s + i, s[i + 2] == '-' ? "-->" : ">");
            i = end ? (size_t)(end - s) + (s[i + 2] == '-' ? 3 : 1) : len;
        } else {
            int code;
            i = tag(s, i, len, captions, &code);
            in_code += code;
            in_code = in_code < 0 ? 0 : in_code;
        }
        text = i;
    }
    if (!in_code)
        split(prose, s + text, len - text);
}

/* --- the examples ------------------------------------------------------------------ */

typedef struct example {
    int number;
    char *md, *html;
    size_t md_len, html_len;
} example;

/* The spec writes a tab as U+2192: turn it back. */
static size_t untab(char *s, size_t len)
{
    size_t w = 0;
    for (size_t r = 0; r < len; r++) {
        if (r + 2 < len && (unsigned char)s[r] == 0xE2 && (unsigned char)s[r + 1] == 0x86 &&
            (unsigned char)s[r + 2] == 0x92) {
            s[w++] = '\t';
            r += 2;
        } else {
            s[w++] = s[r];
        }
    }
    return w;
}

static int run_example(example *e, int verbose)
{
    got g;
    memset(&g, 0, sizeof g);
    g.doc = e->md;
    fl_markup_sink sink = {on_segment, NULL, &g};
    fl__markup_md(e->md, e->md_len, &sink, NULL);
    words want_prose = {{0}, 0}, want_captions = {{0}, 0};
    expected(e->html, e->html_len, &want_prose, &want_captions);
    int ok = same(&g.prose, &want_prose) && same(&g.captions, &want_captions);
    if (!ok && verbose) {
        printf("example %d:\n  read   prose:", e->number);
        for (size_t i = 0; i < g.prose.n; i++)
            printf(" %s", g.prose.w[i]);
        printf("\n  shown  prose:");
        for (size_t i = 0; i < want_prose.n; i++)
            printf(" %s", want_prose.w[i]);
        printf("\n  read captions: %zu, shown captions: %zu\n", g.captions.n, want_captions.n);
    }
    free_words(&g.prose);
    free_words(&g.captions);
    free_words(&want_prose);
    free_words(&want_captions);
    return ok;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, chunk;
    do {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            char *grown = realloc(buf, cap + 1);
            if (!grown)
                break;
            buf = grown;
        }
        chunk = fread(buf + n, 1, cap - n, f);
        n += chunk;
    } while (chunk);
    fclose(f);
    if (buf)
        buf[n] = '\0';
    *len = n;
    return buf;
}

/* Whether example `n` is listed ("N: reason" lines; '#' starts a comment). */
static int listed(const char *known, int n)
{
    for (const char *p = known; p && *p;) {
        if (*p != '#' && atoi(p) == n)
            return 1;
        const char *nl = strchr(p, '\n');
        p = nl ? nl + 1 : NULL;
    }
    return 0;
}

int main(int argc, char **argv)
{
    size_t len = 0, klen = 0;
    char *spec = argc >= 3 ? slurp(argv[1], &len) : NULL;
    char *known = argc >= 3 ? slurp(argv[2], &klen) : NULL;
    int verbose = argc > 3 && !strcmp(argv[3], "-v");
    if (!spec || !known) {
        fprintf(stderr, "usage: spec_test SPEC-EXAMPLES.txt KNOWN-EXCEPTIONS.txt [-v]\n");
        return 2;
    }
    int number = 0, as_expected = 0, exceptions = 0, wrong = 0;
    for (char *p = strstr(spec, FENCE " example\n"); p; p = strstr(p, FENCE " example\n")) {
        example e = {++number, p + strlen(FENCE " example\n"), NULL, 0, 0};
        char *dot = strstr(e.md, "\n.\n"), *end = dot ? strstr(dot + 3, FENCE "\n") : NULL;
        if (*e.md == '.' && e.md[1] == '\n') /* an empty document */
            dot = e.md - 1;
        if (!dot || !end)
            break;
        e.html = dot + 3;
        e.html_len = (size_t)(end - e.html);
        e.md_len = untab(e.md, (size_t)(dot + 1 - e.md));
        int ok = run_example(&e, verbose), is_listed = listed(known, number);
        if (ok && !is_listed) {
            as_expected++;
        } else if (!ok && is_listed) {
            exceptions++;
        } else {
            wrong++;
            printf("FAIL: example %d %s\n", number,
                   ok ? "passes now: take it off known-exceptions.txt"
                      : "is read wrong (run with -v to see the words)");
        }
        p = end;
    }
    printf("%d examples: %d read as CommonMark shows them, %d known exceptions, "
           "%d failed\n", number, as_expected, exceptions, wrong);
    free(spec);
    free(known);
    return wrong || number != 655 ? 1 : 0;
}

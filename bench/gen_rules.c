/*
 * gen_rules: writes a YAML rule file of K synthetic term rules, for the benchmark to measure
 * how cost grows with the number of rules. Every term is a made-up word, or two, that never
 * occurs in the corpus, so the extra rules add matching work but no findings.
 *
 *   gen_rules OUT.yml K
 *
 * Deterministic: rule i depends only on the rules before it, so the 50-rule file is the
 * start of the 1,000-rule file.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED 0x72756c6573u /* "rules" */
#define MAX_RULES 100000u  /* ids stay short and the word space (~10^7) stays sparse */
#define GATE_EVERY 10u     /* every tenth rule needs a migration word nearby */
#define WORD_MAX 32u

typedef struct rng {
    uint64_t s;
} rng;

/* splitmix64, as in gen_corpus.c: fully specified, so the file is the same everywhere. */
static uint64_t rng_next(rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static uint32_t rng_below(rng *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * n) >> 32);
}

#define COUNT(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))
#define PICK(r, a) ((a)[rng_below((r), COUNT(a))])

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("gen_rules: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

/* --- made-up words ----------------------------------------------------------------------- */

/* A word starts with two consonants that start no word gen_corpus writes (its surnames start
 * consonant-vowel), so no term can match the corpus. Words end in a consonant other than
 * s, d or g, so no term is an inflection (-s, -ed, -ing) of another. */
static const char *const FIRST[] = {"zv", "kv", "tl", "vr", "zr", "qv", "xl", "dz", "gv", "pf"};
static const char *const ONSET[] = {"b", "d", "f", "g", "k", "l", "m",
                                    "n", "p", "r", "t", "v", "z"};
static const char *const VOWEL[] = {"a", "e", "i", "o", "u", "ou", "ae"};
static const char *const CODA[] = {"", "", "k", "n", "r", "l", "m"};
static const char *const LAST[] = {"k", "n", "r", "t", "x", "m", "l", "v", "b", "z"};

static void make_word(char *out, rng *r)
{
    uint32_t syllables = 2 + rng_below(r, 2);
    strcpy(out, PICK(r, FIRST));
    for (uint32_t i = 0; i < syllables; i++) {
        if (i)
            strcat(out, PICK(r, ONSET));
        strcat(out, PICK(r, VOWEL));
        strcat(out, i + 1 < syllables ? PICK(r, CODA) : PICK(r, LAST));
    }
}

/* An open-addressing set of the words used so far, so each appears in one rule only. */
typedef struct wordset {
    char (*slots)[WORD_MAX];
    size_t mask;
} wordset;

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3u;
    return h;
}

/* Returns 1 if `w` was new (and is now in the set), 0 if it was there already. */
static int wordset_add(wordset *set, const char *w)
{
    size_t i = (size_t)fnv1a(w) & set->mask;
    while (set->slots[i][0]) {
        if (strcmp(set->slots[i], w) == 0)
            return 0;
        i = (i + 1) & set->mask;
    }
    strcpy(set->slots[i], w);
    return 1;
}

static void fresh_word(char *out, rng *r, wordset *set)
{
    do
        make_word(out, r);
    while (!wordset_add(set, out));
}

/* --- rules ------------------------------------------------------------------------------- */

/* Half the rules have one term, the other half two or three; a quarter of the terms are
 * two-word phrases, which are paths of two steps in the engine's trie. */
static void write_terms(FILE *f, rng *r, wordset *set)
{
    char w1[WORD_MAX], w2[WORD_MAX];
    uint32_t n = rng_below(r, 2) ? 2 + rng_below(r, 2) : 1;
    fputs("      - match: [", f);
    for (uint32_t i = 0; i < n; i++) {
        fresh_word(w1, r, set);
        fprintf(f, "%s%s", i ? ", " : "", w1);
        if (rng_below(r, 4) == 0) {
            fresh_word(w2, r, set);
            fprintf(f, " %s", w2);
        }
    }
    fputs("]\n        suggest: [plain word]\n", f);
}

static void write_rule(FILE *f, rng *r, wordset *set, uint32_t id)
{
    fprintf(f, "  - id: extra-%04u\n", id);
    fputs("    kind: term\n"
          "    category: loaded-term\n"
          "    severity: warning\n"
          "    guidance: terminology\n"
          "    message: \"“{match}” is a synthetic benchmark term.\"\n"
          "    explain: A synthetic rule that the benchmark adds to measure how cost grows"
          " with the number of rules.\n"
          "    terms:\n",
          f);
    write_terms(f, r, set);
    if (id % GATE_EVERY == 0)
        fputs("    context: { near: migration-topic, within: 8 }\n", f);
}

static uint32_t parse_count(const char *s)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || s[0] == '-' || v < 1 || v > MAX_RULES)
        die("K must be a whole number from 1 to %u, not '%s'", MAX_RULES, s);
    return (uint32_t)v;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: gen_rules OUT.yml K\n", stderr);
        return 2;
    }
    uint32_t k = parse_count(argv[2]);
    /* At most 3 terms of 2 words per rule; a quarter-full table keeps probes short. */
    size_t cap = 1;
    while (cap < (size_t)k * 6 * 4)
        cap *= 2;
    wordset set = {calloc(cap, WORD_MAX), cap - 1};
    if (!set.slots)
        die("out of memory");
    FILE *f = fopen(argv[1], "wb");
    if (!f)
        die("cannot create %s", argv[1]);
    rng r = {SEED};
    fprintf(f, "# %u synthetic term rules written by bench/gen_rules; not for linting.\n", k);
    fputs("ruleset: bench-extra\nlanguage: en\nrules:\n", f);
    for (uint32_t id = 1; id <= k; id++)
        write_rule(f, &r, &set, id);
    if (fclose(f) != 0)
        die("cannot write %s", argv[1]);
    free(set.slots);
    return 0;
}

/*
 * catalog: writes docs/rules-catalog.md from the embedded default rules —
 * per language, then per category, every rule with what it matches, its
 * rewrites and where it comes from. Reads the ruleset model directly, so it
 * is linked with fl_objs; it never changes a rule.
 * Usage: fl_catalog OUTPUT.md
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ruleset.h"

static const char intro[] =
    "# Rules catalogue\n"
    "\n"
    "Every rule framelint ships, generated from the rule files in `rules/` by\n"
    "`tools/catalog.c`. Do not edit it by hand: after changing a rule, run\n"
    "`cmake --build build --target catalog` and commit the result (the test\n"
    "`docs.catalog` fails while this file is stale). [rules.md](rules.md)\n"
    "explains the fields; `framelint --explain RULE` prints a rule's full\n"
    "explanation with its examples.\n"
    "\n"
    "Precision comes first: a finding on a literal use costs more trust than\n"
    "a missed one. Where a rule leaves matches unflagged, or flags them only\n"
    "as a suggestion, because context gates cannot tell them from literal\n"
    "uses, its entry says so under *Precision*, and the list below gathers\n"
    "those choices. One limit holds for every rule: a word discussed without\n"
    "quotation marks counts as a use; in quotation marks it is a mention and\n"
    "is not flagged.\n";

static const char *language_name(const char *code)
{
    static const char *const names[][2] = {
        {"de", "German"}, {"en", "English"}, {"es", "Spanish"}, {"fr", "French"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(code, names[i][0]))
            return names[i][1];
    return code;
}

/* An inline code span that survives backticks in the text. */
static void put_code(FILE *out, const char *s)
{
    const char *fence = strchr(s, '`') ? "`` " : "`";
    const char *close = strchr(s, '`') ? " ``" : "`";
    fprintf(out, "%s%s%s", fence, s, close);
}

/* Table cells: a '|' or a line break would end the cell. */
static void put_cell(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputs("\\|", out);
        else
            fputc(*s == '\n' ? ' ' : *s, out);
    }
}

static void put_codes(FILE *out, const fl_strlist *l)
{
    for (size_t i = 0; i < l->count; i++) {
        fputs(i ? ", " : "", out);
        put_code(out, l->items[i]);
    }
}

static void put_words(FILE *out, const fl_strlist *l, const char *sep)
{
    for (size_t i = 0; i < l->count; i++)
        fprintf(out, "%s%s", i ? sep : "", l->items[i]);
}

/* Orders rules by language, then category, then their place in the files. */
static int compare_rules(const void *a, const void *b)
{
    const fl_rule *x = *(const fl_rule *const *)a, *y = *(const fl_rule *const *)b;
    int c = strcmp(x->language, y->language);
    if (c == 0)
        c = strcmp(x->category, y->category);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

static void put_term(FILE *out, const fl_term *t)
{
    fputs("- ", out);
    put_codes(out, &t->match);
    if (t->forms.count) {
        fputs(" (also ", out);
        put_codes(out, &t->forms);
        fputs(")", out);
    }
    if (t->suggest.count) {
        fputs(" → ", out);
        put_words(out, &t->suggest, "; ");
    }
    if (t->severity != FL_SEVERITY_OFF)
        fprintf(out, " (%s)", fl_severity_name(t->severity));
    fputs("\n", out);
}

/* A gate's words: its list's name, or the words written inline. */
static void put_gate(FILE *out, const fl_gate *g)
{
    if (g->list_name) {
        fprintf(out, "list `%s`", g->list_name);
    } else if (g->list) {
        fputs("words ", out);
        put_codes(out, &g->list->phrases);
    }
    if (g->bounded)
        fprintf(out, " (up to %u words before, %u after)", g->before, g->after);
}

static void put_pattern(FILE *out, const fl_rule *r)
{
    fprintf(out, "Pattern (%s):\n\n```\n%s\n```\n", r->caseless ? "any case" : "case as written",
            r->pattern);
    if (r->trigger) {
        fputs("\nRuns only on sentences with ", out);
        put_gate(out, r->trigger);
        if (r->ntrigger == 2) {
            fputs(" and ", out);
            put_gate(out, &r->trigger[1]);
        }
        fputs(".\n", out);
    }
    if (r->suggest.count) {
        fputs("\nRewrites: ", out);
        put_words(out, &r->suggest, "; ");
        fputs("\n", out);
    }
}

static void put_proximity(FILE *out, const fl_rule *r)
{
    fprintf(out, "Fires when these meet within %u words in a sentence:\n\n", r->window);
    for (size_t i = 0; i < r->nnear; i++) {
        fputs("- ", out);
        put_gate(out, &r->near[i]);
        fputs("\n", out);
    }
}

static void put_density(FILE *out, const fl_rule *r)
{
    static const char *const kinds[] = {"numbers", "percentages", "sums of money"};
    const char *unit = r->unit == FL_UNIT_PARAGRAPH ? "paragraph"
                       : r->unit == FL_UNIT_PASSAGE ? "passage of up to three sentences"
                                                    : "sentence";
    int first = 1;
    fputs("Counts ", out);
    for (unsigned i = 0; i < 3; i++) {
        if (r->count & (1u << i)) {
            fprintf(out, "%s%s", first ? "" : ", ", kinds[i]);
            first = 0;
        }
    }
    fprintf(out, " per %s. Fires", unit);
    if (r->run)
        fprintf(out, " on %u or more sentences in a row with %u or more each", r->run, r->min);
    else if (r->min)
        fprintf(out, " at %u or more", r->min);
    if (r->per_100_words)
        fprintf(out, "%s %u or more per 100 words in a %s of %u words or more",
                r->min ? ", or at" : " at", r->per_100_words, unit, r->min_words);
    fputs(".\n", out);
}

static void put_matches(FILE *out, const fl_rule *r)
{
    switch (r->kind) {
    case FL_RULE_TERM:
        fputs("Matches (→ rewrites):\n\n", out);
        for (size_t i = 0; i < r->nterms; i++)
            put_term(out, &r->terms[i]);
        break;
    case FL_RULE_PATTERN: put_pattern(out, r); break;
    case FL_RULE_PROXIMITY: put_proximity(out, r); break;
    case FL_RULE_DENSITY: put_density(out, r); break;
    }
}

static void put_rule(FILE *out, const fl_rule *r)
{
    fprintf(out, "\n#### `%s`\n\n", r->id);
    fprintf(out, "%s\n\n", r->summary);
    fputs("| Category | Severity | Language | Kind | Guidance | Can fix |\n", out);
    fputs("|---|---|---|---|---|---|\n", out);
    fprintf(out, "| %s | %s | %s | %s | ", r->category, fl_severity_name(r->severity),
            r->language, fl_rule_kind_name(r->kind));
    put_cell(out, r->guidance);
    fprintf(out, " | %s |\n\n", r->can_fix ? "yes" : "no");
    put_matches(out, r);
    fputs("\n", out);
    if (r->precision[0]) {
        fputs("*Precision:* ", out);
        put_cell(out, r->precision);
        fputs("\n\n", out);
    }
    if (r->source && r->source[0]) {
        fputs("Source: ", out);
        put_cell(out, r->source);
        fputs(r->source[strlen(r->source) - 1] == '.' ? " " : ". ", out);
    }
    fprintf(out, "Defined in `%s`.\n", r->file);
}

/* Lists longer than this are shown by their size and a sample. */
#define LONG_LIST 120

/* The named lists of one language, which proximity rules and gates name. */
static void put_lists(FILE *out, const fl_ruleset *rs, const char *language)
{
    int any = 0;
    for (size_t i = 0; i < rs->lists.len; i++) {
        const fl_list *l = rs->lists.ptr[i];
        if (!l->name || strcmp(l->language, language))
            continue;
        if (!any)
            fprintf(out, "\n### Word lists (%s)\n\n", language);
        any = 1;
        fprintf(out, "- `%s`: ", l->name);
        if (l->phrases.count > LONG_LIST) {
            /* the generated gazetteers: a sample, and where the rest is */
            fl_strlist head = {l->phrases.items, 8};
            fprintf(out, "%zu entries (", l->phrases.count);
            put_words(out, &head, ", ");
            fprintf(out, ", …), in `%s`", l->file);
        } else {
            put_words(out, &l->phrases, ", ");
        }
        fputs("\n", out);
    }
}

/* Every rule's precision note in one place, for the reader who wants to
 * know what the defaults choose not to flag before trusting them. */
static void put_precision_choices(FILE *out, const fl_rule **rules, size_t n)
{
    fputs("\n## What the rules leave out or soften, and why\n\n", out);
    for (size_t i = 0; i < n; i++) {
        if (!rules[i]->precision[0])
            continue;
        fprintf(out, "- `%s` (%s): ", rules[i]->id, fl_severity_name(rules[i]->severity));
        put_cell(out, rules[i]->precision);
        fputs("\n", out);
    }
}

static void put_catalog(FILE *out, const fl_ruleset *rs, const fl_rule **rules, size_t n)
{
    fputs(intro, out);
    fprintf(out, "\n%zu rules.\n", n);
    put_precision_choices(out, rules, n);
    for (size_t i = 0; i < n; i++) {
        const fl_rule *r = rules[i];
        int new_language = i == 0 || strcmp(r->language, rules[i - 1]->language);
        if (new_language && i > 0)
            put_lists(out, rs, rules[i - 1]->language);
        if (new_language)
            fprintf(out, "\n## %s (%s)\n", language_name(r->language), r->language);
        if (new_language || strcmp(r->category, rules[i - 1]->category))
            fprintf(out, "\n### %s\n", r->category);
        put_rule(out, r);
    }
    if (n)
        put_lists(out, rs, rules[n - 1]->language);
}

static int write_catalog(const char *path, const fl_ruleset *rs)
{
    size_t n = rs->rules.len;
    const fl_rule **rules = malloc((n ? n : 1) * sizeof *rules);
    FILE *out = fopen(path, "w");
    int ok = rules && out;
    if (ok) {
        for (size_t i = 0; i < n; i++)
            rules[i] = rs->rules.ptr[i];
        qsort(rules, n, sizeof *rules, compare_rules);
        put_catalog(out, rs, rules, n);
    }
    if (out && ferror(out))
        ok = 0;
    if (out && fclose(out) != 0)
        ok = 0;
    free(rules);
    if (!ok)
        fprintf(stderr, "fl_catalog: cannot write %s\n", path);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: fl_catalog OUTPUT.md\n", stderr);
        return 2;
    }
    fl_error err = FL_ERROR_INIT;
    fl_ruleset *rs = NULL;
    int error = fl_ruleset_new(&rs, NULL, &err);
    if (error == 0)
        error = fl_ruleset_add_defaults(rs, &err);
    if (error == 0)
        error = fl_ruleset_compile(rs, &err);
    if (error < 0) {
        char msg[512];
        fl_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "fl_catalog: %s\n", msg);
        fl_ruleset_free(rs);
        return 1;
    }
    int code = write_catalog(argv[1], rs);
    fl_ruleset_free(rs);
    return code;
}

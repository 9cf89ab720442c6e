/*
 * fl_accuracy: lints a labelled corpus and prints precision, recall and F1
 * per category and overall, so rule changes are judged on evidence. The
 * corpus format is documented in corpora/README.md. Uses only the public API.
 *
 *   fl_accuracy [--verbose] [--min-precision P] [--min-recall R] DIR...
 *
 * Each DIR is one language's corpus (its name is the language: corpora/en).
 * Exits 1 when a threshold is missed, 2 on bad input.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "framelint/framelint.h"

#define MAX_CATEGORIES 32
#define MAX_LABELS 16

typedef struct counts {
    char name[48];
    unsigned tp, fp, fn;
} counts;

typedef struct tally {
    counts cat[MAX_CATEGORIES];
    size_t ncat;
    unsigned items;
    int verbose;
} tally;

static counts *category(tally *t, const char *name)
{
    for (size_t i = 0; i < t->ncat; i++) {
        if (!strcmp(t->cat[i].name, name))
            return &t->cat[i];
    }
    if (t->ncat == MAX_CATEGORIES) {
        fprintf(stderr, "fl_accuracy: more than %d categories\n", MAX_CATEGORIES);
        exit(2);
    }
    counts *c = &t->cat[t->ncat++];
    memset(c, 0, sizeof *c);
    snprintf(c->name, sizeof c->name, "%s", name);
    return c;
}

/* A label: a category, and for drafts the line it is expected on (0: any). */
typedef struct label {
    char category[48];
    unsigned line;
    int matched;
} label;

typedef struct labels {
    label items[MAX_LABELS * 8];
    size_t len;
} labels;

static void add_label(labels *l, const char *category, unsigned line)
{
    for (size_t i = 0; i < l->len; i++) {
        if (!strcmp(l->items[i].category, category) && l->items[i].line == line)
            return; /* sets, not multisets */
    }
    if (l->len < sizeof l->items / sizeof *l->items) {
        snprintf(l->items[l->len].category, sizeof l->items[0].category, "%s", category);
        l->items[l->len].line = line;
        l->items[l->len++].matched = 0;
    }
}

/* One false positive or negative, for --verbose: a draft's line, or an
 * item's text. */
static void miss(const char *kind, const label *l, const char *name, int by_line,
                 const char *text)
{
    if (by_line)
        printf("  %s %-15s %s:%u\n", kind, l->category, name, l->line);
    else
        printf("  %s %-15s %s  %.100s\n", kind, l->category, name, text);
}

/* Lints one document and scores its findings against `expected`. */
static int score(tally *t, fl_ruleset *rs, const char *lang, const char *name,
                 const char *text, size_t len, fl_format fmt, labels *expected,
                 int by_line)
{
    fl_error err = FL_ERROR_INIT;
    fl_document *doc = NULL;
    fl_findings *f = NULL;
    fl_lint_options opts = FL_LINT_OPTIONS_INIT;
    opts.language = lang;
    if (fl_document_new(&doc, NULL, name, text, len, fmt, &err) < 0 ||
        fl_lint(&f, rs, doc, &opts, &err) < 0) {
        char msg[512];
        fl_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "fl_accuracy: %s\n", msg);
        fl_document_free(doc);
        return -1;
    }
    labels predicted = {.len = 0};
    for (size_t i = 0; i < fl_findings_count(f); i++) {
        const fl_finding *x = fl_findings_at(f, i);
        fl_position p = {0, 0, 0, 0};
        fl_document_position(&p, doc, fl_finding_offset(x));
        add_label(&predicted, fl_rule_category(fl_finding_rule(x)), by_line ? p.line : 0);
    }
    for (size_t i = 0; i < predicted.len; i++) {
        label *p = &predicted.items[i];
        for (size_t k = 0; k < expected->len && !p->matched; k++) {
            label *e = &expected->items[k];
            if (!e->matched && !strcmp(e->category, p->category) && e->line == p->line)
                e->matched = p->matched = 1;
        }
        counts *c = category(t, p->category);
        if (p->matched) {
            c->tp++;
        } else {
            c->fp++;
            if (t->verbose)
                miss("FP", p, name, by_line, text);
        }
    }
    for (size_t k = 0; k < expected->len; k++) {
        label *e = &expected->items[k];
        if (e->matched)
            continue;
        category(t, e->category)->fn++;
        if (t->verbose)
            miss("FN", e, name, by_line, text);
    }
    t->items++;
    fl_findings_free(f);
    fl_document_free(doc);
    return 0;
}

/* Undoes the TSV escapes \n, \t and \\ in place. */
static size_t unescape(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (r[0] == '\\' && (r[1] == 'n' || r[1] == 't' || r[1] == '\\')) {
            *w++ = r[1] == 'n' ? '\n' : r[1] == 't' ? '\t' : '\\';
            r++;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    return (size_t)(w - s);
}

static fl_format format_named(const char *name)
{
    if (!strcmp(name, "md"))
        return FL_FORMAT_MARKDOWN;
    if (!strcmp(name, "html"))
        return FL_FORMAT_HTML;
    return !strcmp(name, "txt") ? FL_FORMAT_PLAIN : FL_FORMAT_AUTO;
}

/* items.tsv: LABELS <tab> FORMAT <tab> TEXT, one item per line. */
static int run_items(tally *t, fl_ruleset *rs, const char *lang, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char line[16384];
    unsigned n = 0;
    int error = 0;
    while (!error && fgets(line, sizeof line, f)) {
        n++;
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *tab1 = strchr(line, '\t'), *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
        if (!tab2 || format_named((*tab1 = '\0', *tab2 = '\0', tab1 + 1)) == FL_FORMAT_AUTO) {
            fprintf(stderr, "%s:%u: expected LABELS<tab>md|txt|html<tab>TEXT\n", path, n);
            error = -1;
            break;
        }
        labels expected = {.len = 0};
        for (char *c = strtok(line, ","); c && strcmp(c, "-"); c = strtok(NULL, ","))
            add_label(&expected, c, 0);
        char name[4200];
        snprintf(name, sizeof name, "%s:%u", path, n);
        char *text = tab2 + 1;
        size_t len = unescape(text);
        error = score(t, rs, lang, name, text, len, format_named(tab1 + 1), &expected, 0);
    }
    fclose(f);
    return error;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = size >= 0 ? malloc((size_t)size + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)size, f) != (size_t)size) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[size] = '\0';
        *len = (size_t)size;
    }
    return buf;
}

/* A draft with a sidecar DRAFT.expect: "LINE CATEGORY" per expected finding. */
static int run_draft(tally *t, fl_ruleset *rs, const char *lang, const char *path,
                     const char *expect_path)
{
    FILE *f = fopen(expect_path, "r");
    if (!f)
        return 0; /* not labelled: not part of the measurement */
    labels expected = {.len = 0};
    char line[256], cat[48];
    unsigned at;
    while (fgets(line, sizeof line, f)) {
        if (line[0] != '#' && sscanf(line, "%u %47s", &at, cat) == 2)
            add_label(&expected, cat, at);
    }
    fclose(f);
    size_t len = 0;
    char *text = slurp(path, &len);
    if (!text)
        return -1;
    int error = score(t, rs, lang, path, text, len, FL_FORMAT_AUTO, &expected, 1);
    free(text);
    return error;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(tally *t, fl_ruleset *rs, const char *dir)
{
    const char *lang = strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir;
    char path[4096], expect[4200];
    snprintf(path, sizeof path, "%s/items.tsv", dir);
    int error = run_items(t, rs, lang, path);
    DIR *d = opendir(dir);
    char *names[4096];
    size_t n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) && n < 4096) {
        const char *dot = strrchr(e->d_name, '.');
        if (dot && (!strcmp(dot, ".md") || !strcmp(dot, ".txt") || !strcmp(dot, ".html")))
            names[n++] = strdup(e->d_name);
    }
    if (d)
        closedir(d);
    qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        snprintf(expect, sizeof expect, "%s.expect", path);
        if (!error)
            error = run_draft(t, rs, lang, path, expect);
        free(names[i]);
    }
    return error;
}

static double ratio(unsigned a, unsigned b)
{
    return b ? (double)a / b : 1.0;
}

static int print(const tally *t, const char *lang, double min_p, double min_r)
{
    unsigned tp = 0, fp = 0, fn = 0;
    printf("%-16s %5s %5s %5s %9s %7s %6s\n", lang, "TP", "FP", "FN", "precision",
           "recall", "F1");
    for (size_t i = 0; i < t->ncat; i++) {
        const counts *c = &t->cat[i];
        double p = ratio(c->tp, c->tp + c->fp), r = ratio(c->tp, c->tp + c->fn);
        printf("  %-14s %5u %5u %5u %9.3f %7.3f %6.3f\n", c->name, c->tp, c->fp, c->fn,
               p, r, p + r > 0 ? 2 * p * r / (p + r) : 0.0);
        tp += c->tp;
        fp += c->fp;
        fn += c->fn;
    }
    double p = ratio(tp, tp + fp), r = ratio(tp, tp + fn);
    printf("  %-14s %5u %5u %5u %9.3f %7.3f %6.3f   (%u items)\n", "overall", tp, fp, fn,
           p, r, p + r > 0 ? 2 * p * r / (p + r) : 0.0, t->items);
    int ok = p >= min_p && r >= min_r;
    if (!ok)
        printf("  below the bar: precision must be >= %.2f and recall >= %.2f\n", min_p, min_r);
    return ok;
}

int main(int argc, char **argv)
{
    double min_p = 0, min_r = 0;
    int verbose = 0, i = 1, failed = 0;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--verbose"))
            verbose = 1;
        else if (!strcmp(argv[i], "--min-precision") && i + 1 < argc)
            min_p = atof(argv[++i]);
        else if (!strcmp(argv[i], "--min-recall") && i + 1 < argc)
            min_r = atof(argv[++i]);
        else
            break;
    }
    if (i == argc) {
        fprintf(stderr, "usage: fl_accuracy [--verbose] [--min-precision P] "
                        "[--min-recall R] CORPUS_DIR...\n");
        return 2;
    }
    fl_error err = FL_ERROR_INIT;
    fl_ruleset *rs = NULL;
    if (fl_ruleset_new(&rs, NULL, &err) < 0 || fl_ruleset_add_defaults(rs, &err) < 0 ||
        fl_ruleset_compile(rs, &err) < 0) {
        char msg[512];
        fl_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "fl_accuracy: %s\n", msg);
        return 2;
    }
    for (; i < argc; i++) {
        tally t;
        memset(&t, 0, sizeof t);
        t.verbose = verbose;
        if (run_dir(&t, rs, argv[i]) < 0) {
            fl_ruleset_free(rs);
            return 2;
        }
        const char *lang = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
        failed |= !print(&t, lang, min_p, min_r);
    }
    fl_ruleset_free(rs);
    return failed;
}

/*
 * stats: `framelint stats` — words and findings per period, per category
 * and per rule, as rates per 10,000 words, for those who evaluate months of
 * posts rather than fix one draft. Counts are kept as whole numbers, so
 * tables made from parts (a Dask partition each) add up to the table of
 * the whole; rates are computed only when printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* A name (category or rule id) and its number in the table's columns. */
typedef struct names {
    char **items;
    size_t len, cap;
} names;

typedef struct period {
    char key[16];          /* "2025", "2025-01", "2025-W02", "2025-01-31", "all", "undated" */
    uint64_t documents, words, findings;
    uint64_t *by_category; /* indexed like cli_stats.categories; grown on use */
    uint64_t *by_rule;
    size_t ncategories, nrules;
} period;

struct cli_stats {
    cli_stats_by by;
    names categories, rules;
    period *periods;
    size_t nperiods, cap;
};

int cli_stats_new(cli_stats **out, cli_stats_by by)
{
    *out = calloc(1, sizeof **out);
    if (*out)
        (*out)->by = by;
    return *out ? 0 : -1;
}

static void names_free(names *n)
{
    for (size_t i = 0; i < n->len; i++)
        free(n->items[i]);
    free(n->items);
}

void cli_stats_free(cli_stats *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nperiods; i++) {
        free(s->periods[i].by_category);
        free(s->periods[i].by_rule);
    }
    free(s->periods);
    names_free(&s->categories);
    names_free(&s->rules);
    free(s);
}

/* --- periods ------------------------------------------------------------------ */

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Day of the week, 0 Monday .. 6 Sunday (Sakamoto's method). */
static int weekday(int y, int m, int d)
{
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    y -= m < 3;
    int sunday0 = (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
    return (sunday0 + 6) % 7;
}

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int day_of_year(int y, int m, int d)
{
    static const int before[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    return before[m - 1] + d + (m > 2 && leap(y));
}

/* ISO 8601 week: the week with the year's first Thursday is week 1, so the
 * last days of December may be week 1 of the next year, and the first days
 * of January the last week of the one before. */
static void iso_week(int y, int m, int d, int *wy, int *wk)
{
    int wd = weekday(y, m, d) + 1; /* 1 Monday .. 7 Sunday */
    int w = (day_of_year(y, m, d) - wd + 10) / 7;
    *wy = y;
    if (w < 1) {
        *wy = y - 1;
        int dec31 = weekday(y - 1, 12, 31) + 1;
        int p = (day_of_year(y - 1, 12, 31) - dec31 + 10) / 7;
        w = p;
    } else if (w == 53) {
        /* 53 weeks only when the year starts on a Thursday, or a leap
         * year on a Wednesday; else it is week 1 of the next year. */
        int jan1 = weekday(y, 1, 1);
        if (!(jan1 == 3 || (leap(y) && jan1 == 2))) {
            *wy = y + 1;
            w = 1;
        }
    }
    *wk = w;
}

int cli_stats_period(cli_stats_by by, const char *date, char *out, size_t size)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (by == CLI_STATS_ALL) {
        snprintf(out, size, "all");
        return 0;
    }
    /* YYYY-MM-DD, perhaps followed by a time ("2025-01-03T10:00:00Z"). */
    if (!date || strlen(date) < 10 || !digits(date, 4) || date[4] != '-' ||
        !digits(date + 5, 2) || date[7] != '-' || !digits(date + 8, 2) ||
        (date[10] && date[10] != 'T' && date[10] != ' ')) {
        snprintf(out, size, "undated");
        return -1;
    }
    int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1] || (m == 2 && d == 29 && !leap(y))) {
        snprintf(out, size, "undated");
        return -1;
    }
    int wy, wk;
    switch (by) {
    case CLI_STATS_YEAR: snprintf(out, size, "%04d", y); break;
    case CLI_STATS_MONTH: snprintf(out, size, "%04d-%02d", y, m); break;
    case CLI_STATS_DAY: snprintf(out, size, "%04d-%02d-%02d", y, m, d); break;
    default:
        iso_week(y, m, d, &wy, &wk);
        snprintf(out, size, "%04d-W%02d", wy, wk);
        break;
    }
    return 0;
}

/* --- counting ----------------------------------------------------------------- */

/* The column of `name`, added when new; -1 when out of memory. */
static long name_index(names *n, const char *name)
{
    for (size_t i = 0; i < n->len; i++)
        if (!strcmp(n->items[i], name))
            return (long)i;
    if (n->len == n->cap) {
        size_t cap = n->cap ? 2 * n->cap : 16;
        char **grown = realloc(n->items, cap * sizeof *grown);
        if (!grown)
            return -1;
        n->items = grown;
        n->cap = cap;
    }
    if (!(n->items[n->len] = strdup(name)))
        return -1;
    return (long)n->len++;
}

static period *period_for(cli_stats *s, const char *key)
{
    for (size_t i = 0; i < s->nperiods; i++)
        if (!strcmp(s->periods[i].key, key))
            return &s->periods[i];
    if (s->nperiods == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 16;
        period *grown = realloc(s->periods, cap * sizeof *grown);
        if (!grown)
            return NULL;
        s->periods = grown;
        s->cap = cap;
    }
    period *p = &s->periods[s->nperiods++];
    memset(p, 0, sizeof *p);
    snprintf(p->key, sizeof p->key, "%s", key);
    return p;
}

/* Adds one to column `i` of a period's row, growing it to the table's width. */
static int bump(uint64_t **row, size_t *len, size_t width, long i)
{
    if (i < 0)
        return -1;
    if (*len < width) {
        uint64_t *grown = realloc(*row, width * sizeof *grown);
        if (!grown)
            return -1;
        memset(grown + *len, 0, (width - *len) * sizeof *grown);
        *row = grown;
        *len = width;
    }
    (*row)[i]++;
    return 0;
}

int cli_stats_add(cli_stats *s, const char *date, const fl_findings *f)
{
    char key[16];
    cli_stats_period(s->by, date, key, sizeof key);
    period *p = period_for(s, key);
    if (!p)
        return -1;
    p->documents++;
    p->words += fl_findings_word_count(f);
    for (size_t i = 0; i < fl_findings_count(f); i++) {
        const fl_rule *rule = fl_finding_rule(fl_findings_at(f, i));
        long c = name_index(&s->categories, fl_rule_category(rule));
        if (bump(&p->by_category, &p->ncategories, s->categories.len, c) < 0)
            return -1;
        long r = name_index(&s->rules, fl_rule_id(rule));
        if (bump(&p->by_rule, &p->nrules, s->rules.len, r) < 0)
            return -1;
        p->findings++;
    }
    return 0;
}

/* --- output ------------------------------------------------------------------- */

static int by_key(const void *a, const void *b)
{
    const period *x = a, *y = b;
    /* undated last, after every date */
    int ux = !strcmp(x->key, "undated"), uy = !strcmp(y->key, "undated");
    return ux != uy ? ux - uy : strcmp(x->key, y->key);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static uint64_t count_of(const uint64_t *row, size_t len, size_t i)
{
    return i < len ? row[i] : 0;
}

static double rate(uint64_t n, uint64_t words)
{
    return words ? 1e4 * (double)n / (double)words : 0.0;
}

/* Columns in name order: `order[k]` is the k-th name's column. */
static size_t *sorted_columns(const names *n)
{
    size_t *order = malloc((n->len ? n->len : 1) * sizeof *order);
    char **sorted = malloc((n->len ? n->len : 1) * sizeof *sorted);
    if (!order || !sorted) {
        free(order);
        free(sorted);
        return NULL;
    }
    if (n->len) /* no names: items may be NULL, which memcpy may not see */
        memcpy(sorted, n->items, n->len * sizeof *sorted);
    qsort(sorted, n->len, sizeof *sorted, by_name);
    for (size_t k = 0; k < n->len; k++)
        for (size_t i = 0; i < n->len; i++)
            if (n->items[i] == sorted[k])
                order[k] = i;
    free(sorted);
    return order;
}

static const char *by_name_of(cli_stats_by by)
{
    static const char *const periods[] = {"all", "day", "week", "month", "year"};
    return periods[by];
}

/* A JSON string; category and rule ids are plain ASCII, but a rule file
 * may name them otherwise. */
static int json_str(cli_out *o, const char *s)
{
    int error = cli_out_printf(o, "\"");
    for (; *s && error == 0; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            error = cli_out_printf(o, "\\%c", c);
        else if (c < 0x20)
            error = cli_out_printf(o, "\\u%04x", c);
        else
            error = cli_out_write(o, (const char *)s, 1);
    }
    return error < 0 ? error : cli_out_printf(o, "\"");
}

static int put_counts(cli_out *o, const char *what, const names *n, const size_t *order,
                      const uint64_t *row, size_t len, uint64_t words)
{
    int error = cli_out_printf(o, ", \"%s\": {", what);
    int first = 1;
    for (size_t k = 0; k < n->len && error == 0; k++) {
        uint64_t c = count_of(row, len, order[k]);
        if (!c)
            continue;
        error = cli_out_printf(o, "%s", first ? "" : ", ");
        if (error == 0)
            error = json_str(o, n->items[order[k]]);
        if (error == 0)
            error = cli_out_printf(o, ": {\"findings\": %llu, \"per_10k_words\": %.2f}",
                                   (unsigned long long)c, rate(c, words));
        first = 0;
    }
    return error < 0 ? error : cli_out_printf(o, "}");
}

static int print_json(const cli_stats *s, const size_t *cats, const size_t *rules, cli_out *o)
{
    int error = cli_out_printf(o, "{\"version\": 1, \"by\": \"%s\", \"periods\": [",
                               by_name_of(s->by));
    for (size_t i = 0; i < s->nperiods && error == 0; i++) {
        const period *p = &s->periods[i];
        error = cli_out_printf(o, "%s\n  {\"period\": \"%s\", \"documents\": %llu, "
                               "\"words\": %llu, \"findings\": %llu, \"per_10k_words\": %.2f",
                               i ? "," : "", p->key, (unsigned long long)p->documents,
                               (unsigned long long)p->words, (unsigned long long)p->findings,
                               rate(p->findings, p->words));
        if (error == 0)
            error = put_counts(o, "categories", &s->categories, cats, p->by_category,
                               p->ncategories, p->words);
        if (error == 0)
            error = put_counts(o, "rules", &s->rules, rules, p->by_rule, p->nrules, p->words);
        if (error == 0)
            error = cli_out_printf(o, "}");
    }
    return error < 0 ? error : cli_out_printf(o, "%s]}\n", s->nperiods ? "\n" : "");
}

/* One row per period and category or rule: what a spreadsheet or a data
 * frame reads without reshaping. Names are quoted when they need it. */
static int csv_field(cli_out *o, const char *s)
{
    if (!strpbrk(s, ",\"\n\r"))
        return cli_out_printf(o, "%s", s);
    int error = cli_out_printf(o, "\"");
    for (; *s && error == 0; s++)
        error = *s == '"' ? cli_out_printf(o, "\"\"") : cli_out_write(o, s, 1);
    return error < 0 ? error : cli_out_printf(o, "\"");
}

static int csv_rows(cli_out *o, const period *p, const char *kind, const names *n,
                    const size_t *order, const uint64_t *row, size_t len)
{
    int error = 0;
    for (size_t k = 0; k < n->len && error == 0; k++) {
        uint64_t c = count_of(row, len, order[k]);
        error = cli_out_printf(o, "%s,%llu,%llu,%s,", p->key, (unsigned long long)p->documents,
                               (unsigned long long)p->words, kind);
        if (error == 0)
            error = csv_field(o, n->items[order[k]]);
        if (error == 0)
            error = cli_out_printf(o, ",%llu,%.2f\n", (unsigned long long)c, rate(c, p->words));
    }
    return error;
}

static int print_csv(const cli_stats *s, const size_t *cats, const size_t *rules, cli_out *o)
{
    int error = cli_out_printf(o, "period,documents,words,kind,name,findings,per_10k_words\n");
    for (size_t i = 0; i < s->nperiods && error == 0; i++) {
        const period *p = &s->periods[i];
        error = cli_out_printf(o, "%s,%llu,%llu,all,all,%llu,%.2f\n", p->key,
                               (unsigned long long)p->documents, (unsigned long long)p->words,
                               (unsigned long long)p->findings, rate(p->findings, p->words));
        if (error == 0)
            error = csv_rows(o, p, "category", &s->categories, cats, p->by_category,
                             p->ncategories);
        if (error == 0)
            error = csv_rows(o, p, "rule", &s->rules, rules, p->by_rule, p->nrules);
    }
    return error;
}

/* A table for people: one row per period, one column per category. */
static int print_text(const cli_stats *s, const size_t *cats, cli_out *o)
{
    int error = cli_out_printf(o, "%-10s %9s %11s %9s %9s", "period", "documents", "words",
                               "findings", "per 10k");
    for (size_t k = 0; k < s->categories.len && error == 0; k++)
        error = cli_out_printf(o, "  %s", s->categories.items[cats[k]]);
    error = error < 0 ? error : cli_out_printf(o, "\n");
    for (size_t i = 0; i < s->nperiods && error == 0; i++) {
        const period *p = &s->periods[i];
        error = cli_out_printf(o, "%-10s %9llu %11llu %9llu %9.2f", p->key,
                               (unsigned long long)p->documents, (unsigned long long)p->words,
                               (unsigned long long)p->findings, rate(p->findings, p->words));
        for (size_t k = 0; k < s->categories.len && error == 0; k++) {
            int width = (int)strlen(s->categories.items[cats[k]]);
            error = cli_out_printf(o, "  %*.2f", width,
                                   rate(count_of(p->by_category, p->ncategories, cats[k]),
                                        p->words));
        }
        error = error < 0 ? error : cli_out_printf(o, "\n");
    }
    if (error == 0 && s->categories.len)
        error = cli_out_printf(o, "\nrates are findings per 10,000 words; "
                               "--format csv or json adds each rule\n");
    return error;
}

static int print_svg(const cli_stats *s, const size_t *cats, cli_out *o);

int cli_stats_print(cli_stats *s, cli_stats_format fmt, cli_out *o)
{
    qsort(s->periods, s->nperiods, sizeof *s->periods, by_key);
    size_t *cats = sorted_columns(&s->categories);
    size_t *rules = sorted_columns(&s->rules);
    int error = FL_ENOMEM;
    if (cats && rules) {
        switch (fmt) {
        case CLI_STATS_JSON: error = print_json(s, cats, rules, o); break;
        case CLI_STATS_CSV: error = print_csv(s, cats, rules, o); break;
        case CLI_STATS_SVG: error = print_svg(s, cats, o); break;
        default: error = print_text(s, cats, o); break;
        }
    }
    free(cats);
    free(rules);
    return error;
}

/* --- svg ------------------------------------------------------------------- */

static int xml_text(cli_out *o, const char *s)
{
    int error = 0;
    for (; *s && error == 0; s++) {
        switch (*s) {
        case '<': error = cli_out_printf(o, "&lt;"); break;
        case '>': error = cli_out_printf(o, "&gt;"); break;
        case '&': error = cli_out_printf(o, "&amp;"); break;
        case '"': error = cli_out_printf(o, "&quot;"); break;
        default: error = cli_out_write(o, s, 1); break;
        }
    }
    return error;
}

/* A line chart a person can open in a browser: one line per category over
 * the periods, findings per 10,000 words up the side. Each line carries its
 * category and its values as data attributes, so a program can read the
 * chart back and check it against the JSON. No script, no fonts fetched. */
static int print_svg(const cli_stats *s, const size_t *cats, cli_out *o)
{
    static const char *const colours[] = {"#1b6ca8", "#d1495b", "#edae49", "#00798c",
                                          "#66a182", "#8d6a9f", "#30638e", "#b5651d"};
    const double W = 760, H = 420, left = 60, right = 200, top = 30, bottom = 60;
    const double pw = W - left - right, ph = H - top - bottom;
    double max = 0;
    for (size_t i = 0; i < s->nperiods; i++)
        for (size_t k = 0; k < s->categories.len; k++) {
            const period *p = &s->periods[i];
            double v = rate(count_of(p->by_category, p->ncategories, cats[k]), p->words);
            max = v > max ? v : max;
        }
    if (max <= 0)
        max = 1;
    int error = cli_out_printf(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
        "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"12\">\n"
        "<title>framelint: findings per 10,000 words by category and %s</title>\n"
        "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>\n"
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>\n"
        "<text x=\"%.1f\" y=\"%.1f\">findings per 10,000 words</text>\n"
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>\n"
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">0</text>\n",
        W, H, W, H, by_name_of(s->by), left, top, left, top + ph, left, top + ph, left + pw,
        top + ph, left, top - 10, left - 6, top + 4, max, left - 6, top + ph + 4);
    size_t n = s->nperiods;
    for (size_t i = 0; i < n && error == 0; i++) {
        double x = left + (n > 1 ? pw * (double)i / (double)(n - 1) : pw / 2);
        error = cli_out_printf(o, "<text class=\"period\" x=\"%.1f\" y=\"%.1f\" "
                               "text-anchor=\"end\" transform=\"rotate(-45 %.1f %.1f)\">%s"
                               "</text>\n", x, top + ph + 16, x, top + ph + 16,
                               s->periods[i].key);
    }
    for (size_t k = 0; k < s->categories.len && error == 0; k++) {
        const char *name = s->categories.items[cats[k]];
        const char *colour = colours[k % (sizeof colours / sizeof colours[0])];
        error = cli_out_printf(o, "<polyline class=\"series\" fill=\"none\" stroke=\"%s\" "
                               "stroke-width=\"2\" data-category=\"", colour);
        if (error == 0)
            error = xml_text(o, name);
        error = error < 0 ? error : cli_out_printf(o, "\" data-values=\"");
        for (size_t i = 0; i < n && error == 0; i++) {
            const period *p = &s->periods[i];
            error = cli_out_printf(o, "%s%.2f", i ? " " : "",
                                   rate(count_of(p->by_category, p->ncategories, cats[k]),
                                        p->words));
        }
        error = error < 0 ? error : cli_out_printf(o, "\" points=\"");
        for (size_t i = 0; i < n && error == 0; i++) {
            const period *p = &s->periods[i];
            double v = rate(count_of(p->by_category, p->ncategories, cats[k]), p->words);
            double x = left + (n > 1 ? pw * (double)i / (double)(n - 1) : pw / 2);
            error = cli_out_printf(o, "%s%.1f,%.1f", i ? " " : "", x, top + ph - ph * v / max);
        }
        error = error < 0 ? error : cli_out_printf(o, "\"/>\n");
        double ly = top + 16.0 * (double)k;
        if (error == 0)
            error = cli_out_printf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"3\" "
                                   "fill=\"%s\"/><text x=\"%.1f\" y=\"%.1f\">", left + pw + 16,
                                   ly, colour, left + pw + 34, ly + 5);
        if (error == 0)
            error = xml_text(o, name);
        error = error < 0 ? error : cli_out_printf(o, "</text>\n");
    }
    return error < 0 ? error : cli_out_printf(o, "</svg>\n");
}

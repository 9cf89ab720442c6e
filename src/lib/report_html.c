/*
 * report_html: one self-contained page for people who would rather see
 * their draft marked up than read path:line:col. Each file's text, line by
 * line, with every finding highlighted by severity and category and its
 * message, rewrites and rule beside it; a summary per category and rule;
 * the rules' explanations at the end, one click from every finding. No
 * network, inline CSS, and a small filter script the page reads fine
 * without. Everything that comes from a draft, a path or a rule file is
 * escaped, and a Content-Security-Policy lets only that one script run.
 *
 * Files stream as they are added; the summary, which needs them all, is
 * written last and shown first (CSS flex order), so memory grows only with
 * the number of rules seen.
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"

typedef struct rule_count {
    const fl_rule *rule;
    size_t count;
} rule_count;

struct fl_html_rules {
    FL_VEC(rule_count) items; /* in order of first finding */
};

/* The filter script, and its SHA-256 for the page's Content-Security-Policy
 * (tests/html checks in a browser that it runs, so a stale hash fails). */
static const char script[] =
    "document.body.classList.add('js');"
    "document.querySelectorAll('#filters input').forEach(function(c){"
    "c.addEventListener('change',function(){"
    "document.body.classList.toggle('hide-'+c.value,!c.checked);});});";
static const char script_hash[] = "sha256-UnFxs/JKkNKlZT0GxDBVeYaQBIQKXhgFBh9meyKgQNk=";

static const char style[] =
    "body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa;"
    "display:flex;flex-direction:column}"
    "header,section{margin:0 auto;max-width:80rem;width:calc(100% - 2rem)}"
    "header{order:-2}#summary{order:-1}h1{font-size:1.4rem;margin:1rem 0 .2rem}"
    "h2{font-size:1.1rem;margin:1.5rem 0 .5rem;word-break:break-all}"
    "table{border-collapse:collapse;margin:.3rem 0 1rem}td,th{padding:.15rem .6rem;"
    "text-align:left;border-bottom:1px solid #ddd}td.n{text-align:right}"
    ".text{background:#fff;border:1px solid #ddd;border-radius:4px}"
    ".line{display:grid;grid-template-columns:3.5rem minmax(0,1fr) minmax(0,26rem);"
    "border-top:1px solid #f0f0f0}.line:first-child{border-top:0}"
    ".no{color:#999;text-align:right;padding-right:.6rem;user-select:none;"
    "text-decoration:none}.src{white-space:pre-wrap;overflow-wrap:anywhere;"
    "padding:0 .4rem}.notes{margin:0;padding:0 .6rem;list-style:none;font-size:.9em}"
    ".note{border-left:4px solid;padding:.1rem .5rem;margin:.2rem 0;background:#f6f6f6}"
    "mark{border-radius:2px;padding:0 1px}"
    "mark.s-error{background:#f8c4c4;box-shadow:0 2px #c62828}"
    "mark.s-warning{background:#fbe2a8;box-shadow:0 2px #e08e00}"
    "mark.s-suggestion{background:#d6e6fb;box-shadow:0 2px #1565c0}"
    ".note.s-error{border-color:#c62828}.note.s-warning{border-color:#e08e00}"
    ".note.s-suggestion{border-color:#1565c0}"
    ".sev{font-weight:600;text-transform:uppercase;font-size:.75em;margin-right:.4em}"
    ".cat{color:#555;font-size:.85em;margin-right:.4em}.rw{display:block;color:#2e5e2e}"
    ".rule{font-size:.85em}#filters{display:none;margin:.3rem 0}"
    "body.js #filters{display:block}#filters label{margin-right:1rem}"
    ".hide-error .s-error.note,.hide-warning .s-warning.note,"
    ".hide-suggestion .s-suggestion.note{display:none}"
    ".hide-error mark.s-error,.hide-warning mark.s-warning,"
    ".hide-suggestion mark.s-suggestion{background:none;box-shadow:none}"
    ".rules section{margin:.8rem 0;padding:.3rem .8rem;background:#fff;"
    "border:1px solid #ddd}:target{outline:3px solid #1565c0}"
    "@media (max-width:50rem){.line{grid-template-columns:2.5rem minmax(0,1fr)}"
    ".notes{grid-column:2}}";

static int esc(fl_buf *out, const char *s)
{
    return fl__xml_escape(out, s, strlen(s));
}

/* A category or severity as a class name: letters, digits and '-' only. */
static int put_class(fl_buf *out, const char *prefix, const char *s)
{
    int error = fl__buf_puts(out, prefix);
    for (size_t i = 0; s[i] && error == 0; i++) {
        char c = s[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 (c >= '0' && c <= '9') || c == '-';
        error = fl__buf_putc(out, ok ? c : '_');
    }
    return error;
}

static int head(fl_reporter *r)
{
    int error = fl__buf_printf(&r->out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src '%s'\">"
        "<title>framelint report</title><style>%s</style></head><body>\n"
        "<header><h1>framelint report</h1></header>\n", script_hash, style);
    return error;
}

static int count_rule(fl_reporter *r, const fl_rule *rule)
{
    if (!r->html && !(r->html = fl__calloc(r->alloc, 1, sizeof *r->html)))
        return FL_ENOMEM;
    for (size_t i = 0; i < r->html->items.len; i++) {
        if (r->html->items.ptr[i].rule == rule) {
            r->html->items.ptr[i].count++;
            return FL_OK;
        }
    }
    rule_count c = {rule, 1};
    return FL_VEC_PUSH(r->alloc, &r->html->items, c);
}

/* --- one file ----------------------------------------------------------------- */

typedef struct page {
    fl_reporter *r;
    const fl_document *doc;
    const fl_findings *f;
    size_t file;              /* 1-based, for ids */
    FL_VEC(size_t) active;    /* findings that reach into the current line */
    FL_VEC(size_t) cuts;
    FL_VEC(size_t) cover;     /* of those, the ones over the current piece */
} page;

static size_t end_of(const fl_finding *x)
{
    return x->off + x->len;
}

static int compare_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* One stretch of a line, marked with every finding that covers all of it:
 * those in p->cover. */
static int put_piece(page *p, size_t a, size_t b)
{
    fl_buf *out = &p->r->out;
    fl_severity worst = FL_SEVERITY_OFF;
    int error = 0, marked = 0;
    for (size_t i = 0; i < p->cover.len && error == 0; i++) {
        const fl_finding *x = fl_findings_at(p->f, p->cover.ptr[i]);
        if (!marked)
            error = fl__buf_puts(out, "<mark data-f=\"");
        if (error == 0)
            error = fl__buf_printf(out, "%sf%zu-x%zu", marked ? " " : "", p->file,
                                   p->cover.ptr[i] + 1);
        worst = x->severity > worst ? x->severity : worst;
        marked = 1;
    }
    if (marked && error == 0)
        error = fl__buf_printf(out, "\" class=\"s-%s\">", fl_severity_name(worst));
    if (error == 0)
        error = fl__xml_escape(out, p->doc->data + a, b - a);
    return error < 0 || !marked ? error : fl__buf_puts(out, "</mark>");
}

static int put_note(page *p, size_t i)
{
    fl_buf *out = &p->r->out;
    const fl_finding *x = fl_findings_at(p->f, i);
    const char *sev = fl_severity_name(x->severity);
    const fl_rule *rule = fl_finding_rule(x);
    int error = fl__buf_printf(out, "<li class=\"note s-%s ", sev);
    if (error == 0)
        error = put_class(out, "c-", fl_rule_category(rule));
    if (error == 0)
        error = fl__buf_printf(out, "\" id=\"f%zu-x%zu\" data-severity=\"%s\" data-rule=\"",
                               p->file, i + 1, sev);
    if (error == 0)
        error = esc(out, fl_rule_id(rule));
    if (error == 0)
        error = fl__buf_printf(out, "\"><span class=\"sev\">%s</span><span class=\"cat\">", sev);
    if (error == 0)
        error = esc(out, fl_rule_category(rule));
    if (error == 0)
        error = fl__buf_puts(out, "</span><span class=\"msg\">");
    if (error == 0)
        error = esc(out, x->message);
    for (size_t k = 0; k < x->nsuggestions && error == 0; k++) {
        error = fl__buf_puts(out, k ? "</q> or <q>" : "</span><span class=\"rw\">Rewrite: <q>");
        if (error == 0)
            error = esc(out, x->suggestions[k]);
    }
    if (error == 0)
        error = fl__buf_puts(out, x->nsuggestions ? "</q>" : "</span><span>");
    if (error == 0)
        error = fl__buf_puts(out, "</span> <a class=\"rule\" href=\"#rule-");
    if (error == 0)
        error = esc(out, fl_rule_id(rule));
    if (error == 0)
        error = fl__buf_puts(out, "\">");
    if (error == 0)
        error = esc(out, fl_rule_id(rule));
    return error < 0 ? error : fl__buf_puts(out, "</a></li>");
}

/* Line `l` ([lo, hi) in the text): its words, marked, then the notes of the
 * findings that start on it. `*next` is the first finding not yet started. */
static int put_line(page *p, size_t l, size_t lo, size_t hi, size_t *next)
{
    const fl_allocator *a = p->r->alloc;
    size_t w = 0, first = *next;
    for (size_t i = 0; i < p->active.len; i++) { /* keep those still open */
        if (end_of(fl_findings_at(p->f, p->active.ptr[i])) > lo)
            p->active.ptr[w++] = p->active.ptr[i];
    }
    p->active.len = w;
    int error = 0;
    while (error == 0 && *next < fl_findings_count(p->f) &&
           fl_findings_at(p->f, *next)->off < hi + 1)
        error = FL_VEC_PUSH(a, &p->active, (*next)++);
    p->cuts.len = 0;
    if (error == 0)
        error = FL_VEC_PUSH(a, &p->cuts, lo);
    for (size_t i = 0; i < p->active.len && error == 0; i++) {
        const fl_finding *x = fl_findings_at(p->f, p->active.ptr[i]);
        if (x->off > lo && x->off < hi)
            error = FL_VEC_PUSH(a, &p->cuts, x->off);
        if (error == 0 && end_of(x) > lo && end_of(x) < hi)
            error = FL_VEC_PUSH(a, &p->cuts, end_of(x));
    }
    if (error == 0)
        error = FL_VEC_PUSH(a, &p->cuts, hi);
    if (error < 0)
        return error;
    qsort(p->cuts.ptr, p->cuts.len, sizeof *p->cuts.ptr, compare_size);
    fl_buf *out = &p->r->out;
    error = fl__buf_printf(out, "<div class=\"line\" id=\"f%zu-L%zu\"><a class=\"no\" "
                           "href=\"#f%zu-L%zu\">%zu</a><div class=\"src\">", p->file, l,
                           p->file, l, l);
    /* The pieces left to right, with the findings over each: one comes in
     * when its piece starts (active is in document order) and goes once it
     * has ended. Every start and end is a cut, so a finding in the cover
     * spans its whole piece, and the work is the findings, not findings
     * times pieces: a long line with many findings stays linear. */
    p->cover.len = 0;
    for (size_t i = 0, k = 0; i + 1 < p->cuts.len && error == 0; i++) {
        size_t from = p->cuts.ptr[i], to = p->cuts.ptr[i + 1];
        if (to == from)
            continue;
        while (error == 0 && k < p->active.len &&
               fl_findings_at(p->f, p->active.ptr[k])->off <= from)
            error = FL_VEC_PUSH(a, &p->cover, p->active.ptr[k++]);
        size_t kept = 0;
        for (size_t j = 0; j < p->cover.len; j++) {
            if (end_of(fl_findings_at(p->f, p->cover.ptr[j])) > from)
                p->cover.ptr[kept++] = p->cover.ptr[j];
        }
        p->cover.len = kept;
        if (error == 0)
            error = put_piece(p, from, to);
    }
    if (error == 0)
        error = fl__buf_puts(out, "</div>");
    if (error == 0 && *next > first)
        error = fl__buf_puts(out, "<ol class=\"notes\">");
    for (size_t i = first; i < *next && error == 0; i++)
        error = put_note(p, i);
    if (error == 0 && *next > first)
        error = fl__buf_puts(out, "</ol>");
    return error < 0 ? error : fl__buf_puts(out, "</div>\n");
}

static int put_text(page *p)
{
    const fl_document *doc = p->doc;
    size_t next = 0, lo = 0, l = 1;
    int error = fl__buf_puts(&p->r->out, "<div class=\"text\">\n");
    while (error == 0 && (lo < doc->len || (lo == 0 && doc->len == 0))) {
        /* doc->text has a lone CR as LF, so a CR-only file shows its lines */
        const char *nl = memchr(doc->text + lo, '\n', doc->len - lo);
        size_t hi = nl ? (size_t)(nl - doc->text) : doc->len;
        size_t shown = hi > lo && doc->text[hi - 1] == '\r' ? hi - 1 : hi;
        error = put_line(p, l++, lo, shown, &next);
        lo = hi + 1;
        if (!nl)
            break;
    }
    return error < 0 ? error : fl__buf_puts(&p->r->out, "</div>\n");
}

int fl__report_html(fl_reporter *r, const fl_document *doc, const fl_findings *f, const char *path)
{
    page p = {r, doc, f, r->files + 1, {NULL, 0, 0}, {NULL, 0, 0}, {NULL, 0, 0}};
    int error = r->files ? 0 : head(r);
    for (size_t i = 0; i < fl_findings_count(f) && error == 0; i++)
        error = count_rule(r, fl_finding_rule(fl_findings_at(f, i)));
    if (error == 0)
        error = fl__buf_printf(&r->out, "<section class=\"file\" id=\"f%zu\"><h2>", p.file);
    if (error == 0)
        error = esc(&r->out, path);
    if (error == 0)
        error = fl__buf_printf(&r->out, "</h2><p>%zu finding%s</p>\n", fl_findings_count(f),
                               fl_findings_count(f) == 1 ? "" : "s");
    if (error == 0)
        error = put_text(&p);
    if (error == 0)
        error = fl__buf_puts(&r->out, "</section>\n");
    FL_VEC_FREE(r->alloc, &p.active);
    FL_VEC_FREE(r->alloc, &p.cuts);
    FL_VEC_FREE(r->alloc, &p.cover);
    return error;
}

/* --- the end: summary and rules --------------------------------------------------- */

static int put_filters(fl_reporter *r)
{
    static const char *const sev[] = {"error", "warning", "suggestion"};
    int error = fl__buf_puts(&r->out, "<div id=\"filters\">Show: ");
    for (size_t i = 0; i < 3 && error == 0; i++)
        error = fl__buf_printf(&r->out, "<label><input type=\"checkbox\" value=\"%s\" "
                               "checked> %ss</label>", sev[i], sev[i]);
    return error < 0 ? error : fl__buf_puts(&r->out, "</div>\n");
}

/* Findings per category, in order of first appearance. */
static int put_categories(fl_reporter *r)
{
    const struct fl_html_rules *h = r->html;
    int error = fl__buf_puts(&r->out, "<table class=\"categories\"><tr><th>category</th>"
                                      "<th>findings</th></tr>");
    for (size_t i = 0; h && i < h->items.len && error == 0; i++) {
        const char *cat = fl_rule_category(h->items.ptr[i].rule);
        size_t n = 0, seen = 0;
        for (size_t k = 0; k < h->items.len; k++) {
            if (strcmp(fl_rule_category(h->items.ptr[k].rule), cat))
                continue;
            seen |= k < i;
            n += h->items.ptr[k].count;
        }
        if (seen)
            continue;
        error = fl__buf_puts(&r->out, "<tr><td>");
        if (error == 0)
            error = esc(&r->out, cat);
        if (error == 0)
            error = fl__buf_printf(&r->out, "</td><td class=\"n\">%zu</td></tr>", n);
    }
    return error < 0 ? error : fl__buf_puts(&r->out, "</table>\n");
}

static int put_rule_rows(fl_reporter *r)
{
    const struct fl_html_rules *h = r->html;
    int error = fl__buf_puts(&r->out, "<table class=\"rules-seen\"><tr><th>rule</th>"
                                      "<th>category</th><th>findings</th></tr>");
    for (size_t i = 0; h && i < h->items.len && error == 0; i++) {
        const fl_rule *rule = h->items.ptr[i].rule;
        error = fl__buf_puts(&r->out, "<tr><td><a href=\"#rule-");
        if (error == 0)
            error = esc(&r->out, fl_rule_id(rule));
        if (error == 0)
            error = fl__buf_puts(&r->out, "\">");
        if (error == 0)
            error = esc(&r->out, fl_rule_id(rule));
        if (error == 0)
            error = fl__buf_puts(&r->out, "</a></td><td>");
        if (error == 0)
            error = esc(&r->out, fl_rule_category(rule));
        if (error == 0)
            error = fl__buf_printf(&r->out, "</td><td class=\"n\">%zu</td></tr>",
                                   h->items.ptr[i].count);
    }
    return error < 0 ? error : fl__buf_puts(&r->out, "</table>\n");
}

static int put_field(fl_buf *out, const char *label, const char *value)
{
    if (!value[0])
        return FL_OK;
    int error = fl__buf_printf(out, "<p><b>%s</b> ", label);
    if (error == 0)
        error = esc(out, value);
    return error < 0 ? error : fl__buf_puts(out, "</p>");
}

static int put_explanations(fl_reporter *r)
{
    const struct fl_html_rules *h = r->html;
    int error = fl__buf_puts(&r->out, "<section class=\"rules\" id=\"rules\"><h2>The rules"
                                      "</h2>\n");
    for (size_t i = 0; h && i < h->items.len && error == 0; i++) {
        const fl_rule *rule = h->items.ptr[i].rule;
        error = fl__buf_puts(&r->out, "<section id=\"rule-");
        if (error == 0)
            error = esc(&r->out, fl_rule_id(rule));
        if (error == 0)
            error = fl__buf_puts(&r->out, "\"><h3>");
        if (error == 0)
            error = esc(&r->out, fl_rule_id(rule));
        if (error == 0)
            error = fl__buf_printf(&r->out, "</h3><p>%s, ",
                                   fl_severity_name(fl_rule_severity(rule)));
        if (error == 0)
            error = esc(&r->out, fl_rule_category(rule));
        if (error == 0)
            error = fl__buf_puts(&r->out, "</p>");
        if (error == 0)
            error = put_field(&r->out, "Why:", fl_rule_explanation(rule));
        if (error == 0)
            error = put_field(&r->out, "Leaves out:", fl_rule_precision(rule));
        if (error == 0)
            error = put_field(&r->out, "Guidance:", fl_rule_guidance(rule));
        if (error == 0)
            error = put_field(&r->out, "Source:", fl_rule_source(rule));
        if (error == 0)
            error = fl__buf_puts(&r->out, "</section>\n");
    }
    return error < 0 ? error : fl__buf_puts(&r->out, "</section>\n");
}

int fl__report_html_finish(fl_reporter *r)
{
    int error = r->files ? 0 : head(r);
    const size_t *n = r->by_severity;
    if (error == 0)
        error = put_explanations(r);
    if (error == 0)
        error = fl__buf_printf(&r->out, "<section id=\"summary\"><h2>Summary</h2><p>%zu error%s, %zu "
                               "warning%s, %zu suggestion%s in %zu of %zu file%s</p>\n",
                               n[FL_SEVERITY_ERROR], n[FL_SEVERITY_ERROR] == 1 ? "" : "s",
                               n[FL_SEVERITY_WARNING], n[FL_SEVERITY_WARNING] == 1 ? "" : "s",
                               n[FL_SEVERITY_SUGGESTION],
                               n[FL_SEVERITY_SUGGESTION] == 1 ? "" : "s",
                               r->files_with_findings, r->files, r->files == 1 ? "" : "s");
    if (error == 0)
        error = put_filters(r);
    if (error == 0)
        error = put_categories(r);
    if (error == 0)
        error = put_rule_rows(r);
    if (error == 0)
        error = fl__buf_printf(&r->out, "</section>\n<script>%s</script>\n</body></html>\n",
                               script);
    return error;
}

void fl__report_html_free(fl_reporter *r)
{
    if (!r->html)
        return;
    FL_VEC_FREE(r->alloc, &r->html->items);
    fl__free(r->alloc, r->html);
    r->html = NULL;
}

/*
 * lsp_diag: findings to Diagnostics. Starts and ends are converted with one
 * cursor each, so many findings on one long line cost the line once.
 */
#include "lsp_diag.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lsp_json.h"
#include "lsp_uri.h"

static const char *text_of(const lsp_result *r, size_t *len)
{
    return fl_document_data(r->doc, len);
}

static lsp_position position(const lsp_server *s, const lsp_result *r, size_t off,
                             lsp_cursor *cur)
{
    size_t len = 0;
    const char *data = text_of(r, &len);
    return lsp_lines_position(&r->lines, data, len, off, s->encoding, cur);
}

json_t *lsp_result_range(const lsp_server *s, const lsp_result *r, size_t off, size_t end)
{
    lsp_cursor cur = {0, 0, 0, 0};
    lsp_position a = position(s, r, off, &cur);
    return lsp_range(a, position(s, r, end, &cur));
}

size_t lsp_result_offset(const lsp_server *s, const lsp_result *r, lsp_position p)
{
    size_t len = 0;
    const char *data = text_of(r, &len);
    return lsp_lines_offset(&r->lines, data, len, p, s->encoding);
}

/* GitHub's heading anchors, which Markdown previews share: lower case,
 * ASCII punctuation other than '-' and '_' dropped, spaces as '-'. */
static void anchor(const char *heading, char *out, size_t size)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)heading; *p && w + 1 < size; p++) {
        if (*p == ' ')
            out[w++] = '-';
        else if (*p >= 0x80 || isalnum(*p) || *p == '-' || *p == '_')
            out[w++] = (char)tolower(*p);
    }
    out[w] = '\0';
}

char *lsp_rule_href(const lsp_server *s, const fl_rule *rule)
{
    struct stat st;
    const char *file = fl_rule_file(rule);
    char *real = stat(file, &st) == 0 && S_ISREG(st.st_mode) ? realpath(file, NULL) : NULL;
    if (real) {
        char *uri = lsp_path_to_uri(real);
        free(real);
        return uri;
    }
    if (!s->catalog)
        return NULL;
    char tag[256];
    anchor(fl_rule_id(rule), tag, sizeof tag);
    size_t n = strlen(s->catalog) + strlen(tag) + 2;
    char *href = malloc(n);
    if (href)
        snprintf(href, n, "%s#%s", s->catalog, tag);
    return href;
}

/* Links per rule, looked up once: a draft has many findings of few rules. */
typedef struct links {
    const fl_rule *rule[64];
    char *href[64];
    size_t n;
} links;

static const char *link_for(const lsp_server *s, links *l, const fl_rule *rule)
{
    for (size_t i = 0; i < l->n; i++) {
        if (l->rule[i] == rule)
            return l->href[i];
    }
    char *href = lsp_rule_href(s, rule);
    if (l->n < sizeof l->rule / sizeof *l->rule) {
        l->rule[l->n] = rule;
        l->href[l->n++] = href;
        return href;
    }
    free(href); /* past 64 rules, go without links rather than grow */
    return NULL;
}

static int severity(fl_severity sev)
{
    return sev == FL_SEVERITY_ERROR ? 1 : sev == FL_SEVERITY_WARNING ? 2 : 3;
}

static json_t *diagnostic(json_t *range, int sev, const char *message)
{
    return json_pack("{s:o,s:i,s:s,s:o}", "range", range, "severity", sev, "source",
                     "framelint", "message", lsp_cstring(message));
}

static json_t *finding(const lsp_server *s, const lsp_result *r, const fl_finding *x,
                       lsp_cursor cur[2], links *l)
{
    size_t off = fl_finding_offset(x);
    lsp_position a = position(s, r, off, &cur[0]);
    lsp_position b = position(s, r, off + fl_finding_length(x), &cur[1]);
    const fl_rule *rule = fl_finding_rule(x);
    json_t *d = diagnostic(lsp_range(a, b), severity(fl_finding_severity(x)),
                           fl_finding_message(x));
    lsp_set(d, "code", lsp_cstring(fl_rule_id(rule)));
    const char *href = link_for(s, l, rule);
    if (href)
        lsp_set(d, "codeDescription", json_pack("{s:o}", "href", lsp_cstring(href)));
    return d;
}

static int add_findings(const lsp_server *s, const lsp_result *r, json_t *out)
{
    lsp_cursor cur[2] = {{0, 0, 0, 0}, {0, 0, 0, 0}};
    links l;
    l.n = 0;
    int error = 0;
    for (size_t i = 0; i < fl_findings_count(r->f) && error == 0; i++)
        error = lsp_append(out, finding(s, r, fl_findings_at(r->f, i), cur, &l));
    for (size_t i = 0; i < l.n; i++)
        free(l.href[i]);
    return error;
}

static int add_notices(const lsp_server *s, const lsp_result *r, json_t *out)
{
    int error = 0;
    for (size_t i = 0; i < fl_findings_notice_count(r->f) && error == 0; i++) {
        size_t off = 0;
        const char *msg = fl_findings_notice(r->f, i, &off);
        error = lsp_append(out, diagnostic(lsp_result_range(s, r, off, off), 3, msg));
    }
    return error;
}

json_t *lsp_diagnostics(const lsp_server *s, const lsp_result *r)
{
    json_t *out = json_array();
    int error = out ? 0 : -1;
    if (error == 0 && r->problem)
        error = lsp_append(out, diagnostic(lsp_result_range(s, r, 0, 0), 1, r->problem));
    if (error == 0 && r->f)
        error = add_findings(s, r, out);
    if (error == 0 && r->f)
        error = add_notices(s, r, out);
    if (error < 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}

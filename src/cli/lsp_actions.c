/*
 * lsp_actions: code actions and hovers on a lint result. The server never
 * rewrites text itself: it asks the library's fixer for the whole fixed
 * document and sends the part that changed.
 */
#include "lsp_actions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp_diag.h"
#include "lsp_json.h"

/* --- edits --------------------------------------------------------------------------- */

/* Bytes [off, old_end) of the old text became [off, new_end) of the new. */
typedef struct change {
    size_t off, old_end, new_end;
} change;

static int continues(const char *s, size_t i)
{
    return ((unsigned char)s[i] & 0xC0) == 0x80;
}

/* Where `old` and `now` differ, widened to cover [span_off, span_end) (bytes
 * the two share, so the edit reads as "this phrase becomes that one") and
 * to whole characters and line breaks, which positions cannot split.
 * Returns 0 when the texts are equal. */
static int differ(const char *old, size_t old_len, const char *now, size_t now_len,
                  size_t span_off, size_t span_end, change *out)
{
    size_t p = 0, q = 0, max = old_len < now_len ? old_len : now_len;
    while (p < max && old[p] == now[p])
        p++;
    if (p == max && old_len == now_len)
        return 0;
    while (q < max - p && old[old_len - 1 - q] == now[now_len - 1 - q])
        q++;
    size_t off = p < span_off ? p : span_off, end = old_len - q;
    if (span_end > end)
        end = span_end < old_len ? span_end : old_len;
    while (off > 0 && off < old_len && continues(old, off))
        off--;
    while (end < old_len && continues(old, end))
        end++;
    if (off > 0 && off < old_len && old[off - 1] == '\r' && old[off] == '\n')
        off--;
    if (end > 0 && end < old_len && old[end - 1] == '\r' && old[end] == '\n')
        end++;
    *out = (change){off, end, now_len - (old_len - end)};
    return 1;
}

static json_t *workspace_edit(const lsp_server *s, const lsp_result *r, json_t *edits)
{
    if (s->document_changes)
        return json_pack("{s:[{s:{s:s,s:I},s:o}]}", "documentChanges", "textDocument", "uri",
                         r->uri, "version", (json_int_t)r->version, "edits", edits);
    return json_pack("{s:{s:o}}", "changes", r->uri, edits);
}

/* The WorkspaceEdit that turns r's text into `fixed`; json_null() when they
 * are the same, NULL when out of memory. */
static json_t *edit_to(const lsp_server *s, const lsp_result *r, const lsp_buf *fixed,
                       size_t span_off, size_t span_end)
{
    size_t len = 0;
    const char *old = fl_document_data(r->doc, &len), *now = fixed->data ? fixed->data : "";
    change c;
    if (!differ(old, len, now, fixed->len, span_off, span_end, &c))
        return json_null();
    json_t *edit = json_pack("{s:o,s:o}", "range", lsp_result_range(s, r, c.off, c.old_end),
                             "newText", lsp_string(now + c.off, c.new_end - c.off));
    return workspace_edit(s, r, json_pack("[o]", edit));
}

static json_t *action(const char *title, const char *kind, json_t *edit, json_t *diagnostic,
                      int preferred)
{
    json_t *a = json_pack("{s:o,s:s,s:o}", "title", lsp_cstring(title), "kind", kind, "edit",
                          edit);
    if (diagnostic && lsp_set(a, "diagnostics", json_pack("[O]", diagnostic)) < 0)
        return NULL;
    if (preferred && lsp_set(a, "isPreferred", json_true()) < 0)
        return NULL;
    return a;
}

/* --- the actions ---------------------------------------------------------------------- */

/* One quick fix per rewrite of finding i, the first preferred: it is the
 * one --fix applies. */
static int add_rewrites(const lsp_server *s, const lsp_result *r, size_t i, json_t *out)
{
    const fl_finding *x = fl_findings_at(r->f, i);
    size_t off = fl_finding_offset(x), end = off + fl_finding_length(x);
    int error = 0;
    for (size_t k = 0; k < fl_finding_suggestion_count(x) && error == 0; k++) {
        lsp_buf fixed = LSP_BUF_INIT;
        size_t applied = 0;
        fl_sink sink = {lsp_buf_sink, &fixed};
        error = fl_fix_finding(&applied, r->doc, r->f, i, k, sink, NULL) < 0 ? -1 : 0;
        json_t *edit = error == 0 && applied ? edit_to(s, r, &fixed, off, end) : NULL;
        lsp_buf_free(&fixed);
        if (error == 0 && applied && !edit)
            error = -1;
        if (!edit || json_is_null(edit)) {
            json_decref(edit);
            continue; /* not rewritable: --fix would leave it too */
        }
        char title[512];
        snprintf(title, sizeof title, "Rewrite as \xE2\x80\x9C%s\xE2\x80\x9D",
                 fl_finding_suggestion(x, k));
        error = lsp_append(out, action(title, "quickfix", edit,
                                       json_array_get(r->diagnostics, i), k == 0));
    }
    return error;
}

/* The line break the document uses after `line`, for a line inserted
 * before it: its own, or the one before it on a last line without one. */
static const char *line_break(const lsp_result *r, size_t line)
{
    size_t len = 0;
    const char *data = fl_document_data(r->doc, &len);
    for (size_t l = line + 1; l-- > 0;) {
        if (l + 1 < r->lines.count) {
            size_t next = r->lines.starts[l + 1];
            return data[next - 1] == '\r' ? "\r" : next >= 2 && data[next - 2] == '\r' ? "\r\n"
                                                                                     : "\n";
        }
    }
    return "\n";
}

/* "Disable RULE on this line": a disable-next-line directive on a line of
 * its own just above, indented like the line (and inside the same block
 * quote, in Markdown), in the comment syntax the format reads. */
static json_t *disable_edit(const lsp_server *s, const lsp_result *r, const fl_finding *x)
{
    size_t len = 0;
    const char *data = fl_document_data(r->doc, &len);
    lsp_position p = lsp_lines_position(&r->lines, data, len, fl_finding_offset(x), s->encoding,
                                        NULL);
    fl_format fmt = fl_document_format(r->doc);
    size_t start = r->lines.starts[p.line], n = 0;
    while (start + n < len && (data[start + n] == ' ' || data[start + n] == '\t' ||
                               (fmt == FL_FORMAT_MARKDOWN && data[start + n] == '>')))
        n++;
    int comment = fmt != FL_FORMAT_PLAIN;
    lsp_buf text = LSP_BUF_INIT;
    int error = lsp_buf_put(&text, data + start, n);
    error = error ? error : lsp_buf_puts(&text, comment ? "<!-- " : "");
    error = error ? error : lsp_buf_puts(&text, "framelint-disable-next-line ");
    error = error ? error : lsp_buf_puts(&text, fl_rule_id(fl_finding_rule(x)));
    error = error ? error : lsp_buf_puts(&text, comment ? " -->" : "");
    error = error ? error : lsp_buf_puts(&text, line_break(r, p.line));
    lsp_position at = {p.line, 0};
    json_t *edit = error ? NULL
                         : json_pack("{s:o,s:o}", "range", lsp_range(at, at), "newText",
                                     lsp_string(text.data, text.len));
    lsp_buf_free(&text);
    return workspace_edit(s, r, json_pack("[o]", edit));
}

static int add_disable(const lsp_server *s, const lsp_result *r, size_t i, json_t *out)
{
    const fl_finding *x = fl_findings_at(r->f, i);
    char title[300];
    snprintf(title, sizeof title, "Disable %s on this line", fl_rule_id(fl_finding_rule(x)));
    return lsp_append(out, action(title, "quickfix", disable_edit(s, r, x),
                                  json_array_get(r->diagnostics, i), 0));
}

static int add_fix_all(const lsp_server *s, const lsp_result *r, json_t *out)
{
    lsp_buf fixed = LSP_BUF_INIT;
    size_t applied = 0, len = 0;
    fl_sink sink = {lsp_buf_sink, &fixed};
    fl_document_data(r->doc, &len);
    int error = fl_fix(&applied, r->doc, r->f, sink, NULL) < 0 ? -1 : 0;
    json_t *edit = error == 0 && applied ? edit_to(s, r, &fixed, len, 0) : NULL;
    lsp_buf_free(&fixed);
    if (edit && !json_is_null(edit))
        return lsp_append(out, action("Fix all in document", "source.fixAll.framelint", edit,
                                      NULL, 0));
    json_decref(edit);
    return error == 0 && (!applied || edit) ? 0 : -1;
}

/* Whether context.only (when given) asks for actions of `kind`: each entry
 * names a kind and the kinds below it ("source" covers "source.fixAll"). */
static int wanted(const json_t *params, const char *kind)
{
    json_t *only = json_object_get(lsp_obj(params, "context"), "only"), *e;
    size_t i;
    if (!json_is_array(only))
        return 1;
    json_array_foreach(only, i, e)
    {
        const char *k = json_string_value(e);
        size_t n = k ? strlen(k) : 0;
        if (k && !strncmp(kind, k, n) && (kind[n] == '\0' || kind[n] == '.'))
            return 1;
    }
    return 0;
}

static int seen_rule(const lsp_result *r, size_t upto, size_t lo, size_t hi, const fl_rule *rule)
{
    for (size_t j = 0; j < upto; j++) {
        const fl_finding *y = fl_findings_at(r->f, j);
        size_t off = fl_finding_offset(y);
        if (off <= hi && off + fl_finding_length(y) >= lo && fl_finding_rule(y) == rule)
            return 1;
    }
    return 0;
}

json_t *lsp_code_actions(const lsp_server *s, const lsp_result *r, const json_t *params)
{
    json_t *out = json_array();
    lsp_position a, b;
    if (!out || !r->f || lsp_read_range(lsp_obj(params, "range"), &a, &b) < 0)
        return out;
    size_t lo = lsp_result_offset(s, r, a), hi = lsp_result_offset(s, r, b);
    int quick = wanted(params, "quickfix"), error = 0;
    for (size_t i = 0; i < fl_findings_count(r->f) && quick && error == 0; i++) {
        const fl_finding *x = fl_findings_at(r->f, i);
        size_t off = fl_finding_offset(x);
        if (off > hi || off + fl_finding_length(x) < lo)
            continue;
        error = add_rewrites(s, r, i, out);
        if (error == 0 && !seen_rule(r, i, lo, hi, fl_finding_rule(x)))
            error = add_disable(s, r, i, out);
    }
    if (error == 0 && wanted(params, "source.fixAll.framelint"))
        error = add_fix_all(s, r, out);
    if (error < 0) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* --- hover ---------------------------------------------------------------------------- */

/* Appends prose; in Markdown, with every character that could start markup
 * escaped, since rule texts and examples are plain prose. */
static int put_text(lsp_buf *b, const char *s, int markdown)
{
    int error = 0;
    for (; *s && error == 0; s++) {
        if (markdown && strchr("\\`*_[]<>#|~", *s))
            error = lsp_buf_put(b, "\\", 1);
        if (error == 0)
            error = lsp_buf_put(b, s, 1);
    }
    return error;
}

/* "Label: text" and what ends it: in plain text the line break(s) that
 * `framelint --explain` prints, in Markdown always a paragraph break, with
 * the label in bold. */
static int put_field(lsp_buf *b, const char *label, const char *text, const char *end,
                     int markdown)
{
    int error = lsp_buf_puts(b, markdown ? "**" : "");
    error = error ? error : lsp_buf_puts(b, label);
    error = error ? error : lsp_buf_puts(b, markdown ? ":**" : ":");
    error = error || !text[0] ? error : lsp_buf_puts(b, " ");
    error = error ? error : put_text(b, text, markdown);
    return error ? error : lsp_buf_puts(b, markdown ? "\n\n" : end);
}

static int put_examples(lsp_buf *b, const fl_rule *x, int flag, int markdown)
{
    size_t n = fl_rule_example_count(x, flag);
    int error = 0;
    if (n)
        error = put_field(b, flag ? "Flagged" : "Not flagged", "", "\n", markdown);
    for (size_t i = 0; i < n && error == 0; i++) {
        error = lsp_buf_puts(b, markdown ? "- " : flag ? "  - " : "  + ");
        error = error ? error : put_text(b, fl_rule_example(x, flag, i), markdown);
        error = error ? error : lsp_buf_puts(b, "\n");
    }
    return error || !n ? error : lsp_buf_puts(b, "\n");
}

int lsp_explain(lsp_buf *b, const fl_rule *x, int markdown)
{
    char head[512];
    snprintf(head, sizeof head, "(%s, %s, %s rule, language %s)", fl_rule_category(x),
             fl_severity_name(fl_rule_severity(x)), fl_rule_kind_name(fl_rule_kind_of(x)),
             fl_rule_language(x));
    int error = lsp_buf_puts(b, markdown ? "**" : "");
    error = error ? error : put_text(b, fl_rule_id(x), markdown);
    error = error ? error : lsp_buf_puts(b, markdown ? "** " : "  ");
    error = error ? error : put_text(b, head, markdown);
    error = error ? error : lsp_buf_puts(b, "\n\n");
    error = error ? error : put_text(b, fl_rule_explanation(x), markdown);
    error = error ? error : lsp_buf_puts(b, "\n\n");
    error = error ? error : put_examples(b, x, 1, markdown);
    error = error ? error : put_examples(b, x, 0, markdown);
    if (error == 0 && fl_rule_precision(x)[0])
        error = put_field(b, "Precision", fl_rule_precision(x), "\n\n", markdown);
    char guidance[300];
    snprintf(guidance, sizeof guidance, "%s (docs/guidance.md restates the GFMD 2019 advice)",
             fl_rule_guidance(x));
    error = error ? error : put_field(b, "Guidance", guidance, "\n", markdown);
    if (error == 0 && fl_rule_source(x)[0])
        error = put_field(b, "Sources", fl_rule_source(x), "\n", markdown);
    return error ? error : put_field(b, "Defined in", fl_rule_file(x), "\n", markdown);
}

/* Whether `rule` is among the first n of `rules`. */
static int listed(const fl_rule *const *rules, size_t n, const fl_rule *rule)
{
    for (size_t i = 0; i < n; i++) {
        if (rules[i] == rule)
            return 1;
    }
    return 0;
}

json_t *lsp_hover(const lsp_server *s, const lsp_result *r, const json_t *params)
{
    lsp_position p;
    if (!r->f || lsp_read_position(lsp_obj(params, "position"), &p) < 0)
        return json_null();
    size_t at = lsp_result_offset(s, r, p), first = 0, shown = 0;
    const fl_rule *rules[16];
    lsp_buf b = LSP_BUF_INIT;
    int error = 0;
    for (size_t i = 0; i < fl_findings_count(r->f) && shown < 16 && error == 0; i++) {
        const fl_finding *x = fl_findings_at(r->f, i);
        size_t off = fl_finding_offset(x);
        if (at < off || at >= off + fl_finding_length(x) ||
            listed(rules, shown, fl_finding_rule(x)))
            continue;
        first = shown ? first : i;
        rules[shown++] = fl_finding_rule(x);
        if (shown > 1)
            error = lsp_buf_puts(&b, s->markdown ? "\n\n---\n\n" : "\n\n");
        error = error ? error : lsp_explain(&b, fl_finding_rule(x), s->markdown);
    }
    json_t *hover = NULL;
    if (error == 0 && !shown)
        hover = json_null();
    else if (error == 0) {
        const fl_finding *x = fl_findings_at(r->f, first);
        size_t off = fl_finding_offset(x);
        hover = json_pack("{s:{s:s,s:o},s:o}", "contents", "kind",
                          s->markdown ? "markdown" : "plaintext", "value",
                          lsp_string(b.data, b.len), "range",
                          lsp_result_range(s, r, off, off + fl_finding_length(x)));
    }
    lsp_buf_free(&b);
    return hover;
}

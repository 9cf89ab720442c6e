/*
 * lsp_actions: what the editor offers on a finding — code actions (a quick
 * fix per rewrite, "Disable RULE on this line", "Fix all in document") and
 * the hover text (the rule's explanation, examples and guidance point, as
 * `framelint --explain` prints them). Every rewrite comes from the library's
 * fixer (fl_fix_finding, fl_fix), so an action writes exactly what `--fix`
 * would, and nothing where `--fix` would not.
 */
#ifndef FL_LSP_ACTIONS_H
#define FL_LSP_ACTIONS_H

#include "lsp_buf.h"
#include "lsp_server.h"

/**
 * The CodeAction[] for a textDocument/codeAction request's params on the
 * lint result `r` (which is for the version the request is about): actions
 * for the findings that overlap params.range, filtered by
 * params.context.only. NULL when out of memory.
 */
json_t *lsp_code_actions(const lsp_server *s, const lsp_result *r, const json_t *params);

/** The Hover for params.position on `r`, or json_null() when no finding is
 *  there. NULL when out of memory. */
json_t *lsp_hover(const lsp_server *s, const lsp_result *r, const json_t *params);

/**
 * Appends `framelint --explain RULE`'s text for `rule` to `b`: as Markdown
 * (headings in bold, examples as lists, the prose escaped) when `markdown`
 * is nonzero, else as plain text. 0, or -1 when out of memory.
 */
int lsp_explain(lsp_buf *b, const fl_rule *rule, int markdown);

#endif

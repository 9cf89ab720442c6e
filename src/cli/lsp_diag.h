/*
 * lsp_diag: a lint result as LSP Diagnostics — ranges in the negotiated
 * encoding, severities mapped (error 1, warning 2, suggestion 3, which
 * editors show as information), the rule id as `code` with a link to its
 * documentation, and the file's notices and config problems as diagnostics
 * of their own. Also the ranges of findings, for hover and code actions.
 */
#ifndef FL_LSP_DIAG_H
#define FL_LSP_DIAG_H

#include "lsp_server.h"

/**
 * The Diagnostic[] for `r`: with a problem, one error at the start of the
 * document saying it; else one per finding, in the findings' order (so
 * finding i is element i), then one per notice. NULL when out of memory.
 */
json_t *lsp_diagnostics(const lsp_server *s, const lsp_result *r);

/** The LSP range of bytes [off, end) of the text linted in `r`. */
json_t *lsp_result_range(const lsp_server *s, const lsp_result *r, size_t off, size_t end);

/** The byte offset in `r`'s text of an LSP position. */
size_t lsp_result_offset(const lsp_server *s, const lsp_result *r, lsp_position p);

/**
 * Where a rule is documented: its rule file for a rule loaded from disk,
 * else its entry in the rules catalogue (s->catalog plus the heading's
 * anchor). A new string (free it), or NULL when there is neither.
 */
char *lsp_rule_href(const lsp_server *s, const fl_rule *rule);

#endif

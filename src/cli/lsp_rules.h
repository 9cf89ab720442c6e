/*
 * lsp_rules: the language server's configs and compiled rulesets. A document
 * is linted as the command line would lint its file: the nearest
 * `.framelint.yml` above it applies, its `language:`, then the document's
 * own, then English picks the rules. Configs are loaded once and loaded
 * again when their file changes; rulesets are compiled once per config and
 * language. Used by the server's worker only, so nothing here locks.
 */
#ifndef FL_LSP_RULES_H
#define FL_LSP_RULES_H

#include <stddef.h>

#include "framelint/framelint.h"

typedef struct lsp_rules lsp_rules;

/** A new, empty cache; NULL when out of memory. Free with lsp_rules_free. */
lsp_rules *lsp_rules_new(void);

/** Frees the cache and every ruleset in it. NULL is a no-op. */
void lsp_rules_free(lsp_rules *c);

/**
 * Whether the config that governs the file at `path` (NULL: a document
 * without a file, which has none) was loaded from a file that has changed
 * since (modification time, size or inode). When it has, findings that
 * borrow from this cache's rulesets must be freed before lsp_rules_forget.
 */
int lsp_rules_changed(lsp_rules *c, const char *path);

/** Drops every config and ruleset, so the next lint loads them again. */
void lsp_rules_forget(lsp_rules *c);

/**
 * Lints `doc` (whose file is `path`, or NULL) with the rules that govern it.
 * On success *out holds the findings (the caller frees them with
 * fl_findings_free before the next lsp_rules_forget or lsp_rules_free,
 * since they borrow the ruleset). On failure -1, with a message the user can
 * act on in `problem` ("docs/.framelint.yml:3:1: unknown key 'langauge'
 * (did you mean 'language'?)"); a broken config is reported again for every
 * document it governs until its file changes.
 */
int lsp_rules_lint(lsp_rules *c, const char *path, const fl_document *doc, fl_findings **out,
                   char *problem, size_t problem_size);

#endif

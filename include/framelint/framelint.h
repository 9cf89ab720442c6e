/*
 * framelint.h — the public API of libframelint.
 *
 * framelint reads drafts about migration (plain text, Markdown, HTML) and
 * reports language that hardens a polarized narrative, each finding with a
 * one-sentence reason and, where one exists, a rewrite. This header is the
 * manual: every declaration says what it does, who owns what it returns, how
 * it fails, whether it is thread-safe, and in which units it counts.
 *
 * A whole program, without error handling:
 *
 *     fl_error err = FL_ERROR_INIT;
 *     fl_ruleset *rs = NULL;
 *     fl_document *doc = NULL;
 *     fl_findings *f = NULL;
 *     fl_lint_options opts = FL_LINT_OPTIONS_INIT;
 *
 *     fl_ruleset_new(&rs, NULL, &err);
 *     fl_ruleset_add_defaults(rs, &err);            // the embedded rules
 *     fl_ruleset_compile(rs, &err);
 *     fl_document_new(&doc, NULL, "draft.md", text, len, FL_FORMAT_AUTO, &err);
 *     fl_lint(&f, rs, doc, &opts, &err);
 *     for (size_t i = 0; i < fl_findings_count(f); i++) {
 *         const fl_finding *x = fl_findings_at(f, i);
 *         fl_position p;
 *         fl_document_position(&p, doc, fl_finding_offset(x));
 *         printf("%u:%u %s\n", p.line, p.column, fl_finding_message(x));
 *     }
 *     fl_findings_free(f);
 *     fl_document_free(doc);
 *     fl_ruleset_free(rs);
 *
 * Conventions, everywhere below:
 * - Fallible functions return int: FL_OK (0) on success, a negative FL_E* code
 *   on failure, and each one's comment lists every code it can return ("Fails
 *   with …"; tests/api checks that the list is there). Outputs come first;
 *   the last parameter is an optional fl_error* that receives a message a
 *   user can act on (a few whose failures need no words, such as parsing a
 *   name, have none). The code returned is the same with or without it. An
 *   int that answers a question ("Nonzero if …") is no status.
 * - Offsets and lengths are bytes into the document's text. Lines and columns
 *   are 1-based; columns count Unicode code points (an invalid byte counts as
 *   one).
 * - An object returned through `**out` belongs to the caller and is released
 *   with its own `_free`; `_free(NULL)` is a no-op. A `const` pointer returned
 *   by an accessor is borrowed from the object that returned it and stays
 *   valid until that object is freed.
 * - No function keeps global or thread-local state. Distinct objects may be
 *   used from distinct threads at once; a compiled fl_ruleset and a
 *   fl_document may be shared by any number of threads calling fl_lint(),
 *   fl_document_position() or any other function that takes them `const`.
 * - The library never prints, never exits, never aborts.
 *
 * The header compiles alone under -std=c99 -Wall -Wextra -Wpedantic.
 */
#ifndef FRAMELINT_H
#define FRAMELINT_H

#include <stddef.h>
#include <stdint.h>

#include "framelint/fl_export.h"
#include "framelint/fl_version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Errors                                                                   */
/* ------------------------------------------------------------------------ */

/** Status codes. Every fallible function returns one of these. */
typedef enum fl_status {
    FL_OK = 0,
    FL_ERROR = -1,   /**< anything not covered below */
    FL_ENOMEM = -2,  /**< an allocation failed */
    FL_EIO = -3,     /**< a file could not be read or written */
    FL_EINVAL = -4,  /**< a bad argument, or an object in the wrong state */
    FL_EUTF8 = -5,   /**< reserved: no function returns it (a rule or config
                          file that is not UTF-8 is FL_ESYNTAX; a draft's
                          invalid UTF-8 is a notice, linted around) */
    FL_ESYNTAX = -6, /**< a YAML file, or a .docx or .odt file (its zip or
                          its XML), is not well-formed */
    FL_ESCHEMA = -7, /**< a YAML file is well-formed but not a valid rule or
                          config file: unknown key, wrong type, missing field */
    FL_EREGEX = -8,  /**< a pattern rule's regular expression does not compile */
    FL_ELIMIT = -9   /**< input exceeds a named limit (size, depth, count) */
} fl_status;

/**
 * An error report. Caller-owned and fixed-size: filling it never allocates,
 * so an out-of-memory error can still be reported. Initialise with
 * FL_ERROR_INIT. Only the function that detects a problem writes the message;
 * callers pass the struct down and return the code unchanged.
 */
typedef struct fl_error {
    int code;            /**< an fl_status; FL_OK when nothing went wrong */
    char message[256];   /**< lower-case, no final period, names the fix */
    const char *path;    /**< borrowed: from the caller's argument, or from
                              the object the failing call was given (a rule
                              file found in a folder names the ruleset's copy
                              of its path, valid until the ruleset is freed;
                              see fl_ruleset_add_path); may be NULL */
    unsigned line;       /**< 1-based; 0 when unknown */
    unsigned column;     /**< 1-based, in code points; 0 when unknown */
    size_t offset;       /**< byte offset of the problem in its input */
} fl_error;

#define FL_ERROR_INIT {0, {0}, NULL, 0, 0, 0}

/**
 * Writes `err` in the GNU shape `path:line:column: message` (parts that are
 * unknown are left out) into `buf`, NUL-terminated and truncated to `size`.
 * Returns the length the full text would have, like snprintf. Thread-safe.
 */
FL_EXPORT size_t fl_error_format(const fl_error *err, char *buf, size_t size);

/** A short, static, English name for a status code ("out of memory"). */
FL_EXPORT const char *fl_status_name(int code);

/* ------------------------------------------------------------------------ */
/* Allocation and output                                                    */
/* ------------------------------------------------------------------------ */

/**
 * A custom allocator. Pass NULL wherever an allocator is accepted to use the C
 * library's malloc/realloc/free. The allocator is copied into the object
 * being created and used for everything that object owns. `realloc` must
 * accept a NULL pointer; `free` must accept NULL.
 */
typedef struct fl_allocator {
    void *(*malloc)(void *payload, size_t size);
    void *(*realloc)(void *payload, void *ptr, size_t size);
    void (*free)(void *payload, void *ptr);
    void *payload;
} fl_allocator;

/**
 * Where reporters and the fixer write bytes. `write` returns 0 on success or a
 * negative fl_status (FL_EIO typically); the first failure stops the writer
 * and is returned by the function that was writing.
 */
typedef struct fl_sink {
    int (*write)(void *payload, const char *data, size_t len);
    void *payload;
} fl_sink;

/* ------------------------------------------------------------------------ */
/* Rules                                                                    */
/* ------------------------------------------------------------------------ */

/** How serious a finding is. FL_SEVERITY_OFF disables a rule. */
typedef enum fl_severity {
    FL_SEVERITY_OFF = 0,
    FL_SEVERITY_SUGGESTION = 1,
    FL_SEVERITY_WARNING = 2,
    FL_SEVERITY_ERROR = 3
} fl_severity;

/** "error", "warning", "suggestion" or "off". Static storage. */
FL_EXPORT const char *fl_severity_name(fl_severity s);

/**
 * Parses a severity name ("error", "warning", "suggestion", "off").
 * Returns FL_OK, or FL_EINVAL for anything else.
 */
FL_EXPORT int fl_severity_parse(fl_severity *out, const char *name);

/** The four kinds of rule; docs/rules.md describes each. */
typedef enum fl_rule_kind {
    FL_RULE_TERM = 1,      /**< words and phrases, with inflections */
    FL_RULE_PATTERN = 2,   /**< a PCRE2 regular expression */
    FL_RULE_PROXIMITY = 3, /**< word sets that meet within a window */
    FL_RULE_DENSITY = 4    /**< too many figures in a sentence or paragraph */
} fl_rule_kind;

/** "term", "pattern", "proximity" or "density". Static storage. */
FL_EXPORT const char *fl_rule_kind_name(fl_rule_kind kind);

typedef struct fl_ruleset fl_ruleset;
typedef struct fl_rule fl_rule;

/**
 * Creates an empty, uncompiled ruleset. Add rule files with
 * fl_ruleset_add_*, adjust it with fl_ruleset_set_severity and
 * fl_ruleset_allow, then call fl_ruleset_compile before linting.
 * The caller owns `*out` and frees it with fl_ruleset_free.
 * Fails with FL_EINVAL (`out` NULL) or FL_ENOMEM.
 */
FL_EXPORT int fl_ruleset_new(fl_ruleset **out, const fl_allocator *alloc,
                             fl_error *err);

/**
 * Adds the rule files embedded in the library at build time (the project's
 * rules/ folder), for every language.
 * Fails with FL_EINVAL (`rs` NULL or already compiled), FL_ESCHEMA (a rule
 * id, list or gate the ruleset already has: the defaults added twice, or
 * after fl_ruleset_add_default_language) or FL_ENOMEM. The files were
 * checked when the library was built, so FL_ESYNTAX, FL_EREGEX or FL_ELIMIT
 * (see fl_ruleset_add_buffer) would mean a damaged build.
 */
FL_EXPORT int fl_ruleset_add_defaults(fl_ruleset *rs, fl_error *err);

/**
 * Adds only the embedded rule files of one language (`rules/<language>/`):
 * what a linter that already knows the document's language needs, at a
 * fraction of the start-up cost. Adds nothing for a language without
 * built-in rules. Fails with FL_EINVAL (`rs` NULL or already compiled, or
 * no language given), FL_ESCHEMA (that language added twice) or FL_ENOMEM;
 * like fl_ruleset_add_defaults, FL_ESYNTAX, FL_EREGEX or FL_ELIMIT would
 * mean a damaged build.
 */
FL_EXPORT int fl_ruleset_add_default_language(fl_ruleset *rs, const char *language,
                                              fl_error *err);

/**
 * Parses one YAML rule file held in memory and adds its lists and rules.
 * `name` appears in error messages (use the file's path) and is copied.
 * `data` need not be NUL-terminated and is not kept.
 *
 * Fails with FL_ESYNTAX (not YAML, or not UTF-8), FL_ESCHEMA (unknown key,
 * wrong type, missing field, a rule id, list or gate the ruleset already
 * has, a YAML tag, a second document), FL_EREGEX, FL_ELIMIT (file too
 * large, nesting too deep, anchors or aliases, too many nodes, a pattern
 * longer than 4096 bytes or nested deeper than 64 groups) or FL_ENOMEM;
 * `err` then names `name`, the 1-based line and column, and the problem.
 * On failure the ruleset is unchanged. Also fails with FL_EINVAL (`rs` NULL,
 * `data` NULL with a length, or the ruleset already compiled).
 */
FL_EXPORT int fl_ruleset_add_buffer(fl_ruleset *rs, const char *name,
                                    const char *data, size_t len,
                                    fl_error *err);

/**
 * Reads `path` and adds it like fl_ruleset_add_buffer. If `path` is a folder,
 * adds every `*.yml` and `*.yaml` file in it (not in its subfolders), in
 * sorted order.
 * Fails as fl_ruleset_add_buffer does (FL_EINVAL, FL_ESYNTAX, FL_ESCHEMA,
 * FL_EREGEX, FL_ELIMIT, FL_ENOMEM; FL_ELIMIT also for a file over 16 MiB),
 * and with FL_EIO when `path` is NULL or does not exist, or a file or
 * folder cannot be read. An error in a file found in the folder names that
 * file: `err->path` then points into the ruleset and stays valid until
 * fl_ruleset_free.
 */
FL_EXPORT int fl_ruleset_add_path(fl_ruleset *rs, const char *path,
                                  fl_error *err);

/**
 * Sets the severity of every rule that `selector` names: a full rule id
 * (`terminology.water-metaphor`), a ruleset name (`terminology`), a category
 * (`loaded-term`), or `*` for all. FL_SEVERITY_OFF disables them. Later calls
 * override earlier ones. Fails with FL_EINVAL when nothing matches (so a typo
 * in a config file is reported, not ignored), for an empty selector or a
 * severity out of range, or when `rs` is NULL or already compiled.
 */
FL_EXPORT int fl_ruleset_set_severity(fl_ruleset *rs, const char *selector,
                                      fl_severity severity, fl_error *err);

/**
 * Declares a word or phrase that no term rule may flag (a team's accepted
 * vocabulary). Matching is case- and accent-insensitive, on whole words.
 * Fails with FL_EINVAL on an empty phrase or when `rs` is NULL or already
 * compiled, or FL_ENOMEM.
 */
FL_EXPORT int fl_ruleset_allow(fl_ruleset *rs, const char *phrase,
                               fl_error *err);

/**
 * Declares a name (a law, a party, an organisation, a report, an event):
 * a finding inside it is reported at most as a suggestion that says it is a
 * name, and never rewritten. Names are also recognised without being
 * declared: a run of capitalised words that ends in a word of the
 * language's `name-heads` list ("the Illegal Migration Bill"). Matching is
 * case- and accent-insensitive, on whole words. Fails with FL_EINVAL on an
 * empty phrase or when `rs` is NULL or already compiled, or FL_ENOMEM.
 */
FL_EXPORT int fl_ruleset_add_name(fl_ruleset *rs, const char *phrase,
                                  fl_error *err);

/**
 * Resolves list references and builds the matchers: one word trie per
 * language (so the cost per input word does not depend on the number of
 * terms), and compiled, JIT-enabled regular expressions. A language whose
 * trie the rules would make exactly as the built-in ones do takes the one
 * built into the library instead. After this the ruleset is read-only and
 * safe to share between threads.
 * Fails with FL_EINVAL (`rs` NULL or already compiled), FL_ESCHEMA (a rule
 * names a list or gate no file of its language defines, a gate refers to
 * itself, a document gate used where it cannot be, a phrase the tokenizer
 * cannot match), FL_ESYNTAX (a damaged build: the trie built into the
 * library does not read back) or FL_ENOMEM. (Regular expressions were
 * compiled, and FL_EREGEX reported, when their file was added.)
 */
FL_EXPORT int fl_ruleset_compile(fl_ruleset *rs, fl_error *err);

/** Frees the ruleset and everything it owns. NULL is a no-op. */
FL_EXPORT void fl_ruleset_free(fl_ruleset *rs);

/** Number of rules, enabled or not, in load order. */
FL_EXPORT size_t fl_ruleset_count(const fl_ruleset *rs);

/** The i-th rule (borrowed, valid until the ruleset is freed); NULL if out of range. */
FL_EXPORT const fl_rule *fl_ruleset_at(const fl_ruleset *rs, size_t i);

/** The rule with this full id, or NULL. Borrowed. */
FL_EXPORT const fl_rule *fl_ruleset_find(const fl_ruleset *rs, const char *id);

/* Rule accessors. Strings are borrowed from the ruleset and NUL-terminated;
 * optional fields return "" when absent, never NULL. */
FL_EXPORT const char *fl_rule_id(const fl_rule *r);       /* "ruleset.rule" */
FL_EXPORT const char *fl_rule_category(const fl_rule *r); /* "loaded-term" */
FL_EXPORT fl_rule_kind fl_rule_kind_of(const fl_rule *r);
FL_EXPORT fl_severity fl_rule_severity(const fl_rule *r); /* after overrides */
FL_EXPORT const char *fl_rule_language(const fl_rule *r); /* "en" */
FL_EXPORT const char *fl_rule_guidance(const fl_rule *r); /* "terminology" */
FL_EXPORT const char *fl_rule_summary(const fl_rule *r);  /* first sentence */
FL_EXPORT const char *fl_rule_explanation(const fl_rule *r);
FL_EXPORT const char *fl_rule_source(const fl_rule *r);
/** What the rule leaves unflagged, or why its severity is lower, so that
 *  it stays precise: the matches it cannot tell from literal uses. */
FL_EXPORT const char *fl_rule_precision(const fl_rule *r);
FL_EXPORT const char *fl_rule_file(const fl_rule *r);     /* file it came from */
/** Nonzero if at least one of the rule's findings can carry a rewrite. */
FL_EXPORT int fl_rule_can_fix(const fl_rule *r);
/** The rule's self-test examples: `flag` nonzero for texts that must be
 *  flagged, zero for texts that must stay clean. */
FL_EXPORT size_t fl_rule_example_count(const fl_rule *r, int flag);
FL_EXPORT const char *fl_rule_example(const fl_rule *r, int flag, size_t i);

/* ------------------------------------------------------------------------ */
/* Documents                                                                */
/* ------------------------------------------------------------------------ */

/** How a document's bytes are read. */
typedef enum fl_format {
    FL_FORMAT_AUTO = 0, /**< from the path's extension; plain text otherwise */
    FL_FORMAT_PLAIN = 1,
    FL_FORMAT_MARKDOWN = 2,
    FL_FORMAT_HTML = 3,
    /** A Word file (.docx, .docm: zipped WordprocessingML). Nothing in it is
     *  ever run. The document's text (fl_document_data) is what a reader of
     *  the file sees, one paragraph per line in reading order: the body,
     *  then footnotes, endnotes, headers, footers; image descriptions and
     *  titles on a line of their own after their paragraph. Deleted tracked
     *  changes and comments are left out, inserted ones are text, and a
     *  field shows its result. So a finding's line is the paragraph number
     *  and its column the code point within that paragraph. */
    FL_FORMAT_DOCX = 4,
    /** An OpenDocument text file (.odt), read like FL_FORMAT_DOCX; notes
     *  follow the body. */
    FL_FORMAT_ODT = 5
} fl_format;

/**
 * The format a file name implies: .md .markdown → Markdown, .html .htm →
 * HTML, .docx .docm → Word, .odt → OpenDocument, .txt and anything else →
 * plain text. Never returns FL_FORMAT_AUTO.
 */
FL_EXPORT fl_format fl_format_from_path(const char *path);

/** "plain", "markdown", "html", "docx" or "odt". Static storage. */
FL_EXPORT const char *fl_format_name(fl_format fmt);

typedef struct fl_document fl_document;

/** The largest document accepted, in bytes (FL_ELIMIT beyond it). */
#define FL_MAX_DOCUMENT_BYTES ((size_t)1 << 30)
/** The most bytes of one block (a paragraph, a list item, a table cell)
 *  linted at once. Linting a block costs about 14 times its size, so one
 *  1 GB paragraph would need 14 GB; a longer block is linted in parts of at
 *  most this size, cut after a line break or a space, with one notice, and
 *  a phrase across two parts is not seen. Memory is then the document
 *  itself plus a bounded amount per block. */
#define FL_MAX_BLOCK_BYTES ((size_t)1 << 20)
/** The most one part of a .docx or .odt may inflate to (FL_ELIMIT beyond):
 *  a zip bomb costs bounded time and memory whatever its headers claim. */
#define FL_MAX_PART_BYTES ((size_t)256 << 20)
/** The most the parts read from one .docx or .odt may inflate to together. */
#define FL_MAX_PACKAGE_BYTES ((size_t)512 << 20)
/** The deepest element nesting accepted in a .docx or .odt part. */
#define FL_MAX_XML_DEPTH 256

/**
 * Creates a document from `len` bytes of `data`, which are copied once; every
 * offset the library reports points into that copy. `path` (copied; may be
 * NULL) names the document in reports and picks the format when `fmt` is
 * FL_FORMAT_AUTO. Invalid UTF-8 is accepted: it is reported by fl_lint as a
 * notice and linted around.
 *
 * NUL bytes are not text, wherever they are: fl_lint reports the first one
 * as a notice and treats each as the end of the sentence it is in, so no
 * term, pattern or proximity match reaches across one and no rewrite
 * removes or moves one (fl_fix keeps every NUL); a message that quotes a
 * span holding one (a density rule's) shows U+FFFD in its place. The
 * command line also calls a file with a NUL in its first 8 KiB binary and
 * skips it, as grep does.
 *
 * For FL_FORMAT_DOCX and FL_FORMAT_ODT `data` is the file's bytes; they are
 * copied too (fl_fix rewrites them), and the offsets the library reports
 * point into the document's text instead (see FL_FORMAT_DOCX).
 *
 * Fails with FL_EINVAL (`out` NULL, `data` NULL with a length, a format
 * out of range), FL_ELIMIT above FL_MAX_DOCUMENT_BYTES, or FL_ENOMEM; for a
 * .docx or .odt also with FL_ESYNTAX (a damaged or cut-short zip, a
 * password-protected file, not a Word or OpenDocument text file, malformed
 * XML, XML with a DTD) or FL_ELIMIT (FL_MAX_PART_BYTES,
 * FL_MAX_PACKAGE_BYTES, FL_MAX_XML_DEPTH, text boxes or notes nested too
 * deep), the message naming the part, or FL_ERROR should a reader leave a
 * paragraph open (a bug in framelint, never the file's fault).
 * The caller owns `*out` (fl_document_free).
 */
FL_EXPORT int fl_document_new(fl_document **out, const fl_allocator *alloc,
                              const char *path, const char *data, size_t len,
                              fl_format fmt, fl_error *err);

/**
 * fl_document_new without the copy, for a caller that read the draft into
 * a buffer of its own: a large draft is then held once, not twice. `data`
 * must come from `alloc` (malloc for NULL) and have room for `len + 1`
 * bytes (the document adds a NUL). On success the document owns `data` and
 * frees it (for a .docx or .odt, at once: their text is read out); on
 * failure the caller still owns it. Fails as fl_document_new does: with
 * FL_EINVAL, FL_ELIMIT or FL_ENOMEM, and for a .docx or .odt FL_ESYNTAX or
 * FL_ERROR too.
 */
FL_EXPORT int fl_document_adopt(fl_document **out, const fl_allocator *alloc,
                                const char *path, char *data, size_t len,
                                fl_format fmt, fl_error *err);

/** Frees the document. NULL is a no-op. */
FL_EXPORT void fl_document_free(fl_document *doc);

/** The document's text (borrowed; not NUL-terminated) and its length: the
 *  bytes given, or for a .docx or .odt the text read from it. */
FL_EXPORT const char *fl_document_data(const fl_document *doc, size_t *len);
/** The path given at creation, or "" (borrowed). */
FL_EXPORT const char *fl_document_path(const fl_document *doc);
/** The resolved format (never FL_FORMAT_AUTO). */
FL_EXPORT fl_format fl_document_format(const fl_document *doc);

/**
 * The language the document declares for itself: HTML `lang=` on the root
 * element or Markdown front matter `lang:`/`language:`, reduced to its
 * primary subtag ("fr" for "fr-BE"), lower-case. "" when it declares none.
 * Borrowed.
 */
FL_EXPORT const char *fl_document_language(const fl_document *doc);

/** A place in a document, for reporters. */
typedef struct fl_position {
    unsigned line;      /**< 1-based */
    unsigned column;    /**< 1-based, in code points */
    size_t line_offset; /**< byte offset where the line starts */
    size_t line_length; /**< bytes in the line, without "\n" or "\r\n" */
} fl_position;

/**
 * Converts a byte offset into line and column. An offset at or past the end
 * maps to the end of the text (after a final newline, the empty last line).
 *
 * The first call builds the document's line index (see fl_document_index);
 * after that a call only reads, so any number of threads may call it on one
 * document at once. The index marks the column every 1 KiB of a long line,
 * so a call costs at most that much counting whatever the order of the
 * offsets: the findings of a one-line 50 MB draft are placed in linear time.
 *
 * Fails with FL_EINVAL (`out` or `doc` NULL) or FL_ENOMEM (building the
 * index).
 */
FL_EXPORT int fl_document_position(fl_position *out, const fl_document *doc,
                                   size_t offset);

/** Where a place in a .docx or .odt lies, for a writer who looks for it in
 *  their word processor rather than by line number. */
typedef struct fl_place {
    /** "body", "footnote", "endnote", "header" or "footer"; "" for a plain
     *  text, Markdown or HTML document. Static storage. */
    const char *part;
    /** The heading above it in the same part: its text is the document's
     *  bytes [heading_offset, heading_offset + heading_length); length 0
     *  when there is none (and always for text formats). */
    size_t heading_offset, heading_length;
    /** An excerpt of its paragraph: the bytes [excerpt_offset,
     *  excerpt_offset + excerpt_length), at most 40 code points either side
     *  of the span [offset, offset + length) given, cut at characters. */
    size_t excerpt_offset, excerpt_length;
} fl_place;

/**
 * Fills `out` with where the span of `length` bytes at byte `offset` lies
 * (see fl_place). Never fails for a valid document: returns FL_OK, or
 * FL_EINVAL for a NULL argument. Reads only; thread-safe.
 */
FL_EXPORT int fl_document_place(fl_place *out, const fl_document *doc, size_t offset,
                                size_t length);

/**
 * Builds the line index fl_document_position reads, unless it is built
 * already, so that its cost and its one way to fail come here, with a
 * message in `err`. Optional: fl_document_position builds it on first use.
 * Thread-safe: threads that race here on one document may each build an
 * index; the first one published is kept and the others are freed. The
 * index holds 8 bytes per line and 16 per KiB of a line longer than 1 KiB.
 * Fails with FL_EINVAL (`doc` NULL) or FL_ENOMEM.
 */
FL_EXPORT int fl_document_index(const fl_document *doc, fl_error *err);

/* ------------------------------------------------------------------------ */
/* Linting                                                                  */
/* ------------------------------------------------------------------------ */

#define FL_LINT_OPTIONS_VERSION 2

/** Options for fl_lint. Initialise with FL_LINT_OPTIONS_INIT. */
typedef struct fl_lint_options {
    unsigned version;      /**< FL_LINT_OPTIONS_VERSION */
    /** Language of the rules to apply ("en", "fr", …). NULL: the document's
     *  own declaration (fl_document_language), else "en". A language given
     *  here wins over the document's. */
    const char *language;
    /** Minimum severity to report; lower findings are dropped. */
    fl_severity min_severity;
    /** Version 2. The regular-expression steps left to a whole run, shared
     *  by every fl_lint call given the same counter (start it at
     *  FL_REGEX_RUN_STEPS, say), which lowers it; NULL: only each
     *  document's own budget. Not synchronised: one thread at a time. */
    unsigned long long *regex_budget;
} fl_lint_options;

#define FL_LINT_OPTIONS_INIT {FL_LINT_OPTIONS_VERSION, NULL, FL_SEVERITY_SUGGESTION, NULL}

/**
 * Budgets for pattern rules' regular expressions, in PCRE2 match-limit
 * steps, so that a user pattern that backtracks cannot hang a run however
 * many sentences it backtracks on. Every match gets 10,000 steps free, far
 * more than ordinary patterns use on a sentence; one that needs more is
 * retried with more, up to 1,000,000 per sentence, and the retries are
 * charged to the document (FL_REGEX_DOCUMENT_STEPS) and to the run
 * (fl_lint_options.regex_budget). Once either is spent, a pattern that
 * needs more than 10,000 steps on a sentence skips it, and one notice says
 * so. Steps are counted, not timed, so the output is the same on every run.
 */
#define FL_REGEX_DOCUMENT_STEPS 20000000ULL
/** A suggested run budget: ten documents' worth. */
#define FL_REGEX_RUN_STEPS 200000000ULL

typedef struct fl_findings fl_findings;
typedef struct fl_finding fl_finding;

/** The most findings kept per document: the first ones by offset, counted
 *  after repeats and findings inside others are removed. A notice placed
 *  where the first one was lost says when there were more. */
#define FL_MAX_FINDINGS 100000

/**
 * Lints `doc` with the compiled ruleset `rs`. On success `*out` holds the
 * findings sorted by offset (then by rule order), at most one per span per
 * rule, with inline suppressions applied, plus notices about the input
 * (invalid UTF-8, a regular expression that hit its match limit or spent
 * its budget, more findings than FL_MAX_FINDINGS). The caller owns `*out` (fl_findings_free);
 * it borrows from `rs` and `doc`, which must outlive it.
 * Thread-safe for distinct `out`s, with `rs` and `doc` shared.
 * Fails with FL_EINVAL (`out`, `rs` or `doc` NULL, ruleset not compiled,
 * unknown options version), FL_ENOMEM, or FL_ERROR should a reader hand
 * the linter a span outside the document (a bug in framelint, never the
 * input's fault). Options of version 1 (without regex_budget) are
 * accepted.
 */
FL_EXPORT int fl_lint(fl_findings **out, const fl_ruleset *rs,
                      const fl_document *doc, const fl_lint_options *opts,
                      fl_error *err);

/** Frees findings. NULL is a no-op. */
FL_EXPORT void fl_findings_free(fl_findings *f);

/** Number of findings. */
FL_EXPORT size_t fl_findings_count(const fl_findings *f);

/** The i-th finding (borrowed from `f`); NULL if out of range. */
FL_EXPORT const fl_finding *fl_findings_at(const fl_findings *f, size_t i);

/** The words the rules read (word tokens of the text that is linted:
 *  not code, not markup, not numbers or punctuation): the denominator for
 *  rates such as findings per 10,000 words. 0 for NULL. */
FL_EXPORT uint64_t fl_findings_word_count(const fl_findings *f);

/** The language whose rules were applied ("en"). Borrowed. */
FL_EXPORT const char *fl_findings_language(const fl_findings *f);

/** Notices: messages about the input rather than its language. */
FL_EXPORT size_t fl_findings_notice_count(const fl_findings *f);
/** The i-th notice's message (borrowed) and, through `offset`, the byte
 *  offset it refers to (may be NULL). NULL if out of range. */
FL_EXPORT const char *fl_findings_notice(const fl_findings *f, size_t i,
                                         size_t *offset);

/* Finding accessors. Strings are borrowed from the findings. */
FL_EXPORT const fl_rule *fl_finding_rule(const fl_finding *x);
FL_EXPORT fl_severity fl_finding_severity(const fl_finding *x);
FL_EXPORT size_t fl_finding_offset(const fl_finding *x); /* bytes */
FL_EXPORT size_t fl_finding_length(const fl_finding *x); /* bytes */
/** The one-sentence message, with the rule's template filled in. */
FL_EXPORT const char *fl_finding_message(const fl_finding *x);
/** Rewrites for the span [offset, offset+length), best first. Each replaces
 *  exactly that span and already carries the case of the matched text. */
FL_EXPORT size_t fl_finding_suggestion_count(const fl_finding *x);
FL_EXPORT const char *fl_finding_suggestion(const fl_finding *x, size_t i);

/**
 * Nonzero if fl_fix applies this finding's first rewrite: it has one; it is
 * not inside a quotation (someone else's words, a scare quote), a name or a
 * hashtag, which carry no rewrite; its span lies on one line of text with no
 * quotation mark or bracket inside (a match that crosses a line break or
 * markup is reported, not rewritten) that the reader can write back (in a
 * .docx not a field's result, someone's tracked insertion or an image
 * description; in an .odt, nothing yet); and no other finding's rewrite
 * crosses it or replaces it (see fl_fix).
 */
FL_EXPORT int fl_finding_can_fix(const fl_finding *x);

/**
 * Why fl_fix leaves this finding as it is, in words for the writer: "it is
 * in quotation marks", "it is in a name", "it is a hashtag (…)", "it
 * reports what someone said (…)" (a sentence with a word of the language's
 * `speech-verbs` list: "the minister said migrants were flooding in"), "it
 * crosses a line break, markup or a quotation mark", "this part of the file
 * cannot be written back", "a finding around it is rewritten", "it overlaps
 * another finding; rewrite the two together", "no rewrite fits the word
 * after it; reword the sentence" (a rewrite that would not read right
 * before the next word, "arriving to", is not offered at all). "" when
 * fl_fix rewrites it, or its rule has no rewrite for it. Static storage;
 * thread-safe.
 */
FL_EXPORT const char *fl_finding_fix_note(const fl_finding *x);

/* ------------------------------------------------------------------------ */
/* Fixing                                                                   */
/* ------------------------------------------------------------------------ */

/** The most rounds fl_fix makes (see fl_fix). */
#define FL_FIX_ROUNDS 4

/**
 * Writes `doc` to `sink` with the first rewrite of every finding for which
 * fl_finding_can_fix holds applied. Only the bytes of each rewritten span
 * change: line endings, a byte-order mark, a missing final newline and
 * invalid bytes elsewhere come out exactly as they went in. No rewrite adds
 * or removes a line break, a quotation mark or a bracket.
 *
 * The result is then linted again, with the ruleset, language and minimum
 * severity that made `f`, and what can now be rewritten is (a rewrite can
 * complete the context another rule needs: "illegal-alien invasion army"
 * becomes "undocumented migrant invasion army", where "invasion" is now
 * about people), round after round until a round has nothing to do, at most
 * FL_FIX_ROUNDS. So fixing the result again changes nothing: fl_fix is
 * idempotent. Which findings a round rewrites is settled when linting (see
 * fl_finding_can_fix and fl_finding_fix_note): of overlapping findings the
 * one around the others is rewritten (on one span, the more severe, then
 * the rule loaded first); findings whose spans cross are left, both of
 * them, unless the words they share end the first one's rewrite and start
 * the second's ("oleada de" + "de ilegales" → "llegada de personas en
 * situación irregular").
 *
 * `applied` (may be NULL) receives the number of rewrites made, over all
 * rounds. `f` must come from linting `doc`, and the ruleset that linted it
 * must still exist. Fails with FL_EINVAL (`doc` or `f` NULL, no
 * `sink.write`, an .odt), FL_ENOMEM, the code the sink's write returned
 * (FL_EIO typically), or, linting a round's result, FL_ELIMIT (the result
 * grew past FL_MAX_DOCUMENT_BYTES) or FL_ERROR (as fl_lint).
 *
 * For a .docx, writes the whole file again (zip bytes) with each rewrite as
 * a tracked change — the old words deleted, the new inserted, author
 * "framelint", dated now, in runs formatted like the original — so the
 * writer accepts or rejects each one in Word or LibreOffice; every other
 * part of the file is copied unchanged. Also fails with FL_ESYNTAX or
 * FL_ELIMIT when the zip cannot be read again or rewritten. For an .odt,
 * fails with FL_EINVAL ("not supported yet") and writes nothing.
 */
FL_EXPORT int fl_fix(size_t *applied, const fl_document *doc, const fl_findings *f,
                     fl_sink sink, fl_error *err);

/**
 * Like fl_fix, but writes a unified diff (3 lines of context, `--- a/PATH`
 * and `+++ b/PATH` headers, or the bare path when it is absolute) of what
 * fl_fix would change, and nothing when it would change nothing. For a
 * .docx it is a diff of the document's text (one paragraph per line), for
 * reading: patch cannot apply it to the file. Fails with FL_EINVAL (`doc`
 * or `f` NULL, no `sink.write`), FL_ENOMEM, the code the sink's write
 * returned (FL_EIO typically), or as fl_fix fails linting a round's result
 * (FL_ELIMIT, FL_ERROR).
 */
FL_EXPORT int fl_fix_diff(size_t *applied, const fl_document *doc,
                          const fl_findings *f, const char *path, fl_sink sink,
                          fl_error *err);

/**
 * Like fl_fix, but for one finding and one of its rewrites: writes `doc` to
 * `sink` with rewrite number `rewrite` (0 is the one fl_fix applies) of
 * finding number `index` applied, and nothing else changed. The finding is
 * rewritten only where fl_fix would rewrite it (fl_finding_can_fix); where
 * it would not, the text is written unchanged. An editor's quick fixes come
 * from here, so every rule about what fl_fix may rewrite holds for them too.
 *
 * `applied` (may be NULL) receives 1 or 0. `f` must come from linting `doc`.
 * Fails with FL_EINVAL (`doc` or `f` NULL, no `sink.write`, an index or
 * rewrite out of range, an .odt), FL_ENOMEM, the code the sink's write
 * returned (FL_EIO typically), or for a .docx FL_ESYNTAX or FL_ELIMIT (as
 * fl_fix). Thread-safe with `doc` and `f` shared. A .docx comes out as
 * fl_fix writes it (the whole file, that one rewrite a tracked change); an
 * .odt is refused as fl_fix refuses it.
 */
FL_EXPORT int fl_fix_finding(size_t *applied, const fl_document *doc,
                             const fl_findings *f, size_t index, size_t rewrite,
                             fl_sink sink, fl_error *err);

/* ------------------------------------------------------------------------ */
/* Reporting                                                                */
/* ------------------------------------------------------------------------ */

/**
 * Output formats; docs/architecture.md and the man page describe each. The
 * values are stable: new formats are only ever appended.
 *
 * The three CI formats, in detail:
 * - FL_REPORT_SARIF: a SARIF 2.1.0 log with one run and `columnKind`
 *   "unicodeCodePoints". Each result has `ruleId`, `ruleIndex`, `level`
 *   (error, warning, or "note" for a suggestion), `message.text` (the
 *   message, then " Rewrite: …" when there are rewrites) and one location:
 *   the path as a relative URI reference (an absolute path as a `file://`
 *   URI), every byte other than RFC 3986's unreserved characters and '/'
 *   percent-encoded, and a region with 1-based start/end line and column
 *   (endColumn one past the last character) plus `byteOffset`/`byteLength`.
 *   A finding for which fl_finding_can_fix is true carries one fix: its
 *   byte span replaced by the first rewrite (where two such spans overlap,
 *   fl_fix applies only one). In a .docx or .odt, whose bytes are a zip,
 *   regions have no byte offsets and results no fixes. `tool.driver.rules` holds one descriptor for
 *   each rule that has a result, in order of first result, and is written
 *   after the results, so the log streams and memory grows only with the
 *   rules seen.
 * - FL_REPORT_CHECKSTYLE: Checkstyle 4.3 XML; one `<file>` per document,
 *   findings or not; `<error line column severity message source>` with
 *   severity error, warning or "info" for a suggestion, message as above and
 *   source "framelint.RULE-ID". Characters XML 1.0 forbids and invalid UTF-8
 *   become U+FFFD; line breaks in values are kept as character references.
 * - FL_REPORT_GITHUB: GitHub Actions workflow commands, one line per finding:
 *   `::warning file=P,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MSG`
 *   (`::error`, or `::notice` for a suggestion; col and endColumn only when
 *   the span is on one line), escaped as GitHub defines. Control characters
 *   and invalid UTF-8 become U+FFFD, since the log viewer reads escapes.
 */
typedef enum fl_report_format {
    FL_REPORT_TEXT = 1,       /**< human: excerpt, underline, rewrite, rule id */
    FL_REPORT_GNU = 2,        /**< path:line:col: severity: message [rule] */
    FL_REPORT_JSON = 3,       /**< one JSON document for the whole run; a file
                                   with notices also lists them under "notices" */
    FL_REPORT_JSONL = 4,      /**< one JSON object per finding per line */
    FL_REPORT_SARIF = 5,      /**< SARIF 2.1.0, for code-scanning services */
    FL_REPORT_CHECKSTYLE = 6, /**< Checkstyle XML, for Jenkins and review bots */
    FL_REPORT_GITHUB = 7,     /**< GitHub Actions annotations */
    /** One self-contained HTML page for people: each file's text with every
     *  finding highlighted by severity, its message, rewrites and rule
     *  beside it; a summary per category and rule at the top; the rules'
     *  explanations one click away. No network; inline CSS; one small
     *  filter script, allowed by the page's Content-Security-Policy, that
     *  reading does not need. Everything from drafts and rule files is
     *  escaped. Memory grows with the rules seen, not the files. */
    FL_REPORT_HTML = 8
} fl_report_format;

/** Parses "text", "gnu", "json", "jsonl", "sarif", "checkstyle", "github",
 *  "html". Returns FL_OK, or FL_EINVAL for any other name (or NULL). */
FL_EXPORT int fl_report_format_parse(fl_report_format *out, const char *name);

typedef struct fl_reporter fl_reporter;

/** Reporter flags. */
#define FL_REPORT_COLOR 1u /**< ANSI colours in the text format */

/**
 * Creates a reporter that writes to `sink`. The caller owns `*out`
 * (fl_reporter_free). Fails with FL_EINVAL (`out` NULL, no `sink.write`, an
 * unknown format) or FL_ENOMEM.
 */
FL_EXPORT int fl_reporter_new(fl_reporter **out, const fl_allocator *alloc,
                              fl_report_format fmt, unsigned flags,
                              fl_sink sink, fl_error *err);

/**
 * Reports one document's findings. `display_path` replaces the document's
 * path in the output when not NULL (stdin is shown as "-" or the
 * --stdin-filename). Reads `doc` only (its line index is built on first
 * use, see fl_document_index), so reporters on several threads may share
 * it. Fails with FL_EINVAL (`r`, `doc` or `f` NULL), FL_ENOMEM, the code
 * the sink's write returned (FL_EIO typically), or FL_ERROR should the C
 * library fail to format a line.
 */
FL_EXPORT int fl_reporter_add(fl_reporter *r, const fl_document *doc,
                              const fl_findings *f, const char *display_path,
                              fl_error *err);

/**
 * fl_reporter_add for one record of a stream (a line of JSONL): `record` is
 * its id (NULL: as fl_reporter_add). json and jsonl give it as a string
 * field "record" (json beside each file entry's "path", jsonl on every
 * finding), sarif as a result's `properties.record`, with no byte-patch
 * fixes (they would point into the record, not the file); the other formats
 * show PATH#RECORD where the path goes. Lines and columns count from the
 * record's text. Fails as fl_reporter_add does: FL_EINVAL, FL_ENOMEM, the
 * sink's code (FL_EIO typically) or FL_ERROR.
 */
FL_EXPORT int fl_reporter_add_record(fl_reporter *r, const fl_document *doc,
                                     const fl_findings *f, const char *display_path,
                                     const char *record, fl_error *err);

/**
 * Counts `n` more files the caller passed over without linting them (in
 * folders: files that are not drafts it reads, a PDF or an image). The text
 * format's summary says how many ("; 2 other files skipped"), also when
 * there are no findings. Ignored by other formats. NULL is a no-op.
 */
FL_EXPORT void fl_reporter_skipped(fl_reporter *r, size_t n);

/** Writes what the format needs at the end: JSON's and SARIF's closing
 *  brackets (SARIF's rule descriptors too), Checkstyle's closing tag, the
 *  text format's summary, the HTML page's summary and rules. Call it once,
 *  after the last fl_reporter_add. Fails with FL_EINVAL (`r` NULL),
 *  FL_ENOMEM or the code the sink's write returned (FL_EIO typically). */
FL_EXPORT int fl_reporter_finish(fl_reporter *r, fl_error *err);

/** Frees the reporter. NULL is a no-op. */
FL_EXPORT void fl_reporter_free(fl_reporter *r);

/* ------------------------------------------------------------------------ */
/* Configuration files                                                      */
/* ------------------------------------------------------------------------ */

typedef struct fl_config fl_config;

/**
 * Parses a `.framelint.yml` held in memory. `path` names it in errors and
 * anchors relative paths inside it (rule files). Fails like rule files:
 * with FL_ESYNTAX, FL_ESCHEMA, FL_ELIMIT (also an ignore glob over 1024
 * bytes) or FL_ENOMEM, with path:line:column; or FL_EINVAL (`out` NULL,
 * `data` NULL with a length).
 * The caller owns `*out` (fl_config_free).
 */
FL_EXPORT int fl_config_parse(fl_config **out, const fl_allocator *alloc,
                              const char *path, const char *data, size_t len,
                              fl_error *err);

/** Reads and parses a config file. Fails as fl_config_parse does
 *  (FL_EINVAL, FL_ESYNTAX, FL_ESCHEMA, FL_ELIMIT, FL_ENOMEM), with
 *  FL_ELIMIT for a file over 16 MiB, and with FL_EIO when it cannot be
 *  opened or read. */
FL_EXPORT int fl_config_load(fl_config **out, const fl_allocator *alloc,
                             const char *path, fl_error *err);

/** Frees a config. NULL is a no-op. */
FL_EXPORT void fl_config_free(fl_config *cfg);

/**
 * Applies a config to an uncompiled ruleset: adds its rule files (resolved
 * against the config's folder), then its severity settings and allowed words,
 * in file order. Errors name the config file, line and column, or, for an
 * error inside a rule file, that file; `err->path` then borrows from `cfg`
 * or `rs` and stays valid until the first of them is freed.
 * Fails with FL_EINVAL (`cfg` or `rs` NULL, `rs` already compiled, a
 * `rules:` entry that names no rule, ruleset or category, an empty allowed
 * word or name), FL_EIO (a rule file that cannot be read), what a rule
 * file can fail with (FL_ESYNTAX, FL_ESCHEMA, FL_EREGEX, FL_ELIMIT), or
 * FL_ENOMEM.
 */
FL_EXPORT int fl_config_apply(const fl_config *cfg, fl_ruleset *rs,
                              fl_error *err);

/** The config's `language:` ("" when unset). Borrowed. */
FL_EXPORT const char *fl_config_language(const fl_config *cfg);

/** The config's `fail-on:` severity, or FL_SEVERITY_OFF when unset. */
FL_EXPORT fl_severity fl_config_fail_on(const fl_config *cfg);

/** Nonzero if `path` (relative to the config's folder, '/'-separated)
 *  matches one of the config's `ignore:` globs. */
FL_EXPORT int fl_config_ignores(const fl_config *cfg, const char *path);

/** The folder the config file lives in (borrowed), "." for a bare name. */
FL_EXPORT const char *fl_config_dir(const fl_config *cfg);

/** Zero if the config says `default-rules: false`, else nonzero. */
FL_EXPORT int fl_config_default_rules(const fl_config *cfg);

#ifdef __cplusplus
}
#endif

#endif /* FRAMELINT_H */

/*
 * cli: the framelint command's own modules — file walking, reading, config
 * discovery and terminal handling. Only the command talks to the outside
 * world (stdout, stderr, exit codes, the environment); the library computes.
 */
#ifndef FL_CLI_H
#define FL_CLI_H

#include <stddef.h>

#include "framelint/framelint.h"

/* Exit codes. */
enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

/* A failure already printed where it happened: callers count it and go on. */
#define CLI_ERROR_REPORTED (-100)

/** --color: auto (a terminal, NO_COLOR unset), always or never. */
typedef enum cli_color { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER } cli_color;

/* --- output.c ------------------------------------------------------------- */

/* stdout, with the reason (an errno value) of its first failed write; 0
 * while every write has succeeded. Initialise with {0}. */
typedef struct cli_out {
    int errnum;
} cli_out;

/** An fl_sink write function (payload: a cli_out): writes to stdout.
 *  FL_EIO once any write has failed; nothing is written after that. */
int cli_out_write(void *payload, const char *data, size_t len);

/** printf to stdout, failing like cli_out_write. */
int cli_out_printf(cli_out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/** Nonzero once a write has failed: stop producing output. */
int cli_out_failed(const cli_out *o);

/**
 * Flushes and closes stdout; call it once, last. If any write, the flush
 * or the close failed, prints one message to stderr and returns -1: the
 * caller exits with EXIT_TROUBLE. Returns 0 otherwise.
 */
int cli_out_close(cli_out *o);

/* --- options.c ------------------------------------------------------------ */

/* What the command line asked for. */
typedef struct cli_options {
    fl_report_format format;
    const char *stdin_filename;
    const char **rules;
    size_t nrules;
    int no_default_rules;
    int no_config;
    const char *config;
    fl_severity fail_on;
    int fail_on_given;
    const char *language;   /* NULL, or points into language_buf */
    char language_buf[16];
    int list_rules;
    const char *explain;
    cli_color color;
    int fix;
    int diff;
    int help, version;      /* print that, and exit */
    int first_path;         /* argv index of the first path */
} cli_options;

/**
 * Parses the command line into `o` (o->rules is malloc'd: free it). Returns
 * -1 to go on, or the exit code to leave with (help and version, with
 * o->help or o->version set for cli_print_help, or bad usage).
 */
int cli_parse_args(cli_options *o, int argc, char **argv);

/** Prints what --help or --version asked for; FL_EIO if writing failed. */
int cli_print_help(const cli_options *o, cli_out *out);

/** Prints a usage error with the --help hint; returns EXIT_TROUBLE. */
int cli_usage_error(const char *message);

/** Says "out of memory" on stderr; returns EXIT_TROUBLE. Every failed
 *  allocation in the command ends the run through it, never in silence. */
int cli_no_memory(void);

/* --- info.c --------------------------------------------------------------- */

/** --list-rules: one row per rule. FL_EIO if writing failed. */
int cli_print_rules(const fl_ruleset *rs, cli_out *out);

/** --explain: a rule's explanation, examples and guidance; an exit code. */
int cli_explain(const fl_ruleset *rs, const char *id, cli_out *out);

/* --- walk.c -------------------------------------------------------------- */

/** Called for every file to lint. `named` is nonzero for a path the user
 *  gave (linted whatever its extension); `root` is the argument it came
 *  from. Returns 0 to go on, negative to stop the walk. */
typedef int (*cli_file_fn)(void *payload, const char *path, int named);

/**
 * Visits `path`: the file itself, or every `.md .markdown .txt .html .htm
 * .docx .docm .odt` file below a folder (in any case, `.MD` too), in sorted
 * order, skipping hidden entries and never following symbolic links to
 * folders. Other visible files in folders are counted in *skipped, so the
 * summary can say they were not checked. Problems (an unreadable folder)
 * are reported to stderr and counted in *troubles; the walk goes on.
 */
int cli_walk(const char *path, cli_file_fn fn, void *payload, int *troubles,
             size_t *skipped);

/** What reading a file found. */
typedef enum cli_read_status {
    CLI_READ_OK = 0,
    CLI_READ_BINARY = 1, /* a NUL byte in the first 8 KiB: skipped, like grep */
    CLI_READ_ERROR = -1
} cli_read_status;

/**
 * Reads a whole file (or stdin when path is "-") into a malloc'd buffer
 * (*data, freed with free), also when it looks binary (a UTF-16 draft does).
 * On CLI_READ_ERROR, `why` holds the reason.
 */
cli_read_status cli_read(const char *path, char **data, size_t *len, char *why,
                         size_t why_size);

/** Whether text looks binary: a NUL byte in its first 8 KiB. */
int cli_looks_binary(const char *data, size_t len);

/** What kind of file `data` is by its first bytes, when it is one that is
 *  never a draft ("a PDF", "a PNG image", "a zip archive"…); NULL for
 *  anything else. A PDF can be free of NUL bytes, and is still no draft. */
const char *cli_file_kind(const char *data, size_t len);

/**
 * Finds the `.framelint.yml` that governs `path`: in the file's folder or the
 * nearest folder above it. Writes its path to `out` and returns 1, or
 * returns 0 if there is none, with errno 0, or when out of memory, with
 * errno ENOMEM (so that a caller that takes any 0 as "no config" still
 * reads only a path that was found).
 */
int cli_find_config(const char *path, char *out, size_t size);

/**
 * Writes `path` relative to the folder `dir` into `out` ("sub/a.md") and
 * returns 1, or returns 0 when the file does not lie in or below `dir`, -1
 * when out of memory.
 * Either may be relative to the working folder or absolute.
 */
int cli_relative_path(const char *path, const char *dir, char *out, size_t size);

/* --- encoding.c ---------------------------------------------------------- */

/** What a draft's bytes are, from its byte-order mark: UTF-8 without one. */
typedef enum cli_encoding {
    CLI_UTF8, CLI_UTF16LE, CLI_UTF16BE, CLI_UTF32LE, CLI_UTF32BE
} cli_encoding;

/** The encoding a UTF-16 or UTF-32 byte-order mark at the start announces;
 *  CLI_UTF8 for anything else (a UTF-8 mark included). */
cli_encoding cli_sniff_bom(const char *data, size_t len);

/** "UTF-16LE" and so on; static. */
const char *cli_encoding_name(cli_encoding enc);

/**
 * Decodes `len` bytes of `enc`, byte-order mark first, into malloc'd UTF-8
 * without the mark (*out, freed with free). A code unit that is not text
 * (an unpaired surrogate, a value past U+10FFFF, a cut-off unit) becomes
 * U+FFFD and *lossless is set to 0: encoding the result back would not give
 * the same bytes. Code points, and so lines and columns, are those of the
 * original. FL_ENOMEM on failure.
 */
int cli_decode(cli_encoding enc, const char *data, size_t len, char **out, size_t *out_len,
               int *lossless);

/**
 * Encodes UTF-8 `text` as `enc`, with its byte-order mark, into a malloc'd
 * buffer (*out, freed with free). FL_EUTF8 if `text` is not valid UTF-8,
 * FL_ENOMEM on failure.
 */
int cli_encode(cli_encoding enc, const char *text, size_t len, char **out, size_t *out_len);

/* --- color.c ------------------------------------------------------------- */


/** Parses "auto", "always", "never"; returns -1 for anything else. */
int cli_color_parse(const char *name);

/** Whether to colour stdout: --color, then NO_COLOR, then TERM and isatty. */
int cli_use_color(cli_color choice);

/** Whether stdin is a terminal (then no path means "print usage"). */
int cli_stdin_is_tty(void);


/* --- replace.c ----------------------------------------------------------- */

/**
 * Replaces the file at `path` (or the file a symbolic link points to) with
 * `len` bytes of `data`, atomically: a locked temporary file in the same
 * folder (".NAME.framelint-tmp"; one left by a killed run is removed), the
 * original's permission bits (and owner where allowed), fsync, then rename,
 * with SIGTERM, SIGINT, SIGHUP and SIGQUIT held meanwhile. Refuses, leaving
 * the file alone, if the user may not write it, or if it no longer matches
 * `before` (size, modification time, inode): someone changed it while it
 * was being linted. Returns 0, or -1 with the reason in `why`.
 */
struct stat;
int cli_replace_file(const char *path, const struct stat *before, const char *data,
                     size_t len, char *why, size_t why_size);

/* --- diffpath.c ---------------------------------------------------------- */

/**
 * The name --diff gives the file at `path`, as git and patch -p1 want it
 * from the current folder: relative to it, with no "./" or "." segments and
 * no doubled slashes ("./drafts//a.md" → "drafts/a.md"); an absolute path
 * inside the current folder made relative too. git apply in a sub-folder of
 * a repository reads such a path from that folder, as patch does. A file
 * outside the current folder keeps an absolute path (the library writes it
 * without a/ and b/), since "../" is a path neither tool applies. Writes
 * the name to `out` (size `size`); returns 0, or -1 if it does not fit or
 * the current folder cannot be read (then `out` is `path` as given, or
 * empty if that does not fit either).
 */
int cli_diff_path(const char *path, char *out, size_t size);

#endif

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

/** Where a record's parts are: --text-field, --id-field, the date field
 *  (NULL: not read). */
typedef struct cli_record_fields {
    const char *text, *id, *date;
} cli_record_fields;

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
    unsigned jobs;          /* -j: files linted at once (default: the cores) */
    int jsonl_input;        /* --input jsonl: paths are streams of records */
    int stats;              /* framelint stats: a table of rates, not findings */
    int stats_by;           /* stats --by: a cli_stats_by */
    int stats_format;       /* stats --format: a cli_stats_format */
    cli_record_fields fields; /* --text-field, --id-field, --date-field */
    int first_path;         /* argv index of the first path */
} cli_options;

/**
 * Parses the command line into `o` (o->rules is malloc'd: free it); with
 * `stats`, that of `framelint stats` (argv[0] is then "stats"). Returns -1
 * to go on, or the exit code to leave with (help and version, with o->help
 * or o->version set for cli_print_help, or bad usage).
 */
int cli_parse_args(cli_options *o, int argc, char **argv, int stats);

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

/** What a walk calls: `file` for every file to lint (`named` is nonzero for
 *  a path the user gave, linted whatever its extension), `problem` for a
 *  path that cannot be visited ("PATH: why", to say on stderr after
 *  "framelint: " and count as trouble). Each returns 0 to go on, negative
 *  to stop the walk. */
typedef struct cli_walker {
    int (*file)(void *payload, const char *path, int named);
    int (*problem)(void *payload, const char *message);
    void *payload;
    size_t *skipped;   /* counts files in folders that are not drafts (a PDF, an image) */
} cli_walker;

/**
 * Visits `path`: the file itself, or every `.md .markdown .txt .html .htm
 * .docx .docm .odt` file below a folder (in any case, `.MD` too), in sorted
 * order, skipping hidden entries and never following symbolic links to
 * folders. Other visible files in folders are counted in w->skipped, so the
 * summary can say they were not checked. A path that cannot be visited (an
 * unreadable folder) goes to w->problem and the walk goes on. Returns 0, or
 * negative when stopped.
 */
int cli_walk(const char *path, const cli_walker *w);

struct stat;

/** What reading a file found. */
typedef enum cli_read_status {
    CLI_READ_OK = 0,
    CLI_READ_BINARY = 1, /* a NUL byte in the first 8 KiB: skipped, like grep */
    CLI_READ_ERROR = -1
} cli_read_status;

/**
 * Reads a whole file (or stdin when path is "-") into a malloc'd buffer
 * (*data, freed with free), also when it looks binary (a UTF-16 draft does).
 * `*st` receives the file's status as opened (what --fix compares before it
 * writes); zeroed for stdin. On CLI_READ_ERROR, `why` holds the reason.
 */
cli_read_status cli_read(const char *path, char **data, size_t *len, struct stat *st,
                         char *why, size_t why_size);

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

/** cli_find_config in two steps, for a caller that lints many files of one
 *  folder and looks the folder up once: the folder to start from (the path
 *  itself if it is a folder, else the part before its last '/', else "."),
 *  malloc'd, or NULL when out of memory; then the search from it, with
 *  cli_find_config's results. */
char *cli_config_folder(const char *path);
int cli_find_config_in(const char *folder, char *out, size_t size);

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


/* --- profiles.c ---------------------------------------------------------- */

/** A config file that governs some drafts (path NULL: none), loaded once. */
typedef struct cli_settings {
    char *path;
    fl_config *config;  /* NULL when there is no file */
    int failed;         /* the file does not load; err says why */
    fl_error err;
} cli_settings;

/* The configs found and the rulesets compiled for them. */
typedef struct cli_profiles cli_profiles;

/** Fills an fl_error for a problem the command itself found; returns code. */
int cli_set_error(fl_error *err, int code, const char *message);

/** An empty cache for the options `o` (borrowed); -1 when out of memory. */
int cli_profiles_new(cli_profiles **out, const cli_options *o);

/** Frees every config and ruleset. NULL is a no-op. */
void cli_profiles_free(cli_profiles *c);

/**
 * The config that governs `path` (--config, else the nearest .framelint.yml,
 * unless --no-config), loaded on first use. NULL when it does not load, or
 * when out of memory: `err` says why (its path borrowed from `c`). Only one
 * thread may call it.
 */
const cli_settings *cli_settings_for(cli_profiles *c, const char *path, fl_error *err);

/**
 * The compiled ruleset for the config `s` and `language` (NULL: every
 * language; else only that language's built-in rules are parsed, so start-up
 * stays short), built on first use. NULL when it cannot be built, or checks
 * nothing (no rules; none for --lang or the config's language): `err` says
 * why, every time. Thread-safe: lint threads share the result.
 */
const fl_ruleset *cli_ruleset_for(cli_profiles *c, const cli_settings *s, const char *language,
                                  fl_error *err);

/* --- heap.c -------------------------------------------------------------- */

/* One region that rulesets are built in, so that start-up's first writes
 * fault in one huge page instead of ~150 small ones (heap.c says why). */
typedef struct cli_heap cli_heap;

/** A region of `size` bytes, rounded up to 2 MiB; NULL when out of memory
 *  (callers then use malloc: a NULL allocator). */
cli_heap *cli_heap_new(size_t size);

/** The allocator that hands out the region, then malloc's memory once it
 *  is full; any thread may use it. NULL for a NULL heap. The heap must
 *  outlive everything allocated with it. */
const fl_allocator *cli_heap_allocator(const cli_heap *h);

/** Bytes of the region handed out so far (tests). */
size_t cli_heap_used(const cli_heap *h);

/** Unmaps the region. NULL is a no-op. */
void cli_heap_free(cli_heap *h);

/* --- pool.c -------------------------------------------------------------- */

/** The cores this process may run on (its CPU affinity), at least 1. */
unsigned cli_cores(void);

/* Work done on a pool thread for one job; it must not print. */
typedef void (*cli_work_fn)(void *job);
/* Called on the submitting thread for each job, in submission order, once its
 * work is over; it reports and frees the job. Negative stops the run. */
typedef int (*cli_done_fn)(void *payload, void *job);

typedef struct cli_pool cli_pool;

/**
 * A pool of `threads` threads (with 0 or 1, jobs are worked and handed back
 * at once on the caller's thread, as -j 1 means). Threads are started with
 * the second job, so a run over one file starts none. At most two jobs per
 * thread are in flight: memory does not grow with the number of files.
 * Returns 0, or -1 when out of memory.
 */
int cli_pool_new(cli_pool **out, unsigned threads, cli_work_fn work, cli_done_fn done,
                 void *payload);

/**
 * Queues a job, first handing back (through `done`) the oldest ones while
 * the pool is full. Returns 0, or the negative value a `done` returned:
 * then the job is handed to `done` at once, for it to free.
 */
int cli_pool_submit(cli_pool *p, void *job);

/** Hands back every job still in flight, in order. Returns 0 or the first
 *  negative value a `done` returned. */
int cli_pool_drain(cli_pool *p);

/** Drains, stops the threads and frees the pool. NULL is a no-op. */
void cli_pool_free(cli_pool *p);

/* --- records.c ----------------------------------------------------------- */

/** One record of a JSONL stream, every field malloc'd (cli_record_free). */
typedef struct cli_record {
    char *id;          /* the id field as text; the line number without one */
    char *text;        /* the text field, UTF-8 as JSON decoded it */
    size_t len;
    char *date;        /* the date field as text, or NULL */
    fl_format format;  /* its "format" field; FL_FORMAT_AUTO when it has none */
    size_t line;       /* its line number in the stream, from 1 */
} cli_record;

void cli_record_free(cli_record *rec);

/** What cli_records_read calls, in stream order. `record` owns `rec` (it
 *  frees it, also when stopping); `bad_line` gets a line that is no record
 *  (not JSON, not an object, no string text field, an unknown format) and
 *  why. Each returns 0 to go on, negative to stop. */
typedef struct cli_record_reader {
    int (*record)(void *payload, cli_record *rec);
    int (*bad_line)(void *payload, size_t line, const char *why);
    void *payload;
} cli_record_reader;

enum { CLI_RECORDS_UNREADABLE = -2, CLI_RECORDS_NO_MEMORY = -3 };

/**
 * Reads the JSONL stream at `path` ("-": stdin) a line at a time, so memory
 * holds one line, not the stream; blank lines are skipped. Returns 0 at its
 * end, the negative value a callback stopped with, CLI_RECORDS_NO_MEMORY,
 * or CLI_RECORDS_UNREADABLE with `why` filled (it cannot be opened or read).
 */
int cli_records_read(const char *path, const cli_record_fields *fields,
                     const cli_record_reader *reader, char *why, size_t why_size);

/* --- stats.c ------------------------------------------------------------- */

/** framelint stats --by: one period for everything, or a calendar period. */
typedef enum cli_stats_by {
    CLI_STATS_ALL, CLI_STATS_DAY, CLI_STATS_WEEK, CLI_STATS_MONTH, CLI_STATS_YEAR
} cli_stats_by;

/** framelint stats --format. */
typedef enum cli_stats_format {
    CLI_STATS_TEXT, CLI_STATS_CSV, CLI_STATS_JSON, CLI_STATS_SVG
} cli_stats_format;

/* Counts of documents, words and findings per period, category and rule. */
typedef struct cli_stats cli_stats;

/** An empty table; -1 when out of memory. */
int cli_stats_new(cli_stats **out, cli_stats_by by);

void cli_stats_free(cli_stats *s);

/**
 * The period `date` ("YYYY-MM-DD", perhaps with a time after a 'T' or a
 * space) falls in: "2025", "2025-01", ISO week "2025-W02", "2025-01-31",
 * or "all" when `by` is CLI_STATS_ALL. A missing or impossible date gives
 * "undated" and -1. `size` of 16 is enough.
 */
int cli_stats_period(cli_stats_by by, const char *date, char *out, size_t size);

/** Counts one linted document dated `date` (NULL: none). -1 when out of memory. */
int cli_stats_add(cli_stats *s, const char *date, const fl_findings *f);

/**
 * Prints the table, periods in order ("undated" last), categories and rules
 * in name order. Rates are findings per 10,000 words, to two decimals.
 * FL_EIO when writing failed, FL_ENOMEM.
 */
int cli_stats_print(cli_stats *s, cli_stats_format fmt, cli_out *o);

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

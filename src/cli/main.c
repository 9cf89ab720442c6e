/*
 * framelint: the command. Parses arguments, builds one ruleset per config
 * file, lints each file and reports; decides the exit code. It contains no
 * linting logic and includes only the public header.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "lsp_main.h"

typedef struct run {
    const cli_options *opt;
    cli_profiles *profiles;
    cli_pool *pool;
    fl_reporter *reporter; /* NULL for stats */
    cli_stats *stats;      /* framelint stats: what is counted instead */
    cli_out *out;      /* stdout */
    int failed;   /* a finding at or above its file's fail-on level */
    int troubles;
    int stop;
    /* Regex steps the whole run may still spend (framelint.h): a hostile
     * pattern over many files costs bounded time, not per file. */
    unsigned long long regex_budget;
} run;

static void print_error(const fl_error *err)
{
    char msg[512];
    fl_error_format(err, msg, sizeof msg);
    fprintf(stderr, "framelint: %s\n", msg);
}

/* --- linting one file --------------------------------------------------------- */

static void print_notices(const fl_document *doc, const fl_findings *f, const char *path,
                          const char *record)
{
    for (size_t i = 0; i < fl_findings_notice_count(f); i++) {
        size_t off = 0;
        const char *msg = fl_findings_notice(f, i, &off);
        fl_position p = {1, 1, 0, 0};
        fl_document_position(&p, doc, off);
        fprintf(stderr, "%s%s%s:%u:%u: notice: %s\n", path, record ? "#" : "",
                record ? record : "", p.line, p.column, msg);
    }
}

/* --lang, then the config's language, then what the document declares,
 * then English. */
static const char *language_for(const run *r, const cli_settings *s, const fl_document *doc)
{
    if (r->opt->language)
        return r->opt->language;
    if (s->config && fl_config_language(s->config)[0])
        return fl_config_language(s->config);
    if (fl_document_language(doc)[0])
        return fl_document_language(doc);
    return "en";
}

/* A sink that keeps the fixed text in memory. */
typedef struct text_buffer {
    char *data;
    size_t len, cap;
} text_buffer;

static int write_buffer(void *payload, const char *data, size_t len)
{
    text_buffer *b = payload;
    if (b->len + len > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + len)
            cap *= 2;
        char *grown = realloc(b->data, cap);
        if (!grown)
            return FL_ENOMEM;
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
    return FL_OK;
}

/* lint_text could not get a ruleset: `err` says why, and the run stops. */
#define NO_RULESET (-101)

/* One document linted: what the rest of the run needs from it. */
typedef struct linted {
    fl_document *doc;
    fl_findings *f;
} linted;

/* With `take` pointing at the malloc'd buffer that holds `data`, the
 * document takes the buffer instead of copying it (and *take becomes NULL):
 * the copy was an instruction a byte of every draft, and the draft is held
 * once, not twice. */
static int lint_text(run *r, const cli_settings *s, const char *path, const char *data,
                     size_t len, fl_format format, unsigned long long *regex_budget,
                     linted *out, fl_error *err, char **take)
{
    int error;
    if (take && *take && *take == data) {
        error = fl_document_adopt(&out->doc, NULL, path, *take, len, format, err);
        if (error == 0)
            *take = NULL;
    } else {
        error = fl_document_new(&out->doc, NULL, path, data, len, format, err);
    }
    if (error < 0)
        return error;
    fl_lint_options lo = FL_LINT_OPTIONS_INIT;
    lo.language = language_for(r, s, out->doc);
    lo.regex_budget = regex_budget;
    const fl_ruleset *rs = cli_ruleset_for(r->profiles, s, lo.language, err);
    if (!rs)
        return NO_RULESET;
    return fl_lint(&out->f, rs, out->doc, &lo, err);
}

static void linted_free(linted *l)
{
    fl_findings_free(l->f);
    fl_document_free(l->doc);
    l->f = NULL;
    l->doc = NULL;
}

/* One draft as read: where it came from, the UTF-8 text to lint, and what
 * --fix needs to write it back as it was. */
typedef struct input {
    const char *name;     /* its config, format and file: --stdin-filename or path */
    const char *shown;    /* in reports: "-" for unnamed stdin */
    int is_stdin;
    const struct stat *before; /* what --fix checks the file against */
    const char *raw;      /* the bytes as read */
    size_t raw_len;
    const char *text;     /* UTF-8: raw, or raw decoded */
    size_t len;
    cli_encoding enc;     /* of raw */
    int lossless;         /* encoding text back as enc gives raw */
    const char *record;   /* --input jsonl: the record's id; else NULL */
    const char *date;     /* stats: the record's or front matter's date, or NULL */
    fl_format format;     /* FL_FORMAT_AUTO: from the name */
    const char *kind;     /* "a PDF"…: a file that is never a draft, or NULL */
} input;

/* The bytes --fix writes: the fixed text in the draft's own encoding, or
 * the input itself when nothing changed. *owned is what to free. A draft
 * whose decoding replaced bytes cannot be written back without changing
 * them: an error, and on stdin the input goes out unchanged. */
static int encode_back(const input *in, const text_buffer *fixed, size_t applied,
                       char **owned, const char **bytes, size_t *len, fl_error *err)
{
    char msg[160];
    *owned = NULL;
    *bytes = in->raw;
    *len = in->raw_len;
    if (in->enc == CLI_UTF8) {
        *bytes = fixed->data;
        *len = fixed->len;
        return FL_OK;
    }
    if (!applied)
        return FL_OK;
    if (!in->lossless) {
        snprintf(msg, sizeof msg, "not rewritten: its %s holds code units that are not "
                 "text (read as U+FFFD), which writing it back would change",
                 cli_encoding_name(in->enc));
        return cli_set_error(err, FL_EUTF8, msg);
    }
    int error = cli_encode(in->enc, fixed->data, fixed->len, owned, len);
    *bytes = *owned;
    if (error == FL_ENOMEM)
        return cli_set_error(err, error, "out of memory");
    if (error < 0)
        return cli_set_error(err, error, "not rewritten: the fixed text is not valid UTF-8");
    return FL_OK;
}

/* --fix: rewrite, write back (or print, for stdin), and lint the result,
 * so what is reported and counted is what is left to do. */
static int fix(run *r, const cli_settings *s, const input *in, linted *l, fl_error *err)
{
    text_buffer fixed = {NULL, 0, 0};
    size_t applied = 0, nbytes = 0;
    char *owned = NULL, why[256] = "";
    const char *bytes = NULL;
    fl_sink sink = {write_buffer, &fixed};
    int error = fl_fix(&applied, l->doc, l->f, sink, err);
    if (error == 0)
        error = encode_back(in, &fixed, applied, &owned, &bytes, &nbytes, err);
    if (in->is_stdin && bytes && cli_out_write(r->out, bytes, nbytes) < 0 && error == 0)
        error = FL_EIO;
    if (error == 0 && !in->is_stdin && applied &&
        cli_replace_file(in->name, in->before, bytes, nbytes, why, sizeof why) < 0)
        error = cli_set_error(err, FL_EIO, why);
    if (error == 0 && applied) {
        if (!in->is_stdin)
            fprintf(stderr, "framelint: %s: %zu rewrite%s applied%s\n", in->shown, applied,
                    applied == 1 ? "" : "s", fl_document_format(l->doc) == FL_FORMAT_DOCX
                    ? " as tracked changes" : "");
        linted_free(l);
        error = lint_text(r, s, in->name, fixed.data, fixed.len, FL_FORMAT_AUTO,
                          &r->regex_budget, l, err, NULL);
    }
    /* stdout holds the text, so what is left to do goes to stderr, briefly. */
    size_t left = error == 0 && in->is_stdin ? fl_findings_count(l->f) : 0;
    if (left)
        fprintf(stderr, "framelint: %s: %zu finding%s left that --fix cannot rewrite; "
                "run without --fix to see %s\n", in->shown, left, left == 1 ? "" : "s",
                left == 1 ? "it" : "them");
    free(owned);
    free(fixed.data);
    return error;
}

static fl_severity fail_level(const run *r, const cli_settings *s)
{
    if (!r->opt->fail_on_given && s->config && fl_config_fail_on(s->config))
        return fl_config_fail_on(s->config);
    return r->opt->fail_on;
}

/* Says why a draft could not be linted, or that no ruleset could be built
 * (which ends the run: every draft after it would fail alike). */
static void report_error(run *r, const input *in, int error, fl_error *err)
{
    /* stdout failing is said once, when it is closed, and ends the run:
     * nothing more can be reported. */
    if (cli_out_failed(r->out)) {
        r->stop = 1;
    } else if (error == NO_RULESET) {
        print_error(err);
        r->stop = 1;
    } else if (error < 0 && in->record) {
        char msg[512];
        fl_error_format(err, msg, sizeof msg);
        fprintf(stderr, "framelint: %s#%s: %s\n", in->shown, in->record, msg);
    } else if (error < 0) {
        err->path = in->shown;
        print_error(err);
    }
    r->troubles += error < 0;
}

/* Everything after fl_lint, on the main thread and in input order: notices,
 * --fix, the report, and the exit status. `error` is what linting gave. */
static void finish_lint(run *r, const cli_settings *s, const input *in, linted *l, int error,
                        fl_error *err)
{
    if (error == 0)
        print_notices(l->doc, l->f, in->shown, in->record);
    if (error == 0 && r->opt->stats) {
        if (cli_stats_add(r->stats, in->date, l->f) < 0) {
            r->stop = 1;
            cli_no_memory();
        }
        report_error(r, in, error, err);
        return;
    }
    if (error == 0 && r->opt->fix)
        error = fix(r, s, in, l, err);
    if (error == 0 && r->opt->diff) {
        fl_sink out = {cli_out_write, r->out};
        char name[4096];
        /* named as git apply and patch -p1 want it, from where we run */
        if (cli_diff_path(in->shown, name, sizeof name) < 0)
            snprintf(name, sizeof name, "%s", in->shown);
        error = fl_fix_diff(NULL, l->doc, l->f, name, out, err);
    } else if (error == 0 && !(r->opt->fix && in->is_stdin)) {
        error = fl_reporter_add_record(r->reporter, l->doc, l->f, in->shown, in->record, err);
    }
    fl_severity fail_on = fail_level(r, s);
    for (size_t i = 0; error == 0 && i < fl_findings_count(l->f); i++)
        r->failed |= fl_finding_severity(fl_findings_at(l->f, i)) >= fail_on;
    report_error(r, in, error, err);
}

/* A draft that looks binary is skipped, as grep and ripgrep skip it, and so
 * is a file that is never a draft (a PDF, an image), named with what it is.
 * Said on stderr, and counted in the summary; the exit status stays as the
 * findings make it, so a hook that passes every staged file keeps working. */
static void skip_binary(run *r, const input *in)
{
    /* --fix on stdin promises the text on stdout, and a pipeline may
     * replace the file with it: what is not checked goes through whole. */
    int pass_through = r->opt->fix && in->is_stdin;
    if (in->kind)
        fprintf(stderr, "framelint: %s: skipped: %s, not a draft framelint reads (plain "
                "text, Markdown, HTML, .docx, .odt)%s\n", in->name, in->kind,
                pass_through ? "; printed unchanged" : "");
    else
        fprintf(stderr, "framelint: %s: skipped: binary file (contains NUL bytes)%s\n",
                in->name, pass_through ? "; printed unchanged" : "");
    fl_reporter_skipped(r->reporter, 1);
    if (pass_through && cli_out_write(r->out, in->raw, in->raw_len) < 0)
        r->stop = 1;
}

/* Word and OpenDocument files are zips: binary, and read all the same. */
static int is_package(const char *name)
{
    fl_format fmt = fl_format_from_path(name);
    return fmt == FL_FORMAT_DOCX || fmt == FL_FORMAT_ODT;
}

/* --- jobs: read and lint on a pool thread, report on the main one ------------------ */

typedef enum job_kind {
    JOB_FILE,     /* a draft to lint */
    JOB_PROBLEM,  /* a path the walk could not visit: say it */
    JOB_CONFIG,   /* the draft's config does not load: say it, and stop */
    JOB_RECORD,   /* a record of a JSONL stream to lint */
    JOB_BAD_LINE  /* a line of a stream that is no record: a notice */
} job_kind;

/* One file's way through the run. The main thread fills the first part;
 * a pool thread reads and lints (and never prints); the main thread then
 * reports, in input order, and frees it. */
typedef struct job {
    job_kind kind;
    run *r;
    char *path;                /* JOB_FILE, JOB_RECORD: owned; JOB_PROBLEM, JOB_BAD_LINE:
                                  the message */
    cli_record *rec;           /* JOB_RECORD */
    const cli_settings *s;
    fl_error err;              /* JOB_CONFIG: why; JOB_FILE: why it failed */
    /* from the pool thread */
    struct stat before;
    cli_read_status st;
    char why[256];             /* st == CLI_READ_ERROR: the reason */
    char *data, *decoded;
    int no_memory;             /* decoding ran out of memory */
    int binary;
    input in;
    linted l;
    int adopted;               /* l.doc took `data`: in.raw and in.text point into it */
    fl_document *held;         /* that document, when settle_budget linted again */
    int error;                 /* from lint_text */
    int linted;                /* lint_text ran */
    unsigned long long regex_left; /* the job's own regex budget (settle_budget) */
    char date[40];             /* stats: a Markdown file's front-matter date */
} job;

static void job_free(job *j)
{
    linted_free(&j->l);
    fl_document_free(j->held);
    free(j->decoded);
    free(j->data);
    free(j->path);
    cli_record_free(j->rec);
    free(j);
}

/* Reads the draft: stat (for --fix), the bytes, a UTF-16 or UTF-32 draft
 * decoded. Returns 0 to lint it, -1 if there is nothing to lint. */
static int read_draft(job *j)
{
    input *in = &j->in;
    size_t len = 0;
    j->st = cli_read(j->path, &j->data, &len, &j->before, j->why, sizeof j->why);
    if (j->st == CLI_READ_ERROR)
        return -1;
    in->before = &j->before;
    in->raw = in->text = j->data;
    in->raw_len = in->len = len;
    in->enc = cli_sniff_bom(in->raw, in->raw_len);
    in->lossless = 1;
    in->kind = is_package(in->name) ? NULL : cli_file_kind(in->raw, in->raw_len);
    j->binary = (j->st == CLI_READ_BINARY && !is_package(in->name)) || in->kind;
    if (in->enc != CLI_UTF8 &&
        cli_decode(in->enc, in->raw, in->raw_len, &j->decoded, &in->len, &in->lossless) < 0) {
        j->no_memory = 1;
        return -1;
    }
    if (j->decoded) {
        in->text = j->decoded;
        j->binary = cli_looks_binary(j->decoded, in->len);
    }
    return j->binary ? -1 : 0;
}

/* A Markdown file's date, from the `date:` line of the front matter that
 * opens it ("---" to "---" or "..."), quotes taken off. Empty without one. */
static void front_matter_date(const char *text, size_t len, char *out, size_t size)
{
    const char *end = text + len, *p = text;
    out[0] = '\0';
    if (len < 4 || memcmp(text, "---", 3) || (text[3] != '\n' && text[3] != '\r'))
        return;
    p = memchr(p, '\n', (size_t)(end - p));
    while (p && ++p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        size_t n = (size_t)(eol - p);
        while (n && (p[n - 1] == '\r' || p[n - 1] == ' '))
            n--;
        if ((n == 3 && (!memcmp(p, "---", 3) || !memcmp(p, "...", 3))))
            return;
        if (n > 5 && !memcmp(p, "date:", 5)) {
            const char *v = p + 5;
            size_t m = n - 5;
            while (m && *v == ' ') {
                v++;
                m--;
            }
            if (m >= 2 && (v[0] == '"' || v[0] == '\'') && v[m - 1] == v[0]) {
                v++;
                m -= 2;
            }
            snprintf(out, size, "%.*s", (int)(m < size ? m : size - 1), v);
            return;
        }
        p = nl;
    }
}

/* Lints the job's text with a regex budget of its own, the whole
 * FL_REGEX_RUN_STEPS: the run's is settled later, in input order. */
static void lint_job(job *j)
{
    j->linted = 1;
    j->regex_left = FL_REGEX_RUN_STEPS;
    /* A UTF-8 draft (not a package, whose reader keeps no text of ours) is
     * linted from the buffer read, which the document takes: in.raw and
     * in.text then live as long as it does, and nothing after linting
     * reads them but settle_budget, which keeps the document. */
    int take = j->kind == JOB_FILE && j->data && j->in.text == j->data &&
               !is_package(j->in.name);
    j->error = lint_text(j->r, j->s, j->in.name, j->in.text, j->in.len, j->in.format,
                         &j->regex_left, &j->l, &j->err, take ? &j->data : NULL);
    j->adopted = take && !j->data;
}

/* On a pool thread: everything that does not print. */
static void work(void *arg)
{
    job *j = arg;
    int ready = (j->kind == JOB_FILE && read_draft(j) == 0) || j->kind == JOB_RECORD;
    if (ready && j->kind == JOB_FILE && j->r->opt->stats) {
        front_matter_date(j->in.text, j->in.len, j->date, sizeof j->date);
        j->in.date = j->date[0] ? j->date : NULL;
    }
    if (ready)
        lint_job(j);
}

/* The run's regex budget (framelint.h) is spent in input order, as -j 1
 * spends it, so that which sentences a hostile pattern skips does not
 * depend on the threads. A job linted on a pool thread had the whole
 * FL_REGEX_RUN_STEPS to itself. While what is left of the run's budget is
 * at least FL_REGEX_DOCUMENT_STEPS above what the job spent, the document's
 * own budget runs out first at every check, so no check in it could have
 * gone otherwise: the result stands and its steps are charged. Otherwise (a
 * run that hostile patterns have nearly used up) the job is linted again
 * here, on the run's own budget. */
static void settle_budget(run *r, job *j)
{
    unsigned long long spent = FL_REGEX_RUN_STEPS - j->regex_left;
    if (!j->linted)
        return;
    if (r->regex_budget >= spent + FL_REGEX_DOCUMENT_STEPS) {
        r->regex_budget -= spent;
        return;
    }
    if (j->adopted) { /* the document holds the text to lint again */
        j->held = j->l.doc;
        j->l.doc = NULL;
    }
    linted_free(&j->l);
    j->err = (fl_error)FL_ERROR_INIT;
    j->error = lint_text(r, j->s, j->in.name, j->in.text, j->in.len, j->in.format,
                         &r->regex_budget, &j->l, &j->err, NULL);
}

/* On the main thread, in input order: everything that prints. */
static void report_file(run *r, job *j)
{
    input *in = &j->in;
    if (j->st == CLI_READ_ERROR) {
        fprintf(stderr, "framelint: %s: %s\n", in->name, j->why);
        r->troubles++;
        return;
    }
    if (j->no_memory) {
        r->stop = 1;
        cli_no_memory();
        return;
    }
    if (j->decoded && !in->lossless && !j->binary)
        fprintf(stderr, "%s: notice: %s code units that are not text were read as U+FFFD\n",
                in->shown, cli_encoding_name(in->enc));
    if (j->binary)
        skip_binary(r, in);
    else
        finish_lint(r, j->s, in, &j->l, j->error, &j->err);
}

static int done(void *payload, void *arg)
{
    run *r = payload;
    job *j = arg;
    if (!r->stop)
        settle_budget(r, j);
    if (r->stop) {
        /* after a stop, jobs already under way are dropped unreported */
    } else if (j->kind == JOB_PROBLEM) {
        fprintf(stderr, "framelint: %s\n", j->path);
        r->troubles++;
    } else if (j->kind == JOB_BAD_LINE) {
        fprintf(stderr, "%s\n", j->path);
    } else if (j->kind == JOB_RECORD) {
        finish_lint(r, j->s, &j->in, &j->l, j->error, &j->err);
    } else if (j->kind == JOB_CONFIG) {
        if (j->err.code == FL_ENOMEM)
            cli_no_memory();
        else
            print_error(&j->err);
        r->stop = 1;
    } else {
        report_file(r, j);
    }
    job_free(j);
    return r->stop ? -1 : 0;
}

static int submit(run *r, job *j)
{
    if (!j) {
        cli_no_memory();
        return -1;
    }
    j->r = r;
    return cli_pool_submit(r->pool, j);
}

static int on_problem(void *payload, const char *message)
{
    run *r = payload;
    job *j = calloc(1, sizeof *j);
    if (j && !(j->path = strdup(message))) {
        free(j);
        j = NULL;
    }
    if (j)
        j->kind = JOB_PROBLEM;
    return submit(r, j);
}

/* Whether a config's ignore globs leave out a file found in a folder:
 * 1 yes, 0 no, -1 out of memory (said). */
static int ignored(const cli_settings *s, const char *path)
{
    /* ignore globs are relative to the config's folder */
    char rel[4096];
    int below = cli_relative_path(path, fl_config_dir(s->config), rel, sizeof rel);
    if (below < 0) {
        cli_no_memory();
        return -1;
    }
    if (!below)
        snprintf(rel, sizeof rel, "%s", path);
    return fl_config_ignores(s->config, rel);
}

static int on_file(void *payload, const char *path, int named)
{
    run *r = payload;
    int is_stdin = !strcmp(path, "-");
    job *j = calloc(1, sizeof *j);
    if (!j || !(j->path = strdup(path))) {
        free(j);
        return submit(r, NULL);
    }
    input *in = &j->in;
    in->name = is_stdin && r->opt->stdin_filename ? r->opt->stdin_filename : j->path;
    in->shown = is_stdin && !r->opt->stdin_filename ? "-" : in->name;
    in->is_stdin = is_stdin;
    j->s = cli_settings_for(r->profiles, in->name, &j->err);
    if (!j->s) {
        j->kind = JOB_CONFIG;
        submit(r, j);
        return -1;
    }
    int skip = !named && j->s->config ? ignored(j->s, path) : 0;
    if (skip) {
        job_free(j);
        return skip < 0 ? -1 : 0;
    }
    return submit(r, j);
}

/* --- record streams ---------------------------------------------------------------- */

/* The stream being read: its name as shown and the config that governs it,
 * looked up once for all its records. */
typedef struct stream {
    run *r;
    const char *path;
    const char *shown;
    const cli_settings *s;
} stream;

static int on_record(void *payload, cli_record *rec)
{
    stream *st = payload;
    job *j = calloc(1, sizeof *j);
    if (!j || !(j->path = strdup(st->path))) {
        free(j);
        cli_record_free(rec);
        return submit(st->r, NULL);
    }
    j->kind = JOB_RECORD;
    j->rec = rec;
    j->s = st->s;
    input *in = &j->in;
    in->name = j->path;
    in->shown = st->shown;
    in->is_stdin = !strcmp(st->path, "-");
    in->raw = in->text = rec->text;
    in->raw_len = in->len = rec->len;
    in->lossless = 1;
    in->record = rec->id;
    in->date = rec->date;
    /* A post or a message is plain text unless its record says otherwise. */
    in->format = rec->format != FL_FORMAT_AUTO ? rec->format : FL_FORMAT_PLAIN;
    return submit(st->r, j);
}

static int on_bad_line(void *payload, size_t line, const char *why)
{
    stream *st = payload;
    char msg[600];
    snprintf(msg, sizeof msg, "%s:%zu: notice: skipped: %s", st->shown, line, why);
    job *j = calloc(1, sizeof *j);
    if (j && !(j->path = strdup(msg))) {
        free(j);
        j = NULL;
    }
    if (j)
        j->kind = JOB_BAD_LINE;
    return submit(st->r, j);
}

/* Lints every record of one stream. Negative when the run stops. */
static int read_stream(run *r, const char *path)
{
    stream st = {r, path, path, NULL};
    job *cj = calloc(1, sizeof *cj);
    if (!cj)
        return submit(r, NULL);
    if (!strcmp(path, "-"))
        st.shown = r->opt->stdin_filename ? r->opt->stdin_filename : "-";
    st.s = cli_settings_for(r->profiles, st.shown, &cj->err);
    if (!st.s) {
        cj->kind = JOB_CONFIG;
        submit(r, cj);
        return -1;
    }
    free(cj);
    cli_record_reader reader = {on_record, on_bad_line, &st};
    char why[256] = "";
    int rc = cli_records_read(path, &r->opt->fields, &reader, why, sizeof why);
    if (rc == CLI_RECORDS_NO_MEMORY)
        return submit(r, NULL);
    if (rc == CLI_RECORDS_UNREADABLE) {
        char msg[4400];
        snprintf(msg, sizeof msg, "%s: %s", path, why);
        return on_problem(r, msg);
    }
    return rc;
}

static int info_command(run *r)
{
    fl_error err = FL_ERROR_INIT;
    const cli_settings *s = cli_settings_for(r->profiles, ".", &err);
    const fl_ruleset *rs = s ? cli_ruleset_for(r->profiles, s, r->opt->language, &err) : NULL;
    if (!rs) {
        print_error(&err);
        return EXIT_TROUBLE;
    }
    if (r->opt->list_rules)
        return cli_print_rules(rs, r->out) < 0 ? EXIT_TROUBLE : EXIT_CLEAN;
    return cli_explain(rs, r->opt->explain, r->out);
}

/* Whether stdout carries a report: not with --diff, nor with --fix on
 * stdin, where it carries the fixed text. */
static int reports(const cli_options *o, int npaths, char **paths)
{
    return !o->diff && !(o->fix && (npaths == 0 || !strcmp(paths[0], "-")));
}

/* --fix writes files as it goes, and a file named twice must be read the
 * second time as the first fix left it: one at a time. */
static unsigned threads_for(const cli_options *o)
{
    return o->fix ? 1 : o->jobs ? o->jobs : cli_cores();
}

static int walk_paths(run *r, int npaths, char **paths)
{
    size_t skipped = 0;
    cli_walker walker = {on_file, on_problem, r, &skipped};
    int stopped = 0;
    if (cli_pool_new(&r->pool, threads_for(r->opt), work, done, r) < 0) {
        r->stop = 1;
        return cli_no_memory();
    }
    for (int i = 0; i < npaths && !stopped; i++)
        stopped = (r->opt->jsonl_input ? read_stream(r, paths[i])
                                       : cli_walk(paths[i], &walker)) < 0;
    /* The drafts before a stop are reported first, as -j 1 reports them;
     * only then does the stop count (it was said where it happened). */
    cli_pool_free(r->pool);
    r->pool = NULL;
    r->stop |= stopped;
    fl_reporter_skipped(r->reporter, skipped);
    return 0;
}

static int lint_paths(run *r, int npaths, char **paths)
{
    if (r->opt->fix && npaths > 1) {
        for (int i = 0; i < npaths; i++) {
            if (!strcmp(paths[i], "-"))
                return cli_usage_error("--fix prints stdin's fixed text on stdout, so stdin "
                                   "must be the only input");
        }
    }
    fl_error err = FL_ERROR_INIT;
    unsigned flags = r->opt->format == FL_REPORT_TEXT && cli_use_color(r->opt->color)
                         ? FL_REPORT_COLOR : 0;
    fl_sink sink = {cli_out_write, r->out};
    if (r->opt->stats && cli_stats_new(&r->stats, (cli_stats_by)r->opt->stats_by) < 0)
        return cli_no_memory();
    if (!r->opt->stats &&
        fl_reporter_new(&r->reporter, NULL, r->opt->format, flags, sink, &err) < 0) {
        print_error(&err);
        return EXIT_TROUBLE;
    }
    static char dash[] = "-";
    char *stdin_path[] = {dash};
    if (npaths == 0) {
        npaths = 1;
        paths = stdin_path;
    }
    walk_paths(r, npaths, paths);
    /* Also after a fatal rule or config error, so JSON stays one whole
     * document; but not when stdout carries a diff or fixed text instead. */
    if (r->reporter && reports(r->opt, npaths, paths) &&
        fl_reporter_finish(r->reporter, &err) < 0) {
        if (!cli_out_failed(r->out))
            print_error(&err);
        r->troubles++;
    }
    fl_reporter_free(r->reporter);
    /* A table made from part of the input would read as the whole: none
     * after a stop. A failed write is said when stdout is closed. */
    int printed = r->stats && !r->stop &&
                  cli_stats_print(r->stats, (cli_stats_format)r->opt->stats_format, r->out) == 0;
    if (r->stats && !r->stop && !printed && !cli_out_failed(r->out))
        r->stop = cli_no_memory();
    cli_stats_free(r->stats);
    if (r->stop || r->troubles)
        return EXIT_TROUBLE;
    /* stats measures: findings are what it counts, not a failure */
    return r->failed && !r->opt->stats ? EXIT_FINDINGS : EXIT_CLEAN;
}

int main(int argc, char **argv)
{
    /* A subcommand only as the first argument: a file named lsp is ./lsp. */
    if (argc > 1 && !strcmp(argv[1], "lsp"))
        return cli_lsp_main(argc - 1, argv + 1);
    /* framelint stats: the same options, read from after the word. */
    int stats = argc > 1 && !strcmp(argv[1], "stats");
    argc -= stats;
    argv += stats;
    cli_options o;
    cli_out out = {0};
    int code = cli_parse_args(&o, argc, argv, stats);
    run r;
    memset(&r, 0, sizeof r);
    r.opt = &o;
    r.out = &out;
    if (code < 0 && cli_profiles_new(&r.profiles, &o) < 0)
        code = cli_no_memory();
    r.regex_budget = FL_REGEX_RUN_STEPS;
    if (code >= 0) {
        cli_print_help(&o, &out); /* or nothing: a usage error */
    } else if (o.list_rules || o.explain) {
        code = info_command(&r);
    } else if (o.first_path == argc && cli_stdin_is_tty()) {
        code = cli_usage_error("no input: give files or folders, or pipe text to stdin");
    } else {
        code = lint_paths(&r, argc - o.first_path, argv + o.first_path);
    }
    cli_profiles_free(r.profiles);
    free(o.rules);
    return cli_out_close(&out) < 0 ? EXIT_TROUBLE : code;
}

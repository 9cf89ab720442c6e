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

/* A config file found for some drafts (or none: path NULL), loaded once. */
typedef struct settings {
    char *path;
    fl_config *config; /* NULL when there is no file, or it failed */
    int failed;
} settings;

/* A compiled ruleset for one config and one language (NULL: every
 * language), reused for every file they govern. */
typedef struct profile {
    const settings *settings;
    char *language;
    fl_ruleset *rs;    /* NULL if building it failed */
} profile;

typedef struct run {
    const cli_options *opt;
    settings **settings;
    size_t nsettings;
    profile *profiles;
    size_t nprofiles;
    fl_reporter *reporter;
    cli_out *out;      /* stdout */
    int failed;   /* a finding at or above its file's fail-on level */
    int troubles;
    int stop;
    /* Regex steps the whole run may still spend (framelint.h): a hostile
     * pattern over many files costs bounded time, not per file. */
    unsigned long long regex_budget;
} run;

/* Fills an fl_error for a problem the command itself found. */
static int set_error(fl_error *err, int code, const char *message)
{
    err->code = code;
    snprintf(err->message, sizeof err->message, "%s", message);
    err->line = err->column = 0;
    return code;
}

static void print_error(const fl_error *err)
{
    char msg[512];
    fl_error_format(err, msg, sizeof msg);
    fprintf(stderr, "framelint: %s\n", msg);
}

/* --- configs and rulesets ------------------------------------------------------ */

/* The config that governs `path`, loaded on first use. NULL (reported) if
 * it is broken: a broken config stops the run, as a broken rule file does. */
static const settings *settings_for(run *r, const char *path)
{
    char found[4096];
    const char *config_path = r->opt->config;
    errno = 0;
    int have_config = !config_path && !r->opt->no_config
                          ? cli_find_config(path, found, sizeof found) : 0;
    if (!have_config && errno == ENOMEM) {
        r->stop = 1;
        cli_no_memory();
        return NULL;
    }
    if (have_config)
        config_path = found;
    for (size_t i = 0; i < r->nsettings; i++) {
        const char *have = r->settings[i]->path;
        if ((!have && !config_path) || (have && config_path && !strcmp(have, config_path)))
            return r->settings[i]->failed ? NULL : r->settings[i];
    }
    settings **grown = realloc(r->settings, (r->nsettings + 1) * sizeof *grown);
    settings *s = calloc(1, sizeof *s);
    char *copy = config_path ? strdup(config_path) : NULL;
    if (!grown || !s || (config_path && !copy)) {
        free(s);
        free(copy);
        r->settings = grown ? grown : r->settings;
        r->stop = 1;
        cli_no_memory();
        return NULL;
    }
    r->settings = grown;
    r->settings[r->nsettings++] = s;
    s->path = copy;
    fl_error err = FL_ERROR_INIT;
    if (config_path && fl_config_load(&s->config, NULL, config_path, &err) < 0) {
        print_error(&err);
        s->failed = r->stop = 1;
        return NULL;
    }
    return s;
}

/* The built-in rules are wanted unless --no-default-rules or the config's
 * `default-rules: false` says otherwise. */
static int wants_defaults(const cli_options *o, const fl_config *cfg)
{
    return !o->no_default_rules && (!cfg || fl_config_default_rules(cfg));
}

static int build_ruleset(const cli_options *o, profile *p, fl_error *err)
{
    const fl_config *cfg = p->settings->config;
    int error = fl_ruleset_new(&p->rs, NULL, err);
    if (error == 0 && wants_defaults(o, cfg))
        error = p->language ? fl_ruleset_add_default_language(p->rs, p->language, err)
                            : fl_ruleset_add_defaults(p->rs, err);
    for (size_t i = 0; i < o->nrules && error == 0; i++)
        error = fl_ruleset_add_path(p->rs, o->rules[i], err);
    if (error == 0 && cfg)
        error = fl_config_apply(cfg, p->rs, err);
    if (error == 0)
        error = fl_ruleset_compile(p->rs, err);
    return error;
}

static int has_language(const fl_ruleset *rs, const char *language)
{
    for (size_t i = 0; i < fl_ruleset_count(rs); i++) {
        if (!strcmp(fl_rule_language(fl_ruleset_at(rs, i)), language))
            return 1;
    }
    return 0;
}

/* A ruleset that checks nothing would let every file pass with exit 0, which
 * reads as "clean": no rules at all once the built-in ones are off, or none
 * for the language --lang asks for. */
static int check_coverage(const cli_options *o, const profile *p, fl_error *err)
{
    char msg[160];
    if (fl_ruleset_count(p->rs) == 0 && !wants_defaults(o, p->settings->config)) {
        err->path = o->no_default_rules ? NULL : p->settings->path;
        return set_error(err, FL_EINVAL, o->no_default_rules
            ? "no rules to check with: --no-default-rules needs --rules or a config's rule-files"
            : "no rules to check with: 'default-rules: false' needs rule-files or --rules");
    }
    if (o->language && !has_language(p->rs, o->language)) {
        snprintf(msg, sizeof msg, "--lang %s: no rule file for language '%s' is loaded",
                 o->language, o->language);
        return set_error(err, FL_EINVAL, msg);
    }
    const fl_config *cfg = p->settings->config;
    const char *wanted = cfg ? fl_config_language(cfg) : "";
    if (!o->language && wanted[0] && !has_language(p->rs, wanted)) {
        err->path = p->settings->path;
        snprintf(msg, sizeof msg, "language '%s': no rule file for that language is loaded",
                 wanted);
        return set_error(err, FL_EINVAL, msg);
    }
    return FL_OK;
}

static int same_language(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* The compiled ruleset for a config and a language, built on first use.
 * Only that language's built-in rules are parsed: start-up stays short. */
static const fl_ruleset *ruleset_for(run *r, const settings *s, const char *language)
{
    for (size_t i = 0; i < r->nprofiles; i++) {
        profile *p = &r->profiles[i];
        if (p->settings == s && same_language(p->language, language))
            return p->rs;
    }
    profile *grown = realloc(r->profiles, (r->nprofiles + 1) * sizeof *grown);
    char *copy = language ? strdup(language) : NULL;
    if (!grown || (language && !copy)) {
        free(copy);
        r->profiles = grown ? grown : r->profiles;
        r->stop = 1;
        cli_no_memory();
        return NULL;
    }
    r->profiles = grown;
    profile *p = &r->profiles[r->nprofiles++];
    memset(p, 0, sizeof *p);
    p->settings = s;
    p->language = copy;
    fl_error err = FL_ERROR_INIT;
    if (build_ruleset(r->opt, p, &err) < 0 || check_coverage(r->opt, p, &err) < 0) {
        print_error(&err);
        fl_ruleset_free(p->rs);
        p->rs = NULL; /* remembered, so the error is reported once */
        r->stop = 1;
    }
    return p->rs;
}

static void free_profiles(run *r)
{
    for (size_t i = 0; i < r->nprofiles; i++) {
        fl_ruleset_free(r->profiles[i].rs);
        free(r->profiles[i].language);
    }
    for (size_t i = 0; i < r->nsettings; i++) {
        fl_config_free(r->settings[i]->config);
        free(r->settings[i]->path);
        free(r->settings[i]);
    }
    free(r->profiles);
    free(r->settings);
}

/* --- linting one file --------------------------------------------------------- */

static void print_notices(fl_document *doc, const fl_findings *f, const char *path)
{
    for (size_t i = 0; i < fl_findings_notice_count(f); i++) {
        size_t off = 0;
        const char *msg = fl_findings_notice(f, i, &off);
        fl_position p = {1, 1, 0, 0};
        fl_document_position(doc, off, &p);
        fprintf(stderr, "%s:%u:%u: notice: %s\n", path, p.line, p.column, msg);
    }
}

/* --lang, then the config's language, then what the document declares,
 * then English. */
static const char *language_for(const run *r, const settings *s, const fl_document *doc)
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

/* One document linted: what the rest of the run needs from it. */
typedef struct linted {
    fl_document *doc;
    fl_findings *f;
} linted;

/* With `take` pointing at the malloc'd buffer that holds `data`, the
 * document takes the buffer instead of copying it (and *take becomes NULL):
 * a large draft is held once, not twice. */
static int lint_text(run *r, const settings *s, const char *path, const char *data,
                     size_t len, linted *out, fl_error *err, char **take)
{
    int error;
    if (take && *take == data) {
        error = fl_document_adopt(&out->doc, NULL, path, *take, len, FL_FORMAT_AUTO, err);
        if (error == 0)
            *take = NULL;
    } else {
        error = fl_document_new(&out->doc, NULL, path, data, len, FL_FORMAT_AUTO, err);
    }
    if (error < 0)
        return error;
    fl_lint_options lo = FL_LINT_OPTIONS_INIT;
    lo.language = language_for(r, s, out->doc);
    lo.regex_budget = &r->regex_budget;
    const fl_ruleset *rs = ruleset_for(r, s, lo.language);
    if (!rs)
        return CLI_ERROR_REPORTED;
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
    char **own;           /* the malloc'd buffer raw is in, which the document
                             may take (then NULL; raw dies with the document) */
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
        return set_error(err, FL_EUTF8, msg);
    }
    int error = cli_encode(in->enc, fixed->data, fixed->len, owned, len);
    *bytes = *owned;
    if (error == FL_ENOMEM)
        return set_error(err, error, "out of memory");
    if (error < 0)
        return set_error(err, error, "not rewritten: the fixed text is not valid UTF-8");
    return FL_OK;
}

/* --fix: rewrite, write back (or print, for stdin), and lint the result,
 * so what is reported and counted is what is left to do. */
static int fix(run *r, const settings *s, const input *in, linted *l, fl_error *err)
{
    text_buffer fixed = {NULL, 0, 0};
    size_t applied = 0, nbytes = 0;
    char *owned = NULL, why[256] = "";
    const char *bytes = NULL;
    fl_sink sink = {write_buffer, &fixed};
    int error = fl_fix(l->doc, l->f, sink, &applied, err);
    if (error == 0)
        error = encode_back(in, &fixed, applied, &owned, &bytes, &nbytes, err);
    if (in->is_stdin && bytes && cli_out_write(r->out, bytes, nbytes) < 0 && error == 0)
        error = FL_EIO;
    if (error == 0 && !in->is_stdin && applied &&
        cli_replace_file(in->name, in->before, bytes, nbytes, why, sizeof why) < 0)
        error = set_error(err, FL_EIO, why);
    if (error == 0 && applied) {
        if (!in->is_stdin)
            fprintf(stderr, "framelint: %s: %zu rewrite%s applied%s\n", in->shown, applied,
                    applied == 1 ? "" : "s", fl_document_format(l->doc) == FL_FORMAT_DOCX
                    ? " as tracked changes" : "");
        linted_free(l);
        error = lint_text(r, s, in->name, fixed.data, fixed.len, l, err, NULL);
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

static fl_severity fail_level(const run *r, const settings *s)
{
    if (!r->opt->fail_on_given && s->config && fl_config_fail_on(s->config))
        return fl_config_fail_on(s->config);
    return r->opt->fail_on;
}

static void lint_data(run *r, const settings *s, const input *in)
{
    fl_error err = FL_ERROR_INIT;
    linted l = {NULL, NULL};
    /* Only UTF-8 is linted from the buffer read; nothing reads in->raw
     * after this but encode_back, and only for other encodings. */
    int error = lint_text(r, s, in->name, in->text, in->len, &l, &err,
                          in->text == in->raw ? in->own : NULL);
    if (error == 0)
        print_notices(l.doc, l.f, in->shown);
    if (error == 0 && r->opt->fix)
        error = fix(r, s, in, &l, &err);
    if (error == 0 && r->opt->diff) {
        fl_sink out = {cli_out_write, r->out};
        char name[4096];
        /* named as git apply and patch -p1 want it, from where we run */
        if (cli_diff_path(in->shown, name, sizeof name) < 0)
            snprintf(name, sizeof name, "%s", in->shown);
        error = fl_fix_diff(l.doc, l.f, name, out, NULL, &err);
    } else if (error == 0 && !(r->opt->fix && in->is_stdin)) {
        error = fl_reporter_add(r->reporter, l.doc, l.f, in->shown, &err);
    }
    fl_severity fail_on = fail_level(r, s);
    for (size_t i = 0; error == 0 && i < fl_findings_count(l.f); i++)
        r->failed |= fl_finding_severity(fl_findings_at(l.f, i)) >= fail_on;
    /* stdout failing is said once, when it is closed, and ends the run:
     * nothing more can be reported. */
    if (cli_out_failed(r->out))
        r->stop = 1;
    else if (error < 0 && error != CLI_ERROR_REPORTED) {
        err.path = in->shown;
        print_error(&err);
    }
    r->troubles += error < 0;
    linted_free(&l);
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

/* Lints what was read: UTF-16 and UTF-32 with a byte-order mark decoded
 * first, binary skipped. */
static void lint_input(run *r, const settings *s, input *in, int binary)
{
    char *decoded = NULL;
    in->enc = cli_sniff_bom(in->raw, in->raw_len);
    if (in->enc != CLI_UTF8 &&
        cli_decode(in->enc, in->raw, in->raw_len, &decoded, &in->len, &in->lossless) < 0) {
        r->stop = 1;
        cli_no_memory();
        return;
    }
    if (decoded) {
        in->text = decoded;
        binary = cli_looks_binary(decoded, in->len);
    }
    if (decoded && !in->lossless && !binary)
        fprintf(stderr, "%s: notice: %s code units that are not text were read as U+FFFD\n",
                in->shown, cli_encoding_name(in->enc));
    if (binary)
        skip_binary(r, in);
    else
        lint_data(r, s, in);
    free(decoded);
}

/* Word and OpenDocument files are zips: binary, and read all the same. */
static int is_package(const char *name)
{
    fl_format fmt = fl_format_from_path(name);
    return fmt == FL_FORMAT_DOCX || fmt == FL_FORMAT_ODT;
}

static int lint_file(void *payload, const char *path, int named)
{
    run *r = payload;
    int is_stdin = !strcmp(path, "-");
    const char *name = is_stdin && r->opt->stdin_filename ? r->opt->stdin_filename : path;
    const settings *s = settings_for(r, name);
    if (!s)
        return -1;
    if (!named && s->config) {
        /* ignore globs are relative to the config's folder */
        char rel[4096];
        int below = cli_relative_path(path, fl_config_dir(s->config), rel, sizeof rel);
        if (below < 0) {
            cli_no_memory();
            return -1;
        }
        if (!below)
            snprintf(rel, sizeof rel, "%s", path);
        if (fl_config_ignores(s->config, rel))
            return 0;
    }
    char *data = NULL, why[256] = "";
    size_t len = 0;
    struct stat before;
    memset(&before, 0, sizeof before);
    if (!is_stdin && stat(path, &before) != 0) {
        fprintf(stderr, "framelint: %s: %s\n", name, strerror(errno));
        r->troubles++;
        return 0;
    }
    cli_read_status st = cli_read(path, &data, &len, why, sizeof why);
    if (st == CLI_READ_ERROR) {
        fprintf(stderr, "framelint: %s: %s\n", name, why);
        r->troubles++;
    } else {
        input in = {name, is_stdin && !r->opt->stdin_filename ? "-" : name, is_stdin,
                    &before, data, len, data, len, CLI_UTF8, 1, &data,
                    is_package(name) ? NULL : cli_file_kind(data, len)};
        lint_input(r, s, &in, (st == CLI_READ_BINARY && !is_package(name)) || in.kind);
    }
    free(data);
    return r->stop ? -1 : 0;
}

static int info_command(run *r)
{
    const settings *s = settings_for(r, ".");
    const fl_ruleset *rs = s ? ruleset_for(r, s, r->opt->language) : NULL;
    if (!rs)
        return EXIT_TROUBLE;
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
    if (fl_reporter_new(&r->reporter, NULL, r->opt->format, flags, sink, &err) < 0) {
        print_error(&err);
        return EXIT_TROUBLE;
    }
    static char dash[] = "-";
    char *stdin_path[] = {dash};
    if (npaths == 0) {
        npaths = 1;
        paths = stdin_path;
    }
    for (int i = 0; i < npaths && !r->stop; i++) {
        size_t skipped = 0;
        if (cli_walk(paths[i], lint_file, r, &r->troubles, &skipped) < 0)
            r->stop = 1;
        fl_reporter_skipped(r->reporter, skipped);
    }
    /* Also after a fatal rule or config error, so JSON stays one whole
     * document; but not when stdout carries a diff or fixed text instead. */
    if (reports(r->opt, npaths, paths) && fl_reporter_finish(r->reporter, &err) < 0) {
        if (!cli_out_failed(r->out))
            print_error(&err);
        r->troubles++;
    }
    fl_reporter_free(r->reporter);
    if (r->stop || r->troubles)
        return EXIT_TROUBLE;
    return r->failed ? EXIT_FINDINGS : EXIT_CLEAN;
}

int main(int argc, char **argv)
{
    /* A subcommand only as the first argument: a file named lsp is ./lsp. */
    if (argc > 1 && !strcmp(argv[1], "lsp"))
        return cli_lsp_main(argc - 1, argv + 1);
    cli_options o;
    cli_out out = {0};
    int code = cli_parse_args(&o, argc, argv);
    run r;
    memset(&r, 0, sizeof r);
    r.opt = &o;
    r.out = &out;
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
    free_profiles(&r);
    free(o.rules);
    return cli_out_close(&out) < 0 ? EXIT_TROUBLE : code;
}

/*
 * framelint: the command. Parses arguments, builds one ruleset per config
 * file, lints each file and reports; decides the exit code. It contains no
 * linting logic and includes only the public header.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

typedef struct options {
    fl_report_format format;
    const char *stdin_filename;
    const char **rules;
    size_t nrules;
    int no_default_rules;
    int no_config;
    const char *config;
    fl_severity fail_on;
    int fail_on_given;
    const char *language;
    int list_rules;
    const char *explain;
    cli_color color;
    int fix;
    int diff;
} options;

/* A ruleset built for one config file (or none), reused for every file that
 * config governs. */
typedef struct profile {
    char *config_path; /* NULL: no config */
    fl_config *config;
    fl_ruleset *rs;
} profile;

typedef struct run {
    const options *opt;
    profile *profiles;
    size_t nprofiles;
    fl_reporter *reporter;
    int failed;   /* a finding at or above its file's fail-on level */
    int troubles;
    int stop;
} run;

static const char usage_text[] =
    "usage: framelint [options] [path ...]\n"
    "\n"
    "Checks drafts about migration (Markdown, HTML, plain text) for language\n"
    "that hardens a polarised narrative, and suggests rewrites. Folders are\n"
    "searched for .md .markdown .txt .html .htm files; '-' or piped input\n"
    "reads stdin.\n"
    "\n"
    "options:\n"
    "  -f, --format FORMAT     text (default), gnu, json or jsonl\n"
    "      --stdin-filename N  name stdin's text N (sets its format and config)\n"
    "  -r, --rules PATH        add a rule file or folder (repeatable)\n"
    "      --no-default-rules  do not load the built-in rules\n"
    "      --config FILE       use this config instead of .framelint.yml files\n"
    "      --no-config         ignore .framelint.yml files\n"
    "      --lang LANG         check as LANG (en, fr, es, de); default: the\n"
    "                          config, then the document's own, then en\n"
    "      --fail-on LEVEL     exit 1 on findings at or above LEVEL: error,\n"
    "                          warning (default) or suggestion\n"
    "      --fix               apply the first rewrite of each finding in place\n"
    "                          (stdin: print the fixed text), then report the rest\n"
    "      --diff              print a unified diff of what --fix would change\n"
    "      --color WHEN        auto (default), always or never\n"
    "      --list-rules        list the rules and exit\n"
    "      --explain RULE      explain a rule and exit\n"
    "  -h, --help              show this help and exit\n"
    "      --version           show the version and exit\n"
    "\n"
    "exit status: 0 no findings at or above --fail-on, 1 findings, 2 usage,\n"
    "rule-file, config or input/output error.\n";

static int usage_error(const char *message)
{
    fprintf(stderr, "framelint: %s\nTry 'framelint --help' for more information.\n",
            message);
    return EXIT_TROUBLE;
}

static int bad_value(const char *what, const char *arg, const char *choices)
{
    char msg[256];
    snprintf(msg, sizeof msg, "unknown %s '%s' (%s)", what, arg, choices);
    return usage_error(msg);
}

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

enum { OPT_STDIN_FILENAME = 256, OPT_NO_DEFAULT_RULES, OPT_CONFIG, OPT_NO_CONFIG,
       OPT_LANG, OPT_FAIL_ON, OPT_COLOR, OPT_LIST_RULES, OPT_EXPLAIN, OPT_VERSION,
       OPT_FIX, OPT_DIFF };

static const struct option long_options[] = {
    {"format", required_argument, NULL, 'f'},
    {"stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME},
    {"rules", required_argument, NULL, 'r'},
    {"no-default-rules", no_argument, NULL, OPT_NO_DEFAULT_RULES},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"no-config", no_argument, NULL, OPT_NO_CONFIG},
    {"lang", required_argument, NULL, OPT_LANG},
    {"fail-on", required_argument, NULL, OPT_FAIL_ON},
    {"color", required_argument, NULL, OPT_COLOR},
    {"colour", required_argument, NULL, OPT_COLOR},
    {"list-rules", no_argument, NULL, OPT_LIST_RULES},
    {"fix", no_argument, NULL, OPT_FIX},
    {"diff", no_argument, NULL, OPT_DIFF},
    {"explain", required_argument, NULL, OPT_EXPLAIN},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0}};

/* Returns -1 to go on, or the exit code to leave with. */
static int parse_option(options *o, int c, const char *arg)
{
    int color;
    switch (c) {
    case 'f':
        if (fl_report_format_parse(&o->format, arg) < 0)
            return bad_value("format", arg, "text, gnu, json, jsonl");
        return -1;
    case 'r': o->rules[o->nrules++] = arg; return -1;
    case OPT_STDIN_FILENAME: o->stdin_filename = arg; return -1;
    case OPT_NO_DEFAULT_RULES: o->no_default_rules = 1; return -1;
    case OPT_CONFIG: o->config = arg; return -1;
    case OPT_NO_CONFIG: o->no_config = 1; return -1;
    case OPT_LANG: o->language = arg; return -1;
    case OPT_FAIL_ON:
        if (fl_severity_parse(&o->fail_on, arg) < 0 || o->fail_on == FL_SEVERITY_OFF)
            return bad_value("level", arg, "error, warning, suggestion");
        o->fail_on_given = 1;
        return -1;
    case OPT_COLOR:
        if ((color = cli_color_parse(arg)) < 0)
            return bad_value("colour choice", arg, "auto, always, never");
        o->color = (cli_color)color;
        return -1;
    case OPT_LIST_RULES: o->list_rules = 1; return -1;
    case OPT_FIX: o->fix = 1; return -1;
    case OPT_DIFF: o->diff = 1; return -1;
    case OPT_EXPLAIN: o->explain = arg; return -1;
    case 'h': fputs(usage_text, stdout); return EXIT_CLEAN;
    case OPT_VERSION: printf("framelint %s\n", FL_VERSION_STRING); return EXIT_CLEAN;
    default: return usage_error("invalid option");
    }
}

static int parse_args(options *o, int argc, char **argv)
{
    memset(o, 0, sizeof *o);
    o->format = FL_REPORT_TEXT;
    o->fail_on = FL_SEVERITY_WARNING;
    o->rules = calloc((size_t)argc, sizeof *o->rules);
    if (!o->rules)
        return EXIT_TROUBLE;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":f:r:h", long_options, NULL)) != -1) {
        if (c == ':')
            return bad_value("use of option", argv[optind - 1], "it needs a value");
        if (c == '?')
            return bad_value("option", argv[optind - 1], "see the list of options");
        int done = parse_option(o, c, optarg);
        if (done >= 0)
            return done;
    }
    if (o->fix && o->diff)
        return usage_error("--fix and --diff do not go together: --diff shows what "
                           "--fix would do");
    return -1;
}

/* --- rulesets per config ---------------------------------------------------- */

static int build_ruleset(const options *o, profile *p, fl_error *err)
{
    int error = fl_ruleset_new(&p->rs, NULL, err);
    int defaults = !o->no_default_rules && (!p->config || fl_config_default_rules(p->config));
    if (error == 0 && defaults)
        error = fl_ruleset_add_defaults(p->rs, err);
    for (size_t i = 0; i < o->nrules && error == 0; i++)
        error = fl_ruleset_add_path(p->rs, o->rules[i], err);
    if (error == 0 && p->config)
        error = fl_config_apply(p->config, p->rs, err);
    if (error == 0)
        error = fl_ruleset_compile(p->rs, err);
    return error;
}

static profile *find_profile(run *r, const char *config_path)
{
    for (size_t i = 0; i < r->nprofiles; i++) {
        const char *have = r->profiles[i].config_path;
        if ((!have && !config_path) || (have && config_path && !strcmp(have, config_path)))
            return &r->profiles[i];
    }
    return NULL;
}

/* The profile for a file: its config's, built on first use. NULL on error
 * (reported). */
static profile *profile_for(run *r, const char *path)
{
    char found[4096];
    const char *config_path = r->opt->config;
    if (!config_path && !r->opt->no_config && cli_find_config(path, found, sizeof found))
        config_path = found;
    profile *p = find_profile(r, config_path);
    if (p)
        return p->rs ? p : NULL;
    profile *grown = realloc(r->profiles, (r->nprofiles + 1) * sizeof *grown);
    if (!grown)
        return NULL;
    r->profiles = grown;
    p = &r->profiles[r->nprofiles++];
    memset(p, 0, sizeof *p);
    p->config_path = config_path ? strdup(config_path) : NULL;
    fl_error err = FL_ERROR_INIT;
    int error = 0;
    if (config_path)
        error = fl_config_load(&p->config, NULL, config_path, &err);
    if (error == 0)
        error = build_ruleset(r->opt, p, &err);
    if (error < 0) {
        print_error(&err);
        fl_ruleset_free(p->rs);
        p->rs = NULL; /* remembered, so the error is reported once */
        r->stop = 1;  /* a broken rule or config file is fatal, as with a linter */
        return NULL;
    }
    return p;
}

static void free_profiles(run *r)
{
    for (size_t i = 0; i < r->nprofiles; i++) {
        fl_ruleset_free(r->profiles[i].rs);
        fl_config_free(r->profiles[i].config);
        free(r->profiles[i].config_path);
    }
    free(r->profiles);
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

static const char *language_for(const run *r, const profile *p)
{
    if (r->opt->language)
        return r->opt->language;
    if (p->config && fl_config_language(p->config)[0])
        return fl_config_language(p->config);
    return NULL;
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

static int write_stdout(void *payload, const char *data, size_t len)
{
    (void)payload;
    return fwrite(data, 1, len, stdout) == len ? FL_OK : FL_EIO;
}

/* One document linted: what the rest of the run needs from it. */
typedef struct linted {
    fl_document *doc;
    fl_findings *f;
} linted;

static int lint_text(run *r, profile *p, const char *path, const char *data,
                     size_t len, linted *out, fl_error *err)
{
    fl_lint_options lo = FL_LINT_OPTIONS_INIT;
    lo.language = language_for(r, p);
    int error = fl_document_new(&out->doc, NULL, path, data, len, FL_FORMAT_AUTO, err);
    if (error == 0)
        error = fl_lint(&out->f, p->rs, out->doc, &lo, err);
    return error;
}

static void linted_free(linted *l)
{
    fl_findings_free(l->f);
    fl_document_free(l->doc);
    l->f = NULL;
    l->doc = NULL;
}

/* --fix: rewrite, write back (or print, for stdin), and lint the result,
 * so what is reported and counted is what is left to do. */
static int fix(run *r, profile *p, const char *path, const char *shown, int is_stdin,
               const struct stat *before, linted *l, fl_error *err)
{
    text_buffer fixed = {NULL, 0, 0};
    size_t applied = 0;
    fl_sink sink = {write_buffer, &fixed};
    int error = fl_fix(l->doc, l->f, sink, &applied, err);
    char why[256] = "";
    if (error == 0 && is_stdin && fixed.len && fwrite(fixed.data, 1, fixed.len, stdout) != fixed.len)
        error = set_error(err, FL_EIO, "cannot write the fixed text");
    if (error == 0 && !is_stdin && applied &&
        cli_replace_file(path, before, fixed.data, fixed.len, why, sizeof why) < 0)
        error = set_error(err, FL_EIO, why);
    if (error == 0 && applied) {
        if (!is_stdin)
            fprintf(stderr, "framelint: %s: %zu rewrite%s applied\n", shown, applied,
                    applied == 1 ? "" : "s");
        linted_free(l);
        error = lint_text(r, p, path, fixed.data, fixed.len, l, err);
    }
    free(fixed.data);
    return error;
}

static fl_severity fail_level(const run *r, const profile *p)
{
    if (!r->opt->fail_on_given && p->config && fl_config_fail_on(p->config))
        return fl_config_fail_on(p->config);
    return r->opt->fail_on;
}

static int lint_data(run *r, profile *p, const char *path, const char *shown,
                     int is_stdin, const char *data, size_t len,
                     const struct stat *before)
{
    fl_error err = FL_ERROR_INIT;
    linted l = {NULL, NULL};
    int error = lint_text(r, p, path, data, len, &l, &err);
    if (error == 0)
        print_notices(l.doc, l.f, shown);
    if (error == 0 && r->opt->fix)
        error = fix(r, p, path, shown, is_stdin, before, &l, &err);
    if (error == 0 && r->opt->diff) {
        fl_sink out = {write_stdout, NULL};
        error = fl_fix_diff(l.doc, l.f, shown, out, NULL, &err);
    } else if (error == 0 && !(r->opt->fix && is_stdin)) {
        error = fl_reporter_add(r->reporter, l.doc, l.f, shown, &err);
    }
    fl_severity fail_on = fail_level(r, p);
    for (size_t i = 0; error == 0 && i < fl_findings_count(l.f); i++)
        r->failed |= fl_finding_severity(fl_findings_at(l.f, i)) >= fail_on;
    if (error < 0) {
        err.path = shown;
        print_error(&err);
        r->troubles++;
    }
    linted_free(&l);
    return FL_OK;
}

static int lint_file(void *payload, const char *path, int named)
{
    run *r = payload;
    int is_stdin = !strcmp(path, "-");
    const char *name = is_stdin && r->opt->stdin_filename ? r->opt->stdin_filename : path;
    profile *p = profile_for(r, name);
    if (!p)
        return r->stop ? -1 : 0;
    if (!named && p->config) {
        /* ignore globs are relative to the config's folder */
        const char *dir = fl_config_dir(p->config);
        size_t n = strlen(dir);
        const char *rel = strncmp(path, dir, n) == 0 && path[n] == '/' ? path + n + 1 : path;
        if (fl_config_ignores(p->config, rel))
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
    } else if (st == CLI_READ_BINARY) {
        fprintf(stderr, "framelint: %s: skipped: binary file (contains NUL bytes)\n", name);
    } else {
        lint_data(r, p, name, is_stdin && !r->opt->stdin_filename ? "-" : name,
                  is_stdin, data, len, &before);
    }
    free(data);
    return 0;
}

/* --- reporting and the informational commands --------------------------------- */

static void print_rule_table(const fl_ruleset *rs)
{
    int w = 4;
    for (size_t i = 0; i < fl_ruleset_count(rs); i++) {
        int n = (int)strlen(fl_rule_id(fl_ruleset_at(rs, i)));
        if (n > w)
            w = n;
    }
    printf("%-*s  %-14s  %-10s  %-4s  %-3s  %s\n", w, "RULE", "CATEGORY", "SEVERITY",
           "LANG", "FIX", "SUMMARY");
    for (size_t i = 0; i < fl_ruleset_count(rs); i++) {
        const fl_rule *x = fl_ruleset_at(rs, i);
        printf("%-*s  %-14s  %-10s  %-4s  %-3s  %s\n", w, fl_rule_id(x),
               fl_rule_category(x), fl_severity_name(fl_rule_severity(x)),
               fl_rule_language(x), fl_rule_can_fix(x) ? "yes" : "no",
               fl_rule_summary(x));
    }
}

static int explain(const fl_ruleset *rs, const char *id)
{
    const fl_rule *x = fl_ruleset_find(rs, id);
    if (!x) {
        fprintf(stderr, "framelint: no rule named '%s' (see framelint --list-rules)\n", id);
        return EXIT_TROUBLE;
    }
    printf("%s  (%s, %s, %s rule, language %s)\n\n%s\n\n", fl_rule_id(x),
           fl_rule_category(x), fl_severity_name(fl_rule_severity(x)),
           fl_rule_kind_name(fl_rule_kind_of(x)), fl_rule_language(x),
           fl_rule_explanation(x));
    for (int flag = 1; flag >= 0; flag--) {
        if (fl_rule_example_count(x, flag))
            printf("%s\n", flag ? "Flagged:" : "Not flagged:");
        for (size_t i = 0; i < fl_rule_example_count(x, flag); i++)
            printf("  %s %s\n", flag ? "-" : "+", fl_rule_example(x, flag, i));
        if (fl_rule_example_count(x, flag))
            printf("\n");
    }
    printf("Guidance: %s (docs/guidance.md restates the GFMD 2019 advice)\n",
           fl_rule_guidance(x));
    if (fl_rule_source(x)[0])
        printf("Sources: %s\n", fl_rule_source(x));
    printf("Defined in: %s\n", fl_rule_file(x));
    return EXIT_CLEAN;
}

static int info_command(run *r)
{
    profile *p = profile_for(r, ".");
    if (!p)
        return EXIT_TROUBLE;
    if (r->opt->list_rules) {
        print_rule_table(p->rs);
        return EXIT_CLEAN;
    }
    return explain(p->rs, r->opt->explain);
}

static int lint_paths(run *r, int npaths, char **paths)
{
    fl_error err = FL_ERROR_INIT;
    unsigned flags = r->opt->format == FL_REPORT_TEXT && cli_use_color(r->opt->color)
                         ? FL_REPORT_COLOR : 0;
    fl_sink sink = {write_stdout, NULL};
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
        if (cli_walk(paths[i], lint_file, r, &r->troubles) < 0)
            r->stop = 1;
    }
    if (!r->stop && fl_reporter_finish(r->reporter, &err) < 0) {
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
    options o;
    int code = parse_args(&o, argc, argv);
    run r;
    memset(&r, 0, sizeof r);
    r.opt = &o;
    if (code >= 0) {
        /* usage, help or version */
    } else if (o.list_rules || o.explain) {
        code = info_command(&r);
    } else if (optind == argc && cli_stdin_is_tty()) {
        code = usage_error("no input: give files or folders, or pipe text to stdin");
    } else {
        code = lint_paths(&r, argc - optind, argv + optind);
    }
    free_profiles(&r);
    free(o.rules);
    fflush(stdout);
    return code;
}

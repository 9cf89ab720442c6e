/*
 * framelint: the command. Parses arguments, builds one ruleset per config
 * file, lints each file and reports; decides the exit code. It contains no
 * linting logic and includes only the public header.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void print_error(const fl_error *err)
{
    char msg[512];
    fl_error_format(err, msg, sizeof msg);
    fprintf(stderr, "framelint: %s\n", msg);
}

enum { OPT_STDIN_FILENAME = 256, OPT_NO_DEFAULT_RULES, OPT_CONFIG, OPT_NO_CONFIG,
       OPT_LANG, OPT_FAIL_ON, OPT_COLOR, OPT_LIST_RULES, OPT_EXPLAIN, OPT_VERSION };

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

static int lint_data(run *r, profile *p, const char *path, const char *shown,
                     const char *data, size_t len)
{
    fl_error err = FL_ERROR_INIT;
    fl_document *doc = NULL;
    fl_findings *f = NULL;
    fl_lint_options lo = FL_LINT_OPTIONS_INIT;
    lo.language = language_for(r, p);
    int error = fl_document_new(&doc, NULL, path, data, len, FL_FORMAT_AUTO, &err);
    if (error == 0)
        error = fl_lint(&f, p->rs, doc, &lo, &err);
    if (error == 0) {
        print_notices(doc, f, shown);
        error = fl_reporter_add(r->reporter, doc, f, shown, &err);
    }
    fl_severity fail_on = r->opt->fail_on;
    if (!r->opt->fail_on_given && p->config && fl_config_fail_on(p->config))
        fail_on = fl_config_fail_on(p->config);
    for (size_t i = 0; error == 0 && i < fl_findings_count(f); i++)
        r->failed |= fl_finding_severity(fl_findings_at(f, i)) >= fail_on;
    if (error < 0) {
        err.path = shown;
        print_error(&err);
        r->troubles++;
    }
    fl_findings_free(f);
    fl_document_free(doc);
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
    cli_read_status st = cli_read(path, &data, &len, why, sizeof why);
    if (st == CLI_READ_ERROR) {
        fprintf(stderr, "framelint: %s: %s\n", name, why);
        r->troubles++;
    } else if (st == CLI_READ_BINARY) {
        fprintf(stderr, "framelint: %s: skipped: binary file (contains NUL bytes)\n", name);
    } else {
        lint_data(r, p, name, is_stdin && !r->opt->stdin_filename ? "-" : name, data, len);
    }
    free(data);
    return 0;
}

/* --- reporting and the informational commands --------------------------------- */

static int write_stdout(void *payload, const char *data, size_t len)
{
    (void)payload;
    return fwrite(data, 1, len, stdout) == len ? FL_OK : FL_EIO;
}

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
    printf("Guidance: %s (see the GFMD 2019 guide, as restated in docs/guidance.md)\n",
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

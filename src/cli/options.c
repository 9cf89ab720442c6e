/*
 * options: the command line — the help text, getopt_long's table, and the
 * messages for a wrong option or value. Nothing here reads files or lints.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_usage_error(const char *message)
{
    fprintf(stderr, "framelint: %s\nTry 'framelint --help' for more information.\n",
            message);
    return EXIT_TROUBLE;
}

int cli_no_memory(void)
{
    fprintf(stderr, "framelint: out of memory\n");
    return EXIT_TROUBLE;
}

static const char usage_text[] =
    "usage: framelint [options] [path ...]\n"
    "       framelint lsp       run as a language server for editors\n"
    "\n"
    "Checks drafts about migration (Markdown, HTML, plain text, Word,\n"
    "OpenDocument) for language that hardens a polarised narrative, and\n"
    "suggests rewrites. Folders are searched for .md .markdown .txt .html\n"
    ".htm .docx .docm .odt files; '-' or piped input reads stdin.\n"
    "\n"
    "options:\n"
    "  -f, --format FORMAT     text (default), gnu, json, jsonl, html (a page\n"
    "                          to read), or for CI: sarif (code scanning),\n"
    "                          checkstyle (XML) or github (Actions annotations)\n"
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

int cli_print_help(const cli_options *o, cli_out *out)
{
    if (o->help)
        return cli_out_write(out, usage_text, sizeof usage_text - 1);
    return o->version ? cli_out_printf(out, "framelint %s\n", FL_VERSION_STRING) : FL_OK;
}

static int bad_value(const char *what, const char *arg, const char *choices)
{
    char msg[256];
    snprintf(msg, sizeof msg, "unknown %s '%s' (%s)", what, arg, choices);
    return cli_usage_error(msg);
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

/* "FR", "fr-BE" and "fr_BE" all mean the rules of language "fr", as a
 * document's own lang="fr-BE" does. */
static int parse_language(cli_options *o, const char *arg)
{
    size_t n = strcspn(arg, "-_");
    if (n == 0 || n >= sizeof o->language_buf)
        return bad_value("language", arg, "a code such as en, fr, es or de");
    for (size_t i = 0; i < n; i++)
        o->language_buf[i] = (char)tolower((unsigned char)arg[i]);
    o->language_buf[n] = '\0';
    o->language = o->language_buf;
    return -1;
}

/* Returns -1 to go on, or the exit code to leave with. */
static int parse_option(cli_options *o, int c, const char *arg)
{
    int color;
    switch (c) {
    case 'f':
        if (fl_report_format_parse(&o->format, arg) < 0)
            return bad_value("format", arg, "text, gnu, json, jsonl, sarif, checkstyle, github, html");
        return -1;
    case 'r': o->rules[o->nrules++] = arg; return -1;
    case OPT_STDIN_FILENAME: o->stdin_filename = arg; return -1;
    case OPT_NO_DEFAULT_RULES: o->no_default_rules = 1; return -1;
    case OPT_CONFIG: o->config = arg; return -1;
    case OPT_NO_CONFIG: o->no_config = 1; return -1;
    case OPT_LANG: return parse_language(o, arg);
    case OPT_FAIL_ON:
        if (fl_severity_parse(&o->fail_on, arg) < 0)
            return bad_value("level", arg, "error, warning, suggestion");
        if (o->fail_on == FL_SEVERITY_OFF)
            return cli_usage_error("--fail-on off is not a level to fail at: use error, "
                               "warning or suggestion");
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
    case 'h': o->help = 1; return EXIT_CLEAN;
    case OPT_VERSION: o->version = 1; return EXIT_CLEAN;
    default: return cli_usage_error("invalid option");
    }
}

/* Long options that `prefix` (without "--") abbreviates, as getopt_long
 * counts them: several names for one option (listed next to each other in
 * the table) are one match. */
static size_t count_prefix_matches(const char *prefix, size_t len)
{
    size_t n = 0;
    for (const struct option *x = long_options; x->name; x++) {
        if (strncmp(x->name, prefix, len) == 0 && (x == long_options || x[-1].val != x->val))
            n++;
    }
    return n;
}

static int long_value(int val)
{
    for (const struct option *x = long_options; x->name; x++) {
        if (x->val == val)
            return 1;
    }
    return 0;
}

/* getopt_long's error, in words. It leaves optopt 0 for a long option it does
 * not know (or that is ambiguous), the option's value for a long option given
 * a value it does not take or missing one, and the letter for a short option;
 * a short option's letter may sit inside a bundle ("-zh"), where argv[optind - 1]
 * is not the argument at fault. */
static int option_error(int c, char **argv)
{
    const char *arg = argv[optind - 1];
    int is_long = arg[0] == '-' && arg[1] == '-' && (optopt == 0 || long_value(optopt));
    char name[64], msg[160];
    if (is_long)
        snprintf(name, sizeof name, "%.*s", (int)strcspn(arg, "="), arg);
    else
        snprintf(name, sizeof name, "-%c", optopt);
    if (c == ':')
        snprintf(msg, sizeof msg, "option '%s' needs a value", name);
    else if (is_long && optopt != 0)
        snprintf(msg, sizeof msg, "option '%s' takes no value", name);
    else if (is_long && count_prefix_matches(name + 2, strlen(name + 2)) > 1)
        snprintf(msg, sizeof msg, "option '%s' is ambiguous; write it out in full", name);
    else
        snprintf(msg, sizeof msg, "unknown option '%s'", name);
    return cli_usage_error(msg);
}

int cli_parse_args(cli_options *o, int argc, char **argv)
{
    memset(o, 0, sizeof *o);
    o->format = FL_REPORT_TEXT;
    o->fail_on = FL_SEVERITY_WARNING;
    o->rules = calloc((size_t)argc, sizeof *o->rules);
    if (!o->rules)
        return cli_no_memory();
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":f:r:h", long_options, NULL)) != -1) {
        if (c == ':' || c == '?')
            return option_error(c, argv);
        int done = parse_option(o, c, optarg);
        if (done >= 0)
            return done;
    }
    if (o->fix && o->diff)
        return cli_usage_error("--fix and --diff do not go together: --diff shows what "
                               "--fix would do");
    o->first_path = optind;
    return -1;
}


/*
 * lsp_rules: configs found and loaded as the command line finds them, and a
 * compiled ruleset per config and language. Errors become messages for the
 * editor; nothing is printed.
 */
#include "lsp_rules.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

/* A ruleset compiled for one language under one config, or why it could
 * not be. */
typedef struct profile {
    char *language;
    fl_ruleset *rs;
    char *problem;
} profile;

/* One config file (or none: path NULL) as loaded, with what was compiled
 * under it. */
typedef struct settings {
    char *path;
    struct stat st; /* as loaded, to notice a change */
    fl_config *config;
    char *problem;  /* the config does not load */
    profile *profiles;
    size_t nprofiles;
} settings;

struct lsp_rules {
    settings *settings;
    size_t nsettings;
};

lsp_rules *lsp_rules_new(void)
{
    return calloc(1, sizeof(lsp_rules));
}

static void settings_free(settings *s)
{
    for (size_t i = 0; i < s->nprofiles; i++) {
        fl_ruleset_free(s->profiles[i].rs);
        free(s->profiles[i].language);
        free(s->profiles[i].problem);
    }
    free(s->profiles);
    fl_config_free(s->config);
    free(s->path);
    free(s->problem);
}

void lsp_rules_forget(lsp_rules *c)
{
    for (size_t i = 0; i < c->nsettings; i++)
        settings_free(&c->settings[i]);
    free(c->settings);
    c->settings = NULL;
    c->nsettings = 0;
}

void lsp_rules_free(lsp_rules *c)
{
    if (!c)
        return;
    lsp_rules_forget(c);
    free(c);
}

static char *copy(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* The config that governs `path`, into `out`; 1 if there is one, 0 if
 * none, -1 if memory ran out while looking (which must not read as "no
 * config": the findings would silently follow other settings). */
static int config_path(const char *path, char *out, size_t size)
{
    errno = 0;
    if (path && cli_find_config(path, out, size))
        return 1;
    return errno == ENOMEM ? -1 : 0;
}

static int same_path(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

static settings *find_settings(lsp_rules *c, const char *config)
{
    for (size_t i = 0; i < c->nsettings; i++) {
        if (same_path(c->settings[i].path, config))
            return &c->settings[i];
    }
    return NULL;
}

static int same_file(const struct stat *a, const struct stat *b)
{
    return a->st_ino == b->st_ino && a->st_dev == b->st_dev && a->st_size == b->st_size &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

int lsp_rules_changed(lsp_rules *c, const char *path)
{
    char found[4096];
    if (config_path(path, found, sizeof found) != 1)
        return 0;
    const settings *s = find_settings(c, found);
    struct stat st;
    return s && (stat(found, &st) != 0 || !same_file(&st, &s->st));
}

static char *format_error(const fl_error *err)
{
    char msg[512];
    fl_error_format(err, msg, sizeof msg);
    return strdup(msg);
}

/* Loads the config at `config` (NULL: none) into a new entry; NULL when out
 * of memory. A config that fails to load is an entry with a problem. */
static settings *load_settings(lsp_rules *c, const char *config)
{
    settings *grown = realloc(c->settings, (c->nsettings + 1) * sizeof *grown);
    if (!grown)
        return NULL;
    c->settings = grown;
    settings *s = &c->settings[c->nsettings];
    memset(s, 0, sizeof *s);
    s->path = copy(config);
    if (config && !s->path)
        return NULL;
    c->nsettings++;
    fl_error err = FL_ERROR_INIT;
    if (config && (stat(config, &s->st) != 0 || fl_config_load(&s->config, NULL, config, &err) < 0)) {
        if (!err.code)
            snprintf(err.message, sizeof err.message, "cannot read the config file");
        err.path = config;
        s->problem = format_error(&err);
    }
    return s;
}

/* As the command line checks: a ruleset that checks nothing would make
 * every draft look clean. */
static int coverage(const settings *s, const fl_ruleset *rs, fl_error *err)
{
    const char *wanted = s->config ? fl_config_language(s->config) : "";
    int found = !wanted[0];
    for (size_t i = 0; i < fl_ruleset_count(rs) && !found; i++)
        found = !strcmp(fl_rule_language(fl_ruleset_at(rs, i)), wanted);
    err->path = s->path;
    if (fl_ruleset_count(rs) == 0)
        snprintf(err->message, sizeof err->message,
                 "no rules to check with: 'default-rules: false' needs rule-files");
    else if (!found)
        snprintf(err->message, sizeof err->message,
                 "language '%s': no rule file for that language is loaded", wanted);
    else
        return FL_OK;
    return err->code = FL_EINVAL;
}

static int compile(const settings *s, const char *language, fl_ruleset **out, fl_error *err)
{
    int error = fl_ruleset_new(out, NULL, err);
    if (error == 0 && (!s->config || fl_config_default_rules(s->config)))
        error = fl_ruleset_add_default_language(*out, language, err);
    if (error == 0 && s->config)
        error = fl_config_apply(s->config, *out, err);
    if (error == 0)
        error = fl_ruleset_compile(*out, err);
    if (error == 0)
        error = coverage(s, *out, err);
    return error;
}

/* The profile for `language` under `s`, compiled on first use; NULL when out
 * of memory. */
static profile *find_profile(settings *s, const char *language)
{
    for (size_t i = 0; i < s->nprofiles; i++) {
        if (!strcmp(s->profiles[i].language, language))
            return &s->profiles[i];
    }
    profile *grown = realloc(s->profiles, (s->nprofiles + 1) * sizeof *grown);
    if (!grown)
        return NULL;
    s->profiles = grown;
    profile *p = &s->profiles[s->nprofiles];
    memset(p, 0, sizeof *p);
    if (!(p->language = strdup(language)))
        return NULL;
    s->nprofiles++;
    fl_error err = FL_ERROR_INIT;
    if (compile(s, language, &p->rs, &err) < 0) {
        fl_ruleset_free(p->rs);
        p->rs = NULL;
        p->problem = format_error(&err);
    }
    return p;
}

static int problem_of(const char *what, char *problem, size_t size)
{
    snprintf(problem, size, "%s", what ? what : "out of memory");
    return -1;
}

int lsp_rules_lint(lsp_rules *c, const char *path, const fl_document *doc, fl_findings **out,
                   char *problem, size_t problem_size)
{
    char found[4096];
    int have_config = config_path(path, found, sizeof found);
    if (have_config < 0)
        return problem_of(NULL, problem, problem_size);
    const char *config = have_config ? found : NULL;
    settings *s = find_settings(c, config);
    if (!s && !(s = load_settings(c, config)))
        return problem_of(NULL, problem, problem_size);
    if (s->problem)
        return problem_of(s->problem, problem, problem_size);
    fl_lint_options lo = FL_LINT_OPTIONS_INIT;
    lo.language = s->config && fl_config_language(s->config)[0] ? fl_config_language(s->config)
                  : fl_document_language(doc)[0]                 ? fl_document_language(doc)
                                                                 : "en";
    profile *p = find_profile(s, lo.language);
    if (!p || !p->rs)
        return problem_of(p ? p->problem : NULL, problem, problem_size);
    fl_error err = FL_ERROR_INIT;
    if (fl_lint(out, p->rs, doc, &lo, &err) < 0) {
        fl_error_format(&err, problem, problem_size);
        return -1;
    }
    return 0;
}

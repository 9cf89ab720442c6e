/*
 * profiles: the command's configs (one per .framelint.yml found, loaded once)
 * and compiled rulesets (one per config and language, built on first use and
 * shared by every thread that lints). Errors are kept, not printed: the
 * command reports them in input order.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* A compiled ruleset for one config and one language (NULL: every
 * language), or why it could not be built. */
typedef struct profile {
    const cli_settings *settings;
    char *language;
    fl_ruleset *rs;    /* kept when building it failed: err.path may point into it */
    int failed;
    fl_error err;      /* why it failed */
} profile;

struct cli_profiles {
    const cli_options *opt;
    cli_settings **settings; /* the main thread's only */
    size_t nsettings;
    pthread_mutex_t lock;    /* guards profiles: workers build rulesets */
    profile **profiles;
    size_t nprofiles;
    /* The last folder whose config was looked for, and what was found: a
     * walk hands over a folder's files one after another, and the search
     * (realpath, then a stat in every folder up to the root) was half the
     * system calls made per file. The main thread's only, like settings. */
    char *last_folder;
    int last_found;
    char last_config[4096];
    cli_heap *heap;          /* what the rulesets are built in; NULL: malloc */
};

/* AddressSanitizer finds overruns only in blocks it handed out itself, so
 * its builds build rulesets with malloc. */
#if defined(__SANITIZE_ADDRESS__)
#define FL_RULESETS_IN_HEAP 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FL_RULESETS_IN_HEAP 0
#endif
#endif
#ifndef FL_RULESETS_IN_HEAP
#define FL_RULESETS_IN_HEAP 1
#endif

int cli_set_error(fl_error *err, int code, const char *message)
{
    err->code = code;
    snprintf(err->message, sizeof err->message, "%s", message);
    err->line = err->column = 0;
    return code;
}

int cli_profiles_new(cli_profiles **out, const cli_options *o)
{
    cli_profiles *c = calloc(1, sizeof *c);
    if (c && pthread_mutex_init(&c->lock, NULL) != 0) {
        free(c);
        c = NULL;
    }
    if (c) {
        c->opt = o;
        /* Room for the built-in rules of every language with a margin: a
         * ruleset that outgrows it goes on in malloc's memory. */
        c->heap = FL_RULESETS_IN_HEAP ? cli_heap_new((size_t)2 << 20) : NULL;
    }
    *out = c;
    return c ? 0 : -1;
}

void cli_profiles_free(cli_profiles *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nprofiles; i++) {
        fl_ruleset_free(c->profiles[i]->rs);
        free(c->profiles[i]->language);
        free(c->profiles[i]);
    }
    for (size_t i = 0; i < c->nsettings; i++) {
        fl_config_free(c->settings[i]->config);
        free(c->settings[i]->path);
        free(c->settings[i]);
    }
    free(c->profiles);
    free(c->settings);
    free(c->last_folder);
    pthread_mutex_destroy(&c->lock);
    cli_heap_free(c->heap); /* after the rulesets built in it */
    free(c);
}

/* --- configs ------------------------------------------------------------------ */

static const cli_settings *no_memory(fl_error *err)
{
    err->path = NULL;
    cli_set_error(err, FL_ENOMEM, "out of memory");
    return NULL;
}

static cli_settings *find_settings(cli_profiles *c, const char *config_path)
{
    for (size_t i = 0; i < c->nsettings; i++) {
        const char *have = c->settings[i]->path;
        if ((!have && !config_path) || (have && config_path && !strcmp(have, config_path)))
            return c->settings[i];
    }
    return NULL;
}

/* The config that governs `path`: 1 and its path in c->last_config, 0 if
 * none, -1 when out of memory. */
static int find_config(cli_profiles *c, const char *path)
{
    char *folder = cli_config_folder(path);
    if (!folder)
        return -1;
    if (c->last_folder && !strcmp(folder, c->last_folder)) {
        free(folder);
        return c->last_found;
    }
    free(c->last_folder);
    c->last_folder = NULL;
    errno = 0;
    int found = cli_find_config_in(folder, c->last_config, sizeof c->last_config);
    if (!found && errno == ENOMEM) {
        free(folder);
        return -1;
    }
    c->last_folder = folder;
    c->last_found = found;
    return found;
}

const cli_settings *cli_settings_for(cli_profiles *c, const char *path, fl_error *err)
{
    const char *config_path = c->opt->config;
    int have_config = !config_path && !c->opt->no_config ? find_config(c, path) : 0;
    if (have_config < 0)
        return no_memory(err);
    if (have_config)
        config_path = c->last_config;
    cli_settings *s = find_settings(c, config_path);
    if (s) {
        *err = s->err;
        return s->failed ? NULL : s;
    }
    cli_settings **grown = realloc(c->settings, (c->nsettings + 1) * sizeof *grown);
    if (grown)
        c->settings = grown;
    if (!grown || !(s = calloc(1, sizeof *s)))
        return no_memory(err);
    if (config_path && !(s->path = strdup(config_path))) {
        free(s);
        return no_memory(err);
    }
    c->settings[c->nsettings++] = s;
    /* Loaded under its own copy of the path, which the error (reported
     * later, in input order) borrows. */
    if (config_path && fl_config_load(&s->config, NULL, s->path, &s->err) < 0) {
        s->failed = 1;
        *err = s->err;
        return NULL;
    }
    return s;
}

/* --- rulesets ----------------------------------------------------------------- */

/* The built-in rules are wanted unless --no-default-rules or the config's
 * `default-rules: false` says otherwise. */
static int wants_defaults(const cli_options *o, const fl_config *cfg)
{
    return !o->no_default_rules && (!cfg || fl_config_default_rules(cfg));
}

static int build_ruleset(const cli_options *o, profile *p, const fl_allocator *alloc,
                         fl_error *err)
{
    const fl_config *cfg = p->settings->config;
    int error = fl_ruleset_new(&p->rs, alloc, err);
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
        return cli_set_error(err, FL_EINVAL, o->no_default_rules
            ? "no rules to check with: --no-default-rules needs --rules or a config's rule-files"
            : "no rules to check with: 'default-rules: false' needs rule-files or --rules");
    }
    if (o->language && !has_language(p->rs, o->language)) {
        snprintf(msg, sizeof msg, "--lang %s: no rule file for language '%s' is loaded",
                 o->language, o->language);
        return cli_set_error(err, FL_EINVAL, msg);
    }
    const fl_config *cfg = p->settings->config;
    const char *wanted = cfg ? fl_config_language(cfg) : "";
    if (!o->language && wanted[0] && !has_language(p->rs, wanted)) {
        err->path = p->settings->path;
        snprintf(msg, sizeof msg, "language '%s': no rule file for that language is loaded",
                 wanted);
        return cli_set_error(err, FL_EINVAL, msg);
    }
    return FL_OK;
}

static int same_language(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* A new profile, built; NULL when out of memory. Called with the lock held. */
static profile *add_profile(cli_profiles *c, const cli_settings *s, const char *language)
{
    profile **grown = realloc(c->profiles, (c->nprofiles + 1) * sizeof *grown);
    if (grown)
        c->profiles = grown;
    profile *p = grown ? calloc(1, sizeof *p) : NULL;
    if (p && language && !(p->language = strdup(language))) {
        free(p);
        p = NULL;
    }
    if (!p)
        return NULL;
    c->profiles[c->nprofiles++] = p;
    p->settings = s;
    p->err = (fl_error)FL_ERROR_INIT;
    /* A failure is remembered, so the ruleset is built (and fails) once. */
    p->failed = build_ruleset(c->opt, p, cli_heap_allocator(c->heap), &p->err) < 0 ||
                check_coverage(c->opt, p, &p->err) < 0;
    return p;
}

/* Built under the lock: two threads that need the same ruleset build it
 * once, and a build is rare (one per config and language) next to the
 * files it serves. */
const fl_ruleset *cli_ruleset_for(cli_profiles *c, const cli_settings *s, const char *language,
                                  fl_error *err)
{
    profile *p = NULL;
    pthread_mutex_lock(&c->lock);
    for (size_t i = 0; i < c->nprofiles && !p; i++) {
        if (c->profiles[i]->settings == s && same_language(c->profiles[i]->language, language))
            p = c->profiles[i];
    }
    if (!p)
        p = add_profile(c, s, language);
    pthread_mutex_unlock(&c->lock);
    if (!p) {
        no_memory(err);
        return NULL;
    }
    if (p->failed)
        *err = p->err;
    return p->failed ? NULL : p->rs;
}

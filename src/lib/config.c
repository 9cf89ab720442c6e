/*
 * config: `.framelint.yml`, a team's settings for the drafts below it —
 * language, fail level, extra rule files, severities, allowed words and
 * ignored paths. Parsed with the same strict schema helpers as rule files,
 * and every setting remembers its line so a bad one is reported where it is.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "schema.h"

/* A setting with the position it came from. */
typedef struct setting {
    const char *key;
    const char *value;
    unsigned line, column;
    /* rule-files only: `value` resolved against the config's folder, kept
     * in the config because an error about that file borrows it */
    const char *path;
} setting;

typedef FL_VEC(setting) setting_vec;

struct fl_config {
    fl_allocator allocator;
    const fl_allocator *alloc;
    fl_arena arena;
    const char *path;
    const char *dir;
    const char *language;
    fl_severity fail_on;
    int default_rules;
    setting_vec rule_files;
    setting_vec severities;
    setting_vec allowed;
    setting_vec names;
    setting_vec ignored;
};

/* The longest ignore pattern, in bytes: the matcher keeps one flag per
 * pattern byte on the stack. */
#define MAX_GLOB_BYTES 1024

static const char *const config_keys[] = {"language", "fail-on", "default-rules",
                                          "rule-files", "rules", "allow", "names",
                                          "ignore", NULL};

static const char *dirname_of(fl_arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return fl__arena_strdup(a, ".");
    return fl__arena_strndup(a, path, slash == path ? 1 : (size_t)(slash - path));
}

static int push(fl_config *cfg, setting_vec *v, const char *key, const char *value,
                const fl_ynode *at)
{
    setting s = {key, value, at->line, at->column, NULL};
    return FL_VEC_PUSH(cfg->alloc, v, s);
}

static int string_list(fl_config *cfg, const fl_schema *s, const fl_ynode *root,
                       const char *key, setting_vec *out)
{
    const fl_ynode *v = fl__ynode_get(root, key);
    if (!v)
        return FL_OK;
    /* The schema says a list: `ignore: 5` or `allow: influx` is more often
     * a slip than a list of one, and it is easy to write as one. */
    if (v->kind != FL_YNODE_SEQ)
        return fl__schema_fail(s, v, "'%s' must be a list, such as [%.*s] or one "
                               "'- ' line per entry", key,
                               v->kind == FL_YNODE_SCALAR ? (int)v->len : 3,
                               v->kind == FL_YNODE_SCALAR ? v->str : "...");
    fl_strlist items;
    int error = fl__schema_strlist(s, v, key, &items);
    const fl_ynode *at = fl__ynode_first(v);
    for (size_t i = 0; i < items.count && error == 0; i++, at = fl__ynode_next(at)) {
        if (push(cfg, out, key, items.items[i], at) < 0)
            error = fl__error_nomem(s->err);
    }
    return error;
}

static int severities(fl_config *cfg, const fl_schema *s, const fl_ynode *v)
{
    static const char *const names[] = {"off", "suggestion", "warning", "error", NULL};
    if (v->kind != FL_YNODE_MAP)
        return fl__schema_fail(s, v, "'rules' must map rule ids, rulesets or "
                               "categories to off, suggestion, warning or error");
    const fl_ynode *k = fl__ynode_first(v);
    for (size_t i = 0; i < v->count; i++, k = fl__ynode_next(fl__ynode_next(k))) {
        const fl_ynode *val = fl__ynode_next(k);
        int sev = 0;
        int error = fl__schema_enum(s, val, k->str, names, &sev);
        const char *key = fl__arena_strdup(&cfg->arena, k->str);
        if (error == 0 && (!key || push(cfg, &cfg->severities, key, names[sev], k) < 0))
            error = fl__error_nomem(s->err);
        if (error < 0)
            return error;
    }
    return FL_OK;
}

static int scalars(fl_config *cfg, const fl_schema *s, const fl_ynode *root)
{
    static const char *const sev_names[] = {"suggestion", "warning", "error", NULL};
    static const char *const bools[] = {"false", "true", NULL};
    const fl_ynode *v;
    int error = 0, k = 0;
    if ((v = fl__ynode_get(root, "language")))
        error = fl__schema_ident(s, v, "language", &cfg->language);
    if (error == 0 && (v = fl__ynode_get(root, "fail-on"))) {
        error = fl__schema_enum(s, v, "fail-on", sev_names, &k);
        cfg->fail_on = (fl_severity)(k + 1);
    }
    if (error == 0 && (v = fl__ynode_get(root, "default-rules"))) {
        error = fl__schema_enum(s, v, "default-rules", bools, &k);
        cfg->default_rules = k;
    }
    return error;
}

static int resolve_rule_files(fl_config *cfg, fl_error *err)
{
    fl_buf path = FL_BUF_INIT(cfg->alloc);
    int error = 0;
    for (size_t i = 0; i < cfg->rule_files.len && error == 0; i++) {
        setting *s = &cfg->rule_files.ptr[i];
        fl__buf_clear(&path);
        error = s->value[0] == '/' ? fl__buf_puts(&path, s->value)
                                   : fl__buf_printf(&path, "%s/%s", cfg->dir, s->value);
        if (error == 0 && !(s->path = fl__arena_strdup(&cfg->arena, fl__buf_cstr(&path))))
            error = FL_ENOMEM;
    }
    fl__buf_free(&path);
    return error < 0 ? fl__error_nomem(err) : FL_OK;
}

static int parse(fl_config *cfg, const char *path, const char *data, size_t len,
                 fl_error *err)
{
    fl_schema s = {path, err, &cfg->arena, 0};
    fl_arena tree = FL_ARENA_INIT(cfg->alloc);
    const fl_ynode *root = NULL;
    int error = fl__yaml_parse(&root, &tree, path, data, len, err);
    if (error == 0 && root)
        error = fl__schema_keys(&s, root, "a .framelint.yml file", config_keys);
    if (error == 0 && root)
        error = scalars(cfg, &s, root);
    if (error == 0 && root)
        error = string_list(cfg, &s, root, "rule-files", &cfg->rule_files);
    if (error == 0 && root)
        error = string_list(cfg, &s, root, "allow", &cfg->allowed);
    if (error == 0 && root)
        error = string_list(cfg, &s, root, "names", &cfg->names);
    if (error == 0 && root)
        error = string_list(cfg, &s, root, "ignore", &cfg->ignored);
    for (size_t i = 0; i < cfg->ignored.len && error == 0; i++) {
        const setting *g = &cfg->ignored.ptr[i];
        if (strlen(g->value) > MAX_GLOB_BYTES)
            error = fl__error_set(err, FL_ELIMIT, path, g->line, g->column, 0,
                                  "ignore pattern is longer than %d bytes "
                                  "(MAX_GLOB_BYTES)", MAX_GLOB_BYTES);
    }
    const fl_ynode *v;
    if (error == 0 && root && (v = fl__ynode_get(root, "rules")))
        error = severities(cfg, &s, v);
    if (error == 0)
        error = resolve_rule_files(cfg, err);
    fl__arena_free(&tree);
    return error;
}

int fl_config_parse(fl_config **out, const fl_allocator *alloc, const char *path,
                    const char *data, size_t len, fl_error *err)
{
    if (!out || (!data && len))
        return fl__error_set(err, FL_EINVAL, path, 0, 0, 0, "bad config arguments");
    *out = NULL;
    const fl_allocator *a = fl__allocator_or_default(alloc);
    fl_config *cfg = fl__calloc(a, 1, sizeof *cfg);
    if (!cfg)
        return fl__error_nomem(err);
    cfg->allocator = *a;
    cfg->alloc = &cfg->allocator;
    cfg->arena = (fl_arena)FL_ARENA_INIT(cfg->alloc);
    cfg->default_rules = 1;
    cfg->language = "";
    const char *name = path ? path : ".framelint.yml";
    cfg->path = fl__arena_strdup(&cfg->arena, name);
    cfg->dir = cfg->path ? dirname_of(&cfg->arena, cfg->path) : NULL;
    int error = cfg->dir ? parse(cfg, name, data ? data : "", len, err)
                         : fl__error_nomem(err);
    if (error < 0) {
        fl_config_free(cfg);
        return error;
    }
    *out = cfg;
    return FL_OK;
}

int fl_config_load(fl_config **out, const fl_allocator *alloc, const char *path,
                   fl_error *err)
{
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f)
        return fl__error_set(err, FL_EIO, path, 0, 0, 0, "cannot open the config file");
    fl_buf data = FL_BUF_INIT(fl__allocator_or_default(alloc));
    char chunk[16384];
    size_t n;
    int error = 0;
    while (error == 0 && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (data.len + n > FL_YAML_MAX_BYTES)
            error = fl__error_set(err, FL_ELIMIT, path, 0, 0, 0,
                                  "config file is larger than 16 MiB");
        else if (fl__buf_put(&data, chunk, n) < 0)
            error = fl__error_nomem(err);
    }
    if (error == 0 && ferror(f))
        error = fl__error_set(err, FL_EIO, path, 0, 0, 0, "cannot read the config file");
    fclose(f);
    if (error == 0)
        error = fl_config_parse(out, alloc, path, fl__buf_cstr(&data), data.len, err);
    fl__buf_free(&data);
    return error;
}

void fl_config_free(fl_config *cfg)
{
    if (!cfg)
        return;
    FL_VEC_FREE(cfg->alloc, &cfg->rule_files);
    FL_VEC_FREE(cfg->alloc, &cfg->severities);
    FL_VEC_FREE(cfg->alloc, &cfg->allowed);
    FL_VEC_FREE(cfg->alloc, &cfg->names);
    FL_VEC_FREE(cfg->alloc, &cfg->ignored);
    fl__arena_free(&cfg->arena);
    fl_allocator a = cfg->allocator;
    fl__free(&a, cfg);
}

/* Re-anchors an error from the ruleset at the config line that caused it. */
static int at_setting(const fl_config *cfg, const setting *s, int code, fl_error *err)
{
    if (err && (!err->path || !err->line)) {
        err->path = cfg->path;
        err->line = s->line;
        err->column = s->column;
    }
    return code;
}

int fl_config_apply(const fl_config *cfg, fl_ruleset *rs, fl_error *err)
{
    /* A config without settings would otherwise "apply" to no ruleset. */
    if (!cfg || !rs)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "no config or no ruleset");
    int error = 0;
    for (size_t i = 0; i < cfg->rule_files.len && error == 0; i++) {
        const setting *s = &cfg->rule_files.ptr[i];
        error = fl_ruleset_add_path(rs, s->path, err);
        if (error == FL_EIO) {
            char why[sizeof err->message] = "not readable";
            if (err) /* the ruleset's reason, kept before err is rewritten */
                memcpy(why, err->message, sizeof why);
            why[sizeof why - 1] = '\0';
            error = fl__error_set(err, FL_EIO, cfg->path, s->line, s->column, 0,
                                  "cannot read the rule file '%s' (looked for %s): %s",
                                  s->value, s->path, why);
        }
    }
    for (size_t i = 0; i < cfg->severities.len && error == 0; i++) {
        const setting *s = &cfg->severities.ptr[i];
        fl_severity sev = FL_SEVERITY_OFF;
        fl_severity_parse(&sev, s->value);
        error = fl_ruleset_set_severity(rs, s->key, sev, err);
        if (error < 0)
            error = at_setting(cfg, s, error, err);
    }
    for (size_t i = 0; i < cfg->allowed.len && error == 0; i++) {
        error = fl_ruleset_allow(rs, cfg->allowed.ptr[i].value, err);
        if (error < 0)
            error = at_setting(cfg, &cfg->allowed.ptr[i], error, err);
    }
    for (size_t i = 0; i < cfg->names.len && error == 0; i++) {
        error = fl_ruleset_add_name(rs, cfg->names.ptr[i].value, err);
        if (error < 0)
            error = at_setting(cfg, &cfg->names.ptr[i], error, err);
    }
    return error;
}

const char *fl_config_language(const fl_config *cfg) { return cfg->language; }
fl_severity fl_config_fail_on(const fl_config *cfg) { return cfg->fail_on; }
const char *fl_config_dir(const fl_config *cfg) { return cfg->dir; }
int fl_config_default_rules(const fl_config *cfg) { return cfg->default_rules; }

/* Ignore globs, as in .gitignore: '*' and '?' stay within a path segment,
 * '**' crosses segments ("**" + "/" stands for whole folders, none
 * included), a pattern that matches a folder ignores everything below it,
 * one ending in '/' matches folders only, and one without '/' matches a name
 * at any depth. The matcher keeps the set of pattern positions reached so
 * far, so it takes path × pattern steps whatever the pattern: no
 * backtracking for a hostile "**a**a**b" to exploit. */
typedef struct glob_pat {
    const char *p;
    size_t len;   /* without the trailing '/' */
    int anywhere; /* no '/' inside: a name at any depth */
    int dir_only; /* ended in '/' */
} glob_pat;

/* End of the run of stars that starts at p[j]. */
static size_t star_run(const glob_pat *g, size_t j)
{
    while (j < g->len && g->p[j] == '*')
        j++;
    return j;
}

/* Adds the positions a live one reaches for free: past a star run (it may
 * match nothing), and, where a segment starts, past "**" + "/" (no folder at
 * all). Moves only go forward, so one pass in order sees every chain. */
static void glob_close(const glob_pat *g, unsigned char *live, int segment_start)
{
    for (size_t j = 0; j < g->len; j++) {
        if (!live[j] || g->p[j] != '*')
            continue;
        size_t k = star_run(g, j);
        live[k] = 1;
        if (segment_start && k - j >= 2 && k < g->len && g->p[k] == '/')
            live[k + 1] = 1;
        j = k - 1;
    }
}

/* The positions reached from `live` by reading `c`; 0 if there are none. */
static int glob_step(const glob_pat *g, const unsigned char *live, unsigned char *next,
                     char c)
{
    int any = 0;
    memset(next, 0, g->len + 1);
    for (size_t j = 0; j < g->len; j++) {
        if (!live[j])
            continue;
        if (g->p[j] == '*') {
            size_t k = star_run(g, j);
            if (k - j >= 2 || c != '/')
                any = next[j] = 1;
            j = k - 1;
        } else if (g->p[j] == c || (g->p[j] == '?' && c != '/')) {
            any = next[j + 1] = 1;
        }
    }
    return any;
}

static int glob(const glob_pat *g, const char *s)
{
    unsigned char a[MAX_GLOB_BYTES + 2], b[MAX_GLOB_BYTES + 2];
    unsigned char *live = a, *next = b, *t;
    memset(live, 0, g->len + 1);
    live[0] = 1;
    glob_close(g, live, 1);
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == '/' && i > 0 && live[g->len])
            return 1; /* a folder: everything below it */
        int any = glob_step(g, live, next, s[i]);
        if (g->anywhere && s[i] == '/')
            any = next[0] = 1;
        if (!any && !g->anywhere)
            return 0;
        glob_close(g, next, s[i] == '/');
        t = live, live = next, next = t;
    }
    return live[g->len] && !g->dir_only;
}

int fl_config_ignores(const fl_config *cfg, const char *path)
{
    for (size_t i = 0; i < cfg->ignored.len; i++) {
        glob_pat g = {cfg->ignored.ptr[i].value, 0, 0, 0};
        g.len = strlen(g.p);
        g.dir_only = g.len > 1 && g.p[g.len - 1] == '/';
        g.len -= (size_t)g.dir_only;
        g.anywhere = !memchr(g.p, '/', g.len);
        if (g.p[0] == '/')
            g.p++, g.len--;
        if (glob(&g, path))
            return 1;
    }
    return 0;
}

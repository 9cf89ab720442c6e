/*
 * ruleset: lifetime and public accessors of fl_ruleset and fl_rule, severity
 * overrides and allowed words. A ruleset is mutable until compiled and
 * read-only after, which is what makes sharing it between threads safe.
 */
#include "ruleset.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <errno.h>

#include "buf.h"
#include "match.h"
#include "rules_embedded.h"
#include "yaml_tree.h"

static void *pcre_malloc(size_t size, void *data)
{
    const fl_allocator *a = data;
    return fl__malloc(a, size);
}

static void pcre_free(void *ptr, void *data)
{
    fl__free(data, ptr);
}

int fl_ruleset_new(fl_ruleset **out, const fl_allocator *alloc, fl_error *err)
{
    if (!out)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "no output pointer");
    *out = NULL;
    const fl_allocator *a = fl__allocator_or_default(alloc);
    fl_ruleset *rs = fl__calloc(a, 1, sizeof *rs);
    if (!rs)
        return fl__error_nomem(err);
    rs->allocator = *a;
    rs->alloc = &rs->allocator;
    rs->arena = (fl_arena)FL_ARENA_INIT(rs->alloc);
    rs->ids = (fl_strmap)FL_STRMAP_INIT(rs->alloc);
    rs->frozen = &fl__frozen;
    rs->pcre_general = pcre2_general_context_create(pcre_malloc, pcre_free,
                                                    (void *)rs->alloc);
    if (!rs->pcre_general) {
        fl__free(a, rs);
        return fl__error_nomem(err);
    }
    if (pthread_mutex_init(&rs->jit_lock, NULL) != 0) {
        pcre2_general_context_free(rs->pcre_general);
        fl__free(a, rs);
        return fl__error_nomem(err);
    }
    *out = rs;
    return FL_OK;
}

void fl_ruleset_free(fl_ruleset *rs)
{
    if (!rs)
        return;
    for (size_t i = 0; i < rs->rules.len; i++)
        pcre2_code_free(rs->rules.ptr[i]->code);
    for (size_t i = 0; i < rs->nmatchers; i++)
        fl__matcher_free(rs->matchers[i]);
    fl__free(rs->alloc, rs->matchers);
    pcre2_match_context_free(rs->pcre_match);
    pcre2_general_context_free(rs->pcre_general);
    pthread_mutex_destroy(&rs->jit_lock);
    FL_VEC_FREE(rs->alloc, &rs->rules);
    fl__strmap_free(&rs->ids);
    FL_VEC_FREE(rs->alloc, &rs->lists);
    FL_VEC_FREE(rs->alloc, &rs->gates);
    FL_VEC_FREE(rs->alloc, &rs->allowed);
    FL_VEC_FREE(rs->alloc, &rs->names);
    fl__arena_free(&rs->arena);
    fl_allocator a = rs->allocator;
    fl__free(&a, rs);
}

static int check_mutable(const fl_ruleset *rs, fl_error *err)
{
    if (!rs)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "no ruleset");
    if (rs->compiled)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0,
                             "the ruleset is already compiled; add rules before "
                             "fl_ruleset_compile");
    return FL_OK;
}

int fl_ruleset_add_buffer(fl_ruleset *rs, const char *name, const char *data,
                          size_t len, fl_error *err)
{
    int error = check_mutable(rs, err);
    if (error < 0)
        return error;
    if (!data && len)
        return fl__error_set(err, FL_EINVAL, name, 0, 0, 0, "no data");
    return fl__ruleset_parse(rs, name, data ? data : "", len, err);
}

/* Embedded files are named "rules/<language>/<file>.yml". */
static int in_language(const char *name, const char *language)
{
    size_t n = strlen(language);
    return !strncmp(name, "rules/", 6) && !strncmp(name + 6, language, n) &&
           name[6 + n] == '/';
}

static int add_embedded(fl_ruleset *rs, const char *language, fl_error *err)
{
    for (const fl_embedded_file *f = fl__embedded_rules; f->name; f++) {
        if (language && !in_language(f->name, language))
            continue;
        int error = check_mutable(rs, err);
        if (error == 0)
            error = fl__ruleset_thaw(rs, f->name, f->frozen, f->frozen_len, err);
        if (error < 0)
            return error;
    }
    return FL_OK;
}

int fl_ruleset_add_defaults(fl_ruleset *rs, fl_error *err)
{
    return add_embedded(rs, NULL, err);
}

int fl_ruleset_add_default_language(fl_ruleset *rs, const char *language,
                                    fl_error *err)
{
    if (!language || !*language)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "no language given");
    return add_embedded(rs, language, err);
}

static int read_file(const char *path, fl_buf *out, fl_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return fl__error_set(err, FL_EIO, path, 0, 0, 0, "cannot open: %s",
                             strerror(errno));
    int error = 0;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (out->len + n > FL_YAML_MAX_BYTES) {
            error = fl__error_set(err, FL_ELIMIT, path, 0, 0, 0,
                                  "file is larger than 16 MiB (limit FL_YAML_MAX_BYTES)");
            break;
        }
        if ((error = fl__buf_put(out, chunk, n)) < 0) {
            error = fl__error_nomem(err);
            break;
        }
    }
    if (error == 0 && ferror(f))
        error = fl__error_set(err, FL_EIO, path, 0, 0, 0, "read error");
    fclose(f);
    return error;
}

static int add_file(fl_ruleset *rs, const char *path, fl_error *err)
{
    fl_buf data = FL_BUF_INIT(rs->alloc);
    int error = read_file(path, &data, err);
    if (error == 0)
        error = fl_ruleset_add_buffer(rs, path, fl__buf_cstr(&data), data.len, err);
    fl__buf_free(&data);
    return error;
}

static int is_rule_file(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' &&
           ((n > 4 && !strcmp(name + n - 4, ".yml")) ||
            (n > 5 && !strcmp(name + n - 5, ".yaml")));
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A folder's rule files, sorted so the load order does not depend on the
 * file system. Only one level: rule folders are flat per language. Each
 * file's path is built in the ruleset's arena, not a temporary, because an
 * error about that file borrows it and must outlive this call. */
static int add_dir(fl_ruleset *rs, const char *path, fl_error *err)
{
    DIR *d = opendir(path);
    if (!d)
        return fl__error_set(err, FL_EIO, path, 0, 0, 0, "cannot open folder");
    FL_VEC(const char *) names = {0};
    fl_buf full = FL_BUF_INIT(rs->alloc);
    int error = 0;
    const char *sep = path[0] && path[strlen(path) - 1] == '/' ? "" : "/";
    struct dirent *e;
    while (error == 0 && (e = readdir(d))) {
        if (!is_rule_file(e->d_name))
            continue;
        fl__buf_clear(&full);
        const char *name = fl__buf_printf(&full, "%s%s%s", path, sep, e->d_name) == 0
                               ? fl__arena_strdup(&rs->arena, fl__buf_cstr(&full))
                               : NULL;
        if (!name || FL_VEC_PUSH(rs->alloc, &names, name) < 0)
            error = fl__error_nomem(err);
    }
    closedir(d);
    fl__buf_free(&full);
    if (names.len)
        qsort(names.ptr, names.len, sizeof *names.ptr, compare_names);
    for (size_t i = 0; i < names.len && error == 0; i++)
        error = add_file(rs, names.ptr[i], err);
    FL_VEC_FREE(rs->alloc, &names);
    return error;
}

int fl_ruleset_add_path(fl_ruleset *rs, const char *path, fl_error *err)
{
    int error = check_mutable(rs, err);
    if (error < 0)
        return error;
    struct stat st;
    if (!path || stat(path, &st) != 0)
        return fl__error_set(err, FL_EIO, path, 0, 0, 0,
                             "no such rule file or folder");
    return S_ISDIR(st.st_mode) ? add_dir(rs, path, err) : add_file(rs, path, err);
}

int fl__rule_selected(const fl_rule *r, const char *sel, size_t len)
{
    if (len == 1 && sel[0] == '*')
        return 1;
    return (strlen(r->id) == len && !memcmp(r->id, sel, len)) ||
           (strlen(r->ruleset) == len && !memcmp(r->ruleset, sel, len)) ||
           (strlen(r->category) == len && !memcmp(r->category, sel, len));
}

int fl_ruleset_set_severity(fl_ruleset *rs, const char *selector,
                            fl_severity severity, fl_error *err)
{
    int error = check_mutable(rs, err);
    if (error < 0)
        return error;
    if (!selector || !*selector || severity > FL_SEVERITY_ERROR)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "bad rule selector or severity");
    size_t hits = 0, len = strlen(selector);
    for (size_t i = 0; i < rs->rules.len; i++) {
        if (fl__rule_selected(rs->rules.ptr[i], selector, len)) {
            rs->rules.ptr[i]->severity = severity;
            hits++;
        }
    }
    if (!hits)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0,
                             "no rule, ruleset or category is named '%s' "
                             "(see framelint --list-rules)", selector);
    return FL_OK;
}

int fl_ruleset_allow(fl_ruleset *rs, const char *phrase, fl_error *err)
{
    int error = check_mutable(rs, err);
    if (error < 0)
        return error;
    if (!phrase || !*phrase)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "empty allowed word");
    const char *copy = fl__arena_strdup(&rs->arena, phrase);
    if (!copy || FL_VEC_PUSH(rs->alloc, &rs->allowed, copy) < 0)
        return fl__error_nomem(err);
    return FL_OK;
}

int fl_ruleset_add_name(fl_ruleset *rs, const char *phrase, fl_error *err)
{
    int error = check_mutable(rs, err);
    if (error < 0)
        return error;
    if (!phrase || !*phrase)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "empty name");
    const char *copy = fl__arena_strdup(&rs->arena, phrase);
    if (!copy || FL_VEC_PUSH(rs->alloc, &rs->names, copy) < 0)
        return fl__error_nomem(err);
    return FL_OK;
}

fl_list *fl__ruleset_find_list(const fl_ruleset *rs, const char *name,
                               const char *language)
{
    for (size_t i = 0; i < rs->lists.len; i++) {
        fl_list *l = rs->lists.ptr[i];
        if (l->name && !strcmp(l->name, name) && !strcmp(l->language, language))
            return l;
    }
    return NULL;
}

fl_named_gate *fl__ruleset_find_gate(const fl_ruleset *rs, const char *name,
                                     const char *language)
{
    for (size_t i = 0; i < rs->gates.len; i++) {
        fl_named_gate *g = rs->gates.ptr[i];
        if (!strcmp(g->name, name) && !strcmp(g->language, language))
            return g;
    }
    return NULL;
}

const fl_gate *fl__gates_document(const fl_gate *g, size_t n, const char *const *name)
{
    for (size_t i = 0; i < n; i++) {
        const fl_gate *found = NULL;
        switch (g[i].kind) {
        case FL_GATE_ANY:
        case FL_GATE_ALL:
        case FL_GATE_NONE:
            found = fl__gates_document(g[i].parts, g[i].nparts, name);
            break;
        case FL_GATE_NAMED:
            found = fl__gates_document(g[i].named, 1, name);
            break;
        case FL_GATE_LIST:
            if (g[i].unit == FL_UNIT_DOCUMENT && (!*name || strcmp(*name, g[i].list_name)))
                found = &g[i];
            break;
        }
        if (found)
            return found;
    }
    return NULL;
}

const fl_matcher *fl__ruleset_matcher(const fl_ruleset *rs, const char *language)
{
    for (size_t i = 0; i < rs->nmatchers; i++) {
        if (!strcmp(fl__matcher_language(rs->matchers[i]), language))
            return rs->matchers[i];
    }
    return NULL;
}

size_t fl_ruleset_count(const fl_ruleset *rs)
{
    return rs ? rs->rules.len : 0;
}

const fl_rule *fl_ruleset_at(const fl_ruleset *rs, size_t i)
{
    return rs && i < rs->rules.len ? rs->rules.ptr[i] : NULL;
}

const fl_rule *fl_ruleset_find(const fl_ruleset *rs, const char *id)
{
    return rs ? fl__strmap_get(&rs->ids, id) : NULL;
}

/* The table already held every id that goes back in, and more, so it does
 * not grow and the puts cannot fail. */
void fl__ruleset_reindex(fl_ruleset *rs)
{
    fl__strmap_clear(&rs->ids);
    for (size_t i = 0; i < rs->rules.len; i++)
        (void)fl__strmap_put(&rs->ids, rs->rules.ptr[i]->id, rs->rules.ptr[i]);
}

const char *fl_rule_id(const fl_rule *r) { return r->id; }
const char *fl_rule_category(const fl_rule *r) { return r->category; }
fl_rule_kind fl_rule_kind_of(const fl_rule *r) { return r->kind; }
fl_severity fl_rule_severity(const fl_rule *r) { return r->severity; }
const char *fl_rule_language(const fl_rule *r) { return r->language; }
const char *fl_rule_guidance(const fl_rule *r) { return r->guidance; }
const char *fl_rule_summary(const fl_rule *r) { return r->summary; }
const char *fl_rule_explanation(const fl_rule *r) { return r->explain; }
const char *fl_rule_source(const fl_rule *r) { return r->source; }
const char *fl_rule_precision(const fl_rule *r) { return r->precision; }
const char *fl_rule_file(const fl_rule *r) { return r->file; }
int fl_rule_can_fix(const fl_rule *r) { return r->can_fix; }

size_t fl_rule_example_count(const fl_rule *r, int flag)
{
    return flag ? r->examples_flag.count : r->examples_pass.count;
}

const char *fl_rule_example(const fl_rule *r, int flag, size_t i)
{
    const fl_strlist *l = flag ? &r->examples_flag : &r->examples_pass;
    return i < l->count ? l->items[i] : NULL;
}

const char *fl_severity_name(fl_severity s)
{
    switch (s) {
    case FL_SEVERITY_ERROR: return "error";
    case FL_SEVERITY_WARNING: return "warning";
    case FL_SEVERITY_SUGGESTION: return "suggestion";
    default: return "off";
    }
}

int fl_severity_parse(fl_severity *out, const char *name)
{
    static const char *const names[] = {"off", "suggestion", "warning", "error"};
    for (int i = 0; name && i < 4; i++) {
        if (!strcmp(name, names[i])) {
            *out = (fl_severity)i;
            return FL_OK;
        }
    }
    return FL_EINVAL;
}

const char *fl_rule_kind_name(fl_rule_kind kind)
{
    switch (kind) {
    case FL_RULE_TERM: return "term";
    case FL_RULE_PATTERN: return "pattern";
    case FL_RULE_PROXIMITY: return "proximity";
    case FL_RULE_DENSITY: return "density";
    default: return "unknown";
    }
}

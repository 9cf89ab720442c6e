/*
 * ruleset: the store at the bottom of the rules layer. Lifetime and public
 * accessors of fl_ruleset and fl_rule, severity overrides, allowed words,
 * and the look-ups the loaders and the compiler share (lists, gates, ids).
 * It calls nothing above it: ruleset_load.c and ruleset_yaml.c fill it,
 * match_compile.c compiles it and hands it the function that frees the
 * matchers. A ruleset is mutable until compiled and read-only after,
 * which is what makes sharing it between threads safe.
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
    if (rs->free_matchers)
        rs->free_matchers(rs);
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

int fl__ruleset_check_mutable(const fl_ruleset *rs, fl_error *err)
{
    if (!rs)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "no ruleset");
    if (rs->compiled)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0,
                             "the ruleset is already compiled; add rules before "
                             "fl_ruleset_compile");
    return FL_OK;
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
    int error = fl__ruleset_check_mutable(rs, err);
    if (error < 0)
        return error;
    rs->changed = 1;
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
    int error = fl__ruleset_check_mutable(rs, err);
    if (error < 0)
        return error;
    rs->changed = 1;
    if (!phrase || !*phrase)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "empty allowed word");
    const char *copy = fl__arena_strdup(&rs->arena, phrase);
    if (!copy || FL_VEC_PUSH(rs->alloc, &rs->allowed, copy) < 0)
        return fl__error_nomem(err);
    return FL_OK;
}

int fl_ruleset_add_name(fl_ruleset *rs, const char *phrase, fl_error *err)
{
    int error = fl__ruleset_check_mutable(rs, err);
    if (error < 0)
        return error;
    rs->changed = 1;
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

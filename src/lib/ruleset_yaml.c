/*
 * ruleset_yaml: validates one rule file against the schema in docs/rules.md
 * and turns it into fl_list and fl_rule objects. Strict on purpose: an
 * unknown key, a wrong type or a missing field is an error with the file,
 * line and column, never a silently dropped rule. Nothing is added to the
 * ruleset unless the whole file is valid.
 */
#include <stdio.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "markup.h"
#include "schema.h"

typedef struct loader {
    fl_schema s;
    fl_ruleset *rs;
    const char *file;       /* copied into the ruleset's arena */
    const char *ruleset;
    const char *language;
    const char *guidance;   /* file-level default, may be NULL */
    const char *source;     /* file-level default, may be NULL */
    FL_VEC(fl_list *) lists;
    FL_VEC(fl_named_gate *) gates;
    FL_VEC(fl_rule *) rules;
} loader;

/* Longest pattern a rule may have; PCRE2 enforces it too, but its own
 * message does not say what the limit is. */
#define FL_REGEX_MAX_BYTES 4096

static const char *const file_keys[] = {"ruleset", "language", "description",
                                        "guidance", "source", "lists", "gates",
                                        "rules", NULL};
static const char *const kind_names[] = {"term", "pattern", "proximity",
                                         "density", NULL};
static const char *const severity_names[] = {"off", "suggestion", "warning",
                                             "error", NULL};
static const char *const unit_names[] = {"sentence", "paragraph", "passage", NULL};
static const char *const gate_unit_names[] = {"sentence", "paragraph", "document", "passage",
                                              NULL};
static const char *const scope_names[] = {"prose", "heading", "caption", "quote",
                                          "list", "table", "picture", "all", NULL};
static const char *const as_names[] = {"noun", "verb", "both", "phrase", NULL};
static const char *const count_names[] = {"number", "percent", "money", NULL};
static const char *const case_names[] = {"insensitive", "sensitive", NULL};
static const char *const quote_names[] = {"mention", "speech", NULL};

/* Keys per kind: the shared ones first, then each kind's own. */
#define COMMON_KEYS "id", "kind", "category", "severity", "guidance", "message", \
                    "explain", "source", "precision", "scope", "context", "unless", \
                    "except", "quote", "examples"
static const char *const term_keys[] = {COMMON_KEYS, "terms", NULL};
static const char *const pattern_keys[] = {COMMON_KEYS, "pattern", "case",
                                           "trigger", "suggest", NULL};
static const char *const proximity_keys[] = {COMMON_KEYS, "near", "within", NULL};
static const char *const density_keys[] = {COMMON_KEYS, "count", "unit", "min",
                                           "per-100-words", "min-words", "run",
                                           "sentence-max", NULL};
static const char *const term_entry_keys[] = {"match", "as", "forms", "suggest",
                                              "severity", "message", NULL};
static const char *const gate_keys[] = {"near", "within", "before", "after", "in", NULL};
static const char *const example_keys[] = {"flag", "pass", NULL};

static void *alloc_zero(loader *l, size_t size)
{
    void *p = fl__arena_alloc(&l->rs->arena, size);
    if (p)
        memset(p, 0, size);
    return p;
}

static int nomem(loader *l)
{
    return fl__error_nomem(l->s.err);
}

/* --- lists and gates ---------------------------------------------------- */

static int new_list(loader *l, const fl_ynode *at, const char *name,
                    const fl_strlist *phrases, fl_list **out)
{
    fl_list *list = alloc_zero(l, sizeof *list);
    if (!list)
        return nomem(l);
    list->name = name;
    list->language = l->language;
    list->phrases = *phrases;
    list->file = l->file;
    list->line = at->line;
    list->column = at->column;
    if (FL_VEC_PUSH(l->rs->alloc, &l->lists, list) < 0)
        return nomem(l);
    *out = list;
    return FL_OK;
}

/* A list reference: a list name, or phrases written inline. */
static int list_ref(loader *l, const fl_ynode *n, const char *key, fl_gate *g)
{
    if (n->kind == FL_YNODE_SCALAR)
        return fl__schema_ident(&l->s, n, key, &g->list_name);
    g->by_name = 0;
    fl_strlist phrases;
    int error = fl__schema_strlist(&l->s, n, key, &phrases);
    if (error < 0)
        return error;
    return new_list(l, n, NULL, &phrases, &g->list);
}

static int gate(loader *l, const fl_ynode *n, const char *key, fl_gate *g,
                unsigned depth);

/* `any: [gates]`, `all: [gates]` or `none: [gates]`: a group, alone in its
 * mapping. */
static int gate_group(loader *l, const fl_ynode *n, const char *key, fl_gate *g,
                      unsigned depth)
{
    const char *name = fl__ynode_get(n, "any") ? "any" : fl__ynode_get(n, "all") ? "all" : "none";
    const fl_ynode *v = fl__ynode_get(n, name);
    if (n->count != 1)
        return fl__schema_fail(&l->s, n, "a group of gates is a mapping with only "
                               "'%s'; put 'near', 'within' and 'in' on its gates",
                               name);
    if (depth >= FL_MAX_GATE_DEPTH)
        return fl__schema_fail(&l->s, n, "groups of gates nest more than %d deep "
                               "(limit FL_MAX_GATE_DEPTH)", FL_MAX_GATE_DEPTH);
    if (v->kind != FL_YNODE_SEQ || !v->count)
        return fl__schema_fail(&l->s, v, "'%s' takes a list of one or more gates", name);
    g->kind = name[0] == 'a' ? (name[1] == 'n' ? FL_GATE_ANY : FL_GATE_ALL) : FL_GATE_NONE;
    g->parts = alloc_zero(l, v->count * sizeof *g->parts);
    if (!g->parts)
        return nomem(l);
    g->nparts = v->count;
    const fl_ynode *item = fl__ynode_first(v);
    for (size_t i = 0; i < v->count; i++, item = fl__ynode_next(item)) {
        if (item->kind == FL_YNODE_SEQ)
            return fl__schema_fail(&l->s, item, "each entry of '%s' is a list "
                                   "name or a mapping with 'near', 'any', 'all' or "
                                   "'none'", name);
        int error = gate(l, item, key, &g->parts[i], depth + 1);
        if (error < 0)
            return error;
    }
    return FL_OK;
}

static int gate(loader *l, const fl_ynode *n, const char *key, fl_gate *g,
                unsigned depth)
{
    memset(g, 0, sizeof *g);
    g->line = n->line;
    g->column = n->column;
    g->unit = FL_UNIT_SENTENCE;
    if (n->kind != FL_YNODE_MAP) {
        g->by_name = n->kind == FL_YNODE_SCALAR;
        return list_ref(l, n, key, g);
    }
    if (fl__ynode_get(n, "any") || fl__ynode_get(n, "all") || fl__ynode_get(n, "none"))
        return gate_group(l, n, key, g, depth);
    int error = fl__schema_keys(&l->s, n, key, gate_keys);
    const fl_ynode *v;
    if (error == 0)
        error = fl__schema_required(&l->s, n, key, "near", &v);
    if (error == 0)
        error = list_ref(l, v, "near", g);
    unsigned within = 0;
    if (error == 0 && (v = fl__ynode_get(n, "within"))) {
        error = fl__schema_uint(&l->s, v, "within", 1, 1000, &within);
        g->before = g->after = within;
        g->bounded = 1;
    }
    if (error == 0 && (v = fl__ynode_get(n, "before")) && within)
        error = fl__schema_fail(&l->s, v, "use 'within', or 'before' and 'after', not both");
    if (error == 0 && v)
        error = fl__schema_uint(&l->s, v, "before", 0, 1000, &g->before);
    if (error == 0 && (v = fl__ynode_get(n, "after")) && within)
        error = fl__schema_fail(&l->s, v, "use 'within', or 'before' and 'after', not both");
    if (error == 0 && v)
        error = fl__schema_uint(&l->s, v, "after", 0, 1000, &g->after);
    g->bounded |= fl__ynode_get(n, "before") || fl__ynode_get(n, "after");
    int unit = 0;
    if (error == 0 && (v = fl__ynode_get(n, "in"))) {
        error = fl__schema_enum(&l->s, v, "in", gate_unit_names, &unit);
        g->unit = (fl_unit)(unit + 1);
    }
    if (error == 0 && g->unit == FL_UNIT_DOCUMENT && g->bounded)
        error = fl__schema_fail(&l->s, n, "'in: document' asks whether the whole "
                                "document is about the list's topic; it takes no "
                                "'within', 'before' or 'after'");
    if (error == 0 && g->unit == FL_UNIT_PASSAGE && g->bounded)
        error = fl__schema_fail(&l->s, n, "'in: passage' looks at the sentence and the two "
                                "before it; it takes no 'within', 'before' or 'after'");
    if (error == 0 && g->unit == FL_UNIT_DOCUMENT && !g->list_name)
        error = fl__schema_fail(&l->s, n, "'in: document' needs a named list, not "
                                "words written inline");
    return error;
}

/* One gate, or a list of gates. A gate is a list name or a mapping; words
 * written inline go under a mapping's `near`, so a list here is never
 * mistaken for words. */
static int gates(loader *l, const fl_ynode *n, const char *key, fl_gate **out,
                 size_t *count)
{
    int many = n->kind == FL_YNODE_SEQ;
    size_t k = many ? n->count : 1;
    if (!k)
        return fl__schema_fail(&l->s, n, "'%s' must name at least one list", key);
    fl_gate *g = alloc_zero(l, k * sizeof *g);
    if (!g)
        return nomem(l);
    const fl_ynode *item = many ? fl__ynode_first(n) : n;
    for (size_t i = 0; i < k; i++, item = many ? fl__ynode_next(item) : item) {
        if (item->kind == FL_YNODE_SEQ)
            return fl__schema_fail(&l->s, item, "each entry of '%s' is a list name or "
                                   "a mapping with 'near'; put inline words under "
                                   "'near'", key);
        int error = gate(l, item, key, &g[i], 0);
        if (error < 0)
            return error;
    }
    *out = g;
    *count = k;
    return FL_OK;
}

/* A document gate is settled only when the document has been read, so a
 * finding can wait for it (context) but not be vetoed by it (unless); and
 * one topic per rule keeps that wait a single yes or no. Gates met through a
 * named gate are checked again at compile time (match_compile.c). */
static int check_document_gates(loader *l, const fl_ynode *map, fl_rule *r)
{
    const char *name = NULL;
    const fl_gate *g = fl__gates_document(r->unless, r->nunless, &name);
    if (g)
        return fl__error_set(l->s.err, FL_ESCHEMA, l->s.path, g->line, g->column, 0,
                             "'in: document' works in 'context' only: a match cannot "
                             "wait for the end of the document to be vetoed");
    const fl_ynode *t = fl__ynode_get(map, "trigger");
    if (r->trigger && (r->trigger->kind != FL_GATE_LIST ||
                       r->trigger->unit == FL_UNIT_DOCUMENT ||
                       r->trigger->unit == FL_UNIT_PASSAGE))
        return fl__schema_fail(&l->s, t, "'trigger' takes one list gate in a sentence or paragraph");
    /* The second list is asked about the trigger's sentence, where the
     * regex runs, and nothing else: a reach or another unit would say
     * something the check does not do. */
    const fl_gate *second = r->ntrigger == 2 ? &r->trigger[1] : NULL;
    if (second && (second->kind != FL_GATE_LIST || second->bounded ||
                   second->unit != FL_UNIT_SENTENCE))
        return fl__schema_fail(&l->s, fl__ynode_item(t, 1), "the second list of 'trigger' is looked "
                               "for in the trigger's sentence: a list name or 'near' words, "
                               "without 'in', 'within', 'before' or 'after'");
    if (!(g = fl__gates_document(r->context, r->ncontext, &name)))
        return FL_OK;
    name = g->list_name;
    g = fl__gates_document(r->context, r->ncontext, &name);
    if (g)
        return fl__error_set(l->s.err, FL_ESCHEMA, l->s.path, g->line, g->column, 0,
                             "the document gates of one rule must name one list "
                             "(this one names '%s', an earlier one '%s')",
                             g->list_name, name);
    return FL_OK;
}

/* --- shared rule fields --------------------------------------------------- */

static int optional_strlist(loader *l, const fl_ynode *map, const char *key,
                            fl_strlist *out)
{
    const fl_ynode *v = fl__ynode_get(map, key);
    return v ? fl__schema_strlist(&l->s, v, key, out) : FL_OK;
}

/* `suggest`: a rewrite replaces words on one line, so it may hold no line
 * break (--fix keeps every line where it was) nor other control bytes. */
static int rewrites(loader *l, const fl_ynode *map, fl_strlist *out)
{
    const fl_ynode *v = fl__ynode_get(map, "suggest");
    int error = v ? fl__schema_strlist(&l->s, v, "suggest", out) : FL_OK;
    for (size_t i = 0; v && error == 0 && i < out->count; i++) {
        for (const char *p = out->items[i]; *p; p++) {
            if ((unsigned char)*p < 0x20)
                return fl__schema_fail(&l->s, v, "'suggest' has a rewrite with a line "
                                       "break or control character; a rewrite replaces "
                                       "words on one line");
        }
    }
    return error;
}

static int scopes(loader *l, const fl_ynode *map, unsigned *out)
{
    *out = FL_SCOPE_ALL;
    const fl_ynode *v = fl__ynode_get(map, "scope");
    if (!v)
        return FL_OK;
    fl_strlist names;
    int error = fl__schema_strlist(&l->s, v, "scope", &names);
    *out = 0;
    for (size_t i = 0; i < names.count && error == 0; i++) {
        int k = 0;
        while (scope_names[k] && strcmp(scope_names[k], names.items[i]))
            k++;
        if (!scope_names[k])
            return fl__schema_fail(&l->s, v, "'scope' has '%s'; expected prose, "
                                   "heading, caption, picture, quote, list, table or all",
                                   names.items[i]);
        *out |= scope_names[k + 1] ? 1u << k : FL_SCOPE_ALL;
    }
    return error;
}

static int examples(loader *l, const fl_ynode *map, fl_rule *r)
{
    const fl_ynode *v = fl__ynode_get(map, "examples");
    if (!v)
        return FL_OK;
    int error = fl__schema_keys(&l->s, v, "examples", example_keys);
    if (error == 0)
        error = optional_strlist(l, v, "flag", &r->examples_flag);
    if (error == 0)
        error = optional_strlist(l, v, "pass", &r->examples_pass);
    return error;
}

static int text_field(loader *l, const fl_ynode *map, const char *what,
                      const char *key, const char *fallback, const char **out)
{
    const fl_ynode *v = fl__ynode_get(map, key);
    if (v)
        return fl__schema_text(&l->s, v, key, out);
    if (fallback) {
        *out = fallback;
        return FL_OK;
    }
    return fl__schema_fail(&l->s, map, "%s is missing the required key '%s'", what, key);
}

static int severity(loader *l, const fl_ynode *v, fl_severity *out)
{
    int k = 0;
    int error = fl__schema_enum(&l->s, v, "severity", severity_names, &k);
    *out = (fl_severity)k;
    return error;
}

/* The explanation's first sentence, for tables and SARIF short
 * descriptions: it ends at a full stop followed by a space and a capital
 * letter (or the end), so "e.g. this" does not cut it short. */
static const char *summary(loader *l, const char *explain)
{
    const char *p = explain;
    while ((p = strchr(p, '.')) && p[1] &&
           !((p[1] == ' ' || p[1] == '\n') && p[2] >= 'A' && p[2] <= 'Z'))
        p++;
    size_t len = p ? (size_t)(p - explain) + 1 : strlen(explain);
    return fl__arena_strndup(&l->rs->arena, explain, len);
}

static int identity(loader *l, const fl_ynode *map, fl_rule *r, char *what,
                    size_t what_size)
{
    const fl_ynode *v;
    int error = fl__schema_required(&l->s, map, "a rule", "id", &v);
    const char *name = NULL;
    if (error == 0)
        error = fl__schema_ident(&l->s, v, "id", &name);
    if (error < 0)
        return error;
    size_t n = strlen(l->ruleset) + 1 + strlen(name);
    char *id = fl__arena_alloc(&l->rs->arena, n + 1);
    if (!id)
        return nomem(l);
    memcpy(id, l->ruleset, strlen(l->ruleset));
    id[strlen(l->ruleset)] = '.';
    memcpy(id + strlen(l->ruleset) + 1, name, strlen(name) + 1);
    r->id = id;
    snprintf(what, what_size, "rule '%s'", id);
    /* One look-up whatever the number of rules: a linear scan made loading
     * 100,000 rules take most of a minute. The index holds this file's
     * rules too (each file has its own copy of its name). */
    const fl_rule *old = fl__strmap_get(&l->rs->ids, id);
    if (old && old->file == l->file)
        return fl__schema_fail(&l->s, v, "duplicate rule id '%s' (first at line %u)",
                               id, old->line);
    if (old)
        return fl__schema_fail(&l->s, v, "rule id '%s' is already defined in %s:%u",
                               id, old->file, old->line);
    return fl__strmap_put(&l->rs->ids, id, r) < 0 ? nomem(l) : FL_OK;
}

static int common(loader *l, const fl_ynode *map, fl_rule *r, const char *what)
{
    const fl_ynode *v;
    int error = fl__schema_required(&l->s, map, what, "category", &v);
    if (error == 0)
        error = fl__schema_ident(&l->s, v, "category", &r->category);
    r->severity = FL_SEVERITY_WARNING;
    if (error == 0 && (v = fl__ynode_get(map, "severity")))
        error = severity(l, v, &r->severity);
    if (error == 0)
        error = text_field(l, map, what, "guidance", l->guidance, &r->guidance);
    if (error == 0)
        error = text_field(l, map, what, "message", NULL, &r->message);
    if (error == 0)
        error = text_field(l, map, what, "explain", NULL, &r->explain);
    if (error == 0)
        error = text_field(l, map, what, "source", l->source ? l->source : "",
                           &r->source);
    if (error == 0)
        error = text_field(l, map, what, "precision", "", &r->precision);
    if (error == 0 && !(r->summary = summary(l, r->explain)))
        error = nomem(l);
    if (error == 0)
        error = scopes(l, map, &r->scopes);
    if (error == 0 && (v = fl__ynode_get(map, "context")))
        error = gates(l, v, "context", &r->context, &r->ncontext);
    if (error == 0 && (v = fl__ynode_get(map, "unless")))
        error = gates(l, v, "unless", &r->unless, &r->nunless);
    fl_strlist except = {0};
    if (error == 0)
        error = optional_strlist(l, map, "except", &except);
    if (error == 0 && except.count)
        error = new_list(l, fl__ynode_get(map, "except"), NULL, &except, &r->except);
    int quote = 0;
    if (error == 0 && (v = fl__ynode_get(map, "quote")))
        error = fl__schema_enum(&l->s, v, "quote", quote_names, &quote);
    r->quote_is_speech = quote == 1;
    if (error == 0)
        error = examples(l, map, r);
    return error;
}

/* --- kinds ---------------------------------------------------------------- */

static int term_entry(loader *l, const fl_ynode *n, fl_term *t)
{
    int error = fl__schema_keys(&l->s, n, "a term", term_entry_keys);
    const fl_ynode *v;
    if (error == 0)
        error = fl__schema_required(&l->s, n, "a term", "match", &v);
    if (error == 0)
        error = fl__schema_strlist(&l->s, v, "match", &t->match);
    if (error == 0)
        error = optional_strlist(l, n, "forms", &t->forms);
    if (error == 0)
        error = rewrites(l, n, &t->suggest);
    if (error == 0 && (v = fl__ynode_get(n, "severity")))
        error = severity(l, v, &t->severity);
    if (error == 0 && (v = fl__ynode_get(n, "message")))
        error = fl__schema_string(&l->s, v, "message", &t->message);
    t->as = strcmp(l->language, "en") ? FL_AS_PHRASE : FL_AS_NOUN;
    if (error == 0 && (v = fl__ynode_get(n, "as"))) {
        int k = 0;
        error = fl__schema_enum(&l->s, v, "as", as_names, &k);
        static const unsigned as_bits[] = {FL_AS_NOUN, FL_AS_VERB,
                                           FL_AS_NOUN | FL_AS_VERB, FL_AS_PHRASE};
        t->as = as_bits[k];
        if (error == 0 && k != 3 && strcmp(l->language, "en"))
            error = fl__schema_fail(&l->s, v, "inflections are generated for English "
                                    "only; list other forms under 'forms'");
    }
    return error;
}

static int term_rule(loader *l, const fl_ynode *map, fl_rule *r, const char *what)
{
    const fl_ynode *v;
    int error = fl__schema_required(&l->s, map, what, "terms", &v);
    if (error < 0)
        return error;
    if (v->kind != FL_YNODE_SEQ || !v->count)
        return fl__schema_fail(&l->s, v, "'terms' must be a non-empty list of "
                               "entries with 'match'");
    r->terms = alloc_zero(l, v->count * sizeof *r->terms);
    if (!r->terms)
        return nomem(l);
    r->nterms = v->count;
    const fl_ynode *item = fl__ynode_first(v);
    for (size_t i = 0; i < v->count && error == 0; i++, item = fl__ynode_next(item)) {
        error = term_entry(l, item, &r->terms[i]);
        r->can_fix |= r->terms[i].suggest.count > 0;
    }
    return error;
}

/* The frozen pattern (frozen.h) compiled from `pattern` with `options`, or
 * NULL. */
static const fl_frozen_pattern *frozen_pattern(const fl_frozen *set, const char *pattern,
                                               uint32_t options)
{
    size_t lo = 0, hi = set ? set->npatterns : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const fl_frozen_pattern *p = &set->patterns[mid];
        int c = strcmp(p->pattern, pattern);
        if (c == 0)
            c = (p->options > options) - (p->options < options);
        if (c == 0)
            return p;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* A shipped pattern is compiled at build time (tools/freeze_matchers.c)
 * and only decoded here: the code PCRE2 would compile from the same
 * pattern and options, for a fraction of the cost. 1 when r->code is set;
 * 0 when there is nothing to decode, or the PCRE2 at hand does not read
 * what the build's wrote (another version): then it is compiled. */
static int thaw_regex(loader *l, const fl_ynode *at, fl_rule *r, uint32_t options)
{
    const fl_frozen_pattern *p = frozen_pattern(l->rs->frozen, r->pattern, options);
    if (!p)
        return 0;
    if (fl__frozen_sum(0, p->code, p->len) != p->sum)
        return fl__error_set(l->s.err, FL_ESYNTAX, l->s.path, at->line, at->column, 0,
                             "the built-in pattern of rule '%s' is damaged (a frozen "
                             "table that does not read back); rebuild framelint", r->id);
    pcre2_code *code = NULL;
    int rc = pcre2_serialize_decode(&code, 1, p->code, l->rs->pcre_general);
    if (rc == PCRE2_ERROR_NOMEMORY)
        return nomem(l);
    if (rc != 1)
        return 0;
    r->code = code;
    return 1;
}

static int compile_regex(loader *l, const fl_ynode *at, fl_rule *r)
{
    /* Drafts may hold invalid UTF-8; MATCH_INVALID_UTF makes that safe.
     * \C matches one byte, so a match could end inside a character and a
     * rewrite of it would leave half a character behind: refused. */
    uint32_t options = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF |
                       PCRE2_NEVER_BACKSLASH_C | (r->caseless ? PCRE2_CASELESS : 0);
    int code = 0;
    PCRE2_SIZE where = 0;
    if (strlen(r->pattern) > FL_REGEX_MAX_BYTES)
        return fl__error_set(l->s.err, FL_ELIMIT, l->s.path, at->line, at->column, 0,
                             "the pattern of rule '%s' is longer than 4096 bytes "
                             "(limit FL_REGEX_MAX_BYTES)", r->id);
    int thawed = thaw_regex(l, at, r, options);
    if (thawed != 0)
        return thawed < 0 ? thawed : FL_OK;
    pcre2_compile_context *cc = pcre2_compile_context_create(l->rs->pcre_general);
    if (!cc)
        return nomem(l);
    /* A user regex must not be able to make compilation itself explode. */
    pcre2_set_max_pattern_length(cc, FL_REGEX_MAX_BYTES);
    pcre2_set_parens_nest_limit(cc, 64);
    r->code = pcre2_compile((PCRE2_SPTR)r->pattern, PCRE2_ZERO_TERMINATED, options,
                            &code, &where, cc);
    pcre2_compile_context_free(cc);
    if (r->code)
        return FL_OK;
    if (code == PCRE2_ERROR_HEAP_FAILED)
        return nomem(l); /* our allocator said no; the pattern may be fine */
    char msg[160];
    pcre2_get_error_message(code, (PCRE2_UCHAR *)msg, sizeof msg);
    if (code == PCRE2_ERROR_BACKSLASH_C_CALLER_DISABLED)
        snprintf(msg, sizeof msg, "\\C (one byte) is not allowed, since a match "
                 "could end inside a character; use . or \\X");
    /* In a one-line plain or single-quoted scalar, the fault's column is
     * known; elsewhere escapes or line folding hide it. */
    unsigned column = at->column;
    if (!strchr(r->pattern, '\n') && (at->style == 0 || at->style == '\'') &&
        !strstr(r->pattern, "'"))
        column += (at->style == '\'') + (unsigned)where;
    return fl__error_set(l->s.err, FL_EREGEX, l->s.path, at->line, column, 0,
                         "bad regular expression in rule '%s' at pattern offset %zu: %s",
                         r->id, (size_t)where, msg);
}

static int pattern_rule(loader *l, const fl_ynode *map, fl_rule *r, const char *what)
{
    const fl_ynode *at;
    int error = fl__schema_required(&l->s, map, what, "pattern", &at);
    if (error == 0)
        error = fl__schema_string(&l->s, at, "pattern", &r->pattern);
    const fl_ynode *v;
    int k = 0;
    if (error == 0 && (v = fl__ynode_get(map, "case")))
        error = fl__schema_enum(&l->s, v, "case", case_names, &k);
    r->caseless = k == 0;
    if (error == 0 && (v = fl__ynode_get(map, "trigger"))) {
        error = gates(l, v, "trigger", &r->trigger, &r->ntrigger);
        if (error == 0 && r->ntrigger > 2)
            error = fl__schema_fail(&l->s, v, "'trigger' takes one list or one gate, or "
                                    "two lists that must both be in the sentence");
    }
    if (error == 0)
        error = rewrites(l, map, &r->suggest);
    r->can_fix = r->suggest.count > 0;
    if (error == 0)
        error = compile_regex(l, at, r);
    return error;
}

static int proximity_rule(loader *l, const fl_ynode *map, fl_rule *r, const char *what)
{
    const fl_ynode *v;
    int error = fl__schema_required(&l->s, map, what, "near", &v);
    if (error < 0)
        return error;
    if (v->kind != FL_YNODE_SEQ || v->count < 2 || v->count > 8)
        return fl__schema_fail(&l->s, v, "'near' must list 2 to 8 lists (names or "
                               "inline lists of words) that must meet");
    r->near = alloc_zero(l, v->count * sizeof *r->near);
    if (!r->near)
        return nomem(l);
    r->nnear = v->count;
    const fl_ynode *item = fl__ynode_first(v);
    for (size_t i = 0; i < v->count && error == 0; i++, item = fl__ynode_next(item)) {
        r->near[i].line = item->line;
        r->near[i].column = item->column;
        r->near[i].unit = FL_UNIT_SENTENCE;
        error = list_ref(l, item, "near", &r->near[i]);
    }
    r->window = 10;
    if (error == 0 && (v = fl__ynode_get(map, "within")))
        error = fl__schema_uint(&l->s, v, "within", 1, 1000, &r->window);
    return error;
}

static int density_rule(loader *l, const fl_ynode *map, fl_rule *r, const char *what)
{
    fl_strlist counted = {0};
    const fl_ynode *v;
    int error = fl__schema_required(&l->s, map, what, "count", &v);
    if (error == 0)
        error = fl__schema_strlist(&l->s, v, "count", &counted);
    for (size_t i = 0; i < counted.count && error == 0; i++) {
        int k = 0;
        while (count_names[k] && strcmp(count_names[k], counted.items[i]))
            k++;
        if (!count_names[k])
            return fl__schema_fail(&l->s, v, "'count' has '%s'; expected number, "
                                   "percent or money", counted.items[i]);
        r->count |= 1u << k;
    }
    int unit = 0;
    if (error == 0 && (v = fl__ynode_get(map, "unit")))
        error = fl__schema_enum(&l->s, v, "unit", unit_names, &unit);
    static const fl_unit units[] = {FL_UNIT_SENTENCE, FL_UNIT_PARAGRAPH, FL_UNIT_PASSAGE};
    r->unit = units[unit];
    if (error == 0 && (v = fl__ynode_get(map, "min")))
        error = fl__schema_uint(&l->s, v, "min", 1, 10000, &r->min);
    if (error == 0 && (v = fl__ynode_get(map, "per-100-words")))
        error = fl__schema_uint(&l->s, v, "per-100-words", 1, 100, &r->per_100_words);
    if (error == 0 && (v = fl__ynode_get(map, "min-words")))
        error = fl__schema_uint(&l->s, v, "min-words", 1, 100000, &r->min_words);
    if (error == 0 && (v = fl__ynode_get(map, "run"))) {
        error = fl__schema_uint(&l->s, v, "run", 2, 100, &r->run);
        if (error == 0 && (r->unit != FL_UNIT_SENTENCE || !r->min || r->per_100_words))
            error = fl__schema_fail(&l->s, v, "'run' counts sentences in a row that "
                                    "each have 'min' figures: it needs 'min', "
                                    "'unit: sentence' and no 'per-100-words'");
    }
    if (error == 0 && (v = fl__ynode_get(map, "sentence-max"))) {
        error = fl__schema_uint(&l->s, v, "sentence-max", 1, 10000, &r->sentence_max);
        if (error == 0 && r->unit != FL_UNIT_PASSAGE)
            error = fl__schema_fail(&l->s, v, "'sentence-max' belongs to 'unit: passage'");
    }
    if (error == 0 && r->unit == FL_UNIT_PASSAGE && (!r->min || r->per_100_words || r->run))
        error = fl__schema_fail(&l->s, map, "%s: 'unit: passage' counts figures over up to "
                                "three sentences against 'min'; it takes no "
                                "'per-100-words' or 'run'", what);
    if (error == 0 && !r->min && !r->per_100_words)
        error = fl__schema_fail(&l->s, map, "%s needs 'min' or 'per-100-words'", what);
    return error;
}

static int rule(loader *l, const fl_ynode *map)
{
    static const char *const *const keys_by_kind[] = {
        term_keys, pattern_keys, proximity_keys, density_keys};
    if (map->kind != FL_YNODE_MAP)
        return fl__schema_fail(&l->s, map, "each entry of 'rules' must be a mapping");
    fl_rule *r = alloc_zero(l, sizeof *r);
    if (!r)
        return nomem(l);
    r->line = map->line;
    r->column = map->column;
    r->file = l->file;
    r->ruleset = l->ruleset;
    r->language = l->language;
    char what[128];
    int error = identity(l, map, r, what, sizeof what);
    const fl_ynode *v;
    int kind = 0;
    if (error == 0)
        error = fl__schema_required(&l->s, map, what, "kind", &v);
    if (error == 0)
        error = fl__schema_enum(&l->s, v, "kind", kind_names, &kind);
    if (error == 0)
        error = fl__schema_keys(&l->s, map, what, keys_by_kind[kind]);
    r->kind = (fl_rule_kind)(kind + 1);
    if (error == 0)
        error = common(l, map, r, what);
    if (error == 0) {
        switch (r->kind) {
        case FL_RULE_TERM: error = term_rule(l, map, r, what); break;
        case FL_RULE_PATTERN: error = pattern_rule(l, map, r, what); break;
        case FL_RULE_PROXIMITY: error = proximity_rule(l, map, r, what); break;
        case FL_RULE_DENSITY: error = density_rule(l, map, r, what); break;
        }
    }
    if (error == 0)
        error = check_document_gates(l, map, r);
    if (FL_VEC_PUSH(l->rs->alloc, &l->rules, r) < 0) {
        pcre2_code_free(r->code);
        return nomem(l);
    }
    return error;
}

/* --- the file --------------------------------------------------------------- */

static int lists(loader *l, const fl_ynode *n)
{
    if (n->kind != FL_YNODE_MAP)
        return fl__schema_fail(&l->s, n, "'lists' must map list names to lists of words");
    const fl_ynode *key = fl__ynode_first(n);
    for (size_t i = 0; i < n->count; i++) {
        const fl_ynode *value = fl__ynode_next(key);
        const char *name;
        fl_strlist phrases;
        fl_list *list;
        int error = fl__schema_ident(&l->s, key, "list name", &name);
        if (error == 0)
            error = fl__schema_strlist(&l->s, value, name, &phrases);
        const fl_list *old = fl__ruleset_find_list(l->rs, name, l->language);
        if (error == 0 && old)
            error = fl__schema_fail(&l->s, key, "list '%s' is already defined in %s:%u",
                                    name, old->file, old->line);
        const fl_named_gate *gate = fl__ruleset_find_gate(l->rs, name, l->language);
        if (error == 0 && gate)
            error = fl__schema_fail(&l->s, key, "'%s' is already the name of a gate (%s:%u)",
                                    name, gate->file, gate->gate.line);
        if (error == 0)
            error = new_list(l, key, name, &phrases, &list);
        if (error < 0)
            return error;
        key = fl__ynode_next(value);
    }
    return FL_OK;
}

static int name_taken(loader *l, const fl_ynode *key, const char *name)
{
    const fl_list *list = fl__ruleset_find_list(l->rs, name, l->language);
    const fl_named_gate *gate = fl__ruleset_find_gate(l->rs, name, l->language);
    for (size_t i = 0; !list && i < l->lists.len; i++) {
        if (l->lists.ptr[i]->name && !strcmp(l->lists.ptr[i]->name, name))
            list = l->lists.ptr[i];
    }
    for (size_t i = 0; !gate && i < l->gates.len; i++) {
        if (!strcmp(l->gates.ptr[i]->name, name))
            gate = l->gates.ptr[i];
    }
    if (list)
        return fl__schema_fail(&l->s, key, "'%s' is already the name of a list (%s:%u)",
                               name, list->file, list->line);
    if (gate)
        return fl__schema_fail(&l->s, key, "'%s' is already the name of a gate (%s:%u)",
                               name, gate->file, gate->gate.line);
    return FL_OK;
}

/* `gates:` names gates that rules of the language then use by name. */
static int named_gates(loader *l, const fl_ynode *n)
{
    if (n->kind != FL_YNODE_MAP)
        return fl__schema_fail(&l->s, n, "'gates' must map gate names to gates");
    const fl_ynode *key = fl__ynode_first(n);
    for (size_t i = 0; i < n->count; i++) {
        const fl_ynode *value = fl__ynode_next(key);
        const char *name;
        int error = fl__schema_ident(&l->s, key, "gate name", &name);
        if (error == 0)
            error = name_taken(l, key, name);
        fl_named_gate *g = error ? NULL : alloc_zero(l, sizeof *g);
        if (error == 0 && !g)
            error = nomem(l);
        if (error == 0) {
            g->name = name;
            g->language = l->language;
            g->file = l->file;
            error = gate(l, value, name, &g->gate, 0);
        }
        if (error == 0 && FL_VEC_PUSH(l->rs->alloc, &l->gates, g) < 0)
            error = nomem(l);
        if (error < 0)
            return error;
        key = fl__ynode_next(value);
    }
    return FL_OK;
}

static int header(loader *l, const fl_ynode *root)
{
    int error = fl__schema_keys(&l->s, root, "a rule file", file_keys);
    const fl_ynode *v;
    if (error == 0)
        error = fl__schema_required(&l->s, root, "a rule file", "ruleset", &v);
    if (error == 0)
        error = fl__schema_ident(&l->s, v, "ruleset", &l->ruleset);
    if (error == 0)
        error = fl__schema_required(&l->s, root, "a rule file", "language", &v);
    if (error == 0)
        error = fl__schema_ident(&l->s, v, "language", &l->language);
    if (error == 0 && (v = fl__ynode_get(root, "guidance")))
        error = fl__schema_string(&l->s, v, "guidance", &l->guidance);
    if (error == 0 && (v = fl__ynode_get(root, "source")))
        error = fl__schema_string(&l->s, v, "source", &l->source);
    const char *ignored;
    if (error == 0 && (v = fl__ynode_get(root, "description")))
        error = fl__schema_string(&l->s, v, "description", &ignored);
    return error;
}

static int body(loader *l, const fl_ynode *root)
{
    const fl_ynode *v = fl__ynode_get(root, "lists");
    int error = v ? lists(l, v) : FL_OK;
    if (error == 0 && (v = fl__ynode_get(root, "gates")))
        error = named_gates(l, v);
    if (error < 0 || !(v = fl__ynode_get(root, "rules")))
        return error;
    if (v->kind != FL_YNODE_SEQ)
        return fl__schema_fail(&l->s, v, "'rules' must be a list of rules");
    if (l->rs->rules.len + v->count > FL_MAX_RULES)
        return fl__error_set(l->s.err, FL_ELIMIT, l->s.path, v->line, v->column, 0,
                             "more than 100000 rules (limit FL_MAX_RULES)");
    const fl_ynode *item = fl__ynode_first(v);
    for (size_t i = 0; i < v->count && error == 0; i++, item = fl__ynode_next(item))
        error = rule(l, item);
    return error;
}

/* Moves what the file defined into the ruleset, or frees compiled regexes. */
static int commit(loader *l, int error)
{
    fl_ruleset *rs = l->rs;
    if (error == 0)
        error = FL_VEC_RESERVE(rs->alloc, &rs->rules, rs->rules.len + l->rules.len);
    if (error == 0)
        error = FL_VEC_RESERVE(rs->alloc, &rs->lists, rs->lists.len + l->lists.len);
    if (error == 0)
        error = FL_VEC_RESERVE(rs->alloc, &rs->gates, rs->gates.len + l->gates.len);
    if (error < 0) {
        for (size_t i = 0; i < l->rules.len; i++)
            pcre2_code_free(l->rules.ptr[i]->code);
    } else {
        for (size_t i = 0; i < l->rules.len; i++) {
            l->rules.ptr[i]->index = rs->rules.len;
            rs->rules.ptr[rs->rules.len++] = l->rules.ptr[i];
        }
        for (size_t i = 0; i < l->lists.len; i++)
            rs->lists.ptr[rs->lists.len++] = l->lists.ptr[i];
        for (size_t i = 0; i < l->gates.len; i++)
            rs->gates.ptr[rs->gates.len++] = l->gates.ptr[i];
    }
    FL_VEC_FREE(rs->alloc, &l->rules);
    FL_VEC_FREE(rs->alloc, &l->lists);
    FL_VEC_FREE(rs->alloc, &l->gates);
    return error == FL_ENOMEM ? fl__error_nomem(l->s.err) : error;
}

/* Reads a rule file from YAML text, or (when `frozen`) from the tree that
 * tools/freeze_rules.c froze at build time: the same loader either way. */
static int load(fl_ruleset *rs, const char *name, const char *data, size_t len,
                const unsigned char *frozen, size_t frozen_len, fl_error *err)
{
    loader l;
    memset(&l, 0, sizeof l);
    l.rs = rs;
    l.file = fl__arena_strdup(&rs->arena, name ? name : "<rules>");
    if (!l.file)
        return fl__error_nomem(err);
    l.s.path = name ? name : l.file; /* errors borrow the caller's string */
    l.s.err = err;
    l.s.arena = &rs->arena;
    /* A frozen tree's scalars are in the program's own data: the rules
     * point to them rather than copy them. */
    l.s.keep = frozen != NULL;
    fl_arena tree_arena = FL_ARENA_INIT(rs->alloc);
    const fl_ynode *root = NULL;
    int error = frozen ? fl__yaml_thaw(&root, l.file, frozen, frozen_len, err)
                       : fl__yaml_parse(&root, &tree_arena, l.file, data, len, err);
    if (error == 0 && !root)
        error = fl__error_set(err, FL_ESCHEMA, l.file, 1, 1, 0,
                              "the file is empty; a rule file needs 'ruleset', "
                              "'language' and 'rules'");
    if (error == 0)
        error = header(&l, root);
    if (error == 0)
        error = body(&l, root);
    fl__arena_free(&tree_arena);
    error = commit(&l, error);
    if (error < 0)
        fl__ruleset_reindex(rs);
    return error;
}

int fl__ruleset_parse(fl_ruleset *rs, const char *name, const char *data,
                      size_t len, fl_error *err)
{
    return load(rs, name, data, len, NULL, 0, err);
}

int fl__ruleset_thaw(fl_ruleset *rs, const char *name, const unsigned char *frozen,
                     size_t len, fl_error *err)
{
    return load(rs, name, NULL, 0, frozen, len, err);
}

/*
 * freeze_matchers: writes generated/frozen.c, what the library would
 * otherwise compute from the embedded rules every time it starts
 * (frozen.h): for each language, the matcher fl__matcher_build makes from
 * its built-in rules, frozen (match_frozen.h); and every shipped pattern
 * as PCRE2 compiled it, serialised. It links the library's own code and
 * calls the same functions a run calls, so what it freezes is what a run
 * would build; only its own fl__frozen is empty.
 * Usage: fl_freeze_matchers OUTPUT
 * The output is rewritten only when it changes, so make rebuilds nothing
 * when the rules did not change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "buf.h"
#include "frozen.h"
#include "generated.h"
#include "hashtag.h"
#include "match.h"
#include "match_frozen.h"
#include "rules_embedded.h"

/* Nothing frozen here: everything below is built from the rules. */
const fl_frozen fl__frozen = {NULL, 0, NULL, 0};

typedef struct pattern {
    const fl_rule *rule;
    uint32_t options;
} pattern;

static int compare_patterns(const void *x, const void *y)
{
    const pattern *a = x, *b = y;
    int c = strcmp(a->rule->pattern, b->rule->pattern);
    return c ? c : (a->options > b->options) - (a->options < b->options);
}

/* The languages of the embedded rules ("rules/<language>/<file>"), each
 * once, in file order. */
static size_t languages(char names[][16], size_t max)
{
    size_t n = 0;
    for (const fl_embedded_file *f = fl__embedded_rules; f->name; f++) {
        const char *lang = f->name + 6, *slash = strchr(lang, '/');
        size_t len = slash ? (size_t)(slash - lang) : 0;
        if (strncmp(f->name, "rules/", 6) || !len || len >= 16)
            continue;
        size_t i = 0;
        while (i < n && (strlen(names[i]) != len || strncmp(names[i], lang, len)))
            i++;
        if (i == n && n < max) {
            memcpy(names[n], lang, len);
            names[n++][len] = '\0';
        }
    }
    return n;
}

/* One language's rules loaded and compiled, as `framelint --lang L` does. */
static fl_ruleset *load(const char *language)
{
    fl_ruleset *rs = NULL;
    fl_error err = FL_ERROR_INIT;
    if (fl_ruleset_new(&rs, NULL, &err) < 0 ||
        fl_ruleset_add_default_language(rs, language, &err) < 0 ||
        fl_ruleset_compile(rs, &err) < 0) {
        char msg[1024];
        fl_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "freeze_matchers: %s: %s\n", language, msg);
        fl_ruleset_free(rs);
        return NULL;
    }
    return rs;
}

/* `n` numbers as a C array of `type` named `name`, 8 to a line. */
static int put_numbers(fl_buf *out, const char *type, const char *name, const void *data,
                       size_t size, size_t n)
{
    if (fl__buf_printf(out, "static const %s %s[] = {", type, name) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        unsigned long long v = size == 8   ? ((const uint64_t *)data)[i]
                               : size == 4 ? ((const uint32_t *)data)[i]
                                           : ((const uint16_t *)data)[i];
        if (fl__buf_printf(out, "%s0x%llx%s,", i % 8 ? " " : "\n", v, size == 8 ? "ull" : size == 4 ? "u" : "") < 0)
            return -1;
    }
    return fl__buf_puts(out, n ? "\n};\n" : "0};\n");
}

static int put_entries(fl_buf *out, const char *name, const fl_entry *e, size_t n)
{
    if (fl__buf_printf(out, "static const fl_entry %s[] = {", name) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (fl__buf_printf(out, "%s{%u, %u, %u, %lu, %lu},", i % 4 ? " " : "\n", e[i].kind,
                           e[i].form, e[i].words, (unsigned long)e[i].target,
                           (unsigned long)e[i].term) < 0)
            return -1;
    }
    return fl__buf_puts(out, n ? "\n};\n" : "{0, 0, 0, 0, 0}};\n");
}

/* The joined phrases' table, as hashtag.h's fl_joined_table. */
static int put_joined(fl_buf *out, const fl_joined_table *j, size_t i)
{
    char name[5][32];
    const char *part[5] = {"slots", "offsets", "first", "nodes", "text"};
    for (int k = 0; k < 5; k++)
        snprintf(name[k], sizeof name[k], "joined_%s_%zu", part[k], i);
    return put_numbers(out, "uint32_t", name[0], j->slots, 4, (size_t)j->mask + 1) == 0 &&
                   put_numbers(out, "uint32_t", name[1], j->offsets, 4, (size_t)j->count + 1) == 0 &&
                   put_numbers(out, "uint32_t", name[2], j->first, 4, (size_t)j->count + 2) == 0 &&
                   put_numbers(out, "uint32_t", name[3], j->nodes, 4, j->npairs) == 0 &&
                   fl_tool_put_bytes(out, name[4], j->text, j->text_len) == 0 &&
                   fl__buf_printf(out, "static const fl_joined_table joined_%zu = {%s, %lu, %s, "
                                       "(const char *)%s, %lu, %lu, %s, %s, %lu};\n",
                                  i, name[0], (unsigned long)j->mask, name[1], name[4],
                                  (unsigned long)j->text_len, (unsigned long)j->count, name[2],
                                  name[3], (unsigned long)j->npairs) == 0
               ? 0 : -1;
}

/* The vocabulary's hash table as fl_vocab_slot initialisers: a word of up
 * to FL_VOCAB_INLINE bytes in its slot, a longer one as its hash. */
static int put_vocab(fl_buf *out, const char *name, fl_vocab_view v)
{
    int ok = fl__buf_printf(out, "static const fl_vocab_slot %s[] = {", name) == 0;
    for (size_t i = 0; ok && i <= v.mask; i++) {
        const fl_vocab_slot *s = &v.slots[i];
        ok = fl__buf_puts(out, i % 4 ? " " : "\n") == 0 &&
             fl__buf_printf(out, "{%lu, %lu, ", (unsigned long)s->id, (unsigned long)s->len) == 0;
        if (!s->id || s->len > FL_VOCAB_INLINE) {
            ok = ok && fl__buf_printf(out, "{.far = {0x%llxull}}},",
                                      (unsigned long long)(s->id ? s->u.far.hash : 0)) == 0;
            continue;
        }
        /* bytes, not a string: a 16-byte word leaves no room for a NUL */
        ok = ok && fl__buf_puts(out, "{.text = {") == 0;
        for (size_t k = 0; ok && k < s->len; k++)
            ok = fl__buf_printf(out, "%s(char)0x%02x", k ? "," : "",
                                (unsigned char)s->u.text[k]) == 0;
        ok = ok && fl__buf_puts(out, "}}},") == 0;
    }
    return ok && fl__buf_puts(out, "\n};\n") == 0 ? 0 : -1;
}

/* One language's matcher: its bytes (key and words) and its own tables,
 * written out as they are in memory, and the entry of the table of
 * matchers that points to them; checked first as a run will trust it
 * (frozen.h). */
static int freeze_matcher(fl_buf *out, fl_buf *table, const fl_ruleset *rs,
                          const char *language, size_t i)
{
    const fl_matcher *m = fl__ruleset_matcher(rs, language);
    fl_buf blob = FL_BUF_INIT(fl__default_allocator());
    fl_term_rules terms = {0};
    char name[7][32];
    const char *part[7] = {"data", "terms", "keys", "values", "root", "node_entries",
                           "list_words"};
    for (int k = 0; k < 7; k++)
        snprintf(name[k], sizeof name[k], "%s_%zu", part[k], i);
    int ok = m && fl__matcher_freeze(&blob, &terms, m) == 0;
    fl_vocab_view v = m ? fl__vocab_view(m->vocab) : (fl_vocab_view){NULL, 0, NULL, 0};
    fl_frozen_matcher f = {language, (const unsigned char *)blob.ptr, blob.len, terms.ptr,
                           terms.len, m ? m->edge_keys : NULL, m ? m->edge_values : NULL,
                           m ? m->edge_mask + 1 : 0, m ? m->root : NULL, m ? m->nroot : 0,
                           m ? m->node_entries : NULL, m ? m->nnodes : 0,
                           m ? m->entries : NULL, m ? m->node_entries[m->nnodes + 1] : 0,
                           m ? m->list_words : NULL, m ? (size_t)m->nlists + FL_EXTRA_LISTS : 0,
                           m ? fl__joined_table(m->joined) : NULL, v.slots, v.mask + 1};
    fl_error err = FL_ERROR_INIT;
    if (ok && fl__matcher_frozen_check(&f, rs, &err) < 0) {
        char msg[1024];
        fl_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "freeze_matchers: %s: %s\n", language, msg);
        ok = 0;
    }
    ok = ok && fl_tool_put_bytes(out, name[0], blob.ptr, blob.len) == 0 &&
         put_numbers(out, "uint32_t", name[1], f.term_rules, 4, f.nterm_rules) == 0 &&
         put_numbers(out, "uint64_t", name[2], f.edge_keys, 8, f.edge_slots) == 0 &&
         put_numbers(out, "uint32_t", name[3], f.edge_values, 4, f.edge_slots) == 0 &&
         put_numbers(out, "uint32_t", name[4], f.root, 4, f.nroot) == 0 &&
         put_numbers(out, "uint32_t", name[5], f.node_entries, 4, (size_t)f.nnodes + 2) == 0 &&
         put_numbers(out, "uint16_t", name[6], f.list_words, 2, f.nlist_words) == 0;
    char entries[32], vocab[32];
    snprintf(entries, sizeof entries, "entries_%zu", i);
    snprintf(vocab, sizeof vocab, "vocab_%zu", i);
    ok = ok && put_entries(out, entries, f.entries, f.nentries) == 0 &&
         put_joined(out, f.joined, i) == 0 && put_vocab(out, vocab, v) == 0 &&
         fl__buf_printf(table, "    {\"%s\", %s, %zu, %s, %zu, %s, %s, %zu, %s, %zu, %s, %lu, "
                               "%s, %zu, %s, %zu, &joined_%zu, %s, %zu},\n",
                        language, name[0], f.len, name[1], f.nterm_rules, name[2], name[3],
                        f.edge_slots, name[4], f.nroot, name[5], (unsigned long)f.nnodes, entries,
                        f.nentries, name[6], f.nlist_words, i, vocab, v.mask + 1) == 0;
    FL_VEC_FREE(fl__default_allocator(), &terms);
    fl__buf_free(&blob);
    return ok ? 0 : -1;
}

/* Each distinct (pattern, options) once, sorted as the library searches. */
static int freeze_patterns(fl_buf *out, fl_buf *table, size_t *count, pattern *p, size_t n)
{
    qsort(p, n, sizeof *p, compare_patterns);
    int ok = 1;
    *count = 0;
    for (size_t i = 0; ok && i < n; i++) {
        if (i && !compare_patterns(&p[i - 1], &p[i]))
            continue;
        const pcre2_code *codes[1] = {p[i].rule->code};
        uint8_t *bytes = NULL;
        PCRE2_SIZE size = 0;
        char text[32], code[32];
        snprintf(text, sizeof text, "pattern_%zu", *count);
        snprintf(code, sizeof code, "code_%zu", *count);
        ok = pcre2_serialize_encode(codes, 1, &bytes, &size, NULL) == 1 &&
             fl_tool_put_bytes(out, text, p[i].rule->pattern, strlen(p[i].rule->pattern)) == 0 &&
             fl_tool_put_bytes(out, code, bytes, size) == 0 &&
             fl__buf_printf(table, "    {(const char *)%s, 0x%08lxu, %s, %zu, 0x%016llxull},\n",
                            text, (unsigned long)p[i].options, code, (size_t)size,
                            (unsigned long long)fl__frozen_sum(0, bytes, size)) == 0;
        pcre2_serialize_free(bytes);
        (*count)++;
    }
    return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT\n", argv[0]);
        return 2;
    }
    char names[16][16];
    size_t nlang = languages(names, 16);
    fl_ruleset *rulesets[16] = {0};
    fl_buf out = FL_BUF_INIT(fl__default_allocator());
    fl_buf matchers = FL_BUF_INIT(fl__default_allocator());
    fl_buf patterns = FL_BUF_INIT(fl__default_allocator());
    FL_VEC(pattern) found = {0};
    int ok = fl__buf_puts(&out, "/* Generated from rules/ by tools/freeze_matchers.c: do not "
                                "edit. */\n#include \"frozen.h\"\n#include \"hashtag.h\"\n"
                                "#include \"match.h\"\n\n") == 0;
    for (size_t i = 0; ok && i < nlang; i++) {
        ok = (rulesets[i] = load(names[i])) && freeze_matcher(&out, &matchers, rulesets[i],
                                                               names[i], i) == 0;
        for (size_t k = 0; ok && k < fl_ruleset_count(rulesets[i]); k++) {
            const fl_rule *r = fl_ruleset_at(rulesets[i], k);
            pattern p = {r, 0};
            if (!r->code)
                continue;
            ok = pcre2_pattern_info(r->code, PCRE2_INFO_ARGOPTIONS, &p.options) == 0 &&
                 FL_VEC_PUSH(fl__default_allocator(), &found, p) == 0;
        }
    }
    size_t npatterns = 0;
    ok = ok && freeze_patterns(&out, &patterns, &npatterns, found.ptr, found.len) == 0;
    ok = ok && fl__buf_puts(&out, "\nstatic const fl_frozen_matcher matchers[] = {\n") == 0 &&
         fl__buf_put(&out, matchers.ptr, matchers.len) == 0 &&
         /* A last row of zeros keeps each table valid C when it has no
          * other (a build with no rules). */
         fl__buf_puts(&out, "    {0}\n};\n\nstatic const fl_frozen_pattern "
                            "patterns[] = {\n") == 0 &&
         fl__buf_put(&out, patterns.ptr, patterns.len) == 0 &&
         fl__buf_printf(&out, "    {0}\n};\n\nconst fl_frozen fl__frozen = {matchers, %zu, patterns, "
                              "%zu};\n", nlang, npatterns) == 0;
    ok = ok && fl_tool_write_if_changed(argv[1], &out) == 0;
    for (size_t i = 0; i < nlang; i++)
        fl_ruleset_free(rulesets[i]);
    FL_VEC_FREE(fl__default_allocator(), &found);
    fl__buf_free(&matchers);
    fl__buf_free(&patterns);
    fl__buf_free(&out);
    if (!ok)
        fprintf(stderr, "freeze_matchers: failed\n");
    return ok ? 0 : 1;
}

/*
 * freeze_matchers: writes generated/frozen.c, what the library would
 * otherwise compute from the embedded rules every time it starts
 * (frozen.h): every shipped pattern as PCRE2 compiled it, serialised. It
 * links the library's own code and calls the same functions a run calls,
 * so what it freezes is what a run would build; only its own fl__frozen is
 * empty.
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
#include "ruleset.h"
#include "rules_embedded.h"

/* Nothing frozen here: everything below is built from the rules. */
const fl_frozen fl__frozen = {NULL, 0};

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
    fl_buf patterns = FL_BUF_INIT(fl__default_allocator());
    FL_VEC(pattern) found = {0};
    int ok = fl__buf_puts(&out, "/* Generated from rules/ by tools/freeze_matchers.c: do not "
                                "edit. */\n#include \"frozen.h\"\n\n") == 0;
    for (size_t i = 0; ok && i < nlang; i++) {
        ok = (rulesets[i] = load(names[i])) != NULL;
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
    /* A last row of zeros keeps the table valid C when it has no other (a
     * build with no rules). */
    ok = ok && fl__buf_puts(&out, "\nstatic const fl_frozen_pattern patterns[] = {\n") == 0 &&
         fl__buf_put(&out, patterns.ptr, patterns.len) == 0 &&
         fl__buf_printf(&out, "    {0}\n};\n\nconst fl_frozen fl__frozen = {patterns, %zu};\n",
                        npatterns) == 0;
    ok = ok && fl_tool_write_if_changed(argv[1], &out) == 0;
    for (size_t i = 0; i < nlang; i++)
        fl_ruleset_free(rulesets[i]);
    FL_VEC_FREE(fl__default_allocator(), &found);
    fl__buf_free(&patterns);
    fl__buf_free(&out);
    if (!ok)
        fprintf(stderr, "freeze_matchers: failed\n");
    return ok ? 0 : 1;
}

/*
 * fuzz_config: parses the input as a `.framelint.yml`, asks it about a few
 * paths (ignore globs are matched without backtracking, so no pattern may be
 * slow), and applies it to a small ruleset, which must then compile. Every
 * call must return a known status, and a failure must explain itself.
 */
#include <string.h>

#include "fuzz.h"

/* Rule ids, rulesets and categories a config can name: a.one, a.two,
 * b.three; cat-x, cat-y. */
#define TERM_RULE(id, category, word)                                          \
    "  - id: " id "\n    kind: term\n    category: " category "\n"             \
    "    message: A test finding.\n    explain: A rule for tests.\n"           \
    "    terms:\n      - match: [" word "]\n"
static const char rules_a[] = "ruleset: a\nlanguage: en\nguidance: terminology\nrules:\n"
    TERM_RULE("one", "cat-x", "alpha") TERM_RULE("two", "cat-y", "beta");
static const char rules_b[] = "ruleset: b\nlanguage: en\nguidance: terminology\nrules:\n"
    TERM_RULE("three", "cat-x", "gamma");

static const char *const paths[] = {
    "draft.md", "archive/2019/old.md", "a/b/c/d/e/f/g.html", ".hidden/x.txt",
    "archive", "x.min.html", "", "/abs/path.md", "dir/", "**/*",
};

static void ask(const fl_config *cfg)
{
    fuzz_check(fl_config_language(cfg) != NULL);
    fuzz_check(fl_config_dir(cfg) != NULL);
    fl_severity fail_on = fl_config_fail_on(cfg);
    fuzz_check(fail_on >= FL_SEVERITY_OFF && fail_on <= FL_SEVERITY_ERROR);
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        int ignored = fl_config_ignores(cfg, paths[i]);
        fuzz_check(ignored == 0 || ignored == 1);
    }
}

/* Rule files are read from disk, relative to the config's folder: a path
 * the fuzzer writes could name a device that never ends (/dev/stdin), so an
 * input that could spell one ('/' or an escape for it) is not applied. The
 * folder does not exist, so relative paths fail to open. */
static void apply(const fl_config *cfg, const uint8_t *data, size_t size)
{
    if (memchr(data, '/', size) || memchr(data, '\\', size))
        return;
    fl_error err = FL_ERROR_INIT;
    fl_ruleset *rs = NULL;
    fuzz_check(fl_ruleset_new(&rs, NULL, &err) == FL_OK);
    fuzz_check(fl_ruleset_add_buffer(rs, "a.yml", rules_a, sizeof rules_a - 1, &err) ==
               FL_OK);
    fuzz_check(fl_ruleset_add_buffer(rs, "b.yml", rules_b, sizeof rules_b - 1, &err) ==
               FL_OK);
    int status = fl_config_apply(cfg, rs, &err);
    fuzz_check_status(status, &err);
    if (status == FL_OK) {
        status = fl_ruleset_compile(rs, &err);
        fuzz_check_status(status, &err);
        /* An allowed word or a declared name the tokenizer cannot match
         * ("covid 19") is found only when compiling, and named without the
         * config's line: a known gap, left to the compiler's owners.
         * Anything else must compile. */
        fuzz_check(status == FL_OK ||
                   (status == FL_ESCHEMA && err.path &&
                    (!strcmp(err.path, "allowed words") || !strcmp(err.path, "names"))));
    }
    fl_ruleset_free(rs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fl_error err = FL_ERROR_INIT;
    fl_config *cfg = NULL;
    int status = fl_config_parse(&cfg, NULL, "/nonexistent-fuzz/.framelint.yml",
                                 (const char *)data, size, &err);
    fuzz_check_status(status, &err);
    fuzz_check((status == FL_OK) == (cfg != NULL));
    if (cfg) {
        ask(cfg);
        apply(cfg, data, size);
    }
    fl_config_free(cfg);
    return 0;
}

/*
 * fuzz_ruleset_yaml: loads the input as one rule file (after the shipped word
 * lists, so that rules can name them), compiles what loaded, and lints a
 * short fixed draft with it. Every call must return a status; a failure must
 * explain itself and leave the ruleset as it was (so the lists alone still
 * compile).
 */
#include <string.h>

#include "fuzz.h"
#include "rules_embedded.h"

/* Touches every scope and rule kind the shipped rules have. */
static const char draft[] =
    "---\nlang: en\n---\n"
    "# A flood of migrants at the border\n\n"
    "They say illegal immigrants swarm our towns. In 2023, 685,000 people "
    "arrived, 12% more, 41% on work visas, 28% to study and 9% for family.\n\n"
    "![Migrants crowd a dinghy at sea](boat.jpg \"Chaos at the fence\")\n\n"
    "> These people are not like us; send them back.\n\n"
    "- The word \"illegal\" is not a person.\n"
    "- <!-- framelint-disable-next-line terminology -->A wave of newcomers.\n\n"
    "| Asylum seekers | €2bn |\n|---|---|\n| 3.5 % | 1,200 |\n";

static int add_lists(fl_ruleset *rs, fl_error *err)
{
    for (const fl_embedded_file *f = fl__embedded_rules; f->name; f++) {
        size_t n = strlen(f->name);
        if (n >= 10 && strcmp(f->name + n - 10, "/lists.yml") == 0) {
            int error = fl_ruleset_add_buffer(rs, f->name, f->data, f->len, err);
            if (error < 0)
                return error;
        }
    }
    return FL_OK;
}

static void check_rules(const fl_ruleset *rs)
{
    for (size_t i = 0; i < fl_ruleset_count(rs); i++) {
        const fl_rule *r = fl_ruleset_at(rs, i);
        fuzz_check(r != NULL && fl_ruleset_find(rs, fl_rule_id(r)) == r);
        const char *fields[] = {fl_rule_category(r), fl_rule_language(r),
                                fl_rule_guidance(r), fl_rule_summary(r),
                                fl_rule_explanation(r), fl_rule_source(r),
                                fl_rule_file(r)};
        for (size_t k = 0; k < sizeof fields / sizeof *fields; k++)
            fuzz_check(fields[k] != NULL);
        for (int flag = 0; flag <= 1; flag++) {
            for (size_t k = 0; k < fl_rule_example_count(r, flag); k++)
                fuzz_check(fl_rule_example(r, flag, k) != NULL);
        }
    }
    fuzz_check(fl_ruleset_at(rs, fl_ruleset_count(rs)) == NULL);
}

/* Lints the draft in the language of the file's first rule. */
static void lint_draft(const fl_ruleset *rs)
{
    fl_error err = FL_ERROR_INIT;
    fl_document *doc = NULL;
    fl_findings *f = NULL;
    fl_lint_options opts = FL_LINT_OPTIONS_INIT;
    if (fl_ruleset_count(rs) > 0)
        opts.language = fl_rule_language(fl_ruleset_at(rs, 0));
    fuzz_check(fl_document_new(&doc, NULL, "draft.md", draft, sizeof draft - 1,
                               FL_FORMAT_MARKDOWN, &err) == FL_OK);
    int status = fl_lint(&f, rs, doc, &opts, &err);
    fuzz_check_status(status, &err);
    fuzz_check(status == FL_OK || status == FL_ENOMEM);
    if (status == FL_OK)
        fuzz_check_findings(doc, f);
    fl_findings_free(f);
    fl_document_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fl_error err = FL_ERROR_INIT;
    fl_ruleset *rs = NULL;
    fuzz_check(fl_ruleset_new(&rs, NULL, &err) == FL_OK);
    fuzz_check(add_lists(rs, &err) == FL_OK);
    size_t before = fl_ruleset_count(rs);
    int status = fl_ruleset_add_buffer(rs, "fuzz.yml", (const char *)data, size, &err);
    fuzz_check_status(status, &err);
    if (status < 0) {
        fuzz_check(fl_ruleset_count(rs) == before);
        err = (fl_error)FL_ERROR_INIT;
    }
    check_rules(rs);
    int loaded = status == FL_OK;
    status = fl_ruleset_compile(rs, &err);
    fuzz_check_status(status, &err);
    fuzz_check(loaded || status == FL_OK);
    if (status == FL_OK)
        lint_draft(rs);
    fl_ruleset_free(rs);
    return 0;
}

/*
 * install_smoke: built against an installed libframelint through pkg-config
 * by install_check.cmake. Lints one sentence with the built-in rules and
 * prints the first finding, proving the header, library and rules arrived.
 */
#include <stdio.h>
#include <string.h>

#include <framelint/framelint.h>

int main(void)
{
    static const char text[] = "A flood of migrants reached the border.\n";
    fl_error err = FL_ERROR_INIT;
    fl_ruleset *rs = NULL;
    fl_document *doc = NULL;
    fl_findings *f = NULL;
    fl_lint_options opts = FL_LINT_OPTIONS_INIT;
    int error = fl_ruleset_new(&rs, NULL, &err);
    if (error == 0)
        error = fl_ruleset_add_defaults(rs, &err);
    if (error == 0)
        error = fl_ruleset_compile(rs, &err);
    if (error == 0)
        error = fl_document_new(&doc, NULL, "draft.md", text, strlen(text),
                                FL_FORMAT_AUTO, &err);
    if (error == 0)
        error = fl_lint(&f, rs, doc, &opts, &err);
    if (error == 0 && fl_findings_count(f) > 0) {
        const fl_finding *x = fl_findings_at(f, 0);
        fl_position p;
        error = fl_document_position(&p, doc, fl_finding_offset(x));
        if (error == 0)
            printf("draft.md:%u:%u: %s [%s]\n", p.line, p.column,
                   fl_finding_message(x), fl_rule_id(fl_finding_rule(x)));
    } else if (error == 0) {
        fprintf(stderr, "install_smoke: no finding in \"%s\"\n", text);
        error = FL_ERROR;
    }
    if (error < 0)
        fprintf(stderr, "install_smoke: %s (%d)\n", err.message, error);
    fl_findings_free(f);
    fl_document_free(doc);
    fl_ruleset_free(rs);
    return error < 0 ? 1 : 0;
}

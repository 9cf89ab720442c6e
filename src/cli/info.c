/*
 * info: --list-rules and --explain, the commands that describe rules
 * instead of linting.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* Columns as wide as their longest entry, so long ids and custom
 * categories from a team's rule files stay aligned. */
int cli_print_rules(const fl_ruleset *rs, cli_out *out)
{
    int w = 4, cw = 14;
    for (size_t i = 0; i < fl_ruleset_count(rs); i++) {
        const fl_rule *x = fl_ruleset_at(rs, i);
        int n = (int)strlen(fl_rule_id(x)), c = (int)strlen(fl_rule_category(x));
        w = n > w ? n : w;
        cw = c > cw ? c : cw;
    }
    int error = cli_out_printf(out, "%-*s  %-*s  %-10s  %-4s  %-3s  %s\n", w, "RULE", cw,
                               "CATEGORY", "SEVERITY", "LANG", "FIX", "SUMMARY");
    for (size_t i = 0; error == 0 && i < fl_ruleset_count(rs); i++) {
        const fl_rule *x = fl_ruleset_at(rs, i);
        error = cli_out_printf(out, "%-*s  %-*s  %-10s  %-4s  %-3s  %s\n", w, fl_rule_id(x),
                               cw, fl_rule_category(x),
                               fl_severity_name(fl_rule_severity(x)), fl_rule_language(x),
                               fl_rule_can_fix(x) ? "yes" : "no", fl_rule_summary(x));
    }
    return error;
}

/* A rule whose id is "<ruleset>.<id>", for a user who left the ruleset out. */
static const fl_rule *find_short_id(const fl_ruleset *rs, const char *id)
{
    for (size_t i = 0; i < fl_ruleset_count(rs); i++) {
        const char *dot = strchr(fl_rule_id(fl_ruleset_at(rs, i)), '.');
        if (dot && !strcmp(dot + 1, id))
            return fl_ruleset_at(rs, i);
    }
    return NULL;
}

int cli_explain(const fl_ruleset *rs, const char *id, cli_out *out)
{
    const fl_rule *x = fl_ruleset_find(rs, id);
    if (!x) {
        const fl_rule *near = find_short_id(rs, id);
        if (near)
            fprintf(stderr, "framelint: no rule named '%s' (did you mean '%s'?)\n", id,
                    fl_rule_id(near));
        else
            fprintf(stderr, "framelint: no rule named '%s' (see framelint --list-rules)\n",
                    id);
        return EXIT_TROUBLE;
    }
    cli_out_printf(out, "%s  (%s, %s, %s rule, language %s)\n\n%s\n\n", fl_rule_id(x),
                   fl_rule_category(x), fl_severity_name(fl_rule_severity(x)),
                   fl_rule_kind_name(fl_rule_kind_of(x)), fl_rule_language(x),
                   fl_rule_explanation(x));
    for (int flag = 1; flag >= 0; flag--) {
        if (fl_rule_example_count(x, flag))
            cli_out_printf(out, "%s\n", flag ? "Flagged:" : "Not flagged:");
        for (size_t i = 0; i < fl_rule_example_count(x, flag); i++)
            cli_out_printf(out, "  %s %s\n", flag ? "-" : "+", fl_rule_example(x, flag, i));
        if (fl_rule_example_count(x, flag))
            cli_out_printf(out, "\n");
    }
    if (fl_rule_precision(x)[0])
        cli_out_printf(out, "Precision: %s\n\n", fl_rule_precision(x));
    cli_out_printf(out, "Guidance: %s (docs/guidance.md restates the GFMD 2019 advice)\n",
                   fl_rule_guidance(x));
    if (fl_rule_source(x)[0])
        cli_out_printf(out, "Sources: %s\n", fl_rule_source(x));
    cli_out_printf(out, "Defined in: %s\n", fl_rule_file(x));
    /* A failed write is remembered by `out` and reported when it closes. */
    return EXIT_CLEAN;
}


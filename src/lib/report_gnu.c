/*
 * report_gnu: `path:line:column: severity: message [rule]`, one line per
 * finding — what Vim's quickfix, Emacs' compile mode and most editors parse.
 * A message never spans lines here: line breaks in it become spaces.
 */
#include "report.h"
#include "ruleset.h"

static int put_one_line(fl_buf *out, const char *s)
{
    for (; *s; s++) {
        int error = fl__buf_putc(out, *s == '\n' || *s == '\r' ? ' ' : *s);
        if (error < 0)
            return error;
    }
    return FL_OK;
}

int fl__report_gnu(fl_reporter *r, fl_document *doc, const fl_findings *f,
                   const char *path)
{
    for (size_t i = 0; i < fl_findings_count(f); i++) {
        const fl_finding *x = fl_findings_at(f, i);
        fl_position p;
        int error = fl_document_position(doc, x->off, &p);
        if (error == 0)
            error = fl__buf_printf(&r->out, "%s:%u:%u: %s: ", path, p.line, p.column,
                                   fl_severity_name(x->severity));
        if (error == 0)
            error = put_one_line(&r->out, x->message);
        if (error == 0)
            error = fl__buf_printf(&r->out, " [%s]\n", x->rule->id);
        if (error < 0)
            return error;
    }
    return FL_OK;
}

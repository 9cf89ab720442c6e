/*
 * report_checkstyle: Checkstyle 4.3 XML, the format Jenkins and many review
 * bots read. Streamed: the prolog comes with the first file, the closing tag
 * at finish. Every file gets a <file> element, with findings or not.
 */
#include <string.h>

#include "report.h"
#include "ruleset.h"

#define HEADER "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"

/* Checkstyle knows error, warning and info. */
static const char *severity(fl_severity s)
{
    return s == FL_SEVERITY_ERROR ? "error" : s == FL_SEVERITY_WARNING ? "warning" : "info";
}

static int put_error(fl_buf *out, fl_buf *message, const fl_document *doc, const fl_finding *x)
{
    fl_position p;
    int error = fl_document_position(&p, doc, x->off);
    fl__buf_clear(message);
    if (error == 0)
        error = fl__report_message(message, x);
    if (error == 0)
        error = fl__buf_printf(out, "  <error line=\"%u\" column=\"%u\" severity=\"%s\" message=\"",
                               p.line, p.column, severity(x->severity));
    if (error == 0)
        error = fl__xml_escape(out, message->ptr, message->len);
    if (error == 0)
        error = fl__buf_puts(out, "\" source=\"framelint.");
    /* Shipped rule ids are [a-z0-9.-], but a rule file may say otherwise. */
    if (error == 0)
        error = fl__xml_escape(out, x->rule->id, strlen(x->rule->id));
    return error < 0 ? error : fl__buf_puts(out, "\"/>\n");
}

int fl__report_checkstyle(fl_reporter *r, const fl_document *doc, const fl_findings *f, const char *path)
{
    fl_buf message = FL_BUF_INIT(r->alloc);
    int error = r->files ? 0 : fl__buf_puts(&r->out, HEADER);
    if (error == 0)
        error = fl__buf_puts(&r->out, "<file name=\"");
    if (error == 0)
        error = fl__xml_escape(&r->out, path, strlen(path));
    if (error == 0)
        error = fl__buf_puts(&r->out, "\">\n");
    for (size_t i = 0; i < fl_findings_count(f) && error == 0; i++)
        error = put_error(&r->out, &message, doc, fl_findings_at(f, i));
    if (error == 0)
        error = fl__buf_puts(&r->out, "</file>\n");
    fl__buf_free(&message);
    return error;
}

int fl__report_checkstyle_finish(fl_reporter *r)
{
    int error = r->files ? 0 : fl__buf_puts(&r->out, HEADER);
    return error < 0 ? error : fl__buf_puts(&r->out, "</checkstyle>\n");
}

/*
 * report_common: what every reporter needs from a finding — where it
 * starts and ends, and its message with the rewrites in one string. The
 * reporters call it; it calls none of them, nor report.c.
 */
#include "report.h"
#include "ruleset.h"

int fl__report_span(const fl_document *doc, const fl_finding *x, fl_span_pos *out)
{
    int error = fl_document_position(&out->start, doc, x->off);
    if (error == 0)
        error = fl_document_position(&out->end, doc, x->off + x->len);
    return error;
}

int fl__report_message(fl_buf *out, const fl_finding *x)
{
    int error = fl__buf_puts(out, x->message);
    /* Each rewrite quoted, as in the text format: "a large number of or
     * many" reads as one phrase. */
    for (size_t i = 0; i < x->nsuggestions && error == 0; i++) {
        error = fl__buf_puts(out, i ? " or \xe2\x80\x9c" : " Rewrite: \xe2\x80\x9c");
        if (error == 0)
            error = fl__buf_puts(out, x->suggestions[i]);
        if (error == 0)
            error = fl__buf_puts(out, "\xe2\x80\x9d");
    }
    return error;
}

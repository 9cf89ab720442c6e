/*
 * report_common: what every reporter needs from a finding — where it
 * starts and ends, and its message with the rewrites in one string. The
 * reporters call it; it calls none of them, nor report.c.
 */
#include "report.h"
#include "ruleset.h"
#include "text.h"

int fl__report_span(const fl_document *doc, const fl_finding *x, fl_span_pos *out)
{
    int error = fl_document_position(&out->start, doc, x->off);
    if (error < 0)
        return error;
    /* Most findings end on the line they start on: the end's column is
     * then the start's plus the code points between, which spares a
     * second search of the line map and a count from the line's start or
     * mark (hundreds of bytes of prose). Only from an ASCII byte: the
     * count from the line's start steps on every such byte, so counting
     * on from it is the same count, however invalid the UTF-8 before. */
    const fl_position *p = &out->start;
    size_t end = x->off + x->len;
    if (x->off >= p->line_offset && end <= p->line_offset + p->line_length &&
        end <= doc->len && x->off < doc->len && (unsigned char)doc->data[x->off] < 0x80) {
        out->end = *p;
        out->end.column = p->column + (unsigned)fl__utf8_count(doc->data + x->off, x->len);
        return FL_OK;
    }
    return fl_document_position(&out->end, doc, end);
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

/*
 * report_gnu: `path:line:column: severity: message [rule]`, one line per
 * finding — what Vim's quickfix, Emacs' compile mode and most editors parse.
 * A message never spans lines here: line breaks in it become spaces.
 */
#include <string.h>

#include "report.h"
#include "ruleset.h"
#include "text.h"

/* Writes `s` on one line with nothing a terminal would obey: line breaks and
 * tabs become spaces, other control characters (ESC included) '?', and
 * invalid UTF-8 U+FFFD. Drafts and file names can hold any byte. */
static int put_one_line(fl_buf *out, const char *s)
{
    size_t len = strlen(s), i = 0;
    while (i < len) {
        int32_t cp;
        size_t n = fl__utf8_decode((const unsigned char *)s + i, len - i, &cp);
        int error = cp < 0                                   ? fl__buf_puts(out, "\xef\xbf\xbd")
                    : cp == '\n' || cp == '\r' || cp == '\t' ? fl__buf_putc(out, ' ')
                    : cp < 0x20 || (cp >= 0x7F && cp < 0xA0)  ? fl__buf_putc(out, '?')
                                                              : fl__buf_put(out, s + i, n);
        if (error < 0)
            return error;
        i += n;
    }
    return FL_OK;
}

int fl__report_gnu(fl_reporter *r, const fl_document *doc, const fl_findings *f,
                   const char *path)
{
    for (size_t i = 0; i < fl_findings_count(f); i++) {
        const fl_finding *x = fl_findings_at(f, i);
        fl_position p;
        int error = fl_document_position(&p, doc, x->off);
        if (error == 0)
            error = put_one_line(&r->out, path);
        if (error == 0)
            error = fl__buf_printf(&r->out, ":%u:%u: %s: ", p.line, p.column,
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

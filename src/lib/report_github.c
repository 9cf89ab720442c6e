/*
 * report_github: GitHub Actions workflow commands, one `::warning …::message`
 * line per finding, which the runner turns into annotations on the diff. A
 * command never spans lines, whatever the draft, path or rule contains.
 */
#include <string.h>

#include "report.h"
#include "ruleset.h"
#include "text.h"

#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

static const char *command(fl_severity s)
{
    return s == FL_SEVERITY_ERROR ? "error" : s == FL_SEVERITY_WARNING ? "warning" : "notice";
}

/* GitHub's escapes: `%`, CR and LF everywhere; `:` and `,` also in property
 * values, where they would end the value. */
static const char *escape(int32_t cp, int property)
{
    switch (cp) {
    case '%':
        return "%25";
    case '\r':
        return "%0D";
    case '\n':
        return "%0A";
    case ':':
        return property ? "%3A" : NULL;
    case ',':
        return property ? "%2C" : NULL;
    default:
        return NULL;
    }
}

/* The log viewer interprets terminal escapes, so, as in the text format, no
 * control character from a draft reaches it; nor does invalid UTF-8. */
static int is_control(int32_t cp)
{
    return (cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp < 0xA0);
}

static int put_escaped(fl_buf *out, const char *s, size_t len, int property)
{
    const unsigned char *u = (const unsigned char *)s;
    int error = 0;
    for (size_t i = 0; i < len && error == 0;) {
        int32_t cp;
        size_t n = fl__utf8_decode(u + i, len - i, &cp);
        const char *e = cp >= 0 ? escape(cp, property) : NULL;
        if (e)
            error = fl__buf_puts(out, e);
        else if (cp < 0 || is_control(cp))
            error = fl__buf_puts(out, REPLACEMENT);
        else
            error = fl__buf_put(out, s + i, n);
        i += n;
    }
    return error;
}

/* GitHub takes columns only for a span on one line. */
static int put_position(fl_buf *out, const fl_span_pos *s)
{
    if (s->start.line != s->end.line)
        return fl__buf_printf(out, ",line=%u,endLine=%u", s->start.line, s->end.line);
    return fl__buf_printf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u", s->start.line,
                          s->start.column, s->end.line, s->end.column);
}

static int put_command(fl_buf *out, fl_buf *message, const fl_document *doc, const fl_finding *x,
                       const char *path)
{
    fl_span_pos s;
    int error = fl__report_span(doc, x, &s);
    fl__buf_clear(message);
    if (error == 0)
        error = fl__report_message(message, x);
    if (error == 0)
        error = fl__buf_printf(out, "::%s file=", command(x->severity));
    if (error == 0)
        error = put_escaped(out, path, strlen(path), 1);
    if (error == 0)
        error = put_position(out, &s);
    if (error == 0)
        error = fl__buf_puts(out, ",title=");
    if (error == 0)
        error = put_escaped(out, x->rule->id, strlen(x->rule->id), 1);
    if (error == 0)
        error = fl__buf_puts(out, "::");
    if (error == 0)
        error = put_escaped(out, message->ptr, message->len, 0);
    return error < 0 ? error : fl__buf_putc(out, '\n');
}

int fl__report_github(fl_reporter *r, const fl_document *doc, const fl_findings *f, const char *path)
{
    fl_buf message = FL_BUF_INIT(r->alloc);
    int error = 0;
    for (size_t i = 0; i < fl_findings_count(f) && error == 0; i++)
        error = put_command(&r->out, &message, doc, fl_findings_at(f, i), path);
    fl__buf_free(&message);
    return error;
}

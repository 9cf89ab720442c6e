/*
 * error: formats fl_error values; fixed-size buffers only, so reporting an
 * out-of-memory condition cannot itself fail.
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int fl__error_set(fl_error *err, int code, const char *path, unsigned line,
                  unsigned column, size_t offset, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    err->path = path;
    err->line = line;
    err->column = column;
    err->offset = offset;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

int fl__error_nomem(fl_error *err)
{
    return fl__error_set(err, FL_ENOMEM, NULL, 0, 0, 0, "out of memory");
}

size_t fl_error_format(const fl_error *err, char *buf, size_t size)
{
    char where[64] = "";
    if (!err)
        return (size_t)snprintf(buf, size, "%s", "");
    if (err->line && err->column)
        snprintf(where, sizeof where, ":%u:%u", err->line, err->column);
    else if (err->line)
        snprintf(where, sizeof where, ":%u", err->line);
    const char *msg = err->message[0] ? err->message : fl_status_name(err->code);
    int n;
    if (err->path && err->path[0])
        n = snprintf(buf, size, "%s%s: %s", err->path, where, msg);
    else
        n = snprintf(buf, size, "%s", msg);
    return n < 0 ? 0 : (size_t)n;
}

const char *fl_status_name(int code)
{
    switch (code) {
    case FL_OK: return "success";
    case FL_ENOMEM: return "out of memory";
    case FL_EIO: return "input/output error";
    case FL_EINVAL: return "invalid argument";
    case FL_EUTF8: return "invalid UTF-8";
    case FL_ESYNTAX: return "YAML syntax error";
    case FL_ESCHEMA: return "invalid rule or config file";
    case FL_EREGEX: return "invalid regular expression";
    case FL_ELIMIT: return "limit exceeded";
    default: return "error";
    }
}

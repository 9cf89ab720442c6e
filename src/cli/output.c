/*
 * output: everything the command writes to stdout goes through here, so the
 * first failed write (a full disk, a closed pipe) is remembered with its
 * reason and the run ends with one message and exit 2, never a silent 0.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* After a failure nothing more is written: the output is already incomplete,
 * and each further attempt would only fail again. */
static int failed(cli_out *o, int errnum)
{
    if (!o->errnum)
        o->errnum = errnum ? errnum : EIO;
    return FL_EIO;
}

int cli_out_write(void *payload, const char *data, size_t len)
{
    cli_out *o = payload;
    if (o->errnum)
        return FL_EIO;
    errno = 0;
    if (len && fwrite(data, 1, len, stdout) != len)
        return failed(o, errno);
    return FL_OK;
}

int cli_out_printf(cli_out *o, const char *fmt, ...)
{
    if (o->errnum)
        return FL_EIO;
    va_list ap;
    va_start(ap, fmt);
    errno = 0;
    int n = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return n < 0 ? failed(o, errno) : FL_OK;
}

int cli_out_failed(const cli_out *o)
{
    return o->errnum != 0;
}

/* Only a successful fclose proves the bytes left the process: a small
 * report sits in stdio's buffer until then. */
int cli_out_close(cli_out *o)
{
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout))
        failed(o, errno);
    errno = 0;
    if (fclose(stdout) != 0)
        failed(o, errno);
    if (!o->errnum)
        return 0;
    fprintf(stderr, "framelint: cannot write to standard output: %s\n",
            strerror(o->errnum));
    return -1;
}

/*
 * failmalloc: an LD_PRELOAD library that makes the Nth allocation of a
 * process fail (FL_FAIL_AT=N; 0 or unset: none), and with FL_FAIL_COUNT=PATH
 * writes how many allocations the process made to PATH at exit; with
 * FL_FAIL_TRACE set, the failing call's stack goes to stderr. It lets
 * alloc.sh walk every allocation of a real run of the command. glibc only:
 * it calls glibc's own __libc_malloc family underneath.
 */
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *ptr, size_t size);

/* Process-wide by nature: an interposed malloc has nowhere else to keep it. */
static unsigned long calls, fail_at;
static int trace;

__attribute__((constructor)) static void start(void)
{
    const char *at = getenv("FL_FAIL_AT");
    trace = getenv("FL_FAIL_TRACE") != NULL;
    if (trace) { /* the first backtrace loads libgcc, which allocates */
        void *frames[4];
        backtrace(frames, 4);
    }
    calls = 0;
    fail_at = at ? strtoul(at, NULL, 10) : 0;
}

__attribute__((destructor)) static void finish(void)
{
    const char *path = getenv("FL_FAIL_COUNT");
    if (!path)
        return;
    char line[32];
    int n = snprintf(line, sizeof line, "%lu\n", calls);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) {
        (void)!write(fd, line, (size_t)n);
        close(fd);
    }
}

static int fails(void)
{
    if (++calls != fail_at)
        return 0;
    if (trace) {
        void *frames[16];
        backtrace_symbols_fd(frames, backtrace(frames, 16), 2);
    }
    errno = ENOMEM; /* as the C library's own allocator does */
    return 1;
}

void *malloc(size_t size)
{
    return fails() ? NULL : __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    return fails() ? NULL : __libc_calloc(n, size);
}

void *realloc(void *ptr, size_t size)
{
    return fails() ? NULL : __libc_realloc(ptr, size);
}

/*
 * error: filling an fl_error. The code that detects a problem calls
 * fl__error_set once, with the position it knows; everyone else passes the
 * struct on. Never allocates.
 */
#ifndef FL_ERROR_H
#define FL_ERROR_H

#include <stddef.h>

#include "framelint/framelint.h"

#if defined(__GNUC__) || defined(__clang__)
#define FL_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define FL_PRINTF(fmt, args)
#endif

/**
 * Fills `err` (if not NULL) with `code`, a formatted message and a position
 * (`path` is borrowed; line/column 0 when unknown). Returns `code`, so a
 * detector can write `return fl__error_set(err, FL_EINVAL, ...)`.
 */
int fl__error_set(fl_error *err, int code, const char *path, unsigned line,
                  unsigned column, size_t offset, const char *fmt, ...)
    FL_PRINTF(7, 8);

/** Shorthand for an out-of-memory report without a position. */
int fl__error_nomem(fl_error *err);

#endif

/*
 * generated: what the build-time generators (freeze_rules, freeze_matchers)
 * share: reading a file whole, writing C arrays of bytes, and writing their
 * output only when it changed, so that make rebuilds nothing when the
 * rules did not change.
 */
#ifndef FL_TOOLS_GENERATED_H
#define FL_TOOLS_GENERATED_H

#include <stddef.h>

#include "buf.h"

/** The whole file, NUL-terminated (malloc'd; *len excludes the NUL), or
 *  NULL when it cannot be read. */
char *fl_tool_read_all(const char *path, size_t *len);

/** `len` bytes as `static const unsigned char name[]`, 16 to a line, with
 *  a NUL after them, aligned for readers that cast a part of it (PCRE2's
 *  serialised header). -1 when out of memory. */
int fl_tool_put_bytes(fl_buf *out, const char *name, const void *data, size_t len);

/** Writes `out` to `path` unless the file already holds exactly that;
 *  -1 (and a message on stderr) when it cannot. */
int fl_tool_write_if_changed(const char *path, const fl_buf *out);

#endif

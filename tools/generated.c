/*
 * generated: the build-time generators' shared file handling (generated.h).
 */
#include "generated.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *fl_tool_read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fl_buf b = FL_BUF_INIT(fl__default_allocator());
    char chunk[65536];
    size_t n;
    int ok = 1;
    while (ok && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        ok = fl__buf_put(&b, chunk, n) == 0;
    ok = ok && !ferror(f);
    fclose(f);
    if (!ok || fl__buf_putc(&b, '\0') < 0) {
        fl__buf_free(&b);
        return NULL;
    }
    *len = b.len - 1;
    return b.ptr;
}

int fl_tool_put_bytes(fl_buf *out, const char *name, const void *data, size_t len)
{
    const unsigned char *bytes = data;
    if (fl__buf_printf(out, "static const _Alignas(16) unsigned char %s[] = {", name) < 0)
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (fl__buf_printf(out, "%s0x%02x,", i % 16 ? "" : "\n", bytes[i]) < 0)
            return -1;
    }
    return fl__buf_puts(out, "0};\n");
}

int fl_tool_write_if_changed(const char *path, const fl_buf *out)
{
    size_t oldlen = 0;
    char *old = fl_tool_read_all(path, &oldlen);
    int same = old && oldlen == out->len && !memcmp(old, out->ptr, out->len);
    free(old);
    if (same)
        return 0;
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(out->ptr, 1, out->len, f) == out->len;
    if (f && fclose(f) != 0)
        ok = 0;
    if (!ok)
        fprintf(stderr, "%s: cannot write\n", path);
    return ok ? 0 : -1;
}

/*
 * What every markup reader promises (markup.h), checked on each callback by
 * the markup fuzz targets: a violation calls abort(), which the fuzzer
 * reports with the input that caused it.
 */
#ifndef FL_FUZZ_MARKUP_INVARIANTS_H
#define FL_FUZZ_MARKUP_INVARIANTS_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "markup.h"

typedef int (*reader_fn)(const char *data, size_t len, const fl_markup_sink *sink,
                         const fl_allocator *a);

typedef struct invariants {
    size_t size;
    const char *doc;
    unsigned scope;   /* the current block's */
    size_t block_end; /* end of the current block's last segment */
    int in_block;
    size_t calls, stop_at; /* the callback numbered stop_at fails */
} invariants;

static int is_ascii_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static int count_call(invariants *v)
{
    if (v->stop_at && v->calls >= v->stop_at)
        abort(); /* called again after a callback failed */
    return ++v->calls == v->stop_at ? FL_ERROR : 0;
}

static int check_segment(void *payload, const fl_segment *seg)
{
    invariants *v = payload;
    if (seg->len == 0 || seg->off > v->size || seg->len > v->size - seg->off)
        abort();
    if (!seg->scope || (seg->scope & (seg->scope - 1)) || (seg->scope & ~FL_SCOPE_ALL))
        abort();
    if (seg->flags & ~(unsigned)(FL_SEG_BLOCK_START | FL_SEG_ENTITIES | FL_SEG_NO_REWRITE |
                                  FL_SEG_GLUED))
        abort();
    if (is_ascii_space(v->doc[seg->off]) || is_ascii_space(v->doc[seg->off + seg->len - 1]))
        abort();
    if (seg->flags & FL_SEG_BLOCK_START) {
        v->in_block = 1;
        v->scope = seg->scope;
    } else if (!v->in_block || seg->off < v->block_end || seg->scope != v->scope) {
        abort();
    }
    v->block_end = seg->off + seg->len;
    return count_call(v);
}

static int check_directive(void *payload, const fl_directive *dir)
{
    invariants *v = payload;
    if (dir->kind < FL_DIRECTIVE_DISABLE || dir->kind > FL_DIRECTIVE_UNCLOSED_COMMENT)
        abort();
    if (dir->off >= dir->end || dir->end > v->size || dir->args_off < dir->off ||
        dir->args_len > dir->end - dir->args_off)
        abort();
    return count_call(v);
}

/* Runs `read` to the end, then again with a callback failing part-way, and
 * checks fl__markup_language's output. */
static void check_reader(reader_fn read, fl_format fmt, const uint8_t *data, size_t size)
{
    invariants v = {size, (const char *)data, 0, 0, 0, 0, 0};
    fl_markup_sink sink = {check_segment, check_directive, &v};
    if (read(v.doc, size, &sink, NULL) != FL_OK)
        abort();
    size_t total = v.calls;
    invariants w = {size, (const char *)data, 0, 0, 0, 0, 1 + (size ? data[0] % 8 : 0)};
    sink.payload = &w;
    int rc = read(w.doc, size, &sink, NULL);
    if (rc != (total >= w.stop_at ? FL_ERROR : FL_OK))
        abort();
    char lang[8];
    fl__markup_language(fmt, v.doc, size, lang, sizeof lang);
    for (size_t i = 0; lang[i]; i++)
        if (i >= sizeof lang - 1 || lang[i] < 'a' || lang[i] > 'z')
            abort();
}

#endif

/*
 * document: the fl_document object (see framelint.h). Internal so that the
 * lint step and reporters can read its fields directly.
 */
#ifndef FL_DOCUMENT_H
#define FL_DOCUMENT_H

#include <stdatomic.h>

#include "framelint/framelint.h"

#include "alloc.h"
#include "error.h"
#include "text.h"

struct fl_document {
    fl_allocator allocator;
    const fl_allocator *alloc; /* &allocator */
    char *data;                /* the copy; NUL-terminated for convenience;
                                  for a package, borrowed from pkg->text */
    size_t len;
    /* What the readers, tokenizer and matchers read: `data` itself, or, when
     * `data` has a line ended by a lone CR (old Mac files), a copy with each
     * such CR turned into LF. Same length, so offsets agree; `data` stays
     * as it was so that --fix and the excerpts keep the file's bytes. */
    const char *text;
    char *text_copy;           /* owned; NULL when `text` is `data` */
    char *path;
    fl_format format;
    char language[16];
    /* The line index with column marks (text.h), owned. Built by the
     * first fl_document_index or fl_document_position on the document,
     * which may run on several threads at once, as every reader of a const
     * document may: each builds its own and publishes it only if no one
     * has yet, so it is set once, from NULL, and read-only after. */
    _Atomic(fl_linemap *) lines;
    struct fl_package *pkg;    /* .docx/.odt: where `data` came from; else NULL */
};

#endif

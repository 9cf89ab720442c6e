/*
 * document: the fl_document object (see framelint.h). Internal so that the
 * lint step and reporters can read its fields directly.
 */
#ifndef FL_DOCUMENT_H
#define FL_DOCUMENT_H

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
    char *path;
    fl_format format;
    char language[16];
    fl_linemap lines;          /* built on first position lookup */
    struct fl_package *pkg;    /* .docx/.odt: where `data` came from; else NULL */
};

#endif

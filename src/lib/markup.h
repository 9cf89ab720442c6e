/*
 * markup: readers that turn a document's bytes into segments — byte ranges of
 * lintable text, each with a scope — and inline directives. Readers never
 * copy text: a segment is an offset and a length into the document, so every
 * finding points at the writer's own bytes. What is never linted (code blocks,
 * inline code, front matter, URLs, link targets, HTML tags, scripts, styles)
 * is simply never emitted.
 *
 * Readers stream: they call the sink once per segment, in document order
 * within a block. Memory use does not depend on the document's size beyond a
 * bounded nesting stack.
 */
#ifndef FL_MARKUP_H
#define FL_MARKUP_H

#include <stddef.h>

#include "framelint/framelint.h"

/** What kind of text a segment is. Rules list the scopes they apply to. */
typedef enum fl_scope {
    FL_SCOPE_PROSE = 1u << 0,   /* paragraphs, HTML body text */
    FL_SCOPE_HEADING = 1u << 1, /* # headings, setext headings, <h1>-<h6>, <title> */
    FL_SCOPE_CAPTION = 1u << 2, /* image alt text, <figcaption>, alt=/title=,
                                   lines starting Caption:/Photo:/Image:/Alt:/Picture: */
    FL_SCOPE_QUOTE = 1u << 3,   /* > block quotes, <blockquote> */
    FL_SCOPE_LIST = 1u << 4,    /* list items */
    FL_SCOPE_TABLE = 1u << 5    /* table cells */
} fl_scope;

#define FL_SCOPE_ALL 0x3Fu

/** Segment flags. */
enum {
    /* First segment of a new block: a paragraph, heading, list item, table
     * cell, caption or attribute value. Sentences and paragraphs never span
     * blocks. Segments between two block starts belong to one block and are
     * read as if separated by a space. */
    FL_SEG_BLOCK_START = 1u << 0,
    /* The text may contain HTML character references (&amp; &eacute; &#8217;)
     * that the tokenizer decodes. */
    FL_SEG_ENTITIES = 1u << 1
};

typedef struct fl_segment {
    size_t off;     /* byte offset into the document */
    size_t len;     /* bytes */
    unsigned scope; /* exactly one fl_scope bit */
    unsigned flags; /* FL_SEG_* */
} fl_segment;

/** Inline suppression comments. */
typedef enum fl_directive_kind {
    FL_DIRECTIVE_DISABLE = 1,           /* framelint-disable [RULE…] */
    FL_DIRECTIVE_ENABLE = 2,            /* framelint-enable [RULE…] */
    FL_DIRECTIVE_DISABLE_NEXT_LINE = 3  /* framelint-disable-next-line [RULE…] */
} fl_directive_kind;

typedef struct fl_directive {
    fl_directive_kind kind;
    size_t off;      /* where the directive (comment or line) starts */
    size_t end;      /* just past it */
    size_t args_off; /* the rule list after the keyword, trimmed; may be empty */
    size_t args_len; /* (rules separated by commas and/or spaces) */
} fl_directive;

/**
 * Receives what a reader finds. A callback returning a negative fl_status
 * stops the reader, which returns that status.
 */
typedef struct fl_markup_sink {
    int (*segment)(void *payload, const fl_segment *seg);
    int (*directive)(void *payload, const fl_directive *dir);
    void *payload;
} fl_markup_sink;

/** Dispatches to the reader for `fmt` (never FL_FORMAT_AUTO). */
int fl__markup_read(fl_format fmt, const char *data, size_t len,
                    const fl_markup_sink *sink, const fl_allocator *a);

int fl__markup_plain(const char *data, size_t len, const fl_markup_sink *sink,
                     const fl_allocator *a);
int fl__markup_md(const char *data, size_t len, const fl_markup_sink *sink,
                  const fl_allocator *a);
int fl__markup_html(const char *data, size_t len, const fl_markup_sink *sink,
                    const fl_allocator *a);

/**
 * If `s` (at most `len` bytes) starts with a directive keyword
 * (framelint-disable-next-line, framelint-disable, framelint-enable), returns
 * its kind and sets `args_off` and `args_len` (relative to `s`) to the trimmed rest;
 * returns 0 otherwise. Shared by all readers.
 */
int fl__markup_directive_keyword(const char *s, size_t len, size_t *args_off,
                                 size_t *args_len);

/**
 * The language a document declares: Markdown front matter `lang:` or
 * `language:`, HTML `<html lang=…>` (or the first element's lang=). Writes
 * the primary subtag, lower-case, into out[0..size) ("" if none).
 */
void fl__markup_language(fl_format fmt, const char *data, size_t len,
                         char *out, size_t size);

#endif

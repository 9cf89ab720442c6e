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
 *
 * What every reader guarantees:
 * - A segment is never empty and never starts or ends with ASCII whitespace
 *   (space, tab, CR, LF, VT, FF); a CR before a line feed is never part of one.
 * - Blocks come out in document order, except captions found inside a block
 *   (Markdown image alt text and link titles, HTML alt= and title= values):
 *   each is its own CAPTION block, emitted right after the block that holds
 *   it ends, or at once if that block has emitted nothing yet. A block that
 *   holds more than FL_MARKUP_MAX_CAPTIONS of them is split there instead.
 * - The emphasised text right after a Markdown image, in its paragraph or
 *   the next one when the image stands alone ("*Migrants wait at the port.
 *   Photo: A. Name*"), is a CAPTION block: it is the figure's caption.
 * - Caption lines (a paragraph, list item or quote whose text starts with
 *   "Caption:", "Photo:", "Image:", "Picture:" or "Alt:" (or French "Légende:",
 *   Spanish "Foto:", "Imagen:", "Pie de foto:", German "Foto:", "Bild:",
 *   "Bildunterschrift:"), in any case,
 *   possibly after emphasis markers) are CAPTION blocks; the keyword stays in
 *   the segment.
 * - Lines end at LF only: a lone CR is ordinary whitespace.
 * - Readers never allocate and never recurse; nesting deeper than
 *   FL_MARKUP_MAX_NESTING is read as if it were that deep.
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
                                   lines starting Caption:/Photo:/Image:/Alt:/Picture:
                                   and the French, Spanish, German equivalents */
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
    FL_SEG_ENTITIES = 1u << 1,
    /* Text the reader cannot write back as it was read (a .docx field's
     * result, someone's tracked insertion, an image description): findings
     * in it are reported, never rewritten. */
    FL_SEG_NO_REWRITE = 1u << 2,
    /* The segment goes on with the previous one's last word: only inline
     * markup lies between them (ille<b>gals</b>), so the two halves are
     * one word. */
    FL_SEG_GLUED = 1u << 3
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
    FL_DIRECTIVE_DISABLE_NEXT_LINE = 3, /* framelint-disable-next-line [RULE…] */
    FL_DIRECTIVE_UNCLOSED_COMMENT = 4   /* not a directive: a comment with no
                                           '-->', which hides what follows it
                                           (reported so that this is said) */
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
 * stops the reader, which returns that status and calls neither callback
 * again. Either callback may be NULL.
 */
typedef struct fl_markup_sink {
    int (*segment)(void *payload, const fl_segment *seg);
    int (*directive)(void *payload, const fl_directive *dir);
    void *payload;
} fl_markup_sink;

/**
 * Dispatches to the reader for `fmt`; FL_EINVAL for FL_FORMAT_AUTO. Readers
 * return FL_OK or the first negative status a callback returned. They never
 * allocate: `a` is accepted so that callers need not know that.
 */
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
 * its kind and sets *args_off and *args_len, relative to `s`, to the trimmed
 * rest;
 * returns 0 otherwise. Shared by all readers. Keywords are lower-case and
 * must be followed by whitespace, the end, or "-->" (which is not part of
 * the arguments).
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

/* ------------------------------------------------------------------------ */
/* Shared by the readers (markup*.c) and nothing else                       */
/* ------------------------------------------------------------------------ */

/* Open block quotes, list items or HTML elements that a reader tracks. */
#define FL_MARKUP_MAX_NESTING 256
/* Captions held back until the block that contains them ends. */
#define FL_MARKUP_MAX_CAPTIONS 16

/**
 * The output path every reader writes through: it trims segments, marks
 * block starts, turns caption lines into CAPTION blocks, holds captions back
 * until their block ends, and remembers the first negative status a callback
 * returned, after which it calls nothing.
 */
typedef struct fl_markup_out {
    const fl_markup_sink *sink;
    const char *data;
    unsigned flags;       /* FL_SEG_ENTITIES or 0, on every segment */
    int split_lines;      /* Markdown: cut text at line feeds and drop the
                             container prefix ('>', indentation) after each */
    unsigned block_scope; /* the scope the reader asked for */
    unsigned seg_scope;   /* the scope the block's segments carry */
    int block_started;    /* the block has emitted a segment */
    int status;           /* first negative callback status, else 0 */
    size_t last_end;      /* where the last segment sent ended */
    size_t glue_at;       /* a segment starting here is FL_SEG_GLUED */
    int image_seen;       /* the block holds an image (Markdown) */
    int image_before;     /* the block before held an image and no text */
    size_t ncaptions;
    struct {
        size_t off, end;
    } captions[FL_MARKUP_MAX_CAPTIONS];
} fl_markup_out;

void fl__markup_out_init(fl_markup_out *out, const char *data,
                         const fl_markup_sink *sink, unsigned flags,
                         int split_lines);
/** Ends the current block (flushing held captions); the next text starts a
 *  block of `scope`. */
void fl__markup_block(fl_markup_out *out, unsigned scope);
/** Text data[off..end) of the current block. */
void fl__markup_text(fl_markup_out *out, size_t off, size_t end);
/** Inline markup data[from..to) the reader skipped: text right after it
 *  continues a word that ended right before it. */
void fl__markup_inline_gap(fl_markup_out *out, size_t from, size_t to);
/** A caption data[off..end) found inside the current block. */
void fl__markup_caption(fl_markup_out *out, size_t off, size_t end);
/** An image's alt text data[off..end): a caption, and it makes an
 *  emphasised line right after the image (same paragraph, or the next one
 *  when the image stands alone) the figure's caption too — the Markdown
 *  convention "![alt](photo.jpg)" then "*What the photo shows. Photo: X*". */
void fl__markup_image(fl_markup_out *out, size_t off, size_t end);
/** A comment data[off..end) whose text is data[body..body_end): reports it
 *  if it is a directive. Returns 1 if it was, 0 if not. */
int fl__markup_comment(fl_markup_out *out, size_t off, size_t end, size_t body,
                       size_t body_end);
/** A comment that starts at `off` and has no '-->' before `end`, so that
 *  data[off..end) is hidden: reported as FL_DIRECTIVE_UNCLOSED_COMMENT. */
void fl__markup_unclosed_comment(fl_markup_out *out, size_t off, size_t end);
/** Flushes held captions; returns FL_OK or the first callback failure. */
int fl__markup_finish(fl_markup_out *out);

/** Where `w` (n > 0 bytes) first occurs in s[from..end), or (size_t)-1. */
size_t fl__markup_find(const char *s, size_t from, size_t end, const char *w,
                       size_t n);
/** Whether s[0..n) equals the lower-case ASCII `lower`, ignoring case. */
int fl__markup_ci_equal(const char *s, const char *lower, size_t n);

/** Emits data[off..end), one Markdown block's text, into the current block
 *  without its code spans, URLs, link targets and inline markup; image alt
 *  text and link titles become captions. */
void fl__markup_md_inline(fl_markup_out *out, const char *data, size_t off,
                          size_t end);

/** Reads data[start..end) as HTML into `out`; text outside any element that
 *  sets a scope gets `scope`. Used for whole documents and Markdown HTML
 *  blocks. */
void fl__markup_html_range(fl_markup_out *out, const char *data, size_t start,
                           size_t end, unsigned scope);
/**
 * For inline HTML in Markdown: if data[lt] == '<' opens a tag, comment,
 * declaration, processing instruction or CDATA section that ends before
 * `end`, reports its alt=/title= captions or directive and returns the offset
 * just past it, or past the matching end tag for elements whose content is
 * never linted (code, script, style, pre, svg, math, template, noscript).
 * Returns 0 if it is not markup or `end` cuts it short.
 */
size_t fl__markup_html_inline(fl_markup_out *out, const char *data, size_t lt,
                              size_t end);
/** Whether the tag name data[0..len) is one the HTML reader treats as
 *  block-level (case-insensitive). */
int fl__markup_html_block_name(const char *name, size_t len);
/** The value of the first lang= attribute in an HTML document: sets *off and
 *  *len (0 when there is none). */
void fl__markup_html_lang(const char *data, size_t len, size_t *off,
                          size_t *val_len);
/** The value of `lang:`/`language:` (YAML) or `lang =` (TOML) in Markdown
 *  front matter, after an opening quote: sets *off and *len (0 if none). */
void fl__markup_md_lang(const char *data, size_t len, size_t *off,
                        size_t *val_len);

#endif

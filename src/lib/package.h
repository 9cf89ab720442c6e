/*
 * package: word-processor files (.docx, .docm, .odt) read into text. A
 * package is a zip of XML parts; its readers (markup_docx.c, markup_odt.c)
 * turn the parts that hold a writer's words into one paragraph per line of
 * the document's text, so every other module (tokenizer, matchers,
 * reporters, line map) works on it unchanged: line = paragraph number in
 * reading order, column = code point in the paragraph.
 *
 * Beside the text the package keeps what the text alone cannot say:
 * - paragraphs: scope (heading by paragraph style, caption, list, table,
 *   quote), part (body, footnote, header…) and the heading above;
 * - segments: the pieces of a paragraph a rewrite may span, each marked
 *   when it cannot be written back (a field's result, someone's tracked
 *   insertion, alt text);
 * - pieces: for .docx, where each text element sits in its XML part (part,
 *   run, w:t element, run properties), so the fixer (fix_docx.c) can turn a
 *   rewrite of the text into a tracked change that keeps the run's format.
 *
 * Nothing in a package is ever run: macros in .docm files are bytes in a
 * part nobody opens. Every size a file controls is bounded and the bound is
 * named (FL_MAX_PART_BYTES, FL_MAX_PACKAGE_BYTES, FL_MAX_XML_DEPTH); XML
 * with a DTD is refused, so no entity is ever expanded.
 */
#ifndef FL_PACKAGE_H
#define FL_PACKAGE_H

#include <stddef.h>
#include <stdint.h>

#include "framelint/framelint.h"

#include "buf.h"
#include "markup.h"
#include "vec.h"

/** Where a paragraph lives. Values order the parts in reading order. */
typedef enum fl_part_kind {
    FL_PART_BODY = 0,
    FL_PART_FOOTNOTE = 1,
    FL_PART_ENDNOTE = 2,
    FL_PART_HEADER = 3,
    FL_PART_FOOTER = 4,
    FL_PART_KINDS = 5
} fl_part_kind;

/** "body", "footnote", "endnote", "header", "footer". Static. */
const char *fl__part_kind_name(fl_part_kind kind);

/** Whether a style name contains `lower` (lower-case ASCII), ignoring
 *  case: how both readers tell headings and captions by name. */
int fl__pkg_name_has(const char *name, const char *lower);

/** A part of the zip the readers took text from. */
typedef struct fl_pkg_part {
    char *name;          /* zip entry name, owned */
    fl_part_kind kind;
    char prefix[16];     /* the prefix bound to WordprocessingML in it */
    int writable;        /* UTF-8, prefixed: the fixer can splice into it */
} fl_pkg_part;

/** A run of a paragraph's text a rewrite may span. */
typedef struct fl_pkg_seg {
    size_t off, len;     /* in the document's text */
    int no_rewrite;      /* FL_SEG_NO_REWRITE: reported, never rewritten */
} fl_pkg_seg;

/** One text element of a .docx, mapped back to its part. XML offsets are
 *  bytes into the part as stored in the zip. */
typedef struct fl_pkg_piece {
    size_t off, len;           /* its text, in the document's text */
    uint32_t part;             /* index into parts */
    size_t t_start, t_end;     /* the whole <w:t …>…</w:t> element */
    size_t run_start, run_len; /* the enclosing <w:r …> start tag */
    size_t rpr_start, rpr_len; /* its <w:rPr>…</w:rPr>; len 0 when none */
} fl_pkg_piece;

/** One line of the document's text. */
typedef struct fl_pkg_para {
    size_t off, len;      /* in the document's text, without the "\n" */
    unsigned scope;       /* one fl_scope bit */
    fl_part_kind kind;
    size_t heading;       /* index of the heading paragraph above in the
                             same kind of part, or SIZE_MAX */
    size_t seg_first, nsegs;
} fl_pkg_para;

typedef struct fl_package {
    const fl_allocator *alloc;
    fl_format format;          /* FL_FORMAT_DOCX or FL_FORMAT_ODT */
    char *bytes;               /* the file as read: the fixer rewrites it */
    size_t nbytes;
    fl_buf text;               /* the document's text: paragraphs + "\n" */
    FL_VEC(fl_pkg_para) paras;
    FL_VEC(fl_pkg_seg) segs;
    FL_VEC(fl_pkg_piece) pieces; /* sorted by off */
    FL_VEC(fl_pkg_part) parts;
    unsigned long max_id;      /* the largest w:id seen: new ids go above */
    char language[16];         /* the document's default language, or "" */
} fl_package;

/**
 * Reads `len` bytes of a .docx or .odt file (`fmt`) into `*out` (the caller
 * frees it with fl__package_free); the bytes are copied. `path` names the
 * file in errors. Fails with FL_ESYNTAX (not a zip, not a Word or
 * OpenDocument text file, password-protected, malformed XML, a DTD),
 * FL_ELIMIT (a part, the parts together or the nesting past its limit) or
 * FL_ENOMEM.
 */
int fl__package_load(fl_package **out, const fl_allocator *a, const char *path,
                     const char *data, size_t len, fl_format fmt, fl_error *err);
void fl__package_free(fl_package *pkg);

/** Streams the package's segments to `sink` as a markup reader does: one
 *  block per paragraph, with its scope; caption lines as captions. */
int fl__package_read(const fl_package *pkg, const fl_markup_sink *sink);

/** The paragraph holding byte `off` of the text (the last one for an offset
 *  past the end); NULL when there is none. */
const fl_pkg_para *fl__package_para_at(const fl_package *pkg, size_t off);

/* ------------------------------------------------------------------------ */
/* Zip and XML, for the readers and the fixer                               */
/* ------------------------------------------------------------------------ */

typedef struct fl_zip fl_zip;

/** Opens the zip in data[0..len) (borrowed: it must outlive the zip). Fails
 *  with FL_ESYNTAX for what is not a readable zip (an encrypted Office file
 *  says so). */
int fl__zip_open(fl_zip **out, const fl_allocator *a, const char *path,
                 const char *data, size_t len, fl_error *err);
void fl__zip_free(fl_zip *z);
/** The libzip entry points `z` was opened with (ziplib.h), for a caller
 *  that writes the same package. Borrowed: valid while `z` is. */
typedef struct fl_ziplib fl_ziplib;
const fl_ziplib *fl__zip_lib(const fl_zip *z);
/** Whether the zip holds an entry named `name` (case-insensitive, as OPC
 *  part names are). */
int fl__zip_has(fl_zip *z, const char *name);
/** Appends the whole entry `name` to `out`, within FL_MAX_PART_BYTES and
 *  what is left of FL_MAX_PACKAGE_BYTES. */
int fl__zip_read(fl_zip *z, const char *name, fl_buf *out, fl_error *err);

/** Receives expat's events. Names are "URI\x01local\x01prefix" (or just
 *  "local" outside any namespace); attributes alternate name and value. */
typedef struct fl_xml_handler {
    void (*start)(void *payload, const char *name, const char **attrs,
                  size_t at, size_t tag_len);
    void (*end)(void *payload, const char *name, size_t at, size_t tag_len);
    void (*text)(void *payload, const char *s, size_t len);
    void *payload;
} fl_xml_handler;

/**
 * Parses the zip entry `name` with expat, a chunk at a time, within the
 * limits above and FL_MAX_XML_DEPTH; `at`/`tag_len` are the byte offset and
 * length of each tag in the entry. Any DTD is refused. A handler stops the
 * parse by calling fl__xml_stop (then its status is returned). Returns
 * FL_OK, FL_ESYNTAX, FL_ELIMIT or FL_ENOMEM, with `err` naming the part and
 * the line. `*utf8` (may be NULL) is set to whether the entry is UTF-8.
 */
int fl__xml_parse(fl_zip *z, const char *name, const fl_xml_handler *h,
                  int *utf8, fl_error *err);
/** From inside a handler: whether the part being parsed is UTF-8. */
int fl__xml_utf8(const fl_zip *z);
/** From inside a handler: stops the current parse with `code`. */
void fl__xml_stop(fl_zip *z, int code);

/** Whether `name` (an expat name) is in namespace `uri` with local name
 *  `local`. */
int fl__xml_is(const char *name, const char *uri, const char *local);
/** The local part of an expat name. Borrowed, ends at '\x01' or NUL: compare
 *  with fl__xml_local_eq. */
const char *fl__xml_local(const char *name);
int fl__xml_local_eq(const char *local, const char *want);
/** Whether `name`'s namespace is `uri`. */
int fl__xml_in(const char *name, const char *uri);
/** The value of attribute `uri`+`local` (uri NULL: an unprefixed one), or
 *  NULL. */
const char *fl__xml_attr(const char **attrs, const char *uri, const char *local);

/* ------------------------------------------------------------------------ */
/* Building a package's text: for the readers                               */
/* ------------------------------------------------------------------------ */

/* Paragraphs a reader may open inside another (text boxes, notes). */
#define FL_PKG_MAX_OPEN 8

typedef struct fl_pkg_open {
    fl_buf text;             /* this paragraph's text so far */
    FL_VEC(fl_pkg_seg) segs; /* offsets relative to text */
    FL_VEC(fl_pkg_piece) pieces;
    unsigned scope;
    fl_part_kind kind;
    uint64_t seq;
    int seg_open;            /* the last segment can still grow */
} fl_pkg_open;

/* A finished paragraph, before the paragraphs are put in reading order. */
typedef struct fl_pkg_done {
    fl_pkg_para para;     /* off relative to the builder's `done` text */
    uint64_t seq;
    size_t seg_first, piece_first, npieces;
} fl_pkg_done;

typedef struct fl_pkg_builder {
    fl_package *pkg;
    fl_pkg_open open[FL_PKG_MAX_OPEN];
    size_t depth;
    uint64_t seq;
    fl_buf done;             /* finished paragraphs' text, in any order */
    FL_VEC(fl_pkg_done) paras;
    FL_VEC(fl_pkg_piece) pieces;
    FL_VEC(fl_pkg_seg) segs;
    int status;              /* first failure, then every call is a no-op */
} fl_pkg_builder;

void fl__pkg_builder_init(fl_pkg_builder *b, fl_package *pkg);
void fl__pkg_builder_free(fl_pkg_builder *b);
/** Opens a paragraph inside the current one, if any; FL_ELIMIT past
 *  FL_PKG_MAX_OPEN. */
int fl__pkg_para_begin(fl_pkg_builder *b, unsigned scope, fl_part_kind kind);
/** Sets the open paragraph's scope (styles come after the paragraph starts). */
void fl__pkg_para_scope(fl_pkg_builder *b, unsigned scope);
/** Appends text to the open paragraph's current segment. `piece` (may be
 *  NULL: the text cannot be written back) gives its XML; its off/len are
 *  filled in. Line feeds become spaces, and make the segment unwritable. */
int fl__pkg_text(fl_pkg_builder *b, const char *s, size_t len,
                 const fl_pkg_piece *piece);
/** Ends the current segment, after appending `ws` (a tab or space, or "").
 *  A rewrite never spans a break. */
int fl__pkg_break(fl_pkg_builder *b, const char *ws);
/** Marks the current segment as one that cannot be written back. */
void fl__pkg_taint(fl_pkg_builder *b);
/** Closes the open paragraph. */
int fl__pkg_para_end(fl_pkg_builder *b);
/** A caption line (alt text) read after the open paragraph, in its part. */
int fl__pkg_caption(fl_pkg_builder *b, const char *s, size_t len, fl_part_kind kind);
/** Orders the paragraphs (part, then start) into the package's text.
 *  Returns the first failure of any call before. */
int fl__pkg_build(fl_pkg_builder *b);

/** The readers: fill `b` from the zip. Errors name `path`. */
int fl__docx_read(fl_pkg_builder *b, fl_zip *z, const char *path, fl_error *err);
int fl__odt_read(fl_pkg_builder *b, fl_zip *z, const char *path, fl_error *err);

/**
 * The fixer for .docx: writes the package with each (off, len) → text edit
 * of edits[0..n) (sorted, not overlapping, each inside one writable
 * segment) as a tracked change: the old text in <w:del>, the new in
 * <w:ins>, author "framelint", dated `now` (seconds since 1970, UTC).
 * `*applied` counts the edits written: one in a part that cannot take a
 * splice (UTF-16, unprefixed) is left out.
 * Fails with FL_ENOMEM or FL_ESYNTAX (the zip cannot be rewritten).
 */
typedef struct fl_pkg_edit {
    size_t off, len;
    const char *text;
} fl_pkg_edit;
int fl__docx_fix(const fl_package *pkg, const fl_pkg_edit *edits, size_t n,
                 long long now, fl_buf *out, size_t *applied, fl_error *err);

#endif

/*
 * text: UTF-8 decoding and validation, case- and accent-folding, character
 * classes, and the line map that turns byte offsets into line:column.
 * Everything here works on byte offsets; nothing copies the input.
 */
#ifndef FL_TEXT_H
#define FL_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/**
 * Decodes the code point at s[0] (len > 0). Returns the number of bytes it
 * takes (1 to 4) and sets *cp; an invalid or truncated sequence takes 1 byte
 * and sets *cp to -1, so callers can always make progress.
 */
size_t fl__utf8_decode(const unsigned char *s, size_t len, int32_t *cp);

/** Offset of the first byte that is not valid UTF-8, or `len` if none. */
size_t fl__utf8_first_invalid(const char *s, size_t len);

/**
 * The start of the character that holds byte `off` of s[0..len): `off`
 * itself unless it lies inside a valid multi-byte sequence, then that
 * sequence's first byte. An invalid byte is a character of its own.
 */
size_t fl__utf8_char_start(const char *s, size_t len, size_t off);

/** The end of the character that holds byte `off - 1`: `off` unless the
 *  byte before it starts or continues a valid sequence that goes on past
 *  it, then that sequence's end. So [char_start(a), char_end(b)) is the
 *  smallest run of whole characters that covers [a, b). */
size_t fl__utf8_char_end(const char *s, size_t len, size_t off);

/** Nonzero if s[0, n) starts with `lower` (ASCII letters in lower case,
 *  and bytes that folding leaves alone: digits, ':', '/', '.'), in any case. */
int fl__has_prefix_ci(const char *s, size_t n, const char *lower);

/** Nonzero if s[0, n) starts a web link: "http://" or "https://", in any
 *  case. The tokenizer skips links; a link glued to the word or tag before
 *  it ends that word or tag. */
int fl__starts_link(const char *s, size_t n);

/** Encodes `cp` into out[0..4); returns the number of bytes (0 if invalid). */
size_t fl__utf8_encode(int32_t cp, char *out);

/**
 * Appends the folded form of `cp` to out[0..cap): compatibility-decomposed
 * (so "ﬂ" becomes "fl"), case-folded, marks stripped (so "é" becomes "e"),
 * default-ignorable characters (soft hyphen, zero-width joiner) dropped, and
 * typographic apostrophes and hyphens mapped to ASCII. Returns the number of
 * bytes written, or SIZE_MAX if they do not fit.
 */
size_t fl__fold_cp(int32_t cp, char *out, size_t cap);

/** Folds a whole UTF-8 string into `out` (appending). Invalid bytes are
 *  kept as they are. FL_ENOMEM on failure. */
int fl__fold(fl_buf *out, const char *s, size_t len);

/** Character classes for the tokenizer (Unicode general categories). The
 *  ASCII answer is inline: the tokenizer asks about every number's
 *  neighbours and every sentence's first letter, nearly all ASCII, and a
 *  call each cost more than the answer. */
int fl__cp_is_letter_table(int32_t cp);   /* from 0x80: the category table */
int fl__cp_is_digit_table(int32_t cp);
int fl__cp_is_space_table(int32_t cp);
int fl__cp_is_upper_table(int32_t cp);
int fl__cp_is_currency_table(int32_t cp);

/* L*, plus marks (M*) inside words */
static inline int fl__cp_is_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    return fl__cp_is_letter_table(cp);
}

/* Nd */
static inline int fl__cp_is_digit(int32_t cp)
{
    return cp < 0x80 ? cp >= '0' && cp <= '9' : fl__cp_is_digit_table(cp);
}

/* Zs, Zl, Zp and ASCII whitespace */
static inline int fl__cp_is_space(int32_t cp)
{
    return cp < 0x80 ? cp == ' ' || (cp >= '\t' && cp <= '\r') : fl__cp_is_space_table(cp);
}

/* Lu, Lt */
static inline int fl__cp_is_upper(int32_t cp)
{
    return cp < 0x80 ? cp >= 'A' && cp <= 'Z' : fl__cp_is_upper_table(cp);
}

/* Sc */
static inline int fl__cp_is_currency(int32_t cp)
{
    return cp < 0x80 ? cp == '$' : fl__cp_is_currency_table(cp);
}

/** Upper- and lower-case mappings of one code point (identity if none). */
int32_t fl__cp_toupper(int32_t cp);
int32_t fl__cp_tolower(int32_t cp);

/**
 * Line index of a text: where each line starts. Lines end with "\n", "\r\n"
 * or a lone "\r" (old Mac files), as editors and the LSP count them; the
 * ending is not part of the line's content. A UTF-8 byte-order mark is not
 * part of the first line either: no editor shows it as a column.
 *
 * With fl__linemap_mark_columns it also holds, on each line longer than
 * FL_LINEMAP_STRIDE bytes, the column at about every FL_LINEMAP_STRIDE-th
 * byte, so that a lookup counts at most that many bytes of code points
 * whatever the order of the offsets asked: reporting many findings on one
 * long line stays linear, and a lookup only reads the map, so threads may
 * share it.
 */
#define FL_LINEMAP_STRIDE 1024

/** A column mark: `column` code points lie between its line's start and
 *  `off`, which is where a character starts as fl__utf8_count steps. */
typedef struct fl_linemark {
    size_t off;
    size_t column;
} fl_linemark;

typedef struct fl_linemap {
    size_t *starts;  /* byte offset of each line's first byte */
    size_t count;
    size_t first;    /* where the first line's content starts: 3 after a BOM */
    fl_linemark *marks; /* sorted by offset; NULL until marked */
    size_t nmarks;
    size_t most_marks;  /* what its lines' lengths allow (fl__linemap_build) */
} fl_linemap;

/** Builds the line starts; fix.c's diff needs no more. FL_ENOMEM. */
int fl__linemap_build(fl_linemap *lm, const fl_allocator *a, const char *s,
                      size_t len);
/** Adds the column marks of the text `lm` was built from. FL_ENOMEM. */
int fl__linemap_mark_columns(fl_linemap *lm, const fl_allocator *a, const char *s,
                             size_t len);
void fl__linemap_free(fl_linemap *lm, const fl_allocator *a);

/** The 0-based line that holds byte `off`. */
size_t fl__linemap_line(const fl_linemap *lm, size_t off);

/** Where counting the column of `off` (on 0-based line `line`, at or after
 *  the line's content start) begins: the line's content start, or the last
 *  mark at or before `off`. `*column` gets the code points before it on its
 *  line. */
size_t fl__linemap_anchor(const fl_linemap *lm, size_t line, size_t off, size_t *column);

/** Fills line (1-based), column (1-based, code points), and the line's
 *  byte range for `off` (clamped to `len`; on the first line, to after a
 *  BOM). Reads only. */
void fl__linemap_lookup(const fl_linemap *lm, const char *s, size_t len, size_t off,
                        unsigned *line, unsigned *col, size_t *line_off,
                        size_t *line_len);

/** The offset of the first lone "\r" (one not followed by "\n") in s, or
 *  `len` if there is none. */
size_t fl__lone_cr(const char *s, size_t len);

/** Number of code points in s[0..len) (an invalid byte counts as one). */
size_t fl__utf8_count(const char *s, size_t len);

#endif

/**
 * Decodes an HTML character reference at s[0] == '&' (&amp; &eacute; &#233;
 * &#xE9;). Returns the bytes it spans, including the ';', and sets *cp; returns
 * 0 if `s` does not start a reference framelint knows. Named references are
 * all of HTML's (the WHATWG list), with their semicolon; the few that stand
 * for two code points give the first (the second only combines with it).
 */
size_t fl__html_entity(const char *s, size_t len, int32_t *cp);

/*
 * markup: the plain, Markdown and HTML readers — which bytes they emit, with
 * which scope and block boundaries, which directives they report, and how
 * they hold up on hostile input. Offsets are asserted exactly.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "markup.h"

#define START FL_SEG_BLOCK_START
#define CONT 0u
#define PROSE FL_SCOPE_PROSE
#define HEADING FL_SCOPE_HEADING
#define CAPTION FL_SCOPE_CAPTION
#define QUOTE FL_SCOPE_QUOTE
#define LIST FL_SCOPE_LIST
#define TABLE FL_SCOPE_TABLE
#define MAX_SEGS 64

typedef struct collector {
    fl_format fmt;
    const char *doc;
    size_t len;
    fl_segment segs[MAX_SEGS];
    size_t nsegs; /* every segment seen, even past MAX_SEGS */
    fl_directive dirs[8];
    size_t ndirs;
    size_t fail_at; /* callback number (1-based) that returns FL_EIO */
    size_t calls;
} collector;

static int on_segment(void *payload, const fl_segment *seg)
{
    collector *c = payload;
    if (c->nsegs < MAX_SEGS)
        c->segs[c->nsegs] = *seg;
    c->nsegs++;
    return ++c->calls == c->fail_at ? FL_EIO : 0;
}

static int on_directive(void *payload, const fl_directive *dir)
{
    collector *c = payload;
    ck_assert_uint_lt(c->ndirs, 8);
    c->dirs[c->ndirs++] = *dir;
    return ++c->calls == c->fail_at ? FL_EIO : 0;
}

static int read_len(collector *c, fl_format fmt, const char *doc, size_t len)
{
    fl_markup_sink sink = {on_segment, on_directive, c};
    size_t fail_at = c->fail_at;
    memset(c, 0, sizeof *c);
    c->fail_at = fail_at;
    c->fmt = fmt;
    c->doc = doc;
    c->len = len;
    return fl__markup_read(fmt, doc, len, &sink, NULL);
}

/* Reads `doc` and expects success. */
static void read_doc(collector *c, fl_format fmt, const char *doc)
{
    ck_assert_int_eq(read_len(c, fmt, doc, strlen(doc)), FL_OK);
}

static void check_seg(const collector *c, size_t i, size_t off, const char *text,
                      unsigned scope, unsigned flags, int line)
{
    size_t n = strlen(text);
    if (c->fmt != FL_FORMAT_PLAIN)
        flags |= FL_SEG_ENTITIES;
    ck_assert_msg(i < c->nsegs, "line %d: no segment %zu (only %zu)", line, i, c->nsegs);
    const fl_segment *s = &c->segs[i];
    ck_assert_msg(s->off == off && s->len == n && memcmp(c->doc + off, text, n) == 0,
                  "line %d: segment %zu is %zu+%zu \"%.*s\", expected %zu+%zu \"%s\"", line,
                  i, s->off, s->len, (int)s->len, c->doc + s->off, off, n, text);
    ck_assert_msg(s->scope == scope, "line %d: segment %zu \"%s\" has scope %u, expected %u",
                  line, i, text, s->scope, scope);
    ck_assert_msg(s->flags == flags, "line %d: segment %zu \"%s\" has flags %u, expected %u",
                  line, i, text, s->flags, flags);
}

#define assert_seg(c, i, off, text, scope, flags)                                              \
    check_seg((c), (i), (off), (text), (scope), (flags), __LINE__)

#define assert_nsegs(c, n)                                                                     \
    ck_assert_msg((c)->nsegs == (n), "expected %d segments, got %zu", (int)(n), (c)->nsegs)

static void check_dir(const collector *c, size_t i, fl_directive_kind kind, size_t off,
                      size_t end, const char *args, int line)
{
    ck_assert_msg(i < c->ndirs, "line %d: no directive %zu", line, i);
    const fl_directive *d = &c->dirs[i];
    size_t n = strlen(args);
    ck_assert_msg(d->kind == kind && d->off == off && d->end == end,
                  "line %d: directive %zu is kind %d [%zu,%zu), expected %d [%zu,%zu)", line, i,
                  (int)d->kind, d->off, d->end, (int)kind, off, end);
    ck_assert_msg(d->args_len == n && memcmp(c->doc + d->args_off, args, n) == 0,
                  "line %d: directive %zu args \"%.*s\", expected \"%s\"", line, i,
                  (int)d->args_len, c->doc + d->args_off, args);
}

#define assert_dir(c, i, kind, off, end, args)                                                 \
    check_dir((c), (i), (kind), (off), (end), (args), __LINE__)

/* A document of `n` copies of `unit`, then `tail` (tests free it). */
static char *repeat(const char *unit, size_t n, const char *tail, size_t *len)
{
    size_t u = strlen(unit), t = strlen(tail);
    char *s = malloc(u * n + t + 1);
    ck_assert_ptr_nonnull(s);
    for (size_t i = 0; i < n; i++)
        memcpy(s + i * u, unit, u);
    memcpy(s + u * n, tail, t + 1);
    *len = u * n + t;
    return s;
}

/* ---- the interface ------------------------------------------------------ */

START_TEST(read_dispatches_on_format_and_rejects_auto)
{
    collector c = {0};
    read_doc(&c, FL_FORMAT_PLAIN, "<b>x</b>");
    assert_seg(&c, 0, 0, "<b>x</b>", PROSE, START);
    read_doc(&c, FL_FORMAT_HTML, "<b>x</b>");
    assert_seg(&c, 0, 3, "x", PROSE, START);
    read_doc(&c, FL_FORMAT_MARKDOWN, "# x");
    assert_seg(&c, 0, 2, "x", HEADING, START);
    ck_assert_int_eq(read_len(&c, FL_FORMAT_AUTO, "x", 1), FL_EINVAL);
    assert_nsegs(&c, 0);
}
END_TEST

START_TEST(readers_never_allocate)
{
    static const char doc[] = "# T\n\n> a [b](c) `d` <i alt=x>\n\n| a |\n|---|\n| b |\n";
    fl_format fmts[] = {FL_FORMAT_PLAIN, FL_FORMAT_MARKDOWN, FL_FORMAT_HTML};
    for (size_t i = 0; i < 3; i++) {
        collector c = {0};
        fl_markup_sink sink = {on_segment, on_directive, &c};
        fail_alloc fa;
        fail_alloc_init(&fa, 1);
        ck_assert_int_eq(fl__markup_read(fmts[i], doc, sizeof doc - 1, &sink, &fa.base), FL_OK);
        ck_assert_uint_eq(fa.calls, 0);
        ck_assert_uint_gt(c.nsegs, 0);
    }
}
END_TEST

START_TEST(empty_input_emits_nothing)
{
    fl_format fmts[] = {FL_FORMAT_PLAIN, FL_FORMAT_MARKDOWN, FL_FORMAT_HTML};
    for (size_t i = 0; i < 3; i++) {
        collector c = {0};
        ck_assert_int_eq(read_len(&c, fmts[i], NULL, 0), FL_OK);
        assert_nsegs(&c, 0);
        read_doc(&c, fmts[i], " \n\t\n\r\n");
        assert_nsegs(&c, 0);
    }
}
END_TEST

START_TEST(failing_segment_callback_stops_reader_with_its_status)
{
    static const char *docs[] = {"a\n\nb\n\nc\n\nd\n", "a\n\nb `x` b\n\n![c](d)\n\nd\n",
                                 "<p>a</p><p>b<img alt=c></p><p>d</p>"};
    fl_format fmts[] = {FL_FORMAT_PLAIN, FL_FORMAT_MARKDOWN, FL_FORMAT_HTML};
    for (size_t i = 0; i < 3; i++) {
        collector c = {0};
        c.fail_at = 2;
        ck_assert_int_eq(read_len(&c, fmts[i], docs[i], strlen(docs[i])), FL_EIO);
        ck_assert_uint_eq(c.calls, 2);
    }
}
END_TEST

START_TEST(failing_directive_callback_stops_reader_with_its_status)
{
    static const char *docs[] = {"framelint-disable\nb\n", "<!-- framelint-disable -->\n\nb\n",
                                 "<!-- framelint-disable --><p>b</p>"};
    fl_format fmts[] = {FL_FORMAT_PLAIN, FL_FORMAT_MARKDOWN, FL_FORMAT_HTML};
    for (size_t i = 0; i < 3; i++) {
        collector c = {0};
        c.fail_at = 1;
        ck_assert_int_eq(read_len(&c, fmts[i], docs[i], strlen(docs[i])), FL_EIO);
        ck_assert_uint_eq(c.calls, 1);
        assert_nsegs(&c, 0);
    }
}
END_TEST

START_TEST(null_callbacks_are_allowed)
{
    static const char doc[] = "<!-- framelint-disable -->\n\ntext ![alt](x)\n";
    fl_markup_sink sink = {NULL, NULL, NULL};
    ck_assert_int_eq(fl__markup_md(doc, sizeof doc - 1, &sink, NULL), FL_OK);
    ck_assert_int_eq(fl__markup_html(doc, sizeof doc - 1, &sink, NULL), FL_OK);
    ck_assert_int_eq(fl__markup_plain(doc, sizeof doc - 1, &sink, NULL), FL_OK);
}
END_TEST

/* ---- directives ------------------------------------------------------------ */

static int keyword(const char *s, size_t *off, size_t *len)
{
    return fl__markup_directive_keyword(s, strlen(s), off, len);
}

START_TEST(directive_keyword_matches_longest_first)
{
    size_t off = 99, len = 99;
    ck_assert_int_eq(keyword("framelint-disable-next-line water", &off, &len),
                     FL_DIRECTIVE_DISABLE_NEXT_LINE);
    ck_assert_uint_eq(off, 28);
    ck_assert_uint_eq(len, 5);
    ck_assert_int_eq(keyword("framelint-disable a,b", &off, &len), FL_DIRECTIVE_DISABLE);
    ck_assert_uint_eq(off, 18);
    ck_assert_uint_eq(len, 3);
    ck_assert_int_eq(keyword("framelint-enable", &off, &len), FL_DIRECTIVE_ENABLE);
    ck_assert_uint_eq(off, 16);
    ck_assert_uint_eq(len, 0);
}
END_TEST

START_TEST(directive_keyword_needs_space_end_or_comment_close_after_it)
{
    size_t off = 0, len = 0;
    ck_assert_int_eq(keyword("framelint-disabled", &off, &len), 0);
    ck_assert_int_eq(keyword("framelint-disable-next", &off, &len), 0);
    ck_assert_int_eq(keyword("Framelint-disable", &off, &len), 0);
    ck_assert_int_eq(keyword(" framelint-disable", &off, &len), 0);
    ck_assert_int_eq(keyword("framelint-disable-->", &off, &len), FL_DIRECTIVE_DISABLE);
    ck_assert_uint_eq(len, 0);
    ck_assert_int_eq(keyword("framelint-enable\tx , y  -->  ", &off, &len),
                     FL_DIRECTIVE_ENABLE);
    ck_assert_uint_eq(off, 17);
    ck_assert_uint_eq(len, 5);
}
END_TEST

START_TEST(plain_directive_lines_bare_hash_slashes_or_comment)
{
    collector c = {0};
    read_doc(&c, FL_FORMAT_PLAIN,
             "framelint-disable a, b\n  # framelint-enable\n// framelint-disable-next-line c\n"
             "<!-- framelint-disable d -->\r\n#framelint-disabled\n");
    ck_assert_uint_eq(c.ndirs, 4);
    assert_dir(&c, 0, FL_DIRECTIVE_DISABLE, 0, 22, "a, b");
    assert_dir(&c, 1, FL_DIRECTIVE_ENABLE, 23, 43, "");
    assert_dir(&c, 2, FL_DIRECTIVE_DISABLE_NEXT_LINE, 44, 76, "c");
    assert_dir(&c, 3, FL_DIRECTIVE_DISABLE, 77, 105, "d");
    assert_nsegs(&c, 1);
    assert_seg(&c, 0, 107, "#framelint-disabled", PROSE, START);
}
END_TEST

/* ---- plain text --------------------------------------------------------------- */

START_TEST(plain_paragraphs_split_on_blank_lines)
{
    collector c = {0};
    read_doc(&c, FL_FORMAT_PLAIN, "A flood of\nmigrants arrived.\n \t\n  Second para  \n");
    assert_nsegs(&c, 3);
    assert_seg(&c, 0, 0, "A flood of", PROSE, START);
    assert_seg(&c, 1, 11, "migrants arrived.", PROSE, CONT);
    assert_seg(&c, 2, 34, "Second para", PROSE, START);
}
END_TEST

START_TEST(plain_bullet_lines_start_list_blocks_without_marker)
{
    collector c = {0};
    read_doc(&c, FL_FORMAT_PLAIN,
             "Intro\n- dash item\n* star item\n\xe2\x80\xa2 dot item\n1. one\n10) ten\n"
             "-not a bullet\n");
    assert_nsegs(&c, 7);
    assert_seg(&c, 0, 0, "Intro", PROSE, START);
    assert_seg(&c, 1, 8, "dash item", LIST, START);
    assert_seg(&c, 2, 20, "star item", LIST, START);
    assert_seg(&c, 3, 34, "dot item", LIST, START);
    assert_seg(&c, 4, 46, "one", LIST, START);
    assert_seg(&c, 5, 54, "ten", LIST, START);
    assert_seg(&c, 6, 58, "-not a bullet", LIST, CONT); /* wraps the item above */
}
END_TEST

START_TEST(plain_caption_line_makes_its_paragraph_caption)
{
    collector c = {0};
    read_doc(&c, FL_FORMAT_PLAIN, "Text.\n\nPhoto: Boats at dawn.\nSecond line.\n\nCAPTION : shout\n");
    assert_nsegs(&c, 4);
    assert_seg(&c, 0, 0, "Text.", PROSE, START);
    assert_seg(&c, 1, 7, "Photo: Boats at dawn.", CAPTION, START);
    assert_seg(&c, 2, 29, "Second line.", CAPTION, CONT);
    assert_seg(&c, 3, 43, "CAPTION : shout", CAPTION, START);
}
END_TEST

START_TEST(plain_caption_words_of_other_languages)
{
    collector c = {0};
    read_doc(&c, FL_FORMAT_PLAIN,
             "Imagen: una patera.\n\nL\xc3\xa9gende : un canot.\n\nFoto: Boot.\n\n"
             "Bildunterschrift: Boot.\n\nImages of home.\n");
    assert_nsegs(&c, 5);
    assert_seg(&c, 0, 0, "Imagen: una patera.", CAPTION, START); /* not cut at "image" */
    assert_seg(&c, 1, 21, "L\xc3\xa9gende : un canot.", CAPTION, START);
    assert_seg(&c, 2, 43, "Foto: Boot.", CAPTION, START);
    assert_seg(&c, 3, 56, "Bildunterschrift: Boot.", CAPTION, START);
    assert_seg(&c, 4, 81, "Images of home.", PROSE, START);
}
END_TEST

/* caption_line tests a caption word's first letter by a bit per letter
 * before it compares words: a line starting with each of them is a caption,
 * and one starting with a letter beside them is not. */
START_TEST(plain_caption_words_each_first_letter)
{
    collector c = {0};
    read_doc(&c, FL_FORMAT_PLAIN,
             "alt: a\n\nbild: b\n\ncaption: c\n\nfoto: f\n\nimage: i\n\n"
             "l\xc3\xa9gende: l\n\npicture: p\n\nDalt: d\n\nOphoto: o\n");
    assert_nsegs(&c, 9);
    assert_seg(&c, 0, 0, "alt: a", CAPTION, START);
    assert_seg(&c, 1, 8, "bild: b", CAPTION, START);
    assert_seg(&c, 2, 17, "caption: c", CAPTION, START);
    assert_seg(&c, 3, 29, "foto: f", CAPTION, START);
    assert_seg(&c, 4, 38, "image: i", CAPTION, START);
    assert_seg(&c, 5, 48, "l\xc3\xa9gende: l", CAPTION, START);
    assert_seg(&c, 6, 61, "picture: p", CAPTION, START);
    assert_seg(&c, 7, 73, "Dalt: d", PROSE, START);
    assert_seg(&c, 8, 82, "Ophoto: o", PROSE, START);
}
END_TEST

/* ---- Markdown blocks ------------------------------------------------------------ */

static void read_md(collector *c, const char *doc)
{
    read_doc(c, FL_FORMAT_MARKDOWN, doc);
}

START_TEST(md_wrapped_paragraph_is_one_block_without_cr)
{
    collector c = {0};
    read_md(&c, "A flood of\nmigrants   \r\narrived.\n\nNext\n");
    assert_nsegs(&c, 4);
    assert_seg(&c, 0, 0, "A flood of", PROSE, START);
    assert_seg(&c, 1, 11, "migrants", PROSE, CONT);
    assert_seg(&c, 2, 24, "arrived.", PROSE, CONT);
    assert_seg(&c, 3, 34, "Next", PROSE, START);
}
END_TEST

START_TEST(md_atx_heading_excludes_markers_and_closing_hashes)
{
    collector c = {0};
    read_md(&c, "# Title #\n## Sub ## x ##\n###### Six\n####### seven\n#nospace\n#\n");
    assert_nsegs(&c, 5);
    assert_seg(&c, 0, 2, "Title", HEADING, START);
    assert_seg(&c, 1, 13, "Sub ## x", HEADING, START);
    assert_seg(&c, 2, 32, "Six", HEADING, START);
    assert_seg(&c, 3, 36, "####### seven", PROSE, START);
    assert_seg(&c, 4, 50, "#nospace", PROSE, CONT);
}
END_TEST

START_TEST(md_setext_heading_and_thematic_breaks)
{
    collector c = {0};
    read_md(&c, "Big title\nsecond line\n===\n\n---\nafter\n***\nend\n");
    assert_nsegs(&c, 4);
    assert_seg(&c, 0, 0, "Big title", HEADING, START);
    assert_seg(&c, 1, 10, "second line", HEADING, CONT);
    assert_seg(&c, 2, 31, "after", PROSE, START);
    assert_seg(&c, 3, 41, "end", PROSE, START);
}
END_TEST

START_TEST(md_front_matter_is_never_emitted)
{
    collector c = {0};
    read_md(&c, "---\ntitle: Flood\nlang: en\n---\nBody\n");
    assert_nsegs(&c, 1);
    assert_seg(&c, 0, 30, "Body", PROSE, START);
    read_md(&c, "+++\ntitle = \"x\"\n+++\nBody\n");
    assert_nsegs(&c, 1);
    assert_seg(&c, 0, 20, "Body", PROSE, START);
    read_md(&c, "---\nnot front\n"); /* unclosed: a thematic break */
    assert_nsegs(&c, 1);
    assert_seg(&c, 0, 4, "not front", PROSE, START);
}
END_TEST

START_TEST(md_block_quotes_nest_and_exclude_markers)
{
    collector c = {0};
    read_md(&c, "> Quoted\n> > inner\nlazy line\n>\n>no space\n\nout\n");
    assert_nsegs(&c, 5);
    assert_seg(&c, 0, 2, "Quoted", QUOTE, START);
    assert_seg(&c, 1, 13, "inner", QUOTE, START);
    assert_seg(&c, 2, 19, "lazy line", QUOTE, CONT);
    assert_seg(&c, 3, 32, "no space", QUOTE, START);
    assert_seg(&c, 4, 42, "out", PROSE, START);
}
END_TEST

START_TEST(md_list_items_are_blocks_without_markers)
{
    collector c = {0};
    read_md(&c, "- one\n- [x] two\n  wrapped\n\n  second para\n    1. nested\n* [ ] three\n"
                "+ plus\n");
    assert_nsegs(&c, 7);
    assert_seg(&c, 0, 2, "one", LIST, START);
    assert_seg(&c, 1, 12, "two", LIST, START);
    assert_seg(&c, 2, 18, "wrapped", LIST, CONT);
    assert_seg(&c, 3, 29, "second para", LIST, START);
    assert_seg(&c, 4, 48, "nested", LIST, START);
    assert_seg(&c, 5, 61, "three", LIST, START);
    assert_seg(&c, 6, 69, "plus", LIST, START);
}
END_TEST

START_TEST(md_innermost_container_decides_scope)
{
    collector c = {0};
    read_md(&c, "> - in quote\n- > quote in item\n");
    assert_nsegs(&c, 2);
    assert_seg(&c, 0, 4, "in quote", LIST, START);
    assert_seg(&c, 1, 17, "quote in item", QUOTE, START);
}
END_TEST

START_TEST(md_only_item_one_interrupts_a_paragraph)
{
    collector c = {0};
    read_md(&c, "Text\n2. not a list\n1) a list\n");
    assert_nsegs(&c, 3);
    assert_seg(&c, 0, 0, "Text", PROSE, START);
    assert_seg(&c, 1, 5, "2. not a list", PROSE, CONT);
    assert_seg(&c, 2, 22, "a list", LIST, START);
}
END_TEST

START_TEST(md_fenced_code_is_never_emitted)
{
    collector c = {0};
    read_md(&c, "Before\n```js\nvar flood = 1;\n```\n~~~~\ncode\n~~~\nstill code\n~~~~\n"
                "After\n````\nunclosed\n");
    assert_nsegs(&c, 2);
    assert_seg(&c, 0, 0, "Before", PROSE, START);
    assert_seg(&c, 1, 62, "After", PROSE, START);
}
END_TEST

START_TEST(md_indented_code_is_never_emitted_but_continues_paragraphs)
{
    collector c = {0};
    read_md(&c, "Para\n    continues\n\n    code block\n\n- item\n\n      item code\nend\n");
    assert_nsegs(&c, 4);
    assert_seg(&c, 0, 0, "Para", PROSE, START);
    assert_seg(&c, 1, 9, "continues", PROSE, CONT);
    assert_seg(&c, 2, 38, "item", LIST, START);
    assert_seg(&c, 3, 60, "end", PROSE, START);
}
END_TEST

START_TEST(md_table_cells_are_blocks_without_pipes)
{
    collector c = {0};
    read_md(&c, "Intro line\n| Name | Count |\n| --- | :-: |\n| a \\| b | `12` |\nrow2 | x\n\n"
                "after\n");
    assert_nsegs(&c, 7);
    assert_seg(&c, 0, 0, "Intro line", PROSE, START);
    assert_seg(&c, 1, 13, "Name", TABLE, START);
    assert_seg(&c, 2, 20, "Count", TABLE, START);
    assert_seg(&c, 3, 44, "a \\| b", TABLE, START);
    assert_seg(&c, 4, 60, "row2", TABLE, START);
    assert_seg(&c, 5, 67, "x", TABLE, START);
    assert_seg(&c, 6, 70, "after", PROSE, START);
}
END_TEST

START_TEST(md_definitions_hide_references_but_keep_footnotes)
{
    collector c = {0};
    read_md(&c, "[ref]: https://example.org \"Title\"\n[^1]: The note.\n"
                "[not]: a def because text\n");
    assert_nsegs(&c, 3);
    assert_seg(&c, 0, 28, "Title", CAPTION, START); /* a title, as inline */
    assert_seg(&c, 1, 41, "The note.", PROSE, START);
    assert_seg(&c, 2, 51, "[not]: a def because text", PROSE, CONT);
}
END_TEST

/* Issue 10: a footnote's indented paragraphs are its text, not code. */
START_TEST(md_footnote_continuation_paragraphs_are_prose)
{
    collector c = {0};
    read_md(&c, "[^1]: First.\n\n    Second, indented.\n\n        code in it\n\nAfter.\n");
    assert_nsegs(&c, 3);
    assert_seg(&c, 0, 6, "First.", PROSE, START);
    assert_seg(&c, 1, 18, "Second, indented.", PROSE, START);
    assert_seg(&c, 2, 57, "After.", PROSE, START);
}
END_TEST

/* Issue 10: a definition may spread its destination and title over lines;
 * only the title is read, as a caption. */
START_TEST(md_multiline_reference_definitions_are_not_prose)
{
    collector c = {0};
    read_md(&c, "[a]:\n  http://x.org/flood\n  \"A flood\n  title\"\nText.\n\n"
                "> [b]:\n> <http://y>\n\n[c]: /u\n'not a title' x\n");
    assert_nsegs(&c, 4);
    assert_seg(&c, 0, 29, "A flood", CAPTION, START);
    assert_seg(&c, 1, 39, "title", CAPTION, 0);
    assert_seg(&c, 2, 46, "Text.", PROSE, START);
    assert_seg(&c, 3, 82, "'not a title' x", PROSE, START);
}
END_TEST

START_TEST(md_caption_lines_are_caption_blocks)
{
    collector c = {0};
    read_md(&c, "**Photo:** Boats.\n\n*Caption*: x\n\n- Image: in list\n\nPhotography is art.\n");
    assert_nsegs(&c, 4);
    assert_seg(&c, 0, 0, "**Photo:** Boats.", CAPTION, START);
    assert_seg(&c, 1, 19, "*Caption*: x", CAPTION, START);
    assert_seg(&c, 2, 35, "Image: in list", CAPTION, START);
    assert_seg(&c, 3, 51, "Photography is art.", PROSE, START);
}
END_TEST

/* Class 6 of issue 7: the alt text and the emphasised line under an image
 * are the figure's two captions, in one paragraph or in the next. */
START_TEST(md_emphasis_under_an_image_is_its_caption)
{
    collector c = {0};
    read_md(&c, "![Alt](a.jpg)\n*Boats at Dover. Photo: A*\n\n"
                "![Alt two](b.jpg)\n\n_Second one._\n\n*Not a caption.*\n\n"
                "![Alt three](c.jpg) and words\n");
    assert_nsegs(&c, 7);
    assert_seg(&c, 0, 2, "Alt", CAPTION, START);
    assert_seg(&c, 1, 14, "*Boats at Dover. Photo: A*", CAPTION, START);
    assert_seg(&c, 2, 44, "Alt two", CAPTION, START);
    assert_seg(&c, 3, 61, "_Second one._", CAPTION, START);
    assert_seg(&c, 4, 76, "*Not a caption.*", PROSE, START);
    /* an image followed by plain words keeps them as prose (the alt text
     * comes out first, as the block has emitted nothing yet) */
    assert_seg(&c, 5, 96, "Alt three", CAPTION, START);
    assert_seg(&c, 6, 114, "and words", PROSE, START);
}
END_TEST

START_TEST(md_html_block_is_read_as_html)
{
    collector c = {0};
    read_md(&c, "Para\n<div class=\"x\">\n<p>Inside <b>bold</b></p>\n"
                "<img src=\"a.png\" alt=\"Alt text\">\n"
                "<figure><figcaption>Fig cap</figcaption></figure>\n\nafter\n");
    assert_nsegs(&c, 6);
    assert_seg(&c, 0, 0, "Para", PROSE, START);
    assert_seg(&c, 1, 24, "Inside", PROSE, START);
    assert_seg(&c, 2, 34, "bold", PROSE, CONT);
    assert_seg(&c, 3, 69, "Alt text", CAPTION, START);
    assert_seg(&c, 4, 100, "Fig cap", CAPTION, START);
    assert_seg(&c, 5, 131, "after", PROSE, START);
}
END_TEST

START_TEST(md_html_block_takes_its_containers_scope)
{
    collector c = {0};
    read_md(&c, "> <p>Quoted <em>html</em></p>\n\n<ul><li>Item</li></ul>\n");
    assert_nsegs(&c, 3);
    assert_seg(&c, 0, 5, "Quoted", QUOTE, START);
    assert_seg(&c, 1, 16, "html", QUOTE, CONT);
    assert_seg(&c, 2, 39, "Item", LIST, START);
}
END_TEST

START_TEST(md_comment_blocks_are_directives_or_nothing)
{
    collector c = {0};
    read_md(&c, "a\n<!-- framelint-disable\n  water, tide -->\nb\n<!-- plain comment -->\n");
    assert_nsegs(&c, 2);
    assert_seg(&c, 0, 0, "a", PROSE, START);
    assert_seg(&c, 1, 43, "b", PROSE, START);
    ck_assert_uint_eq(c.ndirs, 1);
    assert_dir(&c, 0, FL_DIRECTIVE_DISABLE, 2, 42, "water, tide");
}
END_TEST

/* ---- Markdown inlines ---------------------------------------------------------- */

START_TEST(md_code_span_is_cut_and_the_block_goes_on)
{
    collector c = {0};
    read_md(&c, "A flood `of` migrants and ``a ` b`` end\n`not closed\n");
    assert_nsegs(&c, 4);
    assert_seg(&c, 0, 0, "A flood", PROSE, START);
    assert_seg(&c, 1, 13, "migrants and", PROSE, CONT);
    assert_seg(&c, 2, 36, "end", PROSE, CONT);
    assert_seg(&c, 3, 40, "`not closed", PROSE, CONT);
}
END_TEST

/* The reader looks for the next byte that may start an inline sixteen
 * bytes at a time: a code span is cut wherever it starts in or after a
 * run of plain text, at every offset in a step and across steps. */
START_TEST(md_code_span_is_found_after_plain_text_of_any_length)
{
    for (size_t k = 1; k <= 40; k++) {
        char doc[64];
        memset(doc, 'x', k);
        strcpy(doc + k, "`c` tail\n");
        char first[64];
        memset(first, 'x', k);
        first[k] = '\0';
        collector c = {0};
        read_md(&c, doc);
        assert_nsegs(&c, 2);
        assert_seg(&c, 0, 0, first, PROSE, START);
        assert_seg(&c, 1, k + 4, "tail", PROSE, CONT);
    }
}
END_TEST

START_TEST(md_link_text_stays_destination_cut_title_is_caption)
{
    collector c = {0};
    read_md(&c, "See [the report](https://x.org/a_(b) \"A title\") now and [ref][r1] or [short] "
                "and [t](<a b> (paren title)).\n");
    assert_nsegs(&c, 6);
    assert_seg(&c, 0, 0, "See [the report]", PROSE, START);
    assert_seg(&c, 1, 48, "now and [ref]", PROSE, CONT);
    assert_seg(&c, 2, 66, "or [short] and [t]", PROSE, CONT);
    assert_seg(&c, 3, 105, ".", PROSE, CONT);
    assert_seg(&c, 4, 38, "A title", CAPTION, START);
    assert_seg(&c, 5, 92, "paren title", CAPTION, START);
}
END_TEST

START_TEST(md_image_alt_is_caption_scope)
{
    collector c = {0};
    read_md(&c, "Boats ![Migrants at sea](boat.jpg \"Sea title\") arrive.\n\n"
                "![Alt first](x.png) then text\n\n- item ![Alt in list](y.png)\n\n"
                "[![Badge alt](b.svg)](https://ci)\n");
    assert_nsegs(&c, 11);
    assert_seg(&c, 0, 0, "Boats", PROSE, START);
    assert_seg(&c, 1, 47, "arrive.", PROSE, CONT);
    assert_seg(&c, 2, 8, "Migrants at sea", CAPTION, START);
    assert_seg(&c, 3, 35, "Sea title", CAPTION, START);
    assert_seg(&c, 4, 58, "Alt first", CAPTION, START); /* before a block it opens */
    assert_seg(&c, 5, 76, "then text", PROSE, START);
    assert_seg(&c, 6, 89, "item", LIST, START);
    assert_seg(&c, 7, 96, "Alt in list", CAPTION, START);
    assert_seg(&c, 8, 117, "[", PROSE, START);
    assert_seg(&c, 9, 137, "]", PROSE, CONT);
    assert_seg(&c, 10, 120, "Badge alt", CAPTION, START);
}
END_TEST

START_TEST(md_autolinks_are_cut)
{
    collector c = {0};
    read_md(&c, "Mail <press@example.org> or <https://x.org/a?b=c> but <not a link> and a<b.\n");
    assert_nsegs(&c, 4);
    assert_seg(&c, 0, 0, "Mail", PROSE, START);
    assert_seg(&c, 1, 25, "or", PROSE, CONT);
    assert_seg(&c, 2, 50, "but", PROSE, CONT);
    assert_seg(&c, 3, 67, "and a<b.", PROSE, CONT);
}
END_TEST

START_TEST(md_bare_urls_are_cut_before_trailing_punctuation)
{
    collector c = {0};
    read_md(&c, "See https://example.org/path, (http://x.io/a). Or www.site.org! Not awww.x nor "
                "xhttp://y z.\n");
    assert_nsegs(&c, 4);
    assert_seg(&c, 0, 0, "See", PROSE, START);
    assert_seg(&c, 1, 28, ", (", PROSE, CONT);
    assert_seg(&c, 2, 44, "). Or", PROSE, CONT);
    assert_seg(&c, 3, 62, "! Not awww.x nor xhttp://y z.", PROSE, CONT);
}
END_TEST

START_TEST(md_footnote_references_are_cut)
{
    collector c = {0};
    read_md(&c, "Claim[^1] and [^ref-2].\n");
    assert_nsegs(&c, 3);
    assert_seg(&c, 0, 0, "Claim", PROSE, START);
    assert_seg(&c, 1, 10, "and", PROSE, CONT);
    assert_seg(&c, 2, 22, ".", PROSE, CONT);
}
END_TEST

START_TEST(md_inline_html_is_cut_and_code_elements_hidden)
{
    collector c = {0};
    read_md(&c, "Text <span class=\"a\">in</span> <code>hidden <b>x</b></code> "
                "<img alt=\"Inline alt\"> <!-- framelint-disable-next-line flood --> end "
                "<script>var x;</script>.\n");
    assert_nsegs(&c, 5);
    assert_seg(&c, 0, 0, "Text", PROSE, START);
    assert_seg(&c, 1, 21, "in", PROSE, CONT);
    assert_seg(&c, 2, 126, "end", PROSE, CONT);
    assert_seg(&c, 3, 153, ".", PROSE, CONT);
    assert_seg(&c, 4, 70, "Inline alt", CAPTION, START);
    ck_assert_uint_eq(c.ndirs, 1);
    assert_dir(&c, 0, FL_DIRECTIVE_DISABLE_NEXT_LINE, 83, 125, "flood");
}
END_TEST

START_TEST(md_escapes_and_emphasis_stay_in_place)
{
    collector c = {0};
    read_md(&c, "Not \\`code\\` and \\[x](y) *emph* _u_ &amp; done\n");
    assert_nsegs(&c, 2);
    assert_seg(&c, 0, 0, "Not \\`code\\` and \\[x]", PROSE, START);
    assert_seg(&c, 1, 25, "*emph* _u_ &amp; done", PROSE, CONT);
}
END_TEST

START_TEST(md_too_many_captions_split_their_block)
{
    collector c = {0};
    char doc[256] = "Start";
    for (int i = 0; i < 17; i++)
        sprintf(doc + strlen(doc), " ![a%d](x)", i);
    strcat(doc, " end\n");
    read_md(&c, doc);
    assert_nsegs(&c, 19);
    assert_seg(&c, 0, 0, "Start", PROSE, START);
    assert_seg(&c, 1, 8, "a0", CAPTION, START);
    assert_seg(&c, 16, 148, "a15", CAPTION, START);
    assert_seg(&c, 17, 158, "a16", CAPTION, START);
    assert_seg(&c, 18, 166, "end", PROSE, START);
}
END_TEST

/* ---- HTML ----------------------------------------------------------------------- */

static void read_html(collector *c, const char *doc)
{
    read_doc(c, FL_FORMAT_HTML, doc);
}

START_TEST(html_inline_elements_keep_the_block_block_elements_start_one)
{
    collector c = {0};
    read_html(&c, "<p>A flood of\n  migrants <a href=\"x\">arrived</a> &amp; "
                  "<span>stayed</span>.</p><div>Next<br>line</div>");
    assert_nsegs(&c, 7);
    assert_seg(&c, 0, 3, "A flood of\n  migrants", PROSE, START);
    assert_seg(&c, 1, 37, "arrived", PROSE, CONT);
    assert_seg(&c, 2, 49, "&amp;", PROSE, CONT);
    assert_seg(&c, 3, 61, "stayed", PROSE, CONT);
    assert_seg(&c, 4, 74, ".", PROSE, FL_SEG_GLUED); /* "stayed." */
    assert_seg(&c, 5, 84, "Next", PROSE, START);
    assert_seg(&c, 6, 92, "line", PROSE, START);
}
END_TEST

/* Issue 10: a word broken by inline markup is one word; a space, a block
 * or an image between the halves makes two. */
START_TEST(html_word_across_inline_tags_is_glued)
{
    collector c = {0};
    read_html(&c, "<p>ille<b>gals</b> ille<wbr>gals ille <b>gals</b> ille<img src=x>gals "
                  "ille<i><b>ga</b></i>ls</p>");
    assert_nsegs(&c, 9);
    assert_seg(&c, 0, 3, "ille", PROSE, START);
    assert_seg(&c, 1, 10, "gals", PROSE, FL_SEG_GLUED);
    assert_seg(&c, 2, 19, "ille", PROSE, 0);
    assert_seg(&c, 3, 28, "gals ille", PROSE, FL_SEG_GLUED); /* <wbr> */
    assert_seg(&c, 4, 41, "gals", PROSE, 0);                 /* after a space */
    assert_seg(&c, 5, 50, "ille", PROSE, 0);
    assert_seg(&c, 6, 65, "gals ille", PROSE, 0);            /* after an image */
    assert_seg(&c, 7, 80, "ga", PROSE, FL_SEG_GLUED);
    assert_seg(&c, 8, 90, "ls", PROSE, FL_SEG_GLUED);
}
END_TEST

START_TEST(html_headings_and_title_are_heading)
{
    collector c = {0};
    read_html(&c, "<html><head><title> Page title </title><meta name=\"x\" content=\"y\"></head>"
                  "<body><h2>Sub <em>head</em></h2><h3>Three<h4>Four</h4>");
    assert_nsegs(&c, 5);
    assert_seg(&c, 0, 20, "Page title", HEADING, START);
    assert_seg(&c, 1, 83, "Sub", HEADING, START);
    assert_seg(&c, 2, 91, "head", HEADING, CONT);
    assert_seg(&c, 3, 109, "Three", HEADING, START);
    assert_seg(&c, 4, 118, "Four", HEADING, START);
}
END_TEST

START_TEST(html_hidden_elements_are_never_emitted)
{
    collector c = {0};
    read_html(&c, "<p>a<script>b</script><style>c</style><code>d</code><pre>e</pre>"
                  "<template>f</template><svg><text>g</text></svg><math>h</math>"
                  "<noscript>i</noscript>j</p><textarea>typed</textarea>");
    assert_nsegs(&c, 3);
    assert_seg(&c, 0, 3, "a", PROSE, START);
    assert_seg(&c, 1, 147, "j", PROSE, START); /* <pre> is a block */
    assert_seg(&c, 2, 162, "typed", PROSE, START);
}
END_TEST

/* Issue 10: keyboard input and program output are code, as <code> is, and an
 * iframe's content is fallback text no reader sees. */
START_TEST(html_kbd_samp_and_iframe_fallback_are_never_emitted)
{
    collector c = {0};
    read_html(&c, "<p>Press <kbd>flood</kbd> to see <samp>swarm</samp> here."
                  "<iframe src=\"v.html\">Your browser shows no <b>invasion</b></iframe>"
                  " End.</p>");
    assert_nsegs(&c, 4);
    assert_seg(&c, 0, 3, "Press", PROSE, START);
    assert_seg(&c, 1, 26, "to see", PROSE, 0);
    assert_seg(&c, 2, 52, "here.", PROSE, 0);
    assert_seg(&c, 3, 125, "End.", PROSE, 0);
}
END_TEST

START_TEST(html_doctype_cdata_comments_and_instructions_are_skipped)
{
    collector c = {0};
    read_html(&c, "<!DOCTYPE html><?xml version=\"1.0\"?><![CDATA[ no ]]><!-- c --><!---->"
                  "<!--->x</ y>y</>z");
    assert_nsegs(&c, 3);
    assert_seg(&c, 0, 75, "x", PROSE, START);
    assert_seg(&c, 1, 81, "y", PROSE, CONT);
    assert_seg(&c, 2, 85, "z", PROSE, CONT);
}
END_TEST

START_TEST(html_alt_and_title_values_are_caption_blocks)
{
    collector c = {0};
    read_html(&c, "<p>Before <img src=x alt=\"Double\" title='Single'> after</p>"
                  "<ul><li><img alt=Unquoted></li></ul><a title=\"\">t</a>"
                  "<pre><img alt=\"hidden\"></pre>");
    assert_nsegs(&c, 6);
    assert_seg(&c, 0, 3, "Before", PROSE, START);
    assert_seg(&c, 1, 50, "after", PROSE, CONT);
    assert_seg(&c, 2, 26, "Double", CAPTION, START);
    assert_seg(&c, 3, 41, "Single", CAPTION, START);
    assert_seg(&c, 4, 76, "Unquoted", CAPTION, START);
    assert_seg(&c, 5, 107, "t", PROSE, START);
}
END_TEST

START_TEST(html_innermost_element_decides_scope_captions_win)
{
    collector c = {0};
    read_html(&c, "<blockquote><p>Q</p><ul><li>L<p>LP</p></li></ul></blockquote>"
                  "<table><tr><td>C</td></tr></table>"
                  "<figure><figcaption>F<ul><li>FL</li></ul></figcaption></figure>");
    assert_nsegs(&c, 6);
    assert_seg(&c, 0, 15, "Q", QUOTE, START);
    assert_seg(&c, 1, 28, "L", LIST, START);
    assert_seg(&c, 2, 32, "LP", LIST, START);
    assert_seg(&c, 3, 76, "C", TABLE, START);
    assert_seg(&c, 4, 115, "F", CAPTION, START);
    assert_seg(&c, 5, 124, "FL", CAPTION, START);
}
END_TEST

START_TEST(html_items_cells_and_rows_close_implicitly)
{
    collector c = {0};
    /* "after" is outside both items only if the second <li> closed the first. */
    read_html(&c, "<ul><li>one<li>two</li>after</ul><table><tr><td>a<td>b<tr><th>c</table>out");
    assert_nsegs(&c, 7);
    assert_seg(&c, 0, 8, "one", LIST, START);
    assert_seg(&c, 1, 15, "two", LIST, START);
    assert_seg(&c, 2, 23, "after", PROSE, START);
    assert_seg(&c, 3, 48, "a", TABLE, START);
    assert_seg(&c, 4, 53, "b", TABLE, START);
    assert_seg(&c, 5, 62, "c", TABLE, START);
    assert_seg(&c, 6, 71, "out", PROSE, START);
}
END_TEST

START_TEST(html_misnested_and_stray_end_tags_are_tolerated)
{
    collector c = {0};
    read_html(&c, "<li>x</blockquote></li>y</p></div><blockquote>q<li>i</blockquote>z");
    assert_nsegs(&c, 5);
    assert_seg(&c, 0, 4, "x", LIST, START);
    assert_seg(&c, 1, 23, "y", PROSE, START);
    assert_seg(&c, 2, 46, "q", QUOTE, START);
    assert_seg(&c, 3, 51, "i", LIST, START);
    assert_seg(&c, 4, 65, "z", PROSE, START);
}
END_TEST

START_TEST(html_unterminated_tag_hides_the_rest)
{
    collector c = {0};
    read_html(&c, "a<p class=\"x>b</p>c");
    assert_nsegs(&c, 1);
    assert_seg(&c, 0, 0, "a", PROSE, START);
}
END_TEST

START_TEST(html_comment_directive_anywhere_multiline)
{
    collector c = {0};
    read_html(&c, "<p>text <!--\n framelint-disable\n   tide \n--> more</p>");
    assert_nsegs(&c, 2);
    assert_seg(&c, 0, 3, "text", PROSE, START);
    assert_seg(&c, 1, 45, "more", PROSE, CONT);
    ck_assert_uint_eq(c.ndirs, 1);
    assert_dir(&c, 0, FL_DIRECTIVE_DISABLE, 8, 44, "tide");
}
END_TEST

START_TEST(html_caption_lines_in_paragraphs_and_items)
{
    collector c = {0};
    read_html(&c, "<p><strong>Photo:</strong> AFP</p><li>Image: x</li><td>Photo: y</td>");
    assert_nsegs(&c, 4);
    assert_seg(&c, 0, 11, "Photo:", CAPTION, START);
    assert_seg(&c, 1, 27, "AFP", CAPTION, CONT);
    assert_seg(&c, 2, 38, "Image: x", CAPTION, START);
    assert_seg(&c, 3, 55, "Photo: y", TABLE, START);
}
END_TEST

/* ---- declared language ------------------------------------------------------------ */

static const char *language(fl_format fmt, const char *doc, char *out, size_t size)
{
    fl__markup_language(fmt, doc, strlen(doc), out, size);
    return out;
}

START_TEST(language_comes_from_markdown_front_matter)
{
    char out[8];
    ck_assert_str_eq(language(FL_FORMAT_MARKDOWN, "---\ntitle: x\nlang: \"fr-BE\"\n---\n", out,
                              sizeof out),
                     "fr");
    ck_assert_str_eq(language(FL_FORMAT_MARKDOWN, "---\nlanguage: de_DE\n...\nlang: es\n", out,
                              sizeof out),
                     "de");
    ck_assert_str_eq(language(FL_FORMAT_MARKDOWN, "+++\nlang = 'ES'\n+++\n", out, sizeof out),
                     "es");
    ck_assert_str_eq(language(FL_FORMAT_MARKDOWN, "# lang: fr\n", out, sizeof out), "");
    ck_assert_str_eq(language(FL_FORMAT_MARKDOWN, "---\n  lang: fr\n---\n", out, sizeof out), "");
}
END_TEST

START_TEST(language_comes_from_first_html_lang_attribute)
{
    char out[8];
    ck_assert_str_eq(language(FL_FORMAT_HTML, "<!doctype html><!-- <p lang=xx> --><HTML LANG=\"fr-BE\">",
                              out, sizeof out),
                     "fr");
    ck_assert_str_eq(language(FL_FORMAT_HTML,
                              "<html><script>'<p lang=xx>'</script><div lang='de_DE'>", out,
                              sizeof out),
                     "de");
    ck_assert_str_eq(language(FL_FORMAT_HTML, "<html><p>no lang</p>", out, sizeof out), "");
}
END_TEST

START_TEST(language_is_truncated_and_empty_for_plain_text)
{
    char out[8];
    ck_assert_str_eq(language(FL_FORMAT_HTML, "<html lang=\"fr\">", out, 2), "f");
    ck_assert_str_eq(language(FL_FORMAT_HTML, "<html lang=\"fr\">", out, 1), "");
    ck_assert_str_eq(language(FL_FORMAT_PLAIN, "lang: fr\n", out, sizeof out), "");
    out[0] = 'x';
    fl__markup_language(FL_FORMAT_HTML, "<html lang=fr>", 14, out, 0);
    ck_assert_int_eq(out[0], 'x');
}
END_TEST

/* Issue 8, item 14: "lang: english" or "lang: eng" checked nothing. */
START_TEST(language_names_and_iso_639_2_codes_become_codes)
{
    static const char *const cases[][2] = {
        {"english", "en"}, {"English", "en"}, {"eng", "en"},        {"ENG", "en"},
        {"fra", "fr"},     {"fre", "fr"},     {"French", "fr"},     {"français", "fr"},
        {"deu", "de"},     {"ger", "de"},     {"Deutsch", "de"},    {"spa", "es"},
        {"español", "es"}, {"Spanish", "es"}, {"english (UK)", "en"}, {"eng-GB", "en"},
        {"fr-BE", "fr"},   {"klingon", "klingon"}, {"ar", "ar"},    {"Arabic", "ar"},
        {"fr1", "fr"},     {"évalué", ""},
    };
    char doc[128], out[16];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        snprintf(doc, sizeof doc, "---\nlang: %s\n---\n", cases[i][0]);
        ck_assert_msg(!strcmp(language(FL_FORMAT_MARKDOWN, doc, out, sizeof out),
                              cases[i][1]), "lang: %s gave '%s', want '%s'", cases[i][0],
                      out, cases[i][1]);
    }
    ck_assert_str_eq(language(FL_FORMAT_HTML, "<html lang=\"English\">", out, sizeof out),
                     "en");
}
END_TEST

/* ---- hostile and unusual input ------------------------------------------------------ */

static int is_ascii_space(char ch)
{
    return ch == ' ' || (ch >= '\t' && ch <= '\r');
}

/* Every segment lies inside the document and neither starts nor ends with
 * whitespace (so never with the CR of a CRLF). */
static void assert_trimmed(const collector *c)
{
    for (size_t i = 0; i < c->nsegs && i < MAX_SEGS; i++) {
        const fl_segment *s = &c->segs[i];
        ck_assert_uint_gt(s->len, 0);
        ck_assert_uint_le(s->off + s->len, c->len);
        ck_assert(!is_ascii_space(c->doc[s->off]));
        ck_assert(!is_ascii_space(c->doc[s->off + s->len - 1]));
    }
}

START_TEST(crlf_line_endings_never_reach_segments)
{
    static const char md[] = "a\r\nb\r\n> q\r\n\r\n# h #\r\n- i\r\n\r\n| x |\r\n|---|\r\n| y |\r\n"
                             "```\r\nc\r\n```\r\nSet\r\n---\r\n";
    collector c = {0};
    read_md(&c, md);
    assert_nsegs(&c, 8);
    assert_trimmed(&c);
    assert_seg(&c, 0, 0, "a", PROSE, START);
    assert_seg(&c, 1, 3, "b", PROSE, CONT);
    assert_seg(&c, 2, 8, "q", QUOTE, START); /* a quote interrupts a paragraph */
    assert_seg(&c, 3, 15, "h", HEADING, START);
    assert_seg(&c, 4, 22, "i", LIST, START);
    assert_seg(&c, 5, 29, "x", TABLE, START);
    assert_seg(&c, 6, 43, "y", TABLE, START);
    assert_seg(&c, 7, 61, "Set", HEADING, START);
    read_html(&c, "<p>\r\n a \r\n</p>\r\n");
    assert_nsegs(&c, 1);
    assert_seg(&c, 0, 6, "a", PROSE, START);
}
END_TEST

START_TEST(lone_cr_is_whitespace_not_a_line_end)
{
    collector c = {0};
    read_doc(&c, FL_FORMAT_PLAIN, "a\rb\r\r- c\r");
    assert_nsegs(&c, 1);
    assert_seg(&c, 0, 0, "a\rb\r\r- c", PROSE, START);
    read_md(&c, "# x\ry\r");
    assert_nsegs(&c, 1);
    assert_seg(&c, 0, 2, "x\ry", HEADING, START);
}
END_TEST

START_TEST(nul_bytes_and_invalid_utf8_are_ordinary_bytes)
{
    static const char md[] = "a\0b\n\n# c\0\n\ncaf\xe9 \xff\xfe flood\n";
    collector c = {0};
    ck_assert_int_eq(read_len(&c, FL_FORMAT_MARKDOWN, md, sizeof md - 1), FL_OK);
    assert_nsegs(&c, 3);
    ck_assert_uint_eq(c.segs[0].off, 0);
    ck_assert_uint_eq(c.segs[0].len, 3);
    ck_assert_uint_eq(c.segs[1].off, 7);
    ck_assert_uint_eq(c.segs[1].len, 2);
    ck_assert_uint_eq(c.segs[1].scope, HEADING);
    assert_seg(&c, 2, 11, "caf\xe9 \xff\xfe flood", PROSE, START);
    static const char html[] = "<p>a\0b</p><p \0>\xff</p>";
    ck_assert_int_eq(read_len(&c, FL_FORMAT_HTML, html, sizeof html - 1), FL_OK);
    assert_nsegs(&c, 2);
    ck_assert_uint_eq(c.segs[0].off, 3);
    ck_assert_uint_eq(c.segs[0].len, 3);
    assert_seg(&c, 1, 15, "\xff", PROSE, START);
}
END_TEST

START_TEST(input_without_final_newline_is_read_to_the_end)
{
    collector c = {0};
    read_md(&c, "> quote");
    assert_seg(&c, 0, 2, "quote", QUOTE, START);
    read_md(&c, "para\n```\nunclosed code");
    assert_nsegs(&c, 1);
    read_html(&c, "<p>x");
    assert_seg(&c, 0, 3, "x", PROSE, START);
    read_doc(&c, FL_FORMAT_PLAIN, "- last");
    assert_seg(&c, 0, 2, "last", LIST, START);
}
END_TEST

START_TEST(md_nesting_10000_deep_reads_as_the_deepest_tracked)
{
    collector c = {0};
    size_t len;
    char *doc = repeat(">", 10000, " deep\nlazy\n", &len);
    read_md(&c, doc);
    assert_nsegs(&c, 2);
    assert_seg(&c, 0, 10001, "deep", QUOTE, START);
    assert_seg(&c, 1, 10006, "lazy", QUOTE, CONT);
    free(doc);
    doc = repeat("- ", 10000, "deep\n", &len);
    read_md(&c, doc);
    assert_nsegs(&c, 1);
    assert_seg(&c, 0, 20000, "deep", LIST, START);
    free(doc);
    doc = repeat("> - ", 5000, "mixed\n", &len);
    read_md(&c, doc);
    assert_seg(&c, 0, 20000, "mixed", LIST, START);
    free(doc);
}
END_TEST

/* `open`×n + text + `close`×n + "after": the text and "after" only. */
static void check_html_nesting(const char *open, const char *close, unsigned scope)
{
    collector c = {0};
    size_t n1, n2;
    char *a = repeat(open, 10000, "deep", &n1);
    char *b = repeat(close, 10000, "after", &n2);
    char *doc = malloc(n1 + n2 + 1);
    ck_assert_ptr_nonnull(doc);
    memcpy(doc, a, n1);
    memcpy(doc + n1, b, n2 + 1);
    read_html(&c, doc);
    assert_nsegs(&c, 2);
    assert_seg(&c, 0, n1 - 4, "deep", scope, START);
    assert_seg(&c, 1, n1 + n2 - 5, "after", PROSE, START);
    free(a);
    free(b);
    free(doc);
}

START_TEST(html_nesting_10000_deep_unwinds)
{
    check_html_nesting("<div>", "</div>", PROSE);
    check_html_nesting("<blockquote>", "</blockquote>", QUOTE);
    check_html_nesting("<ul><li>", "</li></ul>", LIST);
    check_html_nesting("<li>", "</li>", LIST);
}
END_TEST

/* Five million bytes of one construct: finishing at all is the test (a
 * quadratic reader would not, within the suite's timeout). */
static void check_long_line(fl_format fmt, const char *unit)
{
    collector c = {0};
    size_t len;
    char *doc = repeat(unit, 5000000 / strlen(unit), "\n", &len);
    ck_assert_int_eq(read_len(&c, fmt, doc, len), FL_OK);
    assert_trimmed(&c);
    free(doc);
}

START_TEST(md_five_megabyte_lines_take_linear_time)
{
    static const char *units[] = {"[", "![", "]", "](", "<", "<a ", "<!--", "` ``", "`",
                                  "``` ", "\\", "[^", "http://", "www.x", "- ", "> ",
                                  "1. ", "|", "<a b=\"", "![a", "](<", "](x \"", "*"};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        check_long_line(FL_FORMAT_MARKDOWN, units[i]);
}
END_TEST

/* Every open list item measures a line's indentation once, not its whole
 * length: 256 items and a 5 MB indented line. */
START_TEST(md_deep_items_do_not_rescan_a_long_indented_line)
{
    size_t cap = 256 * 260 + 5000010, len = 0;
    char *doc = malloc(cap);
    ck_assert_ptr_nonnull(doc);
    for (size_t i = 0; i < 256; i++) {
        memset(doc + len, ' ', 2 * i);
        memcpy(doc + len + 2 * i, "- a\n", 4);
        len += 2 * i + 4;
    }
    memset(doc + len, ' ', 5000000);
    len += 5000000;
    memcpy(doc + len, "x\n", 3);
    collector c = {0};
    ck_assert_int_eq(read_len(&c, FL_FORMAT_MARKDOWN, doc, len + 2), FL_OK);
    assert_nsegs(&c, 257);
    ck_assert_uint_eq(c.segs[0].scope, LIST);
    free(doc);
}
END_TEST

START_TEST(html_and_plain_five_megabyte_lines_take_linear_time)
{
    static const char *units[] = {"<", "<a ", "<!--", "</", "<li>", "<td>", "<img alt=\"",
                                  "<script>", "<![CDATA[", "<!x", "&amp;"};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        check_long_line(FL_FORMAT_HTML, units[i]);
    check_long_line(FL_FORMAT_PLAIN, "- ");
}
END_TEST

Suite *suite_markup(void)
{
    Suite *s = suite_create("markup");
    TCase *tc = tcase_create("interface");
    tcase_add_test(tc, read_dispatches_on_format_and_rejects_auto);
    tcase_add_test(tc, readers_never_allocate);
    tcase_add_test(tc, empty_input_emits_nothing);
    tcase_add_test(tc, failing_segment_callback_stops_reader_with_its_status);
    tcase_add_test(tc, failing_directive_callback_stops_reader_with_its_status);
    tcase_add_test(tc, null_callbacks_are_allowed);
    suite_add_tcase(s, tc);

    tc = tcase_create("directives");
    tcase_add_test(tc, directive_keyword_matches_longest_first);
    tcase_add_test(tc, directive_keyword_needs_space_end_or_comment_close_after_it);
    tcase_add_test(tc, plain_directive_lines_bare_hash_slashes_or_comment);
    tcase_add_test(tc, md_comment_blocks_are_directives_or_nothing);
    tcase_add_test(tc, html_comment_directive_anywhere_multiline);
    suite_add_tcase(s, tc);

    tc = tcase_create("plain");
    tcase_add_test(tc, plain_paragraphs_split_on_blank_lines);
    tcase_add_test(tc, plain_bullet_lines_start_list_blocks_without_marker);
    tcase_add_test(tc, plain_caption_line_makes_its_paragraph_caption);
    tcase_add_test(tc, plain_caption_words_of_other_languages);
    tcase_add_test(tc, plain_caption_words_each_first_letter);
    suite_add_tcase(s, tc);

    tc = tcase_create("markdown_blocks");
    tcase_add_test(tc, md_wrapped_paragraph_is_one_block_without_cr);
    tcase_add_test(tc, md_atx_heading_excludes_markers_and_closing_hashes);
    tcase_add_test(tc, md_setext_heading_and_thematic_breaks);
    tcase_add_test(tc, md_front_matter_is_never_emitted);
    tcase_add_test(tc, md_block_quotes_nest_and_exclude_markers);
    tcase_add_test(tc, md_list_items_are_blocks_without_markers);
    tcase_add_test(tc, md_innermost_container_decides_scope);
    tcase_add_test(tc, md_only_item_one_interrupts_a_paragraph);
    tcase_add_test(tc, md_fenced_code_is_never_emitted);
    tcase_add_test(tc, md_indented_code_is_never_emitted_but_continues_paragraphs);
    tcase_add_test(tc, md_table_cells_are_blocks_without_pipes);
    tcase_add_test(tc, md_definitions_hide_references_but_keep_footnotes);
    tcase_add_test(tc, md_footnote_continuation_paragraphs_are_prose);
    tcase_add_test(tc, md_multiline_reference_definitions_are_not_prose);
    tcase_add_test(tc, md_caption_lines_are_caption_blocks);
    tcase_add_test(tc, md_emphasis_under_an_image_is_its_caption);
    tcase_add_test(tc, md_html_block_is_read_as_html);
    tcase_add_test(tc, md_html_block_takes_its_containers_scope);
    suite_add_tcase(s, tc);

    tc = tcase_create("markdown_inlines");
    tcase_add_test(tc, md_code_span_is_cut_and_the_block_goes_on);
    tcase_add_test(tc, md_code_span_is_found_after_plain_text_of_any_length);
    tcase_add_test(tc, md_link_text_stays_destination_cut_title_is_caption);
    tcase_add_test(tc, md_image_alt_is_caption_scope);
    tcase_add_test(tc, md_autolinks_are_cut);
    tcase_add_test(tc, md_bare_urls_are_cut_before_trailing_punctuation);
    tcase_add_test(tc, md_footnote_references_are_cut);
    tcase_add_test(tc, md_inline_html_is_cut_and_code_elements_hidden);
    tcase_add_test(tc, md_escapes_and_emphasis_stay_in_place);
    tcase_add_test(tc, md_too_many_captions_split_their_block);
    suite_add_tcase(s, tc);

    tc = tcase_create("html");
    tcase_add_test(tc, html_inline_elements_keep_the_block_block_elements_start_one);
    tcase_add_test(tc, html_headings_and_title_are_heading);
    tcase_add_test(tc, html_kbd_samp_and_iframe_fallback_are_never_emitted);
    tcase_add_test(tc, html_word_across_inline_tags_is_glued);
    tcase_add_test(tc, html_hidden_elements_are_never_emitted);
    tcase_add_test(tc, html_doctype_cdata_comments_and_instructions_are_skipped);
    tcase_add_test(tc, html_alt_and_title_values_are_caption_blocks);
    tcase_add_test(tc, html_innermost_element_decides_scope_captions_win);
    tcase_add_test(tc, html_items_cells_and_rows_close_implicitly);
    tcase_add_test(tc, html_misnested_and_stray_end_tags_are_tolerated);
    tcase_add_test(tc, html_unterminated_tag_hides_the_rest);
    tcase_add_test(tc, html_caption_lines_in_paragraphs_and_items);
    suite_add_tcase(s, tc);

    tc = tcase_create("language");
    tcase_add_test(tc, language_comes_from_markdown_front_matter);
    tcase_add_test(tc, language_comes_from_first_html_lang_attribute);
    tcase_add_test(tc, language_is_truncated_and_empty_for_plain_text);
    tcase_add_test(tc, language_names_and_iso_639_2_codes_become_codes);
    suite_add_tcase(s, tc);

    tc = tcase_create("robustness");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, crlf_line_endings_never_reach_segments);
    tcase_add_test(tc, lone_cr_is_whitespace_not_a_line_end);
    tcase_add_test(tc, nul_bytes_and_invalid_utf8_are_ordinary_bytes);
    tcase_add_test(tc, input_without_final_newline_is_read_to_the_end);
    tcase_add_test(tc, md_nesting_10000_deep_reads_as_the_deepest_tracked);
    tcase_add_test(tc, html_nesting_10000_deep_unwinds);
    tcase_add_test(tc, md_five_megabyte_lines_take_linear_time);
    tcase_add_test(tc, md_deep_items_do_not_rescan_a_long_indented_line);
    tcase_add_test(tc, html_and_plain_five_megabyte_lines_take_linear_time);
    suite_add_tcase(s, tc);
    return s;
}

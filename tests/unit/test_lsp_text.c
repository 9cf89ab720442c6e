/*
 * lsp_text: the language server's line index, positions in UTF-8, UTF-16
 * and UTF-32 units, and incremental edits that must leave the index exactly
 * as a fresh scan would build it.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "lsp_text.h"

static lsp_text text_of(const char *s)
{
    lsp_text t;
    memset(&t, 0, sizeof t);
    ck_assert_int_eq(lsp_text_set(&t, s, strlen(s)), 0);
    return t;
}

static size_t offset(const lsp_text *t, size_t line, size_t ch, lsp_encoding enc)
{
    lsp_position p = {line, ch};
    return lsp_lines_offset(&t->lines, t->data, t->len, p, enc);
}

static lsp_position position(const lsp_text *t, size_t off, lsp_encoding enc)
{
    return lsp_lines_position(&t->lines, t->data, t->len, off, enc, NULL);
}

START_TEST(lines_end_at_lf_crlf_and_a_lone_cr)
{
    lsp_text t = text_of("a\nb\r\nc\rd");
    ck_assert_uint_eq(t.lines.count, 4);
    ck_assert_uint_eq(t.lines.starts[1], 2);
    ck_assert_uint_eq(t.lines.starts[2], 5);
    ck_assert_uint_eq(t.lines.starts[3], 7);
    lsp_text_free(&t);
    t = text_of("one\r\n");
    ck_assert_uint_eq(t.lines.count, 2); /* the empty line after the break */
    ck_assert_uint_eq(t.lines.starts[1], 5);
    lsp_text_free(&t);
}
END_TEST

/* "😀 Cafe\u0301 x": the emoji is 4 bytes, 2 UTF-16 units, 1 code point;
 * the combining accent is 2 bytes and one unit of each other kind. */
static const char mixed[] = "\xF0\x9F\x98\x80 Cafe\xCC\x81 x\n";

START_TEST(offsets_count_the_units_of_each_encoding)
{
    lsp_text t = text_of(mixed);
    ck_assert_uint_eq(offset(&t, 0, 3, LSP_UTF16), 5); /* 'C' */
    ck_assert_uint_eq(offset(&t, 0, 2, LSP_UTF32), 5);
    ck_assert_uint_eq(offset(&t, 0, 5, LSP_UTF8), 5);
    ck_assert_uint_eq(offset(&t, 0, 9, LSP_UTF16), 12); /* 'x', after the accent */
    ck_assert_uint_eq(offset(&t, 0, 8, LSP_UTF32), 12);
    ck_assert_uint_eq(offset(&t, 0, 12, LSP_UTF8), 12);
    lsp_position p = position(&t, 12, LSP_UTF16);
    ck_assert_uint_eq(p.line, 0);
    ck_assert_uint_eq(p.character, 9);
    ck_assert_uint_eq(position(&t, 12, LSP_UTF32).character, 8);
    ck_assert_uint_eq(position(&t, 12, LSP_UTF8).character, 12);
    lsp_text_free(&t);
}
END_TEST

START_TEST(positions_inside_a_character_mean_its_start)
{
    lsp_text t = text_of(mixed);
    ck_assert_uint_eq(offset(&t, 0, 1, LSP_UTF16), 0); /* between the surrogates */
    ck_assert_uint_eq(offset(&t, 0, 2, LSP_UTF8), 0);
    ck_assert_uint_eq(position(&t, 2, LSP_UTF16).character, 0);
    lsp_text_free(&t);
}
END_TEST

START_TEST(positions_past_a_line_or_the_text_are_clamped)
{
    lsp_text t = text_of("ab\r\ncd");
    ck_assert_uint_eq(offset(&t, 0, 99, LSP_UTF16), 2); /* before "\r\n" */
    ck_assert_uint_eq(offset(&t, 1, 99, LSP_UTF16), 6);
    ck_assert_uint_eq(offset(&t, 7, 0, LSP_UTF16), 6);
    lsp_position p = position(&t, 3, LSP_UTF16); /* between '\r' and '\n' */
    ck_assert_uint_eq(p.line, 0);
    ck_assert_uint_eq(p.character, 2);
    p = position(&t, 99, LSP_UTF16);
    ck_assert_uint_eq(p.line, 1);
    ck_assert_uint_eq(p.character, 2);
    lsp_text_free(&t);
}
END_TEST

START_TEST(a_cursor_gives_the_same_positions)
{
    lsp_text t = text_of("x\n\xF0\x9F\x98\x80\xF0\x9F\x98\x80 a\xCC\x81 b c\n");
    lsp_cursor cur = {0, 0, 0, 0};
    for (size_t off = 0; off <= t.len; off++) {
        lsp_position a = position(&t, off, LSP_UTF16);
        lsp_position b = lsp_lines_position(&t.lines, t.data, t.len, off, LSP_UTF16, &cur);
        ck_assert_uint_eq(a.line, b.line);
        ck_assert_uint_eq(a.character, b.character);
    }
    lsp_text_free(&t);
}
END_TEST

/* After each of many random edits, the index matches a fresh scan. The
 * pieces are rich in "\r" and "\n" so edits split and join "\r\n". */
START_TEST(edits_keep_the_index_equal_to_a_rebuild)
{
    static const char *const pieces[] = {"", "\r", "\n", "\r\n", "a", "\xC3\xA9", "x\ry\nz",
                                         "\n\n", "\r\r"};
    lsp_text t = text_of("start\r\nmiddle\rend\n");
    unsigned seed = 12345;
    for (int i = 0; i < 5000; i++) {
        seed = seed * 1103515245u + 12345u;
        size_t a = (seed >> 8) % (t.len + 1);
        seed = seed * 1103515245u + 12345u;
        size_t b = a + (seed >> 8) % (t.len - a + 1);
        b = b > a + 4 ? a + 4 : b;
        const char *piece = pieces[(seed >> 20) % (sizeof pieces / sizeof *pieces)];
        ck_assert_int_eq(lsp_text_replace(&t, a, b, piece, strlen(piece)), 0);
        lsp_lines fresh = {NULL, 0, 0};
        ck_assert_int_eq(lsp_lines_build(&fresh, t.data, t.len), 0);
        ck_assert_uint_eq(t.lines.count, fresh.count);
        ck_assert_mem_eq(t.lines.starts, fresh.starts, fresh.count * sizeof *fresh.starts);
        lsp_lines_free(&fresh);
    }
    lsp_text_free(&t);
}
END_TEST

START_TEST(edits_split_and_join_lines)
{
    lsp_text t = text_of("one two\nthree\n");
    ck_assert_int_eq(lsp_text_replace(&t, 3, 4, "\r\n", 2), 0); /* split "one two" */
    ck_assert_uint_eq(t.lines.count, 4);
    ck_assert_mem_eq(t.data, "one\r\ntwo\nthree\n", t.len);
    ck_assert_int_eq(lsp_text_replace(&t, 3, 5, "", 0), 0); /* join again */
    ck_assert_uint_eq(t.lines.count, 3);
    ck_assert_mem_eq(t.data, "onetwo\nthree\n", t.len);
    ck_assert_int_eq(lsp_text_replace(&t, 3, 3, "\r", 1), 0); /* a lone \r is a break */
    ck_assert_uint_eq(t.lines.count, 4);
    ck_assert_int_eq(lsp_text_replace(&t, 4, 4, "\n", 1), 0); /* now "\r\n": one break */
    ck_assert_uint_eq(t.lines.count, 4);
    ck_assert_uint_eq(t.lines.starts[1], 5);
    lsp_text_free(&t);
}
END_TEST

Suite *suite_lsp_text(void)
{
    Suite *s = suite_create("lsp_text");
    TCase *tc = tcase_create("lines");
    tcase_add_test(tc, lines_end_at_lf_crlf_and_a_lone_cr);
    suite_add_tcase(s, tc);
    tc = tcase_create("positions");
    tcase_add_test(tc, offsets_count_the_units_of_each_encoding);
    tcase_add_test(tc, positions_inside_a_character_mean_its_start);
    tcase_add_test(tc, positions_past_a_line_or_the_text_are_clamped);
    tcase_add_test(tc, a_cursor_gives_the_same_positions);
    suite_add_tcase(s, tc);
    tc = tcase_create("edits");
    tcase_add_test(tc, edits_keep_the_index_equal_to_a_rebuild);
    tcase_add_test(tc, edits_split_and_join_lines);
    suite_add_tcase(s, tc);
    return s;
}

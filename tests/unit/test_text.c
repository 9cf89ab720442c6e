/*
 * text: UTF-8 decoding, folding, character references and the line map.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "findings.h"
#include "helpers.h"
#include "report.h"
#include "text.h"

static const char *fold(fl_buf *b, const char *s)
{
    fl__buf_clear(b);
    ck_assert_int_eq(fl__fold(b, s, strlen(s)), FL_OK);
    return fl__buf_cstr(b);
}

START_TEST(fold_matches_case_ligature_and_accents)
{
    fl_buf b = FL_BUF_INIT(fl__default_allocator());
    ck_assert_str_eq(fold(&b, "Flood"), "flood");
    ck_assert_str_eq(fold(&b, "FLOOD"), "flood");
    ck_assert_str_eq(fold(&b, "\xef\xac\x82ood"), "flood"); /* U+FB02 ligature */
    ck_assert_str_eq(fold(&b, "R\xc3\xa9" "fugi\xc3\xa9"), "refugie");
    ck_assert_str_eq(fold(&b, "Stra\xc3\x9f" "e"), "strasse");
    ck_assert_str_eq(fold(&b, "don\xe2\x80\x99t"), "don't");
    ck_assert_str_eq(fold(&b, "mi\xc2\xad" "grant"), "migrant"); /* soft hyphen */
    fl__buf_free(&b);
}
END_TEST

START_TEST(starts_link_knows_both_schemes_in_any_case_and_stops_at_the_end)
{
    ck_assert(fl__starts_link("https://t.co/x", 14));
    ck_assert(fl__starts_link("HTTP://X", 8));
    ck_assert(!fl__starts_link("https:/", 7));   /* cut short */
    ck_assert(!fl__starts_link("https://", 7));  /* n stops before the end */
    ck_assert(!fl__starts_link("httpx://", 8));
    ck_assert(!fl__starts_link("www.x.org", 9)); /* a link to skip, but no scheme */
    ck_assert(fl__has_prefix_ci("MaIlTo:a", 8, "mailto:"));
    ck_assert(!fl__has_prefix_ci("", 0, "h"));
}
END_TEST

START_TEST(decode_rejects_overlong_surrogate_and_truncated)
{
    int32_t cp;
    ck_assert_uint_eq(fl__utf8_decode((const unsigned char *)"\xc0\xaf", 2, &cp), 1);
    ck_assert_int_eq(cp, -1);
    ck_assert_uint_eq(fl__utf8_decode((const unsigned char *)"\xed\xa0\x80", 3, &cp), 1);
    ck_assert_int_eq(cp, -1);
    ck_assert_uint_eq(fl__utf8_decode((const unsigned char *)"\xe2\x80", 2, &cp), 1);
    ck_assert_int_eq(cp, -1);
    ck_assert_uint_eq(fl__utf8_decode((const unsigned char *)"\xe2\x80\x99", 3, &cp), 3);
    ck_assert_int_eq(cp, 0x2019);
}
END_TEST

START_TEST(first_invalid_reports_byte_offset)
{
    const char *s = "ok \xc3\xa9 then \xff bad";
    ck_assert_uint_eq(fl__utf8_first_invalid(s, strlen(s)), 11);
    ck_assert_uint_eq(fl__utf8_first_invalid("fine", 4), 4);
}
END_TEST

/* The scan skips ASCII 64, 32 and 8 bytes at a time: a bad byte is found
 * at every offset of a long text (past two blocks of 64), and valid UTF-8
 * (which also sets the high bit) is not taken for one, wherever it falls
 * in a chunk. */
START_TEST(first_invalid_finds_a_bad_byte_at_every_offset)
{
    char s[200];
    for (size_t at = 0; at < sizeof s; at++) {
        memset(s, 'a', sizeof s);
        s[at] = (char)0xff;
        ck_assert_uint_eq(fl__utf8_first_invalid(s, sizeof s), at);
        ck_assert_uint_eq(fl__utf8_first_invalid(s, at), at);
        if (at + 2 <= sizeof s) {
            memcpy(s + at, "\xc3\xa9", 2);
            ck_assert_uint_eq(fl__utf8_first_invalid(s, sizeof s), sizeof s);
        }
    }
}
END_TEST

START_TEST(entities_decode_named_and_numeric)
{
    int32_t cp = 0;
    ck_assert_uint_eq(fl__html_entity("&eacute;x", 9, &cp), 8);
    ck_assert_int_eq(cp, 0xE9);
    ck_assert_uint_eq(fl__html_entity("&#8217;", 7, &cp), 7);
    ck_assert_int_eq(cp, 0x2019);
    ck_assert_uint_eq(fl__html_entity("&#x2019;", 8, &cp), 8);
    ck_assert_uint_eq(fl__html_entity("&AElig;", 7, &cp), 7);
    ck_assert_int_eq(cp, 0xC6);
    ck_assert_uint_eq(fl__html_entity("&zwnj;", 6, &cp), 6);
    ck_assert_uint_eq(fl__html_entity("&bogus;", 7, &cp), 0);
    ck_assert_uint_eq(fl__html_entity("&amp", 4, &cp), 0);
    ck_assert_uint_eq(fl__html_entity("&#xD800;", 8, &cp), 0);
    /* eight hex digits: out of range, refused, and no overflow on the way
     * (UBSan found the 32-bit one with the tokenize fuzzer) */
    ck_assert_uint_eq(fl__html_entity("&#xFFFFFFFF;", 12, &cp), 0);
    ck_assert_uint_eq(fl__html_entity("&#x8BBBBBBB;", 12, &cp), 0);
    ck_assert_uint_eq(fl__html_entity("&#99999999;", 11, &cp), 0);
    /* Issue 10: every name of HTML's list, not only the common ones */
    ck_assert_uint_eq(fl__html_entity("&frac12;", 8, &cp), 8);
    ck_assert_int_eq(cp, 0xBD);
    ck_assert_uint_eq(fl__html_entity("&CounterClockwiseContourIntegral;", 33, &cp), 33);
    ck_assert_int_eq(cp, 0x2233);
    ck_assert_uint_eq(fl__html_entity("&Afr;", 5, &cp), 5);
    ck_assert_int_eq(cp, 0x1D504);
    ck_assert_uint_eq(fl__html_entity("&NotEqualTilde;", 15, &cp), 15);
    ck_assert_int_eq(cp, 0x2242); /* then U+0338, which combines with it */
    ck_assert_uint_eq(fl__html_entity("&2bad;", 6, &cp), 0);
}
END_TEST

/* Every name of the WHATWG's list, read here from the data file itself. */
START_TEST(entities_cover_the_whole_whatwg_list)
{
    size_t len = 0, checked = 0;
    char *json = read_test_file(FL_SOURCE_DIR "/tools/data/whatwg-entities.json", &len);
    ck_assert_ptr_nonnull(json);
    for (char *p = strstr(json, "\"&"); p; p = strstr(p + 1, "\"&")) {
        char *q = strchr(p + 1, '"'), *cps = strstr(p, "[");
        if (!q || q[-1] != ';' || !cps)
            continue; /* a legacy name without its semicolon */
        int32_t cp = -1;
        size_t n = (size_t)(q - p - 1);
        ck_assert_msg(fl__html_entity(p + 1, n, &cp) == n, "%.*s not decoded", (int)n, p + 1);
        ck_assert_int_eq(cp, strtol(cps + 1, NULL, 10));
        checked++;
    }
    ck_assert_uint_eq(checked, 2125);
    free(json);
}
END_TEST

START_TEST(linemap_counts_code_points_and_strips_crlf)
{
    const char *s = "one\r\ntw\xc3\xa9 x\nlast";
    size_t len = strlen(s);
    fl_linemap lm;
    ck_assert_int_eq(fl__linemap_build(&lm, fl__default_allocator(), s, len), FL_OK);
    unsigned line, col;
    size_t lo, ll;
    fl__linemap_lookup(&lm, s, len, 0, &line, &col, &lo, &ll);
    ck_assert_uint_eq(line, 1);
    ck_assert_uint_eq(col, 1);
    ck_assert_uint_eq(ll, 3);
    fl__linemap_lookup(&lm, s, len, 10, &line, &col, &lo, &ll); /* the x */
    ck_assert_uint_eq(line, 2);
    ck_assert_uint_eq(col, 5);
    ck_assert_uint_eq(lo, 5);
    ck_assert_uint_eq(ll, 6);
    fl__linemap_lookup(&lm, s, len, len, &line, &col, &lo, &ll);
    ck_assert_uint_eq(line, 3);
    ck_assert_uint_eq(col, 5);
    fl__linemap_free(&lm, fl__default_allocator());
}
END_TEST

/* buf_printf formats into the spare room when it fits and grows the buffer
 * when it does not, at every size around the edge: one byte short of room,
 * exactly the room (no space left for the NUL), one byte over. */
START_TEST(buf_printf_fits_and_grows_at_the_edge)
{
    for (size_t before = 55; before < 70; before++) {
        for (int width = 1; width < 20; width++) {
            fl_buf b = FL_BUF_INIT(fl__default_allocator());
            char want[128];
            memset(want, 'a', before);
            ck_assert_int_eq(fl__buf_put(&b, want, before), FL_OK);
            ck_assert_int_eq(fl__buf_printf(&b, "%0*d|%s", width, 7, "end"), FL_OK);
            snprintf(want + before, sizeof want - before, "%0*d|%s", width, 7, "end");
            ck_assert_uint_eq(b.len, strlen(want));
            ck_assert_str_eq(fl__buf_cstr(&b), want);
            ck_assert_int_eq(fl__buf_printf(&b, "%s", ""), FL_OK);
            ck_assert_str_eq(fl__buf_cstr(&b), want);
            fl__buf_free(&b);
        }
    }
}
END_TEST

/* fl__buf_put appends inline while the bytes and their NUL fit, and grows
 * otherwise: pieces that end just before, at and past the edge of the room
 * are all kept, NUL-terminated. */
START_TEST(buf_put_fits_and_grows_at_the_edge)
{
    for (size_t before = 0; before < 70; before++) {
        for (size_t piece = 0; piece < 12; piece++) {
            fl_buf b = FL_BUF_INIT(fl__default_allocator());
            char want[128];
            memset(want, 'a', before);
            memset(want + before, 'b', piece);
            want[before + piece] = 'c';
            want[before + piece + 1] = '\0';
            ck_assert_int_eq(fl__buf_put(&b, want, before), FL_OK);
            ck_assert_uint_lt(b.len, b.cap); /* the NUL is inside */
            ck_assert_int_eq(fl__buf_put(&b, want + before, piece), FL_OK);
            ck_assert_uint_lt(b.len, b.cap);
            ck_assert_int_eq(fl__buf_putc(&b, 'c'), FL_OK);
            ck_assert_uint_lt(b.len, b.cap);
            ck_assert_uint_eq(b.len, before + piece + 1);
            ck_assert_str_eq(fl__buf_cstr(&b), want);
            fl__buf_free(&b);
        }
    }
}
END_TEST

/* fl__report_span works a span's end out from its start when both are on
 * one line: it must be what fl_document_position says of the end, for
 * every span of a draft with non-ASCII text, invalid UTF-8 (a stray
 * continuation byte, a lead byte cut short), CRLF and lone CR endings, a
 * BOM, and a line long enough to hold column marks. */
START_TEST(report_span_end_is_the_position_of_the_end)
{
    char text[4096];
    size_t len = 0;
    const char *head = "\xef\xbb\xbf" "ab\xc3\xa9 cd\r\nx\xbf y\xe2\x80 z\rw\xe2\x80\x9cq\xe2\x80\x9d\n";
    memcpy(text, head, strlen(head));
    len = strlen(head);
    for (int i = 0; len < 3000; i++) /* one line of 2,800 bytes: column marks */
        len += (size_t)snprintf(text + len, sizeof text - len, i % 7 ? "word " : "caf\xc3\xa9 ");
    memcpy(text + len, "\nend", 4);
    len += 4;
    fl_document *doc = NULL;
    ck_assert_int_eq(fl_document_new(&doc, NULL, "t.txt", text, len, FL_FORMAT_PLAIN, NULL),
                     FL_OK);
    static const size_t lens[] = {0, 1, 2, 3, 5, 9, 40, 1100};
    for (size_t off = 0; off <= len; off++) {
        for (size_t k = 0; k < sizeof lens / sizeof *lens && off + lens[k] <= len; k++) {
            fl_finding x;
            memset(&x, 0, sizeof x);
            x.off = off;
            x.len = lens[k];
            fl_span_pos got;
            fl_position start, end;
            ck_assert_int_eq(fl__report_span(doc, &x, &got), FL_OK);
            ck_assert_int_eq(fl_document_position(&start, doc, off), FL_OK);
            ck_assert_int_eq(fl_document_position(&end, doc, off + lens[k]), FL_OK);
            ck_assert_uint_eq(got.start.line, start.line);
            ck_assert_uint_eq(got.start.column, start.column);
            ck_assert_uint_eq(got.end.line, end.line);
            ck_assert_uint_eq(got.end.column, end.column);
            ck_assert_uint_eq(got.end.line_offset, end.line_offset);
            ck_assert_uint_eq(got.end.line_length, end.line_length);
        }
    }
    fl_document_free(doc);
}
END_TEST

/* Issue 8, item 7: "\r" alone ends a line, "\r\n" is one ending. */
START_TEST(linemap_ends_lines_at_a_lone_cr)
{
    const char *s = "a\r\nb\rc\r\r";
    size_t len = strlen(s);
    ck_assert_uint_eq(fl__lone_cr(s, len), 4);
    ck_assert_uint_eq(fl__lone_cr("a\r\n", 3), 3);
    fl_linemap lm;
    ck_assert_int_eq(fl__linemap_build(&lm, fl__default_allocator(), s, len), FL_OK);
    ck_assert_uint_eq(lm.count, 5);
    ck_assert_uint_eq(lm.starts[1], 3);
    ck_assert_uint_eq(lm.starts[2], 5);
    ck_assert_uint_eq(lm.starts[3], 7);
    ck_assert_uint_eq(lm.starts[4], 8);
    fl__linemap_free(&lm, fl__default_allocator());
}
END_TEST

/* Builds the line map of `s` with its column marks and checks that every
 * line longer than a stride has a mark and no other line has one, and that
 * lookups give the columns a count from the line's start gives. */
static void check_marks(const char *s, size_t len)
{
    const fl_allocator *a = fl__default_allocator();
    fl_linemap lm;
    ck_assert_int_eq(fl__linemap_build(&lm, a, s, len), FL_OK);
    ck_assert_int_eq(fl__linemap_mark_columns(&lm, a, s, len), FL_OK);
    for (size_t l = 0; l < lm.count; l++) {
        size_t start = l == 0 ? lm.first : lm.starts[l];
        size_t end = l + 1 < lm.count ? lm.starts[l + 1] : len;
        size_t marks = 0;
        for (size_t k = 0; k < lm.nmarks; k++)
            marks += lm.marks[k].off >= start && lm.marks[k].off < end;
        ck_assert_msg((marks > 0) == (end > start && end - start > FL_LINEMAP_STRIDE),
                      "line %zu, bytes %zu to %zu: %zu marks", l, start, end, marks);
        for (size_t off = start; off < end; off += 97) {
            unsigned line, col;
            size_t lo, ll;
            fl__linemap_lookup(&lm, s, len, off, &line, &col, &lo, &ll);
            ck_assert_uint_eq(line, l + 1);
            ck_assert_uint_eq(col, 1 + fl__utf8_count(s + start, off - start));
        }
    }
    fl__linemap_free(&lm, a);
}

/* A line gets column marks when it is longer than FL_LINEMAP_STRIDE bytes,
 * its ending included: the last line too, one after a byte-order mark, one
 * ended by a lone CR, and one of two-byte characters. */
START_TEST(linemap_marks_every_long_line)
{
    enum { N = 3 * FL_LINEMAP_STRIDE + 16 };
    static char s[N];
    size_t stride = FL_LINEMAP_STRIDE;
    /* one line, no ending: a stride and one, and just a stride */
    memset(s, 'a', stride + 1);
    check_marks(s, stride + 1);
    check_marks(s, stride);
    /* a short line, then a long last one */
    s[0] = '\n';
    check_marks(s, stride + 2);
    /* after a byte-order mark: the stride with its line feed is one more */
    memcpy(s, "\xEF\xBB\xBF", 3);
    memset(s + 3, 'b', stride);
    s[3 + stride] = '\n';
    memcpy(s + 4 + stride, "c\n", 2);
    check_marks(s, stride + 6);
    check_marks(s + 3, stride + 3); /* without it: a stride exactly */
    /* lone CRs end lines; two-byte characters */
    memset(s, 'd', stride + 5);
    s[stride + 5] = '\r';
    memcpy(s + stride + 6, "e\r\n", 3);
    for (size_t i = stride + 9; i + 1 < N; i += 2)
        memcpy(s + i, "\xc3\xa9", 2);
    check_marks(s, N - 1);
}
END_TEST

/* Issue 8, item 6: a span is widened to whole characters; an invalid byte
 * is a character of its own, so it is never swallowed into a neighbour. */
START_TEST(char_bounds_widen_to_whole_characters)
{
    const char *s = "caf\xc3\xa9 \xe2\x80\x9cx\xa9y";
    size_t len = strlen(s);
    ck_assert_uint_eq(fl__utf8_char_start(s, len, 4), 3); /* inside é */
    ck_assert_uint_eq(fl__utf8_char_start(s, len, 3), 3);
    ck_assert_uint_eq(fl__utf8_char_start(s, len, 8), 6); /* inside “ */
    ck_assert_uint_eq(fl__utf8_char_start(s, len, 11), 11); /* a stray 0xA9 */
    ck_assert_uint_eq(fl__utf8_char_end(s, len, 4), 5);
    ck_assert_uint_eq(fl__utf8_char_end(s, len, 5), 5);
    ck_assert_uint_eq(fl__utf8_char_end(s, len, 7), 9);
    ck_assert_uint_eq(fl__utf8_char_end(s, len, 11), 11);
    ck_assert_uint_eq(fl__utf8_char_end(s, len, 12), 12);
    ck_assert_uint_eq(fl__utf8_char_end(s, len, 0), 0);
    ck_assert_uint_eq(fl__utf8_char_end(s, len, len), len);
}
END_TEST

/* Counting characters and writing JSON strings take plain ASCII bytes in
 * chunks (32 or 8): a special byte at any place in or around a chunk is
 * still counted and escaped as byte by byte. */
START_TEST(ascii_chunks_count_and_escape_like_single_bytes)
{
    static const struct {
        const char *in, *json;
        size_t chars;
    } special[] = {
        {"\"", "\\\"", 1},   {"\\", "\\\\", 1},  {"\n", "\\n", 1},
        {"\x01", "\\u0001", 1}, {"\x1f", "\\u001f", 1}, {" ", " ", 1},
        {"!", "!", 1},         {"#", "#", 1},           {"[", "[", 1},
        {"]", "]", 1},         {"\x7f", "\x7f", 1},     {"\xc3\xa9", "\xc3\xa9", 1},
        {"\xff", "\\ufffd", 1}, {"\xe2\x80\xa8", "\\u2028", 1},
        {"\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80", 1},
    };
    /* longer than one 32-byte step of the ASCII skips */
    const char *plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN";
    for (size_t k = 0; k < sizeof special / sizeof *special; k++) {
        for (size_t at = 0; at <= 40; at++) {
            char in[64], want[64];
            snprintf(in, sizeof in, "%.*s%s%s", (int)at, plain, special[k].in, plain + at);
            snprintf(want, sizeof want, "\"%.*s%s%s\"", (int)at, plain, special[k].json,
                     plain + at);
            ck_assert_uint_eq(fl__utf8_count(in, strlen(in)), 40 + special[k].chars);
            fl_buf out = FL_BUF_INIT(fl__default_allocator());
            ck_assert_int_eq(fl__json_string(&out, in, strlen(in)), FL_OK);
            ck_assert_uint_eq(out.len, strlen(want));
            ck_assert_mem_eq(out.ptr, want, out.len);
            fl__buf_free(&out);
        }
    }
}
END_TEST

/* fl__json_string tests a string's last bytes (under 16, or under 8) in one
 * load that ends where the string ends and overlaps bytes already passed,
 * which may hold an escape just written: strings of every length up to 40,
 * with one special byte, or two, at every place, come out as byte by byte. */
START_TEST(json_string_tails_escape_like_single_bytes)
{
    static const struct {
        const char *in, *json;
    } special[] = {
        {"\"", "\\\""}, {"\x01", "\\u0001"}, {"\xc3\xa9", "\xc3\xa9"}, {"\xff", "\\ufffd"},
    };
    const char *plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN";
    size_t nspecial = sizeof special / sizeof *special;
    for (size_t len = 1; len <= 40; len++) {
        for (size_t k = 0; k < nspecial * nspecial; k++) {
            const char *a = special[k % nspecial].in, *b = special[k / nspecial].in;
            const char *ja = special[k % nspecial].json, *jb = special[k / nspecial].json;
            /* plain bytes but a at p, and b at q unless q is len */
            for (size_t p = 0; p < len; p++) {
                for (size_t q = p + 1; q <= len; q++) {
                    int two = q < len;
                    size_t after = two ? len - q - 1 : 0;
                    char in[128], want[128];
                    snprintf(in, sizeof in, "%.*s%s%.*s%s%.*s", (int)p, plain, a,
                             (int)(q - p - 1), plain + p + 1, two ? b : "", (int)after,
                             plain + q + 1);
                    snprintf(want, sizeof want, "\"%.*s%s%.*s%s%.*s\"", (int)p, plain, ja,
                             (int)(q - p - 1), plain + p + 1, two ? jb : "", (int)after,
                             plain + q + 1);
                    fl_buf out = FL_BUF_INIT(fl__default_allocator());
                    ck_assert_int_eq(fl__json_string(&out, in, strlen(in)), FL_OK);
                    ck_assert_str_eq(out.ptr, want);
                    fl__buf_free(&out);
                }
            }
        }
    }
}
END_TEST

Suite *suite_text(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("utf8");
    tcase_add_test(tc, fold_matches_case_ligature_and_accents);
    tcase_add_test(tc, starts_link_knows_both_schemes_in_any_case_and_stops_at_the_end);
    tcase_add_test(tc, buf_printf_fits_and_grows_at_the_edge);
    tcase_add_test(tc, buf_put_fits_and_grows_at_the_edge);
    tcase_add_test(tc, decode_rejects_overlong_surrogate_and_truncated);
    tcase_add_test(tc, first_invalid_finds_a_bad_byte_at_every_offset);
    tcase_add_test(tc, first_invalid_reports_byte_offset);
    tcase_add_test(tc, entities_decode_named_and_numeric);
    tcase_add_test(tc, entities_cover_the_whole_whatwg_list);
    tcase_add_test(tc, linemap_counts_code_points_and_strips_crlf);
    tcase_add_test(tc, linemap_ends_lines_at_a_lone_cr);
    tcase_add_test(tc, linemap_marks_every_long_line);
    tcase_add_test(tc, report_span_end_is_the_position_of_the_end);
    tcase_add_test(tc, char_bounds_widen_to_whole_characters);
    tcase_add_test(tc, ascii_chunks_count_and_escape_like_single_bytes);
    tcase_add_test(tc, json_string_tails_escape_like_single_bytes);
    suite_add_tcase(s, tc);
    return s;
}

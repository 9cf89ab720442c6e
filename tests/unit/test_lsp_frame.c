/*
 * lsp_frame: the language server's message framing — bodies whatever the
 * input's pieces, other headers ignored, and every malformed frame reported
 * once with the stream picked up again at the next frame.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp_frame.h"

typedef struct got {
    int bodies, bad;
    char last[256];
    char why[160];
} got;

/* Feeds `s` in pieces of `step` bytes, collecting what comes out. */
static got feed(lsp_reader *r, const char *s, size_t len, size_t step)
{
    got g;
    memset(&g, 0, sizeof g);
    for (size_t at = 0; at < len; at += step) {
        size_t n = len - at < step ? len - at : step;
        ck_assert_int_eq(lsp_reader_feed(r, s + at, n), 0);
        for (;;) {
            const char *body = NULL;
            size_t blen = 0;
            char why[160];
            lsp_frame_status st = lsp_reader_next(r, &body, &blen, why, sizeof why);
            if (st == LSP_FRAME_NONE)
                break;
            if (st == LSP_FRAME_BODY) {
                g.bodies++;
                snprintf(g.last, sizeof g.last, "%.*s", (int)blen, body);
            } else {
                g.bad++;
                strcpy(g.why, why);
            }
        }
    }
    return g;
}

#define FEED(r, lit, step) feed(r, lit, sizeof lit - 1, step)

START_TEST(a_frame_arrives_in_pieces_of_any_size)
{
    static const char in[] = "Content-Length: 7\r\n\r\n{\"a\":1}";
    for (size_t step = 1; step <= sizeof in; step++) {
        lsp_reader r = LSP_READER_INIT;
        got g = FEED(&r, in, step);
        ck_assert_int_eq(g.bodies, 1);
        ck_assert_int_eq(g.bad, 0);
        ck_assert_str_eq(g.last, "{\"a\":1}");
        ck_assert_int_eq(lsp_reader_partial(&r), 0);
        lsp_reader_free(&r);
    }
}
END_TEST

START_TEST(two_frames_in_one_read_and_other_headers)
{
    static const char in[] = "content-length:2\r\nContent-Type: application/vscode-jsonrpc; "
                             "charset=utf-8\r\n\r\n{}Content-Length: 3\n\n[1]";
    lsp_reader r = LSP_READER_INIT;
    got g = FEED(&r, in, sizeof in);
    ck_assert_int_eq(g.bodies, 2);
    ck_assert_str_eq(g.last, "[1]");
    lsp_reader_free(&r);
}
END_TEST

/* A bad header costs that frame only: the next one is read. */
static void assert_bad_then_good(const char *bad, const char *why)
{
    char in[512];
    snprintf(in, sizeof in, "%sContent-Length: 2\r\n\r\n{}", bad);
    lsp_reader r = LSP_READER_INIT;
    got g = feed(&r, in, strlen(in), 3);
    ck_assert_int_eq(g.bad, 1);
    ck_assert_str_eq(g.why, why);
    ck_assert_int_eq(g.bodies, 1);
    ck_assert_str_eq(g.last, "{}");
    lsp_reader_free(&r);
}

START_TEST(malformed_headers_are_reported_and_skipped)
{
    assert_bad_then_good("Content-Length 5\r\n\r\nhello", "bad header line: expected 'Name: value'");
    assert_bad_then_good("Content-Type: x\r\n\r\n{}", "no Content-Length header");
    assert_bad_then_good("Content-Length: five\r\n\r\nhello", "bad Content-Length: expected a byte count");
    assert_bad_then_good("Content-Length: -5\r\n\r\n", "bad Content-Length: expected a byte count");
    assert_bad_then_good("Content-Length: 99999999999999999999999\r\n\r\n",
                         "bad Content-Length: expected a byte count");
    assert_bad_then_good("Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
                         "two different Content-Length headers");
}
END_TEST

START_TEST(an_endless_header_is_refused)
{
    lsp_reader r = LSP_READER_INIT;
    char *in = malloc(LSP_MAX_HEADER_BYTES + 100);
    memset(in, 'x', LSP_MAX_HEADER_BYTES + 100);
    memcpy(in, "X-Long: ", 8);
    got g = feed(&r, in, LSP_MAX_HEADER_BYTES + 100, 4096);
    ck_assert_int_eq(g.bad, 1);
    ck_assert_str_eq(g.why, "header block longer than 8192 bytes");
    g = FEED(&r, "Content-Length: 2\r\n\r\n{}", 5);
    ck_assert_int_eq(g.bodies, 1);
    free(in);
    lsp_reader_free(&r);
}
END_TEST

START_TEST(an_oversized_message_is_skipped_unread)
{
    lsp_reader r = LSP_READER_INIT;
    char head[64];
    snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", LSP_MAX_MESSAGE_BYTES + 1);
    got g = feed(&r, head, strlen(head), 64);
    ck_assert_int_eq(g.bad, 1);
    ck_assert_ptr_nonnull(strstr(g.why, "over the limit"));
    size_t chunk = 1 << 20;
    char *zeros = calloc(1, chunk);
    for (size_t left = LSP_MAX_MESSAGE_BYTES + 1; left;) {
        size_t n = left < chunk ? left : chunk;
        g = feed(&r, zeros, n, n);
        ck_assert_int_eq(g.bodies + g.bad, 0);
        left -= n;
    }
    ck_assert_uint_lt(r.cap, chunk * 4); /* dropped, not kept */
    g = FEED(&r, "Content-Length: 2\r\n\r\n{}", 7);
    ck_assert_int_eq(g.bodies, 1);
    free(zeros);
    lsp_reader_free(&r);
}
END_TEST

START_TEST(a_message_cut_short_is_partial)
{
    lsp_reader r = LSP_READER_INIT;
    got g = FEED(&r, "Content-Length: 10\r\n\r\n{\"a\"", 4);
    ck_assert_int_eq(g.bodies + g.bad, 0);
    ck_assert_int_ne(lsp_reader_partial(&r), 0);
    lsp_reader_free(&r);
}
END_TEST

Suite *suite_lsp_frame(void)
{
    Suite *s = suite_create("lsp_frame");
    TCase *tc = tcase_create("frames");
    tcase_add_test(tc, a_frame_arrives_in_pieces_of_any_size);
    tcase_add_test(tc, two_frames_in_one_read_and_other_headers);
    tcase_add_test(tc, a_message_cut_short_is_partial);
    suite_add_tcase(s, tc);
    tc = tcase_create("bad frames");
    tcase_add_test(tc, malformed_headers_are_reported_and_skipped);
    tcase_add_test(tc, an_endless_header_is_refused);
    tcase_add_test(tc, an_oversized_message_is_skipped_unread);
    suite_add_tcase(s, tc);
    return s;
}

/*
 * fuzz_lsp: feeds bytes to the language server as its stdin would — the
 * framing, JSON-RPC checks, document sync, and after each message the
 * worker's jobs (lints, diagnostics, code actions, hovers), run in this
 * thread (a server without a worker). Checks that everything the server
 * writes is a sequence of well-formed frames, each holding one JSON object
 * with valid UTF-8, and nothing else.
 *
 * Input: byte 0 picks the size of the pieces the rest arrives in
 * (1 + byte % 64), so headers and bodies are cut everywhere; the rest is
 * the stream of frames.
 */
#include <string.h>

#include "fuzz.h"
#include "lsp_buf.h"
#include "lsp_frame.h"
#include "lsp_server.h"

/* The server's output, read back with its own reader. */
static void check_output(const lsp_buf *out)
{
    lsp_reader r = LSP_READER_INIT;
    fuzz_check(lsp_reader_feed(&r, out->data, out->len) == 0);
    for (;;) {
        const char *body = NULL;
        size_t len = 0;
        char why[160];
        lsp_frame_status st = lsp_reader_next(&r, &body, &len, why, sizeof why);
        fuzz_check(st != LSP_FRAME_BAD);
        if (st == LSP_FRAME_NONE)
            break;
        fuzz_check(len > 0 && body[0] == '{' && fuzz_json_valid(body, len));
    }
    fuzz_check(!lsp_reader_partial(&r));
    lsp_reader_free(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t step = 1 + data[0] % 64;
    lsp_buf out = LSP_BUF_INIT;
    lsp_server *s = lsp_server_new((fl_sink){lsp_buf_sink, &out}, 0);
    fuzz_check(s != NULL);
    lsp_reader r = LSP_READER_INIT;
    int done = 0;
    for (size_t at = 1; at < size && !done; at += step) {
        size_t n = size - at < step ? size - at : step;
        fuzz_check(lsp_reader_feed(&r, (const char *)data + at, n) == 0);
        done = lsp_server_read(s, &r);
    }
    lsp_server_free(s);
    lsp_reader_free(&r);
    check_output(&out);
    lsp_buf_free(&out);
    return 0;
}

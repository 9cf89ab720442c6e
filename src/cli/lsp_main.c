/*
 * lsp_main: the language server's process — options, the read loop on
 * stdin, and writes to stdout. Protocol and linting live in lsp_server.c and
 * lsp_work.c; this file only moves bytes.
 */
#include "lsp_main.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "lsp_frame.h"
#include "lsp_server.h"

static const char usage_text[] =
    "usage: framelint lsp [--stdio]\n"
    "\n"
    "Runs framelint as a Language Server Protocol server on stdin and stdout,\n"
    "for editors: findings as diagnostics while you type, rewrites as quick\n"
    "fixes, rule explanations on hover. docs/integrations.md has the editor\n"
    "settings. --stdio is accepted (and changes nothing) for clients that\n"
    "pass it.\n";

/* Every byte, through short writes and signals. */
static int write_fd(void *payload, const char *data, size_t len)
{
    int fd = *(const int *)payload;
    while (len) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return FL_EIO;
        data += n;
        len -= (size_t)n;
    }
    return FL_OK;
}

static int parse_args(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--stdio"))
            continue;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            return fputs(usage_text, stdout) == EOF || fflush(stdout) == EOF ? EXIT_TROUBLE
                                                                               : EXIT_CLEAN;
        }
        char msg[300];
        snprintf(msg, sizeof msg, "lsp: unknown argument '%.200s' (the server talks on "
                                  "stdin and stdout)", argv[i]);
        return cli_usage_error(msg);
    }
    return -1;
}

static int serve(lsp_server *s)
{
    lsp_reader reader = LSP_READER_INIT;
    char chunk[65536];
    int code = 1;
    while (!lsp_server_done(s, &code)) {
        ssize_t n = read(STDIN_FILENO, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n < 0)
                fprintf(stderr, "framelint lsp: reading stdin: %s\n", strerror(errno));
            else if (lsp_reader_partial(&reader))
                fprintf(stderr, "framelint lsp: stdin ended inside a message\n");
            break;
        }
        if (lsp_reader_feed(&reader, chunk, (size_t)n) < 0) {
            fprintf(stderr, "framelint lsp: out of memory reading a message\n");
            break;
        }
        lsp_server_read(s, &reader);
    }
    lsp_reader_free(&reader);
    lsp_server_done(s, &code);
    return code;
}

int cli_lsp_main(int argc, char **argv)
{
    int code = parse_args(argc, argv);
    if (code >= 0)
        return code;
    /* A client that goes away must make writes fail, not kill the server
     * before it can tidy up. */
    signal(SIGPIPE, SIG_IGN);
    int fd = STDOUT_FILENO;
    lsp_server *s = lsp_server_new((fl_sink){write_fd, &fd}, 1);
    if (!s) {
        fprintf(stderr, "framelint lsp: cannot start (out of memory, or no thread)\n");
        return EXIT_TROUBLE;
    }
    code = serve(s);
    lsp_server_free(s);
    return code;
}

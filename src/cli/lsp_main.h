/*
 * lsp_main: `framelint lsp [--stdio]`, the language server on stdin and
 * stdout (lsp_server.h describes the server itself).
 */
#ifndef FL_LSP_MAIN_H
#define FL_LSP_MAIN_H

/**
 * Runs the server until the client sends `exit` or closes stdin. argv[0]
 * is "lsp". Returns the exit status: 0 after shutdown then exit, 1 for an
 * exit without shutdown or a lost client, 2 for a usage error.
 */
int cli_lsp_main(int argc, char **argv);

#endif

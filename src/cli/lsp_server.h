/*
 * lsp_server: `framelint lsp`, a Language Server Protocol 3.17 server. This
 * header is the server's manual: how messages flow, which thread owns what,
 * and the functions its modules share.
 *
 * Two threads. The reading thread (lsp_main.c) takes framed messages from
 * stdin and hands each body to lsp_server_handle, which answers lifecycle
 * requests itself, applies document changes, and queues everything that
 * needs findings (hover, code actions, pulled diagnostics) as jobs. The
 * worker (lsp_work.c) runs the jobs and lints documents whose debounce time
 * has come, then publishes their diagnostics. So a 10 MB document being
 * linted never stops the next message from being read, a change made while
 * a lint runs just schedules another, and $/cancelRequest can still reach a
 * request that waits.
 *
 * Without a thread (threads = 0, for tests and the fuzzer), nothing is
 * linted until lsp_server_work runs every job and every changed document,
 * ignoring the debounce, in the calling thread.
 *
 * Ownership: `lock` guards the documents, the job queue and the flags marked
 * below; `out_lock` makes each message one write. Findings and everything
 * built from them belong to the worker alone.
 */
#ifndef FL_LSP_SERVER_H
#define FL_LSP_SERVER_H

#include <jansson.h>
#include <pthread.h>
#include <stdint.h>

#include "framelint/framelint.h"

#include "lsp_frame.h"
#include "lsp_rules.h"
#include "lsp_text.h"

/** An open document, as the client last described it (under `lock`). */
typedef struct lsp_doc {
    char *uri;
    char *path;       /* its file, for a file: URI; else NULL */
    char *name;       /* what fl_document is told: the path, or the URI's last part */
    fl_format format; /* from the languageId, else the name */
    int64_t version;
    unsigned serial;  /* tells one opening of a URI from the next */
    lsp_text text;
    int dirty;        /* changed since its last lint began */
    double due;       /* when the worker should lint it (monotonic seconds) */
    double changed_at;
} lsp_doc;

/** What a job asks of the worker. */
typedef enum lsp_job_kind {
    LSP_JOB_CODE_ACTION,
    LSP_JOB_HOVER,
    LSP_JOB_DIAGNOSTIC, /* textDocument/diagnostic: pull */
    LSP_JOB_CLOSED,     /* forget a closed document's findings */
    LSP_JOB_SHUTDOWN    /* answer shutdown, after the requests before it */
} lsp_job_kind;

typedef struct lsp_job {
    struct lsp_job *next;
    lsp_job_kind kind;
    json_t *id;      /* the request's id; NULL for LSP_JOB_CLOSED */
    json_t *params;  /* the request's params */
    char *uri;       /* NULL for LSP_JOB_SHUTDOWN */
    unsigned serial; /* of the document when the job was queued */
    int64_t version;
} lsp_job;

/** One document's latest lint, owned by the worker. */
typedef struct lsp_result {
    char *uri;
    unsigned serial;
    int64_t version;
    unsigned generation; /* of the rulesets it was linted with */
    fl_document *doc;    /* the text linted */
    fl_findings *f;      /* NULL when `problem` says why not */
    lsp_lines lines;     /* line index of the text linted */
    char *problem;       /* a config or rule-file error, shown as a diagnostic */
    json_t *diagnostics; /* the Diagnostic[] built from all this */
} lsp_result;

typedef struct lsp_server {
    fl_sink out;  /* where framed messages go (stdout) */
    int threaded; /* a worker thread lints; else lsp_server_work does */

    /* What initialize settled; written before any job exists. */
    lsp_encoding encoding;
    int pull;             /* the client pulls diagnostics: never push */
    int markdown;         /* hovers in Markdown */
    int document_changes; /* versioned edits in WorkspaceEdit */
    int watch;            /* register for .framelint.yml changes */
    int refresh;          /* workspace/diagnostic/refresh is understood */
    double debounce;      /* seconds of quiet before linting a typed change */
    char *catalog;        /* file: URI of docs/rules-catalog.md, or NULL */

    /* Lifecycle: the reading thread's own. */
    int initialized, shutting_down, done, exit_code;
    unsigned next_request;

    /* Under `lock`. */
    pthread_mutex_t lock;
    pthread_cond_t wake;
    lsp_doc **docs;
    size_t ndocs;
    unsigned next_serial;
    lsp_job *jobs, *jobs_tail;
    int configs_changed; /* workspace/didChangeWatchedFiles came */
    int trace;           /* $/setTrace: 0 off, 1 messages, 2 verbose */
    int stop;

    /* Under `out_lock`. */
    pthread_mutex_t out_lock;
    int out_failed; /* the client is gone: stop */

    /* The worker's own. */
    lsp_rules *rules;
    unsigned generation; /* bumped whenever the rulesets are dropped */
    lsp_result **results;
    size_t nresults;
    pthread_t worker;
    int worker_running;
} lsp_server;

/* --- lsp_server.c: life and the reading thread's side ----------------------- */

/**
 * Creates a server that writes framed messages to `out`. With `threads`
 * nonzero it starts the worker thread. NULL when out of memory or when the
 * thread cannot start. Free with lsp_server_free.
 */
lsp_server *lsp_server_new(fl_sink out, int threads);

/** Stops the worker (after the lint it is running, if any) and frees
 *  everything. NULL is a no-op. */
void lsp_server_free(lsp_server *s);

/** Handles one message body: any bytes; malformed ones are answered with
 *  JSON-RPC errors. */
void lsp_server_handle(lsp_server *s, const char *body, size_t len);

/**
 * Hands the server every whole message `r` holds, answering frames it could
 * not take apart with -32700 (id null); without a worker thread, runs the
 * jobs after each message. Returns nonzero once the server is done.
 */
int lsp_server_read(lsp_server *s, lsp_reader *r);

/** Nonzero once `exit` came or the client stopped reading; *code then
 *  holds the exit status (0 only after shutdown). */
int lsp_server_done(const lsp_server *s, int *code);

/* --- sending (any thread) ------------------------------------------------------ */

/** Frames and writes `msg` as one write, then releases it. A NULL msg (out
 *  of memory while building it) is dropped. Returns 0, or -1 when writing
 *  failed, after which nothing more is sent. */
int lsp_send(lsp_server *s, json_t *msg);

/** Sends window/logMessage: type 1 error, 2 warning, 3 info, 4 log. */
void lsp_log(lsp_server *s, int type, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/** Monotonic seconds. */
double lsp_now(void);

/* --- lsp_work.c: the worker ------------------------------------------------------ */

/** The worker thread's body: runs until s->stop. */
void *lsp_work_thread(void *server);

/** Without a thread: runs every queued job and lints every changed
 *  document now. */
void lsp_server_work(lsp_server *s);

/** Frees the worker's results (for lsp_server_free, after the thread ends). */
void lsp_work_free(lsp_server *s);

/** Frees a job that was never run. */
void lsp_job_free(lsp_job *job);

#endif

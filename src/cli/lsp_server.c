/*
 * lsp_server: the reading thread's side of the language server — JSON-RPC
 * validation, the lifecycle, and document sync. It never lints: whatever
 * needs findings goes to the worker as a job, so reading never waits.
 */
#include "lsp_server.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lsp_buf.h"
#include "lsp_json.h"
#include "lsp_uri.h"

/* Typing faster than this keeps postponing the lint of a large draft;
 * a pause this long lints it. The first change after a pause is linted at
 * once, so a small draft never waits. */
#define DEFAULT_DEBOUNCE_MS 150
#define MAX_DEBOUNCE_MS 10000

double lsp_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- sending ---------------------------------------------------------------------- */

int lsp_send(lsp_server *s, json_t *msg)
{
    if (!msg)
        return 0;
    lsp_buf body = LSP_BUF_INIT;
    int ok = json_dump_callback(msg, lsp_buf_dump, &body, JSON_COMPACT) == 0;
    json_decref(msg);
    char header[64];
    size_t n = lsp_frame_header(header, sizeof header, body.len);
    pthread_mutex_lock(&s->out_lock);
    if (ok && !s->out_failed &&
        (s->out.write(s->out.payload, header, n) < 0 ||
         s->out.write(s->out.payload, body.data, body.len) < 0))
        s->out_failed = 1;
    int failed = s->out_failed;
    pthread_mutex_unlock(&s->out_lock);
    lsp_buf_free(&body);
    return failed ? -1 : 0;
}

void lsp_log(lsp_server *s, int type, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    lsp_send(s, lsp_message("window/logMessage", NULL,
                            json_pack("{s:i,s:o}", "type", type, "message", lsp_cstring(msg))));
}

static void reply_error(lsp_server *s, const json_t *id, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void reply_error(lsp_server *s, const json_t *id, int code, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    lsp_send(s, lsp_error_response(id, code, msg));
}


/* --- life --------------------------------------------------------------------------- */

lsp_server *lsp_server_new(fl_sink out, int threads)
{
    lsp_server *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->out = out;
    s->encoding = LSP_UTF16;
    s->debounce = threads ? DEFAULT_DEBOUNCE_MS / 1000.0 : 0;
    s->exit_code = 1;
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    int ok = pthread_mutex_init(&s->lock, NULL) == 0;
    ok = ok && pthread_mutex_init(&s->out_lock, NULL) == 0;
    ok = ok && pthread_cond_init(&s->wake, &attr) == 0;
    pthread_condattr_destroy(&attr);
    s->rules = ok ? lsp_rules_new() : NULL;
    s->threaded = threads;
    if (s->rules && threads)
        s->worker_running = pthread_create(&s->worker, NULL, lsp_work_thread, s) == 0;
    if (!s->rules || (threads && !s->worker_running)) {
        lsp_server_free(s);
        return NULL;
    }
    return s;
}

static void doc_free(lsp_doc *d)
{
    if (!d)
        return;
    free(d->uri);
    free(d->path);
    free(d->name);
    lsp_text_free(&d->text);
    free(d);
}

void lsp_server_free(lsp_server *s)
{
    if (!s)
        return;
    if (s->worker_running) {
        pthread_mutex_lock(&s->lock);
        s->stop = 1;
        pthread_cond_signal(&s->wake);
        pthread_mutex_unlock(&s->lock);
        pthread_join(s->worker, NULL);
    }
    lsp_work_free(s);
    while (s->jobs) {
        lsp_job *next = s->jobs->next;
        lsp_job_free(s->jobs);
        s->jobs = next;
    }
    for (size_t i = 0; i < s->ndocs; i++)
        doc_free(s->docs[i]);
    free(s->docs);
    lsp_rules_free(s->rules);
    free(s->catalog);
    pthread_mutex_destroy(&s->lock);
    pthread_mutex_destroy(&s->out_lock);
    pthread_cond_destroy(&s->wake);
    free(s);
}

int lsp_server_done(const lsp_server *s, int *code)
{
    *code = s->exit_code;
    return s->done || s->out_failed;
}

/* --- initialize ------------------------------------------------------------------- */

/* docs/rules-catalog.md, where an install or a build tree beside the source
 * puts it relative to this program; NULL if neither is there. */
static char *find_catalog(void)
{
    static const char *const places[] = {"/../share/doc/framelint/rules-catalog.md",
                                         "/../docs/rules-catalog.md"};
    char exe[4096], path[4200];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = '\0';
    for (size_t i = 0; i < sizeof places / sizeof *places; i++) {
        snprintf(path, sizeof path, "%s%s", exe, places[i]);
        char *real = realpath(path, NULL);
        char *uri = real ? lsp_path_to_uri(real) : NULL;
        free(real);
        if (uri)
            return uri;
    }
    return NULL;
}

static int parse_trace(const char *value)
{
    return value && !strcmp(value, "verbose") ? 2 : value && !strcmp(value, "messages") ? 1 : 0;
}

/* What the client says it can do, and what the server will do about it. */
static void negotiate(lsp_server *s, const json_t *params)
{
    const json_t *caps = lsp_obj(params, "capabilities"), *general = lsp_obj(caps, "general");
    const json_t *td = lsp_obj(caps, "textDocument"), *ws = lsp_obj(caps, "workspace");
    if (lsp_has_string(general, "positionEncodings", "utf-8"))
        s->encoding = LSP_UTF8;
    else if (lsp_has_string(general, "positionEncodings", "utf-32"))
        s->encoding = LSP_UTF32;
    s->pull = lsp_obj(td, "diagnostic") != NULL;
    s->markdown = lsp_has_string(lsp_obj(td, "hover"), "contentFormat", "markdown");
    s->document_changes = lsp_true(lsp_obj(ws, "workspaceEdit"), "documentChanges");
    s->watch = lsp_true(lsp_obj(ws, "didChangeWatchedFiles"), "dynamicRegistration");
    s->refresh = lsp_true(lsp_obj(ws, "diagnostics"), "refreshSupport");
    const json_t *opts = lsp_obj(params, "initializationOptions");
    size_t ms = 0;
    if (lsp_uint(opts, "debounceMs", &ms) == 0)
        s->debounce = (ms < MAX_DEBOUNCE_MS ? (double)ms : MAX_DEBOUNCE_MS) / 1000.0;
    const char *catalog = lsp_str(opts, "ruleCatalog", NULL);
    s->catalog = catalog ? strdup(catalog) : find_catalog();
    s->trace = parse_trace(lsp_str(params, "trace", NULL));
}

static const char *encoding_name(lsp_encoding e)
{
    return e == LSP_UTF8 ? "utf-8" : e == LSP_UTF32 ? "utf-32" : "utf-16";
}

static json_t *capabilities(const lsp_server *s)
{
    json_t *caps = json_pack(
        "{s:s,s:{s:b,s:i,s:{s:b}},s:b,s:{s:[s,s,s]}}", "positionEncoding",
        encoding_name(s->encoding), "textDocumentSync", "openClose", 1, "change", 2, "save",
        "includeText", 0, "hoverProvider", 1, "codeActionProvider", "codeActionKinds",
        "quickfix", "source.fixAll", "source.fixAll.framelint");
    if (s->pull)
        lsp_set(caps, "diagnosticProvider",
                json_pack("{s:s,s:b,s:b}", "identifier", "framelint", "interFileDependencies",
                          0, "workspaceDiagnostics", 0));
    return caps;
}

static void on_initialize(lsp_server *s, const json_t *id, const json_t *params)
{
    if (s->initialized) {
        reply_error(s, id, LSP_INVALID_REQUEST, "initialize was already called");
        return;
    }
    /* Under the lock, as the worker reads what it settles. */
    pthread_mutex_lock(&s->lock);
    negotiate(s, params);
    pthread_mutex_unlock(&s->lock);
    s->initialized = 1;
    lsp_send(s, lsp_response(id, json_pack("{s:o,s:{s:s,s:s}}", "capabilities",
                                            capabilities(s), "serverInfo", "name", "framelint",
                                            "version", FL_VERSION_STRING)));
}

/* Asks to hear about config and rule-file changes. */
static void on_initialized(lsp_server *s, const json_t *params)
{
    (void)params;
    if (!s->watch)
        return;
    char id[32];
    snprintf(id, sizeof id, "framelint-%u", ++s->next_request);
    lsp_send(s, lsp_message(
                    "client/registerCapability", id,
                    json_pack("{s:[{s:s,s:s,s:{s:[{s:s},{s:s}]}}]}", "registrations", "id",
                              "framelint-config", "method", "workspace/didChangeWatchedFiles",
                              "registerOptions", "watchers", "globPattern",
                              "**/.framelint.yml", "globPattern", "**/*.{yml,yaml}")));
}


static void on_exit_message(lsp_server *s, const json_t *params)
{
    (void)params;
    s->done = 1;
    s->exit_code = s->shutting_down ? 0 : 1;
}

static void on_set_trace(lsp_server *s, const json_t *params)
{
    pthread_mutex_lock(&s->lock);
    s->trace = parse_trace(lsp_str(params, "value", NULL));
    pthread_mutex_unlock(&s->lock);
}

/* Drops a queued request and answers it as cancelled; one already being
 * answered is left to finish. */
static void on_cancel(lsp_server *s, const json_t *params)
{
    const json_t *id = json_is_object(params) ? json_object_get(params, "id") : NULL;
    lsp_job *found = NULL;
    pthread_mutex_lock(&s->lock);
    for (lsp_job **p = &s->jobs, *prev = NULL; id && *p; prev = *p, p = &(*p)->next) {
        if ((*p)->id && json_equal((*p)->id, id)) {
            found = *p;
            *p = found->next;
            if (s->jobs_tail == found)
                s->jobs_tail = prev;
            break;
        }
    }
    pthread_mutex_unlock(&s->lock);
    if (found)
        reply_error(s, found->id, LSP_REQUEST_CANCELLED, "request cancelled");
    lsp_job_free(found);
}

/* --- documents ------------------------------------------------------------------- */

static lsp_doc *find_doc(lsp_server *s, const char *uri, size_t *index)
{
    for (size_t i = 0; i < s->ndocs; i++) {
        if (!strcmp(s->docs[i]->uri, uri)) {
            if (index)
                *index = i;
            return s->docs[i];
        }
    }
    return NULL;
}

/* The languageId decides; a client that names another language (or none
 * it knows) leaves it to the file name, as the command line does. */
static fl_format format_for(const char *language_id, const char *name)
{
    if (!strcmp(language_id, "markdown"))
        return FL_FORMAT_MARKDOWN;
    if (!strcmp(language_id, "html"))
        return FL_FORMAT_HTML;
    if (!strcmp(language_id, "plaintext") || !strcmp(language_id, "text"))
        return FL_FORMAT_PLAIN;
    return fl_format_from_path(name);
}

/* Marks a document for linting: at once after a pause in typing, else once
 * the typing stops for s->debounce. Called under `lock`. */
static void schedule(lsp_server *s, lsp_doc *d, int now_please)
{
    double now = lsp_now();
    int typing = now - d->changed_at < s->debounce;
    d->due = now_please || !typing ? now : now + s->debounce;
    d->changed_at = now;
    d->dirty = 1;
    pthread_cond_signal(&s->wake);
}

static lsp_doc *new_doc(const char *uri, const char *language_id, const char *text, size_t len)
{
    lsp_doc *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->uri = strdup(uri);
    d->path = lsp_uri_to_path(uri);
    d->name = d->path ? strdup(d->path) : lsp_uri_name(uri);
    if (!d->uri || !d->name || lsp_text_set(&d->text, text, len) < 0) {
        doc_free(d);
        return NULL;
    }
    d->format = format_for(language_id, d->name);
    return d;
}

static void on_did_open(lsp_server *s, const json_t *params)
{
    const json_t *td = lsp_obj(params, "textDocument");
    const char *uri = lsp_str(td, "uri", NULL), *lang = lsp_str(td, "languageId", NULL);
    size_t len = 0;
    const char *text = lsp_str(td, "text", &len);
    json_t *version = td ? json_object_get(td, "version") : NULL;
    if (!uri || !lang || !text || !json_is_integer(version)) {
        lsp_log(s, 1, "textDocument/didOpen: params.textDocument needs uri, languageId, "
                      "version (an integer) and text");
        return;
    }
    lsp_doc *d = new_doc(uri, lang, text, len);
    pthread_mutex_lock(&s->lock);
    size_t at = 0;
    lsp_doc *old = find_doc(s, uri, &at);
    lsp_doc **grown = old || !d ? s->docs : realloc(s->docs, (s->ndocs + 1) * sizeof *grown);
    if (d && grown) {
        s->docs = grown;
        if (old)
            doc_free(old); /* opened twice: the client's latest word wins */
        else
            at = s->ndocs++;
        s->docs[at] = d;
        d->version = json_integer_value(version);
        d->serial = ++s->next_serial;
        schedule(s, d, 1);
    }
    pthread_mutex_unlock(&s->lock);
    if (!d || !grown) {
        doc_free(d);
        lsp_log(s, 1, "textDocument/didOpen: out of memory opening %s", uri);
    }
}

/* Applies one TextDocumentContentChangeEvent; 0, or -1 with `why`. */
static int apply_change(lsp_server *s, lsp_doc *d, const json_t *change, const char **why)
{
    size_t len = 0;
    const char *text = lsp_str(change, "text", &len);
    json_t *range = json_is_object(change) ? json_object_get(change, "range") : NULL;
    lsp_position a, b;
    *why = "a change needs text (a string)";
    if (!text)
        return -1;
    *why = "out of memory";
    if (!range)
        return lsp_text_set(&d->text, text, len);
    *why = "a change's range needs start and end positions of non-negative integers";
    if (lsp_read_range(range, &a, &b) < 0)
        return -1;
    lsp_text *t = &d->text;
    size_t off = lsp_lines_offset(&t->lines, t->data, t->len, a, s->encoding);
    size_t end = lsp_lines_offset(&t->lines, t->data, t->len, b, s->encoding);
    *why = "a change's range ends before it starts";
    if (end < off)
        return -1;
    *why = "out of memory";
    return lsp_text_replace(t, off, end, text, len);
}

static void on_did_change(lsp_server *s, const json_t *params)
{
    const json_t *td = lsp_obj(params, "textDocument");
    const char *uri = lsp_str(td, "uri", NULL);
    json_t *changes = json_is_object(params) ? json_object_get(params, "contentChanges") : NULL;
    json_t *version = td ? json_object_get(td, "version") : NULL;
    if (!uri || !json_is_array(changes) || !json_is_integer(version)) {
        lsp_log(s, 1, "textDocument/didChange: params need textDocument.uri, "
                      "textDocument.version (an integer) and contentChanges (an array)");
        return;
    }
    const char *why = NULL;
    pthread_mutex_lock(&s->lock);
    lsp_doc *d = find_doc(s, uri, NULL);
    for (size_t i = 0; d && !why && i < json_array_size(changes); i++) {
        if (apply_change(s, d, json_array_get(changes, i), &why) == 0)
            why = NULL;
    }
    if (d) {
        d->version = json_integer_value(version);
        schedule(s, d, 0);
    }
    pthread_mutex_unlock(&s->lock);
    if (!d)
        lsp_log(s, 1, "textDocument/didChange: unknown document %s (open it with "
                      "textDocument/didOpen first)", uri);
    else if (why)
        lsp_log(s, 1, "textDocument/didChange: %s; later changes in this message were "
                      "not applied", why);
}

/* A save may come with a changed config beside the draft: lint at once. */
static void on_did_save(lsp_server *s, const json_t *params)
{
    const char *uri = lsp_str(lsp_obj(params, "textDocument"), "uri", NULL);
    size_t len = 0;
    const char *text = lsp_str(params, "text", &len);
    pthread_mutex_lock(&s->lock);
    lsp_doc *d = uri ? find_doc(s, uri, NULL) : NULL;
    int failed = d && text && lsp_text_set(&d->text, text, len) < 0;
    if (d)
        schedule(s, d, 1);
    pthread_mutex_unlock(&s->lock);
    if (!d)
        lsp_log(s, 1, "textDocument/didSave: unknown document %s", uri ? uri : "(no uri)");
    else if (failed)
        lsp_log(s, 1, "textDocument/didSave: out of memory");
}

static int enqueue(lsp_server *s, lsp_job *job)
{
    if (!job)
        return -1;
    if (s->jobs_tail)
        s->jobs_tail->next = job;
    else
        s->jobs = job;
    s->jobs_tail = job;
    pthread_cond_signal(&s->wake);
    return 0;
}

/* A job about document `d` (NULL for none). */
static lsp_job *new_job(lsp_job_kind kind, const json_t *id, const json_t *params,
                        const lsp_doc *d)
{
    lsp_job *job = calloc(1, sizeof *job);
    if (!job)
        return NULL;
    job->kind = kind;
    job->id = id ? json_deep_copy(id) : NULL;
    job->params = params ? json_deep_copy(params) : NULL;
    job->uri = d ? strdup(d->uri) : NULL;
    job->serial = d ? d->serial : 0;
    job->version = d ? d->version : 0;
    if ((d && !job->uri) || (id && !job->id) || (params && !job->params)) {
        lsp_job_free(job);
        return NULL;
    }
    return job;
}

static void on_did_close(lsp_server *s, const json_t *params)
{
    const char *uri = lsp_str(lsp_obj(params, "textDocument"), "uri", NULL);
    pthread_mutex_lock(&s->lock);
    size_t at = 0;
    lsp_doc *d = uri ? find_doc(s, uri, &at) : NULL;
    if (d) {
        enqueue(s, new_job(LSP_JOB_CLOSED, NULL, NULL, d));
        s->docs[at] = s->docs[--s->ndocs];
        doc_free(d);
    }
    pthread_mutex_unlock(&s->lock);
    if (!d)
        lsp_log(s, 1, "textDocument/didClose: unknown document %s", uri ? uri : "(no uri)");
}

/* Answered by the worker once the requests before it are, so a client
 * that waits for the answer has every other answer too. Requests after it
 * are refused at once. */
static void on_shutdown(lsp_server *s, const json_t *id, const json_t *params)
{
    (void)params;
    s->shutting_down = 1;
    pthread_mutex_lock(&s->lock);
    int queued = enqueue(s, new_job(LSP_JOB_SHUTDOWN, id, NULL, NULL)) == 0;
    pthread_mutex_unlock(&s->lock);
    if (!queued)
        lsp_send(s, lsp_response(id, NULL));
}

static void on_watched_files(lsp_server *s, const json_t *params)
{
    (void)params;
    pthread_mutex_lock(&s->lock);
    s->configs_changed = 1;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
}

/* --- requests that need findings ----------------------------------------------------- */

/* Checks what the worker will need, so a bad request is answered at once. */
static const char *check_params(lsp_job_kind kind, const json_t *params)
{
    lsp_position a, b;
    if (!lsp_str(lsp_obj(params, "textDocument"), "uri", NULL))
        return "params.textDocument.uri must be a string";
    if (kind == LSP_JOB_HOVER && lsp_read_position(lsp_obj(params, "position"), &a) < 0)
        return "params.position needs line and character (non-negative integers)";
    if (kind == LSP_JOB_CODE_ACTION && lsp_read_range(lsp_obj(params, "range"), &a, &b) < 0)
        return "params.range needs start and end positions (non-negative integers)";
    return NULL;
}

static void queue_request(lsp_server *s, lsp_job_kind kind, const json_t *id,
                          const json_t *params)
{
    const char *bad = check_params(kind, params);
    if (bad) {
        reply_error(s, id, LSP_INVALID_PARAMS, "%s", bad);
        return;
    }
    const char *uri = lsp_str(lsp_obj(params, "textDocument"), "uri", NULL);
    pthread_mutex_lock(&s->lock);
    lsp_doc *d = find_doc(s, uri, NULL);
    int queued = d && enqueue(s, new_job(kind, id, params, d)) == 0;
    pthread_mutex_unlock(&s->lock);
    if (!d)
        reply_error(s, id, LSP_INVALID_PARAMS,
                    "unknown document %s: open it with textDocument/didOpen first", uri);
    else if (!queued)
        reply_error(s, id, LSP_INTERNAL_ERROR, "out of memory");
}

static void on_code_action(lsp_server *s, const json_t *id, const json_t *params)
{
    queue_request(s, LSP_JOB_CODE_ACTION, id, params);
}

static void on_hover(lsp_server *s, const json_t *id, const json_t *params)
{
    queue_request(s, LSP_JOB_HOVER, id, params);
}

static void on_diagnostic(lsp_server *s, const json_t *id, const json_t *params)
{
    queue_request(s, LSP_JOB_DIAGNOSTIC, id, params);
}

/* --- dispatch ------------------------------------------------------------------------ */

typedef void (*request_fn)(lsp_server *, const json_t *id, const json_t *params);
typedef void (*notification_fn)(lsp_server *, const json_t *params);

static const struct {
    const char *method;
    request_fn fn;
} requests[] = {
    {"initialize", on_initialize},
    {"shutdown", on_shutdown},
    {"textDocument/codeAction", on_code_action},
    {"textDocument/hover", on_hover},
    {"textDocument/diagnostic", on_diagnostic},
};

static const struct {
    const char *method;
    notification_fn fn;
} notifications[] = {
    {"initialized", on_initialized},
    {"exit", on_exit_message},
    {"$/cancelRequest", on_cancel},
    {"$/setTrace", on_set_trace},
    {"textDocument/didOpen", on_did_open},
    {"textDocument/didChange", on_did_change},
    {"textDocument/didSave", on_did_save},
    {"textDocument/didClose", on_did_close},
    {"workspace/didChangeWatchedFiles", on_watched_files},
};

static void request(lsp_server *s, const char *method, const json_t *id, const json_t *params)
{
    int is_initialize = !strcmp(method, "initialize");
    if (!s->initialized && !is_initialize) {
        reply_error(s, id, LSP_SERVER_NOT_INITIALIZED, "%s: the server is not initialized yet",
                    method);
        return;
    }
    if (s->shutting_down) {
        reply_error(s, id, LSP_INVALID_REQUEST, "%s: the server is shutting down", method);
        return;
    }
    for (size_t i = 0; i < sizeof requests / sizeof *requests; i++) {
        if (!strcmp(method, requests[i].method)) {
            requests[i].fn(s, id, params);
            return;
        }
    }
    reply_error(s, id, LSP_METHOD_NOT_FOUND, "unknown method '%s'", method);
}

/* Notifications before initialize, after shutdown, or unknown ones are
 * dropped, as the protocol says; only exit always counts. */
static void notification(lsp_server *s, const char *method, const json_t *params)
{
    int is_exit = !strcmp(method, "exit");
    if (!is_exit && (!s->initialized || s->shutting_down))
        return;
    for (size_t i = 0; i < sizeof notifications / sizeof *notifications; i++) {
        if (!strcmp(method, notifications[i].method)) {
            notifications[i].fn(s, params);
            return;
        }
    }
}

/* Why `msg` is not a request, a notification or a response; NULL if it is
 * one of them. */
static const char *invalid(const json_t *msg)
{
    if (json_is_array(msg))
        return "a batch (JSON array): LSP sends one message per frame";
    if (!json_is_object(msg))
        return "a message must be a JSON object";
    const char *version = lsp_str(msg, "jsonrpc", NULL);
    if (!version || strcmp(version, "2.0"))
        return "\"jsonrpc\" must be \"2.0\"";
    json_t *id = json_object_get(msg, "id"), *method = json_object_get(msg, "method");
    json_t *params = json_object_get(msg, "params");
    if (id && !json_is_integer(id) && !json_is_string(id) && !(json_is_null(id) && !method))
        return "\"id\" must be an integer or a string";
    if (method && !json_is_string(method))
        return "\"method\" must be a string";
    if (!method && !(id && (json_object_get(msg, "result") || json_object_get(msg, "error"))))
        return "no \"method\": neither a request, a notification nor a response";
    if (params && !json_is_object(params) && !json_is_array(params))
        return "\"params\" must be an object or an array";
    return NULL;
}

void lsp_server_handle(lsp_server *s, const char *body, size_t len)
{
    json_error_t jerr;
    json_t *msg = json_loadb(body, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
    if (!msg) {
        reply_error(s, NULL, LSP_PARSE_ERROR, "not JSON: %s (line %d, column %d)", jerr.text,
                    jerr.line, jerr.column);
        return;
    }
    const char *why = invalid(msg);
    json_t *id = json_is_object(msg) ? json_object_get(msg, "id") : NULL;
    const char *method = json_is_object(msg) ? lsp_str(msg, "method", NULL) : NULL;
    json_t *params = json_is_object(msg) ? json_object_get(msg, "params") : NULL;
    if (why)
        reply_error(s, json_is_integer(id) || json_is_string(id) ? id : NULL,
                    LSP_INVALID_REQUEST, "invalid message: %s", why);
    else if (method && id)
        request(s, method, id, params);
    else if (method)
        notification(s, method, params);
    /* else a response to one of the server's own requests: nothing to do */
    json_decref(msg);
}

int lsp_server_read(lsp_server *s, lsp_reader *r)
{
    int code;
    while (!lsp_server_done(s, &code)) {
        const char *body = NULL;
        size_t len = 0;
        char why[160];
        lsp_frame_status st = lsp_reader_next(r, &body, &len, why, sizeof why);
        if (st == LSP_FRAME_NONE)
            break;
        if (st == LSP_FRAME_BODY)
            lsp_server_handle(s, body, len);
        else
            reply_error(s, NULL, LSP_PARSE_ERROR, "unreadable message frame: %s", why);
        if (!s->threaded)
            lsp_server_work(s);
    }
    return lsp_server_done(s, &code);
}

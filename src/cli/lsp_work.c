/*
 * lsp_work: the worker — lints documents, keeps each one's latest findings,
 * publishes diagnostics and answers the requests that need findings. It
 * holds `lock` only to read the queue and copy a document's text, never
 * while linting or writing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lsp_actions.h"
#include "lsp_diag.h"
#include "lsp_json.h"
#include "lsp_server.h"

void lsp_job_free(lsp_job *job)
{
    if (!job)
        return;
    json_decref(job->id);
    json_decref(job->params);
    free(job->uri);
    free(job);
}

static void result_free(lsp_result *r)
{
    if (!r)
        return;
    json_decref(r->diagnostics);
    fl_findings_free(r->f);
    fl_document_free(r->doc);
    lsp_lines_free(&r->lines);
    free(r->problem);
    free(r->uri);
    free(r);
}

static void drop_results(lsp_server *s)
{
    for (size_t i = 0; i < s->nresults; i++)
        result_free(s->results[i]);
    free(s->results);
    s->results = NULL;
    s->nresults = 0;
}

void lsp_work_free(lsp_server *s)
{
    drop_results(s);
}

static lsp_result **find_result(lsp_server *s, const char *uri)
{
    for (size_t i = 0; i < s->nresults; i++) {
        if (!strcmp(s->results[i]->uri, uri))
            return &s->results[i];
    }
    return NULL;
}

/* Keeps `r` as its document's latest result; -1 when out of memory (then
 * `r` is freed). */
static int keep_result(lsp_server *s, lsp_result *r)
{
    lsp_result **slot = find_result(s, r->uri);
    if (slot) {
        result_free(*slot);
        *slot = r;
        return 0;
    }
    lsp_result **grown = realloc(s->results, (s->nresults + 1) * sizeof *grown);
    if (!grown) {
        result_free(r);
        return -1;
    }
    s->results = grown;
    s->results[s->nresults++] = r;
    return 0;
}

static void forget_result(lsp_server *s, const char *uri, unsigned serial)
{
    lsp_result **slot = find_result(s, uri);
    if (!slot || (*slot)->serial != serial)
        return;
    result_free(*slot);
    *slot = s->results[--s->nresults];
}

/* --- linting ---------------------------------------------------------------------------- */

/* A document's text and identity, copied under `lock` so it can be linted
 * without it. */
typedef struct snapshot {
    lsp_result *r; /* uri, serial, version, doc and lines filled in */
    char *path;
    int trace;
} snapshot;

static void snapshot_free(snapshot *snap)
{
    result_free(snap->r);
    free(snap->path);
    snap->r = NULL;
    snap->path = NULL;
}

/* Called under `lock`. 0, or -1 when out of memory. */
static int take_snapshot(const lsp_server *s, const lsp_doc *d, snapshot *out)
{
    lsp_result *r = calloc(1, sizeof *r);
    out->r = r;
    out->path = d->path ? strdup(d->path) : NULL;
    out->trace = s->trace;
    if (!r || (d->path && !out->path))
        return -1;
    r->serial = d->serial;
    r->version = d->version;
    r->uri = strdup(d->uri);
    r->lines.starts = malloc(d->text.lines.count * sizeof *r->lines.starts);
    if (!r->uri || !r->lines.starts)
        return -1;
    memcpy(r->lines.starts, d->text.lines.starts, d->text.lines.count * sizeof *r->lines.starts);
    r->lines.count = r->lines.cap = d->text.lines.count;
    fl_error err = FL_ERROR_INIT;
    return fl_document_new(&r->doc, NULL, d->name, d->text.data, d->text.len, d->format, &err);
}

/* Configs changed: drop every result (they borrow the rulesets) and every
 * ruleset, and have each open document linted again, or, when the client
 * pulls, ask it to pull again. `linting` (may be NULL) is being linted
 * already. */
static void rules_changed(lsp_server *s, const lsp_result *linting)
{
    drop_results(s);
    lsp_rules_forget(s->rules);
    s->generation++;
    pthread_mutex_lock(&s->lock);
    double now = lsp_now();
    for (size_t i = 0; i < s->ndocs; i++) {
        lsp_doc *d = s->docs[i];
        if (linting && d->serial == linting->serial && d->version == linting->version)
            continue;
        d->dirty = 1;
        d->due = now;
    }
    pthread_mutex_unlock(&s->lock);
    if (s->pull && s->refresh)
        lsp_send(s, lsp_message("workspace/diagnostic/refresh", "framelint-refresh", NULL));
}

static void trace(lsp_server *s, const snapshot *snap, double took)
{
    if (!snap->trace)
        return;
    const lsp_result *r = snap->r;
    char msg[512];
    snprintf(msg, sizeof msg, "linted %s (version %lld) in %.1f ms: %zu findings", r->uri,
             (long long)r->version, took * 1000, r->f ? fl_findings_count(r->f) : 0);
    json_t *params = json_pack("{s:o}", "message", lsp_cstring(msg));
    if (snap->trace > 1 && r->problem)
        lsp_set(params, "verbose", lsp_cstring(r->problem));
    lsp_send(s, lsp_message("$/logTrace", NULL, params));
}

static void publish(lsp_server *s, const lsp_result *r)
{
    lsp_send(s, lsp_message("textDocument/publishDiagnostics", NULL,
                            json_pack("{s:s,s:I,s:O}", "uri", r->uri, "version",
                                      (json_int_t)r->version, "diagnostics",
                                      r->diagnostics)));
}

/* Lints a snapshot and keeps the result, which it returns (borrowed); NULL
 * when out of memory. Publishes it unless the client pulls. */
static lsp_result *lint(lsp_server *s, snapshot *snap)
{
    double start = lsp_now();
    if (lsp_rules_changed(s->rules, snap->path))
        rules_changed(s, snap->r);
    lsp_result *r = snap->r;
    char problem[600];
    if (lsp_rules_lint(s->rules, snap->path, r->doc, &r->f, problem, sizeof problem) < 0)
        r->problem = strdup(problem);
    r->generation = s->generation;
    r->diagnostics = lsp_diagnostics(s, r);
    if (!r->diagnostics || (!r->f && !r->problem)) {
        lsp_log(s, 1, "out of memory linting %s", r->uri);
        snapshot_free(snap);
        return NULL;
    }
    trace(s, snap, lsp_now() - start);
    snap->r = NULL;
    snapshot_free(snap);
    if (keep_result(s, r) < 0)
        return NULL;
    if (!s->pull)
        publish(s, r);
    return r;
}

/* --- jobs ---------------------------------------------------------------------------- */

/* The result for the document a job is about, linted now if its latest
 * result is older than its text. NULL with an error code and message when
 * there is none to give. */
static lsp_result *current(lsp_server *s, const lsp_job *job, int *code, const char **why)
{
    snapshot snap = {NULL, NULL, 0};
    pthread_mutex_lock(&s->lock);
    lsp_doc *d = NULL;
    for (size_t i = 0; i < s->ndocs && !d; i++)
        d = strcmp(s->docs[i]->uri, job->uri) ? NULL : s->docs[i];
    /* Positions in a hover or code action request name places in the text
     * it was sent for; pulled diagnostics are wanted for the latest. */
    int moved = d && (d->serial != job->serial ||
                      (d->version != job->version && job->kind != LSP_JOB_DIAGNOSTIC));
    lsp_result **have = d ? find_result(s, d->uri) : NULL;
    int fresh = have && (*have)->serial == d->serial && (*have)->version == d->version &&
                (*have)->generation == s->generation;
    int snapped = d && !moved && !fresh ? take_snapshot(s, d, &snap) == 0 : 0;
    if (snapped)
        d->dirty = 0;
    pthread_mutex_unlock(&s->lock);
    *code = !d ? LSP_INVALID_PARAMS : LSP_CONTENT_MODIFIED;
    *why = !d ? "the document was closed" : "the document changed since the request was sent";
    if (!d || moved)
        return NULL;
    if (fresh)
        return *have;
    *code = LSP_INTERNAL_ERROR;
    *why = "out of memory";
    if (!snapped) {
        snapshot_free(&snap);
        return NULL;
    }
    return lint(s, &snap);
}

/* A pulled report: unchanged when the client already has this result. */
static json_t *report(const lsp_server *s, const lsp_result *r, const json_t *params)
{
    char id[96];
    snprintf(id, sizeof id, "%u.%u.%lld", s->generation, r->serial, (long long)r->version);
    const char *previous = lsp_str(params, "previousResultId", NULL);
    if (previous && !strcmp(previous, id))
        return json_pack("{s:s,s:s}", "kind", "unchanged", "resultId", id);
    return json_pack("{s:s,s:s,s:O}", "kind", "full", "resultId", id, "items", r->diagnostics);
}

static void run_job(lsp_server *s, const lsp_job *job)
{
    if (job->kind == LSP_JOB_SHUTDOWN) {
        lsp_send(s, lsp_response(job->id, NULL));
        return;
    }
    if (job->kind == LSP_JOB_CLOSED) {
        forget_result(s, job->uri, job->serial);
        if (!s->pull) /* a closed document's findings leave the editor */
            lsp_send(s, lsp_message("textDocument/publishDiagnostics", NULL,
                                    json_pack("{s:s,s:[]}", "uri", job->uri, "diagnostics")));
        return;
    }
    int code = 0;
    const char *why = NULL;
    lsp_result *r = current(s, job, &code, &why);
    json_t *result = NULL;
    if (r && job->kind == LSP_JOB_HOVER)
        result = lsp_hover(s, r, job->params);
    else if (r && job->kind == LSP_JOB_CODE_ACTION)
        result = lsp_code_actions(s, r, job->params);
    else if (r)
        result = report(s, r, job->params);
    if (r && !result) {
        code = LSP_INTERNAL_ERROR;
        why = "out of memory";
    }
    lsp_send(s, result ? lsp_response(job->id, result) : lsp_error_response(job->id, code, why));
}

/* --- the loop ------------------------------------------------------------------------- */

/* The document to lint next (the one due first), or NULL; *next gets the
 * time the earliest not yet due will be. Called under `lock`. */
static lsp_doc *due_doc(const lsp_server *s, int ignore_debounce, double *next)
{
    double now = lsp_now();
    lsp_doc *best = NULL;
    *next = 0;
    for (size_t i = 0; i < s->ndocs && !s->pull; i++) {
        lsp_doc *d = s->docs[i];
        if (!d->dirty)
            continue;
        if (ignore_debounce || d->due <= now) {
            if (!best || d->due < best->due)
                best = d;
        } else if (*next == 0 || d->due < *next) {
            *next = d->due;
        }
    }
    return best;
}

/* Does one thing: a config change, a job, or a due document. Called and
 * returns under `lock`, which it drops while working. 0 when there was
 * nothing to do; *next as due_doc. */
static int work_one(lsp_server *s, int ignore_debounce, double *next)
{
    *next = 0;
    if (s->configs_changed) {
        s->configs_changed = 0;
        pthread_mutex_unlock(&s->lock);
        rules_changed(s, NULL);
    } else if (s->jobs) {
        lsp_job *job = s->jobs;
        s->jobs = job->next;
        if (!s->jobs)
            s->jobs_tail = NULL;
        pthread_mutex_unlock(&s->lock);
        run_job(s, job);
        lsp_job_free(job);
    } else {
        lsp_doc *d = due_doc(s, ignore_debounce, next);
        if (!d)
            return 0;
        snapshot snap = {NULL, NULL, 0};
        int ok = take_snapshot(s, d, &snap) == 0;
        d->dirty = 0;
        pthread_mutex_unlock(&s->lock);
        if (ok)
            lint(s, &snap);
        else
            lsp_log(s, 1, "out of memory copying a document to lint");
        snapshot_free(&snap);
    }
    pthread_mutex_lock(&s->lock);
    return 1;
}

void *lsp_work_thread(void *server)
{
    lsp_server *s = server;
    pthread_mutex_lock(&s->lock);
    while (!s->stop) {
        double next = 0;
        if (work_one(s, 0, &next))
            continue;
        if (next == 0) {
            pthread_cond_wait(&s->wake, &s->lock);
            continue;
        }
        struct timespec until;
        until.tv_sec = (time_t)next;
        until.tv_nsec = (long)((next - (double)until.tv_sec) * 1e9);
        pthread_cond_timedwait(&s->wake, &s->lock, &until);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

void lsp_server_work(lsp_server *s)
{
    double next = 0;
    pthread_mutex_lock(&s->lock);
    while (work_one(s, 1, &next))
        ;
    pthread_mutex_unlock(&s->lock);
}

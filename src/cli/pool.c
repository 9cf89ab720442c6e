/*
 * pool: runs the command's per-file work on N threads and hands each result
 * back on the calling thread in the order the work was submitted, so that
 * what -j N prints is byte for byte what -j 1 prints. It never prints.
 */
#define _GNU_SOURCE /* sched_getaffinity and CPU_COUNT: the cores we may use */
#include <pthread.h>
#include <sched.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"

struct cli_pool {
    pthread_mutex_t lock;
    pthread_cond_t work_ready; /* workers: a job to start, or quit */
    pthread_cond_t finished;   /* the submitter: a job is done */
    pthread_t *threads;
    unsigned nthreads;         /* asked for */
    unsigned started;          /* running; 0 before the second job */
    void **ring;               /* jobs in flight; job k sits at ring[k % cap] */
    unsigned char *done;       /* whether ring[k % cap]'s work is over */
    size_t cap;
    size_t head, next, tail;   /* oldest not handed back, next to start, next free */
    int quit;
    cli_work_fn work;
    cli_done_fn finish;
    void *payload;
};

unsigned cli_cores(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return (unsigned)CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

static void *worker(void *arg)
{
    cli_pool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->quit && p->next == p->tail)
            pthread_cond_wait(&p->work_ready, &p->lock);
        if (p->next == p->tail)
            break;
        size_t k = p->next++ % p->cap;
        pthread_mutex_unlock(&p->lock);
        p->work(p->ring[k]);
        pthread_mutex_lock(&p->lock);
        p->done[k] = 1;
        pthread_cond_broadcast(&p->finished);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

int cli_pool_new(cli_pool **out, unsigned threads, cli_work_fn work, cli_done_fn finish,
                 void *payload)
{
    cli_pool *p = calloc(1, sizeof *p);
    *out = NULL;
    if (!p)
        return -1;
    p->nthreads = threads > 1 ? threads : 0;
    /* Two jobs per thread: one being linted, one read and waiting, so a
     * thread never idles while the oldest job holds up the line. */
    p->cap = p->nthreads ? 2 * (size_t)p->nthreads : 1;
    p->ring = calloc(p->cap, sizeof *p->ring);
    p->done = calloc(p->cap, 1);
    p->threads = p->nthreads ? calloc(p->nthreads, sizeof *p->threads) : NULL;
    p->work = work;
    p->finish = finish;
    p->payload = payload;
    int ok = p->ring && p->done && (!p->nthreads || p->threads);
    if (ok && p->nthreads) {
        ok = pthread_mutex_init(&p->lock, NULL) == 0;
        ok = ok && pthread_cond_init(&p->work_ready, NULL) == 0;
        ok = ok && pthread_cond_init(&p->finished, NULL) == 0;
    }
    if (!ok) {
        free(p->ring);
        free(p->done);
        free(p->threads);
        free(p);
        return -1;
    }
    *out = p;
    return 0;
}

/* glibc gives each thread a heap of its own and hands the freed top of it
 * back to the kernel (madvise) after most drafts; in a process with threads
 * each such call makes the kernel interrupt the other cores to flush their
 * TLBs. On the shared 100 MB corpus with -j 2 that was 448 calls and about
 * half the system time. Kept instead, the pages serve the next draft: a
 * run's memory is what its largest draft needs, as it already is with one
 * thread. Allocations of 32 MiB or more are still mapped and unmapped, and
 * trimming still happens beyond 64 MiB of free memory. Settings of the C
 * library for this process: only the command makes them, never the
 * library. */
static void keep_freed_memory(void)
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

/* Threads start with the second job: a run over one draft, the usual case
 * in an editor or a hook, pays nothing for them. If none can be started,
 * the work is done here instead, as -j 1 does it. */
static void start_threads(cli_pool *p)
{
    if (!p->started && p->nthreads)
        keep_freed_memory();
    while (p->started < p->nthreads &&
           pthread_create(&p->threads[p->started], NULL, worker, p) == 0)
        p->started++;
}

/* Runs on this thread the jobs no worker will take: those submitted while
 * no thread could be started. */
static void work_here(cli_pool *p)
{
    while (p->next != p->tail) {
        size_t k = p->next++ % p->cap;
        p->work(p->ring[k]);
        p->done[k] = 1;
    }
}

/* Hands back the oldest job once its work is over: always the oldest, so
 * jobs come back in the order they went in, whichever thread ends first. */
static int hand_back(cli_pool *p)
{
    size_t k = p->head % p->cap;
    if (p->started) {
        pthread_mutex_lock(&p->lock);
        while (!p->done[k])
            pthread_cond_wait(&p->finished, &p->lock);
        pthread_mutex_unlock(&p->lock);
    } else {
        work_here(p);
    }
    void *job = p->ring[k];
    p->done[k] = 0;
    p->head++;
    return p->finish(p->payload, job);
}

int cli_pool_submit(cli_pool *p, void *job)
{
    if (!p->nthreads) {
        p->work(job);
        return p->finish(p->payload, job);
    }
    int rc = 0;
    while (p->tail - p->head == p->cap && rc >= 0)
        rc = hand_back(p);
    if (rc < 0) {
        /* Nothing after a stop is reported; the job still goes through
         * finish, which frees it. */
        p->finish(p->payload, job);
        return rc;
    }
    if (p->started)
        pthread_mutex_lock(&p->lock);
    p->ring[p->tail % p->cap] = job;
    p->tail++;
    if (p->started) {
        pthread_cond_signal(&p->work_ready);
        pthread_mutex_unlock(&p->lock);
    } else if (p->tail - p->head > 1) {
        start_threads(p);
    }
    return 0;
}

int cli_pool_drain(cli_pool *p)
{
    int rc = 0;
    while (p->head != p->tail) {
        int r = hand_back(p);
        rc = rc < 0 ? rc : r;
    }
    return rc;
}

void cli_pool_free(cli_pool *p)
{
    if (!p)
        return;
    cli_pool_drain(p);
    if (p->nthreads) {
        pthread_mutex_lock(&p->lock);
        p->quit = 1;
        pthread_cond_broadcast(&p->work_ready);
        pthread_mutex_unlock(&p->lock);
        for (unsigned i = 0; i < p->started; i++)
            pthread_join(p->threads[i], NULL);
        pthread_cond_destroy(&p->finished);
        pthread_cond_destroy(&p->work_ready);
        pthread_mutex_destroy(&p->lock);
    }
    free(p->ring);
    free(p->done);
    free(p->threads);
    free(p);
}

/*
 * timeit: runs a command several times and prints how long it took and how much memory it
 * held, for bench/run (hyperfine is not installed, and perf stat reports means, not medians).
 *
 *   timeit RUNS WARMUP CMD [ARG...]
 *
 * Prints one line: median wall ms, best wall ms, best CPU ms (user + system), peak RSS KB.
 * The command's stdout goes to /dev/null; its stderr is left alone. Exit status 0 or 1 is
 * success (1 is framelint's "findings"); anything else stops timeit with status 2.
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#define MAX_RUNS 1000u

extern char **environ;

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
    struct rusage u;
    getrusage(RUSAGE_CHILDREN, &u);
    return (double)(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 +
           (double)(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

/* Runs the command once; returns 0 and its wall and CPU time, or -1 after saying why. */
static int run_once(char **cmd, double *wall_out, double *cpu_out)
{
    posix_spawn_file_actions_t fa;
    pid_t pid;
    int status, error;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    double cpu0 = cpu_ms(), t0 = now_ms();
    error = posix_spawnp(&pid, cmd[0], &fa, NULL, cmd, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (error != 0) {
        fprintf(stderr, "timeit: cannot run %s\n", cmd[0]);
        return -1;
    }
    if (waitpid(pid, &status, 0) < 0) {
        perror("timeit: waitpid");
        return -1;
    }
    *wall_out = now_ms() - t0;
    *cpu_out = cpu_ms() - cpu0;
    if (WIFEXITED(status) && WEXITSTATUS(status) <= 1)
        return 0;
    if (WIFEXITED(status))
        fprintf(stderr, "timeit: %s exited with status %d\n", cmd[0], WEXITSTATUS(status));
    else
        fprintf(stderr, "timeit: %s was killed by signal %d\n", cmd[0], WTERMSIG(status));
    return -1;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static long parse_count(const char *s, long min, const char *what)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < min || v > (long)MAX_RUNS) {
        fprintf(stderr, "timeit: %s must be from %ld to %u, not '%s'\n", what, min, MAX_RUNS, s);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    static double wall[MAX_RUNS];
    double cpu, best_cpu = 0, ignored;
    if (argc < 4) {
        fputs("usage: timeit RUNS WARMUP CMD [ARG...]\n", stderr);
        return 2;
    }
    long runs = parse_count(argv[1], 1, "RUNS"), warmup = parse_count(argv[2], 0, "WARMUP");
    /* Warm-up runs fill the page cache, so the timed runs measure the linter, not the disk. */
    for (long i = 0; i < warmup; i++)
        if (run_once(argv + 3, &ignored, &cpu) < 0)
            return 2;
    for (long i = 0; i < runs; i++) {
        if (run_once(argv + 3, &wall[i], &cpu) < 0)
            return 2;
        if (i == 0 || cpu < best_cpu)
            best_cpu = cpu;
    }
    qsort(wall, (size_t)runs, sizeof wall[0], by_value);
    double median = runs % 2 ? wall[runs / 2] : (wall[runs / 2 - 1] + wall[runs / 2]) / 2;
    /* ru_maxrss of RUSAGE_CHILDREN is the largest of all runs, in KB on Linux, as GNU time's %M. */
    struct rusage u;
    getrusage(RUSAGE_CHILDREN, &u);
    printf("%.3f %.3f %.3f %ld\n", median, wall[0], best_cpu, u.ru_maxrss);
    return 0;
}

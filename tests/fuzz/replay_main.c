/*
 * replay_main: a standalone driver (libgit2's standalone_driver.c idea) that
 * feeds every file of the folders or files named on the command line to the
 * fuzz target linked with it. Crashes abort the process, so ctest fails.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Reads a whole file into a buffer of exactly its size, so AddressSanitizer
 * catches a target that reads one byte too far. */
static int run_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "%s: cannot open\n", path);
        return -1;
    }
    struct stat st;
    int ok = fstat(fileno(fp), &st) == 0 && st.st_size >= 0;
    size_t len = ok ? (size_t)st.st_size : 0;
    uint8_t *data = ok ? malloc(len ? len : 1) : NULL;
    ok = data && fread(data, 1, len, fp) == len;
    fclose(fp);
    if (ok) {
        fprintf(stderr, "replay %s (%zu bytes)\n", path, len);
        LLVMFuzzerTestOneInput(data, len);
    } else {
        fprintf(stderr, "%s: cannot read\n", path);
    }
    free(data);
    return ok ? 0 : -1;
}

/* Every regular, non-hidden file of `dir`, in name order; returns how many
 * ran, or -1. */
static long run_dir(const char *dir)
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0) {
        fprintf(stderr, "%s: cannot list\n", dir);
        return -1;
    }
    long ran = 0;
    for (int i = 0; i < n; i++) {
        char path[4096];
        struct stat st;
        int fits = snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name) <
                   (int)sizeof path;
        if (names[i]->d_name[0] != '.' && fits && stat(path, &st) == 0 &&
            S_ISREG(st.st_mode))
            ran = (ran >= 0 && run_file(path) == 0) ? ran + 1 : -1;
        free(names[i]);
    }
    free(names);
    return ran;
}

int main(int argc, char **argv)
{
    long total = 0;
    for (int i = 1; i < argc && total >= 0; i++) {
        struct stat st;
        long ran = -1;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            ran = run_dir(argv[i]);
        else if (run_file(argv[i]) == 0)
            ran = 1;
        total = ran < 0 ? -1 : total + ran;
    }
    if (total <= 0) {
        fprintf(stderr, "no seed replayed: give seed folders or files\n");
        return 1;
    }
    printf("%ld passed, 0 failed\n", total);
    return 0;
}

/*
 * replace: how --fix writes. A fix must never leave a half-written draft,
 * a stray temporary file, or clobber an edit made while framelint was
 * reading, so it writes a sibling temporary file and renames it over the
 * original only if the original is still the file that was linted.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#define TEMP_SUFFIX ".framelint-tmp"

static int same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
           a->st_size == b->st_size && a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
           a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

static int still_unchanged(const char *target, const struct stat *before, char *why,
                           size_t why_size)
{
    struct stat now;
    if (stat(target, &now) != 0 || !same_file(&now, before)) {
        snprintf(why, why_size, "changed while it was being linted; not rewritten");
        return 0;
    }
    return 1;
}

/* The signals that end a run by default are held from the moment the
 * temporary file exists until it is renamed or removed: a kill then takes
 * effect with the draft either replaced or untouched, and nothing left
 * behind. Holding them costs nothing global (no handler, no shared state).
 * SIGKILL cannot be held; create_temp clears what it leaves. */
static void hold_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGQUIT);
    sigprocmask(SIG_BLOCK, &set, old);
}

/* ".NAME.framelint-tmp" beside the target: one name per draft, so the next
 * run finds what a killed one left. A name too long for the folder keeps
 * its start and gains a hash of the whole, so that two long names sharing
 * a start still differ. malloc'd; NULL when out of memory. */
static char *temp_name(const char *target)
{
    const char *slash = strrchr(target, '/');
    size_t dir_len = (size_t)(slash - target), base_len = strlen(slash + 1);
    char *dir = strndup(target, dir_len ? dir_len : 1);
    long name_max = dir ? pathconf(dir, _PC_NAME_MAX) : -1;
    free(dir);
    if (name_max < 64)
        name_max = 255;
    size_t room = (size_t)name_max - 1 - (sizeof TEMP_SUFFIX - 1);
    char tag[24] = "";
    if (base_len > room) {
        uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a */
        for (const char *p = slash + 1; *p; p++)
            h = (h ^ (unsigned char)*p) * 0x100000001b3ull;
        snprintf(tag, sizeof tag, "~%016llx", (unsigned long long)h);
        base_len = room - strlen(tag);
    }
    size_t size = dir_len + 2 + base_len + sizeof tag + sizeof TEMP_SUFFIX;
    char *tmp = malloc(size);
    if (tmp)
        snprintf(tmp, size, "%.*s/.%.*s%s%s", (int)dir_len, target, (int)base_len,
                 slash + 1, tag, TEMP_SUFFIX);
    return tmp;
}

/* A temporary file already there is either being written by another run,
 * which holds its lock, or was left by a run that was killed. Removes it in
 * the second case and returns 0; -1 if it is in use or not ours to remove. */
static int remove_if_stale(const char *tmp)
{
    int fd = open(tmp, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? 0 : -1;
    struct stat st;
    int stale = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
                flock(fd, LOCK_EX | LOCK_NB) == 0;
    if (stale && unlink(tmp) != 0 && errno != ENOENT)
        stale = 0;
    close(fd);
    return stale ? 0 : -1;
}

/* Creates the temporary file and locks it for as long as this run writes
 * it. Another run may find and remove it between the two steps, believing
 * it stale; then it has no link left and is created again. */
static int create_temp(const char *tmp, char *why, size_t why_size)
{
    for (int attempt = 0; attempt < 3; attempt++) {
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        struct stat st;
        if (fd >= 0 && flock(fd, LOCK_EX) == 0 && fstat(fd, &st) == 0 && st.st_nlink > 0)
            return fd;
        if (fd >= 0) {
            close(fd);
            continue;
        }
        if (errno != EEXIST) {
            snprintf(why, why_size, "cannot create a temporary file next to it: %s",
                     strerror(errno));
            return -1;
        }
        if (remove_if_stale(tmp) < 0)
            break;
    }
    snprintf(why, why_size, "not rewritten: %s is in use (another framelint --fix "
             "of this file?) or in the way", tmp);
    return -1;
}

/* Writes the new text into the locked temporary file `fd`: the original's
 * owner where we may (root, or already the owner), its mode always, then
 * fsync, so the rename publishes whole data. */
static int fill_temp(int fd, const struct stat *before, const char *data, size_t len,
                     char *why, size_t why_size)
{
    if (fchown(fd, before->st_uid, before->st_gid) != 0)
        (void)!fchown(fd, (uid_t)-1, before->st_gid);
    if (fchmod(fd, before->st_mode & 07777) != 0 || write_all(fd, data, len) != 0 ||
        fsync(fd) != 0) {
        snprintf(why, why_size, "cannot write the fixed text: %s", strerror(errno));
        return -1;
    }
    return 0;
}

int cli_replace_file(const char *path, const struct stat *before, const char *data,
                     size_t len, char *why, size_t why_size)
{
    char *target = realpath(path, NULL);
    char *tmp = target ? temp_name(target) : NULL;
    if (!tmp) {
        snprintf(why, why_size, "%s", target ? "out of memory" : strerror(errno));
        free(target);
        return -1;
    }
    /* Renaming over a file needs only the folder's permission; a file its
     * owner made read-only is a "don't", which --fix respects (root may
     * write anything, so it rewrites such files, as its editors would). */
    if (access(target, W_OK) != 0) {
        snprintf(why, why_size, "cannot write to it (%s); not rewritten", strerror(errno));
        free(tmp);
        free(target);
        return -1;
    }
    sigset_t old;
    hold_signals(&old);
    int fd = -1, ok = still_unchanged(target, before, why, why_size);
    ok = ok && (fd = create_temp(tmp, why, why_size)) >= 0;
    ok = ok && fill_temp(fd, before, data, len, why, why_size) == 0;
    /* Checked again at the last moment: the window is the rename alone. */
    ok = ok && still_unchanged(target, before, why, why_size);
    if (ok && rename(tmp, target) != 0) {
        snprintf(why, why_size, "cannot replace the file: %s", strerror(errno));
        ok = 0;
    }
    if (!ok && fd >= 0)
        unlink(tmp);
    /* Closing drops the lock, so it comes after the name is gone: no other
     * run can take a file still being written for one left behind. fsync
     * has already reported any write error. */
    if (fd >= 0)
        close(fd);
    sigprocmask(SIG_SETMASK, &old, NULL);
    free(tmp);
    free(target);
    return ok ? 0 : -1;
}

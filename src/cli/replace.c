/*
 * replace: how --fix writes. A fix must never leave a half-written draft or
 * clobber an edit made while framelint was reading, so it writes a sibling
 * temporary file and renames it over the original only if the original is
 * still the file that was linted.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

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

int cli_replace_file(const char *path, const struct stat *before, const char *data,
                     size_t len, char *why, size_t why_size)
{
    char *target = realpath(path, NULL);
    if (!target) {
        snprintf(why, why_size, "%s", strerror(errno));
        return -1;
    }
    char *slash = strrchr(target, '/');
    char tmp[4200];
    /* The six X's are mkstemp's template, replaced by a unique suffix: a
     * hidden file beside the target, so the rename stays on one file system. */
    snprintf(tmp, sizeof tmp, "%.*s/.%s.framelint-XXXXXX", (int)(slash - target), target,
             slash + 1);
    int fd = -1, ok = still_unchanged(target, before, why, why_size);
    if (ok && (fd = mkstemp(tmp)) < 0) {
        snprintf(why, why_size, "cannot create a temporary file next to it: %s",
                 strerror(errno));
        ok = 0;
    }
    /* Keep the owner where we may (root, or already the owner); the mode
     * always. */
    if (ok && fchown(fd, before->st_uid, before->st_gid) != 0)
        (void)!fchown(fd, (uid_t)-1, before->st_gid);
    if (ok && (fchmod(fd, before->st_mode & 07777) != 0 || write_all(fd, data, len) != 0 ||
               fsync(fd) != 0)) {
        snprintf(why, why_size, "cannot write the fixed text: %s", strerror(errno));
        ok = 0;
    }
    if (fd >= 0 && close(fd) != 0 && ok) {
        snprintf(why, why_size, "cannot write the fixed text: %s", strerror(errno));
        ok = 0;
    }
    /* Checked again at the last moment: the window is the rename alone. */
    if (ok && still_unchanged(target, before, why, why_size) && rename(tmp, target) == 0) {
        free(target);
        return 0;
    }
    if (ok && !why[0])
        snprintf(why, why_size, "cannot replace the file: %s", strerror(errno));
    if (fd >= 0)
        unlink(tmp);
    free(target);
    return -1;
}

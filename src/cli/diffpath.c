/*
 * diffpath: the file names --diff writes. git apply and patch -p1 both take
 * "a/PATH" and "b/PATH" relative to the folder they run in; "./PATH" (what a
 * walk of "." yields) makes git apply fail with "invalid path", and an
 * absolute path gets no prefix at all. So names are made relative to the
 * current folder and cleaned lexically.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Appends segment s (n bytes) to the clean path in out[0..*len), dropping
 * "." and folding ".." into its parent where there is one. */
static int push(char *out, size_t size, size_t *len, const char *s, size_t n)
{
    if (n == 0 || (n == 1 && s[0] == '.'))
        return 0;
    if (n == 2 && s[0] == '.' && s[1] == '.' && *len) {
        if (*len == 1 && out[0] == '/')
            return 0; /* "/.." is "/" */
        const char *slash = strrchr(out, '/');
        size_t last = slash ? (size_t)(slash - out) + 1 : 0;
        if (strcmp(out + last, "..")) { /* a name to go back over */
            *len = last > 1 ? last - 1 : last;
            out[*len] = '\0';
            return 0;
        }
    }
    int sep = *len && out[*len - 1] != '/';
    if (*len + (size_t)sep + n + 1 > size)
        return -1;
    if (sep)
        out[(*len)++] = '/';
    memcpy(out + *len, s, n);
    *len += n;
    out[*len] = '\0';
    return 0;
}

/* `path` cleaned: segments "." and "" dropped, "NAME/.." folded. An
 * absolute path keeps its leading '/'; an empty result is ".". */
static int clean(const char *path, char *out, size_t size)
{
    size_t len = 0;
    if (size < 2)
        return -1;
    out[0] = '\0';
    if (path[0] == '/')
        out[len++] = '/', out[len] = '\0';
    for (const char *p = path; *p;) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (push(out, size, &len, p, n) < 0)
            return -1;
        p += n + (e != NULL);
    }
    if (!len)
        strcpy(out, ".");
    return 0;
}

/* Copies s to out if it fits. */
static int copy(char *out, size_t size, const char *s)
{
    size_t n = strlen(s);
    if (n >= size)
        return -1;
    memcpy(out, s, n + 1);
    return 0;
}

/* What cli_diff_path writes when it cannot do better: the path as given,
 * or nothing if that does not fit. Returns -1. */
static int as_given(char *out, size_t size, const char *path)
{
    if (copy(out, size, path) < 0 && size)
        out[0] = '\0';
    return -1;
}

/* `abs` (clean, absolute) relative to folder `base`, if it lies under it. */
static const char *under(const char *abs, const char *base)
{
    size_t bl = base ? strlen(base) : 0;
    if (!bl || base[0] != '/')
        return NULL;
    while (bl > 1 && base[bl - 1] == '/')
        bl--;
    if (bl == 1)
        bl = 0; /* "/": every absolute path is under it */
    if (strncmp(abs, base, bl) || abs[bl] != '/' || !abs[bl + 1])
        return NULL;
    return abs + bl + 1;
}

int cli_diff_path(const char *path, char *out, size_t size)
{
    char cleaned[PATH_MAX], cwd[PATH_MAX], joined[2 * PATH_MAX + 2];
    if (clean(path, cleaned, sizeof cleaned) < 0)
        return as_given(out, size, path);
    int outside = !strcmp(cleaned, "..") || !strncmp(cleaned, "../", 3);
    if (cleaned[0] != '/' && !outside)
        return copy(out, size, cleaned) < 0 ? as_given(out, size, path) : 0;
    /* An absolute path, or one that climbs out of the current folder and
     * may come back in ("../drafts/a.md" typed in drafts): made absolute,
     * then relative to the current folder if it lies under it. The folder
     * is tried as the kernel names it and as the shell does ($PWD), since
     * a path typed in a folder reached through a symbolic link starts with
     * the latter. */
    const char *bases[2] = {getcwd(cwd, sizeof cwd), getenv("PWD")};
    if (cleaned[0] != '/') {
        if (!bases[0])
            return as_given(out, size, path);
        snprintf(joined, sizeof joined, "%s/%s", bases[0], cleaned);
        if (clean(joined, cleaned, sizeof cleaned) < 0)
            return as_given(out, size, path);
    }
    for (size_t i = 0; i < 2; i++) {
        const char *rel = under(cleaned, bases[i]);
        if (rel)
            return copy(out, size, rel) < 0 ? as_given(out, size, path) : 0;
    }
    return copy(out, size, cleaned) < 0 ? as_given(out, size, path) : 0;
}

/*
 * walk: turns the command's path arguments into files, reads them, and finds
 * the config that governs each. Folders are walked with an explicit stack
 * (no recursion on the user's tree) and entries are sorted, so output order
 * is the same on every machine.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* Any case, as fl_format_from_path reads extensions. */
static int lintable(const char *name)
{
    static const char *const exts[] = {".md", ".markdown", ".txt", ".html", ".htm",
                                       ".docx", ".docm", ".odt", NULL};
    size_t n = strlen(name);
    for (const char *const *e = exts; *e; e++) {
        size_t k = strlen(*e);
        if (n > k && !strcasecmp(name + n - k, *e))
            return 1;
    }
    return 0;
}

/* Said here, where it happens: the walk's -1 otherwise means "stopped by the
 * callback", which has already said why. */
static int no_memory(void)
{
    cli_no_memory();
    return -1;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct strvec {
    char **items;
    size_t len, cap;
} strvec;

static int strvec_push(strvec *v, char *s)
{
    if (v->len == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        char **items = realloc(v->items, cap * sizeof *items);
        if (!items)
            return -1;
        v->items = items;
        v->cap = cap;
    }
    v->items[v->len++] = s;
    return 0;
}

static char *join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *s = malloc(a + b + 2);
    if (!s)
        return NULL;
    memcpy(s, dir, a);
    size_t at = a;
    if (a && dir[a - 1] != '/')
        s[at++] = '/';
    memcpy(s + at, name, b + 1);
    return s;
}

/* A path that cannot be visited, handed to the walker to say in order. */
static int problem(const cli_walker *w, const char *path, const char *what, int errnum)
{
    char msg[4200];
    snprintf(msg, sizeof msg, "%s: %s%s", path, what, strerror(errnum));
    return w->problem(w->payload, msg);
}

/* Lists a folder's visible entries, sorted. -1 when out of memory (said) or
 * the walker stops. */
static int list_dir(const char *dir, strvec *out, const cli_walker *w)
{
    DIR *d = opendir(dir);
    if (!d)
        return problem(w, dir, "cannot open folder: ", errno);
    struct dirent *e;
    int error = 0;
    while (!error && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *full = join(dir, e->d_name);
        error = !full || strvec_push(out, full) < 0;
        if (error)
            free(full);
    }
    closedir(d);
    if (out->len)
        qsort(out->items, out->len, sizeof *out->items, compare_names);
    return error ? no_memory() : 0;
}

/* Depth-first over folders, files in sorted order: a stack of pending paths
 * pushed in reverse so they pop in order. */
static int walk_dir(const char *root, const cli_walker *w)
{
    strvec stack = {0};
    char *first = strdup(root);
    int error = !first || strvec_push(&stack, first) < 0 ? no_memory() : 0;
    if (error)
        free(first);
    while (!error && stack.len) {
        char *path = stack.items[--stack.len];
        struct stat st;
        if (lstat(path, &st) != 0) {
            error = problem(w, path, "", errno);
        } else if (S_ISDIR(st.st_mode)) {
            strvec kids = {0};
            error = list_dir(path, &kids, w);
            for (size_t i = kids.len; i-- > 0;) {
                if (!error && strvec_push(&stack, kids.items[i]) < 0)
                    error = no_memory();
                if (error)
                    free(kids.items[i]);
            }
            free(kids.items);
        } else if ((S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) && lintable(path)) {
            if (!S_ISLNK(st.st_mode) || (stat(path, &st) == 0 && S_ISREG(st.st_mode)))
                error = w->file(w->payload, path, 0);
        } else if (S_ISREG(st.st_mode)) {
            (*w->skipped)++; /* a PDF, an image: not a draft */
        }
        free(path);
    }
    while (stack.len)
        free(stack.items[--stack.len]);
    free(stack.items);
    return error;
}

int cli_walk(const char *path, const cli_walker *w)
{
    struct stat st;
    if (!strcmp(path, "-"))
        return w->file(w->payload, path, 1);
    if (stat(path, &st) != 0)
        return problem(w, path, "", errno);
    if (S_ISDIR(st.st_mode))
        return walk_dir(path, w);
    return w->file(w->payload, path, 1);
}

/* NUL in the first 8 KiB: the test grep and ripgrep use for "binary". */
int cli_looks_binary(const char *data, size_t len)
{
    return memchr(data, '\0', len < 8192 ? len : 8192) != NULL;
}

/* A device is no draft: /dev/zero or /dev/urandom would be read until the
 * size limit, a gigabyte later. Refused before reading; ttys (typing into
 * `framelint -`), /dev/null (empty) and pipes are read. Returns 1 and
 * fills `why` for a device. */
static int refuse_device(FILE *f, int is_stdin, struct stat *st, char *why, size_t why_size)
{
    struct stat null;
    if (fstat(fileno(f), st) != 0) {
        memset(st, 0, sizeof *st);
        return 0;
    }
    int device = S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode) || S_ISSOCK(st->st_mode);
    if (!device || (is_stdin && isatty(fileno(f))) ||
        (S_ISCHR(st->st_mode) && stat("/dev/null", &null) == 0 && S_ISCHR(null.st_mode) &&
         null.st_rdev == st->st_rdev))
        return 0;
    snprintf(why, why_size, "not a regular file (a device or socket); framelint reads "
             "files, folders and pipes");
    return 1;
}

const char *cli_file_kind(const char *data, size_t len)
{
    static const struct {
        const char *magic;
        size_t len;
        const char *kind;
    } kinds[] = {
        {"%PDF-", 5, "a PDF"},
        {"\x89PNG\r\n\x1a\n", 8, "a PNG image"},
        {"\xff\xd8\xff", 3, "a JPEG image"},
        {"GIF87a", 6, "a GIF image"},
        {"GIF89a", 6, "a GIF image"},
        {"II*\0", 4, "a TIFF image"},
        {"MM\0*", 4, "a TIFF image"},
        {"PK\x03\x04", 4, "a zip archive"},
        {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, "an old Office file (.doc, .xls, .ppt)"},
        {"{\\rtf", 5, "an RTF file"},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        if (len >= kinds[i].len && !memcmp(data, kinds[i].magic, kinds[i].len))
            return kinds[i].kind;
    }
    if (len >= 12 && !memcmp(data, "RIFF", 4) && !memcmp(data + 8, "WEBP", 4))
        return "a WebP image";
    return NULL;
}

static const char too_big[] = "file is larger than 1 GiB, the most framelint reads";

cli_read_status cli_read(const char *path, char **data, size_t *len, struct stat *st,
                         char *why, size_t why_size)
{
    int is_stdin = !strcmp(path, "-");
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    *data = NULL;
    *len = 0;
    if (!f) {
        snprintf(why, why_size, "%s", strerror(errno));
        return CLI_READ_ERROR;
    }
    if (refuse_device(f, is_stdin, st, why, why_size)) {
        if (!is_stdin)
            fclose(f);
        return CLI_READ_ERROR;
    }
    if (is_stdin)
        memset(st, 0, sizeof *st);
    /* The buffer never grows past the limit plus the one byte that shows
     * the input is over it: 1 GiB read, not 2 GiB allocated. */
    const size_t most = FL_MAX_DOCUMENT_BYTES + 1;
    size_t cap = 65536, n = 0, got;
    /* A file is read in one call into a buffer of its size and one byte
     * (which also shows the end), with no stdio buffer in between: stdio's
     * own buffer cost a second fstat and a third read for every draft. The
     * size is only a first guess; a file that grows is read on. */
    if (!is_stdin && S_ISREG(st->st_mode)) {
        /* Over the limit already: said before a byte is read, not after a
         * gigabyte. */
        if (st->st_size >= 0 && (uintmax_t)st->st_size >= most) {
            snprintf(why, why_size, "%s", too_big);
            fclose(f);
            return CLI_READ_ERROR;
        }
        setvbuf(f, NULL, _IONBF, 0);
        if (st->st_size >= 0)
            cap = (size_t)st->st_size + 1;
    }
    char *buf = malloc(cap);
    while (buf && !feof(f) && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == most) {
            snprintf(why, why_size, "%s", too_big);
            free(buf);
            buf = NULL;
            break;
        }
        if (n == cap) {
            size_t next = cap * 2 < most ? cap * 2 : most;
            char *bigger = realloc(buf, next);
            if (!bigger) {
                snprintf(why, why_size, "out of memory");
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap = next;
        }
    }
    int failed = !buf || ferror(f);
    if (buf && ferror(f))
        snprintf(why, why_size, "read error: %s", strerror(errno));
    else if (!buf && !why[0])
        snprintf(why, why_size, "out of memory");
    if (!is_stdin)
        fclose(f);
    if (failed) {
        free(buf);
        return CLI_READ_ERROR;
    }
    /* n < cap here: room for the NUL fl_document_adopt adds. */
    *data = buf;
    *len = n;
    return cli_looks_binary(buf, n) ? CLI_READ_BINARY : CLI_READ_OK;
}

/* Messages read better with "docs/.framelint.yml" than an absolute path. */
static void relative_to_cwd(char *path)
{
    char *cwd = getcwd(NULL, 0);
    size_t n = cwd ? strlen(cwd) : 0;
    if (cwd && n > 1 && !strncmp(path, cwd, n) && path[n] == '/')
        memmove(path, path + n + 1, strlen(path + n + 1) + 1);
    free(cwd);
}

char *cli_config_folder(const char *path)
{
    const char *slash = strcmp(path, "-") ? strrchr(path, '/') : NULL;
    struct stat st;
    if (!slash)
        return strdup(".");
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return strdup(path);
    return slash == path ? strdup("/") : strndup(path, (size_t)(slash - path));
}

int cli_find_config_in(const char *folder, char *out, size_t size)
{
    char *abs = realpath(folder, NULL);
    if (!abs) {
        errno = errno == ENOMEM ? ENOMEM : 0;
        return 0;
    }
    for (;;) {
        int n = snprintf(out, size, "%s%s.framelint.yml", abs, abs[1] ? "/" : "");
        struct stat st;
        if (n >= 0 && (size_t)n < size && stat(out, &st) == 0 && S_ISREG(st.st_mode)) {
            free(abs);
            relative_to_cwd(out);
            return 1;
        }
        char *slash = strrchr(abs, '/');
        if (!slash || slash == abs) {
            if (abs[1] == '\0')
                break;
            abs[1] = '\0';
            continue;
        }
        *slash = '\0';
    }
    free(abs);
    errno = 0;
    return 0;
}

int cli_find_config(const char *path, char *out, size_t size)
{
    char *folder = cli_config_folder(path);
    if (!folder) {
        errno = ENOMEM;
        return 0;
    }
    int found = cli_find_config_in(folder, out, size);
    int saved = errno;
    free(folder);
    errno = saved;
    return found;
}

/* Both sides through realpath, so "./team/a.md", "team/a.md" and a config
 * found as an absolute path above the working folder all agree. */
int cli_relative_path(const char *path, const char *dir, char *out, size_t size)
{
    char folder[4096];
    const char *slash = strrchr(path, '/');
    snprintf(folder, sizeof folder, "%.*s", slash ? (int)(slash - path) + (slash == path) : 1,
             slash ? path : ".");
    /* errno only right after a failure: a success may leave anything in it */
    char *abs_folder = realpath(folder, NULL);
    int no_memory = !abs_folder && errno == ENOMEM;
    char *abs_dir = realpath(dir, NULL);
    no_memory |= !abs_dir && errno == ENOMEM;
    size_t n = abs_dir ? strlen(abs_dir) : 0;
    int below = abs_folder && abs_dir && !strncmp(abs_folder, abs_dir, n) &&
                (abs_folder[n] == '/' || abs_folder[n] == '\0' || abs_dir[n - 1] == '/');
    if (below) {
        const char *rest = abs_folder + n + (abs_folder[n] == '/');
        snprintf(out, size, "%s%s%s", rest, *rest ? "/" : "", slash ? slash + 1 : path);
    }
    free(abs_folder);
    free(abs_dir);
    return no_memory ? -1 : below;
}

/*
 * ruleset_load: where rules come from. The embedded defaults (thawed from
 * the trees frozen at build time), a buffer, a file or a folder of files;
 * each goes through ruleset_yaml into the store (ruleset.c). The data path
 * runs one way: load -> yaml -> store, and compile (match_compile.c) reads
 * the store after.
 */
#include "ruleset.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "rules_embedded.h"
#include "yaml_tree.h"

int fl_ruleset_add_buffer(fl_ruleset *rs, const char *name, const char *data,
                          size_t len, fl_error *err)
{
    int error = fl__ruleset_check_mutable(rs, err);
    if (error < 0)
        return error;
    if (!data && len)
        return fl__error_set(err, FL_EINVAL, name, 0, 0, 0, "no data");
    rs->changed = 1;
    return fl__ruleset_parse(rs, name, data ? data : "", len, err);
}

/* Embedded files are named "rules/<language>/<file>.yml". */
static int in_language(const char *name, const char *language)
{
    size_t n = strlen(language);
    return !strncmp(name, "rules/", 6) && !strncmp(name + 6, language, n) &&
           name[6 + n] == '/';
}

static int add_embedded(fl_ruleset *rs, const char *language, fl_error *err)
{
    if (rs)
        rs->default_calls++;
    for (const fl_embedded_file *f = fl__embedded_rules; f->name; f++) {
        if (language && !in_language(f->name, language))
            continue;
        int error = fl__ruleset_check_mutable(rs, err);
        if (error == 0)
            error = fl__ruleset_thaw(rs, f->name, f->frozen, f->frozen_len, err);
        if (error < 0)
            return error;
    }
    return FL_OK;
}

int fl_ruleset_add_defaults(fl_ruleset *rs, fl_error *err)
{
    return add_embedded(rs, NULL, err);
}

int fl_ruleset_add_default_language(fl_ruleset *rs, const char *language,
                                    fl_error *err)
{
    if (!language || !*language)
        return fl__error_set(err, FL_EINVAL, NULL, 0, 0, 0, "no language given");
    return add_embedded(rs, language, err);
}

static int read_file(const char *path, fl_buf *out, fl_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return fl__error_set(err, FL_EIO, path, 0, 0, 0, "cannot open: %s",
                             strerror(errno));
    int error = 0;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (out->len + n > FL_YAML_MAX_BYTES) {
            error = fl__error_set(err, FL_ELIMIT, path, 0, 0, 0,
                                  "file is larger than 16 MiB (limit FL_YAML_MAX_BYTES)");
            break;
        }
        if ((error = fl__buf_put(out, chunk, n)) < 0) {
            error = fl__error_nomem(err);
            break;
        }
    }
    if (error == 0 && ferror(f))
        error = fl__error_set(err, FL_EIO, path, 0, 0, 0, "read error");
    fclose(f);
    return error;
}

static int add_file(fl_ruleset *rs, const char *path, fl_error *err)
{
    fl_buf data = FL_BUF_INIT(rs->alloc);
    int error = read_file(path, &data, err);
    if (error == 0)
        error = fl_ruleset_add_buffer(rs, path, fl__buf_cstr(&data), data.len, err);
    fl__buf_free(&data);
    return error;
}

static int is_rule_file(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' &&
           ((n > 4 && !strcmp(name + n - 4, ".yml")) ||
            (n > 5 && !strcmp(name + n - 5, ".yaml")));
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A folder's rule files, sorted so the load order does not depend on the
 * file system. Only one level: rule folders are flat per language. Each
 * file's path is built in the ruleset's arena, not a temporary, because an
 * error about that file borrows it and must outlive this call. */
static int add_dir(fl_ruleset *rs, const char *path, fl_error *err)
{
    DIR *d = opendir(path);
    if (!d)
        return fl__error_set(err, FL_EIO, path, 0, 0, 0, "cannot open folder");
    FL_VEC(const char *) names = {0};
    fl_buf full = FL_BUF_INIT(rs->alloc);
    int error = 0;
    const char *sep = path[0] && path[strlen(path) - 1] == '/' ? "" : "/";
    struct dirent *e;
    while (error == 0 && (e = readdir(d))) {
        if (!is_rule_file(e->d_name))
            continue;
        fl__buf_clear(&full);
        const char *name = fl__buf_printf(&full, "%s%s%s", path, sep, e->d_name) == 0
                               ? fl__arena_strdup(&rs->arena, fl__buf_cstr(&full))
                               : NULL;
        if (!name || FL_VEC_PUSH(rs->alloc, &names, name) < 0)
            error = fl__error_nomem(err);
    }
    closedir(d);
    fl__buf_free(&full);
    if (names.len)
        qsort(names.ptr, names.len, sizeof *names.ptr, compare_names);
    for (size_t i = 0; i < names.len && error == 0; i++)
        error = add_file(rs, names.ptr[i], err);
    FL_VEC_FREE(rs->alloc, &names);
    return error;
}

int fl_ruleset_add_path(fl_ruleset *rs, const char *path, fl_error *err)
{
    int error = fl__ruleset_check_mutable(rs, err);
    if (error < 0)
        return error;
    struct stat st;
    if (!path || stat(path, &st) != 0)
        return fl__error_set(err, FL_EIO, path, 0, 0, 0,
                             "no such rule file or folder");
    return S_ISDIR(st.st_mode) ? add_dir(rs, path, err) : add_file(rs, path, err);
}

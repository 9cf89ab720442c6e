/*
 * ziplib: libzip's entry points, loaded when a package is opened rather
 * than when the program starts.
 *
 * Linking libzip brings libcrypto, libbz2 and zlib with it, and loading
 * those costs about a millisecond and 150 page faults on every start,
 * while most runs never see a .docx or .odt. So libzip is opened with
 * dlopen the first time a package is read, by its soname (the runtime
 * package, libzip4 on Debian 12), and kept loaded (RTLD_NODELETE): a run
 * over many packages pays the load once. Each user holds its own table,
 * so nothing here is global; dlopen and dlsym are thread-safe.
 *
 * Callers use libzip's own types and macros from <zip.h>; only the calls
 * go through the table: `lib->zip_fread(...)`.
 */
#ifndef FL_ZIPLIB_H
#define FL_ZIPLIB_H

#include <zip.h>

#include "error.h"

/* X(name, return type, parameter list): every libzip function framelint
 * calls. A function used anywhere else must be listed here. */
#define FL_ZIPLIB_FUNCTIONS(X)                                                          \
    X(zip_error_init, void, (zip_error_t *))                                            \
    X(zip_error_fini, void, (zip_error_t *))                                            \
    X(zip_error_strerror, const char *, (zip_error_t *))                                \
    X(zip_source_buffer_create, zip_source_t *,                                         \
      (const void *, zip_uint64_t, int, zip_error_t *))                                 \
    X(zip_source_buffer, zip_source_t *, (zip_t *, const void *, zip_uint64_t, int))   \
    X(zip_source_free, void, (zip_source_t *))                                          \
    X(zip_source_keep, void, (zip_source_t *))                                          \
    X(zip_source_open, int, (zip_source_t *))                                           \
    X(zip_source_read, zip_int64_t, (zip_source_t *, void *, zip_uint64_t))            \
    X(zip_source_close, int, (zip_source_t *))                                          \
    X(zip_source_error, zip_error_t *, (zip_source_t *))                                \
    X(zip_open_from_source, zip_t *, (zip_source_t *, int, zip_error_t *))              \
    X(zip_discard, void, (zip_t *))                                                     \
    X(zip_close, int, (zip_t *))                                                        \
    X(zip_get_error, zip_error_t *, (zip_t *))                                          \
    X(zip_name_locate, zip_int64_t, (zip_t *, const char *, zip_flags_t))               \
    X(zip_stat_index, int, (zip_t *, zip_uint64_t, zip_flags_t, zip_stat_t *))          \
    X(zip_fopen_index, zip_file_t *, (zip_t *, zip_uint64_t, zip_flags_t))              \
    X(zip_fread, zip_int64_t, (zip_file_t *, void *, zip_uint64_t))                    \
    X(zip_fclose, int, (zip_file_t *))                                                  \
    X(zip_file_get_error, zip_error_t *, (zip_file_t *))                                \
    X(zip_file_replace, int, (zip_t *, zip_uint64_t, zip_source_t *, zip_flags_t))

#define FL_ZIPLIB_MEMBER(name, ret, params) ret(*name) params;

typedef struct fl_ziplib {
    void *handle;
    FL_ZIPLIB_FUNCTIONS(FL_ZIPLIB_MEMBER)
} fl_ziplib;

/** Loads libzip into `lib`. Fails with FL_ERROR, naming the package to
 *  install, when libzip or one of its functions cannot be found; `path`
 *  is the file being read, for the message (NULL for none). */
int fl__ziplib_open(fl_ziplib *lib, const char *path, fl_error *err);

/** Drops this table's hold on libzip (the library stays loaded). Safe on
 *  a table that failed to open, or one zero-initialised. */
void fl__ziplib_close(fl_ziplib *lib);

#endif

/*
 * ziplib: libzip loaded on first use. See ziplib.h for why.
 */
#include <dlfcn.h>
#include <string.h>

#include "ziplib.h"

/* Set by the build from the libzip it compiled against (CMakeLists.txt),
 * so the table's prototypes and the loaded library agree. */
#ifndef FL_LIBZIP_SONAME
#error "FL_LIBZIP_SONAME must name the libzip runtime library, e.g. libzip.so.4"
#endif

int fl__ziplib_open(fl_ziplib *lib, const char *path, fl_error *err)
{
    memset(lib, 0, sizeof *lib);
    lib->handle = dlopen(FL_LIBZIP_SONAME, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!lib->handle) {
        const char *why = dlerror();
        return fl__error_set(err, FL_ERROR, path, 0, 0, 0,
                             "reading .docx and .odt files needs libzip, which cannot "
                             "be loaded (%s): install it (Debian: apt install libzip4)",
                             why ? why : FL_LIBZIP_SONAME);
    }
    /* dlsym returns an object pointer; copying its bytes into the function
     * pointer is the conversion POSIX guarantees and ISO C does not. */
#define FL_ZIPLIB_LOAD(name, ret, params)                                               \
    {                                                                                   \
        void *sym = dlsym(lib->handle, #name);                                          \
        if (!sym) {                                                                     \
            fl__ziplib_close(lib);                                                      \
            return fl__error_set(err, FL_ERROR, path, 0, 0, 0,                          \
                                 "the libzip found (%s) has no %s: install libzip 1.7 " \
                                 "or later",                                            \
                                 FL_LIBZIP_SONAME, #name);                              \
        }                                                                               \
        memcpy(&lib->name, &sym, sizeof sym);                                           \
    }
    FL_ZIPLIB_FUNCTIONS(FL_ZIPLIB_LOAD)
#undef FL_ZIPLIB_LOAD
    return FL_OK;
}

void fl__ziplib_close(fl_ziplib *lib)
{
    if (lib->handle)
        dlclose(lib->handle);
    memset(lib, 0, sizeof *lib);
}

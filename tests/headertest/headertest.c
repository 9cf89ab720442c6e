/* Compiles framelint.h alone, as C99 with -Wpedantic -Werror: the public
 * header must not depend on anything a user's program does not have. */
#include "framelint/framelint.h"

int fl_headertest_dummy(void);
int fl_headertest_dummy(void)
{
    fl_error err = FL_ERROR_INIT;
    fl_lint_options opts = FL_LINT_OPTIONS_INIT;
    return err.code + (int)opts.version;
}

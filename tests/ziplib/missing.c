/*
 * ziplib.c built against a soname no system has: opening a package must
 * fail with a message that names what to install, and leave the table
 * closed, rather than crash or call through a null pointer. The suite's
 * own fl_unit cannot show this, since its libzip is always there.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ziplib.h"

START_TEST(ziplib_missing_library_is_an_error_naming_the_package)
{
    fl_ziplib lib;
    fl_error err = FL_ERROR_INIT;
    ck_assert_int_eq(fl__ziplib_open(&lib, "report.docx", &err), FL_ERROR);
    ck_assert_int_eq(err.code, FL_ERROR);
    ck_assert_str_eq(err.path, "report.docx");
    ck_assert_ptr_nonnull(strstr(err.message, "needs libzip"));
    ck_assert_ptr_nonnull(strstr(err.message, "apt install libzip4"));
    ck_assert_ptr_null(lib.handle);
    ck_assert_ptr_null((void *)lib.zip_fread);
    fl__ziplib_close(&lib); /* safe on a table that failed to open */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ziplib");
    TCase *tc = tcase_create("missing");
    tcase_add_test(tc, ziplib_missing_library_is_an_error_naming_the_package);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

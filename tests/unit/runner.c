/*
 * The unit-test runner: every suite in one binary. `fl_unit NAME` runs one
 * suite (what ctest does, one test per suite); `fl_unit` runs them all.
 * Sanitizer jobs set CK_FORK=no so a leak is reported against its test.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FL_SUITE(name) Suite *suite_##name(void);
#include "suites.inc"
#undef FL_SUITE

typedef struct named_suite {
    const char *name;
    Suite *(*make)(void);
} named_suite;

static const named_suite suites[] = {
#define FL_SUITE(name) {#name, suite_##name},
#include "suites.inc"
#undef FL_SUITE
    {NULL, NULL}};

int main(int argc, char **argv)
{
    SRunner *runner = NULL;
    int found = 0;
    for (const named_suite *s = suites; s->name; s++) {
        if (argc > 1 && strcmp(argv[1], s->name) != 0)
            continue;
        found = 1;
        if (!runner)
            runner = srunner_create(s->make());
        else
            srunner_add_suite(runner, s->make());
    }
    if (!found) {
        fprintf(stderr, "fl_unit: no suite named '%s'\n", argc > 1 ? argv[1] : "");
        return 2;
    }
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

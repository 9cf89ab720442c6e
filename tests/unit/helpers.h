/*
 * Shared test helpers: a failing allocator for out-of-memory tests, and a
 * few conveniences for building rulesets and documents from strings.
 */
#ifndef FL_TEST_HELPERS_H
#define FL_TEST_HELPERS_H

#include <check.h>
#include <stddef.h>

#include "framelint/framelint.h"

/* An allocator that fails the Nth allocation (1-based; 0 never fails) and
 * counts live blocks, so a test can assert that nothing leaked. */
typedef struct fail_alloc {
    fl_allocator base;
    size_t fail_at;
    size_t calls;
    long live;
    int failed;
} fail_alloc;

void fail_alloc_init(fail_alloc *fa, size_t fail_at);

/* An allocator that overwrites every block it frees and holds it back until
 * scribble_alloc_release, so a test that reads through a dangling pointer
 * sees garbage, not the old text, even without a sanitizer. */
typedef struct scribble_alloc {
    fl_allocator base;
    void *freed; /* held-back blocks, a list through their headers */
} scribble_alloc;

void scribble_alloc_init(scribble_alloc *sa);
/* Gives the held-back blocks to the C library. */
void scribble_alloc_release(scribble_alloc *sa);

/* Reads a whole file into a malloc'd, NUL-terminated buffer (tests only). */
char *read_test_file(const char *path, size_t *len);

#endif

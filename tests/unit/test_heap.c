/*
 * heap: the region the command builds its rulesets in. Blocks are aligned
 * and keep their bytes through realloc; the last block comes back when
 * freed and grows in place; a full region hands out malloc's memory, which
 * free and realloc then treat as malloc's; threads may allocate at once;
 * and a whole ruleset built in it lints as one built with malloc does.
 */
#include <check.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "framelint/framelint.h"

#define MIB ((size_t)1 << 20)

START_TEST(blocks_are_aligned_and_keep_their_bytes)
{
    cli_heap *h = cli_heap_new(1);
    ck_assert_ptr_nonnull(h);
    const fl_allocator *a = cli_heap_allocator(h);
    char *p = a->malloc(a->payload, 3);
    char *q = a->malloc(a->payload, 40);
    ck_assert_uint_eq((uintptr_t)p % 16, 0);
    ck_assert_uint_eq((uintptr_t)q % 16, 0);
    memcpy(p, "ab", 3);
    memset(q, 'x', 40);
    /* p is not the last block: it moves, and its bytes go with it */
    char *p2 = a->realloc(a->payload, p, 100);
    ck_assert_ptr_ne(p2, p);
    ck_assert_str_eq(p2, "ab");
    ck_assert_int_eq(q[39], 'x');
    a->free(a->payload, q);
    a->free(a->payload, NULL);
    cli_heap_free(h);
}
END_TEST

START_TEST(the_last_block_grows_in_place_and_comes_back)
{
    cli_heap *h = cli_heap_new(1);
    const fl_allocator *a = cli_heap_allocator(h);
    ck_assert_uint_eq(cli_heap_used(h), 0);
    char *p = a->malloc(a->payload, 10);
    size_t one = cli_heap_used(h);
    ck_assert_uint_gt(one, 10);
    char *grown = a->realloc(a->payload, p, 1000);
    ck_assert_ptr_eq(grown, p);
    ck_assert_uint_ge(cli_heap_used(h), one + 990);
    /* shrinking keeps the block where it is */
    ck_assert_ptr_eq(a->realloc(a->payload, grown, 5), grown);
    a->free(a->payload, grown);
    ck_assert_uint_eq(cli_heap_used(h), 0);
    cli_heap_free(h);
}
END_TEST

START_TEST(a_full_region_hands_out_malloc_memory)
{
    cli_heap *h = cli_heap_new(1); /* rounded up to 2 MiB */
    const fl_allocator *a = cli_heap_allocator(h);
    char *big = a->malloc(a->payload, 2 * MIB - 64);
    ck_assert_ptr_nonnull(big);
    size_t used = cli_heap_used(h);
    /* no room left: these come from malloc and leave the region alone */
    char *more = a->malloc(a->payload, 4096);
    ck_assert_ptr_nonnull(more);
    ck_assert_uint_eq(cli_heap_used(h), used);
    memset(more, 'y', 4096);
    more = a->realloc(a->payload, more, 8192);
    ck_assert_int_eq(more[4095], 'y');
    /* a region block grown past the end moves out into malloc's memory */
    big[0] = 'z';
    char *moved = a->realloc(a->payload, big, 3 * MIB);
    ck_assert_ptr_nonnull(moved);
    ck_assert_int_eq(moved[0], 'z');
    a->free(a->payload, more);
    a->free(a->payload, moved);
    /* a request larger than the region never touches it */
    char *huge = a->malloc(a->payload, 5 * MIB);
    ck_assert_ptr_nonnull(huge);
    a->free(a->payload, huge);
    cli_heap_free(h);
    cli_heap_free(NULL);
    ck_assert_ptr_null(cli_heap_allocator(NULL));
}
END_TEST

enum { THREADS = 8, BLOCKS = 6000 };

typedef struct worker {
    const fl_allocator *a;
    unsigned char *blocks[BLOCKS];
    unsigned char mark;
} worker;

static void *fill(void *arg)
{
    worker *w = arg;
    for (size_t i = 0; i < BLOCKS; i++) {
        w->blocks[i] = w->a->malloc(w->a->payload, 16 + i % 48);
        memset(w->blocks[i], w->mark, 16 + i % 48);
    }
    return NULL;
}

START_TEST(threads_allocate_at_once_without_sharing_a_byte)
{
    cli_heap *h = cli_heap_new(1);
    worker w[THREADS];
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i].a = cli_heap_allocator(h);
        w[i].mark = (unsigned char)('a' + i);
        ck_assert_int_eq(pthread_create(&t[i], NULL, fill, &w[i]), 0);
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    /* every block still holds its own thread's mark: none overlapped */
    size_t foreign = 0;
    for (int i = 0; i < THREADS; i++) {
        for (size_t k = 0; k < BLOCKS; k++) {
            for (size_t b = 0; b < 16 + k % 48; b++)
                foreign += w[i].blocks[k][b] != w[i].mark;
            w[i].a->free(w[i].a->payload, w[i].blocks[k]);
        }
    }
    ck_assert_uint_eq(foreign, 0);
    cli_heap_free(h);
}
END_TEST

/* The findings, as text, of the built-in English rules on `text`, with the
 * ruleset built by `a`. */
static void lint_with(const fl_allocator *a, const char *text, char *out, size_t cap)
{
    fl_ruleset *rs = NULL;
    fl_error err = FL_ERROR_INIT;
    ck_assert_int_eq(fl_ruleset_new(&rs, a, &err), 0);
    ck_assert_int_eq(fl_ruleset_add_default_language(rs, "en", &err), 0);
    ck_assert_int_eq(fl_ruleset_compile(rs, &err), 0);
    fl_document *doc = NULL;
    ck_assert_int_eq(fl_document_new(&doc, NULL, "d.txt", text, strlen(text),
                                     FL_FORMAT_PLAIN, &err), 0);
    fl_findings *f = NULL;
    fl_lint_options opts = FL_LINT_OPTIONS_INIT;
    ck_assert_int_eq(fl_lint(&f, rs, doc, &opts, &err), 0);
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < fl_findings_count(f); i++) {
        const fl_finding *x = fl_findings_at(f, i);
        used += (size_t)snprintf(out + used, cap - used, "%s@%zu;",
                                 fl_rule_id(fl_finding_rule(x)), fl_finding_offset(x));
        ck_assert_uint_lt(used, cap);
    }
    fl_findings_free(f);
    fl_document_free(doc);
    fl_ruleset_free(rs);
}

START_TEST(a_ruleset_built_in_the_heap_lints_as_one_built_with_malloc)
{
    const char *text = "A flood of migrants reached the coast. Send them back!\n"
                       "In 2023, 12,000 people arrived, 3,000 left, 45% stayed and 9% moved on.\n";
    char want[2048], got[2048];
    lint_with(NULL, text, want, sizeof want);
    ck_assert_str_ne(want, "");
    cli_heap *h = cli_heap_new(2 * MIB);
    lint_with(cli_heap_allocator(h), text, got, sizeof got);
    ck_assert_str_eq(got, want);
    cli_heap_free(h);
}
END_TEST

Suite *suite_heap(void)
{
    Suite *s = suite_create("heap");
    TCase *tc = tcase_create("blocks");
    tcase_add_test(tc, blocks_are_aligned_and_keep_their_bytes);
    tcase_add_test(tc, the_last_block_grows_in_place_and_comes_back);
    tcase_add_test(tc, a_full_region_hands_out_malloc_memory);
    tcase_add_test(tc, threads_allocate_at_once_without_sharing_a_byte);
    suite_add_tcase(s, tc);
    tc = tcase_create("rulesets");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, a_ruleset_built_in_the_heap_lints_as_one_built_with_malloc);
    suite_add_tcase(s, tc);
    return s;
}

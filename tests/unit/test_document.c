/*
 * document: fl_document_position and fl_document_index as the public API
 * promises them — output first, on a const document, the same answer in
 * any order of offsets and from any number of threads, and a bounded cost
 * per lookup on one long line. The line map underneath (text.h) is checked
 * against a plain count from each line's start, written apart from the
 * library.
 */
#include <check.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "framelint/framelint.h"
#include "helpers.h"
#include "text.h"

/* --- a reference: lines and columns counted from the start ------------------- */

typedef struct ref_pos {
    unsigned line, column;
    size_t line_offset, line_length;
} ref_pos;

/* The bytes of the character at s[0] within `len`: a whole well-formed
 * UTF-8 sequence (shortest form, no surrogate, at most U+10FFFF), else 1. */
static size_t ref_char(const unsigned char *s, size_t len)
{
    static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    size_t n = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3
             : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (n <= 1 || n > len)
        return 1;
    uint32_t cp = s[0] & (0x7F >> n);
    for (size_t k = 1; k < n; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 1;
        cp = cp << 6 | (s[k] & 0x3F);
    }
    return cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? 1 : n;
}

/* Where each offset in [0, len] lies, found the plain way: one walk that
 * ends lines at "\n", "\r\n" and a lone "\r" (a BOM being no column),
 * then for each offset a count of code points (an invalid byte is one) from
 * its line's content start. The caller frees the table. */
static ref_pos *ref_table(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    ref_pos *t = malloc((len + 1) * sizeof *t);
    ck_assert_ptr_nonnull(t);
    size_t first = len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0;
    size_t start = 0;
    unsigned line = 1;
    for (size_t off = 0; off <= len; off++) {
        if (off > 0 && (s[off - 1] == '\n' ||
                        (s[off - 1] == '\r' && (off == len || s[off] != '\n')))) {
            start = off;
            line++;
        }
        size_t content = line == 1 ? first : start, end = content;
        while (end < len && s[end] != '\n' && s[end] != '\r')
            end++;
        size_t at = off < content ? content : off;
        unsigned column = 1;
        for (size_t i = content; i < at; column++)
            i += ref_char(u + i, at - i);
        t[off] = (ref_pos){line, column, content, end - content};
    }
    return t;
}

/* Long lines of every kind of character: ASCII, two-, three- and four-byte
 * sequences, bytes that are no UTF-8 (a lone continuation, a lead without
 * its continuation, an overlong form), cut between lines ending in LF,
 * CRLF and a lone CR, after a BOM. Deterministic: the same text each run. */
static char *mixed_text(size_t lines, size_t line_bytes, size_t *len)
{
    static const char *const pieces[] = {"word ", "caf\xc3\xa9 ", "\xe2\x80\x9cq\xe2\x80\x9d ",
                                         "\xf0\x9f\x98\x80", "\x80", "\xe2\x82 ", "\xc0\xaf",
                                         "\xf4\x90\x80\x80", "\t"};
    static const char *const ends[] = {"\n", "\r\n", "\r"};
    size_t cap = 3 + lines * (line_bytes + 16) + 1;
    char *s = malloc(cap);
    ck_assert_ptr_nonnull(s);
    size_t n = 0;
    unsigned seed = 12345;
    memcpy(s, "\xEF\xBB\xBF", 3);
    n = 3;
    for (size_t l = 0; l < lines; l++) {
        size_t stop = n + line_bytes;
        while (n < stop) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)];
            memcpy(s + n, p, strlen(p));
            n += strlen(p);
        }
        const char *e = ends[l % 3];
        memcpy(s + n, e, strlen(e));
        n += strlen(e);
    }
    s[n] = '\0';
    *len = n;
    return s;
}

static fl_document *new_doc(const fl_allocator *alloc, const char *text, size_t len)
{
    fl_document *doc = NULL;
    ck_assert_int_eq(fl_document_new(&doc, alloc, "d.txt", text, len, FL_FORMAT_PLAIN, NULL),
                     FL_OK);
    return doc;
}

static void assert_position(const fl_document *doc, const ref_pos *want, size_t len,
                            size_t off)
{
    fl_position p;
    memset(&p, 0xff, sizeof p);
    ck_assert_int_eq(fl_document_position(&p, doc, off), FL_OK);
    const ref_pos *w = &want[off > len ? len : off];
    ck_assert_msg(p.line == w->line && p.column == w->column &&
                      p.line_offset == w->line_offset && p.line_length == w->line_length,
                  "offset %zu: got %u:%u [%zu +%zu], want %u:%u [%zu +%zu]", off, p.line,
                  p.column, p.line_offset, p.line_length, w->line, w->column,
                  w->line_offset, w->line_length);
}

/* --- answers ---------------------------------------------------------------------- */

/* Every offset of lines several strides long, forwards, backwards and
 * scattered: the column marks never change an answer. */
START_TEST(position_agrees_with_counting_from_the_line_start)
{
    size_t len;
    char *s = mixed_text(4, 5 * FL_LINEMAP_STRIDE + 77, &len);
    ref_pos *want = ref_table(s, len);
    const fl_document *doc = new_doc(NULL, s, len);
    for (size_t off = 0; off <= len + 1; off++)
        assert_position(doc, want, len, off);
    for (size_t off = len + 1; off-- > 0;)
        assert_position(doc, want, len, off);
    ck_assert_uint_ne((len + 1) % 7919, 0); /* so the walk below visits every offset */
    for (size_t i = 0, off = 0; i <= len; i++, off = (off + 7919) % (len + 1))
        assert_position(doc, want, len, off);
    fl_document_free((fl_document *)doc);
    free(want);
    free(s);
}
END_TEST

START_TEST(position_refuses_null_arguments)
{
    fl_document *doc = new_doc(NULL, "ab", 2);
    fl_position p;
    ck_assert_int_eq(fl_document_position(NULL, doc, 0), FL_EINVAL);
    ck_assert_int_eq(fl_document_position(&p, NULL, 0), FL_EINVAL);
    fl_error err = FL_ERROR_INIT;
    ck_assert_int_eq(fl_document_index(NULL, &err), FL_EINVAL);
    ck_assert_int_eq(err.code, FL_EINVAL);
    ck_assert_int_eq(fl_document_index(doc, NULL), FL_OK);
    ck_assert_int_eq(fl_document_index(doc, NULL), FL_OK); /* built once */
    fl_document_free(doc);
}
END_TEST

/* The index is the one allocation a lookup makes: when it fails, the
 * lookup says FL_ENOMEM and the next one builds it. */
START_TEST(position_reports_a_failed_index_and_recovers)
{
    size_t len;
    char *s = mixed_text(2, 3 * FL_LINEMAP_STRIDE, &len);
    ref_pos *want = ref_table(s, len);
    fail_alloc probe;
    fail_alloc_init(&probe, 0);
    fl_document *doc = new_doc(&probe.base, s, len);
    size_t created = probe.calls;
    fl_document_free(doc);
    size_t failures = 0;
    for (size_t at = created + 1;; at++) {
        fail_alloc fa;
        fail_alloc_init(&fa, at);
        doc = new_doc(&fa.base, s, len);
        fl_position p;
        int error = fl_document_position(&p, doc, len - 1);
        if (!fa.failed) {
            ck_assert_int_eq(error, FL_OK);
            fl_document_free(doc);
            ck_assert_int_eq(fa.live, 0);
            break;
        }
        failures++;
        ck_assert_int_eq(error, FL_ENOMEM);
        fl_error err = FL_ERROR_INIT;
        ck_assert_int_eq(fl_document_index(doc, &err), FL_OK);
        assert_position(doc, want, len, len - 1);
        fl_document_free(doc);
        ck_assert_int_eq(fa.live, 0);
    }
    ck_assert_uint_ge(failures, 3); /* the map, its line starts, its marks */
    free(want);
    free(s);
}
END_TEST

/* --- cost ------------------------------------------------------------------------- */

/* The work of one lookup is the bytes counted from its anchor: at most a
 * stride (plus one character) on a line of any length, wherever the offset
 * and whatever was asked before. Without the marks the anchor is the
 * line's start and this fails on the first line past a stride. */
START_TEST(linemap_lookup_counts_at_most_a_stride)
{
    size_t len;
    char *s = mixed_text(3, 40 * FL_LINEMAP_STRIDE, &len);
    fl_linemap lm;
    ck_assert_int_eq(fl__linemap_build(&lm, fl__default_allocator(), s, len), FL_OK);
    ck_assert_int_eq(fl__linemap_mark_columns(&lm, fl__default_allocator(), s, len), FL_OK);
    ck_assert_uint_ge(lm.nmarks, 3 * 30);
    for (size_t off = len; off-- > 0;) {
        size_t line = fl__linemap_line(&lm, off), column;
        size_t start = line == 0 ? lm.first : lm.starts[line];
        if (off < start)
            continue;
        size_t from = fl__linemap_anchor(&lm, line, off, &column);
        ck_assert_msg(from <= off && off - from < FL_LINEMAP_STRIDE + 4,
                      "offset %zu counts from %zu", off, from);
        ck_assert_uint_ge(from, start);
    }
    fl__linemap_free(&lm, fl__default_allocator());
    free(s);
}
END_TEST

/* --- threads ---------------------------------------------------------------------- */

typedef struct asker {
    const fl_document *doc;
    const ref_pos *want;
    size_t len;
    unsigned start;
    size_t wrong;
    pthread_barrier_t *go;
} asker;

static void *ask(void *payload)
{
    asker *a = payload;
    pthread_barrier_wait(a->go); /* all at once, on an index nobody built */
    for (size_t i = 0, off = a->start; i < 3000; i++, off = (off + 104729) % (a->len + 1)) {
        fl_position p;
        a->wrong += fl_document_position(&p, a->doc, off) != FL_OK ||
                    p.line != a->want[off].line || p.column != a->want[off].column;
    }
    return NULL;
}

/* Four threads share one const document from its first lookup on: each
 * gets the answers one thread gets (ThreadSanitizer, in .ci/run, checks the
 * index is published without a race). */
START_TEST(position_is_safe_from_threads_sharing_a_document)
{
    size_t len;
    char *s = mixed_text(3, 4 * FL_LINEMAP_STRIDE, &len);
    ref_pos *want = ref_table(s, len);
    for (int round = 0; round < 20; round++) {
        const fl_document *doc = new_doc(NULL, s, len);
        pthread_barrier_t go;
        pthread_barrier_init(&go, NULL, 4);
        asker a[4];
        pthread_t t[4];
        for (int i = 0; i < 4; i++) {
            a[i] = (asker){doc, want, len, (unsigned)(i * 1000 + round), 0, &go};
            ck_assert_int_eq(pthread_create(&t[i], NULL, ask, &a[i]), 0);
        }
        for (int i = 0; i < 4; i++) {
            ck_assert_int_eq(pthread_join(t[i], NULL), 0);
            ck_assert_uint_eq(a[i].wrong, 0);
        }
        pthread_barrier_destroy(&go);
        fl_document_free((fl_document *)doc);
    }
    free(want);
    free(s);
}
END_TEST

Suite *suite_document(void)
{
    Suite *s = suite_create("document");
    TCase *tc = tcase_create("position");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, position_agrees_with_counting_from_the_line_start);
    tcase_add_test(tc, position_refuses_null_arguments);
    tcase_add_test(tc, position_reports_a_failed_index_and_recovers);
    suite_add_tcase(s, tc);

    tc = tcase_create("cost");
    tcase_add_test(tc, linemap_lookup_counts_at_most_a_stride);
    suite_add_tcase(s, tc);

    tc = tcase_create("threads");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, position_is_safe_from_threads_sharing_a_document);
    suite_add_tcase(s, tc);
    return s;
}

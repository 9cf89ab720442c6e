/*
 * vocab: the word table the tokenizer probes for every word. Short words
 * live inside their slots and longer ones outside, so the tests cover both
 * sides of FL_VOCAB_INLINE, words that share a slot, and a table that grows
 * (a rehash moves inline words by value).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vocab.h"

/* A word of `len` bytes, distinct for each (len, seed). */
static void make_word(char *buf, size_t len, unsigned seed)
{
    for (size_t i = 0; i < len; i++)
        buf[i] = (char)('a' + (seed * 7 + i * 3 + len) % 26);
    if (len)
        buf[0] = (char)('a' + seed % 26);
    if (len > 1)
        buf[len - 1] = (char)('a' + seed / 26 % 26);
    buf[len] = '\0';
}

/* Word i of a test vocabulary: every `every`-th one longer than
 * FL_VOCAB_INLINE, the rest kept in their slots. */
static size_t test_word(char *w, size_t cap, char lead, unsigned i, unsigned every)
{
    int n = snprintf(w, cap, "%c%u%s", lead, i, i % every ? "" : "-and-a-tail-past-sixteen");
    ck_assert_int_gt(n, 0);
    return (size_t)n;
}

static uint32_t find(const fl_vocab *v, const char *w, size_t len)
{
    return fl__vocab_find(v, w, len, fl__vocab_hash(w, len));
}

/* The tokenizer's probe: the word in a buffer zero after it, probed with
 * `hash` (another word's, to make a collision). */
static uint32_t find_padded_hash(const fl_vocab *v, const char *w, size_t len,
                                 uint64_t hash)
{
    char pad[128] = {0};
    memcpy(pad, w, len);
    return fl__vocab_probe_padded_hashed(fl__vocab_view(v), pad, len, hash)->id;
}

/* The tokenizer's probe, which hashes the padded word itself. */
static uint32_t find_padded(const fl_vocab *v, const char *w, size_t len)
{
    char pad[128] = {0};
    memcpy(pad, w, len);
    return fl__vocab_probe_padded(fl__vocab_view(v), pad, len)->id;
}

/* Every length around the limit, in and out of the slot, found again by
 * the inline probe and by fl__vocab_find, and a one-byte change of each not
 * found. */
START_TEST(vocab_finds_words_either_side_of_the_inline_limit)
{
    fl_vocab *v;
    ck_assert_int_eq(fl__vocab_new(&v, fl__default_allocator()), FL_OK);
    static const size_t lens[] = {1, 2, 7, 8, 9, FL_VOCAB_INLINE - 1, FL_VOCAB_INLINE,
                                  FL_VOCAB_INLINE + 1, FL_VOCAB_INLINE + 2, 40, 95};
    size_t n = sizeof lens / sizeof *lens;
    char w[128];
    uint32_t ids[sizeof lens / sizeof *lens];
    for (size_t i = 0; i < n; i++) {
        make_word(w, lens[i], (unsigned)i);
        ck_assert_int_eq(fl__vocab_intern(v, w, lens[i], &ids[i]), FL_OK);
        ck_assert_uint_eq(ids[i], i + 1);
    }
    fl_vocab_view view = fl__vocab_view(v);
    for (size_t i = 0; i < n; i++) {
        make_word(w, lens[i], (unsigned)i);
        ck_assert_uint_eq(find(v, w, lens[i]), ids[i]);
        const fl_vocab_slot *s = fl__vocab_probe(view, w, lens[i], fl__vocab_hash(w, lens[i]));
        ck_assert_uint_eq(s->id, ids[i]);
        ck_assert_uint_eq(s->len, lens[i]);
        ck_assert_int_eq(memcmp(fl__vocab_slot_text(view, s), w, lens[i]), 0);
        ck_assert_str_eq(fl__vocab_word(v, ids[i]), w);
        /* The same bytes with the last or the first changed, and one byte
         * shorter: not found, even probed with the word's own hash, as a
         * collision of two words in one slot would be (so the bytes, not
         * the hash, decide). */
        size_t len = lens[i];
        uint64_t own = fl__vocab_hash(w, len);
        char other[128];
        for (size_t at = 0; at < len; at += len - 1) {
            memcpy(other, w, len + 1);
            other[at] = '#';
            ck_assert_uint_eq(find(v, other, len), 0);
            ck_assert_uint_eq(fl__vocab_find(v, other, len, own), 0);
            ck_assert_uint_eq(find_padded_hash(v, other, len, own), 0);
            if (len == 1)
                break;
        }
        ck_assert_uint_eq(find(v, w, len - 1), 0);
        ck_assert_uint_eq(find_padded(v, w, len), ids[i]);
        if (len > 1)
            ck_assert_uint_eq(find_padded(v, w, len - 1), 0);
        ck_assert_uint_eq(fl__vocab_find(v, w, len - 1, own), 0);
        ck_assert_uint_eq(fl__vocab_find(v, w, lens[i], own), ids[i]);
        /* a word interned again keeps its id */
        uint32_t again;
        ck_assert_int_eq(fl__vocab_intern(v, w, lens[i], &again), FL_OK);
        ck_assert_uint_eq(again, ids[i]);
    }
    ck_assert_uint_eq(fl__vocab_count(v), n);
    fl__vocab_free(v);
}
END_TEST

/* Words that differ only after the inline limit, or only in their last
 * inline byte, are different words; a prefix of a long word is not it. */
START_TEST(vocab_tells_apart_words_that_share_a_prefix)
{
    fl_vocab *v;
    ck_assert_int_eq(fl__vocab_new(&v, fl__default_allocator()), FL_OK);
    const char *words[] = {"abcdefghijklmnop",   /* exactly FL_VOCAB_INLINE */
                           "abcdefghijklmnoq",   /* differs in the last inline byte */
                           "abcdefghijklmnopq",  /* one past the limit */
                           "abcdefghijklmnopr",  /* differs only outside the slot */
                           "abcdefghijklmno",    /* one short */
                           NULL};
    ck_assert_uint_eq(strlen(words[0]), FL_VOCAB_INLINE);
    uint32_t id;
    for (size_t i = 0; words[i]; i++) {
        ck_assert_int_eq(fl__vocab_intern(v, words[i], strlen(words[i]), &id), FL_OK);
        ck_assert_uint_eq(id, i + 1);
    }
    for (size_t i = 0; words[i]; i++) {
        ck_assert_uint_eq(find(v, words[i], strlen(words[i])), i + 1);
        ck_assert_uint_eq(find_padded(v, words[i], strlen(words[i])), i + 1);
    }
    ck_assert_uint_eq(find_padded_hash(v, "abcdefghijklmnor", 16,
                                       fl__vocab_hash(words[0], 16)), 0);
    ck_assert_uint_eq(find_padded(v, "abcdefgh", 8), 0);
    ck_assert_uint_eq(find(v, "abcdefghijklmnops", 17), 0);
    ck_assert_uint_eq(find(v, "abcdefghijklmnopqr", 18), 0);
    fl__vocab_free(v);
}
END_TEST

/* The table places a word by the low bits of its hash, and the tokenizer
 * hashes a short word from its two 8-byte halves: a change to any one of
 * its bytes must reach those bits, or words that differ only late (in the
 * eighth or sixteenth byte) would all share a probe run. The padded probe
 * and fl__vocab_hash must agree, or the tokenizer would not find a word
 * the table holds. */
START_TEST(vocab_hash_reaches_the_low_bits_from_every_byte)
{
    for (size_t len = 1; len <= FL_VOCAB_INLINE; len++) {
        char w[FL_VOCAB_INLINE + 1] = {0}; /* make_word ends it with a NUL */
        make_word(w, len, (unsigned)len);
        uint64_t w0, w1;
        memcpy(&w0, w, 8);
        memcpy(&w1, w + 8, 8);
        uint64_t h = fl__vocab_hash(w, len);
        ck_assert_uint_eq(h, fl__vocab_hash16(w0, w1));
        for (size_t at = 0; at < len; at++) {
            unsigned same = 0;
            for (unsigned b = 'a'; b <= 'z'; b++) {
                char other[FL_VOCAB_INLINE];
                memcpy(other, w, sizeof other);
                if (other[at] == (char)b)
                    continue;
                other[at] = (char)b;
                same += ((fl__vocab_hash(other, len) ^ h) & 0x3ff) == 0;
            }
            ck_assert_uint_le(same, 1);
        }
    }
}
END_TEST

/* Thousands of words make the table grow several times and put many words
 * in one probe run; each is still found with its id, and a word the table
 * never saw is not. */
START_TEST(vocab_keeps_ids_through_growth_and_collisions)
{
    fl_vocab *v;
    ck_assert_int_eq(fl__vocab_new(&v, fl__default_allocator()), FL_OK);
    enum { N = 5000 };
    char w[64];
    for (unsigned i = 0; i < N; i++) {
        size_t len = test_word(w, sizeof w, 'w', i, 3);
        uint32_t id;
        ck_assert_int_eq(fl__vocab_intern(v, w, len, &id), FL_OK);
        ck_assert_uint_eq(id, i + 1);
    }
    for (unsigned i = 0; i < N; i++) {
        size_t len = test_word(w, sizeof w, 'w', i, 3);
        ck_assert_uint_eq(find(v, w, len), i + 1);
        len = test_word(w, sizeof w, 'x', i, 3);
        ck_assert_uint_eq(find(v, w, len), 0);
    }
    fl__vocab_free(v);
}
END_TEST

/* A table borrowed from another vocabulary (as a frozen one is from the
 * program) holds its words under their ids once they are named, short and
 * long alike, kept where they lie; a word it does not hold is added to a
 * copy, and the borrowed table is never written. Borrowing needs an empty
 * vocabulary, a power-of-two table and at most half of it in words. */
START_TEST(vocab_borrows_a_table_without_writing_it)
{
    const fl_allocator *a = fl__default_allocator();
    fl_vocab *built, *v;
    ck_assert_int_eq(fl__vocab_new(&built, a), FL_OK);
    enum { N = 700 };
    static char words[N][64];
    for (unsigned i = 0; i < N; i++) {
        uint32_t id;
        ck_assert_int_eq(fl__vocab_intern(built, words[i],
                                          test_word(words[i], sizeof words[i], 'b', i, 4), &id),
                         FL_OK);
    }
    fl_vocab_view table = fl__vocab_view(built);
    size_t bytes = (table.mask + 1) * sizeof *table.slots;
    fl_vocab_slot *before = malloc(bytes);
    ck_assert_ptr_nonnull(before);
    memcpy(before, table.slots, bytes);

    ck_assert_int_eq(fl__vocab_new(&v, a), FL_OK);
    ck_assert_int_eq(fl__vocab_borrow(v, table.slots, 3, N), FL_EINVAL);
    ck_assert_int_eq(fl__vocab_borrow(v, table.slots, table.mask + 1,
                                      (uint32_t)(table.mask + 1) / 2 + 1), FL_EINVAL);
    ck_assert_int_eq(fl__vocab_borrow(v, table.slots, table.mask + 1, N), FL_OK);
    ck_assert_ptr_eq(fl__vocab_view(v).slots, table.slots);
    ck_assert_uint_eq(fl__vocab_count(v), N);
    for (unsigned i = 0; i < N; i++)
        fl__vocab_name(v, i + 1, words[i]);
    for (unsigned i = 0; i < N; i++) {
        ck_assert_ptr_eq(fl__vocab_word(v, i + 1), words[i]);
        ck_assert_uint_eq(find(v, words[i], strlen(words[i])), i + 1);
    }
    for (unsigned i = 0; i < N; i += 37)
        ck_assert_uint_eq(find_padded(v, words[i], strlen(words[i])), i + 1);
    uint32_t id;
    ck_assert_int_eq(fl__vocab_intern(v, words[5], strlen(words[5]), &id), FL_OK);
    ck_assert_uint_eq(id, 6);
    ck_assert_ptr_eq(fl__vocab_view(v).slots, table.slots); /* still borrowed */
    ck_assert_int_eq(fl__vocab_intern(v, "a-word-the-table-never-had", 26, &id), FL_OK);
    ck_assert_uint_eq(id, N + 1);
    ck_assert_ptr_ne(fl__vocab_view(v).slots, table.slots); /* copied first */
    ck_assert_mem_eq(table.slots, before, bytes);
    ck_assert_uint_eq(find(v, "a-word-the-table-never-had", 26), N + 1);
    ck_assert_uint_eq(find(v, "b1", 2), 2);
    ck_assert_uint_eq(find(v, "b0-and-a-tail-past-sixteen", 26), 1);
    ck_assert_int_eq(fl__vocab_borrow(v, table.slots, table.mask + 1, N), FL_EINVAL);
    free(before);
    fl__vocab_free(v);
    fl__vocab_free(built);
}
END_TEST

Suite *suite_vocab(void)
{
    Suite *s = suite_create("vocab");
    TCase *tc = tcase_create("table");
    tcase_add_test(tc, vocab_finds_words_either_side_of_the_inline_limit);
    tcase_add_test(tc, vocab_tells_apart_words_that_share_a_prefix);
    tcase_add_test(tc, vocab_keeps_ids_through_growth_and_collisions);
    tcase_add_test(tc, vocab_hash_reaches_the_low_bits_from_every_byte);
    tcase_add_test(tc, vocab_borrows_a_table_without_writing_it);
    suite_add_tcase(s, tc);
    return s;
}

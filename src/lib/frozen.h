/*
 * frozen: tables that tools/freeze_matchers.c computes at build time from
 * the embedded rules and compiles into the library, so that starting the
 * command does not redo the work (architecture.md, "Frozen at build time"):
 *
 *   - each language's matcher as fl__matcher_build leaves it (vocabulary,
 *     trie, entries, joined phrases: match_frozen.h), used only when the
 *     ruleset at hand would build exactly the same one, and then mostly
 *     where it lies, in the program's read-only data;
 *   - each shipped pattern compiled by PCRE2 and serialised, used only for
 *     a rule whose pattern and options are the same.
 *
 * Tables are C arrays of the types that use them, and a byte format
 * (little-endian u32 numbers and raw bytes) for what has no fixed shape.
 * Readers of the bytes go through fl_frozen_in, which never reads past its
 * end. The tables are part of the program, as trusted as its code: the
 * generator checks every id and offset of a matcher against what it
 * indexes (fl__matcher_frozen_check) before it writes the table, and a run
 * does not check them again. It used to, on every start: 1.3M of 5.5M
 * instructions, and a read of 700 KB of tables that a short draft mostly
 * never touches, to find what only a corrupted program file could cause,
 * which would corrupt its code as readily. Damage that stays in bounds is
 * the test suite's to find: unit.frozen compares every embedded matcher
 * with the one built from its rules, and every pattern with PCRE2's own
 * compilation. A pattern keeps its checksum: it is read only when a rule
 * first needs it.
 */
#ifndef FL_FROZEN_H
#define FL_FROZEN_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

struct fl_entry;
struct fl_joined_table;
struct fl_vocab_slot;

/* A language's trie as fl__matcher_build leaves it, with the key of the
 * rules it was built from (match_frozen.h). The tables are the build's own
 * arrays, which a run uses where they are, in the program's read-only
 * data, the vocabulary's hash table too (its slots hold no pointers);
 * only the vocabulary's list of words by id is made again, from `data`. */
typedef struct fl_frozen_matcher {
    const char *language;
    const unsigned char *data;         /* the key, then the words by id */
    size_t len;
    const uint32_t *term_rules;        /* the rule of each term entry, by
                                          its place among the key's term
                                          rules: its index when the
                                          language's rules are loaded alone */
    size_t nterm_rules;
    const uint64_t *edge_keys;         /* edge_slots each: fl_matcher's */
    const uint32_t *edge_values;
    size_t edge_slots;
    const uint32_t *root;              /* nroot */
    size_t nroot;
    const uint32_t *node_entries;      /* nnodes + 2 */
    uint32_t nnodes;
    const struct fl_entry *entries;    /* nentries */
    size_t nentries;
    const uint16_t *list_words;        /* nlist_words: fl_matcher's, the
                                          longest phrase of each list */
    size_t nlist_words;
    const struct fl_joined_table *joined;
    const struct fl_vocab_slot *vocab_slots; /* vocab_nslots: fl_vocab's table */
    size_t vocab_nslots;
} fl_frozen_matcher;

typedef struct fl_frozen_pattern {
    const char *pattern;       /* as the rule writes it */
    uint32_t options;          /* the pcre2_compile options it was compiled with */
    const unsigned char *code; /* pcre2_serialize_encode of that one code */
    size_t len;
    uint64_t sum;              /* fl__frozen_sum(0, code, len) */
} fl_frozen_pattern;

typedef struct fl_frozen {
    const fl_frozen_matcher *matchers;
    size_t nmatchers;
    const fl_frozen_pattern *patterns; /* sorted by (pattern, options) */
    size_t npatterns;
} fl_frozen;

/* What the library was built with (generated/frozen.c). The generator
 * itself links an empty one: it builds everything it freezes. */
extern const fl_frozen fl__frozen;

/* Reads 8 bytes as a little-endian number whatever the machine, written
 * so that compilers make it one load. */
static inline uint64_t fl__frozen_le64(const unsigned char *q)
{
    return (uint64_t)q[0] | (uint64_t)q[1] << 8 | (uint64_t)q[2] << 16 |
           (uint64_t)q[3] << 24 | (uint64_t)q[4] << 32 | (uint64_t)q[5] << 40 |
           (uint64_t)q[6] << 48 | (uint64_t)q[7] << 56;
}

static inline uint64_t fl__frozen_mix(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0xff51afd7ed558ccdull;
    return h ^ (h >> 32);
}

/** A checksum of `len` bytes continuing from `h` (0 to start): cheap
 *  enough to check every table on every start (four lanes of eight bytes,
 *  so the multiplications overlap), and any damage a reader could not see
 *  changes it. */
static inline uint64_t fl__frozen_sum(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t lane[4] = {h ^ len, h ^ 0x9E3779B97F4A7C15ull, h ^ 0xC2B2AE3D27D4EB4Full,
                        h ^ 0x165667B19E3779F9ull};
    size_t i = 0;
    for (; i + 32 <= len; i += 32) {
        for (int k = 0; k < 4; k++)
            lane[k] = fl__frozen_mix(lane[k], fl__frozen_le64(p + i + 8 * (size_t)k));
    }
    for (; i + 8 <= len; i += 8)
        lane[0] = fl__frozen_mix(lane[0], fl__frozen_le64(p + i));
    for (; i < len; i++)
        lane[1] = fl__frozen_mix(lane[1], p[i]);
    for (int k = 1; k < 4; k++)
        lane[0] = fl__frozen_mix(lane[0], lane[k]);
    return lane[0];
}

/* --- writing (build time) ----------------------------------------------------- */

static inline int fl__frozen_put_u32(fl_buf *b, uint32_t v)
{
    char le[4] = {(char)(v & 0xff), (char)(v >> 8 & 0xff), (char)(v >> 16 & 0xff),
                  (char)(v >> 24)};
    return fl__buf_put(b, le, 4);
}

/** A string: its length, then its bytes. */
static inline int fl__frozen_put_str(fl_buf *b, const char *s, size_t len)
{
    return len > UINT32_MAX || fl__frozen_put_u32(b, (uint32_t)len) < 0
               ? FL_ENOMEM : fl__buf_put(b, s, len);
}

/** A string that readers keep in place as a C string: its length, its
 *  bytes, a NUL. */
static inline int fl__frozen_put_cstr(fl_buf *b, const char *s, size_t len)
{
    return fl__frozen_put_str(b, s, len) < 0 ? FL_ENOMEM : fl__buf_put(b, "", 1);
}

/* --- reading (start-up) ------------------------------------------------------- */

/** A cursor over frozen bytes. Once a read fails, `bad` is set, the cursor
 *  sits at the end, and every later read fails too, so a reader can check
 *  once after a run of reads. */
typedef struct fl_frozen_in {
    const unsigned char *p, *end;
    int bad;
} fl_frozen_in;

static inline uint32_t fl__frozen_u32(fl_frozen_in *in)
{
    if (in->end - in->p < 4) {
        in->bad = 1;
        in->p = in->end;
        return 0;
    }
    uint32_t v = (uint32_t)in->p[0] | (uint32_t)in->p[1] << 8 |
                 (uint32_t)in->p[2] << 16 | (uint32_t)in->p[3] << 24;
    in->p += 4;
    return v;
}

/** The next `n` bytes, or NULL (and `bad`) when fewer are left. */
static inline const unsigned char *fl__frozen_bytes(fl_frozen_in *in, size_t n)
{
    if ((size_t)(in->end - in->p) < n) {
        in->bad = 1;
        in->p = in->end;
        return NULL;
    }
    const unsigned char *at = in->p;
    in->p += n;
    return at;
}

/** A string fl__frozen_put_cstr wrote, in place (NUL-terminated), with its
 *  length in *len; NULL (and `bad`) when it is cut short or has no NUL. */
static inline const char *fl__frozen_cstr(fl_frozen_in *in, size_t *len)
{
    *len = fl__frozen_u32(in);
    const unsigned char *s = in->bad || *len == SIZE_MAX ? NULL : fl__frozen_bytes(in, *len + 1);
    if (s && s[*len] != 0) {
        in->bad = 1;
        s = NULL;
    }
    return (const char *)s;
}

/** A count of items that take at least `size` bytes each: one larger than
 *  what is left cannot be right, and is refused before anything is
 *  allocated for it. */
static inline uint32_t fl__frozen_count(fl_frozen_in *in, size_t size)
{
    uint32_t n = fl__frozen_u32(in);
    if (!in->bad && n > (size_t)(in->end - in->p) / size) {
        in->bad = 1;
        in->p = in->end;
        return 0;
    }
    return n;
}

#endif

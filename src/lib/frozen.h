/*
 * frozen: what tools/freeze_matchers.c computes at build time from the
 * embedded rules and compiles into the library, so that starting the
 * command does not redo the work (architecture.md, "Frozen at build
 * time"): each shipped pattern compiled by PCRE2 and serialised, used only
 * for a rule whose pattern and options are the same. A checksum over each
 * turns damage into an error.
 */
#ifndef FL_FROZEN_H
#define FL_FROZEN_H

#include <stddef.h>
#include <stdint.h>

typedef struct fl_frozen_pattern {
    const char *pattern;       /* as the rule writes it */
    uint32_t options;          /* the pcre2_compile options it was compiled with */
    const unsigned char *code; /* pcre2_serialize_encode of that one code */
    size_t len;
    uint64_t sum;              /* fl__frozen_sum(0, code, len) */
} fl_frozen_pattern;

typedef struct fl_frozen {
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

#endif

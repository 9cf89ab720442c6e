/*
 * fuzz: the entry point every fuzz target defines (libFuzzer calls it in fuzz
 * builds, replay_main.c on each seed in ordinary builds), and the invariant
 * checks the targets share (checks.c).
 */
#ifndef FL_FUZZ_H
#define FL_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "framelint/framelint.h"

/** Runs one input; returns 0. A broken invariant calls abort(). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/** Aborts, so the fuzzer records the input, unless `ok`. */
void fuzz_check(int ok);

/** A failed call returned a known status, and `err` says it in words. */
void fuzz_check_status(int status, const fl_error *err);

/** Findings are sorted by offset then rule order, lie inside the document,
 *  and have a rule, a message and non-NULL suggestions. */
void fuzz_check_findings(const fl_document *doc, const fl_findings *f);

/** Whether s[0..len) is exactly one JSON value (RFC 8259), with strictly
 *  valid UTF-8 in its strings, surrounded by optional whitespace. */
int fuzz_json_valid(const char *s, size_t len);

#endif

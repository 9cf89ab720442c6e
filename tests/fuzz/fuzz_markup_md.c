/*
 * Fuzz target: the Markdown reader, and the plain-text reader (which has no
 * target of its own), against the invariants of markup_invariants.h.
 */
#include "markup_invariants.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_reader(fl__markup_md, FL_FORMAT_MARKDOWN, data, size);
    check_reader(fl__markup_plain, FL_FORMAT_PLAIN, data, size);
    return 0;
}

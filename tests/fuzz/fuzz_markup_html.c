/*
 * Fuzz target: the HTML reader against the invariants of
 * markup_invariants.h.
 */
#include "markup_invariants.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_reader(fl__markup_html, FL_FORMAT_HTML, data, size);
    return 0;
}

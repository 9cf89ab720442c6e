/*
 * Fuzz target: the .odt reader, through the public API (see
 * package_harness.h for the input's shape and the checks).
 */
#include "package_harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    harness_run(FL_FORMAT_ODT, data, size);
    return 0;
}

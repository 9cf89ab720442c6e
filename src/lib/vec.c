/*
 * vec: the one growth policy for arrays (double, start at 8).
 */
#include "vec.h"

#include <stdint.h>

int fl__vec_reserve(const fl_allocator *a, void **ptr, size_t *cap,
                    size_t need, size_t elem)
{
    if (need <= *cap)
        return FL_OK;
    size_t n = *cap ? *cap : 8;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return FL_ENOMEM;
        n *= 2;
    }
    void *p = fl__reallocarray(a, *ptr, n, elem);
    if (!p)
        return FL_ENOMEM;
    *ptr = p;
    *cap = n;
    return FL_OK;
}

// grow.c — amortized array growth (see grow.h): the capacity at least
// doubles, so the copies made by n appends add up to O(n).
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/grow.h"

// ml_grow_array_slow_ — ml_grow_array_ (grow.h) once the array is full. The
// array is passed by the address of its pointer, whatever its element type,
// and read and written with memcpy (every object pointer has one
// representation on the platforms memlab runs on), so the caller's `T *` is
// never accessed through a `void *` lvalue.
bool ml_grow_array_slow_(void *arrp, size_t *cap, size_t need, size_t elemsize, size_t first)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap ? *cap : first;
    if (*cap && ncap <= SIZE_MAX / 2)
        ncap *= 2;
    if (ncap < need)
        ncap = need;
    if (elemsize && ncap > SIZE_MAX / elemsize)
        return false;
    void *old;
    memcpy(&old, arrp, sizeof old);
    void *grown = realloc(old, ncap * elemsize);
    if (!grown)
        return false;
    memcpy(arrp, &grown, sizeof grown);
    *cap = ncap;
    return true;
}

// sizeclass.c — Go's size-class table (runtime/sizeclasses.go, Go 1.21+) and
// the O(1) size → class lookup built on it.
//
// Data:
//   class_table[c]      object size and pages per span of class c (1..67);
//                       class 0 stands for "large object" and is all zeros.
//   class_of_size8[i]   the class of a request of 8*i bytes, for requests up
//                       to ML_SMALL_SIZE_MAX (1024) bytes;
//   class_of_size128[i] the class of a request of 1024 + 128*i bytes, for
//                       requests up to ML_MAX_SMALL_SIZE (32768).
//
// Lookup (Go's size_to_class8 / size_to_class128): a request of n bytes is
// first rounded up to the table's step (8 or 128), then one table read gives
// the class. This is exact because every class size above 1024 is a multiple
// of 128 and every class size up to 1024 a multiple of 8: rounding a request
// up to the step never crosses a class boundary.
//
// The two lookup tables are constant data, derived from class_table (entry i
// is the smallest class whose size is at least the step's size). They are
// fixed at compile time, so lookups need no initialisation and no lock;
// tests/core/test_sizeclass.c checks every size 1..32768 against a brute-force
// search of class_table.
//
// Waste, as in the comment Go's mksizeclasses.go writes above the table:
//   tail waste = span bytes - objects * object size
//   max waste  = ((size - previous size - 1) * objects + tail waste) / span bytes
// i.e. every slot holds the smallest request that still maps to the class.
#include "memlab/sizeclass.h"

#include <stdint.h>

#define SC_PAGE_BYTES 8192u // Go's _PageSize; equals ML_PAGE_SIZE

typedef struct sc_class {
    uint16_t size;  // object size in bytes
    uint8_t npages; // 8 KiB pages per span
} sc_class_t;

// Go 1.21+ runtime/sizeclasses.go: class → (bytes/obj, bytes/span / 8192).
static const sc_class_t class_table[ML_NUM_SIZE_CLASSES] = {
    { 0, 0 },                                                              //  0 large
    { 8, 1 },     { 16, 1 },    { 24, 1 },    { 32, 1 },    { 48, 1 },     //  1.. 5
    { 64, 1 },    { 80, 1 },    { 96, 1 },    { 112, 1 },   { 128, 1 },    //  6..10
    { 144, 1 },   { 160, 1 },   { 176, 1 },   { 192, 1 },   { 208, 1 },    // 11..15
    { 224, 1 },   { 240, 1 },   { 256, 1 },   { 288, 1 },   { 320, 1 },    // 16..20
    { 352, 1 },   { 384, 1 },   { 416, 1 },   { 448, 1 },   { 480, 1 },    // 21..25
    { 512, 1 },   { 576, 1 },   { 640, 1 },   { 704, 1 },   { 768, 1 },    // 26..30
    { 896, 1 },   { 1024, 1 },  { 1152, 1 },  { 1280, 1 },  { 1408, 2 },   // 31..35
    { 1536, 1 },  { 1792, 2 },  { 2048, 1 },  { 2304, 2 },  { 2688, 1 },   // 36..40
    { 3072, 3 },  { 3200, 2 },  { 3456, 3 },  { 4096, 1 },  { 4864, 3 },   // 41..45
    { 5376, 2 },  { 6144, 3 },  { 6528, 4 },  { 6784, 5 },  { 6912, 6 },   // 46..50
    { 8192, 1 },  { 9472, 7 },  { 9728, 6 },  { 10240, 5 }, { 10880, 4 },  // 51..55
    { 12288, 3 }, { 13568, 5 }, { 14336, 7 }, { 16384, 2 }, { 18432, 9 },  // 56..60
    { 19072, 7 }, { 20480, 5 }, { 21760, 8 }, { 24576, 3 }, { 27264, 10 }, // 61..65
    { 28672, 7 }, { 32768, 4 },                                            // 66..67
};

// class_of_size8[i]: smallest class with size >= 8*i (i = 0..128).
static const uint8_t class_of_size8[ML_SMALL_SIZE_MAX / ML_SMALL_SIZE_DIV + 1] = {
    0,  1,  2,  3,  4,  5,  5,  6,  6,  7,  7,  8,  8,  9,  9,  10, 10, 11, 11, 12, 12, 13,
    13, 14, 14, 15, 15, 16, 16, 17, 17, 18, 18, 19, 19, 19, 19, 20, 20, 20, 20, 21, 21, 21,
    21, 22, 22, 22, 22, 23, 23, 23, 23, 24, 24, 24, 24, 25, 25, 25, 25, 26, 26, 26, 26, 27,
    27, 27, 27, 27, 27, 27, 27, 28, 28, 28, 28, 28, 28, 28, 28, 29, 29, 29, 29, 29, 29, 29,
    29, 30, 30, 30, 30, 30, 30, 30, 30, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31,
    31, 31, 31, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32,
};

// class_of_size128[i]: smallest class with size >= 1024 + 128*i (i = 0..248).
static const uint8_t
    class_of_size128[(ML_MAX_SMALL_SIZE - ML_SMALL_SIZE_MAX) / ML_LARGE_SIZE_DIV + 1] = {
        32, 33, 34, 35, 36, 37, 37, 38, 38, 39, 39, 40, 40, 40, 41, 41, 41, 42, 43, 43, 44, 44, 44,
        44, 44, 45, 45, 45, 45, 45, 45, 46, 46, 46, 46, 47, 47, 47, 47, 47, 47, 48, 48, 48, 49, 49,
        50, 51, 51, 51, 51, 51, 51, 51, 51, 51, 51, 52, 52, 52, 52, 52, 52, 52, 52, 52, 52, 53, 53,
        54, 54, 54, 54, 55, 55, 55, 55, 55, 56, 56, 56, 56, 56, 56, 56, 56, 56, 56, 56, 57, 57, 57,
        57, 57, 57, 57, 57, 57, 57, 58, 58, 58, 58, 58, 58, 59, 59, 59, 59, 59, 59, 59, 59, 59, 59,
        59, 59, 59, 59, 59, 59, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 61,
        61, 61, 61, 61, 62, 62, 62, 62, 62, 62, 62, 62, 62, 62, 62, 63, 63, 63, 63, 63, 63, 63, 63,
        63, 63, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
        64, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 65, 66,
        66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67,
        67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67, 67,
    };

_Static_assert(sizeof class_table / sizeof class_table[0] == ML_NUM_SIZE_CLASSES,
               "class_table must have one row per class");

static inline int valid_class(int c)
{
    return c > 0 && c < ML_NUM_SIZE_CLASSES;
}

// ml_size_to_class — O(1): one rounding, one table read. 0 for size 0 and for
// large sizes.
int ml_size_to_class(size_t size)
{
    if (size <= ML_SMALL_SIZE_MAX)
        return class_of_size8[(size + ML_SMALL_SIZE_DIV - 1) / ML_SMALL_SIZE_DIV];
    if (size <= ML_MAX_SMALL_SIZE)
        return class_of_size128[(size - ML_SMALL_SIZE_MAX + ML_LARGE_SIZE_DIV - 1) /
                                ML_LARGE_SIZE_DIV];
    return 0;
}

// ml_class_size — object size of the class; 0 for class 0 or out of range.
size_t ml_class_size(int sizeclass)
{
    return valid_class(sizeclass) ? class_table[sizeclass].size : 0;
}

// ml_class_npages — pages per span of the class; 0 for class 0 or out of range.
size_t ml_class_npages(int sizeclass)
{
    return valid_class(sizeclass) ? class_table[sizeclass].npages : 0;
}

// ml_class_nobjs — objects per span; 0 for class 0 or out of range.
size_t ml_class_nobjs(int sizeclass)
{
    if (!valid_class(sizeclass))
        return 0;
    return (size_t)class_table[sizeclass].npages * SC_PAGE_BYTES / class_table[sizeclass].size;
}

// ml_round_size — the class's object size for small requests; large requests
// rounded up to whole 8 KiB pages. A request so large that rounding would
// overflow is returned unchanged (the page heap will refuse it anyway).
// ml_round_size(0) is 0.
size_t ml_round_size(size_t size)
{
    if (size <= ML_MAX_SMALL_SIZE)
        return ml_class_size(ml_size_to_class(size));
    if (size + SC_PAGE_BYTES < size)
        return size;
    return (size + SC_PAGE_BYTES - 1) & ~(size_t)(SC_PAGE_BYTES - 1);
}

// ml_class_tail_waste — span bytes not covered by any object; 0 for class 0
// or out of range.
size_t ml_class_tail_waste(int sizeclass)
{
    if (!valid_class(sizeclass))
        return 0;
    size_t span = (size_t)class_table[sizeclass].npages * SC_PAGE_BYTES;
    return span - ml_class_nobjs(sizeclass) * class_table[sizeclass].size;
}

// ml_class_max_waste — the worst-case fraction of a span lost to rounding
// and to the tail: every slot holds a request one byte larger than the
// previous class's size. 0 for class 0 or out of range.
double ml_class_max_waste(int sizeclass)
{
    if (!valid_class(sizeclass))
        return 0.0;
    size_t size = class_table[sizeclass].size;
    size_t prev = class_table[sizeclass - 1].size; // 0 before class 1
    size_t span = (size_t)class_table[sizeclass].npages * SC_PAGE_BYTES;
    size_t lost = (size - prev - 1) * ml_class_nobjs(sizeclass) + ml_class_tail_waste(sizeclass);
    return (double)lost / (double)span;
}

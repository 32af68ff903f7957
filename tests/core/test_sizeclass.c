// test_sizeclass.c — unit tests of the size-class table (common/src/sizeclass.c).
//
// The expected values below are Go's own table (the comment at the top of
// runtime/sizeclasses.go, Go 1.21+): object size, span bytes, objects per
// span, tail waste and max waste per class. The size → class tests compare
// the O(1) lookup with a brute-force search of the table for every size.
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>

#include "memlab/sizeclass.h"

typedef struct go_class {
    unsigned size, span_bytes, objects, tail_waste;
    double max_waste_pct;
} go_class_t;

// Go 1.21+ runtime/sizeclasses.go, classes 1..67 (index 0 unused).
static const go_class_t go_table[ML_NUM_SIZE_CLASSES] = {
    { 0, 0, 0, 0, 0.0 },
    { 8, 8192, 1024, 0, 87.50 },
    { 16, 8192, 512, 0, 43.75 },
    { 24, 8192, 341, 8, 29.24 },
    { 32, 8192, 256, 0, 21.88 },
    { 48, 8192, 170, 32, 31.52 },
    { 64, 8192, 128, 0, 23.44 },
    { 80, 8192, 102, 32, 19.07 },
    { 96, 8192, 85, 32, 15.95 },
    { 112, 8192, 73, 16, 13.56 },
    { 128, 8192, 64, 0, 11.72 },
    { 144, 8192, 56, 128, 11.82 },
    { 160, 8192, 51, 32, 9.73 },
    { 176, 8192, 46, 96, 9.59 },
    { 192, 8192, 42, 128, 9.25 },
    { 208, 8192, 39, 80, 8.12 },
    { 224, 8192, 36, 128, 8.15 },
    { 240, 8192, 34, 32, 6.62 },
    { 256, 8192, 32, 0, 5.86 },
    { 288, 8192, 28, 128, 12.16 },
    { 320, 8192, 25, 192, 11.80 },
    { 352, 8192, 23, 96, 9.88 },
    { 384, 8192, 21, 128, 9.51 },
    { 416, 8192, 19, 288, 10.71 },
    { 448, 8192, 18, 128, 8.37 },
    { 480, 8192, 17, 32, 6.82 },
    { 512, 8192, 16, 0, 6.05 },
    { 576, 8192, 14, 128, 12.33 },
    { 640, 8192, 12, 512, 15.48 },
    { 704, 8192, 11, 448, 13.93 },
    { 768, 8192, 10, 512, 13.94 },
    { 896, 8192, 9, 128, 15.52 },
    { 1024, 8192, 8, 0, 12.40 },
    { 1152, 8192, 7, 128, 12.41 },
    { 1280, 8192, 6, 512, 15.55 },
    { 1408, 16384, 11, 896, 14.00 },
    { 1536, 8192, 5, 512, 14.00 },
    { 1792, 16384, 9, 256, 15.57 },
    { 2048, 8192, 4, 0, 12.45 },
    { 2304, 16384, 7, 256, 12.46 },
    { 2688, 8192, 3, 128, 15.59 },
    { 3072, 24576, 8, 0, 12.47 },
    { 3200, 16384, 5, 384, 6.22 },
    { 3456, 24576, 7, 384, 8.83 },
    { 4096, 8192, 2, 0, 15.60 },
    { 4864, 24576, 5, 256, 16.65 },
    { 5376, 16384, 3, 256, 10.92 },
    { 6144, 24576, 4, 0, 12.48 },
    { 6528, 32768, 5, 128, 6.23 },
    { 6784, 40960, 6, 256, 4.36 },
    { 6912, 49152, 7, 768, 3.37 },
    { 8192, 8192, 1, 0, 15.61 },
    { 9472, 57344, 6, 512, 14.28 },
    { 9728, 49152, 5, 512, 3.64 },
    { 10240, 40960, 4, 0, 4.99 },
    { 10880, 32768, 3, 128, 6.24 },
    { 12288, 24576, 2, 0, 11.45 },
    { 13568, 40960, 3, 256, 9.99 },
    { 14336, 57344, 4, 0, 5.35 },
    { 16384, 16384, 1, 0, 12.49 },
    { 18432, 73728, 4, 0, 11.11 },
    { 19072, 57344, 3, 128, 3.57 },
    { 20480, 40960, 2, 0, 6.87 },
    { 21760, 65536, 3, 256, 6.25 },
    { 24576, 24576, 1, 0, 11.45 },
    { 27264, 81920, 3, 128, 10.00 },
    { 28672, 57344, 2, 0, 4.91 },
    { 32768, 32768, 1, 0, 12.50 },
};

// The oracle: the smallest class whose object size holds `size` (linear scan).
static int brute_force_class(size_t size)
{
    if (size == 0)
        return 0;
    for (int c = 1; c < ML_NUM_SIZE_CLASSES; c++)
        if (go_table[c].size >= size)
            return c;
    return 0;
}

Test(sizeclass, table_has_68_classes_and_max_small_size_32768, .timeout = 5)
{
    cr_assert_eq(ML_NUM_SIZE_CLASSES, 68, "Go 1.21+ has 68 classes including class 0");
    cr_assert_eq(ML_MAX_SMALL_SIZE, 32768);
    cr_assert_eq(ml_class_size(ML_NUM_SIZE_CLASSES - 1), 32768,
                 "the last class holds the largest small object");
}

Test(sizeclass, every_class_matches_go_size_pages_and_objects, .timeout = 5)
{
    for (int c = 1; c < ML_NUM_SIZE_CLASSES; c++) {
        const go_class_t *g = &go_table[c];
        cr_assert_eq(ml_class_size(c), g->size, "class %d: size %zu, Go has %u", c,
                     ml_class_size(c), g->size);
        cr_assert_eq(ml_class_npages(c) * 8192, g->span_bytes,
                     "class %d: %zu pages per span, Go has %u bytes/span", c, ml_class_npages(c),
                     g->span_bytes);
        cr_assert_eq(ml_class_nobjs(c), g->objects, "class %d: %zu objects per span, Go has %u", c,
                     ml_class_nobjs(c), g->objects);
    }
}

Test(sizeclass, class_zero_and_out_of_range_classes_are_all_zero, .timeout = 5)
{
    int bad[] = { 0, -1, ML_NUM_SIZE_CLASSES, 1000 };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int c = bad[i];
        cr_assert_eq(ml_class_size(c), 0, "class %d must have size 0", c);
        cr_assert_eq(ml_class_npages(c), 0, "class %d must have 0 pages", c);
        cr_assert_eq(ml_class_nobjs(c), 0, "class %d must have 0 objects", c);
        cr_assert_eq(ml_class_tail_waste(c), 0, "class %d must have no tail waste", c);
        cr_assert_eq(ml_class_max_waste(c), 0.0, "class %d must have no max waste", c);
    }
}

Test(sizeclass, class_sizes_strictly_increase_and_stay_8_byte_aligned, .timeout = 5)
{
    for (int c = 1; c < ML_NUM_SIZE_CLASSES; c++) {
        cr_assert_eq(ml_class_size(c) % 8, 0, "class %d size %zu is not a multiple of 8", c,
                     ml_class_size(c));
        if (c > 1)
            cr_assert_gt(ml_class_size(c), ml_class_size(c - 1),
                         "class %d (%zu) is not larger than class %d (%zu)", c, ml_class_size(c),
                         c - 1, ml_class_size(c - 1));
        if (ml_class_size(c) > ML_SMALL_SIZE_MAX)
            cr_assert_eq(ml_class_size(c) % ML_LARGE_SIZE_DIV, 0,
                         "class %d size %zu above 1024 must be a multiple of 128 "
                         "for the 128-byte lookup table to be exact",
                         c, ml_class_size(c));
    }
}

Test(sizeclass, size_to_class_is_the_smallest_fitting_class_for_every_small_size, .timeout = 10)
{
    for (size_t n = 1; n <= ML_MAX_SMALL_SIZE; n++) {
        int want = brute_force_class(n);
        int got = ml_size_to_class(n);
        cr_assert_eq(got, want,
                     "size %zu: class %d (size %zu), the smallest fitting class is "
                     "%d (size %u)",
                     n, got, ml_class_size(got), want, go_table[want].size);
    }
}

Test(sizeclass, size_to_class_boundaries, .timeout = 5)
{
    cr_assert_eq(ml_size_to_class(0), 0, "size 0 maps to class 0");
    cr_assert_eq(ml_size_to_class(1), 1, "size 1 maps to the 8-byte class");
    cr_assert_eq(ml_size_to_class(8), 1);
    cr_assert_eq(ml_size_to_class(9), 2);
    cr_assert_eq(ml_size_to_class(17), 3, "17 bytes go to the 24-byte class");
    cr_assert_eq(ml_size_to_class(1024), 32, "1024 is the last size of the 8-byte table");
    cr_assert_eq(ml_size_to_class(1025), 33, "1025 is the first size of the 128-byte table");
    cr_assert_eq(ml_size_to_class(32767), 67);
    cr_assert_eq(ml_size_to_class(32768), 67, "32768 is the largest small size");
    cr_assert_eq(ml_size_to_class(32769), 0, "32769 is a large object (class 0)");
    cr_assert_eq(ml_size_to_class(1u << 20), 0);
    cr_assert_eq(ml_size_to_class(SIZE_MAX), 0, "SIZE_MAX must not index out of the tables");
}

Test(sizeclass, each_class_size_maps_to_its_own_class_and_one_more_byte_to_the_next, .timeout = 5)
{
    for (int c = 1; c < ML_NUM_SIZE_CLASSES; c++) {
        size_t sz = ml_class_size(c);
        cr_assert_eq(ml_size_to_class(sz), c, "size %zu should be class %d", sz, c);
        int next = c + 1 < ML_NUM_SIZE_CLASSES ? c + 1 : 0;
        cr_assert_eq(ml_size_to_class(sz + 1), next, "size %zu should be class %d", sz + 1, next);
    }
}

Test(sizeclass, round_size_uses_class_sizes_then_whole_pages, .timeout = 5)
{
    cr_assert_eq(ml_round_size(0), 0);
    cr_assert_eq(ml_round_size(1), 8);
    cr_assert_eq(ml_round_size(33), 48);
    cr_assert_eq(ml_round_size(1025), 1152);
    cr_assert_eq(ml_round_size(32768), 32768);
    cr_assert_eq(ml_round_size(32769), 40960, "large sizes round up to 8 KiB pages");
    cr_assert_eq(ml_round_size(40960), 40960);
    cr_assert_eq(ml_round_size(40961), 49152);
    cr_assert_eq(ml_round_size(SIZE_MAX), SIZE_MAX, "rounding must not overflow");
    for (size_t n = 1; n <= ML_MAX_SMALL_SIZE; n += 7)
        cr_assert_eq(ml_round_size(n), ml_class_size(brute_force_class(n)),
                     "size %zu rounds to %zu", n, ml_round_size(n));
}

Test(sizeclass, tail_waste_matches_go_for_every_class, .timeout = 5)
{
    for (int c = 1; c < ML_NUM_SIZE_CLASSES; c++)
        cr_assert_eq(ml_class_tail_waste(c), go_table[c].tail_waste,
                     "class %d (size %u): tail waste %zu, Go has %u", c, go_table[c].size,
                     ml_class_tail_waste(c), go_table[c].tail_waste);
}

Test(sizeclass, max_waste_matches_go_percentages_for_every_class, .timeout = 5)
{
    for (int c = 1; c < ML_NUM_SIZE_CLASSES; c++) {
        double pct = 100.0 * ml_class_max_waste(c);
        // Go prints two decimals: the true value is within half a unit of them.
        cr_assert_lt(fabs(pct - go_table[c].max_waste_pct), 0.005 + 1e-9,
                     "class %d (size %u): max waste %.4f%%, Go has %.2f%%", c, go_table[c].size,
                     pct, go_table[c].max_waste_pct);
    }
}

Test(sizeclass, max_waste_of_a_few_classes_by_hand, .timeout = 5)
{
    // class 1: 7 wasted bytes in each of 1024 slots = 7168 / 8192.
    cr_assert_float_eq(ml_class_max_waste(1), 7168.0 / 8192.0, 1e-12);
    // class 3 (24 B): (24-16-1)*341 + 8 tail = 2395 / 8192.
    cr_assert_float_eq(ml_class_max_waste(3), 2395.0 / 8192.0, 1e-12);
    // class 35 (1408 B, 2 pages): (1408-1280-1)*11 + 896 = 2293 / 16384.
    cr_assert_float_eq(ml_class_max_waste(35), 2293.0 / 16384.0, 1e-12);
    // class 67 (32768 B, 4 pages): (32768-28672-1)*1 / 32768.
    cr_assert_float_eq(ml_class_max_waste(67), 4095.0 / 32768.0, 1e-12);
}

Test(sizeclass, a_span_never_holds_more_bytes_than_its_pages, .timeout = 5)
{
    for (int c = 1; c < ML_NUM_SIZE_CLASSES; c++) {
        size_t span = ml_class_npages(c) * 8192;
        cr_assert_eq(ml_class_nobjs(c) * ml_class_size(c) + ml_class_tail_waste(c), span,
                     "class %d: objects + tail must fill the span exactly", c);
        cr_assert_lt(ml_class_tail_waste(c), ml_class_size(c),
                     "class %d: the tail must be smaller than one object", c);
    }
}

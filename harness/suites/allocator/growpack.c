// growpack.c — a part of realloc/growing_keeps_the_data (its caller, in
// realloc.c), so the rubric in ../allocator.c is unchanged: small blocks
// grown a few bytes at a time by mm_realloc must keep their bytes and
// still share spans with other blocks.
//
// Why: an allocator may give a growing block room to grow (Go's growslice
// grows a slice by a factor; the reference moves some growing blocks into
// spans of their own), but a small block grown by a few bytes that takes a
// page of its own costs 50 times its size. Grown one at a time, such
// blocks look like any other; grown by the hundred (the strings of a
// program appending a few characters each), they fill the heap.
//
// The rules checked (mm.h: mm_realloc; handout: realloc and calloc): each
// grown block holds its first bytes, and the blocks take at most twice the
// bytes of the size classes they passed through (a thread may hold back
// what it freed), plus 64 KiB of spare spans per class.
#include <stddef.h>

#include "support/checker.h"
#include "memlab/grade.h"
#include "memlab/sizeclass.h"
#include "mm.h"
#include "allocator_suite.h"

#define GROWN 256 // blocks grown

void suite_growpack_small_blocks_grown(void)
{
    static const size_t steps[] = { 100, 120, 140, 170 };
    enum { NSTEPS = sizeof steps / sizeof steps[0] };
    static void *b[GROWN];
    suite_fresh(ARENA);
    size_t base = suite_inuse(), allowed = 0;
    for (size_t k = 0; k < NSTEPS; k++)
        allowed += 2 * GROWN * ml_class_size(suite_usable_class(steps[k])) + SPARE_ALLOWANCE;
    for (size_t i = 0; i < GROWN; i++) {
        b[i] = suite_must_alloc(steps[0], "in a fresh heap");
        checker_fill(b[i], (uint32_t)i, 0, steps[0]);
    }
    for (size_t k = 1; k < NSTEPS; k++)
        for (size_t i = 0; i < GROWN; i++) {
            void *p = mm_realloc(b[i], steps[k]);
            cr_assert(p,
                      "mm_realloc of block %zu from %zu to %zu bytes returned NULL in a fresh heap",
                      i, steps[k - 1], steps[k]);
            b[i] = p;
            size_t bad = checker_verify(p, (uint32_t)i, 0, steps[k - 1]);
            cr_assert(bad == steps[k - 1],
                      "block %zu, grown by mm_realloc from %zu to %zu bytes, lost its byte %zu "
                      "(mm.h: mm_realloc keeps the first min(old size, size) bytes)",
                      i, steps[k - 1], steps[k], bad);
            checker_fill(p, (uint32_t)i, steps[k - 1], steps[k]);
        }
    size_t used = suite_inuse() - base;
    cr_assert(used <= allowed,
              "%d blocks of %zu bytes, each grown by mm_realloc to %zu, %zu and %zu bytes, take "
              "%zu KiB in spans, more than %zu KiB (twice the bytes of the size classes they "
              "passed through, and %d KiB of spare spans per class): a small block that grows "
              "by a few bytes must still share its span with other blocks (handout: realloc "
              "and calloc)",
              GROWN, steps[0], steps[1], steps[2], steps[3], used / 1024, allowed / 1024,
              SPARE_ALLOWANCE / 1024);
    for (size_t i = 0; i < GROWN; i++)
        mm_free(b[i]);
}

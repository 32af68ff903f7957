// reuselarge.c — the allocator suite's test that the pages of spans whose
// objects a live thread freed serve a large object: the third part of
// spans/freed_objects_are_reused (its first two parts, the same class and a
// class with longer spans, are in spans.c).
//
// A thread may keep some of what it frees: mm.h (mm_free) lets it hold back
// 256 KiB of freed objects per class, and the handout lets a class keep
// 64 KiB of empty spans. Past that, the pages of spans whose objects are all
// free must serve the allocations that follow, whatever they are, before
// the page heap gives out new pages. The second part asks it of a class with
// longer spans, a span at a time; a large object asks for many pages at
// once, after the thread has emptied spans of two classes:
//   1. the test's thread allocates REUSE_LARGE_SMALL bytes of 48-byte blocks
//      (less than a thread may hold back) and REUSE_LARGE_BYTES of 64-byte
//      blocks, and measures HeapInuse;
//   2. it frees all of them, the 48-byte ones last, and, still alive,
//      allocates one block of REUSE_LARGE_BLOCK bytes: HeapInuse may have
//      grown by what the two classes may keep (held back and spare) and a
//      few pages, not by the block's size.
#include <stdlib.h>

#include "memlab/grade.h"
#include "mm.h"
#include "allocator_suite.h"

#define REUSE_LARGE_BYTES (4 * MIB)    // of 64-byte blocks
#define REUSE_LARGE_SMALL (192 * 1024) // of 48-byte blocks
#define REUSE_LARGE_BLOCK (2 * MIB)    // the large block asked for after

// suite_spans_reused_by_a_large_object — the scenario above; fails the test
// when the large block took new pages instead of the freed spans' pages.
void suite_spans_reused_by_a_large_object(void)
{
    enum { SIZE_A = 64, SIZE_C = 48 };
    size_t na = REUSE_LARGE_BYTES / SIZE_A, nc = REUSE_LARGE_SMALL / SIZE_C;
    void **a = calloc(na, sizeof *a), **c = calloc(nc, sizeof *c);
    cr_assert(a && c, "internal: out of memory");
    suite_fresh(ARENA);
    for (size_t i = 0; i < nc; i++)
        c[i] = suite_must_alloc(SIZE_C, "in a fresh heap");
    for (size_t i = 0; i < na; i++)
        a[i] = suite_must_alloc(SIZE_A, "in a fresh heap");
    size_t first = suite_inuse();
    for (size_t i = 0; i < na; i++)
        mm_free(a[i]);
    for (size_t i = 0; i < nc; i++)
        mm_free(c[i]);
    void *big = suite_must_alloc(REUSE_LARGE_BLOCK, "after freeing every block");
    size_t second = suite_inuse();
    size_t allowance = 2 * (HOLD_ALLOWANCE + SPARE_ALLOWANCE) + 4 * PAGE;
    cr_assert(second <= first + allowance,
              "a thread allocated %zu blocks of %d bytes and %zu blocks of %d bytes (%zu KiB "
              "in spans), freed them all and, still alive, allocated one block of %zu KiB: "
              "now %zu KiB are in spans, more than %zu KiB over the first figure. The pages "
              "of spans whose objects are all free must serve the allocations that follow, "
              "large objects too (a thread may hold back %d KiB of freed objects per class, "
              "and %d KiB of empty spans per class may stay spare; handout: Spans and the "
              "mcentral, The mcache)",
              nc, SIZE_C, na, SIZE_A, first / 1024, (size_t)REUSE_LARGE_BLOCK / 1024, second / 1024,
              allowance / 1024, HOLD_ALLOWANCE / 1024, SPARE_ALLOWANCE / 1024);
    mm_free(big);
    free(a);
    free(c);
}

// large.c — the allocator suite's tests of large objects (over 32 KiB,
// Go's mcache.allocLarge): whole pages straight from the page heap, given
// back on free, and requests too big for the heap refused with NULL.
#include <stdint.h>

#include "support/checker.h"
#include "memlab/grade.h"
#include "memlab/pageheap.h"
#include "mm.h"
#include "allocator_suite.h"

// pages — how many pages `bytes` take, rounded up.
static size_t pages(size_t bytes)
{
    return (bytes + PAGE - 1) / PAGE;
}

void suite_large_objects_take_their_pages_from_the_page_heap(void)
{
    static const size_t sizes[] = { 32769, 100000, 1 << 20, 3 * MIB + 5 };
    suite_fresh(ARENA);
    for (size_t k = 0; k < 4; k++) {
        size_t size = sizes[k], before = suite_inuse();
        unsigned char *p = suite_must_alloc(size, "for a large object");
        size_t got = (suite_inuse() - before) / PAGE;
        cr_assert(got == pages(size),
                  "mm_malloc(%zu) should take exactly %zu pages from the page heap, it took %zu",
                  size, pages(size), got);
        ml_span_t *s = ml_pageheap_span_of(suite_heap, p);
        cr_assert(s && (uintptr_t)p + size <= s->base + s->npages * PAGE,
                  "mm_malloc(%zu) returned %p, which is not inside one span", size, (void *)p);
        cr_assert((uintptr_t)p % 16 == 0, "mm_malloc(%zu) returned %p, not 16-byte aligned", size,
                  (void *)p);
        checker_fill(p, (uint32_t)k, 0, size);
        cr_assert(checker_verify(p, (uint32_t)k, 0, size) == size, "internal: pattern");
    }
}

void suite_large_pages_go_back_when_freed(void)
{
    static const size_t sizes[] = { 40000,       65536, 100001, 250000,  1 << 20,
                                    2 * MIB + 1, 33000, 500000, 4 * MIB, 70000 };
    void *b[10];
    suite_fresh(ARENA);
    suite_must_alloc(100, "for a small block"); // classes may hold spans; large ones must not
    size_t base = suite_inuse();
    for (int k = 0; k < 10; k++)
        b[k] = suite_must_alloc(sizes[k], "for a large object");
    for (int k = 0; k < 10; k += 2)
        mm_free(b[k]);
    for (int k = 1; k < 10; k += 2)
        mm_free(b[k]);
    cr_assert(suite_inuse() == base,
              "after allocating and freeing 10 large objects the page heap has %zu bytes in "
              "spans, %zu more than before: a large object's pages must go back on free",
              suite_inuse(), suite_inuse() - base);
    void *p = suite_must_alloc(50000, "for a large object");
    p = mm_realloc(p, 300000);
    cr_assert(p, "mm_realloc(p, 300000) of a large object returned NULL");
    mm_free(p);
    cr_assert(suite_inuse() == base,
              "a large object grown by mm_realloc and freed left %zu bytes "
              "in spans",
              suite_inuse() - base);
}

void suite_large_impossible_requests_return_null(void)
{
    suite_fresh(ARENA);
    void *keep = suite_must_alloc(100, "for a small block");
    size_t base = suite_inuse();
    static const size_t huge[] = { SIZE_MAX,        SIZE_MAX - 8191, SIZE_MAX / 2 + 1,
                                   (size_t)1 << 40, ARENA + 1,       ARENA + PAGE };
    for (int k = 0; k < 6; k++)
        cr_assert(mm_malloc(huge[k]) == NULL,
                  "mm_malloc(%zu) returned a block, but the heap has only %zu MiB", huge[k],
                  ARENA / MIB);
    // mm_realloc of a small and of a large block to sizes no heap holds,
    // also those whose quarter or double wraps around to a few bytes
    // (SIZE_MAX / 5 * 4 + 8 plus a quarter of it is 9 past SIZE_MAX, and
    // SIZE_MAX rounded up to whole pages is 0 pages): NULL, and the block
    // untouched.
    static const size_t grow[] = { SIZE_MAX,         SIZE_MAX / 5 * 4 + 8,
                                   SIZE_MAX / 2 + 1, (size_t)1 << 40,
                                   ARENA + 1,        ARENA + PAGE };
    void *big = suite_must_alloc(50000, "for a large object");
    checker_fill(keep, 1, 0, 100);
    checker_fill(big, 2, 0, 50000);
    void *const blocks[2] = { keep, big };
    static const size_t sizes[2] = { 100, 50000 };
    for (int k = 0; k < 6; k++)
        for (int b = 0; b < 2; b++)
            cr_assert(mm_realloc(blocks[b], grow[k]) == NULL,
                      "mm_realloc(p, %zu) of a block of %zu bytes returned a block, but the "
                      "heap has only %zu MiB (mm.h: mm_realloc returns NULL when the memory "
                      "cannot be found, and leaves p alone; handout: Large objects, check n "
                      "before you compute with it)",
                      grow[k], sizes[b], ARENA / MIB);
    cr_assert(checker_verify(keep, 1, 0, 100) == 100 && checker_verify(big, 2, 0, 50000) == 50000,
              "after failed mm_realloc calls to sizes no heap holds, the blocks' bytes changed "
              "(mm.h: mm_realloc leaves ptr untouched when it returns NULL)");
    mm_free(big);
    cr_assert(suite_inuse() == base, "failed huge requests left %zu bytes in spans",
              suite_inuse() - base);
    cr_assert(mm_malloc(100), "mm_malloc(100) failed after the impossible requests");
    mm_free(keep);
}

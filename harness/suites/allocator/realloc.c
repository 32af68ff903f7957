// realloc.c — the allocator suite's tests of the rest of the malloc family:
// mm_realloc (NULL and 0, growing and shrinking keep the data, in place within
// a class) and mm_calloc (zeroed memory, overflow refused).
#include <stdint.h>
#include <string.h>

#include "support/checker.h"
#include "memlab/grade.h"
#include "memlab/sizeclass.h"
#include "mm.h"
#include "allocator_suite.h"

void suite_realloc_null_pointer_zero_size_and_free_null(void)
{
    suite_fresh(ARENA);
    cr_assert(mm_malloc(0) == NULL, "mm_malloc(0) should return NULL");
    mm_free(NULL);
    unsigned char *p = mm_realloc(NULL, 40);
    cr_assert(p, "mm_realloc(NULL, 40) should work like mm_malloc(40)");
    checker_fill(p, 1, 0, 40);
    cr_assert(mm_realloc(p, 0) == NULL, "mm_realloc(p, 0) should free p and return NULL");
    size_t base = suite_inuse();
    void *big = suite_must_alloc(100000, "for a large object");
    cr_assert(mm_realloc(big, 0) == NULL, "mm_realloc(p, 0) should free p and return NULL");
    cr_assert(suite_inuse() == base, "mm_realloc(p, 0) of a large object did not free its pages");
}

// resize_trace — a trace of eight blocks, each allocated at sizes[0] and
// reallocated through sizes[1..n) (plus its id), then freed; through the
// checker, which verifies every payload byte kept by each realloc.
static void resize_trace(const char *name, const size_t *sizes, size_t n, const char *what)
{
    synth_t s;
    suite_syn_init(&s, name, 8);
    for (uint32_t id = 0; id < 8; id++) {
        suite_syn_op(&s, ML_OP_ALLOC, id, sizes[0]);
        for (size_t k = 1; k < n; k++)
            suite_syn_op(&s, ML_OP_REALLOC, id, sizes[k] + id);
    }
    for (uint32_t id = 0; id < 8; id++)
        suite_syn_op(&s, ML_OP_FREE, id, 0);
    suite_syn_check(&s, what);
}

// large_block_moves_whole — a large block whose next pages are busy (the
// block allocated after it) cannot grow where it is: its realloc to 1 MiB
// moves it, and every byte of it must arrive. The 2 MiB freed before it
// leave room for the new block away from it, so the pages past its
// neighbour are ones no block ever had: a copy of the wrong length either
// loses bytes or reads pages that are not there.
static void large_block_moves_whole(void)
{
    enum { OLD = 40000, NEW = 1 << 20 };
    suite_fresh(ARENA);
    void *hole = suite_must_alloc(2 * MIB, "in a fresh heap");
    unsigned char *a = suite_must_alloc(OLD, "after a 2 MiB block in a fresh heap");
    unsigned char *b = suite_must_alloc(OLD, "after two large blocks in a fresh heap");
    mm_free(hole);
    checker_fill(a, 21, 0, OLD);
    checker_fill(b, 22, 0, OLD);
    unsigned char *q = mm_realloc(a, NEW);
    cr_assert(q,
              "mm_realloc of a %d-byte block to %d bytes returned NULL in a heap of %zu MiB "
              "with 2 MiB free",
              OLD, NEW, ARENA / MIB);
    size_t bad = checker_verify(q, 21, 0, OLD);
    cr_assert(bad == OLD,
              "a %d-byte block (a large object, the next block allocated right after it) "
              "grown with mm_realloc to %d bytes lost its byte %zu: all %d old bytes must "
              "arrive in the new block, wherever it lies (mm.h, mm_realloc; handout: realloc "
              "and calloc)",
              OLD, NEW, bad, OLD);
    cr_assert(checker_verify(b, 22, 0, OLD) == OLD,
              "growing a %d-byte block to %d bytes with mm_realloc changed the %d-byte block "
              "allocated after it: nothing outside the new block may be written (mm.h)",
              OLD, NEW, OLD);
    mm_free(q);
    mm_free(b);
}

// grown_then_moved — a large block grown (where it is, when the pages
// after it are free), then grown again after a block has been allocated
// after it (so that it may have to move): the bytes of its first growth
// must arrive too, whatever size the block had when it was allocated.
static void grown_then_moved(void)
{
    enum { OLD = 40000, MID = 80000, NEW = 1 << 20 };
    suite_fresh(ARENA);
    unsigned char *a = suite_must_alloc(OLD, "in a fresh heap");
    checker_fill(a, 23, 0, OLD);
    unsigned char *p = mm_realloc(a, MID);
    cr_assert(p, "mm_realloc of a %d-byte block to %d bytes returned NULL in a fresh heap", OLD,
              MID);
    checker_fill(p, 23, OLD, MID);
    unsigned char *b = suite_must_alloc(OLD, "after a large block in a fresh heap");
    checker_fill(b, 24, 0, OLD);
    unsigned char *q = mm_realloc(p, NEW);
    cr_assert(q, "mm_realloc of a %d-byte block to %d bytes returned NULL in a heap of %zu MiB",
              MID, NEW, ARENA / MIB);
    size_t bad = checker_verify(q, 23, 0, MID);
    cr_assert(bad == MID,
              "a block allocated at %d bytes, grown with mm_realloc to %d, then (another "
              "block allocated after it) to %d, lost its byte %zu: all %d bytes it held must "
              "arrive, wherever it lies (mm.h, mm_realloc; handout: realloc and calloc)",
              OLD, MID, NEW, bad, MID);
    cr_assert(checker_verify(b, 24, 0, OLD) == OLD,
              "growing a %d-byte block to %d bytes with mm_realloc changed the %d-byte block "
              "allocated after it: nothing outside the new block may be written (mm.h)",
              MID, NEW, OLD);
    mm_free(q);
    mm_free(b);
}

void suite_realloc_growing_keeps_the_data(void)
{
    static const size_t sizes[] = {
        3, 7, 12, 20, 40, 100, 1000, 5000, 30000, 40000, 200000, 1 << 20
    };
    resize_trace("realloc-grow", sizes, 12, "eight blocks grown from 3 bytes to 1 MiB");
    large_block_moves_whole();
    grown_then_moved();
    suite_growpack_small_blocks_grown(); // growpack.c
}

// across_the_large_threshold — one block shrunk from a large object to
// sizes on both sides of 32 KiB and grown back, every kept byte checked at
// each step (a large block that shrinks to half its pages or less moves, or
// stays: either way its prefix must be intact).
static void across_the_large_threshold(void)
{
    static const size_t steps[] = { 300000, 32769, 20000, 32768, 100, 32769, 65536, 24000 };
    suite_fresh(ARENA);
    unsigned char *p = suite_must_alloc(steps[0], "in a fresh heap");
    checker_fill(p, 31, 0, steps[0]);
    size_t kept = steps[0];
    for (size_t k = 1; k < sizeof steps / sizeof steps[0]; k++) {
        size_t from = kept, to = steps[k];
        p = mm_realloc(p, to);
        cr_assert(p,
                  "mm_realloc from %zu to %zu bytes (step %zu) returned NULL in a fresh "
                  "heap",
                  from, to, k);
        if (to < kept)
            kept = to;
        size_t bad = checker_verify(p, 31, 0, kept);
        cr_assert(bad == kept,
                  "a block allocated at %zu bytes, then resized by mm_realloc step by step, "
                  "lost its byte %zu at step %zu (from %zu to %zu bytes): the first %zu bytes "
                  "must be kept (mm.h, mm_realloc; handout: realloc and calloc)",
                  steps[0], bad, k, from, to, kept);
        checker_fill(p, 31, kept, to); // the bytes the block gained, for the next step
        kept = to;
    }
    mm_free(p);
}

void suite_realloc_shrinking_keeps_the_prefix(void)
{
    static const size_t sizes[] = {
        1 << 20, 200000, 40000, 30000, 5000, 1000, 100, 40, 20, 12, 7, 3
    };
    resize_trace("realloc-shrink", sizes, 12, "eight blocks shrunk from 1 MiB to 3 bytes");
    across_the_large_threshold();
}

void suite_realloc_stays_in_place_within_its_class(void)
{
    suite_fresh(ARENA);
    struct {
        size_t from, to;
    } cases[] = {
        { 20, 32 },     { 32, 17 },       { 900, 1024 },    { 1024, 897 },
        { 3000, 3072 }, { 40000, 40960 }, { 40960, 32769 },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        void *p = suite_must_alloc(cases[k].from, "from a fresh heap");
        void *q = mm_realloc(p, cases[k].to);
        cr_assert(q == p,
                  "mm_realloc of a %zu-byte block to %zu bytes moved it from %p to %p, but "
                  "%zu bytes still fit its %s",
                  cases[k].from, cases[k].to, p, q, cases[k].to,
                  cases[k].from > ML_MAX_SMALL_SIZE ? "pages" : "size class");
    }
}

void suite_realloc_calloc_zeroes_reused_memory(void)
{
    static const size_t sizes[] = { 24, 100, 1000, 5000, 40000, 300000 };
    suite_fresh(ARENA);
    for (size_t k = 0; k < 6; k++) {
        size_t size = sizes[k], n = size > 10000 ? 8 : 200;
        void *b[200];
        for (size_t i = 0; i < n; i++) {
            b[i] = suite_must_alloc(size, "while the heap has room");
            memset(b[i], 0xab, size);
        }
        for (size_t i = 0; i < n; i++)
            mm_free(b[i]);
        for (size_t i = 0; i < n; i++) {
            unsigned char *p = mm_calloc(size / 4, 4);
            cr_assert(p, "mm_calloc(%zu, 4) returned NULL", size / 4);
            for (size_t j = 0; j < size / 4 * 4; j++)
                cr_assert(p[j] == 0,
                          "mm_calloc(%zu, 4) returned memory whose byte %zu is 0x%02x, not 0 "
                          "(memory freed earlier must be zeroed again)",
                          size / 4, j, p[j]);
        }
    }
}

void suite_realloc_calloc_overflow_returns_null(void)
{
    suite_fresh(ARENA);
    // Products that overflow size_t: some wrap to 0, some to a small number
    // that mm_malloc would gladly serve.
    static const struct {
        size_t n, size, wraps_to;
    } over[] = {
        { SIZE_MAX / 2 + 1, 2, 0 },
        { (size_t)1 << 33, (size_t)1 << 33, 0 },
        { SIZE_MAX / 16 + 2, 16, 16 },
        { 2, SIZE_MAX / 2 + 3, 4 },
        { ((size_t)1 << 62) + 25, 4, 100 },
        { 3, SIZE_MAX / 3 + 11, 32 },
        { ((size_t)1 << 32) + 1, ((size_t)1 << 32) - 1, SIZE_MAX },
        { SIZE_MAX, SIZE_MAX, 1 },
    };
    for (size_t k = 0; k < sizeof over / sizeof over[0]; k++) {
        cr_assert(over[k].n * over[k].size == over[k].wraps_to, "internal: wrap of case %zu", k);
        void *p = mm_calloc(over[k].n, over[k].size);
        cr_assert(p == NULL,
                  "mm_calloc(%zu, %zu) returned a block: the product overflows size_t (it "
                  "wraps around to %zu), so calloc must return NULL (handout: What you "
                  "write, mm_calloc)",
                  over[k].n, over[k].size, over[k].wraps_to);
    }
    // Products that do not overflow, on both sides of the edge.
    unsigned char *p = mm_calloc(3, 5);
    cr_assert(p, "mm_calloc(3, 5) returned NULL");
    for (int i = 0; i < 15; i++)
        cr_assert(p[i] == 0, "mm_calloc(3, 5) byte %d is not 0", i);
    p = mm_calloc(1, 100000);
    cr_assert(p, "mm_calloc(1, 100000) returned NULL");
    p = mm_calloc(100000, 1);
    cr_assert(p, "mm_calloc(100000, 1) returned NULL");
    // A product of 0, from either side: NULL, as mm_malloc(0) (mm.h).
    cr_assert(mm_calloc(7, 0) == NULL && mm_calloc(0, 7) == NULL && mm_calloc(0, 0) == NULL,
              "mm_calloc(7, 0), mm_calloc(0, 7) or mm_calloc(0, 0) returned a block: a "
              "product of 0 bytes gives NULL, as mm_malloc(0) does (handout: What you write, "
              "mm_calloc)");
    cr_assert(mm_calloc(SIZE_MAX / 2, 2) == NULL,
              "mm_calloc(SIZE_MAX/2, 2) does not overflow, but asks for more than the heap "
              "has: it must return NULL");
}

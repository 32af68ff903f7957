// lifecycle.c — the allocator suite's tests of resources across mm_init →
// work → mm_deinit, repeated, and of memory the C library or the OS refuses.
//
// What they count, in the plain build and under sanitizers alike:
//   C heap   the bytes malloc has handed out and not had back: glibc's
//            mallinfo2() (all arenas) in the plain build, AddressSanitizer's
//            own figure (__sanitizer_get_current_allocated_bytes) under
//            SAN=address. The grader runs sanitizer builds with leak
//            detection off (LeakSanitizer needs to stop the process with
//            ptrace at exit, which the test sandbox forbids), so a leak in
//            the allocator's bookkeeping shows up here instead.
//   mapped   the bytes mmap'ed and not munmap'ed by the code linked into the
//            suite, counted by the wrappers of wrap.c.
// The same wrappers refuse mmap, malloc, calloc and realloc on demand: the
// refusal a real machine rarely gives, forced here so that the error
// branches of the student's code run in the plain build.
#include <malloc.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "support/checker.h"
#include "memlab/grade.h"
#include "memlab/pageheap.h"
#include "memlab/sizeclass.h"
#include "mm.h"
#include "allocator_suite.h"

#if SUITE_SANITIZED
// AddressSanitizer's runtime (its sanitizer/allocator_interface.h, which
// not every compiler installs).
size_t __sanitizer_get_current_allocated_bytes(void);
#endif

// ---- counting -----------------------------------------------------------------

typedef struct held {
    long long heap, map;
} held_t;

// held_now — the C heap's bytes in use and the bytes mapped (see above).
static held_t held_now(void)
{
    held_t h = { .map = suite_wrap_mapped() };
#if SUITE_SANITIZED
    h.heap = (long long)__sanitizer_get_current_allocated_bytes();
#else
    struct mallinfo2 mi = mallinfo2();
    h.heap = (long long)(mi.uordblks + mi.hblkhd);
#endif
    return h;
}

// ---- init → work → deinit, repeated -------------------------------------------

#define WARM_CYCLES 6 // the C library's caches of freed chunks fill up over these
#define CYCLES 6
// Bytes of C heap the measured steps may seem to keep although nothing
// leaks: the C library parks freed chunks in per-thread caches, which count
// as in use (a leak of the allocator's bookkeeping is 10-100x more).
#define SLACK 1024
// Step 4 of refused_memory_is_handled: the C library grants 0..REFUSE_AFTER_MAX
// calls of a request, for REFUSE_CLASSES sizes each.
#define REFUSE_AFTER_MAX 6
#define REFUSE_CLASSES 40

static const size_t work_sizes[] = { 1,   3,    8,    13,    16,    17,    48,     100,
                                     500, 1000, 4000, 10000, 32768, 32769, 100000, 1 << 20 };
#define NWORK (sizeof work_sizes / sizeof work_sizes[0])

typedef struct work {
    void *b[NWORK * 8];
    size_t n;
} work_t;

// free_half — a thread body: frees every other block of w (remote frees),
// allocates and frees a few of its own, then exits.
static void *free_half(void *arg)
{
    work_t *w = arg;
    for (size_t i = 0; i < w->n; i += 2) {
        mm_free(w->b[i]);
        w->b[i] = NULL;
    }
    churn_t c = { .size = 200, .n = 300, .seed = 7 };
    suite_churn(&c);
    return NULL;
}

// one_cycle — a page heap, mm_init, blocks of every kind (tiny, small of
// many classes, large, grown by realloc) freed by this thread and another,
// more blocks (full spans' worth) left allocated by this thread and another,
// mm_deinit, the heap destroyed. Fails the test on a NULL or an mm_init
// error.
static void one_cycle(int cycle)
{
    ml_pageheap_t *h = ml_pageheap_new(ARENA);
    cr_assert(h, "internal: cannot make a page heap");
    cr_assert(mm_init(h) == 0, "cycle %d: mm_init returned -1 for a fresh page heap", cycle);
    work_t w = { .n = 0 };
    for (int k = 0; k < 8; k++)
        for (size_t i = 0; i < NWORK; i++) {
            void *p = mm_malloc(work_sizes[i] + (size_t)k);
            cr_assert(p, "cycle %d: mm_malloc(%zu) returned NULL", cycle, work_sizes[i] + k);
            memset(p, 0x5a, work_sizes[i] + (size_t)k);
            w.b[w.n++] = p;
        }
    for (int c = 1; c < ML_NUM_SIZE_CLASSES; c++) // one block of every class
        mm_free(suite_must_alloc(ml_class_size(c), "while the heap has room"));
    w.b[3] = mm_realloc(w.b[3], 5000);
    w.b[5] = mm_realloc(w.b[5], 200000);
    cr_assert(w.b[3] && w.b[5], "cycle %d: mm_realloc returned NULL", cycle);
    suite_in_thread(free_half, &w);
    for (size_t i = 0; i < w.n; i++)
        mm_free(w.b[i]);
    suite_rounds_leave_blocks_allocated(); // lost at mm_deinit, their bookkeeping is not
    mm_deinit();
    ml_pageheap_destroy(h);
}

void suite_lifecycle_init_work_deinit_returns_everything(void)
{
    // suite_heap stays NULL: this test makes and destroys its own heaps.
    ml_note("replay it: build/<impl>/suites/allocator --filter "
            "'lifecycle/init_work_deinit_returns_everything' --verbose");
    // First uses: one-time setup (tables, thread keys) and the C library's
    // per-thread caches filling up are not leaks.
    for (int c = 0; c < WARM_CYCLES; c++)
        one_cycle(c);
    held_t before = held_now();
    for (int c = 1; c <= CYCLES; c++)
        one_cycle(WARM_CYCLES + c);
    held_t after = held_now();
    long long heap = after.heap - before.heap, map = after.map - before.map;
    ml_note("after %d cycles of mm_init, work, mm_deinit: C heap %+lld bytes, mapped %+lld "
            "bytes",
            CYCLES, heap, map);
    cr_assert(heap <= SLACK,
              "%d cycles of: a fresh page heap, mm_init, blocks of every size class, tiny "
              "and large blocks allocated and freed (some by another thread), several spans' "
              "worth of blocks left allocated (by this thread and another), mm_deinit, the "
              "heap destroyed. After them the C heap holds %lld bytes more than before "
              "(%lld per cycle): mm_deinit does not give back all of the allocator's own "
              "bookkeeping (handout: What you write, mm_deinit; Hints)",
              CYCLES, heap, heap / CYCLES);
    cr_assert(map <= 0,
              "%d cycles of mm_init, work, mm_deinit left %lld bytes mapped with mmap and "
              "never unmapped (%lld per cycle; handout: What you write, mm_deinit)",
              CYCLES, map, map / CYCLES);
}

// ---- refused memory ------------------------------------------------------------

// try_sizes — with memory refused: each mm_malloc returns NULL or a block
// that holds its bytes. Fills got[] (NULL for a refusal).
static void try_sizes(const size_t *sizes, size_t n, void **got)
{
    for (size_t i = 0; i < n; i++) {
        got[i] = mm_malloc(sizes[i]);
        if (got[i])
            memset(got[i], 0x33, sizes[i]);
    }
}

void suite_lifecycle_refused_memory_is_handled(void)
{
    ml_note("replay it: build/<impl>/suites/allocator --filter "
            "'lifecycle/refused_memory_is_handled' --verbose");
    for (int c = 0; c < WARM_CYCLES; c++)
        one_cycle(c);
    held_t before = held_now();

    // 1. mm_init while mmap fails (malloc works).
    ml_pageheap_t *h = ml_pageheap_new(ARENA);
    cr_assert(h, "internal: cannot make a page heap");
    suite_wrap_refuse(true, false);
    int r = mm_init(h);
    int nrefused = suite_wrap_refuse(false, false);
    ml_note("step 1: mm_init with every mmap refused: %d refused, mm_init returned %d", nrefused,
            r);
    cr_assert(r == 0 || r == -1, "step 1: mm_init returned %d (0 or -1 expected)", r);
    if (r == 0) {
        // It started without mmap: it must work.
        void *p = suite_must_alloc(8, "after mm_init succeeded with mmap refused");
        void *q = suite_must_alloc(64, "after mm_init succeeded with mmap refused");
        mm_free(p);
        mm_free(q);
        mm_deinit();
    }
    ml_pageheap_destroy(h);
    held_t mid = held_now();
    cr_assert(mid.heap - before.heap <= SLACK && mid.map <= before.map,
              "step 1: mm_init was called while mmap failed (%d call%s refused) and returned "
              "%d; afterwards the C heap holds %lld bytes more than before and %lld more "
              "bytes are mapped: what mm_init had already obtained was not given back "
              "(handout: What you write, mm_init)",
              nrefused, nrefused == 1 ? "" : "s", r, mid.heap - before.heap, mid.map - before.map);

    // 2. A working allocator, then every malloc/calloc/realloc and mmap
    //    refused while blocks of new classes are asked for.
    h = ml_pageheap_new(ARENA);
    cr_assert(h, "internal: cannot make a page heap");
    cr_assert(mm_init(h) == 0, "step 2: mm_init returned -1 for a fresh page heap");
    static const size_t sizes[] = { 3, 48, 1000, 20000, 100000 };
    void *got[5], *again[5];
    suite_wrap_refuse(true, true);
    try_sizes(sizes, 5, got);
    nrefused = suite_wrap_refuse(false, false);
    ml_note("step 2: mm_malloc of 3, 48, 1000, 20000 and 100000 bytes with malloc and mmap "
            "refused: %d call%s refused; returned %s %s %s %s %s",
            nrefused, nrefused == 1 ? "" : "s", got[0] ? "block" : "NULL",
            got[1] ? "block" : "NULL", got[2] ? "block" : "NULL", got[3] ? "block" : "NULL",
            got[4] ? "block" : "NULL");
    // 3. Memory is back: every size works again.
    for (size_t i = 0; i < 5; i++) {
        again[i] = mm_malloc(sizes[i]);
        cr_assert(again[i],
                  "step 3: after the C library had refused memory for a while (step 2), "
                  "mm_malloc(%zu) returned NULL although memory is available again: a "
                  "failure left the allocator broken (handout: What you write, mm_malloc)",
                  sizes[i]);
        memset(again[i], 0x44, sizes[i]);
    }
    for (size_t i = 0; i < 5; i++) {
        mm_free(got[i]);
        mm_free(again[i]);
    }
    mm_deinit();
    ml_pageheap_destroy(h);
    held_t after = held_now();
    cr_assert(after.heap - before.heap <= SLACK && after.map <= before.map,
              "steps 2-3: mm_malloc was called while malloc and mmap failed, then again "
              "with memory back, everything was freed and mm_deinit called; afterwards the "
              "C heap holds %lld bytes more than before and %lld more bytes are mapped: a "
              "failed request leaked what it had obtained (handout: What you write)",
              after.heap - before.heap, after.map - before.map);

    // 4. The C library refuses part-way through a request: it grants the
    //    first k malloc/calloc/realloc calls of one mm_malloc and refuses
    //    the rest, for k = 0..REFUSE_AFTER_MAX, on a fresh allocator, for
    //    blocks of several classes (a failure at each point of the path
    //    that makes a new span). What the request obtained before the
    //    refusal must be given back: pages of the page heap by the request
    //    itself (mm_deinit need not return them, the heap is the caller's),
    //    C heap and mappings by the request or by mm_deinit.
    held_t before4 = held_now();
    int nfailed = 0;
    for (int k = 0; k <= REFUSE_AFTER_MAX; k++)
        for (int r = 0; r < REFUSE_CLASSES; r++) {
            h = ml_pageheap_new(ARENA);
            cr_assert(h, "internal: cannot make a page heap");
            cr_assert(mm_init(h) == 0, "step 4: mm_init returned -1 for a fresh page heap");
            size_t size = 48 + 16 * (size_t)r, inuse = ml_pageheap_stats(h).inuse;
            suite_wrap_refuse_after(k);
            void *p = mm_malloc(size);
            int nref = suite_wrap_refuse(false, false);
            nfailed += p == NULL;
            // A failed request keeps nothing (mm.h): not even pages of
            // the page heap, which mm_deinit need not give back.
            size_t kept = ml_pageheap_stats(h).inuse - inuse;
            cr_assert(p != NULL || kept == 0,
                      "step 4: on a fresh allocator, mm_malloc(%zu) with the C library "
                      "granting the first %d malloc/calloc/realloc call%s and refusing the "
                      "rest (%d refused) returned NULL, and afterwards %zu more bytes of the "
                      "page heap are in spans than before the call: a request that failed "
                      "part-way kept the pages it had taken (mm.h: mm_malloc keeps nothing a "
                      "failed call obtained; handout: What you write, mm_malloc)",
                      size, k, k == 1 ? "" : "s", nref, kept);
            mm_free(p);
            mm_deinit();
            ml_pageheap_destroy(h);
        }
    held_t after4 = held_now();
    ml_note("step 4: %d of %d requests failed with the C library refusing after k calls", nfailed,
            (REFUSE_AFTER_MAX + 1) * REFUSE_CLASSES);
    cr_assert(after4.heap - before4.heap <= SLACK && after4.map <= before4.map,
              "step 4: mm_malloc of %d sizes (48..%d bytes) on a fresh allocator, with the C "
              "library granting the first k calls and refusing the rest (k = 0..%d), then "
              "mm_deinit, %d times in all (%d requests failed); afterwards the C heap holds "
              "%lld bytes more than before and %lld more bytes are mapped: a request that "
              "failed part-way kept what it had obtained (handout: What you write, mm_malloc)",
              REFUSE_CLASSES, 48 + 16 * (REFUSE_CLASSES - 1), REFUSE_AFTER_MAX,
              (REFUSE_AFTER_MAX + 1) * REFUSE_CLASSES, nfailed, after4.heap - before4.heap,
              after4.map - before4.map);

    // 5. Memory refused after a span's blocks were all freed, while its
    //    pages could serve the classes asked for (refusal.c).
    held_t before5 = held_now();
    h = ml_pageheap_new(ARENA);
    cr_assert(h, "internal: cannot make a page heap");
    suite_refusal_after_a_freed_span(h);
    ml_pageheap_destroy(h);
    held_t after5 = held_now();
    cr_assert(after5.heap - before5.heap <= SLACK && after5.map <= before5.map,
              "step 5: two blocks of 4096 bytes were allocated and freed, blocks of 48, 16 and "
              "8 bytes asked for while malloc and mmap failed, then again with memory back, "
              "everything freed and mm_deinit called; afterwards the C heap holds %lld bytes "
              "more than before and %lld more bytes are mapped: a failed request kept what it "
              "had obtained (handout: What you write, mm_malloc)",
              after5.heap - before5.heap, after5.map - before5.map);
}

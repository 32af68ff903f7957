// spans.c — the allocator suite's tests of size classes and spans: requests
// rounded to Go's classes (sizeclasses.go), objects of a class filling their
// spans, freed objects reused, partial spans filled first, empty spans given back.
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "memlab/grade.h"
#include "memlab/rng.h"
#include "memlab/sizeclass.h"
#include "mm.h"
#include "allocator_suite.h"

// ---- classes ----------------------------------------------------------------

void suite_classes_size_class_of_every_request(void)
{
    for (size_t size = 0; size <= ML_MAX_SMALL_SIZE + 5000; size++) {
        int want = size < ML_TINY_SIZE || size > ML_MAX_SMALL_SIZE ? 0 : suite_usable_class(size);
        int got = mm_size_class(size);
        cr_assert(got == want,
                  "mm_size_class(%zu) is %d (%zu-byte objects), expected %d (%zu-byte objects)%s",
                  size, got, ml_class_size(got), want, ml_class_size(want),
                  size >= 17 && size <= 24
                      ? ": a 24-byte object can't stay 16-byte aligned "
                        "in a span, so 17-24 byte requests use the 32-byte class"
                  : size < 16 ? ": requests under 16 bytes go to the tiny allocator (class 0)"
                  : size > ML_MAX_SMALL_SIZE ? ": requests over 32 KiB are large objects (0)"
                                             : "");
    }
}

void suite_classes_blocks_fill_spans_of_their_class(void)
{
    for (int c = 1; c < ML_NUM_SIZE_CLASSES; c++) {
        size_t csize = ml_class_size(c);
        if (csize % 16)
            continue;
        size_t lo = 16;
        for (int p = c - 1; p >= 1; p--)
            if (ml_class_size(p) % 16 == 0) {
                lo = ml_class_size(p) + 1;
                break;
            }
        size_t sizes[2] = { lo, csize };
        for (int k = 0; k < 2; k++) {
            size_t size = sizes[k], n = ml_class_nobjs(c), np = ml_class_npages(c);
            cr_assert(suite_usable_class(size) == c, "internal: class of %zu", size);
            suite_fresh(ARENA);
            size_t base = suite_inuse();
            for (size_t i = 0; i < n; i++)
                suite_must_alloc(size, "from a fresh heap");
            size_t got = (suite_inuse() - base) / PAGE;
            cr_assert(got == np,
                      "size class %d holds %zu-byte objects, %zu to a %zu-page span; %zu "
                      "blocks of mm_malloc(%zu) should fill exactly one span, but %zu pages "
                      "are in use (rounded to another class? sizes 17-24 use the 32-byte "
                      "class, see the handout)",
                      c, csize, n, np, n, size, got);
            suite_must_alloc(size, "from a fresh heap");
            got = (suite_inuse() - base) / PAGE;
            cr_assert(got == 2 * np,
                      "%zu blocks of mm_malloc(%zu) (class %d, %zu per span) should take two "
                      "%zu-page spans, but %zu pages are in use",
                      n + 1, size, c, n, np, got);
        }
    }
}

void suite_spans_every_small_size_is_usable(void)
{
    synth_t s;
    suite_syn_init(&s, "every-size", 4096);
    ml_rng_t rng;
    ml_rng_seed(&rng, 7);
    uint32_t id = 0, live[4096];
    size_t nlive = 0;
    for (size_t size = 16; size <= ML_MAX_SMALL_SIZE; size += 8) {
        suite_syn_op(&s, ML_OP_ALLOC, id, size);
        live[nlive++] = id++;
        if (ml_rng_below(&rng, 3) == 0) { // free a random live block
            size_t k = ml_rng_below(&rng, nlive);
            suite_syn_op(&s, ML_OP_FREE, live[k], 0);
            live[k] = live[--nlive];
        }
    }
    suite_syn_check(&s, "every size from 16 to 32768 in steps of 8");
}

// ---- spans and mcentral -----------------------------------------------------

// fill_class — n blocks of `size` bytes into out[].
static void fill_class(void **out, size_t n, size_t size)
{
    for (size_t i = 0; i < n; i++)
        out[i] = suite_must_alloc(size, "while the heap has room");
}

// Bytes of one class a live thread frees before it asks for as many of
// another class (freed_objects_are_reused, second part).
#define REUSE_BYTES (4 * MIB)

// reused_by_another_class — after a large block has grown to 1 MiB and
// been freed, a thread allocates REUSE_BYTES of 64-byte
// objects, frees them all and, still alive, allocates REUSE_BYTES of the
// first class whose spans are longer than one page (so its spans cannot
// simply be the old ones cut again: pages must go back to the page heap).
// The heap may grow by what the thread may hold back of the first class,
// its spares, and a few spans, not by the whole second batch.
static void reused_by_another_class(void)
{
    enum { SIZE_A = 64 };
    int cb = 1;
    while (cb < ML_NUM_SIZE_CLASSES - 1 &&
           !(ml_class_npages(cb) > 1 && ml_class_size(cb) % 16 == 0))
        cb++;
    size_t size_b = ml_class_size(cb), span_b = ml_class_npages(cb) * PAGE;
    size_t na = REUSE_BYTES / SIZE_A, nb = REUSE_BYTES / size_b;
    void **a = calloc(na, sizeof *a), **b = calloc(nb, sizeof *b);
    cr_assert(a && b, "internal: out of memory");
    suite_fresh(ARENA);
    // First a large block grown a page at a time (in place, where the pages
    // after it are free) to 1 MiB, then freed: its pages are the page
    // heap's again, and count no differently from any others.
    char *big = suite_must_alloc(40 * 1024, "in a fresh heap");
    for (size_t size = 40 * 1024 + PAGE; size <= MIB; size += PAGE) {
        big = mm_realloc(big, size);
        cr_assert(big, "mm_realloc to %zu bytes returned NULL in a fresh heap", size);
    }
    mm_free(big);
    fill_class(a, na, SIZE_A);
    size_t first = suite_inuse();
    for (size_t i = 0; i < na; i++)
        mm_free(a[i]);
    fill_class(b, nb, size_b);
    size_t second = suite_inuse();
    size_t allowance = HOLD_ALLOWANCE + SPARE_ALLOWANCE + 2 * span_b + 2 * PAGE;
    cr_assert(second <= first + allowance,
              "after growing a block to 1 MiB with mm_realloc and freeing it, a thread "
              "allocated %zu blocks of %d bytes (%zu KiB in spans), freed them all "
              "and, still alive, allocated %zu blocks of %zu bytes (spans of %zu pages): now "
              "%zu KiB are in spans, more than %zu KiB over the first figure. The pages of "
              "spans whose objects are all free must serve other classes (a thread may hold "
              "back %d KiB of freed objects per class, and %d KiB of empty spans may stay "
              "spare; handout: Spans and the mcentral, The mcache)",
              na, SIZE_A, first / 1024, nb, size_b, span_b / PAGE, second / 1024, allowance / 1024,
              HOLD_ALLOWANCE / 1024, SPARE_ALLOWANCE / 1024);
    for (size_t i = 0; i < nb; i++)
        mm_free(b[i]);
    free(a);
    free(b);
}

void suite_spans_freed_objects_are_reused(void)
{
    enum { SIZE = 48 };
    size_t per = ml_class_nobjs(suite_usable_class(SIZE)), n = 4 * per;
    void **b = calloc(n, sizeof *b);
    suite_fresh(ARENA);
    fill_class(b, n, SIZE);
    size_t high = suite_inuse();
    for (int round = 0; round < 3; round++) {
        for (size_t i = 0; i < n; i++)
            mm_free(b[i]);
        fill_class(b, n, SIZE);
        cr_assert(suite_inuse() <= high,
                  "after freeing %zu blocks of %d bytes and allocating as many again, the "
                  "heap grew from %zu to %zu bytes in spans: freed objects are not reused",
                  n, SIZE, high, suite_inuse());
    }
    free(b);
    reused_by_another_class();
    suite_spans_reused_by_a_large_object(); // reuselarge.c
}

void suite_spans_partial_spans_are_filled_before_new_ones(void)
{
    enum { SIZE = 96 };
    size_t per = ml_class_nobjs(suite_usable_class(SIZE)), n = 8 * per;
    void **b = calloc(n, sizeof *b);
    ml_rng_t rng;
    ml_rng_seed(&rng, 11);
    suite_fresh(ARENA);
    fill_class(b, n, SIZE);
    size_t high = suite_inuse();
    // Free a random half: every span keeps some live objects.
    size_t freed = 0;
    for (size_t i = 0; i < n; i++)
        if (ml_rng_below(&rng, 2) == 0) {
            mm_free(b[i]);
            b[i] = NULL;
            freed++;
        }
    for (size_t i = 0; i < n; i++)
        if (!b[i])
            b[i] = suite_must_alloc(SIZE, "while half the objects are free");
    cr_assert(suite_inuse() <= high,
              "%zu of %zu objects (%d bytes) were freed at random and as many allocated: "
              "they fit in the holes, but the heap grew from %zu to %zu bytes in spans "
              "(the mcentral should hand out partial spans before asking for new ones)",
              freed, n, SIZE, high, suite_inuse());
    free(b);
}

// churn_twice — a thread body (arg: a churn_t): suite_churn, then again
// with another seed, so that the second round's refills find the spans the
// first round's frees emptied (spares, or spans the thread keeps).
static void *churn_twice(void *arg)
{
    churn_t *ch = arg;
    suite_churn(ch);
    ch->seed += 100;
    return suite_churn(ch);
}

// Part 2: two neighbouring classes give spans back in turn. Thread A
// allocates 1 MiB of the upper class's blocks (at least 8 spans) and exits;
// thread B fills one span of the lower class and exits, thread C frees B's
// blocks and exits; thread D frees A's blocks and waits, alive, while
// thread E allocates one block of the lower class and exits, and thread F
// frees it and exits; then D exits. Every thread is gone: what stays in spans is what the classes
// keep.
typedef struct turn {
    void **b;
    size_t n, size;
    pthread_barrier_t freed, done; // for thread D
    bool failed;
} turn_t;

// turn_alloc — a thread body (arg: a turn_t): n blocks of `size` bytes.
static void *turn_alloc(void *arg)
{
    turn_t *t = arg;
    for (size_t i = 0; i < t->n; i++)
        if (!(t->b[i] = mm_malloc(t->size)))
            t->failed = true;
    return NULL;
}

// turn_free — a thread body (arg: a turn_t): frees its n blocks.
static void *turn_free(void *arg)
{
    turn_t *t = arg;
    for (size_t i = 0; i < t->n; i++)
        mm_free(t->b[i]);
    return NULL;
}

// turn_free_and_wait — thread D: turn_free, then waits at the barriers.
static void *turn_free_and_wait(void *arg)
{
    turn_t *t = arg;
    turn_free(t);
    pthread_barrier_wait(&t->freed);
    pthread_barrier_wait(&t->done);
    return NULL;
}

// classes_in_turn — part 2 (above) for the classes lo and lo + 1.
static void classes_in_turn(int lo)
{
    int hi = lo + 1;
    size_t span_lo = ml_class_npages(lo) * PAGE, span_hi = ml_class_npages(hi) * PAGE;
    size_t n_hi = MIB / ml_class_size(hi);
    if (n_hi < 8 * ml_class_nobjs(hi))
        n_hi = 8 * ml_class_nobjs(hi);
    turn_t a = { .n = n_hi, .size = ml_class_size(hi) };
    turn_t b = { .n = ml_class_nobjs(lo), .size = ml_class_size(lo) };
    turn_t e = { .n = 1, .size = ml_class_size(lo) };
    void *one;
    a.b = calloc(a.n, sizeof *a.b);
    b.b = calloc(b.n, sizeof *b.b);
    e.b = &one;
    cr_assert(a.b && b.b, "internal: out of memory");
    suite_fresh(ARENA);
    size_t base = suite_inuse();
    suite_in_thread(turn_alloc, &a);
    suite_in_thread(turn_alloc, &b);
    suite_in_thread(turn_free, &b);
    pthread_barrier_init(&a.freed, NULL, 2);
    pthread_barrier_init(&a.done, NULL, 2);
    pthread_t d;
    cr_assert(pthread_create(&d, NULL, turn_free_and_wait, &a) == 0,
              "internal: pthread_create failed");
    pthread_barrier_wait(&a.freed);
    suite_in_thread(turn_alloc, &e);
    suite_in_thread(turn_free, &e);
    pthread_barrier_wait(&a.done);
    pthread_join(d, NULL);
    cr_assert(!a.failed && !b.failed && !e.failed, "mm_malloc returned NULL in a fresh heap");
    size_t left = suite_inuse() - base, allowed = 2 * SPARE_ALLOWANCE + span_lo + span_hi;
    cr_assert(
        left <= allowed,
        "thread A allocated %zu blocks of %zu bytes and exited; thread B allocated %zu "
        "of %zu bytes (one span) and exited, thread C freed them and exited; thread D "
        "freed A's blocks and, while it lived, thread E allocated one block of %zu bytes "
        "and exited, and thread F freed it and exited; then D exited. Every block is free and every thread gone, "
        "but %zu KiB stay in spans (allowed: %d KiB of spare spans per class and one "
        "span of each class, %zu KiB): empty spans must go back to the page heap, "
        "whichever class gave its spans back last (handout: Spans and the mcentral)",
        a.n, a.size, b.n, b.size, e.size, left / 1024, SPARE_ALLOWANCE / 1024, allowed / 1024);
    free(a.b);
    free(b.b);
}

// Part 3: tiny pieces, then another class. Thread A churns tiny pieces
// twice and exits; thread B then churns 1024-byte blocks twice (more than A
// ever held) and exits. The empty spans of both may serve either class;
// what stays is what the two classes may keep.
static void tiny_then_small(void)
{
    churn_t tiny = { .size = 3, .n = 16 * 4 * ml_class_nobjs(suite_usable_class(16)), .seed = 21 };
    churn_t small = { .size = 1024,
                      .n = 128 * ml_class_nobjs(suite_usable_class(1024)),
                      .seed = 22 };
    suite_fresh(ARENA);
    size_t base = suite_inuse();
    suite_in_thread(churn_twice, &tiny);
    suite_in_thread(churn_twice, &small);
    cr_assert(!tiny.failed && !small.failed, "mm_malloc returned NULL in a fresh heap");
    size_t left = suite_inuse() - base, allowed = 2 * SPARE_ALLOWANCE + 3 * PAGE;
    cr_assert(left <= allowed,
              "thread A allocated %zu tiny pieces of 3 bytes, freed them, did both again and "
              "exited; then thread B did the same with %zu blocks of 1024 bytes. Every block "
              "is free and every thread gone, but %zu KiB stay in spans (allowed: %d KiB of "
              "spare spans per class and the span of a tiny block, %zu KiB): empty spans must "
              "go back to the page heap (handout: Spans and the mcentral, Tiny)",
              tiny.n, small.n, left / 1024, SPARE_ALLOWANCE / 1024, allowed / 1024);
}

void suite_spans_empty_spans_return_to_the_page_heap(void)
{
    // 24576 bytes: class 64, the first past a 64-bit word of classes, whose
    // spans (3 pages) do not divide 64 KiB.
    static const size_t sizes[] = { 64, 1024, 8192, 24576, 3 };
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t size = sizes[k];
        int c = suite_usable_class(size < 16 ? 16 : size);
        size_t span = ml_class_npages(c) * PAGE;
        churn_t ch = { .size = size,
                       .n = 64 * ml_class_nobjs(c) * (size < 16 ? 4 : 1),
                       .seed = 3 + k };
        suite_fresh(ARENA);
        size_t base = suite_inuse();
        suite_in_thread(churn_twice, &ch);
        cr_assert(!ch.failed, "mm_malloc(%zu) returned NULL", size);
        size_t left = suite_inuse() - base;
        // Allowed: a span the thread's mcache kept, spares, and for tiny
        // blocks the span of the thread's last tiny block.
        cr_assert(left <= (size < 16 ? 2 : 1) * span + SPARE_ALLOWANCE,
                  "a thread filled 64 spans with %zu-byte %s, freed every one, did both "
                  "again and exited, "
                  "but %zu bytes stay in spans (allowed: %s%d KiB of spare spans): %s",
                  size, size < 16 ? "tiny pieces" : "objects", left,
                  size < 16 ? "two spans plus " : "one span plus ", SPARE_ALLOWANCE / 1024,
                  size < 16 ? "a tiny block must be freed with its last piece and its span "
                              "given back when empty"
                            : "empty spans must go back to the page heap");
    }
    // 896 and 1024 bytes (classes 31 and 32, one-page spans, either side of
    // bit 31), and 24576 and 27264 bytes (classes 64 and 65, past the first
    // 64-bit word of classes).
    classes_in_turn(suite_usable_class(896));
    classes_in_turn(suite_usable_class(24576));
    tiny_then_small();
    suite_rounds_two_classes_of_one_length(); // part 4 (rounds.c)
    suite_wordedges_spans_return();           // part 5 (wordedges.c)
    suite_rounds_adjacent_span();             // part 6 (rounds.c)
}

// holdback.c — the allocator suite's test of what a live thread may hold
// back of the objects it frees, for classes of large objects (the second
// part of mcache/remote_frees_take_effect_while_the_freer_lives; its first
// part, 64-byte objects, is in mcache.c).
//
// mm.h (mm_free) bounds what a thread that frees blocks another thread
// allocated may keep to itself while it lives: at most 256 KiB of freed
// objects per size class. A bound that holds for 64-byte objects can still
// let a thread keep megabytes of a class of 1 KiB or 32 KiB objects, so the
// scenario runs again with such classes:
//   1. thread A (the test's thread) allocates HOLDBACK_BYTES of one class
//      and measures HeapInuse;
//   2. thread B frees every one of those blocks, then waits, alive;
//   3. A allocates as many blocks of the class again and measures HeapInuse:
//      it may have grown by what B may hold back (256 KiB), the spares a
//      class may keep (64 KiB) and two spans, not by what B freed.
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "memlab/grade.h"
#include "memlab/pageheap.h"
#include "memlab/sizeclass.h"
#include "mm.h"
#include "allocator_suite.h"

// Bytes of one class thread A allocates, B frees, and A allocates again.
#define HOLDBACK_BYTES (4 * MIB)

// The sizes the scenario runs with: objects of 1 KiB (128 of them make
// 128 KiB) and the largest small class (4 of them make 128 KiB).
static const size_t holdback_sizes[] = { 1024, ML_MAX_SMALL_SIZE };

typedef struct holdback {
    pthread_barrier_t freed, done;
    void **blocks;
    size_t n;
} holdback_t;

// holdback_freer — thread B: frees every block, then stays alive until A has
// allocated as many again and measured the heap.
static void *holdback_freer(void *arg)
{
    holdback_t *h = arg;
    for (size_t i = 0; i < h->n; i++)
        mm_free(h->blocks[i]);
    pthread_barrier_wait(&h->freed); // A allocates again now, while B lives
    pthread_barrier_wait(&h->done);
    return NULL;
}

// holdback_round — the scenario above with blocks of `size` bytes, in a
// fresh heap.
static void holdback_round(size_t size)
{
    int ci = suite_usable_class(size);
    size_t span = ml_class_npages(ci) * PAGE;
    holdback_t h = { .n = HOLDBACK_BYTES / size };
    h.blocks = calloc(h.n, sizeof *h.blocks);
    cr_assert(h.blocks, "internal: out of memory");
    suite_fresh(ARENA);
    for (size_t i = 0; i < h.n; i++)
        h.blocks[i] = suite_must_alloc(size, "while the heap has room");
    size_t first = suite_inuse();
    pthread_barrier_init(&h.freed, NULL, 2);
    pthread_barrier_init(&h.done, NULL, 2);
    pthread_t b;
    cr_assert(pthread_create(&b, NULL, holdback_freer, &h) == 0, "internal: pthread_create failed");
    pthread_barrier_wait(&h.freed);
    for (size_t i = 0; i < h.n; i++)
        h.blocks[i] = mm_malloc(size);
    size_t second = suite_inuse();
    pthread_barrier_wait(&h.done);
    pthread_join(b, NULL);
    pthread_barrier_destroy(&h.freed);
    pthread_barrier_destroy(&h.done);
    for (size_t i = 0; i < h.n; i++)
        cr_assert(h.blocks[i], "mm_malloc(%zu) returned NULL (block %zu of %zu)", size, i, h.n);
    size_t allowance = HOLD_ALLOWANCE + SPARE_ALLOWANCE + 2 * span;
    cr_assert(second <= first + allowance,
              "thread A allocated %zu blocks of %zu bytes (class %d, %zu KiB in spans); thread "
              "B freed them all and stayed alive while A allocated as many again: %zu KiB are "
              "now in spans, more than %zu KiB over the first figure. While it lives, a thread "
              "may hold back at most %d KiB of freed objects per class, whatever the size of "
              "the class's objects (mm.h: mm_free; handout: The mcache, when a free from "
              "another thread takes effect); replay: build/<impl>/suites/allocator --filter "
              "'mcache/remote_frees_take_effect_while_the_freer_lives'",
              h.n, size, ci, first / 1024, second / 1024, allowance / 1024, HOLD_ALLOWANCE / 1024);
    for (size_t i = 0; i < h.n; i++)
        mm_free(h.blocks[i]);
    free(h.blocks);
}

void suite_mcache_remote_frees_of_large_classes(void)
{
    for (size_t k = 0; k < sizeof holdback_sizes / sizeof *holdback_sizes; k++)
        holdback_round(holdback_sizes[k]);
}

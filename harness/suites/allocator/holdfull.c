// holdfull.c — the allocator suite's exact test of what a live thread may
// hold back of the objects it frees: the third part of
// mcache/remote_frees_take_effect_while_the_freer_lives (its first part is
// in mcache.c, its second in holdback.c).
//
// The first two parts measure HeapInuse, which grows by whole spans and
// leaves room for the spares a class may keep: they cannot tell a thread
// that holds back exactly 256 KiB from one that holds back a block more.
// A full heap can. mm.h (mm_free) lets a live thread that frees blocks
// another thread allocated hold back at most 256 KiB of freed objects per
// size class; every other freed object can be handed out again, and
// mm_malloc returns NULL only when the memory cannot be found. So, in a
// heap of HOLDFULL_ARENA bytes, for each count F of a window:
//   1. thread A (the test's thread) allocates blocks of HOLDFULL_SIZE bytes
//      until mm_malloc returns NULL: the heap is full;
//   2. thread B frees the first F of them (in the order A got them), then
//      waits, alive;
//   3. A allocates blocks of the same size until mm_malloc returns NULL
//      again, N of them. B holds back F - N blocks, which must be at most
//      HOLD_ALLOWANCE / HOLDFULL_SIZE.
// What B holds back depends on F in a way the test does not know (where
// its cache of freed objects stands, which spans its frees emptied), so F
// runs through HOLDFULL_WINDOW consecutive counts, past the first few
// hundred kilobytes an allocator may hold back (a cache of freed objects
// that gives back half of itself when full, of up to 2048 blocks, passes
// every fill level in that window).
#include <pthread.h>
#include <stdlib.h>

#include "memlab/grade.h"
#include "mm.h"
#include "allocator_suite.h"

#define HOLDFULL_ARENA MIB   // 128 pages: 16384 blocks of 64 bytes
#define HOLDFULL_SIZE 64     // a class of one-page spans: no page is left over
#define HOLDFULL_FIRST 5000  // the first count of frees tried (about 312 KiB)
#define HOLDFULL_WINDOW 1280 // counts tried: HOLDFULL_FIRST .. + WINDOW - 1
#define HOLDFULL_MAX_BLOCKS (HOLDFULL_ARENA / HOLDFULL_SIZE)

typedef struct holdfull {
    pthread_barrier_t freed, done;
    void **blocks;
    size_t nfree;
} holdfull_t;

// holdfull_freer — thread B: frees the first nfree blocks, then stays alive
// until A has filled the heap again.
static void *holdfull_freer(void *arg)
{
    holdfull_t *h = arg;
    for (size_t i = 0; i < h->nfree; i++)
        mm_free(h->blocks[i]);
    pthread_barrier_wait(&h->freed); // A fills the heap now, while B lives
    pthread_barrier_wait(&h->done);
    return NULL;
}

// holdfull_fill — mm_malloc(HOLDFULL_SIZE) until it returns NULL, at most
// `max` times; the blocks go to b[] (NULL: not kept). Returns how many.
static size_t holdfull_fill(void **b, size_t max)
{
    size_t n = 0;
    void *p;
    while (n < max && (p = mm_malloc(HOLDFULL_SIZE)) != NULL) {
        if (b)
            b[n] = p;
        n++;
    }
    return n;
}

// holdfull_round — the scenario above with F = nfree; fails the test when B
// holds back too much. Returns the blocks B held back.
static size_t holdfull_round(void **blocks, size_t nfree)
{
    suite_fresh(HOLDFULL_ARENA);
    size_t first = holdfull_fill(blocks, HOLDFULL_MAX_BLOCKS + 1);
    cr_assert(first > nfree && first <= HOLDFULL_MAX_BLOCKS,
              "mm_malloc(%d) handed out %zu blocks in a fresh %zu MiB heap before returning "
              "NULL (it holds %zu); the test needs more than %zu",
              HOLDFULL_SIZE, first, HOLDFULL_ARENA / MIB, HOLDFULL_MAX_BLOCKS, nfree);
    holdfull_t h = { .blocks = blocks, .nfree = nfree };
    pthread_barrier_init(&h.freed, NULL, 2);
    pthread_barrier_init(&h.done, NULL, 2);
    pthread_t b;
    cr_assert(pthread_create(&b, NULL, holdfull_freer, &h) == 0, "internal: pthread_create failed");
    pthread_barrier_wait(&h.freed);
    size_t again = holdfull_fill(NULL, nfree + 1);
    pthread_barrier_wait(&h.done);
    pthread_join(b, NULL);
    pthread_barrier_destroy(&h.freed);
    pthread_barrier_destroy(&h.done);
    size_t held = nfree > again ? nfree - again : 0;
    cr_assert(held * HOLDFULL_SIZE <= HOLD_ALLOWANCE,
              "in a fresh %zu MiB heap, thread A allocated blocks of %d bytes until "
              "mm_malloc returned NULL (%zu blocks); thread B freed the first %zu of them and "
              "stayed alive while A allocated again until mm_malloc returned NULL: A got "
              "only %zu blocks, so B holds back %zu freed blocks (%zu bytes), more than the "
              "%d KiB per class a live thread may hold back (mm.h: mm_free; handout: The "
              "mcache, when a free from another thread takes effect); replay: "
              "build/<impl>/suites/allocator --filter "
              "'mcache/remote_frees_take_effect_while_the_freer_lives' --verbose",
              HOLDFULL_ARENA / MIB, HOLDFULL_SIZE, first, nfree, again, held, held * HOLDFULL_SIZE,
              HOLD_ALLOWANCE / 1024);
    return held;
}

void suite_mcache_remote_frees_in_a_full_heap(void)
{
    void **blocks = calloc(HOLDFULL_MAX_BLOCKS + 1, sizeof *blocks);
    cr_assert(blocks, "internal: out of memory");
    size_t most = 0;
    for (size_t f = HOLDFULL_FIRST; f < HOLDFULL_FIRST + HOLDFULL_WINDOW; f++) {
        size_t held = holdfull_round(blocks, f);
        most = held > most ? held : most;
    }
    ml_note("part 3: in a full %zu MiB heap, a live thread that freed %d..%d blocks of %d "
            "bytes held back at most %zu of them (%zu bytes; %d KiB allowed)",
            HOLDFULL_ARENA / MIB, HOLDFULL_FIRST, HOLDFULL_FIRST + HOLDFULL_WINDOW - 1,
            HOLDFULL_SIZE, most, most * HOLDFULL_SIZE, HOLD_ALLOWANCE / 1024);
    free(blocks);
}

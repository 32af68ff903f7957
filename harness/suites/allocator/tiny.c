// tiny.c — the allocator suite's tests of the tiny allocator (mallocgc's tiny
// path in Go's malloc.go): pieces naturally aligned, sharing a 16-byte block,
// a block living while one piece does and freed with the last.
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "memlab/grade.h"
#include "memlab/rng.h"
#include "mm.h"
#include "allocator_suite.h"

void suite_tiny_pieces_are_naturally_aligned(void)
{
    synth_t s;
    suite_syn_init(&s, "tiny-alignment", 6000);
    ml_rng_t rng;
    ml_rng_seed(&rng, 21);
    uint32_t live[6000];
    size_t nlive = 0;
    for (uint32_t id = 0; id < 6000; id++) {
        size_t size = ml_rng_below(&rng, 4) == 0 ? (size_t)ml_rng_range(&rng, 16, 40)
                                                 : (size_t)ml_rng_range(&rng, 1, 15);
        suite_syn_op(&s, ML_OP_ALLOC, id, size);
        live[nlive++] = id;
        if (ml_rng_below(&rng, 2) == 0) {
            size_t k = ml_rng_below(&rng, nlive);
            suite_syn_op(&s, ML_OP_FREE, live[k], 0);
            live[k] = live[--nlive];
        }
    }
    suite_syn_check(&s, "random sizes, mostly 1 to 15 bytes");
}

void suite_tiny_small_requests_share_a_block(void)
{
    suite_fresh(ARENA);
    uintptr_t b[4];
    for (int i = 0; i < 4; i++)
        b[i] = (uintptr_t)suite_must_alloc(4, "for a 4-byte request");
    for (int i = 1; i < 4; i++)
        cr_assert((b[i] & ~(uintptr_t)15) == (b[0] & ~(uintptr_t)15),
                  "four mm_malloc(4) in a row returned %p, %p, %p, %p: they should share one "
                  "16-byte tiny block",
                  (void *)b[0], (void *)b[1], (void *)b[2], (void *)b[3]);
    suite_fresh(ARENA);
    size_t base = suite_inuse();
    for (int i = 0; i < 16384; i++)
        suite_must_alloc(1, "for a 1-byte request");
    size_t used = suite_inuse() - base;
    cr_assert(used <= 5 * PAGE,
              "16384 requests of 1 byte take %zu bytes of spans; packed 16 to a tiny block "
              "they need 16 KiB (2 spans of 16-byte blocks)",
              used);
}

void suite_tiny_block_lives_while_one_piece_does(void)
{
    // Rounds of: four 4-byte pieces, three of them freed, the fourth kept;
    // a 2-byte piece freed at once and another one kept (the block is still
    // the one being filled); then many 16-byte blocks and tiny pieces. The
    // checker fails the trace if any later block overlaps a kept piece.
    synth_t s;
    suite_syn_init(&s, "tiny-block-lifetime", 40 * (4 + 2 + 600));
    uint32_t id = 0;
    for (int round = 0; round < 40; round++) {
        uint32_t first = id;
        for (int i = 0; i < 4; i++)
            suite_syn_op(&s, ML_OP_ALLOC, id++, 4);
        for (int i = 0; i < 3; i++)
            suite_syn_op(&s, ML_OP_FREE, first + (uint32_t)((i + round) % 4), 0);
        suite_syn_op(&s, ML_OP_ALLOC, id, 2);
        suite_syn_op(&s, ML_OP_FREE, id++, 0);
        suite_syn_op(&s, ML_OP_ALLOC, id++, 2);
        for (int i = 0; i < 600; i++)
            suite_syn_op(&s, ML_OP_ALLOC, id++, i % 3 == 0 ? 6 : 16);
    }
    suite_syn_check(&s, "pieces kept while their neighbours are freed");
}

// one_piece — a thread body (arg: a bool set when mm_malloc fails): one
// 5-byte piece, freed at once (its block is still the thread's current one
// when the thread exits).
static void *one_piece(void *arg)
{
    void *p = mm_malloc(5);
    if (!p)
        *(bool *)arg = true;
    mm_free(p);
    return NULL;
}

// Threads of one_piece run one after the other: enough blocks, one per
// thread, to fill 12 spans of tiny blocks (96 KiB) if none were freed:
// more than the test allows (two spans plus 64 KiB).
#define PIECE_THREADS 6144

void suite_tiny_block_is_freed_with_its_last_piece(void)
{
    // The pieces of various sizes share blocks; every block must be freed
    // once all of its pieces are, even when they are freed in random order.
    churn_t ch = { .size = 5, .n = 64 * 1024, .seed = 5 };
    suite_fresh(ARENA);
    size_t base = suite_inuse();
    suite_in_thread(suite_churn, &ch);
    cr_assert(!ch.failed, "mm_malloc(5) returned NULL");
    size_t left = suite_inuse() - base;
    cr_assert(left <= 2 * PAGE + SPARE_ALLOWANCE,
              "a thread allocated %zu tiny pieces of 5 bytes, freed them all in random order "
              "and exited, but %zu bytes remain in spans: a tiny block must be freed when its "
              "last piece is",
              ch.n, left);
    // The block a thread is still filling when it exits: its pieces may all
    // be freed already, and it is nobody's current block any more.
    suite_fresh(ARENA);
    base = suite_inuse();
    bool failed = false;
    for (int t = 0; t < PIECE_THREADS; t++)
        suite_in_thread(one_piece, &failed);
    cr_assert(!failed, "mm_malloc(5) returned NULL in a fresh heap");
    left = suite_inuse() - base;
    cr_assert(left <= 2 * PAGE + SPARE_ALLOWANCE,
              "%d threads, one after the other, each allocated one tiny piece of 5 bytes, "
              "freed it and exited, but %zu bytes remain in spans: a tiny block must be freed "
              "when its last piece is, once it is no thread's current block",
              PIECE_THREADS, left);
}

// bounds.c — the allocator suite's tests of boundaries, on both sides: every
// request one byte below, at and one byte above each size class's object
// size, the tiny and large thresholds and page multiples of large objects,
// all written to their last byte with neighbours live (the checker sees the
// first byte past a block land in another); and the contracts the handout
// states for the realloc of a tiny piece.
#include <stdint.h>
#include <stdlib.h>

#include "support/checker.h"
#include "memlab/grade.h"
#include "memlab/sizeclass.h"
#include "mm.h"
#include "allocator_suite.h"

#define PER_SIZE 3 // blocks of each size, live together (neighbours in a span)

// add_size — appends `size` to sizes[] unless it is already there.
static void add_size(size_t *sizes, size_t *n, size_t size)
{
    for (size_t i = 0; i < *n; i++)
        if (sizes[i] == size)
            return;
    sizes[(*n)++] = size;
}

void suite_bounds_sizes_around_every_class_boundary(void)
{
    size_t sizes[4 * ML_NUM_SIZE_CLASSES + 64], n = 0;
    for (int c = 1; c < ML_NUM_SIZE_CLASSES; c++) {
        size_t s = ml_class_size(c);
        add_size(sizes, &n, s - 1);
        add_size(sizes, &n, s);
        add_size(sizes, &n, s + 1);
    }
    // The tiny threshold, the large threshold, page multiples of large
    // objects (one byte less, exactly, one more).
    static const size_t edges[] = { 1,      2,      15,     16,      17,      32767,  32768,
                                    32769,  40959,  40960,  40961,   65535,   65536,  65537,
                                    262143, 262144, 262145, 1048575, 1048576, 1048577 };
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
        add_size(sizes, &n, edges[i]);
    ml_note("replay it: build/<impl>/suites/allocator --filter "
            "'bounds/sizes_around_every_class_boundary' --verbose");
    // Blocks of each size in turn, PER_SIZE of them live at once, the
    // previous size's blocks freed after the next ones are allocated: every
    // block is written whole and checked whole, with neighbours live.
    synth_t syn;
    uint32_t ids = (uint32_t)(n * PER_SIZE);
    suite_syn_init(&syn, "class-boundaries", ids);
    for (size_t i = 0; i < n; i++) {
        for (uint32_t k = 0; k < PER_SIZE; k++)
            suite_syn_op(&syn, ML_OP_ALLOC, (uint32_t)(i * PER_SIZE + k), sizes[i]);
        if (i > 0)
            for (uint32_t k = 0; k < PER_SIZE; k++)
                suite_syn_op(&syn, ML_OP_FREE, (uint32_t)((i - 1) * PER_SIZE + k), 0);
    }
    for (uint32_t k = 0; k < PER_SIZE; k++)
        suite_syn_op(&syn, ML_OP_FREE, (uint32_t)((n - 1) * PER_SIZE + k), 0);
    suite_syn_check(&syn, "three blocks of each size one byte below, at and one byte above "
                          "every size class, the tiny and large thresholds and page "
                          "multiples; handout: Size classes and 16-byte alignment");
}

void suite_realloc_tiny_pieces_keep_their_bytes_and_neighbours(void)
{
    // Tiny pieces packed together, some of them reallocated to other tiny
    // sizes (smaller and larger), to small sizes and back, while their
    // neighbours stay live: the checker verifies the prefix each realloc
    // keeps and every neighbour's bytes.
    enum { N = 4000 };
    synth_t syn;
    suite_syn_init(&syn, "tiny-realloc", N);
    static const size_t tiny[] = { 1, 2, 3, 4, 5, 7, 8, 9, 12, 15 };
    for (uint32_t id = 0; id < N; id++)
        suite_syn_op(&syn, ML_OP_ALLOC, id, tiny[id % 10]);
    for (uint32_t id = 0; id < N; id += 3)
        suite_syn_op(&syn, ML_OP_REALLOC, id, tiny[(id / 3 + 3) % 10]);
    for (uint32_t id = 1; id < N; id += 5)
        suite_syn_op(&syn, ML_OP_REALLOC, id, id % 2 ? 40 : 1);
    for (uint32_t id = 1; id < N; id += 5)
        suite_syn_op(&syn, ML_OP_REALLOC, id, 3);
    for (uint32_t id = 0; id < N; id++)
        suite_syn_op(&syn, ML_OP_FREE, id, 0);
    // A piece reallocated right after it was allocated: the new piece often
    // lies in the same 16-byte block, a byte or two further on.
    for (uint32_t id = 0; id < N; id++) {
        suite_syn_op(&syn, ML_OP_ALLOC, id, 1 + id % 2);
        suite_syn_op(&syn, ML_OP_REALLOC, id, 3 + id % 5);
        if (id % 3 == 0)
            suite_syn_op(&syn, ML_OP_FREE, id, 0);
    }
    ml_note("replay it: build/<impl>/suites/allocator --filter "
            "'realloc/tiny_pieces_keep_their_bytes_and_neighbours' --verbose");
    unsigned long overlaps = suite_wrap_overlapping_memcpys();
    suite_syn_check(&syn, "tiny pieces reallocated among tiny and small sizes while their "
                          "neighbours are live; handout: realloc of a tiny piece");
    overlaps = suite_wrap_overlapping_memcpys() - overlaps;
    cr_assert(overlaps == 0,
              "tiny pieces reallocated right after they were allocated: %lu memcpy call%s "
              "had overlapping source and destination, which memcpy does not allow (the "
              "result is undefined: it may work here and not on another machine; handout: "
              "The realloc of a tiny piece)",
              overlaps, overlaps == 1 ? "" : "s");
}

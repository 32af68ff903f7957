// wordedges.c — the allocator suite's check that the empty spans of the
// classes at the ends of the words of per-class flags go back to the page
// heap, a part of spans/empty_spans_return_to_the_page_heap (its caller, in
// spans.c), so the rubric in ../allocator.c is unchanged.
//
// An allocator that keeps one flag per class in 64-bit words (which classes
// have spare spans, which ones a thread holds something of) finds a class's
// flag at word ci / 64, bit ci % 64. The other parts of the test churn
// classes inside the first word and the first classes of the second; this
// one churns the first usable class (16 bytes, class 2), the last class of
// the first word (21760 bytes, class 63) and tiny pieces (whose blocks are
// the allocator's own last class), so that a flag set in the wrong word, or
// for a class past the last, at either end leaves that class's empty spans
// in the heap. While the churning thread still holds those empty spans, it
// then takes new spans of a class whose spans are of another length: the
// heap is at its high-water mark, so an allocator that gives back what it
// holds before the heap grows walks its flags there, and a flag that names
// no class sends that walk outside its tables.
//
// The rule checked (handout: Spans and the mcentral): once every block is
// free and every thread has exited, at most 64 KiB of empty spans per class
// (plus the span a thread's mcache held) may stay in the heap.
#include <stddef.h>

#include "memlab/grade.h"
#include "memlab/sizeclass.h"
#include "allocator_suite.h"

// An edge case: a churn of one size, then blocks of another.
typedef struct edge {
    churn_t ch;   // the churned size, two rounds
    churn_t then; // then this many blocks of this size, allocated and freed
} edge_t;

// churn_two_rounds_then — a thread body (arg: an edge_t): suite_churn, then
// again with another seed, so that the second round's refills meet the
// spans the first round's frees emptied; then, with those spans still held,
// the blocks of the other size.
static void *churn_two_rounds_then(void *arg)
{
    edge_t *e = arg;
    suite_churn(&e->ch);
    e->ch.seed += 100;
    suite_churn(&e->ch);
    return suite_churn(&e->then);
}

void suite_wordedges_spans_return(void)
{
    // The first usable class's objects, the last class of the first word's,
    // and tiny pieces; each followed by blocks whose spans have another length.
    const size_t sizes[] = { 16, ml_class_size(63), 8 };
    const size_t thens[] = { ml_class_size(63), 16, ml_class_size(63) };
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t size = sizes[k], then = thens[k];
        int c = suite_usable_class(size < 16 ? 16 : size), t = suite_usable_class(then);
        size_t span = ml_class_npages(c) * PAGE, tspan = ml_class_npages(t) * PAGE;
        // Tiny pieces: two of 8 bytes per 16-byte block.
        edge_t e = { .ch = { .size = size,
                             .n = 64 * ml_class_nobjs(c) * (size < 16 ? 2 : 1),
                             .seed = 31 + k },
                     .then = { .size = then, .n = 4 * ml_class_nobjs(t), .seed = 41 + k } };
        suite_fresh(ARENA);
        size_t base = suite_inuse();
        suite_in_thread(churn_two_rounds_then, &e);
        cr_assert(!e.ch.failed && !e.then.failed,
                  "mm_malloc(%zu) or mm_malloc(%zu) returned NULL in a fresh heap", size, then);
        // Allowed: for each of the two classes a span the thread's mcache
        // held and the spares; for tiny pieces also the span of the
        // thread's last tiny block.
        size_t left = suite_inuse() - base,
               allowed = (size < 16 ? 2 : 1) * span + tspan + 2 * SPARE_ALLOWANCE;
        cr_assert(left <= allowed,
                  "a thread filled 64 spans with %zu-byte %s (%s %d), freed every one, did "
                  "both again, then allocated and freed %zu blocks of %zu bytes (size class "
                  "%d) and exited, but %zu KiB stay in spans (allowed: for each class one "
                  "span plus %d KiB of spare spans%s, %zu KiB): empty spans of every class "
                  "must go back to the page heap (handout: Spans and the mcentral)",
                  size, size < 16 ? "tiny pieces" : "objects",
                  size < 16 ? "in 16-byte blocks of class" : "size class", c, e.then.n, then, t,
                  left / 1024, SPARE_ALLOWANCE / 1024,
                  size < 16 ? ", and the span of a tiny block" : "", allowed / 1024);
    }
}

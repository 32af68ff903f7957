// wordedges.c — the allocator suite's check that the empty spans of the
// classes at both ends of the first 64 classes go back to the page heap, a
// part of spans/empty_spans_return_to_the_page_heap (its caller, in
// spans.c), so the rubric in ../allocator.c is unchanged.
//
// An allocator that keeps one flag per class in 64-bit words (which classes
// have spare spans, which ones a thread holds something of) finds a class's
// flag at word ci / 64, bit ci % 64. The other parts of the test churn
// classes inside the first word and the first classes of the second; this
// one churns the first usable class (16 bytes, class 2) and the last class
// of the first word (21760 bytes, class 63), so that a flag set in the wrong
// word at either end of it leaves that class's empty spans in the heap.
//
// The rule checked (handout: Spans and the mcentral): once every block is
// free and every thread has exited, at most 64 KiB of empty spans per class
// (plus the span a thread's mcache held) may stay in the heap.
#include <stddef.h>

#include "memlab/grade.h"
#include "memlab/sizeclass.h"
#include "allocator_suite.h"

// churn_two_rounds — a thread body (arg: a churn_t): suite_churn, then again
// with another seed, so that the second round's refills meet the spans the
// first round's frees emptied.
static void *churn_two_rounds(void *arg)
{
    churn_t *ch = arg;
    suite_churn(ch);
    ch->seed += 100;
    return suite_churn(ch);
}

void suite_wordedges_spans_return(void)
{
    // The first usable class's objects, and the last class of the first word's.
    const size_t sizes[] = { 16, ml_class_size(63) };
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t size = sizes[k];
        int c = suite_usable_class(size);
        size_t span = ml_class_npages(c) * PAGE;
        churn_t ch = { .size = size, .n = 64 * ml_class_nobjs(c), .seed = 31 + k };
        suite_fresh(ARENA);
        size_t base = suite_inuse();
        suite_in_thread(churn_two_rounds, &ch);
        cr_assert(!ch.failed, "mm_malloc(%zu) returned NULL in a fresh heap", size);
        size_t left = suite_inuse() - base, allowed = span + SPARE_ALLOWANCE;
        cr_assert(left <= allowed,
                  "a thread filled 64 spans with %zu-byte objects (size class %d), freed "
                  "every one, did both again and exited, but %zu KiB stay in spans (allowed: "
                  "one span plus %d KiB of spare spans, %zu KiB): empty spans of every class "
                  "must go back to the page heap (handout: Spans and the mcentral)",
                  size, c, left / 1024, SPARE_ALLOWANCE / 1024, allowed / 1024);
    }
}

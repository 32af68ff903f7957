// refusal.c — a step of lifecycle/refused_memory_is_handled (its caller, in
// lifecycle.c, which also counts what the step leaves behind), so the
// rubric in ../allocator.c is unchanged: memory refused while the pages of
// a span whose blocks are all free could serve the class asked for.
//
// Why this step: an allocator may cut an empty span of one class again
// into the objects of another class of the same span length (Go's spans
// are cut per class, and the pages are what costs memory). The objects of
// the new class may need more bookkeeping than the old ones (a longer
// allocation bitmap), obtained from the C library, which may refuse it.
// The earlier steps refuse memory on an allocator that holds no span yet;
// this one refuses it after a thread emptied a span of 4096-byte blocks
// (two to a one-page span) and asks for blocks of classes of one-page spans
// with many more objects (48, 16 and 8 bytes).
//
// The rules checked (mm.h: mm_malloc; handout: What you write): with memory
// refused, each mm_malloc returns NULL or a block that holds its bytes,
// and never crashes; once memory is back, every size works again.
#include <stddef.h>
#include <string.h>

#include "memlab/grade.h"
#include "memlab/pageheap.h"
#include "mm.h"
#include "allocator_suite.h"

#define NSIZES 3

void suite_refusal_after_a_freed_span(ml_pageheap_t *h)
{
    static const size_t sizes[NSIZES] = { 48, 16, 8 };
    void *got[NSIZES], *again[NSIZES];
    cr_assert(mm_init(h) == 0, "step 5: mm_init returned -1 for a fresh page heap");
    void *a = suite_must_alloc(4096, "step 5, in a fresh heap");
    void *b = suite_must_alloc(4096, "step 5, in a fresh heap");
    mm_free(a);
    mm_free(b);
    suite_wrap_refuse(true, true);
    for (size_t i = 0; i < NSIZES; i++) {
        got[i] = mm_malloc(sizes[i]);
        if (got[i])
            memset(got[i], 0x55, sizes[i]);
    }
    int nrefused = suite_wrap_refuse(false, false);
    ml_note("step 5: two blocks of 4096 bytes allocated and freed, then mm_malloc of 48, 16 and "
            "8 bytes with malloc and mmap refused: %d call%s refused; returned %s %s %s",
            nrefused, nrefused == 1 ? "" : "s", got[0] ? "block" : "NULL",
            got[1] ? "block" : "NULL", got[2] ? "block" : "NULL");
    for (size_t i = 0; i < NSIZES; i++) {
        again[i] = mm_malloc(sizes[i]);
        cr_assert(again[i],
                  "step 5: two blocks of 4096 bytes were allocated and freed, then the C "
                  "library refused memory while blocks of 48, 16 and 8 bytes were asked for; "
                  "with memory back, mm_malloc(%zu) returned NULL: a failure left the "
                  "allocator broken (handout: What you write, mm_malloc)",
                  sizes[i]);
        memset(again[i], 0x66, sizes[i]);
    }
    for (size_t i = 0; i < NSIZES; i++) {
        mm_free(got[i]);
        mm_free(again[i]);
    }
    mm_deinit();
}

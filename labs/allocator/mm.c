// mm.c — YOUR allocator: Go's malloc (runtime/malloc.go) rebuilt in C over
// memlab's page heap. The handout, labs/allocator/README.md, walks you
// through it in six stages; this file has one section per stage, in order.
//
//   1. size classes     mm_size_class: request size → Go size class
//   2. spans, mcentral  a span per class cut into objects; the mcentral's
//                       lists of spans with and without free objects
//   3. mcache           a per-thread cache: allocation without locks
//   4. tiny             requests under 16 bytes packed into 16-byte blocks
//   5. large            requests over 32 KiB straight from the page heap
//   6. realloc, calloc
//
// What you may use (read the headers, their comments are the contracts):
//   memlab/pageheap.h   ml_pageheap_alloc_span / _free_span (runs of 8 KiB
//                       pages), ml_pageheap_span_of (address → span, O(1),
//                       no lock), ml_pageheap_bounds
//   memlab/span.h       ml_span_t and ml_span_init_small / _fini (cut a span
//                       into objects, with an allocation bitmap), the bitmap
//                       helpers ml_bit_test / _set / _clear / _find_zero
//   memlab/sizeclass.h  Go's table: ml_size_to_class, ml_class_size,
//                       ml_class_npages, ml_class_nobjs
//   the C library       malloc/calloc/free for your own bookkeeping (Go keeps
//                       its bookkeeping off the heap too), pthreads, atomics
// Every block you return must lie inside a span you got from `heap`: the
// driver checks it, and measures your memory use from the page heap itself.
//
// Build and run: `make allocator` then `build/student/bin/allocator`;
// grade: `make grade LAB=allocator`; one stage's tests only:
// `build/student/suites/allocator --filter 'tiny/*'`.
#include "mm.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/pageheap.h"
#include "memlab/sizeclass.h"
#include "memlab/span.h"

// ---- your data structures -----------------------------------------------------

// mcentral — Go's mcentral (runtime/mcentral.go): the spans of one size
// class that no mcache holds.
// TODO(stage 2): a lock, the spans with at least one free object, the spans
// with none. Keep per-span facts you need (e.g. "an mcache holds this span")
// where you can reach them from an ml_span_t: its `owner` field is yours.
typedef struct mcentral {
    int sizeclass;
} mcentral_t;

// mcache — Go's mcache (runtime/mcache.go): what one thread allocates from
// without taking any lock.
// TODO(stage 3): for each class, the span this thread allocates from.
// TODO(stage 4): the current tiny block and how much of it is used.
typedef struct mcache {
    int unused;
} mcache_t;

static ml_pageheap_t *heap;                         // set by mm_init
static mcentral_t central[ML_NUM_SIZE_CLASSES];
static _Thread_local mcache_t mcache;               // one per thread

// ---- stage 1: size classes ----------------------------------------------------

// class_of — the size class for a request of 16..32768 bytes: the smallest
// of Go's classes whose objects hold `size` bytes AND keep every object of
// a span 16-byte aligned (see the handout: two of Go's classes cannot).
// Pure and fast: it runs on every mm_malloc.
static int class_of(size_t size)
{
    // TODO(stage 1)
    (void)size;
    return 0;
}

// ---- stage 2: spans and the mcentral -------------------------------------------

// mcentral_grow — a new span for class c from the page heap (Go's
// mcentral.grow): ml_class_npages(c) pages, cut into objects of
// ml_class_size(c) bytes. NULL when the page heap has no room.
static ml_span_t *mcentral_grow(mcentral_t *c)
{
    // TODO(stage 2)
    (void)c;
    return NULL;
}

// mcentral_cache_span — a span of class c with at least one free object,
// handed to an mcache for its exclusive use (Go's mcentral.cacheSpan):
// a span from the list of spans with free objects, else a new one.
// NULL when the page heap has no room. Thread-safe. (Unused until stage 3.)
static __attribute__((unused)) ml_span_t *mcentral_cache_span(mcentral_t *c)
{
    // TODO(stage 2, used from stage 3 on)
    return mcentral_grow(c);
}

// mcentral_uncache_span — an mcache gives span s back (Go's
// mcentral.uncacheSpan): it goes on the list its free objects say, or back
// to the page heap if it is empty. Thread-safe. (Unused until stage 3.)
static __attribute__((unused)) void mcentral_uncache_span(mcentral_t *c, ml_span_t *s)
{
    // TODO(stage 3)
    (void)c;
    (void)s;
}

// mcentral_free — free object p of span s, which no mcache of this thread
// holds: mark it free in the span; a span that was full now has a free
// object; a span that is now empty goes back to the page heap
// (ml_span_fini, then ml_pageheap_free_span). Careful (stage 3): another
// thread's mcache may be allocating from s right now, without a lock.
// Thread-safe.
static void mcentral_free(mcentral_t *c, ml_span_t *s, void *p)
{
    // TODO(stage 2)
    (void)c;
    (void)s;
    (void)p;
}

// ---- stage 3: the mcache ------------------------------------------------------

// mcache_alloc — an object of size class `sizeclass` from this thread's
// cached span, taking a new span (mcentral_cache_span) when it is full.
// No lock on the fast path. NULL when the page heap has no room.
// Before stage 3 works, allocating straight from the mcentral under its
// lock is a fine first version.
static void *mcache_alloc(int sizeclass)
{
    // TODO(stage 2 first version; stage 3)
    if (sizeclass <= 0 || sizeclass >= ML_NUM_SIZE_CLASSES)
        return NULL;
    return NULL;
}

// mcache_free — free object p of small span s: without a lock when this
// thread's mcache holds s, through mcentral_free otherwise.
static void mcache_free(ml_span_t *s, void *p)
{
    // TODO(stage 3)
    mcentral_free(&central[s->sizeclass], s, p);
}

// ---- stage 4: the tiny allocator ----------------------------------------------

// tiny_alloc — a piece of 1..15 bytes at its natural alignment
// (mm_required_align), packed with other pieces into a 16-byte block
// (Go's tiny allocator in mallocgc). NULL when the heap has no room.
static void *tiny_alloc(size_t size)
{
    // TODO(stage 4)
    (void)size;
    return NULL;
}

// tiny_free — one piece at p of a tiny block in span s is freed; the block
// itself may be reused only once every piece in it has been freed.
static void tiny_free(ml_span_t *s, void *p)
{
    // TODO(stage 4)
    (void)s;
    (void)p;
}

// ---- stage 5: large objects ---------------------------------------------------

// large_alloc — more than 32 KiB: a span of its own, whole pages, straight
// from the page heap (Go's largeAlloc). NULL when it cannot fit — and it
// must not crash for any size, SIZE_MAX included.
static void *large_alloc(size_t size)
{
    // TODO(stage 5)
    (void)size;
    return NULL;
}

// large_free — the large object in span s is freed: its pages go back.
static void large_free(ml_span_t *s)
{
    // TODO(stage 5)
    (void)s;
}

// ---- the interface (mm.h has the contracts) -----------------------------------

int mm_init(ml_pageheap_t *h)
{
    if (!h)
        return -1;
    heap = h;
    memset(central, 0, sizeof central);
    memset(&mcache, 0, sizeof mcache);
    for (int c = 0; c < ML_NUM_SIZE_CLASSES; c++)
        central[c].sizeclass = c;
    // TODO(stages 2-4): initialise what you added (locks, lists, ...).
    return 0;
}

void mm_deinit(void)
{
    // TODO(stages 2-4): give back this thread's mcache and every span the
    // mcentrals hold (ml_span_fini frees a span's bitmaps), and free your
    // bookkeeping, so that nothing leaks between traces.
    heap = NULL;
}

int mm_size_class(size_t size)
{
    if (size < ML_TINY_SIZE || size > ML_MAX_SMALL_SIZE)
        return 0;
    return class_of(size);
}

void *mm_malloc(size_t size)
{
    if (size == 0)
        return NULL;
    if (size < ML_TINY_SIZE)
        return tiny_alloc(size);
    if (size <= ML_MAX_SMALL_SIZE)
        return mcache_alloc(class_of(size));
    return large_alloc(size);
}

void mm_free(void *ptr)
{
    if (!ptr)
        return;
    ml_span_t *s = ml_pageheap_span_of(heap, ptr);
    if (!s)
        return;     // not ours: nothing sensible to do
    // TODO(stages 4-5): tell large spans and tiny blocks apart from the
    // other small spans (how you mark them is up to you).
    if (s->state == ML_SPAN_LARGE)
        large_free(s);
    else if (false)
        tiny_free(s, ptr);
    else
        mcache_free(s, ptr);
}

void *mm_realloc(void *ptr, size_t size)
{
    // TODO(stage 6): the cases of mm.h's contract. Stay in place when the
    // new size fits the block's size class (or its pages, for a large
    // object); otherwise allocate, copy, free.
    if (!ptr)
        return mm_malloc(size);
    if (size == 0) {
        mm_free(ptr);
        return NULL;
    }
    return NULL;
}

void *mm_calloc(size_t nmemb, size_t size)
{
    // TODO(stage 6): overflow check, then a zeroed block (memory you reuse
    // is not zero).
    (void)nmemb;
    (void)size;
    return NULL;
}

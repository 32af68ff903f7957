// large-grow-keeps-old-size.c — mutant of the allocator lab's mm.c: a large
// block that grows in place (into the free pages after its span) gets the
// pages, but its recorded size stays the one it was allocated with. When it
// later has to move, only that many bytes are copied: the bytes of its
// first growth are lost.
// Caught by: realloc/growing_keeps_the_data (a block grown from 40000 to
// 80000 bytes, then, a block allocated after it, to 1 MiB).
// mm.c — a Go-style allocator over memlab's page heap: size classes, spans,
// an mcentral per class, a per-thread mcache, the tiny allocator and large
// objects (Go's runtime/malloc.go, mcache.go, mcentral.go, mheap.go,
// sizeclasses.go). This is the reference solution of the allocator lab.
//
// Data structures, one line each:
//   classmap[]    one byte per page of the heap: the mcentral index of the
//                 span the page is in, CLASS_LARGE on a large object's
//                 first page, 0 elsewhere (tcmalloc keeps the same cache of
//                 size classes beside its page map). free reads this dense
//                 byte instead of the span: one cache miss fewer.
//   class_of16[]  request size (rounded up to 16) → size class, built once
//                 from Go's table; skips the classes whose objects are not
//                 multiples of 16 bytes (8 and 24), which could not keep
//                 every object 16-byte aligned.
//   span          an ml_span_t from the page heap, cut into equal objects;
//                 allocbits say which are allocated; `sizeclass` is the
//                 index of its mcentral (TINY_CI for tiny blocks), 0 for a
//                 large object. Its `owner` points to a spanx_t: where the
//                 span is (cached by an mcache, on the partial list, on the
//                 full list) and the objects other threads freed while it
//                 was cached.
//   tinycount[]   one byte per 16 bytes of the heap: for a tiny block, the
//                 count of its live pieces. Reserved for the whole heap,
//                 the kernel provides pages of it only where tiny spans
//                 are, 1/16 of their size.
//   mcentral[c]   one per class (plus one for tiny blocks), under a lock:
//                 `partial` spans have a free object, `full` spans none;
//                 spans held by an mcache are on neither list. Up to 64 KiB
//                 of empty spans stay on `spare` instead of going back to
//                 the page heap, so one object coming and going in a class
//                 with a few objects per span does not move pages each time.
//   mcache        per thread (_Thread_local): for each class one span, a
//                 64-bit mirror of the free objects in one word of its
//                 allocbits, the allocations it has not yet added to the
//                 span's allocount, a free list of the objects this thread
//                 freed (an array of up to 128 KiB or 2048 objects per
//                 class, tcmalloc's thread cache: Go needs none, its
//                 sweeper frees in bulk), and the `kept` empty
//                 spans beyond the mcentral's spares (up to 128 KiB per
//                 class: with the free list, at most the 256 KiB per class
//                 mm.h lets a thread hold back); plus the current tiny
//                 block and a log of changes to tiny blocks' piece counts.
//                 No locks.
//   held_pages    the pages in spans mm holds (HeapInuse) and their
//   peak_pages    high-water mark: see reclaim below.
//
// malloc(n):
//   1. n = 0 → NULL. n < 16 → tiny: bump inside the mcache's 16-byte block
//      at n's natural alignment; when it does not fit, take a new block.
//   2. n ≤ 32 KiB → class c: pop the slot's free list, else take the lowest
//      set bit of the mirror (no lock). When both are empty, scan the span's
//      next allocbits words; when the span is exhausted, refill: under c's
//      lock, keep the span if frees have opened holes in it, else put it on
//      the full list and take a partial span, a kept one, a spare, or a
//      new one (after reclaim when that would pass the high-water mark).
//   3. n > 32 KiB → a span of its own straight from the page heap.
//   Spans come from ml_pageheap_alloc_span_nozero: malloc promises no
//   zeroes, and zeroing reused pages would cost more than the rest.
// free(p):
//   the class map gives p's class (Go reads spanOf(p).spanclass).
//   Large: the pages go back to the page heap. Tiny: note "one piece less"
//   for the block in the mcache's log; when the log is full, it is applied
//   under the tiny mcentral's lock, one lock for 64 changes instead of an
//   atomic operation for each; a block whose count reaches zero is then
//   freed as a small object of the tiny class. Small: push p on the slot's
//   free list (no lock; the object itself is not touched), whichever span
//   it is in: one path, so the branch is predicted whatever the mix of
//   classes (clearing the bit at once when p is in the mcache's own span
//   is a branch that goes either way on a mixed trace). A full free list
//   hands its older half back under one lock: an object of the mcache's
//   own span clears its bit (no lock needed); for a span another thread
//   caches,
//   p only joins its deferred list (the owner clears bits without locks and
//   folds these in at its next refill); an uncached span clears the bit,
//   moves from full to partial, and once empty becomes a spare, or a kept
//   span of the freeing thread when the class has its 64 KiB of spares —
//   a spare again once the thread keeps 128 KiB of the class, where the
//   threads that allocate the class find it.
//   A thread's mcache is flushed when the thread exits.
// reclaim (before the page heap grows past the high-water mark):
//   a new small span first re-cuts an empty span of the same length held
//   for another class (recut: no page heap at all): one this thread caches
//   or keeps (also when the objects left in it all wait on its free list),
//   else another class's spare. Else spares, then this thread's kept spans,
//   go back to the page heap, only as many as the new pages need (HeapInuse
//   counts pages, wherever they lie); when they are not enough, the
//   thread's free lists go back to their spans and (for a new small span)
//   its empty cached spans to the mcentral, a span of the class or of its
//   length is looked for again, and spares and kept spans are released
//   as far as needed. Below the mark, holding them costs no memory the
//   process has not needed already, and saves refills: so utilization
//   (peak live / peak HeapInuse) is what the live objects need, and the
//   fast paths stay fast.
// realloc(p, n):
//   in place when n fits p's class (small) or p's pages (large, unless it
//   shrinks to under half its span and, if still large, by over a fifth of
//   its pages); a
//   large block that grows takes the free pages right after its span if
//   there are enough (ml_pageheap_grow_span). Otherwise the data moves; a
//   block that grows past 32 KiB moves into 1.25x the size asked (Go's
//   growslice headroom for large slices), so a growing buffer is not copied
//   again at every page. A small block growing by small steps (at most a
//   quarter) past half a page moves into a span of its own, a large object
//   whatever its size, so that its next steps grow in place instead of
//   walking through every size class. (Go has no realloc: this is the lab's
//   own extension.)
//
// Invariants:
//   - a span's allocbits and allocount are written only by the thread whose
//     mcache holds it, or under its mcentral's lock while no mcache holds it;
//   - while cached, the span's true count of allocated objects is
//     allocount + the slot's delta - the objects on its deferred list;
//     objects on some thread's free list still count as allocated;
//   - a set bit in an mcache mirror is a free object of the mirrored word;
//   - a tiny block's piece count, changed only under the tiny mcentral's
//     lock, is (pieces handed out, added once the mcache has let go of the
//     block) - (pieces freed), both as far as the logs applied so far tell:
//     it can dip below 0 before the hand-out count is added, and reaches 0
//     exactly once afterwards, when every piece is accounted for; whoever
//     applies that change frees the block.
// Killed by: realloc/growing_keeps_the_data
#include "mm.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "memlab/pageheap.h"
#include "memlab/sizeclass.h"
#include "memlab/span.h"

#define TINY_CI  ML_NUM_SIZE_CLASSES         // the tiny allocator's mcentral
#define NCENTRAL (ML_NUM_SIZE_CLASSES + 1)
#define SPARE_BYTES (64 * 1024)   // empty spans an mcentral may keep, per class
#define FREE_LIST_BYTES (128 * 1024) // freed objects a slot keeps, per class
#define HOLD_BYTES (256 * 1024)   // what a thread may hold back per class (mm.h)
#define KEPT_BYTES (HOLD_BYTES - FREE_LIST_BYTES) // empty spans a slot keeps
#define TINY_LOG 64       // piece-count changes an mcache keeps before applying them
#define CLASS_LARGE 255   // classmap: the first page of a large object

enum { SPAN_CACHED, SPAN_PARTIAL, SPAN_FULL, SPAN_SPARE, SPAN_KEPT };

// A spin lock: every critical section is a few dozen instructions, much
// less than putting a thread to sleep costs. A waiter yields the CPU while
// it waits, so a preempted holder gets to run.
typedef struct spinlock {
    atomic_bool held;
} spinlock_t;

static inline void spin_lock(spinlock_t *l)
{
    while (atomic_exchange_explicit(&l->held, true, memory_order_acquire))
        while (atomic_load_explicit(&l->held, memory_order_relaxed))
            sched_yield();
}

static inline void spin_unlock(spinlock_t *l)
{
    atomic_store_explicit(&l->held, false, memory_order_release);
}

typedef struct mcentral {
    spinlock_t lock;
    int ci;                 // index in `central`
    int sizeclass;          // Go's class of the objects (2 for tiny blocks)
    size_t elemsize, npages;
    uint32_t nelems;        // objects in one of its spans
    ml_span_t *partial;     // spans with a free object, held by no mcache
    ml_span_t *full;        // spans with no free object, held by no mcache
    ml_span_t *spare;       // empty spans kept back from the page heap
    size_t nspare, maxspare;
} mcentral_t;

typedef struct spanx {
    int where;              // SPAN_CACHED / _PARTIAL / _FULL / _SPARE, under the lock
    void *deferred;         // freed by other threads while cached (linked
                            // through each object's first word), under the lock
} spanx_t;

typedef struct mcache_slot {
    void **freebuf;         // objects of other spans this thread freed, in
                            // the order freed (allocated in their spans'
                            // bits until flushed); an array, so that neither
                            // free nor malloc touches the objects themselves
    uint32_t nfree, cap;    // objects in it, its length (0: not made yet)
    ml_span_t *kept;        // empty spans of the class this thread keeps
                            // beyond the mcentral's spares (linked by next)
    size_t keptbytes;       // their bytes, at most KEPT_BYTES
    uint64_t mirror;        // bit i: object word*64+i is free
    uint64_t *bits;         // &span->allocbits[word]
    uintptr_t base;         // address of object word*64
    size_t elemsize;
    ml_span_t *span;        // the span this thread allocates from, or NULL
    uintptr_t spanbase;     // its first object, and the bytes of its
    size_t spanlen;         // objects (0 without a span)
    uint64_t *allocbits;    // span->allocbits
    uint32_t word;          // the allocbits word `mirror` reflects
    int32_t delta;          // allocations - local frees, not yet in allocount
} mcache_slot_t;

typedef struct mcache {
    mcache_slot_t alloc[NCENTRAL];
    uintptr_t tiny;         // the current tiny block, 0 when none
    size_t tinyoffset;      // bytes of it already handed out
    int8_t tinyhanded;      // pieces of it handed out
    uint32_t ntinylog;      // changes in the log below
    uintptr_t tinylog[TINY_LOG];     // a piece (or block) whose block's count changes
    int8_t tinydelta[TINY_LOG];      // by how much: -1 a piece freed, +n released
    uint64_t busy[(NCENTRAL + 63) / 64]; // slots that may hold a span or a free list
    bool registered;        // the thread-exit destructor will flush us
} mcache_t;

static ml_pageheap_t *heap;
static ml_pagemap_t pagemap;        // the heap's page → span map, copied once
static size_t heap_bytes;
static uint8_t *classmap;           // page → mcentral index (see above)
static size_t classmap_pages;
static int8_t *tinycount;           // 16 bytes → tiny piece count (see above)
static size_t tinycount_bytes;
static mcentral_t central[NCENTRAL];
static _Thread_local mcache_t mcache;
static uint8_t class_of16[ML_MAX_SMALL_SIZE / 16 + 1];
static uint32_t divmul[NCENTRAL];   // (off * divmul) >> 32 == off / elemsize
static uint32_t maxfree[NCENTRAL];  // the longest free list a slot keeps
static _Atomic uint64_t sparemask[(NCENTRAL + 63) / 64]; // classes with spares
static atomic_size_t held_pages;     // pages in the spans mm holds (HeapInuse)
static atomic_size_t peak_pages;     // their high-water mark
static pthread_key_t exit_key;
static pthread_once_t once = PTHREAD_ONCE_INIT;

// mm_bug — a broken invariant or a pointer mm never handed out: abort.
static _Noreturn void mm_bug(const char *func, const char *why, const void *p)
{
    fprintf(stderr, "%s: %s (%p)\n", func, why, p);
    abort();
}

static void mcache_flush(void *mc);

// setup_once — the size → class table, the division magic numbers (Go's
// divMagic) and the thread-exit key.
static void setup_once(void)
{
    for (size_t i = 1; i < sizeof class_of16; i++)
        class_of16[i] = (uint8_t)ml_size_to_class(i * 16);
    for (int ci = 1; ci < NCENTRAL; ci++) {
        size_t size = ml_class_size(ci == TINY_CI ? ml_size_to_class(ML_TINY_SIZE) : ci);
        divmul[ci] = (uint32_t)(UINT32_MAX / size + 1);
        size_t n = FREE_LIST_BYTES / size;
        maxfree[ci] = (uint32_t)(n < 4 ? 4 : n > 2048 ? 2048 : n);
    }
    pthread_key_create(&exit_key, mcache_flush);
}

// ---- stage 1: size classes ------------------------------------------------------

// class_of — the class for a request of 16..32768 bytes: the smallest class
// whose objects hold it and are multiples of 16 bytes.
static inline int class_of(size_t size)
{
    return class_of16[(size + 15) >> 4];
}

// ---- stage 2: spans and mcentral --------------------------------------------

static void list_push(ml_span_t **head, ml_span_t *s)
{
    s->prev = NULL;
    s->next = *head;
    if (*head)
        (*head)->prev = s;
    *head = s;
}

static void list_remove(ml_span_t **head, ml_span_t *s)
{
    if (s->prev)
        s->prev->next = s->next;
    else
        *head = s->next;
    if (s->next)
        s->next->prev = s->prev;
    s->next = s->prev = NULL;
}

static inline spanx_t *spanx(const ml_span_t *s) { return s->owner; }

// span_of — the span holding p (Go's spanOf), inlined: one page map read.
static inline ml_span_t *span_of(const void *p)
{
    return ml_pagemap_span_of(&pagemap, p);
}

// class_at — the classmap byte of p's page, 0 when p is outside the heap.
static inline uint8_t class_at(const void *p)
{
    size_t page = ((uintptr_t)p - pagemap.lo) >> ML_PAGE_SHIFT;
    return page < classmap_pages ? classmap[page] : 0;
}

// classmap_set — mark the pages of span s (only its first page when
// `first`) as class v.
static void classmap_set(const ml_span_t *s, uint8_t v, bool first)
{
    uint8_t *m = &classmap[(s->base - pagemap.lo) >> ML_PAGE_SHIFT];
    if (first || s->npages == 1)
        *m = v;
    else
        memset(m, v, s->npages);
}

// object_index — the index of the object at p in small span s.
static inline uint32_t object_index(const ml_span_t *s, const void *p)
{
    return (uint32_t)(((uint64_t)((uintptr_t)p - s->base) * divmul[s->sizeclass]) >> 32);
}

// pages_held — the spans mm holds gained (n > 0) or lost (n < 0) |n|
// pages; keeps their high-water mark.
static void pages_held(ptrdiff_t n)
{
    size_t now = atomic_fetch_add_explicit(&held_pages, (size_t)n, memory_order_relaxed) + (size_t)n;
    size_t peak = atomic_load_explicit(&peak_pages, memory_order_relaxed);
    while (now > peak && !atomic_compare_exchange_weak_explicit(&peak_pages, &peak, now,
                                                                memory_order_relaxed,
                                                                memory_order_relaxed))
        ;
}

// past_peak — whether taking n more pages from the page heap would lift
// the pages mm holds above their high-water mark: then reclaim first. Below
// the mark, a spare span or a cached empty one costs no memory the process
// has not already needed, and keeping it saves work.
static inline bool past_peak(size_t n)
{
    return atomic_load_explicit(&held_pages, memory_order_relaxed) + n >
           atomic_load_explicit(&peak_pages, memory_order_relaxed);
}

// mcentral_grow — a new span for c from the page heap, cut into objects.
// Called with c's lock held. NULL when the heap is out of pages.
static ml_span_t *mcentral_grow(mcentral_t *c)
{
    ml_span_t *s = ml_pageheap_alloc_span_nozero(heap, c->npages);
    if (!s)
        return NULL;
    if (ml_span_init_small(s, c->ci, c->elemsize) != 0) {
        ml_pageheap_free_span(heap, s);
        return NULL;
    }
    spanx_t *x = calloc(1, sizeof *x);
    if (!x) {
        ml_span_fini(s);
        ml_pageheap_free_span(heap, s);
        return NULL;
    }
    s->owner = x;
    classmap_set(s, (uint8_t)c->ci, false);
    pages_held((ptrdiff_t)s->npages);
    return s;
}

// mcentral_release — give an empty, uncached span back to the page heap.
static void mcentral_release(ml_span_t *s)
{
    free(s->owner);
    s->owner = NULL;
    classmap_set(s, 0, false);
    ml_span_fini(s);
    pages_held(-(ptrdiff_t)s->npages);
    ml_pageheap_free_span(heap, s);
}

// kept_pop — the first empty span slot keeps, taken off its kept list;
// NULL when it keeps none.
static ml_span_t *kept_pop(mcache_slot_t *slot)
{
    ml_span_t *s = slot->kept;
    if (s) {
        slot->kept = s->next;
        s->next = NULL;
        slot->keptbytes -= s->npages * ML_PAGE_SIZE;
    }
    return s;
}

// mcentral_empty — an uncached span just became empty: keep it on the
// spare list while the class keeps less than SPARE_BYTES of them (so an
// object that comes and goes does not take a span from the page heap and
// give it back each time), else on the kept list of this thread's mcache
// while that holds at most KEPT_BYTES: no other thread sees those, and
// they go back to the page heap before the heap grows past its high-water
// mark (reclaim) or when the thread exits. Past both, the span joins the
// spares all the same: a thread that frees what others allocate must not
// hold back more than HOLD_BYTES per class (its free list and its kept
// spans), and the spares are where the other threads' refills look. Those
// extra spares go back to the page heap at the next reclaim or when a
// thread exits. Called with the lock held, by the thread whose free
// emptied the span.
static void mcentral_empty(mcentral_t *c, ml_span_t *s)
{
    mcache_slot_t *slot = &mcache.alloc[c->ci];
    size_t bytes = s->npages * ML_PAGE_SIZE;
    if (c->nspare >= c->maxspare && slot->keptbytes + bytes <= KEPT_BYTES) {
        spanx(s)->where = SPAN_KEPT;
        s->next = slot->kept;
        slot->kept = s;
        slot->keptbytes += bytes;
        mcache.busy[c->ci / 64] |= (uint64_t)1 << (c->ci % 64);
        return;
    }
    spanx(s)->where = SPAN_SPARE;
    list_push(&c->spare, s);
    if (c->nspare++ == 0)
        atomic_fetch_or_explicit(&sparemask[c->ci / 64], (uint64_t)1 << (c->ci % 64),
                                 memory_order_relaxed);
}

// spare_taken — c's spare list lost a span; called with the lock held.
static void spare_taken(mcentral_t *c)
{
    if (--c->nspare == 0)
        atomic_fetch_and_explicit(&sparemask[c->ci / 64], ~((uint64_t)1 << (c->ci % 64)),
                                  memory_order_relaxed);
}

// mcentral_take — a span with a free object from c's lists (partial, then
// spare), or NULL. Called with the lock held.
static ml_span_t *mcentral_take(mcentral_t *c)
{
    ml_span_t *s = c->partial;
    if (s) {
        list_remove(&c->partial, s);
    } else if ((s = c->spare) != NULL) {
        list_remove(&c->spare, s);
        spare_taken(c);
    }
    return s;
}

// mcentral_sync — fold a cached span's pending changes into its allocbits
// and allocount: the owner's delta and the frees other threads deferred.
// Called with the lock held, by the thread whose mcache holds s.
static void mcentral_sync(ml_span_t *s, mcache_slot_t *slot)
{
    spanx_t *x = spanx(s);
    s->allocount = (uint32_t)((int64_t)s->allocount + slot->delta);
    slot->delta = 0;
    while (x->deferred) {
        void *p = x->deferred;
        x->deferred = *(void **)p;
        ml_bit_clear(s->allocbits, object_index(s, p));
        s->allocount--;
    }
}

// mcentral_uncache — an mcache gives s back: it goes on the list its
// occupancy says; an empty one is kept as a spare (`spare`) or goes back to
// the page heap at once.
static void mcentral_uncache(mcentral_t *c, ml_span_t *s, mcache_slot_t *slot, bool spare)
{
    spin_lock(&c->lock);
    mcentral_sync(s, slot);
    spanx_t *x = spanx(s);
    if (s->allocount == 0) {
        if (spare)
            mcentral_empty(c, s);
        else
            mcentral_release(s);
    } else if (s->allocount == s->nelems) {
        x->where = SPAN_FULL;
        list_push(&c->full, s);
    } else {
        x->where = SPAN_PARTIAL;
        list_push(&c->partial, s);
    }
    spin_unlock(&c->lock);
}

// mcentral_free_locked — free object p of span s of class c, with c's
// lock held: deferred if an mcache holds the span (its owner clears bits
// without a lock), else the bit is cleared and the span moves between
// lists or back to the page heap.
static void mcentral_free_locked(mcentral_t *c, ml_span_t *s, void *p)
{
    spanx_t *x = spanx(s);
    if (x->where == SPAN_CACHED) {
        *(void **)p = x->deferred;
        x->deferred = p;
    } else {
        ml_bit_clear(s->allocbits, object_index(s, p));
        s->allocount--;
        if (s->allocount == 0) {
            list_remove(x->where == SPAN_FULL ? &c->full : &c->partial, s);
            mcentral_empty(c, s);
        } else if (x->where == SPAN_FULL) {
            list_remove(&c->full, s);
            x->where = SPAN_PARTIAL;
            list_push(&c->partial, s);
        }
    }
}

// ---- stage 3: the mcache ----------------------------------------------------

// mcache_register — make sure this thread's mcache is flushed when the
// thread exits (before it holds a span or a freed object).
static void mcache_register(void)
{
    if (!mcache.registered) {
        mcache.registered = true;
        pthread_setspecific(exit_key, &mcache);
    }
}

// slot_load — point the mirror at the first word ≥ w of the slot's span
// with a free object. Returns false when there is none.
static bool slot_load(mcache_slot_t *slot, uint32_t w)
{
    ml_span_t *s = slot->span;
    uint32_t nwords = (s->nelems + 63) / 64;
    for (; w < nwords; w++) {
        uint64_t free_bits = ~s->allocbits[w];
        if (w == nwords - 1 && s->nelems % 64)
            free_bits &= ((uint64_t)1 << (s->nelems % 64)) - 1;
        if (free_bits) {
            slot->word = w;
            slot->mirror = free_bits;
            slot->bits = &s->allocbits[w];
            slot->base = s->base + (uintptr_t)w * 64 * s->elemsize;
            return true;
        }
    }
    slot->mirror = 0;
    return false;
}

// mcache_alloc_fast — the lowest free object of the mirror; NULL when the
// mirror is empty. No lock: only this thread touches its span's bits.
static inline void *mcache_alloc_fast(mcache_slot_t *slot)
{
    uint64_t m = slot->mirror;
    if (__builtin_expect(m == 0, 0))
        return NULL;
    unsigned bit = (unsigned)__builtin_ctzll(m);
    slot->mirror = m & (m - 1);
    *slot->bits |= (uint64_t)1 << bit;
    slot->delta++;
    return (void *)(slot->base + bit * slot->elemsize);
}

static void reclaim(size_t npages, bool cached);
static bool release_fit(size_t npages);
static void holdings_flush(bool cached);

static void mcache_flush_free(int ci, uint32_t keep);

// slot_reset — forget the slot's span (its mirror, bounds and delta) and
// set its object size; its free list and kept spans stay.
static void slot_reset(mcache_slot_t *slot, size_t elemsize)
{
    slot->mirror = 0;
    slot->bits = NULL;
    slot->base = 0;
    slot->elemsize = elemsize;
    slot->span = NULL;
    slot->spanbase = 0;
    slot->spanlen = 0;
    slot->allocbits = NULL;
    slot->word = 0;
    slot->delta = 0;
}

// slot_unpark — take the objects of the slot's own span off its free list
// when they are all that is left allocated in it (allocount + delta counts
// them, the span's live objects and the frees other threads deferred): the
// span is then empty. A short list is searched in place, without a lock; a
// long one goes back to its spans (mcache_flush_free).
static void slot_unpark(mcache_slot_t *slot, int ci)
{
    if (slot->nfree > 64) {
        mcache_flush_free(ci, 0);
        return;
    }
    uint32_t in = 0;
    for (uint32_t i = 0; i < slot->nfree; i++)
        in += (uintptr_t)slot->freebuf[i] - slot->spanbase < slot->spanlen;
    if ((int64_t)in != (int64_t)slot->span->allocount + slot->delta)
        return;
    uint32_t k = 0;
    for (uint32_t i = 0; i < slot->nfree; i++)
        if ((uintptr_t)slot->freebuf[i] - slot->spanbase >= slot->spanlen)
            slot->freebuf[k++] = slot->freebuf[i];
    slot->nfree = k;
    slot->delta -= (int32_t)in;
}

// recut_find — an empty span of c's length held for another class: first
// one this thread holds (the span its mcache caches, or the first it
// keeps), where no other thread can reach it, so no lock is needed; else a
// spare of another class, taken under that class's lock. NULL when there
// is none. Called with no lock held.
static ml_span_t *recut_find(mcentral_t *c)
{
    for (int w = 0; w < (NCENTRAL + 63) / 64; w++) {
        for (uint64_t m = mcache.busy[w]; m; m &= m - 1) {
            int ci = w * 64 + __builtin_ctzll(m);
            mcache_slot_t *slot = &mcache.alloc[ci];
            if (ci == c->ci)
                continue;
            if (slot->kept && slot->kept->npages == c->npages)
                return kept_pop(slot);
            ml_span_t *s = slot->span;
            if (!s || s->npages != c->npages)
                continue;
            // Its objects may all wait on the slot's free list: then they
            // leave the list and the span is empty.
            if (slot->nfree && (int64_t)s->allocount + slot->delta <= (int64_t)slot->nfree)
                slot_unpark(slot, ci);
            if ((int64_t)s->allocount + slot->delta == 0) {
                // empty: nothing deferred either
                slot_reset(slot, slot->elemsize);
                return s;
            }
        }
    }
    for (int w = 0; w < (NCENTRAL + 63) / 64; w++) {
        uint64_t m = atomic_load_explicit(&sparemask[w], memory_order_relaxed);
        for (; m; m &= m - 1) {
            mcentral_t *o = &central[w * 64 + __builtin_ctzll(m)];
            if (o == c || o->npages != c->npages)
                continue;
            spin_lock(&o->lock);
            ml_span_t *s = o->spare;
            if (s) {
                list_remove(&o->spare, s);
                spare_taken(o);
            }
            spin_unlock(&o->lock);
            if (s)
                return s;
        }
    }
    return NULL;
}

// recut — an empty span of c's length held for another class (recut_find),
// cut again into c's objects: a new span for c without a trip through the
// page heap. NULL when there is none.
static ml_span_t *recut(mcentral_t *c)
{
    ml_span_t *s = recut_find(c);
    if (!s)
        return NULL;
    // Cut again: the bitmaps are reused when they are long enough (as
    // ml_span_init_small would leave them, all clear).
    size_t words = (c->nelems + 63) / 64;
    if (words == 1) {
        s->allocbits[0] = 0;
        s->gcmarkbits[0] = 0;
    } else if (words <= (s->nelems + 63) / 64) {
        memset(s->allocbits, 0, words * sizeof *s->allocbits);
        memset(s->gcmarkbits, 0, words * sizeof *s->gcmarkbits);
    } else {
        ml_span_fini(s);
        if (ml_span_init_small(s, c->ci, c->elemsize) != 0) {
            mcentral_release(s);
            return NULL;
        }
    }
    s->sizeclass = c->ci;
    s->elemsize = c->elemsize;
    s->nelems = c->nelems;
    s->freeindex = 0;
    s->allocount = 0;
    classmap_set(s, (uint8_t)c->ci, false);
    return s;
}

// take_cached — a span of c's lists (or, when `grow`, a new one) marked
// cached, under c's lock; NULL when there is none.
static ml_span_t *take_cached(mcentral_t *c, bool grow)
{
    spin_lock(&c->lock);
    ml_span_t *s = mcentral_take(c);
    if (!s && grow)
        s = mcentral_grow(c);
    if (s)
        spanx(s)->where = SPAN_CACHED;
    spin_unlock(&c->lock);
    return s;
}

// mcache_refill — a span with a free object for slot ci: keep the current
// one if frees opened holes in it, else trade it for a partial span or a
// spare; only when the class has neither does it take pages from the page
// heap, after giving back what this thread holds (reclaim). Returns false
// when the page heap is out of pages.
static bool mcache_refill(int ci)
{
    mcache_slot_t *slot = &mcache.alloc[ci];
    mcentral_t *c = &central[ci];
    ml_span_t *s = slot->span;
    mcache_register();
    spin_lock(&c->lock);
    if (s) {
        mcentral_sync(s, slot);
        if (s->allocount < s->nelems) {
            spin_unlock(&c->lock);
            return slot_load(slot, 0);
        }
        spanx(s)->where = SPAN_FULL;
        list_push(&c->full, s);
    }
    slot_reset(slot, c->elemsize);
    s = c->partial;
    if (s)
        list_remove(&c->partial, s);
    else if ((s = kept_pop(slot)) == NULL)
        s = mcentral_take(c);
    if (!s && past_peak(c->npages)) {
        spin_unlock(&c->lock);
        // A recut span is this thread's alone: no lock to mark it cached.
        s = recut(c);
        if (s) {
            spanx(s)->where = SPAN_CACHED;
        } else if (!release_fit(c->npages)) {
            // Flush what this thread holds back: the spans it empties may
            // be of this class, or of this length.
            holdings_flush(true);
            s = take_cached(c, false);
            if (!s && (s = recut(c)) != NULL)
                spanx(s)->where = SPAN_CACHED;
            if (!s)
                release_fit(c->npages);
        }
        if (!s)
            s = take_cached(c, true);
    } else {
        if (!s)
            s = mcentral_grow(c);
        if (s)
            spanx(s)->where = SPAN_CACHED;
        spin_unlock(&c->lock);
    }
    if (!s)
        return false;
    slot->span = s;
    slot->spanbase = s->base;
    slot->spanlen = s->nelems * s->elemsize;
    slot->allocbits = s->allocbits;
    mcache.busy[ci / 64] |= (uint64_t)1 << (ci % 64);
    return slot_load(slot, 0);
}

// mcache_alloc_slow — the mirror is empty: the rest of the span, then a
// refill. NULL when the heap is out of pages.
static __attribute__((noinline)) void *mcache_alloc_slow(int ci)
{
    mcache_slot_t *slot = &mcache.alloc[ci];
    if (slot->span && slot_load(slot, slot->word + 1))
        return mcache_alloc_fast(slot);
    if (!mcache_refill(ci))
        return NULL;
    return mcache_alloc_fast(slot);
}

// mcache_alloc — an object of slot ci's class: the most recently freed one
// on the slot's free list, else the next free object of its span.
static inline void *mcache_alloc(int ci)
{
    mcache_slot_t *slot = &mcache.alloc[ci];
    if (slot->nfree)
        return slot->freebuf[--slot->nfree];
    void *p = mcache_alloc_fast(slot);
    return __builtin_expect(p != NULL, 1) ? p : mcache_alloc_slow(ci);
}

// mcache_flush_free — give the objects on slot ci's free list back to
// their spans, all but the `keep` most recently freed, under the class lock
// taken once for all of them (an object of the slot's own span just
// clears its bit, as the span's owner may without the lock).
static __attribute__((noinline)) void mcache_flush_free(int ci, uint32_t keep)
{
    mcache_slot_t *slot = &mcache.alloc[ci];
    mcentral_t *c = &central[ci];
    uint32_t n = slot->nfree - keep;
    mcache_register();
    spin_lock(&c->lock);
    for (uint32_t i = 0; i < n; i++) {
        void *p = slot->freebuf[i];
        uintptr_t off = (uintptr_t)p - slot->spanbase;
        if (off < slot->spanlen) {
            // In the span this mcache holds: its bits are ours to clear.
            uint32_t k = (uint32_t)((off * divmul[ci]) >> 32);
            uint64_t bit = (uint64_t)1 << (k % 64);
            slot->allocbits[k / 64] &= ~bit;
            slot->delta--;
            if (k / 64 == slot->word)
                slot->mirror |= bit;
        } else {
            mcentral_free_locked(c, span_of(p), p);
        }
    }
    spin_unlock(&c->lock);
    memmove(slot->freebuf, slot->freebuf + n, keep * sizeof *slot->freebuf);
    slot->nfree = keep;
}

// free_list_full — slot ci's free list is full, or not made yet: hand the
// older half to the mcentral (or make the list, which also makes sure
// the thread's exit flushes it), then keep p.
static __attribute__((noinline)) void free_list_full(int ci, void *p)
{
    mcache_slot_t *slot = &mcache.alloc[ci];
    if (slot->cap == 0) {
        mcache_register();
        slot->freebuf = malloc(maxfree[ci] * sizeof *slot->freebuf);
        if (!slot->freebuf) { // no list: the object goes straight back
            mcentral_t *c = &central[ci];
            spin_lock(&c->lock);
            mcentral_free_locked(c, span_of(p), p);
            spin_unlock(&c->lock);
            return;
        }
        slot->cap = maxfree[ci];
        mcache.busy[ci / 64] |= (uint64_t)1 << (ci % 64);
    } else {
        mcache_flush_free(ci, slot->nfree / 2);
    }
    slot->freebuf[slot->nfree++] = p;
}

// small_free — free object p of class ci: keep it on the slot's free list
// for this thread's next allocations (no lock, no read of the span or the
// object), handing the older half of the list back when it is full. The
// slow case is a call in tail position, so the fast path needs no stack.
static inline void small_free(int ci, void *p)
{
    mcache_slot_t *slot = &mcache.alloc[ci];
    if (__builtin_expect(slot->nfree >= slot->cap, 0)) {
        free_list_full(ci, p);
        return;
    }
    slot->freebuf[slot->nfree++] = p;
}

static void tiny_note(uintptr_t p, int8_t delta);
static void tiny_log_apply(void);

// kept_release — give the empty spans slot keeps back to the page heap.
static void kept_release(mcache_slot_t *slot)
{
    ml_span_t *s;
    while ((s = kept_pop(slot)) != NULL)
        mcentral_release(s);
}

// spares_release — give the spare spans of every class back to the page
// heap: all of them, or (`extra`) those past the class's SPARE_BYTES, which
// the threads that freed them handed over instead of keeping them.
static void spares_release(bool extra)
{
    for (int w = 0; w < (NCENTRAL + 63) / 64; w++) {
        uint64_t m = atomic_load_explicit(&sparemask[w], memory_order_relaxed);
        while (m) {
            mcentral_t *c = &central[w * 64 + __builtin_ctzll(m)];
            m &= m - 1;
            size_t keep = extra ? c->maxspare : 0;
            spin_lock(&c->lock);
            while (c->spare && c->nspare > keep) {
                ml_span_t *s = c->spare;
                list_remove(&c->spare, s);
                spare_taken(c);
                mcentral_release(s);
            }
            spin_unlock(&c->lock);
        }
    }
}

// mcache_flush — give back everything a thread's mcache holds (its tiny
// block, its free lists, one span per class and the spans it keeps), and
// the spares past SPARE_BYTES of every class. Runs at thread exit and in
// mm_deinit, on the thread's own mcache.
static void mcache_flush(void *arg)
{
    mcache_t *mc = arg;
    if (mc->tiny) {
        uintptr_t b = mc->tiny;
        mc->tiny = 0;
        tiny_note(b, mc->tinyhanded);
    }
    if (mc->ntinylog)
        tiny_log_apply();
    for (int ci = 0; ci < NCENTRAL; ci++) {
        mcache_slot_t *slot = &mc->alloc[ci];
        if (slot->nfree)
            mcache_flush_free(ci, 0);
        if (slot->span)
            mcentral_uncache(&central[ci], slot->span, slot, true);
        kept_release(slot);
        free(slot->freebuf);
        *slot = (mcache_slot_t){ 0 };
    }
    memset(mc->busy, 0, sizeof mc->busy);
    spares_release(true);
}

// release_fit — give the spares of every class, then the empty spans this
// thread keeps, back to the page heap, until `npages` more pages fit under
// the high-water mark (utilization counts pages, wherever they lie).
// Returns whether they fit.
static bool release_fit(size_t npages)
{
    for (int w = 0; w < (NCENTRAL + 63) / 64; w++) {
        uint64_t m = atomic_load_explicit(&sparemask[w], memory_order_relaxed);
        for (; m; m &= m - 1) {
            mcentral_t *c = &central[w * 64 + __builtin_ctzll(m)];
            spin_lock(&c->lock);
            while (c->spare && past_peak(npages)) {
                ml_span_t *s = c->spare;
                list_remove(&c->spare, s);
                spare_taken(c);
                mcentral_release(s);
            }
            spin_unlock(&c->lock);
            if (!past_peak(npages))
                return true;
        }
    }
    for (int w = 0; w < (NCENTRAL + 63) / 64; w++)
        for (uint64_t m = mcache.busy[w]; m; m &= m - 1) {
            mcache_slot_t *slot = &mcache.alloc[w * 64 + __builtin_ctzll(m)];
            while (slot->kept && past_peak(npages))
                mcentral_release(kept_pop(slot));
            if (!past_peak(npages))
                return true;
        }
    return false;
}

// holdings_flush — empty what this thread holds back: its pending tiny
// frees are applied, its free lists go back to their spans, and (when
// `cached`) its cached spans that are empty go back to the mcentral, where
// they become spares or kept spans that a recut or release_fit can use.
static void holdings_flush(bool cached)
{
    if (mcache.ntinylog)
        tiny_log_apply();
    for (int w = 0; w < (NCENTRAL + 63) / 64; w++) {
        uint64_t m = mcache.busy[w];
        while (m) {
            int ci = w * 64 + __builtin_ctzll(m);
            m &= m - 1;
            mcache_slot_t *slot = &mcache.alloc[ci];
            if (slot->nfree)
                mcache_flush_free(ci, 0);
            ml_span_t *s = slot->span;
            if (cached && s && (int64_t)s->allocount + slot->delta == 0) {
                mcentral_uncache(&central[ci], s, slot, true);
                slot_reset(slot, slot->elemsize);
            }
            if (!slot->span && !slot->cap && !slot->kept)
                mcache.busy[w] &= ~((uint64_t)1 << (ci % 64));
        }
    }
}

// reclaim — the page heap is about to grow past the high-water mark of
// the pages mm holds, to take `npages` more: first give back what mm holds
// and no longer uses, so that pages are reused instead of new ones. The
// cheapest first, and only until the new pages fit under the mark: spares
// and kept spans (release_fit); when that is not enough, this thread's
// holdings are flushed (holdings_flush: for a new small span, `cached`,
// also its empty cached spans, while one span per class is small next to a
// large object) and released as far as needed. Below the mark, spans stay
// cached and kept and objects stay on free lists: that keeps the fast
// paths fast, and the pages cost nothing the process has not already
// needed.
static __attribute__((noinline)) void reclaim(size_t npages, bool cached)
{
    if (release_fit(npages))
        return;
    holdings_flush(cached);
    release_fit(npages);
}

// ---- stage 4: the tiny allocator --------------------------------------------

// tiny_log_apply — apply this thread's log of piece-count changes, under
// the tiny mcentral's lock taken once for all of them; then free, as any
// small object, every block whose count reached zero.
static __attribute__((noinline)) void tiny_log_apply(void)
{
    mcentral_t *c = &central[TINY_CI];
    uint32_t n = mcache.ntinylog, nfreed = 0;
    mcache.ntinylog = 0;
    mcache_register();
    spin_lock(&c->lock);
    for (uint32_t i = 0; i < n; i++) {
        uintptr_t block = mcache.tinylog[i] & ~(uintptr_t)(ML_TINY_SIZE - 1);
        int8_t *count = &tinycount[(block - pagemap.lo) >> 4];
        *count = (int8_t)(*count + mcache.tinydelta[i]);
        if (*count == 0)
            mcache.tinylog[nfreed++] = block;     // nfreed <= i: read already
    }
    spin_unlock(&c->lock);
    for (uint32_t i = 0; i < nfreed; i++)
        small_free(TINY_CI, (void *)mcache.tinylog[i]);
}

// tiny_note — log that the count of the block holding p changes by delta:
// -1 when the piece at p is freed, +n when the mcache lets go of block p
// after handing out n pieces. The log is applied when it is full, and at
// thread exit.
static inline void tiny_note(uintptr_t p, int8_t delta)
{
    uint32_t n = mcache.ntinylog;
    mcache.tinylog[n] = p;
    mcache.tinydelta[n] = delta;
    mcache.ntinylog = n + 1;
    if (__builtin_expect(n + 1 == TINY_LOG || !mcache.registered, 0))
        tiny_log_apply();
}

// tiny_alloc_slow — a fresh 16-byte block for a piece of `size` bytes. The
// mcache keeps whichever block has more room left, as Go does.
static __attribute__((noinline)) void *tiny_alloc_slow(size_t size)
{
    void *b = mcache_alloc(TINY_CI);
    if (!b)
        return NULL;
    if (mcache.tiny && size >= mcache.tinyoffset) {
        // The old block has at least as much room left: this block holds
        // one piece and is let go at once.
        tiny_note((uintptr_t)b, 1);
        return b;
    }
    if (mcache.tiny)
        tiny_note(mcache.tiny, mcache.tinyhanded);
    mcache.tiny = (uintptr_t)b;
    mcache.tinyoffset = size;
    mcache.tinyhanded = 1;
    return b;
}

// tiny_alloc — a piece of 1..15 bytes at its natural alignment, packed into
// the mcache's current 16-byte block when it fits.
static inline void *tiny_alloc(size_t size)
{
    // mm_required_align(size) for 1..15 is the highest power of two ≤ size
    // (1, 2, 4 or 8): computed without branches, whose outcome is random.
    size_t align = (size_t)1 << (63 - __builtin_clzll(size));
    size_t off = (mcache.tinyoffset + align - 1) & ~(align - 1);
    if (mcache.tiny && off + size <= ML_TINY_SIZE) {
        mcache.tinyoffset = off + size;
        mcache.tinyhanded++;
        return (void *)(mcache.tiny + off);
    }
    return tiny_alloc_slow(size);
}

// tiny_free — one piece of a tiny block is gone: logged, and applied with
// the log (the block is freed when its last piece is).
static inline void tiny_free(void *p)
{
    tiny_note((uintptr_t)p, -1);
}

// ---- stage 5: large objects -------------------------------------------------

// large_alloc — a span of its own for more than 32 KiB. NULL when the
// request cannot fit the arena or no free run is long enough.
static void *large_alloc(size_t size)
{
    if (size > heap_bytes)
        return NULL;
    size_t npages = (size + ML_PAGE_SIZE - 1) >> ML_PAGE_SHIFT;
    if (past_peak(npages))
        reclaim(npages, false);
    ml_span_t *s = ml_pageheap_alloc_span_nozero(heap, npages);
    if (!s)
        return NULL;
    pages_held((ptrdiff_t)npages);
    s->state = ML_SPAN_LARGE;
    s->sizeclass = 0;
    s->elemsize = npages * ML_PAGE_SIZE;
    s->nelems = 1;
    s->allocount = 1;
    s->owner = NULL;
    classmap_set(s, CLASS_LARGE, true);
    return (void *)s->base;
}

// ---- the interface (mm.h) ---------------------------------------------------

// tables_free — release the class map and the tiny piece counts.
static void tables_free(void)
{
    free(classmap);
    classmap = NULL;
    classmap_pages = 0;
    if (tinycount)
        munmap(tinycount, tinycount_bytes);
    tinycount = NULL;
}

int mm_init(ml_pageheap_t *h)
{
    if (!h)
        return -1;
    pthread_once(&once, setup_once);
    heap = h;
    pagemap = *ml_pageheap_map(h);
    void *lo, *hi;
    ml_pageheap_bounds(h, &lo, &hi);
    heap_bytes = (size_t)((char *)hi - (char *)lo);
    tables_free();
    classmap_pages = heap_bytes >> ML_PAGE_SHIFT;
    classmap = calloc(classmap_pages ? classmap_pages : 1, 1);
    tinycount_bytes = heap_bytes / ML_TINY_SIZE + 1;
    tinycount = mmap(NULL, tinycount_bytes, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (!classmap || tinycount == MAP_FAILED) {
        tinycount = NULL;
        tables_free();
        heap = NULL;
        return -1;
    }
    for (int ci = 0; ci < NCENTRAL; ci++) {
        mcentral_t *c = &central[ci];
        int sc = ci == TINY_CI ? ml_size_to_class(ML_TINY_SIZE) : ci;
        *c = (mcentral_t){ .ci = ci, .sizeclass = sc,
                           .elemsize = ml_class_size(sc), .npages = ml_class_npages(sc) };
        if (ci != 0) // central[0] is unused: class 0 is no size class
            c->nelems = (uint32_t)(c->npages * ML_PAGE_SIZE / c->elemsize);
        c->maxspare = SPARE_BYTES / (c->npages * ML_PAGE_SIZE + 1) + 1;
        atomic_init(&c->lock.held, false);
    }
    for (int w = 0; w < (NCENTRAL + 63) / 64; w++)
        atomic_store_explicit(&sparemask[w], 0, memory_order_relaxed);
    atomic_store_explicit(&held_pages, 0, memory_order_relaxed);
    atomic_store_explicit(&peak_pages, 0, memory_order_relaxed);
    bool reg = mcache.registered;
    memset(&mcache, 0, sizeof mcache);
    mcache.registered = reg;
    return 0;
}

void mm_deinit(void)
{
    if (!heap)
        return;
    mcache_flush(&mcache);
    for (int ci = 0; ci < NCENTRAL; ci++) {
        mcentral_t *c = &central[ci];
        ml_span_t **lists[3] = { &c->partial, &c->full, &c->spare };
        for (int l = 0; l < 3; l++)
            while (*lists[l]) {
                ml_span_t *s = *lists[l];
                list_remove(lists[l], s);
                mcentral_release(s);
            }
    }
    tables_free();
    heap = NULL;
}

int mm_size_class(size_t size)
{
    if (size < ML_TINY_SIZE || size > ML_MAX_SMALL_SIZE)
        return 0;
    pthread_once(&once, setup_once);
    return class_of(size);
}

void *mm_malloc(size_t size)
{
    if (size < ML_TINY_SIZE)
        return size == 0 ? NULL : tiny_alloc(size);
    if (size <= ML_MAX_SMALL_SIZE)
        return mcache_alloc(class_of(size));
    return large_alloc(size);
}

void mm_free(void *p)
{
    if (!p)
        return;
    int ci = class_at(p);
    if (__builtin_expect(ci == 0, 0))
        mm_bug("mm_free", "not a block of this heap", p);
    if (ci == TINY_CI) {
        tiny_free(p);
    } else if (ci != CLASS_LARGE) {
        small_free(ci, p);
    } else {
        ml_span_t *s = span_of(p);
        classmap_set(s, 0, true);
        pages_held(-(ptrdiff_t)s->npages);
        ml_pageheap_free_span(heap, s);
    }
}

// realloc_large — try to keep large object p (span s) where it is for
// `size` bytes. A smaller size stays while it fills over half of the span,
// or, when it is still large, wastes at most a fifth of its pages (else it
// moves and the pages go back); a larger one grows into the free pages right after the span when
// there are enough (after reclaim, so that pages this thread holds for
// nothing are free first). Returns false when it has to move.
static bool realloc_large(ml_span_t *s, size_t size)
{
    if (size > heap_bytes) // first: near SIZE_MAX the page count below wraps
        return false;
    size_t npages = (size + ML_PAGE_SIZE - 1) >> ML_PAGE_SHIFT;
    if (npages <= s->npages)
        return size * 2 > s->npages * ML_PAGE_SIZE ||
               (size > ML_MAX_SMALL_SIZE && npages * 5 >= s->npages * 4);
    size_t more = npages - s->npages;
    if (past_peak(more))
        reclaim(more, false);
    if (ml_pageheap_grow_span(heap, s, npages) != 0)
        return false;
    pages_held((ptrdiff_t)more);
    return true;
}

void *mm_realloc(void *p, size_t size)
{
    if (!p)
        return mm_malloc(size);
    if (size == 0) {
        mm_free(p);
        return NULL;
    }
    ml_span_t *s = span_of(p);
    if (!s)
        mm_bug("mm_realloc", "not a block of this heap", p);
    size_t room; // bytes from p to the end of its slot
    if (s->sizeclass == 0) {
        if (realloc_large(s, size))
            return p;
        room = s->elemsize;
    } else if (s->sizeclass == TINY_CI) {
        room = ML_TINY_SIZE - ((uintptr_t)p & (ML_TINY_SIZE - 1));
    } else {
        if (size >= ML_TINY_SIZE && size <= ML_MAX_SMALL_SIZE &&
            class_of(size) == s->sizeclass)
            return p;
        room = s->elemsize;
    }
    // A block that grows past half a page moves into a span of its own, a
    // large object whatever its size, with 1/4 more than asked when it is
    // over 32 KiB (Go's growslice grows a large slice by 1.25x): its next
    // steps then take the pages after it, in place, instead of copying it
    // through every size class and leaving a span behind in each.
    void *q = NULL;
    if (size > room && size <= heap_bytes &&
        (size > ML_MAX_SMALL_SIZE || (size > ML_PAGE_SIZE / 2 && size - room <= room / 4)))
        q = large_alloc(size > ML_MAX_SMALL_SIZE ? size + size / 4 : size);
    if (!q)
        q = mm_malloc(size);
    if (!q)
        return NULL;
    // memmove: a tiny piece can move within its own 16-byte block, and
    // `room` may reach past the old piece into the new one.
    memmove(q, p, size < room ? size : room);
    mm_free(p);
    return q;
}

void *mm_calloc(size_t nmemb, size_t size)
{
    if (size != 0 && nmemb > SIZE_MAX / size)
        return NULL;
    void *p = mm_malloc(nmemb * size);
    if (p)
        memset(p, 0, nmemb * size);
    return p;
}

// global-lock.c — mutant of the allocator lab's mm.c: one mutex taken on
// every mm_malloc and mm_free ("to be safe"), around an otherwise correct
// mcache. Correct, but no thread ever allocates without a lock, and two
// threads allocating at once wait for each other: the per-thread cache
// buys nothing.
// Caught by: perf/two_threads_vs_glibc (two threads allocating one size
// class at once, timed against glibc in the same process, in alternation:
// about 0.7x glibc, where full credit starts at 1.5x). On the one-thread
// traces it stays near glibc's speed (binary-trees 0.7x), which the capped
// mean of perf/utilization_and_throughput_vs_glibc mostly forgives.
// Killed by: perf/two_threads_vs_glibc
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
#define TINY_LOG 64       // piece-count changes an mcache keeps before applying them
#define CLASS_LARGE 255   // classmap: the first page of a large object

enum { SPAN_CACHED, SPAN_PARTIAL, SPAN_FULL, SPAN_SPARE };

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
    void *free;             // objects of other spans this thread freed,
                            // linked through their first word (allocated in
                            // their spans' bits until flushed)
    uint32_t nfree;
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
    memset(&classmap[(s->base - pagemap.lo) >> ML_PAGE_SHIFT], v, first ? 1 : s->npages);
}

// object_index — the index of the object at p in small span s.
static inline uint32_t object_index(const ml_span_t *s, const void *p)
{
    return (uint32_t)(((uint64_t)((uintptr_t)p - s->base) * divmul[s->sizeclass]) >> 32);
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
    return s;
}

// mcentral_release — give an empty, uncached span back to the page heap.
static void mcentral_release(ml_span_t *s)
{
    free(s->owner);
    s->owner = NULL;
    classmap_set(s, 0, false);
    ml_span_fini(s);
    ml_pageheap_free_span(heap, s);
}

// mcentral_empty — an uncached span just became empty: keep it on the
// spare list while the class keeps less than SPARE_BYTES of them (so an
// object that comes and goes does not take a span from the page heap and
// give it back each time), else give it back. Called with the lock held.
static void mcentral_empty(mcentral_t *c, ml_span_t *s)
{
    if (c->nspare >= c->maxspare) {
        mcentral_release(s);
        return;
    }
    spanx(s)->where = SPAN_SPARE;
    list_push(&c->spare, s);
    c->nspare++;
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
// occupancy says, or back to the page heap when it is empty.
static void mcentral_uncache(mcentral_t *c, ml_span_t *s, mcache_slot_t *slot)
{
    spin_lock(&c->lock);
    mcentral_sync(s, slot);
    spanx_t *x = spanx(s);
    if (s->allocount == 0) {
        mcentral_empty(c, s);
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

// mcache_refill — a span with a free object for slot ci: keep the current
// one if frees opened holes in it, else trade it for a partial span or a
// new one. Returns false when the page heap is out of pages.
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
    s = c->partial;
    if (s) {
        list_remove(&c->partial, s);
    } else if (c->spare) {
        s = c->spare;
        list_remove(&c->spare, s);
        c->nspare--;
    } else {
        s = mcentral_grow(c);
    }
    if (s)
        spanx(s)->where = SPAN_CACHED;
    spin_unlock(&c->lock);
    *slot = (mcache_slot_t){ .span = s, .elemsize = c->elemsize,
                             .free = slot->free, .nfree = slot->nfree };
    if (s) {
        slot->spanbase = s->base;
        slot->spanlen = s->nelems * s->elemsize;
        slot->allocbits = s->allocbits;
    }
    return s && slot_load(slot, 0);
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
    void *p = slot->free;
    if (p) {
        slot->free = *(void **)p;
        slot->nfree--;
        return p;
    }
    p = mcache_alloc_fast(slot);
    return __builtin_expect(p != NULL, 1) ? p : mcache_alloc_slow(ci);
}

// mcache_flush_free — give every object on slot ci's free list back to
// its span, under the class lock taken once for all of them.
static __attribute__((noinline)) void mcache_flush_free(int ci)
{
    mcache_slot_t *slot = &mcache.alloc[ci];
    mcentral_t *c = &central[ci];
    mcache_register();
    spin_lock(&c->lock);
    while (slot->free) {
        void *p = slot->free;
        slot->free = *(void **)p;
        mcentral_free_locked(c, span_of(p), p);
    }
    slot->nfree = 0;
    spin_unlock(&c->lock);
}

// free_list_push — put p on slot ci's free list.
static inline void free_list_push(mcache_slot_t *slot, void *p)
{
    *(void **)p = slot->free;
    slot->free = p;
    slot->nfree++;
}

// free_list_full — slot ci's free list is full (or the thread's mcache is
// not yet flushed at exit): hand the list to the mcentral, then keep p.
static __attribute__((noinline)) void free_list_full(int ci, void *p)
{
    mcache_flush_free(ci);
    free_list_push(&mcache.alloc[ci], p);
}

// small_free — free object p of class ci: clear its bit when p is in the
// span this thread's mcache holds (no lock, and no read of the span);
// otherwise keep it on the slot's free list for this thread's next
// allocations (no lock), handing the list to the mcentral when it is full.
// The slow case is a call in tail position, so the fast paths need no stack.
static inline void small_free(int ci, void *p)
{
    mcache_slot_t *slot = &mcache.alloc[ci];
    uintptr_t off = (uintptr_t)p - slot->spanbase;
    if (off < slot->spanlen) {
        uint32_t i = (uint32_t)((off * divmul[ci]) >> 32);
        uint64_t bit = (uint64_t)1 << (i % 64);
        slot->allocbits[i / 64] &= ~bit;
        slot->delta--;
        if (i / 64 == slot->word)
            slot->mirror |= bit;
        return;
    }
    if (__builtin_expect(slot->nfree >= maxfree[ci] || !mcache.registered, 0)) {
        free_list_full(ci, p);
        return;
    }
    free_list_push(slot, p);
}

static void tiny_note(uintptr_t p, int8_t delta);
static void tiny_log_apply(void);

// mcache_flush — give back everything a thread's mcache holds (its tiny
// block, its free lists and one span per class). Runs at thread exit and
// in mm_deinit, on the thread's own mcache.
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
        if (slot->free)
            mcache_flush_free(ci);
        if (slot->span)
            mcentral_uncache(&central[ci], slot->span, slot);
        *slot = (mcache_slot_t){ 0 };
    }
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
    ml_span_t *s = ml_pageheap_alloc_span_nozero(heap, npages);
    if (!s)
        return NULL;
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
        c->maxspare = SPARE_BYTES / (c->npages * ML_PAGE_SIZE + 1) + 1;
        atomic_init(&c->lock.held, false);
    }
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

static pthread_mutex_t big_lock = PTHREAD_MUTEX_INITIALIZER;

static void *malloc_unlocked(size_t size)
{
    if (size < ML_TINY_SIZE)
        return size == 0 ? NULL : tiny_alloc(size);
    if (size <= ML_MAX_SMALL_SIZE)
        return mcache_alloc(class_of(size));
    return large_alloc(size);
}

void *mm_malloc(size_t size)
{
    pthread_mutex_lock(&big_lock);
    void *p = malloc_unlocked(size);
    pthread_mutex_unlock(&big_lock);
    return p;
}

static void free_unlocked(void *p);

void mm_free(void *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&big_lock);
    free_unlocked(p);
    pthread_mutex_unlock(&big_lock);
}

static void free_unlocked(void *p)
{
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
        ml_pageheap_free_span(heap, s);
    }
}

// realloc_large — try to keep large object p (span s) where it is for
// `size` bytes: it stays while it has the pages and wastes no more than the
// headroom realloc gives (below), and grows into the free pages right after
// its span when there are enough. Returns false when it has to move.
static bool realloc_large(ml_span_t *s, size_t size)
{
    size_t npages = (size + ML_PAGE_SIZE - 1) >> ML_PAGE_SHIFT;
    if (npages <= s->npages)
        return npages * 5 >= s->npages * 4;   // shrunk by over 1/5: move, give pages back
    if (size > heap_bytes || ml_pageheap_grow_span(heap, s, npages) != 0)
        return false;
    s->elemsize = npages * ML_PAGE_SIZE;
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
    size_t room;     // bytes from p to the end of its slot
    if (s->sizeclass == 0) {
        if (size > ML_MAX_SMALL_SIZE && realloc_large(s, size))
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
    // A large block that grows and has to move gets 1/4 more than asked,
    // as Go's growslice grows a large slice by 1.25x: the next steps of a
    // growing buffer then stay in place instead of copying it every page.
    void *q = NULL;
    if (size > ML_MAX_SMALL_SIZE && size > room && size <= heap_bytes)
        q = mm_malloc(size + size / 4);
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

// pools.h — the pools lab's student API: five ways Go programs and Go's
// runtime avoid paying for malloc/free on every object, built in C over the
// core's page heap (memlab/pageheap.h). You implement every function
// declared here in pools.c; the program (main.c), the suite and the
// benchmark call them only through this header.
//
//   fixpool  a fixed-size pool: objects of one size carved from page-heap
//            spans, an intrusive free list (runtime/mfixalloc.go)
//   arena    bump allocation in chunks, everything freed at once by reset
//            (Go's arena experiment; the batch allocator of request servers)
//   bufpool  power-of-two buffer pool: one free list per size class, a cap
//            per class (the bytebufferpool idea)
//   bpool    a bounded pool: a fixed number of slots, get with a timeout,
//            put that drops when full (the channel-backed pool of Go code)
//   spool    a sync.Pool analogue: per-thread private slot and shared list,
//            stealing, a victim cache emptied by pool_gc (sync/pool.go)
//
// Memory rule, checked by the suite through the page heap's counters: every
// byte a pool uses for its objects and its own bookkeeping comes from the
// page heap it was given (never malloc; span records and the bitmaps of
// ml_span_init_small are the core's), and `destroy` gives all of it back
// (the heap's inuse and span count are what they were before `init`, and so
// is the number of heap blocks held, which counts the core's bitmaps: the
// suite counts malloc's blocks around init → work → destroy). A pool writes
// only into its own struct and the pages it took from its heap: init, get,
// put and destroy leave every byte around the struct and every other page of
// the heap as they found it.
//
// After `destroy` a pool is dead: the only call it may be given is its
// `init` again, and nothing reads what `destroy` leaves in the struct.
//
// Threads: fixpool, arena and bufpool are used by one thread at a time (as
// Go's fixalloc is, under the heap lock). bpool and spool are safe for any
// number of threads; pool_gc is the one exception (it runs "with the world
// stopped": no thread may be inside an spool function while it runs).
#ifndef POOLS_H
#define POOLS_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memlab/pageheap.h"
#include "support/runtime.h"

// ============================================================================
// fixpool — fixed-size objects (runtime/mfixalloc.go)
// ============================================================================
//
// Objects of `size` bytes (rounded up to a multiple of 8, at least 8) are
// cut from spans of fixpool_span_pages(size) pages. A put object goes on an
// intrusive free list (the link lives in the object's first word); get takes
// the head of that list, or else the next uncut object of the current span,
// or else a new span. Spans go back to the heap only in fixpool_destroy.
//
// Debug builds: a pool initialised with debug = true poisons every object it
// is given back — bytes 8..size-1 are set to FIXPOOL_POISON — and, when it
// hands that object out again, checks the poison is intact. A byte that
// changed means someone wrote to the object after putting it back (a use
// after put): the pool reports it with pools_fault() (support/runtime.h)
// and then hands the object out as usual. The program selects debug pools
// with --debug; the suite makes its own debug pools and plants a use after
// put. With debug = false neither poisoning nor checking costs anything.
#define FIXPOOL_POISON 0xdb

typedef struct fixpool {
    ml_pageheap_t *heap;
    size_t size;         // object size after rounding
    size_t span_pages;   // pages per span: fixpool_span_pages(size)
    bool debug;          // poison on put, check on get
    void *free;          // the free list: put objects, linked by first word
    uintptr_t next, end; // the uncut part of the current span: [next, end)
    ml_span_t *spans;    // every span taken, linked through span->next
    size_t nspans;       // spans taken (the suite reads it)
    size_t inuse;        // objects handed out and not put back
} fixpool_t;

// fixpool_span_pages — the pages of one span of a pool of objects of
// `size` bytes (already rounded): 16 KiB (Go's _FixAllocChunk) or, for
// larger objects, just enough pages for one object.
static inline size_t fixpool_span_pages(size_t size)
{
    size_t bytes = size > (16u << 10) ? size : (16u << 10);
    return (bytes + ML_PAGE_SIZE - 1) / ML_PAGE_SIZE;
}

// fixpool_init — an empty pool of `size`-byte objects over `heap`; takes no
// page yet. Returns 0, or -1 when size is 0 or larger than 1 MiB (p is then
// unusable).
int fixpool_init(fixpool_t *p, ml_pageheap_t *heap, size_t size, bool debug);
// fixpool_get — an object of p->size bytes, 8-byte aligned, not handed to
// anyone else; its contents are unspecified. O(1). Takes a new span only
// when the free list is empty and the current span is fully cut. Returns
// NULL when the heap has no span to give (the pool is unchanged).
void *fixpool_get(fixpool_t *p);
// fixpool_put — give back `obj`, which fixpool_get of this pool returned
// and which was not put since. O(1). NULL is ignored.
void fixpool_put(fixpool_t *p, void *obj);
// fixpool_destroy — give every span back to the heap. Objects still out
// become invalid.
void fixpool_destroy(fixpool_t *p);

// ============================================================================
// arena — bump allocation, freed all at once
// ============================================================================
//
// Chunks of `chunk_bytes` come from the heap as spans. arena_alloc bumps a
// pointer inside the current chunk. A request that does not fit in what
// is left of the current chunk starts a new ordinary chunk, which becomes
// the current chunk (the rest of the old one is wasted). A large request —
// more than chunk_bytes / 4 bytes, whether or not it would fit — gets a
// chunk of its own, just big enough, and the current chunk stays current; a
// request of exactly chunk_bytes / 4 is not large.
// arena_reset frees every chunk but one ordinary chunk, which it keeps
// empty for the next request; arena_destroy frees them all.
#define ARENA_DEFAULT_CHUNK (64u << 10)

typedef struct arena {
    ml_pageheap_t *heap;
    size_t chunk_bytes;  // ordinary chunk size, a multiple of the page size
    uintptr_t next, end; // the free part of the current chunk: [next, end)
    ml_span_t *cur;      // the current (ordinary) chunk, NULL before the first
    ml_span_t *chunks;   // every chunk, linked through span->next
    size_t nchunks;      // chunks on the chunks list (the suite reads it)
    size_t allocated;    // bytes requested since init or the last reset:
                         // the sizes of the requests served, summed (a
                         // size-0 request counts as the 1 byte it is
                         // served as), whichever way each was served — from
                         // the current chunk, a new chunk or a chunk of its
                         // own; a refused request adds nothing (the suite
                         // reads it)
} arena_t;

// arena_init — an arena with chunks of `chunk_bytes` (0: the default; else
// rounded up to whole pages); takes no page yet. Returns 0, or -1 when
// chunk_bytes is over 64 MiB.
int arena_init(arena_t *a, ml_pageheap_t *heap, size_t chunk_bytes);
// arena_alloc — `size` bytes aligned to `align` (any power of two, 1 up to
// 1 MiB), valid until the next reset or destroy. size 0 is served as 1 byte.
// Returns NULL when align is not a power of two or over 1 MiB, size is over
// 1 GiB (even when the heap has room), or the heap has no span to give (the
// arena is unchanged).
void *arena_alloc(arena_t *a, size_t size, size_t align);
// arena_reset — free everything allocated. Keeps one ordinary chunk (if it
// has any) as the empty current chunk; every other chunk goes back to the
// heap.
void arena_reset(arena_t *a);
// arena_destroy — give every chunk back to the heap.
void arena_destroy(arena_t *a);

// ============================================================================
// bufpool — power-of-two buffers
// ============================================================================
//
// A request of n bytes (1 ≤ n ≤ BUFPOOL_MAX) is served from class
// k = the smallest k with (BUFPOOL_MIN << k) ≥ n, i.e. rounded up to a power
// of two, at least BUFPOOL_MIN. Each class cuts its buffers from spans of
// max(1 page, buffer size) and keeps put buffers on its own free list, at
// most `cap` of them; a buffer put beyond the cap is released to its span,
// and a span none of whose buffers is out or kept goes back to the heap.
// bufpool_put refuses (returns -1, writes nothing anywhere) a pointer this
// pool did not hand out: memory from malloc, from another pool, from the
// middle of a buffer, or a buffer already put.
#define BUFPOOL_MIN 16u
#define BUFPOOL_MAX (64u << 10)
#define BUFPOOL_CLASSES 13 // 16 B, 32 B, ..., 64 KiB

typedef struct bufpool_class {
    size_t size;      // buffer size of the class
    void *free;       // kept buffers, linked by first word
    size_t nfree;     // how many are kept (≤ cap)
    ml_span_t *spans; // the class's spans, linked through span->next
} bufpool_class_t;

typedef struct bufpool {
    ml_pageheap_t *heap;
    size_t cap; // most buffers kept per class
    bufpool_class_t cls[BUFPOOL_CLASSES];
} bufpool_t;

// bufpool_init — an empty buffer pool keeping at most `cap` buffers per
// class. Returns 0 (it cannot fail).
int bufpool_init(bufpool_t *b, ml_pageheap_t *heap, size_t cap);
// bufpool_class_of — the class of an n-byte request, or -1 when n is 0 or
// over BUFPOOL_MAX.
int bufpool_class_of(size_t n);
// bufpool_get — a buffer of bufpool's class size for n (≥ n bytes), aligned
// to min(its size, 8 KiB). Returns NULL when n is 0 or over BUFPOOL_MAX or
// the heap is out of spans.
void *bufpool_get(bufpool_t *b, size_t n);
// bufpool_put — give back `buf`. Returns 0 when accepted, -1 when refused
// (see above; a refused buffer is left exactly as it was).
int bufpool_put(bufpool_t *b, void *buf);
// bufpool_cap_of — the capacity of buffer `buf` handed out by this pool
// and not yet put back, or 0 when it is not one (a buffer put back, kept or
// released, is not out; nor is one of the pool's buffers never handed out).
size_t bufpool_cap_of(const bufpool_t *b, const void *buf);
// bufpool_destroy — give every span back to the heap.
void bufpool_destroy(bufpool_t *b);

// ============================================================================
// bpool — a bounded pool (a channel of capacity N)
// ============================================================================
//
// Holds at most `capacity` objects in a ring of slots taken from the heap.
// bpool_get waits up to `timeout_ns` for an object (0: fail at once;
// negative: wait as long as it takes); bpool_put keeps the object if there
// is a free slot and otherwise drops it: returns false and the caller still
// owns it. Safe for any number of threads; an object put once is handed out
// at most once.
typedef struct bpool {
    ml_pageheap_t *heap;
    ml_span_t *span; // the ring's memory
    void **ring;     // capacity slots
    size_t capacity;
    size_t head, count; // the objects are ring[head .. head+count) mod capacity
    size_t waiters;     // gets waiting on `nonempty`
    pthread_mutex_t mu;
    pthread_cond_t nonempty;
} bpool_t;

// bpool_init — an empty pool of `capacity` slots (1 ≤ capacity ≤ 1 << 20).
// Returns 0, or -1 (nothing taken) on a bad capacity or no span.
int bpool_init(bpool_t *b, ml_pageheap_t *heap, size_t capacity);
// bpool_get — an object, or NULL when none came within timeout_ns. A timed
// get (timeout_ns > 0) reads CLOCK_MONOTONIC once and waits until that
// reading plus timeout_ns, to the nanosecond, whatever the reading and the
// timeout are: it fails no sooner than timeout_ns after the reading, and
// soon after. (The
// suite checks this on readings it chooses: in its binary the get's first
// clock_gettime(CLOCK_MONOTONIC) may return a reading of that clock the
// suite took a moment before.)
void *bpool_get(bpool_t *b, long long timeout_ns);
// bpool_put — true when kept, false when the pool is full (dropped).
// NULL is never kept (returns false).
bool bpool_put(bpool_t *b, void *obj);
// bpool_len — the number of objects held now.
size_t bpool_len(bpool_t *b);
// bpool_destroy — call drop(obj, arg) for every object held (drop may be
// NULL) and give the ring back to the heap.
void bpool_destroy(bpool_t *b, void (*drop)(void *obj, void *arg), void *arg);

// ============================================================================
// spool — a sync.Pool analogue (sync/pool.go)
// ============================================================================
//
// Each processor slot (pools_proc_id(), support/runtime.h: one per running
// thread, like Go's P) has a poolLocal: a `private` object only that thread
// touches and a `shared` deque, pushed and popped at the head by its owner
// and popped at the tail by other threads stealing. Two generations exist:
// `local` (primary) and `victim`.
//   put(x):  private empty → private = x; else push x at the head of shared.
//   get():   private → pop own shared head → steal the tail of another slot's
//            shared → own victim private → any victim shared → new_fn(arg).
//   pool_gc(): for every live spool, drop (free_fn) everything in victim,
//            then make local the victim and start an empty local; so an
//            object put before a collection can still be got after it, and
//            is dropped by the second (Go 1.13+'s victim cache).
// An spool drops nothing except in pool_gc and spool_destroy: every object
// put and not yet got is either in local or in victim.
typedef struct spool_local spool_local_t; // defined in pools.c

typedef struct spool {
    ml_pageheap_t *heap;
    void *(*new_fn)(void *arg);            // makes an object when the pool is empty
    void (*free_fn)(void *obj, void *arg); // drops an object (pool_gc, destroy)
    void *arg;
    ml_span_t *span;               // the two generations' memory
    spool_local_t *local, *victim; // POOLS_MAX_PROCS each
    struct spool *next_pool;       // in the list of live spools
} spool_t;

// spool_init — an empty pool, registered for pool_gc. new_fn and free_fn
// may be NULL (get then returns NULL when empty; dropped objects are just
// forgotten). Returns 0, or -1 when the heap has no span (nothing taken).
int spool_init(spool_t *p, ml_pageheap_t *heap, void *(*new_fn)(void *arg),
               void (*free_fn)(void *obj, void *arg), void *arg);
// spool_get — an object nobody else holds: from the pool, or new_fn(arg),
// or NULL (empty pool, no new_fn).
void *spool_get(spool_t *p);
// spool_put — give `obj` to the pool (NULL is ignored). Never fails; only
// when the heap has no page left to grow a shared list is obj dropped at
// once (free_fn).
void spool_put(spool_t *p, void *obj);
// spool_count — the objects held now, in local and in victim (the caller
// stops the world, as for pool_gc).
size_t spool_count(spool_t *p, size_t *in_victim);
// spool_destroy — unregister the pool, drop everything it holds (free_fn)
// and give its memory back to the heap.
void spool_destroy(spool_t *p);
// pool_gc — a collection's effect on every live spool (Go's poolCleanup):
// drop the victims, move the primaries to the victims. World stopped.
void pool_gc(void);

#endif

// pools.c — YOUR FILE for the pools lab: five pools over the core's page
// heap. The contracts are in pools.h; the handout (README.md) explains each
// design and gives the tasks in order:
//   task 1  fixpool  (runtime/mfixalloc.go)   objects of one size, a free list
//   task 2  arena                              bump allocation, reset
//   task 3  bufpool                            power-of-two classes, a cap
//   task 4  bpool    (a chan of capacity N)    bounded, thread-safe
//   task 5  spool    (sync/pool.go)            per-thread caches and a victim
//
// Core functions you will want (memlab/pageheap.h, memlab/span.h):
// ml_pageheap_alloc_span / _nozero, ml_pageheap_free_span,
// ml_pageheap_span_of, ml_span_init_small / ml_span_fini, ml_span_alloc,
// ml_span_free_index, ml_span_index_of / ml_span_object,
// ml_span_is_allocated, ml_span_is_marked / ml_span_set_mark, ml_bit_clear,
// ml_span_is_full. A span you take is yours: its next, prev and owner
// fields are free for your lists and tags.
//
// Rules: never call malloc for a pool's objects or bookkeeping (the suite
// counts the page heap's pages before init and after destroy); keep each
// fast path (fixpool_get/put, arena_alloc, spool_get/put) to a few
// instructions and put the rest in a named slow-path function.
//
// Every TODO returns a safe default, so the program and the grader run from
// the first clone: the pools hand out nothing (NULL) and keep nothing.
#include "pools.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

// ============================================================================
// task 1: fixpool
// ============================================================================

int fixpool_init(fixpool_t *p, ml_pageheap_t *heap, size_t size, bool debug)
{
    if (size == 0 || size > (1u << 20))
        return -1;
    size = (size + 7) & ~(size_t)7;
    *p = (fixpool_t){ .heap = heap, .size = size, .span_pages = fixpool_span_pages(size),
                      .debug = debug };
    return 0;
}

void *fixpool_get(fixpool_t *p)
{
    // TODO (task 1): pop the head of the free list (in a debug pool, check
    // the poison first: a changed byte is reported with pools_fault). When
    // the list is empty, cut the next object from the current span; when the
    // span is used up, take a new span of p->span_pages pages and remember
    // it (p->spans) so that destroy can give it back.
    (void)p;
    return NULL;
}

void fixpool_put(fixpool_t *p, void *obj)
{
    // TODO (task 1): push obj on the free list, its link in its first word.
    // In a debug pool, poison the rest of the object first.
    (void)p;
    (void)obj;
}

void fixpool_destroy(fixpool_t *p)
{
    // TODO (task 1): give every span back to the heap.
    (void)p;
}

// ============================================================================
// task 2: arena
// ============================================================================

int arena_init(arena_t *a, ml_pageheap_t *heap, size_t chunk_bytes)
{
    if (chunk_bytes > (64u << 20))
        return -1;
    if (chunk_bytes == 0)
        chunk_bytes = ARENA_DEFAULT_CHUNK;
    chunk_bytes = (chunk_bytes + ML_PAGE_SIZE - 1) & ~(ML_PAGE_SIZE - 1);
    *a = (arena_t){ .heap = heap, .chunk_bytes = chunk_bytes };
    return 0;
}

void *arena_alloc(arena_t *a, size_t size, size_t align)
{
    // TODO (task 2): round a->next up to `align` and bump it by size when
    // that still fits before a->end. Otherwise (a slow path): a large
    // request gets a chunk of its own; any other starts a new current chunk.
    (void)a;
    (void)size;
    (void)align;
    return NULL;
}

void arena_reset(arena_t *a)
{
    // TODO (task 2): give back every chunk but the current one, and make the
    // current one empty again.
    a->allocated = 0;
}

void arena_destroy(arena_t *a)
{
    // TODO (task 2): give back every chunk.
    (void)a;
}

// ============================================================================
// task 3: bufpool
// ============================================================================

int bufpool_init(bufpool_t *b, ml_pageheap_t *heap, size_t cap)
{
    memset(b, 0, sizeof *b);
    b->heap = heap;
    b->cap = cap;
    for (int k = 0; k < BUFPOOL_CLASSES; k++)
        b->cls[k].size = (size_t)BUFPOOL_MIN << k;
    return 0;
}

int bufpool_class_of(size_t n)
{
    // TODO (task 3): the smallest class whose size is ≥ n.
    (void)n;
    return -1;
}

void *bufpool_get(bufpool_t *b, size_t n)
{
    // TODO (task 3): pop the class's free list, or cut a buffer from one of
    // the class's spans (tag the spans you take as this pool's).
    (void)b;
    (void)n;
    return NULL;
}

int bufpool_put(bufpool_t *b, void *buf)
{
    // TODO (task 3): find buf's span; refuse anything that is not a buffer
    // this pool handed out and that is not out now — before writing a byte.
    // Keep it if the class has fewer than b->cap, else release it to its
    // span (and the span to the heap when nothing in it is used).
    (void)b;
    (void)buf;
    return -1;
}

size_t bufpool_cap_of(const bufpool_t *b, const void *buf)
{
    // TODO (task 3)
    (void)b;
    (void)buf;
    return 0;
}

void bufpool_destroy(bufpool_t *b)
{
    // TODO (task 3): give every span back to the heap.
    (void)b;
}

// ============================================================================
// task 4: bpool
// ============================================================================

int bpool_init(bpool_t *b, ml_pageheap_t *heap, size_t capacity)
{
    if (capacity == 0 || capacity > (1u << 20))
        return -1;
    // TODO (task 4): take the ring's memory from the heap; set up the lock
    // and the condition variable (with a monotonic clock).
    *b = (bpool_t){ .heap = heap, .capacity = capacity };
    return 0;
}

void *bpool_get(bpool_t *b, long long timeout_ns)
{
    // TODO (task 4): take the oldest object; when there is none, wait for a
    // put until the timeout (0: do not wait; negative: no limit).
    (void)b;
    (void)timeout_ns;
    return NULL;
}

bool bpool_put(bpool_t *b, void *obj)
{
    // TODO (task 4): keep obj if a slot is free and wake one waiting get.
    (void)b;
    (void)obj;
    return false;
}

size_t bpool_len(bpool_t *b)
{
    return b->count;
}

void bpool_destroy(bpool_t *b, void (*drop)(void *obj, void *arg), void *arg)
{
    // TODO (task 4): drop what is held, give the ring back.
    (void)b;
    (void)drop;
    (void)arg;
}

// ============================================================================
// task 5: spool
// ============================================================================

// One per processor slot and generation (local and victim). TODO (task 5):
// the private slot, the shared deque and its lock.
struct spool_local {
    void *private;
};

int spool_init(spool_t *p, ml_pageheap_t *heap, void *(*new_fn)(void *arg),
               void (*free_fn)(void *obj, void *arg), void *arg)
{
    // TODO (task 5): take both generations' locals from the heap and
    // register the pool so that pool_gc finds it.
    *p = (spool_t){ .heap = heap, .new_fn = new_fn, .free_fn = free_fn, .arg = arg };
    return 0;
}

void *spool_get(spool_t *p)
{
    // TODO (task 5): private, own shared, steal, victim, then new_fn.
    return p->new_fn ? p->new_fn(p->arg) : NULL;
}

void spool_put(spool_t *p, void *obj)
{
    // TODO (task 5): private if empty, else the head of own shared.
    if (obj && p->free_fn)
        p->free_fn(obj, p->arg);
}

size_t spool_count(spool_t *p, size_t *in_victim)
{
    (void)p;
    if (in_victim)
        *in_victim = 0;
    return 0;
}

void spool_destroy(spool_t *p)
{
    // TODO (task 5): unregister, drop both generations, give memory back.
    (void)p;
}

void pool_gc(void)
{
    // TODO (task 5): for every live pool, drop the victim and make the
    // primary the new victim.
}

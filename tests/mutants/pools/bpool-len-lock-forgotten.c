// bpool-len-lock-forgotten.c — mutant of the pools lab's pools.c:
// bpool_len reads the count without taking the pool's mutex but still
// unlocks it at the end. Alone, unlocking a free mutex goes unnoticed; while
// another thread is inside bpool_get or bpool_put, it releases that thread's
// lock, and a third call gets in beside it: the ring and the count are then
// updated by two threads at once.
// Caught by: bpool/two_threads_no_double_owner (the two racing threads call
// bpool_len between their gets and puts; glibc's mutex asserts that a lock
// it just took has no owner, or an object goes to two owners).
// Killed by: bpool/two_threads_no_double_owner
#include "pools.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

// ============================================================================
// fixpool
// ============================================================================
//
// Invariant: every object of every span is in exactly one of three places —
// handed out (counted in inuse), on the free list, or in the uncut part
// [next, end) of the current span.

int fixpool_init(fixpool_t *p, ml_pageheap_t *heap, size_t size, bool debug)
{
    if (size == 0 || size > (1u << 20))
        return -1;
    size = (size + 7) & ~(size_t)7;
    *p = (fixpool_t){ .heap = heap, .size = size, .span_pages = fixpool_span_pages(size),
                      .debug = debug };
    return 0;
}

// fixpool_check_poison — in a debug pool, the object about to be handed out
// again must still carry the poison its put wrote.
__attribute__((noinline)) static void fixpool_check_poison(const fixpool_t *p,
                                                          const unsigned char *obj)
{
    for (size_t i = sizeof(void *); i < p->size; i++)
        if (obj[i] != FIXPOOL_POISON) {
            pools_fault("fixpool_get", obj, i);
            return;
        }
}

// fixpool_get_slow — the free list in a debug pool (check the poison), or
// the next object cut from the current span, taking a new span when it is
// used up (Go's fixalloc.alloc refilling its chunk).
__attribute__((noinline)) static void *fixpool_get_slow(fixpool_t *p)
{
    void *obj = p->free;
    if (obj) {      // a debug pool
        p->free = *(void **)obj;
        fixpool_check_poison(p, obj);
        p->inuse++;
        return obj;
    }
    if (p->end - p->next < p->size) {
        ml_span_t *s = ml_pageheap_alloc_span_nozero(p->heap, p->span_pages);
        if (!s)
            return NULL;
        s->next = p->spans;
        p->spans = s;
        p->nspans++;
        p->next = s->base;
        p->end = s->base + s->npages * ML_PAGE_SIZE;
    }
    obj = (void *)p->next;
    p->next += p->size;
    p->inuse++;
    return obj;
}

void *fixpool_get(fixpool_t *p)
{
    void *obj = p->free;
    if (!obj || p->debug)
        return fixpool_get_slow(p);
    p->free = *(void **)obj;
    p->inuse++;
    return obj;
}

// fixpool_put_debug — poison obj (all but its link word), then put it.
__attribute__((noinline)) static void fixpool_put_debug(fixpool_t *p, void *obj)
{
    memset((char *)obj + sizeof(void *), FIXPOOL_POISON, p->size - sizeof(void *));
    *(void **)obj = p->free;
    p->free = obj;
    p->inuse--;
}

void fixpool_put(fixpool_t *p, void *obj)
{
    if (!obj)
        return;
    if (p->debug)
        return fixpool_put_debug(p, obj);
    *(void **)obj = p->free;
    p->free = obj;
    p->inuse--;
}

void fixpool_destroy(fixpool_t *p)
{
    for (ml_span_t *s = p->spans, *n; s; s = n) {
        n = s->next;
        ml_pageheap_free_span(p->heap, s);
    }
    p->spans = NULL;
    p->free = NULL;
    p->next = p->end = 0;
    p->nspans = p->inuse = 0;
}

// ============================================================================
// arena
// ============================================================================
//
// Invariant: cur is NULL or an ordinary chunk holding [next, end); every
// chunk (cur, full ordinary ones, large ones) is on the chunks list.

#define ARENA_MAX_CHUNK (64u << 20)
#define ARENA_MAX_ALIGN (1u << 20)

int arena_init(arena_t *a, ml_pageheap_t *heap, size_t chunk_bytes)
{
    if (chunk_bytes > ARENA_MAX_CHUNK)
        return -1;
    if (chunk_bytes == 0)
        chunk_bytes = ARENA_DEFAULT_CHUNK;
    chunk_bytes = (chunk_bytes + ML_PAGE_SIZE - 1) & ~(ML_PAGE_SIZE - 1);
    *a = (arena_t){ .heap = heap, .chunk_bytes = chunk_bytes };
    return 0;
}

// arena_new_chunk — a chunk of at least `bytes`, on the chunks list.
static ml_span_t *arena_new_chunk(arena_t *a, size_t bytes)
{
    ml_span_t *s = ml_pageheap_alloc_span_nozero(a->heap, (bytes + ML_PAGE_SIZE - 1) / ML_PAGE_SIZE);
    if (!s)
        return NULL;
    s->next = a->chunks;
    a->chunks = s;
    a->nchunks++;
    return s;
}

static uintptr_t align_up(uintptr_t p, size_t align)
{
    return (p + align - 1) & ~(uintptr_t)(align - 1);
}

// arena_alloc_slow — the request does not fit in the current chunk: a chunk
// of its own when it is large (or its alignment cannot be met inside an
// ordinary chunk), else a new current chunk.
__attribute__((noinline)) static void *arena_alloc_slow(arena_t *a, size_t size, size_t align)
{
    // Pages are 8 KiB aligned: a larger alignment may need that much slack.
    size_t slack = align > ML_PAGE_SIZE ? align - ML_PAGE_SIZE : 0;
    if (size > a->chunk_bytes / 4 || size + slack > a->chunk_bytes) {
        if (size > ARENA_MAX_CHUNK * 16)
            return NULL;
        ml_span_t *s = arena_new_chunk(a, size + slack);
        if (!s)
            return NULL;
        a->allocated += size;
        return (void *)align_up(s->base, align);
    }
    ml_span_t *s = arena_new_chunk(a, a->chunk_bytes);
    if (!s)
        return NULL;
    a->cur = s;
    uintptr_t p = align_up(s->base, align);
    a->next = p + size;
    a->end = s->base + a->chunk_bytes;
    a->allocated += size;
    return (void *)p;
}

void *arena_alloc(arena_t *a, size_t size, size_t align)
{
    // align - 1 wraps for align 0, so one compare refuses 0 and too large.
    if ((align & (align - 1)) != 0 || align - 1 >= ARENA_MAX_ALIGN)
        return NULL;
    size += size == 0;
    // next is below the top of the address space by far more than 1 MiB:
    // the round-up cannot wrap.
    uintptr_t p = align_up(a->next, align);
    if (p <= a->end && size <= a->end - p && size <= a->chunk_bytes / 4) {
        a->next = p + size;
        a->allocated += size;
        return (void *)p;
    }
    return arena_alloc_slow(a, size, align);
}

void arena_reset(arena_t *a)
{
    for (ml_span_t *s = a->chunks, *n; s; s = n) {
        n = s->next;
        if (s != a->cur)
            ml_pageheap_free_span(a->heap, s);
    }
    a->chunks = a->cur;
    a->nchunks = a->cur ? 1 : 0;
    if (a->cur) {
        a->cur->next = NULL;
        a->next = a->cur->base;
        a->end = a->cur->base + a->chunk_bytes;
    }
    a->allocated = 0;
}

void arena_destroy(arena_t *a)
{
    a->cur = NULL;
    arena_reset(a);
    a->next = a->end = 0;
}

// ============================================================================
// bufpool
// ============================================================================
//
// Each buffer of a class span is in one of three states, kept in the span's
// two bitmaps: free in its span (alloc bit clear), handed out (alloc bit set,
// mark bit clear) or kept on the class free list (both set). A span whose
// alloc count drops to 0 goes back to the heap.

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
    if (n == 0 || n > BUFPOOL_MAX)
        return -1;
    if (n <= BUFPOOL_MIN)
        return 0;
    return (64 - __builtin_clzll((unsigned long long)(n - 1))) - 4;
}

// bufpool_span_of — the span of buf if it is a buffer of this pool: its
// first byte, in a span the pool owns. Sets *idx. NULL otherwise.
static ml_span_t *bufpool_span_of(const bufpool_t *b, const void *buf, uint32_t *idx)
{
    ml_span_t *s = ml_pageheap_span_of(b->heap, buf);
    if (!s || s->owner != b || s->state != ML_SPAN_SMALL)
        return NULL;
    // Buffer sizes are powers of two: the index is a shift, not a division.
    uintptr_t off = (uintptr_t)buf - s->base;
    if (off & (s->elemsize - 1))
        return NULL;
    uint32_t i = (uint32_t)(off >> __builtin_ctzll(s->elemsize));
    if (i >= s->nelems)
        return NULL;
    *idx = i;
    return s;
}

// bufpool_get_slow — a buffer from a class span with room, or a new span.
__attribute__((noinline)) static void *bufpool_get_slow(bufpool_t *b, bufpool_class_t *c)
{
    for (ml_span_t *s = c->spans; s; s = s->next)
        if (!ml_span_is_full(s))
            return ml_span_alloc(s);
    size_t pages = c->size > ML_PAGE_SIZE ? c->size / ML_PAGE_SIZE : 1;
    ml_span_t *s = ml_pageheap_alloc_span_nozero(b->heap, pages);
    if (!s)
        return NULL;
    if (ml_span_init_small(s, 0, c->size) != 0) {
        ml_pageheap_free_span(b->heap, s);
        return NULL;
    }
    s->owner = b;
    s->prev = NULL;
    s->next = c->spans;
    if (c->spans)
        c->spans->prev = s;
    c->spans = s;
    return ml_span_alloc(s);
}

void *bufpool_get(bufpool_t *b, size_t n)
{
    int k = bufpool_class_of(n);
    if (k < 0)
        return NULL;
    bufpool_class_t *c = &b->cls[k];
    void *buf = c->free;
    if (!buf)
        return bufpool_get_slow(b, c);
    c->free = *(void **)buf;
    c->nfree--;
    uint32_t i;
    ml_span_t *s = bufpool_span_of(b, buf, &i);
    ml_bit_clear(s->gcmarkbits, i);
    return buf;
}

int bufpool_put(bufpool_t *b, void *buf)
{
    uint32_t i;
    ml_span_t *s = buf ? bufpool_span_of(b, buf, &i) : NULL;
    if (!s || !ml_span_is_allocated(s, i) || ml_span_is_marked(s, i))
        return -1;
    bufpool_class_t *c = &b->cls[bufpool_class_of(s->elemsize)];
    if (c->nfree < b->cap) {
        ml_span_set_mark(s, i);
        *(void **)buf = c->free;
        c->free = buf;
        c->nfree++;
        return 0;
    }
    ml_span_free_index(s, i);
    if (s->allocount == 0) {
        if (s->prev)
            s->prev->next = s->next;
        else
            c->spans = s->next;
        if (s->next)
            s->next->prev = s->prev;
        ml_span_fini(s);
        ml_pageheap_free_span(b->heap, s);
    }
    return 0;
}

size_t bufpool_cap_of(const bufpool_t *b, const void *buf)
{
    uint32_t i;
    ml_span_t *s = buf ? bufpool_span_of(b, buf, &i) : NULL;
    if (!s || !ml_span_is_allocated(s, i) || ml_span_is_marked(s, i))
        return 0;
    return s->elemsize;
}

void bufpool_destroy(bufpool_t *b)
{
    for (int k = 0; k < BUFPOOL_CLASSES; k++) {
        bufpool_class_t *c = &b->cls[k];
        for (ml_span_t *s = c->spans, *n; s; s = n) {
            n = s->next;
            ml_span_fini(s);
            ml_pageheap_free_span(b->heap, s);
        }
        c->spans = NULL;
        c->free = NULL;
        c->nfree = 0;
    }
}

// ============================================================================
// bpool
// ============================================================================
//
// A ring under one mutex; getters wait on `nonempty` (a monotonic clock, so
// a change of the wall clock does not stretch a timeout).

int bpool_init(bpool_t *b, ml_pageheap_t *heap, size_t capacity)
{
    if (capacity == 0 || capacity > (1u << 20))
        return -1;
    size_t pages = (capacity * sizeof(void *) + ML_PAGE_SIZE - 1) / ML_PAGE_SIZE;
    ml_span_t *s = ml_pageheap_alloc_span_nozero(heap, pages);
    if (!s)
        return -1;
    *b = (bpool_t){ .heap = heap, .span = s, .ring = (void **)s->base, .capacity = capacity };
    pthread_mutex_init(&b->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&b->nonempty, &ca);
    pthread_condattr_destroy(&ca);
    return 0;
}

void *bpool_get(bpool_t *b, long long timeout_ns)
{
    pthread_mutex_lock(&b->mu);
    if (b->count == 0 && timeout_ns != 0) {
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        if (timeout_ns > 0) {
            long long ns = until.tv_nsec + timeout_ns % 1000000000LL;
            until.tv_sec += timeout_ns / 1000000000LL + ns / 1000000000LL;
            until.tv_nsec = ns % 1000000000LL;
        }
        b->waiters++;
        while (b->count == 0) {
            if (timeout_ns < 0)
                pthread_cond_wait(&b->nonempty, &b->mu);
            else if (pthread_cond_timedwait(&b->nonempty, &b->mu, &until) == ETIMEDOUT)
                break;
        }
        b->waiters--;
    }
    void *obj = NULL;
    if (b->count > 0) {
        obj = b->ring[b->head];
        b->head = (b->head + 1) % b->capacity;
        b->count--;
    }
    pthread_mutex_unlock(&b->mu);
    return obj;
}

bool bpool_put(bpool_t *b, void *obj)
{
    if (!obj)
        return false;
    pthread_mutex_lock(&b->mu);
    bool kept = b->count < b->capacity;
    if (kept) {
        b->ring[(b->head + b->count) % b->capacity] = obj;
        b->count++;
        if (b->waiters)
            pthread_cond_signal(&b->nonempty);
    }
    pthread_mutex_unlock(&b->mu);
    return kept;
}

size_t bpool_len(bpool_t *b)
{
    size_t n = b->count;
    pthread_mutex_unlock(&b->mu);
    return n;
}

void bpool_destroy(bpool_t *b, void (*drop)(void *obj, void *arg), void *arg)
{
    for (size_t i = 0; i < b->count; i++)
        if (drop)
            drop(b->ring[(b->head + i) % b->capacity], arg);
    b->count = 0;
    pthread_cond_destroy(&b->nonempty);
    pthread_mutex_destroy(&b->mu);
    ml_pageheap_free_span(b->heap, b->span);
    b->span = NULL;
    b->ring = NULL;
}

// ============================================================================
// spool
// ============================================================================
//
// One spool_local per processor slot and generation. `private` is touched
// only by the thread holding that slot (and by pool_gc, world stopped); the
// shared deque is under `mu`: the owner pushes and pops at the head (newest),
// thieves pop at the tail (oldest), so owner and thieves meet only when the
// deque is almost empty — the same split as Go's poolChain.
//
// The deque: objects at ring[(tail + i) & (cap - 1)] for i < n; the ring is
// a span of the pool's heap, doubled when full.

struct spool_local {
    void *private;
    pthread_mutex_t mu;
    void **ring;
    ml_span_t *ring_span;
    size_t cap, tail, n;
} __attribute__((aligned(128)));   // no false sharing between slots

static pthread_mutex_t all_pools_mu = PTHREAD_MUTEX_INITIALIZER;
static spool_t *all_pools;          // every live spool (Go's allPools)

#define SPOOL_LOCALS_BYTES (2 * POOLS_MAX_PROCS * sizeof(spool_local_t))

int spool_init(spool_t *p, ml_pageheap_t *heap, void *(*new_fn)(void *arg),
               void (*free_fn)(void *obj, void *arg), void *arg)
{
    ml_span_t *s = ml_pageheap_alloc_span(heap, (SPOOL_LOCALS_BYTES + ML_PAGE_SIZE - 1) / ML_PAGE_SIZE);
    if (!s)
        return -1;
    *p = (spool_t){ .heap = heap, .new_fn = new_fn, .free_fn = free_fn, .arg = arg, .span = s };
    p->local = (spool_local_t *)s->base;
    p->victim = p->local + POOLS_MAX_PROCS;
    for (int i = 0; i < 2 * POOLS_MAX_PROCS; i++)
        pthread_mutex_init(&p->local[i].mu, NULL);
    pthread_mutex_lock(&all_pools_mu);
    p->next_pool = all_pools;
    all_pools = p;
    pthread_mutex_unlock(&all_pools_mu);
    return 0;
}

// shared_push_head — the owner adds obj; false when the ring cannot grow.
static bool shared_push_head(spool_t *p, spool_local_t *l, void *obj)
{
    if (l->n == l->cap) {
        size_t bytes = l->cap ? 2 * l->cap * sizeof(void *) : ML_PAGE_SIZE;
        ml_span_t *s = ml_pageheap_alloc_span_nozero(p->heap, bytes / ML_PAGE_SIZE);
        if (!s)
            return false;
        void **ring = (void **)s->base;
        for (size_t i = 0; i < l->n; i++)
            ring[i] = l->ring[(l->tail + i) & (l->cap - 1)];
        if (l->ring_span)
            ml_pageheap_free_span(p->heap, l->ring_span);
        l->ring = ring;
        l->ring_span = s;
        l->cap = bytes / sizeof(void *);
        l->tail = 0;
    }
    l->ring[(l->tail + l->n) & (l->cap - 1)] = obj;
    l->n++;
    return true;
}

// shared_pop_head / shared_pop_tail — the newest (owner) or oldest (thief)
// object of l's deque, or NULL. Under l->mu.
static void *shared_pop_head(spool_local_t *l)
{
    if (l->n == 0)
        return NULL;
    l->n--;
    return l->ring[(l->tail + l->n) & (l->cap - 1)];
}

static void *shared_pop_tail(spool_local_t *l)
{
    if (l->n == 0)
        return NULL;
    void *obj = l->ring[l->tail];
    l->tail = (l->tail + 1) & (l->cap - 1);
    l->n--;
    return obj;
}

static void *locked_pop(spool_local_t *l, bool head)
{
    pthread_mutex_lock(&l->mu);
    void *obj = head ? shared_pop_head(l) : shared_pop_tail(l);
    pthread_mutex_unlock(&l->mu);
    return obj;
}

// spool_get_slow — own shared, then steal, then the victim generation,
// then new_fn (Go's getSlow with the primary's shared pop folded in).
__attribute__((noinline)) static void *spool_get_slow(spool_t *p, int pid)
{
    int procs = pools_procs();      // slots past it were never used
    void *obj = locked_pop(&p->local[pid], true);
    for (int i = 1; !obj && i < procs; i++)
        obj = locked_pop(&p->local[(pid + i) % procs], false);
    if (!obj) {
        spool_local_t *v = &p->victim[pid];
        obj = v->private;
        v->private = NULL;
    }
    for (int i = 0; !obj && i < procs; i++)
        obj = locked_pop(&p->victim[(pid + i) % procs], false);
    if (!obj && p->new_fn)
        obj = p->new_fn(p->arg);
    return obj;
}

void *spool_get(spool_t *p)
{
    int pid = pools_proc_id();
    spool_local_t *l = &p->local[pid];
    void *obj = l->private;
    if (obj) {
        l->private = NULL;
        return obj;
    }
    return spool_get_slow(p, pid);
}

void spool_put(spool_t *p, void *obj)
{
    if (!obj)
        return;
    spool_local_t *l = &p->local[pools_proc_id()];
    if (!l->private) {
        l->private = obj;
        return;
    }
    pthread_mutex_lock(&l->mu);
    bool kept = shared_push_head(p, l, obj);
    pthread_mutex_unlock(&l->mu);
    if (!kept && p->free_fn)
        p->free_fn(obj, p->arg);    // the heap is full: drop it
}

// drop_generation — free every object of the POOLS_MAX_PROCS locals at g,
// and their rings.
static void drop_generation(spool_t *p, spool_local_t *g)
{
    for (int i = 0; i < POOLS_MAX_PROCS; i++) {
        spool_local_t *l = &g[i];
        if (l->private && p->free_fn)
            p->free_fn(l->private, p->arg);
        l->private = NULL;
        for (void *obj; (obj = shared_pop_tail(l));)
            if (p->free_fn)
                p->free_fn(obj, p->arg);
        if (l->ring_span)
            ml_pageheap_free_span(p->heap, l->ring_span);
        l->ring_span = NULL;
        l->ring = NULL;
        l->cap = l->tail = l->n = 0;
    }
}

static size_t count_generation(const spool_local_t *g)
{
    size_t n = 0;
    for (int i = 0; i < POOLS_MAX_PROCS; i++)
        n += (g[i].private != NULL) + g[i].n;
    return n;
}

size_t spool_count(spool_t *p, size_t *in_victim)
{
    size_t v = count_generation(p->victim);
    if (in_victim)
        *in_victim = v;
    return count_generation(p->local) + v;
}

void spool_destroy(spool_t *p)
{
    pthread_mutex_lock(&all_pools_mu);
    for (spool_t **pp = &all_pools; *pp; pp = &(*pp)->next_pool)
        if (*pp == p) {
            *pp = p->next_pool;
            break;
        }
    pthread_mutex_unlock(&all_pools_mu);
    drop_generation(p, p->victim);
    drop_generation(p, p->local);
    spool_local_t *all = (spool_local_t *)p->span->base;  // both generations
    for (int i = 0; i < 2 * POOLS_MAX_PROCS; i++)
        pthread_mutex_destroy(&all[i].mu);
    ml_pageheap_free_span(p->heap, p->span);
    p->span = NULL;
    p->local = p->victim = NULL;
}

void pool_gc(void)
{
    pthread_mutex_lock(&all_pools_mu);
    for (spool_t *p = all_pools; p; p = p->next_pool) {
        drop_generation(p, p->victim);
        spool_local_t *old = p->victim;
        p->victim = p->local;
        p->local = old;
    }
    pthread_mutex_unlock(&all_pools_mu);
}

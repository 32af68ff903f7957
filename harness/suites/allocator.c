// allocator.c — the grading suite of the allocator lab (labs/allocator): the
// student's mm.c against the trace checker and the page heap's own
// accounting. 100 points.
//
// Tests follow the handout's stages, one Criterion suite each, so a student
// can run one stage alone (build/student/suites/allocator --filter 'tiny/*'):
//   classes  (8)   requests rounded to Go's size classes, objects of a
//                  class filling its spans
//   spans   (13)   every size usable, freed objects reused, partial spans
//                  filled first, empty spans back to the page heap
//   mcache  (14)   a span per thread, two threads at once, frees from
//                  another thread
//   tiny    (10)   natural alignment, pieces share a block, a block lives
//                  while one piece does and dies with the last
//   large    (8)   pages straight from the page heap and back, huge → NULL
//   realloc (12)   NULL / 0, growing and shrinking keep data, in place
//                  within a class, calloc zeroes and checks overflow
//   traces  (15)   every trace of labs/allocator/data/traces passes the
//                  checker (1.25 each)
//   perf    (20)   utilization and throughput against glibc (perfindex.h)
// Observations are black-box: addresses, the checker (overlap, alignment,
// payload patterns) and the bytes the page heap has in spans (HeapInuse).
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "allocators.h"
#include "checker.h"
#include "memlab/clock.h"
#include "memlab/grade.h"
#include "memlab/pageheap.h"
#include "memlab/rng.h"
#include "memlab/sizeclass.h"
#include "mm.h"
#include "perfindex.h"
#include "replay.h"
#include "traceset.h"

#define MIB ((size_t)1 << 20)
#define PAGE ML_PAGE_SIZE
#define ARENA (64 * MIB)
// Empty spans an allocator may keep per class instead of returning them
// (the handout allows this much, plus the span an mcache holds).
#define SPARE_ALLOWANCE (64 * 1024)

// ---- a fresh allocator ------------------------------------------------------

static ml_pageheap_t *heap;

// fresh — a new page heap of `arena` bytes and mm_init over it (after
// mm_deinit and destruction of the previous one).
static ml_pageheap_t *fresh(size_t arena)
{
    if (heap) {
        mm_deinit();
        ml_pageheap_destroy(heap);
    }
    heap = ml_pageheap_new(arena);
    cr_assert(heap, "internal: cannot make a %zu MiB page heap", arena / MIB);
    cr_assert(mm_init(heap) == 0, "mm_init returned -1 for a fresh page heap");
    return heap;
}

static size_t inuse(void) { return ml_pageheap_stats(heap).inuse; }
static size_t pages(size_t bytes) { return (bytes + PAGE - 1) / PAGE; }

// must_alloc — mm_malloc that must succeed, with a message naming the size.
static void *must_alloc(size_t size, const char *why)
{
    void *p = mm_malloc(size);
    cr_assert(p, "mm_malloc(%zu) returned NULL %s", size, why);
    return p;
}

// ---- synthetic traces through the checker -----------------------------------

typedef struct synth {
    ml_trace_t t;
    size_t cap;
} synth_t;

static void syn_init(synth_t *s, const char *name, uint32_t num_ids)
{
    memset(s, 0, sizeof *s);
    s->t.name = (char *)name;
    s->t.num_ids = num_ids;
    s->t.weight = 1;
}

static void syn_op(synth_t *s, ml_op_kind_t kind, uint32_t id, size_t size)
{
    if (s->t.num_ops == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 1024;
        s->t.ops = realloc(s->t.ops, s->cap * sizeof *s->t.ops);
        cr_assert(s->t.ops, "internal: out of memory");
    }
    s->t.ops[s->t.num_ops] = (ml_trace_op_t){ .kind = kind, .id = id, .size = size,
                                              .line = (unsigned)(s->t.num_ops + 5) };
    s->t.num_ops++;
}

// syn_check — run the trace through the checker; fail with its message.
static checker_result_t syn_check(synth_t *s, const char *what)
{
    checker_result_t r;
    checker_opts_t o = { .arena_bytes = 256 * MIB };
    if (heap) {
        mm_deinit();
        ml_pageheap_destroy(heap);
        heap = NULL;
    }
    cr_assert(checker_run(&s->t, &o, &r) == 0, "%s", r.error);
    cr_assert(r.valid, "%s\n(the test's own trace, %s; line N is its operation N-4)",
              r.error, what);
    free(s->t.ops);
    return r;
}

// ---- classes ----------------------------------------------------------------

// usable_class — the class mm must use for a request of 16..32768 bytes:
// Go's class of the size rounded up to 16 (classes of 8 and 24 bytes
// cannot keep 16-byte alignment).
static int usable_class(size_t size) { return ml_size_to_class((size + 15) & ~(size_t)15); }

ML_TEST(classes, size_class_of_every_request, 4, 10)
{
    for (size_t size = 0; size <= ML_MAX_SMALL_SIZE + 5000; size++) {
        int want = size < ML_TINY_SIZE || size > ML_MAX_SMALL_SIZE ? 0 : usable_class(size);
        int got = mm_size_class(size);
        cr_assert(got == want,
                  "mm_size_class(%zu) is %d (%zu-byte objects), expected %d (%zu-byte objects)%s",
                  size, got, ml_class_size(got), want, ml_class_size(want),
                  size >= 17 && size <= 24 ? ": a 24-byte object can't stay 16-byte aligned "
                  "in a span, so 17-24 byte requests use the 32-byte class"
                  : size < 16 ? ": requests under 16 bytes go to the tiny allocator (class 0)"
                  : size > ML_MAX_SMALL_SIZE ? ": requests over 32 KiB are large objects (0)" : "");
    }
}

ML_TEST(classes, blocks_fill_spans_of_their_class, 4, 20)
{
    for (int c = 1; c < ML_NUM_SIZE_CLASSES; c++) {
        size_t csize = ml_class_size(c);
        if (csize % 16)
            continue;
        size_t lo = 16;
        for (int p = c - 1; p >= 1; p--)
            if (ml_class_size(p) % 16 == 0) {
                lo = ml_class_size(p) + 1;
                break;
            }
        size_t sizes[2] = { lo, csize };
        for (int k = 0; k < 2; k++) {
            size_t size = sizes[k], n = ml_class_nobjs(c), np = ml_class_npages(c);
            cr_assert(usable_class(size) == c, "internal: class of %zu", size);
            fresh(ARENA);
            size_t base = inuse();
            for (size_t i = 0; i < n; i++)
                must_alloc(size, "from a fresh heap");
            size_t got = (inuse() - base) / PAGE;
            cr_assert(got == np,
                      "size class %d holds %zu-byte objects, %zu to a %zu-page span; %zu "
                      "blocks of mm_malloc(%zu) should fill exactly one span, but %zu pages "
                      "are in use (rounded to another class? sizes 17-24 use the 32-byte "
                      "class, see the handout)", c, csize, n, np, n, size, got);
            must_alloc(size, "from a fresh heap");
            got = (inuse() - base) / PAGE;
            cr_assert(got == 2 * np,
                      "%zu blocks of mm_malloc(%zu) (class %d, %zu per span) should take two "
                      "%zu-page spans, but %zu pages are in use", n + 1, size, c, n, np, got);
        }
    }
}

ML_TEST(spans, every_small_size_is_usable, 3, 30)
{
    synth_t s;
    syn_init(&s, "every-size", 4096);
    ml_rng_t rng;
    ml_rng_seed(&rng, 7);
    uint32_t id = 0, live[4096];
    size_t nlive = 0;
    for (size_t size = 16; size <= ML_MAX_SMALL_SIZE; size += 8) {
        syn_op(&s, ML_OP_ALLOC, id, size);
        live[nlive++] = id++;
        if (ml_rng_below(&rng, 3) == 0) {   // free a random live block
            size_t k = ml_rng_below(&rng, nlive);
            syn_op(&s, ML_OP_FREE, live[k], 0);
            live[k] = live[--nlive];
        }
    }
    syn_check(&s, "every size from 16 to 32768 in steps of 8");
}

// ---- spans and mcentral -----------------------------------------------------

// in_thread — run fn(arg) on a thread of its own and wait until that thread
// has exited: whatever its mcache held has then been given back (an
// allocator may keep freed objects in a thread's cache, as tcmalloc does).
static void in_thread(void *(*fn)(void *), void *arg)
{
    pthread_t t;
    cr_assert(pthread_create(&t, NULL, fn, arg) == 0, "internal: pthread_create failed");
    pthread_join(t, NULL);
}

// fill_class — n blocks of `size` bytes into out[].
static void fill_class(void **out, size_t n, size_t size)
{
    for (size_t i = 0; i < n; i++)
        out[i] = must_alloc(size, "while the heap has room");
}

ML_TEST(spans, freed_objects_are_reused, 3, 10)
{
    enum { SIZE = 48 };
    size_t per = ml_class_nobjs(usable_class(SIZE)), n = 4 * per;
    void **b = calloc(n, sizeof *b);
    fresh(ARENA);
    fill_class(b, n, SIZE);
    size_t high = inuse();
    for (int round = 0; round < 3; round++) {
        for (size_t i = 0; i < n; i++)
            mm_free(b[i]);
        fill_class(b, n, SIZE);
        cr_assert(inuse() <= high,
                  "after freeing %zu blocks of %d bytes and allocating as many again, the "
                  "heap grew from %zu to %zu bytes in spans: freed objects are not reused",
                  n, SIZE, high, inuse());
    }
    free(b);
}

ML_TEST(spans, partial_spans_are_filled_before_new_ones, 3, 10)
{
    enum { SIZE = 96 };
    size_t per = ml_class_nobjs(usable_class(SIZE)), n = 8 * per;
    void **b = calloc(n, sizeof *b);
    ml_rng_t rng;
    ml_rng_seed(&rng, 11);
    fresh(ARENA);
    fill_class(b, n, SIZE);
    size_t high = inuse();
    // Free a random half: every span keeps some live objects.
    size_t freed = 0;
    for (size_t i = 0; i < n; i++)
        if (ml_rng_below(&rng, 2) == 0) {
            mm_free(b[i]);
            b[i] = NULL;
            freed++;
        }
    for (size_t i = 0; i < n; i++)
        if (!b[i])
            b[i] = must_alloc(SIZE, "while half the objects are free");
    cr_assert(inuse() <= high,
              "%zu of %zu objects (%d bytes) were freed at random and as many allocated: "
              "they fit in the holes, but the heap grew from %zu to %zu bytes in spans "
              "(the mcentral should hand out partial spans before asking for new ones)",
              freed, n, SIZE, high, inuse());
    free(b);
}

typedef struct churn {
    size_t size, n;
    uint64_t seed;
    bool failed;
} churn_t;

// churn — allocate n blocks of `size` bytes, free them in random order.
static void *churn(void *arg)
{
    churn_t *c = arg;
    void **b = calloc(c->n, sizeof *b);
    ml_rng_t rng;
    ml_rng_seed(&rng, c->seed);
    for (size_t i = 0; i < c->n; i++)
        if (!(b[i] = mm_malloc(c->size)))
            c->failed = true;
    ml_rng_shuffle(&rng, b, c->n, sizeof *b);
    for (size_t i = 0; i < c->n; i++)
        mm_free(b[i]);
    free(b);
    return NULL;
}

ML_TEST(spans, empty_spans_return_to_the_page_heap, 4, 10)
{
    static const size_t sizes[] = { 64, 1024, 8192, 3 };
    for (size_t k = 0; k < 4; k++) {
        size_t size = sizes[k];
        int c = usable_class(size < 16 ? 16 : size);
        size_t span = ml_class_npages(c) * PAGE;
        churn_t ch = { .size = size, .n = 64 * ml_class_nobjs(c) * (size < 16 ? 4 : 1),
                       .seed = 3 + k };
        fresh(ARENA);
        size_t base = inuse();
        in_thread(churn, &ch);
        cr_assert(!ch.failed, "mm_malloc(%zu) returned NULL", size);
        size_t left = inuse() - base;
        // Allowed: a span the thread's mcache kept, spares, and for tiny
        // blocks the span of the thread's last tiny block.
        cr_assert(left <= (size < 16 ? 2 : 1) * span + SPARE_ALLOWANCE,
                  "a thread filled 64 spans with %zu-byte %s, freed every one and exited, "
                  "but %zu bytes stay in spans (allowed: %s%d KiB of spare spans): %s",
                  size, size < 16 ? "tiny pieces" : "objects", left,
                  size < 16 ? "two spans plus " : "one span plus ", SPARE_ALLOWANCE / 1024,
                  size < 16 ? "a tiny block must be freed with its last piece and its span "
                              "given back when empty"
                            : "empty spans must go back to the page heap");
    }
}

// ---- mcache -----------------------------------------------------------------

typedef struct pair {
    pthread_barrier_t b1, b2;
    void *a1, *a2, *b;
} pair_t;

static void *own_span_a(void *arg)
{
    pair_t *p = arg;
    p->a1 = mm_malloc(48);
    pthread_barrier_wait(&p->b1);   // B allocates now, while A is alive
    pthread_barrier_wait(&p->b2);
    p->a2 = mm_malloc(48);
    return NULL;
}

static void *own_span_b(void *arg)
{
    pair_t *p = arg;
    pthread_barrier_wait(&p->b1);
    p->b = mm_malloc(48);
    pthread_barrier_wait(&p->b2);
    return NULL;
}

ML_TEST(mcache, each_thread_allocates_from_its_own_span, 5, 10)
{
    fresh(ARENA);
    pair_t p = { 0 };
    pthread_barrier_init(&p.b1, NULL, 2);
    pthread_barrier_init(&p.b2, NULL, 2);
    pthread_t ta, tb;
    pthread_create(&ta, NULL, own_span_a, &p);
    pthread_create(&tb, NULL, own_span_b, &p);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    cr_assert(p.a1 && p.a2 && p.b, "mm_malloc(48) returned NULL in a thread");
    ml_span_t *sa = ml_pageheap_span_of(heap, p.a1), *sb = ml_pageheap_span_of(heap, p.b);
    cr_assert(sa && sb, "a block is not inside a span of the page heap");
    cr_assert(sa != sb,
              "thread A allocated a 48-byte block at %p; then thread B, while A was alive, "
              "got %p from the same span: each thread's mcache must hold its own span "
              "(a cache shared by threads without a lock is a race)", p.a1, p.b);
    cr_assert(ml_pageheap_span_of(heap, p.a2) == sa,
              "thread A's second 48-byte block (%p) is not in the span its first one came "
              "from (%p), which still has room: the mcache should keep allocating from its "
              "span", p.a2, p.a1);
}

// Two threads allocating and freeing at once, each also freeing blocks the
// other allocated. Every block carries a pattern (unique per block) that is
// verified before it is freed.
typedef struct xblock {
    unsigned char *p;
    size_t size;
    uint32_t tag;
} xblock_t;

typedef struct xshared {
    pthread_mutex_t lock;
    pthread_barrier_t start;
    xblock_t box[2][256];   // box[t]: blocks handed to thread t
    size_t nbox[2];
    char error[512];        // the first problem, under the lock
    atomic_bool failed;
} xshared_t;

typedef struct xthread {
    xshared_t *sh;
    int id;
} xthread_t;

static bool x_verify(xshared_t *sh, int id, const xblock_t *b, const char *who)
{
    size_t bad = checker_verify(b->p, b->tag, 0, b->size);
    if (bad == b->size)
        return true;
    pthread_mutex_lock(&sh->lock);
    if (!sh->error[0])
        snprintf(sh->error, sizeof sh->error,
                 "thread %d: a %zu-byte block at %p, %s, was overwritten while allocated "
                 "(byte %zu): another thread was given overlapping memory, so the mcache "
                 "or mcentral is not thread-safe", id, b->size, (void *)b->p, who, bad);
    atomic_store(&sh->failed, true);
    pthread_mutex_unlock(&sh->lock);
    return false;
}

static void *x_worker(void *arg)
{
    xthread_t *me = arg;
    xshared_t *sh = me->sh;
    ml_rng_t rng;
    ml_rng_seed(&rng, 1000 + (uint64_t)me->id);
    xblock_t *live = calloc(4096, sizeof *live);
    size_t nlive = 0;
    uint32_t next = (uint32_t)me->id << 28;
    pthread_barrier_wait(&sh->start);
    for (int step = 0; step < 40000 && !atomic_load(&sh->failed); step++) {
        uint64_t r = ml_rng_below(&rng, 100);
        if (nlive < 16 || (r < 50 && nlive < 4096)) {
            size_t size = ml_rng_below(&rng, 50) == 0 ? (size_t)ml_rng_range(&rng, 33000, 100000)
                                                      : (size_t)ml_rng_range(&rng, 1, 600);
            xblock_t b = { mm_malloc(size), size, next++ };
            if (!b.p) {
                pthread_mutex_lock(&sh->lock);
                snprintf(sh->error, sizeof sh->error, "thread %d: mm_malloc(%zu) returned NULL",
                         me->id, size);
                atomic_store(&sh->failed, true);
                pthread_mutex_unlock(&sh->lock);
                break;
            }
            checker_fill(b.p, b.tag, 0, size);
            live[nlive++] = b;
        } else if (r < 80) {
            size_t k = ml_rng_below(&rng, nlive);
            if (!x_verify(sh, me->id, &live[k], "its own"))
                break;
            mm_free(live[k].p);
            live[k] = live[--nlive];
        } else {            // hand a block to the other thread
            size_t k = ml_rng_below(&rng, nlive);
            pthread_mutex_lock(&sh->lock);
            int other = 1 - me->id;
            if (sh->nbox[other] < 256) {
                sh->box[other][sh->nbox[other]++] = live[k];
                live[k] = live[--nlive];
            }
            pthread_mutex_unlock(&sh->lock);
        }
        // Free whatever the other thread handed over.
        xblock_t got[8];
        size_t ngot = 0;
        pthread_mutex_lock(&sh->lock);
        while (sh->nbox[me->id] > 0 && ngot < 8)
            got[ngot++] = sh->box[me->id][--sh->nbox[me->id]];
        pthread_mutex_unlock(&sh->lock);
        for (size_t i = 0; i < ngot; i++) {
            if (x_verify(sh, me->id, &got[i], "allocated by the other thread"))
                mm_free(got[i].p);
        }
    }
    for (size_t i = 0; i < nlive; i++)
        if (x_verify(sh, me->id, &live[i], "its own"))
            mm_free(live[i].p);
    free(live);
    return NULL;
}

ML_TEST(mcache, two_threads_allocate_and_free_at_once, 6, 30)
{
    fresh(256 * MIB);
    xshared_t *sh = calloc(1, sizeof *sh);
    pthread_mutex_init(&sh->lock, NULL);
    pthread_barrier_init(&sh->start, NULL, 2);
    xthread_t w[2] = { { sh, 0 }, { sh, 1 } };
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, x_worker, &w[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    cr_assert(!sh->error[0], "%s", sh->error);
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < sh->nbox[k]; i++) {
            cr_assert(x_verify(sh, k, &sh->box[k][i], "handed over"), "%s", sh->error);
            mm_free(sh->box[k][i].p);
        }
    char why[256];
    cr_assert(ml_pageheap_check(heap, why, sizeof why) == 0,
              "after two threads allocated and freed, the page heap is inconsistent: %s", why);
}

typedef struct remote {
    pthread_barrier_t b1;
    pthread_t freer;
    void **blocks;
    size_t n;
    size_t after_first, after_second;
    bool failed;
} remote_t;

static void *remote_owner(void *arg)
{
    remote_t *r = arg;
    for (size_t i = 0; i < r->n; i++)
        if (!(r->blocks[i] = mm_malloc(64)))
            r->failed = true;
    r->after_first = inuse();
    pthread_barrier_wait(&r->b1);   // the other thread frees them all
    pthread_join(r->freer, NULL);   // and exits
    for (size_t i = 0; i < r->n; i++)
        if (!(r->blocks[i] = mm_malloc(64)))
            r->failed = true;
    r->after_second = inuse();
    return NULL;
}

static void *remote_freer(void *arg)
{
    remote_t *r = arg;
    pthread_barrier_wait(&r->b1);
    for (size_t i = 0; i < r->n; i++)
        mm_free(r->blocks[i]);
    return NULL;
}

ML_TEST(mcache, frees_from_another_thread_are_reused, 3, 10)
{
    // One span's worth: the span stays in A's mcache, so B's frees reach a
    // span another thread is allocating from.
    fresh(ARENA);
    remote_t r = { .n = ml_class_nobjs(usable_class(64)) };
    r.blocks = calloc(r.n, sizeof *r.blocks);
    pthread_barrier_init(&r.b1, NULL, 2);
    pthread_t a;
    pthread_create(&r.freer, NULL, remote_freer, &r);
    pthread_create(&a, NULL, remote_owner, &r);
    pthread_join(a, NULL);
    cr_assert(!r.failed, "mm_malloc(64) returned NULL");
    cr_assert(r.after_second <= r.after_first,
              "thread A allocated %zu blocks of 64 bytes (%zu bytes in spans), thread B freed "
              "them all and exited, and A allocated as many again: the heap grew to %zu bytes, "
              "so the frees made by B never became free objects A could reuse", r.n, r.after_first,
              r.after_second);
}

// ---- tiny -------------------------------------------------------------------

ML_TEST(tiny, pieces_are_naturally_aligned, 2, 10)
{
    synth_t s;
    syn_init(&s, "tiny-alignment", 6000);
    ml_rng_t rng;
    ml_rng_seed(&rng, 21);
    uint32_t live[6000];
    size_t nlive = 0;
    for (uint32_t id = 0; id < 6000; id++) {
        size_t size = ml_rng_below(&rng, 4) == 0 ? (size_t)ml_rng_range(&rng, 16, 40)
                                                 : (size_t)ml_rng_range(&rng, 1, 15);
        syn_op(&s, ML_OP_ALLOC, id, size);
        live[nlive++] = id;
        if (ml_rng_below(&rng, 2) == 0) {
            size_t k = ml_rng_below(&rng, nlive);
            syn_op(&s, ML_OP_FREE, live[k], 0);
            live[k] = live[--nlive];
        }
    }
    syn_check(&s, "random sizes, mostly 1 to 15 bytes");
}

ML_TEST(tiny, small_requests_share_a_block, 3, 10)
{
    fresh(ARENA);
    uintptr_t b[4];
    for (int i = 0; i < 4; i++)
        b[i] = (uintptr_t)must_alloc(4, "for a 4-byte request");
    for (int i = 1; i < 4; i++)
        cr_assert((b[i] & ~(uintptr_t)15) == (b[0] & ~(uintptr_t)15),
                  "four mm_malloc(4) in a row returned %p, %p, %p, %p: they should share one "
                  "16-byte tiny block", (void *)b[0], (void *)b[1], (void *)b[2], (void *)b[3]);
    fresh(ARENA);
    size_t base = inuse();
    for (int i = 0; i < 16384; i++)
        must_alloc(1, "for a 1-byte request");
    size_t used = inuse() - base;
    cr_assert(used <= 5 * PAGE,
              "16384 requests of 1 byte take %zu bytes of spans; packed 16 to a tiny block "
              "they need 16 KiB (2 spans of 16-byte blocks)", used);
}

ML_TEST(tiny, block_lives_while_one_piece_does, 3, 20)
{
    // Rounds of: four 4-byte pieces, three of them freed, the fourth kept;
    // a 2-byte piece freed at once and another one kept (the block is still
    // the one being filled); then many 16-byte blocks and tiny pieces. The
    // checker fails the trace if any later block overlaps a kept piece.
    synth_t s;
    syn_init(&s, "tiny-block-lifetime", 40 * (4 + 2 + 600));
    uint32_t id = 0;
    for (int round = 0; round < 40; round++) {
        uint32_t first = id;
        for (int i = 0; i < 4; i++)
            syn_op(&s, ML_OP_ALLOC, id++, 4);
        for (int i = 0; i < 3; i++)
            syn_op(&s, ML_OP_FREE, first + (uint32_t)((i + round) % 4), 0);
        syn_op(&s, ML_OP_ALLOC, id, 2);
        syn_op(&s, ML_OP_FREE, id++, 0);
        syn_op(&s, ML_OP_ALLOC, id++, 2);
        for (int i = 0; i < 600; i++)
            syn_op(&s, ML_OP_ALLOC, id++, i % 3 == 0 ? 6 : 16);
    }
    syn_check(&s, "pieces kept while their neighbours are freed");
}

ML_TEST(tiny, block_is_freed_with_its_last_piece, 2, 10)
{
    // The pieces of various sizes share blocks; every block must be freed
    // once all of its pieces are, even when they are freed in random order.
    churn_t ch = { .size = 5, .n = 64 * 1024, .seed = 5 };
    fresh(ARENA);
    size_t base = inuse();
    in_thread(churn, &ch);
    cr_assert(!ch.failed, "mm_malloc(5) returned NULL");
    size_t left = inuse() - base;
    cr_assert(left <= 2 * PAGE + SPARE_ALLOWANCE,
              "a thread allocated %zu tiny pieces of 5 bytes, freed them all in random order "
              "and exited, but %zu bytes remain in spans: a tiny block must be freed when its "
              "last piece is", ch.n, left);
}

// ---- large objects ----------------------------------------------------------

ML_TEST(large, objects_take_their_pages_from_the_page_heap, 2, 10)
{
    static const size_t sizes[] = { 32769, 100000, 1 << 20, 3 * MIB + 5 };
    fresh(ARENA);
    for (size_t k = 0; k < 4; k++) {
        size_t size = sizes[k], before = inuse();
        unsigned char *p = must_alloc(size, "for a large object");
        size_t got = (inuse() - before) / PAGE;
        cr_assert(got == pages(size),
                  "mm_malloc(%zu) should take exactly %zu pages from the page heap, it took %zu",
                  size, pages(size), got);
        ml_span_t *s = ml_pageheap_span_of(heap, p);
        cr_assert(s && (uintptr_t)p + size <= s->base + s->npages * PAGE,
                  "mm_malloc(%zu) returned %p, which is not inside one span", size, (void *)p);
        cr_assert((uintptr_t)p % 16 == 0, "mm_malloc(%zu) returned %p, not 16-byte aligned",
                  size, (void *)p);
        checker_fill(p, (uint32_t)k, 0, size);
        cr_assert(checker_verify(p, (uint32_t)k, 0, size) == size, "internal: pattern");
    }
}

ML_TEST(large, pages_go_back_when_freed, 4, 10)
{
    static const size_t sizes[] = { 40000, 65536, 100001, 250000, 1 << 20, 2 * MIB + 1,
                                    33000, 500000, 4 * MIB, 70000 };
    void *b[10];
    fresh(ARENA);
    must_alloc(100, "for a small block");   // classes may hold spans; large ones must not
    size_t base = inuse();
    for (int k = 0; k < 10; k++)
        b[k] = must_alloc(sizes[k], "for a large object");
    for (int k = 0; k < 10; k += 2)
        mm_free(b[k]);
    for (int k = 1; k < 10; k += 2)
        mm_free(b[k]);
    cr_assert(inuse() == base,
              "after allocating and freeing 10 large objects the page heap has %zu bytes in "
              "spans, %zu more than before: a large object's pages must go back on free",
              inuse(), inuse() - base);
    void *p = must_alloc(50000, "for a large object");
    p = mm_realloc(p, 300000);
    cr_assert(p, "mm_realloc(p, 300000) of a large object returned NULL");
    mm_free(p);
    cr_assert(inuse() == base, "a large object grown by mm_realloc and freed left %zu bytes "
              "in spans", inuse() - base);
}

ML_TEST(large, impossible_requests_return_null, 2, 10)
{
    fresh(ARENA);
    void *keep = must_alloc(100, "for a small block");
    size_t base = inuse();
    static const size_t huge[] = { SIZE_MAX, SIZE_MAX - 8191, SIZE_MAX / 2 + 1,
                                   (size_t)1 << 40, ARENA + 1, ARENA + PAGE };
    for (int k = 0; k < 6; k++)
        cr_assert(mm_malloc(huge[k]) == NULL,
                  "mm_malloc(%zu) returned a block, but the heap has only %zu MiB", huge[k],
                  ARENA / MIB);
    cr_assert(mm_realloc(keep, SIZE_MAX) == NULL,
              "mm_realloc(p, SIZE_MAX) should return NULL and leave p alone");
    cr_assert(inuse() == base, "failed huge requests left %zu bytes in spans", inuse() - base);
    cr_assert(mm_malloc(100), "mm_malloc(100) failed after the impossible requests");
    mm_free(keep);
}

// ---- realloc, calloc, edge cases --------------------------------------------

ML_TEST(realloc, null_pointer_zero_size_and_free_null, 2, 10)
{
    fresh(ARENA);
    cr_assert(mm_malloc(0) == NULL, "mm_malloc(0) should return NULL");
    mm_free(NULL);
    unsigned char *p = mm_realloc(NULL, 40);
    cr_assert(p, "mm_realloc(NULL, 40) should work like mm_malloc(40)");
    checker_fill(p, 1, 0, 40);
    cr_assert(mm_realloc(p, 0) == NULL, "mm_realloc(p, 0) should free p and return NULL");
    size_t base = inuse();
    void *big = must_alloc(100000, "for a large object");
    cr_assert(mm_realloc(big, 0) == NULL, "mm_realloc(p, 0) should free p and return NULL");
    cr_assert(inuse() == base, "mm_realloc(p, 0) of a large object did not free its pages");
}

static void resize_trace(const char *name, const size_t *sizes, size_t n, const char *what)
{
    synth_t s;
    syn_init(&s, name, 8);
    for (uint32_t id = 0; id < 8; id++) {
        syn_op(&s, ML_OP_ALLOC, id, sizes[0]);
        for (size_t k = 1; k < n; k++)
            syn_op(&s, ML_OP_REALLOC, id, sizes[k] + id);
    }
    for (uint32_t id = 0; id < 8; id++)
        syn_op(&s, ML_OP_FREE, id, 0);
    syn_check(&s, what);
}

ML_TEST(realloc, growing_keeps_the_data, 3, 10)
{
    static const size_t sizes[] = { 3, 7, 12, 20, 40, 100, 1000, 5000, 30000, 40000,
                                    200000, 1 << 20 };
    resize_trace("realloc-grow", sizes, 12, "eight blocks grown from 3 bytes to 1 MiB");
}

ML_TEST(realloc, shrinking_keeps_the_prefix, 2, 10)
{
    static const size_t sizes[] = { 1 << 20, 200000, 40000, 30000, 5000, 1000, 100, 40, 20,
                                    12, 7, 3 };
    resize_trace("realloc-shrink", sizes, 12, "eight blocks shrunk from 1 MiB to 3 bytes");
}

ML_TEST(realloc, stays_in_place_within_its_class, 2, 10)
{
    fresh(ARENA);
    struct { size_t from, to; } cases[] = {
        { 20, 32 }, { 32, 17 }, { 900, 1024 }, { 1024, 897 }, { 3000, 3072 },
        { 40000, 40960 }, { 40960, 32769 },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        void *p = must_alloc(cases[k].from, "from a fresh heap");
        void *q = mm_realloc(p, cases[k].to);
        cr_assert(q == p,
                  "mm_realloc of a %zu-byte block to %zu bytes moved it from %p to %p, but "
                  "%zu bytes still fit its %s", cases[k].from, cases[k].to, p, q, cases[k].to,
                  cases[k].from > ML_MAX_SMALL_SIZE ? "pages" : "size class");
    }
}

ML_TEST(realloc, calloc_zeroes_reused_memory, 2, 10)
{
    static const size_t sizes[] = { 24, 100, 1000, 5000, 40000, 300000 };
    fresh(ARENA);
    for (size_t k = 0; k < 6; k++) {
        size_t size = sizes[k], n = size > 10000 ? 8 : 200;
        void *b[200];
        for (size_t i = 0; i < n; i++) {
            b[i] = must_alloc(size, "while the heap has room");
            memset(b[i], 0xab, size);
        }
        for (size_t i = 0; i < n; i++)
            mm_free(b[i]);
        for (size_t i = 0; i < n; i++) {
            unsigned char *p = mm_calloc(size / 4, 4);
            cr_assert(p, "mm_calloc(%zu, 4) returned NULL", size / 4);
            for (size_t j = 0; j < size / 4 * 4; j++)
                cr_assert(p[j] == 0,
                          "mm_calloc(%zu, 4) returned memory whose byte %zu is 0x%02x, not 0 "
                          "(memory freed earlier must be zeroed again)", size / 4, j, p[j]);
        }
    }
}

ML_TEST(realloc, calloc_overflow_returns_null, 1, 10)
{
    fresh(ARENA);
    cr_assert(mm_calloc(SIZE_MAX / 2 + 1, 2) == NULL, "mm_calloc(SIZE_MAX/2+1, 2) overflows "
              "size_t and must return NULL");
    cr_assert(mm_calloc((size_t)1 << 33, (size_t)1 << 33) == NULL,
              "mm_calloc(2^33, 2^33) overflows size_t and must return NULL");
    unsigned char *p = mm_calloc(3, 5);
    cr_assert(p, "mm_calloc(3, 5) returned NULL");
    for (int i = 0; i < 15; i++)
        cr_assert(p[i] == 0, "mm_calloc(3, 5) byte %d is not 0", i);
}

// ---- the lab's traces -------------------------------------------------------

static void check_trace(const char *name)
{
    const char *dir = traceset_default_dir();
    cr_assert(dir, "internal: cannot find labs/allocator/data/traces");
    char path[4096], err[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    ml_trace_t *t = ml_trace_read(path, err, sizeof err);
    cr_assert(t, "internal: %s", err);
    ml_note("replay it: build/<impl>/bin/allocator -f %s", path);
    checker_result_t r;
    cr_assert(checker_run(t, NULL, &r) == 0, "%s", r.error);
    cr_assert(r.valid, "%s", r.error);
    ml_trace_free(t);
}

#define TRACE_TEST(name, file) \
    ML_TEST(traces, name, 1.25, 30) { check_trace(file); }

TRACE_TEST(alternate, "alternate.rep")
TRACE_TEST(binary_trees, "binary-trees.rep")
TRACE_TEST(fragment, "fragment.rep")
TRACE_TEST(gcbench, "gcbench.rep")
TRACE_TEST(pow2, "pow2.rep")
TRACE_TEST(program_mix, "program-mix.rep")
TRACE_TEST(realloc_growth, "realloc-growth.rep")
TRACE_TEST(realloc_strings, "realloc-strings.rep")
TRACE_TEST(short_lived, "short-lived.rep")
TRACE_TEST(small_objects, "small-objects.rep")
TRACE_TEST(structs, "structs.rep")
TRACE_TEST(uniform, "uniform.rep")

// ---- performance ------------------------------------------------------------

// write_chart — $MEMLAB_DATA/score.csv for plots/allocator-score.gp.
static void write_chart(const traceset_t *ts, const double *util, const double *ratio)
{
    const char *dir = getenv("MEMLAB_DATA");
    if (!dir || !*dir)
        return;
    char path[4096], tmp[4200];
    snprintf(path, sizeof path, "%s/score.csv", dir);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return;
    fprintf(f, "trace,utilization (%%),throughput vs glibc (%%)\n");
    for (size_t i = 0; i < ts->n; i++) {
        char name[256];
        snprintf(name, sizeof name, "%s", checker_trace_name(ts->trace[i]));
        name[strcspn(name, ".")] = '\0';
        fprintf(f, "%s,%.1f,%.1f\n", name, 100 * util[i], 100 * ratio[i]);
    }
    if (fclose(f) == 0)
        rename(tmp, path);
}

ML_SCORED_TEST(perf, utilization_and_throughput_vs_glibc, 20, 120)
{
    traceset_t ts = { 0 };
    char err[512];
    const char *dir = traceset_default_dir();
    cr_assert(dir, "internal: cannot find labs/allocator/data/traces");
    cr_assert(traceset_load_dir(&ts, dir, err, sizeof err) == 0, "internal: %s", err);
    double *util = calloc(ts.n, sizeof *util), *ratio = calloc(ts.n, sizeof *ratio);
    double *valid_ratio = calloc(ts.n, sizeof *valid_ratio);
    size_t nvalid = 0;
    replay_alloc_t *pair[2] = { allocators_mm(), allocators_libc("glibc") };
    for (size_t i = 0; i < ts.n; i++) {
        checker_result_t r;
        const char *name = checker_trace_name(ts.trace[i]);
        if (checker_run(ts.trace[i], NULL, &r) != 0 || !r.valid) {
            ml_note("%s: not correct, scores 0: %s", name, r.error);
            continue;
        }
        double ops[2] = { 0, 0 };
        replay_time(ts.trace[i], pair, 2, 5, ops);
        util[i] = r.utilization;
        ratio[i] = ops[1] > 0 ? ops[0] / ops[1] : 0;
        if (ratio[i] > 0)
            valid_ratio[nvalid++] = ratio[i];
        ml_note("%-22s utilization %5.1f%%  throughput %6.2f Mops/s = %.2fx glibc", name,
                100 * util[i], ops[0] / 1e6, ratio[i]);
    }
    double u = 0;
    for (size_t i = 0; i < ts.n; i++)
        u += util[i];
    u /= (double)ts.n;
    // Throughput over the correct traces, scaled down by the share of
    // traces that are not correct.
    double t = nvalid ? ml_geomean(valid_ratio, nvalid) * (double)nvalid / (double)ts.n : 0;
    write_chart(&ts, util, ratio);
    ml_award(perf_index(u, t),
             "mean utilization %.1f%% (full credit at %.0f%%), throughput %.2fx glibc "
             "(geometric mean, full credit at 1.00x)", 100 * u, 100 * PERF_UTIL_FULL, t);
    free(util);
    free(ratio);
    free(valid_ratio);
    traceset_free(&ts);
}

// mcache.c — the allocator suite's tests of per-thread caches (Go's
// mcache.go): a span per thread, two threads allocating and freeing at once,
// objects freed by a thread other than the one that allocated them.
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/checker.h"
#include "memlab/grade.h"
#include "memlab/pageheap.h"
#include "memlab/rng.h"
#include "memlab/sizeclass.h"
#include "mm.h"
#include "allocator_suite.h"

// ---- a span per thread ------------------------------------------------------

// Threads A and B, meeting at two barriers: A allocates, B allocates while A
// is alive, A allocates again.
typedef struct pair {
    pthread_barrier_t b1, b2;
    void *a1, *a2, *b;
} pair_t;

// own_span_a — thread A: a 48-byte block before B's and one after (a1, a2).
static void *own_span_a(void *arg)
{
    pair_t *p = arg;
    p->a1 = mm_malloc(48);
    pthread_barrier_wait(&p->b1); // B allocates now, while A is alive
    pthread_barrier_wait(&p->b2);
    p->a2 = mm_malloc(48);
    return NULL;
}

// own_span_b — thread B: one 48-byte block (b) while A is alive.
static void *own_span_b(void *arg)
{
    pair_t *p = arg;
    pthread_barrier_wait(&p->b1);
    p->b = mm_malloc(48);
    pthread_barrier_wait(&p->b2);
    return NULL;
}

void suite_mcache_each_thread_allocates_from_its_own_span(void)
{
    suite_fresh(ARENA);
    pair_t p = { 0 };
    pthread_barrier_init(&p.b1, NULL, 2);
    pthread_barrier_init(&p.b2, NULL, 2);
    pthread_t ta, tb;
    pthread_create(&ta, NULL, own_span_a, &p);
    pthread_create(&tb, NULL, own_span_b, &p);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    cr_assert(p.a1 && p.a2 && p.b, "mm_malloc(48) returned NULL in a thread");
    ml_span_t *sa = ml_pageheap_span_of(suite_heap, p.a1);
    ml_span_t *sb = ml_pageheap_span_of(suite_heap, p.b);
    cr_assert(sa && sb, "a block is not inside a span of the page heap");
    cr_assert(sa != sb,
              "thread A allocated a 48-byte block at %p; then thread B, while A was alive, "
              "got %p from the same span: each thread's mcache must hold its own span "
              "(a cache shared by threads without a lock is a race)",
              p.a1, p.b);
    cr_assert(ml_pageheap_span_of(suite_heap, p.a2) == sa,
              "thread A's second 48-byte block (%p) is not in the span its first one came "
              "from (%p), which still has room: the mcache should keep allocating from its "
              "span",
              p.a2, p.a1);
}

// ---- two threads at once ----------------------------------------------------

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
    xblock_t box[2][256]; // box[t]: blocks handed to thread t
    size_t nbox[2];
    char error[512]; // the first problem, under the lock
    atomic_bool failed;
} xshared_t;

typedef struct xthread {
    xshared_t *sh;
    int id;
} xthread_t;

// x_verify — whether block b still holds its pattern. If not, records the
// first problem in sh->error (under the lock), sets sh->failed and returns false.
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
                 "or mcentral is not thread-safe",
                 id, b->size, (void *)b->p, who, bad);
    atomic_store(&sh->failed, true);
    pthread_mutex_unlock(&sh->lock);
    return false;
}

// x_worker — a thread body (arg: an xthread_t): 40000 random steps of
// allocating (1-600 bytes, now and then 33000-100000), verifying and freeing
// its own blocks, handing blocks to the other thread and freeing those it
// was handed; stops at the first problem (sh->failed). Returns NULL.
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
        } else { // hand a block to the other thread
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

void suite_mcache_two_threads_allocate_and_free_at_once(void)
{
    suite_fresh(256 * MIB);
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
    char err[256];
    cr_assert(ml_pageheap_check(suite_heap, err, sizeof err) == 0,
              "after two threads allocated and freed, the page heap is inconsistent: %s", err);
}

// ---- frees from another thread ----------------------------------------------

// Thread A (the owner) allocates, thread B (the freer) frees A's blocks and
// exits, A allocates as many again; the bytes in spans after each round.
typedef struct remote {
    pthread_barrier_t b1;
    pthread_t freer;
    void **blocks;
    size_t n;
    size_t after_first, after_second;
    bool failed;
} remote_t;

// remote_owner — thread A: r->n blocks of 64 bytes, twice, around B's frees.
static void *remote_owner(void *arg)
{
    remote_t *r = arg;
    for (size_t i = 0; i < r->n; i++)
        if (!(r->blocks[i] = mm_malloc(64)))
            r->failed = true;
    r->after_first = suite_inuse();
    pthread_barrier_wait(&r->b1); // the other thread frees them all
    pthread_join(r->freer, NULL); // and exits
    for (size_t i = 0; i < r->n; i++)
        if (!(r->blocks[i] = mm_malloc(64)))
            r->failed = true;
    r->after_second = suite_inuse();
    return NULL;
}

// remote_freer — thread B: frees every block A allocated first, then exits.
static void *remote_freer(void *arg)
{
    remote_t *r = arg;
    pthread_barrier_wait(&r->b1);
    for (size_t i = 0; i < r->n; i++)
        mm_free(r->blocks[i]);
    return NULL;
}

// Part 2: a span a thread took back from the class. Thread B allocates half
// a span of 1024-byte blocks and exits: the span, half used, goes back to
// the class. The test's thread (A) allocates one block, which may take that
// span; thread C frees B's blocks and exits; thread D allocates a span's
// worth and exits, its blocks live; A allocates the rest of a span. A span
// an mcache allocates from is that thread's while it holds it (handout: The
// mcache): C's frees must reach it without handing it to D as well.
#define TAKEN_SIZE 1024

typedef struct taken {
    void **b;     // the blocks
    size_t from;  // the first one taken_alloc allocates
    size_t n;     // how many
    uint32_t tag; // the pattern id of the first (the others follow)
    bool failed;  // an mm_malloc returned NULL
} taken_t;

// A taken_t and the size of its blocks.
typedef struct sized {
    taken_t *t;
    size_t size;
} sized_t;

// taken_alloc_size — a thread body (arg: a sized_t): allocates the blocks
// of its taken_t from index `from` on, `size` bytes each, each filled with
// its pattern. Stops at a NULL (`failed`). Returns NULL.
static void *taken_alloc_size(void *arg)
{
    sized_t *z = arg;
    taken_t *t = z->t;
    for (size_t i = t->from; i < t->n; i++) {
        t->b[i] = mm_malloc(z->size);
        if (!t->b[i]) {
            t->failed = true;
            t->n = i;
            return NULL;
        }
        checker_fill(t->b[i], t->tag + (uint32_t)i, 0, z->size);
    }
    return NULL;
}

// taken_alloc — a thread body (arg: a taken_t): taken_alloc_size with
// TAKEN_SIZE bytes.
static void *taken_alloc(void *arg)
{
    return taken_alloc_size(&(sized_t){ arg, TAKEN_SIZE });
}

// taken_free — a thread body (arg: a taken_t): frees its n blocks.
static void *taken_free(void *arg)
{
    taken_t *t = arg;
    for (size_t i = 0; i < t->n; i++)
        mm_free(t->b[i]);
    return NULL;
}

// taken_steps — the scenario in words, for a message (nobjs: a span's
// objects).
static const char *taken_steps(size_t nobjs)
{
    static char steps[512];
    snprintf(steps, sizeof steps,
             "The scenario, on a fresh %zu MiB heap (a span of this class holds %zu blocks): "
             "thread B allocates %zu blocks of %d bytes and exits; the test's thread allocates "
             "one; thread C frees B's blocks and exits; thread D allocates %zu and exits, its "
             "blocks live; the test's thread allocates %zu more",
             ARENA / MIB, nobjs, nobjs / 2, TAKEN_SIZE, nobjs, nobjs - nobjs / 2 - 1);
    return steps;
}

#define TAKEN_REPLAY                                  \
    "replay: build/<impl>/suites/allocator --filter " \
    "'mcache/frees_from_another_thread_are_reused'"

// taken_check — fails the test when `who`'s mm_malloc returned NULL, or one
// of its blocks lost its pattern.
static void taken_check(const taken_t *t, const char *who, size_t nobjs)
{
    cr_assert(!t->failed,
              "%s mm_malloc(%d) returned NULL (its block %zu). %s. While a span is in a "
              "thread's mcache it is that thread's, however other threads' frees reach it "
              "(handout: The mcache); " TAKEN_REPLAY,
              who, TAKEN_SIZE, t->n, taken_steps(nobjs));
    for (size_t i = 0; i < t->n; i++) {
        size_t bad = checker_verify(t->b[i], t->tag + (uint32_t)i, 0, TAKEN_SIZE);
        cr_assert(
            bad == TAKEN_SIZE,
            "%s block %zu (%p) was overwritten while allocated (byte %zu): two live "
            "blocks overlap. %s. While a span is in a thread's mcache it is that "
            "thread's, however other threads' frees reach it (handout: The mcache); " TAKEN_REPLAY,
            who, i, t->b[i], bad, taken_steps(nobjs));
    }
}

// frees_into_a_taken_span — part 2 (above).
static void frees_into_a_taken_span(void)
{
    suite_fresh(ARENA);
    size_t n = ml_class_nobjs(suite_usable_class(TAKEN_SIZE));
    void **b = calloc(3 * n, sizeof *b);
    cr_assert(b, "internal: out of memory");
    taken_t tb = { b, 0, n / 2, 1, false };
    taken_t ta = { b + n, 0, 1, 1000, false };
    taken_t td = { b + 2 * n, 0, n, 2000, false };
    suite_in_thread(taken_alloc, &tb);
    taken_check(&tb, "thread B's", n);
    taken_alloc(&ta);
    taken_check(&ta, "the test's thread's", n);
    suite_in_thread(taken_free, &tb);
    suite_in_thread(taken_alloc, &td);
    taken_check(&td, "thread D's", n);
    ta.from = 1;
    ta.n = n - n / 2;
    taken_alloc(&ta);
    taken_check(&ta, "the test's thread's", n);
    taken_check(&td, "thread D's", n);
    for (size_t i = 0; i < ta.n; i++)
        mm_free(ta.b[i]);
    for (size_t i = 0; i < td.n; i++)
        mm_free(td.b[i]);
    free(b);
}

// Part 3: a span that served another class. Thread B allocates a span's
// worth of 2048-byte blocks and exits; thread C frees them and exits: a
// span of one page, empty, is left to the allocator. The test's thread then
// allocates a span's worth of 1024-byte blocks (a span of the same length:
// an allocator may cut the empty one again for this class); thread U frees
// the first and exits; the test's thread allocates one block in its place,
// then thread U2 frees all of them and exits; the test's thread allocates
// one block;
// thread V allocates all but one of a span's worth and exits, its blocks
// live; the test's thread allocates as many more. Whichever span each
// thread's mcache allocates from, it is that thread's while it holds it
// (handout: The mcache): no two live blocks may overlap.
#define RECUT_OLD 2048
#define RECUT_NEW 1024

// recut_steps — the scenario of part 3 in words, for a message (nobjs: the
// new class's objects per span).
static const char *recut_steps(size_t nobjs)
{
    static char steps[640];
    snprintf(steps, sizeof steps,
             "The scenario, on a fresh %zu MiB heap: thread B allocates %zu blocks of %d bytes "
             "(one span) and exits; thread C frees them and exits; the test's thread allocates "
             "%zu blocks of %d bytes (a span's worth); thread U frees the first and exits; the "
             "test's thread allocates one; thread U2 frees those %zu and exits; the test's "
             "thread allocates one; thread V allocates %zu and exits, its blocks live; the "
             "test's thread allocates %zu more",
             ARENA / MIB, ml_class_nobjs(suite_usable_class(RECUT_OLD)), RECUT_OLD, nobjs,
             RECUT_NEW, nobjs, nobjs - 1, nobjs - 1);
    return steps;
}

// frees_into_a_recut_span — part 3 (above).
static void frees_into_a_recut_span(void)
{
    suite_fresh(ARENA);
    size_t nold = ml_class_nobjs(suite_usable_class(RECUT_OLD));
    size_t n = ml_class_nobjs(suite_usable_class(RECUT_NEW));
    void **b = calloc(nold + 4 * n, sizeof *b);
    cr_assert(b, "internal: out of memory");
    taken_t old = { .b = b, .n = nold, .tag = 1 };
    // the test's thread's blocks (t), their copies for U and U2 (u), V's (v)
    void **t = b + nold, **u = t + n, **v = u + n;
    suite_in_thread(taken_alloc_size, &(sized_t){ &old, RECUT_OLD });
    suite_in_thread(taken_free, &old);
    for (size_t i = 0; i < n; i++)
        t[i] = suite_must_alloc(RECUT_NEW, recut_steps(n));
    u[0] = t[0];
    suite_in_thread(taken_free, &(taken_t){ .b = u, .n = 1 });
    t[0] = suite_must_alloc(RECUT_NEW, recut_steps(n));
    memcpy(u, t, n * sizeof *u);
    suite_in_thread(taken_free, &(taken_t){ .b = u, .n = n });
    taken_t tt = { .b = t, .n = n, .tag = 3000 };
    t[0] = suite_must_alloc(RECUT_NEW, recut_steps(n));
    checker_fill(t[0], tt.tag, 0, RECUT_NEW);
    taken_t tv = { .b = v, .n = n - 1, .tag = 4000 };
    suite_in_thread(taken_alloc_size, &(sized_t){ &tv, RECUT_NEW });
    cr_assert(!tv.failed,
              "thread V's mm_malloc(%d) returned NULL (its block %zu). %s; " TAKEN_REPLAY,
              RECUT_NEW, tv.n, recut_steps(n));
    for (size_t i = 1; i < n; i++) {
        t[i] = suite_must_alloc(RECUT_NEW, recut_steps(n));
        checker_fill(t[i], tt.tag + (uint32_t)i, 0, RECUT_NEW);
    }
    for (int k = 0; k < 2; k++) {
        const taken_t *w = k ? &tv : &tt;
        for (size_t i = 0; i < w->n; i++) {
            size_t bad = checker_verify(w->b[i], w->tag + (uint32_t)i, 0, RECUT_NEW);
            cr_assert(bad == RECUT_NEW,
                      "%s block %zu (%p) was overwritten while allocated (byte %zu): two live "
                      "blocks overlap. %s. While a span is in a thread's mcache it is that "
                      "thread's, however other threads' frees reach it, whatever class its "
                      "pages served before (handout: The mcache); " TAKEN_REPLAY,
                      k ? "thread V's" : "the test's thread's", i, w->b[i], bad, recut_steps(n));
        }
    }
    for (size_t i = 0; i < n; i++)
        mm_free(t[i]);
    for (size_t i = 0; i < tv.n; i++)
        mm_free(v[i]);
    free(b);
}

void suite_mcache_frees_from_another_thread_are_reused(void)
{
    // One span's worth: the span stays in A's mcache, so B's frees reach a
    // span another thread is allocating from.
    suite_fresh(ARENA);
    remote_t r = { .n = ml_class_nobjs(suite_usable_class(64)) };
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
              "so the frees made by B never became free objects A could reuse",
              r.n, r.after_first, r.after_second);
    frees_into_a_taken_span();
    frees_into_a_recut_span();
    suite_rounds_full_spans_freed_by_another_thread(); // part 4 (rounds.c)
}

// ---- frees from another thread take effect while it lives -------------------

// Thread A allocates many blocks of one class; thread B frees all of them
// and then waits, alive, while A allocates as many again.
#define LIVE_FREER_BYTES (4 * MIB)

typedef struct live_freer {
    pthread_barrier_t freed, done;
    void **blocks;
    size_t n;
} live_freer_t;

static void *live_freer(void *arg)
{
    live_freer_t *r = arg;
    for (size_t i = 0; i < r->n; i++)
        mm_free(r->blocks[i]);
    pthread_barrier_wait(&r->freed); // A allocates again now, while B lives
    pthread_barrier_wait(&r->done);
    return NULL;
}

void suite_mcache_remote_frees_take_effect_while_the_freer_lives(void)
{
    suite_fresh(ARENA);
    live_freer_t r = { .n = LIVE_FREER_BYTES / 64 };
    r.blocks = calloc(r.n, sizeof *r.blocks);
    cr_assert(r.blocks, "internal: out of memory");
    for (size_t i = 0; i < r.n; i++)
        r.blocks[i] = suite_must_alloc(64, "while the heap has room");
    size_t first = suite_inuse();
    pthread_barrier_init(&r.freed, NULL, 2);
    pthread_barrier_init(&r.done, NULL, 2);
    pthread_t b;
    cr_assert(pthread_create(&b, NULL, live_freer, &r) == 0, "internal: pthread_create failed");
    pthread_barrier_wait(&r.freed);
    for (size_t i = 0; i < r.n; i++)
        r.blocks[i] = mm_malloc(64);
    size_t second = suite_inuse();
    pthread_barrier_wait(&r.done);
    pthread_join(b, NULL);
    for (size_t i = 0; i < r.n; i++)
        cr_assert(r.blocks[i], "mm_malloc(64) returned NULL");
    size_t limit = first + HOLD_ALLOWANCE + SPARE_ALLOWANCE + 4 * PAGE;
    cr_assert(second <= limit,
              "thread A allocated %zu blocks of 64 bytes (%zu KiB in spans); thread B freed "
              "them all and stayed alive while A allocated as many again: %zu KiB are now in "
              "spans, more than %zu KiB over the first figure. A thread may keep some of the "
              "objects it freed for a while, but not all of them until it exits (handout: "
              "The mcache, when a free from another thread takes effect)",
              r.n, first / 1024, second / 1024,
              (size_t)(HOLD_ALLOWANCE + SPARE_ALLOWANCE + 4 * PAGE) / 1024);
    for (size_t i = 0; i < r.n; i++)
        mm_free(r.blocks[i]);
    free(r.blocks);
    suite_mcache_remote_frees_of_large_classes(); // holdback.c
    suite_mcache_remote_frees_in_a_full_heap();   // holdfull.c
}

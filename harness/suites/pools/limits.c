// limits.c — the pools at their edges: a page heap with no span left (every
// pool refuses cleanly and stays usable: fixpool, arena, spool; task 1, 2
// and 5), and two gets waiting on an empty bpool when two puts arrive back
// to back (task 4: every waiter is woken, none sleeps beside an object).
//
// The full heap is made by taking every page of the test's own heap with
// ml_pageheap_alloc_span; giving one span back makes room again.
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "memlab/clock.h"
#include "memlab/grade.h"
#include "pools_suite.h"

// ---- a full page heap ---------------------------------------------------------

#define FILL_MAX 4096

typedef struct filler {
    ml_span_t *s[FILL_MAX];
    size_t n;
} filler_t;

// fill — take every page left in h, one page at a time.
static void fill(ml_pageheap_t *h, filler_t *f)
{
    f->n = 0;
    ml_span_t *s;
    while (f->n < FILL_MAX && (s = ml_pageheap_alloc_span(h, 1)))
        f->s[f->n++] = s;
    cr_assert(f->n < FILL_MAX, "internal: the test heap is larger than the filler");
}

// unfill — give back every page fill took.
static void unfill(ml_pageheap_t *h, filler_t *f)
{
    while (f->n)
        ml_pageheap_free_span(h, f->s[--f->n]);
}

#define FULL_REPLAY SUITE_REPLAY("limits/heap_exhausted_pools_stay_usable")

typedef struct drops {
    int made, freed;
} drops_t;

static void *make_one(void *arg)
{
    ((drops_t *)arg)->made++;
    return malloc(16);
}

static void drop_one(void *obj, void *arg)
{
    ((drops_t *)arg)->freed++;
    free(obj);
}

void suite_limits_heap_exhausted(void)
{
    static filler_t f;
    ml_pageheap_t *h = suite_heap(4);

    // fixpool: the span is full and the heap has none to give.
    fixpool_t fp;
    cr_assert(fixpool_init(&fp, h, 4096, false) == 0, "fixpool_init failed");
    void *first = fixpool_get(&fp);
    cr_assert(first, "fixpool_get on a heap with room returned NULL");
    fill(h, &f);
    size_t got = 1;
    while (got < 64 && fixpool_get(&fp))
        got++;
    cr_assert(got < 64, "fixpool_get kept returning objects from a full heap");
    cr_assert(fixpool_get(&fp) == NULL,
              "scenario: full heap; step: fixpool_get again after it returned NULL; a pool "
              "whose span is used up and whose heap has no span must keep returning NULL "
              "(" SUITE_SEE("task 1") "); %s",
              FULL_REPLAY);
    fixpool_put(&fp, first);
    cr_assert(fixpool_get(&fp) == first,
              "scenario: full heap; step: put one object back after fixpool_get returned NULL, "
              "then get: the put object (%p) must come back — a NULL from the heap leaves "
              "the pool as it was " SUITE_SEE("task 1") "; %s",
              first, FULL_REPLAY);

    // arena: the current chunk still serves what fits in it.
    arena_t a;
    cr_assert(arena_init(&a, h, 64u << 10) == 0, "arena_init failed");
    unfill(h, &f);
    char *p = arena_alloc(&a, 64, 8);
    cr_assert(p, "arena_alloc(64) on a heap with room returned NULL");
    char *r = NULL;
    for (int i = 0; i < 3; i++)
        r = arena_alloc(&a, 16u << 10, 8);
    cr_assert(r == p + 64 + (32u << 10),
              "three 16 KiB requests after 64 bytes of a fresh 64 KiB chunk were not bumped "
              "in that chunk " SUITE_SEE("task 2"));
    fill(h, &f);
    cr_assert(arena_alloc(&a, 16u << 10, 8) == NULL,
              "arena_alloc of 16 KiB with less than that left in the current chunk, on a "
              "full heap, returned memory " SUITE_SEE("task 2"));
    cr_assert(arena_alloc(&a, 20u << 10, 8) == NULL,
              "arena_alloc of a large 20 KiB request on a full heap returned memory");
    char *q = arena_alloc(&a, 64, 8);
    cr_assert(q == r + (16u << 10),
              "scenario: full heap; step: arena_alloc(64) after two requests were refused; "
              "got %p, want %p (the next bytes of the current chunk): a refused request must "
              "leave the arena as it was " SUITE_SEE("task 2") "; %s",
              (void *)q, (void *)(r + (16u << 10)), FULL_REPLAY);

    // spool: init refused; a put that cannot grow the shared list drops.
    unfill(h, &f);
    drops_t d = { 0 };
    spool_t sp;
    cr_assert(spool_init(&sp, h, make_one, drop_one, &d) == 0, "spool_init failed");
    fill(h, &f);
    spool_t other;
    cr_assert(spool_init(&other, h, NULL, NULL, NULL) == -1,
              "spool_init on a full heap returned success: it has no page for its locals");
    pool_gc();                  // a refused pool is not registered: pool_gc must not reach it
    spool_put(&sp, malloc(16)); // the private slot: no page needed
    spool_put(&sp, malloc(16)); // the shared list cannot grow
    spool_put(&sp, malloc(16));
    size_t held = spool_count(&sp, NULL);
    cr_assert(held + (size_t)d.freed == 3,
              "scenario: full heap; step: three spool_put calls, the last two with no page for "
              "the shared list; the pool holds %zu and dropped %d through free_fn, want 3 in "
              "all: an object the pool cannot keep is dropped at once, never forgotten "
              "" SUITE_SEE("task 5") "; %s",
              held, d.freed, FULL_REPLAY);
    unfill(h, &f);
    for (int i = 0; i < 100; i++)
        spool_put(&sp, malloc(16));
    cr_assert(spool_count(&sp, NULL) == held + 100,
              "after the heap had room again, 100 puts left the pool holding %zu, want %zu",
              spool_count(&sp, NULL), held + 100);
    spool_destroy(&sp);
    cr_assert(d.freed == 103 && d.made == 0,
              "spool_destroy: %d objects dropped in all, want 103 (3 put on the full heap, "
              "100 after)",
              d.freed);
    arena_destroy(&a);
    fixpool_destroy(&fp);
    suite_heap_empty(h, "fixpool, arena and spool destroyed after the heap ran full");
    ml_pageheap_destroy(h);
}

// ---- every waiter woken -------------------------------------------------------

#define WAIT_ROUNDS 30
#define WAIT_NS (2000ull * 1000000ull)

typedef struct waiter {
    bpool_t *b;
    void *got;
    double ms;
    pthread_barrier_t *go;
} waiter_t;

static void *wait_get(void *arg)
{
    waiter_t *w = arg;
    pthread_barrier_wait(w->go);
    uint64_t t0 = ml_now_ns();
    w->got = bpool_get(w->b, (long long)WAIT_NS);
    w->ms = (double)(ml_now_ns() - t0) / 1e6;
    return NULL;
}

void suite_bpool_every_waiter_woken(void)
{
    ml_pageheap_t *h = suite_heap(16);
    bpool_t b;
    cr_assert(bpool_init(&b, h, 8) == 0, "bpool_init failed");
    int x[2];
    pthread_barrier_t go;
    pthread_barrier_init(&go, NULL, 3);
    for (int round = 0; round < WAIT_ROUNDS; round++) {
        waiter_t w[2] = { { &b, NULL, 0, &go }, { &b, NULL, 0, &go } };
        pthread_t t[2];
        for (int i = 0; i < 2; i++)
            cr_assert(pthread_create(&t[i], NULL, wait_get, &w[i]) == 0,
                      "internal: pthread_create");
        pthread_barrier_wait(&go);
        usleep(5000); // both gets are waiting on the empty pool by now
        bpool_put(&b, &x[0]);
        bpool_put(&b, &x[1]); // back to back
        for (int i = 0; i < 2; i++)
            pthread_join(t[i], NULL);
        for (int i = 0; i < 2; i++)
            cr_assert(w[i].got != NULL && w[i].ms < 1000,
                      "scenario: two bpool_get(2 s) waiting on an empty pool, then two puts "
                      "back to back; round %d: get %d returned %p after %.0f ms — each of the "
                      "two objects must reach a waiting get at once, but one waited while an "
                      "object sat in the pool " SUITE_SEE("task 4") "; "
                                                                    "%s",
                      round + 1, i + 1, w[i].got, w[i].ms,
                      SUITE_REPLAY("bpool/every_waiter_woken"));
        cr_assert(w[0].got != w[1].got, "round %d: both gets returned the same object", round + 1);
    }
    pthread_barrier_destroy(&go);
    bpool_destroy(&b, NULL, NULL);
    suite_heap_empty(h, "bpool_destroy");
    ml_pageheap_destroy(h);
}

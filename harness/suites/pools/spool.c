// spool.c — the sync.Pool analogue (task 5, sync/pool.go): the order of
// get (private, own shared, steal, victim, new), stealing from another
// thread, the victim cache across two pool_gc calls, and pages and objects
// returned by destroy. Its two-thread stress test is in stress.c.
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/grade.h"
#include "pools_suite.h"

// Objects made by new_fn are numbered; free_fn records what was dropped.
typedef struct counts {
    int made, freed;
    int freed_ids[64];
} counts_t;

typedef struct obj {
    int id;
} obj_t;

static void *make(void *arg)
{
    counts_t *c = arg;
    obj_t *o = malloc(sizeof *o);
    o->id = 1000 + c->made++;
    return o;
}

static void drop(void *p, void *arg)
{
    counts_t *c = arg;
    if (c->freed < 64)
        c->freed_ids[c->freed] = ((obj_t *)p)->id;
    c->freed++;
    free(p);
}

static obj_t *fresh(int id)
{
    obj_t *o = malloc(sizeof *o);
    o->id = id;
    return o;
}

static bool was_freed(const counts_t *c, int id)
{
    for (int i = 0; i < c->freed && i < 64; i++)
        if (c->freed_ids[i] == id)
            return true;
    return false;
}

#define GET_ID(p) (((obj_t *)spool_get(p))->id)

void suite_spool_private_then_shared(void)
{
    ml_pageheap_t *h = suite_heap(64);
    counts_t c = { 0 };
    spool_t p;
    cr_assert(spool_init(&p, h, make, drop, &c) == 0, "spool_init failed");
    obj_t *n = spool_get(&p);
    cr_assert(n && c.made == 1,
              "get from an empty pool must call new_fn once (it was called %d "
              "times)",
              c.made);
    spool_put(&p, n);
    cr_assert(spool_get(&p) == n, "put x, get: must return x (the private slot)");
    cr_assert(c.made == 1, "get after a put called new_fn: the put object must be reused");
    spool_put(&p, n);
    spool_put(&p, fresh(1));
    spool_put(&p, fresh(2));
    spool_put(&p, fresh(3));
    size_t v = 99;
    cr_assert(spool_count(&p, &v) == 4 && v == 0,
              "spool_count after four puts is %zu (victim "
              "%zu), want 4 (victim 0)",
              spool_count(&p, &v), v);
    int got[4];
    for (int i = 0; i < 4; i++)
        got[i] = GET_ID(&p);
    cr_assert(got[0] == n->id && got[1] == 3 && got[2] == 2 && got[3] == 1,
              "put x, 1, 2, 3 then four gets returned ids %d, %d, %d, %d; want x (%d, the "
              "private slot), then the shared list newest first: 3, 2, 1 " SUITE_SEE(
                  "task 5, the order of get") "; " SUITE_REPLAY("spool/private_then_shared"),
              got[0], got[1], got[2], got[3], n->id);
    cr_assert(c.made == 1, "new_fn was called %d times while the pool held objects", c.made);
    obj_t *m = spool_get(&p);
    cr_assert(c.made == 2 && m && m->id == 1001, "get from an emptied pool must call new_fn");
    free(m);
    spool_t q;
    cr_assert(spool_init(&q, h, NULL, NULL, NULL) == 0, "spool_init without callbacks failed");
    cr_assert(spool_get(&q) == NULL, "get from an empty pool without new_fn must return NULL");
    spool_destroy(&q);
    spool_destroy(&p);
    free(n);
    suite_heap_empty(h, "spool_destroy");
    ml_pageheap_destroy(h);
}

typedef struct owner {
    spool_t *p;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int phase;
    int private_id;
    int grow_bad_step; // after the ring grew: the first get that was wrong (0: none)
    int grow_bad_id;   // and the id it returned (-1: none)
} owner_t;

static void wait_phase(owner_t *o, int phase)
{
    pthread_mutex_lock(&o->mu);
    while (o->phase < phase)
        pthread_cond_wait(&o->cv, &o->mu);
    pthread_mutex_unlock(&o->mu);
}

static void set_phase(owner_t *o, int phase)
{
    pthread_mutex_lock(&o->mu);
    o->phase = phase;
    pthread_cond_broadcast(&o->cv);
    pthread_mutex_unlock(&o->mu);
}

// The other thread: puts ids 1..10 (1 in its private slot, 2..10 shared),
// lets the main thread steal, then gets its private object back.
static void *other_thread(void *arg)
{
    owner_t *o = arg;
    for (int i = 1; i <= 10; i++)
        spool_put(o->p, fresh(i));
    set_phase(o, 1);
    wait_phase(o, 2);
    obj_t *x = spool_get(o->p);
    o->private_id = x ? x->id : -1;
    free(x);
    set_phase(o, 3);
    // Then 101..110 (101 private), the main thread steals 102..104 from the
    // tail, and this thread puts GROW more, past the first ring's 1024
    // slots, and gets everything back: private, then newest first.
    wait_phase(o, 4);
    for (int i = 101; i <= 110; i++)
        spool_put(o->p, fresh(i));
    set_phase(o, 5);
    wait_phase(o, 6);
    enum { GROW = 1100 };
    for (int i = 111; i < 111 + GROW; i++)
        spool_put(o->p, fresh(i));
    int want = 101, step = 0;
    for (;;) {
        obj_t *y = spool_get(o->p);
        step++;
        int id = y ? y->id : -1;
        free(y);
        if (id != want && !o->grow_bad_step) {
            o->grow_bad_step = step;
            o->grow_bad_id = id;
        }
        if (want == 105 || o->grow_bad_step)
            break;
        want = want == 101 ? 110 + GROW : want == 111 ? 110 : want - 1;
    }
    set_phase(o, 7);
    return NULL;
}

void suite_spool_steals_from_other_threads(void)
{
    ml_pageheap_t *h = suite_heap(64);
    counts_t c = { 0 };
    spool_t p;
    cr_assert(spool_init(&p, h, make, drop, &c) == 0, "spool_init failed");
    owner_t o = { .p = &p, .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };
    pthread_t t;
    cr_assert(pthread_create(&t, NULL, other_thread, &o) == 0, "internal: pthread_create");
    wait_phase(&o, 1);
    for (int i = 2; i <= 10; i++) {
        obj_t *x = spool_get(&p);
        cr_assert(x && x->id == i,
                  "another thread put ids 1..10 (1 stays in its private slot); steal %d from "
                  "this thread returned id %d, want %d: a thief takes the other thread's shared "
                  "list oldest first, and never its private slot " SUITE_SEE(
                      "task 5, stealing") "; " SUITE_REPLAY("spool/steals_from_other_threads"),
                  i - 1, x ? x->id : -1, i);
        cr_assert(c.made == 0, "get called new_fn while another thread's shared list held objects");
        free(x);
    }
    obj_t *y = spool_get(&p);
    cr_assert(y && y->id == 1000,
              "with only another thread's private object left, get must call "
              "new_fn (got id %d)",
              y ? y->id : -1);
    free(y);
    set_phase(&o, 2);
    wait_phase(&o, 3);
    cr_assert(o.private_id == 1, "the other thread's get returned id %d, not its private object 1",
              o.private_id);
    // The other side of the ring: it grows after a thief has taken from its
    // tail, so the oldest object left is no longer at the ring's start.
    set_phase(&o, 4);
    wait_phase(&o, 5);
    for (int i = 102; i <= 104; i++) {
        obj_t *x = spool_get(&p);
        cr_assert(x && x->id == i,
                  "second round: another thread put ids 101..110; steal %d returned id %d, want "
                  "%d " SUITE_SEE("task 5, stealing") "; " SUITE_REPLAY(
                      "spool/steals_from_other_threads"),
                  i - 101, x ? x->id : -1, i);
        free(x);
    }
    set_phase(&o, 6);
    wait_phase(&o, 7);
    pthread_join(t, NULL);
    cr_assert(o.grow_bad_step == 0,
              "another thread put ids 101..110, this thread stole 102..104 from the tail, then "
              "the other thread put ids 111..1210, so its shared ring grew, and got everything "
              "back: its get number %d returned id %d (want its private 101, then 1210 down to "
              "105). After a steal the oldest object is not at the ring's first slot: moving the "
              "objects to a larger ring must keep them in order " SUITE_SEE(
                  "task 5, stealing") "; " SUITE_REPLAY("spool/steals_from_other_threads"),
              o.grow_bad_step, o.grow_bad_id);
    spool_destroy(&p);
    suite_heap_empty(h, "spool_destroy");
    ml_pageheap_destroy(h);
}

void suite_spool_victim_survives_one_gc(void)
{
    ml_pageheap_t *h = suite_heap(64);
    counts_t c = { 0 };
    spool_t p;
    cr_assert(spool_init(&p, h, make, drop, &c) == 0, "spool_init failed");
    spool_put(&p, fresh(1));
    spool_put(&p, fresh(2));
    spool_put(&p, fresh(3));
    pool_gc();
    size_t v = 0;
    size_t n = spool_count(&p, &v);
    cr_assert(n == 3 && v == 3,
              "after three puts and one pool_gc the pool holds %zu objects, %zu "
              "in the victim; want all 3, in the victim " SUITE_SEE("task 5, the victim cache"),
              n, v);
    cr_assert(c.freed == 0,
              "the first pool_gc dropped %d object(s): an object survives one "
              "collection (in the victim cache)",
              c.freed);
    obj_t *x = spool_get(&p);
    cr_assert(x && x->id == 1 && c.made == 0,
              "get after one pool_gc returned id %d (new_fn called %d times): it must come from "
              "the victim, private slot first (id 1)",
              x ? x->id : -1, c.made);
    pool_gc();
    cr_assert(c.freed == 2 && was_freed(&c, 2) && was_freed(&c, 3),
              "put 1, 2, 3; pool_gc; get (1); pool_gc: the second collection must drop exactly "
              "the two objects still in the victim (2 and 3) through free_fn, but %d were "
              "dropped " SUITE_SEE("task 5, the victim cache") "; " SUITE_REPLAY(
                  "spool/victim_survives_one_gc"),
              c.freed);
    n = spool_count(&p, &v);
    cr_assert(n == 0, "after the second pool_gc the pool still holds %zu objects", n);
    obj_t *y = spool_get(&p);
    cr_assert(y && c.made == 1, "get after the second pool_gc must call new_fn: the dropped "
                                "objects are gone");
    // The same with the object that survived: put, two collections, gone.
    spool_put(&p, x);
    pool_gc();
    pool_gc();
    cr_assert(c.freed == 3 && was_freed(&c, 1),
              "an object put, then two pool_gc calls: it must be "
              "dropped by the second (dropped %d objects in all, want 3)",
              c.freed);
    pool_gc();
    cr_assert(c.freed == 3, "a third pool_gc on an empty pool dropped something");
    free(y);
    spool_destroy(&p);
    suite_heap_empty(h, "spool_destroy");
    ml_pageheap_destroy(h);
}

void suite_spool_victim_order_and_drops(void)
{
    ml_pageheap_t *h = suite_heap(64);
    counts_t c = { 0 };
    spool_t p, q;
    counts_t cq = { 0 };
    cr_assert(spool_init(&p, h, make, drop, &c) == 0 && spool_init(&q, h, make, drop, &cq) == 0,
              "spool_init failed");
    // Primary before victim.
    spool_put(&p, fresh(1));
    spool_put(&p, fresh(2));
    pool_gc();
    spool_put(&p, fresh(3));
    int a = GET_ID(&p), b = GET_ID(&p), d = GET_ID(&p);
    cr_assert(a == 3 && b == 1 && d == 2,
              "put 1, 2; pool_gc; put 3; three gets returned %d, %d, %d; want 3 (the primary "
              "first), then the victim: 1 (its private slot), 2 " SUITE_SEE("task 5"),
              a, b, d);
    // pool_gc reaches every live pool.
    spool_put(&q, fresh(7));
    pool_gc();
    pool_gc();
    cr_assert(cq.freed == 1, "two pool_gc calls did not drop the object of a second pool: "
                             "pool_gc works on every live pool");
    // A destroyed pool is no longer reached by pool_gc.
    spool_destroy(&q);
    memset(&q, 0xee, sizeof q);
    pool_gc();
    // Many objects in the shared list survive one gc, all dropped by the next.
    for (int i = 0; i < 40; i++)
        spool_put(&p, fresh(100 + i));
    pool_gc();
    size_t v;
    cr_assert(spool_count(&p, &v) == 40 && v == 40,
              "40 puts then pool_gc: %zu held, %zu in the "
              "victim",
              spool_count(&p, &v), v);
    int before = c.freed;
    pool_gc();
    cr_assert(c.freed - before == 40, "the second pool_gc dropped %d of 40 objects",
              c.freed - before);
    spool_destroy(&p);
    suite_heap_empty(h, "spool_destroy");
    ml_pageheap_destroy(h);
}

static void *churn_thread(void *arg)
{
    spool_t *p = arg;
    void *held[16];
    for (int round = 0; round < 2000; round++) {
        int k = 1 + round % 16;
        for (int i = 0; i < k; i++)
            held[i] = spool_get(p);
        for (int i = 0; i < k; i++)
            spool_put(p, held[i]);
    }
    return NULL;
}

// by_base — orders spans by address.
static int by_base(const void *a, const void *b)
{
    uintptr_t x = (*(ml_span_t *const *)a)->base, y = (*(ml_span_t *const *)b)->base;
    return x < y ? -1 : x > y;
}

// check_pattern — every byte of the pages others[0..n) (NULL: skipped) is
// still 0x5c after `what`.
static void check_pattern(ml_span_t *const *others, size_t n, const char *what, const char *rule)
{
    for (size_t k = 0; k < n; k++) {
        if (!others[k])
            continue;
        const unsigned char *b = (const unsigned char *)others[k]->base;
        for (size_t i = 0; i < ML_PAGE_SIZE; i++)
            cr_assert(b[i] == 0x5c,
                      "%s changed byte %zu of page %p, which the pool's heap %s " SUITE_SEE(
                          "task 5") "; " SUITE_REPLAY("spool/returns_everything"),
                      what, i, (void *)b, rule);
    }
}

void suite_spool_returns_everything(void)
{
    ml_pageheap_t *h = suite_heap(64);
    for (int round = 0; round < 10; round++) {
        counts_t c = { 0 };
        spool_t p;
        long blocks = ml_heap_blocks(); // the objects the test makes are freed by drop
        cr_assert(spool_init(&p, h, make, drop, &c) == 0, "spool_init failed");
        cr_assert(suite_spans(h) > 0, "spool_init took no page for its locals");
        pthread_t t;
        cr_assert(pthread_create(&t, NULL, churn_thread, &p) == 0, "internal: pthread_create");
        pthread_join(t, NULL);
        churn_thread(&p);
        if (round % 2)
            pool_gc();
        for (int i = 0; i < 2000; i++)
            spool_put(&p, fresh(i)); // forces the shared lists to grow
        spool_destroy(&p);
        suite_heap_empty(h, "spool_destroy after two threads used the pool (10 rounds)");
        cr_assert(c.freed == c.made + 2000,
                  "spool_destroy: %d objects were made by new_fn and 2000 put by the test, but "
                  "%d were dropped — destroy must drop every object the pool holds",
                  c.made, c.freed);
        suite_blocks_back(blocks, "spool_destroy after two threads used the pool (10 rounds)");
    }
    ml_pageheap_destroy(h);
    // init and destroy write nothing outside the pool's own pages: every page
    // of a small heap is taken and filled with a pattern, then pages from the
    // middle are given back one at a time until spool_init accepts the run of
    // free pages, so that the pool's pages have someone else's on each side.
    h = suite_heap(4);
    ml_span_t *others[4096];
    size_t nothers = 0;
    for (ml_span_t *s; nothers < 4096 && (s = ml_pageheap_alloc_span(h, 1)) != NULL;) {
        memset((void *)s->base, 0x5c, ML_PAGE_SIZE);
        others[nothers++] = s;
    }
    qsort(others, nothers, sizeof others[0], by_base);
    size_t mid = nothers / 2, freed = 0;
    uintptr_t run = others[mid]->base;
    spool_t p;
    int r = -1;
    while (r != 0 && mid + freed + 1 < nothers) {
        cr_assert(others[mid + freed]->base == run + freed * ML_PAGE_SIZE,
                  "internal: the heap's pages are not contiguous");
        ml_pageheap_free_span(h, others[mid + freed]);
        others[mid + freed] = NULL;
        freed++;
        r = spool_init(&p, h, NULL, NULL, NULL);
    }
    cr_assert(r == 0, "spool_init failed with %zu free pages in its heap", freed);
    check_pattern(others, nothers, "spool_init",
                  "gave to someone else before spool_init — init must touch only the pool's own "
                  "memory");
    spool_destroy(&p);
    check_pattern(others, nothers, "spool_destroy of an unused pool",
                  "gave to someone else before spool_init — destroy must touch only the pool's "
                  "own memory");
    for (size_t k = 0; k < nothers; k++)
        if (others[k])
            ml_pageheap_free_span(h, others[k]);
    ml_pageheap_destroy(h);
}

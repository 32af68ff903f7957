// stress.c — the two-thread stress tests of the thread-safe pools (bpool,
// task 4; spool, task 5): tight get/put races on one pool, the contended
// path hot. Every object handed out is claimed with an atomic exchange of
// its owner field and stamped; a second owner at once, or a stamp changed
// under its owner, fails the test. At the end the pool is drained and every
// object must come back exactly once (none lost, none twice): the checksum
// of the ids drained must be that of the ids made.
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/clock.h"
#include "memlab/grade.h"
#include "pools_suite.h"

typedef struct sobj {
    atomic_int owner; // 0 free, else the thread holding it
    uint32_t id;
    volatile uint64_t stamp;
} sobj_t;

#define MAXOBJ 4096

static sobj_t *objs[MAXOBJ];
static atomic_int nobjs;
static atomic_bool no_more; // new_fn makes nothing (draining)
static atomic_int conflicts;
static char conflict_msg[256];

static void conflict(const char *fmt, uint32_t id, int a, int b)
{
    if (atomic_fetch_add(&conflicts, 1) == 0)
        snprintf(conflict_msg, sizeof conflict_msg, fmt, id, a, b);
}

// claim / release — thread `me` takes and gives up o. claim writes a stamp
// and checks, a little later, that nobody else wrote one.
static int hold_spins = 8; // how long an owner holds an object (see suite_stress_bpool)

static void claim(sobj_t *o, int me, uint64_t stamp)
{
    int prev = atomic_exchange(&o->owner, me);
    if (prev != 0)
        conflict("object %u was handed to thread %d while thread %d still held it", o->id, me,
                 prev);
    o->stamp = stamp;
    for (int spin = 0; spin < hold_spins; spin++)
        __asm__ volatile("" ::: "memory");
    if (o->stamp != stamp)
        conflict("object %u: thread %d's stamp was overwritten while it held the object "
                 "(thread %d)",
                 o->id, me, me);
}

static void release(sobj_t *o, int me)
{
    int prev = atomic_exchange(&o->owner, 0);
    if (prev != me)
        conflict("object %u: thread %d gave it back but thread %d had claimed it meanwhile", o->id,
                 me, prev);
}

static void *make_obj(void *arg)
{
    (void)arg;
    if (atomic_load(&no_more))
        return NULL;
    int n = atomic_fetch_add(&nobjs, 1);
    if (n >= MAXOBJ) {
        atomic_fetch_sub(&nobjs, 1);
        return NULL;
    }
    sobj_t *o = calloc(1, sizeof *o);
    o->id = (uint32_t)n;
    objs[n] = o;
    return o;
}

static void reset_objects(void)
{
    atomic_store(&nobjs, 0);
    atomic_store(&no_more, false);
    atomic_store(&conflicts, 0);
    conflict_msg[0] = '\0';
}

// check_drained — the ids drained (n of them) are exactly 0..made-1, once each.
static void check_drained(const uint32_t *ids, size_t n, size_t made, const char *pool,
                          const char *replay)
{
    cr_assert(atomic_load(&conflicts) == 0,
              "%s, two threads in tight get/put races: %s "
              "(%d conflicts in all) — an object was handed to two owners at once "
              "(handout: labs/pools/README.md, thread safety); %s",
              pool, conflict_msg, atomic_load(&conflicts), replay);
    unsigned char *seen = calloc(made ? made : 1, 1);
    uint64_t sum = 0, want = 0;
    for (size_t i = 0; i < n; i++) {
        cr_assert(ids[i] < made, "%s: drained an object id %u that was never made", pool, ids[i]);
        cr_assert(!seen[ids[i]],
                  "%s: after the race, draining the pool returned object %u twice: "
                  "it was in the pool twice (a lost update of its list); %s",
                  pool, ids[i], replay);
        seen[ids[i]] = 1;
        sum += ids[i];
    }
    for (size_t i = 0; i < made; i++)
        want += i;
    cr_assert(n == made && sum == want,
              "%s: %zu objects went into the race, %zu came out when the pool was drained "
              "(checksum of ids %llu, want %llu) — the pool lost objects under concurrent "
              "get and put; %s",
              pool, made, n, (unsigned long long)sum, (unsigned long long)want, replay);
    free(seen);
}

// ---- bpool ------------------------------------------------------------------

#define BP_OBJS 48
#define BP_ITERS 5000 // iterations each thread makes while the other makes progress
#define BP_MAX_NS (20ull * 1000000000ull)

static bpool_t *bp;
static atomic_int bp_dropped, bp_done;
static struct {
    _Alignas(64) atomic_ulong n; // iterations made, for the other thread to watch
} bp_progress[2];
static pthread_barrier_t bp_start;
static uint64_t bp_iters[2], bp_together[2];

// bp_worker — gets and puts in a tight loop. Only iterations during which
// the other thread made progress too count towards BP_ITERS: on a loaded
// machine one thread may run alone for a while, racing no one. A thread
// that has made its count keeps racing until the other has made its own,
// or BP_MAX_NS pass.
static void *bp_worker(void *arg)
{
    int me = (int)(intptr_t)arg, other = 2 - me; // me is 1 or 2
    sobj_t *held[2];
    pthread_barrier_wait(&bp_start);
    uint64_t t0 = ml_now_ns(), together = 0;
    bool done = false;
    for (uint64_t i = 0;; i++) {
        unsigned long seen = atomic_load_explicit(&bp_progress[other].n, memory_order_relaxed);
        int k = 1 + (int)(i & 1);
        int got = 0;
        for (int j = 0; j < k; j++) {
            sobj_t *o = bpool_get(bp, 0);
            if (!o)
                break;
            claim(o, me, ((uint64_t)me << 40) | i);
            held[got++] = o;
        }
        // bpool_len is safe for any number of threads too: called while the
        // other thread gets and puts, it reads a count of 0..BP_OBJS and
        // must not disturb the other thread's get or put.
        size_t len = bpool_len(bp);
        if (len > BP_OBJS)
            conflict("bpool_len returned %u during the race, more than the %d objects that exist "
                     "(thread %d)",
                     (uint32_t)len, BP_OBJS, me);
        for (int j = 0; j < got; j++) {
            release(held[j], me);
            if (!bpool_put(bp, held[j]))
                atomic_fetch_add(&bp_dropped, 1);
        }
        atomic_store_explicit(&bp_progress[me - 1].n, i + 1, memory_order_relaxed);
        if (atomic_load_explicit(&bp_progress[other].n, memory_order_relaxed) != seen)
            together++;
        if (!done && together >= BP_ITERS) {
            done = true;
            atomic_fetch_add(&bp_done, 1);
        }
        if ((i & 1023) == 0 && (atomic_load(&bp_done) == 2 || ml_now_ns() - t0 > BP_MAX_NS)) {
            bp_iters[me - 1] = i + 1;
            bp_together[me - 1] = together;
            break;
        }
    }
    return NULL;
}

void suite_stress_bpool(void)
{
    ml_pageheap_t *h = suite_heap(16);
    bpool_t b;
    bp = &b;
    reset_objects();
    cr_assert(bpool_init(&b, h, BP_OBJS) == 0, "bpool_init failed");
    for (int i = 0; i < BP_OBJS; i++)
        cr_assert(bpool_put(&b, make_obj(NULL)),
                  "put %d into an empty pool of capacity %d was "
                  "dropped",
                  i, BP_OBJS);
    // Each thread holds what it got for a while (outside the pool's lock),
    // so that the two threads rarely wait on the lock at the same time: a
    // thread asleep on a contended lock lets the other run alone, and the
    // two would take turns instead of racing.
    hold_spins = 200;
    atomic_store(&bp_done, 0);
    atomic_store(&bp_progress[0].n, 0);
    atomic_store(&bp_progress[1].n, 0);
    pthread_barrier_init(&bp_start, NULL, 2);
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        cr_assert(pthread_create(&t[i], NULL, bp_worker, (void *)(intptr_t)(i + 1)) == 0,
                  "internal: pthread_create");
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    ml_note("bpool race: %llu and %llu iterations, %llu and %llu while the other thread made "
            "progress",
            (unsigned long long)bp_iters[0], (unsigned long long)bp_iters[1],
            (unsigned long long)bp_together[0], (unsigned long long)bp_together[1]);
    cr_assert(atomic_load(&bp_dropped) == 0,
              "bpool: %d puts were dropped although only %d objects exist for %d slots: the pool "
              "counted itself full when it was not",
              atomic_load(&bp_dropped), BP_OBJS, BP_OBJS);
    uint32_t ids[BP_OBJS * 2];
    size_t n = 0;
    for (sobj_t *o; n < BP_OBJS * 2 && (o = bpool_get(&b, 0));)
        ids[n++] = o->id;
    check_drained(ids, n, BP_OBJS, "bpool", SUITE_REPLAY("bpool/two_threads_no_double_owner"));
    bpool_destroy(&b, NULL, NULL);
    suite_heap_empty(h, "bpool_destroy after the race");
    ml_pageheap_destroy(h);
}

// ---- spool --------------------------------------------------------------------
//
// Thread 1 (the thief) never puts into the pool while the race runs: every
// get it makes finds its own slot empty and steals from thread 2's shared
// list. It hands what it got to thread 2 through a ring; thread 2 puts those
// back (its private slot, then the head of its shared list) and also gets
// and puts small batches of its own, popping the head of the same list the
// thief pops at the tail.

#define SP_ITERS 60000
#define RING 256

static spool_t *sp;
static sobj_t *ring[RING];
static atomic_size_t ring_head, ring_tail; // single producer, single consumer
static atomic_bool thief_done;

static void *sp_thief(void *arg)
{
    (void)arg;
    for (int i = 0; i < SP_ITERS; i++) {
        sobj_t *o = spool_get(sp);
        if (!o)
            continue;
        claim(o, 1, ((uint64_t)1 << 40) | (uint64_t)i);
        release(o, 1);
        size_t hd = atomic_load_explicit(&ring_head, memory_order_relaxed);
        while (hd - atomic_load_explicit(&ring_tail, memory_order_acquire) == RING)
            sched_yield(); // the owner is behind: let it run
        ring[hd % RING] = o;
        atomic_store_explicit(&ring_head, hd + 1, memory_order_release);
    }
    atomic_store(&thief_done, true);
    return NULL;
}

static void *sp_owner(void *arg)
{
    (void)arg;
    sobj_t *held[4];
    for (uint64_t i = 0;; i++) {
        size_t tl = atomic_load_explicit(&ring_tail, memory_order_relaxed);
        size_t hd = atomic_load_explicit(&ring_head, memory_order_acquire);
        if (tl == hd && atomic_load(&thief_done) &&
            tl == atomic_load_explicit(&ring_head, memory_order_acquire))
            break;
        for (; tl != hd; tl++)
            spool_put(sp, ring[tl % RING]);
        atomic_store_explicit(&ring_tail, tl, memory_order_release);
        int k = 1 + (int)(i % 4), got = 0;
        for (int j = 0; j < k; j++) {
            sobj_t *o = spool_get(sp);
            if (!o)
                break;
            claim(o, 2, ((uint64_t)2 << 40) | i);
            held[got++] = o;
        }
        for (int j = 0; j < got; j++) {
            release(held[j], 2);
            spool_put(sp, held[j]);
        }
    }
    return NULL;
}

typedef struct drainer {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int turn;
    uint32_t *ids;
    size_t n;
} drainer_t;

static drainer_t dr = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, NULL, 0 };

// drain_turn — thread `me` waits for its turn, gets until the pool is
// empty (new_fn makes nothing now), and hands the turn on.
static void drain_turn(int me)
{
    pthread_mutex_lock(&dr.mu);
    while (dr.turn != me)
        pthread_cond_wait(&dr.cv, &dr.mu);
    for (sobj_t *o; dr.n < 2 * MAXOBJ && (o = spool_get(sp));)
        dr.ids[dr.n++] = o->id;
    dr.turn = me + 1;
    pthread_cond_broadcast(&dr.cv);
    pthread_mutex_unlock(&dr.mu);
}

static void *sp_thief_then_drain(void *arg)
{
    sp_thief(arg);
    drain_turn(2);
    return NULL;
}

static void *sp_owner_then_drain(void *arg)
{
    sp_owner(arg);
    atomic_store(&no_more, true);
    drain_turn(1);
    return NULL;
}

void suite_stress_spool(void)
{
    ml_pageheap_t *h = suite_heap(64);
    spool_t p;
    sp = &p;
    reset_objects();
    atomic_store(&thief_done, false);
    atomic_store(&ring_head, 0);
    atomic_store(&ring_tail, 0);
    dr.turn = 0;
    dr.n = 0;
    dr.ids = calloc(2 * MAXOBJ, sizeof *dr.ids);
    cr_assert(spool_init(&p, h, make_obj, NULL, NULL) == 0, "spool_init failed");
    pthread_t t[2];
    cr_assert(pthread_create(&t[0], NULL, sp_owner_then_drain, NULL) == 0, "internal");
    cr_assert(pthread_create(&t[1], NULL, sp_thief_then_drain, NULL) == 0, "internal");
    // Both threads must hold their slots while draining: the owner drains
    // first (its private slot and shared list, and steals the thief's), then
    // the thief (its private slot).
    pthread_mutex_lock(&dr.mu);
    dr.turn = 1;
    pthread_cond_broadcast(&dr.cv);
    pthread_mutex_unlock(&dr.mu);
    pthread_join(t[0], NULL);
    pthread_join(t[1], NULL);
    size_t made = (size_t)atomic_load(&nobjs);
    ml_note("spool race: %zu objects made, %d ring hand-offs per thread", made, SP_ITERS);
    check_drained(dr.ids, dr.n, made, "spool", SUITE_REPLAY("spool/two_threads_no_double_owner"));
    spool_destroy(&p);
    suite_heap_empty(h, "spool_destroy after the race");
    free(dr.ids);
    ml_pageheap_destroy(h);
}

// bpool.c — the bounded pool (task 4): first in first out, the capacity and
// the drop when full, the three kinds of get (at once, timed, unbounded), the
// ring's pages returned. Its two-thread stress test is in stress.c.
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include "memlab/clock.h"
#include "memlab/grade.h"
#include "pools_suite.h"

void suite_bpool_fifo_capacity_drop(void)
{
    ml_pageheap_t *h = suite_heap(16);
    bpool_t b;
    cr_assert(bpool_init(&b, h, 3) == 0, "bpool_init(capacity 3) failed");
    int x[5];
    for (int i = 0; i < 3; i++)
        cr_assert(bpool_put(&b, &x[i]), "put %d into a pool of capacity 3 holding %d was dropped",
                  i + 1, i);
    cr_assert(!bpool_put(&b, &x[3]), "a put into a full pool (capacity 3, holding 3) must drop "
                                     "the object and return false " SUITE_SEE("task 4"));
    cr_assert(bpool_len(&b) == 3, "bpool_len is %zu, want 3", bpool_len(&b));
    cr_assert(!bpool_put(&b, NULL), "bpool_put(NULL) must return false");
    for (int round = 0; round < 4; round++) {
        // Wrap around the ring a few times.
        void *o = bpool_get(&b, 0);
        cr_assert(o, "bpool_get(0) on a pool holding objects returned NULL");
        cr_assert(o == &x[round % 3],
                  "get+put rotation %d returned slot %td, not the oldest object (slot %d): a "
                  "bounded pool is first in, first out, like a channel",
                  round + 1, (int *)o - x, round % 3);
        cr_assert(bpool_put(&b, o), "a put after a get must be kept");
    }
    // After 4 rotations of a, b, c the order is b, c, a.
    void *o1 = bpool_get(&b, 0), *o2 = bpool_get(&b, 0), *o3 = bpool_get(&b, 0);
    cr_assert(o1 == &x[1] && o2 == &x[2] && o3 == &x[0],
              "after putting a, b, c and four get+put rotations, three gets returned slots "
              "%td, %td, %td; want b, c, a (1, 2, 0) — first in, first out " SUITE_SEE("task 4"),
              (int *)o1 - x, (int *)o2 - x, (int *)o3 - x);
    cr_assert(bpool_get(&b, 0) == NULL, "bpool_get(0) on an empty pool must return NULL");
    cr_assert(bpool_len(&b) == 0, "bpool_len of an empty pool is %zu", bpool_len(&b));
    bpool_destroy(&b, NULL, NULL);
    suite_heap_empty(h, "bpool_destroy");
    cr_assert(bpool_init(&b, h, 0) == -1, "bpool_init(capacity 0) must fail");
    ml_pageheap_destroy(h);
}

typedef struct later {
    bpool_t *b;
    void *obj;
    long delay_ms;
} later_t;

static void *put_later(void *arg)
{
    later_t *l = arg;
    usleep((useconds_t)l->delay_ms * 1000);
    bpool_put(l->b, l->obj);
    return NULL;
}

void suite_bpool_get_timeouts(void)
{
    ml_pageheap_t *h = suite_heap(16);
    bpool_t b;
    cr_assert(bpool_init(&b, h, 4) == 0, "bpool_init failed");
    uint64_t t0 = ml_now_ns();
    void *o = bpool_get(&b, 0);
    double ms = (double)(ml_now_ns() - t0) / 1e6;
    cr_assert(o == NULL && ms < 20,
              "bpool_get(timeout 0) on an empty pool must fail at once "
              "(it took %.1f ms, returned %p)",
              ms, o);
    t0 = ml_now_ns();
    o = bpool_get(&b, 60 * 1000000LL);
    ms = (double)(ml_now_ns() - t0) / 1e6;
    cr_assert(o == NULL, "bpool_get(60 ms) on an empty pool returned %p", o);
    cr_assert(ms >= 55 && ms < 1000,
              "bpool_get(60 ms) on a pool nobody fills returned after "
              "%.1f ms: it must wait the timeout, then fail " SUITE_SEE("task 4, timeouts"),
              ms);
    int x;
    pthread_t t;
    later_t l = { &b, &x, 30 };
    cr_assert(pthread_create(&t, NULL, put_later, &l) == 0, "internal: pthread_create");
    t0 = ml_now_ns();
    o = bpool_get(&b, 3000 * 1000000LL);
    ms = (double)(ml_now_ns() - t0) / 1e6;
    pthread_join(t, NULL);
    cr_assert(o == &x,
              "bpool_get(3 s) while another thread puts after 30 ms returned %p, not "
              "the object put",
              o);
    cr_assert(ms < 1500,
              "bpool_get(3 s) took %.0f ms although an object was put after 30 ms: a "
              "put must wake a waiting get",
              ms);
    l.delay_ms = 20;
    cr_assert(pthread_create(&t, NULL, put_later, &l) == 0, "internal: pthread_create");
    o = bpool_get(&b, -1);
    pthread_join(t, NULL);
    cr_assert(o == &x, "bpool_get(no limit) returned %p, not the object another thread put", o);
    bpool_destroy(&b, NULL, NULL);
    suite_heap_empty(h, "bpool_destroy");
    ml_pageheap_destroy(h);
}

// deadline_at — one timed get of `timeout` ns on the empty pool b, whose clock
// reading (clock_seam.c) is `at`, a reading the test took just before. The
// get must fail no sooner than the timeout after `at`, and not 0.9 s later.
// Both bounds hold for any implementation that waits the timeout from a
// reading of its own, whether or not that reading came through the seam (the
// seam's reading is the earliest it can be).
static void deadline_at(bpool_t *b, struct timespec at, long long timeout, const char *what)
{
    struct timespec end;
    suite_clock_repeat(at);
    void *o = bpool_get(b, timeout);
    bool seam = suite_clock_disarm();
    clock_gettime(CLOCK_MONOTONIC, &end);
    long long waited =
        (long long)(end.tv_sec - at.tv_sec) * 1000000000LL + (end.tv_nsec - at.tv_nsec);
    cr_assert(o == NULL, "bpool_get(%lld ns) on an empty pool nobody fills returned %p", timeout,
              o);
    cr_assert(waited >= timeout,
              "bpool_get(%lld ns) on an empty pool read the clock at %s%lld.%09ld s (%s) and "
              "failed %.3f s later, before its timeout: a timed get fails no sooner than "
              "timeout_ns after its clock reading, for every reading and every timeout " SUITE_SEE(
                  "task 4, timeouts") "; " SUITE_REPLAY("bpool/get_timeouts"),
              timeout, seam ? "" : "about ", (long long)at.tv_sec, at.tv_nsec, what,
              (double)waited / 1e9);
    cr_assert(waited < timeout + 900000000LL,
              "bpool_get(%lld ns) on an empty pool read the clock at %s%lld.%09ld s (%s) and "
              "failed %.3f s later, %.3f s after its timeout: a timed get fails soon after "
              "timeout_ns, for every reading and every timeout " SUITE_SEE(
                  "task 4, timeouts") "; " SUITE_REPLAY("bpool/get_timeouts"),
              timeout, seam ? "" : "about ", (long long)at.tv_sec, at.tv_nsec, what,
              (double)waited / 1e9, (double)(waited - timeout) / 1e9);
}

// deadline_case — deadline_at with a timeout chosen so that the reading's
// nanoseconds plus the timeout's come to `sum_ns` (10⁹: exactly one second;
// 10⁹ - 1: one nanosecond less). The timeout is between 0.5 s and 1.5 s.
static void deadline_case(bpool_t *b, long long sum_ns, const char *what)
{
    struct timespec at;
    do
        clock_gettime(CLOCK_MONOTONIC, &at);
    while (at.tv_nsec == 0); // sum_ns - 0 would be a whole second, not a remainder
    long long timeout = sum_ns - at.tv_nsec;
    if (timeout < 500000000LL)
        timeout += 1000000000LL;
    deadline_at(b, at, timeout, what);
}

// suite_bpool_deadline_every_reading — pools.h: a timed get's deadline is
// its clock reading plus the timeout, for every reading and every timeout;
// both sides of the reading whose nanoseconds and the timeout's make exactly
// one second, and a timeout of 999999999 ns, the largest under a second (all
// of it is the timeout's nanoseconds, none its seconds).
void suite_bpool_deadline_every_reading(void)
{
    ml_pageheap_t *h = suite_heap(16);
    bpool_t b;
    cr_assert(bpool_init(&b, h, 2) == 0, "bpool_init failed");
    deadline_case(&b, 1000000000LL,
                  "its nanoseconds and the timeout's add up to exactly one second");
    deadline_case(&b, 999999999LL,
                  "its nanoseconds and the timeout's add up to one nanosecond under a second");
    struct timespec at;
    clock_gettime(CLOCK_MONOTONIC, &at);
    deadline_at(&b, at, 999999999LL, "a timeout of 999999999 ns, the largest under a second");
    bpool_destroy(&b, NULL, NULL);
    suite_heap_empty(h, "bpool_destroy after timed gets");
    ml_pageheap_destroy(h);
}

static void count_drop(void *obj, void *arg)
{
    (void)obj;
    (*(int *)arg)++;
}

void suite_bpool_returns_everything(void)
{
    ml_pageheap_t *h = suite_heap(64);
    static int objs[3000];
    for (int round = 0; round < 10; round++) {
        bpool_t b;
        size_t cap = 1 + (size_t)round * 300;
        long blocks = ml_heap_blocks();
        cr_assert(bpool_init(&b, h, cap) == 0, "bpool_init(%zu) failed", cap);
        cr_assert(suite_spans(h) > 0 || cap == 0, "bpool_init took no page for its ring");
        size_t kept = 0;
        for (size_t i = 0; i < cap + 5; i++)
            kept += bpool_put(&b, &objs[i]);
        cr_assert(kept == cap, "a pool of capacity %zu kept %zu of %zu puts", cap, kept, cap + 5);
        for (int i = 0; i < round; i++)
            cr_assert(bpool_get(&b, 0) != NULL, "get from a full pool returned NULL");
        int dropped = 0;
        bpool_destroy(&b, count_drop, &dropped);
        cr_assert((size_t)dropped == cap - (size_t)round,
                  "bpool_destroy called drop %d times; the pool held %zu objects", dropped,
                  cap - (size_t)round);
        suite_heap_empty(h, "bpool_destroy (10 rounds)");
        suite_blocks_back(blocks, "bpool_destroy (10 rounds)");
    }
    ml_pageheap_destroy(h);
}

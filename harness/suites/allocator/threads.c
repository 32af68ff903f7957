// threads.c — the allocator suite's tests of two threads on ONE size class:
// where a per-thread cache (Go's mcache.go) must pay off, and where its
// contended path — a thread's freed objects handed to the shared mcentral
// while the other thread refills from it — must stay correct.
//
//   perf/two_threads_vs_glibc   each of two threads allocates a batch of
//       48-byte blocks and frees it, over and over, at the same time; the
//       CPU time per operation is compared with glibc malloc doing the same
//       in the same process, the two timed in alternation (median of the
//       rounds). An allocator that takes a lock on every malloc pays for it
//       here even when the threads happen not to overlap (the lock costs
//       more than the whole lock-free fast path), and more when they do.
//   mcache/handover_on_one_class  a producer thread allocates 64-byte
//       blocks and hands them to a consumer thread, which frees them (all
//       remote frees, concentrated on one class) while the producer keeps
//       allocating; rounds continue until the threads have overlapped long
//       enough. Every block handed out is claimed in a table of the heap's
//       16-byte granules (an atomic exchange): a granule claimed twice is a
//       block handed out twice. At the end the bytes in spans go back to
//       where they started (counts conserved).
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "memlab/clock.h"
#include "memlab/grade.h"
#include "memlab/pageheap.h"
#include "memlab/sizeclass.h"
#include "mm.h"
#include "allocator_suite.h"

// ---- two threads on one class, timed against glibc --------------------------

#define TT_SIZE 48     // one size class
#define TT_BATCH 100   // fits one span of the class (170 objects)
#define TT_ROUNDS 2500 // 500,000 operations per thread and run
#define TT_FULL 1.50   // full credit at 1.5x glibc's speed
#define TT_ZERO 0.75   // nothing at 3/4 of glibc's

typedef struct tt_run {
    void *(*malloc)(size_t);
    void (*free)(void *);
    pthread_barrier_t start;
    uint64_t cpu_ns[2];
    atomic_bool failed;
} tt_run_t;

typedef struct tt_arg {
    tt_run_t *run;
    int id;
} tt_arg_t;

// tt_worker — TT_ROUNDS times: allocate TT_BATCH blocks, touch each, free
// them all; the thread's CPU time goes to run->cpu_ns[id].
static void *tt_worker(void *arg)
{
    tt_arg_t *a = arg;
    tt_run_t *run = a->run;
    void *b[TT_BATCH];
    pthread_barrier_wait(&run->start);
    uint64_t t0 = ml_thread_cpu_ns();
    for (int r = 0; r < TT_ROUNDS; r++) {
        for (int i = 0; i < TT_BATCH; i++) {
            b[i] = run->malloc(TT_SIZE);
            if (!b[i]) {
                atomic_store(&run->failed, true);
                return NULL;
            }
            *(volatile int *)b[i] = i;
        }
        for (int i = 0; i < TT_BATCH; i++)
            run->free(b[i]);
    }
    run->cpu_ns[a->id] = ml_thread_cpu_ns() - t0;
    return NULL;
}

// tt_time — one run of both threads; nanoseconds of CPU per operation (both
// threads' CPU time over both threads' operations), or -1 on a NULL.
static double tt_time(void *(*m)(size_t), void (*f)(void *))
{
    tt_run_t run = { .malloc = m, .free = f };
    pthread_barrier_init(&run.start, NULL, 2);
    tt_arg_t args[2] = { { &run, 0 }, { &run, 1 } };
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        cr_assert(pthread_create(&t[i], NULL, tt_worker, &args[i]) == 0,
                  "internal: pthread_create failed");
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&run.start);
    if (atomic_load(&run.failed))
        return -1;
    return (double)(run.cpu_ns[0] + run.cpu_ns[1]) / (2.0 * 2 * TT_ROUNDS * TT_BATCH);
}

static void *libc_malloc(size_t n)
{
    return malloc(n);
}

static void libc_free(void *p)
{
    free(p);
}

void suite_perf_two_threads_vs_glibc(void)
{
    suite_fresh(ARENA);
    ml_note("replay it: build/<impl>/suites/allocator --filter 'perf/two_threads_vs_glibc' "
            "--verbose");
    double warm = tt_time(mm_malloc, mm_free);
    cr_assert(warm >= 0,
              "two threads each allocating %d blocks of %d bytes: mm_malloc returned "
              "NULL",
              TT_BATCH, TT_SIZE);
    if (SUITE_SANITIZED) {
        ml_award(1, "sanitizer build: not timed (a sanitizer's checks cost more than the "
                    "allocator); two threads on one class ran correctly");
        return;
    }
    tt_time(libc_malloc, libc_free);
    int reps = ml_timing_repeats(7);
    double mm[64], gl[64];
    if (reps > 64)
        reps = 64;
    for (int r = 0; r < reps; r++) {
        // Alternate which one runs first, so a change of load hits both.
        if (r % 2) {
            gl[r] = tt_time(libc_malloc, libc_free);
            mm[r] = tt_time(mm_malloc, mm_free);
        } else {
            mm[r] = tt_time(mm_malloc, mm_free);
            gl[r] = tt_time(libc_malloc, libc_free);
        }
        cr_assert(mm[r] >= 0, "two threads on one size class: mm_malloc(%d) returned NULL",
                  TT_SIZE);
    }
    double mm_ns = ml_median(mm, (size_t)reps), gl_ns = ml_median(gl, (size_t)reps);
    double ratio = mm_ns > 0 ? gl_ns / mm_ns : 0;
    double frac = (ratio - TT_ZERO) / (TT_FULL - TT_ZERO);
    ml_note("two threads, each %d rounds of %d mm_malloc(%d) then %d mm_free: %.1f ns of CPU "
            "per operation; glibc %.1f ns (median of %d runs, in alternation)",
            TT_ROUNDS, TT_BATCH, TT_SIZE, TT_BATCH, mm_ns, gl_ns, reps);
    ml_award(frac,
             "two threads allocating one size class at once: %.2fx glibc's speed (full credit "
             "at %.2fx, none at %.2fx; handout: The mcache, Utilization and throughput)",
             ratio, TT_FULL, TT_ZERO);
}

// ---- the hand-over path: one class, remote frees, many rounds ---------------

#define HO_SIZE 64
#define HO_RING 4096         // blocks in flight from producer to consumer
#define HO_MIN_BLOCKS 400000 // at least this many blocks pass through
#define HO_OVERLAP 30000     // and this many while the other thread was busy too
#define HO_MAX_NS (5ull * 1000 * 1000 * 1000)

typedef struct ho {
    _Atomic(void *) ring[HO_RING];
    atomic_size_t head, tail; // producer writes head, consumer tail
    atomic_uchar *claimed;    // one byte per 16 bytes of the heap
    uintptr_t lo;
    size_t granules;
    atomic_bool stop, failed;
    atomic_size_t produced, consumed, overlapped;
    atomic_int busy; // threads inside their loop right now
    char error[512];
    pthread_mutex_t lock;
} ho_t;

// ho_fail — record the first problem and stop both threads.
static void ho_fail(ho_t *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void ho_fail(ho_t *h, const char *fmt, ...)
{
    pthread_mutex_lock(&h->lock);
    if (!h->error[0]) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(h->error, sizeof h->error, fmt, ap);
        va_end(ap);
    }
    pthread_mutex_unlock(&h->lock);
    atomic_store(&h->failed, true);
    atomic_store(&h->stop, true);
}

// ho_claim — mark the granules of a new block; false (and the test failed)
// when one is already claimed or the block is outside the heap.
static bool ho_claim(ho_t *h, void *p, size_t n)
{
    uintptr_t a = (uintptr_t)p;
    if (a < h->lo || (a - h->lo) / 16 + (HO_SIZE + 15) / 16 > h->granules) {
        ho_fail(h, "block %zu: mm_malloc(%d) returned %p, outside the page heap", n, HO_SIZE, p);
        return false;
    }
    size_t g = (a - h->lo) / 16;
    for (size_t k = 0; k < (HO_SIZE + 15) / 16; k++)
        if (atomic_exchange(&h->claimed[g + k], 1)) {
            ho_fail(h,
                    "block %zu: mm_malloc(%d) returned %p, which overlaps a block that is "
                    "still allocated (handed out twice)",
                    n, HO_SIZE, p);
            return false;
        }
    return true;
}

static void ho_release(ho_t *h, void *p)
{
    size_t g = ((uintptr_t)p - h->lo) / 16;
    for (size_t k = 0; k < (HO_SIZE + 15) / 16; k++)
        atomic_store(&h->claimed[g + k], 0);
}

// ho_producer — allocate 64-byte blocks (tagged with their number), claim
// them and pass them to the consumer through the ring.
static void *ho_producer(void *arg)
{
    ho_t *h = arg;
    size_t n = 0;
    while (!atomic_load(&h->stop)) {
        size_t head = atomic_load_explicit(&h->head, memory_order_relaxed);
        if (head - atomic_load_explicit(&h->tail, memory_order_acquire) == HO_RING) {
            sched_yield();
            continue;
        }
        atomic_fetch_add(&h->busy, 1);
        void *p = mm_malloc(HO_SIZE);
        if (!p) {
            ho_fail(h, "block %zu: mm_malloc(%d) returned NULL", n, HO_SIZE);
            break;
        }
        if (!ho_claim(h, p, n))
            break;
        memset(p, (int)(n & 0xff), HO_SIZE);
        *(size_t *)p = n;
        if (atomic_load(&h->busy) == 2)
            atomic_fetch_add(&h->overlapped, 1);
        atomic_fetch_sub(&h->busy, 1);
        atomic_store_explicit(&h->ring[head % HO_RING], p, memory_order_relaxed);
        atomic_store_explicit(&h->head, head + 1, memory_order_release);
        n++;
        atomic_store(&h->produced, n);
    }
    return NULL;
}

// ho_consumer — take blocks from the ring, check their contents, free them.
static void *ho_consumer(void *arg)
{
    ho_t *h = arg;
    size_t n = 0;
    for (;;) {
        size_t tail = atomic_load_explicit(&h->tail, memory_order_relaxed);
        if (tail == atomic_load_explicit(&h->head, memory_order_acquire)) {
            if (atomic_load(&h->stop))
                break;
            sched_yield();
            continue;
        }
        unsigned char *p = atomic_load_explicit(&h->ring[tail % HO_RING], memory_order_relaxed);
        atomic_fetch_add(&h->busy, 1);
        if (*(size_t *)p != n) {
            ho_fail(h,
                    "block %zu at %p was overwritten while allocated (it holds the number "
                    "of block %zu): the same memory was handed out twice",
                    n, (void *)p, *(size_t *)p);
            atomic_fetch_sub(&h->busy, 1);
            break;
        }
        for (size_t k = sizeof(size_t); k < HO_SIZE; k++)
            if (p[k] != (unsigned char)(n & 0xff)) {
                ho_fail(h, "block %zu at %p: byte %zu was overwritten while allocated", n,
                        (void *)p, k);
                atomic_fetch_sub(&h->busy, 1);
                return NULL;
            }
        ho_release(h, p);
        mm_free(p);
        if (atomic_load(&h->busy) == 2)
            atomic_fetch_add(&h->overlapped, 1);
        atomic_fetch_sub(&h->busy, 1);
        atomic_store_explicit(&h->tail, tail + 1, memory_order_release);
        n++;
        atomic_store(&h->consumed, n);
    }
    return NULL;
}

// ho_drain — a thread body: frees the blocks left in the ring.
static void *ho_drain(void *arg)
{
    ho_t *h = arg;
    for (size_t t = atomic_load(&h->tail); t != atomic_load(&h->head); t++)
        mm_free(atomic_load(&h->ring[t % HO_RING]));
    return NULL;
}

void suite_mcache_handover_on_one_class(void)
{
    suite_fresh(ARENA);
    ml_note("replay it: build/<impl>/suites/allocator --filter 'mcache/handover_on_one_class' "
            "--verbose");
    // A thread allocates and frees once, so that whatever a first use costs
    // is paid before the bytes in spans are taken as the baseline.
    churn_t warm = { .size = HO_SIZE, .n = 10, .seed = 1 };
    suite_in_thread(suite_churn, &warm);
    size_t base = suite_inuse();
    ho_t *h = calloc(1, sizeof *h);
    cr_assert(h, "internal: out of memory");
    void *lo, *hi;
    ml_pageheap_bounds(suite_heap, &lo, &hi);
    h->lo = (uintptr_t)lo;
    h->granules = (size_t)((char *)hi - (char *)lo) / 16;
    h->claimed = calloc(h->granules, 1);
    cr_assert(h->claimed, "internal: out of memory");
    pthread_mutex_init(&h->lock, NULL);
    pthread_t tp, tc;
    pthread_create(&tp, NULL, ho_producer, h);
    pthread_create(&tc, NULL, ho_consumer, h);
    uint64_t t0 = ml_now_ns();
    while (!atomic_load(&h->failed)) {
        if (atomic_load(&h->consumed) >= HO_MIN_BLOCKS && atomic_load(&h->overlapped) >= HO_OVERLAP)
            break;
        if (ml_now_ns() - t0 > HO_MAX_NS)
            break;
        struct timespec ts = { 0, 2000000 };
        nanosleep(&ts, NULL);
    }
    atomic_store(&h->stop, true);
    pthread_join(tp, NULL);
    pthread_join(tc, NULL);
    ml_note("%zu blocks of %d bytes passed from the allocating thread to the freeing one; "
            "%zu steps ran while the other thread was inside its own",
            atomic_load(&h->consumed), HO_SIZE, atomic_load(&h->overlapped));
    cr_assert(!h->error[0],
              "one size class, thread A allocating while thread B frees what A allocated: "
              "%s (handout: The mcache, stage 3: a free that reaches a span another thread "
              "allocates from)",
              h->error);
    // Blocks still in the ring: freed by a thread that then exits, so that
    // nothing it freed stays in a cache of its own.
    suite_in_thread(ho_drain, h);
    size_t after = suite_inuse();
    cr_assert(after <= base + SPARE_ALLOWANCE + 16 * PAGE,
              "one size class, thread A allocating while thread B freed A's blocks: after "
              "every block was freed and both threads exited, %zu bytes are in spans, %zu more "
              "than before (allocated objects were lost or counted twice; handout: The "
              "mcache)",
              after, after - base);
    char err[256];
    cr_assert(ml_pageheap_check(suite_heap, err, sizeof err) == 0,
              "after the hand-over test the page heap is inconsistent: %s", err);
    // Counts conserved: every object of the class is usable again, once.
    size_t n = 4 * ml_class_nobjs(suite_usable_class(HO_SIZE));
    void **b = calloc(n, sizeof *b);
    memset(h->claimed, 0, h->granules);
    for (size_t i = 0; i < n; i++) {
        b[i] = suite_must_alloc(HO_SIZE, "after the hand-over test");
        cr_assert(ho_claim(h, b[i], i), "after the hand-over test, on one thread: %s", h->error);
    }
    for (size_t i = 0; i < n; i++)
        mm_free(b[i]);
    free(b);
    free(h->claimed);
    free(h);
}

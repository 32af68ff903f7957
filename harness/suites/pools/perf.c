// perf.c — the scored performance test: each pool against malloc/free doing
// the same work, in this process, in alternation, the fastest of several
// runs in CPU time of this thread (on a shared machine the fastest run is
// the one least disturbed, and preemption does not count). The score is the share of the speed-up targets reached; a pool that
// fails the work (returns NULL) scores 0 for that part.
#include <stdlib.h>
#include <string.h>

#include "memlab/clock.h"
#include "memlab/grade.h"
#include "pools_suite.h"

#define REPS 7
#define WINDOW 16    // objects held at once in the churn loops
#define ROUNDS 20000 // of WINDOW gets and WINDOW puts

typedef struct work {
    const char *name;
    double target;                              // speed-up over malloc/free for full credit
    double (*pool)(ml_pageheap_t *h, bool *ok); // ns per get+put (or alloc)
    double (*libc)(void);
} work_t;

// The suite is linked with the heap-block counter's wrappers of malloc and
// free (ML_HEAP_COUNT_LDFLAGS, labs/pools/lab.mk), which add an atomic
// update to every call made from the suite's objects. The peer the pools are
// measured against is the C library's malloc and free as any program calls
// them, so this file calls them past the wrappers, by their real names.
void *__real_malloc(size_t n);
void __real_free(void *p);

static inline void *libc_malloc(size_t n)
{
    return __real_malloc(n);
}

static inline void libc_free(void *p)
{
    __real_free(p);
}

static volatile uintptr_t sink;

static double fix_pool(ml_pageheap_t *h, bool *ok)
{
    fixpool_t p;
    void *w[WINDOW];
    if (fixpool_init(&p, h, 64, false) != 0)
        return *ok = false, 0;
    uint64_t t0 = ml_thread_cpu_ns();
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < WINDOW; i++)
            if (!(w[i] = fixpool_get(&p)))
                *ok = false;
            else
                *(uintptr_t *)w[i] = (uintptr_t)i;
        for (int i = WINDOW - 1; i >= 0; i--)
            fixpool_put(&p, w[i]);
    }
    double ns = (double)(ml_thread_cpu_ns() - t0) / (ROUNDS * WINDOW);
    fixpool_destroy(&p);
    return ns;
}

static double fix_libc(void)
{
    void *w[WINDOW];
    uint64_t t0 = ml_thread_cpu_ns();
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < WINDOW; i++) {
            w[i] = libc_malloc(64);
            *(uintptr_t *)w[i] = (uintptr_t)i;
            sink = (uintptr_t)w[i]; // so the compiler keeps the pair
        }
        for (int i = WINDOW - 1; i >= 0; i--)
            libc_free(w[i]);
    }
    return (double)(ml_thread_cpu_ns() - t0) / (ROUNDS * WINDOW);
}

#define TREE 20000 // nodes built per request

static double arena_pool(ml_pageheap_t *h, bool *ok)
{
    arena_t a;
    if (arena_init(&a, h, 0) != 0)
        return *ok = false, 0;
    uint64_t t0 = ml_thread_cpu_ns();
    for (int r = 0; r < 8; r++) {
        uintptr_t *prev = NULL;
        for (int i = 0; i < TREE; i++) {
            uintptr_t *n = arena_alloc(&a, 48, 8);
            if (!n) {
                *ok = false;
                break;
            }
            n[0] = (uintptr_t)prev;
            prev = n;
        }
        sink = (uintptr_t)prev;
        arena_reset(&a);
    }
    double ns = (double)(ml_thread_cpu_ns() - t0) / (8.0 * TREE);
    arena_destroy(&a);
    return ns;
}

static double arena_libc(void)
{
    uint64_t t0 = ml_thread_cpu_ns();
    for (int r = 0; r < 8; r++) {
        uintptr_t *prev = NULL;
        for (int i = 0; i < TREE; i++) {
            uintptr_t *n = libc_malloc(48);
            n[0] = (uintptr_t)prev;
            prev = n;
        }
        sink = (uintptr_t)prev;
        while (prev) {
            uintptr_t *next = (uintptr_t *)prev[0];
            libc_free(prev);
            prev = next;
        }
    }
    return (double)(ml_thread_cpu_ns() - t0) / (8.0 * TREE);
}

static void *make64(void *arg)
{
    (void)arg;
    return libc_malloc(64);
}

static void free64(void *p, void *arg)
{
    (void)arg;
    libc_free(p);
}

static double spool_churn(ml_pageheap_t *h, bool *ok)
{
    spool_t p;
    if (spool_init(&p, h, make64, free64, NULL) != 0)
        return *ok = false, 0;
    uint64_t t0 = ml_thread_cpu_ns();
    for (int r = 0; r < ROUNDS * WINDOW; r++) {
        void *o = spool_get(&p);
        if (!o) {
            *ok = false;
            break;
        }
        *(uintptr_t *)o = (uintptr_t)r;
        spool_put(&p, o);
    }
    double ns = (double)(ml_thread_cpu_ns() - t0) / (ROUNDS * WINDOW);
    size_t held = spool_count(&p, NULL);
    if (held != 1)
        *ok = false; // a pool that keeps nothing (or leaks) is not pooling
    spool_destroy(&p);
    return ns;
}

static double spool_libc(void)
{
    uint64_t t0 = ml_thread_cpu_ns();
    for (int r = 0; r < ROUNDS * WINDOW; r++) {
        void *o = libc_malloc(64);
        *(uintptr_t *)o = (uintptr_t)r;
        sink = (uintptr_t)o;
        libc_free(o);
    }
    return (double)(ml_thread_cpu_ns() - t0) / (ROUNDS * WINDOW);
}

static size_t mixed_size(int i)
{
    return (size_t)64 << (i * 7 % 10); // 64 B .. 32 KiB
}

static double buf_pool(ml_pageheap_t *h, bool *ok)
{
    bufpool_t b;
    void *w[WINDOW];
    if (bufpool_init(&b, h, 64) != 0)
        return *ok = false, 0;
    uint64_t t0 = ml_thread_cpu_ns();
    for (int r = 0; r < ROUNDS / 4; r++) {
        for (int i = 0; i < WINDOW; i++)
            if (!(w[i] = bufpool_get(&b, mixed_size(i + r))))
                *ok = false;
            else
                *(uintptr_t *)w[i] = (uintptr_t)i;
        for (int i = 0; i < WINDOW; i++)
            if (w[i] && bufpool_put(&b, w[i]) != 0)
                *ok = false;
    }
    double ns = (double)(ml_thread_cpu_ns() - t0) / (ROUNDS / 4 * WINDOW);
    bufpool_destroy(&b);
    return ns;
}

static double buf_libc(void)
{
    void *w[WINDOW];
    uint64_t t0 = ml_thread_cpu_ns();
    for (int r = 0; r < ROUNDS / 4; r++) {
        for (int i = 0; i < WINDOW; i++) {
            w[i] = libc_malloc(mixed_size(i + r));
            *(uintptr_t *)w[i] = (uintptr_t)i;
            sink = (uintptr_t)w[i];
        }
        for (int i = 0; i < WINDOW; i++)
            libc_free(w[i]);
    }
    return (double)(ml_thread_cpu_ns() - t0) / (ROUNDS / 4 * WINDOW);
}

static const work_t works[] = {
    { "fixpool get+put (64 B, 16 held)", 2.0, fix_pool, fix_libc },
    { "arena alloc (48 B, reset per 20k)", 2.0, arena_pool, arena_libc },
    { "spool get+put (64 B, churn)", 1.25, spool_churn, spool_libc },
    { "bufpool get+put (64 B-32 KiB)", 1.0, buf_pool, buf_libc },
};

void suite_perf_pools_vs_malloc(void)
{
    ml_pageheap_t *h = suite_heap(256);
    size_t nw = sizeof works / sizeof works[0];
    double total = 0;
    for (size_t k = 0; k < nw; k++) {
        double vp[REPS], vl[REPS];
        bool ok = true;
        for (int r = 0; r < REPS; r++) {
            vp[r] = works[k].pool(h, &ok);
            vl[r] = works[k].libc();
        }
        double p = vp[0], l = vl[0];
        for (int r = 1; r < REPS; r++) {
            p = vp[r] < p ? vp[r] : p;
            l = vl[r] < l ? vl[r] : l;
        }
        double speedup = ok && p > 0 ? l / p : 0;
        double part = speedup >= works[k].target ? 1 : speedup / works[k].target;
        total += part / (double)nw;
        if (ok)
            ml_note("%-36s %6.2f ns/op, malloc/free %6.2f ns/op: %5.2fx (full credit at %.1fx)",
                    works[k].name, p, l, speedup, works[k].target);
        else
            ml_note("%-36s the pool failed the work (NULL, a refused put or nothing kept): 0",
                    works[k].name);
    }
    ml_pageheap_destroy(h);
    ml_award(total, "%.0f%% of the speed-up targets over malloc/free (same process, fastest of %d)",
             100 * total, REPS);
}

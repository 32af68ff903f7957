// pools_race.c — the pools lab's registry of live spools under
// ThreadSanitizer: a program built with -fsanitize=thread from the student's
// pools.c (labs/pools/lab.mk, $(B)/tsan/pools-race), run by the scored test
// spool/registry_without_races (harness/suites/pools/race.c).
//
// Go's sync.Pool keeps every live pool in allPools, appended to under
// allPoolsMu and walked by poolCleanup with the world stopped. Here too
// spool_init and spool_destroy may run on different threads at once (on
// different pools), so the registry they share must be guarded.
// A race on it is a window of a few instructions that a run on two cores
// seldom hits, so this program does not wait for a crash: ThreadSanitizer
// reports two accesses to the same memory, one of them a write, that no
// synchronisation orders — whether or not they overlapped in time.
//
// Each scenario runs two threads, each on a page heap of its own (so the
// registry is all they share), in a fixed order: thread 2 waits until thread
// 1 has passed its step, and the reverse. They wait on relaxed atomic flags,
// which order nothing for ThreadSanitizer: the only order between the two
// threads' steps is the one the pools' own synchronisation creates. A
// registry guarded by a lock (or by atomics) is then clean; a registry that
// one of the steps touches unguarded is reported, on every run.
//
// The scenarios (--scenario NAME; all by default, in this order):
//   init-init     thread 1 spool_init, then thread 2 spool_init; each then
//                 spool_destroy
//   destroy-init  thread 2 spool_init, then thread 1 spool_destroy of a pool
//                 made before the threads started
// pool_gc is not among them: it runs with the world stopped (the handout,
// Threads), so nothing may run beside it.
// Exit status: 0 when every scenario ran (ThreadSanitizer's exitcode, e.g.
// TSAN_OPTIONS=exitcode=66, when it reported), 1 when a pool could not be
// made, 2 on bad usage.
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe_main.h"

#include "memlab/pageheap.h"
#include "pools.h"

typedef struct scenario {
    const char *name;
    void *(*t1)(void *);
    void *(*t2)(void *);
} scenario_t;

// The shared state of one run: the flags the threads wait on (relaxed, so
// they order nothing), the pools, the heaps.
static atomic_int step;
static spool_t pre, p1, p2;
static ml_pageheap_t *h0, *h1, *h2;
static atomic_int failed;

// wait_step — spin (yielding) until the run has reached step s.
static void wait_step(int s)
{
    while (atomic_load_explicit(&step, memory_order_relaxed) < s)
        sched_yield();
}

// set_step — announce step s, without ordering anything.
static void set_step(int s)
{
    atomic_store_explicit(&step, s, memory_order_relaxed);
}

// make_pool — spool_init of p over h, noting a failure.
static bool make_pool(spool_t *p, ml_pageheap_t *h)
{
    if (spool_init(p, h, NULL, NULL, NULL) != 0) {
        atomic_store(&failed, 1);
        return false;
    }
    return true;
}

static void *init_init_1(void *arg)
{
    bool ok = make_pool(&p1, h1);
    set_step(1);
    wait_step(2);
    if (ok)
        spool_destroy(&p1);
    return arg;
}

static void *init_init_2(void *arg)
{
    wait_step(1);
    bool ok = make_pool(&p2, h2);
    set_step(2);
    if (ok)
        spool_destroy(&p2);
    return arg;
}

static void *destroy_init_1(void *arg)
{
    wait_step(1);
    spool_destroy(&pre);
    set_step(2);
    return arg;
}

static void *destroy_init_2(void *arg)
{
    bool ok = make_pool(&p2, h2);
    set_step(1);
    wait_step(2);
    if (ok)
        spool_destroy(&p2);
    return arg;
}

static const scenario_t scenarios[] = {
    { "init-init", init_init_1, init_init_2 },
    { "destroy-init", destroy_init_1, destroy_init_2 },
};
#define NSCENARIOS (sizeof scenarios / sizeof scenarios[0])

// run — one scenario: fresh heaps, a pool made before the threads (so the
// registry is never empty), the two threads, then everything returned.
static int run(const scenario_t *s)
{
    h0 = ml_pageheap_new(8u << 20);
    h1 = ml_pageheap_new(8u << 20);
    h2 = ml_pageheap_new(8u << 20);
    if (!h0 || !h1 || !h2) {
        fprintf(stderr, "pools-race: cannot make a page heap\n");
        return 1;
    }
    atomic_store(&step, 0);
    if (!make_pool(&pre, h0)) {
        fprintf(stderr, "pools-race: %s: spool_init failed\n", s->name);
        return 1;
    }
    pthread_t a, b;
    pthread_create(&a, NULL, s->t1, NULL);
    pthread_create(&b, NULL, s->t2, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    if (s->t1 != destroy_init_1)
        spool_destroy(&pre);
    ml_pageheap_destroy(h0);
    ml_pageheap_destroy(h1);
    ml_pageheap_destroy(h2);
    if (atomic_load(&failed)) {
        fprintf(stderr, "pools-race: %s: spool_init failed\n", s->name);
        return 1;
    }
    printf("pools-race: %s done\n", s->name);
    return 0;
}

static const char *scenario_name(size_t i)
{
    return scenarios[i].name;
}

static int run_scenario(size_t i)
{
    return run(&scenarios[i]);
}

int main(int argc, char **argv)
{
    static const probe_t probe = {
        .prog = "pools-race",
        .about = "Run the spool registry's scenarios (two threads creating and destroying\n"
                 "spools at once) over this build's pools.c; built with\n"
                 "-fsanitize=thread, so that an unguarded registry is reported.\n",
        .failure = "a pool could not be made",
        .n = NSCENARIOS,
        .name = scenario_name,
        .run = run_scenario,
    };
    return probe_main(&probe, argc, argv);
}

// allocator_race.c — the allocator lab's hand-over path under
// ThreadSanitizer: a program built with -fsanitize=thread from the student's
// mm.c (labs/allocator/lab.mk, $(B)/tsan/allocator-race), run by the graded
// test mcache/central_lists_without_races (harness/suites/allocator/race.c).
//
// The path: blocks that one thread allocated are freed by another, and the
// freeing thread hands them back to their spans — which sit on the class's
// central lists, or in the allocating thread's cache — while the allocating
// thread refills from the same class, moving its full span onto those lists
// and taking another. Go guards each mcentral with a lock
// (runtime/mcentral.go); so must mm.c, on every path that touches them. A
// path without the lock is a window of a few instructions that a stress
// test on two cores seldom hits, so this program does not wait for a crash:
// ThreadSanitizer reports two accesses to the same memory, one a write,
// that no synchronisation orders — whether or not they overlapped in time.
//
// Each scenario runs two threads on one page heap, in a fixed order: the
// blocks go from thread 1 to thread 2 with a release/acquire pair (as any
// program hands a pointer over: through a queue, a lock), then the steps
// wait on relaxed atomic flags, which order nothing for ThreadSanitizer.
// After the hand-over, the only order between the two threads' accesses to
// the allocator's shared state is the one mm.c's own synchronisation
// creates: a class guarded by a lock (or by atomics) is clean, a step that
// touches it unguarded is reported on every run.
//
// The steps of a scenario, each thread's after the other's:
//   1. thread 1 allocates NBLOCKS blocks of one class, hands them to thread
//      2, and allocates one more (its span is full: a refill moves it to
//      the central lists; for tiny pieces, its log of blocks let go is
//      applied);
//   2. thread 2 frees the blocks, newest first, more than a thread may hold
//      back (mm.h), so its frees reach the spans on the central lists;
//   3. thread 1 (after a first request of another kind in some scenarios)
//      allocates NBLOCKS / 2 blocks of the class again: its refills take
//      spans thread 2's frees emptied or opened, and some stay spares;
//   4. thread 2 exits (its cache flushed: the frees it held back reach
//      their spans); then thread 1 exits, its blocks still allocated (its
//      cache flushed: its span goes back to the central lists).
// Every block is checked (aligned, its own bytes intact while it is live:
// none handed out twice). Each step's accesses to a class's shared state
// must be ordered after the other thread's previous step by mm.c: a step
// that touches it without the lock is reported when it is the thread's
// first access to the class since the other thread's — hence several
// scenarios, each leading thread 1 or thread 2 to the class by another path.
// The scenarios (--scenario NAME; all by default, in this order):
//   flush-refill   4096-byte blocks (a class of 2 a span): thread 2's frees
//                  flush its free list, thread 1's refills follow;
//   refused-free   the same, but the C library refuses every malloc of
//                  thread 2 while it frees (a per-thread cache that cannot
//                  be made: each free must reach its span at once; its exit
//                  then first meets the class's spare spans);
//   reclaim        flush-refill, and step 3 starts with a 40000-byte block
//                  (a large object), for which spare spans of the class may
//                  go back to the page heap;
//   recut          flush-refill, and step 3 starts with a 2048-byte block
//                  (another class of 1-page spans), which may take a spare
//                  span of the class;
//   tiny           4-byte pieces (4 to a 16-byte block): step 1 applies
//                  thread 1's log of blocks let go, step 2 thread 2's log
//                  of pieces freed, to the same blocks' counts;
//   paused-refill  flush-refill, but step 2 runs inside step 1: thread 1's
//                  malloc of its one more block waits in its first call of
//                  the C library's free() until thread 2 has freed (at most
//                  5 seconds), so the rest of that malloc follows thread 2's
//                  frees, ordered by nothing but mm.c. First, a thread of
//                  its own holds a 32768-byte and a 1 MiB block at once,
//                  frees them and exits: the heap's high-water mark is then
//                  132 pages, and a 4-page empty span of the 32768-byte
//                  class may stay. In the reference, the one more block is
//                  the first refill past the mark (thread 1's 256 blocks
//                  fill 128 pages): with no span of its length to cut again,
//                  it gives that empty span back to the page heap (a free()
//                  of its bookkeeping: the pause), then takes a span of the
//                  class from the lists thread 2's frees have just changed.
//                  (An mm.c that calls free() while it holds a lock thread 2
//                  needs only makes this scenario wait its 5 seconds.)
// Exit status: 0 when every scenario ran (ThreadSanitizer's exitcode, e.g.
// TSAN_OPTIONS=exitcode=66, when it reported), 1 when the allocator failed
// (mm_init, a NULL block, a block handed out twice or overwritten), 2 on
// bad usage.
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "probe_main.h"

#include "memlab/pageheap.h"
#include "mm.h"

// 1 MiB of 4096-byte blocks: past the 256 KiB a thread may hold back per
// class (mm.h).
#define NBLOCKS 256
#define ARENA (64u << 20)

typedef enum { FIRST_NONE, FIRST_LARGE, FIRST_OTHER } first_t;

typedef struct scenario {
    const char *name;
    size_t size;   // the blocks' size
    bool refuse;   // thread 2's malloc calls are refused while it frees
    first_t first; // thread 1's first request in step 3
    bool pause;    // step 2 runs inside thread 1's malloc of `extra`
} scenario_t;

static const scenario_t scenarios[] = {
    { "flush-refill", 4096, false, FIRST_NONE, false },
    { "refused-free", 4096, true, FIRST_NONE, false },
    { "reclaim", 4096, false, FIRST_LARGE, false },
    { "recut", 4096, false, FIRST_OTHER, false },
    { "tiny", 4, false, FIRST_NONE, false },
    { "paused-refill", 4096, false, FIRST_NONE, true },
};
#define NSCENARIOS (sizeof scenarios / sizeof scenarios[0])
// paused-refill: how long thread 1 waits inside free() for thread 2.
#define PAUSE_NS 5000000000LL

// The shared state of one run: the hand-over (release/acquire), the step
// flag (relaxed: it orders nothing), the blocks, the failure noted.
static atomic_int handed;
static atomic_int step;
static const scenario_t *scen;
static unsigned char *blocks[NBLOCKS], *again[NBLOCKS];
static unsigned char *extra, *first;
static atomic_int failed;

static void set_step(int s);

// The C library as mm.c sees it (linked with -Wl,--wrap=malloc and
// --wrap=free): a thread may refuse its own malloc calls, or (`pausing`)
// wait in its next free() call until thread 2 has freed (step 2).
static _Thread_local bool refusing, pausing;
static _Thread_local bool paused; // the wait happened
void *__real_malloc(size_t n);
void *__wrap_malloc(size_t n)
{
    return refusing ? NULL : __real_malloc(n);
}

void __real_free(void *p);
void __wrap_free(void *p)
{
    if (pausing) {
        pausing = false;
        paused = true;
        set_step(1);
        struct timespec t0, t;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        do {
            sched_yield();
            clock_gettime(CLOCK_MONOTONIC, &t);
        } while (atomic_load_explicit(&step, memory_order_relaxed) < 2 &&
                 (t.tv_sec - t0.tv_sec) * 1000000000LL + (t.tv_nsec - t0.tv_nsec) < PAUSE_NS);
    }
    __real_free(p);
}

// fail — note that the allocator failed on block i of `what`, and why (on
// stderr).
static void fail(const char *what, const char *why, int i)
{
    fprintf(stderr, "allocator-race: %s: %s, block %d: %s\n", scen->name, what, i, why);
    atomic_store(&failed, 1);
}

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

// check — every one of the n blocks of `b` aligned and holding its own
// byte pattern (so that no two overlap), as fill wrote it.
static void check(unsigned char **b, int n, const char *what)
{
    for (int i = 0; i < n; i++) {
        if ((uintptr_t)b[i] % mm_required_align(scen->size)) {
            fail(what, "misaligned", i);
            return;
        }
        for (size_t j = 0; j < scen->size; j += 512)
            if (b[i][j] != (unsigned char)(i * 7 + j / 512)) {
                fail(what, "its bytes changed while it was live (two blocks overlap?)", i);
                return;
            }
    }
}

// fill — allocate n blocks into b, each with its byte pattern.
static bool fill(unsigned char **b, int n, const char *what)
{
    for (int i = 0; i < n; i++) {
        b[i] = mm_malloc(scen->size);
        if (!b[i]) {
            fail(what, "mm_malloc returned NULL", i);
            return false;
        }
        for (size_t j = 0; j < scen->size; j += 512)
            b[i][j] = (unsigned char)(i * 7 + j / 512);
    }
    return true;
}

// Thread 1 allocates; after the hand-over, each of its steps follows one
// of thread 2's, ordered only by mm.c.
static void *thread1(void *arg)
{
    bool ok = fill(blocks, NBLOCKS, "thread 1's blocks");
    atomic_store_explicit(&handed, 1, memory_order_release);
    // The span of the last blocks is full: this one takes another (in
    // paused-refill, thread 2 frees while this malloc waits in free()).
    pausing = scen->pause;
    paused = false;
    extra = ok ? mm_malloc(scen->size) : NULL;
    pausing = false;
    if (!paused)
        set_step(1);
    wait_step(2);
    // After thread 2's frees: a request of another kind first, then
    // refills that take the spans thread 2's frees emptied.
    ok = ok && extra;
    if (ok && scen->first != FIRST_NONE) {
        size_t n = scen->first == FIRST_LARGE ? 40000 : 2048;
        if (!(first = mm_malloc(n)))
            fail("thread 1's first request after thread 2's frees", "mm_malloc returned NULL", 0);
    }
    ok = ok && fill(again, NBLOCKS / 2, "thread 1's second blocks");
    if (ok)
        check(again, NBLOCKS / 2, "thread 1's second blocks");
    set_step(3);
    wait_step(4);
    // After thread 2 has exited, its caches flushed. The blocks stay
    // allocated (mm_deinit takes them back): this thread's exit is then its
    // first access to the class since thread 2's.
    if (ok)
        check(again, NBLOCKS / 2, "thread 1's second blocks, after thread 2 exited");
    return arg;
}

// Thread 2 frees thread 1's blocks (newest first), then exits.
static void *thread2(void *arg)
{
    while (!atomic_load_explicit(&handed, memory_order_acquire))
        sched_yield();
    wait_step(1);
    bool ok = !atomic_load(&failed);
    if (ok)
        check(blocks, NBLOCKS, "thread 1's blocks, handed to thread 2");
    refusing = scen->refuse;
    for (int i = NBLOCKS - 1; ok && i >= 0; i--)
        mm_free(blocks[i]);
    refusing = false;
    set_step(2);
    wait_step(3);
    return arg; // its exit flushes its cache
}

// prepare — paused-refill's first thread: a 32768-byte block (a class of
// 4-page spans) and a 1 MiB one at once, both freed; then it exits, its
// cache flushed.
static void *prepare(void *arg)
{
    void *a = mm_malloc(32768);
    void *b = mm_malloc(1 << 20);
    if (!a || !b)
        fail("the first thread's 32768- and 1048576-byte blocks", "mm_malloc returned NULL", 0);
    mm_free(b);
    mm_free(a);
    return arg;
}

// run — one scenario: a fresh heap and allocator, the two threads, then
// everything returned.
static int run(const scenario_t *s)
{
    scen = s;
    ml_pageheap_t *h = ml_pageheap_new(ARENA);
    if (!h) {
        fprintf(stderr, "allocator-race: cannot make a page heap\n");
        return 1;
    }
    if (mm_init(h) != 0) {
        fprintf(stderr, "allocator-race: %s: mm_init failed\n", s->name);
        ml_pageheap_destroy(h);
        return 1;
    }
    atomic_store(&failed, 0);
    if (s->pause) {
        pthread_t p;
        pthread_create(&p, NULL, prepare, NULL);
        pthread_join(p, NULL);
        if (atomic_load(&failed)) {
            mm_deinit();
            ml_pageheap_destroy(h);
            return 1;
        }
    }
    atomic_store(&handed, 0);
    first = extra = NULL;
    atomic_store(&step, 0);
    pthread_t a, b;
    pthread_create(&a, NULL, thread1, NULL);
    pthread_create(&b, NULL, thread2, NULL);
    pthread_join(b, NULL);
    set_step(4); // relaxed: the join orders thread 2's exit before this
                 // thread only, not before thread 1
    pthread_join(a, NULL);
    mm_deinit();
    ml_pageheap_destroy(h);
    if (atomic_load(&failed))
        return 1;
    printf("allocator-race: %s done\n", s->name);
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
        .prog = "allocator-race",
        .about = "Run the hand-over path's scenarios (blocks one thread allocated, freed by\n"
                 "another while the first refills from the same class) over this build's\n"
                 "mm.c; built with -fsanitize=thread, so that a missing lock is reported.\n",
        .failure = "the allocator failed (mm_init, NULL, a block handed out twice)",
        .n = NSCENARIOS,
        .name = scenario_name,
        .run = run_scenario,
    };
    return probe_main(&probe, argc, argv);
}

// pools_suite.h — what the files of the pools suite share: a page heap per
// test with its counters checked, the use-after-put catcher, the two-thread
// stress harness, and the body of every graded test (declared with its
// points in ../pools.c).
//
// Names shared between the suite's files start with suite_ so that they
// never clash with a non-static name in the student's pools.c, linked into
// the same binary.
#ifndef POOLS_SUITE_H
#define POOLS_SUITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "memlab/pageheap.h"
#include "pools.h"

// Appended to failure messages: where to read, how to replay.
#define SUITE_SEE(task) "(handout: labs/pools/README.md, " task ")"
#define SUITE_REPLAY(test) "replay: build/<impl>/suites/pools --filter '" test "' --verbose"

// ---- fixture.c -------------------------------------------------------------

// suite_heap — a fresh page heap of `mb` MiB; fails the test if it cannot
// be made.
ml_pageheap_t *suite_heap(size_t mb);
// suite_heap_empty — fails the test, naming `what`, unless no span of h is
// in use (everything a pool took came back).
void suite_heap_empty(ml_pageheap_t *h, const char *what);
// suite_blocks_back — fails the test, naming `what`, when the code linked
// into the suite holds more heap blocks (malloc, counted by ml_heap_blocks)
// than `before`, a reading taken before the pool's init: its destroy left
// something it or the core allocated for it (span bitmaps) unfreed.
void suite_blocks_back(long before, const char *what);
// suite_spans — spans in use in h.
size_t suite_spans(ml_pageheap_t *h);
// suite_inuse — bytes in use in h.
size_t suite_inuse(ml_pageheap_t *h);

// The use-after-put catcher: while installed, pools_fault records the
// fault here instead of aborting.
typedef struct suite_fault {
    int count;
    const void *obj;
    size_t offset;
    char what[64];
} suite_fault_t;
extern suite_fault_t suite_faults;
void suite_catch_faults(void);

// ---- clock_seam.c ----------------------------------------------------------

// suite_clock_repeat — the calling thread's next clock_gettime(CLOCK_MONOTONIC)
// returns `at`, an earlier reading of that clock, instead of the time now
// (once; every other call reads the clock).
void suite_clock_repeat(struct timespec at);
// suite_clock_disarm — ends suite_clock_repeat; true when a reading
// returned `at`.
bool suite_clock_disarm(void);

// ---- stress.c --------------------------------------------------------------

// suite_stress_bpool / suite_stress_spool — the two-thread stress tests:
// tight get/put races on one pool; every handed-out object is claimed with
// an atomic exchange (two owners at once fail the test), and at the end the
// pool is drained and every object must come back exactly once.
void suite_stress_bpool(void);
void suite_stress_spool(void);

// ---- the graded tests (suite_<suite>_<name>: the body of <suite>/<name>) --
void suite_fixpool_reuses_put_objects(void);
void suite_fixpool_objects_aligned_and_disjoint(void);
void suite_fixpool_grows_by_whole_spans(void);
void suite_fixpool_use_after_put_caught_in_debug(void);
void suite_fixpool_returns_everything(void);

void suite_arena_bumps_within_a_chunk(void);
void suite_arena_every_power_of_two_alignment(void);
void suite_arena_large_request_own_chunk(void);
void suite_arena_quarter_that_does_not_fit(void);
void suite_arena_request_limit(void);
void suite_arena_reset_keeps_one_chunk(void);
void suite_arena_memory_is_usable(void);
void suite_arena_returns_everything(void);

void suite_bufpool_classes_are_powers_of_two(void);
void suite_bufpool_reuses_per_class(void);
void suite_bufpool_cap_per_class(void);
void suite_bufpool_foreign_put_refused(void);
void suite_bufpool_returns_everything(void);

void suite_bpool_fifo_capacity_drop(void);
void suite_bpool_get_timeouts(void);
void suite_bpool_deadline_every_reading(void);
void suite_bpool_returns_everything(void);

void suite_spool_private_then_shared(void);
void suite_spool_steals_from_other_threads(void);
void suite_spool_victim_survives_one_gc(void);
void suite_spool_victim_order_and_drops(void);
void suite_spool_returns_everything(void);
// suite_spool_registry_without_races — the spool registry under
// ThreadSanitizer: spool_init and spool_destroy on two threads (race.c).
void suite_spool_registry_without_races(void);

void suite_perf_pools_vs_malloc(void);

// ---- limits.c --------------------------------------------------------------
void suite_limits_heap_exhausted(void);
void suite_bpool_every_waiter_woken(void);

#endif

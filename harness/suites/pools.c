// pools.c — the grading suite of the pools lab (labs/pools): the student's
// five pools (pools.c) over a page heap of each test's own.
//
// What is checked, per pool, in the student's terms:
//   - reuse: a put object is the next one handed out; no growth while put
//     objects wait;
//   - alignment and disjointness on both sides of each size boundary;
//   - growth by whole spans / chunks, and reset keeping exactly one chunk;
//   - foreign buffers refused without a byte written;
//   - the victim cache: an object survives exactly one pool_gc;
//   - the debug fixpool catches a use after put (through pools_fault);
//   - everything a pool took from the page heap is back after destroy,
//     across repeated init/destroy (the heap's span and byte counters);
//   - two threads in tight get/put races on one bpool and one spool: no
//     object held by two owners at once, none lost (a drain's checksum);
//   - the registry of live spools under ThreadSanitizer: spool_init and
//     spool_destroy on two threads, ordered only by the pools' own locks;
//   - a scored speed test against malloc/free in this process.
//
// This file is the rubric: every graded test with its points and timeout, in
// the order of the report. The bodies live in pools/, one concept per file:
//   pools/fixture.c  a page heap per test, the use-after-put catcher
//   pools/fixpool.c  task 1     pools/arena.c    task 2
//   pools/bufpool.c  task 3     pools/bpool.c    task 4
//   pools/spool.c    task 5     pools/stress.c   the two-thread races
//   pools/race.c     the spool registry under ThreadSanitizer
//   pools/limits.c   a full heap, every waiter woken
//   pools/perf.c     the speed test
// with what they share declared in pools/pools_suite.h.
#include "memlab/grade.h"
#include "pools_suite.h"

// ---- task 1: fixpool (17 points) ---------------------------------------------------

ML_TEST(fixpool, reuses_put_objects, 3, 10)
{
    suite_fixpool_reuses_put_objects();
}

ML_TEST(fixpool, objects_aligned_and_disjoint, 3, 20)
{
    suite_fixpool_objects_aligned_and_disjoint();
}

ML_TEST(fixpool, grows_by_whole_spans, 4, 20)
{
    suite_fixpool_grows_by_whole_spans();
}

ML_TEST(fixpool, use_after_put_caught_in_debug, 4, 10)
{
    suite_fixpool_use_after_put_caught_in_debug();
}

ML_TEST(fixpool, returns_everything, 3, 20)
{
    suite_fixpool_returns_everything();
}

// ---- task 2: arena (17 points) -----------------------------------------------------

ML_TEST(arena, bumps_within_a_chunk, 3, 10)
{
    suite_arena_bumps_within_a_chunk();
}

ML_TEST(arena, every_power_of_two_alignment, 4, 20)
{
    suite_arena_every_power_of_two_alignment();
}

// The limit check takes a heap of 1 GiB + 4 MiB of address space (reserved,
// never touched but for two pages), over the default address-space limit.
ML_TEST(arena, large_request_own_chunk, 3, 10, .mem_mb = 2048)
{
    suite_arena_large_request_own_chunk();
    suite_arena_quarter_that_does_not_fit();
    suite_arena_request_limit();
}

ML_TEST(arena, reset_keeps_one_chunk, 3, 20)
{
    suite_arena_reset_keeps_one_chunk();
}

ML_TEST(arena, memory_is_usable, 2, 20)
{
    suite_arena_memory_is_usable();
}

ML_TEST(arena, returns_everything, 2, 20)
{
    suite_arena_returns_everything();
}

// ---- task 3: bufpool (15 points) ---------------------------------------------------

ML_TEST(bufpool, classes_are_powers_of_two, 3, 10)
{
    suite_bufpool_classes_are_powers_of_two();
}

ML_TEST(bufpool, reuses_per_class, 3, 10)
{
    suite_bufpool_reuses_per_class();
}

ML_TEST(bufpool, cap_per_class, 3, 10)
{
    suite_bufpool_cap_per_class();
}

ML_TEST(bufpool, foreign_put_refused, 4, 10)
{
    suite_bufpool_foreign_put_refused();
}

ML_TEST(bufpool, returns_everything, 2, 20)
{
    suite_bufpool_returns_everything();
}

// ---- task 4: bpool (17 points) -----------------------------------------------------

ML_TEST(bpool, fifo_capacity_drop, 3, 10)
{
    suite_bpool_fifo_capacity_drop();
}

ML_TEST(bpool, get_timeouts, 3, 20)
{
    suite_bpool_get_timeouts();
    suite_bpool_deadline_every_reading();
}

ML_TEST(bpool, every_waiter_woken, 3, 20)
{
    suite_bpool_every_waiter_woken();
}

ML_TEST(bpool, two_threads_no_double_owner, 6, 60)
{
    suite_stress_bpool();
}

ML_TEST(bpool, returns_everything, 2, 20)
{
    suite_bpool_returns_everything();
}

// ---- task 5: spool, the sync.Pool analogue (23 points) -----------------------------

ML_TEST(spool, private_then_shared, 4, 10)
{
    suite_spool_private_then_shared();
}

ML_TEST(spool, steals_from_other_threads, 4, 20)
{
    suite_spool_steals_from_other_threads();
}

ML_TEST(spool, victim_survives_one_gc, 4, 10)
{
    suite_spool_victim_survives_one_gc();
}

ML_TEST(spool, victim_order_and_drops, 3, 10)
{
    suite_spool_victim_order_and_drops();
}

ML_TEST(spool, two_threads_no_double_owner, 4, 60)
{
    suite_stress_spool();
}

ML_TEST(spool, registry_without_races, 2, 60, .allow_exec = true, .mem_mb = ML_MEM_UNLIMITED)
{
    suite_spool_registry_without_races();
}

ML_TEST(spool, returns_everything, 2, 30)
{
    suite_spool_returns_everything();
}

// ---- the heap runs out (tasks 1, 2, 5; 4 points) -----------------------------------

ML_TEST(limits, heap_exhausted_pools_stay_usable, 4, 20)
{
    suite_limits_heap_exhausted();
}

// ---- speed against malloc/free, same process (7 points) ---------------------------

ML_SCORED_TEST(perf, pools_vs_malloc, 7, 90)
{
    suite_perf_pools_vs_malloc();
}

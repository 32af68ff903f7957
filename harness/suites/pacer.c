// pacer.c — the grading suite of the pacer lab (labs/pacer): the student's
// pacer (pacer.c) on given inputs, then driving the simulated runtime
// through the lab's workloads.
//
// Two kinds of test:
//   - exact: each function of pacer.h on inputs worked out by hand — the
//     GOGC goal with stacks and globals, both sides of the 4 MiB × GOGC/100
//     floor, GOGC=off, values whose naive product overflows, the memory
//     limit's goal, Go 1.19's trigger bounds, the limiter's bucket, MemStats;
//   - whole programs: the workloads of support/workloads.c on the
//     simulated runtime (virtual time, so every run is the same), each
//     cycle checked: the goal follows the heap the last cycle marked,
//     marking ends within the goal, GOGC trades memory for cycles, GOGC=off
//     never collects, the limit holds while it can, the limiter prevents a
//     death spiral when it cannot, MemStats agrees after every cycle.
//
// This file is the rubric: every graded test with its points and timeout, in
// the order of the report. The bodies live in pacer/, one concept per file:
//   pacer/units.c      the exact tests
//   pacer/workloads.c  the whole programs
// with what they share declared in pacer/pacer_suite.h.
#include "memlab/grade.h"
#include "pacer_suite.h"

// ---- task 1: the GOGC goal (20 points) -----------------------------------------------------

ML_TEST(goal, init_sets_floor_and_first_goal, 4, 10)
{
    suite_goal_init_sets_floor_and_first_goal();
}

ML_TEST(goal, gogc_goal_counts_stacks_and_globals, 5, 10)
{
    suite_goal_gogc_goal_counts_stacks_and_globals();
}

ML_TEST(goal, floor_on_both_sides, 4, 10)
{
    suite_goal_floor_on_both_sides();
}

ML_TEST(goal, gogc_off_has_no_goal, 3, 10)
{
    suite_goal_gogc_off_has_no_goal();
}

ML_TEST(goal, huge_values_do_not_wrap, 4, 10)
{
    suite_goal_huge_values_do_not_wrap();
}

// ---- task 2: the memory limit's goal (9 points) -------------------------------------------------

ML_TEST(limit, limit_goal_exact, 6, 10)
{
    suite_limit_limit_goal_exact();
}

ML_TEST(limit, heap_goal_is_the_smaller, 3, 10)
{
    suite_limit_heap_goal_is_the_smaller();
}

// ---- task 3: the trigger and the end of a cycle (11 points) ---------------------------------------

ML_TEST(trigger, bounds_exact, 6, 10)
{
    suite_trigger_bounds_exact();
}

ML_TEST(trigger, end_cycle_measures_runway, 5, 10)
{
    suite_trigger_end_cycle_measures_runway();
}

// ---- task 4: the limiter (6 points) ---------------------------------------------------------------

ML_TEST(limiter, bucket_exact, 6, 10)
{
    suite_limiter_bucket_exact();
}

// ---- task 5: MemStats (4 points) -------------------------------------------------------------------

ML_TEST(memstats, fields_from_core_and_pacer, 4, 10)
{
    suite_memstats_fields_from_core_and_pacer();
}

// ---- whole programs: GOGC (26 points) ---------------------------------------------------------------

ML_SCORED_TEST(workload, goal_follows_the_live_heap, 8, 120, .mem_mb = 2048)
{
    suite_workload_goal_follows_the_live_heap();
}

ML_SCORED_TEST(workload, peak_within_the_goal, 8, 120, .mem_mb = 2048)
{
    suite_workload_peak_within_the_goal();
}

ML_SCORED_TEST(workload, gogc_trades_memory_for_cycles, 6, 120, .mem_mb = 2048)
{
    suite_workload_gogc_trades_memory_for_cycles();
}

ML_TEST(workload, gogc_off_never_collects, 4, 60, .mem_mb = 2048)
{
    suite_workload_gogc_off_never_collects();
}

// ---- whole programs: the memory limit and the limiter (18 points) -------------------------------------

ML_SCORED_TEST(limit, respected_while_reachable, 8, 180, .mem_mb = 2048)
{
    suite_limit_respected_while_reachable();
}

ML_TEST(limit, gogc_off_with_a_limit, 3, 60, .mem_mb = 2048)
{
    suite_limit_gogc_off_with_a_limit();
}

ML_SCORED_TEST(limiter, no_death_spiral, 7, 180, .mem_mb = 2048)
{
    suite_limiter_no_death_spiral();
}

// ---- whole programs: MemStats (6 points) ------------------------------------------------------------------

ML_SCORED_TEST(memstats, consistent_after_every_cycle, 6, 120, .mem_mb = 2048)
{
    suite_memstats_consistent_after_every_cycle();
}

// pacer_suite.h — what the files of the pacer suite share: a pacer set up
// as if a cycle had just ended, the workload runs with their replay
// commands, and the body of every graded test (declared with its points
// in ../pacer.c).
//
// Names shared between the suite's files start with suite_ so that they
// never clash with a non-static name in the student's code, linked into
// the same binary.
#ifndef PACER_SUITE_H
#define PACER_SUITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pacer.h"
#include "support/run.h"

#define MiB ((uint64_t)1 << 20)
#define KiB ((uint64_t)1 << 10)
// The whole-program tests run each workload for half its length (128 MiB
// of 1 KiB records): the same shapes, half the time.
#define SUITE_STEPS (PACER_STEPS / 2)

// suite_pacer — pacer_init(gogc, limit, 1), then the last cycle's
// measurements set by hand: as if a cycle had found `marked` bytes live
// with `stacks` and `globals` bytes of roots.
pacer_t suite_pacer(int gogc, uint64_t limit, uint64_t marked, uint64_t stacks, uint64_t globals);

// suite_gogc_str — "100" or "off", for messages (a static buffer per call site is fine).
const char *suite_gogc_str(int gogc, char *buf, size_t len);
// suite_size_str — "41.0 MiB", or "never" for PACER_NEVER.
const char *suite_size_str(uint64_t b, char *buf, size_t len);

// suite_run — run workload `name` (SUITE_STEPS allocations) with GOGC `gogc` and `limit`, the
// simulation stopped after `max_cycles` cycles (a spiral), recording
// everything. Fails the test on a suite error (no such workload, no memory).
void suite_run(pacer_run_t *r, const char *name, int gogc, uint64_t limit, uint32_t max_cycles);
// suite_replay — the command that replays run `r`: "build/student/bin/pacer
// --workload steady --steps 131072 --gogc 100 --memlimit 28MiB".
const char *suite_replay(const pacer_run_t *r, char *buf, size_t len);

// The tests' bodies.
void suite_goal_init_sets_floor_and_first_goal(void);
void suite_goal_gogc_goal_counts_stacks_and_globals(void);
void suite_goal_floor_on_both_sides(void);
void suite_goal_gogc_off_has_no_goal(void);
void suite_goal_huge_values_do_not_wrap(void);
void suite_limit_limit_goal_exact(void);
void suite_limit_heap_goal_is_the_smaller(void);
void suite_trigger_bounds_exact(void);
void suite_trigger_end_cycle_measures_runway(void);
void suite_limiter_bucket_exact(void);
void suite_memstats_fields_from_core_and_pacer(void);

void suite_workload_goal_follows_the_live_heap(void);
void suite_workload_peak_within_the_goal(void);
void suite_workload_gogc_trades_memory_for_cycles(void);
void suite_workload_gogc_off_never_collects(void);
void suite_limit_respected_while_reachable(void);
void suite_limit_gogc_off_with_a_limit(void);
void suite_limiter_no_death_spiral(void);
void suite_memstats_consistent_after_every_cycle(void);

#endif

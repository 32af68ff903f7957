// wb_suite.h — what the write-barrier suite's files share (the rubric is
// harness/suites/write-barrier.c): running a scenario or a random workload
// and telling its story (runs.c), a heap on which a barrier is called
// directly (unit.c), and the bodies of the tests, one file per barrier plus
// the tests of all three together (dijkstra.c, yuasa.c, hybrid.c,
// together.c).
#ifndef WB_SUITE_H
#define WB_SUITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "barrier.h"
#include "memlab/gcheap.h"
#include "support/marker.h"
#include "support/run.h"
#include "support/world.h"

// The program's defaults (main.c), so every failure replays with it.
#define PROGRAM_BETWEEN 50
#define RANDOM_CYCLES 3
#define RANDOM_OBJECTS 60
#define NRANDOM 96 // random workloads per barrier

typedef struct rcase {
    uint64_t seed;
    size_t budget;
    double p;          // the coin, when there is no schedule
    const char *named; // a named schedule, or NULL
} rcase_t;

typedef struct unit {
    wb_world_t *w;
    ml_gc_heap_t *h;
    wb_marker_t *m;
    void *holder;
} unit_t;

// ---- runs (runs.c) ------------------------------------------------------------------

// suite_kind_name — "dijkstra", ...
const char *suite_kind_name(wb_kind_t k);
// suite_scenario_names — the built-in scenarios (labs/write-barrier/data),
// NULL-terminated; fails the test if there are none.
char **suite_scenario_names(void);
// suite_run_scenario — built-in scenario `name` under barrier `kind` (waits
// followed, as the program does). Fills *res; false with a message in
// `msg` when an object was lost, a pointer dangles or (check) the
// invariant broke.
bool suite_run_scenario(const char *name, wb_kind_t kind, bool check, wb_cycle_result_t *res,
                        char *msg, size_t len);
// suite_rcase — random case k: seeds × budgets × schedules.
rcase_t suite_rcase(size_t k);
// suite_run_random — RANDOM_CYCLES cycles of random workload `c` under
// `kind`, stopping at the first cycle that goes wrong. false with a message
// and, in *count_out, the objects lost (or with `check`, the steps that
// broke the invariant).
bool suite_run_random(const rcase_t *c, wb_kind_t kind, bool check, size_t *count_out, char *msg,
                      size_t len);
// The bodies every barrier shares: the adversarial scenarios (scored by
// fraction), NRANDOM random workloads, the invariant after every step.
void suite_scenarios_test(wb_kind_t kind);
void suite_random_test(wb_kind_t kind);
void suite_invariant_test(wb_kind_t kind);

// ---- calling a barrier directly (unit.c) ------------------------------------------

extern const ml_type_t SUITE_NODE; // Node {a, b *Node; key int}
// suite_unit_open — a heap with the lab's marker of `kind` and a holder
// object (white, like everything else allocated before the cycle); with
// `other_stack`, a second goroutine of that name (stack 1).
void suite_unit_open(unit_t *u, wb_kind_t kind, const char *other_stack);
// suite_fresh — a new white object.
void *suite_fresh(unit_t *u);
void suite_unit_close(unit_t *u);
// suite_grey — whether obj is grey: marked and in the marker's worklist.
bool suite_grey(unit_t *u, void *obj);
// suite_call — run barrier `kind` on the holder's slot 0 as the core would
// (before the store), then do the store; fails if the barrier stored.
void suite_call(unit_t *u, wb_kind_t kind, void *old, void *val);

// ---- the test bodies ---------------------------------------------------------------
// dijkstra.c
void suite_dijkstra_shades_the_new_pointer(void);
void suite_dijkstra_policy_saves_scanned_stacks(void);
// yuasa.c
void suite_yuasa_shades_the_old_pointer(void);
void suite_yuasa_policy_keeps_the_snapshot(void);
// hybrid.c
void suite_hybrid_shades_old_always_new_while_stack_grey(void);
void suite_hybrid_no_stop_the_world_stack_work(void);
// together.c: globals, allocation, charts, the demonstration
void suite_globals_global_stores_run_the_barrier(void);
void suite_alloc_allocated_during_marking_yuasa_and_hybrid(void);
void suite_policy_no_needless_stop_the_world_work(void);
void suite_charts_floating_garbage_and_stop_the_world_work(void);
void suite_demo_none_loses_objects(void);

#endif

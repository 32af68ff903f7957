// run.h — one experiment of the write-barrier lab: a world, the lab's marker
// with a barrier kind, and a mutator, interleaved cycle by cycle by the
// core's seeded scheduler (memlab/sched.h), with what the program, the suite
// and the benchmark want to know about each cycle:
//   - lost objects: reachable at mark termination but white (ml_verify_lost),
//     so the sweep frees them; and with tracking on, the step and the write
//     that hid the first one (see wb_hidden in marker.h);
//   - floating garbage: objects marked although unreachable, which survive
//     the cycle;
//   - the tri-color invariant after every step (strong for Dijkstra, weak
//     for the others), dangling pointers after the sweep;
//   - stop-the-world work, barrier calls, pointer stores.
//
// Interleaving: each step is M (one mutator operation) or C (one mark_step
// of `budget` units). The choice comes from a schedule string, else the
// seeded coin — or, for a scenario with no schedule given, from its `wait`
// lines: the mutator runs until it waits, then marking runs until the
// condition holds. The letters of every step are recorded, so the run
// replays exactly with the same seed and `--schedule <trace>`.
#ifndef WB_RUN_H
#define WB_RUN_H

#include <stdbool.h>
#include <stdint.h>
#include "support/marker.h"
#include "memlab/sched.h"
#include "support/world.h"

// A mutator: a source of operations.
typedef struct wb_mutator {
    // peek — the next operation into *op without consuming it; false when
    // the mutator has nothing more to do in this cycle.
    bool (*peek)(void *self, wb_op_t *op);
    void (*consume)(void *self);
    // cycle_start — a new cycle begins (may be NULL).
    void (*cycle_start)(void *self);
    void *self;
} wb_mutator_t;

typedef struct wb_run wb_run_t;

// What an observer sees after each step.
typedef struct wb_step_info {
    uint64_t step;          // scheduler step (the number of steps before it)
    char who;               // 'B' mark begin, 'M', 'C', 'S' after the sweep
    const wb_op_t *op;      // 'M': the operation
    const wb_effect_t *eff; // 'M' with a SET: what it did
    size_t hidden_now;      // tracking on: objects hidden after this step
} wb_step_info_t;
typedef void (*wb_observer_fn)(wb_run_t *r, const wb_step_info_t *si, void *arg);

typedef struct wb_run_cfg {
    size_t budget;           // units per collector step (0 = 1)
    const char *schedule;    // schedule string (sched.h syntax), or NULL
    uint64_t seed;           // the scheduler's seed
    double p_mutator;        // probability of M when the coin decides
    uint64_t max_steps;      // per cycle; then the mutator stops (0 = 200000)
    bool follow_waits;       // honour scenario `wait` lines (no schedule)
    bool check_invariant;    // check the tri-color invariant after every step
    bool track_hidden;       // find when lost objects were hidden (O(heap) per M step)
    const char *source;      // a scenario's file or name, for "source:line:" in
                             // messages about a failing operation (may be NULL)
    wb_observer_fn observer; // after every step (may be NULL)
    void *observer_arg;
} wb_run_cfg_t;

typedef struct wb_cycle_result {
    uint64_t first_step, steps, mutator_steps, collector_steps;
    size_t waits_skipped; // scenario waits still pending when marking ended
    size_t ops_left;      // scenario operations that never ran
    // At mark termination, before the sweep.
    size_t reachable, marked, lost, floating, floating_bytes;
    uint32_t lost_id; // the lost object with the smallest id (0: none)
    char lost_why[512];
    // With tracking: how lost_id was hidden (step -1: unknown).
    int64_t hidden_step, stored_step, deleted_step;
    char hidden_by[320], stored_by[320], deleted_by[320];
    // After the sweep.
    size_t freed, survivors;
    bool dangling;
    char dangling_why[512];
    // The invariant (check_invariant).
    size_t violations;
    int64_t violation_step;
    char violation[512];
    // Work.
    wb_marker_stats_t mk;
    size_t term_work;
    uint64_t stores, stores_marking, barrier_calls;
} wb_cycle_result_t;

// wb_run_new — an experiment on world `w` (not owned) with barrier `kind`:
// installs the lab's marker as the heap's collector. NULL with a reason in
// `err` on OOM or a malformed schedule.
wb_run_t *wb_run_new(wb_world_t *w, wb_kind_t kind, const wb_run_cfg_t *cfg, char *err,
                     size_t errlen);
void wb_run_free(wb_run_t *r);
wb_marker_t *wb_run_marker(const wb_run_t *r);
wb_world_t *wb_run_world(const wb_run_t *r);
const ml_sched_t *wb_run_sched(const wb_run_t *r);
const wb_run_cfg_t *wb_run_cfg(const wb_run_t *r);

// wb_run_cycle — one collection cycle with `mut` running beside marking.
// 0, or -1 with a reason when an operation fails (a scenario error) or
// memory runs out; the cycle is finished either way.
int wb_run_cycle(wb_run_t *r, wb_mutator_t *mut, wb_cycle_result_t *res, char *err, size_t errlen);
// wb_run_between — run `n` operations of `mut` with no cycle (no barrier).
int wb_run_between(wb_run_t *r, wb_mutator_t *mut, size_t n, char *err, size_t errlen);
// wb_trace_compact — the letters of steps [from, to) of the run, with run
// lengths ("C3M4C*" style without the star), into buf.
const char *wb_trace_compact(const wb_run_t *r, uint64_t from, uint64_t to, char *buf, size_t len);

// wb_scenario_mutator — a mutator that plays ops[0..n) once.
typedef struct wb_script {
    const wb_op_t *ops;
    size_t n, pos;
} wb_script_t;
wb_mutator_t wb_script_mutator(wb_script_t *s);

#endif

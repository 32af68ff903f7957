// sched.h — a seeded, deterministic interleaving of mutator and collector
// steps (a one-thread stand-in for Go's scheduler running user goroutines
// beside GC mark workers), so a concurrency bug found once can be replayed
// exactly.
//
// At each step the scheduler picks M (run one mutator step) or C (run one
// collector step). The choice comes from, in order:
//   1. a schedule string, if one was given, read left to right:
//        "MMC"    mutator, mutator, collector
//        "M3C2"   a letter may carry a repeat count (M M M C C)
//        "MC*"    a final `*` repeats the whole pattern forever
//      spaces are ignored; when a finite schedule runs out, step 2 decides;
//   2. the seeded PRNG (memlab/rng.h): M with probability p_mutator.
// When the chosen side has finished, the other side runs instead. Every step
// that ran is recorded as its letter, so ml_sched_trace() is a schedule that
// replays the run: the same seed, or the recorded string, gives the same
// interleaving (given deterministic step functions).
//
// Named adversarial schedules (ml_sched_named): patterns that have found
// lost-object bugs, such as "mutator-burst" (the mutator does many writes
// between two marking steps).
#ifndef MEMLAB_SCHED_H
#define MEMLAB_SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "memlab/rng.h"

// One step of a side. `step` is the scheduler's step number (0, 1, ...).
// Returns true while this side has more to do, false when it has finished
// (the step that returns false did its last work, or none).
typedef bool (*ml_sched_step_fn)(void *arg, uint64_t step);

typedef struct ml_sched {
    ml_rng_t rng;
    uint64_t seed;
    double p_mutator; // probability of M when the PRNG decides
    char *script;     // expanded schedule ("MMMCC"), NULL if none
    size_t script_len, script_pos;
    bool script_loops; // the schedule ended in `*`
    char *trace;       // the letters of the steps that ran, NUL-terminated
    size_t trace_len, trace_cap;
    uint64_t step; // steps run so far
} ml_sched_t;

// ml_sched_init — a scheduler driven by `seed`, choosing M with probability
// `p_mutator` (clamped to [0, 1]). Cannot fail.
void ml_sched_init(ml_sched_t *s, uint64_t seed, double p_mutator);
// ml_sched_set_schedule — follow `schedule` (syntax above) before the seed.
// Returns 0, or -1 with "schedule: position 3: 'x' is not M, C, a count or *"
// in `err` (the scheduler is unchanged). Also -1 on OOM.
int ml_sched_set_schedule(ml_sched_t *s, const char *schedule, char *err, size_t errlen);
// ml_sched_fini — free the scheduler's memory (the struct itself is the
// caller's).
void ml_sched_fini(ml_sched_t *s);

// ml_sched_next — the next decision, 'M' or 'C', without running anything
// and without recording it (ml_sched_record does).
char ml_sched_next(ml_sched_t *s);
// ml_sched_record — record that a step of side `c` ('M' or 'C') ran.
// Returns 0, or -1 on OOM.
int ml_sched_record(ml_sched_t *s, char c);

// ml_sched_run — interleave `mutator` and `collector` until both report
// they have finished, or `max_steps` steps ran (0 = no limit). Returns the
// number of steps run. `arg` goes to both.
uint64_t ml_sched_run(ml_sched_t *s, ml_sched_step_fn mutator, ml_sched_step_fn collector,
                      void *arg, uint64_t max_steps);

uint64_t ml_sched_step(const ml_sched_t *s);
// ml_sched_trace — the recorded steps, e.g. "MMCMC" ("" before any).
const char *ml_sched_trace(const ml_sched_t *s);
// ml_sched_trace_compact — the same with run lengths ("M2CMC"), into buf.
const char *ml_sched_trace_compact(const ml_sched_t *s, char *buf, size_t len);

// ml_sched_named — the schedule string of a named adversarial schedule, or
// NULL if there is no such name. ml_sched_names — the names, NULL-terminated.
const char *ml_sched_named(const char *name);
const char *const *ml_sched_names(void);

#endif

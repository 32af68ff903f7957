// run.h — one workload run on the simulated runtime, recorded: every
// cycle, the student's MemStats view after each cycle, chart samples and
// the totals. The program, the suite and the benchmark all run workloads
// through this.
#ifndef PACER_RUN_H
#define PACER_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "support/sim.h"
#include "support/workloads.h"

typedef struct pacer_run_opts {
    int gogc;              // PACER_GOGC_OFF for off
    uint64_t memory_limit; // PACER_NO_LIMIT for none
    uint64_t steps;        // allocations; 0 = PACER_STEPS
    bool samples;          // record chart samples (every 256 KiB and around cycles)
    bool real_pauses;      // see pacer_sim_config_t
    uint32_t max_cycles;   // 0 = the simulation's default
    pacer_cycle_fn echo;   // also called after each cycle (e.g. print it)
    void *echo_arg;
} pacer_run_opts_t;

typedef struct pacer_run {
    const pacer_workload_t *w;
    pacer_run_opts_t opts;
    pacer_cycle_rec_t *cycles; // ncycles records
    pacer_memstats_t *after;   // MemStats view right after each cycle
    uint64_t *mapped_after;    // memory held right after each cycle
    size_t ncycles, cap;
    pacer_sample_t *samples;
    size_t nsamples, scap;
    pacer_sim_totals_t tot;
    pacer_memstats_t final; // MemStats view at the end
    uint64_t steps_done;
    bool oom, spiral;
    pacer_sim_t *sim; // only while running
} pacer_run_t;

// pacer_run — run workload `w` with `o`, recording into `r` (zeroed
// first). Returns 0, or -1 when memory for the records or the heap runs
// out (the heap running full inside the simulation is not an error: r->oom).
int pacer_run(const pacer_workload_t *w, const pacer_run_opts_t *o, pacer_run_t *r);
// pacer_run_free — free the records. r may be zeroed.
void pacer_run_free(pacer_run_t *r);

#endif

// report.h — how the write-barrier program reports an experiment: the
// results of each barrier on one workload, as text for people (the story of
// a lost object, floating garbage, stop-the-world work, barrier calls, the
// cost of a store, the command that replays the run) or as JSON.
#ifndef WB_REPORT_H
#define WB_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include "support/cost.h"
#include "support/run.h"

#define WB_MAX_CYCLES 64

// Everything the program learned about one barrier on the workload.
typedef struct wb_outcome {
    wb_kind_t kind;
    wb_policy_t policy;
    size_t ncycles;
    wb_cycle_result_t cycles[WB_MAX_CYCLES];
    char *traces[WB_MAX_CYCLES]; // compact schedule of each cycle (owned)
    char *replay;                // the whole run's schedule, compact (owned)
    bool stopped_after_loss;     // later cycles skipped: the heap had dangling pointers
    bool have_cost;
    wb_cost_t cost;
} wb_outcome_t;

// What was run, for the headers and the replay command.
typedef struct wb_workload_desc {
    const char *scenario; // built-in name, or NULL
    const char *file;     // --file, or NULL
    const char *about;    // one line, or NULL
    uint64_t seed;        // random workloads (and the scheduler)
    size_t objects, budget;
    double p_mutator;
    const char *schedule; // given with --schedule, or NULL
    bool invariant_checked;
} wb_workload_desc_t;

// wb_report_text — the results of every barrier in `out[0..n)`, then (n >
// 1) a table comparing them. 0, or -1 on a write error.
int wb_report_text(FILE *f, const wb_workload_desc_t *d, const wb_outcome_t *out, size_t n,
                   bool verbose);
// wb_report_json — the same as one JSON object. 0, or -1 on a write error.
int wb_report_json(FILE *f, const wb_workload_desc_t *d, const wb_outcome_t *out, size_t n);
// wb_outcome_fini — free what an outcome owns.
void wb_outcome_fini(wb_outcome_t *o);

#endif

// workload.h — seeded random workloads of the write-barrier lab: a random
// heap with globals and goroutine stacks, and a random mutator that only
// does what a real program can — copy pointers it can reach: load a field
// of an object held in a local, store a local into a field or a global,
// allocate, clear, copy locals, switch goroutines.
//
// Everything follows from the seed: the heap, and the mutator's operations
// (which depend only on the mutator's own state, never on marking), so a
// run replays exactly from the seed and the printed schedule.
#ifndef WB_WORKLOAD_H
#define WB_WORKLOAD_H

#include <stddef.h>
#include <stdint.h>
#include "support/run.h"
#include "support/world.h"

typedef struct wb_workload_cfg {
    size_t objects; // objects allocated before the first cycle
    size_t globals;
    size_t stacks;        // goroutines
    size_t frames;        // frames per stack
    size_t locals;        // slots per frame
    double edge_p;        // probability that a pointer slot is set
    double root_p;        // probability that a global / local is set
    size_t ops_per_cycle; // mutator operations per cycle, then it idles (0 = no limit)
    uint64_t seed;
} wb_workload_cfg_t;

// wb_workload_default — sizes that scale with `objects` (stacks and
// globals grow with the heap, so stack re-scans grow too), and a mutator
// that runs 2 × objects + 100 operations per cycle — then only marking
// runs, so every cycle ends (a real collector makes the mutator help
// instead: Go's mark assists).
wb_workload_cfg_t wb_workload_default(size_t objects, uint64_t seed);
// wb_workload_world — build the random world. NULL with a reason on OOM or
// a heap too small for the objects.
wb_world_t *wb_workload_world(const wb_workload_cfg_t *cfg, char *err, size_t errlen);

typedef struct wb_random wb_random_t;
// wb_random_new — the random mutator over `w` (NULL on OOM); its seed is
// derived from cfg->seed.
wb_random_t *wb_random_new(wb_world_t *w, const wb_workload_cfg_t *cfg);
void wb_random_free(wb_random_t *rm);
wb_mutator_t wb_random_mutator(wb_random_t *rm);

#endif

// workloads.h — the pacer lab's programs: five allocation patterns run on
// the simulated runtime (sim.h), each also written in Go
// (labs/pacer/data/go/workloads.go) so the lab's pacer can be compared with
// Go's. Every object is a 1 KiB record whose first word is a pointer (Go:
// struct { next *obj; pad [127]uint64 }); a workload allocates `steps`
// of them, 256 MiB in all at scale 1.
//
//   steady    a ring of 16 Ki records (16 MiB live); each new record
//             replaces the oldest
//   growing   one record in 5 is kept for good, the others die at once: the
//             live heap grows to ~51 MiB
//   spikes    an 8 MiB ring, and in every 64 MiB of allocation a burst of
//             24 MiB held together for a while, then dropped
//   leak      an 8 MiB ring, and one record in 16 leaked (kept for good):
//             the live heap creeps up to 24 MiB
//   overlimit a ring of 64 MiB: more than its 48 MiB memory limit
#ifndef PACER_WORKLOADS_H
#define PACER_WORKLOADS_H

#include <stdint.h>
#include "support/sim.h"

#define PACER_OBJ_BYTES 1024u
#define PACER_STEPS (256u * 1024u) // records allocated at scale 1

typedef struct pacer_workload {
    const char *name;
    const char *what;         // one line, for --help and reports
    uint64_t suggested_limit; // the limit the checks run it with (0 = none)
    // Runs the workload on `s`, `steps` allocations; returns the allocations
    // made (fewer when the simulated program stopped).
    uint64_t (*run)(pacer_sim_t *s, uint64_t steps);
} pacer_workload_t;

// The workloads, in the order above; *n gets their number.
const pacer_workload_t *pacer_workloads(size_t *n);
// pacer_workload_find — the workload named `name`, or NULL.
const pacer_workload_t *pacer_workload_find(const char *name);

#endif

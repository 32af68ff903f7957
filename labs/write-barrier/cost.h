// cost.h — what a pointer store costs: the same store loop three ways, in
// nanoseconds per store (medians of repeated runs):
//   raw   plain C stores `*slot = val`: no barrier compiled in;
//   off   ml_gc_write_ptr with no cycle running: the barrier's fast path,
//         one test of a flag (Go's `if writeBarrier.enabled`);
//   on    ml_gc_write_ptr while marking runs: the slow path, the marker's
//         hook and the barrier of its kind (shading, mostly of objects
//         already marked, as in a long-running program).
// The loop stores into the pointer slots of `objects` nodes kept alive by a
// global (so nothing it does can lose an object), choosing slot and value
// with a cheap LCG that is the same for all three.
#ifndef WB_COST_H
#define WB_COST_H

#include <stddef.h>
#include "marker.h"

typedef struct wb_cost {
    double raw_ns, off_ns, on_ns;   // per store
    size_t stores;                  // stores per timed run
} wb_cost_t;

// wb_cost_measure — measure on heap `h`, whose collector must be marker
// `m` (installed, no cycle running). `objects` must be a power of two.
// Adds a global and objects to the heap (freed by the heap). 0, or -1 on
// OOM. Runs `reps` (≤ 64) cycles of marking for `on`.
int wb_cost_measure(ml_gc_heap_t *h, wb_marker_t *m, size_t objects, size_t stores, int reps,
                    wb_cost_t *out);

#endif

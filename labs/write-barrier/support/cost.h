// cost.h — what a pointer store costs: the same store loop seven ways, in
// nanoseconds per store (medians of repeated runs):
//   raw     plain C stores, no barrier compiled in, through an inline
//           function called as ml_gc_write_ptr is (the same loop code but
//           for the barrier: the baseline of every ratio);
//   assign  the same plain stores written `*slot = val`, for which gcc
//           orders the loads otherwise (slot first, then value);
//   off     ml_gc_write_ptr with no cycle running and store counting off
//           (ml_gc_set_count_stores): the barrier's fast path alone, one
//           test of a flag byte (Go's `if writeBarrier.enabled`);
//   counted ml_gc_write_ptr with no cycle running and store counting on
//           (opt-in: a program that reports the count turns it on): every
//           store counts itself — what the statistic costs;
//   after_slow  GC off again, in the same loop code as `counted`, timed on
//           the pass right after a counted one: what a store site pays
//           while the processor still predicts its slow path (the `off`
//           loop is a separate copy that never runs the slow path);
//   split   GC off, the `off` loop built with GCC's -fsplit-loops (an -O3
//           pass; the rest is -O2): the compiler tests the flag once and
//           runs the stores after the first fast one with no test, as
//           nothing but the slow path's call can change the flag;
//   on      ml_gc_write_ptr while marking runs, with the heap's own counting
//           setting (the default: off; when on, the count is a few
//           instructions beside a barrier call): the slow path, the marker's hook and the barrier
//           of its kind (shading, mostly of objects already marked, as in a
//           long-running program).
// The heap's counting setting is restored afterwards.
// The loop stores into the pointer slots of `objects` nodes kept alive by a
// global (so nothing it does can lose an object), in one of two patterns:
//   random      slot and value chosen by a cheap LCG (a serial chain of
//               multiply-adds, as in code that chases pointers: the loop is
//               bound by latency, and independent work such as the
//               barrier's flag test overlaps with it);
//   sequential  slot i, value (5 i) mod n (a loop filling an array of
//               pointers: bound by throughput, so every extra instruction
//               of the barrier shows).
#ifndef WB_COST_H
#define WB_COST_H

#include <stddef.h>
#include "support/marker.h"

typedef enum { WB_COST_RANDOM, WB_COST_SEQUENTIAL } wb_cost_pattern_t;

typedef struct wb_cost {
    double raw_ns, off_ns, on_ns; // per store
    double counted_ns;            // GC off, stores counted (opt-in)
    double after_slow_ns;         // GC off, in a loop whose previous pass ran
                                  // the slow path (counted)
    double split_ns;              // GC off, loop built with -fsplit-loops
    double assign_ns;             // plain stores written `*slot = val`
    size_t stores;                // stores per timed run
} wb_cost_t;

// wb_cost_measure — measure on heap `h`, whose collector must be marker
// `m` (installed, no cycle running). `objects` must be a power of two.
// Adds a global and objects to the heap (freed by the heap). 0, or -1 on
// OOM. Runs `reps` (≤ 64) cycles of marking for `on`.
int wb_cost_measure(ml_gc_heap_t *h, wb_marker_t *m, wb_cost_pattern_t pattern, size_t objects,
                    size_t stores, int reps, wb_cost_t *out);

#endif

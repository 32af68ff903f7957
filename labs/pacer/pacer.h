// pacer.h — the pacer lab's student API: when the collector runs, and how
// much memory that buys (Go's runtime/mgcpacer.go and mgclimit.go, Go 1.19).
// You implement every function declared here in pacer.c; the simulated
// runtime (support/sim.c), the program, the suite and the benchmark call
// them only through this header.
//
// The words, Go's:
//   heap marked   the bytes the last cycle found live (Go's heapMarked)
//   heap live     the bytes allocated right now, live or not yet swept
//                 (Go's heapLive; the core's HeapAlloc)
//   heap goal     the heap live the pacer wants the next cycle to end at
//   trigger       the heap live at which the next cycle starts, somewhat
//                 before the goal so that marking can end by the goal while
//                 the program keeps allocating
//   runway        how many bytes the program allocates while one cycle marks
//   memory limit  a soft cap on ALL the memory the runtime holds (heap,
//                 stacks, globals, its own structures): GOMEMLIMIT
//   the limiter   a leaky bucket of CPU time that keeps the collector below
//                 50 % of the CPU when the limit cannot be met
//
// A pacer belongs to one simulated program; nothing here is thread-safe.
// No function allocates memory.
#ifndef PACER_H
#define PACER_H

#include <stdbool.h>
#include <stdint.h>
#include "memlab/stats.h"

// ---- Go 1.19's constants (runtime/mgcpacer.go, mgclimit.go) ------------------

#define PACER_HEAP_MINIMUM (4ull << 20)    // defaultHeapMinimum: the smallest goal at GOGC=100
#define PACER_LIMIT_HEADROOM (1ull << 20)  // memoryLimitHeapGoalHeadroom
#define PACER_TRIGGER_DEN 64               // triggerRatioDen
#define PACER_TRIGGER_MIN_NUM 45           // minTriggerRatioNum: ~0.7 of the way to the goal
#define PACER_TRIGGER_MAX_NUM 61           // maxTriggerRatioNum: ~0.95 of the way
#define PACER_GOAL_UTILIZATION 0.25        // gcGoalUtilization: the marker's share of the CPU
#define PACER_LIMITER_NS_PER_PROC 1000000000ull  // capacityPerProc: 1 CPU-second per P

#define PACER_GOGC_OFF (-1)        // GOGC=off
#define PACER_NO_LIMIT UINT64_MAX  // no memory limit (Go: math.MaxInt64)
#define PACER_NEVER UINT64_MAX     // a goal or trigger that is never reached

// ---- what the runtime tells the pacer -------------------------------------------

// The runtime's memory, as the memory limit counts it (Go's mappedReady,
// heapFree and heapAlloc).
typedef struct pacer_mem {
    uint64_t mapped;      // every byte the runtime holds from the OS and has not
                          // released: heap spans in use, free heap pages not yet
                          // released, stacks, globals, the runtime's own structures
    uint64_t heap_free;   // free heap pages not yet released (part of `mapped`)
    uint64_t heap_alloc;  // bytes of allocated objects (part of `mapped`)
} pacer_mem_t;

// What the runtime measured over one cycle, for pacer_end_cycle.
typedef struct pacer_cycle {
    uint64_t heap_marked;   // heap live right after the sweep: what marking found live
    uint64_t heap_scan;     // bytes of heap objects marking scanned (Go's heapScan)
    uint64_t stack_scan;    // bytes of stacks scanned (Go's lastStackScan)
    uint64_t globals_scan;  // bytes of globals scanned (Go's globalsScan)
    uint64_t alloc_bytes;   // bytes allocated from the end of the previous cycle
                            // (the start of the program for the first) to the
                            // end of this one's marking
    uint64_t mutator_ns;    // the program's CPU time over the same stretch
    uint64_t mark_ns;       // the CPU time this cycle's marking took
    uint64_t pause_ns;      // this cycle's stop-the-world time
    pacer_mem_t mem;        // the runtime's memory right after the sweep
} pacer_cycle_t;

// ---- the pacer -------------------------------------------------------------------

typedef struct pacer {
    // Settings (pacer_init).
    int gogc;               // GOGC, or PACER_GOGC_OFF
    uint64_t memory_limit;  // bytes, or PACER_NO_LIMIT
    unsigned procs;         // GOMAXPROCS of the simulated machine (>= 1)
    uint64_t heap_minimum;  // the smallest GOGC goal: 4 MiB × GOGC / 100

    // What the last cycle measured (pacer_end_cycle; all 0 before the first).
    uint64_t heap_marked;
    uint64_t last_heap_scan;
    uint64_t last_stack_scan;
    uint64_t globals_scan;
    double cons_mark;       // allocation rate / scan rate of the last cycle
    uint64_t runway;        // bytes the program allocates while a cycle marks

    // What MemStats shows.
    uint64_t next_gc;       // the heap goal after the last cycle (before the
                            // first: the goal of an empty heap)
    uint32_t num_gc;        // completed cycles
    uint64_t pause_total_ns;
    uint64_t gc_cpu_ns;     // CPU time spent collecting, since the start
    uint64_t total_cpu_ns;  // CPU time available (all procs), since the start

    // The GC CPU limiter (Go's gcCPULimiter).
    uint64_t bucket_capacity;  // procs × 1 CPU-second
    uint64_t bucket_fill;      // 0 ≤ fill ≤ capacity
    uint64_t overflow;         // GC time that did not fit in the bucket
    bool limiting;             // the bucket is full: the collector is capped
} pacer_t;

// The part of runtime.MemStats the lab shows (Go's names).
typedef struct pacer_memstats {
    uint64_t heap_alloc;      // HeapAlloc: bytes of allocated objects
    uint64_t heap_inuse;      // HeapInuse: bytes in spans holding objects
    uint64_t heap_idle;       // HeapIdle: heap bytes in no span
    uint64_t heap_released;   // HeapReleased: idle bytes given back to the OS
    uint64_t next_gc;         // NextGC: the heap goal
    uint32_t num_gc;          // NumGC: completed cycles
    uint64_t pause_total_ns;  // PauseTotalNs
    double gc_cpu_fraction;   // GCCPUFraction: share of the CPU the collector used
} pacer_memstats_t;

// ---- task 1: the GOGC goal -----------------------------------------------------------

// pacer_init — a pacer for GOGC `gogc` (PACER_GOGC_OFF or any value ≥ 0;
// other negative values mean off too), the memory limit `memory_limit`
// (bytes, or PACER_NO_LIMIT) and `procs` ≥ 1 processors (0 is taken as 1).
// Sets the settings, heap_minimum (4 MiB × GOGC / 100, rounded down; 0 when
// GOGC is off), the limiter's capacity (procs × PACER_LIMITER_NS_PER_PROC,
// empty, not limiting), every measurement to 0, and next_gc to the goal of
// an empty heap with no memory in use. Cannot fail.
void pacer_init(pacer_t *p, int gogc, uint64_t memory_limit, unsigned procs);

// pacer_gogc_goal — the goal GOGC alone sets after the last cycle (Go 1.18+):
//     heap_marked + (heap_marked + last_stack_scan + globals_scan) × GOGC / 100
// (the division rounding down), never below heap_minimum. PACER_NEVER when
// GOGC is off, and when the true value does not fit in 64 bits (it never
// wraps around). Changes nothing.
uint64_t pacer_gogc_goal(const pacer_t *p);

// ---- task 2: the memory limit's goal --------------------------------------------------

// pacer_limit_goal — the goal the memory limit sets, given the runtime's
// memory `m` now (Go's memoryLimitHeapGoal). PACER_NEVER without a limit.
// Otherwise: the memory that is not heap objects nor free heap pages
// (mapped − heap_free − heap_alloc, 0 if that is negative) plus how far
// `mapped` already is over the limit (0 if it is not) is what the heap
// cannot have. If that is at least the limit, the goal is heap_marked.
// Else the goal is the limit minus it, minus PACER_LIMIT_HEADROOM — but
// never below PACER_LIMIT_HEADROOM (when the difference is smaller than
// twice the headroom, the goal is the headroom), and never below
// heap_marked. Changes nothing.
uint64_t pacer_limit_goal(const pacer_t *p, const pacer_mem_t *m);

// pacer_heap_goal — the goal in force: the smaller of the GOGC goal and the
// memory limit's goal. PACER_NEVER with GOGC off and no limit. Changes nothing.
uint64_t pacer_heap_goal(const pacer_t *p, const pacer_mem_t *m);

// ---- task 3: the trigger ----------------------------------------------------------------

// pacer_trigger — the heap live at which to start the next cycle, for heap
// goal `goal` (Go 1.19's trigger bounds, without the sweeper's terms):
//   - if heap_marked ≥ goal, the trigger is `goal` (collect continuously);
//   - with d = (goal − heap_marked) / PACER_TRIGGER_DEN (rounding down),
//     the lowest trigger is heap_marked + d × PACER_TRIGGER_MIN_NUM and the
//     highest heap_marked + d × PACER_TRIGGER_MAX_NUM — or goal − 4 MiB
//     (PACER_HEAP_MINIMUM, whatever GOGC is) when the goal is over 4 MiB
//     and that is higher; the highest is never below the lowest;
//   - the trigger is goal − runway (the lowest if the runway exceeds the
//     goal), clamped between the lowest and the highest.
// PACER_NEVER when `goal` is PACER_NEVER. The result is never above `goal`.
// Changes nothing.
uint64_t pacer_trigger(const pacer_t *p, uint64_t goal);

// pacer_should_start — whether a cycle should start now that the heap live
// is `heap_live` and the runtime's memory is `m`: true exactly when
// heap_live has reached the trigger of the goal in force. Never true when
// that goal is PACER_NEVER (GOGC off, no limit). Changes nothing.
bool pacer_should_start(const pacer_t *p, uint64_t heap_live, const pacer_mem_t *m);

// pacer_end_cycle — record a finished cycle `c` (Go's commit, at the end of
// mark termination): heap_marked, last_heap_scan, last_stack_scan and
// globals_scan from `c`; cons_mark = (alloc_bytes / mutator_ns) /
// (heap_scan / mark_ns), in doubles — 0 when any of the four is 0; runway =
// cons_mark × (1 − PACER_GOAL_UTILIZATION) / PACER_GOAL_UTILIZATION ×
// (heap_scan + stack_scan + globals_scan), converted to an integer by
// truncation (PACER_NEVER if it does not fit); one more cycle in num_gc,
// pause_ns added to pause_total_ns, and next_gc set to the goal in force
// with the new heap_marked and the memory `c->mem`.
void pacer_end_cycle(pacer_t *p, const pacer_cycle_t *c);

// ---- task 4: the GC CPU limiter ----------------------------------------------------------

// pacer_limiter_accumulate — account for a stretch of time in which the
// program ran for `mutator_ns` and the collector for `gc_ns` of CPU time
// (Go's gcCPULimiter.accumulate). First, for GCCPUFraction: gc_cpu_ns +=
// gc_ns, total_cpu_ns += mutator_ns + gc_ns. Then the bucket: it fills with
// GC time and drains with mutator time, by the difference. If it would
// rise to its capacity or beyond, it is full, the excess goes to overflow,
// and the limiter is limiting. Otherwise the fill changes by the difference
// (never below 0), and if it changed at all the limiter is not limiting.
// (An equal stretch of both leaves everything as it was.)
void pacer_limiter_accumulate(pacer_t *p, uint64_t mutator_ns, uint64_t gc_ns);

// pacer_limiter_enabled — whether the limiter is capping the collector now:
// the runtime then stops making the program help with marking (assists), so
// the heap grows past its goal rather than the collector taking more CPU.
bool pacer_limiter_enabled(const pacer_t *p);

// ---- task 5: MemStats ----------------------------------------------------------------------

// pacer_read_memstats — fill `out` from the core's snapshot `core` (heap
// fields) and the pacer (NextGC, NumGC, PauseTotalNs, and GCCPUFraction =
// gc_cpu_ns / total_cpu_ns, 0 before any time was accounted).
void pacer_read_memstats(const pacer_t *p, const ml_memstats_t *core, pacer_memstats_t *out);

#endif

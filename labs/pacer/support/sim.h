// sim.h — the pacer lab's simulated Go program: the core's GC heap, a
// virtual CPU clock, a concurrent marker at 25 % of the CPU with assists,
// and the student's pacer deciding when each cycle starts (support code:
// students read it, they do not change it).
//
// Why simulated time. A pacer's decisions depend on how fast the program
// allocates and how fast the collector marks. Measured on a real clock they
// would change from run to run and machine to machine; the suite needs the
// same cycles every time. So the simulation keeps a VIRTUAL clock: the
// program costs mutator_ns_per_byte of CPU per byte it allocates, marking
// costs mark_ns_per_object per object it scans, each cycle's two
// stop-the-world pauses cost stw_ns. The heap itself is real (the core's
// ml_gc_heap_t, collected by the core's marker), and the real time of each
// cycle's stop-the-world work is measured too, for the program's report.
//
// One processor (GOMAXPROCS=1), as Go runs with one P:
//   - no cycle running: the program has the whole CPU;
//   - marking (between the trigger and the end of marking): the background
//     worker gets 25 % of the CPU, the program 75 % (Go's fractional worker);
//   - assists: once the heap live reaches the goal while marking, the
//     program stops and marks (in slices of assist_slice_ns) until marking
//     is done — unless the limiter is enabled: then it does not assist, and
//     allocates on past the goal (Go 1.19 skips assists while limiting);
//   - the limiter is told the program's and the collector's time every
//     10 ms of virtual time and at the start and end of each cycle (Go's
//     gcCPULimiterUpdatePeriod), and after every slice of an assist: so it
//     turns on as soon as the bucket is full, and once on, assists stay
//     off until the next 10 ms update.
// A cycle: start (STW: roots shaded, A = heap live), marking beside the
// program, end of marking (B = heap live), mark termination and sweep (STW:
// C = heap live after the sweep), then pacer_end_cycle with what it
// measured. A, B, C are the three numbers of Go's gctrace line.
//
// The core's marker has no write barrier; the workloads only ever store
// objects allocated since the cycle began (black), never an older object,
// so no reachable object is missed (see the write-barrier lab for why).
#ifndef PACER_SIM_H
#define PACER_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "memlab/gcheap.h"
#include "pacer.h"

// The simulated machine's costs.
typedef struct pacer_cost {
    double mutator_ns_per_byte; // program CPU per byte it allocates
    double mark_ns_per_object;  // collector CPU per object it scans
    uint64_t stw_ns;            // CPU of one cycle's stop-the-world work (both pauses)
    uint64_t assist_slice_ns;   // an assist's unit of work, between limiter checks
    uint64_t overhead_bytes;    // the runtime's own memory (counted by the limit)
} pacer_cost_t;

// pacer_default_cost — 1 ns/byte of program work, 100 ns per object scanned,
// 50 µs of STW per cycle, assists in 100 µs slices, 2 MiB of runtime memory.
pacer_cost_t pacer_default_cost(void);

// One finished cycle, as the trace line shows it.
typedef struct pacer_cycle_rec {
    uint32_t n;           // 1, 2, ...
    uint64_t start_ns;    // virtual time at the start (since the program began)
    uint64_t end_ns;      // virtual time at the end of the sweep
    uint64_t heap_start;  // A: heap live when the cycle started
    uint64_t heap_end;    // B: heap live when marking ended
    uint64_t heap_marked; // C: heap live after the sweep
    uint64_t goal;        // the goal in force when the cycle started
    uint64_t trigger;     // the trigger it started at
    uint64_t stacks, globals;
    uint64_t mark_ns;       // virtual CPU of marking (background + assists)
    uint64_t assist_ns;     // of which assists
    double cpu_fraction;    // GC share of the CPU since the start, at the end
    uint64_t real_ns;       // real time of the two STW parts (the core's work)
    bool limited;           // the limiter was enabled during the cycle
    uint64_t mapped_peak;   // the most memory the runtime held during the cycle
    pacer_cycle_t measured; // what pacer_end_cycle was told
} pacer_cycle_rec_t;

// A point of the heap-over-time chart.
typedef struct pacer_sample {
    uint64_t t_ns;      // virtual time
    uint64_t heap_live; // bytes of objects
    uint64_t goal;      // the goal in force (PACER_NEVER when none)
    uint64_t mapped;    // all the memory the limit counts
} pacer_sample_t;

typedef void (*pacer_cycle_fn)(const pacer_cycle_rec_t *r, void *arg);
typedef void (*pacer_sample_fn)(const pacer_sample_t *s, void *arg);

typedef struct pacer_sim_config {
    int gogc;              // PACER_GOGC_OFF for off
    uint64_t memory_limit; // PACER_NO_LIMIT for none
    pacer_cost_t cost;
    uint32_t max_cycles;     // stop the program after this many cycles (a death
                             // spiral); 0 = 20000
    size_t arena_bytes;      // the heap's address space; 0 = 512 MiB
    bool real_pauses;        // PauseTotalNs from the real clock (the program's
                             // report) instead of the virtual stw_ns (the suite)
    uint64_t sample_bytes;   // a sample every this many bytes allocated (and
                             // around each cycle); 0 = no samples
    pacer_cycle_fn on_cycle; // called after each cycle (NULL = none)
    pacer_sample_fn on_sample;
    void *arg;
} pacer_sim_config_t;

// pacer_sim_default_config — GOGC 100, no limit, the default costs.
pacer_sim_config_t pacer_sim_default_config(void);

typedef struct pacer_sim pacer_sim_t;

// pacer_sim_new — a simulated program with an empty heap and its pacer
// (pacer_init with the config's GOGC and limit, one processor). NULL when
// memory runs out or the arena cannot be reserved.
pacer_sim_t *pacer_sim_new(const pacer_sim_config_t *cfg);
// pacer_sim_destroy — free it all. NULL is ignored.
void pacer_sim_destroy(pacer_sim_t *s);

ml_gc_heap_t *pacer_sim_heap(pacer_sim_t *s);
pacer_t *pacer_sim_pacer(pacer_sim_t *s);

// pacer_sim_alloc — the program allocates `count` values of type `t` (one
// object): a cycle starts first if the pacer says so; then the virtual
// clock runs for the bytes allocated, marking progresses, assists run, the
// cycle ends when marking is done. Returns the object (black while
// marking), or NULL when the program has stopped: the arena is full
// (pacer_sim_out_of_memory) or max_cycles cycles ran (pacer_sim_spiral).
// Once stopped it stays stopped.
void *pacer_sim_alloc(pacer_sim_t *s, const ml_type_t *t, size_t count);
bool pacer_sim_stopped(const pacer_sim_t *s);
bool pacer_sim_out_of_memory(const pacer_sim_t *s);
bool pacer_sim_spiral(const pacer_sim_t *s);

// pacer_sim_mem — the runtime's memory now, as the limit counts it.
pacer_mem_t pacer_sim_mem(pacer_sim_t *s);
// pacer_sim_heap_live — the heap live now (the core's HeapAlloc).
uint64_t pacer_sim_heap_live(pacer_sim_t *s);

// Totals since the start.
typedef struct pacer_sim_totals {
    uint64_t alloc_bytes;    // bytes allocated
    uint64_t mutator_ns;     // virtual CPU of the program
    uint64_t gc_ns;          // virtual CPU of the collector
    uint64_t peak_heap;      // the largest heap live seen (Go's max of A and B)
    uint64_t peak_mapped;    // the most memory held
    uint32_t cycles;         // completed cycles
    uint32_t limited_cycles; // cycles during which the limiter was enabled
    uint64_t real_stw_ns;    // real time of the collector's STW work
} pacer_sim_totals_t;
pacer_sim_totals_t pacer_sim_totals(const pacer_sim_t *s);

// pacer_sim_memstats — the student's MemStats view of the program now.
void pacer_sim_memstats(pacer_sim_t *s, pacer_memstats_t *out);

#endif

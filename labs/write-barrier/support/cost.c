// cost.c — the cost of a pointer store with and without a write barrier
// (see cost.h). The loops of one pattern are the same code but for the
// store itself (a plain store through an inline function of the same shape,
// or the core's ml_gc_write_ptr); each is a
// separate non-inlined function so the compiler treats them alike. The
// barrier loop exists twice, the same code at two addresses: one runs only
// with GC off, the other runs the slow path (counting, marking), see
// COST_SEQ_BARRIER; and a third time built with -fsplit-loops (COST_SPLIT).
#include "support/cost.h"

#include <stdint.h>
#include <stdlib.h>

#include "memlab/clock.h"

static const ml_type_t COST_NODE = ML_TYPE("CostNode", 24, 0x3);
static const ml_type_t COST_PTR = ML_TYPE("CostPtr", 8, 0x1);

#define LCG(x) ((x)*1664525u + 1013904223u)

// Every timed loop starts on a 64-byte boundary (its body is shorter), so
// where the linker happens to put it cannot tilt the comparison: a loop of
// ten instructions runs 10-15 % slower when a branch straddles a fetch
// block, which is as much as the difference being measured. no_icf: the
// copies below must stay separate functions (GCC would otherwise fold
// identical ones into one).
#define COST_LOOP __attribute__((noinline, no_icf, aligned(64), optimize("align-loops=64")))

// The plain loops: the barrier loops below with cost_plain_write, a store
// and nothing else, in place of ml_gc_write_ptr — the same source shape, so
// the only difference the compiler sees is the barrier. The shape matters:
// gcc evaluates a call's arguments last to first (the value, then the
// slot) but an assignment's target first, and in the sequential loop on the
// reference machine that order alone moves the time by up to 9 % (a median
// of 4 % over the bench's runs) — as much as the target. The baseline is
// this like-for-like loop.
static inline void cost_plain_write(void **slot, void *val)
{
    *slot = val;
}

COST_LOOP static void loop_raw(void ***slots, void **vals, size_t mask, size_t n)
{
    uint32_t x = 12345;
    for (size_t i = 0; i < n; i++) {
        x = LCG(x);
        cost_plain_write(slots[x & mask], vals[(x >> 12) & mask]);
    }
}

COST_LOOP static void seq_raw(void ***slots, void **vals, size_t mask, size_t n)
{
    for (size_t i = 0; i < n; i++)
        cost_plain_write(slots[i & mask], vals[(i * 5) & mask]);
}

// The same plain stores written as assignments, `*slot = val`: gcc loads
// the slot first, then the value (the `assign` figure).
COST_LOOP static void loop_assign(void ***slots, void **vals, size_t mask, size_t n)
{
    uint32_t x = 12345;
    for (size_t i = 0; i < n; i++) {
        x = LCG(x);
        *slots[x & mask] = vals[(x >> 12) & mask];
    }
}

COST_LOOP static void seq_assign(void ***slots, void **vals, size_t mask, size_t n)
{
    for (size_t i = 0; i < n; i++)
        *slots[i & mask] = vals[(i * 5) & mask];
}

// The barrier loops, stamped twice per pattern: `_off` runs only with the
// flag byte 0 (the GC-off figure), `_slow` runs the slow path (stores
// counted, marking) and, for the "just ran the slow path" figure, GC off
// too. A store site keeps state in the processor's predictors (keyed by
// instruction address) for a while after its slow path ran: measured on
// the reference machine, GC-off stores in the sequential loop cost 16-38 %
// more for a whole pass of 500,000 stores and more after counted ones in the same
// loop. One loop for every variant would charge that to the GC-off figure,
// which is about a store site that runs with GC off.
#define COST_SEQ_BARRIER(name, attrs)                                                          \
    attrs static void name(ml_gc_heap_t *h, void ***slots, void **vals, size_t mask, size_t n) \
    {                                                                                          \
        for (size_t i = 0; i < n; i++)                                                         \
            ml_gc_write_ptr(h, slots[i & mask], vals[(i * 5) & mask]);                         \
    }
#define COST_RANDOM_BARRIER(name, attrs)                                                       \
    attrs static void name(ml_gc_heap_t *h, void ***slots, void **vals, size_t mask, size_t n) \
    {                                                                                          \
        uint32_t x = 12345;                                                                    \
        for (size_t i = 0; i < n; i++) {                                                       \
            x = LCG(x);                                                                        \
            ml_gc_write_ptr(h, slots[x & mask], vals[(x >> 12) & mask]);                       \
        }                                                                                      \
    }
COST_SEQ_BARRIER(seq_barrier_off, COST_LOOP)
COST_SEQ_BARRIER(seq_barrier_slow, COST_LOOP)
COST_RANDOM_BARRIER(loop_barrier_off, COST_LOOP)
COST_RANDOM_BARRIER(loop_barrier_slow, COST_LOOP)

// The GC-off loop once more, built with GCC's -fsplit-loops (part of -O3,
// not of the -O2 everything else here is built with): the compiler sees
// that the flag can change only inside the slow path's call (nothing else
// in the loop writes it), so it splits the loop in two — a first loop that
// tests the flag and runs the slow path while it is set, and, once a store
// took the fast path, a second loop of plain stores with no test. The flag
// is still tested, once per run of fast-path stores: what hoisting the
// test out of a loop with no safepoint in its fast path buys. Go's
// compiler cannot do this: its flag may change at any preemption point.
#define COST_SPLIT \
    __attribute__((noinline, no_icf, aligned(64), optimize("align-loops=64", "split-loops")))
COST_SEQ_BARRIER(seq_barrier_split, COST_SPLIT)
COST_RANDOM_BARRIER(loop_barrier_split, COST_SPLIT)

int wb_cost_measure(ml_gc_heap_t *h, wb_marker_t *m, wb_cost_pattern_t pattern, size_t objects,
                    size_t stores, int reps, wb_cost_t *out)
{
    void (*raw_fn)(void ***, void **, size_t, size_t) =
        pattern == WB_COST_RANDOM ? loop_raw : seq_raw;
    void (*assign_fn)(void ***, void **, size_t, size_t) =
        pattern == WB_COST_RANDOM ? loop_assign : seq_assign;
    void (*off_fn)(ml_gc_heap_t *, void ***, void **, size_t, size_t) =
        pattern == WB_COST_RANDOM ? loop_barrier_off : seq_barrier_off;
    void (*slow_fn)(ml_gc_heap_t *, void ***, void **, size_t, size_t) =
        pattern == WB_COST_RANDOM ? loop_barrier_slow : seq_barrier_slow;
    void (*split_fn)(ml_gc_heap_t *, void ***, void **, size_t, size_t) =
        pattern == WB_COST_RANDOM ? loop_barrier_split : seq_barrier_split;
    (void)m; // the heap's collector; named to make the contract visible
    if (objects == 0 || (objects & (objects - 1)) || reps < 1 || reps > 64)
        return -1;
    size_t nslots = 2 * objects;
    void ***slots = malloc(nslots * sizeof *slots);
    void **vals = malloc(nslots * sizeof *vals);
    int g = ml_gc_global_add(h, "store-cost");
    void *arr = g < 0 ? NULL : ml_gc_alloc_array(h, &COST_PTR, objects);
    if (!slots || !vals || !arr) {
        free(slots);
        free(vals);
        return -1;
    }
    ml_gc_write_global(h, g, arr);
    for (size_t i = 0; i < objects; i++) {
        void *node = ml_gc_alloc(h, &COST_NODE);
        if (!node) {
            free(slots);
            free(vals);
            return -1;
        }
        ml_gc_write(h, arr, i, node);
        slots[2 * i] = ml_gc_slot_addr(h, node, 0);
        slots[2 * i + 1] = ml_gc_slot_addr(h, node, 1);
        vals[2 * i] = node;
        vals[2 * i + 1] = NULL; // some stores delete
    }
    // The six GC-off variants run in a mirrored order (A B C D E F F E D C B
    // A, the first letter rotating from one repetition to the next), each
    // timed run after an untimed warm-up pass, and each variant's figure is
    // the mean of its two runs: a load that drifts during the repetition,
    // and the order itself, weigh on every variant alike. Thread CPU time:
    // not the time other processes ran. The variants: 0 plain stores, 1 GC
    // off (its own loop, warmed up with GC off), 2 stores counted (the slow
    // loop), 3 GC off in the slow loop right after a pass of it with
    // counting on (its warm-up), 4 GC off in the loop built with
    // -fsplit-loops, 5 plain stores written as assignments.
    bool counting = ml_gc_config(h)->count_stores;
    double raw[64], off[64], on[64], cnt[64], after[64], split[64], assign[64];
    double *const dst[6] = { raw, off, cnt, after, split, assign };
    for (int r = 0; r < reps; r++) {
        raw[r] = off[r] = cnt[r] = after[r] = split[r] = assign[r] = 0;
        for (int j = 0; j < 12; j++) {
            int which = (r + (j < 6 ? j : 11 - j)) % 6;
            for (int pass = 0; pass < 2; pass++) {
                ml_gc_set_count_stores(h, which == 2 || (which == 3 && pass == 0));
                uint64_t t0 = ml_thread_cpu_ns();
                if (which == 0)
                    raw_fn(slots, vals, nslots - 1, stores);
                else if (which == 5)
                    assign_fn(slots, vals, nslots - 1, stores);
                else if (which == 1)
                    off_fn(h, slots, vals, nslots - 1, stores);
                else if (which == 4)
                    split_fn(h, slots, vals, nslots - 1, stores);
                else
                    slow_fn(h, slots, vals, nslots - 1, stores);
                if (pass == 1)
                    dst[which][r] += (double)(ml_thread_cpu_ns() - t0) / (double)stores / 2;
            }
        }
        ml_gc_set_count_stores(h, counting);
        ml_gc_cycle_begin(h);
        slow_fn(h, slots, vals, nslots - 1, stores / 8); // warm-up: first shades
        uint64_t t3 = ml_thread_cpu_ns();
        slow_fn(h, slots, vals, nslots - 1, stores);
        uint64_t t4 = ml_thread_cpu_ns();
        ml_gc_cycle_finish(h);
        on[r] = (double)(t4 - t3) / (double)stores;
    }
    out->raw_ns = ml_median(raw, (size_t)reps);
    out->off_ns = ml_median(off, (size_t)reps);
    out->on_ns = ml_median(on, (size_t)reps);
    out->counted_ns = ml_median(cnt, (size_t)reps);
    out->after_slow_ns = ml_median(after, (size_t)reps);
    out->split_ns = ml_median(split, (size_t)reps);
    out->assign_ns = ml_median(assign, (size_t)reps);
    out->stores = stores;
    free(slots);
    free(vals);
    return 0;
}

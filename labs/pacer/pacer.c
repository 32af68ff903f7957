// pacer.c — YOUR FILE for the pacer lab: the decisions of Go's GC pacer
// (runtime/mgcpacer.go) and of its GC CPU limiter (runtime/mgclimit.go),
// as Go 1.19 makes them. The contracts are in pacer.h; the handout
// (README.md) explains the goal, the trigger, the memory limit and the
// limiter, and gives the tasks in order.
//
// The simulated runtime (support/sim.c) calls you:
//   - before every allocation: pacer_should_start — is it time for a cycle?
//   - at the end of every cycle: pacer_end_cycle — what the cycle measured;
//   - every 10 ms of (virtual) time: pacer_limiter_accumulate — who used the
//     CPU — and pacer_limiter_enabled — may the program be made to assist?
//   - for MemStats: pacer_read_memstats.
//
// Rules of the game:
//   - every byte count is a uint64_t; heaps of 2^60 bytes and GOGC=1000000
//     must not wrap around (think about which products can overflow);
//   - PACER_NEVER (UINT64_MAX) stands for "no goal" / "never trigger";
//   - nothing here allocates memory or reads a clock: the pacer is a pure
//     function of what it is told, which is what makes it testable.
//
// Every TODO below returns a safe default, so the program and the grader run
// from the first clone (the collector never runs yet: every goal is
// PACER_NEVER, as if GOGC were off).
#include "pacer.h"

#include <string.h>

// ---- task 1: settings and the GOGC goal ---------------------------------------

void pacer_init(pacer_t *p, int gogc, uint64_t memory_limit, unsigned procs)
{
    memset(p, 0, sizeof *p);
    p->gogc = gogc;
    p->memory_limit = memory_limit;
    p->procs = procs ? procs : 1;
    // TODO (task 1): heap_minimum, GOGC=off, the limiter's capacity, and
    // next_gc (the goal of an empty heap).
    p->next_gc = PACER_NEVER;
}

uint64_t pacer_gogc_goal(const pacer_t *p)
{
    // TODO (task 1): heap_marked + (heap_marked + stacks + globals) × GOGC/100,
    // the heap_minimum floor, GOGC=off, no wrap-around.
    (void)p;
    return PACER_NEVER;
}

// ---- task 2: the memory limit ----------------------------------------------------

uint64_t pacer_limit_goal(const pacer_t *p, const pacer_mem_t *m)
{
    // TODO (task 2): the goal that keeps all the runtime's memory under
    // memory_limit (non-heap memory, overage, headroom, floors).
    (void)p;
    (void)m;
    return PACER_NEVER;
}

uint64_t pacer_heap_goal(const pacer_t *p, const pacer_mem_t *m)
{
    // TODO (task 2): the goal in force.
    (void)m;
    return pacer_gogc_goal(p);
}

// ---- task 3: the trigger -----------------------------------------------------------

uint64_t pacer_trigger(const pacer_t *p, uint64_t goal)
{
    // TODO (task 3): goal − runway, between the trigger bounds.
    (void)p;
    return goal;
}

bool pacer_should_start(const pacer_t *p, uint64_t heap_live, const pacer_mem_t *m)
{
    // TODO (task 3): compare the heap live with the trigger of the goal in
    // force; never start without a goal.
    return heap_live >= pacer_trigger(p, pacer_heap_goal(p, m));
}

void pacer_end_cycle(pacer_t *p, const pacer_cycle_t *c)
{
    // TODO (task 3): record what the cycle measured, the cons/mark ratio and
    // the runway; count the cycle and its pause; update next_gc.
    (void)p;
    (void)c;
}

// ---- task 4: the GC CPU limiter -------------------------------------------------------

void pacer_limiter_accumulate(pacer_t *p, uint64_t mutator_ns, uint64_t gc_ns)
{
    // TODO (task 4): the CPU totals for GCCPUFraction, then the bucket.
    (void)p;
    (void)mutator_ns;
    (void)gc_ns;
}

bool pacer_limiter_enabled(const pacer_t *p)
{
    // TODO (task 4)
    (void)p;
    return false;
}

// ---- task 5: MemStats ------------------------------------------------------------------

void pacer_read_memstats(const pacer_t *p, const ml_memstats_t *core, pacer_memstats_t *out)
{
    // TODO (task 5): fill every field.
    (void)p;
    (void)core;
    memset(out, 0, sizeof *out);
}

// MUTANT runway-saturates-past-2-64 — pacer_end_cycle saturates the runway at
// PACER_NEVER only when the double is MORE than 2^64 - 1; but that constant
// is 2^64 as a double, so a runway of exactly 2^64 bytes is converted as it
// is: the conversion overflows (undefined in C; 0 on x86-64), and a cycle
// whose program allocates without bound gets no runway at all.
// Caught by: trigger/end_cycle_measures_runway (a runway of exactly 2^64 B).
// Killed by: trigger/end_cycle_measures_runway
#include "pacer.h"

#include <string.h>

void pacer_init(pacer_t *p, int gogc, uint64_t memory_limit, unsigned procs)
{
    memset(p, 0, sizeof *p);
    p->gogc = gogc < 0 ? PACER_GOGC_OFF : gogc;
    p->memory_limit = memory_limit;
    p->procs = procs ? procs : 1;
    p->heap_minimum = p->gogc < 0 ? 0 : PACER_HEAP_MINIMUM * (uint64_t)p->gogc / 100;
    p->bucket_capacity = (uint64_t)p->procs * PACER_LIMITER_NS_PER_PROC;
    pacer_mem_t none = { 0, 0, 0 };
    p->next_gc = pacer_heap_goal(p, &none);
}

uint64_t pacer_gogc_goal(const pacer_t *p)
{
    if (p->gogc < 0)
        return PACER_NEVER;
    unsigned __int128 scan =
        (unsigned __int128)p->heap_marked + p->last_stack_scan + p->globals_scan;
    unsigned __int128 goal = p->heap_marked + scan * (unsigned)p->gogc / 100;
    if (goal >= PACER_NEVER)
        return PACER_NEVER;
    return (uint64_t)goal < p->heap_minimum ? p->heap_minimum : (uint64_t)goal;
}

uint64_t pacer_limit_goal(const pacer_t *p, const pacer_mem_t *m)
{
    uint64_t limit = p->memory_limit;
    if (limit == PACER_NO_LIMIT)
        return PACER_NEVER;
    // What the heap's objects cannot use: everything mapped that is neither
    // an object nor a free heap page, plus what is already over the limit.
    uint64_t heapish = m->heap_free + m->heap_alloc;
    uint64_t nonheap = m->mapped > heapish ? m->mapped - heapish : 0;
    uint64_t overage = m->mapped > limit ? m->mapped - limit : 0;
    if (nonheap >= limit || overage >= limit - nonheap)
        return p->heap_marked;
    uint64_t goal = limit - nonheap - overage;
    if (goal < 2 * PACER_LIMIT_HEADROOM)
        goal = PACER_LIMIT_HEADROOM;
    else
        goal -= PACER_LIMIT_HEADROOM;
    return goal < p->heap_marked ? p->heap_marked : goal;
}

uint64_t pacer_heap_goal(const pacer_t *p, const pacer_mem_t *m)
{
    uint64_t a = pacer_gogc_goal(p), b = pacer_limit_goal(p, m);
    return a < b ? a : b;
}

uint64_t pacer_trigger(const pacer_t *p, uint64_t goal)
{
    if (goal == PACER_NEVER)
        return PACER_NEVER;
    uint64_t marked = p->heap_marked;
    if (marked >= goal)
        return goal;
    uint64_t d = (goal - marked) / PACER_TRIGGER_DEN;
    uint64_t lo = marked + d * PACER_TRIGGER_MIN_NUM;
    uint64_t hi = marked + d * PACER_TRIGGER_MAX_NUM;
    if (goal > PACER_HEAP_MINIMUM && goal - PACER_HEAP_MINIMUM > hi)
        hi = goal - PACER_HEAP_MINIMUM;
    if (hi < lo)
        hi = lo;
    uint64_t t = p->runway > goal ? lo : goal - p->runway;
    if (t < lo)
        t = lo;
    if (t > hi)
        t = hi;
    return t;
}

bool pacer_should_start(const pacer_t *p, uint64_t heap_live, const pacer_mem_t *m)
{
    uint64_t goal = pacer_heap_goal(p, m);
    if (goal == PACER_NEVER)
        return false;
    return heap_live >= pacer_trigger(p, goal);
}

void pacer_end_cycle(pacer_t *p, const pacer_cycle_t *c)
{
    p->heap_marked = c->heap_marked;
    p->last_heap_scan = c->heap_scan;
    p->last_stack_scan = c->stack_scan;
    p->globals_scan = c->globals_scan;

    // cons/mark: how fast the program allocates against how fast the
    // collector scans. Marking at PACER_GOAL_UTILIZATION of the CPU while
    // the program has the rest, a cycle that scans W bytes lets the program
    // allocate cons_mark × (1 − u)/u × W bytes: the runway.
    p->cons_mark = 0;
    if (c->alloc_bytes && c->mutator_ns && c->heap_scan && c->mark_ns) {
        double cons = (double)c->alloc_bytes / (double)c->mutator_ns;
        double mark = (double)c->heap_scan / (double)c->mark_ns;
        p->cons_mark = cons / mark;
    }
    double u = PACER_GOAL_UTILIZATION;
    double work = (double)c->heap_scan + (double)c->stack_scan + (double)c->globals_scan;
    double runway = p->cons_mark * (1 - u) / u * work;
    p->runway = runway > 18446744073709551615.0 ? PACER_NEVER : (uint64_t)runway;

    p->num_gc++;
    p->pause_total_ns += c->pause_ns;
    p->next_gc = pacer_heap_goal(p, &c->mem);
}

void pacer_limiter_accumulate(pacer_t *p, uint64_t mutator_ns, uint64_t gc_ns)
{
    p->gc_cpu_ns += gc_ns;
    p->total_cpu_ns += mutator_ns + gc_ns;

    uint64_t headroom = p->bucket_capacity - p->bucket_fill;
    if (gc_ns > mutator_ns) {
        uint64_t rise = gc_ns - mutator_ns;
        if (rise >= headroom) {
            p->overflow += rise - headroom;
            p->bucket_fill = p->bucket_capacity;
            p->limiting = true;
            return;
        }
        p->bucket_fill += rise;
        p->limiting = false;
    } else if (mutator_ns > gc_ns) {
        uint64_t drain = mutator_ns - gc_ns;
        p->bucket_fill = drain >= p->bucket_fill ? 0 : p->bucket_fill - drain;
        p->limiting = false;
    }
}

bool pacer_limiter_enabled(const pacer_t *p)
{
    return p->limiting;
}

void pacer_read_memstats(const pacer_t *p, const ml_memstats_t *core, pacer_memstats_t *out)
{
    out->heap_alloc = core->heap_alloc;
    out->heap_inuse = core->heap_inuse;
    out->heap_idle = core->heap_idle;
    out->heap_released = core->heap_released;
    out->next_gc = p->next_gc;
    out->num_gc = p->num_gc;
    out->pause_total_ns = p->pause_total_ns;
    out->gc_cpu_fraction = p->total_cpu_ns ? (double)p->gc_cpu_ns / (double)p->total_cpu_ns : 0.0;
}

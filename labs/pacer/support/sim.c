// sim.c — the simulated Go program of the pacer lab: the core's heap, a
// virtual CPU clock, concurrent marking at 25 % with assists, the limiter,
// and the student's pacer choosing when cycles start. The model is in
// sim.h; this file is its bookkeeping.
//
// Per allocation of b bytes (pacer_sim_alloc):
//   1. no cycle running and pacer_should_start(heap live, memory) → start one
//      (ml_gc_cycle_begin: roots shaded; A = heap live);
//   2. the object is allocated (the core never collects on its own here:
//      collection is manual, the pacer decides);
//   3. the program's CPU advances by b × mutator_ns_per_byte; while marking
//      the background worker earns a third of that (25 % beside 75 %) and
//      spends it scanning objects, mark_ns_per_object each;
//   4. marking still not done, heap live at the goal and the limiter off →
//      the program assists, slice by slice, until marking is done or the
//      limiter turns on;
//   5. every stretch of time goes to pacer_limiter_accumulate;
//   6. marking done → B = heap live, ml_gc_cycle_finish (sweep), C = heap
//      live, pacer_end_cycle.
#include "support/sim.h"

#include <stdlib.h>
#include <string.h>

#include "memlab/clock.h"
#include "memlab/pageheap.h"
#include "memlab/stats.h"

#define SIM_STACK_BYTES 8192u
#define SIM_LIMITER_PERIOD_NS \
    10000000u // gcCPULimiterUpdatePeriod: 10 ms   // a goroutine's smallest stack (Go's _StackMin × 4 = 8 KiB)

struct pacer_sim {
    pacer_sim_config_t cfg;
    pacer_t pacer;
    ml_gc_heap_t *h;
    ml_memstats_t ms; // snapshot of the core's stats
    bool ms_valid;    // ms is up to date

    // The virtual clock: CPU time of the program and of the collector.
    uint64_t mutator_ns, gc_ns;
    uint64_t pool_mut, pool_gc; // time not yet handed to the limiter
    double mut_frac, gc_frac;   // sub-nanosecond remainders

    // The cycle in progress.
    bool marking;
    double credit_ns; // background worker time not yet spent
    uint64_t cyc_mark_ns, cyc_assist_ns, cyc_objects, cyc_real_ns;
    pacer_cycle_rec_t cur;

    // Since the end of the previous cycle (for the cons/mark ratio).
    uint64_t since_alloc, since_mutator_ns;

    pacer_sim_totals_t tot;
    uint64_t next_sample;
    bool stopped, oom, spiral;
};

pacer_cost_t pacer_default_cost(void)
{
    return (pacer_cost_t){
        .mutator_ns_per_byte = 1.0,
        .mark_ns_per_object = 100.0,
        .stw_ns = 50000,
        .assist_slice_ns = 100000,
        .overhead_bytes = 2u << 20,
    };
}

pacer_sim_config_t pacer_sim_default_config(void)
{
    return (pacer_sim_config_t){
        .gogc = 100,
        .memory_limit = PACER_NO_LIMIT,
        .cost = pacer_default_cost(),
    };
}

pacer_sim_t *pacer_sim_new(const pacer_sim_config_t *cfg)
{
    pacer_sim_t *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->cfg = *cfg;
    if (!s->cfg.max_cycles)
        s->cfg.max_cycles = 20000;
    if (!s->cfg.cost.assist_slice_ns)
        s->cfg.cost.assist_slice_ns = 100000;
    ml_gc_config_t hc = ml_gc_default_config();
    hc.arena_bytes = cfg->arena_bytes ? cfg->arena_bytes : (size_t)512 << 20;
    hc.gc_percent = -1; // manual: the pacer decides
    hc.poison = false;
    hc.count_stores = false;
    s->h = ml_gc_new(&hc);
    if (!s->h) {
        free(s);
        return NULL;
    }
    ml_gc_set_manual(s->h, true);
    pacer_init(&s->pacer, cfg->gogc, cfg->memory_limit, 1);
    s->next_sample = 0;
    return s;
}

void pacer_sim_destroy(pacer_sim_t *s)
{
    if (!s)
        return;
    ml_gc_destroy(s->h);
    free(s);
}

ml_gc_heap_t *pacer_sim_heap(pacer_sim_t *s)
{
    return s->h;
}

pacer_t *pacer_sim_pacer(pacer_sim_t *s)
{
    return &s->pacer;
}

bool pacer_sim_stopped(const pacer_sim_t *s)
{
    return s->stopped;
}

bool pacer_sim_out_of_memory(const pacer_sim_t *s)
{
    return s->oom;
}

bool pacer_sim_spiral(const pacer_sim_t *s)
{
    return s->spiral;
}

pacer_sim_totals_t pacer_sim_totals(const pacer_sim_t *s)
{
    return s->tot;
}

static uint64_t sim_stacks(const pacer_sim_t *s)
{
    return (uint64_t)ml_gc_num_stacks(s->h) * SIM_STACK_BYTES;
}

static uint64_t sim_globals(const pacer_sim_t *s)
{
    return (uint64_t)ml_gc_num_globals(s->h) * sizeof(void *);
}

// The core's stats are copied only when the heap changed since the last
// copy (an allocation or a cycle's end): a copy is a few KiB.
static void sim_refresh(pacer_sim_t *s)
{
    if (s->ms_valid)
        return;
    ml_gc_read_memstats(s->h, &s->ms);
    s->ms_valid = true;
}

uint64_t pacer_sim_heap_live(pacer_sim_t *s)
{
    sim_refresh(s);
    return s->ms.heap_alloc;
}

pacer_mem_t pacer_sim_mem(pacer_sim_t *s)
{
    sim_refresh(s);
    uint64_t free_pages = s->ms.heap_idle - s->ms.heap_released;
    return (pacer_mem_t){
        .mapped = s->ms.heap_inuse + free_pages + sim_stacks(s) + sim_globals(s) +
                  s->cfg.cost.overhead_bytes,
        .heap_free = free_pages,
        .heap_alloc = s->ms.heap_alloc,
    };
}

void pacer_sim_memstats(pacer_sim_t *s, pacer_memstats_t *out)
{
    sim_refresh(s);
    pacer_read_memstats(&s->pacer, &s->ms, out);
}

// The clock: `ns` (fractional) of program / collector CPU.
static uint64_t sim_take(double *frac, double ns)
{
    double t = *frac + ns;
    uint64_t whole = (uint64_t)t;
    *frac = t - (double)whole;
    return whole;
}

// Hand the pooled time to the limiter (Go updates it at most every 10 ms,
// and at the GC's phase changes).
static void sim_limiter_update(pacer_sim_t *s)
{
    pacer_limiter_accumulate(&s->pacer, s->pool_mut, s->pool_gc);
    s->pool_mut = s->pool_gc = 0;
    if (s->marking && pacer_limiter_enabled(&s->pacer))
        s->cur.limited = true;
}

static void sim_account(pacer_sim_t *s, uint64_t mut, uint64_t gc)
{
    s->mutator_ns += mut;
    s->gc_ns += gc;
    s->since_mutator_ns += mut;
    s->tot.mutator_ns += mut;
    s->tot.gc_ns += gc;
    s->pool_mut += mut;
    s->pool_gc += gc;
    if (s->pool_mut + s->pool_gc >= SIM_LIMITER_PERIOD_NS)
        sim_limiter_update(s);
}

static void sim_sample(pacer_sim_t *s, uint64_t live, const pacer_mem_t *m)
{
    if (!s->cfg.on_sample)
        return;
    pacer_sample_t smp = {
        .t_ns = s->mutator_ns + s->gc_ns,
        .heap_live = live,
        .goal = pacer_heap_goal(&s->pacer, m),
        .mapped = m->mapped,
    };
    s->cfg.on_sample(&smp, s->cfg.arg);
}

static void sim_watch(pacer_sim_t *s, uint64_t live, const pacer_mem_t *m)
{
    if (live > s->tot.peak_heap)
        s->tot.peak_heap = live;
    if (m->mapped > s->tot.peak_mapped)
        s->tot.peak_mapped = m->mapped;
    if (s->marking && m->mapped > s->cur.mapped_peak)
        s->cur.mapped_peak = m->mapped;
}

static void sim_cycle_start(pacer_sim_t *s, uint64_t live, const pacer_mem_t *m)
{
    uint64_t goal = pacer_heap_goal(&s->pacer, m);
    memset(&s->cur, 0, sizeof s->cur);
    s->cur.n = s->pacer.num_gc + 1;
    s->cur.start_ns = s->mutator_ns + s->gc_ns;
    s->cur.heap_start = live;
    s->cur.goal = goal;
    s->cur.trigger = pacer_trigger(&s->pacer, goal);
    s->cur.mapped_peak = m->mapped;
    s->cur.limited = pacer_limiter_enabled(&s->pacer);
    uint64_t t0 = ml_now_ns();
    ml_gc_cycle_begin(s->h);
    s->cyc_real_ns = ml_now_ns() - t0;
    s->marking = true;
    s->credit_ns = 0;
    s->cyc_mark_ns = s->cyc_assist_ns = s->cyc_objects = 0;
    sim_account(s, 0, s->cfg.cost.stw_ns / 2);
    sim_limiter_update(s);
    sim_sample(s, live, m);
}

// Scan objects worth `budget_ns` of collector time; returns the time used.
// Sets *done when marking has no work left.
static uint64_t sim_mark(pacer_sim_t *s, double budget_ns, bool *done)
{
    double per = s->cfg.cost.mark_ns_per_object;
    uint64_t n = 0;
    *done = false;
    while (budget_ns >= per) {
        if (ml_gc_cycle_step(s->h, 1)) {
            *done = true;
            break;
        }
        budget_ns -= per;
        n++;
    }
    if (!*done && ml_gc_cycle_step(s->h, 0))
        *done = true;
    s->cyc_objects += n;
    return (uint64_t)((double)n * per);
}

static void sim_cycle_end(pacer_sim_t *s)
{
    uint64_t live_b = pacer_sim_heap_live(s);
    pacer_mem_t mb = pacer_sim_mem(s);
    sim_sample(s, live_b, &mb);
    s->cur.heap_end = live_b;
    uint64_t t0 = ml_now_ns();
    ml_gc_cycle_finish(s->h);
    s->ms_valid = false;
    uint64_t real = s->cyc_real_ns + (ml_now_ns() - t0);
    s->marking = false;
    sim_account(s, 0, s->cfg.cost.stw_ns - s->cfg.cost.stw_ns / 2);
    sim_limiter_update(s);

    pacer_mem_t m = pacer_sim_mem(s);
    uint64_t marked = s->ms.heap_alloc;
    pacer_cycle_t c = {
        .heap_marked = marked,
        .heap_scan = marked,
        .stack_scan = sim_stacks(s),
        .globals_scan = sim_globals(s),
        .alloc_bytes = s->since_alloc,
        .mutator_ns = s->since_mutator_ns,
        .mark_ns = s->cyc_mark_ns,
        .pause_ns = s->cfg.real_pauses ? real : s->cfg.cost.stw_ns,
        .mem = m,
    };
    pacer_end_cycle(&s->pacer, &c);
    s->cur.measured = c;
    s->since_alloc = 0;
    s->since_mutator_ns = 0;

    s->cur.end_ns = s->mutator_ns + s->gc_ns;
    s->cur.heap_marked = marked;
    s->cur.stacks = c.stack_scan;
    s->cur.globals = c.globals_scan;
    s->cur.mark_ns = s->cyc_mark_ns;
    s->cur.assist_ns = s->cyc_assist_ns;
    s->cur.cpu_fraction =
        s->tot.gc_ns ? (double)s->tot.gc_ns / (double)(s->tot.gc_ns + s->tot.mutator_ns) : 0;
    s->cur.real_ns = real;
    s->tot.cycles++;
    s->tot.real_stw_ns += real;
    if (s->cur.limited)
        s->tot.limited_cycles++;
    sim_sample(s, marked, &m);
    if (s->cfg.on_cycle)
        s->cfg.on_cycle(&s->cur, s->cfg.arg);
    if (s->tot.cycles >= s->cfg.max_cycles) {
        s->spiral = true;
        s->stopped = true;
    }
}

void *pacer_sim_alloc(pacer_sim_t *s, const ml_type_t *t, size_t count)
{
    if (s->stopped)
        return NULL;
    uint64_t live = pacer_sim_heap_live(s);
    pacer_mem_t m = pacer_sim_mem(s);
    if (!s->marking && pacer_should_start(&s->pacer, live, &m))
        sim_cycle_start(s, live, &m);

    void *obj = count == 1 ? ml_gc_alloc(s->h, t) : ml_gc_alloc_array(s->h, t, count);
    s->ms_valid = false;
    if (!obj) {
        s->oom = true;
        s->stopped = true;
        return NULL;
    }
    uint64_t after = pacer_sim_heap_live(s);
    uint64_t bytes = after - live;
    s->since_alloc += bytes;
    s->tot.alloc_bytes += bytes;
    m = pacer_sim_mem(s);
    sim_watch(s, after, &m);

    uint64_t mut = sim_take(&s->mut_frac, (double)bytes * s->cfg.cost.mutator_ns_per_byte);
    if (!s->marking) {
        sim_account(s, mut, 0);
    } else {
        // The background worker: 25 % of the CPU beside the program's 75 %.
        double u = PACER_GOAL_UTILIZATION;
        s->credit_ns += (double)mut * u / (1 - u);
        bool done;
        uint64_t used = sim_mark(s, s->credit_ns, &done);
        s->credit_ns -= (double)used;
        s->cyc_mark_ns += used;
        sim_account(s, mut, used);
        // Assists: past the goal, the program marks instead of running.
        while (!done && after >= s->cur.goal && !pacer_limiter_enabled(&s->pacer)) {
            uint64_t a = sim_mark(s, (double)s->cfg.cost.assist_slice_ns, &done);
            if (!a && !done)
                a = sim_mark(s, s->cfg.cost.mark_ns_per_object, &done);
            s->cyc_mark_ns += a;
            s->cyc_assist_ns += a;
            sim_account(s, 0, a);
            // An assist reports its time as it goes: the limiter can turn
            // on in the middle of one (it turns off only at an update).
            if (s->pool_gc > s->pool_mut)
                sim_limiter_update(s);
        }
        if (done)
            sim_cycle_end(s);
    }
    if (s->cfg.sample_bytes && s->tot.alloc_bytes >= s->next_sample) {
        s->next_sample = s->tot.alloc_bytes + s->cfg.sample_bytes;
        uint64_t l = pacer_sim_heap_live(s);
        pacer_mem_t mm = pacer_sim_mem(s);
        sim_sample(s, l, &mm);
    }
    return s->stopped ? NULL : obj;
}

// workloads.c — the pacer suite's tests on whole programs: the workloads
// run on the simulated runtime (support/sim.c) with the student's pacer,
// and every cycle is checked against the contracts: the goal follows the
// live heap, the heap ends marking within its goal, GOGC trades memory for
// cycles, GOGC=off never collects, the memory limit holds while it can,
// the limiter keeps the collector near half the CPU when it cannot, and
// MemStats agrees with what happened. Every message names the workload,
// the settings, the cycle and the command that replays the run.
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "memlab/grade.h"
#include "pacer_suite.h"

// What the heap may overshoot a goal by: the allocation that crosses it
// (a 1 KiB record, or an 8 KiB chunk of pointers).
#define SLACK (16 * KiB)

void suite_run(pacer_run_t *r, const char *name, int gogc, uint64_t limit, uint32_t max_cycles)
{
    const pacer_workload_t *w = pacer_workload_find(name);
    cr_assert(w, "suite error: no workload '%s'", name);
    pacer_run_opts_t o = {
        .gogc = gogc, .memory_limit = limit, .max_cycles = max_cycles, .steps = SUITE_STEPS
    };
    cr_assert(pacer_run(w, &o, r) == 0, "suite error: out of memory running '%s'", name);
}

const char *suite_replay(const pacer_run_t *r, char *buf, size_t len)
{
    char g[16];
    int n = snprintf(buf, len, "build/student/bin/pacer --workload %s --steps %u --gogc %s",
                     r->w->name, SUITE_STEPS, suite_gogc_str(r->opts.gogc, g, sizeof g));
    if (r->opts.memory_limit != PACER_NO_LIMIT && n > 0 && (size_t)n < len) {
        if (r->opts.memory_limit % MiB == 0)
            snprintf(buf + n, len - (size_t)n, " --memlimit %" PRIu64 "MiB",
                     r->opts.memory_limit / MiB);
        else
            snprintf(buf + n, len - (size_t)n, " --memlimit %" PRIu64, r->opts.memory_limit);
    }
    return buf;
}

// The GOGC goal of a heap that marked `marked` with these roots (the
// handout's formula, in 128 bits).
static uint64_t oracle_goal(int gogc, uint64_t marked, uint64_t stacks, uint64_t globals)
{
    if (gogc < 0)
        return PACER_NEVER;
    unsigned __int128 g =
        marked + ((unsigned __int128)marked + stacks + globals) * (unsigned)gogc / 100;
    uint64_t floor = PACER_HEAP_MINIMUM * (uint64_t)gogc / 100;
    if (g >= PACER_NEVER)
        return PACER_NEVER;
    return (uint64_t)g < floor ? floor : (uint64_t)g;
}

// The trigger Go 1.19's bounds give for a goal after a cycle that measured
// `m` (the handout's formulas; the runway in doubles, as the contract says).
static uint64_t oracle_trigger(const pacer_cycle_t *m, uint64_t goal)
{
    if (goal == PACER_NEVER)
        return PACER_NEVER;
    uint64_t marked = m ? m->heap_marked : 0;
    double runway = 0;
    if (m && m->alloc_bytes && m->mutator_ns && m->heap_scan && m->mark_ns) {
        double cm = ((double)m->alloc_bytes / (double)m->mutator_ns) /
                    ((double)m->heap_scan / (double)m->mark_ns);
        runway =
            cm * 3.0 * ((double)m->heap_scan + (double)m->stack_scan + (double)m->globals_scan);
    }
    if (marked >= goal)
        return goal;
    uint64_t d = (goal - marked) / 64, lo = marked + d * 45, hi = marked + d * 61;
    if (goal > PACER_HEAP_MINIMUM && goal - PACER_HEAP_MINIMUM > hi)
        hi = goal - PACER_HEAP_MINIMUM;
    if (hi < lo)
        hi = lo;
    uint64_t rw = runway >= 18446744073709551615.0 ? PACER_NEVER : (uint64_t)runway;
    uint64_t t = rw > goal ? lo : goal - rw;
    return t < lo ? lo : t > hi ? hi : t;
}

// ---- the goal follows the live heap (no limit) ------------------------------------------

// 0 if every cycle of `r` started with the goal its predecessor's heap
// marked gives, at the trigger Go's bounds give; else 1 and a message.
static int check_goals(const pacer_run_t *r, char *msg, size_t len)
{
    char rp[160], a[64], b[64], g[16];
    if (r->ncycles == 0) {
        snprintf(msg, len, "%s, GOGC=%s: no cycle ran in 128 MiB of allocation (replay: %s)",
                 r->w->name, suite_gogc_str(r->opts.gogc, g, sizeof g),
                 suite_replay(r, rp, sizeof rp));
        return 1;
    }
    for (size_t k = 0; k < r->ncycles; k++) {
        const pacer_cycle_rec_t *c = &r->cycles[k];
        uint64_t want = k == 0 ? oracle_goal(r->opts.gogc, 0, 0, 0)
                               : oracle_goal(r->opts.gogc, r->cycles[k - 1].heap_marked,
                                             r->cycles[k - 1].stacks, r->cycles[k - 1].globals);
        uint64_t floor = r->opts.gogc < 0 ? 0 : PACER_HEAP_MINIMUM * (uint64_t)r->opts.gogc / 100;
        if (c->goal < floor) {
            snprintf(msg, len,
                     "%s, GOGC=%s, cycle %" PRIu32 ": it ran with a goal of %s, under the "
                     "smallest goal GOGC=%s allows (the handout's task 1) (replay: %s)",
                     r->w->name, suite_gogc_str(r->opts.gogc, g, sizeof g), c->n,
                     suite_size_str(c->goal, a, sizeof a), g, suite_replay(r, rp, sizeof rp));
            return 1;
        }
        if (c->goal != want) {
            snprintf(msg, len,
                     "%s, GOGC=%s, cycle %" PRIu32 ": it ran with a goal of %s after the "
                     "previous cycle marked %s live; the goal must come from the live heap "
                     "the last cycle marked (replay: %s)",
                     r->w->name, suite_gogc_str(r->opts.gogc, g, sizeof g), c->n,
                     suite_size_str(c->goal, a, sizeof a),
                     suite_size_str(k ? r->cycles[k - 1].heap_marked : 0, b, sizeof b),
                     suite_replay(r, rp, sizeof rp));
            return 1;
        }
        // The trigger Go's bounds give after what the previous cycle measured
        // (2 bytes of leeway for the runway's rounding in doubles).
        uint64_t t = oracle_trigger(k ? &r->cycles[k - 1].measured : NULL, c->goal);
        if (c->trigger + 2 < t || c->trigger > t + 2) {
            snprintf(msg, len,
                     "%s, GOGC=%s, cycle %" PRIu32 ": it started at a trigger of %s for a goal "
                     "of %s, which is not where the runway and the trigger bounds put it after "
                     "the previous cycle (the handout's task 3) (replay: %s)",
                     r->w->name, suite_gogc_str(r->opts.gogc, g, sizeof g), c->n,
                     suite_size_str(c->trigger, a, sizeof a), suite_size_str(c->goal, b, sizeof b),
                     suite_replay(r, rp, sizeof rp));
            return 1;
        }
        if (c->heap_start < c->trigger || c->heap_start > c->trigger + SLACK) {
            snprintf(msg, len,
                     "%s, GOGC=%s, cycle %" PRIu32 ": it started with %s of heap, but its "
                     "trigger was %s (replay: %s)",
                     r->w->name, suite_gogc_str(r->opts.gogc, g, sizeof g), c->n,
                     suite_size_str(c->heap_start, a, sizeof a),
                     suite_size_str(c->trigger, b, sizeof b), suite_replay(r, rp, sizeof rp));
            return 1;
        }
    }
    return 0;
}

void suite_workload_goal_follows_the_live_heap(void)
{
    struct {
        const char *w;
        int gogc;
    } cases[] = {
        { "steady", 100 }, { "growing", 100 }, { "spikes", 100 },
        { "leak", 100 },   { "steady", 50 },   { "growing", 200 },
    };
    size_t n = sizeof cases / sizeof cases[0], ok = 0;
    char msg[600], first[600] = "";
    for (size_t k = 0; k < n; k++) {
        pacer_run_t r;
        suite_run(&r, cases[k].w, cases[k].gogc, PACER_NO_LIMIT, 2000);
        if (check_goals(&r, msg, sizeof msg)) {
            ml_note("%s", msg);
            if (!first[0])
                snprintf(first, sizeof first, "%s", msg);
        } else {
            ok++;
        }
        pacer_run_free(&r);
    }
    ml_award((double)ok / (double)n, "%zu of %zu runs paced every cycle from the live heap%s%s", ok,
             n, first[0] ? "; first problem: " : "", first);
}

// ---- the heap ends marking within its goal ----------------------------------------------

void suite_workload_peak_within_the_goal(void)
{
    const char *names[] = { "steady", "growing", "spikes", "leak" };
    size_t n = 4, ok = 0;
    char msg[600], first[600] = "", rp[160], a[64], b[64];
    for (size_t k = 0; k < n; k++) {
        pacer_run_t r;
        suite_run(&r, names[k], 100, PACER_NO_LIMIT, 2000);
        bool good = true;
        if (r.ncycles == 0) {
            snprintf(msg, sizeof msg,
                     "%s, GOGC=100: no cycle ran; the heap grew to %s (replay: %s)", names[k],
                     suite_size_str(r.tot.peak_heap, a, sizeof a), suite_replay(&r, rp, sizeof rp));
            good = false;
        }
        uint64_t most_marked = 0;
        for (size_t c = 0; good && c < r.ncycles; c++) {
            const pacer_cycle_rec_t *y = &r.cycles[c];
            if (y->heap_end > y->goal + SLACK) {
                snprintf(msg, sizeof msg,
                         "%s, GOGC=100, cycle %" PRIu32 ": marking ended with %s of heap, over "
                         "its goal of %s (replay: %s)",
                         names[k], y->n, suite_size_str(y->heap_end, a, sizeof a),
                         suite_size_str(y->goal, b, sizeof b), suite_replay(&r, rp, sizeof rp));
                good = false;
            }
            if (y->heap_marked > most_marked)
                most_marked = y->heap_marked;
        }
        // Between cycles the heap must not outgrow the goal either: the
        // whole run's peak stays under twice the most it ever marked (plus
        // the floor and the ring arrays).
        uint64_t bound = 2 * most_marked + 4 * MiB + MiB;
        if (good && r.tot.peak_heap > bound) {
            snprintf(msg, sizeof msg,
                     "%s, GOGC=100: the heap peaked at %s, while no cycle ever marked more than "
                     "%s live (replay: %s)",
                     names[k], suite_size_str(r.tot.peak_heap, a, sizeof a),
                     suite_size_str(most_marked, b, sizeof b), suite_replay(&r, rp, sizeof rp));
            good = false;
        }
        if (good) {
            ok++;
        } else {
            ml_note("%s", msg);
            if (!first[0])
                snprintf(first, sizeof first, "%s", msg);
        }
        pacer_run_free(&r);
    }
    ml_award((double)ok / (double)n, "%zu of %zu workloads kept the heap within its goal%s%s", ok,
             n, first[0] ? "; first problem: " : "", first);
}

// ---- GOGC trades memory for cycles -----------------------------------------------------

void suite_workload_gogc_trades_memory_for_cycles(void)
{
    const int gogcs[] = { 50, 100, 200 };
    pacer_run_t r[3];
    for (int k = 0; k < 3; k++)
        suite_run(&r[k], "steady", gogcs[k], PACER_NO_LIMIT, 2000);
    char rp[160];
    for (int k = 0; k < 3; k++)
        ml_note("steady, GOGC=%d: %" PRIu32 " cycles, peak heap %.1f MiB", gogcs[k],
                r[k].tot.cycles, (double)r[k].tot.peak_heap / MiB);
    int score = 0;
    if (r[0].tot.cycles > r[1].tot.cycles && r[1].tot.cycles > r[2].tot.cycles &&
        r[2].tot.cycles > 0)
        score++;
    else
        ml_note("more GOGC must mean fewer cycles (replay: %s, then --gogc 50 and 200)",
                suite_replay(&r[1], rp, sizeof rp));
    if (r[0].tot.peak_heap < r[1].tot.peak_heap && r[1].tot.peak_heap < r[2].tot.peak_heap)
        score++;
    else
        ml_note("more GOGC must mean a larger peak heap (replay: %s, then --gogc 50 and 200)",
                suite_replay(&r[1], rp, sizeof rp));
    // Each cycle frees about GOGC % of the live heap: ~128 MiB / (GOGC% × ~20 MiB).
    double live = r[1].ncycles ? (double)r[1].cycles[r[1].ncycles - 1].heap_marked : 0;
    int close = 0;
    for (int k = 0; k < 3; k++) {
        double expect = live > 0 ? (double)r[k].tot.alloc_bytes / (live * gogcs[k] / 100.0) : 0;
        double got = r[k].tot.cycles;
        if (expect > 0 && got >= 0.7 * expect && got <= 1.6 * expect)
            close++;
        else
            ml_note("steady, GOGC=%d: %" PRIu32 " cycles, far from the ~%.0f that freeing GOGC %% "
                    "of the live heap per cycle gives",
                    gogcs[k], r[k].tot.cycles, expect);
    }
    if (close == 3)
        score++;
    for (int k = 0; k < 3; k++)
        pacer_run_free(&r[k]);
    ml_award(score / 3.0,
             "%d of 3: fewer cycles, larger heap, about allocated / (GOGC%% x live) cycles", score);
}

// ---- GOGC=off ----------------------------------------------------------------------------

void suite_workload_gogc_off_never_collects(void)
{
    pacer_run_t r;
    suite_run(&r, "steady", PACER_GOGC_OFF, PACER_NO_LIMIT, 50);
    char rp[160];
    cr_assert(r.tot.cycles == 0,
              "steady, GOGC=off, no limit: %" PRIu32 " cycles ran; with no goal the collector "
              "never starts (replay: %s)",
              r.tot.cycles, suite_replay(&r, rp, sizeof rp));
    cr_assert(r.final.num_gc == 0 && r.final.next_gc == PACER_NEVER,
              "steady, GOGC=off, no limit: MemStats says NumGC %" PRIu32 ", NextGC %" PRIu64
              " (replay: %s)",
              r.final.num_gc, r.final.next_gc, suite_replay(&r, rp, sizeof rp));
    pacer_run_free(&r);
}

// ---- the memory limit while it can be met ----------------------------------------------------

void suite_limit_respected_while_reachable(void)
{
    struct {
        const char *w;
        int gogc;
        uint64_t limit;
    } cases[] = {
        { "steady", 100, 28 * MiB }, { "steady", 100, 24 * MiB }, { "spikes", 100, 48 * MiB },
        { "leak", 100, 40 * MiB },   { "steady", 200, 32 * MiB },
    };
    size_t n = sizeof cases / sizeof cases[0], ok = 0;
    char msg[600], first[600] = "", rp[160], a[64], b[64];
    for (size_t k = 0; k < n; k++) {
        pacer_run_t r;
        suite_run(&r, cases[k].w, cases[k].gogc, cases[k].limit, 3000);
        bool good = r.steps_done == SUITE_STEPS;
        if (!good)
            snprintf(msg, sizeof msg,
                     "%s, GOGC=%d, limit %s: the program stopped after %" PRIu64 " of %u "
                     "allocations (%" PRIu32 " cycles; replay: %s)",
                     cases[k].w, cases[k].gogc, suite_size_str(cases[k].limit, b, sizeof b),
                     r.steps_done, SUITE_STEPS, r.tot.cycles, suite_replay(&r, rp, sizeof rp));
        for (size_t c = 0; good && c < r.ncycles; c++) {
            if (r.cycles[c].mapped_peak > cases[k].limit + SLACK) {
                snprintf(msg, sizeof msg,
                         "%s, GOGC=%d, limit %s, cycle %" PRIu32 ": the runtime held %s, over "
                         "the limit, though the live heap fits under it (replay: %s)",
                         cases[k].w, cases[k].gogc, suite_size_str(cases[k].limit, b, sizeof b),
                         r.cycles[c].n, suite_size_str(r.cycles[c].mapped_peak, a, sizeof a),
                         suite_replay(&r, rp, sizeof rp));
                good = false;
            }
        }
        if (good && r.tot.peak_mapped > cases[k].limit + SLACK) {
            snprintf(msg, sizeof msg,
                     "%s, GOGC=%d, limit %s: the runtime's memory peaked at %s between cycles "
                     "(replay: %s)",
                     cases[k].w, cases[k].gogc, suite_size_str(cases[k].limit, b, sizeof b),
                     suite_size_str(r.tot.peak_mapped, a, sizeof a),
                     suite_replay(&r, rp, sizeof rp));
            good = false;
        }
        if (good) {
            ok++;
        } else {
            ml_note("%s", msg);
            if (!first[0])
                snprintf(first, sizeof first, "%s", msg);
        }
        pacer_run_free(&r);
    }
    ml_award((double)ok / (double)n, "%zu of %zu runs stayed under a limit they could meet%s%s", ok,
             n, first[0] ? "; first problem: " : "", first);
}

void suite_limit_gogc_off_with_a_limit(void)
{
    pacer_run_t r;
    suite_run(&r, "steady", PACER_GOGC_OFF, 40 * MiB, 3000);
    char rp[160], a[64];
    cr_assert(r.tot.cycles > 0,
              "steady, GOGC=off, limit 40 MiB: no cycle ran and the runtime grew to %s; with "
              "GOGC off the memory limit still sets a goal (replay: %s)",
              suite_size_str(r.tot.peak_mapped, a, sizeof a), suite_replay(&r, rp, sizeof rp));
    cr_assert(r.tot.peak_mapped <= 40 * MiB + SLACK,
              "steady, GOGC=off, limit 40 MiB: the runtime held up to %s (replay: %s)",
              suite_size_str(r.tot.peak_mapped, a, sizeof a), suite_replay(&r, rp, sizeof rp));
    cr_assert(r.steps_done == SUITE_STEPS,
              "steady, GOGC=off, limit 40 MiB: the program stopped after %" PRIu64 " allocations "
              "(replay: %s)",
              r.steps_done, suite_replay(&r, rp, sizeof rp));
    pacer_run_free(&r);
}

// ---- the limit cannot be met: no death spiral ---------------------------------------------------

void suite_limiter_no_death_spiral(void)
{
    pacer_run_t r;
    suite_run(&r, "overlimit", 100, 48 * MiB, 1500);
    char rp[160];
    int score = 0;
    suite_replay(&r, rp, sizeof rp);
    // 1. The program finishes: the collector leaves it time to run.
    if (r.steps_done == SUITE_STEPS && !r.spiral)
        score++;
    else
        ml_note("overlimit, limit 48 MiB (64 MiB live): the program made %" PRIu64 " of %u "
                "allocations in %" PRIu32 " cycles before the simulation gave up: a death "
                "spiral, the collector running without end (replay: %s)",
                r.steps_done, SUITE_STEPS, r.tot.cycles, rp);
    // 2. The limiter turned on at some point.
    size_t first_limited = r.ncycles;
    for (size_t c = 0; c < r.ncycles; c++)
        if (r.cycles[c].limited) {
            first_limited = c;
            break;
        }
    if (first_limited < r.ncycles)
        score++;
    else
        ml_note("overlimit, limit 48 MiB: the GC CPU limiter never turned on in %" PRIu32
                " cycles (replay: %s)",
                r.tot.cycles, rp);
    // 3. From then on the collector used about half the CPU at most.
    if (first_limited < r.ncycles && r.ncycles > first_limited + 1) {
        const pacer_cycle_rec_t *c0 = &r.cycles[first_limited], *c1 = &r.cycles[r.ncycles - 1];
        double gc0 = c0->cpu_fraction * (double)c0->end_ns;
        double gc1 = c1->cpu_fraction * (double)c1->end_ns;
        double frac = (gc1 - gc0) / (double)(c1->end_ns - c0->end_ns);
        ml_note("overlimit: the collector used %.0f%% of the CPU from cycle %" PRIu32
                " (the limiter on) to cycle %" PRIu32,
                100 * frac, c0->n, c1->n);
        if (frac <= 0.55)
            score++;
        else
            ml_note("overlimit, limit 48 MiB: with the limiter on, the collector still took "
                    "%.0f%% of the CPU (replay: %s)",
                    100 * frac, rp);
    } else {
        ml_note("overlimit: no cycles after the limiter turned on to measure the collector's "
                "share of the CPU (replay: %s)",
                rp);
    }
    ml_award(score / 3.0,
             "%d of 3: the program finished, the limiter turned on, the collector kept to about "
             "half the CPU",
             score);
    pacer_run_free(&r);
}

// ---- MemStats after every cycle ---------------------------------------------------------------

void suite_memstats_consistent_after_every_cycle(void)
{
    struct {
        const char *w;
        int gogc;
        uint64_t limit;
    } cases[] = {
        { "steady", 100, PACER_NO_LIMIT },
        { "leak", 200, PACER_NO_LIMIT },
        { "steady", 100, 28 * MiB },
    };
    size_t n = sizeof cases / sizeof cases[0], ok = 0;
    char msg[600], first[600] = "", rp[160], a[64], b[64];
    for (size_t k = 0; k < n; k++) {
        pacer_run_t r;
        suite_run(&r, cases[k].w, cases[k].gogc, cases[k].limit, 3000);
        bool good = r.ncycles > 0;
        if (!good)
            snprintf(msg, sizeof msg, "%s: no cycle ran (replay: %s)", cases[k].w,
                     suite_replay(&r, rp, sizeof rp));
        for (size_t c = 0; good && c < r.ncycles; c++) {
            const pacer_memstats_t *m = &r.after[c];
            const pacer_cycle_rec_t *y = &r.cycles[c];
            const char *what = NULL;
            char detail[200] = "";
            if (m->heap_inuse < m->heap_alloc) {
                what = "HeapInuse is smaller than HeapAlloc";
            } else if (m->heap_alloc != y->heap_marked) {
                what = "HeapAlloc is not the heap left after the sweep";
            } else if (m->num_gc != y->n) {
                what = "NumGC does not count the cycles";
                snprintf(detail, sizeof detail, " (NumGC %" PRIu32 ")", m->num_gc);
            } else if (c + 1 < r.ncycles && cases[k].limit == PACER_NO_LIMIT &&
                       m->next_gc != r.cycles[c + 1].goal) {
                what = "NextGC is not the goal the next cycle runs with";
                snprintf(detail, sizeof detail, " (NextGC %s, the next cycle's goal %s)",
                         suite_size_str(m->next_gc, a, sizeof a),
                         suite_size_str(r.cycles[c + 1].goal, b, sizeof b));
            } else if (c > 0 && m->next_gc == r.after[c - 1].next_gc &&
                       y->heap_marked != r.cycles[c - 1].heap_marked &&
                       cases[k].limit == PACER_NO_LIMIT) {
                what = "NextGC did not change after a cycle that marked a different live heap";
            } else if (m->pause_total_ns != (uint64_t)y->n * pacer_default_cost().stw_ns) {
                what = "PauseTotalNs does not add up the cycles' pauses";
            } else if (!(fabs(m->gc_cpu_fraction - y->cpu_fraction) < 1e-9)) {
                what = "GCCPUFraction is not the collector's share of the CPU so far";
                snprintf(detail, sizeof detail, " (%.4f, the simulation measured %.4f)",
                         m->gc_cpu_fraction, y->cpu_fraction);
            }
            if (what) {
                snprintf(msg, sizeof msg,
                         "%s, GOGC=%d, MemStats right after cycle %" PRIu32 ": %s%s (replay: %s)",
                         cases[k].w, cases[k].gogc, y->n, what, detail,
                         suite_replay(&r, rp, sizeof rp));
                good = false;
            }
        }
        if (good) {
            ok++;
        } else {
            ml_note("%s", msg);
            if (!first[0])
                snprintf(first, sizeof first, "%s", msg);
        }
        pacer_run_free(&r);
    }
    ml_award((double)ok / (double)n,
             "%zu of %zu runs had consistent MemStats after every cycle%s%s", ok, n,
             first[0] ? "; first problem: " : "", first);
}

// units.c — the pacer suite's exact tests: each function of pacer.h on
// given inputs, against values worked out by hand (the handout's formulas,
// Go 1.19's constants). Every case that fails is noted; the message names
// the inputs and what came back, never the value expected... except where
// the value is the contract itself (a floor, PACER_NEVER).
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "memlab/grade.h"
#include "pacer_suite.h"

pacer_t suite_pacer(int gogc, uint64_t limit, uint64_t marked, uint64_t stacks, uint64_t globals)
{
    pacer_t p;
    pacer_init(&p, gogc, limit, 1);
    p.heap_marked = marked;
    p.last_heap_scan = marked;
    p.last_stack_scan = stacks;
    p.globals_scan = globals;
    return p;
}

const char *suite_gogc_str(int gogc, char *buf, size_t len)
{
    if (gogc < 0)
        snprintf(buf, len, "off");
    else
        snprintf(buf, len, "%d", gogc);
    return buf;
}

const char *suite_size_str(uint64_t b, char *buf, size_t len)
{
    if (b == PACER_NEVER)
        snprintf(buf, len, "never (PACER_NEVER)");
    else if (b % MiB == 0)
        snprintf(buf, len, "%" PRIu64 " MiB", b / MiB);
    else
        snprintf(buf, len, "%" PRIu64 " bytes (%.3f MiB)", b, (double)b / MiB);
    return buf;
}

// ---- task 1: the GOGC goal ----------------------------------------------------------

void suite_goal_init_sets_floor_and_first_goal(void)
{
    struct {
        int gogc;
        uint64_t floor, first;
    } cases[] = {
        { 100, 4 * MiB, 4 * MiB },
        { 50, 2 * MiB, 2 * MiB },
        { 200, 8 * MiB, 8 * MiB },
        { 37, 1551892, 1551892 },
        { 0, 0, 0 },
        { PACER_GOGC_OFF, 0, PACER_NEVER },
    };
    char g[16], a[64], b[64], c[64];
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        pacer_t p;
        memset(&p, 0xa5, sizeof p);
        pacer_init(&p, cases[k].gogc, PACER_NO_LIMIT, 1);
        suite_gogc_str(cases[k].gogc, g, sizeof g);
        cr_assert(p.heap_minimum == cases[k].floor,
                  "pacer_init(GOGC=%s): heap_minimum is %s; the handout's task 1 says how GOGC "
                  "scales Go's 4 MiB minimum heap",
                  g, suite_size_str(p.heap_minimum, a, sizeof a));
        cr_assert(
            p.next_gc == cases[k].first,
            "pacer_init(GOGC=%s, no limit): next_gc is %s, not the goal of an empty heap (%s)", g,
            suite_size_str(p.next_gc, a, sizeof a), suite_size_str(cases[k].first, b, sizeof b));
        cr_assert(p.heap_marked == 0 && p.num_gc == 0 && p.runway == 0 && p.bucket_fill == 0 &&
                      !p.limiting && p.pause_total_ns == 0 && p.gc_cpu_ns == 0,
                  "pacer_init(GOGC=%s): the measurements, counters and the limiter must start at 0",
                  g);
    }
    // With a memory limit the first goal is the limit's goal of an empty
    // heap with no memory in use: the whole limit is the heap's, less the
    // headroom (task 2), when that is below the GOGC goal.
    struct {
        int gogc;
        uint64_t limit, first;
    } limited[] = {
        { 100, 4 * MiB, 3 * MiB },
        { PACER_GOGC_OFF, 64 * MiB, 63 * MiB },
        { 100, 64 * MiB, 4 * MiB },
    };
    for (size_t k = 0; k < sizeof limited / sizeof limited[0]; k++) {
        pacer_t p;
        pacer_init(&p, limited[k].gogc, limited[k].limit, 1);
        suite_gogc_str(limited[k].gogc, g, sizeof g);
        cr_assert(p.next_gc == limited[k].first,
                  "pacer_init(GOGC=%s, memory limit %s): next_gc is %s, not the goal of an empty "
                  "heap with no memory in use (%s)",
                  g, suite_size_str(limited[k].limit, c, sizeof c),
                  suite_size_str(p.next_gc, a, sizeof a),
                  suite_size_str(limited[k].first, b, sizeof b));
    }
    pacer_t p;
    pacer_init(&p, 100, PACER_NO_LIMIT, 4);
    cr_assert(p.bucket_capacity == 4 * PACER_LIMITER_NS_PER_PROC,
              "pacer_init(procs=4): the limiter's capacity is %" PRIu64 " ns, not 4 CPU-seconds",
              p.bucket_capacity);
    pacer_init(&p, 100, PACER_NO_LIMIT, 0);
    cr_assert(p.procs == 1 && p.bucket_capacity == PACER_LIMITER_NS_PER_PROC,
              "pacer_init(procs=0) must be taken as one processor");
}

void suite_goal_gogc_goal_counts_stacks_and_globals(void)
{
    struct {
        int gogc;
        uint64_t marked, stacks, globals, want;
    } cases[] = {
        { 100, 100 * MiB, MiB, 64 * KiB, 210829312 }, { 50, 100 * MiB, MiB, 64 * KiB, 157843456 },
        { 37, 100 * MiB, MiB, 64 * KiB, 144067133 }, // (105971712 × 37) / 100 rounds down
        { 200, 100 * MiB, MiB, 64 * KiB, 316801024 }, { 100, 100 * MiB, 0, 0, 200 * MiB },
        { 0, 100 * MiB, MiB, 64 * KiB, 100 * MiB },
    };
    char g[16], a[64];
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        pacer_t p = suite_pacer(cases[k].gogc, PACER_NO_LIMIT, cases[k].marked, cases[k].stacks,
                                cases[k].globals);
        uint64_t got = pacer_gogc_goal(&p);
        cr_assert(got == cases[k].want,
                  "pacer_gogc_goal, GOGC=%s, heap marked %" PRIu64 " B, stacks %" PRIu64
                  " B, globals %" PRIu64 " B: got %s, which is not Go 1.18's goal (task 1)",
                  suite_gogc_str(cases[k].gogc, g, sizeof g), cases[k].marked, cases[k].stacks,
                  cases[k].globals, suite_size_str(got, a, sizeof a));
    }
}

void suite_goal_floor_on_both_sides(void)
{
    // GOGC=100: floor 4 MiB. marked + 2×marked... the goal is 2 × marked here.
    struct {
        int gogc;
        uint64_t marked, want;
        const char *side;
    } cases[] = {
        { 100, 2 * MiB - 1, 4 * MiB, "just under the floor" },
        { 100, 2 * MiB, 4 * MiB, "exactly at the floor" },
        { 100, 2 * MiB + 1, 4 * MiB + 2, "just over the floor" },
        { 100, 0, 4 * MiB, "an empty heap" },
        { 50, MiB, 2 * MiB, "under GOGC=50's floor" },
        { 50, 2 * MiB, 3 * MiB, "over GOGC=50's floor" },
        { 300, 3 * MiB, 12 * MiB, "exactly at GOGC=300's floor" },
        { 300, MiB, 12 * MiB, "under GOGC=300's floor" },
    };
    char g[16], a[64];
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        pacer_t p = suite_pacer(cases[k].gogc, PACER_NO_LIMIT, cases[k].marked, 0, 0);
        uint64_t got = pacer_gogc_goal(&p);
        cr_assert(got == cases[k].want,
                  "pacer_gogc_goal, GOGC=%s, heap marked %" PRIu64 " B (%s), no stacks or "
                  "globals: got %s",
                  suite_gogc_str(cases[k].gogc, g, sizeof g), cases[k].marked, cases[k].side,
                  suite_size_str(got, a, sizeof a));
    }
}

void suite_goal_gogc_off_has_no_goal(void)
{
    pacer_t p = suite_pacer(PACER_GOGC_OFF, PACER_NO_LIMIT, 100 * MiB, MiB, 0);
    pacer_mem_t m = { 300 * MiB, 10 * MiB, 250 * MiB };
    char a[64];
    cr_assert(pacer_gogc_goal(&p) == PACER_NEVER, "GOGC=off: pacer_gogc_goal returned %s",
              suite_size_str(pacer_gogc_goal(&p), a, sizeof a));
    cr_assert(pacer_heap_goal(&p, &m) == PACER_NEVER,
              "GOGC=off and no memory limit: pacer_heap_goal returned %s",
              suite_size_str(pacer_heap_goal(&p, &m), a, sizeof a));
    cr_assert(pacer_trigger(&p, PACER_NEVER) == PACER_NEVER,
              "pacer_trigger(PACER_NEVER) returned %s",
              suite_size_str(pacer_trigger(&p, PACER_NEVER), a, sizeof a));
    cr_assert(!pacer_should_start(&p, UINT64_MAX - 1, &m),
              "GOGC=off and no memory limit: pacer_should_start said yes for a heap of 2^64-2 "
              "bytes; with no goal the collector never starts on its own");
    // A negative GOGC other than -1 is off too.
    pacer_init(&p, -42, PACER_NO_LIMIT, 1);
    cr_assert(pacer_gogc_goal(&p) == PACER_NEVER && p.gogc < 0,
              "pacer_init(GOGC=-42) must mean GOGC=off");
}

void suite_goal_huge_values_do_not_wrap(void)
{
    struct {
        int gogc;
        uint64_t marked, stacks, globals, want;
    } cases[] = {
        // (marked + roots) × GOGC overflows 64 bits, the goal itself fits.
        { 1000, 1ull << 55, 4 * MiB, 2 * MiB, 396316767271518208ull },
        { 100, 1ull << 62, 0, 0, 1ull << 63 },
        // The goal itself does not fit: no goal rather than a small one.
        { 1000, 1ull << 62, 0, 0, PACER_NEVER },
        { 1000000, 1ull << 50, 0, 0, (1ull << 50) * 10001 },
        { 1000000, 1ull << 51, 0, 0, PACER_NEVER },
        { 100, UINT64_MAX / 2 + 1, 0, 0, PACER_NEVER },
    };
    char g[16], a[64];
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        pacer_t p = suite_pacer(cases[k].gogc, PACER_NO_LIMIT, cases[k].marked, cases[k].stacks,
                                cases[k].globals);
        uint64_t got = pacer_gogc_goal(&p);
        cr_assert(got == cases[k].want,
                  "pacer_gogc_goal, GOGC=%s, heap marked %" PRIu64 " B, stacks %" PRIu64
                  " B, globals %" PRIu64 " B: got %s (did a product wrap around?)",
                  suite_gogc_str(cases[k].gogc, g, sizeof g), cases[k].marked, cases[k].stacks,
                  cases[k].globals, suite_size_str(got, a, sizeof a));
    }
}

// ---- task 2: the memory limit ---------------------------------------------------------

void suite_limit_limit_goal_exact(void)
{
    struct {
        uint64_t limit, marked;
        pacer_mem_t m;
        uint64_t want;
        const char *what;
    } cases[] = {
        { PACER_NO_LIMIT, 20 * MiB, { 60 * MiB, 10 * MiB, 40 * MiB }, PACER_NEVER, "no limit" },
        { 100 * MiB, 20 * MiB, { 60 * MiB, 10 * MiB, 40 * MiB }, 89 * MiB, "under the limit" },
        { 100 * MiB, 20 * MiB, { 120 * MiB, 10 * MiB, 100 * MiB }, 69 * MiB, "over the limit" },
        { 12 * MiB, 0, { 11 * MiB, 0, MiB / 2 }, MiB, "less than twice the headroom left" },
        { 12 * MiB, 0, { 10 * MiB + 1, 0, 0 }, MiB, "one byte short of twice the headroom" },
        { 12 * MiB, 0, { 10 * MiB - 1, 0, 0 }, MiB + 1, "one byte over twice the headroom" },
        { 12 * MiB, 0, { 12 * MiB - MiB / 2, 0, 0 }, MiB, "less than the headroom left" },
        { 8 * MiB, 3 * MiB, { 9 * MiB, 0, 0 }, 3 * MiB, "non-heap memory over the limit" },
        { 8 * MiB,
          512 * KiB,
          { 8 * MiB, 0, 0 },
          512 * KiB,
          "non-heap memory exactly at the limit" },
        { 8 * MiB,
          512 * KiB,
          { 8 * MiB - 1, 0, 0 },
          MiB,
          "non-heap memory one byte under the limit" },
        { 8 * MiB, 0, { 8 * MiB + 1, 0, 1 }, 0, "non-heap at the limit, one byte over it in all" },
        { 100 * MiB, 50 * MiB, { 95 * MiB, 0, 30 * MiB }, 50 * MiB, "a goal under the live heap" },
        { 8 * MiB,
          512 * KiB,
          { 9 * MiB, 0, 2 * MiB },
          512 * KiB,
          "the overage exactly uses up what non-heap memory leaves the heap" },
        { 64 * MiB,
          0,
          { 10 * MiB, 5 * MiB, 10 * MiB },
          63 * MiB,
          "heap free + heap alloc over mapped" },
    };
    char a[64], l[64];
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        pacer_t p = suite_pacer(100, cases[k].limit, cases[k].marked, 0, 0);
        uint64_t got = pacer_limit_goal(&p, &cases[k].m);
        cr_assert(got == cases[k].want,
                  "pacer_limit_goal (%s): limit %s, heap marked %" PRIu64 " B, mapped %" PRIu64
                  " B, heap free %" PRIu64 " B, heap alloc %" PRIu64 " B: got %s",
                  cases[k].what, suite_size_str(cases[k].limit, l, sizeof l), cases[k].marked,
                  cases[k].m.mapped, cases[k].m.heap_free, cases[k].m.heap_alloc,
                  suite_size_str(got, a, sizeof a));
    }
}

void suite_limit_heap_goal_is_the_smaller(void)
{
    pacer_mem_t m = { 60 * MiB, 10 * MiB, 40 * MiB };
    char a[64];
    pacer_t p = suite_pacer(100, 100 * MiB, 20 * MiB, 0, 0); // GOGC 40 MiB, limit 89 MiB
    uint64_t got = pacer_heap_goal(&p, &m);
    cr_assert(got == 40 * MiB, "pacer_heap_goal, GOGC's goal 40 MiB, the limit's 89 MiB: got %s",
              suite_size_str(got, a, sizeof a));
    p = suite_pacer(200, 100 * MiB, 40 * MiB, 0, 0); // GOGC 120 MiB, limit 89 MiB
    got = pacer_heap_goal(&p, &m);
    cr_assert(got == 89 * MiB, "pacer_heap_goal, GOGC's goal 120 MiB, the limit's 89 MiB: got %s",
              suite_size_str(got, a, sizeof a));
    p = suite_pacer(PACER_GOGC_OFF, 100 * MiB, 40 * MiB, 0, 0);
    got = pacer_heap_goal(&p, &m);
    cr_assert(got == 89 * MiB, "pacer_heap_goal, GOGC=off, the limit's goal 89 MiB: got %s",
              suite_size_str(got, a, sizeof a));
    cr_assert(pacer_should_start(&p, 89 * MiB, &m),
              "GOGC=off with a limit: pacer_should_start said no at the limit's goal (89 MiB): "
              "with GOGC off, the memory limit alone decides when to collect");
}

// ---- task 3: the trigger ----------------------------------------------------------------

void suite_trigger_bounds_exact(void)
{
    struct {
        uint64_t marked, goal, runway, want;
        const char *what;
        int gogc;
    } cases[] = {
        { 100 * MiB, 200 * MiB, 0, 205520896, "no runway, a large heap: goal - 4 MiB", 100 },
        { 100 * MiB, 200 * MiB, 10 * MiB, 199229440, "a runway inside the bounds", 100 },
        { 100 * MiB, 200 * MiB, 50 * MiB, 178585600, "a runway past the lower bound", 100 },
        { 100 * MiB, 200 * MiB, 300 * MiB, 178585600, "a runway longer than the goal", 100 },
        { 100 * MiB, 200 * MiB, 200 * MiB, 178585600, "a runway exactly as long as the goal", 100 },
        { 2 * MiB, 4 * MiB, 0, 4096000, "no runway, a small heap: the upper bound", 100 },
        { 0, 4 * MiB + 100, 0, 3997757, "the bounds round (goal - marked) / 64 down", 100 },
        { 50 * MiB, 40 * MiB, 0, 40 * MiB, "heap marked over the goal", 100 },
        { 40 * MiB, 40 * MiB, 0, 40 * MiB, "heap marked at the goal", 100 },
        // The large-heap bound is goal - 4 MiB whatever GOGC is (at GOGC 100 the
        // heap minimum is 4 MiB too, so only another GOGC tells them apart).
        { 100 * MiB, 200 * MiB, 0, 205520896, "no runway, a large heap, GOGC 50", 50 },
        { 100 * MiB, 200 * MiB, 0, 205520896, "no runway, a large heap, GOGC 200", 200 },
    };
    char a[64];
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        int gogc = cases[k].gogc;
        pacer_t p = suite_pacer(gogc, PACER_NO_LIMIT, cases[k].marked, 0, 0);
        p.runway = cases[k].runway;
        uint64_t got = pacer_trigger(&p, cases[k].goal);
        cr_assert(got == cases[k].want,
                  "pacer_trigger (%s): GOGC %d, heap marked %" PRIu64 " B, goal %" PRIu64
                  " B, runway %" PRIu64 " B: got %s (handout: labs/pacer/README.md, task 3); "
                  "replay: build/<impl>/suites/pacer --filter 'trigger/bounds_exact' --verbose",
                  cases[k].what, gogc, cases[k].marked, cases[k].goal, cases[k].runway,
                  suite_size_str(got, a, sizeof a));
        cr_assert(got <= cases[k].goal, "pacer_trigger returned a trigger above the goal");
    }
    // pacer_should_start compares with that trigger.
    pacer_t p = suite_pacer(100, PACER_NO_LIMIT, 100 * MiB, 0, 0);
    p.runway = 10 * MiB;
    pacer_mem_t m = { 0, 0, 0 };
    cr_assert(!pacer_should_start(&p, 199229440 - 1, &m) && pacer_should_start(&p, 199229440, &m),
              "pacer_should_start, heap marked 100 MiB, GOGC 100, runway 10 MiB: it must say "
              "yes from the trigger on, and no one byte before");
}

void suite_trigger_end_cycle_measures_runway(void)
{
    pacer_t p;
    pacer_init(&p, 100, PACER_NO_LIMIT, 1);
    pacer_cycle_t c = {
        .heap_marked = 20 * MiB,
        .heap_scan = 20 * MiB,
        .stack_scan = 8192,
        .globals_scan = 64,
        .alloc_bytes = 40 * MiB,
        .mutator_ns = 50000000,
        .mark_ns = 2000000,
        .pause_ns = 50000,
        .mem = { 30 * MiB, 2 * MiB, 20 * MiB },
    };
    pacer_end_cycle(&p, &c);
    cr_assert(p.heap_marked == 20 * MiB && p.last_heap_scan == 20 * MiB &&
                  p.last_stack_scan == 8192 && p.globals_scan == 64,
              "pacer_end_cycle must record the cycle's heap marked and its scan work "
              "(heap, stacks, globals)");
    cr_assert(p.cons_mark > 0.0799999 && p.cons_mark < 0.0800001,
              "pacer_end_cycle: 40 MiB allocated in 50 ms of program time, 20 MiB scanned in "
              "2 ms of marking: cons_mark is %g",
              p.cons_mark);
    cr_assert(p.runway >= 5035145 && p.runway <= 5035147,
              "pacer_end_cycle: cons/mark 0.08, 20 MiB + 8256 B to scan: runway is %" PRIu64
              " B (task 3: the marker's 25 %% of the CPU against the program's 75 %%)",
              p.runway);
    cr_assert(p.num_gc == 1 && p.pause_total_ns == 50000,
              "pacer_end_cycle must count the cycle (NumGC %" PRIu32 ") and add its pause "
              "(PauseTotalNs %" PRIu64 ")",
              p.num_gc, p.pause_total_ns);
    char a[64];
    cr_assert(p.next_gc == 41951296,
              "pacer_end_cycle: after a cycle that marked 20 MiB with 8 KiB of stacks and 64 B of "
              "globals (GOGC 100), next_gc is %s: NextGC must be the new goal",
              suite_size_str(p.next_gc, a, sizeof a));
    // A second cycle with no marking time measured: no ratio, no runway.
    c.mark_ns = 0;
    c.heap_marked = 30 * MiB;
    pacer_end_cycle(&p, &c);
    cr_assert(p.cons_mark == 0 && p.runway == 0,
              "pacer_end_cycle with mark_ns = 0: cons_mark %g and runway %" PRIu64
              " must both be 0 (no division by zero)",
              p.cons_mark, p.runway);
    cr_assert(
        p.num_gc == 2 && p.next_gc == 30 * MiB + 30 * MiB + 8256,
        "pacer_end_cycle: the second cycle must be counted and NextGC follow its heap marked");
    // A cycle that measured no program time (a forced collection right after
    // another): no ratio either.
    c.mark_ns = 2000000;
    c.mutator_ns = 0;
    pacer_end_cycle(&p, &c);
    cr_assert(p.cons_mark == 0 && p.runway == 0,
              "scenario: pacer_end_cycle with mutator_ns = 0 (and 40 MiB allocated, 20 MiB "
              "scanned in 2 ms): cons_mark %g and runway %" PRIu64 " must both be 0 (handout: "
              "labs/pacer/README.md, task 3); replay: build/<impl>/suites/pacer --filter "
              "'trigger/end_cycle_measures_runway' --verbose",
              p.cons_mark, p.runway);
    // A runway of exactly 2^64 bytes (UINT64_MAX allocated in 3 ns, 1 MiB
    // scanned in 1 ns: cons/mark 2^44 / 3, times 3 × 1 MiB) does not fit a
    // uint64_t: it saturates, and converting it as it is would give 0.
    pacer_cycle_t big = { .heap_marked = 20 * MiB,
                          .heap_scan = MiB,
                          .alloc_bytes = UINT64_MAX,
                          .mutator_ns = 3,
                          .mark_ns = 1,
                          .mem = { 30 * MiB, 2 * MiB, 20 * MiB } };
    pacer_end_cycle(&p, &big);
    cr_assert(p.runway >= PACER_NEVER - 4096,
              "pacer_end_cycle: 2^64 - 1 B allocated in 3 ns, 1 MiB scanned in 1 ns: the runway "
              "is 2^64 B, more than a uint64_t holds, and must be PACER_NEVER; got %" PRIu64
              " (pacer.h: pacer_end_cycle)",
              p.runway);
    c.mutator_ns = 50000000;
    // With a memory limit, NextGC is the goal in force.
    pacer_init(&p, 100, 32 * MiB, 1);
    c.mark_ns = 2000000;
    c.heap_marked = 20 * MiB;
    pacer_end_cycle(&p, &c); // non-heap = 30 - 2 - 20 = 8 MiB → 32 - 8 - 1 = 23 MiB
    cr_assert(p.next_gc == 23 * MiB,
              "pacer_end_cycle with a 32 MiB limit, 30 MiB mapped (2 MiB free pages, 20 MiB of "
              "objects): next_gc is %s, not the goal in force",
              suite_size_str(p.next_gc, a, sizeof a));
}

// ---- task 4: the limiter -----------------------------------------------------------------

void suite_limiter_bucket_exact(void)
{
    const uint64_t ms = 1000000;
    struct {
        uint64_t mut, gc, fill, overflow;
        bool limiting;
    } steps[] = {
        { 0, 400 * ms, 400 * ms, 0, false },             // fills with GC time
        { 100 * ms, 300 * ms, 600 * ms, 0, false },      // by the difference
        { 0, 500 * ms, 1000 * ms, 100 * ms, true },      // full: the rest overflows
        { 0, 0, 1000 * ms, 100 * ms, true },             // nothing happened
        { 50 * ms, 50 * ms, 1000 * ms, 100 * ms, true }, // as much of both: no change
        { 1 * ms, 0, 999 * ms, 100 * ms, false },        // drained a little: off
        { 0, 1 * ms, 1000 * ms, 100 * ms, true },        // exactly full again: on
        { 2000 * ms, 0, 0, 100 * ms, false },            // never below empty
        { 0, 999 * ms, 999 * ms, 100 * ms, false },
    };
    pacer_t p;
    pacer_init(&p, 100, PACER_NO_LIMIT, 1);
    uint64_t gc = 0, total = 0;
    for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
        pacer_limiter_accumulate(&p, steps[k].mut, steps[k].gc);
        gc += steps[k].gc;
        total += steps[k].mut + steps[k].gc;
        cr_assert(p.bucket_fill == steps[k].fill && p.overflow == steps[k].overflow &&
                      pacer_limiter_enabled(&p) == steps[k].limiting,
                  "the limiter (1 CPU-second bucket), step %zu of a sequence of stretches (%" PRIu64
                  " ms program, %" PRIu64 " ms GC): fill %" PRIu64 " ms, overflow %" PRIu64
                  " ms, %s",
                  k + 1, steps[k].mut / ms, steps[k].gc / ms, p.bucket_fill / ms, p.overflow / ms,
                  pacer_limiter_enabled(&p) ? "limiting" : "not limiting");
        cr_assert(p.gc_cpu_ns == gc && p.total_cpu_ns == total,
                  "pacer_limiter_accumulate, step %zu: gc_cpu_ns %" PRIu64
                  " / total_cpu_ns %" PRIu64 " do not add up the time given so far",
                  k + 1, p.gc_cpu_ns, p.total_cpu_ns);
    }
    pacer_init(&p, 100, PACER_NO_LIMIT, 2);
    pacer_limiter_accumulate(&p, 0, 1500 * ms);
    cr_assert(!pacer_limiter_enabled(&p) && p.bucket_fill == 1500 * ms,
              "with 2 processors the bucket holds 2 CPU-seconds: 1.5 s of GC time must not fill "
              "it");
}

// ---- task 5: MemStats ----------------------------------------------------------------------

void suite_memstats_fields_from_core_and_pacer(void)
{
    ml_memstats_t core;
    memset(&core, 0, sizeof core);
    core.heap_alloc = 1001;
    core.heap_inuse = 2002;
    core.heap_idle = 3003;
    core.heap_released = 4004;
    core.heap_sys = 5005;
    core.next_gc = 6006; // the core's own idea: not the pacer's
    core.num_gc = 77;
    core.pause_total_ns = 8008;
    pacer_t p;
    pacer_init(&p, 100, PACER_NO_LIMIT, 1);
    p.next_gc = 123456;
    p.num_gc = 9;
    p.pause_total_ns = 4242;
    p.gc_cpu_ns = 250;
    p.total_cpu_ns = 1000;
    pacer_memstats_t m;
    memset(&m, 0xa5, sizeof m);
    pacer_read_memstats(&p, &core, &m);
    cr_assert(m.heap_alloc == 1001 && m.heap_inuse == 2002 && m.heap_idle == 3003 &&
                  m.heap_released == 4004,
              "pacer_read_memstats: HeapAlloc %" PRIu64 ", HeapInuse %" PRIu64 ", HeapIdle %" PRIu64
              ", HeapReleased %" PRIu64 " do not come from the core's snapshot",
              m.heap_alloc, m.heap_inuse, m.heap_idle, m.heap_released);
    cr_assert(m.next_gc == 123456 && m.num_gc == 9 && m.pause_total_ns == 4242,
              "pacer_read_memstats: NextGC %" PRIu64 ", NumGC %" PRIu32 ", PauseTotalNs %" PRIu64
              " must be the pacer's (the pacer runs the cycles here)",
              m.next_gc, m.num_gc, m.pause_total_ns);
    cr_assert(m.gc_cpu_fraction > 0.2499 && m.gc_cpu_fraction < 0.2501,
              "pacer_read_memstats: 250 ns of GC in 1000 ns of CPU, GCCPUFraction is %g",
              m.gc_cpu_fraction);
    p.gc_cpu_ns = p.total_cpu_ns = 0;
    pacer_read_memstats(&p, &core, &m);
    cr_assert(m.gc_cpu_fraction == 0.0,
              "pacer_read_memstats before any time was accounted: GCCPUFraction is %g, not 0",
              m.gc_cpu_fraction);
}

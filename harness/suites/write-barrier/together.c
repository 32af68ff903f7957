// together.c — tests of the three barriers together: stores into globals,
// objects allocated while marking, the charts of the report, and the
// demonstration (no points) that without a barrier objects are lost.
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/grade.h"
#include "memlab/verify.h"
#include "support/charts.h"
#include "support/scenario.h"
#include "support/workload.h"
#include "wb_suite.h"

void suite_globals_global_stores_run_the_barrier(void)
{
    const wb_kind_t kinds[3] = { WB_DIJKSTRA, WB_YUASA, WB_HYBRID };
    for (int k = 0; k < 3; k++) {
        unit_t u;
        suite_unit_open(&u, kinds[k], NULL);
        int g = ml_gc_global_add(u.h, "config");
        void *old = suite_fresh(&u), *val = suite_fresh(&u);
        cr_assert(g >= 0, "internal: out of memory");
        ml_gc_write_global(u.h, g, old);
        cr_assert(ml_gc_cycle_begin(u.h) == 0, "internal: cycle_begin");
        ml_gc_stack_set_scanned(ml_gc_current_stack(u.h), false);
        ml_gc_write_global(u.h, g, val); // the core runs the hook, as for a heap store
        bool want_new = kinds[k] != WB_YUASA, want_old = kinds[k] != WB_DIJKSTRA;
        cr_assert(!want_new || ml_gc_is_marked(u.h, val),
                  "barrier %s: the store config = obj#%u (a global the marker has not scanned "
                  "yet, old value obj#%u, the storing goroutine's stack grey) left the new "
                  "pointer's object white; the same store into a heap object shades it. Replay: "
                  "write-barrier --scenario %s --barrier %s --steps. Handout: \"Globals\", task 7",
                  suite_kind_name(kinds[k]), ml_gc_object_id(u.h, val), ml_gc_object_id(u.h, old),
                  kinds[k] == WB_DIJKSTRA ? "global-store" : "grey-stack-to-global",
                  suite_kind_name(kinds[k]));
        cr_assert(!want_old || ml_gc_is_marked(u.h, old),
                  "barrier %s: the store config = obj#%u (a global the marker has not scanned "
                  "yet, old value obj#%u) left the overwritten pointer's object white; the same "
                  "store into a heap object shades it. Replay: write-barrier --scenario "
                  "global-delete --barrier %s --steps. Handout: \"Globals\", task 7",
                  suite_kind_name(kinds[k]), ml_gc_object_id(u.h, val), ml_gc_object_id(u.h, old),
                  suite_kind_name(kinds[k]));
        suite_unit_close(&u);
    }
}

void suite_alloc_allocated_during_marking_yuasa_and_hybrid(void)
{
    const wb_kind_t kinds[2] = { WB_YUASA, WB_HYBRID };
    for (int k = 0; k < 2; k++) {
        unit_t u;
        suite_unit_open(&u, kinds[k], NULL);
        cr_assert(ml_gc_cycle_begin(u.h) == 0, "internal: cycle_begin");
        void *obj = ml_gc_alloc(u.h, &SUITE_NODE);
        cr_assert(obj, "internal: out of memory");
        cr_assert(ml_gc_is_marked(u.h, obj) && !suite_grey(&u, obj),
                  "barrier %s: obj#%u, allocated while marking runs, is %s. Replay what that "
                  "colour costs: write-barrier --scenario alloc-store --barrier %s --steps. "
                  "Handout: task %d",
                  suite_kind_name(kinds[k]), ml_gc_object_id(u.h, obj),
                  ml_gc_is_marked(u.h, obj) ? "grey" : "white", suite_kind_name(kinds[k]),
                  kinds[k] == WB_YUASA ? 5 : 6);
        suite_unit_close(&u);
    }
}

// measured_cycle — one cycle of random workload 0 under barrier `kind` (the
// student's barrier and policy), for its stop-the-world work.
static wb_cycle_result_t measured_cycle(wb_kind_t kind, uint64_t *seed)
{
    rcase_t c = suite_rcase(0);
    char why[600];
    wb_workload_cfg_t wc = wb_workload_default(RANDOM_OBJECTS, c.seed);
    wb_world_t *w = wb_workload_world(&wc, why, sizeof why);
    wb_random_t *rm = w ? wb_random_new(w, &wc) : NULL;
    cr_assert(w && rm, "internal: %s", why);
    wb_mutator_t mut = wb_random_mutator(rm);
    wb_run_cfg_t cfg = { .budget = 1, .seed = c.seed, .p_mutator = 0.5 };
    wb_run_t *r = wb_run_new(w, kind, &cfg, why, sizeof why);
    cr_assert(r, "internal: %s", why);
    wb_cycle_result_t res;
    cr_assert(wb_run_cycle(r, &mut, &res, why, sizeof why) == 0, "internal: %s", why);
    wb_run_free(r);
    wb_random_free(rm);
    wb_world_free(w);
    *seed = c.seed;
    return res;
}

void suite_policy_no_needless_stop_the_world_work(void)
{
    // The handout: a correct policy loses nothing; a good one also does no
    // stop-the-world work its barrier does not need. Dijkstra's barrier runs
    // on every global store and (task 3) its termination has the stacks
    // covered, so neither a snapshot at the start nor a re-scan of globals
    // adds safety; Yuasa's snapshot (task 5) leaves nothing for termination
    // to re-scan. Only the work beyond what the barrier needs is judged here:
    // Dijkstra's choice of colour for new objects is a trade-off, free.
    // Judged only on barriers and policies that lose nothing: doing no work
    // at all is not an answer.
    static const wb_kind_t kinds[2] = { WB_DIJKSTRA, WB_YUASA };
    char msg[2048];
    for (int k = 0; k < 2; k++)
        for (char **sc = suite_scenario_names(); *sc; sc++) {
            wb_cycle_result_t sres;
            cr_assert(suite_run_scenario(*sc, kinds[k], false, &sres, msg, sizeof msg),
                      "this test judges the stop-the-world work of a barrier and policy that "
                      "lose nothing; with your %s: %s",
                      suite_kind_name(kinds[k]), msg);
        }
    uint64_t seed;
    wb_policy_t d = wb_policy(WB_DIJKSTRA), y = wb_policy(WB_YUASA);
    if (d.scan_stacks_at_start || d.rescan_globals) {
        wb_cycle_result_t res = measured_cycle(WB_DIJKSTRA, &seed);
        cr_assert_fail(
            "wb_policy(WB_DIJKSTRA) %s: %zu units of stop-the-world work at the "
            "start and %zu at termination in one cycle of the random workload "
            "(write-barrier --seed %" PRIu64 " --objects %d --cycles 1 --budget 1 "
            "--p-mutator 0.50 --barrier dijkstra). Does your Dijkstra lose anything without it? Handout: "
            "\"What you implement\" (a good answer) and task 3",
            d.scan_stacks_at_start ? "scans every stack at the start, world stopped"
                                   : "re-scans the globals at termination",
            res.mk.start_work, res.term_work, seed, RANDOM_OBJECTS);
    }
    if (y.rescan_stacks || y.rescan_globals) {
        wb_cycle_result_t res = measured_cycle(WB_YUASA, &seed);
        cr_assert_fail(
            "wb_policy(WB_YUASA) re-scans the %s at termination, world stopped: "
            "%zu units of stop-the-world work at termination in one cycle of the "
            "random workload (write-barrier --seed %" PRIu64 " --objects %d --cycles 1 "
            "--budget 1 --p-mutator 0.50 --barrier yuasa). Does your Yuasa lose anything without it? Handout: "
            "\"What you implement\" (a good answer) and task 5",
            y.rescan_stacks ? "stacks" : "globals", res.term_work, seed, RANDOM_OBJECTS);
    }
}

void suite_charts_floating_garbage_and_stop_the_world_work(void)
{
    // The report's charts: the same data as the benchmark's, for small heaps,
    // with your barriers and policies.
    const char *dir = getenv("MEMLAB_DATA");
    if (!dir || !*dir) {
        ml_note("MEMLAB_DATA is not set: no chart data written");
        return;
    }
    static const size_t sizes[] = { 250, 1000, 4000 };
    cr_assert(wb_charts_workloads(dir, sizes, 3, 3, NULL) == 0,
              "internal: cannot write the chart data into %s", dir);
}

void suite_demo_none_loses_objects(void)
{
    // No student code runs here: the marker's own `none`. Every scenario
    // must lose an object (else it tests nothing), and so must a good share
    // of the random workloads.
    char msg[2048];
    for (char **s = suite_scenario_names(); *s; s++) {
        wb_cycle_result_t res;
        suite_run_scenario(*s, WB_NONE, false, &res, msg, sizeof msg);
        cr_assert(res.lost > 0, "internal: scenario %s loses nothing without a barrier", *s);
        cr_assert(res.waits_skipped == 0 && res.ops_left == 0,
                  "internal: scenario %s did not play as designed", *s);
    }
    size_t losing = 0, lost;
    for (size_t k = 0; k < NRANDOM; k++) {
        rcase_t c = suite_rcase(k);
        losing += !suite_run_random(&c, WB_NONE, false, &lost, msg, sizeof msg) && lost > 0;
    }
    ml_note("without a barrier, %zu of %d random workloads lost objects", losing, NRANDOM);
    cr_assert(losing * 2 >= NRANDOM,
              "internal: only %zu of %d random workloads lose objects without a barrier", losing,
              NRANDOM);
}

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
        cr_assert(
            !want_new || ml_gc_is_marked(u.h, val),
            "barrier %s: a store into a global (not yet scanned "
            "by the marker) did not shade the new pointer. In Go, stores to globals run the write "
            "barrier exactly like stores into heap objects: only stack stores have none",
            suite_kind_name(kinds[k]));
        cr_assert(
            !want_old || ml_gc_is_marked(u.h, old),
            "barrier %s: a store into a global did not shade "
            "the overwritten pointer. Globals are scanned while marking runs, so deleting from one the "
            "marker has not reached yet hides the object, as in a heap object",
            suite_kind_name(kinds[k]));
        suite_unit_close(&u);
    }
}

void suite_alloc_allocated_black_for_yuasa_and_hybrid(void)
{
    const wb_kind_t kinds[2] = { WB_YUASA, WB_HYBRID };
    for (int k = 0; k < 2; k++) {
        unit_t u;
        suite_unit_open(&u, kinds[k], NULL);
        cr_assert(ml_gc_cycle_begin(u.h) == 0, "internal: cycle_begin");
        void *obj = ml_gc_alloc(u.h, &SUITE_NODE);
        cr_assert(obj, "internal: out of memory");
        cr_assert(ml_gc_is_marked(u.h, obj) && !suite_grey(&u, obj),
                  "barrier %s: an object allocated while marking "
                  "runs is %s; it must be black (wb_policy: alloc_black)",
                  suite_kind_name(kinds[k]), ml_gc_is_marked(u.h, obj) ? "grey" : "white");
        suite_unit_close(&u);
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

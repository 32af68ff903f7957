// dijkstra.c — the Dijkstra barrier's own tests: it shades the new pointer,
// and its policy re-scans stacks at termination.
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

void suite_dijkstra_shades_the_new_pointer(void)
{
    unit_t u;
    suite_unit_open(&u, WB_DIJKSTRA, NULL);
    void *old = suite_fresh(&u), *val = suite_fresh(&u);
    cr_assert(ml_gc_cycle_begin(u.h) == 0, "internal: cycle_begin");
    suite_call(&u, WB_DIJKSTRA, old, val);
    cr_assert(suite_grey(&u, val),
              "wb_dijkstra(slot, old, new) left the new pointer's object %s: an insertion "
              "barrier shades the pointer being written (wb_shade(m, val))",
              ml_gc_is_marked(u.h, val) ? "marked but not in the worklist" : "white");
    cr_assert(!ml_gc_is_marked(u.h, old),
              "wb_dijkstra shaded the overwritten pointer too: Dijkstra's "
              "barrier shades only the new one (the deleted one is Yuasa's)");
    suite_call(&u, WB_DIJKSTRA, val, NULL); // storing nil: nothing to shade, no crash
    suite_unit_close(&u);
}

void suite_dijkstra_termination_rescans_stacks(void)
{
    wb_policy_t p = wb_policy(WB_DIJKSTRA);
    cr_assert(
        p.rescan_stacks,
        "wb_policy(WB_DIJKSTRA).rescan_stacks is false: stack writes run no barrier, "
        "so a stack that was already scanned can take the only pointer to a white object whose heap "
        "path is then cut (scenario stack-slot). Dijkstra needs every stack re-scanned at mark "
        "termination, with the world stopped");
    char msg[2048];
    wb_cycle_result_t res;
    cr_assert(suite_run_scenario("stack-slot", WB_DIJKSTRA, false, &res, msg, sizeof msg), "%s",
              msg);
    cr_assert(res.mk.rescan_slots > 0, "the marker re-scanned no stack slot at termination");
}

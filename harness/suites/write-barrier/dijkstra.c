// dijkstra.c — the Dijkstra barrier's own tests: it shades the new pointer,
// and its policy saves an object whose only pointer a scanned stack holds
// (scenarios stack-slot and deep-hidden). The messages say what was lost and
// how to replay it, and point to the handout; the policy itself is the
// student's answer to task 3.
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
              "wb_dijkstra called directly on a heap object's slot, old = obj#%u, new = obj#%u "
              "(both white): afterwards the new pointer's object is %s, not grey. Contract: "
              "barrier.h, wb_dijkstra; handout: \"How a reachable object gets lost\"",
              ml_gc_object_id(u.h, old), ml_gc_object_id(u.h, val),
              ml_gc_is_marked(u.h, val) ? "marked but not in the worklist" : "white");
    cr_assert(!ml_gc_is_marked(u.h, old),
              "wb_dijkstra called directly, old = obj#%u, new = obj#%u (both white): the "
              "overwritten pointer's object was shaded too. Contract: barrier.h, wb_dijkstra",
              ml_gc_object_id(u.h, old), ml_gc_object_id(u.h, val));
    suite_call(&u, WB_DIJKSTRA, val, NULL); // storing nil: nothing to shade, no crash
    suite_unit_close(&u);
}

void suite_dijkstra_policy_saves_scanned_stacks(void)
{
    // The scenarios where a stack the marker has already scanned ends up
    // holding the only pointer to a white object. No barrier sees a stack
    // write: only the policy can save them.
    static const char *const names[] = { "stack-slot", "deep-hidden" };
    char msg[2048];
    for (size_t k = 0; k < 2; k++) {
        wb_cycle_result_t res;
        cr_assert(suite_run_scenario(names[k], WB_DIJKSTRA, false, &res, msg, sizeof msg),
                  "with your wb_dijkstra and wb_policy(WB_DIJKSTRA): %s. No barrier runs for "
                  "a stack write: which of the four policy questions covers a stack the marker "
                  "has already scanned? Handout: \"Stacks have no barrier\", task 3",
                  msg);
    }
}

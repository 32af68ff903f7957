// yuasa.c — the Yuasa barrier's own tests: it shades the old pointer, and
// its policy keeps the snapshot whole — stacks, which have no barrier, and
// objects born during marking (scenarios grey-stack-store, other-goroutine,
// alloc-store) — with no re-scan at termination. The policy is the
// student's answer to task 5: the messages tell what went wrong, not it.
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

void suite_yuasa_shades_the_old_pointer(void)
{
    unit_t u;
    suite_unit_open(&u, WB_YUASA, NULL);
    void *old = suite_fresh(&u), *val = suite_fresh(&u);
    cr_assert(ml_gc_cycle_begin(u.h) == 0, "internal: cycle_begin");
    suite_call(&u, WB_YUASA, old, val);
    cr_assert(suite_grey(&u, old),
              "wb_yuasa called directly on a heap object's slot, old = obj#%u, new = obj#%u "
              "(both white): afterwards the overwritten pointer's object is %s, not grey. "
              "Contract: barrier.h, wb_yuasa; handout: \"How a reachable object gets lost\"",
              ml_gc_object_id(u.h, old), ml_gc_object_id(u.h, val),
              ml_gc_is_marked(u.h, old) ? "marked but not in the worklist" : "white");
    cr_assert(!ml_gc_is_marked(u.h, val),
              "wb_yuasa called directly, old = obj#%u, new = obj#%u (both white): the new "
              "pointer's object was shaded too. Contract: barrier.h, wb_yuasa",
              ml_gc_object_id(u.h, old), ml_gc_object_id(u.h, val));
    suite_call(&u, WB_YUASA, NULL, val); // overwriting nil: nothing to shade
    suite_unit_close(&u);
}

void suite_yuasa_policy_keeps_the_snapshot(void)
{
    // A deletion barrier saves what was reachable when marking began, if the
    // roots and the newborn are part of that picture. Stacks have no
    // barrier; objects born during marking were in no picture at all.
    static const char *const names[] = { "grey-stack-store", "other-goroutine", "alloc-store" };
    char msg[2048];
    for (size_t k = 0; k < 3; k++) {
        wb_cycle_result_t res;
        cr_assert(suite_run_scenario(names[k], WB_YUASA, false, &res, msg, sizeof msg),
                  "with your wb_yuasa and wb_policy(WB_YUASA): %s. Handout: task 5 (what a "
                  "deletion barrier preserves, and what is outside that)",
                  msg);
    }
}

// yuasa.c — the Yuasa barrier's own tests: it shades the old pointer, and
// its policy snapshots stacks and allocates black.
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
              "wb_yuasa(slot, old, new) left the overwritten pointer's object %s: a deletion "
              "barrier shades the pointer being deleted (wb_shade(m, old))",
              ml_gc_is_marked(u.h, old) ? "marked but not in the worklist" : "white");
    cr_assert(!ml_gc_is_marked(u.h, val),
              "wb_yuasa shaded the new pointer too: Yuasa's barrier shades only "
              "the overwritten one");
    suite_call(&u, WB_YUASA, NULL, val); // overwriting nil: nothing to shade
    suite_unit_close(&u);
}

void suite_yuasa_snapshot_policy(void)
{
    wb_policy_t p = wb_policy(WB_YUASA);
    cr_assert(
        p.scan_stacks_at_start,
        "wb_policy(WB_YUASA).scan_stacks_at_start is false: a deletion barrier "
        "keeps a snapshot of the heap, but stack writes run no barrier, so a stack not scanned yet can "
        "drop its only pointer to an object it has just stored into a black object (scenario "
        "grey-stack-store). Yuasa scans every stack at the start, with the world stopped");
    cr_assert(p.alloc_black,
              "wb_policy(WB_YUASA).alloc_black is false: an object allocated during marking is "
              "not in the snapshot, and nothing would ever shade it (scenario alloc-store)");
    cr_assert(
        !p.rescan_stacks && !p.rescan_globals,
        "wb_policy(WB_YUASA) re-scans at termination: with the "
        "stacks snapshotted at the start and a deletion barrier on every heap and global store, "
        "nothing reachable can be missed; a re-scan only adds stop-the-world work");
}

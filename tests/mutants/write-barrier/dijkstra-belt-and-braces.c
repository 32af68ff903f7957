// dijkstra-belt-and-braces.c — MUTANT of barrier.c: correct barriers, and a
// Dijkstra policy that both snapshots every stack at the start AND re-scans
// them at termination. Nothing is lost — the scenarios, the random schedules
// and the invariant all pass — but the snapshot is stop-the-world work the
// insertion barrier never needs (the termination re-scan already covers the
// stacks): the handout's "a good answer also does no stop-the-world work it
// does not need".
// Caught by: policy/no_needless_stop_the_world_work (only).
// Killed by: policy/no_needless_stop_the_world_work
#include "barrier.h"

void wb_dijkstra(wb_marker_t *m, void **slot, void *old, void *val)
{
    (void)slot, (void)old;
    wb_shade(m, val);
}

void wb_yuasa(wb_marker_t *m, void **slot, void *old, void *val)
{
    (void)slot, (void)val;
    wb_shade(m, old);
}

void wb_hybrid(wb_marker_t *m, void **slot, void *old, void *val)
{
    (void)slot;
    wb_shade(m, old);
    if (!ml_gc_stack_scanned(ml_gc_current_stack(wb_marker_heap(m))))
        wb_shade(m, val);
}

wb_policy_t wb_policy(wb_kind_t kind)
{
    switch (kind) {
    case WB_DIJKSTRA:
        // "Belt and braces": snapshot the stacks too. Safe, and all waste.
        return (wb_policy_t){.scan_stacks_at_start = true, .rescan_stacks = true,
                             .rescan_globals = false, .alloc_black = false};
    case WB_YUASA:
        return (wb_policy_t){.scan_stacks_at_start = true, .rescan_stacks = false,
                             .rescan_globals = false, .alloc_black = true};
    case WB_HYBRID:
    default:
        return (wb_policy_t){.scan_stacks_at_start = false, .rescan_stacks = false,
                             .rescan_globals = false, .alloc_black = true};
    }
}

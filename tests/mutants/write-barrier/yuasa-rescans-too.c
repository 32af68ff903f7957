// yuasa-rescans-too.c — MUTANT of barrier.c: correct barriers, and a Yuasa
// policy that snapshots the stacks at the start (right) and re-scans them at
// termination as well "to be safe". Nothing is lost, but with a deletion
// barrier and the snapshot nothing reachable can be missed, so the re-scan
// is stop-the-world work for nothing.
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
        return (wb_policy_t){.scan_stacks_at_start = false, .rescan_stacks = true,
                             .rescan_globals = false, .alloc_black = false};
    case WB_YUASA:
        // A re-scan at termination "to be safe".
        return (wb_policy_t){.scan_stacks_at_start = true, .rescan_stacks = true,
                             .rescan_globals = false, .alloc_black = true};
    case WB_HYBRID:
    default:
        return (wb_policy_t){.scan_stacks_at_start = false, .rescan_stacks = false,
                             .rescan_globals = false, .alloc_black = true};
    }
}

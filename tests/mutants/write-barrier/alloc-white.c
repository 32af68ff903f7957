// alloc-white.c — MUTANT of barrier.c: correct barriers, but objects
// allocated during marking are white for every barrier. Under Yuasa and the
// hybrid nothing ever shades a new object stored into a black object by a
// scanned goroutine (alloc-store) or kept on a scanned stack
// (alloc-stack-only). (Dijkstra survives it: its re-scan and insertion
// barrier find them.)
// Caught by: yuasa/ and hybrid/adversarial_scenarios, yuasa/policy_keeps_the_snapshot,
// hybrid/no_stop_the_world_stack_work, alloc/allocated_during_marking_yuasa_and_hybrid.
// Killed by: yuasa/policy_keeps_the_snapshot hybrid/adversarial_scenarios
// Killed by: hybrid/no_stop_the_world_stack_work alloc/allocated_during_marking_yuasa_and_hybrid
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
        return (wb_policy_t){.scan_stacks_at_start = true, .rescan_stacks = false,
                             .rescan_globals = false, .alloc_black = false};
    case WB_HYBRID:
    default:
        return (wb_policy_t){.scan_stacks_at_start = false, .rescan_stacks = false,
                             .rescan_globals = false, .alloc_black = false};
    }
}

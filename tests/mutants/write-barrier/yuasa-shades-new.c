// yuasa-shades-new.c — MUTANT of barrier.c: the Yuasa barrier shades the new
// pointer instead of the overwritten one (an insertion barrier under Yuasa's
// policy: stacks snapshotted, no re-scan). A pointer loaded into an already
// scanned stack and then deleted from the heap is lost (stack-slot).
// Caught by: yuasa/shades_the_old_pointer, yuasa/adversarial_scenarios,
// yuasa/random_schedules, globals/global_stores_run_the_barrier.
// Killed by: yuasa/shades_the_old_pointer yuasa/adversarial_scenarios yuasa/random_schedules
// Killed by: globals/global_stores_run_the_barrier
#include "barrier.h"

void wb_dijkstra(wb_marker_t *m, void **slot, void *old, void *val)
{
    (void)slot, (void)old;
    wb_shade(m, val);
}

void wb_yuasa(wb_marker_t *m, void **slot, void *old, void *val)
{
    (void)slot, (void)old;
    wb_shade(m, val);
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
                             .rescan_globals = false, .alloc_black = true};
    case WB_YUASA:
        return (wb_policy_t){.scan_stacks_at_start = true, .rescan_stacks = false,
                             .rescan_globals = false, .alloc_black = true};
    case WB_HYBRID:
    default:
        return (wb_policy_t){.scan_stacks_at_start = false, .rescan_stacks = false,
                             .rescan_globals = false, .alloc_black = true};
    }
}

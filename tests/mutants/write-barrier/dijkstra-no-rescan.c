// dijkstra-no-rescan.c — MUTANT of barrier.c: a correct Dijkstra barrier whose
// policy forgets the stop-the-world stack re-scan at mark termination. Stack
// writes run no barrier, so a scanned stack can take the only pointer to a
// white object whose heap path is then cut (scenarios stack-slot,
// deep-hidden).
// Caught by: dijkstra/adversarial_scenarios, random_schedules,
// policy_saves_scanned_stacks.
// Killed by: dijkstra/adversarial_scenarios
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
        return (wb_policy_t){.scan_stacks_at_start = false, .rescan_stacks = false,
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

// yuasa-no-snapshot.c — MUTANT of barrier.c: a correct Yuasa barrier whose
// policy scans stacks one at a time while marking runs instead of
// snapshotting them at the start. A deletion barrier protects only what the
// snapshot holds: a stack not scanned yet can hand its only pointer to a
// black object and drop it (grey-stack-store, other-goroutine).
// Caught by: yuasa/adversarial_scenarios, yuasa/random_schedules,
// yuasa/policy_keeps_the_snapshot.
// Killed by: yuasa/adversarial_scenarios yuasa/random_schedules yuasa/policy_keeps_the_snapshot
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
                             .rescan_globals = false, .alloc_black = true};
    case WB_YUASA:
        return (wb_policy_t){.scan_stacks_at_start = false, .rescan_stacks = false,
                             .rescan_globals = false, .alloc_black = true};
    case WB_HYBRID:
    default:
        return (wb_policy_t){.scan_stacks_at_start = false, .rescan_stacks = false,
                             .rescan_globals = false, .alloc_black = true};
    }
}

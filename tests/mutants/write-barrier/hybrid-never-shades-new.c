// hybrid-never-shades-new.c — MUTANT of barrier.c: the hybrid barrier only
// shades the overwritten pointer (a pure deletion barrier) while stacks are
// scanned one at a time: a goroutine whose stack is still grey stores its
// only pointer into a black object and drops it (grey-stack-store,
// other-goroutine, grey-stack-to-global).
// Caught by: hybrid/shades_old_always_new_while_stack_grey,
// hybrid/adversarial_scenarios, hybrid/random_schedules.
// Killed by: hybrid/shades_old_always_new_while_stack_grey hybrid/adversarial_scenarios
// Killed by: hybrid/random_schedules
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
    (void)slot, (void)val;
    wb_shade(m, old);
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

// hybrid-checks-main-stack.c — MUTANT of barrier.c: the hybrid barrier asks
// whether the *main* goroutine's stack is grey, not the stack of the
// goroutine doing the store. Once main's stack is scanned, a store by
// another goroutine whose stack is still grey no longer shades the new
// pointer, and that goroutine can drop its only copy (other-goroutine).
// Caught by: hybrid/shades_old_always_new_while_stack_grey,
// hybrid/adversarial_scenarios.
// Killed by: hybrid/shades_old_always_new_while_stack_grey hybrid/adversarial_scenarios
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
    if (!ml_gc_stack_scanned(ml_gc_stack_at(wb_marker_heap(m), 0)))
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
                             .rescan_globals = false, .alloc_black = true};
    case WB_HYBRID:
    default:
        return (wb_policy_t){.scan_stacks_at_start = false, .rescan_stacks = false,
                             .rescan_globals = false, .alloc_black = true};
    }
}

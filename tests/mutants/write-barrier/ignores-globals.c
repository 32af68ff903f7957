// ignores-globals.c — MUTANT of barrier.c: every barrier returns early when
// the store is into a global rather than a heap object ("globals are roots,
// the marker scans them"). But globals are scanned while marking runs, and
// once scanned they are black: a pointer stored into a scanned global
// (global-store, grey-stack-to-global) or deleted from one not scanned yet
// (global-delete) hides its object. Go runs the barrier for globals too.
// Caught by: globals/global_stores_run_the_barrier and the adversarial
// scenarios of all three barriers.
// Killed by: globals/global_stores_run_the_barrier
#include "barrier.h"

// in_heap — whether `slot` lies inside a heap object (not a global).
static bool in_heap(wb_marker_t *m, void **slot)
{
    return ml_gc_object_of(wb_marker_heap(m), slot) != NULL;
}

void wb_dijkstra(wb_marker_t *m, void **slot, void *old, void *val)
{
    (void)old;
    if (in_heap(m, slot))
        wb_shade(m, val);
}

void wb_yuasa(wb_marker_t *m, void **slot, void *old, void *val)
{
    (void)val;
    if (in_heap(m, slot))
        wb_shade(m, old);
}

void wb_hybrid(wb_marker_t *m, void **slot, void *old, void *val)
{
    if (!in_heap(m, slot))
        return;
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

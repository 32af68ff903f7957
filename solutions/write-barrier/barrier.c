// barrier.c — reference solution of the write-barrier lab: Dijkstra's,
// Yuasa's and Go's hybrid write barrier, and the marker policy each one
// needs (Go's runtime/mbarrier.go, mgcmark.go; proposal 17503, "Eliminate
// STW stack re-scanning").
//
// The barriers run before every heap or global pointer store while marking
// runs; stack stores run none. Globals are treated like heap slots, as Go
// does (its compiler emits the barrier for stores to globals too): the core
// calls the hook for both, and nothing here tells them apart.
//
// Why each one is correct — what each must rule out is a reachable white
// object that only black things point to:
//
//   Dijkstra (shade new). No black object ever points to a white one (the
//   strong invariant): a store into a black object shades what it stores.
//   Stacks have no barrier, so a scanned stack can pick up a pointer to a
//   white object whose heap path is then cut: every stack must be scanned
//   again at mark termination, with the world stopped. Globals need no
//   re-scan: their stores shade. New objects may be white: if one is stored
//   into the heap it is shaded, if it stays on a stack the re-scan finds it
//   (and if it dies before that, it is freed this cycle: less floating
//   garbage).
//
//   Yuasa (shade old). Whatever was reachable when marking began stays
//   reachable for the marker (snapshot at the beginning): a pointer is never
//   deleted from the heap without shading its target. That holds only if
//   the roots are part of the snapshot — but stacks have no barrier, so
//   every stack is scanned at the start, with the world stopped. Objects
//   allocated later are not in the snapshot, so they are allocated black.
//   No re-scan is needed: nothing reachable at the start can be lost, and
//   nothing allocated later is white.
//
//   Hybrid (shade old; shade new while the current stack is grey). The
//   deletion half protects the snapshot as in Yuasa, so a black (scanned)
//   stack needs no re-scan. A grey (unscanned) stack is not in any snapshot
//   yet: a pointer it holds can be stored into a black object and then
//   dropped from the stack before the stack is scanned — so while the stack
//   is grey, the insertion half shades what it stores. Stacks are scanned
//   one at a time while the mutator runs; no stop-the-world stack work at
//   all. New objects are black (a black stack may store a new object into
//   a black object without shading it).
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
                             .rescan_globals = false, .alloc_black = true};
    case WB_HYBRID:
    default:
        return (wb_policy_t){.scan_stacks_at_start = false, .rescan_stacks = false,
                             .rescan_globals = false, .alloc_black = true};
    }
}

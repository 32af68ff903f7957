// barrier.h — the write-barrier lab's student API: three write barriers and
// the per-barrier choices of the collector around them. You implement the
// four functions at the end of this header in barrier.c; the lab's marker
// (support/marker.c) calls them, and gives you wb_shade to call back.
//
// The setting (Go's runtime/mgc.go, mbarrier.go). The collector marks
// incrementally: between two marking steps the mutator runs and changes
// pointers. Every store of a pointer into a heap object or a global goes
// through the core (ml_gc_write, ml_gc_write_global), which, while marking
// runs, calls the marker's write-barrier hook BEFORE the store:
//
//     barrier(m, slot, old = *slot, val);   then   *slot = val;
//
// and the hook calls the barrier of the chosen kind (below). Stores to a
// stack slot (a shadow-stack frame, ml_gc_frame_set) NEVER run a barrier,
// exactly like stores to a Go stack: stacks are scanned, and maybe
// re-scanned, instead.
//
// Colors (as in the tri-color lab): white = mark bit clear; grey = mark bit
// set and in the marker's worklist; black = marked and scanned. A stack is
// grey until the marker has scanned it in this cycle and black afterwards:
// ml_gc_stack_scanned(st) tells which. The goroutine doing a store is the
// heap's current stack, ml_gc_current_stack(h).
#ifndef WB_BARRIER_H
#define WB_BARRIER_H

#include <stdbool.h>
#include "memlab/gcheap.h"

// The barrier kinds. WB_NONE is the marker's own: no barrier at all.
typedef enum {
    WB_NONE = 0,     // no barrier: what goes wrong without one
    WB_DIJKSTRA,     // insertion barrier: shade the new pointer
    WB_YUASA,        // deletion barrier: shade the overwritten pointer
    WB_HYBRID,       // Go since 1.8: shade the overwritten pointer, and the
                     // new one while the current stack is grey
    WB_NKINDS
} wb_kind_t;

// What the marker does around a barrier. One policy per barrier kind.
typedef struct wb_policy {
    // Scan every stack in mark_begin, with the world stopped (a snapshot of
    // the stacks), instead of one stack at a time while the mutator runs.
    bool scan_stacks_at_start;
    // At mark termination, with the world stopped, scan every stack again
    // (and mark what that finds) before sweeping.
    bool rescan_stacks;
    // At mark termination, scan every global again.
    bool rescan_globals;
    // Objects allocated while marking runs are black (marked, never scanned:
    // their slots are all nil). false: they are white.
    bool alloc_black;
} wb_policy_t;

// The lab's marker (support/marker.c). Only the two services below are for you.
typedef struct wb_marker wb_marker_t;

// wb_shade — make the object `p` points to grey if it is white (set its mark
// bit, put it in the worklist). NULL, a pointer to no object, and grey or
// black objects are ignored; a pointer into an object shades that object.
void wb_shade(wb_marker_t *m, void *p);
// wb_marker_heap — the heap the marker collects. (Inline, as a barrier may
// ask on every store: the heap is the first member of the marker's struct.)
static inline ml_gc_heap_t *wb_marker_heap(const wb_marker_t *m) {
    return *(ml_gc_heap_t *const *)(const void *)m;
}

// ---- yours (barrier.c) -----------------------------------------------------------
//
// Each barrier runs before the store `*slot = val` while marking runs;
// `old` is the value being overwritten (*slot). `slot` is the address of a
// pointer slot of a heap object OR of a global variable (the core runs the
// hook for both); `old` and `val` are NULL or pointers to objects. A barrier
// must not store anything itself, allocate from the GC heap, or scan objects:
// it only shades (wb_shade).

// wb_dijkstra — Dijkstra's insertion barrier: shade the new pointer.
void wb_dijkstra(wb_marker_t *m, void **slot, void *old, void *val);
// wb_yuasa — Yuasa's deletion barrier: shade the overwritten pointer.
void wb_yuasa(wb_marker_t *m, void **slot, void *old, void *val);
// wb_hybrid — Go's hybrid barrier (proposal 17503, Go 1.8): shade the
// overwritten pointer; also shade the new pointer while the stack of the
// goroutine doing the store (the heap's current stack) is still grey.
void wb_hybrid(wb_marker_t *m, void **slot, void *old, void *val);
// wb_policy — the marker's policy for barrier `kind` (WB_DIJKSTRA, WB_YUASA
// or WB_HYBRID): which stacks must be scanned when, what mark termination
// must re-scan, and the color of objects allocated during marking. Called
// once per cycle, at mark_begin. Must not fail.
wb_policy_t wb_policy(wb_kind_t kind);

#endif

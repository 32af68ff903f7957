// marker.h — the write-barrier lab's incremental marker (a model of Go's
// concurrent mark, runtime/mgcmark.go), which calls the student's barriers
// (barrier.h), and what the program, the suite and the benchmark can see of
// it: its collector table, statistics, colors, and which objects are
// "hidden" from it (reachable, white, and beyond everything it will still
// scan — the objects the sweep is going to free).
//
// Units of marking work. One mark_step unit is one of:
//   - a root job: shade one global, or scan one whole stack (Go's markroot);
//   - draining: take one grey object off the worklist and scan it.
// Root jobs and draining alternate (a root job after each drained object,
// while root jobs remain), so stacks and globals are scanned while some
// heap objects are already black, as with Go's concurrent mark workers.
//
// Stop-the-world work (counted in units, reported per cycle):
//   start        stack slots scanned in mark_begin (policy scan_stacks_at_start)
//   termination  stack slots and globals re-scanned in mark_terminate, plus
//                the objects drained after that re-scan.
#ifndef WB_MARKER_H
#define WB_MARKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "barrier.h"
#include "memlab/gcheap.h"
#include "memlab/verify.h"

extern const char *const wb_kind_names[WB_NKINDS]; // "none", "dijkstra", "yuasa", "hybrid"
// wb_kind_parse — the kind named `name`; -1 if there is none.
int wb_kind_parse(const char *name);
// wb_none_policy — the policy of WB_NONE: stacks one at a time, nothing
// re-scanned, objects allocated white (the naive incremental marker).
wb_policy_t wb_none_policy(void);
// wb_policy_describe — "stacks at start, re-scan stacks, alloc black" into buf.
const char *wb_policy_describe(wb_policy_t p, char *buf, size_t len);

// Per-cycle statistics of the marker.
typedef struct wb_marker_stats {
    size_t start_work;     // stack slots scanned in mark_begin
    size_t rescan_slots;   // stack slots re-scanned at termination
    size_t rescan_globals; // globals re-scanned at termination
    size_t term_drained;   // objects scanned during mark termination
    size_t barrier_shades; // objects a barrier turned from white to grey
    size_t scanned;        // objects scanned (blackened) this cycle
    size_t root_jobs;      // globals and stacks scanned by mark steps
} wb_marker_stats_t;

// wb_marker_new — a marker for heap `h` using barrier `kind`. NULL on OOM.
// The marker's memory never comes from the GC heap.
wb_marker_t *wb_marker_new(ml_gc_heap_t *h, wb_kind_t kind);
// wb_marker_free — NULL is ignored. The heap is untouched.
void wb_marker_free(wb_marker_t *m);
// wb_marker_set_kind — switch barrier kind, outside a cycle only (-1 during one).
int wb_marker_set_kind(wb_marker_t *m, wb_kind_t kind);
wb_kind_t wb_marker_kind(const wb_marker_t *m);
// wb_marker_policy — the policy of the current (or last) cycle.
wb_policy_t wb_marker_policy(const wb_marker_t *m);
// wb_marker_collector — the core's collector table for `m`; install it with
// ml_gc_set_collector.
ml_gc_collector_t wb_marker_collector(wb_marker_t *m);
// wb_marker_stats — this cycle's statistics (reset at mark_begin).
wb_marker_stats_t wb_marker_stats(const wb_marker_t *m);
// wb_marker_on_sweep — call fn(m, arg) at the start of the sweep, after mark
// termination: every mark is final and the worklist is empty. NULL = none.
void wb_marker_on_sweep(wb_marker_t *m, void (*fn)(wb_marker_t *m, void *arg), void *arg);

// ---- what the marker still has to do --------------------------------------------

// wb_marker_grey_count — objects in the worklist.
size_t wb_marker_grey_count(const wb_marker_t *m);
// wb_marker_grey_foreach — fn(obj, arg) for every object in the worklist.
void wb_marker_grey_foreach(const wb_marker_t *m, void (*fn)(void *obj, void *arg), void *arg);
// wb_marker_roots_pending — root jobs left (unscanned globals and stacks).
size_t wb_marker_roots_pending(const wb_marker_t *m);
// wb_marker_global_scanned — whether global `g` was scanned in this cycle.
bool wb_marker_global_scanned(const wb_marker_t *m, size_t g);

// A snapshot of the collector's view: the grey objects (the worklist) and,
// when asked for, the white objects that a root the collector will still
// scan points to directly — an unscanned global or stack, or any stack or
// global that mark termination re-scans. Those count as grey for the weak
// tri-color invariant: the root will shade them.
typedef struct wb_view wb_view_t;
// wb_view_take — NULL on OOM.
wb_view_t *wb_view_take(wb_marker_t *m, bool with_pending_roots);
void wb_view_free(wb_view_t *v);
bool wb_view_has(const wb_view_t *v, const void *obj);
size_t wb_view_count(const wb_view_t *v);
// wb_view_grey_fn — an ml_gc_grey_fn over a view (arg = wb_view_t *).
bool wb_view_grey_fn(ml_gc_heap_t *h, const void *obj, void *arg);

// wb_hidden — the objects that are reachable from the roots (`reach`, the
// oracle's set) and white, but that nothing the collector will still look
// at leads to: not reachable through white objects from a grey object or
// from a root still to be scanned or re-scanned. If marking ended now, the
// sweep would free them. Calls fn(obj, arg) for each (fn may be NULL) and
// returns how many; (size_t)-1 on OOM.
size_t wb_hidden(wb_marker_t *m, const ml_reach_t *reach, void (*fn)(void *obj, void *arg),
                 void *arg);

#endif

// mark_hooks.h — what plugs the student's marker (mark.h) into the core:
// the collector table whose hooks call it from the GC heap's cycle driver,
// and a snapshot of its grey worklist (memlab/greyset.h) for the program,
// the suite, the benchmark and the step pages.
#ifndef TC_MARK_HOOKS_H
#define TC_MARK_HOOKS_H

#include "mark.h"
#include "memlab/gcheap.h"
#include "memlab/greyset.h"

// tc_collector — the core's collector table for marker `m`:
//   mark_begin = tc_mark_roots, mark_step = tc_mark_step,
//   sweep = tc_sweep, on_alloc = tc_on_alloc,
//   mark_terminate and write_barrier: none (no mutator runs while marking).
// Install it with ml_gc_set_collector(h, &table).
ml_gc_collector_t tc_collector(tc_marker_t *m);

// tc_greyset_take — snapshot marker m's worklist (tc_grey_foreach) into `g`.
// Returns 0, or -1 when memory runs out (g is then empty). Release it with
// ml_greyset_free.
int tc_greyset_take(ml_greyset_t *g, const tc_marker_t *m);

#endif

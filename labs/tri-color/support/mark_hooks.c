// mark_hooks.c — the collector table over the student's marker, and the
// snapshot of its worklist (mark_hooks.h).
//
// The core never sees the grey worklist, so every observer (the program's
// step printout, the step pages, the suite's invariant check) takes a
// snapshot of it with tc_grey_foreach into a core greyset, which also
// records what a correct worklist never holds — duplicates, unmarked
// objects, addresses that are not objects — so the suite can say so.
#include "support/mark_hooks.h"

#include <stdint.h>
#include <stdlib.h>

static void hook_mark_begin(ml_gc_heap_t *h, void *ctx)
{
    (void)h;
    tc_mark_roots(ctx);
}

static bool hook_mark_step(ml_gc_heap_t *h, void *ctx, size_t budget)
{
    (void)h;
    return tc_mark_step(ctx, budget);
}

static void hook_sweep(ml_gc_heap_t *h, void *ctx)
{
    (void)h;
    tc_sweep(ctx);
}

static void hook_on_alloc(ml_gc_heap_t *h, void *ctx, void *obj)
{
    (void)h;
    tc_on_alloc(ctx, obj);
}

ml_gc_collector_t tc_collector(tc_marker_t *m)
{
    return (ml_gc_collector_t){
        .name = "tri-color",
        .ctx = m,
        .mark_begin = hook_mark_begin,
        .mark_step = hook_mark_step,
        .mark_terminate = NULL,
        .sweep = hook_sweep,
        .write_barrier = NULL,
        .on_alloc = hook_on_alloc,
    };
}

// ---- the grey set -------------------------------------------------------------

int tc_greyset_take(ml_greyset_t *g, const tc_marker_t *m)
{
    ml_greyset_begin(g, tc_marker_heap(m));
    tc_grey_foreach(m, ml_greyset_entry, g);
    return ml_greyset_end(g);
}

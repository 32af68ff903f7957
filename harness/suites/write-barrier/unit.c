// unit.c — a heap on which the suite calls a barrier directly, as the core
// would, and looks at the colors it leaves.
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/grade.h"
#include "memlab/verify.h"
#include "support/charts.h"
#include "support/scenario.h"
#include "support/workload.h"
#include "wb_suite.h"

const ml_type_t SUITE_NODE = ML_TYPE("Node", 24, 0x3);

// unit_open — a heap with the lab's marker of `kind`, in a cycle, and a
// holder object (white, like everything else allocated before the cycle).
void suite_unit_open(unit_t *u, wb_kind_t kind, const char *other_stack)
{
    char why[256];
    ml_scn_t *scn = ml_scn_new("unit");
    cr_assert(scn && (!other_stack || ml_scn_use_stack(scn, other_stack) != ML_SCN_NIL),
              "internal: out of memory");
    u->w = wb_world_new(scn, NULL, 0, why, sizeof why);
    cr_assert(u->w, "internal: %s", why);
    u->h = u->w->heap;
    u->holder = ml_gc_alloc(u->h, &SUITE_NODE);
    u->m = wb_marker_new(u->h, kind);
    cr_assert(u->holder && u->m, "internal: out of memory");
    ml_gc_collector_t t = wb_marker_collector(u->m);
    cr_assert(ml_gc_set_collector(u->h, &t) == 0, "internal: cannot install the marker");
}

// fresh — a new white object (allocated before the cycle starts, or made
// white again: units control colors themselves).
void *suite_fresh(unit_t *u)
{
    void *o = ml_gc_alloc(u->h, &SUITE_NODE);
    cr_assert(o, "internal: out of memory");
    if (ml_gc_phase(u->h) != ML_GC_OFF)
        ml_gc_clear_mark(u->h, o);
    return o;
}

void suite_unit_close(unit_t *u)
{
    if (ml_gc_phase(u->h) != ML_GC_OFF)
        ml_gc_cycle_finish(u->h);
    ml_gc_set_collector(u->h, NULL);
    wb_marker_free(u->m);
    wb_world_free(u->w);
}

bool suite_grey(unit_t *u, void *obj)
{
    wb_view_t *v = wb_view_take(u->m, false);
    cr_assert(v, "internal: out of memory");
    bool g = wb_view_has(v, obj);
    wb_view_free(v);
    return g && ml_gc_is_marked(u->h, obj);
}

// call — run barrier `kind` on the holder's slot 0 as the core would
// (before the store), then do the store; checks that the barrier itself
// stored nothing.
void suite_call(unit_t *u, wb_kind_t kind, void *old, void *val)
{
    void **slot = ml_gc_slot_addr(u->h, u->holder, 0);
    *slot = old;
    if (kind == WB_DIJKSTRA)
        wb_dijkstra(u->m, slot, old, val);
    else if (kind == WB_YUASA)
        wb_yuasa(u->m, slot, old, val);
    else
        wb_hybrid(u->m, slot, old, val);
    cr_assert(*slot == old,
              "wb_%s changed the slot it was called for: a barrier only shades; the store "
              "happens after it returns",
              suite_kind_name(kind));
    *slot = val;
}

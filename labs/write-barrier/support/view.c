// view.c — what the marker still has to do, seen from outside it: a snapshot
// of its grey objects (plus what unscanned roots point to), and the objects
// hidden from it (marker.h: wb_view_take, wb_hidden).
//
// An object is hidden when the oracle finds it reachable, it is white, and
// no path of white objects leads to it from anything the collector will
// still look at: a grey object, or a root it has not scanned yet or will
// re-scan at termination. Hiding an object takes a pointer store that moves
// the last such path behind a black object or a black (scanned) stack —
// exactly what a write barrier is there to prevent. At the end of marking,
// the hidden objects are the ones the sweep frees while still reachable.
//
// Both use the core's grey snapshot (memlab/greyset.h: a set of object
// addresses, malloc'd, never the GC heap) and an explicit work stack: no
// recursion.
#include <stdint.h>
#include <stdlib.h>

#include "support/marker.h"
#include "memlab/greyset.h"

struct wb_view {
    ml_greyset_t g; // grey objects (and with pending roots, white ones)
    bool oom;
};

// set_add — add p; true if it was not there. Sets v->oom when memory runs out.
static bool set_add(wb_view_t *v, const void *p)
{
    int r = ml_ptrset_add(&v->g.grey, p);
    if (r < 0)
        v->oom = true;
    return r > 0;
}

bool wb_view_has(const wb_view_t *v, const void *obj)
{
    return v && ml_ptrset_has(&v->g.grey, obj);
}

size_t wb_view_count(const wb_view_t *v)
{
    return v->g.grey.n;
}

void wb_view_free(wb_view_t *v)
{
    if (!v)
        return;
    ml_greyset_free(&v->g);
    free(v);
}

bool wb_view_grey_fn(ml_gc_heap_t *h, const void *obj, void *arg)
{
    (void)h;
    return wb_view_has(arg, obj);
}

static void add_grey(void *obj, void *arg)
{
    ml_greyset_entry(obj, &((wb_view_t *)arg)->g);
}

// add_white — a root points to p: add its object if it is white.
static void add_white(wb_view_t *v, const void *p)
{
    void *obj = p ? ml_gc_object_of(v->g.heap, p) : NULL;
    if (obj && !ml_gc_is_marked(v->g.heap, obj))
        set_add(v, obj);
}

wb_view_t *wb_view_take(wb_marker_t *m, bool with_pending_roots)
{
    wb_view_t *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    ml_gc_heap_t *h = wb_marker_heap(m);
    ml_greyset_begin(&v->g, h);
    wb_marker_grey_foreach(m, add_grey, v);
    if (with_pending_roots) {
        wb_policy_t p = wb_marker_policy(m);
        for (size_t g = 0; g < ml_gc_num_globals(h); g++)
            if (p.rescan_globals || !wb_marker_global_scanned(m, g))
                add_white(v, ml_gc_global_get(h, (int)g));
        for (size_t s = 0; s < ml_gc_num_stacks(h); s++) {
            ml_gc_stack_t *st = ml_gc_stack_at(h, s);
            if (!p.rescan_stacks && ml_gc_stack_scanned(st))
                continue;
            for (ml_gc_frame_t *f = ml_gc_stack_top(st); f; f = ml_gc_frame_caller(f))
                for (size_t i = 0; i < ml_gc_frame_nslots(f); i++)
                    add_white(v, ml_gc_frame_get(f, i));
        }
    }
    if (v->oom || v->g.oom) {
        wb_view_free(v);
        return NULL;
    }
    return v;
}

size_t wb_hidden(wb_marker_t *m, const ml_reach_t *reach, void (*fn)(void *obj, void *arg),
                 void *arg)
{
    ml_gc_heap_t *h = wb_marker_heap(m);
    wb_view_t *found = wb_view_take(m, true); // grows into "found by the collector"
    if (!found)
        return (size_t)-1;
    // Walk from everything in the view through white objects.
    size_t wlen = 0, wcap = found->g.grey.n + 64;
    void **work = malloc(wcap * sizeof *work);
    if (!work) {
        wb_view_free(found);
        return (size_t)-1;
    }
    for (size_t i = 0; i < found->g.grey.cap; i++)
        if (found->g.grey.keys[i])
            work[wlen++] = (void *)found->g.grey.keys[i];
    while (wlen > 0 && !found->oom) {
        void *obj = work[--wlen];
        ml_gc_slots_t it;
        ml_gc_slots_begin(h, obj, &it);
        for (void **slot; (slot = ml_gc_slots_next(&it));) {
            void *c = *slot ? ml_gc_object_of(h, *slot) : NULL;
            if (!c || ml_gc_is_marked(h, c) || !set_add(found, c))
                continue;
            if (wlen == wcap) {
                void **nw = realloc(work, 2 * wcap * sizeof *nw);
                if (!nw) {
                    found->oom = true;
                    break;
                }
                work = nw;
                wcap *= 2;
            }
            work[wlen++] = c;
        }
    }
    free(work);
    if (found->oom) {
        wb_view_free(found);
        return (size_t)-1;
    }
    size_t hidden = 0;
    ml_gc_iter_t it;
    ml_gc_iter_init(h, &it);
    for (void *obj; (obj = ml_gc_iter_next(&it));) {
        if (ml_gc_is_marked(h, obj) || wb_view_has(found, obj) || !ml_reach_contains(reach, obj))
            continue;
        hidden++;
        if (fn)
            fn(obj, arg);
    }
    wb_view_free(found);
    return hidden;
}

// collector.c — the collector table over the student's marker, and colors
// seen from outside the marker (collector.h).
//
// The core never sees the grey worklist, so every observer (the program's
// step printout, the dot frames, the suite's invariant check) takes a
// snapshot of it with tc_grey_foreach into a hash set. The snapshot also
// records what a correct worklist never holds — duplicates, unmarked
// objects, addresses that are not objects — so the suite can say so.
#include "collector.h"

#include <stdint.h>
#include <stdlib.h>

const char *const tc_color_names[3] = {"white", "grey", "black"};

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

bool tc_greyset_has(const tc_greyset_t *g, const void *obj)
{
    return g && ml_ptrset_has(&g->grey, obj);
}

typedef struct take_ctx {
    tc_greyset_t *g;
    bool oom;
} take_ctx_t;

static void take_one(void *obj, void *arg)
{
    take_ctx_t *c = arg;
    tc_greyset_t *g = c->g;
    g->entries++;
    if (!obj || ml_gc_object_of(g->heap, obj) != obj) {
        g->not_objects++;
        if (!g->first_bad)
            g->first_bad = obj ? obj : (const void *)1;
        return;
    }
    if (!ml_gc_is_marked(g->heap, obj)) {
        g->unmarked++;
        if (!g->first_bad)
            g->first_bad = obj;
    }
    int r = ml_ptrset_add(&g->grey, obj);
    if (r < 0)
        c->oom = true;
    else if (r == 0)
        g->duplicates++;
}

int tc_greyset_take(tc_greyset_t *g, const tc_marker_t *m)
{
    *g = (tc_greyset_t){.heap = tc_marker_heap(m)};
    take_ctx_t c = {g, false};
    tc_grey_foreach(m, take_one, &c);
    if (c.oom) {
        tc_greyset_free(g);
        return -1;
    }
    return 0;
}

void tc_greyset_free(tc_greyset_t *g)
{
    ml_ptrset_free(&g->grey);
    *g = (tc_greyset_t){0};
}

bool tc_greyset_grey_fn(ml_gc_heap_t *h, const void *obj, void *arg)
{
    (void)h;
    return tc_greyset_has(arg, obj);
}

tc_color_t tc_color_of(ml_gc_heap_t *h, const tc_greyset_t *g, const void *obj)
{
    if (!ml_gc_is_marked(h, obj))
        return TC_WHITE;
    return tc_greyset_has(g, obj) ? TC_GREY : TC_BLACK;
}

tc_color_counts_t tc_count_colors(ml_gc_heap_t *h, const tc_greyset_t *g)
{
    tc_color_counts_t c = {0, 0, 0};
    ml_gc_iter_t it;
    ml_gc_iter_init(h, &it);
    for (void *obj; (obj = ml_gc_iter_next(&it));) {
        switch (tc_color_of(h, g, obj)) {
        case TC_WHITE: c.white++; break;
        case TC_GREY: c.grey++; break;
        default: c.black++; break;
        }
    }
    return c;
}

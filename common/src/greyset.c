// greyset.c — snapshots of a marker's grey objects and the colors they
// imply (memlab/greyset.h). Entries that are not an object's start are
// counted and left out; entries with a clear mark bit are counted and kept
// (the object is in the worklist, so it is grey by position, but its
// marker broke the encoding).
#include "memlab/greyset.h"

const char *const ml_color_names[3] = { "white", "grey", "black" };

void ml_greyset_begin(ml_greyset_t *g, ml_gc_heap_t *h)
{
    *g = (ml_greyset_t){ .heap = h };
}

void ml_greyset_entry(void *obj, void *arg)
{
    ml_greyset_t *g = arg;
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
        g->oom = true;
    else if (r == 0)
        g->duplicates++;
}

int ml_greyset_end(ml_greyset_t *g)
{
    if (!g->oom)
        return 0;
    ml_greyset_free(g);
    return -1;
}

int ml_greyset_add(ml_greyset_t *g, const void *obj)
{
    return ml_ptrset_add(&g->grey, obj) < 0 ? -1 : 0;
}

void ml_greyset_free(ml_greyset_t *g)
{
    ml_gc_heap_t *h = g->heap;
    ml_ptrset_free(&g->grey);
    *g = (ml_greyset_t){ .heap = h };
}

bool ml_greyset_has(const ml_greyset_t *g, const void *obj)
{
    return g && ml_ptrset_has(&g->grey, obj);
}

size_t ml_greyset_count(const ml_greyset_t *g)
{
    return g->grey.n;
}

bool ml_greyset_grey_fn(ml_gc_heap_t *h, const void *obj, void *arg)
{
    (void)h;
    return ml_greyset_has(arg, obj);
}

ml_color_t ml_color_of(ml_gc_heap_t *h, const ml_greyset_t *g, const void *obj)
{
    if (!ml_gc_is_marked(h, obj))
        return ML_WHITE;
    return ml_greyset_has(g, obj) ? ML_GREY : ML_BLACK;
}

ml_color_counts_t ml_count_colors(ml_gc_heap_t *h, const ml_greyset_t *g)
{
    ml_color_counts_t c = { 0, 0, 0 };
    ml_gc_iter_t it;
    ml_gc_iter_init(h, &it);
    for (void *obj; (obj = ml_gc_iter_next(&it));) {
        switch (ml_color_of(h, g, obj)) {
        case ML_WHITE: c.white++; break;
        case ML_GREY: c.grey++; break;
        default: c.black++; break;
        }
    }
    return c;
}

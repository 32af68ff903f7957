// scenario_heap.c — building a scenario on the GC heap, and naming its
// objects in messages (scenario_heap.h).
//
// Objects are allocated in declaration order on a heap whose automatic
// collection is off, so allocation ids run first_id, first_id+1, ...: the id
// of an object is its scenario index plus first_id, which lets the map from
// object to index need no table of its own.
#include "scenario_heap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "memlab/sizeclass.h"

void tc_heap_free(tc_heap_t *th)
{
    if (!th)
        return;
    ml_gc_destroy(th->heap);
    free(th->types);
    free(th->objs);
    free(th->globals);
    free(th->stacks);
    free(th->frames);
    free(th);
}

// arena_needed — address space the scenario's objects need, with slack for
// span tails, partly filled spans and objects allocated later.
static size_t arena_needed(const tc_scenario_t *s)
{
    size_t bytes = 0;
    for (uint32_t i = 0; i < s->nobjs; i++)
        bytes += ml_round_size((size_t)s->types[s->objs[i].type].nwords * 8);
    return bytes + bytes / 2 + ((size_t)64 << 20);
}

tc_heap_t *tc_heap_build(const tc_scenario_t *s, const ml_gc_config_t *cfg, char *err, size_t errlen)
{
    ml_gc_config_t c = cfg ? *cfg : ml_gc_default_config();
    size_t need = arena_needed(s);
    if (c.arena_bytes < need)
        c.arena_bytes = need;
    tc_heap_t *th = calloc(1, sizeof *th);
    if (!th)
        goto oom;
    th->scn = s;
    th->heap = ml_gc_new(&c);
    if (!th->heap) {
        snprintf(err, errlen, "%s: cannot make a GC heap of %zu MiB", s->name, c.arena_bytes >> 20);
        tc_heap_free(th);
        return NULL;
    }
    if (!cfg)
        ml_gc_set_manual(th->heap, true);
    th->types = calloc(s->ntypes ? s->ntypes : 1, sizeof *th->types);
    th->objs = calloc(s->nobjs ? s->nobjs : 1, sizeof *th->objs);
    th->globals = calloc(s->nglobals ? s->nglobals : 1, sizeof *th->globals);
    th->stacks = calloc(s->nstacks ? s->nstacks : 1, sizeof *th->stacks);
    th->frames = calloc(s->nframes ? s->nframes : 1, sizeof *th->frames);
    if (!th->types || !th->objs || !th->globals || !th->stacks || !th->frames)
        goto oom;
    for (uint32_t t = 0; t < s->ntypes; t++)
        th->types[t] = ML_TYPE(s->types[t].name, (size_t)s->types[t].nwords * 8, s->types[t].ptrmask);
    for (uint32_t i = 0; i < s->nobjs; i++) {
        th->objs[i] = ml_gc_alloc(th->heap, &th->types[s->objs[i].type]);
        if (!th->objs[i]) {
            snprintf(err, errlen, "%s: the GC heap ran out of space at object %u of %u", s->name, i,
                     s->nobjs);
            tc_heap_free(th);
            return NULL;
        }
    }
    if (s->nobjs)
        th->first_id = ml_gc_object_id(th->heap, th->objs[0]);
    for (size_t e = 0; e < s->nedges; e++) {
        const tc_edge_t *ed = &s->edges[e];
        ((void **)th->objs[ed->from])[ed->slot] = ed->to == TC_NIL ? NULL : th->objs[ed->to];
    }
    char gname[32];
    for (uint32_t g = 0; g < s->nglobals; g++) {
        const char *name = s->globals[g].name;
        if (!name) {
            snprintf(gname, sizeof gname, "g%u", g);
            name = gname;
        }
        th->globals[g] = ml_gc_global_add(th->heap, name);
        if (th->globals[g] < 0)
            goto oom;
        uint32_t t = s->globals[g].target;
        ml_gc_write_global(th->heap, th->globals[g], t == TC_NIL ? NULL : th->objs[t]);
    }
    ml_gc_stack_t *main_stack = ml_gc_current_stack(th->heap);
    th->stacks[0] = main_stack;
    for (uint32_t k = 1; k < s->nstacks; k++)
        if (!(th->stacks[k] = ml_gc_stack_new(th->heap, s->stacks[k])))
            goto oom;
    for (uint32_t f = 0; f < s->nframes; f++) {
        const tc_frame_decl_t *fr = &s->frames[f];
        ml_gc_switch_stack(th->heap, th->stacks[fr->stack]);
        th->frames[f] = ml_gc_push_frame(th->heap, fr->name ? fr->name : "frame", fr->nlocals);
        if (!th->frames[f])
            goto oom;
        for (uint32_t k = 0; k < fr->nlocals; k++) {
            uint32_t t = s->locals[fr->first_local + k].target;
            ml_gc_frame_set(th->frames[f], k, t == TC_NIL ? NULL : th->objs[t]);
        }
    }
    ml_gc_switch_stack(th->heap, main_stack);
    return th;
oom:
    snprintf(err, errlen, "%s: out of memory building the heap", s->name);
    tc_heap_free(th);
    return NULL;
}

uint32_t tc_heap_index_of(const tc_heap_t *th, const void *obj)
{
    if (!obj || ml_gc_object_of(th->heap, obj) != obj)
        return TC_NIL;
    uint32_t id = ml_gc_object_id(th->heap, obj);
    if (id < th->first_id || id - th->first_id >= th->scn->nobjs)
        return TC_NIL;
    uint32_t i = id - th->first_id;
    return th->objs[i] == obj ? i : TC_NIL;
}

bool tc_heap_alive(const tc_heap_t *th, uint32_t i)
{
    void *p = th->objs[i];
    return ml_gc_object_of(th->heap, p) == p && ml_gc_object_id(th->heap, p) == th->first_id + i;
}

const char *tc_heap_obj_label(const tc_heap_t *th, uint32_t i, char *buf, size_t len)
{
    char name[32];
    const tc_scenario_t *s = th->scn;
    snprintf(buf, len, "%s (%s, obj#%u)", tc_scenario_obj_name(s, i, name, sizeof name),
             s->types[s->objs[i].type].name, th->first_id + i);
    return buf;
}

// root_label — "global NAME" or "local NAME of frame F" for root r (globals
// first, then locals).
static void root_label(const tc_scenario_t *s, uint32_t r, char *buf, size_t len)
{
    if (r < s->nglobals) {
        if (s->globals[r].name)
            snprintf(buf, len, "global %s", s->globals[r].name);
        else
            snprintf(buf, len, "global g%u", r);
        return;
    }
    uint32_t l = r - s->nglobals, f = 0;
    while (f + 1 < s->nframes && s->frames[f + 1].first_local <= l)
        f++;
    char lname[32];
    const char *ln = s->locals[l].name;
    if (!ln)
        snprintf(lname, sizeof lname, "l%u", l), ln = lname;
    snprintf(buf, len, "local %s of frame %s (stack %s)", ln, s->frames[f].name ? s->frames[f].name : "?",
             s->stacks[s->frames[f].stack]);
}

const char *tc_heap_why_reachable(const tc_heap_t *th, uint32_t target, char *buf, size_t len)
{
    const tc_scenario_t *s = th->scn;
    size_t n = s->nobjs;
    // Breadth-first search from the roots over the description, remembering
    // each object's parent (an object index, or TC_NIL - 1 - root).
    uint32_t *parent = malloc(n * sizeof *parent), *queue = malloc(n * sizeof *queue);
    size_t *start = calloc(n + 1, sizeof *start);
    uint32_t *adj = malloc((s->nedges ? s->nedges : 1) * sizeof *adj);
    snprintf(buf, len, "unreachable");
    if (!parent || !queue || !start || !adj || target >= n)
        goto out;
    for (size_t e = 0; e < s->nedges; e++)
        if (s->edges[e].to != TC_NIL)
            start[s->edges[e].from + 1]++;
    for (size_t i = 0; i < n; i++)
        start[i + 1] += start[i];
    // Fill adjacency lists using queue[] as the per-object fill counter.
    memset(queue, 0, n * sizeof *queue);
    for (size_t e = 0; e < s->nedges; e++) {
        const tc_edge_t *ed = &s->edges[e];
        if (ed->to != TC_NIL)
            adj[start[ed->from] + queue[ed->from]++] = ed->to;
    }
    memset(parent, 0xff, n * sizeof *parent);
    size_t qh = 0, qt = 0;
    uint32_t nroots = s->nglobals + s->nlocals;
    for (uint32_t r = 0; r < nroots; r++) {
        uint32_t t = r < s->nglobals ? s->globals[r].target : s->locals[r - s->nglobals].target;
        if (t != TC_NIL && parent[t] == TC_NIL) {
            parent[t] = TC_NIL - 1 - r;
            queue[qt++] = t;
        }
    }
    while (qh < qt) {
        uint32_t o = queue[qh++];
        for (size_t k = start[o]; k < start[o + 1]; k++)
            if (parent[adj[k]] == TC_NIL) {
                parent[adj[k]] = o;
                queue[qt++] = adj[k];
            }
    }
    if (parent[target] == TC_NIL)
        goto out;
    // Walk back to the object a root points to, counting the hops, then
    // print "root → first → … → target".
    uint32_t o = target;
    size_t hops = 0;
    while (parent[o] < TC_NIL - nroots) {
        o = parent[o];
        hops++;
    }
    char root[128], nm[32];
    root_label(s, TC_NIL - 1 - parent[o], root, sizeof root);
    int used = snprintf(buf, len, "%s → %s", root, tc_scenario_obj_name(s, o, nm, sizeof nm));
    if (hops > 0 && used > 0 && (size_t)used < len)
        snprintf(buf + used, len - (size_t)used, "%s → %s", hops > 1 ? " → …" : "",
                 tc_scenario_obj_name(s, target, nm, sizeof nm));
out:
    free(parent), free(queue), free(start), free(adj);
    return buf;
}

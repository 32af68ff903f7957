// workload.c — seeded random worlds and a random mutator (see workload.h).
//
// The world: types Node {a, b, key}, Quad {a, b, c, d} and Leaf {x, y} (no
// pointers); `objects` objects of random types; each pointer slot points to
// a random object with probability edge_p, each global and local with
// probability root_p. Part of the
// heap is garbage from the start, part is reachable.
//
// The mutator, on the current goroutine's locals (all frames of its stack):
//     weight  operation
//       22    load    L = L'->f           (stack write)
//       22    store   L'->f = L           (heap write: barrier)
//        8    cut     L'->f = nil         (heap write: barrier)
//        6    gload   L = G
//        6    gstore  G = L               (global write: barrier)
//        8    alloc   L = new T
//        4    allocst L'->f = new T       (heap write of a new object)
//       10    clear   L = nil
//       10    copy    L = L''
//        4    switch  to another goroutine
// An operation that needs an object in a local when the goroutine holds
// none becomes a global load instead.
//
// Half of the time the mutator follows up on what it just did, the way
// programs move data around (and the way objects get hidden):
//     after  L = L'->f    L'->f = nil      take it out (pop from a list)
//                     or  L'' = L->g       walk on (follow a list)
//     after  L'->f = L    L = nil          hand it off
//     after  G = L        L = nil          publish it
//     after  L = G        G = nil          take it from a global
//     after  L = new T    L'->f = L        link the new object in
#include "support/workload.h"

#include <stdio.h>
#include <stdlib.h>

#include "memlab/rng.h"

enum { T_NODE, T_QUAD, T_LEAF };

wb_workload_cfg_t wb_workload_default(size_t objects, uint64_t seed)
{
    size_t stacks = 6 + objects / 100;
    return (wb_workload_cfg_t){
        .objects = objects,
        .globals = 4 + objects / 200,
        .stacks = stacks > 256 ? 256 : stacks,
        .frames = 2,
        .locals = 8 + objects / 2000 > 16 ? 16 : 8 + objects / 2000,
        .edge_p = 0.4,
        .root_p = 0.4,
        .ops_per_cycle = 2 * objects + 100,
        .seed = seed,
    };
}

static int random_type(ml_rng_t *r)
{
    uint64_t x = ml_rng_below(r, 10);
    return x < 6 ? T_NODE : x < 8 ? T_QUAD : T_LEAF;
}

// random_scenario — the random world as a scenario (the rng draws in the
// order the world has always been made: object types, then edges, then
// global and local roots). NULL on OOM.
static ml_scn_t *random_scenario(const wb_workload_cfg_t *cfg)
{
    static const struct {
        const char *name;
        uint32_t words;
        uint64_t mask;
        const char *slots[4];
    } types[] = {
        [T_NODE] = { "Node", 3, 0x3, { "a", "b" } },
        [T_QUAD] = { "Quad", 4, 0xF, { "a", "b", "c", "d" } },
        [T_LEAF] = { "Leaf", 2, 0, { NULL } },
    };
    ml_scn_t *s = ml_scn_new("random");
    if (!s)
        return NULL;
    ml_rng_t r;
    ml_rng_seed(&r, cfg->seed);
    for (uint32_t t = 0; t < 3; t++) {
        if (ml_scn_add_type(s, types[t].name, types[t].words, types[t].mask) != t)
            goto oom;
        for (uint32_t k = 0; k < 4 && types[t].slots[k]; k++)
            if (ml_scn_name_slot(s, t, k, types[t].slots[k]))
                goto oom;
    }
    for (size_t i = 0; i < cfg->objects; i++)
        if (ml_scn_add_obj(s, (uint32_t)random_type(&r), NULL) == ML_SCN_NIL)
            goto oom;
    for (uint32_t i = 0; cfg->objects && i < s->nobjs; i++) {
        uint64_t mask = s->types[s->objs[i].type].ptrmask;
        for (uint32_t k = 0; k < (uint32_t)__builtin_popcountll(mask); k++) // the masks are 0..n-1
            if (ml_rng_double(&r) < cfg->edge_p &&
                ml_scn_add_edge(s, i, k, (uint32_t)ml_rng_below(&r, cfg->objects)))
                goto oom;
    }
    char name[32];
    for (size_t g = 0; g < cfg->globals; g++) {
        snprintf(name, sizeof name, "G%zu", g);
        uint32_t t = cfg->objects && ml_rng_double(&r) < cfg->root_p
                         ? (uint32_t)ml_rng_below(&r, cfg->objects)
                         : ML_SCN_NIL;
        if (ml_scn_add_global(s, name, t) == ML_SCN_NIL)
            goto oom;
    }
    // Stack 0 is the heap's "main"; the others g1, g2, ... Locals are
    // numbered from the bottom frame up: l0 .. l<frames*locals - 1>.
    for (size_t st = 0; st < cfg->stacks; st++) {
        snprintf(name, sizeof name, "g%zu", st);
        if (ml_scn_use_stack(s, st == 0 ? "main" : name) == ML_SCN_NIL)
            goto oom;
        for (size_t f = 0; f < cfg->frames; f++) {
            snprintf(name, sizeof name, "f%zu", f);
            if (ml_scn_push_frame(s, name) == ML_SCN_NIL)
                goto oom;
            for (size_t i = 0; i < cfg->locals; i++) {
                snprintf(name, sizeof name, "l%zu", f * cfg->locals + i);
                uint32_t t = cfg->objects && ml_rng_double(&r) < cfg->root_p
                                 ? (uint32_t)ml_rng_below(&r, cfg->objects)
                                 : ML_SCN_NIL;
                if (ml_scn_add_local(s, name, t) == ML_SCN_NIL)
                    goto oom;
            }
        }
    }
    ml_scn_use_stack(s, "main");
    return s;
oom:
    ml_scn_free(s);
    return NULL;
}

wb_world_t *wb_workload_world(const wb_workload_cfg_t *cfg, char *err, size_t errlen)
{
    ml_gc_config_t gc = ml_gc_default_config();
    gc.gc_percent = -1;
    size_t need = (cfg->objects + 1024) * 64 * 4;
    if (need > gc.arena_bytes)
        gc.arena_bytes = need;
    ml_scn_t *s = random_scenario(cfg);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    return wb_world_new(s, &gc, 0, err, errlen);
}

// ---- the random mutator ----------------------------------------------------------------

struct wb_random {
    wb_world_t *w;
    ml_rng_t rng;
    uint32_t cur; // the current goroutine
    size_t ops_per_cycle, done;
    bool have; // `next` holds a generated, unconsumed operation
    wb_op_t next;
    wb_op_t last; // the last operation run (for follow-ups)
    bool have_last;
};

wb_random_t *wb_random_new(wb_world_t *w, const wb_workload_cfg_t *cfg)
{
    wb_random_t *rm = calloc(1, sizeof *rm);
    if (!rm)
        return NULL;
    rm->w = w;
    ml_rng_seed(&rm->rng, cfg->seed ^ 0x6d75746174u); // "mutat"
    rm->ops_per_cycle = cfg->ops_per_cycle;
    return rm;
}

void wb_random_free(wb_random_t *rm)
{
    free(rm);
}

static size_t nlocals(const wb_random_t *rm)
{
    const wb_wstack_t *ws = &rm->w->stacks[rm->cur];
    size_t n = 0;
    for (uint32_t f = 0; f < ws->nframes; f++)
        n += ml_gc_frame_nslots(ws->frames[f]);
    return n;
}

// local_at — local number k of the current goroutine as a place.
static wb_loc_t local_at(const wb_random_t *rm, size_t k)
{
    const wb_wstack_t *ws = &rm->w->stacks[rm->cur];
    uint32_t f = 0;
    while (f + 1 < ws->nframes && k >= ml_gc_frame_nslots(ws->frames[f]))
        k -= ml_gc_frame_nslots(ws->frames[f++]);
    return (wb_loc_t){
        .kind = WB_LOC_LOCAL, .obj = -1, .stack = rm->cur, .frame = f, .index = (uint32_t)k
    };
}

static void *local_value(const wb_random_t *rm, const wb_loc_t *l)
{
    return ml_gc_frame_get(rm->w->stacks[l->stack].frames[l->frame], l->index);
}

static wb_loc_t random_local(wb_random_t *rm)
{
    return local_at(rm, ml_rng_below(&rm->rng, nlocals(rm)));
}

// held_local — mostly (85 %) a local that holds an object, the way a
// program mostly stores what it has; else any local.
static wb_loc_t held_local(wb_random_t *rm)
{
    size_t n = nlocals(rm), start = ml_rng_below(&rm->rng, n);
    if (ml_rng_below(&rm->rng, 100) < 85)
        for (size_t k = 0; k < n; k++) {
            wb_loc_t l = local_at(rm, (start + k) % n);
            if (local_value(rm, &l))
                return l;
        }
    return local_at(rm, start);
}

// random_field — a pointer slot of an object held in a local, as a place;
// false if the goroutine holds no object with pointer slots. With `full`,
// mostly (85 %) a slot that is not nil (something to load or cut).
static bool random_field(wb_random_t *rm, wb_loc_t *out, bool full)
{
    ml_gc_heap_t *h = rm->w->heap;
    size_t n = nlocals(rm), start = ml_rng_below(&rm->rng, n);
    bool prefer = full && ml_rng_below(&rm->rng, 100) < 85, have = false;
    for (size_t k = 0; k < n; k++) {
        wb_loc_t l = local_at(rm, (start + k) % n);
        void *obj = local_value(rm, &l);
        size_t slots = obj ? ml_gc_num_slots(h, obj) : 0;
        if (!slots)
            continue;
        wb_loc_t f = { .kind = WB_LOC_FIELD,
                       .obj = -1,
                       .stack = l.stack,
                       .frame = l.frame,
                       .base = l.index,
                       .index = (uint32_t)ml_rng_below(&rm->rng, slots) };
        if (!have) {
            *out = f; // the first candidate, whatever it holds
            have = true;
            if (!prefer)
                return true;
        }
        for (size_t j = 0; j < slots; j++, f.index = (uint32_t)((f.index + 1) % slots))
            if (ml_gc_slot(h, obj, f.index)) {
                *out = f;
                return true;
            }
    }
    return have;
}

static wb_loc_t random_global(wb_random_t *rm)
{
    return (wb_loc_t){ .kind = WB_LOC_GLOBAL,
                       .obj = -1,
                       .index = (uint32_t)ml_rng_below(&rm->rng, ml_gc_num_globals(rm->w->heap)) };
}

static wb_loc_t new_object(wb_random_t *rm)
{
    return (wb_loc_t){ .kind = WB_LOC_NEW, .obj = -1, .type = (uint32_t)random_type(&rm->rng) };
}

static const wb_loc_t NIL = { .kind = WB_LOC_NIL, .obj = -1 };

// follow_up — the natural next step after rm->last (see the top of the
// file), if there is one and it still makes sense. true if *op is set.
static bool follow_up(wb_random_t *rm, wb_op_t *op)
{
    const wb_op_t *l = &rm->last;
    if (!rm->have_last || l->kind != WB_OP_SET || ml_rng_below(&rm->rng, 2))
        return false;
    const wb_loc_t *d = &l->dst, *s = &l->src;
    *op = (wb_op_t){ .kind = WB_OP_SET };
    if (d->kind == WB_LOC_LOCAL && s->kind == WB_LOC_FIELD &&
        ml_rng_below(&rm->rng, 2)) { // descend
        void *obj = local_value(rm, d);
        size_t slots = obj ? ml_gc_num_slots(rm->w->heap, obj) : 0;
        if (!slots)
            return false;
        op->dst = *d;
        op->src = (wb_loc_t){ .kind = WB_LOC_FIELD,
                              .obj = -1,
                              .stack = d->stack,
                              .frame = d->frame,
                              .base = d->index,
                              .index = (uint32_t)ml_rng_below(&rm->rng, slots) };
        for (size_t j = 0; j < slots && !ml_gc_slot(rm->w->heap, obj, op->src.index); j++)
            op->src.index = (uint32_t)((op->src.index + 1) % slots);
        op->dst = random_local(rm);
        return true;
    }
    if (d->kind == WB_LOC_LOCAL && s->kind == WB_LOC_FIELD) { // take it out
        wb_loc_t base = {
            .kind = WB_LOC_LOCAL, .obj = -1, .stack = s->stack, .frame = s->frame, .index = s->base
        };
        if ((base.stack == d->stack && base.frame == d->frame && base.index == d->index) ||
            !local_value(rm, &base))
            return false; // the load overwrote its own base, or the base is gone
        op->dst = *s;
        op->src = NIL;
    } else if ((d->kind == WB_LOC_FIELD || d->kind == WB_LOC_GLOBAL) && s->kind == WB_LOC_LOCAL) {
        op->dst = *s; // hand off, publish
        op->src = NIL;
    } else if (d->kind == WB_LOC_LOCAL && s->kind == WB_LOC_GLOBAL) { // take from a global
        op->dst = *s;
        op->src = NIL;
    } else if (d->kind == WB_LOC_LOCAL && s->kind == WB_LOC_NEW) { // link it in
        if (!random_field(rm, &op->dst, false))
            return false;
        op->src = *d;
    } else {
        return false;
    }
    return true;
}

static void generate(wb_random_t *rm, wb_op_t *op)
{
    if (follow_up(rm, op))
        return;
    *op = (wb_op_t){ .kind = WB_OP_SET };
    bool globals = ml_gc_num_globals(rm->w->heap) > 0;
    uint64_t x = ml_rng_below(&rm->rng, 100);
    if (x < 4 && rm->w->nstacks > 1) {
        uint32_t s = (uint32_t)ml_rng_below(&rm->rng, rm->w->nstacks - 1);
        rm->cur = s >= rm->cur ? s + 1 : s;
        *op = (wb_op_t){ .kind = WB_OP_SWITCH, .arg = rm->cur };
        return;
    }
    wb_loc_t field;
    bool need_field = (x >= 4 && x < 56) || (x >= 76 && x < 80);
    if (need_field && !random_field(rm, &field, x < 26 || (x >= 48 && x < 56)))
        x = globals ? 60 : 70; // hold nothing: fetch a root or allocate
    if (x < 26) {              // load
        op->dst = random_local(rm);
        op->src = field;
    } else if (x < 48) { // store
        op->dst = field;
        op->src = held_local(rm);
    } else if (x < 56) { // cut
        op->dst = field;
        op->src = (wb_loc_t){ .kind = WB_LOC_NIL, .obj = -1 };
    } else if (x < 62 && globals) { // global load
        op->dst = random_local(rm);
        op->src = random_global(rm);
    } else if (x < 68 && globals) { // global store
        op->dst = random_global(rm);
        op->src = held_local(rm);
    } else if (x < 76) { // allocate
        op->dst = random_local(rm);
        op->src = new_object(rm);
    } else if (x < 80) { // allocate into a field
        op->dst = field;
        op->src = new_object(rm);
    } else if (x < 90) { // clear
        op->dst = random_local(rm);
        op->src = (wb_loc_t){ .kind = WB_LOC_NIL, .obj = -1 };
    } else { // copy
        op->dst = random_local(rm);
        op->src = held_local(rm);
    }
}

static bool random_peek(void *self, wb_op_t *op)
{
    wb_random_t *rm = self;
    if (rm->ops_per_cycle && rm->done >= rm->ops_per_cycle)
        return false;
    if (!rm->have) {
        generate(rm, &rm->next);
        rm->have = true;
    }
    *op = rm->next;
    return true;
}

static void random_consume(void *self)
{
    wb_random_t *rm = self;
    rm->last = rm->next;
    rm->have_last = rm->have;
    rm->have = false;
    rm->done++;
}

static void random_cycle_start(void *self)
{
    ((wb_random_t *)self)->done = 0;
}

wb_mutator_t wb_random_mutator(wb_random_t *rm)
{
    return (wb_mutator_t){ .peek = random_peek,
                           .consume = random_consume,
                           .cycle_start = random_cycle_start,
                           .self = rm };
}

// world.c — the mutator's world: a scenario built on a GC heap by the core
// (memlab/scenario_heap.h), and the pointer-copy operation (see world.h).
//
// Everything the world owns lives in malloc'd memory, never in the GC heap:
// the scenario (names, types), the builder's maps, and each stack's frames
// bottom first. Names come from the scenario, so messages and step pages
// say "W (Node, obj#3)" and "main.l0". Stores go through the core only —
// ml_gc_write for fields, ml_gc_write_global for globals (both run the
// write barrier while marking) and ml_gc_frame_set for locals (never a
// barrier).
#include "support/world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void wb_world_free(wb_world_t *w)
{
    if (!w)
        return;
    for (size_t s = 0; s < w->nstacks; s++) {
        free(w->stacks[s].frames);
        free(w->stacks[s].scn_frame);
    }
    free(w->stacks);
    ml_scn_heap_free(w->built);
    ml_scn_free(w->scn);
    free(w);
}

wb_world_t *wb_world_new(ml_scn_t *scn, const ml_gc_config_t *cfg, unsigned flags, char *err,
                         size_t errlen)
{
    wb_world_t *w = calloc(1, sizeof *w);
    if (!w) {
        ml_scn_free(scn);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    w->scn = scn;
    ml_gc_config_t c = cfg ? *cfg : ml_gc_default_config();
    if (!cfg)
        c.gc_percent = -1;
    if (!(w->built = ml_scn_build(scn, &c, flags, err, errlen))) {
        wb_world_free(w);
        return NULL;
    }
    w->heap = w->built->heap;
    ml_gc_set_manual(w->heap, true);
    // Each stack's frames, bottom first (the scenario lists them in push order).
    w->stacks = calloc(scn->nstacks, sizeof *w->stacks);
    if (!w->stacks)
        goto oom;
    w->nstacks = scn->nstacks;
    for (uint32_t s = 0; s < scn->nstacks; s++) {
        wb_wstack_t *ws = &w->stacks[s];
        ws->st = w->built->stacks[s];
        ws->frames = calloc(scn->nframes ? scn->nframes : 1, sizeof *ws->frames);
        ws->scn_frame = calloc(scn->nframes ? scn->nframes : 1, sizeof *ws->scn_frame);
        if (!ws->frames || !ws->scn_frame)
            goto oom;
    }
    for (uint32_t f = 0; f < scn->nframes; f++) {
        wb_wstack_t *ws = &w->stacks[scn->frames[f].stack];
        ws->scn_frame[ws->nframes] = f;
        ws->frames[ws->nframes++] = w->built->frames[f];
    }
    return w;
oom:
    snprintf(err, errlen, "%s: out of memory", scn->name);
    wb_world_free(w);
    return NULL;
}

void *wb_world_object(const wb_world_t *w, uint32_t i)
{
    return ml_scn_object(w->built, i);
}

const char *wb_world_describe(const wb_world_t *w, const void *p, char *buf, size_t len)
{
    uint32_t i = ml_scn_index_of(w->built, p);
    if (i != ML_SCN_NIL && w->scn->objs[i].name)
        return ml_scn_obj_label(w->built, i, buf, len);
    return ml_gc_describe(w->heap, p, buf, len); // random worlds' objects have no names
}

const char *wb_world_local_name(const wb_world_t *w, uint32_t s, uint32_t f, uint32_t i, char *buf,
                                size_t len)
{
    const ml_scn_frame_t *fr = &w->scn->frames[w->stacks[s].scn_frame[f]];
    return ml_scn_local_name(w->scn, fr->first_local + i, buf, len);
}

// obj_name — scenario object i's name.
static const char *obj_name(const wb_world_t *w, int32_t i, char *buf, size_t len)
{
    return ml_scn_obj_name(w->scn, (uint32_t)i, buf, len);
}

// ---- operations ------------------------------------------------------------------------

int wb_op_stack(const wb_op_t *op)
{
    if (op->kind == WB_OP_SWITCH)
        return (int)op->arg;
    if (op->kind != WB_OP_SET)
        return -1;
    const wb_loc_t *l[2] = { &op->dst, &op->src };
    for (int k = 0; k < 2; k++)
        if (l[k]->kind == WB_LOC_LOCAL || (l[k]->kind == WB_LOC_FIELD && l[k]->obj < 0))
            return (int)l[k]->stack;
    return -1;
}

static void **local_slot(wb_world_t *w, const wb_loc_t *l, uint32_t slot)
{
    return ml_gc_frame_slot(w->stacks[l->stack].frames[l->frame], slot);
}

// field_object — the object a FIELD place names, or NULL with a reason.
static void *field_object(wb_world_t *w, const wb_loc_t *l, char *err, size_t errlen)
{
    char t[128];
    void *obj;
    if (l->obj >= 0) {
        obj = wb_world_object(w, (uint32_t)l->obj);
        if (!obj)
            snprintf(err, errlen, "object %s %s", obj_name(w, l->obj, t, sizeof t),
                     w->built->objs[l->obj] ? "was freed" : "does not exist yet");
    } else {
        obj = *local_slot(w, l, l->base);
        if (!obj)
            snprintf(err, errlen, "%s is nil",
                     wb_world_local_name(w, l->stack, l->frame, l->base, t, sizeof t));
    }
    if (obj && l->index >= ml_gc_num_slots(w->heap, obj)) {
        snprintf(err, errlen, "%s has %zu pointer slots, not %u",
                 wb_world_describe(w, obj, t, sizeof t), ml_gc_num_slots(w->heap, obj),
                 l->index + 1);
        return NULL;
    }
    return obj;
}

// read_value — the value of place `l`; -1 with a reason if it has none.
static int read_value(wb_world_t *w, const wb_loc_t *l, void **out, char *err, size_t errlen)
{
    void *obj;
    switch (l->kind) {
    case WB_LOC_NIL: *out = NULL; return 0;
    case WB_LOC_LOCAL: *out = *local_slot(w, l, l->index); return 0;
    case WB_LOC_GLOBAL: *out = ml_gc_global_get(w->heap, (int)l->index); return 0;
    case WB_LOC_FIELD:
        if (!(obj = field_object(w, l, err, errlen)))
            return -1;
        *out = ml_gc_slot(w->heap, obj, l->index);
        return 0;
    case WB_LOC_OBJ:
        if (!(*out = wb_world_object(w, (uint32_t)l->obj))) {
            char t[64];
            snprintf(err, errlen, "object %s was freed", obj_name(w, l->obj, t, sizeof t));
            return -1;
        }
        return 0;
    case WB_LOC_NEW:
        if (!(*out = ml_gc_alloc(w->heap, l->obj >= 0 ? ml_scn_type_for(w->built, (uint32_t)l->obj)
                                                      : &w->built->types[l->type]))) {
            snprintf(err, errlen, "the heap is full");
            return -1;
        }
        if (l->obj >= 0)
            ml_scn_bind(w->built, (uint32_t)l->obj, *out);
        return 0;
    }
    return -1;
}

int wb_op_exec(wb_world_t *w, const wb_op_t *op, wb_effect_t *eff, char *err, size_t errlen)
{
    int s = wb_op_stack(op);
    if (s >= 0)
        ml_gc_switch_stack(w->heap, w->stacks[s].st);
    if (op->kind != WB_OP_SET)
        return 0;
    wb_effect_t e = { .stack = 0 };
    ml_gc_stack_t *cur = ml_gc_current_stack(w->heap);
    for (size_t k = 0; k < w->nstacks; k++)
        if (w->stacks[k].st == cur)
            e.stack = (uint32_t)k;
    void *val, *holder = NULL;
    if (op->dst.kind == WB_LOC_FIELD && !(holder = field_object(w, &op->dst, err, errlen)))
        return -1;
    if (read_value(w, &op->src, &val, err, errlen))
        return -1;
    e.val = val;
    switch (op->dst.kind) {
    case WB_LOC_LOCAL:
        e.write = WB_WRITE_STACK;
        e.old = *local_slot(w, &op->dst, op->dst.index);
        ml_gc_frame_set(w->stacks[op->dst.stack].frames[op->dst.frame], op->dst.index, val);
        break;
    case WB_LOC_FIELD:
        e.write = WB_WRITE_HEAP;
        e.holder = holder;
        e.old = ml_gc_slot(w->heap, holder, op->dst.index);
        ml_gc_write(w->heap, holder, op->dst.index, val);
        break;
    case WB_LOC_GLOBAL:
        e.write = WB_WRITE_GLOBAL;
        e.old = ml_gc_global_get(w->heap, (int)op->dst.index);
        ml_gc_write_global(w->heap, (int)op->dst.index, val);
        break;
    default: snprintf(err, errlen, "cannot store into a value"); return -1;
    }
    if (eff)
        *eff = e;
    return 0;
}

// ---- text ------------------------------------------------------------------------------

// slot_text — pointer slot i of scenario object `obj` (or, obj < 0, of
// whatever object a local holds) as the scenario names it.
static const char *slot_text(const wb_world_t *w, int32_t obj, uint32_t i, char *buf, size_t len)
{
    const ml_scn_t *s = w->scn;
    for (uint32_t t = obj >= 0 ? s->objs[obj].type : 0; t < s->ntypes; t++) {
        uint32_t word = ml_scn_slot_word(s, t, i);
        if (word != ML_SCN_NIL && s->types[t].slot_names && s->types[t].slot_names[word])
            return s->types[t].slot_names[word];
        if (obj >= 0)
            break;
    }
    snprintf(buf, len, "%u", i);
    return buf;
}

static const char *loc_text(const wb_world_t *w, const wb_loc_t *l, char *buf, size_t len)
{
    char a[64], b[64];
    const char *sn = l->kind == WB_LOC_LOCAL || (l->kind == WB_LOC_FIELD && l->obj < 0)
                         ? ml_gc_stack_name(w->stacks[l->stack].st)
                         : "";
    switch (l->kind) {
    case WB_LOC_NIL: snprintf(buf, len, "nil"); break;
    case WB_LOC_LOCAL:
        snprintf(buf, len, "%s.%s", sn,
                 wb_world_local_name(w, l->stack, l->frame, l->index, a, sizeof a));
        break;
    case WB_LOC_FIELD:
        if (l->obj >= 0)
            snprintf(buf, len, "%s.%s", obj_name(w, l->obj, a, sizeof a),
                     slot_text(w, l->obj, l->index, b, sizeof b));
        else
            snprintf(buf, len, "%s.%s->%s", sn,
                     wb_world_local_name(w, l->stack, l->frame, l->base, a, sizeof a),
                     slot_text(w, -1, l->index, b, sizeof b));
        break;
    case WB_LOC_GLOBAL: snprintf(buf, len, "%s", ml_gc_global_name(w->heap, (int)l->index)); break;
    case WB_LOC_OBJ: snprintf(buf, len, "%s", obj_name(w, l->obj, a, sizeof a)); break;
    case WB_LOC_NEW:
        if (l->obj >= 0)
            snprintf(buf, len, "new %s %s", obj_name(w, l->obj, a, sizeof a),
                     w->scn->types[l->type].name);
        else
            snprintf(buf, len, "new %s", w->scn->types[l->type].name);
        break;
    }
    return buf;
}

const char *wb_op_text(const wb_world_t *w, const wb_op_t *op, char *buf, size_t len)
{
    char a[96], b[96];
    static const char *const waits[] = { "black", "grey", "scanned" };
    switch (op->kind) {
    case WB_OP_SET:
        snprintf(buf, len, "%s = %s", loc_text(w, &op->dst, a, sizeof a),
                 loc_text(w, &op->src, b, sizeof b));
        break;
    case WB_OP_SWITCH:
        snprintf(buf, len, "switch to %s", ml_gc_stack_name(w->stacks[op->arg].st));
        break;
    case WB_OP_WAIT:
        snprintf(buf, len, "wait %s %s", waits[op->wait],
                 op->wait == WB_WAIT_SCANNED ? ml_gc_stack_name(w->stacks[op->arg].st)
                                             : obj_name(w, (int32_t)op->arg, a, sizeof a));
        break;
    }
    return buf;
}

const char *wb_effect_text(const wb_world_t *w, const wb_effect_t *e, char *buf, size_t len)
{
    static const char *const kinds[] = { "stack write (no barrier)", "heap write", "global write" };
    char a[96], b[96];
    snprintf(buf, len, "%s by %s: old %s, new %s", kinds[e->write],
             ml_gc_stack_name(w->stacks[e->stack].st), wb_world_describe(w, e->old, a, sizeof a),
             wb_world_describe(w, e->val, b, sizeof b));
    return buf;
}

// world.c — the mutator's world: a heap with named objects, globals and
// goroutine stacks, and the pointer-copy operation (see world.h).
//
// Everything the world owns lives in malloc'd memory, never in the GC heap:
// types (each named object of a scenario gets a type of its own, named like
// it, so ml_gc_describe and the dot frames say "obj#3 (W)"), names, and the
// frame records of each stack. Stores go through the core only — ml_gc_write
// for fields, ml_gc_write_global for globals (both run the write barrier
// while marking) and ml_gc_frame_set for locals (never a barrier).
#include "world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// grow — make room for one more element in *arr (n used, *cap allocated).
static int grow(void **arr, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 8;
    void *a = realloc(*arr, nc * elem);
    if (!a)
        return -1;
    *arr = a;
    *cap = nc;
    return 0;
}

// keep — a copy of `s` the world frees at the end (the core keeps pointers
// to frame names). NULL on OOM.
static char *keep(wb_world_t *w, const char *s)
{
    char *c = strdup(s);
    if (!c || grow((void **)&w->strings, &w->capstrings, w->nstrings, sizeof *w->strings)) {
        free(c);
        return NULL;
    }
    return w->strings[w->nstrings++] = c;
}

wb_world_t *wb_world_new(const ml_gc_config_t *cfg, char *why, size_t whylen)
{
    wb_world_t *w = calloc(1, sizeof *w);
    if (!w) {
        snprintf(why, whylen, "out of memory");
        return NULL;
    }
    ml_gc_config_t c = cfg ? *cfg : ml_gc_default_config();
    if (!cfg)
        c.gc_percent = -1;
    w->heap = ml_gc_new(&c);
    if (!w->heap) {
        snprintf(why, whylen, "cannot create a GC heap of %zu bytes", c.arena_bytes);
        free(w);
        return NULL;
    }
    ml_gc_set_manual(w->heap, true);
    if (wb_world_add_stack(w, "main") != 0) {
        snprintf(why, whylen, "out of memory");
        wb_world_free(w);
        return NULL;
    }
    return w;
}

void wb_world_free(wb_world_t *w)
{
    if (!w)
        return;
    for (size_t s = 0; s < w->nstacks; s++) {      // before the heap frees the frames
        wb_wstack_t *ws = &w->stacks[s];
        for (uint32_t f = 0; f < ws->nframes; f++) {
            if (ws->local_names[f])
                for (size_t i = 0; i < ml_gc_frame_nslots(ws->frames[f]); i++)
                    free(ws->local_names[f][i]);
            free(ws->local_names[f]);
        }
        free(ws->frames);
        free(ws->local_names);
    }
    free(w->stacks);
    ml_gc_destroy(w->heap);
    for (size_t i = 0; i < w->ntypes; i++) {
        free((char *)w->types[i]->name);
        free(w->types[i]);
    }
    free(w->types);
    for (size_t i = 0; i < w->nnamed; i++)
        free(w->named[i].name);
    free(w->named);
    for (size_t i = 0; i < w->nstrings; i++)
        free(w->strings[i]);
    free(w->strings);
    free(w);
}

int wb_world_add_type(wb_world_t *w, const char *name, size_t size, uint64_t ptrmask)
{
    if (grow((void **)&w->types, &w->captypes, w->ntypes, sizeof *w->types))
        return -1;
    ml_type_t *t = malloc(sizeof *t);
    char *nm = strdup(name);
    if (!t || !nm) {
        free(t);
        free(nm);
        return -1;
    }
    *t = ML_TYPE(nm, size, ptrmask);
    w->types[w->ntypes] = t;
    return (int)w->ntypes++;
}

int wb_world_add_named(wb_world_t *w, const char *name, int type)
{
    if (grow((void **)&w->named, &w->capnamed, w->nnamed, sizeof *w->named))
        return -1;
    wb_named_t *n = &w->named[w->nnamed];
    *n = (wb_named_t){.name = strdup(name)};
    if (!n->name)
        return -1;
    if (type >= 0) {
        n->obj = ml_gc_alloc(w->heap, w->types[type]);
        if (!n->obj) {
            free(n->name);
            return -1;
        }
        n->id = ml_gc_object_id(w->heap, n->obj);
    }
    return (int)w->nnamed++;
}

int wb_world_add_stack(wb_world_t *w, const char *name)
{
    if (grow((void **)&w->stacks, &w->capstacks, w->nstacks, sizeof *w->stacks))
        return -1;
    ml_gc_stack_t *st;
    if (w->nstacks == 0 && strcmp(name, "main") == 0)
        st = ml_gc_stack_at(w->heap, 0);
    else if (!(st = ml_gc_stack_new(w->heap, name)))
        return -1;
    w->stacks[w->nstacks] = (wb_wstack_t){.st = st};
    return (int)w->nstacks++;
}

int wb_world_push_frame(wb_world_t *w, uint32_t s, const char *name, size_t nslots,
                        const char *const *local_names)
{
    wb_wstack_t *ws = &w->stacks[s];
    if (ws->nframes == ws->capframes) {
        uint32_t nc = ws->capframes ? 2 * ws->capframes : 4;
        ml_gc_frame_t **f = realloc(ws->frames, nc * sizeof *f);
        if (!f)
            return -1;
        ws->frames = f;
        char ***ln = realloc(ws->local_names, nc * sizeof *ln);
        if (!ln)
            return -1;
        ws->local_names = ln;
        ws->capframes = nc;
    }
    const char *nm = keep(w, name);
    char **names = local_names ? calloc(nslots ? nslots : 1, sizeof *names) : NULL;
    if (!nm || (local_names && !names))
        return -1;
    for (size_t i = 0; names && i < nslots; i++)
        if (!(names[i] = strdup(local_names[i]))) {
            while (i--)
                free(names[i]);
            free(names);
            return -1;
        }
    ml_gc_stack_t *cur = ml_gc_current_stack(w->heap);
    ml_gc_switch_stack(w->heap, ws->st);
    ml_gc_frame_t *f = ml_gc_push_frame(w->heap, nm, nslots);
    ml_gc_switch_stack(w->heap, cur);
    if (!f) {
        for (size_t i = 0; names && i < nslots; i++)
            free(names[i]);
        free(names);
        return -1;
    }
    ws->frames[ws->nframes] = f;
    ws->local_names[ws->nframes] = names;
    return (int)ws->nframes++;
}

// ---- lookups -------------------------------------------------------------------------

int wb_world_find_named(const wb_world_t *w, const char *name)
{
    for (size_t i = 0; i < w->nnamed; i++)
        if (strcmp(w->named[i].name, name) == 0)
            return (int)i;
    return -1;
}

int wb_world_find_global(const wb_world_t *w, const char *name)
{
    for (size_t g = 0; g < ml_gc_num_globals(w->heap); g++)
        if (strcmp(ml_gc_global_name(w->heap, (int)g), name) == 0)
            return (int)g;
    return -1;
}

int wb_world_find_stack(const wb_world_t *w, const char *name)
{
    for (size_t s = 0; s < w->nstacks; s++)
        if (strcmp(ml_gc_stack_name(w->stacks[s].st), name) == 0)
            return (int)s;
    return -1;
}

// local_name — the name of local (s, f, i): its given name, or "l<n>" with n
// counting slots from the bottom frame up.
static const char *local_name(const wb_world_t *w, uint32_t s, uint32_t f, uint32_t i, char *buf,
                              size_t len)
{
    const wb_wstack_t *ws = &w->stacks[s];
    if (f < ws->nframes && ws->local_names[f])
        return ws->local_names[f][i];
    size_t n = i;
    for (uint32_t k = 0; k < f && k < ws->nframes; k++)
        n += ml_gc_frame_nslots(ws->frames[k]);
    snprintf(buf, len, "l%zu", n);
    return buf;
}

int wb_world_find_local(const wb_world_t *w, uint32_t s, const char *name, uint32_t *frame,
                        uint32_t *slot)
{
    const wb_wstack_t *ws = &w->stacks[s];
    char buf[32];
    for (uint32_t f = ws->nframes; f-- > 0;)
        for (size_t i = 0; i < ml_gc_frame_nslots(ws->frames[f]); i++)
            if (strcmp(local_name(w, s, f, (uint32_t)i, buf, sizeof buf), name) == 0) {
                *frame = f;
                *slot = (uint32_t)i;
                return 0;
            }
    return -1;
}

void *wb_world_named_alive(const wb_world_t *w, uint32_t i)
{
    const wb_named_t *n = &w->named[i];
    if (!n->obj || ml_gc_object_of(w->heap, n->obj) != n->obj ||
        ml_gc_object_id(w->heap, n->obj) != n->id)
        return NULL;
    return n->obj;
}

// ---- operations ------------------------------------------------------------------------

int wb_op_stack(const wb_op_t *op)
{
    if (op->kind == WB_OP_SWITCH)
        return (int)op->arg;
    if (op->kind != WB_OP_SET)
        return -1;
    const wb_loc_t *l[2] = {&op->dst, &op->src};
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
static void *field_object(wb_world_t *w, const wb_loc_t *l, char *why, size_t whylen)
{
    char t[128];
    void *obj;
    if (l->obj >= 0) {
        obj = wb_world_named_alive(w, (uint32_t)l->obj);
        if (!obj)
            snprintf(why, whylen, "object %s %s", w->named[l->obj].name,
                     w->named[l->obj].obj ? "was freed" : "does not exist yet");
    } else {
        obj = *local_slot(w, l, l->base);
        if (!obj)
            snprintf(why, whylen, "%s is nil", local_name(w, l->stack, l->frame, l->base, t, sizeof t));
    }
    if (obj && l->index >= ml_gc_num_slots(w->heap, obj)) {
        snprintf(why, whylen, "%s has %zu pointer slots, not %u", ml_gc_describe(w->heap, obj, t, sizeof t),
                 ml_gc_num_slots(w->heap, obj), l->index + 1);
        return NULL;
    }
    return obj;
}

// read_value — the value of place `l`; -1 with a reason if it has none.
static int read_value(wb_world_t *w, const wb_loc_t *l, void **out, char *why, size_t whylen)
{
    void *obj;
    switch (l->kind) {
    case WB_LOC_NIL: *out = NULL; return 0;
    case WB_LOC_LOCAL: *out = *local_slot(w, l, l->index); return 0;
    case WB_LOC_GLOBAL: *out = ml_gc_global_get(w->heap, (int)l->index); return 0;
    case WB_LOC_FIELD:
        if (!(obj = field_object(w, l, why, whylen)))
            return -1;
        *out = ml_gc_slot(w->heap, obj, l->index);
        return 0;
    case WB_LOC_OBJ:
        if (!(*out = wb_world_named_alive(w, (uint32_t)l->obj))) {
            snprintf(why, whylen, "object %s was freed", w->named[l->obj].name);
            return -1;
        }
        return 0;
    case WB_LOC_NEW:
        if (!(*out = ml_gc_alloc(w->heap, w->types[l->type]))) {
            snprintf(why, whylen, "the heap is full");
            return -1;
        }
        if (l->obj >= 0) {
            w->named[l->obj].obj = *out;
            w->named[l->obj].id = ml_gc_object_id(w->heap, *out);
        }
        return 0;
    }
    return -1;
}

int wb_op_exec(wb_world_t *w, const wb_op_t *op, wb_effect_t *eff, char *why, size_t whylen)
{
    int s = wb_op_stack(op);
    if (s >= 0)
        ml_gc_switch_stack(w->heap, w->stacks[s].st);
    if (op->kind != WB_OP_SET)
        return 0;
    wb_effect_t e = {.stack = 0};
    ml_gc_stack_t *cur = ml_gc_current_stack(w->heap);
    for (size_t k = 0; k < w->nstacks; k++)
        if (w->stacks[k].st == cur)
            e.stack = (uint32_t)k;
    void *val, *holder = NULL;
    if (op->dst.kind == WB_LOC_FIELD && !(holder = field_object(w, &op->dst, why, whylen)))
        return -1;
    if (read_value(w, &op->src, &val, why, whylen))
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
    default:
        snprintf(why, whylen, "cannot store into a value");
        return -1;
    }
    if (eff)
        *eff = e;
    return 0;
}

// ---- text ------------------------------------------------------------------------------

static const char *slot_name(uint32_t i, char *buf, size_t len)
{
    if (i < 26)
        snprintf(buf, len, "%c", 'a' + (int)i);
    else
        snprintf(buf, len, "%u", i);
    return buf;
}

static const char *loc_text(const wb_world_t *w, const wb_loc_t *l, char *buf, size_t len)
{
    char a[64], b[16];
    const char *sn = l->kind == WB_LOC_LOCAL || (l->kind == WB_LOC_FIELD && l->obj < 0)
                         ? ml_gc_stack_name(w->stacks[l->stack].st) : "";
    switch (l->kind) {
    case WB_LOC_NIL: snprintf(buf, len, "nil"); break;
    case WB_LOC_LOCAL:
        snprintf(buf, len, "%s.%s", sn, local_name(w, l->stack, l->frame, l->index, a, sizeof a));
        break;
    case WB_LOC_FIELD:
        if (l->obj >= 0)
            snprintf(buf, len, "%s.%s", w->named[l->obj].name, slot_name(l->index, b, sizeof b));
        else
            snprintf(buf, len, "%s.%s->%s", sn, local_name(w, l->stack, l->frame, l->base, a, sizeof a),
                     slot_name(l->index, b, sizeof b));
        break;
    case WB_LOC_GLOBAL: snprintf(buf, len, "%s", ml_gc_global_name(w->heap, (int)l->index)); break;
    case WB_LOC_OBJ: snprintf(buf, len, "%s", w->named[l->obj].name); break;
    case WB_LOC_NEW:
        snprintf(buf, len, "new %s", l->obj >= 0 ? w->named[l->obj].name : w->types[l->type]->name);
        break;
    }
    return buf;
}

const char *wb_op_text(const wb_world_t *w, const wb_op_t *op, char *buf, size_t len)
{
    char a[96], b[96];
    static const char *const waits[] = {"black", "grey", "scanned"};
    switch (op->kind) {
    case WB_OP_SET:
        snprintf(buf, len, "%s = %s", loc_text(w, &op->dst, a, sizeof a), loc_text(w, &op->src, b, sizeof b));
        break;
    case WB_OP_SWITCH: snprintf(buf, len, "switch to %s", ml_gc_stack_name(w->stacks[op->arg].st)); break;
    case WB_OP_WAIT:
        snprintf(buf, len, "wait %s %s", waits[op->wait],
                 op->wait == WB_WAIT_SCANNED ? ml_gc_stack_name(w->stacks[op->arg].st) : w->named[op->arg].name);
        break;
    }
    return buf;
}

const char *wb_effect_text(const wb_world_t *w, const wb_effect_t *e, char *buf, size_t len)
{
    static const char *const kinds[] = {"stack write (no barrier)", "heap write", "global write"};
    char a[96], b[96];
    snprintf(buf, len, "%s by %s: old %s, new %s", kinds[e->write], ml_gc_stack_name(w->stacks[e->stack].st),
             ml_gc_describe(w->heap, e->old, a, sizeof a), ml_gc_describe(w->heap, e->val, b, sizeof b));
    return buf;
}

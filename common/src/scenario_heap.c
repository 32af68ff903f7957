// scenario_heap.c — building a scenario on the GC heap, and naming its
// objects in messages and pictures (memlab/scenario_heap.h).
//
// Steps: make a heap whose arena fits the scenario; allocate the objects in
// declaration order (automatic collection off, so allocation ids run
// first_id, first_id+1, ... and the id of built object i is first_id + i);
// fill in the pointer words from the edges; add the globals; make the
// stacks and push the frames, filling their slots. Objects a script
// allocates later are bound by the script's runner (ml_scn_bind) and found
// by a scan of those few.
#include "memlab/scenario_heap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/sizeclass.h"

void ml_scn_heap_free(ml_scn_heap_t *sh)
{
    if (!sh)
        return;
    ml_gc_destroy(sh->heap);
    free(sh->types);
    free(sh->obj_types);
    free(sh->objs);
    free(sh->ids);
    free(sh->globals);
    free(sh->stacks);
    free(sh->frames);
    free(sh);
}

// arena_needed — address space the scenario's objects need, with slack for
// span tails, partly filled spans and objects allocated later.
static size_t arena_needed(const ml_scn_t *s)
{
    size_t bytes = 0;
    for (uint32_t i = 0; i < s->nobjs; i++)
        bytes += ml_round_size((size_t)s->types[s->objs[i].type].nwords * 8);
    return bytes + bytes / 2 + ((size_t)64 << 20);
}

// build_roots — the globals, stacks and frames of `s` on sh's heap. 0, or -1
// when memory runs out.
static int build_roots(ml_scn_heap_t *sh, const ml_scn_t *s)
{
    char gname[32];
    for (uint32_t g = 0; g < s->nglobals; g++) {
        sh->globals[g] = ml_gc_global_add(sh->heap, ml_scn_global_name(s, g, gname, sizeof gname));
        if (sh->globals[g] < 0)
            return -1;
        uint32_t t = s->globals[g].target;
        ml_gc_write_global(sh->heap, sh->globals[g], t == ML_SCN_NIL ? NULL : sh->objs[t]);
    }
    ml_gc_stack_t *main_stack = ml_gc_current_stack(sh->heap);
    sh->stacks[0] = main_stack;
    for (uint32_t k = 1; k < s->nstacks; k++)
        if (!(sh->stacks[k] = ml_gc_stack_new(sh->heap, s->stacks[k])))
            return -1;
    for (uint32_t f = 0; f < s->nframes; f++) {
        const ml_scn_frame_t *fr = &s->frames[f];
        ml_gc_switch_stack(sh->heap, sh->stacks[fr->stack]);
        sh->frames[f] = ml_gc_push_frame(sh->heap, fr->name ? fr->name : "frame", fr->nlocals);
        if (!sh->frames[f])
            return -1;
        for (uint32_t k = 0; k < fr->nlocals; k++) {
            uint32_t t = s->locals[fr->first_local + k].target;
            ml_gc_frame_set(sh->frames[f], k, t == ML_SCN_NIL ? NULL : sh->objs[t]);
        }
    }
    ml_gc_switch_stack(sh->heap, main_stack);
    return 0;
}

const ml_type_t *ml_scn_type_for(const ml_scn_heap_t *sh, uint32_t i)
{
    return sh->obj_types ? &sh->obj_types[i] : &sh->types[sh->scn->objs[i].type];
}

ml_scn_heap_t *ml_scn_build(const ml_scn_t *s, const ml_gc_config_t *cfg, unsigned flags, char *err,
                            size_t errlen)
{
    ml_gc_config_t c = cfg ? *cfg : ml_gc_default_config();
    size_t need = arena_needed(s);
    if (c.arena_bytes < need)
        c.arena_bytes = need;
    ml_scn_heap_t *sh = calloc(1, sizeof *sh);
    if (!sh)
        goto oom;
    sh->scn = s;
    sh->heap = ml_gc_new(&c);
    if (!sh->heap) {
        snprintf(err, errlen, "%s: cannot make a GC heap of %zu MiB", s->name, c.arena_bytes >> 20);
        ml_scn_heap_free(sh);
        return NULL;
    }
    if (!cfg)
        ml_gc_set_manual(sh->heap, true);
    sh->types = calloc(s->ntypes ? s->ntypes : 1, sizeof *sh->types);
    sh->objs = calloc(s->nobjs ? s->nobjs : 1, sizeof *sh->objs);
    sh->ids = calloc(s->nobjs ? s->nobjs : 1, sizeof *sh->ids);
    sh->globals = calloc(s->nglobals ? s->nglobals : 1, sizeof *sh->globals);
    sh->stacks = calloc(s->nstacks ? s->nstacks : 1, sizeof *sh->stacks);
    sh->frames = calloc(s->nframes ? s->nframes : 1, sizeof *sh->frames);
    if (!sh->types || !sh->objs || !sh->ids || !sh->globals || !sh->stacks || !sh->frames)
        goto oom;
    for (uint32_t t = 0; t < s->ntypes; t++)
        sh->types[t] =
            ML_TYPE(s->types[t].name, (size_t)s->types[t].nwords * 8, s->types[t].ptrmask);
    if (flags & ML_SCN_TYPE_PER_OBJECT) {
        if (!(sh->obj_types = calloc(s->nobjs ? s->nobjs : 1, sizeof *sh->obj_types)))
            goto oom;
        for (uint32_t i = 0; i < s->nobjs; i++) {
            sh->obj_types[i] = sh->types[s->objs[i].type];
            if (s->objs[i].name)
                sh->obj_types[i].name = s->objs[i].name;
        }
    }
    bool first = true;
    for (uint32_t i = 0; i < s->nobjs; i++) {
        if (s->objs[i].born)
            continue;
        sh->objs[i] = ml_gc_alloc(sh->heap, ml_scn_type_for(sh, i));
        if (!sh->objs[i]) {
            snprintf(err, errlen, "%s: the GC heap ran out of space at object %u of %u", s->name, i,
                     s->nobjs);
            ml_scn_heap_free(sh);
            return NULL;
        }
        sh->ids[i] = ml_gc_object_id(sh->heap, sh->objs[i]);
        if (first)
            sh->first_id = sh->ids[i] - i, first = false;
    }
    for (size_t e = 0; e < s->nedges; e++) {
        const ml_scn_edge_t *ed = &s->edges[e];
        ((void **)sh->objs[ed->from])[ed->slot] = ed->to == ML_SCN_NIL ? NULL : sh->objs[ed->to];
    }
    if (build_roots(sh, s))
        goto oom;
    return sh;
oom:
    snprintf(err, errlen, "%s: out of memory building the heap", s->name);
    ml_scn_heap_free(sh);
    return NULL;
}

void ml_scn_bind(ml_scn_heap_t *sh, uint32_t i, void *obj)
{
    sh->objs[i] = obj;
    sh->ids[i] = obj ? ml_gc_object_id(sh->heap, obj) : 0;
}

bool ml_scn_alive(const ml_scn_heap_t *sh, uint32_t i)
{
    void *p = sh->objs[i];
    return p && ml_gc_object_of(sh->heap, p) == p && ml_gc_object_id(sh->heap, p) == sh->ids[i];
}

void *ml_scn_object(const ml_scn_heap_t *sh, uint32_t i)
{
    return ml_scn_alive(sh, i) ? sh->objs[i] : NULL;
}

uint32_t ml_scn_index_of(const ml_scn_heap_t *sh, const void *obj)
{
    if (!obj || ml_gc_object_of(sh->heap, obj) != obj)
        return ML_SCN_NIL;
    uint32_t id = ml_gc_object_id(sh->heap, obj), n = sh->scn->nobjs;
    uint32_t i = id - sh->first_id;
    if (id >= sh->first_id && i < n && sh->objs[i] == obj && sh->ids[i] == id)
        return i;
    for (i = 0; i < n; i++) // a born object (the script allocated it)
        if (sh->scn->objs[i].born && sh->objs[i] == obj && sh->ids[i] == id)
            return i;
    return ML_SCN_NIL;
}

const char *ml_scn_obj_label(const ml_scn_heap_t *sh, uint32_t i, char *buf, size_t len)
{
    char name[32];
    const ml_scn_t *s = sh->scn;
    snprintf(buf, len, "%s (%s, obj#%u)", ml_scn_obj_name(s, i, name, sizeof name),
             s->types[s->objs[i].type].name, sh->ids[i]);
    return buf;
}

const char *ml_scn_describe(const ml_scn_heap_t *sh, const void *p, char *buf, size_t len)
{
    uint32_t i = ml_scn_index_of(sh, p);
    if (i != ML_SCN_NIL)
        return ml_scn_obj_label(sh, i, buf, len);
    return ml_gc_describe(sh->heap, p, buf, len);
}

// ---- names for pictures ------------------------------------------------------------

static const char *dot_object(void *arg, const void *obj, char *buf, size_t len)
{
    const ml_scn_heap_t *sh = arg;
    uint32_t i = ml_scn_index_of(sh, obj);
    return i == ML_SCN_NIL ? NULL : ml_scn_obj_name(sh->scn, i, buf, len);
}

static const char *dot_slot(void *arg, const void *obj, size_t k, char *buf, size_t len)
{
    (void)buf, (void)len;
    const ml_scn_heap_t *sh = arg;
    const ml_scn_t *s = sh->scn;
    uint32_t i = ml_scn_index_of(sh, obj);
    // Objects the scenario does not know (allocated by a mutator) are named
    // by their type, if it is one of the scenario's.
    const ml_type_t *t = ml_gc_type_of(sh->heap, obj);
    uint32_t ty = i != ML_SCN_NIL ? s->objs[i].type : ML_SCN_NIL;
    for (uint32_t u = 0; sh->obj_types && ty == ML_SCN_NIL && u < s->nobjs; u++)
        if (t == &sh->obj_types[u])
            ty = s->objs[u].type;
    for (uint32_t u = 0; ty == ML_SCN_NIL && u < s->ntypes; u++)
        if (t == &sh->types[u])
            ty = u;
    if (ty == ML_SCN_NIL || !s->types[ty].slot_names || s->types[ty].ptrmask == 0)
        return NULL;
    // An array of the type repeats its pointer slots.
    uint32_t nptr = (uint32_t)__builtin_popcountll(s->types[ty].ptrmask);
    uint32_t word = ml_scn_slot_word(s, ty, (uint32_t)(k % nptr));
    return word == ML_SCN_NIL ? NULL : s->types[ty].slot_names[word];
}

static const char *dot_local(void *arg, const ml_gc_frame_t *f, size_t k, char *buf, size_t len)
{
    const ml_scn_heap_t *sh = arg;
    const ml_scn_t *s = sh->scn;
    for (uint32_t i = 0; i < s->nframes; i++)
        if (sh->frames[i] == f && k < s->frames[i].nlocals)
            return ml_scn_local_name(s, s->frames[i].first_local + (uint32_t)k, buf, len);
    return NULL;
}

ml_dot_names_t ml_scn_dot_names(const ml_scn_heap_t *sh)
{
    return (ml_dot_names_t){ dot_object, dot_slot, dot_local, (void *)sh };
}

// scenario.c — building scenario descriptions in code, naming their parts,
// and writing them back as text (memlab/scenario.h). The parser is
// scenario_parse.c (the heap) with scenario_script.c (the script); the
// reachability oracle is scenario_reach.c; the heap builder scenario_heap.c.
//
// Every array of the description grows by doubling. A failed growth leaves
// the scenario as it was, so a caller that gets ML_SCN_NIL (or -1) can free
// it normally.
#include "memlab/scenario.h"

#include <stdlib.h>
#include <string.h>

#include "scenario_impl.h"

// ---- growable arrays ---------------------------------------------------------

int ml_scn_grow_(void **arr, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 16;
    void *p = realloc(*arr, ncap * size);
    if (!p)
        return -1;
    *arr = p;
    *cap = ncap;
    return 0;
}

// GROW32 — ml_scn_grow_ for an array whose capacity is a uint32_t.
#define GROW32(arr, cap32, n)                                            \
    ({                                                                   \
        size_t c_ = (cap32);                                             \
        int r_ = ml_scn_grow_((void **)&(arr), &c_, (n), sizeof *(arr)); \
        if (r_ == 0 && c_ > UINT32_MAX - 1)                              \
            r_ = -1;                                                     \
        if (r_ == 0)                                                     \
            (cap32) = (uint32_t)c_;                                      \
        r_;                                                              \
    })

// dup_name — a copy of `name` (NULL stays NULL); sets *failed when out of memory.
static char *dup_name(const char *name, bool *failed)
{
    if (!name)
        return NULL;
    char *d = strdup(name);
    if (!d)
        *failed = true;
    return d;
}

ml_scn_t *ml_scn_new(const char *name)
{
    ml_scn_t *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->name = strdup(name ? name : "scenario");
    if (!s->name || ml_scn_use_stack(s, "main") == ML_SCN_NIL) {
        ml_scn_free(s);
        return NULL;
    }
    return s;
}

uint32_t ml_scn_add_type(ml_scn_t *s, const char *name, uint32_t nwords, uint64_t ptrmask)
{
    bool failed = false;
    if (GROW32(s->types, s->cap_types, s->ntypes))
        return ML_SCN_NIL;
    char *n = dup_name(name, &failed);
    if (failed)
        return ML_SCN_NIL;
    s->types[s->ntypes] = (ml_scn_type_t){ n, nwords, ptrmask, NULL };
    return s->ntypes++;
}

int ml_scn_name_slot(ml_scn_t *s, uint32_t t, uint32_t word, const char *name)
{
    ml_scn_type_t *ty = &s->types[t];
    if (!ty->slot_names && !(ty->slot_names = calloc(ty->nwords, sizeof *ty->slot_names)))
        return -1;
    char *n = strdup(name);
    if (!n)
        return -1;
    free(ty->slot_names[word]);
    ty->slot_names[word] = n;
    return 0;
}

uint32_t ml_scn_add_obj(ml_scn_t *s, uint32_t type, const char *name)
{
    bool failed = false;
    if (s->nobjs >= ML_SCN_NIL - 1 || GROW32(s->objs, s->cap_objs, s->nobjs))
        return ML_SCN_NIL;
    char *n = dup_name(name, &failed);
    if (failed)
        return ML_SCN_NIL;
    s->objs[s->nobjs] = (ml_scn_obj_t){ type, n, false };
    return s->nobjs++;
}

int ml_scn_add_edge(ml_scn_t *s, uint32_t from, uint32_t slot, uint32_t to)
{
    if (ml_scn_grow_((void **)&s->edges, &s->cap_edges, s->nedges, sizeof *s->edges))
        return -1;
    s->edges[s->nedges++] = (ml_scn_edge_t){ from, slot, to };
    return 0;
}

uint32_t ml_scn_add_global(ml_scn_t *s, const char *name, uint32_t target)
{
    bool failed = false;
    if (GROW32(s->globals, s->cap_globals, s->nglobals))
        return ML_SCN_NIL;
    char *n = dup_name(name, &failed);
    if (failed)
        return ML_SCN_NIL;
    s->globals[s->nglobals] = (ml_scn_root_t){ n, target };
    return s->nglobals++;
}

uint32_t ml_scn_use_stack(ml_scn_t *s, const char *name)
{
    for (uint32_t i = 0; i < s->nstacks; i++)
        if (strcmp(s->stacks[i], name) == 0)
            return s->cur_stack = i;
    if (GROW32(s->stacks, s->cap_stacks, s->nstacks))
        return ML_SCN_NIL;
    if (!(s->stacks[s->nstacks] = strdup(name)))
        return ML_SCN_NIL;
    return s->cur_stack = s->nstacks++;
}

uint32_t ml_scn_push_frame(ml_scn_t *s, const char *name)
{
    bool failed = false;
    if (GROW32(s->frames, s->cap_frames, s->nframes))
        return ML_SCN_NIL;
    char *n = dup_name(name, &failed);
    if (failed)
        return ML_SCN_NIL;
    s->frames[s->nframes] = (ml_scn_frame_t){ n, s->cur_stack, s->nlocals, 0 };
    return s->nframes++;
}

uint32_t ml_scn_add_local(ml_scn_t *s, const char *name, uint32_t target)
{
    bool failed = false;
    if (s->nframes == 0 || GROW32(s->locals, s->cap_locals, s->nlocals))
        return ML_SCN_NIL;
    char *n = dup_name(name, &failed);
    if (failed)
        return ML_SCN_NIL;
    s->locals[s->nlocals] = (ml_scn_root_t){ n, target };
    s->frames[s->nframes - 1].nlocals++;
    return s->nlocals++;
}

int ml_scn_add_op(ml_scn_t *s, const ml_scn_op_t *op)
{
    if (ml_scn_grow_((void **)&s->ops, &s->cap_ops, s->nops, sizeof *s->ops))
        return -1;
    s->ops[s->nops++] = *op;
    return 0;
}

void ml_scn_free(ml_scn_t *s)
{
    if (!s)
        return;
    for (uint32_t i = 0; i < s->ntypes; i++) {
        free(s->types[i].name);
        for (uint32_t w = 0; s->types[i].slot_names && w < s->types[i].nwords; w++)
            free(s->types[i].slot_names[w]);
        free(s->types[i].slot_names);
    }
    for (uint32_t i = 0; i < s->nobjs; i++)
        free(s->objs[i].name);
    for (uint32_t i = 0; i < s->nglobals; i++)
        free(s->globals[i].name);
    for (uint32_t i = 0; i < s->nframes; i++)
        free(s->frames[i].name);
    for (uint32_t i = 0; i < s->nlocals; i++)
        free(s->locals[i].name);
    for (uint32_t i = 0; i < s->nstacks; i++)
        free(s->stacks[i]);
    free(s->stacks);
    free(s->types);
    free(s->objs);
    free(s->edges);
    free(s->globals);
    free(s->frames);
    free(s->locals);
    free(s->ops);
    free(s->name);
    free(s->about);
    free(s);
}

// ---- names ------------------------------------------------------------------------

// named — `name` if set, else "<prefix><i>" written into buf.
static const char *named(const char *name, char prefix, uint32_t i, char *buf, size_t len)
{
    if (name)
        return name;
    snprintf(buf, len, "%c%u", prefix, i);
    return buf;
}

const char *ml_scn_obj_name(const ml_scn_t *s, uint32_t i, char *buf, size_t len)
{
    return named(i < s->nobjs ? s->objs[i].name : NULL, 'o', i, buf, len);
}

const char *ml_scn_global_name(const ml_scn_t *s, uint32_t g, char *buf, size_t len)
{
    return named(g < s->nglobals ? s->globals[g].name : NULL, 'g', g, buf, len);
}

const char *ml_scn_local_name(const ml_scn_t *s, uint32_t l, char *buf, size_t len)
{
    return named(l < s->nlocals ? s->locals[l].name : NULL, 'l', l, buf, len);
}

const char *ml_scn_frame_name(const ml_scn_t *s, uint32_t f, char *buf, size_t len)
{
    return named(f < s->nframes ? s->frames[f].name : NULL, 'f', f, buf, len);
}

const char *ml_scn_slot_name(const ml_scn_t *s, uint32_t t, uint32_t word, char *buf, size_t len)
{
    const ml_scn_type_t *ty = &s->types[t];
    if (ty->slot_names && word < ty->nwords && ty->slot_names[word])
        return ty->slot_names[word];
    snprintf(buf, len, "%u", word);
    return buf;
}

uint32_t ml_scn_frame_of_local(const ml_scn_t *s, uint32_t l)
{
    uint32_t f = 0;
    while (f + 1 < s->nframes && s->frames[f + 1].first_local <= l)
        f++;
    return f;
}

uint32_t ml_scn_slot_word(const ml_scn_t *s, uint32_t t, uint32_t slot)
{
    uint64_t m = s->types[t].ptrmask;
    for (uint32_t w = 0; w < ML_SCN_MAX_WORDS; w++)
        if (m & ((uint64_t)1 << w) && slot-- == 0)
            return w;
    return ML_SCN_NIL;
}

// ---- the writer ------------------------------------------------------------------

// target_text — an object's name, or "nil".
static const char *target_text(const ml_scn_t *s, uint32_t t, char *buf, size_t len)
{
    return t == ML_SCN_NIL ? "nil" : ml_scn_obj_name(s, t, buf, len);
}

int ml_scn_write(const ml_scn_t *s, FILE *out)
{
    char a[32], b[32];
    fprintf(out, "# scenario %s: %u objects, %zu edges\n", s->name, s->nobjs, s->nedges);
    if (s->about)
        fprintf(out, "about %s\n", s->about);
    for (uint32_t t = 0; t < s->ntypes; t++) {
        const ml_scn_type_t *ty = &s->types[t];
        fprintf(out, "type %s %u", ty->name, ty->nwords);
        for (uint32_t k = 0; k < ty->nwords; k++)
            if (ty->ptrmask & ((uint64_t)1 << k)) {
                fprintf(out, " %u", k);
                if (ty->slot_names && ty->slot_names[k])
                    fprintf(out, ":%s", ty->slot_names[k]);
            }
        fputc('\n', out);
    }
    for (uint32_t o = 0; o < s->nobjs; o++)
        if (!s->objs[o].born)
            fprintf(out, "obj %s %s\n", ml_scn_obj_name(s, o, a, sizeof a),
                    s->types[s->objs[o].type].name);
    for (size_t e = 0; e < s->nedges; e++) {
        const ml_scn_edge_t *ed = &s->edges[e];
        fprintf(out, "ptr %s.%u %s\n", ml_scn_obj_name(s, ed->from, a, sizeof a), ed->slot,
                target_text(s, ed->to, b, sizeof b));
    }
    for (uint32_t g = 0; g < s->nglobals; g++)
        fprintf(out, "global %s %s\n", ml_scn_global_name(s, g, a, sizeof a),
                target_text(s, s->globals[g].target, b, sizeof b));
    // Stacks are declared in index order first (so a stack with no frame,
    // which a script may name, keeps its index), then frames say where they go.
    uint32_t cur = 0;
    for (uint32_t k = 1; k < s->nstacks; k++)
        fprintf(out, "stack %s\n", s->stacks[cur = k]);
    for (uint32_t f = 0; f < s->nframes; f++) {
        const ml_scn_frame_t *fr = &s->frames[f];
        if (fr->stack != cur)
            fprintf(out, "stack %s\n", s->stacks[cur = fr->stack]);
        fprintf(out, "frame %s\n", ml_scn_frame_name(s, f, a, sizeof a));
        for (uint32_t i = fr->first_local; i < fr->first_local + fr->nlocals; i++)
            fprintf(out, "local %s %s\n", ml_scn_local_name(s, i, a, sizeof a),
                    target_text(s, s->locals[i].target, b, sizeof b));
    }
    if (s->has_script) {
        char line[512];
        fputs("---\n", out);
        for (size_t i = 0; i < s->nops; i++)
            fprintf(out, "%s\n", ml_scn_op_text(s, &s->ops[i], line, sizeof line));
    }
    return ferror(out) ? -1 : 0;
}

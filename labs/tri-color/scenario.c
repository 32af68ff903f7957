// scenario.c — building and writing scenarios (scenario.h), and the
// description-level reachability oracle. The parser is scenario_parse.c.
#include "scenario.h"

#include <stdlib.h>
#include <string.h>

// ---- growable arrays ---------------------------------------------------------

// grow — make room for one more element in *arr (capacity *cap, element
// size `size`). Returns 0, or -1 when memory runs out (the array is kept).
static int grow(void **arr, size_t *cap, size_t n, size_t size)
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

#define GROW32(arr, cap32, n)                                                  \
    ({                                                                         \
        size_t c_ = (cap32);                                                   \
        int r_ = grow((void **)&(arr), &c_, (n), sizeof *(arr));               \
        if (r_ == 0 && c_ > UINT32_MAX - 1) r_ = -1;                           \
        if (r_ == 0) (cap32) = (uint32_t)c_;                                   \
        r_;                                                                    \
    })

static char *dup_name(const char *name, bool *failed)
{
    if (!name)
        return NULL;
    char *d = strdup(name);
    if (!d)
        *failed = true;
    return d;
}

tc_scenario_t *tc_scenario_new(const char *name)
{
    tc_scenario_t *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->name = strdup(name ? name : "scenario");
    if (!s->name || tc_scenario_use_stack(s, "main") == TC_NIL) {
        tc_scenario_free(s);
        return NULL;
    }
    return s;
}

uint32_t tc_scenario_add_type(tc_scenario_t *s, const char *name, uint32_t nwords, uint64_t ptrmask)
{
    bool failed = false;
    if (GROW32(s->types, s->cap_types, s->ntypes))
        return TC_NIL;
    char *n = dup_name(name, &failed);
    if (failed)
        return TC_NIL;
    s->types[s->ntypes] = (tc_type_decl_t){n, nwords, ptrmask};
    return s->ntypes++;
}

uint32_t tc_scenario_add_obj(tc_scenario_t *s, uint32_t type, const char *name)
{
    bool failed = false;
    if (s->nobjs >= TC_NIL - 1 || GROW32(s->objs, s->cap_objs, s->nobjs))
        return TC_NIL;
    char *n = dup_name(name, &failed);
    if (failed)
        return TC_NIL;
    s->objs[s->nobjs] = (tc_obj_decl_t){type, n};
    return s->nobjs++;
}

int tc_scenario_add_edge(tc_scenario_t *s, uint32_t from, uint32_t slot, uint32_t to)
{
    if (grow((void **)&s->edges, &s->cap_edges, s->nedges, sizeof *s->edges))
        return -1;
    s->edges[s->nedges++] = (tc_edge_t){from, slot, to};
    return 0;
}

uint32_t tc_scenario_add_global(tc_scenario_t *s, const char *name, uint32_t target)
{
    bool failed = false;
    if (GROW32(s->globals, s->cap_globals, s->nglobals))
        return TC_NIL;
    char *n = dup_name(name, &failed);
    if (failed)
        return TC_NIL;
    s->globals[s->nglobals] = (tc_root_t){n, target};
    return s->nglobals++;
}

uint32_t tc_scenario_use_stack(tc_scenario_t *s, const char *name)
{
    for (uint32_t i = 0; i < s->nstacks; i++)
        if (strcmp(s->stacks[i], name) == 0)
            return s->cur_stack = i;
    if (GROW32(s->stacks, s->cap_stacks, s->nstacks))
        return TC_NIL;
    if (!(s->stacks[s->nstacks] = strdup(name)))
        return TC_NIL;
    return s->cur_stack = s->nstacks++;
}

uint32_t tc_scenario_push_frame(tc_scenario_t *s, const char *name)
{
    bool failed = false;
    if (GROW32(s->frames, s->cap_frames, s->nframes))
        return TC_NIL;
    char *n = dup_name(name, &failed);
    if (failed)
        return TC_NIL;
    s->frames[s->nframes] = (tc_frame_decl_t){n, s->cur_stack, s->nlocals, 0};
    return s->nframes++;
}

uint32_t tc_scenario_add_local(tc_scenario_t *s, const char *name, uint32_t target)
{
    bool failed = false;
    if (s->nframes == 0 || GROW32(s->locals, s->cap_locals, s->nlocals))
        return TC_NIL;
    char *n = dup_name(name, &failed);
    if (failed)
        return TC_NIL;
    s->locals[s->nlocals] = (tc_root_t){n, target};
    s->frames[s->nframes - 1].nlocals++;
    return s->nlocals++;
}

void tc_scenario_free(tc_scenario_t *s)
{
    if (!s)
        return;
    for (uint32_t i = 0; i < s->ntypes; i++)
        free(s->types[i].name);
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
    free(s->name);
    free(s);
}

const char *tc_scenario_obj_name(const tc_scenario_t *s, uint32_t i, char *buf, size_t len)
{
    if (i < s->nobjs && s->objs[i].name)
        return s->objs[i].name;
    snprintf(buf, len, "o%u", i);
    return buf;
}

// ---- the oracle ---------------------------------------------------------------

bool *tc_scenario_reachable(const tc_scenario_t *s, size_t *count)
{
    // Adjacency in CSR form, then an explicit-stack depth-first search.
    size_t n = s->nobjs, found = 0;
    bool *seen = calloc(n ? n : 1, sizeof *seen);
    size_t *start = calloc(n + 1, sizeof *start);
    uint32_t *adj = malloc((s->nedges ? s->nedges : 1) * sizeof *adj);
    uint32_t *stack = malloc((n ? n : 1) * sizeof *stack);
    if (!seen || !start || !adj || !stack) {
        free(seen), free(start), free(adj), free(stack);
        return NULL;
    }
    for (size_t e = 0; e < s->nedges; e++)
        if (s->edges[e].to != TC_NIL)
            start[s->edges[e].from + 1]++;
    for (size_t i = 0; i < n; i++)
        start[i + 1] += start[i];
    size_t *fill = calloc(n ? n : 1, sizeof *fill);
    if (!fill) {
        free(seen), free(start), free(adj), free(stack);
        return NULL;
    }
    for (size_t e = 0; e < s->nedges; e++) {
        const tc_edge_t *ed = &s->edges[e];
        if (ed->to != TC_NIL)
            adj[start[ed->from] + fill[ed->from]++] = ed->to;
    }
    free(fill);
    size_t sp = 0;
    for (uint32_t r = 0; r < s->nglobals + s->nlocals; r++) {
        uint32_t t = r < s->nglobals ? s->globals[r].target : s->locals[r - s->nglobals].target;
        if (t != TC_NIL && !seen[t]) {
            seen[t] = true, found++;
            stack[sp++] = t;
        }
    }
    while (sp > 0) {
        uint32_t o = stack[--sp];
        for (size_t k = start[o]; k < start[o + 1]; k++)
            if (!seen[adj[k]]) {
                seen[adj[k]] = true, found++;
                stack[sp++] = adj[k];
            }
    }
    free(start), free(adj), free(stack);
    if (count)
        *count = found;
    return seen;
}

// ---- the writer ---------------------------------------------------------------

static const char *root_name(const tc_root_t *r, char prefix, uint32_t i, char *buf, size_t len)
{
    if (r->name)
        return r->name;
    snprintf(buf, len, "%c%u", prefix, i);
    return buf;
}

int tc_scenario_write(const tc_scenario_t *s, FILE *out)
{
    char a[32], b[32];
    fprintf(out, "# scenario %s: %u objects, %zu edges\n", s->name, s->nobjs, s->nedges);
    for (uint32_t t = 0; t < s->ntypes; t++) {
        fprintf(out, "type %s %u", s->types[t].name, s->types[t].nwords);
        for (uint32_t k = 0; k < s->types[t].nwords; k++)
            if (s->types[t].ptrmask & ((uint64_t)1 << k))
                fprintf(out, " %u", k);
        fputc('\n', out);
    }
    for (uint32_t o = 0; o < s->nobjs; o++)
        fprintf(out, "obj %s %s\n", tc_scenario_obj_name(s, o, a, sizeof a), s->types[s->objs[o].type].name);
    for (size_t e = 0; e < s->nedges; e++) {
        const tc_edge_t *ed = &s->edges[e];
        fprintf(out, "ptr %s.%u %s\n", tc_scenario_obj_name(s, ed->from, a, sizeof a), ed->slot,
                ed->to == TC_NIL ? "nil" : tc_scenario_obj_name(s, ed->to, b, sizeof b));
    }
    for (uint32_t g = 0; g < s->nglobals; g++)
        fprintf(out, "global %s %s\n", root_name(&s->globals[g], 'g', g, a, sizeof a),
                s->globals[g].target == TC_NIL ? "nil" : tc_scenario_obj_name(s, s->globals[g].target, b, sizeof b));
    for (uint32_t f = 0; f < s->nframes; f++) {
        const tc_frame_decl_t *fr = &s->frames[f];
        if (f == 0 ? fr->stack != 0 : fr->stack != s->frames[f - 1].stack)
            fprintf(out, "stack %s\n", s->stacks[fr->stack]);
        if (fr->name)
            fprintf(out, "frame %s\n", fr->name);
        else
            fprintf(out, "frame f%u\n", f);
        for (uint32_t i = fr->first_local; i < fr->first_local + fr->nlocals; i++)
            fprintf(out, "local %s %s\n", root_name(&s->locals[i], 'l', i, a, sizeof a),
                    s->locals[i].target == TC_NIL ? "nil" : tc_scenario_obj_name(s, s->locals[i].target, b, sizeof b));
    }
    return ferror(out) ? -1 : 0;
}

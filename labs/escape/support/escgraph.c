// escgraph.c — the escape lab's provided graph plumbing: locations and
// edges in memory, the batch driver, fmt's parameter tags, and the record of
// why a location escaped (for --explain). The analysis itself — what flows
// where, the walk, the verdicts — is the student's (escape.c).
#include <stdlib.h>
#include <string.h>
#include "escape.h"

esc_loc_t *esc_new_loc(esc_batch_t *b, const go_expr_t *n, go_var_t *v, bool transient)
{
    esc_loc_t *l = calloc(1, sizeof *l);
    if (!l)
        abort();
    l->n = n;
    l->var = v;
    l->curfn = b->curfn;
    l->loop_depth = b->loop_depth;
    l->transient = transient;
    l->leak_heap = l->leak_result = -1;
    l->id = b->nall;
    if (b->nall == b->capall) {
        b->capall = b->capall ? 2 * b->capall : 64;
        b->all = realloc(b->all, (size_t)b->capall * sizeof *b->all);
        if (!b->all)
            abort();
    }
    b->all[b->nall++] = l;
    if (v)
        v->opt = l;
    return l;
}

esc_loc_t *esc_var_loc(const go_var_t *v)
{
    if (!v || v->cls == GV_GLOBAL)
        return NULL;
    return v->opt;
}

void esc_add_edge(esc_loc_t *dst, esc_loc_t *src, int derefs, go_pos_t pos, const char *why)
{
    if (dst->nedges == dst->capedges) {
        dst->capedges = dst->capedges ? 2 * dst->capedges : 4;
        dst->edges = realloc(dst->edges, (size_t)dst->capedges * sizeof *dst->edges);
        if (!dst->edges)
            abort();
    }
    dst->edges[dst->nedges++] = (esc_edge_t){ src, derefs, pos, why };
}

void esc_record_escape(esc_batch_t *b, esc_loc_t *l)
{
    (void)b;
    if (l->nwhy)
        return;
    int n = 0; // (nwhy -1: esc_record_direct recorded it)
    for (esc_loc_t *x = l; x && n < 1000; x = x->dst)
        n++;
    l->why_locs = calloc((size_t)n + 1, sizeof *l->why_locs);
    l->why_edges = calloc((size_t)n + 1, sizeof *l->why_edges);
    if (!l->why_locs || !l->why_edges)
        abort();
    int i = 0;
    for (esc_loc_t *x = l; x && i < n; x = x->dst) {
        l->why_locs[i] = x;
        l->why_edges[i] = x->dst ? x->dst_edge : -1;
        i++;
    }
    l->nwhy = i;
}

void esc_record_direct(esc_batch_t *b, esc_loc_t *src, esc_loc_t *dst, int derefs, go_pos_t pos,
                       const char *why)
{
    (void)b;
    if (src->nwhy)
        return;
    src->why_direct = (esc_edge_t){ dst, derefs, pos, why };
    src->nwhy = -1;
}

void esc_fmt_leaks(const char *fname, int i, int *heap, int *result)
{
    // Println(a ...any); Printf(format string, a ...any); Sprintf(format
    // string, a ...any) string: the arguments' contents leak (the boxes the
    // slice holds), the slice and the format do not.
    bool format = !strcmp(fname, "Printf") || !strcmp(fname, "Sprintf");
    *result = -1;
    *heap = (format && i == 0) ? -1 : 1;
}

typedef struct drive {
    go_diags_t *d;
    go_program_t *p;
    esc_batch_t **keep;
    int n, cap;
    bool keeping;
} drive_t;

static void run_one(go_func_t **fns, int n, bool recursive, void *arg)
{
    drive_t *dr = arg;
    esc_batch_t *b = calloc(1, sizeof *b);
    if (!b)
        abort();
    b->prog = dr->p;
    b->diags = dr->d;
    b->fns = malloc((size_t)n * sizeof *fns);
    if (!b->fns)
        abort();
    memcpy(b->fns, fns, (size_t)n * sizeof *fns);
    b->nfns = n;
    b->recursive = recursive;
    b->heap.escapes = true;
    b->heap.leak_heap = b->heap.leak_result = -1;
    b->heap.id = -1;
    b->blank.id = -2;
    b->blank.leak_heap = b->blank.leak_result = -1;
    esc_run_batch(b);
    for (int i = 0; i < n; i++)
        fns[i]->esc_state = 2;
    if (dr->keeping) {
        if (dr->n == dr->cap) {
            dr->cap = dr->cap ? 2 * dr->cap : 16;
            dr->keep = realloc(dr->keep, (size_t)dr->cap * sizeof *dr->keep);
            if (!dr->keep)
                abort();
        }
        dr->keep[dr->n++] = b;
    } else {
        esc_batches_free(&b, 1);
    }
}

int esc_analyze(go_program_t *p, go_diags_t *d, esc_batch_t ***keep)
{
    drive_t dr = { .d = d, .p = p, .keeping = keep != NULL };
    go_batches(p, run_one, &dr);
    if (keep)
        *keep = dr.keep;
    return dr.n;
}

static void free_loc(esc_loc_t *l)
{
    free(l->edges);
    free(l->why_locs);
    free(l->why_edges);
}

void esc_batches_free(esc_batch_t **bs, int n)
{
    for (int i = 0; i < n; i++) {
        esc_batch_t *b = bs[i];
        for (int j = 0; j < b->nall; j++) {
            free_loc(b->all[j]);
            free(b->all[j]);
        }
        free_loc(&b->heap);
        free_loc(&b->blank);
        free(b->all);
        free(b->fns);
        free(b->closures);
        free(b->todo);
        free(b);
    }
}

char *esc_loc_name(const esc_loc_t *l, char *buf, size_t len)
{
    if (l->id == -1)
        snprintf(buf, len, "heap");
    else if (l->id == -2)
        snprintf(buf, len, "_");
    else if (l->var)
        snprintf(buf, len, "%s", l->var->name);
    else if (l->n)
        go_expr_string(l->n, buf, len);
    else
        snprintf(buf, len, "tmp#%d", l->id);
    return buf;
}

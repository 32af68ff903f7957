// gowalk.c — the order in which the escape analysis sees a program.
//
// Batches (Go's ir.VisitFuncsBottomUp, cmd/compile/internal/ir/scc.go):
// Tarjan's strongly-connected-components algorithm over the call graph,
// started from each declared function in source order. A function's edges
// are the functions its body names (called or used as values), the methods
// it calls and the closures it contains, in the order of a pre-order walk
// of the body. A component is analysed as soon as it is complete, so every
// callee outside it has been analysed — and tagged — before its callers. A
// closure never roots a component: it is analysed with the function that
// contains it.
//
// The statement walk (Go's escape.stmt for the statements of the subset):
// statements in order, the condition of an `if` before its branches, and
// for a `for` loop the init statement outside the loop, then — one loop
// level deeper — the condition, the post statement and the body, in that
// order.
#include <stdlib.h>
#include <string.h>
#include "gosrc.h"

typedef struct scc {
    go_program_t *p;
    unsigned *id; // per function index: 0 unvisited, ~0 done
    unsigned gen;
    go_func_t **stack;
    int nstack;
    go_batch_fn fn;
    void *arg;
} scc_t;

static unsigned visit(scc_t *s, go_func_t *f);

static void do_fn(scc_t *s, go_func_t *f, unsigned *min)
{
    unsigned m = visit(s, f);
    if (m < *min)
        *min = m;
}

static void visit_expr(scc_t *s, const go_expr_t *e, unsigned *min);

static void visit_list(scc_t *s, go_expr_t *const *v, int n, unsigned *min)
{
    for (int i = 0; i < n; i++)
        if (v[i])
            visit_expr(s, v[i], min);
}

static void visit_expr(scc_t *s, const go_expr_t *e, unsigned *min)
{
    if (!e)
        return;
    switch (e->op) {
    case GE_NAME:
        if (e->fn)
            do_fn(s, e->fn, min);
        break;
    case GE_FUNCLIT: do_fn(s, e->fn, min); break;
    case GE_CALL:
        if (e->call == GC_METHOD)
            do_fn(s, e->fn, min);
        if (e->call == GC_METHOD || e->call == GC_IFACE)
            visit_expr(s, e->recv, min);
        else if (e->call != GC_FMT)
            visit_expr(s, e->fun, min);
        visit_list(s, e->args, e->nargs, min);
        break;
    case GE_STRUCTLIT:
    case GE_ARRAYLIT:
    case GE_SLICELIT:
    case GE_APPEND: visit_list(s, e->args, e->nargs, min); break;
    default:
        visit_expr(s, e->x, min);
        visit_expr(s, e->y, min);
        break;
    }
}

static void visit_block(scc_t *s, const go_block_t *b, unsigned *min);

static void visit_stmt(scc_t *s, const go_stmt_t *st, unsigned *min)
{
    if (!st)
        return;
    switch (st->op) {
    case GS_IF:
        visit_expr(s, st->cond, min);
        visit_block(s, &st->body, min);
        visit_block(s, &st->els, min);
        break;
    case GS_FOR:
        visit_stmt(s, st->init, min);
        visit_expr(s, st->cond, min);
        visit_stmt(s, st->post, min);
        visit_block(s, &st->body, min);
        break;
    case GS_BLOCK: visit_block(s, &st->body, min); break;
    default:
        visit_expr(s, st->lhs, min);
        visit_expr(s, st->rhs, min);
        break;
    }
}

static void visit_block(scc_t *s, const go_block_t *b, unsigned *min)
{
    for (int i = 0; i < b->n; i++)
        visit_stmt(s, b->stmts[i], min);
}

static unsigned visit(scc_t *s, go_func_t *f)
{
    if (s->id[f->index])
        return s->id[f->index];
    unsigned id = ++s->gen;
    s->id[f->index] = id;
    unsigned min = ++s->gen;
    s->stack[s->nstack++] = f;
    visit_block(s, &f->body, &min);
    if ((min == id || min == id + 1) && !f->outer) {
        bool recursive = min == id;
        int i;
        for (i = s->nstack - 1; i >= 0; i--) {
            s->id[s->stack[i]->index] = ~0u;
            if (s->stack[i] == f)
                break;
        }
        int n = s->nstack - i;
        s->nstack = i;
        s->fn(s->stack + i, n, recursive, s->arg);
    }
    return min;
}

void go_batches(go_program_t *p, go_batch_fn fn, void *arg)
{
    scc_t s = { .p = p, .fn = fn, .arg = arg };
    s.id = calloc((size_t)p->nfuncs + 1, sizeof *s.id);
    s.stack = calloc((size_t)p->nfuncs + 1, sizeof *s.stack);
    if (!s.id || !s.stack)
        abort();
    for (int i = 0; i < p->ndecls; i++)
        visit(&s, p->funcs[i]);
    free(s.id);
    free(s.stack);
}

// ---- the statement walk ----------------------------------------------------

static void walk_block(const go_block_t *b, int depth, go_walk_fn v, void *ctx);

static void walk_stmt(go_stmt_t *s, int depth, go_walk_fn v, void *ctx)
{
    switch (s->op) {
    case GS_BLOCK: walk_block(&s->body, depth, v, ctx); break;
    case GS_IF:
        v(ctx, GW_COND, s, depth, false);
        walk_block(&s->body, depth, v, ctx);
        walk_block(&s->els, depth, v, ctx);
        break;
    case GS_FOR:
        if (s->init)
            walk_stmt(s->init, depth, v, ctx);
        v(ctx, GW_LOOP, s, depth + 1, true);
        if (s->cond)
            v(ctx, GW_COND, s, depth + 1, false);
        if (s->post)
            walk_stmt(s->post, depth + 1, v, ctx);
        walk_block(&s->body, depth + 1, v, ctx);
        v(ctx, GW_LOOP, s, depth, false);
        break;
    default: v(ctx, GW_STMT, s, depth, false); break;
    }
}

static void walk_block(const go_block_t *b, int depth, go_walk_fn v, void *ctx)
{
    for (int i = 0; i < b->n; i++)
        walk_stmt(b->stmts[i], depth, v, ctx);
}

void go_walk_body(go_func_t *fn, go_walk_fn visit, void *ctx)
{
    walk_block(&fn->body, 1, visit, ctx);
}

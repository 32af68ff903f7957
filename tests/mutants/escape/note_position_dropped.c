// MUTANT note_position_dropped — esc_note records the reason of a flow but
// not its position, so every edge keeps the position of whatever hole it
// was made from. Every diagnostic is right; `--explain` prints each step
// of a path at the wrong place in the source.
// Caught by: graph/flow_weights.
//
// The rest is the reference solution (solutions/escape/escape.c).
// Killed by: graph/flow_weights
// escape.c — Go's escape analysis over the lab's Go subset (reference).
//
// Mirrors cmd/compile/internal/escape of Go 1.19: graph.go (holes, flows),
// expr.go / assign.go / call.go / stmt.go (building the graph from the
// tree), solve.go (the walk), leaks.go and escape.go (tags and verdicts).
//
// The data structures (escape.h): a location per variable and allocation
// site; edges dst <- src weighted by dereferences (&x: -1, x: 0, *x: 1);
// holes, "where a value goes", through which every expression is evaluated.
//
// The steps of one batch (esc_run_batch, Go's Batch):
//   1. a location for every variable of every function in the batch;
//   2. walk each body (closures where they appear), evaluating every
//      expression into the hole its context gives it: this adds the edges;
//   3. decide how each func literal captures its variables (by value when
//      small, never reassigned and never address-taken; else by reference)
//      and add those flows;
//   4. allocations that must be on the heap whatever flows (too large, or
//      make with a non-constant size) get their address flowed to the heap;
//   5. walk_all: from every location, find by Bellman-Ford the fewest
//      dereferences with which each other location's value reaches it; if a
//      location's *address* reaches a root that outlives it, it escapes, and
//      since that changes what outlives what, it is walked again as a root;
//      a parameter reaching the heap or the result "leaks" there;
//   6. the verdicts: parameter tags (used at call sites analysed later) and
//      one diagnostic per location, in the order the locations were made.
//
// The invariant of the walk: a location escapes exactly when there is a
// path from it to a location that outlives it along which the dereference
// count, bounded below by 0 at every step except the first, ends below 0.
#include <stdlib.h>
#include <string.h>
#include "escape.h"

static const go_pos_t nopos = { 0, 0 };

// ---- holes and flows (graph.go) --------------------------------------------

// esc_hole — a hole that stores into l exactly (no dereference).
esc_hole_t esc_hole(esc_loc_t *l)
{
    return (esc_hole_t){ .dst = l };
}

// esc_shift — k with delta more dereferences; a negative delta takes the
// address of the value, which marks it address-taken.
esc_hole_t esc_shift(esc_hole_t k, int delta)
{
    k.derefs += delta;
    k.addrtaken = delta < 0;
    return k;
}

esc_hole_t esc_deref(esc_hole_t k)
{
    return esc_shift(k, 1);
}

esc_hole_t esc_addr_of(esc_hole_t k)
{
    return esc_shift(k, -1);
}

esc_hole_t esc_note(esc_hole_t k, go_pos_t pos, const char *why)
{
    ;
    k.why = why;
    return k;
}

// esc_flow — record that src's value flows into hole k. A flow into the
// blank location is dropped; `x = x` and `x = *x` change nothing; the
// address of src flowing into a location that already escapes makes src
// escape at once.
void esc_flow(esc_batch_t *b, esc_hole_t k, esc_loc_t *src)
{
    if (k.addrtaken)
        src->addrtaken = true;
    esc_loc_t *dst = k.dst;
    if (dst == &b->blank)
        return;
    if (dst == src && k.derefs >= 0)
        return;
    if (dst->escapes && k.derefs < 0) {
        src->escapes = true;
        esc_record_direct(b, src, dst, k.derefs, k.pos, k.why);
        return;
    }
    esc_add_edge(dst, src, k.derefs, k.pos, k.why);
}

// esc_spill — a new allocation location for n whose address flows into k;
// returns the hole that stores into the allocation.
esc_hole_t esc_spill(esc_batch_t *b, esc_hole_t k, const go_expr_t *n)
{
    esc_loc_t *l = esc_new_loc(b, n, NULL, true);
    esc_flow(b, esc_note(esc_addr_of(k), n->pos, "spill"), l);
    return esc_hole(l);
}

// esc_tee — one hole that feeds all of ks (none: the blank location; one:
// itself; more: a temporary location that flows into each).
esc_hole_t esc_tee(esc_batch_t *b, const esc_hole_t *ks, int n)
{
    if (n == 0)
        return esc_hole(&b->blank);
    if (n == 1)
        return ks[0];
    esc_loc_t *tmp = esc_new_loc(b, NULL, NULL, true);
    for (int i = 0; i < n; i++)
        esc_flow(b, ks[i], tmp);
    return esc_hole(tmp);
}

static esc_hole_t discard_hole(esc_batch_t *b)
{
    return esc_hole(&b->blank);
}

static esc_hole_t heap_hole(esc_batch_t *b)
{
    return esc_hole(&b->heap);
}

static void discard(esc_batch_t *b, go_expr_t *e)
{
    esc_expr(b, discard_hole(b), e);
}

static bool is_untyped(const go_type_t *t)
{
    return t->kind == GT_UNTYPED_INT || t->kind == GT_UNTYPED_STRING || t->kind == GT_UNTYPED_BOOL;
}

// flow_var — the value of variable v into k (a use of v as an expression).
static void flow_var(esc_batch_t *b, esc_hole_t k, go_var_t *v)
{
    if (k.derefs >= 0 && !go_type_has_pointers(v->type))
        return;
    esc_loc_t *l = esc_var_loc(v);
    if (l)
        esc_flow(b, k, l);
}

// ---- expressions (expr.go) -------------------------------------------------

static void walk_closure(esc_batch_t *b, go_func_t *fn);

// esc_expr — evaluate e into hole k: add the edges that say where the
// locations e reads flow. Values without pointers flow nowhere.
void esc_expr(esc_batch_t *b, esc_hole_t k, go_expr_t *e)
{
    if (!e)
        return;
    if (k.derefs >= 0 && !is_untyped(e->type) && !go_type_has_pointers(e->type))
        k.dst = &b->blank;
    switch (e->op) {
    case GE_INT:
    case GE_STRING:
    case GE_BOOL:
    case GE_NIL: break;
    case GE_NAME:
        if (!e->var || e->var->cls == GV_GLOBAL)
            break;
        esc_flow(b, k, esc_var_loc(e->var));
        break;
    case GE_BINARY:
        discard(b, e->x);
        discard(b, e->y);
        break;
    case GE_UNARY: discard(b, e->x); break;
    case GE_ADDR: esc_expr(b, esc_note(esc_addr_of(k), e->pos, "address-of"), e->x); break;
    case GE_DEREF: esc_expr(b, esc_note(esc_deref(k), e->pos, "indirection"), e->x); break;
    case GE_DOT: esc_expr(b, esc_note(k, e->pos, "dot"), e->x); break;
    case GE_DOTPTR: esc_expr(b, esc_note(esc_deref(k), e->pos, "dot of pointer"), e->x); break;
    case GE_INDEX:
        if (e->x->type->kind == GT_ARRAY)
            esc_expr(b, esc_note(k, e->pos, "fixed-array-index-of"), e->x);
        else
            esc_expr(b, esc_note(esc_deref(k), e->pos, "dot of pointer"), e->x);
        discard(b, e->y);
        break;
    case GE_CONVNOP: esc_expr(b, k, e->x); break;
    case GE_CONVIFACE:
        if (e->x->type->kind != GT_IFACE && !go_type_is_direct_iface(e->x->type))
            k = esc_spill(b, k, e);
        esc_expr(b, esc_note(k, e->pos, "interface-converted"), e->x);
        break;
    case GE_CALL:
    case GE_LEN:
    case GE_APPEND: esc_call(b, &k, e); break;
    case GE_NEW: esc_spill(b, k, e); break;
    case GE_MAKE:
        esc_spill(b, k, e);
        discard(b, e->x);
        discard(b, e->y);
        break;
    case GE_PTRLIT: esc_expr(b, esc_spill(b, k, e), e->x); break;
    case GE_STRUCTLIT:
    case GE_ARRAYLIT:
        for (int i = 0; i < e->nargs; i++)
            esc_expr(b, esc_note(k, e->pos, "literal element"), e->args[i]);
        break;
    case GE_SLICELIT:
        k = esc_spill(b, k, e);
        for (int i = 0; i < e->nargs; i++)
            esc_expr(b, esc_note(k, e->pos, "slice-literal-element"), e->args[i]);
        break;
    case GE_FUNCLIT: {
        k = esc_spill(b, k, e);
        if (b->nclosures == b->capclosures) {
            b->capclosures = b->capclosures ? 2 * b->capclosures : 8;
            b->closures = realloc(b->closures, (size_t)b->capclosures * sizeof *b->closures);
            if (!b->closures)
                abort();
        }
        b->closures[b->nclosures++] = (esc_closure_t){ k, e };
        go_func_t *fn = e->fn;
        for (int i = 0; i < fn->ncaptured; i++) {
            esc_loc_t *l = esc_var_loc(fn->captured[i]);
            if (!l->captured) {
                l->captured = true;
                // reassignments before the first capture, in straight-line
                // code, do not count
                if (l->loop_depth == b->loop_depth)
                    l->reassigned = false;
            }
        }
        walk_closure(b, fn);
        break;
    }
    default: break;
    }
}

// ---- assignments (assign.go) -----------------------------------------------

// esc_addr — the hole for storing into dst: a local variable's location, the
// heap for a global or a store through a pointer, the blank location for `_`.
esc_hole_t esc_addr(esc_batch_t *b, go_expr_t *dst)
{
    if (!dst)
        return discard_hole(b);
    switch (dst->op) {
    case GE_NAME:
        if (dst->var->cls == GV_GLOBAL)
            return heap_hole(b);
        return esc_hole(esc_var_loc(dst->var));
    case GE_DOT: return esc_addr(b, dst->x);
    case GE_INDEX:
        discard(b, dst->y);
        if (dst->x->type->kind == GT_ARRAY)
            return esc_addr(b, dst->x);
        discard(b, dst->x);
        return heap_hole(b);
    case GE_DEREF:
    case GE_DOTPTR: discard(b, dst); return heap_hole(b);
    default: return heap_hole(b);
    }
}

// same_safe — a and b are the same side-effect-free expression (Go's
// ir.SameSafeExpr, for the subset).
static bool same_safe(const go_expr_t *a, const go_expr_t *b)
{
    while (a->op == GE_CONVNOP)
        a = a->x;
    while (b->op == GE_CONVNOP)
        b = b->x;
    if (a->op != b->op)
        return false;
    switch (a->op) {
    case GE_NAME: return a->var == b->var && a->fn == b->fn;
    case GE_DOT:
    case GE_DOTPTR: return !strcmp(a->sel, b->sel) && same_safe(a->x, b->x);
    case GE_DEREF: return same_safe(a->x, b->x);
    case GE_INDEX: return same_safe(a->x, b->x) && same_safe(a->y, b->y);
    case GE_INT:
    case GE_STRING:
    case GE_BOOL: return !strcmp(a->lit, b->lit);
    default: return false;
    }
}

// may_affect_memory — whether evaluating e could change memory (a call).
static bool may_affect_memory(const go_expr_t *e)
{
    switch (e->op) {
    case GE_NAME:
    case GE_INT:
    case GE_STRING:
    case GE_BOOL:
    case GE_NIL: return false;
    case GE_BINARY: return may_affect_memory(e->x) || may_affect_memory(e->y);
    case GE_UNARY:
    case GE_LEN:
    case GE_DOT:
    case GE_DOTPTR:
    case GE_DEREF:
    case GE_CONVNOP: return may_affect_memory(e->x);
    case GE_INDEX: return may_affect_memory(e->x) || may_affect_memory(e->y);
    default: return true;
    }
}

// is_self_assign — `x.f = x.g`, `p.f = p.g`, `s[i] = s[j]`: the store puts
// nothing into x that was not already reachable from it (Go's
// isSelfAssign), so it is no flow at all.
static bool is_self_assign(const go_expr_t *dst, const go_expr_t *src)
{
    if (!dst || !src || dst->op != src->op)
        return false;
    switch (dst->op) {
    case GE_DOT:
    case GE_DOTPTR: return same_safe(dst->x, src->x);
    case GE_INDEX:
        if (may_affect_memory(dst->y) || may_affect_memory(src->y))
            return false;
        return same_safe(dst->x, src->x);
    default: return false;
    }
}

// assign — dst_k = src at statement s; then dst is reassigned, unless s is
// its definition.
static void assign(esc_batch_t *b, esc_hole_t k, go_expr_t *src, go_stmt_t *s, const char *why)
{
    if ((s->op == GS_ASSIGN || s->op == GS_OPASSIGN) && is_self_assign(s->lhs, src)) {
        char l[256], r[256], fname[256];
        go_func_name(b->curfn, fname, sizeof fname);
        go_expr_string(s->lhs, l, sizeof l);
        go_expr_string(src, r, sizeof r);
        if (s->op == GS_ASSIGN)
            go_diag_add(b->diags, s->pos, "%s ignoring self-assignment in %s = %s", fname, l, r);
        else
            go_diag_add(b->diags, s->pos, "%s ignoring self-assignment in %s %s= %s", fname, l,
                        s->binop, r);
        k = discard_hole(b);
    }
    esc_expr(b, esc_note(k, s->pos, why), src);
    if (s->op == GS_DECL && !s->rhs)
        return;
    esc_loc_t *l = k.dst;
    if (l->var && l->var->defn == s)
        return;
    l->reassigned = true;
}

// ---- calls (call.go) -------------------------------------------------------

static bool in_mutual_batch(const go_func_t *fn)
{
    return fn->esc_state == 1;
}

// tag_hole — where an argument for parameter p of fn goes: the heap when the
// callee is unknown; the parameter itself when fn is analysed in this very
// batch; else what fn's tag says (heap and/or the call's result, with the
// tag's dereferences).
static esc_hole_t tag_hole(esc_batch_t *b, esc_hole_t *ks, const go_func_t *fn, const go_var_t *p,
                           int fmt_heap, int fmt_result, bool is_fmt)
{
    if (!fn && !is_fmt)
        return heap_hole(b);
    int heap = fmt_heap, result = fmt_result;
    if (!is_fmt) {
        if (in_mutual_batch(fn)) {
            if (!*p->name || !strcmp(p->name, "_"))
                return discard_hole(b);
            return esc_hole(esc_var_loc(p));
        }
        heap = p->leak_heap;
        result = p->leak_result;
    }
    esc_hole_t tags[2];
    int n = 0;
    if (heap >= 0)
        tags[n++] = esc_shift(heap_hole(b), heap);
    if (ks && result >= 0)
        tags[n++] = esc_shift(ks[0], result);
    return esc_tee(b, tags, n);
}

static void argument(esc_batch_t *b, esc_hole_t k, go_expr_t *call, go_expr_t *arg)
{
    esc_expr(b, esc_note(k, call->pos, "call parameter"), arg);
}

// esc_call — evaluate a call (or len, append) whose results go to ks (NULL
// for a call statement).
void esc_call(esc_batch_t *b, esc_hole_t *ks, go_expr_t *e)
{
    if (e->op == GE_LEN) {
        argument(b, discard_hole(b), e, e->x);
        return;
    }
    if (e->op == GE_APPEND) {
        esc_hole_t appendee = ks ? ks[0] : discard_hole(b);
        if (go_type_has_pointers(e->args[0]->type->elem)) {
            esc_hole_t two[2] = { appendee,
                                  esc_note(esc_deref(heap_hole(b)), e->pos, "appendee slice") };
            appendee = esc_tee(b, two, 2);
        }
        argument(b, appendee, e, e->args[0]);
        if (e->ddd) {
            esc_hole_t appended = discard_hole(b);
            if (go_type_has_pointers(e->args[1]->type->elem))
                appended = esc_note(esc_deref(heap_hole(b)), e->pos, "appended slice...");
            argument(b, appended, e, e->args[1]);
        } else {
            for (int i = 1; i < e->nargs; i++)
                argument(b, heap_hole(b), e, e->args[i]);
        }
        return;
    }
    go_func_t *fn = e->call == GC_IFACE || e->call == GC_FMT ? NULL : e->fn;
    if (ks && fn && in_mutual_batch(fn) && fn->result)
        flow_var(b, ks[0], fn->result);
    if (e->call == GC_VALUE || e->call == GC_FUNC)
        argument(b, discard_hole(b), e, e->fun);
    if (e->call == GC_METHOD)
        argument(b, tag_hole(b, ks, fn, fn->recv, -1, -1, false), e, e->recv);
    else if (e->call == GC_IFACE)
        argument(b, heap_hole(b), e, e->recv);
    for (int i = 0; i < e->nargs; i++) {
        if (e->call == GC_FMT) {
            int h, r;
            esc_fmt_leaks(e->method, i, &h, &r);
            argument(b, tag_hole(b, ks, NULL, NULL, h, r, true), e, e->args[i]);
        } else {
            argument(b, tag_hole(b, ks, fn, fn ? fn->params[i] : NULL, -1, -1, false), e,
                     e->args[i]);
        }
    }
}

// ---- statements (stmt.go) --------------------------------------------------

// esc_stmt — one simple statement at the given loop depth.
void esc_stmt(esc_batch_t *b, go_stmt_t *s, int loop_depth)
{
    b->loop_depth = loop_depth;
    switch (s->op) {
    case GS_DECL: {
        esc_loc_t *l = esc_var_loc(s->var);
        l->loop_depth = loop_depth;
        if (s->rhs)
            assign(b, esc_hole(l), s->rhs, s, "assign");
        break;
    }
    case GS_ASSIGN:
    case GS_OPASSIGN: assign(b, esc_addr(b, s->lhs), s->rhs, s, "assign"); break;
    case GS_EXPR: esc_call(b, NULL, s->rhs); break;
    case GS_RETURN:
        if (b->curfn->result)
            assign(b, esc_hole(esc_var_loc(b->curfn->result)), s->rhs, s, "return");
        break;
    default: break;
    }
}

static void visit(void *ctx, go_walk_event_t ev, go_stmt_t *s, int depth, bool enter)
{
    esc_batch_t *b = ctx;
    (void)enter;
    b->loop_depth = depth;
    if (ev == GW_STMT)
        esc_stmt(b, s, depth);
    else if (ev == GW_COND)
        discard(b, s->cond);
}

static void walk_func(esc_batch_t *b, go_func_t *fn)
{
    b->curfn = fn;
    b->loop_depth = 1; // the body's top level (visit sets it again per statement)
    go_walk_body(fn, visit, b);
}

static void walk_closure(esc_batch_t *b, go_func_t *fn)
{
    go_func_t *saved = b->curfn;
    int depth = b->loop_depth;
    walk_func(b, fn);
    b->curfn = saved;
    b->loop_depth = depth;
}

// ---- closures and sizes (escape.go, utils.go) ------------------------------

// esc_flow_closure — how the func literal lit, whose value goes to k,
// captures each variable: by value (the value flows into the closure) when
// the variable is at most 128 bytes and never reassigned or address-taken,
// else by reference (its address flows).
void esc_flow_closure(esc_batch_t *b, esc_hole_t k, go_expr_t *lit)
{
    go_func_t *fn = lit->fn;
    for (int i = 0; i < fn->ncaptured; i++) {
        go_var_t *v = fn->captured[i];
        esc_loc_t *l = esc_var_loc(v);
        bool byval = !l->addrtaken && !l->reassigned && go_type_size(v->type) <= 128;
        esc_hole_t kk = k;
        if (!byval)
            kk = esc_addr_of(k);
        esc_flow(b, esc_note(kk, lit->pos, "captured by a closure"), l);
    }
}

// closure_size — the size of the closure lit allocates, laid out as Go 1.19
// lays it out (typecheck.ClosureType): a struct of the code pointer, then
// each captured variable in order, itself (by value) or a pointer to it (by
// reference), each field aligned as the struct rules align it.
static long closure_size(const go_expr_t *lit)
{
    long size = 8;
    const go_func_t *fn = lit->fn;
    for (int i = 0; i < fn->ncaptured; i++) {
        esc_loc_t *l = esc_var_loc(fn->captured[i]);
        long s = go_type_size(fn->captured[i]->type);
        long a = go_type_align(fn->captured[i]->type);
        bool byval = l && !l->addrtaken && !l->reassigned && s <= 128;
        if (!byval) {
            s = 8;
            a = 8;
        }
        size = (size + a - 1) / a * a + s;
    }
    return size;
}

// esc_heap_alloc_reason — why l must be on the heap whatever flows, or NULL.
const char *esc_heap_alloc_reason(const esc_loc_t *l)
{
    if (l->var) {
        if (l->var->cls == GV_PARAM || l->var->cls == GV_RESULT)
            return NULL;
        return go_type_size(l->var->type) > ESC_MAX_STACK_VAR_SIZE ? "too large for stack" : NULL;
    }
    const go_expr_t *n = l->n;
    if (!n)
        return NULL;
    if (go_type_size(n->type) > ESC_MAX_STACK_VAR_SIZE)
        return "too large for stack";
    if ((n->op == GE_NEW || n->op == GE_PTRLIT) &&
        go_type_size(n->type->elem) > ESC_MAX_IMPLICIT_STACK_VAR_SIZE)
        return "too large for stack";
    if (n->op == GE_FUNCLIT && closure_size(n) > ESC_MAX_IMPLICIT_STACK_VAR_SIZE)
        return "too large for stack";
    if (n->op == GE_MAKE) {
        if (!n->const_size)
            return "non-constant size";
        long es = go_type_size(n->type->elem);
        if (es != 0 && n->size_val > ESC_MAX_IMPLICIT_STACK_VAR_SIZE / es)
            return "too large for stack";
    }
    return NULL;
}

// ---- the walk (solve.go) ---------------------------------------------------

static bool contains_closure(const go_func_t *f, const go_func_t *c)
{
    if (!f || !c || f == c || !c->outer)
        return false;
    for (const go_func_t *x = c->outer; x; x = x->outer)
        if (x == f)
            return true;
    return false;
}

// esc_outlives — whether a value stored in l may live longer than other.
bool esc_outlives(const esc_loc_t *l, const esc_loc_t *other)
{
    if (l->escapes)
        return true;
    if (l->var && l->var->cls == GV_RESULT) {
        // a closure called where it is written returns to its caller's frame
        if (contains_closure(other->curfn, l->curfn) && l->curfn->called_directly)
            return false;
        return true;
    }
    if (l->curfn == other->curfn && l->loop_depth < other->loop_depth)
        return true;
    if (contains_closure(l->curfn, other->curfn))
        return true;
    return false;
}

// esc_leak_to — parameter p's value reaches sink with derefs dereferences:
// record it as a leak to the result when sink is its own function's result
// (and does not escape), else as a leak to the heap. Keeps the fewest.
void esc_leak_to(esc_loc_t *p, const esc_loc_t *sink, int derefs)
{
    if (!sink->escapes && sink->var && sink->var->cls == GV_RESULT && sink->curfn == p->curfn &&
        sink->result_index - 1 < 1) {
        if (p->leak_result < 0 || derefs < p->leak_result)
            p->leak_result = derefs;
        return;
    }
    if (p->leak_heap < 0 || derefs < p->leak_heap)
        p->leak_heap = derefs;
}

void esc_enqueue(esc_batch_t *b, esc_loc_t *l)
{
    if (l->queued)
        return;
    if (b->ntodo == b->captodo) {
        b->captodo = b->captodo ? 2 * b->captodo : 64;
        b->todo = realloc(b->todo, (size_t)b->captodo * sizeof *b->todo);
        if (!b->todo)
            abort();
    }
    b->todo[b->ntodo++] = l;
    l->queued = true;
}

// esc_walk_one — from root, the fewest dereferences with which every
// location's value reaches it (Bellman-Ford: edges may be negative, the
// count is bounded below by 0 past an address-of). A location whose
// address reaches a root that outlives it escapes and is queued again.
void esc_walk_one(esc_batch_t *b, esc_loc_t *root, unsigned walkgen)
{
    root->walkgen = walkgen;
    root->derefs = 0;
    root->dst = NULL;
    esc_loc_t **todo = malloc(16 * sizeof *todo);
    int n = 0, cap = 16;
    if (!todo)
        abort();
    todo[n++] = root;
    while (n > 0) {
        esc_loc_t *l = todo[--n];
        int derefs = l->derefs;
        bool address_of = derefs < 0;
        if (address_of) {
            derefs = 0;
            if (!root->transient && l->transient) {
                l->transient = false;
                esc_enqueue(b, l); // walked again, now as a non-transient root
            }
        }
        if (esc_outlives(root, l)) {
            if (l->var && l->var->cls == GV_PARAM)
                esc_leak_to(l, root, derefs);
            if (address_of && !l->escapes) {
                l->escapes = true;
                esc_record_escape(b, l);
                esc_enqueue(b, l);
                continue;
            }
        }
        for (int i = 0; i < l->nedges; i++) {
            esc_edge_t *ed = &l->edges[i];
            if (ed->src->escapes)
                continue;
            int d = derefs + ed->derefs;
            if (ed->src->walkgen != walkgen || ed->src->derefs > d) {
                ed->src->walkgen = walkgen;
                ed->src->derefs = d;
                ed->src->dst = l;
                ed->src->dst_edge = i;
                if (n == cap) {
                    cap *= 2;
                    todo = realloc(todo, (size_t)cap * sizeof *todo);
                    if (!todo)
                        abort();
                }
                todo[n++] = ed->src;
            }
        }
    }
    free(todo);
}

// esc_walk_all — walk from every location and from the heap, again from
// each location when it starts to escape, until nothing changes.
void esc_walk_all(esc_batch_t *b)
{
    for (int i = 0; i < b->nall; i++)
        esc_enqueue(b, b->all[i]);
    esc_enqueue(b, &b->heap);
    unsigned walkgen = 0;
    while (b->ntodo > 0) {
        esc_loc_t *root = b->todo[--b->ntodo];
        root->queued = false;
        esc_walk_one(b, root, ++walkgen);
    }
}

// ---- verdicts (escape.go, leaks.go) ----------------------------------------

// esc_param_tag — the tag of one parameter of fn, stored in the variable for
// call sites analysed later, and its diagnostic.
void esc_param_tag(esc_batch_t *b, go_func_t *fn, go_var_t *p)
{
    p->leak_heap = p->leak_result = -1;
    if (!go_type_has_pointers(p->type) || !*p->name || !strcmp(p->name, "_"))
        return;
    esc_loc_t *l = esc_var_loc(p);
    int heap = l->leak_heap, result = l->leak_result;
    if (heap >= 0 && result >= heap)
        result = -1; // a path to the heap makes longer paths elsewhere moot
    p->leak_heap = heap;
    p->leak_result = result;
    if (l->escapes)
        return;
    if (heap < 0 && result < 0)
        go_diag_add(b->diags, p->pos, "%s does not escape", p->name);
    if (heap == 0)
        go_diag_add(b->diags, p->pos, "leaking param: %s", p->name);
    else if (heap > 0)
        go_diag_add(b->diags, p->pos, "leaking param content: %s", p->name);
    if (result >= 0)
        go_diag_add(b->diags, p->pos, "leaking param: %s to result %s level=%d", p->name,
                    fn->result->name, result);
}

// esc_finish — tags of every parameter of the batch, then one verdict per
// location in the order the locations were made.
void esc_finish(esc_batch_t *b)
{
    for (int i = 0; i < b->nfns; i++) {
        go_func_t *fn = b->fns[i];
        if (fn->recv)
            esc_param_tag(b, fn, fn->recv);
        for (int j = 0; j < fn->nparams; j++)
            esc_param_tag(b, fn, fn->params[j]);
    }
    char buf[512];
    for (int i = 0; i < b->nall; i++) {
        esc_loc_t *l = b->all[i];
        if (l->var) {
            if (l->escapes)
                go_diag_add(b->diags, l->var->pos, "moved to heap: %s", l->var->name);
        } else if (l->n) {
            go_diag_add(b->diags, l->n->pos, "%s %s", go_expr_string(l->n, buf, sizeof buf),
                        l->escapes ? "escapes to heap" : "does not escape");
        }
    }
}

// esc_run_batch — the whole analysis of one batch (see the file comment).
void esc_run_batch(esc_batch_t *b)
{
    for (int i = 0; i < b->nfns; i++)
        b->fns[i]->esc_state = 1;
    for (int i = 0; i < b->nfns; i++) {
        go_func_t *fn = b->fns[i];
        b->curfn = fn;
        b->loop_depth = 1;
        for (int j = 0; j < fn->ndcl; j++)
            esc_new_loc(b, NULL, fn->dcl[j], false);
        if (fn->result)
            esc_var_loc(fn->result)->result_index = 1;
    }
    for (int i = 0; i < b->nfns; i++)
        if (!b->fns[i]->outer)
            walk_func(b, b->fns[i]);
    for (int i = 0; i < b->nclosures; i++)
        esc_flow_closure(b, b->closures[i].k, b->closures[i].lit);
    for (int i = 0; i < b->nall; i++) {
        const char *why = esc_heap_alloc_reason(b->all[i]);
        if (why)
            esc_flow(b, esc_note(esc_addr_of(heap_hole(b)), nopos, why), b->all[i]);
    }
    esc_walk_all(b);
    esc_finish(b);
}

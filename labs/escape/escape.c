// escape.c — Go's escape analysis over the lab's Go subset: YOUR FILE.
//
// You write the analysis of cmd/compile/internal/escape (Go 1.19) for the
// subset that support/gosrc.h reads. Read the handout (labs/escape/README.md)
// first; escape.h describes the data structures: locations, edges weighted
// by dereferences, holes.
//
// What is provided: the batches in the compiler's order (go_batches, called
// for you by esc_analyze), the statement walk (go_walk_body) and the driver
// of one batch below (esc_run_batch), locations and edges in memory
// (esc_new_loc, esc_add_edge), fmt's parameter tags (esc_fmt_leaks), the
// printing of expressions as the compiler prints them (go_expr_string) and
// the diagnostic list (go_diag_add).
//
// What you write, in the order of the handout's tasks:
//   1. holes: esc_shift, esc_deref, esc_addr_of, esc_flow, esc_spill, esc_tee;
//   2. expressions and assignments: esc_expr, esc_addr, esc_stmt;
//   3. the walk: esc_outlives, esc_leak_to, esc_enqueue, esc_walk_one,
//      esc_walk_all;
//   4. verdicts: esc_param_tag, esc_finish;
//   5. calls: esc_call (tags of callees, dynamic calls, fmt, append);
//   6. interfaces, closures and sizes: esc_flow_closure,
//      esc_heap_alloc_reason.
// Run `build/student/bin/escape FILE.go` and compare with FILE.expected;
// `make grade LAB=escape` scores you line by line.
#include <stdlib.h>
#include <string.h>
#include "escape.h"

static const go_pos_t nopos = { 0, 0 };

// ---- holes and flows (graph.go) --------------------------------------------

// esc_hole — a hole that stores into l exactly (no dereference). Provided.
esc_hole_t esc_hole(esc_loc_t *l)
{
    return (esc_hole_t){ .dst = l };
}

// esc_shift — k with delta more dereferences (delta may be negative: taking
// an address). A hole whose dereferences went down marks the value it
// receives as address-taken (addrtaken).
esc_hole_t esc_shift(esc_hole_t k, int delta)
{
    // TODO
    (void)delta;
    return k;
}

// esc_deref — k for a value that is dereferenced once more on its way (*x).
esc_hole_t esc_deref(esc_hole_t k)
{
    return esc_shift(k, 1);
}

// esc_addr_of — k for the address of a value (&x).
esc_hole_t esc_addr_of(esc_hole_t k)
{
    return esc_shift(k, -1);
}

// esc_note — k with a note (position and reason) for --explain. Provided.
esc_hole_t esc_note(esc_hole_t k, go_pos_t pos, const char *why)
{
    k.pos = pos;
    k.why = why;
    return k;
}

// esc_flow — record that src's value flows into hole k: an edge from src
// into k.dst with k's dereferences (esc_add_edge). Contract:
//   - a hole with addrtaken marks src address-taken;
//   - nothing is recorded for the blank location, nor for dst = dst or
//     dst = *dst (a location into itself without taking its address);
//   - the address of src flowing into a location that already escapes
//     makes src escape at once (call esc_record_escape(b, src) then).
void esc_flow(esc_batch_t *b, esc_hole_t k, esc_loc_t *src)
{
    // TODO
    (void)b;
    (void)k;
    (void)src;
}

// esc_spill — a new allocation location for n (esc_new_loc, transient)
// whose *address* flows into k; returns the hole that stores into the new
// allocation.
esc_hole_t esc_spill(esc_batch_t *b, esc_hole_t k, const go_expr_t *n)
{
    // TODO
    (void)k;
    (void)n;
    return esc_hole(&b->blank);
}

// esc_tee — one hole that feeds every hole of ks[0..n): no hole at all is
// the blank location, one hole is itself, more need a temporary location
// (esc_new_loc with n and v NULL) that flows into each.
esc_hole_t esc_tee(esc_batch_t *b, const esc_hole_t *ks, int n)
{
    // TODO
    (void)ks;
    (void)n;
    return esc_hole(&b->blank);
}

// ---- building the graph (expr.go, assign.go, call.go, stmt.go) -------------

// esc_expr — evaluate expression e into hole k: add the flows from every
// location e reads (variables, allocations) into k, with the right
// dereferences. A value without pointers flows nowhere (the blank location).
// Globals and functions are no locations. Each allocation site (new, make,
// &T{...}, a slice literal, a func literal, a boxed value — CONVIFACE of a
// non-interface, non-pointer-shaped value) is a location of its own. A func
// literal also marks the variables it captures (captured; a capture at the
// variable's own loop depth forgets earlier reassignments), is remembered in
// b->closures for esc_flow_closure, and its body is walked right there
// (save and restore b->curfn and b->loop_depth around go_walk_body).
void esc_expr(esc_batch_t *b, esc_hole_t k, go_expr_t *e)
{
    // TODO
    (void)b;
    (void)k;
    (void)e;
}

// esc_addr — the hole for storing into dst (an assignment's left side, NULL
// for `_`): a local variable's own location, a field of a local struct or an
// element of a local array the same; a global, a store through a pointer or
// into a slice: the heap. Index expressions and pointers on the way are
// evaluated (into the blank location).
esc_hole_t esc_addr(esc_batch_t *b, go_expr_t *dst)
{
    // TODO
    (void)dst;
    return esc_hole(&b->blank);
}

// esc_call — evaluate a call (GE_CALL), len or append whose result goes to
// ks[0] (ks is NULL for a call statement). An argument goes where the
// callee's parameter tag says (go_var_t leak_heap / leak_result, written by
// esc_param_tag when the callee's batch finished): to the heap and/or to the
// call's result, with the tag's dereferences. A callee in the batch being
// analysed (esc_state 1) has no tag yet: the argument flows into the
// parameter's own location and the callee's result into ks[0]. An unknown
// callee (interface method, func value without a static target) sends every
// argument and the receiver to the heap. fmt functions: esc_fmt_leaks.
void esc_call(esc_batch_t *b, esc_hole_t *ks, go_expr_t *call)
{
    // TODO
    (void)b;
    (void)ks;
    (void)call;
}

// esc_stmt — one simple statement (DECL, ASSIGN, OPASSIGN, EXPR, RETURN) at
// loop depth loop_depth: a declaration records the variable's loop depth,
// an assignment evaluates the right side into the left side's hole, a
// return into the result variable. An assignment other than a variable's
// definition marks its destination reassigned. (Go also ignores a
// self-assignment like `t.P = t.Q` and says so: see the handout.)
void esc_stmt(esc_batch_t *b, go_stmt_t *s, int loop_depth)
{
    // TODO
    (void)b;
    (void)s;
    (void)loop_depth;
}

// ---- closures and sizes ----------------------------------------------------

// esc_flow_closure — the flows of the func literal lit's captured
// variables into k, the hole of the closure's value: by value or by
// reference (see the handout for the rule the compiler uses).
void esc_flow_closure(esc_batch_t *b, esc_hole_t k, go_expr_t *lit)
{
    // TODO
    (void)b;
    (void)k;
    (void)lit;
}

// esc_heap_alloc_reason — why l must be on the heap whatever flows ("too
// large for stack", "non-constant size"), or NULL. Parameters and results
// never. Limits: ESC_MAX_STACK_VAR_SIZE, ESC_MAX_IMPLICIT_STACK_VAR_SIZE.
const char *esc_heap_alloc_reason(const esc_loc_t *l)
{
    // TODO
    (void)l;
    return NULL;
}

// ---- the walk (solve.go) ---------------------------------------------------

// esc_outlives — whether a value stored in l may live longer than other:
// the heap and anything escaping outlive everything; a result outlives
// everything of its function (unless it is the result of a func literal
// called where it is written and other lives in an enclosing function); a
// variable outlives what is declared deeper in loops of the same function,
// and what belongs to closures declared inside its function.
bool esc_outlives(const esc_loc_t *l, const esc_loc_t *other)
{
    // TODO
    (void)l;
    (void)other;
    return false;
}

// esc_leak_to — parameter p reaches sink with derefs dereferences: a leak
// to the result if sink is p's own function's result (and does not escape),
// else to the heap. Keep the fewest dereferences of each kind.
void esc_leak_to(esc_loc_t *p, const esc_loc_t *sink, int derefs)
{
    // TODO
    (void)p;
    (void)sink;
    (void)derefs;
}

// esc_enqueue — put l on b->todo (LIFO) unless it is queued already.
void esc_enqueue(esc_batch_t *b, esc_loc_t *l)
{
    // TODO
    (void)b;
    (void)l;
}

// esc_walk_one — from root, the fewest dereferences with which each other
// location's value reaches root (edges may be negative: Bellman-Ford, with
// the count bounded below by 0 past an address-of). Records leaks of
// parameters, and marks escaping (and re-queues) every location whose
// address reaches a root that outlives it.
void esc_walk_one(esc_batch_t *b, esc_loc_t *root, unsigned walkgen)
{
    // TODO
    (void)b;
    (void)root;
    (void)walkgen;
}

// esc_walk_all — walk from every location and from the heap until nothing
// changes (a location that starts to escape is walked again).
void esc_walk_all(esc_batch_t *b)
{
    // TODO
    (void)b;
}

// ---- verdicts (escape.go, leaks.go) ----------------------------------------

// esc_param_tag — parameter p's tag (p->leak_heap, p->leak_result; a path to
// the heap makes longer paths to the result moot) and its diagnostic, in the
// compiler's words: "p does not escape", "leaking param: p", "leaking param
// content: p", "leaking param: p to result R level=N". Parameters without
// pointers, `_` and unnamed ones get no tag; a parameter moved to the heap
// gets no diagnostic here.
void esc_param_tag(esc_batch_t *b, go_func_t *fn, go_var_t *p)
{
    // TODO
    (void)b;
    (void)fn;
    p->leak_heap = p->leak_result = -1;
}

// esc_finish — the tags of every receiver and parameter of the batch's
// functions, in order; then one verdict per location in the order the
// locations were made: "moved to heap: x" for an escaping variable, "E
// escapes to heap" / "E does not escape" for an allocation (E printed with
// go_expr_string); temporaries say nothing.
void esc_finish(esc_batch_t *b)
{
    // TODO
    (void)b;
}

// ---- one batch (escape.go's Batch): provided -------------------------------

static void visit(void *ctx, go_walk_event_t ev, go_stmt_t *s, int depth, bool enter)
{
    esc_batch_t *b = ctx;
    (void)enter;
    b->loop_depth = depth;
    if (ev == GW_STMT)
        esc_stmt(b, s, depth);
    else if (ev == GW_COND)
        esc_expr(b, esc_hole(&b->blank), s->cond);
}

// esc_run_batch — a location per variable of every function of the batch;
// walk the declared functions' bodies; closures' captures; allocations that
// must be on the heap; the walk; the verdicts.
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
    for (int i = 0; i < b->nfns; i++) {
        if (b->fns[i]->outer)
            continue; // walked where they appear (esc_expr)
        b->curfn = b->fns[i];
        b->loop_depth = 1;
        go_walk_body(b->fns[i], visit, b);
    }
    for (int i = 0; i < b->nclosures; i++)
        esc_flow_closure(b, b->closures[i].k, b->closures[i].lit);
    for (int i = 0; i < b->nall; i++) {
        const char *why = esc_heap_alloc_reason(b->all[i]);
        if (why)
            esc_flow(b, esc_note(esc_addr_of(esc_hole(&b->heap)), nopos, why), b->all[i]);
    }
    esc_walk_all(b);
    esc_finish(b);
}

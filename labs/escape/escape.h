// escape.h — the escape lab: Go's escape analysis (cmd/compile/internal/escape)
// over the subset of Go that support/gosrc.h reads.
//
// The data structures are Go's (graph.go):
//   - a location (esc_loc_t) for every variable of the functions being
//     analysed, every allocation site (new, &T{...}, make, a slice literal, a
//     func literal, a value boxed in an interface, the "... argument" slice)
//     and the two special locations: the heap, which outlives everything,
//     and the blank location, where discarded values go;
//   - an edge dst <- src with a dereference count: `dst = &src` is -1,
//     `dst = src` is 0, `dst = *src` is 1, `dst = **src` 2, ...;
//   - a hole (esc_hole_t): "the place a value is going", a location plus the
//     dereferences to apply; evaluating an expression into a hole adds the
//     edges from the locations the expression reads.
// The algorithm is Go's (escape.go, expr.go, stmt.go, call.go, assign.go,
// solve.go, leaks.go), in the functions the student writes in escape.c.
#ifndef ESCAPE_ESCAPE_H
#define ESCAPE_ESCAPE_H

#include "support/gosrc.h"

// Go's size limits (cmd/compile/internal/ir/cfg.go, Go 1.19).
#define ESC_MAX_STACK_VAR_SIZE (10 * 1024 * 1024)   // an explicit variable larger than this: heap
#define ESC_MAX_IMPLICIT_STACK_VAR_SIZE (64 * 1024) // new(T), &T{}, make([]T, n): heap above this

typedef struct esc_loc esc_loc_t;

// An edge of the graph: the value of src, dereferenced `derefs` times,
// flows into the location that holds the edge.
typedef struct esc_edge {
    esc_loc_t *src;
    int derefs;      // -1 (address of src), 0 (src), 1 (*src), ...
    go_pos_t pos;    // where in the source the flow happens
    const char *why; // "assign", "return", "call parameter", ... (for --explain)
} esc_edge_t;

struct esc_loc {
    const go_expr_t *n; // the allocation site (NULL for a variable or a temporary)
    go_var_t *var;      // the variable (NULL for an allocation or a temporary)
    go_func_t *curfn;   // the function it belongs to (NULL: heap, blank)
    int loop_depth;     // loop nesting where declared (1 = function body)

    esc_edge_t *edges; // incoming flows: edges[i].src flows into this location
    int nedges, capedges;

    bool escapes;     // outlives its function: heap-allocate it
    bool transient;   // an allocation whose address never outlives the statement
    bool addrtaken;   // its address was taken (a hole with addrtaken flowed it)
    bool reassigned;  // assigned after its definition (decides closure capture)
    bool captured;    // a closure captures it
    int result_index; // 1 + index of a result variable; 0 otherwise

    // a parameter's leaks, collected by the walk: fewest dereferences from
    // the parameter to the heap / to its function's result, -1 when none
    int leak_heap, leak_result;

    // the walk's state (solve.go)
    unsigned walkgen; // the walk that last reached it
    int derefs;       // that walk's fewest dereferences from it to the root
    esc_loc_t *dst;   // the next location towards the root on that path
    int dst_edge;     // the edge of dst that reached it
    bool queued;      // in walk_all's work list

    int id; // 0.. in the order of creation (the order of diagnostics)
    // --explain: the path to the root recorded when it first escaped
    esc_loc_t **why_locs;
    int *why_edges, nwhy;
    esc_edge_t why_direct; // the flow that made it escape at once (esc_record_direct)
};

// A hole: the destination of a value being evaluated.
typedef struct esc_hole {
    esc_loc_t *dst;
    int derefs;     // dereferences applied to the value on its way to dst
    bool addrtaken; // the value's address is being taken (derefs went down)
    go_pos_t pos;   // the note, for --explain
    const char *why;
} esc_hole_t;

typedef struct esc_closure {
    esc_hole_t k;   // where the closure's value goes
    go_expr_t *lit; // the func literal
} esc_closure_t;

// One batch of functions analysed together (Go's batch).
typedef struct esc_batch {
    go_program_t *prog;
    go_diags_t *diags; // where the diagnostics go, in the compiler's order
    go_func_t **fns;   // the batch (go_batches' order)
    int nfns;
    bool recursive;

    esc_loc_t heap;  // the heap: escapes from the start
    esc_loc_t blank; // the blank location: flows into it are dropped
    esc_loc_t **all; // every location of the batch, in the order of creation
    int nall, capall;
    esc_closure_t *closures; // func literals met by the walk, for flow_closure
    int nclosures, capclosures;

    go_func_t *curfn; // while walking: the function and loop depth
    int loop_depth;

    esc_loc_t **todo; // walk_all's work list (LIFO), room for every location + heap
    int ntodo, captodo;
} esc_batch_t;

// ---- provided by support/escgraph.c ----------------------------------------

// esc_new_loc — a new location for the allocation n or the variable v (both
// NULL: a temporary) in b->curfn at b->loop_depth, appended to b->all; a
// variable's location is kept in v->opt. Never fails.
esc_loc_t *esc_new_loc(esc_batch_t *b, const go_expr_t *n, go_var_t *v, bool transient);
// esc_var_loc — the location of variable v (v->opt); NULL for a global or a
// variable of another batch.
esc_loc_t *esc_var_loc(const go_var_t *v);
// esc_add_edge — append the edge src -derefs-> dst. Never fails.
void esc_add_edge(esc_loc_t *dst, esc_loc_t *src, int derefs, go_pos_t pos, const char *why);
// esc_record_escape — remember, for --explain, the path by which l reaches
// the walk's root (l->dst, l->dst->dst, ...). Call it when l first escapes.
void esc_record_escape(esc_batch_t *b, esc_loc_t *l);
// esc_record_direct — remember, for --explain, the flow k that made src
// escape at once (its address flowing into dst, which escapes already).
void esc_record_direct(esc_batch_t *b, esc_loc_t *src, esc_loc_t *dst, int derefs, go_pos_t pos,
                       const char *why);
// esc_fmt_leaks — the tag of parameter i of fmt.Println/Printf/Sprintf, as
// the compiler's export data for package fmt gives it: derefs to the heap
// and to the result (-1 none).
void esc_fmt_leaks(const char *fname, int i, int *heap, int *result);
// esc_analyze — analyse the whole program batch by batch (go_batches),
// calling esc_run_batch on each, diagnostics to d. If keep is not NULL it
// receives every batch (for --dot, --explain, the suite); free them with
// esc_batches_free. Returns the number of batches.
int esc_analyze(go_program_t *p, go_diags_t *d, esc_batch_t ***keep);
void esc_batches_free(esc_batch_t **bs, int n);
// esc_loc_name — a location's name for pictures and messages: the variable's
// name, the expression as the compiler prints it, "heap" or "tmp#N".
char *esc_loc_name(const esc_loc_t *l, char *buf, size_t len);

// ---- the student's functions (escape.c) ------------------------------------

// graph.go: holes and flows
esc_hole_t esc_hole(esc_loc_t *l);
esc_hole_t esc_shift(esc_hole_t k, int delta);
esc_hole_t esc_deref(esc_hole_t k);
esc_hole_t esc_addr_of(esc_hole_t k);
esc_hole_t esc_note(esc_hole_t k, go_pos_t pos, const char *why);
void esc_flow(esc_batch_t *b, esc_hole_t k, esc_loc_t *src);
esc_hole_t esc_spill(esc_batch_t *b, esc_hole_t k, const go_expr_t *n);
esc_hole_t esc_tee(esc_batch_t *b, const esc_hole_t *ks, int n);

// expr.go, assign.go, call.go, stmt.go: building the graph
void esc_expr(esc_batch_t *b, esc_hole_t k, go_expr_t *e);
esc_hole_t esc_addr(esc_batch_t *b, go_expr_t *dst);
void esc_call(esc_batch_t *b, esc_hole_t *ks, go_expr_t *call);
void esc_stmt(esc_batch_t *b, go_stmt_t *s, int loop_depth);
void esc_flow_closure(esc_batch_t *b, esc_hole_t k, go_expr_t *lit);
const char *esc_heap_alloc_reason(const esc_loc_t *l);

// solve.go: the walk
bool esc_outlives(const esc_loc_t *l, const esc_loc_t *other);
void esc_leak_to(esc_loc_t *param, const esc_loc_t *sink, int derefs);
void esc_enqueue(esc_batch_t *b, esc_loc_t *l);
void esc_walk_one(esc_batch_t *b, esc_loc_t *root, unsigned walkgen);
void esc_walk_all(esc_batch_t *b);

// escape.go, leaks.go: the batch and its verdicts
void esc_param_tag(esc_batch_t *b, go_func_t *fn, go_var_t *param);
void esc_finish(esc_batch_t *b);
void esc_run_batch(esc_batch_t *b);

#endif

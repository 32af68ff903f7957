// gosrc.h — the escape lab's Go subset: its syntax tree, its types, and the
// program the support code hands to the escape analysis (escape.c).
//
// The support code reads one Go file (golex.c, goparse.c), resolves names and
// types and makes the compiler's implicit steps explicit (gocheck.c): an
// implicit conversion to an interface becomes a CONVIFACE node, a call's
// variadic arguments become one implicit slice literal ("... argument"), a
// method call on an addressable value takes its address. What is left is the
// tree Go's escape analysis sees in cmd/compile/internal/escape after
// typecheck: names resolved to variables, every expression typed.
//
// Positions are counted as the Go compiler counts them: line from 1, column
// from 1 in bytes, a tab is one column.
//
// The subset (anything else is refused with FILE:LINE:COL: unsupported: ...):
//   package main; import "fmt"; type T struct{...}; type I interface{...};
//   global `var g T` (no initializer); functions and pointer-receiver methods
//   with at most one result; func types and func literals.
//   Statements: var, :=, =, op= (+= -= *=), ++, --, if/else, three-clause
//   for, return, call statements, blocks.
//   Expressions: names, integer/string/bool literals, nil, &x, *p, x.f, x[i],
//   new(T), make([]T, n[, c]), len, append, composite literals (keyed struct
//   fields, slice and array elements), &T{...}, func literals, calls of
//   functions, methods, func values and interface methods, conversions to
//   interface types, fmt.Println/Printf/Sprintf, + - * == != < <= > >= && ||
//   and unary ! and -.
#ifndef ESCAPE_GOSRC_H
#define ESCAPE_GOSRC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct go_pos {
    int line, col; // 1-based; col counts bytes, a tab is one column
} go_pos_t;

// The compiler keeps a diagnostic's column in 8 bits: a column of 255 or
// more is "unknown" and printed as no column at all (`./f.go:9: msg`).
// Positions here keep the true column (error messages print it, as the
// compiler's parser does); go_pos_str prints a diagnostic's the compiler's way.
#define GO_COL_MAX 255

// go_pos_str — "LINE:COL", or "LINE" when the column is unknown (GO_COL_MAX),
// as the compiler prints a position; written into buf, which it returns.
const char *go_pos_str(go_pos_t pos, char buf[32]);

// ---- types -----------------------------------------------------------------

typedef enum go_kind {
    GT_INT,
    GT_BOOL,
    GT_BYTE,
    GT_STRING,
    GT_PTR,
    GT_SLICE,
    GT_ARRAY,
    GT_STRUCT,
    GT_IFACE,
    GT_FUNC,
    GT_NIL, // the type of untyped nil
    GT_UNTYPED_INT,
    GT_UNTYPED_STRING,
    GT_UNTYPED_BOOL,
    GT_VOID, // the "type" of a call without a result
} go_kind_t;

typedef struct go_type go_type_t;
typedef struct go_func go_func_t;

typedef struct go_field {
    const char *name; // field, parameter or method name ("" when unnamed)
    go_type_t *type;
    go_pos_t pos;
} go_field_t;

struct go_type {
    go_kind_t kind;
    const char *name;   // named types: "T", "I", "any", "int", ...; NULL for literal types
    go_type_t *elem;    // PTR, SLICE, ARRAY
    long len;           // ARRAY
    go_field_t *fields; // STRUCT fields, IFACE methods (type: GT_FUNC), FUNC params
    int nfields;
    go_type_t *result;   // FUNC: the result type, NULL when none
    bool variadic;       // FUNC: the last parameter is ...T (its type is []T)
    go_func_t **methods; // a named struct: its (pointer-receiver) methods
    int nmethods;
};

// go_type_size — the size in bytes on amd64 (int 8, string 16, slice 24,
// interface 16, pointer and func 8; structs padded as Go pads them).
long go_type_size(const go_type_t *t);
// go_type_align — the alignment in bytes on amd64 (bool and byte 1, the
// other scalars 8; an array its element's, a struct its largest field's).
long go_type_align(const go_type_t *t);
// go_type_has_pointers — whether a value of type t holds a pointer
// (strings, slices, interfaces and funcs do).
bool go_type_has_pointers(const go_type_t *t);
// go_type_is_direct_iface — whether an interface holds a value of type t
// directly in its data word (pointers, funcs, and one-field structs and
// one-element arrays of such) instead of a pointer to a boxed copy.
bool go_type_is_direct_iface(const go_type_t *t);
// go_type_string — t as the compiler prints it ("*T", "[]int", "any",
// "interface {}", "func(int) *T"), into buf. Returns buf.
char *go_type_string(const go_type_t *t, char *buf, size_t len);

// ---- the syntax tree -------------------------------------------------------

typedef enum go_op {
    GE_NAME, // a variable: var; or a function: func (a PFUNC name)
    GE_INT,
    GE_STRING,
    GE_BOOL,
    GE_NIL,
    GE_BINARY,    // x OP y; op in `binop` ("+", "==", "&&", ...); pos = the operator
    GE_UNARY,     // -x, !x; pos = the operator
    GE_ADDR,      // &x; pos = '&'
    GE_DEREF,     // *p; pos = '*'
    GE_DOT,       // x.f where x is a struct value; pos = '.'
    GE_DOTPTR,    // p.f where p is a pointer to a struct; pos = '.'
    GE_INDEX,     // x[i] on an array (x is an array value) or slice; pos = '['
    GE_CALL,      // a call, see go_call_kind_t; pos = '('
    GE_NEW,       // new(T); pos = '('
    GE_MAKE,      // make([]T, len[, cap]); pos = '('
    GE_LEN,       // len(x); pos = '('
    GE_APPEND,    // append(s, args...) / append(s, t...); pos = '('
    GE_STRUCTLIT, // T{f: v, ...}; pos = '{'
    GE_ARRAYLIT,  // [N]T{...}; pos = '{'
    GE_SLICELIT,  // []T{...}, and the implicit "... argument" slice of a variadic call
    GE_PTRLIT,    // &T{...}; x is the literal; pos = '&'
    GE_FUNCLIT,   // func(...) {...}; pos = 'func'
    GE_CONVIFACE, // conversion of a non-interface value x to an interface type
    GE_CONVNOP,   // conversion that changes nothing (interface to interface, explicit no-op)
} go_op_t;

typedef enum go_call_kind {
    GC_FUNC,   // a declared function: fn
    GC_METHOD, // a method: fn, the receiver in recv
    GC_IFACE,  // an interface method: recv is the interface value; dynamic
    GC_VALUE,  // a call of a func value x (a variable, field, func literal, call result)
    GC_FMT,    // fmt.Println / fmt.Printf / fmt.Sprintf: fmt names which
} go_call_kind_t;

typedef struct go_var go_var_t;
typedef struct go_stmt go_stmt_t;
typedef struct go_expr go_expr_t;

typedef struct go_block {
    go_stmt_t **stmts;
    int n;
} go_block_t;

struct go_expr {
    go_op_t op;
    go_pos_t pos;      // the node's position, as the compiler records it
    go_type_t *type;   // always set after checking
    go_expr_t *x, *y;  // operands: BINARY x y; UNARY/ADDR/DEREF/DOT/DOTPTR/INDEX/LEN/CONV* x;
                       // INDEX y = the index; MAKE x = len, y = cap (or NULL); PTRLIT x
    const char *binop; // BINARY, UNARY
    const char *sel;   // DOT/DOTPTR field name
    go_var_t *var;     // NAME: the variable (NULL for a function)
    go_func_t *fn;     // NAME of a function; CALL: GC_FUNC/GC_METHOD callee; FUNCLIT: the closure
    const char *lit;   // INT/STRING/BOOL: the literal as written
    // calls, composite literals
    go_call_kind_t call;
    go_expr_t *fun;  // CALL: the callee expression as written (for printing; GC_VALUE: evaluated)
    go_expr_t *recv; // CALL: receiver (GC_METHOD, GC_IFACE)
    const char *method; // CALL GC_METHOD/GC_IFACE: method name; GC_FMT: "Println", ...
    go_expr_t **args;   // CALL: the arguments after variadic packing; LITs: the elements
    int nargs;
    const char **keys; // STRUCTLIT: field name of each element
    go_pos_t *kpos;    // STRUCTLIT: the position of each element's ':'
    bool ddd;          // CALL/APPEND: f(x, s...) — the last argument is passed as the slice
    bool implicit;     // SLICELIT: the "... argument" slice; CONVIFACE: an implicit conversion;
                       // ADDR: the implicit &x of a method call on an addressable value
    bool const_size;   // MAKE: the size (cap, else len) is a constant; size_val is it
    long size_val;
    int id;     // unique per program, for tables keyed by node
    void *decl; // parser internal: a FUNCLIT's declaration
};

typedef enum go_class {
    GV_AUTO,   // a local variable
    GV_PARAM,  // a parameter (or receiver)
    GV_RESULT, // a result (named, or ~r0)
    GV_GLOBAL, // a package-level variable
} go_class_t;

struct go_var {
    const char *name; // "~r0" for an unnamed result
    go_pos_t pos;     // where it is declared
    go_type_t *type;
    go_class_t cls;
    go_func_t *fn;   // the function that declares it (NULL for globals)
    go_stmt_t *defn; // the `x := e` / `var x = e` statement that defines it, or NULL
    bool addrtaken;  // &x appears somewhere (including implicit & of a method call)
    bool reassigned; // assigned after its definition somewhere in fn or its closures
    int index;       // position in fn->dcl
    void *opt;       // for the analysis: its location
    // A parameter's tag, written by the analysis of its function and read at
    // call sites analysed later (Go keeps it in the export data): the fewest
    // dereferences on a path from the parameter to the heap and to the
    // function's result; -1 when there is no such path.
    int leak_heap, leak_result;
};

typedef enum go_stmt_op {
    GS_DECL,     // var x T [= e] / x := e: var, the value in rhs (NULL: zero value)
    GS_ASSIGN,   // lhs = rhs (lhs may be the blank `_`: lhs NULL)
    GS_OPASSIGN, // lhs op= rhs, lhs++ (rhs = the literal 1)
    GS_EXPR,     // a call statement
    GS_IF,       // if cond {body} else {els}
    GS_FOR,      // for init; cond; post {body}
    GS_RETURN,   // return [rhs]
    GS_BLOCK,    // { body }
} go_stmt_op_t;

struct go_stmt {
    go_stmt_op_t op;
    go_pos_t pos;
    go_var_t *var; // DECL
    go_expr_t *lhs, *rhs;
    go_expr_t *cond;        // IF, FOR (NULL: forever)
    go_stmt_t *init, *post; // FOR
    go_block_t body, els;   // IF: els may hold one IF (else if); FOR, BLOCK: body
    const char *binop;      // OPASSIGN
    go_type_t *dtype;       // DECL: the declared type of `var x T`, NULL when inferred
};

struct go_func {
    const char *name;  // "f", "M" for a method, "func1" style for closures
    go_pos_t pos;      // the name's position (a closure: its `func` keyword)
    go_type_t *type;   // GT_FUNC: params and result (not the receiver)
    go_var_t *recv;    // a method's receiver, or NULL
    go_var_t **params; // the parameters in order
    int nparams;
    go_var_t *result; // the result variable (named or ~r0), or NULL
    go_var_t **dcl;   // every variable of the function in the compiler's order:
    int ndcl;         // receiver, params, result, then locals as declared
    go_block_t body;
    go_func_t *outer;    // a closure: the function that contains it; else NULL
    go_expr_t *lit;      // a closure: its FUNCLIT node
    go_var_t **captured; // a closure: the outer variables it uses, first use first
    int ncaptured;
    bool called_directly; // a closure called where it is written: func(){...}()
    int index;            // order among all functions (declarations first, in source order)
    int nlits;            // func literals named in it so far ("f.func1", "f.func1.1")
    int esc_state;        // for the analysis: 0 unknown, 1 started, 2 tagged
    void *opt;            // for the analysis
};

typedef struct go_program {
    const char *file;   // the path as given
    const char *base;   // "./" + the file's base name, as the compiler prints it
    go_func_t **funcs;  // declared functions and methods in source order, then closures
    int nfuncs, ndecls; // ndecls: how many of funcs are declarations
    go_var_t **globals;
    int nglobals;
    int nexprs; // expression ids are 0..nexprs-1
    struct go_arena *arena;
} go_program_t;

// ---- reading a program -----------------------------------------------------

// go_program_parse — read and check the Go file `path` (or, when text is not
// NULL, the len bytes of text named `path`). Returns the program, or NULL
// with "FILE:LINE:COL: what is wrong" in err (a construct outside the
// subset: "FILE:LINE:COL: unsupported: what"). Never aborts on bad input.
go_program_t *go_program_parse(const char *path, const char *text, size_t len, char *err,
                               size_t errlen);
// go_program_free — release everything the program owns. NULL is fine.
void go_program_free(go_program_t *p);

// ---- printing --------------------------------------------------------------

// go_expr_string — e as the compiler prints it in a diagnostic ("&T{...}",
// "make([]int, n)", "x + 1", "... argument", "func literal"), into buf.
char *go_expr_string(const go_expr_t *e, char *buf, size_t len);

// go_func_name — fn as the compiler names it: "f", "(*T).M", "f.func1".
char *go_func_name(const go_func_t *fn, char *buf, size_t len);

// ---- the order of analysis -------------------------------------------------

// The functions are analysed in batches, callees before callers, each batch
// a strongly connected component of the call graph together with its
// closures (Go's ir.VisitFuncsBottomUp). go_batches calls fn once per batch,
// in the compiler's order, with the batch's functions in its order and
// whether they call each other recursively.
typedef void (*go_batch_fn)(go_func_t **fns, int n, bool recursive, void *arg);
void go_batches(go_program_t *p, go_batch_fn fn, void *arg);

// ---- the statement walk ----------------------------------------------------

// The walk visits a function body in the order the compiler's escape
// analysis does (escape/stmt.go), keeping the loop depth: 1 in the body of
// a function, +1 inside each `for` (its condition, post statement and
// body; the init statement stays outside). For each event it calls the
// visitor:
//   GW_STMT  a simple statement (DECL, ASSIGN, OPASSIGN, EXPR, RETURN);
//   GW_COND  the condition of an if or for (an expression to evaluate and
//            discard), in stmt->cond;
//   GW_LOOP  entering (enter=true) or leaving a for loop's body.
// The visitor sees the loop depth current at the event.
typedef enum { GW_STMT, GW_COND, GW_LOOP } go_walk_event_t;
typedef void (*go_walk_fn)(void *ctx, go_walk_event_t ev, go_stmt_t *s, int loop_depth, bool enter);
// go_walk_body — walk fn's body, starting at loop depth 1.
void go_walk_body(go_func_t *fn, go_walk_fn visit, void *ctx);

// ---- diagnostics -----------------------------------------------------------

typedef struct go_diag {
    go_pos_t pos;
    char *msg;
} go_diag_t;

typedef struct go_diags {
    go_diag_t *v;
    int n, cap;
} go_diags_t;

// go_diag_add — append "msg" at pos (printf-style). Diagnostics are kept in
// the order they are added: with -m the compiler prints each as it is made.
void go_diag_add(go_diags_t *d, go_pos_t pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void go_diags_free(go_diags_t *d);
// go_diags_print — "./FILE.go:LINE:COL: msg" lines, one per diagnostic.
void go_diags_print(const go_program_t *p, const go_diags_t *d, FILE *out);

// ---- random programs -------------------------------------------------------

// go_generate — write a random, compilable program of the subset, determined
// by seed, to out (support/gogen.c). 0, or -1 on a write error.
int go_generate(uint64_t seed, FILE *out);

// ---- arena -----------------------------------------------------------------

void *go_alloc(go_program_t *p, size_t n); // zeroed; aborts when out of memory
char *go_strdup(go_program_t *p, const char *s);

#endif

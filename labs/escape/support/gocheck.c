// gocheck.c — names, types and the compiler's implicit steps for the escape
// lab's Go subset.
//
// After parsing (goparse.c) the tree is checked as Go's type checker would,
// for the subset: every name resolves to a variable, a function, a type or a
// builtin; every expression gets a type; untyped constants take the type
// their context gives them. Then it makes explicit what the compiler makes
// explicit before escape analysis runs:
//   - a non-interface value used where an interface is wanted becomes
//     CONVIFACE(x), positioned where the compiler positions it (the value
//     itself in a return or a composite literal, the left-hand side's start
//     in an assignment, the start of the value in `var v I = x`, and for call
//     arguments the last argument so far that is not a plain name, else the
//     call's '(' — the compiler's base.Pos when it converts arguments);
//   - the extra arguments of a variadic call become one implicit []T slice
//     literal at the call's '(' ("... argument");
//   - a method call on an addressable struct value takes its address;
//   - a call of a func variable that always holds the same function (a local
//     defined once by `f := g` or `f := func...` and never reassigned or
//     address-taken: the compiler's ir.StaticValue) records that function.
// It also rejects programs the Go compiler rejects in the subset (unknown
// names, mismatched types, unused variables and imports, a missing return).
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "golex.h"

typedef enum { EN_VAR, EN_FUNC, EN_TYPE, EN_BUILTIN, EN_CONST, EN_PKG } ent_kind_t;

typedef struct ent {
    const char *name;
    ent_kind_t kind;
    go_var_t *var;
    go_func_t *fn;
    go_type_t *type;
    bool used;
    struct ent *next;
} ent_t;

typedef struct scope {
    ent_t *ents;
    struct scope *parent;
    go_func_t *fn; // the function whose body this scope is in (NULL: package)
} scope_t;

typedef struct valcall {
    go_expr_t *call;
    go_func_t *fn; // the function that contains the call
} valcall_t;

typedef struct checker {
    go_program_t *p;
    go_errctx_t *ec;
    go_file_t *f;
    scope_t *universe, *pkg, *cur;
    go_func_t *fn; // the function being checked
    go_type_t *t_int, *t_bool, *t_byte, *t_string, *t_any, *t_nil, *t_uint, *t_ustr, *t_ubool,
        *t_void;
    valcall_t *vcs;
    int nvcs, capvcs;
    go_func_t **funcs;
    int nfuncs, capfuncs;
    bool fmt_used;
    int nclosures;
} checker_t;

#define FAIL(c, ...) go_fail((c)->ec, __VA_ARGS__)

// grow — room for one more element in an arena array (a check error
// unwinds with longjmp, so nothing here owns heap memory of its own).
static go_program_t *grow_prog;
static void *grow(void *v, int *cap, int n, size_t size)
{
    if (n < *cap)
        return v;
    int nc = *cap ? 2 * *cap : 16;
    void *a = go_alloc(grow_prog, (size_t)nc * size);
    if (n)
        memcpy(a, v, (size_t)n * size);
    *cap = nc;
    return a;
}

static go_type_t *mk_type(checker_t *c, go_kind_t k, const char *name)
{
    go_type_t *t = go_alloc(c->p, sizeof *t);
    t->kind = k;
    t->name = name;
    return t;
}

static ent_t *declare(checker_t *c, scope_t *s, const char *name, ent_kind_t k, go_pos_t pos)
{
    if (!strcmp(name, "_"))
        return NULL;
    for (ent_t *e = s->ents; e; e = e->next)
        if (!strcmp(e->name, name))
            FAIL(c, pos, "%s redeclared in this block", name);
    ent_t *e = go_alloc(c->p, sizeof *e);
    e->name = name;
    e->kind = k;
    e->next = s->ents;
    s->ents = e;
    return e;
}

static ent_t *lookup(checker_t *c, const char *name)
{
    for (scope_t *s = c->cur; s; s = s->parent)
        for (ent_t *e = s->ents; e; e = e->next)
            if (!strcmp(e->name, name))
                return e;
    return NULL;
}

static void push_scope(checker_t *c)
{
    scope_t *s = go_alloc(c->p, sizeof *s);
    s->parent = c->cur;
    s->fn = c->fn;
    c->cur = s;
}

// pop_scope — leave the innermost scope; a local variable never read is
// the compiler's "declared but not used".
static void pop_scope(checker_t *c)
{
    for (ent_t *e = c->cur->ents; e; e = e->next)
        if (e->kind == EN_VAR && e->var->cls == GV_AUTO && !e->used)
            FAIL(c, e->var->pos, "%s declared but not used", e->name);
    c->cur = c->cur->parent;
}

// ---- types -----------------------------------------------------------------

static go_type_t *resolve_type(checker_t *c, go_type_t *t, go_pos_t pos);

static go_type_t *resolve_body(checker_t *c, go_type_t *t, go_pos_t pos);

// resolve_type — t with every type name in it replaced by the named type
// (a named type is resolved once, at its declaration: resolve_body).
static go_type_t *resolve_type(checker_t *c, go_type_t *t, go_pos_t pos)
{
    if (t->name && t->kind != GT_NAMEREF)
        return t;
    return resolve_body(c, t, pos);
}

static go_type_t *resolve_body(checker_t *c, go_type_t *t, go_pos_t pos)
{
    if (t->kind == GT_NAMEREF) {
        ent_t *e = lookup(c, t->name);
        if (!e)
            FAIL(c, pos, "undefined: %s", t->name);
        if (e->kind != EN_TYPE)
            FAIL(c, pos, "%s is not a type", t->name);
        return e->type;
    }
    switch (t->kind) {
    case GT_PTR:
    case GT_SLICE:
    case GT_ARRAY: t->elem = resolve_type(c, t->elem, pos); break;
    case GT_STRUCT:
    case GT_IFACE:
    case GT_FUNC:
        for (int i = 0; i < t->nfields; i++) {
            t->fields[i].type = resolve_type(c, t->fields[i].type, t->fields[i].pos);
            for (int j = 0; j < i && t->kind != GT_FUNC; j++)
                if (!strcmp(t->fields[i].name, t->fields[j].name))
                    FAIL(c, t->fields[i].pos, "duplicate %s %s",
                         t->kind == GT_STRUCT ? "field" : "method", t->fields[i].name);
        }
        if (t->result)
            t->result = resolve_type(c, t->result, pos);
        if (t->kind == GT_STRUCT && !t->name)
            FAIL(c, pos, "unsupported: unnamed struct type");
        break;
    default: break;
    }
    return t;
}

static bool identical(const go_type_t *a, const go_type_t *b)
{
    if (a == b)
        return true;
    if (a->name || b->name) {
        // any and interface{} are the same type
        bool ea = a->kind == GT_IFACE && a->nfields == 0,
             eb = b->kind == GT_IFACE && b->nfields == 0;
        bool na = a->name && strcmp(a->name, "any"), nb = b->name && strcmp(b->name, "any");
        return ea && eb && !na && !nb;
    }
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case GT_PTR:
    case GT_SLICE: return identical(a->elem, b->elem);
    case GT_ARRAY: return a->len == b->len && identical(a->elem, b->elem);
    case GT_FUNC:
        if (a->nfields != b->nfields || a->variadic != b->variadic || !a->result != !b->result)
            return false;
        for (int i = 0; i < a->nfields; i++)
            if (!identical(a->fields[i].type, b->fields[i].type))
                return false;
        return !a->result || identical(a->result, b->result);
    case GT_IFACE:
        if (a->nfields != b->nfields)
            return false;
        for (int i = 0; i < a->nfields; i++)
            if (strcmp(a->fields[i].name, b->fields[i].name) ||
                !identical(a->fields[i].type, b->fields[i].type))
                return false;
        return true;
    default: return false;
    }
}

static bool is_untyped(const go_type_t *t)
{
    return t->kind == GT_UNTYPED_INT || t->kind == GT_UNTYPED_STRING ||
           t->kind == GT_UNTYPED_BOOL || t->kind == GT_NIL;
}

static go_func_t *find_method(const go_type_t *named, const char *name)
{
    for (int i = 0; named && i < named->nmethods; i++)
        if (!strcmp(named->methods[i]->name, name))
            return named->methods[i];
    return NULL;
}

// implements — whether a value of type v satisfies interface t: only
// pointers to named structs have methods in the subset.
static bool implements(const go_type_t *v, const go_type_t *t, const char **missing)
{
    for (int i = 0; i < t->nfields; i++) {
        go_func_t *m = NULL;
        if (v->kind == GT_PTR && v->elem->kind == GT_STRUCT)
            m = find_method(v->elem, t->fields[i].name);
        if (!m || !identical(m->type, t->fields[i].type)) {
            *missing = t->fields[i].name;
            return false;
        }
    }
    return true;
}

static go_type_t *default_type(checker_t *c, go_type_t *t)
{
    switch (t->kind) {
    case GT_UNTYPED_INT: return c->t_int;
    case GT_UNTYPED_STRING: return c->t_string;
    case GT_UNTYPED_BOOL: return c->t_bool;
    default: return t;
    }
}

static bool is_integer(const go_type_t *t)
{
    return t->kind == GT_INT || t->kind == GT_BYTE || t->kind == GT_UNTYPED_INT;
}

static bool is_const(const go_expr_t *e)
{
    switch (e->op) {
    case GE_INT:
    case GE_STRING:
    case GE_BOOL: return true;
    case GE_BINARY: return is_const(e->x) && is_const(e->y);
    case GE_UNARY: return is_const(e->x);
    case GE_LEN:
        return e->x->op == GE_STRING || (e->x->type->kind == GT_ARRAY && e->x->op == GE_NAME);
    default: return false;
    }
}

static long const_int(const go_expr_t *e)
{
    switch (e->op) {
    case GE_INT: return atol(e->lit);
    case GE_UNARY: return -const_int(e->x);
    case GE_LEN: return e->x->op == GE_STRING ? (long)strlen(e->x->lit) : e->x->type->len;
    case GE_BINARY:
        switch (e->binop[0]) {
        case '+': return const_int(e->x) + const_int(e->y);
        case '-': return const_int(e->x) - const_int(e->y);
        case '*': return const_int(e->x) * const_int(e->y);
        }
        return 0;
    default: return 0;
    }
}

// ---- expressions -----------------------------------------------------------

static go_expr_t *check_expr(checker_t *c, go_expr_t *e);
static go_expr_t *check_dot(checker_t *c, go_expr_t *e);
static void check_block(checker_t *c, go_block_t *b, bool new_scope);
static void check_func_body(checker_t *c, go_func_t *fn, go_fdecl_t *d);

static go_expr_t *new_node(checker_t *c, go_op_t op, go_pos_t pos, go_type_t *t)
{
    go_expr_t *e = go_alloc(c->p, sizeof *e);
    e->op = op;
    e->pos = pos;
    e->type = t;
    e->id = c->p->nexprs++;
    return e;
}

// last_setter — the compiler's base.Pos after translating e: walked in
// post-order, a variable or function name moves it to the name, a call of a
// function, method or func value and a composite literal move it to their
// '(' or '{' once their operands are done; constants, operators, selectors,
// indexing and builtins leave it. (Found by experiment with Go 1.19: it is
// where an implicit interface conversion in `x = v` and `var x I = v` is
// positioned.)
static void last_setter(const go_expr_t *e, go_pos_t *pos)
{
    if (!e)
        return;
    switch (e->op) {
    case GE_NAME: *pos = e->pos; return;
    case GE_CALL:
        if (e->call == GC_METHOD || e->call == GC_IFACE)
            last_setter(e->recv, pos);
        else if (e->call != GC_FMT)
            last_setter(e->fun, pos);
        for (int i = 0; i < e->nargs; i++)
            last_setter(e->args[i], pos);
        *pos = e->pos;
        return;
    case GE_STRUCTLIT:
    case GE_ARRAYLIT:
    case GE_SLICELIT:
        for (int i = 0; i < e->nargs; i++)
            last_setter(e->args[i], pos);
        *pos = e->pos;
        return;
    case GE_APPEND:
        for (int i = 0; i < e->nargs; i++)
            last_setter(e->args[i], pos);
        return;
    case GE_FUNCLIT: return;
    default:
        last_setter(e->x, pos);
        last_setter(e->y, pos);
        return;
    }
}

static char *tstr(const go_type_t *t, char *b)
{
    if (t->kind == GT_UNTYPED_INT)
        return strcpy(b, "untyped int");
    if (t->kind == GT_UNTYPED_STRING)
        return strcpy(b, "untyped string");
    if (t->kind == GT_UNTYPED_BOOL)
        return strcpy(b, "untyped bool");
    if (t->kind == GT_NIL)
        return strcpy(b, "untyped nil");
    if (t->kind == GT_VOID)
        return strcpy(b, "no value");
    return go_type_string(t, b, 200);
}

// convert — e used as a value of type t (assignment, argument, return,
// element). Untyped constants take t (or their default type for an
// interface); a non-interface value for an interface becomes an implicit
// CONVIFACE at `pos`. Fails when e is not assignable to t.
static go_expr_t *convert(checker_t *c, go_expr_t *e, go_type_t *t, go_pos_t pos, const char *ctx)
{
    char a[200], b[200];
    go_type_t *v = e->type;
    if (v->kind == GT_VOID)
        FAIL(c, e->pos, "%s (no value) used as value", "call");
    if (v->kind == GT_NIL) {
        if (t->kind == GT_PTR || t->kind == GT_SLICE || t->kind == GT_FUNC || t->kind == GT_IFACE) {
            e->type = t;
            return e;
        }
        FAIL(c, e->pos, "cannot use nil as %s value in %s", tstr(t, a), ctx);
    }
    if (is_untyped(v)) {
        bool ok = (v->kind == GT_UNTYPED_INT && (t->kind == GT_INT || t->kind == GT_BYTE)) ||
                  (v->kind == GT_UNTYPED_STRING && t->kind == GT_STRING) ||
                  (v->kind == GT_UNTYPED_BOOL && t->kind == GT_BOOL);
        if (ok) {
            if (t->kind == GT_BYTE && is_const(e) && (const_int(e) < 0 || const_int(e) > 255))
                FAIL(c, e->pos,
                     "cannot use %ld (untyped int constant) as byte value in %s (overflows)",
                     const_int(e), ctx);
            e->type = t;
            return e;
        }
        if (t->kind == GT_IFACE && t->nfields == 0) {
            e->type = default_type(c, v);
            v = e->type;
        } else {
            FAIL(c, e->pos, "cannot use %s value as %s value in %s", tstr(v, a), tstr(t, b), ctx);
        }
    }
    if (identical(v, t))
        return e;
    if (t->kind == GT_IFACE) {
        const char *missing = NULL;
        if (v->kind == GT_IFACE) {
            if (!implements(v, t, &missing) && t->nfields > 0) {
                // an interface with the methods of t is assignable too
                for (int i = 0; i < t->nfields; i++) {
                    bool found = false;
                    for (int j = 0; j < v->nfields; j++)
                        found |= !strcmp(v->fields[j].name, t->fields[i].name) &&
                                 identical(v->fields[j].type, t->fields[i].type);
                    if (!found)
                        FAIL(c, e->pos,
                             "cannot use value of type %s as %s value in %s: missing method %s",
                             tstr(v, a), tstr(t, b), ctx, t->fields[i].name);
                }
            }
            return e; // interface to interface: no box
        }
        if (!implements(v, t, &missing))
            FAIL(c, e->pos, "cannot use value of type %s as %s value in %s: missing method %s",
                 tstr(v, a), tstr(t, b), ctx, missing);
        go_expr_t *cv = new_node(c, GE_CONVIFACE, pos, t);
        cv->x = e;
        cv->implicit = true;
        return cv;
    }
    FAIL(c, e->pos, "cannot use value of type %s as %s value in %s", tstr(v, a), tstr(t, b), ctx);
}

static bool addressable(const go_expr_t *e)
{
    switch (e->op) {
    case GE_NAME: return e->var != NULL;
    case GE_DOT: return addressable(e->x);
    case GE_INDEX: return e->x->type->kind == GT_SLICE || addressable(e->x);
    case GE_DOTPTR:
    case GE_DEREF: return true;
    default: return false;
    }
}

// outer_var — the variable at the root of x, x.f, x[i] (array), for &.
static go_var_t *outer_var(const go_expr_t *e)
{
    while (e->op == GE_DOT || (e->op == GE_INDEX && e->x->type->kind == GT_ARRAY))
        e = e->x;
    return e->op == GE_NAME ? e->var : NULL;
}

// use_var — a reference to v from the function being checked: inside a
// closure, an outer variable is captured (by every closure in between).
static void use_var(checker_t *c, go_var_t *v)
{
    if (v->cls == GV_GLOBAL)
        return;
    for (go_func_t *f = c->fn; f && f != v->fn; f = f->outer) {
        bool have = false;
        for (int i = 0; i < f->ncaptured; i++)
            have |= f->captured[i] == v;
        if (!have) {
            go_var_t **n = go_alloc(c->p, (size_t)(f->ncaptured + 1) * sizeof *n);
            if (f->ncaptured)
                memcpy(n, f->captured, (size_t)f->ncaptured * sizeof *n);
            n[f->ncaptured++] = v;
            f->captured = n;
        }
    }
}

static go_type_t *expr_as_type(checker_t *c, go_expr_t *e)
{
    if (e->op == GE_TYPEEXPR)
        return resolve_type(c, e->type, e->pos);
    if (e->op == GE_NAME) {
        ent_t *en = lookup(c, e->lit);
        if (en && en->kind == EN_TYPE)
            return en->type;
        return NULL;
    }
    if (e->op == GE_DEREF) {
        go_type_t *t = expr_as_type(c, e->x);
        if (!t)
            return NULL;
        go_type_t *p = mk_type(c, GT_PTR, NULL);
        p->elem = t;
        return p;
    }
    return NULL;
}

static go_expr_t *check_funclit(checker_t *c, go_expr_t *e)
{
    go_fdecl_t *d = e->decl;
    go_func_t *fn = go_alloc(c->p, sizeof *fn);
    char name[300];
    go_func_t *o = c->fn;
    if (!o->outer && o->recv)
        snprintf(name, sizeof name, "(*%s).%s.func%d", o->recv->type->elem->name, o->name,
                 ++o->nlits);
    else if (!o->outer)
        snprintf(name, sizeof name, "%s.func%d", o->name, ++o->nlits);
    else
        snprintf(name, sizeof name, "%s.%d", o->name, ++o->nlits);
    fn->name = go_strdup(c->p, name);
    fn->pos = e->pos;
    fn->outer = c->fn;
    fn->lit = e;
    e->fn = fn;
    go_func_t *saved = c->fn;
    check_func_body(c, fn, d);
    c->fn = saved;
    e->type = fn->type;
    return e;
}

// pack_args — check a call's arguments against the signature ft: convert
// each, pack variadic extras into the implicit "... argument" slice. The
// conversion position follows the compiler (see the file comment).
static void pack_args(checker_t *c, go_expr_t *call, go_type_t *ft)
{
    int np = ft->nfields;
    int fixed = ft->variadic ? np - 1 : np;
    go_pos_t last = call->pos;
    go_expr_t **args = call->args;
    int n = call->nargs;
    for (int i = 0; i < n; i++) {
        args[i] = check_expr(c, args[i]);
        if (args[i]->type->kind == GT_VOID)
            FAIL(c, args[i]->pos, "call (no value) used as value");
    }
    if (call->ddd) {
        if (!ft->variadic)
            FAIL(c, call->pos, "have (...) but function is not variadic");
        if (n != np)
            FAIL(c, call->pos, "wrong number of arguments in call");
    } else if (n < fixed || (!ft->variadic && n > np)) {
        FAIL(c, call->pos, "%s arguments in call", n < fixed ? "not enough" : "too many");
    }
    go_expr_t **out = go_alloc(c->p, (size_t)(np ? np : 1) * sizeof *out);
    go_expr_t *slice = NULL;
    if (ft->variadic && !call->ddd && n > fixed) {
        slice = new_node(c, GE_SLICELIT, call->pos, ft->fields[np - 1].type);
        slice->implicit = true;
        slice->nargs = n - fixed;
        slice->args = go_alloc(c->p, (size_t)slice->nargs * sizeof *slice->args);
    }
    for (int i = 0; i < n; i++) {
        if (!(args[i]->op == GE_NAME))
            last = args[i]->pos;
        go_type_t *want;
        if (i < fixed || call->ddd)
            want = ft->fields[i].type;
        else
            want = ft->fields[np - 1].type->elem;
        go_expr_t *a = convert(c, args[i], want, last, "argument");
        if (slice && i >= fixed)
            slice->args[i - fixed] = a;
        else
            out[i] = a;
    }
    if (ft->variadic && !call->ddd) {
        if (slice) {
            out[np - 1] = slice;
        } else {
            out[np - 1] = new_node(c, GE_NIL, call->pos, ft->fields[np - 1].type);
        }
    }
    call->args = out;
    call->nargs = np;
}

static go_type_t *fmt_sig(checker_t *c, const char *name, go_pos_t pos)
{
    go_type_t *ft = mk_type(c, GT_FUNC, NULL);
    bool format = !strcmp(name, "Printf") || !strcmp(name, "Sprintf");
    if (!format && strcmp(name, "Println"))
        FAIL(c, pos, "unsupported: fmt.%s", name);
    ft->nfields = format ? 2 : 1;
    ft->fields = go_alloc(c->p, 2 * sizeof(go_field_t));
    go_type_t *s = mk_type(c, GT_SLICE, NULL);
    s->elem = c->t_any;
    if (format) {
        ft->fields[0] = (go_field_t){ .name = "format", .type = c->t_string };
        ft->fields[1] = (go_field_t){ .name = "a", .type = s };
    } else {
        ft->fields[0] = (go_field_t){ .name = "a", .type = s };
    }
    ft->variadic = true;
    ft->result = !strcmp(name, "Sprintf") ? c->t_string : NULL;
    return ft;
}

static go_expr_t *check_builtin(checker_t *c, go_expr_t *e, const char *name)
{
    if (e->ddd && strcmp(name, "append"))
        FAIL(c, e->pos, "invalid use of ... with builtin %s", name);
    if (!strcmp(name, "len")) {
        if (e->nargs != 1)
            FAIL(c, e->pos, "wrong number of arguments to len");
        e->op = GE_LEN;
        e->x = check_expr(c, e->args[0]);
        e->nargs = 0;
        go_kind_t k = e->x->type->kind;
        if (k != GT_SLICE && k != GT_ARRAY && k != GT_STRING && k != GT_UNTYPED_STRING)
            FAIL(c, e->x->pos, "invalid argument for len");
        if (k == GT_UNTYPED_STRING)
            e->x->type = c->t_string;
        e->type = c->t_int;
        return e;
    }
    if (!strcmp(name, "new")) {
        go_type_t *t = e->nargs == 1 ? expr_as_type(c, e->args[0]) : NULL;
        if (!t)
            FAIL(c, e->pos, "new wants one type argument");
        e->op = GE_NEW;
        e->nargs = 0; // the argument was a type
        e->type = mk_type(c, GT_PTR, NULL);
        e->type->elem = t;
        return e;
    }
    if (!strcmp(name, "make")) {
        go_type_t *t = e->nargs >= 1 ? expr_as_type(c, e->args[0]) : NULL;
        if (!t || t->kind != GT_SLICE)
            FAIL(c, e->pos, "unsupported: make of anything but a slice");
        if (e->nargs < 2 || e->nargs > 3)
            FAIL(c, e->pos, "make([]T) wants a length and at most a capacity");
        e->op = GE_MAKE;
        go_expr_t *len_arg = e->args[1], *cap_arg = e->nargs == 3 ? e->args[2] : NULL;
        e->nargs = 0; // operands now in x and y
        e->type = t;
        e->x = convert(c, check_expr(c, len_arg), c->t_int, e->pos, "argument");
        if (!is_integer(e->x->type))
            FAIL(c, e->x->pos, "non-integer len argument in make");
        e->y = cap_arg ? convert(c, check_expr(c, cap_arg), c->t_int, e->pos, "argument") : NULL;
        go_expr_t *sz = e->y ? e->y : e->x;
        e->const_size = is_const(sz);
        e->size_val = e->const_size ? const_int(sz) : 0;
        if (e->const_size && e->size_val < 0)
            FAIL(c, sz->pos, "negative len argument in make");
        if (e->y && is_const(e->x) && e->const_size && const_int(e->x) > e->size_val)
            FAIL(c, e->pos, "len larger than cap in make");
        return e;
    }
    // append
    if (e->nargs < 1)
        FAIL(c, e->pos, "not enough arguments for append");
    e->op = GE_APPEND;
    for (int i = 0; i < e->nargs; i++)
        e->args[i] = check_expr(c, e->args[i]);
    go_type_t *st = e->args[0]->type;
    if (st->kind != GT_SLICE)
        FAIL(c, e->args[0]->pos, "invalid argument: %s is not a slice", "first argument to append");
    if (e->ddd) {
        if (e->nargs != 2)
            FAIL(c, e->pos, "can only use ... with final argument");
        e->args[1] = convert(c, e->args[1], st, e->pos, "argument");
    } else {
        for (int i = 1; i < e->nargs; i++) {
            if (st->elem->kind == GT_IFACE && e->args[i]->type->kind != GT_IFACE &&
                e->args[i]->type->kind != GT_NIL)
                FAIL(c, e->args[i]->pos,
                     "unsupported: append of a non-interface value to a slice of interfaces");
            e->args[i] = convert(c, e->args[i], st->elem, e->args[i]->pos, "argument");
        }
    }
    e->type = st;
    return e;
}

static go_expr_t *check_call(checker_t *c, go_expr_t *e)
{
    go_expr_t *f = e->fun;
    // conversions and builtins
    if (f->op == GE_NAME || f->op == GE_TYPEEXPR || f->op == GE_DEREF) {
        ent_t *en = f->op == GE_NAME ? lookup(c, f->lit) : NULL;
        if (f->op == GE_NAME && en && en->kind == EN_BUILTIN)
            return check_builtin(c, e, f->lit);
        go_type_t *t =
            (f->op != GE_NAME || (en && en->kind == EN_TYPE)) ? expr_as_type(c, f) : NULL;
        if (t) {
            if (e->nargs != 1 || e->ddd)
                FAIL(c, e->pos, "conversion to %s wants one argument", "a type");
            if (t->kind != GT_IFACE)
                FAIL(c, e->pos, "unsupported: conversion to a non-interface type");
            go_expr_t *x = check_expr(c, e->args[0]);
            go_expr_t *cv = convert(c, x, t, e->pos, "conversion");
            if (cv->op == GE_CONVIFACE) {
                cv->implicit = false;
                cv->fun = f;
                return cv;
            }
            go_expr_t *nop = new_node(c, GE_CONVNOP, e->pos, t);
            nop->x = cv;
            nop->fun = f;
            return nop;
        }
    }
    if (f->op == GE_DOT && f->x->op == GE_NAME && !strcmp(f->x->lit, "fmt") && lookup(c, "fmt") &&
        lookup(c, "fmt")->kind == EN_PKG) {
        c->fmt_used = true;
        e->call = GC_FMT;
        e->method = f->sel;
        go_type_t *ft = fmt_sig(c, f->sel, f->pos);
        pack_args(c, e, ft);
        e->type = ft->result ? ft->result : c->t_void;
        return e;
    }
    if (f->op == GE_DOT) {
        go_expr_t *x = check_expr(c, f->x);
        go_type_t *xt = x->type;
        if (xt->kind == GT_IFACE) {
            for (int i = 0; i < xt->nfields; i++)
                if (!strcmp(xt->fields[i].name, f->sel)) {
                    if (c->nvcs == c->capvcs)
                        c->vcs = grow(c->vcs, &c->capvcs, c->nvcs, sizeof *c->vcs);
                    c->vcs[c->nvcs++] = (valcall_t){ e, c->fn };
                    e->call = GC_IFACE;
                    e->recv = x;
                    e->method = f->sel;
                    go_type_t *ft = xt->fields[i].type;
                    pack_args(c, e, ft);
                    e->type = ft->result ? ft->result : c->t_void;
                    return e;
                }
            FAIL(c, f->pos, "%s.%s undefined", "value", f->sel);
        }
        go_type_t *named = xt->kind == GT_PTR ? xt->elem : xt;
        go_func_t *m = named->kind == GT_STRUCT ? find_method(named, f->sel) : NULL;
        if (m) {
            if (xt->kind != GT_PTR) {
                if (!addressable(x))
                    FAIL(c, f->pos, "cannot call pointer method %s on %s", f->sel, named->name);
                go_expr_t *a = new_node(c, GE_ADDR, x->pos, mk_type(c, GT_PTR, NULL));
                a->type->elem = xt;
                a->x = x;
                a->implicit = true;
                go_var_t *v = outer_var(x);
                if (v)
                    v->addrtaken = true;
                x = a;
            }
            e->call = GC_METHOD;
            e->fn = m;
            e->recv = x;
            e->method = f->sel;
            pack_args(c, e, m->type);
            e->type = m->type->result ? m->type->result : c->t_void;
            return e;
        }
        f->x = x; // a field of func type: checked below as a value
        e->fun = check_dot(c, f);
    } else {
        e->fun = check_expr(c, f);
    }
    go_expr_t *fv = e->fun;
    if (fv->type->kind != GT_FUNC)
        FAIL(c, e->pos, "invalid operation: cannot call non-function");
    if (fv->op == GE_NAME && fv->fn) {
        e->call = GC_FUNC;
        e->fn = fv->fn;
    } else {
        e->call = GC_VALUE;
        if (fv->op == GE_FUNCLIT)
            fv->fn->called_directly = true;
        if (c->nvcs == c->capvcs)
            c->vcs = grow(c->vcs, &c->capvcs, c->nvcs, sizeof *c->vcs);
        c->vcs[c->nvcs++] = (valcall_t){ e, c->fn };
    }
    pack_args(c, e, fv->type);
    e->type = fv->type->result ? fv->type->result : c->t_void;
    return e;
}

static go_expr_t *check_complit(checker_t *c, go_expr_t *e)
{
    go_type_t *t = resolve_type(c, e->type, e->pos);
    e->type = t;
    if (t->kind == GT_STRUCT) {
        e->op = GE_STRUCTLIT;
        for (int i = 0; i < e->nargs; i++) {
            if (!e->keys[i])
                FAIL(c, e->args[i]->pos, "unsupported: struct literal without field names");
            int fi = -1;
            for (int j = 0; j < t->nfields; j++)
                if (!strcmp(t->fields[j].name, e->keys[i]))
                    fi = j;
            if (fi < 0)
                FAIL(c, e->args[i]->pos, "unknown field %s in struct literal of type %s",
                     e->keys[i], t->name);
            for (int j = 0; j < i; j++)
                if (!strcmp(e->keys[j], e->keys[i]))
                    FAIL(c, e->args[i]->pos, "duplicate field name %s in struct literal",
                         e->keys[i]);
            go_expr_t *v = check_expr(c, e->args[i]);
            e->args[i] = convert(c, v, t->fields[fi].type, e->kpos[i], "struct literal");
        }
        return e;
    }
    if (t->kind == GT_SLICE || t->kind == GT_ARRAY) {
        e->op = t->kind == GT_SLICE ? GE_SLICELIT : GE_ARRAYLIT;
        if (t->kind == GT_ARRAY && e->nargs > t->len)
            FAIL(c, e->pos, "array index %ld out of bounds [0:%ld]", t->len, t->len);
        for (int i = 0; i < e->nargs; i++) {
            if (e->keys[i])
                FAIL(c, e->args[i]->pos, "unsupported: indexed element in a %s literal",
                     t->kind == GT_SLICE ? "slice" : "array");
            go_expr_t *v = check_expr(c, e->args[i]);
            e->args[i] = convert(c, v, t->elem, v->pos, "slice literal");
        }
        return e;
    }
    FAIL(c, e->pos, "invalid composite literal type");
}

static go_expr_t *check_dot(checker_t *c, go_expr_t *e)
{
    char a[200];
    go_type_t *xt = e->x->type;
    go_type_t *st = xt->kind == GT_PTR ? xt->elem : xt;
    if (st->kind == GT_STRUCT) {
        for (int i = 0; i < st->nfields; i++)
            if (!strcmp(st->fields[i].name, e->sel)) {
                e->op = xt->kind == GT_PTR ? GE_DOTPTR : GE_DOT;
                e->type = st->fields[i].type;
                return e;
            }
        if (find_method(st, e->sel))
            FAIL(c, e->pos, "unsupported: method value");
    }
    if (xt->kind == GT_IFACE)
        FAIL(c, e->pos, "unsupported: method value");
    FAIL(c, e->pos, "%s undefined (type %s has no field or method %s)", e->sel, tstr(xt, a),
         e->sel);
}

static go_expr_t *check_expr(checker_t *c, go_expr_t *e)
{
    char a[200], b[200];
    switch ((int)e->op) {
    case GE_INT: e->type = c->t_uint; return e;
    case GE_STRING: e->type = c->t_ustr; return e;
    case GE_NAME: {
        ent_t *en = lookup(c, e->lit);
        if (!strcmp(e->lit, "_"))
            FAIL(c, e->pos, "cannot use _ as value");
        if (!en)
            FAIL(c, e->pos, "undefined: %s", e->lit);
        switch (en->kind) {
        case EN_VAR:
            en->used = true;
            e->var = en->var;
            e->type = en->var->type;
            use_var(c, en->var);
            return e;
        case EN_FUNC:
            e->fn = en->fn;
            e->type = en->fn->type;
            return e;
        case EN_CONST:
            if (!strcmp(e->lit, "nil")) {
                e->op = GE_NIL;
                e->type = c->t_nil;
            } else {
                e->op = GE_BOOL;
                e->type = c->t_ubool;
            }
            return e;
        case EN_TYPE: FAIL(c, e->pos, "%s (type) is not an expression", e->lit);
        case EN_BUILTIN: FAIL(c, e->pos, "%s (built-in function) must be called", e->lit);
        case EN_PKG: FAIL(c, e->pos, "use of package fmt without selector");
        }
        break;
    }
    case GE_TYPEEXPR: FAIL(c, e->pos, "type is not an expression");
    case GE_BINARY: {
        e->x = check_expr(c, e->x);
        e->y = check_expr(c, e->y);
        go_type_t *xt = e->x->type, *yt = e->y->type;
        const char *op = e->binop;
        bool cmp = strchr("=!<>", op[0]) != NULL;
        bool logic = !strcmp(op, "&&") || !strcmp(op, "||");
        if (xt->kind == GT_VOID || yt->kind == GT_VOID)
            FAIL(c, e->pos, "call (no value) used as value");
        if (is_untyped(xt) && !is_untyped(yt))
            e->x = convert(c, e->x, yt, e->x->pos, "operation"), xt = yt;
        else if (is_untyped(yt) && !is_untyped(xt))
            e->y = convert(c, e->y, xt, e->y->pos, "operation"), yt = xt;
        if (xt->kind == GT_NIL && yt->kind == GT_NIL)
            FAIL(c, e->pos, "invalid operation: %s (operator %s not defined on nil)", op, op);
        if (!identical(xt, yt) && !(xt->kind == yt->kind && is_untyped(xt)))
            FAIL(c, e->pos, "invalid operation: mismatched types %s and %s", tstr(xt, a),
                 tstr(yt, b));
        if (logic) {
            if (xt->kind != GT_BOOL && xt->kind != GT_UNTYPED_BOOL)
                FAIL(c, e->pos, "invalid operation: operator %s not defined on %s", op,
                     tstr(xt, a));
            e->type = xt;
        } else if (cmp) {
            bool order = op[0] == '<' || op[0] == '>';
            go_kind_t k = xt->kind;
            if (order && !is_integer(xt) && k != GT_STRING && k != GT_UNTYPED_STRING)
                FAIL(c, e->pos, "invalid operation: operator %s not defined on %s", op,
                     tstr(xt, a));
            if (k == GT_SLICE || k == GT_FUNC || k == GT_STRUCT || k == GT_ARRAY) {
                if (!(e->x->op == GE_NIL || e->y->op == GE_NIL) || k == GT_STRUCT || k == GT_ARRAY)
                    FAIL(c, e->pos, "unsupported: comparison of %s values", tstr(xt, a));
            }
            if (k == GT_IFACE && (e->x->op != GE_NIL && e->y->op != GE_NIL))
                FAIL(c, e->pos, "unsupported: comparison of interface values");
            e->type = c->t_ubool;
        } else {
            if (xt->kind == GT_STRING || xt->kind == GT_UNTYPED_STRING)
                FAIL(c, e->pos, "unsupported: string concatenation");
            if (!is_integer(xt))
                FAIL(c, e->pos, "invalid operation: operator %s not defined on %s", op,
                     tstr(xt, a));
            e->type = xt;
        }
        return e;
    }
    case GE_UNARY:
        e->x = check_expr(c, e->x);
        if (e->binop[0] == '-' && !is_integer(e->x->type))
            FAIL(c, e->pos, "invalid operation: operator - not defined on %s", tstr(e->x->type, a));
        if (e->binop[0] == '!' && e->x->type->kind != GT_BOOL &&
            e->x->type->kind != GT_UNTYPED_BOOL)
            FAIL(c, e->pos, "invalid operation: operator ! not defined on %s", tstr(e->x->type, a));
        e->type = e->x->type;
        return e;
    case GE_ADDR: {
        if (e->x->op == GE_STRUCTLIT) {
            e->op = GE_PTRLIT;
            e->x = check_complit(c, e->x);
            e->type = mk_type(c, GT_PTR, NULL);
            e->type->elem = e->x->type;
            return e;
        }
        e->x = check_expr(c, e->x);
        if (!addressable(e->x))
            FAIL(c, e->pos, "invalid operation: cannot take address of expression");
        go_var_t *v = outer_var(e->x);
        if (v)
            v->addrtaken = true;
        e->type = mk_type(c, GT_PTR, NULL);
        e->type->elem = e->x->type;
        return e;
    }
    case GE_DEREF:
        e->x = check_expr(c, e->x);
        if (e->x->type->kind != GT_PTR)
            FAIL(c, e->pos, "invalid operation: cannot indirect %s", tstr(e->x->type, a));
        e->type = e->x->type->elem;
        return e;
    case GE_DOT:
        if (e->x->op == GE_NAME && !strcmp(e->x->lit, "fmt") && lookup(c, "fmt") &&
            lookup(c, "fmt")->kind == EN_PKG)
            FAIL(c, e->pos, "unsupported: fmt.%s used as a value", e->sel);
        e->x = check_expr(c, e->x);
        return check_dot(c, e);
    case GE_INDEX: {
        e->x = check_expr(c, e->x);
        go_type_t *xt = e->x->type;
        e->y = check_expr(c, e->y);
        if (!is_integer(e->y->type))
            FAIL(c, e->y->pos, "invalid argument: index must be an integer");
        e->y = convert(c, e->y, c->t_int, e->y->pos, "index");
        if (xt->kind == GT_SLICE || xt->kind == GT_ARRAY) {
            if (xt->kind == GT_ARRAY && is_const(e->y) &&
                (const_int(e->y) < 0 || const_int(e->y) >= xt->len))
                FAIL(c, e->y->pos, "invalid argument: index %ld out of bounds [0:%ld]",
                     const_int(e->y), xt->len);
            if (is_const(e->y) && const_int(e->y) < 0)
                FAIL(c, e->y->pos,
                     "invalid argument: index %ld (constant of type int) must not be negative",
                     const_int(e->y));
            e->type = xt->elem;
            return e;
        }
        FAIL(c, e->pos, "unsupported: indexing a %s", tstr(xt, a));
    }
    case GE_CALL: return check_call(c, e);
    case GE_STRUCTLIT: return check_complit(c, e);
    case GE_FUNCLIT: return check_funclit(c, e);
    default: FAIL(c, e->pos, "unsupported: expression");
    }
    return e;
}

// ---- statements ------------------------------------------------------------

static go_var_t *new_var(checker_t *c, const char *name, go_pos_t pos, go_type_t *t, go_class_t cls)
{
    go_var_t *v = go_alloc(c->p, sizeof *v);
    v->name = name;
    v->pos = pos;
    v->type = t;
    v->cls = cls;
    v->fn = c->fn;
    v->leak_heap = v->leak_result = -1;
    if (c->fn) {
        go_func_t *f = c->fn;
        go_var_t **n = go_alloc(c->p, (size_t)(f->ndcl + 1) * sizeof *n);
        if (f->ndcl)
            memcpy(n, f->dcl, (size_t)f->ndcl * sizeof *n);
        v->index = f->ndcl;
        n[f->ndcl++] = v;
        f->dcl = n;
    }
    return v;
}

// check_lhs — the target of an assignment; marks a variable reassigned.
static go_expr_t *check_lhs(checker_t *c, go_expr_t *e)
{
    if (e->op == GE_NAME && !strcmp(e->lit, "_"))
        return NULL;
    if (e->op == GE_NAME) {
        ent_t *en = lookup(c, e->lit);
        if (!en)
            FAIL(c, e->pos, "undefined: %s", e->lit);
        if (en->kind != EN_VAR)
            FAIL(c, e->pos, "cannot assign to %s", e->lit);
        e->var = en->var;
        e->type = en->var->type;
        en->var->reassigned = true;
        use_var(c, en->var);
        return e;
    }
    e = check_expr(c, e);
    if (!addressable(e))
        FAIL(c, e->pos, "cannot assign to expression");
    return e;
}

static void check_stmt(checker_t *c, go_stmt_t *s)
{
    char a[200];
    switch (s->op) {
    case GS_DECL: {
        go_type_t *t = s->dtype ? resolve_type(c, s->dtype, s->lhs->pos) : NULL;
        go_expr_t *rhs = s->rhs ? check_expr(c, s->rhs) : NULL;
        if (rhs) {
            if (!t) {
                if (rhs->type->kind == GT_NIL)
                    FAIL(c, rhs->pos, "use of untyped nil in assignment");
                if (rhs->type->kind == GT_VOID)
                    FAIL(c, rhs->pos, "call (no value) used as value");
                t = default_type(c, rhs->type);
            }
            go_pos_t at = s->lhs->pos;
            last_setter(rhs, &at);
            rhs = convert(c, rhs, t, at, "variable declaration");
            s->rhs = rhs;
        }
        if (!strcmp(s->lhs->lit, "_"))
            FAIL(c, s->lhs->pos, "unsupported: blank variable declaration");
        ent_t *en = declare(c, c->cur, s->lhs->lit, EN_VAR, s->lhs->pos);
        en->var = new_var(c, s->lhs->lit, s->lhs->pos, t, GV_AUTO);
        en->var->defn = rhs ? s : NULL;
        s->var = en->var;
        s->lhs->var = en->var;
        s->lhs->type = t;
        if (go_type_size(t) > ((long)1 << 40))
            FAIL(c, s->lhs->pos, "unsupported: variable too large");
        break;
    }
    case GS_ASSIGN: {
        go_expr_t *rhs = check_expr(c, s->rhs);
        go_expr_t *lhs = check_lhs(c, s->lhs);
        s->lhs = lhs;
        if (!lhs) {
            if (rhs->type->kind == GT_NIL)
                FAIL(c, rhs->pos, "use of untyped nil in assignment");
            if (rhs->type->kind == GT_VOID)
                FAIL(c, rhs->pos, "call (no value) used as value");
            rhs->type = default_type(c, rhs->type);
            s->rhs = rhs;
            break;
        }
        go_pos_t at = s->pos;
        last_setter(rhs, &at);
        last_setter(lhs, &at);
        s->rhs = convert(c, rhs, lhs->type, at, "assignment");
        break;
    }
    case GS_OPASSIGN: {
        go_expr_t *lhs = check_lhs(c, s->lhs);
        if (!lhs)
            FAIL(c, s->lhs->pos, "cannot use _ as value");
        if (lhs->op == GE_NAME) {
            ent_t *en = lookup(c, lhs->lit);
            if (en)
                en->used = true;
        }
        if (!is_integer(lhs->type))
            FAIL(c, s->pos, "invalid operation: operator %s not defined on %s", s->binop,
                 tstr(lhs->type, a));
        s->lhs = lhs;
        s->rhs = convert(c, check_expr(c, s->rhs), lhs->type, s->rhs->pos, "assignment");
        break;
    }
    case GS_EXPR: {
        go_expr_t *e = check_expr(c, s->rhs);
        if (e->op != GE_CALL)
            FAIL(c, s->pos, "%s (value) is not used", "expression");
        s->rhs = e;
        break;
    }
    case GS_IF: {
        s->cond = check_expr(c, s->cond);
        if (s->cond->type->kind != GT_BOOL && s->cond->type->kind != GT_UNTYPED_BOOL)
            FAIL(c, s->cond->pos, "non-boolean condition in if statement");
        s->cond->type = c->t_bool;
        check_block(c, &s->body, true);
        check_block(c, &s->els, true);
        break;
    }
    case GS_FOR:
        push_scope(c);
        if (s->init)
            check_stmt(c, s->init);
        if (s->cond) {
            s->cond = check_expr(c, s->cond);
            if (s->cond->type->kind != GT_BOOL && s->cond->type->kind != GT_UNTYPED_BOOL)
                FAIL(c, s->cond->pos, "non-boolean condition in for statement");
            s->cond->type = c->t_bool;
        }
        if (s->post)
            check_stmt(c, s->post);
        check_block(c, &s->body, true);
        pop_scope(c);
        break;
    case GS_RETURN: {
        go_var_t *r = c->fn->result;
        if (s->rhs) {
            if (!r)
                FAIL(c, s->rhs->pos, "too many return values");
            go_expr_t *v = check_expr(c, s->rhs);
            s->rhs = convert(c, v, r->type, v->pos, "return statement");
        } else if (r && !strcmp(r->name, "~r0")) {
            FAIL(c, s->pos, "not enough return values");
        }
        break;
    }
    case GS_BLOCK: check_block(c, &s->body, true); break;
    }
}

static void check_block(checker_t *c, go_block_t *b, bool new_scope)
{
    if (new_scope)
        push_scope(c);
    for (int i = 0; i < b->n; i++)
        check_stmt(c, b->stmts[i]);
    if (new_scope)
        pop_scope(c);
}

static bool terminates(const go_block_t *b)
{
    if (b->n == 0)
        return false;
    const go_stmt_t *s = b->stmts[b->n - 1];
    switch (s->op) {
    case GS_RETURN: return true;
    case GS_BLOCK: return terminates(&s->body);
    case GS_IF: return s->els.n && terminates(&s->body) && terminates(&s->els);
    case GS_FOR: return s->cond == NULL; // no break statements in the subset
    default: return false;
    }
}

static void add_func(checker_t *c, go_func_t *fn)
{
    c->funcs = grow(c->funcs, &c->capfuncs, c->nfuncs, sizeof *c->funcs);
    fn->index = c->nfuncs;
    c->funcs[c->nfuncs++] = fn;
}

// declare_signature — the receiver, parameter and result variables of fn,
// in the compiler's Dcl order, in the current (function) scope.
static void declare_signature(checker_t *c, go_func_t *fn, go_fdecl_t *d)
{
    go_type_t *ft = mk_type(c, GT_FUNC, NULL);
    ft->nfields = d->nparams;
    ft->fields = d->params;
    ft->variadic = d->variadic;
    for (int i = 0; i < d->nparams; i++)
        d->params[i].type = resolve_type(c, d->params[i].type, d->params[i].pos);
    ft->result = d->result.type ? resolve_type(c, d->result.type, d->result.pos) : NULL;
    fn->type = ft;
    if (d->nparams + (d->has_recv ? 1 : 0) > 15)
        FAIL(c, d->pos, "unsupported: more than 15 parameters");
    c->fn = fn;
    if (d->has_recv) {
        go_type_t *rt = resolve_type(c, d->recv.type, d->recv.pos);
        const char *rn = d->recv.name && *d->recv.name ? d->recv.name : "";
        fn->recv = new_var(c, rn, d->recv.pos, rt, GV_PARAM);
        if (*rn)
            declare(c, c->cur, rn, EN_VAR, d->recv.pos)->var = fn->recv;
        fn->recv->index = 0;
    }
    fn->nparams = d->nparams;
    fn->params = go_alloc(c->p, (size_t)(d->nparams ? d->nparams : 1) * sizeof *fn->params);
    for (int i = 0; i < d->nparams; i++) {
        const char *n = d->params[i].name ? d->params[i].name : "";
        fn->params[i] = new_var(c, n, d->params[i].pos, d->params[i].type, GV_PARAM);
        if (*n) {
            ent_t *en = declare(c, c->cur, n, EN_VAR, d->params[i].pos);
            if (en)
                en->var = fn->params[i];
        }
    }
    if (ft->result) {
        const char *n = d->result.name && *d->result.name ? d->result.name : "~r0";
        fn->result = new_var(c, n, d->result.pos, ft->result, GV_RESULT);
        if (strcmp(n, "~r0")) {
            ent_t *en = declare(c, c->cur, n, EN_VAR, d->result.pos);
            if (en)
                en->var = fn->result;
        }
    }
}

static void check_func_body(checker_t *c, go_func_t *fn, go_fdecl_t *d)
{
    push_scope(c);
    c->cur->fn = fn;
    declare_signature(c, fn, d);
    if (fn->outer)
        add_func(c, fn);
    fn->body = d->body;
    check_block(c, &fn->body, false);
    if (fn->result && !terminates(&fn->body))
        FAIL(c, fn->pos, "missing return");
    pop_scope(c);
}

// static_value — the compiler's ir.StaticValue: follow a local variable to
// its one definition while it is never assigned again or address-taken
// (and only in its own function), and conversions that change nothing.
static go_expr_t *static_value(go_expr_t *e, go_func_t *in)
{
    for (int hops = 0; hops < 100; hops++) {
        if (e->op == GE_CONVNOP) {
            e = e->x;
            continue;
        }
        if (e->op != GE_NAME || !e->var)
            return e;
        go_var_t *v = e->var;
        if (v->cls != GV_AUTO || v->fn != in || !v->defn || v->reassigned || v->addrtaken)
            return e;
        e = v->defn->rhs;
    }
    return e;
}

// static_callee — the compiler's ir.StaticValue for a call of a func value:
// follow a local variable to its one definition while it is never assigned
// again or address-taken, and only in its own function.
static go_func_t *static_callee(go_expr_t *fv, go_func_t *in)
{
    for (int hops = 0; hops < 100; hops++) {
        if (fv->op == GE_FUNCLIT)
            return fv->fn;
        if (fv->op != GE_NAME)
            return NULL;
        if (fv->fn)
            return fv->fn;
        go_var_t *v = fv->var;
        if (!v || v->cls != GV_AUTO || v->fn != in || !v->defn || v->reassigned || v->addrtaken)
            return NULL;
        fv = v->defn->rhs;
    }
    return NULL;
}

void go_check_file(go_program_t *p, go_errctx_t *ec, go_file_t *f)
{
    checker_t c = { .p = p, .ec = ec, .f = f };
    grow_prog = p;
    push_scope(&c);
    c.universe = c.cur;
    c.t_int = mk_type(&c, GT_INT, "int");
    c.t_bool = mk_type(&c, GT_BOOL, "bool");
    c.t_byte = mk_type(&c, GT_BYTE, "byte");
    c.t_string = mk_type(&c, GT_STRING, "string");
    c.t_any = mk_type(&c, GT_IFACE, "any");
    c.t_nil = mk_type(&c, GT_NIL, NULL);
    c.t_uint = mk_type(&c, GT_UNTYPED_INT, NULL);
    c.t_ustr = mk_type(&c, GT_UNTYPED_STRING, NULL);
    c.t_ubool = mk_type(&c, GT_UNTYPED_BOOL, NULL);
    c.t_void = mk_type(&c, GT_VOID, NULL);
    go_pos_t none = { 0, 0 };
    declare(&c, c.cur, "int", EN_TYPE, none)->type = c.t_int;
    declare(&c, c.cur, "bool", EN_TYPE, none)->type = c.t_bool;
    declare(&c, c.cur, "byte", EN_TYPE, none)->type = c.t_byte;
    declare(&c, c.cur, "string", EN_TYPE, none)->type = c.t_string;
    declare(&c, c.cur, "any", EN_TYPE, none)->type = c.t_any;
    declare(&c, c.cur, "true", EN_CONST, none);
    declare(&c, c.cur, "false", EN_CONST, none);
    declare(&c, c.cur, "nil", EN_CONST, none);
    declare(&c, c.cur, "len", EN_BUILTIN, none);
    declare(&c, c.cur, "append", EN_BUILTIN, none);
    declare(&c, c.cur, "new", EN_BUILTIN, none);
    declare(&c, c.cur, "make", EN_BUILTIN, none);
    push_scope(&c);
    c.pkg = c.cur;
    if (f->imports_fmt)
        declare(&c, c.cur, "fmt", EN_PKG, f->fmt_pos);
    // types: declare every name first so that they may refer to each other
    for (int i = 0; i < f->ntypes; i++) {
        go_tdecl_t *td = &f->types[i];
        td->type->name = td->name;
        declare(&c, c.cur, td->name, EN_TYPE, td->pos)->type = td->type;
    }
    for (int i = 0; i < f->ntypes; i++)
        resolve_body(&c, f->types[i].type, f->types[i].pos);
    for (int i = 0; i < f->ntypes; i++)
        if (go_type_size(f->types[i].type) < 0)
            FAIL(&c, f->types[i].pos, "invalid recursive type %s", f->types[i].name);
    // globals
    p->nglobals = f->nglobals;
    p->globals = go_alloc(p, (size_t)(f->nglobals + 1) * sizeof *p->globals);
    for (int i = 0; i < f->nglobals; i++) {
        go_field_t *g = &f->globals[i];
        go_var_t *v = new_var(&c, g->name, g->pos, resolve_type(&c, g->type, g->pos), GV_GLOBAL);
        p->globals[i] = v;
        ent_t *en = declare(&c, c.cur, g->name, EN_VAR, g->pos);
        if (en)
            en->var = v;
    }
    // functions and methods: signatures first
    go_func_t **fns = go_alloc(p, (size_t)(f->nfuncs + 1) * sizeof *fns);
    bool has_main = false;
    for (int i = 0; i < f->nfuncs; i++) {
        go_fdecl_t *d = &f->funcs[i];
        go_func_t *fn = go_alloc(p, sizeof *fn);
        fn->name = d->name;
        fn->pos = d->pos;
        fns[i] = fn;
        add_func(&c, fn);
        if (d->has_recv) {
            go_type_t *rt = resolve_type(&c, d->recv.type, d->recv.pos);
            go_type_t *st = rt->elem;
            if (st->kind != GT_STRUCT)
                FAIL(&c, d->recv.pos, "unsupported: method on a type other than a struct");
            for (int j = 0; j < st->nfields; j++)
                if (!strcmp(st->fields[j].name, d->name))
                    FAIL(&c, d->pos, "field and method with the same name %s", d->name);
            if (find_method(st, d->name))
                FAIL(&c, d->pos, "method %s.%s already declared", st->name, d->name);
            go_func_t **m = go_alloc(p, (size_t)(st->nmethods + 1) * sizeof *m);
            if (st->nmethods)
                memcpy(m, st->methods, (size_t)st->nmethods * sizeof *m);
            m[st->nmethods++] = fn;
            st->methods = m;
        } else {
            if (!strcmp(d->name, "main")) {
                has_main = true;
                if (d->nparams || d->result.type)
                    FAIL(&c, d->pos, "func main must have no arguments and no return values");
            }
            if (!strcmp(d->name, "init"))
                FAIL(&c, d->pos, "unsupported: init function");
            if (strcmp(d->name, "_"))
                declare(&c, c.cur, d->name, EN_FUNC, d->pos)->fn = fn;
        }
        // the signature's types, for calls checked before this body
        go_type_t *ft = mk_type(&c, GT_FUNC, NULL);
        for (int j = 0; j < d->nparams; j++)
            d->params[j].type = resolve_type(&c, d->params[j].type, d->params[j].pos);
        ft->nfields = d->nparams;
        ft->fields = d->params;
        ft->variadic = d->variadic;
        ft->result = d->result.type ? resolve_type(&c, d->result.type, d->result.pos) : NULL;
        fn->type = ft;
    }
    if (!has_main)
        FAIL(&c, (go_pos_t){ 1, 1 }, "function main is undeclared in the main package");
    p->ndecls = f->nfuncs;
    for (int i = 0; i < f->nfuncs; i++) {
        go_fdecl_t *d = &f->funcs[i];
        go_func_t *fn = fns[i];
        go_type_t *ft = fn->type;
        c.fn = fn;
        check_func_body(&c, fn, d);
        fn->type = ft; // keep the type calls already point at
        c.fn = NULL;
        if (!fn->result && false)
            (void)0;
    }
    if (f->imports_fmt && !c.fmt_used)
        FAIL(&c, f->fmt_pos, "\"fmt\" imported and not used");
    for (int i = 0; i < c.nvcs; i++) {
        go_expr_t *call = c.vcs[i].call;
        if (call->call == GC_IFACE) {
            // the compiler's devirtualize pass turns a call on an interface
            // that always holds one concrete type into a direct call
            go_expr_t *v = static_value(call->recv, c.vcs[i].fn);
            if (v->op == GE_CONVIFACE)
                FAIL(&c, call->pos,
                     "unsupported: interface method call the compiler devirtualizes "
                     "(the interface always holds a %s)",
                     tstr(v->x->type, (char[200]){ 0 }));
            continue;
        }
        call->fn = static_callee(call->fun, c.vcs[i].fn);
    }
    p->nfuncs = c.nfuncs;
    p->funcs = go_alloc(p, (size_t)(c.nfuncs + 1) * sizeof *p->funcs);
    memcpy(p->funcs, c.funcs, (size_t)c.nfuncs * sizeof *p->funcs);
}

// gocheck_expr.c — expressions for the escape lab's checker, and the
// compiler's implicit steps made explicit (see gocheck.c's header): implicit
// interface conversions positioned where Go 1.19 positions them, variadic
// arguments packed into the "... argument" slice, the implicit & of a
// method call, builtins, conversions, composite literals, func literals.
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "gocheck.h"

// gck_last_setter — the compiler's base.Pos after translating e: walked in
// post-order, a variable or function name moves it to the name, a call of a
// function, method or func value and a composite literal move it to their
// '(' or '{' once their operands are done; constants, operators, selectors,
// indexing and builtins leave it. (Found by experiment with Go 1.19: it is
// where an implicit interface conversion in `x = v` and `var x I = v` is
// positioned.)
void gck_last_setter(const go_expr_t *e, go_pos_t *pos)
{
    if (!e)
        return;
    switch (e->op) {
    case GE_NAME: *pos = e->pos; return;
    case GE_CALL:
        if (e->call == GC_METHOD || e->call == GC_IFACE)
            gck_last_setter(e->recv, pos);
        else if (e->call != GC_FMT)
            gck_last_setter(e->fun, pos);
        for (int i = 0; i < e->nargs; i++)
            gck_last_setter(e->args[i], pos);
        *pos = e->pos;
        return;
    case GE_STRUCTLIT:
    case GE_ARRAYLIT:
    case GE_SLICELIT:
        for (int i = 0; i < e->nargs; i++)
            gck_last_setter(e->args[i], pos);
        *pos = e->pos;
        return;
    case GE_APPEND:
        for (int i = 0; i < e->nargs; i++)
            gck_last_setter(e->args[i], pos);
        return;
    case GE_FUNCLIT: return;
    default:
        gck_last_setter(e->x, pos);
        gck_last_setter(e->y, pos);
        return;
    }
}

// gck_convert — e used as a value of type t (assignment, argument, return,
// element). Untyped constants take t (or their default type for an
// interface); a non-interface value for an interface becomes an implicit
// CONVIFACE at `pos`. Fails when e is not assignable to t.
go_expr_t *gck_convert(checker_t *c, go_expr_t *e, go_type_t *t, go_pos_t pos, const char *ctx)
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
        FAIL(c, e->pos, "cannot use nil as %s value in %s", gck_tstr(t, a), ctx);
    }
    if (gck_is_untyped(v)) {
        bool ok = (v->kind == GT_UNTYPED_INT && (t->kind == GT_INT || t->kind == GT_BYTE)) ||
                  (v->kind == GT_UNTYPED_STRING && t->kind == GT_STRING) ||
                  (v->kind == GT_UNTYPED_BOOL && t->kind == GT_BOOL);
        if (ok) {
            if (t->kind == GT_BYTE && gck_is_const(e) &&
                (gck_const_int(e) < 0 || gck_const_int(e) > 255))
                FAIL(c, e->pos,
                     "cannot use %ld (untyped int constant) as byte value in %s (overflows)",
                     gck_const_int(e), ctx);
            e->type = t;
            return e;
        }
        if (t->kind == GT_IFACE && t->nfields == 0) {
            e->type = gck_default_type(c, v);
            v = e->type;
        } else {
            FAIL(c, e->pos, "cannot use %s value as %s value in %s", gck_tstr(v, a), gck_tstr(t, b),
                 ctx);
        }
    }
    if (gck_identical(v, t))
        return e;
    if (t->kind == GT_IFACE) {
        const char *missing = NULL;
        if (v->kind == GT_IFACE) {
            if (!gck_implements(v, t, &missing) && t->nfields > 0) {
                // an interface with the methods of t is assignable too
                for (int i = 0; i < t->nfields; i++) {
                    bool found = false;
                    for (int j = 0; j < v->nfields; j++)
                        found |= !strcmp(v->fields[j].name, t->fields[i].name) &&
                                 gck_identical(v->fields[j].type, t->fields[i].type);
                    if (!found)
                        FAIL(c, e->pos,
                             "cannot use value of type %s as %s value in %s: missing method %s",
                             gck_tstr(v, a), gck_tstr(t, b), ctx, t->fields[i].name);
                }
            }
            return e; // interface to interface: no box
        }
        if (!gck_implements(v, t, &missing))
            FAIL(c, e->pos, "cannot use value of type %s as %s value in %s: missing method %s",
                 gck_tstr(v, a), gck_tstr(t, b), ctx, missing);
        go_expr_t *cv = gck_new_node(c, GE_CONVIFACE, pos, t);
        cv->x = e;
        cv->implicit = true;
        return cv;
    }
    FAIL(c, e->pos, "cannot use value of type %s as %s value in %s", gck_tstr(v, a), gck_tstr(t, b),
         ctx);
}

bool gck_addressable(const go_expr_t *e)
{
    switch (e->op) {
    case GE_NAME: return e->var != NULL;
    case GE_DOT: return gck_addressable(e->x);
    case GE_INDEX: return e->x->type->kind == GT_SLICE || gck_addressable(e->x);
    case GE_DOTPTR:
    case GE_DEREF: return true;
    default: return false;
    }
}

// gck_outer_var — the variable at the root of x, x.f, x[i] (array), for &.
go_var_t *gck_outer_var(const go_expr_t *e)
{
    while (e->op == GE_DOT || (e->op == GE_INDEX && e->x->type->kind == GT_ARRAY))
        e = e->x;
    return e->op == GE_NAME ? e->var : NULL;
}

// gck_use_var — a reference to v from the function being checked: inside a
// closure, an outer variable is captured (by every closure in between).
void gck_use_var(checker_t *c, go_var_t *v)
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

go_type_t *gck_expr_as_type(checker_t *c, go_expr_t *e)
{
    if (e->op == GE_TYPEEXPR)
        return gck_resolve_type(c, e->type, e->pos);
    if (e->op == GE_NAME) {
        ent_t *en = gck_lookup(c, e->lit);
        if (en && en->kind == EN_TYPE)
            return en->type;
        return NULL;
    }
    if (e->op == GE_DEREF) {
        go_type_t *t = gck_expr_as_type(c, e->x);
        if (!t)
            return NULL;
        go_type_t *p = gck_mk_type(c, GT_PTR, NULL);
        p->elem = t;
        return p;
    }
    return NULL;
}

go_expr_t *gck_check_funclit(checker_t *c, go_expr_t *e)
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
    gck_check_func_body(c, fn, d);
    c->fn = saved;
    e->type = fn->type;
    return e;
}

// gck_pack_args — check a call's arguments against the signature ft: gck_convert
// each, pack variadic extras into the implicit "... argument" slice. The
// conversion position follows the compiler (see the file comment).
void gck_pack_args(checker_t *c, go_expr_t *call, go_type_t *ft)
{
    int np = ft->nfields;
    int fixed = ft->variadic ? np - 1 : np;
    go_pos_t last = call->pos;
    go_expr_t **args = call->args;
    int n = call->nargs;
    for (int i = 0; i < n; i++) {
        args[i] = gck_check_expr(c, args[i]);
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
        slice = gck_new_node(c, GE_SLICELIT, call->pos, ft->fields[np - 1].type);
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
        go_expr_t *a = gck_convert(c, args[i], want, last, "argument");
        if (slice && i >= fixed)
            slice->args[i - fixed] = a;
        else
            out[i] = a;
    }
    if (ft->variadic && !call->ddd) {
        if (slice) {
            out[np - 1] = slice;
        } else {
            out[np - 1] = gck_new_node(c, GE_NIL, call->pos, ft->fields[np - 1].type);
        }
    }
    call->args = out;
    call->nargs = np;
}

go_type_t *gck_fmt_sig(checker_t *c, const char *name, go_pos_t pos)
{
    go_type_t *ft = gck_mk_type(c, GT_FUNC, NULL);
    bool format = !strcmp(name, "Printf") || !strcmp(name, "Sprintf");
    if (!format && strcmp(name, "Println"))
        FAIL(c, pos, "unsupported: fmt.%s", name);
    ft->nfields = format ? 2 : 1;
    ft->fields = go_alloc(c->p, 2 * sizeof(go_field_t));
    go_type_t *s = gck_mk_type(c, GT_SLICE, NULL);
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

go_expr_t *gck_check_builtin(checker_t *c, go_expr_t *e, const char *name)
{
    if (e->ddd && strcmp(name, "append"))
        FAIL(c, e->pos, "invalid use of ... with builtin %s", name);
    if (!strcmp(name, "len")) {
        if (e->nargs != 1)
            FAIL(c, e->pos, "wrong number of arguments to len");
        e->op = GE_LEN;
        e->x = gck_check_expr(c, e->args[0]);
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
        go_type_t *t = e->nargs == 1 ? gck_expr_as_type(c, e->args[0]) : NULL;
        if (!t)
            FAIL(c, e->pos, "new wants one type argument");
        e->op = GE_NEW;
        e->nargs = 0; // the argument was a type
        e->type = gck_mk_type(c, GT_PTR, NULL);
        e->type->elem = t;
        return e;
    }
    if (!strcmp(name, "make")) {
        go_type_t *t = e->nargs >= 1 ? gck_expr_as_type(c, e->args[0]) : NULL;
        if (!t || t->kind != GT_SLICE)
            FAIL(c, e->pos, "unsupported: make of anything but a slice");
        if (e->nargs < 2 || e->nargs > 3)
            FAIL(c, e->pos, "make([]T) wants a length and at most a capacity");
        e->op = GE_MAKE;
        go_expr_t *len_arg = e->args[1], *cap_arg = e->nargs == 3 ? e->args[2] : NULL;
        e->nargs = 0; // operands now in x and y
        e->type = t;
        e->x = gck_convert(c, gck_check_expr(c, len_arg), c->t_int, e->pos, "argument");
        if (!gck_is_integer(e->x->type))
            FAIL(c, e->x->pos, "non-integer len argument in make");
        e->y = cap_arg ? gck_convert(c, gck_check_expr(c, cap_arg), c->t_int, e->pos, "argument")
                       : NULL;
        go_expr_t *sz = e->y ? e->y : e->x;
        e->const_size = gck_is_const(sz);
        e->size_val = e->const_size ? gck_const_int(sz) : 0;
        if (e->const_size && e->size_val < 0)
            FAIL(c, sz->pos, "negative len argument in make");
        if (e->y && gck_is_const(e->x) && e->const_size && gck_const_int(e->x) > e->size_val)
            FAIL(c, e->pos, "len larger than cap in make");
        return e;
    }
    // append
    if (e->nargs < 1)
        FAIL(c, e->pos, "not enough arguments for append");
    e->op = GE_APPEND;
    for (int i = 0; i < e->nargs; i++)
        e->args[i] = gck_check_expr(c, e->args[i]);
    go_type_t *st = e->args[0]->type;
    if (st->kind != GT_SLICE)
        FAIL(c, e->args[0]->pos, "invalid argument: %s is not a slice", "first argument to append");
    if (e->ddd) {
        if (e->nargs != 2)
            FAIL(c, e->pos, "can only use ... with final argument");
        e->args[1] = gck_convert(c, e->args[1], st, e->pos, "argument");
    } else {
        for (int i = 1; i < e->nargs; i++) {
            if (st->elem->kind == GT_IFACE && e->args[i]->type->kind != GT_IFACE &&
                e->args[i]->type->kind != GT_NIL)
                FAIL(c, e->args[i]->pos,
                     "unsupported: append of a non-interface value to a slice of interfaces");
            e->args[i] = gck_convert(c, e->args[i], st->elem, e->args[i]->pos, "argument");
        }
    }
    e->type = st;
    return e;
}

go_expr_t *gck_check_call(checker_t *c, go_expr_t *e)
{
    go_expr_t *f = e->fun;
    // conversions and builtins
    if (f->op == GE_NAME || f->op == GE_TYPEEXPR || f->op == GE_DEREF) {
        ent_t *en = f->op == GE_NAME ? gck_lookup(c, f->lit) : NULL;
        if (f->op == GE_NAME && en && en->kind == EN_BUILTIN)
            return gck_check_builtin(c, e, f->lit);
        go_type_t *t =
            (f->op != GE_NAME || (en && en->kind == EN_TYPE)) ? gck_expr_as_type(c, f) : NULL;
        if (t) {
            if (e->nargs != 1 || e->ddd)
                FAIL(c, e->pos, "conversion to %s wants one argument", "a type");
            if (t->kind != GT_IFACE)
                FAIL(c, e->pos, "unsupported: conversion to a non-interface type");
            go_expr_t *x = gck_check_expr(c, e->args[0]);
            go_expr_t *cv = gck_convert(c, x, t, e->pos, "conversion");
            if (cv->op == GE_CONVIFACE) {
                cv->implicit = false;
                cv->fun = f;
                return cv;
            }
            go_expr_t *nop = gck_new_node(c, GE_CONVNOP, e->pos, t);
            nop->x = cv;
            nop->fun = f;
            return nop;
        }
    }
    if (f->op == GE_DOT && f->x->op == GE_NAME && !strcmp(f->x->lit, "fmt") &&
        gck_lookup(c, "fmt") && gck_lookup(c, "fmt")->kind == EN_PKG) {
        c->fmt_used = true;
        e->call = GC_FMT;
        e->method = f->sel;
        go_type_t *ft = gck_fmt_sig(c, f->sel, f->pos);
        gck_pack_args(c, e, ft);
        e->type = ft->result ? ft->result : c->t_void;
        return e;
    }
    if (f->op == GE_DOT) {
        go_expr_t *x = gck_check_expr(c, f->x);
        go_type_t *xt = x->type;
        if (xt->kind == GT_IFACE) {
            for (int i = 0; i < xt->nfields; i++)
                if (!strcmp(xt->fields[i].name, f->sel)) {
                    if (c->nvcs == c->capvcs)
                        c->vcs = gck_grow(c->vcs, &c->capvcs, c->nvcs, sizeof *c->vcs);
                    c->vcs[c->nvcs++] = (valcall_t){ e, c->fn };
                    e->call = GC_IFACE;
                    e->recv = x;
                    e->method = f->sel;
                    go_type_t *ft = xt->fields[i].type;
                    gck_pack_args(c, e, ft);
                    e->type = ft->result ? ft->result : c->t_void;
                    return e;
                }
            FAIL(c, f->pos, "%s.%s undefined", "value", f->sel);
        }
        go_type_t *named = xt->kind == GT_PTR ? xt->elem : xt;
        go_func_t *m = named->kind == GT_STRUCT ? gck_find_method(named, f->sel) : NULL;
        if (m) {
            if (xt->kind != GT_PTR) {
                if (!gck_addressable(x))
                    FAIL(c, f->pos, "cannot call pointer method %s on %s", f->sel, named->name);
                go_expr_t *a = gck_new_node(c, GE_ADDR, x->pos, gck_mk_type(c, GT_PTR, NULL));
                a->type->elem = xt;
                a->x = x;
                a->implicit = true;
                go_var_t *v = gck_outer_var(x);
                if (v)
                    v->addrtaken = true;
                x = a;
            }
            e->call = GC_METHOD;
            e->fn = m;
            e->recv = x;
            e->method = f->sel;
            gck_pack_args(c, e, m->type);
            e->type = m->type->result ? m->type->result : c->t_void;
            return e;
        }
        f->x = x; // a field of func type: checked below as a value
        e->fun = gck_check_dot(c, f);
    } else {
        e->fun = gck_check_expr(c, f);
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
            c->vcs = gck_grow(c->vcs, &c->capvcs, c->nvcs, sizeof *c->vcs);
        c->vcs[c->nvcs++] = (valcall_t){ e, c->fn };
    }
    gck_pack_args(c, e, fv->type);
    e->type = fv->type->result ? fv->type->result : c->t_void;
    return e;
}

go_expr_t *gck_check_complit(checker_t *c, go_expr_t *e)
{
    go_type_t *t = gck_resolve_type(c, e->type, e->pos);
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
            go_expr_t *v = gck_check_expr(c, e->args[i]);
            e->args[i] = gck_convert(c, v, t->fields[fi].type, e->kpos[i], "struct literal");
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
            go_expr_t *v = gck_check_expr(c, e->args[i]);
            e->args[i] = gck_convert(c, v, t->elem, v->pos, "slice literal");
        }
        return e;
    }
    FAIL(c, e->pos, "invalid composite literal type");
}

go_expr_t *gck_check_dot(checker_t *c, go_expr_t *e)
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
        if (gck_find_method(st, e->sel))
            FAIL(c, e->pos, "unsupported: method value");
    }
    if (xt->kind == GT_IFACE)
        FAIL(c, e->pos, "unsupported: method value");
    FAIL(c, e->pos, "%s undefined (type %s has no field or method %s)", e->sel, gck_tstr(xt, a),
         e->sel);
}

go_expr_t *gck_check_expr(checker_t *c, go_expr_t *e)
{
    char a[200], b[200];
    switch ((int)e->op) {
    case GE_INT: e->type = c->t_uint; return e;
    case GE_STRING: e->type = c->t_ustr; return e;
    case GE_NAME: {
        ent_t *en = gck_lookup(c, e->lit);
        if (!strcmp(e->lit, "_"))
            FAIL(c, e->pos, "cannot use _ as value");
        if (!en)
            FAIL(c, e->pos, "undefined: %s", e->lit);
        switch (en->kind) {
        case EN_VAR:
            en->used = true;
            e->var = en->var;
            e->type = en->var->type;
            gck_use_var(c, en->var);
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
        e->x = gck_check_expr(c, e->x);
        e->y = gck_check_expr(c, e->y);
        go_type_t *xt = e->x->type, *yt = e->y->type;
        const char *op = e->binop;
        bool cmp = strchr("=!<>", op[0]) != NULL;
        bool logic = !strcmp(op, "&&") || !strcmp(op, "||");
        if (xt->kind == GT_VOID || yt->kind == GT_VOID)
            FAIL(c, e->pos, "call (no value) used as value");
        if (gck_is_untyped(xt) && !gck_is_untyped(yt))
            e->x = gck_convert(c, e->x, yt, e->x->pos, "operation"), xt = yt;
        else if (gck_is_untyped(yt) && !gck_is_untyped(xt))
            e->y = gck_convert(c, e->y, xt, e->y->pos, "operation"), yt = xt;
        if (xt->kind == GT_NIL && yt->kind == GT_NIL)
            FAIL(c, e->pos, "invalid operation: %s (operator %s not defined on nil)", op, op);
        if (!gck_identical(xt, yt) && !(xt->kind == yt->kind && gck_is_untyped(xt)))
            FAIL(c, e->pos, "invalid operation: mismatched types %s and %s", gck_tstr(xt, a),
                 gck_tstr(yt, b));
        if (logic) {
            if (xt->kind != GT_BOOL && xt->kind != GT_UNTYPED_BOOL)
                FAIL(c, e->pos, "invalid operation: operator %s not defined on %s", op,
                     gck_tstr(xt, a));
            e->type = xt;
        } else if (cmp) {
            bool order = op[0] == '<' || op[0] == '>';
            go_kind_t k = xt->kind;
            if (order && !gck_is_integer(xt) && k != GT_STRING && k != GT_UNTYPED_STRING)
                FAIL(c, e->pos, "invalid operation: operator %s not defined on %s", op,
                     gck_tstr(xt, a));
            if (k == GT_SLICE || k == GT_FUNC || k == GT_STRUCT || k == GT_ARRAY) {
                if (!(e->x->op == GE_NIL || e->y->op == GE_NIL) || k == GT_STRUCT || k == GT_ARRAY)
                    FAIL(c, e->pos, "unsupported: comparison of %s values", gck_tstr(xt, a));
            }
            if (k == GT_IFACE && (e->x->op != GE_NIL && e->y->op != GE_NIL))
                FAIL(c, e->pos, "unsupported: comparison of interface values");
            e->type = c->t_ubool;
        } else {
            if (xt->kind == GT_STRING || xt->kind == GT_UNTYPED_STRING)
                FAIL(c, e->pos, "unsupported: string concatenation");
            if (!gck_is_integer(xt))
                FAIL(c, e->pos, "invalid operation: operator %s not defined on %s", op,
                     gck_tstr(xt, a));
            e->type = xt;
        }
        return e;
    }
    case GE_UNARY:
        e->x = gck_check_expr(c, e->x);
        if (e->binop[0] == '-' && !gck_is_integer(e->x->type))
            FAIL(c, e->pos, "invalid operation: operator - not defined on %s",
                 gck_tstr(e->x->type, a));
        if (e->binop[0] == '!' && e->x->type->kind != GT_BOOL &&
            e->x->type->kind != GT_UNTYPED_BOOL)
            FAIL(c, e->pos, "invalid operation: operator ! not defined on %s",
                 gck_tstr(e->x->type, a));
        e->type = e->x->type;
        return e;
    case GE_ADDR: {
        if (e->x->op == GE_STRUCTLIT) {
            e->op = GE_PTRLIT;
            e->x = gck_check_complit(c, e->x);
            e->type = gck_mk_type(c, GT_PTR, NULL);
            e->type->elem = e->x->type;
            return e;
        }
        e->x = gck_check_expr(c, e->x);
        if (!gck_addressable(e->x))
            FAIL(c, e->pos, "invalid operation: cannot take address of expression");
        go_var_t *v = gck_outer_var(e->x);
        if (v)
            v->addrtaken = true;
        e->type = gck_mk_type(c, GT_PTR, NULL);
        e->type->elem = e->x->type;
        return e;
    }
    case GE_DEREF:
        e->x = gck_check_expr(c, e->x);
        if (e->x->type->kind != GT_PTR)
            FAIL(c, e->pos, "invalid operation: cannot indirect %s", gck_tstr(e->x->type, a));
        e->type = e->x->type->elem;
        return e;
    case GE_DOT:
        if (e->x->op == GE_NAME && !strcmp(e->x->lit, "fmt") && gck_lookup(c, "fmt") &&
            gck_lookup(c, "fmt")->kind == EN_PKG)
            FAIL(c, e->pos, "unsupported: fmt.%s used as a value", e->sel);
        e->x = gck_check_expr(c, e->x);
        return gck_check_dot(c, e);
    case GE_INDEX: {
        e->x = gck_check_expr(c, e->x);
        go_type_t *xt = e->x->type;
        e->y = gck_check_expr(c, e->y);
        if (!gck_is_integer(e->y->type))
            FAIL(c, e->y->pos, "invalid argument: index must be an integer");
        e->y = gck_convert(c, e->y, c->t_int, e->y->pos, "index");
        if (xt->kind == GT_SLICE || xt->kind == GT_ARRAY) {
            if (xt->kind == GT_ARRAY && gck_is_const(e->y) &&
                (gck_const_int(e->y) < 0 || gck_const_int(e->y) >= xt->len))
                FAIL(c, e->y->pos, "invalid argument: index %ld out of bounds [0:%ld]",
                     gck_const_int(e->y), xt->len);
            if (gck_is_const(e->y) && gck_const_int(e->y) < 0)
                FAIL(c, e->y->pos,
                     "invalid argument: index %ld (constant of type int) must not be negative",
                     gck_const_int(e->y));
            e->type = xt->elem;
            return e;
        }
        FAIL(c, e->pos, "unsupported: indexing a %s", gck_tstr(xt, a));
    }
    case GE_CALL: return gck_check_call(c, e);
    case GE_STRUCTLIT: return gck_check_complit(c, e);
    case GE_FUNCLIT: return gck_check_funclit(c, e);
    default: FAIL(c, e->pos, "unsupported: expression");
    }
    return e;
}

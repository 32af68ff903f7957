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
#include "gocheck.h"

// ---- statements ------------------------------------------------------------

go_var_t *gck_new_var(checker_t *c, const char *name, go_pos_t pos, go_type_t *t, go_class_t cls)
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

// gck_check_lhs — the target of an assignment; marks a variable reassigned.
go_expr_t *gck_check_lhs(checker_t *c, go_expr_t *e)
{
    if (e->op == GE_NAME && !strcmp(e->lit, "_"))
        return NULL;
    if (e->op == GE_NAME) {
        ent_t *en = gck_lookup(c, e->lit);
        if (!en)
            FAIL(c, e->pos, "undefined: %s", e->lit);
        if (en->kind != EN_VAR)
            FAIL(c, e->pos, "cannot assign to %s", e->lit);
        e->var = en->var;
        e->type = en->var->type;
        en->var->reassigned = true;
        gck_use_var(c, en->var);
        return e;
    }
    e = gck_check_expr(c, e);
    if (!gck_addressable(e))
        FAIL(c, e->pos, "cannot assign to expression");
    return e;
}

void gck_check_stmt(checker_t *c, go_stmt_t *s)
{
    char a[200];
    switch (s->op) {
    case GS_DECL: {
        go_type_t *t = s->dtype ? gck_resolve_type(c, s->dtype, s->lhs->pos) : NULL;
        go_expr_t *rhs = s->rhs ? gck_check_expr(c, s->rhs) : NULL;
        if (rhs) {
            if (!t) {
                if (rhs->type->kind == GT_NIL)
                    FAIL(c, rhs->pos, "use of untyped nil in assignment");
                if (rhs->type->kind == GT_VOID)
                    FAIL(c, rhs->pos, "call (no value) used as value");
                t = gck_default_type(c, rhs->type);
            }
            go_pos_t at = s->lhs->pos;
            gck_last_setter(rhs, &at);
            rhs = gck_convert(c, rhs, t, at, "variable declaration");
            s->rhs = rhs;
        }
        if (!strcmp(s->lhs->lit, "_"))
            FAIL(c, s->lhs->pos, "unsupported: blank variable declaration");
        ent_t *en = gck_declare(c, c->cur, s->lhs->lit, EN_VAR, s->lhs->pos);
        en->var = gck_new_var(c, s->lhs->lit, s->lhs->pos, t, GV_AUTO);
        en->var->defn = rhs ? s : NULL;
        s->var = en->var;
        s->lhs->var = en->var;
        s->lhs->type = t;
        if (go_type_size(t) > ((long)1 << 40))
            FAIL(c, s->lhs->pos, "unsupported: variable too large");
        break;
    }
    case GS_ASSIGN: {
        go_expr_t *rhs = gck_check_expr(c, s->rhs);
        go_expr_t *lhs = gck_check_lhs(c, s->lhs);
        s->lhs = lhs;
        if (!lhs) {
            if (rhs->type->kind == GT_NIL)
                FAIL(c, rhs->pos, "use of untyped nil in assignment");
            if (rhs->type->kind == GT_VOID)
                FAIL(c, rhs->pos, "call (no value) used as value");
            rhs->type = gck_default_type(c, rhs->type);
            s->rhs = rhs;
            break;
        }
        go_pos_t at = s->pos;
        gck_last_setter(rhs, &at);
        gck_last_setter(lhs, &at);
        s->rhs = gck_convert(c, rhs, lhs->type, at, "assignment");
        break;
    }
    case GS_OPASSIGN: {
        go_expr_t *lhs = gck_check_lhs(c, s->lhs);
        if (!lhs)
            FAIL(c, s->lhs->pos, "cannot use _ as value");
        if (lhs->op == GE_NAME) {
            ent_t *en = gck_lookup(c, lhs->lit);
            if (en)
                en->used = true;
        }
        if (!gck_is_integer(lhs->type))
            FAIL(c, s->pos, "invalid operation: operator %s not defined on %s", s->binop,
                 gck_tstr(lhs->type, a));
        s->lhs = lhs;
        s->rhs = gck_convert(c, gck_check_expr(c, s->rhs), lhs->type, s->rhs->pos, "assignment");
        break;
    }
    case GS_EXPR: {
        go_expr_t *e = gck_check_expr(c, s->rhs);
        if (e->op != GE_CALL)
            FAIL(c, s->pos, "%s (value) is not used", "expression");
        s->rhs = e;
        break;
    }
    case GS_IF: {
        s->cond = gck_check_expr(c, s->cond);
        if (s->cond->type->kind != GT_BOOL && s->cond->type->kind != GT_UNTYPED_BOOL)
            FAIL(c, s->cond->pos, "non-boolean condition in if statement");
        s->cond->type = c->t_bool;
        gck_check_block(c, &s->body, true);
        gck_check_block(c, &s->els, true);
        break;
    }
    case GS_FOR:
        gck_push_scope(c);
        if (s->init)
            gck_check_stmt(c, s->init);
        if (s->cond) {
            s->cond = gck_check_expr(c, s->cond);
            if (s->cond->type->kind != GT_BOOL && s->cond->type->kind != GT_UNTYPED_BOOL)
                FAIL(c, s->cond->pos, "non-boolean condition in for statement");
            s->cond->type = c->t_bool;
        }
        if (s->post)
            gck_check_stmt(c, s->post);
        gck_check_block(c, &s->body, true);
        gck_pop_scope(c);
        break;
    case GS_RETURN: {
        go_var_t *r = c->fn->result;
        if (s->rhs) {
            if (!r)
                FAIL(c, s->rhs->pos, "too many return values");
            go_expr_t *v = gck_check_expr(c, s->rhs);
            s->rhs = gck_convert(c, v, r->type, v->pos, "return statement");
        } else if (r && !strcmp(r->name, "~r0")) {
            FAIL(c, s->pos, "not enough return values");
        }
        break;
    }
    case GS_BLOCK: gck_check_block(c, &s->body, true); break;
    }
}

void gck_check_block(checker_t *c, go_block_t *b, bool new_scope)
{
    if (new_scope)
        gck_push_scope(c);
    for (int i = 0; i < b->n; i++)
        gck_check_stmt(c, b->stmts[i]);
    if (new_scope)
        gck_pop_scope(c);
}

bool gck_terminates(const go_block_t *b)
{
    if (b->n == 0)
        return false;
    const go_stmt_t *s = b->stmts[b->n - 1];
    switch (s->op) {
    case GS_RETURN: return true;
    case GS_BLOCK: return gck_terminates(&s->body);
    case GS_IF: return s->els.n && gck_terminates(&s->body) && gck_terminates(&s->els);
    case GS_FOR: return s->cond == NULL; // no break statements in the subset
    default: return false;
    }
}

void gck_add_func(checker_t *c, go_func_t *fn)
{
    c->funcs = gck_grow(c->funcs, &c->capfuncs, c->nfuncs, sizeof *c->funcs);
    fn->index = c->nfuncs;
    c->funcs[c->nfuncs++] = fn;
}

// gck_declare_signature — the receiver, parameter and result variables of fn,
// in the compiler's Dcl order, in the current (function) scope.
void gck_declare_signature(checker_t *c, go_func_t *fn, go_fdecl_t *d)
{
    go_type_t *ft = gck_mk_type(c, GT_FUNC, NULL);
    ft->nfields = d->nparams;
    ft->fields = d->params;
    ft->variadic = d->variadic;
    for (int i = 0; i < d->nparams; i++)
        d->params[i].type = gck_resolve_type(c, d->params[i].type, d->params[i].pos);
    ft->result = d->result.type ? gck_resolve_type(c, d->result.type, d->result.pos) : NULL;
    fn->type = ft;
    if (d->nparams + (d->has_recv ? 1 : 0) > 15)
        FAIL(c, d->pos, "unsupported: more than 15 parameters");
    c->fn = fn;
    if (d->has_recv) {
        go_type_t *rt = gck_resolve_type(c, d->recv.type, d->recv.pos);
        const char *rn = d->recv.name && *d->recv.name ? d->recv.name : "";
        fn->recv = gck_new_var(c, rn, d->recv.pos, rt, GV_PARAM);
        if (*rn)
            gck_declare(c, c->cur, rn, EN_VAR, d->recv.pos)->var = fn->recv;
        fn->recv->index = 0;
    }
    fn->nparams = d->nparams;
    fn->params = go_alloc(c->p, (size_t)(d->nparams ? d->nparams : 1) * sizeof *fn->params);
    for (int i = 0; i < d->nparams; i++) {
        const char *n = d->params[i].name ? d->params[i].name : "";
        fn->params[i] = gck_new_var(c, n, d->params[i].pos, d->params[i].type, GV_PARAM);
        if (*n) {
            ent_t *en = gck_declare(c, c->cur, n, EN_VAR, d->params[i].pos);
            if (en)
                en->var = fn->params[i];
        }
    }
    if (ft->result) {
        const char *n = d->result.name && *d->result.name ? d->result.name : "~r0";
        fn->result = gck_new_var(c, n, d->result.pos, ft->result, GV_RESULT);
        if (strcmp(n, "~r0")) {
            ent_t *en = gck_declare(c, c->cur, n, EN_VAR, d->result.pos);
            if (en)
                en->var = fn->result;
        }
    }
}

void gck_check_func_body(checker_t *c, go_func_t *fn, go_fdecl_t *d)
{
    gck_push_scope(c);
    c->cur->fn = fn;
    gck_declare_signature(c, fn, d);
    if (fn->outer)
        gck_add_func(c, fn);
    fn->body = d->body;
    gck_check_block(c, &fn->body, false);
    if (fn->result && !gck_terminates(&fn->body))
        FAIL(c, fn->pos, "missing return");
    gck_pop_scope(c);
}

// gck_static_value — the compiler's ir.StaticValue: follow a local variable to
// its one definition while it is never assigned again or address-taken
// (and only in its own function), and conversions that change nothing.
go_expr_t *gck_static_value(go_expr_t *e, go_func_t *in)
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

// gck_static_callee — the compiler's ir.StaticValue for a call of a func value:
// follow a local variable to its one definition while it is never assigned
// again or address-taken, and only in its own function.
go_func_t *gck_static_callee(go_expr_t *fv, go_func_t *in)
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
    gck_grow_prog = p;
    gck_push_scope(&c);
    c.universe = c.cur;
    c.t_int = gck_mk_type(&c, GT_INT, "int");
    c.t_bool = gck_mk_type(&c, GT_BOOL, "bool");
    c.t_byte = gck_mk_type(&c, GT_BYTE, "byte");
    c.t_string = gck_mk_type(&c, GT_STRING, "string");
    c.t_any = gck_mk_type(&c, GT_IFACE, "any");
    c.t_nil = gck_mk_type(&c, GT_NIL, NULL);
    c.t_uint = gck_mk_type(&c, GT_UNTYPED_INT, NULL);
    c.t_ustr = gck_mk_type(&c, GT_UNTYPED_STRING, NULL);
    c.t_ubool = gck_mk_type(&c, GT_UNTYPED_BOOL, NULL);
    c.t_void = gck_mk_type(&c, GT_VOID, NULL);
    go_pos_t none = { 0, 0 };
    gck_declare(&c, c.cur, "int", EN_TYPE, none)->type = c.t_int;
    gck_declare(&c, c.cur, "bool", EN_TYPE, none)->type = c.t_bool;
    gck_declare(&c, c.cur, "byte", EN_TYPE, none)->type = c.t_byte;
    gck_declare(&c, c.cur, "string", EN_TYPE, none)->type = c.t_string;
    gck_declare(&c, c.cur, "any", EN_TYPE, none)->type = c.t_any;
    gck_declare(&c, c.cur, "true", EN_CONST, none);
    gck_declare(&c, c.cur, "false", EN_CONST, none);
    gck_declare(&c, c.cur, "nil", EN_CONST, none);
    gck_declare(&c, c.cur, "len", EN_BUILTIN, none);
    gck_declare(&c, c.cur, "append", EN_BUILTIN, none);
    gck_declare(&c, c.cur, "new", EN_BUILTIN, none);
    gck_declare(&c, c.cur, "make", EN_BUILTIN, none);
    gck_push_scope(&c);
    c.pkg = c.cur;
    if (f->imports_fmt)
        gck_declare(&c, c.cur, "fmt", EN_PKG, f->fmt_pos);
    // types: gck_declare every name first so that they may refer to each other
    for (int i = 0; i < f->ntypes; i++) {
        go_tdecl_t *td = &f->types[i];
        td->type->name = td->name;
        gck_declare(&c, c.cur, td->name, EN_TYPE, td->pos)->type = td->type;
    }
    for (int i = 0; i < f->ntypes; i++)
        gck_resolve_body(&c, f->types[i].type, f->types[i].pos);
    for (int i = 0; i < f->ntypes; i++)
        if (go_type_size(f->types[i].type) < 0)
            FAIL(&c, f->types[i].pos, "invalid recursive type %s", f->types[i].name);
    // globals
    p->nglobals = f->nglobals;
    p->globals = go_alloc(p, (size_t)(f->nglobals + 1) * sizeof *p->globals);
    for (int i = 0; i < f->nglobals; i++) {
        go_field_t *g = &f->globals[i];
        go_var_t *v =
            gck_new_var(&c, g->name, g->pos, gck_resolve_type(&c, g->type, g->pos), GV_GLOBAL);
        p->globals[i] = v;
        ent_t *en = gck_declare(&c, c.cur, g->name, EN_VAR, g->pos);
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
        gck_add_func(&c, fn);
        if (d->has_recv) {
            go_type_t *rt = gck_resolve_type(&c, d->recv.type, d->recv.pos);
            go_type_t *st = rt->elem;
            if (st->kind != GT_STRUCT)
                FAIL(&c, d->recv.pos, "unsupported: method on a type other than a struct");
            for (int j = 0; j < st->nfields; j++)
                if (!strcmp(st->fields[j].name, d->name))
                    FAIL(&c, d->pos, "field and method with the same name %s", d->name);
            if (gck_find_method(st, d->name))
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
                gck_declare(&c, c.cur, d->name, EN_FUNC, d->pos)->fn = fn;
        }
        // the signature's types, for calls checked before this body
        go_type_t *ft = gck_mk_type(&c, GT_FUNC, NULL);
        for (int j = 0; j < d->nparams; j++)
            d->params[j].type = gck_resolve_type(&c, d->params[j].type, d->params[j].pos);
        ft->nfields = d->nparams;
        ft->fields = d->params;
        ft->variadic = d->variadic;
        ft->result = d->result.type ? gck_resolve_type(&c, d->result.type, d->result.pos) : NULL;
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
        gck_check_func_body(&c, fn, d);
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
            go_expr_t *v = gck_static_value(call->recv, c.vcs[i].fn);
            if (v->op == GE_CONVIFACE)
                FAIL(&c, call->pos,
                     "unsupported: interface method call the compiler devirtualizes "
                     "(the interface always holds a %s)",
                     gck_tstr(v->x->type, (char[200]){ 0 }));
            continue;
        }
        call->fn = gck_static_callee(call->fun, c.vcs[i].fn);
    }
    p->nfuncs = c.nfuncs;
    p->funcs = go_alloc(p, (size_t)(c.nfuncs + 1) * sizeof *p->funcs);
    memcpy(p->funcs, c.funcs, (size_t)c.nfuncs * sizeof *p->funcs);
}

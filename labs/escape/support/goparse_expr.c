// goparse_expr.c — types and expressions for the escape lab's parser: type
// syntax (names, *T, []T, [N]T, struct, interface, func), parameter lists,
// and expressions by precedence climbing, each node at the position the Go
// compiler gives it (see goparse.c's header).
#include <stdlib.h>
#include <string.h>
#include "goparse.h"

// ---- types -----------------------------------------------------------------

bool gp_starts_type(const parser_t *ps)
{
    const go_token_t *t = &ps->tok;
    return t->tok == T_IDENT || t->tok == T_FUNC || t->tok == T_STRUCT || t->tok == T_INTERFACE ||
           t->tok == T_MAP || t->tok == T_CHAN ||
           (t->tok == T_OP && (!strcmp(t->text, "*") || !strcmp(t->text, "[") ||
                               !strcmp(t->text, "(") || !strcmp(t->text, "...")));
}

// gp_parse_params — "(a, b int, c ...T)" or "(int, *T)": the fields, and
// whether the last is variadic (its type is then []T).
go_field_t *gp_parse_params(parser_t *ps, int *n, bool *variadic)
{
    vec_t items = { 0 };
    gp_expect_op(ps, "(");
    while (!gp_is_op(ps, ")")) {
        pitem_t it = { 0 };
        it.pos = ps->tok.pos;
        if (ps->tok.tok == T_IDENT && (ps->next.tok == T_OP && (!strcmp(ps->next.text, ",") ||
                                                                !strcmp(ps->next.text, ")")))) {
            it.ident = go_strdup(ps->p, ps->tok.text);
            gp_next(ps);
        } else if (ps->tok.tok == T_IDENT && ps->next.tok != T_OP) {
            it.name = go_strdup(ps->p, ps->tok.text);
            gp_next(ps);
            it.type = gp_parse_type(ps);
        } else if (ps->tok.tok == T_IDENT && ps->next.tok == T_OP && strcmp(ps->next.text, ".") &&
                   strcmp(ps->next.text, "(")) {
            it.name = go_strdup(ps->p, ps->tok.text);
            gp_next(ps);
            if (gp_is_op(ps, "...")) {
                gp_next(ps);
                it.ddd = true;
            }
            it.type = gp_parse_type(ps);
        } else {
            if (gp_is_op(ps, "...")) {
                gp_next(ps);
                it.ddd = true;
            }
            it.type = gp_parse_type(ps);
        }
        gp_vec_push(&items, &it, sizeof it);
        if (!gp_is_op(ps, ","))
            break;
        gp_next(ps);
    }
    gp_expect_op(ps, ")");
    pitem_t *its = items.v;
    bool named = false;
    for (int i = 0; i < items.n; i++)
        named |= its[i].name != NULL;
    go_field_t *f = go_alloc(ps->p, (size_t)(items.n ? items.n : 1) * sizeof *f);
    *variadic = false;
    for (int i = 0; i < items.n; i++) {
        f[i].pos = its[i].pos;
        if (named) {
            if (its[i].ident) {
                f[i].name = its[i].ident;
                int j = i;
                while (j < items.n && !its[j].type)
                    j++;
                if (j == items.n)
                    go_fail(ps->ec, its[i].pos, "syntax error: mixed named and unnamed parameters");
                f[i].type = its[j].type;
            } else if (!its[i].name) {
                go_fail(ps->ec, its[i].pos, "syntax error: mixed named and unnamed parameters");
            } else {
                f[i].name = its[i].name;
                f[i].type = its[i].type;
            }
        } else {
            f[i].name = "";
            if (its[i].ident) {
                go_type_t *t = gp_new_type(ps, GT_NAMEREF);
                t->name = its[i].ident;
                f[i].type = t;
            } else {
                f[i].type = its[i].type;
            }
        }
        if (its[i].ddd) {
            if (i != items.n - 1)
                go_fail(ps->ec, its[i].pos, "can only use ... with final parameter in list");
            go_type_t *s = gp_new_type(ps, GT_SLICE);
            s->elem = f[i].type;
            f[i].type = s;
            *variadic = true;
        }
    }
    *n = items.n;
    return f;
}

// gp_parse_result — the optional result: "T" or "(T)" or "(r T)".
go_field_t gp_parse_result(parser_t *ps)
{
    go_field_t r = { 0 };
    if (gp_is_op(ps, "(")) {
        int n;
        bool ddd;
        go_pos_t pos = ps->tok.pos;
        go_field_t *f = gp_parse_params(ps, &n, &ddd);
        if (n > 1)
            go_fail(ps->ec, pos, "unsupported: more than one result");
        if (ddd)
            go_fail(ps->ec, pos, "syntax error: cannot use ... in result");
        if (n == 1)
            r = f[0];
        return r;
    }
    if (gp_starts_type(ps) && !gp_is_op(ps, "...")) {
        r.pos = ps->tok.pos;
        r.name = "";
        r.type = gp_parse_type(ps);
    }
    return r;
}

go_type_t *gp_func_type(parser_t *ps, go_field_t *params, int n, bool variadic, go_field_t res)
{
    go_type_t *t = gp_new_type(ps, GT_FUNC);
    t->fields = params;
    t->nfields = n;
    t->variadic = variadic;
    t->result = res.type;
    return t;
}

go_type_t *gp_parse_type(parser_t *ps)
{
    go_pos_t pos = ps->tok.pos;
    gp_enter(ps);
    go_type_t *t;
    if (ps->tok.tok == T_IDENT) {
        t = gp_new_type(ps, GT_NAMEREF);
        t->name = go_strdup(ps->p, ps->tok.text);
        gp_next(ps);
        if (gp_is_op(ps, "."))
            go_fail(ps->ec, ps->tok.pos, "unsupported: qualified type name");
    } else if (gp_is_op(ps, "*")) {
        gp_next(ps);
        t = gp_new_type(ps, GT_PTR);
        t->elem = gp_parse_type(ps);
    } else if (gp_is_op(ps, "(")) {
        gp_next(ps);
        t = gp_parse_type(ps);
        gp_expect_op(ps, ")");
    } else if (gp_is_op(ps, "[")) {
        gp_next(ps);
        if (gp_is_op(ps, "]")) {
            gp_next(ps);
            t = gp_new_type(ps, GT_SLICE);
        } else if (ps->tok.tok == T_INT) {
            t = gp_new_type(ps, GT_ARRAY);
            t->len = atol(ps->tok.text);
            if (t->len > 100000000)
                go_fail(ps->ec, ps->tok.pos, "unsupported: array length over 100000000");
            gp_next(ps);
            gp_expect_op(ps, "]");
        } else {
            go_fail(ps->ec, ps->tok.pos, "unsupported: array length other than an integer literal");
        }
        t->elem = gp_parse_type(ps);
    } else if (ps->tok.tok == T_STRUCT) {
        gp_next(ps);
        gp_expect_op(ps, "{");
        vec_t fs = { 0 };
        gp_skip_semis(ps);
        while (!gp_is_op(ps, "}")) {
            vec_t names = { 0 };
            for (;;) {
                go_field_t f = { 0 };
                f.pos = ps->tok.pos;
                if (ps->tok.tok != T_IDENT)
                    gp_unexpected(ps, "field name");
                if (ps->next.tok == T_SEMI || (ps->next.tok == T_OP && !strcmp(ps->next.text, "}")))
                    go_fail(ps->ec, f.pos, "unsupported: embedded field");
                f.name = gp_expect_ident(ps);
                gp_vec_push(&names, &f, sizeof f);
                if (!gp_is_op(ps, ","))
                    break;
                gp_next(ps);
            }
            go_type_t *ft = gp_parse_type(ps);
            if (ps->tok.tok == T_STRING)
                go_fail(ps->ec, ps->tok.pos, "unsupported: struct tag");
            go_field_t *nf = names.v;
            for (int i = 0; i < names.n; i++) {
                nf[i].type = ft;
                gp_vec_push(&fs, &nf[i], sizeof nf[i]);
            }
            gp_expect_semi(ps);
            gp_skip_semis(ps);
        }
        gp_next(ps);
        t = gp_new_type(ps, GT_STRUCT);
        t->nfields = fs.n;
        t->fields = gp_vec_keep(ps, &fs, sizeof(go_field_t));
    } else if (ps->tok.tok == T_INTERFACE) {
        gp_next(ps);
        gp_expect_op(ps, "{");
        vec_t ms = { 0 };
        gp_skip_semis(ps);
        while (!gp_is_op(ps, "}")) {
            go_field_t m = { 0 };
            m.pos = ps->tok.pos;
            if (ps->tok.tok != T_IDENT || !(ps->next.tok == T_OP && !strcmp(ps->next.text, "(")))
                go_fail(ps->ec, ps->tok.pos, "unsupported: interface element other than a method");
            m.name = gp_expect_ident(ps);
            int n;
            bool ddd;
            go_field_t *params = gp_parse_params(ps, &n, &ddd);
            go_field_t res = gp_parse_result(ps);
            m.type = gp_func_type(ps, params, n, ddd, res);
            gp_vec_push(&ms, &m, sizeof m);
            gp_expect_semi(ps);
            gp_skip_semis(ps);
        }
        gp_next(ps);
        t = gp_new_type(ps, GT_IFACE);
        t->nfields = ms.n;
        t->fields = gp_vec_keep(ps, &ms, sizeof(go_field_t));
    } else if (ps->tok.tok == T_FUNC) {
        gp_next(ps);
        int n;
        bool ddd;
        go_field_t *params = gp_parse_params(ps, &n, &ddd);
        go_field_t res = gp_parse_result(ps);
        t = gp_func_type(ps, params, n, ddd, res);
    } else if (ps->tok.tok == T_MAP || ps->tok.tok == T_CHAN) {
        go_fail(ps->ec, pos, "unsupported: %s type", ps->tok.text);
    } else {
        gp_unexpected(ps, "type");
    }
    ps->depth--;
    return t;
}

// ---- expressions -----------------------------------------------------------

go_expr_t *gp_parse_funclit(parser_t *ps)
{
    go_pos_t pos = ps->tok.pos;
    gp_next(ps); // func
    go_fdecl_t *d = go_alloc(ps->p, sizeof *d);
    d->name = "func";
    d->pos = pos;
    d->params = gp_parse_params(ps, &d->nparams, &d->variadic);
    d->result = gp_parse_result(ps);
    if (!gp_is_op(ps, "{"))
        go_fail(ps->ec, ps->tok.pos, "unsupported: func type in an expression");
    ps->nolit++;
    int saved = ps->nolit;
    ps->nolit = 0;
    gp_parse_block(ps, &d->body);
    ps->nolit = saved - 1;
    go_expr_t *e = gp_new_expr(ps, GE_FUNCLIT, pos);
    e->decl = d;
    d->lit = e;
    return e;
}

// gp_parse_complit — the elements of T{...}, after the type was read; at '{'.
go_expr_t *gp_parse_complit(parser_t *ps, go_type_t *t)
{
    go_expr_t *e = gp_new_expr(ps, GE_STRUCTLIT, ps->tok.pos);
    e->type = t;
    gp_next(ps); // {
    int saved = ps->nolit;
    ps->nolit = 0;
    vec_t elems = { 0 }, keys = { 0 }, kpos = { 0 };
    gp_skip_semis(ps);
    while (!gp_is_op(ps, "}")) {
        const char *key = NULL;
        go_pos_t kp = { 0, 0 };
        if (gp_is_op(ps, "{"))
            go_fail(ps->ec, ps->tok.pos, "unsupported: composite literal with its type elided");
        go_expr_t *v = gp_parse_expr(ps);
        if (gp_is_op(ps, ":")) {
            if (v->op != GE_NAME)
                go_fail(ps->ec, v->pos,
                        "unsupported: composite literal key other than a field name");
            key = v->lit;
            kp = ps->tok.pos;
            gp_next(ps);
            if (gp_is_op(ps, "{"))
                go_fail(ps->ec, ps->tok.pos, "unsupported: composite literal with its type elided");
            v = gp_parse_expr(ps);
        }
        gp_vec_push(&elems, &v, sizeof v);
        gp_vec_push(&keys, &key, sizeof key);
        gp_vec_push(&kpos, &kp, sizeof kp);
        if (!gp_is_op(ps, ",")) {
            gp_skip_semis(ps);
            break;
        }
        gp_next(ps);
        gp_skip_semis(ps);
    }
    gp_expect_op(ps, "}");
    ps->nolit = saved;
    e->nargs = elems.n;
    e->args = gp_vec_keep(ps, &elems, sizeof(go_expr_t *));
    e->keys = gp_vec_keep(ps, &keys, sizeof(const char *));
    e->kpos = gp_vec_keep(ps, &kpos, sizeof(go_pos_t));
    return e;
}

go_expr_t *gp_parse_operand(parser_t *ps)
{
    go_token_t *t = &ps->tok;
    go_expr_t *e;
    switch (t->tok) {
    case T_INT:
        e = gp_new_expr(ps, GE_INT, t->pos);
        e->lit = go_strdup(ps->p, t->text);
        gp_next(ps);
        return e;
    case T_STRING:
        e = gp_new_expr(ps, GE_STRING, t->pos);
        e->lit = go_strdup(ps->p, t->text);
        gp_next(ps);
        return e;
    case T_IDENT:
        e = gp_new_expr(ps, GE_NAME, t->pos);
        e->lit = go_strdup(ps->p, t->text);
        gp_next(ps);
        return e;
    case T_FUNC: return gp_parse_funclit(ps);
    case T_STRUCT:
    case T_INTERFACE:
    case T_MAP:
    case T_CHAN: {
        go_pos_t pos = t->pos;
        go_type_t *ty = gp_parse_type(ps);
        if (gp_is_op(ps, "{"))
            go_fail(ps->ec, ps->tok.pos,
                    "unsupported: composite literal of an unnamed struct type");
        e = gp_new_expr(ps, GE_TYPEEXPR, pos);
        e->type = ty;
        return e;
    }
    case T_OP:
        if (!strcmp(t->text, "(")) {
            gp_next(ps);
            int saved = ps->nolit;
            ps->nolit = 0;
            e = gp_parse_expr(ps);
            ps->nolit = saved;
            gp_expect_op(ps, ")");
            return e;
        }
        if (!strcmp(t->text, "[")) {
            go_pos_t pos = t->pos;
            go_type_t *ty = gp_parse_type(ps);
            if (gp_is_op(ps, "{")) {
                e = gp_parse_complit(ps, ty);
                return e;
            }
            e = gp_new_expr(ps, GE_TYPEEXPR, pos);
            e->type = ty;
            return e;
        }
        break;
    default: break;
    }
    gp_unexpected(ps, "expression");
}

go_expr_t *gp_parse_primary(parser_t *ps)
{
    gp_enter(ps);
    go_expr_t *e = gp_parse_operand(ps);
    for (;;) {
        if (gp_is_op(ps, ".")) {
            go_pos_t pos = ps->tok.pos;
            gp_next(ps);
            if (gp_is_op(ps, "("))
                go_fail(ps->ec, ps->tok.pos, "unsupported: type assertion");
            go_expr_t *s = gp_new_expr(ps, GE_DOT, pos);
            s->x = e;
            s->sel = gp_expect_ident(ps);
            e = s;
        } else if (gp_is_op(ps, "[")) {
            go_pos_t pos = ps->tok.pos;
            gp_next(ps);
            int saved = ps->nolit;
            ps->nolit = 0;
            if (gp_is_op(ps, ":"))
                go_fail(ps->ec, ps->tok.pos, "unsupported: slice expression");
            go_expr_t *ix = gp_new_expr(ps, GE_INDEX, pos);
            ix->x = e;
            ix->y = gp_parse_expr(ps);
            if (gp_is_op(ps, ":"))
                go_fail(ps->ec, ps->tok.pos, "unsupported: slice expression");
            ps->nolit = saved;
            gp_expect_op(ps, "]");
            e = ix;
        } else if (gp_is_op(ps, "(")) {
            go_expr_t *c = gp_new_expr(ps, GE_CALL, ps->tok.pos);
            c->fun = e;
            gp_next(ps);
            int saved = ps->nolit;
            ps->nolit = 0;
            vec_t args = { 0 };
            while (!gp_is_op(ps, ")")) {
                go_expr_t *a = gp_parse_expr(ps);
                gp_vec_push(&args, &a, sizeof a);
                if (gp_is_op(ps, "...")) {
                    c->ddd = true;
                    gp_next(ps);
                    if (gp_is_op(ps, ","))
                        gp_next(ps);
                    break;
                }
                if (!gp_is_op(ps, ","))
                    break;
                gp_next(ps);
            }
            ps->nolit = saved;
            gp_expect_op(ps, ")");
            c->nargs = args.n;
            c->args = gp_vec_keep(ps, &args, sizeof(go_expr_t *));
            e = c;
        } else if (gp_is_op(ps, "{") && !ps->nolit && e->op == GE_NAME) {
            go_type_t *t = gp_new_type(ps, GT_NAMEREF);
            t->name = e->lit;
            e = gp_parse_complit(ps, t);
        } else {
            break;
        }
    }
    ps->depth--;
    return e;
}

go_expr_t *gp_parse_unary(parser_t *ps)
{
    if (ps->tok.tok == T_OP) {
        const char *op = ps->tok.text;
        go_pos_t pos = ps->tok.pos;
        go_op_t k;
        if (!strcmp(op, "&"))
            k = GE_ADDR;
        else if (!strcmp(op, "*"))
            k = GE_DEREF;
        else if (!strcmp(op, "-") || !strcmp(op, "!"))
            k = GE_UNARY;
        else if (!strcmp(op, "+") || !strcmp(op, "^") || !strcmp(op, "<-"))
            go_fail(ps->ec, pos, "unsupported: unary operator %s", op);
        else
            return gp_parse_primary(ps);
        const char *opname = go_strdup(ps->p, op);
        gp_next(ps);
        gp_enter(ps);
        go_expr_t *e = gp_new_expr(ps, k, pos);
        e->binop = opname;
        e->x = gp_parse_unary(ps);
        ps->depth--;
        return e;
    }
    return gp_parse_primary(ps);
}

int gp_precedence(const parser_t *ps)
{
    if (ps->tok.tok != T_OP)
        return 0;
    const char *o = ps->tok.text;
    if (!strcmp(o, "||"))
        return 1;
    if (!strcmp(o, "&&"))
        return 2;
    if (!strcmp(o, "==") || !strcmp(o, "!=") || !strcmp(o, "<") || !strcmp(o, "<=") ||
        !strcmp(o, ">") || !strcmp(o, ">="))
        return 3;
    if (!strcmp(o, "+") || !strcmp(o, "-"))
        return 4;
    if (!strcmp(o, "*"))
        return 5;
    if (!strcmp(o, "|") || !strcmp(o, "^") || !strcmp(o, "/") || !strcmp(o, "%") ||
        !strcmp(o, "<<") || !strcmp(o, ">>") || !strcmp(o, "&") || !strcmp(o, "&^"))
        return -1;
    return 0;
}

go_expr_t *gp_parse_binary(parser_t *ps, int prec)
{
    go_expr_t *x = gp_parse_unary(ps);
    for (;;) {
        int p = gp_precedence(ps);
        if (p < 0)
            go_fail(ps->ec, ps->tok.pos, "unsupported: operator %s", ps->tok.text);
        if (p <= prec)
            return x;
        go_expr_t *b = gp_new_expr(ps, GE_BINARY, ps->tok.pos);
        b->binop = go_strdup(ps->p, ps->tok.text);
        gp_next(ps);
        gp_enter(ps);
        b->x = x;
        b->y = gp_parse_binary(ps, p);
        ps->depth--;
        x = b;
    }
}

go_expr_t *gp_parse_expr(parser_t *ps)
{
    return gp_parse_binary(ps, 0);
}

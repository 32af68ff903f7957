// goparse.c — the recursive-descent parser of the escape lab's Go subset.
//
// It turns the tokens of golex.c into the tree of gosrc.h, unresolved:
// identifiers are GE_NAME nodes with their spelling in `lit`, named types
// are GT_NAMEREF types, selectors are GE_DOT, and every call is a GE_CALL on
// the callee expression. gocheck.c resolves and types the tree. Every node
// gets the position the Go compiler gives it (syntax package): a binary
// expression at its operator, a call at its '(', an index at its '[', a
// selector at its '.', a composite literal at its '{', &x and *p at the
// operator, a func literal at `func`.
//
// Constructs outside the subset fail with "unsupported: <what>".
#include <stdlib.h>
#include <string.h>
#include "golex.h"

typedef struct parser {
    go_program_t *p;
    go_errctx_t *ec;
    go_lexer_t lx;
    go_token_t tok, next; // the current token and one of lookahead
    int nolit;            // >0: a bare `T {` is a block, not a composite literal
    int depth;            // nesting, bounded so that hostile input cannot overflow the stack
} parser_t;

#define MAX_DEPTH 200

static void next(parser_t *ps)
{
    ps->tok = ps->next;
    go_lex_next(&ps->lx, ps->ec, &ps->next);
}

static bool is_op(const parser_t *ps, const char *op)
{
    return ps->tok.tok == T_OP && !strcmp(ps->tok.text, op);
}

static const char *tok_desc(const go_token_t *t, char *buf, size_t len)
{
    switch (t->tok) {
    case T_EOF: return "end of file";
    case T_SEMI: return t->auto_semi ? "newline" : "';'";
    case T_STRING: return "string literal";
    default: snprintf(buf, len, "'%s'", t->text); return buf;
    }
}

static _Noreturn void unexpected(parser_t *ps, const char *want)
{
    char b[300];
    go_fail(ps->ec, ps->tok.pos, "syntax error: unexpected %s, expecting %s",
            tok_desc(&ps->tok, b, sizeof b), want);
}

static void expect_op(parser_t *ps, const char *op)
{
    if (!is_op(ps, op)) {
        char w[16];
        snprintf(w, sizeof w, "'%s'", op);
        unexpected(ps, w);
    }
    next(ps);
}

static const char *expect_ident(parser_t *ps)
{
    if (ps->tok.tok != T_IDENT)
        unexpected(ps, "name");
    const char *s = go_strdup(ps->p, ps->tok.text);
    next(ps);
    return s;
}

static void skip_semis(parser_t *ps)
{
    while (ps->tok.tok == T_SEMI)
        next(ps);
}

static void expect_semi(parser_t *ps)
{
    if (ps->tok.tok == T_SEMI) {
        next(ps);
        return;
    }
    if (is_op(ps, ")") || is_op(ps, "}"))
        return;
    unexpected(ps, "newline or ';'");
}

static void enter(parser_t *ps)
{
    if (++ps->depth > MAX_DEPTH)
        go_fail(ps->ec, ps->tok.pos, "unsupported: nesting deeper than %d", MAX_DEPTH);
}

static go_expr_t *new_expr(parser_t *ps, go_op_t op, go_pos_t pos)
{
    go_expr_t *e = go_alloc(ps->p, sizeof *e);
    e->op = op;
    e->pos = pos;
    e->id = ps->p->nexprs++;
    return e;
}

static go_type_t *new_type(parser_t *ps, go_kind_t k)
{
    go_type_t *t = go_alloc(ps->p, sizeof *t);
    t->kind = k;
    return t;
}

// A growing array in the program's arena (a parse error unwinds with
// longjmp, so nothing here may own heap memory of its own).
typedef struct vec {
    void *v;
    int n, cap;
    go_program_t *p;
} vec_t;

static go_program_t *vec_prog;

static void vec_push(vec_t *v, const void *item, size_t size)
{
    if (v->n == v->cap) {
        int cap = v->cap ? 2 * v->cap : 8;
        void *n = go_alloc(vec_prog, (size_t)cap * size);
        if (v->n)
            memcpy(n, v->v, (size_t)v->n * size);
        v->v = n;
        v->cap = cap;
    }
    memcpy((char *)v->v + (size_t)v->n * size, item, size);
    v->n++;
}

// vec_keep — move the vector into the arena; returns the array.
static void *vec_keep(parser_t *ps, vec_t *v, size_t size)
{
    (void)ps;
    (void)size;
    if (!v->v)
        v->v = go_alloc(vec_prog, size);
    return v->v;
}

static go_type_t *parse_type(parser_t *ps);
static go_expr_t *parse_expr(parser_t *ps);
static void parse_block(parser_t *ps, go_block_t *b);

// ---- types -----------------------------------------------------------------

static bool starts_type(const parser_t *ps)
{
    const go_token_t *t = &ps->tok;
    return t->tok == T_IDENT || t->tok == T_FUNC || t->tok == T_STRUCT || t->tok == T_INTERFACE ||
           t->tok == T_MAP || t->tok == T_CHAN ||
           (t->tok == T_OP && (!strcmp(t->text, "*") || !strcmp(t->text, "[") ||
                               !strcmp(t->text, "(") || !strcmp(t->text, "...")));
}

typedef struct pitem {
    const char *name;  // NULL: a bare type
    go_type_t *type;   // NULL: a bare identifier (a name or a type, decided later)
    const char *ident; // the bare identifier
    go_pos_t pos;
    bool ddd;
} pitem_t;

// parse_params — "(a, b int, c ...T)" or "(int, *T)": the fields, and
// whether the last is variadic (its type is then []T).
static go_field_t *parse_params(parser_t *ps, int *n, bool *variadic)
{
    vec_t items = { 0 };
    expect_op(ps, "(");
    while (!is_op(ps, ")")) {
        pitem_t it = { 0 };
        it.pos = ps->tok.pos;
        if (ps->tok.tok == T_IDENT && (ps->next.tok == T_OP && (!strcmp(ps->next.text, ",") ||
                                                                !strcmp(ps->next.text, ")")))) {
            it.ident = go_strdup(ps->p, ps->tok.text);
            next(ps);
        } else if (ps->tok.tok == T_IDENT && ps->next.tok != T_OP) {
            it.name = go_strdup(ps->p, ps->tok.text);
            next(ps);
            it.type = parse_type(ps);
        } else if (ps->tok.tok == T_IDENT && ps->next.tok == T_OP && strcmp(ps->next.text, ".") &&
                   strcmp(ps->next.text, "(")) {
            it.name = go_strdup(ps->p, ps->tok.text);
            next(ps);
            if (is_op(ps, "...")) {
                next(ps);
                it.ddd = true;
            }
            it.type = parse_type(ps);
        } else {
            if (is_op(ps, "...")) {
                next(ps);
                it.ddd = true;
            }
            it.type = parse_type(ps);
        }
        vec_push(&items, &it, sizeof it);
        if (!is_op(ps, ","))
            break;
        next(ps);
    }
    expect_op(ps, ")");
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
                go_type_t *t = new_type(ps, GT_NAMEREF);
                t->name = its[i].ident;
                f[i].type = t;
            } else {
                f[i].type = its[i].type;
            }
        }
        if (its[i].ddd) {
            if (i != items.n - 1)
                go_fail(ps->ec, its[i].pos, "can only use ... with final parameter in list");
            go_type_t *s = new_type(ps, GT_SLICE);
            s->elem = f[i].type;
            f[i].type = s;
            *variadic = true;
        }
    }
    *n = items.n;
    return f;
}

// parse_result — the optional result: "T" or "(T)" or "(r T)".
static go_field_t parse_result(parser_t *ps)
{
    go_field_t r = { 0 };
    if (is_op(ps, "(")) {
        int n;
        bool ddd;
        go_pos_t pos = ps->tok.pos;
        go_field_t *f = parse_params(ps, &n, &ddd);
        if (n > 1)
            go_fail(ps->ec, pos, "unsupported: more than one result");
        if (ddd)
            go_fail(ps->ec, pos, "syntax error: cannot use ... in result");
        if (n == 1)
            r = f[0];
        return r;
    }
    if (starts_type(ps) && !is_op(ps, "...")) {
        r.pos = ps->tok.pos;
        r.name = "";
        r.type = parse_type(ps);
    }
    return r;
}

static go_type_t *func_type(parser_t *ps, go_field_t *params, int n, bool variadic, go_field_t res)
{
    go_type_t *t = new_type(ps, GT_FUNC);
    t->fields = params;
    t->nfields = n;
    t->variadic = variadic;
    t->result = res.type;
    return t;
}

static go_type_t *parse_type(parser_t *ps)
{
    go_pos_t pos = ps->tok.pos;
    enter(ps);
    go_type_t *t;
    if (ps->tok.tok == T_IDENT) {
        t = new_type(ps, GT_NAMEREF);
        t->name = go_strdup(ps->p, ps->tok.text);
        next(ps);
        if (is_op(ps, "."))
            go_fail(ps->ec, ps->tok.pos, "unsupported: qualified type name");
    } else if (is_op(ps, "*")) {
        next(ps);
        t = new_type(ps, GT_PTR);
        t->elem = parse_type(ps);
    } else if (is_op(ps, "(")) {
        next(ps);
        t = parse_type(ps);
        expect_op(ps, ")");
    } else if (is_op(ps, "[")) {
        next(ps);
        if (is_op(ps, "]")) {
            next(ps);
            t = new_type(ps, GT_SLICE);
        } else if (ps->tok.tok == T_INT) {
            t = new_type(ps, GT_ARRAY);
            t->len = atol(ps->tok.text);
            if (t->len > 100000000)
                go_fail(ps->ec, ps->tok.pos, "unsupported: array length over 100000000");
            next(ps);
            expect_op(ps, "]");
        } else {
            go_fail(ps->ec, ps->tok.pos, "unsupported: array length other than an integer literal");
        }
        t->elem = parse_type(ps);
    } else if (ps->tok.tok == T_STRUCT) {
        next(ps);
        expect_op(ps, "{");
        vec_t fs = { 0 };
        skip_semis(ps);
        while (!is_op(ps, "}")) {
            vec_t names = { 0 };
            for (;;) {
                go_field_t f = { 0 };
                f.pos = ps->tok.pos;
                if (ps->tok.tok != T_IDENT)
                    unexpected(ps, "field name");
                if (ps->next.tok == T_SEMI || (ps->next.tok == T_OP && !strcmp(ps->next.text, "}")))
                    go_fail(ps->ec, f.pos, "unsupported: embedded field");
                f.name = expect_ident(ps);
                vec_push(&names, &f, sizeof f);
                if (!is_op(ps, ","))
                    break;
                next(ps);
            }
            go_type_t *ft = parse_type(ps);
            if (ps->tok.tok == T_STRING)
                go_fail(ps->ec, ps->tok.pos, "unsupported: struct tag");
            go_field_t *nf = names.v;
            for (int i = 0; i < names.n; i++) {
                nf[i].type = ft;
                vec_push(&fs, &nf[i], sizeof nf[i]);
            }
            expect_semi(ps);
            skip_semis(ps);
        }
        next(ps);
        t = new_type(ps, GT_STRUCT);
        t->nfields = fs.n;
        t->fields = vec_keep(ps, &fs, sizeof(go_field_t));
    } else if (ps->tok.tok == T_INTERFACE) {
        next(ps);
        expect_op(ps, "{");
        vec_t ms = { 0 };
        skip_semis(ps);
        while (!is_op(ps, "}")) {
            go_field_t m = { 0 };
            m.pos = ps->tok.pos;
            if (ps->tok.tok != T_IDENT || !(ps->next.tok == T_OP && !strcmp(ps->next.text, "(")))
                go_fail(ps->ec, ps->tok.pos, "unsupported: interface element other than a method");
            m.name = expect_ident(ps);
            int n;
            bool ddd;
            go_field_t *params = parse_params(ps, &n, &ddd);
            go_field_t res = parse_result(ps);
            m.type = func_type(ps, params, n, ddd, res);
            vec_push(&ms, &m, sizeof m);
            expect_semi(ps);
            skip_semis(ps);
        }
        next(ps);
        t = new_type(ps, GT_IFACE);
        t->nfields = ms.n;
        t->fields = vec_keep(ps, &ms, sizeof(go_field_t));
    } else if (ps->tok.tok == T_FUNC) {
        next(ps);
        int n;
        bool ddd;
        go_field_t *params = parse_params(ps, &n, &ddd);
        go_field_t res = parse_result(ps);
        t = func_type(ps, params, n, ddd, res);
    } else if (ps->tok.tok == T_MAP || ps->tok.tok == T_CHAN) {
        go_fail(ps->ec, pos, "unsupported: %s type", ps->tok.text);
    } else {
        unexpected(ps, "type");
    }
    ps->depth--;
    return t;
}

// ---- expressions -----------------------------------------------------------

static go_expr_t *parse_funclit(parser_t *ps)
{
    go_pos_t pos = ps->tok.pos;
    next(ps); // func
    go_fdecl_t *d = go_alloc(ps->p, sizeof *d);
    d->name = "func";
    d->pos = pos;
    d->params = parse_params(ps, &d->nparams, &d->variadic);
    d->result = parse_result(ps);
    if (!is_op(ps, "{"))
        go_fail(ps->ec, ps->tok.pos, "unsupported: func type in an expression");
    ps->nolit++;
    int saved = ps->nolit;
    ps->nolit = 0;
    parse_block(ps, &d->body);
    ps->nolit = saved - 1;
    go_expr_t *e = new_expr(ps, GE_FUNCLIT, pos);
    e->decl = d;
    d->lit = e;
    return e;
}

// parse_complit — the elements of T{...}, after the type was read; at '{'.
static go_expr_t *parse_complit(parser_t *ps, go_type_t *t)
{
    go_expr_t *e = new_expr(ps, GE_STRUCTLIT, ps->tok.pos);
    e->type = t;
    next(ps); // {
    int saved = ps->nolit;
    ps->nolit = 0;
    vec_t elems = { 0 }, keys = { 0 }, kpos = { 0 };
    skip_semis(ps);
    while (!is_op(ps, "}")) {
        const char *key = NULL;
        go_pos_t kp = { 0, 0 };
        if (is_op(ps, "{"))
            go_fail(ps->ec, ps->tok.pos, "unsupported: composite literal with its type elided");
        go_expr_t *v = parse_expr(ps);
        if (is_op(ps, ":")) {
            if (v->op != GE_NAME)
                go_fail(ps->ec, v->pos,
                        "unsupported: composite literal key other than a field name");
            key = v->lit;
            kp = ps->tok.pos;
            next(ps);
            if (is_op(ps, "{"))
                go_fail(ps->ec, ps->tok.pos, "unsupported: composite literal with its type elided");
            v = parse_expr(ps);
        }
        vec_push(&elems, &v, sizeof v);
        vec_push(&keys, &key, sizeof key);
        vec_push(&kpos, &kp, sizeof kp);
        if (!is_op(ps, ",")) {
            skip_semis(ps);
            break;
        }
        next(ps);
        skip_semis(ps);
    }
    expect_op(ps, "}");
    ps->nolit = saved;
    e->nargs = elems.n;
    e->args = vec_keep(ps, &elems, sizeof(go_expr_t *));
    e->keys = vec_keep(ps, &keys, sizeof(const char *));
    e->kpos = vec_keep(ps, &kpos, sizeof(go_pos_t));
    return e;
}

static go_expr_t *parse_operand(parser_t *ps)
{
    go_token_t *t = &ps->tok;
    go_expr_t *e;
    switch (t->tok) {
    case T_INT:
        e = new_expr(ps, GE_INT, t->pos);
        e->lit = go_strdup(ps->p, t->text);
        next(ps);
        return e;
    case T_STRING:
        e = new_expr(ps, GE_STRING, t->pos);
        e->lit = go_strdup(ps->p, t->text);
        next(ps);
        return e;
    case T_IDENT:
        e = new_expr(ps, GE_NAME, t->pos);
        e->lit = go_strdup(ps->p, t->text);
        next(ps);
        return e;
    case T_FUNC: return parse_funclit(ps);
    case T_STRUCT:
    case T_INTERFACE:
    case T_MAP:
    case T_CHAN: {
        go_pos_t pos = t->pos;
        go_type_t *ty = parse_type(ps);
        if (is_op(ps, "{"))
            go_fail(ps->ec, ps->tok.pos,
                    "unsupported: composite literal of an unnamed struct type");
        e = new_expr(ps, GE_TYPEEXPR, pos);
        e->type = ty;
        return e;
    }
    case T_OP:
        if (!strcmp(t->text, "(")) {
            next(ps);
            int saved = ps->nolit;
            ps->nolit = 0;
            e = parse_expr(ps);
            ps->nolit = saved;
            expect_op(ps, ")");
            return e;
        }
        if (!strcmp(t->text, "[")) {
            go_pos_t pos = t->pos;
            go_type_t *ty = parse_type(ps);
            if (is_op(ps, "{")) {
                e = parse_complit(ps, ty);
                return e;
            }
            e = new_expr(ps, GE_TYPEEXPR, pos);
            e->type = ty;
            return e;
        }
        break;
    default: break;
    }
    unexpected(ps, "expression");
}

static go_expr_t *parse_primary(parser_t *ps)
{
    enter(ps);
    go_expr_t *e = parse_operand(ps);
    for (;;) {
        if (is_op(ps, ".")) {
            go_pos_t pos = ps->tok.pos;
            next(ps);
            if (is_op(ps, "("))
                go_fail(ps->ec, ps->tok.pos, "unsupported: type assertion");
            go_expr_t *s = new_expr(ps, GE_DOT, pos);
            s->x = e;
            s->sel = expect_ident(ps);
            e = s;
        } else if (is_op(ps, "[")) {
            go_pos_t pos = ps->tok.pos;
            next(ps);
            int saved = ps->nolit;
            ps->nolit = 0;
            if (is_op(ps, ":"))
                go_fail(ps->ec, ps->tok.pos, "unsupported: slice expression");
            go_expr_t *ix = new_expr(ps, GE_INDEX, pos);
            ix->x = e;
            ix->y = parse_expr(ps);
            if (is_op(ps, ":"))
                go_fail(ps->ec, ps->tok.pos, "unsupported: slice expression");
            ps->nolit = saved;
            expect_op(ps, "]");
            e = ix;
        } else if (is_op(ps, "(")) {
            go_expr_t *c = new_expr(ps, GE_CALL, ps->tok.pos);
            c->fun = e;
            next(ps);
            int saved = ps->nolit;
            ps->nolit = 0;
            vec_t args = { 0 };
            while (!is_op(ps, ")")) {
                go_expr_t *a = parse_expr(ps);
                vec_push(&args, &a, sizeof a);
                if (is_op(ps, "...")) {
                    c->ddd = true;
                    next(ps);
                    if (is_op(ps, ","))
                        next(ps);
                    break;
                }
                if (!is_op(ps, ","))
                    break;
                next(ps);
            }
            ps->nolit = saved;
            expect_op(ps, ")");
            c->nargs = args.n;
            c->args = vec_keep(ps, &args, sizeof(go_expr_t *));
            e = c;
        } else if (is_op(ps, "{") && !ps->nolit && e->op == GE_NAME) {
            go_type_t *t = new_type(ps, GT_NAMEREF);
            t->name = e->lit;
            e = parse_complit(ps, t);
        } else {
            break;
        }
    }
    ps->depth--;
    return e;
}

static go_expr_t *parse_unary(parser_t *ps)
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
            return parse_primary(ps);
        const char *opname = go_strdup(ps->p, op);
        next(ps);
        enter(ps);
        go_expr_t *e = new_expr(ps, k, pos);
        e->binop = opname;
        e->x = parse_unary(ps);
        ps->depth--;
        return e;
    }
    return parse_primary(ps);
}

static int precedence(const parser_t *ps)
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

static go_expr_t *parse_binary(parser_t *ps, int prec)
{
    go_expr_t *x = parse_unary(ps);
    for (;;) {
        int p = precedence(ps);
        if (p < 0)
            go_fail(ps->ec, ps->tok.pos, "unsupported: operator %s", ps->tok.text);
        if (p <= prec)
            return x;
        go_expr_t *b = new_expr(ps, GE_BINARY, ps->tok.pos);
        b->binop = go_strdup(ps->p, ps->tok.text);
        next(ps);
        enter(ps);
        b->x = x;
        b->y = parse_binary(ps, p);
        ps->depth--;
        x = b;
    }
}

static go_expr_t *parse_expr(parser_t *ps)
{
    return parse_binary(ps, 0);
}

// ---- statements ------------------------------------------------------------

static go_stmt_t *new_stmt(parser_t *ps, go_stmt_op_t op, go_pos_t pos)
{
    go_stmt_t *s = go_alloc(ps->p, sizeof *s);
    s->op = op;
    s->pos = pos;
    return s;
}

// parse_simple — x := e, x = e, x op= e, x++, or a call.
static go_stmt_t *parse_simple(parser_t *ps)
{
    go_pos_t pos = ps->tok.pos;
    go_expr_t *lhs = parse_expr(ps);
    if (is_op(ps, ","))
        go_fail(ps->ec, ps->tok.pos, "unsupported: assignment of more than one value");
    if (is_op(ps, ":=")) {
        if (lhs->op != GE_NAME)
            go_fail(ps->ec, lhs->pos, "non-name on left side of :=");
        go_stmt_t *s = new_stmt(ps, GS_DECL, ps->tok.pos);
        next(ps);
        s->lhs = lhs;
        s->rhs = parse_expr(ps);
        return s;
    }
    if (is_op(ps, "=")) {
        go_stmt_t *s = new_stmt(ps, GS_ASSIGN, ps->tok.pos);
        next(ps);
        s->lhs = lhs;
        s->rhs = parse_expr(ps);
        return s;
    }
    if (is_op(ps, "+=") || is_op(ps, "-=") || is_op(ps, "*=")) {
        go_stmt_t *s = new_stmt(ps, GS_OPASSIGN, ps->tok.pos);
        s->binop = go_strdup(ps->p, ps->tok.text);
        s->binop = ps->tok.text[0] == '+' ? "+" : ps->tok.text[0] == '-' ? "-" : "*";
        next(ps);
        s->lhs = lhs;
        s->rhs = parse_expr(ps);
        return s;
    }
    if (is_op(ps, "++") || is_op(ps, "--")) {
        go_stmt_t *s = new_stmt(ps, GS_OPASSIGN, ps->tok.pos);
        s->binop = ps->tok.text[0] == '+' ? "+" : "-";
        next(ps);
        s->lhs = lhs;
        s->rhs = new_expr(ps, GE_INT, s->pos);
        s->rhs->lit = "1";
        return s;
    }
    if (ps->tok.tok == T_OP && strchr("/%&|^<>", ps->tok.text[0]) && strchr(ps->tok.text, '='))
        go_fail(ps->ec, ps->tok.pos, "unsupported: assignment operator %s", ps->tok.text);
    if (lhs->op != GE_CALL)
        go_fail(ps->ec, pos, "unsupported: expression statement other than a call");
    go_stmt_t *s = new_stmt(ps, GS_EXPR, pos);
    s->rhs = lhs;
    return s;
}

static go_stmt_t *parse_var(parser_t *ps)
{
    next(ps); // var
    if (is_op(ps, "("))
        go_fail(ps->ec, ps->tok.pos, "unsupported: grouped var declaration");
    go_pos_t pos = ps->tok.pos;
    go_expr_t *name = new_expr(ps, GE_NAME, pos);
    name->lit = expect_ident(ps);
    if (is_op(ps, ","))
        go_fail(ps->ec, ps->tok.pos, "unsupported: declaration of more than one variable");
    go_stmt_t *s = new_stmt(ps, GS_DECL, pos);
    s->lhs = name;
    if (!is_op(ps, "="))
        s->dtype = parse_type(ps);
    if (is_op(ps, "=")) {
        s->pos = ps->tok.pos;
        next(ps);
        s->rhs = parse_expr(ps);
    }
    return s;
}

static go_stmt_t *parse_stmt(parser_t *ps);
static go_stmt_t *parse_cond_or_simple(parser_t *ps);

static go_stmt_t *parse_if(parser_t *ps)
{
    go_stmt_t *s = new_stmt(ps, GS_IF, ps->tok.pos);
    next(ps);
    ps->nolit++;
    go_pos_t cpos = ps->tok.pos;
    if (ps->tok.tok == T_SEMI || is_op(ps, "{"))
        go_fail(ps->ec, cpos, "syntax error: missing condition in if statement");
    go_stmt_t *init = parse_cond_or_simple(ps);
    if (ps->tok.tok == T_SEMI)
        go_fail(ps->ec, cpos, "unsupported: if statement with an init statement");
    ps->nolit--;
    s->cond = init->rhs;
    parse_block(ps, &s->body);
    if (ps->tok.tok == T_ELSE) {
        next(ps);
        if (ps->tok.tok == T_IF) {
            go_stmt_t *e = parse_if(ps);
            s->els.stmts = go_alloc(ps->p, sizeof(go_stmt_t *));
            s->els.stmts[0] = e;
            s->els.n = 1;
        } else if (is_op(ps, "{")) {
            parse_block(ps, &s->els);
        } else {
            unexpected(ps, "if statement or block");
        }
    }
    return s;
}

// In `if c {` and `for ...; c; ... {` a condition that is a lone call is
// parsed by parse_simple as a call statement; any expression is wrapped so.
static go_stmt_t *parse_cond_or_simple(parser_t *ps)
{
    go_pos_t pos = ps->tok.pos;
    go_expr_t *e = parse_expr(ps);
    if (is_op(ps, ":=") || is_op(ps, "=") || is_op(ps, "++") || is_op(ps, "--") ||
        is_op(ps, "+=") || is_op(ps, "-=") || is_op(ps, "*="))
        go_fail(ps->ec, ps->tok.pos, "unsupported: statement here");
    go_stmt_t *s = new_stmt(ps, GS_EXPR, pos);
    s->rhs = e;
    return s;
}

static go_stmt_t *parse_for(parser_t *ps)
{
    go_stmt_t *s = new_stmt(ps, GS_FOR, ps->tok.pos);
    next(ps);
    ps->nolit++;
    if (!is_op(ps, "{")) {
        go_stmt_t *first = NULL;
        if (ps->tok.tok != T_SEMI) {
            if (ps->tok.tok == T_RANGE)
                go_fail(ps->ec, ps->tok.pos, "unsupported: range loop");
            first = parse_simple(ps);
            if (ps->tok.tok == T_OP && !strcmp(ps->tok.text, "range"))
                go_fail(ps->ec, ps->tok.pos, "unsupported: range loop");
        }
        if (ps->tok.tok == T_SEMI && !ps->tok.auto_semi) {
            s->init = first;
            next(ps);
            if (ps->tok.tok != T_SEMI)
                s->cond = parse_cond_or_simple(ps)->rhs;
            if (ps->tok.tok != T_SEMI || ps->tok.auto_semi)
                unexpected(ps, "';' after the for loop's condition");
            next(ps);
            if (!is_op(ps, "{"))
                s->post = parse_simple(ps);
            if (s->post && s->post->op == GS_DECL)
                go_fail(ps->ec, s->post->pos, "cannot declare in post statement of for loop");
        } else {
            if (!first || first->op != GS_EXPR)
                go_fail(ps->ec, s->pos, "unsupported: for loop with a statement but no condition");
            s->cond = first->rhs;
        }
    }
    ps->nolit--;
    parse_block(ps, &s->body);
    return s;
}

static go_stmt_t *parse_stmt(parser_t *ps)
{
    go_token_t *t = &ps->tok;
    go_stmt_t *s;
    enter(ps);
    switch (t->tok) {
    case T_VAR: s = parse_var(ps); break;
    case T_IF: s = parse_if(ps); break;
    case T_FOR: s = parse_for(ps); break;
    case T_RETURN:
        s = new_stmt(ps, GS_RETURN, t->pos);
        next(ps);
        if (ps->tok.tok != T_SEMI && !is_op(ps, "}")) {
            s->rhs = parse_expr(ps);
            if (is_op(ps, ","))
                go_fail(ps->ec, ps->tok.pos, "unsupported: more than one result");
        }
        break;
    case T_OP:
        if (!strcmp(t->text, "{")) {
            s = new_stmt(ps, GS_BLOCK, t->pos);
            parse_block(ps, &s->body);
            break;
        }
        s = parse_simple(ps);
        break;
    case T_IDENT:
    case T_INT:
    case T_STRING:
    case T_FUNC:
    case T_STRUCT:
    case T_INTERFACE: s = parse_simple(ps); break;
    default: go_fail(ps->ec, t->pos, "unsupported: %s statement", t->text);
    }
    ps->depth--;
    return s;
}

static void parse_block(parser_t *ps, go_block_t *b)
{
    vec_t v = { 0 };
    expect_op(ps, "{");
    skip_semis(ps);
    while (!is_op(ps, "}")) {
        if (ps->tok.tok == T_EOF)
            unexpected(ps, "'}'");
        go_stmt_t *s = parse_stmt(ps);
        vec_push(&v, &s, sizeof s);
        expect_semi(ps);
        skip_semis(ps);
    }
    next(ps);
    b->n = v.n;
    b->stmts = vec_keep(ps, &v, sizeof(go_stmt_t *));
}

// ---- declarations ----------------------------------------------------------

static void parse_func(parser_t *ps, vec_t *funcs)
{
    go_fdecl_t d = { 0 };
    next(ps); // func
    if (is_op(ps, "(")) {
        int n;
        bool ddd;
        go_pos_t pos = ps->tok.pos;
        go_field_t *r = parse_params(ps, &n, &ddd);
        if (n != 1 || ddd)
            go_fail(ps->ec, pos, "method has multiple receivers");
        if (r[0].type->kind != GT_PTR || r[0].type->elem->kind != GT_NAMEREF)
            go_fail(ps->ec, r[0].pos, "unsupported: receiver other than a pointer to a named type");
        d.recv = r[0];
        d.has_recv = true;
    }
    d.pos = ps->tok.pos;
    d.name = expect_ident(ps);
    if (is_op(ps, "["))
        go_fail(ps->ec, ps->tok.pos, "unsupported: type parameters");
    d.params = parse_params(ps, &d.nparams, &d.variadic);
    d.result = parse_result(ps);
    if (!is_op(ps, "{"))
        go_fail(ps->ec, d.pos, "unsupported: function without a body");
    parse_block(ps, &d.body);
    vec_push(funcs, &d, sizeof d);
}

void go_parse_file(go_program_t *p, go_errctx_t *ec, const char *src, size_t len, go_file_t *f)
{
    parser_t ps = { .p = p, .ec = ec };
    vec_prog = p;
    ps.lx.src = src;
    ps.lx.len = len;
    ps.lx.line = 1;
    ps.lx.col = 1;
    ps.lx.last = T_SEMI;
    go_lex_next(&ps.lx, ec, &ps.next);
    next(&ps);
    memset(f, 0, sizeof *f);
    skip_semis(&ps);
    if (ps.tok.tok != T_PACKAGE)
        unexpected(&ps, "package clause");
    next(&ps);
    if (ps.tok.tok != T_IDENT || strcmp(ps.tok.text, "main"))
        go_fail(ec, ps.tok.pos, "unsupported: package other than main");
    next(&ps);
    expect_semi(&ps);
    skip_semis(&ps);
    while (ps.tok.tok == T_IMPORT) {
        next(&ps);
        bool group = is_op(&ps, "(");
        if (group) {
            next(&ps);
            skip_semis(&ps);
        }
        do {
            if (ps.tok.tok != T_STRING)
                unexpected(&ps, "import path");
            if (strcmp(ps.tok.text, "fmt"))
                go_fail(ec, ps.tok.pos, "unsupported: import of \"%s\"", ps.tok.text);
            f->imports_fmt = true;
            f->fmt_pos = ps.tok.pos;
            next(&ps);
            if (group) {
                expect_semi(&ps);
                skip_semis(&ps);
            }
        } while (group && !is_op(&ps, ")"));
        if (group)
            next(&ps);
        expect_semi(&ps);
        skip_semis(&ps);
    }
    vec_t types = { 0 }, globals = { 0 }, funcs = { 0 };
    while (ps.tok.tok != T_EOF) {
        if (ps.tok.tok == T_TYPE) {
            next(&ps);
            if (is_op(&ps, "("))
                go_fail(ec, ps.tok.pos, "unsupported: grouped type declaration");
            go_tdecl_t td = { 0 };
            td.pos = ps.tok.pos;
            td.name = expect_ident(&ps);
            if (is_op(&ps, "="))
                go_fail(ec, ps.tok.pos, "unsupported: type alias");
            if (is_op(&ps, "["))
                go_fail(ec, ps.tok.pos, "unsupported: type parameters");
            td.type = parse_type(&ps);
            if (td.type->kind != GT_STRUCT && td.type->kind != GT_IFACE)
                go_fail(ec, td.pos, "unsupported: named type other than a struct or an interface");
            vec_push(&types, &td, sizeof td);
        } else if (ps.tok.tok == T_VAR) {
            go_stmt_t *s = parse_var(&ps);
            if (s->rhs)
                go_fail(ec, s->rhs->pos, "unsupported: package-level variable with an initializer");
            go_field_t g = { .name = s->lhs->lit, .type = s->dtype, .pos = s->lhs->pos };
            vec_push(&globals, &g, sizeof g);
        } else if (ps.tok.tok == T_FUNC) {
            parse_func(&ps, &funcs);
        } else if (ps.tok.tok == T_IMPORT) {
            go_fail(ec, ps.tok.pos, "syntax error: imports must appear before other declarations");
        } else if (ps.tok.tok == T_CONST) {
            go_fail(ec, ps.tok.pos, "unsupported: const declaration");
        } else {
            unexpected(&ps, "declaration");
        }
        if (ps.tok.tok != T_EOF)
            expect_semi(&ps);
        skip_semis(&ps);
    }
    f->ntypes = types.n;
    f->types = vec_keep(&ps, &types, sizeof(go_tdecl_t));
    f->nglobals = globals.n;
    f->globals = vec_keep(&ps, &globals, sizeof(go_field_t));
    f->nfuncs = funcs.n;
    f->funcs = vec_keep(&ps, &funcs, sizeof(go_fdecl_t));
}

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
#include "goparse.h"

go_program_t *gp_vec_prog;

void gp_next(parser_t *ps)
{
    ps->tok = ps->next;
    go_lex_next(&ps->lx, ps->ec, &ps->next);
}

bool gp_is_op(const parser_t *ps, const char *op)
{
    return ps->tok.tok == T_OP && !strcmp(ps->tok.text, op);
}

const char *gp_tok_desc(const go_token_t *t, char *buf, size_t len)
{
    switch (t->tok) {
    case T_EOF: return "end of file";
    case T_SEMI: return t->auto_semi ? "newline" : "';'";
    case T_STRING: return "string literal";
    default: snprintf(buf, len, "'%s'", t->text); return buf;
    }
}

_Noreturn void gp_unexpected(parser_t *ps, const char *want)
{
    char b[300];
    go_fail(ps->ec, ps->tok.pos, "syntax error: unexpected %s, expecting %s",
            gp_tok_desc(&ps->tok, b, sizeof b), want);
}

void gp_expect_op(parser_t *ps, const char *op)
{
    if (!gp_is_op(ps, op)) {
        char w[16];
        snprintf(w, sizeof w, "'%s'", op);
        gp_unexpected(ps, w);
    }
    gp_next(ps);
}

const char *gp_expect_ident(parser_t *ps)
{
    if (ps->tok.tok != T_IDENT)
        gp_unexpected(ps, "name");
    const char *s = go_strdup(ps->p, ps->tok.text);
    gp_next(ps);
    return s;
}

void gp_skip_semis(parser_t *ps)
{
    while (ps->tok.tok == T_SEMI)
        gp_next(ps);
}

void gp_expect_semi(parser_t *ps)
{
    if (ps->tok.tok == T_SEMI) {
        gp_next(ps);
        return;
    }
    if (gp_is_op(ps, ")") || gp_is_op(ps, "}"))
        return;
    gp_unexpected(ps, "newline or ';'");
}

void gp_enter(parser_t *ps)
{
    if (++ps->depth > MAX_DEPTH)
        go_fail(ps->ec, ps->tok.pos, "unsupported: nesting deeper than %d", MAX_DEPTH);
}

go_expr_t *gp_new_expr(parser_t *ps, go_op_t op, go_pos_t pos)
{
    go_expr_t *e = go_alloc(ps->p, sizeof *e);
    e->op = op;
    e->pos = pos;
    e->id = ps->p->nexprs++;
    return e;
}

go_type_t *gp_new_type(parser_t *ps, go_kind_t k)
{
    go_type_t *t = go_alloc(ps->p, sizeof *t);
    t->kind = k;
    return t;
}

void gp_vec_push(vec_t *v, const void *item, size_t size)
{
    if (v->n == v->cap) {
        int cap = v->cap ? 2 * v->cap : 8;
        void *n = go_alloc(gp_vec_prog, (size_t)cap * size);
        if (v->n)
            memcpy(n, v->v, (size_t)v->n * size);
        v->v = n;
        v->cap = cap;
    }
    memcpy((char *)v->v + (size_t)v->n * size, item, size);
    v->n++;
}

// gp_vec_keep — move the vector into the arena; returns the array.
void *gp_vec_keep(parser_t *ps, vec_t *v, size_t size)
{
    (void)ps;
    (void)size;
    if (!v->v)
        v->v = go_alloc(gp_vec_prog, size);
    return v->v;
}

// ---- statements ------------------------------------------------------------

go_stmt_t *gp_new_stmt(parser_t *ps, go_stmt_op_t op, go_pos_t pos)
{
    go_stmt_t *s = go_alloc(ps->p, sizeof *s);
    s->op = op;
    s->pos = pos;
    return s;
}

// gp_parse_simple — x := e, x = e, x op= e, x++, or a call.
go_stmt_t *gp_parse_simple(parser_t *ps)
{
    go_pos_t pos = ps->tok.pos;
    go_expr_t *lhs = gp_parse_expr(ps);
    if (gp_is_op(ps, ","))
        go_fail(ps->ec, ps->tok.pos, "unsupported: assignment of more than one value");
    if (gp_is_op(ps, ":=")) {
        if (lhs->op != GE_NAME)
            go_fail(ps->ec, lhs->pos, "non-name on left side of :=");
        go_stmt_t *s = gp_new_stmt(ps, GS_DECL, ps->tok.pos);
        gp_next(ps);
        s->lhs = lhs;
        s->rhs = gp_parse_expr(ps);
        return s;
    }
    if (gp_is_op(ps, "=")) {
        go_stmt_t *s = gp_new_stmt(ps, GS_ASSIGN, ps->tok.pos);
        gp_next(ps);
        s->lhs = lhs;
        s->rhs = gp_parse_expr(ps);
        return s;
    }
    if (gp_is_op(ps, "+=") || gp_is_op(ps, "-=") || gp_is_op(ps, "*=")) {
        go_stmt_t *s = gp_new_stmt(ps, GS_OPASSIGN, ps->tok.pos);
        s->binop = go_strdup(ps->p, ps->tok.text);
        s->binop = ps->tok.text[0] == '+' ? "+" : ps->tok.text[0] == '-' ? "-" : "*";
        gp_next(ps);
        s->lhs = lhs;
        s->rhs = gp_parse_expr(ps);
        return s;
    }
    if (gp_is_op(ps, "++") || gp_is_op(ps, "--")) {
        go_stmt_t *s = gp_new_stmt(ps, GS_OPASSIGN, ps->tok.pos);
        s->binop = ps->tok.text[0] == '+' ? "+" : "-";
        gp_next(ps);
        s->lhs = lhs;
        s->rhs = gp_new_expr(ps, GE_INT, s->pos);
        s->rhs->lit = "1";
        return s;
    }
    if (ps->tok.tok == T_OP && strchr("/%&|^<>", ps->tok.text[0]) && strchr(ps->tok.text, '='))
        go_fail(ps->ec, ps->tok.pos, "unsupported: assignment operator %s", ps->tok.text);
    if (lhs->op != GE_CALL)
        go_fail(ps->ec, pos, "unsupported: expression statement other than a call");
    go_stmt_t *s = gp_new_stmt(ps, GS_EXPR, pos);
    s->rhs = lhs;
    return s;
}

go_stmt_t *gp_parse_var(parser_t *ps)
{
    gp_next(ps); // var
    if (gp_is_op(ps, "("))
        go_fail(ps->ec, ps->tok.pos, "unsupported: grouped var declaration");
    go_pos_t pos = ps->tok.pos;
    go_expr_t *name = gp_new_expr(ps, GE_NAME, pos);
    name->lit = gp_expect_ident(ps);
    if (gp_is_op(ps, ","))
        go_fail(ps->ec, ps->tok.pos, "unsupported: declaration of more than one variable");
    go_stmt_t *s = gp_new_stmt(ps, GS_DECL, pos);
    s->lhs = name;
    if (!gp_is_op(ps, "="))
        s->dtype = gp_parse_type(ps);
    if (gp_is_op(ps, "=")) {
        s->pos = ps->tok.pos;
        gp_next(ps);
        s->rhs = gp_parse_expr(ps);
    }
    return s;
}

go_stmt_t *gp_parse_if(parser_t *ps)
{
    go_stmt_t *s = gp_new_stmt(ps, GS_IF, ps->tok.pos);
    gp_next(ps);
    ps->nolit++;
    go_pos_t cpos = ps->tok.pos;
    if (ps->tok.tok == T_SEMI || gp_is_op(ps, "{"))
        go_fail(ps->ec, cpos, "syntax error: missing condition in if statement");
    go_stmt_t *init = gp_parse_cond_or_simple(ps);
    if (ps->tok.tok == T_SEMI)
        go_fail(ps->ec, cpos, "unsupported: if statement with an init statement");
    ps->nolit--;
    s->cond = init->rhs;
    gp_parse_block(ps, &s->body);
    if (ps->tok.tok == T_ELSE) {
        gp_next(ps);
        if (ps->tok.tok == T_IF) {
            go_stmt_t *e = gp_parse_if(ps);
            s->els.stmts = go_alloc(ps->p, sizeof(go_stmt_t *));
            s->els.stmts[0] = e;
            s->els.n = 1;
        } else if (gp_is_op(ps, "{")) {
            gp_parse_block(ps, &s->els);
        } else {
            gp_unexpected(ps, "if statement or block");
        }
    }
    return s;
}

// In `if c {` and `for ...; c; ... {` a condition that is a lone call is
// parsed by gp_parse_simple as a call statement; any expression is wrapped so.
go_stmt_t *gp_parse_cond_or_simple(parser_t *ps)
{
    go_pos_t pos = ps->tok.pos;
    go_expr_t *e = gp_parse_expr(ps);
    if (gp_is_op(ps, ":=") || gp_is_op(ps, "=") || gp_is_op(ps, "++") || gp_is_op(ps, "--") ||
        gp_is_op(ps, "+=") || gp_is_op(ps, "-=") || gp_is_op(ps, "*="))
        go_fail(ps->ec, ps->tok.pos, "unsupported: statement here");
    go_stmt_t *s = gp_new_stmt(ps, GS_EXPR, pos);
    s->rhs = e;
    return s;
}

go_stmt_t *gp_parse_for(parser_t *ps)
{
    go_stmt_t *s = gp_new_stmt(ps, GS_FOR, ps->tok.pos);
    gp_next(ps);
    ps->nolit++;
    if (!gp_is_op(ps, "{")) {
        go_stmt_t *first = NULL;
        if (ps->tok.tok != T_SEMI) {
            if (ps->tok.tok == T_RANGE)
                go_fail(ps->ec, ps->tok.pos, "unsupported: range loop");
            first = gp_parse_simple(ps);
            if (ps->tok.tok == T_OP && !strcmp(ps->tok.text, "range"))
                go_fail(ps->ec, ps->tok.pos, "unsupported: range loop");
        }
        if (ps->tok.tok == T_SEMI && !ps->tok.auto_semi) {
            s->init = first;
            gp_next(ps);
            if (ps->tok.tok != T_SEMI)
                s->cond = gp_parse_cond_or_simple(ps)->rhs;
            if (ps->tok.tok != T_SEMI || ps->tok.auto_semi)
                gp_unexpected(ps, "';' after the for loop's condition");
            gp_next(ps);
            if (!gp_is_op(ps, "{"))
                s->post = gp_parse_simple(ps);
            if (s->post && s->post->op == GS_DECL)
                go_fail(ps->ec, s->post->pos, "cannot declare in post statement of for loop");
        } else {
            if (!first || first->op != GS_EXPR)
                go_fail(ps->ec, s->pos, "unsupported: for loop with a statement but no condition");
            s->cond = first->rhs;
        }
    }
    ps->nolit--;
    gp_parse_block(ps, &s->body);
    return s;
}

go_stmt_t *gp_parse_stmt(parser_t *ps)
{
    go_token_t *t = &ps->tok;
    go_stmt_t *s;
    gp_enter(ps);
    switch (t->tok) {
    case T_VAR: s = gp_parse_var(ps); break;
    case T_IF: s = gp_parse_if(ps); break;
    case T_FOR: s = gp_parse_for(ps); break;
    case T_RETURN:
        s = gp_new_stmt(ps, GS_RETURN, t->pos);
        gp_next(ps);
        if (ps->tok.tok != T_SEMI && !gp_is_op(ps, "}")) {
            s->rhs = gp_parse_expr(ps);
            if (gp_is_op(ps, ","))
                go_fail(ps->ec, ps->tok.pos, "unsupported: more than one result");
        }
        break;
    case T_OP:
        if (!strcmp(t->text, "{")) {
            s = gp_new_stmt(ps, GS_BLOCK, t->pos);
            gp_parse_block(ps, &s->body);
            break;
        }
        s = gp_parse_simple(ps);
        break;
    case T_IDENT:
    case T_INT:
    case T_STRING:
    case T_FUNC:
    case T_STRUCT:
    case T_INTERFACE: s = gp_parse_simple(ps); break;
    default: go_fail(ps->ec, t->pos, "unsupported: %s statement", t->text);
    }
    ps->depth--;
    return s;
}

void gp_parse_block(parser_t *ps, go_block_t *b)
{
    vec_t v = { 0 };
    gp_expect_op(ps, "{");
    gp_skip_semis(ps);
    while (!gp_is_op(ps, "}")) {
        if (ps->tok.tok == T_EOF)
            gp_unexpected(ps, "'}'");
        go_stmt_t *s = gp_parse_stmt(ps);
        gp_vec_push(&v, &s, sizeof s);
        gp_expect_semi(ps);
        gp_skip_semis(ps);
    }
    gp_next(ps);
    b->n = v.n;
    b->stmts = gp_vec_keep(ps, &v, sizeof(go_stmt_t *));
}

// ---- declarations ----------------------------------------------------------

void gp_parse_func(parser_t *ps, vec_t *funcs)
{
    go_fdecl_t d = { 0 };
    gp_next(ps); // func
    if (gp_is_op(ps, "(")) {
        int n;
        bool ddd;
        go_pos_t pos = ps->tok.pos;
        go_field_t *r = gp_parse_params(ps, &n, &ddd);
        if (n != 1 || ddd)
            go_fail(ps->ec, pos, "method has multiple receivers");
        if (r[0].type->kind != GT_PTR || r[0].type->elem->kind != GT_NAMEREF)
            go_fail(ps->ec, r[0].pos, "unsupported: receiver other than a pointer to a named type");
        d.recv = r[0];
        d.has_recv = true;
    }
    d.pos = ps->tok.pos;
    d.name = gp_expect_ident(ps);
    if (gp_is_op(ps, "["))
        go_fail(ps->ec, ps->tok.pos, "unsupported: type parameters");
    d.params = gp_parse_params(ps, &d.nparams, &d.variadic);
    d.result = gp_parse_result(ps);
    if (!gp_is_op(ps, "{"))
        go_fail(ps->ec, d.pos, "unsupported: function without a body");
    gp_parse_block(ps, &d.body);
    gp_vec_push(funcs, &d, sizeof d);
}

void go_parse_file(go_program_t *p, go_errctx_t *ec, const char *src, size_t len, go_file_t *f)
{
    parser_t ps = { .p = p, .ec = ec };
    gp_vec_prog = p;
    ps.lx.src = src;
    ps.lx.len = len;
    ps.lx.line = 1;
    ps.lx.col = 1;
    ps.lx.last = T_SEMI;
    go_lex_next(&ps.lx, ec, &ps.next);
    gp_next(&ps);
    memset(f, 0, sizeof *f);
    gp_skip_semis(&ps);
    if (ps.tok.tok != T_PACKAGE)
        gp_unexpected(&ps, "package clause");
    gp_next(&ps);
    if (ps.tok.tok != T_IDENT || strcmp(ps.tok.text, "main"))
        go_fail(ec, ps.tok.pos, "unsupported: package other than main");
    gp_next(&ps);
    gp_expect_semi(&ps);
    gp_skip_semis(&ps);
    while (ps.tok.tok == T_IMPORT) {
        gp_next(&ps);
        bool group = gp_is_op(&ps, "(");
        if (group) {
            gp_next(&ps);
            gp_skip_semis(&ps);
        }
        do {
            if (ps.tok.tok != T_STRING)
                gp_unexpected(&ps, "import path");
            if (strcmp(ps.tok.text, "fmt"))
                go_fail(ec, ps.tok.pos, "unsupported: import of \"%s\"", ps.tok.text);
            f->imports_fmt = true;
            f->fmt_pos = ps.tok.pos;
            gp_next(&ps);
            if (group) {
                gp_expect_semi(&ps);
                gp_skip_semis(&ps);
            }
        } while (group && !gp_is_op(&ps, ")"));
        if (group)
            gp_next(&ps);
        gp_expect_semi(&ps);
        gp_skip_semis(&ps);
    }
    vec_t types = { 0 }, globals = { 0 }, funcs = { 0 };
    while (ps.tok.tok != T_EOF) {
        if (ps.tok.tok == T_TYPE) {
            gp_next(&ps);
            if (gp_is_op(&ps, "("))
                go_fail(ec, ps.tok.pos, "unsupported: grouped type declaration");
            go_tdecl_t td = { 0 };
            td.pos = ps.tok.pos;
            td.name = gp_expect_ident(&ps);
            if (gp_is_op(&ps, "="))
                go_fail(ec, ps.tok.pos, "unsupported: type alias");
            if (gp_is_op(&ps, "["))
                go_fail(ec, ps.tok.pos, "unsupported: type parameters");
            td.type = gp_parse_type(&ps);
            if (td.type->kind != GT_STRUCT && td.type->kind != GT_IFACE)
                go_fail(ec, td.pos, "unsupported: named type other than a struct or an interface");
            gp_vec_push(&types, &td, sizeof td);
        } else if (ps.tok.tok == T_VAR) {
            go_stmt_t *s = gp_parse_var(&ps);
            if (s->rhs)
                go_fail(ec, s->rhs->pos, "unsupported: package-level variable with an initializer");
            go_field_t g = { .name = s->lhs->lit, .type = s->dtype, .pos = s->lhs->pos };
            gp_vec_push(&globals, &g, sizeof g);
        } else if (ps.tok.tok == T_FUNC) {
            gp_parse_func(&ps, &funcs);
        } else if (ps.tok.tok == T_IMPORT) {
            go_fail(ec, ps.tok.pos, "syntax error: imports must appear before other declarations");
        } else if (ps.tok.tok == T_CONST) {
            go_fail(ec, ps.tok.pos, "unsupported: const declaration");
        } else {
            gp_unexpected(&ps, "declaration");
        }
        if (ps.tok.tok != T_EOF)
            gp_expect_semi(&ps);
        gp_skip_semis(&ps);
    }
    f->ntypes = types.n;
    f->types = gp_vec_keep(&ps, &types, sizeof(go_tdecl_t));
    f->nglobals = globals.n;
    f->globals = gp_vec_keep(&ps, &globals, sizeof(go_field_t));
    f->nfuncs = funcs.n;
    f->funcs = gp_vec_keep(&ps, &funcs, sizeof(go_fdecl_t));
}

// gocheck_types.c — scopes and types for the escape lab's checker: names
// declared and looked up block by block, named types resolved, type
// identity and assignability to interfaces (only pointers to named structs
// have methods in the subset), untyped constants and their default types.
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "gocheck.h"

go_program_t *gck_grow_prog;

void *gck_grow(void *v, int *cap, int n, size_t size)
{
    if (n < *cap)
        return v;
    int nc = *cap ? 2 * *cap : 16;
    void *a = go_alloc(gck_grow_prog, (size_t)nc * size);
    if (n)
        memcpy(a, v, (size_t)n * size);
    *cap = nc;
    return a;
}

go_type_t *gck_mk_type(checker_t *c, go_kind_t k, const char *name)
{
    go_type_t *t = go_alloc(c->p, sizeof *t);
    t->kind = k;
    t->name = name;
    return t;
}

ent_t *gck_declare(checker_t *c, scope_t *s, const char *name, ent_kind_t k, go_pos_t pos)
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

ent_t *gck_lookup(checker_t *c, const char *name)
{
    for (scope_t *s = c->cur; s; s = s->parent)
        for (ent_t *e = s->ents; e; e = e->next)
            if (!strcmp(e->name, name))
                return e;
    return NULL;
}

void gck_push_scope(checker_t *c)
{
    scope_t *s = go_alloc(c->p, sizeof *s);
    s->parent = c->cur;
    s->fn = c->fn;
    c->cur = s;
}

// gck_pop_scope — leave the innermost scope; a local variable never read is
// the compiler's "declared but not used".
void gck_pop_scope(checker_t *c)
{
    for (ent_t *e = c->cur->ents; e; e = e->next)
        if (e->kind == EN_VAR && e->var->cls == GV_AUTO && !e->used)
            FAIL(c, e->var->pos, "%s declared but not used", e->name);
    c->cur = c->cur->parent;
}

// gck_resolve_type — t with every type name in it replaced by the named type
// (a named type is resolved once, at its declaration: gck_resolve_body).
go_type_t *gck_resolve_type(checker_t *c, go_type_t *t, go_pos_t pos)
{
    if (t->name && t->kind != GT_NAMEREF)
        return t;
    return gck_resolve_body(c, t, pos);
}

go_type_t *gck_resolve_body(checker_t *c, go_type_t *t, go_pos_t pos)
{
    if (t->kind == GT_NAMEREF) {
        ent_t *e = gck_lookup(c, t->name);
        if (!e)
            FAIL(c, pos, "undefined: %s", t->name);
        if (e->kind != EN_TYPE)
            FAIL(c, pos, "%s is not a type", t->name);
        return e->type;
    }
    switch (t->kind) {
    case GT_PTR:
    case GT_SLICE:
    case GT_ARRAY: t->elem = gck_resolve_type(c, t->elem, pos); break;
    case GT_STRUCT:
    case GT_IFACE:
    case GT_FUNC:
        for (int i = 0; i < t->nfields; i++) {
            t->fields[i].type = gck_resolve_type(c, t->fields[i].type, t->fields[i].pos);
            for (int j = 0; j < i && t->kind != GT_FUNC; j++)
                if (!strcmp(t->fields[i].name, t->fields[j].name))
                    FAIL(c, t->fields[i].pos, "duplicate %s %s",
                         t->kind == GT_STRUCT ? "field" : "method", t->fields[i].name);
        }
        if (t->result)
            t->result = gck_resolve_type(c, t->result, pos);
        if (t->kind == GT_STRUCT && !t->name)
            FAIL(c, pos, "unsupported: unnamed struct type");
        break;
    default: break;
    }
    return t;
}

bool gck_identical(const go_type_t *a, const go_type_t *b)
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
    case GT_SLICE: return gck_identical(a->elem, b->elem);
    case GT_ARRAY: return a->len == b->len && gck_identical(a->elem, b->elem);
    case GT_FUNC:
        if (a->nfields != b->nfields || a->variadic != b->variadic || !a->result != !b->result)
            return false;
        for (int i = 0; i < a->nfields; i++)
            if (!gck_identical(a->fields[i].type, b->fields[i].type))
                return false;
        return !a->result || gck_identical(a->result, b->result);
    case GT_IFACE:
        if (a->nfields != b->nfields)
            return false;
        for (int i = 0; i < a->nfields; i++)
            if (strcmp(a->fields[i].name, b->fields[i].name) ||
                !gck_identical(a->fields[i].type, b->fields[i].type))
                return false;
        return true;
    default: return false;
    }
}

bool gck_is_untyped(const go_type_t *t)
{
    return t->kind == GT_UNTYPED_INT || t->kind == GT_UNTYPED_STRING ||
           t->kind == GT_UNTYPED_BOOL || t->kind == GT_NIL;
}

go_func_t *gck_find_method(const go_type_t *named, const char *name)
{
    for (int i = 0; named && i < named->nmethods; i++)
        if (!strcmp(named->methods[i]->name, name))
            return named->methods[i];
    return NULL;
}

// gck_implements — whether a value of type v satisfies interface t: only
// pointers to named structs have methods in the subset.
bool gck_implements(const go_type_t *v, const go_type_t *t, const char **missing)
{
    for (int i = 0; i < t->nfields; i++) {
        go_func_t *m = NULL;
        if (v->kind == GT_PTR && v->elem->kind == GT_STRUCT)
            m = gck_find_method(v->elem, t->fields[i].name);
        if (!m || !gck_identical(m->type, t->fields[i].type)) {
            *missing = t->fields[i].name;
            return false;
        }
    }
    return true;
}

go_type_t *gck_default_type(checker_t *c, go_type_t *t)
{
    switch (t->kind) {
    case GT_UNTYPED_INT: return c->t_int;
    case GT_UNTYPED_STRING: return c->t_string;
    case GT_UNTYPED_BOOL: return c->t_bool;
    default: return t;
    }
}

bool gck_is_integer(const go_type_t *t)
{
    return t->kind == GT_INT || t->kind == GT_BYTE || t->kind == GT_UNTYPED_INT;
}

bool gck_is_const(const go_expr_t *e)
{
    switch (e->op) {
    case GE_INT:
    case GE_STRING:
    case GE_BOOL: return true;
    case GE_BINARY: return gck_is_const(e->x) && gck_is_const(e->y);
    case GE_UNARY: return gck_is_const(e->x);
    case GE_LEN:
        return e->x->op == GE_STRING || (e->x->type->kind == GT_ARRAY && e->x->op == GE_NAME);
    default: return false;
    }
}

long gck_const_int(const go_expr_t *e)
{
    switch (e->op) {
    case GE_INT: return atol(e->lit);
    case GE_UNARY: return -gck_const_int(e->x);
    case GE_LEN: return e->x->op == GE_STRING ? (long)strlen(e->x->lit) : e->x->type->len;
    case GE_BINARY:
        switch (e->binop[0]) {
        case '+': return gck_const_int(e->x) + gck_const_int(e->y);
        case '-': return gck_const_int(e->x) - gck_const_int(e->y);
        case '*': return gck_const_int(e->x) * gck_const_int(e->y);
        }
        return 0;
    default: return 0;
    }
}

go_expr_t *gck_new_node(checker_t *c, go_op_t op, go_pos_t pos, go_type_t *t)
{
    go_expr_t *e = go_alloc(c->p, sizeof *e);
    e->op = op;
    e->pos = pos;
    e->type = t;
    e->id = c->p->nexprs++;
    return e;
}

char *gck_tstr(const go_type_t *t, char *b)
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

// gosrc.c — the program object of the escape lab: its arena, the facts about
// types that escape analysis needs (size, pointers, direct interfaces), the
// compiler's way of printing types and expressions in diagnostics, and the
// diagnostic list.
//
// Printing follows cmd/compile/internal/ir/fmt.go for the nodes of the
// subset: operators with spaces and parentheses only where precedence needs
// them, composite literals as `T{...}` (or `T{}` when empty), `&T{...}`,
// `new(T)`, `make([]T, n)`, a func literal as "func literal", the implicit
// slice of a variadic call as "... argument" (and a call that received one
// as `f(x, ... argument...)`), implicit conversions and implicit & left out,
// explicit conversions as `any(x)` or `(interface {})(x)`.
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "golex.h"

typedef struct go_arena {
    struct go_arena *next;
    size_t used, cap;
    char data[];
} go_arena_t;

void *go_alloc(go_program_t *p, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    go_arena_t *a = p->arena;
    if (!a || a->used + n > a->cap) {
        size_t cap = n > 65536 ? n : 65536;
        go_arena_t *b = malloc(sizeof *b + cap);
        if (!b) {
            fprintf(stderr, "escape: out of memory\n");
            abort();
        }
        b->next = a;
        b->used = 0;
        b->cap = cap;
        p->arena = a = b;
    }
    void *r = a->data + a->used;
    a->used += n;
    memset(r, 0, n);
    return r;
}

char *go_strdup(go_program_t *p, const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = go_alloc(p, n);
    memcpy(d, s, n);
    return d;
}

void go_program_free(go_program_t *p)
{
    if (!p)
        return;
    go_arena_t *a = p->arena;
    while (a) {
        go_arena_t *n = a->next;
        free(a);
        a = n;
    }
    free(p);
}

// ---- types -----------------------------------------------------------------

// go_type_align — see gosrc.h.
long go_type_align(const go_type_t *t)
{
    switch (t->kind) {
    case GT_BOOL:
    case GT_BYTE: return 1;
    case GT_ARRAY: return go_type_align(t->elem);
    case GT_STRUCT: {
        long a = 1;
        for (int i = 0; i < t->nfields; i++) {
            long f = go_type_align(t->fields[i].type);
            a = f > a ? f : a;
        }
        return a;
    }
    default: return 8;
    }
}

// size_rec — the size, or -1 for a type that contains itself.
static long size_rec(const go_type_t *t, int depth)
{
    if (depth > 64)
        return -1;
    switch (t->kind) {
    case GT_INT:
    case GT_PTR:
    case GT_FUNC: return 8;
    case GT_BOOL:
    case GT_BYTE: return 1;
    case GT_STRING:
    case GT_IFACE: return 16;
    case GT_SLICE: return 24;
    case GT_ARRAY: {
        long e = size_rec(t->elem, depth + 1);
        if (e < 0)
            return -1;
        return e * t->len;
    }
    case GT_STRUCT: {
        long off = 0;
        for (int i = 0; i < t->nfields; i++) {
            long s = size_rec(t->fields[i].type, depth + 1);
            if (s < 0)
                return -1;
            long a = go_type_align(t->fields[i].type);
            off = (off + a - 1) / a * a + s;
        }
        long a = go_type_align(t);
        return (off + a - 1) / a * a;
    }
    default: return 0;
    }
}

long go_type_size(const go_type_t *t)
{
    return size_rec(t, 0);
}

bool go_type_has_pointers(const go_type_t *t)
{
    switch (t->kind) {
    case GT_STRING:
    case GT_PTR:
    case GT_SLICE:
    case GT_IFACE:
    case GT_FUNC:
    case GT_NIL:
    case GT_UNTYPED_STRING: return true;
    case GT_ARRAY: return t->len > 0 && go_type_has_pointers(t->elem);
    case GT_STRUCT:
        for (int i = 0; i < t->nfields; i++)
            if (go_type_has_pointers(t->fields[i].type))
                return true;
        return false;
    default: return false;
    }
}

bool go_type_is_direct_iface(const go_type_t *t)
{
    switch (t->kind) {
    case GT_PTR:
    case GT_FUNC: return true;
    case GT_ARRAY: return t->len == 1 && go_type_is_direct_iface(t->elem);
    case GT_STRUCT: return t->nfields == 1 && go_type_is_direct_iface(t->fields[0].type);
    default: return false;
    }
}

typedef struct sbuf {
    char *b;
    size_t len, n;
} sbuf_t;

static void put(sbuf_t *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(sbuf_t *s, const char *fmt, ...)
{
    if (s->n >= s->len)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(s->b + s->n, s->len - s->n, fmt, ap);
    va_end(ap);
    if (k > 0)
        s->n += (size_t)k;
    if (s->n >= s->len)
        s->n = s->len - 1;
}

static void type_str(sbuf_t *s, const go_type_t *t)
{
    if (t->name) {
        put(s, "%s", t->name);
        return;
    }
    switch (t->kind) {
    case GT_PTR:
        put(s, "*");
        type_str(s, t->elem);
        break;
    case GT_SLICE:
        put(s, "[]");
        type_str(s, t->elem);
        break;
    case GT_ARRAY:
        put(s, "[%ld]", t->len);
        type_str(s, t->elem);
        break;
    case GT_IFACE:
        if (!t->nfields) {
            put(s, "interface {}");
            break;
        }
        put(s, "interface {");
        for (int i = 0; i < t->nfields; i++) {
            put(s, i ? "; %s" : " %s", t->fields[i].name);
            const go_type_t *f = t->fields[i].type;
            put(s, "(");
            for (int j = 0; j < f->nfields; j++) {
                put(s, j ? ", " : "");
                if (f->variadic && j == f->nfields - 1) {
                    put(s, "...");
                    type_str(s, f->fields[j].type->elem);
                } else {
                    type_str(s, f->fields[j].type);
                }
            }
            put(s, ")");
            if (f->result) {
                put(s, " ");
                type_str(s, f->result);
            }
        }
        put(s, " }");
        break;
    case GT_FUNC:
        put(s, "func(");
        for (int j = 0; j < t->nfields; j++) {
            put(s, j ? ", " : "");
            if (t->variadic && j == t->nfields - 1) {
                put(s, "...");
                type_str(s, t->fields[j].type->elem);
            } else {
                type_str(s, t->fields[j].type);
            }
        }
        put(s, ")");
        if (t->result) {
            put(s, " ");
            type_str(s, t->result);
        }
        break;
    default: put(s, "?"); break;
    }
}

char *go_type_string(const go_type_t *t, char *buf, size_t len)
{
    sbuf_t s = { buf, len, 0 };
    buf[0] = 0;
    type_str(&s, t);
    return buf;
}

// ---- expressions -----------------------------------------------------------

static int prec(const go_expr_t *e)
{
    switch (e->op) {
    case GE_UNARY:
    case GE_ADDR:
    case GE_DEREF: return 7;
    case GE_PTRLIT: return 0;
    case GE_BINARY: {
        const char *o = e->binop;
        if (!strcmp(o, "*"))
            return 6;
        if (!strcmp(o, "+") || !strcmp(o, "-"))
            return 5;
        if (!strcmp(o, "&&"))
            return 2;
        if (!strcmp(o, "||"))
            return 1;
        return 4;
    }
    default: return 8;
    }
}

static void expr_str(sbuf_t *s, const go_expr_t *e, int p);

static void list_str(sbuf_t *s, go_expr_t *const *v, int n)
{
    for (int i = 0; i < n; i++) {
        if (i)
            put(s, ", ");
        expr_str(s, v[i], 0);
    }
}

static void quote(sbuf_t *s, const char *v)
{
    put(s, "\"");
    for (const char *c = v; *c; c++) {
        switch (*c) {
        case '\n': put(s, "\\n"); break;
        case '\t': put(s, "\\t"); break;
        case '\\': put(s, "\\\\"); break;
        case '"': put(s, "\\\""); break;
        default: put(s, "%c", *c); break;
        }
    }
    put(s, "\"");
}

static void call_args(sbuf_t *s, const go_expr_t *e)
{
    put(s, "(");
    int n = e->nargs;
    bool ddd = e->ddd;
    if (n > 0 && e->args[n - 1]->op == GE_SLICELIT && e->args[n - 1]->implicit)
        ddd = true;
    if (n > 0 && e->args[n - 1]->op == GE_NIL && e->call != GC_IFACE && !e->ddd) {
        // the nil slice of a variadic call without extra arguments
        const go_type_t *ft = e->call == GC_FMT ? NULL
                                                : (e->fn    ? e->fn->type
                                                   : e->fun ? e->fun->type
                                                            : NULL);
        if (e->call == GC_FMT || (ft && ft->variadic))
            ddd = true;
    }
    list_str(s, e->args, n);
    put(s, ddd ? "...)" : ")");
}

static void expr_str(sbuf_t *s, const go_expr_t *e, int p)
{
    // implicit operations are not printed
    while ((e->op == GE_CONVIFACE || e->op == GE_ADDR) && e->implicit)
        e = e->x;
    if (p > prec(e)) {
        put(s, "(");
        expr_str(s, e, 0);
        put(s, ")");
        return;
    }
    char tb[256];
    switch (e->op) {
    case GE_NAME: put(s, "%s", e->var ? e->var->name : e->fn ? e->fn->name : e->lit); break;
    case GE_INT:
    case GE_BOOL: put(s, "%s", e->lit); break;
    case GE_STRING: quote(s, e->lit); break;
    case GE_NIL: put(s, "nil"); break;
    case GE_BINARY:
        expr_str(s, e->x, prec(e));
        put(s, " %s ", e->binop);
        expr_str(s, e->y, prec(e) + 1);
        break;
    case GE_UNARY:
    case GE_ADDR:
    case GE_DEREF:
        put(s, "%s", e->op == GE_ADDR ? "&" : e->op == GE_DEREF ? "*" : e->binop);
        if (e->x->op == e->op && e->op == GE_UNARY && !strcmp(e->x->binop, e->binop))
            put(s, " ");
        expr_str(s, e->x, prec(e) + 1);
        break;
    case GE_DOT:
    case GE_DOTPTR:
        expr_str(s, e->x, 8);
        put(s, ".%s", e->sel);
        break;
    case GE_INDEX:
        expr_str(s, e->x, 8);
        put(s, "[");
        expr_str(s, e->y, 0);
        put(s, "]");
        break;
    case GE_CALL:
        switch (e->call) {
        case GC_FMT: put(s, "fmt.%s", e->method); break;
        case GC_METHOD:
        case GC_IFACE:
            expr_str(s, e->recv, 8);
            put(s, ".%s", e->method);
            break;
        default: expr_str(s, e->fun, 8); break;
        }
        call_args(s, e);
        break;
    case GE_NEW: put(s, "new(%s)", go_type_string(e->type->elem, tb, sizeof tb)); break;
    case GE_MAKE:
        put(s, "make(%s, ", go_type_string(e->type, tb, sizeof tb));
        expr_str(s, e->x, 0);
        if (e->y) {
            put(s, ", ");
            expr_str(s, e->y, 0);
        }
        put(s, ")");
        break;
    case GE_LEN:
        put(s, "len(");
        expr_str(s, e->x, 0);
        put(s, ")");
        break;
    case GE_APPEND:
        put(s, "append(");
        list_str(s, e->args, e->nargs);
        put(s, e->ddd ? "...)" : ")");
        break;
    case GE_STRUCTLIT:
    case GE_ARRAYLIT:
    case GE_SLICELIT:
        if (e->implicit) {
            put(s, "... argument");
            break;
        }
        put(s, "%s{%s}", go_type_string(e->type, tb, sizeof tb), e->nargs ? "..." : "");
        break;
    case GE_PTRLIT:
        put(s, "&");
        expr_str(s, e->x, 0);
        break;
    case GE_FUNCLIT: put(s, "func literal"); break;
    case GE_CONVIFACE:
    case GE_CONVNOP:
        if (e->type->name)
            put(s, "%s(", e->type->name);
        else
            put(s, "(%s)(", go_type_string(e->type, tb, sizeof tb));
        expr_str(s, e->x, 0);
        put(s, ")");
        break;
    default: put(s, "?"); break;
    }
}

char *go_expr_string(const go_expr_t *e, char *buf, size_t len)
{
    sbuf_t s = { buf, len, 0 };
    buf[0] = 0;
    expr_str(&s, e, 0);
    return buf;
}

char *go_func_name(const go_func_t *fn, char *buf, size_t len)
{
    if (fn->recv && !fn->outer)
        snprintf(buf, len, "(*%s).%s", fn->recv->type->elem->name, fn->name);
    else
        snprintf(buf, len, "%s", fn->name);
    return buf;
}

// ---- diagnostics -----------------------------------------------------------

void go_diag_add(go_diags_t *d, go_pos_t pos, const char *fmt, ...)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 32;
        d->v = realloc(d->v, (size_t)d->cap * sizeof *d->v);
        if (!d->v)
            abort();
    }
    va_list ap;
    va_start(ap, fmt);
    char *m = NULL;
    if (vasprintf(&m, fmt, ap) < 0)
        abort();
    va_end(ap);
    d->v[d->n++] = (go_diag_t){ pos, m };
}

void go_diags_free(go_diags_t *d)
{
    for (int i = 0; i < d->n; i++)
        free(d->v[i].msg);
    free(d->v);
    memset(d, 0, sizeof *d);
}

const char *go_pos_str(go_pos_t pos, char buf[32])
{
    if (pos.col >= GO_COL_MAX)
        snprintf(buf, 32, "%d", pos.line);
    else
        snprintf(buf, 32, "%d:%d", pos.line, pos.col);
    return buf;
}

void go_diags_print(const go_program_t *p, const go_diags_t *d, FILE *out)
{
    char at[32];
    for (int i = 0; i < d->n; i++)
        fprintf(out, "%s:%s: %s\n", p->base, go_pos_str(d->v[i].pos, at), d->v[i].msg);
}

// ---- reading ---------------------------------------------------------------

// run_parse — parse and check; false (with the message in ec) on an error,
// which unwinds here by longjmp.
static bool run_parse(go_program_t *p, go_errctx_t *ec, const char *text, size_t len)
{
    go_file_t file;
    if (setjmp(ec->jb))
        return false;
    go_parse_file(p, ec, text, len, &file);
    go_check_file(p, ec, &file);
    return true;
}

go_program_t *go_program_parse(const char *path, const char *text, size_t len, char *err,
                               size_t errlen)
{
    go_program_t *p = calloc(1, sizeof *p);
    char *owned = NULL;
    if (!p)
        abort();
    p->file = go_strdup(p, path);
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    char *base = go_alloc(p, strlen(b) + 3);
    strcpy(base, "./");
    strcat(base, b);
    p->base = base;
    if (!text) {
        FILE *f = fopen(path, "rb");
        if (!f) {
            snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
            go_program_free(p);
            return NULL;
        }
        size_t cap = 4096;
        owned = malloc(cap);
        len = 0;
        size_t k;
        while (owned && (k = fread(owned + len, 1, cap - len, f)) > 0) {
            len += k;
            if (len == cap) {
                if (cap >= (size_t)16 << 20) {
                    snprintf(err, errlen, "%s:1:1: unsupported: a file over 16 MiB", path);
                    free(owned);
                    fclose(f);
                    go_program_free(p);
                    return NULL;
                }
                cap *= 2;
                owned = realloc(owned, cap);
            }
        }
        fclose(f);
        if (!owned)
            abort();
        text = owned;
    }
    go_errctx_t ec = { .err = err, .errlen = errlen, .file = path };
    bool ok = run_parse(p, &ec, text, len);
    free(owned);
    if (!ok) {
        go_program_free(p);
        return NULL;
    }
    return p;
}

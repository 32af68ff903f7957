// gogen.c — a seeded generator of random Go programs in the escape lab's
// subset, for the differential test against the real compiler
// (scripts/escape-diff.sh) and for students who want more examples.
//
// A program has a fixed set of types (a struct T with fields of every
// pointer shape, an interface I that *T implements), four globals, and
// three to six functions plus a method or two, each a random sequence of
// statements drawn from the constructs escape analysis cares about:
// addresses of locals, stores through pointers and into globals and fields,
// calls of earlier functions (and of itself, under a condition), method
// and interface calls, slices of every size rule, values boxed in
// interfaces, fmt calls, closures, loops. Every program compiles: every
// local is used (`_ = v` closes each block), every function with a result
// ends with a return, interface methods are called only on parameters (a
// call on a local interface would be devirtualized, which the subset
// refuses).
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "gosrc.h"

enum { K_INT, K_PINT, K_PPINT, K_PT, K_SLICE, K_ANY, K_IFACE, K_NKINDS };

static const char *kind_type[] = { "int", "*int", "**int", "*T", "[]*int", "any", "I" };

typedef struct gvar {
    char name[16];
    int kind;
} gvar_t;

typedef struct gfunc {
    char name[16];
    int nparams;
    int params[4];
    int result; // -1 none
    bool method;
    bool is_main; // never called
} gfunc_t;

typedef struct gen {
    uint64_t s;
    FILE *out;
    gvar_t vars[256];
    int nvars;
    int scope_mark[32];
    int depth; // block nesting
    int loops;
    gfunc_t funcs[12];
    int nfuncs;
    int cur; // the function being generated
    int counter;
    int budget; // statements left in this function
} gen_t;

static uint64_t rnd(gen_t *g)
{
    g->s ^= g->s << 13;
    g->s ^= g->s >> 7;
    g->s ^= g->s << 17;
    return g->s;
}

static int pick(gen_t *g, int n)
{
    return (int)(rnd(g) % (uint64_t)n);
}

static void indent(gen_t *g)
{
    for (int i = 0; i < g->depth; i++)
        fputc('\t', g->out);
}

static void line(gen_t *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void line(gen_t *g, const char *fmt, ...)
{
    indent(g);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(g->out, fmt, ap);
    va_end(ap);
    fputc('\n', g->out);
}

// var_of — a variable of kind k in scope, or NULL.
static const gvar_t *var_of(gen_t *g, int k)
{
    int idx[256], n = 0;
    for (int i = 0; i < g->nvars; i++)
        if (g->vars[i].kind == k)
            idx[n++] = i;
    return n ? &g->vars[idx[pick(g, n)]] : NULL;
}

static void expr(gen_t *g, int k, char *buf, size_t len, int depth);

static void call_expr(gen_t *g, int k, char *buf, size_t len, int depth)
{
    // an earlier function with result kind k
    int cand[12], n = 0;
    for (int i = 0; i < g->cur; i++)
        if (g->funcs[i].result == k && !g->funcs[i].method)
            cand[n++] = i;
    if (!n || depth > 2) {
        snprintf(buf, len, "nil");
        return;
    }
    gfunc_t *f = &g->funcs[cand[pick(g, n)]];
    size_t o = (size_t)snprintf(buf, len, "%s(", f->name);
    for (int i = 0; i < f->nparams && o < len; i++) {
        char a[256];
        expr(g, f->params[i], a, sizeof a, depth + 1);
        o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? ", " : "", a);
    }
    if (o < len)
        snprintf(buf + o, len - o, ")");
}

// expr — an expression of kind k.
static void expr(gen_t *g, int k, char *buf, size_t len, int depth)
{
    const gvar_t *v = var_of(g, k);
    const gvar_t *vi = var_of(g, K_INT), *vp = var_of(g, K_PINT), *vt = var_of(g, K_PT),
                 *vpp = var_of(g, K_PPINT), *vs = var_of(g, K_SLICE);
    int r = pick(g, 10);
    if (depth > 2)
        r = 0;
    switch (k) {
    case K_INT:
        if (r < 4 && v)
            snprintf(buf, len, "%s", v->name);
        else if (r == 4 && vt)
            snprintf(buf, len, "%s.A", vt->name);
        else if (r == 5 && vp)
            snprintf(buf, len, "*%s", vp->name);
        else if (r == 6 && vs)
            snprintf(buf, len, "len(%s)", vs->name);
        else if (r == 7 && vi)
            snprintf(buf, len, "%s + %d", vi->name, pick(g, 9) + 1);
        else
            snprintf(buf, len, "%d", pick(g, 100));
        return;
    case K_PINT:
        if (r < 3 && v)
            snprintf(buf, len, "%s", v->name);
        else if (r == 3 && vi)
            snprintf(buf, len, "&%s", vi->name);
        else if (r == 4 && vt)
            snprintf(buf, len, "%s.P", vt->name);
        else if (r == 5 && vs)
            snprintf(buf, len, "%s[0]", vs->name);
        else if (r == 6 && vpp)
            snprintf(buf, len, "*%s", vpp->name);
        else if (r == 7)
            call_expr(g, k, buf, len, depth);
        else if (r == 8 && vi)
            snprintf(buf, len, "&%s", vi->name);
        else
            snprintf(buf, len, "new(int)");
        return;
    case K_PPINT:
        if (r < 4 && v)
            snprintf(buf, len, "%s", v->name);
        else if (r < 8 && vp && strcmp(vp->name, "g0"))
            snprintf(buf, len, "&%s", vp->name);
        else if (vt && r == 8)
            snprintf(buf, len, "&%s.P", vt->name);
        else
            snprintf(buf, len, "new(*int)");
        return;
    case K_PT:
        if (r < 3 && v)
            snprintf(buf, len, "%s", v->name);
        else if (r == 3)
            snprintf(buf, len, "&T{}");
        else if (r == 4 && vp)
            snprintf(buf, len, "&T{P: %s}", vp->name);
        else if (r == 5 && vt)
            snprintf(buf, len, "%s.Q", vt->name);
        else if (r == 6)
            call_expr(g, k, buf, len, depth);
        else if (r == 7 && vi)
            snprintf(buf, len, "&T{A: %s}", vi->name);
        else
            snprintf(buf, len, "new(T)");
        return;
    case K_SLICE: {
        static const char *sizes[] = { "4", "10", "8192", "8193", "100000" };
        if (r < 3 && v)
            snprintf(buf, len, "%s", v->name);
        else if (r == 3 && vi)
            snprintf(buf, len, "make([]*int, %s)", vi->name);
        else if (r == 4)
            snprintf(buf, len, "make([]*int, %s)", sizes[pick(g, 5)]);
        else if (r == 5 && vp)
            snprintf(buf, len, "[]*int{%s}", vp->name);
        else if (r == 6 && v && vp)
            snprintf(buf, len, "append(%s, %s)", v->name, vp->name);
        else if (r == 7 && vt)
            snprintf(buf, len, "%s.S", vt->name);
        else if (r == 8)
            call_expr(g, k, buf, len, depth);
        else
            snprintf(buf, len, "[]*int{}");
        return;
    }
    case K_ANY: {
        char a[256];
        if (r < 2 && v)
            snprintf(buf, len, "%s", v->name);
        else if (r < 5) {
            expr(g, K_INT, a, sizeof a, depth + 1);
            snprintf(buf, len, "%s", a);
        } else if (r < 7) {
            expr(g, K_PINT, a, sizeof a, depth + 1);
            snprintf(buf, len, "%s", a);
        } else if (r == 7) {
            expr(g, K_PT, a, sizeof a, depth + 1);
            snprintf(buf, len, "%s", a);
        } else if (r == 8)
            snprintf(buf, len, "\"s%d\"", pick(g, 10));
        else {
            expr(g, K_INT, a, sizeof a, depth + 1);
            snprintf(buf, len, "any(%s)", a);
        }
        return;
    }
    default: snprintf(buf, len, "nil");
    }
}

static void declare(gen_t *g, int k, const char *name)
{
    if (g->nvars < 256) {
        snprintf(g->vars[g->nvars].name, sizeof g->vars[0].name, "%s", name);
        g->vars[g->nvars].kind = k;
        g->nvars++;
    }
}

static void stmts(gen_t *g, int n);

static void open_block(gen_t *g)
{
    g->scope_mark[g->depth] = g->nvars;
    g->depth++;
}

static void close_block(gen_t *g)
{
    g->depth--;
    int mark = g->scope_mark[g->depth];
    g->depth++;
    for (int i = mark; i < g->nvars; i++)
        if (g->vars[i].name[0] == 'v' || g->vars[i].name[0] == 'i')
            line(g, "_ = %s", g->vars[i].name);
    g->nvars = mark;
    g->depth--;
}

static void stmt(gen_t *g)
{
    char a[512], b[512], name[16];
    int r = pick(g, 20);
    if (g->depth > 4 && r >= 14)
        r = pick(g, 14);
    g->budget--;
    if (r < 5) { // declaration
        int k = pick(g, K_IFACE);
        expr(g, k, a, sizeof a, 0);
        snprintf(name, sizeof name, "v%d", g->counter++);
        if (!strcmp(a, "nil") || k == K_ANY || pick(g, 4) == 0)
            line(g, "var %s %s = %s", name, kind_type[k], a);
        else
            line(g, "%s := %s", name, a);
        declare(g, k, name);
    } else if (r < 9) { // assignment
        int k = pick(g, K_IFACE);
        const gvar_t *v = var_of(g, k);
        const gvar_t *vt = var_of(g, K_PT), *vpp = var_of(g, K_PPINT), *vs = var_of(g, K_SLICE);
        expr(g, k, a, sizeof a, 0);
        int w = pick(g, 6);
        if (w == 0 && k == K_PINT && vt)
            line(g, "%s.P = %s", vt->name, a);
        else if (w == 1 && k == K_PINT && vpp)
            line(g, "*%s = %s", vpp->name, a);
        else if (w == 2 && k == K_PINT && vs)
            line(g, "%s[0] = %s", vs->name, a);
        else if (w == 3 && k == K_PT && vt)
            line(g, "%s.Q = %s", vt->name, a);
        else if (w == 4 && k == K_ANY && vt)
            line(g, "%s.I = %s", vt->name, a);
        else if (w == 5 || !v)
            line(g, "g%d = %s",
                 k == K_PINT    ? 0
                 : k == K_PT    ? 1
                 : k == K_ANY   ? 2
                 : k == K_SLICE ? 3
                                : 4,
                 k == K_INT || k == K_PPINT ? "nil" : a);
        else
            line(g, "%s = %s", v->name, a);
    } else if (r < 12) { // call statement
        int c = pick(g, 4);
        const gvar_t *vt = var_of(g, K_PT), *vi = var_of(g, K_IFACE);
        if (c == 0) {
            int n = pick(g, 3) + 1;
            size_t o = 0;
            a[0] = 0;
            for (int i = 0; i < n; i++) {
                expr(g, K_ANY, b, sizeof b, 1);
                o += (size_t)snprintf(a + o, sizeof a - o, "%s%s", i ? ", " : "", b);
            }
            if (pick(g, 2))
                line(g, "fmt.Println(%s)", a);
            else
                line(g, "fmt.Printf(\"%%v\\n\", %s)", a);
        } else if (c == 1 && vt) {
            expr(g, K_PINT, a, sizeof a, 1);
            line(g, "_ = %s.M(%s)", vt->name, a);
        } else if (c == 2 && vi) {
            expr(g, K_PINT, a, sizeof a, 1);
            line(g, "_ = %s.M(%s)", vi->name, a);
        } else {
            int cand[12], n = 0;
            for (int i = 0; i <= g->cur; i++)
                if (!g->funcs[i].method && !g->funcs[i].is_main)
                    cand[n++] = i;
            if (!n)
                return;
            gfunc_t *f = &g->funcs[cand[pick(g, n)]];
            size_t o = (size_t)snprintf(a, sizeof a, "%s(", f->name);
            for (int i = 0; i < f->nparams; i++) {
                expr(g, f->params[i], b, sizeof b, 1);
                o += (size_t)snprintf(a + o, sizeof a - o, "%s%s", i ? ", " : "", b);
            }
            snprintf(a + o, sizeof a - o, ")");
            const gvar_t *vi2 = var_of(g, K_INT);
            bool self = f == &g->funcs[g->cur];
            if (self && vi2) {
                line(g, "if %s < 3 {", vi2->name);
                open_block(g);
                line(g, f->result >= 0 ? "_ = %s" : "%s", a);
                close_block(g);
                line(g, "}");
            } else if (!self) {
                line(g, f->result >= 0 ? "_ = %s" : "%s", a);
            }
        }
    } else if (r < 14) { // op-assign / address in a global
        const gvar_t *vi = var_of(g, K_INT);
        if (vi && pick(g, 2))
            line(g, "%s++", vi->name);
        else if (vi)
            line(g, "g0 = &%s", vi->name);
    } else if (r < 16) { // if
        const gvar_t *vi = var_of(g, K_INT), *vp = var_of(g, K_PINT);
        if (vp && pick(g, 2))
            line(g, "if %s != nil {", vp->name);
        else if (vi)
            line(g, "if %s > %d {", vi->name, pick(g, 5));
        else
            line(g, "if g0 == nil {");
        open_block(g);
        stmts(g, pick(g, 3) + 1);
        close_block(g);
        if (pick(g, 2)) {
            line(g, "} else {");
            open_block(g);
            stmts(g, pick(g, 2) + 1);
            close_block(g);
        }
        line(g, "}");
    } else if (r < 18) { // loop
        snprintf(name, sizeof name, "i%d", g->counter++);
        line(g, "for %s := 0; %s < %d; %s++ {", name, name, pick(g, 4) + 1, name);
        open_block(g);
        declare(g, K_INT, name);
        stmts(g, pick(g, 3) + 1);
        close_block(g);
        line(g, "}");
    } else { // a closure
        int c = pick(g, 3);
        const gvar_t *vp = var_of(g, K_PINT), *vi = var_of(g, K_INT);
        snprintf(name, sizeof name, "v%d", g->counter++);
        if (c == 0) {
            line(g, "func() {");
            open_block(g);
            stmts(g, pick(g, 2) + 1);
            close_block(g);
            line(g, "}()");
        } else if (c == 1 && vp) {
            line(g, "%s := func() *int {", name);
            open_block(g);
            line(g, "return %s", vp->name);
            g->depth--;
            g->nvars = g->scope_mark[g->depth];
            line(g, "}");
            line(g, "_ = %s()", name);
            if (pick(g, 2))
                line(g, "g4 = %s", name);
        } else if (vi) {
            line(g, "%s := func() int {", name);
            open_block(g);
            if (pick(g, 2))
                line(g, "%s++", vi->name);
            line(g, "return %s", vi->name);
            g->depth--;
            g->nvars = g->scope_mark[g->depth];
            line(g, "}");
            if (pick(g, 2))
                line(g, "fmt.Println(%s())", name);
            else
                line(g, "_ = %s", name);
        }
    }
}

static void stmts(gen_t *g, int n)
{
    for (int i = 0; i < n && g->budget > 0; i++)
        stmt(g);
}

static void func_body(gen_t *g, gfunc_t *f)
{
    g->nvars = 0;
    g->depth = 1;
    g->budget = 6 + pick(g, 10);
    if (f->method)
        declare(g, K_PT, "t");
    for (int i = 0; i < f->nparams; i++) {
        char n[16];
        snprintf(n, sizeof n, "p%d", i);
        declare(g, f->params[i], n);
    }
    g->scope_mark[0] = g->nvars;
    stmts(g, 20);
    for (int i = g->scope_mark[0]; i < g->nvars; i++)
        line(g, "_ = %s", g->vars[i].name);
    if (f->result >= 0) {
        char a[512];
        expr(g, f->result, a, sizeof a, 0);
        line(g, "return %s", a);
    }
    g->depth = 0;
}

int go_generate(uint64_t seed, FILE *out)
{
    gen_t g = { .s = seed * 0x9E3779B97F4A7C15ull + 1, .out = out };
    for (int i = 0; i < 3; i++)
        rnd(&g);
    fprintf(out, "// A random program of the escape lab's Go subset (seed %llu).\n",
            (unsigned long long)seed);
    fprintf(out, "package main\n\nimport \"fmt\"\n\n");
    fprintf(out, "type T struct {\n\tA int\n\tP *int\n\tQ *T\n\tS []*int\n\tI any\n}\n\n");
    fprintf(out, "type I interface {\n\tM(p *int) *int\n}\n\n");
    fprintf(out, "var g0 *int\nvar g1 *T\nvar g2 any\nvar g3 []*int\nvar g4 any\n\n");
    // M first: the interface needs it
    g.nfuncs = 2 + pick(&g, 5);
    gfunc_t *m = &g.funcs[0];
    snprintf(m->name, sizeof m->name, "M");
    m->method = true;
    m->nparams = 1;
    m->params[0] = K_PINT;
    m->result = K_PINT;
    for (int i = 1; i < g.nfuncs; i++) {
        gfunc_t *f = &g.funcs[i];
        snprintf(f->name, sizeof f->name, "f%d", i);
        f->nparams = pick(&g, 4);
        for (int j = 0; j < f->nparams; j++)
            f->params[j] = pick(&g, K_NKINDS);
        f->result = pick(&g, 3) == 0 ? -1 : pick(&g, K_IFACE);
    }
    for (int i = 0; i < g.nfuncs; i++) {
        gfunc_t *f = &g.funcs[i];
        g.cur = i;
        if (f->method)
            fprintf(out, "func (t *T) %s(", f->name);
        else
            fprintf(out, "func %s(", f->name);
        for (int j = 0; j < f->nparams; j++)
            fprintf(out, "%sp%d %s", j ? ", " : "", j, kind_type[f->params[j]]);
        fprintf(out, ")%s%s {\n", f->result >= 0 ? " " : "",
                f->result >= 0 ? kind_type[f->result] : "");
        func_body(&g, f);
        fprintf(out, "}\n\n");
    }
    fprintf(out, "func main() {\n");
    g.cur = g.nfuncs - 1;
    gfunc_t mainf = { .nparams = 0, .result = -1 };
    g.cur = g.nfuncs;
    g.funcs[g.nfuncs] = mainf;
    snprintf(g.funcs[g.nfuncs].name, sizeof g.funcs[0].name, "main");
    g.funcs[g.nfuncs].is_main = true;
    func_body(&g, &g.funcs[g.nfuncs]);
    fprintf(out, "\tfmt.Println(g0, g1, g2, g3, g4)\n}\n");
    return ferror(out) ? -1 : 0;
}

// compiler.c — the alignment suite's tests against the compiler: every
// number of the student's layout of random structs, and the size of the
// student's smallest orders, compared with what cc compiles.
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/grade.h"
#include "alignment_suite.h"
#include "memlab/grow.h"

// ---- checking random layouts against the compiler -------------------------------------

// One number of the student's layout and the query that asks the compiler.
typedef struct check {
    const cdecl_type_t *agg; // the top-level aggregate
    char what[160];          // "member `m3`", "size", ...
    size_t mine;             // the student's number
    size_t q;                // the query
    const char *unit;        // "at offset", "has size", "has alignment"
} check_t;

// A growing array of checks.
typedef struct checks {
    check_t *v;
    size_t n, cap;
} checks_t;

// add_check — one more check: the student's number `mine` for `agg`, the
// compiler's answer to query q, described by the printf-style `fmt`. Fails
// the test when out of memory.
static void add_check(checks_t *c, const cdecl_type_t *agg, const char *unit, size_t mine, size_t q,
                      const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void add_check(checks_t *c, const cdecl_type_t *agg, const char *unit, size_t mine, size_t q,
                      const char *fmt, ...)
{
    cr_assert(ML_GROW_ARRAY(c->v, c->cap, c->n + 1, 256), "internal: out of memory");
    check_t *k = &c->v[c->n++];
    k->agg = agg;
    k->unit = unit;
    k->mine = mine;
    k->q = q;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(k->what, sizeof k->what, fmt, ap);
    va_end(ap);
}

// is_inline_aggregate — whether member m is a named struct or union written
// in place (`struct { ... } name;`), whose own members offsetof can reach.
static bool is_inline_aggregate(const cdecl_member_t *m)
{
    return (m->type->kind == CDECL_STRUCT || m->type->kind == CDECL_UNION) && !m->type->tag &&
           strstr(m->type->name, "{...}");
}

// walk — add checks for every member reachable in `t` (members of anonymous
// members and of aggregates written in place included); `path` is how
// offsetof names t's members from the top-level aggregate `top`.
static void walk(prog_t *p, checks_t *c, const cdecl_type_t *top, const char *ref,
                 const cdecl_type_t *t, const char *path, size_t base, const char *where)
{
    sl_member_layout_t *m = calloc(t->nmembers, sizeof(*m));
    cr_assert(m != NULL, "internal: out of memory");
    sl_layout(t, m);
    for (size_t i = 0; i < t->nmembers; i++) {
        const cdecl_member_t *mb = &t->members[i];
        if (!mb->name) {
            char in[96];
            snprintf(in, sizeof in, " (in an anonymous %s)",
                     mb->type->kind == CDECL_UNION ? "union" : "struct");
            walk(p, c, top, ref, mb->type, path, base + m[i].offset, in);
            continue;
        }
        char full[256];
        snprintf(full, sizeof full, "%s%s", path, mb->name);
        add_check(c, top, "at offset", base + m[i].offset,
                  suite_query(p, "offsetof(%s, %s)", ref, full), "member `%s`%s", full, where);
        bool flexible = mb->type->kind == CDECL_ARRAY && mb->type->count == 0;
        if (!flexible) {
            add_check(c, top, "has size", m[i].size,
                      suite_query(p, "sizeof(((%s *)0)->%s)", ref, full), "member `%s`%s", full,
                      where);
            add_check(c, top, "has alignment", m[i].align,
                      suite_query(p, "__alignof__(((%s *)0)->%s)", ref, full), "member `%s`%s",
                      full, where);
        }
        if (is_inline_aggregate(mb)) {
            char sub[260];
            snprintf(sub, sizeof sub, "%s.", full);
            walk(p, c, top, ref, mb->type, sub, base + m[i].offset, where);
        }
    }
    free(m);
}

// random_layouts — generate n aggregates with `features`, lay them out with
// the student's code and require every number to be the compiler's.
static void random_layouts(uint64_t seed, unsigned features, size_t n)
{
    gen_t *g = calloc(1, sizeof(*g));
    cr_assert(g != NULL, "internal: out of memory");
    strbuf_t header = { 0 };
    suite_gen_batch(g, seed, features, n, &header);
    ml_note("random structs from seed %#llx (features %#x)", (unsigned long long)seed, features);
    cdecl_file_t *f = suite_parse_text("random.h", header.s);
    prog_t p = { 0 };
    checks_t c = { 0 };
    for (size_t a = 0; a < f->naggregates; a++) {
        const cdecl_type_t *agg = f->aggregates[a];
        const gen_agg_t *ga = suite_gen_find(g, agg);
        sl_member_layout_t *m = calloc(agg->nmembers, sizeof(*m));
        cr_assert(m != NULL, "internal: out of memory");
        sl_size_align_t sa = sl_layout(agg, m);
        free(m);
        sl_size_align_t ta = sl_type(agg);
        size_t qs = suite_query(&p, "sizeof(%s)", ga->ref);
        size_t qa = suite_query(&p, "_Alignof(%s)", ga->ref);
        add_check(&c, agg, "has size", sa.size, qs, "the whole (sl_layout)");
        add_check(&c, agg, "has alignment", sa.align, qa, "the whole (sl_layout)");
        add_check(&c, agg, "has size", ta.size, qs, "the whole (sl_type)");
        add_check(&c, agg, "has alignment", ta.align, qa, "the whole (sl_type)");
        walk(&p, &c, agg, ga->ref, agg, "", 0, "");
    }
    suite_prog_compile_and_run(&p, header.s, NULL);
    const char *first = NULL;
    static char msg[600];
    const cdecl_type_t *bad_agg = NULL, *last = NULL;
    size_t nbad = 0;
    for (size_t i = 0; i < c.n; i++) {
        const check_t *k = &c.v[i];
        size_t truth = p.answers[k->q];
        if (k->mine == truth)
            continue;
        if (k->agg != last)
            nbad++;
        last = k->agg;
        if (!first) {
            snprintf(msg, sizeof msg, "%s: %s %s %zu, the compiler %s %zu", k->agg->name, k->what,
                     k->unit, k->mine, strcmp(k->unit, "at offset") == 0 ? "puts it at" : "says",
                     truth);
            first = msg;
            bad_agg = k->agg;
        }
    }
    if (first)
        cr_assert_fail("%s (%zu of %zu random structs and unions wrong; the first: `%s`)", first,
                       nbad, f->naggregates, suite_gen_source(suite_gen_find(g, bad_agg)));
    free(c.v);
    suite_prog_free(&p);
    cdecl_free(f);
    suite_gen_free(g);
    free(g);
    suite_sb_free(&header);
}

void suite_compiler_random_structs_of_basic_types_and_pointers(void)
{
    random_layouts(0xa11c0001, 0, 60);
}

void suite_compiler_random_arrays_nested_structs_and_unions(void)
{
    random_layouts(0xa11c0002, F_ARRAYS | F_NESTED | F_UNIONS, 60);
}

void suite_compiler_random_anonymous_alignas_and_flexible_members(void)
{
    random_layouts(0xa11c0003, F_ALL, 60);
}

// ---- random smallest orders, compiled ------------------------------------------------

void suite_compiler_random_smallest_orders_compile_to_their_size(void)
{
    uint64_t seed = 0xa11c0004;
    gen_t *g = calloc(1, sizeof(*g));
    cr_assert(g != NULL, "internal: out of memory");
    strbuf_t header = { 0 }, extra = { 0 };
    suite_gen_batch(g, seed, F_ALL, 60, &header);
    ml_note("random structs from seed %#llx", (unsigned long long)seed);
    cdecl_file_t *f = suite_parse_text("random.h", header.s);
    prog_t p = { 0 };
    size_t *qsize = calloc(f->naggregates, sizeof(*qsize));
    size_t(*orders)[GEN_LINES] = calloc(f->naggregates, sizeof(*orders));
    sl_order_t *got = calloc(f->naggregates, sizeof(*got));
    cr_assert(qsize && orders && got, "internal: out of memory");
    const char *first = NULL;
    char msg[2400];
    size_t nbad = 0, nstructs = 0;
    for (size_t a = 0; a < f->naggregates; a++) {
        const cdecl_type_t *agg = f->aggregates[a];
        qsize[a] = SIZE_MAX;
        if (agg->kind != CDECL_STRUCT)
            continue;
        nstructs++;
        const gen_agg_t *ga = suite_gen_find(g, agg);
        for (size_t i = 0; i < GEN_LINES; i++)
            orders[a][i] = SIZE_MAX;
        got[a] = sl_optimal_order(agg, orders[a]);
        const char *problem = suite_order_problem(agg, orders[a], got[a]);
        if (problem) {
            nbad++;
            if (!first) {
                snprintf(msg, sizeof msg, "%s (the struct: `%s`)", problem, suite_gen_source(ga));
                first = msg;
            }
            continue;
        }
        // A permutation that keeps a flexible member last: compile it.
        suite_sb_printf(&extra, "struct %s__o {", ga->name);
        for (size_t k = 0; k < agg->nmembers; k++)
            suite_sb_printf(&extra, " %s", ga->lines[orders[a][k]]);
        suite_sb_printf(&extra, " };\n");
        qsize[a] = suite_query(&p, "sizeof(struct %s__o)", ga->name);
    }
    suite_prog_compile_and_run(&p, header.s, extra.s);
    for (size_t a = 0; a < f->naggregates; a++) {
        if (qsize[a] == SIZE_MAX)
            continue;
        const cdecl_type_t *agg = f->aggregates[a];
        size_t truth = p.answers[qsize[a]];
        if (truth == got[a].size)
            continue;
        nbad++;
        if (!first) {
            snprintf(msg, sizeof msg,
                     "%s: in your order (%s) the compiler makes it %zu bytes, "
                     "but you returned size %zu (the struct: `%s`)",
                     agg->name, suite_order_names(agg, orders[a]), truth, got[a].size,
                     suite_gen_source(suite_gen_find(g, agg)));
            first = msg;
        }
    }
    if (first)
        cr_assert_fail("%s — %zu of %zu random structs wrong", first, nbad, nstructs);
    free(qsize);
    free(orders);
    free(got);
    suite_prog_free(&p);
    cdecl_free(f);
    suite_gen_free(g);
    free(g);
    suite_sb_free(&header);
    suite_sb_free(&extra);
}

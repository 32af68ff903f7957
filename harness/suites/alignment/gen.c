// gen.c — random structs and unions for the alignment suite (seeded): basic
// types, pointers, arrays, nested and anonymous aggregates, _Alignas, flexible
// array members, written as a C header with each member's text kept.
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/grade.h"
#include "memlab/rng.h"
#include "alignment_suite.h"

// ---- the members' types ----------------------------------------------------------------

// The basic types a member may have, as spelled in the header, and their
// alignment (the C basic types, stdint/stddef typedefs, an enum).
static const struct {
    const char *spelling;
    size_t align;
} gen_basics[] = {
    { "char", _Alignof(char) },
    { "signed char", 1 },
    { "unsigned char", 1 },
    { "_Bool", 1 },
    { "bool", _Alignof(_Bool) },
    { "short", _Alignof(short) },
    { "unsigned short", 2 },
    { "int", _Alignof(int) },
    { "unsigned", 4 },
    { "long", _Alignof(long) },
    { "unsigned long", 8 },
    { "long long", _Alignof(long long) },
    { "unsigned long long", 8 },
    { "float", _Alignof(float) },
    { "double", _Alignof(double) },
    { "long double", _Alignof(long double) },
    { "size_t", _Alignof(size_t) },
    { "int8_t", 1 },
    { "uint16_t", 2 },
    { "int32_t", 4 },
    { "uint64_t", 8 },
    { "intptr_t", 8 },
    { "ptrdiff_t", 8 },
    { "ssize_t", 8 },
    { "enum color", _Alignof(int) },
    { "long int", 8 },
    { "short unsigned int", 2 },
};
#define NBASICS (sizeof(gen_basics) / sizeof(gen_basics[0]))

// ---- members and aggregates -----------------------------------------------------------

// chance — true with probability percent/100.
static bool chance(gen_t *g, unsigned percent)
{
    return ml_rng_below(&g->r, 100) < percent;
}

// gen_alignas — sometimes "_Alignas(N) " with N a power of two from lo to 64,
// and now and then past a cache line: 128 to 4096 (a page).
static void gen_alignas(gen_t *g, strbuf_t *b, size_t lo, size_t *maxalignas)
{
    if (!(g->features & F_ALIGNAS) || !chance(g, 18) || lo > 64)
        return;
    int k = 0;
    while (((size_t)1 << k) < lo)
        k++;
    size_t n = (size_t)1 << (chance(g, 12) ? ml_rng_range(&g->r, 7, 12)
                                           : ml_rng_range(&g->r, (uint64_t)k, 6));
    suite_sb_printf(b, "_Alignas(%zu) ", n);
    if (n > *maxalignas)
        *maxalignas = n;
}

// gen_nestable — a random earlier aggregate that may be a member, or NULL.
static const gen_agg_t *gen_nestable(gen_t *g)
{
    if (!(g->features & F_NESTED) || g->naggs == 0)
        return NULL;
    for (int tries = 0; tries < 8; tries++) {
        const gen_agg_t *a = &g->aggs[ml_rng_below(&g->r, g->naggs)];
        if (!a->has_flex)
            return a;
    }
    return NULL;
}

static void gen_members(gen_t *g, strbuf_t *b, size_t n, int depth, size_t *maxalignas);

// gen_member — one member declaration (with its `;`) appended to b. `flex`:
// it is the last member of a struct and becomes a flexible array member.
static void gen_member(gen_t *g, strbuf_t *b, int depth, bool flex, size_t *maxalignas)
{
    char name[16];
    snprintf(name, sizeof name, "m%d", g->counter++);
    const gen_agg_t *nest = gen_nestable(g);
    unsigned w_basic = 6, w_ptr = 3, w_arr = g->features & F_ARRAYS ? 3 : 0, w_nest = nest ? 2 : 0,
             w_inline = g->features & F_ANON && depth < 2 ? 1 : 0, w_anon = w_inline;
    if (flex)
        w_ptr = w_nest = w_inline = w_anon = 0, w_arr = 1, w_basic = 0;
    unsigned pick =
        (unsigned)ml_rng_below(&g->r, w_basic + w_ptr + w_arr + w_nest + w_inline + w_anon);
    if (pick < w_basic) {
        size_t k = ml_rng_below(&g->r, NBASICS);
        gen_alignas(g, b, gen_basics[k].align, maxalignas);
        suite_sb_printf(b, "%s %s;", gen_basics[k].spelling, name);
        return;
    }
    pick -= w_basic;
    if (pick < w_ptr) {
        gen_alignas(g, b, 8, maxalignas);
        switch (ml_rng_below(&g->r, 8)) {
        case 0: suite_sb_printf(b, "char *%s;", name); break;
        case 1: suite_sb_printf(b, "void *%s;", name); break;
        case 2: suite_sb_printf(b, "int **%s;", name); break;
        case 3: suite_sb_printf(b, "int (*%s)(void);", name); break;
        case 4: suite_sb_printf(b, "void (*%s)(int, char *);", name); break;
        case 5: suite_sb_printf(b, "double (*%s)[4];", name); break;
        case 6: suite_sb_printf(b, "const char *%s;", name); break;
        default: suite_sb_printf(b, "struct fwd%d *%s;", g->fwd++, name); break;
        }
        return;
    }
    pick -= w_ptr;
    if (pick < w_arr) {
        char dims[32];
        size_t d1 = chance(g, 80) ? 1 + ml_rng_below(&g->r, 5) : 1 + ml_rng_below(&g->r, 24);
        if (flex)
            snprintf(dims, sizeof dims, "[]");
        else if (chance(g, 30))
            snprintf(dims, sizeof dims, "[%zu][%zu]", d1, 1 + (size_t)ml_rng_below(&g->r, 4));
        else
            snprintf(dims, sizeof dims, "[%zu]", d1);
        unsigned e = (unsigned)ml_rng_below(&g->r, 10);
        if (e < 6 || (e >= 8 && !nest)) {
            size_t k = ml_rng_below(&g->r, NBASICS);
            gen_alignas(g, b, gen_basics[k].align, maxalignas);
            suite_sb_printf(b, "%s %s%s;", gen_basics[k].spelling, name, dims);
        } else if (e < 8) {
            gen_alignas(g, b, 8, maxalignas);
            if (e == 6)
                suite_sb_printf(b, "char *%s%s;", name, dims);
            else
                suite_sb_printf(b, "int (*%s%s)(void);", name, dims);
        } else {
            gen_alignas(g, b, nest->maxalignas > 16 ? nest->maxalignas : 16, maxalignas);
            suite_sb_printf(b, "%s %s%s;", nest->ref, name, dims);
            if (nest->maxalignas > *maxalignas)
                *maxalignas = nest->maxalignas;
        }
        return;
    }
    pick -= w_arr;
    if (pick < w_nest) {
        gen_alignas(g, b, nest->maxalignas > 16 ? nest->maxalignas : 16, maxalignas);
        suite_sb_printf(b, "%s %s;", nest->ref, name);
        if (nest->maxalignas > *maxalignas)
            *maxalignas = nest->maxalignas;
        return;
    }
    pick -= w_nest;
    // An aggregate written in place: named (pick < w_inline) or anonymous.
    bool is_union = chance(g, 50);
    strbuf_t inner = { 0 };
    size_t inner_align = 0;
    gen_members(g, &inner, 1 + ml_rng_below(&g->r, 3), depth + 1, &inner_align);
    if (pick < w_inline)
        gen_alignas(g, b, inner_align > 16 ? inner_align : 16, maxalignas);
    suite_sb_printf(b, "%s { %s }%s%s;", is_union ? "union" : "struct", inner.s,
                    pick < w_inline ? " " : "", pick < w_inline ? name : "");
    if (inner_align > *maxalignas)
        *maxalignas = inner_align;
    suite_sb_free(&inner);
}

// gen_members — n member declarations at nesting `depth`, separated by spaces.
static void gen_members(gen_t *g, strbuf_t *b, size_t n, int depth, size_t *maxalignas)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            suite_sb_printf(b, " ");
        gen_member(g, b, depth, false, maxalignas);
    }
}

// gen_aggregate — one more top-level struct or union, appended to `header`.
static void gen_aggregate(gen_t *g, strbuf_t *header)
{
    gen_agg_t *a = &g->aggs[g->naggs];
    memset(a, 0, sizeof *a);
    a->is_union = g->features & F_UNIONS && chance(g, 25);
    bool typedefd = chance(g, 15);
    char name[16];
    snprintf(name, sizeof name, "%c%zu", typedefd ? 't' : 's', g->naggs);
    memcpy(a->name, name, sizeof name);
    if (typedefd)
        snprintf(a->ref, sizeof a->ref, "%s", name);
    else
        snprintf(a->ref, sizeof a->ref, "%s %s", a->is_union ? "union" : "struct", name);
    size_t n = 1 + ml_rng_below(&g->r, 8);
    a->has_flex = !a->is_union && g->features & F_FLEX && n >= 2 && chance(g, 30);
    g->counter = 0;
    for (size_t i = 0; i < n; i++) {
        strbuf_t line = { 0 };
        gen_member(g, &line, 0, a->has_flex && i == n - 1, &a->maxalignas);
        a->lines[a->nlines++] = line.s;
    }
    suite_sb_printf(header, "%s%s%s%s {\n", typedefd ? "typedef " : "",
                    a->is_union ? "union" : "struct", typedefd ? "" : " ", typedefd ? "" : a->name);
    for (size_t i = 0; i < a->nlines; i++)
        suite_sb_printf(header, "    %s\n", a->lines[i]);
    suite_sb_printf(header, "}%s%s;\n", typedefd ? " " : "", typedefd ? a->name : "");
    g->naggs++;
}

// suite_gen_batch — n random aggregates as a header.
void suite_gen_batch(gen_t *g, uint64_t seed, unsigned features, size_t n, strbuf_t *header)
{
    memset(g, 0, sizeof *g);
    ml_rng_seed(&g->r, seed);
    g->features = features;
    suite_sb_printf(header, "enum color { RED, GREEN, BLUE };\n");
    for (size_t i = 0; i < n && i < GEN_MAX; i++)
        gen_aggregate(g, header);
}

void suite_gen_free(gen_t *g)
{
    for (size_t i = 0; i < g->naggs; i++)
        for (size_t k = 0; k < g->aggs[i].nlines; k++)
            free(g->aggs[i].lines[k]);
}

const gen_agg_t *suite_gen_find(const gen_t *g, const cdecl_type_t *agg)
{
    const char *name = agg->tag ? agg->tag : agg->name;
    for (size_t i = 0; i < g->naggs; i++)
        if (strcmp(g->aggs[i].name, name) == 0)
            return &g->aggs[i];
    cr_assert_fail("internal: generated aggregate %s not found", agg->name);
    return NULL;
}

// suite_gen_source — the definition of a generated aggregate, for messages:
// C that compiles when pasted into a header ("struct s3 { ... };", or
// "typedef union { ... } t3;" for a typedef'd one). The header's other
// definitions it may name (struct s1, t0, enum color) are in the test's
// notes with the whole generated header when MEMLAB_KEEP_GENERATED=1.
const char *suite_gen_source(const gen_agg_t *a)
{
    static char buf[4096];
    bool typedefd = a->name[0] == 't';
    const char *kw = a->is_union ? "union" : "struct";
    size_t n = typedefd ? (size_t)snprintf(buf, sizeof buf, "typedef %s {", kw)
                        : (size_t)snprintf(buf, sizeof buf, "%s {", a->ref);
    for (size_t i = 0; i < a->nlines && n < sizeof buf; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, " %s", a->lines[i]);
    if (n < sizeof buf)
        snprintf(buf + n, sizeof buf - n, typedefd ? " } %s;" : " };", a->name);
    return buf;
}

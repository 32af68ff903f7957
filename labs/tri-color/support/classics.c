// classics.c — the named scenarios of the tri-color lab: the object graphs
// every collector is tested on, each with a little garbage beside it.
//
//   list     a singly linked list held only by a stack frame (deep: a
//            recursive marker overflows the C stack on a long one), plus a
//            dead chain that points into it
//   tree     a full binary tree held by a global, a stack slot pointing into
//            it, and a dead tree
//   cycle    a ring and a self-loop that are live, the same that are dead
//            (reference counting would keep the dead ones forever)
//   diamond  a chain of diamonds: every bottom object is reached twice, so a
//            marker must scan shared objects once
//   gcbench  Boehm's GCBench shape: a long-lived binary tree of Node{left,
//            right, i, j} in a global, a temporary tree held by a frame, and
//            the previous iteration's temporary tree as garbage
//   random   a seeded random graph over four types (no pointers, one, two,
//            and a wide object with five pointer slots out of eight words),
//            roots in globals and in two frames
//
// Every object gets a name, as the slots do, so the step pages and the
// messages say where an object sits in the shape ("TLR": the root's left
// child's right child) rather than its index: list L0 L1 ... (the dead
// chain D0 ...), tree T + the path from the root (dead tree: D...), cycle
// R0 ... and S (the dead ones DR0 ... and DS), diamond first, L<i> R<i>
// B<i> (bottom) and dead, gcbench Long... Temp... Old... (paths as in tree),
// random the type and a count per type (leaf0, box3, pair1, wide2).
#include "support/classics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "memlab/rng.h"

const char *const tc_classic_names[] = { "list",    "tree",   "cycle", "diamond",
                                         "gcbench", "random", NULL };
const char *const tc_classic_help[] = {
    "a linked list of SIZE nodes held by a stack frame (default 1000)",
    "a full binary tree of depth SIZE held by a global (default 6)",
    "live and dead rings of SIZE nodes and self-loops (default 8)",
    "a chain of SIZE diamonds sharing their bottom objects (default 4)",
    "GCBench binary trees: long-lived tree of depth SIZE (default 10)",
    "a seeded random graph of SIZE objects (default 200)",
    NULL,
};

#define MAX_OBJECTS ((size_t)1 << 24)
#define MAX_DEPTH 22

// A scenario under construction: any failed add sets `oom`.
typedef struct gen {
    ml_scn_t *s;
    bool oom;
} gen_t;

// obj — a new object of `type` named `name`.
static uint32_t obj(gen_t *g, uint32_t type, const char *name)
{
    uint32_t o = ml_scn_add_obj(g->s, type, name);
    if (o == ML_SCN_NIL)
        g->oom = true;
    return o;
}

static void edge(gen_t *g, uint32_t from, uint32_t slot, uint32_t to)
{
    if (from == ML_SCN_NIL || ml_scn_add_edge(g->s, from, slot, to))
        g->oom = true;
}

static void check(gen_t *g, uint32_t r)
{
    if (r == ML_SCN_NIL)
        g->oom = true;
}

// type — a type of `nwords` words whose pointer words are named by `names`,
// one per set bit of `ptrmask` in word order (the step pages label edges
// with them, as a scenario file's `N:NAME` does).
static uint32_t type(gen_t *g, const char *name, uint32_t nwords, uint64_t ptrmask,
                     const char *const *names)
{
    uint32_t t = ml_scn_add_type(g->s, name, nwords, ptrmask);
    check(g, t);
    for (uint32_t w = 0, k = 0; !g->oom && w < nwords; w++)
        if ((ptrmask >> w) & 1 && ml_scn_name_slot(g->s, t, w, names[k++]))
            g->oom = true;
    return t;
}

// chain — n objects of `type` named <prefix>0, <prefix>1, ..., each
// pointing to the next through `slot`. Returns the first (ML_SCN_NIL when
// n == 0); *last gets the last.
static uint32_t chain(gen_t *g, uint32_t type, uint32_t slot, size_t n, uint32_t *last,
                      const char *prefix)
{
    uint32_t first = ML_SCN_NIL, prev = ML_SCN_NIL;
    char name[32];
    for (size_t i = 0; i < n && !g->oom; i++) {
        snprintf(name, sizeof name, "%s%zu", prefix, i);
        uint32_t o = obj(g, type, name);
        if (prev != ML_SCN_NIL)
            edge(g, prev, slot, o);
        else
            first = o;
        prev = o;
    }
    if (last)
        *last = prev;
    return first;
}

// tree_name — the name of node i (level order, from 0) of a tree: `prefix`
// and the path from the root, L for left and R for right (the bits of
// i + 1 below its highest one, from the top).
static void tree_name(char *buf, size_t len, const char *prefix, size_t i)
{
    size_t k = (size_t)snprintf(buf, len, "%s", prefix);
    int top = 63 - __builtin_clzll((unsigned long long)(i + 1));
    for (int b = top - 1; b >= 0 && k + 1 < len; b--)
        buf[k++] = ((i + 1) >> b) & 1 ? 'R' : 'L';
    buf[k] = '\0';
}

// tree — a full binary tree of the given depth (depth 0: one node), built
// breadth-first so the node order is the level order, its nodes named by
// tree_name. Returns the root.
static uint32_t tree(gen_t *g, uint32_t type, unsigned depth, const char *prefix)
{
    size_t n = ((size_t)1 << (depth + 1)) - 1;
    uint32_t first = g->s->nobjs;
    char name[32];
    for (size_t i = 0; i < n && !g->oom; i++) {
        tree_name(name, sizeof name, prefix, i);
        obj(g, type, name);
    }
    for (size_t i = 0; i < n / 2 && !g->oom; i++) {
        edge(g, first + (uint32_t)i, 0, first + (uint32_t)(2 * i + 1));
        edge(g, first + (uint32_t)i, 1, first + (uint32_t)(2 * i + 2));
    }
    return first;
}

static void gen_list(gen_t *g, size_t n)
{
    uint32_t node = type(g, "ListNode", 2, 1u << 1, (const char *[]){ "next" }); // {value, next}
    uint32_t last, dead_last;
    uint32_t head = chain(g, node, 1, n, &last, "L");
    uint32_t dead = chain(g, node, 1, n / 4 + 1, &dead_last, "D");
    edge(g, dead_last, 1, head + (uint32_t)(n / 2)); // garbage pointing into the live list
    check(g, ml_scn_add_global(g->s, "unused", ML_SCN_NIL));
    (void)dead;
    check(g, ml_scn_push_frame(g->s, "main"));
    check(g, ml_scn_add_local(g->s, "head", head));
    check(g, ml_scn_add_local(g->s, "last", last));
}

static void gen_tree(gen_t *g, unsigned depth)
{
    uint32_t node = type(g, "TreeNode", 3, 0x3, (const char *[]){ "left", "right" }); // {.., key}
    uint32_t root = tree(g, node, depth, "T");
    tree(g, node, depth >= 2 ? depth - 2 : 0, "D"); // dead
    check(g, ml_scn_add_global(g->s, "root", root));
    check(g, ml_scn_push_frame(g->s, "walk"));
    // A stack slot pointing at the last leaf: already reachable, a second root.
    check(g, ml_scn_add_local(g->s, "cursor", root + (uint32_t)(((size_t)1 << (depth + 1)) - 2)));
}

static void gen_cycle(gen_t *g, size_t n)
{
    uint32_t node = type(g, "RingNode", 2, 1u << 0, (const char *[]){ "next" }); // {next, value}
    for (int live = 1; live >= 0 && !g->oom; live--) {
        uint32_t last, first = chain(g, node, 0, n, &last, live ? "R" : "DR");
        edge(g, last, 0, first); // close the ring
        uint32_t self = obj(g, node, live ? "S" : "DS");
        edge(g, self, 0, self); // a self-loop
        if (live) {
            check(g, ml_scn_add_global(g->s, "loop", self));
            check(g, ml_scn_push_frame(g->s, "main"));
            check(g, ml_scn_add_local(g->s, "ring", first + (uint32_t)(n / 2)));
        }
    }
}

static void gen_diamond(gen_t *g, size_t n)
{
    uint32_t node = type(g, "Pair", 2, 0x3, (const char *[]){ "left", "right" });
    uint32_t top = obj(g, node, "first"), first = top, mid = ML_SCN_NIL;
    char name[32];
    for (size_t i = 0; i < n && !g->oom; i++) {
        snprintf(name, sizeof name, "L%zu", i);
        uint32_t l = obj(g, node, name);
        snprintf(name, sizeof name, "R%zu", i);
        uint32_t r = obj(g, node, name);
        snprintf(name, sizeof name, "B%zu", i);
        uint32_t bottom = obj(g, node, name);
        edge(g, top, 0, l), edge(g, top, 1, r);
        edge(g, l, 1, bottom), edge(g, r, 0, bottom);
        if (i == n / 2)
            mid = bottom;
        top = bottom;
    }
    uint32_t dead = obj(g, node, "dead");
    edge(g, dead, 0, mid);
    check(g, ml_scn_add_global(g->s, "top", first));
}

static void gen_gcbench(gen_t *g, unsigned depth)
{
    uint32_t node = type(g, "Node", 4, 0x3, (const char *[]){ "left", "right" }); // {.., i, j}
    uint32_t long_lived = tree(g, node, depth, "Long");
    unsigned tdepth = depth >= 2 ? depth - 2 : 0;
    uint32_t temp = tree(g, node, tdepth, "Temp");
    tree(g, node, tdepth, "Old"); // last iteration's tree: dead
    check(g, ml_scn_add_global(g->s, "longLivedTree", long_lived));
    check(g, ml_scn_push_frame(g->s, "main"));
    check(g, ml_scn_add_local(g->s, "longLived", long_lived));
    check(g, ml_scn_push_frame(g->s, "Populate"));
    check(g, ml_scn_add_local(g->s, "tempTree", temp));
}

static void gen_random(gen_t *g, size_t n, uint64_t seed)
{
    ml_rng_t rng;
    ml_rng_seed(&rng, seed);
    uint32_t types[4] = {
        type(g, "Leaf", 2, 0, NULL),
        type(g, "Box", 2, 1u << 1, (const char *[]){ "p" }),
        type(g, "Pair", 3, (1u << 0) | (1u << 2), (const char *[]){ "a", "b" }),
        type(g, "Wide", 8, (1u << 0) | (1u << 1) | (1u << 3) | (1u << 5) | (1u << 7),
             (const char *[]){ "w0", "w1", "w3", "w5", "w7" }),
    };
    static const char *const prefix[4] = { "leaf", "box", "pair", "wide" };
    size_t count[4] = { 0 };
    char name[32];
    for (size_t i = 0; i < n && !g->oom; i++) {
        uint64_t k = ml_rng_below(&rng, 4);
        snprintf(name, sizeof name, "%s%zu", prefix[k], count[k]++);
        obj(g, types[k], name);
    }
    for (uint32_t o = 0; o < g->s->nobjs && !g->oom; o++) {
        const ml_scn_type_t *ty = &g->s->types[g->s->objs[o].type];
        for (uint32_t k = 0; k < ty->nwords; k++)
            if ((ty->ptrmask >> k) & 1) {
                // A third of the slots are nil, a third point "near" (so
                // long paths form), a third anywhere (so paths merge).
                uint64_t r = ml_rng_below(&rng, 3);
                uint32_t to = ML_SCN_NIL;
                if (r == 0)
                    to = (uint32_t)ml_rng_below(&rng, n);
                else if (r == 1)
                    to = (uint32_t)((o + 1 + ml_rng_below(&rng, 8)) % n);
                edge(g, o, k, to);
            }
    }
    for (int i = 0; i < 3; i++)
        check(g, ml_scn_add_global(g->s, NULL, (uint32_t)ml_rng_below(&rng, n)));
    for (int f = 0; f < 2; f++) {
        check(g, ml_scn_push_frame(g->s, f == 0 ? "main" : "work"));
        check(g, ml_scn_add_local(g->s, NULL, (uint32_t)ml_rng_below(&rng, n)));
        check(g, ml_scn_add_local(g->s, NULL, ML_SCN_NIL));
        check(g, ml_scn_add_local(g->s, NULL, (uint32_t)ml_rng_below(&rng, n)));
    }
}

ml_scn_t *tc_scenario_classic(const char *name, size_t size, uint64_t seed, char *err,
                              size_t errlen)
{
    int k = -1;
    for (int i = 0; tc_classic_names[i]; i++)
        if (strcmp(name, tc_classic_names[i]) == 0)
            k = i;
    if (k < 0) {
        snprintf(err, errlen,
                 "unknown scenario '%s' (list, tree, cycle, diamond, gcbench or random)", name);
        return NULL;
    }
    static const size_t defaults[] = { 1000, 6, 8, 4, 10, 200 };
    if (size == 0)
        size = defaults[k];
    bool depth = k == 1 || k == 4;
    if ((depth && size > MAX_DEPTH) || (!depth && size > MAX_OBJECTS)) {
        snprintf(err, errlen, "scenario %s: size %zu is too large (at most %zu)", name, size,
                 depth ? (size_t)MAX_DEPTH : MAX_OBJECTS);
        return NULL;
    }
    char full[64];
    snprintf(full, sizeof full, "%s-%zu", name, size);
    gen_t g = { .s = ml_scn_new(full) };
    if (!g.s) {
        snprintf(err, errlen, "scenario %s: out of memory", name);
        return NULL;
    }
    switch (k) {
    case 0: gen_list(&g, size); break;
    case 1: gen_tree(&g, (unsigned)size); break;
    case 2: gen_cycle(&g, size); break;
    case 3: gen_diamond(&g, size); break;
    case 4: gen_gcbench(&g, (unsigned)size); break;
    default: gen_random(&g, size, seed); break;
    }
    if (g.oom) {
        snprintf(err, errlen, "scenario %s: out of memory", name);
        ml_scn_free(g.s);
        return NULL;
    }
    return g.s;
}

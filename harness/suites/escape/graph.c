// graph.c — the escape suite's direct tests of the graph: holes, their
// dereference weights, and flows, on a hand-built batch (no program).
#include <stdlib.h>
#include <string.h>
#include "escape.h"
#include "escape_suite.h"
#include "memlab/grade.h"

static go_var_t suite_vars[4] = {
    { .name = "p", .cls = GV_AUTO },
    { .name = "q", .cls = GV_AUTO },
    { .name = "r", .cls = GV_AUTO },
    { .name = "s", .cls = GV_AUTO },
};

static esc_batch_t *suite_batch(void)
{
    esc_batch_t *b = calloc(1, sizeof *b);
    cr_assert(b != NULL);
    b->heap.escapes = true;
    b->heap.id = -1;
    b->blank.id = -2;
    b->loop_depth = 1;
    return b;
}

static int edges_from(const esc_loc_t *dst, const esc_loc_t *src, int *derefs)
{
    int n = 0;
    for (int i = 0; i < dst->nedges; i++)
        if (dst->edges[i].src == src) {
            *derefs = dst->edges[i].derefs;
            n++;
        }
    return n;
}

void suite_graph_flow_weights(void)
{
    esc_batch_t *b = suite_batch();
    esc_loc_t *p = esc_new_loc(b, NULL, &suite_vars[0], false);
    esc_loc_t *q = esc_new_loc(b, NULL, &suite_vars[1], false);
    esc_loc_t *r = esc_new_loc(b, NULL, &suite_vars[2], false);
    esc_loc_t *s = esc_new_loc(b, NULL, &suite_vars[3], false);
    int d = 99;
    // p = &q
    esc_flow(b, esc_addr_of(esc_hole(p)), q);
    cr_assert(edges_from(p, q, &d) == 1 && d == -1,
              "p = &q (esc_flow of esc_addr_of(esc_hole(p)) from q) should add one edge q -> p "
              "with derefs -1; your graph has %d such edges (derefs %d). Handout: task 1",
              edges_from(p, q, &d), d);
    cr_assert(q->addrtaken, "after p = &q, q's address was taken, but your q->addrtaken is false");
    // p = r
    esc_flow(b, esc_hole(p), r);
    cr_assert(edges_from(p, r, &d) == 1 && d == 0,
              "p = r should add one edge r -> p with derefs 0; yours: %d edges (derefs %d)",
              edges_from(p, r, &d), d);
    cr_assert(!r->addrtaken, "p = r takes no address, but your r->addrtaken is true");
    // p = **s
    esc_flow(b, esc_deref(esc_deref(esc_hole(p))), s);
    cr_assert(edges_from(p, s, &d) == 1 && d == 2,
              "p = **s should add one edge s -> p with derefs 2; yours: %d edges (derefs %d)",
              edges_from(p, s, &d), d);
    // p = p, p = *p: nothing
    int before = p->nedges;
    esc_flow(b, esc_hole(p), p);
    esc_flow(b, esc_deref(esc_hole(p)), p);
    cr_assert(p->nedges == before,
              "p = p and p = *p change nothing, but your graph gained %d edges",
              p->nedges - before);
    // _ = q: dropped
    esc_flow(b, esc_hole(&b->blank), q);
    cr_assert(b->blank.nedges == 0, "a flow into the blank location (_ = q) must be dropped");
    // &*x: addr then deref is 0
    esc_hole_t k = esc_deref(esc_addr_of(esc_hole(r)));
    cr_assert(k.derefs == 0, "&*x has 0 dereferences; your esc_deref(esc_addr_of(k)) has %d",
              k.derefs);
    // s = q at 12:5, noted "assign": the edge keeps where and why (--explain prints them)
    go_pos_t at = { 12, 5 };
    esc_flow(b, esc_note(esc_hole(s), at, "assign"), q);
    const esc_edge_t *e = NULL;
    for (int i = 0; i < s->nedges; i++)
        if (s->edges[i].src == q)
            e = &s->edges[i];
    cr_assert(e != NULL, "s = q should add an edge q -> s; your graph has none");
    cr_assert(e->pos.line == 12 && e->pos.col == 5 && e->why && !strcmp(e->why, "assign"),
              "s = q, noted at 12:5 as \"assign\" (esc_note): the edge q -> s should keep that "
              "position and reason, which --explain prints; yours has %d:%d, \"%s\". "
              "Handout: task 1",
              e->pos.line, e->pos.col, e->why ? e->why : "(none)");
}

void suite_graph_flow_into_escaping(void)
{
    esc_batch_t *b = suite_batch();
    esc_loc_t *x = esc_new_loc(b, NULL, &suite_vars[0], false);
    esc_loc_t *y = esc_new_loc(b, NULL, &suite_vars[1], false);
    // heap = &x: x escapes at once
    esc_flow(b, esc_addr_of(esc_hole(&b->heap)), x);
    cr_assert(x->escapes, "g = &x with g a global: the address of x flows into the heap, which "
                          "escapes already, so x escapes right away; your x->escapes is false");
    // heap = y: no address, no escape yet
    esc_flow(b, esc_hole(&b->heap), y);
    cr_assert(!y->escapes, "g = y stores y's value, not its address: y must not escape");
}

void suite_graph_tee(void)
{
    esc_batch_t *b = suite_batch();
    esc_loc_t *p = esc_new_loc(b, NULL, &suite_vars[0], false);
    esc_loc_t *q = esc_new_loc(b, NULL, &suite_vars[1], false);
    esc_hole_t none = esc_tee(b, NULL, 0);
    cr_assert(none.dst == &b->blank, "esc_tee of no hole is the blank location");
    esc_hole_t ks[2] = { esc_hole(p), esc_deref(esc_hole(q)) };
    esc_hole_t one = esc_tee(b, ks, 1);
    cr_assert(one.dst == p && one.derefs == 0, "esc_tee of one hole is that hole");
    int nall = b->nall;
    esc_hole_t two = esc_tee(b, ks, 2);
    cr_assert(b->nall == nall + 1 && two.dst == b->all[nall],
              "esc_tee of two holes needs one new temporary location (esc_new_loc) and returns "
              "its hole; you made %d new locations",
              b->nall - nall);
    int d = 99;
    cr_assert(edges_from(p, two.dst, &d) == 1 && d == 0 && edges_from(q, two.dst, &d) == 1 &&
                  d == 1,
              "the temporary of esc_tee must flow into each hole with that hole's dereferences "
              "(p = tmp, q = *tmp)");
}

void suite_graph_walk_paths(void)
{
    esc_batch_t *b = suite_batch();
    esc_loc_t *p = esc_new_loc(b, NULL, &suite_vars[0], false);
    esc_loc_t *q = esc_new_loc(b, NULL, &suite_vars[1], false);
    // p = q; q = p: the walk from p comes back to p
    esc_flow(b, esc_hole(p), q);
    esc_flow(b, esc_hole(q), p);
    esc_walk_one(b, p, 7);
    cr_assert(q->walkgen == 7 && q->derefs == 0 && q->dst == p,
              "p = q; q = p, walked from p (walk 7): q reaches p with 0 dereferences, p being "
              "the next location towards the root; yours: walk %u, %d dereferences, next "
              "location %s. Handout: task 3, The walk",
              q->walkgen, q->derefs,
              q->dst == p ? "p"
              : q->dst    ? "not p"
                          : "none");
    cr_assert(p->walkgen == 7 && p->derefs == 0 && p->dst == NULL,
              "p = q; q = p, walked from p (walk 7): the walk comes back to its root p through "
              "q. The root's state must stay what the walk gave it at its start (escape.h: "
              "walkgen, derefs, dst; --explain follows dst until the root); yours ends as walk "
              "%u, %d dereferences, next location %s. Handout: task 3, The walk",
              p->walkgen, p->derefs,
              p->dst == q ? "q"
              : p->dst    ? "not q"
                          : "none");

    // r = &s; g = r (g a global): the walk from the heap finds that s escapes
    esc_loc_t *r = esc_new_loc(b, NULL, &suite_vars[2], false);
    esc_loc_t *s = esc_new_loc(b, NULL, &suite_vars[3], false);
    esc_flow(b, esc_hole(&b->heap), r);
    esc_flow(b, esc_addr_of(esc_hole(r)), s);
    cr_assert(!s->escapes, "r = &s; g = r: nothing escapes before the walk");
    esc_walk_one(b, &b->heap, 8);
    cr_assert(s->escapes, "r = &s; g = r (g a global), walked from the heap (walk 8): s's "
                          "address reaches the heap through r, so s escapes; yours does not. "
                          "Handout: task 3, The walk");
    cr_assert(s->nwhy == 3 && s->why_locs[0] == s && s->why_locs[1] == r &&
                  s->why_locs[2] == &b->heap,
              "r = &s; g = r (g a global), walked from the heap (walk 8): s escapes, and "
              "--explain s must show the path s -> r -> heap, recorded when the walk finds that s "
              "escapes (escape.h says how); yours recorded %d locations",
              s->nwhy);
}

// checks.c — a collection cycle run under the tri-color suite's checks:
// after every step, a sane worklist and the strong tri-color invariant; after
// the sweep, exactly the reachable objects left (the scenario's oracle).
#include <stdio.h>
#include <stdlib.h>

#include "memlab/grade.h"
#include "memlab/verify.h"
#include "tricolor_suite.h"

// ---- what can be wrong after a step or a cycle ----------------------------------

// worklist_problem — what is wrong with the worklist snapshot, or NULL.
static const char *worklist_problem(const lab_t *L, const ml_greyset_t *g, char *buf, size_t len)
{
    char a[128];
    if (g->not_objects) {
        snprintf(buf, len,
                 "the worklist holds %zu entries that are not the start of an object "
                 "(e.g. %p); mark.h: tc_shade, and the handout's \"The heap you work on\" "
                 "(interior pointers)",
                 g->not_objects, g->first_bad);
        return buf;
    }
    if (g->unmarked) {
        uint32_t i = ml_scn_index_of(L->th, g->first_bad);
        snprintf(buf, len,
                 "the worklist holds %zu objects whose mark bit is clear (e.g. %s); see the "
                 "colour encoding in the handout's \"Colours\" (mark bit and worklist)",
                 g->unmarked, i == ML_SCN_NIL ? "?" : suite_label(L, i, a, sizeof a));
        return buf;
    }
    if (g->duplicates) {
        snprintf(buf, len,
                 "the worklist holds %zu objects more than once; see the colour encoding in "
                 "the handout's \"Colours\" and task 2",
                 g->duplicates);
        return buf;
    }
    if (g->entries != tc_grey_count(L->m)) {
        snprintf(buf, len, "tc_grey_count says %zu but tc_grey_foreach gives %zu objects",
                 tc_grey_count(L->m), g->entries);
        return buf;
    }
    return NULL;
}

// strong_problem — the first black → white edge among scenario objects
// (named in the scenario's terms), else the core's own check, else NULL.
static const char *strong_problem(const lab_t *L, ml_greyset_t *g, char *buf, size_t len)
{
    char a[128], b[128], c[64], w[32];
    const ml_scn_t *s = L->scn;
    for (size_t e = 0; e < s->nedges; e++) {
        const ml_scn_edge_t *ed = &s->edges[e];
        if (ed->to == ML_SCN_NIL || !ml_scn_alive(L->th, ed->from) || !ml_scn_alive(L->th, ed->to))
            continue;
        if (suite_color(L, g, ed->from) == ML_BLACK && suite_color(L, g, ed->to) == ML_WHITE) {
            snprintf(
                buf, len,
                "black %s points to white %s through slot %s: the strong tri-color "
                "invariant is broken (was every pointer slot of %s shaded when it was scanned?)",
                suite_label(L, ed->from, a, sizeof a), suite_label(L, ed->to, b, sizeof b),
                ml_scn_slot_name(s, s->objs[ed->from].type, ed->slot, w, sizeof w),
                ml_scn_obj_name(s, ed->from, c, sizeof c));
            return buf;
        }
    }
    char why[400];
    if (ml_verify_tricolor(L->h, ML_INV_STRONG, ml_greyset_grey_fn, g, why, sizeof why)) {
        snprintf(buf, len, "the strong tri-color invariant is broken: %s", why);
        return buf;
    }
    return NULL;
}

// suite_run_cycle — one collection through the core's driver: cycle_begin
// (tc_mark_roots), cycle_step(budget) until done, cycle_finish (tc_sweep).
// Returns the number of steps. Fails the test if marking never reports done
// or a check fails (the sweep is then not run).
size_t suite_run_cycle(lab_t *L, size_t budget, step_check_fn check, void *arg)
{
    char msg[1024];
    size_t limit = (size_t)ml_gc_num_objects(L->h) * 2 + 16, steps = 0;
    char rp[200];
    L->budget = budget;
    suite_replay(L, rp, sizeof rp);
    cr_assert(ml_gc_cycle_begin(L->h) == 0, "internal: a cycle is already running");
    bool done = false;
    if (check && !check(L, 0, budget, false, arg, msg, sizeof msg))
        cr_assert_fail("scenario %s, after tc_mark_roots: %s.%s", L->scn->name, msg, rp);
    while (!done) {
        cr_assert(steps < limit,
                  "scenario %s: tc_mark_step(budget %zu) has not reported done after %zu steps "
                  "(there are only %zu objects); mark.h says when it returns true.%s",
                  L->scn->name, budget, steps, ml_gc_num_objects(L->h), rp);
        done = ml_gc_cycle_step(L->h, budget);
        steps++;
        if (check && !check(L, steps, budget, done, arg, msg, sizeof msg))
            cr_assert_fail("scenario %s, after mark step %zu (budget %zu): %s.%s", L->scn->name,
                           steps, budget, msg, rp);
    }
    ml_gc_cycle_finish(L->h);
    return steps;
}

// suite_exact_problem — after a cycle: the first scenario object whose fate is
// wrong (a reachable one freed, a garbage one kept), or NULL.
const char *suite_exact_problem(const lab_t *L, char *buf, size_t len)
{
    char a[128], why[512], rp[200];
    suite_replay(L, rp, sizeof rp);
    size_t freed_live = 0, kept_dead = 0;
    uint32_t first_live = ML_SCN_NIL, first_dead = ML_SCN_NIL;
    for (uint32_t i = 0; i < L->scn->nobjs; i++) {
        bool alive = ml_scn_alive(L->th, i);
        if (L->reach[i] && !alive && freed_live++ == 0)
            first_live = i;
        if (!L->reach[i] && alive && kept_dead++ == 0)
            first_dead = i;
    }
    if (freed_live) {
        snprintf(buf, len, "%s: %zu reachable object%s freed, e.g. %s, reachable as %s.%s",
                 L->scn->name, freed_live, freed_live == 1 ? " was" : "s were",
                 suite_label(L, first_live, a, sizeof a),
                 ml_scn_why_reachable(L->th->scn, first_live, why, sizeof why), rp);
        return buf;
    }
    if (kept_dead) {
        snprintf(buf, len,
                 "%s: %zu unreachable object%s the sweep, e.g. %s (was it marked, or "
                 "did tc_sweep skip it?).%s",
                 L->scn->name, kept_dead, kept_dead == 1 ? " survived" : "s survived",
                 suite_label(L, first_dead, a, sizeof a), rp);
        return buf;
    }
    return NULL;
}

// ---- step checks ---------------------------------------------------------------------

typedef struct watch {
    bool *was_black;    // scenario objects seen black so far this cycle
    size_t max_scanned; // most objects blackened in one step
    bool exact_steps;   // require exactly min(budget, grey) per step
} watch_t;

// check_colors — the worklist is sane, the strong invariant holds, nothing
// black comes back grey, and the step did between 1 and `budget` objects.
static bool check_colors(lab_t *L, size_t step, size_t budget, bool done, void *arg, char *buf,
                         size_t len)
{
    watch_t *w = arg;
    ml_greyset_t g;
    suite_take(L, &g);
    char a[128];
    const char *p = worklist_problem(L, &g, buf, len);
    if (!p)
        p = strong_problem(L, &g, buf, len);
    size_t newly = 0;
    for (uint32_t i = 0; !p && i < L->scn->nobjs; i++) {
        ml_color_t c = suite_color(L, &g, i);
        if (w->was_black[i] && c != ML_BLACK) {
            snprintf(buf, len,
                     "%s was black and is %s again: it will be scanned twice (shade must "
                     "leave black objects alone)",
                     suite_label(L, i, a, sizeof a), ml_color_names[c]);
            p = buf;
        } else if (!w->was_black[i] && c == ML_BLACK) {
            w->was_black[i] = true;
            newly++;
        }
    }
    if (!p && step == 0 && newly > 0) {
        snprintf(buf, len,
                 "%zu objects are already black: tc_mark_roots should only shade (make grey) "
                 "what the roots point to; scanning is tc_mark_step's work",
                 newly);
        p = buf;
    }
    if (!p && step > 0 && newly > budget) {
        snprintf(buf, len, "%zu objects turned black in one step, more than the budget", newly);
        p = buf;
    }
    if (!p && step > 0 && g.grey.n + newly > 0 && newly == 0) {
        snprintf(buf, len,
                 "the step scanned nothing although %zu objects are grey: every step with "
                 "work to do must make progress",
                 g.grey.n);
        p = buf;
    }
    if (!p && w->exact_steps && step > 0 && !done && newly != budget) {
        snprintf(buf, len,
                 "the step scanned %zu objects though the budget is %zu and grey objects "
                 "remain",
                 newly, budget);
        p = buf;
    }
    if (!p && done != (g.grey.n == 0) && step > 0) {
        snprintf(buf, len,
                 done ? "tc_mark_step returned true (done) but %zu objects are still grey"
                      : "tc_mark_step returned false (not done) but the worklist is empty",
                 g.grey.n);
        p = buf;
    }
    if (newly > w->max_scanned)
        w->max_scanned = newly;
    ml_greyset_free(&g);
    return p == NULL;
}

static void watch_init(watch_t *w, const lab_t *L, bool exact)
{
    *w = (watch_t){ .was_black = calloc(L->scn->nobjs + 1, sizeof(bool)), .exact_steps = exact };
    cr_assert(w->was_black, "internal: out of memory");
}

// suite_collect_checked — a full cycle with every step checked, then exactness.
size_t suite_collect_checked(lab_t *L, size_t budget, bool exact_steps)
{
    watch_t w;
    watch_init(&w, L, exact_steps);
    size_t steps = suite_run_cycle(L, budget, check_colors, &w);
    free(w.was_black);
    char msg[1024];
    cr_assert(!suite_exact_problem(L, msg, sizeof msg), "%s", msg);
    return steps;
}

// tri-color.c — the grading suite of the tri-color lab (labs/tri-color):
// the student's marker (mark.c) against the core's independent oracles.
//
// Every test builds a heap from a scenario (scenario.h: a named classic, a
// seeded random graph, or a small text embedded here), plugs the student's
// marker in through the core's collector table (collector.c), runs marking
// step by step and checks, in the student's terms:
//   - exactness: after the sweep, the survivors are exactly the objects the
//     scenario says are reachable (an oracle that never reads mark bits);
//   - colors after every step: the strong tri-color invariant with the
//     student's own grey set, and a sane worklist (no duplicates, only
//     marked objects);
//   - work: a step scans at most `budget` objects and at least one while
//     grey objects remain; a shared object is scanned once;
//   - no recursion: a 1,000,000-object list is marked on a thread whose C
//     stack is 256 KiB;
//   - roots in globals and in every frame of every shadow stack, objects
//     allocated while marking (black), and cycle after cycle on one heap.
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collector.h"
#include "mark.h"
#include "memlab/gcheap.h"
#include "memlab/grade.h"
#include "memlab/rng.h"
#include "memlab/verify.h"
#include "scenario.h"
#include "scenario_heap.h"

// ---- scenarios used by several tests -------------------------------------------

static const char FIGURE1[] =
    "type Node 3 0 1\n"
    "type Leaf 1\n"
    "obj a b c d e Node\n"
    "obj f g Leaf\n"
    "obj x y Node\n"
    "obj z Leaf\n"
    "ptr a.0 b\nptr a.1 c\nptr b.0 d\nptr c.0 d\nptr c.1 f\nptr d.0 e\nptr e.0 a\nptr e.1 e\n"
    "ptr x.0 y\nptr y.0 x\nptr y.1 a\n"
    "global config a\n"
    "frame main\nlocal tmp g\n"
    "frame handler\nlocal req nil\n";

// Objects reachable only from frames, on two stacks, some in the bottom frame.
static const char STACKS[] =
    "type Cell 2 1\n"
    "type Wide 8 0 1 3 5 7\n"
    "obj p q r s t u v Cell\n"
    "obj w Wide\n"
    "obj dead1 dead2 Cell\n"
    "ptr p.1 q\nptr r.1 s\nptr w.7 v\nptr dead1.1 p\nptr dead2.1 dead1\n"
    "global unused nil\n"
    "frame main\nlocal first p\n"
    "frame helper\nlocal scratch nil\nlocal wide w\n"
    "frame leaf\nlocal second r\n"
    "stack worker\n"
    "frame run\nlocal job t\n"
    "frame step\nlocal a nil\nlocal b u\n";

static tc_scenario_t *parse_text(const char *name, const char *text)
{
    char err[256];
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    cr_assert(f, "internal: fmemopen failed");
    tc_scenario_t *s = tc_scenario_parse(f, name, err, sizeof err);
    fclose(f);
    cr_assert(s, "internal: scenario %s does not parse: %s", name, err);
    return s;
}

static tc_scenario_t *classic(const char *name, size_t size, uint64_t seed)
{
    char err[256];
    tc_scenario_t *s = tc_scenario_classic(name, size, seed, err, sizeof err);
    cr_assert(s, "internal: %s", err);
    return s;
}

// ---- a heap with the student's marker plugged in ---------------------------------

typedef struct lab {
    tc_scenario_t *scn;      // owned
    tc_heap_t *th;
    ml_gc_heap_t *h;
    tc_marker_t *m;
    ml_gc_collector_t table;
    bool *reach;             // the oracle: reachable scenario objects
    size_t nreach;
} lab_t;

static void lab_open(lab_t *L, tc_scenario_t *scn)
{
    char err[256];
    memset(L, 0, sizeof *L);
    L->scn = scn;
    ml_gc_config_t cfg = ml_gc_default_config();
    cfg.gc_percent = -1;     // collections only when a test runs one
    L->th = tc_heap_build(scn, &cfg, err, sizeof err);
    cr_assert(L->th, "internal: %s", err);
    L->h = L->th->heap;
    ml_gc_set_manual(L->h, true);
    L->m = tc_marker_new(L->h);
    cr_assert(L->m, "tc_marker_new returned NULL");
    cr_assert(tc_marker_heap(L->m) == L->h, "tc_marker_heap does not return the heap given to tc_marker_new");
    L->table = tc_collector(L->m);
    cr_assert(ml_gc_set_collector(L->h, &L->table) == 0, "internal: cannot install the collector");
    L->reach = tc_scenario_reachable(scn, &L->nreach);
    cr_assert(L->reach, "internal: out of memory");
}

static void lab_close(lab_t *L)
{
    tc_marker_free(L->m);
    tc_heap_free(L->th);
    free(L->reach);
    tc_scenario_free(L->scn);
    memset(L, 0, sizeof *L);
}

static const char *lbl(const lab_t *L, uint32_t i, char *buf, size_t len)
{
    return tc_heap_obj_label(L->th, i, buf, len);
}

// A snapshot of the worklist; fails the test if it cannot be taken.
static void take(const lab_t *L, tc_greyset_t *g)
{
    cr_assert(tc_greyset_take(g, L->m) == 0, "internal: out of memory");
}

static tc_color_t color(const lab_t *L, const tc_greyset_t *g, uint32_t i)
{
    return tc_color_of(L->h, g, L->th->objs[i]);
}

// worklist_problem — what is wrong with the worklist snapshot, or NULL.
static const char *worklist_problem(const lab_t *L, const tc_greyset_t *g, char *buf, size_t len)
{
    char a[128];
    if (g->not_objects) {
        snprintf(buf, len, "the worklist holds %zu entries that are not the start of an object "
                 "(e.g. %p): tc_shade must push the object's start (ml_gc_object_of)",
                 g->not_objects, g->first_bad);
        return buf;
    }
    if (g->unmarked) {
        uint32_t i = tc_heap_index_of(L->th, g->first_bad);
        snprintf(buf, len, "the worklist holds %zu objects whose mark bit is clear (e.g. %s): a grey "
                 "object has its mark bit set — set it when you push the object, not when you scan it",
                 g->unmarked, i == TC_NIL ? "?" : lbl(L, i, a, sizeof a));
        return buf;
    }
    if (g->duplicates) {
        snprintf(buf, len, "the worklist holds %zu objects more than once: shade an object only when "
                 "its mark bit goes from clear to set", g->duplicates);
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
static const char *strong_problem(const lab_t *L, tc_greyset_t *g, char *buf, size_t len)
{
    char a[128], b[128];
    const tc_scenario_t *s = L->scn;
    for (size_t e = 0; e < s->nedges; e++) {
        const tc_edge_t *ed = &s->edges[e];
        if (ed->to == TC_NIL || !tc_heap_alive(L->th, ed->from) || !tc_heap_alive(L->th, ed->to))
            continue;
        if (color(L, g, ed->from) == TC_BLACK && color(L, g, ed->to) == TC_WHITE) {
            snprintf(buf, len, "black %s points to white %s through word %u: the strong tri-color "
                     "invariant is broken (was every pointer slot of %s shaded when it was scanned?)",
                     lbl(L, ed->from, a, sizeof a), lbl(L, ed->to, b, sizeof b), ed->slot,
                     tc_scenario_obj_name(s, ed->from, a, sizeof a));
            return buf;
        }
    }
    char why[400];
    if (ml_verify_tricolor(L->h, ML_INV_STRONG, tc_greyset_grey_fn, g, why, sizeof why)) {
        snprintf(buf, len, "the strong tri-color invariant is broken: %s", why);
        return buf;
    }
    return NULL;
}

// A check run after tc_mark_roots (step 0) and after every step. Returns
// false after writing a message into buf to stop the cycle.
typedef bool (*step_check_fn)(lab_t *L, size_t step, size_t budget, bool done, void *arg, char *buf, size_t len);

// run_cycle — one collection through the core's driver: cycle_begin
// (tc_mark_roots), cycle_step(budget) until done, cycle_finish (tc_sweep).
// Returns the number of steps. Fails the test if marking never reports done
// or a check fails (the sweep is then not run).
static size_t run_cycle(lab_t *L, size_t budget, step_check_fn check, void *arg)
{
    char msg[1024];
    size_t limit = (size_t)ml_gc_num_objects(L->h) * 2 + 16, steps = 0;
    cr_assert(ml_gc_cycle_begin(L->h) == 0, "internal: a cycle is already running");
    bool done = false;
    if (check && !check(L, 0, budget, false, arg, msg, sizeof msg))
        cr_assert_fail("after tc_mark_roots: %s", msg);
    while (!done) {
        cr_assert(steps < limit, "tc_mark_step(budget %zu) has not reported done after %zu steps "
                  "(there are only %zu objects): does it return true once the worklist is empty?",
                  budget, steps, ml_gc_num_objects(L->h));
        done = ml_gc_cycle_step(L->h, budget);
        steps++;
        if (check && !check(L, steps, budget, done, arg, msg, sizeof msg))
            cr_assert_fail("after mark step %zu (budget %zu): %s", steps, budget, msg);
    }
    ml_gc_cycle_finish(L->h);
    return steps;
}

// exact_problem — after a cycle: the first scenario object whose fate is
// wrong (a reachable one freed, a garbage one kept), or NULL.
static const char *exact_problem(const lab_t *L, char *buf, size_t len)
{
    char a[128], why[512];
    size_t freed_live = 0, kept_dead = 0;
    uint32_t first_live = TC_NIL, first_dead = TC_NIL;
    for (uint32_t i = 0; i < L->scn->nobjs; i++) {
        bool alive = tc_heap_alive(L->th, i);
        if (L->reach[i] && !alive && freed_live++ == 0)
            first_live = i;
        if (!L->reach[i] && alive && kept_dead++ == 0)
            first_dead = i;
    }
    if (freed_live) {
        snprintf(buf, len, "%s: %zu reachable objects were freed, e.g. %s, reachable as %s",
                 L->scn->name, freed_live, lbl(L, first_live, a, sizeof a),
                 tc_heap_why_reachable(L->th, first_live, why, sizeof why));
        return buf;
    }
    if (kept_dead) {
        snprintf(buf, len, "%s: %zu unreachable objects survived the sweep, e.g. %s (was it marked, or "
                 "did tc_sweep skip it?)", L->scn->name, kept_dead, lbl(L, first_dead, a, sizeof a));
        return buf;
    }
    return NULL;
}

// ---- step checks ---------------------------------------------------------------------

typedef struct watch {
    bool *was_black;         // scenario objects seen black so far this cycle
    size_t max_scanned;      // most objects blackened in one step
    bool exact_steps;        // require exactly min(budget, grey) per step
} watch_t;

// check_colors — the worklist is sane, the strong invariant holds, nothing
// black comes back grey, and the step did between 1 and `budget` objects.
static bool check_colors(lab_t *L, size_t step, size_t budget, bool done, void *arg, char *buf, size_t len)
{
    watch_t *w = arg;
    tc_greyset_t g;
    take(L, &g);
    char a[128];
    const char *p = worklist_problem(L, &g, buf, len);
    if (!p)
        p = strong_problem(L, &g, buf, len);
    size_t newly = 0;
    for (uint32_t i = 0; !p && i < L->scn->nobjs; i++) {
        tc_color_t c = color(L, &g, i);
        if (w->was_black[i] && c != TC_BLACK) {
            snprintf(buf, len, "%s was black and is %s again: it will be scanned twice (shade must "
                     "leave black objects alone)", lbl(L, i, a, sizeof a), tc_color_names[c]);
            p = buf;
        } else if (!w->was_black[i] && c == TC_BLACK) {
            w->was_black[i] = true;
            newly++;
        }
    }
    if (!p && step == 0 && newly > 0) {
        snprintf(buf, len, "%zu objects are already black: tc_mark_roots should only shade (make grey) "
                 "what the roots point to; scanning is tc_mark_step's work", newly);
        p = buf;
    }
    if (!p && step > 0 && newly > budget) {
        snprintf(buf, len, "%zu objects turned black in one step, more than the budget", newly);
        p = buf;
    }
    if (!p && step > 0 && g.n + newly > 0 && newly == 0) {
        snprintf(buf, len, "the step scanned nothing although %zu objects are grey: every step with "
                 "work to do must make progress", g.n);
        p = buf;
    }
    if (!p && w->exact_steps && step > 0 && !done && newly != budget) {
        snprintf(buf, len, "the step scanned %zu objects though the budget is %zu and grey objects "
                 "remain", newly, budget);
        p = buf;
    }
    if (!p && done != (g.n == 0) && step > 0) {
        snprintf(buf, len, done ? "tc_mark_step returned true (done) but %zu objects are still grey"
                                : "tc_mark_step returned false (not done) but the worklist is empty",
                 g.n);
        p = buf;
    }
    if (newly > w->max_scanned)
        w->max_scanned = newly;
    tc_greyset_free(&g);
    return p == NULL;
}

static void watch_init(watch_t *w, const lab_t *L, bool exact)
{
    *w = (watch_t){.was_black = calloc(L->scn->nobjs + 1, sizeof(bool)), .exact_steps = exact};
    cr_assert(w->was_black, "internal: out of memory");
}

// collect_checked — a full cycle with every step checked, then exactness.
static size_t collect_checked(lab_t *L, size_t budget, bool exact_steps)
{
    watch_t w;
    watch_init(&w, L, exact_steps);
    size_t steps = run_cycle(L, budget, check_colors, &w);
    free(w.was_black);
    char msg[1024];
    cr_assert(!exact_problem(L, msg, sizeof msg), "%s", msg);
    return steps;
}

// ---- shade, scan, roots ------------------------------------------------------------------

typedef struct seen {
    void *objs[8];
    size_t n;
} seen_t;

static void seen_add(void *obj, void *arg)
{
    seen_t *s = arg;
    if (s->n < 8)
        s->objs[s->n] = obj;
    s->n++;
}

ML_TEST(shade, white_becomes_grey_once, 5, 10)
{
    lab_t L;
    lab_open(&L, parse_text("figure1", FIGURE1));
    void *a = L.th->objs[0], *b = L.th->objs[1];
    tc_shade(L.m, a);
    cr_assert(ml_gc_is_marked(L.h, a), "tc_shade(a) left a's mark bit clear: shading sets it");
    cr_assert(tc_grey_count(L.m) == 1, "after tc_shade(a) on a fresh heap the worklist should hold 1 "
              "object, tc_grey_count says %zu", tc_grey_count(L.m));
    seen_t s = {0};
    tc_grey_foreach(L.m, seen_add, &s);
    cr_assert(s.n == 1 && s.objs[0] == a, "tc_grey_foreach should give exactly a, it gave %zu objects", s.n);
    tc_shade(L.m, a);
    cr_assert(tc_grey_count(L.m) == 1, "shading a grey object again must do nothing; the worklist "
              "now holds %zu objects", tc_grey_count(L.m));
    int local = 0;
    tc_shade(L.m, NULL);
    tc_shade(L.m, &local);
    cr_assert(tc_grey_count(L.m) == 1, "tc_shade(NULL) and tc_shade(address of a C variable) must do "
              "nothing; the worklist now holds %zu objects", tc_grey_count(L.m));
    tc_shade(L.m, (char *)b + 8);
    cr_assert(ml_gc_is_marked(L.h, b), "tc_shade(b + 8 bytes) should shade b: a pointer into an "
              "object keeps the whole object alive (use ml_gc_object_of)");
    s.n = 0;
    tc_grey_foreach(L.m, seen_add, &s);
    cr_assert(s.n == 2 && (s.objs[0] == b || s.objs[1] == b), "after tc_shade(b + 8) the worklist "
              "should hold a and b (b's start, not b + 8)");
    cr_assert(ml_gc_count_marked(L.h) == 2, "only a and b should be marked, %zu objects are",
              ml_gc_count_marked(L.h));
    lab_close(&L);
}

ML_TEST(scan, scan_object_shades_every_slot, 6, 10)
{
    static const char text[] =
        "type Leaf 1\n"
        "type Wide 8 0 1 3 5 7\n"      // five pointer slots, the last in the last word
        "obj w Wide\nobj t0 t1 t2 t3 t4 other Leaf\n"
        "ptr w.0 t0\nptr w.1 t1\nptr w.3 t2\nptr w.5 t3\nptr w.7 t4\n"
        "global g w\n";
    lab_t L;
    lab_open(&L, parse_text("wide", text));
    void *w = L.th->objs[0];
    ml_gc_set_mark(L.h, w);     // w is grey, just taken out of the worklist
    tc_scan_object(L.m, w);
    const uint32_t words[5] = {0, 1, 3, 5, 7};
    char a[128];
    for (uint32_t k = 0; k < 5; k++)
        cr_assert(ml_gc_is_marked(L.h, L.th->objs[1 + k]), "tc_scan_object(w) left %s white: it is "
                  "w's pointer slot %u (word %u of type Wide, pointer bitmap 0xab); every slot the "
                  "bitmap names must be shaded", lbl(&L, 1 + k, a, sizeof a), k, words[k]);
    cr_assert(tc_grey_count(L.m) == 5, "after scanning w the worklist should hold its 5 targets, "
              "it holds %zu", tc_grey_count(L.m));
    cr_assert(!ml_gc_is_marked(L.h, L.th->objs[6]), "tc_scan_object(w) shaded 'other', which w does "
              "not point to (only the pointer words are slots)");
    tc_greyset_t g;
    take(&L, &g);
    cr_assert(!tc_greyset_has(&g, w), "tc_scan_object(w) put w back in the worklist: a scanned object is black");
    tc_greyset_free(&g);
    lab_close(&L);

    // An array object: the slots of every element, and two slots to one target.
    tc_scenario_t *s = parse_text("leaves", "type Leaf 1\nobj l0 l1 l2 l3 l4 Leaf\n");
    lab_open(&L, s);
    ml_type_t pair = ML_TYPE("Pair", 24, 0x5);   // {ptr, int, ptr}
    void **arr = ml_gc_alloc_array(L.h, &pair, 3);
    cr_assert(arr, "internal: out of memory");
    void *want[6] = {L.th->objs[0], L.th->objs[1], L.th->objs[2], L.th->objs[3], L.th->objs[4], L.th->objs[0]};
    for (int k = 0; k < 6; k++)
        ml_gc_write(L.h, arr, (size_t)k, want[k]);
    ml_gc_set_mark(L.h, arr);
    tc_scan_object(L.m, arr);
    for (uint32_t k = 0; k < 5; k++)
        cr_assert(ml_gc_is_marked(L.h, L.th->objs[k]), "tc_scan_object on an array of 3 Pair {ptr, "
                  "int, ptr} left l%u white: scan every slot of every element "
                  "(ml_gc_slots_begin / ml_gc_slots_next walk them all)", k);
    cr_assert(tc_grey_count(L.m) == 5, "the array's 6 slots point to 5 distinct objects (slots 0 and 5 "
              "both to l0); the worklist should hold 5, it holds %zu", tc_grey_count(L.m));
    lab_close(&L);
}

ML_TEST(roots, mark_roots_shades_globals, 4, 10)
{
    static const char text[] =
        "type Cell 2 1\nobj a b c Cell\n"
        "ptr a.1 c\n"
        "global g0 nil\nglobal g1 a\nglobal g2 b\nglobal g3 a\n";
    lab_t L;
    lab_open(&L, parse_text("globals", text));
    tc_mark_roots(L.m);
    char a[128];
    for (uint32_t i = 0; i < 2; i++)
        cr_assert(ml_gc_is_marked(L.h, L.th->objs[i]), "after tc_mark_roots, %s is still white though "
                  "a global points to it", lbl(&L, i, a, sizeof a));
    cr_assert(tc_grey_count(L.m) == 2, "globals point to a (twice) and b: the worklist should hold 2 "
              "objects, it holds %zu", tc_grey_count(L.m));
    cr_assert(!ml_gc_is_marked(L.h, L.th->objs[2]), "tc_mark_roots shaded c, which only a points to: "
              "c turns grey when a is scanned, in a mark step");
    lab_close(&L);
}

ML_TEST(roots, mark_roots_scans_every_frame, 6, 10)
{
    lab_t L;
    lab_open(&L, parse_text("stacks", STACKS));
    tc_mark_roots(L.m);
    char a[128], why[256];
    const tc_scenario_t *s = L.scn;
    for (uint32_t l = 0; l < s->nlocals; l++) {
        uint32_t t = s->locals[l].target;
        if (t != TC_NIL)
            cr_assert(ml_gc_is_marked(L.h, L.th->objs[t]), "after tc_mark_roots, %s is white; it is held "
                      "by %s: scan every frame of every shadow stack, not just the top one",
                      lbl(&L, t, a, sizeof a), tc_heap_why_reachable(L.th, t, why, sizeof why));
    }
    for (uint32_t f = 0; f < s->nframes; f++)
        cr_assert(ml_gc_frame_scanned(L.th->frames[f]), "frame %s of stack %s is not flagged scanned "
                  "after tc_mark_roots (ml_gc_frame_set_scanned)", s->frames[f].name,
                  s->stacks[s->frames[f].stack]);
    for (uint32_t k = 0; k < s->nstacks; k++)
        cr_assert(ml_gc_stack_scanned(L.th->stacks[k]), "stack %s is not flagged scanned after "
                  "tc_mark_roots (ml_gc_stack_set_scanned)", s->stacks[k]);
    cr_assert(tc_grey_count(L.m) == 5, "the frames hold 5 distinct objects; the worklist should hold "
              "5, it holds %zu", tc_grey_count(L.m));
    lab_close(&L);
}

// ---- exactness ------------------------------------------------------------------------------

ML_SCORED_TEST(exact, survivors_are_the_reachable_set_classics, 10, 60)
{
    struct { const char *name; size_t size; const char *text; } cases[] = {
        {"list", 2000, NULL}, {"tree", 9, NULL}, {"cycle", 30, NULL}, {"diamond", 20, NULL},
        {"gcbench", 9, NULL}, {"figure1", 0, FIGURE1}, {"stacks", 0, STACKS}, {"random", 800, NULL},
    };
    size_t n = sizeof cases / sizeof cases[0], ok = 0;
    char msg[900], first[1024] = "";
    for (size_t k = 0; k < n; k++) {
        lab_t L;
        lab_open(&L, cases[k].text ? parse_text(cases[k].name, cases[k].text)
                                   : classic(cases[k].name, cases[k].size, 7));
        run_cycle(&L, 5, NULL, NULL);
        if (exact_problem(&L, msg, sizeof msg)) {
            ml_note("%s", msg);
            if (!first[0])
                snprintf(first, sizeof first, "%s", msg);
        } else {
            ok++;
        }
        lab_close(&L);
    }
    ml_award((double)ok / (double)n, "%zu of %zu scenarios collected exactly (budget 5)%s%s", ok, n,
             first[0] ? "; first problem: " : "", first);
}

ML_SCORED_TEST(exact, survivors_are_the_reachable_set_random, 10, 60)
{
    const size_t sizes[4] = {50, 300, 1500, 6000}, budgets[4] = {1, 3, 17, SIZE_MAX};
    size_t n = 16, ok = 0;
    char msg[900], first[1024] = "";
    for (size_t k = 0; k < n; k++) {
        uint64_t seed = 1000 + k;
        lab_t L;
        lab_open(&L, classic("random", sizes[k % 4], seed));
        run_cycle(&L, budgets[(k / 4) % 4], NULL, NULL);
        if (exact_problem(&L, msg, sizeof msg)) {
            ml_note("seed %" PRIu64 ": %s", seed, msg);
            if (!first[0])
                snprintf(first, sizeof first, "seed %" PRIu64 ", budget %zu: %s", seed,
                         budgets[(k / 4) % 4], msg);
        } else {
            ok++;
        }
        lab_close(&L);
    }
    ml_award((double)ok / (double)n, "%zu of %zu random graphs collected exactly%s%s", ok, n,
             first[0] ? "; first problem: " : "", first);
}

ML_TEST(exact, cycles_and_self_loops, 5, 20)
{
    static const char text[] =
        "type Node 2 0\n"
        "obj self pair1 pair2 dself dpair1 dpair2 Node\n"
        "ptr self.0 self\nptr pair1.0 pair2\nptr pair2.0 pair1\n"
        "ptr dself.0 dself\nptr dpair1.0 dpair2\nptr dpair2.0 dpair1\n"
        "global g self\nframe main\nlocal l pair2\n";
    lab_t L;
    lab_open(&L, parse_text("loops", text));
    collect_checked(&L, 1, false);
    lab_close(&L);
    lab_open(&L, classic("cycle", 40, 1));
    collect_checked(&L, 2, false);
    lab_close(&L);
}

// ---- colors after every step --------------------------------------------------------------

ML_TEST(invariant, strong_invariant_after_every_step, 10, 60)
{
    struct { const char *name; size_t size; uint64_t seed; const char *text; size_t budget; } cases[] = {
        {"figure1", 0, 0, FIGURE1, 1}, {"stacks", 0, 0, STACKS, 1}, {"tree", 7, 0, NULL, 1},
        {"tree", 7, 0, NULL, 4}, {"gcbench", 5, 0, NULL, 3}, {"diamond", 12, 0, NULL, 1},
        {"random", 300, 1, NULL, 1}, {"random", 300, 2, NULL, 2}, {"random", 600, 3, NULL, 5},
        {"random", 200, 4, NULL, 1}, {"random", 200, 5, NULL, 7},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        lab_t L;
        lab_open(&L, cases[k].text ? parse_text(cases[k].name, cases[k].text)
                                   : classic(cases[k].name, cases[k].size, cases[k].seed));
        ml_note("scenario %s (seed %" PRIu64 "), budget %zu", L.scn->name, cases[k].seed, cases[k].budget);
        collect_checked(&L, cases[k].budget, false);
        lab_close(&L);
    }
}

// ---- work: budgets and sharing --------------------------------------------------------------

ML_TEST(budget, step_scans_at_most_budget_objects, 8, 60)
{
    const size_t budgets[] = {1, 2, 3, 7, 50};
    for (size_t k = 0; k < sizeof budgets / sizeof budgets[0]; k++) {
        lab_t L;
        lab_open(&L, classic("random", 500, 20 + k));
        ml_note("random graph of 500 objects, seed %zu, budget %zu", 20 + k, budgets[k]);
        collect_checked(&L, budgets[k], true);
        lab_close(&L);
    }
    // Budget 0 does no work.
    lab_t L;
    lab_open(&L, classic("tree", 4, 0));
    cr_assert(ml_gc_cycle_begin(L.h) == 0, "internal: cycle_begin failed");
    size_t grey = tc_grey_count(L.m), marked = ml_gc_count_marked(L.h);
    bool done = tc_mark_step(L.m, 0);
    cr_assert(!done && tc_grey_count(L.m) == grey && ml_gc_count_marked(L.h) == marked,
              "tc_mark_step(m, 0) must do no work and report not done while objects are grey");
    ml_gc_cycle_finish(L.h);
    lab_close(&L);
}

ML_TEST(budget, shared_objects_scanned_once, 8, 60)
{
    // A diamond chain (every bottom reached twice) and a hub that 300 objects
    // point to: with budget 1, marking takes one step per reachable object.
    lab_t L;
    lab_open(&L, classic("diamond", 40, 0));
    size_t steps = collect_checked(&L, 1, true);
    cr_assert(steps == L.nreach, "marking %zu reachable objects with budget 1 took %zu steps: each "
              "object must be scanned exactly once", L.nreach, steps);
    lab_close(&L);

    tc_scenario_t *s = tc_scenario_new("hub");
    cr_assert(s, "internal: out of memory");
    uint32_t leaf = tc_scenario_add_type(s, "Leaf", 1, 0), box = tc_scenario_add_type(s, "Box", 2, 0x3);
    uint32_t hub = tc_scenario_add_obj(s, leaf, "hub"), prev = TC_NIL;
    for (int i = 0; i < 300; i++) {
        uint32_t o = tc_scenario_add_obj(s, box, NULL);
        tc_scenario_add_edge(s, o, 0, hub);
        tc_scenario_add_edge(s, o, 1, prev);
        prev = o;
    }
    tc_scenario_add_global(s, "spokes", prev);
    lab_open(&L, s);
    steps = collect_checked(&L, 1, true);
    cr_assert(steps == L.nreach, "300 objects all point to one hub: marking the %zu reachable objects "
              "with budget 1 took %zu steps (the hub must be scanned once)", L.nreach, steps);
    lab_close(&L);
}

// ---- no recursion ----------------------------------------------------------------------------

typedef struct deep_run {
    lab_t *L;
    size_t budget;
    size_t steps;
    bool done;
} deep_run_t;

static void *deep_thread(void *arg)
{
    deep_run_t *d = arg;
    ml_gc_heap_t *h = d->L->h;
    ml_gc_cycle_begin(h);
    for (size_t limit = 4 * (d->L->scn->nobjs / d->budget + 1); !d->done && d->steps < limit; d->steps++)
        d->done = ml_gc_cycle_step(h, d->budget);
    if (d->done)
        ml_gc_cycle_finish(h);
    return NULL;
}

ML_TEST(deep, million_object_list_on_small_stack, 8, 90, .mem_mb = 2048)
{
    lab_t L;
    lab_open(&L, classic("list", 1000000, 0));
    ml_note("marking and sweeping run on a thread with a 256 KiB C stack: a marker that recurses "
            "once per object overflows it (a crash)");
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 << 10);
    pthread_t t;
    deep_run_t d = {.L = &L, .budget = 4096};
    cr_assert(pthread_create(&t, &attr, deep_thread, &d) == 0, "internal: cannot start a thread");
    pthread_join(t, NULL);
    pthread_attr_destroy(&attr);
    cr_assert(d.done, "marking a 1,000,000-object list with budget 4096 did not finish in %zu steps",
              d.steps);
    char msg[1024];
    cr_assert(!exact_problem(&L, msg, sizeof msg), "%s", msg);
    lab_close(&L);
}

ML_TEST(deep, worklist_grows, 4, 30)
{
    // One array of 200,000 pointers: scanning it makes 200,000 objects grey at once.
    lab_t L;
    lab_open(&L, parse_text("empty", "type Leaf 1\nobj garbage Leaf\n"));
    ml_type_t ptr = ML_TYPE("Ptr", 8, 0x1), leaf = ML_TYPE("Leaf", 8, 0);
    const size_t n = 200000;
    int g = ml_gc_global_add(L.h, "array");
    cr_assert(g >= 0, "internal: out of memory");
    void *arr = ml_gc_alloc_array(L.h, &ptr, n);
    cr_assert(arr, "internal: out of memory");
    ml_gc_write_global(L.h, g, arr);
    for (size_t i = 0; i < n; i++) {
        void *o = ml_gc_alloc(L.h, &leaf);
        cr_assert(o, "internal: out of memory");
        ml_gc_write(L.h, arr, i, o);
        if (i % 4 == 0)
            cr_assert(ml_gc_alloc(L.h, &leaf), "internal: out of memory");   // garbage
    }
    cr_assert(ml_gc_cycle_begin(L.h) == 0, "internal: cycle_begin failed");
    ml_gc_cycle_step(L.h, 1);
    cr_assert(tc_grey_count(L.m) == n, "after scanning an array of %zu pointers to distinct objects the "
              "worklist should hold %zu objects, it holds %zu", n, n, tc_grey_count(L.m));
    while (!ml_gc_cycle_step(L.h, 1000))
        ;
    ml_gc_cycle_finish(L.h);
    cr_assert(ml_gc_num_objects(L.h) == n + 1, "after the sweep %zu objects should remain (the array and "
              "its %zu targets), %zu do", n + 1, n, ml_gc_num_objects(L.h));
    lab_close(&L);
}

// ---- allocation during marking ---------------------------------------------------------------

ML_TEST(alloc, allocated_black_during_marking, 6, 20)
{
    lab_t L;
    lab_open(&L, classic("tree", 6, 0));
    ml_type_t cell = ML_TYPE("Cell", 16, 0x2);
    cr_assert(ml_gc_cycle_begin(L.h) == 0, "internal: cycle_begin failed");
    for (int i = 0; i < 5; i++)
        ml_gc_cycle_step(L.h, 1);
    ml_gc_frame_t *f = ml_gc_push_frame(L.h, "newframe", 10);
    cr_assert(f, "internal: out of memory");
    void *fresh[15];
    for (int i = 0; i < 15; i++) {
        fresh[i] = ml_gc_alloc(L.h, &cell);
        cr_assert(fresh[i], "internal: out of memory");
        if (i < 10)
            ml_gc_frame_set(f, (size_t)i, fresh[i]);   // stack writes: no barrier
        tc_greyset_t g;
        take(&L, &g);
        tc_color_t c = tc_color_of(L.h, &g, fresh[i]);
        tc_greyset_free(&g);
        cr_assert(c == TC_BLACK, "an object allocated while marking runs is %s; tc_on_alloc must make "
                  "it black (marked, not in the worklist), as Go allocates black during a cycle",
                  tc_color_names[c]);
    }
    while (!ml_gc_cycle_step(L.h, 3))
        ;
    ml_gc_cycle_finish(L.h);
    for (int i = 0; i < 15; i++)
        cr_assert(ml_gc_object_of(L.h, fresh[i]) == fresh[i], "object %d allocated during marking was "
                  "freed by the sweep of the same cycle (%s)", i,
                  i < 10 ? "a frame holds it" : "floating garbage survives one cycle");
    // Next cycle: the 5 unrooted ones are garbage now, the 10 in the frame live.
    size_t before = ml_gc_num_objects(L.h);
    run_cycle(&L, 4, NULL, NULL);
    for (int i = 0; i < 10; i++)
        cr_assert(ml_gc_object_of(L.h, fresh[i]) == fresh[i], "object %d, allocated during the last "
                  "cycle and held by a frame, was freed in the next one", i);
    size_t freed = before - ml_gc_num_objects(L.h);
    cr_assert(freed == 5, "the second cycle should free exactly the 5 "
              "unrooted objects allocated during the first one; it freed %zu objects", freed);
    ml_gc_pop_frame(L.h, f);
    lab_close(&L);
}

// ---- sweep and cycles --------------------------------------------------------------------------

ML_TEST(sweep, frees_white_and_resets_colors, 5, 20)
{
    lab_t L;
    lab_open(&L, classic("random", 1000, 77));
    size_t before = ml_gc_num_objects(L.h);
    tc_mark_roots(L.m);
    size_t guard = 0;
    while (!tc_mark_step(L.m, 10))
        cr_assert(++guard < 10000, "tc_mark_step never reports done");
    size_t freed = tc_sweep(L.m);
    size_t really = before - ml_gc_num_objects(L.h);
    char msg[1024], why[512];
    cr_assert(!exact_problem(&L, msg, sizeof msg), "%s", msg);
    cr_assert(freed == really, "tc_sweep returned %zu but freed %zu objects", freed, really);
    cr_assert(ml_gc_count_marked(L.h) == 0, "after tc_sweep %zu objects still have their mark bit set: "
              "the sweep must turn black objects white for the next cycle", ml_gc_count_marked(L.h));
    cr_assert(tc_grey_count(L.m) == 0, "after tc_sweep the worklist holds %zu objects", tc_grey_count(L.m));
    cr_assert(ml_verify_heap(L.h, why, sizeof why) == 0, "the heap is inconsistent after the sweep: %s", why);
    cr_assert(ml_verify_no_dangling(L.h, why, sizeof why) == 0, "after the sweep: %s", why);
    cr_assert(ml_verify_freed_intact(L.h, why, sizeof why) == 0, "after the sweep: %s", why);
    lab_close(&L);
}

// mutate — change the heap between cycles (collector off): drop roots,
// rewire pointers between live objects, allocate new objects hanging off
// live ones. Everything goes through the core's store functions.
static void mutate(lab_t *L, ml_rng_t *r, void **objs, size_t n)
{
    ml_gc_heap_t *h = L->h;
    ml_type_t *types = L->th->types;
    for (int k = 0; k < 40; k++) {
        void *o = objs[ml_rng_below(r, n)];
        if (ml_gc_object_of(h, o) != o || ml_gc_num_slots(h, o) == 0)
            continue;
        size_t slot = ml_rng_below(r, ml_gc_num_slots(h, o));
        uint64_t what = ml_rng_below(r, 3);
        void *val = NULL;
        if (what == 1) {
            void *t = objs[ml_rng_below(r, n)];
            val = ml_gc_object_of(h, t) == t ? t : NULL;
        } else if (what == 2) {
            val = ml_gc_alloc(h, &types[ml_rng_below(r, L->scn->ntypes)]);
        }
        ml_gc_write(h, o, slot, val);
    }
    for (size_t g = 0; g < ml_gc_num_globals(h); g++)
        if (ml_rng_below(r, 3) == 0)
            ml_gc_write_global(h, (int)g, NULL);
}

ML_TEST(sweep, repeated_cycles_reuse_the_heap, 5, 60)
{
    lab_t L;
    lab_open(&L, classic("random", 2000, 99));
    ml_rng_t r;
    ml_rng_seed(&r, 99);
    char why[512];
    for (int cycle = 1; cycle <= 6; cycle++) {
        // The heap's own oracle, taken before the cycle, over every object.
        ml_reach_t *reach = ml_verify_reachable(L.h);
        cr_assert(reach, "internal: out of memory");
        size_t n = ml_gc_num_objects(L.h), i = 0;
        void **objs = malloc(n * sizeof *objs);
        uint32_t *ids = malloc(n * sizeof *ids);
        cr_assert(objs && ids, "internal: out of memory");
        ml_gc_iter_t it;
        ml_gc_iter_init(L.h, &it);
        for (void *o; (o = ml_gc_iter_next(&it)) && i < n; i++)
            objs[i] = o, ids[i] = ml_gc_object_id(L.h, o);
        run_cycle(&L, 1 + (size_t)cycle * 5, NULL, NULL);
        for (i = 0; i < n; i++) {
            bool alive = ml_gc_object_of(L.h, objs[i]) == objs[i] && ml_gc_object_id(L.h, objs[i]) == ids[i];
            bool want = ml_reach_contains(reach, objs[i]);
            cr_assert(alive == want, "cycle %d: obj#%u %s (the heap was changed between cycles: roots "
                      "dropped, pointers rewired, objects added)%s", cycle, ids[i],
                      want ? "is reachable but was freed" : "is garbage but survived",
                      cycle > 1 ? " — did the last sweep leave mark bits set?" : "");
        }
        cr_assert(ml_gc_count_marked(L.h) == 0, "cycle %d: %zu mark bits still set after the sweep",
                  cycle, ml_gc_count_marked(L.h));
        cr_assert(ml_verify_heap(L.h, why, sizeof why) == 0, "cycle %d: %s", cycle, why);
        ml_reach_free(reach);
        // Survivors only, for the mutator.
        size_t live = 0;
        for (i = 0; i < n; i++)
            if (ml_gc_object_of(L.h, objs[i]) == objs[i])
                objs[live++] = objs[i];
        if (live)
            mutate(&L, &r, objs, live);
        free(objs), free(ids);
    }
    lab_close(&L);
}

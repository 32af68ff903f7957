// work.c — the tri-color suite's tests of the work a marker does: at most
// `budget` objects per step, a shared object scanned once, no recursion on a
// million-object list, and a worklist that grows as far as it must.
#include <pthread.h>
#include <stdio.h>

#include "memlab/grade.h"
#include "tricolor_suite.h"

// ---- work: budgets and sharing --------------------------------------------------------------

// budget_both_sides — the budget's boundary from both sides: with k objects
// grey (leaves, so scanning them makes nothing new grey), a step of exactly k
// scans all of them and reports done; a step of k - 1 leaves one and reports
// not done, and the next step of 1 finishes. A step of budget 0 with nothing
// grey reports done.
static void budget_both_sides(void)
{
    static const char five[] = "type Leaf 1\n"
                               "obj a b c d e Leaf\n"
                               "global g1 a\nglobal g2 b\nglobal g3 c\nglobal g4 d\nglobal g5 e\n";
    const size_t k = 5;
    lab_t L;
    suite_lab_open(&L, suite_parse_text("five-leaves", five));
    ml_note("scenario five-leaves: five Leaf objects (no pointer slots), each held by a global");
    cr_assert(ml_gc_cycle_begin(L.h) == 0, "internal: cycle_begin failed");
    cr_assert(tc_grey_count(L.m) == k,
              "scenario five-leaves: after tc_mark_roots %zu objects "
              "are grey, expected the %zu the globals hold",
              tc_grey_count(L.m), k);
    bool done = ml_gc_cycle_step(L.h, k);
    cr_assert(done && tc_grey_count(L.m) == 0,
              "scenario five-leaves: 5 objects grey, none with a pointer slot; tc_mark_step(m, 5) "
              "returned %s with %zu grey left. A budget exactly as large as the work is enough "
              "(mark.h: tc_mark_step; handout: \"Incremental marking and the unit of work\")",
              done ? "true" : "false", tc_grey_count(L.m));
    cr_assert(tc_mark_step(L.m, 0),
              "scenario five-leaves, marking finished: tc_mark_step(m, 0) with no grey object "
              "returned false (not done). mark.h: tc_mark_step returns whether the worklist is "
              "empty afterwards, whatever the budget");
    ml_gc_cycle_finish(L.h);
    cr_assert(ml_gc_cycle_begin(L.h) == 0, "internal: cycle_begin failed");
    done = ml_gc_cycle_step(L.h, k - 1);
    cr_assert(!done && tc_grey_count(L.m) == 1,
              "scenario five-leaves, second cycle: 5 objects grey; tc_mark_step(m, 4) returned %s "
              "with %zu grey left; it should scan 4, leave 1 and report not done (mark.h: "
              "tc_mark_step)",
              done ? "true" : "false", tc_grey_count(L.m));
    done = ml_gc_cycle_step(L.h, 1);
    cr_assert(done && tc_grey_count(L.m) == 0,
              "scenario five-leaves, second cycle: after tc_mark_step(m, 4), one object grey; "
              "tc_mark_step(m, 1) returned %s with %zu grey left (mark.h: tc_mark_step)",
              done ? "true" : "false", tc_grey_count(L.m));
    ml_gc_cycle_finish(L.h);
    char msg[1024];
    cr_assert(!suite_exact_problem(&L, msg, sizeof msg), "%s", msg);
    suite_lab_close(&L);
}

void suite_budget_step_scans_at_most_budget_objects(void)
{
    const size_t budgets[] = { 1, 2, 3, 7, 50 };
    for (size_t k = 0; k < sizeof budgets / sizeof budgets[0]; k++) {
        lab_t L;
        suite_lab_open(&L, suite_classic("random", 500, 20 + k));
        ml_note("random graph of 500 objects, seed %zu, budget %zu", 20 + k, budgets[k]);
        suite_collect_checked(&L, budgets[k], true);
        suite_lab_close(&L);
    }
    // Budget 0 does no work.
    lab_t L;
    suite_lab_open(&L, suite_classic("tree", 4, 0));
    cr_assert(ml_gc_cycle_begin(L.h) == 0, "internal: cycle_begin failed");
    size_t grey = tc_grey_count(L.m), marked = ml_gc_count_marked(L.h);
    bool done = tc_mark_step(L.m, 0);
    cr_assert(!done && tc_grey_count(L.m) == grey && ml_gc_count_marked(L.h) == marked,
              "tc_mark_step(m, 0) must do no work and report not done while objects are grey");
    ml_gc_cycle_finish(L.h);
    suite_lab_close(&L);
    budget_both_sides();
}

void suite_budget_shared_objects_scanned_once(void)
{
    // A diamond chain (every bottom reached twice) and a hub that 300 objects
    // point to: with budget 1, marking takes one step per reachable object.
    lab_t L;
    suite_lab_open(&L, suite_classic("diamond", 40, 0));
    size_t steps = suite_collect_checked(&L, 1, true);
    cr_assert(steps == L.nreach,
              "marking %zu reachable objects with budget 1 took %zu steps: each "
              "object must be scanned exactly once",
              L.nreach, steps);
    suite_lab_close(&L);

    ml_scn_t *s = ml_scn_new("hub");
    cr_assert(s, "internal: out of memory");
    uint32_t leaf = ml_scn_add_type(s, "Leaf", 1, 0), box = ml_scn_add_type(s, "Box", 2, 0x3);
    uint32_t hub = ml_scn_add_obj(s, leaf, "hub"), prev = ML_SCN_NIL;
    for (int i = 0; i < 300; i++) {
        uint32_t o = ml_scn_add_obj(s, box, NULL);
        ml_scn_add_edge(s, o, 0, hub);
        ml_scn_add_edge(s, o, 1, prev);
        prev = o;
    }
    ml_scn_add_global(s, "spokes", prev);
    suite_lab_open(&L, s);
    steps = suite_collect_checked(&L, 1, true);
    cr_assert(steps == L.nreach,
              "300 objects all point to one hub: marking the %zu reachable objects "
              "with budget 1 took %zu steps (the hub must be scanned once)",
              L.nreach, steps);
    suite_lab_close(&L);
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
    for (size_t limit = 4 * (d->L->scn->nobjs / d->budget + 1); !d->done && d->steps < limit;
         d->steps++)
        d->done = ml_gc_cycle_step(h, d->budget);
    if (d->done)
        ml_gc_cycle_finish(h);
    return NULL;
}

void suite_deep_million_object_list_on_small_stack(void)
{
    lab_t L;
    suite_lab_open(&L, suite_classic("list", 1000000, 0));
    ml_note("marking and sweeping run on a thread with a 256 KiB C stack: a marker that recurses "
            "once per object overflows it (a crash)");
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 << 10);
    pthread_t t;
    deep_run_t d = { .L = &L, .budget = 4096 };
    L.budget = d.budget;
    cr_assert(pthread_create(&t, &attr, deep_thread, &d) == 0, "internal: cannot start a thread");
    pthread_join(t, NULL);
    pthread_attr_destroy(&attr);
    cr_assert(d.done,
              "marking a 1,000,000-object list with budget 4096 did not finish in %zu steps",
              d.steps);
    char msg[1024];
    cr_assert(!suite_exact_problem(&L, msg, sizeof msg), "%s", msg);
    suite_lab_close(&L);
}

void suite_deep_worklist_grows(void)
{
    // One array of 2^20 + 1 pointers: scanning it makes 1,048,577 objects
    // grey at once — one more than a worklist of a fixed million entries (or
    // of 2^20, 8 MiB) can hold, so a capacity chosen "big enough" shows.
    lab_t L;
    suite_lab_open(&L, suite_parse_text("empty", "type Leaf 1\nobj garbage Leaf\n"));
    ml_type_t ptr = ML_TYPE("Ptr", 8, 0x1), leaf = ML_TYPE("Leaf", 8, 0);
    const size_t n = ((size_t)1 << 20) + 1;
    ml_note("a global holds an array of %zu pointers to distinct objects: scanning it makes %zu "
            "objects grey at once (handout: \"Why never recurse\"; mark.h: tc_shade)",
            n, n);
    int g = ml_gc_global_add(L.h, "array");
    cr_assert(g >= 0, "internal: out of memory");
    void *arr = ml_gc_alloc_array(L.h, &ptr, n);
    cr_assert(arr, "internal: out of memory");
    ml_gc_write_global(L.h, g, arr);
    for (size_t i = 0; i < n; i++) {
        void *o = ml_gc_alloc(L.h, &leaf);
        cr_assert(o, "internal: out of memory");
        ml_gc_write(L.h, arr, i, o);
        if (i % 16 == 0)
            cr_assert(ml_gc_alloc(L.h, &leaf), "internal: out of memory"); // garbage
    }
    cr_assert(ml_gc_cycle_begin(L.h) == 0, "internal: cycle_begin failed");
    ml_gc_cycle_step(L.h, 1);
    cr_assert(tc_grey_count(L.m) == n,
              "after scanning an array of %zu pointers to distinct objects the "
              "worklist should hold %zu objects, it holds %zu (mark.h: tc_shade; handout: task 2)",
              n, n, tc_grey_count(L.m));
    while (!ml_gc_cycle_step(L.h, 1000))
        ;
    ml_gc_cycle_finish(L.h);
    cr_assert(ml_gc_num_objects(L.h) == n + 1,
              "after the sweep %zu objects should remain (the array and "
              "its %zu targets), %zu do",
              n + 1, n, ml_gc_num_objects(L.h));
    suite_lab_close(&L);
}

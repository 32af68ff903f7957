// cycles.c — the tri-color suite's tests of what surrounds marking: objects
// allocated during a cycle (black), the sweep, cycle after cycle on one
// heap changed between cycles, and the marker's own memory across its
// lifecycles (new → work → free, and many cycles on one marker).
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

#include "memlab/grade.h"
#include "memlab/rng.h"
#include "memlab/verify.h"
#include "tricolor_suite.h"

// ---- allocation during marking ---------------------------------------------------------------

void suite_alloc_allocated_black_during_marking(void)
{
    lab_t L;
    suite_lab_open(&L, suite_classic("tree", 6, 0));
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
            ml_gc_frame_set(f, (size_t)i, fresh[i]); // stack writes: no barrier
        ml_greyset_t g;
        suite_take(&L, &g);
        ml_color_t c = ml_color_of(L.h, &g, fresh[i]);
        ml_greyset_free(&g);
        cr_assert(c == ML_BLACK,
                  "scenario tree-6 after 5 mark steps: Cell object %d, allocated while marking "
                  "runs, is %s (mark.h: tc_on_alloc; handout: task 7)",
                  i, ml_color_names[c]);
    }
    while (!ml_gc_cycle_step(L.h, 3))
        ;
    ml_gc_cycle_finish(L.h);
    for (int i = 0; i < 15; i++)
        cr_assert(ml_gc_object_of(L.h, fresh[i]) == fresh[i],
                  "object %d allocated during marking was "
                  "freed by the sweep of the same cycle (%s)",
                  i, i < 10 ? "a frame holds it" : "floating garbage survives one cycle");
    // Next cycle: the 5 unrooted ones are garbage now, the 10 in the frame live.
    size_t before = ml_gc_num_objects(L.h);
    suite_run_cycle(&L, 4, NULL, NULL);
    for (int i = 0; i < 10; i++)
        cr_assert(ml_gc_object_of(L.h, fresh[i]) == fresh[i],
                  "object %d, allocated during the last "
                  "cycle and held by a frame, was freed in the next one",
                  i);
    size_t freed = before - ml_gc_num_objects(L.h);
    cr_assert(freed == 5,
              "the second cycle should free exactly the 5 "
              "unrooted objects allocated during the first one; it freed %zu objects",
              freed);
    ml_gc_pop_frame(L.h, f);
    suite_lab_close(&L);
}

// ---- sweep and cycles --------------------------------------------------------------------------

void suite_sweep_frees_white_and_resets_colors(void)
{
    lab_t L;
    suite_lab_open(&L, suite_classic("random", 1000, 77));
    size_t before = ml_gc_num_objects(L.h);
    tc_mark_roots(L.m);
    size_t guard = 0;
    while (!tc_mark_step(L.m, 10))
        cr_assert(++guard < 10000, "tc_mark_step never reports done");
    size_t freed = tc_sweep(L.m);
    size_t really = before - ml_gc_num_objects(L.h);
    char msg[1024], why[512];
    cr_assert(!suite_exact_problem(&L, msg, sizeof msg), "%s", msg);
    cr_assert(freed == really, "tc_sweep returned %zu but freed %zu objects", freed, really);
    cr_assert(ml_gc_count_marked(L.h) == 0,
              "after tc_sweep %zu objects still have their mark bit set: "
              "the sweep must turn black objects white for the next cycle",
              ml_gc_count_marked(L.h));
    cr_assert(tc_grey_count(L.m) == 0, "after tc_sweep the worklist holds %zu objects",
              tc_grey_count(L.m));
    cr_assert(ml_verify_heap(L.h, why, sizeof why) == 0,
              "the heap is inconsistent after the sweep: %s", why);
    cr_assert(ml_verify_no_dangling(L.h, why, sizeof why) == 0, "after the sweep: %s", why);
    cr_assert(ml_verify_freed_intact(L.h, why, sizeof why) == 0, "after the sweep: %s", why);
    suite_lab_close(&L);
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

void suite_sweep_repeated_cycles_reuse_the_heap(void)
{
    lab_t L;
    suite_lab_open(&L, suite_classic("random", 2000, 99));
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
        suite_run_cycle(&L, 1 + (size_t)cycle * 5, NULL, NULL);
        for (i = 0; i < n; i++) {
            bool alive =
                ml_gc_object_of(L.h, objs[i]) == objs[i] && ml_gc_object_id(L.h, objs[i]) == ids[i];
            bool want = ml_reach_contains(reach, objs[i]);
            cr_assert(alive == want,
                      "cycle %d: obj#%u %s (the heap was changed between cycles: roots "
                      "dropped, pointers rewired, objects added)%s",
                      cycle, ids[i],
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
    suite_lab_close(&L);
}

// ---- the marker's memory across lifecycles -----------------------------------------------

#if defined(__SANITIZE_ADDRESS__)
size_t __sanitizer_get_current_allocated_bytes(void);
#endif

// in_use — bytes of malloc'd memory in use now (AddressSanitizer's count under
// ASan, whose allocator replaces glibc's).
static size_t in_use(void)
{
#if defined(__SANITIZE_ADDRESS__)
    return __sanitizer_get_current_allocated_bytes();
#else
    return mallinfo2().uordblks;
#endif
}

// fan_out — a heap whose global `fan` holds an array of n pointers to n
// leaves: after the roots and one step, n objects are grey at once.
static void fan_out(lab_t *L, size_t n)
{
    static const ml_type_t ptr = ML_TYPE("Ptr", 8, 0x1), leaf = ML_TYPE("Leaf", 8, 0);
    int g = ml_gc_global_add(L->h, "fan");
    void *arr = ml_gc_alloc_array(L->h, &ptr, n);
    cr_assert(g >= 0 && arr, "internal: out of memory");
    ml_gc_write_global(L->h, g, arr);
    for (size_t i = 0; i < n; i++) {
        void *o = ml_gc_alloc(L->h, &leaf);
        cr_assert(o, "internal: out of memory");
        ml_gc_write(L->h, arr, i, o);
    }
}

void suite_lifecycle_marker_returns_its_memory(void)
{
    // 4,096 objects grey at once: a worklist of at least 32 KiB. Twenty
    // lifecycles that each keep it would hold 640 KiB; the allowance below
    // is less than one.
    const size_t n = 4096, rounds = 20, slack = 16 << 10;
    lab_t L;
    suite_lab_open(&L, suite_parse_text("fan", "type Leaf 1\nobj garbage Leaf\n"));
    fan_out(&L, n);
    tc_marker_free(L.m); // the fixture's marker; each round makes its own
    L.m = NULL;
    // 0. new → free, nothing marked: the marker itself must go back. 4,000
    // markers kept would hold at least 128 KiB (a malloc'd block takes 32
    // bytes at the least), more than the allowance.
    const size_t bare = 4000;
    size_t base = in_use();
    for (size_t r = 0; r < bare; r++) {
        tc_marker_t *m = tc_marker_new(L.h);
        cr_assert(m, "tc_marker_new returned NULL");
        tc_marker_free(m);
    }
    size_t grew = in_use() - base;
    cr_assert(in_use() <= base + slack,
              "%zu times tc_marker_new then tc_marker_free, nothing marked, left %zu KiB more "
              "malloc'd memory in use than before: the marker does not return everything it "
              "took (mark.h: tc_marker_free; handout: task 1)",
              bare, grew >> 10);
    // 1. new → roots → one step (n grey) → free, abandoning the cycle.
    for (size_t r = 0; r <= rounds; r++) {
        if (r == 1)
            base = in_use(); // after a first round, so one-time allocations do not count
        tc_marker_t *m = tc_marker_new(L.h);
        cr_assert(m, "tc_marker_new returned NULL");
        tc_mark_roots(m);
        tc_mark_step(m, 1);
        cr_assert(
            tc_grey_count(m) == n,
            "heap `fan` (an array of %zu pointers in a global): after tc_mark_roots and "
            "tc_mark_step(m, 1) the worklist should hold the %zu objects the array points to; "
            "it holds %zu (handout: tasks 3 and 5)",
            n, n, tc_grey_count(m));
        tc_marker_free(m);
        ml_gc_clear_all_marks(L.h);
    }
    grew = in_use() - base;
    cr_assert(in_use() <= base + slack,
              "heap `fan` (%zu objects grey at once): %zu times tc_marker_new, tc_mark_roots, "
              "tc_mark_step(m, 1), tc_marker_free left %zu KiB more malloc'd memory in use than "
              "before: the marker does not return everything it took (mark.h: tc_marker_free; "
              "handout: task 1)",
              n, rounds, grew >> 10);
    // 2. One marker, cycle after cycle through the core's driver: its memory
    // must not grow with the number of cycles.
    L.m = tc_marker_new(L.h);
    cr_assert(L.m, "tc_marker_new returned NULL");
    L.table = tc_collector(L.m);
    cr_assert(ml_gc_set_collector(L.h, &L.table) == 0, "internal: cannot install the marker");
    for (size_t r = 0; r <= rounds; r++) {
        if (r == 1)
            base = in_use();
        suite_run_cycle(&L, 64, NULL, NULL);
        cr_assert(ml_gc_num_objects(L.h) == n + 1,
                  "heap `fan`, cycle %zu: %zu objects after the sweep, expected the array and its "
                  "%zu leaves",
                  r + 1, ml_gc_num_objects(L.h), n);
    }
    grew = in_use() - base;
    cr_assert(in_use() <= base + slack,
              "heap `fan` (%zu objects grey at once): %zu more collection cycles with one marker "
              "left %zu KiB more malloc'd memory in use: the marker takes memory every cycle and "
              "never gives it back (mark.h: tc_sweep, tc_marker_free; handout: tasks 1 and 6)",
              n, rounds, grew >> 10);
    suite_lab_close(&L);
}

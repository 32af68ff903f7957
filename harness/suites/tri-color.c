// tri-color.c — the grading suite of the tri-color lab (labs/tri-color):
// the student's marker (mark.c) against the core's independent oracles.
//
// Every test builds a heap from a scenario (memlab/scenario.h: a named
// classic, a seeded random graph, or a small text embedded in the suite),
// plugs the student's marker in through the core's collector table
// (support/mark_hooks.c), runs
// marking step by step and checks, in the student's terms:
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
//
// This file is the rubric: every graded test with its points and timeout, in
// the order of the report (the grader lists a suite's tests by their line
// here). The bodies live in tri-color/, one concept per file:
//   tri-color/fixture.c   scenarios, and a heap with the student's marker
//   tri-color/checks.c    a collection cycle checked after every step
//   tri-color/marking.c   shade, scan, roots: the marker's parts one at a time
//   tri-color/exact.c     exact, invariant: whole collections
//   tri-color/work.c      budget, deep: the work per step, no recursion
//   tri-color/cycles.c    alloc, sweep: allocation while marking, cycle after cycle
// with what they share declared in tri-color/tricolor_suite.h.
#include "memlab/grade.h"
#include "tricolor_suite.h"

// ---- the marker's parts: shade, scan, roots (21 points) --------------------------

ML_TEST(shade, white_becomes_grey_once, 5, 10)
{
    suite_shade_white_becomes_grey_once();
}

ML_TEST(scan, scan_object_shades_every_slot, 6, 10)
{
    suite_scan_scan_object_shades_every_slot();
}

ML_TEST(roots, mark_roots_shades_globals, 4, 10)
{
    suite_roots_mark_roots_shades_globals();
}

ML_TEST(roots, mark_roots_scans_every_frame, 6, 10)
{
    suite_roots_mark_roots_scans_every_frame();
}

// ---- exactness (23 points) -------------------------------------------------------

ML_SCORED_TEST(exact, survivors_are_the_reachable_set_classics, 9, 60)
{
    suite_exact_survivors_are_the_reachable_set_classics();
}

ML_SCORED_TEST(exact, survivors_are_the_reachable_set_random, 9, 60)
{
    suite_exact_survivors_are_the_reachable_set_random();
}

ML_TEST(exact, cycles_and_self_loops, 5, 20)
{
    suite_exact_cycles_and_self_loops();
}

// ---- colors after every step (8 points) -----------------------------------------

ML_TEST(invariant, strong_invariant_after_every_step, 8, 60)
{
    suite_invariant_strong_invariant_after_every_step();
}

// ---- work: budgets and sharing (16 points) ---------------------------------------

ML_TEST(budget, step_scans_at_most_budget_objects, 8, 60)
{
    suite_budget_step_scans_at_most_budget_objects();
}

ML_TEST(budget, shared_objects_scanned_once, 8, 60)
{
    suite_budget_shared_objects_scanned_once();
}

// ---- no recursion (12 points) ----------------------------------------------------

ML_TEST(deep, million_object_list_on_small_stack, 8, 90, .mem_mb = 2048)
{
    suite_deep_million_object_list_on_small_stack();
}

ML_TEST(deep, worklist_grows, 4, 60, .mem_mb = 2048)
{
    suite_deep_worklist_grows();
}

// ---- allocation during marking (6 points) ----------------------------------------

ML_TEST(alloc, allocated_black_during_marking, 6, 20)
{
    suite_alloc_allocated_black_during_marking();
}

// ---- sweep and cycles (10 points) ------------------------------------------------

ML_TEST(sweep, frees_white_and_resets_colors, 5, 20)
{
    suite_sweep_frees_white_and_resets_colors();
}

ML_TEST(sweep, repeated_cycles_reuse_the_heap, 5, 60)
{
    suite_sweep_repeated_cycles_reuse_the_heap();
}

// ---- the marker's memory across lifecycles (4 points) ----------------------------

ML_TEST(lifecycle, marker_returns_its_memory, 4, 30)
{
    suite_lifecycle_marker_returns_its_memory();
}

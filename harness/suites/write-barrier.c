// write-barrier.c — the grading suite of the write-barrier lab
// (labs/write-barrier): the student's three barriers and policies
// (barrier.c) beside the lab's incremental marker, against the core's
// oracles.
//
// For each barrier (Dijkstra, Yuasa, hybrid):
//   - the barrier itself, called directly: which pointer it shades;
//   - the library of adversarial scenarios (labs/write-barrier/data: the
//     classic lost object, through a stack slot, through globals, objects
//     allocated during marking, two goroutines): at mark termination, before the
//     sweep, no reachable object may be white (ml_verify_lost), and after
//     the sweep no pointer may dangle (ml_verify_no_dangling);
//   - many seeded random workloads under several schedules (memlab/sched.h),
//     three cycles each;
//   - the tri-color invariant after every step: strong for Dijkstra, weak
//     for Yuasa and the hybrid (grey = the worklist and what roots still to
//     be scanned point to);
//   - the policy, judged by what it saves: Dijkstra's must save what a
//     scanned stack holds (stack-slot, deep-hidden), Yuasa's must keep its
//     snapshot whole (grey-stack-store, other-goroutine, alloc-store), the
//     hybrid does no stop-the-world stack work (the handout's rule) and
//     loses nothing; and no policy does stop-the-world work its barrier
//     does not need.
// Plus: global stores run the barrier like heap stores, objects allocated
// while marking, and a demonstration (no points, no student code) that
// `none` loses objects. The messages say what was lost, where, and how to
// replay it, and point to the handout; they do not give the policy.
//
// Every failure names the scenario or the seed and schedule, and the
// command of the lab's program that replays it.
//
// This file is the rubric: every graded test with its points and timeout, in
// the order of the report. The bodies live in write-barrier/, one concept
// per file:
//   write-barrier/runs.c      scenarios and random workloads, run and told
//   write-barrier/unit.c      a heap on which a barrier is called directly
//   write-barrier/dijkstra.c  the Dijkstra barrier's own tests
//   write-barrier/yuasa.c     the Yuasa barrier's own tests
//   write-barrier/hybrid.c    the hybrid barrier's own tests
//   write-barrier/together.c  globals, allocation, charts, the demonstration
// with what they share declared in write-barrier/wb_suite.h.
#include "memlab/grade.h"
#include "wb_suite.h"

// ---- Dijkstra -------------------------------------------------------------------------
ML_TEST(dijkstra, shades_the_new_pointer, 3, 10)
{
    suite_dijkstra_shades_the_new_pointer();
}

ML_SCORED_TEST(dijkstra, adversarial_scenarios, 12, 30)
{
    suite_scenarios_test(WB_DIJKSTRA);
}

ML_TEST(dijkstra, random_schedules, 7, 60)
{
    suite_random_test(WB_DIJKSTRA);
}

ML_TEST(dijkstra, strong_invariant_every_step, 6, 60)
{
    suite_invariant_test(WB_DIJKSTRA);
}

ML_TEST(dijkstra, policy_saves_scanned_stacks, 3, 20)
{
    suite_dijkstra_policy_saves_scanned_stacks();
}

// ---- Yuasa ------------------------------------------------------------------------------
ML_TEST(yuasa, shades_the_old_pointer, 3, 10)
{
    suite_yuasa_shades_the_old_pointer();
}

ML_SCORED_TEST(yuasa, adversarial_scenarios, 12, 30)
{
    suite_scenarios_test(WB_YUASA);
}

ML_TEST(yuasa, random_schedules, 7, 60)
{
    suite_random_test(WB_YUASA);
}

ML_TEST(yuasa, weak_invariant_every_step, 5, 60)
{
    suite_invariant_test(WB_YUASA);
}

ML_TEST(yuasa, policy_keeps_the_snapshot, 3, 20)
{
    suite_yuasa_policy_keeps_the_snapshot();
}

// ---- hybrid -------------------------------------------------------------------------------
ML_TEST(hybrid, shades_old_always_new_while_stack_grey, 3, 10)
{
    suite_hybrid_shades_old_always_new_while_stack_grey();
}

ML_SCORED_TEST(hybrid, adversarial_scenarios, 12, 30)
{
    suite_scenarios_test(WB_HYBRID);
}

ML_TEST(hybrid, random_schedules, 7, 60)
{
    suite_random_test(WB_HYBRID);
}

ML_TEST(hybrid, weak_invariant_every_step, 5, 60)
{
    suite_invariant_test(WB_HYBRID);
}

ML_TEST(hybrid, no_stop_the_world_stack_work, 4, 30)
{
    suite_hybrid_no_stop_the_world_stack_work();
}

// ---- all three ------------------------------------------------------------------------------
ML_TEST(globals, global_stores_run_the_barrier, 3, 10)
{
    suite_globals_global_stores_run_the_barrier();
}

ML_TEST(alloc, allocated_during_marking_yuasa_and_hybrid, 3, 10)
{
    suite_alloc_allocated_during_marking_yuasa_and_hybrid();
}

ML_TEST(policy, no_needless_stop_the_world_work, 2, 30)
{
    suite_policy_no_needless_stop_the_world_work();
}

// ---- charts of your barriers (no points) ----------------------------------------------
ML_TEST(charts, floating_garbage_and_stop_the_world_work, 0, 60)
{
    suite_charts_floating_garbage_and_stop_the_world_work();
}

// ---- why barriers exist ----------------------------------------------------------------------
ML_TEST(demo, none_loses_objects, 0, 60)
{
    suite_demo_none_loses_objects();
}

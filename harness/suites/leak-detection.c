// leak-detection.c — the grading suite of the leak-detection lab
// (labs/leak-detection): the student's leaks.c, in process on synthetic
// memory images and hand-made series, and end to end inside real programs
// through the preloaded tracker (lib/libleak.so), held against valgrind's
// committed summaries of the corpus (labs/leak-detection/data/*.expected).
//
// This file is the rubric: every graded test with its points and timeout, in
// the order of the report. The bodies live in leak-detection/, one concept
// per file:
//   leak-detection/tracking.c   the live-block table: exact under churn, realloc's site
//   leak-detection/image.c      synthetic memory images and the suite's oracle of the kinds
//   leak-detection/kinds.c      each of the four kinds, roots, word rules, random images
//   leak-detection/reports.c    the summary, records by site, the profile difference
//   leak-detection/detectors.c  threshold and trend detectors on synthetic series
//   leak-detection/e2e.c        corpus programs under the tracker (fork + exec: .allow_exec)
// with what they share declared in leak-detection/lk_suite.h.
//
// Under the sanitizer build the in-process tests run under ASan + UBSan; the
// end-to-end tests run the same way as in the plain build (the preloaded
// library is never sanitized; see e2e.c).
#include "lk_suite.h"
#include "memlab/grade.h"

// ---- task 1: the live-block table (28 points) ------------------------------------

ML_TEST(track, basic, 4, 10)
{
    suite_track_basic();
}

ML_TEST(track, churn_exact, 6, 60)
{
    suite_track_churn_exact();
}

ML_TEST(track, realloc_site, 4, 10)
{
    suite_track_realloc_site();
}

ML_TEST(track, snapshot_sorted_and_capped, 2, 10)
{
    suite_track_snapshot_sorted_and_capped();
}

ML_TEST(track, reset_returns_memory, 2, 20)
{
    suite_track_reset_returns_memory();
}

ML_TEST(track, million_blocks, 4, 30)
{
    suite_track_million_blocks();
}

ML_TEST(track, bookkeeping_across_runs, 3, 30)
{
    suite_track_bookkeeping_across_runs();
}

ML_TEST(track, memory_refused, 3, 20)
{
    suite_track_memory_refused();
}

// ---- task 2: reachability, valgrind's four kinds (34 points) -----------------------

ML_TEST(kinds, start_pointers_reachable, 3, 10)
{
    suite_kinds_start_pointers_reachable();
}

ML_TEST(kinds, interior_possible, 4, 10)
{
    suite_kinds_interior_possible();
}

ML_TEST(kinds, lost_and_indirect, 4, 10)
{
    suite_kinds_lost_and_indirect();
}

ML_TEST(kinds, cycles_and_cliques, 4, 10)
{
    suite_kinds_cycles_and_cliques();
}

ML_TEST(kinds, stack_roots, 3, 10)
{
    suite_kinds_stack_roots();
}

ML_TEST(kinds, own_memory_not_a_root, 4, 10)
{
    suite_kinds_own_memory_not_a_root();
}

ML_TEST(kinds, word_rules, 3, 10)
{
    suite_kinds_word_rules();
}

ML_SCORED_TEST(kinds, random_images, 5, 60)
{
    suite_kinds_random_images();
}

ML_TEST(kinds, deep_list_small_stack, 4, 60)
{
    suite_kinds_deep_list_small_stack();
}

// ---- task 3 and 4: reports (10 points) ---------------------------------------------

ML_TEST(report, summarize, 3, 10)
{
    suite_report_summarize();
}

ML_TEST(report, group_by_site, 4, 10)
{
    suite_report_group_by_site();
}

ML_TEST(report, profile_diff, 3, 10)
{
    suite_report_profile_diff();
}

// ---- task 5: growth detectors (10 points) ------------------------------------------

ML_TEST(detect, threshold_consecutive, 3, 10)
{
    suite_detect_threshold_consecutive();
}

ML_TEST(detect, threshold_sawtooth_quiet, 2, 10)
{
    suite_detect_threshold_sawtooth_quiet();
}

ML_TEST(detect, trend_growth, 3, 10)
{
    suite_detect_trend_growth();
}

ML_TEST(detect, trend_quiet, 2, 10)
{
    suite_detect_trend_quiet();
}

// ---- the tracker inside real programs (18 points) ----------------------------------

ML_SCORED_TEST(e2e, summary_equals_valgrind, 8, 180, .allow_exec = true)
{
    suite_e2e_summary_equals_valgrind();
}

ML_TEST(e2e, sites_loop_and_realloc, 4, 60, .allow_exec = true)
{
    suite_e2e_sites_loop_and_realloc();
}

ML_TEST(e2e, programs_run_unchanged, 2, 60, .allow_exec = true)
{
    suite_e2e_programs_run_unchanged();
}

ML_TEST(e2e, crash_reported, 2, 30, .allow_exec = true)
{
    suite_e2e_crash_reported();
}

ML_TEST(e2e, detectors_on_programs, 2, 60, .allow_exec = true)
{
    suite_e2e_detectors_on_programs();
}

// tricolor_suite.h — what the files of the tri-color suite share: the
// scenarios and the heap fixture, the checked collection cycle, and the body
// of every graded test (declared with its points in ../tri-color.c).
//
// Names shared between the suite's files start with suite_ so that they never
// clash with a non-static name in the student's code, linked into the same binary.
#ifndef TRICOLOR_SUITE_H
#define TRICOLOR_SUITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mark.h"
#include "memlab/gcheap.h"
#include "memlab/scenario.h"
#include "memlab/scenario_heap.h"
#include "support/classics.h"
#include "support/mark_hooks.h"

// ---- the fixture (fixture.c): scenarios and a heap with the student's marker --------

// Scenarios used by several tests, in the scenario language (memlab/scenario.h).
extern const char suite_figure1[]; // the handout's picture (labs/tri-color/data/figure1.scn)
extern const char suite_stacks[];  // objects reachable only from frames, on two stacks

// suite_parse_text — the scenario written in `text`, called `name`. Fails the
// test if it does not parse (a suite error).
ml_scn_t *suite_parse_text(const char *name, const char *text);
// suite_classic — the classic scenario `name` of `size`, built with `seed`.
// Fails the test if there is no such classic or size (a suite error).
ml_scn_t *suite_classic(const char *name, size_t size, uint64_t seed);

// A heap built from a scenario, with the student's marker plugged in.
typedef struct lab {
    ml_scn_t *scn; // owned
    ml_scn_heap_t *th;
    ml_gc_heap_t *h;
    tc_marker_t *m;
    ml_gc_collector_t table;
    bool *reach; // the oracle: reachable scenario objects
    size_t nreach;
    char replay[128]; // the program's arguments that rebuild the scenario, or ""
    size_t budget;    // the budget of the last cycle run (suite_run_cycle)
} lab_t;

// suite_lab_open — builds the heap of `scn` (taking ownership), collections
// only when a test runs one, the student's marker installed as its collector.
// Fails the test if tc_marker_new fails or the marker does not report its heap.
void suite_lab_open(lab_t *L, ml_scn_t *scn);
// suite_lab_close — frees the marker, the heap and the scenario.
void suite_lab_close(lab_t *L);
// suite_replay — " Replay: tri-color ... --budget B" (the lab's program on the
// same scenario and budget) into buf, or "" when only the suite builds it.
const char *suite_replay(const lab_t *L, char *buf, size_t len);
// suite_label — "name (Type, obj#id)" for scenario object i, into buf.
const char *suite_label(const lab_t *L, uint32_t i, char *buf, size_t len);
// suite_take — a snapshot of the student's worklist into *g; fails the test
// if it cannot be taken. Release it with ml_greyset_free.
void suite_take(const lab_t *L, ml_greyset_t *g);
// suite_color — the color of scenario object i, given the worklist snapshot g.
ml_color_t suite_color(const lab_t *L, const ml_greyset_t *g, uint32_t i);

// ---- checked collection cycles (checks.c) ----------------------------------------------

// A check run after tc_mark_roots (step 0) and after every step. Returns
// false after writing a message into buf to stop the cycle.
typedef bool (*step_check_fn)(lab_t *L, size_t step, size_t budget, bool done, void *arg, char *buf,
                              size_t len);

// suite_run_cycle — one collection through the core's driver, `check` (if
// not NULL) after the roots and after every step. Returns the number of
// steps. Fails the test if marking never reports done or a check fails.
size_t suite_run_cycle(lab_t *L, size_t budget, step_check_fn check, void *arg);
// suite_exact_problem — after a cycle: the first scenario object whose fate
// is wrong, written into buf, or NULL when the survivors are exact.
const char *suite_exact_problem(const lab_t *L, char *buf, size_t len);
// suite_collect_checked — a full cycle with the colors checked after every
// step (each step exactly min(budget, grey) objects if exact_steps), then
// exactness. Returns the number of steps; fails the test on any problem.
size_t suite_collect_checked(lab_t *L, size_t budget, bool exact_steps);

// ---- the graded tests ----------------------------------------------------------------
// suite_<suite>_<name> is the body of the test <suite>/<name>; it runs in the
// test's own process and fails it through cr_assert.

// marking.c
void suite_shade_white_becomes_grey_once(void);
void suite_scan_scan_object_shades_every_slot(void);
void suite_roots_mark_roots_shades_globals(void);
void suite_roots_mark_roots_scans_every_frame(void);

// exact.c
void suite_exact_survivors_are_the_reachable_set_classics(void);
void suite_exact_survivors_are_the_reachable_set_random(void);
void suite_exact_cycles_and_self_loops(void);
void suite_invariant_strong_invariant_after_every_step(void);

// work.c
void suite_budget_step_scans_at_most_budget_objects(void);
void suite_budget_shared_objects_scanned_once(void);
void suite_deep_million_object_list_on_small_stack(void);
void suite_deep_worklist_grows(void);

// cycles.c
void suite_alloc_allocated_black_during_marking(void);
void suite_sweep_frees_white_and_resets_colors(void);
void suite_sweep_repeated_cycles_reuse_the_heap(void);
void suite_lifecycle_marker_returns_its_memory(void);

#endif

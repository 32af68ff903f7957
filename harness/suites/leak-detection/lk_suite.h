// lk_suite.h — what the files of the leak-detection suite share: synthetic
// memory images with an independent oracle of valgrind's four kinds
// (image.c), the corpus and the tracker run end to end (e2e.c), and the body
// of every graded test (declared with its points in ../leak-detection.c).
//
// Names shared between the suite's files start with suite_ so that they never
// clash with a non-static name in the student's code, linked into the same binary.
#ifndef LK_SUITE_H
#define LK_SUITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "leaks.h"
#include "support/report.h"

// ---- synthetic images (image.c) ----------------------------------------------------
// Blocks carved out of one arena (so their addresses are sorted), named for
// messages; a root region "globals" of words; more regions on demand.

#define SUITE_MAX_BLOCKS 4096
#define SUITE_MAX_ROOTW 1024

typedef struct suite_img {
    uintptr_t *arena;
    size_t arena_words, used; // words handed out so far
    lk_block_t blocks[SUITE_MAX_BLOCKS];
    char names[SUITE_MAX_BLOCKS][24];
    size_t n;
    uintptr_t globals[SUITE_MAX_ROOTW];
    size_t nglobals;
    uintptr_t stackw[SUITE_MAX_ROOTW]; // a fake thread stack
    size_t nstack;
    uintptr_t ownw[SUITE_MAX_ROOTW]; // a fake copy of the lab's own table
    size_t nown;
    uint8_t want[SUITE_MAX_BLOCKS]; // the oracle's kinds
} suite_img_t;

suite_img_t *suite_img_new(void);
void suite_img_free(suite_img_t *im);
// suite_block — a new block of `size` bytes named `name`; returns its index.
size_t suite_block(suite_img_t *im, const char *name, size_t size);
uintptr_t suite_addr(const suite_img_t *im, size_t i);
// suite_store — word `w` of block i holds `value`.
void suite_store(suite_img_t *im, size_t i, size_t w, uintptr_t value);
void suite_global(suite_img_t *im, uintptr_t value);
void suite_stack(suite_img_t *im, uintptr_t value);
void suite_own(suite_img_t *im, uintptr_t value);
// suite_oracle — the suite's own classification (valgrind's rules) into im->want.
void suite_oracle(suite_img_t *im, bool scan_stack);
// suite_classify — runs the student's lk_classify on the image (globals,
// the stack, and the own region) and fails the test, in the student's terms
// naming `scenario`, if a block's kind differs from the oracle's. Returns
// the number of wrong blocks when `soft` (no failure), else 0.
size_t suite_check_kinds(suite_img_t *im, const char *scenario, bool soft);
const char *suite_kind_name(int kind);

// ---- the tracker end to end (e2e.c) -----------------------------------------------------

// suite_corpus_path / suite_expected_path — the built corpus program and its
// committed valgrind summary, found from the suite's own location.
void suite_corpus_path(const char *name, char *out, size_t cap);
// suite_run_corpus — runs a corpus program under the tracker (every: sample
// every N events, 0 by time), loads its report into *r. Fails the test with
// the reason if it cannot. Returns the program's wait status.
int suite_run_corpus(const char *name, unsigned long every, lk_report_t *r);
// suite_expected — valgrind's four kinds for a corpus program from its
// .expected file into sum. Fails the test if it cannot be read.
void suite_expected(const char *name, lk_count_t sum[LK_NKINDS]);

// ---- the graded tests' bodies ------------------------------------------------------------
void suite_track_basic(void);
void suite_track_churn_exact(void);
void suite_track_realloc_site(void);
void suite_track_snapshot_sorted_and_capped(void);
void suite_track_reset_returns_memory(void);
void suite_track_million_blocks(void);
void suite_track_bookkeeping_across_runs(void);
void suite_track_memory_refused(void);
void suite_kinds_start_pointers_reachable(void);
void suite_kinds_interior_possible(void);
void suite_kinds_lost_and_indirect(void);
void suite_kinds_cycles_and_cliques(void);
void suite_kinds_stack_roots(void);
void suite_kinds_own_memory_not_a_root(void);
void suite_kinds_word_rules(void);
void suite_kinds_random_images(void);
void suite_kinds_deep_list_small_stack(void);
void suite_report_summarize(void);
void suite_report_group_by_site(void);
void suite_report_profile_diff(void);
void suite_detect_threshold_consecutive(void);
void suite_detect_threshold_sawtooth_quiet(void);
void suite_detect_trend_growth(void);
void suite_detect_trend_quiet(void);
void suite_e2e_summary_equals_valgrind(void);
void suite_e2e_sites_loop_and_realloc(void);
void suite_e2e_programs_run_unchanged(void);
void suite_e2e_crash_reported(void);
void suite_e2e_detectors_on_programs(void);

#endif

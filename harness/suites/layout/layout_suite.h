// layout_suite.h — what the files of the layout suite share: the oracle, the
// lab's files and programs, the classification probes, and the body of every
// graded test (declared with its points in ../layout.c).
//
// Names shared between the suite's files start with suite_ so that they never
// clash with a non-static name in the student's code, linked into the same binary.
#ifndef LAYOUT_SUITE_H
#define LAYOUT_SUITE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"

// ---- the oracle (oracle.c): the suite's own reading of a maps file ----------------

// suite_oracle_parse_line — a maps line the kernel wrote into *r. Returns 0,
// or -1 if it is not one.
int suite_oracle_parse_line(const char *line, layout_region_t *r);
// suite_oracle_parse — every line of `text` into `m`; fails the test on a
// line the kernel could not have written (a broken fixture).
void suite_oracle_parse(const char *text, layout_map_t *m);
// suite_oracle_self — the kernel's map of this process, now.
void suite_oracle_self(layout_map_t *m);
// suite_oracle_region — the region of `m` containing addr, or NULL.
const layout_region_t *suite_oracle_region(const layout_map_t *m, uintptr_t addr);
// suite_slurp — a whole file into a malloc'd NUL-terminated buffer (its
// length in *lenp if not NULL). Returns NULL if it cannot be read.
char *suite_slurp(const char *path, size_t *lenp);

// ---- the lab's files and programs (files.c) ----------------------------------------

// suite_build_dir — build/<impl>[-san]/ of this suite, with a trailing slash.
void suite_build_dir(char *out, size_t len);
// suite_data_dir — labs/layout/data of this checkout; fails the test if missing.
void suite_data_dir(char *out, size_t len);
// suite_run_capture — runs argv with its stdout captured into *out
// (malloc'd). Returns the exit status, or -1 when it could not be started or
// was killed.
int suite_run_capture(char *const argv[], char **out);
// suite_open_fds — how many file descriptors this process has open now.
int suite_open_fds(void);

// ---- checking classifications (probe.c) --------------------------------------------

// An address, the kind it is, and why, in the handout's words.
typedef struct probe {
    const char *what; // "a zero-initialized global"
    uintptr_t addr;
    layout_kind_t want;
    const char *why; // the rule, in the handout's words
} probe_t;

#define MAX_PROBES 16

typedef struct probes {
    probe_t p[MAX_PROBES];
    size_t n;
} probes_t;

// suite_add_probe — one more address to check; fails the test past MAX_PROBES.
void suite_add_probe(probes_t *ps, const char *what, const void *addr, layout_kind_t want,
                     const char *why);
// suite_check_probes — classifies every probe with the student's
// layout_classify over `m`; one failure message lists every wrong answer.
void suite_check_probes(const layout_map_t *m, const layout_facts_t *f, const probes_t *ps);

// The facts of this test process and a map read now.
typedef struct world {
    layout_facts_t facts;
    layout_map_t map;
} world_t;

// suite_world_new — this process's facts (the calling thread recorded) and
// an empty map; suite_world_snapshot reads the kernel's map now;
// suite_world_free releases both. Fail the test when out of memory.
world_t *suite_world_new(void);
void suite_world_snapshot(world_t *w);
void suite_world_free(world_t *w);

// Thread-local variables, in .tdata and .tbss; a helper thread publishes
// the addresses of its own copies.
extern __thread int suite_tls;
extern __thread long suite_tls_zero;

// A thread that records itself in the facts (stack and TLS) and waits.
typedef struct helper {
    pthread_t thread;
    layout_facts_t *facts;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool ready, release;
    int index; // its entry in facts->threads
    uintptr_t local, tls, tls_zero;
} helper_t;

// suite_helper_start — a thread recorded in `facts`, parked until
// suite_helper_stop releases and joins it. Fails the test if it cannot start.
void suite_helper_start(helper_t *h, layout_facts_t *facts);
void suite_helper_stop(helper_t *h);

// ---- the graded tests ----------------------------------------------------------------
// suite_<suite>_<name> is the body of the test <suite>/<name>; it runs in the
// test's own process and fails it through cr_assert.

// maps.c
void suite_maps_parses_a_file_backed_line(void);
void suite_maps_parses_anonymous_lines(void);
void suite_maps_keeps_spaces_in_paths(void);
void suite_maps_keeps_spaces_and_tabs_at_the_end_of_paths(void);
void suite_maps_strips_the_deleted_suffix(void);
void suite_maps_accepts_pseudo_paths_it_has_never_seen(void);
void suite_maps_parses_extreme_numbers(void);
void suite_maps_rejects_lines_that_are_not_maps_lines(void);
void suite_maps_reads_recorded_maps_files(void);
void suite_maps_reports_the_bad_line_and_leaves_the_map_empty(void);
void suite_maps_reads_very_long_lines(void);
void suite_maps_reads_this_process(void);
void suite_find_finds_the_region_of_an_address(void);
void suite_find_an_end_belongs_to_the_next_region(void);

// classify.c
void suite_classify_text(void);
void suite_classify_rodata(void);
void suite_classify_data(void);
void suite_classify_bss(void);
void suite_classify_heap(void);
void suite_classify_anonymous_mmap(void);
void suite_classify_main_stack(void);
void suite_classify_thread_stack(void);
void suite_classify_thread_local_storage(void);
void suite_classify_shared_library(void);
void suite_classify_vdso_and_vvar(void);
void suite_classify_mapped_files(void);
void suite_classify_unmapped(void);
void suite_classify_the_program_s_own_file(void);
void suite_classify_only_the_threads_the_facts_count(void);
void suite_classify_recorded_processes(void);

// size.c
void suite_size_matches_binutils_on_this_program(void);
void suite_size_matches_binutils_on_libraries(void);
void suite_size_matches_binutils_on_unusual_headers(void);
void suite_size_rejects_files_that_are_not_64_bit_elf(void);

// threshold.c
void suite_threshold_finds_the_pinned_threshold(void);
void suite_threshold_handles_ranges_and_refusals(void);

// program.c
void suite_program_two_runs_show_aslr(void);
void suite_program_draws_the_address_space(void);

#endif

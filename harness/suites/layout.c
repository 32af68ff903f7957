// layout.c — the grading suite of the layout lab (labs/layout/README.md).
//
// The ground truth never comes from the student's code and never from a
// table typed in here; it comes from this machine:
//   - the kernel's /proc/self/maps, read by the suite's own small parser
//     (the oracle), so that classification is graded even when the
//     student's parser is broken, and parsing is graded against what the
//     kernel said;
//   - objects the tests create and therefore know: functions, literals,
//     globals, locals, sbrk'd and mmap'd memory, mapped files, a thread with
//     its stack and thread-local variables, the linker's symbols;
//   - the dynamic linker (dl_iterate_phdr) for libraries, the auxiliary
//     vector for the vdso;
//   - binutils' `size` run on the same files;
//   - malloc itself, probed by the suite, for the mmap threshold;
//   - two real runs of the lab's program for ASLR.
// Recorded maps files (labs/layout/data/*.maps, with *.facts and *.expect)
// cover what this machine does not show: old kernels, deleted files, paths
// with spaces, pseudo-paths from newer kernels.
//
// This file is the rubric: every graded test with its points and timeout, in
// the order of the report (the grader lists a suite's tests by their line
// here). The bodies live in layout/, one concept per file:
//   layout/oracle.c     the oracle: the suite's own reading of maps files
//   layout/files.c      the lab's files, and programs run with output captured
//   layout/probe.c      probes, a world (facts + map), a helper thread
//   layout/maps.c       maps and find: parsing lines and files, finding regions
//   layout/classify.c   classify: this process, a made-up one, recorded processes
//   layout/size.c       size: text, data, bss against binutils' `size`
//   layout/threshold.c  threshold: malloc's mmap threshold, found by experiment
//   layout/program.c    program: two runs for ASLR, the picture
// with what they share declared in layout/layout_suite.h.
//
// Points: maps 28, find 5, classify 36 + made-up 3 + recorded 4, size 11,
// threshold 8, program 5 (total 100).
#include "memlab/grade.h"
#include "layout_suite.h"

// ---- maps: parsing (28 points) ---------------------------------------------------

ML_TEST(maps, parses_a_file_backed_line, 2, 5)
{
    suite_maps_parses_a_file_backed_line();
}

ML_TEST(maps, parses_anonymous_lines, 2, 5)
{
    suite_maps_parses_anonymous_lines();
}

ML_TEST(maps, keeps_spaces_in_paths, 3, 5)
{
    suite_maps_keeps_spaces_in_paths();
}

ML_TEST(maps, keeps_spaces_and_tabs_at_the_end_of_paths, 2, 5)
{
    suite_maps_keeps_spaces_and_tabs_at_the_end_of_paths();
}

ML_TEST(maps, strips_the_deleted_suffix, 3, 5)
{
    suite_maps_strips_the_deleted_suffix();
}

ML_TEST(maps, accepts_pseudo_paths_it_has_never_seen, 3, 5)
{
    suite_maps_accepts_pseudo_paths_it_has_never_seen();
}

ML_TEST(maps, parses_extreme_numbers, 1, 5)
{
    suite_maps_parses_extreme_numbers();
}

ML_TEST(maps, rejects_lines_that_are_not_maps_lines, 3, 5)
{
    suite_maps_rejects_lines_that_are_not_maps_lines();
}

ML_SCORED_TEST(maps, reads_recorded_maps_files, 4, 20)
{
    suite_maps_reads_recorded_maps_files();
}

ML_TEST(maps, reports_the_bad_line_and_leaves_the_map_empty, 2, 5)
{
    suite_maps_reports_the_bad_line_and_leaves_the_map_empty();
}

ML_TEST(maps, reads_very_long_lines, 2, 5)
{
    suite_maps_reads_very_long_lines();
}

ML_TEST(maps, reads_this_process, 1, 5)
{
    suite_maps_reads_this_process();
}

// ---- find (5 points) -------------------------------------------------------------

ML_TEST(find, finds_the_region_of_an_address, 3, 10)
{
    suite_find_finds_the_region_of_an_address();
}

ML_TEST(find, an_end_belongs_to_the_next_region, 2, 10)
{
    suite_find_an_end_belongs_to_the_next_region();
}

// ---- classify: this process (36), made-up (3) and recorded processes (4 points) --

ML_TEST(classify, text, 3, 10)
{
    suite_classify_text();
}

ML_TEST(classify, rodata, 2, 10)
{
    suite_classify_rodata();
}

ML_TEST(classify, data, 3, 10)
{
    suite_classify_data();
}

ML_TEST(classify, bss, 3, 10)
{
    suite_classify_bss();
}

ML_TEST(classify, heap, 3, 10)
{
    suite_classify_heap();
}

ML_TEST(classify, anonymous_mmap, 3, 10)
{
    suite_classify_anonymous_mmap();
}

ML_TEST(classify, main_stack, 3, 10)
{
    suite_classify_main_stack();
}

ML_TEST(classify, thread_stack, 3, 10)
{
    suite_classify_thread_stack();
}

ML_TEST(classify, thread_local_storage, 3, 10)
{
    suite_classify_thread_local_storage();
}

ML_TEST(classify, shared_library, 3, 10)
{
    suite_classify_shared_library();
}

ML_TEST(classify, vdso_and_vvar, 3, 10)
{
    suite_classify_vdso_and_vvar();
}

ML_TEST(classify, mapped_files, 2, 10)
{
    suite_classify_mapped_files();
}

ML_TEST(classify, unmapped, 2, 10)
{
    suite_classify_unmapped();
}

ML_TEST(classify, the_program_s_own_file, 2, 10)
{
    suite_classify_the_program_s_own_file();
}

ML_TEST(classify, only_the_threads_the_facts_count, 1, 10)
{
    suite_classify_only_the_threads_the_facts_count();
}

ML_SCORED_TEST(classify, recorded_processes, 4, 20)
{
    suite_classify_recorded_processes();
}

// ---- size (11 points) ------------------------------------------------------------

ML_TEST(size, matches_binutils_on_this_program, 4, 20, .allow_exec = true)
{
    suite_size_matches_binutils_on_this_program();
}

ML_TEST(size, matches_binutils_on_libraries, 3, 20, .allow_exec = true)
{
    suite_size_matches_binutils_on_libraries();
}

ML_TEST(size, matches_binutils_on_unusual_headers, 2, 20, .allow_exec = true)
{
    suite_size_matches_binutils_on_unusual_headers();
}

ML_TEST(size, rejects_files_that_are_not_64_bit_elf, 2, 10)
{
    suite_size_rejects_files_that_are_not_64_bit_elf();
}

// ---- the mmap threshold (8 points) -----------------------------------------------

ML_SCORED_TEST(threshold, finds_the_pinned_threshold, 6, 30)
{
    suite_threshold_finds_the_pinned_threshold();
}

ML_TEST(threshold, handles_ranges_and_refusals, 2, 30)
{
    suite_threshold_handles_ranges_and_refusals();
}

// ---- the program (5 points) ------------------------------------------------------

ML_TEST(program, two_runs_show_aslr, 3, 60, .allow_exec = true)
{
    suite_program_two_runs_show_aslr();
}

ML_TEST(program, draws_the_address_space, 2, 60, .allow_exec = true)
{
    suite_program_draws_the_address_space();
}

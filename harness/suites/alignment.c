// alignment.c — the grading suite of the alignment lab (labs/alignment/README.md).
//
// The ground truth is the C compiler of this machine, never a table typed in
// here and never the student's code:
//   - the handout's examples are compiled into this suite, so sizeof,
//     _Alignof and offsetof of each member are the compiler's own answers;
//   - random structs (seeded) are written to a C file with a main() that
//     prints sizeof, _Alignof and every offsetof, compiled with `cc` in one
//     run per batch, and the student's layout must match every number;
//   - the student's smallest order is compiled too: its sizeof must be the
//     size claimed and the true minimum, which the suite finds itself by
//     dynamic programming over subsets of members (alignment/reference.c).
// The report's format is the handout's, compared line by line with blank
// lines and runs of white space ignored.
// MEMLAB_KEEP_GENERATED=1 keeps the generated C programs (their directory is
// in the test's notes).
//
// This file is the rubric: every graded test with its points and timeout, in
// the order of the report (the grader lists a suite's tests by their line
// here). The bodies live in alignment/, one concept per file:
//   alignment/text.c       string buffers, headers parsed with the lab's parser
//   alignment/reference.c  the suite's own layout rules and the smallest size
//   alignment/examples.c   abi, layout, stats: the handout's examples, compiled in
//   alignment/big.c        layout, stats: types past the first word, unions whose
//                          largest member is not last, nested anonymous and
//                          flexible members, compiled in
//   alignment/report.c     report: sl_report against the handout's format
//   alignment/order.c      order: the smallest order checked against the reference
//   alignment/gen.c        random structs and unions, written as C
//   alignment/program.c    a generated program compiled with cc and run
//   alignment/compiler.c   compiler: random layouts and orders against cc
//   alignment/fuzz.c       robustness: mutated headers through every function
//   alignment/memory.c     robustness: repeated calls leave the heap as it was
// with what they share declared in alignment/alignment_suite.h.
//
// Points: abi 5, layout 39, stats 8, report 13, order 11, compiler 20,
// robustness 4 (total 100).
#include "memlab/grade.h"
#include "alignment_suite.h"

// ---- abi and layout (44 points) ---------------------------------------------------

ML_TEST(abi, basic_types_match_the_compiler, 5, 10)
{
    suite_abi_basic_types_match_the_compiler();
}

ML_TEST(layout, structs_of_basic_types, 5, 10)
{
    suite_layout_structs_of_basic_types();
}

ML_TEST(layout, arrays_and_nested_structs, 6, 10)
{
    suite_layout_arrays_and_nested_structs();
}

ML_TEST(layout, unions, 5, 10)
{
    suite_layout_unions();
}

ML_TEST(layout, anonymous_members, 4, 10)
{
    suite_layout_anonymous_members();
}

ML_TEST(layout, alignas, 5, 10)
{
    suite_layout_alignas();
}

ML_TEST(layout, flexible_array_members, 3, 10)
{
    suite_layout_flexible_array_members();
}

ML_TEST(layout, types_past_the_first_word, 5, 10)
{
    suite_layout_types_past_the_first_word();
}

ML_TEST(layout, unions_whose_largest_member_is_not_last, 3, 10)
{
    suite_layout_unions_whose_largest_member_is_not_last();
}

ML_TEST(layout, nested_anonymous_and_flexible_members, 3, 10)
{
    suite_layout_nested_anonymous_and_flexible_members();
}

// ---- stats (8 points) -------------------------------------------------------------

ML_TEST(stats, holes_padding_and_pointer_bytes, 5, 10)
{
    suite_stats_holes_padding_and_pointer_bytes();
}

ML_TEST(stats, pointer_bytes_past_the_first_word, 3, 10)
{
    suite_stats_pointer_bytes_past_the_first_word();
}

// ---- the report (13 points) -------------------------------------------------------

ML_TEST(report, matches_the_handout, 5, 10)
{
    suite_report_matches_the_handout();
}

ML_TEST(report, cache_line_boundaries, 4, 10)
{
    suite_report_cache_line_boundaries();
}

ML_TEST(report, says_what_could_be_smaller, 4, 10)
{
    suite_report_says_what_could_be_smaller();
}

// ---- the smallest order (11 points) -----------------------------------------------

ML_TEST(order, go_rule_on_the_examples, 6, 10)
{
    suite_order_go_rule_on_the_examples();
}

ML_TEST(order, over_aligned_members, 5, 10)
{
    suite_order_over_aligned_members();
}

// ---- random structs, compiled by cc (20 points) -----------------------------------

ML_TEST(compiler, random_structs_of_basic_types_and_pointers, 4, 60, .allow_exec = true,
        .mem_mb = 2048)
{
    suite_compiler_random_structs_of_basic_types_and_pointers();
}

ML_TEST(compiler, random_arrays_nested_structs_and_unions, 5, 60, .allow_exec = true,
        .mem_mb = 2048)
{
    suite_compiler_random_arrays_nested_structs_and_unions();
}

ML_TEST(compiler, random_anonymous_alignas_and_flexible_members, 5, 60, .allow_exec = true,
        .mem_mb = 2048)
{
    suite_compiler_random_anonymous_alignas_and_flexible_members();
}

ML_TEST(compiler, random_smallest_orders_compile_to_their_size, 6, 60, .allow_exec = true,
        .mem_mb = 2048)
{
    suite_compiler_random_smallest_orders_compile_to_their_size();
}

// ---- robustness: the student's code survives any parsed header, keeps no memory (4 points)

ML_TEST(robustness, fuzzed_headers_do_not_crash_the_layout, 2, 60)
{
    suite_robustness_fuzzed_headers_do_not_crash_the_layout();
}

ML_TEST(robustness, repeated_calls_keep_no_memory, 2, 30)
{
    suite_robustness_repeated_calls_keep_no_memory();
}

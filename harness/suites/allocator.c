// allocator.c — the grading suite of the allocator lab (labs/allocator): the
// student's mm.c against the trace checker and the page heap's own
// accounting. 100 points.
//
// Tests follow the handout's stages, one Criterion suite each, so a student
// can run one stage alone (build/student/suites/allocator --filter 'tiny/*'):
//   classes   (6)  requests rounded to Go's size classes, objects of a
//                   class filling its spans
//   spans    (11)  every size usable, freed objects reused, partial spans
//                   filled first, empty spans back to the page heap
//   mcache   (18)  a span per thread, two threads at once, frees from
//                   another thread, the hand-over path on one class (under
//                   stress, and under ThreadSanitizer), frees from a live
//                   thread take effect
//   tiny      (9)  natural alignment, pieces share a block, a block lives
//                   while one piece does and dies with the last
//   large     (6)  pages straight from the page heap and back, huge → NULL
//   realloc  (14)  NULL / 0, growing and shrinking keep data, in place
//                   within a class, calloc zeroes and refuses products that
//                   wrap, a tiny piece's realloc keeps its neighbours
//   bounds    (2)  one byte below, at and above every class and threshold
//   lifecycle (6)  mm_init → work → mm_deinit returns what it took; memory
//                   refused by the C library and mmap is handled
//   traces    (9)  every trace of labs/allocator/data/traces passes the
//                   checker (0.75 each)
//   perf     (19)  utilization and throughput against glibc, each trace's
//                   ratio capped (perfindex.h); two threads on one class
//                   against glibc. Not timed in a sanitizer build: judged
//                   on correctness and utilization there.
// Observations are black-box: addresses, the checker (overlap, alignment,
// payload patterns) and the bytes the page heap has in spans (HeapInuse).
//
// This file is the rubric: every graded test with its points and timeout, in
// the order of the report (the grader lists a suite's tests by their line
// here). The bodies live in allocator/, one concept per file:
//   allocator/fixture.c  a fresh page heap under mm, synthetic traces, threads
//   allocator/spans.c    classes, spans: size classes, spans and the mcentral
//   allocator/reuselarge.c spans: the pages of spans a live thread emptied
//                        serve a large object
//   allocator/mcache.c   mcache: a span per thread, frees from other threads
//   allocator/holdback.c mcache: what a live thread holds back of the objects
//                        it frees, for classes of large objects
//   allocator/tiny.c     tiny: pieces packed into 16-byte blocks
//   allocator/large.c    large: whole pages from the page heap
//   allocator/realloc.c  realloc: mm_realloc and mm_calloc
//   allocator/traces.c   traces, perf: the lab's trace files, checked and timed
//   allocator/threads.c  mcache, perf: two threads on one class (hand-over
//                        path, speed against glibc)
//   allocator/race.c     mcache: the hand-over path under ThreadSanitizer
//                        (harness/probes/allocator_race.c)
//   allocator/bounds.c   bounds, realloc: both sides of every size boundary
//   allocator/lifecycle.c lifecycle: resources across mm_init/mm_deinit,
//                        memory refused
//   allocator/refusal.c  lifecycle: memory refused after a span's blocks
//                        were all freed
//   allocator/growpack.c realloc: small blocks grown a few bytes at a time
//                        still share spans
//   allocator/wrap.c     mmap, malloc & co. and memcpy as the suite sees them
//                        (linked with -Wl,--wrap, see labs/allocator/lab.mk)
// with what they share declared in allocator/allocator_suite.h.
#include "memlab/grade.h"
#include "allocator_suite.h"

// ---- size classes (6 points) and spans (11 points) --------------------------------

ML_TEST(classes, size_class_of_every_request, 3, 10)
{
    suite_classes_size_class_of_every_request();
}

ML_TEST(classes, blocks_fill_spans_of_their_class, 3, 20)
{
    suite_classes_blocks_fill_spans_of_their_class();
}

ML_TEST(spans, every_small_size_is_usable, 2, 30)
{
    suite_spans_every_small_size_is_usable();
}

ML_TEST(spans, freed_objects_are_reused, 2, 10)
{
    suite_spans_freed_objects_are_reused();
}

ML_TEST(spans, partial_spans_are_filled_before_new_ones, 3, 10)
{
    suite_spans_partial_spans_are_filled_before_new_ones();
}

ML_TEST(spans, empty_spans_return_to_the_page_heap, 4, 10)
{
    suite_spans_empty_spans_return_to_the_page_heap();
}

// ---- mcache (18 points) -----------------------------------------------------------

ML_TEST(mcache, each_thread_allocates_from_its_own_span, 4, 10)
{
    suite_mcache_each_thread_allocates_from_its_own_span();
}

ML_TEST(mcache, two_threads_allocate_and_free_at_once, 4, 30)
{
    suite_mcache_two_threads_allocate_and_free_at_once();
}

ML_TEST(mcache, frees_from_another_thread_are_reused, 3, 10)
{
    suite_mcache_frees_from_another_thread_are_reused();
}

ML_TEST(mcache, handover_on_one_class, 3, 30)
{
    suite_mcache_handover_on_one_class();
}

ML_TEST(mcache, central_lists_without_races, 2, 60, .allow_exec = true, .mem_mb = ML_MEM_UNLIMITED)
{
    suite_mcache_central_lists_without_races();
}

ML_TEST(mcache, remote_frees_take_effect_while_the_freer_lives, 2, 20)
{
    suite_mcache_remote_frees_take_effect_while_the_freer_lives();
}

// ---- tiny (9 points) -------------------------------------------------------------

ML_TEST(tiny, pieces_are_naturally_aligned, 2, 10)
{
    suite_tiny_pieces_are_naturally_aligned();
}

ML_TEST(tiny, small_requests_share_a_block, 2, 10)
{
    suite_tiny_small_requests_share_a_block();
}

ML_TEST(tiny, block_lives_while_one_piece_does, 3, 20)
{
    suite_tiny_block_lives_while_one_piece_does();
}

ML_TEST(tiny, block_is_freed_with_its_last_piece, 2, 30)
{
    suite_tiny_block_is_freed_with_its_last_piece();
}

// ---- large objects (6 points) -----------------------------------------------------

ML_TEST(large, objects_take_their_pages_from_the_page_heap, 1, 10)
{
    suite_large_objects_take_their_pages_from_the_page_heap();
}

ML_TEST(large, pages_go_back_when_freed, 3, 10)
{
    suite_large_pages_go_back_when_freed();
}

ML_TEST(large, impossible_requests_return_null, 2, 10)
{
    suite_large_impossible_requests_return_null();
}

// ---- realloc, calloc, edge cases (14 points) --------------------------------------

ML_TEST(realloc, null_pointer_zero_size_and_free_null, 2, 10)
{
    suite_realloc_null_pointer_zero_size_and_free_null();
}

ML_TEST(realloc, growing_keeps_the_data, 3, 10)
{
    suite_realloc_growing_keeps_the_data();
}

ML_TEST(realloc, shrinking_keeps_the_prefix, 2, 10)
{
    suite_realloc_shrinking_keeps_the_prefix();
}

ML_TEST(realloc, stays_in_place_within_its_class, 2, 10)
{
    suite_realloc_stays_in_place_within_its_class();
}

ML_TEST(realloc, calloc_zeroes_reused_memory, 2, 10)
{
    suite_realloc_calloc_zeroes_reused_memory();
}

ML_TEST(realloc, calloc_overflow_returns_null, 2, 10)
{
    suite_realloc_calloc_overflow_returns_null();
}

ML_TEST(realloc, tiny_pieces_keep_their_bytes_and_neighbours, 1, 20)
{
    suite_realloc_tiny_pieces_keep_their_bytes_and_neighbours();
}

// ---- boundaries (2 points) ----------------------------------------------------------

ML_TEST(bounds, sizes_around_every_class_boundary, 2, 20)
{
    suite_bounds_sizes_around_every_class_boundary();
}

// ---- resources across mm_init / mm_deinit (6 points) ------------------------------

ML_TEST(lifecycle, init_work_deinit_returns_everything, 4, 30)
{
    suite_lifecycle_init_work_deinit_returns_everything();
}

ML_TEST(lifecycle, refused_memory_is_handled, 2, 20)
{
    suite_lifecycle_refused_memory_is_handled();
}

// ---- the lab's traces (9 points) -------------------------------------------------

#define TRACE_TEST(name, file)      \
    ML_TEST(traces, name, 0.75, 30) \
    {                               \
        suite_traces_check(file);   \
    }

TRACE_TEST(alternate, "alternate.rep")
TRACE_TEST(binary_trees, "binary-trees.rep")
TRACE_TEST(fragment, "fragment.rep")
TRACE_TEST(gcbench, "gcbench.rep")
TRACE_TEST(pow2, "pow2.rep")
TRACE_TEST(program_mix, "program-mix.rep")
TRACE_TEST(realloc_growth, "realloc-growth.rep")
TRACE_TEST(realloc_strings, "realloc-strings.rep")
TRACE_TEST(short_lived, "short-lived.rep")
TRACE_TEST(small_objects, "small-objects.rep")
TRACE_TEST(structs, "structs.rep")
TRACE_TEST(uniform, "uniform.rep")

// ---- performance (19 points) ------------------------------------------------------

ML_SCORED_TEST(perf, utilization_and_throughput_vs_glibc, 14, 120)
{
    suite_perf_utilization_and_throughput_vs_glibc();
}

ML_SCORED_TEST(perf, two_threads_vs_glibc, 5, 60)
{
    suite_perf_two_threads_vs_glibc();
}

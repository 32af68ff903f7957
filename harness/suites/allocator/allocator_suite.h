// allocator_suite.h — what the files of the allocator suite share: a fresh
// page heap under the student's mm, synthetic traces through the checker,
// threads, and the body of every graded test (declared with its points in
// ../allocator.c).
//
// Names shared between the suite's files start with suite_ so that they never
// clash with a non-static name in the student's code, linked into the same binary.
#ifndef ALLOCATOR_SUITE_H
#define ALLOCATOR_SUITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "support/checker.h"
#include "memlab/pageheap.h"

#define MIB ((size_t)1 << 20)
#define PAGE ML_PAGE_SIZE
#define ARENA (64 * MIB)
// Empty spans an allocator may keep per class instead of returning them
// (the handout allows this much, plus the span an mcache holds).
#define SPARE_ALLOWANCE (64 * 1024)
// Freed objects a live thread may hold back per class (handout: The mcache,
// when a free from another thread takes effect; mm.h, mm_free).
#define HOLD_ALLOWANCE (256 * 1024)

// SUITE_SANITIZED — 1 in a sanitizer build (SAN=address,undefined: the suite
// is compiled with the same flags as the student's file). Nothing is timed
// meaningfully there, so the scored speed tests judge such a run on
// correctness (and utilization) only, and say so. (UBSan alone sets no
// macro to test: SAN=undefined by itself is timed, at a modest cost.)
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SUITE_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define SUITE_SANITIZED 1
#endif
#endif
#ifndef SUITE_SANITIZED
#define SUITE_SANITIZED 0
#endif

// ---- a fresh allocator (fixture.c) -------------------------------------------

// The page heap under the student's allocator, made by suite_fresh (NULL
// before the first one, and after suite_syn_check).
extern ml_pageheap_t *suite_heap;

// suite_fresh — a new page heap of `arena` bytes and mm_init over it (after
// mm_deinit and destruction of the previous one). Fails the test if the heap
// cannot be made or mm_init returns -1.
ml_pageheap_t *suite_fresh(size_t arena);
// suite_inuse — the bytes suite_heap has in spans now (HeapInuse).
size_t suite_inuse(void);
// suite_must_alloc — mm_malloc that must succeed; fails the test with a
// message naming the size and `why`.
void *suite_must_alloc(size_t size, const char *why);
// suite_usable_class — the class mm must use for a request of 16..32768
// bytes: Go's class of the size rounded up to 16 (classes of 8 and 24 bytes
// cannot keep 16-byte alignment).
int suite_usable_class(size_t size);

// ---- synthetic traces through the checker (fixture.c) ------------------------

// A trace built by a test, operation by operation.
typedef struct synth {
    ml_trace_t t;
    size_t cap;
} synth_t;

// suite_syn_init — an empty trace called `name` with ids 0..num_ids-1.
void suite_syn_init(synth_t *s, const char *name, uint32_t num_ids);
// suite_syn_op — appends one operation (its line is its index + 5). Fails
// the test when out of memory.
void suite_syn_op(synth_t *s, ml_op_kind_t kind, uint32_t id, size_t size);
// suite_syn_check — runs the trace through the checker on a page heap of its
// own (suite_heap is destroyed first and left NULL) and frees its
// operations. Returns the checker's result; fails the test with the
// checker's message (and `what` the trace is) if the trace is not valid.
checker_result_t suite_syn_check(synth_t *s, const char *what);

// ---- threads (fixture.c) -------------------------------------------------------

// suite_in_thread — runs fn(arg) on a thread of its own and waits until that
// thread has exited: whatever its mcache held has then been given back (an
// allocator may keep freed objects in a thread's cache, as tcmalloc does).
void suite_in_thread(void *(*fn)(void *), void *arg);

// What suite_churn does, and whether some mm_malloc returned NULL.
typedef struct churn {
    size_t size, n;
    uint64_t seed;
    bool failed;
} churn_t;

// suite_churn — a thread body (arg: a churn_t): allocates n blocks of `size`
// bytes, then frees them in random order (seeded). Sets `failed` if an
// mm_malloc returned NULL. Returns NULL.
void *suite_churn(void *arg);

// ---- the OS and the C library, wrapped (wrap.c) --------------------------------

// suite_wrap_mapped — bytes mapped with mmap and not unmapped by the code
// linked into the suite, since it started.
long long suite_wrap_mapped(void);
// suite_wrap_refuse — from now on, mmap fails (`map`) and malloc, calloc
// and realloc return NULL (`heap`), or not. Returns how many calls were
// refused since the previous switch.
int suite_wrap_refuse(bool map, bool heap);
// suite_wrap_refuse_after — from now on, grant the next `calls` malloc,
// calloc and realloc calls and refuse every one after them (mmap works),
// until suite_wrap_refuse switches refusal off. Returns the calls refused
// since the last switch.
int suite_wrap_refuse_after(int calls);
// suite_wrap_overlapping_memcpys — memcpy calls so far whose source and
// destination overlapped.
unsigned long suite_wrap_overlapping_memcpys(void);

// ---- the graded tests ----------------------------------------------------------------
// suite_<suite>_<name> is the body of the test <suite>/<name>; it runs in the
// test's own process and fails it through cr_assert.

// spans.c
void suite_classes_size_class_of_every_request(void);
void suite_classes_blocks_fill_spans_of_their_class(void);
void suite_spans_every_small_size_is_usable(void);
void suite_spans_freed_objects_are_reused(void);
void suite_spans_partial_spans_are_filled_before_new_ones(void);
void suite_spans_empty_spans_return_to_the_page_heap(void);

// mcache.c
void suite_mcache_each_thread_allocates_from_its_own_span(void);
void suite_mcache_two_threads_allocate_and_free_at_once(void);
void suite_mcache_frees_from_another_thread_are_reused(void);
void suite_mcache_remote_frees_take_effect_while_the_freer_lives(void);

// holdback.c
// suite_mcache_remote_frees_of_large_classes — the second part of
// mcache/remote_frees_take_effect_while_the_freer_lives: classes of 1 KiB and
// 32 KiB objects.
void suite_mcache_remote_frees_of_large_classes(void);

// holdfull.c
// suite_mcache_remote_frees_in_a_full_heap — the third part of
// mcache/remote_frees_take_effect_while_the_freer_lives: what a live thread
// holds back, counted in blocks in a full heap.
void suite_mcache_remote_frees_in_a_full_heap(void);

// reuselarge.c
// suite_spans_reused_by_a_large_object — the third part of
// spans/freed_objects_are_reused: the pages of the spans a live thread
// emptied, in two classes, serve a large object.
void suite_spans_reused_by_a_large_object(void);

// tiny.c
void suite_tiny_pieces_are_naturally_aligned(void);
void suite_tiny_small_requests_share_a_block(void);
void suite_tiny_block_lives_while_one_piece_does(void);
void suite_tiny_block_is_freed_with_its_last_piece(void);

// large.c
void suite_large_objects_take_their_pages_from_the_page_heap(void);
void suite_large_pages_go_back_when_freed(void);
void suite_large_impossible_requests_return_null(void);

// realloc.c
void suite_realloc_null_pointer_zero_size_and_free_null(void);
void suite_realloc_growing_keeps_the_data(void);
void suite_realloc_shrinking_keeps_the_prefix(void);
void suite_realloc_stays_in_place_within_its_class(void);
void suite_realloc_calloc_zeroes_reused_memory(void);
void suite_realloc_calloc_overflow_returns_null(void);

// bounds.c
void suite_bounds_sizes_around_every_class_boundary(void);
void suite_realloc_tiny_pieces_keep_their_bytes_and_neighbours(void);

// traces.c
// suite_traces_check — the lab's trace file `name` (in
// labs/allocator/data/traces) through the checker; fails the test with the
// checker's message.
void suite_traces_check(const char *name);
void suite_perf_utilization_and_throughput_vs_glibc(void);

// lifecycle.c
void suite_lifecycle_init_work_deinit_returns_everything(void);
void suite_lifecycle_refused_memory_is_handled(void);

// threads.c
void suite_perf_two_threads_vs_glibc(void);
void suite_mcache_handover_on_one_class(void);

// race.c
void suite_mcache_central_lists_without_races(void);

// rounds.c: parts of the tests above (each named where it is called)
// suite_rounds_full_spans_freed_by_another_thread — a part of
// mcache/frees_from_another_thread_are_reused.
void suite_rounds_full_spans_freed_by_another_thread(void);
// suite_rounds_two_classes_of_one_length — a part of
// spans/empty_spans_return_to_the_page_heap.
void suite_rounds_two_classes_of_one_length(void);
// suite_rounds_adjacent_span — a part of
// spans/empty_spans_return_to_the_page_heap (part 5): the free of the object
// just past a thread's span (rounds.c).
void suite_rounds_adjacent_span(void);
// suite_rounds_leave_blocks_allocated — a step of every cycle of the
// lifecycle tests: blocks of several classes allocated by the calling
// thread and by a thread that exits, left allocated for mm_deinit.
void suite_rounds_leave_blocks_allocated(void);

// wordedges.c: a part of spans/empty_spans_return_to_the_page_heap
// suite_wordedges_spans_return — the first usable class, the last class of
// the first 64 and tiny pieces give their empty spans back, also when the
// churning thread then takes spans of another length past the high-water
// mark.
void suite_wordedges_spans_return(void);

// refusal.c: a step of lifecycle/refused_memory_is_handled
// suite_refusal_after_a_freed_span — step 5: on a fresh allocator over h
// (mm_init, ..., mm_deinit), a span's blocks freed, then blocks of other
// classes asked for while the C library and mmap refuse memory.
void suite_refusal_after_a_freed_span(ml_pageheap_t *h);

// growpack.c: a part of realloc/growing_keeps_the_data
// suite_growpack_small_blocks_grown — small blocks grown a few bytes at a
// time keep their bytes and still share spans.
void suite_growpack_small_blocks_grown(void);

#endif

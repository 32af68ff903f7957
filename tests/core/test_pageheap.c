// test_pageheap.c — unit tests of the page heap (common/src/pageheap.c):
// span allocation and best fit, coalescing on free (left, right, both),
// the page → span map, exhaustion, zeroing of reused pages, statistics,
// returning free pages to the OS, the consistency check (including that it
// notices damage), seeded random alloc/free sequences against a shadow model,
// and a multi-threaded stress test.
#include <criterion/criterion.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "memlab/os.h"
#include "memlab/pageheap.h"
#include "memlab/rng.h"

#define PG ML_PAGE_SIZE

static void assert_consistent(ml_pageheap_t *h, const char *when)
{
    char err[256] = "";
    int rc = ml_pageheap_check(h, err, sizeof err);
    cr_assert_eq(rc, 0, "heap inconsistent %s: %s", when, err);
}

static size_t page_of(ml_pageheap_t *h, const ml_span_t *s)
{
    void *lo, *hi;
    ml_pageheap_bounds(h, &lo, &hi);
    return (s->base - (uintptr_t)lo) / PG;
}

static ml_span_t *must_alloc(ml_pageheap_t *h, size_t npages)
{
    ml_span_t *s = ml_pageheap_alloc_span(h, npages);
    cr_assert_not_null(s, "allocating %zu pages failed", npages);
    return s;
}

// ---- creation ---------------------------------------------------------------------

Test(pageheap, new_heap_is_one_free_run_covering_the_arena, .timeout = 5)
{
    ml_pageheap_t *h = ml_pageheap_new(64 * PG + 1); // rounds up to 65 pages
    cr_assert_not_null(h);
    void *lo, *hi;
    ml_pageheap_bounds(h, &lo, &hi);
    cr_assert_eq((uintptr_t)lo % PG, 0, "the arena must be page-aligned");
    cr_assert_eq((char *)hi - (char *)lo, 65 * PG, "64 pages + 1 byte round up to 65 pages");
    ml_pageheap_stats_t st = ml_pageheap_stats(h);
    cr_assert_eq(st.sys, 65 * PG);
    cr_assert_eq(st.inuse, 0);
    cr_assert_eq(st.free, 0, "nothing is committed yet");
    cr_assert_eq(st.released, 65 * PG, "fresh pages count as released (never committed)");
    cr_assert_eq(st.spans_inuse, 0);
    cr_assert_eq(st.free_runs, 1);
    cr_assert_eq(st.largest_free_run, 65);
    cr_assert_eq(st.peak_inuse, 0);
    assert_consistent(h, "after creation");
    ml_pageheap_destroy(h);
}

Test(pageheap, new_refuses_zero_and_impossible_sizes, .timeout = 5)
{
    cr_assert_null(ml_pageheap_new(0), "a 0-byte arena");
    cr_assert_null(ml_pageheap_new((size_t)1 << 62), "a 4 EiB arena cannot be reserved");
    cr_assert_null(ml_pageheap_new(SIZE_MAX), "SIZE_MAX must not overflow");
}

Test(pageheap, destroy_gives_the_arena_back_to_the_os, .timeout = 5)
{
    ml_os_stats_t before = ml_os_stats();
    ml_pageheap_t *h = ml_pageheap_new(1 << 20);
    cr_assert_not_null(h);
    memset((void *)must_alloc(h, 3)->base, 1, 3 * PG);
    cr_assert_eq(ml_os_stats().reserved - before.reserved, 1 << 20);
    cr_assert_gt(ml_os_stats().committed, before.committed, "allocating commits pages");
    ml_pageheap_destroy(h);
    ml_os_stats_t after = ml_os_stats();
    cr_assert_eq(after.reserved, before.reserved, "reserved bytes must return to the start");
    cr_assert_eq(after.committed, before.committed, "committed bytes must return to the start");
}

Test(pageheap, contains_and_bounds_agree, .timeout = 5)
{
    ml_pageheap_t *h = ml_pageheap_new(8 * PG);
    void *lo, *hi;
    ml_pageheap_bounds(h, &lo, &hi);
    cr_assert(ml_pageheap_contains(h, lo));
    cr_assert(ml_pageheap_contains(h, (char *)hi - 1));
    cr_assert_not(ml_pageheap_contains(h, hi), "hi is exclusive");
    cr_assert_not(ml_pageheap_contains(h, (char *)lo - 1));
    cr_assert_not(ml_pageheap_contains(h, NULL));
    ml_pageheap_destroy(h);
}

// ---- allocation ---------------------------------------------------------------------

Test(pageheap, alloc_span_returns_committed_zeroed_manual_span, .timeout = 5)
{
    ml_pageheap_t *h = ml_pageheap_new(32 * PG);
    ml_span_t *s = must_alloc(h, 5);
    void *lo, *hi;
    ml_pageheap_bounds(h, &lo, &hi);
    cr_assert_eq(s->npages, 5);
    cr_assert_eq(s->state, ML_SPAN_MANUAL);
    cr_assert_eq(s->base % PG, 0, "span base %#lx is not page-aligned", (unsigned long)s->base);
    cr_assert(s->base >= (uintptr_t)lo && s->base + 5 * PG <= (uintptr_t)hi, "span outside arena");
    cr_assert_eq(s->elemsize, 5 * PG);
    cr_assert_null(s->allocbits);
    cr_assert_null(s->next);
    cr_assert_null(s->owner);
    const unsigned char *p = (const unsigned char *)s->base;
    for (size_t i = 0; i < 5 * PG; i++)
        cr_assert_eq(p[i], 0, "byte %zu of a fresh span is %u", i, p[i]);
    memset((void *)s->base, 0xee, 5 * PG); // writable everywhere
    assert_consistent(h, "after one allocation");
    ml_pageheap_destroy(h);
}

Test(pageheap, spans_from_a_fresh_heap_come_in_address_order, .timeout = 5)
{
    ml_pageheap_t *h = ml_pageheap_new(64 * PG);
    size_t sizes[] = { 1, 3, 2, 8, 1 };
    size_t next = 0;
    for (size_t i = 0; i < 5; i++) {
        ml_span_t *s = must_alloc(h, sizes[i]);
        cr_assert_eq(page_of(h, s), next, "span %zu at page %zu, expected %zu (lowest address)", i,
                     page_of(h, s), next);
        next += sizes[i];
    }
    ml_pageheap_destroy(h);
}

Test(pageheap, zero_pages_is_refused, .timeout = 5)
{
    ml_pageheap_t *h = ml_pageheap_new(8 * PG);
    cr_assert_null(ml_pageheap_alloc_span(h, 0));
    assert_consistent(h, "after a 0-page request");
    ml_pageheap_destroy(h);
}

// Build free holes separated by in-use guards. Layout (pages):
// [hole5 0-4][g 5][hole3 6-8][g 9][hole4 10-13][g 14][hole2 15-16][g 17][hole2 18-19][g 20][rest]
static ml_pageheap_t *holes_heap(void)
{
    ml_pageheap_t *h = ml_pageheap_new(32 * PG);
    size_t layout[] = { 5, 1, 3, 1, 4, 1, 2, 1, 2, 1 };
    ml_span_t *s[10];
    for (int i = 0; i < 10; i++)
        s[i] = must_alloc(h, layout[i]);
    for (int i = 0; i < 10; i += 2)
        ml_pageheap_free_span(h, s[i]);
    ml_span_t *rest = must_alloc(h, 11); // pages 21..31: nothing left at the end
    cr_assert_eq(page_of(h, rest), 21);
    cr_assert_eq(ml_pageheap_stats(h).free_runs, 5, "five separate holes");
    return h;
}

Test(pageheap, alloc_takes_the_best_fitting_run, .timeout = 5)
{
    ml_pageheap_t *h = holes_heap();
    cr_assert_eq(page_of(h, must_alloc(h, 3)), 6, "3 pages fit the 3-page hole exactly");
    cr_assert_eq(page_of(h, must_alloc(h, 4)), 10, "4 pages fit the 4-page hole exactly");
    cr_assert_eq(page_of(h, must_alloc(h, 5)), 0, "5 pages: only the 5-page hole");
    assert_consistent(h, "after best-fit allocations");
    ml_pageheap_destroy(h);
}

Test(pageheap, best_fit_ties_go_to_the_lowest_address, .timeout = 5)
{
    ml_pageheap_t *h = holes_heap();
    cr_assert_eq(page_of(h, must_alloc(h, 2)), 15, "two 2-page holes: the lower one first");
    cr_assert_eq(page_of(h, must_alloc(h, 2)), 18, "then the other one");
    cr_assert_eq(page_of(h, must_alloc(h, 1)), 6, "1 page: the smallest hole left (3 pages)");
    ml_pageheap_destroy(h);
}

Test(pageheap, a_split_run_keeps_its_remainder_free, .timeout = 5)
{
    ml_pageheap_t *h = holes_heap();
    cr_assert_eq(page_of(h, must_alloc(h, 1)), 15, "1 page: the first 2-page hole is split");
    void *lo, *hi;
    ml_pageheap_bounds(h, &lo, &hi);
    cr_assert_null(ml_pageheap_span_of(h, (char *)lo + 16 * PG), "page 16 stays free");
    cr_assert_eq(page_of(h, must_alloc(h, 1)), 16, "the 1-page remainder is now the best fit");
    assert_consistent(h, "after splitting a run");
    ml_pageheap_destroy(h);
}

// ---- coalescing ---------------------------------------------------------------------

// Four 4-page spans A B C D from a 16-page heap: no free run at the end.
typedef struct {
    ml_pageheap_t *h;
    ml_span_t *a, *b, *c, *d;
} abcd_t;

static abcd_t abcd(void)
{
    abcd_t t;
    t.h = ml_pageheap_new(16 * PG);
    t.a = must_alloc(t.h, 4);
    t.b = must_alloc(t.h, 4);
    t.c = must_alloc(t.h, 4);
    t.d = must_alloc(t.h, 4);
    cr_assert_eq(ml_pageheap_stats(t.h).free_runs, 0);
    return t;
}

Test(pageheap, freeing_next_to_a_free_run_on_the_left_coalesces, .timeout = 5)
{
    abcd_t t = abcd();
    ml_pageheap_free_span(t.h, t.a);
    ml_pageheap_free_span(t.h, t.b); // its left neighbour A is free
    ml_pageheap_stats_t st = ml_pageheap_stats(t.h);
    cr_assert_eq(st.free_runs, 1, "A and B must merge into one run, got %zu runs", st.free_runs);
    cr_assert_eq(st.largest_free_run, 8);
    cr_assert_eq(page_of(t.h, must_alloc(t.h, 8)), 0, "the merged run serves 8 pages at page 0");
    assert_consistent(t.h, "after a left merge");
    ml_pageheap_destroy(t.h);
}

Test(pageheap, freeing_next_to_a_free_run_on_the_right_coalesces, .timeout = 5)
{
    abcd_t t = abcd();
    ml_pageheap_free_span(t.h, t.c);
    ml_pageheap_free_span(t.h, t.b); // its right neighbour C is free
    ml_pageheap_stats_t st = ml_pageheap_stats(t.h);
    cr_assert_eq(st.free_runs, 1, "B and C must merge into one run, got %zu runs", st.free_runs);
    cr_assert_eq(st.largest_free_run, 8);
    cr_assert_eq(page_of(t.h, must_alloc(t.h, 8)), 4, "the merged run starts at B (page 4)");
    assert_consistent(t.h, "after a right merge");
    ml_pageheap_destroy(t.h);
}

Test(pageheap, freeing_neighbours_coalesces_into_one_run, .timeout = 5)
{
    abcd_t t = abcd();
    ml_pageheap_free_span(t.h, t.a);
    ml_pageheap_free_span(t.h, t.c);
    cr_assert_eq(ml_pageheap_stats(t.h).free_runs, 2, "A and C are apart");
    ml_pageheap_free_span(t.h, t.b); // both neighbours free
    ml_pageheap_stats_t st = ml_pageheap_stats(t.h);
    cr_assert_eq(st.free_runs, 1, "A, B and C must merge into one run, got %zu", st.free_runs);
    cr_assert_eq(st.largest_free_run, 12);
    assert_consistent(t.h, "after a merge on both sides");
    ml_pageheap_free_span(t.h, t.d);
    st = ml_pageheap_stats(t.h);
    cr_assert_eq(st.free_runs, 1);
    cr_assert_eq(st.largest_free_run, 16, "everything free is one run again");
    assert_consistent(t.h, "after freeing everything");
    ml_pageheap_destroy(t.h);
}

Test(pageheap, freeing_between_in_use_spans_does_not_coalesce, .timeout = 5)
{
    abcd_t t = abcd();
    ml_pageheap_free_span(t.h, t.b);
    ml_pageheap_free_span(t.h, t.d);
    ml_pageheap_stats_t st = ml_pageheap_stats(t.h);
    cr_assert_eq(st.free_runs, 2, "B and D are separated by C");
    cr_assert_eq(st.largest_free_run, 4);
    cr_assert_null(ml_pageheap_alloc_span(t.h, 5), "no run of 5 pages exists");
    ml_pageheap_destroy(t.h);
}

// ---- the page map -----------------------------------------------------------------

Test(pageheap, span_of_finds_the_span_from_every_byte_of_every_page, .timeout = 5)
{
    ml_pageheap_t *h = ml_pageheap_new(16 * PG);
    ml_span_t *a = must_alloc(h, 1), *b = must_alloc(h, 6);
    for (size_t off = 0; off < 6 * PG; off += 97) {
        cr_assert_eq(ml_pageheap_span_of(h, (char *)b->base + off), b, "offset %zu of b", off);
    }
    cr_assert_eq(ml_pageheap_span_of(h, (char *)b->base + 6 * PG - 1), b, "last byte of b");
    cr_assert_eq(ml_pageheap_span_of(h, (char *)a->base), a);
    cr_assert_eq(ml_pageheap_span_of(h, (char *)a->base + PG - 1), a);
    ml_pageheap_destroy(h);
}

Test(pageheap, span_of_is_null_for_free_pages_and_outside_the_arena, .timeout = 5)
{
    ml_pageheap_t *h = ml_pageheap_new(16 * PG);
    void *lo, *hi;
    ml_pageheap_bounds(h, &lo, &hi);
    for (size_t i = 0; i < 16; i++)
        cr_assert_null(ml_pageheap_span_of(h, (char *)lo + i * PG + 5), "fresh page %zu", i);
    ml_span_t *a = must_alloc(h, 3), *b = must_alloc(h, 3);
    (void)b;
    ml_pageheap_free_span(h, a);
    for (size_t i = 0; i < 3; i++)
        cr_assert_null(ml_pageheap_span_of(h, (char *)lo + i * PG), "freed page %zu", i);
    for (size_t i = 6; i < 16; i++)
        cr_assert_null(ml_pageheap_span_of(h, (char *)lo + i * PG), "never used page %zu", i);
    cr_assert_null(ml_pageheap_span_of(h, (char *)lo - 1), "below the arena");
    cr_assert_null(ml_pageheap_span_of(h, hi), "at the arena's end");
    cr_assert_null(ml_pageheap_span_of(h, NULL));
    ml_pageheap_destroy(h);
}

// ---- exhaustion -----------------------------------------------------------------------

Test(pageheap, exhaustion_returns_null_and_leaves_the_heap_unchanged, .timeout = 5)
{
    ml_pageheap_t *h = ml_pageheap_new(20 * PG);
    must_alloc(h, 7);
    ml_span_t *mid = must_alloc(h, 3);
    must_alloc(h, 6);
    ml_pageheap_free_span(h, mid); // free: 3 pages in the middle + 4 at the end
    ml_pageheap_stats_t before = ml_pageheap_stats(h);
    cr_assert_null(ml_pageheap_alloc_span(h, 5), "7 pages are free but no run has 5");
    cr_assert_null(ml_pageheap_alloc_span(h, 21), "more than the arena");
    cr_assert_null(ml_pageheap_alloc_span(h, SIZE_MAX), "SIZE_MAX pages");
    ml_pageheap_stats_t after = ml_pageheap_stats(h);
    cr_assert_eq(memcmp(&before, &after, sizeof before), 0, "a failed allocation changed stats");
    assert_consistent(h, "after failed allocations");
    cr_assert_not_null(ml_pageheap_alloc_span(h, 4), "the 4-page run is still there");
    cr_assert_not_null(ml_pageheap_alloc_span(h, 3), "and the 3-page one");
    cr_assert_null(ml_pageheap_alloc_span(h, 1), "the arena is full");
    ml_pageheap_destroy(h);
}

// ---- zeroing --------------------------------------------------------------------------

static void fill_free_alloc_expect_zero(size_t npages)
{
    ml_pageheap_t *h = ml_pageheap_new((npages + 2) * PG);
    ml_span_t *s = must_alloc(h, npages);
    uintptr_t base = s->base;
    memset((void *)base, 0xab, npages * PG);
    ml_pageheap_free_span(h, s);
    s = must_alloc(h, npages);
    cr_assert_eq(s->base, base, "the same pages must be reused (lowest address)");
    const unsigned char *p = (const unsigned char *)s->base;
    for (size_t i = 0; i < npages * PG; i++)
        cr_assert_eq(p[i], 0, "reused span of %zu pages: byte %zu is %#x, not 0", npages, i, p[i]);
    assert_consistent(h, "after reuse");
    ml_pageheap_destroy(h);
}

Test(pageheap, reused_pages_are_zeroed, .timeout = 5)
{
    fill_free_alloc_expect_zero(1);
    fill_free_alloc_expect_zero(7);
}

Test(pageheap, reused_large_spans_are_zeroed, .timeout = 10)
{
    fill_free_alloc_expect_zero(300); // long enough to be zeroed by madvise
}

Test(pageheap, part_of_a_dirty_run_is_zeroed_when_split_off, .timeout = 5)
{
    ml_pageheap_t *h = ml_pageheap_new(16 * PG);
    ml_span_t *s = must_alloc(h, 10);
    memset((void *)s->base, 0x11, 10 * PG);
    ml_pageheap_free_span(h, s);
    ml_span_t *a = must_alloc(h, 2), *b = must_alloc(h, 3);
    for (size_t i = 0; i < 2 * PG; i++)
        cr_assert_eq(((unsigned char *)a->base)[i], 0, "first split: byte %zu", i);
    for (size_t i = 0; i < 3 * PG; i++)
        cr_assert_eq(((unsigned char *)b->base)[i], 0, "second split: byte %zu", i);
    ml_pageheap_destroy(h);
}

Test(pageheap, nozero_alloc_keeps_old_data_but_fresh_pages_are_zero, .timeout = 5)
{
    ml_pageheap_t *h = ml_pageheap_new(16 * PG);
    ml_span_t *s = ml_pageheap_alloc_span_nozero(h, 3);
    cr_assert_not_null(s);
    for (size_t i = 0; i < 3 * PG; i += 8)
        cr_assert_eq(((unsigned char *)s->base)[i], 0, "fresh pages are zero at byte %zu", i);
    uintptr_t base = s->base;
    memset((void *)base, 0xab, 3 * PG);
    ml_pageheap_free_span(h, s);
    s = ml_pageheap_alloc_span_nozero(h, 3);
    cr_assert_eq(s->base, base, "the same pages are reused");
    cr_assert_eq(((unsigned char *)s->base)[100], 0xab, "nozero must not spend time zeroing");
    assert_consistent(h, "after a nozero reuse");
    ml_pageheap_free_span(h, s); // dirty again: a zeroing alloc must clear it
    s = must_alloc(h, 3);
    for (size_t i = 0; i < 3 * PG; i++)
        cr_assert_eq(((unsigned char *)s->base)[i], 0, "byte %zu survived into a zeroed span", i);
    ml_pageheap_destroy(h);
}

// ---- statistics -------------------------------------------------------------------------

Test(pageheap, stats_track_inuse_spans_and_peak, .timeout = 5)
{
    ml_pageheap_t *h = ml_pageheap_new(64 * PG);
    ml_span_t *a = must_alloc(h, 10), *b = must_alloc(h, 5);
    ml_pageheap_stats_t st = ml_pageheap_stats(h);
    cr_assert_eq(st.inuse, 15 * PG);
    cr_assert_eq(st.spans_inuse, 2);
    cr_assert_eq(st.peak_inuse, 15 * PG);
    cr_assert_eq(st.inuse + st.free + st.released, st.sys, "inuse + free + released == sys");
    ml_pageheap_free_span(h, a);
    st = ml_pageheap_stats(h);
    cr_assert_eq(st.inuse, 5 * PG);
    cr_assert_eq(st.spans_inuse, 1);
    cr_assert_eq(st.peak_inuse, 15 * PG, "peak_inuse must remember the high-water mark");
    cr_assert_geq(st.free, 10 * PG, "freed pages stay committed (free, not released)");
    cr_assert_eq(st.free_runs, 2, "[0,10) and the tail after b");
    cr_assert_eq(st.largest_free_run, 64 - 15);
    ml_span_t *c = must_alloc(h, 3);
    st = ml_pageheap_stats(h);
    cr_assert_eq(st.peak_inuse, 15 * PG, "8 pages in use is below the peak");
    ml_pageheap_free_span(h, b);
    ml_pageheap_free_span(h, c);
    st = ml_pageheap_stats(h);
    cr_assert_eq(st.inuse, 0);
    cr_assert_eq(st.spans_inuse, 0);
    cr_assert_eq(st.free_runs, 1);
    cr_assert_eq(st.inuse + st.free + st.released, st.sys);
    ml_pageheap_destroy(h);
}

Test(pageheap, release_free_returns_free_pages_to_the_os, .timeout = 5)
{
    ml_pageheap_t *h = ml_pageheap_new(128 * PG);
    ml_span_t *a = must_alloc(h, 20), *b = must_alloc(h, 4);
    memset((void *)a->base, 0x77, 20 * PG);
    ml_pageheap_free_span(h, a);
    ml_pageheap_stats_t st = ml_pageheap_stats(h);
    size_t free_before = st.free;
    cr_assert_geq(free_before, 20 * PG);
    ml_os_stats_t os0 = ml_os_stats();

    size_t released = ml_pageheap_release_free(h);
    cr_assert_eq(released, free_before,
                 "release_free returns every committed free byte "
                 "(%zu), returned %zu",
                 free_before, released);
    st = ml_pageheap_stats(h);
    cr_assert_eq(st.free, 0, "nothing committed is left free");
    cr_assert_eq(st.released, st.sys - st.inuse, "every free page is released");
    cr_assert_eq(st.inuse, 4 * PG, "in-use spans are untouched");
    ml_os_stats_t os1 = ml_os_stats();
    cr_assert_eq(os0.committed - os1.committed, released, "the OS counters see the release");
    cr_assert_eq(ml_pageheap_release_free(h), 0, "a second release finds nothing");
    assert_consistent(h, "after release_free");

    ml_span_t *again = must_alloc(h, 20);
    cr_assert_eq(page_of(h, again), 0, "released pages are reused");
    const unsigned char *p = (const unsigned char *)again->base;
    for (size_t i = 0; i < 20 * PG; i += 64)
        cr_assert_eq(p[i], 0, "a released then reused page is not zero at byte %zu", i);
    memset((void *)again->base, 1, 20 * PG); // and writable again
    memset((void *)b->base, 1, 4 * PG);
    assert_consistent(h, "after reusing released pages");
    ml_pageheap_destroy(h);
}

// ---- bugs abort -------------------------------------------------------------------------

Test(pageheap, double_free_aborts, .timeout = 5, .signal = SIGABRT)
{
    ml_pageheap_t *h = ml_pageheap_new(16 * PG);
    ml_span_t *s = must_alloc(h, 2);
    must_alloc(h, 1);
    ml_pageheap_free_span(h, s);
    ml_pageheap_free_span(h, s);
}

Test(pageheap, double_free_of_a_merged_span_aborts, .timeout = 5, .signal = SIGABRT)
{
    ml_pageheap_t *h = ml_pageheap_new(16 * PG);
    ml_span_t *a = must_alloc(h, 2), *b = must_alloc(h, 2);
    ml_pageheap_free_span(h, a);
    ml_pageheap_free_span(h, b); // b merges into a's run; b's record is recycled
    ml_pageheap_free_span(h, b);
}

Test(pageheap, freeing_a_span_of_another_heap_aborts, .timeout = 5, .signal = SIGABRT)
{
    ml_pageheap_t *h1 = ml_pageheap_new(16 * PG), *h2 = ml_pageheap_new(16 * PG);
    ml_span_t *s = must_alloc(h1, 2);
    ml_pageheap_free_span(h2, s);
}

Test(pageheap, freeing_a_forged_span_aborts, .timeout = 5, .signal = SIGABRT)
{
    ml_pageheap_t *h = ml_pageheap_new(16 * PG);
    ml_span_t *s = must_alloc(h, 4);
    ml_span_t fake = *s; // same pages, but not the heap's record
    ml_pageheap_free_span(h, &fake);
}

// ---- the consistency check ---------------------------------------------------------

Test(pageheap, check_notices_a_damaged_span_record, .timeout = 5)
{
    ml_pageheap_t *h = ml_pageheap_new(16 * PG);
    ml_span_t *s = must_alloc(h, 3);
    must_alloc(h, 2);
    assert_consistent(h, "before the damage");
    char err[256] = "";
    s->npages = 4; // now claims a page of its neighbour
    cr_assert_eq(ml_pageheap_check(h, err, sizeof err), -1,
                 "check missed a span claiming a "
                 "neighbour's page");
    cr_assert_neq(err[0], '\0', "check must say what is wrong");
    s->npages = 3;
    s->base += PG; // now starts on its own second page
    cr_assert_eq(ml_pageheap_check(h, err, sizeof err), -1, "check missed a moved span base");
    s->base -= PG;
    s->state = ML_SPAN_FREE;
    cr_assert_eq(ml_pageheap_check(h, NULL, 0), -1, "check missed an in-use span marked free");
    s->state = ML_SPAN_MANUAL;
    assert_consistent(h, "after repairing");
    ml_pageheap_destroy(h);
}

// A shadow model: which pages each live span owns.
#define RND_PAGES 512
#define RND_SPANS 96

Test(pageheap, random_alloc_free_sequences_keep_the_heap_consistent, .timeout = 30)
{
    static const uint64_t seeds[] = { 1, 42, 20240601 };
    for (size_t si = 0; si < sizeof seeds / sizeof seeds[0]; si++) {
        ml_rng_t rng;
        ml_rng_seed(&rng, seeds[si]);
        ml_pageheap_t *h = ml_pageheap_new(RND_PAGES * PG);
        ml_span_t *live[RND_SPANS] = { 0 };
        unsigned char owner[RND_PAGES]; // span slot + 1 for each page, 0 if free
        memset(owner, 0, sizeof owner);
        size_t inuse_pages = 0;
        for (int step = 0; step < 3000; step++) {
            size_t k = ml_rng_below(&rng, RND_SPANS);
            if (live[k] != NULL) {
                size_t p = page_of(h, live[k]);
                for (size_t i = p; i < p + live[k]->npages; i++)
                    owner[i] = 0;
                inuse_pages -= live[k]->npages;
                ml_pageheap_free_span(h, live[k]);
                live[k] = NULL;
            } else {
                size_t n = ml_rng_below(&rng, 4) == 0 ? 1 + ml_rng_below(&rng, 40)
                                                      : 1 + ml_rng_below(&rng, 4);
                ml_span_t *s = ml_pageheap_alloc_span(h, n);
                if (s == NULL)
                    continue; // fragmentation: allowed, checked below
                size_t p = page_of(h, s);
                for (size_t i = p; i < p + n; i++) {
                    cr_assert_eq(owner[i], 0, "seed %lu step %d: page %zu handed out twice",
                                 (unsigned long)seeds[si], step, i);
                    owner[i] = (unsigned char)(k + 1);
                }
                cr_assert_eq(*(volatile unsigned char *)(s->base + (n * PG) / 2), 0,
                             "seed %lu step %d: span not zeroed", (unsigned long)seeds[si], step);
                memset((void *)s->base, (int)(k + 1), n * PG);
                live[k] = s;
                inuse_pages += n;
            }
            if (step % 50 == 0) {
                char when[64];
                snprintf(when, sizeof when, "seed %lu step %d", (unsigned long)seeds[si], step);
                assert_consistent(h, when);
                ml_pageheap_stats_t st = ml_pageheap_stats(h);
                cr_assert_eq(st.inuse, inuse_pages * PG, "%s: inuse", when);
                void *lo, *hi;
                ml_pageheap_bounds(h, &lo, &hi);
                for (size_t i = 0; i < RND_PAGES; i++) {
                    ml_span_t *s = ml_pageheap_span_of(h, (char *)lo + i * PG + 11);
                    ml_span_t *want = owner[i] ? live[owner[i] - 1] : NULL;
                    cr_assert_eq(s, want, "%s: span_of page %zu", when, i);
                    if (s != NULL)
                        cr_assert_eq(*(unsigned char *)((char *)lo + i * PG), owner[i],
                                     "%s: page %zu lost its contents", when, i);
                }
                if (step % 500 == 0)
                    ml_pageheap_release_free(h);
            }
        }
        assert_consistent(h, "at the end of the sequence");
        for (size_t k = 0; k < RND_SPANS; k++)
            if (live[k] != NULL)
                ml_pageheap_free_span(h, live[k]);
        ml_pageheap_stats_t st = ml_pageheap_stats(h);
        cr_assert_eq(st.free_runs, 1, "seed %lu: everything freed must coalesce into one run",
                     (unsigned long)seeds[si]);
        cr_assert_eq(st.largest_free_run, RND_PAGES);
        assert_consistent(h, "after freeing everything");
        ml_pageheap_destroy(h);
    }
}

// ---- threads ------------------------------------------------------------------------------

#define MT_THREADS 4
#define MT_OPS 20000
#define MT_SLOTS 16

typedef struct {
    ml_pageheap_t *h;
    uint64_t seed;
    int failed;
    char msg[160];
} mt_arg_t;

// Each thread keeps up to MT_SLOTS spans, fills each with its own byte, and
// verifies it (and span_of) before freeing: overlapping spans would show.
static void *mt_worker(void *vp)
{
    mt_arg_t *a = vp;
    ml_rng_t rng;
    ml_rng_seed(&rng, a->seed);
    ml_span_t *slot[MT_SLOTS] = { 0 };
    unsigned char mark = (unsigned char)(0x10 + a->seed);
    for (int op = 0; op < MT_OPS && !a->failed; op++) {
        size_t k = ml_rng_below(&rng, MT_SLOTS);
        ml_span_t *s = slot[k];
        if (s != NULL) {
            const unsigned char *p = (const unsigned char *)s->base;
            for (size_t i = 0; i < s->npages * PG; i += 256)
                if (p[i] != mark) {
                    a->failed = 1;
                    snprintf(a->msg, sizeof a->msg, "op %d: byte %zu of a span is %#x, not %#x", op,
                             i, p[i], mark);
                }
            if (ml_pageheap_span_of(a->h, p + s->npages * PG - 1) != s) {
                a->failed = 1;
                snprintf(a->msg, sizeof a->msg, "op %d: span_of lost a live span", op);
            }
            ml_pageheap_free_span(a->h, s);
            slot[k] = NULL;
        } else {
            size_t n = 1 + ml_rng_below(&rng, 8);
            s = ml_pageheap_alloc_span(a->h, n);
            if (s != NULL) {
                memset((void *)s->base, mark, n * PG);
                slot[k] = s;
            }
        }
    }
    for (size_t k = 0; k < MT_SLOTS; k++)
        if (slot[k] != NULL)
            ml_pageheap_free_span(a->h, slot[k]);
    return NULL;
}

Test(pageheap, concurrent_alloc_and_free_keep_the_heap_consistent, .timeout = 60)
{
    ml_pageheap_t *h = ml_pageheap_new(MT_THREADS * MT_SLOTS * 8 * PG / 2); // tight: some fail
    pthread_t th[MT_THREADS];
    mt_arg_t args[MT_THREADS];
    for (int t = 0; t < MT_THREADS; t++) {
        args[t] = (mt_arg_t){ .h = h, .seed = (uint64_t)t + 1 };
        cr_assert_eq(pthread_create(&th[t], NULL, mt_worker, &args[t]), 0);
    }
    for (int t = 0; t < MT_THREADS; t++) {
        pthread_join(th[t], NULL);
        cr_assert_not(args[t].failed, "thread %d: %s", t, args[t].msg);
    }
    assert_consistent(h, "after the threads finished");
    ml_pageheap_stats_t st = ml_pageheap_stats(h);
    cr_assert_eq(st.inuse, 0, "every span was freed");
    cr_assert_eq(st.spans_inuse, 0);
    cr_assert_eq(st.free_runs, 1, "all free pages must coalesce into one run");
    cr_assert_gt(st.peak_inuse, 0);
    ml_pageheap_destroy(h);
}

// test_pageheap_grow.c — unit tests of the page heap's two helpers for
// allocators: ml_pageheap_grow_span (a span lengthened in place into the
// free run after it, for realloc of large objects) and ml_pageheap_map
// with ml_pagemap_span_of (the page map read inline, Go's spanOf).
#include <criterion/criterion.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>

#include "memlab/pageheap.h"

#define PG ML_PAGE_SIZE

static void assert_consistent(ml_pageheap_t *h, const char *when)
{
    char err[256] = "";
    int rc = ml_pageheap_check(h, err, sizeof err);
    cr_assert_eq(rc, 0, "heap inconsistent %s: %s", when, err);
}

static ml_span_t *must_alloc(ml_pageheap_t *h, size_t npages)
{
    ml_span_t *s = ml_pageheap_alloc_span(h, npages);
    cr_assert_not_null(s, "allocating %zu pages failed", npages);
    return s;
}

Test(pageheap_grow, a_span_grows_into_the_free_run_after_it, .timeout = 5)
{
    ml_pageheap_t *h = ml_pageheap_new(16 * PG);
    ml_span_t *a = must_alloc(h, 2);
    memset((void *)a->base, 0x5a, 2 * PG);
    uintptr_t base = a->base;
    cr_assert_eq(ml_pageheap_grow_span(h, a, 5), 0, "14 free pages follow a 2-page span");
    cr_assert_eq(a->base, base, "growing must not move the span");
    cr_assert_eq(a->npages, 5);
    for (size_t off = 0; off < 5 * PG; off += 501)
        cr_assert_eq(ml_pageheap_span_of(h, (char *)a->base + off), a, "offset %zu", off);
    cr_assert_eq(((unsigned char *)a->base)[2 * PG - 1], 0x5a, "the old pages keep their data");
    ((unsigned char *)a->base)[5 * PG - 1] = 1; // the new pages are committed
    ml_pageheap_stats_t st = ml_pageheap_stats(h);
    cr_assert_eq(st.inuse, 5 * PG);
    cr_assert_eq(st.largest_free_run, 11, "the run after a lost 3 pages");
    assert_consistent(h, "after growing a span");
    ml_pageheap_free_span(h, a);
    st = ml_pageheap_stats(h);
    cr_assert_eq(st.free_runs, 1, "freed, the grown span coalesces into one run");
    cr_assert_eq(st.inuse, 0);
    assert_consistent(h, "after freeing the grown span");
    ml_pageheap_destroy(h);
}

Test(pageheap_grow, a_span_can_take_the_whole_run_after_it, .timeout = 5)
{
    ml_pageheap_t *h = ml_pageheap_new(16 * PG);
    ml_span_t *a = must_alloc(h, 3), *b = must_alloc(h, 4), *c = must_alloc(h, 9);
    ml_pageheap_free_span(h, b);
    cr_assert_eq(ml_pageheap_grow_span(h, a, 7), 0, "a 4-page hole follows a");
    cr_assert_eq(ml_pageheap_stats(h).free_runs, 0, "the hole is gone");
    cr_assert_eq(ml_pageheap_span_of(h, (char *)c->base - 1), a, "a now ends where c starts");
    assert_consistent(h, "after taking a whole run");
    ml_pageheap_destroy(h);
}

Test(pageheap_grow, growing_fails_and_changes_nothing_without_free_pages_after, .timeout = 5)
{
    ml_pageheap_t *h = ml_pageheap_new(16 * PG);
    ml_span_t *a = must_alloc(h, 2), *b = must_alloc(h, 2), *c = must_alloc(h, 12);
    ml_pageheap_free_span(h, b);
    ml_pageheap_stats_t before = ml_pageheap_stats(h);
    cr_assert_eq(ml_pageheap_grow_span(h, a, 5), -1, "only 2 free pages follow a");
    cr_assert_eq(ml_pageheap_grow_span(h, c, 13), -1, "c ends the arena");
    cr_assert_eq(ml_pageheap_grow_span(h, a, 2), -1, "2 pages is not growing");
    cr_assert_eq(ml_pageheap_grow_span(h, a, 1), -1, "nor is 1");
    ml_pageheap_stats_t after = ml_pageheap_stats(h);
    cr_assert_eq(a->npages, 2);
    cr_assert_eq(c->npages, 12);
    cr_assert(before.inuse == after.inuse && before.free_runs == after.free_runs &&
                  before.largest_free_run == after.largest_free_run,
              "a refused grow changed the heap");
    assert_consistent(h, "after refused grows");
    ml_pageheap_destroy(h);
}

Test(pageheap_grow, growing_a_freed_span_aborts, .signal = SIGABRT, .timeout = 5)
{
    ml_pageheap_t *h = ml_pageheap_new(16 * PG);
    ml_span_t *a = must_alloc(h, 2);
    must_alloc(h, 2);
    ml_pageheap_free_span(h, a);
    ml_pageheap_grow_span(h, a, 3);
}

Test(pageheap_grow, the_inline_map_answers_as_span_of, .timeout = 5)
{
    ml_pageheap_t *h = ml_pageheap_new(16 * PG);
    const ml_pagemap_t *m = ml_pageheap_map(h);
    void *lo, *hi;
    ml_pageheap_bounds(h, &lo, &hi);
    cr_assert_eq(m->lo, (uintptr_t)lo);
    cr_assert_eq(m->npages, 16);
    ml_span_t *a = must_alloc(h, 3), *b = must_alloc(h, 2);
    ml_pageheap_free_span(h, a);
    ml_pagemap_t copy = *m; // a copy answers the same, the map never moves
    for (char *p = (char *)lo - PG; p < (char *)hi + PG; p += 777) {
        cr_assert_eq(ml_pagemap_span_of(m, p), ml_pageheap_span_of(h, p), "at %p", (void *)p);
        cr_assert_eq(ml_pagemap_span_of(&copy, p), ml_pageheap_span_of(h, p), "copy at %p",
                     (void *)p);
    }
    cr_assert_eq(ml_pagemap_span_of(m, (char *)b->base + PG), b);
    cr_assert_null(ml_pagemap_span_of(m, (char *)lo + PG), "a's pages are free");
    ml_pageheap_destroy(h);
}

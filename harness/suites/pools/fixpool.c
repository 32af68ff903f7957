// fixpool.c — the fixed-size pool (task 1, runtime/mfixalloc.go): reuse of
// put objects, alignment and disjointness on both sides of the size
// boundaries, growth by whole spans, the debug build's poison, and pages
// returned across init/destroy.
#include <stdlib.h>
#include <string.h>

#include "memlab/grade.h"
#include "pools_suite.h"

// get_ok — p's next object; fails the test when the pool gives none.
static void *get_ok(fixpool_t *p, const char *test, size_t step)
{
    void *o = fixpool_get(p);
    cr_assert(
        o,
        "fixpool of %zu-byte objects: get number %zu returned NULL on a heap with room " SUITE_SEE(
            "task 1") "; replay: build/<impl>/suites/pools --filter 'fixpool/%s' "
                      "--verbose",
        p->size, step, test);
    return o;
}

void suite_fixpool_reuses_put_objects(void)
{
    ml_pageheap_t *h = suite_heap(64);
    fixpool_t p;
    cr_assert(fixpool_init(&p, h, 48, false) == 0, "fixpool_init(48 bytes) failed");
    void *a = get_ok(&p, "reuses_put_objects", 1);
    fixpool_put(&p, a);
    void *b = get_ok(&p, "reuses_put_objects", 2);
    cr_assert(b == a,
              "get, put, get: the second get returned %p, not the object just put "
              "back (%p) — a put object must be the next one handed out " SUITE_SEE("task 1"),
              b, a);
    enum { N = 1000 };
    void **objs = calloc(N, sizeof *objs);
    objs[0] = b;
    for (size_t i = 1; i < N; i++)
        objs[i] = get_ok(&p, "reuses_put_objects", i + 2);
    size_t spans = suite_spans(h);
    for (size_t i = 0; i < N; i++)
        fixpool_put(&p, objs[i]);
    for (size_t i = 0; i < N; i++) {
        void *o = get_ok(&p, "reuses_put_objects", N + 2 + i);
        cr_assert(o == objs[N - 1 - i],
                  "after putting back %d objects, get %zu returned %p instead of reusing "
                  "the put object %p (the free list is last in, first out)",
                  N, i + 1, o, objs[N - 1 - i]);
    }
    cr_assert(suite_spans(h) == spans,
              "getting back %d put objects took %zu new span(s): put objects must be reused "
              "before the pool grows",
              N, suite_spans(h) - spans);
    cr_assert(p.inuse == N, "p->inuse is %zu with %d objects out", p.inuse, N);
    fixpool_destroy(&p);
    free(objs);
    ml_pageheap_destroy(h);
}

// The sizes on both sides of each boundary: 8-byte rounding, one span's
// 16 KiB, several pages.
static const size_t sizes[] = { 1,    7,    8,    9,    15,   16,    17,    24,    25,
                                1000, 4096, 8191, 8192, 8193, 16383, 16384, 16385, 40000 };

void suite_fixpool_objects_aligned_and_disjoint(void)
{
    ml_pageheap_t *h = suite_heap(256);
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t size = sizes[k], rounded = (size + 7) & ~(size_t)7;
        fixpool_t p;
        cr_assert(fixpool_init(&p, h, size, false) == 0, "fixpool_init(%zu bytes) failed", size);
        cr_assert(p.size == rounded,
                  "fixpool_init(%zu): p->size is %zu, want %zu (rounded up "
                  "to a multiple of 8)",
                  size, p.size, rounded);
        size_t n = 3 * (fixpool_span_pages(rounded) * ML_PAGE_SIZE / rounded) + 2;
        unsigned char **objs = calloc(n, sizeof *objs);
        for (size_t i = 0; i < n; i++) {
            objs[i] = get_ok(&p, "objects_aligned_and_disjoint", i + 1);
            cr_assert(((uintptr_t)objs[i] & 7) == 0,
                      "%zu-byte objects: object %zu at %p is not 8-byte aligned", size, i, objs[i]);
            cr_assert(ml_pageheap_span_of(h, objs[i]) &&
                          ml_pageheap_span_of(h, objs[i] + size - 1) ==
                              ml_pageheap_span_of(h, objs[i]),
                      "%zu-byte objects: object %zu at %p does not lie inside one span of the "
                      "pool's heap",
                      size, i, objs[i]);
            memset(objs[i], (int)(i * 31 + 7) & 0xff, size);
        }
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < size; j++)
                cr_assert(objs[i][j] == ((i * 31 + 7) & 0xff),
                          "%zu-byte objects: byte %zu of object %zu (%p) changed after the "
                          "other objects were written — two objects overlap",
                          size, j, i, objs[i]);
        fixpool_destroy(&p);
        free(objs);
        suite_heap_empty(h, "fixpool_destroy");
    }
    ml_pageheap_destroy(h);
}

void suite_fixpool_grows_by_whole_spans(void)
{
    ml_pageheap_t *h = suite_heap(256);
    static const size_t gsizes[] = { 8, 24, 100, 16384, 16385, 30000 };
    for (size_t k = 0; k < sizeof gsizes / sizeof gsizes[0]; k++) {
        fixpool_t p;
        cr_assert(fixpool_init(&p, h, gsizes[k], false) == 0, "fixpool_init failed");
        cr_assert(suite_spans(h) == 0, "fixpool_init(%zu) took a span before any get", gsizes[k]);
        size_t span_bytes = p.span_pages * ML_PAGE_SIZE, per = span_bytes / p.size;
        for (size_t s = 1; s <= 3; s++) {
            for (size_t i = 0; i < per; i++) {
                cr_assert(get_ok(&p, "grows_by_whole_spans", (s - 1) * per + i + 1));
                cr_assert(suite_spans(h) == s,
                          "%zu-byte objects (%zu per %zu-page span): after %zu gets the pool "
                          "holds %zu span(s), want %zu — take a new span only when the current "
                          "one is fully cut " SUITE_SEE("task 1"),
                          p.size, per, p.span_pages, (s - 1) * per + i + 1, suite_spans(h), s);
                cr_assert(
                    p.nspans == s,
                    "%zu-byte objects: after %zu gets the pool holds %zu span(s) of the "
                    "heap, but p->nspans is %zu — it counts the spans taken (pools.h) " SUITE_SEE(
                        "task 1") "; " SUITE_REPLAY("fixpool/grows_by_whole_spans"),
                    p.size, (s - 1) * per + i + 1, s, p.nspans);
            }
            cr_assert(suite_inuse(h) == s * span_bytes,
                      "%zu-byte objects: %zu spans should be %zu bytes of pages, the heap has "
                      "%zu in use (spans of fixpool_span_pages(size) pages)",
                      p.size, s, s * span_bytes, suite_inuse(h));
        }
        fixpool_destroy(&p);
        suite_heap_empty(h, "fixpool_destroy");
    }
    ml_pageheap_destroy(h);
}

void suite_fixpool_use_after_put_caught_in_debug(void)
{
    ml_pageheap_t *h = suite_heap(64);
    suite_catch_faults();
    static const size_t dsizes[] = { 16, 64, 200 };
    for (size_t k = 0; k < 3; k++) {
        size_t size = dsizes[k];
        fixpool_t p;
        cr_assert(fixpool_init(&p, h, size, true) == 0, "fixpool_init(debug) failed");
        // A clean cycle raises no fault, and leaves the poison in place.
        unsigned char *a = get_ok(&p, "use_after_put_caught_in_debug", 1);
        unsigned char *b = get_ok(&p, "use_after_put_caught_in_debug", 2);
        memset(a, 0x11, size);
        memset(b, 0x22, size);
        fixpool_put(&p, a);
        for (size_t i = sizeof(void *); i < size; i++)
            cr_assert(a[i] == FIXPOOL_POISON,
                      "debug pool of %zu-byte objects: after put, byte %zu of the object is "
                      "0x%02x, not the poison 0x%02x " SUITE_SEE("task 1, debug builds"),
                      size, i, a[i], FIXPOOL_POISON);
        unsigned char *a2 = get_ok(&p, "use_after_put_caught_in_debug", 3);
        cr_assert(a2 == a, "debug pool: get after put did not return the put object");
        cr_assert(p.inuse == 2,
                  "debug pool of %zu-byte objects: get, get, put, get (the put object back) — "
                  "p->inuse is %zu, but 2 objects are out " SUITE_SEE("task 1, debug builds"),
                  size, p.inuse);
        cr_assert(suite_faults.count == 0,
                  "debug pool: a get after a clean put reported a use after put (object %p, "
                  "byte %zu) — nothing wrote to it",
                  suite_faults.obj, suite_faults.offset);
        // A use after put: write one byte (the last) of a put object.
        fixpool_put(&p, a2);
        a2[size - 1] = 0x5a;
        unsigned char *a3 = get_ok(&p, "use_after_put_caught_in_debug", 4);
        cr_assert(suite_faults.count == 1,
                  "debug pool of %zu-byte objects: object %p was put back, then its byte %zu "
                  "was written, then it was handed out again — and get reported %d fault(s) "
                  "through pools_fault, not 1 " SUITE_SEE("task 1, debug builds") "; " SUITE_REPLAY(
                      "fixpool/use_after_put_caught_in_debug"),
                  size, (void *)a2, size - 1, suite_faults.count);
        cr_assert(suite_faults.obj == a2 && suite_faults.offset == size - 1,
                  "debug pool: pools_fault named object %p byte %zu; the write was to %p "
                  "byte %zu",
                  suite_faults.obj, suite_faults.offset, (void *)a2, size - 1);
        cr_assert(a3 == a2,
                  "debug pool: after reporting the fault, get must still hand the "
                  "object out (it returned %p, not %p)",
                  (void *)a3, (void *)a2);
        // The other end: the first poisoned byte, just past the link word.
        suite_faults.count = 0;
        fixpool_put(&p, a3);
        a3[sizeof(void *)] = 0x5a;
        unsigned char *a4 = get_ok(&p, "use_after_put_caught_in_debug", 5);
        cr_assert(
            suite_faults.count == 1 && suite_faults.obj == a3 &&
                suite_faults.offset == sizeof(void *),
            "debug pool of %zu-byte objects: object %p was put back, then its byte %zu "
            "(the first byte after the free-list link) was written, then it was handed "
            "out again — get reported %d fault(s), the last at byte %zu " SUITE_SEE(
                "task 1, debug builds") "; " SUITE_REPLAY("fixpool/use_after_put_caught_in_debug"),
            size, (void *)a3, sizeof(void *), suite_faults.count, suite_faults.offset);
        suite_faults.count = 0;
        fixpool_put(&p, b);
        fixpool_put(&p, a4);
        cr_assert(p.inuse == 0,
                  "debug pool of %zu-byte objects: every object was put back, yet p->inuse "
                  "is %zu " SUITE_SEE("task 1, debug builds"),
                  size, p.inuse);
        fixpool_destroy(&p);
        suite_heap_empty(h, "fixpool_destroy (debug)");
    }
    ml_pageheap_destroy(h);
}

void suite_fixpool_returns_everything(void)
{
    ml_pageheap_t *h = suite_heap(64);
    for (int round = 0; round < 20; round++) {
        fixpool_t p;
        size_t size = 8 + 40 * (size_t)round;
        long blocks = ml_heap_blocks();
        cr_assert(fixpool_init(&p, h, size, round % 2) == 0, "fixpool_init failed");
        void *keep[500];
        size_t n = 100 + 20 * (size_t)round;
        for (size_t i = 0; i < n; i++) {
            void *o = get_ok(&p, "returns_everything", i + 1);
            if (i < 500)
                keep[i] = o;
        }
        for (size_t i = 0; i < n && i < 500; i += 2)
            fixpool_put(&p, keep[i]);
        cr_assert(suite_spans(h) > 0, "round %d: the pool took no span for %zu objects", round, n);
        fixpool_destroy(&p);
        suite_heap_empty(h, "fixpool_destroy after gets and puts (round of 20)");
        suite_blocks_back(blocks, "fixpool_destroy after gets and puts (round of 20)");
    }
    fixpool_t bad;
    cr_assert(fixpool_init(&bad, h, 0, false) == -1, "fixpool_init with size 0 must fail");
    cr_assert(fixpool_init(&bad, h, (1u << 20) + 1, false) == -1,
              "fixpool_init with size 1 MiB + 1 must fail");
    cr_assert(fixpool_init(&bad, h, 1u << 20, false) == 0,
              "fixpool_init with size 1 MiB must work");
    fixpool_destroy(&bad);
    ml_pageheap_destroy(h);
}

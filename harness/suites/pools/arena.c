// arena.c — the arena (task 2): bumping inside a chunk, every power-of-two
// alignment, a request just over what is left or over the large threshold,
// reset keeping one chunk, usable memory, pages returned.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/grade.h"
#include "pools_suite.h"

#define CHUNK (64u << 10)

static void *alloc_ok(arena_t *a, size_t size, size_t align, const char *step)
{
    void *p = arena_alloc(a, size, align);
    cr_assert(
        p,
        "arena_alloc(%zu, align %zu) returned NULL (%s) on a heap with room " SUITE_SEE("task 2"),
        size, align, step);
    cr_assert(
        ((uintptr_t)p & (align - 1)) == 0,
        "arena_alloc(%zu, align %zu) returned %p, not aligned to %zu (%s) " SUITE_SEE("task 2"),
        size, align, p, align, step);
    return p;
}

// chunks_ok — the arena (alone on its heap) counts in a->nchunks exactly the
// chunks it holds, as pools.h asks; `step` says when.
static void chunks_ok(const arena_t *a, ml_pageheap_t *h, const char *step, const char *test)
{
    cr_assert(a->nchunks == suite_spans(h),
              "%s the arena holds %zu chunk(s) of the heap, but a->nchunks is %zu — it counts "
              "the chunks on the chunks list (pools.h) " SUITE_SEE(
                  "task 2") "; replay: build/<impl>/suites/pools --filter 'arena/%s' --verbose",
              step, suite_spans(h), a->nchunks, test);
}

// allocated_ok — the arena counts in a->allocated the bytes of every request
// it served since init or the last reset, as pools.h asks: `want` (the test
// sums the sizes it asked for); `step` says after which request.
static void allocated_ok(const arena_t *a, size_t want, const char *step, const char *test)
{
    cr_assert(a->allocated == want,
              "%s a->allocated is %zu, want %zu: it counts the bytes of every request served "
              "since init or the last reset, however the request was served (pools.h) " SUITE_SEE(
                  "task 2") "; replay: build/<impl>/suites/pools --filter 'arena/%s' --verbose",
              step, a->allocated, want, test);
}

void suite_arena_bumps_within_a_chunk(void)
{
    ml_pageheap_t *h = suite_heap(64);
    arena_t a;
    cr_assert(arena_init(&a, h, CHUNK) == 0, "arena_init failed");
    cr_assert(suite_spans(h) == 0, "arena_init took a span before any allocation");
    char *p = alloc_ok(&a, 24, 8, "the first allocation");
    char *q = alloc_ok(&a, 16, 8, "the second");
    cr_assert(q == p + 24,
              "two allocations of 24 then 16 bytes (align 8) in a fresh chunk: the "
              "second is at +%td, want +24 — bump allocation packs them",
              q - p);
    char *r = alloc_ok(&a, 1, 1, "one byte, align 1");
    cr_assert(r == q + 16, "a 1-byte, align-1 request is at +%td from the last, want +16", r - q);
    cr_assert(suite_spans(h) == 1, "three small requests took %zu chunks, want 1", suite_spans(h));
    // Fill exactly to the end of the chunk: stays in it.
    size_t used = (size_t)(r + 1 - p), rest = CHUNK - used;
    while (rest > CHUNK / 4) { // in pieces small enough not to be "large"
        alloc_ok(&a, CHUNK / 4, 1, "filling the chunk");
        rest -= CHUNK / 4;
    }
    char *last = alloc_ok(&a, rest, 1, "the request that exactly fills the chunk");
    cr_assert(suite_spans(h) == 1 && last + rest == p + CHUNK,
              "a request of exactly the %zu bytes left in the chunk must be served from it "
              "(the heap now has %zu chunks)",
              rest, suite_spans(h));
    allocated_ok(&a, CHUNK, "after requests that exactly fill the first chunk,",
                 "bumps_within_a_chunk");
    char *next = alloc_ok(&a, 1, 1, "one byte after the chunk is full");
    cr_assert(suite_spans(h) == 2, "one byte more than the chunk holds must start a new chunk");
    chunks_ok(&a, h, "after one byte more than the first chunk holds,", "bumps_within_a_chunk");
    allocated_ok(&a, CHUNK + 1, "after one byte that started a new chunk,", "bumps_within_a_chunk");
    cr_assert(next < p || next >= p + CHUNK, "the new chunk's byte %p lies inside the full chunk",
              (void *)next);
    // A request that does not fit the rest starts a new chunk.
    alloc_ok(&a, CHUNK / 4, 1, "a quarter chunk");
    alloc_ok(&a, CHUNK / 4, 1, "a quarter chunk");
    alloc_ok(&a, CHUNK / 4, 1, "a quarter chunk");
    cr_assert(suite_spans(h) == 2, "three quarter-chunk requests that fit took a new chunk");
    alloc_ok(&a, CHUNK / 4, 1, "a quarter chunk that no longer fits");
    cr_assert(suite_spans(h) == 3,
              "a request larger than the rest of the current chunk must "
              "start a new chunk (the heap has %zu chunks, want 3)",
              suite_spans(h));
    chunks_ok(&a, h, "after a request that did not fit the second chunk,", "bumps_within_a_chunk");
    allocated_ok(&a, 2 * CHUNK + 1, "after a quarter chunk that started a third chunk,",
                 "bumps_within_a_chunk");
    arena_destroy(&a);
    suite_heap_empty(h, "arena_destroy");
    ml_pageheap_destroy(h);
}

void suite_arena_every_power_of_two_alignment(void)
{
    ml_pageheap_t *h = suite_heap(256);
    arena_t a;
    cr_assert(arena_init(&a, h, CHUNK) == 0, "arena_init failed");
    for (size_t align = 1; align <= (1u << 20); align <<= 1) {
        char step[64];
        snprintf(step, sizeof step, "after a 1-byte allocation, align %zu", align);
        alloc_ok(&a, 1, 1, "a 1-byte allocation");
        char *p = alloc_ok(&a, 8, align, step);
        memset(p, 0xab, 8);
        // The other side of the boundary: just below and just above.
        if (align > 1) {
            alloc_ok(&a, 3, 1, "3 bytes");
            alloc_ok(&a, align - 1, align, "align-1 bytes");
            alloc_ok(&a, align + 1, align, "align+1 bytes");
        }
    }
    static const size_t bad[] = { 0, 3, 6, 12, 24, 100, (1u << 20) + 1, 2u << 20 };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert(arena_alloc(&a, 8, bad[i]) == NULL,
                  "arena_alloc(8, align %zu) must return NULL (alignments are powers of two "
                  "up to 1 MiB)",
                  bad[i]);
    cr_assert(arena_alloc(&a, 0, 16) != NULL, "arena_alloc(0, 16) must return a (1-byte) block");
    arena_destroy(&a);
    suite_heap_empty(h, "arena_destroy after aligned allocations");
    ml_pageheap_destroy(h);
}

void suite_arena_large_request_own_chunk(void)
{
    ml_pageheap_t *h = suite_heap(64);
    arena_t a;
    cr_assert(arena_init(&a, h, CHUNK) == 0, "arena_init failed");
    char *p = alloc_ok(&a, 64, 8, "a small request");
    char *big = alloc_ok(&a, CHUNK / 4, 8, "exactly a quarter chunk (not large)");
    cr_assert(big == p + 64 && suite_spans(h) == 1,
              "a request of exactly chunk/4 bytes is not large: it comes from the current chunk");
    char *q = alloc_ok(&a, 64, 8, "a small request");
    char *large = alloc_ok(&a, CHUNK / 4 + 1, 8, "chunk/4 + 1 bytes (large)");
    cr_assert(suite_spans(h) == 2,
              "a large request (chunk/4 + 1 bytes) must get a chunk of its "
              "own; the heap has %zu chunks, want 2 " SUITE_SEE("task 2"),
              suite_spans(h));
    chunks_ok(&a, h, "after a large request,", "large_request_own_chunk");
    allocated_ok(&a, 64 + CHUNK / 4 + 64 + CHUNK / 4 + 1, "after a large request of its own chunk,",
                 "large_request_own_chunk");
    char *r = alloc_ok(&a, 64, 8, "a small request after the large one");
    cr_assert(r == q + 64,
              "after a large request, the next small one must continue the current chunk "
              "(it is at %p, want %p): a large request leaves the current chunk current",
              (void *)r, (void *)(q + 64));
    memset(large, 1, CHUNK / 4 + 1);
    // A huge request: its own chunk, just big enough.
    size_t before = suite_inuse(h);
    char *huge = alloc_ok(&a, 1u << 20, 64, "1 MiB");
    memset(huge, 2, 1u << 20);
    cr_assert(suite_inuse(h) - before == (1u << 20),
              "a 1 MiB request took %zu bytes of pages; a large chunk is just big enough",
              suite_inuse(h) - before);
    arena_destroy(&a);
    suite_heap_empty(h, "arena_destroy after large requests");
    ml_pageheap_destroy(h);
}

// suite_arena_quarter_that_does_not_fit — the large threshold on the slow
// path: when the current chunk has less than chunk/4 bytes left, a request of
// exactly chunk/4 bytes is still not large (pools.h: large is more than
// chunk_bytes / 4), so it starts a new ordinary chunk, which becomes current;
// one byte more is large and gets a chunk of its own, just big enough, while
// the current chunk stays current.
void suite_arena_quarter_that_does_not_fit(void)
{
    ml_pageheap_t *h = suite_heap(64);
    arena_t a;
    cr_assert(arena_init(&a, h, CHUNK) == 0, "arena_init failed");
    // Leave chunk/4 - 64 bytes in the first chunk.
    alloc_ok(&a, 64, 8, "a small request");
    for (int i = 0; i < 3; i++)
        alloc_ok(&a, CHUNK / 4, 8, "a quarter chunk that fits");
    char *q = alloc_ok(&a, CHUNK / 4, 8, "exactly a quarter chunk that no longer fits");
    cr_assert(
        suite_spans(h) == 2 && suite_inuse(h) == 2 * CHUNK,
        "with %u bytes left in the current chunk, a request of exactly chunk/4 = %u bytes "
        "left the heap with %zu chunk(s), %zu bytes; want 2 ordinary chunks of %u bytes: "
        "a request of exactly chunk/4 is not large, so one that does not fit starts a new "
        "ordinary chunk " SUITE_SEE("task 2") "; " SUITE_REPLAY("arena/large_request_own_chunk"),
        CHUNK / 4 - 64, CHUNK / 4, suite_spans(h), suite_inuse(h), CHUNK);
    chunks_ok(&a, h, "after a quarter chunk that did not fit,", "large_request_own_chunk");
    char *r = alloc_ok(&a, 64, 8, "a small request after it");
    cr_assert(r == q + CHUNK / 4,
              "after a quarter-chunk request that started a new chunk, the next small request "
              "is at %p, want %p just after it: the new chunk becomes the current chunk " SUITE_SEE(
                  "task 2") "; " SUITE_REPLAY("arena/large_request_own_chunk"),
              (void *)r, (void *)(q + CHUNK / 4));
    // The other side: chunk/4 + 1 bytes when chunk/4 - 64 are left.
    alloc_ok(&a, CHUNK / 4, 8, "a quarter chunk that fits");
    char *s = alloc_ok(&a, CHUNK / 4, 8, "a quarter chunk that fits");
    size_t before = suite_inuse(h);
    char *large = alloc_ok(&a, CHUNK / 4 + 1, 8, "chunk/4 + 1 bytes that do not fit (large)");
    size_t own = (CHUNK / 4 + 1 + ML_PAGE_SIZE - 1) / ML_PAGE_SIZE * ML_PAGE_SIZE;
    cr_assert(suite_spans(h) == 3 && suite_inuse(h) - before == own,
              "with %u bytes left in the current chunk, a large request of chunk/4 + 1 bytes "
              "took %zu bytes of pages (the heap has %zu chunks); want a chunk of its own, just "
              "big enough: %zu bytes " SUITE_SEE("task 2") "; " SUITE_REPLAY(
                  "arena/large_request_own_chunk"),
              CHUNK / 4 - 64, suite_inuse(h) - before, suite_spans(h), own);
    memset(large, 3, CHUNK / 4 + 1);
    char *t = alloc_ok(&a, 64, 8, "a small request after the large one");
    cr_assert(t == s + CHUNK / 4,
              "after a large request that did not fit the current chunk, the next small request "
              "is at %p, want %p: a large request leaves the current chunk current " SUITE_SEE(
                  "task 2") "; " SUITE_REPLAY("arena/large_request_own_chunk"),
              (void *)t, (void *)(s + CHUNK / 4));
    chunks_ok(&a, h, "after a large request that did not fit,", "large_request_own_chunk");
    arena_destroy(&a);
    suite_heap_empty(h, "arena_destroy after quarter-chunk requests");
    ml_pageheap_destroy(h);
}

// suite_arena_request_limit — pools.h: a request over 1 GiB is refused
// (NULL, the arena unchanged) even when the heap could give it; exactly
// 1 GiB is served. The heap reserves its address space up front and the
// arena takes its pages without zeroing them, so only the two pages the
// test writes are ever touched.
void suite_arena_request_limit(void)
{
    const size_t gib = (size_t)1 << 30;
    ml_pageheap_t *h = suite_heap(1024 + 4);
    arena_t a;
    cr_assert(arena_init(&a, h, CHUNK) == 0, "arena_init failed");
    cr_assert(arena_alloc(&a, gib + 1, 8) == NULL,
              "arena_alloc(1 GiB + 1 byte, align 8), on a heap of 1 GiB + 4 MiB, returned a "
              "pointer: a request over 1 GiB must be refused (NULL) " SUITE_SEE("task 2"));
    cr_assert(
        suite_spans(h) == 0 && a.nchunks == 0 && a.allocated == 0,
        "after a refused request of 1 GiB + 1 byte the heap has %zu span(s) in use and the "
        "arena counts %zu chunk(s), %zu bytes: a refusal must leave the arena unchanged " SUITE_SEE(
            "task 2"),
        suite_spans(h), a.nchunks, a.allocated);
    char *p = alloc_ok(&a, gib, 8, "exactly 1 GiB, the largest request served");
    p[0] = 1;
    p[gib - 1] = 2;
    cr_assert(suite_inuse(h) == gib && a.allocated == gib,
              "a request of exactly 1 GiB took %zu bytes of pages (arena counts %zu bytes); a "
              "large chunk is just big enough",
              suite_inuse(h), a.allocated);
    arena_destroy(&a);
    suite_heap_empty(h, "arena_destroy after a 1 GiB request");
    ml_pageheap_destroy(h);
}

void suite_arena_reset_keeps_one_chunk(void)
{
    ml_pageheap_t *h = suite_heap(128);
    arena_t a;
    cr_assert(arena_init(&a, h, CHUNK) == 0, "arena_init failed");
    for (int round = 0; round < 5; round++) {
        char *first = NULL;
        for (int i = 0; i < 3000; i++) {
            char *p = alloc_ok(&a, 100, 16, "a request of a round");
            if (!first)
                first = p;
            if (i % 500 == 0)
                alloc_ok(&a, CHUNK, 64, "a large request of a round");
        }
        cr_assert(suite_spans(h) > 4, "round %d took only %zu chunks", round, suite_spans(h));
        chunks_ok(&a, h, "before arena_reset,", "reset_keeps_one_chunk");
        arena_reset(&a);
        chunks_ok(&a, h, "after arena_reset (requests spread over several chunks),",
                  "reset_keeps_one_chunk");
        cr_assert(suite_spans(h) == 1 && suite_inuse(h) == CHUNK,
                  "after arena_reset (round %d of requests spread over several chunks) the heap "
                  "holds %zu chunk(s), %zu bytes: want exactly one ordinary chunk kept " SUITE_SEE(
                      "task 2, reset") "; " SUITE_REPLAY("arena/reset_keeps_one_chunk"),
                  round + 1, suite_spans(h), suite_inuse(h));
        char *p = alloc_ok(&a, 100, 16, "the first request after reset");
        ml_span_t *kept = ml_pageheap_span_of(h, p);
        cr_assert(kept && (uintptr_t)p == kept->base,
                  "the first request after reset must start the kept chunk (it is at +%zu)",
                  kept ? (size_t)((uintptr_t)p - kept->base) : (size_t)-1);
        cr_assert(a.allocated == 100, "after reset and one 100-byte request, a->allocated is %zu",
                  a.allocated);
    }
    arena_reset(&a);
    arena_destroy(&a);
    suite_heap_empty(h, "arena_destroy after resets");
    // An arena that only ever had large chunks keeps none.
    cr_assert(arena_init(&a, h, CHUNK) == 0, "arena_init failed");
    alloc_ok(&a, CHUNK, 8, "a large request");
    arena_reset(&a);
    cr_assert(suite_spans(h) == 0, "reset of an arena with only a large chunk must free it");
    chunks_ok(&a, h, "after arena_reset of an arena that only had a large chunk,",
              "reset_keeps_one_chunk");
    arena_destroy(&a);
    ml_pageheap_destroy(h);
}

void suite_arena_memory_is_usable(void)
{
    ml_pageheap_t *h = suite_heap(128);
    arena_t a;
    cr_assert(arena_init(&a, h, 16u << 10) == 0, "arena_init failed");
    enum { N = 4000 };
    unsigned char **ps = calloc(N, sizeof *ps);
    size_t *sz = calloc(N, sizeof *sz);
    uint64_t x = 88172645463325252ull;
    for (size_t i = 0; i < N; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        sz[i] = 1 + x % 700;
        if (i % 97 == 0)
            sz[i] = 5000 + x % 9000; // some large ones
        size_t align = (size_t)1 << (x >> 40) % 8;
        ps[i] = alloc_ok(&a, sz[i], align, "random sizes and alignments");
        memset(ps[i], (int)(i & 0xff), sz[i]);
    }
    for (size_t i = 0; i < N; i++)
        for (size_t j = 0; j < sz[i]; j++)
            cr_assert(ps[i][j] == (i & 0xff),
                      "allocation %zu (%zu bytes at %p): byte %zu was overwritten by a later "
                      "allocation — two allocations overlap",
                      i, sz[i], (void *)ps[i], j);
    free(ps);
    free(sz);
    arena_destroy(&a);
    suite_heap_empty(h, "arena_destroy");
    ml_pageheap_destroy(h);
}

void suite_arena_returns_everything(void)
{
    ml_pageheap_t *h = suite_heap(64);
    for (int round = 0; round < 20; round++) {
        arena_t a;
        long blocks = ml_heap_blocks();
        cr_assert(arena_init(&a, h, (size_t)(round + 1) * 5000) == 0, "arena_init failed");
        for (int i = 0; i < 200 * round; i++)
            alloc_ok(&a, (size_t)(i % 300) + 1, 8, "a request");
        if (round % 3 == 0)
            arena_reset(&a);
        arena_destroy(&a);
        suite_heap_empty(h, "arena_destroy (20 rounds of init, allocations, reset, destroy)");
        suite_blocks_back(blocks, "arena_destroy (20 rounds of init, allocations, reset, destroy)");
    }
    arena_t a;
    cr_assert(arena_init(&a, h, (64u << 20) + 1) == -1,
              "arena_init of over 64 MiB chunks must fail");
    ml_pageheap_destroy(h);
}

// tracking.c — the live-block table: exact under churn against a model kept
// by the suite, realloc's site rule, sorted snapshots, memory returned by a
// reset, and a million blocks in constant time per operation.
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lk_suite.h"
#include "memlab/grade.h"
#include "memlab/rng.h"

void suite_track_basic(void)
{
    lk_track_reset();
    lk_block_t b;
    cr_assert(lk_track_alloc(0x10000, 64, 7) == 0, "lk_track_alloc(0x10000, 64, site 7) failed");
    cr_assert(lk_track_alloc(0x20000, 0, 8) == 0, "malloc(0) gives a block too: lk_track_alloc "
                                                  "(0x20000, 0 bytes) failed");
    cr_assert(lk_track_count() == 2, "two blocks recorded, lk_track_count says %zu",
              lk_track_count());
    cr_assert(lk_track_lookup(0x10000, &b) == 1 && b.addr == 0x10000 && b.size == 64 && b.site == 7,
              "lookup of the block at 0x10000 (64 bytes, site 7) gave %d: size %zu site %u",
              lk_track_lookup(0x10000, &b), b.size, b.site);
    cr_assert(lk_track_lookup(0x10008, &b) == 0,
              "no block starts at 0x10008 (it is inside one): lookup must say 0");
    cr_assert(lk_track_free(0x10000, &b) == 1 && b.size == 64 && b.site == 7,
              "free of the live block at 0x10000 must return 1 and the block (64 bytes, site 7)");
    cr_assert(lk_track_free(0x10000, &b) == 0, "a second free of 0x10000 (a double free) must "
                                               "return 0: the block is no longer live");
    cr_assert(lk_track_free(0x30000, NULL) == 0, "free of a pointer never recorded must return 0");
    cr_assert(lk_track_count() == 1, "one block left, lk_track_count says %zu", lk_track_count());
    // Addresses 0 and 1 were never recorded, even after a churn that leaves
    // many freed entries behind: lookup and free must find nothing.
    for (uintptr_t i = 0; i < 400; i++)
        cr_assert(lk_track_alloc(0x50000 + 16 * i, 16, 9) == 0,
                  "lk_track_alloc of block %zu at 0x%zx failed", (size_t)i,
                  (size_t)(0x50000 + 16 * i));
    for (uintptr_t i = 0; i < 400; i++)
        cr_assert(lk_track_free(0x50000 + 16 * i, NULL) == 1,
                  "free of the live block at 0x%zx must return 1", (size_t)(0x50000 + 16 * i));
    for (uintptr_t a = 0; a <= 1; a++) {
        cr_assert(lk_track_lookup(a, &b) == 0,
                  "scenario: 400 blocks at 0x50000.. tracked and freed; no block was ever "
                  "recorded at address %zu, but lk_track_lookup(%zu) finds one (a freed "
                  "entry is not a live block; handout: labs/leak-detection/README.md, task 1); "
                  "replay: build/<impl>/suites/leak-detection --filter 'track/basic' --verbose",
                  (size_t)a, (size_t)a);
        cr_assert(lk_track_free(a, NULL) == 0,
                  "scenario: 400 blocks at 0x50000.. tracked and freed; lk_track_free(%zu) of "
                  "an address never recorded must return 0 (leaks.h, lk_track_free); replay: "
                  "build/<impl>/suites/leak-detection --filter 'track/basic' --verbose",
                  (size_t)a);
    }
    cr_assert(lk_track_count() == 1, "one block left after the churn, lk_track_count says %zu",
              lk_track_count());
    // Both sides of the smallest address a block can have: 0 and 1 are no
    // block's (leaks.h, lk_track_alloc), 2 is an address like any other.
    for (uintptr_t a = 0; a <= 2; a++) {
        int want = a <= 1 ? -1 : 0;
        int rc = lk_track_alloc(a, 8, 5);
        cr_assert(rc == want,
                  "scenario: one block live at 0x20000; lk_track_alloc(%zu, 8 bytes, site 5) "
                  "returned %d, leaks.h says %d (lk_track_alloc: which addresses are no "
                  "block's); replay: build/<impl>/suites/leak-detection --filter 'track/basic' "
                  "--verbose",
                  (size_t)a, rc, want);
        size_t live = a <= 1 ? 1 : 2;
        cr_assert(lk_track_count() == live,
                  "scenario: one block live at 0x20000, then lk_track_alloc(%zu, 8 bytes, "
                  "site 5) returned %d: %zu blocks are live, lk_track_count says %zu; replay: "
                  "build/<impl>/suites/leak-detection --filter 'track/basic' --verbose",
                  (size_t)a, rc, live, lk_track_count());
    }
    cr_assert(lk_track_lookup(2, &b) == 1 && b.size == 8 && b.site == 5 &&
                  lk_track_free(2, NULL) == 1 && lk_track_count() == 1,
              "scenario: a block of 8 bytes from site 5 recorded at address 2: lookup must find "
              "it, free must return 1 and leave the one block at 0x20000; replay: "
              "build/<impl>/suites/leak-detection --filter 'track/basic' --verbose");
    lk_track_reset();
    cr_assert(lk_track_count() == 0, "after lk_track_reset, %zu blocks are still counted",
              lk_track_count());
}

// The suite's model: a sorted array of live blocks.
typedef struct model {
    lk_block_t *b;
    size_t n;
} model_t;

static size_t model_find(const model_t *m, uintptr_t a)
{
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->b[mid].addr < a)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void model_put(model_t *m, uintptr_t a, size_t size, uint32_t site)
{
    size_t i = model_find(m, a);
    memmove(m->b + i + 1, m->b + i, (m->n - i) * sizeof *m->b);
    m->b[i] = (lk_block_t){ a, size, site, 0 };
    m->n++;
}

static void model_del(model_t *m, size_t i)
{
    memmove(m->b + i, m->b + i + 1, (m->n - i - 1) * sizeof *m->b);
    m->n--;
}

void suite_track_churn_exact(void)
{
    lk_track_reset();
    ml_rng_t rng;
    ml_rng_seed(&rng, 2024);
    size_t cap = 20000;
    model_t m = { calloc(cap + 1, sizeof(lk_block_t)), 0 };
    lk_block_t *snap = calloc(cap + 1, sizeof *snap);
    for (long op = 0; op < 200000; op++) {
        uint64_t r = ml_rng_below(&rng, 100);
        if ((r < 50 && m.n < cap) || m.n == 0) { // malloc at a fresh 16-aligned address
            uintptr_t a;
            do
                a = 0x100000 + 16 * ml_rng_below(&rng, 1u << 24);
            while (model_find(&m, a) < m.n && m.b[model_find(&m, a)].addr == a);
            size_t size = ml_rng_below(&rng, 5000);
            uint32_t site = 1 + (uint32_t)ml_rng_below(&rng, 50);
            cr_assert(lk_track_alloc(a, size, site) == 0,
                      "churn op %ld: lk_track_alloc failed "
                      "with %zu blocks live",
                      op, m.n);
            model_put(&m, a, size, site);
        } else if (r < 85) { // free a live block
            size_t i = ml_rng_below(&rng, m.n);
            lk_block_t got;
            int rc = lk_track_free(m.b[i].addr, &got);
            cr_assert(rc == 1 && got.size == m.b[i].size && got.site == m.b[i].site,
                      "churn op %ld: free of live block 0x%lx (%zu bytes, site %u) returned %d "
                      "(%zu bytes, site %u)",
                      op, (unsigned long)m.b[i].addr, m.b[i].size, m.b[i].site, rc, got.size,
                      got.site);
            model_del(&m, i);
        } else if (r < 95) { // realloc: moves, or stays
            size_t i = ml_rng_below(&rng, m.n);
            lk_block_t old = m.b[i];
            uintptr_t to = old.addr;
            if (ml_rng_below(&rng, 2)) {
                do
                    to = 0x100000 + 16 * ml_rng_below(&rng, 1u << 24);
                while (model_find(&m, to) < m.n && m.b[model_find(&m, to)].addr == to);
            }
            size_t size = ml_rng_below(&rng, 5000);
            uint32_t site = 100 + (uint32_t)ml_rng_below(&rng, 20);
            cr_assert(lk_track_realloc(old.addr, to, size, site) == 0,
                      "churn op %ld: realloc of live block 0x%lx failed", op,
                      (unsigned long)old.addr);
            model_del(&m, i);
            model_put(&m, to, size, site);
        } else { // free of something not live
            uintptr_t a = 0x100000 + 16 * ml_rng_below(&rng, 1u << 24) + 8;
            cr_assert(lk_track_free(a, NULL) == 0,
                      "churn op %ld: free(0x%lx), never allocated, returned 1", op,
                      (unsigned long)a);
        }
        if (op % 20000 == 19999 || op == 199999) {
            size_t n = lk_track_snapshot(snap, cap);
            cr_assert(n == m.n, "after %ld operations: %zu live blocks, the table has %zu", op + 1,
                      m.n, n);
            for (size_t i = 0; i < n; i++)
                cr_assert(snap[i].addr == m.b[i].addr && snap[i].size == m.b[i].size &&
                              snap[i].site == m.b[i].site,
                          "after %ld operations: live block #%zu in address order is 0x%lx "
                          "(%zu bytes, site %u); the snapshot has 0x%lx (%zu bytes, site %u)",
                          op + 1, i, (unsigned long)m.b[i].addr, m.b[i].size, m.b[i].site,
                          (unsigned long)snap[i].addr, snap[i].size, snap[i].site);
        }
    }
    free(m.b);
    free(snap);
    lk_track_reset();
}

void suite_track_realloc_site(void)
{
    lk_track_reset();
    lk_block_t b;
    lk_track_alloc(0x5000, 16, 3);
    cr_assert(lk_track_realloc(0x5000, 0x9000, 64, 11) == 0, "realloc of a live block failed");
    cr_assert(lk_track_lookup(0x5000, NULL) == 0,
              "realloc moved the block from 0x5000 to 0x9000: 0x5000 is still live");
    cr_assert(lk_track_lookup(0x9000, &b) == 1, "realloc moved the block to 0x9000: not found");
    cr_assert(b.size == 64 && b.site == 11,
              "after realloc(…, 64) at site 11 the block is %zu bytes from site %u (the site "
              "rule is in leaks.h and the handout)",
              b.size, b.site);
    cr_assert(lk_track_realloc(0x9000, 0x9000, 8, 12) == 0, "realloc in place failed");
    cr_assert(lk_track_lookup(0x9000, &b) == 1 && b.size == 8 && b.site == 12,
              "realloc in place to 8 bytes at site 12: the block is %zu bytes from site %u", b.size,
              b.site);
    cr_assert(lk_track_count() == 1, "one block after two reallocs, the table counts %zu",
              lk_track_count());
    cr_assert(lk_track_realloc(0x7777770, 0xa000, 5, 13) == -1,
              "realloc of a block never recorded must return -1");
    cr_assert(lk_track_lookup(0xa000, &b) == 1 && b.size == 5 && b.site == 13,
              "realloc of an unknown block must still record the new one (5 bytes, site 13)");
    lk_track_reset();
}

void suite_track_snapshot_sorted_and_capped(void)
{
    lk_track_reset();
    uintptr_t addrs[] = { 0x9000, 0x1000, 0x5000, 0x3000, 0x7000 };
    for (int i = 0; i < 5; i++)
        lk_track_alloc(addrs[i], 10 + (size_t)i, (uint32_t)i + 1);
    lk_block_t out[5];
    cr_assert(lk_track_snapshot(out, 5) == 5, "5 live blocks: lk_track_snapshot must return 5");
    for (int i = 1; i < 5; i++)
        cr_assert(out[i - 1].addr < out[i].addr,
                  "the snapshot must be sorted by address: 0x%lx comes before 0x%lx",
                  (unsigned long)out[i - 1].addr, (unsigned long)out[i].addr);
    lk_block_t two[3] = { { 0 } };
    two[2].addr = 0xdead;
    cr_assert(lk_track_snapshot(two, 2) == 5,
              "with room for 2 of 5 blocks, lk_track_snapshot must still return 5");
    cr_assert(two[2].addr == 0xdead, "with room for 2 blocks, lk_track_snapshot wrote a third");
    // Capped again, after frees: what is written must still be live blocks.
    lk_track_reset();
    for (uintptr_t i = 1; i <= 200; i++)
        lk_track_alloc(0x100000 + 64 * i, 24, 7);
    for (uintptr_t i = 1; i <= 200; i++)
        if (i % 4 != 0)
            lk_track_free(0x100000 + 64 * i, NULL);
    lk_block_t ten[10];
    cr_assert(lk_track_snapshot(ten, 10) == 50,
              "200 blocks tracked, 150 freed: lk_track_snapshot with room for 10 must return 50");
    for (int i = 0; i < 10; i++) {
        cr_assert(lk_track_lookup(ten[i].addr, NULL) == 1 && ten[i].size == 24,
                  "200 blocks tracked, 150 freed, a snapshot with room for 10: entry %d is "
                  "0x%lx (%zu bytes), not one of the 50 live blocks (leaks.h, "
                  "lk_track_snapshot)",
                  i, (unsigned long)ten[i].addr, ten[i].size);
        cr_assert(i == 0 || ten[i - 1].addr < ten[i].addr,
                  "a capped snapshot must be sorted by address: 0x%lx comes before 0x%lx",
                  (unsigned long)ten[i - 1].addr, (unsigned long)ten[i].addr);
    }
    lk_track_reset();
}

void suite_track_reset_returns_memory(void)
{
    lk_track_reset();
    lk_region_t r[1024];
    size_t before = lk_mem_regions(r, 1024);
    for (uintptr_t i = 1; i <= 100000; i++)
        lk_track_alloc(i * 32, 32, 1);
    lk_track_reset();
    size_t after = lk_mem_regions(r, 1024);
    cr_assert(after <= before,
              "100000 blocks tracked, then lk_track_reset: %zu lk_mem regions are still mapped "
              "(%zu before); the reset must give the table's memory back",
              after, before);
    cr_assert(lk_track_count() == 0 && lk_track_lookup(32, NULL) == 0,
              "after lk_track_reset the table must be empty");
    lk_track_alloc(64, 1, 1);
    cr_assert(lk_track_count() == 1, "the table must work again after a reset");
    lk_track_reset();
}

void suite_track_million_blocks(void)
{
    lk_track_reset();
    size_t n = 1000000;
    for (size_t i = 0; i < n; i++)
        cr_assert(lk_track_alloc(0x10000000 + 48 * i, 40, 1) == 0,
                  "lk_track_alloc failed with %zu blocks live", i);
    cr_assert(lk_track_count() == n, "a million blocks: lk_track_count says %zu", lk_track_count());
    for (size_t i = 0; i < n; i += 2)
        cr_assert(lk_track_free(0x10000000 + 48 * i, NULL) == 1,
                  "free of live block %zu of a million returned 0", i);
    for (size_t i = 1; i < n; i += 2)
        cr_assert(lk_track_lookup(0x10000000 + 48 * i, NULL) == 1,
                  "block %zu was never freed but lookup does not find it", i);
    lk_track_reset();
}

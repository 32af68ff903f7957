// leaks.c — YOUR FILE for the leak-detection lab: the tracker's table of
// live blocks, the reachability classification valgrind's memcheck does at
// exit, the reports by allocation site, and two heap-growth detectors.
// The contracts are in leaks.h; the handout (README.md) explains the four
// kinds, the roots and the tasks in order.
//
// This file is compiled twice: into lib/libleak.so, which is preloaded into
// the program being checked (support/preload.c calls lk_track_* from its
// malloc, free, realloc ...), and into the lab's program and grading suite
// (which call the reports and the detectors).
//
// Rules of the game:
//   - never call malloc, calloc, realloc or free here: inside the preloaded
//     library you ARE the allocator's caller. Take memory from lk_mem_alloc
//     and give it back with lk_mem_free (support/ownmem.c);
//   - lk_track_* are called under the tracker's lock, one at a time: no
//     locking of your own is needed;
//   - the classification reads memory in place: the roots' and the blocks'
//     words are at the addresses the regions and blocks say.
//
// Every TODO returns a safe default, so the program and the grader run from
// the first clone (nothing is tracked yet, and nothing is ever lost).
#include "leaks.h"

#include <stdlib.h>
#include <string.h>

// ---- task 1: the live-block table -------------------------------------------------
// A map from block address to {size, site}: every malloc adds, every free
// removes, realloc moves. Programs keep millions of blocks alive and call
// malloc millions of times: each operation must take constant time on
// average (a hash table; lk_mem_alloc gives you zeroed pages).

void lk_track_reset(void)
{
    // TODO (task 1): forget every block and return the table's memory.
}

int lk_track_alloc(uintptr_t addr, size_t size, uint32_t site)
{
    // TODO (task 1): record the block.
    (void)addr, (void)size, (void)site;
    return -1;
}

int lk_track_free(uintptr_t addr, lk_block_t *out)
{
    // TODO (task 1): forget the block; say whether it was live.
    (void)addr, (void)out;
    return 0;
}

int lk_track_realloc(uintptr_t old_addr, uintptr_t new_addr, size_t new_size, uint32_t site)
{
    // TODO (task 1): the block moved (or changed size in place). Which site
    // does it belong to afterwards? leaks.h states the lab's rule.
    (void)old_addr, (void)new_addr, (void)new_size, (void)site;
    return -1;
}

int lk_track_lookup(uintptr_t addr, lk_block_t *out)
{
    // TODO (task 1)
    (void)addr, (void)out;
    return 0;
}

size_t lk_track_count(void)
{
    // TODO (task 1)
    return 0;
}

size_t lk_track_snapshot(lk_block_t *out, size_t cap)
{
    // TODO (task 1): the live blocks, sorted by address (lk_classify needs
    // them sorted to find the block a pointer falls into).
    (void)out, (void)cap;
    return 0;
}

// ---- task 2: reachability ----------------------------------------------------------
// Scan the roots word by word; a word that points into a block reaches it.
// How a block was reached (through its first byte or not, from where)
// decides its kind; the blocks never reached are lost, and among those, the
// ones pointed to by other lost blocks are only indirectly lost. Mind the
// roots marked `own`, and do not recurse over the heap (a list of a million
// blocks): keep an explicit stack in lk_mem memory.

int lk_classify(const lk_region_t *roots, size_t nroots, lk_block_t *blocks, size_t n)
{
    // TODO (task 2): set every blocks[i].kind.
    (void)roots, (void)nroots;
    for (size_t i = 0; i < n; i++)
        blocks[i].kind = LK_REACHABLE;
    return 0;
}

// ---- task 3: reports -------------------------------------------------------------------

void lk_summarize(const lk_block_t *blocks, size_t n, lk_count_t sum[LK_NKINDS])
{
    // TODO (task 3): bytes and blocks per kind.
    (void)blocks, (void)n;
    memset(sum, 0, LK_NKINDS * sizeof *sum);
}

size_t lk_group(const lk_block_t *blocks, size_t n, lk_record_t *out, size_t cap)
{
    // TODO (task 3): one record per (site, kind), in report order.
    (void)blocks, (void)n, (void)out, (void)cap;
    return 0;
}

size_t lk_profile_diff(const lk_prof_t *cur, size_t ncur, const lk_prof_t *base, size_t nbase,
                       lk_prof_t *out)
{
    // TODO (task 4): cur minus base, per key.
    (void)cur, (void)ncur, (void)base, (void)nbase, (void)out;
    return 0;
}

// ---- task 5: growth detectors ------------------------------------------------------------

void lk_threshold_init(lk_threshold_t *d, size_t limit, int need)
{
    *d = (lk_threshold_t){.limit = limit, .need = need < 1 ? 1 : need, .fired_at = -1};
}

int lk_threshold_feed(lk_threshold_t *d, size_t live_bytes)
{
    // TODO (task 5): count the sample; fire once, at the right sample.
    (void)live_bytes;
    d->seen++;
    return 0;
}

void lk_trend_init(lk_trend_t *d, int window, double min_slope, double min_r2)
{
    memset(d, 0, sizeof *d);
    d->window = window < 2 ? 2 : window > LK_TREND_MAX_WINDOW ? LK_TREND_MAX_WINDOW : window;
    d->min_slope = min_slope;
    d->min_r2 = min_r2;
    d->fired_at = -1;
}

int lk_trend_feed(lk_trend_t *d, size_t live_bytes)
{
    // TODO (task 5): keep the last `window` samples, fit a line, fire once.
    (void)live_bytes;
    d->seen++;
    return 0;
}

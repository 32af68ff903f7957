// leaks.h — the contracts of the leak-detection lab's student file (leaks.c):
// the live-block table, the reachability classification valgrind's memcheck
// does at exit, the reports grouped by allocation site, and two heap-growth
// detectors.
//
// Who calls what:
//   - the preloaded tracker (support/preload.c, built into lib/libleak.so)
//     calls lk_track_* from the interposed malloc family, one call at a time
//     (under its lock, never reentered), and at exit hands lk_classify the
//     roots it found (support/roots.c) and the table's live blocks;
//   - the program (main.c) and the grading suite call lk_summarize,
//     lk_group, lk_profile_diff and the detectors on what the tracker wrote.
// Memory for the table comes from lk_mem_alloc (support/ownmem.c), never from
// malloc: the tracker is the allocator's caller, and its own memory is
// reported to the classification as the lab's own (lk_region_t.own).
#ifndef LEAKS_H
#define LEAKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// ---- tracking --------------------------------------------------------------

// The four kinds, as valgrind's memcheck names them (worst last).
typedef enum {
    LK_REACHABLE = 0, // "still reachable": a chain of start pointers from a root
    LK_POSSIBLE = 1,  // "possibly lost": reached, but only through an interior pointer
    LK_INDIRECT = 2,  // "indirectly lost": not reached from a root; pointed to from a lost block
    LK_DEFINITE = 3,  // "definitely lost": not reached, and no lost block points to it
    LK_NKINDS = 4
} lk_kind_t;

// One live heap block. `site` names the allocation site (a short backtrace
// interned by the tracker; 0 means unknown). `kind` is written by lk_classify.
typedef struct lk_block {
    uintptr_t addr;
    size_t size;
    uint32_t site;
    uint8_t kind;
} lk_block_t;

// lk_track_reset — forget every block (and give the table's memory back with
// lk_mem_free). The table is empty before the first call too.
void lk_track_reset(void);

// lk_track_alloc — record a new live block of `size` bytes at `addr` made at
// `site`. `size` may be 0 (malloc(0) returns a unique pointer). The addresses
// 0 and 1 are no block's (an allocator returns NULL only for a failure, and
// never an odd address): for them it returns -1 and records nothing. Returns
// 0, or -1 if the table cannot grow (the block is then not tracked).
int lk_track_alloc(uintptr_t addr, size_t size, uint32_t site);

// lk_track_free — forget the block at `addr`. Returns 1 and stores the block
// in *out (if out is not NULL) if it was live, 0 if no live block starts at
// `addr` (a pointer the tracker never saw, or freed twice); the table is then
// unchanged.
int lk_track_free(uintptr_t addr, lk_block_t *out);

// lk_track_realloc — the block at `old_addr` now lives at `new_addr` with
// `new_size` bytes (the same address if realloc grew or shrank it in place).
// The site rule (the handout's): after realloc the block belongs to `site`,
// the site of the realloc call, as valgrind attributes it. Returns 0, or -1
// if `old_addr` was not live (the new block is then recorded as new) or if
// `new_addr` is 0 or 1 or the table cannot grow (the new block is then not
// tracked).
int lk_track_realloc(uintptr_t old_addr, uintptr_t new_addr, size_t new_size, uint32_t site);

// lk_track_lookup — the live block starting at `addr` into *out. Returns 1 if
// there is one, 0 otherwise.
int lk_track_lookup(uintptr_t addr, lk_block_t *out);

// lk_track_count — the number of live blocks.
size_t lk_track_count(void);

// lk_track_snapshot — copies up to `cap` live blocks into `out`, sorted by
// address, and returns the number of live blocks (which may exceed cap).
size_t lk_track_snapshot(lk_block_t *out, size_t cap);

// ---- reachability at exit ----------------------------------------------------

typedef enum {
    LK_ROOT_DATA = 0,  // a writable segment of the executable or a library
    LK_ROOT_STACK = 1, // the live part of a thread's stack (from its stack pointer up)
    LK_ROOT_REGS = 2,  // a thread's saved registers
    LK_ROOT_ANON = 3,  // other writable memory of the program (not heap, not a stack)
} lk_root_kind_t;

// A range of memory that may hold pointers into the heap. `own` marks the
// lab's own memory (the tracker's library and every lk_mem_alloc region):
// valgrind never sees its own bookkeeping, and neither may you.
typedef struct lk_region {
    uintptr_t start, end; // [start, end), word-aligned
    lk_root_kind_t kind;
    bool own;
    const char *name; // e.g. "/usr/bin/prog .data", "stack of thread 1234"
} lk_region_t;

// lk_classify — sets blocks[i].kind for the `n` blocks (sorted by address,
// not overlapping) given the `nroots` root regions, as valgrind defines the
// kinds (the handout, "The four kinds"). Reads the roots' and the blocks'
// memory in place, one aligned word at a time. Returns 0, or -1 if it ran out
// of memory (the kinds are then unspecified). Never calls malloc.
int lk_classify(const lk_region_t *roots, size_t nroots, lk_block_t *blocks, size_t n);

// ---- reports ----------------------------------------------------------------

typedef struct lk_count {
    size_t bytes;
    size_t blocks;
} lk_count_t;

// lk_summarize — the LEAK SUMMARY: bytes and blocks of each kind, indexed by
// lk_kind_t, over `n` classified blocks.
void lk_summarize(const lk_block_t *blocks, size_t n, lk_count_t sum[LK_NKINDS]);

// One record of a report: the blocks of one kind from one site.
typedef struct lk_record {
    uint32_t site;
    uint8_t kind;
    size_t bytes;
    size_t blocks;
} lk_record_t;

// lk_group — groups `n` classified blocks by (site, kind) into `out` (room
// for `cap` records) in report order: definitely lost first, then indirectly,
// possibly, still reachable; within a kind by bytes, largest first; equal
// bytes by site number. Returns the number of records (which may exceed cap;
// only the first cap are written; no blocks make no records), or 0 (nothing
// written) if lk_mem_alloc refuses memory the grouping needs.
size_t lk_group(const lk_block_t *blocks, size_t n, lk_record_t *out, size_t cap);

// One line of a heap profile (pprof's inuse_space / inuse_objects): what is
// live from one site. `key` identifies the site across runs (its symbolized
// frames); the tracker's site numbers do not survive a second run.
typedef struct lk_prof {
    const char *key;
    long long bytes;
    long long objects;
} lk_prof_t;

// lk_profile_diff — `cur` minus `base` per key (pprof -base): every key of
// either side appears once in `out` (room for ncur + nbase), keys only in
// base with negative counts; lines whose difference is zero in both bytes and
// objects are left out. Sorted by |bytes| descending, then key. Returns the
// number of lines.
size_t lk_profile_diff(const lk_prof_t *cur, size_t ncur, const lk_prof_t *base, size_t nbase,
                       lk_prof_t *out);

// ---- growth detectors ---------------------------------------------------------

// The threshold watcher of a Go service: flag when the heap is over `limit`
// bytes on `need` consecutive samples.
typedef struct lk_threshold {
    size_t limit; // configuration
    int need;
    int run;       // state (yours to use): samples over the limit in a row
    long fired_at; // the index of the sample that fired, -1 while quiet
    long seen;     // samples fed so far
} lk_threshold_t;

// lk_threshold_init — configure (limit, need) and clear the state. A need
// below 1 counts as 1: the detector then fires on the first sample over
// the limit (and never on one at or under it).
void lk_threshold_init(lk_threshold_t *d, size_t limit, int need);
// lk_threshold_feed — one heap-size sample. Returns 1 on the sample at which
// the detector first fires, 0 otherwise (before and after).
int lk_threshold_feed(lk_threshold_t *d, size_t live_bytes);

// The trend detector: a least-squares line through the last `window` samples
// (sample index against bytes); flags when the window is full, the slope is at
// least `min_slope` bytes per sample, and the line explains at least `min_r2`
// of the variance.
#define LK_TREND_MAX_WINDOW 1024
typedef struct lk_trend {
    int window; // configuration, 2..LK_TREND_MAX_WINDOW
    double min_slope;
    double min_r2;
    double ring[LK_TREND_MAX_WINDOW]; // state (yours to use)
    long seen;
    long fired_at;    // the index of the sample that fired, -1 while quiet
    double slope, r2; // the last fit (0 before the window is full; the r2 of
                      // a window whose samples are all equal is 0)
} lk_trend_t;

// lk_trend_init — configure (window, clamped to 2..LK_TREND_MAX_WINDOW;
// min_slope; min_r2) and clear the state: `*d` may hold anything before the
// call (a detector used before, or memory never written).
void lk_trend_init(lk_trend_t *d, int window, double min_slope, double min_r2);
// lk_trend_feed — one heap-size sample. Returns 1 on the sample at which the
// detector first fires, 0 otherwise (before and after).
int lk_trend_feed(lk_trend_t *d, size_t live_bytes);

// ---- the lab's own memory (support/ownmem.c) --------------------------------

// lk_mem_alloc — `size` bytes of zeroed memory that is not the heap (mmap),
// page-rounded; NULL if the system refuses. Reported to lk_classify as own.
void *lk_mem_alloc(size_t size);
// lk_mem_free — return a region from lk_mem_alloc with its size.
void lk_mem_free(void *p, size_t size);
// lk_mem_regions — the live lk_mem regions into out (room for cap); returns
// how many there are.
size_t lk_mem_regions(lk_region_t *out, size_t cap);

#endif

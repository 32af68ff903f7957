// pageheap.h — the page heap: 8 KiB pages handed out in runs (Go's mheap,
// runtime/mheap.go).
//
// The heap reserves one arena of address space up front and commits pages
// as spans are handed out. Free runs are kept coalesced: freeing a span
// merges it with free neighbours, so a run is never next to another free
// run. A page → span table answers "which span holds this address" in O(1)
// (Go's spanOf). Large objects (> 32 KiB) are spans of their own.
//
// All functions are thread-safe (one lock, like Go's mheap_.lock).
//
// Accounting, in bytes (Go's MemStats names):
//   sys      = arena bytes reserved (HeapSys)
//   inuse    = bytes in spans handed out (HeapInuse)
//   free     = committed bytes in free runs (HeapIdle - HeapReleased)
//   released = bytes of free runs returned to the OS (HeapReleased); pages
//              never committed count here too, as in Go, so that
//              sys == inuse + free + released
#ifndef MEMLAB_PAGEHEAP_H
#define MEMLAB_PAGEHEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "memlab/span.h"

#define ML_PAGE_SHIFT 13
#define ML_PAGE_SIZE ((size_t)1 << ML_PAGE_SHIFT) // 8 KiB, Go's _PageSize

typedef struct ml_pageheap ml_pageheap_t;

typedef struct ml_pageheap_stats {
    size_t sys, inuse, free, released;
    size_t spans_inuse;      // spans handed out
    size_t free_runs;        // number of free runs (after coalescing)
    size_t largest_free_run; // in pages
    size_t peak_inuse;       // the largest `inuse` ever seen
} ml_pageheap_stats_t;

// ml_pageheap_new — a page heap over a fresh arena of `arena_bytes`
// (rounded up to pages). Returns NULL if the address space cannot be
// reserved.
ml_pageheap_t *ml_pageheap_new(size_t arena_bytes);
// ml_pageheap_destroy — release the arena and all span records.
void ml_pageheap_destroy(ml_pageheap_t *h);

// ml_pageheap_alloc_span — a span of `npages` contiguous pages, committed and
// zeroed, in state ML_SPAN_MANUAL (the caller sets it up, e.g. with
// ml_span_init_small). Best fit among free runs, lowest address on ties.
// Returns NULL when no free run is large enough (the heap is unchanged).
ml_span_t *ml_pageheap_alloc_span(ml_pageheap_t *h, size_t npages);
// ml_pageheap_alloc_span_nozero — as ml_pageheap_alloc_span, but pages that
// earlier spans used keep their old contents (pages fresh from the OS, or
// released, still read as zero). For callers that need no zeroed memory,
// e.g. malloc: zeroing is the main cost of reusing large spans (Go leaves it
// to the caller through mspan.needzero).
ml_span_t *ml_pageheap_alloc_span_nozero(ml_pageheap_t *h, size_t npages);
// ml_pageheap_free_span — give a span's pages back; they coalesce with free
// neighbours. Freeing a span twice or one from another heap aborts.
// The span record must no longer be used afterwards.
void ml_pageheap_free_span(ml_pageheap_t *h, ml_span_t *s);
// ml_pageheap_grow_span — lengthen in-use span `s` to `npages` pages in
// place, taking the pages that follow it from the free run that starts
// right after it (for realloc of a large object). The pages gained keep
// their old contents, as with ml_pageheap_alloc_span_nozero; s->npages is
// updated, every other field is the owner's. Returns 0, or -1 (nothing
// changed) when npages is not larger than s->npages or the pages after s
// are not free or not enough. A span that is not in use aborts, as in
// ml_pageheap_free_span.
int ml_pageheap_grow_span(ml_pageheap_t *h, ml_span_t *s, size_t npages);
// ml_pageheap_release_free — return every free run's pages to the OS
// (Go's scavenger, done at once). Returns the bytes released.
size_t ml_pageheap_release_free(ml_pageheap_t *h);

// ml_pageheap_span_of — the in-use span containing `p`, or NULL if `p` is
// not inside the arena or lies in a free run. O(1).
ml_span_t *ml_pageheap_span_of(ml_pageheap_t *h, const void *p);
// The page map, for a lookup inlined into an allocator's free path (Go
// inlines spanOf the same way). ml_pageheap_map gives a read-only view of
// the map that stays valid, unchanged, for the heap's whole life; a caller
// may copy it. ml_pagemap_span_of(m, p) answers exactly what
// ml_pageheap_span_of(h, p) answers, without the call.
typedef struct ml_pagemap {
    uintptr_t lo;             // arena base
    size_t npages;            // arena length in pages
    const uintptr_t *entries; // per page: an in-use span's record, or a free
                              // run's record tagged with 1, or 0 (inside a run)
} ml_pagemap_t;

const ml_pagemap_t *ml_pageheap_map(const ml_pageheap_t *h);

static inline ml_span_t *ml_pagemap_span_of(const ml_pagemap_t *m, const void *p)
{
    uintptr_t off = (uintptr_t)p - m->lo;
    if (off >= m->npages << ML_PAGE_SHIFT)
        return NULL;
    uintptr_t e = __atomic_load_n(&m->entries[off >> ML_PAGE_SHIFT], __ATOMIC_ACQUIRE);
    return (e & 1) ? NULL : (ml_span_t *)e;
}

// ml_pageheap_contains — whether `p` lies in this heap's arena.
bool ml_pageheap_contains(const ml_pageheap_t *h, const void *p);
// The arena's bounds [*lo, *hi).
void ml_pageheap_bounds(const ml_pageheap_t *h, void **lo, void **hi);

ml_pageheap_stats_t ml_pageheap_stats(ml_pageheap_t *h);
// ml_pageheap_check — heap consistency (free runs coalesced and disjoint,
// the page table agrees with the spans, counters add up). Returns 0, or -1
// with a description of the first problem in `err` (may be NULL).
int ml_pageheap_check(ml_pageheap_t *h, char *err, size_t errlen);

#endif

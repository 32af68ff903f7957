// gcheap_impl.h — the GC heap's private structure, shared by gcheap.c
// (objects, roots, allocation), gccollect.c (the cycle driver, default
// marker, sweep) and stats.c. Labs use the public gcheap.h only.
#ifndef MEMLAB_GCHEAP_IMPL_H
#define MEMLAB_GCHEAP_IMPL_H

#include <stddef.h>

#include "memlab/gcheap.h"
#include "memlab/sizeclass.h"
#include "memlab/stats.h"

struct ml_gc_frame {
    ml_gc_frame_t *caller; // the frame below (towards the bottom)
    ml_gc_stack_t *stack;
    const char *name;
    bool scanned;
    size_t nslots;
    void *slots[];
};

struct ml_gc_stack {
    ml_gc_stack_core_t core; // first: read by ml_gc_stack_scanned (core.scanned)
    char *name;
    ml_gc_frame_t *top;
    size_t depth;
};

typedef struct ml_gc_global {
    char *name;
    void *ptr;
} ml_gc_global_t;

struct ml_gc_heap {
    ml_gc_core_t core;  // first: read by the inline fast paths
    ml_gc_config_t cfg; // cfg.count_stores is mirrored in core.write_slow
    bool manual;        // automatic collection off
    ml_pageheap_t *ph;
    size_t npages; // arena pages (entries of core.spans)

    // Spans. Invariant: every in-use span of this heap is on `all` and
    // registered in core.spans for each of its pages; cur[c] (if set) and
    // the spans on partial[c] have class c; a span is on partial[c] iff
    // on_partial.
    ml_gc_span_t *all;
    size_t nspans;
    ml_gc_span_t *cur[ML_NUM_SIZE_CLASSES];
    ml_gc_span_t *partial[ML_NUM_SIZE_CLASSES];
    uint32_t next_id; // allocation sequence number

    // Roots.
    ml_gc_global_t **globals;
    size_t nglobals, capglobals;
    ml_gc_stack_t **stacks; // the current one is core.current
    size_t nstacks, capstacks;

    // The collector.
    ml_gc_collector_t coll;
    ml_gc_phase_t phase;
    bool mark_done;
    bool in_collect;         // inside ml_gc_collect (no nested triggers)
    uint64_t cycle_pause_ns; // stop-the-world time of the running cycle
    uint64_t mark_steps;
    // The default marker's mark stack (malloc'd, never in the GC heap).
    void **mstack;
    size_t mlen, mcap;

    ml_memstats_t st; // counters kept up to date (see stats.h)
};

_Static_assert(offsetof(struct ml_gc_heap, core) == 0,
               "the inline fast paths read the heap's first member");
_Static_assert(offsetof(struct ml_gc_stack, core) == 0,
               "ml_gc_stack_scanned reads the stack's first member");

// Cross-file internals.
void ml_gc_release_span_(ml_gc_heap_t *h, ml_gc_span_t *s);
void ml_gc_rebuild_partial_(ml_gc_heap_t *h);
void ml_gc_poison_(void *p, size_t n);
void ml_gc_default_init_(ml_gc_heap_t *h);
// Sets core.write_slow from the phase and cfg.count_stores (its invariant).
void ml_gc_update_write_slow_(ml_gc_heap_t *h);

#endif

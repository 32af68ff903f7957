// pageheap_impl.h — the page heap's private structure, shared by pageheap.c
// (the arena, the free tree, allocating and freeing spans) and
// pageheap_check.c (statistics and the consistency check). Labs use the
// public pageheap.h only; the data structures are described in pageheap.c.
#ifndef MEMLAB_PAGEHEAP_IMPL_H
#define MEMLAB_PAGEHEAP_IMPL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "memlab/pageheap.h"

typedef struct ph_rec ph_rec_t;
struct ph_rec {
    ml_span_t span;         // first: &rec->span == (ml_span_t *)rec
    ph_rec_t *left, *right; // tree children of a free run; `left` links dead records
    uint64_t prio;          // tree priority: a hash of the run's base
    ml_pageheap_t *heap;    // the heap the record belongs to
};

typedef struct ph_slab ph_slab_t; // a malloc'ed slab of records (pageheap.c)

struct ml_pageheap {
    pthread_mutex_t lock;
    uintptr_t lo;       // arena base
    size_t npages;      // arena length in pages
    uintptr_t *pagemap; // see pageheap.c; written under the lock, read atomically
    ml_pagemap_t map;   // lo, npages and pagemap again, for ml_pageheap_map
    uint64_t *committed, *dirty;
    ph_rec_t *root; // the free tree
    ph_rec_t *dead; // recycled records
    ph_slab_t *slabs;
    size_t inuse_pages, free_pages, released_pages, peak_pages; // free = committed free pages
    size_t spans_inuse, free_runs;
};

// ---- pages and the page map ---------------------------------------------------------
// page_addr / page_index convert between page numbers and addresses; a
// pagemap entry is a span record, or a free run's record tagged with 1.

static inline uintptr_t page_addr(const ml_pageheap_t *h, size_t i)
{
    return h->lo + (i << ML_PAGE_SHIFT);
}
static inline size_t page_index(const ml_pageheap_t *h, uintptr_t a)
{
    return (a - h->lo) >> ML_PAGE_SHIFT;
}
static inline uintptr_t tag(ph_rec_t *r)
{
    return (uintptr_t)r | 1;
}
static inline bool is_tag(uintptr_t e)
{
    return (e & 1) != 0;
}
static inline ph_rec_t *untag(uintptr_t e)
{
    return (ph_rec_t *)(e & ~(uintptr_t)1);
}
static inline uintptr_t pm_get(const ml_pageheap_t *h, size_t i)
{
    return __atomic_load_n(&h->pagemap[i], __ATOMIC_ACQUIRE);
}
static inline void pm_set(ml_pageheap_t *h, size_t i, uintptr_t v)
{
    __atomic_store_n(&h->pagemap[i], v, __ATOMIC_RELEASE);
}

// key_less — the order of the free tree: (npages, base).
static inline bool key_less(const ph_rec_t *a, const ph_rec_t *b)
{
    return a->span.npages < b->span.npages ||
           (a->span.npages == b->span.npages && a->span.base < b->span.base);
}

#endif

// span.h — a run of pages cut into equal objects (Go's mspan, runtime/mheap.go).
//
// A span is `npages` contiguous 8 KiB pages starting at `base`. A small-object
// span holds `nelems` objects of `elemsize` bytes; two bitmaps of `nelems`
// bits record which objects are allocated (allocbits) and which were marked
// by the garbage collector (gcmarkbits). `freeindex` is where the search
// for a free object starts: every object below it is allocated, as in Go.
// Invariant: allocount == number of set bits in allocbits ≤ nelems.
//
// The span module manipulates one span; it takes no locks. Who owns a span
// (an mcentral list, an mcache, the GC heap) keeps it on its own list
// through `next`/`prev`.
#ifndef MEMLAB_SPAN_H
#define MEMLAB_SPAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    ML_SPAN_FREE = 0, // owned by the page heap's free runs
    ML_SPAN_SMALL,    // in use, cut into objects of one size class
    ML_SPAN_LARGE,    // in use, one large object
    ML_SPAN_MANUAL,   // in use, managed by its owner (e.g. a lab's allocator)
} ml_span_state_t;

typedef struct ml_span ml_span_t;
struct ml_span {
    uintptr_t base; // address of the first byte (page-aligned)
    size_t npages;  // length in 8 KiB pages
    ml_span_state_t state;
    int sizeclass;          // 0 for large/manual spans
    size_t elemsize;        // object size (npages*8192 for a large span)
    uint32_t nelems;        // number of objects
    uint32_t freeindex;     // every object below this index is allocated
    uint32_t allocount;     // number of allocated objects
    uint64_t *allocbits;    // nelems bits; owned by the span
    uint64_t *gcmarkbits;   // nelems bits; owned by the span
    ml_span_t *next, *prev; // list links for whoever owns the span
    void *owner;            // free for the owner's use (e.g. its mcentral)
};

// ml_span_init_small — cut span `s` into objects of `elemsize` bytes
// (nelems = npages*8192/elemsize), allocate its zeroed bitmaps and set the
// state to ML_SPAN_SMALL. Returns 0, or -1 if the bitmaps cannot be
// allocated (the span is left unchanged).
int ml_span_init_small(ml_span_t *s, int sizeclass, size_t elemsize);
// ml_span_fini — free the bitmaps of a span (before the page heap takes it back).
void ml_span_fini(ml_span_t *s);

// ml_span_alloc — the next free object (searching up from freeindex),
// marked allocated; NULL when the span is full.
void *ml_span_alloc(ml_span_t *s);
// ml_span_free — mark the object at `p` (its start) free. Freeing an object
// that is not allocated, or an address that is not an object's start, is a
// bug: the function aborts with a message.
void ml_span_free(ml_span_t *s, void *p);
// ml_span_free_index — the same for object `i`, when the caller already
// knows its index (a sweep, which finds objects by index): no division.
void ml_span_free_index(ml_span_t *s, uint32_t i);

// Object index ↔ address. ml_span_index_of accepts any address inside an
// object (interior pointers) and returns its index; (uint32_t)-1 when `p`
// is outside the span's objects.
uint32_t ml_span_index_of(const ml_span_t *s, const void *p);
void *ml_span_object(const ml_span_t *s, uint32_t index);

bool ml_span_is_allocated(const ml_span_t *s, uint32_t index);
bool ml_span_is_marked(const ml_span_t *s, uint32_t index);
void ml_span_set_mark(ml_span_t *s, uint32_t index);
void ml_span_clear_marks(ml_span_t *s);
// ml_span_count_marked — number of set mark bits.
uint32_t ml_span_count_marked(const ml_span_t *s);
bool ml_span_is_full(const ml_span_t *s);
bool ml_span_is_empty(const ml_span_t *s);

// Bitmap helpers on arrays of uint64_t, used by spans and by labs.
static inline bool ml_bit_test(const uint64_t *bits, size_t i)
{
    return (bits[i / 64] >> (i % 64)) & 1;
}
static inline void ml_bit_set(uint64_t *bits, size_t i)
{
    bits[i / 64] |= (uint64_t)1 << (i % 64);
}
static inline void ml_bit_clear(uint64_t *bits, size_t i)
{
    bits[i / 64] &= ~((uint64_t)1 << (i % 64));
}
// ml_bit_find_zero — the first clear bit at index ≥ from and < n; n if none.
size_t ml_bit_find_zero(const uint64_t *bits, size_t from, size_t n);

#endif

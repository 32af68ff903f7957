// span.c — one span cut into equal objects: allocation bits, mark bits and
// the free index (Go's mspan in runtime/mheap.go, nextFreeIndex in
// runtime/mbitmap.go).
//
// Data (see span.h):
//   allocbits   bit i set   ⇔ object i is allocated
//   gcmarkbits  bit i set   ⇔ object i was marked by the collector
//   freeindex   the search for a free object starts here
//   allocount   number of set bits in allocbits
//
// Invariant (as in Go): every object below freeindex is allocated.
//   - ml_span_alloc scans allocbits upward from freeindex for the first clear
//     bit i, sets it and moves freeindex to i+1. The objects it skipped were
//     allocated, so the invariant holds; freeindex never jumps over a free
//     object.
//   - ml_span_free clears bit i; if i < freeindex it moves freeindex back to
//     i, so the next allocation finds that object again.
// Go avoids the backward move by freeing only in the sweeper, which resets
// freeindex to 0; memlab's labs free objects one by one, hence the move.
//
// Object i occupies [base + i*elemsize, base + (i+1)*elemsize). The bytes
// after the last object (the tail waste) belong to no object.
#include "memlab/span.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/pageheap.h"

// span_bug — a broken contract in the caller: abort with "func: reason".
static void span_bug(const char *func, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));

static void span_bug(const char *func, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", func);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

static inline size_t bitmap_words(size_t nbits)
{
    return (nbits + 63) / 64;
}

// ml_bit_find_zero — the first clear bit in [from, n), or n. Word at a time:
// invert the word, mask the bits below `from`, count trailing zeros.
size_t ml_bit_find_zero(const uint64_t *bits, size_t from, size_t n)
{
    if (from >= n)
        return n;
    size_t w = from / 64;
    uint64_t clear = ~bits[w] & (~(uint64_t)0 << (from % 64));
    size_t last = (n - 1) / 64;
    while (clear == 0) {
        if (++w > last)
            return n;
        clear = ~bits[w];
    }
    size_t i = w * 64 + (size_t)__builtin_ctzll(clear);
    return i < n ? i : n;
}

// ml_span_init_small — cut the span into objects of `elemsize` bytes. The
// span's base and npages must be set. Returns 0, or -1 if a bitmap cannot
// be allocated (span unchanged). elemsize 0 or larger than the span is a bug.
int ml_span_init_small(ml_span_t *s, int sizeclass, size_t elemsize)
{
    size_t bytes = s->npages * ML_PAGE_SIZE;
    if (elemsize == 0 || elemsize > bytes)
        span_bug("ml_span_init_small", "object size %zu does not fit a span of %zu pages", elemsize,
                 s->npages);
    size_t nelems = bytes / elemsize;
    if (nelems > UINT32_MAX)
        span_bug("ml_span_init_small", "%zu objects do not fit a uint32_t", nelems);

    // Two separate blocks: each bitmap is owned on its own, so an owner may
    // swap them (as Go's sweep does with allocBits and gcmarkBits).
    uint64_t *alloc = calloc(bitmap_words(nelems), sizeof(uint64_t));
    uint64_t *mark = calloc(bitmap_words(nelems), sizeof(uint64_t));
    if (alloc == NULL || mark == NULL) {
        free(alloc);
        free(mark);
        return -1;
    }
    s->state = ML_SPAN_SMALL;
    s->sizeclass = sizeclass;
    s->elemsize = elemsize;
    s->nelems = (uint32_t)nelems;
    s->freeindex = 0;
    s->allocount = 0;
    s->allocbits = alloc;
    s->gcmarkbits = mark;
    return 0;
}

// ml_span_fini — free both bitmaps and forget the objects (nelems 0); safe
// to call on a span that has none.
void ml_span_fini(ml_span_t *s)
{
    free(s->allocbits);
    free(s->gcmarkbits);
    s->allocbits = NULL;
    s->gcmarkbits = NULL;
    s->nelems = 0;
    s->freeindex = 0;
    s->allocount = 0;
}

// ml_span_alloc — the lowest free object at or above freeindex, marked
// allocated; NULL (span unchanged) when the span is full.
void *ml_span_alloc(ml_span_t *s)
{
    size_t i = ml_bit_find_zero(s->allocbits, s->freeindex, s->nelems);
    if (i == s->nelems) {
        s->freeindex = s->nelems;
        return NULL;
    }
    ml_bit_set(s->allocbits, i);
    s->allocount++;
    s->freeindex = (uint32_t)i + 1;
    return (void *)(s->base + i * s->elemsize);
}

// ml_span_free — free the object starting at `p`. Aborts with
// "ml_span_free: <reason>" if `p` is outside the span's objects, not an
// object's start, or not allocated (a double free).
void ml_span_free(ml_span_t *s, void *p)
{
    uint32_t i = ml_span_index_of(s, p);
    if (i == UINT32_MAX)
        span_bug("ml_span_free",
                 "%p is not inside an object of the span at %#lx "
                 "(%u objects of %zu bytes)",
                 p, (unsigned long)s->base, s->nelems, s->elemsize);
    if ((uintptr_t)p != s->base + (uintptr_t)i * s->elemsize)
        span_bug("ml_span_free", "%p is inside object %u but not its start (%#lx)", p, i,
                 (unsigned long)(s->base + (uintptr_t)i * s->elemsize));
    ml_span_free_index(s, i);
}

void ml_span_free_index(ml_span_t *s, uint32_t i)
{
    if (i >= s->nelems)
        span_bug("ml_span_free", "object %u is out of range (%u objects)", i, s->nelems);
    if (!ml_bit_test(s->allocbits, i))
        span_bug("ml_span_free", "double free: object %u at %#lx is not allocated", i,
                 (unsigned long)(s->base + (uintptr_t)i * s->elemsize));
    ml_bit_clear(s->allocbits, i);
    s->allocount--;
    if (i < s->freeindex)
        s->freeindex = i;
}

// ml_span_index_of — the index of the object containing `p` (any byte of
// it), or UINT32_MAX if `p` is before the span, in its tail waste or after it.
uint32_t ml_span_index_of(const ml_span_t *s, const void *p)
{
    uintptr_t off = (uintptr_t)p - s->base; // wraps to huge when p < base
    if (s->nelems == 0 || off >= (uintptr_t)s->nelems * s->elemsize)
        return UINT32_MAX;
    // Spans of small objects are at most a few pages: a 32-bit division is
    // enough and cheaper than a 64-bit one.
    if (off <= UINT32_MAX && s->elemsize <= UINT32_MAX)
        return (uint32_t)off / (uint32_t)s->elemsize;
    return (uint32_t)(off / s->elemsize);
}

// ml_span_object — the address of object `index`; NULL if index ≥ nelems.
void *ml_span_object(const ml_span_t *s, uint32_t index)
{
    if (index >= s->nelems)
        return NULL;
    return (void *)(s->base + (uintptr_t)index * s->elemsize);
}

// ml_span_is_allocated — whether object `index` is allocated; false when
// index ≥ nelems.
bool ml_span_is_allocated(const ml_span_t *s, uint32_t index)
{
    return index < s->nelems && ml_bit_test(s->allocbits, index);
}

// ml_span_is_marked — whether object `index` is marked; false when
// index ≥ nelems.
bool ml_span_is_marked(const ml_span_t *s, uint32_t index)
{
    return index < s->nelems && ml_bit_test(s->gcmarkbits, index);
}

// ml_span_set_mark — mark object `index`. An index ≥ nelems is a bug: abort.
void ml_span_set_mark(ml_span_t *s, uint32_t index)
{
    if (index >= s->nelems)
        span_bug("ml_span_set_mark", "object %u out of range (%u objects)", index, s->nelems);
    ml_bit_set(s->gcmarkbits, index);
}

// ml_span_clear_marks — clear every mark bit (the start of a GC cycle).
void ml_span_clear_marks(ml_span_t *s)
{
    if (s->nelems != 0)
        memset(s->gcmarkbits, 0, bitmap_words(s->nelems) * sizeof(uint64_t));
}

// ml_span_count_marked — the number of marked objects (bits past nelems in
// the last word are ignored).
uint32_t ml_span_count_marked(const ml_span_t *s)
{
    size_t words = bitmap_words(s->nelems);
    uint32_t n = 0;
    for (size_t w = 0; w < words; w++) {
        uint64_t v = s->gcmarkbits[w];
        if (w == words - 1 && s->nelems % 64 != 0)
            v &= ((uint64_t)1 << (s->nelems % 64)) - 1;
        n += (uint32_t)__builtin_popcountll(v);
    }
    return n;
}

// ml_span_is_full — no free object left.
bool ml_span_is_full(const ml_span_t *s)
{
    return s->allocount == s->nelems;
}

// ml_span_is_empty — no object allocated.
bool ml_span_is_empty(const ml_span_t *s)
{
    return s->allocount == 0;
}

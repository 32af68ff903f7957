// gcheap_check.c — the GC heap's checks of itself, the part of verify.h that
// reads the heap's private structures (gcheap_impl.h), as pageheap_check.c
// is for the page heap:
//   ml_verify_heap          walks every span of the heap (its `all` list)
//                           and the page → span table, and states the
//                           invariant of gcheap.c: spans registered for
//                           each page, alloc counts, free index, mark bits,
//                           object records, statistics, the partial lists;
//   ml_verify_freed_intact  reads every free object of every small span for
//                           the poison (a write through a dangling pointer);
//   ml_gc_poison_           the core's own fill of freed memory.
// The rest of verify.c (the reachability oracle, the tri-color invariants)
// reads the heap only through the public object model.
#include <stdio.h>
#include <string.h>

#include "gcheap_impl.h"
#include "memlab/verify.h"

// ---- heap consistency --------------------------------------------------------------

#define FAIL(...)                               \
    do {                                        \
        if (err)                                \
            snprintf(err, errlen, __VA_ARGS__); \
        return -1;                              \
    } while (0)

int ml_verify_heap(ml_gc_heap_t *h, char *err, size_t errlen)
{
    if (ml_pageheap_check(h->ph, err, errlen) != 0)
        return -1;
    uint64_t objects = 0, bytes = 0;
    size_t nspans = 0, pages = 0;
    for (ml_gc_span_t *s = h->all; s; s = s->next) {
        ml_span_t *sp = s->span;
        nspans++;
        if (sp->owner != s || sp->base != s->base || sp->allocbits != s->allocbits ||
            sp->gcmarkbits != s->markbits || sp->nelems != s->nelems)
            FAIL("span at %#lx: the GC record disagrees with the page heap's span",
                 (unsigned long)s->base);
        if (ml_pageheap_span_of(h->ph, (void *)s->base) != sp)
            FAIL("span at %#lx: the page heap does not know it", (unsigned long)s->base);
        size_t first = (s->base - h->core.arena_lo) >> ML_PAGE_SHIFT;
        for (size_t p = 0; p < sp->npages; p++)
            if (h->core.spans[first + p] != s)
                FAIL("span at %#lx: page %zu is not mapped to it", (unsigned long)s->base, p);
        pages += sp->npages;
        size_t words = (s->nelems + 63) / 64;
        uint32_t cnt = 0;
        for (size_t w = 0; w < words; w++) {
            uint64_t valid =
                (w + 1) * 64 <= s->nelems ? ~(uint64_t)0 : ((uint64_t)1 << (s->nelems % 64)) - 1;
            if (s->allocbits[w] & ~valid)
                FAIL("span at %#lx: alloc bits set past its %u objects", (unsigned long)s->base,
                     s->nelems);
            if (s->markbits[w] & ~s->allocbits[w])
                FAIL("span at %#lx: object %zu is marked but not allocated", (unsigned long)s->base,
                     w * 64 + (size_t)__builtin_ctzll(s->markbits[w] & ~s->allocbits[w]));
            if (h->phase == ML_GC_OFF && s->markbits[w])
                FAIL("span at %#lx: mark bits still set while no cycle runs",
                     (unsigned long)s->base);
            cnt += (uint32_t)__builtin_popcountll(s->allocbits[w]);
        }
        if (cnt != sp->allocount)
            FAIL("span at %#lx: allocount %u but %u alloc bits set", (unsigned long)s->base,
                 sp->allocount, cnt);
        if (sp->freeindex > s->nelems ||
            ml_bit_find_zero(s->allocbits, 0, s->nelems) < sp->freeindex)
            FAIL("span at %#lx: a free object lies below freeindex %u", (unsigned long)s->base,
                 sp->freeindex);
        for (uint32_t i = 0; i < s->nelems; i++) {
            if (!ml_bit_test(s->allocbits, i))
                continue;
            const ml_gc_objinfo_t *in = &s->info[i];
            char tw[160];
            if (!in->type)
                FAIL("span at %#lx: allocated object %u has no type", (unsigned long)s->base, i);
            if (ml_type_check(in->type, tw, sizeof tw) != 0)
                FAIL("span at %#lx: object %u: %s", (unsigned long)s->base, i, tw);
            if (in->count == 0 || in->type->size * in->count > s->elemsize)
                FAIL("span at %#lx: object %u (%s x %u) does not fit its %zu bytes",
                     (unsigned long)s->base, i, in->type->name, in->count, s->elemsize);
            if (in->id == 0 || in->id >= h->next_id)
                FAIL("span at %#lx: object %u has id %u, never handed out", (unsigned long)s->base,
                     i, in->id);
        }
        objects += cnt;
        bytes += (uint64_t)cnt * s->elemsize;
    }
    if (nspans != h->nspans)
        FAIL("%zu spans on the list, %zu counted", nspans, h->nspans);
    size_t mapped = 0;
    for (size_t p = 0; p < h->npages; p++)
        mapped += h->core.spans[p] != NULL;
    if (mapped != pages)
        FAIL("%zu pages map to spans, the spans hold %zu", mapped, pages);
    if (objects != h->st.mallocs - h->st.frees)
        FAIL("HeapObjects is %llu but the spans hold %llu objects",
             (unsigned long long)(h->st.mallocs - h->st.frees), (unsigned long long)objects);
    if (bytes != h->st.heap_alloc)
        FAIL("HeapAlloc is %llu but the spans hold %llu bytes",
             (unsigned long long)h->st.heap_alloc, (unsigned long long)bytes);
    for (int c = 1; c < ML_NUM_SIZE_CLASSES; c++) {
        if (h->cur[c] && h->cur[c]->sizeclass != c)
            FAIL("current span of class %d has class %d", c, h->cur[c]->sizeclass);
        for (ml_gc_span_t *s = h->partial[c]; s; s = s->pnext)
            if (s->sizeclass != c || !s->on_partial)
                FAIL("a span on class %d's partial list has class %d", c, s->sizeclass);
    }
    return 0;
}

// ---- poisoning ---------------------------------------------------------------------

void ml_gc_poison_(void *p, size_t n)
{
    memset(p, ML_POISON_BYTE, n);
}

int ml_verify_freed_intact(ml_gc_heap_t *h, char *err, size_t errlen)
{
    if (!h->cfg.poison)
        return 0;
    for (ml_gc_span_t *s = h->all; s; s = s->next) {
        if (!s->sizeclass)
            continue;
        for (uint32_t i = 0; i < s->nelems; i++) {
            if (ml_bit_test(s->allocbits, i))
                continue;
            const unsigned char *o = (const unsigned char *)(s->base + (uintptr_t)i * s->elemsize);
            size_t bad;
            if (!ml_verify_is_poisoned(o, s->elemsize, &bad))
                FAIL("free object %u of the %zu-byte span at %#lx was written after it was freed: "
                     "byte %zu is 0x%02x, not the poison 0x%02x",
                     i, s->elemsize, (unsigned long)s->base, bad, o[bad], ML_POISON_BYTE);
        }
    }
    return 0;
}

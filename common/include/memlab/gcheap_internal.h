// gcheap_internal.h — the GC heap's inline fast paths and the structures
// they read: the per-span record, the heap's and a stack's first members,
// the slot and object cursors. memlab/gcheap.h includes it at its end and
// states every contract; students need not read this file (the labs use
// only what gcheap.h declares). It is a header, not a .c file, only so that
// the compiler can inline a lookup, a mark or a store into the lab's loop
// (Go's compiler inlines findObject's and the write barrier's checks the
// same way).
//
// How an address becomes an object, in O(1): the heap's page → span table
// (ml_gc_core_t.spans, Go's heapArena.spans) gives the span; the object
// index is (addr - base) × divmul >> 32 (Go's division by multiplication);
// the span's alloc bit says whether that object is allocated; its side
// table (ml_gc_objinfo_t) holds the type, array count and id: an
// out-of-line object header. (Go 1.22 puts a header word in front of objects
// larger than 512 B and keeps a pointer bitmap per span for smaller ones;
// memlab uses one rule for every size.)
#ifndef MEMLAB_GCHEAP_INTERNAL_H
#define MEMLAB_GCHEAP_INTERNAL_H

#include "memlab/gcheap.h"

// ---- the structures the fast paths read (read-only outside the core) -------

typedef struct ml_gc_objinfo {
    const ml_type_t *type; // NULL for a free slot (in poison/log mode) or stale
    uint32_t count;        // array length (1 for a single value)
    uint32_t id;           // allocation sequence number, from 1: "obj#id"
} ml_gc_objinfo_t;

struct ml_gc_span {
    uintptr_t base;      // first object
    size_t elemsize;     // bytes per object slot (size class size, or the
                         // whole span for a large object)
    uint32_t nelems;     // objects in the span
    uint32_t divmul;     // index = (addr - base) * divmul >> 32 (0 if large)
    uint64_t *allocbits; // the span's bitmaps (ml_span_t's, shared)
    uint64_t *markbits;
    ml_gc_objinfo_t *info;          // nelems records
    ml_span_t *span;                // the page heap's span
    int sizeclass;                  // 0 for a large object
    bool needzero;                  // some object was freed: zero on allocation
    bool on_partial;                // on its size class's list of spans with room
    struct ml_gc_span *next, *prev; // every span of the heap
    struct ml_gc_span *pnext;       // the size class's spans with room
};

// Bits of ml_gc_core_t.write_slow: why ml_gc_write_ptr leaves its fast path.
#define ML_GC_WRITE_BARRIER 0x1u // Go's writeBarrier.enabled: phase MARK or MARK_TERMINATION
#define ML_GC_WRITE_COUNT 0x2u   // the config's count_stores

// The first member of every heap: what the inline functions below read.
// Invariant (kept by ml_gc_new, ml_gc_set_count_stores, ml_gc_cycle_begin
// and ml_gc_cycle_finish; nothing else writes it):
//     write_slow == (barrier on ? ML_GC_WRITE_BARRIER : 0)
//                 | (config count_stores ? ML_GC_WRITE_COUNT : 0)
// so write_slow == 0 exactly when a pointer store is only the store. One
// byte, tested whole: the fast path is a single load and compare, whatever
// the reasons for leaving it. A counter bumped on every store would cost a
// load and a store more per store on that path (the compiler cannot keep it
// in a register: `*slot = val` may alias it), so `stores` is bumped only
// behind the test.
typedef struct ml_gc_core {
    uintptr_t arena_lo;
    size_t arena_bytes;
    ml_gc_span_t **spans;   // page index → span (NULL: not an object span)
    ml_gc_stack_t *current; // the current stack (ml_gc_current_stack)
    uint8_t write_slow;     // ML_GC_WRITE_* bits; 0: stores take the fast path
    uint64_t stores;        // MemStats.Stores (bumped only while write_slow
                            // has ML_GC_WRITE_COUNT)
} ml_gc_core_t;

// The first member of every shadow stack: what ml_gc_stack_scanned reads
// (a hybrid write barrier asks on every store while marking).
typedef struct ml_gc_stack_core {
    bool scanned; // Go's gcscandone (see ml_gc_stack_scanned)
} ml_gc_stack_core_t;

// The slot cursor (ml_gc_slots_begin / ml_gc_slots_next).
struct ml_gc_slots {
    void **elem; // current element's first word
    const ml_type_t *type;
    size_t words;        // words per element
    size_t word;         // next 64-word group of the element
    uint64_t bits;       // remaining pointer bits of the current group
    size_t group_base;   // word index of the current group
    uint32_t elems_left; // elements after the current one
};

// The object cursor (ml_gc_iter_init / ml_gc_iter_next).
struct ml_gc_iter {
    ml_gc_heap_t *h;
    ml_gc_span_t *span;
    uint32_t next;
};

// ---- types ------------------------------------------------------------------

static inline bool ml_type_is_ptr_word(const ml_type_t *t, size_t w)
{
    if (t->ptrmask_ext)
        return (t->ptrmask_ext[w / 64] >> (w % 64)) & 1;
    return w < 64 && ((t->ptrmask >> w) & 1);
}

// ---- finding objects ----------------------------------------------------------

// ml_gc_span_of_ — the object span holding `p`, or NULL. O(1).
static inline ml_gc_span_t *ml_gc_span_of_(const ml_gc_heap_t *h, const void *p)
{
    const ml_gc_core_t *c = (const ml_gc_core_t *)(const void *)h;
    uintptr_t off = (uintptr_t)p - c->arena_lo;
    if (off >= c->arena_bytes)
        return NULL;
    return c->spans[off >> ML_PAGE_SHIFT];
}
static inline uint32_t ml_gc_index_in_(const ml_gc_span_t *s, const void *p)
{
    return (uint32_t)(((uint64_t)((uintptr_t)p - s->base) * s->divmul) >> 32);
}
// Bug checks of the fast paths, out of line (they abort with a message).
_Noreturn void ml_gc_bad_object_(const char *fn, const void *p);

static inline bool ml_gc_find_object(const ml_gc_heap_t *h, const void *p, ml_gc_objref_t *r)
{
    ml_gc_span_t *s = ml_gc_span_of_(h, p);
    if (!s)
        return false;
    uint32_t i = ml_gc_index_in_(s, p);
    if (i >= s->nelems || !ml_bit_test(s->allocbits, i))
        return false;
    *r = (ml_gc_objref_t){ (void *)(s->base + (uintptr_t)i * s->elemsize), s, i };
    return true;
}
static inline void *ml_gc_object_of(const ml_gc_heap_t *h, const void *p)
{
    ml_gc_objref_t r;
    return ml_gc_find_object(h, p, &r) ? r.obj : NULL;
}

// (always_inline: GCC otherwise finds ml_gc_prefetch free of side effects
// and deletes the call before inlining it.)
static inline __attribute__((always_inline)) void ml_gc_prefetch(const ml_gc_heap_t *h,
                                                                 const void *obj)
{
    ml_gc_span_t *s = ml_gc_span_of_(h, obj);
    if (s) {
        __builtin_prefetch(obj);
        __builtin_prefetch(&s->info[ml_gc_index_in_(s, obj)]);
    }
}

// Locates an object given by its start; aborts (a bug) otherwise.
static inline ml_gc_span_t *ml_gc_locate_(const ml_gc_heap_t *h, const void *obj, uint32_t *idx,
                                          const char *fn)
{
    ml_gc_span_t *s = ml_gc_span_of_(h, obj);
    if (!s)
        ml_gc_bad_object_(fn, obj);
    uint32_t i = ml_gc_index_in_(s, obj);
    if (i >= s->nelems || s->base + (uintptr_t)i * s->elemsize != (uintptr_t)obj ||
        !ml_bit_test(s->allocbits, i))
        ml_gc_bad_object_(fn, obj);
    *idx = i;
    return s;
}

// ---- mark bits ------------------------------------------------------------------

static inline bool ml_gc_is_marked(const ml_gc_heap_t *h, const void *obj)
{
    uint32_t i;
    ml_gc_span_t *s = ml_gc_locate_(h, obj, &i, "ml_gc_is_marked");
    return ml_bit_test(s->markbits, i);
}
static inline void ml_gc_set_mark(ml_gc_heap_t *h, const void *obj)
{
    uint32_t i;
    ml_gc_span_t *s = ml_gc_locate_(h, obj, &i, "ml_gc_set_mark");
    ml_bit_set(s->markbits, i);
}
static inline void ml_gc_clear_mark(ml_gc_heap_t *h, const void *obj)
{
    uint32_t i;
    ml_gc_span_t *s = ml_gc_locate_(h, obj, &i, "ml_gc_clear_mark");
    ml_bit_clear(s->markbits, i);
}
static inline bool ml_gc_try_mark(ml_gc_heap_t *h, const void *obj)
{
    uint32_t i;
    ml_gc_span_t *s = ml_gc_locate_(h, obj, &i, "ml_gc_try_mark");
    uint64_t *w = &s->markbits[i / 64], bit = (uint64_t)1 << (i % 64);
    if (*w & bit)
        return false;
    *w |= bit;
    return true;
}
static inline bool ml_gc_ref_try_mark(const ml_gc_objref_t *r)
{
    uint64_t *w = &r->span->markbits[r->index / 64], bit = (uint64_t)1 << (r->index % 64);
    if (*w & bit)
        return false;
    *w |= bit;
    return true;
}

static inline const ml_type_t *ml_gc_ref_type(const ml_gc_objref_t *r)
{
    return r->span->info[r->index].type;
}
static inline size_t ml_gc_ref_count(const ml_gc_objref_t *r)
{
    return r->span->info[r->index].count;
}
static inline __attribute__((always_inline)) void ml_gc_ref_prefetch(const ml_gc_objref_t *r)
{
    __builtin_prefetch(r->obj);
    __builtin_prefetch(&r->span->info[r->index]);
}

// ---- object metadata and pointer slots ----------------------------------------

static inline const ml_gc_objinfo_t *ml_gc_info_(const ml_gc_heap_t *h, const void *obj,
                                                 const char *fn)
{
    uint32_t i;
    ml_gc_span_t *s = ml_gc_locate_(h, obj, &i, fn);
    return &s->info[i];
}
static inline const ml_type_t *ml_gc_type_of(const ml_gc_heap_t *h, const void *obj)
{
    return ml_gc_info_(h, obj, "ml_gc_type_of")->type;
}
static inline size_t ml_gc_count_of(const ml_gc_heap_t *h, const void *obj)
{
    return ml_gc_info_(h, obj, "ml_gc_count_of")->count;
}
static inline uint32_t ml_gc_object_id(const ml_gc_heap_t *h, const void *obj)
{
    return ml_gc_info_(h, obj, "ml_gc_object_id")->id;
}
static inline size_t ml_gc_num_slots(const ml_gc_heap_t *h, const void *obj)
{
    const ml_gc_objinfo_t *in = ml_gc_info_(h, obj, "ml_gc_num_slots");
    const ml_type_t *t = in->type;
    size_t n = t->ptrmask_ext ? ml_type_num_slots(t) : (size_t)__builtin_popcountll(t->ptrmask);
    return n * in->count;
}
void **ml_gc_slot_addr_slow_(const ml_gc_heap_t *h, const void *obj, size_t i);
static inline void **ml_gc_slot_addr(const ml_gc_heap_t *h, const void *obj, size_t i)
{
    const ml_gc_objinfo_t *in = ml_gc_info_(h, obj, "ml_gc_slot_addr");
    const ml_type_t *t = in->type;
    if (in->count == 1 && !t->ptrmask_ext) {
        uint64_t m = t->ptrmask;
        for (size_t k = 0; k < i && m; k++)
            m &= m - 1; // drop i lowest slots
        if (m)
            return (void **)obj + __builtin_ctzll(m);
    }
    return ml_gc_slot_addr_slow_(h, obj, i);
}
static inline void *ml_gc_slot(const ml_gc_heap_t *h, const void *obj, size_t i)
{
    return *ml_gc_slot_addr(h, obj, i);
}

void **ml_gc_slots_next_group_(ml_gc_slots_t *it);
static inline void **ml_gc_slots_next(ml_gc_slots_t *it)
{
    if (it->bits) {
        unsigned b = (unsigned)__builtin_ctzll(it->bits);
        it->bits &= it->bits - 1;
        return it->elem + it->group_base + b;
    }
    return ml_gc_slots_next_group_(it);
}

// ---- pointer stores and the write barrier -----------------------------------

// ml_gc_write_slow_ — what a store does besides the store itself, by the
// bits of write_slow: count it (ML_GC_WRITE_COUNT; while marking in
// StoresMarking too), run the collector's write barrier (ML_GC_WRITE_BARRIER).
void ml_gc_write_slow_(ml_gc_heap_t *h, void **slot, void *val);
// ml_gc_write_ptr — store `val` into `slot`, the address of a pointer slot of
// a heap object; runs the write barrier first while marking, and counts the
// store if count_stores is on. Three paths, by write_slow:
//   0                  the fast path: one test of a flag byte (Go's
//                      `if writeBarrier.enabled`) and the store; the branch
//                      hint favours it, as it is the case worth making fast;
//   barrier on         the out-of-line ml_gc_write_slow_ (the barrier hook),
//                      reached with one taken branch: the hints keep the call
//                      next in line, and ml_gc_write_slow_ counts without
//                      branching (each taken branch on this path costs a few
//                      cycles per store while marking);
//   ML_GC_WRITE_COUNT  (no cycle, counting turned on) the count, inline.
static inline void ml_gc_write_ptr(ml_gc_heap_t *h, void **slot, void *val)
{
    ml_gc_core_t *c = (ml_gc_core_t *)(void *)h;
    uint8_t f = c->write_slow;
    if (__builtin_expect(f != 0, 0)) {
        if (__builtin_expect(f == ML_GC_WRITE_COUNT, 0))
            c->stores++;
        else
            ml_gc_write_slow_(h, slot, val);
    }
    *slot = val;
}
static inline void ml_gc_write(ml_gc_heap_t *h, void *obj, size_t i, void *val)
{
    ml_gc_write_ptr(h, ml_gc_slot_addr(h, obj, i), val);
}

// ---- roots: the current stack and its scanned flag -------------------------

static inline ml_gc_stack_t *ml_gc_current_stack(const ml_gc_heap_t *h)
{
    return ((const ml_gc_core_t *)(const void *)h)->current;
}
static inline bool ml_gc_stack_scanned(const ml_gc_stack_t *st)
{
    return ((const ml_gc_stack_core_t *)(const void *)st)->scanned;
}

#endif

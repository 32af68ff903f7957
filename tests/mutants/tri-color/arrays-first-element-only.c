// arrays-first-element-only.c — MUTANT of labs/tri-color/mark.c: the fast
// path of tc_scan_object (the type's pointer bitmap, read inline) is taken
// for every object whose type fits one bitmap word, arrays included; the
// general slot cursor only for types with a long bitmap.
// What is wrong: an array's elements after the first are never scanned, so
// whatever they point to stays white (an array of two Pairs shades two of
// its four targets).
// Caught by: scan/scan_object_shades_every_slot (arrays of three and of
// two), deep/worklist_grows (an array of pointers).
// Killed by: scan/scan_object_shades_every_slot deep/worklist_grows
#include "mark.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define RING_SIZE 16 // objects in flight between prefetch and scan (a power of two)

struct tc_marker {
    ml_gc_heap_t *heap;
    ml_gc_objref_t *stack; // grey objects: stack[0 .. len)
    size_t len, cap;
    ml_gc_objref_t ring[RING_SIZE]; // grey objects, prefetched: ring[head], ... (nring of them)
    size_t head, nring;
};

tc_marker_t *tc_marker_new(ml_gc_heap_t *h)
{
    tc_marker_t *m = calloc(1, sizeof *m);
    if (m)
        m->heap = h;
    return m;
}

void tc_marker_free(tc_marker_t *m)
{
    if (!m)
        return;
    free(m->stack);
    free(m);
}

ml_gc_heap_t *tc_marker_heap(const tc_marker_t *m)
{
    return m->heap;
}

size_t tc_grey_count(const tc_marker_t *m)
{
    return m->len + m->nring;
}

void tc_grey_foreach(const tc_marker_t *m, void (*fn)(void *obj, void *arg), void *arg)
{
    for (size_t i = 0; i < m->len; i++)
        fn(m->stack[i].obj, arg);
    for (size_t i = 0; i < m->nring; i++)
        fn(m->ring[(m->head + i) % RING_SIZE].obj, arg);
}

// grey_grow — the slow path of shading when the stack is full: double it.
static void grey_grow(tc_marker_t *m)
{
    size_t ncap = m->cap ? 2 * m->cap : 1024;
    ml_gc_objref_t *ns = realloc(m->stack, ncap * sizeof *ns);
    if (!ns) {
        fprintf(stderr, "tc_shade: out of memory growing the grey worklist to %zu entries\n", ncap);
        abort();
    }
    m->stack = ns;
    m->cap = ncap;
}

// The worklist's stack, held in locals by a loop (see the header comment).
typedef struct work {
    ml_gc_objref_t *stack;
    size_t len, cap;
} work_t;

// shade — tc_shade on a worklist held in locals `w` (written back to `m`
// only to grow it); inlined into the scan loop. `h` is m->heap, passed in
// a local for the same reason.
static inline __attribute__((always_inline)) void shade(tc_marker_t *m, ml_gc_heap_t *h, work_t *w,
                                                        void *p)
{
    ml_gc_objref_t r;                           // the object containing p
    if (!p || !ml_gc_find_object(h, p, &r) || !ml_gc_ref_try_mark(&r))
        return;                                 // not an object, or not white
    if (w->len == w->cap) {
        m->len = w->len;
        grey_grow(m);
        w->stack = m->stack, w->cap = m->cap;
    }
    w->stack[w->len++] = r;
}

// scan_cursor — blacken an array or a type of more than 64 words: shade
// every slot's target through the core's slot cursor. Out of line, on the
// marker's own fields, so the common case below keeps its locals in
// registers.
static __attribute__((noinline)) void scan_cursor(tc_marker_t *m, const ml_gc_objref_t *r)
{
    work_t w = { m->stack, m->len, m->cap };
    ml_gc_slots_t it;
    ml_gc_slots_begin(m->heap, r->obj, &it);
    for (void **slot; (slot = ml_gc_slots_next(&it));)
        shade(m, m->heap, &w, *slot);
    m->len = w.len;
}

// scan — blacken the object `r` names: shade every slot's target. The
// common case, one value of a type of at most 64 words, walks the set bits
// of its pointer mask; the rest takes scan_cursor.
static inline __attribute__((always_inline)) void scan(tc_marker_t *m, ml_gc_heap_t *h, work_t *w,
                                                       const ml_gc_objref_t *r)
{
    const ml_type_t *t = ml_gc_ref_type(r);
    if (__builtin_expect(t->ptrmask_ext != NULL, 0)) {
        m->len = w->len;
        scan_cursor(m, r);
        *w = (work_t){ m->stack, m->len, m->cap };
        return;
    }
    void **obj = r->obj;
    for (uint64_t bits = t->ptrmask; bits; bits &= bits - 1)
        shade(m, h, w, obj[__builtin_ctzll(bits)]);
}

void tc_shade(tc_marker_t *m, void *p)
{
    work_t w = { m->stack, m->len, m->cap };
    shade(m, m->heap, &w, p);
    m->len = w.len;
}

void tc_scan_object(tc_marker_t *m, void *obj)
{
    ml_gc_objref_t r;
    if (!ml_gc_find_object(m->heap, obj, &r) || r.obj != obj) {
        fprintf(stderr, "tc_scan_object: %p is not the start of an allocated object\n", obj);
        abort();
    }
    work_t w = { m->stack, m->len, m->cap };
    scan(m, m->heap, &w, &r);
    m->len = w.len;
}

void tc_scan_stack(tc_marker_t *m, ml_gc_stack_t *st)
{
    for (ml_gc_frame_t *f = ml_gc_stack_top(st); f; f = ml_gc_frame_caller(f)) {
        for (size_t i = 0; i < ml_gc_frame_nslots(f); i++)
            tc_shade(m, ml_gc_frame_get(f, i));
        ml_gc_frame_set_scanned(f, true);
    }
    ml_gc_stack_set_scanned(st, true);
}

void tc_mark_roots(tc_marker_t *m)
{
    for (size_t g = 0; g < ml_gc_num_globals(m->heap); g++)
        tc_shade(m, ml_gc_global_get(m->heap, (int)g));
    for (size_t s = 0; s < ml_gc_num_stacks(m->heap); s++)
        tc_scan_stack(m, ml_gc_stack_at(m->heap, s));
}

bool tc_mark_step(tc_marker_t *m, size_t budget)
{
    ml_gc_heap_t *h = m->heap;
    work_t w = { m->stack, m->len, m->cap };
    size_t head = m->head, nring = m->nring;
    for (size_t done = 0; done < budget; done++) {
        if (nring < RING_SIZE && w.len > 0) { // top the ring up, prefetching
            do {
                ml_gc_objref_t *r = &m->ring[(head + nring++) % RING_SIZE];
                *r = w.stack[--w.len];
                ml_gc_ref_prefetch(r);
            } while (nring < RING_SIZE && w.len > 0);
        } else if (nring == 0) {
            break; // no grey object left
        }
        // Scan the oldest; while the ring is full and the stack is not
        // empty (the usual case), its slot takes the stack's top at once:
        // the new entry is the youngest, the ring stays full.
        ml_gc_objref_t *r = &m->ring[head];
        scan(m, h, &w, r);
        if (nring == RING_SIZE && w.len > 0) {
            *r = w.stack[--w.len];
            ml_gc_ref_prefetch(r);
        } else {
            nring--;
        }
        head = (head + 1) % RING_SIZE;
    }
    m->len = w.len;
    m->head = head;
    m->nring = nring;
    return w.len == 0 && nring == 0;
}

void tc_on_alloc(tc_marker_t *m, void *obj)
{
    // Black: marked, never on the worklist. A new object's slots are all
    // nil, so it has nothing to scan; anything stored into it later is the
    // write barrier's business (next lab).
    ml_gc_set_mark(m->heap, obj);
}

size_t tc_sweep(tc_marker_t *m)
{
    size_t freed = 0;
    ml_gc_iter_t it;
    ml_gc_iter_init(m->heap, &it);
    for (void *obj; (obj = ml_gc_iter_next_white(&it));) {
        ml_gc_free(m->heap, obj);               // white: garbage
        freed++;
    }
    ml_gc_clear_all_marks(m->heap);             // black → white for the next cycle
    m->len = m->nring = 0;  // empty already after marking; a new cycle starts clean
    return freed;
}

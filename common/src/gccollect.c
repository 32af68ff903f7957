// gccollect.c — the collection driver, the core's default stop-the-world
// marker, the default sweep and the pointer store's slow path (Go's
// runtime/mgc.go, mgcmark.go, mgcsweep.go, mbarrier.go).
//
// A cycle, as Go runs it (gcStart → gcMarkDone → gcMarkTermination → sweep):
//   1. cycle_begin: the world is stopped; phase = MARK, which turns the write
//      barrier on (writeBarrier.enabled); stack and frame `scanned` flags are
//      cleared; the collector's mark_begin runs (e.g. shade the roots).
//   2. cycle_step: the collector's mark_step(budget), as often as the caller
//      wants, with the mutator running in between (see sched.h). Objects
//      allocated now are colored by on_alloc (default: black, as in Go).
//   3. cycle_finish: stop the world: phase = MARK_TERMINATION, drain what is
//      left of marking, mark_terminate (e.g. re-scan stacks); the barrier
//      goes off; phase = SWEEP: the sweep frees every unmarked object and
//      clears the marks; empty spans go back to the page heap.
//   4. statistics: NumGC, the pause (time in steps 1 and 3, or the whole
//      cycle for ml_gc_collect), the next heap goal:
//      NextGC = max(min_heap, HeapAlloc after sweep × (1 + GOGC/100)).
//
// The default marker is the textbook one: shade = set the mark bit and push
// on an explicit mark stack (malloc'd, never recursion, so a list of a
// million objects is fine); a step pops objects and shades their slots.
// It has no write barrier: run incrementally beside a mutator it loses
// objects — that is what the write-barrier lab is about.
//
// The default sweep works a 64-object word at a time, like Go's: freed =
// alloc & ~mark; alloc &= mark; mark = 0. Object by object only when
// poisoning or logging needs to touch each freed object.
#include <stdlib.h>
#include <string.h>

#include "gcheap_impl.h"
#include "memlab/clock.h"
#include "memlab/grow.h"

// ---- the default marker ------------------------------------------------------------

static void mstack_push(ml_gc_heap_t *h, void *obj)
{
    if (!ML_GROW_ARRAY(h->mstack, h->mcap, h->mlen + 1, 1024)) {
        fprintf(stderr, "gc: mark stack: out of memory\n");
        abort();
    }
    h->mstack[h->mlen++] = obj;
}

// shade: a white object pointed to by `p` becomes grey (marked, on the stack).
static inline void default_shade(ml_gc_heap_t *h, void *p)
{
    ml_gc_objref_t r;
    if (!ml_gc_find_object(h, p, &r) || !ml_gc_ref_try_mark(&r))
        return;
    if (h->cfg.log)
        ml_gc_log(h, "mark", r.obj);
    mstack_push(h, r.obj);
}

static void default_root(ml_gc_heap_t *h, void **slot, const ml_gc_root_t *r, void *arg)
{
    (void)r;
    (void)arg;
    if (*slot)
        default_shade(h, *slot);
}

static void default_mark_begin(ml_gc_heap_t *h, void *ctx)
{
    (void)ctx;
    h->mlen = 0;
    ml_gc_foreach_root(h, default_root, NULL);
}

static bool default_mark_step(ml_gc_heap_t *h, void *ctx, size_t budget)
{
    (void)ctx;
    while (budget-- > 0 && h->mlen > 0) {
        void *obj = h->mstack[--h->mlen];
        if (h->cfg.log)
            ml_gc_log(h, "blacken", obj);
        ml_gc_slots_t it;
        ml_gc_slots_begin(h, obj, &it);
        for (void **slot; (slot = ml_gc_slots_next(&it));)
            if (*slot)
                default_shade(h, *slot);
    }
    return h->mlen == 0;
}

static const ml_gc_collector_t default_collector = {
    .name = "default (stop-the-world)",
    .ctx = NULL,
    .mark_begin = default_mark_begin,
    .mark_step = default_mark_step,
    .mark_terminate = NULL,
    .sweep = NULL,
    .write_barrier = NULL,
    .on_alloc = NULL,
};

const ml_gc_collector_t *ml_gc_default_collector(void)
{
    return &default_collector;
}

int ml_gc_set_collector(ml_gc_heap_t *h, const ml_gc_collector_t *c)
{
    if (h->phase != ML_GC_OFF)
        return -1;
    if (c && !c->mark_step)
        return -1;
    h->coll = c ? *c : default_collector;
    return 0;
}

const ml_gc_collector_t *ml_gc_collector(const ml_gc_heap_t *h)
{
    return &h->coll;
}

// ---- the pointer store's slow path ----------------------------------------------------

void ml_gc_update_write_slow_(ml_gc_heap_t *h)
{
    bool barrier = h->phase == ML_GC_MARK || h->phase == ML_GC_MARK_TERMINATION;
    h->core.write_slow = (uint8_t)((barrier ? ML_GC_WRITE_BARRIER : 0) |
                                   (h->cfg.count_stores ? ML_GC_WRITE_COUNT : 0));
}

void ml_gc_write_slow_(ml_gc_heap_t *h, void **slot, void *val)
{
    unsigned f = h->core.write_slow;
    uint64_t counted = (f / ML_GC_WRITE_COUNT) & 1; // 0 or 1, without a branch
    h->core.stores += counted;
    if (f & ML_GC_WRITE_BARRIER) {
        h->st.stores_marking += counted;
        if (h->coll.write_barrier) {
            h->st.barrier_calls++;
            h->coll.write_barrier(h, h->coll.ctx, slot, *slot, val);
        }
    }
}

// ---- sweep -------------------------------------------------------------------------

void ml_gc_sweep_default(ml_gc_heap_t *h)
{
    bool each = h->cfg.poison || h->cfg.log;
    for (ml_gc_span_t *s = h->all; s; s = s->next) {
        size_t words = (s->nelems + 63) / 64;
        uint32_t live = 0, freed = 0;
        for (size_t w = 0; w < words; w++) {
            uint64_t dead = s->allocbits[w] & ~s->markbits[w];
            if (dead) {
                freed += (uint32_t)__builtin_popcountll(dead);
                for (uint64_t d = dead; each && d; d &= d - 1) {
                    uint32_t i = (uint32_t)(w * 64 + (size_t)__builtin_ctzll(d));
                    void *obj = (void *)(s->base + (uintptr_t)i * s->elemsize);
                    if (h->cfg.log)
                        ml_gc_log(h, "free", obj);
                    if (h->cfg.poison)
                        ml_gc_poison_(obj, s->sizeclass ? s->elemsize
                                                        : s->info[i].type->size * s->info[i].count);
                    s->info[i].type = NULL;
                }
            }
            s->allocbits[w] &= s->markbits[w];
            s->markbits[w] = 0;
            live += (uint32_t)__builtin_popcountll(s->allocbits[w]);
        }
        if (freed) {
            s->needzero = true;
            s->span->allocount = live;
            s->span->freeindex = (uint32_t)ml_bit_find_zero(s->allocbits, 0, s->nelems);
            h->st.frees += freed;
            h->st.heap_alloc -= (uint64_t)freed * s->elemsize;
        }
    }
}

// ---- the driver ----------------------------------------------------------------------

ml_gc_phase_t ml_gc_phase(const ml_gc_heap_t *h)
{
    return h->phase;
}

const char *ml_gc_phase_name(ml_gc_phase_t p)
{
    switch (p) {
    case ML_GC_OFF: return "off";
    case ML_GC_MARK: return "mark";
    case ML_GC_MARK_TERMINATION: return "mark termination";
    case ML_GC_SWEEP: return "sweep";
    }
    return "?";
}

int ml_gc_cycle_begin(ml_gc_heap_t *h)
{
    if (h->phase != ML_GC_OFF)
        return -1;
    uint64_t t0 = ml_now_ns();
    h->phase = ML_GC_MARK;
    ml_gc_update_write_slow_(h); // barrier on
    h->mark_done = false;
    h->mark_steps = 0;
    for (size_t i = 0; i < h->nstacks; i++) {
        h->stacks[i]->core.scanned = false;
        for (ml_gc_frame_t *f = h->stacks[i]->top; f; f = f->caller)
            f->scanned = false;
    }
    ml_gc_log(h, "cycle begin", NULL);
    if (h->coll.mark_begin)
        h->coll.mark_begin(h, h->coll.ctx);
    h->cycle_pause_ns = ml_now_ns() - t0;
    return 0;
}

bool ml_gc_cycle_step(ml_gc_heap_t *h, size_t budget)
{
    if (h->phase != ML_GC_MARK)
        return false;
    if (h->mark_done)
        return true;
    h->mark_steps++;
    h->mark_done = h->coll.mark_step(h, h->coll.ctx, budget);
    return h->mark_done;
}

void ml_gc_cycle_finish(ml_gc_heap_t *h)
{
    if (h->phase != ML_GC_MARK)
        return;
    uint64_t t0 = ml_now_ns();
    h->phase = ML_GC_MARK_TERMINATION;
    while (!h->mark_done) {
        h->mark_steps++;
        h->mark_done = h->coll.mark_step(h, h->coll.ctx, SIZE_MAX);
    }
    size_t work = h->coll.mark_terminate ? h->coll.mark_terminate(h, h->coll.ctx) : 0;
    h->phase = ML_GC_SWEEP;
    ml_gc_update_write_slow_(h); // barrier off
    if (h->coll.sweep)
        h->coll.sweep(h, h->coll.ctx);
    else
        ml_gc_sweep_default(h);
    ml_gc_release_empty_spans(h);
    uint64_t end = ml_now_ns();
    uint64_t pause = h->cycle_pause_ns + (end - t0);

    ml_memstats_t *st = &h->st;
    st->pause_ns[st->num_gc % ML_PAUSE_RING] = pause;
    st->pause_end[st->num_gc % ML_PAUSE_RING] = end;
    st->num_gc++;
    st->pause_total_ns += pause;
    st->last_gc = end;
    st->last_marked = st->heap_alloc;
    st->last_mark_steps = h->mark_steps;
    st->last_terminate_work = work;
    st->total_terminate_work += work;
    uint64_t pct = h->cfg.gc_percent > 0 ? (uint64_t)h->cfg.gc_percent : 0;
    uint64_t goal = st->heap_alloc + st->heap_alloc / 100 * pct + st->heap_alloc % 100 * pct / 100;
    st->next_gc = goal > h->cfg.min_heap ? goal : h->cfg.min_heap;
    h->phase = ML_GC_OFF;
    ml_gc_log(h, "cycle end", NULL);
}

void ml_gc_collect(ml_gc_heap_t *h)
{
    if (h->phase == ML_GC_MARK) {
        ml_gc_cycle_finish(h);
        return;
    }
    if (h->phase != ML_GC_OFF || h->in_collect)
        return;
    h->in_collect = true;
    uint64_t t0 = ml_now_ns();
    ml_gc_cycle_begin(h);
    while (!ml_gc_cycle_step(h, SIZE_MAX)) {}
    h->cycle_pause_ns = ml_now_ns() - t0; // the whole cycle stops the world
    ml_gc_cycle_finish(h);
    h->in_collect = false;
}

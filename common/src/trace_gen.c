// trace_gen.c — synthetic allocation traces drawn from size and lifetime
// distributions, reproducible from a seed (ml_trace_generate in trace.h).
//
// The CMU traces are few and fixed; benchmarks and tests also need traces
// with a chosen shape: many small short-lived objects (what Go's allocator
// is tuned for), a few large long-lived ones, growing buffers. The
// generator builds them from a handful of parameters, and the same
// parameters and seed always give the same trace, operation for operation.
//
// Model: time is counted in operations. Every block is allocated once, lives
// for a lifetime drawn from an exponential distribution (the memoryless
// "most objects die young" shape of real heaps), may be reallocated while
// live, and is freed when its lifetime has passed.
//
// Data structures:
//   heap    a binary min-heap of (death time, id) for the blocks that will
//           die; ties broken by id so the order never depends on the heap's
//           internals
//   live    a dense array of the live ids, with pos[id] its index there, so
//           a uniformly random live block is one ml_rng_below away and
//           removal is a swap with the last element
//   size    the current size of every block
//
// Algorithm (t = number of operations emitted so far):
//   1. while blocks remain to be allocated:
//      a. free every block whose death time is ≤ t, earliest first (each
//         free is itself an operation, so t advances);
//      b. with probability realloc_prob, if a block is live: pick a live
//         block uniformly and emit `r id size*realloc_growth` (rounded,
//         clamped to [1, ML_TRACE_MAX_SIZE]);
//      c. otherwise allocate the next id (ids are 0, 1, 2, ... in order)
//         with a size drawn from `sizes`, and unless mean_lifetime is 0
//         schedule its death at t_alloc + max(1, ceil(Exp(mean_lifetime)));
//   2. at the end, if free_all_at_end: free the blocks that are still live,
//      in order of scheduled death, then the immortal ones (mean_lifetime
//      0) in id order. Otherwise they stay live and the trace ends.
// The random draws happen in a fixed order (realloc coin, then the block or
// size, then the lifetime), so the trace is a pure function of the
// parameters and the seed.
//
// Size distributions (`sizes`):
//   UNIFORM     uniform integer in [min, max]
//   LOG         log-uniform in [min, max], min ≥ 1: floor(exp(U(ln min,
//               ln(max+1)))), so each factor of 2 in size is equally likely
//   POW2        a power of two in [min, max], each exponent equally likely
//   ALTERNATE   the i-th allocation gets min when i is even, max when odd
//   CHOICE      one of choices[0..nchoices-1], uniformly (1 ≤ nchoices ≤ 8)
//
// Why the result is always a valid trace: each id is allocated exactly once
// (step 1c), is reallocated only while it is in `live`, and is freed only
// when it leaves the heap or the end-of-trace sweep, which happens once,
// while it is live. Sizes are clamped to the reader's limit.
#include "memlab/trace.h"
#include "memlab/grow.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct death {
    uint64_t when; // operation index at which the block dies
    uint32_t id;
} death_t;

typedef struct gen {
    const ml_trace_gen_t *g;
    ml_rng_t rng;
    ml_trace_op_t *ops;
    size_t nops, cap;
    death_t *heap; // min-heap, up to num_blocks entries
    size_t nheap;
    uint32_t *live; // dense array of live ids
    size_t nlive;
    uint32_t *pos; // pos[id]: index of id in live[], if live
    size_t *size;  // current size of each block
    bool *is_live;
} gen_t;

// ---- the death heap -------------------------------------------------------------

static bool death_before(death_t a, death_t b)
{
    return a.when < b.when || (a.when == b.when && a.id < b.id);
}

// heap_push — add d; the heap has room for every block, so it cannot fail.
static void heap_push(gen_t *s, death_t d)
{
    size_t i = s->nheap++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!death_before(d, s->heap[parent]))
            break;
        s->heap[i] = s->heap[parent];
        i = parent;
    }
    s->heap[i] = d;
}

// heap_pop — remove and return the earliest death; the heap is not empty.
static death_t heap_pop(gen_t *s)
{
    death_t top = s->heap[0];
    death_t last = s->heap[--s->nheap];
    size_t i = 0, n = s->nheap;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && death_before(s->heap[c + 1], s->heap[c]))
            c++;
        if (!death_before(s->heap[c], last))
            break;
        s->heap[i] = s->heap[c];
        i = c;
    }
    if (n > 0)
        s->heap[i] = last;
    return top;
}

// ---- emitting operations --------------------------------------------------------

// emit — append an operation. Returns false when memory runs out.
static bool emit(gen_t *s, ml_op_kind_t kind, uint32_t id, size_t size)
{
    if (!ML_GROW_ARRAY(s->ops, s->cap, s->nops + 1, 1024))
        return false;
    // Generated traces have no file; line is the line the operation gets
    // when the trace is written (after the four header lines).
    s->ops[s->nops] = (ml_trace_op_t){
        .kind = kind,
        .id = id,
        .size = kind == ML_OP_FREE ? 0 : size,
        .line = (unsigned)(s->nops + 5),
    };
    s->nops++;
    return true;
}

static void live_add(gen_t *s, uint32_t id)
{
    s->pos[id] = (uint32_t)s->nlive;
    s->live[s->nlive++] = id;
    s->is_live[id] = true;
}

static void live_remove(gen_t *s, uint32_t id)
{
    uint32_t i = s->pos[id], last = s->live[--s->nlive];
    s->live[i] = last;
    s->pos[last] = i;
    s->is_live[id] = false;
}

// free_block — emit `f id` for a live block. Returns false on out of memory.
static bool free_block(gen_t *s, uint32_t id)
{
    live_remove(s, id);
    return emit(s, ML_OP_FREE, id, 0);
}

// ---- distributions --------------------------------------------------------------

// floor_log2 — the largest e with 2^e ≤ x (x ≥ 1).
static unsigned floor_log2(uint64_t x)
{
    return 63u - (unsigned)__builtin_clzll(x);
}

// pow2_exponents — the exponents of the powers of two in [min, max] as
// [*lo, *hi]. Returns false when the range holds none.
static bool pow2_exponents(size_t min, size_t max, unsigned *lo, unsigned *hi)
{
    if (max == 0)
        return false;
    *lo = min <= 1 ? 0 : floor_log2(min - 1) + 1;
    *hi = floor_log2(max);
    return *lo <= *hi;
}

// dist_is_valid — whether d describes a non-empty set of sizes within the
// reader's limit.
static bool dist_is_valid(const ml_size_dist_t *d)
{
    unsigned lo, hi;
    switch (d->kind) {
    case ML_DIST_CHOICE:
        if (d->nchoices < 1 || d->nchoices > 8)
            return false;
        for (size_t i = 0; i < d->nchoices; i++)
            if (d->choices[i] > ML_TRACE_MAX_SIZE)
                return false;
        return true;
    case ML_DIST_UNIFORM:
    case ML_DIST_ALTERNATE: return d->min <= d->max && d->max <= ML_TRACE_MAX_SIZE;
    case ML_DIST_LOG: return d->min >= 1 && d->min <= d->max && d->max <= ML_TRACE_MAX_SIZE;
    case ML_DIST_POW2:
        return d->min <= d->max && d->max <= ML_TRACE_MAX_SIZE &&
               pow2_exponents(d->min, d->max, &lo, &hi);
    }
    return false;
}

// draw_size — the size of allocation number `nth` (0-based), from a valid
// distribution.
static size_t draw_size(gen_t *s, const ml_size_dist_t *d, uint32_t nth)
{
    switch (d->kind) {
    case ML_DIST_UNIFORM: return (size_t)ml_rng_range(&s->rng, d->min, d->max);
    case ML_DIST_LOG: {
        double lo = log((double)d->min), hi = log((double)d->max + 1);
        double x = floor(exp(lo + ml_rng_double(&s->rng) * (hi - lo)));
        // Rounding in exp/log can land one off either end.
        if (x < (double)d->min)
            return d->min;
        if (x > (double)d->max)
            return d->max;
        return (size_t)x;
    }
    case ML_DIST_POW2: {
        unsigned lo = 0, hi = 0;
        pow2_exponents(d->min, d->max, &lo, &hi);
        return (size_t)1 << ml_rng_range(&s->rng, lo, hi);
    }
    case ML_DIST_ALTERNATE: return nth % 2 == 0 ? d->min : d->max;
    case ML_DIST_CHOICE: return d->choices[ml_rng_below(&s->rng, d->nchoices)];
    }
    return d->min;
}

// grown — size * growth, rounded, clamped to [1, ML_TRACE_MAX_SIZE].
static size_t grown(size_t size, double growth)
{
    double x = round((double)size * growth);
    if (!(x >= 1))
        return 1;
    if (x > (double)ML_TRACE_MAX_SIZE)
        return ML_TRACE_MAX_SIZE;
    return (size_t)x;
}

// lifetime — a block's lifetime in operations: max(1, ceil(Exp(mean))),
// saturated far below UINT64_MAX so death times cannot wrap.
static uint64_t lifetime(gen_t *s, double mean)
{
    double x = ceil(ml_rng_exp(&s->rng, mean));
    if (x < 1)
        return 1;
    if (x > 0x1p62)
        return (uint64_t)1 << 62;
    return (uint64_t)x;
}

// ---- the generator --------------------------------------------------------------

// params_are_valid — whether g can be generated: a valid size distribution,
// at most ML_TRACE_MAX_IDS blocks, mean_lifetime ≥ 0, 0 ≤ realloc_prob < 1,
// and a positive finite realloc_growth when realloc_prob > 0.
static bool params_are_valid(const ml_trace_gen_t *g)
{
    if (g->num_blocks > ML_TRACE_MAX_IDS || !dist_is_valid(&g->sizes))
        return false;
    if (!(g->mean_lifetime >= 0) || isinf(g->mean_lifetime))
        return false;
    if (!(g->realloc_prob >= 0 && g->realloc_prob < 1))
        return false;
    if (g->realloc_prob > 0 && !(g->realloc_growth > 0 && isfinite(g->realloc_growth)))
        return false;
    return true;
}

// run — steps 1 and 2 of the algorithm. Returns false on out of memory.
static bool run(gen_t *s)
{
    const ml_trace_gen_t *g = s->g;
    uint32_t next_id = 0;
    while (next_id < g->num_blocks) {
        while (s->nheap > 0 && s->heap[0].when <= s->nops)
            if (!free_block(s, heap_pop(s).id))
                return false;
        if (g->realloc_prob > 0 && ml_rng_double(&s->rng) < g->realloc_prob && s->nlive > 0) {
            uint32_t id = s->live[ml_rng_below(&s->rng, s->nlive)];
            s->size[id] = grown(s->size[id], g->realloc_growth);
            if (!emit(s, ML_OP_REALLOC, id, s->size[id]))
                return false;
            continue;
        }
        uint32_t id = next_id++;
        s->size[id] = draw_size(s, &g->sizes, id);
        uint64_t born = s->nops;
        if (!emit(s, ML_OP_ALLOC, id, s->size[id]))
            return false;
        live_add(s, id);
        if (g->mean_lifetime > 0)
            heap_push(s, (death_t){ .when = born + lifetime(s, g->mean_lifetime), .id = id });
    }
    if (g->free_all_at_end) {
        while (s->nheap > 0)
            if (!free_block(s, heap_pop(s).id))
                return false;
        for (uint32_t id = 0; id < g->num_blocks; id++)
            if (s->is_live[id] && !free_block(s, id))
                return false;
    }
    return true;
}

// ml_trace_generate — a valid trace drawn from the distributions in g
// (algorithm above), identical for identical parameters and seed. The
// trace's name is a copy of g->name ("generated" when NULL), num_ids is
// g->num_blocks, sugg_heapsize the peak of live bytes, weight 1. Returns
// NULL with errno EINVAL when the parameters are invalid (see
// params_are_valid), or ENOMEM when memory runs out; nothing is leaked.
ml_trace_t *ml_trace_generate(const ml_trace_gen_t *g)
{
    if (!g || !params_are_valid(g)) {
        errno = EINVAL;
        return NULL;
    }
    gen_t s = { .g = g };
    ml_rng_seed(&s.rng, g->seed);
    size_t n = g->num_blocks ? g->num_blocks : 1;
    s.heap = malloc(n * sizeof *s.heap);
    s.live = malloc(n * sizeof *s.live);
    s.pos = malloc(n * sizeof *s.pos);
    s.size = malloc(n * sizeof *s.size);
    s.is_live = calloc(n, sizeof *s.is_live);
    ml_trace_t *t = NULL;
    char *name = NULL;
    if (s.heap && s.live && s.pos && s.size && s.is_live && run(&s)) {
        t = calloc(1, sizeof *t);
        name = strdup(g->name ? g->name : "generated");
    }
    if (t && name) {
        t->name = name;
        t->num_ids = g->num_blocks;
        t->num_ops = s.nops;
        t->weight = 1;
        t->ops = s.ops;
        s.ops = NULL;
        t->sugg_heapsize = ml_trace_summarize(t).peak_live_bytes;
    } else {
        free(t);
        free(name);
        t = NULL;
        errno = ENOMEM;
    }
    free(s.ops);
    free(s.heap);
    free(s.live);
    free(s.pos);
    free(s.size);
    free(s.is_live);
    return t;
}

// workloads.c — the five allocation patterns of the pacer lab (see
// workloads.h), on the simulated runtime. Each holds its live records in
// pointer arrays rooted in globals:
//   a ring      one array of N slots; step i stores the new record in slot
//               i mod N, dropping the record that was there;
//   a store     records kept for good, in chunks of 1024 slots listed in a
//               directory array (both allocated when first needed).
// Only records just allocated are ever stored (see sim.h: the core's
// marker has no write barrier).
#include "support/workloads.h"

#include <string.h>

#define CHUNK 1024u

// 128 words, word 0 a pointer: a type that large names its pointer words
// in an out-of-line mask.
static const uint64_t obj_mask[2] = { 0x1, 0 };
static const ml_type_t obj_type = { "obj", PACER_OBJ_BYTES, 0, obj_mask };
static const ml_type_t ptr_type = { "ptr", 8, 0x1, NULL };

// A store of records kept for good.
typedef struct store {
    int dir_global; // the directory's global
    void *dir;      // the directory: an array of `dir_len` chunk pointers
    size_t dir_len;
    void *chunk; // the chunk being filled
    size_t used; // slots used in it
    size_t nchunks;
} store_t;

static int store_init(pacer_sim_t *s, store_t *st, const char *name, size_t max_records)
{
    memset(st, 0, sizeof *st);
    ml_gc_heap_t *h = pacer_sim_heap(s);
    st->dir_global = ml_gc_global_add(h, name);
    st->dir_len = max_records / CHUNK + 1;
    st->dir = pacer_sim_alloc(s, &ptr_type, st->dir_len);
    if (st->dir_global < 0 || !st->dir)
        return -1;
    ml_gc_write_global(h, st->dir_global, st->dir);
    st->used = CHUNK;
    return 0;
}

// Keep `obj` for good. -1 when the program stopped.
static int store_keep(pacer_sim_t *s, store_t *st, void *obj)
{
    ml_gc_heap_t *h = pacer_sim_heap(s);
    if (st->used == CHUNK) {
        if (st->nchunks == st->dir_len)
            return -1;
        void *c = pacer_sim_alloc(s, &ptr_type, CHUNK);
        if (!c)
            return -1;
        ml_gc_write(h, st->dir, st->nchunks++, c);
        st->chunk = c;
        st->used = 0;
    }
    ml_gc_write(h, st->chunk, st->used++, obj);
    return 0;
}

// Drop every record of the store (the directory global is cleared).
static void store_drop(pacer_sim_t *s, store_t *st)
{
    ml_gc_write_global(pacer_sim_heap(s), st->dir_global, NULL);
    st->dir = NULL;
}

typedef struct ring {
    void *arr;
    size_t n;
    size_t next;
} ring_t;

static int ring_init(pacer_sim_t *s, ring_t *r, const char *name, size_t n)
{
    ml_gc_heap_t *h = pacer_sim_heap(s);
    int g = ml_gc_global_add(h, name);
    r->n = n;
    r->next = 0;
    r->arr = g < 0 ? NULL : pacer_sim_alloc(s, &ptr_type, n);
    if (!r->arr)
        return -1;
    ml_gc_write_global(h, g, r->arr);
    return 0;
}

static void ring_put(pacer_sim_t *s, ring_t *r, void *obj)
{
    ml_gc_write(pacer_sim_heap(s), r->arr, r->next, obj);
    r->next = (r->next + 1) % r->n;
}

static void *new_obj(pacer_sim_t *s)
{
    return pacer_sim_alloc(s, &obj_type, 1);
}

// ---- the workloads ----------------------------------------------------------------

static uint64_t run_steady(pacer_sim_t *s, uint64_t steps)
{
    ring_t r;
    if (ring_init(s, &r, "ring", 16384) != 0)
        return 0;
    uint64_t i;
    for (i = 0; i < steps; i++) {
        void *o = new_obj(s);
        if (!o)
            break;
        ring_put(s, &r, o);
    }
    return i;
}

static uint64_t run_growing(pacer_sim_t *s, uint64_t steps)
{
    store_t st;
    if (store_init(s, &st, "kept", steps / 5 + 1) != 0)
        return 0;
    int tmp = ml_gc_global_add(pacer_sim_heap(s), "tmp");
    uint64_t i;
    for (i = 0; i < steps; i++) {
        void *o = new_obj(s);
        if (!o)
            break;
        if (i % 5 == 0) {
            if (store_keep(s, &st, o) != 0)
                break;
        } else {
            ml_gc_write_global(pacer_sim_heap(s), tmp, o);
        }
    }
    return i;
}

static uint64_t run_spikes(pacer_sim_t *s, uint64_t steps)
{
    ring_t r;
    if (ring_init(s, &r, "ring", 8192) != 0)
        return 0;
    store_t spike;
    bool in_spike = false;
    uint64_t i;
    for (i = 0; i < steps; i++) {
        uint64_t phase = i % 65536;
        if (phase == 16384) {
            if (store_init(s, &spike, "spike", 24576) != 0)
                break;
            in_spike = true;
        } else if (phase == 49152 && in_spike) {
            store_drop(s, &spike);
            in_spike = false;
        }
        void *o = new_obj(s);
        if (!o)
            break;
        if (in_spike && phase < 16384 + 24576) {
            if (store_keep(s, &spike, o) != 0)
                break;
        } else {
            ring_put(s, &r, o);
        }
    }
    return i;
}

static uint64_t run_leak(pacer_sim_t *s, uint64_t steps)
{
    ring_t r;
    store_t st;
    if (ring_init(s, &r, "ring", 8192) != 0 || store_init(s, &st, "leaked", steps / 16 + 1) != 0)
        return 0;
    uint64_t i;
    for (i = 0; i < steps; i++) {
        void *o = new_obj(s);
        if (!o)
            break;
        if (i % 16 == 15) {
            if (store_keep(s, &st, o) != 0)
                break;
        } else {
            ring_put(s, &r, o);
        }
    }
    return i;
}

static uint64_t run_overlimit(pacer_sim_t *s, uint64_t steps)
{
    ring_t r;
    if (ring_init(s, &r, "ring", 65536) != 0)
        return 0;
    uint64_t i;
    for (i = 0; i < steps; i++) {
        void *o = new_obj(s);
        if (!o)
            break;
        ring_put(s, &r, o);
    }
    return i;
}

static const pacer_workload_t workloads[] = {
    { "steady", "a 16 MiB ring of 1 KiB records, 256 MiB allocated", 0, run_steady },
    { "growing", "one record in 5 kept for good: the live heap grows to ~51 MiB", 0, run_growing },
    { "spikes", "an 8 MiB ring, and a 24 MiB burst held in every 64 MiB", 0, run_spikes },
    { "leak", "an 8 MiB ring, and one record in 16 leaked: up to 24 MiB", 0, run_leak },
    { "overlimit", "a 64 MiB ring under a 48 MiB limit: the limit cannot be met", 48u << 20,
      run_overlimit },
};

const pacer_workload_t *pacer_workloads(size_t *n)
{
    *n = sizeof workloads / sizeof workloads[0];
    return workloads;
}

const pacer_workload_t *pacer_workload_find(const char *name)
{
    size_t n;
    const pacer_workload_t *w = pacer_workloads(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(w[i].name, name) == 0)
            return &w[i];
    return NULL;
}

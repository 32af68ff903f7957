// replay.c — the timing pass (see replay.h).
//
// The timed loop is the whole measurement, so it is kept to what mdriver
// does: read an operation, call the allocator through a function pointer,
// store the result. Payloads are not touched (the checker does that in its
// own pass). Every allocator pays the same loop overhead, so ratios compare
// the allocators themselves. As in mdriver, the pointer of a block that is
// not live is NULL, so an `r` of such a block is realloc(NULL, n); `f -1`
// is free(NULL).
//
// Noise: each allocator runs once untimed first (page faults, lazy
// initialisation), then the allocators take turns, `reps` rounds, and each
// keeps its median time. Time is the thread's CPU time, so the moments the
// machine gives to other processes are not charged to the allocator.
#include "support/replay.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "memlab/clock.h"

// release_live — free every block the trace left live (untimed).
static void release_live(const ml_trace_t *t, replay_alloc_t *a, void **ptrs)
{
    for (uint32_t id = 0; id < t->num_ids; id++)
        if (ptrs[id]) {
            a->free(ptrs[id]);
            ptrs[id] = NULL;
        }
}

double replay_once(const ml_trace_t *t, replay_alloc_t *a, void **ptrs)
{
    memset(ptrs, 0, t->num_ids * sizeof *ptrs);
    void *(*do_malloc)(size_t) = a->malloc;
    void (*do_free)(void *) = a->free;
    void *(*do_realloc)(void *, size_t) = a->realloc;
    const ml_trace_op_t *op = t->ops, *end = t->ops + t->num_ops;
    bool failed = false;
    uint64_t t0 = ml_thread_cpu_ns();
    for (; op < end; op++) {
        switch (op->kind) {
        case ML_OP_ALLOC:
            ptrs[op->id] = do_malloc(op->size);
            failed |= ptrs[op->id] == NULL && op->size > 0;
            break;
        case ML_OP_REALLOC: {
            void *q = do_realloc(ptrs[op->id], op->size);
            failed |= q == NULL && op->size > 0;
            if (q || op->size == 0)
                ptrs[op->id] = q;
            break;
        }
        case ML_OP_FREE:
            if (op->id == ML_TRACE_NULL_ID) {
                do_free(NULL);
                break;
            }
            do_free(ptrs[op->id]);
            ptrs[op->id] = NULL;
            break;
        }
    }
    uint64_t t1 = ml_thread_cpu_ns();
    release_live(t, a, ptrs);
    if (failed)
        return -1;
    return (double)(t1 - t0) / 1e9;
}

int replay_time(const ml_trace_t *t, replay_alloc_t **allocs, size_t n, int reps,
                double *ops_per_sec)
{
    if (reps < 1)
        reps = 1;
    void **ptrs = malloc((t->num_ids ? t->num_ids : 1) * sizeof *ptrs);
    double *secs = malloc((size_t)reps * (n ? n : 1) * sizeof *secs);
    bool *ok = calloc(n ? n : 1, sizeof *ok);
    bool *began = calloc(n ? n : 1, sizeof *began);
    if (!ptrs || !secs || !ok || !began) {
        free(ptrs);
        free(secs);
        free(ok);
        free(began);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        ops_per_sec[i] = 0;
        began[i] = ok[i] = !allocs[i]->begin || allocs[i]->begin(allocs[i], t) == 0;
        if (ok[i])
            ok[i] = replay_once(t, allocs[i], ptrs) >= 0;
    }
    for (int r = 0; r < reps; r++)
        for (size_t k = 0; k < n; k++) {
            size_t i = r % 2 ? n - 1 - k : k;
            if (!ok[i])
                continue;
            double s = replay_once(t, allocs[i], ptrs);
            if (s < 0)
                ok[i] = false;
            secs[i * (size_t)reps + (size_t)r] = s;
        }
    for (size_t i = 0; i < n; i++) {
        if (ok[i]) {
            double med = ml_median(&secs[i * (size_t)reps], (size_t)reps);
            ops_per_sec[i] = med > 0 ? (double)t->num_ops / med : 0;
        }
        if (allocs[i]->end && began[i])
            allocs[i]->end(allocs[i]);
    }
    free(ptrs);
    free(secs);
    free(ok);
    free(began);
    return 0;
}

double replay_utilization(const ml_trace_t *t, replay_alloc_t *a, size_t samples, size_t origin)
{
    if (!a->footprint)
        return -1;
    // The bookkeeping comes straight from the OS, never from the allocator
    // being measured (it would count in its footprint).
    size_t n = t->num_ids ? t->num_ids : 1;
    size_t bytes = n * (sizeof(void *) + sizeof(size_t));
    void *mem = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED)
        return -1;
    void **ptrs = mem;
    size_t *size = (size_t *)(ptrs + n);
    double util = -1;
    if (a->begin && a->begin(a, t) != 0)
        goto out;
    size_t every = samples && t->num_ops > samples ? t->num_ops / samples : 1;
    size_t base = origin != SIZE_MAX ? origin : a->footprint(a), peak = base, live = 0,
           peak_live = 0;
    bool failed = false;
    for (size_t i = 0; i < t->num_ops && !failed; i++) {
        const ml_trace_op_t *op = &t->ops[i];
        switch (op->kind) {
        case ML_OP_ALLOC:
            ptrs[op->id] = a->malloc(op->size);
            failed = !ptrs[op->id] && op->size > 0;
            size[op->id] = op->size;
            live += op->size;
            break;
        case ML_OP_REALLOC: {
            void *q = a->realloc(ptrs[op->id], op->size);
            failed = !q && op->size > 0;
            if (q || op->size == 0)
                ptrs[op->id] = q;
            live = live - size[op->id] + op->size;
            size[op->id] = op->size;
            break;
        }
        case ML_OP_FREE:
            if (op->id == ML_TRACE_NULL_ID) {
                a->free(NULL);
                break;
            }
            a->free(ptrs[op->id]);
            ptrs[op->id] = NULL;
            live -= size[op->id];
            size[op->id] = 0;
            break;
        }
        if (live > peak_live)
            peak_live = live;
        if (i % every == 0 || i + 1 == t->num_ops) {
            size_t fp = a->footprint(a);
            if (fp > peak)
                peak = fp;
        }
    }
    release_live(t, a, ptrs);
    if (!failed && peak > base)
        util = (double)peak_live / (double)(peak - base);
    if (a->end)
        a->end(a);
out:
    munmap(mem, bytes);
    return util;
}

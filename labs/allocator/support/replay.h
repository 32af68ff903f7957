// replay.h — the timing pass of the trace driver: replay a trace's
// operations through an allocator as fast as possible (no checks) and
// measure operations per second of CPU time, median of repeated runs. Several
// allocators are timed in alternation, so a noisy machine slows them alike.
#ifndef REPLAY_H
#define REPLAY_H

#include <stddef.h>

#include "memlab/trace.h"

// An allocator the timing loop can drive.
typedef struct replay_alloc replay_alloc_t;
struct replay_alloc {
    const char *name;
    void *(*malloc)(size_t);
    void (*free)(void *);
    void *(*realloc)(void *, size_t);
    // Before and after the runs of one trace (e.g. a fresh page heap and
    // mm_init); NULL when not needed. begin returns 0, or -1 on failure.
    int (*begin)(replay_alloc_t *a, const ml_trace_t *t);
    void (*end)(replay_alloc_t *a);
    // Bytes of memory the allocator holds right now (its HeapInuse or the
    // nearest figure it publishes); NULL or 0 when unknown.
    size_t (*footprint)(replay_alloc_t *a);
    void *state;
};

// replay_once — run every operation of t through a once, timed, then free
// the blocks the trace left live (not timed). `ptrs` has room for
// t->num_ids pointers. Returns the seconds the operations took, or -1 when
// an allocation returned NULL (the run is then abandoned and cleaned up).
double replay_once(const ml_trace_t *t, replay_alloc_t *a, void **ptrs);

// replay_time — time t on n allocators: begin each, one untimed warm-up run
// each, then `reps` rounds in which every allocator runs once (alternating
// the order), then end each. ops_per_sec[i] gets allocator i's operations
// per second from its median run, or 0 when it failed. Returns 0, or -1
// when memory runs out.
int replay_time(const ml_trace_t *t, replay_alloc_t **allocs, size_t n, int reps,
                double *ops_per_sec);

// replay_utilization — one untimed run sampling a->footprint() about
// `samples` times (after every operation when `samples` is 0 or the trace
// is shorter): the peak of live payload bytes over the peak footprint
// minus `origin`, or minus the footprint before the run when `origin` is
// SIZE_MAX. Returns -1 when the footprint is unknown, never rises above the
// origin, or the run failed. (For mm, checker_run measures utilization
// exactly.)
double replay_utilization(const ml_trace_t *t, replay_alloc_t *a, size_t samples, size_t origin);

#endif

// stats.h — heap statistics with runtime.MemStats's names (Go's mstats.go).
//
// The GC heap keeps the counters as it allocates, frees and collects;
// ml_gc_read_memstats takes a snapshot (adding the page heap's byte counts)
// the way runtime.ReadMemStats does. Byte counts are in bytes, times in
// nanoseconds (CLOCK_MONOTONIC, see clock.h).
#ifndef MEMLAB_STATS_H
#define MEMLAB_STATS_H

#include <stdint.h>
#include <stdio.h>

#define ML_PAUSE_RING 256 // like Go's PauseNs[256]

struct ml_gc_heap;

typedef struct ml_memstats {
    // Heap memory (Go's names).
    uint64_t heap_alloc;    // HeapAlloc: bytes of allocated objects (object slot sizes)
    uint64_t heap_sys;      // HeapSys: arena bytes reserved from the OS
    uint64_t heap_idle;     // HeapIdle: bytes not in use spans (sys - inuse)
    uint64_t heap_inuse;    // HeapInuse: bytes in in-use spans
    uint64_t heap_released; // HeapReleased: idle bytes returned to the OS
    uint64_t heap_objects;  // HeapObjects: allocated objects (mallocs - frees)
    uint64_t mallocs;       // Mallocs: objects ever allocated
    uint64_t frees;         // Frees: objects ever freed
    uint64_t total_alloc;   // TotalAlloc: bytes ever allocated
    // The collector.
    uint32_t num_gc;                   // NumGC: completed cycles
    uint64_t pause_total_ns;           // PauseTotalNs
    uint64_t pause_ns[ML_PAUSE_RING];  // PauseNs: cycle k's pause at [(k-1) % 256]
    uint64_t pause_end[ML_PAUSE_RING]; // PauseEnd: when it ended (monotonic ns)
    uint64_t next_gc;                  // NextGC: the heap goal (HeapAlloc that triggers a cycle)
    uint64_t last_gc;                  // LastGC: end of the last cycle (monotonic ns), 0 if none
    uint64_t last_marked; // bytes still allocated after the last sweep (live + floating)
    // Work of the last cycle.
    uint64_t last_mark_steps;     // mark_step calls
    uint64_t last_terminate_work; // units reported by mark_terminate
    uint64_t total_terminate_work;
    // Pointer stores and the write barrier (Go counts none of these).
    uint64_t stores;         // stores through ml_gc_write*/ml_gc_write_global
                             // while the config's count_stores was on
    uint64_t stores_marking; // of those, while the barrier was enabled
    uint64_t barrier_calls;  // calls of the collector's write_barrier hook
} ml_memstats_t;

// ml_gc_read_memstats — a snapshot of heap `h`'s statistics into `out`.
void ml_gc_read_memstats(struct ml_gc_heap *h, ml_memstats_t *out);
// ml_memstats_last_pause — the pause of the last cycle (0 before the first).
uint64_t ml_memstats_last_pause(const ml_memstats_t *m);
// ml_memstats_print — a `name value` table, one field per line, Go's names
// (PauseNs shows the last pause only). Returns 0, or -1 on a write error.
int ml_memstats_print(FILE *out, const ml_memstats_t *m);
// ml_memstats_print_json — the same as one JSON object (PauseNs as an array
// of the last min(NumGC, 256) pauses, oldest first), written with jansson
// (a program that calls it links -ljansson). 0, or -1 on error.
int ml_memstats_print_json(FILE *out, const ml_memstats_t *m);

#endif

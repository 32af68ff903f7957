// stats.c — runtime.MemStats for a GC heap (Go's runtime/mstats.go):
// a snapshot reader and two printers (a `name value` table and JSON).
//
// The heap keeps its counters in an ml_memstats_t as it runs (gcheap.c,
// gccollect.c); the reader copies them and adds what only the page heap
// knows (HeapSys, HeapInuse, HeapIdle, HeapReleased) and the store counter
// the inline store path keeps in the heap's core (see ml_gc_write_ptr).
#include <inttypes.h>

#include "gcheap_impl.h"
#include "memlab/stats.h"

void ml_gc_read_memstats(struct ml_gc_heap *h, ml_memstats_t *out) {
    *out = h->st;
    ml_pageheap_stats_t ps = ml_pageheap_stats(h->ph);
    out->heap_sys = ps.sys;
    out->heap_inuse = ps.inuse;
    out->heap_idle = ps.sys - ps.inuse;
    out->heap_released = ps.released;
    out->heap_objects = h->st.mallocs - h->st.frees;
    out->stores = h->core.stores;
}

uint64_t ml_memstats_last_pause(const ml_memstats_t *m) {
    return m->num_gc ? m->pause_ns[(m->num_gc + ML_PAUSE_RING - 1) % ML_PAUSE_RING] : 0;
}

// The scalar fields, in the order both printers use.
#define MEMSTATS_FIELDS(X)                     \
    X("HeapAlloc", heap_alloc)                 \
    X("HeapSys", heap_sys)                     \
    X("HeapIdle", heap_idle)                   \
    X("HeapInuse", heap_inuse)                 \
    X("HeapReleased", heap_released)           \
    X("HeapObjects", heap_objects)             \
    X("Mallocs", mallocs)                      \
    X("Frees", frees)                          \
    X("TotalAlloc", total_alloc)               \
    X("NumGC", num_gc)                         \
    X("PauseTotalNs", pause_total_ns)          \
    X("NextGC", next_gc)                       \
    X("LastGC", last_gc)                       \
    X("LastMarked", last_marked)               \
    X("LastMarkSteps", last_mark_steps)        \
    X("LastTerminateWork", last_terminate_work) \
    X("TotalTerminateWork", total_terminate_work) \
    X("Stores", stores)                        \
    X("StoresMarking", stores_marking)         \
    X("BarrierCalls", barrier_calls)

int ml_memstats_print(FILE *out, const ml_memstats_t *m) {
#define ROW(name, field) fprintf(out, "%-20s %" PRIu64 "\n", name, (uint64_t)m->field);
    MEMSTATS_FIELDS(ROW)
#undef ROW
    fprintf(out, "%-20s %" PRIu64 "\n", "PauseNs[last]", ml_memstats_last_pause(m));
    return ferror(out) ? -1 : 0;
}

// Every value is a number and every key a fixed identifier, so the JSON is
// written directly (no escaping needed).
int ml_memstats_print_json(FILE *out, const ml_memstats_t *m) {
    fputc('{', out);
#define KV(name, field) fprintf(out, "\"%s\": %" PRIu64 ", ", name, (uint64_t)m->field);
    MEMSTATS_FIELDS(KV)
#undef KV
    fputs("\"PauseNs\": [", out);
    uint32_t n = m->num_gc < ML_PAUSE_RING ? m->num_gc : ML_PAUSE_RING;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t cycle = m->num_gc - n + k;   // oldest first
        fprintf(out, "%s%" PRIu64, k ? ", " : "", m->pause_ns[cycle % ML_PAUSE_RING]);
    }
    fputs("]}\n", out);
    return ferror(out) ? -1 : 0;
}

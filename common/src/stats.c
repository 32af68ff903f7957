// stats.c — runtime.MemStats for a GC heap (Go's runtime/mstats.go):
// a snapshot reader and the `name value` printer (the JSON printer, which
// needs jansson, is stats_json.c, so that only its users link jansson).
//
// The heap keeps its counters in an ml_memstats_t as it runs (gcheap.c,
// gccollect.c); the reader copies them and adds what only the page heap
// knows (HeapSys, HeapInuse, HeapIdle, HeapReleased) and the store counter
// the inline store path keeps in the heap's core (see ml_gc_write_ptr).
#include <inttypes.h>

#include "gcheap_impl.h"
#include "memlab/stats.h"
#include "stats_fields.h"

void ml_gc_read_memstats(struct ml_gc_heap *h, ml_memstats_t *out)
{
    *out = h->st;
    ml_pageheap_stats_t ps = ml_pageheap_stats(h->ph);
    out->heap_sys = ps.sys;
    out->heap_inuse = ps.inuse;
    out->heap_idle = ps.sys - ps.inuse;
    out->heap_released = ps.released;
    out->heap_objects = h->st.mallocs - h->st.frees;
    out->stores = h->core.stores;
}

uint64_t ml_memstats_last_pause(const ml_memstats_t *m)
{
    return m->num_gc ? m->pause_ns[(m->num_gc + ML_PAUSE_RING - 1) % ML_PAUSE_RING] : 0;
}

int ml_memstats_print(FILE *out, const ml_memstats_t *m)
{
#define ROW(name, field) fprintf(out, "%-20s %" PRIu64 "\n", name, (uint64_t)m->field);
    MEMSTATS_FIELDS(ROW)
#undef ROW
    fprintf(out, "%-20s %" PRIu64 "\n", "PauseNs[last]", ml_memstats_last_pause(m));
    return ferror(out) ? -1 : 0;
}

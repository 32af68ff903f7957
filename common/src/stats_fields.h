// stats_fields.h — the scalar fields of ml_memstats_t with their MemStats
// names, in the order both printers use (stats.c: a table, stats_json.c:
// JSON). X(name, field) is applied to each.
#ifndef MEMLAB_STATS_FIELDS_H
#define MEMLAB_STATS_FIELDS_H

#define MEMSTATS_FIELDS(X)                        \
    X("HeapAlloc", heap_alloc)                    \
    X("HeapSys", heap_sys)                        \
    X("HeapIdle", heap_idle)                      \
    X("HeapInuse", heap_inuse)                    \
    X("HeapReleased", heap_released)              \
    X("HeapObjects", heap_objects)                \
    X("Mallocs", mallocs)                         \
    X("Frees", frees)                             \
    X("TotalAlloc", total_alloc)                  \
    X("NumGC", num_gc)                            \
    X("PauseTotalNs", pause_total_ns)             \
    X("NextGC", next_gc)                          \
    X("LastGC", last_gc)                          \
    X("LastMarked", last_marked)                  \
    X("LastMarkSteps", last_mark_steps)           \
    X("LastTerminateWork", last_terminate_work)   \
    X("TotalTerminateWork", total_terminate_work) \
    X("Stores", stores)                           \
    X("StoresMarking", stores_marking)            \
    X("BarrierCalls", barrier_calls)

#endif

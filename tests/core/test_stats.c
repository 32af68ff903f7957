// test_stats.c — unit tests of runtime.MemStats for the GC heap
// (common/src/stats.c): allocation and free counters, page-heap bytes,
// NumGC and the pause ring, the heap goal, store/barrier counters, and the
// two printers.
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/gcheap.h"
#include "memlab/stats.h"

static const ml_type_t NODE = ML_TYPE("Node", 32, 0x3);

static ml_gc_heap_t *heap(int gc_percent)
{
    ml_gc_config_t c = ml_gc_default_config();
    c.gc_percent = gc_percent;
    c.arena_bytes = (size_t)32 << 20;
    c.min_heap = 64 << 10;
    ml_gc_heap_t *h = ml_gc_new(&c);
    cr_assert_not_null(h);
    return h;
}

Test(stats, counters_follow_allocation_and_collection, .timeout = 5)
{
    ml_gc_heap_t *h = heap(-1);
    ml_memstats_t m;
    ml_gc_read_memstats(h, &m);
    cr_assert_eq(m.mallocs, 0);
    cr_assert_eq(m.heap_alloc, 0);
    ml_gc_frame_t *f = ml_gc_push_frame(h, "main", 1);
    for (int i = 0; i < 100; i++)
        ml_gc_alloc(h, &NODE);
    ml_gc_frame_set(f, 0, ml_gc_alloc(h, &NODE));
    ml_gc_read_memstats(h, &m);
    cr_assert_eq(m.mallocs, 101);
    cr_assert_eq(m.heap_objects, 101);
    cr_assert_eq(m.heap_alloc, 101 * 32, "HeapAlloc counts object slot sizes (32 for Node)");
    cr_assert_eq(m.total_alloc, 101 * 32);
    cr_assert_geq(m.heap_inuse, 8192, "at least one span is in use");
    cr_assert_eq(m.heap_idle, m.heap_sys - m.heap_inuse);
    ml_gc_collect(h);
    ml_gc_read_memstats(h, &m);
    cr_assert_eq(m.frees, 100, "100 unrooted objects freed, got %llu", (unsigned long long)m.frees);
    cr_assert_eq(m.heap_objects, 1);
    cr_assert_eq(m.heap_alloc, 32);
    cr_assert_eq(m.total_alloc, 101 * 32, "TotalAlloc never decreases");
    cr_assert_eq(m.num_gc, 1);
    cr_assert_eq(m.last_marked, 32);
    ml_gc_destroy(h);
}

Test(stats, pause_ring_and_heap_goal_follow_each_cycle, .timeout = 5)
{
    ml_gc_heap_t *h = heap(100);
    ml_gc_set_manual(h, true);
    ml_gc_frame_t *f = ml_gc_push_frame(h, "main", 1);
    void *arr = ml_gc_alloc_array(h, &NODE, 4096); // 128 KiB live, a large object
    ml_gc_frame_set(f, 0, arr);
    for (int k = 0; k < 300; k++)
        ml_gc_collect(h);
    ml_memstats_t m;
    ml_gc_read_memstats(h, &m);
    cr_assert_eq(m.num_gc, 300);
    uint64_t sum = 0;
    for (int i = 0; i < ML_PAUSE_RING; i++)
        sum += m.pause_ns[i];
    cr_assert_leq(sum, m.pause_total_ns, "the ring holds the last 256 pauses, part of the total");
    cr_assert_gt(m.pause_total_ns, 0);
    cr_assert_eq(ml_memstats_last_pause(&m), m.pause_ns[299 % ML_PAUSE_RING]);
    cr_assert_neq(m.last_gc, 0);
    cr_assert_eq(m.pause_end[299 % ML_PAUSE_RING], m.last_gc);
    cr_assert_eq(m.next_gc, 2 * m.heap_alloc, "GOGC=100: the goal is twice the live heap");
    ml_gc_destroy(h);
}

Test(stats, printers_write_go_names_and_valid_looking_json, .timeout = 5)
{
    ml_gc_heap_t *h = heap(-1);
    ml_gc_alloc(h, &NODE);
    ml_gc_collect(h);
    ml_gc_collect(h);
    ml_memstats_t m;
    ml_gc_read_memstats(h, &m);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    cr_assert_eq(ml_memstats_print(out, &m), 0);
    fclose(out);
    cr_assert(strstr(buf, "HeapAlloc"), "%s", buf);
    cr_assert(strstr(buf, "NumGC                2\n"), "NumGC row missing or wrong:\n%s", buf);
    cr_assert(strstr(buf, "Mallocs              1\n"), "%s", buf);
    cr_assert(strstr(buf, "Frees                1\n"), "%s", buf);
    free(buf);
    out = open_memstream(&buf, &len);
    cr_assert_eq(ml_memstats_print_json(out, &m), 0);
    fclose(out);
    cr_assert_eq(buf[0], '{');
    cr_assert(strstr(buf, "\"NumGC\": 2,"), "%s", buf);
    cr_assert(strstr(buf, "\"BarrierCalls\": 0,"), "%s", buf);
    cr_assert(strstr(buf, "\"PauseNs\": ["), "%s", buf);
    cr_assert(strstr(buf, "]}\n"), "the object must be closed: %s", buf);
    // Two pauses in the array: exactly one comma inside the brackets.
    const char *arr = strstr(buf, "\"PauseNs\": [");
    int commas = 0;
    for (const char *p = arr; *p && *p != ']'; p++)
        commas += *p == ',';
    cr_assert_eq(commas, 1, "PauseNs should list 2 pauses: %s", arr);
    free(buf);
    ml_gc_destroy(h);
}

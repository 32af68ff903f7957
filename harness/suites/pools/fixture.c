// fixture.c — what every pools test starts from: a page heap of its own,
// whose counters prove that a pool gave back what it took (with the count of
// heap blocks, for what the core allocates with malloc on a pool's behalf:
// the bitmaps of ml_span_init_small), and a catcher for the debug fixpool's
// use-after-put reports.
#include <stdio.h>
#include <string.h>

#include "memlab/grade.h"
#include "pools_suite.h"

ml_pageheap_t *suite_heap(size_t mb)
{
    ml_pageheap_t *h = ml_pageheap_new(mb << 20);
    cr_assert(h, "internal: cannot make a page heap of %zu MiB", mb);
    return h;
}

size_t suite_spans(ml_pageheap_t *h)
{
    return ml_pageheap_stats(h).spans_inuse;
}

size_t suite_inuse(ml_pageheap_t *h)
{
    return ml_pageheap_stats(h).inuse;
}

void suite_heap_empty(ml_pageheap_t *h, const char *what)
{
    ml_pageheap_stats_t st = ml_pageheap_stats(h);
    cr_assert(st.spans_inuse == 0 && st.inuse == 0,
              "%s: the page heap still has %zu span(s), %zu bytes, in use — the pool did "
              "not give back everything it took",
              what, st.spans_inuse, st.inuse);
    char why[256];
    cr_assert(ml_pageheap_check(h, why, sizeof why) == 0, "%s: the page heap is inconsistent: %s",
              what, why);
}

void suite_blocks_back(long before, const char *what)
{
    long kept = ml_heap_blocks() - before;
    cr_assert(kept <= 0,
              "%s: %ld heap block(s) (malloc) taken since the pool's init are still held — "
              "destroy gives back everything the pool took, the core's span bitmaps included "
              "(pools.h, the memory rule)",
              what, kept);
}

suite_fault_t suite_faults;

static void record_fault(const char *what, const void *obj, size_t offset)
{
    suite_faults.count++;
    suite_faults.obj = obj;
    suite_faults.offset = offset;
    snprintf(suite_faults.what, sizeof suite_faults.what, "%s", what ? what : "?");
}

void suite_catch_faults(void)
{
    memset(&suite_faults, 0, sizeof suite_faults);
    pools_set_fault_handler(record_fault);
}

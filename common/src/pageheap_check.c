// pageheap_check.c — what the page heap reports about itself: a statistics
// snapshot, and ml_pageheap_check, which walks the whole arena and the free
// tree to verify the invariant stated in pageheap.c.
#include "pageheap_impl.h"

#include <stdio.h>

// ---- statistics ------------------------------------------------------------------

// ml_pageheap_stats — a consistent snapshot (taken under the lock).
ml_pageheap_stats_t ml_pageheap_stats(ml_pageheap_t *h)
{
    ml_pageheap_stats_t st = { 0 };
    pthread_mutex_lock(&h->lock);
    st.sys = h->npages * ML_PAGE_SIZE;
    st.inuse = h->inuse_pages * ML_PAGE_SIZE;
    st.free = h->free_pages * ML_PAGE_SIZE;
    st.released = h->released_pages * ML_PAGE_SIZE;
    st.spans_inuse = h->spans_inuse;
    st.free_runs = h->free_runs;
    for (ph_rec_t *t = h->root; t != NULL; t = t->right) // the largest key
        st.largest_free_run = t->span.npages;
    st.peak_inuse = h->peak_pages * ML_PAGE_SIZE;
    pthread_mutex_unlock(&h->lock);
    return st;
}

// ---- consistency check ----------------------------------------------------------

#define CHECK(cond, ...)                        \
    do {                                        \
        if (!(cond)) {                          \
            snprintf(err, errlen, __VA_ARGS__); \
            return -1;                          \
        }                                       \
    } while (0)

// check_tree — BST order within (lo, hi), heap order of priorities, each node
// a free run whose first page carries its tag; counts the nodes.
static int check_tree(ml_pageheap_t *h, ph_rec_t *t, const ph_rec_t *lo, const ph_rec_t *hi,
                      size_t *count, char *err, size_t errlen)
{
    if (t == NULL)
        return 0;
    CHECK(*count < h->npages, "the free tree has more nodes than the arena has pages (a cycle?)");
    CHECK(t->heap == h && t->span.state == ML_SPAN_FREE,
          "tree node %p is not a free run of "
          "this heap",
          (void *)t);
    CHECK((lo == NULL || key_less(lo, t)) && (hi == NULL || key_less(t, hi)),
          "tree node for the run at page %zu (%zu pages) is out of order",
          page_index(h, t->span.base), t->span.npages);
    CHECK((t->left == NULL || t->left->prio <= t->prio) &&
              (t->right == NULL || t->right->prio <= t->prio),
          "tree node for the run at page %zu outranks its parent", page_index(h, t->span.base));
    CHECK(ml_pageheap_contains(h, (void *)t->span.base) &&
              pm_get(h, page_index(h, t->span.base)) == tag(t),
          "the free run in the tree at %#lx is not in the page map", (unsigned long)t->span.base);
    ++*count;
    if (check_tree(h, t->left, lo, t, count, err, errlen) != 0)
        return -1;
    return check_tree(h, t->right, t, hi, count, err, errlen);
}

static int check_locked(ml_pageheap_t *h, char *err, size_t errlen)
{
    size_t inuse = 0, spans = 0, runs = 0, free_committed = 0, released = 0;
    bool prev_free = false;
    for (size_t i = 0; i < h->npages;) {
        uintptr_t e = pm_get(h, i);
        CHECK(e != 0, "page %zu is in no span and no free run", i);
        ph_rec_t *r = untag(e);
        size_t n = r->span.npages;
        CHECK(r->heap == h, "page %zu points to a record of another heap", i);
        CHECK(r->span.base == page_addr(h, i), "page %zu starts a %s whose base is %#lx", i,
              is_tag(e) ? "free run" : "span", (unsigned long)r->span.base);
        CHECK(n >= 1 && n <= h->npages - i, "the %s at page %zu has %zu pages (arena: %zu)",
              is_tag(e) ? "free run" : "span", i, n, h->npages);
        if (is_tag(e)) {
            CHECK(r->span.state == ML_SPAN_FREE, "free run at page %zu is in state %d", i,
                  (int)r->span.state);
            CHECK(!prev_free, "free runs at pages before %zu and at %zu are not coalesced", i, i);
            CHECK(pm_get(h, i + n - 1) == e,
                  "free run at page %zu: its last page %zu is not "
                  "tagged",
                  i, i + n - 1);
            for (size_t k = i + 1; k + 1 < i + n; k++)
                CHECK(pm_get(h, k) == 0, "free run at page %zu: inner page %zu is not 0", i, k);
            for (size_t k = i; k < i + n; k++)
                CHECK(!ml_bit_test(h->dirty, k) || ml_bit_test(h->committed, k),
                      "free page %zu is dirty but not committed", k);
            size_t c = 0;
            for (size_t k = i; k < i + n; k++)
                c += ml_bit_test(h->committed, k);
            free_committed += c;
            released += n - c;
            runs++;
            prev_free = true;
        } else {
            CHECK(r->span.state != ML_SPAN_FREE, "in-use span at page %zu is marked free", i);
            for (size_t k = i; k < i + n; k++) {
                CHECK(pm_get(h, k) == e, "page %zu of the span at page %zu points elsewhere", k, i);
                CHECK(ml_bit_test(h->committed, k), "page %zu of an in-use span is not committed",
                      k);
                CHECK(!ml_bit_test(h->dirty, k), "page %zu of an in-use span is marked dirty", k);
            }
            inuse += n;
            spans++;
            prev_free = false;
        }
        i += n;
    }
    size_t nodes = 0;
    if (check_tree(h, h->root, NULL, NULL, &nodes, err, errlen) != 0)
        return -1;
    CHECK(nodes == runs, "the free tree holds %zu runs, the page map %zu", nodes, runs);
    CHECK(h->free_runs == runs, "free_runs is %zu, counted %zu", h->free_runs, runs);
    CHECK(h->inuse_pages == inuse, "inuse is %zu pages, counted %zu", h->inuse_pages, inuse);
    CHECK(h->spans_inuse == spans, "spans_inuse is %zu, counted %zu", h->spans_inuse, spans);
    CHECK(h->free_pages == free_committed, "free is %zu pages, counted %zu committed free pages",
          h->free_pages, free_committed);
    CHECK(h->released_pages == released, "released is %zu pages, counted %zu", h->released_pages,
          released);
    CHECK(h->inuse_pages + h->free_pages + h->released_pages == h->npages,
          "inuse + free + released != arena pages");
    CHECK(h->peak_pages >= h->inuse_pages, "peak_inuse is below inuse");
    return 0;
}

// ml_pageheap_check — see pageheap.h. O(arena pages); for tests and debugging.
int ml_pageheap_check(ml_pageheap_t *h, char *err, size_t errlen)
{
    char dummy[1];
    if (err == NULL) {
        err = dummy;
        errlen = sizeof dummy;
    }
    pthread_mutex_lock(&h->lock);
    int rc = check_locked(h, err, errlen);
    pthread_mutex_unlock(&h->lock);
    return rc;
}

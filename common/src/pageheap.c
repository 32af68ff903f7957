// pageheap.c — the page heap: one arena of 8 KiB pages handed out as spans,
// free runs kept coalesced (Go's mheap, runtime/mheap.go; the free-run tree
// is the treap Go's mheap used before Go 1.14's bitmap page allocator).
//
// Data structures:
//   arena       [lo, lo + npages*8K), reserved once with ml_os_reserve.
//   pagemap[i]  what page i belongs to (Go's spans array, read by spanOf):
//                 an in-use span: the span record, on every one of its pages;
//                 a free run:     the run's record | 1 on its first and last
//                                 page, 0 on the pages in between.
//               ml_pageheap_span_of is one array read plus a tag test.
//   free tree   every free run once, in a treap keyed by (npages, base):
//               the best fit for n pages is the smallest key ≥ (n, 0) —
//               fewest pages, then lowest address. Priorities are a hash of
//               the run's base, so the shape is random but reproducible.
//   committed   one bit per page: the page is readable/writable.
//   dirty       one bit per page: a free page that was handed out before and
//               may hold old data. In-use pages are never dirty.
//   records     span records live outside the arena, in malloc'ed slabs of
//               RECS_PER_SLAB, recycled through a free list; the public
//               ml_span_t is the first member of each record.
//
// Allocating n pages (alloc_span):
//   1. take the best-fit run R from the tree (none: return NULL, unchanged);
//   2. commit R's uncommitted pages among the first n, rounded up to a
//      COMMIT_CHUNK boundary (within R) so a growing heap makes few
//      mprotect calls; fresh pages come zeroed from the kernel;
//   3. zero the dirty pages among the n (memset; madvise for big runs),
//      unless the caller asked for ml_pageheap_alloc_span_nozero;
//   4. the span takes R's first n pages; the rest of R stays free under R's
//      record, re-keyed in the tree (or R's record becomes the span's).
// Freeing a span (free_span):
//   1. its pages become free and dirty, their pagemap entries 0;
//   2. a free run ending just before it (tagged pagemap[first-1]) and one
//      starting just after it (tagged pagemap[last+1]) are taken out of the
//      tree and merged in; their records are recycled;
//   3. the merged run goes back in the tree, tags on its first/last page.
// Growing a span in place (grow_span, for realloc): the free run that
// starts right after the span gives up its first pages, as in step 4.
// Invariant (checked by ml_pageheap_check, pageheap_check.c): every page is
// in exactly one in-use span or one free run; no two free runs touch; the
// tree holds exactly the free runs; counters (in pages) satisfy
//   inuse + free + released == npages,
// where `released` counts free pages that are not committed (never used, or
// returned by ml_pageheap_release_free), as Go counts fresh arena memory as
// released.
#include "pageheap_impl.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "memlab/os.h"

#define COMMIT_CHUNK 64        // pages committed at least at once (512 KiB)
#define MADVISE_ZERO_PAGES 128 // dirty runs this long are zeroed by madvise (1 MiB)
#define RECS_PER_SLAB 127

struct ph_slab {
    ph_slab_t *next;
    ph_rec_t recs[RECS_PER_SLAB];
};

static void ph_bug(const char *func, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));
static void ph_bug(const char *func, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", func);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

static void pm_fill(ml_pageheap_t *h, size_t from, size_t to, uintptr_t v)
{
    for (size_t i = from; i < to; i++)
        pm_set(h, i, v);
}

// ---- page bitmaps ---------------------------------------------------------------

// bits_find — the first index in [from, to) whose bit equals `want`, or `to`.
static size_t bits_find(const uint64_t *b, size_t from, size_t to, bool want)
{
    while (from < to) {
        size_t w = from / 64;
        uint64_t v = (want ? b[w] : ~b[w]) & (~(uint64_t)0 << (from % 64));
        if (v != 0) {
            size_t i = w * 64 + (size_t)__builtin_ctzll(v);
            return i < to ? i : to;
        }
        from = (w + 1) * 64;
    }
    return to;
}

// bits_fill — set (value true) or clear every bit in [from, to).
static void bits_fill(uint64_t *b, size_t from, size_t to, bool value)
{
    while (from < to) {
        size_t w = from / 64, lo = from % 64;
        size_t hi = to - w * 64 >= 64 ? 64 : to - w * 64;
        uint64_t mask = (hi == 64 ? ~(uint64_t)0 : ((uint64_t)1 << hi) - 1) & (~(uint64_t)0 << lo);
        if (value)
            b[w] |= mask;
        else
            b[w] &= ~mask;
        from = (w + 1) * 64;
    }
}

// ---- span records -------------------------------------------------------------------

// rec_new — a recycled or fresh record; NULL if malloc fails.
static ph_rec_t *rec_new(ml_pageheap_t *h)
{
    if (h->dead == NULL) {
        ph_slab_t *slab = malloc(sizeof *slab);
        if (slab == NULL)
            return NULL;
        slab->next = h->slabs;
        h->slabs = slab;
        for (size_t i = 0; i < RECS_PER_SLAB; i++) {
            ph_rec_t *r = &slab->recs[i];
            memset(r, 0, sizeof *r);
            r->span.state = ML_SPAN_FREE;
            r->heap = h;
            r->left = h->dead;
            h->dead = r;
        }
    }
    ph_rec_t *r = h->dead;
    h->dead = r->left;
    r->left = r->right = NULL;
    return r;
}

// rec_recycle — back on the free list; it reads as a FREE span from now on,
// so a stale ml_span_t pointer to it is caught as a double free.
static void rec_recycle(ml_pageheap_t *h, ph_rec_t *r)
{
    r->span.state = ML_SPAN_FREE;
    r->right = NULL;
    r->left = h->dead;
    h->dead = r;
}

// ---- the free tree (a treap keyed by (npages, base); key_less in pageheap_impl.h) --

static uint64_t hash_base(uintptr_t base) // splitmix64's finaliser
{
    uint64_t z = (uint64_t)base >> ML_PAGE_SHIFT;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

// tree_insert — add free run x: walk down while the nodes outrank x, then
// split the subtree there around x's key into x's two children.
static void tree_insert(ml_pageheap_t *h, ph_rec_t *x)
{
    x->prio = hash_base(x->span.base);
    ph_rec_t **link = &h->root;
    while (*link != NULL && (*link)->prio > x->prio)
        link = key_less(x, *link) ? &(*link)->left : &(*link)->right;
    ph_rec_t *t = *link, **l = &x->left, **r = &x->right;
    while (t != NULL) {
        if (key_less(t, x)) {
            *l = t;
            l = &t->right;
            t = t->right;
        } else {
            *r = t;
            r = &t->left;
            t = t->left;
        }
    }
    *l = *r = NULL;
    *link = x;
}

// tree_remove — take free run x out: replace it by the merge of its children.
static void tree_remove(ml_pageheap_t *h, ph_rec_t *x)
{
    ph_rec_t **link = &h->root;
    while (*link != x) {
        if (*link == NULL)
            ph_bug("tree_remove", "free run at %#lx is missing from the tree",
                   (unsigned long)x->span.base);
        link = key_less(x, *link) ? &(*link)->left : &(*link)->right;
    }
    ph_rec_t *a = x->left, *b = x->right;
    while (a != NULL && b != NULL) {
        if (a->prio > b->prio) {
            *link = a;
            link = &a->right;
            a = a->right;
        } else {
            *link = b;
            link = &b->left;
            b = b->left;
        }
    }
    *link = a != NULL ? a : b;
    x->left = x->right = NULL;
}

// tree_best_fit — the run with the fewest pages ≥ n, lowest address first.
static ph_rec_t *tree_best_fit(const ml_pageheap_t *h, size_t n)
{
    ph_rec_t *best = NULL;
    for (ph_rec_t *t = h->root; t != NULL;) {
        if (t->span.npages >= n) {
            best = t;
            t = t->left;
        } else {
            t = t->right;
        }
    }
    return best;
}

// ---- commit and zero ----------------------------------------------------------------

// commit_pages — commit the uncommitted pages in [from, to) (all free).
// Returns 0, or -1 when the OS refuses; what was committed stays counted.
static int commit_pages(ml_pageheap_t *h, size_t from, size_t to)
{
    size_t i = from;
    while ((i = bits_find(h->committed, i, to, false)) < to) {
        size_t j = bits_find(h->committed, i, to, true);
        if (ml_os_commit((void *)page_addr(h, i), (j - i) * ML_PAGE_SIZE) != 0)
            return -1;
        bits_fill(h->committed, i, j, true);
        h->released_pages -= j - i;
        h->free_pages += j - i;
        i = j;
    }
    return 0;
}

// zero_pages — zero the dirty pages in [from, to) and clear their dirty bits.
static void zero_pages(ml_pageheap_t *h, size_t from, size_t to)
{
    size_t i = from;
    while ((i = bits_find(h->dirty, i, to, true)) < to) {
        size_t j = bits_find(h->dirty, i, to, false);
        void *a = (void *)page_addr(h, i);
        size_t len = (j - i) * ML_PAGE_SIZE;
        // Long runs: let the kernel hand out zero pages on the next touch.
        if (j - i < MADVISE_ZERO_PAGES || madvise(a, len, MADV_DONTNEED) != 0)
            memset(a, 0, len);
        i = j;
    }
    bits_fill(h->dirty, from, to, false);
}

// ---- creation and destruction -------------------------------------------------

// free_metadata — free the records, the page map, the bitmaps and `h`.
static void free_metadata(ml_pageheap_t *h)
{
    while (h->slabs != NULL) {
        ph_slab_t *next = h->slabs->next;
        free(h->slabs);
        h->slabs = next;
    }
    free(h->pagemap);
    free(h->committed);
    free(h->dirty);
    free(h);
}

// ml_pageheap_new — see pageheap.h. Returns NULL for 0 bytes, when the
// address space cannot be reserved or the metadata cannot be allocated.
ml_pageheap_t *ml_pageheap_new(size_t arena_bytes)
{
    if (arena_bytes == 0 || arena_bytes > SIZE_MAX - ML_PAGE_SIZE)
        return NULL;
    size_t npages = (arena_bytes + ML_PAGE_SIZE - 1) >> ML_PAGE_SHIFT;
    size_t words = (npages + 63) / 64;
    // The arena first: an impossible size fails here, before any metadata.
    void *arena = ml_os_reserve(npages * ML_PAGE_SIZE, ML_PAGE_SIZE);
    if (arena == NULL)
        return NULL;
    ml_pageheap_t *h = calloc(1, sizeof *h);
    if (h == NULL) {
        ml_os_release(arena, npages * ML_PAGE_SIZE);
        return NULL;
    }
    h->lo = (uintptr_t)arena;
    h->npages = npages;
    h->pagemap = calloc(npages, sizeof *h->pagemap);
    h->committed = calloc(words, sizeof(uint64_t));
    h->dirty = calloc(words, sizeof(uint64_t));
    ph_rec_t *all = NULL;
    if (h->pagemap == NULL || h->committed == NULL || h->dirty == NULL ||
        (all = rec_new(h)) == NULL)
        goto fail;
    pthread_mutex_init(&h->lock, NULL);
    h->map = (ml_pagemap_t){ .lo = h->lo, .npages = npages, .entries = h->pagemap };

    all->span.base = h->lo;
    all->span.npages = npages;
    tree_insert(h, all);
    pm_set(h, 0, tag(all));
    pm_set(h, npages - 1, tag(all));
    h->free_runs = 1;
    h->released_pages = npages;
    return h;

fail:
    ml_os_release(arena, npages * ML_PAGE_SIZE);
    free_metadata(h);
    return NULL;
}

// ml_pageheap_destroy — decommit what is committed (so the OS counters fall
// back), release the arena, free the metadata. Span records handed out become
// invalid; their bitmaps belong to their owners. NULL is a no-op.
void ml_pageheap_destroy(ml_pageheap_t *h)
{
    if (h == NULL)
        return;
    size_t i = 0;
    while ((i = bits_find(h->committed, i, h->npages, true)) < h->npages) {
        size_t j = bits_find(h->committed, i, h->npages, false);
        ml_os_decommit((void *)page_addr(h, i), (j - i) * ML_PAGE_SIZE);
        i = j;
    }
    ml_os_release((void *)h->lo, h->npages * ML_PAGE_SIZE);
    pthread_mutex_destroy(&h->lock);
    free_metadata(h);
}

// ---- spans ------------------------------------------------------------------------------

// alloc_span — the common body: `zero` says whether dirty pages are cleared
// (in-use pages are never marked dirty either way; freeing marks them).
static ml_span_t *alloc_span(ml_pageheap_t *h, size_t npages, bool zero)
{
    if (npages == 0 || npages > h->npages)
        return NULL;
    pthread_mutex_lock(&h->lock);
    ph_rec_t *run = tree_best_fit(h, npages);
    if (run == NULL)
        goto fail;
    ph_rec_t *rec = run; // an exact fit: the run's record becomes the span's
    if (run->span.npages > npages && (rec = rec_new(h)) == NULL)
        goto fail;

    size_t p = page_index(h, run->span.base), run_end = p + run->span.npages;
    size_t commit_end = (p + npages + COMMIT_CHUNK - 1) / COMMIT_CHUNK * COMMIT_CHUNK;
    if (commit_pages(h, p, commit_end < run_end ? commit_end : run_end) != 0) {
        if (rec != run)
            rec_recycle(h, rec);
        goto fail;
    }
    if (zero)
        zero_pages(h, p, p + npages);
    else
        bits_fill(h->dirty, p, p + npages, false);

    tree_remove(h, run);
    if (rec != run) { // the rest of the run stays free, re-keyed
        run->span.base += npages * ML_PAGE_SIZE;
        run->span.npages -= npages;
        tree_insert(h, run);
        pm_set(h, p + npages, tag(run));
    } else {
        h->free_runs--;
    }

    ml_span_t *s = &rec->span;
    memset(s, 0, sizeof *s);
    s->base = page_addr(h, p);
    s->npages = npages;
    s->state = ML_SPAN_MANUAL;
    s->elemsize = npages * ML_PAGE_SIZE; // nelems 0 until the owner cuts the span
    pm_fill(h, p, p + npages, (uintptr_t)rec);

    h->free_pages -= npages;
    h->inuse_pages += npages;
    if (h->inuse_pages > h->peak_pages)
        h->peak_pages = h->inuse_pages;
    h->spans_inuse++;
    pthread_mutex_unlock(&h->lock);
    return s;

fail:
    pthread_mutex_unlock(&h->lock);
    return NULL;
}

// ml_pageheap_alloc_span — see pageheap.h. Also NULL (heap unchanged) for
// npages == 0, or when committing or a span record fails.
ml_span_t *ml_pageheap_alloc_span(ml_pageheap_t *h, size_t npages)
{
    return alloc_span(h, npages, true);
}

// ml_pageheap_alloc_span_nozero — see pageheap.h; as ml_pageheap_alloc_span.
ml_span_t *ml_pageheap_alloc_span_nozero(ml_pageheap_t *h, size_t npages)
{
    return alloc_span(h, npages, false);
}

// span_record — the record of in-use span `s` of heap `h`, or abort with a
// message naming `fn`: a span freed twice, outside the arena, or whose pages
// the pagemap does not give to it.
static ph_rec_t *span_record(ml_pageheap_t *h, ml_span_t *s, const char *fn)
{
    if (s == NULL)
        ph_bug(fn, "NULL span");
    if (s->state == ML_SPAN_FREE)
        ph_bug(fn, "span %p at %#lx is already free (freed twice?)", (void *)s,
               (unsigned long)s->base);
    if (!ml_pageheap_contains(h, (void *)s->base) || s->npages == 0 ||
        s->npages > h->npages - page_index(h, s->base) || (s->base & (ML_PAGE_SIZE - 1)) != 0)
        ph_bug(fn, "span %p ([%#lx, %zu pages)) is not in this heap's arena", (void *)s,
               (unsigned long)s->base, s->npages);
    size_t p = page_index(h, s->base);
    if (pm_get(h, p) != (uintptr_t)s || pm_get(h, p + s->npages - 1) != (uintptr_t)s)
        ph_bug(fn, "span %p ([%#lx, %zu pages)) is not a span of this heap", (void *)s,
               (unsigned long)s->base, s->npages);
    return (ph_rec_t *)s;
}

// ml_pageheap_free_span — see pageheap.h.
void ml_pageheap_free_span(ml_pageheap_t *h, ml_span_t *s)
{
    pthread_mutex_lock(&h->lock);
    ph_rec_t *rec = span_record(h, s, "ml_pageheap_free_span");
    size_t first = page_index(h, s->base), n = s->npages, end = first + n;

    bits_fill(h->dirty, first, end, true);
    pm_fill(h, first, end, 0);
    h->inuse_pages -= n;
    h->free_pages += n;
    h->spans_inuse--;

    if (first > 0 && is_tag(pm_get(h, first - 1))) { // merge the run on the left
        ph_rec_t *l = untag(pm_get(h, first - 1));
        tree_remove(h, l);
        pm_set(h, first - 1, 0);
        first = page_index(h, l->span.base);
        n += l->span.npages;
        rec_recycle(h, l);
        h->free_runs--;
    }
    if (end < h->npages && is_tag(pm_get(h, end))) { // merge the run on the right
        ph_rec_t *r = untag(pm_get(h, end));
        tree_remove(h, r);
        pm_set(h, end, 0);
        n += r->span.npages;
        rec_recycle(h, r);
        h->free_runs--;
    }

    memset(&rec->span, 0, sizeof rec->span);
    rec->span.base = page_addr(h, first);
    rec->span.npages = n;
    rec->span.state = ML_SPAN_FREE;
    tree_insert(h, rec);
    pm_set(h, first, tag(rec));
    pm_set(h, first + n - 1, tag(rec));
    h->free_runs++;
    pthread_mutex_unlock(&h->lock);
}

// ml_pageheap_grow_span — see pageheap.h. The pages gained come from the
// front of the free run that starts right after s: committed as in
// alloc_span, not zeroed, the rest of the run re-keyed in the tree.
int ml_pageheap_grow_span(ml_pageheap_t *h, ml_span_t *s, size_t npages)
{
    pthread_mutex_lock(&h->lock);
    ph_rec_t *rec = span_record(h, s, "ml_pageheap_grow_span");
    size_t first = page_index(h, s->base), end = first + s->npages;
    if (npages <= s->npages || end >= h->npages || !is_tag(pm_get(h, end)))
        goto fail;
    ph_rec_t *run = untag(pm_get(h, end));
    size_t extra = npages - s->npages, run_end = end + run->span.npages;
    if (extra > run->span.npages)
        goto fail;
    size_t commit_end = (end + extra + COMMIT_CHUNK - 1) / COMMIT_CHUNK * COMMIT_CHUNK;
    if (commit_pages(h, end, commit_end < run_end ? commit_end : run_end) != 0)
        goto fail;
    bits_fill(h->dirty, end, end + extra, false); // in-use pages are never dirty

    tree_remove(h, run);
    if (extra < run->span.npages) { // the rest of the run stays free, re-keyed
        run->span.base += extra * ML_PAGE_SIZE;
        run->span.npages -= extra;
        tree_insert(h, run);
        pm_set(h, end + extra, tag(run));
    } else {
        rec_recycle(h, run);
        h->free_runs--;
    }
    pm_fill(h, end, end + extra, (uintptr_t)rec);
    s->npages = npages;

    h->free_pages -= extra;
    h->inuse_pages += extra;
    if (h->inuse_pages > h->peak_pages)
        h->peak_pages = h->inuse_pages;
    pthread_mutex_unlock(&h->lock);
    return 0;

fail:
    pthread_mutex_unlock(&h->lock);
    return -1;
}

// release_tree — decommit the committed pages of every free run in the
// subtree; returns the pages released.
static size_t release_tree(ml_pageheap_t *h, ph_rec_t *t)
{
    size_t pages = 0;
    for (; t != NULL; t = t->right) {
        pages += release_tree(h, t->left);
        size_t from = page_index(h, t->span.base), to = from + t->span.npages, i = from;
        while ((i = bits_find(h->committed, i, to, true)) < to) {
            size_t j = bits_find(h->committed, i, to, false);
            ml_os_decommit((void *)page_addr(h, i), (j - i) * ML_PAGE_SIZE);
            pages += j - i;
            i = j;
        }
        bits_fill(h->committed, from, to, false);
        bits_fill(h->dirty, from, to, false);
    }
    return pages;
}

// ml_pageheap_release_free — see pageheap.h. Released pages read as zeros
// when handed out again.
size_t ml_pageheap_release_free(ml_pageheap_t *h)
{
    pthread_mutex_lock(&h->lock);
    size_t pages = release_tree(h, h->root);
    h->free_pages -= pages;
    h->released_pages += pages;
    pthread_mutex_unlock(&h->lock);
    return pages * ML_PAGE_SIZE;
}

// ---- lookups ---------------------------------------------------------------------

// ml_pageheap_span_of — lock-free: one pagemap read. The answer for a page
// another thread is allocating or freeing at the same moment is either.
ml_span_t *ml_pageheap_span_of(ml_pageheap_t *h, const void *p)
{
    return ml_pagemap_span_of(&h->map, p);
}

// ml_pageheap_map — see pageheap.h: set once in ml_pageheap_new.
const ml_pagemap_t *ml_pageheap_map(const ml_pageheap_t *h)
{
    return &h->map;
}

bool ml_pageheap_contains(const ml_pageheap_t *h, const void *p)
{
    return (uintptr_t)p - h->lo < h->npages << ML_PAGE_SHIFT;
}

void ml_pageheap_bounds(const ml_pageheap_t *h, void **lo, void **hi)
{
    *lo = (void *)h->lo;
    *hi = (void *)(h->lo + (h->npages << ML_PAGE_SHIFT));
}

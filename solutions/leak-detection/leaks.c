// leaks.c — the reference solution of the leak-detection lab: the live-block
// table, valgrind's reachability classification, reports grouped by site,
// and the two heap-growth detectors. Contracts in leaks.h.
//
// Data structures:
//   table   open addressing, linear probing, keyed by block address; an
//           empty slot has addr 0, a deleted one addr 1 (a tombstone). Grows
//           (rehashes into a table twice as big) when live + tombstones
//           reach half the slots. Its memory comes from lk_mem_alloc.
//   state   at classification, one byte per block: UNREACHED, POSSIBLE,
//           REACHABLE, INDIRECT; a mark stack of block indices.
//
// Classification (memcheck's order, mc_leakcheck.c):
//   1. every aligned word of every root that is not the lab's own memory is
//      a candidate pointer; one that points into a block (or at a zero-size
//      block's start) reaches it: REACHABLE through its first byte, POSSIBLE
//      through any other byte. A block's state only goes up (UNREACHED →
//      POSSIBLE → REACHABLE); each time it does, the block is pushed and its
//      own words are scanned the same way — except that what a POSSIBLE
//      block points to is at best POSSIBLE, even through its first byte;
//   2. the blocks still UNREACHED are the lost ones. In address order, each
//      one still UNREACHED leads a clique: everything reachable from it
//      through any pointer (start or interior) that is still UNREACHED —
//      including the leaders of earlier cliques — becomes INDIRECT. The
//      leaders that stay UNREACHED are the definitely lost blocks.
#include "leaks.h"

#include <stdlib.h>
#include <string.h>

// ---- the live-block table -----------------------------------------------------

typedef struct slot {
    uintptr_t addr; // 0 empty, 1 tombstone
    size_t size;
    uint32_t site;
} slot_t;

#define EMPTY ((uintptr_t)0)
#define TOMB ((uintptr_t)1)

static slot_t *tab;
static size_t tab_cap; // a power of two, or 0
static size_t tab_live;
static size_t tab_used; // live + tombstones

static size_t hash_addr(uintptr_t a, size_t cap)
{
    return (size_t)(((uint64_t)(a >> 4) * 0x9E3779B97F4A7C15ull) >> 20) & (cap - 1);
}

void lk_track_reset(void)
{
    if (tab)
        lk_mem_free(tab, tab_cap * sizeof *tab);
    tab = NULL;
    tab_cap = tab_live = tab_used = 0;
}

// Finds the slot of `addr`, or NULL.
static slot_t *find_slot(uintptr_t addr)
{
    if (!tab_cap || addr <= TOMB)
        return NULL;
    for (size_t i = hash_addr(addr, tab_cap);; i = (i + 1) & (tab_cap - 1)) {
        if (tab[i].addr == addr)
            return &tab[i];
        if (tab[i].addr == EMPTY)
            return NULL;
    }
}

// Inserts without checking load or duplicates.
static void put(slot_t *t, size_t cap, uintptr_t addr, size_t size, uint32_t site)
{
    size_t i = hash_addr(addr, cap);
    while (t[i].addr > TOMB)
        i = (i + 1) & (cap - 1);
    t[i] = (slot_t){ addr, size, site };
}

// Makes room for one more entry. Returns 0, or -1 if memory is refused.
static int reserve(void)
{
    if ((tab_used + 1) * 2 <= tab_cap)
        return 0;
    size_t cap = tab_cap ? tab_cap : 1024; // rehash: at most a quarter full after
    while ((tab_live + 1) * 4 > cap)
        cap *= 2;
    slot_t *t = lk_mem_alloc(cap * sizeof *t);
    if (!t)
        return -1;
    for (size_t i = 0; i < tab_cap; i++)
        if (tab[i].addr > TOMB) // the live blocks move, the tombstones stay
            put(t, cap, tab[i].addr, tab[i].size, tab[i].site);
    if (tab)
        lk_mem_free(tab, tab_cap * sizeof *tab);
    tab = t;
    tab_cap = cap;
    tab_used = tab_live;
    return 0;
}

int lk_track_alloc(uintptr_t addr, size_t size, uint32_t site)
{
    slot_t *s = find_slot(addr);
    if (s) { // the allocator gave out a live address: trust the allocator
        s->size = size;
        s->site = site;
        return 0;
    }
    if (addr <= TOMB || reserve() != 0)
        return -1;
    put(tab, tab_cap, addr, size, site);
    tab_live++;
    tab_used++;
    return 0;
}

int lk_track_free(uintptr_t addr, lk_block_t *out)
{
    slot_t *s = find_slot(addr);
    if (!s)
        return 0;
    if (out)
        *out = (lk_block_t){ s->addr, s->size, s->site, LK_REACHABLE };
    s->addr = TOMB;
    tab_live--;
    return 1;
}

int lk_track_realloc(uintptr_t old_addr, uintptr_t new_addr, size_t new_size, uint32_t site)
{
    int was = lk_track_free(old_addr, NULL);
    if (lk_track_alloc(new_addr, new_size, site) != 0)
        return -1;
    return was ? 0 : -1;
}

int lk_track_lookup(uintptr_t addr, lk_block_t *out)
{
    slot_t *s = find_slot(addr);
    if (!s)
        return 0;
    if (out)
        *out = (lk_block_t){ s->addr, s->size, s->site, LK_REACHABLE };
    return 1;
}

size_t lk_track_count(void)
{
    return tab_live;
}

// Heapsort by address (no malloc: the tracker calls this at exit).
static void sift(lk_block_t *b, size_t i, size_t n)
{
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            return;
        if (c + 1 < n && b[c + 1].addr > b[c].addr)
            c++;
        if (b[i].addr >= b[c].addr)
            return;
        lk_block_t t = b[i];
        b[i] = b[c];
        b[c] = t;
        i = c;
    }
}

static void sort_by_addr(lk_block_t *b, size_t n)
{
    for (size_t i = n / 2; i-- > 0;)
        sift(b, i, n);
    for (size_t end = n; end > 1; end--) {
        lk_block_t t = b[0];
        b[0] = b[end - 1];
        b[end - 1] = t;
        sift(b, 0, end - 1);
    }
}

size_t lk_track_snapshot(lk_block_t *out, size_t cap)
{
    if (cap < tab_live) {
        // Not enough room for all: the contract only asks for `cap` of them,
        // still sorted; take the first cap found and sort those.
        size_t k = 0;
        for (size_t i = 0; i < tab_cap && k < cap; i++)
            if (tab[i].addr > TOMB)
                out[k++] = (lk_block_t){ tab[i].addr, tab[i].size, tab[i].site, LK_REACHABLE };
        sort_by_addr(out, k);
        return tab_live;
    }
    size_t k = 0;
    for (size_t i = 0; i < tab_cap; i++)
        if (tab[i].addr > TOMB)
            out[k++] = (lk_block_t){ tab[i].addr, tab[i].size, tab[i].site, LK_REACHABLE };
    sort_by_addr(out, k);
    return k;
}

// ---- reachability ---------------------------------------------------------------

enum { UNREACHED = 0, POSSIBLE = 1, REACHABLE = 2, INDIRECT = 3 };

typedef struct marker {
    lk_block_t *b;
    size_t n;
    uint8_t *state;
    size_t *stack; // at most 2n entries: a block is pushed once per state change (≤ 2)
    size_t top, cap;
} marker_t;

// The block that `p` points into (or at, for a zero-size block), or -1.
static long block_of(const marker_t *m, uintptr_t p)
{
    size_t lo = 0, hi = m->n; // first block with addr > p
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->b[mid].addr <= p)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return -1; // below every block
    const lk_block_t *c = &m->b[lo - 1];
    if (p - c->addr < c->size || (c->size == 0 && p == c->addr))
        return (long)(lo - 1);
    return -1; // past the end of the block below p
}

static void push(marker_t *m, size_t i)
{
    m->stack[m->top++] = i;
}

// Root phase: a candidate pointer raises its block's state. Only a start
// pointer found in a root or in a reachable block makes a block reachable;
// anything found in a possibly lost block is at best possibly lost.
static void reach(marker_t *m, uintptr_t p, bool from_reachable)
{
    long i = block_of(m, p);
    if (i < 0)
        return;
    uint8_t via = p == m->b[i].addr && from_reachable ? REACHABLE : POSSIBLE;
    if (m->state[i] == UNREACHED || (m->state[i] == POSSIBLE && via == REACHABLE)) {
        m->state[i] = via;
        push(m, (size_t)i);
    }
}

// Clique phase: anything still unreached that a lost block points to.
static void reach_lost(marker_t *m, uintptr_t p, size_t leader)
{
    long i = block_of(m, p);
    if (i < 0 || (size_t)i == leader || m->state[i] != UNREACHED)
        return;
    m->state[i] = INDIRECT;
    push(m, (size_t)i);
}

// Scans the words of [start, end): for the root phase (leader < 0) found in
// a root or a REACHABLE block if `definite`; for the clique of `leader`.
static void scan_range(marker_t *m, uintptr_t start, uintptr_t end, long leader, bool definite)
{
    start = (start + sizeof(uintptr_t) - 1) & ~(uintptr_t)(sizeof(uintptr_t) - 1);
    for (uintptr_t a = start; a + sizeof(uintptr_t) <= end; a += sizeof(uintptr_t)) {
        uintptr_t p = *(const uintptr_t *)a;
        if (leader < 0)
            reach(m, p, definite);
        else
            reach_lost(m, p, (size_t)leader);
    }
}

static void drain(marker_t *m, long leader)
{
    while (m->top > 0) {
        size_t i = m->stack[--m->top];
        const lk_block_t *b = &m->b[i];
        scan_range(m, b->addr, b->addr + b->size, leader, m->state[i] == REACHABLE);
    }
}

int lk_classify(const lk_region_t *roots, size_t nroots, lk_block_t *blocks, size_t n)
{
    if (n == 0)
        return 0;
    marker_t m = { .b = blocks, .n = n, .cap = 2 * n + 1 };
    size_t bytes = n + m.cap * sizeof(size_t);
    void *mem = lk_mem_alloc(bytes);
    if (!mem)
        return -1;
    m.stack = mem;
    m.state = (uint8_t *)(m.stack + m.cap);

    for (size_t r = 0; r < nroots; r++) {
        if (roots[r].own)
            continue;
        scan_range(&m, roots[r].start, roots[r].end, -1, true);
        drain(&m, -1);
    }
    for (size_t i = 0; i < n; i++) {
        if (m.state[i] != UNREACHED)
            continue;
        push(&m, i);
        drain(&m, (long)i);
    }
    static const uint8_t kind_of[] = { [UNREACHED] = LK_DEFINITE,
                                       [POSSIBLE] = LK_POSSIBLE,
                                       [REACHABLE] = LK_REACHABLE,
                                       [INDIRECT] = LK_INDIRECT };
    for (size_t i = 0; i < n; i++)
        blocks[i].kind = kind_of[m.state[i]];
    lk_mem_free(mem, bytes);
    return 0;
}

// ---- reports ---------------------------------------------------------------------

void lk_summarize(const lk_block_t *blocks, size_t n, lk_count_t sum[LK_NKINDS])
{
    memset(sum, 0, LK_NKINDS * sizeof *sum);
    for (size_t i = 0; i < n; i++) {
        sum[blocks[i].kind].bytes += blocks[i].size;
        sum[blocks[i].kind].blocks++;
    }
}

// Report order: worse kind first, then more bytes, then lower site.
static int record_before(const lk_record_t *a, const lk_record_t *b)
{
    if (a->kind != b->kind)
        return a->kind > b->kind;
    if (a->bytes != b->bytes)
        return a->bytes > b->bytes;
    return a->site < b->site;
}

static int by_kind_site(const void *x, const void *y)
{
    const lk_block_t *a = x, *b = y;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    return (a->site > b->site) - (a->site < b->site);
}

size_t lk_group(const lk_block_t *blocks, size_t n, lk_record_t *out, size_t cap)
{
    if (n == 0)
        return 0;
    size_t bytes = n * sizeof(lk_block_t) + n * sizeof(lk_record_t);
    lk_block_t *tmp = lk_mem_alloc(bytes);
    if (!tmp)
        return 0;
    lk_record_t *rec = (lk_record_t *)(tmp + n);
    memcpy(tmp, blocks, n * sizeof *tmp);
    qsort(tmp, n, sizeof *tmp, by_kind_site);
    size_t nr = 0;
    for (size_t i = 0; i < n; i++) {
        if (nr == 0 || rec[nr - 1].kind != tmp[i].kind || rec[nr - 1].site != tmp[i].site)
            rec[nr++] = (lk_record_t){ tmp[i].site, tmp[i].kind, 0, 0 };
        rec[nr - 1].bytes += tmp[i].size;
        rec[nr - 1].blocks++;
    }
    // Insertion sort into report order (records are few).
    for (size_t i = 1; i < nr; i++) {
        lk_record_t r = rec[i];
        size_t j = i;
        for (; j > 0 && record_before(&r, &rec[j - 1]); j--)
            rec[j] = rec[j - 1];
        rec[j] = r;
    }
    if (out && cap > 0)
        memcpy(out, rec, (nr < cap ? nr : cap) * sizeof *out);
    lk_mem_free(tmp, bytes);
    return nr;
}

static int by_key(const void *x, const void *y)
{
    return strcmp(((const lk_prof_t *)x)->key, ((const lk_prof_t *)y)->key);
}

static int by_size(const void *x, const void *y)
{
    const lk_prof_t *a = x, *b = y;
    long long ma = llabs(a->bytes), mb = llabs(b->bytes);
    if (ma != mb)
        return ma > mb ? -1 : 1;
    return strcmp(a->key, b->key);
}

size_t lk_profile_diff(const lk_prof_t *cur, size_t ncur, const lk_prof_t *base, size_t nbase,
                       lk_prof_t *out)
{
    size_t k = 0;
    for (size_t i = 0; i < ncur; i++)
        out[k++] = cur[i];
    for (size_t i = 0; i < nbase; i++)
        out[k++] = (lk_prof_t){ base[i].key, -base[i].bytes, -base[i].objects };
    qsort(out, k, sizeof *out, by_key);
    size_t m = 0;
    for (size_t i = 0; i < k; i++) {
        if (m > 0 && strcmp(out[m - 1].key, out[i].key) == 0) {
            out[m - 1].bytes += out[i].bytes;
            out[m - 1].objects += out[i].objects;
        } else {
            out[m++] = out[i];
        }
    }
    size_t w = 0;
    for (size_t i = 0; i < m; i++)
        if (out[i].bytes != 0 || out[i].objects != 0)
            out[w++] = out[i];
    qsort(out, w, sizeof *out, by_size);
    return w;
}

// ---- growth detectors -------------------------------------------------------------

void lk_threshold_init(lk_threshold_t *d, size_t limit, int need)
{
    *d = (lk_threshold_t){ .limit = limit, .need = need < 1 ? 1 : need, .fired_at = -1 };
}

int lk_threshold_feed(lk_threshold_t *d, size_t live_bytes)
{
    long i = d->seen++;
    if (d->fired_at >= 0)
        return 0;
    d->run = live_bytes > d->limit ? d->run + 1 : 0;
    if (d->run >= d->need) {
        d->fired_at = i;
        return 1;
    }
    return 0;
}

void lk_trend_init(lk_trend_t *d, int window, double min_slope, double min_r2)
{
    memset(d, 0, sizeof *d);
    if (window < 2)
        window = 2;
    if (window > LK_TREND_MAX_WINDOW)
        window = LK_TREND_MAX_WINDOW;
    d->window = window;
    d->min_slope = min_slope;
    d->min_r2 = min_r2;
    d->fired_at = -1;
}

int lk_trend_feed(lk_trend_t *d, size_t live_bytes)
{
    long i = d->seen++;
    int w = d->window;
    d->ring[i % w] = (double)live_bytes;
    if (d->seen < w)
        return 0;
    // Fit y = a + slope·x over x = 0..w-1, oldest sample first.
    double mx = (w - 1) / 2.0, my = 0;
    for (int k = 0; k < w; k++)
        my += d->ring[(i + 1 + k) % w];
    my /= w;
    double sxx = 0, sxy = 0, syy = 0;
    for (int k = 0; k < w; k++) {
        double dx = k - mx, dy = d->ring[(i + 1 + k) % w] - my;
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    d->slope = sxy / sxx;
    d->r2 = syy > 0 ? sxy * sxy / (sxx * syy) : 0;
    if (d->fired_at < 0 && d->slope >= d->min_slope && d->r2 >= d->min_r2) {
        d->fired_at = i;
        return 1;
    }
    return 0;
}

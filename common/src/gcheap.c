// gcheap.c — the GC heap's objects: heap creation, spans, allocation, free,
// object metadata and pointer slots (Go's runtime/malloc.go, mheap.go).
//
// Data structures (see gcheap_impl.h):
//   core.spans[page]  page → ml_gc_span_t, for O(1) address → object
//   cur[c]            the span of class c being allocated from (Go's mcache)
//   partial[c]        other spans of class c with free objects (Go's mcentral)
//   all               every span, for sweeping and iteration
// Allocation (ml_gc_alloc):
//   1. if the heap goal is reached (or stress mode), collect first;
//   2. small: take the next free object of cur[c] (the span's free index);
//      when it is full, take a span from partial[c], else a fresh span from
//      the page heap; large: a span of its own;
//   3. record the object's type, count and id in the span's side table,
//      zero it (fresh spans come zeroed unless poisoned), count it;
//   4. while marking, let the collector color it (on_alloc, default black).
// Free (ml_gc_free): poison, clear alloc and mark bits. Empty spans return to
// the page heap at the end of a cycle (ml_gc_release_empty_spans), never in
// the middle of an object walk.
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gcheap_impl.h"
#include "memlab/verify.h"

ml_gc_config_t ml_gc_default_config(void)
{
    return (ml_gc_config_t){
        .arena_bytes = (size_t)256 << 20,
        .gc_percent = 100,
        .min_heap = (size_t)4 << 20,
        .stress = false,
        .log = false,
        .log_file = NULL,
        .poison = true,
        .count_stores = false,
    };
}

_Noreturn void ml_gc_bad_object_(const char *fn, const void *p)
{
    fprintf(stderr, "%s: %p is not the start of an allocated object\n", fn, p);
    abort();
}

// ---- types ------------------------------------------------------------------

// Bits of mask group g (64 words) of type t, without bits past its words.
static uint64_t type_group(const ml_type_t *t, size_t g)
{
    size_t words = t->size / 8;
    uint64_t m = t->ptrmask_ext ? t->ptrmask_ext[g] : (g == 0 ? t->ptrmask : 0);
    size_t left = words - g * 64;
    if (left < 64)
        m &= ((uint64_t)1 << left) - 1;
    return m;
}

size_t ml_type_num_slots(const ml_type_t *t)
{
    size_t words = t->size / 8, n = 0;
    for (size_t g = 0; g * 64 < words; g++)
        n += (size_t)__builtin_popcountll(type_group(t, g));
    return n;
}

int ml_type_check(const ml_type_t *t, char *err, size_t errlen)
{
    const char *name = t && t->name ? t->name : "?";
    if (!t || !t->name) {
        if (err)
            snprintf(err, errlen, "type has no name");
        return -1;
    }
    if (t->size == 0 || t->size % 8 != 0) {
        if (err)
            snprintf(err, errlen, "type %s: size %zu is not a positive multiple of 8", name,
                     t->size);
        return -1;
    }
    size_t words = t->size / 8;
    if (!t->ptrmask_ext) {
        if (words > ML_TYPE_INLINE_WORDS) {
            if (err)
                snprintf(err, errlen, "type %s: %zu words need ptrmask_ext", name, words);
            return -1;
        }
        if (words < 64 && (t->ptrmask >> words) != 0) {
            if (err)
                snprintf(err, errlen, "type %s: ptrmask 0x%llx names words past its %zu words",
                         name, (unsigned long long)t->ptrmask, words);
            return -1;
        }
    } else {
        size_t groups = (words + 63) / 64, left = words % 64;
        if (left && (t->ptrmask_ext[groups - 1] >> left) != 0) {
            if (err)
                snprintf(err, errlen, "type %s: ptrmask_ext names words past its %zu words", name,
                         words);
            return -1;
        }
    }
    return 0;
}

// ---- heap creation ------------------------------------------------------------

// Go's divMagic: index = off * divmul >> 32. Checked once for every size class
// (exact for Go's table, as Go's own tests check).
static void check_divmul(void)
{
    for (int c = 1; c < ML_NUM_SIZE_CLASSES; c++) {
        uint64_t size = ml_class_size(c), n = ml_class_nobjs(c);
        uint32_t dm = (uint32_t)(UINT32_MAX / size + 1);
        for (uint64_t i = 0; i < n; i++)
            if (((i * size) * dm) >> 32 != i || ((i * size + size - 1) * dm) >> 32 != i) {
                fprintf(stderr, "gcheap: division magic wrong for class %d\n", c);
                abort();
            }
    }
}

ml_gc_heap_t *ml_gc_new(const ml_gc_config_t *cfg)
{
    static bool divmul_checked;
    if (!divmul_checked) {
        check_divmul();
        divmul_checked = true;
    }
    ml_gc_heap_t *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->cfg = cfg ? *cfg : ml_gc_default_config();
    if (h->cfg.arena_bytes == 0)
        h->cfg.arena_bytes = ml_gc_default_config().arena_bytes;
    h->manual = h->cfg.gc_percent < 0;
    h->ph = ml_pageheap_new(h->cfg.arena_bytes);
    if (!h->ph)
        goto err;
    void *lo, *hi;
    ml_pageheap_bounds(h->ph, &lo, &hi);
    h->core.arena_lo = (uintptr_t)lo;
    h->core.arena_bytes = (uintptr_t)hi - (uintptr_t)lo;
    h->npages = h->core.arena_bytes >> ML_PAGE_SHIFT;
    h->core.spans = calloc(h->npages ? h->npages : 1, sizeof *h->core.spans);
    if (!h->core.spans)
        goto err;
    h->st.next_gc = h->cfg.min_heap;
    h->next_id = 1;
    h->coll = *ml_gc_default_collector();
    if (!ml_gc_stack_new(h, "main"))
        goto err;
    h->core.current = h->stacks[0];
    ml_gc_update_write_slow_(h);
    return h;
err:
    ml_gc_destroy(h);
    return NULL;
}

static void free_span_record(ml_gc_heap_t *h, ml_gc_span_t *s)
{
    size_t first = (s->span->base - h->core.arena_lo) >> ML_PAGE_SHIFT;
    for (size_t p = 0; p < s->span->npages; p++)
        h->core.spans[first + p] = NULL;
    ml_span_fini(s->span);
    ml_pageheap_free_span(h->ph, s->span);
    free(s->info);
    free(s);
}

void ml_gc_destroy(ml_gc_heap_t *h)
{
    if (!h)
        return;
    for (ml_gc_span_t *s = h->all, *next; s; s = next) {
        next = s->next;
        free_span_record(h, s);
    }
    for (size_t i = 0; i < h->nglobals; i++) {
        free(h->globals[i]->name);
        free(h->globals[i]);
    }
    free(h->globals);
    for (size_t i = 0; i < h->nstacks; i++) {
        ml_gc_stack_t *st = h->stacks[i];
        for (ml_gc_frame_t *f = st->top, *below; f; f = below) {
            below = f->caller;
            free(f);
        }
        free(st->name);
        free(st);
    }
    free(h->stacks);
    free(h->mstack);
    free(h->core.spans);
    if (h->ph)
        ml_pageheap_destroy(h->ph);
    free(h);
}

const ml_gc_config_t *ml_gc_config(const ml_gc_heap_t *h)
{
    return &h->cfg;
}
ml_pageheap_t *ml_gc_pageheap(ml_gc_heap_t *h)
{
    return h->ph;
}
void ml_gc_set_manual(ml_gc_heap_t *h, bool manual)
{
    h->manual = manual;
}

void ml_gc_set_count_stores(ml_gc_heap_t *h, bool on)
{
    h->cfg.count_stores = on;
    ml_gc_update_write_slow_(h);
}

// ---- spans --------------------------------------------------------------------

// A new span for class `cls` (small) or of `npages` pages for a large object
// (cls == 0). NULL when the page heap or malloc is exhausted.
static ml_gc_span_t *span_new(ml_gc_heap_t *h, int cls, size_t npages)
{
    ml_gc_span_t *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    size_t elemsize = cls ? ml_class_size(cls) : npages * ML_PAGE_SIZE;
    if (cls)
        npages = ml_class_npages(cls);
    ml_span_t *sp = ml_pageheap_alloc_span(h->ph, npages);
    if (!sp) {
        free(s);
        return NULL;
    }
    if (ml_span_init_small(sp, cls, elemsize) != 0) {
        ml_pageheap_free_span(h->ph, sp);
        free(s);
        return NULL;
    }
    if (!cls)
        sp->state = ML_SPAN_LARGE;
    s->info = calloc(sp->nelems, sizeof *s->info);
    if (!s->info) {
        ml_span_fini(sp);
        ml_pageheap_free_span(h->ph, sp);
        free(s);
        return NULL;
    }
    sp->owner = s;
    s->span = sp;
    s->base = sp->base;
    s->elemsize = elemsize;
    s->nelems = sp->nelems;
    s->divmul = cls ? (uint32_t)(UINT32_MAX / elemsize + 1) : 0;
    s->allocbits = sp->allocbits;
    s->markbits = sp->gcmarkbits;
    s->sizeclass = cls;
    // Fresh pages are zero. In poison mode every free object is poisoned,
    // never-used ones included, so a write through a stray pointer shows.
    if (h->cfg.poison && cls) {
        ml_gc_poison_((void *)sp->base, sp->npages * ML_PAGE_SIZE);
        s->needzero = true;
    }
    size_t first = (sp->base - h->core.arena_lo) >> ML_PAGE_SHIFT;
    for (size_t p = 0; p < npages; p++)
        h->core.spans[first + p] = s;
    s->next = h->all;
    if (h->all)
        h->all->prev = s;
    h->all = s;
    h->nspans++;
    return s;
}

void ml_gc_release_span_(ml_gc_heap_t *h, ml_gc_span_t *s)
{
    if (s->prev)
        s->prev->next = s->next;
    else
        h->all = s->next;
    if (s->next)
        s->next->prev = s->prev;
    h->nspans--;
    free_span_record(h, s);
}

void ml_gc_rebuild_partial_(ml_gc_heap_t *h)
{
    for (int c = 0; c < ML_NUM_SIZE_CLASSES; c++)
        h->cur[c] = h->partial[c] = NULL;
    for (ml_gc_span_t *s = h->all; s; s = s->next) {
        s->on_partial = false;
        s->pnext = NULL;
        if (s->sizeclass && s->span->allocount < s->nelems) {
            s->pnext = h->partial[s->sizeclass];
            h->partial[s->sizeclass] = s;
            s->on_partial = true;
        }
    }
}

size_t ml_gc_release_empty_spans(ml_gc_heap_t *h)
{
    size_t n = 0;
    for (ml_gc_span_t *s = h->all, *next; s; s = next) {
        next = s->next;
        if (s->span->allocount == 0) {
            ml_gc_release_span_(h, s);
            n++;
        }
    }
    ml_gc_rebuild_partial_(h);
    return n;
}

// ---- allocation -----------------------------------------------------------------

// The slow path of small allocation: a span of class `cls` with room.
static ml_gc_span_t *refill(ml_gc_heap_t *h, int cls)
{
    ml_gc_span_t *s;
    while ((s = h->partial[cls])) {
        h->partial[cls] = s->pnext;
        s->on_partial = false;
        s->pnext = NULL;
        if (s->span->allocount < s->nelems)
            break;
    }
    if (!s)
        s = span_new(h, cls, 0);
    h->cur[cls] = s;
    return s;
}

// One allocation attempt without collecting. NULL when out of memory.
static void *alloc_once(ml_gc_heap_t *h, size_t bytes, ml_gc_span_t **sp)
{
    int cls = ml_size_to_class(bytes);
    ml_gc_span_t *s;
    void *p;
    if (cls) {
        s = h->cur[cls];
        if (!s || !(p = ml_span_alloc(s->span))) {
            if (!(s = refill(h, cls)))
                return NULL;
            p = ml_span_alloc(s->span);
        }
    } else {
        s = span_new(h, 0, (bytes + ML_PAGE_SIZE - 1) / ML_PAGE_SIZE);
        if (!s)
            return NULL;
        p = ml_span_alloc(s->span);
    }
    *sp = s;
    return p;
}

static bool should_collect(const ml_gc_heap_t *h, size_t bytes)
{
    if (h->manual || h->phase != ML_GC_OFF || h->in_collect)
        return false;
    return h->cfg.stress || h->st.heap_alloc + bytes >= h->st.next_gc;
}

void *ml_gc_alloc_array(ml_gc_heap_t *h, const ml_type_t *t, size_t count)
{
    char err[160];
    if (ml_type_check(t, err, sizeof err) != 0) {
        fprintf(stderr, "ml_gc_alloc: %s\n", err);
        abort();
    }
    if (count == 0 || count > UINT32_MAX || t->size > SIZE_MAX / count) {
        fprintf(stderr, "ml_gc_alloc: bad array length %zu of %s\n", count, t->name);
        abort();
    }
    size_t bytes = t->size * count;
    if (should_collect(h, bytes))
        ml_gc_collect(h);
    ml_gc_span_t *s;
    void *p = alloc_once(h, bytes, &s);
    if (!p && !h->manual && h->phase == ML_GC_OFF && !h->in_collect) {
        ml_gc_collect(h);
        p = alloc_once(h, bytes, &s);
    }
    if (!p)
        return NULL;
    uint32_t i = ml_gc_index_in_(s, p);
    s->info[i] = (ml_gc_objinfo_t){ .type = t, .count = (uint32_t)count, .id = h->next_id++ };
    if (s->needzero)
        memset(p, 0, bytes);
    h->st.mallocs++;
    h->st.total_alloc += s->elemsize;
    h->st.heap_alloc += s->elemsize;
    if (h->phase == ML_GC_MARK || h->phase == ML_GC_MARK_TERMINATION) {
        if (h->coll.on_alloc)
            h->coll.on_alloc(h, h->coll.ctx, p);
        else
            ml_bit_set(s->markbits, i);
    }
    return p;
}

void *ml_gc_alloc(ml_gc_heap_t *h, const ml_type_t *t)
{
    return ml_gc_alloc_array(h, t, 1);
}

void ml_gc_free(ml_gc_heap_t *h, void *obj)
{
    uint32_t i;
    ml_gc_span_t *s = ml_gc_locate_(h, obj, &i, "ml_gc_free");
    if (h->cfg.log)
        ml_gc_log(h, "free", obj);
    if (h->cfg.poison) {
        size_t n = s->sizeclass ? s->elemsize : s->info[i].type->size * s->info[i].count;
        ml_gc_poison_(obj, n);
    }
    if (h->cfg.poison || h->cfg.log) // debug aids on: forget the type, as
        s->info[i].type = NULL;      // ml_gc_sweep_default does
    // ml_span_free_index's work, without its checks: ml_gc_locate_ has just
    // checked that object i is allocated (a sweep frees thousands of objects
    // per cycle, one call each).
    ml_bit_clear(s->markbits, i);
    ml_bit_clear(s->allocbits, i);
    ml_span_t *sp = s->span;
    sp->allocount--;
    if (i < sp->freeindex)
        sp->freeindex = i;
    s->needzero = true;
    h->st.frees++;
    h->st.heap_alloc -= s->elemsize;
}

// ---- objects ------------------------------------------------------------------

size_t ml_gc_object_size(const ml_gc_heap_t *h, const void *obj)
{
    const ml_gc_objinfo_t *in = ml_gc_info_(h, obj, "ml_gc_object_size");
    return in->type->size * in->count;
}

size_t ml_gc_object_elemsize(const ml_gc_heap_t *h, const void *obj)
{
    uint32_t i;
    return ml_gc_locate_(h, obj, &i, "ml_gc_object_elemsize")->elemsize;
}

void **ml_gc_slot_addr_slow_(const ml_gc_heap_t *h, const void *obj, size_t i)
{
    const ml_gc_objinfo_t *in = ml_gc_info_(h, obj, "ml_gc_slot_addr");
    const ml_type_t *t = in->type;
    size_t k = ml_type_num_slots(t), words = t->size / 8;
    if (k == 0 || i >= k * in->count) {
        char d[96];
        fprintf(stderr, "ml_gc_slot_addr: slot %zu of %s, which has %zu pointer slots\n", i,
                ml_gc_describe(h, obj, d, sizeof d), k * in->count);
        abort();
    }
    size_t e = i / k, j = i % k;
    for (size_t g = 0;; g++) {
        uint64_t m = type_group(t, g);
        size_t c = (size_t)__builtin_popcountll(m);
        if (j < c) {
            while (j--)
                m &= m - 1;
            return (void **)obj + e * words + g * 64 + (size_t)__builtin_ctzll(m);
        }
        j -= c;
    }
}

void ml_gc_slots_begin(const ml_gc_heap_t *h, const void *obj, ml_gc_slots_t *it)
{
    const ml_gc_objinfo_t *in = ml_gc_info_(h, obj, "ml_gc_slots_begin");
    it->elem = (void **)obj;
    it->type = in->type;
    it->words = in->type->size / 8;
    it->group_base = 0;
    it->bits = type_group(in->type, 0);
    it->elems_left = in->count - 1;
}

void **ml_gc_slots_next_group_(ml_gc_slots_t *it)
{
    for (;;) {
        it->group_base += 64;
        if (it->group_base >= it->words) {
            if (it->elems_left == 0)
                return NULL;
            it->elems_left--;
            it->elem += it->words;
            it->group_base = 0;
        }
        it->bits = type_group(it->type, it->group_base / 64);
        if (it->bits)
            return ml_gc_slots_next(it);
    }
}

// ---- marks ----------------------------------------------------------------------

void ml_gc_clear_all_marks(ml_gc_heap_t *h)
{
    for (ml_gc_span_t *s = h->all; s; s = s->next)
        memset(s->markbits, 0, (s->nelems + 63) / 64 * sizeof(uint64_t));
}

size_t ml_gc_count_marked(const ml_gc_heap_t *h)
{
    size_t n = 0;
    for (ml_gc_span_t *s = h->all; s; s = s->next)
        for (size_t w = 0; w < (s->nelems + 63) / 64; w++)
            n += (size_t)__builtin_popcountll(s->markbits[w] & s->allocbits[w]);
    return n;
}

// ---- iteration --------------------------------------------------------------------

void ml_gc_iter_init(ml_gc_heap_t *h, ml_gc_iter_t *it)
{
    it->h = h;
    it->span = h->all;
    it->next = 0;
}

// iter_next — the next allocated object at or after the cursor, skipping
// marked ones when `white_only` (allocbits &^ markbits, a word at a time).
// Both callers pass a constant, so each gets its own specialized loop.
static inline void *iter_next(ml_gc_iter_t *it, bool white_only)
{
    while (it->span) {
        ml_gc_span_t *s = it->span;
        uint32_t i = it->next;
        while (i < s->nelems) {
            size_t w = i / 64;
            uint64_t bits = s->allocbits[w] & (white_only ? ~s->markbits[w] : ~(uint64_t)0);
            bits >>= i % 64;
            if (bits) {
                i += (uint32_t)__builtin_ctzll(bits);
                if (i >= s->nelems)
                    break;
                it->next = i + 1;
                return (void *)(s->base + (uintptr_t)i * s->elemsize);
            }
            i = (uint32_t)(w + 1) * 64;
        }
        it->span = s->next;
        it->next = 0;
    }
    return NULL;
}

void *ml_gc_iter_next(ml_gc_iter_t *it)
{
    return iter_next(it, false);
}
void *ml_gc_iter_next_white(ml_gc_iter_t *it)
{
    return iter_next(it, true);
}

size_t ml_gc_num_objects(const ml_gc_heap_t *h)
{
    return (size_t)(h->st.mallocs - h->st.frees);
}

// ---- debugging ---------------------------------------------------------------------

const char *ml_gc_describe(const ml_gc_heap_t *h, const void *p, char *buf, size_t len)
{
    if (!p) {
        snprintf(buf, len, "nil");
        return buf;
    }
    void *o = ml_gc_object_of(h, p);
    ml_gc_span_t *s = o ? ml_gc_span_of_(h, o) : NULL;
    const ml_gc_objinfo_t *in = s ? &s->info[ml_gc_index_in_(s, o)] : NULL;
    if (!in || !in->type) {
        snprintf(buf, len, "%p (not an object)", p);
    } else if (in->count > 1) {
        snprintf(buf, len, "obj#%u (%s[%u])", in->id, in->type->name, in->count);
    } else {
        snprintf(buf, len, "obj#%u (%s)", in->id, in->type->name);
    }
    if (o && o != p && in && in->type) {
        size_t n = strlen(buf);
        snprintf(buf + n, len > n ? len - n : 0, "+%zu",
                 (size_t)((const char *)p - (const char *)o));
    }
    return buf;
}

bool ml_gc_logging(const ml_gc_heap_t *h)
{
    return h->cfg.log;
}

void ml_gc_log(const ml_gc_heap_t *h, const char *event, const void *obj)
{
    if (!h->cfg.log)
        return;
    FILE *f = h->cfg.log_file ? h->cfg.log_file : stderr;
    char d[96];
    if (obj)
        fprintf(f, "gc: %s %s\n", event, ml_gc_describe(h, obj, d, sizeof d));
    else
        fprintf(f, "gc: %s\n", event);
}

// verify.c — independent checks of a GC heap (see verify.h): the
// reachability oracle, the tri-color invariant checker, lost and dangling
// objects, heap consistency and freed-memory poisoning.
//
// The oracle is a plain graph walk that shares nothing with any marker:
//   visited  an open-addressing hash set keyed by object address, which also
//            keeps how each object was first reached (parent object and slot,
//            or a root), so a message can show the path to a lost object;
//   work     an explicit stack of objects (malloc'd; no recursion).
// It reads objects only through gcheap's object model (object_of, slots).
// The checks that read the heap's private structures (ml_verify_heap,
// ml_verify_freed_intact) live in gcheap_check.c.
#include <stdlib.h>
#include <string.h>

#include "memlab/gcheap.h"
#include "memlab/verify.h"
#include "memlab/grow.h"

// ---- the visited set -------------------------------------------------------------

typedef struct reach_ent {
    uintptr_t key;      // object start; 0 = empty
    const void *parent; // the object it was first reached from (NULL: a root)
    uint32_t slot;      // the parent's slot, or the root's index in roots[]
} reach_ent_t;

typedef struct reach_root {
    ml_gc_root_kind_t kind;
    const char *name;  // global or frame name
    const char *stack; // stack name (stack roots)
    size_t index;
} reach_root_t;

struct ml_reach {
    ml_gc_heap_t *h;
    reach_ent_t *tab;
    size_t cap, count, bytes;
    reach_root_t *roots;
    size_t nroots, caproots;
    void **work;
    size_t wlen, wcap;
    bool oom;
    // ml_verify_no_dangling: the first dangling pointer found, if any.
    bool check_dangling;
    const void *dang_from; // object holding it (NULL: a root)
    uint32_t dang_slot;
    const void *dang_ptr;
};

static size_t hash_ptr(uintptr_t k, size_t cap)
{
    return (size_t)(((k >> 3) * 0x9E3779B97F4A7C15ull) >> 17) & (cap - 1);
}

static reach_ent_t *reach_find(const ml_reach_t *r, const void *obj)
{
    uintptr_t k = (uintptr_t)obj;
    if (!k || !r->cap)
        return NULL;
    for (size_t i = hash_ptr(k, r->cap);; i = (i + 1) & (r->cap - 1)) {
        if (r->tab[i].key == k)
            return &r->tab[i];
        if (r->tab[i].key == 0)
            return NULL;
    }
}

static bool reach_grow(ml_reach_t *r)
{
    size_t nc = r->cap ? r->cap * 2 : 1024;
    reach_ent_t *t = calloc(nc, sizeof *t);
    if (!t)
        return false;
    for (size_t i = 0; i < r->cap; i++) {
        if (!r->tab[i].key)
            continue;
        size_t j = hash_ptr(r->tab[i].key, nc);
        while (t[j].key)
            j = (j + 1) & (nc - 1);
        t[j] = r->tab[i];
    }
    free(r->tab);
    r->tab = t;
    r->cap = nc;
    return true;
}

// Inserts obj; true if it was new.
static bool reach_insert(ml_reach_t *r, const void *obj, const void *parent, uint32_t slot)
{
    if ((r->count + 1) * 2 > r->cap && !reach_grow(r)) {
        r->oom = true;
        return false;
    }
    uintptr_t k = (uintptr_t)obj;
    size_t i = hash_ptr(k, r->cap);
    for (; r->tab[i].key; i = (i + 1) & (r->cap - 1))
        if (r->tab[i].key == k)
            return false;
    r->tab[i] = (reach_ent_t){ .key = k, .parent = parent, .slot = slot };
    r->count++;
    return true;
}

static void work_push(ml_reach_t *r, void *obj)
{
    if (!ML_GROW_ARRAY(r->work, r->wcap, r->wlen + 1, 1024)) {
        r->oom = true;
        return;
    }
    r->work[r->wlen++] = obj;
}

// Follows pointer `p` found in `from` (slot `slot`) or in root `slot`.
static void reach_visit(ml_reach_t *r, const void *p, const void *from, uint32_t slot)
{
    if (!p)
        return;
    void *o = ml_gc_object_of(r->h, p);
    if (!o) {
        if (r->check_dangling && !r->dang_ptr) {
            r->dang_ptr = p;
            r->dang_from = from;
            r->dang_slot = slot;
        }
        return;
    }
    if (reach_insert(r, o, from, slot)) {
        r->bytes += ml_gc_object_elemsize(r->h, o);
        work_push(r, o);
    }
}

static void reach_root(ml_gc_heap_t *h, void **slot, const ml_gc_root_t *root, void *arg)
{
    (void)h;
    ml_reach_t *r = arg;
    if (!*slot)
        return;
    if (!ML_GROW_ARRAY(r->roots, r->caproots, r->nroots + 1, 64)) {
        r->oom = true;
        return;
    }
    r->roots[r->nroots] =
        (reach_root_t){ .kind = root->kind,
                        .name = root->name,
                        .stack = root->stack ? ml_gc_stack_name(root->stack) : NULL,
                        .index = root->index };
    reach_visit(r, *slot, NULL, (uint32_t)r->nroots++);
}

static ml_reach_t *reach_walk(ml_gc_heap_t *h, bool check_dangling)
{
    ml_reach_t *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->h = h;
    r->check_dangling = check_dangling;
    if (!reach_grow(r))
        goto oom;
    ml_gc_foreach_root(h, reach_root, r);
    while (r->wlen > 0 && !r->oom) {
        void *obj = r->work[--r->wlen];
        ml_gc_slots_t it;
        ml_gc_slots_begin(h, obj, &it);
        uint32_t i = 0;
        for (void **slot; (slot = ml_gc_slots_next(&it)); i++)
            reach_visit(r, *slot, obj, i);
    }
    if (r->oom)
        goto oom;
    free(r->work);
    r->work = NULL;
    r->wlen = r->wcap = 0;
    return r;
oom:
    ml_reach_free(r);
    return NULL;
}

ml_reach_t *ml_verify_reachable(ml_gc_heap_t *h)
{
    return reach_walk(h, false);
}
bool ml_reach_contains(const ml_reach_t *r, const void *obj)
{
    return reach_find(r, obj) != NULL;
}
size_t ml_reach_count(const ml_reach_t *r)
{
    return r->count;
}
size_t ml_reach_bytes(const ml_reach_t *r)
{
    return r->bytes;
}

void ml_reach_free(ml_reach_t *r)
{
    if (!r)
        return;
    free(r->tab);
    free(r->roots);
    free(r->work);
    free(r);
}

// "global g -> obj#3 (Node) slot 0 -> obj#40 (Node)": how `obj` was reached.
static void reach_path(const ml_reach_t *r, const void *obj, char *buf, size_t len)
{
    enum { MAXHOPS = 64 };
    const void *chain[MAXHOPS];
    uint32_t slots[MAXHOPS];
    size_t n = 0;
    const reach_ent_t *e = reach_find(r, obj);
    const void *cur = obj;
    while (e && n < MAXHOPS) {
        chain[n] = cur;
        slots[n] = e->slot;
        n++;
        if (!e->parent)
            break;
        cur = e->parent;
        e = reach_find(r, cur);
    }
    size_t at = 0;
#define OUT(...)                                                     \
    do {                                                             \
        if (at < len)                                                \
            at += (size_t)snprintf(buf + at, len - at, __VA_ARGS__); \
    } while (0)
    if (e && !e->parent && e->slot < r->nroots) {
        const reach_root_t *rt = &r->roots[e->slot];
        if (rt->kind == ML_ROOT_GLOBAL)
            OUT("global %s", rt->name);
        else
            OUT("stack %s frame %s slot %zu", rt->stack, rt->name, rt->index);
    } else {
        OUT("...");
    }
    char d[96];
    for (size_t k = n; k-- > 0;) {
        OUT(" -> %s", ml_gc_describe(r->h, chain[k], d, sizeof d));
        if (k > 0)
            OUT(" slot %u", slots[k - 1]);
    }
#undef OUT
}

// ---- colors ----------------------------------------------------------------------

static bool is_grey_(ml_gc_heap_t *h, const void *o, ml_gc_grey_fn g, void *arg)
{
    return g && g(h, o, arg);
}
static bool is_white_(ml_gc_heap_t *h, const void *o, ml_gc_grey_fn g, void *arg)
{
    return !ml_gc_is_marked(h, o) && !is_grey_(h, o, g, arg);
}

// The white objects reachable from grey objects through white objects.
static ml_reach_t *grey_reach(ml_gc_heap_t *h, ml_gc_grey_fn g, void *arg)
{
    ml_reach_t *r = calloc(1, sizeof *r);
    if (!r || !reach_grow(r))
        goto oom;
    r->h = h;
    ml_gc_iter_t it;
    ml_gc_iter_init(h, &it);
    for (void *o; (o = ml_gc_iter_next(&it));)
        if (is_grey_(h, o, g, arg))
            work_push(r, o);
    while (r->wlen > 0 && !r->oom) {
        void *obj = r->work[--r->wlen];
        ml_gc_slots_t si;
        ml_gc_slots_begin(h, obj, &si);
        for (void **slot; (slot = ml_gc_slots_next(&si));) {
            void *c = *slot ? ml_gc_object_of(h, *slot) : NULL;
            if (c && is_white_(h, c, g, arg) && reach_insert(r, c, obj, 0))
                work_push(r, c);
        }
    }
    if (r->oom)
        goto oom;
    return r;
oom:
    ml_reach_free(r);
    return NULL;
}

int ml_verify_tricolor(ml_gc_heap_t *h, ml_invariant_t which, ml_gc_grey_fn is_grey, void *arg,
                       char *err, size_t errlen)
{
    ml_reach_t *greyr = NULL;
    ml_gc_iter_t it;
    ml_gc_iter_init(h, &it);
    int rc = 0;
    for (void *o; rc == 0 && (o = ml_gc_iter_next(&it));) {
        if (!ml_gc_is_marked(h, o) || is_grey_(h, o, is_grey, arg))
            continue; // not black
        ml_gc_slots_t si;
        ml_gc_slots_begin(h, o, &si);
        size_t i = 0;
        for (void **slot; (slot = ml_gc_slots_next(&si)); i++) {
            void *c = *slot ? ml_gc_object_of(h, *slot) : NULL;
            if (!c || !is_white_(h, c, is_grey, arg))
                continue;
            if (which == ML_INV_WEAK) {
                if (!greyr && !(greyr = grey_reach(h, is_grey, arg))) {
                    if (err)
                        snprintf(err, errlen, "out of memory while checking the weak invariant");
                    rc = -1;
                    break;
                }
                if (ml_reach_contains(greyr, c))
                    continue;
            }
            if (err) {
                char a[96], b[96];
                snprintf(err, errlen, "black %s slot %zu -> white %s%s%s%s",
                         ml_gc_describe(h, o, a, sizeof a), i, ml_gc_describe(h, c, b, sizeof b),
                         which == ML_INV_WEAK ? ", and no grey object reaches " : "",
                         which == ML_INV_WEAK ? b : "",
                         which == ML_INV_WEAK ? " through white objects" : "");
            }
            rc = -1;
            break;
        }
    }
    ml_reach_free(greyr);
    return rc;
}

// ---- lost and dangling objects ------------------------------------------------------

size_t ml_verify_lost(ml_gc_heap_t *h, const ml_reach_t *reach, ml_gc_grey_fn is_grey, void *arg,
                      char *err, size_t errlen)
{
    ml_reach_t *own = NULL;
    if (!reach && !(reach = own = ml_verify_reachable(h)))
        return (size_t)-1;
    size_t lost = 0;
    const void *first = NULL;
    uint32_t first_id = UINT32_MAX;
    for (size_t i = 0; i < reach->cap; i++) {
        const void *o = (const void *)reach->tab[i].key;
        if (!o || ml_gc_object_of(h, o) != o)
            continue; // freed since the walk
        if (!is_white_(h, o, is_grey, arg))
            continue;
        lost++;
        uint32_t id = ml_gc_object_id(h, o);
        if (id < first_id) {
            first_id = id;
            first = o;
        }
    }
    if (first && err) {
        char d[96], path[512];
        reach_path(reach, first, path, sizeof path);
        snprintf(err, errlen, "%s is reachable (%s) but white: the sweep would free it",
                 ml_gc_describe(h, first, d, sizeof d), path);
    }
    ml_reach_free(own);
    return lost;
}

int ml_verify_no_dangling(ml_gc_heap_t *h, char *err, size_t errlen)
{
    ml_reach_t *r = reach_walk(h, true);
    if (!r) {
        if (err)
            snprintf(err, errlen, "out of memory while walking the heap");
        return -1;
    }
    int rc = 0;
    if (r->dang_ptr) {
        rc = -1;
        if (err) {
            char d[96], path[512];
            if (r->dang_from) {
                reach_path(r, r->dang_from, path, sizeof path);
                snprintf(err, errlen,
                         "%s slot %u -> %p, which is not an allocated object "
                         "(freed while reachable; path: %s)",
                         ml_gc_describe(h, r->dang_from, d, sizeof d), r->dang_slot, r->dang_ptr,
                         path);
            } else {
                const reach_root_t *rt = &r->roots[r->dang_slot];
                if (rt->kind == ML_ROOT_GLOBAL)
                    snprintf(err, errlen, "global %s -> %p, which is not an allocated object",
                             rt->name, r->dang_ptr);
                else
                    snprintf(err, errlen,
                             "stack %s frame %s slot %zu -> %p, which is not an "
                             "allocated object",
                             rt->stack, rt->name, rt->index, r->dang_ptr);
            }
        }
    }
    ml_reach_free(r);
    return rc;
}

// ---- poisoning ---------------------------------------------------------------------

void ml_verify_poison(void *p, size_t n)
{
    memset(p, ML_POISON_BYTE, n);
}

bool ml_verify_is_poisoned(const void *p, size_t n, size_t *first_bad)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i] != ML_POISON_BYTE) {
            if (first_bad)
                *first_bad = i;
            return false;
        }
    return true;
}

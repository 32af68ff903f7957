// test_gcheap.c — unit tests of the typed GC heap (common/src/gcheap.c,
// gcroots.c, gccollect.c): allocation and zeroing, pointer slots from the
// type bitmap (inline, extended, arrays), interior pointers, large objects,
// roots (globals and shadow-stack frames), the default collector against the
// reachability oracle on seeded random graphs, a million-object list, the
// write barrier hook (and store counting on or off), objects allocated
// while marking, the incremental driver, automatic triggering and stress
// mode, and a lab-style sweep.
#include <criterion/criterion.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/gcheap.h"
#include "memlab/rng.h"
#include "memlab/stats.h"
#include "memlab/verify.h"

typedef struct node {
    struct node *left, *right;
    long key, val;
} node_t;
static const ml_type_t NODE = ML_TYPE("Node", 32, 0x3);
// Three pointer slots in words 1, 3 and 4 of six.
static const ml_type_t ODD = ML_TYPE("Odd", 48, 0x1a);
static const ml_type_t LEAF = ML_TYPE("Leaf", 16, 0x0);

static ml_gc_heap_t *manual_heap(void)
{
    ml_gc_config_t c = ml_gc_default_config();
    c.gc_percent = -1;
    c.arena_bytes = (size_t)64 << 20;
    ml_gc_heap_t *h = ml_gc_new(&c);
    cr_assert_not_null(h, "ml_gc_new failed");
    return h;
}

static void assert_heap_ok(ml_gc_heap_t *h)
{
    char err[256];
    cr_assert_eq(ml_verify_heap(h, err, sizeof err), 0, "heap check failed: %s", err);
}

// ---- allocation and object model ------------------------------------------------

Test(gcheap, alloc_returns_a_zeroed_object_that_knows_its_type, .timeout = 5)
{
    ml_gc_heap_t *h = manual_heap();
    node_t *n = ml_gc_alloc(h, &NODE);
    cr_assert_not_null(n);
    cr_assert(n->left == NULL && n->right == NULL && n->key == 0 && n->val == 0,
              "new object is not zeroed");
    cr_assert_eq(ml_gc_type_of(h, n), &NODE, "type_of does not return the allocation type");
    cr_assert_eq(ml_gc_object_size(h, n), 32);
    cr_assert_geq(ml_gc_object_elemsize(h, n), 32);
    cr_assert_eq(ml_gc_count_of(h, n), 1);
    cr_assert_eq(ml_gc_object_id(h, n), 1, "the first object should be obj#1");
    node_t *m = ml_gc_alloc(h, &NODE);
    cr_assert_eq(ml_gc_object_id(h, m), 2, "ids are allocation sequence numbers");
    cr_assert_eq(ml_gc_num_objects(h), 2);
    char d[64];
    cr_assert_str_eq(ml_gc_describe(h, m, d, sizeof d), "obj#2 (Node)");
    cr_assert_str_eq(ml_gc_describe(h, (char *)m + 8, d, sizeof d), "obj#2 (Node)+8");
    assert_heap_ok(h);
    ml_gc_destroy(h);
}

Test(gcheap, reused_memory_is_zeroed_again, .timeout = 5)
{
    ml_gc_heap_t *h = manual_heap();
    node_t *a = ml_gc_alloc(h, &NODE);
    a->key = 42;
    a->left = a;
    ml_gc_collect(h); // a is garbage
    cr_assert_eq(ml_gc_num_objects(h), 0);
    for (int i = 0; i < 300; i++) {
        node_t *n = ml_gc_alloc(h, &NODE);
        cr_assert(n->key == 0 && n->left == NULL,
                  "object %d reuses freed memory without zeroing it", i);
    }
    ml_gc_destroy(h);
}

Test(gcheap, slots_follow_the_pointer_bitmap, .timeout = 5)
{
    ml_gc_heap_t *h = manual_heap();
    void **o = ml_gc_alloc(h, &ODD);
    cr_assert_eq(ml_gc_num_slots(h, o), 3, "Odd has pointer words 1, 3 and 4");
    cr_assert_eq(ml_gc_slot_addr(h, o, 0), &o[1]);
    cr_assert_eq(ml_gc_slot_addr(h, o, 1), &o[3]);
    cr_assert_eq(ml_gc_slot_addr(h, o, 2), &o[4]);
    void *t = ml_gc_alloc(h, &LEAF);
    o = ml_gc_object_of(h, o);
    ml_gc_write(h, o, 2, t);
    cr_assert_eq(o[4], t, "ml_gc_write(slot 2) must store into word 4");
    cr_assert_eq(ml_gc_slot(h, o, 2), t);
    cr_assert_eq(ml_gc_num_slots(h, t), 0);
    ml_gc_slots_t it;
    ml_gc_slots_begin(h, o, &it);
    cr_assert_eq(ml_gc_slots_next(&it), &o[1]);
    cr_assert_eq(ml_gc_slots_next(&it), &o[3]);
    cr_assert_eq(ml_gc_slots_next(&it), &o[4]);
    cr_assert_null(ml_gc_slots_next(&it), "the cursor must stop after the last slot");
    ml_gc_destroy(h);
}

Test(gcheap, slot_index_past_the_last_slot_aborts, .timeout = 5, .signal = SIGABRT)
{
    ml_gc_heap_t *h = manual_heap();
    void *o = ml_gc_alloc(h, &NODE);
    ml_gc_slot_addr(h, o, 2);
}

Test(gcheap, big_types_use_an_extended_mask_and_arrays_repeat_the_type, .timeout = 5)
{
    // 100 words: pointers in words 0, 63, 64 and 99.
    static const uint64_t mask[2] = { 1ull | (1ull << 63), 1ull | (1ull << 35) };
    const ml_type_t big = { .name = "Big", .size = 800, .ptrmask_ext = mask };
    char err[128];
    cr_assert_eq(ml_type_check(&big, err, sizeof err), 0, "%s", err);
    cr_assert_eq(ml_type_num_slots(&big), 4);
    ml_gc_heap_t *h = manual_heap();
    void **b = ml_gc_alloc(h, &big);
    size_t want[] = { 0, 63, 64, 99 };
    ml_gc_slots_t it;
    ml_gc_slots_begin(h, b, &it);
    for (size_t i = 0; i < 4; i++) {
        cr_assert_eq(ml_gc_slot_addr(h, b, i), &b[want[i]], "slot %zu should be word %zu", i,
                     want[i]);
        cr_assert_eq(ml_gc_slots_next(&it), &b[want[i]], "cursor: slot %zu should be word %zu", i,
                     want[i]);
    }
    cr_assert_null(ml_gc_slots_next(&it));

    void **arr = ml_gc_alloc_array(h, &ODD, 10); // 10 × 6 words, 30 slots
    cr_assert_eq(ml_gc_count_of(h, arr), 10);
    cr_assert_eq(ml_gc_num_slots(h, arr), 30);
    cr_assert_eq(ml_gc_slot_addr(h, arr, 3), &arr[6 + 1], "slot 3 is element 1's first slot");
    cr_assert_eq(ml_gc_slot_addr(h, arr, 29), &arr[9 * 6 + 4]);
    size_t n = 0;
    ml_gc_slots_begin(h, arr, &it);
    for (void **s; (s = ml_gc_slots_next(&it)); n++)
        cr_assert_eq(s, ml_gc_slot_addr(h, arr, n), "cursor and slot_addr disagree at slot %zu", n);
    cr_assert_eq(n, 30);
    assert_heap_ok(h);
    ml_gc_destroy(h);
}

Test(gcheap, malformed_types_are_rejected, .timeout = 5)
{
    char err[128];
    ml_type_t odd_size = ML_TYPE("Bad", 12, 0);
    ml_type_t stray_bit = ML_TYPE("Bad", 16, 0x4);
    ml_type_t too_big = ML_TYPE("Bad", 65 * 8, 0);
    cr_assert_eq(ml_type_check(&odd_size, err, sizeof err), -1, "size 12 accepted");
    cr_assert_eq(ml_type_check(&stray_bit, err, sizeof err), -1,
                 "mask bit past the words accepted");
    cr_assert(strstr(err, "Bad") != NULL, "message should name the type: %s", err);
    cr_assert_eq(ml_type_check(&too_big, err, sizeof err), -1,
                 "65 words without ptrmask_ext accepted");
}

Test(gcheap, object_of_accepts_interior_pointers_and_rejects_the_rest, .timeout = 5)
{
    ml_gc_heap_t *h = manual_heap();
    char *n = ml_gc_alloc(h, &NODE);
    int local;
    cr_assert_eq(ml_gc_object_of(h, n), n);
    cr_assert_eq(ml_gc_object_of(h, n + 31), n, "last byte is inside the object");
    cr_assert_null(ml_gc_object_of(h, NULL));
    cr_assert_null(ml_gc_object_of(h, &local), "a stack address is not a heap object");
    cr_assert_null(ml_gc_object_of(h, n + ml_gc_object_elemsize(h, n)), "the next slot is free");
    ml_gc_free(h, n);
    cr_assert_null(ml_gc_object_of(h, n), "a freed object is not an object");
    ml_gc_destroy(h);
}

// find_object gives what object_of gives, plus a handle that marks the same
// bit ml_gc_try_mark would, once.
Test(gcheap, find_object_and_ref_try_mark_agree_with_object_of_and_try_mark, .timeout = 5)
{
    ml_gc_heap_t *h = manual_heap();
    char *a = ml_gc_alloc(h, &NODE), *b = ml_gc_alloc(h, &ODD);
    ml_gc_objref_t r;
    int local;
    cr_assert(!ml_gc_find_object(h, NULL, &r) && !ml_gc_find_object(h, &local, &r));
    cr_assert(ml_gc_find_object(h, b + 47, &r) && r.obj == b,
              "an interior pointer finds its object");
    cr_assert(ml_gc_find_object(h, a + 8, &r) && r.obj == a);
    cr_assert(ml_gc_ref_try_mark(&r), "a white object is marked once");
    cr_assert(ml_gc_is_marked(h, a) && !ml_gc_is_marked(h, b), "the bit set is a's own");
    cr_assert(!ml_gc_ref_try_mark(&r), "a marked object is not marked again");
    cr_assert(!ml_gc_try_mark(h, a), "ml_gc_try_mark sees the same bit");
    ml_gc_free(h, b);
    cr_assert(!ml_gc_find_object(h, b, &r), "a freed object is not found");
    ml_gc_destroy(h);
}

// A ref tells the object's type and array count without a lookup, the same
// as the lookups do; freeing through ml_gc_free keeps the span's counts
// right, and the freed object is the next one handed out.
Test(gcheap, refs_tell_type_and_count_and_free_keeps_the_span_consistent, .timeout = 5)
{
    ml_gc_heap_t *h = manual_heap();
    char *a = ml_gc_alloc(h, &NODE);
    char *arr = ml_gc_alloc_array(h, &ODD, 5);
    char *c = ml_gc_alloc(h, &NODE);
    ml_gc_objref_t r;
    cr_assert(ml_gc_find_object(h, arr + 3 * 48 + 8, &r) && r.obj == arr);
    ml_gc_ref_prefetch(&r); // a hint: changes nothing
    cr_assert_eq(ml_gc_ref_type(&r), &ODD, "the ref names the array's element type");
    cr_assert_eq(ml_gc_ref_count(&r), 5, "and its length");
    cr_assert_eq(ml_gc_ref_type(&r), ml_gc_type_of(h, arr));
    cr_assert(ml_gc_find_object(h, c, &r) && ml_gc_ref_type(&r) == &NODE &&
              ml_gc_ref_count(&r) == 1);
    ml_gc_free(h, a);
    assert_heap_ok(h); // alloc bits, counts and free index agree
    cr_assert_eq(ml_gc_num_objects(h), 2);
    cr_assert_eq(ml_gc_alloc(h, &NODE), a, "the freed object is found again first");
    assert_heap_ok(h);
    ml_gc_destroy(h);
}

Test(gcheap, large_objects_get_their_own_span_and_are_collected, .timeout = 10)
{
    ml_gc_heap_t *h = manual_heap();
    ml_gc_frame_t *f = ml_gc_push_frame(h, "main", 1);
    void **big = ml_gc_alloc_array(h, &NODE, 5000); // 160000 bytes
    cr_assert_not_null(big);
    ml_gc_frame_set(f, 0, big);
    cr_assert_eq(ml_gc_object_elemsize(h, big), 20 * 8192, "a large object takes whole pages");
    cr_assert_eq(ml_gc_object_of(h, (char *)big + 159999), big);
    node_t *leaf = ml_gc_alloc(h, &NODE);
    ml_gc_write(h, big, 9999, leaf); // the last slot of the last element
    ml_gc_collect(h);
    cr_assert_eq(ml_gc_num_objects(h), 2, "big and the node it points to survive");
    ml_memstats_t m;
    ml_gc_read_memstats(h, &m);
    uint64_t inuse = m.heap_inuse;
    ml_gc_frame_set(f, 0, NULL);
    ml_gc_collect(h);
    cr_assert_eq(ml_gc_num_objects(h), 0);
    ml_gc_read_memstats(h, &m);
    cr_assert_lt(m.heap_inuse, inuse, "the large span went back to the page heap");
    assert_heap_ok(h);
    ml_gc_destroy(h);
}

// ---- roots ------------------------------------------------------------------------

Test(gcheap, globals_and_frames_are_roots, .timeout = 5)
{
    ml_gc_heap_t *h = manual_heap();
    int g = ml_gc_global_add(h, "root");
    cr_assert_geq(g, 0);
    cr_assert_str_eq(ml_gc_global_name(h, g), "root");
    ml_gc_frame_t *f = ml_gc_push_frame(h, "fn", 2);
    cr_assert_eq(ml_gc_frame_nslots(f), 2);
    cr_assert_null(ml_gc_frame_get(f, 1), "new frame slots are NULL");
    node_t *a = ml_gc_alloc(h, &NODE), *b = ml_gc_alloc(h, &NODE), *c = ml_gc_alloc(h, &NODE);
    ml_gc_alloc(h, &NODE); // garbage
    ml_gc_write_global(h, g, a);
    ml_gc_frame_set(f, 1, b);
    ml_gc_write(h, b, 0, c);
    ml_gc_stack_t *other = ml_gc_stack_new(h, "g2");
    ml_gc_switch_stack(h, other);
    ml_gc_frame_t *f2 = ml_gc_push_frame(h, "worker", 1);
    node_t *d = ml_gc_alloc(h, &NODE);
    ml_gc_frame_set(f2, 0, d);
    cr_assert_eq(ml_gc_frame_stack(f2), other);
    cr_assert_eq(ml_gc_stack_depth(other), 1);
    ml_gc_collect(h);
    cr_assert_eq(ml_gc_num_objects(h), 4, "a (global), b, c (frame) and d (second stack) survive");
    size_t n = 0;
    ml_gc_iter_t it;
    ml_gc_iter_init(h, &it);
    for (void *o; (o = ml_gc_iter_next(&it)); n++)
        cr_assert(o == a || o == b || o == c || o == d, "unexpected survivor %p", o);
    ml_gc_pop_frame(h, f2);
    ml_gc_switch_stack(h, ml_gc_stack_at(h, 0));
    ml_gc_pop_frame(h, f);
    ml_gc_collect(h);
    cr_assert_eq(ml_gc_num_objects(h), 1, "only the global's object is left");
    cr_assert_eq(ml_gc_global_get(h, g), a);
    ml_gc_destroy(h);
}

typedef struct {
    size_t globals, stack;
} root_count_t;
static void count_root(ml_gc_heap_t *h, void **slot, const ml_gc_root_t *r, void *arg)
{
    (void)h;
    (void)slot;
    root_count_t *c = arg;
    if (r->kind == ML_ROOT_GLOBAL)
        c->globals++;
    else
        c->stack++;
}

Test(gcheap, foreach_root_visits_every_global_and_frame_slot, .timeout = 5)
{
    ml_gc_heap_t *h = manual_heap();
    ml_gc_global_add(h, "a");
    ml_gc_global_add(h, "b");
    ml_gc_push_frame(h, "f1", 3);
    ml_gc_push_frame(h, "f2", 2);
    root_count_t c = { 0 };
    ml_gc_foreach_root(h, count_root, &c);
    cr_assert_eq(c.globals, 2);
    cr_assert_eq(c.stack, 5, "3 + 2 frame slots, NULL ones included");
    ml_gc_destroy(h);
}

Test(gcheap, popping_a_frame_that_is_not_on_top_aborts, .timeout = 5, .signal = SIGABRT)
{
    ml_gc_heap_t *h = manual_heap();
    ml_gc_frame_t *a = ml_gc_push_frame(h, "a", 1);
    ml_gc_push_frame(h, "b", 1);
    ml_gc_pop_frame(h, a);
}

// ---- the default collector against the oracle --------------------------------------

static const ml_type_t TRI = ML_TYPE("Tri", 32, 0x7); // three pointers and a key

// A seeded random graph of n objects with cycles and self-loops; a few of
// them rooted in globals and in a frame. Returns the frame.
static ml_gc_frame_t *random_graph(ml_gc_heap_t *h, uint64_t seed, size_t n)
{
    ml_rng_t r;
    ml_rng_seed(&r, seed);
    ml_gc_frame_t *all = ml_gc_push_frame(h, "build", n);
    for (size_t i = 0; i < n; i++) {
        void *o = (r.s[0] & 1) ? ml_gc_alloc(h, &TRI)
                               : ml_gc_alloc_array(h, &TRI, 1 + ml_rng_below(&r, 3));
        cr_assert_not_null(o);
        ml_gc_frame_set(all, i, o);
    }
    for (size_t i = 0; i < n; i++) {
        void *o = ml_gc_frame_get(all, i);
        for (size_t s = 0; s < ml_gc_num_slots(h, o); s++)
            if (ml_rng_below(&r, 100) < 40) // sparse: most objects end up garbage
                ml_gc_write(h, o, s, ml_gc_frame_get(all, ml_rng_below(&r, n)));
    }
    void *keep[6];
    for (int k = 0; k < 6; k++)
        keep[k] = ml_gc_frame_get(all, ml_rng_below(&r, n));
    ml_gc_pop_frame(h, all);
    for (int k = 0; k < 3; k++)
        ml_gc_write_global(h, ml_gc_global_add(h, "g"), keep[k]);
    ml_gc_frame_t *f = ml_gc_push_frame(h, "main", 3);
    for (int k = 0; k < 3; k++)
        ml_gc_frame_set(f, (size_t)k, keep[3 + k]);
    return f;
}

Test(gcheap, default_collector_frees_exactly_the_unreachable_objects, .timeout = 20)
{
    for (uint64_t seed = 1; seed <= 12; seed++) {
        ml_gc_heap_t *h = manual_heap();
        random_graph(h, seed, 2000);
        ml_reach_t *r = ml_verify_reachable(h);
        cr_assert_not_null(r);
        size_t before = ml_gc_num_objects(h);
        ml_gc_collect(h);
        cr_assert_eq(ml_gc_num_objects(h), ml_reach_count(r),
                     "seed %llu: %zu objects survive, the oracle finds %zu reachable (of %zu)",
                     (unsigned long long)seed, ml_gc_num_objects(h), ml_reach_count(r), before);
        cr_assert_lt(ml_reach_count(r), before, "seed %llu: the graph should have garbage",
                     (unsigned long long)seed);
        ml_gc_iter_t it;
        ml_gc_iter_init(h, &it);
        for (void *o; (o = ml_gc_iter_next(&it));)
            cr_assert(ml_reach_contains(r, o), "seed %llu: unreachable object survived",
                      (unsigned long long)seed);
        char err[512];
        cr_assert_eq(ml_verify_no_dangling(h, err, sizeof err), 0, "seed %llu: %s",
                     (unsigned long long)seed, err);
        cr_assert_eq(ml_verify_freed_intact(h, err, sizeof err), 0, "%s", err);
        assert_heap_ok(h);
        ml_reach_free(r);
        // A second cycle on the same heap changes nothing.
        size_t live = ml_gc_num_objects(h);
        ml_gc_collect(h);
        cr_assert_eq(ml_gc_num_objects(h), live, "seed %llu: a second cycle freed live objects",
                     (unsigned long long)seed);
        ml_gc_destroy(h);
    }
}

Test(gcheap, a_list_of_a_million_objects_is_marked_without_recursion, .timeout = 60)
{
    ml_gc_heap_t *h = manual_heap();
    ml_gc_frame_t *f = ml_gc_push_frame(h, "main", 1);
    node_t *head = NULL;
    for (long i = 0; i < 1000000; i++) {
        node_t *n = ml_gc_alloc(h, &NODE);
        cr_assert_not_null(n, "allocation %ld failed", i);
        n->key = i;
        ml_gc_write(h, n, 0, head);
        head = n;
        ml_gc_frame_set(f, 0, head);
    }
    ml_gc_collect(h);
    cr_assert_eq(ml_gc_num_objects(h), 1000000, "the whole list is reachable");
    long expect = 999999;
    for (node_t *n = ml_gc_frame_get(f, 0); n; n = n->left, expect--)
        if (n->key != expect)
            cr_assert_fail("list corrupted at key %ld (found %ld)", expect, n->key);
    cr_assert_eq(expect, -1);
    ml_gc_frame_set(f, 0, NULL);
    ml_gc_collect(h);
    cr_assert_eq(ml_gc_num_objects(h), 0, "the unrooted list is freed");
    ml_gc_destroy(h);
}

// ---- the collector table, the barrier, the driver -----------------------------------

typedef struct {
    size_t begin, steps, terminate, barrier, allocs;
    void **last_slot;
    void *last_old, *last_new;
    ml_gc_phase_t phase_in_barrier;
} spy_t;

static void spy_begin(ml_gc_heap_t *h, void *ctx)
{
    ((spy_t *)ctx)->begin++;
    ml_gc_default_collector()->mark_begin(h, NULL);
}
static bool spy_step(ml_gc_heap_t *h, void *ctx, size_t budget)
{
    ((spy_t *)ctx)->steps++;
    return ml_gc_default_collector()->mark_step(h, NULL, budget);
}
static size_t spy_terminate(ml_gc_heap_t *h, void *ctx)
{
    (void)h;
    ((spy_t *)ctx)->terminate++;
    return 7;
}
static void spy_barrier(ml_gc_heap_t *h, void *ctx, void **slot, void *old, void *val)
{
    spy_t *s = ctx;
    s->barrier++;
    s->last_slot = slot;
    s->last_old = old;
    s->last_new = val;
    s->phase_in_barrier = ml_gc_phase(h);
}
static void spy_alloc(ml_gc_heap_t *h, void *ctx, void *obj)
{
    (void)h;
    (void)obj;
    ((spy_t *)ctx)->allocs++; // leaves it white
}

static ml_gc_collector_t spy_collector(spy_t *s)
{
    return (ml_gc_collector_t){ .name = "spy",
                                .ctx = s,
                                .mark_begin = spy_begin,
                                .mark_step = spy_step,
                                .mark_terminate = spy_terminate,
                                .write_barrier = spy_barrier,
                                .on_alloc = spy_alloc };
}

Test(gcheap, barrier_runs_only_while_marking_and_never_for_stack_writes, .timeout = 5)
{
    ml_gc_heap_t *h = manual_heap();
    ml_gc_set_count_stores(h, true); // off by default; this test reads the counts
    spy_t spy = { 0 };
    ml_gc_collector_t c = spy_collector(&spy);
    cr_assert_eq(ml_gc_set_collector(h, &c), 0);
    int g = ml_gc_global_add(h, "g");
    ml_gc_frame_t *f = ml_gc_push_frame(h, "main", 2);
    node_t *a = ml_gc_alloc(h, &NODE), *b = ml_gc_alloc(h, &NODE);
    ml_gc_frame_set(f, 0, a);
    ml_gc_frame_set(f, 1, b);
    ml_gc_write(h, a, 0, b);
    ml_gc_write_global(h, g, a);
    cr_assert_eq(spy.barrier, 0, "barrier ran with the collector off");

    cr_assert_eq(ml_gc_cycle_begin(h), 0);
    cr_assert_eq(ml_gc_phase(h), ML_GC_MARK);
    ml_gc_write(h, a, 1, a);
    cr_assert_eq(spy.barrier, 1, "heap store while marking must run the barrier");
    cr_assert_eq(spy.last_slot, (void **)&a->right);
    cr_assert_null(spy.last_old);
    cr_assert_eq(spy.last_new, a);
    cr_assert_eq(spy.phase_in_barrier, ML_GC_MARK);
    ml_gc_write_global(h, g, b);
    cr_assert_eq(spy.barrier, 2, "global store while marking must run the barrier");
    cr_assert_eq(spy.last_old, a);
    cr_assert_eq(spy.last_slot, ml_gc_global_slot(h, g));
    ml_gc_frame_set(f, 0, b);
    ml_gc_frame_set(f, 1, NULL);
    cr_assert_eq(spy.barrier, 2, "stack writes must never run the barrier");
    cr_assert_eq(ml_gc_cycle_begin(h), -1, "a second cycle cannot start");
    cr_assert_eq(ml_gc_set_collector(h, NULL), -1, "the collector cannot change mid-cycle");
    ml_gc_cycle_finish(h);
    cr_assert_eq(ml_gc_phase(h), ML_GC_OFF);
    ml_gc_write(h, b, 0, NULL);
    cr_assert_eq(spy.barrier, 2, "barrier ran after the cycle");
    ml_memstats_t m;
    ml_gc_read_memstats(h, &m);
    cr_assert_eq(m.barrier_calls, 2);
    cr_assert_eq(m.stores, 5, "five heap/global stores in all");
    cr_assert_eq(m.stores_marking, 2);
    cr_assert_eq(m.last_terminate_work, 7, "mark_terminate's work is reported");
    cr_assert_eq(spy.begin, 1);
    cr_assert_eq(spy.terminate, 1);
    ml_gc_destroy(h);
}

Test(gcheap, store_counting_can_be_turned_off_without_losing_the_barrier, .timeout = 5)
{
    ml_gc_config_t cfg = ml_gc_default_config();
    cr_assert(!cfg.count_stores, "stores are not counted by default (the fast path is one test)");
    cfg.gc_percent = -1;
    cfg.arena_bytes = (size_t)64 << 20;
    cfg.count_stores = false;
    ml_gc_heap_t *h = ml_gc_new(&cfg);
    cr_assert_not_null(h);
    spy_t spy = { 0 };
    ml_gc_collector_t c = spy_collector(&spy);
    cr_assert_eq(ml_gc_set_collector(h, &c), 0);
    int g = ml_gc_global_add(h, "g");
    node_t *a = ml_gc_alloc(h, &NODE), *b = ml_gc_alloc(h, &NODE);
    ml_gc_write_global(h, g, a);
    ml_gc_write(h, a, 0, b);
    cr_assert_eq(a->left, b, "the store itself must happen with counting off");
    ml_gc_cycle_begin(h);
    ml_gc_write(h, a, 1, a); // barrier, not counted
    cr_assert_eq(spy.barrier, 1, "the barrier must run while marking even with counting off");
    ml_gc_set_count_stores(h, true); // mid-cycle: counted from now on
    cr_assert(ml_gc_config(h)->count_stores);
    ml_gc_write(h, a, 1, NULL);
    cr_assert_eq(spy.barrier, 2, "turning counting on must keep the barrier on");
    cr_assert_eq(spy.last_old, a);
    ml_gc_cycle_finish(h);
    ml_gc_write(h, b, 0, a); // counted, no barrier
    cr_assert_eq(spy.barrier, 2, "barrier ran after the cycle");
    ml_memstats_t m;
    ml_gc_read_memstats(h, &m);
    cr_assert_eq(m.stores, 2, "two stores made while counting was on (got %llu)",
                 (unsigned long long)m.stores);
    cr_assert_eq(m.stores_marking, 1);
    cr_assert_eq(m.barrier_calls, 2, "barrier calls are counted either way");
    ml_gc_set_count_stores(h, false);
    ml_gc_write(h, b, 1, b);
    cr_assert_eq(b->right, b);
    ml_gc_read_memstats(h, &m);
    cr_assert_eq(m.stores, 2, "the count stays when counting goes off");
    ml_gc_destroy(h);
}

Test(gcheap, objects_allocated_while_marking_are_black_by_default_or_as_on_alloc_says, .timeout = 5)
{
    ml_gc_heap_t *h = manual_heap();
    ml_gc_cycle_begin(h);
    void *a = ml_gc_alloc(h, &NODE);
    cr_assert(ml_gc_is_marked(h, a), "default collector: new objects are black");
    ml_gc_cycle_finish(h);
    cr_assert_eq(ml_gc_num_objects(h), 1,
                 "an object allocated black survives its cycle (floating garbage)");
    cr_assert_not(ml_gc_is_marked(h, a), "the sweep clears marks");
    void *b = ml_gc_alloc(h, &NODE);
    cr_assert_not(ml_gc_is_marked(h, b), "outside marking new objects are white");

    spy_t spy = { 0 };
    ml_gc_collector_t c = spy_collector(&spy);
    ml_gc_set_collector(h, &c);
    ml_gc_cycle_begin(h);
    void *w = ml_gc_alloc(h, &NODE);
    cr_assert_eq(spy.allocs, 1, "on_alloc is called for objects allocated while marking");
    cr_assert_not(ml_gc_is_marked(h, w), "this on_alloc leaves them white");
    ml_gc_cycle_finish(h);
    cr_assert_eq(ml_gc_num_objects(h), 0);
    ml_gc_destroy(h);
}

Test(gcheap, incremental_cycle_steps_within_budget_and_clears_scanned_flags, .timeout = 10)
{
    ml_gc_heap_t *h = manual_heap();
    spy_t spy = { 0 };
    ml_gc_collector_t c = spy_collector(&spy);
    ml_gc_set_collector(h, &c);
    ml_gc_frame_t *f = ml_gc_push_frame(h, "main", 1);
    for (int i = 0; i < 100; i++) {
        node_t *n = ml_gc_alloc(h, &NODE);
        ml_gc_write(h, n, 0, ml_gc_frame_get(f, 0));
        ml_gc_frame_set(f, 0, n);
    }
    ml_gc_stack_set_scanned(ml_gc_current_stack(h), true);
    ml_gc_frame_set_scanned(f, true);
    cr_assert_eq(ml_gc_cycle_step(h, 10), false, "no step outside a cycle");
    ml_gc_cycle_begin(h);
    cr_assert_not(ml_gc_stack_scanned(ml_gc_current_stack(h)),
                  "cycle_begin clears stack scanned flags");
    cr_assert_not(ml_gc_frame_scanned(f), "cycle_begin clears frame scanned flags");
    size_t steps = 0;
    while (!ml_gc_cycle_step(h, 10))
        steps++;
    cr_assert_geq(steps, 9, "100 objects in steps of 10 take about 10 steps, not %zu", steps);
    cr_assert(ml_gc_cycle_step(h, 10), "done stays done");
    ml_gc_cycle_finish(h);
    cr_assert_eq(ml_gc_num_objects(h), 100);
    ml_memstats_t m;
    ml_gc_read_memstats(h, &m);
    cr_assert_eq(m.num_gc, 1);
    cr_assert_geq(m.last_mark_steps, 10);
    ml_gc_destroy(h);
}

// A lab-style sweep through the public API: free white objects, clear marks.
static void lab_sweep(ml_gc_heap_t *h, void *ctx)
{
    size_t *freed = ctx;
    ml_gc_iter_t it;
    ml_gc_iter_init(h, &it);
    for (void *o; (o = ml_gc_iter_next(&it));) {
        if (ml_gc_is_marked(h, o))
            ml_gc_clear_mark(h, o);
        else {
            ml_gc_free(h, o);
            (*freed)++;
        }
    }
}
static bool lab_step(ml_gc_heap_t *h, void *ctx, size_t budget)
{
    (void)ctx;
    return ml_gc_default_collector()->mark_step(h, NULL, budget);
}
static void lab_begin(ml_gc_heap_t *h, void *ctx)
{
    (void)ctx;
    ml_gc_default_collector()->mark_begin(h, NULL);
}

Test(gcheap, a_collector_may_sweep_with_free_and_clear_mark, .timeout = 10)
{
    ml_gc_heap_t *h = manual_heap();
    size_t freed = 0;
    ml_gc_collector_t c = { .name = "lab",
                            .ctx = &freed,
                            .mark_begin = lab_begin,
                            .mark_step = lab_step,
                            .sweep = lab_sweep };
    ml_gc_set_collector(h, &c);
    random_graph(h, 99, 3000);
    ml_reach_t *r = ml_verify_reachable(h);
    size_t before = ml_gc_num_objects(h);
    ml_gc_collect(h);
    cr_assert_eq(ml_gc_num_objects(h), ml_reach_count(r));
    cr_assert_eq(freed, before - ml_reach_count(r));
    ml_memstats_t m;
    ml_gc_read_memstats(h, &m);
    cr_assert_eq(m.frees, freed, "Frees counts the lab's frees");
    char err[256];
    cr_assert_eq(ml_verify_freed_intact(h, err, sizeof err), 0, "%s", err);
    assert_heap_ok(h);
    ml_reach_free(r);
    ml_gc_destroy(h);
}

// The white cursor visits exactly the allocated objects whose mark bit is
// clear, across spans of several size classes and words of bits, and lets
// the caller free each one it returns.
Test(gcheap, iter_next_white_visits_exactly_the_unmarked_objects, .timeout = 10)
{
    ml_gc_heap_t *h = manual_heap();
    enum { N = 3000 };
    void **objs = malloc(N * sizeof *objs);
    cr_assert_not_null(objs);
    ml_rng_t r;
    ml_rng_seed(&r, 11);
    size_t white = 0;
    for (size_t i = 0; i < N; i++) {
        objs[i] = ml_gc_alloc(h, i % 3 == 0 ? &NODE : i % 3 == 1 ? &ODD : &LEAF);
        cr_assert_not_null(objs[i]);
    }
    for (size_t i = 0; i < N; i++) {
        if (ml_rng_below(&r, 4) == 0)
            white++;
        else
            ml_gc_set_mark(h, objs[i]);
    }
    ml_gc_iter_t it;
    ml_gc_iter_init(h, &it);
    size_t seen = 0;
    for (void *o; (o = ml_gc_iter_next_white(&it));) {
        cr_assert(!ml_gc_is_marked(h, o), "the white cursor returned a marked object");
        ml_gc_free(h, o);
        seen++;
    }
    cr_assert_eq(seen, white, "the white cursor returned %zu objects, %zu are white", seen, white);
    cr_assert_eq(ml_gc_num_objects(h), N - white);
    ml_gc_iter_init(h, &it);
    cr_assert_null(ml_gc_iter_next_white(&it), "a white object is left after freeing them all");
    ml_gc_clear_all_marks(h);
    assert_heap_ok(h);
    free(objs);
    ml_gc_destroy(h);
}

Test(gcheap, freeing_something_that_is_not_an_object_aborts, .timeout = 5, .signal = SIGABRT)
{
    ml_gc_heap_t *h = manual_heap();
    char *n = ml_gc_alloc(h, &NODE);
    ml_gc_free(h, n + 8);
}

// ---- automatic collection --------------------------------------------------------

Test(gcheap, the_heap_goal_triggers_collections_and_bounds_the_heap, .timeout = 20)
{
    ml_gc_config_t c = ml_gc_default_config();
    c.arena_bytes = (size_t)64 << 20;
    c.min_heap = (size_t)1 << 20;
    ml_gc_heap_t *h = ml_gc_new(&c);
    ml_gc_frame_t *f = ml_gc_push_frame(h, "main", 1);
    for (int i = 0; i < 400000; i++) { // 12.8 MB of short-lived garbage
        node_t *n = ml_gc_alloc(h, &NODE);
        cr_assert_not_null(n);
        if (i % 1000 == 0)
            ml_gc_frame_set(f, 0, n);
    }
    ml_memstats_t m;
    ml_gc_read_memstats(h, &m);
    cr_assert_geq(m.num_gc, 5,
                  "12.8 MB of garbage with a 1 MiB goal should collect often, NumGC=%u", m.num_gc);
    cr_assert_leq(m.heap_alloc, 2u << 20, "HeapAlloc %llu grew past twice the goal",
                  (unsigned long long)m.heap_alloc);
    cr_assert_geq(m.next_gc, c.min_heap);
    assert_heap_ok(h);
    ml_gc_destroy(h);
}

Test(gcheap, stress_mode_collects_before_every_allocation, .timeout = 10)
{
    ml_gc_config_t c = ml_gc_default_config();
    c.arena_bytes = (size_t)16 << 20;
    c.stress = true;
    ml_gc_heap_t *h = ml_gc_new(&c);
    ml_gc_frame_t *f = ml_gc_push_frame(h, "main", 1);
    for (int i = 0; i < 50; i++) {
        node_t *n = ml_gc_alloc(h, &NODE);
        ml_gc_write(h, n, 0, ml_gc_frame_get(f, 0)); // keeps the list rooted
        ml_gc_frame_set(f, 0, n);
    }
    ml_memstats_t m;
    ml_gc_read_memstats(h, &m);
    cr_assert_eq(m.num_gc, 50, "50 allocations, 50 collections");
    cr_assert_eq(ml_gc_num_objects(h), 50, "the rooted list survives every collection");
    ml_gc_destroy(h);
}

Test(gcheap, log_mode_prints_mark_blacken_and_free_events, .timeout = 5)
{
    ml_gc_config_t c = ml_gc_default_config();
    c.gc_percent = -1;
    c.log = true;
    c.log_file = tmpfile();
    cr_assert_not_null(c.log_file);
    ml_gc_heap_t *h = ml_gc_new(&c);
    ml_gc_frame_t *f = ml_gc_push_frame(h, "main", 1);
    ml_gc_frame_set(f, 0, ml_gc_alloc(h, &NODE));
    ml_gc_alloc(h, &LEAF);
    ml_gc_collect(h);
    char buf[1024] = { 0 };
    rewind(c.log_file);
    size_t n = fread(buf, 1, sizeof buf - 1, c.log_file);
    buf[n] = '\0';
    cr_assert(strstr(buf, "gc: mark obj#1 (Node)"), "log lacks the mark event:\n%s", buf);
    cr_assert(strstr(buf, "gc: blacken obj#1 (Node)"), "log lacks the blacken event:\n%s", buf);
    cr_assert(strstr(buf, "gc: free obj#2 (Leaf)"), "log lacks the free event:\n%s", buf);
    ml_gc_destroy(h);
    fclose(c.log_file);
}

// test_verify.c — unit tests of the independent heap checks
// (common/src/verify.c): the reachability oracle ignores mark bits, the
// tri-color checker finds a planted black → white edge and accepts correct
// colorings (strong and weak), the lost-object and dangling-pointer checks
// catch planted cases, the heap check finds planted corruption, and
// poisoning catches writes after free.
#include <criterion/criterion.h>
#include <string.h>

#include "memlab/gcheap.h"
#include "memlab/verify.h"

static const ml_type_t NODE = ML_TYPE("Node", 32, 0x3);

static ml_gc_heap_t *manual_heap(void)
{
    ml_gc_config_t c = ml_gc_default_config();
    c.gc_percent = -1;
    c.arena_bytes = (size_t)32 << 20;
    ml_gc_heap_t *h = ml_gc_new(&c);
    cr_assert_not_null(h);
    return h;
}

// A small world: global g -> a -> b -> c, a -> d; e -> f unreachable.
typedef struct {
    ml_gc_heap_t *h;
    void *a, *b, *c, *d, *e, *f;
    int g;
} world_t;

static world_t make_world(void)
{
    world_t w = { .h = manual_heap() };
    w.g = ml_gc_global_add(w.h, "g");
    ml_gc_frame_t *fr = ml_gc_push_frame(w.h, "build", 6);
    void **v[] = { &w.a, &w.b, &w.c, &w.d, &w.e, &w.f };
    for (size_t i = 0; i < 6; i++) {
        *v[i] = ml_gc_alloc(w.h, &NODE);
        ml_gc_frame_set(fr, i, *v[i]);
    }
    ml_gc_write(w.h, w.a, 0, w.b);
    ml_gc_write(w.h, w.b, 0, w.c);
    ml_gc_write(w.h, w.a, 1, w.d);
    ml_gc_write(w.h, w.e, 0, w.f);
    ml_gc_write_global(w.h, w.g, w.a);
    ml_gc_pop_frame(w.h, fr);
    return w;
}

// Grey set for tests: up to 4 objects.
typedef struct {
    const void *o[4];
} greys_t;
static bool grey_in(ml_gc_heap_t *h, const void *obj, void *arg)
{
    (void)h;
    greys_t *g = arg;
    for (int i = 0; i < 4; i++)
        if (g->o[i] == obj)
            return true;
    return false;
}

Test(verify, oracle_finds_exactly_the_objects_reachable_from_roots, .timeout = 5)
{
    world_t w = make_world();
    ml_gc_set_mark(w.h, w.e); // mark bits must not matter
    ml_reach_t *r = ml_verify_reachable(w.h);
    cr_assert_not_null(r);
    cr_assert_eq(ml_reach_count(r), 4, "a, b, c, d are reachable; found %zu", ml_reach_count(r));
    cr_assert(ml_reach_contains(r, w.a) && ml_reach_contains(r, w.b) && ml_reach_contains(r, w.c) &&
              ml_reach_contains(r, w.d));
    cr_assert_not(ml_reach_contains(r, w.e), "e is garbage even though it is marked");
    cr_assert_not(ml_reach_contains(r, w.f));
    cr_assert_eq(ml_reach_bytes(r), 4 * ml_gc_object_elemsize(w.h, w.a));
    ml_reach_free(r);
    ml_gc_destroy(w.h);
}

Test(verify, oracle_follows_stack_frames_cycles_and_interior_pointers, .timeout = 5)
{
    world_t w = make_world();
    ml_gc_frame_t *f = ml_gc_push_frame(w.h, "main", 1);
    ml_gc_frame_set(f, 0, (char *)w.e + 16); // interior pointer to e
    ml_gc_write(w.h, w.f, 0, w.e);           // cycle e <-> f
    ml_reach_t *r = ml_verify_reachable(w.h);
    cr_assert_eq(ml_reach_count(r), 6);
    cr_assert(ml_reach_contains(r, w.e) && ml_reach_contains(r, w.f));
    ml_reach_free(r);
    ml_gc_destroy(w.h);
}

Test(verify, strong_invariant_accepts_a_correct_coloring, .timeout = 5)
{
    world_t w = make_world();
    // a black, b and d grey, c white: no black -> white edge.
    ml_gc_set_mark(w.h, w.a);
    ml_gc_set_mark(w.h, w.b);
    ml_gc_set_mark(w.h, w.d);
    greys_t g = { { w.b, w.d } };
    char err[256] = "";
    cr_assert_eq(ml_verify_tricolor(w.h, ML_INV_STRONG, grey_in, &g, err, sizeof err), 0, "%s",
                 err);
    cr_assert_eq(ml_verify_tricolor(w.h, ML_INV_WEAK, grey_in, &g, err, sizeof err), 0, "%s", err);
    ml_gc_destroy(w.h);
}

Test(verify, strong_invariant_reports_a_planted_black_to_white_edge, .timeout = 5)
{
    world_t w = make_world();
    // a black, b grey, d WHITE: the edge a.slot1 -> d breaks the strong invariant.
    ml_gc_set_mark(w.h, w.a);
    ml_gc_set_mark(w.h, w.b);
    greys_t g = { { w.b } };
    char err[256] = "";
    cr_assert_eq(ml_verify_tricolor(w.h, ML_INV_STRONG, grey_in, &g, err, sizeof err), -1,
                 "black a -> white d not reported");
    char want[128], da[48], dd[48];
    snprintf(want, sizeof want, "black %s slot 1 -> white %s",
             ml_gc_describe(w.h, w.a, da, sizeof da), ml_gc_describe(w.h, w.d, dd, sizeof dd));
    cr_assert(strstr(err, want), "message \"%s\" should contain \"%s\"", err, want);
    // The weak invariant is broken too: no grey object reaches d.
    cr_assert_eq(ml_verify_tricolor(w.h, ML_INV_WEAK, grey_in, &g, err, sizeof err), -1);
    cr_assert(strstr(err, "no grey object reaches"), "%s", err);
    ml_gc_destroy(w.h);
}

Test(verify, weak_invariant_accepts_a_white_object_protected_by_a_grey_path, .timeout = 5)
{
    world_t w = make_world();
    // a black -> b white -> c white; but a -> d grey and d -> c? make d -> b.
    ml_gc_write(w.h, w.d, 0, w.b);
    ml_gc_set_mark(w.h, w.a);
    ml_gc_set_mark(w.h, w.d);
    greys_t g = { { w.d } };
    char err[256] = "";
    cr_assert_eq(ml_verify_tricolor(w.h, ML_INV_STRONG, grey_in, &g, err, sizeof err), -1,
                 "strong: black a -> white b must be reported");
    cr_assert_eq(ml_verify_tricolor(w.h, ML_INV_WEAK, grey_in, &g, err, sizeof err), 0,
                 "weak: grey d reaches b, so a -> b is allowed: %s", err);
    ml_gc_destroy(w.h);
}

Test(verify, lost_object_check_names_a_reachable_white_object, .timeout = 5)
{
    world_t w = make_world();
    // End of a broken marking: everything reachable marked except c.
    ml_gc_set_mark(w.h, w.a);
    ml_gc_set_mark(w.h, w.b);
    ml_gc_set_mark(w.h, w.d);
    char err[512] = "";
    size_t lost = ml_verify_lost(w.h, NULL, NULL, NULL, err, sizeof err);
    cr_assert_eq(lost, 1, "c is reachable and white: 1 lost object, got %zu", lost);
    char dc[48];
    ml_gc_describe(w.h, w.c, dc, sizeof dc);
    cr_assert(strstr(err, dc), "message should name %s: %s", dc, err);
    cr_assert(strstr(err, "global g"), "message should show the path from the root: %s", err);
    ml_gc_set_mark(w.h, w.c);
    cr_assert_eq(ml_verify_lost(w.h, NULL, NULL, NULL, err, sizeof err), 0,
                 "nothing lost once c is marked");
    // A grey object is not lost either.
    ml_gc_clear_mark(w.h, w.c);
    greys_t g = { { w.c } };
    cr_assert_eq(ml_verify_lost(w.h, NULL, grey_in, &g, err, sizeof err), 0);
    ml_gc_destroy(w.h);
}

Test(verify, dangling_check_catches_a_reachable_object_that_was_freed, .timeout = 5)
{
    world_t w = make_world();
    char err[512] = "";
    cr_assert_eq(ml_verify_no_dangling(w.h, err, sizeof err), 0, "%s", err);
    char db[48];
    ml_gc_describe(w.h, w.b, db, sizeof db);
    ml_gc_free(w.h, w.c); // b still points to it
    cr_assert_eq(ml_verify_no_dangling(w.h, err, sizeof err), -1, "b -> freed c not reported");
    cr_assert(strstr(err, db), "message should name the holder %s: %s", db, err);
    ml_gc_destroy(w.h);
}

Test(verify, heap_check_passes_on_a_busy_heap_and_finds_planted_corruption, .timeout = 10)
{
    world_t w = make_world();
    for (int i = 0; i < 5000; i++)
        ml_gc_alloc(w.h, &NODE);
    ml_gc_alloc_array(w.h, &NODE, 3000);
    char err[256] = "";
    cr_assert_eq(ml_verify_heap(w.h, err, sizeof err), 0, "%s", err);
    ml_gc_collect(w.h);
    cr_assert_eq(ml_verify_heap(w.h, err, sizeof err), 0, "after a cycle: %s", err);
    // Plant: a mark bit left set outside a cycle.
    ml_gc_set_mark(w.h, w.a);
    cr_assert_eq(ml_verify_heap(w.h, err, sizeof err), -1, "a stale mark bit is not reported");
    cr_assert(strstr(err, "mark bits"), "%s", err);
    ml_gc_clear_mark(w.h, w.a);
    // Plant: an allocated object whose alloc bit vanished behind the span's back.
    ml_gc_span_t *s = ml_gc_span_of_(w.h, w.b);
    uint32_t i = ml_gc_index_in_(s, w.b);
    ml_bit_clear(s->allocbits, i);
    cr_assert_eq(ml_verify_heap(w.h, err, sizeof err), -1, "alloc count mismatch not reported");
    cr_assert(strstr(err, "allocount"), "%s", err);
    ml_bit_set(s->allocbits, i);
    ml_gc_destroy(w.h);
}

Test(verify, poison_fills_and_detects, .timeout = 5)
{
    unsigned char buf[64];
    ml_verify_poison(buf, sizeof buf);
    size_t bad = 99;
    cr_assert(ml_verify_is_poisoned(buf, sizeof buf, &bad));
    buf[37] = 0;
    cr_assert_not(ml_verify_is_poisoned(buf, sizeof buf, &bad));
    cr_assert_eq(bad, 37);
}

Test(verify, freed_objects_are_poisoned_and_writes_after_free_are_caught, .timeout = 5)
{
    world_t w = make_world();
    long *e = w.e;
    ml_gc_collect(w.h); // frees e and f
    cr_assert(ml_verify_is_poisoned(e, 32, NULL), "freed object e is not poisoned");
    char err[256] = "";
    cr_assert_eq(ml_verify_freed_intact(w.h, err, sizeof err), 0, "%s", err);
    e[2] = 12345; // use after free
    cr_assert_eq(ml_verify_freed_intact(w.h, err, sizeof err), -1,
                 "a write after free is not detected");
    cr_assert(strstr(err, "byte 16"), "message should give the offset of the write: %s", err);
    ml_gc_destroy(w.h);
}

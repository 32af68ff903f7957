// marking.c — the tri-color suite's tests of the marker's parts, one at a
// time: tc_shade, tc_scan_object and tc_mark_roots.
#include "memlab/grade.h"
#include "tricolor_suite.h"

// ---- shade, scan, roots ------------------------------------------------------------------

typedef struct seen {
    void *objs[8];
    size_t n;
} seen_t;

static void seen_add(void *obj, void *arg)
{
    seen_t *s = arg;
    if (s->n < 8)
        s->objs[s->n] = obj;
    s->n++;
}

void suite_shade_white_becomes_grey_once(void)
{
    lab_t L;
    suite_lab_open(&L, suite_parse_text("figure1", suite_figure1));
    void *a = L.th->objs[0], *b = L.th->objs[1];
    tc_shade(L.m, a);
    cr_assert(ml_gc_is_marked(L.h, a), "tc_shade(a) left a's mark bit clear: shading sets it");
    cr_assert(tc_grey_count(L.m) == 1,
              "after tc_shade(a) on a fresh heap the worklist should hold 1 "
              "object, tc_grey_count says %zu",
              tc_grey_count(L.m));
    seen_t s = { 0 };
    tc_grey_foreach(L.m, seen_add, &s);
    cr_assert(s.n == 1 && s.objs[0] == a,
              "tc_grey_foreach should give exactly a, it gave %zu objects", s.n);
    tc_shade(L.m, a);
    cr_assert(tc_grey_count(L.m) == 1,
              "shading a grey object again must do nothing; the worklist "
              "now holds %zu objects",
              tc_grey_count(L.m));
    int local = 0;
    tc_shade(L.m, NULL);
    tc_shade(L.m, &local);
    cr_assert(tc_grey_count(L.m) == 1,
              "tc_shade(NULL) and tc_shade(address of a C variable) must do "
              "nothing; the worklist now holds %zu objects",
              tc_grey_count(L.m));
    tc_shade(L.m, (char *)b + 8);
    cr_assert(ml_gc_is_marked(L.h, b), "tc_shade(b + 8 bytes) should shade b: a pointer into an "
                                       "object keeps the whole object alive (use ml_gc_object_of)");
    s.n = 0;
    tc_grey_foreach(L.m, seen_add, &s);
    cr_assert(s.n == 2 && (s.objs[0] == b || s.objs[1] == b),
              "after tc_shade(b + 8) the worklist "
              "should hold a and b (b's start, not b + 8)");
    cr_assert(ml_gc_count_marked(L.h) == 2, "only a and b should be marked, %zu objects are",
              ml_gc_count_marked(L.h));
    suite_lab_close(&L);
}

void suite_scan_scan_object_shades_every_slot(void)
{
    static const char text[] =
        "type Leaf 1\n"
        "type Wide 8 0 1 3 5 7\n" // five pointer slots, the last in the last word
        "obj w Wide\nobj t0 t1 t2 t3 t4 other Leaf\n"
        "ptr w.0 t0\nptr w.1 t1\nptr w.3 t2\nptr w.5 t3\nptr w.7 t4\n"
        "global g w\n";
    lab_t L;
    suite_lab_open(&L, suite_parse_text("wide", text));
    void *w = L.th->objs[0];
    ml_gc_set_mark(L.h, w); // w is grey, just taken out of the worklist
    tc_scan_object(L.m, w);
    const uint32_t words[5] = { 0, 1, 3, 5, 7 };
    char a[128];
    for (uint32_t k = 0; k < 5; k++)
        cr_assert(ml_gc_is_marked(L.h, L.th->objs[1 + k]),
                  "tc_scan_object(w) left %s white: it is "
                  "w's pointer slot %u (word %u of type Wide, pointer bitmap 0xab); every slot the "
                  "bitmap names must be shaded",
                  suite_label(&L, 1 + k, a, sizeof a), k, words[k]);
    cr_assert(tc_grey_count(L.m) == 5,
              "after scanning w the worklist should hold its 5 targets, "
              "it holds %zu",
              tc_grey_count(L.m));
    cr_assert(!ml_gc_is_marked(L.h, L.th->objs[6]),
              "tc_scan_object(w) shaded 'other', which w does "
              "not point to (only the pointer words are slots)");
    ml_greyset_t g;
    suite_take(&L, &g);
    cr_assert(!ml_greyset_has(&g, w),
              "tc_scan_object(w) put w back in the worklist: a scanned object is black");
    ml_greyset_free(&g);
    suite_lab_close(&L);

    // A type of more than 64 words (ML_TYPE_INLINE_WORDS) keeps its pointer
    // bitmap out of line (memlab/gcheap.h, ml_type_t): 80 words, pointers in
    // words 3 and 70, one value of it.
    static const uint64_t big_mask[2] = { 1ull << 3, 1ull << (70 - 64) };
    static const ml_type_t big = {
        .name = "Big", .size = 80 * 8, .ptrmask = 0, .ptrmask_ext = big_mask
    };
    suite_lab_open(&L, suite_parse_text("big", "type Leaf 1\nobj t0 t1 other Leaf\n"));
    void *b = ml_gc_alloc(L.h, &big);
    cr_assert(b, "internal: out of memory");
    ml_gc_write(L.h, b, 0, L.th->objs[0]);
    ml_gc_write(L.h, b, 1, L.th->objs[1]);
    ml_gc_set_mark(L.h, b);
    tc_scan_object(L.m, b);
    const uint32_t big_words[2] = { 3, 70 };
    for (uint32_t k = 0; k < 2; k++)
        cr_assert(ml_gc_is_marked(L.h, L.th->objs[k]),
                  "tc_scan_object(b) left %s white: it is b's pointer slot %u (word %u of type "
                  "Big, 80 words, more than a 64-bit mask holds: memlab/gcheap.h, ml_type_t); "
                  "every slot the type names must be shaded",
                  suite_label(&L, k, a, sizeof a), k, big_words[k]);
    cr_assert(tc_grey_count(L.m) == 2 && !ml_gc_is_marked(L.h, L.th->objs[2]),
              "after scanning b (type Big, 80 words, 2 pointer slots) the worklist should hold "
              "its 2 targets and nothing else; it holds %zu",
              tc_grey_count(L.m));
    suite_lab_close(&L);

    // An array object: the slots of every element, and two slots to one target.
    ml_scn_t *s = suite_parse_text("leaves", "type Leaf 1\nobj l0 l1 l2 l3 l4 Leaf\n");
    suite_lab_open(&L, s);
    ml_type_t pair = ML_TYPE("Pair", 24, 0x5); // {ptr, int, ptr}
    void **arr = ml_gc_alloc_array(L.h, &pair, 3);
    cr_assert(arr, "internal: out of memory");
    void *want[6] = { L.th->objs[0], L.th->objs[1], L.th->objs[2],
                      L.th->objs[3], L.th->objs[4], L.th->objs[0] };
    for (int k = 0; k < 6; k++)
        ml_gc_write(L.h, arr, (size_t)k, want[k]);
    ml_gc_set_mark(L.h, arr);
    tc_scan_object(L.m, arr);
    for (uint32_t k = 0; k < 5; k++)
        cr_assert(ml_gc_is_marked(L.h, L.th->objs[k]),
                  "tc_scan_object on an array of 3 Pair {ptr, "
                  "int, ptr} left l%u white: scan every slot of every element "
                  "(ml_gc_slots_begin / ml_gc_slots_next walk them all)",
                  k);
    cr_assert(tc_grey_count(L.m) == 5,
              "the array's 6 slots point to 5 distinct objects (slots 0 and 5 "
              "both to l0); the worklist should hold 5, it holds %zu",
              tc_grey_count(L.m));
    suite_lab_close(&L);

    // An array of two: no shortcut for short arrays either.
    s = suite_parse_text("leaves", "type Leaf 1\nobj l0 l1 l2 l3 Leaf\n");
    suite_lab_open(&L, s);
    arr = ml_gc_alloc_array(L.h, &pair, 2);
    cr_assert(arr, "internal: out of memory");
    for (int k = 0; k < 4; k++)
        ml_gc_write(L.h, arr, (size_t)k, L.th->objs[k]);
    ml_gc_set_mark(L.h, arr);
    tc_scan_object(L.m, arr);
    for (uint32_t k = 0; k < 4; k++)
        cr_assert(ml_gc_is_marked(L.h, L.th->objs[k]),
                  "tc_scan_object on an array of 2 Pair {ptr, int, ptr} left l%u white: scan every "
                  "slot of every element, whatever the array's length",
                  k);
    suite_lab_close(&L);
}

void suite_roots_mark_roots_shades_globals(void)
{
    static const char text[] = "type Cell 2 1\nobj a b c Cell\n"
                               "ptr a.1 c\n"
                               "global g0 nil\nglobal g1 a\nglobal g2 b\nglobal g3 a\n";
    lab_t L;
    suite_lab_open(&L, suite_parse_text("globals", text));
    tc_mark_roots(L.m);
    char a[128];
    for (uint32_t i = 0; i < 2; i++)
        cr_assert(ml_gc_is_marked(L.h, L.th->objs[i]),
                  "after tc_mark_roots, %s is still white though "
                  "a global points to it",
                  suite_label(&L, i, a, sizeof a));
    cr_assert(tc_grey_count(L.m) == 2,
              "globals point to a (twice) and b: the worklist should hold 2 "
              "objects, it holds %zu",
              tc_grey_count(L.m));
    cr_assert(!ml_gc_is_marked(L.h, L.th->objs[2]),
              "tc_mark_roots shaded c, which only a points to: "
              "c turns grey when a is scanned, in a mark step");
    suite_lab_close(&L);
}

void suite_roots_mark_roots_scans_every_frame(void)
{
    lab_t L;
    suite_lab_open(&L, suite_parse_text("stacks", suite_stacks));
    tc_mark_roots(L.m);
    char a[128], why[256];
    const ml_scn_t *s = L.scn;
    for (uint32_t l = 0; l < s->nlocals; l++) {
        uint32_t t = s->locals[l].target;
        if (t != ML_SCN_NIL)
            cr_assert(ml_gc_is_marked(L.h, L.th->objs[t]),
                      "after tc_mark_roots, %s is white; it is held "
                      "by %s: scan every frame of every shadow stack, not just the top one",
                      suite_label(&L, t, a, sizeof a),
                      ml_scn_why_reachable(L.th->scn, t, why, sizeof why));
    }
    for (uint32_t f = 0; f < s->nframes; f++)
        cr_assert(ml_gc_frame_scanned(L.th->frames[f]),
                  "frame %s of stack %s is not flagged scanned "
                  "after tc_mark_roots (ml_gc_frame_set_scanned)",
                  s->frames[f].name, s->stacks[s->frames[f].stack]);
    for (uint32_t k = 0; k < s->nstacks; k++)
        cr_assert(ml_gc_stack_scanned(L.th->stacks[k]),
                  "stack %s is not flagged scanned after "
                  "tc_mark_roots (ml_gc_stack_set_scanned)",
                  s->stacks[k]);
    cr_assert(tc_grey_count(L.m) == 5,
              "the frames hold 5 distinct objects; the worklist should hold "
              "5, it holds %zu",
              tc_grey_count(L.m));
    suite_lab_close(&L);
}

// test_span.c — unit tests of one span (common/src/span.c): bitmap helpers,
// cutting a span into objects, allocation until full, free and reuse, the
// free index, object ↔ index mapping with interior pointers, mark bits, and
// the aborts on double free and bad pointers.
//
// Spans here are built over aligned_alloc'ed pages, so the span module is
// tested on its own, without the page heap.
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "memlab/pageheap.h"
#include "memlab/rng.h"
#include "memlab/sizeclass.h"
#include "memlab/span.h"

// make_span — `npages` fresh pages cut into objects of `elemsize` bytes.
static ml_span_t make_span(size_t npages, int sizeclass, size_t elemsize)
{
    ml_span_t s = { 0 };
    void *mem = aligned_alloc(ML_PAGE_SIZE, npages * ML_PAGE_SIZE);
    cr_assert_not_null(mem, "aligned_alloc of %zu pages failed", npages);
    s.base = (uintptr_t)mem;
    s.npages = npages;
    s.state = ML_SPAN_MANUAL;
    cr_assert_eq(ml_span_init_small(&s, sizeclass, elemsize), 0, "ml_span_init_small failed");
    return s;
}

static void drop_span(ml_span_t *s)
{
    ml_span_fini(s);
    free((void *)s->base);
}

static size_t popcount_bits(const uint64_t *bits, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ml_bit_test(bits, i);
    return c;
}

// ---- bitmap helpers ----------------------------------------------------------

Test(span, bit_set_test_clear_work_across_words, .timeout = 5)
{
    uint64_t bits[3] = { 0 };
    size_t idx[] = { 0, 1, 63, 64, 65, 127, 128, 191 };
    for (size_t k = 0; k < sizeof idx / sizeof idx[0]; k++) {
        ml_bit_set(bits, idx[k]);
        cr_assert(ml_bit_test(bits, idx[k]), "bit %zu not set", idx[k]);
    }
    cr_assert_eq(popcount_bits(bits, 192), 8, "exactly the 8 set bits");
    ml_bit_clear(bits, 64);
    cr_assert_not(ml_bit_test(bits, 64), "bit 64 not cleared");
    cr_assert(ml_bit_test(bits, 63) && ml_bit_test(bits, 65), "clearing 64 touched a neighbour");
}

Test(span, find_zero_returns_first_clear_bit_at_or_after_from, .timeout = 5)
{
    uint64_t bits[3] = { ~(uint64_t)0, ~(uint64_t)0, 0 };
    cr_assert_eq(ml_bit_find_zero(bits, 0, 192), 128, "words 0 and 1 are full");
    ml_bit_clear(bits, 70);
    cr_assert_eq(ml_bit_find_zero(bits, 0, 192), 70);
    cr_assert_eq(ml_bit_find_zero(bits, 70, 192), 70, "`from` itself counts");
    cr_assert_eq(ml_bit_find_zero(bits, 71, 192), 128, "search continues into the next words");
    ml_bit_clear(bits, 3);
    cr_assert_eq(ml_bit_find_zero(bits, 2, 192), 3);
    cr_assert_eq(ml_bit_find_zero(bits, 4, 100), 70);
}

Test(span, find_zero_returns_n_when_no_clear_bit_below_n, .timeout = 5)
{
    uint64_t bits[2] = { ~(uint64_t)0, 0x7 }; // bits 0..66 set, 67.. clear
    cr_assert_eq(ml_bit_find_zero(bits, 0, 67), 67, "bits past n must be ignored");
    cr_assert_eq(ml_bit_find_zero(bits, 0, 64), 64);
    cr_assert_eq(ml_bit_find_zero(bits, 0, 68), 67);
    cr_assert_eq(ml_bit_find_zero(bits, 67, 67), 67, "from == n");
    cr_assert_eq(ml_bit_find_zero(bits, 500, 67), 67, "from > n");
    cr_assert_eq(ml_bit_find_zero(bits, 0, 0), 0, "n == 0");
}

// ---- cutting a span ---------------------------------------------------------------

Test(span, init_small_cuts_the_span_into_objects, .timeout = 5)
{
    ml_span_t s = make_span(1, 3, 24);
    cr_assert_eq(s.state, ML_SPAN_SMALL);
    cr_assert_eq(s.sizeclass, 3);
    cr_assert_eq(s.elemsize, 24);
    cr_assert_eq(s.nelems, 341, "8192 / 24 = 341 objects, got %u", s.nelems);
    cr_assert_eq(s.freeindex, 0);
    cr_assert_eq(s.allocount, 0);
    cr_assert_not_null(s.allocbits);
    cr_assert_not_null(s.gcmarkbits);
    cr_assert_neq(s.allocbits, s.gcmarkbits, "the two bitmaps must be distinct");
    cr_assert_eq(popcount_bits(s.allocbits, s.nelems), 0, "alloc bits start clear");
    cr_assert_eq(popcount_bits(s.gcmarkbits, s.nelems), 0, "mark bits start clear");
    cr_assert(ml_span_is_empty(&s));
    cr_assert_not(ml_span_is_full(&s));
    drop_span(&s);
}

Test(span, fini_frees_the_bitmaps_and_leaves_no_objects, .timeout = 5)
{
    ml_span_t s = make_span(1, 1, 8);
    ml_span_fini(&s);
    cr_assert_null(s.allocbits);
    cr_assert_null(s.gcmarkbits);
    cr_assert_eq(s.nelems, 0);
    cr_assert_null(ml_span_alloc(&s), "a span without objects allocates nothing");
    ml_span_fini(&s); // a second fini is harmless
    free((void *)s.base);
}

// ---- allocation -------------------------------------------------------------------

Test(span, alloc_hands_out_objects_in_address_order_until_full, .timeout = 5)
{
    ml_span_t s = make_span(1, 5, 48);
    for (uint32_t i = 0; i < s.nelems; i++) {
        char *p = ml_span_alloc(&s);
        cr_assert_eq((uintptr_t)p, s.base + i * 48, "allocation %u at %p, expected base+%u", i,
                     (void *)p, i * 48);
        cr_assert_eq(s.allocount, i + 1);
        cr_assert_eq(s.freeindex, i + 1, "freeindex %u after %u allocations", s.freeindex, i + 1);
        memset(p, 0xcd, 48); // the object is really usable
    }
    cr_assert(ml_span_is_full(&s));
    cr_assert_null(ml_span_alloc(&s), "a full span must return NULL");
    cr_assert_eq(s.allocount, s.nelems, "a failed alloc changes nothing");
    cr_assert_eq(popcount_bits(s.allocbits, s.nelems), s.nelems);
    drop_span(&s);
}

Test(span, every_size_class_span_holds_exactly_its_objects_per_span, .timeout = 10)
{
    for (int c = 1; c < ML_NUM_SIZE_CLASSES; c++) {
        ml_span_t s = make_span(ml_class_npages(c), c, ml_class_size(c));
        cr_assert_eq(s.nelems, ml_class_nobjs(c), "class %d: %u objects, table says %zu", c,
                     s.nelems, ml_class_nobjs(c));
        uintptr_t end = s.base + s.npages * ML_PAGE_SIZE;
        size_t n = 0;
        for (char *p; (p = ml_span_alloc(&s)) != NULL; n++)
            cr_assert_leq((uintptr_t)p + s.elemsize, end, "class %d: object %zu ends past the span",
                          c, n);
        cr_assert_eq(n, ml_class_nobjs(c), "class %d: allocated %zu objects", c, n);
        drop_span(&s);
    }
}

Test(span, freed_object_is_reused_by_the_next_alloc, .timeout = 5)
{
    ml_span_t s = make_span(1, 10, 128);
    void *objs[64];
    for (int i = 0; i < 64; i++)
        objs[i] = ml_span_alloc(&s);
    cr_assert(ml_span_is_full(&s));
    ml_span_free(&s, objs[37]);
    cr_assert_not(ml_span_is_full(&s));
    cr_assert_eq(s.allocount, 63);
    cr_assert_not(ml_span_is_allocated(&s, 37));
    void *again = ml_span_alloc(&s);
    cr_assert_eq(again, objs[37], "the only free object (37) must be handed out again");
    cr_assert(ml_span_is_full(&s));
    drop_span(&s);
}

Test(span, freeindex_moves_back_when_an_object_below_it_is_freed, .timeout = 5)
{
    ml_span_t s = make_span(1, 2, 16);
    void *o[10];
    for (int i = 0; i < 10; i++)
        o[i] = ml_span_alloc(&s);
    cr_assert_eq(s.freeindex, 10);
    ml_span_free(&s, o[2]);
    cr_assert_eq(s.freeindex, 2, "freeing object 2 below freeindex 10 must move it to 2");
    ml_span_free(&s, o[7]);
    cr_assert_eq(s.freeindex, 2, "freeing object 7 above freeindex 2 must not move it");
    cr_assert_eq(ml_span_alloc(&s), o[2], "the lowest free object comes first");
    cr_assert_eq(s.freeindex, 3);
    cr_assert_eq(ml_span_alloc(&s), o[7], "then the next free one, skipping allocated 3..6");
    cr_assert_eq(s.freeindex, 8, "freeindex advances only past allocated objects");
    cr_assert_eq(ml_span_alloc(&s), (void *)(s.base + 10 * 16), "then fresh objects");
    drop_span(&s);
}

Test(span, every_object_below_freeindex_is_allocated_after_random_use, .timeout = 5)
{
    ml_span_t s = make_span(1, 1, 8); // 1024 objects: 16 bitmap words
    ml_rng_t rng;
    ml_rng_seed(&rng, 7);
    for (int step = 0; step < 20000; step++) {
        uint32_t i = (uint32_t)ml_rng_below(&rng, s.nelems);
        if (ml_rng_below(&rng, 2)) {
            if (ml_span_is_allocated(&s, i))
                ml_span_free(&s, ml_span_object(&s, i));
        } else {
            ml_span_alloc(&s);
        }
        for (uint32_t k = 0; k < s.freeindex; k++)
            cr_assert(ml_span_is_allocated(&s, k), "step %d: object %u below freeindex %u is free",
                      step, k, s.freeindex);
        cr_assert_eq(s.allocount, popcount_bits(s.allocbits, s.nelems),
                     "step %d: allocount disagrees with the bitmap", step);
    }
    drop_span(&s);
}

// ---- addresses and indices --------------------------------------------------

Test(span, index_of_accepts_every_interior_pointer, .timeout = 5)
{
    ml_span_t s = make_span(2, 35, 1408); // 11 objects, 896 bytes of tail
    for (uint32_t i = 0; i < s.nelems; i++)
        for (size_t off = 0; off < s.elemsize; off++) {
            const char *p = (const char *)ml_span_object(&s, i) + off;
            cr_assert_eq(ml_span_index_of(&s, p), i, "byte %zu of object %u maps to %u", off, i,
                         ml_span_index_of(&s, p));
        }
    drop_span(&s);
}

Test(span, index_of_rejects_the_tail_and_addresses_outside_the_span, .timeout = 5)
{
    ml_span_t s = make_span(2, 35, 1408);
    uintptr_t objs_end = s.base + (uintptr_t)s.nelems * s.elemsize;
    cr_assert_eq(ml_span_index_of(&s, (void *)objs_end), UINT32_MAX, "first tail byte");
    cr_assert_eq(ml_span_index_of(&s, (void *)(s.base + 2 * ML_PAGE_SIZE - 1)), UINT32_MAX,
                 "last byte of the span is tail waste");
    cr_assert_eq(ml_span_index_of(&s, (void *)(s.base - 1)), UINT32_MAX, "before the span");
    cr_assert_eq(ml_span_index_of(&s, (void *)(s.base + 2 * ML_PAGE_SIZE)), UINT32_MAX,
                 "after the span");
    cr_assert_eq(ml_span_index_of(&s, NULL), UINT32_MAX, "NULL");
    drop_span(&s);
}

Test(span, object_and_index_of_are_inverse, .timeout = 5)
{
    ml_span_t s = make_span(1, 3, 24);
    for (uint32_t i = 0; i < s.nelems; i++) {
        void *p = ml_span_object(&s, i);
        cr_assert_eq((uintptr_t)p, s.base + i * 24);
        cr_assert_eq(ml_span_index_of(&s, p), i);
    }
    cr_assert_null(ml_span_object(&s, s.nelems), "index nelems is out of range");
    drop_span(&s);
}

// ---- marks --------------------------------------------------------------------------

Test(span, marks_are_independent_of_allocation_and_clear_together, .timeout = 5)
{
    ml_span_t s = make_span(1, 4, 32); // 256 objects: 4 words exactly
    for (int i = 0; i < 10; i++)
        ml_span_alloc(&s);
    uint32_t marked[] = { 0, 3, 63, 64, 200, 255 };
    for (size_t k = 0; k < sizeof marked / sizeof marked[0]; k++)
        ml_span_set_mark(&s, marked[k]);
    cr_assert_eq(ml_span_count_marked(&s), 6);
    for (size_t k = 0; k < sizeof marked / sizeof marked[0]; k++)
        cr_assert(ml_span_is_marked(&s, marked[k]), "object %u should be marked", marked[k]);
    cr_assert_not(ml_span_is_marked(&s, 1));
    cr_assert_not(ml_span_is_marked(&s, s.nelems), "out of range is never marked");
    cr_assert_eq(s.allocount, 10, "marking does not allocate");
    cr_assert(ml_span_is_allocated(&s, 3) && !ml_span_is_allocated(&s, 200),
              "marking does not change alloc bits");
    ml_span_clear_marks(&s);
    cr_assert_eq(ml_span_count_marked(&s), 0, "clear_marks must clear every mark");
    cr_assert_eq(s.allocount, 10, "clearing marks does not free");
    drop_span(&s);
}

Test(span, count_marked_ignores_bits_past_nelems, .timeout = 5)
{
    ml_span_t s = make_span(1, 3, 24); // 341 objects: the last word is partial
    ml_span_set_mark(&s, 340);
    s.gcmarkbits[5] |= (uint64_t)1 << 63; // bit 383, not an object
    cr_assert_eq(ml_span_count_marked(&s), 1, "only object 340 is a marked object");
    drop_span(&s);
}

Test(span, set_mark_out_of_range_aborts, .timeout = 5, .signal = SIGABRT)
{
    ml_span_t s = make_span(1, 3, 24);
    ml_span_set_mark(&s, s.nelems);
}

// ---- bugs abort ----------------------------------------------------------------------

Test(span, double_free_aborts, .timeout = 5, .signal = SIGABRT)
{
    ml_span_t s = make_span(1, 6, 64);
    void *p = ml_span_alloc(&s);
    ml_span_free(&s, p);
    ml_span_free(&s, p);
}

Test(span, free_by_index_frees_the_same_object, .timeout = 5)
{
    ml_span_t s = make_span(1, 6, 64);
    void *p = ml_span_alloc(&s), *q = ml_span_alloc(&s);
    ml_span_free_index(&s, ml_span_index_of(&s, q));
    cr_assert(s.allocount == 1 && !ml_bit_test(s.allocbits, 1) && ml_bit_test(s.allocbits, 0),
              "freeing object 1 by index must clear exactly its bit");
    cr_assert_eq(ml_span_alloc(&s), q, "the object freed by index is reused next");
    (void)p;
    drop_span(&s);
}

Test(span, double_free_by_index_aborts, .timeout = 5, .signal = SIGABRT)
{
    ml_span_t s = make_span(1, 6, 64);
    ml_span_alloc(&s);
    ml_span_free_index(&s, 0);
    ml_span_free_index(&s, 0);
}

Test(span, free_by_index_out_of_range_aborts, .timeout = 5, .signal = SIGABRT)
{
    ml_span_t s = make_span(1, 6, 64);
    ml_span_alloc(&s);
    ml_span_free_index(&s, s.nelems);
}

Test(span, freeing_an_interior_pointer_aborts, .timeout = 5, .signal = SIGABRT)
{
    ml_span_t s = make_span(1, 6, 64);
    char *p = ml_span_alloc(&s);
    ml_span_free(&s, p + 8);
}

Test(span, freeing_a_never_allocated_object_aborts, .timeout = 5, .signal = SIGABRT)
{
    ml_span_t s = make_span(1, 6, 64);
    ml_span_alloc(&s);
    ml_span_free(&s, ml_span_object(&s, 5));
}

Test(span, freeing_an_address_outside_the_span_aborts, .timeout = 5, .signal = SIGABRT)
{
    ml_span_t s = make_span(1, 6, 64);
    ml_span_alloc(&s);
    ml_span_free(&s, (void *)(s.base + ML_PAGE_SIZE));
}

// run_and_capture_stderr — run `fn` in a child with stderr into a pipe;
// returns the child's wait status and its stderr text in `buf`.
static int run_and_capture_stderr(void (*fn)(void), char *buf, size_t len)
{
    int fds[2];
    cr_assert_eq(pipe(fds), 0);
    fflush(NULL);
    pid_t pid = fork();
    cr_assert_neq(pid, -1, "fork failed");
    if (pid == 0) {
        dup2(fds[1], 2);
        close(fds[0]);
        fn();
        _exit(0);
    }
    close(fds[1]);
    size_t got = 0;
    ssize_t n;
    while (got + 1 < len && (n = read(fds[0], buf + got, len - 1 - got)) > 0)
        got += (size_t)n;
    buf[got] = '\0';
    close(fds[0]);
    int status;
    waitpid(pid, &status, 0);
    return status;
}

static void do_double_free(void)
{
    ml_span_t s = make_span(1, 6, 64);
    void *p = ml_span_alloc(&s);
    ml_span_free(&s, p);
    ml_span_free(&s, p);
}

static void do_interior_free(void)
{
    ml_span_t s = make_span(1, 6, 64);
    char *p = ml_span_alloc(&s);
    ml_span_free(&s, p + 1);
}

Test(span, free_bugs_abort_with_a_message_naming_the_function_and_reason, .timeout = 10)
{
    char msg[1024];
    int st = run_and_capture_stderr(do_double_free, msg, sizeof msg);
    cr_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT, "double free did not abort");
    cr_assert(strncmp(msg, "ml_span_free: ", 14) == 0, "message must start with the function: %s",
              msg);
    cr_assert_not_null(strstr(msg, "double free"), "message must say double free: %s", msg);

    st = run_and_capture_stderr(do_interior_free, msg, sizeof msg);
    cr_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT, "an interior free did not abort");
    cr_assert(strncmp(msg, "ml_span_free: ", 14) == 0, "message: %s", msg);
    cr_assert_not_null(strstr(msg, "not its start"), "message must say why: %s", msg);
}

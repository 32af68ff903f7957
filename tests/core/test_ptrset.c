// test_ptrset.c — unit tests of the pointer set (common/src/ptrset.c):
// membership against a plain array as the oracle, across the table's
// growth, duplicates refused, NULL and empty sets, reuse after free.
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>

#include "memlab/ptrset.h"
#include "memlab/rng.h"

Test(ptrset, empty_set_has_nothing, .timeout = 5)
{
    ml_ptrset_t s = ML_PTRSET_INIT;
    int x = 0;
    cr_assert(!ml_ptrset_has(&s, &x), "an empty set claims a pointer");
    cr_assert(!ml_ptrset_has(&s, NULL), "an empty set claims NULL");
    cr_assert(!ml_ptrset_has(NULL, &x), "a NULL set claims a pointer");
    ml_ptrset_free(&s);
    cr_assert(s.n == 0 && s.cap == 0 && s.keys == NULL);
}

Test(ptrset, add_reports_new_and_present, .timeout = 5)
{
    ml_ptrset_t s = ML_PTRSET_INIT;
    int a = 0, b = 0;
    cr_assert_eq(ml_ptrset_add(&s, &a), 1, "first add of a is not new");
    cr_assert_eq(ml_ptrset_add(&s, &a), 0, "second add of a is new");
    cr_assert_eq(ml_ptrset_add(&s, &b), 1, "first add of b is not new");
    cr_assert_eq(s.n, 2, "two distinct pointers, n = %zu", s.n);
    cr_assert(ml_ptrset_has(&s, &a) && ml_ptrset_has(&s, &b));
    cr_assert(!ml_ptrset_has(&s, NULL), "NULL is never a member");
    ml_ptrset_free(&s);
    cr_assert(!ml_ptrset_has(&s, &a), "a freed set still claims a pointer");
}

// Pointers 16 bytes apart, as objects of one size class are: the hash must
// spread them, and membership must match the oracle through every growth.
Test(ptrset, matches_an_array_oracle_through_growth, .timeout = 10)
{
    enum { N = 20000 };
    static char arena[2 * N * 16];
    ml_ptrset_t s = ML_PTRSET_INIT;
    ml_rng_t r;
    ml_rng_seed(&r, 7);
    bool *in = calloc(2 * N, sizeof *in);
    cr_assert(in != NULL);
    size_t n = 0;
    for (int k = 0; k < N; k++) {
        size_t i = (size_t)ml_rng_below(&r, 2 * N);
        int got = ml_ptrset_add(&s, &arena[i * 16]);
        cr_assert_eq(got, in[i] ? 0 : 1, "add of element %zu returned %d", i, got);
        n += !in[i];
        in[i] = true;
    }
    cr_assert_eq(s.n, n, "the set holds %zu pointers, the oracle %zu", s.n, n);
    cr_assert(s.cap >= 2 * s.n && (s.cap & (s.cap - 1)) == 0, "cap %zu for %zu pointers", s.cap,
              s.n);
    for (size_t i = 0; i < 2 * N; i++)
        cr_assert_eq(ml_ptrset_has(&s, &arena[i * 16]), in[i], "membership of element %zu is wrong",
                     i);
    ml_ptrset_free(&s);
    cr_assert_eq(ml_ptrset_add(&s, &arena[0]), 1, "a freed set is not usable again");
    ml_ptrset_free(&s);
    free(in);
}

// test_rng.c — unit tests of the seeded PRNG (common/src/rng.c): the exact
// stream for known seeds (so a printed seed replays the same run in every
// memlab version), bounds, absence of modulo bias, and the shapes of the
// derived distributions. Statistical checks use fixed seeds and tolerances
// many standard deviations wide, so they are deterministic and never flaky.
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "memlab/rng.h"

Test(rng, stream_for_known_seeds_matches_xoshiro256starstar_over_splitmix64, .timeout = 5)
{
    // Computed with an independent implementation of the published
    // algorithms (splitmix64 seeding, xoshiro256** output).
    static const uint64_t want0[4] = {
        0x99ec5f36cb75f2b4ULL,
        0xbf6e1f784956452aULL,
        0x1a5f849d4933e6e0ULL,
        0x6aa594f1262d2d2cULL,
    };
    static const uint64_t want42[4] = {
        0x15780b2e0c2ec716ULL,
        0x6104d9866d113a7eULL,
        0xae17533239e499a1ULL,
        0xecb8ad4703b360a1ULL,
    };
    ml_rng_t r;
    ml_rng_seed(&r, 0);
    for (int i = 0; i < 4; i++)
        cr_assert(ml_rng_next(&r) == want0[i], "seed 0, output %d is wrong", i);
    ml_rng_seed(&r, 42);
    for (int i = 0; i < 4; i++)
        cr_assert(ml_rng_next(&r) == want42[i], "seed 42, output %d is wrong", i);
}

Test(rng, same_seed_gives_the_same_stream_and_reseeding_restarts_it, .timeout = 5)
{
    ml_rng_t a, b;
    ml_rng_seed(&a, 123456789);
    ml_rng_seed(&b, 123456789);
    uint64_t first[100];
    for (int i = 0; i < 100; i++) {
        first[i] = ml_rng_next(&a);
        cr_assert(first[i] == ml_rng_next(&b), "streams diverge at %d", i);
    }
    ml_rng_seed(&a, 123456789);
    for (int i = 0; i < 100; i++)
        cr_assert(ml_rng_next(&a) == first[i], "reseeding does not restart the stream");
}

Test(rng, neighbouring_seeds_give_unrelated_streams, .timeout = 5)
{
    ml_rng_t a, b;
    ml_rng_seed(&a, 1);
    ml_rng_seed(&b, 2);
    int same = 0, bits = 0;
    for (int i = 0; i < 1000; i++) {
        uint64_t x = ml_rng_next(&a), y = ml_rng_next(&b);
        same += x == y;
        bits += __builtin_popcountll(x ^ y);
    }
    cr_assert(same == 0);
    // Unrelated 64-bit words differ in 32 bits on average.
    cr_assert(bits > 1000 * 30 && bits < 1000 * 34, "average differing bits %d/1000", bits);
}

Test(rng, below_stays_in_bounds_and_handles_0_and_1, .timeout = 5)
{
    ml_rng_t r;
    ml_rng_seed(&r, 7);
    cr_assert(ml_rng_below(&r, 0) == 0);
    cr_assert(ml_rng_below(&r, 1) == 0);
    for (uint64_t n = 2; n < 200; n++)
        for (int i = 0; i < 50; i++)
            cr_assert(ml_rng_below(&r, n) < n);
    for (int i = 0; i < 1000; i++)
        cr_assert(ml_rng_below(&r, UINT64_MAX) < UINT64_MAX);
}

Test(rng, below_has_no_modulo_bias_for_a_huge_bound, .timeout = 5)
{
    // n = 3 * 2^62: plain `next % n` would return a value below 2^62 half
    // the time; an unbiased draw does so a third of the time.
    ml_rng_t r;
    ml_rng_seed(&r, 99);
    const uint64_t n = 3ULL << 62;
    int low = 0, draws = 30000;
    for (int i = 0; i < draws; i++)
        low += ml_rng_below(&r, n) < (1ULL << 62);
    double frac = (double)low / draws;
    cr_assert(fabs(frac - 1.0 / 3) < 0.02, "fraction below 2^62 is %.3f, want 1/3", frac);
}

Test(rng, below_is_uniform_over_a_small_bound, .timeout = 5)
{
    ml_rng_t r;
    ml_rng_seed(&r, 2024);
    int count[7] = { 0 }, draws = 70000;
    for (int i = 0; i < draws; i++)
        count[ml_rng_below(&r, 7)]++;
    double chi2 = 0, expect = draws / 7.0;
    for (int k = 0; k < 7; k++)
        chi2 += (count[k] - expect) * (count[k] - expect) / expect;
    // 6 degrees of freedom: P(chi2 > 22.5) ≈ 0.001.
    cr_assert(chi2 < 22.5, "chi-square %.1f: counts not uniform", chi2);
}

Test(rng, range_is_inclusive_and_returns_lo_when_empty, .timeout = 5)
{
    ml_rng_t r;
    ml_rng_seed(&r, 5);
    bool saw_lo = false, saw_hi = false;
    for (int i = 0; i < 2000; i++) {
        uint64_t x = ml_rng_range(&r, 10, 13);
        cr_assert(x >= 10 && x <= 13, "%lu out of [10, 13]", (unsigned long)x);
        saw_lo |= x == 10;
        saw_hi |= x == 13;
    }
    cr_assert(saw_lo && saw_hi, "both ends must be reachable");
    cr_assert(ml_rng_range(&r, 9, 3) == 9);
    cr_assert(ml_rng_range(&r, 4, 4) == 4);
    (void)ml_rng_range(&r, 0, UINT64_MAX); // the full range must not loop or trap
}

Test(rng, double_is_in_the_half_open_unit_interval_with_mean_one_half, .timeout = 5)
{
    ml_rng_t r;
    ml_rng_seed(&r, 11);
    double sum = 0;
    int n = 100000;
    for (int i = 0; i < n; i++) {
        double x = ml_rng_double(&r);
        cr_assert(x >= 0 && x < 1);
        sum += x;
    }
    cr_assert(fabs(sum / n - 0.5) < 0.01, "mean %.4f", sum / n);
}

Test(rng, exp_has_the_requested_mean_and_is_never_negative, .timeout = 5)
{
    ml_rng_t r;
    ml_rng_seed(&r, 3);
    double sum = 0, sumsq = 0;
    int n = 100000;
    for (int i = 0; i < n; i++) {
        double x = ml_rng_exp(&r, 50);
        cr_assert(x >= 0 && isfinite(x));
        sum += x;
        sumsq += x * x;
    }
    double mean = sum / n, var = sumsq / n - mean * mean;
    cr_assert(fabs(mean - 50) < 1.5, "mean %.2f, want 50", mean);
    // An exponential's standard deviation equals its mean.
    cr_assert(fabs(sqrt(var) - 50) < 2.5, "standard deviation %.2f, want 50", sqrt(var));
    cr_assert(ml_rng_exp(&r, 0) == 0 && ml_rng_exp(&r, -1) == 0 && ml_rng_exp(&r, NAN) == 0);
}

Test(rng, shuffle_is_a_permutation_of_wide_elements, .timeout = 5)
{
    struct wide {
        uint32_t key;
        char pad[97];
    } v[50];
    for (uint32_t i = 0; i < 50; i++) {
        v[i].key = i;
        memset(v[i].pad, (int)i, sizeof v[i].pad);
    }
    ml_rng_t r;
    ml_rng_seed(&r, 17);
    ml_rng_shuffle(&r, v, 50, sizeof v[0]);
    bool seen[50] = { false };
    int moved = 0;
    for (uint32_t i = 0; i < 50; i++) {
        uint32_t k = v[i].key;
        cr_assert(k < 50 && !seen[k], "element %u lost or duplicated", k);
        seen[k] = true;
        moved += k != i;
        for (size_t b = 0; b < sizeof v[i].pad; b++)
            cr_assert(v[i].pad[b] == (char)k, "element %u was torn apart", k);
    }
    cr_assert(moved > 25, "only %d of 50 elements moved", moved);
}

Test(rng, shuffle_makes_every_permutation_equally_likely, .timeout = 5)
{
    ml_rng_t r;
    ml_rng_seed(&r, 31);
    int count[6] = { 0 }, draws = 60000;
    for (int i = 0; i < draws; i++) {
        int v[3] = { 0, 1, 2 };
        ml_rng_shuffle(&r, v, 3, sizeof v[0]);
        // Index the permutation by its first two elements.
        count[v[0] * 2 + (v[1] > v[2])]++;
    }
    double chi2 = 0, expect = draws / 6.0;
    for (int k = 0; k < 6; k++)
        chi2 += (count[k] - expect) * (count[k] - expect) / expect;
    // 5 degrees of freedom: P(chi2 > 20.5) ≈ 0.001.
    cr_assert(chi2 < 20.5, "chi-square %.1f: permutations not uniform", chi2);
}

Test(rng, shuffle_of_zero_or_one_element_does_nothing, .timeout = 5)
{
    ml_rng_t r;
    ml_rng_seed(&r, 1);
    int x = 42;
    ml_rng_shuffle(&r, NULL, 0, sizeof x);
    ml_rng_shuffle(&r, &x, 1, sizeof x);
    cr_assert(x == 42);
}

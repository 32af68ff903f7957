// rng.c — memlab's seeded PRNG: xoshiro256** seeded through splitmix64.
//
// Every random input in memlab (generated traces, shuffled test orders,
// scheduler interleavings) comes from an ml_rng_t seeded with a number that
// the program prints, so any run can be replayed exactly.
//
// Data: four 64-bit words of state, never all zero.
//
// Steps:
//   1. Seeding runs splitmix64, a 64-bit counter passed through a strong
//      mixing function, four times to fill the state. Any seed, 0 included,
//      gives well-spread state words; nearby seeds give unrelated streams.
//   2. ml_rng_next is xoshiro256** (Blackman and Vigna): the state is updated
//      by shifts, xors and a rotation, and the output is a scrambled copy of
//      the second word (multiply by 5, rotate by 7, multiply by 9). Period
//      2^256 - 1, passes BigCrush, four adds/shifts per output.
//   3. Bounded integers use rejection: outputs below 2^64 mod n are thrown
//      away, so that every residue class mod n is hit by exactly the same
//      number of the remaining outputs — no modulo bias (§ "Unbiased below").
//   4. Doubles take the top 53 bits, so they are multiples of 2^-53 in [0, 1).
//   5. Exponential variates use inversion: -mean * ln(1 - U).
//
// Not for cryptography.
#include "memlab/rng.h"

#include <math.h>
#include <string.h>

// splitmix64_next — advance the splitmix64 counter in *x and return the
// next mixed value. Never fails.
static uint64_t splitmix64_next(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static inline uint64_t rotl64(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

// ml_rng_seed — fill r's state from `seed` through splitmix64. Any seed is
// valid; the same seed always gives the same stream. Never fails.
void ml_rng_seed(ml_rng_t *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64_next(&x);
    // xoshiro's one forbidden state is all zeros; splitmix64 cannot produce
    // four zero words in a row, but the guard costs nothing.
    if ((r->s[0] | r->s[1] | r->s[2] | r->s[3]) == 0)
        r->s[0] = 0x9e3779b97f4a7c15ULL;
}

// ml_rng_next — the next 64 uniformly distributed bits. Never fails.
uint64_t ml_rng_next(ml_rng_t *r)
{
    uint64_t *s = r->s;
    const uint64_t result = rotl64(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;

    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl64(s[3], 45);
    return result;
}

// Unbiased below
// --------------
// 2^64 is not a multiple of n in general, so `next % n` favours small
// residues. Let t = 2^64 mod n (computed as (-n) mod n in 64-bit unsigned
// arithmetic). The outputs in [t, 2^64) number 2^64 - t, a multiple of n, so
// taking `% n` of an output from that range is exactly uniform. An output
// below t is rejected and redrawn; that happens with probability t / 2^64 <
// n / 2^64, i.e. essentially never for the n that memlab uses.

// ml_rng_below — a uniform integer in [0, n); 0 when n == 0. Never fails.
uint64_t ml_rng_below(ml_rng_t *r, uint64_t n)
{
    if (n == 0)
        return 0;
    const uint64_t threshold = (0 - n) % n;
    for (;;) {
        uint64_t x = ml_rng_next(r);
        if (x >= threshold)
            return x % n;
    }
}

// ml_rng_range — a uniform integer in [lo, hi], both ends included; lo when
// hi < lo. Never fails.
uint64_t ml_rng_range(ml_rng_t *r, uint64_t lo, uint64_t hi)
{
    if (hi < lo)
        return lo;
    if (lo == 0 && hi == UINT64_MAX)
        return ml_rng_next(r);
    return lo + ml_rng_below(r, hi - lo + 1);
}

// ml_rng_double — a uniform double in [0, 1), a multiple of 2^-53. Never
// fails.
double ml_rng_double(ml_rng_t *r)
{
    return (double)(ml_rng_next(r) >> 11) * 0x1.0p-53;
}

// ml_rng_exp — an exponentially distributed double with the given mean
// (≥ 0, finite); 0 when mean ≤ 0 or is NaN. Uses inversion: U is in [0, 1),
// so 1 - U is in (0, 1] and its logarithm is finite. Never fails.
double ml_rng_exp(ml_rng_t *r, double mean)
{
    if (!(mean > 0))
        return 0;
    double u = ml_rng_double(r);
    return -mean * log1p(-u);
}

// swap_bytes — exchange the n bytes at a and b (distinct, non-overlapping).
static void swap_bytes(unsigned char *a, unsigned char *b, size_t n)
{
    unsigned char tmp[64];
    while (n > 0) {
        size_t k = n < sizeof tmp ? n : sizeof tmp;
        memcpy(tmp, a, k);
        memcpy(a, b, k);
        memcpy(b, tmp, k);
        a += k;
        b += k;
        n -= k;
    }
}

// ml_rng_shuffle — permute the n elements of `size` bytes at base uniformly
// at random (Fisher–Yates: for i from n-1 down to 1, swap element i with a
// uniform element in [0, i]). Every permutation is equally likely. Does
// nothing when n < 2 or size == 0. Never fails.
void ml_rng_shuffle(ml_rng_t *r, void *base, size_t n, size_t size)
{
    unsigned char *p = base;
    if (n < 2 || size == 0)
        return;
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = (size_t)ml_rng_below(r, (uint64_t)i + 1);
        if (j != i)
            swap_bytes(p + i * size, p + j * size, size);
    }
}

// rng.h — a small seeded PRNG (xoshiro256**), so every random input in
// memlab is reproducible from a printed seed.
#ifndef MEMLAB_RNG_H
#define MEMLAB_RNG_H

#include <stdint.h>
#include <stddef.h>

typedef struct ml_rng {
    uint64_t s[4];
} ml_rng_t;

// Seed the generator (any 64-bit seed, 0 included).
void ml_rng_seed(ml_rng_t *r, uint64_t seed);
uint64_t ml_rng_next(ml_rng_t *r);
// Uniform integer in [0, n) without modulo bias; returns 0 when n == 0.
uint64_t ml_rng_below(ml_rng_t *r, uint64_t n);
// Uniform integer in [lo, hi] (inclusive); lo when hi < lo.
uint64_t ml_rng_range(ml_rng_t *r, uint64_t lo, uint64_t hi);
// Uniform double in [0, 1).
double ml_rng_double(ml_rng_t *r);
// Exponentially distributed double with the given mean.
double ml_rng_exp(ml_rng_t *r, double mean);
// Shuffle n elements of `size` bytes in place (Fisher–Yates).
void ml_rng_shuffle(ml_rng_t *r, void *base, size_t n, size_t size);

#endif

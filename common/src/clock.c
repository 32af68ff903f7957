// clock.c — monotonic timing helpers for benchmarks and pause accounting.
//
// Benchmarks in memlab run on noisy, shared machines, so they time each run
// on CLOCK_MONOTONIC (never on the wall clock, which can jump), repeat runs,
// and report the median (robust to one slow outlier) and, across several
// ratios, the geometric mean (the only mean that treats "2× faster" and
// "2× slower" symmetrically).
//
//   ml_now_ns          wall-clock-like elapsed time, CLOCK_MONOTONIC
//   ml_thread_cpu_ns   CPU time of the calling thread,
//                      CLOCK_THREAD_CPUTIME_ID (excludes time descheduled)
//   ml_median          sorts the samples, middle one (mean of the two
//                      middle ones for an even count)
//   ml_geomean         exp(mean(log v)), computed through logarithms so
//                      that the product of many samples cannot overflow
#include "memlab/clock.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

// read_clock — the clock `id` in nanoseconds. A failing clock_gettime is a
// bug on any Linux memlab supports (both clocks always exist), so it aborts
// with a message rather than returning a time that would silently corrupt a
// measurement.
static uint64_t read_clock(clockid_t id, const char *who)
{
    struct timespec ts;
    if (clock_gettime(id, &ts) != 0) {
        perror(who);
        abort();
    }
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

// ml_now_ns — nanoseconds on CLOCK_MONOTONIC, from an arbitrary origin;
// only differences mean anything. Never decreases. Never fails.
uint64_t ml_now_ns(void)
{
    return read_clock(CLOCK_MONOTONIC, "ml_now_ns: clock_gettime");
}

// ml_thread_cpu_ns — CPU time consumed by the calling thread so far, in
// nanoseconds. Never fails.
uint64_t ml_thread_cpu_ns(void)
{
    return read_clock(CLOCK_THREAD_CPUTIME_ID, "ml_thread_cpu_ns: clock_gettime");
}

// cmp_double — a total order for qsort: ascending, NaNs after every number
// (so a stray NaN cannot make qsort's comparisons inconsistent).
static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    int na = isnan(a), nb = isnan(b);
    if (na || nb)
        return na - nb;
    return (a > b) - (a < b);
}

// ml_median — the median of the n samples in v: the middle sample when n is
// odd, the mean of the two middle samples when n is even; 0 when n == 0.
// Sorts v in place (ascending, NaNs last). Never fails.
double ml_median(double *v, size_t n)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, cmp_double);
    if (n % 2 == 1)
        return v[n / 2];
    // Halve before adding so that two huge samples cannot overflow.
    return v[n / 2 - 1] / 2 + v[n / 2] / 2;
}

// ml_geomean — the geometric mean (v[0] * ... * v[n-1])^(1/n), computed as
// exp of the mean of the logarithms; 0 when n == 0 or when any sample is
// ≤ 0 or NaN (a geometric mean is only defined for positive values). Leaves
// v unchanged. Never fails.
double ml_geomean(const double *v, size_t n)
{
    if (n == 0)
        return 0;
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(v[i] > 0))
            return 0;
        sum += log(v[i]);
    }
    return exp(sum / (double)n);
}

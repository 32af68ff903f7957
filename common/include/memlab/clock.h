// clock.h — monotonic timing helpers for benchmarks and pause accounting.
#ifndef MEMLAB_CLOCK_H
#define MEMLAB_CLOCK_H

#include <stdint.h>
#include <stddef.h>

// Nanoseconds on CLOCK_MONOTONIC.
uint64_t ml_now_ns(void);
// CPU time of the calling thread, nanoseconds.
uint64_t ml_thread_cpu_ns(void);
// The median of n samples (sorts `v` in place); 0 when n == 0.
double ml_median(double *v, size_t n);
// The geometric mean of n positive samples; 0 when n == 0 or any v ≤ 0.
double ml_geomean(const double *v, size_t n);

#endif

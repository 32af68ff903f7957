// perfindex.h — the allocator lab's performance index, in one place: the
// grading suite scores with it and the driver prints it.
//
// As in CS:APP's malloc lab, utilization and throughput are combined with
// weights 60 % / 40 %:
//     P = 0.6 · min(1, U / PERF_UTIL_FULL) + 0.4 · min(1, T / PERF_TPUT_FULL)
// U is the mean utilization over the traces (peak live payload bytes over
// the peak bytes in spans); T is the geometric mean over the traces of the
// allocator's throughput divided by glibc malloc's, measured in the same
// process, in alternation, each trace's ratio capped at PERF_TRACE_CAP
// first: a trace where glibc is slow (it is 10-40x slower than a size-class
// allocator on CS:APP's binary pattern) cannot make up for traces where the
// allocator is slower than glibc. T earns full credit at PERF_TPUT_FULL,
// a little under 1: one trace's timing can swing by a third on a loaded
// machine (pow2, whose spans come and go, moves most), and a design as fast
// as glibc everywhere must not lose points to that. Utilization earns full
// credit at
// PERF_UTIL_FULL, which Go's size classes can reach on these traces; no
// segregated-fit allocator reaches 100 % (rounding to a class and partly
// used spans always cost some).
#ifndef PERFINDEX_H
#define PERFINDEX_H

#define PERF_UTIL_WEIGHT 0.6
#define PERF_UTIL_FULL 0.80
#define PERF_TRACE_CAP 1.00
#define PERF_TPUT_FULL 0.90

#include <math.h>
#include <stddef.h>

// perf_throughput — T from the per-trace ratios: the geometric mean of
// min(ratio, PERF_TRACE_CAP) over the n ratios; 0 when n is 0 or a ratio
// is not positive.
static inline double perf_throughput(const double *ratio, size_t n)
{
    double logs = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(ratio[i] > 0))
            return 0;
        logs += log(ratio[i] < PERF_TRACE_CAP ? ratio[i] : PERF_TRACE_CAP);
    }
    return n ? exp(logs / (double)n) : 0;
}

// perf_index — P in [0, 1] from mean utilization u and throughput ratio t.
static inline double perf_index(double u, double t)
{
    double uc = u / PERF_UTIL_FULL, tc = t / PERF_TPUT_FULL;
    uc = uc < 0 ? 0 : uc > 1 ? 1 : uc;
    tc = tc < 0 ? 0 : tc > 1 ? 1 : tc;
    return PERF_UTIL_WEIGHT * uc + (1 - PERF_UTIL_WEIGHT) * tc;
}

#endif

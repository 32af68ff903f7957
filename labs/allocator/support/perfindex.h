// perfindex.h — the allocator lab's performance index, in one place: the
// grading suite scores with it and the driver prints it.
//
// As in CS:APP's malloc lab, utilization and throughput are combined with
// weights 60 % / 40 %:
//     P = 0.6 · min(1, U / PERF_UTIL_FULL) + 0.4 · min(1, T)
// U is the mean utilization over the traces (peak live payload bytes over
// the peak bytes in spans); T is the geometric mean over the traces of the
// allocator's throughput divided by glibc malloc's, measured in the same
// process, in alternation. Utilization earns full credit at
// PERF_UTIL_FULL, which Go's size classes can reach on these traces; no
// segregated-fit allocator reaches 100 % (rounding to a class and partly
// used spans always cost some).
#ifndef PERFINDEX_H
#define PERFINDEX_H

#define PERF_UTIL_WEIGHT 0.6
#define PERF_UTIL_FULL 0.80

// perf_index — P in [0, 1] from mean utilization u and throughput ratio t.
static inline double perf_index(double u, double t)
{
    double uc = u / PERF_UTIL_FULL, tc = t;
    uc = uc < 0 ? 0 : uc > 1 ? 1 : uc;
    tc = tc < 0 ? 0 : tc > 1 ? 1 : tc;
    return PERF_UTIL_WEIGHT * uc + (1 - PERF_UTIL_WEIGHT) * tc;
}

#endif

// charts.h — the chart data of the write-barrier lab that comes from running
// workloads (the benchmark writes it for heaps up to 64,000 objects, the
// grading suite for small heaps with the student's barriers):
//   floating-garbage.csv  unreachable objects marked at mark termination (so
//                         they survive the cycle), in % of the reachable ones
//                         and as counts, per barrier, per heap size; and the
//                         objects `none` lost;
//   rescan-work.csv       stop-the-world work per cycle: stack slots
//                         snapshotted at the start, and at termination slots
//                         and globals re-scanned plus objects drained.
// plots/write-barrier-floating-garbage.gp and -rescan-work.gp draw them.
#ifndef WB_CHARTS_H
#define WB_CHARTS_H

#include <stddef.h>
#include <stdio.h>

// The workloads' heap density: denser than the grading workloads' (whose
// sparse graphs make single paths, good at losing objects), so that about
// half of the objects are live.
#define WB_CHARTS_EDGE_P 0.6

// wb_charts_workloads — one cycle of the random workload of each size in
// sizes[0..n) for seeds 1..seeds, under each barrier (coin 0.5, budget 1);
// write the means to dir/floating-garbage.csv and dir/rescan-work.csv (via
// temporary files renamed into place) and a table to `summary` (may be
// NULL). 0, or -1 with a message on stderr.
int wb_charts_workloads(const char *dir, const size_t *sizes, size_t n, int seeds, FILE *summary);

#endif

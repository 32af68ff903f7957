# allocator-footprint.gp — the heap over time on one trace, from
# harness/bench/allocator.c's footprint.csv:
#   operation, live payload (KiB), this build's HeapInuse (KiB),
#   glibc's arena + mmapped bytes (KiB)
# peers: glibc
# (each is in the chart, or named under it as left out with the reason:
# tests/charts/check_charts.c checks it)
set title "Allocator lab: heap footprint over one trace"
set xlabel "operation"
set ylabel "KiB"
set key autotitle columnhead
set yrange [0:*]
# Explicit columns: a build whose mm failed the trace has an all-NaN column,
# which must leave a gap, not end the plot.
plot datafile using 1:2 with lines, "" using 1:3 with lines, "" using 1:4 with lines

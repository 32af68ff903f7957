# allocator-tradeoff.gp — utilization against throughput, one point per
# trace and allocator, from harness/bench/allocator.c's tradeoff.csv:
#   trace,<allocator> (%),<allocator> (Mops/s),...   (a pair of columns each)
# Utilization: peak live bytes over peak footprint, in percent (exact for
# this build; jemalloc's and tcmalloc's are lower bounds, their own in-use
# figures); throughput: million operations per second of CPU time, median of
# repeated runs. Up and to the right is better: an allocator buys one with
# the other.
# peers: glibc, jemalloc, mimalloc, tcmalloc
# (each is in the chart, or named under it as left out with the reason:
# tests/charts/check_charts.c checks it)
set title "Allocator lab: utilization against throughput, one point per trace (up and right is better)"
set xlabel "throughput (million operations per second of CPU time, log scale)"
set ylabel "utilization (peak live bytes / peak footprint, %)"
set logscale x
set yrange [0:105]
set grid xtics ytics lc rgb "#dddddd" lt 1
set key outside right top box opaque
plot for [i=2:*:2] datafile using (column(i + 1)):(column(i)) with points ps 1.4 \
     title columnhead(i)

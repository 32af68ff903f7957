# allocator-utilization.gp — utilization per trace, one bar per allocator
# (grouped bars), from harness/bench/allocator.c's utilization.csv (percent):
# peak live payload bytes / peak bytes the allocator holds (mm: HeapInuse,
# exact; the others: the footprint their statistics publish, sampled).
# peers: glibc, jemalloc, mimalloc, tcmalloc
# (each is in the chart, or named under it as left out with the reason:
# tests/charts/check_charts.c checks it)
set title "Allocator lab: utilization on each trace (higher is better)"
set ylabel "peak live bytes / peak bytes held (%)"
set xlabel "trace"
set key autotitle columnhead
set style data histogram
set style histogram clustered gap 1
set boxwidth 0.9
set yrange [0:*]
set xtics rotate by -30 left nomirror
set bmargin ml_bmargin + 2   # room for the rotated trace names
plot for [i=2:*] datafile using i:xtic(1)

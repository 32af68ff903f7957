# allocator-utilization.gp — utilization per trace, one bar per allocator
# (grouped bars), from harness/bench/allocator.c's utilization.csv (percent):
# peak live payload bytes / peak bytes the allocator holds (mm: HeapInuse,
# exact; the others: the footprint their statistics publish, sampled).
set title "Allocator lab: utilization on each trace (higher is better)"
set ylabel "peak live bytes / peak bytes held (%)"
set xlabel "trace"
set key autotitle columnhead
set style data histogram
set style histogram clustered gap 1
set boxwidth 0.9
set yrange [0:*]
set xtics rotate by -30 left nomirror
plot for [i=2:*] datafile using i:xtic(1)

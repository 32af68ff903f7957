# allocator-footprint.gp — the heap over time on one trace, from
# harness/bench/allocator.c's footprint.csv:
#   operation, live payload (KiB), this build's HeapInuse (KiB),
#   glibc's arena + mmapped bytes (KiB)
set title "Allocator lab: heap footprint over one trace"
set xlabel "operation"
set ylabel "KiB"
set key autotitle columnhead
set yrange [0:*]
plot for [i=2:*] datafile using 1:i with lines

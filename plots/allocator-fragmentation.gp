# allocator-fragmentation.gp — internal fragmentation per size class, from
# harness/bench/allocator.c's fragmentation.csv:
#   object size (bytes), worst case in Go's table (%), measured on a trace (%)
# The worst case is Go's own: every object one byte larger than the class
# below, plus the span's tail. The measured waste is object size minus
# request over the requests the allocator sent to the class.
set title "Allocator lab: internal fragmentation per size class"
set xlabel "object size of the size class (bytes, log scale)"
set ylabel "wasted bytes (% of the objects' size)"
set key autotitle columnhead
set logscale x 2
set format x "%.0f"
set yrange [0:*]
set xrange [6:40000]
plot datafile using 1:2 with linespoints, \
     datafile using 1:3 with points pointsize 1.5

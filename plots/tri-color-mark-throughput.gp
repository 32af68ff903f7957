# tri-color-mark-throughput.gp — marking throughput against live heap size
# (harness/bench/tri-color.c → mark-throughput.csv): the lab's marker and the
# core's stop-the-world marker, on GCBench binary trees, same run.
# Columns: live objects, live MiB, tri-color Mobj/s, core STW marker Mobj/s,
#          tri-color MiB/s, core STW marker MiB/s.
set title "Tri-color marking throughput vs live heap size (GCBench binary trees)"
set key autotitle columnhead
set xlabel "live objects (log scale)"
set ylabel "million objects marked per second"
set y2label "MiB marked per second"
set logscale x 2
set format x "2^{%L}"
set yrange [0:*]
set y2range [0:*]
set ytics nomirror
set y2tics
plot datafile using 1:3 with linespoints lt 1 title "tri-color marker (objects/s)", \
     datafile using 1:4 with linespoints lt 2 title "core STW marker (objects/s)", \
     datafile using 1:5 axes x1y2 with linespoints lt 1 dt 2 pt 6 title "tri-color marker (MiB/s, right axis)"

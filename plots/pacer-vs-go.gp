# pacer-vs-go.gp — the steady workload (GOGC=100), cycle by cycle: the heap
# when each cycle started (A), when marking ended (B), what it marked (C)
# and the goal, the lab's pacer and Go's runtime on the same axes
# (harness/bench/pacer.c → vs-go.csv). Columns: cycle, lab_a_mb, lab_b_mb,
# lab_c_mb, lab_goal_mb, go_a_mb, go_b_mb, go_c_mb, go_goal_mb.
# peers: Go
# (each is in the chart, or named under it as left out with the reason:
# tests/charts/check_charts.c checks it)
set title "steady, GOGC=100, cycle by cycle: the lab's pacer and Go 1.19 (gctrace A->B->C, goal)"
set key outside right top box opaque
set xlabel "GC cycle"
set ylabel "heap (MiB; Go's rounded down to whole MB)"
set yrange [0:*]
set xtics 1
plot datafile using 1:3 with linespoints lt 1 title "lab: B, heap at mark end", \
     datafile using 1:5 with lines lt 1 dt 2 title "lab: goal", \
     datafile using 1:4 with linespoints lt 3 pt 6 title "lab: C, marked live", \
     datafile using 1:7 with linespoints lt 2 title "Go: B, heap at mark end", \
     datafile using 1:9 with lines lt 2 dt 2 title "Go: goal", \
     datafile using 1:8 with linespoints lt 4 pt 6 title "Go: C, marked live"

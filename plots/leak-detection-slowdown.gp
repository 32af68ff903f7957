# leak-detection-slowdown.gp — what a leak checker costs an allocation-heavy
# program (harness/bench/leak-detection.c → slowdown.csv): the allocator
# lab's traces replayed alone, under the lab's tracker, under valgrind's
# memcheck and built with LeakSanitizer, same run. Columns: configuration,
# CPU s, wall s, CPU slowdown, wall slowdown (medians).
# peers: valgrind, LeakSanitizer
# (each is in the chart, or named under it as left out with the reason:
# tests/charts/check_charts.c checks it)
set title "Leak checkers on an allocation-heavy program (allocator traces replayed)"
set ylabel "slowdown vs the program alone (×, log scale)"
set xlabel "configuration"
set logscale y
set yrange [0.5:*]
# The first line names the columns: without columnhead it would be read as
# an empty first group and push the last configuration off the axis.
set key autotitle columnhead
set offsets 0, 0, graph 0.08, 0
set style data histograms
set style histogram clustered gap 1
set boxwidth 0.9
plot datafile using 4:xtic(1) title "CPU time (user + system)" lt 1, \
     datafile using 5 title "wall time" lt 2, \
     datafile using ($0 - 0.167):4:(sprintf("%.1f×", $4)) with labels offset 0, 0.7 font "sans,9" notitle, \
     datafile using ($0 + 0.167):5:(sprintf("%.1f×", $5)) with labels offset 0, 0.7 font "sans,9" notitle, \
     1 with lines dt 2 lc rgb "#555555" notitle, \
     3 with lines dt 3 lc rgb "#d62728" title "target for the tracker (3×)"

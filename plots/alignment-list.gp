# alignment-list.gp — summing N longs from an array, from a linked list whose
# nodes lie in address order, and from the same list with its nodes shuffled,
# from harness/bench/alignment.c's list.csv:
#   elements, array, linked list: nodes in order, linked list: nodes shuffled
# (ns per element, medians of repeated runs).
stats datafile using 1:($4/$2) nooutput
ratio = STATS_max_y
set title sprintf("Alignment lab: array vs linked list — a shuffled list is up to %.0fx slower than an array", ratio)
set xlabel "elements (log scale)"
set ylabel "ns per element (median, log scale)"
set key autotitle columnhead
set key noenhanced
set logscale x 2
set logscale y 10
set format x "2^{%L}"
set grid xtics ytics lc rgb "#dddddd"
plot for [i=2:4] datafile using 1:i with linespoints

# alignment-false-sharing.gp — two threads each incrementing its own counter,
# from harness/bench/alignment.c's false-sharing.csv:
#   case, CPU ns per increment (median), min, max, ratio to padded
# The counters share one 64-byte cache line, or are 64 bytes apart, or one
# thread runs alone; the bars are medians of repeated runs, the error bars
# their min and max.
stats datafile every ::1::1 using 5 nooutput
ratio = STATS_max
set title sprintf("Alignment lab: false sharing — counters in one cache line take %.1fx the time of padded ones", ratio)
set ylabel "CPU ns per increment (median; bars: min to max)"
set xlabel "where the two counters live"
set key autotitle columnhead   # the first line names the columns
unset key
set style fill solid 0.85 border -1
set boxwidth 0.5
set yrange [0:*]
set xrange [-0.6:2.6]
set offsets 0, 0, graph 0.12, 0
set xtics noenhanced nomirror
plot datafile using 0:2:xtic(1) with boxes lc rgb "#1f77b4", \
     '' using 0:2:3:4 with yerrorbars lc rgb "#333333" pt 7 ps 0 lw 1.5, \
     '' using 0:4:(sprintf("%.2f ns (%.1fx)", $2, $5)) with labels offset 0, 1

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
# The bars' scale is set by the medians: a noisy run's max (an error bar
# several times the median) would flatten the bars it is compared with, so
# the axis stops at 1.5x the largest median and an error bar that goes
# beyond is cut there and labelled with its true max.
stats datafile using 2 nooutput
ml_cap = 1.5 * STATS_max
set yrange [0:ml_cap]
set xrange [-0.6:2.6]
set offsets 0, 0, graph 0.12, 0
set xtics noenhanced nomirror
set style textbox opaque noborder   # value labels stay legible over the error bars
plot datafile using 0:2:xtic(1) with boxes lc rgb "#1f77b4", \
     '' using 0:2:3:($4 > ml_cap ? ml_cap : $4) with yerrorbars lc rgb "#333333" pt 7 ps 0 lw 1.5, \
     '' using 0:($4 > ml_cap ? $2 : $4):(sprintf("%.2f ns (%.1fx)", $2, $5)) with labels boxed offset 0, 1, \
     '' using ($0 + 0.04):(ml_cap):($4 > ml_cap ? sprintf("max %.2f ns, off the scale", $4) : "") \
        with labels left offset 0, -0.7 font "sans,9" tc rgb "#a01010"

# allocator-score.gp — what the grading suite measured on each trace (its
# perf test writes score.csv): utilization and throughput relative to glibc
# malloc, both in percent; 80 % utilization and 100 % throughput earn full
# credit (labs/allocator/support/perfindex.h).
# peers: glibc
# (each is in the chart, or named under it as left out with the reason:
# tests/charts/check_charts.c checks it)
#
# The axis is capped: on a trace where glibc is very slow the throughput
# ratio can reach thousands of percent, and a linear axis up to it would
# flatten every other bar and the 80 % and 100 % lines the grade depends on
# (a log axis would squeeze the utilization bars, whose differences between
# 50 % and 100 % are the point). The axis stops at twice the median
# throughput ratio (at least 200 %); a bar beyond is cut there and
# labelled with its true value. Above the cap: room for the key.
set title "Allocator lab: utilization and throughput vs glibc, per trace (grading run)"
set ylabel "utilization, and throughput relative to glibc (%)"
set xlabel "trace"
set key autotitle columnhead
set style data histogram
set style histogram clustered gap 1
set boxwidth 0.9
stats datafile using 3 nooutput
ml_cap = 2 * STATS_median < 200 ? 200 : 2 * STATS_median
ml_cap = STATS_max < ml_cap ? STATS_max * 1.1 : ml_cap
ml_cap = ml_cap < 110 ? 110 : ml_cap   # a submission that scored nothing still shows the 100 % line
set yrange [0:ml_cap * 1.3]
set xtics rotate by -30 left nomirror
set bmargin ml_bmargin + 2   # room for the rotated trace names
set key inside top center horizontal maxrows 2 box opaque   # above the capped bars
set style textbox opaque noborder
# Two bars per trace (gap 1): centres at -1/6 and +1/6 of the group.
plot datafile using 2:xtic(1) lt 1, \
     '' using ($3 > ml_cap ? ml_cap : $3) lt 2, \
     '' using ($0 + 1.0/6):(ml_cap):($3 > ml_cap ? sprintf("%.0f %% ↑", $3) : "") \
        with labels boxed offset 0, 0.8 font "sans,9" tc rgb "#a01010" notitle, \
     80 with lines dashtype 2 lc rgb "#555555" title "80 % (utilization: full credit)", \
     100 with lines dashtype 3 lc rgb "#222222" title "100 % (throughput: full credit)"

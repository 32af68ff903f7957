# allocator-score.gp — what the grading suite measured on each trace (its
# perf test writes score.csv): utilization and throughput relative to glibc
# malloc, both in percent; 80 % utilization and 100 % throughput earn full
# credit (labs/allocator/support/perfindex.h).
# peers: glibc
# (each is in the chart, or named under it as left out with the reason:
# tests/charts/check_charts.c checks it)
set title "Allocator lab: utilization and throughput vs glibc, per trace (grading run)"
set ylabel "utilization, and throughput relative to glibc (%)"
set xlabel "trace"
set key autotitle columnhead
set style data histogram
set style histogram clustered gap 1
set boxwidth 0.9
set yrange [0:*]
set xtics rotate by -30 left nomirror
set bmargin ml_bmargin + 2   # room for the rotated trace names
plot for [i=2:*] datafile using i:xtic(1), 80 with lines dashtype 2 lc rgb "#555555" title "80 %", \
     100 with lines dashtype 3 lc rgb "#999999" title "100 %"

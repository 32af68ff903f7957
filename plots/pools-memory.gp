# pools-memory.gp — what each pool holds: its peak and what it still holds
# after the workload gave every object back (harness/bench/pools.c →
# memory.csv; workloads of support/workloads.h).
# Columns: run (workload: pool), the live KiB the workload needed (its
# malloc run's requested bytes), the pool's peak KiB, KiB held after.
set title "Memory a pool holds: at its peak and after the workload gave everything back"
set key autotitle columnhead
set style data histograms
set style histogram clustered gap 1
set boxwidth 0.9
set logscale y 2
stats datafile using 3 nooutput
set yrange [1:STATS_max * 64]   # room for the key above the bars
set ylabel "KiB (log scale)"
set xlabel "workload: pool" offset 0, 2   # up from the footnote
set xtics rotate by -30 font "sans,9" noenhanced
set bmargin ml_bmargin + 4   # room for the rotated run names
set key inside left top box opaque font "sans,10"
plot datafile using 2:xtic(1) lt 7, '' using 3 lt 1, '' using 4 lt 2

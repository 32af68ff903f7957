# pacer-settings.gp — cycles and the collector's share of the CPU per
# setting, the lab's pacer beside Go's runtime, same workloads, GOMAXPROCS=1
# (harness/bench/pacer.c → settings.csv). Columns: setting, lab_cycles,
# go_cycles, lab_gc_pct, go_gc_pct, lab_peak_mb, go_peak_mb.
# peers: Go
# (each is in the chart, or named under it as left out with the reason:
# tests/charts/check_charts.c checks it)
set multiplot layout 1,2 title "GC cycles and GC CPU per setting: the lab's pacer and Go 1.19"
set style data histograms
set style histogram clustered gap 1
set boxwidth 0.9
set xtics rotate by -35 font ",9" noenhanced
set key inside left top box opaque font ",9"
set xlabel "setting (workload, GOGC, memory limit)" offset 0, 1.5
# The first line names the columns: without columnhead it would be read as
# an empty first group.
set key autotitle columnhead
set bmargin ml_bmargin + 3   # room for the rotated settings
# Without Go (its columns all NaN; the note under the chart says why) each
# panel draws the lab's bars alone: a histogram of no valid points would
# stop the chart.
stats datafile using (valid(3) ? 1 : 0) nooutput
ml_go = STATS_sum > 0
ml_nogo = ml_go ? "" : "Go left out: see the note under the chart"
set title "cycles for 256 MiB allocated"
set ylabel "GC cycles (log scale)"
set logscale y 10
set yrange [1:*]
# A setting without a cycle (GOGC=off) has no bar on a log axis: it says "0".
set label 1 ml_nogo at graph 0.5, graph 0.6 center
if (ml_go) {
    plot datafile using 2:xtic(1) title "lab pacer (virtual time)" lt 1, \
         '' using 3 title "Go runtime (GODEBUG=gctrace=1)" lt 2, \
         '' using 0:(1):($2 == 0 ? "0 cycles" : "") with labels rotate by 90 left offset 0, 0.5 \
            font ",9" notitle
} else {
    plot datafile using 2:xtic(1) title "lab pacer (virtual time)" lt 1, \
         '' using 0:(1):($2 == 0 ? "0 cycles" : "") with labels rotate by 90 left offset 0, 0.5 \
            font ",9" notitle
}
unset logscale y
set title "the collector's share of the CPU"
set ylabel "GC CPU (%)"
set yrange [0:100]
if (ml_go) {
    plot datafile using 4:xtic(1) title "lab pacer: GCCPUFraction" lt 1, \
         '' using 5 title "Go: gctrace % (counted differently: see the handout)" lt 2, \
         '' using 0:(1):($4 == 0 && $5 == 0 ? "no GC" : "") with labels rotate by 90 left \
            offset 0, 0.5 font ",9" notitle
} else {
    plot datafile using 4:xtic(1) title "lab pacer: GCCPUFraction" lt 1, \
         '' using 0:(1):($4 == 0 ? "no GC" : "") with labels rotate by 90 left offset 0, 0.5 \
            font ",9" notitle
}
unset multiplot

# tri-color-gcbench.gp — one full collection (mark + sweep) of GCBench's heap
# shape, the lab's collector against the Boehm GC's GC_gcollect(), same run
# (harness/bench/tri-color.c → gcbench.csv).
# Columns: long-lived depth, live objects, tri-color ms, Boehm GC ms, ratio.
# peers: Boehm GC
# (each is in the chart, or named under it as left out with the reason:
# tests/charts/check_charts.c checks it)
set title "Full collection time, GCBench heap: tri-color collector vs Boehm GC"
set key autotitle columnhead
set xlabel "live objects (log scale; long-lived tree depth 4 … 20: small heaps show the fixed cost per cycle)"
set ylabel "CPU time of one full collection (ms, log scale)"
set y2label "ratio tri-color / Boehm"
set logscale x 2
set logscale y 10
set format x "2^{%L}"
set ytics nomirror
set y2tics
set y2range [0:1<*]  # the target line at 1 always shows
set arrow 1 from graph 0, second 1 to graph 1, second 1 nohead dt 3 lc rgb "#555555"
# Without Boehm (its columns empty; the note under the chart says why) the
# collector's line is drawn alone: an axis of no valid points would stop the
# chart.
stats datafile using (valid(4) ? 1 : 0) nooutput
if (STATS_sum > 0) {
    plot datafile using 2:3 with linespoints lt 1 title "tri-color collector (mark + sweep)", \
         datafile using 2:4 with linespoints lt 4 title "Boehm GC, GC\\_gcollect (1 marker)", \
         datafile using 2:5 axes x1y2 with points lt 3 pt 9 ps 1.5 \
            title "ratio (right axis; target ≤ 1)"
} else {
    unset arrow 1
    unset y2tics
    unset y2label
    set label 1 "Boehm GC left out: see the note under the chart" at graph 0.03, graph 0.95 left
    plot datafile using 2:3 with linespoints lt 1 title "tri-color collector (mark + sweep)"
}

# escape-cost.gp — what escape analysis's verdict costs at run time, from
# harness/bench/escape.c's cost.csv:
#   method, size, ns per object (median), min, max, allocations per object
# Left: a short-lived object of SIZE bytes in a C stack frame ("does not
# escape"), from malloc/free, and from the core's garbage-collected heap with
# its collections ("escapes to heap"). Right, when Go was installed: Go's own
# testing.B pair, a constructor returning *T (escapes, one allocation per
# call) against one returning T (stays on the stack).
# peers: Go
# (each is in the chart, or named under it as left out with the reason:
# tests/charts/check_charts.c checks it)
set key inside
set multiplot layout 1,2 title "Escape lab: the cost of an object on the heap instead of the stack" font "sans,13"
set title "C: one object written and read, per size"
set xlabel "object size (bytes, log scale)"
set ylabel "ns per object (median; bars: min to max)"
set logscale x 2
set logscale y 10
set xtics (16, 64, 256, 1024, 4096)
set xrange [12:5500]
set key inside bottom right box opaque font "sans,10"   # the data sit high; the bottom is free
plot datafile using (strcol(1) eq "stack" ? $2 : 1/0):3:4:5 with yerrorlines lt 3 title "stack (does not escape)", \
     '' using (strcol(1) eq "malloc" ? $2 : 1/0):3:4:5 with yerrorlines lt 2 title "malloc + free", \
     '' using (strcol(1) eq "gc-heap" ? $2 : 1/0):3:4:5 with yerrorlines lt 4 title "GC heap + collection (escapes)"
unset logscale x
unset logscale y
set title "Go (testing.B): a 64-byte T from a constructor"
set xlabel "constructor" offset 0, -1   # below the two-line tic labels
set ylabel "ns per call (labels: allocs/op)"
set yrange [0:*]
set xrange [-0.6:1.6]
set style fill solid 0.85 border -1
set boxwidth 0.5
set offsets 0, 0, graph 0.15, 0
unset key
set xtics ("returns *T\n(escapes)" 0, "returns T\n(stack)" 1) nomirror
# Without Go (its rows missing; the note under the chart says why) the panel
# stays, empty, and says so.
stats datafile using (strcol(1) eq "go-escaping" || strcol(1) eq "go-stack" ? 1 : 0) nooutput
if (STATS_sum < 2) {
    set yrange [0:1]
    set label 1 "Go left out: see the note under the chart" at graph 0.5, 0.5 center
    plot -1 notitle
} else {
plot datafile using (strcol(1) eq "go-escaping" ? 0 : 1/0):3 with boxes lt 4, \
     '' using (strcol(1) eq "go-stack" ? 1 : 1/0):3 with boxes lt 3, \
     '' using (strcol(1) eq "go-escaping" ? 0 : (strcol(1) eq "go-stack" ? 1 : 1/0)):3:(sprintf("%.1f ns, %d alloc/op", $3, $6)) with labels offset 0, 1
}
unset multiplot

# write-barrier-store-cost.gp — the cost of one pointer store
# (harness/bench/write-barrier.c → store-cost.csv), medians of repeated runs:
# plain C stores (through an inline function called as ml_gc_write_ptr is:
# the same loop code but for the barrier, the baseline of the ratios; and
# written `*slot = val`), the core's ml_gc_write_ptr with GC off and store counting
# off (its fast path: one flag test), the same with the core's store counting
# on (opt-in), GC off again in the loop that just ran the slow path (a
# store site pays more while the processor still expects its slow path),
# GC off in a copy of the loop built with -fsplit-loops (the flag test
# leaves the loop), and ml_gc_write_ptr while marking runs under each
# barrier. Two loops: random slots (bound by a serial LCG: latency) and
# sequential slots (bound by throughput). The peer: Go's own barrier test,
# the same loops in Go under GOGC=off, a pointer store beside a uintptr store
# (labs/write-barrier/data/go/storecost.go; its ratios are to Go's uintptr
# store).
# peers: Go
# (in the chart, or named under it as left out with the reason: no Go
# toolchain, or --no-go)
# Columns: variant, random slots (ns), sequential slots (ns), and their
# ratios to a plain store.
set title "Write barriers: cost of a pointer store (target: GC off within 5 % of a plain store)"
set key autotitle columnhead
set xlabel "how the store is done"
set ylabel "ns per pointer store (median)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set yrange [0:*]
set offsets 0, 0, graph 0.1, 0
set xtics noenhanced nomirror rotate by -20
set bmargin ml_bmargin + 2   # room for the rotated names
plot datafile using 2:xtic(1) lt 1 title "random slots", \
     '' using 3 lt 2 title "sequential slots", \
     '' using ($0-0.17):2:(sprintf("%.2fx", $4)) with labels offset 0,0.8 font "sans,9" notitle, \
     '' using ($0+0.17):3:(sprintf("%.2fx", $5)) with labels offset 0,0.8 font "sans,9" notitle

# write-barrier-rescan-work.gp — stop-the-world root work per cycle, per
# barrier, over heap sizes (harness/bench/write-barrier.c → rescan-work.csv):
# stack slots scanned in the start-of-cycle snapshot, and at mark termination
# stack slots and globals re-scanned plus the objects drained after the
# re-scan. Columns: heap objects, Dijkstra at start, Dijkstra at termination,
# Yuasa at start, Yuasa at termination, hybrid at start, hybrid at
# termination, Dijkstra re-scanned, Dijkstra drained after re-scan.
set title "Write barriers: stop-the-world stack work per cycle (the world is stopped for it)"
set key autotitle columnhead
set xlabel "objects in the heap when the cycle starts (goroutine stacks grow with it)"
set ylabel "work units (stack slots scanned + objects drained, log scale)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
# Log scale: the work grows with the heap (x4 per group), and on a linear
# axis the biggest heap flattens the small ones. Hybrid's termination work is
# 0, which a log axis cannot draw: its bars stay empty and are labelled "0".
set logscale y 10
set yrange [1:*]
set offsets 0, 0, graph 0.08, 0
set xtics nomirror
set key inside left top box opaque   # the small heaps leave the top left free
plot datafile using 3:xtic(1) lt 1 title "Dijkstra: re-scan at termination", \
     '' using 4 lt 2 title "Yuasa: snapshot at the start", \
     '' using ($6+$7) lt 3 title "hybrid: start + termination", \
     '' using ($0-0.27):3:(sprintf("%.0f", $3)) with labels offset 0,0.7 font "sans,8" notitle, \
     '' using ($0):4:(sprintf("%.0f", $4)) with labels offset 0,1.6 font "sans,8" notitle, \
     '' using ($0+0.27):($6+$7 > 1 ? $6+$7 : 1):(sprintf("%.0f", $6+$7)) with labels offset 0,0.7 \
        font "sans,8" notitle

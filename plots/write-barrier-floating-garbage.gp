# write-barrier-floating-garbage.gp — floating garbage per barrier over heap
# sizes (harness/bench/write-barrier.c → floating-garbage.csv): objects that
# are unreachable at mark termination but marked, so they survive the cycle,
# in % of the reachable objects; mean over seeds of one cycle of a random
# workload. Columns: heap objects, none, Dijkstra, Yuasa, hybrid (%), the same
# as object counts, objects `none` lost.
set title "Write barriers: floating garbage (unreachable objects that survive the cycle)"
set key autotitle columnhead
set xlabel "objects in the heap when the cycle starts"
set ylabel "floating garbage (% of the reachable objects)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set yrange [0:*]
set offsets 0, 0, graph 0.08, 0
set xtics nomirror
plot datafile using 2:xtic(1) lt 7 title "none (but it loses objects)", \
     '' using 3 lt 1 title "Dijkstra", \
     '' using 4 lt 2 title "Yuasa", \
     '' using 5 lt 3 title "hybrid"

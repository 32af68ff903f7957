# pools-victim.gp — the victim cache of the lab's sync.Pool analogue: bursty
# cycles of gets and puts, each followed by a collection (pool_gc). Objects
# kept after each collection, and the new_fn calls of each cycle: a burst no
# larger than the previous one is served from the victim, without new_fn
# (harness/bench/pools.c → victim.csv).
# Columns: cycle, burst, new_calls, kept_after_gc, in_victim_after_gc.
set title "Pools lab: spool across pool_gc calls: objects kept by the victim cache, and new objects made" noenhanced
set key autotitle columnhead
set style data histograms
set style histogram clustered gap 1
set boxwidth 0.9
set xlabel "cycle (each: get a burst of objects, put them back, then pool_gc)" noenhanced
set ylabel "objects"
# Room above the bars for the key, inside the plot (a key outside would
# take a third of the width).
stats datafile using 2 nooutput
set yrange [0:STATS_max * 1.35]
set key inside right top box opaque
plot datafile using 2:xtic(1) title "burst (objects got)", \
     '' using 3 title "new\\_fn calls (the pool had too few)", \
     '' using 4 title "kept after pool\\_gc (all in the victim)", \
     '' using 0:(0):($2 == 0 && $4 == 0 ? "no gets, none kept" : "") with labels rotate by 90 \
        left offset 0, 0.5 font "sans,9" notitle

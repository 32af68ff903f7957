# pacer-heap.gp — the heap over time against its goal and the memory limit,
# one panel per setting (harness/bench/pacer.c → heap.csv, one block per
# setting: steady at GOGC 50, 100, 200, off; steady under a 28 MiB limit;
# overlimit under 48 MiB). Columns: t_s, heap_mb, goal_mb, mapped_mb, limit_mb.
set multiplot layout 2,3 title "Heap over (virtual) time: the lab's pacer, GOGC and the memory limit"
set key inside right bottom box opaque font ",8"
set xlabel "virtual time (s)"
set ylabel "MiB"
set yrange [0:*]
array T[6] = ["steady, GOGC=50", "steady, GOGC=100", "steady, GOGC=200", "steady, GOGC=off", \
              "steady, GOGC=100, 28 MiB limit", "overlimit (64 MiB live), 48 MiB limit"]
do for [k=0:5] {
    set title T[k + 1] noenhanced
    plot datafile index k using 1:2 with lines lt 1 title "heap live", \
         datafile index k using 1:3 with lines lt 2 dt 2 title "goal", \
         datafile index k using 1:4 with lines lt 3 lw 1 title "memory held", \
         datafile index k using 1:5 with lines lt 4 dt 3 title "limit"
}
unset multiplot

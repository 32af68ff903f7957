# pools-churn.gp — ns per get+put of the pools lab's pools against malloc/free
# of glibc, jemalloc and mimalloc, object sizes 16 B … 64 KiB, one object
# held (get, use, put), one and two threads, one run
# (harness/bench/pools.c → churn.csv).
# Columns: size, then for 1 thread and for 2 threads: glibc, jemalloc,
# mimalloc, fixpool, spool, bufpool, bpool (ns per operation, CPU time).
# peers: glibc, jemalloc, mimalloc
# (each is in the chart, or named under it as left out with the reason:
# tests/charts/check_charts.c checks it)
set multiplot layout 1,2 title "Object churn (get, use, put): the lab's pools vs malloc/free" font "sans,14"
set key autotitle columnhead
set logscale x 2
set logscale y 10
set format x "2^{%L}"
set xlabel "object size (bytes, log scale)"
set ylabel "ns per get + put (CPU time, log scale)"
set key inside left top box opaque font "sans,9"
set lmargin 10
set title "1 thread"
plot for [c=2:8] datafile using 1:c with linespoints lt (c-1)
set title "2 threads (fixpool, bufpool: per thread; spool, bpool: shared)"
plot for [c=9:15] datafile using 1:c with linespoints lt (c-8)
unset multiplot

# common.gp — the house style of every memlab chart. scripts/plots.sh loads it
# before a chart script, with datafile, outfile, termtype and footnote set.
if (termtype eq "svg") {
    set terminal svg size 900,540 dynamic enhanced font "sans,12" background rgb "white"
} else {
    set terminal pngcairo size 1200,720 enhanced font "sans,12" background rgb "white"
}
set output outfile
set datafile separator ","
set key outside right top box opaque
set grid ytics lc rgb "#dddddd" lt 1
set border 3
set tics nomirror
set style fill solid 0.85 border -1
set bmargin 6
# The machine and the date, small, under the chart.
set label 99 footnote at screen 0.01, screen 0.02 left font "sans,9" tc rgb "#555555" noenhanced
# A palette that stays readable in grayscale.
set linetype 1 lc rgb "#1f77b4" lw 2 pt 7
set linetype 2 lc rgb "#ff7f0e" lw 2 pt 5
set linetype 3 lc rgb "#2ca02c" lw 2 pt 9
set linetype 4 lc rgb "#d62728" lw 2 pt 11
set linetype 5 lc rgb "#9467bd" lw 2 pt 13
set linetype 6 lc rgb "#8c564b" lw 2 pt 3
set linetype 7 lc rgb "#7f7f7f" lw 2 pt 1

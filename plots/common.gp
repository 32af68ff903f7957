# common.gp — the house style of every memlab chart. scripts/plots.sh loads it
# before a chart script, with datafile, outfile, termtype, footnote and
# leftout set.
#
# Under every chart: the machine and the date (label 99), and above them one
# line per peer the bench left out of the chart, "left out: PEER: REASON"
# (labels 90..98, from `leftout`). `ml_bmargin` is the bottom margin that
# leaves room for them: a chart that needs more (rotated tic labels) sets
# `set bmargin ml_bmargin + N`.
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
# The machine and the date, small, under the chart.
set label 99 footnote at screen 0.01, screen 0.02 left font "sans,9" tc rgb "#555555" noenhanced
# The peers left out, one line each (tab-separated in leftout), in dark red.
if (!exists("leftout")) { leftout = "" }
ml_nleft = 0
ml_rest = leftout
while (strlen(ml_rest) > 0 && ml_nleft < 9) {
    ml_tab = strstrt(ml_rest, "\t")
    ml_line = ml_tab ? ml_rest[1:ml_tab - 1] : ml_rest
    ml_rest = ml_tab ? ml_rest[ml_tab + 1:] : ""
    ml_nleft = ml_nleft + 1
    set label (89 + ml_nleft) "left out: ".ml_line at screen 0.01, screen 0.02 + 0.032 * ml_nleft \
        left font "sans,9" tc rgb "#a01010" noenhanced
}
ml_bmargin = 6 + 1.6 * ml_nleft
set bmargin ml_bmargin
# A palette that stays readable in grayscale.
set linetype 1 lc rgb "#1f77b4" lw 2 pt 7
set linetype 2 lc rgb "#ff7f0e" lw 2 pt 5
set linetype 3 lc rgb "#2ca02c" lw 2 pt 9
set linetype 4 lc rgb "#d62728" lw 2 pt 11
set linetype 5 lc rgb "#9467bd" lw 2 pt 13
set linetype 6 lc rgb "#8c564b" lw 2 pt 3
set linetype 7 lc rgb "#7f7f7f" lw 2 pt 1

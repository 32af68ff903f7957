# gradebook-scores.gp — how a class scored, one group of bars per tenth of a
# lab's maximum and one bar per lab, from the scores.csv that `grader class`
# (harness/grader/classbook.c) writes: bin, then per lab the number of
# students whose score fell in that bin (100% is a bin of its own).
set title "Class scores: students per tenth of each lab's maximum"
set ylabel "students"
set xlabel "score (% of the lab's maximum)"
set key autotitle columnhead
set style data histogram
set style histogram clustered gap 1
set boxwidth 0.9
set yrange [0:*]
set ytics 1
set xtics nomirror
plot for [i=2:*] datafile using i:xtic(1)

#!/bin/bash
# part-times.sh — what each part of `make test` costs: runs the parts named
# (make targets, e.g. test-prebuild test-harness test-lab-pools test-fuzz),
# one after the other, each alone, and prints a table of the wall time and
# the CPU time (user + system, of every process the part ran) of each.
#
#   tests/part-times.sh [PART...]
#
# Without PART: every part of `make test` in its order (test-prebuild,
# test-harness, then each part of the two lanes; `make test-parts` lists
# them). CPU time is the figure to compare on a shared machine: wall time
# grows with the load, CPU time hardly. A part that fails is marked FAILED
# in the table (its output is in build/test/part-times/<part>.log) and the
# script exits 1 after the other parts ran. The table also goes to
# build/test/part-times.txt.
set -u
cd "$(dirname "$0")/.." || exit 2
make=${MAKE:-make}
if [ $# -eq 0 ]; then
    read -r -a parts <<<"$($make --no-print-directory -s test-parts)"
    set -- "${parts[@]}"
fi
out=build/test/part-times
mkdir -p "$out"
table=${PART_TIMES_TABLE:-build/test/part-times.txt}
fail=0 wall_sum=0 cpu_sum=0
printf '%-34s %9s %9s\n' part "wall (s)" "CPU (s)" | tee "$table"
for p in "$@"; do
    if /usr/bin/time -o "$out/$p.time" -f '%e %U %S' \
        "$make" --no-print-directory "$p" >"$out/$p.log" 2>&1; then
        note=
    else
        note=" FAILED (log: $out/$p.log)"
        fail=1
    fi
    read -r wall user sys < <(tail -n 1 "$out/$p.time")
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
    wall_sum=$(awk -v a="$wall_sum" -v b="$wall" 'BEGIN { print a + b }')
    cpu_sum=$(awk -v a="$cpu_sum" -v b="$cpu" 'BEGIN { print a + b }')
    printf '%-34s %9.1f %9s%s\n' "$p" "$wall" "$cpu" "$note" | tee -a "$table"
done
printf '%-34s %9.1f %9.1f\n' total "$wall_sum" "$cpu_sum" | tee -a "$table"
exit $fail

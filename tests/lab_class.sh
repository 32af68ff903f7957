#!/bin/bash
# lab_class.sh — the starter and every hand-written mutant of one lab, graded
# as one class (`make test-lab-<lab>`, tests/labs.mk).
#
#   tests/lab_class.sh LAB FILE GRADER MAKE JOBS
#
# Each mutant tests/mutants/LAB/<name>.c becomes a submission folder
# `mutant-<name>` holding FILE (the lab's student file name), and the
# starter labs/LAB/FILE a folder `starter`; `GRADER class` grades them,
# JOBS at a time, each exactly as `make gradebook` grades a student
# (`make grade SUBMISSION=... GRADE_BATCH=1` in a build of its own under
# build/mutants/LAB/class/), from scratch (--fresh). Then every row of the
# gradebook is held to its bound: the starter below half the lab's maximum,
# each mutant below the maximum. One line per check, with the grader's score;
# a row that breaks its bound (or was not graded) is named with its log, and
# the script exits 1 after checking every row.
set -u
[ $# -eq 5 ] || { echo "usage: tests/lab_class.sh LAB FILE GRADER MAKE JOBS" >&2; exit 2; }
lab=$1 file=$2 grader=$3 make=$4 jobs=$5
base=build/mutants/$lab
class=$base/subs
log=build/test/$lab.class.log

rm -rf "$class" "$base/gradebook.csv"
mkdir -p "$class/starter" build/test
cp "labs/$lab/$file" "$class/starter/"
n=0
for m in tests/mutants/"$lab"/*.c; do
    [ -e "$m" ] || continue
    name=$(basename "$m" .c)
    mkdir -p "$class/mutant-$name"
    cp "$m" "$class/mutant-$name/$file"
    n=$((n + 1))
done
echo "== $lab: the starter scores below half marks; each of its $n mutants loses points" \
     "(graded as a class, $jobs at a time)"

if ! "$grader" class --class "$class" --labs "$lab" --files "$lab:$file" \
        --out "$base/gradebook.csv" --dir "$base/class" -j "$jobs" --make "$make" --fresh \
        >"$log" 2>&1; then
    cat "$log"
    echo "FAILED: $lab: grading the starter and the mutants as a class (log: $log)"
    exit 1
fi

# The build of row $1 (the class names it <folder>-<8 hex digits>).
row_dir() {
    local d
    for d in "$base/class/${1:0:40}"-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]; do
        [ -d "$d" ] && { echo "$d"; return; }
    done
}

fail=0 rows=0 lines=() first= failed=()
# gradebook.csv: student,<lab>,total,max,note (CRLF line ends)
while IFS=, read -r who score _total max _note; do
    [ "$who" = student ] && continue
    rows=$((rows + 1))
    max=${max%$'\r'}
    dir=$(row_dir "$who")
    shown=$(grep -m1 '^Score' "$dir/grade.log" 2>/dev/null || echo "Score: ${score:-none}/$max ($lab)")
    case $who in
        starter) bound=0.5 what="the starter" ;;
        mutant-*) bound=1 what="mutant ${who#mutant-}" ;;
        *) bound=0 what="$who (not a submission of this test)" ;;
    esac
    if [ -n "$score" ] && awk -v s="$score" -v m="$max" -v b="$bound" 'BEGIN { exit !(s < b * m) }'; then
        line=$(printf '   %-40s %s' "$what" "$shown")
        if [ "$who" = starter ]; then first=$line; else lines+=("$line"); fi
    else
        if [ "$who" = starter ]; then
            why="FAILED: $lab: the starter does not score below half marks ($shown; log: $dir/grade.log)"
        else
            why="FAILED: $lab: $what was not caught ($shown; tests/mutants/$lab/${who#mutant-}.c; log: $dir/grade.log)"
        fi
        failed+=("$dir/grade.log" "$why")
        fail=1
    fi
done <"$base/gradebook.csv"
[ -n "$first" ] && echo "$first"
[ ${#lines[@]} -gt 0 ] && printf '%s\n' "${lines[@]}"
# Each row that broke its bound: its grading log, then what failed.
for ((i = 0; i < ${#failed[@]}; i += 2)); do
    echo "---- ${failed[i]}"
    cat "${failed[i]}" 2>/dev/null
    echo "${failed[i + 1]}"
done
if [ "$rows" -ne $((n + 1)) ]; then
    echo "FAILED: $lab: the gradebook has $rows rows, not $((n + 1)) (log: $log)"
    fail=1
fi
exit $fail
